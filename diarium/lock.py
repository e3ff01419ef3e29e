"""One writer per archive: an advisory lock on `$DIARIUM_HOME/.lock`.

Dagster's run queue allows one ingestion run at a time (dagster.yaml), but a `diarium
ingest` in a terminal is not queued, and a multiprocess run has several step processes.
Every step that writes to the archive takes this lock; a process that already holds it
(the CLI runner around an in-process run) enters again without waiting.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from diarium.archive import Archive, sweep_partial_writes

_guard = threading.Lock()
_held: dict[str, list[int]] = {}  # home -> [fd, depth]


class ArchiveBusy(RuntimeError):
    """Another process is writing the archive."""


@contextmanager
def archive_lock(archive: Archive, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the archive's write lock; wait up to `wait` seconds for another holder."""
    key = str(archive.home)
    with _guard:
        if key in _held:
            _held[key][1] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _guard:
                _held[key][1] -= 1
        return
    archive.home.mkdir(parents=True, exist_ok=True)
    fd = os.open(archive.home / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip()
                os.close(fd)
                raise ArchiveBusy(
                    f"en annan process skriver i arkivet {archive.home} ({holder or 'okänd'}); "
                    "försök igen när den är klar"
                ) from None
            time.sleep(0.2)
    # A holder that ended normally emptied the file; a name still in it means the last writer
    # was killed while holding the lock, and may have left a hidden half-written record.
    killed_holder = bool(os.pread(fd, 200, 0).strip())
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
    with _guard:
        _held[key] = [fd, 1]
    if killed_holder:  # only then: listing a large records folder on every run costs seconds
        sweep_partial_writes(archive.records_dir)
    try:
        yield
    finally:
        with _guard:
            _held.pop(key, None)
        # Blanked, not truncated: the file keeps its disk block, so the next writer can name
        # itself even on a disk that filled up in between.
        os.pwrite(fd, b" " * len(f"pid {os.getpid()}"), 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
