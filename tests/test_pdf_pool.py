"""`read_many`: documents read by a pool of processes, one result per file, and a worker
that dies (a crash in a C library) costs only the file that killed it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractors.base import ParsedDocument
from extractors.pool import read_many
from tests import pdf_fixtures


def word_count(doc: ParsedDocument) -> int:
    """A `then` for the workers (module level: workers import it by name)."""
    return len(doc.text.split())


def abort_on_krasch(doc: ParsedDocument) -> int:
    """Kills its worker process outright for a file named krasch.pdf, as a segfault would."""
    if Path(doc.source).name == "krasch.pdf":
        os.abort()
    return word_count(doc)


@pytest.fixture(scope="module")
def drop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drop")
    for pages in range(1, 6):
        (folder / f"ts_{pages}.pdf").write_bytes(pdf_fixtures.tjansteskrivelse_pdf(pages))
    (folder / "protokoll.pdf").write_bytes(pdf_fixtures.protokoll(3).data)
    (folder / "skadad.pdf").write_bytes(pdf_fixtures.tjansteskrivelse_pdf()[:2000])
    return folder


def test_every_file_has_one_result(drop: Path) -> None:
    paths = sorted(drop.iterdir())
    results = list(read_many(paths, workers=2, then=word_count, keep_documents=False))
    assert sorted(Path(r.path).name for r in results) == [p.name for p in paths]
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["skadad.pdf"].status == "failed"
    assert "truncated or corrupt PDF" in (by_name["skadad.pdf"].reason or "")
    for name in ("ts_1.pdf", "ts_5.pdf", "protokoll.pdf"):
        assert by_name[name].status == "ok"
        assert by_name[name].document is None  # only `then`'s value travelled back
        assert isinstance(by_name[name].value, int) and by_name[name].value > 30
    assert by_name["ts_5.pdf"].value > by_name["ts_1.pdf"].value


def test_one_worker_reads_in_process_with_the_same_results(drop: Path) -> None:
    paths = sorted(drop.iterdir())
    pooled = {
        Path(r.path).name: (r.status, r.value) for r in read_many(paths, workers=2, then=word_count)
    }
    alone = {
        Path(r.path).name: (r.status, r.value) for r in read_many(paths, workers=1, then=word_count)
    }
    assert pooled == alone


def test_a_crashing_file_costs_only_itself(drop: Path, tmp_path: Path) -> None:
    crash = tmp_path / "krasch.pdf"
    crash.write_bytes(pdf_fixtures.tjansteskrivelse_pdf(2))
    paths = [*sorted(drop.iterdir()), crash]
    results = {Path(r.path).name: r for r in read_many(paths, workers=2, then=abort_on_krasch)}
    assert set(results) == {path.name for path in paths}
    assert results["krasch.pdf"].status == "failed"
    assert results["krasch.pdf"].reason == "the reader process died while reading this file"
    assert all(
        r.status == "ok" for name, r in results.items() if name not in {"krasch.pdf", "skadad.pdf"}
    )


MARKER_MODULE = """
import atexit, os
from pathlib import Path

Path(os.environ["MARKER_DIR"], "fork_server_pid").write_text(str(os.getpid()))
atexit.register(lambda: Path(os.environ["MARKER_DIR"], "torn_down").write_text("yes"))
"""

POOL_SCRIPT = """
import sys
from extractors.pool import ReaderPool

with ReaderPool(1, keep_documents=False, preload=("teardown_marker",)) as pool:
    results = list(pool.read([sys.argv[1]]))
print(results[0].status)
"""


def test_the_fork_server_exits_without_tearing_down_what_it_preloaded(tmp_path: Path) -> None:
    """The fork server holds the command's stdout: when the command exits, the fork server
    leaves at once (`extractors.fork_server`) instead of freeing spaCy and the rules module by
    module, so a script reading `diarium ingest`'s output is not kept waiting. The marker
    module's exit handler, registered before `fork_server`'s, never runs."""
    import subprocess
    import sys

    (tmp_path / "teardown_marker.py").write_text(MARKER_MODULE, encoding="utf-8")
    text = tmp_path / "memo.txt"
    text.write_text("Tjänsteskrivelse\nDnr KS 2024/12\n", encoding="utf-8")
    env = {
        **os.environ,
        "MARKER_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(Path(__file__).parents[1])]),
    }
    # capture_output reads to EOF: it returns once the fork server has closed stdout too.
    result = subprocess.run(
        [sys.executable, "-c", POOL_SCRIPT, str(text)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split() == ["ok"]
    pid = int((tmp_path / "fork_server_pid").read_text())
    assert not Path(f"/proc/{pid}").exists() or "zombie" in _state(pid)
    assert not (tmp_path / "torn_down").exists()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"


def test_importing_the_fork_server_module_elsewhere_keeps_the_exit_status() -> None:
    """`extractors.fork_server` ends its process at once with status 0, in the fork server
    only: imported by any other process (the doctests import every module, pytest among
    them) it must leave that process's exit status alone, or a failed test run reports 0."""
    import subprocess
    import sys

    script = "import extractors.fork_server, sys; sys.exit(3)"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=Path(__file__).parents[1], timeout=60, check=False
    )
    assert result.returncode == 3
