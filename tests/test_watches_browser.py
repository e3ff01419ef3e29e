"""The "Bevaka" button in Debian's Chromium (Playwright), on the search page and the case
page, and the watch page it leads to: no script needed, no axe-core violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.test_web_browser import (
    CHROMIUM,
    Site,
    Tab,
    browser,
    screenshot,
    site,
    tab,
)

__all__ = ["browser", "site", "tab"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


def test_bevaka_a_search_and_a_case_without_javascript(browser: Browser, site: Site) -> None:
    context = browser.new_context(base_url=site.url, java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto("/?q=områdeslyft&type=tjänsteskrivelse")
        page.get_by_label("E-post för nya dokument (valfritt)").fill("anna@kommun.example")
        page.get_by_role("button", name="Bevaka").click()
        page.wait_for_url(re.compile(r"/bevakning/[0-9a-f]{10}$"))
        expect(page.locator("h1")).to_have_text("områdeslyft")
        expect(page.locator(".lead")).to_contain_text("dokumenttyp tjänsteskrivelse")
        expect(page.get_by_text("Inga nya dokument sedan bevakningen skapades.")).to_be_visible()
        feed = page.get_by_role("link", name="Prenumerera (Atom-flöde)")
        assert (feed.get_attribute("href") or "").endswith(".atom")

        page.goto("/arende/TN-2019-3825")
        page.get_by_role("button", name="Bevaka").click()
        page.wait_for_url(re.compile(r"/bevakning/[0-9a-f]{10}$"))
        expect(page.locator("h1")).to_have_text("Ärende TN-2019-3825")
        page.get_by_role("link", name="Visa sökningen").click()
        page.wait_for_url("**/arende/TN-2019-3825")
    finally:
        context.close()


def test_watch_page_has_no_axe_violations(tab: Tab, site: Site) -> None:
    from axe_playwright_python.sync_playwright import Axe

    tab.go("/?q=samverkan")
    tab.page.get_by_role("button", name="Bevaka").click()
    tab.page.wait_for_url(re.compile(r"/bevakning/[0-9a-f]{10}$"))
    screenshot(tab, "watch")
    axe = Axe()
    tab.page.evaluate(axe.axe_script)
    experimental = tab.page.evaluate("axe.getRules(['experimental']).map(r => r.ruleId)")
    results = axe.run(
        tab.page,
        options={
            "resultTypes": ["violations"],
            "rules": {rule: {"enabled": True} for rule in experimental},
        },
    )
    assert results.response["violations"] == []
