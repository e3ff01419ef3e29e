"""The production deployment on real services: Dagster's instance in PostgreSQL
(deploy/dagster.yaml as shipped), a code server, `dagster-webserver` and `dagster-daemon`
as separate processes, runs started by the schedule and the drop-folder sensor through the
queued run coordinator, and a terminal `diarium ingest` in the same history.

Needs PostgreSQL on 127.0.0.1:5432 (tests/services.py); skipped, with the reason, without it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests import services

pytestmark = [pytest.mark.services, pytest.mark.slow]

SAMPLE = services.REPO / "diarium" / "sample"

LOGS_QUERY = """
query ($runId: ID!) {
  logsForRun(runId: $runId) {
    __typename
    ... on EventConnection { events { __typename } }
  }
}
"""


@pytest.fixture
def database() -> Any:
    services.require_postgres()
    with services.fresh_database() as database:
        yield database


def _settled_copy(source: Path, target: Path) -> None:
    """The sample documents, written an hour ago (the sensor waits for copying to settle)."""
    target.mkdir(parents=True, exist_ok=True)
    past = time.time() - 3600
    for path in sorted(source.iterdir()):
        shutil.copyfile(path, target / path.name)
        os.utime(target / path.name, (past, past))


def _successful(runs: list[dict[str, Any]], key: str, value: str) -> list[dict[str, Any]]:
    return [r for r in runs if r["tags"].get(key) == value and r["status"] == "SUCCESS"]


def test_schedule_sensor_and_cli_runs_share_one_postgres_history(
    tmp_path: Path, database: services.Database
) -> None:
    drop = tmp_path / "drop"
    _settled_copy(SAMPLE, drop)
    archive = tmp_path / "archive"
    home = services.dagster_home(tmp_path, database)
    env = {
        **services.base_env(tmp_path),
        **database.dagster_env(),
        "DAGSTER_HOME": str(home),
        "DAGSTER_MAX_CONCURRENT_RUNS": "1",
        "DIARIUM_HOME": str(archive),
        "DIARIUM_DROP_FOLDER": str(drop),
        # The nightly schedule every minute, so that a tick comes while the test waits.
        "DIARIUM_NIGHTLY_CRON": "* * * * *",
    }
    deployment = services.Deployment(tmp_path, env)
    try:
        deployment.start_code_server()
        deployment.start_webserver()
        deployment.start_daemon()

        def both_succeeded() -> list[dict[str, Any]] | None:
            runs = deployment.runs()
            failed = [r for r in runs if r["status"] in ("FAILURE", "CANCELED")]
            if failed:
                pytest.fail(f"runs failed: {failed}\n{deployment.logs()}")
            sensor = _successful(runs, "dagster/sensor_name", "drop_folder_sensor")
            schedule = _successful(runs, "dagster/schedule_name", "nightly_ingest")
            return runs if sensor and schedule else None

        runs = services.wait_for(
            both_succeeded,
            420,
            "a sensor run and a schedule run",
            deployment=deployment,
            interval=3,
        )
        for run in runs:
            assert run["jobName"] == "ingest"
            assert run["tags"]["dagster/partition"] == "files"
            events = deployment.graphql(LOGS_QUERY, {"runId": run["runId"]})["logsForRun"]
            kinds = {event["__typename"] for event in events["events"]}
            # Through the queue: enqueued by the daemon's coordinator, then started.
            assert {"RunEnqueuedEvent", "RunStartingEvent", "RunSuccessEvent"} <= kinds, kinds

        # The documents are in the archive, and the run-status sensor closed the runs there.
        assert len(list((archive / "records").glob("*.json"))) == 4
        cli_env = {**env, "DIARIUM_DAGSTER_HOME": str(home)}
        status = json.loads(
            subprocess.run(
                [str(services.BIN / "diarium"), "status", "--json"],
                env=cli_env,
                cwd=tmp_path,
                capture_output=True,
                check=True,
                timeout=120,
            ).stdout
        )
        by_id = {run["run_id"]: run for run in status["runs"]}
        for run in runs:
            services.wait_for(
                lambda run=run: _closed(cli_env, tmp_path, run["runId"]),
                120,
                f"the run log to close {run['runId']}",
                deployment=deployment,
                interval=2,
            )
        assert set(by_id) >= {run["runId"] for run in runs}

        # A terminal ingest joins the same history (DIARIUM_DAGSTER_HOME).
        more = tmp_path / "more"
        more.mkdir()
        (more / "ks_2024-06-01_tjansteskrivelse.txt").write_text(
            "TJÄNSTESKRIVELSE\nKommunstyrelsen\nDnr KS 2024/0099\n2024-06-01\n\n"
            "Förslag till beslut om parkering vid Lindängen.\n",
            encoding="utf-8",
        )
        subprocess.run(
            [str(services.BIN / "diarium"), "ingest", str(more)],
            env=cli_env,
            cwd=tmp_path,
            capture_output=True,
            check=True,
            timeout=300,
        )
        cli_runs = _successful(deployment.runs(), "diarium/launched_by", "cli")
        assert len(cli_runs) == 1, deployment.runs()
        assert database.query("SELECT count(*) FROM runs")[0][0] == len(runs) + 1
    finally:
        deployment.stop()


def _closed(env: dict[str, str], cwd: Path, run_id: str) -> bool:
    status = json.loads(
        subprocess.run(
            [str(services.BIN / "diarium"), "status", "--json"],
            env=env,
            cwd=cwd,
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
    )
    return any(r["run_id"] == run_id and r["status"] == "success" for r in status["runs"])
