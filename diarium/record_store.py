"""Where the archive's records are written: the records folder, or PostgreSQL.

One machine (the default): `$DIARIUM_HOME/records/<id>.json`, one file per document,
written by an atomic rename. Two writers of different documents never touch the same
file, and two writers of the same document leave one whole record (the last rename wins),
so the batches of `ingest_parallel` write records there without the archive's lock.

Several machines: `DIARIUM_RECORDS_URL` (`postgresql://user:password@host:port/db`) names
a PostgreSQL database that every worker reaches. Its table `diarium.record_store` holds one row
per document, keyed by the document id; a write is one `INSERT … ON CONFLICT (id) DO
UPDATE`, atomic on its own, and gives the row the next `version` from a sequence. Workers
take no lock against each other (only a shared advisory lock, which other writers never
wait for); `mirror` takes the exclusive one for the instant it reads the highest version,
so every version below it is committed and none is ever skipped.

Tables, index, web page and CLI keep reading the records folder: `mirror` brings it in
line with the table (the rows written since the last mirror, each by an atomic rename)
before planning and before the one tables build and index sync of a parallel run. The
table is the source of truth; the folder is its copy on the machine that builds tables and
index, like the tables and the index are derived from the records.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from diarium import settings
from diarium.archive import Archive

if TYPE_CHECKING:
    from diarium.record import Record

#: The environment variable naming the PostgreSQL database of the records.
RECORDS_URL_VARIABLE = "DIARIUM_RECORDS_URL"
TABLE = "diarium_records"
#: The advisory lock key writers share and `mirror` takes alone ("diarium" in ASCII).
ADVISORY_KEY = 0x64696172
#: How long a write keeps trying while PostgreSQL is away (a restart, a failover).
RETRY_SECONDS = 120.0
#: The state file holding the highest version already mirrored into the folder.
MIRROR_STATE = "records_mirrored"

T = TypeVar("T")


class RecordStore(Protocol):
    def get(self, doc_id: str) -> Record | None: ...

    def put(self, record: Record) -> None: ...

    def close(self) -> None: ...


@dataclass
class DirectoryRecords:
    """The records folder of the archive (the default)."""

    archive: Archive

    def get(self, doc_id: str) -> Record | None:
        return self.archive.read_record(doc_id)

    def put(self, record: Record) -> None:
        self.archive.write_record(record)

    def close(self) -> None:
        return None


@dataclass
class PostgresRecords:
    """The records in PostgreSQL: one row per document, upserted atomically."""

    url: str
    retry_seconds: float = RETRY_SECONDS
    _connection: Any = field(default=None, repr=False)

    # -- connection ------------------------------------------------------------------------

    def _connect(self) -> Any:
        import psycopg2

        if self._connection is None or self._connection.closed:
            self._connection = psycopg2.connect(self.url, connect_timeout=10)
            self._connection.autocommit = False
        return self._connection

    def _retrying(self, work: Callable[[Any], T]) -> T:
        """Run `work(cursor)` in one transaction; on a lost connection (PostgreSQL
        restarting) connect again and repeat it, for up to `retry_seconds`. Every statement
        here is idempotent, so a repeat after an unknown outcome does no harm."""
        import psycopg2

        deadline = time.monotonic() + self.retry_seconds
        delay = 0.2
        while True:
            try:
                connection = self._connect()
                with connection.cursor() as cursor:
                    value = work(cursor)
                connection.commit()
                return value
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                self._drop()
                if time.monotonic() >= deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 5.0)

    def _drop(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
        self._connection = None

    def close(self) -> None:
        self._drop()

    # -- schema ----------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        def create(cursor: Any) -> None:
            # Two workers creating the table at once: the loser's CREATE fails on the
            # catalog's unique index; the advisory lock makes them take turns.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_KEY + 1,))
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {TABLE}_version")
            cursor.execute(
                f"""CREATE TABLE IF NOT EXISTS {TABLE} (
                    id text PRIMARY KEY,
                    version bigint NOT NULL,
                    sha256 text,
                    status text NOT NULL,
                    written_at timestamptz NOT NULL DEFAULT now(),
                    record jsonb NOT NULL
                )"""
            )
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_version_idx ON {TABLE} (version)")

        self._retrying(create)

    # -- records ---------------------------------------------------------------------------

    def get(self, doc_id: str) -> Record | None:
        def read(cursor: Any) -> Record | None:
            cursor.execute(f"SELECT record FROM {TABLE} WHERE id = %s", (doc_id,))
            row = cursor.fetchone()
            return cast("Record", dict(row[0])) if row else None

        return self._retrying(read)

    def put(self, record: Record) -> None:
        payload = json.dumps(record, ensure_ascii=False, separators=(",", ":"))

        def upsert(cursor: Any) -> None:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", (ADVISORY_KEY,))
            cursor.execute(
                f"""INSERT INTO {TABLE} (id, version, sha256, status, record)
                    VALUES (%s, nextval('{TABLE}_version'), %s, %s, %s::jsonb)
                    ON CONFLICT (id) DO UPDATE SET
                        version = nextval('{TABLE}_version'),
                        sha256 = EXCLUDED.sha256,
                        status = EXCLUDED.status,
                        written_at = now(),
                        record = EXCLUDED.record""",
                (record["id"], record.get("sha256"), record.get("status") or "failed", payload),
            )

        self._retrying(upsert)

    def committed_version(self) -> int:
        """The highest version such that every version up to it is committed."""

        def highest(cursor: Any) -> int:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_KEY,))
            cursor.execute(f"SELECT coalesce(max(version), 0) FROM {TABLE}")
            return int(cursor.fetchone()[0])

        return self._retrying(highest)

    def written_between(
        self, after: int, up_to: int, batch: int = 500
    ) -> Iterator[tuple[int, Record]]:
        """(version, record) of the rows written after `after` up to `up_to`, oldest first."""
        cursor_at = after
        while True:

            def page(cursor: Any, start: int = cursor_at) -> list[tuple[int, Record]]:
                cursor.execute(
                    f"""SELECT version, record FROM {TABLE}
                        WHERE version > %s AND version <= %s ORDER BY version LIMIT %s""",
                    (start, up_to, batch),
                )
                return [(int(v), cast("Record", dict(r))) for v, r in cursor.fetchall()]

            rows = self._retrying(page)
            yield from rows
            if len(rows) < batch:
                return
            cursor_at = rows[-1][0]

    def count(self) -> int:
        def counted(cursor: Any) -> int:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            return int(cursor.fetchone()[0])

        return self._retrying(counted)


def open_store(archive: Archive, url: str | None = None) -> RecordStore:
    """The store the configuration names: PostgreSQL when `url` (or DIARIUM_RECORDS_URL)
    is set, else the archive's records folder."""
    url = url if url is not None else settings.records_url()
    if not url:
        return DirectoryRecords(archive)
    store = PostgresRecords(url)
    store.ensure_schema()
    return store


def mirror(archive: Archive, store: RecordStore) -> int:
    """Copy the records written to PostgreSQL since the last mirror into the records
    folder; return how many. Nothing to do for the records folder itself."""
    if not isinstance(store, PostgresRecords):
        return 0
    state = archive.read_state(MIRROR_STATE, {}) or {}
    # Mirrored into another database before (a changed DIARIUM_RECORDS_URL): start over.
    after = int(state.get("version", 0)) if state.get("url") == _safe(store.url) else 0
    up_to = store.committed_version()
    copied = 0
    for _version, record in store.written_between(after, up_to):
        archive.write_record(record)
        copied += 1
    if up_to != after or state.get("url") != _safe(store.url):
        archive.write_state(MIRROR_STATE, {"url": _safe(store.url), "version": up_to})
    return copied


def _safe(url: str) -> str:
    """The URL without its password, for the state file."""
    scheme, sep, rest = url.partition("://")
    if "@" not in rest:
        return url
    userinfo, _, host = rest.rpartition("@")
    return f"{scheme}{sep}{userinfo.split(':', 1)[0]}@{host}"


@dataclass(frozen=True)
class StoreArchive(Archive):
    """The archive whose record reads and writes go to `store`: what a batch of
    `ingest_parallel` hands to `diarium.ingest.process`, so that reading and extraction
    stay exactly the code of a single-machine run."""

    store: Any = None

    def read_record(self, doc_id: str) -> Record | None:
        if self.store is None:
            return super().read_record(doc_id)
        return cast("Record | None", self.store.get(doc_id))

    def write_record(self, record: Record) -> None:
        if self.store is None:
            super().write_record(record)
        else:
            self.store.put(record)
