"""Throughput of `extractors.personal_data.protect` (detection + masking + secrecy) on one core.

Reads the corpus text documents once (seeds, Kungsbacka), then times `protect` over all of
them, `--repeat` passes, and prints the median in characters and words per second (CPU time
of this process), plus the findings per kind, so that the cost masking adds to ingestion is
known next to `benchmarks/extraction.py`.

    .venv/bin/python benchmarks/personal_data.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.base import ParsedDocument
from extractors.personal_data import MaskingPolicy, protect
from extractors.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def documents() -> list[ParsedDocument]:
    paths = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md", ".html"))
    return [read_document(path, source=str(path)) for path in paths if path.name != "SOURCES.md"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    docs = documents()
    chars = sum(len(d.text) for d in docs)
    words = sum(len(d.text.split()) for d in docs)
    policy = MaskingPolicy()
    seconds = []
    kinds: Counter[str] = Counter()
    for _ in range(args.repeat):
        kinds.clear()
        started = time.process_time()
        for document in docs:
            kinds.update(protect(document, policy)[1].counts)
        seconds.append(time.process_time() - started)
    median = statistics.median(seconds)
    print(f"documents: {len(docs)}  characters: {chars:,}  words: {words:,}")
    print(f"protect: {median * 1000:.1f} ms per pass (median of {args.repeat}, CPU time)")
    print(f"throughput: {chars / median:,.0f} chars/s  {words / median:,.0f} words/s")
    print("findings per kind:", dict(sorted(kinds.items())) or "none")


if __name__ == "__main__":
    main()
