"""What the pages and the JSON API show: one function per view, shared by both.

Every view reads the search engine through the `SearchBackend` protocol (so the pages work
on any engine) and the archive's records (the source of truth for a document's text and
extraction). The pydantic models are the API's schema and the templates' input alike.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlencode

from pydantic import BaseModel

from diarium import settings, versions
from diarium.archive import Archive
from diarium.queries import canonical_case_number as canonical_case_number
from diarium.queries import documents_for_case, show_secret
from diarium.record import Record
from diarium.related import related_documents
from diarium.web.labels import capitalized, doc_type_label
from diarium.web.suggest import ArchiveVocabulary, checked_suggestion
from extractors.canonical_case import parse_canonical
from extractors.extraction_rules import ROLE_STRENGTH
from extractors.model import decision_kind
from extractors.personal_data import mask_path
from search import SearchBackend, SearchQuery, open_backend
from search.query import parse_query

#: Ids are the first 16 hex digits of a sha256 (diarium.archive.document_id); anything else
#: is not a document, whatever file it might name.
DOCUMENT_ID = re.compile(r"^[0-9a-f]{16}$")
MAX_QUERY_CHARS = 500
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 1000
_RECORD_CACHE_SIZE = 64  # records hold the full text: keep a few

Sort = Literal["relevance", "date"]


# -- models ----------------------------------------------------------------------------------


class FacetValue(BaseModel):
    value: str
    label: str
    count: int
    selected: bool


class Facets(BaseModel):
    doc_type: list[FacetValue] = []
    committee: list[FacetValue] = []
    year: list[FacetValue] = []


class Hit(BaseModel):
    id: str
    title: str
    doc_type: str
    date: str | None
    committees: list[str]
    case_numbers: list[str]
    score: float
    snippet: str  # HTML: escaped text with <mark>…</mark>, as the engine renders it
    #: How many versions (exact copies, near duplicates) the hit's group has; the search
    #: shows a group once (diarium.versions).
    versions: int = 1


class SearchResponse(BaseModel):
    query: str
    doc_type: str | None
    committee: str | None
    year: int | None
    sort: Sort
    page: int
    size: int
    pages: int
    total: int
    took_ms: float
    hits: list[Hit]
    facets: Facets
    suggestion: str | None  # "Menade du …?": a query with archived words for unknown ones


class CaseDocument(BaseModel):
    id: str
    source: str
    title: str
    doc_type: str
    date: str | None
    role: str  # how the document carries the case: own, referenced, unknown
    paragraphs: list[str]  # the § under which the document decides the case


class CaseCommittee(BaseModel):
    name: str
    roles: list[str]


class Decision(BaseModel):
    text: str
    by: str | None
    paragraph: str | None
    case_number: str | None
    document_id: str
    document_title: str
    date: str | None
    #: "beslut" (a decision taken) or "förslag" (a proposal: shown as "Förslag till beslut").
    kind: str = "beslut"


class CaseResponse(BaseModel):
    case_number: str
    documents: list[CaseDocument]
    committees: list[CaseCommittee]
    decisions: list[Decision]


class CaseReference(BaseModel):
    normalized: str
    text: str
    role: str


class CommitteeReference(BaseModel):
    name: str
    role: str
    roles: list[str]
    kind: str | None


class DateMention(BaseModel):
    date: str
    end_date: str | None
    kind: str
    text: str


class Person(BaseModel):
    name: str
    title: str | None
    role: str | None


class Meeting(BaseModel):
    committee: str | None
    date: str | None


class RelatedDocument(BaseModel):
    id: str
    title: str
    doc_type: str
    date: str | None
    shared_case_numbers: list[str]


class SimilarDocument(BaseModel):
    id: str
    title: str
    doc_type: str
    date: str | None


class DocumentResponse(BaseModel):
    id: str
    title: str
    source: str
    format: str | None
    pages: int | None
    status: str
    reason: str | None
    doc_type: str
    date: str | None
    year: int | None
    meeting: Meeting | None
    case_numbers: list[CaseReference]
    committees: list[CommitteeReference]
    dates: list[DateMention]
    persons: list[Person]
    places: list[str]
    decisions: list[Decision]
    related: list[RelatedDocument]  # the other documents of its cases, in chain order
    similar: list[SimilarDocument]  # the nearest by text
    text: str


# -- the search page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchParams:
    """A search as it stands in the URL, so that it can be bookmarked and shared."""

    q: str = ""
    doc_type: str | None = None
    committee: str | None = None
    year: int | None = None
    sort: Sort = "relevance"
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE

    @property
    def has_filters(self) -> bool:
        return bool(self.doc_type or self.committee or self.year is not None)

    def url(self, **changes: Any) -> str:
        """The search page's URL for these parameters with `changes` (None removes one).

        Changing anything but the page goes back to the first page.
        """
        if changes and "page" not in changes:
            changes["page"] = 1
        params = replace(self, **changes)
        pairs = [
            ("q", params.q),
            ("type", params.doc_type),
            ("committee", params.committee),
            ("year", params.year),
            ("sort", None if params.sort == "relevance" else params.sort),
            ("page", None if params.page == 1 else params.page),
            ("size", None if params.size == DEFAULT_PAGE_SIZE else params.size),
        ]
        query = urlencode([(k, v) for k, v in pairs if v not in (None, "")])
        return f"/?{query}" if query else "/"


def public_source(record: Record) -> str:
    """Where a document came from, as a public page may say it: the URL of a remote
    document, the file name of a file (a server's folders are nobody's business), with a
    personnummer in it masked (ingestion masks `source` already; older records too)."""
    source = str(record.get("source") or "")
    if (record.get("origin") or "files") == "files":
        source = Path(source).name
    return mask_path(source)


def case_url(case_number: str) -> str:
    return f"/arende/{quote(case_number, safe='')}"


def document_url(doc_id: str, query: str = "") -> str:
    return f"/dokument/{doc_id}" + (f"?{urlencode({'q': query})}" if query.strip() else "")


class Site:
    """The archive and the search engine behind the pages, opened once per server."""

    def __init__(self, archive: Archive, backend: SearchBackend) -> None:
        self.archive = archive
        self.backend = backend
        self.vocabulary = ArchiveVocabulary(archive)
        self._records: OrderedDict[tuple[str, int, int], Record] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def open(cls, archive: Archive, backend_kind: str) -> Site:
        return cls(archive, open_backend(backend_kind, archive.index_dir))

    def warm(self) -> None:
        """Build what the first search would otherwise build while an officer waits."""
        self.vocabulary.get()

    def close(self) -> None:
        self.backend.close()

    def record(self, doc_id: str) -> Record | None:
        """The archived record of a document id, or None for anything that is not one."""
        if not DOCUMENT_ID.fullmatch(doc_id):
            return None
        path = self.archive.record_path(doc_id)
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        # Keyed by mtime and size, so a record rewritten by an ingestion is read again.
        key = (doc_id, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._records.get(key)
            if cached is not None:
                self._records.move_to_end(key)
                return cached
        record: Record = json.loads(path.read_text(encoding="utf-8"))
        with self._lock:
            self._records[key] = record
            while len(self._records) > _RECORD_CACHE_SIZE:
                self._records.popitem(last=False)
        return record


def search(site: Site, params: SearchParams) -> SearchResponse:
    """One page of hits, the facets over all matches, and a spelling suggestion."""
    query = SearchQuery(
        text=params.q,
        doc_type=params.doc_type,
        committee=params.committee,
        year=params.year,
        sort=params.sort,
        limit=params.size,
        offset=(params.page - 1) * params.size,
    )
    result = site.backend.search(query)
    response = _search_response(site, params, result)
    index = versions.load(site.archive, include_secret=show_secret())
    response.hits = [
        hit.model_copy(update={"versions": count})
        for hit, count in versions.collapse(response.hits, index)
    ]
    return response


def _search_response(site: Site, params: SearchParams, result: Any) -> SearchResponse:
    return SearchResponse(
        query=params.q,
        doc_type=params.doc_type,
        committee=params.committee,
        year=params.year,
        sort=params.sort,
        page=params.page,
        size=params.size,
        pages=max(1, -(-result.total // params.size)),
        total=result.total,
        took_ms=round(result.took_ms, 2),
        hits=[
            Hit(
                id=h.id,
                title=h.title or Path(h.source).name,
                doc_type=h.doc_type,
                date=h.date,
                committees=h.committees,
                case_numbers=h.case_numbers,
                score=round(h.score, 4),
                snippet=h.snippet,
            )
            for h in result.hits
        ],
        facets=_facets(result.facets, params),
        suggestion=_suggestion(site, params),
    )


def _facets(facets: dict[str, dict[str, int]], params: SearchParams) -> Facets:
    def values(name: str, selected: str | None, label: Any) -> list[FacetValue]:
        counts = facets.get(name, {})
        if name == "year":
            order = sorted(counts, reverse=True)
        else:
            order = sorted(counts, key=lambda v: (-counts[v], v))
        return [
            FacetValue(value=v, label=label(v), count=counts[v], selected=v == selected)
            for v in order
        ]

    return Facets(
        doc_type=values("doc_type", params.doc_type, doc_type_label),
        committee=values("committee", params.committee, capitalized),
        year=values("year", None if params.year is None else str(params.year), str),
    )


def _suggestion(site: Site, params: SearchParams) -> str | None:
    """A query with archived words for the unknown ones, offered only when it finds something.

    Offered with hits too: a typo often finds documents through the engine's typo
    tolerance, and the officer still learns how the archive spells the word.
    """
    query = SearchQuery(
        text=params.q, doc_type=params.doc_type, committee=params.committee, year=params.year
    )
    return checked_suggestion(site.vocabulary.get(), site.backend, query)


# -- the case page ---------------------------------------------------------------------------


def case(site: Site, normalized: str) -> CaseResponse | None:
    """Every document of a case in date order, its committees and its decisions.

    The documents are `diarium.queries.documents_for_case`'s, the one answer `diarium case`
    gives too: a bare number that the tables qualified by the document's registry
    (`2023-00249` in a kommunstyrelsen document is `KS-2023-249`) belongs to the case."""
    try:
        found_docs = documents_for_case(site.archive, normalized)
    except FileNotFoundError:  # no tables yet: no case is known
        return None
    parts = parse_canonical(normalized)
    # The forms a document of the case may write it in: the case, or its bare number.
    written = {normalized} | ({f"{parts.year}-{parts.serial}"} if parts and parts.series else set())
    documents: list[CaseDocument] = []
    committees: dict[str, list[str]] = {}
    decisions: list[Decision] = []
    for doc in found_docs:
        record = site.record(doc["id"])
        if record is None or record.get("status") != "ok":
            continue
        extraction = record.get("extraction") or {}
        own = [c["normalized"] for c in extraction.get("case_numbers", []) if c["role"] == "own"]
        title = extraction.get("title") or Path(record["source"]).name
        found = [
            _decision(d, record["id"], title, extraction.get("date"), extraction.get("doc_type"))
            for d in extraction.get("decisions", [])
            if d.get("case_number") in written
            # A decision without its own case number belongs to the document's only case.
            or (d.get("case_number") is None and len(own) == 1 and own[0] in written)
        ]
        decisions.extend(found)
        for body in extraction.get("committees", []):
            acting = [r for r in body.get("roles", [body["role"]]) if r != "mentioned"]
            if acting:
                known = committees.setdefault(body["name"], [])
                known.extend(r for r in acting if r not in known)
        documents.append(
            CaseDocument(
                id=record["id"],
                source=public_source(record),
                title=title,
                doc_type=extraction.get("doc_type") or "",
                date=extraction.get("date"),
                role=doc["role"] or "unknown",
                paragraphs=list(dict.fromkeys(d.paragraph for d in found if d.paragraph)),
            )
        )
    if not documents:
        return None
    return CaseResponse(
        case_number=normalized,
        documents=documents,
        committees=[CaseCommittee(name=n, roles=r) for n, r in committees.items()],
        decisions=decisions,
    )


def _decision(
    item: dict[str, Any], doc_id: str, title: str, date: str | None, doc_type: str | None = None
) -> Decision:
    return Decision(
        text=item["text"],
        by=item.get("by"),
        paragraph=item.get("paragraph"),
        case_number=item.get("case_number"),
        document_id=doc_id,
        document_title=title,
        date=date,
        kind=decision_kind(item, doc_type),
    )


# -- the document page -----------------------------------------------------------------------


def document(site: Site, doc_id: str) -> DocumentResponse | None:
    """A document's metadata, extraction, text and the documents that share a case with it."""
    record = site.record(doc_id)
    if record is None:
        return None
    extraction = record.get("extraction") or {}
    title = extraction.get("title") or Path(record["source"]).name
    meeting = extraction.get("meeting")
    cases = _case_references(extraction.get("case_numbers", []))
    return DocumentResponse(
        id=record["id"],
        title=title,
        source=public_source(record),
        format=record.get("format"),
        pages=record.get("pages"),
        status=record.get("status") or "",
        reason=record.get("reason"),
        doc_type=extraction.get("doc_type") or "",
        date=extraction.get("date"),
        year=extraction.get("year"),
        meeting=Meeting(committee=meeting.get("committee"), date=meeting.get("date"))
        if meeting
        else None,
        case_numbers=cases,
        committees=[
            CommitteeReference(
                name=c["name"], role=c["role"], roles=c.get("roles", []), kind=c.get("kind")
            )
            for c in extraction.get("committees", [])
        ],
        dates=_dates(extraction.get("dates", [])),
        persons=[
            Person(name=p["name"], title=p.get("title"), role=p.get("role"))
            for p in extraction.get("persons", [])
        ],
        places=list(dict.fromkeys(p["name"] for p in extraction.get("places", []))),
        decisions=[
            _decision(d, record["id"], title, extraction.get("date"), extraction.get("doc_type"))
            for d in extraction.get("decisions", [])
        ],
        **_related(site, record["id"], [c.normalized for c in cases]),
        text=record.get("text") or "",
    )


def _related(site: Site, doc_id: str, case_numbers: list[str]) -> dict[str, Any]:
    found = related_documents(site.archive, site.backend, doc_id, case_numbers)
    return {
        "related": [RelatedDocument(**asdict(r)) for r in found.same_case],
        "similar": [
            SimilarDocument(
                id=h.id, title=h.title or Path(h.source).name, doc_type=h.doc_type, date=h.date
            )
            for h in found.similar
        ],
    }


def _case_references(items: list[dict[str, Any]]) -> list[CaseReference]:
    """One entry per case, with its strongest role and its first written form."""
    found: dict[str, CaseReference] = {}
    for item in items:
        known = found.get(item["normalized"])
        if known is None or ROLE_STRENGTH.get(item["role"], -1) > ROLE_STRENGTH.get(known.role, -1):
            text = known.text if known else item["text"]
            found[item["normalized"]] = CaseReference(
                normalized=item["normalized"], text=text, role=item["role"]
            )
    return list(found.values())


def _dates(items: list[dict[str, Any]]) -> list[DateMention]:
    seen: set[tuple[str, str, str]] = set()
    dates: list[DateMention] = []
    for item in items:
        key = (item["date"], item["kind"], item["text"])
        if key in seen:
            continue
        seen.add(key)
        dates.append(
            DateMention(
                date=item["date"],
                end_date=item.get("end_date"),
                kind=item["kind"],
                text=item["text"],
            )
        )
    return dates


def text_highlights(text: str, record: Record, query: str) -> list[tuple[int, int]]:
    """What the document page marks for `query`: the words as the search engine matches them
    (inflected forms, compound parts, typos) and the case numbers the query names, in
    whatever form the text writes them. A query that is one case number (also the shown
    form "2024-134") marks that case number only, never its digits as words."""
    from search.matching import text_highlights as word_highlights

    if canonical_case_number(query) is not None:
        return case_spans(record, query)
    return word_highlights(text, query) + case_spans(record, query)


def case_spans(record: Record, query: str) -> list[tuple[int, int]]:
    """Where the text writes a case number that the query names, in whatever form."""
    wanted = set(parse_query(query).case_numbers)
    whole = canonical_case_number(query)
    if whole is not None:
        wanted.add(whole)
    if not wanted:
        return []
    return [
        (c["start"], c["end"])
        for c in (record.get("extraction") or {}).get("case_numbers", [])
        if c["normalized"] in wanted and isinstance(c.get("start"), int)
    ]


# -- the original file -----------------------------------------------------------------------


class OriginalUnavailable(Exception):
    """The archived original cannot be served; the message says why, in Swedish."""


def original_path(site: Site, doc_id: str) -> Path | None:
    """The file that was read into the archive for this document.

    Only the path recorded at ingestion is ever served, and only while its content is the
    one that was archived (same sha256): nothing from the request names a file.
    """
    record = site.record(doc_id)
    if record is None:
        return None
    path = Path(record.get("path") or "")
    if not record.get("path") or not path.is_file():
        raise OriginalUnavailable("Originalfilen finns inte längre kvar där den lästes in.")
    # Whatever the path has become since (a file swapped for a link to /etc/passwd), only a
    # file inside the archive or inside the source folder it was found in is served.
    path = path.resolve()
    if not any(path.is_relative_to(root) for root in _download_roots(site.archive, record)):
        raise OriginalUnavailable(
            "Originalfilen ligger utanför arkivet och källmappen och lämnas inte ut."
        )
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != record.get("sha256"):
        raise OriginalUnavailable(
            "Originalfilen har ändrats sedan den lästes in; läs in den igen för att ladda ner den."
        )
    return path


def _download_roots(archive: Archive, record: Record) -> list[Path]:
    roots = [archive.home.resolve()]
    root = record.get("root")
    if root:
        roots.append(Path(root).resolve())
    # Records written before `root` existed: the configured drop folder still counts.
    for folder in settings.drop_folders():
        roots.append(Path(folder).expanduser().resolve())
    return roots
