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
