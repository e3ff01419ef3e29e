"""Search relevance evaluation: judged officer queries against the archive's index.

`diarium eval-search QUERIES.jsonl` runs every query on the embedded engine as Diarium
configures it, and on a baseline built from the same documents: tantivy with its default
analyzer (lowercase, no stemming) and the raw query given to tantivy's own query parser.
It prints MRR and recall@10 per engine and per kind of query.

A query file has one JSON object per line::

    {"id": "q01", "kind": "case_number", "query": "tn 2019 3825",
     "relevant": ["seeds/002_e4234ed91c9147e1.txt", "seeds/001_a62ebeae222b00ed.txt"]}

`relevant` names documents by their path relative to the corpus root; a hit counts when
its source path ends with that relative path.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tantivy

from diarium.archive import Archive
from search import SearchQuery, open_backend

CUTOFF = 10

Searcher = Callable[[str], list[str]]  # query -> ranked source paths


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    kind: str
    query: str
    relevant: tuple[str, ...]


@dataclass
class EngineScore:
    engine: str
    mrr: float
    recall: float
    per_kind: dict[str, tuple[float, float]]
    misses: list[tuple[str, str, int | None]] = field(default_factory=list)  # id, query, rank


def load_queries(path: Path) -> list[JudgedQuery]:
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        data = json.loads(line)
        if not data.get("relevant"):
            raise ValueError(f"{path}:{number}: query {data.get('id')!r} has no relevant documents")
        queries.append(
            JudgedQuery(data["id"], data["kind"], data["query"], tuple(data["relevant"]))
        )
    return queries


def _is(source: str, relevant: str) -> bool:
    return Path(source).as_posix().endswith("/" + relevant) or Path(source).as_posix() == relevant


def score(engine: str, queries: Iterable[JudgedQuery], search: Searcher) -> EngineScore:
    """MRR and recall at CUTOFF, overall and per kind of query."""
    reciprocal: dict[str, list[float]] = defaultdict(list)
    recalls: dict[str, list[float]] = defaultdict(list)
    misses: list[tuple[str, str, int | None]] = []
    for query in queries:
        ranked = search(query.query)[:CUTOFF]
        ranks = [
            i for i, source in enumerate(ranked, 1) if any(_is(source, r) for r in query.relevant)
        ]
        first = ranks[0] if ranks else None
        found = {r for r in query.relevant if any(_is(s, r) for s in ranked)}
        reciprocal[query.kind].append(1.0 / first if first else 0.0)
        recalls[query.kind].append(len(found) / len(query.relevant))
        if first != 1 or len(found) < len(query.relevant):
            misses.append((query.id, query.query, first))
    every_rr = [v for values in reciprocal.values() for v in values]
    every_recall = [v for values in recalls.values() for v in values]
    per_kind = {
        kind: (
            sum(reciprocal[kind]) / len(reciprocal[kind]),
            sum(recalls[kind]) / len(recalls[kind]),
        )
        for kind in reciprocal
    }
    return EngineScore(
        engine=engine,
        mrr=sum(every_rr) / len(every_rr) if every_rr else 0.0,
        recall=sum(every_recall) / len(every_recall) if every_recall else 0.0,
        per_kind=per_kind,
        misses=misses,
    )


def embedded_searcher(archive: Archive, backend: str = "tantivy") -> Searcher:
    engine = open_backend(backend, archive.index_dir)

    def search(text: str) -> list[str]:
        return [
            hit.source
            for hit in engine.search(SearchQuery(text=text, limit=CUTOFF, facets=False)).hits
        ]

    return search


def baseline_searcher(archive: Archive, directory: Path) -> Searcher:
    """tantivy as it comes: default analyzer, the query string to its own parser, OR."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("source", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=False)
    builder.add_text_field("body", stored=False)
    index = tantivy.Index(builder.build(), path=str(directory))
    writer = index.writer(heap_size=64_000_000, num_threads=1)
    for record in archive.iter_records():
        if record["status"] != "ok":
            continue
        doc = tantivy.Document()
        doc.add_text("source", record["source"])
        doc.add_text("title", (record.get("extraction") or {}).get("title") or "")
        doc.add_text("body", record["text"])
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()

    def search(text: str) -> list[str]:
        try:
            query = index.parse_query(text, ["title", "body"])
        except ValueError:
            query, _errors = index.parse_query_lenient(text, ["title", "body"])
        searcher = index.searcher()
        return [
            searcher.doc(address)["source"][0] for _, address in searcher.search(query, CUTOFF).hits
        ]

    return search


def evaluate(
    archive: Archive, queries: list[JudgedQuery], backend: str = "tantivy"
) -> list[EngineScore]:
    """Scores for Diarium on `backend` (its index filled by `diarium ingest` on that engine)
    and the default-tantivy baseline, in that order."""
    scores = [score(f"diarium ({backend})", queries, embedded_searcher(archive, backend))]
    with tempfile.TemporaryDirectory(prefix="diarium-baseline-") as directory:
        scores.append(
            score(
                "baseline: tantivy defaults", queries, baseline_searcher(archive, Path(directory))
            )
        )
    return scores
