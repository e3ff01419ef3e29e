"""The failure classes of issue 13's fourth round, over sentences written the way other
municipalities, regions and kommunalförbund write them (none is from a corpus document):
decisions outside a "Beslut" heading and in decision letters, document dates on a signature's
place-and-date line, issuing bodies by morphology and by the document's own abbreviations,
and the type of a lone § or a page that says what it is.
"""

from __future__ import annotations

import pytest

from diarium.evaluate import match_decisions
from extractors.base import Page, ParsedDocument
from extractors.extraction import extract
from extractors.header import place_date
from extractors.model import Extraction


def extracted(text: str) -> Extraction:
    doc = ParsedDocument(
        source="t", sha256="x", format="text", text=text, pages=[Page(1, 0, len(text))]
    )
    return extract(doc)


def found_all(text: str, expected: list[str]) -> bool:
    e = extracted(text)
    return len(match_decisions(expected, [d.text for d in e.decisions])) == len(expected)


# ------------------------------------------------------------------ decisions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kommunstyrelsen\nProtokoll 2019-04-08\n§ 54 Dnr KS 2019/118\nRiktlinjer\n"
            "Bakgrund\nRiktlinjerna har setts över.\nKommunstyrelsen beslutar att\n"
            "1. anta reviderade riktlinjer för representation,\n"
            "2. riktlinjerna gäller från och med den 1 maj 2019.\n",
            [
                "anta reviderade riktlinjer för representation,",
                "riktlinjerna gäller från och med den 1 maj 2019.",
            ],
        ),
        (
            "Socialnämnden\nProtokoll 2020-02-19\n§ 12 SN 2020/7\nÄrendet\nEn plan har tagits "
            "fram.\nSocialnämnden beslutar\n- att anta handlingsplanen,\n"
            "- att planen följs upp i december.\n",
            ["att anta handlingsplanen,", "att planen följs upp i december."],
        ),
        (
            "Tekniska nämnden\nSammanträdesdatum 2018-09-04\n§ 80 TN 2018/301\nVinterväghållning\n"
            "Nämndens beslut\n- Tekniska nämnden godkänner riktlinjerna.\n"
            "- Riktlinjerna gäller från säsongen 2018/2019.\n",
            [
                "Tekniska nämnden godkänner riktlinjerna.",
                "Riktlinjerna gäller från säsongen 2018/2019.",
            ],
        ),
        (
            "Kultur- och fritidsnämnden\n2017-05-10\n§ 33\nFöreningsbidrag\n"
            "Kultur- och fritidsnämndens beslut\nNämnden fördelar föreningsbidrag enligt bilaga.\n",
            ["Nämnden fördelar föreningsbidrag enligt bilaga."],
        ),
        (
            "BESLUT\nDatum 2021-09-14\nDnr MSN-2021-1187\nMiljö- och samhällsnämnden\n"
            "Föreläggande om provtagning\nBeslut\nMiljö- och samhällsnämnden förelägger bolaget "
            "att ta prov på dricksvattnet.\nFöreläggandet förenas med ett vite om 10 000 kronor.\n"
            "Skäl för beslutet\nVid inspektionen saknades provtagningsplan.\n",
            [
                "Miljö- och samhällsnämnden förelägger bolaget att ta prov på dricksvattnet.",
                "Föreläggandet förenas med ett vite om 10 000 kronor.",
            ],
        ),
        (
            "DELEGATIONSBESLUT\nStadsbyggnadsnämnden\n2020-11-05\nBeslut\nStadsbyggnadsnämnden "
            "ger dispens från strandskyddet för en brygga.\nSom tomtplats får endast marken "
            "inom bifogad karta tas i anspråk.\n",
            [
                "Stadsbyggnadsnämnden ger dispens från strandskyddet för en brygga.",
                "Som tomtplats får endast marken inom bifogad karta tas i anspråk.",
            ],
        ),
        (
            "Motion till kommunfullmäktige\nFler laddstolpar\nJag yrkar\n"
            "att kommunen bygger tio laddstolpar under 2021.\nArvika den 4 maj 2020\n",
            ["att kommunen bygger tio laddstolpar under 2021."],
        ),
        (
            "Utlåtande 2019:44 RI\nStadsledningskontoret föreslår att kommunstyrelsen beslutar "
            "följande. Motionen anses besvarad med hänvisning till vad som sägs i utlåtandet. "
            "Ärendet Motionären vill att staden bygger fler bänkar.",
            ["Motionen anses besvarad med hänvisning till vad som sägs i utlåtandet."],
        ),
        (
            "Kommunstyrelsen\nProtokoll 2014-02-04\n§ 15\nOrdföranden föreslår att mötet "
            "flyttas till den 11 mars.\nKommunstyrelsen bifaller ordförandens förslag.\n§ 16\n"
            "Redovisningen godkänns.",
            ["Kommunstyrelsen bifaller ordförandens förslag.", "Redovisningen godkänns."],
        ),
        (
            "Regionfullmäktige i korthet 14 juni 2022\nPå mötet fattades beslut om en ny "
            "tandvårdstaxa.\nÖvriga ärenden bordlades.",
            ["På mötet fattades beslut om en ny tandvårdstaxa."],
        ),
    ],
)
def test_decisions_outside_a_beslut_heading(text: str, expected: list[str]) -> None:
    assert found_all(text, expected)


def test_a_decision_letter_leaves_out_its_signature_and_notes() -> None:
    e = extracted(
        "DELEGATIONSBESLUT\nKommunstyrelsen\n2018-04-09\nBeslut\nKommunen har inget att erinra "
        "mot ansökan.\nBeslutet har fattats med stöd av punkt 4.2 i delegationsordningen.\n"
        "Anna Ek\nKanslichef\n"
    )
    assert [d.text for d in e.decisions] == ["Kommunen har inget att erinra mot ansökan."]
    assert {d.kind for d in e.decisions} == {"beslut"}


def test_a_rule_line_ends_a_decision_section() -> None:
    e = extracted(
        "KOMMUNFULLMÄKTIGE PROTOKOLL\nKommunfullmäktige beslutar:\n\natt utse Eva Ek att "
        "justera protokollet,\n\natt justeringen sker den 5 december.\n\n_________\n\n"
        "Kf § 275 Dnr Ks 00-1009\n\nArbetsordning för dagens sammanträde\n"
    )
    assert e.decisions[-1].text == "justeringen sker den 5 december."


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Motion\nJag yrkar att ...\nTorsby den 2 mars 2016\nSven Ek (KD)", "2016-03-02"),
        ("Yttrande\nKommunen tillstyrker.\nStockholm 2015-03-02\nEva Lund", "2015-03-02"),
        ("Vi tillstyrker ansvarsfrihet.\nLidköping den 3 april 2019.\nKent Hult", "2019-04-03"),
        ("Övertorneå, 12 juni 2018\nPå kommunstyrelsens vägnar", "2018-06-12"),
        ("Fullmäktigebeslut 27 september 2021\nKommunfullmäktige beslutade ...", None),
        ("Justerad 2019-08-30\nAnslaget 2019-08-31", None),
        ("Kommunstyrelsen 2019-08-27\nProtokoll", None),
        ("Tisdagen den 3 mars 2015\nKallelse", None),
    ],
)
def test_place_and_date_line(text: str, expected: str | None) -> None:
    found = place_date(text)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "meeting"),
    [
        (
            "Härjedalens kommun\nKommunstyrelsen\nProtokoll\nKommunstyrelsen sammanträdde "
            "onsdagen den 5 maj 2021 i kommunhuset.\nProtokollet justerades den 10 maj 2021.",
            "2021-05-05",
        ),
        (
            "Kommunfullmäktige\nSammanträdesprotokoll\nTid: Tisdagen den 3 mars 2015 kl. 13.00\n"
            "Justering: Fredagen den 6 mars 2015",
            "2015-03-03",
        ),
        (
            "SAMMANTRÄDESPROTOKOLL Kommunstyrelsen Plats och tid för sammanträdet Beslutande Ej "
            "beslutande ledamöter Övriga deltagande Utses att justera Justeringens plats och tid "
            "Underskrifter Kommunkontoret, tisdag den 23 maj 2006, kl 08.30 Anna Ek (S) Kommunkontoret, "
            "tisdag den 30 maj 2006",
            "2006-05-23",
        ),
    ],
)
def test_meeting_date_in_prose_and_flattened_covers(text: str, meeting: str) -> None:
    e = extracted(text)
    assert e.meeting is not None and e.meeting.date == meeting


# ------------------------------------------------------------------ issuing body


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Kommunalförbundet Sydarkivera\nPROTOKOLL\nFörbundsstyrelsen\n"
            "Sammanträdesdatum: 2020-06-04\n§ 31\nFörbundsstyrelsen föreslår förbundsfullmäktige "
            "att anta förbundsordningen.",
            "förbundsstyrelsen",
        ),
        (
            "PROTOKOLL\nBeredningen för hållbar utveckling\nSammanträdesdatum 2015-11-10\n§ 18\n",
            "beredningen för hållbar utveckling",
        ),
        (
            "PROTOKOLL\nKommunstyrelsens\narbetsutskott\nSammanträdesdatum\n2017-11-28\n§ 190\n",
            "kommunstyrelsens arbetsutskott",
        ),
        (
            "SAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2014-10-07\nBeslutande Åsa Berg (S)\n"
            "ANSLAG/BEVIS\nOrgan Kommunstyrelsens arbetsutskott\nSammanträdesdatum 2014-10-07",
            "kommunstyrelsens arbetsutskott",
        ),
    ],
)
def test_issuing_body_by_morphology(text: str, body: str) -> None:
    assert extracted(text).body == body


def test_a_defined_abbreviation_beats_the_gazetteer() -> None:
    e = extracted(
        "TJÄNSTESKRIVELSE\n2020-02-11\nSamhällsbyggnadsnämnden (SBN)\nDetaljplan\n"
        "Förslag till beslut\nSBN beslutar att godkänna planförslaget för samråd."
    )
    assert {c.name for c in e.committees} == {"samhällsbyggnadsnämnden"}


def test_a_national_association_board_is_no_body_of_the_document() -> None:
    e = extracted("Kommunstyrelsen\nProtokoll 2020-03-02\nSKR:s förbundsstyrelse har beslutat ...")
    assert "förbundsstyrelsen" not in {c.name for c in e.committees}


# ------------------------------------------------------------------ type


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        (
            "Ludvika kommun\nKommunfullmäktige\n2018-02-26\n§ 12 Dnr 2017/604\n"
            "Motion om solceller\nKommunfullmäktiges beslut\natt anse motionen besvarad.",
            "protokollsutdrag",
        ),
        (
            "SOCIALNÄMNDEN\nSammanträdesdatum 2016-06-15\n§ 88 SN.2016.55\nInternkontrollplan\n"
            "Nämndens beslut\n- Socialnämnden godkänner planen.",
            "protokollsutdrag",
        ),
        (
            "DELEGATIONSBESLUT\nStadsbyggnadsnämnden\n2020-11-05\nBeslut\nDispens ges.",
            "delegationsbeslut",
        ),
        ("KUNGÖRELSE\nKommunfullmäktige sammanträder måndagen den 30 mars 2020.", "kallelse"),
        ("Motion till kommunfullmäktige\nFler laddstolpar\nJag yrkar att ...", "motion"),
        (
            "Beslut från kommunfullmäktige 13 juni 2019\nHär är ett urval av de beslut som "
            "fattades.\nKommunfullmäktige beslutade att bygga en simhall.",
            "beslutsreferat",
        ),
        (
            "Kommunstyrelsen i korthet\nKommunstyrelsen sammanträdde den 5 maj 2021.\n"
            "Medborgarförslag om utegym\nMedborgarförslaget avslogs.",
            "beslutsreferat",
        ),
        (
            "Kommunstyrelsen\nDatum: 2023-02-08\nTid: 08:30\nPlats: Stadshuset\nÄrende\n"
            "1 Val av justerare\n2 Budgetuppföljning",
            "kallelse",
        ),
        (
            "BESLUT 1(2) Datum 2019-05-14 Dnr MBN 2019-456 Miljö- och byggnämnden Beslut "
            "Miljö- och byggnämnden beviljar bygglov.",
            "beslut",
        ),
        ("Sammanfattning av regionfullmäktige 14 juni\nPå mötet beslutades ...", "beslutsreferat"),
        (
            "Stadens hemsida\nSammanträde 2011-03-15\nPlats Stadshuset\n"
            "2 Val av justerare och tid för justering\n3 Anmälan av föregående protokoll",
            "kallelse",
        ),
        (
            "1 KULTURFÖRVALTNINGEN Handläggare Eva Ek Datum Diarienummer KN Kulturnämnden "
            "Bidrag till studieförbunden Förslag till beslut Kulturnämnden föreslås besluta att "
            "fördela bidragen enligt bilaga.",
            "tjänsteskrivelse",
        ),
        ("Granskning av delårsrapport per 31 augusti 2019\nRevisorerna i Ale kommun", "rapport"),
    ],
)
def test_type_of_a_lone_paragraph_and_of_pages_that_say_what_they_are(
    text: str, doc_type: str
) -> None:
    assert extracted(text).doc_type == doc_type


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Motion\nFler bänkar i parken\nJag föreslår att tekniska nämnden ...",
            "kommunfullmäktige",
        ),
        (
            "Interpellation till ordföranden i barn- och utbildningsnämnden\nHur många ...",
            "kommunfullmäktige",
        ),
        ("Motion till regionfullmäktige\nTandvård för unga\nVi yrkar ...", "regionfullmäktige"),
    ],
)
def test_a_motion_or_interpellation_is_before_fullmaktige(text: str, body: str) -> None:
    assert extracted(text).body == body


def test_the_next_meeting_does_not_date_a_report_of_one() -> None:
    e = extracted(
        "Kommunfullmäktige i korthet 11 maj 2020\nBokslutet bordlades. Nästa möte den 8 juni."
    )
    assert e.meeting is not None and e.meeting.date == "2020-05-11"
