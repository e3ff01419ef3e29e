"""Analyst tables: built from the archive's records into Parquet files and a DuckDB database.

The records (`records/<id>.json`) are the source of truth; every table is rebuilt whole from
them on each run. The schema is data (`SCHEMA` below) and is documented, column by column,
with keys and worked examples, in ``docs/tables.md``.

Storage, and why a reader never sees half a run:

* ``$DIARIUM_HOME/diarium.duckdb`` holds real tables (not views), so the file can be copied or
  opened on its own. It is written under a temporary name and renamed into place.
* ``$DIARIUM_HOME/tables`` is a symbolic link to one complete build under
  ``$DIARIUM_HOME/.tables/<build>/``; a new build is written next to it and the link is
  swapped with one rename. The previous build is kept until the next one, so a reader that
  listed its files just before the swap can still open them.

Parquet layout: the tables analysts slice by year (`documents`, `decisions`) are partitioned
hive-style by `year` (``tables/documents/year=2024/data_0.parquet``; an unknown year is
``year=__HIVE_DEFAULT_PARTITION__``); every other table is one file, ``tables/<name>.parquet``.

Reading the records dominates the build, so they are parsed with orjson; the tables need no
cache of their own (see ``benchmarks/tables.py`` for the figures).
"""

from __future__ import annotations

import gc
import os
import shutil
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

if TYPE_CHECKING:
    # Only in annotations: DuckDB imports pandas itself when a frame is asked for, and
    # `diarium case`/`diarium sql` should not pay about 0.5 s for it.
    pass

from diarium.archive import Archive
from diarium.faults import DiskFull, is_disk_full
from diarium.tables.chains import case_carriers, case_chains, case_documents_and_links, case_rows
from diarium.tables.rows import _float, collect, committee_rows, qualify_bare_numbers, read_records
from diarium.tables.schema import _ARROW_TYPES, SCHEMA, arrow_schema, create_statement
from diarium.tables.values import _date, _int, _str, _strings, _timestamp


def _integers(value: Any) -> list[int]:
    if not isinstance(value, list | tuple):
        return []
    return [n for n in (_int(v) for v in value) if n is not None]


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


_CLEAN: dict[str, Any] = {
    "VARCHAR": _str,
    "INTEGER": _int,
    "BIGINT": _int,
    "DOUBLE": _float,
    "BOOLEAN": _bool,
    "DATE": _date,
    "TIMESTAMPTZ": _timestamp,
    "VARCHAR[]": _strings,
    "INTEGER[]": _integers,
}
_CONVERSION_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError, ValueError)


def _array(values: Sequence[Any], column_type: str) -> pa.Array:
    """One column: converted whole (dates and timestamps from ISO strings by a cast), else
    value by value, so that one odd value never costs the build."""
    arrow_type = _ARROW_TYPES[column_type]
    if column_type in ("DATE", "TIMESTAMPTZ"):
        try:
            return pa.array(values, type=pa.string()).cast(arrow_type)
        except _CONVERSION_ERRORS:
            pass
    try:
        return pa.array(values, type=arrow_type)
    except _CONVERSION_ERRORS:
        pass
    clean = _CLEAN[column_type]
    return pa.array([clean(v) for v in values], type=arrow_type)


def _arrow(name: str, rows: list[tuple[Any, ...]]) -> pa.Table:
    spec = SCHEMA[name]
    schema = arrow_schema(name)
    if not rows:
        return schema.empty_table()
    columns = list(zip(*rows, strict=True))
    if len(columns) != len(schema):
        raise ValueError(f"{name}: rows have {len(columns)} values, schema {len(schema)}")
    return pa.Table.from_arrays(
        [_array(values, c.type) for values, c in zip(columns, spec.columns, strict=True)],
        schema=schema,
    )


def _sql_path(path: Path) -> str:
    return "'" + path.as_posix().replace("'", "''") + "'"


def _copy_to_parquet(con: duckdb.DuckDBPyConnection, name: str, target: Path) -> None:
    spec = SCHEMA[name]
    if spec.partition_by is None:
        con.execute(f"COPY {name} TO {_sql_path(target / f'{name}.parquet')} (FORMAT parquet)")
        return
    directory = target / name
    rows = con.execute(f"SELECT count(*) FROM {name}").fetchone()
    if rows and rows[0]:
        con.execute(
            f"COPY (SELECT * FROM {name} ORDER BY {spec.key[0]}) TO {_sql_path(directory)} "
            f"(FORMAT parquet, PARTITION_BY ({spec.partition_by}))"
        )
        return
    # An empty table still gets a (typed, empty) file, so that readers find every table.
    empty = directory / f"{spec.partition_by}=__HIVE_DEFAULT_PARTITION__"
    empty.mkdir(parents=True)
    con.execute(
        f"COPY (SELECT * EXCLUDE ({spec.partition_by}) FROM {name}) "
        f"TO {_sql_path(empty / 'data_0.parquet')} (FORMAT parquet)"
    )


def _swap_tables_link(archive: Archive, build: Path) -> None:
    """Point `tables` at `build` with one rename; a first run replaces the plain directory."""
    link = archive.tables_dir
    tmp = link.with_name(f".tables-link-{uuid.uuid4().hex}")
    tmp.symlink_to(build.relative_to(link.parent))
    try:
        for _ in range(3):
            if link.is_dir() and not link.is_symlink():
                # The layout before versioned builds, or Archive.open's empty directory.
                aside = build.parent / f"old-{uuid.uuid4().hex}"
                link.rename(aside)
            try:
                os.replace(tmp, link)
                return
            except IsADirectoryError:
                continue  # another process re-created the directory in between: move it too
        raise RuntimeError(f"could not replace {link} with a link to {build}")
    finally:
        tmp.unlink(missing_ok=True)


def _prune_builds(builds: Path, current: Path, previous: Path | None) -> None:
    """Remove the builds before `previous` (names sort by time). A build started after this
    one, by a process that does not hold the archive lock, is never touched."""
    oldest_kept = min(current.name, previous.name) if previous else current.name
    for old in builds.iterdir():
        if old in (current, previous) or not old.is_dir():
            continue
        if old.name < oldest_kept or old.name.startswith("old-"):
            shutil.rmtree(old, ignore_errors=True)


@dataclass
class BuildReport:
    rows: dict[str, int]
    unreadable: list[str]
    seconds: dict[str, float]


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The build allocates millions of small tuples and no cycles; without this, Python's
    cyclic collector rescans them over and over (a third of the build time at 10,000
    documents). Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(archive: Archive) -> BuildReport:
    """Rebuild every table from the records, write Parquet and DuckDB, swap them in."""
    with _no_cyclic_gc():
        return _build(archive)


def _build(archive: Archive) -> BuildReport:
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    collected = collect(read_records(archive))
    seconds["read"] = time.perf_counter() - started

    mark = time.perf_counter()
    qualify_bare_numbers(collected)
    rows = collected.rows
    rows["committees"] = committee_rows(collected)
    carriers = case_carriers(collected)
    rows["cases"] = case_rows(collected, carriers)
    rows["case_documents"], rows["case_links"] = case_documents_and_links(
        case_chains(collected, carriers)
    )
    seconds["derive"] = time.perf_counter() - mark
    mark = time.perf_counter()
    rows["document_versions"] = collected.version_texts.rows()
    seconds["versions"] = time.perf_counter() - mark
    arrow = {name: _arrow(name, rows[name]) for name in SCHEMA}

    mark = time.perf_counter()
    builds = archive.home / ".tables"
    builds.mkdir(exist_ok=True)
    # Names sort in build order (pruning relies on it): UTC time to the microsecond.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    # The caller holds the archive lock: any temporary database left here is a killed
    # build's (it can be large; on a full disk it is what fills it).
    _remove_leftover_databases(archive)
    build_dir = builds / f"{stamp}-{uuid.uuid4().hex[:8]}"
    tmp_db = archive.home / f".diarium.duckdb.{uuid.uuid4().hex}.tmp"
    tmp_wal = tmp_db.with_name(tmp_db.name + ".wal")
    try:
        build_dir.mkdir()
        with duckdb.connect(str(tmp_db)) as con:
            for name, table in arrow.items():
                con.execute(create_statement(name))
                con.register("incoming", table)
                con.execute(f"INSERT INTO {name} SELECT * FROM incoming")
                con.unregister("incoming")
            for name in SCHEMA:
                _copy_to_parquet(con, name, build_dir)
            # Checkpoint while we can still hear about it: the implicit checkpoint on close
            # fails silently on a full disk, leaving the data in the WAL and an empty file
            # that would have been swapped in as the tables.
            con.execute("CHECKPOINT")
        _check_database(tmp_db, tmp_wal, arrow)
        previous = archive.tables_dir.resolve() if archive.tables_dir.is_symlink() else None
        _swap_tables_link(archive, build_dir)
        os.replace(tmp_db, archive.duckdb_path)
    except BaseException as error:
        tmp_db.unlink(missing_ok=True)
        tmp_wal.unlink(missing_ok=True)
        shutil.rmtree(build_dir, ignore_errors=True)
        if isinstance(error, Exception) and is_disk_full(error):
            raise DiskFull(
                "the tables were not rebuilt; the previous tables are kept", str(error)
            ) from error
        raise
    _prune_builds(builds, build_dir, previous if previous and previous.parent == builds else None)
    seconds["write"] = time.perf_counter() - mark
    seconds["total"] = time.perf_counter() - started
    return BuildReport(
        rows={name: table.num_rows for name, table in arrow.items()},
        unreadable=collected.unreadable,
        seconds={k: round(v, 3) for k, v in seconds.items()},
    )


def _remove_leftover_databases(archive: Archive) -> None:
    for leftover in archive.home.glob(".diarium.duckdb.*.tmp*"):
        leftover.unlink(missing_ok=True)


def _check_database(path: Path, wal: Path, arrow: dict[str, pa.Table]) -> None:
    """The new database holds every row, in its main file, before it replaces the old one."""
    if wal.exists():
        raise RuntimeError(f"{path.name}: the write-ahead log was not checkpointed")
    with duckdb.connect(str(path), read_only=True) as con:
        for name, table in arrow.items():
            found = con.execute(f"SELECT count(*) FROM {name}").fetchone()
            if found is None or found[0] != table.num_rows:
                raise RuntimeError(
                    f"{path.name}: {name} has {found and found[0]} rows, not {table.num_rows}"
                )


def build_tables(archive: Archive) -> dict[str, int]:
    """Rebuild every table from the records; return the row count per table."""
    return build(archive).rows
