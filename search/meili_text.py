"""Building Meilisearch requests and reading its answers: filters, chunks of a document,
marks in snippets, pages, facets, the words of a query, hits."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any, Final, TypeVar

from search.backend import (
    IndexDocument,
    QueryError,
    SearchError,
    SearchHit,
    SearchQuery,
    leading_snippet,
)
from search.meili_settings import PRIMARY_KEY, SWEDISH_STOP_WORDS
from search.query import case_keys, normalize_case_number

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
    """The filter of a query's doc_type, committee, year, case number (lowercased like the
    embedded engine's) and documents (`only_ids`)."""
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


@dataclass
class _Found:
    """One search's documents (hits already de-duplicated by Meilisearch) and counts."""

    total: int
    hits: list[dict[str, Any]]
    facets: dict[str, dict[str, int]] | None


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
