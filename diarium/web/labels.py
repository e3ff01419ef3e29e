"""Swedish words for the values the extraction stores in English or in lower case."""

from __future__ import annotations

CASE_RELATIONS = {
    "own": "ärendets eget nummer",
    "referenced": "hänvisar till ärendet",
    "unknown": "nämner ärendet",
}

COMMITTEE_ROLES = {
    "decision_maker": "beslutar",
    "author": "avsändare",
    "recipient": "mottagare",
    "mentioned": "nämns",
}

DATE_KINDS = {
    "document": "dokumentdatum",
    "meeting": "sammanträde",
    "mentioned": "nämnt i texten",
    "range": "period",
    "period": "period",
}

STATUSES = {
    "ok": "inläst",
    "failed": "kunde inte läsas",
    "needs_ocr": "behöver OCR (bara bild, ingen text)",
}

SORTS = {"relevance": "relevans", "date": "datum"}


def capitalized(value: str | None) -> str:
    """'tekniska nämnden' -> 'Tekniska nämnden'; names are stored in lower case."""
    if not value:
        return ""
    return value[0].upper() + value[1:]


def doc_type_label(value: str | None) -> str:
    return capitalized(value) if value else "Okänd typ"


def lookup(table: dict[str, str], value: str | None) -> str:
    """The Swedish word for `value`, or the value itself when there is none."""
    if not value:
        return ""
    return table.get(value, value)
