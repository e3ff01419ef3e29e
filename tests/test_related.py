"""Related documents: the case chain, then the nearest by text (embedded engine, real index)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.backend import IndexDocument
from search.related import related_documents
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


def test_same_case_comes_first_in_chain_order(backend: TantivyBackend) -> None:
    related = related_documents(backend, "001")
    assert [h.id for h in related.same_case] == ["002"]
    assert "002" not in [h.id for h in related.similar]
    assert "001" not in [h.id for h in related.similar]


def test_similar_documents_share_the_topic(backend: TantivyBackend) -> None:
    # Seed 003 (area programme in Lindängen, Seved …) is nearest to the annual report and
    # kommunstyrelsen's yttrande, which both discuss local development in those areas.
    similar = [h.id for h in backend.similar("003", limit=4)]
    assert similar and "003" not in similar
    assert backend.get("003") is not None and backend.get("nope") is None
    assert related_documents(backend, "nope").same_case == []
