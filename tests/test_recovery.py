"""Recovery: a run killed at any point loses nothing and duplicates nothing.

`diarium ingest` of the real corpus runs in a subprocess and is killed with SIGKILL (no
cleanup handlers run) at a chosen moment; the same command is run again, and the archive
is compared with a clean run of the same corpus into another home: the same documents with
the same hashes and statuses, the same table rows, the same index, no duplicates, and the
killed run marked as interrupted.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from dagster import DagsterInstance, DagsterRunStatus

from diarium import status as run_log
from diarium.archive import Archive
from diarium.sources import scan
from search.tantivy_backend import TantivyBackend

pytestmark = pytest.mark.slow

DIARIUM = Path(sys.executable).parent / "diarium"


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": f"{DIARIUM.parent}:{os.environ.get('PATH', '')}",
        "HOME": str(home.parent),
        "DIARIUM_HOME": str(home),
        "DAGSTER_HOME": str(home / "dagster"),
        # Read in the run's own process, one record written after another: a reader started
        # ahead on a free core (the default for a small run) has read all 18 documents by the
        # time the run writes its first record, and then writes them in one burst that a kill
        # "while reading documents" can no longer land inside.
        "DIARIUM_WORKERS": "1",
    }


def _ingest(home: Path, corpus: Path) -> None:
    result = subprocess.run(
        [str(DIARIUM), "ingest", str(corpus)],
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _records(home: Path) -> int:
    folder = home / "records"
    return len(list(folder.glob("*.json"))) if folder.is_dir() else 0


def _snapshot(home: Path) -> dict[str, Any]:
    archive = Archive.open(home)
    records = {r["id"]: (r["sha256"], r["status"], r["source"]) for r in archive.iter_records()}
    with duckdb.connect(str(archive.duckdb_path), read_only=True) as con:
        documents = con.execute(
            "SELECT document_id, sha256, status FROM documents ORDER BY 1"
        ).fetchall()
        statuses = con.execute(
            "SELECT document_id, status, reason FROM ingest_status ORDER BY 1"
        ).fetchall()
        case_rows = con.execute("SELECT count(*) FROM case_numbers").fetchone()
    backend = TantivyBackend(archive.index_dir)
    try:
        indexed, index_count = backend.ids(), backend.count()
    finally:
        backend.close()
    return {
        "records": records,
        "documents": documents,
        "ingest_status": statuses,
        "case_numbers": case_rows[0] if case_rows else None,
        "indexed": indexed,
        "index_count": index_count,
    }


@pytest.fixture(scope="module")
def corpus_and_clean_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    from tests.conftest import CORPUS_DIR

    if not CORPUS_DIR.is_dir():
        pytest.skip(f"../shared/corpus not present: {CORPUS_DIR} holds the real documents")
    root = tmp_path_factory.mktemp("recovery")
    corpus = root / "corpus"
    shutil.copytree(CORPUS_DIR, corpus)
    clean = root / "clean"
    _ingest(clean, corpus)
    return corpus, _snapshot(clean)


@pytest.mark.parametrize("moment", ["while_reading_documents", "after_the_last_record"])
def test_a_killed_run_resumes_to_the_same_archive_as_a_clean_run(
    corpus_and_clean_run: tuple[Path, dict[str, Any]],
    tmp_path: Path,
    moment: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus, clean = corpus_and_clean_run
    total = len(scan([corpus]))
    home = tmp_path / "killed"
    log = (tmp_path / "killed.log").open("wb")
    process = subprocess.Popen(
        [str(DIARIUM), "ingest", str(corpus)],
        env=_env(home),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wanted = 2 if moment == "while_reading_documents" else total
    deadline = time.monotonic() + 300
    try:
        while _records(home) < wanted:
            assert process.poll() is None, (tmp_path / "killed.log").read_text()
            assert time.monotonic() < deadline, "the run never wrote its records"
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
        log.close()
    at_kill = _records(home)
    if moment == "while_reading_documents":
        assert 0 < at_kill < total, f"killed too late to test anything: {at_kill}/{total}"

    _ingest(home, corpus)

    after = _snapshot(home)
    assert after["records"] == clean["records"]
    assert len(after["records"]) == total
    assert after["documents"] == clean["documents"]  # one row per document, same hashes
    assert len({row[0] for row in after["documents"]}) == len(after["documents"]) == total
    assert after["ingest_status"] == clean["ingest_status"]
    assert after["case_numbers"] == clean["case_numbers"]
    ok = {doc_id for doc_id, (_, status, _) in after["records"].items() if status == "ok"}
    assert after["indexed"] == clean["indexed"] == ok
    assert after["index_count"] == len(ok)  # no document indexed twice
    assert not list((home / "records").glob(".*"))  # no half-written record left behind

    runs = run_log.last_runs(Archive.open(home))
    assert [run["status"] for run in runs] == ["success", "interrupted"]
    # Dagster's run history agrees: the killed run is failed, not "started" forever.
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    with DagsterInstance.from_config(str(home / "dagster")) as instance:
        history = {run.run_id: run.status for run in instance.get_runs()}
    assert history == {
        runs[0]["run_id"]: DagsterRunStatus.SUCCESS,
        runs[1]["run_id"]: DagsterRunStatus.FAILURE,
    }
