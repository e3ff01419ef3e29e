"""Each source's plan for a run: what it holds now, compared with the archive.

Plain code over `diarium.ingest` and the source readers in this package; the Dagster shell's
source resources (`pipelines/resources.py`) only carry the settings and call these. A remote
document is fetched here (conditionally, through the HTTP cache) and planned like a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Protocol

from diarium import catalog as catalog_mod
from diarium import ingest
from diarium.archive import Archive, document_id
from diarium.catalog import Entry
from diarium.sources.http import DisallowedByRobots, FetchError, HttpCache, PoliteClient
from diarium.sources.portal import PortalLayout, crawl
from diarium.sources.remote import RemoteDocument
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
        documents = failed_remote_documents(archive, "portal", catalog)
        return plan_remote(
            archive, client, documents, origin="portal", retry_failed=True, catalog=catalog
        )
    start, end = meetings
    report = crawl(
        client,
        start_url,
        cache=http_cache(archive),
        meeting_from=start,
        meeting_to=end,
        committees=committees,
        layout=layout,
    )
    result = plan_remote(
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
        failed_remote_documents(archive, "urls", catalog)
        if options.only_failed
        else url_documents(urls)
    )
    result = plan_remote(
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


def http_cache(archive: Archive) -> HttpCache:
    """Downloaded documents and listing pages, with their ETag / Last-Modified."""
    return HttpCache(archive.home / "downloads")


def plan_remote(
    archive: Archive,
    client: PoliteClient,
    documents: Sequence[RemoteDocument],
    *,
    origin: str,
    retry_failed: bool = False,
    reprocess: bool = False,
    catalog: dict[str, Entry] | None = None,
) -> ingest.SourcePlan:
    """Fetch each remote document (conditionally) and compare it with the archive.

    The document id comes from the canonical URL, so a republished attachment replaces its
    document; its sha256 decides whether it changed, as for files. A document that cannot
    be fetched gets a failed record when the archive has no copy of it yet; an archived
    copy is kept and the failure is reported (a portal having a bad night must not empty
    the archive). Raises `SourceUnreachable` when the host is down altogether.
    """
    known = catalog if catalog is not None else catalog_mod.load(archive)
    cache = http_cache(archive)
    cache.root.mkdir(parents=True, exist_ok=True)
    cache.clean_partial()
    result = ingest.SourcePlan(origin)
    requests_before = client.requests
    for document in documents:
        doc_id = document_id(document.url)
        previous = known.get(doc_id)
        try:
            fetched = client.fetch(document.url, cache=cache, key=doc_id)
        except DisallowedByRobots:
            result.disallowed.append(document.url)
            continue
        except FetchError as error:
            if previous is not None and (previous.sha256 or not retry_failed):
                result.fetch_errors.append(
                    {
                        "document_id": doc_id,
                        "source": document.url,
                        "reason": error.reason,
                        "kept": previous.sha256 is not None,
                    }
                )
                continue
            result.items.append(
                ingest.SourceFile(
                    doc_id,
                    "",
                    document.url,
                    document.url,
                    None,
                    None,
                    "retry" if previous is not None else "new",
                    origin=origin,
                    metadata=document.metadata,
                    error=error.reason,
                )
            )
            continue
        metadata = {
            **document.metadata,
            "content_type": fetched.content_type,
            "last_modified": fetched.last_modified,
        }
        result.items.append(
            ingest.SourceFile(
                doc_id,
                str(fetched.path),
                document.url,
                document.url,
                fetched.sha256,
                fetched.size,
                ingest.change_of(previous, fetched.sha256, retry_failed, reprocess),
                origin=origin,
                metadata=metadata,
            )
        )
    result.requests = client.requests - requests_before
    return result


def failed_remote_documents(
    archive: Archive, origin: str, catalog: dict[str, Entry] | None = None
) -> list[RemoteDocument]:
    """The remote documents of `origin` whose last attempt failed, to fetch and read again."""
    known = catalog if catalog is not None else catalog_mod.load(archive)
    documents = []
    for entry in catalog_mod.not_ok(known, origin):
        record = archive.read_record(entry.id)
        metadata = dict(record.get("source_metadata") or {}) if record else {}
        metadata.pop("content_type", None)
        metadata.pop("last_modified", None)
        url = record.get("fetch_url") if record else None
        documents.append(RemoteDocument(url or entry.uri or entry.source, metadata))
    return documents
