"""Questions the CLI and the web page ask of the analyst tables."""

from __future__ import annotations

from typing import Any

from diarium.archive import Archive
from diarium.tables import connect

#: Strongest role first when a document carries a case more than once.
_ROLE_ORDER = "CASE role WHEN 'own' THEN 0 WHEN 'referenced' THEN 1 ELSE 2 END"


def documents_for_case(archive: Archive, normalized: str) -> list[dict[str, Any]]:
    """Every document carrying the case (normalized form), oldest first, with its role."""
    sql = f"""
        SELECT d.document_id AS id, d.source, d.title, d.doc_type, d.date,
               arg_min(c.role, {_ROLE_ORDER}) AS role
        FROM case_numbers c JOIN documents d USING (document_id)
        WHERE c.case_number = ? AND d.status = 'ok'
        GROUP BY ALL
        ORDER BY d.date NULLS LAST, d.source
    """
    with connect(archive) as con:
        rows = con.execute(sql, [normalized]).fetchall()
        columns = ["id", "source", "title", "doc_type", "date", "role"]
    return [
        {**dict(zip(columns, row, strict=True)), "date": row[4].isoformat() if row[4] else None}
        for row in rows
    ]
