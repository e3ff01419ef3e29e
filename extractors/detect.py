"""Choose a reader by what a file contains, with the file name as a tie-breaker.

Municipal web sites serve HTML error pages named ".pdf" and Word files named ".txt"; the
extension alone would send them to the wrong reader. Content decides between PDF, HTML and
"some binary we do not read"; the extension only decides how to read text (Markdown, HTML
fragment or plain text).

>>> detect_format(Path("protokoll.pdf"), b"%PDF-1.6\\n...")
'pdf'
>>> detect_format(Path("beslut.txt"), b"<!DOCTYPE html><html lang='sv'>")
'html'
>>> detect_format(Path("handlingar.md"), "<!-- sida 1 -->\\nKUNGSBACKA".encode())
'markdown'
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import filetype

from extractors.base import CorruptDocument, UnsupportedFormat

#: How many leading bytes callers should pass as `head`.
HEAD_BYTES = 8192

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".htm", ".html", ".xhtml"})

#: Control bytes that plain text does not contain (tab, LF, FF, CR and ESC are allowed).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
#: Above these shares of NUL / control bytes in the head, a file is binary.
MAX_NUL_RATIO = 0.01
MAX_CONTROL_RATIO = 0.05

#: What to call the binaries `filetype` recognises, by MIME type prefix.
_KIND_WORDS = {"image/": "image", "video/": "video", "audio/": "audio"}

_LEADING_MARKUP = re.compile(rb"\s*(?:<\?xml[^>]*>|<!--.*?-->)\s*", re.DOTALL)
_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


def detect_format(path: Path, head: bytes) -> str:
    """Return "pdf", "html", "markdown" or "text" for a file starting with `head`.

    Raises `UnsupportedFormat` for binaries (images, archives, Office files, executables,
    anything with NUL bytes) and `CorruptDocument` for a file named .pdf that is neither
    PDF nor HTML.
    """
    suffix = path.suffix.lower()
    if _is_pdf(head, suffix):
        return "pdf"
    _reject_binary(head, path)
    if _looks_like_html(head):
        return "html"
    if suffix == ".pdf":
        raise CorruptDocument(f"not a PDF: {path.name} does not start with a %PDF- header")
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def _is_pdf(head: bytes, suffix: str) -> bool:
    if head.lstrip().startswith(b"%PDF-"):
        return True
    # Readers accept junk before the header (the spec allows 1024 bytes); only trust that
    # when the name says PDF too, so a text *about* "%PDF-" stays text.
    return suffix == ".pdf" and b"%PDF-" in head[:1024]


def _reject_binary(head: bytes, path: Path) -> None:
    named = f"in a file named {path.name}"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 text is full of NULs but is text
    kind = filetype.guess(head)
    if kind is not None:
        raise UnsupportedFormat(f"binary content ({_describe(kind.extension, kind.mime)}) {named}")
    if not head:
        return
    # A stray NUL in an exported text file is dropped by the text reader; more than a few
    # mean a binary (random bytes have one in 256, so they fail on control bytes instead).
    if head.count(b"\x00") / len(head) > MAX_NUL_RATIO:
        raise UnsupportedFormat(f"binary content (NUL bytes, not text) {named}")
    controls = sum(head.count(b) for b in _BINARY_BYTES)
    if controls / len(head) > MAX_CONTROL_RATIO:
        raise UnsupportedFormat(
            f"binary content ({controls} control bytes in the first {len(head)}) {named}"
        )


def _describe(extension: str, mime: str) -> str:
    """'PNG image', 'ZIP archive', 'DOCX document': words an operator recognises."""
    for prefix, word in _KIND_WORDS.items():
        if mime.startswith(prefix):
            return f"{extension.upper()} {word}"
    if extension in {"doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "rtf"}:
        return f"{extension.upper()} office document"
    if extension in {"exe", "elf", "wasm"}:
        return f"{extension.upper()} executable"
    if extension in {"zip", "tar", "rar", "gz", "bz2", "7z", "xz", "zst", "lz4", "br"}:
        return f"{extension.upper()} archive"
    return f"{extension.upper()} file, {mime}"


def _looks_like_html(head: bytes) -> bool:
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head.startswith(b"<\x00") or head.startswith(b"\x00<"):
        head = head.replace(b"\x00", b"")  # UTF-16: compare the ASCII markup only
    position = 0
    while match := _LEADING_MARKUP.match(head, position):
        if match.end() == position:
            break
        position = match.end()
    return _HTML_START.match(head, position) is not None
