"""Faults under concurrency, on real services: a worker killed in the middle of its batch,
the daemon killed, PostgreSQL restarted during a run, and two backfills over overlapping
files at once. Afterwards the records, tables and index equal those of a clean
single-worker run, and the failed batches were read again by Dagster's run retries.

Dagster's instance and the records live in a PostgreSQL cluster these tests start
themselves (initdb, pg_ctl on a free port), so restarting it touches nobody else's work.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import services
from tests.archive_compare import assert_same, snapshot, write_memos

pytestmark = [pytest.mark.services, pytest.mark.slow]

PARTS = ("a", "b", "c")
PER_PART = 20
TOTAL = PER_PART * len(PARTS)

LOGS_QUERY = """
query ($runId: ID!) {
  logsForRun(runId: $runId) {
    __typename
    ... on EventConnection { events { __typename ... on MessageEvent { message stepKey } } }
  }
}
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("faults-corpus")
    drop = root / "drop"
    for n, part in enumerate(PARTS):
        write_memos(drop / part, PER_PART, paragraphs=60, start=1 + n * PER_PART)
    home = root / "clean"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DAGSTER_", "DIARIUM_"))}
    env.update(DIARIUM_HOME=str(home), DIARIUM_WORKERS="1", PYTHONPATH=str(services.REPO))
    subprocess.run(
        [str(Path(sys.executable).parent / "diarium"), "ingest", *(str(drop / p) for p in PARTS)],
        env=env,
        check=True,
        capture_output=True,
        timeout=900,
    )
    return drop, snapshot(home)


@pytest.fixture(scope="module")
def cluster() -> Iterator[services.PrivateCluster]:
    with services.private_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="module")
def deployment(
    tmp_path_factory: pytest.TempPathFactory, cluster: services.PrivateCluster
) -> Iterator[services.Deployment]:
    root = tmp_path_factory.mktemp("faults-deployment")
    with services.fresh_database("127.0.0.1", cluster.port) as database:
        env = {
            **services.base_env(root),
            **database.dagster_env(),
            "DAGSTER_HOME": str(services.dagster_home(root, database)),
            "DAGSTER_MAX_CONCURRENT_RUNS": "2",
            "DIARIUM_HOME": str(root / "unused-archive"),
        }
        deployment = services.Deployment(root, env)
        try:
            deployment.start_code_server()
            deployment.start_webserver()
            deployment.start_daemon()
            yield deployment
        finally:
            deployment.stop()


@pytest.fixture
def records_db(cluster: services.PrivateCluster) -> Iterator[services.Database]:
    with services.fresh_database("127.0.0.1", cluster.port) as database:
        yield database


def config(
    drop: Path, parts: tuple[str, ...], home: Path, records: services.Database
) -> dict[str, Any]:
    return {
        "ops": {
            "plan_batches": {
                "config": {"paths": [str(drop / p) for p in parts], "batch_size": PER_PART}
            }
        },
        "resources": {
            "archive": {"config": {"home": str(home)}},
            "records": {"config": {"url": records.url}},
        },
        "execution": {"config": {"max_concurrent": 2}},
    }


def _written(records: services.Database) -> int:
    import psycopg2

    try:
        return int(records.query("SELECT count(*) FROM diarium_records")[0][0])
    except psycopg2.Error:  # the table is made by the first batch; PostgreSQL may be restarting
        return 0


def _runs(deployment: services.Deployment) -> dict[str, dict[str, Any]]:
    return {run["runId"]: run for run in deployment.runs()}


def finished(
    deployment: services.Deployment, run_id: str, timeout: float = 600
) -> list[dict[str, Any]]:
    """Wait until the run, or a retry of it, succeeded; return the runs of the chain."""

    def done() -> list[dict[str, Any]] | None:
        chain = [
            run
            for run in _runs(deployment).values()
            if run_id in (run["runId"], run["tags"].get("dagster/root_run_id"))
        ]
        return chain if any(run["status"] == "SUCCESS" for run in chain) else None

    chain: list[dict[str, Any]] = services.wait_for(
        done, timeout, f"run {run_id} (or its retry) to succeed", deployment=deployment, interval=3
    )
    return chain


def test_a_worker_killed_mid_batch_is_read_again_by_a_run_retry(
    tmp_path: Path,
    deployment: services.Deployment,  # first: it skips when no cluster can be started
    corpus: tuple[Path, dict[str, Any]],
    records_db: services.Database,
) -> None:
    drop, expected = corpus
    home = tmp_path / "archive"
    run_id = deployment.launch("ingest_parallel", config(drop, PARTS, home, records_db))

    def batch_worker() -> int | None:
        if not 2 <= _written(records_db) < TOTAL - PER_PART:
            return None
        events = deployment.graphql(LOGS_QUERY, {"runId": run_id})["logsForRun"]["events"]
        for event in events:
            found = re.search(r"read by pid (\d+)", event.get("message") or "")
            if found:
                return int(found.group(1))
        return None

    pid = services.wait_for(
        batch_worker, 300, "a batch half-written", deployment=deployment, interval=0.2
    )
    written_at_kill = _written(records_db)
    os.kill(pid, signal.SIGKILL)
    chain = finished(deployment, run_id)
    by_id = {run["runId"]: run for run in chain}
    assert by_id[run_id]["status"] == "FAILURE"
    retries = [run for run in chain if run["tags"].get("dagster/parent_run_id") == run_id]
    assert retries and retries[0]["status"] == "SUCCESS", chain
    assert 0 < written_at_kill < TOTAL
    assert_same(snapshot(home), expected)
    assert records_db.query("SELECT count(*), count(DISTINCT id) FROM diarium_records")[0] == (
        TOTAL,
        TOTAL,
    )


def test_the_daemon_killed_loses_no_run(
    tmp_path: Path,
    deployment: services.Deployment,  # first: it skips when no cluster can be started
    corpus: tuple[Path, dict[str, Any]],
    records_db: services.Database,
) -> None:
    drop, expected = corpus
    home = tmp_path / "archive"
    deployment.services["daemon"].stop(signal.SIGKILL)
    run_id = deployment.launch("ingest_parallel", config(drop, PARTS, home, records_db))
    time.sleep(10)
    assert _runs(deployment)[run_id]["status"] == "QUEUED"  # no daemon, no start
    deployment.start_daemon()
    services.wait_for(
        lambda: _written(records_db) > 0, 300, "the run to write", deployment=deployment
    )
    # Killed again while the run is being read: the run worker goes on without it.
    deployment.services["daemon"].stop(signal.SIGKILL)
    time.sleep(5)
    deployment.start_daemon()
    finished(deployment, run_id)
    assert_same(snapshot(home), expected)


def test_overlapping_backfills_at_once_neither_lose_nor_duplicate(
    tmp_path: Path,
    deployment: services.Deployment,  # first: it skips when no cluster can be started
    corpus: tuple[Path, dict[str, Any]],
    records_db: services.Database,
) -> None:
    drop, expected = corpus
    home = tmp_path / "archive"
    first = deployment.launch("ingest_parallel", config(drop, ("a", "b"), home, records_db))
    second = deployment.launch("ingest_parallel", config(drop, ("b", "c"), home, records_db))

    def both_running() -> bool:
        runs = _runs(deployment)
        return runs[first]["status"] != "QUEUED" and runs[second]["status"] != "QUEUED"

    services.wait_for(both_running, 300, "both runs to start", deployment=deployment)
    finished(deployment, first)
    finished(deployment, second)
    assert_same(snapshot(home), expected)
    assert records_db.query("SELECT count(*), count(DISTINCT id) FROM diarium_records")[0] == (
        TOTAL,
        TOTAL,
    )


def test_postgres_restarted_during_a_run(
    tmp_path: Path,
    deployment: services.Deployment,  # first: it skips when no cluster can be started
    corpus: tuple[Path, dict[str, Any]],
    records_db: services.Database,
    cluster: services.PrivateCluster,
) -> None:
    drop, expected = corpus
    home = tmp_path / "archive"
    run_id = deployment.launch("ingest_parallel", config(drop, PARTS, home, records_db))
    services.wait_for(
        lambda: 2 <= _written(records_db) < TOTAL - PER_PART,
        300,
        "a batch half-written",
        deployment=deployment,
        interval=0.2,
    )
    written_at_restart = _written(records_db)
    cluster.restart()
    chain = finished(deployment, run_id)
    assert 0 < written_at_restart < TOTAL, chain
    assert_same(snapshot(home), expected)
    assert records_db.query("SELECT count(*), count(DISTINCT id) FROM diarium_records")[0] == (
        TOTAL,
        TOTAL,
    )
