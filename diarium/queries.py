"""Questions the CLI and the web page ask of the analyst tables."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from diarium import settings
from diarium.archive import Archive
from diarium.tables import connect
from extractors.diarienummer import normalize, parse_value, read_labelled
from extractors.extraction_rules import ROLE_STRENGTH


def canonical_case_number(value: str) -> str | None:
    """The case number a person asks for, as Diarium stores it; None when it is none.

    The grammar of `extractors.diarienummer` reads every spelling, Diarium's own canonical
    forms included; a value it takes only after a label (a registry's six-digit id such as
    ``292620``) is read as the extractor reads it there, so every case number shown opens.

    >>> canonical_case_number("tn 2019 3825"), canonical_case_number("2024-134")
    ('TN-2019-3825', '2024-134')
    >>> canonical_case_number("Dnr 2024-00134"), canonical_case_number("ks-2023-0249")
    ('2024-134', 'KS-2023-249')
    >>> canonical_case_number("292620"), canonical_case_number("strandskydd") is None
    ('292620', True)
    >>> canonical_case_number("RV180949"), canonical_case_number("09/TN 0044")
    ('RV-2018-949', 'TN-2009-44')
    """
    normalized = normalize(value)
    if normalized is not None:
        return normalized
    labelled = parse_value(value.strip())
    return labelled[0] if labelled else read_labelled(value)


#: The strongest role when a document carries a case more than once (`ROLE_STRENGTH`).
_ROLE_STRENGTH_SQL = (
    "CASE role "
    + " ".join(f"WHEN '{role}' THEN {strength}" for role, strength in ROLE_STRENGTH.items())
    + " ELSE -1 END"
)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description or []]
    return [
        {column: _iso(value) for column, value in zip(columns, row, strict=True)}
        for row in cursor.fetchall()
    ]


#: Documents secret under OSL as a whole (`masking` holds a `secret_document` row for them).
_SECRET_IDS = "SELECT document_id FROM masking WHERE kind = 'secret_document'"


def show_secret(operator_flag: bool = False) -> bool:
    """Whether views list documents secret under OSL as a whole: the same rule as the search
    index and the web page (`DIARIUM_INDEX_SECRET_DOCUMENTS`), or an operator's explicit
    flag; either way such documents are marked."""
    return operator_flag or settings.masking_policy().index_secret_documents


def documents_for_case(
    archive: Archive, normalized: str, *, include_secret: bool | None = None
) -> list[dict[str, Any]]:
    """Every readable document carrying the case, oldest first, with its role, and
    `secret` (true for a document secret under OSL, listed only when `include_secret`).

    `normalized` matches the canonical case number or the number as extraction normalized it,
    so a bare `2023-249` also finds the documents where it was qualified to `KS-2023-249`.
    """
    include = show_secret() if include_secret is None else include_secret
    sql = f"""
        SELECT d.document_id AS id, d.source, d.title, d.doc_type, d.date,
               arg_max(c.role, {_ROLE_STRENGTH_SQL}) AS role,
               d.document_id IN ({_SECRET_IDS}) AS secret
        FROM case_numbers c JOIN documents d USING (document_id)
        WHERE (c.case_number = $case OR c.normalized = $case) AND d.status = 'ok'
        GROUP BY ALL
        ORDER BY d.date NULLS LAST, d.source
    """
    with connect(archive) as con:
        found = _dicts(con.execute(sql, {"case": normalized}))
    return [doc for doc in found if include or not doc["secret"]]


def resolve_case(con: duckdb.DuckDBPyConnection, normalized: str) -> str:
    """The canonical case for a normalized number: itself when it is a case, else the one
    case it was qualified to (a bare `2023-249` written where the registry is known)."""
    if con.execute("SELECT 1 FROM cases WHERE case_number = ?", [normalized]).fetchone():
        return normalized
    found = con.execute(
        "SELECT DISTINCT case_number FROM case_numbers WHERE normalized = ?", [normalized]
    ).fetchall()
    return str(found[0][0]) if len(found) == 1 else normalized


def case_chain(
    archive: Archive, normalized: str, *, include_secret: bool | None = None
) -> dict[str, Any]:
    """The chain of a case: its documents in order (each with its stage and the decisions it
    holds on the case), and the links between consecutive steps (`case_links`).

    Returns ``{case_number, case, documents[{step, stage, role, id, source, title, doc_type,
    date, body, secret, decisions[{paragraph, body, text, date, proposed, kind}]}],
    links[…]}``; `case` is None when no document carries the case. Documents secret under
    OSL, their decisions and their links are left out unless `include_secret` (then marked
    `secret`).
    """
    include = show_secret() if include_secret is None else include_secret
    with connect(archive) as con:
        secret_ids = {row[0] for row in con.execute(_SECRET_IDS).fetchall()}
        case_number = resolve_case(con, normalized)
        cases = _dicts(
            con.execute(
                """SELECT series, registering_body, year, serial, documents, decisions,
                          first_seen, last_seen, title
                   FROM cases WHERE case_number = ?""",
                [case_number],
            )
        )
        documents = _dicts(
            con.execute(
                """SELECT cd.step, cd.stage, cd.role, d.document_id AS id, d.source, d.title,
                          d.doc_type, d.date, d.body
                   FROM case_documents cd JOIN documents d USING (document_id)
                   WHERE cd.case_number = ?
                   ORDER BY cd.step, d.date NULLS LAST, d.source""",
                [case_number],
            )
        )
        decisions = _dicts(
            con.execute(
                """SELECT document_id, paragraph, body, text, date, proposed, kind
                   FROM decisions WHERE case_number = ?
                   ORDER BY document_id, start""",
                [case_number],
            )
        )
        links = _dicts(
            con.execute(
                """SELECT from_document_id, to_document_id, relation, days, ordered_by
                   FROM case_links l JOIN case_documents f
                     ON f.case_number = l.case_number AND f.document_id = l.from_document_id
                   WHERE l.case_number = ?
                   ORDER BY f.step, l.from_document_id, l.to_document_id""",
                [case_number],
            )
        )
    case = cases[0] if cases else None
    hidden = set() if include else secret_ids
    if hidden & {d["id"] for d in documents}:
        # The case's summary row counts and titles every document; a reader who may not see
        # a secret one must not learn its title or its decisions from the summary either.
        hidden_titles = {d["title"] for d in documents if d["id"] in hidden}
        documents = [d for d in documents if d["id"] not in hidden]
        decisions = [d for d in decisions if d["document_id"] not in hidden]
        links = [
            link
            for link in links
            if link["from_document_id"] not in hidden and link["to_document_id"] not in hidden
        ]
        if case is not None and not documents:
            case = None
        elif case is not None:
            case["documents"] = len(documents)
            case["decisions"] = len(decisions)
            if case["title"] in hidden_titles:
                case["title"] = documents[0]["title"]
            dates = sorted(d["date"] for d in documents if d["date"])
            case["first_seen"] = dates[0] if dates else None
            case["last_seen"] = dates[-1] if dates else None
    for document in documents:
        document["secret"] = document["id"] in secret_ids
        document["decisions"] = [
            {k: v for k, v in d.items() if k != "document_id"}
            for d in decisions
            if d["document_id"] == document["id"]
        ]
    return {
        "case_number": case_number,
        "case": case,
        "documents": documents,
        "links": links,
    }
