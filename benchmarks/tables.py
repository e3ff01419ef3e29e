"""Benchmark: build the analyst tables from 10,000 records (the time beyond extraction).

    .venv/bin/python benchmarks/tables.py [--documents N] [--repeat R] [PATH ...]

The records are real extractions of the corpus documents (../shared/corpus, else the bundled
sample), copied N times with new ids, sources, case serials and years, so that the archive
has realistic record sizes (full text, sections) and case chains within each copy. Prints
the archive size, the median build time with its phases (read records, derive, write
Parquet and DuckDB), documents/s, the CPU time (a fairer figure on a busy machine), the
rows per table, and the time of the quality checks.
"""

from __future__ import annotations

import argparse
import copy
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diarium import tables
from diarium.archive import Archive, document_id, utc_now
from diarium.sample import demo_corpus
from extractors.base import ReaderError
from extractors.canonical_case import parse_canonical
from extractors.extraction import Extractor
from extractors.readers import read_document

SUFFIXES = {".txt", ".md", ".pdf", ".html", ".htm"}


def templates(paths: list[Path]) -> list[dict[str, Any]]:
    """One record (text + extraction) per document under `paths`, extracted for real."""
    extractor = Extractor()
    files = sorted(
        f
        for p in paths
        for f in ([p] if p.is_file() else p.rglob("*"))
        if f.is_file()
        and f.suffix.lower() in SUFFIXES
        and f.name not in ("SOURCES.md", "README.md")
    )
    out = []
    for path in files:
        try:
            parsed = read_document(path, source=str(path))
        except ReaderError:
            continue
        out.append(
            {
                "name": path.name,
                "format": parsed.format,
                "pages": len(parsed.pages),
                "text": parsed.text,
                "words": len(parsed.text.split()),
                "extraction": extractor.extract(parsed).to_dict(),
            }
        )
    return out


def _shift_case(case: str | None, copy_no: int) -> str | None:
    """A case of copy `copy_no`: same series and year, a serial of its own."""
    parts = parse_canonical(case or "")
    if parts is None:
        return case
    series = f"{parts.series}-" if parts.series else ""
    return f"{series}{parts.year}-{parts.serial + 100_000 * copy_no}"


def _shift_date(value: str | None, years: int) -> str | None:
    if not value or not re.match(r"\d{4}-\d{2}-\d{2}$", value):
        return value
    year = int(value[:4]) + years
    day = "28" if value[5:] == "02-29" else value[8:]
    return f"{year:04d}-{value[5:7]}-{day}"


def synthetic_record(template: dict[str, Any], number: int, copy_no: int) -> dict[str, Any]:
    extraction = copy.deepcopy(template["extraction"])
    for case in extraction.get("case_numbers", []):
        case["normalized"] = _shift_case(case["normalized"], copy_no)
    for decision in extraction.get("decisions", []):
        decision["case_number"] = _shift_case(decision.get("case_number"), copy_no)
    years = -(copy_no % 8)  # spread the copies over eight years of partitions
    extraction["date"] = _shift_date(extraction.get("date"), years)
    if extraction.get("year"):
        extraction["year"] += years
    if extraction.get("meeting"):
        extraction["meeting"]["date"] = _shift_date(extraction["meeting"].get("date"), years)
    uri = f"file:///bench/{copy_no}/{number}/{template['name']}"
    now = utc_now()
    return {
        "id": document_id(uri),
        "source": f"/bench/{copy_no}/{number}/{template['name']}",
        "uri": uri,
        "sha256": f"{number:064x}",
        "first_seen": now,
        "updated_at": now,
        "attempts": 1,
        "status": "ok",
        "reason": None,
        "format": template["format"],
        "pages": template["pages"],
        "text": template["text"],
        "words": template["words"],
        "extraction": extraction,
    }


def fill(archive: Archive, source: list[dict[str, Any]], documents: int) -> int:
    size = 0
    for number in range(documents):
        record = synthetic_record(source[number % len(source)], number, number // len(source))
        archive.write_record(record)
        size += archive.record_path(record["id"]).stat().st_size
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    shared = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    paths = args.paths or [shared if shared.is_dir() else demo_corpus().path]

    source = templates(paths)
    with tempfile.TemporaryDirectory() as home:
        archive = Archive.open(home)
        started = time.perf_counter()
        size = fill(archive, source, args.documents)
        print(f"templates: {len(source)} documents extracted from {', '.join(map(str, paths))}")
        print(
            f"archive: {args.documents} records, {size / 1e6:.0f} MB of JSON "
            f"({size / args.documents / 1e3:.1f} kB each), written in {time.perf_counter() - started:.1f} s"
        )
        reports, cpu = [], []
        for _ in range(args.repeat):
            started_cpu = time.process_time()
            reports.append(tables.build(archive))
            cpu.append(time.process_time() - started_cpu)
        total = statistics.median(r.seconds["total"] for r in reports)
        phases = {
            phase: statistics.median(r.seconds[phase] for r in reports)
            for phase in ("read", "derive", "write")
        }
        print(
            f"build_tables (median of {args.repeat}): {total:.2f} s = "
            f"{args.documents / total:,.0f} documents/s  (target ≤ 10 s)"
        )
        print("  phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in phases.items()))
        runs = ", ".join(f"{r.seconds['total']:.2f}" for r in reports)
        print(f"  all runs: {runs} s wall; CPU (all threads) median {statistics.median(cpu):.2f} s")
        print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in reports[-1].rows.items()))
        parquet = sum(f.stat().st_size for f in archive.tables_dir.resolve().rglob("*.parquet"))
        print(
            f"  sizes: DuckDB {archive.duckdb_path.stat().st_size / 1e6:.0f} MB, "
            f"Parquet {parquet / 1e6:.0f} MB"
        )
        started = time.perf_counter()
        with tables.connect(archive) as con:
            outcomes = [
                tables.check_keys_unique(con),
                tables.check_foreign_keys(con),
                tables.check_date_ranges(con),
                tables.check_documents_complete(archive, con),
            ]
        print(
            f"quality checks: {time.perf_counter() - started:.2f} s, "
            f"{'all passed' if all(o.passed for o in outcomes) else [o.metadata for o in outcomes]}"
        )


if __name__ == "__main__":
    main()
