"""Markdown files, including PDF conversions that mark page starts with `<!-- sida N -->`.

The Kungsbacka corpus (converted by moggleif/kommunhandlingar) keeps the PDF's pages as
HTML comments; they become real `Page` boundaries so that a span found in the text can be
cited with its page. Markup is stripped to readable text: heading lines keep their words,
emphasis markers go, table rows become "cell | cell".

>>> markdown_to_text("## Beslut\\n**Kommunstyrelsen** godkänner *årsredovisningen*.")
'Beslut\\nKommunstyrelsen godkänner årsredovisningen.'
>>> markdown_to_text("| 1. | Val av<br>justerare |  |\\n|---|---|---|")
'1. | Val av justerare'
"""

from __future__ import annotations

import re
from pathlib import Path

from extractors.base import EmptyDocument, ParsedDocument
from extractors.textnorm import (
    decode_bytes,
    join_pages,
    normalize_newlines,
    normalize_text,
    rejoin_hyphenated,
)

PAGE_MARKER = re.compile(r"^[ \t]*<!--\s*(?:sida|page)\s+(\d+)\s*-->[ \t]*$", re.MULTILINE)

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_TABLE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_FENCE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# Emphasis needs a non-word character outside and non-space inside, so the footnote star
# in "aktivitet* för" and the underscores in "Bokaler_Rosengård" are left alone.
# A strong span may wrap onto the next line (never across a blank one).
_STRONG = re.compile(r"(?<![\w\\])(\*\*|__)(?=\S)((?:(?!\n[ \t]*\n).)+?)(?<=\S)\1(?!\w)", re.DOTALL)
# PDF-to-Markdown conversions glue the next heading to a bold one ("TN-2019-3825**Sammanfattning"):
# the closing marks stand for a line break there, also before a glued bold heading.
_STRONG_GLUED = re.compile(
    r"(?<![\w\\])\*\*(?=\S)((?:(?!\n[ \t]*\n|\*\*).)+?)(?<=\S)\*\*(?=(?:\*\*)?[A-ZÅÄÖ][a-zåäö])",
    re.DOTALL,
)
_EMPHASIS = re.compile(r"(?<![\w\\*])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


def read(path: Path, data: bytes, sha256: str, source: str) -> ParsedDocument:
    """Read a Markdown file; one `Page` per `<!-- sida N -->` marker, else a single page 1."""
    raw, encoding = decode_bytes(data)
    raw = normalize_newlines(raw)
    title = first_heading(raw)
    pages = [
        (number, normalize_text(markdown_to_text(chunk))) for number, chunk in split_pages(raw)
    ]
    text, spans = join_pages(pages)
    if not text:
        raise EmptyDocument(f"no text: {path.name} holds only markup or whitespace")
    return ParsedDocument(
        source=source,
        sha256=sha256,
        format="markdown",
        text=text,
        pages=spans,
        title_hint=title,
        metadata={"encoding": encoding, "page_markers": str(len(PAGE_MARKER.findall(raw)))},
    )


def split_pages(raw: str) -> list[tuple[int, str]]:
    """Cut Markdown at its page markers; text before the first marker joins that page.

    >>> split_pages("<!-- sida 1 -->\\nDatum\\n<!-- sida 2 -->\\n§ 1")
    [(1, '\\nDatum\\n'), (2, '\\n§ 1')]
    """
    markers = list(PAGE_MARKER.finditer(raw))
    if not markers:
        return [(1, raw)]
    chunks: list[tuple[int, str]] = []
    for index, marker in enumerate(markers):
        start = 0 if index == 0 else marker.end()
        end = markers[index + 1].start() if index + 1 < len(markers) else len(raw)
        body = raw[start:end]
        if index == 0:
            body = body[: marker.start()] + body[marker.end() :]
        chunks.append((int(marker.group(1)), body))
    return chunks


def first_heading(raw: str) -> str | None:
    """The text of the first ATX heading ("# Tjänsteskrivelse"), if any."""
    match = _HEADING.search(_COMMENT.sub("", raw))
    if match is None:
        return None
    title = _inline(match.group(1)).strip()
    return title or None


_MARKUP_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.MULTILINE)


def looks_like_markdown(text: str) -> bool:
    """Whether a plain-text file is written in Markdown (as web exports and PDF conversions
    often are): an ATX heading line, or at least two strong spans. Such files are read
    through `markdown_to_text`, so that "##" and "**att**" never reach a snippet.

    >>> looks_like_markdown("## Tjänsteskrivelse\\nText"), looks_like_markdown("§ 3 # 5")
    (True, False)
    >>> looks_like_markdown("**att** godkänna\\n**att** uppdra")
    True
    """
    return bool(_MARKUP_HEADING.search(text)) or len(_STRONG.findall(text, 0, 200_000)) >= 2


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown markup, keeping every word and the line structure."""
    markdown = _COMMENT.sub("", markdown)
    markdown = _FENCE.sub("", markdown)
    lines: list[str] = []
    for line in markdown.split("\n"):
        if _TABLE_RULE.match(line):
            continue  # a table's header rule (or a "---" break) carries no words
        row = _TABLE_ROW.match(line)
        if row:
            lines.append(_table_row(row.group(1)))
            continue
        lines.append(_HEADING.sub(r"\1", line))
    return _inline("\n".join(lines))


def _table_row(inner: str) -> str:
    cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", inner)]
    readable = []
    for cell in cells:
        if not cell:
            continue
        # Cells wrap long words as "förtroende-<br>valda": join those, the rest are spaces.
        cell = rejoin_hyphenated(_BR.sub("\n", cell))
        readable.append(" ".join(cell.split()))
    return " | ".join(readable)


def _inline(text: str) -> str:
    text = _BR.sub("\n", text)
    text = _TAG.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG_GLUED.sub("\\1\n", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)
