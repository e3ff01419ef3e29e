"""One entry point from a file on disk to a `ParsedDocument`, whatever its format.

`read_document` checks size, hashes the bytes, detects the format by content and hands the
bytes to the format's reader. Every refusal is a `ReaderError` with a status and a reason an
operator can act on; the ingestion layer records it and moves on to the next file.

Usage::

    doc = read_document("corpus/pdf/hogsby_ks_protokoll_2007-01-08.pdf")
    doc.format, len(doc.pages), doc.page_at(doc.text.index("Budget"))
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from extractors import html, markdown, text
from extractors.base import (
    DEFAULT_MAX_BYTES,
    DocumentTooLarge,
    EmptyDocument,
    ParsedDocument,
    ReaderError,
)
from extractors.detect import HEAD_BYTES, detect_format
from extractors.pdf_guard import PdfLimits

#: Every format reader has this signature: (path, data, sha256, source) -> ParsedDocument.
Reader = Callable[[Path, bytes, str, str], ParsedDocument]

_CHUNK = 1024 * 1024


def read_document(
    path: str | Path,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = PdfLimits.max_pages,
) -> ParsedDocument:
    """Read the file at `path`; `source` (default: the path) names it in the result.

    Raises a `ReaderError` subclass for every file that cannot become text.
    """
    path = Path(path)
    size = _file_size(path)
    if size == 0:
        raise EmptyDocument("empty file (0 bytes)")
    if size > max_bytes:
        raise DocumentTooLarge(
            f"file is {_human(size)} ({size} bytes), above the limit of {_human(max_bytes)}"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReaderError(f"cannot read {path}: {error.strerror or error}") from error
    if not data:  # emptied between stat and read
        raise EmptyDocument("empty file (0 bytes)")
    sha256 = hashlib.sha256(data).hexdigest()
    fmt = detect_format(path, data[:HEAD_BYTES])
    reader = _readers(max_pages)[fmt]
    try:
        return reader(path, data, sha256, source or str(path))
    except ReaderError:
        raise
    except Exception as error:
        # A reader bug or a library crash on one odd file must not stop a nightly batch;
        # the chained exception keeps the traceback for whoever fixes it.
        raise ReaderError(
            f"unexpected {type(error).__name__} while reading {fmt}: {error}"
        ) from error


def sha256_file(path: str | Path) -> str:
    """SHA-256 hex digest of a file, streamed in 1 MiB chunks (for change detection)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _readers(max_pages: int) -> dict[str, Reader]:
    # The PDF reader (pdfplumber, pdfium) is imported when a document is read, not with this
    # module: the run's own process imports it for `sha256_file` and reads in reader processes.
    from extractors import pdf

    return {
        "pdf": functools.partial(pdf.read, max_pages=max_pages),
        "html": html.read,
        "markdown": markdown.read,
        "text": text.read,
    }


def _file_size(path: Path) -> int:
    try:
        stat = path.stat()
    except FileNotFoundError as error:
        raise ReaderError(f"file not found: {path}") from error
    except OSError as error:
        raise ReaderError(f"cannot read {path}: {error.strerror or error}") from error
    if not path.is_file():
        raise ReaderError(f"not a regular file: {path}")
    return stat.st_size


def _human(size: int) -> str:
    """'1.5 MB' style sizes for messages."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"
