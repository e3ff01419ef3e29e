"""Relevance on the judged officer queries over ../shared/corpus, through the real job, on
both engines (the corpus ingested on each)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from diarium.archive import Archive
from diarium.search_eval import CUTOFF, evaluate, load_queries
from pipelines.launch import run_ingest
from search import open_backend
from search.meilisearch_backend import MeilisearchBackend
from tests.meili_server import MeiliServer

QUERIES = Path(__file__).parent / "relevance" / "queries.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["tantivy", "meilisearch"])
def scores(
    corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
):  # type: ignore[no-untyped-def]
    """Diarium's scores on one engine (the corpus ingested on it) and the baseline's."""
    home = tmp_path_factory.mktemp("relevance-archive")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DIARIUM_HOME", str(home))
        patch.setenv("DAGSTER_HOME", str(home / "dagster"))
        patch.setenv("DIARIUM_SEARCH_BACKEND", request.param)
        if request.param == "meilisearch":
            server: MeiliServer = request.getfixturevalue("meili_server")
            patch.setenv("MEILI_URL", server.url)
            patch.setenv("MEILI_API_KEY", server.admin_key)
            patch.setenv("MEILI_INDEX", f"diarium_relevance_{uuid.uuid4().hex[:12]}")
        archive = Archive.open(home)
        assert run_ingest(archive, [corpus_dir]).success
        found = {s.engine: s for s in evaluate(archive, load_queries(QUERIES), request.param)}
        if request.param == "meilisearch":
            backend = open_backend("meilisearch", archive.index_dir)
            assert isinstance(backend, MeilisearchBackend)
            backend.delete_index()
        return {"diarium": found[f"diarium ({request.param})"], **found}


def test_query_set_is_large_and_varied() -> None:
    queries = load_queries(QUERIES)
    kinds = {q.kind for q in queries}
    assert len(queries) >= 60
    assert kinds >= {"case_number", "typo", "compound", "inflection", "committee_topic", "person"}


def test_diarium_meets_the_relevance_targets(scores) -> None:  # type: ignore[no-untyped-def]
    diarium = scores["diarium"]
    assert diarium.mrr >= 0.9, diarium.misses
    assert diarium.recall >= 0.97, diarium.misses


def test_diarium_beats_the_default_engine_where_swedish_matters(scores) -> None:  # type: ignore[no-untyped-def]
    diarium, baseline = scores["diarium"], scores["baseline: tantivy defaults"]
    assert diarium.mrr > baseline.mrr + 0.15
    for kind in ("typo", "compound", "inflection"):
        assert diarium.per_kind[kind][0] > baseline.per_kind[kind][0], kind
    assert CUTOFF == 10
