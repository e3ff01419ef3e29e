"""Document types: the vocabulary, and what the application knows of each type.

The vocabulary itself is the extractor's (`extractors.model.DOC_TYPES`, with the types that
propose decisions, `PROPOSING_TYPES`); every other list of document types in Diarium is here,
named once, and each names only types of that vocabulary (tests/test_tables.py checks).

Stages of a case: a document's stage is its type, except that minutes and decisions are the
`beslut` stage and an agenda is the `kallelse` stage (`STAGE_OF_TYPE`); stages run in
`STAGE_ORDER` (the rules of docs/tables.md, *Case chains*). The case chain in the tables and
the related documents on the document page order a case's documents by it.

>>> [stage_rank(stage_of_type(t)) for t in ("remiss", "tjänsteskrivelse", "protokoll", "rapport")]
[0, 2, 6, 7]
"""

from __future__ import annotations

from extractors.model import DOC_TYPES, PROPOSING_TYPES

__all__ = [
    "DATED_TYPES",
    "DECIDING_TYPES",
    "DOC_TYPES",
    "PROPOSING_TYPES",
    "STAGE_OF_TYPE",
    "STAGE_ORDER",
    "proposes",
    "stage_of_type",
    "stage_rank",
]

#: Types that record decisions taken (against `PROPOSING_TYPES`, which propose them).
DECIDING_TYPES = frozenset(
    {"protokoll", "protokollsutdrag", "beslut", "yttrande", "årsredovisning", "delårsrapport"}
)

#: Types that always carry a date in their header (Datum, sammanträdesdatum).
DATED_TYPES = frozenset(
    {"tjänsteskrivelse", "protokoll", "protokollsutdrag", "kallelse", "yttrande", "beslut"}
)

#: The stage of a type, where it is not the type itself.
STAGE_OF_TYPE = {
    "protokoll": "beslut",
    "protokollsutdrag": "beslut",
    "beslut": "beslut",
    "föredragningslista": "kallelse",
}

#: Where each stage stands in a case: the remiss starts it, the beslut ends it; any other
#: stage comes after these.
STAGE_ORDER = {
    "remiss": 0,
    "motion": 1,
    "skrivelse": 1,
    "tjänsteskrivelse": 2,
    "yttrande": 3,
    "handlingar": 4,
    "kallelse": 5,
    "beslut": 6,
}
_LAST = max(STAGE_ORDER.values()) + 1


def stage_of_type(doc_type: str | None) -> str:
    doc_type = doc_type or "dokument"
    return STAGE_OF_TYPE.get(doc_type, doc_type)


def stage_rank(stage: str) -> int:
    return STAGE_ORDER.get(stage, _LAST)


def proposes(doc_type: str | None) -> bool | None:
    """Whether a type proposes decisions (True), records them (False), or neither (None)."""
    if doc_type in PROPOSING_TYPES:
        return True
    if doc_type in DECIDING_TYPES:
        return False
    return None
