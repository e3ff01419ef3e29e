"""What every command shares: the app, the consoles, the options, Swedish words and errors."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from diarium import settings
from diarium.archive import Archive

if TYPE_CHECKING:
    pass

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


def archive_at(home: Path | None) -> Archive:
    """The archive for a command that writes it (created when missing)."""
    return Archive.open(home)


def existing_archive(home: Path | None) -> Archive:
    """The archive for a command that only reads it: never created, missing is an error."""
    from diarium.archive import ArchiveMissing

    try:
        return Archive.existing(home)
    except ArchiveMissing as error:
        raise fail(str(error)) from error


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str) -> typer.Exit:
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


def sv(value: Any) -> str:
    """The Swedish word for a stored value, or the value itself."""
    return SWEDISH.get(str(value), str(value))


def traffar(n: int) -> str:
    """The number of hits in Swedish, singular or plural.

    >>> traffar(1), traffar(3)
    ('1 träff', '3 träffar')
    """
    return f"{n} träff" if n == 1 else f"{n} träffar"


def backend_kind() -> str:
    return settings.search_backend()


@contextmanager
def search_errors() -> Iterator[None]:
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


def check_search_engine(archive: Archive, *, write: bool) -> None:
    """Before a run that needs the search server: reach it and try the key (the embedded
    engine needs no such check)."""
    if backend_kind() != "meilisearch":
        return
    from search import open_backend
    from search.meilisearch_backend import MeilisearchBackend

    with search_errors():
        backend = open_backend("meilisearch", archive.index_dir, writable=write)
        assert isinstance(backend, MeilisearchBackend)
        try:
            backend.check(write=write)
        finally:
            backend.close()


def marks_to_rich(snippet: str) -> str:
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


#: The commands as `diarium --help` lists them: the first hour's first (the ones that launch
#: runs are added by `pipelines/cli.py`).
ORDER = (
    "ingest",
    "search",
    "case",
    "extract",
    "status",
    "retry-failed",
    "sql",
    "demo",
    "eval-search",
    "serve",
    "eval",
    "dagster-home",
)


def sort_commands(typer_app: typer.Typer) -> None:
    """List the registered commands in `ORDER` (others last)."""

    def rank(command: Any) -> int:
        name = command.name or getattr(command.callback, "__name__", "").replace("_", "-")
        return ORDER.index(name) if name in ORDER else len(ORDER)

    typer_app.registered_commands.sort(key=rank)
