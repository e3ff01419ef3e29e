"""The asset graph: source files → documents → (tables, search index).

Assets are thin: each calls plain code in `diarium.*` and reports what it did as metadata
for the Dagster UI. Data passes through the archive directory, not through IO managers, so
any asset can be re-materialized alone from the UI.

Partitions: `source_files` and `documents` are partitioned by source (`files`, `portal`,
`urls`): one run reads one source, a source that is down fails its own partition only, and
the UI shows per source when it was last read. The tables and the index are not
partitioned: they are rebuilt or synchronized over the whole archive in every run, which is
what makes them consistent whatever ran before. See the README ("Partitions").

No `from __future__ import annotations` here: Dagster reads the annotations at decoration
time to find config classes and resources.
"""

import time
from dataclasses import asdict
from typing import Optional

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    Config,
    Failure,
    MaterializeResult,
    MetadataValue,
    ResourceParam,
    StaticPartitionsDefinition,
    asset,
    asset_check,
)
from pydantic import Field

from diarium import catalog, ingest, quality, settings, status, tables
from diarium.lock import archive_lock
from diarium.tables.version import tables_code_version
from pipelines.resources import (
    ArchiveResource,
    DropFolderResource,
    ExtractorResource,
    MeetingPortalResource,
    ProgressReporter,
    SearchIndexResource,
    WebUrlsResource,
    source_resources,
)

GROUP = "ingestion"
#: One partition per kind of source; see the module docstring and the README.
SOURCES = StaticPartitionsDefinition(list(settings.SOURCE_NAMES))
#: A step waits this long for another process writing the archive before failing.
LOCK_WAIT_SECONDS = 900.0
#: Where the next step finds the plan of the current run, per source.
MANIFEST = "manifest-{partition}"


class SourceFilesConfig(Config):
    retry_failed: bool = Field(
        default=False,
        description="Also re-read documents that failed before although they are unchanged.",
    )
    only_failed: bool = Field(
        default=False,
        description="Re-read only the documents that failed before (nothing new is listed).",
    )
    meeting_from: Optional[str] = Field(  # noqa: UP045 - Dagster config needs Optional
        default=None,
        description="Portal: first meeting date (YYYY-MM-DD) to list, for a backfill.",
    )
    meeting_to: Optional[str] = Field(  # noqa: UP045
        default=None, description="Portal: last meeting date (YYYY-MM-DD) to list."
    )
    reprocess: bool = Field(
        default=False,
        description="Read every document of the source again (after a fix in readers or extraction).",
    )
    accept_quality: bool = Field(
        default=False,
        description="Index the documents that a blocking quality check held back, as they are.",
    )


def _launched_by(context: AssetExecutionContext) -> str:
    tags = context.run.tags
    if "diarium/launched_by" in tags:
        return tags["diarium/launched_by"]
    if "dagster/schedule_name" in tags:
        return f"schedule {tags['dagster/schedule_name']}"
    if "dagster/sensor_name" in tags:
        return f"sensor {tags['dagster/sensor_name']}"
    return "ui"


@asset(
    group_name=GROUP,
    partitions_def=SOURCES,
    description="The documents a source holds now (listed, downloaded when remote, hashed when changed), compared with the archive.",
)
def source_files(
    context: AssetExecutionContext,
    config: SourceFilesConfig,
    archive: ArchiveResource,
    drop_folder: DropFolderResource,
    portal: MeetingPortalResource,
    web_urls: WebUrlsResource,
) -> MaterializeResult:
    started = time.perf_counter()
    partition = context.partition_key
    store = archive.open()
    source = source_resources(drop_folder, portal, web_urls)[partition]
    with archive_lock(store, wait=LOCK_WAIT_SECONDS):
        status.start_run(
            store, context.run.run_id, partition=partition, launched_by=_launched_by(context)
        )
        if config.accept_quality:
            accepted = quality.clear_pending(store)
            context.log.warning(f"{accepted} documents held back by a quality check accepted")
        if not source.configured and not config.only_failed:
            # Reading nothing and reporting success would tell the operator all is well.
            raise Failure(description=ingest.not_configured(partition))
        plan = source.plan(store, catalog.load(store), config)
        store.write_state(
            MANIFEST.format(partition=partition),
            {
                "run_id": context.run.run_id,
                "items": [asdict(item) for item in plan.items],
                "fetch_errors": plan.fetch_errors,
            },
        )
        counts = plan.counts()
        status.update_run(
            store, context.run.run_id, counts=counts, listing_errors=plan.listing_errors
        )
    for problem in plan.listing_errors[:20]:
        context.log.warning(f"listing page failed: {problem}")
    for error in plan.fetch_errors[:20]:
        context.log.warning(
            f"download failed, archived copy kept: {error['source']}: {error['reason']}"
        )
    context.log.info(f"{partition}: {counts}")
    return MaterializeResult(
        metadata={
            **counts,
            "source": partition,
            "configured": source.configured,
            "seconds": round(time.perf_counter() - started, 3),
        }
    )


@asset(
    group_name=GROUP,
    partitions_def=SOURCES,
    deps=[source_files],
    description="New and changed documents read (PDF, text, Markdown, HTML) and extracted, one record each with its status.",
)
def documents(
    context: AssetExecutionContext,
    archive: ArchiveResource,
    extractor: ExtractorResource,
    progress: ResourceParam[ProgressReporter],
) -> MaterializeResult:
    partition = context.partition_key
    store = archive.open()
    with archive_lock(store, wait=LOCK_WAIT_SECONDS):
        manifest = store.read_state(MANIFEST.format(partition=partition), {}) or {}
        planned = [ingest.SourceFile(**item) for item in manifest.get("items", [])]
        plan = ingest.SourcePlan(
            partition, items=planned, fetch_errors=manifest.get("fetch_errors", [])
        )
        summary = ingest.process(
            store, planned, extractor.get(), workers=extractor.workers, on_progress=progress
        )
        pending = quality.add_pending(store, summary.observations)
        known = catalog.load(store)
        lines = summary.outcomes + ingest.skipped_lines(plan, known)
        status.write_documents(store, context.run.run_id, lines)
        status.update_run(
            store,
            context.run.run_id,
            counts={
                "processed": summary.processed,
                "ok": summary.ok,
                "failed": summary.failed,
                "needs_ocr": summary.needs_ocr,
                "skipped_unchanged": sum(1 for i in planned if i.change == "unchanged"),
                "pages": summary.pages,
            },
            quality=pending.as_dict(),
            quality_history=quality.baseline(store),
        )
    if summary.failed or summary.needs_ocr:
        context.log.warning(
            f"{summary.failed} failed, {summary.needs_ocr} need OCR: see `diarium status`"
        )
    words_per_s = summary.words / summary.seconds if summary.seconds else 0.0
    return MaterializeResult(
        metadata={
            **summary.as_metadata(),
            "skipped_unchanged": sum(1 for i in planned if i.change == "unchanged"),
            "words_per_s": round(words_per_s),
            "archive_documents": len(known),
            "archive_failed": sum(1 for e in known.values() if e.status != "ok"),
        }
    )


@asset(
    group_name=GROUP,
    deps=[documents],
    description="Analyst tables as Parquet and DuckDB, rebuilt from the records when any record changed.",
)
def archive_tables(archive: ArchiveResource) -> MaterializeResult:
    started = time.perf_counter()
    store = archive.open()
    with archive_lock(store, wait=LOCK_WAIT_SECONDS):
        known = catalog.load(store)
        fingerprint = f"{catalog.fingerprint(known)}:{tables_code_version()}"
        built = store.read_state("tables_built", {}) or {}
        if built.get("fingerprint") == fingerprint and store.duckdb_path.exists():
            counts = built.get("rows", {})
            rebuilt = False
        else:
            counts = tables.build_tables(store)
            store.write_state("tables_built", {"fingerprint": fingerprint, "rows": counts})
            rebuilt = True
    return MaterializeResult(
        metadata={
            **{f"rows_{name}": count for name, count in counts.items()},
            "rebuilt": rebuilt,
            "seconds": round(time.perf_counter() - started, 3),
        }
    )


@asset(
    group_name=GROUP,
    deps=[documents],
    description="The full-text search index, holding exactly the archive's readable documents.",
)
def search_index(archive: ArchiveResource, search: SearchIndexResource) -> MaterializeResult:
    started = time.perf_counter()
    store = archive.open()
    with archive_lock(store, wait=LOCK_WAIT_SECONDS):
        backend = search.open(store, writable=True)
        try:
            summary = ingest.sync_index(store, backend)
        finally:
            backend.close()
        # The blocking checks let this run through, so what they held is now indexed.
        quality.clear_pending(store)
    return MaterializeResult(
        metadata={**asdict(summary), "seconds": round(time.perf_counter() - started, 3)}
    )


# -- checks ----------------------------------------------------------------------------


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


#: How to go on when a blocking check held a batch back (the records stay written).
ACCEPT_HINT = (
    "De lästa dokumenten är sparade men inte indexerade; läs om dem efter en rättelse "
    "(`diarium ingest --reprocess`) eller godta dem som de är med "
    "`diarium ingest --accept-quality` (i launchpad: accept_quality: true)"
)


@asset_check(
    asset=documents,
    blocking=True,
    description="Blocks indexing when far more tjänsteskrivelser read since the last index sync lack a case number than in this source's indexed history (extraction has broken); judges nothing without 20 documents of history.",
)
def batch_memos_have_case_numbers(
    context: AssetCheckExecutionContext, archive: ArchiveResource
) -> AssetCheckResult:
    return _batch_quality(context, archive, "memos_without_case_number")


@asset_check(
    asset=documents,
    blocking=True,
    description="Blocks indexing when far more protokoll, tjänsteskrivelser and other dated documents read since the last index sync lack a date than in this source's indexed history; judges nothing without 20 documents of history.",
)
def batch_documents_have_dates(
    context: AssetCheckExecutionContext, archive: ArchiveResource
) -> AssetCheckResult:
    return _batch_quality(context, archive, "undated")


@asset_check(
    asset=documents,
    blocking=True,
    description="Blocks indexing when most documents read since the last index sync failed or were read as empty (a reader has broken).",
)
def batch_documents_readable(
    context: AssetCheckExecutionContext, archive: ArchiveResource
) -> AssetCheckResult:
    return _batch_quality(context, archive, "failed")


@asset_check(asset=archive_tables, description="Every document has exactly one row in `documents`.")
def documents_table_complete(archive: ArchiveResource) -> AssetCheckResult:
    store = archive.open()
    record_ids = set(catalog.load(store))
    with tables.connect(store) as con:
        rows = con.execute("SELECT document_id, count(*) FROM documents GROUP BY 1").fetchall()
    table_ids = {doc_id for doc_id, _ in rows}
    duplicated = [doc_id for doc_id, count in rows if count > 1]
    return AssetCheckResult(
        passed=table_ids == record_ids and not duplicated,
        metadata={
            "records": len(record_ids),
            "missing_from_table": len(record_ids - table_ids),
            "not_in_records": len(table_ids - record_ids),
            "duplicated": len(duplicated),
        },
    )


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
    # Documents secret under OSL as a whole are kept out of the index by default.
    withheld = (
        ""
        if settings.masking_policy().index_secret_documents
        else " AND document_id NOT IN"
        " (SELECT document_id FROM masking WHERE kind = 'secret_document')"
    )
    with tables.connect(store) as con:
        ok_ids = {
            row[0]
            for row in con.execute(
                "SELECT document_id FROM documents WHERE status = 'ok'" + withheld
            ).fetchall()
        }
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
    return AssetCheckResult(
        passed=share <= 0.2,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "tjänsteskrivelser": memos,
            "without_case_number": without,
            "share": round(share, 3),
            "example_query": MetadataValue.md(
                "`diarium sql \"SELECT source FROM documents d WHERE doc_type = 'tjänsteskrivelse' "
                'AND NOT EXISTS (SELECT 1 FROM case_numbers c WHERE c.document_id = d.document_id)"`'
            ),
        },
    )


CHECKS = [
    batch_memos_have_case_numbers,
    batch_documents_have_dates,
    batch_documents_readable,
    documents_table_complete,
    table_keys_unique,
    table_foreign_keys_resolve,
    table_dates_in_range,
    index_matches_tables,
    tjansteskrivelser_have_case_numbers,
]
ASSETS = [source_files, documents, archive_tables, search_index]
