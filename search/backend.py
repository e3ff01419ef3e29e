"""The search contract that every engine implements (embedded tantivy today, Meilisearch next).

Callers only see these types. An engine gets `IndexDocument`s in, and answers a
`SearchQuery` with a `SearchResult`. Snippets are HTML: the document text is escaped and
the matched terms are wrapped in `<mark>`, so a web page can insert them as they are.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass
class IndexDocument:
    id: str
    source: str
    title: str
    doc_type: str
    date: str | None  # YYYY-MM-DD
    year: int | None
    committees: list[str]  # canonical lowercase names
    case_numbers: list[str]  # normalized form, see extractors.diarienummer
    text: str


@dataclass
class SearchQuery:
    text: str = ""
    doc_type: str | None = None
    committee: str | None = None
    year: int | None = None
    case_number: str | None = None  # any written form; the engine normalizes it
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"  # one of SORTS: best match first, or newest document first
    #: Facet counts over all matches (SearchResult.facets). A caller that shows none (an
    #: evaluation, a check for whether anything matches) turns them off and saves a second
    #: pass over the matches; the result's facets are then empty.
    facets: bool = True
    #: Only these documents (a watch checking the documents that are new since its last
    #: check); None is the whole archive. Whether words may fall back from all to any is
    #: still decided over the whole archive, so a restricted search finds exactly the
    #: restricted documents that the same search over the archive would list.
    only_ids: list[str] | None = None


#: The orders a search can be sorted in: "relevance" (best match first) and "date" (newest
#: first, undated documents last).
SORTS = ("relevance", "date")


@dataclass
class SearchHit:
    id: str
    source: str
    title: str
    doc_type: str
    date: str | None
    score: float
    snippet: str  # HTML-escaped text with <mark>…</mark> around matches
    committees: list[str] = field(default_factory=list)
    case_numbers: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    query: str
    total: int
    took_ms: float
    hits: list[SearchHit]
    #: facet name ("doc_type", "committee", "year") -> value -> count over all matches
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class SearchError(Exception):
    """The engine failed (unreachable server, corrupt index). Never raised for 'no hits'."""

    def swedish(self) -> str:
        """One line for the person at the terminal; the details stay in the message."""
        return f"Sökmotorn svarade med ett fel: {self}"


class QueryError(SearchError):
    """The query cannot be run as given (for example an unknown filter value type)."""


class SearchUnavailable(SearchError):
    """The engine's server cannot be reached, or did not answer in time."""

    def __init__(self, message: str, *, url: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.url = url
        self.timed_out = timed_out

    def swedish(self) -> str:
        """One line for the person at the terminal."""
        if self.timed_out:
            return (
                f"Sökmotorn på {self.url} svarade inte i tid. Försök igen; händer det igen, "
                "se efter om servern är överbelastad."
            )
        return (
            f"Sökmotorn på {self.url} går inte att nå. Kontrollera att Meilisearch är igång "
            "och att MEILI_URL pekar på den."
        )


class SearchForbidden(SearchError):
    """The server refused the key for what was asked (a wrong key, or one without the
    right: a search-only key asked to write)."""

    def __init__(self, message: str, *, url: str, key_variable: str, writing: bool) -> None:
        super().__init__(message)
        self.url = url
        self.key_variable = key_variable
        self.writing = writing

    def swedish(self) -> str:
        """One line for the person at the terminal."""
        right = "skriva i sökindexet" if self.writing else "söka"
        return (
            f"Sökmotorn på {self.url} nekade nyckeln i {self.key_variable} att {right}. "
            "Indexering kräver administratörsnyckeln (MEILI_API_KEY), sökning en nyckel med "
            "rätten search (MEILI_SEARCH_KEY)."
        )


@runtime_checkable
class SearchBackend(Protocol):
    """What Diarium needs from a search engine."""

    def upsert(self, documents: Iterable[IndexDocument]) -> int:
        """Add or replace documents by id; return how many were written."""
        ...

    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by id; unknown ids are ignored. Return how many were asked for."""
        ...

    def search(self, query: SearchQuery) -> SearchResult:
        """Full-text search with filters, facets and highlighted snippets."""
        ...

    def documents_with_case(self, case_number: str) -> list[SearchHit]:
        """Every document that carries this case number, whatever its written form."""
        ...

    def similar(self, doc_id: str, limit: int = 5) -> list[SearchHit]:
        """The documents nearest by text to this one, itself excluded."""
        ...

    def ids(self) -> set[str]:
        """The ids of every indexed document (for consistency checks against the tables)."""
        ...

    def count(self) -> int: ...

    def close(self) -> None: ...


#: Characters of a hit's snippet, in both engines.
SNIPPET_CHARS = 200


def collapse_whitespace(text: str) -> str:
    """Whitespace runs (PDF line breaks) as one space, none at the ends.

    >>> collapse_whitespace("  nämnden\\n\\nbeslutar  ")
    'nämnden beslutar'
    """
    return " ".join(text.split())


def leading_snippet(body: str, max_chars: int = SNIPPET_CHARS) -> str:
    """The start of a body, escaped, cut at a word boundary: the snippet of a hit without
    highlights.

    Only the head of the body is read: collapsing whitespace only shortens text, so four
    times the snippet length is enough unless the head is nearly all whitespace.

    >>> leading_snippet("Kommunstyrelsen <beslutar> att godkänna förslaget", 30)
    'Kommunstyrelsen &lt;beslutar&gt; …'
    """
    head = body[: 4 * max_chars]
    text = collapse_whitespace(head)
    if len(text) <= max_chars and len(head) < len(body):
        text = collapse_whitespace(body)
    if len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > 0 else max_chars] + " …"
    return html.escape(text)
