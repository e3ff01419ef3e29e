"""Dagster resources: one `ConfigurableResource` for each external system Diarium touches."""

from __future__ import annotations

import os
from typing import Any, Protocol

from dagster import ConfigurableResource, EnvVar

from diarium.archive import Archive
from extractors.extraction import Extractor
from search import SearchBackend, open_backend


class ArchiveResource(ConfigurableResource):
    """The archive directory (`DIARIUM_HOME`): records, tables, search index."""

    home: str

    def open(self) -> Archive:
        return Archive.open(self.home)


class DocumentSourcesResource(ConfigurableResource):
    """Folders or files to ingest. The nightly run reads them from `DIARIUM_SOURCES`
    (separated by the OS path separator); `diarium ingest PATH...` passes its own."""

    paths: list[str]


class SearchIndexResource(ConfigurableResource):
    """The search engine. `tantivy` is embedded in the archive; Meilisearch comes later."""

    backend: str = "tantivy"

    def open(self, archive: Archive) -> SearchBackend:
        return open_backend(self.backend, archive.index_dir)


class ExtractorResource(ConfigurableResource):
    """The Swedish extraction pipeline; `model` names a trained spaCy pipeline when installed."""

    model: str | None = None

    def get(self) -> Extractor:
        return Extractor(model=self.model)


class ProgressReporter(Protocol):
    def __call__(self, done: int, total: int, label: str) -> None: ...


class NoProgress:
    """The default: Dagster's own logs and metadata are the progress report."""

    def __call__(self, done: int, total: int, label: str) -> None:
        return None


def default_resources() -> dict[str, Any]:
    sources = os.environ.get("DIARIUM_SOURCES", "")
    return {
        "archive": ArchiveResource(
            home=EnvVar("DIARIUM_HOME")
            if os.environ.get("DIARIUM_HOME")
            else os.path.abspath(".diarium")
        ),
        "sources": DocumentSourcesResource(paths=[p for p in sources.split(os.pathsep) if p]),
        "search": SearchIndexResource(backend=os.environ.get("DIARIUM_SEARCH_BACKEND", "tantivy")),
        "extractor": ExtractorResource(model=os.environ.get("DIARIUM_SPACY_MODEL") or None),
        "progress": NoProgress(),
    }
