"""Parallel ingestion on one machine: `ingest_parallel` on the multiprocess executor reads
its batches in several processes at once, writes records without the archive's lock, and
leaves the same records, tables and index as a clean single-worker `diarium ingest`."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from diarium import status
from diarium.archive import Archive
from pipelines import parallel
from tests.archive_compare import assert_same, snapshot, write_memos

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = 24


def cli_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DAGSTER_", "DIARIUM_"))}
    env.update(
        DIARIUM_HOME=str(home),
        DIARIUM_WORKERS="1",
        PYTHONPATH=str(REPO),
        PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
    )
    return env


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The documents, and the archive one `diarium ingest` in one process makes of them."""
    root = tmp_path_factory.mktemp("parallel")
    drop = root / "drop"
    write_memos(drop, DOCUMENTS)
    home = root / "clean"
    subprocess.run(
        [str(Path(sys.executable).parent / "diarium"), "ingest", str(drop)],
        env=cli_env(home),
        check=True,
        capture_output=True,
        timeout=600,
    )
    return drop, snapshot(home)


def run_config(drop: Path, home: Path, batch_size: int, **execution: Any) -> dict[str, Any]:
    return {
        "ops": {"plan_batches": {"config": {"paths": [str(drop)], "batch_size": batch_size}}},
        "resources": {"archive": {"config": {"home": str(home)}}},
        "execution": {"config": execution},
    }


def test_batches_are_dealt_by_size_and_cover_every_document() -> None:
    from diarium.ingest import SourceFile

    items = [SourceFile(f"{n:03d}", "", "", "", None, (n * 37) % 101, "new") for n in range(250)]
    batches = parallel.deal(items, 100)
    assert len(batches) == 3
    assert sorted(i.id for b in batches for i in b) == sorted(i.id for i in items)
    weights = [sum(i.size or 0 for i in b) for b in batches]
    assert max(weights) - min(weights) <= 100
    assert parallel.deal([], 100) == []


def test_multiprocess_executor_reads_batches_at_once_into_the_same_archive(
    tmp_path: Path, clean: tuple[Path, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dagster import DagsterEventType, DagsterInstance

    drop, expected = clean
    home = tmp_path / "archive"
    dagster_home = tmp_path / "dagster"
    dagster_home.mkdir()
    (dagster_home / "dagster.yaml").write_bytes((REPO / "dagster.yaml").read_bytes())
    for key, value in cli_env(home).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DAGSTER_HOME", str(dagster_home))
    with DagsterInstance.get() as instance:
        run_id, success = parallel.execute(
            "ingest_parallel", run_config(drop, home, 6, max_concurrent=2), instance=instance
        )
        assert success
        steps: dict[str, list[float]] = {}
        for kind in (DagsterEventType.STEP_START, DagsterEventType.STEP_SUCCESS):
            for record in instance.get_records_for_run(run_id, of_type=kind).records:
                key = record.event_log_entry.step_key or ""
                if key.startswith("read_batch"):
                    steps.setdefault(key, []).append(record.event_log_entry.timestamp)
    assert len(steps) == DOCUMENTS // 6
    # Two batches were being read at the same moment: one started before another ended.
    spans = sorted((min(times), max(times)) for times in steps.values())
    assert any(later[0] < earlier[1] for earlier, later in itertools.pairwise(spans))
    assert_same(snapshot(home), expected)
    run = status.read_run(Archive.open(home), run_id)
    assert run is not None and run["counts"]["processed"] == DOCUMENTS
    assert run["counts"]["batches"] == DOCUMENTS // 6

    # Again over the same files: nothing to read, one empty batch, the same archive.
    with DagsterInstance.get() as instance:
        _, success = parallel.execute(
            "ingest_parallel", run_config(drop, home, 6, max_concurrent=2), instance=instance
        )
    assert success
    assert_same(snapshot(home), expected)


@pytest.mark.services
@pytest.mark.parametrize("broker", ["rabbitmq", "redis"])
def test_celery_workers_write_records_to_postgres_into_the_same_archive(
    tmp_path: Path,
    clean: tuple[Path, dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    broker: str,
) -> None:
    """Two Celery workers (RabbitMQ or Redis as broker) read the batches; records go to
    PostgreSQL, Dagster's instance too; the archive equals the clean single-process one."""
    from dagster import DagsterEventType, DagsterInstance

    from tests import services

    services.require_postgres()
    services.require_broker(broker)
    drop, expected = clean
    home = tmp_path / "archive"
    with services.fresh_database() as database, services.celery_queue(broker) as queue:
        dagster_home = services.dagster_home(tmp_path, database)
        env = {
            **services.base_env(tmp_path),
            **database.dagster_env(),
            "DAGSTER_HOME": str(dagster_home),
            "DAGSTER_MAX_CONCURRENT_RUNS": "2",
            "DIARIUM_HOME": str(home),
            "DIARIUM_RECORDS_URL": database.url,
        }
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        deployment = services.Deployment(tmp_path, env)
        try:
            names = [
                services.start_celery_worker(deployment, queue, n, broker=broker) for n in (1, 2)
            ]
            with DagsterInstance.get() as instance:
                config = run_config(drop, home, 4, **services.celery_execution(queue, broker))
                run_id, success = parallel.execute(
                    "ingest_parallel_celery", config, instance=instance
                )
                assert success, deployment.logs()
                workers = {
                    str(entry.metadata["Celery worker"].value)
                    for record in instance.get_records_for_run(
                        run_id, of_type=DagsterEventType.ENGINE_EVENT
                    ).records
                    if (event := record.event_log_entry.dagster_event) is not None
                    and (entry := event.engine_event_data) is not None
                    and "Celery worker" in entry.metadata
                }
        finally:
            deployment.stop()
        assert {name.split("@")[0] for name in workers} == {n.split("@")[0] for n in names}
        assert database.query("SELECT count(*), count(DISTINCT id) FROM diarium_records")[0] == (
            DOCUMENTS,
            DOCUMENTS,
        )
        assert_same(snapshot(home), expected)


@pytest.mark.services
def test_postgres_records_upsert_by_id_and_mirror_only_what_is_new(tmp_path: Path) -> None:
    from diarium import record_store as records
    from tests import services

    services.require_postgres()
    archive = Archive.open(tmp_path / "archive")
    with services.fresh_database() as database:
        store = records.open_store(archive, database.url)
        assert isinstance(store, records.PostgresRecords)
        try:
            store.ensure_schema()  # twice is harmless
            for n in range(3):
                store.put({"id": f"doc{n}", "sha256": "a", "status": "ok", "text": f"v1 {n}"})
            assert records.mirror(archive, store) == 3
            assert records.mirror(archive, store) == 0  # nothing new
            store.put({"id": "doc1", "sha256": "b", "status": "ok", "text": "v2 – å"})
            assert store.count() == 3
            assert records.mirror(archive, store) == 1
            assert archive.read_record("doc1") == store.get("doc1")
            assert archive.read_record("doc1")["text"] == "v2 – å"  # type: ignore[index]
            state = archive.read_state(records.MIRROR_STATE)
            assert state["version"] == store.committed_version()  # versions may leave gaps
            assert "@" in state["url"] and ":" not in state["url"].split("@")[0][13:]
        finally:
            store.close()
    assert records.open_store(archive, "").__class__ is records.DirectoryRecords


def test_parallel_jobs_are_in_the_code_location_and_retry_failed_batches() -> None:
    from pipelines.definitions import defs

    job = defs.resolve_job_def("ingest_parallel")
    assert job.executor_def.name == "multiprocess"
    assert job.tags["dagster/retry_on_asset_or_op_failure"] == "true"
    assert {node.name for node in job.graph.nodes} == {
        "plan_batches",
        "read_batch",
        "build_archive",
    }
    # dagster-celery (the production extra) is imported only when a run starts.
    assert defs.resolve_job_def("ingest_parallel_celery").executor_def.name == "celery"


def test_a_collapsed_batch_is_held_back_by_the_parallel_job_too(home: Path, tmp_path: Path) -> None:
    """The blocking quality rules of `ingest` hold in `ingest_parallel`: the records are
    written, the index is left alone until the batch is accepted."""
    from dagster import DagsterInstance

    from diarium.watches.check import add_watch
    from diarium.watches.store import WatchStore, new_watch
    from pipelines.definitions import defs
    from search.tantivy_backend import TantivyBackend
    from tests.test_orchestration import write_memos as memos_without_case_numbers
    from tests.test_orchestration import write_memos_with_case

    job = defs.resolve_job_def("ingest_parallel")

    def run(folder: Path, **options: Any) -> Any:
        # In process (execute_in_process runs every step here), with the job's own steps.
        config = {"paths": [str(folder)], "batch_size": 5, **options}
        return job.execute_in_process(
            run_config={
                "ops": {"plan_batches": {"config": config}},
                "resources": {"archive": {"config": {"home": str(home)}}},
            },
            instance=DagsterInstance.ephemeral(),
            raise_on_error=False,
        )

    def indexed() -> int:
        backend = TantivyBackend(Archive.open(home).index_dir)
        try:
            return backend.count()
        finally:
            backend.close()

    write_memos_with_case(tmp_path / "history", 20)
    assert run(tmp_path / "history").success
    # A watch made now follows what is indexed from now on, as after `ingest`.
    watch = add_watch(Archive.open(home), new_watch("öppettider"))
    memos_without_case_numbers(tmp_path / "drop", 12)
    blocked = run(tmp_path / "drop")
    assert not blocked.success
    failure = next(e for e in blocked.all_events if e.is_step_failure)
    message = str(failure.step_failure_data.error)
    assert "kvalitetskontrollen stoppade indexeringen" in message
    assert "--accept-quality" in message
    assert len(list(Archive.open(home).iter_records())) == 32  # written, nothing lost
    assert indexed() == 20  # not indexed
    with WatchStore.open(Archive.open(home)) as watches:
        assert watches.hits(watch.id) == []  # nothing new was indexed
    accepted = run(tmp_path / "drop", accept_quality=True)
    assert accepted.success
    assert indexed() == 32
    with WatchStore.open(Archive.open(home)) as watches:
        assert len(watches.hits(watch.id)) == 12
    assert {
        m.asset_key.to_user_string()
        for m in accepted.asset_materializations_for_node("build_archive")
    } >= {"archive_tables", "search_index", "watches"}
