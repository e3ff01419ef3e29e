"""Document types of issue 13's seventh round, over pages written the way other
municipalities' and regions' web sites and letterheads write them (none is from a corpus
document): a Meetings Plus meeting page, a municipality's news page about a meeting, a
notice that promises the public a seat, a flattened BESLUTSUNDERLAG letterhead; and the
body of a meeting page and the date of a news page.
"""

from __future__ import annotations

import pytest

from extractors.base import Page, ParsedDocument
from extractors.extraction import extract
from extractors.model import Extraction


def _extract(text: str) -> Extraction:
    doc = ParsedDocument(
        source="t", sha256="x", format="text", text=text, pages=[Page(1, 0, len(text))]
    )
    return extract(doc)


def doc_type(text: str) -> str:
    return _extract(text).doc_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Meetings Plus page lists the agenda's items with their texts, which speak of the
        # justerare and the protokoll the meeting will produce.
        (
            "Hoppa över navigering\n  1. Två justerare utses att justera dagens protokoll.\n\n"
            "  2. Godkännande av dagordningen.\n\n  3. Nämnden informeras om budgetläget.\n",
            "föredragningslista",
        ),
        (
            "Hoppa över navigering\n  •   1\n\n    Sammanträdet öppnas\n\n  •   2\n\n"
            "    Val av justerare och tid för justering\n",
            "föredragningslista",
        ),
        # A news page about a meeting or a decision is a report of it.
        (
            "Artikeln publicerades 12 mars 2021\n\nSocialnämnden ställer in sitt sammanträde\n\n"
            "Beslutet fattades av ordföranden på delegation. Protokollen finns på webben.",
            "beslutsreferat",
        ),
        (
            "Ny skola i Norrby\n\nNyhet 2019-05-02\n\nKommunfullmäktige sa på onsdagen ja till "
            "en ny skola. Beslutet innebär att bygget startar i höst.",
            "beslutsreferat",
        ),
        (
            "Publicerad: 3 feb 2022\n\nSammanträde 2022-02-01\n\nTaxor\n\nAvgiften föreslås "
            "höjas med två procent.",
            "beslutsreferat",
        ),
        # A notice promises the public a seat; the minutes it links to are another document.
        (
            "Regionfullmäktige 2021-04-12\n\nTid: Mötet startar klockan 9.00.\nPlats: "
            "Regionens hus\n\nMötet är öppet för allmänheten.\n\nProtokoll från "
            "regionstyrelsens senaste sammanträde.",
            "kallelse",
        ),
        # A memo's letterhead word in capitals inside a transcript flattened to one line.
        (
            "1 Region Exempel Regionkansliet BESLUTSUNDERLAG Regionfullmäktige Datum Sida 1 (2) "
            "Dnr RE21/0042 Ändring av reglemente Ordförandens förslag 1. Reglementet ändras "
            "enligt bilaga. Ärendet har beretts i enlighet med protokoll från arbetsutskottet.",
            "tjänsteskrivelse",
        ),
        # Auditors' review reports and a plan's consultation account are reports.
        (
            "Revisionsrapport\nIntern kontroll av representation\nExempelby kommun\n"
            "Vi har av revisorerna fått i uppdrag att pröva den interna kontrollen.",
            "rapport",
        ),
        (
            "EXEMPELBY KOMMUNS ÖVERSIKTSPLAN\nSamrådsredogörelse\nÖversiktsplanen har varit "
            "på samrådsremiss under våren.",
            "rapport",
        ),
        # Minutes whose first item says the notice went out are minutes.
        (
            "2 Kf 78 Kallelse Till detta sammanträde har utfärdats kallelse enligt bilaga 27 "
            "till detta protokoll.\n3 Kf 79 04/66 Inkomna handlingar",
            "protokoll",
        ),
    ],
)
def test_type_of_web_pages_and_flattened_letterheads(text: str, expected: str) -> None:
    assert doc_type(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Minutes that say the meeting was public, in the past tense, stay minutes.
        "Kommunfullmäktige\nSammanträdesprotokoll\nSammanträdesdatum 2021-04-12\n"
        "Sammanträdet var öppet för allmänheten.\nJusterare Anna Berg\n§ 1 Upprop",
        # "beslutsunderlag" in lower case is any memo's word, not a letterhead.
        "Kommunstyrelsen\nProtokoll\nSammanträdesdatum 2020-05-04\nJusterare Per Ek\n"
        "§ 12\nSom beslutsunderlag finns en tjänsteskrivelse.",
    ],
)
def test_minutes_stay_minutes(text: str) -> None:
    assert doc_type(text) == "protokoll"


def test_a_meeting_page_is_of_the_body_its_items_name_most() -> None:
    text = (
        "Hoppa över navigering\n  1. Val av två justerare att jämte ordföranden justera "
        "dagens protokoll.\n\n  2. Enligt regionfullmäktiges arbetsordning ska "
        "föredragningslistan anslås.\n\n  3. Medborgarförslaget fördelas till hälso- och "
        "sjukvårdsnämnden och ska besvaras senast vid regionfullmäktiges sammanträde i "
        "november.\n\n  4. Regionfullmäktige väljer en ny revisor.\n"
    )
    assert _extract(text).body == "regionfullmäktige"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Artikeln publicerades 4 september 2020\n\nNämnden ställer in sitt sammanträde "
            "den 21 september 2020.",
            "2020-09-04",
        ),
        ("Historiskt beslut\n\nNyhet 2016-02-24\n\nFullmäktige sa ja på onsdagen.", "2016-02-24"),
        # (in the style of set V's 2542 and 2501): the label and the date on the first line; an
        # ISO date and its time on a line of their own under the title
        (
            "NYHETER 2024-04-26\n\nSammanfattning från regionfullmäktige den 23–24 april\n\n"
            "Regionfullmäktige har sammanträtt i Umeå.",
            "2024-04-26",
        ),
        (
            "Kommunfullmäktige i korthet\n\n2009-10-19 17:20\n\nBeslut:\n\n• Fullmäktige "
            "beviljade socialnämnden 500 000 kronor.",
            "2009-10-19",
        ),
    ],
)
def test_a_news_page_is_dated_by_its_publication_line(text: str, date: str) -> None:
    assert _extract(text).date == date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A meeting platform's page under its breadcrumb: with the proposals, the agenda ...
        (
            "Din position: Hem > Norrby kommun > Kommunstyrelsen > Sammanträde 2021-03-02\n\n"
            "Sammanträde 2021-03-02\n\n1 Rapport från kommundirektören\n\nDnr 2021/KS 0001 001"
            "\n\nKommunstyrelsens förslag till beslut\n- Informationen noteras.\n\n"
            "2 Yttrande över remiss om kollektivtrafik\n",
            "föredragningslista",
        ),
        # ... after the meeting, the items decided and what was decided: the minutes.
        (
            "Din position: Hem > Norrby kommun > Kommunstyrelsen > Sammanträde 2021-03-02\n\n"
            "Sammanträde 2021-03-02\n\n3 Yttrande över remiss om kollektivtrafik\n\n"
            "6 Policy för borgen\n\nEnligt förvaltningens förslag med kompletteringen:\n"
            "Borgen ges till och med 2026.\n",
            "protokoll",
        ),
        # An attendance list is the minutes' ("Se bilagd närvarolista"), under any heading.
        (
            "1 Kommunfullmäktige ( ) Folkets Hus, sal Valhall, kl Se bilagd närvarolista "
            "Eva Ek, sekreterare\n\n2 Kommunfullmäktige Kf 124 KUNGÖRANDE Kommunfullmäktige "
            "godkänner sammanträdets kungörande.\n",
            "protokoll",
        ),
        # A list of items headed by their paragraphs, not an agenda's list.
        (
            "1 ÄRENDELISTA Sammanträdesdatum (Kommunfullmäktige) Paragraf Ärendelista 22 "
            "Information om kollektivtrafiken 23 Interpellation om e-post 24 Svar på motion\n",
            "protokoll",
        ),
        # A document site's title from the first item ("delårsbokslut") over a cover of minutes.
        (
            "Godkännande av delårsbokslut 2020 Norrby kommunalförbund\n\nFull text\n\n(1)\n\n"
            "Plats och tid Stadshuset 09:00-10:30\n\nBeslutande ledamöter Eva Ek (S)\n\n"
            "Övriga närvarande Per Ek, kommunchef\n\nJusterare Anna Berg\n\n"
            "Justeringens plats och tid Kommunledningsförvaltningen 2020-12-21\n",
            "protokoll",
        ),
    ],
)
def test_type_of_meeting_pages_and_minutes_under_other_titles(text: str, expected: str) -> None:
    assert doc_type(text) == expected


def test_a_memo_is_of_the_body_it_is_addressed_to() -> None:
    text = (
        "1 Tjänsteutlåtande 13 Norrby Kommunkansliet Eva Ek Datum Dnr KS 2017/0268 Till "
        "Kommunstyrelsen Valkretsindelning inför valen 2018 Sammanfattning Förslaget är att "
        "upphäva Kommunfullmäktiges beslut om två valkretsar.\n"
    )
    extraction = _extract(text)
    assert extraction.doc_type == "tjänsteskrivelse"
    assert extraction.body == "kommunstyrelsen"


_NAMES = [
    "Anna Berg", "Per Ek", "Eva Lund", "Nils Holm", "Karin Ström", "Olle Sjö", "Lena Dahl",
    "Erik Falk", "Maria Nord", "Johan Vik", "Sara Björk", "Lars Ahl", "Ida Ros", "Ulf Sten",
]  # fmt: skip


def test_minutes_without_their_bodys_name_by_who_attended() -> None:
    members = " ".join(f"{name} ({party})" for name in _NAMES for party in ["S"])
    styrelse = _extract(
        "Sidan 1 av 48 Plats och tid Kommunens hus, kl 13.00 16.00 Beslutande "
        f"{members} Övriga deltagande Ove Berg, kommunchef Utses att justera Eva Lund\n"
    )
    assert styrelse.doc_type == "protokoll"
    assert styrelse.body == "kommunstyrelsen"
    council = " ".join(
        f"{first} {last}s (M)" for first in ["Anna", "Per", "Eva"] for last in _NAMES
    )
    fullmaktige = _extract(
        f"Plats och tid Hörbysalen kl. 18:00 Beslutande {council} Utses att justera Eva Lund\n"
    )
    assert fullmaktige.body == "kommunfullmäktige"
    # Few members and no chief officer: no guess.
    small = _extract(f"Plats och tid Rummet kl. 9 Beslutande {members[:60]} Utses att justera\n")
    assert small.body is None


def test_a_notice_with_interpellations_is_the_councils() -> None:
    notice = _extract(
        "Möte 2026-02-24 - Tisdag 24 februari 08.30 Sammanträdet startar - Formalia - "
        "Interpellationer nr 46-49 behandlas fram till kl 11 - Ärenden enligt lista\n"
        "Region Norrby\n- 2 Sammanträdets öppnande - 3 Upprop - 4 Val av justerare\n"
    )
    assert notice.body == "regionfullmäktige"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Informationsärende Sida 1(5) Kommunledningsförvaltningen Datum 2017-11-01 "
            "E-förslag Lägesrapport Kommunfullmäktige gav kommunstyrelsen i uppdrag ...\n",
            "tjänsteskrivelse",
        ),
        (
            "Åter till frågan\n\n2020-11-16\nSvar på interpellation till kommunstyrelsens "
            "ordförande från Eva Ek: Vad är kvar av arbetsförmedlingen (Dnr: 2020/405)\n",
            "interpellation",
        ),
        (
            "Startsida Norrby kommun\n\nInterpellationer\n\nInterpellationer får ställas av "
            "ledamöterna i kommunfullmäktige.\n\nInterpellationer 2018\n\nDatum\n\nTitel\n",
            "förteckning",
        ),
        (
            "Rapport från Kommunfullmäktige 27/4 | Partiet i Norrby\n\nKommunfullmäktige "
            "sammanträdde i måndags. Budgeten antogs.\n",
            "beslutsreferat",
        ),
        # "utskickad kallelse" mentions the notice: no cue of one.
        (
            "§ 130\n\nJustering\n\nEva Ek (SD) anmäler två initiativärenden.\n\n"
            "Initiativen behandlas under ärende 35, i enlighet med utskickad kallelse.\n\n"
            "§ 131\n\nBudget\n",
            "protokoll",
        ),
    ],
)
def test_type_of_memos_answers_lists_and_reports_of_meetings(text: str, expected: str) -> None:
    assert doc_type(text) == expected


def test_minutes_that_name_an_items_body_first_are_the_styrelses_by_attendance() -> None:
    members = " ".join(f"{name} (S)" for name in _NAMES)
    minutes = _extract(
        "Protokoll 1 (48) Plats och tid: A-salen kl 09.00-16.05 Beslutande: "
        f"{members} Övriga: Ove Berg, kommunchef, Eva Ek, sekreterare Utses att justera Per "
        "Ek Justeringens plats och tid Kommunhuset 2014-05-20 Underskrifter Sekreterare "
        "Paragrafer 97-124\n\n§ 97 Valnämndens budget\n"
        "Valnämnden har begärt medel för valet.\n"
    )
    assert minutes.body == "kommunstyrelsen"


def test_a_regions_bare_fullmaktige_is_its_own_council() -> None:
    region = _extract(
        "Kallelse till regionfullmäktige i Region Norrby\n\n1. Fullmäktiges presidiums "
        "information 2023\n\n2. Regionstyrelsens förslag till budget\n"
    )
    names = {c.name for c in region.committees}
    assert "regionfullmäktige" in names and "kommunfullmäktige" not in names
    municipal = _extract(
        "Kallelse till kommunfullmäktige i Norrby kommun\n\n1. Fullmäktiges presidium "
        "informerar\n\n2. Yttrande till Region Norrby\n"
    )
    assert "kommunfullmäktige" in {c.name for c in municipal.committees}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the type word alone under the title
        (
            "Gatubelysning på Storvägen\n\nInterpellation\n\nEn interpellation är en fråga "
            "till ett kommunalråd.\n",
            "interpellation",
        ),
        # a motion's heading with its registry number
        (
            "Låt invånarna rösta om regionen\n\nMotion RN 170311\n\nDatum\n\n2017-03-09\n\n"
            "Eva Ek (SD) yrkar i motion att:\n",
            "motion",
        ),
        # a dissent against the council's decision, and "Reservation" over a group's text
        (
            "Reservation mot kommunfullmäktiges\nbeslut att avslå motionen om fritidsgården.\n\n"
            "Vi beklagar beslutet.\n",
            "reservation",
        ),
        (
            "Två reservationer efter KF\n\nHär kan du läsa våra reservationer.\n\nReservation\n"
            "§ 12 Kommunfullmäktige 2019-02-18\nBudget 2020\n",
            "reservation",
        ),
        # a news page of a meeting's decisions under its own words
        (
            "Information från tisdagens kommunstyrelsesammanträde\n\nHär följer kortfattad "
            "information från kommunstyrelsens sammanträde den 8 juni 2021. Kompletta "
            "handlingar finns på sidan sammanträdeshandlingar och protokoll.\n",
            "beslutsreferat",
        ),
        (
            "Skärmavbild från mötet.\npolitik\n\nKommunfullmäktiges sammanträde 15 februari\n\n"
            "Ärendelistan var kort. Nedan hittar du en sammanfattning av några av de beslut som "
            "fattades under mötet.\n",
            "beslutsreferat",
        ),
        # a memo's title printed twice (a document site's title above the letterhead's) is
        # one document, not a bundle
        (
            "YTTRANDE ÖVER REGIONAL UTVECKLINGSPLAN FÖR LÄNET\n\nShare\n\nKommunstyrelsen\n\n"
            "YTTRANDE ÖVER REGIONAL UTVECKLINGSPLAN FÖR LÄNET\n\nFörslag till beslut\n\n"
            "Skrivelsen antas som kommunens yttrande.\n",
            "yttrande",
        ),
        # a news page whose prose names the protokoll, and tells of a decision taken (in the
        # style of set U's 2405 and 2442): neither the rules' word "protokoll" nor the model's
        # guess makes it minutes or a notice
        (
            "Kommunfullmäktige\n\nHitta sammanträdesdatum och följ fullmäktiges möten via webb-tv. "
            "Läs protokoll och kallelser eller kontakta ledamöterna.\n\nBeslutet klubbat: färre "
            "ledamöter\n\nEtt enigt kommunfullmäktige beslutade på februarisammanträdet att "
            "antalet ledamöter ska minskas från och med valet 2022.\n",
            "beslutsreferat",
        ),
        # a party's page of its motions (in the style of set V's 2509 and set T's 2312)
        (
            "Lagda motioner\n\nVåra motioner\n\nÖka tillgängligheten av kommunens kallelser och "
            "protokoll\n\nDen 9 april 2013 anmäldes en motion till kommunfullmäktige från Anna Ek "
            "(MP) om skötselplaner. Motionen remitterades till nämnden.\n\nBeslutsunderlag\n\n"
            " • Motion från Anna Ek (MP) den 5 april 2013\n",
            "motion",
        ),
        # a region's list of news items that tells of a decision, one item announcing the next
        # meeting (in the style of set V's 2525)
        (
            "Nyheter\n\nHär hittar du våra nyheter.\n\nNytt hus planeras vid lasarettet\n\n"
            "10 november 2020\n\nI dag tog regionstyrelsen ett inriktningsbeslut om en ny byggnad.\n\n"
            "Regionstyrelsen sammanträder den 13 oktober\n\n12 oktober 2020\n\nDen 13 oktober "
            "klockan 9 sammanträder regionstyrelsen. Här är några av dagens ärenden:\n",
            "beslutsreferat",
        ),
    ],
)
def test_type_of_interpellations_motions_dissents_and_meeting_news(
    text: str, expected: str
) -> None:
    assert doc_type(text) == expected


def test_a_dissent_is_of_the_body_whose_decision_it_opposes() -> None:
    text = (
        "Reservation mot kommunfullmäktiges beslut att avslå motionen om fritidsgården.\n\n"
        "Vi beklagar beslutet och reserverar oss.\n"
    )
    assert _extract(text).body == "kommunfullmäktige"


@pytest.mark.parametrize(
    "text",
    [
        # a cover's range of paragraphs is the whole meeting's minutes
        "Landstingsstyrelsens\nprotokoll\nSammanträdet den 29 april 2014\n          § 54–75\n\n"
        "Beslutande\nEva Ek (S), ordförande\n",
        # a cover of two pages without an extract's certification: minutes cut short
        "Kommunstyrelsen SAMMANTRÄDESPROTOKOLL 1 (2) Plats och sammanträdestid Stadshuset "
        "Beslutande Ledamöter Eva Ek (M), ordförande Per Berg (C) Övriga närvarande "
        "Justeringens plats och tid Paragrafer Ordförande Anslag/bevis Protokollet är justerat.\n",
    ],
)
def test_whole_minutes_are_no_extract(text: str) -> None:
    assert doc_type(text) == "protokoll"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # minutes that tell of the meeting's opening, under a site's title "Dagordning"
        (
            "Dagordning - Landstinget\n\nPROTOKOLL\n\nDATUM\n\n2011-03-15\n\n"
            "Sammanträdets öppnande\n\nOrdförande Eva Ek öppnade sammanträdet.\n\n"
            "Upprop vidtogs av sekreteraren.\n\nPer Berg utsågs att jämte ordföranden justera "
            "dagens protokoll.\n",
            "protokoll",
        ),
        # a board's news page of the matters it sent on to the council
        (
            "Regionstyrelsen 4 maj 2022\n\nÄrenden till regionfullmäktige\n\n"
            "1. Årsredovisning 2021\n\nÅret innebar stora utmaningar för verksamheterna.\n",
            "beslutsreferat",
        ),
        # an agenda's "Ärenden till kommunfullmäktige:" stays an agenda's
        (
            "Ärenden till kommunfullmäktige: 12-13, Upprop och val av justerare\n"
            "1. Godkännande av dagordningen\n",
            "kallelse",
        ),
    ],
)
def test_minutes_narrative_and_a_boards_news_page(text: str, expected: str) -> None:
    assert doc_type(text) == expected


def test_minutes_numbered_in_the_arbetsutskotts_series_are_the_utskotts() -> None:
    text = (
        "Kommunstyrelsen\nSammanträdesprotokoll 1 (12)\n"
        "Plats och tid Rådhuset, kl. 10:00-11:00. Beslutande Eva Ek (S) Per Berg (L) "
        "Anna Holm (M) Övriga närvarande Lars Ek, kommundirektör\n"
        "KSAU 1 Informationer Änr KS 2018/9\nKommundirektören ger en lägesrapport.\n"
        "KSAU 2 Rapport intern kontroll 2017 Änr KS 2018/27\n"
    )
    extraction = _extract(text)
    assert extraction.doc_type == "protokoll"
    assert extraction.body == "kommunstyrelsens arbetsutskott"


def test_minutes_with_a_councils_attendance_are_the_councils() -> None:
    """Forty members and more on the cover: the council's minutes, although the head names
    the styrelse first (as the body that prepared an item)."""
    text = (
        "Sammanträdesprotokoll\nKommunstyrelsen har berett ärendena.\nPlats och tid "
        "Stadshuset Beslutande Anna Ek (S) Per Berg (M) Lars Holm (C) Eva Lund (L) Karin Strand (KD) Olof Dahl (V) Maria Sjö (MP) Johan Nord (SD) Sara Ström (S) Erik Vik (M) Lena Ask (C) Nils Bäck (L) Ida Fors (KD) Axel Lind (V) Ebba Gran (MP) Hugo Hed (SD) Alma Kvist (S) Leo Moberg (M) Vera Palm (C) Sten Rask (L) Ines Sand (KD) Tor Torn (V) Elsa Udd (MP) Bo Vall (SD) Ulla Wall (S) Gun Ahl (M) Kurt Björk (C) Siv Dal (L) Rolf Ekman (KD) Mona Falk (V) Ove Grahn (MP) Lisa Hall (SD) Jan Isberg (S) Åsa Jarl (M) Ivar Krok (C) Tyra Lagg (L) Egon Mård (KD) Kaj Nygren (V) Ruth Orre (MP) Arne Pihl (SD) Ella Qvist (S) Stig Rehn (M)\n"
    )
    assert _extract(text).body == "kommunfullmäktige"


def test_a_minutes_page_that_opens_with_its_first_paragraph_as_a_list_item() -> None:
    text = (
        "• § 130\n\n  Justering\n\n • Eva Ek (SD) anmäler ett initiativärende.\n\n"
        " • Lägesrapport covid-19\n\n  Smittskyddsläkaren informerar om läget.\n"
    )
    assert doc_type(text) == "protokoll"


def test_a_memo_headed_tjansteutlatande_under_a_sites_title_of_its_subject() -> None:
    text = (
        "12.1. Samrådsyttrande över regional utvecklingsplan\n\nTjänsteutlåtande\n\n"
        "Kommunledningskontoret\n\n2019-03-06\n\nDnr 2019/0272 KS-5\n\nKommunstyrelsen\n\n"
        "Förslag till beslut\n\nKommunstyrelsen överlämnar yttrandet.\n"
    )
    assert doc_type(text) == "tjänsteskrivelse"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Minutes under "Ärendelista" whose items carry the year's § numbers (93, 94, 95 …),
        # an agenda's from 1.
        (
            "Kommunfullmäktige. Ärendelista. Sammanträdesdatum\n\n1 Kommunfullmäktige "
            "Sammanträdesdatum Ärendelista 93 Dnr Information 94 Dnr Riktlinjer för "
            "markanvisning och exploatering 95 Dnr Utökning av verksamhetsområde för spill- och "
            "dricksvatten 96 Dnr Motion om insamling av aluminiumavfall",
            "protokoll",
        ),
        (
            "Kommunfullmäktige. Ärendelista. Sammanträdesdatum\n\n1 Kommunfullmäktige "
            "Ärendelista 1 Dnr Information 2 Dnr Riktlinjer för markanvisning 3 Dnr Utökning av "
            "verksamhetsområde 4 Dnr Motion om insamling av aluminiumavfall",
            "föredragningslista",
        ),
        # A contents list with page numbers after dot leaders, then § numbers.
        (
            "2012-12-17 Ärendeförteckning Justering...2 Dagordning...3 215 Information från "
            "kommundirektören...4 216 Allmänhetens frågestund...5 217 Korta frågor - korta "
            "svar...6 218 Inkomna motioner...7",
            "protokoll",
        ),
    ],
)
def test_items_numbered_in_the_years_paragraph_series_are_minutes(text: str, expected: str) -> None:
    assert doc_type(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A council's news of its agenda names the annual report of an association it approves.
        "Eslövs kommun logotyp\n\nKommunfullmäktige samlas den 19 juni\n\nMåndag den 19 juni "
        "hålls sista mötet med kommunfullmäktige i Eslöv före sommaren.\n\nAndra punkter som "
        "tas upp är följande:\n\n • Antagande av arbetsmiljöpolicy för Eslövs kommun\n • "
        "Godkännande av vårprognos 2017\n • Godkännande av årsredovisning 2016 för "
        "samordningsförbundet Eslöv, Höör och Hörby\n",
        "Fullmäktige med delårsbokslut\n\nPå mötet den 26 oktober behandlas bland annat "
        "revisorernas bedömning av delårsrapporten.",
    ],
)
def test_a_report_named_as_an_items_object_is_not_the_pages_type(text: str) -> None:
    assert doc_type(text) not in ("årsredovisning", "delårsrapport")


def test_a_boards_news_of_some_decisions() -> None:
    text = (
        "Kommunstyrelsens sammanträde den 3 december\n\nHär är några beslut från "
        "kommunstyrelsens sammanträde den 3 december 2019. Du kan läsa protokollet i sin "
        "helhet på webben efter att det är justerat den 6 december.\n\nMedborgarförslag\n\n"
        "Kommunstyrelsen föreslår kommunfullmäktige att avslå medborgarförslaget."
    )
    assert doc_type(text) == "beslutsreferat"


def test_a_motion_is_put_to_fullmaktige_whatever_namnd_its_title_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The body ranker (`extractors.rankers`) is not asked: on set J's motion it chose the
    nämnd of the title's subject."""
    from extractors import rankers

    monkeypatch.setattr(rankers, "ranked_body", lambda *args: "omsorgsnämnden")
    text = (
        "Angående Sverigedemokraternas avsaknad av plats i vård och omsorgsnämndens presidium\n\n"
        "lördag den 9 februari 2008\n\nMotion till Trelleborgs kommunfullmäktige\n\n"
        "Angående Sverigedemokraternas avsaknad av plats i vård och omsorgsnämndens presidium.\n\n"
        "Efter valet 2006 har Sverigedemokraterna i Trelleborg ökat sina sympatisörer kraftigt. "
        "Vi är representerade i samtliga nämnder och vi fyller alla stolar.\n"
    )
    extraction = _extract(text)
    assert extraction.doc_type == "motion"
    assert extraction.body == "kommunfullmäktige"


@pytest.mark.parametrize(
    ("text", "utskott"),
    [
        (
            "Kommunstyrelsen\nSammanträdesprotokoll\nSammanträdesdatum 2005-04-12\n\n§ 61 "
            "Ekonomisk uppföljning\n\nArbetsutskottet beslutade om månatlig uppföljning.\n",
            "kommunstyrelsens arbetsutskott",
        ),
        (
            "Socialnämnden\nSammanträdesprotokoll\nSammanträdesdatum 2019-05-20\n\n§ 12 "
            "Delegation\n\nBeslutsinstans: Arbetsutskottet\n",
            "socialnämndens arbetsutskott",
        ),
    ],
)
def test_arbetsutskottet_alone_is_the_own_bodys(text: str, utskott: str) -> None:
    names = {c.name for c in _extract(text).committees}
    assert utskott in names, names


def test_the_styrelses_office_is_no_mention_of_the_styrelse() -> None:
    text = (
        "Kommunfullmäktige\nSammanträdesprotokoll\nSammanträdesdatum 2011-10-31\n\n"
        "Tid och plats för justering Kommunstyrelsens kansli 4 november 2011, kl. 12:00\n\n"
        "Förvaringsplats för protokollet Kommunstyrelsens kontor\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert names == {"kommunfullmäktige"}, names


# Set K (read in the seventh session), with texts written the same way.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A notice in the present tense, its items bulleted: an item's "Motion om …" or
        # "Årsredovisning 2018 för …" is no title.
        (
            "Kommunfullmäktige sammanträder 12 mars, 2021 kl. 18.30\n\n"
            "Kommunfullmäktige sammanträder tisdagen den 12 mars 2021 i Kommunhuset för att "
            "behandla följande ärenden:\n\n • Val av justerare\n"
            " • Årsredovisning 2020 för Gnosjö kommun\n • Motion om cykelvägar\n",
            "kallelse",
        ),
        # A numbered item's report is the item's object, not the page's type.
        (
            "Kommunfullmäktige 24 september 2015\n\nKommunfullmäktige hade ett möte. Nedan kan "
            "du läsa vad politikerna bestämde.\n\n1. Val av ny ledamot\n14. Delårsrapport\n",
            "beslutsreferat",
        ),
        (
            "Kommunfullmäktiges sammanträde den 17 juni 2014\n\nTisdagen den 17 juni 2014 "
            "sammanträdde kommunfullmäktige. På mötet behandlades bland annat budget.\n\n"
            "Innehållsförteckning\n\n1. Anmälan av nya motioner\n2. Valärenden\n",
            "beslutsreferat",
        ),
        # A group's dissent headed by the decision's title in quotation marks.
        (
            "Reservation ”Förhyrning av lokaler inom fastigheten Kornet 2”\n\n"
            "Sverigedemokraterna yrkade avslag på förslaget till beslut.\n",
            "reservation",
        ),
        # "Ärenden" over items numbered in the year's § series, with a §§ column: minutes.
        (
            "Tanums kommun\n\nKommunstyrelsen 2002-03-13\n\nDnr\n\n§§\n\nÄrenden\n\n"
            "2001.653-543 Ks\n\n44\n\nSvar på motion om avgifter\n\n2001.389-262 Ks\n\n45\n\n"
            "Försäljning av Kyrkskolan\n\n2002.116-213 Ks\n\n46\n\nFörsäljning av fastigheten\n",
            "protokoll",
        ),
        # A cover's "Paragrafer 1 31" whose dash the PDF-to-text step lost: a whole meeting.
        (
            "1 (58) Plats och tid Stadshuset, kl. 13.00 15.30 Beslutande Per Ek (S), ordf "
            "Utses att justera Eva Ek Paragrafer 1 31 Sekreterare Ida Berg\n\n"
            "§ 1 Val av justerare\n\nEva Ek utses.\n",
            "protokoll",
        ),
    ],
)
def test_types_of_set_k(text: str, expected: str) -> None:
    assert doc_type(text) == expected


def test_a_beredning_named_by_its_areas_in_running_text() -> None:
    text = (
        "Kommunfullmäktige sammanträde den 24 september 2015\n\n1. Godkännande av avsägelse "
        "från beredningen för bildning, sysselsättning och näringsliv\n"
        "2. Godkännande av avsägelse från beredningen för klimat, miljö och naturvård\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert "beredningen för bildning, sysselsättning och näringsliv" in names, names
    assert "beredningen för klimat, miljö och naturvård" in names, names


def test_a_district_board_keeps_its_districts_name() -> None:
    text = (
        "Din position: Hem > Stockholms stad > Östermalms stadsdelsnämnd > Sammanträde "
        "2006-04-20\n\nSammanträde 2006-04-20\n\n1 Val av protokollsjusterare\n\n"
        "2 Svar på remiss från stadsledningskontoret. Förslag till beslut: Nämnden godkänner.\n"
    )
    e = _extract(text)
    assert e.body == "östermalms stadsdelsnämnden"
    assert "stadsdelsnämnden" not in {c.name for c in e.committees}


def test_a_meeting_pages_own_heading_names_its_body() -> None:
    text = (
        "Hoppa över navigering\n\nMöte 2025-08-20\n\nKommunstyrelsen\n15:30 -\nStora "
        "kollegiesalen\n  1.   1\n\n    Val av justerare\n\n  2. I en motion väckt i "
        "kommunfullmäktige föreslår motionärerna att kommunfullmäktige utreder frågan. "
        "Kommunfullmäktige har remitterat motionen.\n\n  3. Kommunstyrelsen beslutar om "
        "förordnande.\n"
    )
    assert _extract(text).body == "kommunstyrelsen"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A council's page of the year's motions, with a table whose column headings are
        # "Motion" and "Beslut": a list, not one motion.
        (
            "Startsida Umeå kommun\n\nMotioner 2020\n\nMotioner är förslag från ledamöter.\n\n"
            "Nummer\n\nDatum\n\nFörslagsställare\n\nMotion\n\nBeslut\n\n11/2020\n\n2020-05-28\n\n"
            "Gudrun Nordborg (V)\n\nGratis mensskydd till unga\n",
            "förteckning",
        ),
        (
            "Motioner 2021\n\nHär kan du läsa en kort sammanfattning av alla motioner som har "
            "lämnats in under 2021.\n\nMotion nr 1/21 – Erbjud gratis busskort till unga\n",
            "förteckning",
        ),
        # "godkännande av dagordning" is an item's object, not the page's type.
        (
            "• § 105\n\n  Sammanträdet öppnas, val av justerare, godkännande av dagordning\n\n"
            " • Socialdirektören föredrar ärendet.\n\n • § 106\n\n  Remiss om skyddstillsyn\n",
            "protokoll",
        ),
    ],
)
def test_lists_and_column_headings(text: str, expected: str) -> None:
    assert doc_type(text) == expected


def test_a_news_pages_dateline_glued_to_its_category() -> None:
    text = (
        "Kommunfullmäktige sammanträder\n\nStad & Politik25 oktober 2021 kl 04.25\n\n"
        "Kommunfullmäktige i Lidingö kallas att sammanträda i stadshuset, måndagen den 25 "
        "oktober 2021 klockan 18.00.\n\nInterpellationer och frågor\n"
    )
    e = _extract(text)
    assert e.date == "2021-10-25"
    assert e.meeting is not None and e.meeting.date == "2021-10-25"


def test_a_meetings_time_is_no_dateline() -> None:
    text = (
        "Kommunfullmäktige sammanträder\n\nKommunfullmäktige sammanträder måndagen den 25 "
        "oktober 2021 kl 18.00 i stadshuset.\n\n1. Val av justerare\n"
    )
    assert _extract(text).date is None


def test_a_reservation_is_dated_by_its_meeting() -> None:
    text = (
        "Reservation Ärende #15 ”Förhyrning av lokaler inom fastigheten Kornet 2”\n"
        "Kommunfullmäktige Hässleholm 2020-06-08\n\nSverigedemokraterna yrkade avslag på "
        "förslaget till beslut.\n"
    )
    e = _extract(text)
    assert e.doc_type == "reservation"
    assert e.meeting is not None and e.meeting.date == "2020-06-08"


def test_a_regions_bare_fullmaktige_issues_its_page() -> None:
    text = (
        "Kort om besluten\n\nBeslutsförhet och tillkännagivande\n\n • 8.\n\n  Bekräftande av "
        "fullmäktiges beslutsförhet\n\nBeslutsärenden\n\n • 10.\n\n  Inrättande av "
        "resultatenhet för tunnelbanan\n\n  RS 2019-0790\n\n  Beslut enligt Regionstyrelsens "
        "förslag.\n"
    )
    assert _extract(text).body == "regionfullmäktige"


def test_a_page_that_reports_decisions_in_the_past_tense() -> None:
    # An item's title as the page's heading ("Yttrande över …"), then the meeting's decisions
    # told in the past tense.
    text = (
        "Yttrande över kvarteret Galten och framtida avloppsrening\n\n"
        "Kommunstyrelsen beslutade på onsdagen att lämna ett yttrande över förslaget. "
        "Kommunstyrelsen godkände också budgeten för räddningstjänsten. Därför har "
        "kommunstyrelsen nu beslutat att skjuta till 400 000 kronor. Fullmäktige valde "
        "dessutom en ny ordförande.\n"
    )
    assert doc_type(text) == "beslutsreferat"


def test_an_annual_report_that_tells_the_years_decisions_stays_one() -> None:
    text = (
        "Årsredovisning 2019\n\nÅrets resultat blev 12 miljoner kronor. Under året "
        "beslutade kommunfullmäktige att bygga en skola. Kommunfullmäktige antog en ny "
        "översiktsplan. Kommunstyrelsen godkände en ny vision. Under 2019 ökade befolkningen.\n"
    )
    assert doc_type(text) == "årsredovisning"


def test_a_label_glued_to_a_bodys_name_is_no_part_of_it() -> None:
    text = (
        "Anslagstavlan\n\n  1. Kommunfullmäktige, 2025-12-15\n    • Kungörelse\n"
        "    InstansKommunfullmäktige\n\n  2. Kungörelse enligt plan- och bygglagen\n"
        "    InstansMiljö- och byggnämnden\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert names == {"kommunfullmäktige", "miljö- och byggnämnden"}, names


def test_another_organisations_council_is_marked_extern() -> None:
    text = (
        "Upplands Väsby kommun\nKommunstyrelsen\nTjänsteutlåtande\n\nLandstingsfullmäktige "
        "beslutade 2015 om en ny trafikplan. Kommunstyrelsen föreslås lämna ett yttrande.\n"
    )
    kinds = {c.name: c.kind for c in _extract(text).committees}
    assert kinds.get("landstingsfullmäktige") == "extern", kinds
    assert kinds.get("kommunstyrelsen") != "extern", kinds


def test_a_memos_background_of_earlier_decisions_keeps_it_a_memo() -> None:
    text = (
        "Tjänsteskrivelse KFN Handläggare: Nina Simonen Kultur- och föreningsnämnden\n"
        "Sammanfattning Förvaltningen har tagit fram en utvärdering sedan nämnden antog "
        "modellen i mars. Kommunfullmäktige har fastställt checklistan. Nämnden beslutade "
        "2010 att pröva den. Kommunstyrelsen godkände mallen i augusti.\n"
    )
    assert doc_type(text) == "tjänsteskrivelse"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A news page headed "Beslut på kommunfullmäktiges decembermöte" that names an
        # interpellation further down.
        (
            "18 december 2020\nLyssna\n\nBeslut på kommunfullmäktiges decembermöte\n\n"
            "Fullmäktige antog en ny översiktsplan.\n\nInterpellation om förskolor "
            "besvarades av kommunstyrelsens ordförande.\n",
            "beslutsreferat",
        ),
        # "beslut i korthet" above a motion's title in the page's list of new motions.
        (
            "Kommunfullmäktige 17 juni 2020, beslut i korthet\n\nInkomna motioner\n\n"
            "Motion om gång- och cykelbana till Torpa\n\nI en motion vill Eva Ek (C) att "
            "kommunen bygger en cykelbana.\n",
            "beslutsreferat",
        ),
        # The word "protokoll" in the prose of a page that tells three decisions.
        (
            "Ny skolplan för Ekby\nKommunfullmäktige beslutade att anta skolplanen. Beslutet "
            "justerades omedelbart och finns i ett särskilt protokoll.\nNy taxa för "
            "bygglov\nFullmäktige beslutade att fastställa taxan.\nVal av revisorer\n"
            "Fullmäktige valde två nya revisorer.\n",
            "beslutsreferat",
        ),
        # A table's column headings one per line, "Beslut" among them: no title.
        (
            "Motioner till kommunfullmäktige\n\nMotioner är förslag från ledamöterna.\n\n"
            "Motioner 2019\n\nNummer\n\nDatum\n\nFörslagsställare\n\nMotion till "
            "kommunfullmäktige\n\nBeslut\n\n4/2019\n\n2019-02-11\n\nAnna Ek, C\n\nFler "
            "cykelställ\n",
            "förteckning",
        ),
        # A meeting page under its breadcrumb that asks members to report their absence: the
        # notice, though it shows no "Förslag till beslut".
        (
            "Din position: Hem > Ekby kommun > Kulturnämnden > Sammanträde 2019-05-16\n\n"
            "Sammanträde 2019-05-16\n\nPlats\nKommunhuset\n\nFörhinder att närvara vid "
            "sammanträdet anmäles till nämndsekreteraren.\n\n1 Val av protokollsjusterare\n\n"
            "2 Biblioteksplan 2020–2023\n\nDnr 2019-112-880.\n",
            "föredragningslista",
        ),
        # A news page that invites to a coming meeting, with its agenda.
        (
            "Publicerad 2018-04-16\n\nKommun & politik, Nyheter\n\nVälkommen till "
            "kommunfullmäktige 23 april\n\nÄrenden\n\n  1. Val av protokolljusterare.\n"
            "  2. Nybyggnation av badhus.\n",
            "kallelse",
        ),
        # What a coming meeting will treat, before an item named "Årsredovisning 2018".
        (
            "Nyheter\n\nKommunstyrelsens informationsmöte 19 mars\n\nHär kan du ta del av "
            "ärenden som behandlas vid kommunstyrelsens informationssammanträde den 19 mars."
            "\n\nÅrsredovisning 2018 för Ekby kommun\n\nÅrsredovisningen visar ett "
            "underskott.\n",
            "kallelse",
        ),
        # A meeting page's first items in the future tense.
        (
            "Möte 2024-09-03\n-\nKommunstyrelsen ska utse en justerare att jämte ordförande "
            "justera dagens protokoll.\n-\nKommunstyrelsen ska godkänna dagordningen.\n",
            "kallelse",
        ),
        # The items a meeting treated, told after it, over an annual report's item.
        (
            "Nytt från kommunstyrelsen\n\nHär sammanfattas några av de ärenden som "
            "behandlades under kommunfullmäktiges sammanträde den 28 mars 2017.\n\n"
            "Årsredovisning 2016\n\nÅrsredovisningen godkänns av kommunfullmäktige.\n",
            "beslutsreferat",
        ),
    ],
)
def test_news_pages_and_lists_of_the_eighth_round(text: str, expected: str) -> None:
    assert doc_type(text) == expected


def test_a_participle_of_namna_is_no_body() -> None:
    text = (
        "Tjänsteskrivelse\n\nSynpunkterna finns i en bilaga benämnd Sammanfattning. Det "
        "ovannämnda förslaget bereds av socialnämnden.\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert names == {"socialnämnden"}, names


def test_another_documents_daterad_is_not_the_pages_date() -> None:
    text = (
        "Nytt från kommunstyrelsen\n\n2019-05-14\n\nKommunstyrelsen beslutade att godkänna "
        "avtalet och tillhörande promemoria, daterad 2019-04-30.\n"
    )
    assert _extract(text).date == "2019-05-14"


def test_a_datelines_category_after_a_bar_and_an_iso_dates_year() -> None:
    # "20 mars" over the dateline "2017-03-20 | Påverka": the year belongs to the ISO date.
    text = (
        "Kommunfullmäktige 20 mars\n\n2017-03-20 | Påverka\nHär kan du ta del av en "
        "sammanfattning av mötets beslutsärenden.\n\nKommunfullmäktige beslutade att lägga "
        "beskedet till handlingarna.\n"
    )
    e = _extract(text)
    assert e.date == "2017-03-20"
    assert e.meeting is not None and e.meeting.date == "2017-03-20"


@pytest.mark.parametrize(
    "text",
    [
        # A radio station's item: a decision told in the passive past.
        "Kommunpolitik\nStora besparingar i Ekby kommun\n- På ett extrainsatt "
        "kommunstyrelsemöte i Ekby godkändes majoritetens besparingsförslag.\n- Oppositionen "
        "valde att avstå.\n",
        # "Beslutet togs …" under a news item's title.
        "Ny ordförande i kommunstyrelsen\n\nAnna Ek (S) blir ny ordförande för "
        "kommunstyrelsen i Ekby kommun. Beslutet togs enhälligt 21 maj.\n",
    ],
)
def test_an_untyped_text_that_tells_of_a_decision_taken_is_a_news_item(text: str) -> None:
    assert doc_type(text) == "beslutsreferat"


def test_an_untyped_text_without_a_decision_stays_unknown() -> None:
    assert doc_type("Någon rubrik\n\nVanlig löptext om väder och vind.\n\nMer text.\n") == "okänd"


def test_a_contents_list_in_the_paragraph_series_is_the_minutes() -> None:
    text = (
        "2019-03-12 0 Innehållsförteckning Ärende 41 Ekonomisk uppföljning för "
        "socialnämnden... 88 42 Arbetsmiljöpolicy, antagande... 90 43 Svar på remiss om "
        "strandskydd... 91 44 Detaljplan för Ekby 2:95... 93 45 Val av ombud... 95\n"
    )
    assert doc_type(text) == "protokoll"


def test_a_reports_contents_numbered_by_page_stays_the_report() -> None:
    text = (
        "Årsredovisning 2018\n\nInnehållsförteckning Förvaltningsberättelse 20 Ekonomi 21 "
        "Personal 22 Miljö 23 Resultaträkning 24 Balansräkning 25\n"
    )
    assert doc_type(text) == "årsredovisning"


def test_a_councils_valberedning_keeps_its_owner_and_a_misspelt_lansstyrelse_is_no_body() -> None:
    text = (
        "Kallelse\n\nKommunfullmäktiges valberedning redovisar sitt förslag. Kostnaderna "
        "utreds med Länstyrelsen.\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert names == {"kommunfullmäktiges valberedning"}, names


def test_a_for_named_nämnd_in_the_genitive_is_the_same_body() -> None:
    text = (
        "Kallelse\n\n6. Svar på interpellation till Nämnden för Utbildning, kultur och fritids "
        "ordförande om budgeten\n8. Svar på interpellation till ordförande i Nämnden för "
        "Utbildning, kultur och fritid om ett medborgarförslag\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert names == {"nämnden för utbildning, kultur och fritid"}, names


def test_a_regions_folkhogskolestyrelse_is_its_body_a_universitys_board_is_not() -> None:
    text = (
        "Regionstyrelsen\nProtokoll\n\nFolkhögskolestyrelsen föreslår regionstyrelsen att "
        "anta planen. Högskolestyrelsen har yttrat sig.\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert "folkhögskolestyrelsen" in names, names
    assert "högskolestyrelsen" not in names, names


def test_a_news_pages_heading_with_the_councils_decisions_dates_the_meeting() -> None:
    text = (
        "20 december 2016\n\nKommunfullmäktiges beslut den 19 december 2016\n\nDetta är en "
        "sammanfattning av vad som har beslutats på kommunfullmäktiges sammanträde.\n"
    )
    meeting = _extract(text).meeting
    assert meeting is not None and meeting.date == "2016-12-19"


def test_a_styrelses_utskott_of_any_compound_keeps_its_owner() -> None:
    text = (
        "Nytt från kommunstyrelsen\n\nHär sammanfattas ärenden från kommunstyrelsens "
        "strategiutskott (SU) och kommunstyrelsens planutskott.\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert {"kommunstyrelsens strategiutskott", "kommunstyrelsens planutskott"} <= names, names


def test_ks_right_before_a_date_dates_the_meeting_a_later_mention_does_not() -> None:
    text = (
        "Artikeln publicerades 4 december 2020\n\nInformation från KS novembermöte\n\n"
        "Här följer en kort sammanfattning av några av ärendena i KS den 26 november 2020.\n\n"
        "Årets återstående möte i KF sker enligt den ursprungliga planen 14 december.\n"
    )
    meeting = _extract(text).meeting
    assert meeting is not None and meeting.date == "2020-11-26"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A notice lists its members with their parties and its items under "Ärenden": the
        # members called to the meeting keep it the notice, not minutes.
        (
            "Ärenden Tid (ca) Föredragande/anm\n\nTranskript\n\n1 KALLELSE Datum Socialnämnden "
            "Ledamöter Eva Berg (S), Ordförande Nils Ek (M) Lars Ek (C) Per Holm (S) Socialnämnden "
            "kallas till sammanträde Tid Onsdagen den 4 maj 2022, kl. 09:00 Ärenden Tid (ca) "
            "Föredragande/anm 1. Mötets öppnande - Val av justerare 2. Budget 2023\n",
            "kallelse",
        ),
        # A news page's disclaimer and its "decisions taken at its meeting".
        (
            "Barn- och utbildningsnämnden 3 mars\n\n3 mars 2015\n\nLäs om dessa beslut och fem "
            "till som nämnden tagit på sitt sammanträde.\n\nObservera att den här rapporteringen "
            "inte är ett justerat protokoll från sammanträdet.\n\n 1. Val av justerare\n",
            "beslutsreferat",
        ),
        (
            "Besluten som togs på fullmäktige\n\nHär kommer en kort sammanställning över "
            "kommunfullmäktiges beslut som togs under sammanträdet den 2 maj 2022.\n\n"
            "KS/2022:15\n\nNy taxa\n\nBeslut\n\nEnligt kommunstyrelsens förslag.\n",
            "beslutsreferat",
        ),
        # A news page's selection of decisions, with § numbers.
        (
            "Kommunstyrelse 1 juni\n\nKommunstyrelsen den 1 juni fattade beslut i ett flertal "
            "ärenden. Om du vill läsa hela protokollet, klicka här.\n\nHär är ett antal beslut "
            "i urval:\n§ 96  Nya bostäder  – uppdrag till bostadsbolaget att ta fram underlag.\n"
            "§ 98 Erbjudande om förmånscykel  – godkändes\n",
            "beslutsreferat",
        ),
        # A meeting platform's minutes page: its items are the year's paragraphs.
        (
            "Hoppa över navigering\n • § 91\n\n  Godkännande av dagordning\n\n • § 92\n\n"
            "  Val av justerare\n\n  Nämnden beslutar att välja Anna Ek att justera.\n",
            "protokoll",
        ),
        # ... and an agenda's page numbers its items "§ 1", "§ 2" from the start.
        (
            "Hoppa över navigering\n • § 1\n\n  Sammanträdets öppnande\n\n • § 2\n\n"
            "  Upprop\n\n • § 3\n\n  Protokollsjustering\n",
            "föredragningslista",
        ),
    ],
)
def test_notices_and_reports_of_the_ninth_round(text: str, expected: str) -> None:
    assert doc_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The sending date of the notice, then the meeting with its clock time.
        (
            "KALLELSE Datum 2019-09-06 Sida 1(1) Kommunstyrelsen\n\nKommunstyrelsen kallas "
            "härmed till sammanträde tisdagen den 10 september 2019 kl. 08:15 i Rådhuset.\n",
            "2019-09-10",
        ),
        # The council's letterhead with the sending date; "Tid:" with the meeting's.
        (
            "Kungörelse\n\nKommunfullmäktige 2011-04-07\n\nPlats: Medborgarhuset. Tid: 2011-04-18 "
            "kl. 18:00\n\nFöredragningslista\n\n1. Upprop\n2. Val av justerande\n",
            "2011-04-18",
        ),
        # A range's first day with its clock time, the year from the range.
        (
            "Kungörelse Regionfullmäktige 25-26 augusti 2021\n\n2021-08-17 12:44\n\n"
            "Regionfullmäktige sammanträder den 25-26 augusti 2021 med början den 25 augusti "
            "kl.9.15. Föredragningslistan finns på anslagstavlan.\n",
            "2021-08-25",
        ),
    ],
)
def test_a_notices_meeting_is_the_date_with_its_clock_time(text: str, expected: str) -> None:
    meeting = _extract(text).meeting
    assert meeting is not None and meeting.date == expected, meeting


def test_a_coordinated_body_glued_to_its_och_and_an_anslags_label_before_a_body() -> None:
    text = (
        "Kungörelse\n\nKommunfullmäktige\n\n12. Revidering av reglemente för miljöoch "
        "byggnämnden KS/2010:198\n\nANSLAG/BEVIS Organ och Kommunstyrelsen 204-222\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert "miljö- och byggnämnden" in names, names
    assert "byggnämnden" not in names, names
    assert not any(n.startswith("organ") for n in names), names


def test_a_styrelses_utskott_on_the_covers_line_is_the_body_not_the_styrelse() -> None:
    text = (
        "Sammanträdesprotokoll Kommunstyrelsens arbetsutskott. Plats och tid Rådhuset\n\n"
        "Sammanträdesprotokoll 2017-01-31\n\nKommunstyrelsens arbetsutskott\n\nPlats och tid "
        "Rådhuset kl. 13:00-15:50\n\nBeslutande Anna Ek (M) (ordförande) Per Holm (S)\n"
    )
    assert _extract(text).body == "kommunstyrelsens arbetsutskott"


def test_a_cover_that_lost_its_body_and_date_names_neither_by_its_anslag() -> None:
    # The members' parties after a comma; the anslag's last day of appeal is no meeting date.
    members = " ".join(
        f"{given} {family}, {party},"
        for given, family, party in [
            ("Maria", "Söderberg", "C"),
            ("Björn", "Hammar", "M"),
            ("Hans", "Åslund", "C"),
            ("Anders", "Karlsson", "C"),
            ("Jannike", "Hill", "M"),
            ("Jan", "Runsten", "MP"),
            ("Lena", "Persson", "KD"),
            ("Maria", "Jakobsson", "S"),
            ("Annika", "Hansson", "S"),
            ("Gabriella", "Carlsson", "S"),
            ("Erika", "Öhlin", "S"),
            ("Jörgen", "Blom", "V"),
        ]
    )
    text = (
        "1(49) Plats och tid Kommunhuset, onsdagen den kl 08.30-15.30 Beslutande Ledamöter "
        f"{members} Övriga närvarande Jonas Törngren, kommundirektör Justerare "
        "Paragrafer 60-79 Nämnd/styrelse ANSLAG/BEVIS Protokollet är justerat. Datum då "
        "anslaget sätts upp 20 april 2017 Sista dag för överklagan 11 maj 2017\n"
    )
    extraction = _extract(text)
    assert extraction.doc_type == "protokoll"
    assert extraction.body == "kommunstyrelsen"
    assert extraction.meeting is None or extraction.meeting.date != "2017-05-11"


def test_a_job_title_or_a_label_after_a_name_is_no_part_of_it() -> None:
    text = (
        "Protokoll\n\nÖvriga närvarande Henrik Bader Förvaltningsekonom Isac Svanberg "
        "Praktikant\n\nUnderskrifter Sekreterare Caroline Johansson Förvaringsplats Kansliet\n"
    )
    names = {p.name for p in _extract(text).persons}
    assert {"Henrik Bader", "Isac Svanberg", "Caroline Johansson"} <= names, names


def test_a_page_that_tells_of_a_motion_and_its_fate_is_a_news_item() -> None:
    text = (
        "Anna Ek (SD) har lämnat in en motion där hon framhåller att kommunen har haft höga "
        "kostnader för skolskjutsar under många år.\n\nMotionären föreslog att kommunfullmäktige "
        "ska besluta att tillsätta en utredning över kostnaderna.\n\nAv detta blir det inget. "
        "Kommunstyrelsen valde att enhälligt föreslå fullmäktige att motionen ska avslås.\n"
    )
    assert doc_type(text) == "beslutsreferat"


def test_a_motion_that_cites_an_earlier_decision_stays_a_motion() -> None:
    text = (
        "Motion om skolskjutsar\n\nKommunfullmäktige beslutade 2015 att se över skolskjutsarna. "
        "Inget har hänt sedan dess.\n\nJag föreslår därför att kommunfullmäktige beslutar\n\n"
        "att utreda kostnaderna för skolskjutsar.\n\nAnna Ek (SD)\n"
    )
    assert doc_type(text) == "motion"


# Tenth session: pages of the kinds sets P and Q showed (written for the test).


@pytest.mark.parametrize(
    "text",
    [
        # a report headed "Referat från …", whose items are motions and their fate
        "Referat från kommunfullmäktiges sammanträde 14 mars 2024\n\nVid sammanträdet "
        "behandlades åtta ärenden.\n\nMotion om fler laddstolpar\n\nEva Ström (C) har lämnat "
        "in en motion om fler laddstolpar. Motionären föreslår att kommunen ska bygga tio "
        "laddstolpar.\n\nKommunfullmäktiges beslut\nMotionen remitteras till kommunstyrelsen.\n",
        # "Sammanfattning: <body> den …"
        "Sammanfattning: Kommunfullmäktige den 12 april\n\nKommunfullmäktige sammanträdde den "
        "12 april 2023 i sessionssalen.\n\nMotion om en parklek\n\nKommunfullmäktige beslutade "
        "att avslå Per Lunds (M) motion om en parklek.\n",
        # a news item that tells the meeting by its weekday
        "Kommunfullmäktige har antagit en ny avfallsplan\n\n4 april 2024\n\nPå måndagens "
        "kommunfullmäktigesammanträde antogs en ny avfallsplan för kommunen. Planen gäller "
        "till 2030.\n",
        # a summary headed "Uppsnabbat …"
        "Uppsnabbat regionfullmäktige 18-19 juni 2018\n\n2018-06-19\n\nÅrsredovisning för "
        "kostnämnden godkänd\n\nKostnämnden gjorde ett underskott på 4,4 miljoner kronor, "
        "det framgår av årsredovisningen, som godkändes av regionfullmäktige.\n",
        # an utskott that "behandlade bland annat följande ärenden"
        "Ärenden vidare från arbetsutskottet\n\nKommunstyrelsens arbetsutskott sammanträdde "
        "den 7 februari och behandlade bland annat följande ärenden som går vidare till "
        "kommunstyrelsen.\n\nSommarlovsaktiviteter\n\nKommunstyrelsen föreslår "
        "kommunfullmäktige att besluta en utökad budget med 300 000 kronor.\n",
    ],
)
def test_reports_of_a_meeting_by_their_heading_or_weekday(text: str) -> None:
    assert doc_type(text) == "beslutsreferat"


def test_a_room_named_after_a_body_is_no_mention_of_it() -> None:
    text = (
        "SAMMANTRÄDESPROTOKOLL\nSocialnämnden\nSammanträdesdatum 2024-10-13\n\n"
        "Plats och tid: Kommunstyrelsens sammanträdesrum, kl 13.00-15.30\n\n"
        "Beslutande Anna Ek (S), ordförande\n"
    )
    names = {c.name for c in _extract(text).committees}
    assert names == {"socialnämnden"}, names


def test_a_sharing_sites_academic_year_dates_nothing() -> None:
    text = (
        "Sammanträdesdatum Blad Kommunfullmäktige 12 mars (22)\n\nAcademic year: 2022\n\n"
        'Share "Sammanträdesdatum Blad Kommunfullmäktige 12 mars (22)"\n\n'
        "KOMMUNEN SAMMANTRÄDESPROTOKOLL\n\nSammanträdesdatum Blad\n\n"
        "Kommunfullmäktige 12 mars 2007 1 (22)\n\nPlats och tid: Folkets Hus kl 18.15-20.55\n"
    )
    e = _extract(text)
    assert e.meeting is not None and e.meeting.date == "2007-03-12"
    assert "2022-03-12" not in {d.date for d in e.dates}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Nyheter från regionstyrelsens sammanträde 8/11 2017.\n", "2017-11-08"),
        ("Ungdomar ska få en biljett från den 1/8 2022 enligt beslutet.\n", "2022-08-01"),
    ],
)
def test_a_day_and_month_by_a_slash_with_the_year_after(text: str, date: str) -> None:
    assert date in {d.date for d in _extract(text).dates}


@pytest.mark.parametrize("text", ["Dnr 8/2015 KS", "ärende 31/2 2019", "KS 12/3-2019"])
def test_no_date_in_a_case_number_or_an_impossible_day(text: str) -> None:
    from extractors.dates import find_raw_dates

    assert [r.text for r in find_raw_dates(text) if "/" in r.text] == []


def test_a_notice_titled_by_its_bodys_abbreviation_is_that_bodys() -> None:
    text = (
        "2018-10-01\n\nHandlingar KF den 1 oktober 2018\n\nÄrenden\n\n1. Upprop\n\n"
        "2. Protokollets justering\n\n3. Bolagsstyrningsrapport\n"
        "- under förutsättning av kommunstyrelsens beslut den 28 september 2018\n"
    )
    assert _extract(text).body == "kommunfullmäktige"


def test_a_notice_titled_with_a_bare_time_after_its_date_meets_then() -> None:
    text = (
        "KALLELSE\n\nDatum 2013-04-03\n\nKommunstyrelsen kallas härmed till sammanträde "
        "tisdag den 9 april 2013 8.30 i KS-salen, Rådhuset.\n\n1. Val av justerare\n"
    )
    e = _extract(text)
    assert e.meeting is not None and e.meeting.date == "2013-04-09"


def test_an_upload_time_after_an_iso_date_is_no_meeting() -> None:
    text = (
        "Kommunfullmäktige, sammanträde\n\nTid: 2019-08-22 kl. 18:30\n\nFiler\n"
        "Kommunfullmäktige 2019-08-22 protokoll.pdf Pdf, 3.4 MB 2019-08-30 08.46\n\n"
        "Föredragningslista\n\n1. Val av justerare\n"
    )
    e = _extract(text)
    assert e.meeting is None or e.meeting.date == "2019-08-22"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Region Öst\n\nFinansplan i fullmäktige\n\n[2018-11-21]\n\nEfter en lång debatt "
            "antog regionfullmäktige på tisdagen finansplanen.\n",
            "2018-11-21",
        ),
        (
            "Uppsnabbat regionfullmäktige 27 april\n\n2022-04-27 Pressmeddelande\n\n"
            "Regionfullmäktige beslutade att göra extra satsningar.\n",
            "2022-04-27",
        ),
    ],
)
def test_a_news_pages_dateline_in_brackets_or_with_its_category(text: str, date: str) -> None:
    assert _extract(text).date == date


def test_minutes_of_an_unnamed_arbetsutskott_are_the_styrelses_utskott() -> None:
    text = (
        "NORRBY KOMMUN PROTOKOLL 1(21) Plats och tid Kommunkontoret måndagen den 27 september "
        "2004 kl 13.00 Beslutande Anna Ek (s), ordförande Per Lund (kd) Eva Berg (c) Utses att "
        "justera Eva Berg Paragrafer: 170-185 BEVIS OM ANSLAG Arbetsutskottets protokoll har "
        "justerats och anslagits på kommunens anslagstavla\n"
    )
    assert _extract(text).body == "kommunstyrelsens arbetsutskott"


def test_a_news_page_dated_by_its_press_line_tells_its_meeting_by_sammantradde() -> None:
    text = (
        "Kommunfullmäktiges beslut i korthet\n\nPressmeddelande • Feb 27, 2007 10:07 CET\n\n"
        "Kommunfullmäktige sammanträdde 2007-02-26. Nedan följer fullmäktiges beslut i korthet."
        "\n\nBiblioteksplan\n\nKommunfullmäktige beslutade att revidera biblioteksplanen.\n"
    )
    e = _extract(text)
    assert e.meeting is not None and e.meeting.date == "2007-02-26"


def test_a_meeting_of_two_days_is_dated_by_its_first() -> None:
    text = (
        "Uppsnabbat regionfullmäktige 18-19 juni 2018\n\n2018-06-19\n\nÅrsredovisning godkänd\n\n"
        "Regionfullmäktige godkände årsredovisningen för kostnämnden.\n"
    )
    e = _extract(text)
    assert e.meeting is not None and e.meeting.date == "2018-06-18"


def test_a_page_headed_sa_beslutade_reports_decisions_and_its_heading_is_none() -> None:
    text = (
        "Så beslutade kommunfullmäktige den 17 oktober\n\nKommunfullmäktige beslutade bland "
        "annat att godkänna ett markavtal för Norra hamnen.\n\nGodkände stadens delårsrapport\n\n"
        "Delårsrapporten för januari–augusti 2023 visar ett överskott.\n"
    )
    e = _extract(text)
    assert e.doc_type == "beslutsreferat"
    assert not any(d.text.startswith("Så beslutade") for d in e.decisions)


def test_minutes_that_cite_their_kungorelse_open_a_meeting_of_a_year_written_after() -> None:
    # "Enligt utfärdad kungörelse" is the minutes' own opening, not a notice; the meeting's
    # "Måndagen den 19 oktober" takes its year from the date after it, not the notice's date.
    text = (
        "1 (36) Landstingets kansli Landstingsfullmäktige Tid: Måndagen den 19 oktober, kl , "
        "Plats: Konserthuset i Växjö 91 Landstingsfullmäktiges öppnande Enligt utfärdad "
        "kungörelse från den 9 oktober 2009, sammanträder landstingsfullmäktige denna dag. "
        "Ordföranden förklarade sammanträdet öppnat. 92 Upprop Upprop genomfördes.\n"
    )
    e = _extract(text)
    assert e.doc_type == "protokoll"
    assert e.meeting is not None and e.meeting.date == "2009-10-19"


def test_a_cover_of_many_pages_with_one_paragraph_is_the_minutes() -> None:
    # The flattened cover lost the end of "Paragrafer: 210–254"; page "1 (45)" says the rest.
    text = (
        "NORRBY KOMMUN SAMMANTRÄDESPROTOKOLL Sida Sammanträdesdatum Kommunstyrelsen 2011-12-12 "
        "1 (45)\n\n1 Kommunstyrelsen (45) Plats och tid Tingsbacka, måndagen den 12 december "
        "2011, klockan 09:00 11:50. Beslutande Anna Ek (S), ordförande Per Lund (C), ledamot "
        "Utses att justera Per Lund Underskrifter Sekreterare Paragrafer: 210 Eva Berg\n"
    )
    assert _extract(text).doc_type == "protokoll"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party's page with no type word that puts its proposal to the council
        (
            "2014-05-22 Ersätt äldreboendet i Norrby\n\nVi vill se över möjligheterna att ersätta "
            "äldreboendet.\n\nVi föreslår kommunfullmäktige\n\natt ge samhällsbyggnadsnämnden i "
            "uppdrag att ta fram en plan för nya äldreboenden\n",
            "motion",
        ),
        # "SKRIVELSE" in capitals inside a flattened letterhead
        (
            "1 (2) Landstingsrådsberedningen SKRIVELSE LS Landstingsstyrelsen Motion 2016:28 av "
            "Eva Ek (V) om screening Föredragande landstingsråd: Per Lund Ärendebeskrivning\n",
            "tjänsteskrivelse",
        ),
    ],
)
def test_a_motion_without_its_word_and_a_skrivelse_in_capitals(text: str, expected: str) -> None:
    assert doc_type(text) == expected


def test_a_persons_role_names_no_body_of_the_minutes() -> None:
    # A flattened cover whose Övriga deltagare name a board's chair before the Organ field.
    text = (
        "Sammanträdesprotokoll 1 (58) Plats och tid Sessionssalen, Stadshuset kl. 13:00-17:20 "
        "Övriga deltagare Jan Ek, förvaltningschef Marita Berg-Lund, ordförande fastighets- och "
        "servicenämnden Utses att justera Per Lund Paragrafer 99-137 Organ Anslag/Bevis "
        "Protokollet är justerat. Kommunfullmäktige Anslags uppsättande 2017-05-03\n"
    )
    assert _extract(text).body == "kommunfullmäktige"


def test_a_page_announcing_the_meeting_names_those_proposed_not_who_attended() -> None:
    # Names with party tags are the weakest sign of minutes: here they are the ones proposed.
    text = (
        "Visa alla nyheter\n\n2 december 2024\n\nNya ledamöter väljs när regionfullmäktige "
        "sammanträder\n\nDen 4 december klockan 9 sammanträder regionfullmäktige i Norrby. "
        "Media är välkomna.\n\nNågra av ärendena:\n\n • Val av presidium i regionstyrelsen. Till "
        "ordförande föreslås Anna Ek (M), Per Lund (KD) till 1:e vice ordförande och Eva Berg "
        "(S) till 2:e vice ordförande.\n\n • Budget 2025\n"
    )
    assert doc_type(text) == "kallelse"
    # the same names in minutes, with a second sign of minutes, stay the attendance
    minutes = text.replace("Media är välkomna.", "Utses att justera Per Lund.")
    assert doc_type(minutes) != "kallelse"


def test_a_news_page_titled_with_the_present_that_tells_of_the_meeting_held() -> None:
    text = (
        "Nyhet 2024-09-26\n\nRegionfullmäktige sammanträder\n\nUnder onsdagen sammanträdde "
        "regionfullmäktige. Under förmiddagen togs beslut om en satsning på kulturella "
        "näringar med en miljon kronor årligen.\n"
    )
    assert doc_type(text) == "beslutsreferat"
    # the same page before the meeting invites to it
    invitation = text.replace("Under onsdagen sammanträdde regionfullmäktige.", "Välkommen!")
    assert doc_type(invitation) == "kallelse"


def test_a_proposal_then_its_background_without_a_type_word_is_a_memo() -> None:
    text = (
        "Ny politisk organisation Förslag till beslut Regionfullmäktige fastställer föreslagen "
        "politisk organisation för Region Norrby Regionfullmäktige antar arbetsordning för "
        "regionfullmäktige. Bakgrund Region Norrbys roll är att driva det regionala "
        "utvecklingsarbetet.\n"
    )
    assert doc_type(text) == "tjänsteskrivelse"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "PROTOKOLL UTDRAG" in a letterhead, the two words apart
        (
            "1 PROTOKOLL UTDRAG Presidium Nämnd för trafik Tid: 10:00 Plats: Rosensalen "
            "5 Projektbeslut Diarienummer RJL 2015/2559 Beslut Nämnden beviljar medel.\n",
            "protokollsutdrag",
        ),
    ],
)
def test_an_extract_whose_letterhead_writes_protokoll_utdrag_apart(
    text: str, expected: str
) -> None:
    assert doc_type(text) == expected


def test_a_page_of_every_citizens_proposal_received_is_a_list() -> None:
    # (in the style of set V's 2535)
    text = (
        "Inkomna medborgarförslag\n\nHär kan du se alla inkomna medborgarförslag från och med "
        "2017. De publiceras här så snart som möjligt efter att de kommit in.\n\nFler "
        "parkbänkar i centrum\nAnna Ek 2017/1135 2017-05-23\n"
    )
    assert doc_type(text) == "förteckning"


def test_protokoll_after_a_conjunction_is_a_titles_word() -> None:
    # a list of citizens' proposals (in the style of set V's 2535), one titled so
    text = (
        "Inkomna medborgarförslag\n\nWebbsändning av kallelser och protokoll\n\nAnna Ek "
        "2017/1135 2017-05-23\n\nFler parkbänkar i centrum\n\nPer Lind 2017/1175 2017-07-04\n"
    )
    assert doc_type(text) != "protokoll"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a motion dated by the council meeting it was put to or decided at (in the style of
        # set T's 2312 and set V's 2544)
        (
            "Lagda motioner\n\nLagda motioner\n\nVi lägger på Kommunfullmäktige den 16/2 2015 en "
            "motion\nTill kommunfullmäktige i Exempelby kommun\n\nMOTION\n\nBYGG ETT UTOMHUSGYM\n\n"
            "Exempelby kommun har idag ett utomhusgym vid skolan som är mycket uppskattat och väl "
            "utnyttjat. Detta är ett bra och enkelt sätt att röra på sig.\n\nJag yrkar att "
            "kommunen bygger ett utomhusgym till.",
            "2015-02-16",
        ),
        (
            "Motion – Namnbyte av stadshuset\n\nDet pratas mycket om sammanhållning av hela "
            "kommunen.\nUndertecknad föreslår därför\nAtt kommunfullmäktige beslutar ändra namnet "
            "till Kommunhuset samt\nAtt skyltarna byts ut.\nLeif Ek\nKristdemokraterna\n\n"
            "Motionen avslogs vid kommunfullmäktige 17 februari  2020",
            "2020-02-17",
        ),
    ],
)
def test_a_motion_is_dated_by_its_council_meeting(text: str, date: str) -> None:
    extraction = _extract(text)
    assert extraction.doc_type == "motion"
    assert extraction.meeting is not None and extraction.meeting.date == date
