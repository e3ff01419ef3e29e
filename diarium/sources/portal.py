"""A meeting portal: committees → meetings → agenda items → attached documents.

Swedish municipalities publish their committees' meetings on portals (Meetings Plus,
Netpublicator, Ciceron and home-made sites) that share one shape: a page listing the
committees (nämnder), a page per committee listing its meetings (sammanträden) newest
first, often paginated, and a page per meeting with the agenda (föredragningslista): numbered
items (ärenden, §), each with a title and attached documents (tjänsteskrivelse, protokoll,
beslut) as PDF or HTML. `PortalLayout` names the CSS selectors of that shape; the defaults
fit the markup below, and a portal with other markup needs only other selectors::

    start page:     <a class="committee" href="/organ/ks">Kommunstyrelsen</a>
    committee page: <li class="meeting"><a href="..."><time datetime="2024-02-20">…</time></a></li>
                    <a rel="next" href="?sida=2">Äldre</a>
    meeting page:   <li class="agenda-item"><span class="item-number">§ 12</span>
                      <h3 class="item-title">Yttrande över …</h3>
                      <a class="attachment" href="/dokument/4711/tjansteskrivelse.pdf">Tjänsteskrivelse</a>

The crawl only lists; downloading the attachments is the planner's job (`diarium.ingest`),
so that a listing is cheap to repeat and a backfill over a date range walks only the
meetings inside the range.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from diarium.sources.http import (
    DisallowedByRobots,
    FetchError,
    HttpCache,
    PoliteClient,
    SourceUnreachable,
    canonical_url,
)
from diarium.sources.remote import RemoteDocument
from extractors.dates import find_raw_dates

#: Pagination is followed this far at most: a safeguard against a portal whose "next" link
#: never ends (some repeat the last page forever).
MAX_PAGES_PER_COMMITTEE = 100
_NUMBER = re.compile(r"\d+(?:\s*[a-z])?", re.IGNORECASE)


@dataclass(frozen=True)
class PortalLayout:
    """CSS selectors for the parts of a meeting portal (selectolax syntax)."""

    committee_link: str = "a.committee"
    meeting: str = ".meeting"
    meeting_link: str = "a"
    meeting_date: str = "time"
    next_page: str = "a[rel=next]"
    agenda_item: str = ".agenda-item"
    item_number: str = ".item-number"
    item_title: str = ".item-title"
    attachment_link: str = "a.attachment"


@dataclass
class CrawlReport:
    documents: list[RemoteDocument] = field(default_factory=list)
    committees: int = 0
    meetings: int = 0
    meetings_outside_range: int = 0
    pages: int = 0
    #: Listing pages that failed (URL: reason); the documents behind them are not seen tonight.
    listing_errors: list[str] = field(default_factory=list)
    #: URLs robots.txt forbids; we do not fetch them.
    disallowed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Meeting:
    committee: str
    url: str
    date: str | None


def crawl(
    client: PoliteClient,
    start_url: str,
    *,
    cache: HttpCache | None = None,
    meeting_from: date | None = None,
    meeting_to: date | None = None,
    committees: Sequence[str] = (),
    layout: PortalLayout | None = None,
) -> CrawlReport:
    """List the attachments of the meetings between `meeting_from` and `meeting_to`.

    `committees` restricts the crawl to committees whose name or URL contains one of the
    given words (case-insensitive). Raises `SourceUnreachable` when the portal cannot be
    read at all (start page down, or every committee page failing); a single failing page
    is reported in `listing_errors` and the crawl goes on.
    """
    layout = layout or PortalLayout()
    report = CrawlReport()
    try:
        start = _page(client, start_url, cache, report)
    except DisallowedByRobots as error:
        raise SourceUnreachable(f"robots.txt forbids the portal start page {start_url}") from error
    except FetchError as error:
        raise SourceUnreachable(f"portal start page {start_url}: {error.reason}") from error
    listed = _links(start, layout.committee_link, start_url)
    wanted = [(name, url) for name, url in listed if _wanted(name, url, committees)]
    report.committees = len(wanted)
    failed_committees = 0
    for name, url in wanted:
        meetings, ok = _meetings(client, name, url, cache, layout, meeting_from, meeting_to, report)
        failed_committees += 0 if ok else 1
        for meeting in meetings:
            _agenda(client, meeting, cache, layout, report)
    if wanted and failed_committees == len(wanted):
        raise SourceUnreachable(
            f"no committee page of {start_url} could be read: {'; '.join(report.listing_errors[:3])}"
        )
    return report


def _wanted(name: str, url: str, committees: Sequence[str]) -> bool:
    if not committees:
        return True
    haystack = f"{name} {url}".lower()
    return any(word.lower() in haystack for word in committees)


def _page(
    client: PoliteClient, url: str, cache: HttpCache | None, report: CrawlReport
) -> HTMLParser:
    key = "page-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16] if cache else None
    body = client.page(url, cache=cache, key=key)
    report.pages += 1
    return HTMLParser(body.decode("utf-8", errors="replace"))


def _join(base: str, href: str) -> str:
    # httpx's joining (RFC 3986, with its normalisation), as the fetches see URLs; imported
    # here so that a run of local files, which imports this module, does not import httpx.
    import httpx

    return str(httpx.URL(base).join(href))


def _links(tree: HTMLParser | Node, selector: str, base: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for node in tree.css(selector):
        href = node.attributes.get("href")
        if href:
            out.append((_text(node), _join(base, href)))
    return out


def _text(node: Node | None) -> str:
    return " ".join(node.text(separator=" ").split()) if node is not None else ""


def _meetings(
    client: PoliteClient,
    committee: str,
    url: str,
    cache: HttpCache | None,
    layout: PortalLayout,
    meeting_from: date | None,
    meeting_to: date | None,
    report: CrawlReport,
) -> tuple[list[_Meeting], bool]:
    """The committee's meetings inside the range, following pagination; (meetings, page ok)."""
    found: list[_Meeting] = []
    page_url: str | None = url
    visited: set[str] = set()
    while page_url and page_url not in visited and len(visited) < MAX_PAGES_PER_COMMITTEE:
        visited.add(page_url)
        try:
            tree = _page(client, page_url, cache, report)
        except FetchError as error:
            report.listing_errors.append(f"{page_url}: {error.reason}")
            if isinstance(error, DisallowedByRobots):
                report.disallowed.append(page_url)
            return found, bool(visited - {page_url})
        dates_on_page: list[date] = []
        for node in tree.css(layout.meeting):
            link = node.css_first(layout.meeting_link) if layout.meeting_link else node
            href = link.attributes.get("href") if link is not None else None
            if not href:
                continue
            when = _meeting_date(node, layout)
            if when is not None:
                dates_on_page.append(when)
            report.meetings += 1
            if when is not None and (
                (meeting_from and when < meeting_from) or (meeting_to and when > meeting_to)
            ):
                report.meetings_outside_range += 1
                continue
            found.append(
                _Meeting(
                    committee,
                    _join(page_url, href),
                    when.isoformat() if when else None,
                )
            )
        # Portals list meetings newest first: once a whole page is older than the range,
        # the pages after it are too.
        newest_first = dates_on_page == sorted(dates_on_page, reverse=True)
        if meeting_from and dates_on_page and newest_first and max(dates_on_page) < meeting_from:
            break
        next_link = tree.css_first(layout.next_page)
        href = next_link.attributes.get("href") if next_link is not None else None
        page_url = _join(page_url, href) if href else None
    return found, True


def _meeting_date(node: Node, layout: PortalLayout) -> date | None:
    time_node = node.css_first(layout.meeting_date) if layout.meeting_date else None
    candidates = []
    if time_node is not None:
        candidates += [time_node.attributes.get("datetime") or "", _text(time_node)]
    candidates.append(_text(node))
    for text in candidates:
        for raw in find_raw_dates(text):
            if raw.kind == "date" and raw.year is not None:
                try:
                    return date(raw.year, raw.month, raw.day)
                except ValueError:
                    continue
    return None


def _agenda(
    client: PoliteClient,
    meeting: _Meeting,
    cache: HttpCache | None,
    layout: PortalLayout,
    report: CrawlReport,
) -> None:
    try:
        tree = _page(client, meeting.url, cache, report)
    except FetchError as error:
        report.listing_errors.append(f"{meeting.url}: {error.reason}")
        if isinstance(error, DisallowedByRobots):
            report.disallowed.append(meeting.url)
        return
    seen = {doc.url for doc in report.documents}
    for item in tree.css(layout.agenda_item):
        number_text = _text(item.css_first(layout.item_number))
        number = _NUMBER.search(number_text)
        title = _text(item.css_first(layout.item_title)) or None
        for attachment_title, href in _links(item, layout.attachment_link, meeting.url):
            url = canonical_url(href)
            if url in seen:  # the same attachment under two items: keep the first
                continue
            seen.add(url)
            try:
                client.check_robots(url)
            except DisallowedByRobots:
                report.disallowed.append(url)
                continue
            metadata: dict[str, Any] = {
                "kind": "meeting_portal",
                "committee": meeting.committee,
                "meeting_date": meeting.date,
                "meeting_url": meeting.url,
                "item_number": number.group(0) if number else (number_text or None),
                "item_title": title,
                "attachment_title": attachment_title or None,
                "url": href,
            }
            report.documents.append(RemoteDocument(url, metadata))
