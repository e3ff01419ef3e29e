"""Swedish word knowledge for search: lemmas, compound parts and abbreviation synonyms.

A Snowball stemmer alone fails Swedish municipal text in two common ways: it does not strip
the definite neuter ending (`strandskyddet` stays `strandskyddet` while `strandskydd` becomes
`strandskyd`), and it leaves compounds whole, so `bostad` never finds `bostadsunderskott`.
Diarium fixes both at index time: every document gets an extra field of *expansion terms*
(the lemma of each word, the parts of each compound, and the compound's own lemma), which
both engines index with their normal analyzer. Queries are expanded the same way.

The lexicon is the Swedish lemma table that spaCy's `spacy-lookups-data` installs
(660,000 forms of 93,000 lemmas), read straight from the package: nothing is downloaded.

>>> lemma("strandskyddet"), lemma("nämndens"), lemma("områden")
('strandskydd', 'nämnd', 'område')
>>> split_compound("stadsbyggnadsnämnden")
['stadsbyggnad', 'nämnd']
>>> split_compound("bostadsunderskott"), split_compound("samverkansprocesser")
(['bostad', 'underskott'], ['samverkan', 'process'])
>>> split_compound("kommunen") is None
True
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import Generic, TypeVar

V = TypeVar("V")

#: Parts shorter than this are not split off: "in", "av", "är" make nonsense of real words.
MIN_PART = 3
#: Words shorter than this are not compounds worth splitting.
MIN_COMPOUND = 7
#: Letters that join the parts of a Swedish compound ("område-s-lyft", "tjänst-e-skrivelse").
LINKING = ("s", "e", "")
#: A compound of more parts than this is more likely a wrong split than a real word.
MAX_PARTS = 4
#: Parts shorter than this are not indexed as terms of their own: a three-letter part
#: ("far" in "förfarande", "ord" in "ordförande") would make short queries match noise.
MIN_INDEXED_PART = 4

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Lexicon:
    forms: dict[str, str]  # inflected form -> lemma
    lemmas: frozenset[str]

    def knows(self, word: str) -> bool:
        return word in self.lemmas or word in self.forms


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The Swedish lemma table from spacy-lookups-data, loaded once (about 1 s)."""
    data = resources.files("spacy_lookups_data").joinpath("data/sv_lemma_lookup.json.gz")
    forms: dict[str, str] = json.loads(gzip.decompress(data.read_bytes()))
    lowered = {form.lower(): lemma.lower() for form, lemma in forms.items()}
    return Lexicon(forms=lowered, lemmas=frozenset(lowered.values()))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The base form of a word; for an unknown compound, its head's base form.

    >>> lemma("samverkansprocesserna"), lemma("Beslutet"), lemma("xyzzy"), lemma("nämnd")
    ('samverkansprocess', 'beslut', 'xyzzy', 'nämnd')
    """
    word = word.lower()
    lex = lexicon()
    # A word that is a lemma itself keeps that reading: "nämnd" is the noun, not a form of
    # the verb "nämna"; "får" is the noun, not a form of "fåra".
    if word in lex.lemmas:
        return word
    if word in lex.forms:
        return _fix_lookup(word, lex.forms[word])
    parts = _split(word)
    if parts:
        head_start = len(word) - len(parts[-1][0])
        return word[:head_start] + parts[-1][1]
    return word


def _fix_lookup(word: str, found: str) -> str:
    # The table maps some definite neuter forms to the plural ("beslutet" -> "besluten"):
    # when the word minus "-et" is itself a lemma, that is the base form.
    if word.endswith("et") and word[:-2] in lexicon().lemmas and found != word[:-2]:
        return word[:-2]
    return found


def split_compound(word: str) -> list[str] | None:
    """The lemmas of a compound's parts, or None when the word is not a known compound."""
    parts = _split(word.lower())
    return [part_lemma for _, part_lemma in parts] if parts else None


@lru_cache(maxsize=200_000)
def _split(word: str) -> tuple[tuple[str, str], ...] | None:
    """(surface, lemma) per part, fewest parts first; the head may be inflected."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return None
    best = _best_split(word, 0)
    return best if best and len(best) >= 2 else None


def _best_split(word: str, start: int) -> tuple[tuple[str, str], ...] | None:
    lex = lexicon()
    rest = word[start:]
    # The whole remainder as the head: a lemma or an inflected form of one.
    if start > 0 and len(rest) >= MIN_PART:
        if rest in lex.lemmas:
            return ((rest, rest),)
        if rest in lex.forms:
            return ((rest, _fix_lookup(rest, lex.forms[rest])),)
    best: tuple[tuple[str, str], ...] | None = None
    # Longest modifier first: "stadsbyggnad-s-nämnden" rather than "stad-s-byggnad-s-…" when both exist.
    for end in range(len(word) - MIN_PART, start + MIN_PART - 1, -1):
        modifier = word[start:end]
        if modifier not in lex.lemmas:
            continue
        for link in LINKING:
            if not word.startswith(link, end):
                continue
            tail = _best_split(word, end + len(link))
            if tail is None or len(tail) + 1 > MAX_PARTS:
                continue
            candidate = ((modifier + link, modifier), *tail)
            if best is None or len(candidate) < len(best):
                best = candidate
        if best is not None and len(best) == 2:
            break
    return best


@lru_cache(maxsize=200_000)
def word_expansions(word: str) -> tuple[str, ...]:
    """Extra index terms for one word: its lemma, its compound parts and its compound lemma.

    >>> word_expansions("stadsbyggnadsnämndens")
    ('stadsbyggnadsnämnd', 'stadsbyggnad', 'stad', 'byggnad', 'nämnd')
    >>> word_expansions("och"), word_expansions("dispensförfarande")
    ((), ('dispens', 'förfarande'))
    """
    lowered = word.lower()
    terms: dict[str, None] = {}
    base = lemma(lowered)
    if base != lowered:
        terms[base] = None
    parts = split_compound(lowered) or []
    for index, part in enumerate(parts):
        terms[part] = None
        # A modifier can be a compound itself: "stadsbyggnad" gives "stad" and "byggnad".
        # The head is not split again: "förfarande" is one word, not "för" + "farande".
        if index < len(parts) - 1:
            for sub_part in split_compound(part) or ():
                terms[sub_part] = None
    terms.pop(lowered, None)
    for term in [t for t in terms if len(t) < MIN_INDEXED_PART]:
        del terms[term]
    return tuple(terms)


class TokenTable(Generic[V]):
    """A value per whitespace-separated token ("nämndens," included), computed once: a
    whole text is then looked up in C (`map(table.__getitem__, tokens)`) rather than by a
    regex pass and a cached call per word. Bounded: past `limit` tokens it starts afresh.

    >>> table = TokenTable(len)
    >>> table.covering({"nämnd", "och"})["nämnd"]
    5
    """

    def __init__(self, compute: Callable[[str], V], limit: int = 500_000) -> None:
        self.compute = compute
        self.limit = limit
        self._values: dict[str, V] = {}

    def covering(self, tokens: set[str]) -> dict[str, V]:
        """The table, with a value for every one of `tokens`."""
        known = self._values
        new = tokens.difference(known)
        if new:
            if len(known) + len(new) > self.limit:
                # A new dict, not clear(): another thread may still be reading the old one.
                known = self._values = {}
                new = tokens
            for token in new:
                known[token] = self.compute(token)
        return known


def _token_expansions(token: str) -> tuple[str, ...]:
    words = _WORD.findall(token)
    if len(words) == 1:
        return word_expansions(words[0])
    return tuple(dict.fromkeys(chain.from_iterable(word_expansions(w) for w in words)))


#: Expansion terms per token, for indexing.
_TOKEN_EXPANSIONS = TokenTable(_token_expansions)


def expansion_text(text: str) -> str:
    """The expansion terms of every distinct word in a text, space-separated (for indexing).

    Words never span whitespace, so the words of the text are those of its tokens.

    >>> expansion_text("Nämndens bostadsunderskott, (nämnder)")
    'bostad nämnd underskott'
    """
    tokens = set(text.lower().split())
    known = _TOKEN_EXPANSIONS.covering(tokens)
    return " ".join(sorted(set(chain.from_iterable(map(known.__getitem__, tokens)))))


@lru_cache(maxsize=1)
def abbreviation_synonyms() -> dict[str, str]:
    """Lower-case abbreviation -> canonical body name, from the committee gazetteer.

    >>> abbreviation_synonyms()["sbn"]
    'stadsbyggnadsnämnden'
    """
    from extractors.committees import bodies

    synonyms: dict[str, str] = {}
    for name, body in bodies().items():
        for abbreviation in body.abbreviations:
            key = abbreviation.lower()
            # An abbreviation used by two bodies is ambiguous: leave it out rather than guess.
            synonyms[key] = "" if key in synonyms and synonyms[key] != name else name
    return {k: v for k, v in synonyms.items() if v}


_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöé"
MIN_FUZZY_MODIFIER = 5


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | swaps | replaces | inserts


@lru_cache(maxsize=20_000)
def query_compound_parts(word: str) -> tuple[str, ...]:
    """The lemmas of a compound query word's parts, forgiving one typo in the head.

    Officers type compounds that documents split or inflect differently ("samverkansmodell"
    for "modellen för samverkan"); the parts let such documents match too.

    >>> query_compound_parts("samverkansmodell"), query_compound_parts("samverkansmodel")
    (('samverkan', 'modell'), ('samverkan', 'modell'))
    >>> query_compound_parts("nämnd")
    ()
    """
    lowered = word.lower()
    exact = split_compound(lowered)
    if exact:
        return tuple(exact)
    if len(lowered) < MIN_COMPOUND + 1 or not lowered.isalpha():
        return ()
    lex = lexicon()
    # Guessing a typo in a short modifier's head splits too many words: five letters or more.
    for end in range(len(lowered) - MIN_INDEXED_PART, MIN_FUZZY_MODIFIER - 1, -1):
        modifier = lowered[:end]
        if modifier not in lex.lemmas:
            continue
        for link in LINKING:
            if not lowered.startswith(link, end):
                continue
            head = lowered[end + len(link) :]
            if len(head) < MIN_INDEXED_PART:
                continue
            corrected = [e for e in _edits1(head) if e in lex.lemmas]
            if corrected:
                # The likeliest typo keeps the start of the word: "model" is "modell", not "medel".
                best = max(corrected, key=lambda e: (_common_prefix(e, head), -len(e), e))
                return (modifier, best)
    return ()
