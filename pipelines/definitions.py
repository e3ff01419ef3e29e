"""The Dagster code location: the single `Definitions` of Diarium.

`dagster dev -m pipelines.definitions` shows it; `diarium ingest` runs `ingest_job` in process
against the same instance (`$DIARIUM_HOME/dagster`), so CLI runs appear in the run history.
"""

from __future__ import annotations

from dagster import AssetSelection, Definitions, ScheduleDefinition, define_asset_job

from pipelines import assets
from pipelines.resources import default_resources

ingest_job = define_asset_job(
    "ingest",
    selection=AssetSelection.assets(
        assets.source_files, assets.documents, assets.archive_tables, assets.search_index
    ),
    description="Read new and changed documents from the configured sources into the archive.",
)

nightly_ingest = ScheduleDefinition(
    name="nightly_ingest",
    job=ingest_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Europe/Stockholm",
    description="Every night at 02:00 Swedish time, over the sources in DIARIUM_SOURCES.",
)

defs = Definitions(
    assets=[assets.source_files, assets.documents, assets.archive_tables, assets.search_index],
    asset_checks=[
        assets.documents_table_complete,
        assets.index_matches_tables,
        assets.tjansteskrivelser_have_case_numbers,
    ],
    jobs=[ingest_job],
    schedules=[nightly_ingest],
    resources=default_resources(),
)
