"""The web page in a real browser: Debian's Chromium driven by Playwright for Python.

`diarium serve` runs as a subprocess on 127.0.0.1 over an archive with the seeds ingested.
Chromium is the system one (`/usr/bin/chromium`, installed by .ci/run); Playwright never
downloads a browser. Screenshots of the search, case and document pages are saved to
test-artifacts/web/ and checked not to be blank.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Dialog, Page, expect, sync_playwright

from tests.conftest import CORPUS_DIR, REPO_ROOT
from tests.test_web import (
    HITS_HEADING,
    SCRIPT_FILE,
    SEED_000,
    SEED_001,
    SEED_002,
    SeededArchive,
    seeded_archive,
)
from tests.web_server import free_port, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
# As root, in a sandbox without network: no sandbox, no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO_ROOT / "test-artifacts" / "web"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it",
    ),
]


@dataclass
class Site:
    url: str
    seeded: SeededArchive


@dataclass
class Tab:
    """A browser page and the JavaScript dialogs it opened (there must never be any)."""

    page: Page
    dialogs: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.ok, path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"../shared/corpus not present: {CORPUS_DIR} holds the real documents")
    root = tmp_path_factory.mktemp("browser")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DIARIUM_HOME", str(root / "archive"))
        env.setenv("DAGSTER_HOME", str(root / "archive" / "dagster"))
        seeded = seeded_archive(root)
    port = free_port()
    server = start_server(seeded.archive.home, port)
    try:
        yield Site(url=f"http://127.0.0.1:{port}", seeded=seeded)
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def open_tab(browser: Browser, site: Site, width: int = 1280) -> Tab:
    context = browser.new_context(
        base_url=site.url, viewport={"width": width, "height": 900}, locale="sv-SE"
    )
    tab = Tab(context.new_page())

    def on_dialog(dialog: Dialog) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.page.on("dialog", on_dialog)
    return tab


@pytest.fixture
def tab(browser: Browser, site: Site) -> Iterator[Tab]:
    opened = open_tab(browser, site)
    yield opened
    assert opened.dialogs == [], f"a script ran: {opened.dialogs}"
    opened.page.context.close()


def screenshot(tab: Tab, name: str) -> Path:
    """Save a full-page screenshot and check that it shows something."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000, f"{path} is suspiciously small"
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
        width, height = image.size
    # Text, marks, badges and borders give hundreds of colours; a blank page has one or two.
    assert len(colours) > 100, f"{path} looks blank ({len(colours)} colours)"
    assert width >= 320 and height >= 400
    return path


# -- scenarios of the issue ------------------------------------------------------------------


def test_search_omradeslyft_and_open_the_first_hit(tab: Tab, site: Site) -> None:
    page = tab.page
    tab.go("/")
    page.get_by_label("Sök i arkivet").fill("områdeslyft")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(HITS_HEADING)
    first = page.locator("li.hit").first
    expect(first.locator(".snippet mark").first).to_have_text("områdeslyft")
    screenshot(tab, "search")

    title = first.locator("h2 a").inner_text()
    first.locator("h2 a").click()
    page.wait_for_url(f"**/dokument/{site.seeded.ids[SEED_000]}?q=*")
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".fulltext mark").first).to_be_visible()
    expect(page.get_by_role("link", name="Ladda ner original")).to_be_visible()
    screenshot(tab, "document")


def test_click_a_committee_facet(tab: Tab) -> None:
    page = tab.page
    tab.go("/?q=nämnden")
    facet = page.locator(".facet", has=page.locator("h2", has_text="Nämnd")).locator("a").first
    name = facet.locator(".facet-label").inner_text()
    count = int(facet.locator(".count").inner_text())
    facet.click()
    page.wait_for_url("**committee=*")
    expect(page.locator("h1")).to_contain_text(f"{count} träff")
    expect(page.locator(".active-filters .chip")).to_contain_text(name)
    expect(page.locator("a.facet-link.selected")).to_contain_text(name)
    expect(page.locator("li.hit")).to_have_count(min(count, 20))
    # The chip removes the filter again.
    page.locator(".active-filters .chip").click()
    expect(page.locator(".active-filters")).to_have_count(0)


def test_case_page_shows_seeds_002_and_001_in_date_order(tab: Tab, site: Site) -> None:
    page = tab.page
    tab.go("/arende/tn-2019-3825")
    assert page.url.endswith("/arende/TN-2019-3825")
    expect(page.locator("h1")).to_have_text("TN-2019-3825")
    links = page.locator("li.timeline-item h3 a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [
        f"/dokument/{site.seeded.ids[SEED_002]}",
        f"/dokument/{site.seeded.ids[SEED_001]}",
    ]
    dates = page.locator("li.timeline-item .timeline-date time")
    assert dates.all_inner_texts() == ["2020-08-17", "2020-11-17"]
    expect(page.locator(".decision").first).to_be_visible()
    screenshot(tab, "case")


def test_script_query_renders_inert(tab: Tab, site: Site) -> None:
    page = tab.page
    attack = "<script>alert('sök')</script><img src=x onerror=alert(1)>"
    tab.go("/")
    page.get_by_label("Sök i arkivet").fill(attack)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(attack)
    expect(page.get_by_label("Sök i arkivet")).to_have_value(attack)
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("main img").count() == 0
    # A document whose own text holds markup shows it as text, with highlights.
    tab.go(f"/dokument/{site.seeded.ids[SCRIPT_FILE]}?q=webbformulär")
    expect(page.locator(".fulltext")).to_contain_text("<script>alert('xss')</script>")
    expect(page.locator(".fulltext mark").first).to_have_text("Webbformulär")
    assert page.evaluate("document.scripts.length") == 0
    page.wait_for_timeout(300)  # give any injected handler the chance to fire


# -- keyboard and narrow screens -------------------------------------------------------------


def test_keyboard_alone_searches_and_opens_a_document(tab: Tab) -> None:
    page = tab.page
    tab.go("/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Hoppa till innehållet")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("samverkansstöd")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(HITS_HEADING)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('li.hit h2')"):
            break
    assert page.evaluate("!!document.activeElement.closest('li.hit h2')"), "no hit by Tab"
    page.keyboard.press("Enter")
    page.wait_for_url("**/dokument/*")
    expect(page.locator(".fulltext mark").first).to_be_visible()


@pytest.mark.parametrize("path", ["/?q=områdeslyft", "/arende/TN-2019-3825", "/dokument/"])
def test_pages_fit_a_narrow_screen(browser: Browser, site: Site, path: str) -> None:
    tab = open_tab(browser, site, width=375)
    try:
        if path == "/dokument/":
            path = f"/dokument/{site.seeded.ids[SEED_002]}?q=samverkansstöd"
        tab.go(path)
        overflow = tab.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a 375px screen"
        if path.startswith("/?"):
            screenshot(tab, "search-narrow")
        assert tab.dialogs == []
    finally:
        tab.page.context.close()


# -- accessibility -----------------------------------------------------------------------------


AXE_PAGES = [
    "/",
    "/?q=områdeslyft",
    "/?q=samverkansmodel&committee=tekniska+nämnden&type=tjänsteskrivelse&year=2020",
    "/?q=kommunstyrelsan",  # no hits, a suggestion
    "/arende/TN-2019-3825",
    "/arende/KS-1999-1",  # the 404 page
    "/dokument/{seed_001}?q=samverkan",
]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_violations(tab: Tab, site: Site, path: str) -> None:
    """axe-core (the engine of Lighthouse and Deque's tools, shipped in the dev dependency
    axe-playwright-python, never downloaded at run time) in Chromium: every rule, the
    experimental ones included, finds 0 violations."""
    from axe_playwright_python.sync_playwright import Axe

    url = path.format(seed_001=site.seeded.ids[SEED_001])
    response = tab.page.goto(url)
    assert response is not None and response.status in (200, 404), url
    axe = Axe()
    tab.page.evaluate(axe.axe_script)
    # Experimental rules too (label-content-name-mismatch, WCAG 2.5.3, is one of them).
    experimental = tab.page.evaluate("axe.getRules(['experimental']).map(r => r.ruleId)")
    assert "label-content-name-mismatch" in experimental
    options = {
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": True} for rule in experimental},
    }
    results = axe.run(tab.page, options=options)
    violations = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert violations == [], f"{url}: {violations}"
