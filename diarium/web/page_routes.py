"""The PDF page with the hit: a page of the original, rendered on the server, with the
query's words boxed in; previous/next hit and every page reachable, without script.

    GET /dokument/<id>/sida/<n>?q=…           the page view (HTML: the image in an SVG with
                                              the boxes as rectangles, the matches as text)
    GET /dokument/<id>/sida/<n>.png?q=…       the image, with the boxes drawn in
    GET /dokument/<id>/traff?q=…              to the first page with a hit (or page 1)

A document secret under OSL is 403 here as everywhere; a page the document does not have,
or a document that is no PDF, is 404.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from diarium import pdf_pages, settings
from diarium.record import Record
from diarium.web import views
from extractors.personal_data import withheld_from_index

QueryText = Annotated[str, Query(max_length=views.MAX_QUERY_CHARS)]
Scale = Annotated[str, Query(description="1, 1.5 or 2 (72, 108 or 144 dpi)")]
#: Originals whose sha256 was checked: (path, mtime_ns, size, sha256) -> path.
_verified: dict[tuple[str, int, int, str], Path] = {}
_verified_lock = threading.Lock()


def add_page_routes(app: FastAPI, site: views.Site, templates: Jinja2Templates) -> None:
    @app.get("/dokument/{doc_id}/traff", include_in_schema=False)
    def first_hit(doc_id: str, q: QueryText = "") -> Response:
        record = _pdf_record(site, doc_id)
        original = _original(site, doc_id, record)
        cache = pdf_pages.cache_root(site.archive)
        pages = pdf_pages.hit_pages(original, str(record["sha256"]), q, cache)
        return RedirectResponse(_page_url(doc_id, pages[0] if pages else 1, q), status_code=303)

    @app.get("/dokument/{doc_id}/sida/{number}.png", include_in_schema=False)
    def image(doc_id: str, number: str, q: QueryText = "", scale: Scale = "1.5") -> Response:
        record = _pdf_record(site, doc_id)
        page, scale_key = _page_number(number), _scale(scale)
        sha256 = str(record["sha256"])
        base = pdf_pages.cache_root(site.archive) / sha256 / f"{page}-{scale_key}.png"
        try:
            if base.exists() and not q.strip():
                path = base  # cached: the original is not even opened
            else:
                original = _original(site, doc_id, record)
                path = pdf_pages.marked_render(site.archive, original, record, page, scale_key, q)
        except IndexError as error:
            raise _no_such_page(page) from error
        except pdf_pages.PageRefused as refused:
            raise HTTPException(403, str(refused)) from refused
        return FileResponse(
            path, media_type="image/png", headers={"Cache-Control": "private, max-age=300"}
        )

    @app.get("/dokument/{doc_id}/sida/{number}", include_in_schema=False)
    def page_view(
        request: Request, doc_id: str, number: str, q: QueryText = "", scale: Scale = "1.5"
    ) -> Response:
        record = _pdf_record(site, doc_id)
        page, scale_key = _page_number(number), _scale(scale)
        original = _original(site, doc_id, record)
        query = q.strip()
        cache = pdf_pages.cache_root(site.archive)
        try:
            shown = pdf_pages.view(
                original, record, page, query, pdf_pages.SCALES[scale_key], cache
            )
        except IndexError as error:
            raise _no_such_page(page) from error
        except pdf_pages.PageRefused as refused:
            raise HTTPException(403, str(refused)) from refused
        hits = pdf_pages.hit_pages(original, str(record["sha256"]), query, cache) if query else []
        found = views.document(site, doc_id)
        return templates.TemplateResponse(
            request,
            "page.html",
            {
                "doc_id": doc_id,
                "title": found.title if found else doc_id,
                "query": query,
                "page": shown,
                "image_url": f"/dokument/{doc_id}/sida/{page}.png"
                + ("" if scale_key == pdf_pages.DEFAULT_SCALE else f"?scale={scale_key}"),
                "previous_hit": max((p for p in hits if p < page), default=None),
                "next_hit": min((p for p in hits if p > page), default=None),
                "hit_pages": hits,
                "page_url": lambda n: _page_url(doc_id, n, query),
            },
        )


def _page_url(doc_id: str, number: int, query: str) -> str:
    url = f"/dokument/{doc_id}/sida/{number}"
    return url + (f"?{views.urlencode({'q': query})}" if query.strip() else "")


def _pdf_record(site: views.Site, doc_id: str) -> Record:
    record = site.record(doc_id)
    if record is None:
        raise HTTPException(404, "Dokumentet finns inte i arkivet.")
    if withheld_from_index(record, settings.masking_policy()) or (record.get("secrecy") or {}).get(
        "document"
    ):
        raise HTTPException(
            403, "Dokumentet är sekretessmarkerat enligt OSL och visas inte i Diarium."
        )
    if record.get("format") != "pdf" or not record.get("pages") or not record.get("sha256"):
        raise HTTPException(404, "Dokumentet är ingen PDF och har inga sidor att visa.")
    return record


def _original(site: views.Site, doc_id: str, record: Record) -> Path:
    """The archived original, checked as the download checks it (only the recorded file,
    only while its sha256 is unchanged); the check is remembered while the file's size and
    time stay the same."""
    recorded = str(record.get("path") or "")
    try:
        stat = os.stat(recorded)
        key = (recorded, stat.st_mtime_ns, stat.st_size, str(record["sha256"]))
    except OSError:
        key = None
    if key is not None:
        with _verified_lock:
            if key in _verified:
                return _verified[key]
    try:
        path = views.original_path(site, doc_id)
    except views.OriginalUnavailable as problem:
        raise HTTPException(410, str(problem)) from problem
    if path is None:
        raise HTTPException(404, "Dokumentet finns inte i arkivet.")
    if key is not None:
        with _verified_lock:
            _verified[key] = path
    return path


def _page_number(number: str) -> int:
    if not number.isdigit() or len(number) > 6 or int(number) < 1:
        raise HTTPException(404, f"Sidan ”{number[:20]}” finns inte; sidor numreras från 1.")
    return int(number)


def _no_such_page(number: int) -> HTTPException:
    return HTTPException(404, f"Dokumentet har ingen sida {number}.")


def _scale(value: str) -> str:
    if value not in pdf_pages.SCALES:
        raise HTTPException(404, "Skalan finns inte; välj 1, 1.5 eller 2.")
    return value
