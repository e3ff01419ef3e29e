"""The `diarium` command line."""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from diarium import settings
from diarium.archive import Archive
from diarium.settings import SOURCE_NAMES

if TYPE_CHECKING:
    from rich.progress import Progress

#: `--verbose` anywhere on the command line: Dagster's log records and tracebacks.
VERBOSE_FLAGS = ("--verbose", "-v")


class _State:
    verbose = False
    #: `--verbose` was on this process's command line (DiariumApp took it out).
    from_argv = False


STATE = _State()


class DiariumApp(typer.Typer):
    """The command line, with one clear Swedish line per error for every command.

    `--verbose` may stand anywhere (`diarium ingest x --verbose`); it is taken out before
    Typer parses the command. An exception that no command turned into a message is shown
    as one line (`fel: …`), its traceback only with `--verbose`.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        argv = list(kwargs.pop("args", None) or (args[0] if args else sys.argv[1:]))
        STATE.from_argv = STATE.verbose = any(flag in argv for flag in VERBOSE_FLAGS)
        argv = [a for a in argv if a not in VERBOSE_FLAGS]
        try:
            return super().__call__(args=argv, **kwargs)
        except KeyboardInterrupt:
            errors.print("[yellow]avbrutet[/yellow]")
            raise SystemExit(130) from None
        except Exception as error:
            if STATE.verbose:
                raise
            errors.print(f"[red]fel:[/red] {escape(describe_error(error))}", soft_wrap=True)
            errors.print("[dim](kör med --verbose för detaljer)[/dim]")
            raise SystemExit(1) from None


def describe_error(error: BaseException) -> str:
    """One Swedish line for an error nobody anticipated, from its kind and first line."""
    import errno

    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return f"disken är full ({error.filename or 'okänd fil'})"
    if isinstance(error, PermissionError):
        return f"behörighet saknas: {error.filename or error}"
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return f"skrivskyddat filsystem: {error.filename or error}"
    first = (str(error).strip().splitlines() or [""])[0]
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


app = DiariumApp(
    help="Diarium: a searchable archive of Swedish municipal documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
console = Console()
errors = Console(stderr=True)


@app.callback()
def _options(
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Show Dagster's log records and full tracebacks (may stand anywhere).",
        ),
    ] = False,
) -> None:
    # Assigned on every invocation, so one `--verbose` call never makes the next verbose.
    STATE.verbose = verbose or STATE.from_argv


HomeOption = Annotated[
    Path | None,
    typer.Option("--home", envvar="DIARIUM_HOME", help="Archive directory (default ./.diarium)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _archive(home: Path | None) -> Archive:
    """The archive for a command that writes it (created when missing)."""
    return Archive.open(home)


def _existing(home: Path | None) -> Archive:
    """The archive for a command that only reads it: never created, missing is an error."""
    from diarium.archive import ArchiveMissing

    try:
        return Archive.existing(home)
    except ArchiveMissing as error:
        raise _fail(str(error)) from error


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _fail(message: str) -> typer.Exit:
    """One line on stderr (`fel: …`, in Swedish) and exit 1."""
    errors.print(f"[red]fel:[/red] {escape(message)}", soft_wrap=True)
    return typer.Exit(code=1)


#: Swedish words for the English values the records and run log store (JSON keeps those).
SWEDISH = {
    # a document's relation to a case
    "own": "eget",
    "referenced": "hänvisar",
    "unknown": "nämner",
    # runs
    "started": "pågår",
    "success": "lyckad",
    "failure": "misslyckad",
    "interrupted": "avbruten",
    # documents
    "ok": "inlästa",
    "failed": "misslyckad",
    "needs_ocr": "behöver OCR",
    "partly_scanned": "delvis skannad",
    "fetch_failed": "hämtning misslyckad",
    # committees and persons in a document
    "decision_maker": "beslutar",
    "author": "avsändare",
    "recipient": "mottagare",
    "mentioned": "nämns",
}


def _sv(value: Any) -> str:
    """The Swedish word for a stored value, or the value itself."""
    return SWEDISH.get(str(value), str(value))


def _traffar(n: int) -> str:
    """The number of hits in Swedish, singular or plural.

    >>> _traffar(1), _traffar(3)
    ('1 träff', '3 träffar')
    """
    return f"{n} träff" if n == 1 else f"{n} träffar"


def _backend_kind() -> str:
    return settings.search_backend()


@contextmanager
def _search_errors() -> Iterator[None]:
    """A search engine that cannot be reached or refuses its key is one Swedish line on
    stderr and exit code 1, not a traceback (that only with --verbose): the person at the
    terminal has a server or a key to fix, not a bug to report."""
    from search import SearchError

    try:
        yield
    except SearchError as error:
        if STATE.verbose:
            errors.print_exception()
        # soft_wrap: one line however narrow the terminal.
        errors.print(f"[red]fel:[/red] {escape(error.swedish())}", soft_wrap=True)
        if not STATE.verbose:
            errors.print("[dim](kör med --verbose för detaljer)[/dim]")
        raise typer.Exit(code=1) from error


def _check_search_engine(archive: Archive, *, write: bool) -> None:
    """Before a run that needs the search server: reach it and try the key (the embedded
    engine needs no such check)."""
    if _backend_kind() != "meilisearch":
        return
    from search import open_backend
    from search.meilisearch_backend import MeilisearchBackend

    with _search_errors():
        backend = open_backend("meilisearch", archive.index_dir, writable=write)
        assert isinstance(backend, MeilisearchBackend)
        try:
            backend.check(write=write)
        finally:
            backend.close()


def _marks_to_rich(snippet: str) -> str:
    """Snippets are HTML with <mark>; show the marks in bold in a terminal."""
    import html

    parts = re.split(r"(<mark>.*?</mark>)", snippet)
    out = []
    for part in parts:
        if part.startswith("<mark>"):
            out.append(f"[bold yellow]{escape(html.unescape(part[6:-7]))}[/bold yellow]")
        else:
            out.append(escape(html.unescape(part)))
    return "".join(out).replace("\n", " ")


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
    from diarium.runner import RunFailed, run_ingest, run_source

    if paths and source:
        raise _fail("ange MAPPAR eller --source, inte båda")
    if not paths and source not in SOURCE_NAMES:
        raise _fail(f"ange MAPPAR, eller --source med en av: {', '.join(SOURCE_NAMES)}")
    missing = [str(p) for p in paths or [] if not p.exists()]
    if missing:
        raise _fail(f"filen eller mappen finns inte: {', '.join(missing)}")
    if source and not settings.source_configured(source):
        raise _fail(not_configured(source))
    archive = _archive(home)
    _check_search_engine(archive, write=True)
    failure: str | None = None
    with _progress() as progress:
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
        raise _fail(failure)
    _report_run(archive, result)


def _progress() -> Progress:
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


def _report_run(archive: Archive, result: Any) -> None:
    """One line on what the run did, then its documents that did not go well."""
    from diarium import status as run_log

    metadata = _materialization_metadata(result)
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
            f"[yellow]{_sv(line['status'])}[/yellow] {escape(str(line['source']))}: {escape(line['reason'] or '')}"
        )


def _materialization_metadata(result: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        out[materialization.asset_key.to_user_string()] = {
            key: getattr(value, "value", value) for key, value in materialization.metadata.items()
        }
    return out


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words, phrases or a case number in any form.")],
    doc_type: Annotated[
        str | None, typer.Option("--type", help="Document type, e.g. tjänsteskrivelse.")
    ] = None,
    committee: Annotated[
        str | None, typer.Option(help="Committee, e.g. 'tekniska nämnden'.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Document year.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 10,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search in Swedish, with filters."""
    from search import SearchQuery, open_backend
    from search.query import canonical_committee

    archive = _existing(home)
    asked = SearchQuery(
        text=query,
        doc_type=doc_type,
        committee=canonical_committee(committee),  # "KS" as well as "kommunstyrelsen"
        year=year,
        limit=limit,
        facets=as_json,  # only the JSON output shows them
    )
    with _search_errors():
        backend = open_backend(_backend_kind(), archive.index_dir)
        try:
            result = backend.search(asked)
            # A typo finds nothing or next to nothing; only then is the archive's vocabulary
            # (every readable record) worth reading for "Menade du …?", as the web page offers.
            suggestion = _suggest(archive, backend, asked) if result.total < FEW_HITS else None
        finally:
            backend.close()
    if as_json:
        _print_json(
            {
                "query": result.query,
                "total": result.total,
                "took_ms": round(result.took_ms, 2),
                "hits": [
                    {
                        "id": h.id,
                        "source": h.source,
                        "title": h.title,
                        "doc_type": h.doc_type,
                        "date": h.date,
                        "score": round(h.score, 4),
                        "snippet": h.snippet,
                        "committees": h.committees,
                        "case_numbers": h.case_numbers,
                    }
                    for h in result.hits
                ],
                "facets": result.facets,
                "suggestion": suggestion,
            }
        )
        return
    console.print(
        f"{_traffar(result.total)} för [bold]{escape(query)}[/bold] ({result.took_ms:.1f} ms)"
    )
    if suggestion is not None:
        console.print(f"Menade du [bold]{escape(suggestion)}[/bold]?")
    for rank, hit in enumerate(result.hits, start=1):
        console.print(
            f"\n[bold]{rank}. {escape(hit.title)}[/bold]  [dim]{escape(hit.doc_type)} · {hit.date or 'odaterad'} · "
            f"{escape(', '.join(hit.case_numbers) or '–')}[/dim]\n   [dim]{escape(hit.source)}[/dim]\n   {_marks_to_rich(hit.snippet)}"
        )


#: Fewer hits than this, and the CLI looks for a spelling suggestion.
FEW_HITS = 3


def _suggest(archive: Archive, backend: Any, query: Any) -> str | None:
    from diarium.web.suggest import ArchiveVocabulary, checked_suggestion

    return checked_suggestion(ArchiveVocabulary(archive).get(), backend, query)


@app.command()
def case(
    case_number: Annotated[
        str, typer.Argument(help="A case number in any written form, e.g. 'tn 2019 3825'.")
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
    chain: Annotated[
        bool,
        typer.Option(
            "--chain", help="The case's chain: documents in steps, with decisions and links."
        ),
    ] = False,
    secret: Annotated[
        bool,
        typer.Option(
            "--show-secret",
            help="Operators: also list documents secret under OSL (marked SEKRETESS).",
        ),
    ] = False,
) -> None:
    """Every document that carries a case number, in date order (documents secret under
    OSL only with --show-secret, as on the web page)."""
    from diarium.queries import canonical_case_number, documents_for_case, show_secret

    normalized = canonical_case_number(case_number)
    if normalized is None:
        raise _fail(
            f"{case_number!r} är inget diarienummer (till exempel TN-2019-3825 eller 'KS 2014/0316')"
        )
    archive = _existing(home)
    include_secret = show_secret(secret)
    if chain:
        _print_case_chain(archive, normalized, as_json=as_json, include_secret=include_secret)
        return
    try:
        docs = documents_for_case(archive, normalized, include_secret=include_secret)
    except FileNotFoundError as error:
        raise _fail(str(error)) from error
    if as_json:
        _print_json({"case_number": normalized, "documents": docs})
        return
    from rich.table import Table

    table = Table(title=f"Ärende {normalized}: {len(docs)} dokument")
    for column in ("datum", "typ", "roll", "titel", "källa"):
        table.add_column(column)
    for doc in docs:
        table.add_row(
            str(doc["date"] or "–"),
            doc["doc_type"] or "",
            _sv(doc["role"]),
            _secret_mark(doc) + escape(doc["title"] or ""),
            escape(doc["source"]),
        )
    console.print(table)


def _secret_mark(doc: dict[str, Any]) -> str:
    return "[magenta]SEKRETESS[/magenta] " if doc.get("secret") else ""


def _print_case_chain(
    archive: Archive, normalized: str, *, as_json: bool, include_secret: bool
) -> None:
    from diarium.queries import case_chain

    try:
        answer = case_chain(archive, normalized, include_secret=include_secret)
    except FileNotFoundError as error:
        raise _fail(str(error)) from error
    if as_json:
        _print_json(answer)
        return
    case_info = answer["case"]
    if case_info is None:
        console.print(f"Inget dokument bär ärende {answer['case_number']}.")
        return
    body = case_info["registering_body"] or "okänt organ"
    console.print(
        f"[bold]Ärende {answer['case_number']}[/bold] ({body}): {case_info['documents']} dokument, "
        f"{case_info['decisions']} beslut och förslag, {case_info['first_seen'] or '–'} – {case_info['last_seen'] or '–'}"
    )
    if case_info["title"]:
        console.print(escape(case_info["title"]))
    number = {doc["id"]: n for n, doc in enumerate(answer["documents"], start=1)}
    for doc in answer["documents"]:
        console.print(
            f"\n[bold]{number[doc['id']]}. {escape(doc['stage'])}[/bold] (steg {doc['step']})  "
            f"{doc['date'] or 'odaterad'}  "
            f"{escape(doc['doc_type'] or '')} · {escape(doc['body'] or '–')} · {_sv(doc['role'])}\n"
            f"   {_secret_mark(doc)}{escape(doc['title'] or '')}\n   [dim]{escape(doc['source'])}[/dim]"
        )
        # Decisions taken first, then proposals, each under its own name: a proposal is never
        # shown as a decision taken.
        for label, wanted in (("beslut", "beslut"), ("förslag till beslut", "förslag")):
            for decision in doc["decisions"]:
                kind = decision.get("kind") or ("förslag" if decision["proposed"] else "beslut")
                if kind != wanted:
                    continue
                paragraph = f" {decision['paragraph']}" if decision["paragraph"] else ""
                console.print(
                    f"   – {label}{escape(paragraph)} ({escape(decision['body'] or '?')}): "
                    f"{escape(decision['text'])}"
                )
    for link in answer["links"]:
        days = f"{link['days']} dagar" if link["days"] is not None else "odaterat"
        console.print(
            f"[dim]länk {number[link['from_document_id']]} → {number[link['to_document_id']]}: "
            f"{link['relation']} ({days})[/dim]"
        )


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="One document.")],
    as_json: JsonOption = False,
    sections: Annotated[
        bool, typer.Option(help="Include the recognized sections and their text.")
    ] = False,
) -> None:
    """Show what Diarium extracts from one file, without ingesting it."""
    from extractors.base import ReaderError
    from extractors.extraction import extract as run_extraction
    from extractors.personal_data import protect
    from extractors.readers import read_document

    try:
        parsed = read_document(file, source=str(file))
    except ReaderError as error:
        raise _fail(f"{file}: {error.status}: {error.reason}") from error
    # The same masking as ingestion: what `extract` shows is what the archive would keep.
    parsed, _ = protect(parsed, settings.masking_policy())
    result = run_extraction(parsed).to_dict(with_sections=sections)
    if as_json:
        _print_json(result)
        return
    console.print(f"[bold]{escape(result['title'])}[/bold]")
    console.print(
        f"typ: {result['doc_type']}   datum: {result['date'] or '–'}   år: {result['year'] or '–'}"
    )
    if result["meeting"]:
        console.print(f"sammanträde: {result['meeting']['committee']} {result['meeting']['date']}")
    for c in result["case_numbers"]:
        console.print(f"diarienummer: {c['normalized']} ({_sv(c['role'])}) «{escape(c['text'])}»")
    for c in result["committees"]:
        console.print(f"organ: {c['name']} ({', '.join(_sv(r) for r in c['roles'])})")
    for d in result["decisions"]:
        console.print(
            f"beslut ({d['by'] or '?'}{', ' + d['paragraph'] if d['paragraph'] else ''}): {escape(d['text'][:160])}"
        )
    for p in result["persons"]:
        title = f", {p['title']}" if p["title"] else ""
        console.print(f"person: {escape(p['name'] + title)} ({_sv(p['role'])})")


@app.command()
def status(
    home: HomeOption = None,
    as_json: JsonOption = False,
    runs: Annotated[int, typer.Option(min=0, help="How many recent runs to show.")] = 5,
) -> None:
    """The last ingestion runs, documents per status, those that failed with their reasons,
    and the documents kept out of the search index as secret under OSL."""
    from diarium import catalog, tables
    from diarium import status as run_log

    archive = _existing(home)
    known = catalog.load(archive)
    counts = dict(Counter(entry.status for entry in known.values()))
    problems = [
        {
            "id": e.id,
            "origin": e.origin,
            "source": e.source,
            "status": e.status if e.status != "ok" else "partly_scanned",
            "reason": e.reason
            or f"sidorna {e.needs_ocr_pages} saknar textlager och har inte OCR-lästs; "
            "installera tesseract-ocr-swe och kör `diarium retry-failed`",
            "attempts": e.attempts,
            "updated_at": e.updated_at,
        }
        for e in catalog.not_ok(known)
    ]
    recent = run_log.last_runs(archive, runs)
    secret = tables.secret_documents(archive)
    sections = tables.secret_documents(archive, "secret_section")
    if as_json:
        _print_json(
            {
                "counts": counts,
                "problems": problems,
                "runs": recent,
                "secret": secret,
                "secret_sections": sections,
            }
        )
        return
    if recent:
        from rich.table import Table

        table = Table(title="Senaste körningar")
        for column in ("start", "källa", "status", "startad av", "sedda", "nya", "ändrade", "fel"):
            table.add_column(column)
        for run in recent:
            c = run.get("counts", {})
            colour = {"success": "green", "failure": "red", "interrupted": "yellow"}.get(
                run.get("status", ""), "white"
            )
            table.add_row(
                str(run.get("started_at") or "")[:16].replace("T", " "),
                str(run.get("partition") or ""),
                f"[{colour}]{_sv(run.get('status'))}[/{colour}]",
                escape(str(run.get("launched_by") or "")),
                str(c.get("seen", "")),
                str(c.get("new", "")),
                str(c.get("changed", "")),
                str(c.get("failed", 0) + c.get("fetch_failed", 0) if c else ""),
            )
        console.print(table)
        for run in recent:
            if run.get("error"):
                console.print(
                    f"[red]{_sv(run.get('status'))}[/red] {run['run_id']}: {escape(str(run['error'])[:500])}"
                )
    console.print(
        "  ".join(f"{_sv(k)}: {v}" for k, v in sorted(counts.items())) or "Arkivet är tomt."
    )
    for r in problems:
        console.print(
            f"[yellow]{_sv(r['status'])}[/yellow] {escape(str(r['source']))}: {escape(str(r['reason'] or ''))}"
        )
    for r in secret:
        console.print(
            f"[magenta]sekretess[/magenta] {escape(str(r['source']))}: "
            "sekretessmarkerad enligt OSL, hålls utanför sökindexet"
        )
    for r in sections:
        console.print(
            f"[magenta]sekretess[/magenta] {escape(str(r['source']))}: "
            f"{r['sections']} avsnitt sekretessmarkerade enligt OSL och undanhållna"
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
    from diarium.runner import RunFailed, run_source

    archive = _existing(home)
    if source is not None and source not in SOURCE_NAMES:
        raise _fail(f"okänd källa {source!r}; källor: {', '.join(SOURCE_NAMES)}")
    failed = catalog.not_ok(catalog.load(archive))
    origins = sorted({e.origin for e in failed if source is None or e.origin == source})
    if not origins:
        console.print("Inga misslyckade dokument att läsa om.")
        return
    for origin in origins:
        failure: str | None = None
        with _progress() as progress:
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
            raise _fail(failure)
        _report_run(archive, result)


class SqlFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL over the analyst tables (read-only).")],
    home: HomeOption = None,
    fmt: Annotated[
        SqlFormat, typer.Option("--format", help="table, csv or json (a list of objects).")
    ] = SqlFormat.table,
) -> None:
    """Query the analyst tables with DuckDB SQL (schema: docs/tables.md)."""
    from diarium.tables import connect, format_value, to_csv

    archive = _existing(home)
    try:
        with connect(archive) as con:
            cursor = con.execute(query)
            columns = [str(d[0]) for d in cursor.description or []]
            rows = cursor.fetchall()
    except FileNotFoundError as error:
        raise _fail(str(error)) from error
    except Exception as error:  # duckdb raises many error classes; all are the user's query
        raise _fail(f"SQL-fel: {error}") from error
    if fmt is SqlFormat.csv:
        sys.stdout.write(to_csv(columns, rows))
    elif fmt is SqlFormat.json:
        _print_json([dict(zip(columns, row, strict=True)) for row in rows])
    else:
        from rich.table import Table

        table = Table()
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*(escape(format_value(v)) for v in row))
        console.print(table)


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


@app.command("eval-search")
def eval_search(
    queries: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Judged queries (JSONL).")
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
    min_mrr: Annotated[float, typer.Option(help="Exit 1 when Diarium's MRR is below this.")] = 0.0,
    min_recall: Annotated[
        float, typer.Option(help="Exit 1 when Diarium's recall@10 is below this.")
    ] = 0.0,
    engine: Annotated[
        str | None,
        typer.Option(
            help="tantivy or meilisearch (default DIARIUM_SEARCH_BACKEND, else tantivy); the "
            "archive must have been ingested on that engine."
        ),
    ] = None,
) -> None:
    """Search relevance on judged queries: MRR and recall@10, Diarium against a baseline."""
    from diarium.search_eval import evaluate, load_queries

    with _search_errors():
        scores = evaluate(_existing(home), load_queries(queries), engine or _backend_kind())
    if as_json:
        _print_json(
            [
                {
                    "engine": s.engine,
                    "mrr": round(s.mrr, 4),
                    "recall_at_10": round(s.recall, 4),
                    "per_kind": {
                        k: {"mrr": round(m, 4), "recall_at_10": round(r, 4)}
                        for k, (m, r) in s.per_kind.items()
                    },
                    "misses": [
                        {"id": i, "query": q, "first_relevant_rank": r} for i, q, r in s.misses
                    ],
                }
                for s in scores
            ]
        )
    else:
        from rich.table import Table

        table = Table(title=f"Relevance on {queries.name} ({len(load_queries(queries))} queries)")
        table.add_column("engine")
        table.add_column("kind")
        table.add_column("MRR", justify="right")
        table.add_column("recall@10", justify="right")
        for s in scores:
            table.add_row(s.engine, "all", f"{s.mrr:.3f}", f"{s.recall:.3f}", style="bold")
            for kind, (mrr, recall) in sorted(s.per_kind.items()):
                table.add_row("", kind, f"{mrr:.3f}", f"{recall:.3f}")
        console.print(table)
    if scores[0].mrr < min_mrr or scores[0].recall < min_recall:
        raise _fail(
            f"under tröskeln: MRR {scores[0].mrr:.3f} (min {min_mrr}), recall@10 {scores[0].recall:.3f} (min {min_recall})"
        )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    home: HomeOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Server processes answering in parallel (default: one per core).",
        ),
    ] = None,
) -> None:
    """The officers' search page and its JSON API (read-only), on http://HOST:PORT."""
    import uvicorn

    archive = _existing(home)
    try:
        _check_search_engine(archive, write=False)
    except typer.Exit:
        # The page still starts (it answers 503 until the server is back); the line above
        # says what to fix.
        errors.print("[yellow]Sidan startar ändå och svarar att sökmotorn inte svarar.[/yellow]")
    processes = workers or _cores()
    errors.print(f"Diarium: http://{host}:{port}/  (arkiv: {archive.home}, {processes} processer)")
    if processes == 1:
        from diarium.web import create_app

        uvicorn.run(create_app(archive), host=host, port=port, log_level="info")
        return
    # One process answers one request at a time in Python (the GIL), so under concurrent
    # officers requests queue: several processes share the port. uvicorn starts them from
    # an import string; each opens the same archive (read-only) from DIARIUM_HOME.
    settings.export_home(archive.home)
    uvicorn.run(
        "diarium.web:create_app_from_env",
        factory=True,
        workers=processes,
        host=host,
        port=port,
        log_level="info",
    )


def _cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@app.command("eval")
def eval_extraction(
    paths: Annotated[
        list[Path],
        typer.Argument(help="One or more gold files (JSONL), then the documents directory."),
    ],
    as_json: JsonOption = False,
    errors_: Annotated[
        bool, typer.Option("--errors", help="List each document's disagreements.")
    ] = False,
    min_case_numbers: Annotated[float | None, typer.Option(help="Minimum case-number F1.")] = None,
    min_committees: Annotated[float | None, typer.Option(help="Minimum committee F1.")] = None,
    min_meeting_date: Annotated[
        float | None, typer.Option(help="Minimum meeting-date accuracy.")
    ] = None,
    min_doc_type: Annotated[float | None, typer.Option(help="Minimum doc-type accuracy.")] = None,
    min_decision_recall: Annotated[
        float | None, typer.Option(help="Minimum decision-point recall.")
    ] = None,
    min_dates: Annotated[float | None, typer.Option(help="Minimum date F1.")] = None,
    min_persons: Annotated[float | None, typer.Option(help="Minimum person F1.")] = None,
    split: Annotated[
        str,
        typer.Option(
            help="For gold written as the text writes it (../shared/municipalities): score the "
            "'tune' part, the 'held-out' part (municipalities no rule was tuned on), 'all', or "
            "'both' (tune and held-out side by side)."
        ),
    ] = "both",
) -> None:
    """Extraction against gold files: precision, recall and F1 per field (exit 1 below a minimum)."""
    from diarium.evaluate import GoldError, check_thresholds, evaluate, load_gold, render
    from diarium.evaluate_written import (
        SPLITS,
        evaluate_written,
        is_written_gold,
        load_written_gold,
        render_written,
    )

    if len(paths) < 2 or not paths[-1].is_dir():
        raise _fail("användning: diarium eval GOLD.jsonl [GOLD.jsonl ...] DOKUMENTMAPP (en mapp)")
    try:
        first = load_written_gold(paths[0])
    except GoldError as error:
        raise _fail(str(error)) from error
    if is_written_gold(first[0]):
        if split not in (*SPLITS, "both"):
            raise _fail(f"--split: one of {', '.join((*SPLITS, 'both'))}")
        try:
            written = [doc for path in paths[:-1] for doc in load_written_gold(path)]
        except GoldError as error:
            raise _fail(str(error)) from error
        parts = ["tune", "held-out"] if split == "both" else [split]
        reports = [evaluate_written(written, paths[-1], split=p) for p in parts]  # type: ignore[arg-type]
        if as_json:
            _print_json([r.to_dict(with_documents=errors_) for r in reports])
        else:
            render_written(reports, console, errors=errors_)
        return
    try:
        gold = [doc for path in paths[:-1] for doc in load_gold(path)]
    except GoldError as error:
        raise _fail(str(error)) from error
    report = evaluate(gold, paths[-1])
    if as_json:
        _print_json(report.to_dict())
    else:
        render(report, console, title=", ".join(p.name for p in paths[:-1]), errors=errors_)
    failures = check_thresholds(
        report,
        {
            "case_numbers": min_case_numbers,
            "committees": min_committees,
            "meeting_date": min_meeting_date,
            "doc_type": min_doc_type,
            "decision_recall": min_decision_recall,
            "dates": min_dates,
            "persons": min_persons,
        },
    )
    if failures:
        raise _fail("under tröskeln: " + "; ".join(failures))


@app.command("dagster-home")
def dagster_home(home: HomeOption = None) -> None:
    """Prepare and print the Dagster instance directory that the CLI records runs in."""
    from diarium.runner import prepare_dagster_home

    console.print(str(prepare_dagster_home(_archive(home))))


if __name__ == "__main__":
    app()
