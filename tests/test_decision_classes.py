"""Decision wording of set C's failure classes, in invented sentences (issue 13, fifth round).

Each sentence is written for the test in the style of a class that real documents showed; no
text of the fresh sets is copied here.
"""

from __future__ import annotations

import pytest

from extractors.base import Page, ParsedDocument
from extractors.decisions import find_decisions
from extractors.extraction import extract
from extractors.model import Extraction


def _found(
    text: str, sentences: list[tuple[int, int]] | None = None, report: bool = False
) -> list[tuple[str, str]]:
    spans = sentences or [(0, len(text))]
    return [(text[f.start : f.end], f.kind) for f in find_decisions(text, spans, report)]


def _spans_before(text: str, *starts: str) -> list[tuple[int, int]]:
    """Sentence spans as the pipeline's splitter gives them for a flattened text: each sentence
    opens at one of `starts` and ends before the space that precedes it."""
    cuts = [text.index(start) for start in starts]
    bounds = [0, *cuts]
    ends = [cut - 1 for cut in cuts] + [len(text)]
    return list(zip(bounds, ends, strict=True))


def _points(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every decision and proposal the whole extraction finds."""
    return [(d.kind, d.text) for d in _extraction(text).decisions]


def _extraction(text: str) -> Extraction:
    doc = ParsedDocument(
        source="t", sha256="x", format="text", text=text, pages=[Page(1, 0, len(text))]
    )
    return extract(doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A referral reported in the passive, with or without its subject.
        (
            "En motion om cykelbanor i Lilleby. Lämnades till kommunstyrelsen för beredning.",
            ("Lämnades till kommunstyrelsen för beredning.", "beslut"),
        ),
        (
            "Förslaget överlämnades till tekniska nämnden för beredning och besvarande.",
            (
                "Förslaget överlämnades till tekniska nämnden för beredning och besvarande.",
                "beslut",
            ),
        ),
        # "Ett beslut togs ..." in a news item.
        (
            "Ett beslut togs också att bolaget får en högre borgen för sina investeringar.",
            (
                "Ett beslut togs också att bolaget får en högre borgen för sina investeringar.",
                "beslut",
            ),
        ),
        # A body that takes no decision on an item of information.
        (
            "Kommunstyrelsen fattar inte något beslut med anledning av redovisningen.",
            ("Kommunstyrelsen fattar inte något beslut med anledning av redovisningen.", "beslut"),
        ),
        # A protokoll's immediate adjustment, and a chair without the article.
        (
            "Valet godkänns. Paragrafen justeras omedelbart.",
            ("Paragrafen justeras omedelbart.", "beslut"),
        ),
        # "beslutar" whose body's name the transcript dropped, with an infinitive and no "att"
        # (in the style of set V's 2508): after a date, and after a sentence
        (
            "Avsägelse från Per Holm daterad den 2 maj 2011 beslutar godkänna Per Holms avsägelse.",
            ("beslutar godkänna Per Holms avsägelse.", "beslut"),
        ),
        (
            "Dagordningen har varit kungjord. beslutar enhälligt fastställa dagordningen.",
            ("beslutar enhälligt fastställa dagordningen.", "beslut"),
        ),
        (
            "Kf 96 Dnr KS12/280 Taxa 2013 Beslut beslutar att anta förslaget till ny taxa.",
            ("beslutar att anta förslaget till ny taxa.", "beslut"),
        ),
        (
            "Kommunfullmäktige kompletterar sin arbetsordning med föreskrifter om ersättare.",
            (
                "Kommunfullmäktige kompletterar sin arbetsordning med föreskrifter om ersättare.",
                "beslut",
            ),
        ),
        # a template's empty "Diarienummer" field, then the verb without its body (in the style
        # of set R's 2140, Region Skåne's minutes)
        (
            "Anmälan av delegationsbeslut Diarienummer lägger rapporten till handlingarna. 1. Rapport",
            ("lägger rapporten till handlingarna.", "beslut"),
        ),
        # how members are chosen is no decision (a site's page on the council)
        ("Kommunfullmäktige har 61 ledamöter. Ledamöterna utses genom allmänna val.", None),
        # the verb first, in older minutes: "Beslutas att …"
        (
            "Beslutas att styrelsens protokoll skall justeras av en ledamot i turordning.",
            (
                "Beslutas att styrelsens protokoll skall justeras av en ledamot i turordning.",
                "beslut",
            ),
        ),
    ],
)
def test_decision_wording(text: str, expected: tuple[str, str] | None) -> None:
    found = _found(text)
    assert expected in found if expected is not None else found == []


def test_things_left_at_a_station_are_no_referral() -> None:
    assert _found("Möbler som lämnas till återvinningscentralen säljs vidare i butiken.") == []


def test_numbered_att_points_of_a_proposal_each_count() -> None:
    text = (
        "Lisa Berg (C) föreslår 1. att förvaltningen får i uppdrag att se över lokalerna. "
        "2. att ett sparbeting om 3 miljoner läggs på ledningen 3. att nämnden följer upp i maj."
    )
    found = _found(text)
    assert [k for _, k in found] == ["förslag"] * 3
    assert found[1][0].startswith("att ett sparbeting")


def test_numbered_points_in_sentences_of_their_own() -> None:
    text = "Anna Ek (S) föreslår 1. att skolan byggs om. 2. att tomter tas fram i Byn."
    cut = text.index("2. att")
    found = _found(text, [(0, cut), (cut, len(text))])
    assert [t for t, _ in found] == ["att skolan byggs om.", "att tomter tas fram i Byn."]


def test_proposed_decision_after_foreslas_besluta() -> None:
    text = "Förslag till beslut: Direktionen föreslås besluta 1. Utredningen ska börja i höst."
    assert ("Utredningen ska börja i höst.", "förslag") in _found(text)


def _doc_type(text: str) -> str | None:
    return _extraction(text).doc_type


@pytest.mark.parametrize(
    "text",
    [
        "Vid sammanträdet den 3 maj behandlades bland annat följande ärenden:\n\n"
        "• Kommunfullmäktige beslutade att anta en ny plan.",
        "Beslutat av kommunfullmäktige 12/3\n\nSkolan i Byn blir kvar. Det var ett av besluten.",
        "Kortfattat: Regionstyrelsen 2022-05-04\n\nRegionen ska köpa nya bussar.",
        "Kommunstyrelsen har sammanträtt\n\nBland annat beslutade man om en ny skola.",
        "Nyhetsnotiser från nämndens sammanträde med ett urval av de politiska besluten.",
        "Här följer en sammanfattning av samtliga ärenden vid kommunstyrelsens sammanträde.",
    ],
)
def test_a_web_page_on_a_meeting_reports_its_decisions(text: str) -> None:
    assert _doc_type(text) == "beslutsreferat"


def test_numbered_points_of_a_flattened_proposal_after_its_cue() -> None:
    """A transcript flattened to one line: the sentence splitter leaves the first point's
    number with the cue ("Ordförandens förslag 1.") and each next number with the point before
    ("... fastställs. 2."); each point is still one proposal."""
    text = (
        "Regionkansliet BESLUTSUNDERLAG Regionfullmäktige Dnr RE21/0042 Ändringar i "
        "reglementen Ordförandens förslag 1. Ändringarna i nämndernas reglementen om "
        "närvarorätt fastställs. 2. Ändringarna i styrelsens reglemente om beredning av "
        "ärenden fastställs. Sammanfattning Reglementena ses över varje mandatperiod."
    )
    sentences = _spans_before(text, "Ändringarna i nämndernas", "Ändringarna i styrelsens")
    assert _found(text, sentences) == [
        ("Ändringarna i nämndernas reglementen om närvarorätt fastställs.", "förslag"),
        ("Ändringarna i styrelsens reglemente om beredning av ärenden fastställs.", "förslag"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Set D's classes (issue 13, seventh round), in sentences written for the test.
        (
            "Rapporten om ekonomin tas emot. Förvaltningschefen får i uppdrag att återkomma "
            "med en åtgärdsplan.",
            [
                ("Rapporten om ekonomin tas emot.", "beslut"),
                (
                    "Förvaltningschefen får i uppdrag att återkomma med en åtgärdsplan.",
                    "beslut",
                ),
            ],
        ),
        (
            "Nämnden tackar för informationen.",
            [("Nämnden tackar för informationen.", "beslut")],
        ),
        (
            "Medborgarförslaget om en ny lekplats fördelas till tekniska nämnden för beredning.",
            [
                (
                    "Medborgarförslaget om en ny lekplats fördelas till tekniska nämnden för "
                    "beredning.",
                    "beslut",
                )
            ],
        ),
        # Set F's classes.
        (
            "Interpellationen är härmed besvarad.",
            [("Interpellationen är härmed besvarad.", "beslut")],
        ),
        (
            "Rektorn ges i uppdrag att utreda frågan.",
            [("Rektorn ges i uppdrag att utreda frågan.", "beslut")],
        ),
        (
            "Man beslutade att höja partistödet med 500 kronor per mandat.",
            [("Man beslutade att höja partistödet med 500 kronor per mandat.", "beslut")],
        ),
    ],
)
def test_decision_wordings_of_set_d(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_a_reported_passive_is_the_news_unless_dated_right_after_its_verb() -> None:
    text = "Vid styrelsens möte antogs delårsbokslutet för första halvåret 2012."
    report = find_decisions(text, [(0, len(text))], report=True)
    assert [text[f.start : f.end] for f in report] == [text]
    besvarades = "Interpellationen besvarades av kommunstyrelsens ordförande."
    found = find_decisions(besvarades, [(0, len(besvarades))], report=True)
    assert [besvarades[f.start : f.end] for f in found] == [besvarades]
    cited = "Detaljplanen antogs 2015 och vann laga kraft."
    assert find_decisions(cited, [(0, len(cited))], report=True) == []
    assert find_decisions(text, [(0, len(text))], report=False) == []


def _decisions_of(text: str, kinds: bool = False) -> list:
    decisions = _extraction(text).decisions
    return [(d.text, d.kind) for d in decisions] if kinds else [d.text for d in decisions]


def test_every_numbered_point_under_a_proposers_heading() -> None:
    """ "Kommunstyrelsens förslag till beslut" opens the section; each numbered point ending
    in a full stop is a point whatever its verb, and no point keeps the next one's number."""
    text = (
        "3 Lokalförsörjningsplan 2023-2035\n\nDiarienummer 2022/KS 0320\n\n"
        "Kommunstyrelsens förslag till beslut\n"
        "1. Lokalförsörjningsplanen 2023-2035 godkänns.\n"
        "2. Kommundirektören får i uppdrag att genomföra planens uppdrag under 2023.\n"
        "3. Uppdrag från tidigare planer som inte längre är aktuella avslutas.\n\n"
        "Beskrivning av ärendet\nEn plan tas fram årligen.\n"
    )
    assert _decisions_of(text) == [
        "Lokalförsörjningsplanen 2023-2035 godkänns.",
        "Kommundirektören får i uppdrag att genomföra planens uppdrag under 2023.",
        "Uppdrag från tidigare planer som inte längre är aktuella avslutas.",
    ]


def test_an_agenda_title_after_a_proposal_is_no_point() -> None:
    text = (
        "Föredragningslista\n\n1.\nUpprop\n\nFörslag till beslut\n"
        "Regionfullmäktige godkänner föredragningslistan.\n2.\nVal av justerare och tid för "
        "justering\n3.\nMedborgarförslag om sjukresor\n"
    )
    assert _decisions_of(text) == ["Regionfullmäktige godkänner föredragningslistan."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of decision taken, the body after the verb or the words between (in the style
        # of set V's 2525, a region's news list)
        (
            "I dag tog regionstyrelsen ett inriktningsbeslut om hur lasarettet ska byggas ut.",
            ["I dag tog regionstyrelsen ett inriktningsbeslut om hur lasarettet ska byggas ut."],
        ),
        (
            "Regionstyrelsen fattade under dagens sammanträde ett inriktningsbeslut om rivning.",
            ["Regionstyrelsen fattade under dagens sammanträde ett inriktningsbeslut om rivning."],
        ),
        (
            "Vid regionfullmäktiges sammanträde fastslogs majoritetens förslag till budget.",
            ["Vid regionfullmäktiges sammanträde fastslogs majoritetens förslag till budget."],
        ),
        # an earlier year's decision told as background, and the lead of a list
        ("I april 2009 fattade landstingsfullmäktige beslut om besparingar.", []),
        ("Kommunstyrelsen fattade följande beslut under sammanträdet.", []),
    ],
)
def test_a_kind_of_decision_taken(text: str, expected: list[str]) -> None:
    assert [t for t, _ in _found(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (in the style of set V's 2521): an att-list ends at the next item's title; a heading
        # over the next items is no sentence of the proposal before it
        pytest.param(
            (
                "Regionförbundets styrelse\n\nMöte 30 mars 2017\n\nFöredragningslista\n\n"
                "1. Sammanträdet öppnas\n\nBeslutsärenden\n\n9. Årsredovisning 2016\n"
                "Förslag till beslut:\nStyrelsen beslutar i enlighet med arbetsutskottets förslag\n"
                "- att godkänna årsredovisning 2016\n- att årets resultat balanseras i ny räkning.\n\n"
                "10. Uppföljning av internkontrollplan 2016\nFörslag till beslut:\nStyrelsen beslutar "
                "att godkänna redovisningen.\n\nRund och gränslös region\n\n11. Yttrande om "
                "trafikprogrammet\nFörslag till beslut:\nStyrelsen beslutar att lämna synpunkter.\n"
            ),
            [
                "godkänna årsredovisning 2016",
                "årets resultat balanseras i ny räkning.",
                "Styrelsen beslutar att godkänna redovisningen.",
                "Styrelsen beslutar att lämna synpunkter.",
            ],
            id="agenda-next-title",
        ),
        # (in the style of the shared tune part's Östersund minutes)
        pytest.param(
            (
                "PROTOKOLL\nKommunfullmäktige\n\n§ 120 Avsägelse\n\n1. Anna Ek, M avsäger sig uppdraget som "
                "ersättare.\nKommunfullmäktiges beslut\nAvsägelsen godkänns.\nLänsstyrelsen meddelar i "
                "protokoll den 26 juni 2015 att ny ersättare inte kunde utses.\n"
            ),
            ["Avsägelsen godkänns."],
            id="state-agency",
        ),
        # (in the style of the shared tune part's Borås page)
        pytest.param(
            (
                "Kommunfullmäktige\n\nKommunfullmäktige är kommunens högsta beslutande församling.\n\n"
                "Protokoll\n\nFiler tillgängliga för nedladdning\nIkon som illustrerar filtyp Filnamn "
                "Filstorlek Datum fil laddades upp\nKommunfullmäktige 2020-01-23 protokoll.pdf Pdf, 3.4 MB, "
                "öppnas i nytt fönster. 3.4 MB 2020-01-30 16.07\n\nSammanfattning av beslut\n\nHär kan "
                "du ta del av en sammanfattning av mötets beslutsärenden:\n\nUngdomspolitiskt program "
                "2020-2023\n\nKommunfullmäktige fastställde stadens ungdomspolitiska program.\n"
            ),
            ["Kommunfullmäktige fastställde stadens ungdomspolitiska program."],
            id="list-of-files",
        ),
        # (in the style of set V's 2514 and the shared tune part's Karlstad page)
        pytest.param(
            (
                "Beslut i korthet\n\nKommunstyrelsen i korthet den 21 januari\n\nKommunstyrelsens beslut"
                "\n\nFöljande ärenden beslutades på kommunstyrelsens sammanträde.\n\nPolitiskt initiativ "
                "om en granskning\n\nBeslut\n\nKommunstyrelsen beslutar att avslå initiativet.\n"
            ),
            ["Kommunstyrelsen beslutar att avslå initiativet."],
            id="section-lead",
        ),
        # (in the style of set V's 2514 and 2555)
        pytest.param(
            (
                "Kommunstyrelsen i korthet den 21 januari\n\nPolitiskt initiativ om en granskning\n\n"
                "Beslut\n\nKommunstyrelsen beslutar att avslå initiativet. S reserverar sig mot beslutet.\n\n"
                "Sverigedemokraterna reserverade sig mot beslutet till förmån för eget yrkande.\n"
            ),
            ["Kommunstyrelsen beslutar att avslå initiativet."],
            id="dissent",
        ),
        # (in the style of set V's 2501) the section's point, not once more as the page's prose
        pytest.param(
            (
                "Kommunfullmäktige i korthet\n\n2009-10-19 17:20\n\nInkomna motioner:\n\n• Lekplats vid "
                "tjärnen\n\nBeslut:\n\n• Kommunfullmäktige beslutade om ett räntefritt lån på 4,5 miljoner "
                "till Energibolaget AB. Finansieringen sker ur kommunens likvida medel.\n\n• Efter en lång "
                "debatt beslutades att skatten inte ska höjas.\n"
            ),
            [
                "Kommunfullmäktige beslutade om ett räntefritt lån på 4,5 miljoner till Energibolaget AB.",
                "Finansieringen sker ur kommunens likvida medel.",
                "Efter en lång debatt beslutades att skatten inte ska höjas.",
            ],
            id="news-list-once",
        ),
        # a meeting's web page (in the style of set V's 2554): item 1's proposal with its point,
        # then item 2 "Frågestund" and the members' numbered questions
        pytest.param(
            (
                "Regionfullmäktige 28 november 2023\n\nPlats: Kommunhuset, Storgatan 1, Vänersborg\n\n"
                "Tid: Tisdag 28 november klockan 09:30\n\nHandlingar till sammanträdet\n\n"
                "Följ mötet direkt via webb-TV.\n\nÅhörare och journalister är välkomna till läktaren.\n\n"
                "Inledande formalia\n\n • Mötets öppnande\n • Upprop\n • Val av justerare\n\n"
                "Beslutsärenden\n\n1. Avsägelser och anmälan om nyvalda (kl 09:30)\n\n"
                "Avsägelser: Anna Ek (S) Borås, har avsagt sig uppdraget som ersättare\n\n"
                "Förslag till beslut:\n\n 1. Regionfullmäktige godkänner avsägelsen.\n\n"
                "2. Frågestund (kl 09:35)\n\nDet har inkommit tre frågor till dagens sammanträde:\n\n"
                " 1. Lars Berg (L) frågar trafiknämndens ordförande Eva Lund (S) om nattbussarna.\n"
                " 2. Per Lind (SD) frågar sjukhusstyrelsens ordförande Ola Ek (M) om ambulansen.\n"
                " 3. Kim Ås (M) frågar ordföranden Ida Berg (V) om väntetiderna.\n"
            ),
            ["Regionfullmäktige godkänner avsägelsen."],
            id="questions-under-next-item",
        ),
    ],
)
def test_the_points_of_a_whole_page(text: str, expected: list[str]) -> None:
    """Pages written in other municipalities' styles: what is a point of theirs and what is
    not (a next item's title or questions, a lead, a dissent, a state agency's sentence, a list
    of files, a point read twice)."""
    assert _decisions_of(text) == expected


def test_a_memos_proposal_without_its_bodys_name() -> None:
    # the template's field for the body left empty (in the style of set V's 2537)
    text = (
        "Delegationsordning för nämnden Förslag till beslut beslutar att godkänna "
        "delegationsordningen. Ärendebeskrivning Nämndens beslut om delegation."
    )
    assert _found(text) == [("beslutar att godkänna delegationsordningen.", "förslag")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a point that ends in a colon runs on over the rest of its line when that decides
        # nothing of its own (in the style of set U's 2431 and 2434)
        (
            "Två nya beredningar inrättas: Beredningen för barn och Beredningen för äldre. "
            "Beredningarna får nio ledamöter.",
            ["Två nya beredningar inrättas: Beredningen för barn och Beredningen för äldre."],
        ),
        # … not over points of their own
        (
            "Kommunfullmäktige beslutade följande: Budgeten fastställs. Skatten höjs.",
            ["Budgeten fastställs.", "Skatten höjs."],
        ),
    ],
)
def test_a_point_runs_on_after_its_colon(text: str, expected: list[str]) -> None:
    assert [t for t, _ in _found(text, report=True)] == expected


def test_a_lone_bracket_of_a_lost_item_number_ends_a_point() -> None:
    # a flattened PDF line lost the "2" of "2)" (in the style of set V's 2504)
    text = (
        "Beslut 1) Nämnden beslutar att anbudet från Elbolaget antas för perioden ) Nämnden "
        "beslutar att teknisk chef bemyndigas att teckna avtal med leverantören."
    )
    assert [t for t, _ in _found(text)] == [
        "Nämnden beslutar att anbudet från Elbolaget antas för perioden",
        "Nämnden beslutar att teknisk chef bemyndigas att teckna avtal med leverantören.",
    ]


def test_a_beslut_heading_after_the_yrkanden_opens_the_decision() -> None:
    """One item of minutes on a web page: its "BESLUT" heading is the decision's section,
    not only the page's type word."""
    text = (
        "Serviceplan\n\nEtt förslag har arbetats fram.\n\nBeredning\n\n"
        "Bilaga KS 2020/37 /1, missiv\n\nYrkanden\n\n"
        "Anna Berg (C) yrkar bifall till utskottets förslag.\n\nBESLUT\n\n"
        "Kommunstyrelsen beslutar att anta serviceplanen för 2020-2025.\n"
    )
    assert "Kommunstyrelsen beslutar att anta serviceplanen för 2020-2025." in _decisions_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Berg (C) yrkar bifall till utskottets förslag.", "Anna Berg (C) yrkar bifall"),
        # The passive it quotes is the member's proposal, not a decision.
        ("Per Ek ( MP) yrkar att medborgarförslaget avslås.", "Per Ek ( MP) yrkar att"),
        ("Eva Lund (KD) och Nils Ek (SD) yrkar bifall till motionen.", "Eva Lund (KD) och"),
        ("Ordföranden yrkar bifall till förvaltningens förslag.", "Ordföranden yrkar"),
        ("Karin Ström yrkade avslag på motionen.", "Karin Ström yrkade"),
    ],
)
def test_a_yrkande_is_a_proposal(text: str, expected: str) -> None:
    assert _found(text) == [(text, "förslag")]
    assert text.startswith(expected)


def test_the_yrkanden_of_minutes_are_proposals_beside_the_decision() -> None:
    text = (
        "§ 12\nMedborgarförslag om en ny cykelbana\n\nYrkanden\n"
        "Per Ek (MP) yrkar att medborgarförslaget avslås.\n"
        "Eva Lund (C) yrkar bifall till kommunstyrelsens förslag.\n\nBeslutsgång\n"
        "Ordföranden ställer förslagen mot varandra och finner att kommunfullmäktige beslutar "
        "enligt kommunstyrelsens förslag.\n\nBeslut\n"
        "Kommunfullmäktige beslutar att medborgarförslaget är besvarat.\n"
    )
    decisions = _decisions_of(text, kinds=True)
    assert ("Per Ek (MP) yrkar att medborgarförslaget avslås.", "förslag") in decisions
    assert ("Eva Lund (C) yrkar bifall till kommunstyrelsens förslag.", "förslag") in decisions
    assert ("Kommunfullmäktige beslutar att medborgarförslaget är besvarat.", "beslut") in decisions
    # The beslutsgång restates the decision: not a point of its own.
    assert not any(t.startswith("Ordföranden ställer") for t, _ in decisions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Numbered points right after "beslutar" (the subject lost in a flattened page).
        (
            "52 Dnr 2012.108-21 Samråd över strandskyddsplan beslutar 1. Meddela miljönämnden "
            "att inga invändningar föreligger. 2. Programmet ska vara en del av planen.",
            [
                ("Meddela miljönämnden att inga invändningar föreligger.", "beslut"),
                ("Programmet ska vara en del av planen.", "beslut"),
            ],
        ),
        # A motion's proposal to its addressee, with blank lines and an indented bullet.
        (
            "Centerpartiet föreslår Norrby kommun\n\n  • Att i samarbete med handeln skapa "
            "ett pilotprojekt med buss.\n",
            [("Att i samarbete med handeln skapa ett pilotprojekt med buss.", "förslag")],
        ),
        (
            "Norrbypartiet yrkar,\n\natt kommunfullmäktige beslutar ge kommunstyrelsen i "
            "uppdrag att bilda byalag\n",
            [
                (
                    "att kommunfullmäktige beslutar ge kommunstyrelsen i uppdrag att bilda byalag",
                    "förslag",
                )
            ],
        ),
        # A referral reported in the past, and a verb and its object as a point.
        (
            "Förslag om allmän hundrastgård. Skickades till samhällsservicenämnden för beslut.",
            [("Skickades till samhällsservicenämnden för beslut.", "beslut")],
        ),
        (
            "Ekonomirapport per augusti. Godkänna informationen.",
            [("Godkänna informationen.", "beslut")],
        ),
    ],
)
def test_points_after_a_bare_verb_and_a_motions_proposal(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


def test_a_proposal_to_the_council_is_a_proposal_section() -> None:
    text = (
        "2 Kommunal borgen för båtklubben\n\nDnr 2015/KS 0246 11\n\n"
        "Kommunstyrelsens förslag till kommunfullmäktige\n"
        "1. Kommunen ingår borgen för båtklubben upp till fyra miljoner kronor.\n"
        "2. Borgensåtagandet gäller till och med 2026-07-31.\n\nBeskrivning av ärendet\n"
        "Båtklubben ansöker om borgen.\n"
    )
    found = _decisions_of(text, kinds=True)
    assert (
        "Kommunen ingår borgen för båtklubben upp till fyra miljoner kronor.",
        "förslag",
    ) in found
    assert ("Borgensåtagandet gäller till och med 2026-07-31.", "förslag") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Older minutes put the passive verb first.
        (
            "Utsågs Eva Ek att jämte ordföranden justera dagens protokoll.",
            [("Utsågs Eva Ek att jämte ordföranden justera dagens protokoll.", "beslut")],
        ),
        (
            "Godkändes upprättad föredragningslista.",
            [("Godkändes upprättad föredragningslista.", "beslut")],
        ),
        # An officer proposes for the office.
        (
            "Kommunchefen föreslår att ändringarna i bolagsordningarna antas.",
            [("Kommunchefen föreslår att ändringarna i bolagsordningarna antas.", "förslag")],
        ),
        # A past passive dated right after it is background, verb first or not.
        ("Valdes 2012 till ordförande i nämnden.", []),
    ],
)
def test_verb_first_passives_and_officers_proposals(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


def test_a_covers_label_is_no_decision() -> None:
    assert _found("Utses att justera Eva Ek och Per Ek") == []


def test_a_proposers_heading_with_its_addressee() -> None:
    text = (
        "Revisionsrapport, separata handlingar. Arbetsutskottets förslag till kommunstyrelsen "
        "att lägga revisionsgranskningen av verksamheten till handlingarna."
    )
    assert _found(text) == [
        ("att lägga revisionsgranskningen av verksamheten till handlingarna.", "förslag")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A motion's proposer closing its clause with a colon: the att-point follows.
        (
            "Därför föreslår Centerpartiet:\nAtt kommunen ser över möjligheten att ordna "
            "adventsbelysning vid infarterna.",
            [
                (
                    "Att kommunen ser över möjligheten att ordna adventsbelysning vid infarterna.",
                    "förslag",
                )
            ],
        ),
        # A motion's points reported in the passive, one att-sats a line.
        (
            "I att-satsen yrkas på att snarast vidta åtgärder vid busshållplatsen\n"
            "att komplettera hållplatsen med en offentlig toalett och\n"
            "att säkerställa behovet av parkeringsplatser.",
            [
                ("att snarast vidta åtgärder vid busshållplatsen", "förslag"),
                ("att komplettera hållplatsen med en offentlig toalett", "förslag"),
                ("att säkerställa behovet av parkeringsplatser.", "förslag"),
            ],
        ),
    ],
)
def test_a_motions_points_after_its_proposer(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_the_beslutsgang_holds_the_decision_where_no_beslut_section_does() -> None:
    text = (
        "1. Motion om utredning kring enheten Barn och Unga\nunderskriven av Per Ek\n\n"
        "Beslutsgång:\n8 november: inlämnad\n2 december: remitterad till kommunstyrelsen\n"
        "27 april 2015: Kommunfullmäktige beslutar att anse motionen bifallen.\n"
    )
    assert "Kommunfullmäktige beslutar att anse motionen bifallen." in _decisions_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Parties' proposals in a report of the meeting.
        ("KD vill i ett yrkande ge nämnden i uppdrag att utreda taxan.", "förslag"),
        ("V, S och MP vill i ett yrkande remittera ärendet till rådet.", "förslag"),
        # An office endorses a proposal.
        ("Stadsledningskontoret tillstyrker nämndens förslag.", "förslag"),
        # A decision given as the proposal it follows.
        ("Beslut enligt regionstyrelsens förslag med korrigering av ett datum.", "beslut"),
        # A referral onward, an assignment reported.
        ("Dessa lämnas nu vidare till kommunfullmäktige för slutligt ställningstagande.", "beslut"),
        ("Kommunchefen fick ett uppdrag att återkomma om hur detta kan ordnas.", "beslut"),
        ("Kommunfullmäktige fattade bland annat beslut om en nödvattenplan.", "beslut"),
    ],
)
def test_reported_proposals_endorsements_and_assignments(text: str, expected: str) -> None:
    assert _found(text, report=True) == [(text, expected)]


def test_the_point_after_beslutar_foljande_and_its_number_on_a_flattened_line() -> None:
    """ "... föreslår att kommunfullmäktige beslutar följande. 1." as one sentence of a
    flattened transcript: the cue's clause ends before the first point's number, and the
    point is the next sentence."""
    text = (
        "Utlåtande 2014:12 Riktlinjer för bostadsanpassning Kommunstyrelsen föreslår att "
        "kommunfullmäktige beslutar följande. 1. Riktlinjer för bostadsanpassning godkänns "
        "enligt bilaga 1. Föredragande borgarrådet Eva Ek anför följande."
    )
    sentences = _spans_before(text, "Riktlinjer för bostadsanpassning godkänns", "Föredragande")
    assert _found(text, sentences) == [
        ("Riktlinjer för bostadsanpassning godkänns enligt bilaga 1.", "förslag")
    ]


def test_a_proposal_cue_that_ends_its_sentence_does_not_take_the_next_one() -> None:
    """ "... bakom landstingsstyrelsens förslag till beslut." closes its sentence: the
    sentence after it is the news item's prose, no point."""
    text = (
        "Fullmäktige ställde sig i samtliga fall bakom landstingsstyrelsens förslag till "
        "beslut. I två fall blev det debatt och votering."
    )
    assert _found(text, _spans_before(text, "I två fall"), report=True) == []


def test_the_numbered_points_under_a_bodys_proposal_heading_are_proposals() -> None:
    """ "Kommunstyrelsens förslag" over points 1, 2 in minutes of the council: the points
    are proposals; the headings after them and an agenda's next item are not."""
    text = (
        "§ 85 Allmänhetens frågestund\n\nKommunstyrelsens förslag\n\n"
        " 1. En frågestund ska hållas före varje sammanträde med kommunfullmäktige.\n"
        " 2. Reglerna för frågestunden godkänns.\n\n  Beslutsnivå\n\n  Kommunfullmäktige\n\n"
        "  Ärendebeskrivning\n\n  Presidiet har utrett frågan.\n\n"
        "25. Revidering av reglemente för nämnderna.\n"
    )
    points = _points(text)
    assert points == [
        ("förslag", "En frågestund ska hållas före varje sammanträde med kommunfullmäktige."),
        ("förslag", "Reglerna för frågestunden godkänns."),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "beslutar för egen del:" over numbered points
        (
            "Beslut i korthet\n\nRegionstyrelsen beslutar för egen del:\n\n"
            " 1. Uppdraget från regionstyrelsen den 21 oktober 2019, § 303, är fullgjort.\n"
            " 2. Uppdraget från regionstyrelsen den 26 maj 2020, § 163, är fullgjort.\n",
            [
                (
                    "beslut",
                    "Uppdraget från regionstyrelsen den 21 oktober 2019, § 303, är fullgjort.",
                ),
                ("beslut", "Uppdraget från regionstyrelsen den 26 maj 2020, § 163, är fullgjort."),
            ],
        ),
        # bullets under a proposal cue, whatever verb the first one has
        (
            "Delårsrapport 2023\n\nRegionstyrelsen föreslår regionfullmäktige besluta:\n"
            " • Delårsrapporten godkänns. \n"
            " • Återrapporteringen av uppdraget om hyrpersonal (RF § 89) tas emot. \n\n"
            "Bakgrund\n\nRapporten visar ett underskott.\n",
            [
                ("förslag", "Delårsrapporten godkänns."),
                ("förslag", "Återrapporteringen av uppdraget om hyrpersonal (RF § 89) tas emot."),
            ],
        ),
    ],
)
def test_points_after_a_cue_with_its_own_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert _points(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a flattened memo: the cue's first point was read as a sentence of its own, the
        # number after it opens the next
        (
            "Tjänsteutlåtande Dnr KS/2016:5 Yttrande över remiss om regionbildning Förslag till "
            "beslut 1. Kommunstyrelsen beslutar att tillstyrka förslaget och i övrigt anta "
            "yttrandet. 2. Yttrandet skickas till landstinget. Sammanfattning av ärendet Kommunen "
            "har fått remissen.",
            [
                (
                    "förslag",
                    "Kommunstyrelsen beslutar att tillstyrka förslaget och i övrigt anta yttrandet.",
                ),
                ("förslag", "Yttrandet skickas till landstinget."),
            ],
        ),
        # a news page's numbered decision: the points after the first, without full stops
        (
            "Beslut i korthet\n\nFestival\n\nFöreningen har ansökt om bidrag.\n\n"
            "1.Kommunstyrelsen beslutar att bevilja föreningen ett bidrag på 50 000 kronor\n\n"
            "2. Bidraget ska tas ur kommunstyrelsens medel till förfogande\n\nÖvrigt\n\nText.\n",
            [
                (
                    "beslut",
                    "1.Kommunstyrelsen beslutar att bevilja föreningen ett bidrag på 50 000 kronor",
                ),
                ("beslut", "Bidraget ska tas ur kommunstyrelsens medel till förfogande"),
            ],
        ),
    ],
)
def test_the_points_after_a_first_numbered_point(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _points(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party's proposal on the line after its "yrkar:"
        (
            "Motion om fria resor\n\nResorna skulle bli fler.\nVänsterpartiet yrkar:\n"
            "bifall till motionen att gratis resor med buss införs för pensionärer.\n\n"
            "Eva Ek V Norrby",
            [("förslag", "bifall till motionen att gratis resor med buss införs för pensionärer.")],
        ),
        # a motion's "Yrkande:" heading over its att-clause ends its background
        (
            "Motion om nyval\n\nBakgrund\n\nEn majoritet kan styra kommunen.\n\n\nYrkande:\n\n"
            "  • att extra val till fullmäktige genomförs i kommunen under våren 2013.\n",
            [("förslag", "att extra val till fullmäktige genomförs i kommunen under våren 2013.")],
        ),
    ],
)
def test_a_motions_proposal_after_yrkar_and_yrkande(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _points(text) == expected


def test_minutes_yrkanden_heading_over_a_signature_is_no_proposal() -> None:
    text = (
        "Protokoll\n\nKommunfullmäktige\n\nParagrafer 274-304\n\nYrkanden:\nOrdförande Karl Berg\n"
    )
    assert [d.text for d in _extraction(text).decisions if d.kind == "förslag"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a "<body>s beslut" heading whose body the PDF lost
        (
            "115 Dnr Val av justerare Sammanfattning Till att justera protokollet föreslås Eva "
            "Ek (M). s beslut beslutar att utse Eva Ek (M) till att justera dagens protokoll.",
            "beslutar att utse Eva Ek (M) till att justera dagens protokoll.",
        ),
        # the justerare's heading before "utser"
        (
            "FD 47/2012 Val av protokolljusterare Protokolljusterare utser Per Berg, C, att "
            "tillsammans med ordföranden justera dagens protokoll.",
            "utser Per Berg, C, att tillsammans med ordföranden justera dagens protokoll.",
        ),
    ],
)
def test_a_decision_whose_subject_a_pdf_lost(text: str, expected: str) -> None:
    assert (expected, "beslut") in _found(text)


def test_a_passive_point_right_after_its_cue_runs_from_the_cue() -> None:
    """A flattened memo: the point's subject holds place names, capitalised like a sentence's
    start; the point runs from the cue to its passive verb."""
    text = (
        "Förslag till beslut Kommunstyrelsens förslag till kommunfullmäktige Förskolenämndens "
        "beställning av en ny förskola inom fastigheten Nytorp 4:30 i Trångsund, godkänns. "
        "Sammanfattning Behovet har utretts."
    )
    assert _found(text, _spans_before(text, "Sammanfattning"))[0] == (
        "Förskolenämndens beställning av en ny förskola inom fastigheten Nytorp 4:30 i "
        "Trångsund, godkänns.",
        "förslag",
    )


def test_an_abbreviation_inside_a_proposal_does_not_end_it() -> None:
    """ "sid." (and the other abbreviations of `extraction_rules._ABBREVIATION`, one list for
    the sentence splitter and the decision clauses) ends no clause."""
    text = (
        "Yrkanden\n\nMariann Gustafsson (V) yrkar att på sid. 3 under rubriken Kommunens "
        "förväntan på föreningslivet att första punkten ändras.\n"
    )
    points = _points(text)
    assert any("sid. 3 under rubriken" in point for _, point in points), points


def test_a_heading_inside_a_flattened_line_ends_the_proposal_before_it() -> None:
    """A PDF's page flattened to one paragraph: no full stop before "Bakgrund", and the
    background runs on for hundreds of characters; the proposal ends at the heading."""
    background = (
        "Skolförvaltningen skriver i sitt tjänsteutlåtande att förvaltningen instämmer i "
        "produktionsförvaltningens bedömning och anser att förslaget inte bör prioriteras "
        "för närvarande eftersom en inventering genomfördes under våren och då inte visade "
        "på något behov av en ny klätterställning och eftersom en större ombyggnation av "
        "skolan och dess skolgård redan har påbörjats och planeras vara klar inom två år "
        "varför frågan bör tas upp på nytt i samband med den ombyggnationen"
    )
    text = (
        "1 Tjänsteutlåtande Kommunkansliet Till Kommunstyrelsen Dnr KS 2015/0400 Svar på "
        "medborgarförslag Sammanfattning I ett medborgarförslag föreslås en ny klätterställning "
        "Beslutsförslag Kommunstyrelsens arbetsutskott föreslår Kommunstyrelsen besluta "
        "Medborgarförslaget anses besvarat med hänvisning till det påbörjade förarbetet "
        f"Bakgrund {background}. Per Ek Kanslichef\n"
    )
    points = _points(text)
    assert points == [
        (
            "förslag",
            "Kommunstyrelsens arbetsutskott föreslår Kommunstyrelsen besluta Medborgarförslaget "
            "anses besvarat med hänvisning till det påbörjade förarbetet",
        )
    ], points


# Set K (read in the seventh session), in texts written the same way.
def test_the_first_att_clause_after_a_cue_that_ends_with_att() -> None:
    text = (
        "Beslut Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta att godkänna "
        "den geografiska inriktningen enligt bilaga 2, att godkänna portföljmålen enligt "
        "bilaga 2, samt att godkänna slutsatserna från programstudien enligt bilaga 3."
    )
    texts = [t for t, _ in _found(text)]
    assert "att godkänna den geografiska inriktningen enligt bilaga 2" in texts, texts
    assert "att godkänna portföljmålen enligt bilaga 2" in texts, texts
    assert any(t.startswith("att godkänna slutsatserna") for t in texts), texts


def test_a_motions_points_in_a_list_of_motions() -> None:
    text = (
        "Motioner 2021\n\nMotion nr 1/21 – Erbjud gratis busskort\n\n"
        "Förslaget till kommunfullmäktige att besluta är:\n\n"
        "  • att Sommarlovskort erbjuds för alla som går i årkurs 6–9.\n\n"
        "Motionen lämnades in av Vänsterpartiet 2021-03-04.\n\n"
        "Motion nr 2/21 – Revidera detaljplanen\n\nFörslaget är att kommunfullmäktige beslutar\n\n"
        "  • att detaljplanen för Vånevik 6:1 m.fl. fastigheter revideras\n\n"
        "Motionen lämnades in av Sverigedemokraterna 2021-03-17.\n"
    )
    texts = [t for _, t in _points(text)]
    assert "att Sommarlovskort erbjuds för alla som går i årkurs 6–9." in texts, texts
    # The last point of a list ends at its paragraph.
    assert any(t.endswith("fastigheter revideras") for t in texts), texts


@pytest.mark.parametrize(
    "sentence",
    [
        # the verb before its subject after an adverb (V2), in the perfect
        "Därför har kommunstyrelsen nu beslutat att kostnaden ska beaktas i planen för 2022.",
        # "klubba": the gavel's word for a decision in news prose
        "Fullmäktige klubbade enhälligt den strategiska färdplanen för 2025–2028.",
        # "sagt ja till", "tagit beslut om" in the perfect
        "Kommunstyrelsen har nu sagt ja till att peka ut marken för en ny skola.",
        "Kommunfullmäktige har tagit beslut om en ny översiktsplan för kommunen.",
    ],
)
def test_news_prose_decisions(sentence: str) -> None:
    assert _found(sentence, report=True) == [(sentence, "beslut")]


def test_har_alone_before_a_body_is_no_decision() -> None:
    assert _found("I dag har kommunstyrelsen 13 ledamöter och 13 ersättare.", report=True) == []


def test_det_uppdras_at_is_a_decision() -> None:
    sentence = "Det uppdras åt socialnämnden att fatta samtliga beslut enligt LOV."
    assert _found(sentence) == [(sentence, "beslut")]
    # not what a body may be asked to do
    assert _found("Nämnden kan uppdras att yttra sig i frågan.") == []


def test_an_agendas_proposals_after_a_dash_each_under_its_item() -> None:
    # A council's agenda as a news page gives it: each item with its case number, then
    # "Förslag till kommunfullmäktige – att …" (the dash stands for a colon).
    text = (
        "Kommunfullmäktige 2021-04-19\n\nDessa ärenden kommer att behandlas:\n"
        "– Motion om cykelväg till badplatsen\nKS 2021.0112\n\n"
        "Förslag till kommunfullmäktige – att remittera motionen till kommunstyrelsen\n\n"
        "– Fyllnadsval av ersättare i kulturnämnden KS 2021.0098\n"
        "Förslag till kommunfullmäktige – att till ny ersättare utse Karin Berg.\n\n"
        "– Svar på motion om skolgårdar KS 2020.0431\n"
        "Förslag till kommunfullmäktige att, med hänvisning till nämndens yttrande, "
        "anse motionen besvarad.\n"
    )
    points = _points(text)
    assert ("förslag", "att remittera motionen till kommunstyrelsen") in points, points
    assert ("förslag", "att till ny ersättare utse Karin Berg.") in points, points
    assert (
        "förslag",
        "att, med hänvisning till nämndens yttrande, anse motionen besvarad.",
    ) in points, points


def test_a_page_flattened_into_one_line_keeps_its_text_after_the_page_header() -> None:
    # A PDF-to-text step that gives each page as one line: only the header words are furniture.
    text = (
        "SAMMANTRÄDESPROTOKOLL 1 (9) Plats Stadshuset Dag och tid Onsdag den 3 mars 2021\n"
        "SAMMANTRÄDESPROTOKOLL 2 (9) 12 Ändringar i föredragningslistan Byggnadsnämnden "
        "godkänner ändringen. Ärendet om bygglov för Ekbacken 2:4 utgår.\n"
    )
    assert ("beslut", "Byggnadsnämnden godkänner ändringen.") in _points(text)


def test_points_numbered_without_a_full_stop_in_a_proposal_section() -> None:
    # A meeting page's "förslag till beslut" with its points numbered "1 ", "2 " (no stop).
    text = (
        "Din position: Hem > Ekby kommun > Kommunfullmäktige > Sammanträde 2022-11-24\n\n"
        "Sammanträde 2022-11-24\n\n5 Val till nämnder och styrelser\n\nDnr 2022/KS 0312 001\n\n"
        "Kommunfullmäktiges förslag till beslut\n1 Kommunfullmäktige väljer revisorer för "
        "mandatperioden 2023-2026 enligt\nlämnat förslag.\n2 Kommunfullmäktige väljer "
        "ledamöter och ersättare till kommunstyrelsen.\n\nBeskrivning av ärendet\n"
        "Valberedningen redovisar sitt förslag.\n"
    )
    assert [t for _, t in _points(text)] == [
        "Kommunfullmäktige väljer revisorer för mandatperioden 2023-2026 enligt lämnat förslag.",
        "Kommunfullmäktige väljer ledamöter och ersättare till kommunstyrelsen.",
    ]


def test_a_motions_proposer_on_a_line_over_its_capitalised_att_clauses() -> None:
    text = (
        "Motion om cykelväg till sjön\n\nVägrenen är farlig för barn.\n\n"
        "Ekbydemokraterna föreslår\n\n \n\nAtt kostnaderna för en cykelväg utreds.\n\n"
        "Att motionen skickas till budgetberedningen.\n\nAnna Ek\n"
    )
    assert _points(text) == [
        ("förslag", "Att kostnaderna för en cykelväg utreds."),
        ("förslag", "Att motionen skickas till budgetberedningen."),
    ]


def test_a_permit_given_is_a_proposal_under_its_heading() -> None:
    text = (
        "Sammanträde 2023-06-28\n\n1 Planbesked för fastigheten Ekby 1:12\n\n"
        "Stadsbyggnadsutskottets förslag till beslut\n- Negativt planbesked ges för "
        "fastigheten Ekby 1:12.\n\nBeskrivning av ärendet\nÄgaren begärde planbesked i mars.\n"
    )
    assert ("förslag", "Negativt planbesked ges för fastigheten Ekby 1:12.") in _points(text)


def test_a_news_pages_items_between_dash_lines_each_without_its_title() -> None:
    text = (
        "Beslut i korthet\nHär tar du del av ett urval av aktuella politiska beslut.\n-\n"
        "Plan för nya bostäder vid sjön\nKommunstyrelsen har gett förvaltningen i uppdrag att "
        "göra ett planprogram för området. Programmet ska visa områdets möjligheter.\n-\n"
        "Avgifter för att hyra kommunens lokaler\nKommunfullmäktige beslutade den 17 oktober om "
        "nya avgifter för bokning av gymnastiksalar.\n-\nDetaljplan för förskolan\nDen 19 "
        "september antog kommunfullmäktige detaljplanen för förskolan.\n"
    )
    texts = [t for _, t in _points(text)]
    assert texts == [
        "Kommunstyrelsen har gett förvaltningen i uppdrag att göra ett planprogram för området.",
        "Kommunfullmäktige beslutade den 17 oktober om nya avgifter för bokning av gymnastiksalar.",
        "Den 19 september antog kommunfullmäktige detaljplanen för förskolan.",
    ], texts


def test_a_councils_rad_decides_in_its_own_minutes() -> None:
    # A råd (tillgänglighetsrådet, pensionärsrådet) keeps minutes of its own.
    sentence = "Tillgänglighetsrådet tackar för informationen."
    assert _found(sentence) == [(sentence, "beslut")]


def test_a_news_pages_bulleted_points_after_beslutade_aven_att() -> None:
    text = (
        "Kommunstyrelsen i korthet 6 februari 2024\n\nPublicerad: 9 februari 2024\n\n"
        "Kommunstyrelsen beslutade även att\n\n • godkänna patientsäkerhetsberättelsen för "
        "2023\n • avslå ansökan om planbesked för Ekby 1:12\n • anta riktlinjer för "
        "försörjningsstöd 2024.\n"
    )
    assert [t for _, t in _points(text)] == [
        "godkänna patientsäkerhetsberättelsen för 2023",
        "avslå ansökan om planbesked för Ekby 1:12",
        "anta riktlinjer för försörjningsstöd 2024.",
    ]


def test_bulleted_points_after_an_inverted_subject_and_an_adverb() -> None:
    # "På mötet beslutade fullmäktige bland annat att" over its bullets: the points are the
    # decisions, the lead sentence (ending in the first bullet's mark) is none.
    text = (
        "Beslut i fullmäktige\n\nHär kan du läsa om några av besluten från mötet den 3 mars.\n\n"
        "På mötet beslutade fullmäktige bland annat att\n\n • anta en plan för friluftslivet "
        "2024–2028\n • godkänna förslaget och anta detaljplanen för Norra hamnen\n\n"
        "Valärenden\n"
    )
    assert [t for _, t in _points(text)] == [
        "anta en plan för friluftslivet 2024–2028",
        "godkänna förslaget och anta detaljplanen för Norra hamnen",
    ]


def test_the_persons_a_council_elects_in_a_bulleted_list() -> None:
    text = (
        "Kommunfullmäktiges beslut den 19 december 2016\n\nValärenden\n\n"
        "Kommunfullmäktige väljer \n\n • Anna Ek (S) som ny ersättare i bildningsnämnden "
        "efter Per Berg (S), som entledigas\n • Lars Ek (M) som ny ledamot i "
        "kulturnämnden efter Eva Holm (M), som entledigas\n\nÖversiktsplan 2030\n\n"
        "Kommunfullmäktige beslutar enligt följande:\n\n 1. Kommunfullmäktige antar "
        "översiktsplanen.\n"
    )
    assert [t for _, t in _points(text)] == [
        "Anna Ek (S) som ny ersättare i bildningsnämnden efter Per Berg (S), som entledigas",
        "Lars Ek (M) som ny ledamot i kulturnämnden efter Eva Holm (M), som entledigas",
        "Kommunfullmäktige antar översiktsplanen.",
    ]


def test_a_news_pages_numbered_points_after_beslutade_bl_a_foljande() -> None:
    text = (
        "KS 4 maj 2021\n\nKommunstyrelsen beslutade bl a följande vid sitt sammanträde den "
        "4 maj:\n\n1. Att anta ny taxa för bygglov. Taxan höjs med tre procent. Den gäller "
        "från den 1 juli.\n\n2. Att överlämna årsredovisningen till kommunfullmäktige.\n\n"
        "3. Att avge yttrande till Trafikverket över åtgärdsvalsstudien.\n\nAnna Ek\n"
        "Kommunstyrelsens ordförande\n"
    )
    points = [t for _, t in _points(text)]
    assert "Att anta ny taxa för bygglov." in points, points
    assert "Att överlämna årsredovisningen till kommunfullmäktige." in points, points
    assert "Att avge yttrande till Trafikverket över åtgärdsvalsstudien." in points, points


def test_a_sentence_on_a_points_line_keeps_its_bulleted_list_open() -> None:
    text = (
        "Ny avgift\n\nKommunstyrelsen föreslår kommunfullmäktige besluta:\n\n • Att införa en "
        "intern avgift på flygresor. Avgiften ska användas till klimatåtgärder.\n • Att "
        "avgiften ska fastställas av kommunstyrelsen.\n • Att uppdraget därmed är slutfört.\n"
    )
    assert [t for _, t in _points(text)] == [
        "Att införa en intern avgift på flygresor.",
        "Att avgiften ska fastställas av kommunstyrelsen.",
        "Att uppdraget därmed är slutfört.",
    ]


def test_a_decision_section_ends_at_the_next_items_case_number_line() -> None:
    text = (
        "Besluten som togs på fullmäktige\n\nKS/2022:15\n\nNy taxa\n\nKommunstyrelsen "
        "föreslår kommunfullmäktige besluta:\n\n • Att anta taxan.\n\nBeslut\n\nEnligt "
        "kommunstyrelsens förslag.\n\nKS/2022:33\n\nÅterrapportering av uppdrag om skolvägar\n\n"
        "Kommunstyrelsen föreslår kommunfullmäktige besluta:\n\n • Att godkänna "
        "återrapporteringen.\n\nBeslut\n\nEnligt kommunstyrelsens förslag.\n"
    )
    points = [t for _, t in _points(text)]
    assert "KS/2022:33" not in points, points
    assert "Återrapportering av uppdrag om skolvägar" not in points, points
    assert "Att godkänna återrapporteringen." in points, points


def test_an_agendas_next_item_is_no_point_of_the_proposal_before_it() -> None:
    text = (
        "11. Beslut om remiss\n\nFörslag till beslut\nRegionstyrelsen antar yttrandet. "
        "Yttrandet överlämnas till Länsstyrelsen.\n\n12. Utredningsuppdrag - Redovisa ett "
        "underlag för prioriteringar i länet.\n\nFörslag till beslut\nRegionstyrelsen "
        "godkänner redovisningen.\n"
    )
    points = [t for _, t in _points(text)]
    assert "Yttrandet överlämnas till Länsstyrelsen." in points, points
    assert not any(p.startswith("Utredningsuppdrag") for p in points), points


@pytest.mark.parametrize(
    ("sentence", "decides"),
    [
        ("Ärendet utgår.", True),
        ("Punkten utgår ur dagordningen.", True),
        ("Ärendet utgår från en motion av Anna Ek (S).", False),
        ("Eva Ek, s, och Per Holm, c, omväljs som ledamot respektive ersättare.", True),
        ("Preliminär föredragningslista med handlingar översändes härmed.", False),
    ],
)
def test_passives_of_minutes_and_a_notices_sending(sentence: str, decides: bool) -> None:
    assert bool(_found(sentence)) is decides


def test_a_long_news_item_title_is_cut_off_its_decision() -> None:
    text = (
        "Kommunfullmäktige i korthet\n\nNedan följer några av de beslut som togs under "
        "kommunfullmäktiges sammanträde den 30 september 2019.\n\nNy taxa för plan- och "
        "bygglovsverksamheten samt ny taxa för prövning, anmälan och tillsyn enligt miljöbalken\n"
        "Kommunfullmäktige beslutade att dessa nya taxor antas.\n"
    )
    assert "Kommunfullmäktige beslutade att dessa nya taxor antas." in [t for _, t in _points(text)]


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Sidan 3 av 26", True),
        ("Sidan 3 av 26 KOMMUNSTYRELSEN KS", True),
        ("Ordförandens och justerarens signaturer", True),
        # a flattened page that opens with its number is the page's text
        ("Sidan 3 av 26 Kommunstyrelsen beslutar att anta planen.", False),
    ],
)
def test_a_page_line_and_a_signature_label_are_furniture(line: str, furniture: bool) -> None:
    from extractors.document import is_furniture

    assert is_furniture(line) is furniture


def test_a_decision_told_as_earlier_is_no_decision_of_the_meeting() -> None:
    assert _found("Tidigare har kommunfullmäktige antagit en översiktsplan för staden.") == []
    assert _found("Kommunfullmäktige antar översiktsplanen för landsbygden.") != []


def test_a_web_pages_call_to_read_the_papers_is_no_decision_point() -> None:
    text = (
        "Kommunstyrelsen i korthet\n\nKommunstyrelsen beslutade att anta budgeten för 2018.\n\n"
        "Ta del av handlingar via länken till höger.\n"
    )
    points = [t for _, t in _points(text)]
    assert not any(p.startswith("Ta del av") for p in points), points


def test_a_notices_items_as_what_the_body_will_decide_are_proposals() -> None:
    text = (
        "Kallelse\n\nKommunstyrelsen kallas till sammanträde den 3 september 2024 kl. 9.00.\n\n"
        "1. Val av justerare\nKommunstyrelsen ska utse en justerare att jämte ordförande "
        "justera dagens protokoll.\n\n2. Godkännande av dagordning\nKommunstyrelsen ska "
        "godkänna dagordningen för dagens sammanträde.\n"
    )
    assert _points(text) == [
        (
            "förslag",
            "Kommunstyrelsen ska utse en justerare att jämte ordförande justera dagens protokoll.",
        ),
        ("förslag", "Kommunstyrelsen ska godkänna dagordningen för dagens sammanträde."),
    ]
    # elsewhere "ska" is what a body must do, not a proposal: a memo's background
    memo = "Tjänsteskrivelse\n\nKommunstyrelsen ska utse en ny ledamot efter valet."
    assert not [d for d in _points(memo) if d[1].startswith("Kommunstyrelsen ska")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Anna Lind (M) föreslås att jämte ordföranden justera protokollet.",
        "Till att justera mötets protokoll föreslås Per Holm (S).",
        "Som justerare föreslås Eva Berg (C).",
    ],
)
def test_a_notices_proposed_justerare_is_a_proposal(sentence: str) -> None:
    assert _points(f"Ärende 2\nVal av justerare\n{sentence}\n") == [("förslag", sentence)]


def test_a_proposal_in_the_passive_elsewhere_is_no_justerare() -> None:
    # "föreslås" alone is no point; only with its justering (or "föreslås besluta", read as before)
    assert _points("Ärende 4\nEn ny taxa föreslås av förvaltningen i höst.\n") == []


@pytest.mark.parametrize(
    ("sentence", "point"),
    [
        # a body that distributes its budget frame decides ("fördelar")
        (
            "Regionstyrelsen fördelar resterande ram på 12,5 mnkr till regionledningen.",
            "Regionstyrelsen fördelar resterande ram på 12,5 mnkr till regionledningen.",
        ),
        # the chair's finding: the decision starts at its lower-case subject
        (
            "Ordföranden frågar på vart och ett av yrkandena och finner att kommunstyrelsen "
            "bifaller arbetsutskottets förslag.",
            "kommunstyrelsen bifaller arbetsutskottets förslag.",
        ),
    ],
)
def test_a_budget_distributed_and_the_chairs_finding(sentence: str, point: str) -> None:
    assert _found(sentence) == [(point, "beslut")]


def test_a_sentence_that_confirms_the_decision_before_it() -> None:
    text = (
        "Nytt parkeringshus\n\nBudgeten för parkeringshuset vid sjukhuset utökas nu med 40 "
        "miljoner kronor. Det har regionfullmäktige beslutat. Orsaken är kraftiga prisökningar.\n"
    )
    # (the point holds the confirmation too: who decided)
    assert _points(text) == [
        (
            "beslut",
            "Budgeten för parkeringshuset vid sjukhuset utökas nu med 40 miljoner kronor. Det "
            "har regionfullmäktige beslutat.",
        )
    ]


def test_a_proposal_heading_flattened_onto_its_wording_whatever_the_verb() -> None:
    text = (
        "Förslag till beslut Kommunstyrelsens förslag till kommunfullmäktige Norrby kommun, som "
        "mottagit förfrågan om förvaltningen av stiftelsen, avstår från att acceptera erbjudandet."
    )
    assert _found(text) == [
        (
            "Norrby kommun, som mottagit förfrågan om förvaltningen av stiftelsen, avstår från att "
            "acceptera erbjudandet.",
            "förslag",
        )
    ]


def test_a_perfect_with_its_date_inside_cites_an_earlier_decision() -> None:
    text = "Nämnden har den 28 augusti 2018, § 5, beslutat att inte invända mot förslaget."
    assert _found(text) == []


def test_the_municipality_itself_as_the_minutes_subject() -> None:
    sentence = "Norrby kommun avskriver 120 000 kronor på lån som redovisas i bilaga 1."
    assert _found(sentence) == [(sentence, "beslut")]
    # not in a report of decisions, where the municipality's doings are the news' background
    assert _found("Norrby kommun beviljar bidrag till föreningar varje år.", report=True) == []


def test_a_news_pages_decision_section_ends_at_the_next_items_title() -> None:
    text = (
        "Referat från kommunfullmäktiges sammanträde 21 mars 2019\n\n"
        "Motion om minnesstenar\n\nEva Ek (SD) har lämnat in en motion om minnesstenar.\n\n"
        "Kommunfullmäktiges beslut\nMotionen remitteras till kommunstyrelsen.\n\n"
        "Motion om arbetskläder i förskolan\n\nPer Lund (SD) har lämnat in en motion om "
        "arbetskläder.\n"
    )
    assert [t for _, t in _points(text)] == ["Motionen remitteras till kommunstyrelsen."]


def test_a_news_pages_bulleted_decision_ends_before_the_paragraph_after_it() -> None:
    text = (
        "Sammanfattning från kommunfullmäktige 12 december\n\nUnder måndagen hölls årets sista "
        "kommunfullmäktigemöte. Nedan kan ni ta del av besluten.\n\nBudget 2023\n\nBeslut:\n\n"
        " • Fastställa budget till 2023 med inriktningsmål.\n"
        " • Fastställa internräntan 2023 till 1 procent.\n"
        " • Kommunfullmäktige beslutar att ingå borgen för bolagets lån upp till 11 625 000 "
        "kronor.\n\nBudgetdokumentet är ett av de viktigaste dokumenten som tas fram varje år.\n"
    )
    assert [t for _, t in _points(text)] == [
        "Fastställa budget till 2023 med inriktningsmål.",
        "Fastställa internräntan 2023 till 1 procent.",
        "Kommunfullmäktige beslutar att ingå borgen för bolagets lån upp till 11 625 000 kronor.",
    ]


def test_every_sentence_of_an_agendas_proposal_is_proposed() -> None:
    text = (
        "Regionstyrelsen 2018-10-31\n\nFöredragningslista\n\n1. Godkännande av "
        "föredragningslistan\n\n8. Yttrande över betänkandet En lärande tillsyn\nDiarienummer "
        "180569\n\nFörslag till beslut\nRegionstyrelsen antar redovisat yttrande som sitt "
        "remissvar. Yttrandet lämnas till Finansdepartementet.\n\nParagrafen förklaras "
        "omedelbart justerad.\n\n9. Yttrande över remiss om läsning\n"
    )
    assert [t for _, t in _points(text)] == [
        "Regionstyrelsen antar redovisat yttrande som sitt remissvar.",
        "Yttrandet lämnas till Finansdepartementet.",
        "Paragrafen förklaras omedelbart justerad.",
    ]


def test_a_motions_yrkar_att_over_bulleted_points() -> None:
    text = (
        "Motion om fler ledamöter i fullmäktige\n\nBefolkningen ökar.\n\nVänsterpartiet yrkar att"
        "\n\n  • kommunen begär att fullmäktiges ledamöter vid nästa val ökas till 41 ledamöter.\n"
    )
    assert _points(text) == [
        (
            "förslag",
            "kommunen begär att fullmäktiges ledamöter vid nästa val ökas till 41 ledamöter.",
        )
    ]


def test_a_document_sites_proposal_title_over_the_minutes_cover_is_no_section() -> None:
    text = (
        "Kommunstyrelsens förslag till kommunfullmäktige\n\nFull text\n\n(1)\n\n"
        "Plats och tid Stadshuset, kl. 08:15 – 10:40\n\nBeslutande Anna Ek (S) ordförande, "
        "Per Lund (M)\n\nUtses att justera Per Lund (M)\n\nParagrafer §44 - §65\n\n"
        "Justeringen har tillkännagivits genom anslag\n"
    )
    assert not any("Plats och tid" in t or "Beslutande" in t for _, t in _points(text))


def test_any_utskott_of_a_board_as_the_subject() -> None:
    text = (
        "Protokoll\n\n§ 1 Val av justerare\n\nKommunstyrelsens ledningsutskott beslutar att "
        "jämte ordföranden utse Per Lund (S) att justera protokollet.\n"
    )
    assert _points(text) == [
        (
            "beslut",
            "Kommunstyrelsens ledningsutskott beslutar att jämte ordföranden utse Per Lund (S) "
            "att justera protokollet.",
        )
    ]


@pytest.mark.parametrize(
    ("text", "points"),
    [
        # the motion's own inline proposal
        (
            "Motion om oppositionsråd\n\nInget parti gör anspråk på posten.\n\nVi yrkar därför "
            "att medlen återförs till äldreomsorgen.\n\nNorrby 2024-12-15\n",
            ["Vi yrkar därför att medlen återförs till äldreomsorgen."],
        ),
        # a party's whole name before the colon over its att-clauses
        (
            "Motion om sommarlunch\n\nDetta bör utredas.\n\nDärför föreslår Partiet Sans o "
            "Balans i Norrby fullmäktige:\n\nAtt kommunen utreder hur skollunch kan serveras.\n\n"
            "Att kommunen prövar det ett sommarlov.\n",
            [
                "Att kommunen utreder hur skollunch kan serveras.",
                "Att kommunen prövar det ett sommarlov.",
            ],
        ),
    ],
)
def test_a_motions_inline_yrkande_and_a_long_party_name(text: str, points: list[str]) -> None:
    assert _points(text) == [("förslag", p) for p in points]


def test_members_additional_proposals_reported_over_bullets() -> None:
    text = (
        "Uppsnabbat från regionfullmäktige\n\nBudget fastställd\n\nRegionfullmäktige "
        "fastställde budgeten.\n\n(S) lämnade tilläggsyrkanden om att\n\n • inrätta en "
        "kompetensfond inom regionen\n • avsätta 10 miljoner kronor för arbetsskor.\n"
    )
    assert [p for p in _points(text) if p[0] == "förslag"] == [
        ("förslag", "inrätta en kompetensfond inom regionen"),
        ("förslag", "avsätta 10 miljoner kronor för arbetsskor."),
    ]


def test_a_notices_candidates_proposed_for_a_post_by_name_and_party() -> None:
    text = (
        "Kallelse till regionfullmäktige\n\nÄrenden:\n\n • Val av presidium i regionstyrelsen. "
        "Till ordförande föreslås Anna Ek (M), Per Lund (KD) till 1:e vice ordförande.\n"
    )
    assert _points(text) == [
        ("förslag", "Till ordförande föreslås Anna Ek (M), Per Lund (KD) till 1:e vice ordförande.")
    ]
    # "föreslås" before anything else than a person stays no point of its own
    assert _found("Ärendet föreslås bli behandlat i juni.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Kommunfullmäktige noterade informationen och lade rapporten till handlingarna.",
        "Nämndens budgetram utökas med 1,5 miljoner kronor från och med år 2025.",
    ],
)
def test_a_news_pages_noting_and_a_budget_widened(sentence: str) -> None:
    assert _found(sentence, report=True) == [(sentence, "beslut")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Protokollet justeras digitalt senast den 19 december 2024.",
        "Justering sker digitalt senast den 29 september 2024.",
    ],
)
def test_the_justerings_time_set_by_the_meeting(sentence: str) -> None:
    assert _found(sentence) == [(sentence, "beslut")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Länsstyrelsen avvisar begäran om att utse ny ersättare.",
        "Länsstyrelsen meddelar i protokoll den 24 oktober 2024 att Eva Ek (C) utses till "
        "ledamot i Per Lunds (C) ställe.",
    ],
)
def test_a_state_agencys_decision_told_in_a_notice_is_none_of_the_meetings(sentence: str) -> None:
    assert _found(sentence) == []


def test_a_verdict_on_the_proposal_before_it_and_a_confirmation_in_a_report() -> None:
    text = (
        "Uppsnabbat från regionfullmäktige\n\nLänsplanen godkänd\n\nRegionfullmäktige godkände "
        "länsplanen.\n\n(MP) lämnade ett eget förslag till länsplan. Detta avslogs. (V) lämnade "
        "flera yrkanden. Dessa avslogs.\n\nÄndrad organisation\n\nRegionens politiska "
        "organisation ändras från den 1 januari 2025. Det beslutade regionfullmäktige.\n"
    )
    assert [t for _, t in _points(text)] == [
        "Regionfullmäktige godkände länsplanen.",
        "(MP) lämnade ett eget förslag till länsplan. Detta avslogs.",
        "(V) lämnade flera yrkanden. Dessa avslogs.",
        "Regionens politiska organisation ändras från den 1 januari 2025. Det beslutade "
        "regionfullmäktige.",
    ]


def test_bulleted_points_after_beslutade_om_and_att_utse_with_sentences_between() -> None:
    text = (
        "Beslut i fullmäktige\n\nUnder mötet beslutade politikerna bland annat om\n\n"
        " • utträde ur Inköpssamverkan Mitt\n • reglemente för krisledningsnämnden\n\n"
        "Valärenden\n\nKommunfullmäktige beslutade att utse\n\n"
        " • Eva Ek (V) till ny ledamot i Omsorgsnämnden. Hon ersätter Per Lund (V) som har "
        "avsagt sig uppdraget.\n"
        " • Anna Berg (SD) till ny ledamot i kommunstyrelsen.\n"
    )
    assert [t for _, t in _points(text)] == [
        "utträde ur Inköpssamverkan Mitt",
        "reglemente för krisledningsnämnden",
        "Eva Ek (V) till ny ledamot i Omsorgsnämnden.",
        "Anna Berg (SD) till ny ledamot i kommunstyrelsen.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Priserna höjs den 1 februari 2025 med i genomsnitt 9,3 procent.",
        "1,5 miljoner kronor satsas på yrkesutbildningar till bristyrken.",
        "Ett personalutskott inrättas till regionstyrelsen.",
    ],
)
def test_a_news_pages_raised_prices_and_money_spent(sentence: str) -> None:
    assert _found(sentence, report=True) == [(sentence, "beslut")]


def test_a_reports_past_passive_with_a_long_subject() -> None:
    sentence = (
        "En lokal rutin för hur omvårdnadspersonal ska agera vid misstanke om våld i nära "
        "relationer mot äldre antogs också."
    )
    assert _found(sentence, report=True) == [(sentence, "beslut")]
    # outside a report the long subject stays background
    assert _found(sentence) == []
