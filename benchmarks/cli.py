"""Benchmark: Diarium as users run it, every command a new process (issue 17's table).

    .venv/bin/python benchmarks/cli.py [--diarium PATH] [--pages 2000] [--skip-web]

Times the installed `diarium` command (default: the one next to this Python, run with this
checkout first on PYTHONPATH), cold, each run a new process:

1. a single-process pdfplumber `extract_text` loop (pages closed) over 30 of the PDFs (300
   pages), the baseline the ingest is compared with, right before and right after step 2;
2. `diarium ingest` of 2,000 text-PDF pages (200 ten-page PDFs: tjänsteskrivelser and
   protokoll from `tests/pdf_fixtures.py`) into a fresh archive, wall clock and peak RSS,
   and its rate divided by the faster of the two loops (the stricter ratio: the loop, one
   process, loses more to other work on the machine than the ingest does);
3. `diarium ingest` of 400 of those pages into a fresh archive, and of one small text file
   (the start-up: what any run pays before its first document);
4. `diarium ingest` again of ../shared/corpus (or the bundled sample) with nothing new;
5. `diarium search WORD` (6 queries, median) and `diarium search CASE-NUMBER`, cold, with
   peak RSS, over the archive of step 4;
6. `diarium serve` under 2,000 requests from 20 concurrent clients on the same machine.

Each line carries the load average (1, 5, 15 min) before and after: these 2-core machines
are shared, so compare figures measured in one run. Goals from the issue are printed next to
the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"
#: The checkout's packages, compiled to bytecode before timing (see the warm-up).
PACKAGES = ("diarium", "extractors", "pipelines", "search")
SAMPLE = ROOT / "diarium" / "sample"
WORD_QUERIES = ("områdeslyft", "samverkansmodel", "bygglov", "detaljplan", "nämndens", "trygghet")
CASE_QUERIES = ("tn 2019 3825", "TN-2024-1021", "KS 2014/0316")
#: What `diarium search` prints of the search itself: "… för X (0.9 ms)".
TOOK = re.compile(r"\(([\d.]+) ms\)")


GNU_TIME = Path("/usr/bin/time").is_file()
RSS_FILE = Path(tempfile.gettempdir()) / f"diarium-bench-rss-{os.getpid()}"


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int
    output: str
    ended: float = 0.0  # time.time() when the process had exited


def run(command: Sequence[str], env: dict[str, str], *, check: bool = True) -> Run:
    """One new process: wall clock and the peak RSS of it and its children (reader workers)."""
    # Peak RSS through GNU time where there is one: a child forked from this (large) process
    # would otherwise count this process's pages in its own peak until it execs.
    timer = ["/usr/bin/time", "-f", "%M", "-o", str(RSS_FILE)] if GNU_TIME else []
    started = time.perf_counter()
    process = subprocess.Popen(
        [*timer, *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    # wait4 gives this child's own resource use (its reaped children included), unlike
    # getrusage(RUSAGE_CHILDREN), which would mix in every earlier run.
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if check and process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{output[-2000:]}")
    ended = time.time()
    kilobytes = int(RSS_FILE.read_text().split()[-1]) if GNU_TIME else usage.ru_maxrss
    return Run(seconds, kilobytes / 1024, process.returncode, output, ended)


def run_phases(home: Path, run: Run) -> str:
    """Where a run's wall clock went, from its events in the archive's Dagster instance:
    start-up (process start to the run's first event), the `documents` step (reading and
    extracting, the warm part), and the end (tables, index, checks, process exit)."""
    import sqlite3
    from datetime import datetime

    shards = [p for p in (home / "dagster" / "history" / "runs").glob("*.db") if p.stem != "index"]
    if not shards:
        return "no Dagster run"
    with sqlite3.connect(max(shards, key=lambda p: p.stat().st_mtime)) as db:
        rows = db.execute(
            "SELECT dagster_event_type, step_key, timestamp FROM event_logs"
        ).fetchall()

    def at(value: object) -> float:
        return datetime.fromisoformat(value).timestamp() if isinstance(value, str) else float(value)  # type: ignore[arg-type]

    stamps = {(kind, step): at(value) for kind, step, value in rows}
    first = min(at(value) for _, _, value in rows)
    started = run.ended - run.seconds
    docs = (
        stamps.get(("STEP_SUCCESS", "documents"), first),
        stamps.get(("STEP_START", "documents"), first),
    )
    return (
        f"start-up {first - started:.1f} s, documents step {docs[0] - docs[1]:.1f} s, "
        f"after it {run.ended - docs[0]:.1f} s"
    )


def line(what: str, figure: str, goal: str, before: str) -> None:
    print(f"{what:<44} {figure:<40} goal {goal:<22} load {before} -> {load()}", flush=True)


# --- corpus --------------------------------------------------------------------------------


def pdf_corpus(folder: Path, pages: int) -> list[Path]:
    """`pages` / 10 ten-page PDFs, half tjänsteskrivelser, half protokoll (rendered once)."""
    from tests import pdf_fixtures

    folder.mkdir(parents=True, exist_ok=True)
    kinds = {
        "tjansteskrivelse": pdf_fixtures.tjansteskrivelse_pdf(10),
        "protokoll": pdf_fixtures.protokoll(10).data,
    }
    paths = []
    for n in range(pages // 10):
        kind = "tjansteskrivelse" if n % 2 == 0 else "protokoll"
        path = folder / f"{kind}_{n:03d}.pdf"
        path.write_bytes(kinds[kind])
        paths.append(path)
    return paths


def pdfplumber_pages_per_second(paths: Sequence[Path]) -> float:
    import pdfplumber

    pages = 0
    started = time.perf_counter()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages / (time.perf_counter() - started)


# --- web -----------------------------------------------------------------------------------


def web_latencies(home: Path, env: dict[str, str], requests: int, clients: int) -> list[float]:
    import httpx

    from diarium.archive import Archive
    from tests.web_server import free_port

    archive = Archive.open(home)
    words = sorted(
        {
            w.lower()
            for r in archive.iter_records()
            for w in (r.get("text") or "").split()
            if len(w) >= 6 and w.isalpha()
        }
    )
    rng = random.Random(17)
    urls = [
        f"/?q={rng.choice(words)}" if n % 4 else f"/?q={rng.choice(CASE_QUERIES)}"
        for n in range(requests)
    ]
    port = free_port()
    server = subprocess.Popen(
        [*env["DIARIUM_BENCH_COMMAND"].split("\0"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/static/style.css", timeout=1).is_success:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        queue = iter(urls)

        def client() -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                while True:
                    with lock:
                        url = next(queue, None)
                    if url is None:
                        return
                    started = time.perf_counter()
                    response = http.get(url)
                    elapsed = (time.perf_counter() - started) * 1000
                    with lock:
                        latencies.append(elapsed)
                        if response.status_code != 200:
                            errors.append(f"{url}: {response.status_code}")

        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            print(f"  {len(errors)} errors, e.g. {errors[0]}")
        return latencies
    finally:
        server.terminate()
        server.wait(timeout=10)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--diarium",
        default=str(Path(sys.executable).with_name("diarium")),
        help="the installed command (default: next to this Python)",
    )
    parser.add_argument("--pages", type=int, default=2000, help="pages of the big ingest")
    parser.add_argument("--baseline-pdfs", type=int, default=30, help="PDFs for pdfplumber")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument(
        "--corpus",
        type=Path,
        help="folder for the no-op ingest, searches and web page "
        "(default ../shared/corpus, else the bundled sample)",
    )
    parser.add_argument("--skip-web", action="store_true")
    parser.add_argument("--skip-big", action="store_true", help="skip the 2,000-page ingest")
    args = parser.parse_args()

    command = (
        [args.diarium] if shutil.which(args.diarium) else [sys.executable, "-m", "pipelines.cli"]
    )
    corpus = args.corpus or (CORPUS if CORPUS.is_dir() else SAMPLE)
    print(f"command: {' '.join(command)}  (checkout {ROOT} first on PYTHONPATH)")
    print(f"machine: {os.cpu_count()} CPUs, load {load()}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("PYTHONDONTWRITEBYTECODE is set: the checkout is compiled once before timing")

    with tempfile.TemporaryDirectory(prefix="diarium-bench-") as tmp:
        work = Path(tmp)
        base_env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "DIARIUM_BENCH_COMMAND": "\0".join(command),
        }

        def env_for(name: str) -> tuple[Path, dict[str, str]]:
            home = work / name
            return home, {**base_env, "DIARIUM_HOME": str(home)}

        # Warm-up, uncounted: the OS page cache, the compact lexicon built once per machine,
        # and the checkout's bytecode. Python writes a module's bytecode on its first import,
        # but not where PYTHONDONTWRITEBYTECODE is set (some shells and agents set it): there
        # every cold process would compile Diarium's modules from source again.
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", *(str(ROOT / p) for p in PACKAGES)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        _, env = env_for("warm")
        run([*command, "ingest", str(SAMPLE)], env)

        pdfs = pdf_corpus(work / "pdf", args.pages)
        sample = pdfs[: args.baseline_pdfs]
        loops: list[float] = []

        def loop(when: str) -> None:
            before = load()
            loops.append(pdfplumber_pages_per_second(sample))
            line(f"pdfplumber loop, 1 process, {when}", f"{loops[-1]:.1f} pages/s", "-", before)

        loop(f"{len(sample) * 10} pages")
        if not args.skip_big:
            big_home, env = env_for("big")
            before = load()
            big = run([*command, "ingest", str(work / "pdf")], env)
            rate = args.pages / big.seconds
            line(
                f"ingest {args.pages} PDF pages, fresh archive",
                f"{big.seconds:.1f} s = {rate:.0f} pages/s, {big.max_rss_mb:.0f} MB",
                ">=150 pages/s",
                before,
            )
            print(f"  {run_phases(big_home, big)}")
            loop("again")
            before = load()
            line(
                "ingest / the faster loop",
                f"{rate / max(loops):.1f}x ({rate / min(loops):.1f}x the slower)",
                ">=10x",
                before,
            )

        small = work / "pdf400"
        small.mkdir()
        for path in pdfs[:40]:
            shutil.copy(path, small / path.name)
        p400_home, env = env_for("p400")
        before = load()
        p400 = run([*command, "ingest", str(small)], env)
        one = work / "one"
        one.mkdir()
        shutil.copy(next(SAMPLE.glob("*.txt")), one)
        one_home, env = env_for("one")
        startup = run([*command, "ingest", str(one)], env)
        line(
            "ingest 400 PDF pages, fresh archive",
            f"{p400.seconds:.1f} s (1 text file: {startup.seconds:.1f} s)",
            "start-up <=2 s",
            before,
        )
        print(f"  400 pages: {run_phases(p400_home, p400)}")
        print(f"  1 text file: {run_phases(one_home, startup)}")

        home, env = env_for("corpus")
        first = run([*command, "ingest", str(corpus)], env)
        before = load()
        noop = [run([*command, "ingest", str(corpus)], env).seconds for _ in range(3)]
        line(
            f"ingest, nothing new ({corpus.name})",
            f"median {statistics.median(noop):.2f} s (first {first.seconds:.1f} s)",
            "<=1.5 s",
            before,
        )

        def cold(queries: Sequence[str]) -> tuple[float, float, float]:
            """Median wall clock of a new process, its peak RSS, and the median of the
            search itself as the command reports it ("(0.9 ms)": the warm figure)."""
            runs = [run([*command, "search", q], env) for q in queries]
            warm = [float(m.group(1)) for r in runs if (m := TOOK.search(r.output))]
            return (
                statistics.median(r.seconds for r in runs),
                max(r.max_rss_mb for r in runs),
                statistics.median(warm) if warm else float("nan"),
            )

        before = load()
        word_s, word_mb, word_warm = cold(WORD_QUERIES)
        line(
            f"search WORD, cold (median of {len(WORD_QUERIES)})",
            f"{word_s:.2f} s, {word_mb:.0f} MB (warm {word_warm:.1f} ms)",
            "<=0.3 s, <=150 MB",
            before,
        )
        before = load()
        case_s, case_mb, case_warm = cold(CASE_QUERIES)
        line(
            f"search CASE-NUMBER, cold (median of {len(CASE_QUERIES)})",
            f"{case_s:.2f} s, {case_mb:.0f} MB (warm {case_warm:.1f} ms)",
            "<=0.25 s",
            before,
        )
        before = load()
        case_cmd = [run([*command, "case", q], env) for q in CASE_QUERIES]
        line(
            "case CASE-NUMBER, cold (median)",
            f"{statistics.median(r.seconds for r in case_cmd):.2f} s, "
            f"{max(r.max_rss_mb for r in case_cmd):.0f} MB",
            "-",
            before,
        )

        if not args.skip_web:
            before = load()
            latencies = web_latencies(home, env, args.requests, args.clients)
            line(
                f"web, {args.requests} requests, {args.clients} clients",
                f"p50 {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 0.95):.0f}"
                f" ms, p99 {percentile(latencies, 0.99):.0f} ms",
                "p95 <=100 ms",
                before,
            )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this script's own peak RSS: {own:.0f} MB)")


if __name__ == "__main__":
    main()
