"""The officers' web page and JSON API over a real archive (seeds ingested by the Dagster job).

The app runs in process through FastAPI's TestClient; `test_serve_command_answers_on_loopback`
starts the real `diarium serve` on 127.0.0.1. The browser scenarios are in
tests/test_web_browser.py.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from anyio import to_thread
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from diarium.archive import Archive, ArchiveMissing
from diarium.web import create_app, create_app_from_env
from diarium.web.highlight import highlight_text, trusted_snippet
from diarium.web.suggest import Vocabulary
from pipelines.launch import run_ingest
from search import QueryError, SearchError, SearchQuery, open_backend
from search.matching import text_highlights
from search.meilisearch_backend import MeilisearchBackend
from tests.conftest import CORPUS_DIR
from tests.meili_server import MeiliServer
from tests.web_server import free_port, start_server, stop_server

pytestmark = pytest.mark.slow

SEED_000 = "000_9d0ea22ed9efec86.txt"
SEED_001 = "001_a62ebeae222b00ed.txt"
SEED_002 = "002_e4234ed91c9147e1.txt"
PROTOKOLL = CORPUS_DIR / "kungsbacka" / "ks-au_2024-02-06_protokoll.md"
SCRIPT_FILE = "webbformular.txt"
CHANGED_FILE = "andrad_efter_inlasning.txt"
#: "1 träff för …", "12 träffar för …"
HITS_HEADING = re.compile(r"\d+ träff(ar)? för")

# A document whose text carries markup that must never run: in a title-like first line, in
# the body and in an attribute.
SCRIPT_DOCUMENT = """Webbformulär och <script>alert('rubrik')</script> i rubriken

Tjänsteskrivelse

Datum 2024-03-01

Diarienummer KS-2024-999

Ett inskickat webbformulär innehöll texten <script>alert('xss')</script> och en bild \
<img src=x onerror="alert(2)"> som ska visas som text och aldrig köras.

Kommunstyrelsen föreslås besluta att godkänna åtgärderna för webbformulär.
"""
CHANGED_DOCUMENT = """Tjänsteskrivelse

Datum 2024-05-02

Diarienummer KS-2024-1001

Kommunstyrelsen föreslås besluta att anta riktlinjer för arkivering av handlingar.
"""


@dataclass(frozen=True)
class SeededArchive:
    archive: Archive
    ids: dict[str, str]  # file name -> document id
    changed_original: Path


def seeded_archive(root: Path, *more: Path) -> SeededArchive:
    """Ingest the seeds, two written documents and `more` into a fresh archive under `root`.

    The caller sets DIARIUM_HOME and DAGSTER_HOME (run_ingest points them at the archive).
    """
    extra = root / "extra"
    extra.mkdir()
    (extra / SCRIPT_FILE).write_text(SCRIPT_DOCUMENT, encoding="utf-8")
    changed = extra / CHANGED_FILE
    changed.write_text(CHANGED_DOCUMENT, encoding="utf-8")
    archive = Archive.open(root / "archive")
    result = run_ingest(archive, [CORPUS_DIR / "seeds", extra, *more])
    assert result.success
    # Edited after it was read: the archive no longer holds what is on disk.
    changed.write_text(CHANGED_DOCUMENT + "\nTillägg efter inläsningen.\n", encoding="utf-8")
    ids = {Path(r["source"]).name: r["id"] for r in archive.iter_records()}
    return SeededArchive(archive=archive, ids=ids, changed_original=changed)


@pytest.fixture(scope="module", params=["tantivy", "meilisearch"])
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SeededArchive]:
    """The archive, ingested and served on each engine in turn: every page and API test
    runs on the embedded index and on a real Meilisearch (tests/meili_server.py). As in
    production, ingestion writes with the admin key and the pages read with a key that may
    only search (MEILI_SEARCH_KEY, without MEILI_API_KEY)."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"../shared/corpus not present: {CORPUS_DIR} holds the real documents")
    root = tmp_path_factory.mktemp("web")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DIARIUM_HOME", str(root / "archive"))
        env.setenv("DAGSTER_HOME", str(root / "archive" / "dagster"))
        env.setenv("DIARIUM_SEARCH_BACKEND", request.param)
        if request.param == "meilisearch":
            server: MeiliServer = request.getfixturevalue("meili_server")
            env.setenv("MEILI_URL", server.url)
            env.setenv("MEILI_API_KEY", server.admin_key)
            env.delenv("MEILI_SEARCH_KEY", raising=False)
            env.setenv("MEILI_INDEX", f"diarium_web_{uuid.uuid4().hex[:12]}")
        seeded = seeded_archive(root, PROTOKOLL)
        if request.param == "meilisearch":
            admin = MeilisearchBackend.from_env()
            env.setenv("MEILI_SEARCH_KEY", _search_only_key(server, admin.index_uid))
            env.delenv("MEILI_API_KEY")
        try:
            yield seeded
        finally:
            if request.param == "meilisearch":
                admin.delete_index()
                admin.close()


def _search_only_key(server: MeiliServer, index_uid: str) -> str:
    answer = httpx.post(
        f"{server.url}/keys",
        headers={"Authorization": f"Bearer {server.master_key}"},
        json={"actions": ["search"], "indexes": [index_uid], "expiresAt": None},
    )
    answer.raise_for_status()
    return str(answer.json()["key"])


@pytest.fixture(scope="module")
def client(seeded: SeededArchive) -> Iterator[TestClient]:
    # raise_server_exceptions=False: a crash must come back as the friendly 500 page.
    with TestClient(create_app(seeded.archive), raise_server_exceptions=False) as test_client:
        yield test_client


def page(client: TestClient, url: str, status: int = 200) -> HTMLParser:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return HTMLParser(response.text)


def hit_ids(tree: HTMLParser) -> list[str]:
    return [
        urlsplit(a.attributes["href"] or "").path.rsplit("/", 1)[-1]
        for a in tree.css("li.hit h2 a")
    ]


# -- search page -----------------------------------------------------------------------------


def test_search_page_lists_hits_with_metadata_and_highlighted_snippet(
    client: TestClient, seeded: SeededArchive
) -> None:
    tree = page(client, "/?q=områdeslyft")
    assert tree.css_first("html").attributes["lang"] == "sv"
    assert HITS_HEADING.search(tree.css_first("h1").text())
    assert hit_ids(tree)[0] == seeded.ids[SEED_000]
    first = tree.css_first("li.hit")
    assert "Tjänsteskrivelse" in first.css_first(".badge").text()
    assert first.css_first("time").attributes["datetime"] == "2023-12-01"
    assert "Stadsbyggnadsnämnden" in first.text()
    assert [a.text() for a in first.css("a.case-link")] == ["SBN-2023-734", "STK-2023-137"]
    marks = [m.text().lower() for m in first.css(".snippet mark")]
    assert marks and all(m == "områdeslyft" for m in marks)
    # The hit links to the document with the query, so the full text is highlighted too.
    link = first.css_first("h2 a").attributes["href"] or ""
    assert parse_qs(urlsplit(link).query)["q"] == ["områdeslyft"]
    headings = [h.text() for h in tree.css(".facet h2")]
    assert headings == ["Dokumenttyp", "Nämnd", "År"]


def test_search_box_is_labelled_and_keeps_the_query(client: TestClient) -> None:
    tree = page(client, "/?q=samverkansstöd")
    field = tree.css_first("input#q")
    label = tree.css_first("label[for=q]")
    assert label is not None and label.text() == "Sök i arkivet"
    assert field.attributes["value"] == "samverkansstöd"
    assert field.attributes["maxlength"] == "500"
    assert tree.css_first("form[role=search] button").text() == "Sök"


def test_facet_links_filter_and_counts_match(client: TestClient) -> None:
    tree = page(client, "/?q=nämnden")
    facet = next(s for s in tree.css(".facet") if s.css_first("h2").text() == "Nämnd").css_first(
        "a.facet-link"
    )
    committee = facet.css_first(".facet-label").text()
    count = int(facet.css_first(".count").text())
    href = facet.attributes["href"] or ""
    assert parse_qs(urlsplit(href).query)["committee"] == [committee.lower()]

    filtered = page(client, href)
    assert f"{count} träff" in filtered.css_first("h1").text()
    chip = filtered.css_first(".active-filters a.chip")
    assert committee in chip.text()
    api = client.get("/api" + href.replace("/?", "/search?") + "&size=100").json()
    assert api["total"] == count
    assert all(committee.lower() in hit["committees"] for hit in api["hits"])
    # Clicking the chosen value again removes the filter.
    chosen = filtered.css_first("a.facet-link.selected")
    assert "committee" not in parse_qs(urlsplit(chosen.attributes["href"] or "").query)


def test_query_filters_sort_and_page_live_in_the_url(client: TestClient) -> None:
    # The two written documents: tjänsteskrivelser of 2024 that name kommunstyrelsen.
    url = "/?q=kommunstyrelsen&type=tjänsteskrivelse&year=2024&sort=date&size=1&page=1"
    tree = page(client, url)
    next_link = tree.css_first(".pagination a[rel=next]").attributes["href"] or ""
    params = parse_qs(urlsplit(next_link).query)
    assert params == {
        "q": ["kommunstyrelsen"],
        "type": ["tjänsteskrivelse"],
        "year": ["2024"],
        "sort": ["date"],
        "page": ["2"],
        "size": ["1"],
    }
    # The search box keeps the filters and the sort for the next query.
    hidden = {
        i.attributes["name"]: i.attributes["value"]
        for i in tree.css("form.search-form input[type=hidden]")
    }
    assert hidden == {"type": "tjänsteskrivelse", "year": "2024", "sort": "date"}
    second = page(client, next_link)
    assert second.css_first(".pagination a[aria-current=page]").text() == "2"


def test_pages_split_the_hits_without_gaps_or_repeats(client: TestClient) -> None:
    everything = client.get("/api/search", params={"q": "nämnden", "size": 100}).json()
    assert everything["total"] >= 4
    paged: list[str] = []
    for number in range(1, everything["total"] // 2 + 2):
        answer = client.get("/api/search", params={"q": "nämnden", "size": 2, "page": number})
        paged.extend(h["id"] for h in answer.json()["hits"])
    assert paged == [h["id"] for h in everything["hits"]]


def test_sort_by_date_lists_newest_first_and_undated_last(seeded: SeededArchive) -> None:
    backend = open_backend(os.environ["DIARIUM_SEARCH_BACKEND"], seeded.archive.index_dir)
    try:
        by_date = backend.search(SearchQuery(text="Malmö", sort="date", limit=50))
        by_relevance = backend.search(SearchQuery(text="Malmö", limit=50))
        with pytest.raises(QueryError):
            backend.search(SearchQuery(text="Malmö", sort="title"))
    finally:
        backend.close()
    dates = [h.date for h in by_date.hits]
    dated = [d for d in dates if d]
    assert len(dated) >= 3 and None in dates
    assert dated == sorted(dated, reverse=True)
    assert dates[len(dated) :] == [None] * (len(dates) - len(dated))
    assert {h.id for h in by_date.hits} == {h.id for h in by_relevance.hits}
    assert by_date.total == by_relevance.total


def test_sort_links_switch_the_order(client: TestClient) -> None:
    tree = page(client, "/?q=Malmö")
    date_link = next(a for a in tree.css(".sort a") if a.text() == "datum")
    by_date = page(client, date_link.attributes["href"] or "")
    assert by_date.css_first(".sort a[aria-current]").text() == "datum"
    dates = [t.attributes["datetime"] for t in by_date.css("li.hit .hit-meta time")]
    assert dates == sorted(dates, reverse=True)


def test_no_hits_page_suggests_a_spelling_from_the_archive(client: TestClient) -> None:
    # "ytranda" is two edits from "yttrande": past the engine's typo tolerance.
    assert client.get("/api/search", params={"q": "ytranda"}).json()["total"] == 0
    tree = page(client, "/?q=ytranda")
    assert tree.css_first("h1").text().strip().startswith("Inga träffar")
    suggestion = tree.css_first(".did-you-mean a")
    assert "Menade du" in tree.css_first(".did-you-mean").text()
    assert suggestion.text() == "yttrande"
    follow = page(client, suggestion.attributes["href"] or "")
    assert HITS_HEADING.search(follow.css_first("h1").text())


def test_no_hits_page_offers_to_drop_filters(client: TestClient) -> None:
    tree = page(client, "/?q=områdeslyft&year=2019")
    assert tree.css_first("h1").text().strip().startswith("Inga träffar")
    tips = tree.css_first(".no-results").text()
    assert "Sök utan filter" in tips and "diarienummer" in tips


def test_did_you_mean_also_shows_next_to_hits(client: TestClient) -> None:
    # "samverkansstöd" finds documents whatever the engine makes of the typo next to it.
    tree = page(client, "/?q=samverkansstöd kommunstyrelsn")
    assert tree.css("li.hit")
    suggestion = tree.css_first(".did-you-mean a")
    assert suggestion.text() == "samverkansstöd kommunstyrelsen"


def test_vocabulary_suggests_archived_words_for_unknown_ones() -> None:
    vocabulary = Vocabulary(
        [
            "Kommunstyrelsen beslutar att bevilja bygglov för nybyggnad av förskola.",
            "Stadsbyggnadsnämndens yttrande över detaljplanen för Holma och Kroksbäck.",
        ]
    )
    assert vocabulary.suggest("kommunstyrelsn bygglof") == "kommunstyrelsen bygglov"
    assert vocabulary.suggest("Detaljplanen för Kroksbäk") == "Detaljplanen för Kroksbäck"
    # Known words, inflections of them, compound parts and case numbers stay as typed.
    assert vocabulary.suggest("stadsbyggnadsnämnden") is None
    assert vocabulary.suggest("förskolan bygglovet") is None
    assert vocabulary.suggest("nybyggnad tn 2019 3825") is None


# -- case page -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "tn-2019-3825",
        "TN%202019%2F3825",
        "tn%202019%203825",
        "TN 2019/3825",
        # every form the extractor reads: serial before the year, two-digit year, a code
        "TN%203825%2F2019",
        "tn%2019%2F3825",
        "TN%202019%2F03825-1.5.2",
        "2019%2F3825-TN",
    ],
)
def test_case_page_redirects_any_written_form_to_the_canonical_one(
    client: TestClient, written: str
) -> None:
    response = client.get(f"/arende/{written}", follow_redirects=False)
    assert response.status_code in (301, 308)
    assert response.headers["location"] == "/arende/TN-2019-3825"


def test_case_page_lists_the_documents_in_date_order_with_roles(
    client: TestClient, seeded: SeededArchive
) -> None:
    tree = page(client, "/arende/tn-2019-3825")
    assert tree.css_first("h1").text() == "TN-2019-3825"
    items = tree.css("li.timeline-item")
    ids = [(i.css_first("h3 a").attributes["href"] or "").rsplit("/", 1)[-1] for i in items]
    assert ids == [seeded.ids[SEED_002], seeded.ids[SEED_001]]
    assert [i.css_first("time").attributes["datetime"] for i in items] == [
        "2020-08-17",
        "2020-11-17",
    ]
    assert "Tjänsteskrivelse" in items[0].text() and "ärendets eget nummer" in items[0].text()
    assert "Yttrande" in items[1].text() and "hänvisar till ärendet" in items[1].text()
    committees = tree.css_first(".case-side").text()
    assert "Tekniska nämnden" in committees and "Kommunstyrelsen" in committees
    decisions = [d.text() for d in tree.css(".decision-text")]
    assert any("godkänna den föreslagna modellen för samverkansstöd" in d for d in decisions)


def test_proposals_are_shown_as_forslag_till_beslut_never_as_decisions_taken(
    client: TestClient, seeded: SeededArchive
) -> None:
    # Issue 13: the remiss's att-clauses are tekniska nämnden's proposals.
    for url in ("/arende/tn-2019-3825", f"/dokument/{seeded.ids[SEED_002]}"):
        tree = page(client, url)
        proposals = tree.css_first('section[aria-labelledby="forslag"]')
        assert proposals is not None
        assert proposals.css_first("h2").text() == "Förslag till beslut"
        texts = [d.text() for d in proposals.css(".decision-text")]
        assert any("godkänna den föreslagna modellen för samverkansstöd" in t for t in texts)
        taken = tree.css_first('section[aria-labelledby="beslut"]')
        taken_texts = [d.text() for d in taken.css(".decision-text")] if taken else []
        assert not any("föreslagna modellen" in t for t in taken_texts)


def test_case_page_for_unknown_or_malformed_numbers_is_a_friendly_404(client: TestClient) -> None:
    unknown = page(client, "/arende/KS-1999-1", status=404)
    assert "KS-1999-1" in unknown.css_first(".lead").text()
    malformed = page(client, "/arende/inget-nummer", status=404)
    assert "är inget diarienummer" in malformed.css_first(".lead").text()


# -- document page ---------------------------------------------------------------------------


def test_document_page_shows_extraction_text_and_related(
    client: TestClient, seeded: SeededArchive
) -> None:
    doc_id = seeded.ids[SEED_002]
    tree = page(client, f"/dokument/{doc_id}?q=samverkansstöd")
    assert tree.css_first("h1").text() == "Modell för samverkansstöd TN-2019-3825"
    facts = tree.css_first("dl.facts").text()
    for expected in ("2020-08-17", "Tekniska nämnden", "2020-08-25", "Linda Medberg"):
        assert expected in facts
    assert tree.css_first("dl.facts a.case-link").attributes["href"] == "/arende/TN-2019-3825"
    decisions = [d.text() for d in tree.css(".decision-text")]
    assert any(d.startswith("för egen del godkänna") for d in decisions)
    marks = tree.css(".fulltext mark")
    assert marks and {m.text().lower() for m in marks} == {"samverkansstöd"}
    assert marks[0].attributes["id"] == "traff-1"
    related = [a.attributes["href"] for a in tree.css("ul.related a")]
    assert related == [f"/dokument/{seeded.ids[SEED_001]}?q=samverkansst%C3%B6d"]
    assert tree.css_first("a.button").text() == "Ladda ner original"


def test_protokoll_decisions_show_their_paragraph(
    client: TestClient, seeded: SeededArchive
) -> None:
    doc_id = seeded.ids[PROTOKOLL.name]
    doc = client.get(f"/api/document/{doc_id}").json()
    with_paragraph = [d for d in doc["decisions"] if d["paragraph"]]
    assert with_paragraph
    tree = page(client, f"/dokument/{doc_id}")
    shown = [p.text() for p in tree.css(".decision .paragraph")]
    # Decisions taken first, then the proposals under "Förslag till beslut".
    taken = [d["paragraph"] for d in with_paragraph if d["kind"] == "beslut"]
    proposed = [d["paragraph"] for d in with_paragraph if d["kind"] == "förslag"]
    assert shown == taken + proposed
    # The case page gathers the decision taken under its § in the protokoll.
    case = with_paragraph[0]["case_number"]
    tree = page(client, f"/arende/{case}")
    heads = [h.text() for h in tree.css(".decision-head")]
    assert any(with_paragraph[0]["paragraph"] in h for h in heads)
    assert with_paragraph[0]["paragraph"] in tree.css_first(".timeline .paragraphs").text()


def test_full_text_highlights_inflections_and_case_number_forms(
    client: TestClient, seeded: SeededArchive
) -> None:
    tree = page(client, f"/dokument/{seeded.ids[SEED_002]}?q=nämnd")
    marked = {m.text().lower() for m in tree.css(".fulltext mark")}
    assert "nämnden" in marked
    tree = page(client, f"/dokument/{seeded.ids[SEED_001]}?q=tn 2019 3825")
    assert "TN-2019-3825" in {m.text() for m in tree.css(".fulltext mark")}


def test_highlighting_marks_words_by_stem_and_escapes_everything() -> None:
    text = "Nämnden & <b>nämndens</b> beslut om samverkansmodellen."
    ranges = text_highlights(text, "nämnd")
    assert [text[s:e] for s, e in ranges] == ["Nämnden", "nämndens"]
    html = str(highlight_text(text, ranges))
    assert html == (
        '<p><mark id="traff-1">Nämnden</mark> &amp; &lt;b&gt;<mark>nämndens</mark>'
        "&lt;/b&gt; beslut om samverkansmodellen.</p>"
    )
    # A typo in the query is forgiven as the search forgives it.
    assert [text[s:e] for s, e in text_highlights(text, "samverkansmodelen")] == [
        "samverkansmodellen"
    ]


def test_download_serves_the_archived_original(client: TestClient, seeded: SeededArchive) -> None:
    response = client.get(f"/dokument/{seeded.ids[SEED_002]}/original")
    assert response.status_code == 200
    assert response.content == (CORPUS_DIR / "seeds" / SEED_002).read_bytes()
    assert response.headers["content-disposition"].startswith("attachment")
    assert SEED_002 in response.headers["content-disposition"]


def test_download_refuses_an_original_changed_since_ingestion(
    client: TestClient, seeded: SeededArchive
) -> None:
    tree = page(client, f"/dokument/{seeded.ids[CHANGED_FILE]}/original", status=410)
    assert "har ändrats sedan den lästes in" in tree.css_first(".lead").text()


@pytest.mark.parametrize(
    "path",
    [
        "/dokument/..%2F..%2Fetc%2Fpasswd",
        "/dokument/..%2F..%2Fetc%2Fpasswd/original",
        "/dokument/%2e%2e%2f%2e%2e%2fetc%2fpasswd/original",
        "/dokument/....%2F....%2Fetc%2Fpasswd/original",
        "/dokument/0000000000000000/original",
        "/dokument/%2Fetc%2Fpasswd/original",
        "/api/document/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_no_path_from_the_request_reaches_the_file_system(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text


# -- safety ----------------------------------------------------------------------------------


def test_script_in_a_document_renders_inert_in_snippet_and_full_text(
    client: TestClient, seeded: SeededArchive
) -> None:
    response = client.get("/?q=webbformulär")
    assert response.status_code == 200
    assert "<script>alert" not in response.text and "<img src=x" not in response.text
    tree = HTMLParser(response.text)
    hit = tree.css_first("li.hit")
    assert hit_ids(tree)[0] == seeded.ids[SCRIPT_FILE]
    # Shown as text, whichever passage with the word the engine cut the snippet from (the
    # embedded engine's first lines, Meilisearch's crop window around the later mention).
    assert re.search(r"<script>alert\('(rubrik|xss)'\)</script>", hit.css_first(".snippet").text())
    assert tree.css("script") == [] and tree.css("li.hit img") == []

    doc = client.get(f"/dokument/{seeded.ids[SCRIPT_FILE]}?q=webbformulär")
    assert "<script>alert" not in doc.text and "<img src=x" not in doc.text
    text = HTMLParser(doc.text).css_first(".fulltext")
    assert "<script>alert('xss')</script>" in text.text()
    assert '<img src=x onerror="alert(2)">' in text.text()
    assert [m.text() for m in text.css("mark")][:2] == ["Webbformulär", "webbformulär"]
    assert text.css("script") == [] and text.css("img") == []


def test_script_in_the_query_renders_inert(client: TestClient, seeded: SeededArchive) -> None:
    attack = "<script>alert(1)</script>"
    for url in (f"/?q={attack}", f"/dokument/{seeded.ids[SEED_002]}?q={attack}"):
        response = client.get(url, params=None)
        assert response.status_code == 200
        assert attack not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
        assert HTMLParser(response.text).css("script") == []


def test_only_backend_shaped_snippets_are_trusted() -> None:
    assert str(trusted_snippet("a &lt;b&gt; <mark>c</mark>")) == "a &lt;b&gt; <mark>c</mark>"
    assert str(trusted_snippet("<mark>x</mark><script>y</script>")) == (
        "&lt;mark&gt;x&lt;/mark&gt;&lt;script&gt;y&lt;/script&gt;"
    )


def test_pages_forbid_inline_scripts(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/?q=" + "a" * 501, "Sökfrågan är för lång (högst 500 tecken)."),
        ("/?q=bygglov&size=101", "Träffar per sida får vara högst 100."),
        ("/?q=bygglov&page=0", "Sida måste vara minst 1."),
        ("/?q=bygglov&year=tjugo", "År måste vara ett heltal."),
        ("/?q=bygglov&sort=namn", "Sortering måste vara ett av: 'relevance' or 'date'."),
    ],
)
def test_limits_give_friendly_swedish_errors(client: TestClient, url: str, message: str) -> None:
    tree = page(client, url, status=422)
    assert [li.text() for li in tree.css(".problems li")] == [message]
    api = client.get(url.replace("/?", "/api/search?"))
    assert api.status_code == 422
    assert api.json()["detail"][0]["msg"] == message


def test_unknown_pages_and_crashes_are_friendly_pages(
    client: TestClient, seeded: SeededArchive
) -> None:
    missing = page(client, "/finns/inte", status=404)
    assert missing.css_first("h1").text() == "Sidan finns inte"
    # A record broken on disk makes the page crash for real: the visitor sees no internals.
    broken = seeded.archive.record_path("ffffffffffffffff")
    broken.write_text("{inte json", encoding="utf-8")
    try:
        response = client.get("/dokument/ffffffffffffffff")
    finally:
        broken.unlink()
    assert response.status_code == 500
    assert "Något gick fel" in response.text
    for internal in ("Traceback", "JSONDecodeError", "records/", 'File "'):
        assert internal not in response.text
    assert client.get("/api/document/ffffffffffffffff").status_code == 404


# -- JSON API --------------------------------------------------------------------------------


def test_api_search_matches_the_page(client: TestClient) -> None:
    answer = client.get("/api/search", params={"q": "områdeslyft"}).json()
    assert set(answer) >= {"query", "total", "hits", "facets", "suggestion", "page", "pages"}
    assert [h["id"] for h in answer["hits"]] == hit_ids(page(client, "/?q=områdeslyft"))
    counts = {f["value"]: f["count"] for f in answer["facets"]["year"]}
    assert sum(counts.values()) == answer["total"]


def test_api_case_accepts_any_written_form(client: TestClient, seeded: SeededArchive) -> None:
    for written in ("tn 2019 3825", "TN-2019-3825", "TN 2019/3825"):
        answer = client.get(f"/api/case/{written}").json()
        assert answer["case_number"] == "TN-2019-3825"
        assert [(d["id"], d["role"]) for d in answer["documents"]] == [
            (seeded.ids[SEED_002], "own"),
            (seeded.ids[SEED_001], "referenced"),
        ]
    assert client.get("/api/case/KS-1999-1").status_code == 404


def test_api_document_has_extraction_and_text(client: TestClient, seeded: SeededArchive) -> None:
    answer = client.get(f"/api/document/{seeded.ids[SEED_001]}").json()
    assert answer["doc_type"] == "yttrande"
    assert {c["normalized"]: c["role"] for c in answer["case_numbers"]}["TN-2019-3825"] == (
        "referenced"
    )
    assert "samverkansstöd" in answer["text"]
    assert [r["id"] for r in answer["related"]] == [seeded.ids[SEED_002]]


def test_openapi_describes_the_api_only(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/search",
        "/api/case/{case_number}",
        "/api/document/{doc_id}",
    }
    parameters = {p["name"] for p in schema["paths"]["/api/search"]["get"]["parameters"]}
    assert parameters == {"q", "type", "committee", "year", "sort", "page", "size"}


# -- the command -----------------------------------------------------------------------------


def test_serve_command_answers_on_loopback(seeded: SeededArchive) -> None:
    port = free_port()
    server = start_server(seeded.archive.home, port)
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/", params={"q": "tn 2019 3825"})
        assert response.status_code == 200
        # The documents of the case come first (their order between them is the engine's).
        ids = hit_ids(HTMLParser(response.text))
        assert set(ids[:2]) == {seeded.ids[SEED_002], seeded.ids[SEED_001]}
    finally:
        stop_server(server)


def test_serve_with_workers_answers_the_same_from_every_process(seeded: SeededArchive) -> None:
    # Two processes on one port, each opening the archive itself (the app factory reads
    # DIARIUM_HOME): concurrent requests reach both, and every answer is the same page.
    port = free_port()
    records_before = sorted(p.name for p in seeded.archive.records_dir.iterdir())
    server = start_server(seeded.archive.home, port, workers=2)
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        if children.exists():
            assert len(children.read_text().split()) >= 2  # the supervisor's workers
        url = f"http://127.0.0.1:{port}/api/search"
        params = {"q": "tn 2019 3825"}

        def ask(_: int) -> tuple[int, tuple[str, ...]]:
            response = httpx.get(url, params=params, timeout=30)
            return response.status_code, tuple(hit["id"] for hit in response.json()["hits"])

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = set(pool.map(ask, range(40)))
        assert len(answers) == 1
        status, ids = answers.pop()
        assert status == 200
        assert set(ids[:2]) == {seeded.ids[SEED_002], seeded.ids[SEED_001]}
    finally:
        stop_server(server)
    # Read-only: serving wrote nothing into the archive.
    assert sorted(p.name for p in seeded.archive.records_dir.iterdir()) == records_before


def test_the_embedded_engine_answers_one_request_at_a_time_per_process(
    client: TestClient,
) -> None:
    # Threads only share one core under the GIL (see create_app); a request to Meilisearch
    # waits on the network, so there the threads stay.
    def tokens() -> float:
        return to_thread.current_default_thread_limiter().total_tokens

    embedded = not isinstance(client.app.state.site.backend, MeilisearchBackend)  # type: ignore[attr-defined]
    assert client.portal is not None
    assert (client.portal.call(tokens) == 1) == embedded


def test_the_workers_factory_never_creates_an_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-archive"
    monkeypatch.setenv("DIARIUM_HOME", str(missing))
    with pytest.raises(ArchiveMissing):
        create_app_from_env()
    assert not missing.exists()


def test_on_meilisearch_the_pages_read_with_the_search_only_key(client: TestClient) -> None:
    backend = client.app.state.site.backend  # type: ignore[attr-defined]
    if not isinstance(backend, MeilisearchBackend):
        pytest.skip("the embedded engine has no keys")
    assert backend.config.api_key is None and backend.config.search_key
    # Everything above ran with it; a write is refused before it reaches the server.
    with pytest.raises(SearchError, match="MEILI_API_KEY"):
        backend.delete(["x"])


def test_case_page_api_and_cli_give_one_answer(client: TestClient, seeded: SeededArchive) -> None:
    """ "Which documents belong to case X" has one answer (`queries.documents_for_case`): the
    web page and the API used to ask the index, which does not qualify a bare number by the
    registry as the tables do, and could list other documents than `diarium case`."""
    from diarium import tables
    from diarium.queries import documents_for_case

    with tables.connect(seeded.archive) as con:
        cases = [row[0] for row in con.execute("SELECT case_number FROM cases").fetchall()]
    assert cases
    for case_number in cases:
        cli = [d["id"] for d in documents_for_case(seeded.archive, case_number)]
        answer = client.get(f"/api/case/{case_number}")
        api = [d["id"] for d in answer.json()["documents"]] if answer.status_code == 200 else []
        assert api == cli, case_number
