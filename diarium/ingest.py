"""Ingestion as plain functions: find source files, decide what changed, parse and extract
each document with its own status, and bring the search index in line with the records.

Planning is cheap on purpose, because the nightly run mostly finds nothing new: the
catalog (`diarium.catalog`) answers "what do we have" without opening the records, a file
whose size and mtime match its record is not hashed again, and a remote document whose
server answers 304 is not downloaded again.

Dagster assets in `pipelines/` are thin wrappers over these functions; the CLI reaches them
through the Dagster job, so every ingestion is a recorded run (one that finds nothing new in
its files is recorded in the archive's run log without starting Dagster: `pipelines.launch`).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from diarium import catalog as catalog_mod
from diarium import quality, settings
from diarium.archive import Archive, document_id, utc_now
from diarium.catalog import Entry
from diarium.index_sync import IndexSyncSummary, index_document, sync_index
from diarium.record import Record
from diarium.sources.dropfolder import (
    DOCUMENT_SUFFIXES,
    FOLDER_DOC_PREFIXES,
    discover,
    list_sources,
)
from extractors.base import ParsedDocument
from extractors.personal_data import MaskingPolicy, mask_path, protect
from extractors.pool import ReaderPool, ReadResult, default_workers, read_one
from extractors.readers import sha256_file

if TYPE_CHECKING:  # importing the extraction pipeline loads spaCy: not for planning alone
    from extractors.extraction import Extractor

__all__ = [
    "DOCUMENT_SUFFIXES",
    "FOLDER_DOC_PREFIXES",
    "IndexSyncSummary",
    "discover",
    "index_document",
    "sync_index",
]

Change = Literal["new", "changed", "unchanged", "retry"]


def not_configured(origin: str) -> str:
    """The error of a run over a source without configuration, naming its variable."""
    return (
        f"källan {origin!r} är inte konfigurerad: sätt {settings.SOURCES.get(origin, '')} "
        "(eller källans resurs i Dagsters launchpad)"
    )


@dataclass(frozen=True)
class SourceFile:
    id: str
    path: str  # absolute; for a remote document, its downloaded copy in the archive
    source: str  # the path as the user gave it (relative paths stay relative), or the URL
    uri: str
    sha256: str | None  # None only when a download failed before anything arrived
    size: int | None
    change: Change
    origin: str = "files"
    mtime_ns: int | None = None
    #: What the source says about the document (committee, meeting date, item …).
    metadata: dict[str, Any] | None = None
    #: Set when the document could not be fetched: its record says so, nothing is read.
    error: str | None = None
    #: The resolved source folder a file was found in: the download route serves a file
    #: only from inside it (or from the archive's own downloads).
    root: str | None = None

    def __post_init__(self) -> None:
        # `source` is what every table, the API, the CLI and the run log show: a
        # personnummer in a file name ("ansokan_750713-2046.txt") is masked there. The real
        # location stays in `path` (and `uri`), which only reading and download use.
        object.__setattr__(self, "source", mask_path(self.source))


@dataclass
class SourcePlan:
    """What one source holds tonight, compared with the archive."""

    origin: str
    items: list[SourceFile] = field(default_factory=list)
    #: Listing pages, requests: how much the source was asked.
    pages: int = 0
    requests: int = 0
    listing_errors: list[str] = field(default_factory=list)
    #: Documents whose download failed while an archived copy exists (the copy is kept).
    fetch_errors: list[dict[str, Any]] = field(default_factory=list)
    disallowed: list[str] = field(default_factory=list)
    #: Failed documents that could not be retried (file gone), with the reason.
    not_retried: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        changes = Counter(item.change for item in self.items)
        return {
            "seen": len(self.items) + len(self.fetch_errors),
            "new": changes["new"],
            "changed": changes["changed"],
            "unchanged": changes["unchanged"],
            "retried": changes["retry"],
            "fetch_failed": len(self.fetch_errors) + sum(1 for i in self.items if i.error),
            "listing_errors": len(self.listing_errors),
            "disallowed_by_robots": len(self.disallowed),
            "pages_listed": self.pages,
            "http_requests": self.requests,
        }


ProgressCallback = Callable[[int, int, str], None]


def change_of(
    previous: Entry | None, sha256: str | None, retry_failed: bool, reprocess: bool = False
) -> Change:
    """What a document found now is to the archive: new, changed, to read again, unchanged."""
    if previous is None:
        return "new"
    if previous.sha256 != sha256:
        return "changed"
    if reprocess or (retry_failed and not previous.complete):
        return "retry"
    return "unchanged"


def plan(
    archive: Archive,
    paths: Sequence[str | Path],
    *,
    retry_failed: bool = False,
    reprocess: bool = False,
    catalog: dict[str, Entry] | None = None,
    listing_errors: list[str] | None = None,
) -> list[SourceFile]:
    """Compare every source file with the archive: what is new, changed, unchanged.

    An entry that is not read (a symbolic link out of the folder, a dangling link, a loop,
    an unreadable file) gets a failed record with the reason, so that it shows in
    `diarium status`; a folder that cannot be listed is added to `listing_errors`.

    A file whose size and mtime equal its record's is taken as unchanged without reading
    it (the same rule rsync and make use); any other file is hashed. A document that
    failed before and has not changed is left alone unless `retry_failed`, so a broken
    file is not re-parsed every night; `reprocess` reads every file again (after a fix
    in the readers or the extraction).
    """
    known = catalog if catalog is not None else catalog_mod.load(archive)
    planned: list[SourceFile] = []
    listing = list_sources(paths)
    for skipped in listing.skipped:
        if skipped.folder:
            if listing_errors is not None:
                listing_errors.append(f"{mask_path(skipped.given)}: {skipped.reason}")
            continue
        uri = skipped.path.as_uri()
        doc_id = document_id(uri)
        previous = known.get(doc_id)
        planned.append(
            SourceFile(
                doc_id,
                # Never the link's target: nothing outside the source folder is read or
                # served, not even by `retry-failed`.
                "",
                skipped.given,
                uri,
                None,
                None,
                "unchanged"
                if previous is not None and previous.reason == skipped.reason
                else ("changed" if previous is not None else "new"),
                origin="files",
                error=skipped.reason,
            )
        )
    for found in listing.files:
        uri = found.path.as_uri()
        doc_id = document_id(uri)
        previous = known.get(doc_id)
        error = None
        if (
            previous is not None
            and previous.sha256
            and previous.size == found.size
            and previous.mtime_ns == found.mtime_ns
        ):
            sha256: str | None = previous.sha256
        else:
            try:
                sha256 = sha256_file(found.path)
            except FileNotFoundError:  # removed since the listing
                continue
            except OSError as error_:
                sha256, error = None, f"cannot read the file: {error_.strerror or error_}"
        planned.append(
            SourceFile(
                doc_id,
                str(found.path),
                found.given,
                uri,
                sha256,
                found.size,
                change_of(previous, sha256, retry_failed, reprocess),
                origin="files",
                mtime_ns=found.mtime_ns,
                error=error,
                root=str(found.root) if found.root else None,
            )
        )
    return planned


def plan_failed_files(archive: Archive, catalog: dict[str, Entry] | None = None) -> SourcePlan:
    """Only the files whose documents failed, to be read again (`retry-failed`)."""
    known = catalog if catalog is not None else catalog_mod.load(archive)
    result = SourcePlan("files")
    for entry in catalog_mod.not_ok(known, "files"):
        if not entry.path:  # an entry that was never read (a link out of the folder …)
            result.not_retried.append(
                {"document_id": entry.id, "source": entry.source, "reason": entry.reason}
            )
            continue
        path = Path(entry.path)
        try:
            stat = path.stat()
            sha256 = sha256_file(path)
        except OSError as error:
            result.not_retried.append(
                {"document_id": entry.id, "source": entry.source, "reason": f"{error}"}
            )
            continue
        result.items.append(
            SourceFile(
                entry.id,
                str(path),
                entry.source,
                entry.uri or path.as_uri(),
                sha256,
                stat.st_size,
                change_of(entry, sha256, retry_failed=True),
                origin="files",
                mtime_ns=stat.st_mtime_ns,
            )
        )
    return result


@dataclass
class ProcessSummary:
    processed: int = 0
    ok: int = 0
    failed: int = 0
    needs_ocr: int = 0
    pages: int = 0
    words: int = 0
    seconds: float = 0.0
    #: Reader processes used (1: this process).
    workers: int = 0
    #: One line per processed document for the run log (`diarium.status`).
    outcomes: list[dict[str, Any]] = field(default_factory=list, repr=False)
    #: What extraction found per document, for the blocking quality checks.
    observations: dict[str, list[Any]] = field(default_factory=dict, repr=False)

    def as_metadata(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("outcomes")
        data.pop("observations")
        return data


def analyse(parsed: ParsedDocument, extractor: Extractor, policy: MaskingPolicy) -> dict[str, Any]:
    """The record fields that come from a document's content: its masked text, what was
    extracted from it, its tables and what the reader noticed."""
    # Personal data is masked and secret sections withheld before anything is extracted
    # or written: the record, tables, index and web page only ever see the masked text.
    from extractors.pdf_tables import table_cells  # pdfplumber: where documents are read

    parsed, protection = protect(parsed, policy)
    extraction = extractor.extract(parsed)
    return {
        "format": parsed.format,
        "pages": len(parsed.pages),
        "text": parsed.text,
        # Counted once here, so that rebuilding the tables need not split every text.
        "words": len(parsed.text.split()),
        "extraction": extraction.to_dict(),
        "pdf_tables": table_cells(parsed.tables),  # one dict per cell: `pdf_tables` rows
        "reader_metadata": parsed.metadata,  # running headers, OCR'd pages, pages without text
        "masking": protection.counts,
        "secrecy": protection.secrecy,
    }


def analyse_in_worker(
    parsed: ParsedDocument, model: str | None, policy: MaskingPolicy
) -> dict[str, Any]:
    """`analyse` in a reader process, with that process's own extraction pipeline."""
    return analyse(parsed, _worker_extractor(model), policy)


@lru_cache(maxsize=2)
def _worker_extractor(model: str | None) -> Extractor:
    from extractors.extraction import Extractor

    return Extractor(model=model)


def new_record(archive: Archive, item: SourceFile) -> Record:
    """A document's record before it is read: where it came from, and its history."""
    previous = archive.read_record(item.id)
    now = utc_now()
    record: Record = {
        "id": item.id,
        "origin": item.origin,
        "source": item.source,
        "path": item.path,  # the real location: read and served, never published
        "root": item.root,
        "uri": mask_path(item.uri),
        "sha256": item.sha256,
        "size": item.size,
        "mtime_ns": item.mtime_ns,
        "source_metadata": item.metadata,
        "first_seen": previous["first_seen"] if previous else now,
        "updated_at": now,
        "attempts": previous["attempts"] + 1
        if previous and previous["sha256"] == item.sha256
        else 1,
        "status": "ok",
        "reason": None,
        "format": None,
        "pages": 0,
        "text": "",
        "extraction": None,
        "pdf_tables": [],
        "reader_metadata": {},
        "masking": {},  # masked findings per kind (extractors.personal_data)
        "secrecy": None,  # OSL secrecy markers, when the document carries any
    }
    if item.origin != "files" and mask_path(item.uri) != item.uri:
        record["fetch_url"] = item.uri  # a masked URL cannot be fetched again
    return record


def finish_record(archive: Archive, item: SourceFile, result: ReadResult | None) -> Record:
    """Write the record of `item` from what reading it gave (None: it was never read)."""
    record = new_record(archive, item)
    if item.error:
        prefix = "" if item.origin == "files" else "download failed: "
        record["status"], record["reason"] = "failed", f"{prefix}{item.error}"
    elif result is None or result.status != "ok":
        # A reader's reason may quote the file's path.
        reason = (result.reason and mask_path(result.reason)) if result is not None else "not read"
        record["status"] = result.status if result is not None else "failed"
        record["reason"] = reason
    else:
        record.update(result.value)
    archive.write_record(record)
    return record


def process_one(archive: Archive, item: SourceFile, extractor: Extractor) -> Record:
    """Read and extract one document in this process and write its record. Never raises
    for a bad document."""
    result = None
    if not item.error:
        then = partial(analyse, extractor=extractor, policy=settings.masking_policy())
        result = read_one(item.path, then, keep_document=False, source=item.source)
    return finish_record(archive, item, result)


def reader_workers(todo: Sequence[SourceFile], workers: int = 0) -> int:
    """How many reader processes to use for `todo`; `workers` 0 means one per core when
    there is enough to read to pay for starting them, else 1 (this process).

    A reader process takes about 1.5 s to start (Python, the PDF libraries, the spaCy
    pipeline), and one process reads about 0.5 MB of documents a second, so a pool of two
    pays off from about 2 MB on (measured on 2 cores: ../shared/corpus, 0.3 MB, takes
    0.7 s in this process and 1.9 s in a pool of two).
    """
    readable = [item for item in todo if not item.error]
    if workers <= 0:
        size = sum(item.size or 0 for item in readable)
        enough = len(readable) >= 2 and size >= POOL_MIN_BYTES
        workers = default_workers() if enough else 1
    return max(1, min(workers, len(readable)))


#: Below this many bytes to read, a run reads in its own process (see `reader_workers`).
POOL_MIN_BYTES = 2_000_000


def expected_reader_workers(
    archive: Archive,
    paths: Sequence[str | Path],
    workers: int = 0,
    *,
    retry_failed: bool = False,
    reprocess: bool = False,
) -> int:
    """`reader_workers` for a run of the files `paths`, told before the run from a listing
    alone (`files_to_read`). Errs towards 1 (no pool) when the listing fails."""
    found = files_to_read(archive, paths, retry_failed=retry_failed, reprocess=reprocess)
    return _workers_for(found, workers)


def _workers_for(found: list[SourceFile] | None, workers: int) -> int:
    if not found:
        return 1
    if workers <= 0:
        size = sum(item.size or 0 for item in found)
        workers = default_workers() if len(found) >= 2 and size >= POOL_MIN_BYTES else 1
    return max(1, min(workers, len(found)))


def files_to_read(
    archive: Archive,
    paths: Sequence[str | Path],
    *,
    retry_failed: bool = False,
    reprocess: bool = False,
) -> list[SourceFile] | None:
    """The files of `paths` a run will read, told from a listing alone, without hashing: a
    file whose size and mtime equal its record's is taken as unchanged (as `plan` does),
    any other as to be read. None when the listing fails."""
    try:
        listing = list_sources(paths)
        known = catalog_mod.load(archive)
    except (OSError, ValueError):
        return None
    found = []
    for file in listing.files:
        uri = file.path.as_uri()
        previous = known.get(document_id(uri))
        if (
            not reprocess
            and previous is not None
            and (previous.complete or not retry_failed)
            and previous.size == file.size
            and previous.mtime_ns == file.mtime_ns
        ):
            continue
        found.append(
            SourceFile(
                document_id(uri),
                str(file.path),
                file.given,
                uri,
                None,
                file.size,
                "new",
                mtime_ns=file.mtime_ns,
            )
        )
    return found


#: What a reader process imports (the readers, the extraction pipeline, spaCy): imported
#: once in the fork server its processes are forked from (`extractors.pool`).
READER_MODULES = (
    "diarium.ingest",
    "extractors.readers",
    "extractors.extraction",
    "diarium.reader_preload",  # last: builds what readers use, before they are forked
)
#: Reader pools started ahead of a run (`start_reader_pool`), taken by its `process`.
_STARTED_POOLS: list[ReaderPool] = []
#: Files a started pool reads ahead, (path, source) -> (size, mtime_ns) when listed.
_READ_AHEAD: dict[tuple[str, str | None], tuple[int | None, int | None]] = {}
#: At most this many files, and bytes, are read ahead (their results wait in memory).
READ_AHEAD_FILES = 64
READ_AHEAD_BYTES = 32_000_000


def start_reading_ahead(
    archive: Archive,
    paths: Sequence[str | Path],
    model: str | None,
    workers: int = 0,
    *,
    retry_failed: bool = False,
    reprocess: bool = False,
) -> int:
    """Before a run of the files `paths`: start its reader processes when it will use them
    (`start_reader_pool`), and have them read, mask and extract the first files it will
    read, largest first as `process` orders them, while this process imports Dagster and
    opens its instance. Returns the number of reader processes the run will use (a run of
    one reader started ahead reads in it too, unless `workers` is 1: this process).

    Nothing is written here: the run's `documents` step takes the results as it would its
    own, for the files its plan reads with the size and mtime they were listed with (any
    other is read again), and writes the records; a run that fails before drops them."""
    found = files_to_read(archive, paths, retry_failed=retry_failed, reprocess=reprocess)
    expected = _workers_for(found, workers)
    # A small run (one reader) is read ahead too, in one reader process, unless one was asked
    # for in this process (`workers` 1): its start-up (spaCy, the pipeline, about a second)
    # then overlaps Dagster's import instead of following it, where a core is free for it.
    if found and (expected > 1 or (workers <= 0 and core_is_free())):
        ahead: list[tuple[str, str | None]] = []
        size = 0
        for item in sorted(found, key=lambda i: -(i.size or 0)):
            if len(ahead) >= READ_AHEAD_FILES or size + (item.size or 0) > READ_AHEAD_BYTES:
                break
            ahead.append((item.path, item.source))
            _READ_AHEAD[(item.path, item.source)] = (item.size, item.mtime_ns)
            size += item.size or 0
        start_reader_pool(model, expected, ahead)
    return expected


def core_is_free() -> bool:
    """Whether a core is idle for a reader started ahead of a small run: no other process
    running at this moment beyond one core less than there are (`/proc/loadavg`'s running
    count), and the last minute's load average not above the cores less a half.

    One reader started ahead of a small run only pays where it has a core to itself:
    measured on 2 cores, one text file into a fresh archive took 2.7 s with it and 3.3-4.0 s
    without at load 0.7, but 3.8-4.2 s against 3.5-3.6 s at load 1.3-2 (the reader then
    takes CPU from the run's own process). The minute's average alone lags: right after a
    run of its own it still says busy on an idle machine."""
    cores = default_workers()  # the cores this process may use
    if cores < 2:
        return False
    try:
        fields = Path("/proc/loadavg").read_text().split()
        minute, running = float(fields[0]), int(fields[3].split("/")[0])
    except (OSError, ValueError, IndexError):  # not Linux: the minute's average alone
        try:
            return os.getloadavg()[0] <= cores - 1
        except OSError:  # no load average on this system
            return True
    return running - 1 <= cores - 2 and minute <= cores - 0.5


def start_reader_pool(
    model: str | None, workers: int, ahead: Sequence[tuple[str, str | None]] = ()
) -> ReaderPool:
    """Start `workers` reader processes now (the fork server imports the readers and builds
    the extraction pipeline once, `diarium.reader_preload`: about a second), so that they are
    ready when the run's `process` call takes them (`_take_started_pool`): the CLI starts them
    before it imports Dagster and opens its instance, which takes as long in this process.
    Unused pools are closed by `close_started_pools`."""
    pool = ReaderPool(
        workers, then=_reader_task(model), keep_documents=False, preload=READER_MODULES
    )
    pool.start_in_background(warm_reader, model, prefetch=ahead)  # then reads `ahead`
    _STARTED_POOLS.append(pool)
    return pool


def close_started_pools() -> None:
    """Close the reader pools started ahead that no run took (with what they read ahead)."""
    while _STARTED_POOLS:
        _STARTED_POOLS.pop().close()
    _READ_AHEAD.clear()


def warm_reader(model: str | None) -> None:
    """In a reader process: import what reading and extracting import, build the pipeline
    (already done where the process was forked from a fork server that preloaded
    `diarium.reader_preload`; needed where readers are spawned)."""
    _worker_extractor(model).nlp  # noqa: B018 - built on first access


def _take_started_pool(then: Any, workers: int) -> ReaderPool | None:
    """The pool of `workers` processes started ahead for the task `then`, taken from the
    started ones; None when there is none."""

    def key(task: Any) -> Any:
        return (task.func, task.args, task.keywords) if isinstance(task, partial) else task

    for pool in _STARTED_POOLS:
        if pool.workers == workers and key(pool.task[0]) == key(then):
            _STARTED_POOLS.remove(pool)
            return pool
    return None


def _reader_task(model: str | None, policy: MaskingPolicy | None = None) -> partial[Any]:
    """What a reader process does with each document it reads: mask and extract (`analyse`)."""
    return partial(analyse_in_worker, model=model, policy=policy or settings.masking_policy())


def reader_pool(
    extractor: Extractor, workers: int, policy: MaskingPolicy | None = None
) -> ReaderPool:
    """Reader processes that read, mask and extract documents as `analyse` does. Pass one
    to several `process` calls to pay their start-up (imports, spaCy) once."""
    then = _reader_task(extractor.model, policy)
    return ReaderPool(workers, then=then, keep_documents=False, preload=READER_MODULES)


def process(
    archive: Archive,
    items: Iterable[SourceFile],
    extractor: Extractor,
    *,
    workers: int = 1,
    pool: ReaderPool | None = None,
    on_progress: ProgressCallback | None = None,
) -> ProcessSummary:
    """Parse and extract every new, changed or retried document.

    With `workers` above 1 (0: decided by `reader_workers`), or a `pool` from `reader_pool`,
    documents are read and extracted in reader processes (`extractors.pool`), a process
    that dies on one file costing only that file. Records are written here, one by one as
    documents finish, so a killed run loses nothing already written. Errors of one
    document are in its record; an error of the archive itself (disk full, records folder
    unwritable) raises, because every further document would fail the same.
    """
    todo = [item for item in items if item.change != "unchanged"]
    summary = ProcessSummary()
    started = time.perf_counter()
    records: Iterator[Record]
    if pool is not None:
        records = _read_in(pool, archive, todo)
        summary.workers = pool.workers if todo else 0
    else:
        summary.workers = reader_workers(todo, workers) if todo else 0
        # Processes started ahead for this very task and size (the CLI's, before Dagster's
        # import: same pipeline, same masking) are taken, a run of one reader included.
        ahead = (
            _take_started_pool(_reader_task(extractor.model), summary.workers)
            if todo and _STARTED_POOLS
            else None
        )
        if ahead is not None:
            records = _read_in_closing(ahead, archive, todo)
        elif summary.workers > 1:
            records = _read_in_closing(reader_pool(extractor, summary.workers), archive, todo)
        else:
            records = (process_one(archive, item, extractor) for item in todo)
    for number, record in enumerate(records, start=1):
        summary.processed += 1
        statuses = Counter({record["status"]: 1})
        summary.ok += statuses["ok"]
        summary.failed += statuses["failed"]
        summary.needs_ocr += statuses["needs_ocr"]
        summary.pages += record["pages"]
        summary.words += record.get("words") or 0
        summary.observations[record["id"]] = quality.observe(record)
        summary.outcomes.append(outcome_line(record))
        if on_progress:
            on_progress(number, len(todo), record["source"])
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _read_in_closing(
    pool: ReaderPool, archive: Archive, todo: list[SourceFile]
) -> Iterator[Record]:
    """`_read_in`, and the pool closed after it (one this run started or took)."""
    with pool:
        yield from _read_in(pool, archive, todo)


def _read_in(pool: ReaderPool, archive: Archive, todo: list[SourceFile]) -> Iterator[Record]:
    """The written record of every item of `todo`, in the order they finish."""
    for item in todo:
        if item.error:
            yield finish_record(archive, item, None)
    # Largest first, so that a long annual report does not start last and keep one
    # process busy while the others have nothing left to do.
    readable = sorted((item for item in todo if not item.error), key=lambda i: -(i.size or 0))
    waiting: dict[tuple[str, str | None], SourceFile] = {
        (item.path, item.source): item for item in readable
    }
    # Read ahead (`start_reading_ahead`) from the file as listed then, or read again.
    pool.discard(
        key
        for key, item in waiting.items()
        if key in _READ_AHEAD and _READ_AHEAD.pop(key) != (item.size, item.mtime_ns)
    )
    for result in pool.read(list(waiting)):
        yield finish_record(archive, waiting.pop((result.path, result.source)), result)
    for item in waiting.values():  # unreachable unless the pool lost a file: never drop one
        yield finish_record(archive, item, None)


def outcome_line(record: Record, status: str | None = None) -> dict[str, Any]:
    """A document's line in the run log."""
    return {
        "document_id": record["id"],
        "origin": record.get("origin") or "files",
        "source": record["source"],
        "sha256": record.get("sha256"),
        "status": status or record["status"],
        "reason": record.get("reason"),
        "attempts": record.get("attempts"),
    }


def skipped_lines(plan: SourcePlan, catalog: dict[str, Entry]) -> list[dict[str, Any]]:
    """Run-log lines for what the run saw but did not read: unchanged, or not fetched."""
    lines = []
    for item in plan.items:
        if item.change == "unchanged":
            entry = catalog.get(item.id)
            lines.append(
                {
                    "document_id": item.id,
                    "origin": item.origin,
                    "source": item.source,
                    "sha256": item.sha256,
                    "status": "skipped_unchanged",
                    "reason": None,
                    "attempts": entry.attempts if entry else None,
                }
            )
    for error in plan.fetch_errors:
        entry = catalog.get(error["document_id"])
        kept = "the archived copy is kept" if error.get("kept") else "not retried tonight"
        lines.append(
            {
                "document_id": error["document_id"],
                "origin": plan.origin,
                "source": error["source"],
                "sha256": entry.sha256 if entry else None,
                "status": "fetch_failed",
                "reason": f"download failed: {error['reason']} ({kept})",
                "attempts": entry.attempts if entry else None,
            }
        )
    return lines
