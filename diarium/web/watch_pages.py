"""Bevakningar on the web: the "Bevaka" form on the search and case pages, a watch's page
and its Atom feed.

    POST /bevakning             make a watch (form: q, type, committee, year, case, email)
    GET  /bevakning/<id>        the watch and the documents it found, newest first
    GET  /bevakning/<id>.atom   the same as an Atom 1.0 feed

Plain HTML forms, no script. A POST from another site's page is refused (Origin checked):
a watch with an e-mail address must not be made by a page the officer happened to open.
"""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from diarium import settings
from diarium.watches import store as watch_store
from diarium.watches.atom import describe_hit, feed, public_source
from diarium.watches.check import add_watch
from diarium.web import views

#: Documents shown on a watch's page and in its feed.
SHOWN = 100
MAX_FORM_BYTES = 8192


def add_watch_routes(app: FastAPI, site: views.Site, templates: Jinja2Templates) -> None:
    archive = site.archive

    @app.post("/bevakning", include_in_schema=False)
    async def create(request: Request) -> Response:
        _refuse_other_origins(request)
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(400, "Formuläret är för stort.")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        year_text = form.get("year", "").strip()
        if year_text and not year_text.isdigit():
            raise HTTPException(400, "Året måste vara ett heltal.")
        try:
            watch = watch_store.new_watch(
                form.get("q", ""),
                doc_type=form.get("type"),
                committee=form.get("committee"),
                year=int(year_text) if year_text else None,
                case=form.get("case"),
                name=form.get("name"),
                recipients=[form["email"]] if form.get("email") else [],
            )
            stored = add_watch(archive, watch)
        except watch_store.WatchError as error:
            raise HTTPException(400, str(error)) from error
        except (sqlite3.Error, OSError) as error:
            raise HTTPException(
                503, "Bevakningen kunde inte sparas just nu (arkivet går inte att skriva)."
            ) from error
        return RedirectResponse(f"/bevakning/{stored.id}", status_code=303)

    @app.get("/bevakning/{watch_id}.atom", include_in_schema=False)
    def atom(request: Request, watch_id: str) -> Response:
        watch, hits = _watch(archive, watch_id)
        return Response(
            feed(watch, hits, _base_url(request)),
            media_type="application/atom+xml; charset=utf-8",
        )

    @app.get("/bevakning/{watch_id}", include_in_schema=False)
    def page(request: Request, watch_id: str) -> Response:
        watch, hits = _watch(archive, watch_id)
        return templates.TemplateResponse(
            request,
            "watch.html",
            {
                "watch": watch,
                "hits": hits,
                "describe_hit": describe_hit,
                "public_source": public_source,
                "search_url": _search_url(watch),
            },
        )


def _watch(archive: Any, watch_id: str) -> tuple[watch_store.Watch, list[watch_store.WatchHit]]:
    missing = HTTPException(404, "Det finns ingen bevakning med den adressen.")
    if not watch_store.WATCH_ID.fullmatch(watch_id) or not watch_store.exists(archive):
        raise missing
    with watch_store.WatchStore.open(archive) as opened:
        watch = opened.get(watch_id)
        if watch is None:
            raise missing
        return watch, opened.hits(watch_id, SHOWN)


def _search_url(watch: watch_store.Watch) -> str:
    if watch.case_number and not watch.query:
        return views.case_url(watch.case_number)
    return views.SearchParams(
        q=watch.query, doc_type=watch.doc_type, committee=watch.committee, year=watch.year
    ).url()


def _base_url(request: Request) -> str:
    return settings.public_url() or str(request.base_url)


def _refuse_other_origins(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin is None:  # not a browser (curl, a script on the server)
        return
    if urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "Bevakningar kan bara skapas från Diariums egna sidor.")
