"""Relevance on the judged officer queries over ../shared/corpus, through the real job."""

from __future__ import annotations

from pathlib import Path

import pytest

from diarium.archive import Archive
from diarium.runner import run_ingest
from diarium.search_eval import CUTOFF, evaluate, load_queries

QUERIES = Path(__file__).parent / "relevance" / "queries.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("relevance-archive")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DIARIUM_HOME", str(home))
        patch.setenv("DAGSTER_HOME", str(home / "dagster"))
        archive = Archive.open(home)
        assert run_ingest(archive, [corpus_dir]).success
        return {s.engine: s for s in evaluate(archive, load_queries(QUERIES))}


def test_query_set_is_large_and_varied() -> None:
    queries = load_queries(QUERIES)
    kinds = {q.kind for q in queries}
    assert len(queries) >= 60
    assert kinds >= {"case_number", "typo", "compound", "inflection", "committee_topic", "person"}


def test_diarium_meets_the_relevance_targets(scores) -> None:  # type: ignore[no-untyped-def]
    diarium = scores["diarium (tantivy)"]
    assert diarium.mrr >= 0.9, diarium.misses
    assert diarium.recall >= 0.97, diarium.misses


def test_diarium_beats_the_default_engine_where_swedish_matters(scores) -> None:  # type: ignore[no-untyped-def]
    diarium, baseline = scores["diarium (tantivy)"], scores["baseline: tantivy defaults"]
    assert diarium.mrr > baseline.mrr + 0.15
    for kind in ("typo", "compound", "inflection"):
        assert diarium.per_kind[kind][0] > baseline.per_kind[kind][0], kind
    assert CUTOFF == 10
