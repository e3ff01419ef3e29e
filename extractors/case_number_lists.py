"""Series-less and short case numbers read where a list vouches for them: a registry's column
of "year/serial" numbers after each item's title, two-digit-year pairs under a label heading,
and the short serials of a series whose longer numbers the same document writes. Called by
`extractors.diarienummer.find_case_numbers`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.case_number_grammar import (
    GLUED_YEAR_SERIAL,
    LABEL,
    LISTED_AT_LEAST,
    SHORT_SERIES_YEAR,
    SHORT_YEAR_SERIAL,
    YEAR_SLASH_SERIAL,
)
from extractors.case_number_parts import (
    CaseNumberMatch,
    canonical,
    lookalike,
    series_allowed,
    span_or_date,
    year_like,
)
from extractors.case_number_rules import STATUTE_BEFORE, TWO_DIGIT_YEAR_PIVOT


def at_slashes(pattern: re.Pattern[str], text: str, *befores: int) -> Iterator[re.Match[str]]:
    """`pattern`'s matches that start `befores` characters ahead of a slash (the first that
    matches): tried only there (a long text has few slashes, and the pattern tried at every
    position costs more)."""
    i = text.find("/")
    while i >= 0:
        for before in befores:
            if i >= before:
                m = pattern.match(text, i - before)
                if m is not None:
                    yield m
                    break
        i = text.find("/", i + 1)


def listed_year_serials(text: str) -> list[CaseNumberMatch]:
    if text.count("/") < LISTED_AT_LEAST:
        return []
    # The cheap tests first, the context's last, and only for a list long enough to count.
    listed = [
        m
        for m in at_slashes(YEAR_SLASH_SERIAL, text, 4)
        if not year_like(m.group("serial"))  # "2017/2018", "2020/2019": years, not a serial
        and not span_or_date(m.group("year"), m.group("serial"), m.group(0))  # "2020/21"
    ]
    if len({m.group(0) for m in listed}) >= LISTED_AT_LEAST:
        listed = [
            m
            for m in listed
            if not lookalike(text, m.start())
            and not STATUTE_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ]  # "SFS 2009/400"
    if len({m.group(0) for m in listed}) < LISTED_AT_LEAST:
        listed = listed_short_pairs(text)
    if len({m.group(0) for m in listed}) < LISTED_AT_LEAST:
        return []
    return [
        CaseNumberMatch(
            m.group(0),
            canonical(None, m.group("year"), m.group("serial")),
            m.start(),
            m.end(),
            "listed",
            code=(m.groupdict().get("code") or "").strip() or None,
        )
        for m in listed
    ]


def listed_glued_serials(text: str) -> list[CaseNumberMatch]:
    """ "LK/121707", "LK/130234", "LK/130274" …: a series' numbers with the two-digit year
    glued to the serial, read where one document lists `LISTED_AT_LEAST` distinct ones of one
    series (a year up to this one's, or the 1990s).

    >>> [m.normalized for m in listed_glued_serials(
    ...     "1. LK/121707 Medborgarförslag 2. LK/130234 Motion 3. LK/131647 Skattesats 2014")]
    ['LK-2012-1707', 'LK-2013-234', 'LK-2013-1647']
    >>> listed_glued_serials("Telefon 054/610000 och 054/615000") == []
    True
    """
    if text.count("/") < LISTED_AT_LEAST:
        return []
    by_series: dict[str, list[re.Match[str]]] = {}
    # (a series of two to four capitals before the slash)
    for m in at_slashes(GLUED_YEAR_SERIAL, text, 2, 3, 4):
        if glued_year(m.group("year")) and series_allowed(m.group("series")):
            by_series.setdefault(m.group("series"), []).append(m)
    out = []
    for series, hits in by_series.items():
        if len({m.group(0) for m in hits}) < LISTED_AT_LEAST:
            continue
        out += [
            CaseNumberMatch(
                m.group(0),
                canonical(series, m.group("year"), m.group("serial")),
                m.start(),
                m.end(),
                "listed_glued",
            )
            for m in hits
        ]
    return out


def glued_year(year: str) -> bool:
    """Whether a glued number's two digits can be its year: up to this one's, or the 1990s."""
    return int(year) <= TWO_DIGIT_YEAR_PIVOT or int(year) >= 90


def listed_short_pairs(text: str) -> list[re.Match[str]]:
    """ "12/30", "11/896" in a list, where the document labels its case numbers (`LABEL`)."""
    pairs = [
        m
        for m in at_slashes(SHORT_YEAR_SERIAL, text, 2)
        if int(m.group("year")) <= TWO_DIGIT_YEAR_PIVOT
    ]
    # The label and each number's context are looked at last, for a list long enough.
    if len({m.group(0) for m in pairs}) < LISTED_AT_LEAST or LABEL.search(text) is None:
        return []
    return [m for m in pairs if not lookalike(text, m.start())]


#: Two or more numbers of one series written "KS 20/365" make its shorter serials ("KS 20/2")
#: the registry's too; one such number proves nothing.
_SHORT_SERIAL_SIBLINGS = 2


def short_serials(text: str, found: list[CaseNumberMatch]) -> Iterator[CaseNumberMatch]:
    """ "KS 20/2" and "KS 17/8" where the document writes the same series' numbers "KS 20/365"
    (Ånge's agendas): a serial under 100 after a two-digit year, which alone the grammar does
    not read, since "17/8" may be a date and Skövde's "KF 10/19" is a § serial."""
    years: dict[str, list[int]] = {}
    for m in found:
        if m.rule == "series_yy_serial" and (s := SHORT_SERIES_YEAR.match(m.text)):
            years.setdefault(s.group("series"), []).append(int(s.group("year")))
    for series, seen in years.items():
        if len(seen) < _SHORT_SERIAL_SIBLINGS:
            continue
        for hit in re.finditer(
            rf"(?<![\w/.:–-]){re.escape(series)}[^\S\n]?(?P<year>\d\d)/(?P<serial>\d{{1,2}})"
            r"(?![\w/]|[.:–-]\d)",
            text,
        ):
            year = hit.group("year")
            if min(seen) - 5 <= int(year) <= max(seen):
                normalized = canonical(series, year, hit.group("serial"))
                yield CaseNumberMatch(
                    hit.group(0), normalized, hit.start(), hit.end(), "short_serial"
                )
