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

import hashlib
import html
import math
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any, Final, TypeVar

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
    leading_snippet,
)
from search.meili_settings import INDEX_SETTINGS, PRIMARY_KEY, SWEDISH_STOP_WORDS
from search.query import ParsedQuery, case_keys, normalize_case_number, parse_query

DEFAULT_INDEX_UID: Final = "diarium_documents"
DEFAULT_BATCH_SIZE: Final = 1000  # chunks per add-documents task
DEFAULT_TASK_TIMEOUT_S: Final = 600.0  # a settings change re-indexes: minutes on big indexes
DEFAULT_HTTP_TIMEOUT_S: Final = 30
#: Chunk bodies stay below this many UTF-8 bytes, so a chunk with its metadata and its
#: expansion terms stays around 10 KB, where Meilisearch indexes fast.
CHUNK_MAX_BYTES: Final = 6000
#: A section heading starts a new chunk once the current chunk holds this much.
CHUNK_MIN_BYTES: Final = 800
CASE_NUMBER_SCORE: Final = 10_000.0  # as in the embedded engine: case hits rank first
CASE_DOCUMENTS_LIMIT: Final = 1000
OR_CANDIDATES: Final = 1000  # documents per word in the OR fallback
#: A query compound's parts are searched apart only when the compound itself matches at most
#: this many documents (they are excluded from the parts search by id, in one filter).
PARTS_EXCLUDE_LIMIT: Final = 1000
PARTS_WEIGHT: Final = 0.3  # as the embedded engine's PARTS_BOOST: below the compound itself
SIMILAR_TERMS: Final = 20  # words of a document that "more like this" searches for
SIMILAR_CANDIDATES: Final = 200  # documents per word in "more like this"
IDS_PAGE: Final = 10_000
DELETE_IDS_PER_TASK: Final = 500
CROP_WORDS: Final = 30  # about the 200 characters of the embedded engine's snippets
#: Highlight tags that cannot occur in indexed text (they are stripped from it on the way in).
MARK_START: Final = "\ue000"
MARK_END: Final = "\ue001"
LOCALES: Final = ["swe"]
#: Stored fields a hit needs (the chunk body for its snippet; never the expansions).
HIT_FIELDS: Final = [
    "document_id",
    "source",
    "title",
    "doc_type",
    "date",
    "committees",
    "case_numbers",
    "body",
]
#: Contract facet name -> index attribute.
FACETS: Final = {"doc_type": "doc_type", "committee": "committees", "year": "year"}
#: A document's first chunk: searches without words list documents through it, so the
#: snippet is the start of the document and no grouping of chunks is needed.
FIRST_CHUNK: Final = "chunk = 0"

_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n|\f")
_SECTION_START = re.compile(r"#{1,6}\s|§\s*\d|\d+(\.\d+)*\s+[A-ZÅÄÖ]")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
_SAFE_ID = re.compile(r"[A-Za-z0-9-]")
_TAGS = re.compile(f"[{MARK_START}{MARK_END}]")
#: A highlighted run with the letters and digits glued to it on either side.
_MARKED_WORD = re.compile(
    rf"(?P<before>\w*){MARK_START}(?P<marked>[^{MARK_END}]*){MARK_END}(?P<after>\w*)"
)
_STOP_WORDS = frozenset(SWEDISH_STOP_WORDS)
_LETTERS = re.compile(r"[^\W\d_]+")

T = TypeVar("T")


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


# -- pure helpers (unit-tested without a server) ------------------------------------------------


def quote(value: str) -> str:
    """A filter string literal: double-quoted, with backslashes and double quotes escaped.

    Meilisearch unescapes `\\"` and then `\\\\` inside a quoted value, so any text, however
    hostile, stays one value:

    >>> quote('x" OR doc_type = "y')
    '"x\\\\" OR doc_type = \\\\"y"'
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def equals(attribute: str, value: str | int) -> str:
    """`attribute = value`; strings quoted, integers written as integers."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise QueryError(f"filter value for {attribute} must be a string or an integer")
    return f"{attribute} = {value if isinstance(value, int) else quote(value)}"


def one_of(attribute: str, values: Iterable[str]) -> str:
    """`attribute IN ["a", "b"]` with every value quoted."""
    return f"{attribute} IN [{', '.join(quote(v) for v in values)}]"


def all_of(clauses: Iterable[str | None]) -> str | None:
    """The clauses joined with AND, each in parentheses; None when there are none."""
    present = [c for c in clauses if c]
    return " AND ".join(f"({c})" for c in present) if present else None


def filter_clauses(query: SearchQuery) -> list[str]:
    """The filter of a query's doc_type, committee, year and case number (lowercased like
    the embedded engine's)."""
    clauses: list[str] = []
    if query.doc_type:
        clauses.append(equals("doc_type", query.doc_type.strip().lower()))
    if query.committee:
        clauses.append(equals("committees", query.committee.strip().lower()))
    if query.year is not None:
        if isinstance(query.year, bool) or not isinstance(query.year, int):
            raise QueryError(f"year must be an integer, not {query.year!r}")
        clauses.append(equals("year", query.year))
    if query.case_number:
        clauses.append(equals("case_keys", normalize_case_number(query.case_number)))
    if query.only_ids is not None:
        clauses.append(one_of("document_id", query.only_ids))
    return clauses


def stale_chunks_filter(lengths: Mapping[str, int]) -> str:
    """The chunks of these documents beyond their new number of chunks, as one filter
    (documents grouped by their number of chunks).

    >>> stale_chunks_filter({"a": 2, "b": 1, "c": 2})
    '((document_id IN ["a", "c"]) AND (chunk >= 2)) OR ((document_id IN ["b"]) AND (chunk >= 1))'
    """
    groups: dict[int, list[str]] = {}
    for doc_id, length in lengths.items():
        groups.setdefault(length, []).append(doc_id)
    return " OR ".join(
        f"({all_of([one_of('document_id', ids), f'chunk >= {length}'])})"
        for length, ids in sorted(groups.items(), reverse=True)
    )


def chunk_key(document_id: str, number: int) -> str:
    """The primary key of chunk `number` of a document: `<document id>-<number>`.

    Meilisearch keys allow only ASCII letters, digits, `-` and `_` (511 bytes at most), so
    any other character of the document id is written as `_` and six hex digits, and a very
    long id as `_h` and its hash: two different (id, number) pairs never share a key.

    >>> chunk_key("9d0ea22ed9efec86", 0), chunk_key("får", 2)
    ('9d0ea22ed9efec86-0', 'f_0000e5r-2')
    """
    encoded = "".join(c if _SAFE_ID.fullmatch(c) else f"_{ord(c):06x}" for c in document_id)
    if len(encoded) > 480:
        encoded = "_h" + hashlib.sha256(document_id.encode("utf-8")).hexdigest()
    return f"{encoded}-{number}"


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def _pack(pieces: Iterable[str], max_bytes: int, joiner: str) -> Iterator[str]:
    """Greedily join pieces with `joiner` into runs of at most `max_bytes`."""
    current: list[str] = []
    size = 0
    for piece in pieces:
        extra = _utf8_len(piece) + (len(joiner) if current else 0)
        if current and size + extra > max_bytes:
            yield joiner.join(current)
            current, size = [], 0
            extra = _utf8_len(piece)
        current.append(piece)
        size += extra
    if current:
        yield joiner.join(current)


def _split_long(text: str, max_bytes: int) -> list[str]:
    """A paragraph longer than `max_bytes`, cut at sentence ends, then spaces, then anywhere."""
    if _utf8_len(text) <= max_bytes:
        return [text]
    for separator, joiner in ((_SENTENCE_END, " "), (_WHITESPACE, " ")):
        parts = [p for p in separator.split(text) if p]
        if len(parts) > 1:
            pieces = [q for p in parts for q in _split_long(p, max_bytes)]
            return list(_pack(pieces, max_bytes, joiner))
    # One "word" longer than the limit (a table without spaces): cut by characters.
    pieces, current = [], ""
    for char in text:
        if _utf8_len(current) + _utf8_len(char) > max_bytes:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def chunk_text(
    text: str, max_bytes: int = CHUNK_MAX_BYTES, min_bytes: int = CHUNK_MIN_BYTES
) -> list[str]:
    """Split a document body into chunks of at most `max_bytes` UTF-8 bytes.

    Paragraphs (and pages, which the readers separate by blank lines) are kept whole where
    they fit; a section heading (`# …`, `§ 12`, `3.2 Bakgrund`) starts a new chunk once the
    current one holds `min_bytes`, so a protocol's paragraphs land in chunks of their own.
    An empty body is one empty chunk: the document is still found by its title and filters.

    >>> chunk_text("§ 1 Val av justerare\\n\\nText.\\n\\n§ 2 Budget\\n\\nMer text.", min_bytes=10)
    ['§ 1 Val av justerare\\n\\nText.', '§ 2 Budget\\n\\nMer text.']
    """
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    pieces = [piece for p in paragraphs for piece in _split_long(p, max_bytes)]
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for piece in pieces:
        extra = _utf8_len(piece) + (2 if current else 0)
        section = bool(_SECTION_START.match(piece)) and size >= min_bytes
        if current and (size + extra > max_bytes or section):
            chunks.append("\n\n".join(current))
            current, size = [], 0
            extra = _utf8_len(piece)
        current.append(piece)
        size += extra
    if current:
        chunks.append("\n\n".join(current))
    return chunks or [""]


def _clean(text: str) -> str:
    # The highlight tags must never come from the text itself.
    return _TAGS.sub("", text)


def to_chunks(
    document: IndexDocument, expand: Callable[[str], str] | None = None
) -> list[dict[str, Any]]:
    """The index documents of one Diarium document: one per chunk, each with all metadata.

    Values are normalized like the embedded engine's: doc type and committees lowercased,
    case numbers normalized.
    """
    title = _clean(document.title)
    committees = list(dict.fromkeys(c.strip().lower() for c in document.committees if c.strip()))
    case_numbers = list(
        dict.fromkeys(normalize_case_number(c) for c in document.case_numbers if c.strip())
    )
    chunks: list[dict[str, Any]] = []
    for number, body in enumerate(chunk_text(_clean(document.text))):
        chunk: dict[str, Any] = {
            PRIMARY_KEY: chunk_key(document.id, number),
            "document_id": document.id,
            "chunk": number,
            "source": document.source,
            "title": title,
            "doc_type": document.doc_type.strip().lower(),
            "committees": committees,
            "case_numbers": case_numbers,
            # What the case numbers are found by: each one and its series-less tail.
            "case_keys": case_keys(case_numbers),
            "body": body,
        }
        # Missing, not null: Meilisearch sorts documents without a date last either way.
        if document.date:
            chunk["date"] = document.date
        if document.year is not None:
            chunk["year"] = document.year
        if expand is not None:
            chunk["expansions"] = expand(f"{title}\n{body}")
        chunks.append(chunk)
    return chunks


def whole_word_marks(text: str) -> str:
    """Highlight tags widened to the whole words they touch.

    Meilisearch highlights only the part of a word that matched the query: the prefix that
    a prefix search or a typo matched (`\\ue000nämnd\\ue001en`, `\\ue000samverkansmodel\\ue001l`).
    The search contract, and the embedded engine, mark whole words, and an officer reads a
    half-marked word as a different word.

    >>> whole_word_marks("i \\ue000nämnd\\ue001en och stads\\ue000nämnd\\ue001ens")
    'i \\ue000nämnden\\ue001 och \\ue000stadsnämndens\\ue001'
    """
    return _MARKED_WORD.sub(
        lambda m: f"{MARK_START}{m['before']}{m['marked']}{m['after']}{MARK_END}", text
    )


def render_formatted(text: str) -> str:
    """HTML for a highlighted, cropped text from Meilisearch: whole words marked, escaped,
    tags → `<mark>`.

    >>> render_formatted('Svar: <b>\\ue000nämnd\\ue001en</b>  & "x"')
    'Svar: &lt;b&gt;<mark>nämnden</mark>&lt;/b&gt; &amp; &quot;x&quot;'
    """
    escaped = html.escape(_WHITESPACE.sub(" ", whole_word_marks(text))).strip()
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def page_window(offset: int, limit: int) -> tuple[int, int, int]:
    """(page, hitsPerPage, skip) that cover hits [offset, offset + limit).

    Only page-based requests make Meilisearch count hits exhaustively, so an offset that is
    not a multiple of the limit is served as the first `offset + limit` hits, minus `skip`.

    >>> page_window(20, 10), page_window(5, 10), page_window(0, 0)
    ((3, 10, 0), (1, 15, 5), (1, 0, 0))
    """
    if limit == 0:
        return 1, 0, 0
    if offset % limit == 0:
        return offset // limit + 1, limit, 0
    return 1, offset + limit, offset


def merge_facets(
    *distributions: Mapping[str, Mapping[str, int]] | None,
) -> dict[str, dict[str, int]]:
    """Contract facets from Meilisearch `facetDistribution`s of disjoint hit sets, added up."""
    merged: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for distribution in distributions:
        for name, attribute in FACETS.items():
            for value, count in (distribution or {}).get(attribute, {}).items():
                key = _facet_key(value)
                merged[name][key] = merged[name].get(key, 0) + int(count)
    return merged


def _facet_key(value: str) -> str:
    # Numbers come back as text; "2020.0" and "2020" are the same year.
    try:
        number = float(value)
    except ValueError:
        return value
    return str(int(number)) if number.is_integer() else value


def content_words(words: Iterable[str]) -> list[str]:
    """The distinct words of a query that are not stop words (lowercase, in query order)."""
    return [w for w in dict.fromkeys(w.lower() for w in words) if w not in _STOP_WORDS]


def newest_first(hits: Iterable[SearchHit]) -> list[SearchHit]:
    """Hits by date, newest first, undated last; equal dates keep their order."""
    return sorted(hits, key=lambda hit: hit.date or "", reverse=True)


def characteristic_terms(text: str, max_terms: int = SIMILAR_TERMS) -> list[str]:
    """The words that say what a text is about, for "more like this": words of four letters
    or more that are not stop words and occur at least twice, most frequent first (longer
    words first among equals: they are rarer).

    >>> characteristic_terms("Cykelbanor och cykelbanor. Trafik, trafik och buss.")
    ['cykelbanor', 'trafik']
    """
    counts: dict[str, int] = {}
    for word in _LETTERS.findall(text.lower()):
        if len(word) >= 4 and word not in _STOP_WORDS:
            counts[word] = counts.get(word, 0) + 1
    frequent = [w for w, n in counts.items() if n >= 2]
    return sorted(frequent, key=lambda w: (-counts[w], -len(w), w))[:max_terms]


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# -- Swedish word knowledge (search.swedish, by the relevance work of issue 6) -------------------


@dataclass(frozen=True)
class _Swedish:
    expansion_text: Callable[[str], str]
    query_word: Callable[[str], str]
    compound_parts: Callable[[str], tuple[str, ...]]


def _load_swedish() -> _Swedish:
    """`search.swedish`: expansion terms per chunk, and base forms for query words."""
    try:
        from search import swedish
    except ModuleNotFoundError as exc:
        if exc.name != "search.swedish":
            raise
        raise SearchError(
            "search.swedish is missing: the Meilisearch backend indexes its expansion terms "
            "(lemmas and compound parts) per chunk; restore search/swedish.py"
        ) from exc
    needed = ("expansion_text", "lemma", "lexicon", "word_expansions", "query_compound_parts")
    missing = [name for name in needed if not hasattr(swedish, name)]
    if missing:
        raise SearchError(f"search.swedish lacks {', '.join(missing)}, which the backend needs")

    def query_word(word: str) -> str:
        # An inflected form is searched as its base form, which every inflected form of the
        # word holds in `expansions` ("nämndens" -> "nämnd" finds "nämnden" and "nämnder").
        # A word that is a base form itself stays as it is ("nämnd" is not sent as the verb
        # "nämna", "får" not as "fåra"), and so does a word whose base form documents do
        # not index (word_expansions drops short ones).
        lowered = word.lower()
        if lowered in swedish.lexicon().lemmas:
            return lowered
        base: str = swedish.lemma(lowered)
        return base if base != lowered and base in swedish.word_expansions(lowered) else lowered

    return _Swedish(
        expansion_text=swedish.expansion_text,
        query_word=query_word,
        compound_parts=swedish.query_compound_parts,
    )


# -- the backend --------------------------------------------------------------------------------


@dataclass
class _Found:
    """One search's documents (hits already de-duplicated by Meilisearch) and counts."""

    total: int
    hits: list[dict[str, Any]]
    facets: dict[str, dict[str, int]] | None


class MeilisearchBackend:
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

    def get(self, doc_id: str) -> SearchHit | None:
        """One indexed document by id (snippet empty), or None."""
        params = {
            "filter": all_of([equals("document_id", doc_id), FIRST_CHUNK]),
            "attributesToRetrieve": [f for f in HIT_FIELDS if f != "body"],
            "limit": 1,
        }
        (found,) = self._multi_search([("", params)])
        return _hit(found.hits[0], 0.0, "") if found.hits else None

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


def _score(raw: Mapping[str, Any]) -> float:
    return float(raw.get("_rankingScore") or 0.0)


def _order(query: SearchQuery) -> dict[str, Any]:
    # The "sort" ranking rule comes first in INDEX_SETTINGS, so this is the whole order.
    return {"sort": ["date:desc"]} if query.sort == "date" else {}


def _ranked_score(raw: Mapping[str, Any], query: SearchQuery) -> float:
    # Sorted by date, the order key is the date, not a score (as in the embedded engine).
    return 0.0 if query.sort == "date" else _score(raw)


def _unscored(hit: SearchHit) -> SearchHit:
    hit.score = 0.0
    return hit


def _snippet(raw: Mapping[str, Any]) -> str:
    """The highlighted crop of the chunk that matched; its start when nothing is marked."""
    formatted = (raw.get("_formatted") or {}).get("body")
    if isinstance(formatted, str) and MARK_START in formatted:
        return render_formatted(formatted)
    return leading_snippet(str(raw.get("body") or ""))


def _hit(raw: Mapping[str, Any], score: float, snippet: str) -> SearchHit:
    return SearchHit(
        id=str(raw["document_id"]),
        source=str(raw.get("source") or ""),
        title=str(raw.get("title") or ""),
        doc_type=str(raw.get("doc_type") or ""),
        date=raw.get("date"),
        score=score,
        snippet=snippet,
        committees=list(raw.get("committees") or []),
        case_numbers=list(raw.get("case_numbers") or []),
    )
