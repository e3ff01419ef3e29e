"""One contract, two engines: the same assertions on the embedded engine and on Meilisearch.

The `engine` fixture is parametrized over `tantivy` (always: a real on-disk index) and
`meilisearch` (a real server: the one the test run starts from the installed binary, see
tests/meili_server.py, or the one MEILI_URL names; each test gets an index of its own, deleted
afterwards). No Meilisearch server is faked here: without a binary that half is skipped
with the reason (and fails in CI). The last section checks the Meilisearch backend's behaviour
when its server cannot be reached, against a real closed port.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from diarium.archive import Archive
from search import (
    IndexDocument,
    QueryError,
    SearchBackend,
    SearchError,
    SearchQuery,
    open_backend,
)
from search.meili_text import CHUNK_MAX_BYTES
from search.meilisearch_backend import MeiliConfig, MeilisearchBackend
from tests.meili_server import MeiliServer
from tests.search_fixtures import doc

ENGINES = ["tantivy", "meilisearch"]
HOSTILE = 'x" OR doc_type = "beslut'


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SearchBackend]:
    if request.param == "tantivy":
        tantivy = open_backend("tantivy", tmp_path / "index")
        yield tantivy
        tantivy.close()
        return
    server: MeiliServer = request.getfixturevalue("meili_server")
    uid: str = request.getfixturevalue("meili_index")
    meili = MeilisearchBackend(MeiliConfig(url=server.url, api_key=server.admin_key, index_uid=uid))
    yield meili
    meili.close()


def ids(engine: SearchBackend, text: str = "", **filters: object) -> list[str]:
    result = engine.search(SearchQuery(text=text, limit=50, **filters))  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return [hit.id for hit in result.hits]


#: A small case of tekniska nämnden (remiss → yttrande → beslut) and documents around it.
CASE_DOCUMENTS = [
    doc(
        "remiss",
        "Tekniska nämnden remitterar förslaget om nya cykelbanor längs Amiralsgatan.",
        doc_type="remiss",
        committees=["tekniska nämnden"],
        case_numbers=["TN-2019-3825"],
        date="2020-03-02",
        title="Remiss om cykelbanor",
    ),
    doc(
        "beslut",
        "Kommunstyrelsen beslutar att godkänna tekniska nämndens förslag.",
        doc_type="beslut",
        committees=["kommunstyrelsen"],
        case_numbers=["TN-2019-3825", "KS-2020-112"],
        date=None,
        title="Beslut i ärendet",
    ),
    doc(
        "yttrande",
        "Stadsbyggnadsnämnden tillstyrker förslaget med synpunkter på trafiksäkerheten.",
        doc_type="yttrande",
        committees=["stadsbyggnadsnämnden"],
        case_numbers=["TN-2019-3825"],
        date="2020-05-11",
        title="Yttrande över remiss",
    ),
    doc(
        "cykel",
        "Kommunen bygger fler cykelbanor i centrum under 2021.",
        doc_type="tjänsteskrivelse",
        committees=["tekniska nämnden"],
        case_numbers=["TN-2021-77"],
        date="2021-01-15",
        title="Cykelplan",
    ),
    doc(
        "budget",
        "Kommunfullmäktige fastställer budgeten för 2022 och skattesatsen.",
        doc_type="protokoll",
        committees=["kommunfullmäktige"],
        date="2021-11-20",
        title="Budget 2022",
    ),
]


@pytest.fixture
def case_engine(engine: SearchBackend) -> SearchBackend:
    assert engine.upsert(CASE_DOCUMENTS) == len(CASE_DOCUMENTS)
    return engine


# -- writing --------------------------------------------------------------------------------


def test_upsert_count_ids_and_delete_are_idempotent(engine: SearchBackend) -> None:
    first = [doc("a", "första versionen"), doc("b", "annat ärende"), doc("c", "tredje")]
    assert engine.count() == 0 and engine.ids() == set()
    assert engine.upsert(first) == 3
    assert engine.upsert(first) == 3  # the same again changes nothing
    assert (engine.count(), engine.ids()) == (3, {"a", "b", "c"})
    engine.upsert([doc("a", "andra versionen")])
    assert engine.count() == 3
    assert ids(engine, "första") == [] and ids(engine, "andra") == ["a"]
    # A repeated id in one batch keeps its last version.
    engine.upsert([doc("d", "gammal text"), doc("d", "ny text")])
    assert engine.count() == 4 and ids(engine, "ny") == ["d"] and ids(engine, "gammal") == []
    assert engine.delete(["a", "okänd"]) == 2
    assert engine.delete(["a"]) == 1  # deleting again is harmless
    assert engine.ids() == {"b", "c", "d"} and engine.count() == 3
    assert engine.delete([]) == 0 and engine.upsert([]) == 0


def test_a_long_document_is_one_hit_and_replacing_it_leaves_none_of_its_old_text(
    engine: SearchBackend,
) -> None:
    paragraph = (
        "Kvarteret Lindängen ska rustas upp i samverkan med fastighetsägarna, och nämnden "
        "följer arbetet med trygghetsvandringar och belysning längs gångvägarna. "
    ) * 8
    parts = [f"{paragraph}Avsnitt {n}." for n in range(3 * CHUNK_MAX_BYTES // len(paragraph) + 3)]
    parts.append("Sist i handlingen: slutbesiktning av lekplatsen.")
    engine.upsert([doc("lång", "\n\n".join(parts), doc_type="tjänsteskrivelse"), doc("kort", "x")])
    # Found in every section, still one hit: the document, with a marked snippet.
    everywhere = engine.search(SearchQuery(text="Lindängen"))
    assert [h.id for h in everywhere.hits] == ["lång"] and everywhere.total == 1
    assert "<mark>Lindängen</mark>" in everywhere.hits[0].snippet
    assert everywhere.facets["doc_type"] == {"tjänsteskrivelse": 1}
    last = engine.search(SearchQuery(text="slutbesiktning"))
    assert [h.id for h in last.hits] == ["lång"]
    assert "<mark>slutbesiktning</mark>" in last.hits[0].snippet  # the passage that matched
    engine.upsert([doc("lång", "Handlingen är ersatt av en kort version.")])
    assert ids(engine, "slutbesiktning") == [] and ids(engine, "Lindängen") == []
    assert ids(engine, "ersatt") == ["lång"] and engine.count() == 2


# -- case numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["TN-2019-3825", "tn 2019 3825", "TN 2019/3825"])
def test_case_number_in_any_spelling(case_engine: SearchBackend, written: str) -> None:
    assert sorted(ids(case_engine, written)) == ["beslut", "remiss", "yttrande"]
    assert sorted(ids(case_engine, "", case_number=written)) == ["beslut", "remiss", "yttrande"]
    # The case chain in date order, the undated document last, without snippets.
    chain = case_engine.documents_with_case(written)
    assert [h.id for h in chain] == ["remiss", "yttrande", "beslut"]
    assert all(h.snippet == "" for h in chain)
    assert chain[0].case_numbers == ["TN-2019-3825"] and chain[0].date == "2020-03-02"


def test_case_number_hits_come_before_text_hits(case_engine: SearchBackend) -> None:
    found = ids(case_engine, "cykelbanor TN 2019/3825")
    assert sorted(found[:3]) == ["beslut", "remiss", "yttrande"]
    assert found[0] == "remiss"  # the case document that also has the word
    assert found[3:] == ["cykel"]
    result = case_engine.search(SearchQuery(text="cykelbanor TN 2019/3825", limit=2, offset=2))
    assert result.total == 4 and [h.id for h in result.hits][1:] == ["cykel"]


def test_unknown_case_number_finds_nothing(case_engine: SearchBackend) -> None:
    assert ids(case_engine, "TN 2019/3826") == []
    assert case_engine.documents_with_case("TN-2019-3826") == []


# -- filters and facets ---------------------------------------------------------------------


def test_filters_restrict(case_engine: SearchBackend) -> None:
    assert sorted(ids(case_engine, "förslaget")) == ["beslut", "remiss", "yttrande"]
    assert ids(case_engine, "förslaget", doc_type="Yttrande") == ["yttrande"]
    assert ids(case_engine, "förslaget", committee="Tekniska nämnden") == ["remiss"]
    assert ids(case_engine, "cykelbanor", year=2021) == ["cykel"]
    assert ids(case_engine, "cykelbanor", year=2021, doc_type="remiss") == []
    assert ids(case_engine, "", committee="kommunfullmäktige", year=2021) == ["budget"]


def test_hostile_filter_values_never_widen_the_filter(case_engine: SearchBackend) -> None:
    for field in ("committee", "doc_type", "case_number"):
        assert ids(case_engine, "", **{field: HOSTILE}) == [], field
        assert ids(case_engine, "förslaget", **{field: HOSTILE}) == [], field
    # In the query text it is only words (no document has them all; "beslut" is one).
    assert ids(case_engine, HOSTILE) == ids(case_engine, "x OR doc_type beslut") == ["beslut"]


def test_empty_text_with_a_filter_lists_documents_newest_first(case_engine: SearchBackend) -> None:
    assert ids(case_engine, "", committee="tekniska nämnden") == ["cykel", "remiss"]
    listed = ids(case_engine)
    assert listed[:4] == ["budget", "cykel", "yttrande", "remiss"]
    assert listed[4:] == ["beslut"]  # undated last


def test_facets_count_every_match_not_the_page(case_engine: SearchBackend) -> None:
    result = case_engine.search(SearchQuery(limit=1))
    assert result.total == 5 and len(result.hits) == 1
    assert result.facets == {
        "doc_type": {
            "remiss": 1,
            "beslut": 1,
            "yttrande": 1,
            "tjänsteskrivelse": 1,
            "protokoll": 1,
        },
        "committee": {
            "tekniska nämnden": 2,
            "kommunstyrelsen": 1,
            "stadsbyggnadsnämnden": 1,
            "kommunfullmäktige": 1,
        },
        "year": {"2020": 2, "2021": 2},
    }
    words = case_engine.search(SearchQuery(text="cykelbanor", limit=1))
    assert words.total == 2
    assert words.facets["doc_type"] == {"remiss": 1, "tjänsteskrivelse": 1}
    assert case_engine.search(SearchQuery(text="ingenstans")).facets == {}


def test_paging(case_engine: SearchBackend) -> None:
    first = case_engine.search(SearchQuery(limit=2))
    second = case_engine.search(SearchQuery(limit=2, offset=2))
    odd = case_engine.search(SearchQuery(limit=2, offset=1))
    assert first.total == second.total == odd.total == 5
    assert [h.id for h in first.hits + second.hits] == ["budget", "cykel", "yttrande", "remiss"]
    assert [h.id for h in odd.hits] == ["cykel", "yttrande"]
    assert case_engine.search(SearchQuery(text="förslaget", limit=0)).hits == []
    assert case_engine.search(SearchQuery(text="förslaget", limit=0)).total == 3


def test_sort_by_date_orders_every_hit_newest_first(case_engine: SearchBackend) -> None:
    assert ids(case_engine, "förslaget", sort="date") == ["yttrande", "remiss", "beslut"]
    mixed = ids(case_engine, "cykelbanor TN 2019/3825", sort="date")
    assert mixed == ["cykel", "yttrande", "remiss", "beslut"]
    with pytest.raises(QueryError):
        case_engine.search(SearchQuery(text="förslaget", sort="title"))


def test_similar(engine: SearchBackend) -> None:
    engine.upsert(
        [
            doc(
                "a",
                "Cykelbanor vid stationen. Cykelbanor breddas och cykelparkering byggs. "
                "Mer cykelparkering behövs.",
            ),
            doc("b", "Nya cykelbanor längs ån. Cykelbanor och cykelparkering planeras."),
            doc("c", "Budgeten för skolan. Budgeten ökar för skolan och förskolan."),
        ]
    )
    assert [h.id for h in engine.similar("a")] == ["b"]
    assert engine.similar("okänd") == [] and engine.similar("a", limit=0) == []


# -- Swedish words --------------------------------------------------------------------------


def test_typos_are_forgiven_from_five_letters_and_the_exact_word_ranks_first(
    engine: SearchBackend,
) -> None:
    engine.upsert(
        [
            doc("nära", "Förslaget gäller trafikplam för centrum."),
            doc("exakt", "Förslaget gäller trafikplan för centrum."),
            doc("cykel", "Nya cykelbanor byggs i år."),
            doc("tak", "Huset får ett grönt tak."),
            doc("lång", "Vägen är lång och smal."),
        ]
    )
    assert ids(engine, "trafikplan") == ["exakt", "nära"]
    assert ids(engine, "cyklbanor") == ["cykel"]  # one letter missing, nine letters
    assert ids(engine, "tak") == ["tak"] and ids(engine, "lång") == ["lång"]
    # Below five letters no typo is forgiven: "tik" is not "tak", "lånk" not "lång".
    assert ids(engine, "tik") == [] and ids(engine, "lånk") == []


def test_far_and_far_are_different_words(engine: SearchBackend) -> None:
    engine.upsert(
        [
            doc("far", "Min far bygger ett hus."),
            doc("får", "Vi får bygga ett hus."),
            doc("fat", "Ett fat med frukt."),
        ]
    )
    assert ids(engine, "får") == ["får"]
    assert ids(engine, "far") == ["far"]
    assert ids(engine, "fat") == ["fat"]


def test_all_words_first_then_any_word(case_engine: SearchBackend) -> None:
    assert ids(case_engine, "cykelbanor centrum") == ["cykel"]
    # No document has both words: each document with either, those with more words first.
    assert sorted(ids(case_engine, "skattesatsen trafiksäkerheten")) == ["budget", "yttrande"]


def test_only_ids_restricts_and_falls_back_to_any_word_only_as_the_archive_would(
    case_engine: SearchBackend,
) -> None:
    """What a watch asks (diarium.watches.check): the same search over some documents."""

    def within(text: str, only: list[str], **filters: object) -> list[str]:
        query = SearchQuery(text=text, only_ids=only, limit=10, facets=False, **filters)  # type: ignore[arg-type]
        return sorted(hit.id for hit in case_engine.search(query).hits)

    assert within("cykelbanor", ["remiss", "budget"]) == ["remiss"]
    assert within("", ["remiss", "yttrande", "cykel"], case_number="tn 2019/3825") == [
        "remiss",
        "yttrande",
    ]
    assert within("cykelbanor", ["remiss", "cykel"], doc_type="remiss") == ["remiss"]
    # "cykelbanor centrum" stands whole in `cykel`: a search over the archive would not
    # fall back to any word, so restricted to `remiss` (only "cykelbanor") nothing is found.
    assert within("cykelbanor centrum", ["remiss"]) == []
    # No document has both words: the search falls back to any word, restricted too.
    assert within("skattesatsen trafiksäkerheten", ["budget", "remiss"]) == ["budget"]
    assert within("cykelbanor", []) == []


def test_a_query_compound_also_finds_its_parts_below_the_word_itself(
    engine: SearchBackend,
) -> None:
    engine.upsert(
        [
            doc("delar", "Modellen för samverkan prövas i området.", doc_type="yttrande"),
            doc("ordet", "Samverkansmodellen införs under året.", doc_type="beslut"),
            doc("annat", "Modellen för budgeten ändras.", doc_type="beslut"),
        ]
    )
    result = engine.search(SearchQuery(text="samverkansmodell"))
    assert [h.id for h in result.hits] == ["ordet", "delar"] and result.total == 2
    assert result.facets["doc_type"] == {"beslut": 1, "yttrande": 1}
    # With a typo both are found (which first is the engine's call: a typo costs too).
    typo = engine.search(SearchQuery(text="samverkansmodel"))
    assert sorted(h.id for h in typo.hits) == ["delar", "ordet"] and typo.total == 2
    by_date = engine.search(SearchQuery(text="samverkansmodell", sort="date", limit=1, offset=1))
    assert by_date.total == 2 and len(by_date.hits) == 1
    second = engine.search(SearchQuery(text="samverkansmodell", limit=1, offset=1))
    assert [h.id for h in second.hits] == ["delar"]


def test_snippets_are_escaped_and_marked(engine: SearchBackend) -> None:
    engine.upsert([doc("x", 'Svar: <script>alert(1)</script> & "nämnden" beslutar.')])
    (hit,) = engine.search(SearchQuery(text="nämnden")).hits
    assert "&lt;script&gt;" in hit.snippet and "<script>" not in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<mark>nämnden</mark>" in hit.snippet
    assert hit.snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_hits_carry_metadata(case_engine: SearchBackend) -> None:
    (hit,) = case_engine.search(SearchQuery(text="trafiksäkerheten")).hits
    assert (hit.id, hit.source, hit.title, hit.doc_type, hit.date) == (
        "yttrande",
        "test://yttrande",
        "Yttrande över remiss",
        "yttrande",
        "2020-05-11",
    )
    assert hit.committees == ["stadsbyggnadsnämnden"] and hit.case_numbers == ["TN-2019-3825"]
    assert hit.score > 0


def test_empty_index(engine: SearchBackend) -> None:
    result = engine.search(SearchQuery(text="nämnd"))
    assert (result.total, result.hits, result.facets) == (0, [], {})
    assert engine.search(SearchQuery()).total == 0
    assert engine.documents_with_case("TN-2019-3825") == []


# -- the seed texts of the corpus -----------------------------------------------------------

#: id prefix -> (doc_type, committees, case_numbers, date, title)
SEEDS: dict[str, tuple[str, list[str], list[str], str | None, str]] = {
    "000": (
        "tjänsteskrivelse",
        ["stadsbyggnadsnämnden", "kommunstyrelsen"],
        ["STK-2023-137", "SBN-2023-734"],
        "2023-12-01",
        "Remiss - Definiera och starta ett långsiktigt och strategiskt områdeslyft",
    ),
    "001": (
        "yttrande",
        ["kommunstyrelsen", "tekniska nämnden"],
        ["STK-2020-1205", "TN-2019-3825", "STK-2020-773"],
        "2020-11-17",
        "Remiss från tekniska nämnden - Modell för samverkansstöd",
    ),
    "002": (
        "tjänsteskrivelse",
        ["tekniska nämnden"],
        ["TN-2019-3825"],
        "2020-08-17",
        "Modell för samverkansstöd",
    ),
    "003": ("webbsida", [], [], None, "Områdesprogram för ett socialt hållbart Malmö"),
    "004": ("årsredovisning", ["kommunfullmäktige"], [], None, "Kommunövergripande verksamhet"),
}


@pytest.fixture
def seeded(engine: SearchBackend, corpus_dir: Path) -> SearchBackend:
    seeds = corpus_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed texts not found at {seeds}")
    documents = []
    for path in sorted(seeds.glob("*.txt")):
        doc_type, committees, cases, date, title = SEEDS[path.name[:3]]
        documents.append(
            IndexDocument(
                id=path.name[:3],
                source=str(path),
                title=title,
                doc_type=doc_type,
                date=date,
                year=int(date[:4]) if date else None,
                committees=committees,
                case_numbers=cases,
                text=path.read_text(encoding="utf-8"),
            )
        )
    assert engine.upsert(documents) == 5
    return engine


@pytest.mark.corpus
def test_seeds_topic_typo_and_case(seeded: SearchBackend) -> None:
    assert ids(seeded, "områdeslyft")[0] == "000"
    typo = seeded.search(SearchQuery(text="samverkansmodel"))
    assert typo.hits[0].id == "001"
    assert "<mark>samverkansmodell" in typo.hits[0].snippet
    for written in ("TN-2019-3825", "tn 2019 3825", "TN 2019/3825"):
        assert sorted(ids(seeded, written)) == ["001", "002"]
        assert [h.id for h in seeded.documents_with_case(written)] == ["002", "001"]
    found = ids(seeded, "områdeslyft TN 2019/3825")
    assert sorted(found[:2]) == ["001", "002"] and found[2:] == ["000"]


@pytest.mark.corpus
def test_seeds_filters(seeded: SearchBackend) -> None:
    assert sorted(ids(seeded, "Malmö")) == ["000", "001", "002", "003", "004"]
    assert sorted(ids(seeded, "Malmö", doc_type="tjänsteskrivelse")) == ["000", "002"]
    assert sorted(ids(seeded, "Malmö", committee="tekniska nämnden")) == ["001", "002"]
    assert ids(seeded, "", committee="kommunstyrelsen") == ["000", "001"]
    assert ids(seeded, "Lindängen", doc_type="yttrande") == ["001"]


# -- Meilisearch without a reachable server (a real closed port, no fake) -------------------


@pytest.fixture
def closed_url() -> str:
    """The address of a local port that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_unreachable_server_is_a_search_error_naming_the_url(closed_url: str) -> None:
    backend = MeilisearchBackend(MeiliConfig(url=closed_url, api_key="admin"))
    calls = [
        lambda: backend.search(SearchQuery(text="nämnd")),
        lambda: backend.upsert([doc("a", "text")]),
        lambda: backend.delete(["a"]),
        backend.ids,
        backend.count,
        lambda: backend.documents_with_case("TN-2019-3825"),
    ]
    for call in calls:
        with pytest.raises(SearchError, match=f"Meilisearch at {closed_url} is unreachable"):
            call()
    backend.close()
    with pytest.raises(SearchError, match="closed"):
        backend.count()


def test_a_search_only_key_cannot_write(closed_url: str) -> None:
    reader = MeilisearchBackend(MeiliConfig(url=closed_url, search_key="search-only"))
    with pytest.raises(SearchError, match="MEILI_API_KEY"):
        reader.upsert([doc("a", "text")])
    with pytest.raises(SearchError, match="MEILI_API_KEY"):
        reader.delete(["a"])


def test_open_backend_reads_the_meilisearch_configuration(
    closed_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("MEILI_URL", raising=False)
    with pytest.raises(SearchError, match="MEILI_URL is not set"):
        open_backend("meilisearch", tmp_path)
    monkeypatch.setenv("MEILI_URL", closed_url)
    monkeypatch.setenv("MEILI_INDEX", "diarium_elsewhere")
    backend = open_backend("meilisearch", tmp_path)
    assert isinstance(backend, MeilisearchBackend) and isinstance(backend, SearchBackend)
    assert (backend.url, backend.index_uid) == (closed_url, "diarium_elsewhere")
    with pytest.raises(ValueError, match="tantivy"):
        open_backend("elastic", tmp_path)


def test_the_dagster_resource_opens_meilisearch_with_the_admin_key(
    closed_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pipelines.resources import SearchIndexResource

    monkeypatch.setenv("MEILI_SEARCH_KEY", "search-only")
    resource = SearchIndexResource(
        backend="meilisearch", meili_url=closed_url, meili_api_key="admin", meili_index="idx"
    )
    backend = resource.open(Archive.open(tmp_path / "home"))
    assert isinstance(backend, MeilisearchBackend)
    assert (backend.url, backend.index_uid) == (closed_url, "idx")
    assert (backend.config.api_key, backend.config.search_key) == ("admin", None)
    with pytest.raises(SearchError, match=closed_url):
        backend.ids()


@pytest.mark.slow
def test_ingest_with_an_unreachable_server_marks_nothing_indexed(
    closed_url: str, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    from diarium.sample import BUNDLED
    from pipelines.launch import run_ingest

    monkeypatch.setenv("MEILI_URL", closed_url)
    monkeypatch.setenv("MEILI_API_KEY", "admin")
    archive = Archive.open(home)
    with pytest.raises(Exception, match="search_index") as failed:
        run_ingest(archive, [BUNDLED], search_backend="meilisearch")
    # The step's error in the run's event log (what the Dagster UI shows) names the server.
    from dagster import DagsterEventType, DagsterInstance

    with DagsterInstance.get() as instance:
        events = instance.all_logs(failed.value.run_id, of_type=DagsterEventType.STEP_FAILURE)
    messages = []
    for event in events:
        error = event.dagster_event.step_failure_data.error
        while error is not None:
            messages.append(error.message)
            error = error.cause
    assert any(f"Meilisearch at {closed_url} is unreachable" in m for m in messages), messages
    records = list(archive.iter_records())
    assert records and all(r["status"] == "ok" for r in records)  # read and extracted
    assert not archive.read_state("indexed", {})  # but none marked indexed
