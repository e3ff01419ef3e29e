"""`diarium watch`: add, list, remove and check bevakningar from the terminal."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from diarium import settings
from diarium.cli.common import (
    HomeOption,
    app,
    console,
    errors,
    existing_archive,
    fail,
    print_json,
)

watch_app = typer.Typer(
    help="Bevakningar: saved searches and case numbers that report new documents.",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@watch_app.command("add")
def add(
    query: Annotated[str, typer.Argument(help="The search, as typed on the search page.")] = "",
    case: Annotated[
        str | None, typer.Option("--case", help="Follow a case number (any written form).")
    ] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Document type.")] = None,
    committee: Annotated[str | None, typer.Option(help="Committee (name or 'KS').")] = None,
    year: Annotated[int | None, typer.Option(help="Document year.")] = None,
    name: Annotated[str | None, typer.Option(help="A name for the watch.")] = None,
    email: Annotated[
        list[str] | None,
        typer.Option("--email", help="Send the e-mail digest to this address (repeatable)."),
    ] = None,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Save a search or a case number as a watch; it reports documents indexed from now on."""
    from diarium.watches.check import add_watch
    from diarium.watches.store import WatchError, new_watch

    archive = existing_archive(home)
    try:
        watch = new_watch(
            query,
            doc_type=doc_type,
            committee=committee,
            year=year,
            case=case,
            name=name,
            recipients=email or (),
        )
    except WatchError as error:
        raise fail(str(error)) from error
    stored = add_watch(archive, watch)
    if as_json:
        print_json(stored.as_dict())
        return
    console.print(
        f"Bevakning [bold]{stored.id}[/bold] sparad: {escape(stored.name)} "
        f"[dim]({escape(stored.describe())})[/dim]"
    )


@watch_app.command("list")
def list_watches(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Every watch with its id."""
    from diarium.watches import store

    archive = existing_archive(home)
    if not store.exists(archive):
        watches = []
    else:
        with store.WatchStore.open(archive) as opened:
            watches = opened.all()
    if as_json:
        print_json([w.as_dict() for w in watches])
        return
    if not watches:
        console.print("Inga bevakningar. Lägg till en med `diarium watch add SÖKFRÅGA`.")
        return
    for w in watches:
        recipients = f" → {', '.join(w.recipients)}" if w.recipients else ""
        console.print(
            f"[bold]{w.id}[/bold]  {escape(w.name)}  [dim]{escape(w.describe())}"
            f"{escape(recipients)} · kontrollerad {w.checked_at or 'aldrig'}[/dim]"
        )


@watch_app.command("remove")
def remove(
    watch_id: Annotated[str, typer.Argument(help="The watch's id (see `diarium watch list`).")],
    home: HomeOption = None,
) -> None:
    """Remove a watch and what it found."""
    from diarium.watches import store

    archive = existing_archive(home)
    removed = False
    if store.exists(archive):
        with store.WatchStore.open(archive) as opened:
            removed = opened.remove(watch_id.strip())
    if not removed:
        raise fail(f"Det finns ingen bevakning med id {watch_id} (se `diarium watch list`).")
    console.print(f"Bevakning {escape(watch_id)} borttagen.")


@watch_app.command("check")
def check(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Check every watch now (as after a run) and show per watch the documents found since
    the last `watch check` (by the runs or by this check), with their source; sends the
    e-mail digest when DIARIUM_SMTP_URL is set."""
    from diarium.watches import store
    from diarium.watches.check import check_watches
    from diarium.watches.mail import MailSettings, MailSettingsError, send_digests
    from search import SearchError, open_backend

    archive = existing_archive(home)
    try:
        mail = MailSettings.from_env()
    except MailSettingsError as error:
        raise fail(str(error)) from error
    if not store.exists(archive):
        summary = None
    else:
        try:
            backend = open_backend(settings.search_backend(), archive.index_dir)
            try:
                summary = check_watches(archive, backend)
            finally:
                backend.close()
        except SearchError as error:
            raise fail(error.swedish()) from error
    with store.WatchStore.open(archive) as opened:
        watches = opened.all()
        found = opened.not_shown()
    mailed = send_digests(archive, mail) if mail is not None and summary else None
    if as_json:
        print_json(
            {
                "watches": [
                    {**w.as_dict(), "new": [h.as_dict() for h in found.get(w.id, [])]}
                    for w in watches
                ],
                "mail": None
                if mailed is None
                else {"sent": mailed.sent, "documents": mailed.documents, "failed": mailed.failed},
            }
        )
        return
    if not watches:
        console.print("Inga bevakningar. Lägg till en med `diarium watch add SÖKFRÅGA`.")
        return
    for w in watches:
        hits = found.get(w.id, [])
        label = "inga nya dokument" if not hits else f"{len(hits)} nya dokument"
        console.print(f"\n[bold]{w.id}[/bold]  {escape(w.name)}: {label}", soft_wrap=True)
        for hit in hits:
            console.print(
                f"  • {escape(hit.title)}  [dim]{escape(hit.doc_type or 'okänd typ')} · "
                f"{hit.date or 'odaterad'} · {escape(', '.join(hit.case_numbers) or '–')}[/dim]\n"
                f"    [dim]{escape(hit.source)}[/dim]",
                soft_wrap=True,
            )
    if mailed is not None and mailed.sent:
        console.print(f"\nE-post: {mailed.sent} sammanställningar skickade.")
    if mailed is not None:
        for problem in mailed.failed:
            errors.print(f"[yellow]e-post kunde inte skickas:[/yellow] {escape(problem)}")
