"""The reader contract: every input format turns a file into one `ParsedDocument`.

A reader either returns a document with text or raises a `ReaderError` subclass whose
`status` and message say why not. The ingestion layer records that status per document,
so one bad file never stops a batch (the model is alephdata/ingest-file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

#: Files larger than this are refused before anything is parsed.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Page:
    """One page of a document and where its text sits in `ParsedDocument.text`.

    `start` and `end` are character offsets into the full text, so that a span found
    by extraction can be traced back to its page.
    """

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Furniture:
    """A running header or footer line, removed from a page's body text but kept here."""

    page: int
    position: str  # "header" | "footer"
    text: str


#: A box on a PDF page in points, from the top-left corner: (x0, top, x1, bottom).
BBox = tuple[float, float, float, float]


@dataclass
class Table:
    """A table found on a PDF page, cell by cell, as pdfplumber reads it.

    `rows[r][c]` is the text of a cell (None where a merged neighbour covers it) and
    `cell_boxes[r][c]` its box; `index` counts tables from 0 within the document.
    """

    index: int
    page: int
    bbox: BBox
    rows: list[list[str | None]]
    cell_boxes: list[list[BBox | None]]
    kind: str = "ruled"  # "ruled" (drawn lines) | "aligned" (whitespace-aligned columns)


@dataclass
class ParsedDocument:
    """The text of one file, format-independent.

    For formats without pages (text, Markdown, HTML) there is a single page 1.
    PDF pages are joined with a blank line; `pages` keeps their boundaries.
    """

    source: str
    sha256: str
    format: str  # "text" | "markdown" | "html" | "pdf"
    text: str
    pages: list[Page]
    title_hint: str | None = None  # HTML <title> or PDF metadata title, when present
    metadata: dict[str, str] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)  # PDF tables, in page order
    furniture: list[Furniture] = field(default_factory=list)  # PDF running headers/footers

    def page_at(self, offset: int) -> int:
        """Return the page number that holds character `offset` (1 when unknown)."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return self.pages[-1].number if self.pages else 1


class ReaderError(Exception):
    """A file that cannot be turned into text. `status` goes into the ingest status table."""

    status: ClassVar[str] = "failed"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnsupportedFormat(ReaderError):
    """Content that is none of the formats Diarium reads (a binary, an image, an archive)."""


class EmptyDocument(ReaderError):
    """A file with no bytes, or with no text at all after reading."""


class CorruptDocument(ReaderError):
    """A file that claims a format but cannot be parsed (a truncated PDF, broken bytes)."""


class EncryptedDocument(ReaderError):
    """A password-protected file."""


class DocumentTooLarge(ReaderError):
    """A file above the configured size or page limit."""


class NeedsOCR(ReaderError):
    """A PDF whose pages have no text layer (a scan)."""

    status: ClassVar[str] = "needs_ocr"
