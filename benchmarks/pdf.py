"""Benchmark: the PDF path of issue 4, every target measured in one run.

    .venv/bin/python benchmarks/pdf.py [--workers 2] [--repeat 3] [--quick]

Corpus: text-layer PDFs rendered by `tests/pdf_fixtures.py` (tjänsteskrivelser, protokoll
with letterheads and signature footers, two annual reports with two columns, ruled and
whitespace-aligned tables: one written in reading order, one with the columns interleaved
line by line) plus the real PDF of `../shared/corpus/pdf/` when present.

Measured, all in this run:

1. baseline: a plain pdfplumber `extract_text` loop (pages closed), one process;
2. reading only (`read_document`: pdfium text and layout, furniture, tables), one process;
3. end to end through ingestion's own functions (`diarium.ingest.plan`, `process` with
   its pool of reader processes that read, mask and extract, records written, then
   `sync_index` into a fresh tantivy index): warm (worker start-up and spaCy loading are
   reported apart, as a long batch pays them once), the median of `--repeat` runs, and
   the CPU time per page (what the pages would take on otherwise idle cores: these
   machines are shared);
   then once cold through the Dagster job as `diarium ingest` runs it, start-up included;
4. text equality against the generators' truth: words of the body text per page, and
   running header/footer lines left in the body;
5. OCR of the scanned page (when tesseract with Swedish is installed);
6. peak memory (RSS, `ru_maxrss`) of a fresh process reading a 300-page annual report
   with tables and a scanned page.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.pdf_layout import furniture_key, is_page_number  # noqa: E402
from extractors.pool import ReaderPool  # noqa: E402
from extractors.readers import read_document  # noqa: E402
from tests import pdf_fixtures  # noqa: E402
from tests.pdf_fixtures import RenderedPdf  # noqa: E402

CORPUS_PDF = ROOT.parent / "shared" / "corpus" / "pdf"


# --- corpus --------------------------------------------------------------------------------


def build_corpus(folder: Path, quick: bool) -> tuple[list[Path], dict[Path, RenderedPdf]]:
    scale = 1 if quick else 2
    rendered: dict[Path, RenderedPdf] = {}
    paths: list[Path] = []
    for pages in range(2, 2 + 6 * scale):
        path = folder / f"tjansteskrivelse_{pages:02d}.pdf"
        path.write_bytes(pdf_fixtures.tjansteskrivelse_pdf(pages))
        paths.append(path)
    for pages in [10, 20, 30][: 1 + scale] + [40, 60][:scale]:
        path = folder / f"protokoll_{pages:02d}.pdf"
        rendered[path] = pdf_fixtures.protokoll(pages)
        paths.append(path)
    for interleave in (False, True):
        path = folder / f"arsredovisning_{'radvis' if interleave else 'spaltvis'}.pdf"
        rendered[path] = pdf_fixtures.annual_report(
            75 * scale, interleave=interleave, scanned_page=False
        )
        paths.append(path)
    for path, document in rendered.items():
        path.write_bytes(document.data)
    paths += sorted(CORPUS_PDF.glob("*.pdf")) if CORPUS_PDF.is_dir() else []
    return paths, rendered


def count_pages(paths: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in paths:
        document = pdfium.PdfDocument(path)
        total += len(document)
        document.close()
    return total


# --- measurements --------------------------------------------------------------------------


def pdfplumber_loop(paths: list[Path]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a plain pdfplumber text loop, pages closed."""
    import pdfplumber

    started, cpu_started = time.perf_counter(), time.process_time()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
    return time.perf_counter() - started, time.process_time() - cpu_started


def reading_only(paths: list[Path]) -> tuple[float, float]:
    started, cpu_started = time.perf_counter(), time.process_time()
    for path in paths:
        read_document(path)
    return time.perf_counter() - started, time.process_time() - cpu_started


@dataclass
class EndToEnd:
    startup: float  # seconds to start the workers, load spaCy, open the index
    runs: list[float]  # wall seconds of each repetition
    cpu: float  # CPU seconds of the median run: workers' on the files + this process's
    indexed: int

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def end_to_end(paths: list[Path], workers: int, repeat: int) -> EndToEnd:
    """Ingestion's own code (`diarium.ingest`: plan, read, mask and extract in reader
    processes, write the records, then `sync_index` into tantivy) into a fresh archive,
    `repeat` times on one warm pool. CPU time, unlike wall time, hardly changes with other
    load on the machine."""
    from diarium import ingest
    from diarium.archive import Archive
    from extractors.extraction import Extractor
    from search.tantivy_backend import TantivyBackend

    extractor = Extractor()
    with (
        tempfile.TemporaryDirectory() as homes,
        ingest.reader_pool(extractor, workers) as pool,
    ):
        started = time.perf_counter()
        # The fixed cost of a run, shown apart: starting the workers, loading spaCy in
        # each, and the index's first write (its Swedish analysis loads on first use).
        pool.start(paths[0])
        warm = Archive.open(Path(homes) / "warm")
        ingest.process(warm, ingest.plan(warm, [paths[0]]), extractor, workers=1)
        with closing(TantivyBackend(warm.index_dir)) as backend:
            ingest.sync_index(warm, backend)
        startup = time.perf_counter() - started
        runs: list[tuple[float, float, int]] = []
        for number in range(repeat):
            archive = Archive.open(Path(homes) / f"run{number}")
            started, cpu_started = time.perf_counter(), time.process_time()
            children_before = _children_cpu(pool)
            planned = ingest.plan(archive, paths)
            summary = ingest.process(archive, planned, extractor, pool=pool)
            with closing(TantivyBackend(archive.index_dir)) as backend:
                indexed = ingest.sync_index(archive, backend).upserted
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu_started + _children_cpu(pool) - children_before
            assert summary.ok == len(paths), summary
            runs.append((seconds, cpu, indexed))
    median = sorted(runs)[len(runs) // 2]
    return EndToEnd(startup, [run[0] for run in runs], median[1], median[2])


def _children_cpu(pool: ReaderPool) -> float:
    """CPU seconds the pool's worker processes have used so far (from /proc)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    executor = pool._executor
    for process in (executor._processes or {}).values() if executor is not None else ():
        try:
            fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def cold_job(paths: list[Path], workers: int) -> float:
    """Wall seconds of `diarium ingest` over `paths` in a new process into a new archive:
    importing Dagster, starting the reader processes, tables, index and checks included."""
    with tempfile.TemporaryDirectory() as home:
        command = [str(Path(sys.executable).parent / "diarium"), "ingest", *map(str, paths)]
        started = time.perf_counter()
        subprocess.run(
            [*command, "--home", home, "--workers", str(workers)],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - started


def word_match(expected: list[str], got: list[str]) -> tuple[int, int]:
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()), len(expected)


def text_equality(rendered: dict[Path, RenderedPdf]) -> tuple[int, int, int, int, int]:
    """(words matched, words expected, words extracted, furniture lines leaked, pages) over
    the text pages; matched/expected is recall, matched/extracted precision.

    Page 1 keeps its letterhead by design (it is expected there, not counted as a leak);
    its footer is furniture like every other page's.
    """
    matched = expected_total = extracted = leaks = pages = 0
    for path, truth in rendered.items():
        doc = read_document(path)
        for page, span in zip(truth.pages, doc.pages, strict=True):
            if page.scanned:
                continue
            text = doc.text[span.start : span.end]
            expected = page.words
            if page.number == 1:
                header = [t for t in page.furniture if not is_page_number(t)]
                header = header[:-2] if len(header) > 2 else header[:1]
                expected = [w for t in header for w in t.split()] + expected
            found, total = word_match(expected, text.split())
            matched, expected_total, pages = matched + found, expected_total + total, pages + 1
            extracted += len(text.split())
            lines = {furniture_key(line) for line in text.splitlines()}
            pieces = {furniture_key(piece) for piece in page.furniture}
            printed = {furniture_key(f.text) for f in doc.furniture if f.page == page.number}
            if page.number > 1:
                leaks += len(lines & (pieces | printed))
            leaks += sum(is_page_number(line) for line in text.splitlines())
    return matched, expected_total, extracted, leaks, pages


def ocr_recall(folder: Path) -> str:
    from extractors import ocr

    reason = ocr.unavailable_reason()
    if reason:
        return f"skipped: {reason}"
    truth = pdf_fixtures.annual_report(4, scanned_page=True, table_every=0)
    path = folder / "skannad.pdf"
    path.write_bytes(truth.data)
    started = time.perf_counter()
    doc = read_document(path)
    seconds = time.perf_counter() - started
    span = doc.pages[2]
    found, total = word_match(truth.pages[2].words, doc.text[span.start : span.end].split())
    return f"{found}/{total} words ({found / total:.1%}) of the scanned page; document read in {seconds:.1f} s"


def peak_memory(folder: Path) -> dict[str, float]:
    path = folder / "arsredovisning_300.pdf"
    path.write_bytes(pdf_fixtures.annual_report(300, scanned_page=True).data)
    # A fresh process that imports only the reader: its peak is the reader's.
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


#: Peak RSS is the kernel's high-water mark of the process (`VmHWM`); `ru_maxrss` would not
#: do here, because Linux carries it over from the parent through fork and exec.
_PEAK_SCRIPT = f"""
import json, re, sys, time
sys.path.insert(0, {str(ROOT)!r})
from extractors.readers import read_document

def high_water_mb():
    status = open("/proc/self/status").read()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024

baseline = high_water_mb()
started = time.perf_counter()
doc = read_document(sys.argv[1])
seconds = time.perf_counter() - started
peak = high_water_mb()
print(json.dumps({{
    "pages": len(doc.pages), "tables": len(doc.tables),
    "ocr_pages": doc.metadata.get("ocr_pages", ""), "seconds": round(seconds, 2),
    "baseline_mb": round(baseline), "peak_mb": round(peak),
}}))
"""


# --- report --------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="half the corpus")
    parser.add_argument("--repeat", type=int, default=3, help="end-to-end runs (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths, rendered = build_corpus(folder, args.quick)
        pages = count_pages(paths)
        print(f"corpus: {len(paths)} text-layer PDFs, {pages} pages (generated + {CORPUS_PDF})")

        read_document(paths[0])  # imports and first-use costs, not counted
        plumber, plumber_cpu = pdfplumber_loop(paths)
        print(
            f"pdfplumber extract_text loop, 1 process: {plumber:6.1f} s = "
            f"{pages / plumber:7.1f} pages/s; CPU {plumber_cpu * 1000 / pages:.1f} ms/page"
        )
        reading, reading_cpu = reading_only(paths)
        print(
            f"read_document (text, layout, furniture, tables), 1 process: {reading:6.1f} s = "
            f"{pages / reading:7.1f} pages/s; CPU {reading_cpu * 1000 / pages:.1f} ms/page"
        )
        runs: dict[int, EndToEnd] = {}
        for workers in sorted({1, args.workers}):
            run = runs[workers] = end_to_end(paths, workers, args.repeat)
            print(
                f"end to end (read, extract, index), {workers} worker(s): median "
                f"{run.median:5.1f} s = {pages / run.median:6.1f} pages/s "
                f"(runs: {', '.join(f'{pages / s:.0f}' for s in run.runs)} pages/s); "
                f"CPU {run.cpu * 1000 / pages:.1f} ms/page; {run.indexed} documents indexed; "
                f"start-up apart: {run.startup:.1f} s"
            )
        e2e_run = runs[args.workers]
        e2e = pages / e2e_run.median
        idle = args.workers * pages / e2e_run.cpu
        print(
            f"  = {idle:.0f} pages/s on {args.workers} otherwise idle cores (from CPU time); "
            f"{pages / (e2e_run.median + e2e_run.startup):.0f} pages/s counting the start-up "
            f"of a run; load average now {' '.join(f'{v:.2f}' for v in os.getloadavg())}"
        )

        cold = {workers: cold_job(paths, workers) for workers in sorted({1, args.workers})}
        print(
            "cold `diarium ingest` (new process: Dagster, reader processes, records, tables, "
            "index, checks): "
            + "; ".join(
                f"{w} worker(s) {s:.1f} s = {pages / s:.0f} pages/s" for w, s in cold.items()
            )
        )

        matched, expected, extracted, leaks, text_pages = text_equality(rendered)
        print(
            f"text equality on {text_pages} generated text pages: {matched}/{expected} source "
            f"words found in order ({matched / expected:.2%}), {matched}/{extracted} extracted "
            f"words from the source ({matched / extracted:.2%}); header/footer lines left in "
            f"body text: {leaks}"
        )
        print(f"OCR: {ocr_recall(folder)}")
        memory = peak_memory(folder)
        print(
            f"300-page annual report in a fresh process: peak RSS {memory['peak_mb']:.0f} MB "
            f"(after imports {memory['baseline_mb']:.0f} MB), {memory['seconds']} s, "
            f"{memory['tables']:.0f} tables, OCR'd pages {memory['ocr_pages']}"
        )

        print("\ntargets:")
        print(
            f"  end to end >= 150 pages/s ({args.workers} workers, median wall): {e2e:.1f}  "
            f"{verdict(e2e >= 150)}; from CPU time: {idle:.0f}  {verdict(idle >= 150)}"
        )
        ratio = e2e / (pages / plumber)
        cpu_ratio = idle / (pages / plumber_cpu)
        print(
            f"  >= 10x the pdfplumber loop (wall, same run): {ratio:.1f}x  "
            f"{verdict(ratio >= 10)}; from CPU time: {cpu_ratio:.1f}x  {verdict(cpu_ratio >= 10)}"
        )
        share = min(matched / expected, matched / extracted)
        print(f"  text equality >= 99% of words: {share:.2%}  {verdict(share >= 0.99)}")
        print(f"  no header/footer line in body text: {leaks}  {verdict(leaks == 0)}")
        print(
            f"  peak memory <= 500 MB on 300 pages: {memory['peak_mb']:.0f} MB  {verdict(memory['peak_mb'] <= 500)}"
        )


if __name__ == "__main__":
    main()
