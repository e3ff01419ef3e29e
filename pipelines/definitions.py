"""The Dagster code location: the single `Definitions` of Diarium.

`dagster dev -m pipelines.definitions` shows it; `diarium ingest` runs `ingest_job` in process
against the same instance (`$DIARIUM_HOME/dagster`), so CLI runs appear in the run history.
"""

from __future__ import annotations

from dagster import Definitions

from pipelines import assets, checks
from pipelines.jobs import ingest_job
from pipelines.parallel import jobs as parallel_jobs
from pipelines.parallel import records_resource
from pipelines.resources import default_resources
from pipelines.sensors import (
    drop_folder_sensor,
    ingest_run_failed,
    ingest_run_succeeded,
    nightly_ingest,
)
from pipelines.watch_assets import watches

__all__ = ["defs", "ingest_job", "nightly_ingest"]

defs = Definitions(
    assets=[*assets.ASSETS, watches],
    asset_checks=checks.CHECKS,
    jobs=[ingest_job, *parallel_jobs()],
    schedules=[nightly_ingest],
    sensors=[drop_folder_sensor, ingest_run_failed, ingest_run_succeeded],
    resources={**default_resources(), "records": records_resource()},
)
