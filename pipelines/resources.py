"""Dagster resources: one `ConfigurableResource` for each external system Diarium touches.

The three sources (drop folder, meeting portal, single URLs) are resources too: their
settings come from the environment (`default_resources`, with `EnvVar` so that secrets are
never written into run configuration) and can be overridden per run in the launchpad under
`resources:`. Each source resource carries its settings and turns them into a `SourcePlan` with the plain
code of `diarium.sources.plans`.
"""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

from dagster import ConfigurableResource, EnvVar
from pydantic import Field

from diarium import catalog as catalog_mod
from diarium import ingest, settings
from diarium.archive import Archive
from diarium.sources import (
    HttpSettings,
    PoliteClient,
    PortalLayout,
    fingerprint,
    plans,
)
from diarium.sources.dropfolder import Fingerprint
from diarium.sources.plans import PlanOptions
from search import SearchBackend, open_backend

if TYPE_CHECKING:
    from extractors.extraction import Extractor


class Source(Protocol):
    """A source resource: whether it is configured, and its plan for a run."""

    @property
    def configured(self) -> bool: ...

    def plan(
        self, archive: Archive, catalog: dict[str, catalog_mod.Entry], options: PlanOptions
    ) -> ingest.SourcePlan: ...


def source_resources(
    drop_folder: DropFolderResource, portal: MeetingPortalResource, web_urls: WebUrlsResource
) -> dict[str, Source]:
    """The source resources by partition key, in a fixed order."""
    return {"files": drop_folder, "portal": portal, "urls": web_urls}


class ArchiveResource(ConfigurableResource):
    """The archive directory (`DIARIUM_HOME`): records, tables, search index."""

    home: str

    def open(self) -> Archive:
        return Archive.open(self.home)


class DropFolderResource(ConfigurableResource):
    """The drop folder: folders or files (read recursively) for the `files` partition.

    The nightly run and the sensor read `DIARIUM_DROP_FOLDER` (paths separated by the OS
    path separator); `diarium ingest PATH...` passes its own paths.
    """

    paths: list[str] = Field(default_factory=list)
    settle_seconds: float = Field(
        default=30.0,
        description="The sensor waits until no file changed for this long (copies in progress).",
    )

    @property
    def configured(self) -> bool:
        return bool(self.paths)

    def plan(
        self, archive: Archive, catalog: dict[str, catalog_mod.Entry], options: PlanOptions
    ) -> ingest.SourcePlan:
        return plans.plan_files(archive, self.paths, catalog, options)

    def fingerprint(self) -> Fingerprint:
        return fingerprint(self.paths)


class HttpSourceResource(ConfigurableResource):
    """Politeness settings shared by the HTTP sources."""

    user_agent: str = HttpSettings.user_agent
    min_interval_seconds: float = Field(
        default=1.0,
        description="Seconds between requests to one host (Crawl-delay wins if longer).",
    )
    timeout_seconds: float = 30.0
    max_attempts: int = Field(default=4, description="Attempts per URL on 429, 5xx and timeouts.")
    backoff_seconds: float = Field(default=2.0, description="First backoff, doubled per attempt.")
    max_wait_seconds: float = Field(
        default=300.0, description="The longest Retry-After or backoff accepted for one URL."
    )
    respect_robots: bool = True
    auth_token: str | None = Field(
        default=None, description="Bearer token, when the site requires one (use an EnvVar)."
    )

    def settings(self) -> HttpSettings:
        headers = {"Authorization": f"Bearer {self.auth_token}"} if self.auth_token else {}
        return HttpSettings(
            user_agent=self.user_agent,
            min_interval=self.min_interval_seconds,
            timeout=self.timeout_seconds,
            max_attempts=self.max_attempts,
            backoff=self.backoff_seconds,
            max_wait=self.max_wait_seconds,
            respect_robots=self.respect_robots,
            headers=headers,
        )

    def client(self) -> PoliteClient:
        return PoliteClient(self.settings())


class MeetingPortalResource(HttpSourceResource):
    """A meeting portal: committees → meetings → agenda items → attachments.

    Without a run-config date range, the nightly run walks the meetings from
    `recent_days` ago to `ahead_days` ahead (kallelser are published before the meeting,
    protokoll after it); a backfill passes `meeting_from` / `meeting_to`.
    """

    start_url: str = Field(default="", description="The portal's page listing the committees.")
    committees: list[str] = Field(
        default_factory=list, description="Only committees whose name or URL contains one of these."
    )
    recent_days: int = 120
    ahead_days: int = 60
    committee_link: str = PortalLayout.committee_link
    meeting: str = PortalLayout.meeting
    meeting_link: str = PortalLayout.meeting_link
    meeting_date: str = PortalLayout.meeting_date
    next_page: str = PortalLayout.next_page
    agenda_item: str = PortalLayout.agenda_item
    item_number: str = PortalLayout.item_number
    item_title: str = PortalLayout.item_title
    attachment_link: str = PortalLayout.attachment_link

    @property
    def configured(self) -> bool:
        return bool(self.start_url)

    def layout(self) -> PortalLayout:
        return PortalLayout(
            committee_link=self.committee_link,
            meeting=self.meeting,
            meeting_link=self.meeting_link,
            meeting_date=self.meeting_date,
            next_page=self.next_page,
            agenda_item=self.agenda_item,
            item_number=self.item_number,
            item_title=self.item_title,
            attachment_link=self.attachment_link,
        )

    def date_range(
        self, meeting_from: str | None, meeting_to: str | None, today: date | None = None
    ) -> tuple[date, date]:
        return plans.meeting_range(
            meeting_from,
            meeting_to,
            recent_days=self.recent_days,
            ahead_days=self.ahead_days,
            today=today,
        )

    def plan(
        self, archive: Archive, catalog: dict[str, catalog_mod.Entry], options: PlanOptions
    ) -> ingest.SourcePlan:
        meetings = (date.min, date.min)
        if not options.only_failed:
            meetings = self.date_range(options.meeting_from, options.meeting_to)
        with self.client() as client:
            return plans.plan_portal(
                archive,
                client,
                catalog,
                options,
                start_url=self.start_url,
                committees=self.committees,
                layout=self.layout(),
                meetings=meetings,
            )


class WebUrlsResource(HttpSourceResource):
    """Single documents on the web, e.g. an annual report PDF (`DIARIUM_URLS`, space-separated)."""

    urls: list[str] = Field(default_factory=list)

    @property
    def configured(self) -> bool:
        return bool(self.urls)

    def plan(
        self, archive: Archive, catalog: dict[str, catalog_mod.Entry], options: PlanOptions
    ) -> ingest.SourcePlan:
        with self.client() as client:
            return plans.plan_urls(archive, client, catalog, options, urls=self.urls)


class SearchIndexResource(ConfigurableResource):
    """The search engine: `tantivy`, embedded in the archive, or `meilisearch`, a server.

    Ingestion writes the index, so Meilisearch is reached with the admin key
    (`MEILI_API_KEY`); the search-only key (`MEILI_SEARCH_KEY`) is for readers such as
    `diarium search`, never for this resource. Unset values fall back to the environment.
    """

    backend: str = "tantivy"
    meili_url: str | None = Field(default=None, description="Meilisearch address (MEILI_URL).")
    meili_api_key: str | None = Field(
        default=None, description="Meilisearch admin key for ingestion (MEILI_API_KEY)."
    )
    meili_index: str | None = Field(
        default=None, description="Meilisearch index uid (MEILI_INDEX; diarium_documents)."
    )

    def open(self, archive: Archive, *, writable: bool = False) -> SearchBackend:
        if self.backend != "meilisearch":
            return open_backend(self.backend, archive.index_dir, writable=writable)
        # Imported here: the tantivy setup never needs the Meilisearch client.
        from search.meilisearch_backend import MeiliConfig

        env = dict(os.environ)
        if self.meili_index:
            env["MEILI_INDEX"] = self.meili_index
        if self.meili_url:
            env["MEILI_URL"] = self.meili_url
        if self.meili_api_key:
            env["MEILI_API_KEY"] = self.meili_api_key
        # Ingestion reads (ids, counts) and writes with the admin key, never the search key.
        env.pop("MEILI_SEARCH_KEY", None)
        return open_backend("meilisearch", archive.index_dir, meili=MeiliConfig.from_env(env))


class ExtractorResource(ConfigurableResource):
    """The Swedish extraction pipeline; `model` names a trained spaCy pipeline when installed.

    `workers` reader processes read and extract documents side by side (0: one per core
    when a run has more than a few documents to read; 1: all in the run's own process).
    """

    model: str | None = None
    workers: int = Field(default=0, ge=0)

    def get(self) -> Extractor:
        return cast("Extractor", _LazyExtractor(self.model))


class _LazyExtractor:
    """An `Extractor` made on first use. Importing the extraction pipeline imports spaCy
    (about a second); when a run reads in reader processes, which build their own, or reads
    nothing, the run's own process never needs it."""

    def __init__(self, model: str | None) -> None:
        self.model = model
        self._extractor: Extractor | None = None

    def __getattr__(self, name: str) -> Any:
        if self._extractor is None:
            from extractors.extraction import Extractor

            self._extractor = Extractor(model=self.model)
        return getattr(self._extractor, name)


def extractor_from_env(workers: int | None = None) -> ExtractorResource:
    """`DIARIUM_SPACY_MODEL` and `DIARIUM_WORKERS` (unless `workers` is given)."""
    if workers is None:
        workers = settings.workers()
    return ExtractorResource(model=settings.spacy_model(), workers=workers)


class ProgressReporter(Protocol):
    def __call__(self, done: int, total: int, label: str) -> None: ...


class NoProgress:
    """The default: Dagster's own logs and metadata are the progress report."""

    def __call__(self, done: int, total: int, label: str) -> None:
        return None


def _env_or(name: str, default: Any) -> Any:
    """`EnvVar(name)` when the variable is set (resolved at run time, never stored in run
    config or shown in the UI), else `default`."""
    return EnvVar(name) if settings.is_set(name) else default


def default_resources() -> dict[str, Any]:
    return {
        "archive": ArchiveResource(home=_env_or("DIARIUM_HOME", os.path.abspath(".diarium"))),
        "drop_folder": DropFolderResource(paths=settings.drop_folders()),
        "portal": MeetingPortalResource(
            start_url=_env_or("DIARIUM_PORTAL_URL", ""),
            committees=settings.portal_committees() or [],
            auth_token=_env_or("DIARIUM_PORTAL_TOKEN", None),
        ),
        "web_urls": WebUrlsResource(urls=settings.urls()),
        "search": SearchIndexResource(
            backend=settings.search_backend(),
            meili_url=EnvVar("MEILI_URL") if os.environ.get("MEILI_URL") else None,
            meili_api_key=EnvVar("MEILI_API_KEY") if os.environ.get("MEILI_API_KEY") else None,
            meili_index=os.environ.get("MEILI_INDEX") or None,
        ),
        "extractor": extractor_from_env(),
        "progress": NoProgress(),
    }
