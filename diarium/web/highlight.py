"""Highlighted HTML, built so that no text from a document or a query is ever markup.

Two sources of highlighted HTML reach the pages:

* search snippets, rendered by the engine (escaped text with `<mark>`); `trusted_snippet`
  checks that shape before a template may insert one unescaped;
* the full text of a document, escaped here piece by piece, with `<mark>` around the words
  the engine's own matcher matches (`search.matching.text_highlights`: stems, lemmas,
  compound parts, typos as the search forgives them) and around the written forms of a case
  number the query names.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from markupsafe import Markup

_MARK_TAG = re.compile(r"</?mark>")
# Runs of letters and digits: the words the search engine's tokenizer sees.
WORD = re.compile(r"[^\W_]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def trusted_snippet(snippet: str) -> Markup:
    """A snippet as markup, if it has the shape the engine renders; escaped text otherwise.

    The engine escapes the document text and adds only `<mark>` and `</mark>`, so once those
    tags are removed no `<` or `>` may remain. Anything else is treated as plain text.
    """
    if "<" in _MARK_TAG.sub("", snippet) or ">" in _MARK_TAG.sub("", snippet):
        return Markup(html.escape(snippet))
    return Markup(snippet)


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
