"""Search on a Meilisearch server (tested on 1.21; ≥ 1.15 for `disableOnNumbers`) through the
official `meilisearch` Python client. What follows was checked against a real 1.21 server
(tests/test_search_contract.py, tests/test_meilisearch_server.py).

The backend answers the same `SearchQuery` as the embedded engine, the same way:

* **Chunks.** Meilisearch indexes long texts slowly and crops snippets from one attribute,
  so every document is stored as chunks of at most `CHUNK_MAX_BYTES` (a section, a page or
  a run of paragraphs), each carrying the document's metadata; no chunk comes near the
  65,535 words per attribute past which Meilisearch indexes nothing. `distinctAttribute` is
  the document id, so a search returns one hit per document, with the chunk that matched
  best as its snippet; totals and facets count documents, not chunks (counted exhaustively,
  by page-based requests; with chunked documents on 1.21 they show none of the distinct
  counting problems of Meilisearch issues #2152, #4001 and #4130).
* **Case numbers** come out of the query through `search.query.parse_query`. Alone they are
  a filter on `case_keys` (each normalized case number and its series-less tail, as in the
  embedded engine). Next to words, the documents of the case come first (those that also
  hold the words first), then the other documents that hold all the words: three searches
  in one multi-search request, merged here. Sorted by date, the merged hits are in date
  order throughout.
* **Words** must all match (`matchingStrategy: "all"`, with Meilisearch's typo tolerance set
  to the same policy as `search.query.fuzzy_distance`). If no document has all of them, each
  word is searched alone and the documents are ranked by how many words they hold, then by
  the sum of their ranking scores: the OR fallback of the embedded engine. Each word is sent
  as its base form when `search.swedish` indexes that form in `expansions`, so `nämnden`,
  `nämndens` and `nämnder` find each other. A compound in the query also finds the
  documents that hold its parts (`samverkansmodell`: "modell för samverkansstöd"), after
  every document with the word itself.
* **Filters** are built from quoted, escaped values: a committee name or a query can never
  change the filter expression.
* **Snippets** come from Meilisearch's crop and highlight, with private-use characters as
  highlight tags. Meilisearch tags only the part of a word that matched (a prefix, or the
  letters a typo left: `nämnd|en`), so the tags are widened to whole words; then the text
  is HTML-escaped and the tags become `<mark>`, so snippets are escaped and marked exactly
  like the embedded engine's.
* **Writes** go in batches; every task is waited for with a timeout and its status checked.
  `rebuild` fills a fresh index and swaps it in atomically.
* **Keys**: reads use the search-only key (`MEILI_SEARCH_KEY`) when there is one, writes
  the admin key (`MEILI_API_KEY`). A search-only key may not read stored documents, so a
  reader counts documents with a search. A server that cannot be reached raises
  SearchUnavailable, a refused key SearchForbidden (naming the variable the key came from).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import meilisearch
import requests
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchError,
    MeilisearchTimeoutError,
)
from meilisearch.index import Index
from meilisearch.models.task import TaskInfo

from search.backend import (
    SORTS,
    IndexDocument,
    QueryError,
    SearchError,
    SearchForbidden,
    SearchHit,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
)
from search.meili_plans import QueryPlans
from search.meili_settings import INDEX_SETTINGS, PRIMARY_KEY
from search.meili_text import (
    CASE_DOCUMENTS_LIMIT,
    DEFAULT_BATCH_SIZE,
    DEFAULT_HTTP_TIMEOUT_S,
    DEFAULT_INDEX_UID,
    DEFAULT_TASK_TIMEOUT_S,
    DELETE_IDS_PER_TASK,
    FIRST_CHUNK,
    HIT_FIELDS,
    IDS_PAGE,
    LOCALES,
    SIMILAR_CANDIDATES,
    _batched,
    _Found,
    _hit,
    _load_swedish,
    _score,
    all_of,
    characteristic_terms,
    content_words,
    equals,
    filter_clauses,
    one_of,
    stale_chunks_filter,
    to_chunks,
)
from search.query import ParsedQuery, normalize_case_number, parse_query

# -- configuration ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeiliConfig:
    """Where the server is and which keys to use.

    `api_key` is the admin key, for ingestion; `search_key` a search-only key for readers.
    Reads use `search_key` when it is set, writes always `api_key`.
    """

    url: str
    api_key: str | None = None
    search_key: str | None = None
    index_uid: str = DEFAULT_INDEX_UID
    batch_size: int = DEFAULT_BATCH_SIZE
    task_timeout_s: float = DEFAULT_TASK_TIMEOUT_S
    http_timeout_s: int = DEFAULT_HTTP_TIMEOUT_S

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MeiliConfig:
        """`MEILI_URL` (required), `MEILI_API_KEY`, `MEILI_SEARCH_KEY`, `MEILI_INDEX`."""
        env = os.environ if environ is None else environ
        url = (env.get("MEILI_URL") or "").strip()
        if not url:
            raise SearchError(
                "MEILI_URL is not set: the Meilisearch backend needs the server's address, "
                "e.g. MEILI_URL=http://127.0.0.1:7700 (and MEILI_API_KEY for ingestion)"
            )
        return cls(
            url=url,
            api_key=env.get("MEILI_API_KEY") or None,
            search_key=env.get("MEILI_SEARCH_KEY") or None,
            index_uid=env.get("MEILI_INDEX") or DEFAULT_INDEX_UID,
        )


# -- the backend --------------------------------------------------------------------------------


class MeilisearchBackend(QueryPlans):
    """The SearchBackend on one Meilisearch index (created with `INDEX_SETTINGS` on the
    first write when it does not exist)."""

    def __init__(self, config: MeiliConfig) -> None:
        self.config = config
        self.url = config.url.rstrip("/")
        self.index_uid = config.index_uid
        self._reader = self._client(config.search_key or config.api_key)
        # A process that only has the search key can search, never write.
        self._writer = (
            self._client(config.api_key) if config.api_key or not config.search_key else None
        )
        self._swedish = _load_swedish()
        self._ready = False  # index exists with the current settings (checked on first write)
        self._closed = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MeilisearchBackend:
        return cls(MeiliConfig.from_env(environ))

    def _client(self, key: str | None) -> meilisearch.Client:
        return meilisearch.Client(self.url, key, timeout=self.config.http_timeout_s)

    # -- writing ---------------------------------------------------------------------------

    def upsert(self, documents: Iterable[IndexDocument]) -> int:
        """Add or replace documents by id: their chunks are written, then the chunks beyond
        each document's new length are deleted, so a reader never sees a document vanish."""
        batch = list(documents)
        if not batch:
            return 0
        latest = {document.id: document for document in batch}  # a repeated id: last wins
        self._ensure_index()
        chunks_of = {
            doc_id: to_chunks(doc, self._swedish.expansion_text) for doc_id, doc in latest.items()
        }
        index = self._write_index()
        tasks: list[TaskInfo] = []
        with self._talking("add documents"):
            for part in _batched(
                (c for cs in chunks_of.values() for c in cs), self.config.batch_size
            ):
                tasks.append(index.add_documents(part, primary_key=PRIMARY_KEY))
            lengths = {doc_id: len(chunks) for doc_id, chunks in chunks_of.items()}
            for doc_ids in _batched(lengths, DELETE_IDS_PER_TASK):
                stale = stale_chunks_filter({d: lengths[d] for d in doc_ids})
                tasks.append(index.delete_documents(filter=stale))
        self._wait(tasks)
        return len(batch)

    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents (all their chunks) by id; unknown ids are ignored."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return 0
        self._ensure_index()
        index = self._write_index()
        with self._talking("delete documents"):
            tasks = [
                index.delete_documents(filter=one_of("document_id", part))
                for part in _batched(wanted, DELETE_IDS_PER_TASK)
            ]
        self._wait(tasks)
        return len(wanted)

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        """Index `documents` into a new index and swap it in for the live one atomically;
        the old index is deleted afterwards. Readers see the old index until the swap.

        Run it while no ingestion writes to the live index: writes made during the rebuild
        go to the old index and are dropped with it (the next `sync_index` restores them).
        """
        writer = self._require_writer("rebuild the index")
        staging = f"{self.index_uid}_rebuild_{time.time_ns()}"
        count = 0
        try:
            self._create_index(staging)
            self._apply_settings(staging)
            index = writer.index(staging)
            tasks: list[TaskInfo] = []
            latest: dict[str, IndexDocument] = {}
            for document in documents:
                latest[document.id] = document
            expand = self._swedish.expansion_text
            chunks = (c for doc in latest.values() for c in to_chunks(doc, expand))
            with self._talking("add documents to the new index"):
                for part in _batched(chunks, self.config.batch_size):
                    tasks.append(index.add_documents(part, primary_key=PRIMARY_KEY))
            self._wait(tasks)
            count = len(latest)
            self._create_index(self.index_uid)  # swapping needs both indexes to exist
            with self._talking("swap the new index in"):
                swap = writer.swap_indexes([{"indexes": [self.index_uid, staging]}])
            self._wait([swap])
        except BaseException:
            self._drop_index(staging)  # the live index is untouched; only clean up
            raise
        self._ready = True
        problem = self._drop_index(staging)  # it holds the old content now
        if problem:
            raise SearchError(
                f"the new index is live on {self.url}, but the old one, now {staging!r}, "
                f"could not be deleted: {problem}"
            )
        return count

    def _ensure_index(self) -> None:
        if self._ready:
            return
        self._create_index(self.index_uid)
        self._apply_settings(self.index_uid)
        self._ready = True

    def _create_index(self, uid: str) -> None:
        writer = self._require_writer("create the index")
        with self._talking(f"read index {uid}"):
            try:
                existing = writer.get_index(uid)
            except MeilisearchApiError as exc:
                if exc.code != "index_not_found":
                    raise
                existing = None
        if existing is not None:
            if existing.primary_key not in (None, PRIMARY_KEY):
                raise SearchError(
                    f"index {uid!r} on {self.url} has primary key {existing.primary_key!r}, "
                    f"not {PRIMARY_KEY!r}: it is not a Diarium index (set MEILI_INDEX)"
                )
            return
        with self._talking(f"create index {uid}"):
            task = writer.create_index(uid, {"primaryKey": PRIMARY_KEY})
        # Another process may have created it in the meantime: that is as good.
        self._wait([task], tolerate={"index_already_exists"})

    def _apply_settings(self, uid: str) -> None:
        writer = self._require_writer("update the index settings")
        with self._talking(f"update the settings of index {uid}"):
            task = writer.index(uid).update_settings(INDEX_SETTINGS)
        self._wait([task])

    def _drop_index(self, uid: str) -> str | None:
        """Delete an index for clean-up; what went wrong, or None."""
        try:
            self._wait([self._require_writer("delete an index").delete_index(uid)])
        except (SearchError, MeilisearchError, requests.RequestException) as exc:
            return str(exc)
        return None

    def _wait(
        self, tasks: Sequence[TaskInfo], tolerate: frozenset[str] | set[str] = frozenset()
    ) -> None:
        """Wait for every task (with the configured timeout) and raise on the first failure."""
        writer = self._require_writer("wait for tasks")
        for info in tasks:
            with self._talking(f"wait for task {info.task_uid}"):
                task = writer.wait_for_task(
                    info.task_uid, timeout_in_ms=self._timeout_ms, interval_in_ms=50
                )
            if task.status == "succeeded":
                continue
            error = task.error or {}
            if error.get("code") in tolerate:
                continue
            raise SearchError(
                f"Meilisearch task {task.uid} ({task.type}) on index {task.index_uid!r} at "
                f"{self.url} {task.status}: {error.get('message', 'no error message')} "
                f"[{error.get('code', 'unknown')}]"
            )

    @property
    def _timeout_ms(self) -> int:
        return int(self.config.task_timeout_s * 1000)

    def _require_writer(self, action: str) -> meilisearch.Client:
        self._check_open()
        if self._writer is None:
            raise SearchError(
                f"cannot {action} on {self.url}: this process has only the search key "
                "(MEILI_SEARCH_KEY); ingestion needs the admin key in MEILI_API_KEY"
            )
        return self._writer

    def _write_index(self) -> Index:
        return self._require_writer("write").index(self.index_uid)

    # -- reading ---------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        """Ranked hits with snippets and facets (see the module docstring for the ranking)."""
        started = time.perf_counter()
        if query.limit < 0 or query.offset < 0:
            raise QueryError("limit and offset must not be negative")
        if query.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {query.sort!r}")
        if query.only_ids is not None and not query.only_ids:
            return SearchResult(query=query.text, total=0, took_ms=0.0, hits=[])
        filters = filter_clauses(query)
        parsed = parse_query(query.text)
        words = [self._swedish.query_word(w) for w in parsed.words]
        total, hits, facets = self._every_word(parsed, words, filters, query)
        if total == 0 and len(content_words(words)) > 1:
            # A restricted search (a watch) falls back to any word only when the same search
            # over the whole archive would: when no document anywhere has every word.
            everywhere = replace(query, only_ids=None, limit=0, offset=0, facets=False)
            if (
                query.only_ids is None
                or not self._every_word(parsed, words, filter_clauses(everywhere), everywhere)[0]
            ):
                total, hits, facets = self._any_word(content_words(words), filters, query)
        return SearchResult(
            query=query.text,
            total=total,
            took_ms=(time.perf_counter() - started) * 1000,
            hits=hits,
            facets=facets if total else {},
        )

    def _every_word(
        self, parsed: ParsedQuery, words: list[str], filters: list[str], query: SearchQuery
    ) -> tuple[int, list[SearchHit], dict[str, dict[str, int]]]:
        """The search before any fallback: newest first without text, else every word."""
        if parsed.is_empty:
            return self._newest(filters, query)
        if parsed.case_numbers:
            return self._with_cases(parsed, words, filters, query)
        return self._all_words(words, filters, query)

    def documents_with_case(self, case_number: str) -> list[SearchHit]:
        """Every document of a case, oldest first (undated last), without snippets."""
        normalized = normalize_case_number(case_number)
        params = {
            "filter": all_of([equals("case_keys", normalized), FIRST_CHUNK]),
            "attributesToRetrieve": [f for f in HIT_FIELDS if f != "body"],
            "page": 1,
            "hitsPerPage": CASE_DOCUMENTS_LIMIT,
        }
        (found,) = self._multi_search([("", params)])
        hits = [_hit(raw, 0.0, "") for raw in found.hits]
        return sorted(hits, key=lambda hit: (hit.date is None, hit.date or "", hit.id))

    def similar(self, doc_id: str, limit: int = 5) -> list[SearchHit]:
        """The documents nearest by text: "more like this" over the document's
        characteristic words, each word searched alone; a document scores the sum over the
        words it holds of its ranking score times the word's rarity (idf)."""
        if limit <= 0:
            return []
        text = self._document_text(doc_id)
        if text is None:
            return []
        terms = list(dict.fromkeys(self._swedish.query_word(t) for t in characteristic_terms(text)))
        if not terms:
            return []
        per_term = {
            "filter": f"NOT ({equals('document_id', doc_id)})",
            "locales": LOCALES,
            "matchingStrategy": "all",
            "attributesToRetrieve": ["document_id"],
            "showRankingScore": True,
            "limit": SIMILAR_CANDIDATES,
        }
        everything = {"filter": FIRST_CHUNK, "page": 1, "hitsPerPage": 0}
        found = self._multi_search([("", everything), *((t, per_term) for t in terms)])
        size = max(found[0].total, 1)
        scores: dict[str, float] = {}
        for result in found[1:]:
            rarity = math.log(1 + size / max(result.total, 1))
            for raw in result.hits:
                doc_id_ = raw["document_id"]
                scores[doc_id_] = scores.get(doc_id_, 0.0) + rarity * _score(raw)
        nearest = sorted(scores, key=lambda d: (-scores[d], d))[:limit]
        if not nearest:
            return []
        params = {
            "filter": all_of([one_of("document_id", nearest), FIRST_CHUNK]),
            "attributesToRetrieve": [f for f in HIT_FIELDS if f != "body"],
            "limit": len(nearest),
        }
        (shown,) = self._multi_search([("", params)])
        by_id = {raw["document_id"]: raw for raw in shown.hits}
        return [_hit(by_id[d], scores[d], "") for d in nearest if d in by_id]

    def _document_text(self, doc_id: str) -> str | None:
        """A document's title and text: every chunk with the admin key, else the first chunk
        (a search-only key can only search, and a search returns one chunk per document)."""
        if self._writer is not None:
            page = self._documents(
                {
                    "filter": equals("document_id", doc_id),
                    "fields": ["title", "body"],
                    "limit": IDS_PAGE,
                }
            )
            chunks = [dict(d) for d in page.results] if page is not None else []
        else:
            params = {
                "filter": all_of([equals("document_id", doc_id), FIRST_CHUNK]),
                "attributesToRetrieve": ["title", "body"],
                "limit": 1,
            }
            (found,) = self._multi_search([("", params)])
            chunks = found.hits
        if not chunks:
            return None
        return "\n".join(
            [str(chunks[0].get("title") or ""), *(str(c.get("body") or "") for c in chunks)]
        )

    def ids(self) -> set[str]:
        """Every indexed document id (one read per 10,000 documents)."""
        found: set[str] = set()
        offset = 0
        while True:
            page = self._documents(
                {
                    "filter": FIRST_CHUNK,
                    "fields": ["document_id"],
                    "limit": IDS_PAGE,
                    "offset": offset,
                }
            )
            if page is None:
                return found
            found.update(str(dict(d)["document_id"]) for d in page.results)
            offset += IDS_PAGE
            if offset >= page.total or not page.results:
                return found

    def count(self) -> int:
        """The number of indexed documents.

        Read from the stored documents with the admin key. A search-only key lacks the
        `documents.get` right that needs (Meilisearch answers 403), so a reader counts with
        a search for first chunks instead, which is exact up to `MAX_TOTAL_HITS`.
        """
        if self._writer is None:
            params = {"filter": FIRST_CHUNK, "page": 1, "hitsPerPage": 0}
            (found,) = self._multi_search([("", params)])
            return found.total
        page = self._documents({"filter": FIRST_CHUNK, "fields": ["document_id"], "limit": 1})
        return 0 if page is None else int(page.total)

    def check(self, *, write: bool = False) -> None:
        """Fail now, with a typed error, if the server cannot be reached or refuses the key:
        for a reader a search, for a writer the index with its settings (what the first write
        would do anyway). Called before work that would otherwise fail half-way."""
        self._check_open()
        try:
            healthy = requests.get(f"{self.url}/health", timeout=self.config.http_timeout_s)
            healthy.raise_for_status()
        except requests.RequestException as exc:
            raise SearchUnavailable(
                f"Meilisearch at {self.url} is unreachable (health check): {exc}", url=self.url
            ) from exc
        if write:
            self._ensure_index()
        else:
            self._multi_search([("", {"page": 1, "hitsPerPage": 0})])

    def close(self) -> None:
        # The client holds no connection of its own; closing only stops further use.
        self._closed = True

    def delete_index(self) -> None:
        """Remove the whole index from the server (for tests and for starting over)."""
        writer = self._require_writer("delete the index")
        with self._talking(f"delete index {self.index_uid}"):
            task = writer.delete_index(self.index_uid)
        self._wait([task], tolerate={"index_not_found"})
        self._ready = False

    # -- the searches behind `search` ------------------------------------------------------

    def _multi_search(self, searches: Sequence[tuple[str, Mapping[str, Any]]]) -> list[_Found]:
        """Several searches in one request; an index that does not exist yet finds nothing."""
        self._check_open()
        queries = [
            {"indexUid": self.index_uid, "q": q, **{k: v for k, v in p.items() if v is not None}}
            for q, p in searches
        ]
        try:
            with self._talking("search", self._reader_key_variable):
                answer = self._reader.multi_search(queries)
        except _MissingIndex:
            return [_Found(0, [], None) for _ in searches]
        return [
            _Found(
                total=int(r.get("totalHits", r.get("estimatedTotalHits", 0))),
                hits=list(r.get("hits", [])),
                facets=r.get("facetDistribution"),
            )
            for r in answer["results"]
        ]

    def _documents(self, parameters: dict[str, Any]) -> Any:
        """A page of stored chunks, or None when the index does not exist yet.

        Reading documents needs the `documents.get` right, which a search-only key lacks, so
        the admin key is used when this process has it.
        """
        self._check_open()
        client = self._writer or self._reader
        variable = "MEILI_API_KEY" if self._writer else self._reader_key_variable
        try:
            with self._talking("read documents", variable):
                return client.index(self.index_uid).get_documents(parameters)
        except _MissingIndex:
            return None

    @contextmanager
    def _talking(self, action: str, key_variable: str = "MEILI_API_KEY") -> Iterator[None]:
        """Turn the client's errors into SearchError, each naming the server: SearchUnavailable
        when it cannot be reached, SearchForbidden when it refuses the key (`key_variable`
        names where that key came from), QueryError for a rejected query; a missing index
        raises _MissingIndex for the reads to handle."""
        try:
            yield
        except MeilisearchApiError as exc:
            code = exc.code or ""
            if code == "index_not_found":
                raise _MissingIndex(
                    f"Meilisearch at {self.url} has no index {self.index_uid!r} ({action})"
                ) from exc
            if exc.status_code in (401, 403) or code in (
                "invalid_api_key",
                "missing_authorization_header",
            ):
                raise SearchForbidden(
                    f"Meilisearch at {self.url} refused the API key in {key_variable} to "
                    f"{action}: {exc.message} (ingestion needs the admin key in MEILI_API_KEY; "
                    "readers a key with the search right in MEILI_SEARCH_KEY)",
                    url=self.url,
                    key_variable=key_variable,
                    writing=action not in ("search", "read documents"),
                ) from exc
            if code.startswith(
                ("invalid_search", "invalid_multi_search", "invalid_document_filter")
            ):
                raise QueryError(
                    f"Meilisearch at {self.url} rejected the query: {exc.message} [{code}]"
                ) from exc
            raise SearchError(
                f"Meilisearch at {self.url} could not {action}: {exc.message} [{code or exc.status_code}]"
            ) from exc
        except MeilisearchCommunicationError as exc:
            raise SearchUnavailable(
                f"Meilisearch at {self.url} is unreachable (while trying to {action}): "
                f"{exc.message}",
                url=self.url,
            ) from exc
        except MeilisearchTimeoutError as exc:
            raise SearchUnavailable(
                f"Meilisearch at {self.url} did not answer or finish in time (while trying to "
                f"{action}; HTTP timeout {self.config.http_timeout_s} s, task timeout "
                f"{self.config.task_timeout_s:g} s): {exc.message}",
                url=self.url,
                timed_out=True,
            ) from exc
        except (MeilisearchError, requests.RequestException) as exc:
            raise SearchError(f"Meilisearch at {self.url} failed to {action}: {exc}") from exc

    @property
    def _reader_key_variable(self) -> str:
        return "MEILI_SEARCH_KEY" if self.config.search_key else "MEILI_API_KEY"

    def _check_open(self) -> None:
        if self._closed:
            raise SearchError(
                f"the search backend for {self.url} (index {self.index_uid}) is closed"
            )


class _MissingIndex(SearchError):
    """The index does not exist (yet): reads find nothing, writes create it."""
