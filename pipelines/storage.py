"""Dagster's SQLite instance storage with its database connections kept open.

`dagster.yaml` names `KeptSqliteStorage` as the instance's storage. It is Dagster's own
SQLite storage (`storage: sqlite`): the same files under `$DAGSTER_HOME` (`history/runs.db`,
one event-log database per run in `history/runs/` plus their `index.db`,
`schedules/schedules.db`), the same schema and migrations, so the CLI, `dagster dev`, the
daemon and an archive written before all read one history. What differs is only how a
process connects: Dagster's SQLite storages open a new SQLAlchemy engine and SQLite
connection for every statement (`NullPool`), so each of a run's ~70 events paid for a new
engine, for compiling its INSERT again (SQLAlchemy caches compiled statements per engine)
and, as the last connection to a WAL database closed, for a checkpoint of the WAL into the
database (fsync), and every commit waited for an fsync of the WAL. Here each database keeps one
engine with its connection for the process's life, and commits sync the WAL at checkpoints
only (`synchronous=NORMAL`, SQLite's recommendation for WAL): a run's events cost a
fraction of that (README, "Speed where users wait").

Every statement is still committed before Dagster goes on: a killed process (the case the
CLI's recovery handles) loses nothing committed, and the databases stay consistent; only a
power cut may lose the last commits before it. Concurrency is unchanged: other
processes (webserver, daemon, another CLI run) read and write the same files through
SQLite's locking; an idle kept connection holds no lock.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.runs.sqlite.sqlite_run_storage import SqliteRunStorage
from dagster._core.storage.schedules.sqlite.sqlite_schedule_storage import SqliteScheduleStorage
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._core.storage.sqlite_storage import (
    DagsterSqliteStorage,
    _event_logs_directory,
    _runs_directory,
    _schedule_directory,
)
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

#: Engines kept per process: the run's own event log, the index, the runs database. A
#: process that reads many runs' event logs (the webserver) closes the least recently used.
MAX_KEPT_ENGINES = 8


def _synchronous_normal(dbapi_connection: Any, _record: Any) -> None:
    # In WAL mode (Dagster's databases are), NORMAL syncs at checkpoints, not at every
    # commit: a killed process loses nothing committed, and the database stays consistent
    # whatever happens; only a power cut may lose the last commits before it.
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")


_SCRIPTS: dict[tuple[type, str, str], ScriptDirectory] = {}
_SCRIPTS_LOCK = threading.Lock()
_from_config = ScriptDirectory.from_config.__func__  # type: ignore[attr-defined]


def _script_directory(cls: type[ScriptDirectory], config: Config) -> ScriptDirectory:
    """`ScriptDirectory.from_config`, one per migrations folder for the process's life.

    Dagster asks alembic for the head revision of a storage's migrations whenever it opens
    one (the runs, the event-log index, every run's own event-log database, the schedules)
    and stamps new databases with it, each time through a new `ScriptDirectory`, which reads
    and compiles all ~180 migration files again: 5 times in a one-file run on an existing
    archive, 9 on a fresh one (0.2-0.4 s of CPU). The files do not change while a process
    runs, so one read per folder is enough; what alembic does with them is unchanged.
    """
    key = (
        cls,
        str(config.get_alembic_option("script_location")),
        repr(config.get_version_locations_list()),
    )
    with _SCRIPTS_LOCK:
        script = _SCRIPTS.get(key)
        if script is None:
            script = _SCRIPTS[key] = _from_config(cls, config)
        return script


ScriptDirectory.from_config = classmethod(_script_directory)  # type: ignore[assignment]


class _Engines:
    """One engine per SQLite file, kept for this process (a forked child starts afresh:
    SQLite connections must not cross a fork)."""

    def __init__(self) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._pid = os.getpid()
        self._lock = threading.Lock()

    def get(self, conn_string: str) -> tuple[Engine, bool]:
        """The engine for `conn_string`, and whether it was made just now."""
        with self._lock:
            if self._pid != os.getpid():
                for inherited in self._engines.values():
                    inherited.dispose(close=False)  # the parent's connections stay the parent's
                self._engines.clear()
                self._pid = os.getpid()
            kept = self._engines.get(conn_string)
            if kept is not None:
                self._engines.move_to_end(conn_string)
                return kept, False
            engine = create_engine(
                conn_string,
                poolclass=QueuePool,
                pool_size=1,
                max_overflow=4,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
            )
            event.listen(engine, "connect", _synchronous_normal)
            self._engines[conn_string] = engine
            while len(self._engines) > MAX_KEPT_ENGINES:
                _, oldest = self._engines.popitem(last=False)
                oldest.dispose()
            return engine, True

    def dispose(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()


class KeptSqliteEventLogStorage(SqliteEventLogStorage):
    """Dagster's run-sharded SQLite event log, with one kept engine per database."""

    def __init__(self, base_dir: str, inst_data: Any = None) -> None:
        self._kept = _Engines()
        super().__init__(base_dir, inst_data=inst_data)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        # As Dagster's `_connect`, less the engine made and disposed of each time.
        with self._db_lock:
            engine, _ = self._kept.get(self.conn_string_for_shard(shard))
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def dispose(self) -> None:
        super().dispose()
        self._kept.dispose()


class KeptSqliteRunStorage(SqliteRunStorage):
    """Dagster's SQLite run storage, with its engine kept."""

    def __init__(self, conn_string: str, inst_data: Any = None) -> None:
        self._kept = _Engines()
        super().__init__(conn_string, inst_data)

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        engine, _ = self._kept.get(self._conn_string)
        with engine.connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        super().dispose()
        self._kept.dispose()


class KeptSqliteStorage(DagsterSqliteStorage):
    """`storage: sqlite` with the run and event-log storages above (same files, same
    schema). dagster.yaml: `storage: {custom: {module: pipelines.storage, class:
    KeptSqliteStorage, config: {base_dir: {env: DAGSTER_HOME}}}}`."""

    def __init__(self, base_dir: str, inst_data: Any = None) -> None:
        # DagsterSqliteStorage.__init__ names Dagster's classes; this is it with ours.
        self.base_dir = base_dir
        self._run_storage = KeptSqliteRunStorage.from_local(_runs_directory(base_dir))
        self._event_log_storage = KeptSqliteEventLogStorage(_event_logs_directory(base_dir))
        self._schedule_storage = SqliteScheduleStorage.from_local(_schedule_directory(base_dir))
        self._inst_data = inst_data
        super(DagsterSqliteStorage, self).__init__()

    @classmethod
    def from_config_value(cls, inst_data: Any, config_value: Any) -> KeptSqliteStorage:
        # Dagster's names its own class here, not `cls`.
        return cls.from_local(inst_data=inst_data, **config_value)
