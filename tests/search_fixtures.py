"""Small synthetic documents for the search tests (engines, contract, query paths)."""

from __future__ import annotations

from search.backend import IndexDocument


def doc(
    doc_id: str,
    text: str,
    *,
    title: str = "",
    doc_type: str = "beslut",
    committees: list[str] | None = None,
    case_numbers: list[str] | None = None,
    date: str | None = None,
    year: int | None = None,
) -> IndexDocument:
    """A document with only what a test gives; `year` alone dates it 1 January."""
    if date is None and year is not None:
        date = f"{year}-01-01"
    return IndexDocument(
        id=doc_id,
        source=f"test://{doc_id}",
        title=title,
        doc_type=doc_type,
        date=date,
        year=year if year is not None else (int(date[:4]) if date else None),
        committees=committees or [],
        case_numbers=case_numbers or [],
        text=text,
    )
