"""What a new user meets first on the command line: no archive is made by a typo, an
unconfigured source is an error naming its variable, the terminal shows a progress bar and
a summary instead of Dagster's log, and every error is one Swedish line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diarium.archive import Archive
from pipelines.cli import app
from pipelines.launch import RunFailed, run_source

REPO = Path(__file__).resolve().parent.parent

MEMO = """Tjänsteskrivelse
Datum 2024-03-{day:02d}
Stadskontoret
Dnr KS-2024-{n}

Öppettider för biblioteken, utredning {n}

Förslag till beslut
Kulturnämnden föreslås besluta att godkänna förslaget om nya öppettider.
Kommunstyrelsen informeras om beslutet.
"""


def write_memos(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        (folder / f"ts_{n}.txt").write_text(MEMO.format(day=n, n=100 + n), encoding="utf-8")
    return folder


def diarium(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The real command line in its own process, as a user runs it."""
    environment = {**os.environ, "DIARIUM_HOME": str(home), "PYTHONPATH": str(REPO), **env}
    environment.pop("DAGSTER_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=REPO,
        timeout=300,
    )


@pytest.mark.parametrize(
    "command",
    [
        ["search", "bygglov"],
        ["case", "TN-2019-3825"],
        ["case", "TN-2019-3825", "--chain"],
        ["status"],
        ["sql", "SELECT 1"],
        ["retry-failed"],
    ],
)
def test_readers_never_create_an_archive(tmp_path: Path, command: list[str]) -> None:
    mistyped = tmp_path / "arkviet"
    result = CliRunner().invoke(app, [*command, "--home", str(mistyped)])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert f"fel: inget arkiv i {mistyped}" in message
    assert "diarium ingest" in message  # and how to make one
    assert not mistyped.exists()


def test_an_unconfigured_source_is_an_error_naming_its_variable(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DIARIUM_PORTAL_URL", raising=False)
    result = CliRunner().invoke(
        app, ["ingest", "--source", "portal", "--from", "2024-01-01", "--to", "2024-02-01"]
    )
    assert result.exit_code == 1
    assert "DIARIUM_PORTAL_URL" in result.output and "Klart" not in result.output
    # Launched another way (the launchpad, a script), the run itself fails and says why.
    archive = Archive.open(home)
    with pytest.raises(RunFailed, match="DIARIUM_PORTAL_URL"):
        run_source(archive, "portal", config={"meeting_from": "2024-01-01"})
    status = CliRunner().invoke(app, ["status", "--json"])
    [run] = json.loads(status.stdout)["runs"]
    assert run["status"] == "failure" and "DIARIUM_PORTAL_URL" in run["error"]


@pytest.mark.slow
def test_ingest_shows_a_summary_not_dagsters_log_unless_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop = write_memos(tmp_path / "drop", 3)
    quiet = diarium("ingest", str(drop), home=tmp_path / "a", COLUMNS="120")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout.startswith("Klart. 3 dokument: 3 nya"), quiet.stdout
    assert " - dagster - " not in quiet.stderr
    assert len((quiet.stdout + quiet.stderr).splitlines()) <= 4, quiet.stderr
    assert "3/3" in quiet.stderr  # the progress bar

    # The instance keeps the log either way: the run's events are in its event log.
    from dagster import DagsterInstance

    run_id = json.loads(diarium("status", "--json", home=tmp_path / "a").stdout)["runs"][0][
        "run_id"
    ]
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "a" / "dagster"))
    with DagsterInstance.get() as instance:
        logged = [
            str(e.dagster_event and e.dagster_event.event_type_value)
            for e in instance.all_logs(run_id)
        ]
    assert "STEP_SUCCESS" in logged

    verbose = diarium("ingest", str(drop), "--verbose", home=tmp_path / "b")
    assert verbose.returncode == 0, verbose.stderr
    assert " - dagster - " in verbose.stderr


@pytest.mark.slow
def test_an_error_is_one_swedish_line_and_a_traceback_only_when_verbose(tmp_path: Path) -> None:
    home = tmp_path / "archive"
    assert diarium("ingest", str(write_memos(tmp_path / "drop", 1)), home=home).returncode == 0
    unreachable = {"DIARIUM_SEARCH_BACKEND": "meilisearch", "MEILI_URL": "http://127.0.0.1:9"}

    result = diarium("search", "öppettider", home=home, **unreachable)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("fel: ") and "http://127.0.0.1:9" in lines[0]
    assert len(lines) == 2 and "--verbose" in lines[1]
    assert "Traceback" not in result.stderr

    ingest = diarium("ingest", str(write_memos(tmp_path / "more", 2)), home=home, **unreachable)
    assert ingest.returncode == 1
    errors = [line for line in ingest.stderr.splitlines() if line.startswith("fel:")]
    # The server is tried before anything is read: the line names it, not a failed run.
    assert len(errors) == 1 and "http://127.0.0.1:9" in errors[0], ingest.stderr
    assert " - dagster - " not in ingest.stderr and "Traceback" not in ingest.stderr
    assert len(ingest.stderr.strip().splitlines()) <= 3, ingest.stderr

    verbose = diarium("search", "öppettider", "--verbose", home=home, **unreachable)
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr


@pytest.mark.slow
def test_the_terminal_speaks_swedish_to_officers(home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(write_memos(tmp_path / "drop", 1))]).exit_code == 0
    found = runner.invoke(app, ["search", "öppettider"]).stdout
    assert found.startswith("1 träff för öppettider"), found
    case = " ".join(runner.invoke(app, ["case", "KS-2024-101"]).stdout.split())
    assert "│ eget │" in case and "own" not in case
    status = runner.invoke(app, ["status"]).stdout
    assert "lyckad" in status and "success" not in status
    assert "inlästa: 1" in status
    extracted = runner.invoke(app, ["extract", str(tmp_path / "drop" / "ts_1.txt")]).stdout
    assert "KS-2024-101 (eget)" in extracted


@pytest.mark.slow
def test_the_cli_suggests_a_spelling_like_the_web_page(home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(write_memos(tmp_path / "drop", 2))]).exit_code == 0
    typo = runner.invoke(app, ["search", "kommunstyrelsan"]).stdout
    first, second = typo.splitlines()[:2]
    assert first.startswith("0 träffar för kommunstyrelsan")
    assert second == "Menade du kommunstyrelsen?"
    answer = json.loads(runner.invoke(app, ["search", "kommunstyrelsan", "--json"]).stdout)
    assert answer["suggestion"] == "kommunstyrelsen"
    # The web page offers the same words.
    from fastapi.testclient import TestClient

    from diarium.web import create_app

    with TestClient(create_app(Archive.existing(home))) as client:
        assert "kommunstyrelsen" in client.get("/api/search?q=kommunstyrelsan").json()["suggestion"]
    # A word the archive knows is not "corrected".
    known = json.loads(runner.invoke(app, ["search", "kommunstyrelsen", "--json"]).stdout)
    assert known["total"] == 2 and known["suggestion"] is None


@pytest.mark.slow
def test_committee_filters_accept_abbreviations_and_any_spelling(
    home: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(write_memos(tmp_path / "drop", 2))]).exit_code == 0

    def total(committee: str) -> int:
        args = ["search", "öppettider", "--committee", committee, "--json"]
        return int(json.loads(runner.invoke(app, args).stdout)["total"])

    assert total("kommunstyrelsen") == 2
    assert [total(c) for c in ("KS", "ks", "Kommunstyrelsen", "kommunstyrelsens")] == [2] * 4
    assert total("tekniska nämnden") == 0  # still a filter
    from fastapi.testclient import TestClient

    from diarium.web import create_app

    with TestClient(create_app(Archive.existing(home))) as client:
        answer = client.get("/api/search", params={"q": "öppettider", "committee": "KS"}).json()
        assert answer["total"] == 2 and answer["committee"] == "kommunstyrelsen"
