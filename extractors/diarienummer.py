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
    }
)

#: Government ministries write their registration prefix in mixed case ("Ju 2025/00949",
#: "Fi2023/01234", "Ku 2023/01702"); municipal registries write theirs in capitals ("DNR:KU/2007.9"
#: is Högsby's kommunledningsutskott). So the ministry list is matched case-sensitively, on the
#: series as written: "Ku" is rejected, "KU" is a municipal series. Document patterns only accept
#: capitals anyway; the list matters for queries, where people type any case ("ku 2007 9").
MINISTRY_PREFIXES = frozenset({"Ju", "Fi", "Fö", "Ku", "So", "Ij", "Ud", "Sn", "Ds"})

#: Words right before a number that make it something else than a registry case: a plan or
#: property designation ("detaljplan FJP31 PL/2015:18"), a court case ("mål nr P 2024-12"), a
#: traffic regulation ("trafikföreskrifter 1384 2024-00044"), a statute or report.
LOOKALIKE_CONTEXT = re.compile(
    r"(?i)\b(?:detaljplan(?:en|er)?|planbeteckning|plannummer|plan nr|aktnummer|akt nr|"
    r"fastighet(?:en|sbeteckning)?|mål\s?(?:nr|nummer)|målnr|trafikföreskrift(?:er(?:na)?)?)"
    r"\.?[\w ./:-]{0,16}$"
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
    # "dnr 2024-00134": a Dnr label, then a case number without series.
    r"(?i:\b(?:dnr|diarienr|diarienummer)\.?:?\s*)(?P<year3>(?:19|20)\d{2})[\s/–-]+(?P<serial3>\d{1,6})(?!\d)"
    r"|(?<![\w])(?P<series>[A-Za-zÅÄÖåäö]{2,6})[\s:/-]*(?P<year>(?:19|20)\d{2})[\s/:.–-]+(?P<serial>\d{1,6})(?!\d)"
    r"|(?<![\w])(?P<year2>(?:19|20)\d{2})/(?P<series2>[A-Za-zÅÄÖåäö]{2,6})[\s-]+(?P<serial2>\d{1,6})(?!\d)"
)


@dataclass(frozen=True)
class CaseNumberMatch:
    text: str  # as written
    normalized: str
    start: int
    end: int
    rule: str
    #: None when the series is written; "document" or "registry" when a series-less number was
    #: read in its body's series (see `extractors.extraction`).
    series_from: str | None = None


def _canonical(series: str | None, year: str, serial: str) -> str:
    serial_number = str(int(serial))
    if series:
        return f"{series.upper().replace('/', '-')}-{year}-{serial_number}"
    return f"{year}-{serial_number}"


def _series_allowed(series: str | None) -> bool:
    if not series:
        return True
    if series in MINISTRY_PREFIXES:
        return False
    parts = re.split(r"[-/]", series.upper())
    return not any(part in SERIES_STOPLIST for part in parts)


def _lookalike(text: str, start: int) -> bool:
    """A plan, property, court or traffic-regulation number by the words right before it."""
    return bool(LOOKALIKE_CONTEXT.search(text, max(0, start - 60), start))


def _year_of(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("year"):
        return groups["year"]
    yy = int(groups["yy"])
    # Two-digit years: municipal registries of today reach back to the 1970s.
    return f"{2000 + yy if yy < 70 else 1900 + yy}"


#: Every pattern holds a year; it runs only in a window around the years of the text (several
#: times faster than a full scan; lookbehinds still see the real text).
_YEAR_TRIGGER = re.compile(r"(?:19|20)\d\d|/\d\d\b")
_BEFORE, _AFTER = 40, 16


def _matches(rule: str, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    seen: set[tuple[int, int]] = set()
    for hit in _YEAR_TRIGGER.finditer(text):
        a, b = hit.span()
        for match in pattern.finditer(text, max(0, a - _BEFORE), min(len(text), b + _AFTER)):
            if match.span() not in seen and match.start() <= a < match.end():
                seen.add(match.span())
                yield match


def find_case_numbers(text: str) -> Iterator[CaseNumberMatch]:
    """Yield every case number in a document text, in text order, without overlaps.

    >>> [m.normalized for m in find_case_numbers("Remiss, STK-2023-137 SBN-2023-734")]
    ['STK-2023-137', 'SBN-2023-734']
    >>> [m.normalized for m in find_case_numbers("Förslag yttrande SBN 2023-12-14, SOU 2023:96")]
    []
    """
    found: list[CaseNumberMatch] = []
    for rule, pattern in DOCUMENT_PATTERNS:
        for match in _matches(rule, pattern, text):
            series = match.groupdict().get("series")
            if not _series_allowed(series):
                continue
            start, end = match.span()
            if _lookalike(text, start):
                continue
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
    >>> [m.normalized for m in find_in_query("dnr 2024-00134")]
    ['2024-134']
    """
    for match in QUERY_PATTERN.finditer(query):
        series = match.group("series") or match.group("series2")
        year = match.group("year") or match.group("year2") or match.group("year3")
        serial = match.group("serial") or match.group("serial2") or match.group("serial3")
        if not _series_allowed(series) or _lookalike(query, match.start()):
            continue
        yield CaseNumberMatch(
            text=match.group(0),
            normalized=_canonical(series, year, serial),
            start=match.start(),
            end=match.end(),
            rule="query",
        )
