"""The instance storage of dagster.yaml (pipelines/storage.py) is Dagster's SQLite storage:
a history written with it reads the same through `storage: sqlite`, and the other way round."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dagster import DagsterInstance, asset, materialize

REPO = Path(__file__).resolve().parent.parent
STOCK_YAML = "storage:\n  sqlite:\n    base_dir:\n      env: DAGSTER_HOME\n"


@asset
def number() -> int:
    return 1


def _instance(home: Path, yaml: str) -> DagsterInstance:
    (home / "dagster.yaml").write_text(yaml, encoding="utf-8")
    return DagsterInstance.from_config(str(home))


def _run(instance: DagsterInstance) -> str:
    result = materialize([number], instance=instance)
    assert result.success
    return result.run_id


def test_runs_written_either_way_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    kept_yaml = (REPO / "dagster.yaml").read_text(encoding="utf-8")
    with _instance(tmp_path, STOCK_YAML) as stock:
        before = _run(stock)  # an archive's history from before
    with _instance(tmp_path, kept_yaml) as kept:
        assert type(kept.event_log_storage).__name__ == "KeptSqliteEventLogStorage"
        after = _run(kept)
        assert {r.run_id for r in kept.get_runs()} == {before, after}
        assert kept.get_records_for_run(before).records  # the older run's events
    with _instance(tmp_path, STOCK_YAML) as stock:
        assert {r.run_id for r in stock.get_runs()} == {before, after}
        events = [r.event_log_entry for r in stock.get_records_for_run(after).records]
        assert any(
            e.dagster_event_type and e.dagster_event_type.value == "PIPELINE_SUCCESS"
            for e in events
        )
        materialization = stock.get_latest_materialization_event(number.key)
        assert materialization is not None and materialization.run_id == after
    assert sorted(p.name for p in (tmp_path / "history" / "runs").glob("*.db")) == sorted(
        [f"{before}.db", f"{after}.db", "index.db"]
    )


def test_a_forked_child_opens_its_own_connections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with _instance(tmp_path, (REPO / "dagster.yaml").read_text(encoding="utf-8")) as instance:
        first = _run(instance)
        pid = os.fork()
        if pid == 0:  # the child: its runs must not go through the parent's connections
            code = 0
            try:
                _run(instance)
            except BaseException:  # noqa: BLE001 - report through the exit code
                code = 1
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert len(instance.get_runs()) == 2 and instance.get_run_by_id(first) is not None


def _stamps(home: Path) -> dict[str, str]:
    """The alembic revision of every database of an instance's history, by kind."""
    import sqlite3

    found = {}
    for path in sorted((home / "history").rglob("*.db")):
        kind = "run shard" if path.parent.name == "runs" and path.stem != "index" else path.stem
        with sqlite3.connect(path) as db:
            found[kind] = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    return found


def test_alembic_reads_the_migrations_once_and_stamps_as_dagster_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dagster reads all of its ~180 migration files again for every database it opens or
    creates; `pipelines.storage` keeps one `ScriptDirectory` per folder for the process.
    The databases are stamped with the same revisions as with `storage: sqlite`."""
    from alembic.script import ScriptDirectory

    import pipelines.storage

    reads: list[str] = []
    original = ScriptDirectory._load_revisions

    def counted(self: ScriptDirectory) -> object:
        reads.append(self.dir)
        return original(self)

    monkeypatch.setattr(ScriptDirectory, "_load_revisions", counted)
    monkeypatch.setattr(pipelines.storage, "_SCRIPTS", {})  # as in a new process
    kept_home, stock_home = tmp_path / "kept", tmp_path / "stock"
    kept_home.mkdir()
    stock_home.mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(kept_home))
    with _instance(kept_home, (REPO / "dagster.yaml").read_text(encoding="utf-8")) as kept:
        _run(kept)
        _run(kept)
    assert reads and len(reads) == len(set(reads))  # each folder read once, not per database
    monkeypatch.setenv("DAGSTER_HOME", str(stock_home))
    with _instance(stock_home, STOCK_YAML) as stock:
        _run(stock)
    assert _stamps(kept_home) == _stamps(stock_home)
    assert set(_stamps(kept_home)) >= {"runs", "index", "run shard"}
