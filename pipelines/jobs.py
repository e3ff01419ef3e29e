"""The ingestion job: one source (partition) into the archive, then tables and index."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job, in_process_executor

from pipelines import assets
from pipelines.watch_assets import watches

ingest_job = define_asset_job(
    "ingest",
    selection=AssetSelection.assets(*assets.ASSETS, watches),
    # One process for the whole run: the steps share the archive on disk, and a process per
    # step would cost two seconds of imports each (MEASURED.md) for no parallelism worth
    # having. Runs are the unit of parallelism (one per source); see the README.
    executor_def=in_process_executor,
    description="Read new and changed documents of one source (the partition) into the "
    "archive, then bring the tables and the search index in line with the records.",
)
