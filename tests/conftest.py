"""Shared pytest fixtures."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.meili_server import MeiliServer, find_binary, missing_reason, running_server

# Tests read their few documents in the test process, where the spaCy pipeline is built
# once for the whole session; reader processes would build it again for every run.
# tests/test_ingest_pool.py covers the pool, and sets the number of workers itself.
os.environ.setdefault("DIARIUM_WORKERS", "1")

# --- Corpus (readers) -------------------------------------------------------------------
# The real documents live next to the repo in ../shared/corpus and are never copied into it;
# tests that need them skip on a bare clone so the test command still passes.

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """`<repo>/../shared/corpus`, or skip the test when it is not there."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"../shared/corpus not present: {CORPUS_DIR} holds the real documents")
    return CORPUS_DIR


# --- Archive ----------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh `DIARIUM_HOME` (and the Dagster instance inside it) for one test."""
    archive_home = tmp_path / "archive"
    monkeypatch.setenv("DIARIUM_HOME", str(archive_home))
    monkeypatch.setenv("DAGSTER_HOME", str(archive_home / "dagster"))
    return archive_home


# --- Meilisearch ------------------------------------------------------------------------
# One real server for the whole test run (tests/meili_server.py), or the external one that
# MEILI_URL and MEILI_API_KEY name. Each test that writes gets an index of its own.


@pytest.fixture(scope="session")
def meili_server() -> Iterator[MeiliServer]:
    """A running Meilisearch and its keys; skip (or, in CI, fail) without one."""
    external = os.environ.get("MEILI_URL")
    if external:
        key = os.environ.get("MEILI_API_KEY", "")
        # Tests that make keys need the master key (MEILI_MASTER_KEY) of such a server.
        master = os.environ.get("MEILI_MASTER_KEY", key)
        yield MeiliServer(url=external.rstrip("/"), master_key=master, admin_key=key)
        return
    binary = find_binary()
    if binary is None:
        if os.environ.get("DIARIUM_REQUIRE_MEILISEARCH") == "1":
            pytest.fail(missing_reason())
        pytest.skip(missing_reason())
    with running_server(binary) as server:
        yield server


@pytest.fixture
def meili_index(meili_server: MeiliServer) -> Iterator[str]:
    """A fresh index uid on the test server, deleted after the test."""
    from search.meilisearch_backend import MeiliConfig, MeilisearchBackend

    uid = f"diarium_test_{uuid.uuid4().hex[:12]}"
    yield uid
    backend = MeilisearchBackend(
        MeiliConfig(url=meili_server.url, api_key=meili_server.admin_key, index_uid=uid)
    )
    backend.delete_index()
    backend.close()


@pytest.fixture
def meili_env(
    meili_server: MeiliServer, meili_index: str, monkeypatch: pytest.MonkeyPatch
) -> MeiliServer:
    """The environment of a Diarium on Meilisearch: `DIARIUM_SEARCH_BACKEND=meilisearch`,
    the server, its admin key and an index of this test's own."""
    monkeypatch.setenv("DIARIUM_SEARCH_BACKEND", "meilisearch")
    monkeypatch.setenv("MEILI_URL", meili_server.url)
    monkeypatch.setenv("MEILI_API_KEY", meili_server.admin_key)
    monkeypatch.delenv("MEILI_SEARCH_KEY", raising=False)
    monkeypatch.setenv("MEILI_INDEX", meili_index)
    return meili_server
