"""The asset graph: source files → documents → (tables, search index).

Assets are thin: each calls plain code in `diarium.ingest` / `diarium.tables` and reports
what it did as metadata for the Dagster UI. Data passes through the archive directory, not
through IO managers, so any asset can be re-materialized alone from the UI.

No `from __future__ import annotations` here: Dagster reads the annotations at decoration
time to find config classes and resources.
"""

from collections import Counter
from dataclasses import asdict

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    Config,
    MaterializeResult,
    ResourceParam,
    asset,
    asset_check,
)

from diarium import ingest, tables
from pipelines.resources import (
    ArchiveResource,
    DocumentSourcesResource,
    ExtractorResource,
    ProgressReporter,
    SearchIndexResource,
)

GROUP = "ingestion"


class SourceFilesConfig(Config):
    retry_failed: bool = False
    """Also re-read documents that failed before although their files are unchanged."""


@asset(
    group_name=GROUP,
    description="Source files found under the configured paths, hashed and compared with the archive.",
)
def source_files(
    context: AssetExecutionContext,
    config: SourceFilesConfig,
    archive: ArchiveResource,
    sources: DocumentSourcesResource,
) -> MaterializeResult:
    store = archive.open()
    planned = ingest.plan(store, sources.paths, retry_failed=config.retry_failed)
    store.write_state("manifest", [asdict(item) for item in planned])
    changes = Counter(item.change for item in planned)
    context.log.info(f"{len(planned)} source files: {dict(changes)}")
    return MaterializeResult(
        metadata={
            "seen": len(planned),
            "new": changes["new"],
            "changed": changes["changed"],
            "unchanged": changes["unchanged"],
            "retried": changes["retry"],
            "sources": ", ".join(sources.paths),
        }
    )


@asset(
    group_name=GROUP,
    deps=[source_files],
    description="New and changed documents read (PDF, text, Markdown, HTML) and extracted, one record each with its status.",
)
def documents(
    context: AssetExecutionContext,
    archive: ArchiveResource,
    extractor: ExtractorResource,
    progress: ResourceParam[ProgressReporter],
) -> MaterializeResult:
    store = archive.open()
    planned = [ingest.SourceFile(**item) for item in store.read_state("manifest", [])]
    summary = ingest.process(store, planned, extractor.get(), on_progress=progress)
    if summary.failed or summary.needs_ocr:
        context.log.warning(
            f"{summary.failed} failed, {summary.needs_ocr} need OCR: see `diarium status`"
        )
    words_per_s = summary.words / summary.seconds if summary.seconds else 0.0
    return MaterializeResult(metadata={**summary.as_metadata(), "words_per_s": round(words_per_s)})


@asset(
    group_name=GROUP,
    deps=[documents],
    description="Analyst tables as Parquet and DuckDB, rebuilt from the records.",
)
def archive_tables(archive: ArchiveResource) -> MaterializeResult:
    counts = tables.build_tables(archive.open())
    return MaterializeResult(metadata={f"rows_{name}": count for name, count in counts.items()})


@asset(
    group_name=GROUP,
    deps=[documents],
    description="The full-text search index, holding exactly the archive's readable documents.",
)
def search_index(archive: ArchiveResource, search: SearchIndexResource) -> MaterializeResult:
    store = archive.open()
    backend = search.open(store)
    try:
        summary = ingest.sync_index(store, backend)
    finally:
        backend.close()
    return MaterializeResult(metadata=asdict(summary))


@asset_check(asset=archive_tables, description="Every document has exactly one row in `documents`.")
def documents_table_complete(archive: ArchiveResource) -> AssetCheckResult:
    store = archive.open()
    record_ids = {r["id"] for r in store.iter_records()}
    with tables.connect(store) as con:
        rows = con.execute("SELECT document_id, count(*) FROM documents GROUP BY 1").fetchall()
    table_ids = {doc_id for doc_id, _ in rows}
    duplicated = [doc_id for doc_id, count in rows if count > 1]
    return AssetCheckResult(
        passed=table_ids == record_ids and not duplicated,
        metadata={
            "records": len(record_ids),
            "missing_from_table": len(record_ids - table_ids),
            "duplicated": len(duplicated),
        },
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
    with tables.connect(store) as con:
        ok_ids = {
            row[0]
            for row in con.execute(
                "SELECT document_id FROM documents WHERE status = 'ok'"
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
    asset=documents, description="Warns when many readable tjänsteskrivelser carry no case number."
)
def tjansteskrivelser_have_case_numbers(archive: ArchiveResource) -> AssetCheckResult:
    store = archive.open()
    memos = [
        r
        for r in store.iter_records()
        if r["status"] == "ok" and r["extraction"]["doc_type"] == "tjänsteskrivelse"
    ]
    without = [r["source"] for r in memos if not r["extraction"]["case_numbers"]]
    share = len(without) / len(memos) if memos else 0.0
    return AssetCheckResult(
        passed=share <= 0.2,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "tjänsteskrivelser": len(memos),
            "without_case_number": len(without),
            "share": round(share, 3),
        },
    )
