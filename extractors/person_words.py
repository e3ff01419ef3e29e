"""The word lists behind person names, as data in ``extractors/data/``: given names, words
that are never names, places, job titles and their endings, party letters. Loaded once each;
plain lookups, apart from the rules that read names (`extractors.persons`), so that the body
and decision rules can ask "is this a given name?" without importing them."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

#: One word of letters (a title's ending is tested on it, `title_endings`).
_ONE_WORD = re.compile(r"[a-zåäö.-]+")


#: The parties of the Riksdag by their letters, as covers and reports tag members ("Anna Ek
#: (M)", "Maria Söderberg, C,", "KD vill i ett yrkande …"); `parties` holds local parties too.
RIKSDAG_PARTY = r"(?:KD|MP|SD|FP|S|M|C|V|L)"


@lru_cache(maxsize=1)
def job_titles() -> tuple[str, ...]:
    """Job titles from ``data/titles.txt``, longest first (so "biträdande ..." wins)."""
    return tuple(sorted(_word_list("data/titles.txt", lower=True), key=len, reverse=True))


@lru_cache(maxsize=1)
def parties() -> frozenset[str]:
    """Party abbreviations (upper case) from ``data/parties.txt``."""
    return frozenset(w.upper() for w in _word_list("data/parties.txt", lower=False))


def is_title(text: str) -> bool:
    lower = text.strip().lower()
    return lower in job_titles() or (
        lower.endswith(title_endings()) and _ONE_WORD.fullmatch(lower) is not None
    )


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names from ``data/first_names.txt``."""
    return _word_list("data/first_names.txt", lower=False)


@lru_cache(maxsize=1)
def title_endings() -> tuple[str, ...]:
    """Endings of one-word job titles, from ``data/title_endings.txt``."""
    return tuple(sorted(_word_list("data/title_endings.txt", lower=True)))


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Words that are never part of a name, lower case, from ``data/not_names.txt``."""
    return _word_list("data/not_names.txt", lower=True)


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    return _word_list("data/places.txt", lower=True)


def _word_list(path: str, lower: bool) -> frozenset[str]:
    text = resources.files("extractors").joinpath(path).read_text(encoding="utf-8")
    words = (line.split("#")[0].strip() for line in text.splitlines())
    return frozenset((w.lower() if lower else w) for w in words if w)


@lru_cache(maxsize=4096)
def is_given_name(word: str) -> bool:
    """A given name, or a hyphenated one whose parts are ("Lars-Åke", "Hans-inge").

    >>> is_given_name("Anna-Karin"), is_given_name("Hans-inge"), is_given_name("Andersson")
    (True, True, False)
    """
    names = given_names()
    if word in names:
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(p[:1].upper() + p[1:] in names for p in parts)
