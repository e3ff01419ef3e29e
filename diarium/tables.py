"""Analyst tables: built from the archive's records into Parquet files and a DuckDB database.

Each table is rebuilt whole from the records (they are the source of truth), written to
temporary files and renamed into place, so a reader never sees half a run. The DuckDB file
holds real tables (not views over Parquet) so that it can be copied or opened on its own.

Tables (one row per …):
    documents      document (every ingested document, whatever its status)
    ingest_status  document: status, reason, attempts, timestamps
    case_numbers   case number occurrence in a document (normalized, role, span)
    committees     body named in a document (canonical name, strongest role, all roles)
    dates          date mention (date, kind, text, span)
    decisions      decision point (text, by, §, case number)
    persons        person named with a title or role
    places         place mention
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from diarium.archive import Archive

#: Column order per table; the schema is documented in the module docstring and README.
TABLE_COLUMNS: dict[str, list[str]] = {
    "documents": [
        "document_id",
        "source",
        "uri",
        "sha256",
        "format",
        "doc_type",
        "title",
        "date",
        "year",
        "pages",
        "words",
        "status",
        "meeting_committee",
        "meeting_date",
        "first_seen",
        "updated_at",
    ],
    "ingest_status": [
        "document_id",
        "source",
        "sha256",
        "status",
        "reason",
        "attempts",
        "first_seen",
        "updated_at",
    ],
    "case_numbers": ["document_id", "case_number", "text", "role", "start", "end", "rule", "page"],
    "committees": [
        "document_id",
        "committee",
        "role",
        "roles",
        "kind",
        "mentions",
        "start",
        "end",
        "rule",
    ],
    "dates": ["document_id", "date", "end_date", "kind", "text", "start", "end", "rule", "page"],
    "decisions": [
        "document_id",
        "by",
        "paragraph",
        "case_number",
        "text",
        "start",
        "end",
        "rule",
        "page",
    ],
    "persons": ["document_id", "name", "title", "role", "start", "end", "rule"],
    "places": ["document_id", "name", "kind", "start", "end", "rule"],
}

_DATE_COLUMNS = {"date", "end_date", "meeting_date"}
_INTEGER_COLUMNS = {"year", "pages", "words", "start", "end", "page", "attempts", "mentions"}
_LIST_COLUMNS = {"roles"}


def _rows(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_COLUMNS}
    for record in records:
        doc_id = record["id"]
        extraction = record.get("extraction") or {}
        meeting = extraction.get("meeting") or {}
        rows["documents"].append(
            {
                "document_id": doc_id,
                "source": record["source"],
                "uri": record["uri"],
                "sha256": record["sha256"],
                "format": record.get("format"),
                "doc_type": extraction.get("doc_type"),
                "title": extraction.get("title"),
                "date": extraction.get("date"),
                "year": extraction.get("year"),
                "pages": record.get("pages", 0),
                "words": len(record.get("text", "").split()),
                "status": record["status"],
                "meeting_committee": meeting.get("committee"),
                "meeting_date": meeting.get("date"),
                "first_seen": record["first_seen"],
                "updated_at": record["updated_at"],
            }
        )
        rows["ingest_status"].append(
            {
                k: record.get(k)
                for k in (
                    "source",
                    "sha256",
                    "status",
                    "reason",
                    "attempts",
                    "first_seen",
                    "updated_at",
                )
            }
            | {"document_id": doc_id}
        )
        for case in extraction.get("case_numbers", []):
            rows["case_numbers"].append(
                {**case, "case_number": case["normalized"], "document_id": doc_id}
            )
        for body in extraction.get("committees", []):
            rows["committees"].append({**body, "committee": body["name"], "document_id": doc_id})
        for field in ("dates", "decisions", "persons", "places"):
            for item in extraction.get(field, []):
                rows[field].append({**item, "document_id": doc_id})
    return rows


def _frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = TABLE_COLUMNS[name]
    frame = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)
    # Explicit types, so an empty table still has typed columns in Parquet and DuckDB.
    for column in columns:
        if column in _DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
            frame[column] = frame[column].dt.date.astype("date32[pyarrow]")
        elif column in _INTEGER_COLUMNS:
            frame[column] = frame[column].astype("Int64")
        elif column not in _LIST_COLUMNS:
            frame[column] = frame[column].astype("string")
    return frame


def build_tables(archive: Archive) -> dict[str, int]:
    """Rebuild every table from the records; return the row count per table."""
    frames = {name: _frame(name, rows) for name, rows in _rows(archive.iter_records()).items()}
    for name, frame in frames.items():
        target = archive.tables_dir / f"{name}.parquet"
        tmp = target.with_suffix(".parquet.tmp")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, target)
    _write_duckdb(archive.duckdb_path, archive.tables_dir, list(frames))
    return {name: len(frame) for name, frame in frames.items()}


def _write_duckdb(path: Path, tables_dir: Path, names: list[str]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    with duckdb.connect(str(tmp)) as con:
        for name in names:
            parquet = (tables_dir / f"{name}.parquet").as_posix().replace("'", "''")
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{parquet}')")
    os.replace(tmp, path)


def connect(archive: Archive) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the analyst database."""
    if not archive.duckdb_path.exists():
        raise FileNotFoundError(f"no tables yet in {archive.home}: run `diarium ingest PATH` first")
    return duckdb.connect(str(archive.duckdb_path), read_only=True)


def read_table(archive: Archive, name: str) -> pd.DataFrame:
    """One table as a pandas DataFrame."""
    if name not in TABLE_COLUMNS:
        raise KeyError(f"unknown table {name!r}; tables: {', '.join(TABLE_COLUMNS)}")
    with connect(archive) as con:
        return con.execute(f"SELECT * FROM {name}").df()
