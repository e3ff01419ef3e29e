"""The parts every reading of a case number shares: the match, its canonical form, and the
tests of a series, a year and the words before a number. Used by `extractors.diarienummer`
(documents and queries) and `extractors.case_number_lists` (numbers read from lists)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.case_number_grammar import DATE_LIKE
from extractors.case_number_rules import (
    LOOKALIKE_CONTEXT,
    MINISTRY_PREFIXES,
    PARAGRAPH_SERIES,
    SERIES_STOPLIST,
    SHORT_WORDS,
    TWO_DIGIT_YEAR_PIVOT,
)


@dataclass(frozen=True)
class CaseNumberMatch:
    text: str  # as written, with its code
    normalized: str
    start: int
    end: int
    rule: str
    #: None when the series is written; "document" or "registry" when a series-less number was
    #: read in its body's series (see `extractors.extraction`).
    series_from: str | None = None
    #: The filing-plan code or sub-number written after the serial ("1.5.2", "51", "001").
    code: str | None = None


def full_year(year: str) -> str:
    if len(year) == 4:
        return year
    yy = int(year)
    return f"{2000 + yy if yy <= TWO_DIGIT_YEAR_PIVOT else 1900 + yy}"


def canonical(series: str | None, year: str | None, serial: str) -> str:
    serial_number = str(int(serial))
    parts = [series.upper().replace("/", "-")] if series else []
    if year:
        parts.append(full_year(year))
    parts.append(serial_number)
    return "-".join(parts)


#: Compiled once: these run on every candidate case number and table cell.
_SERIES_PARTS = re.compile(r"[-/]")
_SPACE = re.compile(r"\s")


def series_allowed(series: str | None) -> bool:
    if not series:
        return True
    if series in MINISTRY_PREFIXES or series in SHORT_WORDS:
        return False
    parts = _SERIES_PARTS.split(series.upper())
    if any(part in SERIES_STOPLIST for part in parts):
        return False
    return not PARAGRAPH_SERIES.search(parts[-1])


def lookalike(text: str, start: int) -> bool:
    """A plan, property, court, motion or paragraph number by the words right before it."""
    return bool(LOOKALIKE_CONTEXT.search(text, max(0, start - 60), start))


def year_like(group: str) -> bool:
    return len(group) == 4 and group[:2] in ("19", "20")


def span_or_date(year: str, serial: str, written: str, short_spans: bool = True) -> bool:
    """A year range ("2012-2016", "2020/21") or a date ("2023-12-14") in the shape of a case.
    After a series, "KS-2024-25" is a case: `short_spans` is then off."""
    if year_like(serial) and int(serial) > int(full_year(year)):
        return True
    if short_spans and len(serial) == 2 and len(year) == 4 and int(serial) == (int(year) + 1) % 100:
        return True
    return bool(DATE_LIKE.match(_SPACE.sub("", written)))


def clean_code(code: str | None) -> str | None:
    if not code:
        return None
    return code.strip(" -./") or None
