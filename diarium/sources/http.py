"""A polite HTTP client for municipal web sites: rate limit, retries, robots.txt, caching.

Municipal portals are small servers run by small IT departments; a nightly crawl must not
be the reason they page someone. So every request to a host waits its turn
(`min_interval`, or the site's `Crawl-delay` when longer), 429 and 5xx answers and
timeouts are retried with exponential backoff (honouring `Retry-After`), robots.txt is
obeyed (RFC 9309: a 4xx robots.txt allows everything, an unreachable one forbids
everything), and pages and documents are re-fetched conditionally (ETag /
Last-Modified), so an unchanged document costs one 304.

Errors come in two kinds, because they call for different reactions:

- `FetchError`: one URL failed (404, persistent 500, broken body, timeout). The document
  gets a failed record with the reason; the run goes on.
- `SourceUnreachable`: the host cannot be reached at all (connection refused, DNS,
  robots.txt unreachable). Nothing of the source can be read; the run fails loudly.

Plain Python with httpx: no Dagster here. httpx is imported by the functions that use it, not
with the module: every run imports this module (the resources' settings), and a run of local
files has no use for an HTTP client (a tenth of a second of its start-up).
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import re
import tempfile
import threading
import time
import urllib.robotparser
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diarium.archive import sweep_partial_writes, write_atomic

if TYPE_CHECKING:
    import httpx

DEFAULT_USER_AGENT = "Diarium/0.1 (archive of municipal documents; nightly crawl)"
#: Statuses worth asking again: rate limited, or the server is having a bad moment.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Query parameters that only track visitors and never change the document.
TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid)$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")
_CHUNK = 256 * 1024


class SourceUnreachable(RuntimeError):
    """A whole source is down or forbids us: a systemic error that must fail the run."""


class FetchError(Exception):
    """One URL could not be fetched; `reason` is written to the document's record."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class DisallowedByRobots(FetchError):
    """robots.txt forbids the URL for our user agent."""


@dataclass(frozen=True)
class HttpSettings:
    user_agent: str = DEFAULT_USER_AGENT
    #: Seconds between two requests to the same host (raised to the site's Crawl-delay).
    min_interval: float = 1.0
    timeout: float = 30.0
    #: Attempts per URL, counting the first one.
    max_attempts: int = 4
    #: First backoff in seconds, doubled on each further attempt.
    backoff: float = 1.0
    #: The longest wait (Retry-After or backoff) accepted before giving up on a URL.
    max_wait: float = 120.0
    max_bytes: int = 200 * 1024 * 1024
    respect_robots: bool = True
    #: Extra headers for every request, e.g. an Authorization header built from a secret.
    headers: Mapping[str, str] = field(default_factory=dict)


def canonical_url(url: str) -> str:
    """The form of `url` that names a document: the basis of its stable id.

    Scheme and host lower-cased, default port and fragment dropped, dot segments resolved,
    percent escapes upper-cased, tracking parameters dropped and the query sorted, so that
    the same attachment linked in two ways is one document.

    >>> canonical_url("HTTP://Portal.Example.se:80/a/./b/../fil%c3%a5.pdf?b=2&a=1&utm_source=x#p2")
    'http://portal.example.se/a/fil%C3%A5.pdf?a=1&b=2'
    """
    import httpx

    parsed = httpx.URL(url)
    if parsed.scheme not in _DEFAULT_PORTS or not parsed.host:
        raise ValueError(f"not an http(s) URL: {url!r}")
    port = "" if parsed.port in (None, _DEFAULT_PORTS[parsed.scheme]) else f":{parsed.port}"
    path = _PERCENT.sub(lambda m: m.group(0).upper(), parsed.raw_path.decode("ascii").split("?")[0])
    params: list[tuple[str, str | int | float | bool | None]] = sorted(
        (key, value) for key, value in parsed.params.multi_items() if not TRACKING_PARAMS.match(key)
    )
    query = "?" + str(httpx.QueryParams(params)) if params else ""
    return f"{parsed.scheme}://{parsed.host}{port}{path or '/'}{query}"


@dataclass
class CacheEntry:
    """What we know about a URL from the last fetch: validators and the stored body."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    sha256: str | None = None
    size: int | None = None
    body: str | None = None  # file name of the body, next to the entry
    fetched_at: str | None = None


class HttpCache:
    """Bodies and validators of fetched URLs, one folder per URL under `root`.

    The body is replaced first and the entry after it, both atomically: a crash in between
    leaves old validators with a new body, which costs one unconditional download, never a
    wrong "unchanged".
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, key: str) -> Path:
        return self.root / key

    def get(self, key: str) -> CacheEntry | None:
        try:
            data = json.loads((self.folder(key) / "entry.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        entry = CacheEntry(**data)
        if entry.body and not (self.folder(key) / entry.body).is_file():
            return None
        return entry

    def body_path(self, key: str, entry: CacheEntry) -> Path | None:
        return self.folder(key) / entry.body if entry.body else None

    def put(self, key: str, entry: CacheEntry) -> None:
        payload = json.dumps(asdict(entry), ensure_ascii=False).encode("utf-8")
        write_atomic(self.folder(key) / "entry.json", payload, suffix=".part")

    def clean_partial(self) -> int:
        """Remove temporary files a killed download left behind."""
        return sum(
            sweep_partial_writes(folder, suffix=".part")
            for folder in (self.root.iterdir() if self.root.is_dir() else ())
            if folder.is_dir()
        )


@dataclass
class Fetched:
    url: str
    status: int  # 200, or 304 when the cached copy is still current
    path: Path | None  # the body on disk (documents), or None for pages held in memory
    content: bytes | None
    sha256: str | None
    size: int | None
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class PoliteClient:
    """An httpx client that waits its turn per host, retries, obeys robots.txt and caches."""

    def __init__(self, settings: HttpSettings | None = None) -> None:
        import httpx

        self.settings = settings or HttpSettings()
        self._client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent, **dict(self.settings.headers)},
            timeout=self.settings.timeout,
            follow_redirects=True,
        )
        self._next_turn: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        #: Per-host interval from robots.txt Crawl-delay, when longer than ours.
        self._host_interval: dict[str, float] = {}
        self._lock = threading.Lock()
        self.requests = 0

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- public --------------------------------------------------------------------------

    def page(self, url: str, cache: HttpCache | None = None, key: str | None = None) -> bytes:
        """The body of a listing page, fetched conditionally against `cache` when given."""
        fetched = self.fetch(url, cache=cache, key=key)
        if fetched.content is not None:
            return fetched.content
        assert fetched.path is not None
        return fetched.path.read_bytes()

    def fetch(
        self,
        url: str,
        *,
        cache: HttpCache | None = None,
        key: str | None = None,
        filename: str | None = None,
        conditional: bool = True,
    ) -> Fetched:
        """GET `url`; with a cache, conditionally, keeping the body on disk under `key`.

        Raises `DisallowedByRobots` or `FetchError` for this URL, `SourceUnreachable` when
        its host cannot be reached at all.
        """
        self.check_robots(url)
        entry = cache.get(key) if cache is not None and key else None
        headers: dict[str, str] = {}
        if entry is not None and conditional:
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        if cache is None or key is None:
            status, content, response_headers = self._get(url, headers, None)
            return Fetched(
                url,
                status,
                None,
                content,
                _sha(content),
                len(content),
                *_validators(response_headers),
            )
        folder = cache.folder(key)
        folder.mkdir(parents=True, exist_ok=True)
        status, download, response_headers = self._get(url, headers, folder)
        if status == 304:
            if entry is None:
                raise FetchError(url, "HTTP 304 to an unconditional request", 304)
            path = cache.body_path(key, entry)
            return Fetched(
                url,
                304,
                path,
                None,
                entry.sha256,
                entry.size,
                entry.content_type,
                entry.etag,
                entry.last_modified,
            )
        assert download is not None
        content_type, etag, last_modified = _validators(response_headers)
        name = filename or _filename(url, content_type)
        target = folder / name
        os.replace(download.path, target)
        if entry is not None and entry.body and entry.body != name:
            (folder / entry.body).unlink(missing_ok=True)
        cache.put(
            key,
            CacheEntry(
                url=url,
                etag=etag,
                last_modified=last_modified,
                content_type=content_type,
                sha256=download.sha256,
                size=download.size,
                body=name,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        return Fetched(
            url,
            200,
            target,
            None,
            download.sha256,
            download.size,
            content_type,
            etag,
            last_modified,
        )

    def check_robots(self, url: str) -> None:
        if not self.settings.respect_robots:
            return
        parser = self._robots_for(url)
        if parser is not None and not parser.can_fetch(self.settings.user_agent, url):
            raise DisallowedByRobots(url, "disallowed by robots.txt")

    # -- internals -----------------------------------------------------------------------

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        import httpx

        parsed = httpx.URL(url)
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        if origin in self._robots:
            return self._robots[origin]
        robots_url = f"{origin}/robots.txt"
        try:
            _, content, _ = self._get(robots_url, {}, None)
        except FetchError as error:
            if error.status is not None and 400 <= error.status < 500:
                parser = None  # RFC 9309 §2.3.1.3: "unavailable" means no restrictions
            else:
                # RFC 9309 §2.3.1.4: an unreachable robots.txt means complete disallow.
                raise SourceUnreachable(
                    f"{robots_url} is unreachable ({error.reason}); robots.txt rules forbid "
                    "crawling a site whose robots.txt cannot be read"
                ) from error
        else:
            parser = urllib.robotparser.RobotFileParser(robots_url)
            parser.parse(content.decode("utf-8", errors="replace").splitlines())
            delay = parser.crawl_delay(self.settings.user_agent)
            if delay:
                self._host_interval[parsed.host] = float(delay)
        self._robots[origin] = parser
        return parser

    def _wait_turn(self, host: str) -> None:
        interval = max(self.settings.min_interval, self._host_interval.get(host, 0.0))
        with self._lock:
            now = time.monotonic()
            turn = max(now, self._next_turn.get(host, now))
            self._next_turn[host] = turn + interval
        if turn > now:
            time.sleep(turn - now)

    def _get(
        self, url: str, headers: dict[str, str], folder: Path | None
    ) -> tuple[int, Any, httpx.Headers]:
        """One GET with retries; the body goes to memory (`folder` None) or a temp file."""
        import httpx

        settings = self.settings
        host = httpx.URL(url).host
        last_reason = "no attempt made"
        last_status: int | None = None
        unreachable = False
        for attempt in range(1, settings.max_attempts + 1):
            self._wait_turn(host)
            wait = settings.backoff * 2 ** (attempt - 1)
            self.requests += 1
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    last_status = response.status_code
                    if response.status_code == 304:
                        return 304, None, response.headers
                    if response.status_code in RETRY_STATUSES:
                        last_reason = f"HTTP {response.status_code}"
                        wait = max(wait, _retry_after(response.headers) or 0.0)
                        if wait > settings.max_wait:
                            raise FetchError(
                                url,
                                f"HTTP {response.status_code}, asked to wait {wait:.0f} s "
                                f"(more than the {settings.max_wait:.0f} s we accept)",
                                response.status_code,
                            )
                    elif response.status_code >= 400:
                        raise FetchError(
                            url,
                            f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                            response.status_code,
                        )
                    else:
                        body = self._read_body(url, response, folder)
                        return response.status_code, body, response.headers
                unreachable = False
            except httpx.ConnectError as error:
                last_reason, last_status, unreachable = f"cannot connect: {error}", None, True
            except httpx.TimeoutException:
                last_reason, last_status = f"timed out after {settings.timeout:g} s", None
                unreachable = False
            except httpx.TransportError as error:
                # A body cut short, a reset connection: worth another attempt.
                last_reason, last_status = f"broken response: {error}", None
                unreachable = False
            if attempt < settings.max_attempts:
                time.sleep(min(wait, settings.max_wait))
        if unreachable:
            raise SourceUnreachable(
                f"{host} unreachable after {settings.max_attempts} attempts: {last_reason}"
            )
        raise FetchError(
            url, f"{last_reason} (after {settings.max_attempts} attempts)", last_status
        )

    def _read_body(self, url: str, response: httpx.Response, folder: Path | None) -> Any:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.settings.max_bytes:
            raise FetchError(
                url, f"document is {declared} bytes, above the limit", response.status_code
            )
        digest = hashlib.sha256()
        size = 0
        if folder is None:
            chunks: list[bytes] = []
            for chunk in response.iter_bytes(_CHUNK):
                size += len(chunk)
                self._check_size(url, size)
                chunks.append(chunk)
            return b"".join(chunks)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".download.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in response.iter_bytes(_CHUNK):
                    size += len(chunk)
                    self._check_size(url, size)
                    digest.update(chunk)
                    handle.write(chunk)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return _Download(Path(tmp), digest.hexdigest(), size)

    def _check_size(self, url: str, size: int) -> None:
        if size > self.settings.max_bytes:
            raise FetchError(url, f"document larger than {self.settings.max_bytes} bytes")


@dataclass(frozen=True)
class _Download:
    path: Path
    sha256: str
    size: int


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _validators(headers: httpx.Headers) -> tuple[str | None, str | None, str | None]:
    content_type = headers.get("Content-Type")
    return (
        content_type.split(";")[0].strip().lower() if content_type else None,
        headers.get("ETag"),
        headers.get("Last-Modified"),
    )


def _retry_after(headers: httpx.Headers) -> float | None:
    """Retry-After in seconds: either a number of seconds or an HTTP date."""
    value = headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


_EXTENSIONS = {
    "application/pdf": ".pdf",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _filename(url: str, content_type: str | None) -> str:
    """A file name for a downloaded body: the URL's last segment, with a known suffix."""
    from urllib.parse import unquote

    import httpx

    last = unquote(httpx.URL(url).path.rstrip("/").rsplit("/", 1)[-1])
    stem, dot, suffix = last.rpartition(".")
    name = _SAFE_NAME.sub("_", last).strip("._") or "document"
    known = f".{suffix.lower()}" if dot and stem else ""
    if known not in _EXTENSIONS.values():
        name += _EXTENSIONS.get(content_type or "", "")
    return name[:120]
