"""Related documents on a document page: the documents of its cases in the order the case
ran, then the nearest by text (embedded engine, real index, real tables)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diarium import doctypes
from diarium.archive import Archive
from diarium.related import chain_key, related_documents
from pipelines.launch import run_ingest
from search import open_backend
from search.backend import IndexDocument
from search.tantivy_backend import TantivyBackend

SEEDS = {
    "000_9d0ea22ed9efec86.txt": (
        "tjänsteskrivelse",
        "2023-12-01",
        ["STK-2023-137", "SBN-2023-734"],
    ),
    "001_a62ebeae222b00ed.txt": ("yttrande", "2020-11-17", ["STK-2020-1205", "TN-2019-3825"]),
    "002_e4234ed91c9147e1.txt": ("tjänsteskrivelse", "2020-08-17", ["TN-2019-3825"]),
    "003_4f5ab4f887203d67.txt": ("webbsida", None, []),
    "004_7112a31c9fda381c.txt": ("årsredovisning", None, []),
}


@pytest.fixture
def backend(tmp_path: Path, corpus_dir: Path) -> TantivyBackend:
    engine = TantivyBackend(tmp_path / "index")
    engine.upsert(
        IndexDocument(
            id=name[:3],
            source=name,
            title=name,
            doc_type=doc_type,
            date=date,
            year=int(date[:4]) if date else None,
            committees=[],
            case_numbers=cases,
            text=(corpus_dir / "seeds" / name).read_text(encoding="utf-8"),
        )
        for name, (doc_type, date, cases) in SEEDS.items()
    )
    return engine


def test_chain_order_is_the_tables_stage_order() -> None:
    """One order of stages: the related documents used a second one (`CHAIN_ORDER`), which put
    a type it did not know between the kallelse and the protokoll; now, as in the tables'
    case chains, by date, then remiss → … → beslut, then any other type."""
    day = "2020-11-17"
    docs = [("a", "protokoll"), ("b", "rapport"), ("c", "remiss"), ("d", "yttrande")]
    ordered = sorted(docs, key=lambda d: chain_key(day, d[1], d[0]))
    assert [d[1] for d in ordered] == ["remiss", "yttrande", "protokoll", "rapport"]
    assert chain_key("2020-08-17", "beslut", "x") < chain_key(day, "remiss", "y")
    assert chain_key(None, "remiss", "x") > chain_key(day, "beslut", "y")
    assert doctypes.stage_rank("kallelse") < doctypes.stage_rank(
        doctypes.stage_of_type("protokoll")
    )


def test_similar_documents_share_the_topic(backend: TantivyBackend) -> None:
    # Seed 003 (area programme in Lindängen, Seved …) is nearest to the annual report and
    # kommunstyrelsen's yttrande, which both discuss local development in those areas.
    similar = [h.id for h in backend.similar("003", limit=4)]
    assert similar and "003" not in similar
    assert backend.similar("nope") == []


def test_same_case_comes_first_in_chain_order_then_the_nearest(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIARIUM_HOME", str(tmp_path / "archive"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "archive" / "dagster"))
    monkeypatch.delenv("DIARIUM_SEARCH_BACKEND", raising=False)
    archive = Archive.open(tmp_path / "archive")
    assert run_ingest(archive, [corpus_dir / "seeds"]).success
    ids = {Path(r["source"]).name[:3]: r["id"] for r in archive.iter_records()}
    backend = open_backend("tantivy", archive.index_dir)
    try:
        related = related_documents(archive, backend, ids["001"], ["TN-2019-3825"])
        nothing = related_documents(archive, backend, "nope", [])
    finally:
        backend.close()
    assert [r.id for r in related.same_case] == [ids["002"]]
    assert related.same_case[0].shared_case_numbers == ["TN-2019-3825"]
    similar = [h.id for h in related.similar]
    assert ids["002"] not in similar and ids["001"] not in similar
    assert nothing.same_case == [] and nothing.similar == []
