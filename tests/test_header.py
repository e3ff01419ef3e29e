"""The head of a document, over real sentences from many municipalities (issue 13).

The sentences are copied from the ``tune`` part of ``../shared/municipalities`` (see
`diarium.evaluate_written.split_of`), from the seeds and from Kungsbacka; the corpus test at
the end scores both parts of the split and keeps the untouched part above a floor.
"""

from __future__ import annotations

import json

import pytest

from diarium.evaluate_written import evaluate_written, split_of
from extractors.committees import find_bodies
from extractors.header import document_date, head_type, issuing_body, meeting_date
from tests.conftest import CORPUS_DIR

MUNICIPALITIES = CORPUS_DIR.parent / "municipalities"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BURLÖVS KOMMUN SAMMANTRÄDESPROTOKOLL Kommunstyrelsen Sammanträdesdatum Sida 1 (24)",
            "protokoll",
        ),
        ("MÖTESPROTOKOLL Mötesdatum\n\nSekreterare ... Susanne Ohlsson", "protokoll"),
        (
            "1 (1) Plats och tid Rådhus Skåne, kl. 10:00-11:00. Beslutande Anders Tell (S)",
            "protokoll",
        ),
        ("KALLELSE KOMMUNSTYRELSEN\nKallelse Föredragningslista 1(4) Sammanträde", "kallelse"),
        (
            "Kommunstyrelsens arbetsutskott kallas till sammanträde Dag Tisdagen den 6 februari 2018",
            "kallelse",
        ),
        ("Beslut i korthet 2019\n\nBeslut i korthet den 15 oktober", "beslutsreferat"),
        (
            "Publicerad: 17 sep 2019\n\nBeslut i korthet- Kommunfullmäktige 16 september 2019",
            "beslutsreferat",
        ),
        (
            "Sedlar av olika valörer\nPressmeddelande 2019-10-31\n\nDelårsrapport pekar mot viss förbättring",
            "beslutsreferat",
        ),
        ("DELÅRSRAPPORT. Tranås kommun ~ TRANÅS KOMMUN", "delårsrapport"),
        ("ÅRSREDOVISNING 2013 Invigning av Johan Falkmans konstverk", "årsredovisning"),
        (
            "Motioner\nMotioner och interpellationer är förslag. Här kan du se vilka motioner som har lämnats in",
            "förteckning",
        ),
        ("Utdrag ur protokoll fört vid sammanträde med kommunstyrelsen", "protokollsutdrag"),
        ("TJÄNSTEUTLÅTANDE\n\nÖversyn av delegationsordningen", "tjänsteskrivelse"),
        ("Yttrande över Förvaltningsplan för Norra Östersjöns vattendistrikt", "yttrande"),
        ("Risk- och sårbarhetsanalys\n2023-2025\nKommunövergripande", "rapport"),
        (
            "Ärenden. Parken. 1 Justering av protokoll 2 Interpellation från Birgitta Lanér Sjöström",
            "kallelse",
        ),
    ],
)
def test_head_type(text: str, expected: str) -> None:
    found = head_type(text)
    assert found is not None and found[0] == expected


def test_a_plain_text_has_no_head_type() -> None:
    assert head_type("Vi planterar träd längs ån i vår.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PROTOKOLL Kommunstyrelsen Sammanträdesdatum: 2018-10-02 Plats och tid Konferensrum 105",
            "2018-10-02",
        ),
        # Justering and anslag come first in Hörby's flattened cover: the meeting is the weekday.
        (
            "Justeringens plats och tid Kommunförvaltningen, Ringsjövägen 4, Hörby, torsdagen den "
            "19 december 2019, kl. 17:00 ANSLAG/BEVIS Protokollet är justerat. Justeringen har "
            "tillkännagivits genom anslag. Hörbysalen Måndagen den 16 december 2019 kl. 18:00",
            "2019-12-16",
        ),
        (
            "Plats och tid Kommunhuset, Storuman 2018-09-11, kl. 13.00-13.35 Justeringens plats "
            "och tid Kommunhuset, Storuman 2018-09-17",
            "2018-09-11",
        ),
        ("Kommunfullmäktige 2019-08-22 protokoll.pdf Pdf, 3.4 MB 2019-08-30 08.46", "2019-08-22"),
        (
            "Beslut i korthet 2019\n\nBeslut i korthet den 15 oktober\n\nKommunens delårsbokslut",
            "2019-10-15",
        ),
        ("Kommunstyrelsen, 1 november 2018\nKommunstyrelsen fattade följande beslut", "2018-11-01"),
        ("Anslaget sätts upp: 2020-08-18 Sammanträdesdatum: 2020-08-19", "2020-08-19"),
        # The sentence over the agenda dates the meeting, not an extra meeting listed before it.
        (
            "Kommunstyrelsen\n\nSammanträdestider 2021: 10 februari, 14 april.\n\nExtra "
            "sammanträde den 16 juni 2021\n\nKommunstyrelsen behandlar följande ärenden på "
            "sammanträde den 13 oktober 2021.\n\n3. Fyllnadsval",
            "2021-10-13",
        ),
        # "Efter … sammanträde <date>" tells of an earlier meeting; "i dag, torsdagen den 26
        # april" is the news page's own, in the year of its publication.
        (
            "Regionstyrelsen har sammanträtt\n\nPublicerad 2018-04-26 16:17\nRegionstyrelsen har "
            "sammanträtt i dag, torsdagen den 26 april.\n\nÅrsredovisning 2017\n\nEfter "
            "regionstyrelsens sammanträde 2018-03-22 har ett felaktigt belopp upptäckts.",
            "2018-04-26",
        ),
        # A date without a year takes the year of the complete date before it, not of an
        # annual report's year named between them (Karlshamn, set V's 2512)
        (
            "Kommunfullmäktige 9 april 2018\n\n2018-04-09 | Påverka\nKommunfullmäktige godkände "
            "årsredovisningen för 2017.\n\nNedan följer en sammanfattning av beslut fattade under "
            "kommunfullmäktiges sammanträde den 9 april.\n\nRevisionsberättelse för år 2017",
            "2018-04-09",
        ),
    ],
)
def test_meeting_date(text: str, expected: str) -> None:
    found = meeting_date(text)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Publicerad: 17 sep 2019\n\nBeslut i korthet", "2019-09-17"),
        ("Pressmeddelande   •   Feb 12, 2013 15:44 CET", "2013-02-12"),
        (
            "Metadata om dokument\nDiarienummer: BK 2023/1067\nBeslutsdatum: 2023-08-29",
            "2023-08-29",
        ),
        ("ÅRSREDOVISNING\nDnr 26/0005-2\n2025-03-27\nÅrsredovisning 2025", "2025-03-27"),
    ],
)
def test_document_date(text: str, expected: str) -> None:
    found = document_date(text)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PROTOKOLL Kommunstyrelsen Sammanträdesdatum: 2018-10-02", "kommunstyrelsen"),
        (
            "1 Sammanträdesprotokoll OMSORGSSTYRELSEN Plats och tid Omsorgsförvaltningen",
            "omsorgsstyrelsen",
        ),
        (
            "Till kommunstyrelsen\n\nSocialnämndens arbetsutskott\nProtokoll",
            "socialnämndens arbetsutskott",
        ),
        (
            "Kommunstyrelsens ordförande har ordet. Barn- och utbildningsnämnden",
            "barn- och utbildningsnämnden",
        ),
        (
            "Borlänge kommuns risk- och\nsårbarhetsanalys\nBeslutad av Kommunstyrelsen, 2023-08-29",
            "kommunstyrelsen",
        ),
        ("Ö PROTOKOLL\nMS Tolkförmedling Väst Direktionen\n\n2026-03-27", "direktionen"),
        # a PDF lost the space after "med" (in the style of set R's 2151)
        (
            "Kallelsetill sammanträde medkommunstyrelsens2013-02-19Tid: Onsdagen den 27 februari",
            "kommunstyrelsen",
        ),
        # a förbund's board as its own minutes' title, the förbund not named in the head
        (
            "SAMMANTRÄDESPROTOKOLL Förbundsstyrelsen Sammanträdesdatum 2009-09-23\n\nTid "
            "Onsdagen den 23 september kl 10 Plats Växjö",
            "förbundsstyrelsen",
        ),
    ],
)
def test_issuing_body(text: str, expected: str) -> None:
    found = issuing_body(text)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Barn- och utbildningsnämnden", ["barn- och utbildningsnämnden"]),
        ("Kultur- och fritidsnämnden", ["kultur- och fritidsnämnden"]),
        ("hälso-, vård- och omsorgsnämnden", ["hälso-, vård- och omsorgsnämnden"]),
        ("KOMMUNSTYRELSENS ALLMÄNNA UTSKOTT", ["kommunstyrelsens allmänna utskott"]),
        ("Socialnämndens arbetsutskott", ["socialnämndens arbetsutskott"]),
        (
            "Tekniska nämnden och regionala utvecklingsnämnden",
            ["tekniska nämnden", "regionala utvecklingsnämnden"],
        ),
        (
            "Nämnden för arbetsmarknadsfrågor och vuxenutbildning",
            ["nämnden för arbetsmarknadsfrågor och vuxenutbildning"],
        ),
        ("Regionförbundets styrelse", ["regionförbundets styrelse"]),
        (
            "Landstingsfullmäktige och landstingsstyrelsen",
            ["landstingsfullmäktige", "landstingsstyrelsen"],
        ),
        # Hard negatives: state agencies and boards, generic words.
        ("Länsstyrelsen, Socialstyrelsen, Transportstyrelsen och Skogsstyrelsen", []),
        ("hyresnämnden och Statens överklagandenämnd", []),
        ("nämnden beslutar att styrelsen och utskottet ska", []),
        ("i nämnden för deltagande i projektet", []),
    ],
)
def test_find_bodies(text: str, expected: list[str]) -> None:
    assert [b.name for b in find_bodies(text)] == expected


@pytest.mark.corpus
def test_municipalities_corpus_both_parts() -> None:
    """Floors under the figures measured when the head rules were written (README, accuracy):
    a change that loses ground on municipalities no rule was tuned on fails here."""
    gold_path = MUNICIPALITIES / "gold.jsonl"
    if not gold_path.is_file():
        pytest.skip(f"../shared/municipalities not present: {MUNICIPALITIES}")
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    assert {split_of(d["municipality"]) for d in gold} == {"tune", "held-out"}
    held_out = evaluate_written(gold, MUNICIPALITIES, split="held-out").summary()
    tune = evaluate_written(gold, MUNICIPALITIES, split="tune").summary()
    assert tune["doc_type_accuracy"] >= 0.90
    assert tune["meeting_date_accuracy"] >= 0.95
    assert held_out["doc_type_accuracy"] >= 0.80
    assert held_out["meeting_date_accuracy"] >= 0.75
    assert held_out["committees_f1"] >= 0.85
    assert held_out["body_accuracy"] >= 0.60


def test_a_body_name_split_by_a_pdf_line_is_no_body_of_its_own() -> None:
    """ "Landsti ngsstyrelsen": the PDF-to-text step split the word; its tail is no
    "ngsstyrelsen", and the name written whole on the same line is the issuing body."""
    from extractors.committees import find_bodies

    text = (
        "PROTOKOLL Landsti ngsstyrelsen Sammanträde Protokoll från Landstingsstyrelsens sammanträde"
    )
    assert [b.name for b in find_bodies(text)] == ["landstingsstyrelsen"]
