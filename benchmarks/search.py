"""Index synthetic Swedish documents with the tantivy backend and time queries.

    .venv/bin/python benchmarks/search.py --docs 100000

Prints indexing throughput, query latency (p50/p95 over 200 mixed queries: one and two
words, typos, case numbers, filters, empty text with a filter; wall clock and CPU time of
this process, since the machine may be shared; then the same queries without facets, as
the command line and the evaluation ask them), the load average around the run and the
size on disk. `--index DIR` keeps the index there and reuses it on the next run (indexing
is then skipped), which makes profiling the query path cheap.
Document text is drawn from the words of ../shared/corpus (seeds and Kungsbacka) when
present, keeping their frequencies; query words are content words (five letters or more),
as officers type them. `--frequent-words` draws query words by corpus frequency instead,
the worst case where most queries match most documents.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search.backend import IndexDocument, SearchQuery
from search.tantivy_backend import TantivyBackend

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
FALLBACK_TEXT = (
    "nämnden kommunstyrelsen beslut förslag yttrande remiss samverkan utveckling område "
    "budget uppdrag förvaltningen stadsbyggnadsnämnden tekniska tjänsteskrivelse malmö "
    "planering trygghet bostäder arbete lokala processen modell ansvar kvarter boende"
)
DOC_TYPES = ("tjänsteskrivelse", "yttrande", "remiss", "protokoll", "beslut", "årsredovisning")
COMMITTEES = (
    "kommunstyrelsen",
    "tekniska nämnden",
    "stadsbyggnadsnämnden",
    "miljönämnden",
    "kulturnämnden",
    "kommunfullmäktige",
)
SERIES = ("STK", "TN", "SBN", "MN", "KN", "KS")
# Older versions of the search contract (run for comparison) have no facets flag.
HAS_FACETS_FLAG = "facets" in {f.name for f in fields(SearchQuery)}
WORDS_PER_DOC = 300


def vocabulary() -> list[str]:
    """Words of the corpus texts (with repeats, so frequent words stay frequent): the seeds
    and the Kungsbacka records, about 8,000 distinct words."""
    if not SEEDS.is_dir():
        return FALLBACK_TEXT.split()
    files = sorted(SEEDS.glob("*.txt")) + sorted((SEEDS.parent / "kungsbacka").glob("*.md"))
    text = " ".join(p.read_text(encoding="utf-8") for p in files)
    return [w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)]


def query_words(words: list[str], *, realistic: bool) -> list[str]:
    """What officers type: content words (five letters or more, each as likely as the next),
    not "och" and "för". `--frequent-words` keeps the old worst case: words drawn by corpus
    frequency, so most queries match most documents."""
    if not realistic:
        return words
    return sorted({w for w in words if len(w) >= 5})


def make_documents(count: int, words: list[str], rng: random.Random) -> list[IndexDocument]:
    documents = []
    for n in range(count):
        year = rng.randint(2010, 2024)
        cases = [f"{rng.choice(SERIES)}-{year}-{rng.randint(1, 3000)}" for _ in range(2)]
        documents.append(
            IndexDocument(
                id=f"doc-{n}",
                source=f"bench://{n}",
                title=" ".join(rng.choices(words, k=8)),
                doc_type=rng.choice(DOC_TYPES),
                date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                year=year,
                committees=rng.sample(COMMITTEES, k=rng.randint(1, 2)),
                case_numbers=cases,
                text=" ".join(rng.choices(words, k=WORDS_PER_DOC)) + " " + " ".join(cases),
            )
        )
    return documents


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def make_queries(
    count: int, words: list[str], documents: list[IndexDocument], rng: random.Random
) -> list[SearchQuery]:
    long_words = sorted({w for w in words if len(w) >= 7})
    queries: list[SearchQuery] = []
    for n in range(count):
        kind = n % 6
        if kind == 0:
            queries.append(SearchQuery(text=rng.choice(words)))
        elif kind == 1:
            queries.append(SearchQuery(text=" ".join(rng.sample(words, 2))))
        elif kind == 2:
            queries.append(SearchQuery(text=typo(rng.choice(long_words), rng)))
        elif kind == 3:
            case = rng.choice(rng.choice(documents).case_numbers)
            queries.append(SearchQuery(text=case.replace("-", " ").lower()))
        elif kind == 4:
            queries.append(SearchQuery(text=rng.choice(words), year=rng.randint(2010, 2024)))
        else:
            queries.append(SearchQuery(committee=rng.choice(COMMITTEES)))
    return queries


def timed(
    backend: TantivyBackend, queries: list[SearchQuery], rounds: int
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per search (CPU: this process, all its threads)."""
    latencies, cpu = [], []
    for _ in range(rounds):
        for query in queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            backend.search(query)
            cpu.append((time.process_time() - started_cpu) * 1000)
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies, cpu


def cold_command(index: Path, queries: list[SearchQuery]) -> float | None:
    """Median wall seconds of the installed `diarium search` (a new process per query, this
    checkout first on the path) over the same index, or None when the index is not laid out
    as an archive's (`HOME/index/tantivy`) or the command is not installed."""
    command = Path(sys.executable).with_name("diarium")
    if index.parts[-2:] != ("index", "tantivy") or not command.exists():
        return None
    root = str(Path(__file__).resolve().parents[1])
    env = {
        **os.environ,
        "DIARIUM_HOME": str(index.parent.parent),
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }
    seconds = []
    for query in queries:
        started = time.perf_counter()
        subprocess.run(
            [str(command), "search", query.text or "nämnd"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def directory_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--batch", type=int, default=5_000, help="documents per upsert")
    parser.add_argument(
        "--frequent-words",
        action="store_true",
        help="draw query words by corpus frequency (worst case) instead of content words",
    )
    parser.add_argument("--rounds", type=int, default=1, help="times to run the query set")
    parser.add_argument(
        "--index", type=Path, help="keep the index in this directory and reuse it when complete"
    )
    args = parser.parse_args()

    rng = random.Random(42)
    words = vocabulary()
    documents = make_documents(args.docs, words, rng)
    queries = make_queries(
        args.queries, query_words(words, realistic=not args.frequent_words), documents, rng
    )

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        # Laid out as an archive's index, so that the command line can search it too.
        path = args.index or Path(tmp) / "home" / "index" / "tantivy"
        backend = TantivyBackend(path)
        index_seconds: float | None = None
        if backend.count() != len(documents):
            started = time.perf_counter()
            for i in range(0, len(documents), args.batch):
                backend.upsert(documents[i : i + args.batch])
            index_seconds = time.perf_counter() - started

        backend.search(queries[0])  # warm-up, uncounted
        latencies, cpu = timed(backend, queries, args.rounds)
        # The same queries without facets, as the command line and the evaluation ask them
        # (after the pass above, so this one runs with warm caches: a lower bound).
        bare = [replace(q, facets=False) for q in queries] if HAS_FACETS_FLAG else []
        bare_latencies, _ = timed(backend, bare, args.rounds)
        size = directory_mb(path)
        backend.close()
        cold = cold_command(path, queries[:6])
    load_after = os.getloadavg()

    print(f"documents       {args.docs} ({WORDS_PER_DOC} words each, vocabulary {len(set(words))})")
    if index_seconds is None:
        print(f"indexing        skipped (reused {path})")
    else:
        print(f"indexing        {args.docs / index_seconds:,.0f} docs/s ({index_seconds:.1f} s)")
    print(
        f"query latency   p50 {statistics.median(latencies):.2f} ms, "
        f"p95 {percentile(latencies, 0.95):.2f} ms over {len(latencies)} queries"
    )
    print(
        f"query CPU time  p50 {statistics.median(cpu):.2f} ms, "
        f"p95 {percentile(cpu, 0.95):.2f} ms, mean {statistics.fmean(cpu):.2f} ms"
    )
    if bare_latencies:
        print(
            f"  no facets     p50 {statistics.median(bare_latencies):.2f} ms, "
            f"p95 {percentile(bare_latencies, 0.95):.2f} ms"
        )
    if cold is not None:
        print(
            f"cold command    `diarium search`, a new process each: median {cold:.2f} s over 6 "
            f"queries (in-process p50 {statistics.median(latencies):.2f} ms), load "
            + " ".join(f"{v:.2f}" for v in os.getloadavg())
        )
    print(f"index size      {size:.1f} MB")
    print(
        "load average    "
        + " ".join(f"{v:.2f}" for v in load_before)
        + " before, "
        + " ".join(f"{v:.2f}" for v in load_after)
        + f" after ({os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
