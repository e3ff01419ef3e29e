"""How the Meilisearch backend answers one query: the searches it sends (all words, parts of
compounds, case numbers, any word as a fallback, newest first) and how their hits are shown.

`QueryPlans` is the backend's half that plans; the backend supplies the three things a plan
needs: `_multi_search` (send searches in one request), `_swedish` (word knowledge) and
`_ready`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from search.backend import (
    SearchHit,
    SearchQuery,
)
from search.meili_text import (
    CASE_DOCUMENTS_LIMIT,
    CASE_NUMBER_SCORE,
    CROP_WORDS,
    FACETS,
    FIRST_CHUNK,
    HIT_FIELDS,
    LOCALES,
    MARK_END,
    MARK_START,
    OR_CANDIDATES,
    PARTS_EXCLUDE_LIMIT,
    PARTS_WEIGHT,
    _Found,
    _hit,
    _order,
    _ranked_score,
    _score,
    _snippet,
    _Swedish,
    _unscored,
    all_of,
    equals,
    merge_facets,
    newest_first,
    one_of,
    page_window,
)
from search.query import ParsedQuery


class QueryPlans:
    """The searches behind one `SearchQuery` (mixed into `MeilisearchBackend`)."""

    _swedish: _Swedish
    _ready: bool

    def _multi_search(self, searches: Sequence[tuple[str, Mapping[str, Any]]]) -> list[_Found]:
        raise NotImplementedError

    def _newest(
        self, filters: list[str], query: SearchQuery
    ) -> tuple[int, list[SearchHit], dict[str, dict[str, int]]]:
        """No text: the matching documents, newest first."""
        page, per_page, skip = page_window(query.offset, query.limit)
        params = {
            **self._shown([*filters, FIRST_CHUNK], facets=query.facets),
            "sort": ["date:desc"],
            "page": page,
            "hitsPerPage": per_page,
        }
        (found,) = self._multi_search([("", params)])
        hits = [_hit(raw, 0.0, _snippet(raw)) for raw in found.hits[skip:]]
        return found.total, hits, merge_facets(found.facets)

    def _all_words(
        self, words: list[str], filters: list[str], query: SearchQuery
    ) -> tuple[int, list[SearchHit], dict[str, dict[str, int]]]:
        """Documents with every word, best first (or newest first); then, for a query with a
        compound, the documents that hold its parts instead (see `_with_parts`)."""
        parted = self._parted(words)
        page, per_page, skip = page_window(query.offset, query.limit)
        if parted and query.sort == "date":
            # Merged by date with the parts' documents: every hit up to offset + limit.
            page, per_page, skip = 1, query.offset + query.limit, 0
        params = {
            **self._shown(filters, facets=query.facets, highlight=True),
            **_order(query),
            "matchingStrategy": "all",
            "page": page,
            "hitsPerPage": per_page,
        }
        searches: list[tuple[str, dict[str, Any]]] = [(" ".join(words), params)]
        if parted:
            ids_only = {
                "filter": all_of(filters),
                "locales": LOCALES,
                "matchingStrategy": "all",
                "attributesToRetrieve": ["document_id"],
                "page": 1,
                "hitsPerPage": PARTS_EXCLUDE_LIMIT,
            }
            searches.append((" ".join(words), ids_only))
        found = self._multi_search(searches)
        hits = [_hit(raw, _ranked_score(raw, query), _snippet(raw)) for raw in found[0].hits[skip:]]
        if not parted or found[0].total > PARTS_EXCLUDE_LIMIT:
            if parted and query.sort == "date":
                hits = hits[query.offset : query.offset + query.limit]
            return found[0].total, hits, merge_facets(found[0].facets)
        exact_ids = [str(raw["document_id"]) for raw in found[1].hits]
        return self._with_parts(parted, exact_ids, found[0], hits, filters, query)

    def _parted(self, words: list[str]) -> list[str] | None:
        """The query with each compound replaced by its parts, or None without a compound."""
        parted: list[str] = []
        for word in words:
            parts = self._swedish.compound_parts(word)
            parted.extend(parts if len(parts) > 1 else [word])
        return parted if parted != words else None

    def _with_parts(
        self,
        parted: list[str],
        exact_ids: list[str],
        exact: _Found,
        exact_hits: list[SearchHit],
        filters: list[str],
        query: SearchQuery,
    ) -> tuple[int, list[SearchHit], dict[str, dict[str, int]]]:
        """A compound in a query also finds documents that hold its parts ("samverkansmodell"
        finds "modell för samverkansstöd"), ranked after those with the word itself, as in
        the embedded engine. The two sets are disjoint (the second excludes the first by id),
        so totals and facets add up exactly; sorted by date, both are merged by date."""
        rest = [*filters, f"NOT ({one_of('document_id', exact_ids)})"] if exact_ids else filters
        if query.sort == "date":
            # Both lists up to offset + limit in date order, merged below.
            page, per_page, skip = 1, query.offset + query.limit, 0
        else:
            # The parts' documents follow all of the word's: they start at exact.total.
            start = max(0, query.offset - exact.total)
            wanted = query.offset + query.limit - max(query.offset, exact.total)
            page, per_page, skip = page_window(start, max(0, wanted))
        params = {
            **self._shown(rest, facets=query.facets, highlight=True),
            **_order(query),
            "matchingStrategy": "all",
            "page": page,
            "hitsPerPage": per_page,
        }
        (parts,) = self._multi_search([(" ".join(parted), params)])
        part_hits = [
            _hit(raw, PARTS_WEIGHT * _ranked_score(raw, query), _snippet(raw))
            for raw in parts.hits[skip:]
        ]
        total = exact.total + parts.total
        facets = merge_facets(exact.facets, parts.facets)
        if query.sort == "date":
            merged = [_unscored(h) for h in newest_first(exact_hits + part_hits)]
            return total, merged[query.offset : query.offset + query.limit], facets
        return total, (exact_hits + part_hits)[: query.limit], facets

    def _with_cases(
        self, parsed: ParsedQuery, words: list[str], filters: list[str], query: SearchQuery
    ) -> tuple[int, list[SearchHit], dict[str, dict[str, int]]]:
        """The documents of the case numbers first, then the other documents with every word.

        Three searches in one request: the case documents ranked by the words (the case
        number's own parts first in the query, so every case document matches them through
        its `case_numbers` and is kept while `matchingStrategy: "last"` drops words), every
        case document (for the exact count, facets and any document the ranked search
        missed), and the text search without the case documents.
        """
        cases = one_of("case_keys", parsed.case_numbers)
        case_terms = [t for c in parsed.case_numbers for t in c.lower().split("-")]
        ranked = {
            **self._shown([*filters, cases], highlight=True),
            "matchingStrategy": "last",
            "page": 1,
            "hitsPerPage": CASE_DOCUMENTS_LIMIT,
        }
        every = {
            **self._shown([*filters, cases, FIRST_CHUNK], facets=query.facets),
            "sort": ["date:desc"],
            "page": 1,
            "hitsPerPage": CASE_DOCUMENTS_LIMIT,
        }
        requests_: list[tuple[str, dict[str, Any]]] = [
            (" ".join([*case_terms, *words]), ranked),
            ("", every),
        ]
        if words:
            text = {
                **self._shown([*filters, f"NOT ({cases})"], facets=query.facets, highlight=True),
                **_order(query),
                "matchingStrategy": "all",
                "page": 1,
                "hitsPerPage": query.offset + query.limit,
            }
            requests_.append((" ".join(words), text))
        found = self._multi_search(requests_)
        case_hits: dict[str, SearchHit] = {}
        for raw in found[0].hits:
            case_hits.setdefault(
                raw["document_id"], _hit(raw, CASE_NUMBER_SCORE + _score(raw), _snippet(raw))
            )
        for raw in found[1].hits:
            case_hits.setdefault(raw["document_id"], _hit(raw, CASE_NUMBER_SCORE, _snippet(raw)))
        hits = list(case_hits.values())
        total = found[1].total
        facets = [found[1].facets]
        if words:
            hits += [_hit(raw, _score(raw), _snippet(raw)) for raw in found[2].hits]
            total += found[2].total
            facets.append(found[2].facets)
        if query.sort == "date":
            # Both lists hold every hit up to offset + limit in their own order: merged by
            # date they give the first offset + limit of the whole result.
            hits = [_unscored(h) for h in newest_first(hits)]
        return total, hits[query.offset : query.offset + query.limit], merge_facets(*facets)

    def _any_word(
        self, words: list[str], filters: list[str], query: SearchQuery
    ) -> tuple[int, list[SearchHit], dict[str, dict[str, int]]]:
        """No document has every word: documents with any, most words first, then by the sum
        of their per-word ranking scores."""
        per_word = {
            "filter": all_of(filters),
            "locales": LOCALES,
            "matchingStrategy": "all",
            "attributesToRetrieve": ["document_id", "date"],
            "showRankingScore": True,
            "limit": OR_CANDIDATES,
        }
        found = self._multi_search([(word, per_word) for word in words])
        matched: dict[str, list[str]] = {}
        scores: dict[str, float] = {}
        dates: dict[str, str] = {}
        for word, result in zip(words, found, strict=True):
            for raw in result.hits:
                doc_id = raw["document_id"]
                matched.setdefault(doc_id, []).append(word)
                scores[doc_id] = scores.get(doc_id, 0.0) + _score(raw)
                dates[doc_id] = raw.get("date") or ""
        ranking = sorted(matched, key=lambda d: (-len(matched[d]), -scores[d]))
        if query.sort == "date":
            ranking = sorted(ranking, key=lambda d: dates[d], reverse=True)  # undated ("") last
            scores = dict.fromkeys(scores, 0.0)
        page_ids = ranking[query.offset : query.offset + query.limit]
        if not ranking:
            return 0, [], {}
        # The page's hits with snippets (each document searched for the words it holds),
        # and the facets over every document found.
        facet_params = {
            "filter": all_of([*filters, one_of("document_id", ranking), FIRST_CHUNK]),
            "locales": LOCALES,
            "facets": list(FACETS.values()),
            "page": 1,
            "hitsPerPage": 0,
        }
        requests_: list[tuple[str, dict[str, Any]]] = [("", facet_params)]
        for doc_id in page_ids:
            one = {
                **self._shown([*filters, equals("document_id", doc_id)], highlight=True),
                "matchingStrategy": "all",
                "limit": 1,
            }
            requests_.append((" ".join(matched[doc_id]), one))
        shown = self._multi_search(requests_)
        hits: list[SearchHit] = []
        for doc_id, result in zip(page_ids, shown[1:], strict=True):
            if result.hits:
                raw = result.hits[0]
                hits.append(_hit(raw, scores[doc_id], _snippet(raw)))
        return len(ranking), hits, merge_facets(shown[0].facets)

    def _shown(
        self, filters: Sequence[str], *, facets: bool = False, highlight: bool = False
    ) -> dict[str, Any]:
        """Search parameters for hits that are shown: fields, score, snippet, facets."""
        params: dict[str, Any] = {
            "filter": all_of(filters),
            "locales": LOCALES,
            "attributesToRetrieve": HIT_FIELDS,
            "showRankingScore": True,
        }
        if highlight:
            # Without a marked word in the crop, the snippet is the start of the chunk body.
            params.update(
                attributesToCrop=["body"],
                cropLength=CROP_WORDS,
                cropMarker="…",
                attributesToHighlight=["body"],
                highlightPreTag=MARK_START,
                highlightPostTag=MARK_END,
            )
        if facets:
            params["facets"] = list(FACETS.values())
        return params

    # -- talking to the server -------------------------------------------------------------
