"""Scanned pages: detected by their missing text layer, OCR'd with tesseract (swe) when it
is installed, and reported as `needs_ocr` with the reason when it is not.

`.ci/run` installs tesseract-ocr and tesseract-ocr-swe, so the OCR tests run in CI; on a
machine without them they skip with that reason, and the tests of the missing-tesseract
path run tesseract-less by emptying PATH in a child process.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractors import ocr
from extractors.base import NeedsOCR
from extractors.pdf import read
from extractors.readers import read_document
from tests import pdf_fixtures

ROOT = Path(__file__).resolve().parent.parent
needs_tesseract = pytest.mark.skipif(
    ocr.unavailable_reason() is not None,
    reason=f"OCR unavailable: {ocr.unavailable_reason()}",
)


def recall(expected: list[str], got: list[str]) -> float:
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(expected)


@pytest.fixture(scope="module")
def scanned_letter(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    rendered = pdf_fixtures.scanned_letter_pdf()
    path = tmp_path_factory.mktemp("ocr") / "revisionsberattelse.pdf"
    path.write_bytes(rendered.data)
    return path, rendered.pages[0].words


@needs_tesseract
def test_scanned_document_is_read_by_ocr(scanned_letter: tuple[Path, list[str]]) -> None:
    path, words = scanned_letter
    doc = read_document(path)
    assert doc.metadata["ocr_pages"] == "1"
    assert recall(words, doc.text.split()) >= 0.95
    for word in ("Revisionsberättelse", "räkenskaperna", "väsentligt", "ansvarsfrihet"):
        assert word in doc.text


@needs_tesseract
def test_scanned_page_among_text_pages(tmp_path: Path) -> None:
    rendered = pdf_fixtures.annual_report(pages=4, scanned_page=True, table_every=0)
    assert [page.scanned for page in rendered.pages] == [False, False, True, False]
    path = tmp_path / "arsredovisning.pdf"
    path.write_bytes(rendered.data)
    doc = read_document(path)
    assert doc.metadata["ocr_pages"] == "3"
    scan = doc.text[doc.pages[2].start : doc.pages[2].end]
    assert recall(rendered.pages[2].words, scan.split()) >= 0.95
    text_page = doc.text[doc.pages[3].start : doc.pages[3].end]
    assert recall(rendered.pages[3].words, text_page.split()) >= 0.99


def test_ocr_turned_off_means_needs_ocr(scanned_letter: tuple[Path, list[str]]) -> None:
    path, _ = scanned_letter
    with pytest.raises(
        NeedsOCR, match=r"no text layer on any of 1 pages \(scanned\?\); OCR is turned off"
    ) as caught:
        read(path, path.read_bytes(), "sha", str(path), ocr_scans=False)
    assert caught.value.status == "needs_ocr"


def _read_without_tesseract(path: Path) -> dict[str, object]:
    """Read `path` in a child process whose PATH holds no tesseract."""
    script = (
        "import json, sys\n"
        "from extractors.readers import read_document\n"
        "from extractors.base import ReaderError\n"
        "try:\n"
        "    doc = read_document(sys.argv[1])\n"
        "    print(json.dumps({'status': 'ok', 'metadata': doc.metadata, 'pages': len(doc.pages)}))\n"
        "except ReaderError as error:\n"
        "    print(json.dumps({'status': error.status, 'reason': error.reason}))\n"
    )
    env = {**os.environ, "PATH": "/nonexistent"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_without_tesseract_a_scan_needs_ocr(scanned_letter: tuple[Path, list[str]]) -> None:
    path, _ = scanned_letter
    result = _read_without_tesseract(path)
    assert result["status"] == "needs_ocr"
    assert result["reason"] == (
        "no text layer on any of 1 pages (scanned?); tesseract is not installed "
        "(Debian: apt-get install tesseract-ocr tesseract-ocr-swe)"
    )


def test_without_tesseract_text_pages_are_kept_and_the_scan_named(tmp_path: Path) -> None:
    rendered = pdf_fixtures.annual_report(pages=4, scanned_page=True, table_every=0)
    path = tmp_path / "arsredovisning.pdf"
    path.write_bytes(rendered.data)
    result = _read_without_tesseract(path)
    assert result["status"] == "ok"
    metadata = result["metadata"]
    assert isinstance(metadata, dict)
    assert metadata["needs_ocr_pages"] == "3"
    assert metadata["pages_without_text"] == "3"
    assert metadata["ocr_unavailable"].startswith("tesseract is not installed")


@needs_tesseract
def test_a_partly_scanned_document_is_kept_listed_and_completed_by_retry(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without tesseract the text pages are ingested (searchable) and the document is listed
    as partly scanned; once OCR is there, `retry-failed` reads it whole."""
    from typer.testing import CliRunner

    from diarium import tables
    from diarium.archive import Archive
    from pipelines.cli import app
    from pipelines.launch import run_ingest

    drop = tmp_path / "drop"
    drop.mkdir()
    rendered = pdf_fixtures.annual_report(pages=4, scanned_page=True, table_every=0)
    (drop / "arsredovisning_2024.pdf").write_bytes(rendered.data)
    archive = Archive.open(home)
    path = os.environ["PATH"]
    monkeypatch.setenv("PATH", "/nonexistent")
    ocr.unavailable_reason.cache_clear()  # checked once per process, and already found here
    assert run_ingest(archive, [drop]).success
    monkeypatch.setenv("PATH", path)
    ocr.unavailable_reason.cache_clear()

    def pages() -> list[tuple[list[int], list[int]]]:
        with tables.connect(archive) as con:
            return con.execute("SELECT ocr_pages, needs_ocr_pages FROM documents").fetchall()

    assert [(r["status"], r["reason"]) for r in archive.iter_records()] == [("ok", None)]
    assert pages() == [([], [3])]
    status = json.loads(CliRunner().invoke(app, ["status", "--json"]).stdout)
    [problem] = status["problems"]
    assert problem["status"] == "partly_scanned"
    assert problem["reason"].startswith("sidorna 3 saknar textlager och har inte OCR-lästs")
    assert status["counts"] == {"ok": 1}

    retried = CliRunner().invoke(app, ["retry-failed"])
    assert retried.exit_code == 0, retried.output
    assert pages() == [([3], [])]
    assert json.loads(CliRunner().invoke(app, ["status", "--json"]).stdout)["problems"] == []
