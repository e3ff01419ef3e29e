"""Highlighted HTML, built so that no text from a document or a query is ever markup.

Two sources of highlighted HTML reach the pages:

* search snippets, rendered by the engine (escaped text with `<mark>`); `trusted_snippet`
  checks that shape before a template may insert one unescaped;
* the full text of a document, escaped here piece by piece, with `<mark>` around the words
  whose Swedish stem is a query word's stem (or within its typo distance, as the search
  forgives it) and around the written forms of a case number the query names.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

from markupsafe import Markup
from rapidfuzz.distance import Levenshtein

from search.query import fuzzy_distance, parse_query
from search.tantivy_backend import swedish_analyzer

_MARK_TAG = re.compile(r"</?mark>")
# Runs of letters and digits: the words the search engine's tokenizer sees.
WORD = re.compile(r"[^\W_]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")

_analyzer_lock = threading.Lock()
_analyzer = swedish_analyzer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Swedish stem of one word, as the search index stores it."""
    with _analyzer_lock:
        terms = _analyzer.analyze(word)
    return terms[0] if terms else word.lower()


def trusted_snippet(snippet: str) -> Markup:
    """A snippet as markup, if it has the shape the engine renders; escaped text otherwise.

    The engine escapes the document text and adds only `<mark>` and `</mark>`, so once those
    tags are removed no `<` or `>` may remain. Anything else is treated as plain text.
    """
    if "<" in _MARK_TAG.sub("", snippet) or ">" in _MARK_TAG.sub("", snippet):
        return Markup(html.escape(snippet))
    return Markup(snippet)


def query_stems(query: str) -> set[str]:
    return {stem(word) for word in parse_query(query).words}


def _matches(word_stem: str, stems: set[str], fuzzy: Sequence[tuple[str, int]]) -> bool:
    if word_stem in stems:
        return True
    return any(
        abs(len(word_stem) - len(s)) <= d
        and Levenshtein.distance(word_stem, s, score_cutoff=d) <= d
        for s, d in fuzzy
    )


def word_ranges(text: str, query: str) -> list[tuple[int, int]]:
    """Character ranges of the words in `text` that the query's words match."""
    stems = query_stems(query)
    if not stems:
        return []
    fuzzy = [(s, fuzzy_distance(s)) for s in stems if fuzzy_distance(s)]
    decided: dict[str, bool] = {}
    ranges: list[tuple[int, int]] = []
    for match in WORD.finditer(text):
        word = match.group()
        hit = decided.get(word)
        if hit is None:
            word_stem = stem(word)
            # Words with digits are never fuzzy in the search either ("2019" vs "2018").
            hit = _matches(word_stem, stems, fuzzy if word_stem.isalpha() else ())
            decided[word] = hit
        if hit:
            ranges.append(match.span())
    return ranges


def highlight_text(text: str, ranges: Iterable[tuple[int, int]]) -> Markup:
    """`text` escaped, with `<mark>` around the given ranges (overlaps are merged)."""
    parts: list[str] = []
    position = 0
    count = 0
    for start, end in _merged(ranges):
        if end <= position:
            continue
        start = max(start, position)
        parts.append(html.escape(text[position:start]))
        count += 1
        anchor = ' id="traff-1"' if count == 1 else ""
        parts.append(f"<mark{anchor}>{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    return _paragraphs("".join(parts))


def _paragraphs(escaped: str) -> Markup:
    """Blank lines become paragraph breaks; single line breaks stay (the page keeps them)."""
    blocks = [b.strip("\n") for b in _BLANK_LINE.split(escaped)]
    return Markup("".join(f"<p>{block}</p>" for block in blocks if block.strip()))


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
