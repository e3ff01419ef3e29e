"""The Dagster UI: `dagster-webserver` on 127.0.0.1 loads Diarium's code location, and its
GraphQL API shows the asset graph, the checks, the schedule and the sensors."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent

QUERY = """
{
  assetNodes {
    assetKey { path }
    description
    isPartitioned
    partitionKeys
    dependencyKeys { path }
    assetChecksOrError {
      ... on AssetChecks { checks { name blocking } }
    }
  }
  repositoriesOrError {
    ... on RepositoryConnection {
      nodes {
        name
        location { name }
        schedules { name cronSchedule executionTimezone scheduleState { status } }
        sensors { name sensorType sensorState { status } }
        jobs { name }
      }
    }
  }
}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def webserver(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    dagster_home = tmp_path / "dagster"
    dagster_home.mkdir()
    (dagster_home / "dagster.yaml").write_bytes((REPO / "dagster.yaml").read_bytes())
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "DAGSTER_HOME": str(dagster_home),
        "DIARIUM_HOME": str(tmp_path / "archive"),
        "DIARIUM_DROP_FOLDER": str(tmp_path / "drop"),
    }
    log = (tmp_path / "webserver.log").open("wb")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "dagster-webserver"),
            # No -m: the code location comes from pyproject.toml, as in `make dev`.
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        # Its own process group: the webserver starts a code server we must stop too.
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"dagster-webserver exited: {(tmp_path / 'webserver.log').read_text()}")
            try:
                if httpx.get(f"{base}/server_info", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("dagster-webserver did not answer /server_info within 120 s")
            time.sleep(0.5)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _graphql(base: str, query: str) -> dict[str, Any]:
    # The code location loads in the background: ask until the repository is there.
    deadline = time.monotonic() + 120
    while True:
        response = httpx.post(f"{base}/graphql", json={"query": query}, timeout=30)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        if body["data"]["repositoriesOrError"].get("nodes"):
            return dict(body["data"])
        if time.monotonic() > deadline:
            pytest.fail(f"the code location did not load: {body}")
        time.sleep(1)


def test_webserver_shows_the_asset_graph_checks_schedule_and_sensors(webserver: str) -> None:
    info = httpx.get(f"{webserver}/server_info", timeout=5).json()
    assert "dagster_webserver_version" in info

    data = _graphql(webserver, QUERY)
    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    assert set(nodes) == {"source_files", "documents", "archive_tables", "search_index", "watches"}
    assert all(n["description"] for n in nodes.values())
    assert {p["path"][0] for p in nodes["documents"]["dependencyKeys"]} == {"source_files"}
    assert {p["path"][0] for p in nodes["search_index"]["dependencyKeys"]} == {"documents"}
    assert nodes["documents"]["isPartitioned"]
    assert nodes["documents"]["partitionKeys"] == ["files", "portal", "urls"]
    assert not nodes["search_index"]["isPartitioned"]
    checks = {c["name"]: c["blocking"] for c in nodes["documents"]["assetChecksOrError"]["checks"]}
    assert checks == {
        "batch_memos_have_case_numbers": True,
        "batch_documents_have_dates": True,
        "batch_documents_readable": True,
    }
    index_checks = nodes["search_index"]["assetChecksOrError"]["checks"]
    assert [c["name"] for c in index_checks] == ["index_matches_tables"]

    (repository,) = data["repositoriesOrError"]["nodes"]
    assert "ingest" in {job["name"] for job in repository["jobs"]}
    (schedule,) = repository["schedules"]
    assert (schedule["name"], schedule["cronSchedule"], schedule["executionTimezone"]) == (
        "nightly_ingest",
        "0 2 * * *",
        "Europe/Stockholm",
    )
    assert schedule["scheduleState"]["status"] == "RUNNING"
    sensors = {s["name"]: s["sensorType"] for s in repository["sensors"]}
    assert sensors == {
        "drop_folder_sensor": "STANDARD",
        "ingest_run_failed": "RUN_STATUS",
        "ingest_run_succeeded": "RUN_STATUS",
    }


JOB_RUNS = """
{
  repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } } } }
  runsOrError(filter: {pipelineName: "ingest", tags: [{key: ".dagster/repository",
                                                       value: "__repository__@diarium"}]}) {
    ... on Runs { results { runId status } }
  }
}
"""


def test_cli_runs_are_listed_under_the_job_in_the_diarium_code_location(
    webserver: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The UI's Jobs › ingest › Runs asks for the job's runs with the repository tag of its
    code location; a run from `diarium ingest` must answer that, not only the Runs list."""
    from diarium.archive import Archive
    from pipelines.launch import run_ingest

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "memo.txt").write_text(
        "Tjänsteskrivelse\nDatum 2024-03-01\nDnr KS-2024-7\n\nÖppettider för biblioteken.\n",
        encoding="utf-8",
    )
    # The CLI records its run in the instance the webserver shows (as in production).
    monkeypatch.setenv("DIARIUM_DAGSTER_HOME", str(tmp_path / "dagster"))
    # run_ingest points these at the archive; set here, they are restored after the test.
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    monkeypatch.setenv("DIARIUM_HOME", str(tmp_path / "archive"))
    result = run_ingest(Archive.open(tmp_path / "archive"), [drop])
    assert result.success

    data = _graphql(webserver, JOB_RUNS)
    (repository,) = data["repositoriesOrError"]["nodes"]
    assert repository["location"]["name"] == "diarium"  # pyproject.toml's code_location_name
    runs = data["runsOrError"]["results"]
    assert [(r["runId"], r["status"]) for r in runs] == [(result.run_id, "SUCCESS")]
