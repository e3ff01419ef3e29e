"""The `diarium` command line."""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from diarium.archive import Archive

app = typer.Typer(
    help="Diarium: a searchable archive of Swedish municipal documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
console = Console()
errors = Console(stderr=True)

HomeOption = Annotated[
    Path | None,
    typer.Option("--home", envvar="DIARIUM_HOME", help="Archive directory (default ./.diarium)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _archive(home: Path | None) -> Archive:
    return Archive.open(home)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _fail(message: str) -> typer.Exit:
    errors.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code=1)


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
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")],
    home: HomeOption = None,
    retry_failed: Annotated[
        bool, typer.Option(help="Also re-read documents that failed before.")
    ] = False,
) -> None:
    """Read documents into the archive: parse, extract, build tables, index."""
    from diarium.runner import run_ingest

    archive = _archive(home)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, transient=False) as progress:
        result = run_ingest(
            archive, paths, progress=RichProgress(progress), retry_failed=retry_failed
        )
    metadata = _materialization_metadata(result)
    docs = metadata.get("documents", {})
    seen = metadata.get("source_files", {})
    console.print(
        f"[green]Klart.[/green] {seen.get('seen', 0)} filer: {seen.get('new', 0)} nya, "
        f"{seen.get('changed', 0)} ändrade, {seen.get('unchanged', 0)} oförändrade. "
        f"Lästa: {docs.get('ok', 0)} ok, {docs.get('failed', 0)} misslyckade, "
        f"{docs.get('needs_ocr', 0)} behöver OCR. Arkiv: {archive.home}"
    )
    failed = [r for r in archive.iter_records() if r["status"] != "ok"]
    for record in failed:
        errors.print(
            f"[yellow]{record['status']}[/yellow] {escape(record['source'])}: {escape(record['reason'] or '')}"
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

    archive = _archive(home)
    backend = open_backend(os.environ.get("DIARIUM_SEARCH_BACKEND", "tantivy"), archive.index_dir)
    try:
        result = backend.search(
            SearchQuery(
                text=query,
                doc_type=doc_type,
                committee=committee.lower() if committee else None,
                year=year,
                limit=limit,
            )
        )
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
            }
        )
        return
    console.print(
        f"{result.total} träffar för [bold]{escape(query)}[/bold] ({result.took_ms:.1f} ms)"
    )
    for rank, hit in enumerate(result.hits, start=1):
        console.print(
            f"\n[bold]{rank}. {escape(hit.title)}[/bold]  [dim]{escape(hit.doc_type)} · {hit.date or 'odaterad'} · "
            f"{escape(', '.join(hit.case_numbers) or '–')}[/dim]\n   [dim]{escape(hit.source)}[/dim]\n   {_marks_to_rich(hit.snippet)}"
        )


@app.command()
def case(
    case_number: Annotated[
        str, typer.Argument(help="A case number in any written form, e.g. 'tn 2019 3825'.")
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every document that carries a case number, in date order."""
    from diarium.queries import documents_for_case
    from extractors.diarienummer import normalize

    normalized = normalize(case_number)
    if normalized is None:
        raise _fail(
            f"not a case number: {case_number!r} (expected e.g. TN-2019-3825 or 'KS 2014/0316')"
        )
    archive = _archive(home)
    try:
        docs = documents_for_case(archive, normalized)
    except FileNotFoundError as error:
        raise _fail(str(error)) from error
    if as_json:
        _print_json({"case_number": normalized, "documents": docs})
        return
    table = Table(title=f"Ärende {normalized}: {len(docs)} dokument")
    for column in ("datum", "typ", "roll", "titel", "källa"):
        table.add_column(column)
    for doc in docs:
        table.add_row(
            str(doc["date"] or "–"),
            doc["doc_type"] or "",
            doc["role"],
            escape(doc["title"] or ""),
            escape(doc["source"]),
        )
    console.print(table)


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
    from extractors.readers import read_document

    try:
        parsed = read_document(file, source=str(file))
    except ReaderError as error:
        raise _fail(f"{file}: {error.status}: {error.reason}") from error
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
        console.print(f"diarienummer: {c['normalized']} ({c['role']}) «{escape(c['text'])}»")
    for c in result["committees"]:
        console.print(f"organ: {c['name']} ({', '.join(c['roles'])})")
    for d in result["decisions"]:
        console.print(
            f"beslut ({d['by'] or '?'}{', ' + d['paragraph'] if d['paragraph'] else ''}): {escape(d['text'][:160])}"
        )
    for p in result["persons"]:
        title = f", {p['title']}" if p["title"] else ""
        console.print(f"person: {escape(p['name'] + title)} ({p['role']})")


@app.command()
def status(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Documents in the archive per status, and those that failed with their reasons."""
    archive = _archive(home)
    records: list[dict[str, Any]] = [
        {k: r.get(k) for k in ("id", "source", "status", "reason", "attempts", "updated_at")}
        for r in archive.iter_records()
    ]
    counts = dict(Counter(str(r["status"]) for r in records))
    problems = [r for r in records if r["status"] != "ok"]
    if as_json:
        _print_json({"counts": counts, "problems": problems})
        return
    console.print("  ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "Arkivet är tomt.")
    for r in problems:
        console.print(
            f"[yellow]{r['status']}[/yellow] {escape(str(r['source']))}: {escape(r['reason'] or '')}"
        )


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL over the analyst tables (read-only).")],
    home: HomeOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
) -> None:
    """Query the analyst tables with DuckDB SQL."""
    from diarium.tables import connect

    archive = _archive(home)
    try:
        with connect(archive) as con:
            frame = con.execute(query).df()
    except FileNotFoundError as error:
        raise _fail(str(error)) from error
    except Exception as error:  # duckdb raises many error classes; all are the user's query
        raise _fail(f"SQL error: {error}") from error
    if fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(
            frame.to_json(orient="records", force_ascii=False, date_format="iso") + "\n"
        )
    else:
        table = Table()
        for column in frame.columns:
            table.add_column(str(column))
        for row in frame.itertuples(index=False):
            table.add_row(*(escape(str(v)) for v in row))
        console.print(table)


@app.command()
def demo(home: HomeOption = None) -> None:
    """Ingest the sample corpus (../shared/corpus when present) and show three searches."""
    from diarium.sample import demo_corpus

    corpus = demo_corpus()
    console.rule(f"Diarium: ingesting {corpus.description}")
    ingest([corpus.path], home=home, retry_failed=False)
    for query in corpus.queries:
        console.rule(f"diarium search {query!r}")
        search(query, limit=3, home=home, doc_type=None, committee=None, year=None, as_json=False)
    console.rule(f"diarium case {corpus.case_number!r}")
    case(corpus.case_number, home=home, as_json=False)


@app.command("dagster-home")
def dagster_home(home: HomeOption = None) -> None:
    """Prepare and print the Dagster instance directory that the CLI records runs in."""
    from diarium.runner import prepare_dagster_home

    console.print(str(prepare_dagster_home(_archive(home))))


if __name__ == "__main__":
    app()
