"""A document's related documents, for its page: the documents of its cases in the order the
cases ran, then the documents nearest to it by text.

The documents of a case are the one answer of `diarium.queries.documents_for_case` (the one
the case page and `diarium case` give); "nearest by text" is the engine's more-like-this
(`SearchBackend.similar`), without the documents already listed by case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diarium import doctypes
from diarium.archive import Archive
from diarium.queries import documents_for_case
from search.backend import SearchBackend, SearchHit

#: Documents listed per kind on a document page.
SAME_CASE_LIMIT = 50
SIMILAR_LIMIT = 5


@dataclass
class Related:
    """Another document of one of the document's cases, and which cases it shares."""

    id: str
    title: str
    doc_type: str
    date: str | None
    shared_case_numbers: list[str] = field(default_factory=list)


@dataclass
class RelatedDocuments:
    same_case: list[Related]  # remiss → yttrande → beslut: by date, then stage
    similar: list[SearchHit]  # nearest by text, not already in same_case


def chain_key(date: str | None, doc_type: str | None, doc_id: str) -> tuple[bool, str, int, str]:
    """Where a document stands in its case: by date, and by stage within a date
    (`diarium.doctypes.STAGE_ORDER`, as in the tables' case chains).

    >>> sorted([chain_key("2020-11-17", "yttrande", "a"), chain_key("2020-11-17", "remiss", "b")])[0][-1]
    'b'
    """
    stage = doctypes.stage_rank(doctypes.stage_of_type(doc_type))
    return (date is None, date or "", stage, doc_id)


def same_case(archive: Archive, doc_id: str, case_numbers: list[str]) -> list[Related]:
    """The other documents of each of `case_numbers`, in chain order."""
    related: dict[str, Related] = {}
    for case_number in case_numbers:
        try:
            found = documents_for_case(archive, case_number)
        except FileNotFoundError:  # no tables yet: nothing is known of the case
            found = []
        for doc in found:
            if doc["id"] == doc_id:
                continue
            entry = related.setdefault(doc["id"], _related(doc))
            entry.shared_case_numbers.append(case_number)
    ordered = sorted(related.values(), key=lambda r: chain_key(r.date, r.doc_type, r.id))
    return ordered[:SAME_CASE_LIMIT]


def _related(doc: dict[str, Any]) -> Related:
    return Related(
        id=doc["id"],
        title=doc["title"] or Path(doc["source"]).name,
        doc_type=doc["doc_type"] or "",
        date=doc["date"],
    )


def related_documents(
    archive: Archive,
    backend: SearchBackend,
    doc_id: str,
    case_numbers: list[str],
    *,
    limit: int = SIMILAR_LIMIT,
) -> RelatedDocuments:
    listed = same_case(archive, doc_id, case_numbers)
    known = {r.id for r in listed}
    similar = [h for h in backend.similar(doc_id, limit + len(known)) if h.id not in known]
    return RelatedDocuments(listed, similar[:limit])
