"""The web page and API as a new user meets them: every case number shown opens its case
(on the page, in the API and in the CLI, series-less ones like `2024-134` too), and the API
documents its errors and answers 405 with `Allow`. Written documents only, so it runs on a
bare clone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from typer.testing import CliRunner

from diarium.archive import Archive
from diarium.web import create_app
from pipelines.cli import app
from pipelines.launch import run_ingest

pytestmark = pytest.mark.slow

# A municipality that writes its case numbers without a series (as Kungsbacka's Dnr 2024-134).
SERIESLESS = """Tjänsteskrivelse
Datum 2024-04-02
Dnr 2024-00134

Riktlinjer för strandskydd i kustområdet

Förslag till beslut
Kommunstyrelsen föreslås besluta att anta riktlinjerna för strandskyddet.
"""
WITH_SERIES = """Tjänsteskrivelse
Datum 2023-09-12
Diarienummer KS 2023/249

Strandskydd vid nya bryggor

Förslag till beslut
Kommunstyrelsen föreslås besluta att godkänna utredningen om strandskydd.
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    root = tmp_path_factory.mktemp("cases")
    drop = root / "drop"
    drop.mkdir()
    (drop / "riktlinjer.txt").write_text(SERIESLESS, encoding="utf-8")
    (drop / "bryggor.txt").write_text(WITH_SERIES, encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DIARIUM_HOME", str(root / "archive"))
        env.setenv("DAGSTER_HOME", str(root / "archive" / "dagster"))
        archive = Archive.open(root / "archive")
        assert run_ingest(archive, [drop]).success
        yield archive


def test_every_case_number_on_the_search_page_opens_its_case(archive: Archive) -> None:
    with TestClient(create_app(archive)) as client:
        tree = HTMLParser(client.get("/?q=strandskydd").text)
        links = {a.text(): a.attributes["href"] or "" for a in tree.css("li.hit a.case-link")}
        assert set(links) == {"2024-134", "KS-2023-249"}
        for number, href in links.items():
            response = client.get(href)
            assert response.status_code == 200, (href, response.text[:300])
            assert number in response.text
            path = urlsplit(href).path
            api = client.get("/api/case/" + unquote(path.removeprefix("/arende/")))
            assert api.status_code == 200 and api.json()["case_number"] == number
        # The shown form typed by hand, and another spelling that redirects to it.
        assert client.get("/api/case/2024-134").json()["case_number"] == "2024-134"
        moved = client.get("/arende/Dnr%202024-00134", follow_redirects=False)
        assert moved.status_code == 308 and moved.headers["location"] == "/arende/2024-134"


def test_the_cli_opens_every_case_number_it_shows(archive: Archive) -> None:
    found = CliRunner().invoke(app, ["search", "strandskydd", "--json"])
    shown = {n for hit in json.loads(found.stdout)["hits"] for n in hit["case_numbers"]}
    assert shown == {"2024-134", "KS-2023-249"}
    for number in shown:
        result = CliRunner().invoke(app, ["case", number, "--json"])
        assert result.exit_code == 0, result.output
        answer = json.loads(result.stdout)
        assert answer["case_number"] == number and len(answer["documents"]) == 1
    chain = CliRunner().invoke(app, ["case", "2024-134", "--chain", "--json"])
    assert chain.exit_code == 0 and json.loads(chain.stdout)["case"] is not None


def test_what_is_no_case_number_is_still_refused(archive: Archive) -> None:
    assert CliRunner().invoke(app, ["case", "strandskydd"]).exit_code == 1
    with TestClient(create_app(archive)) as client:
        assert client.get("/api/case/strandskydd").status_code == 404


def test_the_document_page_links_open_too(archive: Archive) -> None:
    with TestClient(create_app(archive)) as client:
        [doc] = [r for r in archive.iter_records() if r["source"].endswith("riktlinjer.txt")]
        tree = HTMLParser(client.get(f"/dokument/{doc['id']}").text)
        hrefs = {a.attributes["href"] for a in tree.css("a.case-link")}
        assert "/arende/2024-134" in hrefs
        for href in hrefs:
            assert client.get(href or "").status_code == 200, href


def test_openapi_documents_the_not_found_answers(archive: Archive) -> None:
    with TestClient(create_app(archive)) as client:
        paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/case/{case_number}", "/api/document/{doc_id}"):
        answers = paths[path]["get"]["responses"]
        assert "404" in answers, path
        schema = answers["404"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ApiError"}
    assert "403" in paths["/api/document/{doc_id}"]["get"]["responses"]


def test_a_wrong_method_says_which_are_allowed(archive: Archive) -> None:
    with TestClient(create_app(archive)) as client:
        for path in ("/api/search?q=strandskydd", "/api/case/2024-134", "/"):
            response = client.post(path)
            assert response.status_code == 405, path
            allowed = {m.strip() for m in response.headers["allow"].split(",")}
            assert "GET" in allowed and "POST" not in allowed, path
        api = client.delete("/api/case/2024-134")
        assert api.json() == {"detail": "Sidan går bara att läsa, inte ändra."}


def test_the_document_page_marks_what_the_search_matched(archive: Archive) -> None:
    [doc] = [r for r in archive.iter_records() if r["source"].endswith("riktlinjer.txt")]
    with TestClient(create_app(archive)) as client:

        def marks(query: str) -> list[str]:
            tree = HTMLParser(client.get(f"/dokument/{doc['id']}", params={"q": query}).text)
            return [m.text() for m in tree.css(".fulltext mark")]

        # The search finds the document for "strandskydd", and the page shows where.
        assert marks("strandskydd") == ["strandskydd", "strandskyddet"]
        assert marks("riktlinje") == ["Riktlinjer", "riktlinjerna"]
        # A case number marks the case number as written, not every "2024" of the text.
        assert marks("2024-134") == ["2024-00134"]
        assert marks("Dnr 2024-00134") == ["2024-00134"]
