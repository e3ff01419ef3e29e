"""Run the ingestion job in process, recorded in the archive's Dagster instance.

The CLI goes through here rather than calling `diarium.ingest` directly, so that an
ingestion from the terminal is the same job, with the same checks, as the nightly run, and
shows up in `dagster dev`'s run history. The one exception is a run of files that would do
nothing (`_run_without_changes`): it is recorded in the archive's run log only, in a
fraction of the seconds that starting Dagster takes.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diarium import settings
from diarium.archive import Archive
from diarium.faults import DISK_FULL_MESSAGE, is_disk_full

_REPO_DAGSTER_YAML = Path(__file__).resolve().parent.parent / "dagster.yaml"
_FALLBACK_DAGSTER_YAML = "telemetry:\n  enabled: false\n"


def prepare_dagster_home(archive: Archive) -> Path:
    """Create `$DIARIUM_HOME/dagster` with the project's dagster.yaml and point DAGSTER_HOME at it.

    In production (docker-compose.yml) `DIARIUM_DAGSTER_HOME` names the shared instance
    (PostgreSQL storage), which is used as it is, so terminal runs join the same history.
    """
    shared = settings.dagster_home()
    if shared:
        settings.use_dagster_home(shared)
        settings.export_home(archive.home)
        return Path(shared)
    home = archive.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    if _REPO_DAGSTER_YAML.exists():
        if not target.exists() or target.read_bytes() != _REPO_DAGSTER_YAML.read_bytes():
            shutil.copyfile(_REPO_DAGSTER_YAML, target)
    elif not target.exists():
        target.write_text(_FALLBACK_DAGSTER_YAML, encoding="utf-8")
    settings.use_dagster_home(home)
    settings.export_home(archive.home)
    return home


#: Less free space than this where the archive lives, and an unexplained failure of the
#: run (Dagster's SQLite says only "disk I/O error") is taken for a full disk.
NEARLY_FULL_BYTES = 1 << 20
#: Run config that keeps the job's console logger quiet below CRITICAL: the records still
#: go to the instance's event log (the Dagster UI, `diarium status`), not to the terminal.
QUIET_LOGGERS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}

#: Tag of the runs this module starts, so that a killed one can be told from daemon runs.
LAUNCHED_BY_CLI = {"diarium/launched_by": "cli"}
#: The code location's name (pyproject.toml's [tool.dagster], deploy/workspace.yaml).
CODE_LOCATION = "diarium"
#: Dagster's UI lists a job's runs (Jobs › ingest › Runs) by this hidden tag, which only
#: runs launched from a code location get by themselves: with it, in-process CLI runs show
#: there too, not only under Runs. Value: "<repository>@<location>"; a `Definitions`
#: object's repository is "__repository__".
REPOSITORY_TAG = {".dagster/repository": f"__repository__@{CODE_LOCATION}"}


class RunFailed(RuntimeError):
    """The ingestion run failed: a systemic error or a blocking quality check."""

    def __init__(self, run_id: str, message: str) -> None:
        super().__init__(message)
        self.run_id = run_id


def run_ingest(
    archive: Archive,
    paths: Sequence[str | Path],
    *,
    progress: Any = None,
    search_backend: str | None = None,
    retry_failed: bool = False,
    reprocess: bool = False,
    accept_quality: bool = False,
    workers: int | None = None,
    verbose: bool = True,
) -> Any:
    """Execute the `ingest` job over `paths` (the `files` partition) and return Dagster's
    ExecuteInProcessResult.

    Raises `RunFailed` when the job fails (a systemic error: index unwritable, disk full;
    or a blocking quality check); a bad document does not fail it, it is recorded with its
    status.
    """
    if not retry_failed and not reprocess and search_backend in (None, "tantivy"):
        quick = _run_without_changes(archive, paths)
        if quick is not None:
            return quick

    from diarium import ingest

    # Reader processes take about as long to start (imports, the extraction pipeline) as
    # this process takes to import Dagster and open its instance: started now (when the run
    # needs a pool), they start reading the first files while it does, and the `documents`
    # step takes what they have read.
    wanted = workers if workers is not None else settings.workers()
    ingest.start_reading_ahead(
        archive,
        paths,
        settings.spacy_model(),
        wanted,
        retry_failed=retry_failed,
        reprocess=reprocess,
    )
    try:
        from pipelines.resources import DropFolderResource

        return run_source(
            archive,
            "files",
            config={
                "retry_failed": retry_failed,
                "reprocess": reprocess,
                "accept_quality": accept_quality,
            },
            resources={"drop_folder": DropFolderResource(paths=[str(p) for p in paths])},
            progress=progress,
            search_backend=search_backend,
            workers=workers,
            verbose=verbose,
        )
    finally:
        ingest.close_started_pools()


@dataclass(frozen=True)
class _Value:
    value: Any


@dataclass(frozen=True)
class _AssetKey:
    name: str

    def to_user_string(self) -> str:
        return self.name


@dataclass(frozen=True)
class _Materialization:
    asset_key: _AssetKey
    metadata: dict[str, _Value]


@dataclass(frozen=True)
class QuickRun:
    """A run that found nothing to do, recorded in the archive's run log without Dagster.

    It answers what callers ask of Dagster's `ExecuteInProcessResult` (`run_id`, `success`,
    each asset's materialization metadata, whose values have `.value`), so that the CLI's
    report and scripts read it the same way.
    """

    run_id: str
    metadata: dict[str, dict[str, Any]]
    success: bool = True

    def asset_materializations_for_node(self, node: str) -> list[_Materialization]:
        values = self.metadata.get(node)
        if values is None:
            return []
        return [_Materialization(_AssetKey(node), {k: _Value(v) for k, v in values.items()})]

    def get_asset_materialization_events(self) -> list[Any]:
        from types import SimpleNamespace

        return [
            SimpleNamespace(step_materialization_data=SimpleNamespace(materialization=m))
            for node in self.metadata
            for m in self.asset_materializations_for_node(node)
        ]


def _run_without_changes(archive: Archive, paths: Sequence[str | Path]) -> QuickRun | None:
    """Record a run of `paths` without starting Dagster when the job would do nothing: every
    file unchanged since the last successful run, the tables and the index built from the
    records as they are, nothing held by a quality check, no run left unfinished. Otherwise
    None, and the caller runs the job.

    Starting Dagster (import, instance, a run's events) costs several seconds; the nightly
    re-run of an unchanged folder, the commonest run there is, then takes a fraction of a
    second. Such a run is in `diarium status` (the archive's run log), not in Dagster's run
    history. Every condition errs towards running the job.
    """
    if settings.dagster_home() or (settings.search_backend() != "tantivy"):
        return None  # a shared production instance, or a remote index: always the job
    from diarium import catalog, ingest, quality, status
    from diarium.lock import ArchiveBusy, archive_lock
    from diarium.tables.version import tables_code_version

    try:
        with archive_lock(archive, wait=0):
            last = status.last_runs(archive, limit=1)
            if not last or last[0].get("status") != "success":
                return None
            if archive.read_state(quality.PENDING_STATE, {}):
                return None
            known = catalog.load(archive)
            items = ingest.plan(archive, [str(p) for p in paths], catalog=known)
            if not items or any(item.change != "unchanged" or item.error for item in items):
                return None
            built = archive.read_state("tables_built", {}) or {}
            tables_fingerprint = f"{catalog.fingerprint(known)}:{tables_code_version()}"
            if built.get("fingerprint") != tables_fingerprint or not archive.duckdb_path.exists():
                return None
            indexed = archive.read_state("indexed", {}) or {}
            wanted = {
                doc_id: f"{entry.sha256}:{'-'.join(map(str, entry.stamp))}"
                for doc_id, entry in known.items()
                if entry.status == "ok"
            }
            if indexed != wanted or not archive.index_dir.exists():
                return None
            run_id = f"quick-{uuid.uuid4()}"
            plan = ingest.SourcePlan("files", items=items)
            status.start_run(archive, run_id, partition="files", launched_by="cli")
            status.write_documents(archive, run_id, ingest.skipped_lines(plan, known))
            counts = {**plan.counts(), "processed": 0, "skipped_unchanged": len(items)}
            status.update_run(archive, run_id, counts=counts)
            status.finish_run(archive, run_id, "success", partition="files")
    except ArchiveBusy:
        return None  # the job waits for the lock and says so
    return QuickRun(
        run_id,
        {
            "source_files": plan.counts(),
            "documents": {
                "processed": 0,
                "ok": 0,
                "failed": 0,
                "needs_ocr": 0,
                "workers": 0,
                "skipped_unchanged": len(items),
            },
        },
    )


def run_source(
    archive: Archive,
    source: str,
    *,
    config: dict[str, Any] | None = None,
    resources: dict[str, Any] | None = None,
    progress: Any = None,
    search_backend: str | None = None,
    workers: int | None = None,
    verbose: bool = True,
) -> Any:
    """Execute the `ingest` job for one source partition (`files`, `portal`, `urls`).

    `config` is the `source_files` run config (retry_failed, only_failed, reprocess,
    meeting_from, meeting_to); `resources` override the environment's (`default_resources`).
    `workers` reader processes (default `DIARIUM_WORKERS`, else one per core for more than
    a few documents).
    The run holds the archive's write lock, so two terminals cannot interleave.

    A full disk (here or in Dagster's own storage) raises `RunFailed` with one line that
    says "no space left on device", and the run is closed as failed in the run log.
    `verbose=False` keeps Dagster's log records off the terminal (the CLI shows a progress
    bar and a summary instead); the instance's event log keeps them either way.
    """
    from diarium import status

    try:
        return _run_source(
            archive, source, config, resources, progress, search_backend, workers, verbose
        )
    except RunFailed:
        raise
    except Exception as error:
        # A full disk breaks Dagster's own storage too, and its error (an SQLite "disk I/O
        # error" 300 lines deep) does not say so: name the fault in one line and close the
        # run in the run log instead of leaving it `started`.
        if not (is_disk_full(error) or _disk_nearly_full(archive)):
            raise
        message = (
            f"{DISK_FULL_MESSAGE} in {archive.home}: the run stopped; the archive keeps what "
            "it had; free space and run it again"
        )
        closed = status.close_own_runs(archive, message)
        raise RunFailed(closed[0] if closed else "", message) from error


def _run_source(
    archive: Archive,
    source: str,
    config: dict[str, Any] | None,
    resources: dict[str, Any] | None,
    progress: Any,
    search_backend: str | None,
    workers: int | None,
    verbose: bool,
) -> Any:
    prepare_dagster_home(archive)
    # Imported late: importing Dagster costs about a second, which `diarium search` should not pay.
    from dagster import DagsterInstance

    from pipelines.definitions import defs
    from pipelines.resources import (
        ArchiveResource,
        NoProgress,
        SearchIndexResource,
        extractor_from_env,
    )

    run_resources: dict[str, Any] = {
        "archive": ArchiveResource(home=str(archive.home)),
        "progress": progress or NoProgress(),
        **(resources or {}),
    }
    # Always this process's own settings: `defs` is built once per process, and settings
    # captured at import (EnvVar("MEILI_URL") from a variable set then) must not outlive
    # the environment they came from. The engine reads MEILI_* when it is opened.
    run_resources.setdefault(
        "search",
        SearchIndexResource(backend=search_backend or settings.search_backend()),
    )
    run_resources.setdefault("extractor", extractor_from_env(workers))
    job = defs.resolve_job_def("ingest")
    return _execute(archive, job, source, run_resources, config, DagsterInstance, verbose)


def _disk_nearly_full(archive: Archive) -> bool:
    try:
        return shutil.disk_usage(archive.home).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def _execute(
    archive: Archive,
    job: Any,
    source: str,
    run_resources: dict[str, Any],
    config: dict[str, Any] | None,
    instance_class: Any,
    verbose: bool = True,
) -> Any:
    from diarium import status
    from diarium.lock import archive_lock

    with archive_lock(archive), instance_class.get() as instance:
        _close_interrupted_runs(archive, instance)
        result = job.execute_in_process(
            instance=instance,
            resources=run_resources,
            partition_key=source,
            run_config={
                "ops": {"source_files": {"config": config or {}}},
                **({} if verbose else QUIET_LOGGERS),
            },
            tags={**LAUNCHED_BY_CLI, **REPOSITORY_TAG},
            raise_on_error=False,
        )
        if result.success:
            status.finish_run(archive, result.run_id, "success", partition=source)
            return result
        steps, message = _failure(result)
        status.finish_run(
            archive, result.run_id, "failure", error=message, failed_steps=steps, partition=source
        )
        raise RunFailed(result.run_id, message)


def _failure(result: Any) -> tuple[list[str], str]:
    """The failed steps of a run and their errors, for the run log and the terminal.

    A blocking quality check that held the batch back is told as what it is, in one
    Swedish sentence with the way on, not as Dagster's DagsterAssetCheckFailedError."""
    from pipelines.sensors import error_message

    blocked = [
        evaluation
        for evaluation in result.get_asset_check_evaluations()
        if not evaluation.passed and evaluation.blocking
    ]
    steps, errors = [], []
    for event in result.all_events:
        if event.is_step_failure and event.step_key:
            steps.append(event.step_key)
            error = event.step_failure_data.error
            if not (blocked and "AssetCheckFailed" in str(getattr(error, "cls_name", ""))):
                errors.append(f"{event.step_key}: {error_message(error)}")
    if blocked:
        names = ", ".join(e.check_name for e in blocked)
        reasons = "; ".join(
            str(getattr(e.metadata.get("finding"), "value", e.check_name)) for e in blocked
        )
        from diarium.quality import ACCEPT_HINT

        errors.insert(
            0, f"kvalitetskontrollen stoppade indexeringen ({names}): {reasons}. {ACCEPT_HINT}."
        )
    message = "; ".join(errors) or "körningen misslyckades"
    if is_disk_full(RuntimeError(message)) and DISK_FULL_MESSAGE not in message:
        message = f"{DISK_FULL_MESSAGE}: {message}"
    return steps, message


def _close_interrupted_runs(archive: Archive, instance: Any) -> None:
    """Mark CLI runs that a killed process left "started" as failed (we hold the lock, so
    no other CLI run of this archive is alive); the daemon's run monitoring does the same
    for the runs it launched."""
    from dagster import DagsterRunStatus, RunsFilter

    from diarium import status

    stale = instance.get_runs(
        filters=RunsFilter(
            statuses=[DagsterRunStatus.STARTED, DagsterRunStatus.STARTING],
            tags=LAUNCHED_BY_CLI,
        )
    )
    reason = "interrupted: the process running it ended before the run finished"
    for run in stale:
        instance.report_run_failed(run, message=reason)
    status.mark_interrupted(
        archive,
        [
            run["run_id"]
            for run in status.last_runs(archive, limit=50)
            if run.get("launched_by") == "cli"
        ],
        reason,
    )


def materialization_metadata(result: Any) -> dict[str, dict[str, Any]]:
    """What each asset of a run reported, as plain values: asset name -> metadata. The one
    place that reads Dagster's run events for the CLI (a `QuickRun` answers the same)."""
    out: dict[str, dict[str, Any]] = {}
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        out[materialization.asset_key.to_user_string()] = {
            key: getattr(value, "value", value) for key, value in materialization.metadata.items()
        }
    return out
