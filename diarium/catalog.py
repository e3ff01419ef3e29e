"""A compact catalog of the records: what planning and status need, without reading them.

A nightly run over 10,000 unchanged documents must not parse 10,000 record JSON files (each
holds the full text). `state/catalog.json` keeps, per document, the fields the planner,
the index sync and `diarium status` use, together with the (inode, mtime, size) of the
record file it was read from.

The records stay the source of truth and the catalog is never trusted blindly: every load
lists the records folder (one `scandir`, one `stat` per file) and re-reads exactly the
records whose file changed since the catalog was written, drops entries whose record is
gone, and writes the catalog back when anything changed. A run killed between writing a
record and writing the catalog therefore costs one re-read, never a wrong answer; a missing
or corrupt catalog is rebuilt from the records.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diarium.archive import Archive, write_atomic
from diarium.record import Record

#: Record fields copied into the catalog.
FIELDS = (
    "source",
    "origin",
    "uri",
    "path",
    "sha256",
    "status",
    "reason",
    "attempts",
    "size",
    "mtime_ns",
    "first_seen",
    "updated_at",
)
VERSION = 2  # 2: needs_ocr_pages


@dataclass(frozen=True)
class Entry:
    id: str
    source: str
    origin: str
    uri: str | None
    path: str | None
    sha256: str | None
    status: str
    reason: str | None
    attempts: int
    size: int | None
    mtime_ns: int | None
    first_seen: str | None
    updated_at: str | None
    #: (inode, mtime_ns, size) of the record file: changes whenever the record is rewritten.
    stamp: tuple[int, ...] = ()
    #: Scanned pages left without text because OCR was unavailable ("3,7"), else None.
    needs_ocr_pages: str | None = None

    @property
    def complete(self) -> bool:
        """Read, and read whole: ok, and no scanned page waiting for OCR."""
        return self.status == "ok" and not self.needs_ocr_pages


def _path(archive: Archive) -> Path:
    return archive.state_dir / "catalog.json"


def _from_record(record: Record) -> dict[str, Any]:
    entry = {name: record.get(name) for name in FIELDS}
    # Records written before sources existed came from files.
    entry["origin"] = entry["origin"] or "files"
    entry["attempts"] = entry["attempts"] or 0
    reader = record.get("reader_metadata")
    entry["needs_ocr_pages"] = reader.get("needs_ocr_pages") if isinstance(reader, dict) else None
    return entry


def _stamp(stat: os.stat_result) -> list[int]:
    # Records are replaced by rename, so the inode changes on every write; mtime and size
    # guard against an inode being reused.
    return [stat.st_ino, stat.st_mtime_ns, stat.st_size]


def load(archive: Archive) -> dict[str, Entry]:
    """Every record's catalog entry by document id, brought up to date with the records."""
    stored = _read(archive)
    fresh: dict[str, dict[str, Any]] = {}
    changed = False
    with os.scandir(archive.records_dir) as listing:
        for item in listing:
            name = item.name
            if not name.endswith(".json") or name.startswith("."):
                continue
            doc_id = name[:-5]
            try:
                stamp = _stamp(item.stat())
            except FileNotFoundError:
                continue
            known = stored.get(doc_id)
            if known is not None and known.get("stamp") == stamp:
                fresh[doc_id] = known
                continue
            record = archive.read_record(doc_id)
            if record is None:
                continue
            fresh[doc_id] = {**_from_record(record), "stamp": stamp}
            changed = True
    if changed or len(fresh) != len(stored):
        _write(archive, fresh)
    return {doc_id: _entry(doc_id, data) for doc_id, data in fresh.items()}


def _entry(doc_id: str, data: dict[str, Any]) -> Entry:
    return Entry(
        id=doc_id,
        source=data.get("source") or "",
        origin=data.get("origin") or "files",
        uri=data.get("uri"),
        path=data.get("path"),
        sha256=data.get("sha256"),
        status=data.get("status") or "failed",
        reason=data.get("reason"),
        attempts=int(data.get("attempts") or 0),
        size=data.get("size"),
        mtime_ns=data.get("mtime_ns"),
        first_seen=data.get("first_seen"),
        updated_at=data.get("updated_at"),
        stamp=tuple(data.get("stamp", ())),
        needs_ocr_pages=data.get("needs_ocr_pages") or None,
    )


def _read(archive: Archive) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(_path(archive).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _write(archive: Archive, entries: dict[str, dict[str, Any]]) -> None:
    payload = json.dumps(
        {"version": VERSION, "entries": entries}, ensure_ascii=False, separators=(",", ":")
    )
    # The catalog is a cache of the records: on a full disk or a read-only archive
    # `diarium status` and the other readers go on with what they just read; the next run
    # that can write it does.
    with contextlib.suppress(OSError):
        write_atomic(_path(archive), payload.encode("utf-8"))


def not_ok(catalog: dict[str, Entry], origin: str | None = None) -> list[Entry]:
    """Documents whose last attempt did not succeed (failed, needs_ocr) or left scanned
    pages unread for want of OCR: what `retry-failed` reads again, by source."""
    return sorted(
        (
            entry
            for entry in catalog.values()
            if not entry.complete and (origin is None or entry.origin == origin)
        ),
        key=lambda entry: entry.source,
    )


def fingerprint(catalog: dict[str, Entry]) -> str:
    """A digest that changes whenever any record is added, removed or rewritten."""
    digest = hashlib.sha256()
    for doc_id in sorted(catalog):
        digest.update(f"{doc_id}\0{catalog[doc_id].stamp}\n".encode())
    return digest.hexdigest()
