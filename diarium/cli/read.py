"""Commands that read the archive and never create one: search, case, extract, status, sql, serve."""

from __future__ import annotations

import os
import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from diarium import settings
from diarium.archive import Archive

if TYPE_CHECKING:
    pass

from diarium.cli.common import (
    HomeOption,
    JsonOption,
    app,
    backend_kind,
    check_search_engine,
    console,
    errors,
    existing_archive,
    fail,
    marks_to_rich,
    print_json,
    search_errors,
    sv,
    traffar,
)


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

    archive = existing_archive(home)
    asked = SearchQuery(
        text=query,
        doc_type=doc_type,
        committee=canonical_committee(committee),  # "KS" as well as "kommunstyrelsen"
        year=year,
        limit=limit,
        facets=as_json,  # only the JSON output shows them
    )
    with search_errors():
        backend = open_backend(backend_kind(), archive.index_dir)
        try:
            result = backend.search(asked)
            # A typo finds nothing or next to nothing; only then is the archive's vocabulary
            # (every readable record) worth reading for "Menade du …?", as the web page offers.
            suggestion = _suggest(archive, backend, asked) if result.total < FEW_HITS else None
        finally:
            backend.close()
    if as_json:
        print_json(
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
        f"{traffar(result.total)} för [bold]{escape(query)}[/bold] ({result.took_ms:.1f} ms)"
    )
    if suggestion is not None:
        console.print(f"Menade du [bold]{escape(suggestion)}[/bold]?")
    for rank, hit in enumerate(result.hits, start=1):
        console.print(
            f"\n[bold]{rank}. {escape(hit.title)}[/bold]  [dim]{escape(hit.doc_type)} · {hit.date or 'odaterad'} · "
            f"{escape(', '.join(hit.case_numbers) or '–')}[/dim]\n   [dim]{escape(hit.source)}[/dim]\n   {marks_to_rich(hit.snippet)}"
        )


#: Fewer hits than this, and the CLI looks for a spelling suggestion.
FEW_HITS = 3


def _suggest(archive: Archive, backend: Any, query: Any) -> str | None:
    from diarium.web.suggest import ArchiveVocabulary, checked_suggestion, suggestable_words

    if not suggestable_words(query.text):
        return None  # a case number alone: no word to suggest for, no vocabulary to read
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
    from diarium.versions import case_versions

    normalized = canonical_case_number(case_number)
    if normalized is None:
        raise fail(
            f"{case_number!r} är inget diarienummer (till exempel TN-2019-3825 eller 'KS 2014/0316')"
        )
    archive = existing_archive(home)
    include_secret = show_secret(secret)
    if chain:
        _print_case_chain(archive, normalized, as_json=as_json, include_secret=include_secret)
        return
    try:
        docs = documents_for_case(archive, normalized, include_secret=include_secret)
    except FileNotFoundError as error:
        raise fail(str(error)) from error
    docs = case_versions(archive, docs, include_secret=include_secret)
    if as_json:
        print_json({"case_number": normalized, "documents": docs})
        return
    from rich.table import Table

    table = Table(title=f"Ärende {normalized}: {len(docs)} dokument")
    for column in ("datum", "typ", "roll", "titel", "källa"):
        table.add_column(column)
    for doc in docs:
        table.add_row(
            str(doc["date"] or "–"),
            doc["doc_type"] or "",
            sv(doc["role"]),
            _secret_mark(doc) + escape(doc["title"] or "") + _versions_mark(doc),
            escape(doc["source"]),
        )
    console.print(table)


def _versions_mark(doc: dict[str, Any]) -> str:
    others = len(doc.get("versions") or [])
    return f" [dim]({others + 1} versioner)[/dim]" if others else ""


def _secret_mark(doc: dict[str, Any]) -> str:
    return "[magenta]SEKRETESS[/magenta] " if doc.get("secret") else ""


def _print_case_chain(
    archive: Archive, normalized: str, *, as_json: bool, include_secret: bool
) -> None:
    from diarium.queries import case_chain

    try:
        answer = case_chain(archive, normalized, include_secret=include_secret)
    except FileNotFoundError as error:
        raise fail(str(error)) from error
    if as_json:
        print_json(answer)
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
            f"{escape(doc['doc_type'] or '')} · {escape(doc['body'] or '–')} · {sv(doc['role'])}\n"
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
        raise fail(f"{file}: {error.status}: {error.reason}") from error
    # The same masking as ingestion: what `extract` shows is what the archive would keep.
    parsed, _ = protect(parsed, settings.masking_policy())
    result = run_extraction(parsed).to_dict(with_sections=sections)
    if as_json:
        print_json(result)
        return
    console.print(f"[bold]{escape(result['title'])}[/bold]")
    console.print(
        f"typ: {result['doc_type']}   datum: {result['date'] or '–'}   år: {result['year'] or '–'}"
    )
    if result["meeting"]:
        console.print(f"sammanträde: {result['meeting']['committee']} {result['meeting']['date']}")
    for c in result["case_numbers"]:
        console.print(f"diarienummer: {c['normalized']} ({sv(c['role'])}) «{escape(c['text'])}»")
    for c in result["committees"]:
        console.print(f"organ: {c['name']} ({', '.join(sv(r) for r in c['roles'])})")
    for d in result["decisions"]:
        console.print(
            f"beslut ({d['by'] or '?'}{', ' + d['paragraph'] if d['paragraph'] else ''}): {escape(d['text'][:160])}"
        )
    for p in result["persons"]:
        title = f", {p['title']}" if p["title"] else ""
        console.print(f"person: {escape(p['name'] + title)} ({sv(p['role'])})")


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

    archive = existing_archive(home)
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
        print_json(
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
                f"[{colour}]{sv(run.get('status'))}[/{colour}]",
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
                    f"[red]{sv(run.get('status'))}[/red] {run['run_id']}: {escape(str(run['error'])[:500])}"
                )
    console.print(
        "  ".join(f"{sv(k)}: {v}" for k, v in sorted(counts.items())) or "Arkivet är tomt."
    )
    for r in problems:
        console.print(
            f"[yellow]{sv(r['status'])}[/yellow] {escape(str(r['source']))}: {escape(str(r['reason'] or ''))}"
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

    archive = existing_archive(home)
    try:
        with connect(archive) as con:
            cursor = con.execute(query)
            columns = [str(d[0]) for d in cursor.description or []]
            rows = cursor.fetchall()
    except FileNotFoundError as error:
        raise fail(str(error)) from error
    except Exception as error:  # duckdb raises many error classes; all are the user's query
        raise fail(f"SQL-fel: {error}") from error
    if fmt is SqlFormat.csv:
        sys.stdout.write(to_csv(columns, rows))
    elif fmt is SqlFormat.json:
        print_json([dict(zip(columns, row, strict=True)) for row in rows])
    else:
        from rich.table import Table

        table = Table()
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*(escape(format_value(v)) for v in row))
        console.print(table)


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

    archive = existing_archive(home)
    try:
        check_search_engine(archive, write=False)
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
