"""Plain text files (.txt and anything text-like without a better reader)."""

from __future__ import annotations

from pathlib import Path

from extractors.base import EmptyDocument, ParsedDocument
from extractors.markdown import looks_like_markdown, markdown_to_text
from extractors.textnorm import decode_bytes, join_pages, normalize_text


def read(path: Path, data: bytes, sha256: str, source: str) -> ParsedDocument:
    """Decode, normalize and return the file as one page; a text written in Markdown is
    rendered to its text first (headings without "#", emphasis without "**", table rows as
    "cell | cell", lines kept).

    Raises `EmptyDocument` when nothing but whitespace is left.
    """
    raw, encoding = decode_bytes(data)
    metadata = {"encoding": encoding}
    if looks_like_markdown(raw):
        raw = markdown_to_text(raw)
        metadata["markup"] = "markdown"
    text = normalize_text(raw)
    if not text:
        raise EmptyDocument(f"no text: {path.name} holds only whitespace ({len(data)} bytes)")
    body, pages = join_pages([(1, text)])
    return ParsedDocument(
        source=source,
        sha256=sha256,
        format="text",
        text=body,
        pages=pages,
        metadata=metadata,
    )
