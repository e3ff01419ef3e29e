"""Extraction on the five seed documents (and Kungsbacka protokoll) against hand-checked values.

The documents are read from ``<repo>/../shared/corpus`` (the ``corpus_dir`` fixture of
conftest.py skips when it is absent); they are never copied into the repo.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from extractors.base import Page, ParsedDocument
from extractors.extraction import Extractor, extract
from extractors.model import Extraction

pytestmark = pytest.mark.corpus

SEEDS = {
    "000": "000_9d0ea22ed9efec86.txt",
    "001": "001_a62ebeae222b00ed.txt",
    "002": "002_e4234ed91c9147e1.txt",
    "003": "003_4f5ab4f887203d67.txt",
    "004": "004_7112a31c9fda381c.txt",
}


def parsed(path: Path, strip_markers: bool = False) -> ParsedDocument:
    text = path.read_text(encoding="utf-8")
    if strip_markers:
        text = re.sub(r"<!-- sida \d+ -->\n?", "", text)
    fmt = "markdown" if path.suffix == ".md" else "text"
    return ParsedDocument(
        source=str(path), sha256="x", format=fmt, text=text, pages=[Page(1, 0, len(text))]
    )


@cache
def _extract(path: str, strip_markers: bool = False) -> Extraction:
    return extract(parsed(Path(path), strip_markers))


@pytest.fixture
def seed(corpus_dir: Path):
    def get(key: str) -> Extraction:
        return _extract(str(corpus_dir / "seeds" / SEEDS[key]))

    return get


@pytest.fixture
def kungsbacka(corpus_dir: Path):
    def get(name: str, strip_markers: bool = False) -> Extraction:
        return _extract(str(corpus_dir / "kungsbacka" / name), strip_markers)

    return get


def roles(e: Extraction) -> dict[str, str]:
    return {c.name: c.role for c in e.committees}


def cases(e: Extraction) -> dict[str, str]:
    return {c.normalized: c.role for c in e.case_numbers}


@pytest.mark.parametrize(
    ("key", "doc_type", "date", "year"),
    [
        ("000", "tjänsteskrivelse", "2023-12-01", 2023),
        ("001", "yttrande", "2020-11-17", 2020),
        ("002", "tjänsteskrivelse", "2020-08-17", 2020),
        ("003", "webbsida", None, None),
        ("004", "årsredovisning", None, 2017),
    ],
)
def test_type_and_date(seed, key, doc_type, date, year):
    e = seed(key)
    assert (e.doc_type, e.date, e.year) == (doc_type, date, year)


@pytest.mark.parametrize(
    ("key", "title"),
    [
        (
            "000",
            "Remiss - Uppdrag budget 2023 - Definiera och starta ett långsiktigt och strategiskt "
            "områdeslyft i Malmös socioekonomiskt svaga delar med särskilt fokus på barn och ungas "
            "uppväxtvillkor, STK-2023-137 SBN-2023-734",
        ),
        ("001", "Remiss från tekniska nämnden - Modell för samverkansstöd TN-2019-3825"),
        ("002", "Modell för samverkansstöd TN-2019-3825"),
        ("003", "Områdesprogram för ett socialt hållbart Malmö"),
        ("004", "Kommunövergripande verksamhet"),
    ],
)
def test_title(seed, key, title):
    assert seed(key).title == title


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("000", {"SBN-2023-734": "own", "STK-2023-137": "referenced"}),
        (
            "001",
            {"STK-2020-1205": "own", "TN-2019-3825": "referenced", "STK-2020-773": "referenced"},
        ),
        ("002", {"TN-2019-3825": "own"}),
        ("003", {}),
        ("004", {}),
    ],
)
def test_case_numbers(seed, key, expected):
    e = seed(key)
    assert cases(e) == expected
    for c in e.case_numbers:
        text = Path(e.source).read_text(encoding="utf-8")
        assert text[c.start : c.end] == c.text


def test_case_number_spans_and_dedup(seed):
    e = seed("000")
    stk = next(c for c in e.case_numbers if c.normalized == "STK-2023-137")
    # first occurrence is in the title line, although it recurs in Beslutsunderlag
    assert stk.start < e.case_numbers[1].start
    assert e.own_case_numbers == ["SBN-2023-734"]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "000",
            {
                "stadsbyggnadsnämnden": "decision_maker",
                "kommunstyrelsen": "recipient",
                "kommunfullmäktige": "mentioned",
                "stadskontoret": "mentioned",
            },
        ),
        (
            "001",
            {
                "kommunstyrelsen": "author",
                "tekniska nämnden": "recipient",
                "stadskontoret": "mentioned",
                "fastighets- och gatukontoret": "mentioned",
            },
        ),
        (
            "002",
            {
                "tekniska nämnden": "decision_maker",
                "fastighets- och gatukontoret": "mentioned",
                "stadskontoret": "mentioned",
                "stadsbyggnadskontoret": "mentioned",
            },
        ),
        ("003", {}),
        (
            "004",
            {
                "kommunfullmäktige": "decision_maker",
                "servicenämnden": "mentioned",
                "stadskontoret": "mentioned",
            },
        ),
    ],
)
def test_committee_roles(seed, key, expected):
    got = roles(seed(key))
    for name, role in expected.items():
        assert got.get(name) == role, (name, got)
    if not expected:
        assert got == {}


def test_committee_all_roles(seed):
    by_name = {c.name: c for c in seed("000").committees}
    assert set(by_name["stadsbyggnadsnämnden"].roles) >= {"decision_maker", "author"}
    assert by_name["stadskontoret"].kind == "förvaltning"
    assert by_name["kommunfullmäktige"].kind == "fullmäktige"
    tn = {c.name: c for c in seed("002").committees}["tekniska nämnden"]
    assert "author" in tn.roles and tn.mentions >= 5


@pytest.mark.parametrize(
    ("key", "meeting"),
    [
        ("000", ("stadsbyggnadsnämnden", "2023-12-14")),
        ("001", None),
        ("002", ("tekniska nämnden", "2020-08-25")),
        ("003", None),
        ("004", None),
    ],
)
def test_meeting(seed, key, meeting):
    m = seed(key).meeting
    assert (m and (m.committee, m.date)) == meeting


def test_decisions_000(seed):
    [d] = seed("000").decisions
    assert d.text == "Stadsbyggnadsnämnden lämnar yttrande enligt förvaltningens förslag."
    assert d.by == "stadsbyggnadsnämnden"
    assert d.case_number == "SBN-2023-734"


def test_decisions_002_att_clauses(seed):
    decisions = seed("002").decisions
    assert [d.by for d in decisions] == ["tekniska nämnden", "tekniska nämnden"]
    assert decisions[0].text == "för egen del godkänna den föreslagna modellen för samverkansstöd"
    assert decisions[1].text.startswith("uppdraga åt förvaltningen att göra modellen bekant")
    assert decisions[1].text.endswith("befintliga samarbetsformer.")


def test_decisions_004_prose(seed):
    texts = [d.text for d in seed("004").decisions]
    assert [d.by for d in seed("004").decisions] == ["kommunfullmäktige"] * 3
    assert texts[0].startswith("Kommunfullmäktige beslutade under våren om en satsning på 50 Mkr")
    assert texts[1].startswith("I januari 2017 antog kommunfullmäktige ett program")
    assert texts[2].startswith(
        "Kommunfullmäktige beslutade i maj 2017 att inrätta ett kontaktcenter"
    )


@pytest.mark.parametrize("key", ["001", "003"])
def test_no_decisions(seed, key):
    assert seed(key).decisions == []


@pytest.mark.parametrize(
    ("key", "persons"),
    [
        (
            "000",
            [
                ("Philip Tanimura", "Planeringssekreterare", "vår referens"),
                ("Vesna Vasiljkovic", "Avdelningschef", "ansvarig"),
            ],
        ),
        (
            "001",
            [
                ("Katrín Stjernfeldt Jammeh", None, "ordförande"),
                ("Anna-Lena Alnerud", None, "sekreterare"),
            ],
        ),
        (
            "002",
            [
                ("Linda Medberg", "Enhetschef", "vår referens"),
                ("Anna Bertilsson", "Direktör", "ansvarig"),
                ("Patrik Widerberg", "Avdelningschef", "ansvarig"),
            ],
        ),
        ("003", []),
        ("004", []),
    ],
)
def test_persons(seed, key, persons):
    assert [(p.name, p.title, p.role) for p in seed(key).persons] == persons


def test_places_003(seed):
    names = [p.name for p in seed("003").places]
    for name in (
        "Herrgården",
        "Holma",
        "Kroksbäck",
        "Södra Sofielund",
        "Seved",
        "Lindängen",
        "Segevång",
    ):
        assert name in names
    assert all(p.kind == "område" for p in seed("003").places)


def test_dates_004(seed):
    got = {(d.text, d.kind, d.date, d.end_date) for d in seed("004").dates}
    assert ("I januari 2017", "period", "2017-01-01", "2017-01-31") in got
    assert ("i maj 2017", "period", "2017-05-01", "2017-05-31") in got
    assert ("Den 1 maj", "mentioned", "2017-05-01", None) in got
    assert ("våren 2018", "period", "2018-03-01", "2018-05-31") in got
    assert ("2018–2022", "range", "2018-01-01", "2022-12-31") in got
    assert not any("Mkr" in d.text or "400" in d.text for d in seed("004").dates)


def test_dates_000_kinds(seed):
    kinds = {(d.date, d.kind) for d in seed("000").dates}
    assert ("2023-12-01", "document") in kinds
    assert ("2023-12-14", "meeting") in kinds


def test_sections_000(seed):
    kinds = [s.kind for s in seed("000").sections]
    assert kinds == [
        "sammanfattning",
        "förslag till beslut",
        "beslutsunderlag",
        "beslutsplanering",
        "beslutet skickas till",
        "ärendet",
        "ansvariga",
    ]
    planering = next(s for s in seed("000").sections if s.kind == "beslutsplanering")
    assert planering.text == "Stadsbyggnadsnämnden 2023-12-14"


def test_glued_heading_001(seed):
    assert [s.heading for s in seed("001").sections] == ["Sammanfattning", "Yttrande"]


def test_chain_001_002(seed):
    """001 answers the remiss that is 002's own case: the core of cross-document lookup."""
    assert "TN-2019-3825" in seed("002").own_case_numbers
    assert cases(seed("001"))["TN-2019-3825"] == "referenced"


def test_to_dict_is_json_ready(seed):
    import json

    json.dumps(seed("001").to_dict())


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_to_dict_is_dataclasses_asdict(seed, key):
    """`to_dict` converts by hand, faster than `dataclasses.asdict`: the same dict."""
    import json
    from dataclasses import asdict

    extraction = seed(key)
    assert extraction.to_dict() == asdict(extraction)
    assert json.dumps(extraction.to_dict()) == json.dumps(asdict(extraction))
    without = asdict(extraction)
    without.pop("sections")
    assert extraction.to_dict(with_sections=False) == without


# --------------------------------------------------------------------- Kungsbacka


@pytest.mark.parametrize("strip", [False, True])
def test_bygg_protokoll_paragraph_93(kungsbacka, strip):
    e = kungsbacka("bygg_2024-04-18_protokoll.md", strip)
    assert e.doc_type == "protokollsutdrag"
    assert e.title.startswith("Byggnadsnämnden, protokollsutdrag 2024-04-18")
    assert e.date == "2024-04-18"
    assert e.meeting is not None
    assert (e.meeting.committee, e.meeting.date) == ("byggnadsnämnden", "2024-04-18")
    assert cases(e) == {"2024-134": "own"}  # SOU 2023:103 is not a case number
    first = e.decisions[0]
    assert first.text.startswith("Byggnadsnämnden antar yttrande, daterat 2024-03-25,")
    assert (first.by, first.paragraph, first.case_number) == ("byggnadsnämnden", "§ 93", "2024-134")
    assert roles(e)["byggnadsnämnden"] == "decision_maker"
    assert "recipient" in {c.name: c for c in e.committees}["kommunstyrelsen"].roles
    persons = {(p.name, p.role) for p in e.persons}
    assert {
        ("Sofie Axelsson", "sekreterare"),
        ("Thure Sandén", "ordförande"),
        ("Dick Andersson", "justerare"),
    } <= persons
    dates = {d.text for d in e.dates}
    assert {"19 mars 2024", "22 april 2024"} <= dates


def test_ks_au_protokoll(kungsbacka):
    e = kungsbacka("ks-au_2024-02-06_protokoll.md")
    assert e.doc_type == "protokoll"
    assert e.meeting is not None and e.meeting.committee == "kommunstyrelsens arbetsutskott"
    assert e.meeting.date == "2024-02-06"
    assert roles(e)["kommunstyrelsens arbetsutskott"] == "decision_maker"
    own = e.own_case_numbers
    assert len(own) == 17 and own[0] == "KS-2023-249" and own[-1] == "KS-2024-25"
    paragraphs = [d.paragraph for d in e.decisions]
    assert paragraphs[0] == "§ 43" and "§ 59" in paragraphs
    by_paragraph = {d.paragraph: d for d in reversed(e.decisions)}
    assert by_paragraph["§ 43"].case_number == "KS-2023-249"
    assert by_paragraph["§ 45"].by == "kommunfullmäktige"  # Förslag till beslut i kommunfullmäktige
    assert (
        by_paragraph["§ 56"].text
        == "Kommunstyrelsens arbetsutskott noterar informationen till protokollet."
    )
    assert by_paragraph["§ 56"].by == "kommunstyrelsens arbetsutskott"
    # KS in "KS-2023-00249" is not a mention of kommunstyrelsen
    assert not any(e_.rule == "gazetteer_abbreviation" for e_ in e.committees)


@pytest.mark.parametrize(
    ("name", "doc_type", "body"),
    [
        ("bygg_2024-04-18_protokoll.md", "protokollsutdrag", "byggnadsnämnden"),
        ("ks-au_2024-12-03_protokoll.md", "protokollsutdrag", "kommunstyrelsens arbetsutskott"),
        ("ks-au_2024-02-06_protokoll.md", "protokoll", "kommunstyrelsens arbetsutskott"),
        ("teknik-au_2024-03-11_protokoll.md", "protokoll", "nämnden för tekniks arbetsutskott"),
        ("val_2024-09-09_protokoll.md", "protokoll", "valnämnden"),
        ("revision_2024-09-23_protokoll.md", "protokoll", "kommunrevisionen"),
        ("ks_2024-02-20_kallelse.md", "kallelse", "kommunstyrelsen"),
        ("miljo_2024-05-08_kallelse.md", "kallelse", "nämnden för miljö & hälsoskydd"),
        (
            "fg-au_2024-02-07_kallelse.md",
            "kallelse",
            "nämnden för förskola & grundskolas arbetsutskott",
        ),
        ("val_2024-09-09_handlingar.md", "handlingar", "valnämnden"),
        ("bygg-au_2024-04-05_handlingar.md", "handlingar", None),
        ("teknik-au_2024-04-08_handlingar.md", "handlingar", None),
    ],
)
def test_kungsbacka_types_and_meetings(kungsbacka, name, doc_type, body):
    e = kungsbacka(name)
    assert e.doc_type == doc_type
    if body is not None:
        assert e.meeting is not None and e.meeting.committee == body
        assert e.meeting.date == re.search(r"\d{4}-\d{2}-\d{2}", name).group(0)  # type: ignore[union-attr]


def test_kallelse_agenda_table(kungsbacka):
    e = kungsbacka("miljo_2024-05-08_kallelse.md")
    got = cases(e)
    assert got["MH-2024-2313"] == "own"  # split cell "MH-2024-<br>2313"
    # A series-less Beteckning takes the series the same agenda writes for the nämnd's cases.
    assert got["MH-2024-3302"] == "own"
    bare = next(c for c in e.case_numbers if c.normalized == "MH-2024-3302")
    assert (bare.text, bare.series_from) == ("2024-03302", "document")
    d = next(d for d in e.decisions if d.case_number == "MH-2024-2503")
    assert d.text == "Nämnden för Miljö & Hälsoskydd antar yttrande, daterat 2024-04-26."
    assert d.by == "nämnden för miljö & hälsoskydd"


def test_extractor_with_missing_model_falls_back():
    e = Extractor(model="sv_core_news_does_not_exist")
    assert "committee_ruler" in e.nlp.pipe_names


# --------------------------------------------------------------------- through the readers


@pytest.mark.parametrize(
    ("name", "doc_type", "own", "agenda_decisions"),
    [
        ("miljo_2024-05-08_kallelse.md", "kallelse", {"MH-2024-2313", "MH-2024-3302"}, 8),
        ("fg-au_2024-02-07_kallelse.md", "kallelse", {"FG-2024-26", "FG-2024-53"}, 8),
        ("bygg_2024-04-18_protokoll.md", "protokollsutdrag", {"2024-134"}, 0),
    ],
)
def test_kungsbacka_via_reader(corpus_dir, name, doc_type, own, agenda_decisions):
    """The readers turn Markdown tables into ``a | b | c`` rows; extraction must not care."""
    readers = pytest.importorskip("extractors.readers")
    path = corpus_dir / "kungsbacka" / name
    e = extract(readers.read_document(path, source=str(path)))
    assert e.doc_type == doc_type
    assert own <= set(e.own_case_numbers)
    assert sum(d.rule == "agenda_forslag" for d in e.decisions) == agenda_decisions
    assert all(d.page is not None and d.page >= 1 for d in e.decisions)


def test_pdf_protokoll_via_reader(corpus_dir):
    readers = pytest.importorskip("extractors.readers")
    [path] = sorted((corpus_dir / "pdf").glob("*.pdf"))[:1] or [None]
    if path is None:
        pytest.skip("no PDF in corpus/pdf")
    e = extract(readers.read_document(path, source=str(path)))
    assert e.doc_type == "protokoll"
    assert e.date == "2007-01-08"
    assert e.meeting is not None and e.meeting.committee == "kommunstyrelsen"
