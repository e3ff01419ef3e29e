"""Benchmark: `diarium ingest` through the Dagster job, cold and again with nothing changed.

    .venv/bin/python benchmarks/ingest.py [PATH ...] [--repeat N]

Defaults to ../shared/corpus (or the bundled sample). Each repeat uses a fresh archive.
Prints wall time, documents/s, pages/s and words/s for the cold run, and the time of the
unchanged re-run; compare figures measured in one run, since these machines are noisy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diarium.archive import Archive
from diarium.sample import demo_corpus
from pipelines.launch import run_ingest


def _metadata(result: object, node: str) -> dict[str, float]:
    events = result.asset_materializations_for_node(node)  # type: ignore[attr-defined]
    return {key: getattr(value, "value", value) for key, value in events[0].metadata.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.paths or [demo_corpus().path]

    # Warm-up: imports, spaCy pipeline, Dagster instance creation are paid once per process.
    with tempfile.TemporaryDirectory() as warm:
        run_ingest(Archive.open(warm), paths)

    cold, again = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as home:
            os.environ["DIARIUM_HOME"] = home
            archive = Archive.open(home)
            started = time.perf_counter()
            result = run_ingest(archive, paths)
            cold.append(time.perf_counter() - started)
            docs = _metadata(result, "documents")
            started = time.perf_counter()
            run_ingest(archive, paths)
            again.append(time.perf_counter() - started)

    seconds = statistics.median(cold)
    print(f"paths: {', '.join(map(str, paths))}")
    print(
        f"documents: {docs['processed']} ({docs['ok']} ok, {docs['failed']} failed), pages {docs['pages']}, words {docs['words']}"
    )
    print(
        f"cold ingest (median of {args.repeat}): {seconds:.2f} s  "
        f"= {docs['processed'] / seconds:.1f} docs/s, {docs['pages'] / seconds:.1f} pages/s, {docs['words'] / seconds:,.0f} words/s"
    )
    print(
        f"  of which parse+extract (documents asset): {docs['seconds']:.2f} s = {docs['words'] / docs['seconds']:,.0f} words/s"
    )
    print(f"unchanged re-run (median): {statistics.median(again):.2f} s")


if __name__ == "__main__":
    main()
