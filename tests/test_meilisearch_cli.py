"""The command line on Meilisearch: `diarium ingest`, `search`, `case`, `eval-search` with
`DIARIUM_SEARCH_BACKEND=meilisearch` against the test run's real server, and the one Swedish
line an operator gets when the server cannot be reached or refuses the key.

The web pages run on Meilisearch in tests/test_web.py (its archive is parametrized over both
engines), the relevance targets in tests/test_search_relevance.py.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from typer.testing import CliRunner

from diarium.archive import Archive
from pipelines.cli import app
from search import open_backend
from search.meilisearch_backend import MeilisearchBackend
from tests.meili_server import MeiliServer

pytestmark = pytest.mark.slow

QUERIES = Path(__file__).parent / "relevance" / "queries.jsonl"
SEED_000 = "000_9d0ea22ed9efec86.txt"
SEED_001 = "001_a62ebeae222b00ed.txt"
SEED_002 = "002_e4234ed91c9147e1.txt"


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def ok(*args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def as_json(*args: str) -> Any:
    return json.loads(ok(*args, "--json").stdout)


@pytest.fixture(scope="module")
def corpus_on_meilisearch(
    corpus_dir: Path, meili_server: MeiliServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    """../shared/corpus ingested by `diarium ingest` into a Meilisearch index of its own."""
    home = tmp_path_factory.mktemp("meili-cli")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DIARIUM_HOME", str(home))
        env.setenv("DAGSTER_HOME", str(home / "dagster"))
        env.setenv("DIARIUM_SEARCH_BACKEND", "meilisearch")
        env.setenv("MEILI_URL", meili_server.url)
        env.setenv("MEILI_API_KEY", meili_server.admin_key)
        env.delenv("MEILI_SEARCH_KEY", raising=False)
        env.setenv("MEILI_INDEX", f"diarium_cli_{uuid.uuid4().hex[:12]}")
        ingested = ok("ingest", str(corpus_dir))
        assert "Klart." in ingested.stdout
        archive = Archive.open(home)
        backend = open_backend("meilisearch", archive.index_dir)
        assert isinstance(backend, MeilisearchBackend)
        try:
            yield archive
        finally:
            backend.delete_index()
            backend.close()


def test_ingest_indexes_every_readable_document(corpus_on_meilisearch: Archive) -> None:
    records = [r for r in corpus_on_meilisearch.iter_records() if r["status"] == "ok"]
    backend = open_backend("meilisearch", corpus_on_meilisearch.index_dir)
    indexed = backend.ids()
    assert len(records) >= 15
    assert indexed <= {r["id"] for r in records} and len(indexed) >= len(records) - 2
    assert backend.count() == len(indexed)
    # Run again with nothing changed: nothing is read, the index stays as it is.
    again = ok("ingest", str(Path(records[0]["source"]).parent))
    assert "Klart." in again.stdout and backend.ids() == indexed


def test_search_ranks_marks_whole_words_and_forgives_typos(corpus_on_meilisearch: Archive) -> None:
    answer = as_json("search", "områdeslyft")
    assert Path(answer["hits"][0]["source"]).name == SEED_000
    assert "<mark>områdeslyft</mark>" in answer["hits"][0]["snippet"].lower()
    assert set(answer["facets"]) == {"doc_type", "committee", "year"}
    typo = as_json("search", "samverkansmodel")
    assert SEED_001 in [Path(h["source"]).name for h in typo["hits"][:3]]
    printed = ok("search", "områdeslyft", "--limit", "3").stdout
    assert "träffar för områdeslyft" in printed or "träff för områdeslyft" in printed


def test_search_by_case_number_and_filters(corpus_on_meilisearch: Archive) -> None:
    case = as_json("search", "tn 2019 3825")
    assert {Path(h["source"]).name for h in case["hits"][:2]} == {SEED_001, SEED_002}
    memos = as_json("search", "nämnden", "--type", "tjänsteskrivelse")
    assert memos["hits"] and {h["doc_type"] for h in memos["hits"]} == {"tjänsteskrivelse"}


def test_case_and_its_chain(corpus_on_meilisearch: Archive) -> None:
    answer = as_json("case", "TN 2019/3825")
    assert [Path(d["source"]).name for d in answer["documents"]] == [SEED_002, SEED_001]
    chain = as_json("case", "tn-2019-3825", "--chain")
    assert chain["case_number"] == "TN-2019-3825" and len(chain["documents"]) >= 2


def test_eval_search_measures_meilisearch(corpus_on_meilisearch: Archive) -> None:
    scores = as_json("eval-search", str(QUERIES), "--min-mrr", "0.9", "--min-recall", "0.97")
    assert scores[0]["engine"] == "diarium (meilisearch)"
    assert scores[0]["mrr"] >= 0.9 and scores[1]["engine"] == "baseline: tantivy defaults"


# -- what an operator sees when the server or the key is wrong -------------------------------


def _one_swedish_line(result: Any, expected: str) -> None:
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    # The error in one line, and the hint every command gives where to find the details.
    assert len(lines) == 2 and "--verbose" in lines[1], result.stderr
    assert lines[0].startswith("fel: ") and expected in lines[0], lines[0]
    assert "Traceback" not in result.output


def test_an_unreachable_server_is_one_swedish_line(
    home: Path, closed_port_url: str, monkeypatch: pytest.MonkeyPatch, corpus_dir: Path
) -> None:
    monkeypatch.setenv("DIARIUM_SEARCH_BACKEND", "meilisearch")
    monkeypatch.setenv("MEILI_URL", closed_port_url)
    monkeypatch.setenv("MEILI_API_KEY", "admin")
    expected = f"Sökmotorn på {closed_port_url} går inte att nå"
    Archive.open(home)  # an archive to search: a missing one is its own error
    _one_swedish_line(run("search", "områdeslyft"), expected)
    _one_swedish_line(run("ingest", str(corpus_dir / "seeds")), expected)
    assert not list(Archive.open(home).iter_records())  # nothing was read for nothing
    verbose = run("--verbose", "search", "områdeslyft")
    assert verbose.exit_code == 1 and "Traceback" in verbose.stderr
    assert expected in verbose.stderr


def test_a_key_without_the_right_is_one_swedish_line(
    home: Path, meili_env: MeiliServer, monkeypatch: pytest.MonkeyPatch, corpus_dir: Path
) -> None:
    import os

    index = os.environ["MEILI_INDEX"]
    key = requests.post(
        f"{meili_env.url}/keys",
        headers={"Authorization": f"Bearer {meili_env.master_key}"},
        json={"actions": ["search"], "indexes": [index], "expiresAt": None},
        timeout=10,
    ).json()["key"]
    # The search-only key where ingestion needs the admin key.
    monkeypatch.setenv("MEILI_API_KEY", key)
    _one_swedish_line(
        run("ingest", str(corpus_dir / "seeds")),
        "nekade nyckeln i MEILI_API_KEY att skriva i sökindexet",
    )
    # A reader with a key the server does not know.
    monkeypatch.setenv("MEILI_SEARCH_KEY", "ingen-sadan-nyckel")
    _one_swedish_line(run("search", "nämnden"), "nekade nyckeln i MEILI_SEARCH_KEY att söka")


@pytest.fixture
def closed_port_url() -> str:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
