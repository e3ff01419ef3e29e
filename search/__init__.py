"""Search for Diarium: the engine-independent contract and a factory for the engines."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from search.backend import (
    IndexDocument,
    QueryError,
    SearchBackend,
    SearchError,
    SearchForbidden,
    SearchHit,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
)

if TYPE_CHECKING:
    from search.meilisearch_backend import MeiliConfig

#: The engines `open_backend` knows, by the name used in configuration.
BACKEND_KINDS = ("tantivy", "meilisearch")

__all__ = [
    "BACKEND_KINDS",
    "IndexDocument",
    "QueryError",
    "SearchBackend",
    "SearchError",
    "SearchForbidden",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "SearchUnavailable",
    "open_backend",
]


def open_backend(
    kind: str, path: Path, *, meili: MeiliConfig | None = None, writable: bool = False
) -> SearchBackend:
    """Open the search engine named `kind`.

    `tantivy` keeps its index under `path`. `meilisearch` keeps it on the server that `meili`
    names, by default the one in the environment (`MEILI_URL`, `MEILI_API_KEY` for writes,
    `MEILI_SEARCH_KEY` for reads, `MEILI_INDEX`); `path` is not used. Nothing is contacted
    until the first call, and a missing `MEILI_URL` raises SearchError.

    Engines are imported here, not at module import, so that using one engine never needs
    the other's client library. `writable` is for ingestion: only a writer may rebuild an
    embedded index of an older schema.
    """
    if kind == "tantivy":
        from search.tantivy_backend import TantivyBackend

        return TantivyBackend(path, rebuild_outdated=writable)
    if kind == "meilisearch":
        from search.meilisearch_backend import MeiliConfig, MeilisearchBackend

        return MeilisearchBackend(meili or MeiliConfig.from_env())
    raise ValueError(f"unknown search backend {kind!r}; choose one of: {', '.join(BACKEND_KINDS)}")
