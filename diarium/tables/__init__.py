"""Analyst tables: built from the archive's records into Parquet files and a DuckDB database.

One module per concern: `schema` (the tables as data), `values` (lenient coercions), `rows`
(records into rows), `chains` (case chains and the cases table), `store` (building and
writing, atomically), `read` (connections, frames, CSV), `checks` (quality checks), `version`
(the code the tables are built by, so a change rebuilds them). The names below are this
package's interface; they are imported on first use, so that asking for the code version
(every run does) imports neither DuckDB nor Arrow.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diarium.tables.checks import (
        CheckOutcome,
        check_date_ranges,
        check_documents_complete,
        check_foreign_keys,
        check_keys_unique,
        check_memos_have_case_numbers,
        date_ranges,
        readable_document_ids,
    )
    from diarium.tables.read import (
        Tables,
        connect,
        format_value,
        query_csv,
        read_table,
        secret_documents,
        to_csv,
    )
    from diarium.tables.rows import page_list
    from diarium.tables.schema import (
        SCHEMA,
        TABLE_NAMES,
        Column,
        TableSpec,
        arrow_schema,
        create_statement,
        schema_markdown,
    )
    from diarium.tables.store import BuildReport, build, build_tables

_HOMES = {
    "Column": "schema",
    "TableSpec": "schema",
    "SCHEMA": "schema",
    "TABLE_NAMES": "schema",
    "arrow_schema": "schema",
    "create_statement": "schema",
    "schema_markdown": "schema",
    "page_list": "rows",
    "BuildReport": "store",
    "build": "store",
    "build_tables": "store",
    "connect": "read",
    "secret_documents": "read",
    "read_table": "read",
    "Tables": "read",
    "format_value": "read",
    "to_csv": "read",
    "query_csv": "read",
    "CheckOutcome": "checks",
    "check_keys_unique": "checks",
    "check_foreign_keys": "checks",
    "check_documents_complete": "checks",
    "date_ranges": "checks",
    "check_date_ranges": "checks",
    "check_memos_have_case_numbers": "checks",
    "readable_document_ids": "checks",
}
__all__ = [
    "SCHEMA",
    "TABLE_NAMES",
    "BuildReport",
    "CheckOutcome",
    "Column",
    "TableSpec",
    "Tables",
    "arrow_schema",
    "build",
    "build_tables",
    "check_date_ranges",
    "check_documents_complete",
    "check_foreign_keys",
    "check_keys_unique",
    "check_memos_have_case_numbers",
    "connect",
    "create_statement",
    "date_ranges",
    "format_value",
    "page_list",
    "preload",
    "query_csv",
    "read_table",
    "readable_document_ids",
    "schema_markdown",
    "secret_documents",
    "to_csv",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"diarium.tables.{home}"), name)


def preload() -> None:
    """Import what building and checking the tables needs (DuckDB, Arrow, and pandas, which
    Arrow imports on its first array when it is installed): about 0.35 s of CPU that a run
    can spend while its readers work, in a thread, instead of after them on one core."""
    import pyarrow as pa

    importlib.import_module("diarium.tables.store")
    importlib.import_module("diarium.tables.checks")
    pa.array([0])
