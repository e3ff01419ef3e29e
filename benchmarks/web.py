"""Latency of the officers' search page, served by `diarium serve` on 127.0.0.1.

    .venv/bin/python benchmarks/web.py --requests 1000

Ingests ../shared/corpus/seeds and ../shared/corpus/kungsbacka into a temporary archive with
the real Dagster job, starts `diarium serve` (uvicorn, embedded tantivy engine) on a free
loopback port, and sends sequential GET /?q=… requests over one keep-alive connection with
varied queries: words of the corpus, typos, case numbers in several spellings, facet
filters, date sorting, later pages and queries without hits. Prints p50/p95/max in ms for
the whole request as the client sees it (HTTP, search, facets, did-you-mean, template).
Target: p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from diarium.archive import Archive  # noqa: E402
from pipelines.launch import run_ingest  # noqa: E402
from tests.web_server import free_port, start_server, stop_server  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
TARGET_P95_MS = 100.0
CASE_SPELLINGS = ("{s}-{y}-{n}", "{s} {y}/{n}", "{s} {y} {n}", "{sl}-{y}-{n}")
DOC_TYPES = ("protokoll", "tjänsteskrivelse", "kallelse", "handlingar", "yttrande")
COMMITTEES = ("kommunstyrelsen", "byggnadsnämnden", "valnämnden", "tekniska nämnden")


def corpus_words(archive: Archive) -> list[str]:
    """Words of the archived texts, frequent ones repeated, for realistic queries."""
    words: list[str] = []
    for record in archive.iter_records():
        words.extend(w.lower() for w in re.findall(r"[^\W\d_]{5,}", record.get("text") or ""))
    return words


def case_numbers(archive: Archive) -> list[str]:
    found = {
        c["normalized"]
        for r in archive.iter_records()
        for c in (r.get("extraction") or {}).get("case_numbers", [])
        if c["normalized"].count("-") == 2
    }
    return sorted(found)


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


KINDS = (
    "word",
    "word",
    "word",
    "two words",
    "typo",
    "case number",
    "word + type",
    "word + committee, by date",
    "word, page 2",
    "no hits",
)


def make_requests(count: int, archive: Archive, rng: random.Random) -> list[dict[str, str]]:
    words = corpus_words(archive)
    cases = case_numbers(archive)
    requests: list[dict[str, str]] = []
    for n in range(count):
        kind = n % 10
        params: dict[str, str] = {}
        if kind in (0, 1, 2):
            params["q"] = rng.choice(words)
        elif kind == 3:
            params["q"] = " ".join(rng.sample(words, 2))
        elif kind == 4:
            params["q"] = typo(rng.choice(words), rng)
        elif kind == 5:
            series, year, serial = rng.choice(cases).split("-")
            spelling = rng.choice(CASE_SPELLINGS)
            params["q"] = spelling.format(s=series, sl=series.lower(), y=year, n=serial)
        elif kind == 6:
            params["q"] = rng.choice(words)
            params["type"] = rng.choice(DOC_TYPES)
        elif kind == 7:
            params["q"] = rng.choice(words)
            params["committee"] = rng.choice(COMMITTEES)
            params["sort"] = "date"
        elif kind == 8:
            params["q"] = rng.choice(words)
            params["page"] = "2"
        else:
            params["q"] = f"xq{rng.randrange(10**6)}zw"  # no hits: the suggestion path
        requests.append(params)
    return requests


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sources = [CORPUS / "seeds", CORPUS / "kungsbacka"]
    if not all(p.is_dir() for p in sources):
        raise SystemExit(f"needs {CORPUS}/seeds and {CORPUS}/kungsbacka")

    with tempfile.TemporaryDirectory(prefix="diarium-web-bench-") as tmp:
        home = Path(tmp) / "archive"
        archive = Archive.open(home)
        started = time.perf_counter()
        result = run_ingest(archive, sources)
        assert result.success
        documents = sum(1 for _ in archive.iter_records())
        print(f"ingested {documents} documents in {time.perf_counter() - started:.1f} s")

        rng = random.Random(args.seed)
        requests = make_requests(args.requests + args.warmup, archive, rng)
        port = free_port()
        server = start_server(home, port)
        timings: list[float] = []
        by_kind: dict[str, list[float]] = {}
        statuses: dict[int, int] = {}
        hits = 0
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                for n, params in enumerate(requests):
                    begin = time.perf_counter()
                    response = client.get("/", params=params)
                    elapsed = (time.perf_counter() - begin) * 1000
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                    if n >= args.warmup:
                        timings.append(elapsed)
                        by_kind.setdefault(KINDS[n % len(KINDS)], []).append(elapsed)
                        hits += 'class="hit"' in response.text
        finally:
            stop_server(server)

    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    print(
        f"GET /?q=… × {len(timings)} sequential (after {args.warmup} warm-up), "
        f"{documents} documents, embedded tantivy"
    )
    print(f"status codes: {dict(sorted(statuses.items()))}; pages with hits: {hits}")
    print(
        f"latency ms: p50 {p50:.1f}  p95 {p95:.1f}  p99 {percentile(timings, 0.99):.1f}  "
        f"max {max(timings):.1f}  mean {statistics.fmean(timings):.1f}"
    )
    for kind, values in by_kind.items():
        print(
            f"  {kind:<28} n={len(values):<4} p50 {statistics.median(values):6.1f}  "
            f"p95 {percentile(values, 0.95):6.1f}  max {max(values):6.1f}"
        )
    verdict = "meets" if p95 <= TARGET_P95_MS else "MISSES"
    print(f"target p95 ≤ {TARGET_P95_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
