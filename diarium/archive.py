"""The archive directory (`DIARIUM_HOME`) and the per-document record store.

Layout::

    $DIARIUM_HOME/
      records/<id>.json   one record per document: status, hash, extraction, text
      state/              the manifest of the current run (what to parse)
      tables/*.parquet    analyst tables, rebuilt from the records
      diarium.duckdb      the same tables in DuckDB, replaced atomically
      index/tantivy/      the embedded search index
      dagster/            the Dagster instance (run history, event log)

The records are the source of truth: tables and the search index are derived from them
and can be rebuilt at any time. Every write is a write to a temporary file followed by an
atomic rename, so a killed run never leaves half a record behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diarium import settings

if TYPE_CHECKING:
    from diarium.record import Record


def default_home() -> Path:
    return settings.home()


def document_id(source_uri: str) -> str:
    """A stable id for the document found at a source location.

    The id follows the location, not the content: a file edited in place keeps its id and
    its record is replaced, so a re-run never duplicates a document.

    >>> document_id("file:///data/a.pdf") == document_id("file:///data/a.pdf")
    True
    """
    return hashlib.sha256(source_uri.encode("utf-8")).hexdigest()[:16]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_atomic(path: Path, data: bytes, *, suffix: str = ".tmp") -> None:
    """Write via a hidden temporary file and a rename: readers see the old or the new file,
    never half of one. `suffix` lets a caller sweep its own leftovers after a crash."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The writer's pid in the name tells a sweep after a crash (`sweep_partial_writes`) which
    # leftovers no living process will still rename into place.
    fd, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}{_PID_END}", suffix=suffix
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: Ends the writer's pid in a temporary file's name (".<name>.<pid>~<random>.tmp").
_PID_END = "~"


def sweep_partial_writes(directory: Path, *, suffix: str = ".tmp") -> int:
    """Remove the temporary files `write_atomic` left in `directory` when its process was
    killed mid-write; a file whose writer is still alive is left alone. Returns how many
    were removed. Called under the archive's write lock, when a new writer starts."""
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(suffix)):
            continue
        if _writer_alive(name):
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(entry.path)
            removed += 1
    return removed


def _writer_alive(name: str) -> bool:
    head, sep, _ = name.rpartition(_PID_END)
    pid_text = head.rsplit(".", 1)[-1] if sep else ""
    if not pid_text.isdigit():
        return False  # written before the pid was part of the name: no writer is left
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's living process
    return True


class ArchiveMissing(FileNotFoundError):
    """There is no archive where a reader looked (a mistyped DIARIUM_HOME, another folder)."""


@dataclass(frozen=True)
class Archive:
    home: Path

    @classmethod
    def open(cls, home: str | Path | None = None) -> Archive:
        """The archive at `home`, created when missing: for the writers (ingestion)."""
        archive = cls(Path(home).expanduser().resolve() if home else default_home())
        for directory in (archive.records_dir, archive.state_dir, archive.tables_dir):
            directory.mkdir(parents=True, exist_ok=True)
        return archive

    @classmethod
    def existing(cls, home: str | Path | None = None) -> Archive:
        """The archive at `home` for a reader, which never creates one: an empty archive
        made by a typo would answer every search with "0 träffar" and look healthy."""
        archive = cls(Path(home).expanduser().resolve() if home else default_home())
        if not archive.records_dir.is_dir():
            given = (
                "DIARIUM_HOME/--home"
                if home or settings.home_given()
                else (f"standard: {settings.DEFAULT_HOME} i mappen du står i")
            )
            raise ArchiveMissing(
                f"inget arkiv i {archive.home} ({given}); läs in dokument med "
                "`diarium ingest MAPP` eller ange arkivet med --home eller DIARIUM_HOME"
            )
        return archive

    @property
    def records_dir(self) -> Path:
        return self.home / "records"

    @property
    def state_dir(self) -> Path:
        return self.home / "state"

    @property
    def tables_dir(self) -> Path:
        return self.home / "tables"

    @property
    def duckdb_path(self) -> Path:
        return self.home / "diarium.duckdb"

    @property
    def index_dir(self) -> Path:
        return self.home / "index" / "tantivy"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"

    # -- records -------------------------------------------------------------------------

    def record_path(self, doc_id: str) -> Path:
        return self.records_dir / f"{doc_id}.json"

    def read_record(self, doc_id: str) -> Record | None:
        path = self.record_path(doc_id)
        try:
            record: Record = json.loads(path.read_text(encoding="utf-8"))
            return record
        except FileNotFoundError:
            return None

    def write_record(self, record: Record) -> None:
        payload = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        write_atomic(self.record_path(record["id"]), payload.encode("utf-8"))

    def iter_records(self) -> Iterator[Record]:
        for path in sorted(self.records_dir.glob("*.json")):
            yield json.loads(path.read_text(encoding="utf-8"))

    def record_hashes(self) -> dict[str, tuple[str | None, str]]:
        """id -> (sha256, status) of every record, for deciding what changed."""
        return {r["id"]: (r["sha256"], r["status"]) for r in self.iter_records()}

    # -- run state -----------------------------------------------------------------------

    def write_state(self, name: str, data: Any) -> None:
        payload = json.dumps(data, ensure_ascii=False, indent=1)
        write_atomic(self.state_dir / f"{name}.json", payload.encode("utf-8"))

    def read_state(self, name: str, default: Any = None) -> Any:
        try:
            return json.loads((self.state_dir / f"{name}.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return default
