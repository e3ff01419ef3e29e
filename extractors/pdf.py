"""PDF files: pdfium for text and layout, pdfplumber for tables, tesseract for scans.

The path a PDF takes:

1. `pdf_guard` checks the raw bytes: a file cut off in transfer, or a stream that would
   inflate to gigabytes, is refused before any engine parses it.
2. pdfium (`pypdfium2`, which pdfplumber itself depends on) opens the file; each page is
   read into a `PageLayout` (text chunks with boxes, drawn lines, image count) and closed
   at once, so memory does not grow with the page count. pdfium extracts text some sixty
   times faster than pdfplumber and scores higher on text fidelity.
3. Running headers and footers are found across pages and taken out of the body text
   (kept in `ParsedDocument.furniture` and the metadata) - except the first page's header,
   which is the document's letterhead; two-column pages are read column by column; lines
   are normalized (hyphenated words re-joined, ligatures unfolded).
4. Pages where the layout shows a table go to pdfplumber (`pdf_tables`), and only those.
5. Pages with an image and no text layer are OCR'd with tesseract (`ocr`) when it is
   installed; otherwise the document reports `needs_ocr` (or, when other pages have text,
   says in its metadata which pages still need OCR).

When pdfium cannot open a file, pdfplumber (pdfminer) gets a second try: it either reads
it or raises the `ReaderError` that names the problem (encrypted, corrupt, no pages).
"""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from extractors import ocr
from extractors.base import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    Furniture,
    NeedsOCR,
    ParsedDocument,
    Table,
)
from extractors.pdf_guard import PdfLimits, check_pdf_bytes
from extractors.pdf_layout import (
    PageLayout,
    TableRegion,
    find_furniture,
    furniture_key,
    read_page,
    reading_order,
    table_regions,
)
from extractors.pdf_tables import extract_tables
from extractors.textnorm import join_pages, normalize_text

DEFAULT_MAX_PAGES = PdfLimits.max_pages


def read(
    path: Path,
    data: bytes,
    sha256: str,
    source: str,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    limits: PdfLimits | None = None,
    tables: bool = True,
    ocr_scans: bool = True,
) -> ParsedDocument:
    """Read a PDF: body text per page, running headers and footers, tables, OCR of scans.

    Raises `EncryptedDocument` (needs a password), `CorruptDocument` (truncated or cannot
    be parsed), `EmptyDocument` (no pages), `DocumentTooLarge` (more pages than allowed, a
    decompression bomb, a scan too large to render, or the time budget spent) and
    `NeedsOCR` (no page has text and OCR is unavailable or found none).
    """
    limits = limits or PdfLimits(max_pages=max_pages)
    started = time.monotonic()
    check_pdf_bytes(data, limits)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        return _read_with_pdfplumber(data, sha256, source, limits, error)
    try:
        return _PdfReading(document, data, limits, started).parse(
            sha256, source, tables=tables, ocr_scans=ocr_scans
        )
    finally:
        document.close()


class _PdfReading:
    """One document being read; holds what the steps share."""

    def __init__(
        self, document: pdfium.PdfDocument, data: bytes, limits: PdfLimits, started: float
    ) -> None:
        self.document = document
        self.data = data
        self.limits = limits
        self.started = started
        self.metadata: dict[str, str] = {}

    def parse(self, sha256: str, source: str, *, tables: bool, ocr_scans: bool) -> ParsedDocument:
        count = len(self.document)
        if count == 0:
            raise EmptyDocument("PDF has no pages")
        if count > self.limits.max_pages:
            raise _too_many(count, self.limits.max_pages)
        layouts, unreadable = self._layouts(count)
        if len(unreadable) == count:
            raise CorruptDocument(f"corrupt PDF: none of the {count} pages can be read")
        furniture = find_furniture(layouts)
        pages: dict[int, str] = {}
        regions: list[TableRegion] = []
        two_column = 0
        removed: list[Furniture] = []
        first = next((layout.number for layout in layouts if layout.has_text), 0)
        for layout in layouts:
            rows = furniture.get(layout.number, [])
            if layout.number == first:
                # The first page's letterhead is the document's head: the issuing body, the
                # meeting date, the case number. Extraction reads them there, so only its
                # repetitions on later pages (and every footer) leave the body text.
                rows = [(position, row) for position, row in rows if position == "footer"]
            removed += [Furniture(layout.number, position, row.text) for position, row in rows]
            skip = {id(row) for _, row in rows}
            body = [row for row in layout.rows if id(row) not in skip]
            lines, columns = reading_order(body)
            two_column += columns == 2
            pages[layout.number] = normalize_text("\n".join(lines))
            if tables and layout.rotation == 0:
                regions += table_regions(layout, body)
        scanned = [
            layout.number
            for layout in layouts
            if not layout.has_text and layout.images and layout.number not in unreadable
        ]
        if scanned:
            text_layer = any(layout.has_text for layout in layouts)
            pages.update(self._ocr(scanned, enabled=ocr_scans, all_pages=not text_layer))
        found_tables = self._tables(layouts, regions) if tables else []
        return self._document(sha256, source, pages, unreadable, removed, found_tables, two_column)

    def _layouts(self, count: int) -> tuple[list[PageLayout], list[int]]:
        layouts: list[PageLayout] = []
        unreadable: list[int] = []
        for index in range(count):
            self._check_time(index, count)
            number = index + 1
            try:
                page = self.document[index]
            except pdfium.PdfiumError:
                unreadable.append(number)
                layouts.append(PageLayout(number, 0.0, 0.0, rows=[]))
                continue
            try:
                layouts.append(read_page(page, number))
            except pdfium.PdfiumError:
                # One broken page must not cost the other pages their text.
                unreadable.append(number)
                layouts.append(PageLayout(number, 0.0, 0.0, rows=[]))
            finally:
                page.close()
        return layouts, unreadable

    def _check_time(self, index: int, count: int, step: str = "reading") -> None:
        elapsed = time.monotonic() - self.started
        if elapsed > self.limits.max_seconds:
            raise DocumentTooLarge(
                f"{step} stopped at page {index + 1} of {count}: the time budget of "
                f"{self.limits.max_seconds:.0f} s per document is spent"
            )

    def _not_ocrd(self, pages: str, reason: str, all_pages: bool) -> dict[int, str]:
        """Scanned `pages` left without text: the document needs OCR when it has no other
        text (raises), else it says which pages wait for OCR and why."""
        if all_pages:
            raise NeedsOCR(
                f"no text layer on any of {len(self.document)} pages (scanned?); {reason}"
            )
        self.metadata.update(needs_ocr_pages=pages, ocr_unavailable=reason)
        return {}

    def _ocr(self, scanned: list[int], *, enabled: bool, all_pages: bool) -> dict[int, str]:
        """OCR text of scanned pages; records (or, when no page has a text layer, raises)
        why not. `all_pages`: the document has no text layer at all."""
        listed = ",".join(map(str, scanned))
        reason = ocr.unavailable_reason() if enabled else "OCR is turned off for this reader"
        if reason is None and len(scanned) > self.limits.max_ocr_pages:
            reason = (
                f"{len(scanned)} scanned pages, above the OCR limit of "
                f"{self.limits.max_ocr_pages} pages per document"
            )
        if reason is not None:
            return self._not_ocrd(listed, reason, all_pages)
        texts: dict[int, str] = {}
        refused: list[str] = []
        for k, number in enumerate(scanned):
            self._check_time(number - 1, len(self.document), step="OCR")
            page = self.document[number - 1]
            try:
                too_big = _oversized_image(page, self.limits.max_image_pixels)
                if too_big:
                    refused.append(f"page {number}: {too_big}")
                    continue
                texts[number] = normalize_text(ocr.ocr_page(page))
            except ocr.OCRUnavailable as error:
                # tesseract went away since it was checked: the pages still to read wait
                # for OCR like those of a machine without it, and the text pages are kept.
                if all_pages and not any(texts.values()):
                    self._not_ocrd(listed, error.args[0], all_pages)
                self.metadata["ocr_pages"] = ",".join(str(n) for n, text in texts.items() if text)
                self._not_ocrd(",".join(map(str, scanned[k:])), error.args[0], all_pages=False)
                return texts
            finally:
                page.close()
        if refused:
            self.metadata["ocr_refused"] = "; ".join(refused)
        if all_pages and refused and not any(texts.values()):
            raise DocumentTooLarge(f"scanned PDF not OCR'd: {'; '.join(refused)}")
        if all_pages and not any(texts.values()):
            raise NeedsOCR(
                f"no text layer on any of {len(self.document)} pages (scanned?), and OCR "
                f"(tesseract, {ocr.LANGUAGE}) found no text on them"
            )
        self.metadata["ocr_pages"] = ",".join(str(n) for n, text in texts.items() if text)
        return texts

    def _tables(self, layouts: list[PageLayout], regions: Sequence[TableRegion]) -> list[Table]:
        try:
            return extract_tables({layout.number: layout for layout in layouts}, regions, self.data)
        except Exception as error:  # noqa: BLE001 - tables are extra; the text stands without them
            self.metadata["table_error"] = f"{type(error).__name__}: {error}"
            return []

    def _document(
        self,
        sha256: str,
        source: str,
        pages: dict[int, str],
        unreadable: list[int],
        furniture: list[Furniture],
        tables: list[Table],
        two_column: int,
    ) -> ParsedDocument:
        count = len(self.document)
        ordered = [(number, pages.get(number, "")) for number in range(1, count + 1)]
        empty = [number for number, text in ordered if not text]
        if len(empty) == count:
            raise NeedsOCR(f"no text layer on any of {count} pages (scanned?)")
        text, spans = join_pages(ordered)
        info = self.document.get_metadata_dict(skip_empty=True)
        metadata = {
            "pages": str(count),
            "engine": "pdfium",
            **{
                key.lower(): value
                for key in ("Producer", "Creator", "Author")
                if (value := _clean(info.get(key)))
            },
            **self.metadata,
        }
        if unreadable:
            metadata["unreadable_pages"] = ",".join(map(str, unreadable))
        if empty:
            metadata["pages_without_text"] = ",".join(map(str, empty))
        if two_column:
            metadata["two_column_pages"] = str(two_column)
        for position in ("header", "footer"):
            distinct: dict[str, str] = {}
            for item in furniture:
                if item.position == position:
                    distinct.setdefault(furniture_key(item.text), item.text)
            lines = list(distinct.values())
            if lines:
                metadata[f"running_{position}s"] = "\n".join(lines)
        if tables:
            metadata["tables"] = str(len(tables))
        return ParsedDocument(
            source=source,
            sha256=sha256,
            format="pdf",
            text=text,
            pages=spans,
            title_hint=_clean(info.get("Title")),
            metadata=metadata,
            tables=tables,
            furniture=furniture,
        )


def _oversized_image(page: Any, max_pixels: int) -> str | None:
    """A reason when the page holds an image too large to decode, else None."""
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        width, height = image.get_px_size()
        if width * height > max_pixels:
            return (
                f"embedded image of {width:,} × {height:,} pixels, above the limit of "
                f"{max_pixels // 1_000_000} megapixels"
            )
    return None


# --- the pdfminer path: files pdfium will not open -----------------------------------------


def _read_with_pdfplumber(
    data: bytes, sha256: str, source: str, limits: PdfLimits, pdfium_error: Exception
) -> ParsedDocument:
    """pdfplumber's reading of a file pdfium refused, or the error that explains why.

    pdfium's messages are terse ("Incorrect password error" also for a PDF without pages),
    so pdfminer, which says more, classifies the failure.
    """
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises anything from PSEOF to KeyError
        raise _open_error(error, pdfium_error) from error
    with pdf:
        declared = _declared_page_count(pdf)
        if declared is not None and declared > limits.max_pages:
            raise _too_many(declared, limits.max_pages)
        try:
            pdf_pages = pdf.pages
        except Exception as error:
            raise CorruptDocument(f"corrupt PDF: page tree cannot be read: {error}") from error
        if not pdf_pages:
            raise EmptyDocument("PDF has no pages")
        if len(pdf_pages) > limits.max_pages:
            raise _too_many(len(pdf_pages), limits.max_pages)
        pages: list[tuple[int, str]] = []
        for page in pdf_pages:
            try:
                raw = page.extract_text() or ""
            except Exception:  # noqa: BLE001 - a broken stream costs only its own page
                raw = ""
            finally:
                page.close()
            pages.append((page.page_number, normalize_text(raw)))
        title = _clean(pdf.metadata.get("Title"))
    if not any(text for _, text in pages):
        raise NeedsOCR(f"no text layer on any of {len(pages)} pages (scanned?)")
    text, spans = join_pages(pages)
    return ParsedDocument(
        source=source,
        sha256=sha256,
        format="pdf",
        text=text,
        pages=spans,
        title_hint=title,
        metadata={
            "pages": str(len(pages)),
            "engine": "pdfminer",
            "pdfium_error": str(pdfium_error),
        },
    )


def _open_error(error: Exception, pdfium_error: Exception) -> Exception:
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, PDFPasswordIncorrect):
        return EncryptedDocument("password-protected PDF: it cannot be opened without a password")
    if isinstance(cause, PDFEncryptionError):
        return EncryptedDocument(f"encrypted PDF with an unsupported encryption scheme: {cause}")
    detail = str(cause) or type(cause).__name__
    return CorruptDocument(f"truncated or corrupt PDF: {detail} ({pdfium_error})")


def _declared_page_count(pdf: pdfplumber.PDF) -> int | None:
    """/Count of the page tree, read before pdfplumber builds an object per page."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception:  # noqa: BLE001 - any malformed page tree means "unknown count"
        return None
    return count if isinstance(count, int) else None


def _too_many(count: int, limit: int) -> DocumentTooLarge:
    return DocumentTooLarge(f"PDF has {count} pages, above the limit of {limit}")


def _clean(value: object) -> str | None:
    # Word fills in placeholders such as Author "." - only values with a letter or digit count.
    if isinstance(value, str) and any(char.isalnum() for char in value):
        return " ".join(value.split())
    return None
