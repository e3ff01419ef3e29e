"""Each source's plan for a run: what it holds now, compared with the archive.

Plain code over `diarium.ingest` and the source readers in this package; the Dagster shell's
source resources (`pipelines/resources.py`) only carry the settings and call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Protocol

from diarium import ingest
from diarium.archive import Archive
from diarium.catalog import Entry
from diarium.sources.http import PoliteClient
from diarium.sources.portal import PortalLayout, crawl
from diarium.sources.urls import url_documents


class PlanOptions(Protocol):
    """What a run asks of a source (the `source_files` run config)."""

    retry_failed: bool
    only_failed: bool
    reprocess: bool
    meeting_from: str | None
    meeting_to: str | None


def plan_files(
    archive: Archive, paths: Sequence[str], catalog: dict[str, Entry], options: PlanOptions
) -> ingest.SourcePlan:
    """The drop folder's files (or, with `only_failed`, the files that failed before)."""
    if options.only_failed:
        return ingest.plan_failed_files(archive, catalog)
    listing_errors: list[str] = []
    items = ingest.plan(
        archive,
        list(paths),
        retry_failed=options.retry_failed,
        reprocess=options.reprocess,
        catalog=catalog,
        listing_errors=listing_errors,
    )
    return ingest.SourcePlan("files", items=items, listing_errors=listing_errors)


def meeting_range(
    meeting_from: str | None,
    meeting_to: str | None,
    *,
    recent_days: int,
    ahead_days: int,
    today: date | None = None,
) -> tuple[date, date]:
    """The meetings a portal run walks: the dates given, else from `recent_days` ago to
    `ahead_days` ahead (kallelser come before the meeting, protokoll after it).

    >>> meeting_range("2023-01-01", None, recent_days=120, ahead_days=60, today=date(2024, 1, 1))
    (datetime.date(2023, 1, 1), datetime.date(2024, 3, 1))
    """
    today = today or date.today()
    start = date.fromisoformat(meeting_from) if meeting_from else today - timedelta(recent_days)
    end = date.fromisoformat(meeting_to) if meeting_to else today + timedelta(ahead_days)
    if end < start:
        raise ValueError(f"meeting_to {end} is before meeting_from {start}")
    return start, end


def plan_portal(
    archive: Archive,
    client: PoliteClient,
    catalog: dict[str, Entry],
    options: PlanOptions,
    *,
    start_url: str,
    committees: list[str],
    layout: PortalLayout,
    meetings: tuple[date, date],
) -> ingest.SourcePlan:
    """The portal's attachments of the meetings in `meetings` (or those that failed)."""
    if options.only_failed:
        documents = ingest.failed_remote_documents(archive, "portal", catalog)
        return ingest.plan_remote(
            archive, client, documents, origin="portal", retry_failed=True, catalog=catalog
        )
    start, end = meetings
    report = crawl(
        client,
        start_url,
        cache=ingest.http_cache(archive),
        meeting_from=start,
        meeting_to=end,
        committees=committees,
        layout=layout,
    )
    result = ingest.plan_remote(
        archive,
        client,
        report.documents,
        origin="portal",
        retry_failed=options.retry_failed,
        reprocess=options.reprocess,
        catalog=catalog,
    )
    result.pages = report.pages
    result.listing_errors = report.listing_errors
    result.disallowed += report.disallowed
    result.requests = client.requests
    return result


def plan_urls(
    archive: Archive,
    client: PoliteClient,
    catalog: dict[str, Entry],
    options: PlanOptions,
    *,
    urls: list[str],
) -> ingest.SourcePlan:
    """Single documents on the web (or, with `only_failed`, those that failed)."""
    documents = (
        ingest.failed_remote_documents(archive, "urls", catalog)
        if options.only_failed
        else url_documents(urls)
    )
    result = ingest.plan_remote(
        archive,
        client,
        documents,
        origin="urls",
        retry_failed=options.retry_failed or options.only_failed,
        reprocess=options.reprocess,
        catalog=catalog,
    )
    result.requests = client.requests
    return result
