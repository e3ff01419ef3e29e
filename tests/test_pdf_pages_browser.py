"""The PDF page with the hit in Debian's Chromium with JavaScript off: the boxes drawn over
the rendered page, previous/next hit by plain links, no axe-core violations."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from diarium.archive import Archive
from pipelines.launch import run_ingest
from tests.test_pdf_pages import PAGES, make_pdf
from tests.test_web_browser import CHROMIUM, Tab, browser, screenshot
from tests.web_server import free_port, start_server, stop_server

__all__ = ["browser"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("pages-browser")
    drop = root / "drop"
    drop.mkdir()
    (drop / "strandskydd.pdf").write_bytes(make_pdf(PAGES))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DIARIUM_HOME", str(root / "archive"))
        env.setenv("DAGSTER_HOME", str(root / "archive" / "dagster"))
        archive = Archive.open(root / "archive")
        run_ingest(archive, [drop])
    (doc_id,) = [r["id"] for r in archive.iter_records()]
    port = free_port()
    server = start_server(archive.home, port)
    try:
        yield f"http://127.0.0.1:{port}", doc_id
    finally:
        stop_server(server)


def test_page_with_hit_boxes_and_next_hit_without_javascript(
    browser: Browser, served: tuple[str, str]
) -> None:
    url, doc_id = served
    context = browser.new_context(base_url=url, java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(f"/dokument/{doc_id}?q=strandskydd")
        page.get_by_role("link", name="Visa sidan med träffen i PDF:en").click()
        page.wait_for_url(re.compile(rf"/dokument/{doc_id}/sida/2\?q=strandskydd$"))
        expect(page.locator("svg rect.hit-box")).to_have_count(2)
        # The boxes lie on the page image.
        box = page.locator("svg rect.hit-box").first.bounding_box()
        svg = page.locator("svg").bounding_box()
        assert box and svg and svg["x"] <= box["x"] <= svg["x"] + svg["width"]
        tab = Tab(page)
        screenshot(tab, "pdf-page")
        page.get_by_role("link", name=re.compile("Nästa träff")).click()
        page.wait_for_url(re.compile(r"/sida/3\?q=strandskydd$"))
        expect(page.locator("svg rect.hit-box")).to_have_count(1)
        expect(page.get_by_role("link", name=re.compile("Föregående träff"))).to_be_visible()
    finally:
        context.close()


def test_page_view_has_no_axe_violations(browser: Browser, served: tuple[str, str]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    url, doc_id = served
    context = browser.new_context(base_url=url, locale="sv-SE")
    page = context.new_page()
    try:
        response = page.goto(f"/dokument/{doc_id}/sida/2?q=strandskydd")
        assert response is not None and response.ok
        image = page.request.get(f"{url}/dokument/{doc_id}/sida/2.png")
        assert image.ok and image.headers["content-type"] == "image/png"
        axe = Axe()
        page.evaluate(axe.axe_script)
        experimental = page.evaluate("axe.getRules(['experimental']).map(r => r.ruleId)")
        results = axe.run(
            page,
            options={
                "resultTypes": ["violations"],
                "rules": {rule: {"enabled": True} for rule in experimental},
            },
        )
        assert results.response["violations"] == []
    finally:
        context.close()
