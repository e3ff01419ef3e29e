"""Case numbers (diarienummer): find them in text and in queries, and normalize them.

One canonical form per case, so that every spelling of a case compares equal:

    SERIES-YEAR-SERIAL   with the series upper-case, a four-digit year and the serial
                         without leading zeros
    YEAR-SERIAL          when the document gives no series (a bare ``Dnr 2024-00134``)

A filing-plan code or sub-number written after the serial (``KS 2018/00568-1.5.2``,
``KS 2012/172 51``, ``KS/2018:298 - 001``, ``RS 2022/713-1``) stays in the text as written but
is not part of the case's identity: it names a document or a filing class within the case, and
the same case is written with and without it. It is kept apart in `CaseNumberMatch.code`.

>>> normalize("tn 2019 3825"), normalize("TN 2019/3825"), normalize("TN-2019-3825")
('TN-2019-3825', 'TN-2019-3825', 'TN-2019-3825')
>>> normalize("KS 2025–00321"), normalize("2021/KS 0280"), normalize("DNR: KF/2006.366")
('KS-2025-321', 'KS-2021-280', 'KF-2006-366')
>>> normalize("Dnr 0263/19"), normalize("SOU 2023:96") is None
('2019-263', True)
>>> normalize("Ks 1092/2013"), normalize("KS-2013-1092"), normalize("SN 18/0098")
('KS-2013-1092', 'KS-2013-1092', 'SN-2018-98')
>>> normalize("24KS139"), normalize("2014/886-KS"), normalize("KS 2018/00568-1.5.2")
('KS-2024-139', 'KS-2014-886', 'KS-2018-568')

The grammar is one set of shapes (`SHAPES`): the series before, after or glued to the number,
a two- or four-digit year before or after the serial, any of ``- / . : space`` between, and an
optional code. Numbers without a series are read only where the context says they are case
numbers: after a label (`case_number_rules.LABELS`), on a § heading line, or in a column of
them under a label heading. The look-alikes that share the shapes (dates, year ranges, SOU/SFS
and ministry numbers, § and motion serials) are rejected by the data in
`extractors.case_number_rules`, not by special cases in the patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.canonical_case import parse_canonical
from extractors.case_number_rules import (
    AGENCY_BEFORE_LABEL,
    LABELS,
    LOOKALIKE_CONTEXT,
    MINISTRY_PREFIXES,
    PARAGRAPH_SERIES,
    QUERY_WORDS,
    SERIES_STOPLIST,
    TWO_DIGIT_YEAR_PIVOT,
)
from extractors.lowercase import lower

__all__ = [
    "LOOKALIKE_CONTEXT",
    "MINISTRY_PREFIXES",
    "SERIES_STOPLIST",
    "CaseNumberMatch",
    "find_case_numbers",
    "find_in_query",
    "is_case_cell",
    "normalize",
    "parse_value",
    "read_labelled",
]

# ----------------------------------------------------------------------------- grammar

_UP = "A-ZÅÄÖ"
_LOW = "a-zåäö"
#: A series: capitals ("KS", "KFKS", "SBN/KF"), or a capital and one small letter ("Ks", "Nf").
_SERIES = rf"(?:[{_UP}]{{2,6}}(?:[-/][{_UP}]{{2,6}}(?![\d]))?|[{_UP}][{_LOW}])"
_SERIES_CAPS = rf"[{_UP}]{{2,6}}"
_Y4 = r"(?:19|20)\d{2}(?!\d)"
_Y2 = r"\d{2}(?!\d)"
_N = r"\d{1,6}(?!\d)"
#: Between the series and the number: a separator, a space, or nothing ("RS2022/1000"); a
#: full stop only right before the digits ("PLAN.2019.476").
_SEP0 = r"(?:[^\S\n]?[-–/:][^\S\n]?|\.(?=\d)|[^\S\n]|)"
#: Between the parts of the number; a line break may follow the separator ("LJ2014/\n1738").
_NSEP = r"(?:[^\S\n]?[-–/:.][^\S\n]?\n?)"
#: A filing-plan code or sub-number: "-1.5.2", "-040", "-1", " - 001", ".04", " 51", " 006", a
#: filing code after one more slash, with its sub-number ("KS/2017/0022/042-20"), and an
#: attachment's sub-number after a slash ("Bilaga KS 2011/229/1", Sala's "KS 2020/37 /2").
_CODE = (
    r"(?P<code>[^\S\n]?-[^\S\n]?\d{1,3}(?:[.-]\d{1,3})*|\.\d{2,3}"
    r"|[^\S\n]\d{2,3}(?=[^\S\n]*$|\s+[^\W\d])|/\d{3}(?:-\d{1,3})?"
    r"|[^\S\n]?/\d{1,2}(?![\d/.:–-]))"
)
_START = r"(?<![\w/.–-])"
#: The number may run into the next word ("RS 912-2025Motion") but not into more digits or
#: into the rest of a date or a list of numbers.
_END = r"(?!\d)(?![-–/.:]\d)"

#: (shape name, pattern). Named groups: series (before) or series2 (after), year, serial, code.
SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # KS 2014/0316, STK-2023-137, KS/2019:479, RS2022/1000, KSF-2023-024-539, KS 2014/144.04
    (
        "series_year_serial",
        re.compile(
            rf"{_START}(?P<series>{_SERIES}){_SEP0}(?P<year>{_Y4}){_NSEP}(?P<serial>{_N})(?:{_CODE})?{_END}",
            re.M,
        ),
    ),
    # SN 18/0098, LD14/03799, Ks 00-1009 006 (two-digit year first, serial of 3+ digits)
    (
        "series_yy_serial",
        re.compile(
            rf"{_START}(?P<series>{_SERIES}){_SEP0}(?P<year>{_Y2}){_NSEP}(?P<serial>\d{{3,6}}(?!\d))(?:{_CODE})?{_END}",
            re.M,
        ),
    ),
    # Ks 1092/2013, RS 912-2025, KS-0372/ 2021, LS/1245/2008, KS: 8/2015, KS 293//2012
    (
        "series_serial_year",
        re.compile(
            rf"{_START}(?P<series>{_SERIES}){_SEP0}(?P<serial>{_N})[^\S\n]?(?:[-–]|//?)[^\S\n]?(?P<year>{_Y4})(?:{_CODE})?{_END}",
            re.M,
        ),
    ),
    # 2014/886-KS, 2017.632 BUN, 2017.632 / BUN wrapped onto the next line
    (
        "year_serial_series",
        re.compile(
            rf"{_START}(?P<year>{_Y4})[/.:](?P<serial>{_N})(?![-–/.:]\d)(?:-|[^\S\n])(?P<series2>{_SERIES_CAPS})(?![\w])"
            # a sub-number after the series: "2019/0041 NTN - 1", "2016/0166 KS-2"
            rf"(?P<code2>[^\S\n]?-[^\S\n]?\d{{1,3}}(?![\d.,:/–-]))?"
            # the series wrapped onto the next line (a PDF table cell), alone on that line
            rf"|{_START}(?P<year_w>{_Y4})[/.:](?P<serial_w>{_N})(?![-–/.:]\d)[^\S\n]*(?:\n[^\S\n]*){{1,2}}(?P<series_w>{_SERIES_CAPS})(?=[^\S\n]*(?:\n|$))",
            re.M,
        ),
    ),
    # 09/TN 0044 (a two-digit year, the series, a serial of three digits or more)
    (
        "yy_series_serial_spaced",
        re.compile(
            rf"{_START}(?P<year>{_Y2})/(?P<series>{_SERIES_CAPS})[^\S\n](?P<serial>\d{{3,6}}){_END}"
        ),
    ),
    # 2021/KS 0280
    (
        "year_series_serial",
        re.compile(
            rf"{_START}(?P<year>{_Y4})/(?P<series>{_SERIES_CAPS})[\s-]?(?P<serial>{_N})(?:{_CODE})?{_END}"
        ),
    ),
    # 24KS139 (two-digit year, series and serial glued)
    (
        "yy_series_serial",
        re.compile(
            rf"{_START}(?P<year>\d{{2}})(?P<series>[{_UP}]{{2,4}})(?P<serial>\d{{1,5}})(?![\w/.-])"
        ),
    ),
)

#: A number without series: digit groups joined by separators, with an optional code
#: ("2024-00134", "0192/22-008", "0015/13 - 200", "109-7-2017", "8-2015", "2018:174").
_BARE = re.compile(
    rf"(?<![\w/.:–-])(?:(?P<series>{_SERIES}){_SEP0})?(?P<number>\d{{1,6}}(?:[^\S\n]?[-–/:.][^\S\n]?\d{{1,6}}){{1,3}})"
    rf"(?P<code>[^\S\n]-[^\S\n]\d{{3}}|[^\S\n]\d{{2,3}}(?=[^\S\n]*$|\s+[^\W\d]))?"
    rf"(?:(?:-|[^\S\n])(?P<series2>{_SERIES_CAPS})(?![\w]))?{_END}",
    re.M,
)
#: A registry's running number alone after a label: "292620", Region Skåne's "1402523".
_SIX_DIGITS = re.compile(r"(?<![\w/.:-])\d{6,7}(?![\w/.:-])")

_LABEL = re.compile(
    r"(?<![\w-])(?i:"
    + "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in LABELS)
    + r")\.?[^\S\n]*:?[^\S\n]*(?:\n[^\S\n]*){0,2}"
)
#: The start of a § heading line, up to its number: "§ 14 ", "KS § 80 ", "Kf § 275 ".
_PARAGRAPH_HEAD = re.compile(
    rf"(?m)^[^\S\n]*(?:[{_UP}][\w]{{0,5}}[^\S\n]+)?§[^\S\n]*\d+[^\S\n]?[a-z]?[^\S\n]+"
)
#: A § heading whose sign the PDF-to-text step lost, behind the page numbers of a flattened
#: page: "5 5 Kf 81 04/31 Svar på interpellation …" (Nässjö). Alone "Kf 81" could be anything;
#: it is read as a heading only where the same series numbers two or more lines in a row.
_SIGNLESS_HEAD = re.compile(
    rf"(?m)^[^\S\n]*(?:\d{{1,3}}[^\S\n]+){{0,2}}(?P<series>[{_UP}][a-zåäö{_UP}]{{1,4}})[^\S\n]+"
    r"(?P<number>\d{1,4})[^\S\n]+(?=\d)"
)
#: Items of a list after a label: "KS-0372/ 2021, KS-0373/ 2021 och KS-0490/ 2021".
_LIST_SEP = re.compile(r"[^\S\n]*(?:,|;|\boch\b|&)[^\S\n]*")
#: A label heading alone on its line (a table's column heading, flattened to lines).
_LABEL_HEADING = re.compile(
    r"(?im)^[^\S\n]*(?:" + "|".join(re.escape(x) for x in LABELS) + r")[^\S\n]*:?[^\S\n]*$"
)
_OWN_LINE = re.compile(r"(?m)^[^\S\n]*(\d[\d/:.–-]*\d)[^\S\n]*$")
_DATE_LIKE = re.compile(
    r"^(?:(?:19|20)\d{2}[-–/.](?:0?[1-9]|1[0-2])[-–/.](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])[-–/.](?:0?[1-9]|1[0-2])[-–/.](?:19|20)?\d{2})$"
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


def _full_year(year: str) -> str:
    if len(year) == 4:
        return year
    yy = int(year)
    return f"{2000 + yy if yy <= TWO_DIGIT_YEAR_PIVOT else 1900 + yy}"


def _canonical(series: str | None, year: str | None, serial: str) -> str:
    serial_number = str(int(serial))
    parts = [series.upper().replace("/", "-")] if series else []
    if year:
        parts.append(_full_year(year))
    parts.append(serial_number)
    return "-".join(parts)


#: Compiled once: these run on every candidate case number and table cell.
_SERIES_PARTS = re.compile(r"[-/]")
_SPACE = re.compile(r"\s")


def _series_allowed(series: str | None) -> bool:
    if not series:
        return True
    if series in MINISTRY_PREFIXES:
        return False
    parts = _SERIES_PARTS.split(series.upper())
    if any(part in SERIES_STOPLIST for part in parts):
        return False
    return not PARAGRAPH_SERIES.search(parts[-1])


def _lookalike(text: str, start: int) -> bool:
    """A plan, property, court, motion or paragraph number by the words right before it."""
    return bool(LOOKALIKE_CONTEXT.search(text, max(0, start - 60), start))


def _year_like(group: str) -> bool:
    return len(group) == 4 and group[:2] in ("19", "20")


def _span_or_date(year: str, serial: str, written: str, short_spans: bool = True) -> bool:
    """A year range ("2012-2016", "2020/21") or a date ("2023-12-14") in the shape of a case.
    After a series, "KS-2024-25" is a case: `short_spans` is then off."""
    if _year_like(serial) and int(serial) > int(_full_year(year)):
        return True
    if short_spans and len(serial) == 2 and len(year) == 4 and int(serial) == (int(year) + 1) % 100:
        return True
    return bool(_DATE_LIKE.match(_SPACE.sub("", written)))


def _clean_code(code: str | None) -> str | None:
    if not code:
        return None
    return code.strip(" -./") or None


def _from_shape(text: str, rule: str, m: re.Match[str]) -> CaseNumberMatch | None:
    groups = m.groupdict()
    series = groups.get("series") or groups.get("series2") or groups.get("series_w")
    if not _series_allowed(series):
        return None
    year = groups.get("year") or groups["year_w"]
    serial = groups.get("serial") or groups["serial_w"]
    if rule == "series_yy_serial" and _year_like(serial):
        return None  # "LS 11/2009" is serial/year (series_serial_year decides)
    if rule == "series_serial_year" and _year_like(serial):
        return None  # a year range after a series
    if rule == "series_year_serial" and _span_or_date(
        year, serial, text[m.start("year") : m.end()], short_spans=False
    ):
        return None
    if rule == "year_serial_series" and _span_or_date(year, serial, f"{year}-{serial}"):
        return None
    if rule == "yy_series_serial" and TWO_DIGIT_YEAR_PIVOT < int(year) < 90:
        return None  # glued numbers ("24KS139") are of today's registries
    return CaseNumberMatch(
        text=m.group(0),
        normalized=_canonical(series, year, serial),
        start=m.start(),
        end=m.end(),
        rule=rule,
        code=_clean_code(groups.get("code") or groups.get("code2")),
    )


def parse_value(value: str) -> tuple[str, str | None] | None:
    """The canonical form and code of a number written after a label, whatever its shape.

    >>> parse_value("0192/22-008"), parse_value("109-7-2017"), parse_value("8-2015")
    (('2022-192', '008'), ('2017-109', '7'), ('2015-8', None))
    >>> parse_value("2024-05-12") is None, parse_value("LD14/03799")
    (True, ('LD-2014-3799', None))
    """
    value = value.strip()
    for rule, pattern in SHAPES:
        m = pattern.fullmatch(value)
        found = _from_shape(value, rule, m) if m else None
        if found:
            return found.normalized, found.code
    m = _BARE.fullmatch(value)
    if m is None:
        if _SIX_DIGITS.fullmatch(value):
            return value, None
        return None
    series = m.group("series") or m.group("series2")
    if not _series_allowed(series):
        return None
    number = m.group("number")
    if _DATE_LIKE.match(re.sub(r"\s", "", number)):
        return None
    groups = re.findall(r"\d+", number)
    code = [m.group("code").strip(" -")] if m.group("code") else []
    if _year_like(groups[0]):
        year, serial, rest = groups[0], groups[1], groups[2:]
        if _span_or_date(year, serial, number):
            return None
    elif any(_year_like(g) for g in groups[1:]):
        i = max(i for i, g in enumerate(groups) if _year_like(g))
        year = groups[i]
        others = groups[:i] + groups[i + 1 :]
        serial, rest = others[0], others[1:]
        if _year_like(serial):
            return None
    elif len(groups[0]) == 2 and len(groups[1]) >= 3:
        year, serial, rest = groups[0], groups[1], groups[2:]
    elif len(groups[1]) == 2 and len(groups[0]) >= 3:
        # "0263/19", "0192/22-008"; never a time or a decimal ("12.30", "8/15")
        year, serial, rest = groups[1], groups[0], groups[2:]
    else:
        return None
    codes = rest + code
    return _canonical(series, year, serial), ("-".join(codes) or None)


#: A year, two capitals or three digits: what a case cell holds (`is_case_cell`).
_CASE_CELL_HINT = re.compile(rf"(?:19|20)\d\d|[{_UP}]{{2}}|\d{{3}}")


def is_case_cell(value: str) -> bool:
    """A table cell that holds one case number and nothing else, with a series, a year or a
    serial of three digits (so a time "12.30" or a section "3.1" is not read as a case).

    >>> is_case_cell("2017.632 BUN"), is_case_cell("0192/22-008"), is_case_cell("12.30")
    (True, True, False)
    """
    value = value.strip()
    if not _CASE_CELL_HINT.search(value):
        return False
    return parse_value(value) is not None


# ----------------------------------------------------------------------------- in documents

#: Every shape holds a four-digit year, or a two-digit year next to a series or before a serial
#: of three digits. The shapes are tried only where such a year is, anchored at the places a
#: number can start (several times faster than a scan of the text with each shape). Written
#: to open with two digits, so that the search skips to the next digit (an alternation that
#: opens with "19|20" is tried at every character): "(?:19|20)\d\d|\d\d(?=...)".
_YEAR_TRIGGER = re.compile(
    rf"\d\d(?:(?<=19|20)\d\d|(?=/?[{_UP}]{{2}}|[^\S\n]?[-–/][^\S\n]?\n?\d{{3}}))"
)
_SHAPE = dict(SHAPES)
_PREFIX_SHAPES = ("series_year_serial", "series_yy_serial")
_SEPARATORS = " \t-–/:"


def _series_start(text: str, end: int) -> int | None:
    """Where a series ends at `end` (separators skipped) starts, or None."""
    j, k = end, 0
    while j > 0 and text[j - 1] in _SEPARATORS and k < 3:
        j, k = j - 1, k + 1
    letters_end = j
    while j > 0 and text[j - 1].isalpha() and letters_end - j < 7:
        j -= 1
    if letters_end - j < 2 or not text[j].isupper():
        return None
    # a compound series: "SBN/KF 2013:1"
    if j > 2 and text[j - 1] in "-/" and text[j - 2].isupper():
        i = j - 1
        while i > 0 and text[i - 1].isalpha() and j - 1 - i < 6:
            i -= 1
        if text[i].isupper():
            return i
    return j


#: A series-less number in brackets after an item's title, the way agendas write the case
#: ("Yttrande över revisionsrapport (2019/1311)"): year, slash, a serial of 3 digits or more;
#: or year, colon, serial ("(2015:172)"), the shape of a statute ("kommunallagen (2017:725)"),
#: so taken only where the document writes the same number with its series (`_confirmed`).
_BRACKETED = re.compile(r"\((?P<year>(?:19|20)\d\d)(?P<sep>[/:])(?P<serial>\d{1,6})\)")
#: A registry's compact number in brackets after an item ("… avsagt sig uppdraget (RV180949)"):
#: series, two-digit year and a four-digit serial glued. Outside brackets the same shape is a
#: meeting code ("KS190930"), so only the bracketed form (or a labelled one) is read.
_COMPACT = re.compile(rf"[{_UP}]{{2,4}}\d{{6}}")
_BRACKETED_COMPACT = re.compile(
    rf"\((?P<series>[{_UP}]{{2,4}})(?P<year>\d{{2}})(?P<serial>\d{{4}})\)"
)


def _shape_matches(text: str) -> Iterator[CaseNumberMatch]:
    seen: set[tuple[str, int]] = set()
    for hit in _YEAR_TRIGGER.finditer(text):
        a = hit.start()
        if a and text[a - 1] == "(":
            b = _BRACKETED.match(text, a - 1)
            if (
                b
                and not _year_like(b.group("serial"))
                and (b.group("sep") == ":" or len(b.group("serial")) >= 3)
                and not _lookalike(text, a - 1)
            ):
                year, serial = b.group("year"), b.group("serial")
                yield CaseNumberMatch(
                    text[a : b.end() - 1],
                    _canonical(None, year, serial),
                    a,
                    b.end() - 1,
                    "bracketed" if b.group("sep") == "/" else "bracketed_confirmed",
                )
                continue
        tries: list[tuple[str, int]] = []
        four = hit.end() - a == 4
        start = _series_start(text, a)
        if start is not None:
            tries += [(rule, start) for rule in _PREFIX_SHAPES]
        if four:
            # a serial before the year: "Ks 1092/2013", "LS/1245/2008", "KS-0372/ 2021"
            j = a
            while j > 0 and text[j - 1] in _SEPARATORS and a - j < 3:
                j -= 1
            if j < a and j > 0 and text[j - 1].isdigit():
                i = j
                while i > 0 and text[i - 1].isdigit() and j - i < 6:
                    i -= 1
                start = _series_start(text, i)
                if start is not None:
                    tries.append(("series_serial_year", start))
            tries += [("year_serial_series", a), ("year_series_serial", a)]
        elif text[a + 2 : a + 3] == "/":
            tries.append(("yy_series_serial_spaced", a))
        else:
            tries.append(("yy_series_serial", a))
        for rule, pos in tries:
            if (rule, pos) in seen:
                continue
            seen.add((rule, pos))
            m = _SHAPE[rule].match(text, pos)
            if m is None:
                continue
            found = _from_shape(text, rule, m)
            if found is not None and not _lookalike(text, found.start):
                yield found


#: After a label, a value of any shape: an optional series (any case: "Kst", "MB"), then one
#: token of digits, letters and separators with three digits or more ("RS-LED22-1011",
#: "RV220315", "MB 2020-1187"); dates and years are not taken.
_ANY_VALUE = re.compile(
    rf"(?:(?P<series>[{_UP}][^\W\d_]{{0,5}})[^\S\n]?[-/:]?[^\S\n]?(?=\d))?"
    rf"(?P<token>[{_UP}\d][\w]*(?:[-–/:.][\w]+)*)"
)
#: A series alone at the end of a line, its number on the next ("Dnr SBN" / "2013/77").
_SERIES_EOL = re.compile(rf"[{_UP}][\w]{{1,5}}[^\S\n]*\n[^\S\n]*(?=\d)")


def _any_value(text: str, pos: int, limit: int, rule: str) -> CaseNumberMatch | None:
    """A labelled value whatever its shape (`_ANY_VALUE`), or None."""
    m = _ANY_VALUE.match(text, pos, limit)
    if m is None:
        return None
    series, token = m.group("series"), m.group("token")
    if series in MINISTRY_PREFIXES or sum(ch.isdigit() for ch in token) < 3:
        return None
    if re.search(r"\d{7}", token):
        return None  # no registry writes a run of 7 digits: OCR ran two numbers together
    if (series and len(series) == 1 and not re.fullmatch(r"\d+(?:-\d+)+", token)) or not (
        series or re.search(r"[^\W\d_]", token)
    ):
        # A ministry's "I2020/00281" (a one-letter series is a registry's only with hyphens:
        # "T2010-701-0075"); digits alone are read by the grammar (`parse_value`), which knows
        # another authority's "551-856-13" and a regulation's "1384".
        return None
    if series and series.upper() in ("SOU", "SFS", "DS", "PROP", "DIR"):
        return None
    if _DATE_LIKE.match(token) or re.fullmatch(r"(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?", token):
        return None
    if series and m.group(0) == series + token and _COMPACT.fullmatch(m.group(0)):
        # "RV180949": the same case as the bracketed "(RV180949)" (`_BRACKETED_COMPACT`)
        normalized = _canonical(series, token[:2], token[2:])
    else:
        parts = [series.upper()] if series else []
        parts += [p for p in re.split(r"[-–/:.]+", token.upper()) if p]
        normalized = "-".join(parts)
    return CaseNumberMatch(m.group(0), normalized, m.start(), m.end(), rule)


#: After a label, digit groups of any lengths ("210-11038"): five digits or more in all.
_DIGIT_GROUPS = re.compile(r"\d{1,6}(?:[-–/:.]\d{1,6}){1,3}(?![\w/:.–-]*\d)")


_DOTTED_SHORT = re.compile(r"\d{1,3}\.\d{2}\.\d{2}")


def _digit_groups(text: str, pos: int, limit: int, rule: str) -> CaseNumberMatch | None:
    m = _DIGIT_GROUPS.match(text, pos, limit)
    if m is None:
        return None
    value = m.group(0)
    groups = re.findall(r"\d+", value)
    if sum(len(g) for g in groups) < 5:
        return None
    if _DATE_LIKE.match(value) and not _DOTTED_SHORT.fullmatch(value):
        # After a label a date is the label's lost value's neighbour; but a dotted value
        # with a two-digit year is a registry's number (Årjäng's "Dnr 2.10.31"), not a date.
        return None
    if len(groups) == 2 and _year_like(groups[0]) and _year_like(groups[1]):
        return None  # a year range
    return CaseNumberMatch(value, "-".join(groups), m.start(), m.end(), rule)


#: Two short numbers after a label, one of them a two-digit year: "Dnr 13/33", "Dnr 8/15".
_SHORT_PAIR = re.compile(r"(\d{1,4})/(\d{2})(?![\d/.:–-]|[^\S\n]?\d)")


def _short_pair(text: str, pos: int, limit: int, rule: str) -> CaseNumberMatch | None:
    """ "13/33" after a label: a registry's year and serial, too short for the grammar to read
    without one (a time, a fraction, a date without its year). The year is the two-digit part
    that can be one: "13/33" is 2013's number 33, "8/15" 2015's number 8, "12/14" 2012's 14."""
    m = _SHORT_PAIR.match(text, pos, limit)
    if m is None:
        return None
    first, second = m.group(1), m.group(2)
    if len(first) == 2 and int(first) <= TWO_DIGIT_YEAR_PIVOT:
        year, serial = first, second
    elif int(second) <= TWO_DIGIT_YEAR_PIVOT:
        year, serial = second, first
    else:
        return None
    return CaseNumberMatch(m.group(0), _canonical(None, year, serial), m.start(), m.end(), rule)


def _value_at(text: str, pos: int, rule: str) -> Iterator[CaseNumberMatch]:
    """The case number (and the list of them) that starts at `pos`, after a label."""
    original, wrapped = text, _SERIES_EOL.match(text, pos)
    if wrapped:
        # Read the series and its number as one line; offsets stay those of `text`.
        cut = text.index("\n", pos)
        text = text[:cut] + " " + text[cut + 1 :]
    while True:
        best: CaseNumberMatch | None = None
        line_end = text.find("\n", pos)
        limit = len(text) if line_end < 0 else min(len(text), max(line_end, pos + 40))
        for shape, pattern in SHAPES:
            m = pattern.match(text, pos, limit)
            if m:
                found = _from_shape(text, shape, m)
                if found and (best is None or found.end > best.end):
                    best = found
        if best is None:
            m = _BARE.match(text, pos, limit) or _SIX_DIGITS.match(text, pos, limit)
            if m:
                parsed = parse_value(m.group(0))
                if parsed:
                    best = CaseNumberMatch(
                        m.group(0), parsed[0], m.start(), m.end(), rule, code=parsed[1]
                    )
        if best is None and rule == "label":
            best = (
                _any_value(text, pos, limit, rule)
                or _digit_groups(text, pos, limit, rule)
                or _short_pair(text, pos, limit, rule)
            )
        elif best is None and rule == "paragraph_heading":
            # The § heading vouches for a number's digits ("§ 81 04/31"), not for any word
            # after it ("§ 1 DNR:KU/2007.9" is read from its label).
            best = _digit_groups(text, pos, limit, rule) or _short_pair(text, pos, limit, rule)
        if best is None:
            return
        written = original[best.start : best.end] if wrapped else best.text
        yield CaseNumberMatch(written, best.normalized, best.start, best.end, rule, code=best.code)
        sep = _LIST_SEP.match(text, best.end)
        if not sep or sep.end() == best.end:
            return
        pos = sep.end()


#: Every label holds one of these (lower case): the text is searched for them with `str.find`,
#: and the label pattern is tried only at the start of the word that holds one.
_LABEL_KEYS = ("nr", "nummer", "beteckning", "diarie")


def _label_starts(text: str) -> list[int]:
    low = lower(text)
    if len(low) != len(text):  # a character whose lower case is longer: scan the text
        return [m.start() for m in _LABEL.finditer(text)]
    starts: set[int] = set()
    for key in _LABEL_KEYS:
        i = low.find(key)
        while i >= 0:
            j = i
            while j > 0 and (low[j - 1].isalpha() or low[j - 1] == "-") and i - j < 12:
                j -= 1
            starts.add(j)
            i = low.find(key, i + len(key))
    return sorted(starts)


def _labelled(text: str) -> Iterator[CaseNumberMatch]:
    heading_end: int | None = None
    for start in _label_starts(text):
        m = _LABEL.match(text, start)
        if m is None:
            continue
        # The label vouches for the number: only a cue right before the label, on its line,
        # overrides it (a lookalike or another authority's name).
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not LOOKALIKE_CONTEXT.search(
            text, max(line_start, m.start() - 20), m.start()
        ) and not AGENCY_BEFORE_LABEL.search(text, max(line_start, m.start() - 60), m.start()):
            yield from _value_at(text, m.end(), "label")
        if heading_end is None:
            line_start = text.rfind("\n", 0, start) + 1
            h = _LABEL_HEADING.match(text, line_start)
            if h:
                heading_end = h.end()
    paragraph, done = text.find("§"), -1
    while paragraph >= 0:
        line_start = text.rfind("\n", 0, paragraph) + 1
        m = _PARAGRAPH_HEAD.match(text, line_start) if line_start != done else None
        done = line_start
        if m:
            yield from _value_at(text, m.end(), "paragraph_heading")
        paragraph = text.find("§", paragraph + 1)
    yield from _signless_headings(text)
    # A column of numbers under a label heading (a table flattened to one cell a line).
    if heading_end is not None:
        for m in _OWN_LINE.finditer(text, heading_end):
            value = m.group(1)
            if _BARE.fullmatch(value) and re.search(r"[/:]", value):
                parsed = parse_value(value)
                if parsed:
                    yield CaseNumberMatch(
                        value, parsed[0], m.start(1), m.end(1), "label_column", code=parsed[1]
                    )


def _signless_headings(text: str) -> Iterator[CaseNumberMatch]:
    heads = list(_SIGNLESS_HEAD.finditer(text))
    for i, m in enumerate(heads):
        # A heading has a neighbour of its series numbered one more or one less.
        number, series = int(m.group("number")), m.group("series")
        if series.upper() in ("SFS", "SOU", "DS", "PROP") or not any(
            h.group("series") == series and abs(int(h.group("number")) - number) == 1
            for h in heads[max(0, i - 1) : i + 2]
        ):
            continue
        yield from _value_at(text, m.end(), "paragraph_heading")


def _bracketed_compact(text: str) -> Iterator[CaseNumberMatch]:
    for b in _BRACKETED_COMPACT.finditer(text):
        series, year = b.group("series"), b.group("year")
        if _series_allowed(series) and int(year) <= TWO_DIGIT_YEAR_PIVOT:
            yield CaseNumberMatch(
                b.group(0)[1:-1],
                _canonical(series, year, b.group("serial")),
                b.start() + 1,
                b.end() - 1,
                "bracketed",
            )


def _confirmed(found: list[CaseNumberMatch]) -> list[CaseNumberMatch]:
    """A bracketed "(2015:172)" only where the document writes the same year and serial with
    a series elsewhere ("KS/2015:172"): alone it is as likely a statute's number."""
    parts = (parse_canonical(m.normalized) for m in found if m.rule != "bracketed_confirmed")
    tails = {f"{p.year}-{p.serial}" for p in parts if p and p.series}
    return [m for m in found if m.rule != "bracketed_confirmed" or m.normalized in tails]


def find_case_numbers(text: str) -> Iterator[CaseNumberMatch]:
    """Yield every case number in a document text, in text order, without overlaps.

    >>> [m.normalized for m in find_case_numbers("Remiss, STK-2023-137 SBN-2023-734")]
    ['STK-2023-137', 'SBN-2023-734']
    >>> [m.normalized for m in find_case_numbers("Förslag yttrande SBN 2023-12-14, SOU 2023:96")]
    []
    >>> [m.text for m in find_case_numbers("RS 912-2025Motion nr 1-2026 från")]
    ['RS 912-2025']
    """
    found = list(_shape_matches(text))
    found += _labelled(text)
    found += _bracketed_compact(text)
    if any(m.rule == "bracketed_confirmed" for m in found):
        found = _confirmed(found)
    # Labelled readings first at one start (they know the number's extent), then the longest.
    found.sort(
        key=lambda m: (
            m.start,
            -(m.end - m.start),
            m.rule not in ("label", "paragraph_heading", "label_column"),
        )
    )
    last_end = -1
    for m in found:
        if m.start >= last_end:
            yield m
            last_end = m.end


# ----------------------------------------------------------------------------- in queries

#: Queries are typed by people: any case, spaces for separators ("tn 2019 3825").
QUERY_PATTERN = re.compile(
    # "dnr 2024-00134": a Dnr label, then a case number without series.
    r"(?i:\b(?:dnr|diarienr|diarienummer|ärendenummer|änr)\.?:?\s*)(?P<year3>(?:19|20)\d{2})[\s/–-]+(?P<serial3>\d{1,6})(?!\d)"
    r"|(?<![\w])(?P<series>[A-Za-zÅÄÖåäö]{2,6})[\s:/-]*(?P<year>(?:19|20)\d{2})[\s/:.–-]+(?P<serial>\d{1,6})(?!\d)"
    r"|(?<![\w])(?P<year2>(?:19|20)\d{2})/(?P<series2>[A-Za-zÅÄÖåäö]{2,6})[\s-]+(?P<serial2>\d{1,6})(?!\d)"
)
_QUERY_SHAPES = tuple((rule, re.compile(p.pattern, p.flags | re.I)) for rule, p in SHAPES)


def normalize(text: str) -> str | None:
    """The canonical form of one case number as a person or a document writes it, or None."""
    stripped = text.strip()
    for m in find_case_numbers(stripped):
        return m.normalized
    for m in find_in_query(stripped):
        return m.normalized
    parsed = parse_value(stripped)
    return parsed[0] if parsed and re.search(r"[/:]|\d-\d", stripped) else None


def read_labelled(value: str) -> str | None:
    """The canonical form of a value the extractor reads only after a label (a registry's
    compact "RV180949", Region Skåne's "1402523", "T2010-701-0075", "210-11038"), so that a
    person can ask for every number a document page shows.

    >>> read_labelled("RV180949"), read_labelled("1402523"), read_labelled("2019/0041 NTN - 1")
    ('RV-2018-949', '1402523', 'NTN-2019-41')
    >>> read_labelled("SOU 2023:96") is None, read_labelled("2024-05-12") is None
    (True, True)
    """
    value = value.strip()
    text = "Dnr " + value
    for m in _labelled(text):
        if m.start == 4 and m.end == len(text):
            return m.normalized
    return None


def find_in_query(query: str) -> Iterator[CaseNumberMatch]:
    """Case numbers in a search query, in any case and with any separators: every form the
    extractor reads in documents is read here too.

    >>> [m.normalized for m in find_in_query("beslut tn 2019 3825 samverkan")]
    ['TN-2019-3825']
    >>> [m.normalized for m in find_in_query("dnr 2024-00134")]
    ['2024-134']
    >>> [m.normalized for m in find_in_query("ks 1092/2013")]
    ['KS-2013-1092']
    """
    found: list[CaseNumberMatch] = []
    for match in QUERY_PATTERN.finditer(query):
        series = match.group("series") or match.group("series2")
        year = match.group("year") or match.group("year2") or match.group("year3")
        serial = match.group("serial") or match.group("serial2") or match.group("serial3")
        if series and series.lower() in QUERY_WORDS:
            continue
        if not _series_allowed(series) or _lookalike(query, match.start()):
            continue
        year_group = next(g for g in ("year", "year2", "year3") if match.group(g))
        if _span_or_date(
            year, serial, query[match.start(year_group) : match.end()], short_spans=not series
        ):
            continue
        found.append(
            CaseNumberMatch(
                text=match.group(0),
                normalized=_canonical(series, year, serial),
                start=match.start(),
                end=match.end(),
                rule="query",
            )
        )
    for rule, pattern in _QUERY_SHAPES:
        for shape_match in pattern.finditer(query):
            hit = _from_shape(query, rule, shape_match)
            series = shape_match.groupdict().get("series") or shape_match.groupdict().get("series2")
            if series and series.lower() in QUERY_WORDS:
                continue
            if hit is not None and not _lookalike(query, hit.start):
                found.append(hit)
    # A number without series, as a person pastes it from a document ("0092/2017", "8-2015").
    for bare in _BARE.finditer(query):
        parsed = parse_value(bare.group(0))
        if parsed is not None and not _lookalike(query, bare.start()):
            found.append(
                CaseNumberMatch(
                    bare.group(0), parsed[0], bare.start(), bare.end(), "query", code=parsed[1]
                )
            )
    found += _labelled(query)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    last_end = -1
    for m in found:
        if m.start >= last_end:
            yield m
            last_end = m.end
