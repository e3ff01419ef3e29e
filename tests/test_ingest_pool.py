"""Ingestion with reader processes: the records written are exactly those of reading in
one process, personal data is masked inside the workers before extraction, a bad file
costs only itself, and the Dagster job picks the pool by itself for a real batch."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from diarium import ingest
from diarium.archive import Archive
from diarium.sample import BUNDLED
from extractors.extraction import Extractor
from extractors.pool import default_workers
from pipelines.launch import run_ingest
from search import open_backend
from search.backend import SearchQuery
from tests import pdf_fixtures
from tests.conftest import CORPUS_DIR

pytestmark = pytest.mark.slow

# A generated personnummer (valid Luhn check digit) in a sentence from a bygglov case.
PERSONNUMMER = "19640823-3234"
ANSOKAN = (
    "Tjänsteskrivelse\n\nBygglov för nybyggnad av förråd\n\n"
    f"Sökanden, personnummer {PERSONNUMMER}, ansöker om bygglov på fastigheten Kvarnen 4.\n"
    "Stadsbyggnadsnämnden föreslås bevilja ansökan. Dnr SBN-2024-00417.\n"
)
#: What differs between two runs by nature: when, and the attempt count's history.
VOLATILE = ("first_seen", "updated_at")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real documents of every format, generated PDFs, a masked text and a broken PDF.

    The real documents are ../shared/corpus's seeds and PDFs when they are there; a bare
    clone uses the bundled sample (text, Markdown, HTML) instead of skipping, so the pool
    is tested wherever `make test` runs."""
    folder = tmp_path_factory.mktemp("batch")
    if CORPUS_DIR.is_dir():
        real = sorted(CORPUS_DIR.glob("seeds/*"))[:4] + sorted(CORPUS_DIR.glob("pdf/*.pdf"))
    else:
        real = sorted(BUNDLED.iterdir())
    for path in real:
        shutil.copy(path, folder / path.name)
    (folder / "tjansteskrivelse_3s.pdf").write_bytes(pdf_fixtures.tjansteskrivelse_pdf(3))
    (folder / "protokoll_6s.pdf").write_bytes(pdf_fixtures.protokoll(6).data)
    (folder / "arsredovisning.pdf").write_bytes(
        pdf_fixtures.annual_report(8, scanned_page=False).data
    )
    (folder / "bygglov_ansokan.txt").write_text(ANSOKAN, encoding="utf-8")
    (folder / "skadad.pdf").write_bytes(pdf_fixtures.tjansteskrivelse_pdf(2)[:2000])
    return folder


def written_records(archive: Archive) -> dict[str, dict[str, Any]]:
    return {
        record["source"].rsplit("/", 1)[-1]: {k: v for k, v in record.items() if k not in VOLATILE}
        for record in archive.iter_records()
    }


def ingest_with(workers: int, batch: Path, home: Path) -> tuple[Archive, ingest.ProcessSummary]:
    archive = Archive.open(home)
    summary = ingest.process(archive, ingest.plan(archive, [batch]), Extractor(), workers=workers)
    return archive, summary


def test_pool_writes_the_records_one_process_writes(batch: Path, tmp_path: Path) -> None:
    alone, alone_summary = ingest_with(1, batch, tmp_path / "alone")
    pooled, pooled_summary = ingest_with(2, batch, tmp_path / "pooled")
    assert (alone_summary.workers, pooled_summary.workers) == (1, 2)

    expected, found = written_records(alone), written_records(pooled)
    assert sorted(found) == sorted(path.name for path in batch.iterdir())
    for name in expected:  # one by one, so that a difference names its document
        assert found[name] == expected[name], name
    assert found["skadad.pdf"]["status"] == "failed"
    assert "truncated or corrupt PDF" in found["skadad.pdf"]["reason"]
    assert pooled_summary.ok == alone_summary.ok == len(expected) - 1
    assert pooled_summary.pages == alone_summary.pages
    assert pooled_summary.words == alone_summary.words > 2000


def test_workers_mask_personal_data_before_extraction(batch: Path, tmp_path: Path) -> None:
    archive, _ = ingest_with(2, batch, tmp_path / "pooled")
    [record] = [r for r in archive.iter_records() if r["source"].endswith("bygglov_ansokan.txt")]
    assert PERSONNUMMER not in record["text"]
    assert "Sökanden, personnummer" in record["text"]
    assert record["masking"] == {"personnummer": 1}
    mentioned = {case["normalized"] for case in record["extraction"]["case_numbers"]}
    assert mentioned == {"SBN-2024-417"}  # Malmö writes the serial without leading zeros


def test_the_job_reads_a_batch_in_reader_processes_once(batch: Path, home: Path) -> None:
    archive = Archive.open(home)
    first = run_ingest(archive, [batch], workers=2)
    documents = first.asset_materializations_for_node("documents")[0].metadata
    assert documents["workers"].value == 2
    assert documents["processed"].value == len(list(batch.iterdir()))

    again = run_ingest(archive, [batch], workers=2)
    documents = again.asset_materializations_for_node("documents")[0].metadata
    assert documents["processed"].value == 0  # nothing changed: nothing read, no pool
    assert documents["workers"].value == 0
    assert len(list(archive.iter_records())) == len(list(batch.iterdir()))

    backend = open_backend("tantivy", archive.index_dir)
    hits = backend.search(SearchQuery(text="SBN-2024-00417")).hits
    backend.close()
    assert [Path(hit.source).name for hit in hits] == ["bygglov_ansokan.txt"]
    assert PERSONNUMMER not in hits[0].snippet


def planned(sizes: list[int]) -> list[ingest.SourceFile]:
    return [
        ingest.SourceFile(
            f"d{n}", f"/x/{n}.pdf", f"{n}.pdf", f"file:///x/{n}.pdf", "0", size, "new"
        )
        for n, size in enumerate(sizes)
    ]


def test_a_pool_only_when_there_is_enough_to_read() -> None:
    megabyte = 1_000_000
    assert ingest.reader_workers(planned([300_000] * 5)) == 1  # ../shared/corpus-sized
    assert ingest.reader_workers(planned([megabyte] * 3)) == min(default_workers(), 3)
    assert ingest.reader_workers(planned([5 * megabyte])) == 1  # one file: nothing to share
    assert ingest.reader_workers(planned([megabyte] * 3), workers=1) == 1
    assert ingest.reader_workers(planned([10] * 2), workers=8) == 2  # never more than files


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every pool a run takes from those started ahead (None where none matched)."""
    pools: list[Any] = []
    take = ingest._take_started_pool

    def spy(then: Any, workers: int) -> Any:
        pools.append(take(then, workers))
        return pools[-1]

    monkeypatch.setattr(ingest, "_take_started_pool", spy)
    return pools


def test_the_cli_starts_the_readers_before_dagster_and_the_run_takes_them(
    batch: Path, tmp_path: Path, taken: list[Any]
) -> None:
    archive = Archive.open(tmp_path / "home")
    assert ingest.expected_reader_workers(archive, [batch], 2) == 2
    result = run_ingest(archive, [batch], workers=2)
    assert result.asset_materializations_for_node("documents")[0].metadata["workers"].value == 2
    assert len(taken) == 1 and taken[0] is not None  # the pool started ahead did the reading
    assert ingest._STARTED_POOLS == []
    # Nothing changed since: the listing alone tells that there is nothing to read.
    assert ingest.expected_reader_workers(archive, [batch], 2) == 1
    assert ingest.expected_reader_workers(archive, [batch], 2, reprocess=True) == 2


def test_a_small_run_reads_ahead_in_one_reader_unless_told_to_read_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, taken: list[Any]
) -> None:
    """One small file: too little for a pool of two, but its reader (spaCy, the pipeline:
    about a second) starts before Dagster's import and the run takes it, so the start-ups
    overlap. `workers=1` still means this process, as documented."""
    folder = tmp_path / "one"
    folder.mkdir()
    sample = next(p for p in sorted(BUNDLED.iterdir()) if p.suffix == ".txt")
    shutil.copy(sample, folder / sample.name)
    expected = written_records(ingest_with(1, folder, tmp_path / "in-process")[0])

    monkeypatch.setenv("DIARIUM_WORKERS", "0")  # the default outside the tests (conftest: 1)
    monkeypatch.setattr(ingest, "core_is_free", lambda: True)  # not on a busy test machine
    archive = Archive.open(tmp_path / "ahead")
    result = run_ingest(archive, [folder])
    assert result.asset_materializations_for_node("documents")[0].metadata["workers"].value == 1
    assert len(taken) == 1 and taken[0] is not None and taken[0].workers == 1
    assert ingest._STARTED_POOLS == []
    assert written_records(archive) == expected

    taken.clear()
    told = Archive.open(tmp_path / "told")
    run_ingest(told, [folder], workers=1)
    assert taken == []  # read in the run's own process: no reader started, none taken
    assert written_records(told) == expected

    monkeypatch.setattr(ingest, "core_is_free", lambda: False)  # both cores busy: no gain
    busy = Archive.open(tmp_path / "busy")
    run_ingest(busy, [folder])
    assert taken == []
    assert written_records(busy) == expected


def test_reading_ahead_writes_the_records_the_run_would_and_rereads_a_changed_file(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`start_reading_ahead` (the CLI, before Dagster) reads the first files while the run
    starts; the run takes those results, and reads again a file changed since it was
    listed, so the records are those of a run without it."""
    folder = tmp_path / "batch"
    shutil.copytree(batch, folder)
    plain = Archive.open(tmp_path / "plain")
    run_ingest(plain, [folder], workers=2)
    expected = written_records(plain)

    archive = Archive.open(tmp_path / "ahead")
    started: list[Any] = []
    start = ingest.start_reader_pool

    def spy(model: str | None, workers: int, ahead: Any = ()) -> Any:
        started.append(start(model, workers, ahead))
        return started[-1]

    monkeypatch.setattr(ingest, "start_reader_pool", spy)
    monkeypatch.setattr(ingest, "READ_AHEAD_FILES", 4)
    assert ingest.start_reading_ahead(archive, [folder], None, 2) == 2
    [pool] = started
    pool._started()
    listed = sorted(ingest._READ_AHEAD)
    assert len(listed) == 4 and len(pool._ahead) == 4
    changed = Path(listed[0][0])
    for future in list(pool._ahead.values()):
        future.result(timeout=120)  # read: the change below comes after
    changed.write_bytes(changed.read_bytes() + b"\n")  # another size: read again
    monkeypatch.setattr(ingest, "_take_started_pool", lambda then, workers: pool)
    try:
        run_ingest(archive, [folder], workers=2)
    finally:
        ingest.close_started_pools()
    found = written_records(archive)
    assert pool._ahead == {} and ingest._READ_AHEAD == {}
    for name in expected:
        record, before = found[name], expected[name]
        if name == changed.name:
            assert record["size"] == before["size"] + 1 and record["sha256"] != before["sha256"]
            continue
        for key in ("first_seen", "updated_at", "uri", "path", "root", "id", "source"):
            record.pop(key, None)
            before.pop(key, None)
        if record.get("extraction"):
            record["extraction"].pop("source", None)
            before["extraction"].pop("source", None)
        assert record == before, name


def test_the_fork_server_builds_what_readers_use_before_forking_them() -> None:
    """`diarium.reader_preload` (preloaded last by the readers' fork server) leaves the
    extraction pipeline built and the PDF readers imported, so that forked readers start
    with them instead of each building its own on its first document."""
    import json
    import subprocess
    import sys

    probe = """
import json, sys
from diarium import ingest
import diarium.reader_preload
extractor = ingest._worker_extractor(ingest.settings.spacy_model())
print(json.dumps({
    "pipeline_built": extractor._nlp is not None,
    "extractors": ingest._worker_extractor.cache_info().currsize,
    "pdf": "pypdfium2" in sys.modules and "pdfplumber" in sys.modules,
}))
"""
    repo = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=repo, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == {"pipeline_built": True, "extractors": 1, "pdf": True}
    assert ingest.READER_MODULES[-1] == "diarium.reader_preload"
