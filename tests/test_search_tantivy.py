"""The tantivy search backend on a real on-disk index: seeds from ../shared and small docs."""

from __future__ import annotations

import html
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import tantivy

from search import (
    IndexDocument,
    QueryError,
    SearchBackend,
    SearchError,
    SearchQuery,
    open_backend,
)
from search.matching import render_snippet, within_edits
from search.query import fuzzy_distance, parse_query
from search.tantivy_backend import TantivyBackend
from tests.search_fixtures import doc

# id prefix -> (doc_type, committees, case_numbers, date, year, title)
SEED_METADATA: dict[str, tuple[str, list[str], list[str], str | None, int | None, str]] = {
    "000": (
        "tjänsteskrivelse",
        ["stadsbyggnadsnämnden", "kommunstyrelsen"],
        ["STK-2023-137", "SBN-2023-734"],
        "2023-12-01",
        2023,
        "Remiss - Definiera och starta ett långsiktigt och strategiskt områdeslyft",
    ),
    "001": (
        "yttrande",
        ["kommunstyrelsen", "tekniska nämnden"],
        ["STK-2020-1205", "TN-2019-3825", "STK-2020-773"],
        "2020-11-17",
        2020,
        "Remiss från tekniska nämnden - Modell för samverkansstöd",
    ),
    "002": (
        "tjänsteskrivelse",
        ["tekniska nämnden"],
        ["TN-2019-3825"],
        "2020-08-17",
        2020,
        "Modell för samverkansstöd",
    ),
    "003": ("webbsida", [], [], None, None, "Områdesprogram för ett socialt hållbart Malmö"),
    "004": (
        "årsredovisning",
        ["kommunfullmäktige"],
        [],
        None,
        2017,
        "Kommunövergripande verksamhet",
    ),
}


@pytest.fixture
def seeds_dir(corpus_dir: Path) -> Path:
    """The five seed texts; `corpus_dir` (conftest) skips when ../shared/corpus is absent."""
    seeds = corpus_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed texts not found at {seeds}")
    return seeds


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[TantivyBackend]:
    engine = TantivyBackend(tmp_path / "index")
    yield engine
    engine.close()


@pytest.fixture
def seeded(backend: TantivyBackend, seeds_dir: Path) -> TantivyBackend:
    documents = []
    for path in sorted(seeds_dir.glob("*.txt")):
        doc_type, committees, cases, date, year, title = SEED_METADATA[path.name[:3]]
        documents.append(
            IndexDocument(
                id=path.name[:3],
                source=str(path),
                title=title,
                doc_type=doc_type,
                date=date,
                year=year,
                committees=committees,
                case_numbers=cases,
                text=path.read_text(encoding="utf-8"),
            )
        )
    assert backend.upsert(documents) == 5
    return backend


def ids(backend: TantivyBackend, text: str = "", **filters: object) -> list[str]:
    result = backend.search(SearchQuery(text=text, limit=50, **filters))  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return [hit.id for hit in result.hits]


# -- the seeds ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_topic_word_ranks_its_document_first(seeded: TantivyBackend) -> None:
    assert ids(seeded, "områdeslyft")[0] == "000"


@pytest.mark.corpus
def test_typo_finds_the_document(seeded: TantivyBackend) -> None:
    result = seeded.search(SearchQuery(text="samverkansmodel"))
    assert result.hits[0].id == "001"
    assert "<mark>samverkansmodell</mark>" in result.hits[0].snippet


@pytest.mark.corpus
@pytest.mark.parametrize("written", ["TN-2019-3825", "tn 2019 3825", "TN 2019/3825"])
def test_case_number_in_any_form(seeded: TantivyBackend, written: str) -> None:
    case_hits = seeded.documents_with_case(written)
    assert [hit.id for hit in case_hits] == ["002", "001"]  # oldest first
    assert all(hit.snippet == "" for hit in case_hits)
    assert sorted(ids(seeded, written)) == ["001", "002"]


@pytest.mark.corpus
def test_case_number_hits_come_before_text_hits(seeded: TantivyBackend) -> None:
    found = ids(seeded, "områdeslyft TN 2019/3825")
    assert sorted(found[:2]) == ["001", "002"]
    assert found[2:] == ["000"]


@pytest.mark.corpus
def test_case_number_filter(seeded: TantivyBackend) -> None:
    assert sorted(ids(seeded, "modell", case_number="tn 2019/3825")) == ["001", "002"]
    assert ids(seeded, "", case_number="SBN-2023-734") == ["000"]


@pytest.mark.corpus
def test_filters_restrict(seeded: TantivyBackend) -> None:
    assert sorted(ids(seeded, "Malmö")) == ["000", "001", "002", "003", "004"]
    assert sorted(ids(seeded, "Malmö", doc_type="tjänsteskrivelse")) == ["000", "002"]
    assert sorted(ids(seeded, "Malmö", committee="tekniska nämnden")) == ["001", "002"]
    assert ids(seeded, "Malmö", year=2017) == ["004"]
    assert ids(seeded, "Malmö", doc_type="yttrande", year=2017) == []


@pytest.mark.corpus
def test_empty_text_lists_newest_first(seeded: TantivyBackend) -> None:
    assert ids(seeded) == ["000", "001", "002", "003", "004"]
    assert ids(seeded, committee="kommunstyrelsen") == ["000", "001"]


@pytest.mark.corpus
def test_facets_count_all_matches_not_the_page(seeded: TantivyBackend) -> None:
    result = seeded.search(SearchQuery(limit=1))
    assert result.total == 5 and len(result.hits) == 1
    assert result.facets == {
        "doc_type": {"tjänsteskrivelse": 2, "yttrande": 1, "webbsida": 1, "årsredovisning": 1},
        "committee": {
            "kommunstyrelsen": 2,
            "tekniska nämnden": 2,
            "stadsbyggnadsnämnden": 1,
            "kommunfullmäktige": 1,
        },
        "year": {"2023": 1, "2020": 2, "2017": 1},
    }
    filtered = seeded.search(SearchQuery(text="samverkansstöd"))
    assert filtered.facets["doc_type"] == {"tjänsteskrivelse": 1, "yttrande": 1}


@pytest.mark.corpus
def test_all_words_first_then_any_word(seeded: TantivyBackend) -> None:
    # Both words: only the documents with both.
    assert sorted(ids(seeded, "samverkansstöd fastighetsägare")) == ["001", "002"]
    # No document has both: fall back to either, best first.
    assert sorted(ids(seeded, "samverkansstöd områdeslyft")) == ["000", "001", "002"]


@pytest.mark.corpus
def test_paging(seeded: TantivyBackend) -> None:
    first = seeded.search(SearchQuery(text="Malmö", limit=2))
    second = seeded.search(SearchQuery(text="Malmö", limit=2, offset=2))
    assert first.total == second.total == 5
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    assert seeded.search(SearchQuery(text="Malmö", limit=0)).hits == []


@pytest.mark.corpus
def test_hits_carry_metadata_and_timing(seeded: TantivyBackend) -> None:
    result = seeded.search(SearchQuery(text="Lindängen", doc_type="yttrande"))
    assert result.took_ms > 0
    (hit,) = result.hits
    assert (hit.id, hit.doc_type, hit.date) == ("001", "yttrande", "2020-11-17")
    assert hit.committees == ["kommunstyrelsen", "tekniska nämnden"]
    assert "TN-2019-3825" in hit.case_numbers
    assert "<mark>Lindängen</mark>" in hit.snippet


# -- analysis, on synthetic documents -------------------------------------------------------


def test_stemmed_forms_match_each_other(backend: TantivyBackend) -> None:
    backend.upsert(
        [
            doc("a", "Beslutet fattades av nämnden i går."),
            doc("b", "Flera nämnder har svarat."),
            doc("c", "Enligt nämndens förslag."),
            doc("d", "Ingenting om saken."),
        ]
    )
    for form in ("nämnden", "nämnder", "nämndens"):
        assert sorted(ids(backend, form)) == ["a", "b", "c"], form


def test_swedish_letters_are_not_folded(backend: TantivyBackend) -> None:
    backend.upsert(
        [
            doc("far", "Min far bygger ett hus."),
            doc("får", "Vi får bygga ett hus."),
            doc("fat", "Ett fat med frukt."),
        ]
    )
    assert ids(backend, "får") == ["får"]
    # Three letters: never fuzzy, so neither "får" nor "fat" is a typo of "far".
    assert ids(backend, "far") == ["far"]


def test_exact_word_ranks_above_typo_match(backend: TantivyBackend) -> None:
    backend.upsert(
        [
            doc("near", "Förslaget gäller trafikplam för centrum."),
            doc("exact", "Förslaget gäller trafikplan för centrum."),
        ]
    )
    assert ids(backend, "trafikplan") == ["exact", "near"]


def test_title_outweighs_body(backend: TantivyBackend) -> None:
    backend.upsert(
        [
            doc("body", "Ett ärende om cykelbanor och annat."),
            doc("title", "Ett ärende om annat.", title="Cykelbanor i centrum"),
        ]
    )
    assert ids(backend, "cykelbanor") == ["title", "body"]


def test_snippet_is_escaped_and_marked(backend: TantivyBackend) -> None:
    backend.upsert([doc("x", 'Svar: <script>alert(1)</script> & "nämnden" beslutar.')])
    (hit,) = backend.search(SearchQuery(text="nämnden")).hits
    assert "&lt;script&gt;" in hit.snippet and "<script>" not in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<mark>nämnden</mark>" in hit.snippet


def test_snippet_without_match_in_body_falls_back_to_body_start(backend: TantivyBackend) -> None:
    backend.upsert([doc("x", "Texten <b>börjar</b> här. " * 30, title="Gatubelysning")])
    (hit,) = backend.search(SearchQuery(text="gatubelysning")).hits
    assert hit.snippet.startswith("Texten &lt;b&gt;börjar&lt;/b&gt; här.")
    assert "<mark>" not in hit.snippet and len(html.unescape(hit.snippet)) <= 205


def test_render_snippet_uses_character_offsets() -> None:
    fragment = "Åäö <nämnd>"
    start = len("Åäö <")
    assert render_snippet(fragment, [(start, start + len("nämnd"))]) == (
        "Åäö &lt;<mark>nämnd</mark>&gt;"
    )


# -- writing and reopening ------------------------------------------------------------------


def test_upsert_replaces_by_id(backend: TantivyBackend) -> None:
    backend.upsert([doc("a", "första versionen"), doc("b", "annat")])
    backend.upsert([doc("a", "andra versionen")])
    assert backend.count() == 2
    assert ids(backend, "första") == []
    assert ids(backend, "andra") == ["a"]
    # A repeated id inside one batch keeps the last version.
    backend.upsert([doc("c", "gammal"), doc("c", "ny")])
    assert backend.count() == 3 and ids(backend, "ny") == ["c"] and ids(backend, "gammal") == []


def test_delete(backend: TantivyBackend) -> None:
    backend.upsert([doc("a", "ett"), doc("b", "två")])
    assert backend.delete(["a", "unknown"]) == 2
    assert backend.ids() == {"b"}
    assert backend.delete([]) == 0


def test_reopen_from_disk(tmp_path: Path) -> None:
    first = TantivyBackend(tmp_path / "index")
    first.upsert([doc("a", "nämnden beslutar"), doc("b", "kommunstyrelsen")])
    first.close()
    second = TantivyBackend(tmp_path / "index")
    assert second.ids() == {"a", "b"} and second.count() == 2
    assert ids(second, "nämnder") == ["a"]  # the analyzer is registered again on open
    second.close()


def test_another_process_writes_and_we_read_at_once(backend: TantivyBackend) -> None:
    backend.upsert([doc("a", "första")])
    child = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
        "from search.tantivy_backend import TantivyBackend; from search import IndexDocument;"
        "b = TantivyBackend(Path(sys.argv[1]));"
        "b.upsert([IndexDocument('b', '', '', 'beslut', None, None, [], [], 'andra')])"
    )
    repo = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", child, str(backend.path), str(repo)], check=True)
    assert backend.ids() == {"a", "b"}
    assert ids(backend, "andra") == ["b"]


def test_locked_index_raises_search_error(backend: TantivyBackend) -> None:
    # Another writer (another process in real life) holds the lock.
    other = tantivy.Index.open(str(backend.path))
    writer = other.writer(heap_size=15_000_000, num_threads=1)
    try:
        with pytest.raises(SearchError, match="another writer"):
            backend.upsert([doc("a", "text")])
    finally:
        writer.wait_merging_threads()
    assert backend.upsert([doc("a", "text")]) == 1


def test_empty_index_and_closed_backend(backend: TantivyBackend) -> None:
    assert backend.count() == 0 and backend.ids() == set()
    result = backend.search(SearchQuery(text="nämnd"))
    assert (result.total, result.hits, result.facets) == (0, [], {})
    assert backend.search(SearchQuery()).total == 0
    backend.close()
    with pytest.raises(SearchError, match="closed"):
        backend.count()


def test_bad_query_values(backend: TantivyBackend) -> None:
    with pytest.raises(QueryError):
        backend.search(SearchQuery(limit=-1))
    with pytest.raises(QueryError):
        backend.search(SearchQuery(year="2020"))  # type: ignore[arg-type]


# -- the pieces -------------------------------------------------------------------------------


def test_open_backend(tmp_path: Path) -> None:
    engine = open_backend("tantivy", tmp_path / "i")
    assert isinstance(engine, SearchBackend)
    engine.close()
    # open_backend("meilisearch") is checked in tests/test_search_contract.py.
    with pytest.raises(ValueError, match="tantivy"):
        open_backend("elastic", tmp_path / "e")


def test_parse_query_and_fuzzy_policy() -> None:
    parsed = parse_query("beslut TN 2019/3825 och KS-2014-316 samverkan")
    assert parsed.case_numbers == ("TN-2019-3825", "KS-2014-316")
    assert parsed.words == ("beslut", "och", "samverkan")
    assert [fuzzy_distance(w) for w in ("får", "nämnd", "budget", "områdeslyft")] == [0, 1, 1, 2]
    assert within_edits("samverkansmodel", "samverkansmodell", 1)
    assert within_edits("trafikpaln", "trafikplan", 1)  # a swap is one edit
    assert not within_edits("far", "fat", 0)
