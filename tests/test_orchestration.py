"""Orchestration: partitions per source, the portal through the Dagster job, schedules,
sensors, systemic failures, blocking quality checks, the run log, `retry-failed`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dagster import (
    DagsterEventType,
    DagsterInstance,
    RunRequest,
    SkipReason,
    build_run_status_sensor_context,
    build_schedule_context,
    build_sensor_context,
)
from typer.testing import CliRunner

from diarium import catalog, ingest
from diarium import status as run_log
from diarium.archive import Archive, document_id
from diarium.sources import canonical_url
from pipelines.cli import app
from pipelines.definitions import defs
from pipelines.launch import RunFailed, prepare_dagster_home, run_ingest, run_source
from pipelines.resources import (
    ArchiveResource,
    DropFolderResource,
    MeetingPortalResource,
    NoProgress,
    WebUrlsResource,
)
from pipelines.sensors import (
    drop_folder_sensor,
    ingest_run_failed,
    ingest_run_succeeded,
    nightly_ingest,
)
from tests.portal_fixtures import PUBLIC_ATTACHMENTS, Fault, FixturePortal, portal

__all__ = ["portal"]

pytestmark = pytest.mark.slow

ALL_MEETINGS = {"meeting_from": "2023-01-01", "meeting_to": "2024-12-31"}
MEMO = "/dokument/1012/tjansteskrivelse-avfallsplan.html"
PDF = "/dokument/1013/samverkansstod.pdf"

MEMO_WITHOUT_CASE = """Tjänsteskrivelse
Datum 2024-03-{day:02d}
Stadskontoret

Utredning nummer {n} om öppettider för biblioteken

Förslag till beslut
Kulturnämnden föreslås besluta att godkänna förslaget om nya öppettider.

Sammanfattning
Stadskontoret har utrett hur biblioteken kan hålla öppet längre på kvällarna.
"""


def portal_resource(server: FixturePortal, **settings: Any) -> MeetingPortalResource:
    return MeetingPortalResource(
        start_url=server.url("/"),
        min_interval_seconds=0.0,
        backoff_seconds=0.05,
        max_attempts=2,
        timeout_seconds=2.0,
        **settings,
    )


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write_memos(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        (folder / f"ts_{n:02d}.txt").write_text(
            MEMO_WITHOUT_CASE.format(day=n % 28 + 1, n=n), encoding="utf-8"
        )


# -- the portal through the job ------------------------------------------------------------


def test_portal_partition_archives_attachments_with_their_agenda_metadata(
    home: Path, portal: FixturePortal
) -> None:
    archive = Archive.open(home)
    result = run_source(
        archive, "portal", config=ALL_MEETINGS, resources={"portal": portal_resource(portal)}
    )
    meta = result.asset_materializations_for_node("source_files")[0].metadata
    assert meta["new"].value == PUBLIC_ATTACHMENTS and meta["disallowed_by_robots"].value == 1
    assert meta["pages_listed"].value == 10
    records = {r["uri"]: r for r in archive.iter_records()}
    assert len(records) == PUBLIC_ATTACHMENTS
    memo = records[portal.url(MEMO)]
    # The id is the canonical URL's; the sha256 is the content's, as for files.
    assert memo["id"] == document_id(canonical_url(portal.url(MEMO)))
    assert memo["origin"] == "portal" and memo["status"] == "ok"
    assert memo["source_metadata"]["committee"] == "Kommunstyrelsen"
    assert memo["source_metadata"]["meeting_date"] == "2024-02-20"
    assert memo["source_metadata"]["item_number"] == "12"
    assert memo["source_metadata"]["item_title"] == "Yttrande över remiss om ny avfallsplan"
    assert memo["extraction"]["doc_type"] == "tjänsteskrivelse"
    assert records[portal.url(PDF)]["format"] == "pdf"
    hits = cli_json("search", "avfallsplan")["hits"]
    assert hits and hits[0]["source"] == portal.url(MEMO)

    # The next night: every attachment answers 304, nothing is downloaded or read again.
    before = {r["id"]: r["updated_at"] for r in archive.iter_records()}
    statuses_before = len(portal.log)
    again = run_source(
        archive, "portal", config=ALL_MEETINGS, resources={"portal": portal_resource(portal)}
    )
    meta = again.asset_materializations_for_node("source_files")[0].metadata
    assert meta["unchanged"].value == PUBLIC_ATTACHMENTS and meta["new"].value == 0
    document_answers = [
        r.status for r in portal.log[statuses_before:] if r.path.startswith("/dokument/")
    ]
    assert document_answers == [304] * PUBLIC_ATTACHMENTS
    assert {r["id"]: r["updated_at"] for r in archive.iter_records()} == before
    lines = run_log.read_documents(archive, again.run_id)
    assert {line["status"] for line in lines} == {"skipped_unchanged"}

    # A republished attachment is downloaded and replaces its document.
    portal.publish(MEMO, portal.pages[MEMO].body.replace(b"2025", b"2026"))
    third = run_source(
        archive, "portal", config=ALL_MEETINGS, resources={"portal": portal_resource(portal)}
    )
    assert third.asset_materializations_for_node("source_files")[0].metadata["changed"].value == 1
    assert len(list(archive.iter_records())) == PUBLIC_ATTACHMENTS


def test_backfill_a_meeting_date_range(home: Path, portal: FixturePortal) -> None:
    archive = Archive.open(home)
    run_source(
        archive,
        "portal",
        config={"meeting_from": "2024-03-01", "meeting_to": "2024-04-30"},
        resources={"portal": portal_resource(portal)},
    )
    dates = {r["source_metadata"]["meeting_date"] for r in archive.iter_records()}
    assert dates == {"2024-03-04", "2024-04-18"}


def test_bad_portal_documents_are_recorded_and_retry_failed_reads_only_them(
    home: Path, portal: FixturePortal
) -> None:
    portal.faults[MEMO] = Fault("status", status=500)
    portal.faults[PDF] = Fault("garbage")
    archive = Archive.open(home)
    result = run_source(
        archive, "portal", config=ALL_MEETINGS, resources={"portal": portal_resource(portal)}
    )
    assert result.success  # two bad documents never fail the run
    status = cli_json("status")
    problems = {p["source"]: p for p in status["problems"]}
    assert set(problems) == {portal.url(MEMO), portal.url(PDF)}
    assert problems[portal.url(MEMO)]["reason"] == "download failed: HTTP 500 (after 2 attempts)"
    assert problems[portal.url(PDF)]["status"] == "failed"
    assert status["counts"] == {"ok": PUBLIC_ATTACHMENTS - 2, "failed": 2}
    assert status["runs"][0]["status"] == "success" and status["runs"][0]["partition"] == "portal"

    portal.faults.clear()
    portal.publish(PDF, portal.pages["/arsredovisning-2023.pdf"].body, "application/pdf")
    seen_before = len(portal.log)
    retried = CliRunner().invoke(app, ["retry-failed"], catch_exceptions=False)
    assert retried.exit_code == 0, retried.output
    fetched = {r.path for r in portal.log[seen_before:]} - {"/robots.txt"}
    assert fetched == {MEMO, PDF}  # no listing, no other document
    after = cli_json("status")
    assert after["counts"] == {"ok": PUBLIC_ATTACHMENTS} and after["problems"] == []
    memo = archive.read_record(document_id(portal.url(MEMO)))
    assert memo is not None and memo["attempts"] == 1 and memo["status"] == "ok"
    # The retried document keeps the agenda metadata it was listed with.
    assert memo["source_metadata"]["item_number"] == "12"


def test_a_download_failing_later_keeps_the_archived_copy(
    home: Path, portal: FixturePortal
) -> None:
    archive = Archive.open(home)
    resources = {"portal": portal_resource(portal)}
    run_source(archive, "portal", config=ALL_MEETINGS, resources=resources)
    portal.faults[MEMO] = Fault("status", status=503)
    result = run_source(archive, "portal", config=ALL_MEETINGS, resources=resources)
    assert result.success
    memo = archive.read_record(document_id(portal.url(MEMO)))
    assert memo is not None and memo["status"] == "ok"
    lines = {line["source"]: line for line in run_log.read_documents(archive, result.run_id)}
    assert lines[portal.url(MEMO)]["status"] == "fetch_failed"
    assert "archived copy is kept" in lines[portal.url(MEMO)]["reason"]
    assert cli_json("search", "avfallsplan")["total"] == 1


def test_single_urls_partition(home: Path, portal: FixturePortal) -> None:
    archive = Archive.open(home)
    urls = WebUrlsResource(
        urls=[portal.url("/arsredovisning-2023.pdf")],
        min_interval_seconds=0.0,
        backoff_seconds=0.05,
    )
    first = run_source(archive, "urls", resources={"web_urls": urls})
    assert first.asset_materializations_for_node("documents")[0].metadata["ok"].value == 1
    (record,) = list(archive.iter_records())
    assert record["origin"] == "urls" and record["format"] == "pdf"
    assert record["source_metadata"]["content_type"] == "application/pdf"
    second = run_source(archive, "urls", resources={"web_urls": urls})
    assert (
        second.asset_materializations_for_node("source_files")[0].metadata["unchanged"].value == 1
    )
    assert [r.status for r in portal.requests_to("/arsredovisning-2023.pdf")] == [200, 304]


# -- systemic errors fail loudly -----------------------------------------------------------


def test_portal_down_fails_the_run_and_the_morning_report_says_why(home: Path) -> None:
    server = FixturePortal()
    down = portal_resource(server)
    server.stop()
    archive = Archive.open(home)
    with pytest.raises(RunFailed, match="unreachable"):
        run_source(archive, "portal", config=ALL_MEETINGS, resources={"portal": down})
    (run,) = cli_json("status")["runs"]
    assert run["status"] == "failure" and run["failed_steps"] == ["source_files"]
    assert "unreachable" in run["error"]
    report = CliRunner().invoke(app, ["status"], catch_exceptions=False)
    assert "misslyckad" in report.stdout and "unreachable" in report.stdout


def test_an_unwritable_index_fails_the_run(home: Path, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write_memos(drop, 2)
    archive = Archive.open(home)
    (home / "index").write_text("not a directory")  # the index cannot be created
    with pytest.raises(RunFailed, match="search_index"):
        run_ingest(archive, [drop])
    (run,) = cli_json("status")["runs"]
    assert run["status"] == "failure" and "search_index" in run["failed_steps"]
    assert "cannot open tantivy index" in run["error"]
    # The documents that were read are kept; the next run only needs to index them.
    assert len(list(archive.iter_records())) == 2
    (home / "index").unlink()
    result = run_ingest(archive, [drop])
    assert result.asset_materializations_for_node("search_index")[0].metadata["upserted"].value == 2


def test_a_full_disk_fails_the_run(home: Path, tmp_path: Path) -> None:
    archive = Archive.open(home)
    records = archive.records_dir
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(records)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill up (needs root): {mounted.stderr.strip()}")
    try:
        drop = tmp_path / "drop"
        write_memos(drop, 12)
        with pytest.raises(RunFailed, match="No space left on device"):
            run_ingest(archive, [drop])
        (run,) = cli_json("status")["runs"]
        assert run["status"] == "failure" and run["failed_steps"] == ["documents"]
    finally:
        subprocess.run(["umount", "-l", str(records)], check=False)


# -- blocking quality checks ---------------------------------------------------------------


def write_memos_with_case(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        text = MEMO_WITHOUT_CASE.format(day=n % 28 + 1, n=n).replace(
            "Stadskontoret\n", f"Stadskontoret\nDnr KS-2024-{100 + n}\n", 1
        )
        (folder / f"ok_{n:02d}.txt").write_text(text, encoding="utf-8")


def test_collapsed_extraction_blocks_indexing_until_accepted(home: Path, tmp_path: Path) -> None:
    archive = Archive.open(home)
    # The archive's history: twenty memos of this source, each with its case number.
    write_memos_with_case(tmp_path / "history", 20)
    assert run_ingest(archive, [tmp_path / "history"]).success
    drop = tmp_path / "drop"
    write_memos(drop, 12)  # then twelve tjänsteskrivelser, none with a case number
    with pytest.raises(RunFailed, match="batch_memos_have_case_numbers") as blocked:
        run_ingest(archive, [drop])
    # One Swedish sentence: what, against what, and how to go on.
    assert "12 av 12 tjänsteskrivelser saknar diarienummer (100%, mot 0%" in str(blocked.value)
    assert "diarium ingest --accept-quality" in str(blocked.value)
    assert "DagsterAssetCheckFailedError" not in str(blocked.value)
    assert len(list(archive.iter_records())) == 32  # nothing read is lost
    assert cli_json("search", "öppettider", "--limit", "50")["total"] == 20  # not indexed
    # The next night brings nothing new, and the held-back batch still blocks.
    with pytest.raises(RunFailed, match="batch_memos_have_case_numbers"):
        run_ingest(archive, [drop])
    runs = cli_json("status")["runs"]
    assert [r["status"] for r in runs] == ["failure", "failure", "success"]
    assert runs[0]["quality"]["memos_without_case_number"] == 12

    accepted = CliRunner().invoke(app, ["ingest", str(drop), "--accept-quality"])
    assert accepted.exit_code == 0, accepted.output
    assert cli_json("search", "öppettider", "--limit", "50")["total"] == 32
    # Once indexed, a small healthy batch passes again.
    write_memos(tmp_path / "more", 1)
    assert run_ingest(archive, [tmp_path / "more"]).success


def test_a_first_ingest_of_documents_that_differ_is_not_blocked(home: Path, tmp_path: Path) -> None:
    """A new archive (or source) has no history to call a drop: its documents are indexed
    however many of them lack a case number or a date."""
    drop = tmp_path / "drop"
    write_memos(drop, 12)
    for n in range(12):  # protokoll excerpts without any date, as some municipalities publish
        (drop / f"utdrag_{n}.txt").write_text(
            f"Protokollsutdrag\nKommunstyrelsen\n\n§ {n + 1} Val av justerare\n"
            "Kommunstyrelsen beslutar att utse Anna Berg att justera protokollet.\n",
            encoding="utf-8",
        )
    result = CliRunner().invoke(app, ["ingest", str(drop)])
    assert result.exit_code == 0, result.output
    assert cli_json("search", "öppettider", "--limit", "50")["total"] == 12


def test_a_broken_reader_blocks_even_a_first_ingest(home: Path, tmp_path: Path) -> None:
    """Most documents unreadable is a broken reader whatever the archive's history."""
    drop = tmp_path / "drop"
    drop.mkdir()
    for n in range(12):
        (drop / f"trasig_{n}.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 200)
    result = CliRunner().invoke(app, ["ingest", str(drop)])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "batch_documents_readable" in message
    assert "12 av 12 dokument kunde inte läsas eller blev tomma" in message
    assert "Traceback" not in message and "dagster._core" not in message


# -- planning ------------------------------------------------------------------------------


def test_unchanged_files_are_not_hashed_again(home: Path, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write_memos(drop, 3)
    archive = Archive.open(home)
    run_ingest(archive, [drop])
    target = drop / "ts_01.txt"
    stat = target.stat()
    # Same size and mtime, different bytes: trusted as unchanged (no read), as rsync does.
    original = target.read_bytes()
    target.write_bytes(original.replace(b"biblioteken", b"BIBLIOTEKEN"))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert {p.change for p in ingest.plan(archive, [drop])} == {"unchanged"}
    # A touched file is hashed: same bytes stay unchanged, new bytes are a change.
    target.write_bytes(original)
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert {p.change for p in ingest.plan(archive, [drop])} == {"unchanged"}
    target.write_bytes(original + "\nTillägg.\n".encode())
    assert {p.id: p.change for p in ingest.plan(archive, [drop])}[
        document_id(target.resolve().as_uri())
    ] == "changed"


def test_catalog_follows_the_records_and_rebuilds_itself(home: Path, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write_memos(drop, 3)
    archive = Archive.open(home)
    run_ingest(archive, [drop])
    known = catalog.load(archive)
    assert {e.id for e in known.values()} == {r["id"] for r in archive.iter_records()}
    # A record changed behind the catalog's back is re-read; a removed one disappears.
    record = next(iter(archive.iter_records()))
    record["status"], record["reason"] = "failed", "manuellt markerad"
    archive.write_record(record)
    removed = next(doc_id for doc_id in known if doc_id != record["id"])
    archive.record_path(removed).unlink()
    refreshed = catalog.load(archive)
    assert refreshed[record["id"]].reason == "manuellt markerad"
    assert removed not in refreshed and len(refreshed) == 2
    (archive.state_dir / "catalog.json").write_text("{trasig")
    assert catalog.load(archive) == refreshed


# -- schedule and sensors ------------------------------------------------------------------


def test_nightly_schedule_requests_one_run_per_configured_source(tmp_path: Path) -> None:
    schedule = defs.resolve_schedule_def("nightly_ingest")
    assert (schedule.cron_schedule, schedule.execution_timezone) == (
        "0 2 * * *",
        "Europe/Stockholm",
    )
    night = datetime(2024, 11, 5, 2, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    context = build_schedule_context(
        scheduled_execution_time=night,
        resources={
            "drop_folder": DropFolderResource(paths=[str(tmp_path)]),
            "portal": MeetingPortalResource(start_url="https://moten.example.se/"),
            "web_urls": WebUrlsResource(),
        },
    )
    requests = nightly_ingest(context)
    assert isinstance(requests, list)
    assert [(r.partition_key, r.run_key) for r in requests] == [
        ("files", "nightly-2024-11-05-files"),
        ("portal", "nightly-2024-11-05-portal"),
    ]
    empty = build_schedule_context(
        scheduled_execution_time=night,
        resources={
            "drop_folder": DropFolderResource(),
            "portal": MeetingPortalResource(),
            "web_urls": WebUrlsResource(),
        },
    )
    assert isinstance(nightly_ingest(empty), SkipReason)


def _tick(drop: Path, cursor: str | None, settle: float = 0.0) -> tuple[Any, str | None]:
    context = build_sensor_context(
        cursor=cursor,
        resources={"drop_folder": DropFolderResource(paths=[str(drop)], settle_seconds=settle)},
    )
    answer = drop_folder_sensor(context)
    return answer, context.cursor


def test_drop_folder_sensor_runs_when_files_change_and_copying_has_settled(
    tmp_path: Path,
) -> None:
    drop = tmp_path / "drop"
    write_memos(drop, 2)
    answer, cursor = _tick(drop, None)
    assert isinstance(answer, RunRequest) and answer.partition_key == "files"
    answer, same = _tick(drop, cursor)
    assert isinstance(answer, SkipReason) and same == cursor
    (drop / "ny.txt").write_text("Protokoll från kulturnämnden", encoding="utf-8")
    waiting, unmoved = _tick(drop, cursor, settle=3600)
    assert isinstance(waiting, SkipReason) and "still arriving" in str(waiting.skip_message)
    assert unmoved == cursor
    answer, moved = _tick(drop, cursor)
    assert isinstance(answer, RunRequest) and moved != cursor
    assert answer.run_key == f"drop-{moved}"


def test_run_status_sensors_write_the_morning_report(home: Path, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write_memos(drop, 2)
    archive = Archive.open(home)
    prepare_dagster_home(archive)
    resources = {
        "archive": ArchiveResource(home=str(home)),
        "drop_folder": DropFolderResource(paths=[str(drop)]),
        "progress": NoProgress(),
    }
    job = defs.resolve_job_def("ingest")
    (home / "index").write_text("not a directory")
    with DagsterInstance.get() as instance:
        failed = job.execute_in_process(
            instance=instance, resources=resources, partition_key="files", raise_on_error=False
        )
        assert not failed.success
        assert run_log.read_run(archive, failed.run_id)["status"] == "started"
        run = instance.get_run_by_id(failed.run_id)
        event = instance.all_logs(failed.run_id, of_type=DagsterEventType.RUN_FAILURE)[0]
        assert run is not None and event.dagster_event is not None
        context = build_run_status_sensor_context(
            sensor_name="ingest_run_failed",
            dagster_event=event.dagster_event,
            dagster_instance=instance,
            dagster_run=run,
            resources={"archive": ArchiveResource(home=str(home))},
        ).for_run_failure()
        ingest_run_failed(context)
        logged = run_log.read_run(archive, failed.run_id)
        assert logged["status"] == "failure" and logged["failed_steps"] == ["search_index"]
        assert "cannot open tantivy index" in logged["error"]

        (home / "index").unlink()
        passed = job.execute_in_process(
            instance=instance, resources=resources, partition_key="files"
        )
        run = instance.get_run_by_id(passed.run_id)
        event = instance.all_logs(passed.run_id, of_type=DagsterEventType.RUN_SUCCESS)[0]
        assert run is not None and event.dagster_event is not None
        ingest_run_succeeded(
            build_run_status_sensor_context(
                sensor_name="ingest_run_succeeded",
                dagster_event=event.dagster_event,
                dagster_instance=instance,
                dagster_run=run,
                resources={"archive": ArchiveResource(home=str(home))},
            )
        )
    assert run_log.read_run(archive, passed.run_id)["status"] == "success"
    assert [r["status"] for r in run_log.last_runs(archive)] == ["success", "failure"]


def test_status_lists_runs_newest_first_with_per_document_lines(
    home: Path, tmp_path: Path, corpus_dir: Path
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    shutil.copy(corpus_dir / "seeds" / "002_e4234ed91c9147e1.txt", drop)
    (drop / "tom.txt").write_bytes(b"")
    archive = Archive.open(home)
    first = run_ingest(archive, [drop])
    second = run_ingest(archive, [drop], retry_failed=True)
    runs = cli_json("status")["runs"]
    assert [r["run_id"] for r in runs] == [second.run_id, first.run_id]
    assert runs[1]["counts"]["new"] == 2 and runs[0]["counts"]["retried"] == 1
    lines = {
        Path(line["source"]).name: line for line in run_log.read_documents(archive, second.run_id)
    }
    assert lines["002_e4234ed91c9147e1.txt"]["status"] == "skipped_unchanged"
    assert lines["tom.txt"]["status"] == "failed" and lines["tom.txt"]["attempts"] == 2


def test_partitions_are_the_sources() -> None:
    job = defs.resolve_job_def("ingest")
    assert job.partitions_def is not None
    assert job.partitions_def.get_partition_keys() == ["files", "portal", "urls"]


def test_production_compose_file_is_valid_yaml_with_the_documented_services() -> None:
    """docker-compose.yml cannot run here (no Docker engine): check what can be checked."""
    import yaml

    repo = Path(__file__).resolve().parent.parent
    compose = yaml.safe_load((repo / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {
        "postgres",
        "meilisearch",
        "diarium-code",
        "dagster-webserver",
        "dagster-daemon",
        "rabbitmq",
        "diarium-worker",
    }
    for name, service in services.items():
        assert set(service.get("depends_on", {})) <= set(services), name
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source.startswith(("$", ".", "/")) or source in compose["volumes"], volume
    assert (repo / services["diarium-code"]["build"]["dockerfile"]).is_file()
    instance = yaml.safe_load((repo / "deploy" / "dagster.yaml").read_text(encoding="utf-8"))
    assert "postgres" in instance["storage"]
    workspace = yaml.safe_load((repo / "deploy" / "workspace.yaml").read_text(encoding="utf-8"))
    assert workspace["load_from"][0]["grpc_server"]["host"] == "diarium-code"


def test_run_log_keeps_the_newest_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(run_log, "KEEP_RUNS", 5)
    monkeypatch.setattr(run_log, "KEEP_RUN_DOCUMENTS", 2)
    archive = Archive.open(tmp_path / "archive")
    for n in range(7):
        run_log.start_run(archive, f"run-{n}", partition="files", launched_by="cli")
        run_log.write_documents(
            archive, f"run-{n}", [{"document_id": "a", "status": "skipped_unchanged"}]
        )
        run_log.finish_run(archive, f"run-{n}", "success")
        time.sleep(0.02)  # distinct file times
    summaries = sorted(p.name for p in run_log.runs_dir(archive).glob("*.json"))
    assert summaries == [f"run-{n}.json" for n in range(2, 7)]
    assert [r["run_id"] for r in run_log.last_runs(archive, 2)] == ["run-6", "run-5"]
    assert len(list(run_log.runs_dir(archive).glob("*.documents.jsonl"))) <= 3
    assert run_log.read_documents(archive, "run-6")[0]["status"] == "skipped_unchanged"
    with pytest.raises(ValueError, match="unknown run status"):
        run_log.finish_run(archive, "run-6", "done")


def test_a_second_writer_is_turned_away_while_a_run_holds_the_archive(
    home: Path, tmp_path: Path
) -> None:
    import sys

    archive = Archive.open(home)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from diarium.archive import Archive\n"
            "from diarium.lock import archive_lock\n"
            "with archive_lock(Archive.open(sys.argv[1])):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            str(home),
        ],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        write_memos(tmp_path / "drop", 1)
        result = CliRunner().invoke(app, ["ingest", str(tmp_path / "drop")])
        assert result.exit_code == 1
        message = " ".join(result.output.split())  # Rich wraps long lines
        assert "en annan process skriver i arkivet" in message
        assert f"pid {holder.pid}" in message
        assert not list(archive.records_dir.glob("*.json"))
    finally:
        holder.kill()
        holder.wait()
