"""Shared pytest fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
