"""Index synthetic Swedish documents on both search engines and time queries, side by side.

    .venv/bin/python benchmarks/search.py --docs 100000                      # both engines
    .venv/bin/python benchmarks/search.py --docs 100000 --engine meilisearch

Prints, per engine, indexing throughput, query latency (p50/p95 over 200 mixed queries: one
and two words, typos, case numbers, filters, empty text with a filter; wall clock and CPU
time, since the machine may be shared; then the same queries without facets, as the command
line and the evaluation ask them), the size on disk, and for Meilisearch the server's
memory (RSS now and at its peak) and CPU; then the load average around the run.

Meilisearch runs as a real server: the binary of `scripts/install-meilisearch`, started on a
free loopback port with its own data directory for this run (tests/meili_server.py), or the
server that MEILI_URL and MEILI_API_KEY name (its memory and CPU are then not measured).
Both engines get the same documents and queries. `--index DIR` keeps the tantivy index there
and reuses it on the next run (indexing is then skipped), which makes profiling cheap.
Document text is drawn from the words of ../shared/corpus (seeds and Kungsbacka) when
present, keeping their frequencies; query words are content words (five letters or more),
as officers type them. `--frequent-words` draws query words by corpus frequency instead,
the worst case where most queries match most documents.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests

from search.backend import IndexDocument, SearchBackend, SearchQuery
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
    backend: SearchBackend, queries: list[SearchQuery], rounds: int
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


@dataclass
class Measured:
    engine: str
    index_seconds: float | None
    latencies: list[float]
    cpu: list[float]
    bare_latencies: list[float]
    size_mb: float
    #: Meilisearch only: the server's resident memory after the run and at its peak (MB),
    #: and its CPU milliseconds per query (the client's are in `cpu`).
    rss_mb: float | None = None
    peak_rss_mb: float | None = None
    server_cpu_ms: float | None = None


def measure(
    engine: str,
    backend: SearchBackend,
    documents: list[IndexDocument],
    queries: list[SearchQuery],
    args: argparse.Namespace,
) -> tuple[float | None, list[float], list[float], list[float]]:
    """Index (unless the index already holds the documents), then time the queries."""
    index_seconds: float | None = None
    if backend.count() != len(documents):
        started = time.perf_counter()
        for i in range(0, len(documents), args.batch):
            backend.upsert(documents[i : i + args.batch])
        index_seconds = time.perf_counter() - started
        print(f"{engine}: indexed {len(documents)} documents in {index_seconds:.1f} s", flush=True)
    backend.search(queries[0])  # warm-up, uncounted
    latencies, cpu = timed(backend, queries, args.rounds)
    # The same queries without facets, as the command line and the evaluation ask them
    # (after the pass above, so this one runs with warm caches: a lower bound).
    bare = [replace(q, facets=False) for q in queries] if HAS_FACETS_FLAG else []
    bare_latencies, _ = timed(backend, bare, args.rounds)
    return index_seconds, latencies, cpu, bare_latencies


def run_tantivy(
    documents: list[IndexDocument], queries: list[SearchQuery], args: argparse.Namespace
) -> Measured:
    with tempfile.TemporaryDirectory() as tmp:
        # Laid out as an archive's index, so that the installed command can search it too.
        path = args.index or Path(tmp) / "home" / "index" / "tantivy"
        backend = TantivyBackend(path)
        index_seconds, latencies, cpu, bare = measure("tantivy", backend, documents, queries, args)
        size = directory_mb(path)
        backend.close()
        cold = cold_command(path, queries[:6])
    if cold is not None:
        print(
            f"cold command    `diarium search`, a new process each: median {cold:.2f} s over 6 "
            f"queries (in-process p50 {statistics.median(latencies):.2f} ms), load "
            + " ".join(f"{v:.2f}" for v in os.getloadavg())
        )
    return Measured("tantivy", index_seconds, latencies, cpu, bare, size)


@contextlib.contextmanager
def meilisearch_server() -> Iterator[tuple[str, str, int | None]]:
    """(url, admin key, pid or None): the server MEILI_URL names, or one started for this
    run from the installed binary, stopped and removed afterwards."""
    if os.environ.get("MEILI_URL"):
        yield os.environ["MEILI_URL"].rstrip("/"), os.environ.get("MEILI_API_KEY", ""), None
        return
    from tests.meili_server import find_binary, missing_reason, running_server

    binary = find_binary()
    if binary is None:
        raise SystemExit(missing_reason())
    with running_server(binary) as server:
        assert server.process is not None
        yield server.url, server.admin_key, server.process.pid


def _proc_status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _proc_cpu_ms(pid: int) -> float:
    # utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks.
    fields_ = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields_[11]) + int(fields_[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def run_meilisearch(
    documents: list[IndexDocument], queries: list[SearchQuery], args: argparse.Namespace
) -> Measured:
    from search.meilisearch_backend import MeiliConfig, MeilisearchBackend

    with meilisearch_server() as (url, key, pid):
        uid = f"diarium_bench_{os.getpid()}"
        backend = MeilisearchBackend(MeiliConfig(url=url, api_key=key, index_uid=uid))
        try:
            index_seconds, latencies, cpu, bare = measure(
                "meilisearch", backend, documents, queries, args
            )
            server_cpu: float | None = None
            if pid is not None:
                # The server's own CPU per query, from one more pass over the queries.
                before = _proc_cpu_ms(pid)
                timed(backend, queries, 1)
                server_cpu = (_proc_cpu_ms(pid) - before) / len(queries)
            headers = {"Authorization": f"Bearer {key}"} if key else {}
            stats: dict[str, Any] = requests.get(f"{url}/stats", headers=headers, timeout=30).json()
            size = float(stats["databaseSize"]) / 1e6
            rss = _proc_status_mb(pid, "VmRSS") if pid else None
            peak = _proc_status_mb(pid, "VmHWM") if pid else None
        finally:
            if not args.keep:
                backend.delete_index()
            backend.close()
    return Measured("meilisearch", index_seconds, latencies, cpu, bare, size, rss, peak, server_cpu)


def report(measured: list[Measured], args: argparse.Namespace, words: list[str]) -> None:
    print()
    print(f"documents       {args.docs} ({WORDS_PER_DOC} words each, vocabulary {len(set(words))})")
    header = f"{'':28}" + "".join(f"{m.engine:>20}" for m in measured)
    print(header)

    def row(label: str, values: list[str]) -> None:
        print(f"{label:28}" + "".join(f"{v:>20}" for v in values))

    row(
        "indexing (docs/s)",
        [
            "reused" if m.index_seconds is None else f"{args.docs / m.index_seconds:,.0f}"
            for m in measured
        ],
    )
    row(
        "indexing (s)",
        ["–" if m.index_seconds is None else f"{m.index_seconds:.1f}" for m in measured],
    )
    row("query p50 (ms)", [f"{statistics.median(m.latencies):.2f}" for m in measured])
    row("query p95 (ms)", [f"{percentile(m.latencies, 0.95):.2f}" for m in measured])
    row(
        "query p50 no facets (ms)",
        [
            f"{statistics.median(m.bare_latencies):.2f}" if m.bare_latencies else "–"
            for m in measured
        ],
    )
    row(
        "query p95 no facets (ms)",
        [
            f"{percentile(m.bare_latencies, 0.95):.2f}" if m.bare_latencies else "–"
            for m in measured
        ],
    )
    row("client CPU/query mean (ms)", [f"{statistics.fmean(m.cpu):.2f}" for m in measured])
    row(
        "server CPU/query mean (ms)",
        ["–" if m.server_cpu_ms is None else f"{m.server_cpu_ms:.2f}" for m in measured],
    )
    row("index size on disk (MB)", [f"{m.size_mb:.1f}" for m in measured])
    row("server RSS (MB)", ["–" if m.rss_mb is None else f"{m.rss_mb:.0f}" for m in measured])
    row(
        "server peak RSS (MB)",
        ["–" if m.peak_rss_mb is None else f"{m.peak_rss_mb:.0f}" for m in measured],
    )
    print(f"queries         {len(measured[0].latencies)} per engine ({args.rounds} round(s))")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--batch", type=int, default=5_000, help="documents per upsert")
    parser.add_argument(
        "--engine",
        choices=("both", "tantivy", "meilisearch"),
        default="both",
        help="which engines to measure (default both, in one run)",
    )
    parser.add_argument(
        "--frequent-words",
        action="store_true",
        help="draw query words by corpus frequency (worst case) instead of content words",
    )
    parser.add_argument("--rounds", type=int, default=1, help="times to run the query set")
    parser.add_argument(
        "--index", type=Path, help="keep the tantivy index in this directory and reuse it"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the Meilisearch index (MEILI_URL servers)"
    )
    args = parser.parse_args()

    rng = random.Random(42)
    words = vocabulary()
    documents = make_documents(args.docs, words, rng)
    queries = make_queries(
        args.queries, query_words(words, realistic=not args.frequent_words), documents, rng
    )

    load_before = os.getloadavg()
    measured: list[Measured] = []
    if args.engine in ("both", "tantivy"):
        measured.append(run_tantivy(documents, queries, args))
    if args.engine in ("both", "meilisearch"):
        measured.append(run_meilisearch(documents, queries, args))
    load_after = os.getloadavg()

    report(measured, args, words)
    print(
        "load average    "
        + " ".join(f"{v:.2f}" for v in load_before)
        + " before, "
        + " ".join(f"{v:.2f}" for v in load_after)
        + f" after ({os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
