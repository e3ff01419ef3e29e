"""The asset checks: what a run verifies after its assets, and whether it may go on.

Three blocking checks on `documents` hold a batch back from the index when it looks broken
(one per rule of `diarium.quality.RULES`, judged against the source's history); the others
look at the tables and the index after they are built. Each calls plain code in `diarium`
(`quality.judge`, `tables.check_*`) and only turns its outcome into an `AssetCheckResult`.

No `from __future__ import annotations` here: Dagster reads the annotations at decoration
time to find resources.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    MetadataValue,
    asset_check,
    multi_asset_check,
)

from diarium import quality, settings, status, tables
from diarium.quality import ACCEPT_HINT
from pipelines.assets import archive_tables, documents, search_index
from pipelines.resources import ArchiveResource, SearchIndexResource

#: The blocking batch checks: Dagster's name and description for each rule of `quality.RULES`.
BATCH_CHECKS = {
    "memos_without_case_number": (
        "batch_memos_have_case_numbers",
        "Blocks indexing when far more tjänsteskrivelser read since the last index sync lack a case number than in this source's indexed history (extraction has broken); judges nothing without 20 documents of history.",
    ),
    "undated": (
        "batch_documents_have_dates",
        "Blocks indexing when far more protokoll, tjänsteskrivelser and other dated documents read since the last index sync lack a date than in this source's indexed history; judges nothing without 20 documents of history.",
    ),
    "failed": (
        "batch_documents_readable",
        "Blocks indexing when most documents read since the last index sync failed or were read as empty (a reader has broken).",
    ),
}


def _batch_result(run: dict[str, Any], rule: str) -> AssetCheckResult:
    """Judge the documents read since the last index sync (from the run log) by one rule."""
    verdict = quality.judge(run.get("quality", {}), rule, run.get("quality_history"))
    description: str | None = verdict.not_judged_because
    if not verdict.passed:
        description = f"{verdict.swedish()}. {ACCEPT_HINT}"
    return AssetCheckResult(
        check_name=BATCH_CHECKS[rule][0],
        asset_key=documents.key,
        passed=verdict.passed,
        severity=AssetCheckSeverity.ERROR,
        metadata={**verdict.metadata(), "finding": verdict.swedish()},
        description=description,
    )


# The checks of one asset run as one step (one read of the run log, one DuckDB connection):
# Dagster writes a handful of events and a step's worth of storage per step, which was a tenth
# of a small run's time spent on checks. Each check keeps its own name, result and severity.


@multi_asset_check(
    specs=[
        AssetCheckSpec(name, asset=documents, blocking=True, description=description)
        for name, description in BATCH_CHECKS.values()
    ]
)
def batch_checks(
    context: AssetCheckExecutionContext, archive: ArchiveResource
) -> Iterator[AssetCheckResult]:
    run = status.read_run(archive.open(), context.run.run_id) or {}
    for rule in BATCH_CHECKS:
        yield _batch_result(run, rule)


@dataclass(frozen=True)
class _TableCheck:
    description: str
    severity: AssetCheckSeverity
    #: The plain check of `diarium.tables` on the archive and an open connection (looked up
    #: when it runs: importing `diarium.tables.checks` imports DuckDB).
    run: Callable[[Any, Any], Any]
    #: Metadata of its own, beside the outcome's.
    extra: dict[str, Any] = field(default_factory=dict)


_MEMOS_WITHOUT_CASE_NUMBER_QUERY = MetadataValue.md(
    "`diarium sql \"SELECT source FROM documents d WHERE doc_type = 'tjänsteskrivelse' "
    'AND NOT EXISTS (SELECT 1 FROM case_numbers c WHERE c.document_id = d.document_id)"`'
)

#: The checks of the tables, by name.
TABLE_CHECKS: dict[str, _TableCheck] = {
    "documents_table_complete": _TableCheck(
        "Every document has exactly one row in `documents`.",
        AssetCheckSeverity.ERROR,
        lambda store, con: tables.check_documents_complete(store, con),
    ),
    "table_keys_unique": _TableCheck(
        "Every table's key is unique and never NULL.",
        AssetCheckSeverity.ERROR,
        lambda store, con: tables.check_keys_unique(con),
    ),
    "table_foreign_keys_resolve": _TableCheck(
        "Every reference between tables resolves (no row points at a missing document or case).",
        AssetCheckSeverity.ERROR,
        lambda store, con: tables.check_foreign_keys(con),
    ),
    "table_dates_in_range": _TableCheck(
        "Warns when dates lie outside a sane range or a range ends before it starts.",
        AssetCheckSeverity.WARN,
        lambda store, con: tables.check_date_ranges(con),
    ),
    "tjansteskrivelser_have_case_numbers": _TableCheck(
        "Warns when many readable tjänsteskrivelser in the archive carry no case number.",
        AssetCheckSeverity.WARN,
        lambda store, con: tables.check_memos_have_case_numbers(con),
        {"example_query": _MEMOS_WITHOUT_CASE_NUMBER_QUERY},
    ),
}


@multi_asset_check(
    specs=[
        AssetCheckSpec(name, asset=archive_tables, description=check.description)
        for name, check in TABLE_CHECKS.items()
    ]
)
def table_checks(archive: ArchiveResource) -> Iterator[AssetCheckResult]:
    store = archive.open()
    with tables.connect(store) as con:
        outcomes = {name: check.run(store, con) for name, check in TABLE_CHECKS.items()}
    for name, outcome in outcomes.items():
        check = TABLE_CHECKS[name]
        yield AssetCheckResult(
            check_name=name,
            asset_key=archive_tables.key,
            passed=outcome.passed,
            severity=check.severity,
            metadata={**outcome.metadata, **check.extra},
        )


@asset_check(
    asset=search_index,
    additional_deps=[archive_tables],
    description="The search index and the tables hold the same readable documents.",
)
def index_matches_tables(archive: ArchiveResource, search: SearchIndexResource) -> AssetCheckResult:
    store = archive.open()
    backend = search.open(store)
    try:
        indexed = backend.ids()
    finally:
        backend.close()
    include_secret = settings.masking_policy().index_secret_documents
    with tables.connect(store) as con:
        ok_ids = tables.readable_document_ids(con, include_secret=include_secret)
    return AssetCheckResult(
        passed=indexed == ok_ids,
        severity=AssetCheckSeverity.ERROR,
        metadata={
            "indexed": len(indexed),
            "ok_in_tables": len(ok_ids),
            "only_in_index": len(indexed - ok_ids),
            "only_in_tables": len(ok_ids - indexed),
        },
    )


CHECKS = [batch_checks, table_checks, index_matches_tables]
