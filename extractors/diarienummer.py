"""Case numbers (diarienummer): find them in text and in queries, and normalize them.

One canonical form per case, so that every spelling of a case compares equal:

    SERIES-YEAR-SERIAL   with the series upper-case and the serial without leading zeros
    YEAR-SERIAL          when the document gives no series (a bare ``Dnr 2024-00134``)

>>> normalize("tn 2019 3825"), normalize("TN 2019/3825"), normalize("TN-2019-3825")
('TN-2019-3825', 'TN-2019-3825', 'TN-2019-3825')
>>> normalize("KS 2025–00321"), normalize("2021/KS 0280"), normalize("DNR: KF/2006.366")
('KS-2025-321', 'KS-2021-280', 'KF-2006-366')
>>> normalize("Dnr 0263/19"), normalize("SOU 2023:96") is None
('2019-263', True)

The patterns are data (`DOCUMENT_PATTERNS`); each is tried over the whole text, and the
look-alikes that share their shape (dates, SOU/SFS and ministry numbers) are rejected by
`SERIES_STOPLIST` and by the date check, not by special cases in the patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: Series that look like a registering body but name something else: government
#: report and statute series, ministries, courts, standards.
SERIES_STOPLIST = frozenset(
    {
        "SOU",
        "SFS",
        "DS",
        "PROP",
        "DIR",
        "BET",
        "RSKR",
        "SKR",
        "UD",
        "EU",
        "ISO",
        "SS",
        "NJA",
        "HFD",
        "RÅ",
        "MÖD",
        "MMD",
        "AD",
        "RH",
        "NJ",
        "JO",
        "JK",
        "KAMMR",
        "MAL",
        "BFS",
        "AFS",
        "SOSFS",
        "HSLF",
        "TSFS",
        "NFS",
        "MSBFS",
        "KOM",
        "COM",
        "CELEX",
        "ISBN",
        "ISSN",
        "NR",
        "TEL",
        "FAX",
        "SEK",
        "KR",
        "TKR",
        "MKR",
        "MNKR",
        "MDKR",
        "ÅR",
        "VECKA",
        "V",
        "KL",
        "CA",
        "BID",
        "CTC",
        "PPT",
        "GESO",
        # Government ministries' registration prefixes (Ju 2025/00949, Fi2023/01234).
        "JU",
        "FI",
        "FÖ",
        "KU",
        "SO",
        "IJ",
    }
)

_SERIES = r"(?P<series>[A-ZÅÄÖ]{2,6}(?:[-/][A-ZÅÄÖ]{2,6})?)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SERIAL = r"(?P<serial>\d{1,6})"
_NOT_AFTER_WORD = r"(?<![\w/.-])"
# A serial may not run on into more digits or into the rest of a date ("SBN 2023-12-14").
_END = r"(?![\d])(?![-–/.]\d)"

#: (rule name, compiled pattern). Named groups: series (optional), year or yy, serial.
DOCUMENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # STK-2023-137, STK 2018-74, KS 2014/0316, KS 2025–00321, KSKF/2014:1, KF/2006.366
    (
        "series_year_serial",
        re.compile(
            _NOT_AFTER_WORD
            + _SERIES
            + r"(?:\s?[-/]\s?|\s)"
            + _YEAR
            + r"\s?[-–/:.]\s?"
            + _SERIAL
            + _END
        ),
    ),
    # 2021/KS 0280
    (
        "year_series_serial",
        re.compile(_NOT_AFTER_WORD + _YEAR + r"/" + _SERIES + r"[\s-]" + _SERIAL + _END),
    ),
    # Dnr 0263/19 (serial/two-digit year, no series)
    (
        "dnr_serial_yy",
        re.compile(
            r"(?i:\b(?:dnr|diarienr|diarienummer|ärendenr)\.?:?\s*)"
            + r"(?P<serial>\d{1,6})/(?P<yy>\d{2})\b(?![/-]\d)"
        ),
    ),
    # Dnr 2024-00134 (year-serial in a Dnr field, no series). The serial needs three digits
    # so that a date in a Dnr field is never read as a case.
    (
        "dnr_year_serial",
        re.compile(
            r"(?i:\b(?:dnr|diarienr|diarienummer|ärendenr)\.?:?\s*)"
            + _YEAR
            + r"[-–/]"
            + r"(?P<serial>\d{3,6})"
            + _END
        ),
    ),
)

#: Queries are typed by people: any case, spaces for separators ("tn 2019 3825").
QUERY_PATTERN = re.compile(
    r"(?<![\w])(?P<series>[A-Za-zÅÄÖåäö]{2,6})[\s:/-]*(?P<year>(?:19|20)\d{2})[\s/:.–-]+(?P<serial>\d{1,6})(?!\d)"
    r"|(?<![\w])(?P<year2>(?:19|20)\d{2})/(?P<series2>[A-Za-zÅÄÖåäö]{2,6})[\s-]+(?P<serial2>\d{1,6})(?!\d)"
)


@dataclass(frozen=True)
class CaseNumberMatch:
    text: str  # as written
    normalized: str
    start: int
    end: int
    rule: str


def _canonical(series: str | None, year: str, serial: str) -> str:
    serial_number = str(int(serial))
    if series:
        return f"{series.upper().replace('/', '-')}-{year}-{serial_number}"
    return f"{year}-{serial_number}"


def _series_allowed(series: str | None) -> bool:
    if not series:
        return True
    parts = re.split(r"[-/]", series.upper())
    return not any(part in SERIES_STOPLIST for part in parts)


def _year_of(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("year"):
        return groups["year"]
    yy = int(groups["yy"])
    # Two-digit years: municipal registries of today reach back to the 1970s.
    return f"{2000 + yy if yy < 70 else 1900 + yy}"


def find_case_numbers(text: str) -> Iterator[CaseNumberMatch]:
    """Yield every case number in a document text, in text order, without overlaps.

    >>> [m.normalized for m in find_case_numbers("Remiss, STK-2023-137 SBN-2023-734")]
    ['STK-2023-137', 'SBN-2023-734']
    >>> [m.normalized for m in find_case_numbers("Förslag yttrande SBN 2023-12-14, SOU 2023:96")]
    []
    """
    found: list[CaseNumberMatch] = []
    for rule, pattern in DOCUMENT_PATTERNS:
        for match in pattern.finditer(text):
            series = match.groupdict().get("series")
            if not _series_allowed(series):
                continue
            start, end = match.span()
            # Dnr rules include the "Dnr" label; the span is the number itself.
            if rule.startswith("dnr_"):
                start = match.start("serial") if rule == "dnr_serial_yy" else match.start("year")
            found.append(
                CaseNumberMatch(
                    text=text[start:end],
                    normalized=_canonical(series, _year_of(match), match.group("serial")),
                    start=start,
                    end=end,
                    rule=rule,
                )
            )
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    last_end = -1
    for m in found:
        if m.start >= last_end:
            yield m
            last_end = m.end


def normalize(text: str) -> str | None:
    """The canonical form of one case number as a person or a document writes it, or None."""
    stripped = text.strip()
    for m in find_case_numbers(stripped):
        return m.normalized
    for m in find_in_query(stripped):
        return m.normalized
    return None


def find_in_query(query: str) -> Iterator[CaseNumberMatch]:
    """Case numbers in a search query, in any case and with any separators.

    >>> [m.normalized for m in find_in_query("beslut tn 2019 3825 samverkan")]
    ['TN-2019-3825']
    """
    for match in QUERY_PATTERN.finditer(query):
        series = match.group("series") or match.group("series2")
        year = match.group("year") or match.group("year2")
        serial = match.group("serial") or match.group("serial2")
        if not _series_allowed(series):
            continue
        yield CaseNumberMatch(
            text=match.group(0),
            normalized=_canonical(series, year, serial),
            start=match.start(),
            end=match.end(),
            rule="query",
        )
