"""Words per second of `Extractor.extract` on one core, over the seeds, Kungsbacka and the PDF.

Documents are read once with the readers (as ingestion does), before any timing; only
extraction is timed. Two figures:

* cold: the first pass with a freshly built pipeline (empty tokenizer cache), as a nightly run
  that starts a new process sees it;
* warm: the median of `--repeat` further passes over the same documents.

Each is given in CPU time of this process (`time.process_time`, not disturbed by other
processes on a shared machine) and in wall-clock time, with the load average of the machine.
The target is 50,000 words/s; compare versions by running their own scripts alternately
(`PYTHONPATH=<worktree>`), several times, and taking medians.

    .venv/bin/python benchmarks/extraction.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors import nlp
from extractors.base import ParsedDocument
from extractors.extraction import Extractor
from extractors.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TARGET = 50_000


def load() -> list[ParsedDocument]:
    paths = (
        sorted((CORPUS / "seeds").glob("*.txt"))
        + sorted((CORPUS / "kungsbacka").glob("*_*.md"))
        + sorted((CORPUS / "pdf").glob("*.pdf"))
    )
    return [read_document(path, source=str(path)) for path in paths]


def one_pass(extractor: Extractor, docs: list[ParsedDocument]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of extracting every document once."""
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in docs:
        extractor.extract(doc)
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS}")
    docs = load()
    words = sum(len(doc.text.split()) for doc in docs)
    nlp.build_pipeline.cache_clear()  # cold: a new pipeline with an empty tokenizer cache
    nlp._WARM_CHUNKS.clear()
    build = time.perf_counter()
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - the pipeline is built on first use: build it here, timed apart
    build = time.perf_counter() - build
    cold_cpu, cold_wall = one_pass(extractor, docs)
    warm = [one_pass(extractor, docs) for _ in range(args.repeat)]
    warm_cpu = statistics.median(c for c, _ in warm)
    warm_wall = statistics.median(w for _, w in warm)
    print(f"{len(docs)} documents, {words:,} words; pipeline built in {build:.2f} s")
    # On a shared machine CPU time still drifts with the load: compare runs at a similar load.
    print("load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(
        f"cold (first pass):   {words / cold_cpu:>9,.0f} words/s CPU   "
        f"{words / cold_wall:>9,.0f} words/s wall"
    )
    print(
        f"warm (median of {args.repeat}): {words / warm_cpu:>9,.0f} words/s CPU   "
        f"{words / warm_wall:>9,.0f} words/s wall   (target {TARGET:,})"
    )


if __name__ == "__main__":
    main()
