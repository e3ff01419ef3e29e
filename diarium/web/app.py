"""The officers' web page and its JSON API (FastAPI, server-rendered Jinja2, read-only).

Pages (Swedish):  /  (search)   /arende/<case number>   /dokument/<id>   /dokument/<id>/original
API (JSON):       /api/search   /api/case/<case number>  /api/document/<id>   /openapi.json

A page and its API call run the same view function in `diarium.web.views`; the page only
adds a template. Errors are friendly Swedish pages (JSON under /api), never tracebacks.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import jinja2
from anyio import to_thread
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from diarium import settings
from diarium.archive import Archive
from diarium.record import Record
from diarium.web import labels, views
from diarium.web.highlight import highlight_text, trusted_snippet
from diarium.web.page_routes import add_page_routes
from diarium.web.version_list import document_versions
from diarium.web.watch_pages import add_watch_routes
from extractors.personal_data import mask_path, withheld_from_index
from search import SearchError
from search.query import canonical_committee

log = logging.getLogger("diarium.web")

HERE = Path(__file__).resolve().parent
SECURITY_HEADERS = {
    # No inline script or style anywhere, so the browser may refuse all of it.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
FIELD_LABELS = {
    "q": "Sökfrågan",
    "type": "Dokumenttyp",
    "committee": "Nämnd",
    "year": "År",
    "sort": "Sortering",
    "page": "Sida",
    "size": "Träffar per sida",
}
EMBEDDED_ENGINE = "tantivy"
STATUS_TITLES = {
    400: "Felaktig begäran",
    404: "Sidan finns inte",
    405: "Det går inte att göra så här",
    410: "Originalet går inte att hämta",
    422: "Sökningen går inte att göra",
    500: "Något gick fel",
    503: "Sökningen är inte tillgänglig just nu",
}


def create_app_from_env() -> FastAPI:
    """The application over the existing archive at $DIARIUM_HOME: the factory each of
    `diarium serve --workers N`'s processes calls (uvicorn starts several workers only from
    an import string, never from an application object). Never creates an archive."""
    return create_app(Archive.existing())


def create_app(archive: Archive | None = None, backend_kind: str | None = None) -> FastAPI:
    """The application over `archive` (default: $DIARIUM_HOME), searching with `backend_kind`."""
    archive = archive or Archive.open()
    kind = backend_kind or settings.search_backend()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Before the first request rather than during it: the server accepts connections
        # only after this, so no officer waits on the archive's vocabulary for "Menade
        # du …?" (every record is read) and each of `--workers` processes starts warm.
        await run_in_threadpool(site.warm)
        if kind == EMBEDDED_ENGINE:
            # The embedded engine searches on this process's CPU, under the GIL: threads
            # add no throughput, they only share the core, so that 20 concurrent requests
            # all finish late together. One at a time they finish in turn (p95 under 20
            # clients 89-111 -> 65-74 ms); more processes (`--workers`) add the cores.
            # Meilisearch keeps the default threads: there a request waits on the network.
            to_thread.current_default_thread_limiter().total_tokens = 1
        yield
        site.close()

    site = views.Site.open(archive, kind)
    app = FastAPI(
        title="Diarium",
        summary="Sök i kommunala handlingar: fulltext, ärenden och dokument.",
        version="0.1.0",
        # The interactive docs pages load scripts from a CDN; the schema itself is served.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.site = site
    templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_handlers(app, templates)

    _add_pages(app, site, templates)
    add_watch_routes(app, site, templates)
    add_page_routes(app, site, templates)
    _add_api(app, site)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app


class SecurityHeaders:
    """SECURITY_HEADERS on every answer (unless the answer sets one itself), as plain ASGI
    middleware: `@app.middleware("http")` wraps each request in a task and a stream, which
    cost more than the search on a small archive under 20 concurrent clients."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)


class HeadAsGet:
    """HEAD answered as GET without the body (RFC 9110 §9.3.2): link checkers, monitors
    and caches ask with HEAD, and every route here is read-only."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Any) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def _templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every value is escaped unless it is explicitly Markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates ship with the code and change only with a new server: without this,
        # Jinja stats each template file on every use, some 25 times per search page (the
        # facet items are an include in a loop).
        auto_reload=False,
    )
    environment.globals.update(
        labels=labels,
        doc_type_label=labels.doc_type_label,
        capitalized=labels.capitalized,
        lookup=labels.lookup,
        case_url=views.case_url,
        document_url=views.document_url,
        snippet=trusted_snippet,
        max_query_chars=views.MAX_QUERY_CHARS,
    )
    return Jinja2Templates(env=environment)


# -- parameters shared by the search page and /api/search ------------------------------------


async def search_params(
    q: Annotated[
        str, Query(max_length=views.MAX_QUERY_CHARS, description="Ord, fraser eller diarienummer")
    ] = "",
    doc_type: Annotated[
        str | None, Query(alias="type", max_length=100, description="Dokumenttyp")
    ] = None,
    committee: Annotated[str | None, Query(max_length=200, description="Nämnd")] = None,
    year: Annotated[int | None, Query(ge=1000, le=9999, description="År")] = None,
    sort: Annotated[views.Sort, Query(description="relevance eller date")] = "relevance",
    page: Annotated[int, Query(ge=1, le=views.MAX_PAGE)] = 1,
    size: Annotated[int, Query(ge=1, le=views.MAX_PAGE_SIZE)] = views.DEFAULT_PAGE_SIZE,
) -> views.SearchParams:
    # async although it awaits nothing: FastAPI runs a plain `def` dependency in its thread
    # pool, a second hop per request on top of the view's (the view itself stays `def`, as
    # a search may wait on a Meilisearch server).
    return views.SearchParams(
        q=q.strip(),
        doc_type=_filter_value(doc_type),
        # "KS", "Kommunstyrelsen" and "kommunstyrelsens" filter like the facet's value.
        committee=canonical_committee(committee),
        year=year,
        sort=sort,
        page=page,
        size=size,
    )


def _filter_value(value: str | None) -> str | None:
    """Facet values are stored in lower case; an empty value is no filter."""
    cleaned = (value or "").strip().lower()
    return cleaned or None


SearchParamsDependency = Annotated[views.SearchParams, Depends(search_params)]


# -- pages -----------------------------------------------------------------------------------


def _add_pages(app: FastAPI, site: views.Site, templates: Jinja2Templates) -> None:
    @app.get("/", include_in_schema=False)
    def search_page(request: Request, params: SearchParamsDependency) -> Response:
        result = views.search(site, params)
        return templates.TemplateResponse(
            request, "search.html", {"params": params, "result": result}
        )

    @app.get("/arende/{case_number:path}", include_in_schema=False)
    def case_page(request: Request, case_number: str) -> Response:
        normalized = _canonical_case(case_number)
        if normalized != case_number:
            return RedirectResponse(views.case_url(normalized), status_code=308)
        found = views.case(site, normalized)
        if found is None:
            raise HTTPException(404, f"Inga dokument i arkivet har diarienumret {normalized}.")
        return templates.TemplateResponse(request, "case.html", {"case": found})

    @app.get("/dokument/{doc_id}", include_in_schema=False)
    def document_page(
        request: Request,
        doc_id: str,
        q: Annotated[str, Query(max_length=views.MAX_QUERY_CHARS)] = "",
    ) -> Response:
        found = views.document(site, doc_id)
        if found is None:
            raise HTTPException(404, "Dokumentet finns inte i arkivet.")
        record = site.record(doc_id)
        assert record is not None  # views.document found it
        _refuse_secret(record)
        ranges = views.text_highlights(found.text, record, q)
        return templates.TemplateResponse(
            request,
            "document.html",
            {
                "versions": document_versions(site.archive, doc_id),
                "doc": found,
                "query": q.strip(),
                "text_html": highlight_text(found.text, ranges),
                "highlights": len(ranges),
            },
        )

    @app.get("/dokument/{doc_id}/original", include_in_schema=False)
    def original(doc_id: str) -> Response:
        record = site.record(doc_id)
        if record is not None and withholds_original(record):
            # The file itself is untouched at ingestion: serving it would undo the masking.
            raise HTTPException(
                403,
                "Originalet innehåller personuppgifter eller sekretessuppgifter och lämnas "
                "inte ut här; den maskerade texten visas på dokumentsidan.",
            )
        try:
            path = views.original_path(site, doc_id)
        except views.OriginalUnavailable as problem:
            raise HTTPException(410, str(problem)) from problem
        if path is None:
            raise HTTPException(404, "Dokumentet finns inte i arkivet.")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # The download's name is the file's, with a personnummer in it masked.
        return FileResponse(path, media_type=media_type, filename=mask_path(path.name))


def _refuse_secret(record: Record) -> None:
    """A document secret under OSL as a whole is not in the index, and not shown either."""
    if withheld_from_index(record, settings.masking_policy()):
        raise HTTPException(
            403, "Dokumentet är sekretessmarkerat enligt OSL och visas inte i Diarium."
        )


def withholds_original(record: Record) -> bool:
    """Whether ingestion masked or withheld anything in the document (see
    `extractors.personal_data`); masks already present in the source do not count."""
    masked = any(n for kind, n in (record.get("masking") or {}).items() if kind != "existing_mask")
    return masked or bool(record.get("secrecy"))


def _canonical_case(case_number: str) -> str:
    normalized = views.canonical_case_number(case_number)
    if normalized is None:
        raise HTTPException(
            404, f"”{case_number}” är inget diarienummer (till exempel TN-2019-3825)."
        )
    return normalized


# -- JSON API --------------------------------------------------------------------------------


class ApiError(BaseModel):
    """An error of the API: one Swedish sentence for whoever reads it."""

    detail: str


#: Documented answers besides 200, so that a client generated from /openapi.json knows them.
NOT_FOUND_CASE: dict[int | str, dict[str, Any]] = {
    404: {
        "model": ApiError,
        "description": "Inget diarienummer, eller inga dokument i arkivet med det numret.",
    }
}
NOT_FOUND_DOCUMENT: dict[int | str, dict[str, Any]] = {
    404: {"model": ApiError, "description": "Dokumentet finns inte i arkivet."},
    403: {"model": ApiError, "description": "Dokumentet är sekretessmarkerat enligt OSL."},
}


def _add_api(app: FastAPI, site: views.Site) -> None:
    @app.get("/api/search", response_model=views.SearchResponse, tags=["api"])
    def api_search(params: SearchParamsDependency) -> views.SearchResponse:
        """Full-text search with filters, facets, sorting, pages and a spelling suggestion."""
        return views.search(site, params)

    @app.get(
        "/api/case/{case_number:path}",
        response_model=views.CaseResponse,
        tags=["api"],
        responses=NOT_FOUND_CASE,
    )
    def api_case(case_number: str) -> views.CaseResponse:
        """Every document of a case (any written form of its number), in date order."""
        found = views.case(site, _canonical_case(case_number))
        if found is None:
            raise HTTPException(404, "Inga dokument i arkivet har det diarienumret.")
        return found

    @app.get(
        "/api/document/{doc_id}",
        response_model=views.DocumentResponse,
        tags=["api"],
        responses=NOT_FOUND_DOCUMENT,
    )
    def api_document(doc_id: str) -> views.DocumentResponse:
        """A document's metadata, extraction, full text and related documents."""
        found = views.document(site, doc_id)
        if found is None:
            raise HTTPException(404, "Dokumentet finns inte i arkivet.")
        record = site.record(doc_id)
        assert record is not None  # views.document found it
        _refuse_secret(record)
        return found


# -- errors ----------------------------------------------------------------------------------


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error_page(
    request: Request,
    templates: Jinja2Templates,
    status: int,
    message: str,
    problems: list[str] | None = None,
) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    return templates.TemplateResponse(
        request,
        "error.html",
        {
            "title": STATUS_TITLES.get(status, "Något gick fel"),
            "message": message,
            "problems": problems or [],
            "status": status,
        },
        status_code=status,
    )


def _problem(error: dict[str, Any]) -> str:
    """One validation error in Swedish: which field, and what is wrong with it."""
    location = error.get("loc", ())
    field = FIELD_LABELS.get(str(location[-1]) if location else "", "Ett värde")
    context = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "string_too_long":
        return f"{field} är för lång (högst {context.get('max_length')} tecken)."
    if kind == "less_than_equal":
        return f"{field} får vara högst {context.get('le')}."
    if kind == "greater_than_equal":
        return f"{field} måste vara minst {context.get('ge')}."
    if kind in ("int_parsing", "int_type"):
        return f"{field} måste vara ett heltal."
    if kind == "literal_error":
        return f"{field} måste vara ett av: {context.get('expected')}."
    return f"{field} har ett ogiltigt värde."


def _add_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) else ""
        if error.status_code == 404 and (not message or message == "Not Found"):
            message = "Det finns ingen sida på den här adressen."
        elif error.status_code == 405:
            message = "Sidan går bara att läsa, inte ändra."
        response = _error_page(request, templates, error.status_code, message)
        # Starlette's own headers (Allow on a 405, as RFC 9110 requires) stay on the answer.
        for name, value in (error.headers or {}).items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [_problem(e) for e in error.errors()]
        if _is_api(request):
            return JSONResponse(
                {
                    "detail": [
                        {"loc": e.get("loc"), "msg": p, "type": e.get("type")}
                        for e, p in zip(error.errors(), problems, strict=True)
                    ]
                },
                status_code=422,
            )
        return _error_page(request, templates, 422, "Ändra sökningen och försök igen.", problems)

    @app.exception_handler(SearchError)
    async def search_unavailable(request: Request, error: SearchError) -> Response:
        log.error("search failed: %s", error)
        return _error_page(
            request, templates, 503, "Sökmotorn svarar inte. Försök igen om en stund."
        )

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> Response:
        # The traceback goes to the server log; the visitor gets a page without internals.
        log.exception("unhandled error on %s", request.url.path, exc_info=error)
        return _error_page(
            request,
            templates,
            500,
            "Ett oväntat fel inträffade. Felet är loggat; försök igen eller kontakta "
            "den som förvaltar Diarium.",
        )
