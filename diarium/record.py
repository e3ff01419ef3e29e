"""The archive's record of one document (`records/<id>.json`): the contract every reader of
the archive holds to (tables, index, web page, CLI, quality, Dagster checks).

Written by `diarium.ingest` (`new_record`, then `analyse` for what the document's content
gives); the tables and the index are rebuilt from records alone. Keys marked `NotRequired`
are missing from records written before they existed, or in records they do not apply to.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

#: `ok`: read and extracted; `failed`: unreadable (`reason` says why); `needs_ocr`: images
#: of pages without text.
Status = Literal["ok", "failed", "needs_ocr"]


class Record(TypedDict):
    id: str  # from the source location (`archive.document_id`), stable across edits
    origin: str  # the source: `settings.SOURCE_NAMES`
    source: str  # where the document is, as shown (a masked path or a canonical URL)
    path: str | None  # the real location: read and served, never published
    root: NotRequired[str | None]  # the drop folder it was found under
    uri: str  # `file://` URI or URL, personal data masked
    fetch_url: NotRequired[str]  # a remote document's URL, when the masked `uri` differs
    sha256: str | None  # None when a download failed before any content
    size: int | None
    mtime_ns: int | None
    source_metadata: dict[str, Any] | None  # e.g. the portal's committee, meeting and item
    first_seen: str  # ISO timestamps, UTC
    updated_at: str
    attempts: int  # reads of this content (1 after a change)
    status: str  # a `Status`; str, as older records may hold others
    reason: str | None
    format: str | None  # the reader's format: pdf, txt, md, html
    pages: int
    text: str  # masked; secret sections withheld
    words: NotRequired[int]
    extraction: dict[str, Any] | None  # `extractors.model.Extraction.to_dict()`
    pdf_tables: list[dict[str, Any]]  # one dict per cell
    reader_metadata: dict[str, Any]
    masking: dict[str, int]  # masked findings per kind
    secrecy: NotRequired[dict[str, Any] | None]  # OSL secrecy markers


def extraction_of(record: Record) -> dict[str, Any]:
    """The record's extraction, or an empty one (a failed document has none)."""
    return record.get("extraction") or {}
