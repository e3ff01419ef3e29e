"""Swedish date expressions: find them with regular expressions and resolve them to ISO dates.

Each rule is one pattern in `RULES`; a match becomes a `RawDate` whose year may be missing
("den 1 maj", "under våren"): `resolve` fills it from the document year, else from the
nearest explicit year before it in the text.

>>> [(r.text, r.kind) for r in find_raw_dates("Beslutsplanering 2023-12-14 och 14 december 2023")]
[('2023-12-14', 'date'), ('14 december 2023', 'date')]
>>> [(m.date, m.end_date) for m in find_dates("under våren 2018 (2010-2015)")]
[('2018-03-01', '2018-05-31'), ('2010-01-01', '2015-12-31')]
>>> [m.date for m in find_dates("Den 1 maj inrättades ett kansli", default_year=2017)]
['2017-05-01']

Case numbers ("STK-2023-137"), "SOU 2023:103", phone numbers and amounts are not dates:

>>> find_raw_dates("STK-2023-137, SOU 2023:103, 040-34 10 00, 50 Mkr, 2 400 bostäder")
[]
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extractors.lowercase import lower as lowered
from extractors.model import DateMention

MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
#: Abbreviated month names, Swedish and English, by their first three letters.
ABBREVIATED_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "may": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: Seasons as (first month, last month). "vintern 2018" is read as January-February 2018 (the
#: part of the winter inside that year); "vintern 2017/2018" as December 2017-February 2018.
SEASONS = {"våren": (3, 5), "sommaren": (6, 8), "hösten": (9, 11), "vintern": (1, 2)}
QUARTERS = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4}

_Y = r"(?:19|20)\d{2}"
_MONTH = r"(?i:" + "|".join(MONTHS) + r")"
# A line break, a Markdown table <br> or a stray space inside a date split over two lines
# ("2024-\n01-16", "2023- 08-15").
_BREAK = r"(?:<br>|\n| )?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
# Whitespace, or a Markdown table's <br>, between the words of a date ("8 december<br>2020").
_SP = r"(?:\s|<br>)+"
_ISO_AHEAD = r"(?:19|20)\d\d-\d\d-\d\d"

#: (rule name, pattern). Named groups: y, m, d, mon, season, q, y1, y2, pre, d2, mon2, q2, yy.
RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 2023-12-01 (not inside a case number such as "KS-2023-12-14" or "2023-12-14-1"); two
    # dates joined by "/" are two dates ("undertecknat 2021-12-13/2022-03-22").
    (
        "iso",
        re.compile(
            r"(?:(?<![\w/–-])|(?<=\d{4}-\d\d-\d\d/))(?P<y>"
            + _Y
            + r")-"
            + _BREAK
            + r"(?P<m>0[1-9]|1[0-2])-"
            + _BREAK
            + r"(?P<d>0[1-9]|[12]\d|3[01])(?![\w]|[-–]\d|/(?=\d)(?!"
            + _ISO_AHEAD
            + r"))"
        ),
    ),
    # 2013.04.04: some registries and templates write dates with dots
    (
        "iso_dots",
        re.compile(
            r"(?<![\w./–-])(?P<y>"
            + _Y
            + r")\.(?P<m>0[1-9]|1[0-2])\.(?P<d>0[1-9]|[12]\d|3[01])(?![\w]|[./–-]\d)"
        ),
    ),
    # 2007 11 19: a PDF's letter-spaced date ("Sammanträdesdatum. Kommunstyrelsen 2007 11 19")
    (
        "iso_spaced",
        re.compile(
            r"(?<![\w/–-])(?P<y>"
            + _Y
            + r") (?P<m>0[1-9]|1[0-2]) (?P<d>0[1-9]|[12]\d|3[01])(?![\w]|[ –-]\d)"
        ),
    ),
    # 22 maj – 9 juni, den 4 juni - 6 september 2024
    (
        "day_month_range",
        re.compile(
            r"(?<![\w.,:])(?P<pre>(?i:den)\s+)?(?P<d>"
            + _DAY
            + r")\s+(?P<mon>"
            + _MONTH
            + r")\s?[-–]\s?(?:(?i:den)\s+)?(?P<d2>"
            + _DAY
            + r")\s+(?P<mon2>"
            + _MONTH
            + r")(?:\s+(?P<y>"
            + _Y
            + r"))?(?![\w])"
        ),
    ),
    # den 13-15 maj
    (
        "day_range",
        re.compile(
            r"(?<![\w.,:§-])(?P<pre>(?i:den)\s+)?(?P<d>"
            + _DAY
            + r")\s?[-–]\s?(?P<d2>"
            + _DAY
            + r")\s+(?P<mon>"
            + _MONTH
            + r")(?:\s+(?P<y>"
            + _Y
            + r"))?(?![\w])"
        ),
    ),
    # 14 december 2023, den 1 maj, den 7:e februari, and web pages' "14 juni, 2022"; with its
    # year, also glued to a page's category ("Stad & Politik25 oktober 2021 kl 04.25")
    (
        "day_month",
        re.compile(
            r"(?:(?<![\w.,:])(?P<pre>(?i:den)\s+)?|(?<=[a-zåäö])(?="
            + _DAY
            + r" "
            + _MONTH
            + r" "
            + _Y
            + r"\b))(?P<d>"
            + _DAY
            + r")(?::[ae])?"
            + _SP
            + r"(?P<mon>"
            + _MONTH
            + r")(?:,?"
            + _SP
            + r"(?P<y>"
            + _Y
            # not the year of an ISO date after it ("Kommunfullmäktige 20 mars\n\n2017-03-20")
            + r")(?![-/.]\d))?(?![\w])"
        ),
    ),
    # 17 sep 2019, 28 febr. 2013 (web pages and press releases abbreviate; the year is
    # required, since "3 mar" alone is too often something else)
    (
        "day_month_abbr",
        re.compile(
            r"(?<![\w.,:])(?P<d>"
            + _DAY
            + r")\s+(?P<mon>(?i:jan|febr?|mar|apr|jun|jul|aug|sept?|okt|nov|dec))\.?\s+(?P<y>"
            + _Y
            + r")(?![\w])"
        ),
    ),
    # Feb 12, 2013 (English dates in page chrome and press-release tools)
    (
        "month_day_en",
        re.compile(
            r"(?<![\w])(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>"
            + _DAY
            + r"),\s+(?P<y>"
            + _Y
            + r")(?![\w])"
        ),
    ),
    # den 8/11 2017, 1/8 2022: day and month by a slash, the year after a space (web pages and
    # news write it; not "8/2015", a case number's, nor "1/8-2022")
    (
        "day_slash_month",
        re.compile(
            r"(?<![\w/.:,§-])(?P<pre>(?i:den)\s+)?(?P<d>"
            + _DAY
            + r")/(?P<m>0?[1-9]|1[0-2]) (?P<y>"
            + _Y
            + r")(?![\w/-]|[.,]\d)"
        ),
    ),
    # i januari 2017, augusti 2023, per augusti 2024
    (
        "month_year",
        re.compile(
            r"(?<![\w])(?P<pre>(?i:i|per)\s+)?(?P<mon>"
            + _MONTH
            + r")"
            + _SP
            + r"(?P<y>"
            + _Y
            + r")(?![\w])"
        ),
    ),
    # i maj, per april (year from context): only after "i"/"per"; a bare month name is too
    # often something else
    (
        "month",
        re.compile(r"(?<![\w])(?P<pre>(?i:i|per)\s+)(?P<mon>" + _MONTH + r")(?![\w]|\s+\d)"),
    ),
    # vintern 2017/2018, vintern 2017–2018: December to February
    (
        "winter",
        re.compile(
            r"(?<![\w])(?:(?P<pre>(?i:under|i)\s+))?(?P<season>(?i:vintern))\s+(?P<y1>"
            + _Y
            + r")\s?[/–-]\s?(?P<y2>"
            + _Y
            + r"|\d\d)(?![\w])"
        ),
    ),
    # våren 2018; under våren (year from context)
    (
        "season",
        re.compile(
            r"(?<![\w])(?:(?P<pre>(?i:under|i)\s+))?(?P<season>(?i:våren|sommaren|hösten|vintern))"
            r"(?:\s+(?P<y>" + _Y + r"))?(?![\w])"
        ),
    ),
    # första kvartalet 2024
    (
        "quarter",
        re.compile(
            r"(?<![\w])(?P<q>(?i:första|andra|tredje|fjärde))\s+kvartalet\s+(?P<y>"
            + _Y
            + r")(?![\w])"
        ),
    ),
    # Q3 2024, Q3 2024 – Q4 2027
    (
        "quarter_q",
        re.compile(
            r"(?<![\w])Q(?P<q>[1-4])\s+(?P<y>"
            + _Y
            + r")(?:\s?[-–]\s?Q(?P<q2>[1-4])\s+(?P<y2>"
            + _Y
            + r"))?(?![\w])"
        ),
    ),
    # 2010-2015, 2018–2022
    (
        "year_range",
        re.compile(
            r"(?<![\w/.:–-])(?P<y1>" + _Y + r")\s?[-–]\s?(?P<y2>" + _Y + r")(?![\w/:]|[.,-]\d)"
        ),
    ),
    # "KU § 317 06-12-05": older minutes cite a decision by § and a yy-mm-dd date
    (
        "paragraph_short_date",
        re.compile(
            r"(?<=§)\s*\d{1,4}\s+(?P<yy>\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?![\d-])"
        ),
    ),
)

#: Not a document-sharing site's "Academic year: 2022" over the text: the site's year, not the
#: document's (also `extractors.header`'s year of a head).
NOT_A_SITES_YEAR = r"(?<!Academic year: )"
_EXPLICIT_YEAR = re.compile(r"(?<![\w-])" + NOT_A_SITES_YEAR + "(" + _Y + r")(?![\w-])")


@dataclass(frozen=True)
class RawDate:
    """One date expression before its year is resolved."""

    text: str
    start: int
    end: int
    rule: str
    kind: str  # "date" | "period" | "range"
    year: int | None
    month: int = 1
    day: int = 1
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None  # a range of days ("13-15 maj", "22 maj – 9 juni")


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _from_match(rule: str, match: re.Match[str]) -> RawDate | None:
    g = match.groupdict()
    start, end = match.span()
    year = int(g["y"]) if g.get("y") else None
    if rule in ("iso", "iso_dots", "iso_spaced"):
        rule = "iso"
        try:
            day = int(g["d"])
            if day > _last_day(int(g["y"]), int(g["m"])):
                return None
        except ValueError:
            return None
        return RawDate(match.group(0), start, end, rule, "date", year, int(g["m"]), day)
    if rule == "day_slash_month":
        day, month = int(g["d"]), int(g["m"])
        if year is None or day > _last_day(year, month):
            return None
        return RawDate(match.group(0), start, end, "day_month", "date", year, month, day)
    if rule in ("day_month_abbr", "month_day_en"):
        month = ABBREVIATED_MONTHS[g["mon"].lower()[:3]]
        return RawDate(match.group(0), start, end, "day_month", "date", year, month, int(g["d"]))
    if rule == "day_month":
        return RawDate(
            match.group(0), start, end, rule, "date", year, MONTHS[g["mon"].lower()], int(g["d"])
        )
    if rule in ("day_range", "day_month_range"):
        month = MONTHS[g["mon"].lower()]
        end_month = MONTHS[g["mon2"].lower()] if g.get("mon2") else month
        first_year = year - 1 if year is not None and end_month < month else year
        return RawDate(
            match.group(0), start, end, rule, "range", first_year, month, int(g["d"]),
            year, end_month, int(g["d2"]),
        )  # fmt: skip
    if rule in ("month_year", "month"):
        month = MONTHS[g["mon"].lower()]
        return RawDate(match.group(0), start, end, rule, "period", year, month, 1, year, month)
    if rule == "season":
        if year is None and not g.get("pre"):
            return None  # a bare "våren" without year or preposition is too vague
        first, last = SEASONS[g["season"].lower()]
        # The span starts at the season word: "under" is not part of the date.
        s = match.start("season")
        return RawDate(text_of(match, s), s, end, rule, "period", year, first, 1, year, last)
    if rule == "winter":
        y1 = int(g["y1"])
        y2 = int(g["y2"]) if len(g["y2"]) == 4 else y1 // 100 * 100 + int(g["y2"])
        if y2 != y1 + 1:
            return None
        s = match.start("season")
        return RawDate(text_of(match, s), s, end, rule, "period", y1, 12, 1, y2, 2)
    if rule == "quarter":
        q = QUARTERS[g["q"].lower()]
        return RawDate(match.group(0), start, end, rule, "period", year, 3 * q - 2, 1, year, 3 * q)
    if rule == "quarter_q":
        q = int(g["q"])
        if g.get("q2"):
            y2, q2 = int(g["y2"]), int(g["q2"])
            if (y2, q2) <= (year or 0, q):
                return None
            return RawDate(
                match.group(0), start, end, rule, "range", year, 3 * q - 2, 1, y2, 3 * q2
            )
        return RawDate(match.group(0), start, end, rule, "period", year, 3 * q - 2, 1, year, 3 * q)
    if rule == "paragraph_short_date":
        yy = int(g["yy"])
        s = match.start("yy")
        full_year = 2000 + yy if yy < 70 else 1900 + yy
        return RawDate(text_of(match, s), s, end, rule, "date", full_year, int(g["m"]), int(g["d"]))
    if rule == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if not 0 < y2 - y1 <= 50:
            return None
        return RawDate(match.group(0), start, end, rule, "range", y1, 1, 1, y2, 12)
    return None


def text_of(match: re.Match[str], start: int) -> str:
    return match.string[start : match.end()]


#: Text a rule cannot match without; such a rule runs only in a window around it, which is
#: several times faster than scanning the whole text (lookbehinds still see the real text).
#: Triggers are case-sensitive patterns over the lower-cased text: Python's re is slow on
#: case-insensitive alternations.
_MONTH_TRIGGER = re.compile("|".join(MONTHS))
_TRIGGERS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"(?:19|20)\d\d-"),
    "iso_dots": re.compile(r"(?:19|20)\d\d\.\d\d\."),
    "iso_spaced": re.compile(r"(?:19|20)\d\d \d\d \d\d(?!\d)"),
    "day_month_range": _MONTH_TRIGGER,
    "day_range": _MONTH_TRIGGER,
    "day_month": _MONTH_TRIGGER,
    "month_year": _MONTH_TRIGGER,
    "month": _MONTH_TRIGGER,
    # Tight triggers: a bare "jan" or "mar" starts many words ("Jan-Erik", "mars").
    "day_month_abbr": re.compile(
        r"\d\s+(?:jan|febr?|mar|apr|jun|jul|aug|sept?|okt|nov|dec)\.?\s+(?:19|20)\d\d"
    ),
    "month_day_en": re.compile(
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+(?:19|20)"
    ),
    # (opens with the slash: a pattern that opens with a digit is tried at every digit)
    "day_slash_month": re.compile(r"/\d\d? (?:19|20)\d\d"),
    "season": re.compile(r"våren|sommaren|hösten|vintern"),
    "winter": re.compile(r"vintern"),
    "quarter": re.compile(r"kvartalet"),
    "quarter_q": re.compile(r"q[1-4]\b"),
    "year_range": re.compile(r"(?:19|20)\d\d\s?[-–]"),
    "paragraph_short_date": re.compile(r"§"),
}
_BEFORE, _AFTER = 40, 60


def _plain_words(trigger: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words of a trigger that is an alternation of plain words none of which starts
    another ("våren|sommaren|..."), else None."""
    words = tuple(trigger.pattern.split("|"))
    if not all(w.isalpha() for w in words):
        return None
    if any(a != b and b.startswith(a) for a in words for b in words):
        return None
    return words


#: Triggers found by one `str.find` per word instead of a regex search: an alternation of
#: words is tried at every character that starts one of them ("m", "s", "a" ...).
_WORD_TRIGGERS = {t: w for t in set(_TRIGGERS.values()) if (w := _plain_words(t)) is not None}

#: The four triggers that open with a year ("2023-", "2023.12.", "2023 –", "2023 12 01"), found
#: by one search instead of four (each tries its year at every character of the text). No match
#: of one can start inside a match of another (the fifth character is a separator, never a
#: digit, and the spaced date's last digit ends a number), and at one position at most one of
#: them matches, so this search finds exactly the matches of the four, with their spans.
_YEAR_TRIGGER = re.compile(r"(?:19|20)\d\d(?:\s?[-–]|\.\d\d\.| \d\d \d\d(?!\d))")
_YEAR_TRIGGERS = (
    _TRIGGERS["iso"],
    _TRIGGERS["iso_dots"],
    _TRIGGERS["year_range"],
    _TRIGGERS["iso_spaced"],
)


def _year_hits(lower: str) -> dict[re.Pattern[str], list[tuple[int, int]]]:
    """The hits of the four year triggers (`_YEAR_TRIGGERS`), by one search."""
    iso: list[tuple[int, int]] = []
    dots: list[tuple[int, int]] = []
    ranges: list[tuple[int, int]] = []
    spaced: list[tuple[int, int]] = []
    for match in _YEAR_TRIGGER.finditer(lower):
        span = match.span()
        separator = lower[span[0] + 4]
        if separator == ".":
            dots.append(span)
        elif span[1] - span[0] == 10 and separator == " " and lower[span[0] + 5].isdigit():
            spaced.append(span)
        else:
            ranges.append(span)
            if separator == "-":
                iso.append(span)
    return dict(zip(_YEAR_TRIGGERS, (iso, dots, ranges, spaced), strict=True))


def _word_hits(lower: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """The spans `finditer` of the alternation of `words` gives: in order, not overlapping."""
    found = []
    for word in words:
        i = lower.find(word)
        while i != -1:
            found.append((i, i + len(word)))
            i = lower.find(word, i + len(word))
    found.sort()
    out: list[tuple[int, int]] = []
    for span in found:
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


#: Rules whose every match starts where a hit of their trigger starts (the year): tried there
#: only, instead of scanning a window around each of the hundreds of years of a text.
_AT_TRIGGER = frozenset({"iso", "iso_dots", "year_range", "iso_spaced"})
#: Text without which a trigger cannot match, found by a fast literal search (a comma): a text
#: without it skips that trigger's scan. "Feb 12, 2013" needs a digit, a comma and a year;
#: a case-insensitive month alternation is slow to try at every position.
_GATES: dict[str, re.Pattern[str]] = {"month_day_en": re.compile(r",(?<=\d,)\s+(?:19|20)")}


def _matches(
    rule: str,
    pattern: re.Pattern[str],
    text: str,
    lower: str,
    hits: dict[re.Pattern[str], list[tuple[int, int]]],
) -> Iterable[re.Match[str]]:
    trigger = _TRIGGERS.get(rule)
    if trigger is None or len(lower) != len(text):
        yield from pattern.finditer(text)
        return
    if trigger not in hits:  # rules that share a trigger scan for it once
        gate = _GATES.get(rule)
        if gate is not None and gate.search(lower) is None:
            hits[trigger] = []
        elif trigger in _WORD_TRIGGERS:
            hits[trigger] = _word_hits(lower, _WORD_TRIGGERS[trigger])
        elif trigger in _YEAR_TRIGGERS:
            hits.update(_year_hits(lower))
        else:
            hits[trigger] = [m.span() for m in trigger.finditer(lower)]
    spans: set[tuple[int, int]] = set()
    if rule in _AT_TRIGGER:
        for start, end in hits[trigger]:
            match = pattern.match(text, start, min(len(text), end + _AFTER))
            if match is not None:
                yield match
        return
    for start, end in hits[trigger]:
        for match in pattern.finditer(text, max(0, start - _BEFORE), min(len(text), end + _AFTER)):
            # the match touches its trigger ("§" sits just before "§ 317 06-12-05"'s match)
            if match.span() not in spans and match.start() <= end and start <= match.end():
                spans.add(match.span())
                yield match


def find_raw_dates(text: str, exclude: Iterable[tuple[int, int]] = ()) -> list[RawDate]:
    """Every date expression in `text`, in text order, without overlaps (longest first).

    `exclude` holds spans (case numbers) that no date may overlap.
    """
    return without_overlaps(raw_date_matches(text), exclude)


def raw_date_matches(text: str) -> list[RawDate]:
    """Every match of every rule in `text`, overlapping, by start (longest first)."""
    found: list[RawDate] = []
    hits: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    lower = lowered(text)
    for rule, pattern in RULES:
        for match in _matches(rule, pattern, text, lower, hits):
            raw = _from_match(rule, match)
            if raw is not None:
                found.append(raw)
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    return found


def without_overlaps(
    found: list[RawDate], exclude: Iterable[tuple[int, int]] = ()
) -> list[RawDate]:
    """`raw_date_matches` without overlaps (the longest first) nor any in an `exclude` span."""
    blocked = sorted(exclude)
    result: list[RawDate] = []
    last_end = -1
    for raw in found:
        if raw.start < last_end:
            continue
        if any(s < raw.end and raw.start < e for s, e in blocked):
            continue
        result.append(raw)
        last_end = raw.end
    return result


def _context_year(text: str, offset: int) -> int | None:
    """The nearest explicit year before `offset` (within 2000 characters)."""
    window_start = max(0, offset - 2000)
    years = _EXPLICIT_YEAR.findall(text, window_start, offset)
    return int(years[-1]) if years else None


_SENTENCE_BOUNDARY = re.compile(r"[.!?](?=\s+[A-ZÅÄÖ])|\n[ \t]*\n")


def _sentence_year(text: str, offset: int) -> int | None:
    """An explicit year earlier in the same sentence ("sammanträdesdagar för 2025: 3 februari");
    a sentence that ends with a colon carries on over the blank line after it."""
    window = max(0, offset - 400)
    start = window
    for match in _SENTENCE_BOUNDARY.finditer(text, window, offset):
        before = text[window : match.start()].rstrip()
        if match.group(0).startswith("\n") and before.endswith(":"):
            continue
        start = match.end()
    years = _EXPLICIT_YEAR.findall(text, start, offset)
    return int(years[-1]) if years else None


def resolve(
    raw: RawDate,
    text: str,
    default_year: int | None = None,
    page: int | None = None,
    anchors: Sequence[tuple[int, int]] = (),
) -> DateMention | None:
    """A `DateMention` for one raw date; None when its year cannot be known.

    A date written without a year ("den 1 maj", "under våren") takes, in this order: an explicit
    year earlier in its sentence; the year of the nearest header date before it (`anchors`:
    (offset, year) of "Datum 2023-12-14" lines, so each document of a bundle reads in its own
    year); the document year (`default_year`); the nearest explicit year before it.

    >>> resolve(RawDate("i maj", 0, 5, "month", "period", None, 5, 1, None, 5), "", 2017).end_date
    '2017-05-31'
    >>> text = "Sammanträdesdagar för 2025: 3 februari"
    >>> resolve(find_raw_dates(text)[0], text, 2024).date
    '2025-02-03'
    """
    year = raw.year
    if year is None:
        year = _sentence_year(text, raw.start)
    if year is None:
        before = [y for offset, y in anchors if offset <= raw.start]
        year = before[-1] if before else None
    if year is None:
        year = default_year if default_year is not None else _context_year(text, raw.start)
    if year is None:
        return None
    try:
        date = f"{year:04d}-{raw.month:02d}-{raw.day:02d}"
        calendar.weekday(year, raw.month, raw.day)
    except ValueError:
        return None
    end_date: str | None = None
    if raw.kind in ("period", "range"):
        end_year = raw.end_year if raw.end_year is not None else year
        end_month = raw.end_month or raw.month
        if raw.year is None and end_month < raw.month:
            end_year += 1  # "12 december – 3 januari" runs into the next year
        end_day = raw.end_day or _last_day(end_year, end_month)
        try:
            calendar.weekday(end_year, end_month, end_day)
        except ValueError:
            return None
        end_date = f"{end_year:04d}-{end_month:02d}-{end_day:02d}"
    kind = "mentioned" if raw.kind == "date" else raw.kind
    return DateMention(
        date=date,
        text=raw.text,
        kind=kind,  # type: ignore[arg-type]
        start=raw.start,
        end=raw.end,
        rule=raw.rule,
        end_date=end_date,
        page=page,
    )


def find_dates(
    text: str, default_year: int | None = None, exclude: Iterable[tuple[int, int]] = ()
) -> list[DateMention]:
    """Resolved date mentions of a text (without pages)."""
    out = []
    for raw in find_raw_dates(text, exclude):
        mention = resolve(raw, text, default_year)
        if mention is not None:
            out.append(mention)
    return out


def parse_iso(text: str) -> str | None:
    """The first ISO date in a short string, joined across a line break or ``<br>``.

    >>> parse_iso("Datum 2024-\\n01-16")
    '2024-01-16'
    """
    for raw in find_raw_dates(text):
        if raw.rule == "iso" and raw.year is not None:
            return f"{raw.year:04d}-{raw.month:02d}-{raw.day:02d}"
    return None
