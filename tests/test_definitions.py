"""The Dagster code location loads, validates, and holds what operations expect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.definitions import defs

REPO = Path(__file__).resolve().parent.parent


def test_code_location_has_the_asset_graph_job_and_nightly_schedule() -> None:
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert keys == {"source_files", "documents", "archive_tables", "search_index", "watches"}
    upstream = {
        key.to_user_string(): {p.to_user_string() for p in graph.get(key).parent_keys}
        for key in graph.get_all_asset_keys()
    }
    assert upstream["documents"] == {"source_files"}
    assert upstream["archive_tables"] == upstream["search_index"] == {"documents"}
    assert upstream["watches"] == {"search_index"}
    schedule = defs.resolve_schedule_def("nightly_ingest")
    assert (schedule.cron_schedule, schedule.execution_timezone) == (
        "0 2 * * *",
        "Europe/Stockholm",
    )
    assert defs.resolve_job_def("ingest").name == "ingest"


def test_code_location_has_the_sensors_and_partitions_per_source() -> None:
    sensors = {sensor.name: sensor for sensor in defs.sensors or []}
    assert set(sensors) == {"drop_folder_sensor", "ingest_run_failed", "ingest_run_succeeded"}
    assert [job.name for job in sensors["drop_folder_sensor"].jobs] == ["ingest"]
    graph = defs.resolve_asset_graph()
    partitions = {
        key.to_user_string(): graph.get(key).partitions_def for key in graph.get_all_asset_keys()
    }
    assert partitions["archive_tables"] is None and partitions["search_index"] is None
    source_partitions = partitions["documents"]
    assert source_partitions is not None and source_partitions == partitions["source_files"]
    assert source_partitions.get_partition_keys() == ["files", "portal", "urls"]
    blocking = {
        check.name for check in graph.asset_check_keys if graph.get_check_spec(check).blocking
    }
    assert blocking == {
        "batch_memos_have_case_numbers",
        "batch_documents_have_dates",
        "batch_documents_readable",
    }


def test_dagster_definitions_validate(tmp_path: Path) -> None:
    dagster = Path(sys.executable).parent / "dagster"
    result = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "pipelines.definitions"],
        cwd=REPO,
        env={"DAGSTER_HOME": str(tmp_path), "PATH": str(dagster.parent), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Validation successful" in result.stderr + result.stdout


def test_dagster_yaml_is_a_valid_instance_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The local instance settings load: SQLite storage, one run at a time, retries."""
    from dagster import DagsterInstance
    from dagster._core.storage.runs import SqliteRunStorage

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    (tmp_path / "dagster.yaml").write_bytes((REPO / "dagster.yaml").read_bytes())
    with DagsterInstance.from_config(str(tmp_path)) as instance:
        assert isinstance(instance.run_storage, SqliteRunStorage)  # pipelines/storage.py
        assert instance.run_retries_enabled and instance.run_retries_max_retries == 1
        assert instance.run_monitoring_enabled
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1
