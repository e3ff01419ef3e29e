"""Where documents come from: a drop folder, a meeting portal over HTTP, single URLs.

Plain Python (httpx for HTTP), no Dagster: the Dagster resources in `pipelines/resources.py`
hold the settings and call these modules. Each source answers the same question for the
planner in `diarium.ingest`: which documents exist now, where is each one's content on
local disk, and what do we know about it (`RemoteDocument.metadata`).
"""

from __future__ import annotations

from diarium.sources.dropfolder import discover, fingerprint, scan
from diarium.sources.http import (
    DisallowedByRobots,
    FetchError,
    HttpCache,
    HttpSettings,
    PoliteClient,
    SourceUnreachable,
    canonical_url,
)
from diarium.sources.portal import CrawlReport, PortalLayout, crawl
from diarium.sources.remote import RemoteDocument
from diarium.sources.urls import url_documents

__all__ = [
    "CrawlReport",
    "DisallowedByRobots",
    "FetchError",
    "HttpCache",
    "HttpSettings",
    "PoliteClient",
    "PortalLayout",
    "RemoteDocument",
    "SourceUnreachable",
    "canonical_url",
    "crawl",
    "discover",
    "fingerprint",
    "scan",
    "url_documents",
]
