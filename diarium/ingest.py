"""Ingestion as plain functions: find source files, decide what changed, parse and extract
each document with its own status, and bring the search index in line with the records.

Dagster assets in `pipelines/` are thin wrappers over these functions; the CLI reaches them
only through the Dagster job, so every ingestion is a recorded run.
"""

from __future__ import annotations

import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from diarium.archive import Archive, document_id, utc_now
from extractors.base import ReaderError
from extractors.readers import read_document, sha256_file
from search.backend import IndexDocument, SearchBackend

#: Files that Diarium reads; anything else in a source folder is not a document.
DOCUMENT_SUFFIXES = frozenset({".pdf", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ""})
#: A folder's own documentation is not part of the archive.
FOLDER_DOC_PREFIXES = ("readme", "sources", "license", "licence", "changelog")

Change = Literal["new", "changed", "unchanged", "retry"]


@dataclass(frozen=True)
class SourceFile:
    id: str
    path: str  # absolute
    source: str  # the path as the user gave it (relative paths stay relative)
    uri: str
    sha256: str
    size: int
    change: Change


ProgressCallback = Callable[[int, int, str], None]


def _is_document(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.startswith(FOLDER_DOC_PREFIXES):
        return False
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def discover(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Every document file under `paths`, recursively, as (absolute path, path as given).

    A path that does not exist raises FileNotFoundError: a typo in a source is a
    configuration error, not a bad document.
    """
    found: dict[Path, str] = {}
    for given in paths:
        root = Path(given).expanduser()
        if not root.exists():
            raise FileNotFoundError(f"source path does not exist: {given}")
        if root.is_file():
            found.setdefault(root.resolve(), str(given))
            continue
        for path in sorted(root.rglob("*")):
            relative_parts = path.relative_to(root).parts
            if any(part.startswith(".") for part in relative_parts):
                continue
            if path.is_file() and _is_document(path):
                found.setdefault(path.resolve(), str(Path(given) / path.relative_to(root)))
    return sorted(found.items())


def plan(
    archive: Archive, paths: Sequence[str | Path], *, retry_failed: bool = False
) -> list[SourceFile]:
    """Hash every source file and compare with the archive: what is new, changed, unchanged.

    A document that failed before and has not changed is left alone unless `retry_failed`,
    so a broken file is not re-parsed every night.
    """
    known = archive.record_hashes()
    planned: list[SourceFile] = []
    for path, given in discover(paths):
        uri = path.as_uri()
        doc_id = document_id(uri)
        sha256 = sha256_file(path)
        previous = known.get(doc_id)
        change: Change
        if previous is None:
            change = "new"
        elif previous[0] != sha256:
            change = "changed"
        elif previous[1] != "ok" and retry_failed:
            change = "retry"
        else:
            change = "unchanged"
        planned.append(
            SourceFile(doc_id, str(path), given, uri, sha256, path.stat().st_size, change)
        )
    return planned


@dataclass
class ProcessSummary:
    processed: int = 0
    ok: int = 0
    failed: int = 0
    needs_ocr: int = 0
    pages: int = 0
    words: int = 0
    seconds: float = 0.0

    def as_metadata(self) -> dict[str, Any]:
        return asdict(self)


def process_one(archive: Archive, item: SourceFile, extractor: Any) -> dict[str, Any]:
    """Read and extract one document and write its record. Never raises for a bad document."""
    previous = archive.read_record(item.id) or {}
    now = utc_now()
    record: dict[str, Any] = {
        "id": item.id,
        "source": item.source,
        "path": item.path,
        "uri": item.uri,
        "sha256": item.sha256,
        "size": item.size,
        "first_seen": previous.get("first_seen", now),
        "updated_at": now,
        "attempts": (previous.get("attempts", 0) + 1)
        if previous.get("sha256") == item.sha256
        else 1,
        "status": "ok",
        "reason": None,
        "format": None,
        "pages": 0,
        "text": "",
        "extraction": None,
    }
    try:
        parsed = read_document(item.path, source=item.source)
        extraction = extractor.extract(parsed)
        record.update(
            format=parsed.format,
            pages=len(parsed.pages),
            text=parsed.text,
            extraction=extraction.to_dict(),
        )
    except ReaderError as error:
        record.update(status=error.status, reason=error.reason)
    except Exception as error:  # noqa: BLE001 - one broken document must not stop the batch
        last = traceback.extract_tb(error.__traceback__)[-1]
        record.update(
            status="failed",
            reason=f"internal error: {type(error).__name__}: {error} (at {last.filename}:{last.lineno})",
        )
    archive.write_record(record)
    return record


def process(
    archive: Archive,
    items: Iterable[SourceFile],
    extractor: Any,
    *,
    on_progress: ProgressCallback | None = None,
) -> ProcessSummary:
    """Parse and extract every new, changed or retried document."""
    todo = [item for item in items if item.change != "unchanged"]
    summary = ProcessSummary()
    started = time.perf_counter()
    for number, item in enumerate(todo, start=1):
        record = process_one(archive, item, extractor)
        summary.processed += 1
        statuses = Counter({record["status"]: 1})
        summary.ok += statuses["ok"]
        summary.failed += statuses["failed"]
        summary.needs_ocr += statuses["needs_ocr"]
        summary.pages += record["pages"]
        summary.words += len(record["text"].split())
        if on_progress:
            on_progress(number, len(todo), item.source)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def index_document(record: dict[str, Any]) -> IndexDocument:
    extraction = record["extraction"]
    return IndexDocument(
        id=record["id"],
        source=record["source"],
        title=extraction["title"] or Path(record["source"]).name,
        doc_type=extraction["doc_type"],
        date=extraction["date"],
        year=extraction["year"],
        committees=[c["name"] for c in extraction["committees"]],
        case_numbers=sorted({c["normalized"] for c in extraction["case_numbers"]}),
        text=record["text"],
    )


@dataclass
class IndexSyncSummary:
    upserted: int
    deleted: int
    indexed: int


def sync_index(
    archive: Archive, backend: SearchBackend, *, batch_size: int = 500
) -> IndexSyncSummary:
    """Make the index hold exactly the archive's ok documents, at their current content.

    Comparing hashes rather than trusting the last run is what makes a killed run safe to
    repeat: whatever the index missed or kept by mistake is put right by the next one.
    """
    indexed_state: dict[str, str] = archive.read_state("indexed", {}) or {}
    present = backend.ids()
    wanted: dict[str, str] = {}
    batch: list[IndexDocument] = []
    upserted = 0
    for record in archive.iter_records():
        if record["status"] != "ok":
            continue
        wanted[record["id"]] = record["sha256"]
        if record["id"] in present and indexed_state.get(record["id"]) == record["sha256"]:
            continue
        batch.append(index_document(record))
        if len(batch) >= batch_size:
            upserted += backend.upsert(batch)
            batch = []
    if batch:
        upserted += backend.upsert(batch)
    stale = present - set(wanted)
    deleted = backend.delete(stale) if stale else 0
    # Written only after the index committed: a crash before this line re-indexes, never skips.
    archive.write_state("indexed", wanted)
    return IndexSyncSummary(upserted=upserted, deleted=deleted, indexed=len(wanted))
