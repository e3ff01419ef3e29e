"""The Dagster code location loads, validates, and holds what operations expect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelines.definitions import defs

REPO = Path(__file__).resolve().parent.parent


def test_code_location_has_the_asset_graph_job_and_nightly_schedule() -> None:
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert keys == {"source_files", "documents", "archive_tables", "search_index"}
    upstream = {
        key.to_user_string(): {p.to_user_string() for p in graph.get(key).parent_keys}
        for key in graph.get_all_asset_keys()
    }
    assert upstream["documents"] == {"source_files"}
    assert upstream["archive_tables"] == upstream["search_index"] == {"documents"}
    schedule = defs.resolve_schedule_def("nightly_ingest")
    assert (schedule.cron_schedule, schedule.execution_timezone) == (
        "0 2 * * *",
        "Europe/Stockholm",
    )
    assert defs.resolve_job_def("ingest").name == "ingest"


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
