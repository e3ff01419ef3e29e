"""Run the ingestion job in process, recorded in the archive's Dagster instance.

The CLI goes through here rather than calling `diarium.ingest` directly, so that an
ingestion from the terminal is the same job, with the same checks, as the nightly run, and
shows up in `dagster dev`'s run history.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from diarium.archive import Archive
from diarium.faults import DISK_FULL_MESSAGE, is_disk_full

_REPO_DAGSTER_YAML = Path(__file__).resolve().parent.parent / "dagster.yaml"
_FALLBACK_DAGSTER_YAML = "telemetry:\n  enabled: false\n"


def prepare_dagster_home(archive: Archive) -> Path:
    """Create `$DIARIUM_HOME/dagster` with the project's dagster.yaml and point DAGSTER_HOME at it.

    In production (docker-compose.yml) `DIARIUM_DAGSTER_HOME` names the shared instance
    (PostgreSQL storage), which is used as it is, so terminal runs join the same history.
    """
    shared = os.environ.get("DIARIUM_DAGSTER_HOME")
    if shared:
        os.environ["DAGSTER_HOME"] = shared
        os.environ["DIARIUM_HOME"] = str(archive.home)
        return Path(shared)
    home = archive.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    if _REPO_DAGSTER_YAML.exists():
        if not target.exists() or target.read_bytes() != _REPO_DAGSTER_YAML.read_bytes():
            shutil.copyfile(_REPO_DAGSTER_YAML, target)
    elif not target.exists():
        target.write_text(_FALLBACK_DAGSTER_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    os.environ["DIARIUM_HOME"] = str(archive.home)
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
        SearchIndexResource(
            backend=search_backend or os.environ.get("DIARIUM_SEARCH_BACKEND", "tantivy")
        ),
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
        from pipelines.assets import ACCEPT_HINT

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
