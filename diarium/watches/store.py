"""Bevakningar (watches) on disk: one SQLite database in the archive's state folder.

Tables (`$DIARIUM_HOME/state/watches.sqlite`):

- `watches`: a saved search (query and filters) or a case number, its recipients, and its
  **high-water mark**: the last position in the archive's ingestion order it has been
  checked up to.
- `ingestion_order`: every indexed document with its sha256 and a position (`seq`) from a
  counter that only grows (`counters.next_seq`). A document gets a position when it is
  first seen in the index, and a new one when its content changes.
- `watch_hits`: the documents a watch found, one row per (watch, document), with what the
  page, the feed and the e-mail show (title, type, date, case numbers, snippet), as the
  search engine gave them (masked at ingestion).
- `watch_deliveries`: which hit was e-mailed to which recipient.

Why a high-water mark over positions and not "since last night": a check sees every
document whose position lies above the mark and then moves the mark to the top, in one
transaction per watch. A run that failed half-way, a night skipped or a check killed
mid-way leaves marks where they were, so the next check sees the same documents again;
the primary key of `watch_hits` keeps a document from being recorded twice.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diarium.archive import Archive, utc_now

FILE_NAME = "watches.sqlite"
WATCH_ID = re.compile(r"^[0-9a-f]{10}$")
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
MAX_QUERY_CHARS = 500
MAX_NAME_CHARS = 200
#: Seconds a writer waits for another (the web page adding a watch while a run checks).
BUSY_TIMEOUT = 30.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS watches (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    query TEXT NOT NULL DEFAULT '',
    doc_type TEXT,
    committee TEXT,
    year INTEGER,
    case_number TEXT,
    recipients TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    high_water INTEGER NOT NULL,
    checked_at TEXT
);
CREATE TABLE IF NOT EXISTS ingestion_order (
    document_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    seq INTEGER NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS watch_hits (
    watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    found_at TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    date TEXT,
    committees TEXT NOT NULL,
    case_numbers TEXT NOT NULL,
    snippet TEXT NOT NULL,
    source TEXT NOT NULL,
    -- the order hits were recorded in (counters.next_hit): what `diarium watch check`
    -- has shown is the hits up to counters.cli_shown
    recorded INTEGER NOT NULL,
    PRIMARY KEY (watch_id, document_id)
);
CREATE INDEX IF NOT EXISTS watch_hits_by_seq ON watch_hits (watch_id, seq);
CREATE TABLE IF NOT EXISTS watch_deliveries (
    watch_id TEXT NOT NULL,
    document_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (watch_id, document_id, recipient),
    FOREIGN KEY (watch_id, document_id) REFERENCES watch_hits (watch_id, document_id)
        ON DELETE CASCADE
);
"""


class WatchError(ValueError):
    """A watch cannot be made or found as asked; the message is one Swedish sentence."""


@dataclass(frozen=True)
class Watch:
    id: str
    name: str
    query: str = ""
    doc_type: str | None = None
    committee: str | None = None
    year: int | None = None
    case_number: str | None = None
    recipients: tuple[str, ...] = ()
    created_at: str = ""
    high_water: int = 0
    checked_at: str | None = None

    def describe(self) -> str:
        """What the watch follows, in Swedish: 'ärende TN-2019-3825' or '"bygglov", protokoll'."""
        parts = []
        if self.case_number:
            parts.append(f"ärende {self.case_number}")
        if self.query:
            parts.append(f"”{self.query}”")
        if self.doc_type:
            parts.append(f"dokumenttyp {self.doc_type}")
        if self.committee:
            parts.append(f"nämnd {self.committee}")
        if self.year is not None:
            parts.append(f"år {self.year}")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "query": self.query,
            "type": self.doc_type,
            "committee": self.committee,
            "year": self.year,
            "case": self.case_number,
            "recipients": list(self.recipients),
            "created_at": self.created_at,
            "checked_at": self.checked_at,
        }


@dataclass(frozen=True)
class WatchHit:
    watch_id: str
    document_id: str
    seq: int
    found_at: str
    title: str
    doc_type: str
    date: str | None
    committees: list[str] = field(default_factory=list)
    case_numbers: list[str] = field(default_factory=list)
    snippet: str = ""
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.document_id,
            "title": self.title,
            "type": self.doc_type,
            "date": self.date,
            "committees": self.committees,
            "case_numbers": self.case_numbers,
            "snippet": self.snippet,
            "source": self.source,
            "found_at": self.found_at,
        }


def path(archive: Archive) -> Path:
    return archive.state_dir / FILE_NAME


def exists(archive: Archive) -> bool:
    return path(archive).exists()


class WatchStore:
    """The watches of one archive. Open with `WatchStore.open(archive)`; close when done."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def open(cls, archive: Archive) -> WatchStore:
        archive.state_dir.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(
            path(archive), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(SCHEMA)
        return cls(connection)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> WatchStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taken at once, so two writers queue instead of failing)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- the ingestion order -------------------------------------------------------------

    def top(self) -> int:
        """The highest position handed out so far (0 before any)."""
        row = self.db.execute("SELECT value FROM counters WHERE name = 'next_seq'").fetchone()
        return int(row[0]) - 1 if row else 0

    def sync_order(self, indexed: dict[str, str]) -> tuple[list[str], list[str]]:
        """Give every indexed document not yet in the order (or whose content changed) the
        next positions, and drop the documents that left the index (deleted, or now secret),
        whose hits then stop showing. `indexed` maps id -> sha256. Returns (new, changed)."""
        with self.transaction() as db:
            known = {
                row[0]: row[1]
                for row in db.execute("SELECT document_id, sha256 FROM ingestion_order")
            }
            gone = [doc_id for doc_id in known if doc_id not in indexed]
            new = sorted(doc_id for doc_id in indexed if doc_id not in known)
            changed = sorted(
                doc_id
                for doc_id, sha in indexed.items()
                if doc_id in known and known[doc_id] != sha
            )
            db.executemany(
                "DELETE FROM ingestion_order WHERE document_id = ?", [(d,) for d in gone]
            )
            start = self.top() + 1
            ordered = [*changed, *new]
            db.executemany(
                "INSERT OR REPLACE INTO ingestion_order (document_id, sha256, seq) VALUES (?, ?, ?)",
                [(d, indexed[d], start + i) for i, d in enumerate(ordered)],
            )
            db.execute(
                "INSERT OR REPLACE INTO counters (name, value) VALUES ('next_seq', ?)",
                (start + len(ordered),),
            )
        return new, changed

    def documents_after(self, high_water: int) -> list[tuple[str, int]]:
        """(document id, position) of the documents above a high-water mark, in order."""
        return [
            (row[0], int(row[1]))
            for row in self.db.execute(
                "SELECT document_id, seq FROM ingestion_order WHERE seq > ? ORDER BY seq",
                (high_water,),
            )
        ]

    def forget_hits(self, document_ids: Sequence[str]) -> None:
        """Remove every watch's hits of these documents (they became secret)."""
        with self.transaction() as db:
            db.executemany(
                "DELETE FROM watch_hits WHERE document_id = ?", [(d,) for d in document_ids]
            )

    # -- watches -------------------------------------------------------------------------

    def add(self, watch: Watch) -> Watch:
        """Store a new watch; it follows documents from the current top of the order on."""
        with self.transaction() as db:
            watch_id = _new_id(db)
            stored = Watch(
                **{
                    **watch.__dict__,
                    "id": watch_id,
                    "created_at": utc_now(),
                    "high_water": self.top(),
                }
            )
            db.execute(
                "INSERT INTO watches (id, name, query, doc_type, committee, year, case_number,"
                " recipients, created_at, high_water) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    stored.id,
                    stored.name,
                    stored.query,
                    stored.doc_type,
                    stored.committee,
                    stored.year,
                    stored.case_number,
                    json.dumps(list(stored.recipients)),
                    stored.created_at,
                    stored.high_water,
                ),
            )
        return stored

    def remove(self, watch_id: str) -> bool:
        with self.transaction() as db:
            return db.execute("DELETE FROM watches WHERE id = ?", (watch_id,)).rowcount > 0

    def get(self, watch_id: str) -> Watch | None:
        if not WATCH_ID.fullmatch(watch_id):
            return None
        row = self.db.execute("SELECT * FROM watches WHERE id = ?", (watch_id,)).fetchone()
        return _watch(row) if row else None

    def all(self) -> list[Watch]:
        return [_watch(r) for r in self.db.execute("SELECT * FROM watches ORDER BY rowid")]

    def record(self, watch: Watch, hits: Sequence[WatchHit], high_water: int) -> int:
        """Record a check of one watch: its new hits and its new mark, in one transaction.
        Returns how many hits were new (a document already recorded is not recorded again)."""
        with self.transaction() as db:
            before = db.total_changes
            first = self._counter("next_hit", 1)
            db.executemany(
                "INSERT OR IGNORE INTO watch_hits (watch_id, document_id, seq, found_at, title,"
                " doc_type, date, committees, case_numbers, snippet, source, recorded)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        h.watch_id,
                        h.document_id,
                        h.seq,
                        h.found_at,
                        h.title,
                        h.doc_type,
                        h.date,
                        json.dumps(h.committees, ensure_ascii=False),
                        json.dumps(h.case_numbers, ensure_ascii=False),
                        h.snippet,
                        h.source,
                        first + i,
                    )
                    for i, h in enumerate(hits)
                ],
            )
            added = db.total_changes - before
            self._set_counter("next_hit", first + len(hits))
            db.execute(
                "UPDATE watches SET high_water = max(high_water, ?), checked_at = ? WHERE id = ?",
                (high_water, utc_now(), watch.id),
            )
        return added

    def _counter(self, name: str, default: int) -> int:
        row = self.db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else default

    def _set_counter(self, name: str, value: int) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO counters (name, value) VALUES (?, ?)", (name, value)
        )

    def not_shown(self) -> dict[str, list[WatchHit]]:
        """watch id -> the hits recorded since `diarium watch check` last showed hits (by a
        run or by the check itself), oldest first; marks them shown."""
        with self.transaction() as db:
            shown = self._counter("cli_shown", 0)
            rows = db.execute(
                "SELECT h.* FROM watch_hits h JOIN ingestion_order o USING (document_id)"
                " WHERE h.recorded > ? ORDER BY h.recorded",
                (shown,),
            ).fetchall()
            self._set_counter("cli_shown", self._counter("next_hit", 1) - 1)
        found: dict[str, list[WatchHit]] = {}
        for row in rows:
            found.setdefault(row["watch_id"], []).append(_hit(row))
        return found

    def hits(self, watch_id: str, limit: int = 100) -> list[WatchHit]:
        """A watch's hits, newest first, only of documents that are still in the index."""
        rows = self.db.execute(
            "SELECT h.* FROM watch_hits h JOIN ingestion_order o USING (document_id)"
            " WHERE h.watch_id = ? ORDER BY h.seq DESC LIMIT ?",
            (watch_id, limit),
        )
        return [_hit(r) for r in rows]

    def undelivered(self) -> dict[str, list[tuple[Watch, WatchHit]]]:
        """recipient -> (watch, hit) not yet e-mailed to them, oldest first."""
        pending: dict[str, list[tuple[Watch, WatchHit]]] = {}
        watches = {w.id: w for w in self.all()}
        rows = self.db.execute(
            "SELECT h.* FROM watch_hits h JOIN ingestion_order o USING (document_id) ORDER BY h.seq"
        ).fetchall()
        delivered = {
            (r[0], r[1], r[2])
            for r in self.db.execute(
                "SELECT watch_id, document_id, recipient FROM watch_deliveries"
            )
        }
        for row in rows:
            hit = _hit(row)
            watch = watches[hit.watch_id]
            for recipient in watch.recipients:
                if (hit.watch_id, hit.document_id, recipient) not in delivered:
                    pending.setdefault(recipient, []).append((watch, hit))
        return pending

    def delivered(self, recipient: str, items: Sequence[tuple[Watch, WatchHit]]) -> None:
        with self.transaction() as db:
            now = utc_now()
            db.executemany(
                "INSERT OR IGNORE INTO watch_deliveries (watch_id, document_id, recipient,"
                " sent_at) VALUES (?, ?, ?, ?)",
                [(w.id, h.document_id, recipient, now) for w, h in items],
            )


def _new_id(db: sqlite3.Connection) -> str:
    while True:
        candidate = secrets.token_hex(5)
        if not db.execute("SELECT 1 FROM watches WHERE id = ?", (candidate,)).fetchone():
            return candidate


def _watch(row: sqlite3.Row) -> Watch:
    return Watch(
        id=row["id"],
        name=row["name"],
        query=row["query"],
        doc_type=row["doc_type"],
        committee=row["committee"],
        year=row["year"],
        case_number=row["case_number"],
        recipients=tuple(json.loads(row["recipients"])),
        created_at=row["created_at"],
        high_water=row["high_water"],
        checked_at=row["checked_at"],
    )


def _hit(row: sqlite3.Row) -> WatchHit:
    return WatchHit(
        watch_id=row["watch_id"],
        document_id=row["document_id"],
        seq=row["seq"],
        found_at=row["found_at"],
        title=row["title"],
        doc_type=row["doc_type"],
        date=row["date"],
        committees=json.loads(row["committees"]),
        case_numbers=json.loads(row["case_numbers"]),
        snippet=row["snippet"],
        source=row["source"],
    )


def new_watch(
    query: str = "",
    *,
    doc_type: str | None = None,
    committee: str | None = None,
    year: int | None = None,
    case: str | None = None,
    name: str | None = None,
    recipients: Sequence[str] = (),
) -> Watch:
    """A watch as a person asks for it, checked and in canonical form; WatchError says in
    one Swedish sentence what is wrong."""
    from diarium.queries import canonical_case_number
    from search.query import canonical_committee

    query = " ".join((query or "").split())
    if len(query) > MAX_QUERY_CHARS:
        raise WatchError(f"Sökfrågan är för lång (högst {MAX_QUERY_CHARS} tecken).")
    case_number = None
    if case is not None and case.strip():
        case_number = canonical_case_number(case)
        if case_number is None:
            raise WatchError(f"”{case.strip()}” är inget diarienummer (till exempel TN-2019-3825).")
    if not query and not case_number:
        raise WatchError("En bevakning behöver en sökfråga eller ett diarienummer (--case).")
    if year is not None and not 1000 <= year <= 9999:
        raise WatchError(f"Året {year} är inget årtal (fyra siffror).")
    cleaned = []
    for address in recipients:
        address = address.strip()
        if not address:
            continue
        if not EMAIL.fullmatch(address):
            raise WatchError(f"”{address}” är ingen e-postadress.")
        cleaned.append(address.lower())
    title = " ".join((name or "").split()) or (
        f"Ärende {case_number}" if case_number and not query else query
    )
    return Watch(
        id="",
        name=title[:MAX_NAME_CHARS],
        query=query,
        doc_type=(doc_type or "").strip().lower() or None,
        committee=canonical_committee(committee),
        year=year,
        case_number=case_number,
        recipients=tuple(dict.fromkeys(cleaned)),
    )
