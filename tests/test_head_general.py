"""Rules that read any municipality's head and decisions, over sentences written the way
Swedish municipal and regional documents write them (issue 13: wording no rule was tuned on).

Each case is a realistic head or § of a protokoll, kallelse, yttrande, remiss or beslutsreferat
in a wording other than the corpus's; the expected values are what an officer reads there.
"""

from __future__ import annotations

import pytest

from diarium.evaluate import match_decisions
from diarium.evaluate_written import case_spelling
from extractors import committees
from extractors.base import Page, ParsedDocument
from extractors.extraction import extract
from extractors.header import meeting_date, paragraph_field
from extractors.model import Extraction


def extracted(text: str) -> Extraction:
    doc = ParsedDocument(
        source="t", sha256="x", format="text", text=text, pages=[Page(1, 0, len(text))]
    )
    return extract(doc)


# ------------------------------------------------------------------ the Paragrafer field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plats och tid Folkets Hus kl 18.00 - 21.35 Paragrafer 146 – 172 Beslutande", "range"),
        ("Paragrafer\n1-14\nUtses att justera", "range"),
        ("Paragrafer: §§ 30 till 41", "range"),
        ("Rådslaget, Rådhuset, Alingsås Paragrafer 867\nkl. 14:00-16:45", "single"),
        ("Sekreterare   Sofie Axelsson                Paragrafer § 93", "single"),
        ("Paragrafer 12, 14", None),
        # "§§ 94-96" beside a name says who attended which items; it is not the field.
        ("Anna-Karin Ljungman, planarkitekt §§ 94-96", None),
        # a range written with a doubled dash; a page number after an empty field is no §
        ("Underskrifter Sekreterare Paragrafer 41 -- 57 Eva Lund", "range"),
        ("Justerande Ordförande Paragrafer\n\n2 (19) ANSLAG/BEVIS", None),
    ],
)
def test_paragraph_field(text: str, expected: str | None) -> None:
    assert paragraph_field(text) == expected


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        # A cut protokoll that shows one § but whose cover lists the meeting's range.
        (
            "Kommunfullmäktiges protokoll 2015-09-17\nPlats och tid\nFolkets Hus den 17 "
            "september 2015, kl 18.00 - 21.35\nParagrafer\n146 – 172\nBeslutande\nEnligt "
            "tjänstgöringslista\nPROTOKOLL\nKommunfullmäktige\n§ 146\nDnr 8-2015\nMeddelanden",
            "protokoll",
        ),
        # An extract with the full cover: one paragraph in the field.
        (
            "ALINGSÅS KOMMUN Protokoll\nPlats och tid\nBeslutande\nUtses att justera\n"
            "2026-04-13\nRådslaget, Rådhuset, Alingsås Paragrafer 867\nkl. 14:00-16:45\n"
            "Jan-Erik Wallin (M) (ordförande)\n867 2026.142 KS\nRevidering av riktlinjer",
            "protokollsutdrag",
        ),
        # An extract of two pages under the whole meeting's cover, its item without a §.
        (
            "1 Ljusdals kommun Barn- och utbildningsnämnden SAMMANTRÄDESPROTOKOLL 1 (2) "
            "Sammanträdesdatum Plats och tid Beslutande Ledamöter Övriga närvarande Justerare "
            "Paragrafer Utdragsbestyrkning\n\n2 SAMMANTRÄDESPROTOKOLL BUN 88 Dnr 212/2014 "
            "Skolskjutsregler",
            "protokollsutdrag",
        ),
    ],
)
def test_paragraph_field_decides_the_protokoll_type(text: str, doc_type: str) -> None:
    assert extracted(text).doc_type == doc_type


# ------------------------------------------------------------------ type cues


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        (
            "Kommunstyrelsen\n2019-04-10\nDnr KS 2019/0123\n\nYttrande angående förslag till "
            "nationell plan för transportsystemet\n\nKommunen ställer sig positiv till planen.",
            "yttrande",
        ),
        (
            "Miljönämndens yttrande\nDatum: 2020-11-02\n\nTill Mark- och miljödomstolen\n\n"
            "Miljönämnden anser att ansökan ska avslås.",
            "yttrande",
        ),
        (
            "Remissförfrågan\nFörslag till ny renhållningsordning\nKommunstyrelsen har beslutat "
            "att skicka förslaget på remiss till nämnder och bolag.",
            "remiss",
        ),
        (
            "Beslutsreferat\nKommunfullmäktige 2019-09-16\n\n§ 101 Avsägelse\n"
            "Kommunfullmäktige beviljade avsägelsen.",
            "beslutsreferat",
        ),
        (
            "Kortfattat om besluten från regionfullmäktige den 14 juni 2022\n"
            "Regionfullmäktige godkände årsredovisningen för 2021.",
            "beslutsreferat",
        ),
        (
            "Regionstyrelsen 2021-03-16\n\nBeslutsreferat\n\n§ 40 Årsredovisning 2020\n"
            "Regionstyrelsen beslutar att föreslå regionfullmäktige att godkänna "
            "årsredovisningen.",
            "beslutsreferat",
        ),
        (
            "Sammanfattning av regionfullmäktige 12 mars\n\nPå mötet fattades bland annat beslut "
            "om en ny kollektivtrafikplan.",
            "beslutsreferat",
        ),
        (
            "Sammanfattning från kommunfullmäktiges sammanträde den 4 maj\n\nMotioner\n"
            "Två motioner avslogs.",
            "beslutsreferat",
        ),
        (
            "Regionfullmäktige i korthet 3 februari 2021\n\nOrdföranden sammanfattar mötet.",
            "beslutsreferat",
        ),
        (
            "Sammanträde 2018-05-14\n\nPlats Stadshuset\n\n2 Val av justerare och tid för "
            "justering\n\n3 Anmälan av delegationsbeslut",
            "kallelse",
        ),
        (
            "1 KULTURFÖRVALTNINGEN Handläggare Per Ek Datum Diarienummer KN Kulturnämnden Svar på "
            "skrivelse om öppettider Förslag till beslut Kulturnämnden föreslås besluta att anta "
            "svaret.",
            "tjänsteskrivelse",
        ),
        (
            "1 Utlåtande 2019:42 RV (Dnr /2018) Motion om cykelbanor\nKommunstyrelsen föreslår att "
            "kommunfullmäktige beslutar följande.",
            "tjänsteskrivelse",
        ),
        # A notice names the justerare and the justering's time and place, as minutes do.
        (
            "Kommunfullmäktige i Filipstad kallas till sammanträde i Folkets Hus torsdag 12 "
            "februari 2015 kl. 18.15. Justerare: Anna Berg och Per Ek. Justeringens plats och "
            "tid: Kommunkansliet den 19 februari kl. 13.00 1. Val av justerare 2. Motion om "
            "farthinder",
            "kallelse",
        ),
        # News pages of a meeting's decisions, whatever their items are headed.
        (
            "Kommunfullmäktige sammanträdde i tisdags. Nu kan du läsa snabbreferatet från mötet.\n"
            "\nBESLUT\nNya taxor för bygglov antogs.\n",
            "beslutsreferat",
        ),
        (
            "Gå till innehåll\nBeslut i kommunfullmäktige 8 maj\nHär är kort om vilka beslut som "
            "fattades.\n\nSvar på medborgarförslag om fritidstider\nFörslaget avslogs.\n",
            "beslutsreferat",
        ),
        (
            "Kommunstyrelsens beslut den 29 november 2017\nDetta är en sammanfattning av vad som "
            "har beslutats.\n\nYttrande över förslag till länsplan\nKommunstyrelsen antog "
            "yttrandet.\n",
            "beslutsreferat",
        ),
        (
            "Centerpartiet\nMotion till Kommunfullmäktige\n\nFörslag om fler laddstolpar.\n"
            "Centerpartiet yrkar att kommunfullmäktige utreder saken.",
            "motion",
        ),
    ],
)
def test_type_cues_in_other_wordings(text: str, doc_type: str) -> None:
    assert extracted(text).doc_type == doc_type


@pytest.mark.parametrize(
    "text",
    [
        # An answer that reports the remiss it answers is still an yttrande, not a remiss.
        "Yttrande över remiss av förslag till avfallsplan\nKommunstyrelsen har fått förslaget "
        "på remiss.",
        # "Yttrande från ..." in running text of a protokoll does not make it an yttrande.
        "Sammanträdesprotokoll\nSocialnämnden\nSammanträdesdatum 2021-06-08\nParagrafer 40-52\n"
        "Yttrande från revisorerna har inkommit.",
    ],
)
def test_type_cues_do_not_overreach(text: str) -> None:
    assert extracted(text).doc_type == text.split("\n")[0].split()[0].lower().replace(
        "sammanträdesprotokoll", "protokoll"
    )


# ------------------------------------------------------------------ meeting date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Regionstyrelsen 16 mars 2021\nProtokoll", "2021-03-16"),
        (
            "Ärenden och handlingar till kommunfullmäktige 27 september 2021 Länk till annan "
            "webbplats.",
            "2021-09-27",
        ),
        # A body named in prose dates an earlier decision, not this meeting.
        (
            "Protokoll\nPlats och tid\nBeslutande\n\n2026-04-13\n\nRådslaget\n"
            + "Ärendebeskrivning. " * 8
            + "Nu gällande riktlinjer antogs av kommunstyrelsen den 2 september 2024.",
            "2026-04-13",
        ),
        # The body's name is far from the date: a clause, not a letterhead.
        (
            "Fullmäktigebeslut 27 september 2021\n\nKommunfullmäktige beslutade att stadens "
            "organisation från och med den 1 januari 2022 ska gå över till nämnder.",
            "2021-09-27",
        ),
    ],
)
def test_meeting_date_after_a_body_name(text: str, expected: str) -> None:
    found = meeting_date(text)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Sammanträdesdatum" with the body between it and the date beats a later yearless
        # date after "sammanträde" (a list of next year's meetings).
        (
            'Download "NORRBY KOMMUN SAMMANTRÄDESPROTOKOLL Sammanträdesdatum Kommunfullmäktige '
            '2000-12-11 1"\n\nTranskript\n\n1 SAMMANTRÄDESPROTOKOLL Kommunfullmäktige Plats och '
            "tid Museet Beslutande Förteckning enligt bilaga\n\nKF 171 SAMMANTRÄDESDAGAR 2001 "
            "Kommunstyrelsen torsdagar vid ordinarie sammanträde 18 januari, 15 februari",
            "2000-12-11",
        ),
        ("1 ÄRENDELISTA Sammanträdesdatum (Kommunfullmäktige) 2011-03-29 Paragraf", "2011-03-29"),
    ],
)
def test_meeting_date_after_the_label_and_the_body(text: str, expected: str) -> None:
    found = meeting_date(text)
    assert found is not None and found[0] == expected


# ------------------------------------------------------------------ issuing body


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Kultur- och fritidsnämnden\nKALLELSE\nSammanträde 2022-03-15 kl. 18.30\n"
            "1. Val av justerare",
            "kultur- och fritidsnämnden",
        ),
        (
            "Miljö- och byggnadsnämnden\nProtokoll\nDen 14 april 2016\nParagrafer 10-20\n"
            "Närvarande ledamöter: Per Ek (C), ordförande",
            "miljö- och byggnadsnämnden",
        ),
        # A registry series on the cover names the body when no name is written out.
        (
            "KS23-373 168\nRisk- och sårbarhetsanalys\n2023-2025\nKommunövergripande\n"
            "Upprättad 2023-10-25",
            "kommunstyrelsen",
        ),
        # An abbreviation on the cover, the full name later in the document.
        (
            "Diarienummer PLAN.2019.476\nAntagen av PBN 2025-03-13\nDetaljplan för bostäder\n"
            + "Planens syfte är att möjliggöra bostäder. " * 30
            + "\nDen 4 maj 2021 beslutade Plan- och byggnadsnämnden om positivt planbesked.",
            "plan- och byggnadsnämnden",
        ),
    ],
)
def test_issuing_body(text: str, body: str) -> None:
    assert extracted(text).body == body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protokoll fört vid Kommunstyrelsens sammanträde", ["kommunstyrelsen"]),
        # Lines are read in runs of six words from their first: the gazetteer's forms are
        # looked for inside a run, each run once however many forms start in it.
        (
            "Närvarande ledamöter i kommunstyrelsen och i socialnämnden samt byggnadsnämnden",
            ["kommunstyrelsen", "socialnämnden", "byggnadsnämnden"],
        ),
        (
            "SOCIALNÄMNDEN\n\nKULTURNÄMNDEN, miljönämnden",
            ["socialnämnden", "kulturnämnden", "miljönämnden"],
        ),
        ("Kommunstyrelsens arbetsutskott", ["kommunstyrelsens arbetsutskott"]),
        # Not a word inside a longer one, nor a body's name broken by two spaces.
        ("Överkommunstyrelsen", []),
        ("", []),
    ],
)
def test_gazetteer_mentions_in_a_head(text: str, expected: list[str]) -> None:
    found = committees.gazetteer_mentions(text)
    assert [name for _, _, name in found] == expected
    for start, end, name in found:
        assert committees.lookup(text[start:end]) == name


def test_gazetteer_mentions_cut_lines_in_runs_of_six_words() -> None:
    """A form that straddles two runs of a long line is not a mention (as it never was)."""
    line = "ett två tre fyra fem kommunstyrelsens arbetsutskott"
    assert [n for _, _, n in committees.gazetteer_mentions(line)] == ["kommunstyrelsen"]
    assert committees.gazetteer_mentions(line) == committees.gazetteer_mentions(line.upper())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A coordinated name written without its hyphen is one body, spelt with it.
        (
            "Protokoll Omsorgs och utbildningsutskottet 2013-05-02",
            ["omsorgs- och utbildningsutskottet"],
        ),
        ("Beslut i Kretslopp och vattennämnden", ["kretslopp- och vattennämnden"]),
        # Two bodies, and a person with a body, stay apart.
        ("Kommunstyrelsen och socialnämnden har yttrat sig", ["kommunstyrelsen", "socialnämnden"]),
        ("Yttrande från Anna och socialnämnden", ["socialnämnden"]),
    ],
)
def test_coordinated_names_without_their_hyphen(text: str, names: list[str]) -> None:
    assert [b.name for b in committees.find_bodies(text)] == names


@pytest.mark.parametrize(
    ("name", "abbreviation"),
    [
        ("barn- och ungdomsnämnden", "BUN"),
        ("plan- och byggnadsnämnden", "PBN"),
        ("kommunstyrelsens arbetsutskott", "KSAU"),
        ("socialnämnden", "SN"),
        ("miljö- och hälsoskyddsnämnden", "MHN"),
        ("regionfullmäktige", "RF"),
        ("tekniska nämnden", "TN"),
    ],
)
def test_initials(name: str, abbreviation: str) -> None:
    assert committees.initials(name) == abbreviation


# ------------------------------------------------------------------ decisions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sammanträdesprotokoll\nBarn- och utbildningsnämnden\n2019-05-21\nParagrafer 30-41\n\n"
            "§ 31 Skolskjutsregler\nBarn- och utbildningsnämnden beslutar\natt anta nya "
            "skolskjutsregler från läsåret 2019/2020,\natt ge förvaltningen i uppdrag att "
            "informera vårdnadshavare.\n",
            [
                "att anta nya skolskjutsregler från läsåret 2019/2020,",
                "att ge förvaltningen i uppdrag att informera vårdnadshavare.",
            ],
        ),
        (
            "Protokoll\nKommunstyrelsens arbetsutskott\n2015-08-18\nParagrafer 100-110\n\n§ 101\n"
            "Ansökan om bidrag till föreningen Framtid\nArbetsutskottet beslutar\n- att bevilja "
            "föreningen 20 000 kr,\n- att bidraget belastar kommunstyrelsens konto för "
            "föreningsbidrag.\n",
            [
                "att bevilja föreningen 20 000 kr,",
                "att bidraget belastar kommunstyrelsens konto för föreningsbidrag.",
            ],
        ),
        (
            "Protokoll\nKommunfullmäktige\n2012-06-18\nParagrafer 50-70\n\n§ 55 Budget 2013\n"
            "Kommunfullmäktige beslutade att fastställa budget för 2013 enligt kommunstyrelsens "
            "förslag, att skattesatsen för 2013 ska vara oförändrad 21,99 kr.\n",
            [
                "att fastställa budget för 2013 enligt kommunstyrelsens förslag,",
                "att skattesatsen för 2013 ska vara oförändrad 21,99 kr.",
            ],
        ),
        # A § heading ends the sentence before it.
        (
            "Sammanträdesprotokoll\nValnämnden\n2022-02-01\nParagrafer 1-5\n\n§ 2\nValnämnden "
            "beslutar att godkänna dagordningen.\n§ 3\nValnämnden har beslutat att utse Eva "
            "Berg till valsamordnare.\n",
            [
                "Valnämnden beslutar att godkänna dagordningen.",
                "Valnämnden har beslutat att utse Eva Berg till valsamordnare.",
            ],
        ),
    ],
)
def test_att_satser_and_paragraphs_are_points_of_their_own(text: str, expected: list[str]) -> None:
    decisions = extracted(text).decisions
    found = [" ".join(d.text.split()) for d in decisions]
    assert len(match_decisions(expected, found)) == len(expected)
    assert all(d.kind == "beslut" for d in decisions)
    assert len(decisions) == len(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The body's name lost from a template's field: "beslutar" opens the clause.
        (
            "Sammanträdesprotokoll\nSocialnämnden\n2017-05-02\n\n§ 25 Ändring av dagordningen\n"
            "Ordföranden föreslår att ärende 4 utgår. Beslut - beslutar i enlighet med "
            "ordförandens förslag.\n",
            ["beslutar i enlighet med ordförandens förslag."],
        ),
        (
            "Protokoll\nKommunstyrelsens arbetsutskott\n2013-12-10\n\n§ 216 Fastställande av "
            "dagordning Föreligger förslag till dagordning daterad 2013-12-10. beslutar enligt "
            "föreslagen dagordning.\n",
            ["beslutar enligt föreslagen dagordning."],
        ),
        # A passive decision with the verb after its object, and a subject whose last
        # capital is a place's name.
        (
            "Protokoll\nLandstingsfullmäktige\n2008-12-09\n\n§ 4 Anmälningar\nEfter förslag från "
            "ordföranden lades anmälan till handlingarna.\n",
            ["Efter förslag från ordföranden lades anmälan till handlingarna."],
        ),
        (
            "Beslut i korthet\nKommunfullmäktige 2018-02-27\n\nEtt medborgarförslag om en ny "
            "lekplats i Örbyhus besvaras med att pengar saknas i år.\n",
            [
                "Ett medborgarförslag om en ny lekplats i Örbyhus besvaras med att pengar saknas i år."
            ],
        ),
        # Lettered items end the decision before them.
        (
            "Sammanträdesprotokoll\nRegionfullmäktige\n2018-06-19\n\n§ 5 Sammanträdesdagar "
            "Fullmäktige föreslås sammanträda i februari och april. 1. Sammanträdesdagarna "
            "enligt ovan fastställs. a) Anna Berg har avsagt sig sitt uppdrag som ledamot.\n",
            ["Sammanträdesdagarna enligt ovan fastställs."],
        ),
        # A decision that announces its list: the first item follows a page number.
        (
            "Sammanträdesprotokoll\nKommunfullmäktige\n2014-10-20\n\n§ 6 Kommunens organisation "
            "Kommunfullmäktige beslutar att från den 20 oktober 2014 ska följande gälla:\n\n"
            "2 (9) 1. Kommunen ska ha fyra kommunalråd och två oppositionsråd.\n",
            [
                "Kommunfullmäktige beslutar att från den 20 oktober 2014 ska följande gälla:",
                "Kommunen ska ha fyra kommunalråd och två oppositionsråd.",
            ],
        ),
        # An office's proposal in a memo without a proposal section of its own.
        (
            "Tjänsteskrivelse\n2025-09-02\nSamrådsredogörelse för översiktsplanen\n\n"
            "Samrådet pågick under våren. Kommunstyrelseförvaltningen föreslår kommunstyrelsen "
            "att godkänna samrådsredogörelsen som underlag för det fortsatta arbetet.\n",
            [
                "Kommunstyrelseförvaltningen föreslår kommunstyrelsen att godkänna "
                "samrådsredogörelsen som underlag för det fortsatta arbetet."
            ],
        ),
    ],
)
def test_decisions_in_other_municipalities_wording(text: str, expected: list[str]) -> None:
    found = [" ".join(d.text.split()) for d in extracted(text).decisions]
    assert len(match_decisions(expected, found)) == len(expected), found


def test_a_decision_ends_before_its_reference_and_a_relative_clause_is_none() -> None:
    """ "Förslaget godkänns. (KS 2018-09-04, § 170) • Nästa förslag": the reference in brackets
    and the next item are not part of the decision; "de beslut som fattades" is no decision."""
    text = (
        "Medborgarförslag 2018\nHär är besluten som fattades under året.\n\n"
        "Belysning på lekplatsen Förslaget godkänns. (KS 2018-09-04, § 170) • Ridväg längs "
        "stranden Datum: 2018-05-02\n"
    )
    found = [" ".join(d.text.split()) for d in extracted(text).decisions]
    assert "Förslaget godkänns." in found
    assert not any("fattades" in f for f in found), found


def test_a_heading_that_proposes_carries_to_its_numbered_items() -> None:
    """ "Nämndens förslag till beslut" on a line of its own, then "1. ... noteras": proposals."""
    text = (
        "Kallelse\nBarn- och utbildningsnämnden\n2023-08-30\n\n3 Tillsynsrapport "
        "förskolor\n\nDiarienummer 2023/BUN 0192 40\n\nBarn- och utbildningsnämndens "
        "förslag till beslut\n1. Tillsynsrapporterna noteras\n2. Förskolorna ska tydliggöra "
        "rutinerna för utvecklingssamtal.\n"
    )
    decisions = extracted(text).decisions
    found = [" ".join(d.text.split()) for d in decisions]
    expected = [
        "Tillsynsrapporterna noteras",
        "Förskolorna ska tydliggöra rutinerna för utvecklingssamtal.",
    ]
    assert len(match_decisions(expected, found)) == len(expected), found
    assert all(d.kind == "förslag" for d in decisions)


def test_a_proposal_after_beslutar_is_still_a_proposal() -> None:
    text = (
        "PROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2020-03-10\nParagrafer 20-35\n\n"
        "§ 23 Dnr KS 2020/50\nRevidering av reglemente\n\nKommunstyrelsen föreslår "
        "kommunfullmäktige besluta\natt anta reviderat reglemente för kommunstyrelsen,\natt "
        "reglementet gäller från och med den 1 maj 2020.\n"
    )
    decisions = extracted(text).decisions
    assert decisions and all(d.kind == "förslag" for d in decisions)


# ------------------------------------------------------------------ the written-gold scorer


@pytest.mark.parametrize(
    ("gold", "found"),
    [
        ("26/0005–2", "26/0005-2"),
        ("KS 2025—00321", "KS 2025-00321"),
        ("SN  2021/112", "SN 2021/112"),
    ],
)
def test_case_spellings_compare_across_dashes_and_spaces(gold: str, found: str) -> None:
    assert case_spelling(gold) == case_spelling(found)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Region Jönköping names its boards without the article, capitalised as proper names.
        (
            "Nämnd för trafik, infrastruktur och miljö 53-65",
            ["nämnden för trafik, infrastruktur och miljö"],
        ),
        ("Nämnd för folkhälsa och sjukvård beslutar", ["nämnden för folkhälsa och sjukvård"]),
        # in lower case "en nämnd för …" is a common noun
        ("Regionen inrättar en nämnd för trafik", []),
        # a conjunction is no word of the name, nor is the next body of a list
        (
            "Nämnd för arbetsmarknad, näringsliv och attraktivitet beviljade medel",
            ["nämnden för arbetsmarknad, näringsliv och attraktivitet"],
        ),
        (
            "Nämnd för folkhälsa och sjukvård, samt Patientnämnden",
            ["nämnden för folkhälsa och sjukvård", "patientnämnden"],
        ),
        (
            "Nämnden för Arbetsmarknad och attraktivitet, Parlamentarisk nämnd samt Patientnämnd",
            ["nämnden för arbetsmarknad och attraktivitet", "patientnämnden"],
        ),
        # a landsting's beredningar, by the areas they prepare
        (
            "Programberedningen för barn, unga och kvinnosjukvårds protokollsutdrag den 1 juni",
            ["programberedningen för barn, unga och kvinnosjukvård"],
        ),
        (
            "Ärendet bereds av programberedning för äldre och multisjuka.",
            ["programberedningen för äldre och multisjuka"],
        ),
        # "för" with the purpose of a dispatch is no name
        ("Beslutet skickas till samverkansberedningen för kännedom.", ["samverkansberedningen"]),
        # a board's beredning or utskott by its compound, a region's part by its adjective
        (
            "Hälso- och sjukvårdsnämndens slutenvårdsberedning",
            ["hälso- och sjukvårdsnämndens slutenvårdsberedning"],
        ),
        (
            "Landstingsstyrelsens norra samverkansberedning",
            ["landstingsstyrelsens norra samverkansberedning"],
        ),
        # a preparation is no beredning
        ("Kommunstyrelsens förberedning av ärendet", ["kommunstyrelsen"]),
        ("Ärendeberedningen sker i socialnämnden", ["socialnämnden"]),
    ],
)
def test_boards_and_beredningar_named_by_what_they_do(text: str, names: list[str]) -> None:
    assert [b.name for b in committees.find_bodies(text)] == names
