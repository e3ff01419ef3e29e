"""A normalized case number, and its parts: the one grammar of Diarium's canonical form.

`extractors.diarienummer` reads case numbers in every spelling and writes them in one form,
``SERIES-YYYY-SERIAL`` (series optional, upper case, one hyphen between two series words;
year 19xx or 20xx; serial without leading zeros). Everything that takes a normalized number
apart (tables, the index's case keys, the extractor's series rules) parses it here.

>>> parse_canonical("TN-2019-3825"), parse_canonical("2024-134")
(CaseParts(series='TN', year=2019, serial=3825), CaseParts(series=None, year=2024, serial=134))
>>> parse_canonical("SBN-BN-2020-12").series, series_of("KS-2023-855"), series_of("2023-855")
('SBN-BN', 'KS', None)

Only what the normalizer writes is canonical: no 18xx year, no leading zero, no lower case.

>>> [parse_canonical(v) for v in ("TN-1899-3", "KS-2023-00855", "tn-2019-3825", "292620")]
[None, None, None, None]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

CANONICAL_CASE = re.compile(
    r"^(?:(?P<series>[A-ZÅÄÖ]{2,6}(?:-[A-ZÅÄÖ]{2,6})?)-)?"
    r"(?P<year>(?:19|20)\d{2})-(?P<serial>0|[1-9]\d{0,5})$"
)


class CaseParts(NamedTuple):
    series: str | None
    year: int
    serial: int


@lru_cache(maxsize=65536)
def parse_canonical(case_number: str) -> CaseParts | None:
    """(series, year, serial) of a canonical case number, else None."""
    match = CANONICAL_CASE.match(case_number)
    if not match:
        return None
    return CaseParts(match.group("series"), int(match.group("year")), int(match.group("serial")))


def is_canonical(value: str) -> bool:
    return parse_canonical(value) is not None


def series_of(case_number: str) -> str | None:
    """The series of a canonical case number: 'TN-2019-3825' -> 'TN'; '2024-134' -> None."""
    parts = parse_canonical(case_number)
    return parts.series if parts else None
