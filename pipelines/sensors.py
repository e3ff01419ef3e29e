"""When ingestion runs, and what is written down when it ends.

- `nightly_ingest`: at 02:00 Swedish time, one run per configured source.
- `drop_folder_sensor`: a run of the `files` partition when the drop folder changed and
  has been quiet for `settle_seconds` (a copy in progress is not read half-way).
- `ingest_run_failed` / `ingest_run_succeeded`: close the run's entry in the archive's run
  log (`diarium.status`), so that `diarium status` shows in the morning what failed at
  night and why, without opening the Dagster UI.

No `from __future__ import annotations`: Dagster reads the annotations of these functions
to find their resources.
"""

import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Union

from dagster import (
    DagsterRunStatus,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunRequest,
    RunStatusSensorContext,
    ScheduleEvaluationContext,
    SensorEvaluationContext,
    SkipReason,
    run_failure_sensor,
    run_status_sensor,
    schedule,
    sensor,
)

from diarium import settings, status
from diarium.archive import Archive
from pipelines.jobs import ingest_job
from pipelines.parallel import jobs as parallel_jobs
from pipelines.resources import (
    ArchiveResource,
    DropFolderResource,
    MeetingPortalResource,
    WebUrlsResource,
    source_resources,
)


def configured_sources(
    drop_folder: DropFolderResource, portal: MeetingPortalResource, web_urls: WebUrlsResource
) -> list[str]:
    """The partitions with something to read, in a fixed order."""
    resources = source_resources(drop_folder, portal, web_urls)
    return [name for name, resource in resources.items() if resource.configured]


@schedule(
    name="nightly_ingest",
    job=ingest_job,
    # DIARIUM_NIGHTLY_CRON moves it (tests/test_production.py: every minute).
    cron_schedule=settings.nightly_cron(),
    execution_timezone="Europe/Stockholm",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Every night at 02:00 Swedish time: one run per configured source "
    "(DIARIUM_DROP_FOLDER, DIARIUM_PORTAL_URL, DIARIUM_URLS).",
)
def nightly_ingest(
    context: ScheduleEvaluationContext,
    drop_folder: DropFolderResource,
    portal: MeetingPortalResource,
    web_urls: WebUrlsResource,
) -> Union[list[RunRequest], SkipReason]:  # noqa: UP007 - Dagster inspects this annotation
    sources = configured_sources(drop_folder, portal, web_urls)
    if not sources:
        return SkipReason(
            "no source configured: set DIARIUM_DROP_FOLDER, DIARIUM_PORTAL_URL or DIARIUM_URLS"
        )
    night = (context.scheduled_execution_time or datetime.now()).date().isoformat()
    return [
        RunRequest(
            # One run per source and night, however often the tick is evaluated.
            run_key=f"nightly-{night}-{source}",
            partition_key=source,
            tags={"diarium/launched_by": "schedule nightly_ingest"},
        )
        for source in sources
    ]


@sensor(
    name="drop_folder_sensor",
    job=ingest_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description="Reads the drop folder when files were added, replaced or removed, once copying has settled.",
)
def drop_folder_sensor(
    context: SensorEvaluationContext, drop_folder: DropFolderResource
) -> Union[RunRequest, SkipReason]:  # noqa: UP007
    if not drop_folder.configured:
        return SkipReason("no drop folder configured (DIARIUM_DROP_FOLDER)")
    try:
        current = drop_folder.fingerprint()
    except FileNotFoundError as error:
        return SkipReason(f"drop folder missing: {error}")
    if current.digest == context.cursor:
        return SkipReason(f"no change in {current.files} files")
    quiet_for = (time.time_ns() - current.newest_mtime_ns) / 1e9
    if quiet_for < drop_folder.settle_seconds:
        # Not moving the cursor: the next tick looks again.
        return SkipReason(
            f"files still arriving (last change {quiet_for:.0f} s ago, "
            f"waiting for {drop_folder.settle_seconds:.0f} s of quiet)"
        )
    context.update_cursor(current.digest)
    return RunRequest(
        run_key=f"drop-{current.digest}",
        partition_key="files",
        tags={"diarium/launched_by": "sensor drop_folder_sensor"},
    )


def error_message(error: Any) -> str:
    """The error that made a step fail, not Dagster's wrapper around it.

    A step's `SerializableErrorInfo` says "Error occurred while executing op …"; the
    exception our code raised (SourceUnreachable, OSError, SearchError) is its cause.
    """
    while (
        str(getattr(error, "cls_name", "")).startswith("Dagster")
        and getattr(error, "cause", None) is not None
    ):
        error = error.cause
    message = str(getattr(error, "message", error)).strip()
    return message.splitlines()[0] if message else "failed"


def _archive_of(run_config: Mapping[str, Any], default: ArchiveResource) -> Archive:
    """The archive the run wrote to: its own resource config when it had one."""
    home = (
        run_config.get("resources", {}).get("archive", {}).get("config", {}).get("home")
        if isinstance(run_config, Mapping)
        else None
    )
    return Archive.open(home) if isinstance(home, str) and home else default.open()


@run_failure_sensor(
    name="ingest_run_failed",
    monitored_jobs=[ingest_job, *parallel_jobs()],
    default_status=DefaultSensorStatus.RUNNING,
    description="Writes a failed ingestion run, with the failing step and its error, into the archive's run log for `diarium status`.",
)
def ingest_run_failed(context: RunFailureSensorContext, archive: ArchiveResource) -> None:
    run = context.dagster_run
    failures = context.get_step_failure_events()
    steps = [event.step_key for event in failures if event.step_key]
    errors = [
        f"{event.step_key}: {error_message(event.step_failure_data.error)}"
        for event in failures
        if event.step_failure_data.error is not None
    ]
    status.finish_run(
        _archive_of(run.run_config, archive),
        run.run_id,
        "failure",
        error="; ".join(errors) or context.failure_event.message,
        failed_steps=steps,
        partition=run.tags.get("dagster/partition"),
    )


@run_status_sensor(
    name="ingest_run_succeeded",
    run_status=DagsterRunStatus.SUCCESS,
    monitored_jobs=[ingest_job, *parallel_jobs()],
    default_status=DefaultSensorStatus.RUNNING,
    description="Marks a successful ingestion run in the archive's run log.",
)
def ingest_run_succeeded(context: RunStatusSensorContext, archive: ArchiveResource) -> None:
    run = context.dagster_run
    status.finish_run(
        _archive_of(run.run_config, archive),
        run.run_id,
        "success",
        partition=run.tags.get("dagster/partition"),
    )
