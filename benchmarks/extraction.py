"""Words per second of `Extractor.extract` over the seeds and the Kungsbacka texts.

Files are read once, before timing; the corpus is repeated `--repeat` times. One core.

    .venv/bin/python benchmarks/extraction.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.base import Page, ParsedDocument
from extractors.extraction import Extractor

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def load() -> list[ParsedDocument]:
    paths = sorted((CORPUS / "seeds").glob("*.txt")) + sorted(
        (CORPUS / "kungsbacka").glob("*_*.md")
    )
    docs = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        fmt = "markdown" if path.suffix == ".md" else "text"
        docs.append(ParsedDocument(str(path), "x", fmt, text, [Page(1, 0, len(text))]))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS}")
    docs = load()
    extractor = Extractor()
    for doc in docs:  # warm-up: pipeline caches, regex compilation
        extractor.extract(doc)
    words = sum(len(doc.text.split()) for doc in docs) * args.repeat
    start = time.perf_counter()
    for _ in range(args.repeat):
        for doc in docs:
            extractor.extract(doc)
    elapsed = time.perf_counter() - start
    print(
        f"{len(docs)} documents x {args.repeat}: {words} words in {elapsed:.2f} s "
        f"= {words / elapsed:,.0f} words/s"
    )


if __name__ == "__main__":
    main()
