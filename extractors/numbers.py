"""Swedish numbers as printed in municipal tables: `1 234,5`, `−12`, `12 %`, `45,3 mnkr`.

Swedish typesetting groups thousands with a space (often a no-break or thin space), writes
the decimal with a comma and the minus sign often as U+2212 or an en dash. Amount units
(`tkr`, `mnkr`, …) are kept apart from the value rather than multiplied in, because a
table's header usually states the unit ("Belopp i mnkr") and the cells do not.

>>> parse_number("−1 987,4")
SwedishNumber(value=-1987.4, unit=None)
>>> parse_number("12 %")
SwedishNumber(value=12.0, unit='%')
>>> parse_number("Årets resultat") is None
True

`unit_in` reads the unit a label states for the numbers it heads, and `in_kronor` turns
an amount into kronor, so that reports in tkr and in mnkr can be compared:

>>> unit_in("Belopp i mnkr"), unit_in("Soliditet, %"), unit_in("Utfall 2024")
('mnkr', '%', None)
>>> in_kronor(45.3, "mnkr")
45300000.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Unit spellings → canonical unit. Keys are lowercase.
UNITS = {
    "%": "%",
    "procent": "%",
    "kr": "kr",
    "kronor": "kr",
    "sek": "kr",
    "tkr": "tkr",
    "tsek": "tkr",
    "mkr": "mnkr",
    "mnkr": "mnkr",
    "msek": "mnkr",
    "mdkr": "mdkr",
    "mdr kr": "mdkr",
}

_MINUS = "-\u2212\u2013\u2012"  # hyphen-minus, minus sign, en dash, figure dash
_GROUP_SPACE = " \u00a0\u202f\u2009\u2007"  # space, no-break, narrow no-break, thin, figure

_NUMBER = re.compile(
    rf"""
    ^(?P<open>\()?
    (?P<sign>[{_MINUS}+])?\s*
    (?P<int>\d{{1,3}}(?:[{_GROUP_SPACE}]\d{{3}})+|\d+)
    (?:(?P<sep>[,.])(?P<frac>\d+))?
    (?P<close>\))?
    \s*(?P<unit>%|[a-zåäö]+(?:\s+kr)?)?\.?$
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class SwedishNumber:
    value: float
    unit: str | None = None  # "%", "kr", "tkr", "mnkr", "mdkr"


def parse_number(text: str | None) -> SwedishNumber | None:
    """The number in a table cell, or None when the cell is not one number.

    Accepts thousands grouped by any space, a decimal comma (or a decimal point when it
    cannot be a thousands separator), a leading minus of any dash kind, accounting
    parentheses `(12,3)` for negatives, and a trailing unit.
    """
    if text is None:
        return None
    match = _NUMBER.match(text.strip())
    if match is None:
        return None
    unit = match["unit"]
    canonical = UNITS.get(" ".join(unit.lower().split())) if unit else None
    if unit and canonical is None:
        return None  # "12 st", "3 ggr": not an amount we know, and not just a number
    if bool(match["open"]) != bool(match["close"]):
        return None
    integer = re.sub(rf"[{_GROUP_SPACE}]", "", match["int"])
    fraction = match["frac"]
    if match["sep"] == "." and (len(fraction) == 3 or integer != match["int"]):
        # "1.234" is a thousands separator in some documents and a decimal in others,
        # and "1 234.5" mixes conventions: neither can be read with confidence.
        return None
    value = float(f"{integer}.{fraction}" if fraction else integer)
    if (match["sign"] and match["sign"] in _MINUS) or match["open"]:
        value = -value
    return SwedishNumber(value, canonical)


#: Kronor per unit, for the amount units.
KRONOR = {"kr": 1.0, "tkr": 1e3, "mnkr": 1e6, "mdkr": 1e9}

# A unit named in a label: "Belopp i mnkr", "Årets resultat, mnkr", "Kostnad (tkr)",
# "Andel %". Word boundaries keep "kr" out of words such as "kris" or "kronisk".
_LABEL_UNIT = re.compile(
    r"(?i)(?<![\wåäö])(?P<unit>"
    + "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in sorted(UNITS, key=len, reverse=True))
    + r")(?![\wåäö])"
)


def unit_in(label: str | None) -> str | None:
    """The unit a row label or column header states ("Nettoinvesteringar, mnkr"), else None.

    >>> unit_in("Kostnad per invånare (kr)"), unit_in("Krisberedskap"), unit_in("Not")
    ('kr', None, None)
    """
    if not label:
        return None
    found = {UNITS[" ".join(m["unit"].lower().split())] for m in _LABEL_UNIT.finditer(label)}
    return found.pop() if len(found) == 1 else None  # two units in one label: say none


def in_kronor(value: float | None, unit: str | None) -> float | None:
    """An amount in kronor; None for percentages, counts and unknown units."""
    if value is None or unit not in KRONOR:
        return None
    return value * KRONOR[unit]


def number_value(text: str | None) -> float | None:
    """Just the value of `parse_number`, for table columns of numbers."""
    parsed = parse_number(text)
    return parsed.value if parsed else None
