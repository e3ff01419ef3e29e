"""The `diarium` console script (`main`): the application's commands (`diarium.cli`: search,
case, extract, status, sql, serve, eval, watch …) and, assembled here on the Dagster shell's
side, the commands that launch ingestion runs through `pipelines.launch` (ingest,
retry-failed, demo, dagster-home), with their progress bar and outcome line.

`pipelines.launch` is imported by those commands only, when they run: `diarium search` never
loads Dagster.
"""

from __future__ import annotations

import atexit
import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from diarium import settings
from diarium.archive import Archive
from diarium.settings import SOURCE_NAMES

if TYPE_CHECKING:
    from rich.progress import Progress

from diarium.cli import app
from diarium.cli.common import (
    STATE,
    HomeOption,
    archive_at,
    check_search_engine,
    console,
    errors,
    existing_archive,
    fail,
    sort_commands,
    sv,
)
from diarium.cli.read import case, search


class RichProgress:
    """Progress bar for the document loop of an ingestion run."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: Any = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if self.task is None:
            self.task = self.progress.add_task("Läser dokument", total=total)
        self.progress.update(self.task, completed=done, description=escape(Path(label).name[:40]))


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders (read recursively); or none with --source."),
    ] = None,
    home: HomeOption = None,
    retry_failed: Annotated[
        bool, typer.Option(help="Also re-read documents that failed before.")
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            help="Read a configured source instead of PATHS: files (DIARIUM_DROP_FOLDER), "
            "portal (DIARIUM_PORTAL_URL) or urls (DIARIUM_URLS)."
        ),
    ] = None,
    meeting_from: Annotated[
        str | None, typer.Option("--from", help="Portal: first meeting date (YYYY-MM-DD).")
    ] = None,
    meeting_to: Annotated[
        str | None, typer.Option("--to", help="Portal: last meeting date (YYYY-MM-DD).")
    ] = None,
    reprocess: Annotated[
        bool, typer.Option(help="Read every document again (after a fix in the readers).")
    ] = False,
    accept_quality: Annotated[
        bool,
        typer.Option(help="Index the documents a blocking quality check held back, as they are."),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            min=0,
            envvar="DIARIUM_WORKERS",
            help="Reader processes: 1 reads in this process; 0 (default) one per core "
            "when there are more than a few documents to read.",
        ),
    ] = None,
) -> None:
    """Read documents into the archive: parse, extract, build tables, index."""
    from diarium.ingest import not_configured
    from diarium.lock import ArchiveBusy
    from pipelines.launch import RunFailed, run_ingest, run_source

    if paths and source:
        raise fail("ange MAPPAR eller --source, inte båda")
    if not paths and source not in SOURCE_NAMES:
        raise fail(f"ange MAPPAR, eller --source med en av: {', '.join(SOURCE_NAMES)}")
    missing = [str(p) for p in paths or [] if not p.exists()]
    if missing:
        raise fail(f"filen eller mappen finns inte: {', '.join(missing)}")
    if source and not settings.source_configured(source):
        raise fail(not_configured(source))
    archive = archive_at(home)
    check_search_engine(archive, write=True)
    failure: str | None = None
    with progress_bar() as progress:
        try:
            if paths:
                result = run_ingest(
                    archive,
                    paths,
                    progress=RichProgress(progress),
                    retry_failed=retry_failed,
                    reprocess=reprocess,
                    accept_quality=accept_quality,
                    workers=workers,
                    verbose=STATE.verbose,
                )
            else:
                assert source is not None
                config = {
                    "retry_failed": retry_failed,
                    "reprocess": reprocess,
                    "meeting_from": meeting_from,
                    "meeting_to": meeting_to,
                    "accept_quality": accept_quality,
                }
                result = run_source(
                    archive,
                    source,
                    config=config,
                    progress=RichProgress(progress),
                    workers=workers,
                    verbose=STATE.verbose,
                )
        except RunFailed as error:
            run = f" {error.run_id}" if error.run_id else ""
            failure = f"körningen{run} misslyckades: {error}"
        except ArchiveBusy as error:
            failure = str(error)
    if failure is not None:  # printed below the finished progress bar, not above it
        raise fail(failure)
    report_run(archive, result)


def progress_bar() -> Progress:
    # rich.progress and rich.table are imported by the commands that draw them: a search
    # from the command line should not pay for them.
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    return Progress(*columns, console=errors, transient=False)


def report_run(archive: Archive, result: Any) -> None:
    """One line on what the run did, then its documents that did not go well."""
    from diarium import status as run_log
    from pipelines.launch import materialization_metadata

    metadata = materialization_metadata(result)
    docs = metadata.get("documents", {})
    seen = metadata.get("source_files", {})
    console.print(
        f"[green]Klart.[/green] {seen.get('seen', 0)} dokument: {seen.get('new', 0)} nya, "
        f"{seen.get('changed', 0)} ändrade, {seen.get('unchanged', 0)} oförändrade. "
        f"Lästa: {docs.get('ok', 0)} ok, {docs.get('failed', 0)} misslyckade, "
        f"{docs.get('needs_ocr', 0)} behöver OCR. Arkiv: {archive.home}"
    )
    for line in run_log.read_documents(archive, result.run_id):
        if line["status"] in ("ok", "skipped_unchanged"):
            continue
        errors.print(
            f"[yellow]{sv(line['status'])}[/yellow] {escape(str(line['source']))}: {escape(line['reason'] or '')}"
        )


@app.command("retry-failed")
def retry_failed_command(
    home: HomeOption = None,
    source: Annotated[
        str | None, typer.Option(help="Only this source: files, portal or urls.")
    ] = None,
) -> None:
    """Read again the documents that failed, or left scanned pages unread for want of OCR
    (fetch again when remote); nothing else is read."""
    from diarium import catalog
    from diarium.lock import ArchiveBusy
    from pipelines.launch import RunFailed, run_source

    archive = existing_archive(home)
    if source is not None and source not in SOURCE_NAMES:
        raise fail(f"okänd källa {source!r}; källor: {', '.join(SOURCE_NAMES)}")
    failed = catalog.not_ok(catalog.load(archive))
    origins = sorted({e.origin for e in failed if source is None or e.origin == source})
    if not origins:
        console.print("Inga misslyckade dokument att läsa om.")
        return
    for origin in origins:
        failure: str | None = None
        with progress_bar() as progress:
            try:
                result = run_source(
                    archive,
                    origin,
                    config={"only_failed": True},
                    progress=RichProgress(progress),
                    verbose=STATE.verbose,
                )
            except RunFailed as error:
                failure = f"körningen {error.run_id} ({origin}) misslyckades: {error}"
            except ArchiveBusy as error:
                failure = str(error)
        if failure is not None:
            raise fail(failure)
        report_run(archive, result)


@app.command()
def demo(home: HomeOption = None) -> None:
    """Ingest the sample corpus (../shared/corpus when present) and show three searches."""
    from diarium.sample import demo_corpus

    corpus = demo_corpus()
    console.rule(f"Diarium: läser in {corpus.description}")
    ingest([corpus.path], home=home, retry_failed=False, accept_quality=False)
    for query in corpus.queries:
        console.rule(f"diarium search {query!r}")
        search(query, limit=3, home=home, doc_type=None, committee=None, year=None, as_json=False)
    console.rule(f"diarium case {corpus.case_number!r}")
    case(corpus.case_number, home=home, as_json=False)


@app.command("dagster-home")
def dagster_home(home: HomeOption = None) -> None:
    """Prepare and print the Dagster instance directory that the CLI records runs in."""
    from pipelines.launch import prepare_dagster_home

    console.print(str(prepare_dagster_home(archive_at(home))))


sort_commands(app)


def main() -> None:
    """The `diarium` command (and `python -m pipelines.cli`): `app`, then an exit that skips
    the interpreter's teardown.

    After a run, freeing Dagster's, DuckDB's, Arrow's and spaCy's objects one by one and
    clearing every module takes the interpreter longer than a small run itself (0.7-1 s
    idle, 2-3 s on a busy machine; measured from the run's last event to the process's
    end). Everything that matters has happened by then: records, tables and index are
    written and closed, the Dagster instance and the reader processes are closed, and the
    atexit handlers (logging, temporary files, executors) still run, all before
    `_exit_now`, which is registered first and so runs last."""
    atexit.register(_exit_now)
    try:
        app()
    except SystemExit as stop:
        code = stop.code
        _EXIT_STATUS[0] = code if isinstance(code, int) else (0 if code is None else 1)
        raise
    except BaseException:
        _EXIT_STATUS[0] = 1
        raise


#: The exit status `main` saw, for `_exit_now`.
_EXIT_STATUS = [0]


def _exit_now() -> None:
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe, a closed stream
            stream.flush()
    os._exit(_EXIT_STATUS[0])


if __name__ == "__main__":
    main()
