"""Quality checks of built tables (asset checks in Dagster, `tests/test_tables.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    # Only in annotations: DuckDB imports pandas itself when a frame is asked for, and
    # `diarium case`/`diarium sql` should not pay about 0.5 s for it.
    pass

from diarium.archive import Archive
from diarium.tables.schema import SCHEMA


@dataclass
class CheckOutcome:
    passed: bool
    metadata: dict[str, Any]


def check_keys_unique(con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Every table's key is unique and never NULL."""
    problems: dict[str, int] = {}
    for spec in SCHEMA.values():
        key = ", ".join(f'"{k}"' for k in spec.key)
        nulls = " OR ".join(f'"{k}" IS NULL' for k in spec.key)
        row = con.execute(
            f"SELECT (SELECT count(*) FROM (SELECT {key} FROM {spec.name} "
            f"GROUP BY ALL HAVING count(*) > 1)), (SELECT count(*) FROM {spec.name} WHERE {nulls})"
        ).fetchone()
        duplicated, null_keys = row if row else (0, 0)
        if duplicated:
            problems[f"{spec.name}: duplicated keys"] = int(duplicated)
        if null_keys:
            problems[f"{spec.name}: NULL keys"] = int(null_keys)
    return CheckOutcome(not problems, {"tables": len(SCHEMA), **problems})


def check_foreign_keys(con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Every reference resolves: no row points at a document, case or body that is not there."""
    orphans: dict[str, int] = {}
    checked = 0
    for spec in SCHEMA.values():
        for column, table, target in spec.references:
            checked += 1
            row = con.execute(
                f'SELECT count(*) FROM {spec.name} s WHERE s."{column}" IS NOT NULL '
                f'AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t."{target}" = s."{column}")'
            ).fetchone()
            if row and row[0]:
                orphans[f"{spec.name}.{column} → {table}.{target}"] = int(row[0])
    return CheckOutcome(not orphans, {"references": checked, **orphans})


def check_documents_complete(archive: Archive, con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Every record has exactly one row in `documents`, and `documents` holds nothing else."""
    record_ids = {path.stem for path in archive.records_dir.glob("*.json")}
    rows = con.execute("SELECT document_id, count(*) FROM documents GROUP BY 1").fetchall()
    table_ids = {doc_id for doc_id, _ in rows}
    duplicated = sum(1 for _, count in rows if count > 1)
    missing = len(record_ids - table_ids)
    extra = len(table_ids - record_ids)
    return CheckOutcome(
        not (missing or extra or duplicated),
        {
            "records": len(record_ids),
            "missing_from_table": missing,
            "not_in_records": extra,
            "duplicated": duplicated,
        },
    )


#: Sane ranges: a municipal document is dated from 1950 to two years ahead (a kallelse or a
#: plan); a date mentioned in a text may reach back to old decisions and forward to targets.
def date_ranges(today: date | None = None) -> dict[str, tuple[date, date]]:
    today = today or date.today()
    ahead = today.replace(year=today.year + 2, day=min(today.day, 28))
    return {
        "documents.date": (date(1950, 1, 1), ahead),
        "documents.meeting_date": (date(1950, 1, 1), ahead),
        "decisions.date": (date(1950, 1, 1), ahead),
        "cases.first_seen": (date(1950, 1, 1), ahead),
        "cases.last_seen": (date(1950, 1, 1), ahead),
        "dates.date": (date(1800, 1, 1), date(2100, 12, 31)),
        "dates.end_date": (date(1800, 1, 1), date(2100, 12, 31)),
    }


def check_date_ranges(con: duckdb.DuckDBPyConnection, today: date | None = None) -> CheckOutcome:
    """Dates lie in a sane range, and a range never ends before it starts."""
    out_of_range: dict[str, int] = {}
    for qualified, (low, high) in date_ranges(today).items():
        table, column = qualified.split(".")
        row = con.execute(
            f'SELECT count(*) FROM {table} WHERE "{column}" NOT BETWEEN ? AND ?', [low, high]
        ).fetchone()
        if row and row[0]:
            out_of_range[qualified] = int(row[0])
    row = con.execute("SELECT count(*) FROM dates WHERE end_date < date").fetchone()
    if row and row[0]:
        out_of_range["dates.end_date before dates.date"] = int(row[0])
    return CheckOutcome(not out_of_range, {"columns": len(date_ranges(today)), **out_of_range})


def readable_document_ids(con: duckdb.DuckDBPyConnection, *, include_secret: bool) -> set[str]:
    """The documents the search index should hold: readable ones, without those secret under
    OSL as a whole unless they are indexed too (`DIARIUM_INDEX_SECRET_DOCUMENTS`)."""
    withheld = (
        ""
        if include_secret
        else " AND document_id NOT IN"
        " (SELECT document_id FROM masking WHERE kind = 'secret_document')"
    )
    sql = "SELECT document_id FROM documents WHERE status = 'ok'" + withheld
    return {row[0] for row in con.execute(sql).fetchall()}


def check_memos_have_case_numbers(
    con: duckdb.DuckDBPyConnection, max_share: float = 0.2
) -> CheckOutcome:
    """At most `max_share` of the readable tjänsteskrivelser carry no case number."""
    row = con.execute(
        """
        SELECT count(*),
               count(*) FILTER (WHERE NOT EXISTS (
                   SELECT 1 FROM case_numbers c WHERE c.document_id = d.document_id))
        FROM documents d
        WHERE d.status = 'ok' AND d.doc_type = 'tjänsteskrivelse'
        """
    ).fetchone()
    memos, without = row if row else (0, 0)
    share = without / memos if memos else 0.0
    return CheckOutcome(
        share <= max_share,
        {"tjänsteskrivelser": memos, "without_case_number": without, "share": round(share, 3)},
    )
