"""The ingestion run log: what each run saw and did, for the morning report.

Records say where every document stands now; the run log says what happened in each run,
including what a record cannot: that a document was seen and skipped as unchanged, that a
download failed while the archived copy was kept, that the run failed at a step or was
killed. `diarium status` reads it; the tables can expose it.

Layout (in `$DIARIUM_HOME/state/runs/`)::

    <run_id>.json             one run: {run_id, job, partition, launched_by, status,
                              started_at, finished_at, seconds, counts{...}, quality{...},
                              listing_errors[...], error, failed_steps[...]}
    <run_id>.documents.jsonl  one line per document the run saw: {run_id, document_id,
                              origin, source, sha256, status, reason, attempts, at}

`status` of a run: started → success | failure | interrupted. `status` of a document line:
ok | failed | needs_ocr (processed in this run), skipped_unchanged (seen, not re-read),
fetch_failed (its download failed; the archived copy, if any, is kept).
Writes are atomic (temporary file and rename); the newest `KEEP_RUNS` run summaries and
the newest `KEEP_RUN_DOCUMENTS` per-document files are kept.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from diarium.archive import Archive, utc_now, write_atomic
from diarium.faults import is_disk_full

KEEP_RUNS = 400
#: Per-document lines are big (one per document seen, skipped ones included): fewer kept.
KEEP_RUN_DOCUMENTS = 30
RUN_STATUSES = ("started", "success", "failure", "interrupted")


def runs_dir(archive: Archive) -> Path:
    return archive.state_dir / "runs"


def _run_path(archive: Archive, run_id: str) -> Path:
    return runs_dir(archive) / f"{run_id}.json"


def read_run(archive: Archive, run_id: str) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(_run_path(archive, run_id).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return data


#: Spaces written after each run's JSON: room to close the run in place on a full disk.
RESERVE_BYTES = 2048


def _write_run(archive: Archive, run: dict[str, Any]) -> None:
    payload = json.dumps(run, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    path = _run_path(archive, run["run_id"])
    try:
        write_atomic(path, payload + b" " * RESERVE_BYTES + b"\n")
    except OSError as error:
        if not is_disk_full(error) or not _rewrite_in_place(path, payload, run):
            raise


def _rewrite_in_place(path: Path, payload: bytes, run: dict[str, Any]) -> bool:
    """Overwrite the run's file within its own size, which needs no free block: a run
    that fails because the disk is full is still closed (`failure`, not `started`).
    Returns False when the file is missing or too small even with the error shortened."""
    try:
        size = path.stat().st_size
    except OSError:
        return False
    if len(payload) + 1 > size and run.get("error"):
        short = {**run, "error": str(run["error"])[:200]}
        payload = json.dumps(short, ensure_ascii=False, default=str).encode("utf-8")
    if len(payload) + 1 > size:
        return False
    with path.open("r+b") as handle:
        handle.write(payload + b" " * (size - len(payload) - 1) + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    return True


def start_run(
    archive: Archive,
    run_id: str,
    *,
    partition: str | None,
    job: str = "ingest",
    launched_by: str | None = None,
) -> dict[str, Any]:
    """Open the run's log (idempotent: a step re-executed in the same run keeps it)."""
    run = read_run(archive, run_id) or {
        "run_id": run_id,
        "job": job,
        "partition": partition,
        "launched_by": launched_by,
        "status": "started",
        "started_at": utc_now(),
        "finished_at": None,
        "seconds": None,
        "counts": {},
        "quality": {},
        "listing_errors": [],
        "error": None,
        "failed_steps": [],
        "pid": os.getpid(),
    }
    _write_run(archive, run)
    _prune(archive)
    return run


def update_run(archive: Archive, run_id: str, **fields: Any) -> dict[str, Any]:
    """Merge `fields` into the run's log; `counts` and `quality` are merged key by key."""
    run = read_run(archive, run_id) or start_run(archive, run_id, partition=None)
    for key, value in fields.items():
        if key in ("counts", "quality") and isinstance(value, dict):
            run[key] = {**run.get(key, {}), **value}
        else:
            run[key] = value
    _write_run(archive, run)
    return run


def write_documents(archive: Archive, run_id: str, lines: Iterable[dict[str, Any]]) -> int:
    """Write the run's per-document outcomes (replacing any earlier attempt of the step)."""
    at = utc_now()
    text = "".join(
        json.dumps({"run_id": run_id, **line, "at": line.get("at") or at}, ensure_ascii=False)
        + "\n"
        for line in lines
    )
    write_atomic(runs_dir(archive) / f"{run_id}.documents.jsonl", text.encode("utf-8"))
    return text.count("\n")


def read_documents(archive: Archive, run_id: str) -> list[dict[str, Any]]:
    path = runs_dir(archive) / f"{run_id}.documents.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in lines if line.strip()]


def finish_run(
    archive: Archive,
    run_id: str,
    status: str,
    *,
    error: str | None = None,
    failed_steps: list[str] | None = None,
    partition: str | None = None,
) -> dict[str, Any]:
    """Close the run's log with its final status (called by the runner or a run sensor)."""
    if status not in RUN_STATUSES:
        raise ValueError(f"unknown run status {status!r}")
    run = read_run(archive, run_id) or start_run(archive, run_id, partition=partition)
    finished = utc_now()
    run.update(
        status=status,
        finished_at=finished,
        seconds=_seconds_between(run.get("started_at"), finished),
        error=error,
        failed_steps=failed_steps or [],
    )
    _write_run(archive, run)
    return run


def close_own_runs(archive: Archive, error: str) -> list[str]:
    """Close as failed the runs this process started and left open (a run whose Dagster
    storage failed under it, as on a full disk, never reaches the normal ending)."""
    closed = []
    for run in last_runs(archive, limit=50):
        if run.get("status") == "started" and run.get("pid") == os.getpid():
            try:
                finish_run(archive, run["run_id"], "failure", error=error)
            except OSError:
                continue
            closed.append(run["run_id"])
    return closed


def mark_interrupted(archive: Archive, run_ids: Iterable[str], reason: str) -> list[str]:
    """Close runs that will never finish (their process was killed)."""
    closed = []
    for run_id in run_ids:
        run = read_run(archive, run_id)
        if run is not None and run.get("status") == "started":
            finish_run(archive, run_id, "interrupted", error=reason)
            closed.append(run_id)
    return closed


def last_runs(archive: Archive, limit: int = 10) -> list[dict[str, Any]]:
    """The newest runs first."""
    found: list[tuple[str, int, dict[str, Any]]] = []
    for path in runs_dir(archive).glob("*.json"):
        try:
            run = json.loads(path.read_text(encoding="utf-8"))
            written = path.stat().st_mtime_ns
        except (OSError, ValueError):
            continue
        found.append((run.get("started_at") or "", written, run))
    # started_at has whole seconds; the last write orders runs started within one second.
    found.sort(key=lambda item: item[:2], reverse=True)
    return [run for _, _, run in found[:limit]]


def _prune(archive: Archive) -> None:
    for pattern, keep in (("*.json", KEEP_RUNS), ("*.documents.jsonl", KEEP_RUN_DOCUMENTS)):
        paths = sorted(runs_dir(archive).glob(pattern), key=lambda p: p.stat().st_mtime_ns)
        for path in paths[:-keep] if len(paths) > keep else []:
            path.unlink(missing_ok=True)


def _seconds_between(start: str | None, end: str) -> float | None:
    from datetime import datetime

    if not start:
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
