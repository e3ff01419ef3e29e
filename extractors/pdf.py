"""PDF files through pdfplumber: the text layer page by page, with page boundaries.

Faithful and bounded rather than clever: `page.extract_text()` per page, each page released
right after (without `page.close()` pdfplumber keeps every page's parsed objects and memory
grows with page count), and every pdfminer failure turned into a `ReaderError` that says
what is wrong. A pypdfium2 fast path, tables and OCR come later.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from extractors.base import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    NeedsOCR,
    ParsedDocument,
)
from extractors.textnorm import join_pages, normalize_text

DEFAULT_MAX_PAGES = 2000


def read(
    path: Path, data: bytes, sha256: str, source: str, *, max_pages: int = DEFAULT_MAX_PAGES
) -> ParsedDocument:
    """Read a PDF's text layer; one `Page` per PDF page, pages joined with a blank line.

    Raises `EncryptedDocument` (needs a password), `CorruptDocument` (cannot be parsed),
    `EmptyDocument` (no pages), `DocumentTooLarge` (more than `max_pages` pages) and
    `NeedsOCR` (no page has a text layer).
    """
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises anything from PSEOF to KeyError
        raise _open_error(error) from error
    with pdf:
        declared = _declared_page_count(pdf)
        if declared is not None and declared > max_pages:
            raise _too_many(declared, max_pages)
        try:
            pdf_pages = pdf.pages
        except Exception as error:
            raise CorruptDocument(f"corrupt PDF: page tree cannot be read: {error}") from error
        if not pdf_pages:
            raise EmptyDocument("PDF has no pages")
        if len(pdf_pages) > max_pages:
            raise _too_many(len(pdf_pages), max_pages)
        pages: list[tuple[int, str]] = []
        unreadable: list[int] = []
        for page in pdf_pages:
            try:
                raw = page.extract_text() or ""
            except Exception:  # noqa: BLE001 - pdfminer raises anything on a broken stream
                # One broken content stream should not cost the other pages their text.
                unreadable.append(page.page_number)
                raw = ""
            finally:
                page.close()
            pages.append((page.page_number, normalize_text(raw)))
        title = _metadata_str(pdf.metadata, "Title")
        info = {
            key.lower(): value
            for key in ("Producer", "Creator", "Author")
            if (value := _metadata_str(pdf.metadata, key))
        }
    count = len(pages)
    if len(unreadable) == count:
        raise CorruptDocument(f"corrupt PDF: none of the {count} pages can be read")
    empty = [number for number, text in pages if not text]
    if len(empty) == count:
        raise NeedsOCR(f"no text layer on any of {count} pages (scanned?)")
    text, spans = join_pages(pages)
    metadata = {"pages": str(count), **info}
    if unreadable:
        metadata["unreadable_pages"] = ",".join(map(str, unreadable))
    if empty:
        metadata["pages_without_text"] = ",".join(map(str, empty))
    return ParsedDocument(
        source=source,
        sha256=sha256,
        format="pdf",
        text=text,
        pages=spans,
        title_hint=title,
        metadata=metadata,
    )


def _open_error(error: Exception) -> Exception:
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, PDFPasswordIncorrect):
        return EncryptedDocument("password-protected PDF: it cannot be opened without a password")
    if isinstance(cause, PDFEncryptionError):
        return EncryptedDocument(f"encrypted PDF with an unsupported encryption scheme: {cause}")
    detail = str(cause) or type(cause).__name__
    return CorruptDocument(f"truncated or corrupt PDF: {detail}")


def _declared_page_count(pdf: pdfplumber.PDF) -> int | None:
    """/Count of the page tree, read before pdfplumber builds an object per page."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception:  # noqa: BLE001 - any malformed page tree means "unknown count"
        return None  # a broken tree is found (and reported) when the pages are read
    return count if isinstance(count, int) else None


def _too_many(count: int, limit: int) -> DocumentTooLarge:
    return DocumentTooLarge(f"PDF has {count} pages, above the limit of {limit}")


def _metadata_str(metadata: dict[str, object], key: str) -> str | None:
    value = metadata.get(key)
    # Word fills in placeholders such as Author "." - only values with a letter or digit count.
    if isinstance(value, str) and any(char.isalnum() for char in value):
        return " ".join(value.split())
    return None
