"""The sources against a real fixture portal on 127.0.0.1: crawl, politeness, faults."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from diarium.archive import document_id
from diarium.sources import (
    FetchError,
    HttpCache,
    HttpSettings,
    PoliteClient,
    SourceUnreachable,
    canonical_url,
    crawl,
    fingerprint,
    scan,
    url_documents,
)
from tests.portal_fixtures import PUBLIC_ATTACHMENTS, Fault, FixturePortal, portal

__all__ = ["portal"]

#: Fast settings for tests: no spacing between requests, short backoff.
FAST = HttpSettings(min_interval=0.0, backoff=0.05, max_attempts=3, timeout=2.0)
MEMO = "/dokument/1012/tjansteskrivelse-avfallsplan.html"
PDF = "/dokument/1013/samverkansstod.pdf"


def test_crawl_lists_every_attachment_with_its_meeting_and_agenda_item(
    portal: FixturePortal, tmp_path: Path
) -> None:
    with PoliteClient(FAST) as client:
        report = crawl(client, portal.url("/"), cache=HttpCache(tmp_path))
    assert len(report.documents) == PUBLIC_ATTACHMENTS
    by_url = {doc.url: doc.metadata for doc in report.documents}
    memo = by_url[portal.url(MEMO)]
    assert memo["committee"] == "Kommunstyrelsen"
    assert memo["meeting_date"] == "2024-02-20"
    assert memo["item_number"] == "12"
    assert memo["item_title"] == "Yttrande över remiss om ny avfallsplan"
    assert memo["attachment_title"] == "Tjänsteskrivelse"
    # Kommunstyrelsen's oldest meeting is on the second page of its list.
    budget = by_url[portal.url("/dokument/940/protokollsutdrag-budget.html")]
    assert budget["meeting_date"] == "2023-12-12" and budget["item_number"] == "40"
    assert portal.requests_to("/organ/kommunstyrelsen?sida=2")
    # robots.txt forbids /intern/: listed as disallowed, never requested.
    assert report.disallowed == [portal.url("/intern/2008/personalarende.html")]
    assert not portal.requests_to("/intern/2008/personalarende.html")
    assert report.committees == 3 and report.meetings == 5 and not report.listing_errors


def test_a_date_range_walks_only_the_meetings_inside_it(
    portal: FixturePortal, tmp_path: Path
) -> None:
    with PoliteClient(FAST) as client:
        report = crawl(
            client,
            portal.url("/"),
            cache=HttpCache(tmp_path),
            meeting_from=date(2024, 2, 1),
            meeting_to=date(2024, 3, 31),
        )
    dates = {doc.metadata["meeting_date"] for doc in report.documents}
    assert dates == {"2024-02-20", "2024-03-04"}
    assert len(report.documents) == 3
    assert report.meetings_outside_range == 3
    assert not portal.requests_to("/organ/kommunstyrelsen/moten/2024-01-16")
    assert not portal.requests_to("/organ/byggnadsnamnden/moten/2024-04-18")


def test_committee_filter(portal: FixturePortal, tmp_path: Path) -> None:
    with PoliteClient(FAST) as client:
        report = crawl(client, portal.url("/"), committees=["byggnads"])
    assert [doc.metadata["committee"] for doc in report.documents] == ["Byggnadsnämnden"]
    assert not portal.requests_to("/organ/kommunstyrelsen")


def test_unchanged_document_costs_one_304_and_keeps_its_copy(
    portal: FixturePortal, tmp_path: Path
) -> None:
    cache = HttpCache(tmp_path)
    key = document_id(canonical_url(portal.url(PDF)))
    with PoliteClient(FAST) as client:
        first = client.fetch(portal.url(PDF), cache=cache, key=key)
        second = client.fetch(portal.url(PDF), cache=cache, key=key)
    assert first.status == 200 and first.path is not None
    assert first.path.read_bytes()[:5] == b"%PDF-"
    assert second.not_modified and second.path == first.path and second.sha256 == first.sha256
    requests = portal.requests_to(PDF)
    assert [r.status for r in requests] == [200, 304]
    assert requests[1].headers["If-None-Match"] == requests[0].headers.get(
        "If-None-Match", requests[1].headers["If-None-Match"]
    )
    assert "If-Modified-Since" in requests[1].headers

    portal.publish(PDF, first.path.read_bytes() + b"\n% reviderad\n", "application/pdf")
    with PoliteClient(FAST) as client:
        third = client.fetch(portal.url(PDF), cache=cache, key=key)
    assert third.status == 200 and third.sha256 != first.sha256


def test_429_waits_as_long_as_retry_after_says(portal: FixturePortal) -> None:
    portal.faults[MEMO] = Fault("status", status=429, times=1, retry_after="1")
    with PoliteClient(FAST) as client:
        fetched = client.fetch(portal.url(MEMO))
    assert fetched.status == 200 and b"avfallsplan" in (fetched.content or b"")
    first, second = portal.requests_to(MEMO)
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 0.95


def test_retry_after_longer_than_we_accept_gives_up_at_once(portal: FixturePortal) -> None:
    portal.faults[MEMO] = Fault("status", status=503, retry_after="3600")
    with PoliteClient(FAST) as client, pytest.raises(FetchError, match="asked to wait 3600 s"):
        client.fetch(portal.url(MEMO))
    assert len(portal.requests_to(MEMO)) == 1


def test_server_errors_are_retried_with_backoff_then_reported(portal: FixturePortal) -> None:
    portal.faults[MEMO] = Fault("status", status=500, times=2)
    with PoliteClient(FAST) as client:
        assert client.fetch(portal.url(MEMO)).status == 200
    assert [r.status for r in portal.requests_to(MEMO)] == [500, 500, 200]

    portal.faults[PDF] = Fault("status", status=500)
    with PoliteClient(FAST) as client, pytest.raises(FetchError) as caught:
        client.fetch(portal.url(PDF))
    assert caught.value.status == 500
    assert "HTTP 500 (after 3 attempts)" in caught.value.reason
    assert len(portal.requests_to(PDF)) == FAST.max_attempts


def test_not_found_is_not_retried(portal: FixturePortal) -> None:
    with PoliteClient(FAST) as client, pytest.raises(FetchError, match="HTTP 404"):
        client.fetch(portal.url("/dokument/9999/finns-inte.pdf"))
    assert len(portal.requests_to("/dokument/9999/finns-inte.pdf")) == 1


def test_slow_answers_time_out_and_are_retried(portal: FixturePortal) -> None:
    settings = HttpSettings(min_interval=0.0, backoff=0.05, max_attempts=2, timeout=0.3)
    portal.faults[MEMO] = Fault("slow", delay=1.0, times=1)
    with PoliteClient(settings) as client:
        assert client.fetch(portal.url(MEMO)).status == 200
    portal.faults[PDF] = Fault("slow", delay=1.0)
    with (
        PoliteClient(settings) as client,
        pytest.raises(FetchError, match=r"timed out after 0\.3 s"),
    ):
        client.fetch(portal.url(PDF))


def test_a_body_cut_short_is_never_kept(portal: FixturePortal, tmp_path: Path) -> None:
    portal.faults[PDF] = Fault("truncate")
    cache = HttpCache(tmp_path)
    with PoliteClient(FAST) as client, pytest.raises(FetchError, match="broken response"):
        client.fetch(portal.url(PDF), cache=cache, key="doc")
    assert len(portal.requests_to(PDF)) == FAST.max_attempts
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]  # no partial download left

    # Once the server behaves, the same document arrives whole.
    portal.faults.clear()
    with PoliteClient(FAST) as client:
        fetched = client.fetch(portal.url(PDF), cache=cache, key="doc")
    assert fetched.path is not None and fetched.size == len(portal.pages[PDF].body)


def test_requests_to_one_host_are_spaced(portal: FixturePortal) -> None:
    settings = HttpSettings(min_interval=0.2, backoff=0.05, max_attempts=2, timeout=2.0)
    with PoliteClient(settings) as client:
        for _ in range(4):
            client.fetch(portal.url(MEMO))
    times = [r.at for r in portal.requests_to(MEMO)]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # The client spaces its sends by 0.2 s; the server logs when its thread reads each request,
    # which a loaded machine delays by some milliseconds either way (one CI run read 0.1797 s).
    # Unspaced requests would arrive a few milliseconds apart.
    assert len(gaps) == 3 and min(gaps) >= 0.15 and sum(gaps) >= 0.57


def test_robots_txt_crawl_delay_is_obeyed(portal: FixturePortal) -> None:
    portal.publish("/robots.txt", b"User-agent: *\nCrawl-delay: 1\n", "text/plain")
    with PoliteClient(FAST) as client:
        client.fetch(portal.url(MEMO))
        client.fetch(portal.url(PDF))
    first, second = portal.requests_to(MEMO)[0], portal.requests_to(PDF)[0]
    assert second.at - first.at >= 0.95


def test_unreachable_robots_txt_forbids_the_site(portal: FixturePortal) -> None:
    # RFC 9309: a robots.txt answering 5xx means "assume complete disallow".
    portal.faults["/robots.txt"] = Fault("status", status=503)
    with PoliteClient(FAST) as client, pytest.raises(SourceUnreachable, match=r"robots\.txt"):
        crawl(client, portal.url("/"))
    assert not portal.requests_to("/")


def test_missing_robots_txt_allows_everything(portal: FixturePortal) -> None:
    del portal.pages["/robots.txt"]
    with PoliteClient(FAST) as client:
        report = crawl(client, portal.url("/"))
    assert len(report.documents) == PUBLIC_ATTACHMENTS + 1  # /intern/ too


def test_a_failing_committee_page_is_reported_and_the_crawl_goes_on(
    portal: FixturePortal,
) -> None:
    portal.faults["/organ/byggnadsnamnden"] = Fault("status", status=500)
    with PoliteClient(FAST) as client:
        report = crawl(client, portal.url("/"))
    assert len(report.documents) == PUBLIC_ATTACHMENTS - 1
    assert report.listing_errors == [
        f"{portal.url('/organ/byggnadsnamnden')}: HTTP 500 (after 3 attempts)"
    ]


def test_every_committee_page_failing_means_the_portal_is_down(portal: FixturePortal) -> None:
    for slug in ("kommunstyrelsen", "tekniska-namnden", "byggnadsnamnden"):
        portal.faults[f"/organ/{slug}"] = Fault("status", status=502)
    with PoliteClient(FAST) as client, pytest.raises(SourceUnreachable, match="no committee page"):
        crawl(client, portal.url("/"))


def test_a_portal_that_is_down_is_a_systemic_error() -> None:
    server = FixturePortal()
    start = server.url("/")
    server.stop()  # the port is closed: connection refused
    with PoliteClient(FAST) as client, pytest.raises(SourceUnreachable, match="unreachable"):
        crawl(client, start)


def test_canonical_urls_give_stable_document_ids() -> None:
    a = canonical_url("HTTPS://Malmo.se:443/Dokument/./a/../Protokoll%c3%a5.pdf?b=2&a=1#sida=3")
    b = canonical_url("https://malmo.se/Dokument/Protokoll%C3%A5.pdf?a=1&b=2&utm_source=nyhetsbrev")
    assert a == b == "https://malmo.se/Dokument/Protokoll%C3%A5.pdf?a=1&b=2"
    assert document_id(a) == document_id(b)
    assert canonical_url("http://x.se:8080/a") == "http://x.se:8080/a"
    with pytest.raises(ValueError, match="not an http"):
        canonical_url("ftp://x.se/a.pdf")
    docs = url_documents(
        ["https://kommun.se/arsredovisning.pdf", "https://KOMMUN.se/arsredovisning.pdf"]
    )
    assert [d.url for d in docs] == ["https://kommun.se/arsredovisning.pdf"]


def test_drop_folder_scan_and_fingerprint(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    (drop / "nämnd").mkdir(parents=True)
    (drop / "nämnd" / "protokoll.txt").write_text(
        "Protokoll från tekniska nämnden", encoding="utf-8"
    )
    (drop / ".kopieras.pdf.part").write_bytes(b"%PDF-")  # a copy in progress: hidden
    (drop / "README.md").write_text("Om mappen", encoding="utf-8")
    found = scan([drop])
    assert [f.path.name for f in found] == ["protokoll.txt"]
    before = fingerprint([drop])
    assert fingerprint([drop]) == before
    (drop / "beslut.md").write_text("# Beslut\nKommunstyrelsen beslutar.", encoding="utf-8")
    after = fingerprint([drop])
    assert after.digest != before.digest and after.files == 2
    with pytest.raises(FileNotFoundError, match="does not exist"):
        scan([tmp_path / "saknas"])
