"""Benchmark: the same 2,000-page ingestion with 1 and with 2 (or more) Celery workers.

    .venv/bin/python benchmarks/scale.py [--pages 2000] [--workers 1 2] [--batch-size 20]
                                         [--records postgres|folder]

Needs RabbitMQ (127.0.0.1:5672) and PostgreSQL (127.0.0.1:5432) as in the tests
(tests/services.py), and the production extra. Each run gets a fresh archive, a fresh
PostgreSQL database (Dagster's instance, and the records unless `--records folder`) and a
queue of its own; worker i is pinned to core i with `taskset`, and warmed up (imports, the
spaCy pipeline) before the measured run. The run itself is `ingest_parallel_celery`,
coordinated from this process.

pages_per_s counts from the first batch's start to the last batch's end (the part that
scales with workers); `run_s` is the whole run with the one tables build and index sync;
`pages_per_worker_cpu_s` divides the pages by the CPU seconds the workers spent (a figure
that does not depend on what else the machine runs).
efficiency = pages_per_s with N workers ÷ (N × pages_per_s with 1). The load average is
printed before and after each run: this machine is shared, compare figures of one run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import services


def corpus(folder: Path, pages: int) -> int:
    """`pages` / 10 ten-page PDFs (tjänsteskrivelser and protokoll); returns the pages."""
    from benchmarks.cli import pdf_corpus

    return 10 * len(pdf_corpus(folder, pages))


def group_cpu_seconds(pgids: set[int]) -> float:
    """CPU seconds (user + system) of every live process in these process groups."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, pgrp, …, utime (11), stime (12), counted from 0.
        if int(fields[2]) in pgids:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def measure(
    root: Path, drop: Path, warm: Path, workers: int, batch_size: int, records: str
) -> dict[str, Any]:
    from dagster import DagsterEventType, DagsterInstance

    from pipelines import parallel

    home = root / f"archive-{workers}"
    with services.fresh_database() as database, services.celery_queue() as queue:
        env = {
            **services.base_env(root),
            **database.dagster_env(),
            "DAGSTER_HOME": str(services.dagster_home(root / f"w{workers}", database)),
            "DAGSTER_MAX_CONCURRENT_RUNS": "2",
            "DIARIUM_HOME": str(home),
        }
        if records == "postgres":
            env["DIARIUM_RECORDS_URL"] = database.url
        saved = dict(os.environ)
        os.environ.update(env)
        deployment = services.Deployment(root / f"w{workers}", env)
        try:
            for n in range(workers):
                services.start_celery_worker(deployment, queue, n + 1, cpu=n % os.cpu_count())

            def config(paths: list[Path], size: int, archive: Path) -> dict[str, Any]:
                return {
                    "ops": {
                        "plan_batches": {
                            "config": {"paths": [str(p) for p in paths], "batch_size": size}
                        }
                    },
                    "resources": {"archive": {"config": {"home": str(archive)}}},
                    "execution": {"config": services.celery_execution(queue)},
                    "loggers": {"console": {"config": {"log_level": "CRITICAL"}}},
                }

            with DagsterInstance.get() as instance:
                # Warm-up: one one-document batch per worker (imports, spaCy, connections).
                parallel.execute(
                    "ingest_parallel_celery",
                    config([warm], 1, root / f"warm-{workers}"),
                    instance=instance,
                )
                groups = {
                    service.process.pid
                    for name, service in deployment.services.items()
                    if name.startswith("celery")
                }
                cpu_before = group_cpu_seconds(groups)
                before = load()
                started = time.perf_counter()
                run_id, success = parallel.execute(
                    "ingest_parallel_celery", config([drop], batch_size, home), instance=instance
                )
                run_s = time.perf_counter() - started
                after = load()
                cpu_s = group_cpu_seconds(groups) - cpu_before
                assert success, deployment.logs()
                stamps: list[float] = []
                for kind in (DagsterEventType.STEP_START, DagsterEventType.STEP_SUCCESS):
                    for record in instance.get_records_for_run(run_id, of_type=kind).records:
                        if (record.event_log_entry.step_key or "").startswith("read_batch"):
                            stamps.append(record.event_log_entry.timestamp)
        finally:
            deployment.stop()
            os.environ.clear()
            os.environ.update(saved)
    return {
        "read_s": max(stamps) - min(stamps),
        "run_s": run_s,
        "cpu_s": cpu_s,
        "load": f"{before} -> {after}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=20)
    parser.add_argument("--records", choices=("postgres", "folder"), default="postgres")
    args = parser.parse_args()
    missing = services.postgres_missing() or services.rabbitmq_missing()
    if missing:
        sys.exit(f"scale: {missing}")
    with tempfile.TemporaryDirectory(prefix="diarium-scale-") as tmp:
        root = Path(tmp)
        pages = corpus(root / "drop", args.pages)
        warm = root / "warm"
        corpus(warm, 10 * max(args.workers))
        single: float | None = None
        for workers in args.workers:
            figures = measure(root, root / "drop", warm, workers, args.batch_size, args.records)
            rate = pages / figures["read_s"]
            if workers == 1:
                single = rate
            efficiency = rate / (workers * single) if single else float("nan")
            print(
                f"scale: workers={workers} pages_per_s={rate:.1f} efficiency={efficiency:.2f} "
                f"pages={pages} read_s={figures['read_s']:.1f} run_s={figures['run_s']:.1f} "
                f"worker_cpu_s={figures['cpu_s']:.1f} "
                f"pages_per_worker_cpu_s={pages / figures['cpu_s']:.1f} "
                f"records={args.records} load={figures['load']} cores={os.cpu_count()}",
                flush=True,
            )


if __name__ == "__main__":
    main()
