"""Reading the tables: DuckDB connections, frames, and values printed as `diarium sql` prints them."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    # Only in annotations: DuckDB imports pandas itself when a frame is asked for, and
    # `diarium case`/`diarium sql` should not pay about 0.5 s for it.
    import pandas as pd

from diarium.archive import Archive
from diarium.tables.schema import SCHEMA


def connect(archive: Archive) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the analyst database."""
    if not archive.duckdb_path.exists():
        raise FileNotFoundError(f"no tables yet in {archive.home}: run `diarium ingest PATH` first")
    return duckdb.connect(str(archive.duckdb_path), read_only=True)


def secret_documents(archive: Archive, kind: str = "secret_document") -> list[dict[str, Any]]:
    """Documents flagged secret under OSL as a whole (kept out of the search index), or with
    `kind="secret_section"` those with sections withheld (and how many)."""
    if not archive.duckdb_path.exists():
        return []
    with connect(archive) as con:
        rows = con.execute(
            "SELECT d.document_id, d.source, d.title, m.masked FROM masking m"
            " JOIN documents d USING (document_id)"
            " WHERE m.kind = ? ORDER BY d.source",
            [kind],
        ).fetchall()
    if kind == "secret_document":
        return [{"id": r[0], "source": r[1], "title": r[2]} for r in rows]
    return [{"id": r[0], "source": r[1], "title": r[2], "sections": r[3]} for r in rows]


def _frame(cursor: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    # DuckDB's conversion calls a pandas API that pandas 3.1 deprecates; not the caller's concern.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The inplace keyword", category=Warning)
        return cursor.df()


def read_table(archive: Archive, name: str) -> pd.DataFrame:
    """One table as a pandas DataFrame (nullable integer, datetime and str columns)."""
    if name not in SCHEMA:
        raise KeyError(f"unknown table {name!r}; tables: {', '.join(SCHEMA)}")
    with connect(archive) as con:
        return _frame(con.execute(f"SELECT * FROM {name}"))


class Tables:
    """The analyst tables of one archive as pandas DataFrames.

    >>> tables = Tables(Archive.open())          # doctest: +SKIP
    >>> tables.cases().query("documents > 1")     # doctest: +SKIP
    >>> tables.sql("SELECT * FROM case_links WHERE case_number = ?", ["TN-2019-3825"])  # doctest: +SKIP
    """

    def __init__(self, archive: Archive | None = None) -> None:
        self.archive = archive or Archive.open()

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Any read-only DuckDB query over the tables."""
        with connect(self.archive) as con:
            return _frame(con.execute(query, list(params or [])))

    def table(self, name: str) -> pd.DataFrame:
        return read_table(self.archive, name)

    def documents(self) -> pd.DataFrame:
        return self.table("documents")

    def ingest_status(self) -> pd.DataFrame:
        return self.table("ingest_status")

    def case_numbers(self) -> pd.DataFrame:
        return self.table("case_numbers")

    def cases(self) -> pd.DataFrame:
        return self.table("cases")

    def committees(self) -> pd.DataFrame:
        return self.table("committees")

    def document_committees(self) -> pd.DataFrame:
        return self.table("document_committees")

    def decisions(self) -> pd.DataFrame:
        return self.table("decisions")

    def case_documents(self) -> pd.DataFrame:
        return self.table("case_documents")

    def case_links(self) -> pd.DataFrame:
        return self.table("case_links")

    def dates(self) -> pd.DataFrame:
        return self.table("dates")

    def persons(self) -> pd.DataFrame:
        return self.table("persons")

    def places(self) -> pd.DataFrame:
        return self.table("places")

    def pdf_tables(self) -> pd.DataFrame:
        return self.table("pdf_tables")

    def masking(self) -> pd.DataFrame:
        return self.table("masking")

    def document_versions(self) -> pd.DataFrame:
        return self.table("document_versions")


# --------------------------------------------------------------------------- output


def format_value(value: Any) -> str:
    """One value as `diarium sql --format csv` and docs/tables.md print it.

    >>> format_value(None), format_value(True), format_value([1, 2.5])
    ('', 'true', '[1, 2.5]')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | Decimal):
        return f"{float(value):.6g}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {format_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([format_value(v) for v in row])
    return buffer.getvalue()


def query_csv(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """Run one query and return its result as CSV (header, then rows)."""
    cursor = con.execute(query)
    columns = [d[0] for d in cursor.description or []]
    return to_csv(columns, cursor.fetchall())
