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
numbers: after a label (`case_number_rules.LABELS`), on a § heading line (also one whose sign
a PDF lost, "Kf 81 04/31"), in a column of them under a label heading, or as three or more
"year/serial" numbers in a list of items. The patterns are data in
`extractors.case_number_grammar`. The look-alikes that share the shapes (dates, year ranges, SOU/SFS
and ministry numbers, § and motion serials) are rejected by the data in
`extractors.case_number_rules`, not by special cases in the patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from extractors.canonical_case import parse_canonical
from extractors.case_number_grammar import (
    ANY_VALUE,
    BARE,
    BRACKETED,
    BRACKETED_COMPACT,
    COMPACT,
    DATE_LIKE,
    DIGIT_GROUPS,
    DOTTED_SHORT,
    GLUED_YEAR_SERIAL,
    LABEL,
    LABEL_HEADING,
    LABELLED_RUN,
    LIST_SEP,
    OWN_LINE,
    PARAGRAPH_HEAD,
    SERIES_EOL,
    SHAPES,
    SHORT_PAIR,
    SIGNLESS_HEAD,
    SIGNLESS_HEAD_AFTER_BREAK,
    SIX_DIGITS,
    UPPER,
    YEAR_THEN_SERIAL,
)
from extractors.case_number_lists import (
    glued_year,
    listed_glued_serials,
    listed_year_serials,
    short_serials,
)
from extractors.case_number_parts import (
    CaseNumberMatch,
    canonical,
    clean_code,
    lookalike,
    series_allowed,
    span_or_date,
    year_like,
)
from extractors.case_number_rules import (
    AGENCY_BEFORE_LABEL,
    LOOKALIKE_CONTEXT,
    MINISTRY_PREFIXES,
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


def _from_shape(text: str, rule: str, m: re.Match[str]) -> CaseNumberMatch | None:
    groups = m.groupdict()
    series = (
        groups.get("series")
        or groups.get("series2")
        or groups.get("series3")
        or groups.get("series_w")
    )
    if not series_allowed(series):
        return None
    year = groups.get("year") or groups["year_w"]
    serial = groups.get("serial") or groups["serial_w"]
    if rule == "series_yy_serial" and year_like(serial):
        return None  # "LS 11/2009" is serial/year (series_serial_year decides)
    if rule == "series_serial_year" and year_like(serial):
        return None  # a year range after a series
    if rule == "series_year_serial" and span_or_date(
        year, serial, text[m.start("year") : m.end()], short_spans=False
    ):
        return None
    if rule == "year_serial_series" and span_or_date(year, serial, f"{year}-{serial}"):
        return None
    if rule == "yy_series_serial" and TWO_DIGIT_YEAR_PIVOT < int(year) < 90:
        return None  # glued numbers ("24KS139") are of today's registries
    return CaseNumberMatch(
        text=m.group(0),
        normalized=canonical(series, year, serial),
        start=m.start(),
        end=m.end(),
        rule=rule,
        code=clean_code(
            groups.get("code") or groups.get("code2") or groups.get("code3") or groups.get("sub")
        ),
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
    m = BARE.fullmatch(value)
    if m is None:
        if SIX_DIGITS.fullmatch(value):
            return value, None
        glued = GLUED_YEAR_SERIAL.fullmatch(value)
        if glued is not None and glued_year(glued["year"]):  # "LK/131787", as a list is read
            return canonical(glued["series"], glued["year"], glued["serial"]), None
        return None
    series = m.group("series") or m.group("series2")
    if not series_allowed(series):
        return None
    number = m.group("number")
    if DATE_LIKE.match(re.sub(r"\s", "", number)):
        return None
    groups = re.findall(r"\d+", number)
    code = [m.group("code").strip(" -")] if m.group("code") else []
    if year_like(groups[0]):
        year, serial, rest = groups[0], groups[1], groups[2:]
        if span_or_date(year, serial, number):
            return None
    elif any(year_like(g) for g in groups[1:]):
        i = max(i for i, g in enumerate(groups) if year_like(g))
        year = groups[i]
        others = groups[:i] + groups[i + 1 :]
        serial, rest = others[0], others[1:]
        if year_like(serial):
            return None
    elif len(groups[0]) == 2 and len(groups[1]) >= 3:
        year, serial, rest = groups[0], groups[1], groups[2:]
    elif len(groups[1]) == 2 and len(groups[0]) >= 3:
        # "0263/19", "0192/22-008"; never a time or a decimal ("12.30", "8/15")
        year, serial, rest = groups[1], groups[0], groups[2:]
    else:
        return None
    codes = rest + code
    return canonical(series, year, serial), ("-".join(codes) or None)


#: A year, two capitals or three digits: what a case cell holds (`is_case_cell`).
_CASE_CELL_HINT = re.compile(rf"(?:19|20)\d\d|[{UPPER}]{{2}}|\d{{3}}")


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
    rf"\d\d(?:(?<=19|20)\d\d|(?=/?[{UPPER}]{{2}}|[^\S\n]?[-–/][^\S\n]?\n?\d{{3}}))"
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


#: The number of an agenda's next item right after a case number, read by the grammar as
#: its code: "12 Ansökan om bidrag … KS 2016/466 13 Fördelning av föreningsbidrag".
_NEXT_ITEM_CODE = re.compile(r"[^\S\n]+(?P<n>[1-9]\d?)$")


def _without_next_item(text: str, m: CaseNumberMatch) -> CaseNumberMatch:
    """`m` without a trailing one- or two-digit code that is the next item's number: the item
    before the number carries the number one less ("12 Ansökan … KS 2016/466 13 …")."""
    tail = _NEXT_ITEM_CODE.search(m.text)
    if tail is None:
        return m
    previous = int(tail.group("n")) - 1
    if previous < 1 or not re.search(
        rf"(?:^|[^\w/.:–-]){previous}[^\S\n]+[{UPPER}]", text[max(0, m.start - 250) : m.start]
    ):
        return m
    cut = tail.start()
    return replace(m, text=m.text[:cut], end=m.start + cut, code=None)


def _shape_matches(text: str) -> Iterator[CaseNumberMatch]:
    seen: set[tuple[str, int]] = set()
    for hit in _YEAR_TRIGGER.finditer(text):
        a = hit.start()
        if a and text[a - 1] == "(":
            b = BRACKETED.match(text, a - 1)
            if (
                b
                and not year_like(b.group("serial"))
                and (b.group("sep") == ":" or len(b.group("serial")) >= 3)
                and not lookalike(text, a - 1)
            ):
                year, serial = b.group("year"), b.group("serial")
                yield CaseNumberMatch(
                    text[a : b.end() - 1],
                    canonical(None, year, serial),
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
                if j - i <= 3 and i > 1 and text[i - 1] == ":" and text[i - 2].isdigit():
                    # the serial's sub-number: "RS 269:1-2020"
                    i -= 1
                    while i > 0 and text[i - 1].isdigit() and j - i < 10:
                        i -= 1
                start = _series_start(text, i)
                if start is not None:
                    tries.append(("series_serial_year", start))
            tries += [("year_serial_series", a), ("year_series_serial", a)]
        elif text[a + 2 : a + 3] == "/":
            tries.append(("yy_series_serial_spaced", a))
        else:
            tries.append(("yy_series_serial", a))
            if a > 3 and text[a - 3] == " " and text[a - 2 : a].isdigit():
                # the month of SLL's "LS 0702-0239" (the trigger stops at "02-023")
                j = a - 3
                while j > 0 and text[j - 1].isupper() and a - 3 - j < 4:
                    j -= 1
                tries.append(("series_yymm_serial", j))
        for rule, pos in tries:
            if (rule, pos) in seen:
                continue
            seen.add((rule, pos))
            m = _SHAPE[rule].match(text, pos)
            if m is None:
                continue
            found = _from_shape(text, rule, m)
            if found is not None and not lookalike(text, found.start):
                yield found


def _any_value(text: str, pos: int, limit: int, rule: str) -> CaseNumberMatch | None:
    """A labelled value whatever its shape (`ANY_VALUE`), or None."""
    m = ANY_VALUE.match(text, pos, limit)
    if m is None:
        return None
    series, token = m.group("series"), m.group("token")
    if series in MINISTRY_PREFIXES or sum(ch.isdigit() for ch in token) < 3:
        return None
    if not series and (glued := YEAR_THEN_SERIAL.match(text, m.start(), limit)):
        # Hylte's "Dnr 2013 KS0012": the year, then the series glued to its serial
        year, series, serial = glued.groups()
        return CaseNumberMatch(
            glued.group(0), canonical(series, year, serial), glued.start(), glued.end(), rule
        )
    if re.search(r"\d{7}", token):
        return None  # no registry writes a run of 7 digits: OCR ran two numbers together
    spaced = series is not None and m.group(0)[len(series) : len(series) + 1].isspace()
    if (
        series
        and len(series) == 1
        and not re.fullmatch(r"\d+(?:-\d+)+", token)
        and not (spaced and re.search(r"[:/]", token))
    ) or not (series or re.search(r"[^\W\d_]", token)):
        # A ministry's "I2020/00281" (a one-letter series is a registry's only with hyphens,
        # "T2010-701-0075", or apart from its number, Tjörn's "H 00:189", Borlänge's "G 255/81"); digits alone are read by the grammar (`parse_value`), which knows
        # another authority's "551-856-13" and a regulation's "1384".
        return None
    if series and series.upper() in ("SOU", "SFS", "DS", "PROP", "DIR"):
        return None
    if DATE_LIKE.match(token) or re.fullmatch(r"(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?", token):
        return None
    if series and m.group(0) == series + token and COMPACT.fullmatch(m.group(0)):
        # "RV180949": the same case as the bracketed "(RV180949)" (`BRACKETED_COMPACT`)
        normalized = canonical(series, token[:2], token[2:])
    elif series and (short := re.fullmatch(r"(\d{3,5})/(\d{2})", token)):
        normalized = canonical(series, short.group(2), short.group(1))  # "G 255/81"
    elif series and (short := re.fullmatch(r"(\d{2})[:/](\d{1,6})", token)):
        normalized = canonical(series, short.group(1), short.group(2))  # "H 00:189"
    else:
        parts = [series.upper()] if series else []
        parts += [p for p in re.split(r"[-–/:.]+", token.upper()) if p]
        normalized = "-".join(parts)
    return CaseNumberMatch(m.group(0), normalized, m.start(), m.end(), rule)


def _digit_groups(text: str, pos: int, limit: int, rule: str) -> CaseNumberMatch | None:
    m = DIGIT_GROUPS.match(text, pos, limit)
    if m is None:
        return None
    value = m.group(0)
    groups = re.findall(r"\d+", value)
    if sum(len(g) for g in groups) < 5:
        return None
    if DATE_LIKE.match(value) and not DOTTED_SHORT.fullmatch(value):
        # After a label a date is the label's lost value's neighbour; but a dotted value
        # with a two-digit year is a registry's number (Årjäng's "Dnr 2.10.31"), not a date.
        return None
    if len(groups) == 2 and year_like(groups[0]) and year_like(groups[1]):
        return None  # a year range
    return CaseNumberMatch(value, "-".join(groups), m.start(), m.end(), rule)


def _short_pair(text: str, pos: int, limit: int, rule: str) -> CaseNumberMatch | None:
    """ "13/33" after a label: a registry's year and serial, too short for the grammar to read
    without one (a time, a fraction, a date without its year). The year is the two-digit part
    that can be one: "13/33" is 2013's number 33, "8/15" 2015's number 8, "12/14" 2012's 14."""
    m = SHORT_PAIR.match(text, pos, limit)
    if m is None:
        return None
    first, second = m.group(1), m.group(2)
    if len(first) == 2 and int(first) <= TWO_DIGIT_YEAR_PIVOT:
        year, serial = first, second
    elif int(second) <= TWO_DIGIT_YEAR_PIVOT:
        year, serial = second, first
    else:
        return None
    return CaseNumberMatch(m.group(0), canonical(None, year, serial), m.start(), m.end(), rule)


def _running_number(text: str, pos: int, limit: int, rule: str) -> CaseNumberMatch | None:
    m = LABELLED_RUN.match(text, pos, limit)
    return CaseNumberMatch(m.group(0), m.group(0), m.start(), m.end(), rule) if m else None


def _value_at(text: str, pos: int, rule: str) -> Iterator[CaseNumberMatch]:
    """The case number (and the list of them) that starts at `pos`, after a label."""
    original, wrapped = text, SERIES_EOL.match(text, pos)
    if wrapped and wrapped.group(0).split()[0].upper() in SERIES_STOPLIST:
        # A table's next heading, not a series: "Dnr / Sida / 2013/BMN0622 1".
        pos, wrapped = wrapped.end(), None
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
            m = BARE.match(text, pos, limit) or SIX_DIGITS.match(text, pos, limit)
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
                or _running_number(text, pos, limit, rule)
            )
        elif best is None and rule == "paragraph_heading":
            # The § heading vouches for a number's digits ("§ 81 04/31"), not for any word
            # after it ("§ 1 DNR:KU/2007.9" is read from its label).
            best = _digit_groups(text, pos, limit, rule) or _short_pair(text, pos, limit, rule)
        if best is None:
            return
        written = original[best.start : best.end] if wrapped else best.text
        yield CaseNumberMatch(written, best.normalized, best.start, best.end, rule, code=best.code)
        sep = LIST_SEP.match(text, best.end)
        if not sep or sep.end() == best.end or LABEL.match(text, sep.end()):
            return  # the end of the list, or a label of its own ("Dnr 1 och Dnr 2")
        pos = sep.end()


#: Every label holds one of these (lower case): the text is searched for them with `str.find`,
#: and the label pattern is tried only at the start of the word that holds one.
_LABEL_KEYS = ("nr", "nummer", "beteckning", "diarie", "dir")


def _label_starts(text: str) -> list[int]:
    low = lower(text)
    if len(low) != len(text):  # a character whose lower case is longer: scan the text
        return [m.start() for m in LABEL.finditer(text)]
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
        m = LABEL.match(text, start)
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
            h = LABEL_HEADING.match(text, line_start)
            if h:
                heading_end = h.end()
    paragraph, done = text.find("§"), -1
    while paragraph >= 0:
        line_start = text.rfind("\n", 0, paragraph) + 1
        m = PARAGRAPH_HEAD.match(text, line_start) if line_start != done else None
        done = line_start
        if m:
            yield from _value_at(text, m.end(), "paragraph_heading")
        paragraph = text.find("§", paragraph + 1)
    yield from _signless_headings(text)
    # A column of numbers under a label heading (a table flattened to one cell a line).
    if heading_end is not None:
        for m in OWN_LINE.finditer(text, heading_end):
            value, series = m.group(1), m.group("series")
            # Read with the series in capitals: a registry writes "Ks" for "KS".
            readable = value[: -len(series)] + series.upper() if series else value
            # A separator that no time or decimal has, or the number's own series after it.
            if BARE.fullmatch(readable) and (re.search(r"[/:]", value) or series):
                parsed = parse_value(readable)
                if parsed:
                    yield CaseNumberMatch(
                        value, parsed[0], m.start(1), m.end(1), "label_column", code=parsed[1]
                    )


def _signless_headings(text: str) -> Iterator[CaseNumberMatch]:
    # Tried at line starts only: the first line, then after each line break (a pattern that
    # opens with the break is searched for it as a literal; a multi-line "^" is tried at
    # every position).
    first = SIGNLESS_HEAD.match(text)
    heads = ([first] if first is not None else []) + list(SIGNLESS_HEAD_AFTER_BREAK.finditer(text))
    for i, m in enumerate(heads):
        # A heading has a neighbour of its series numbered one more or one less.
        number, series = int(m.group("number")), m.group("series")
        if series.upper() in SERIES_STOPLIST or not any(
            h.group("series") == series and abs(int(h.group("number")) - number) == 1
            for h in heads[max(0, i - 1) : i + 2]
        ):
            continue
        yield from _value_at(text, m.end(), "paragraph_heading")


def _bracketed_compact(text: str) -> Iterator[CaseNumberMatch]:
    for b in BRACKETED_COMPACT.finditer(text):
        series, year = b.group("series"), b.group("year")
        if series_allowed(series) and int(year) <= TWO_DIGIT_YEAR_PIVOT:
            yield CaseNumberMatch(
                b.group(0)[1:-1],
                canonical(series, year, b.group("serial")),
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
    found += listed_year_serials(text)
    found += listed_glued_serials(text)
    found += short_serials(text, found)
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
            if m.code is not None and len(m.code) <= 2:
                m = _without_next_item(text, m)
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


_TRAILING_SERIES = re.compile(rf"(?<=\d)[^\S\n][{UPPER}][a-zåäö]$")


def normalize(text: str) -> str | None:
    """The canonical form of one case number as a person or a document writes it, or None."""
    # A registry writes its series after the number as "Ks" too ("99.299-308 Ks").
    stripped = _TRAILING_SERIES.sub(lambda m: m.group(0).upper(), text.strip())
    if re.match(rf"[{UPPER}][^\S\n]\d", stripped):
        # A one-letter series the grammar does not read ("H 00:189"): the value as it is read
        # after a label, when that reads it whole.
        labelled = read_labelled(stripped)
        if labelled:
            return labelled
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
        if not series_allowed(series) or lookalike(query, match.start()):
            continue
        year_group = next(g for g in ("year", "year2", "year3") if match.group(g))
        if span_or_date(
            year, serial, query[match.start(year_group) : match.end()], short_spans=not series
        ):
            continue
        found.append(
            CaseNumberMatch(
                text=match.group(0),
                normalized=canonical(series, year, serial),
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
            if hit is not None and not lookalike(query, hit.start):
                found.append(hit)
    # A number without series, as a person pastes it from a document ("0092/2017", "8-2015").
    for bare in BARE.finditer(query):
        parsed = parse_value(bare.group(0))
        if parsed is not None and not lookalike(query, bare.start()):
            found.append(
                CaseNumberMatch(
                    bare.group(0), parsed[0], bare.start(), bare.end(), "query", code=parsed[1]
                )
            )
    # "lk/131787": a series with its two-digit year glued to the serial, as a list is read.
    for glued in GLUED_YEAR_SERIAL.finditer(query.upper()):
        if (
            glued_year(glued["year"])
            and series_allowed(glued["series"])
            and glued["series"].lower() not in QUERY_WORDS
        ):
            normalized = canonical(glued["series"], glued["year"], glued["serial"])
            found.append(CaseNumberMatch(glued[0], normalized, glued.start(), glued.end(), "query"))
    found += _labelled(query)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    last_end = -1
    for m in found:
        if m.start >= last_end:
            yield m
            last_end = m.end
