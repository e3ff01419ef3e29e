"""Related documents, engine-independent: the case chain first, then the nearest by text."""

from __future__ import annotations

from dataclasses import dataclass

from search.backend import SearchBackend, SearchHit

#: Where each document type stands in a case: the remiss starts it, the beslut ends it.
CHAIN_ORDER = {
    "remiss": 0,
    "tjänsteskrivelse": 1,
    "yttrande": 2,
    "kallelse": 3,
    "föredragningslista": 3,
    "handlingar": 3,
    "protokoll": 4,
    "protokollsutdrag": 4,
    "beslut": 5,
}


@dataclass
class RelatedDocuments:
    same_case: list[SearchHit]  # remiss → yttrande → beslut, then by date
    similar: list[SearchHit]  # nearest by text, not already in same_case


def chain_order(hits: list[SearchHit]) -> list[SearchHit]:
    """Order a case's documents as the case ran: by date, and by type within a date.

    >>> a = SearchHit("a", "a", "", "yttrande", "2020-11-17", 0, "")
    >>> b = SearchHit("b", "b", "", "tjänsteskrivelse", "2020-08-17", 0, "")
    >>> [h.id for h in chain_order([a, b])]
    ['b', 'a']
    """
    return sorted(
        hits,
        key=lambda h: (h.date is None, h.date or "", CHAIN_ORDER.get(h.doc_type, 3), h.id),
    )


def related_documents(backend: SearchBackend, doc_id: str, *, limit: int = 5) -> RelatedDocuments:
    document = backend.get(doc_id)
    if document is None:
        return RelatedDocuments([], [])
    same: dict[str, SearchHit] = {}
    for case_number in document.case_numbers:
        for hit in backend.documents_with_case(case_number):
            if hit.id != doc_id:
                same.setdefault(hit.id, hit)
    similar = [h for h in backend.similar(doc_id, limit + len(same)) if h.id not in same]
    return RelatedDocuments(chain_order(list(same.values())), similar[:limit])
