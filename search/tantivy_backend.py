"""Embedded search over an on-disk tantivy index (tantivy 0.27, official Python bindings).

Ranking, in words:

* A case number in the query ("tn 2019 3825") is an exact term on the normalized
  `case_numbers` field. Alone it is the whole query; next to words it is an optional clause
  with a constant score far above any text score, so the documents of that case come first
  and the text matches follow.
* Each remaining word is one clause: the exact stem in the title (boost 3) or the body, or,
  for longer words, the same stem within 1–2 typos at a lower constant score. A document
  with the exact word therefore always outranks one that only has a near miss.
* Swedish word knowledge (`search.swedish`) widens each word clause: the word's lemma
  (`strandskyddet` → `strandskydd`), and the `expansions` field, where every document also
  holds the lemmas and compound parts of its words, so `bostad` finds `bostadsunderskott`
  and `nämnd` finds `stadsbyggnadsnämnden`, below direct matches (boost 0.5). An
  abbreviation of a body (`KS`, `SBN`) also matches the body's name and its committee
  facet, and a body's one-word name matches its abbreviation.
* Words are combined with AND: an officer who types more words wants fewer, better hits,
  and typos do not break AND because each word clause already includes its fuzzy variants.
  If AND finds nothing, the query is run again with OR, where BM25 adds up the words each
  document matches, so documents with more of the words still rank first.
* Filters are MUST clauses with score 0, so they restrict without changing the ranking.
  Without any text the matching documents are listed newest first.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Document, Index, Occur, Query

from search.backend import (
    SNIPPET_CHARS,
    SORTS,
    IndexDocument,
    QueryError,
    SearchError,
    SearchHit,
    SearchQuery,
    SearchResult,
    leading_snippet,
)
from search.matching import (
    Match,
    QueryWord,
    _stems,
    best_passage,
    compound_carriers,
    lowered,
    near_miss_matches,
    query_words,
    swedish_analyzer,
    term_matches,
)
from search.query import (
    ParsedQuery,
    case_keys,
    fuzzy_distance,
    normalize_case_number,
    parse_query,
)
from search.stop_words import SWEDISH_STOP_WORDS
from search.swedish import (
    expansion_text,
)

ANALYZER_NAME = "sv_stem"
TITLE_BOOST = 3.0
FUZZY_BOOST = 0.5  # fuzzy queries score a constant; keep it below any real BM25 match
CASE_NUMBER_SCORE = 10_000.0  # above any text score, so case hits rank first
EXPANSION_BOOST = 0.5  # a lemma or compound part counts, but less than the word itself
COMMITTEE_BOOST = 2.0  # "KS" in a query: documents of kommunstyrelsen first
PARTS_BOOST = 0.3  # a compound's parts found apart: relevant, but below the compound itself
# "modell för samverkan" is "samverkansmodell"; parts seven words apart are chance
# ("lyfts fram … område" is not "områdeslyft").
PARTS_WINDOW = 3
CASE_DOCUMENTS_LIMIT = 1000
FACET_SIZE = 1000
# Distinct committee combinations counted at most; beyond, the facet is counted per committee.
COMMITTEE_SET_SIZE = 10_000
COMMITTEE_SEPARATOR = "\x1f"
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
DEFAULT_WRITER_HEAP = 64_000_000


def build_schema() -> tantivy.Schema:
    """The index layout; raw fields are matched exactly, fast fields feed facets and sorting."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("source", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name=ANALYZER_NAME)
    builder.add_text_field("body", stored=True, tokenizer_name=ANALYZER_NAME)
    builder.add_text_field("doc_type", stored=True, fast=True, tokenizer_name="raw")
    builder.add_text_field("committees", stored=True, fast=True, tokenizer_name="raw")
    builder.add_integer_field("year", stored=True, indexed=True, fast=True)
    builder.add_text_field("date", stored=True, fast=True, tokenizer_name="raw")
    # The date as a number (20231201) for "newest first": ordering on an integer column is
    # several times faster than on the text one.
    builder.add_integer_field("day", stored=False, indexed=False, fast=True)
    # The document's committees as one value ("kommunstyrelsen\x1ftekniska nämnden"): the
    # committee facet is summed from its counts, since counting a single-valued column is
    # several times faster than counting the multi-valued `committees`.
    builder.add_text_field("committee_set", stored=False, fast=True, tokenizer_name="raw")
    builder.add_text_field("case_numbers", stored=True, tokenizer_name="raw")
    # What case-number queries match: each number, and its tail without series, so that a
    # query without series ("dnr 2024-00134") finds the case whatever series it was filed in.
    builder.add_text_field("case_keys", stored=False, tokenizer_name="raw")
    # Lemmas and compound parts of the document's words (search.swedish); searched, never shown.
    builder.add_text_field("expansions", stored=False, tokenizer_name=ANALYZER_NAME)
    return builder.build()


def _cannot_write(path: Path) -> bool:
    """Whether this process may not create files in `path` (read-only mount or rights)."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        pass
    return not os.access(path, os.W_OK)


class TantivyBackend:
    """The SearchBackend over a tantivy index directory (created if missing).

    Every write takes the index writer lock for one batch only (one commit per call), so
    other processes can open the same directory to read, and to write in turn.
    """

    def __init__(
        self,
        path: Path,
        *,
        writer_heap_bytes: int = DEFAULT_WRITER_HEAP,
        rebuild_outdated: bool = False,
    ) -> None:
        self.path = Path(path)
        self._writer_heap = writer_heap_bytes
        self._rebuild_outdated = rebuild_outdated
        self._analyzer = swedish_analyzer()
        #: A folder of links to the index's files, when the index itself is read-only.
        self._mirror: Path | None = None
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            index = self._open_or_recreate()
        except (OSError, ValueError) as exc:
            if rebuild_outdated or not _cannot_write(self.path):
                raise SearchError(f"cannot open tantivy index at {self.path}: {exc}") from exc
            index = self._open_read_only()
        # Analyzers are not persisted with the index: register on every open.
        index.register_tokenizer(ANALYZER_NAME, self._analyzer)
        self._index: Index | None = index
        self._schema = index.schema
        self._loaded_stamp: tuple[int, int, int] | None = None

    def _open_or_recreate(self) -> Index:
        """Open the index; for the ingestion that writes it, an index of an older schema is
        dropped and made anew.

        The index is derived data: `sync_index` refills it from the archive's records, so a
        schema change costs a re-index, never a document. A reader (search, web page) never
        drops anything: it is told to re-run ingestion.
        """
        try:
            return Index(build_schema(), path=str(self.path), reuse=True)
        except ValueError as exc:
            if "schema" not in str(exc).lower():
                raise
            if not self._rebuild_outdated:
                raise SearchError(
                    f"the search index at {self.path} was built by an older version of Diarium; "
                    "run `diarium ingest` (any path) to rebuild it from the archive"
                ) from exc
        for entry in self.path.iterdir():
            if entry.is_file():
                entry.unlink()
        return Index(build_schema(), path=str(self.path), reuse=False)

    def _open_read_only(self) -> Index:
        """Open an index that this process may not write (a read-only mount, a snapshot, a
        replica): tantivy takes a lock file next to meta.json even to read, so the index is
        opened through a temporary folder of links to its files, where the lock can be
        made. Nothing is copied; the links follow the index when it changes (a replica)."""
        if not (self.path / "meta.json").exists():
            raise SearchError(
                f"no search index at {self.path} (and the folder is read-only): "
                "run `diarium ingest` where the archive is writable"
            )
        self._mirror = Path(tempfile.mkdtemp(prefix="diarium-index-"))
        # Removed on close, and at exit for a caller that never closes (a CLI search).
        weakref.finalize(self, shutil.rmtree, str(self._mirror), True)
        self._link_files()
        try:
            return Index(build_schema(), path=str(self._mirror), reuse=True)
        except ValueError as exc:
            self._remove_mirror()
            raise SearchError(f"cannot open tantivy index at {self.path}: {exc}") from exc

    def _link_files(self) -> None:
        """Bring the links in the mirror in line with the index's files."""
        assert self._mirror is not None
        wanted = {entry.name for entry in self.path.iterdir() if not entry.name.endswith(".lock")}
        for link in self._mirror.iterdir():
            if link.is_symlink() and link.name not in wanted:
                link.unlink()
        for name in wanted:
            link = self._mirror / name
            if not link.is_symlink():
                link.symlink_to(self.path / name)

    def _remove_mirror(self) -> None:
        if self._mirror is not None:
            shutil.rmtree(self._mirror, ignore_errors=True)
            self._mirror = None

    # -- writing ---------------------------------------------------------------------------

    def upsert(self, documents: Iterable[IndexDocument]) -> int:
        """Replace documents by id (delete, then add) and commit once for the whole batch."""
        batch = list(documents)
        if not batch:
            return 0
        with self._writer() as writer:
            for document in batch:
                # A delete only hides documents added before it, so a repeated id in one
                # batch leaves exactly its last version.
                writer.delete_documents_by_term("id", document.id)
                writer.add_document(self._to_tantivy(document))
        return len(batch)

    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by id in one commit; unknown ids are ignored."""
        wanted = list(ids)
        if not wanted:
            return 0
        with self._writer() as writer:
            for doc_id in wanted:
                writer.delete_documents_by_term("id", doc_id)
        return len(wanted)

    @contextmanager
    def _writer(self) -> Iterator[tantivy.IndexWriter]:
        index = self._open()
        try:
            writer = index.writer(heap_size=self._writer_heap, num_threads=1)
        except ValueError as exc:
            if "lock" in str(exc).lower():
                raise SearchError(
                    f"the tantivy index at {self.path} is being written by another writer "
                    "(another process, or an unfinished write in this one); retry when it "
                    "has finished"
                ) from exc
            raise SearchError(f"cannot open a writer on {self.path}: {exc}") from exc
        try:
            yield writer
            writer.commit()
        except ValueError as exc:
            writer.rollback()
            raise SearchError(f"writing to {self.path} failed: {exc}") from exc
        except BaseException:
            writer.rollback()
            raise
        finally:
            # Dropping the writer releases the lock; waiting lets merges finish first.
            writer.wait_merging_threads()
        index.reload()
        self._loaded_stamp = None

    def _to_tantivy(self, document: IndexDocument) -> Document:
        doc = Document()
        doc.add_text("id", document.id)
        doc.add_text("source", document.source)
        doc.add_text("title", document.title)
        doc.add_text("body", document.text)
        doc.add_text("expansions", expansion_text(f"{document.title}\n{document.text}"))
        # Filter and facet values are compared exactly, so they are lowercased on the way in
        # and on the way out of a query.
        if document.doc_type.strip():
            doc.add_text("doc_type", document.doc_type.strip().lower())
        committees = [c for c in dict.fromkeys(c.strip().lower() for c in document.committees) if c]
        for committee in committees:
            doc.add_text("committees", committee)
        if committees:
            doc.add_text("committee_set", COMMITTEE_SEPARATOR.join(sorted(committees)))
        if document.year is not None:
            doc.add_integer("year", document.year)
        if document.date:
            doc.add_text("date", document.date)
            day = _DATE.match(document.date)
            if day:
                doc.add_integer("day", int("".join(day.groups())))
        for case_number in dict.fromkeys(document.case_numbers):
            doc.add_text("case_numbers", normalize_case_number(case_number))
        for key in case_keys(document.case_numbers):
            doc.add_text("case_keys", key)
        return doc

    # -- reading ---------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        """Ranked hits with snippets and facets (see the module docstring for the ranking)."""
        started = time.perf_counter()
        if query.limit < 0 or query.offset < 0:
            raise QueryError("limit and offset must not be negative")
        if query.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {query.sort!r}")
        parsed = parse_query(query.text)
        if query.only_ids is not None and not query.only_ids:
            return SearchResult(query=query.text, total=0, took_ms=0.0, hits=[])
        searcher = self._searcher()
        filters = self._filters(query)
        terms = self._words(parsed.words)
        try:
            tantivy_query = self._compose(parsed, terms, filters, require_all=True)
            if parsed.is_empty:
                # Nothing to rank by: the newest documents first.
                total, hits = self._ranked(searcher, tantivy_query, query, sort="date")
            else:
                total, hits = self._ranked(searcher, tantivy_query, query)
                if (
                    total == 0
                    and len(terms) > 1
                    and not self._all_words_elsewhere(searcher, parsed, terms, query)
                ):
                    tantivy_query = self._compose(parsed, terms, filters, require_all=False)
                    total, hits = self._ranked(searcher, tantivy_query, query)
            # The facets are a second pass over every match: only for callers that show them.
            facets = self._facets(searcher, tantivy_query) if total and query.facets else {}
            result_hits = self._hits(searcher, hits, parsed, terms)
        except ValueError as exc:
            raise SearchError(f"search failed for {query.text!r}: {exc}") from exc
        return SearchResult(
            query=query.text,
            total=total,
            took_ms=(time.perf_counter() - started) * 1000,
            hits=result_hits,
            facets=facets,
        )

    def documents_with_case(self, case_number: str) -> list[SearchHit]:
        """Every document of a case, oldest first (undated last), without snippets."""
        normalized = normalize_case_number(case_number)
        searcher = self._searcher()
        query = Query.term_query(self._schema, "case_keys", normalized)
        found = searcher.search(query, limit=CASE_DOCUMENTS_LIMIT).hits
        hits = [self._hit(searcher.doc(address).to_dict(), score, "") for score, address in found]
        return sorted(hits, key=lambda hit: (hit.date is None, hit.date or "", hit.id))

    def similar(self, doc_id: str, limit: int = 5) -> list[SearchHit]:
        """More-like-this over the document's own terms; Swedish stop words left out."""
        searcher = self._searcher()
        found = searcher.search(self._term("id", doc_id), limit=1).hits
        if not found or limit <= 0:
            return []
        query = Query.more_like_this_query(
            found[0][1],
            min_doc_frequency=1,
            min_term_frequency=2,
            max_query_terms=30,
            min_word_length=4,
            stop_words=sorted(SWEDISH_STOP_WORDS),
        )
        hits = searcher.search(query, limit=limit + 1).hits
        return [
            hit
            for hit in (self._hit(searcher.doc(a).to_dict(), float(score), "") for score, a in hits)
            if hit.id != doc_id
        ][:limit]

    def ids(self) -> set[str]:
        """Every indexed id (reads each stored document: meant for consistency checks)."""
        searcher = self._searcher()
        if searcher.num_docs == 0:
            return set()
        found = searcher.search(Query.all_query(), limit=searcher.num_docs, count=False).hits
        return {searcher.doc(address)["id"][0] for _, address in found}

    def count(self) -> int:
        return int(self._searcher().num_docs)

    def close(self) -> None:
        # Writers never outlive a call, so there is nothing to flush; drop the reader.
        self._index = None
        self._remove_mirror()

    def _searcher(self) -> tantivy.Searcher:
        index = self._open()
        # The reader follows commits on its own, but only after a short delay. Every commit
        # (ours or another process's) replaces meta.json, so a new file there means reload
        # now; a reload costs 0.1–0.4 ms on a 100,000-document index, a stat 5 µs.
        stamp = self._meta_stamp()
        if stamp is None or stamp != self._loaded_stamp:
            if self._mirror is not None:
                self._link_files()  # a replica's new segments
            index.reload()
            self._loaded_stamp = stamp
        return index.searcher()

    def _meta_stamp(self) -> tuple[int, int, int] | None:
        """Which meta.json is on disk: it is written anew and renamed into place on every
        commit, so its inode (and time, size) differ from one commit to the next."""
        try:
            stat = os.stat(self.path / "meta.json")
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _open(self) -> Index:
        if self._index is None:
            raise SearchError(f"the search backend for {self.path} is closed")
        return self._index

    # -- query building --------------------------------------------------------------------

    def _words(self, words: Sequence[str]) -> list[QueryWord]:
        return query_words(words)

    def _term_clause(self, word: QueryWord) -> Query:
        """One word: its stem or lemma in title, body or expansions; a near miss for long words;
        for an abbreviation of a body, the body's name and committee facet."""
        clauses: list[tuple[Occur, Query]] = []
        for term in (word.term, *word.variants):
            clauses.append(
                (Occur.Should, Query.boost_query(self._term("title", term), TITLE_BOOST))
            )
            clauses.append((Occur.Should, self._term("body", term)))
            clauses.append(
                (Occur.Should, Query.boost_query(self._term("expansions", term), EXPANSION_BOOST))
            )
        distance = fuzzy_distance(word.term)
        if distance:
            for field in ("title", "body"):
                fuzzy = Query.fuzzy_term_query(
                    self._schema, field, word.term, distance=distance, transposition_cost_one=True
                )
                clauses.append((Occur.Should, Query.boost_query(fuzzy, FUZZY_BOOST)))
        if len(word.parts) >= 2:
            # The parts mean the compound only when they stand close together, in either
            # order ("modellen för samverkan" for "samverkansmodell").
            first, last = word.parts[0], word.parts[-1]
            pairs: list[list[str | tuple[int, str]]] = [[first, last], [last, first]]
            near = [
                (Occur.Should, Query.phrase_query(self._schema, "body", pair, slop=PARTS_WINDOW))
                for pair in pairs
            ]
            clauses.append(
                (Occur.Should, Query.boost_query(Query.boolean_query(near), PARTS_BOOST))
            )
        if word.committee:
            name_terms = _stems(word.committee)
            name = Query.boolean_query([(Occur.Must, self._term("body", t)) for t in name_terms])
            clauses.append((Occur.Should, name))
            facet = Query.const_score_query(
                self._term("committees", word.committee), COMMITTEE_BOOST
            )
            clauses.append((Occur.Should, facet))
        return Query.boolean_query(clauses)

    def _compose(
        self,
        parsed: ParsedQuery,
        terms: Sequence[QueryWord],
        filters: list[Query],
        *,
        require_all: bool,
    ) -> Query:
        """The full query: case numbers, words (AND or OR) and filters."""
        clauses: list[tuple[Occur, Query]] = [(Occur.Must, f) for f in filters]
        words: Query | None = None
        if terms:
            occur = Occur.Must if require_all else Occur.Should
            words = Query.boolean_query([(occur, self._term_clause(t)) for t in terms])
        cases: Query | None = None
        if parsed.case_numbers:
            # A union of term queries, not a term-set query: the same documents, and the
            # term-set query costs a fixed 0.2 ms per run (its automaton), twice per search.
            cases = Query.boolean_query(
                [(Occur.Should, self._term("case_keys", c)) for c in parsed.case_numbers]
            )
        if cases is not None and words is not None:
            boosted = Query.const_score_query(cases, CASE_NUMBER_SCORE)
            either = Query.boolean_query([(Occur.Should, boosted), (Occur.Should, words)])
            clauses.append((Occur.Must, either))
        elif cases is not None:
            clauses.append((Occur.Must, Query.const_score_query(cases, CASE_NUMBER_SCORE)))
        elif words is not None:
            clauses.append((Occur.Must, words))
        if not clauses:
            return Query.all_query()
        if words is None and cases is None:
            clauses.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)

    def _filters(self, query: SearchQuery) -> list[Query]:
        values: list[tuple[str, Any]] = []
        if query.doc_type:
            values.append(("doc_type", query.doc_type.strip().lower()))
        if query.committee:
            values.append(("committees", query.committee.strip().lower()))
        if query.year is not None:
            if isinstance(query.year, bool) or not isinstance(query.year, int):
                raise QueryError(f"year must be an integer, not {query.year!r}")
            values.append(("year", query.year))
        if query.case_number:
            values.append(("case_keys", normalize_case_number(query.case_number)))
        # Score 0: a filter narrows the hits but must not reorder them.
        filters = [Query.const_score_query(self._term(f, v), 0.0) for f, v in values]
        if query.only_ids is not None:
            ids = Query.boolean_query([(Occur.Should, self._term("id", i)) for i in query.only_ids])
            filters.append(Query.const_score_query(ids, 0.0))
        return filters

    def _all_words_elsewhere(
        self,
        searcher: tantivy.Searcher,
        parsed: ParsedQuery,
        terms: Sequence[QueryWord],
        query: SearchQuery,
    ) -> bool:
        """For a search restricted to some documents (`only_ids`): whether documents outside
        them match every word, in which case the search over the archive would not fall
        back to any word, and the restricted one must not either."""
        if query.only_ids is None:
            return False
        unrestricted = self._filters(replace(query, only_ids=None))
        everywhere = self._compose(parsed, terms, unrestricted, require_all=True)
        return _total(searcher.search(everywhere, limit=1)) > 0

    def _term(self, field: str, value: Any) -> Query:
        return Query.term_query(self._schema, field, value)

    # -- collecting ------------------------------------------------------------------------

    def _ranked(
        self,
        searcher: tantivy.Searcher,
        query: Query,
        request: SearchQuery,
        *,
        sort: str | None = None,
    ) -> tuple[int, list[tuple[float, Any]]]:
        """The total and one page of (score, address); one pass over the matches."""
        # limit=0 panics inside tantivy, so a request for no hits asks for one and drops it.
        if (sort or request.sort) == "date":
            # Newest first on the fast date field; the order key is the date, not a score.
            found = searcher.search(
                query, limit=max(request.limit, 1), offset=request.offset, order_by_field="day"
            )
            hits = found.hits if request.limit else []
            return _total(found), [(0.0, address) for _, address in hits]
        found = searcher.search(query, limit=max(request.limit, 1), offset=request.offset)
        hits = found.hits if request.limit else []
        return _total(found), [(float(score), address) for score, address in hits]

    def _facets(self, searcher: tantivy.Searcher, query: Query) -> dict[str, dict[str, int]]:
        """Counts over every match (not just the page), from the fast fields."""
        spec = {
            "doc_type": {"terms": {"field": "doc_type", "size": FACET_SIZE}},
            "committee_set": {"terms": {"field": "committee_set", "size": COMMITTEE_SET_SIZE}},
            "year": {"terms": {"field": "year", "size": FACET_SIZE}},
        }
        result = searcher.aggregate(query, spec)
        combinations = result.get("committee_set", {})
        if combinations.get("sum_other_doc_count"):  # more combinations than counted
            spec = {"committee": {"terms": {"field": "committees", "size": FACET_SIZE}}}
            committees = _counts(searcher.aggregate(query, spec).get("committee", {}))
        else:
            committees = {}
            for combination, count in _counts(combinations).items():
                for committee in combination.split(COMMITTEE_SEPARATOR):
                    committees[committee] = committees.get(committee, 0) + count
            committees = dict(sorted(committees.items(), key=lambda kv: (-kv[1], kv[0])))
        return {
            "doc_type": _counts(result.get("doc_type", {})),
            "committee": dict(list(committees.items())[:FACET_SIZE]),
            "year": _counts(result.get("year", {})),
        }

    def _hits(
        self,
        searcher: tantivy.Searcher,
        hits: list[tuple[float, Any]],
        parsed: ParsedQuery,
        words: Sequence[QueryWord],
    ) -> list[SearchHit]:
        addresses = [address for _, address in hits]
        documents = [searcher.doc(address).to_dict() for address in addresses]
        bodies = [_first(document, "body") or "" for document in documents]
        ids = [_first(document, "id") or "" for document in documents]
        snippets = self._snippets(searcher, ids, addresses, bodies, parsed, words)
        return [
            self._hit(document, score, snippet)
            for (score, _), document, snippet in zip(hits, documents, snippets, strict=True)
        ]

    def _snippets(
        self,
        searcher: tantivy.Searcher,
        ids: list[str],
        addresses: list[Any],
        bodies: list[str],
        parsed: ParsedQuery,
        words: Sequence[QueryWord],
    ) -> list[str]:
        """A highlighted body passage per document, falling back to the start of the body.

        What is highlighted, in turn, until a document has something: the query's stems
        (and the parts of a case number); for documents found only through a typo, the body
        words within the typo distance; for documents found through a lemma or a compound
        part, the body words that carry it. Each body is searched, not tokenized: see
        `term_matches`. Reading every word of a body for those last ones is the slow step,
        so it is done only for documents whose expansion terms hold a query term.
        """
        terms = list(dict.fromkeys(t for w in words for t in (w.term, *w.variants)))
        exact = list(terms)
        for case_number in parsed.case_numbers:
            exact.extend(t for t in _stems(case_number) if t not in exact)
        fuzzy = [(t, d) for t in terms if (d := fuzzy_distance(t))]
        term_set = frozenset(terms)
        frequencies: dict[str, float] = {}

        def weight(term: str) -> float:
            if term not in frequencies:
                frequencies[term] = 1.0 / (1.0 + searcher.doc_freq("body", term))
            return frequencies[term]

        found: list[list[Match]] = []
        lows: list[str] = []
        for body in bodies:
            matches: list[Match] = []
            low = lowered(body) if exact else ""
            if exact:
                matches = term_matches(low, exact)
                if not matches and fuzzy:
                    matches = near_miss_matches(low, fuzzy)
            found.append(matches)
            lows.append(low)
        unmarked = [i for i, matches in enumerate(found) if not matches]
        if unmarked and term_set:
            expanded = self._with_expansions(
                searcher, [ids[i] for i in unmarked], [addresses[i] for i in unmarked], term_set
            )
            for i in unmarked:
                if _address_key(addresses[i]) in expanded:
                    found[i] = term_matches(lows[i], compound_carriers(lows[i], term_set))
        return [
            best_passage(body, matches, weight, SNIPPET_CHARS) if matches else leading_snippet(body)
            for body, matches in zip(bodies, found, strict=True)
        ]

    def _with_expansions(
        self,
        searcher: tantivy.Searcher,
        ids: list[str],
        addresses: list[Any],
        terms: frozenset[str],
    ) -> set[tuple[int, int]]:
        """Which of these documents hold one of `terms` in their `expansions` field.

        Only those can have a body word that carries a query term as its lemma or compound
        part, since that field holds the expansion terms of every word of title and body.
        """
        query = Query.boolean_query(
            [
                (
                    Occur.Must,
                    Query.boolean_query([(Occur.Should, self._term("id", i)) for i in ids]),
                ),
                (
                    Occur.Must,
                    Query.boolean_query(
                        [(Occur.Should, self._term("expansions", t)) for t in sorted(terms)]
                    ),
                ),
            ]
        )
        found = searcher.search(query, limit=len(ids), count=False).hits
        return {_address_key(address) for _, address in found}

    @staticmethod
    def _hit(document: dict[str, list[Any]], score: float, snippet: str) -> SearchHit:
        return SearchHit(
            id=_first(document, "id") or "",
            source=_first(document, "source") or "",
            title=_first(document, "title") or "",
            doc_type=_first(document, "doc_type") or "",
            date=_first(document, "date"),
            score=score,
            snippet=snippet,
            committees=list(document.get("committees", [])),
            case_numbers=list(document.get("case_numbers", [])),
        )


def _counts(aggregation: dict[str, Any]) -> dict[str, int]:
    """Bucket key -> document count of a terms aggregation, keys as text ("2023")."""
    return {
        str(int(b["key"]) if isinstance(b["key"], float) else b["key"]): int(b["doc_count"])
        for b in aggregation.get("buckets", [])
    }


def _address_key(address: Any) -> tuple[int, int]:
    return (address.segment_ord, address.doc)


def _total(found: tantivy.SearchResult) -> int:
    # The 0.27 type stub omits SearchResult.count, which the extension does have.
    return int(found.count or 0)  # type: ignore[attr-defined]


def _first(document: dict[str, list[Any]], field: str) -> Any:
    values = document.get(field)
    return values[0] if values else None
