"""Faults and attacks a public archive meets (issue 14): symbolic links in the drop folder,
a full disk, a read-only archive, texts longer than spaCy's limit, HEAD requests.

Every test runs the real components on real files: the Dagster job over a temporary
archive, real DuckDB, the real tantivy index, a real tmpfs that fills up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from diarium.archive import Archive
from diarium.sample import BUNDLED
from diarium.sources.dropfolder import list_sources
from diarium.web import create_app
from pipelines.cli import app
from pipelines.launch import RunFailed, run_ingest

PASSWD_LINE = "root:x:0:0"


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def sample_drop(folder: Path) -> list[str]:
    """The bundled sample's four documents in `folder/docs`; returns their names."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    for path in sorted(BUNDLED.iterdir()):
        shutil.copy(path, docs / path.name)
    return sorted(p.name for p in docs.iterdir())


def records_by_name(store: Archive) -> dict[str, dict[str, Any]]:
    return {Path(r["source"]).name: r for r in store.iter_records()}


# -- items 2 and 10: symbolic links ------------------------------------------------------------


@pytest.fixture
def linked_drop(tmp_path: Path) -> Path:
    """A drop folder with the sample documents and every kind of link: out of the folder
    (/etc/passwd, a private file next to it), dangling, a loop on itself, a folder loop, a
    link to a file and to a folder inside the folder."""
    drop = tmp_path / "drop"
    sample_drop(drop)
    private = tmp_path / "private"
    private.mkdir()
    (private / "lonelista.txt").write_text(
        "Lönelista\n\nAnna Andersson 48 000 kronor i månaden.\n", encoding="utf-8"
    )
    (drop / "passwd").symlink_to("/etc/passwd")
    (drop / "lonelista.txt").symlink_to(private / "lonelista.txt")
    (drop / "privat").symlink_to(private, target_is_directory=True)
    (drop / "borta.txt").symlink_to(drop / "finns-inte.txt")
    (drop / "snurr.txt").symlink_to(drop / "snurr.txt")
    (drop / "docs" / "tillbaka").symlink_to(drop, target_is_directory=True)
    (drop / "genvag.txt").symlink_to(drop / "docs" / "tn_2024-03-04_tjansteskrivelse.txt")
    (drop / "samma").symlink_to(drop / "docs", target_is_directory=True)
    return drop


def test_listing_reports_links_out_loops_and_dangling_links(linked_drop: Path) -> None:
    listing = list_sources([linked_drop])
    real_drop = linked_drop.resolve()
    assert {f.path.name for f in listing.files} == {p.name for p in BUNDLED.iterdir()}
    assert all(f.path.is_relative_to(real_drop) for f in listing.files)
    reasons = {Path(s.given).name: s.reason for s in listing.skipped}
    assert "outside the source folder" in reasons["passwd"]
    assert "outside the source folder" in reasons["lonelista.txt"]
    assert "outside the source folder" in reasons["privat"]
    assert "dangling" in reasons["borta.txt"]
    assert "loop" in reasons["snurr.txt"]
    assert "loop" in reasons["tillbaka"]


@pytest.mark.slow
def test_links_out_of_the_drop_folder_are_not_read_and_a_loop_fails_nothing(
    linked_drop: Path, home: Path
) -> None:
    store = Archive.open(home)
    assert run_ingest(store, [linked_drop]).success
    records = records_by_name(store)
    ok = {name for name, r in records.items() if r["status"] == "ok"}
    assert ok == {p.name for p in BUNDLED.iterdir()}
    failed = {name: r["reason"] for name, r in records.items() if r["status"] == "failed"}
    assert set(failed) == {"passwd", "lonelista.txt", "borta.txt", "snurr.txt"}
    assert all(r["path"] == "" or r["status"] == "ok" for r in records.values())
    everything = json.dumps(list(store.iter_records()))
    assert PASSWD_LINE not in everything and "Anna Andersson" not in everything
    status = json.loads(cli("status", "--json").stdout)
    assert {Path(p["source"]).name for p in status["problems"]} >= set(failed)
    (listing_error,) = status["runs"][0]["listing_errors"][:1]
    assert "privat" in listing_error and "outside the source folder" in listing_error
    found = json.loads(cli("search", "root", "--json").stdout)
    assert found["hits"] == []
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        for record in store.iter_records():
            response = client.get(f"/dokument/{record['id']}/original")
            assert PASSWD_LINE not in response.text and "Anna Andersson" not in response.text


@pytest.mark.slow
def test_download_serves_nothing_outside_the_archive_and_the_source_folder(
    tmp_path: Path, home: Path
) -> None:
    """A file swapped for a link after ingestion (same bytes, so the sha256 check passes)
    is not served from outside the source folder."""
    drop = tmp_path / "drop"
    sample_drop(drop)
    name = "kallelse.txt"  # nothing to mask in it, so its original may be downloaded
    (drop / "docs" / name).write_text(
        "Kallelse\n\nKulturnämnden sammanträder den 12 mars 2024 i stadshuset.\n",
        encoding="utf-8",
    )
    store = Archive.open(home)
    assert run_ingest(store, [drop]).success
    record = records_by_name(store)[name]
    inside = drop / "docs" / name
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        assert client.get(f"/dokument/{record['id']}/original").status_code == 200
        outside = tmp_path / "elsewhere" / name
        outside.parent.mkdir()
        shutil.move(inside, outside)
        inside.symlink_to(outside)
        response = client.get(f"/dokument/{record['id']}/original")
        assert response.status_code == 410 and "utanför" in response.text


def _list_as_nobody(folder: Path) -> dict[str, Any]:
    """`list_sources` in a child process that dropped root's right to read everything."""
    code = (
        "import json, os, sys\n"
        "from diarium.sources.dropfolder import list_sources\n"
        "os.setgid(65534); os.setuid(65534)\n"
        "listing = list_sources([sys.argv[1]])\n"
        "print(json.dumps({'files': [f.path.name for f in listing.files],"
        " 'skipped': [[s.given, s.reason, s.folder] for s in listing.skipped]}))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd="/",
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_an_unreadable_folder_is_reported_and_the_rest_is_listed() -> None:
    # Under /tmp with open modes, so that an unprivileged child can reach it.
    base = Path(tempfile.mkdtemp(prefix="diarium-unreadable-"))
    try:
        base.chmod(0o755)
        (base / "open").mkdir(mode=0o755)
        (base / "open" / "a.txt").write_text("Tjänsteskrivelse\n", encoding="utf-8")
        (base / "open" / "a.txt").chmod(0o644)
        (base / "closed").mkdir(mode=0o755)
        (base / "closed" / "b.txt").write_text("Hemligt\n", encoding="utf-8")
        (base / "closed").chmod(0o000)
        if os.geteuid() == 0:
            listing = _list_as_nobody(base)
        else:
            found = list_sources([base])
            listing = {
                "files": [f.path.name for f in found.files],
                "skipped": [[s.given, s.reason, s.folder] for s in found.skipped],
            }
        assert listing["files"] == ["a.txt"]
        ((given, reason, folder),) = listing["skipped"]
        assert given.endswith("closed") and "cannot be listed" in reason and folder
    finally:
        (base / "closed").chmod(0o755)
        shutil.rmtree(base)


# -- items 1 and 4: a full disk ------------------------------------------------------------------


@contextmanager
def small_disk(tmp_path: Path, megabytes: int = 20) -> Iterator[Path]:
    """A real file system of `megabytes` that fills up: a tmpfs (root may mount one; CI
    runs as root), unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command: cannot make a small file system for a real ENOSPC")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave_kb: int) -> Path:
    """Fill `disk` until `leave_kb` KiB are free; returns the filler (delete it to free)."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave_kb * 1024))
    return filler


def new_document(drop: Path, name: str = "parkering.txt") -> None:
    (drop / "docs" / name).write_text(
        "Tjänsteskrivelse\n\nDatum 2024-06-01\n\nDiarienummer KS-2024-00999\n\n"
        "Parkeringsnormen för Lindängen ses över.\n",
        encoding="utf-8",
    )


def document_count(home: Path) -> int:
    result = cli(
        "sql", "SELECT count(*) AS n FROM documents", "--format", "json", "--home", str(home)
    )
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)[0]["n"])


def runs(store: Archive) -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in (store.state_dir / "runs").glob("*.json")
    ]


@pytest.mark.slow
def test_disk_full_while_the_tables_are_built_keeps_the_previous_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with small_disk(tmp_path) as disk:
        home = disk / "archive"
        monkeypatch.setenv("DIARIUM_HOME", str(home))
        # Dagster's own storage elsewhere: this test is about the tables step.
        (tmp_path / "dagster").mkdir()
        monkeypatch.setenv("DIARIUM_DAGSTER_HOME", str(tmp_path / "dagster"))
        drop = tmp_path / "drop"
        sample_drop(drop)
        store = Archive.open(home)
        assert run_ingest(store, [drop]).success
        assert document_count(home) == 4
        new_document(drop)
        filler = fill(disk, leave_kb=300)
        with pytest.raises(RunFailed) as failed:
            run_ingest(store, [drop])
        message = str(failed.value)
        assert "no space left on device" in message and "disken är full" in message
        assert "archive_tables" in message and "\n" not in message
        # The previous tables answer as before, and no half-written database is left.
        assert document_count(home) == 4
        assert list(home.glob(".diarium.duckdb.*")) == []
        (run,) = [r for r in runs(store) if r["run_id"] == failed.value.run_id]
        assert run["status"] == "failure" and "no space left on device" in run["error"]
        # A killed build's leftovers are swept by the next build.
        filler.unlink()
        (home / ".diarium.duckdb.0123abcd.tmp.wal").write_bytes(b"\0" * 1024)
        assert run_ingest(store, [drop]).success  # no --reprocess needed
        assert document_count(home) == 5
        assert list(home.glob(".diarium.duckdb.*")) == []


@pytest.mark.slow
@pytest.mark.parametrize("leave_kb", [400, 0])
def test_disk_full_while_reading_says_so_in_one_line_and_closes_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leave_kb: int
) -> None:
    with small_disk(tmp_path) as disk:
        home = disk / "archive"
        monkeypatch.setenv("DIARIUM_HOME", str(home))
        monkeypatch.delenv("DIARIUM_DAGSTER_HOME", raising=False)
        drop = tmp_path / "drop"
        sample_drop(drop)
        assert cli("ingest", str(drop), "--workers", "1").exit_code == 0
        new_document(drop)
        fill(disk, leave_kb=leave_kb)
        result = CliRunner().invoke(app, ["ingest", str(drop), "--workers", "1"])
        assert result.exit_code == 1
        # One message (the terminal may wrap it), naming the fault in English and Swedish.
        said = " ".join(result.output.split())
        assert "fel: körningen" in said and "no space left on device (disken är full)" in said, (
            result.output[-3000:]
        )
        store = Archive.open(home)
        assert [r["run_id"] for r in runs(store) if r["status"] == "started"] == []
        # The morning report works while the disk is still full.
        fill(disk, leave_kb=0)
        shown = cli("status")
        assert shown.exit_code == 0, shown.output
        report = json.loads(cli("status", "--json").stdout)
        assert report["counts"]["ok"] >= 4
        assert all(r["status"] != "started" for r in report["runs"])


# -- item 3: texts longer than spaCy's limit ------------------------------------------------------


@pytest.mark.slow
def test_a_text_longer_than_spacys_limit_is_extracted_whole(tmp_path: Path, home: Path) -> None:
    from extractors.nlp import build_pipeline

    limit = build_pipeline(None).max_length
    paragraph = (
        "Kommunstyrelsen följer upp budgeten för året och arbetet i Lindängen. " * 20 + "\n\n"
    )
    head = "Årsredovisning 2024\n\nDiarienummer KS-2024-00111\n\n"
    tail = (
        "Förvaltningsberättelse\n\nTekniska nämnden beslutade den 3 maj 2024 i ärende "
        "TN-2019-3825 att godkänna Slutrapporten om gatubelysningen.\n"
    )
    body = paragraph * ((limit + 150_000) // len(paragraph))
    text = head + body + tail
    assert len(text) > limit  # 2.65 million characters: failed with spaCy's [E088] before
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "arsredovisning.txt").write_text(text, encoding="utf-8")
    store = Archive.open(home)
    assert run_ingest(store, [drop], workers=1).success
    (record,) = store.iter_records()
    assert record["status"] == "ok", record["reason"]
    read = record["text"]  # as the reader normalized it (trailing spaces dropped)
    assert len(read) > limit and read.endswith("gatubelysningen.")
    extraction = record["extraction"]
    found = {c["normalized"]: c for c in extraction["case_numbers"]}
    # A case number past the limit, with the offset of the whole text.
    late = found["TN-2019-3825"]
    assert late["start"] > limit and read[late["start"] : late["end"]] == "TN-2019-3825"
    assert "KS-2024-111" in found
    assert "tekniska nämnden" in {c["name"] for c in extraction["committees"]}
    assert "2024-05-03" in {d["date"] for d in extraction["dates"]}
    hits = json.loads(cli("search", "Slutrapporten gatubelysningen", "--json").stdout)["hits"]
    assert [hit["id"] for hit in hits] == [record["id"]]


# -- item 5: a read-only archive; item 12: HEAD ----------------------------------------------------


@pytest.mark.slow
def test_readers_work_on_a_read_only_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with small_disk(tmp_path, megabytes=60) as disk:
        home = disk / "archive"
        monkeypatch.setenv("DIARIUM_HOME", str(home))
        monkeypatch.delenv("DIARIUM_DAGSTER_HOME", raising=False)
        drop = tmp_path / "drop"
        sample_drop(drop)
        assert cli("ingest", str(drop), "--workers", "1").exit_code == 0
        # A read-only mount: a replica, a snapshot. Nothing below may need to write.
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        with pytest.raises(OSError):
            (home / "probe").write_text("x")
        found = cli("search", "trygghet", "--json")
        assert found.exit_code == 0, found.output
        hits = json.loads(found.stdout)["hits"]
        assert hits and "trygghet" in json.dumps(hits).lower()
        for args in (
            ("case", "TN-2024-1021", "--json"),
            ("case", "TN-2024-1021", "--chain", "--json"),
            ("sql", "SELECT count(*) AS n FROM documents", "--format", "json"),
            ("status", "--json"),
        ):
            result = cli(*args)
            assert result.exit_code == 0, (args, result.output)
            assert json.loads(result.stdout), args
        assert len(json.loads(cli("case", "TN-2024-1021", "--json").stdout)["documents"]) >= 3
        store = Archive.open(home)
        with TestClient(create_app(store), raise_server_exceptions=False) as client:
            doc_id = hits[0]["id"]
            for url in (
                "/?q=trygghet",
                "/?q=trygghet+lindängen",
                "/arende/TN-2024-1021",
                f"/dokument/{doc_id}",
                "/api/search?q=trygghet",
                f"/api/document/{doc_id}",
            ):
                assert client.get(url).status_code == 200, url


def test_head_is_answered_as_get_without_a_body(tmp_path: Path, home: Path) -> None:
    store = Archive.open(home)
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        for url in ("/", "/?q=budget", "/api/search?q=budget", "/static/style.css"):
            got = client.get(url)
            head = client.head(url)
            assert head.status_code == got.status_code == 200, url
            assert (
                head.content == b"" and head.headers["content-type"] == got.headers["content-type"]
            )
        assert client.head("/dokument/0123456789abcdef").status_code == 404


def test_a_record_half_written_by_a_killed_writer_is_cleared_by_the_next(tmp_path: Path) -> None:
    """A SIGKILL between `write_atomic`'s temporary file and its rename leaves a hidden file in
    records/; the next writer to take the lock removes it, but never a living writer's."""
    from diarium.archive import write_atomic
    from diarium.lock import archive_lock

    archive = Archive.open(tmp_path / "arkiv")
    records = archive.records_dir
    # A writer that is gone: a child process that took the lock, wrote its temporary file and
    # was killed.
    script = (
        "import os, signal, sys, tempfile; from diarium.archive import Archive; "
        "from diarium.lock import archive_lock; archive = Archive.open(sys.argv[1]); "
        "lock = archive_lock(archive); lock.__enter__(); "
        "fd, _ = tempfile.mkstemp(dir=archive.records_dir, prefix=f'.a.json.{os.getpid()}~', "
        "suffix='.tmp'); os.write(fd, b'{\"half'); os.kill(os.getpid(), signal.SIGKILL)"
    )
    subprocess.run([sys.executable, "-c", script, str(archive.home)], check=False)
    # A living writer (this process) in the middle of its own write.
    fd, alive = tempfile.mkstemp(dir=records, prefix=f".b.json.{os.getpid()}~", suffix=".tmp")
    os.close(fd)
    # A leftover from before the pid was part of the name.
    (records / ".c.json.x1y2z3.tmp").write_bytes(b"{")
    write_atomic(records / "d.json", b"{}")
    assert len(list(records.glob(".*.tmp"))) == 3

    with archive_lock(archive):
        pass

    assert [p.name for p in records.glob(".*.tmp")] == [Path(alive).name]
    assert (records / "d.json").read_bytes() == b"{}"
