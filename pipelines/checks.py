"""The asset checks: what a run verifies after its assets, and whether it may go on.

Three blocking checks on `documents` hold a batch back from the index when it looks broken
(one per rule of `diarium.quality.RULES`, judged against the source's history); the others
look at the tables and the index after they are built. Each calls plain code in `diarium`
(`quality.judge`, `tables.check_*`) and only turns its outcome into an `AssetCheckResult`.

No `from __future__ import annotations` here: Dagster reads the annotations at decoration
time to find resources.
"""

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetChecksDefinition,
    AssetCheckSeverity,
    MetadataValue,
    asset_check,
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


def _batch_quality(
    context: AssetCheckExecutionContext, archive: ArchiveResource, rule: str
) -> AssetCheckResult:
    """Judge the documents read since the last index sync (from the run log) by one rule."""
    run = status.read_run(archive.open(), context.run.run_id) or {}
    verdict = quality.judge(run.get("quality", {}), rule, run.get("quality_history"))
    description: str | None = verdict.not_judged_because
    if not verdict.passed:
        description = f"{verdict.swedish()}. {ACCEPT_HINT}"
    return AssetCheckResult(
        passed=verdict.passed,
        severity=AssetCheckSeverity.ERROR,
        metadata={**verdict.metadata(), "finding": verdict.swedish()},
        description=description,
    )


def _batch_check(rule: str) -> AssetChecksDefinition:
    name, description = BATCH_CHECKS[rule]

    @asset_check(asset=documents, name=name, blocking=True, description=description)
    def check(context: AssetCheckExecutionContext, archive: ArchiveResource) -> AssetCheckResult:
        return _batch_quality(context, archive, rule)

    return check


@asset_check(asset=archive_tables, description="Every document has exactly one row in `documents`.")
def documents_table_complete(archive: ArchiveResource) -> AssetCheckResult:
    store = archive.open()
    with tables.connect(store) as con:
        outcome = tables.check_documents_complete(store, con)
    return AssetCheckResult(passed=outcome.passed, metadata=outcome.metadata)


@asset_check(asset=archive_tables, description="Every table's key is unique and never NULL.")
def table_keys_unique(archive: ArchiveResource) -> AssetCheckResult:
    with tables.connect(archive.open()) as con:
        outcome = tables.check_keys_unique(con)
    return AssetCheckResult(passed=outcome.passed, metadata=outcome.metadata)


@asset_check(
    asset=archive_tables,
    description="Every reference between tables resolves (no row points at a missing document or case).",
)
def table_foreign_keys_resolve(archive: ArchiveResource) -> AssetCheckResult:
    with tables.connect(archive.open()) as con:
        outcome = tables.check_foreign_keys(con)
    return AssetCheckResult(passed=outcome.passed, metadata=outcome.metadata)


@asset_check(
    asset=archive_tables,
    description="Warns when dates lie outside a sane range or a range ends before it starts.",
)
def table_dates_in_range(archive: ArchiveResource) -> AssetCheckResult:
    with tables.connect(archive.open()) as con:
        outcome = tables.check_date_ranges(con)
    return AssetCheckResult(
        passed=outcome.passed, severity=AssetCheckSeverity.WARN, metadata=outcome.metadata
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


@asset_check(
    asset=archive_tables,
    description="Warns when many readable tjänsteskrivelser in the archive carry no case number.",
)
def tjansteskrivelser_have_case_numbers(archive: ArchiveResource) -> AssetCheckResult:
    with tables.connect(archive.open()) as con:
        outcome = tables.check_memos_have_case_numbers(con)
    return AssetCheckResult(
        passed=outcome.passed,
        severity=AssetCheckSeverity.WARN,
        metadata={
            **outcome.metadata,
            "example_query": MetadataValue.md(
                "`diarium sql \"SELECT source FROM documents d WHERE doc_type = 'tjänsteskrivelse' "
                'AND NOT EXISTS (SELECT 1 FROM case_numbers c WHERE c.document_id = d.document_id)"`'
            ),
        },
    )


CHECKS = [
    *(_batch_check(rule) for rule in BATCH_CHECKS),
    documents_table_complete,
    table_keys_unique,
    table_foreign_keys_resolve,
    table_dates_in_range,
    index_matches_tables,
    tjansteskrivelser_have_case_numbers,
]
