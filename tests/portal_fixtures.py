"""A municipal meeting portal served by a real HTTP server on 127.0.0.1, for the tests.

The pages are written for the tests in the shape Swedish meeting portals publish:
committees → meetings (newest first, paginated) → agenda items (§) → attached documents as
PDF and HTML. The server speaks real HTTP: ETag and Last-Modified with 304 answers, a
robots.txt, and faults switched on per path: 429 with Retry-After, 500, slow answers,
bodies cut short (Content-Length larger than what is sent), broken PDFs. Every request is
logged so the tests can see what the client actually sent.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.pdf_fixtures import municipal_pdf_bytes

ROBOTS_TXT = "User-agent: *\nDisallow: /intern/\n"

#: Committees: (slug, name).
COMMITTEES = (
    ("kommunstyrelsen", "Kommunstyrelsen"),
    ("tekniska-namnden", "Tekniska nämnden"),
    ("byggnadsnamnden", "Byggnadsnämnden"),
)

#: Meetings per committee, newest first, with their agenda: (number, title, attachments),
#: each attachment (path, title). Kommunstyrelsen's list runs over two pages.
MEETINGS: dict[str, list[tuple[str, list[tuple[str, str, list[tuple[str, str]]]]]]] = {
    "kommunstyrelsen": [
        (
            "2024-02-20",
            [
                (
                    "§ 12",
                    "Yttrande över remiss om ny avfallsplan",
                    [("/dokument/1012/tjansteskrivelse-avfallsplan.html", "Tjänsteskrivelse")],
                ),
                (
                    "§ 13",
                    "Modell för samverkansstöd",
                    [("/dokument/1013/samverkansstod.pdf", "Tjänsteskrivelse (PDF)")],
                ),
            ],
        ),
        (
            "2024-01-16",
            [
                (
                    "§ 3",
                    "Motion om cykelparkering vid stationen",
                    [("/dokument/1003/protokollsutdrag-cykelparkering.html", "Protokollsutdrag")],
                ),
            ],
        ),
        (
            "2023-12-12",
            [
                (
                    "§ 40",
                    "Budget 2024 för kommunstyrelsen",
                    [("/dokument/940/protokollsutdrag-budget.html", "Protokollsutdrag")],
                ),
            ],
        ),
    ],
    "tekniska-namnden": [
        (
            "2024-03-04",
            [
                (
                    "§ 7",
                    "Samverkansmodell för trygghet i Lindängen",
                    [("/dokument/2007/tjansteskrivelse-lindangen.html", "Tjänsteskrivelse")],
                ),
                (
                    "§ 8",
                    "Personalärende",
                    [("/intern/2008/personalarende.html", "Internt underlag")],
                ),
            ],
        ),
    ],
    "byggnadsnamnden": [
        (
            "2024-04-18",
            [
                (
                    "§ 93",
                    "Bygglov för nybyggnad av förskola, Kolla 3:12",
                    [("/dokument/3093/protokollsutdrag-bygglov.html", "Protokollsutdrag")],
                ),
            ],
        ),
    ],
}

#: Kommunstyrelsen shows this many meetings per page, so its list is paginated.
PAGE_SIZE = 2


def _html_page(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body>{body}</body></html>\n"
    ).encode()


_DOCUMENT_TEXTS = {
    "/dokument/1012/tjansteskrivelse-avfallsplan.html": (
        "Tjänsteskrivelse – Yttrande över remiss om ny avfallsplan",
        "<p>Kommunstyrelsen</p><p>Datum 2024-01-30</p><p>Diarienummer KS 2023/0412</p>"
        "<h1>Tjänsteskrivelse</h1><h2>Yttrande över remiss om ny avfallsplan</h2>"
        "<h3>Förslag till beslut</h3><p>Kommunstyrelsen föreslås besluta att lämna yttrande "
        "enligt förvaltningens förslag.</p><h3>Sammanfattning</h3><p>Tekniska nämnden har "
        "skickat förslaget till ny avfallsplan på remiss. Stadskontoret ser positivt på att "
        "matavfallet ska samlas in separat i hela kommunen från och med 2025.</p>",
    ),
    "/dokument/1003/protokollsutdrag-cykelparkering.html": (
        "Protokollsutdrag – Motion om cykelparkering",
        "<h1>Protokollsutdrag</h1><p>Kommunstyrelsen, sammanträdesdatum 2024-01-16</p>"
        "<h2>§ 3 Motion om cykelparkering vid stationen</h2><p>Diarienummer KS 2023/0377</p>"
        "<h3>Beslut</h3><p>Kommunstyrelsen föreslår kommunfullmäktige att bifalla motionen "
        "om fler säkra cykelparkeringar vid stationen.</p>",
    ),
    "/dokument/940/protokollsutdrag-budget.html": (
        "Protokollsutdrag – Budget 2024",
        "<h1>Protokollsutdrag</h1><p>Kommunstyrelsen, sammanträdesdatum 2023-12-12</p>"
        "<h2>§ 40 Budget 2024 för kommunstyrelsen</h2><p>Diarienummer KS 2023/0211</p>"
        "<h3>Beslut</h3><p>Kommunstyrelsen fastställer budget 2024 för kommunstyrelsen "
        "enligt stadskontorets förslag.</p>",
    ),
    "/dokument/2007/tjansteskrivelse-lindangen.html": (
        "Tjänsteskrivelse – Samverkansmodell för trygghet i Lindängen",
        "<p>Tekniska nämnden</p><p>Datum 2024-02-12</p><p>Diarienummer TN-2024-1021</p>"
        "<h1>Tjänsteskrivelse</h1><h2>Samverkansmodell för trygghet i Lindängen</h2>"
        "<h3>Förslag till beslut</h3><p>Tekniska nämnden föreslås besluta att godkänna "
        "samverkansmodellen för trygghet i Lindängen.</p><h3>Ärendet</h3><p>Fastighets- och "
        "gatukontoret har tillsammans med fastighetsägare tagit fram en modell för samverkan "
        "om belysning, städning och trygghetsvandringar.</p>",
    ),
    "/dokument/3093/protokollsutdrag-bygglov.html": (
        "Protokollsutdrag – Bygglov för förskola",
        "<h1>Protokollsutdrag</h1><p>Byggnadsnämnden, sammanträdesdatum 2024-04-18</p>"
        "<h2>§ 93 Bygglov för nybyggnad av förskola, Kolla 3:12</h2>"
        "<p>Diarienummer BN 2024/0093</p><h3>Beslut</h3><p>Byggnadsnämnden beviljar bygglov "
        "för nybyggnad av förskola med sex avdelningar.</p>",
    ),
    "/intern/2008/personalarende.html": (
        "Internt underlag",
        "<p>Internt underlag som inte publiceras.</p>",
    ),
}


@functools.cache
def _pdf(pages: int) -> bytes:
    return municipal_pdf_bytes(pages)


@dataclass
class Resource:
    body: bytes
    content_type: str
    last_modified: float = field(default_factory=lambda: time.time() - 86400)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'


@dataclass
class Fault:
    """Misbehaviour for one path: `kind` is status, slow, truncate or garbage."""

    kind: str
    status: int = 500
    times: int | None = None  # how many requests misbehave; None: all of them
    retry_after: str | None = None
    delay: float = 0.0
    served: int = 0


@dataclass
class LoggedRequest:
    path: str
    headers: dict[str, str]
    status: int
    at: float


def portal_pages() -> dict[str, Resource]:
    """Every page and attachment of the fixture portal, by path (with query)."""
    pages: dict[str, Resource] = {
        "/robots.txt": Resource(ROBOTS_TXT.encode(), "text/plain"),
    }
    links = "".join(
        f'<li><a class="committee" href="/organ/{slug}">{name}</a></li>'
        for slug, name in COMMITTEES
    )
    pages["/"] = Resource(
        _html_page("Sammanträden och protokoll", f"<h1>Nämnder</h1><ul>{links}</ul>"), "text/html"
    )
    for slug, name in COMMITTEES:
        meetings = MEETINGS[slug]
        chunks = [meetings[i : i + PAGE_SIZE] for i in range(0, len(meetings), PAGE_SIZE)]
        for number, chunk in enumerate(chunks, start=1):
            items = "".join(
                f'<li class="meeting"><a href="/organ/{slug}/moten/{day}">'
                f'<time datetime="{day}">{day}</time> Sammanträde</a></li>'
                for day, _ in chunk
            )
            nav = (
                f'<a rel="next" href="/organ/{slug}?sida={number + 1}">Äldre sammanträden</a>'
                if number < len(chunks)
                else ""
            )
            path = f"/organ/{slug}" + (f"?sida={number}" if number > 1 else "")
            pages[path] = Resource(
                _html_page(name, f'<h1>{name}</h1><ul class="meetings">{items}</ul>{nav}'),
                "text/html",
            )
        for day, agenda in meetings:
            items = ""
            for item_number, title, attachments in agenda:
                files = "".join(
                    f'<li><a class="attachment" href="{href}">{label}</a></li>'
                    for href, label in attachments
                )
                items += (
                    f'<li class="agenda-item"><span class="item-number">{item_number}</span>'
                    f'<h3 class="item-title">{title}</h3><ul>{files}</ul></li>'
                )
            pages[f"/organ/{slug}/moten/{day}"] = Resource(
                _html_page(
                    f"{name} {day}",
                    f"<h1>{name}, sammanträde {day}</h1>"
                    f'<h2>Föredragningslista</h2><ol class="agenda">{items}</ol>',
                ),
                "text/html",
            )
    for path, (title, body) in _DOCUMENT_TEXTS.items():
        pages[path] = Resource(_html_page(title, body), "text/html; charset=utf-8")
    pages["/dokument/1013/samverkansstod.pdf"] = Resource(_pdf(3), "application/pdf")
    pages["/arsredovisning-2023.pdf"] = Resource(_pdf(2), "application/pdf")
    return pages


#: The documents the crawl finds with no date range (robots.txt keeps /intern/ out).
PUBLIC_ATTACHMENTS = 6


class FixturePortal:
    """The portal on a free port of 127.0.0.1; use as a context manager."""

    def __init__(self) -> None:
        self.pages = portal_pages()
        self.faults: dict[str, Fault] = {}
        self.log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        # A client that gave up (timeout, broken body) leaves a broken pipe: not news here.
        self._server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> FixturePortal:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> FixturePortal:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def publish(self, path: str, body: bytes, content_type: str = "text/html") -> None:
        """Publish a new version of a page or attachment (new ETag and Last-Modified)."""
        self.pages[path] = Resource(body, content_type, last_modified=time.time())

    def requests_to(self, path: str) -> list[LoggedRequest]:
        with self._lock:
            return [r for r in self.log if r.path == path]

    def statuses(self) -> list[int]:
        with self._lock:
            return [r.status for r in self.log]

    def _record(self, path: str, headers: Any, status: int) -> None:
        with self._lock:
            self.log.append(LoggedRequest(path, dict(headers.items()), status, time.monotonic()))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                path = self.path
                fault = portal.faults.get(path)
                if fault is not None and (fault.times is None or fault.served < fault.times):
                    fault.served += 1
                    if self._misbehave(path, fault):
                        return
                resource = portal.pages.get(path)
                if resource is None:
                    self._send(path, 404, b"Sidan finns inte", "text/plain")
                    return
                if self._not_modified(resource):
                    portal._record(path, self.headers, 304)
                    self.send_response(304)
                    self.send_header("ETag", resource.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._send(path, 200, resource.body, resource.content_type, resource)

            def _not_modified(self, resource: Resource) -> bool:
                match = self.headers.get("If-None-Match")
                if match is not None:
                    return match == resource.etag
                since = self.headers.get("If-Modified-Since")
                if since:
                    try:
                        return parsedate_to_datetime(since).timestamp() >= int(
                            resource.last_modified
                        )
                    except (TypeError, ValueError):
                        return False
                return False

            def _send(
                self,
                path: str,
                status: int,
                body: bytes,
                content_type: str,
                resource: Resource | None = None,
                extra: dict[str, str] | None = None,
            ) -> None:
                portal._record(path, self.headers, status)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if resource is not None:
                    self.send_header("ETag", resource.etag)
                    self.send_header(
                        "Last-Modified", formatdate(resource.last_modified, usegmt=True)
                    )
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def _misbehave(self, path: str, fault: Fault) -> bool:
                """Answer badly; False when the fault only delays a normal answer."""
                if fault.kind == "slow":
                    time.sleep(fault.delay)
                    return False
                if fault.kind == "status":
                    extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                    self._send(
                        path, fault.status, b"Tillf\xc3\xa4lligt fel", "text/plain", extra=extra
                    )
                    return True
                if fault.kind == "truncate":
                    body = portal.pages[path].body
                    portal._record(path, self.headers, 200)
                    self.send_response(200)
                    self.send_header("Content-Type", portal.pages[path].content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return True
                if fault.kind == "garbage":
                    self._send(path, 200, b"%PDF-1.7\n" + bytes(range(256)) * 4, "application/pdf")
                    return True
                raise ValueError(f"unknown fault {fault.kind!r}")

        return Handler


@pytest.fixture
def portal() -> Iterator[FixturePortal]:
    with FixturePortal() as server:
        yield server
