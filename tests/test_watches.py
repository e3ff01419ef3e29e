"""Bevakningar end to end: the Dagster job in process (`run_ingest`), the real tantivy index,
the `diarium watch` CLI, the web page and Atom feed (FastAPI in process), and the e-mail
digest through a real SMTP server (aiosmtpd on 127.0.0.1) started here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from diarium.archive import Archive
from diarium.cli import app as cli
from diarium.watches import store as watch_store
from diarium.watches.check import add_watch, check_watches
from diarium.watches.mail import MailSettings, send_digests
from diarium.watches.store import WatchStore, new_watch
from diarium.web import create_app
from pipelines.launch import RunFailed, run_ingest
from search import SearchQuery, SearchResult, open_backend
from tests.web_server import free_port

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
PERSONNUMMER = "811218-9876"


def memo(case: str, title: str, body: str, day: int = 1) -> str:
    return f"""Tjänsteskrivelse
Datum 2024-03-{day:02d}
Diarienummer {case}
Tekniska nämnden

{title}

Förslag till beslut
Tekniska nämnden föreslås besluta att godkänna förslaget.

Ärendet
{body}
"""


FIRST_NIGHT = {
    "avfall.txt": memo("TN-2024-100", "Avfallsplan för staden", "En ny avfallsplan tas fram."),
    "cykel.txt": memo("TN-2024-200", "Cykelbanor i centrum", "Cykelbanorna byggs ut."),
}
SECOND_NIGHT = {
    # a watch on "avfallsplan" finds the inflected form and the compound by the same rules
    # as a search ("avfallsplanen", "avfallsplanering" is not the word; "återvinning" not)
    "avfall2.txt": memo(
        "TN-2024-101", "Revidering av avfallsplanen", "Avfallsplanen revideras.", day=3
    ),
    # a case number in another spelling than the watch's
    "remiss.txt": memo("TN-2024-200", "Yttrande om cykelbanor", "Svar på remiss.", day=4),
    "park.txt": memo("TN-2024-300", "Parkskötsel", "Parkerna sköts som förut.", day=5),
    # secret under OSL as a whole: never in a watch
    "hemlig.txt": "Sekretess enligt 26 kap. 1 § OSL\n\n"
    + memo("TN-2024-100", "Avfallsplan: uppgifter om enskild", "Avfallsplan och hälsa."),
    # a personnummer in the text: masked in the page, the feed and the e-mail
    "ansokan.txt": memo(
        "TN-2024-100",
        "Ansökan om undantag från avfallsplanen",
        f"Sökande {PERSONNUMMER} ansöker om undantag från avfallsplanen.",
        day=6,
    ),
}
THIRD_NIGHT = {
    "avfall3.txt": memo("TN-2024-102", "Avfallsplan, uppföljning", "Avfallsplanen följs upp.")
}


def write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def sources(hits: list[watch_store.WatchHit]) -> set[str]:
    return {Path(h.source).name for h in hits}


class Inbox:
    """Every message the test SMTP server accepted."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []
        self.port = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(
            (list(envelope.rcpt_tos), message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        )
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        inbox.port = port
        monkeypatch.setenv("DIARIUM_SMTP_URL", f"smtp://127.0.0.1:{port}")
        monkeypatch.setenv("DIARIUM_SMTP_FROM", "diarium@kommun.example")
        monkeypatch.setenv("DIARIUM_PUBLIC_URL", "https://diarium.kommun.example")
        yield inbox
    finally:
        controller.stop()


def body_text(message: Message) -> str:
    parts = [p for p in message.walk() if p.get_content_type() in ("text/plain", "text/html")]
    return "\n".join(
        p.get_payload(decode=True).decode(p.get_content_charset() or "utf-8") for p in parts
    )  # type: ignore[union-attr]


def test_watches_through_the_job_feed_page_cli_and_mail(
    home: Path, tmp_path: Path, smtp: Inbox
) -> None:
    drop = tmp_path / "drop"
    write(drop, FIRST_NIGHT)
    run_ingest(Archive.open(), [drop])
    archive = Archive.open()
    runner = CliRunner()

    added = runner.invoke(
        cli,
        [
            "watch",
            "add",
            "avfallsplan",
            "--name",
            "Avfall",
            "--email",
            "Anna@Kommun.example",
            "--email",
            "bo@kommun.example",
            "--json",
        ],
    )
    assert added.exit_code == 0, added.output
    by_query = json.loads(added.output)["id"]
    by_case = json.loads(
        runner.invoke(
            cli, ["watch", "add", "--case", "tn 2024/200", "--email", "bo@kommun.example", "--json"]
        ).output
    )["id"]
    filtered = json.loads(
        runner.invoke(cli, ["watch", "add", "avfallsplan", "--type", "protokoll", "--json"]).output
    )["id"]
    listed = json.loads(runner.invoke(cli, ["watch", "list", "--json"]).output)
    assert [w["id"] for w in listed] == [by_query, by_case, filtered]
    assert listed[1]["case"] == "TN-2024-200" and listed[1]["name"] == "Ärende TN-2024-200"
    assert listed[0]["recipients"] == ["anna@kommun.example", "bo@kommun.example"]

    # The watches follow what is indexed from now on: the first night's documents are old.
    write(drop, SECOND_NIGHT)
    run_ingest(archive, [drop])
    with WatchStore.open(archive) as opened:
        assert sources(opened.hits(by_query)) == {"avfall2.txt", "ansokan.txt"}
        assert sources(opened.hits(by_case)) == {"remiss.txt"}
        assert opened.hits(filtered) == []
        hits = opened.hits(by_query)
    assert all(PERSONNUMMER not in h.snippet + h.title for h in hits)
    assert any("XXXXXX-XXXX" in h.snippet for h in hits)

    # One digest per recipient, after the run, in Swedish; the secret document in none.
    assert sorted(r for rcpts, _ in smtp.messages for r in rcpts) == [
        "anna@kommun.example",
        "bo@kommun.example",
    ]
    mails = {rcpts[0]: message for rcpts, message in smtp.messages}
    assert mails["bo@kommun.example"]["Subject"] == "Diarium: 3 nya dokument i dina bevakningar"
    assert mails["anna@kommun.example"]["Subject"] == "Diarium: 2 nya dokument i dina bevakningar"
    text = body_text(mails["bo@kommun.example"])
    assert "Yttrande om cykelbanor" in text and "Revidering av avfallsplanen" in text
    assert f"https://diarium.kommun.example/bevakning/{by_case}" in text
    assert PERSONNUMMER not in text and "XXXXXX-XXXX" in text
    assert "enskild" not in text and "hemlig" not in text

    # `diarium watch check`: what the runs found since the last check, with the source.
    checked = runner.invoke(cli, ["watch", "check"])
    assert checked.exit_code == 0, checked.output
    assert "2 nya dokument" in checked.output and "remiss.txt" in checked.output
    again = json.loads(runner.invoke(cli, ["watch", "check", "--json"]).output)
    assert all(w["new"] == [] for w in again["watches"])

    # A run that finds nothing new records nothing and mails nothing twice.
    (drop / "park.txt").touch()
    run_ingest(archive, [drop])
    assert len(smtp.messages) == 2

    # The page and the Atom feed.
    client = TestClient(create_app(archive))
    page = client.get(f"/bevakning/{by_query}")
    assert page.status_code == 200
    assert "TN-2024-101" in page.text and "Prenumerera" in page.text
    assert PERSONNUMMER not in page.text and "enskild" not in page.text
    response = client.get(f"/bevakning/{by_query}.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert_valid_atom(response.content, entries=2)
    assert PERSONNUMMER not in response.text and "enskild" not in response.text
    assert client.get("/bevakning/0123456789").status_code == 404
    assert client.get("/bevakning/..%2Fetc.atom").status_code == 404

    # Removing a watch; an unknown id is one Swedish line.
    assert runner.invoke(cli, ["watch", "remove", filtered]).exit_code == 0
    missing = runner.invoke(cli, ["watch", "remove", filtered])
    assert missing.exit_code == 1
    assert "Det finns ingen bevakning med id" in missing.output


def assert_valid_atom(content: bytes, *, entries: int) -> None:
    """RFC 4287's required elements, parsed twice: by ElementTree against the spec, and
    by feedparser (which flags any malformed XML as `bozo`)."""
    root = ET.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{required}")) == 1, required
    assert root.find(f"{ATOM}author/{ATOM}name") is not None  # entries have no author of their own
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    rfc3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
    assert rfc3339.match(root.findtext(f"{ATOM}updated") or "")
    found = root.findall(f"{ATOM}entry")
    assert len(found) == entries
    ids = set()
    for entry in found:
        for required in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        assert rfc3339.match(entry.findtext(f"{ATOM}updated") or "")
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        assert alternate is not None or entry.find(f"{ATOM}content") is not None
        assert entry.find(f"{ATOM}summary").get("type") == "html"  # type: ignore[union-attr]
        ids.add(entry.findtext(f"{ATOM}id"))
    assert len(ids) == entries
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert len(parsed.entries) == entries
    assert all(e.title and e.link and e.summary for e in parsed.entries)


class FailingAfter:
    """A search backend that fails after `ok` searches: a check killed half-way."""

    def __init__(self, backend: object, ok: int) -> None:
        self.backend = backend
        self.ok = ok

    def search(self, query: SearchQuery) -> SearchResult:
        if self.ok == 0:
            raise RuntimeError("the check died here")
        self.ok -= 1
        return self.backend.search(query)  # type: ignore[attr-defined]


def test_nothing_missed_or_repeated_when_a_check_fails_half_way_or_a_night_is_skipped(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop = tmp_path / "drop"
    write(drop, FIRST_NIGHT)
    archive = Archive.open()
    run_ingest(archive, [drop])
    first = add_watch(archive, new_watch("avfallsplan"))
    second = add_watch(archive, new_watch("avfallsplan", name="Andra"))

    # Night 2: the check dies after the first watch (one transaction per watch).
    write(drop, SECOND_NIGHT)
    import pipelines.watch_assets as assets_module

    real = assets_module.check_watches
    monkeypatch.setattr(
        assets_module,
        "check_watches",
        lambda store, backend: real(store, FailingAfter(backend, ok=1)),  # type: ignore[arg-type]
    )
    with pytest.raises(RunFailed):
        run_ingest(archive, [drop])
    with WatchStore.open(archive) as opened:
        assert sources(opened.hits(first.id)) == {"avfall2.txt", "ansokan.txt"}
        assert opened.hits(second.id) == []

    # Night 3 is skipped by the watches altogether (the asset never runs)...
    monkeypatch.setattr(
        assets_module, "check_watches", lambda store, backend: (_ for _ in ()).throw(OSError())
    )
    write(drop, THIRD_NIGHT)
    with pytest.raises(RunFailed):
        run_ingest(archive, [drop])
    # ...and night 4 catches up: every document once, none missed.
    monkeypatch.setattr(assets_module, "check_watches", real)
    (drop / "cykel.txt").write_text(FIRST_NIGHT["cykel.txt"] + "\nTillägg.\n", encoding="utf-8")
    run_ingest(archive, [drop])
    expected = {"avfall2.txt", "ansokan.txt", "avfall3.txt"}
    with WatchStore.open(archive) as opened:
        assert sources(opened.hits(first.id)) == expected
        assert sources(opened.hits(second.id)) == expected
        assert len(opened.hits(first.id)) == 3
    backend = open_backend("tantivy", archive.index_dir)
    try:
        assert check_watches(archive, backend).hits == 0  # repeating records nothing
    finally:
        backend.close()


def test_restricted_search_falls_back_to_any_word_only_as_the_search_would(
    home: Path, tmp_path: Path
) -> None:
    drop = tmp_path / "drop"
    write(drop, FIRST_NIGHT)
    archive = Archive.open()
    run_ingest(archive, [drop])
    backend = open_backend("tantivy", archive.index_dir)
    try:
        ids = sorted(backend.ids())
        cykel = next(h.id for h in backend.search(SearchQuery(text="cykelbanor")).hits)
        # Both words stand in one document of the archive: no fallback to any word, so the
        # other document (only "cykelbanor") is not found when restricted to it alone.
        both = SearchQuery(text="avfallsplan tas", only_ids=[i for i in ids if i != cykel])
        assert backend.search(both).total == 1
        assert backend.search(SearchQuery(text="avfallsplan cykelbanorna", only_ids=ids)).total == 2
        assert backend.search(SearchQuery(text="avfallsplan tas", only_ids=[cykel])).total == 0
        assert backend.search(SearchQuery(text="avfallsplan", only_ids=[])).total == 0
    finally:
        backend.close()


def test_mail_server_down_loses_nothing(
    home: Path, tmp_path: Path, smtp: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop = tmp_path / "drop"
    write(drop, FIRST_NIGHT)
    archive = Archive.open()
    run_ingest(archive, [drop])
    add_watch(archive, new_watch("avfallsplan", recipients=["anna@kommun.example"]))
    write(drop, SECOND_NIGHT)
    run_ingest(archive, [drop])  # mailed through the test server
    assert len(smtp.messages) == 1
    # The next night the server is down: the run succeeds, the hit waits.
    write(drop, THIRD_NIGHT)
    monkeypatch.setenv("DIARIUM_SMTP_URL", "smtp://127.0.0.1:1")
    result = run_ingest(archive, [drop])
    assert result.success
    down = send_digests(archive, MailSettings.from_env())
    assert down.sent == 0 and "anna@kommun.example" in down.failed[0]
    # Back up: sent once, and only what was not sent before.
    sent = send_digests(archive, MailSettings(host="127.0.0.1", port=smtp_port(smtp)))
    assert (sent.sent, sent.documents) == (1, 1)
    assert "Avfallsplan, uppföljning" in body_text(smtp.messages[-1][1])
    assert send_digests(archive, MailSettings(host="127.0.0.1", port=smtp_port(smtp))).sent == 0


def smtp_port(inbox: Inbox) -> int:
    return inbox.port


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["watch", "add"], "En bevakning behöver en sökfråga eller ett diarienummer"),
        (["watch", "add", "--case", "strandskydd"], "”strandskydd” är inget diarienummer"),
        (
            ["watch", "add", "x", "--email", "inte-en-adress"],
            "”inte-en-adress” är ingen e-postadress",
        ),
        (["watch", "add", "x", "--year", "24"], "Året 24 är inget årtal"),
        (["watch", "remove", "abc"], "Det finns ingen bevakning med id abc"),
    ],
)
def test_bad_input_is_one_swedish_line(
    home: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    Archive.open().records_dir.mkdir(parents=True, exist_ok=True)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.output


def test_web_form_makes_a_watch_and_refuses_other_sites(home: Path, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    write(drop, FIRST_NIGHT)
    archive = Archive.open()
    run_ingest(archive, [drop])
    client = TestClient(create_app(archive))
    made = client.post(
        "/bevakning",
        data={"q": "avfallsplan", "type": "tjänsteskrivelse", "email": "anna@kommun.example"},
        follow_redirects=False,
    )
    assert made.status_code == 303
    watch_id = made.headers["location"].rsplit("/", 1)[1]
    with WatchStore.open(archive) as opened:
        watch = opened.get(watch_id)
    assert watch is not None and watch.doc_type == "tjänsteskrivelse"
    assert watch.recipients == ("anna@kommun.example",)
    page = client.get(f"/bevakning/{watch_id}")
    assert "Inga nya dokument sedan bevakningen skapades" in page.text
    foreign = client.post("/bevakning", data={"q": "x"}, headers={"origin": "https://evil.example"})
    assert foreign.status_code == 403
    bad = client.post("/bevakning", data={"q": "", "case": "strandskydd"})
    assert bad.status_code == 400 and "är inget diarienummer" in bad.text
