"""Read many documents in parallel, one process per core, without one file stopping the rest.

PDF parsing is CPU-bound Python and C under the GIL, so threads do not help and processes
do: `read_many` hands files to a pool of worker processes and yields one `ReadResult`
per file as it completes. A `then` function (for example
`extractors.extraction.extract`) runs in the worker on the parsed document, so the
expensive steps after reading are parallel too and only results travel back.

Failure is per file: a `ReaderError` becomes the result's status and reason, any other
exception an "internal error" reason; a worker that dies (a crash in a C library, the
memory limit) breaks the pool, and then every file that was in flight is read again
alone, so that only the file that kills a worker is reported as such. With
`max_memory_mb`, each worker runs under that address-space limit (`RLIMIT_AS`).

Workers are spawned, not forked from the caller: the callers (Dagster, the CLI) run threads,
and a forked copy of a threaded process can deadlock. With `preload`, they are forked from
multiprocessing's fork server instead, a fresh single-threaded process that imported those
modules once: each worker then starts with them imported (about 1 s of CPU per worker for
the readers and spaCy) instead of importing them again.

    for result in read_many(paths, workers=2, then=extract):
        print(result.path, result.status, result.reason or "")

`ReaderPool` keeps its workers across batches, so that their start-up (imports, loading
spaCy: several seconds) is paid once per run rather than once per batch.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.base import ParsedDocument, ReaderError
from extractors.readers import read_document


@dataclass
class ReadResult:
    path: str
    status: str  # "ok", or the `ReaderError.status` ("failed", "needs_ocr")
    source: str | None = None  # as given with the path
    reason: str | None = None
    document: ParsedDocument | None = None
    value: Any = None  # what `then` returned
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker on this file (reading and `then`)


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


#: A file to read: its path, or (path, source) where source names it in the result (a
#: downloaded copy is named by its URL).
Item = str | Path | tuple[str, str | None]


def read_one(
    path: str,
    then: Callable[[ParsedDocument], Any] | None = None,
    keep_document: bool = True,
    options: dict[str, Any] | None = None,
    source: str | None = None,
) -> ReadResult:
    """Read (and `then`) one file; every failure is in the result, nothing raises."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = ReadResult(path=path, status="ok", source=source)
    try:
        document = read_document(path, source=source, **(options or {}))
        result.value = then(document) if then is not None else None
        result.document = document if keep_document else None
    except ReaderError as error:
        result.status, result.reason = error.status, error.reason
    except Exception as error:  # noqa: BLE001 - one broken file must not stop the batch
        last = traceback.extract_tb(error.__traceback__)[-1]
        result.status = "failed"
        result.reason = (
            f"internal error: {type(error).__name__}: {error} "
            f"(at {Path(last.filename).name}:{last.lineno})"
        )
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu_started
    return result


def read_many(
    paths: Iterable[Item],
    *,
    workers: int | None = None,
    then: Callable[[ParsedDocument], Any] | None = None,
    keep_documents: bool = True,
    max_memory_mb: int | None = None,
    **options: Any,
) -> Iterator[ReadResult]:
    """Read `paths` on `workers` processes (default: one per core); results as they finish.

    `then` must be a module-level function (it is pickled by name). `keep_documents=False`
    sends only `then`'s value back, not the parsed text. `options` go to `read_document`
    (`max_bytes`, `max_pages`). With one worker and no memory limit everything runs in
    this process.
    """
    todo = [_split(item) for item in paths]
    workers = min(workers or default_workers(), max(1, len(todo)))
    if workers == 1 and max_memory_mb is None:
        for path, source in todo:
            yield read_one(path, then, keep_documents, options, source)
        return
    with ReaderPool(
        workers, then=then, keep_documents=keep_documents, max_memory_mb=max_memory_mb, **options
    ) as pool:
        yield from pool.read(todo)


class ReaderPool:
    """Worker processes kept for several batches (their imports and spaCy are paid once).

    with ReaderPool(2, then=extract) as pool:
        for result in pool.read(paths):
            ...
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        then: Callable[[ParsedDocument], Any] | None = None,
        keep_documents: bool = True,
        max_memory_mb: int | None = None,
        preload: Sequence[str] = (),
        **options: Any,
    ) -> None:
        self.workers = workers or default_workers()
        self.preload = tuple(preload)
        self.task = (then, keep_documents, options)
        self.max_memory_mb = max_memory_mb
        self._executor: ProcessPoolExecutor | None = None
        #: Files being read ahead of a `read` (`prefetch`), and their results.
        self._ahead: dict[tuple[str, str | None], Future[ReadResult]] = {}
        self._starting: threading.Thread | None = None

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._started()
        self._ahead.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _new_executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_context(self.preload),
            initializer=_limit_memory,
            initargs=(self.max_memory_mb,),
        )

    @property
    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = self._new_executor(self.workers)
        return self._executor

    def start(self, path: str | Path) -> None:
        """Start the workers and run the task once in each (imports, spaCy loading), so
        that the next `read` measures steady work. `path` should be a small file."""
        futures = [
            self.executor.submit(read_one, str(path), *self.task) for _ in range(2 * self.workers)
        ]
        wait(futures)

    def warm(self, function: Callable[..., Any], *args: Any) -> None:
        """Start the workers now and run `function(*args)` once per worker (imports,
        building a pipeline), without waiting: the processes start while the caller does
        other work, and files given to `read` later queue behind. The executor starts a
        process per submitted task while none is idle, so each gets one task unless one
        finishes before the next is submitted. A failing warm-up is ignored (the reads
        would meet the same error and report it per file)."""
        for _ in range(self.workers):
            self.executor.submit(function, *args)

    def start_in_background(
        self, function: Callable[..., Any], *args: Any, prefetch: Iterable[Item] = ()
    ) -> None:
        """`warm(function, *args)`, then `prefetch(prefetch)`, on a thread of this process:
        starting a process from the fork server waits until the server has imported what it
        preloads (about a second, once), which this process need not wait for. The pool's
        other methods wait for the thread first."""
        ahead = list(prefetch)

        def start() -> None:
            self.warm(function, *args)
            self.prefetch(ahead)

        self._starting = threading.Thread(target=start, name="reader-pool-start", daemon=True)
        self._starting.start()

    def _started(self) -> None:
        if self._starting is not None and self._starting is not threading.current_thread():
            self._starting.join()
            self._starting = None

    def prefetch(self, paths: Iterable[Item]) -> None:
        """Start reading `paths` now, in this order, behind the warm-up: a later `read` that
        names one of them takes its result (waiting in memory until then) instead of reading
        it again. `discard` and `close` drop what no `read` took."""
        self._started()
        for item in map(_split, paths):
            if item in self._ahead:
                continue
            try:
                self._ahead[item] = self._submit(self.executor, item)
            except BrokenProcessPool:  # a worker died starting: `read` reads them alone
                return

    def discard(self, paths: Iterable[Item]) -> None:
        """Forget what `prefetch` read of `paths` (a `read` of them reads them again)."""
        self._started()
        for item in map(_split, paths):
            future = self._ahead.pop(item, None)
            if future is not None:
                future.cancel()

    def read(self, paths: Iterable[Item]) -> Iterator[ReadResult]:
        """One result per path, in the order they finish."""
        self._started()
        queue = deque(_split(item) for item in paths)
        ahead = {self._ahead.pop(item): item for item in queue if item in self._ahead}
        if ahead:
            taken = set(ahead.values())
            queue = deque(item for item in queue if item not in taken)
        while queue or ahead:
            running: dict[Future[ReadResult], tuple[str, str | None]] = ahead
            ahead = {}
            suspects: list[tuple[str, str | None]] = []
            while (queue or running) and not suspects:
                # A small window keeps finished results from piling up in memory.
                while queue and len(running) < 2 * self.workers:
                    item = queue.popleft()
                    running[self._submit(self.executor, item)] = item
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    item = running.pop(future)
                    if isinstance(future.exception(), BrokenProcessPool):
                        suspects.append(item)
                    else:
                        yield _outcome(future, item)
            if suspects:
                # The pool is broken, so every file still in flight failed with it. Which
                # one killed the worker is unknown: each is read again alone.
                for future, item in running.items():
                    wait([future])
                    if isinstance(future.exception(), BrokenProcessPool):
                        suspects.append(item)
                    else:
                        yield _outcome(future, item)
                self._discard_executor()
                for item in suspects:
                    yield self._alone(item)

    def _submit(
        self, executor: ProcessPoolExecutor, item: tuple[str, str | None]
    ) -> Future[ReadResult]:
        path, source = item
        return executor.submit(read_one, path, *self.task, source)

    def _discard_executor(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _alone(self, item: tuple[str, str | None]) -> ReadResult:
        path = item[0]
        executor = self._new_executor(1)
        try:
            future = self._submit(executor, item)
            wait([future])
            if isinstance(future.exception(), BrokenProcessPool):
                limit = f" (memory limit {self.max_memory_mb} MB?)" if self.max_memory_mb else ""
                return ReadResult(
                    path=path,
                    source=item[1],
                    status="failed",
                    reason=f"the reader process died while reading this file{limit}",
                )
            return _outcome(future, item)
        finally:
            executor.shutdown(wait=False, cancel_futures=True)


def _split(item: Item) -> tuple[str, str | None]:
    if isinstance(item, tuple):
        return str(item[0]), item[1]
    return str(item), None


def _outcome(future: Future[ReadResult], item: tuple[str, str | None]) -> ReadResult:
    """The worker's result, or a failed one when it could not come back (unpicklable)."""
    error = future.exception()
    if error is None:
        return future.result()
    return ReadResult(
        path=item[0],
        source=item[1],
        status="failed",
        reason=f"internal error: {type(error).__name__}: {error}",
    )


def _context(preload: tuple[str, ...]) -> multiprocessing.context.BaseContext:
    """Spawn, or with modules to preload, the fork server (one per process: the first
    pool's `preload` is the one it imports; `__main__` as spawn would; `fork_server` last,
    so that it exits without tearing down what it preloaded)."""
    if not preload or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *preload, "extractors.fork_server"])
    return context


def _limit_memory(max_memory_mb: int | None) -> None:
    if max_memory_mb is None:
        return
    import resource

    limit = max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
