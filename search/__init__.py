"""Search for Diarium: the engine-independent contract and a factory for the engines."""

from __future__ import annotations

from pathlib import Path

from search.backend import (
    IndexDocument,
    QueryError,
    SearchBackend,
    SearchError,
    SearchHit,
    SearchQuery,
    SearchResult,
)

#: The engines `open_backend` knows, by the name used in configuration.
BACKEND_KINDS = ("tantivy", "meilisearch")

__all__ = [
    "BACKEND_KINDS",
    "IndexDocument",
    "QueryError",
    "SearchBackend",
    "SearchError",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "open_backend",
]


def open_backend(kind: str, path: Path) -> SearchBackend:
    """Open the search engine named `kind`, keeping its data under `path`.

    Engines are imported here, not at module import, so that using one engine never needs
    the other's client library.
    """
    if kind == "tantivy":
        from search.tantivy_backend import TantivyBackend

        return TantivyBackend(path)
    if kind == "meilisearch":
        # TODO: the Meilisearch backend arrives in a later issue (it will reuse search.query).
        raise NotImplementedError(
            "the Meilisearch backend is not implemented yet; a later issue adds it"
        )
    raise ValueError(f"unknown search backend {kind!r}; choose one of: {', '.join(BACKEND_KINDS)}")
