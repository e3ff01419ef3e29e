"""Parallel ingestion: one large ingestion split into batches that several workers read at
once, followed by one tables build and one index sync.

    plan_batches ──▶ read_batch[files_00000] ─┐
                 ├─▶ read_batch[files_00001] ─┼─▶ build_archive (run log, quality,
                 └─▶ read_batch[…]           ─┘    tables once, index once)

`plan_batches` lists the source (the files given in the run config, else the drop folder)
against the archive and deals the new and changed documents into batches of about
`batch_size`, balanced by size; each batch is a mapped step keyed `<source>_<n>` (source ×
batch). The steps run on Dagster's own workers: `ingest_parallel` on the multiprocess
executor (one process per batch, `max_concurrent` at a time, on one machine), and
`ingest_parallel_celery` on dagster-celery (each batch a task on any Celery worker that
listens on the queue, on any machine; RabbitMQ or Redis as broker).

A batch writes its records through `diarium.record_store`: into the records folder by atomic
renames, or into PostgreSQL (`DIARIUM_RECORDS_URL`) by atomic upserts, never under the
archive's lock. Only `build_archive`, which runs once, takes the lock, for the tables and
the index. A batch that fails (its worker killed, the machine gone) fails the run after the
other batches finished; the daemon's run retries start it again from the failure (tag
`dagster/retry_on_asset_or_op_failure`), so only the failed batches are read again. Two
runs over overlapping files write the same documents' records twice, each write whole.

Why batches are mapped steps of one run rather than partitions of an asset, each its own
run: a run costs seconds of process start and imports before it reads a page (more than a
small batch takes to read), and the one tables build and index sync after all batches is
one step of the same run instead of a second job triggered when a backfill ends. The
source partitions of `ingest` stay as they are.

No `from __future__ import annotations`: Dagster reads the annotations at decoration time.
"""

import heapq
import os
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any, Optional

from dagster import (
    AssetMaterialization,
    Config,
    ConfigurableResource,
    DynamicOut,
    DynamicOutput,
    EnvVar,
    Failure,
    In,
    Noneable,
    OpExecutionContext,
    Out,
    Permissive,
    StringSource,
    executor,
    graph,
    multiprocess_executor,
    op,
)
from dagster import Field as ConfigField
from dagster._core.definitions.executor_definition import multiple_process_executor_requirements
from dagster._core.execution.retries import get_retries_config
from pydantic import Field

from diarium import catalog, ingest, quality, settings, status, tables
from diarium import record_store as record_stores
from diarium.archive import Archive
from diarium.lock import archive_lock
from diarium.watches import store as watch_store
from diarium.watches.check import check_watches
from diarium.watches.mail import MailSettings, send_digests
from pipelines import assets
from pipelines.resources import (
    ArchiveResource,
    DropFolderResource,
    ExtractorResource,
    SearchIndexResource,
)

#: The step that builds tables and index waits this long for another writer's lock.
LOCK_WAIT_SECONDS = 900.0
#: Run tags of both jobs: a failed batch fails the run, and the daemon retries the run from
#: the failure (deploy/dagster.yaml: run_retries), reading only the failed batches again.
RETRY_TAGS = {"dagster/retry_on_asset_or_op_failure": "true"}


class RecordsResource(ConfigurableResource):
    """Where batches write records: PostgreSQL when `url` (DIARIUM_RECORDS_URL) is set,
    else the archive's records folder."""

    url: Optional[str] = Field(  # noqa: UP045 - Dagster config needs Optional
        default=None,
        description="postgresql://user:password@host:port/db of the records table (DIARIUM_RECORDS_URL).",
    )

    def open(self, archive: Archive) -> record_stores.RecordStore:
        return record_stores.open_store(archive, self.url or "")


def records_resource() -> RecordsResource:
    """From the environment, the URL (it holds a password) through EnvVar."""
    return RecordsResource(
        url=EnvVar(record_stores.RECORDS_URL_VARIABLE)
        if settings.is_set(record_stores.RECORDS_URL_VARIABLE)
        else None
    )


class ParallelIngestConfig(Config):
    paths: list[str] = Field(
        default_factory=list,
        description="Files or folders to read (recursively); empty: the drop folder.",
    )
    batch_size: int = Field(
        default=100, ge=1, description="Documents per batch (one step, one worker at a time)."
    )
    retry_failed: bool = Field(
        default=False, description="Also re-read documents that failed before."
    )
    reprocess: bool = Field(default=False, description="Read every document again.")
    accept_quality: bool = Field(
        default=False,
        description="Index the documents that a blocking quality check held back, as they are.",
    )


def _launched_by(context: OpExecutionContext) -> str:
    tags = context.run.tags
    if "diarium/launched_by" in tags:
        return tags["diarium/launched_by"]
    if "dagster/parent_run_id" in tags:
        return f"retry of {tags['dagster/parent_run_id']}"
    return "ui"


def deal(items: list[ingest.SourceFile], batch_size: int) -> list[list[ingest.SourceFile]]:
    """Batches of about `batch_size` documents and about equal bytes: the largest document
    first into the lightest batch. Deterministic for the same files.

    >>> files = [ingest.SourceFile(str(n), "", "", "", None, n, "new") for n in range(5)]
    >>> [[item.size for item in batch] for batch in deal(files, 2)]
    [[4], [3, 0], [2, 1]]
    """
    if not items:
        return []
    count = max(1, -(-len(items) // batch_size))
    batches: list[list[ingest.SourceFile]] = [[] for _ in range(count)]
    # (bytes, documents, batch number) of every batch; the lightest on top.
    lightest = [(0, 0, n) for n in range(count)]
    for item in sorted(items, key=lambda i: (-(i.size or 0), i.id)):
        weight, documents, number = heapq.heappop(lightest)
        batches[number].append(item)
        heapq.heappush(lightest, (weight + (item.size or 0), documents + 1, number))
    return batches


@op(
    out=DynamicOut(list),
    description="Lists the files against the archive and deals what is new or changed into batches.",
)
def plan_batches(
    context: OpExecutionContext,
    config: ParallelIngestConfig,
    archive: ArchiveResource,
    drop_folder: DropFolderResource,
    records: RecordsResource,
) -> Iterator[DynamicOutput[list[dict[str, Any]]]]:
    store = archive.open()
    record_store = records.open(store)
    try:
        mirrored = _mirror(store, record_store)
    finally:
        record_store.close()
    paths = config.paths or drop_folder.paths
    if not paths:
        raise Failure(description=ingest.not_configured("files"))
    if config.accept_quality:
        with archive_lock(store, wait=LOCK_WAIT_SECONDS):
            accepted = quality.clear_pending(store)
        context.log.warning(f"{accepted} documents held back by a quality check accepted")
    listing_errors: list[str] = []
    known = catalog.load(store)
    items = ingest.plan(
        store,
        paths,
        retry_failed=config.retry_failed,
        reprocess=config.reprocess,
        catalog=known,
        listing_errors=listing_errors,
    )
    plan = ingest.SourcePlan("files", items=items, listing_errors=listing_errors)
    run_id = context.run.run_id
    status.start_run(store, run_id, partition="files", launched_by=_launched_by(context))
    status.update_run(store, run_id, counts=plan.counts(), listing_errors=listing_errors)
    status.write_documents(store, run_id, ingest.skipped_lines(plan, known))
    todo = [item for item in items if item.change != "unchanged"]
    batches = deal(todo, config.batch_size)
    context.log.info(
        f"{len(todo)} documents to read in {len(batches)} batches "
        f"({len(items) - len(todo)} unchanged; {mirrored} records mirrored)"
    )
    # Always one batch, if empty: the tables build and index sync after it must run.
    for number, batch in enumerate(batches or [[]]):
        yield DynamicOutput(
            [asdict(item) for item in batch], mapping_key=f"{plan.origin}_{number:05d}"
        )


@op(
    ins={"items": In(list)},
    out=Out(dict),
    description="Reads and extracts one batch and writes its records, without the archive's lock.",
)
def read_batch(
    context: OpExecutionContext,
    items: list[dict[str, Any]],
    archive: ArchiveResource,
    extractor: ExtractorResource,
    records: RecordsResource,
) -> dict[str, Any]:
    context.log.info(f"batch of {len(items)} documents read by pid {os.getpid()}")
    store = archive.open()
    record_store = records.open(store)
    try:
        target = record_stores.StoreArchive(store.home, store=record_store)
        planned = [ingest.SourceFile(**item) for item in items]
        # One batch is one worker's work: read in this process, with the extraction
        # pipeline this worker process keeps between batches (a Celery worker runs many).
        summary = ingest.process(
            target, planned, ingest._worker_extractor(extractor.model), workers=1
        )
    finally:
        record_store.close()
    context.log.info(
        f"{summary.processed} documents ({summary.pages} pages) in {summary.seconds:.1f} s "
        f"by pid {os.getpid()}"
    )
    return {
        "counts": summary.as_metadata(),
        "outcomes": summary.outcomes,
        "observations": summary.observations,
        "pid": os.getpid(),
        "host": os.uname().nodename,
    }


@op(
    ins={"batches": In(list)},
    out={},
    description="Once all batches are written: the run log, the blocking quality rules, one tables build and one index sync, then the watches.",
)
def build_archive(
    context: OpExecutionContext,
    batches: list[dict[str, Any]],
    archive: ArchiveResource,
    search: SearchIndexResource,
    records: RecordsResource,
) -> Iterator[AssetMaterialization]:
    store = archive.open()
    record_store = records.open(store)
    run_id = context.run.run_id
    totals: dict[str, int] = {}
    outcomes: list[dict[str, Any]] = []
    observations: dict[str, list[Any]] = {}
    for batch in batches:
        for name, value in batch["counts"].items():
            if isinstance(value, int | float) and name != "workers":
                totals[name] = totals.get(name, 0) + int(value)
        outcomes += batch["outcomes"]
        observations.update(batch["observations"])
    with archive_lock(store, wait=LOCK_WAIT_SECONDS):
        try:
            _mirror(store, record_store)
        finally:
            record_store.close()
        if status.read_run(store, run_id) is None:  # a retry from the failure
            status.start_run(store, run_id, partition="files", launched_by=_launched_by(context))
        parent = context.run.tags.get("dagster/parent_run_id")
        skipped = [
            line
            for line in status.read_documents(store, parent or run_id)
            if line.get("status") == "skipped_unchanged"
        ]
        status.write_documents(store, run_id, skipped + outcomes)
        pending = quality.add_pending(store, observations)
        history = quality.baseline(store)
        status.update_run(
            store,
            run_id,
            counts={**totals, "batches": len(batches), "skipped_unchanged": len(skipped)},
            quality=pending.as_dict(),
            quality_history=history,
        )
        broken = [
            verdict
            for rule in quality.RULES
            if not (verdict := quality.judge(pending.as_dict(), rule, history)).passed
        ]
        if broken:
            findings = "; ".join(verdict.swedish() for verdict in broken)
            raise Failure(
                description=f"kvalitetskontrollen stoppade indexeringen: {findings}. {_accept_hint()}"
            )
        known = catalog.load(store)
        fingerprint = f"{catalog.fingerprint(known)}:{assets.tables_code_version()}"
        built = store.read_state("tables_built", {}) or {}
        if built.get("fingerprint") == fingerprint and store.duckdb_path.exists():
            rows = built.get("rows", {})
        else:
            rows = tables.build_tables(store)
            store.write_state("tables_built", {"fingerprint": fingerprint, "rows": rows})
        backend = search.open(store, writable=True)
        try:
            synced = ingest.sync_index(store, backend, catalog=known)
        finally:
            backend.close()
        quality.clear_pending(store)
    yield AssetMaterialization(
        "archive_tables", metadata={f"rows_{name}": count for name, count in rows.items()}
    )
    yield AssetMaterialization("search_index", metadata=asdict(synced))
    # The watches, as after `ingest` (pipelines/watch_assets.py): new documents matched and
    # mailed once the index holds them.
    if watch_store.exists(store):
        backend = search.open(store)
        try:
            watched = check_watches(store, backend).metadata()
        finally:
            backend.close()
        settings = MailSettings.from_env()
        if settings is not None:
            mailed = send_digests(store, settings)
            watched.update(mail_sent=mailed.sent, mail_failed=len(mailed.failed))
        yield AssetMaterialization("watches", metadata=watched)
    context.log.info(
        f"{len(batches)} batches, {totals.get('processed', 0)} documents; "
        f"index: {synced.upserted} upserted, {synced.deleted} deleted, {synced.indexed} indexed"
    )


def _accept_hint() -> str:
    """How to go on after a blocking quality check: the same words as `ingest`'s checks
    (pipelines.assets today; diarium.quality once the architecture work of issue 18 lands)."""
    return str(getattr(quality, "ACCEPT_HINT", None) or getattr(assets, "ACCEPT_HINT", ""))


def _mirror(store: Archive, record_store: record_stores.RecordStore) -> int:
    return record_stores.mirror(store, record_store)


@graph(
    description="Reads many files in batches on several workers at once, then builds the "
    "tables and synchronizes the index once."
)
def parallel_ingest() -> None:
    batches = plan_batches()
    build_archive(batches.map(read_batch).collect())


#: One machine: one process per batch, `max_concurrent` (default: one per core) at a time.
ingest_parallel = parallel_ingest.to_job(
    name="ingest_parallel", executor_def=multiprocess_executor, tags=RETRY_TAGS
)


#: The celery executor's configuration (dagster_celery.executor.CELERY_CONFIG), written out
#: here so that loading the code location does not import Celery (0.25-0.3 s for every
#: `diarium ingest` and code-server start); dagster-celery is imported when a run starts.
CELERY_CONFIG = {
    "broker": ConfigField(
        Noneable(StringSource),
        is_required=False,
        description="The Celery broker (default pyamqp://guest@$DAGSTER_CELERY_BROKER_HOST:5672//).",
    ),
    "backend": ConfigField(
        Noneable(StringSource),
        is_required=False,
        default_value="rpc://",
        description="The Celery results backend.",
    ),
    "include": ConfigField([str], is_required=False, description="Modules every worker imports."),
    "config_source": ConfigField(
        Noneable(Permissive()), is_required=False, description="More Celery settings."
    ),
    "retries": get_retries_config(),
}


@executor(
    name="celery",
    config_schema=CELERY_CONFIG,
    requirements=multiple_process_executor_requirements(),
)
def celery_executor(init_context: Any) -> Any:
    """dagster-celery's executor (the production extra), imported when a run needs it."""
    from dagster_celery import celery_executor as celery

    return celery.executor_creation_fn(init_context)  # type: ignore[misc]


#: Many machines: each batch a Celery task for any worker on the queue (the production extra).
ingest_parallel_celery = parallel_ingest.to_job(
    name="ingest_parallel_celery", executor_def=celery_executor, tags=RETRY_TAGS
)


def jobs() -> list[Any]:
    return [ingest_parallel, ingest_parallel_celery]


def execute(
    job_name: str,
    run_config: dict[str, Any],
    *,
    instance: Any,
    tags: Optional[dict[str, str]] = None,  # noqa: UP045
) -> tuple[str, bool]:
    """Run `job_name` (`ingest_parallel` or `ingest_parallel_celery`) from this process as
    its run worker, on `instance` (a persistent one: the steps run in other processes);
    return the run id and whether it succeeded. The benchmark and the tests use this; the
    launchpad, `dagster job launch` and the daemon use the code location instead."""
    from dagster import execute_job
    from dagster._core.definitions.reconstruct import ReconstructableJob, ReconstructableRepository

    repository = ReconstructableRepository.for_module(
        "pipelines.definitions", "defs", working_directory=os.getcwd()
    )
    recon = ReconstructableJob(repository, job_name)
    with execute_job(
        recon, instance=instance, run_config=run_config, tags=tags, raise_on_error=False
    ) as result:
        return result.run_id, result.success
