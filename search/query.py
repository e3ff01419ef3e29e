"""Engine-independent reading of what an officer typed into the search box.

A query is split into two parts:

* case numbers, in any written form ("TN-2019-3825", "tn 2019 3825", "TN 2019/3825"),
  recognized by `extractors.diarienummer.find_in_query` and normalized, so that an engine
  can match them exactly against the normalized `case_numbers` of the documents;
* the remaining free-text words, which the engine analyzes with its own Swedish analyzer.

The typo policy (`fuzzy_distance`) lives here too, so that every engine forgives the same
typos.

>>> parse_query("beslut TN 2019/3825 om samverkan").case_numbers
('TN-2019-3825',)
>>> parse_query("beslut TN 2019/3825 om samverkan").words
('beslut', 'om', 'samverkan')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from extractors.canonical_case import is_canonical, parse_canonical
from extractors.diarienummer import find_in_query, normalize, read_labelled

#: Words shorter than this are never matched fuzzily: one edit in a short word is another
#: word ("far", "får", "fat").
MIN_FUZZY_LENGTH = 5
#: Words at least this long may have two typos.
MIN_FUZZY2_LENGTH = 9

# The same notion of a word as tantivy's simple tokenizer: runs of letters and digits.
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ParsedQuery:
    """A search text split into normalized case numbers and the free-text words."""

    text: str
    case_numbers: tuple[str, ...]
    words: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.case_numbers and not self.words


def parse_query(text: str) -> ParsedQuery:
    """Pull the case numbers out of `text` and split what is left into words.

    >>> parse_query("tn 2019 3825")
    ParsedQuery(text='tn 2019 3825', case_numbers=('TN-2019-3825',), words=())
    """
    case_numbers: list[str] = []
    rest: list[str] = []
    position = 0
    for match in find_in_query(text):
        rest.append(text[position : match.start])
        position = match.end
        if match.normalized not in case_numbers:
            case_numbers.append(match.normalized)
    rest.append(text[position:])
    # Joining with a space keeps the words on either side of a case number apart.
    words = tuple(_WORD.findall(" ".join(rest)))
    return ParsedQuery(text=text, case_numbers=tuple(case_numbers), words=words)


def normalize_case_number(value: str) -> str:
    """The canonical form of a case-number filter value.

    A value that is not recognized as a case number is still used (upper-cased), so an
    odd filter value finds nothing instead of failing.

    >>> normalize_case_number("tn 2019/3825"), normalize_case_number(" x-1 ")
    ('TN-2019-3825', 'X-1')
    """
    if is_canonical(value):
        return value  # already normalized: the index hands these over by the thousand
    return normalize(value) or read_labelled(value) or value.strip().upper()


def case_keys(case_numbers: Iterable[str]) -> list[str]:
    """What a document's case numbers can be found by: each normalized number and its
    series-less tail ("KS-2023-855" and "2023-855"); a query without series names no body,
    so it matches the case in any series.

    >>> case_keys(["KS-2023-00855", "2024-134"])
    ['KS-2023-855', '2023-855', '2024-134']
    """
    keys: dict[str, None] = {}
    for value in case_numbers:
        normalized = normalize_case_number(value)
        keys[normalized] = None
        parts = parse_canonical(normalized)
        if parts is not None and parts.series:
            keys[f"{parts.year}-{parts.serial}"] = None
    return list(keys)


def fuzzy_distance(term: str) -> int:
    """How many typos (Levenshtein edits) to forgive in one analyzed query term.

    The length is that of the term as matched (the stem), because the edit distance applies
    to it. Terms with digits are never fuzzy: "2019" is not a typo of "2018".

    >>> [fuzzy_distance(t) for t in ("far", "nämnd", "samverkansmodel", "2019a")]
    [0, 1, 2, 0]
    """
    if not term.isalpha() or len(term) < MIN_FUZZY_LENGTH:
        return 0
    return 2 if len(term) >= MIN_FUZZY2_LENGTH else 1


def canonical_committee(value: str | None) -> str | None:
    """A committee filter as the index stores committees: the body's canonical name, in
    lower case, whether it is written as an abbreviation, in capitals or inflected. The
    filter accepts what a search accepts.

    >>> canonical_committee("KS"), canonical_committee("Kommunstyrelsens")
    ('kommunstyrelsen', 'kommunstyrelsen')
    >>> canonical_committee(" sbn "), canonical_committee("Nämnden för ett"), canonical_committee(" ")
    ('stadsbyggnadsnämnden', 'nämnden för ett', None)
    """
    text = " ".join((value or "").split())
    if not text:
        return None  # before the imports: most searches have no committee filter
    from extractors.committees import lookup
    from search.swedish import abbreviation_synonyms

    return lookup(text) or abbreviation_synonyms().get(text.lower()) or text.lower()
