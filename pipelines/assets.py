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

import threading
import time
from dataclasses import asdict
from typing import Optional

from dagster import (
    AssetExecutionContext,
    Config,
    Failure,
    MaterializeResult,
    ResourceParam,
    StaticPartitionsDefinition,
    asset,
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
        if planned:
            # The tables are built after this step, on one core: their imports go now.
            threading.Thread(target=tables.preload, name="tables-preload", daemon=True).start()
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


ASSETS = [source_files, documents, archive_tables, search_index]
