"""How a query word matches a word of a text, for both engines' snippets and the document page.

One home for word matching: the Swedish analyzer (lowercase, Snowball stemming, no ASCII
folding) gives each word its index term; a query word matches a text word by that term, by
its lemma or a compound part (`search.swedish`), or, when neither is there, as a near miss
within `search.query.fuzzy_distance` typos, counted as Damerau-Levenshtein edits (an
adjacent swap is one edit; `within_edits`). The embedded engine's snippets and the document
page's highlights (`text_highlights`) both mark what this module matches.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import tantivy
from tantivy import Filter, TextAnalyzerBuilder
from tantivy import Tokenizer as TantivyTokenizer

from search.backend import (
    collapse_whitespace,
)
from search.query import (
    fuzzy_distance,
    parse_query,
)
from search.swedish import (
    TokenTable,
    abbreviation_synonyms,
    lemma,
    query_compound_parts,
    word_expansions,
)

# A near miss is highlighted when its first letters are the query word's: typos there are
# rarer, and the prefix keeps the search for near misses in a document short.
HIGHLIGHT_PREFIX = 3

_WHITESPACE = re.compile(r"\s+")
_LETTERS = re.compile(r"[^\W\d_]+")
# What tantivy's simple tokenizer calls a token: a run of letters and digits.
_TOKEN = re.compile(r"[^\W_]+")
# Analyzers are Rust objects borrowed mutably by `analyze`: one caller at a time (the web
# app searches from several threads).
_ANALYZER_LOCK = threading.Lock()


@dataclass(frozen=True)
class QueryWord:
    """One query word: its stem, other terms that count as the same word (lemma, a body's
    abbreviation), and the canonical body name when the word is an abbreviation."""

    term: str
    variants: tuple[str, ...] = ()
    committee: str | None = None
    parts: tuple[str, ...] = ()  # stems of a compound's parts, all required together


@lru_cache(maxsize=200_000)
def _stems(word: str) -> tuple[str, ...]:
    """The index terms of a text (usually one word), as the body and title fields hold them."""
    with _ANALYZER_LOCK:
        return tuple(_ANALYZER.analyze(word))


def stem(word: str) -> str:
    """The Swedish stem of one word, as the search index stores it (the word in lower case
    when the analyzer gives none).

    >>> stem("Nämndens"), stem("-")
    ('nämnd', '-')
    """
    terms = _stems(word)
    return terms[0] if terms else word.lower()


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str | None:
    """The index term of one token, or None if tantivy would split it differently."""
    stems = _stems(token)
    return stems[0] if len(stems) == 1 else None


@lru_cache(maxsize=100_000)
def _near(term: str, candidate: str, distance: int) -> bool:
    return within_edits(term, candidate, distance)


@lru_cache(maxsize=200_000)
def _expansion_stems(word: str) -> frozenset[str]:
    """Stems of a word's lemma and compound parts; cached, since snippets ask per body word."""
    return frozenset(t for e in word_expansions(word) for t in _stems(e))


@lru_cache(maxsize=1)
def _abbreviations_by_name() -> dict[str, tuple[str, ...]]:
    """One-word body names and their forms -> lower-case abbreviations ("kommunstyrelsen" -> "ks")."""
    by_name: dict[str, list[str]] = {}
    for abbreviation, name in abbreviation_synonyms().items():
        if " " not in name and abbreviation.isalpha():
            by_name.setdefault(name, []).append(abbreviation)
    return {name: tuple(abbreviations) for name, abbreviations in by_name.items()}


def swedish_analyzer() -> tantivy.TextAnalyzer:
    """Lowercase and Swedish stemming, without ASCII folding: "får" and "far" differ."""
    return (
        TextAnalyzerBuilder(TantivyTokenizer.simple())
        .filter(Filter.lowercase())
        .filter(Filter.stemmer("swedish"))
        .build()
    )


_ANALYZER = swedish_analyzer()


def render_snippet(text: str, highlights: Sequence[tuple[int, int]]) -> str:
    """HTML for a passage: text escaped, highlighted ranges (character offsets) in <mark>.

    Whitespace runs (PDF line breaks) collapse to one space.

    >>> render_snippet("Åäö <nämnd>", [(5, 10)])
    'Åäö &lt;<mark>nämnd</mark>&gt;'
    """
    parts: list[str] = []
    position = 0
    for start, end in sorted(highlights):
        if start < position:  # overlapping ranges: keep the first
            continue
        parts.append(html.escape(text[position:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    # Once over the whole: a whitespace run never spans a tag, and escaping adds none.
    return collapse_whitespace("".join(parts))


# A highlighted token: start and end offset in the text, and its index term.
Match = tuple[int, int, str]


def query_words(words: Sequence[str]) -> list[QueryWord]:
    """One entry per distinct analyzed query word, with what counts as the same word."""
    if not words:
        return []  # a case number alone: no need to load the body gazetteer
    found: dict[str, QueryWord] = {}
    synonyms = abbreviation_synonyms()
    abbreviations = _abbreviations_by_name()
    for word in words:
        lowered = word.lower()
        base = lemma(lowered)
        variants = set(_stems(base)) if base != lowered else set()
        committee = synonyms.get(lowered)
        variants.update(a for a in abbreviations.get(lowered, ()) if a)
        parts = tuple(t for p in query_compound_parts(lowered) for t in _stems(p))
        for term in _stems(word):
            if term not in found:
                found[term] = QueryWord(term, tuple(sorted(variants - {term})), committee, parts)
    return list(found.values())


def text_highlights(text: str, query: str) -> list[tuple[int, int]]:
    """Where the engine's own matching finds the query's words in `text`, for the document
    page: the stems and lemmas it searches ("strandskydd" marks "strandskyddet"), the
    words carrying a query word as a compound part, and, only when none of those is there,
    the near misses it forgives. The digits of a case number the query names are not
    words here (the extraction's spans mark the case number), so "dnr 2024-134" does not
    mark every "2024".

    >>> text = "Strandskyddet gäller. Strandskydd vid bryggor. Dnr 2024-134, år 2024."
    >>> [text[a:b] for a, b in text_highlights(text, "strandskydd")]
    ['Strandskyddet', 'Strandskydd']
    >>> text_highlights(text, "dnr 2024-134")
    []
    """
    parsed = parse_query(query)
    numbers = " ".join(parsed.case_numbers)
    words = [w for w in parsed.words if not (w.isdigit() and w in numbers)]
    terms = frozenset(t for w in query_words(words) for t in (w.term, *w.variants))
    if not terms:
        return []
    low = lowered(text)
    matches = term_matches(low, terms)
    carriers = [c for c in compound_carriers(low, terms) if c not in terms]
    matches += term_matches(low, carriers)
    if not matches:
        matches = near_miss_matches(low, [(t, d) for t in terms if (d := fuzzy_distance(t))])
    return sorted({(start, end) for start, end, _ in matches})


def lowered(text: str) -> str:
    """`text` in lower case with every character where it was, so that offsets found in the
    result are offsets in `text` (a character whose lower case is longer, like "İ", stays).

    >>> lowered("Nämnden"), len(lowered("İstanbul")) == len("İstanbul")
    ('nämnden', True)
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _token_at(low: str, start: int) -> str | None:
    """The token that starts at `start`, or None when `start` is inside a token."""
    if start > 0 and low[start - 1].isalnum():
        return None
    found = _TOKEN.match(low, start)
    return found.group() if found else None


def term_matches(low: str, terms: Iterable[str]) -> list[Match]:
    """The tokens of a lowercased text whose index term is one of `terms`, in text order.

    Found without tokenizing the text: Swedish stemming only strips endings, so a token
    with the term `t` starts with `t`, and a substring search finds the candidates.

    >>> term_matches("nämnden och nämnder, inte stadsbyggnadsnämnden", ["nämnd"])
    [(0, 7, 'nämnd'), (12, 19, 'nämnd')]
    """
    found: list[Match] = []
    for term in terms:
        start = low.find(term)
        while start >= 0:
            token = _token_at(low, start)
            if token is not None and _stem(token) == term:
                found.append((start, start + len(token), term))
            start = low.find(term, start + (len(token) if token else 1))
    found.sort()
    return found


def near_miss_matches(low: str, terms: Iterable[tuple[str, int]]) -> list[Match]:
    """The tokens whose index term is within a query term's typo distance, in text order;
    only tokens that start with the term's first letters (HIGHLIGHT_PREFIX) are tried."""
    found: list[Match] = []
    for term, distance in terms:
        prefix = term[:HIGHLIGHT_PREFIX]
        start = low.find(prefix)
        while start >= 0:
            token = _token_at(low, start)
            if token is not None:
                stem = _stem(token)
                if stem is not None and _near(term, stem, distance):
                    found.append((start, start + len(token), stem))
            start = low.find(prefix, start + (len(token) if token else 1))
    found.sort()
    return list(dict.fromkeys(found))


def _carried_stems(token: str) -> frozenset[str]:
    return frozenset(chain.from_iterable(_expansion_stems(w) for w in _LETTERS.findall(token)))


# Stems of the expansions of each token's words, for compound_carriers: most bodies carry
# no query term, and one C-level pass over this says so.
_TOKEN_CARRIES = TokenTable(_carried_stems)


def compound_carriers(low: str, terms: frozenset[str]) -> list[str]:
    """Index terms of the words whose lemma or compound parts stem to one of `terms`
    ("stadsbyggnadsnämnden" for the query "nämnd"), in a lowercased text.

    >>> sorted(compound_carriers("stadsbyggnadsnämnden, och nämnden.", frozenset({"nämnd"})))
    ['nämnd', 'stadsbyggnadsnämnd']
    """
    tokens = set(low.split())
    known = _TOKEN_CARRIES.covering(tokens)
    if terms.isdisjoint(chain.from_iterable(map(known.__getitem__, tokens))):
        return []
    carriers: dict[str, None] = {}
    for token in tokens:
        if not terms.isdisjoint(known[token]):
            for word in _LETTERS.findall(token):
                if not terms.isdisjoint(_expansion_stems(word)):
                    carriers.update(dict.fromkeys(_stems(word)))
    return list(carriers)


def best_passage(
    text: str, matches: Sequence[Match], weight: Callable[[str], float], width: int
) -> str:
    """The highlighted passage of at most `width` characters whose matches weigh most (the
    earliest of equals), cut at whitespace, with some text before its first match.

    As in tantivy's snippets, a match weighs 1 / (1 + the term's document frequency), so
    rare words decide where the passage is.
    """
    weights = [weight(term) for _, _, term in matches]
    best, first, last = -1.0, 0, 0
    end = 0
    for i, (start, _, _) in enumerate(matches):
        end = max(end, i + 1)
        while end < len(matches) and matches[end][1] - start <= width:
            end += 1
        score = sum(weights[i:end])
        if score > best:
            best, first, last = score, i, end
    passage_start, passage_end = matches[first][0], matches[last - 1][1]
    room = width - (passage_end - passage_start)
    if room <= 0:  # one token longer than the passage: show it whole
        start, stop = passage_start, passage_end
    else:
        start = max(0, passage_start - room // 2)
        stop = min(len(text), start + width)
        start = max(0, min(start, stop - width))
        if start > 0 and not text[start - 1].isspace():
            gap = _WHITESPACE.search(text, start, passage_start)
            start = gap.end() if gap else passage_start
        if stop < len(text) and not text[stop].isspace():
            tail = text[passage_end:stop]
            cut = max(tail.rfind(" "), tail.rfind("\n"), tail.rfind("\t"))
            stop = passage_end + cut if cut >= 0 else passage_end
    marks = [(s - start, e - start) for s, e, _ in matches if s >= start and e <= stop]
    return render_snippet(text[start:stop], marks)


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether a and b are at most `limit` edits apart (Levenshtein, adjacent swap = 1)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit
