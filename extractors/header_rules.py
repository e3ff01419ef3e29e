"""Rule data for reading a document's head: its type, its issuing body and its dates.

Data only (the code is `extractors.header`), in the spirit of spaCy's ``lang/`` files: the
words Swedish municipalities and regions put at the top of their documents, gathered from the
types the product brief lists and checked against the ``tune`` part of the municipalities
corpus (see `diarium.evaluate_written`).
"""

from __future__ import annotations

#: Cue patterns per document type, strongest evidence first within each type. A cue counts
#: where it occurs in the head (the first `HEAD_CHARS` characters); the type whose cue comes
#: earliest wins, except that a cue of higher `TYPE_PRIORITY` anywhere in the first
#: `PRIORITY_CHARS` characters beats a weaker one (a beslut-i-korthet page links the protokoll;
#: a kallelse lists "Justering av protokoll").
#: The opening of a notice: "Kommunfullmäktige kallas till sammanträde", "kallas härmed till
#: extra sammanträde". Also the strongest kallelse cue (`extractors.document_head`).
CALLED_TO_MEETING = r"kallas (?:härmed )?till (?:\w+ )?sammanträde"

#: Before a report's name, the preposition that makes it an item's object, not the page's
#: title: "Godkännande av årsredovisning 2016 för samordningsförbundet" in a council's news
#: of its agenda, "Fullmäktige med delårsbokslut" over a notice, "bedömning av delårsrapport".
_OBJECT_PREPOSITIONS = ("av", "med", "om", "över")


def not_an_items_object(word: str) -> str:
    """The cue `word`, not after a preposition that makes it an item's object. The guards
    stand after the word: a pattern that opens with look-behinds is tried at every position of
    the head, one that opens with its word only where the word is.

    >>> import re
    >>> cue = not_an_items_object("dagordning")
    >>> [bool(re.search(cue, t)) for t in ("dagordning 2023-05-02", "godkännande av dagordning")]
    [True, False]
    """
    return rf"\b{word}\b" + "".join(rf"(?<!\b{p} {word})" for p in _OBJECT_PREPOSITIONS)


#: The word "protokoll" anywhere in the head: the weakest sign of minutes (a news page's prose
#: names the protokoll too), kept apart from `STRONG_PROTOKOLL_CUES`.
BARE_PROTOKOLL_CUE = r"(?<!och )(?<!samt )(?<!eller )\bprotokoll\b"

#: An attendance list: names with party tags ("Martina Bach (fp) Hans Raita (m)"). The weakest
#: sign of minutes: a notice names those proposed for a post so too ("Till ordförande föreslås
#: Mikael Johansson (M), Anna Zelvin (KD) till 1:e vice ordförande").
MEMBER_LIST_CUE = r"(?:[A-ZÅÄÖ][\w-]+ [A-ZÅÄÖ][\w-]+,? \([A-Za-zÅÄÖåäö]{1,3}\),?\s+){2}"

#: A council's or board's abbreviation that dates a meeting right before the date ("i KS den
#: 26 november 2020"), case-sensitive (`MEETING_DATE_LABELS`, `extractors.header`).
MEETING_BODY_LETTERS = r"K[SF]|R[SF]"

#: A municipality's news page by its dateline ("Artikeln publicerades 4 september 2020",
#: "Nyhet 2016-02-24", "Publicerad: 17 sep 2019"): in the sets gathered for issue 13 such a
#: page reports a meeting or its decisions, unless it announces one (`NOTICE_OF_MEETING`).
NEWS_PAGE_CUE = r"^\W*(?:artikeln publicerades|nyhet(?:er)?\s+\d{4}-\d\d-\d\d|publicerad:?\s+\d)"

#: The heading of a site's list of news items ("Nyheter", "Nyheter och pressmeddelande",
#: "Här hittar du våra nyheter från de senaste 60 dagarna"): all six such pages in the sets
#: read so far that tell of a decision are beslutsreferat, whatever their items announce.
NEWS_LIST_HEADING = (
    r"(?i)^\W*(?:nyheter|nyhetsarkiv|aktuellt|senaste nytt|pressmeddelanden?)\b"
    r"|\bhär hittar du (?:våra|alla|de senaste) nyheter\b"
)

#: A news page's invitation to a coming meeting: "Välkommen till kommunfullmäktige 23 april",
#: "Kommunfullmäktige sammanträder …", "… kallas till sammanträde".
NOTICE_OF_MEETING = (
    r"(?i)\b(?:välkommen till (?:\w+ )?\w*(?:fullmäktige|styrelsen|nämnden)s?\b|"
    r"\w*(?:fullmäktige|styrelsen|nämnden) sammanträder\b|"
    # (the verb first after a time: "Den 30 november klockan 9 sammanträder regionfullmäktige")
    r"\bsammanträder (?:\w+ )?\w*(?:fullmäktige|styrelsen|nämnden)\b|" + CALLED_TO_MEETING + ")"
)

#: The meeting told of as held: a news page titled "Regionfullmäktige sammanträder" over "Under
#: onsdagen sammanträdde regionfullmäktige" reports it, it does not announce it.
MEETING_HELD = r"(?i)\bsammanträdde\b|\bhar sammanträtt\b"

#: "Ärenden" over a list of items, a notice's cue (not a news page's "Ärenden till
#: regionfullmäktige" over the items a board sent on); minutes list theirs so too.
ITEMS_HEADING = r"^\W*ärenden\b(?! till [\w -]{0,30}?(?:fullmäktige|styrelsen)[ \t]*$)"

TYPE_CUES: dict[str, tuple[str, ...]] = {
    "protokollsutdrag": (
        r"protokollsutdrag",
        # "PROTOKOLL UTDRAG" in a letterhead, the two words apart
        r"\bprotokoll utdrag\b",
        r"utdrag ur (?:sammanträdes|möte?s)?protokoll",
        r"utdrag ur [\w -]{0,40}protokoll",
        r"\bprotokollsutdrag\b",
        r"rätt utdraget (?:intygar|betygar)",
        r"utdrag(?:et)? bestyrk(?:es|s)",
    ),
    "beslutsreferat": (
        r"beslut i korthet",
        r"nyheter i korthet",
        r"sammanfattning av (?:mötets |några av (?:de )?)?beslut",
        # "Här följer kortfattad information från kommunstyrelsens sammanträde",
        # "Information från tisdagens kommunstyrelsesammanträde" as a page's title.
        r"\bkortfattad information från\b",
        r"^\W*information från (?:\w+ )?\w*(?:sammanträde|sammanträdet|mötet)\b",
        r"\bbeslutade medborgarförslag",
        r"fullmäktigebeslut\b",
        r"följande (?:ärenden|beslut) (?:beslutades|fattades)",
        r"fattade följande beslut",
        r"redogör kortfattat för [\w ]{0,40}beslut",
        r"pressmeddelande",
        r"\bbeslut om \w+ medborgarförslag",
        r"här är (?:några av )?besluten",
        r"här är några beslut (?:från|som)\b",
        r"några av (?:de )?besluten",
        r"\bbeslutade ärenden\b",
        r"\bnyheter från (?:kommun|region|landstings)\w*",
        r"\bbeslutsreferat\b",
        r"\b(?:kortfattat|kort) om (?:besluten|beslut)\b",
        r"\bbesluten från\b",
        r"(?:fullmäktige|styrelsen|nämnden) i korthet\b",
        # A news item on a meeting's decision: "Vid kommunfullmäktiges sammanträde den 23
        # februari 2015 beslutades att ...".
        r"\bvid \w*(?:fullmäktiges|styrelsens|nämndens) (?:sammanträde|möte)\b[^.\n]{0,40}"
        r"\bbeslut(?:ades|ade)\b",
        r"\b(?:några av )?(?:de )?ärenden(?:a)? som behandlades\b",
        # "Beslut från kommunfullmäktige 13 juni 2019", "Här är ett urval av de beslut ...".
        r"^\W*beslut från (?:kommun|region|landstings)?\w*(?:fullmäktige|styrelsen|nämnden)\b",
        # "Beslut på kommunfullmäktiges decembermöte", "Beslut från kommunstyrelsens sammanträde"
        r"^\W*beslut (?:på|från|vid) (?:\w+ )?\w*(?:fullmäktiges|styrelsens|nämndens) \w*(?:möte|sammanträde)t?\b",
        r"\burval av (?:de )?beslut\b",
        # A web page's summary of a meeting: "Sammanfattning av kommunfullmäktige 26 januari",
        # "Sammanfattning från kommunfullmäktiges sammanträde".
        # "Sammanfattning: Kommunfullmäktige den 25 maj", "Referat från kommunfullmäktiges
        # sammanträde 21 mars 2019".
        r"^\W*(?:sammanfattning|referat)(?: av| från|:) (?:\w+ ){0,2}?\w*(?:fullmäktige|styrelse|nämnd)\w*",
        r"\bfattades bland annat beslut\b",
        # A board's news page: "Regionstyrelsen 6 februari 2024 / Ärenden till
        # regionfullmäktige / 1. Organisering av ..." (an agenda writes "Ärenden:" or numbers).
        r"^\W*ärenden till [\w -]{0,30}?(?:fullmäktige|styrelsen)[ \t]*$",
        # A web page's report of a meeting: "Vid sammanträdet den 31 oktober behandlades bland
        # annat följande ärenden", "Beslutat av kommunfullmäktige 28/1", "Kortfattat:
        # Regionstyrelsen ...", "Regionstyrelsen har sammanträtt", "Nyhetsnotiser från ...".
        r"\bvid sammanträdet\b[^.\n]{0,40}\bbehandlades\b[^.\n]{0,30}\bföljande ärenden\b",
        r"^\W*beslutat av (?:\w+ )?\w*(?:fullmäktige|styrelsen|nämnden)\b",
        # "Nu kan du läsa snabbreferatet från mötet", "Här är kort om vilka beslut som
        # fattades", "Detta är en sammanfattning av vad som har beslutats", a page headed
        # "Beslut i kommunfullmäktige 8 maj" or "Kommunstyrelsens beslut den 29 november 2017".
        r"\bsnabbreferat",
        # "Rapport från Kommunfullmäktige 27/4": a party's or a site's report of the meeting.
        r"^\W*rapport från (?:kommun|region|landstings)?\w*(?:fullmäktige|styrelsen|nämnden)\b",
        r"\bvilka beslut som (?:fattades|togs)\b",
        r"\bsammanfattning av vad som (?:har )?beslutats\b",
        r"^\W*beslut i (?:kommun|region|landstings)?\w*(?:fullmäktige|styrelsen|nämnden)\b",
        r"^\W*(?:kommun|region|landstings)(?:fullmäktiges|styrelsens) beslut den \d",
        r"^\W*kortfattat: ",
        r"^\W*\w*(?:fullmäktige|styrelsen|nämnden) har sammanträtt\b",
        r"\bnyhetsnotiser från\b",
        # A page that tells of a past meeting: "Nedan kan du läsa vad politikerna bestämde",
        # "På mötet behandlades bland annat budget".
        r"\bvad (?:politikerna|ledamöterna|\w*(?:fullmäktige|styrelsen|nämnden)) (?:bestämde|beslutade|beslöt)\b",
        r"\bpå (?:mötet|sammanträdet) behandlades\b",
        # "KSAU sammanträdde den 7 februari och behandlade bland annat följande ärenden",
        # Region Uppsala's "Uppsnabbat regionfullmäktige 18-19 juni 2018".
        r"\bbehandlade bland annat\b",
        r"^\W*uppsnabbat\b",
        # "På måndagens kommunfullmäktigesammanträde antogs …": a past meeting told by its
        # weekday, as news does (a notice names the date it calls to).
        r"\bpå (?:(?:mån|tis|ons|tors|fre)dagens|gårdagens) \w*(?:sammanträde|möte|fullmäktige)\w*",
        # "Läs om dessa beslut och ytterligare 31 som kommunstyrelsens arbetsutskott tagit på
        # sitt sammanträde", "Besluten som togs på fullmäktige", "en kort sammanställning över
        # kommunfullmäktiges beslut", "rapporteringen … är inte ett justerat protokoll".
        r"\b(?:tagit|fattat) på sitt (?:sammanträde|möte)\b",
        r"^\W*besluten som (?:togs|fattades)\b",
        # a page headed "Så beslutade kommunfullmäktige den 17 oktober"
        r"^\W*så beslutade\b",
        r"\bsammanställning över [\w ]{0,40}?beslut\b",
        r"\binte (?:är )?ett justerat protokoll\b",
        # "Här är ett antal beslut i urval:", "Om du vill läsa hela protokollet, klicka här."
        r"\bbeslut i urval\b",
        r"\bom du vill läsa (?:hela )?protokollet\b",
        r"\burval av (?:de )?(?:politiska )?besluten\b",
        r"\bsammanfattning av (?:samtliga|alla) ärenden\b",
        # A municipality's news page ("Artikeln publicerades 4 september 2020", "Nyhet
        # 2016-02-24", "Publicerad: 17 sep 2019"): in the sets gathered for issue 13 such a
        # page is a report of a meeting or its decisions (14 of 15).
        NEWS_PAGE_CUE,
    ),
    "delegationsbeslut": (
        r"delegationsbeslut",
        r"anmälan av delegeringsbeslut",
        r"redovisning av delegeringsbeslut",
        r"meddelanden\s+ärendebeskrivning",
    ),
    "förteckning": (
        r"^\s*(?:motioner|medborgarförslag|interpellationer)\s*$",
        r"förteckning över (?:motioner|medborgarförslag)",
        # A council's page of a year's motions: "Motioner 2020", "en kort sammanfattning av
        # alla motioner som har lämnats in under 2021".
        r"^\s*(?:motioner|interpellationer)\s+(?:19|20)\d\d\s*$",
        r"\bsammanfattning av (?:alla )?(?:motioner|interpellationer|medborgarförslag)\b",
        r"här (?:kan du se|ser du) (?:vilka|alla)(?: inkomna)? (?:motioner|medborgarförslag)",
    ),
    "kallelse": (
        # A notice's opening in the present tense: "Kommunfullmäktige sammanträder tisdagen
        # den 28 maj 2019 … för att behandla följande ärenden" (a report writes "sammanträdde").
        r"\bsammanträder\b[^.\n]{0,160}\bföljande ärenden\b",
        r"^\W*\w*(?:fullmäktige|styrelsen|nämnden|utskottet) sammanträder\b",
        # Not the minutes' own first item: "Kallelse till detta sammanträde har utfärdats",
        # "... har utfärdats kallelse enligt bilaga 27 till detta protokoll".
        # Not a mention of one: "i enlighet med utskickad kallelse".
        r"(?<!utfärdats )(?<!utfärdat )(?<!utskickad )(?<!utsänd )\bkallelse\b"
        r"(?!\s+till detta sammanträde)",
        CALLED_TO_MEETING,
        # (not the minutes' own opening: "Enligt utfärdad kungörelse … sammanträder
        # landstingsfullmäktige denna dag")
        r"(?<!utfärdad )(?<!utsänd )(?<!utskickad )\bkungörelse\b",
        r"handlingar och ärendelista",
        r"ärenden enligt (?:lista|följande förteckning)",
        r"\bsammanträdeshandlingar\b",
        r"inget protokoll har publicerats",
        ITEMS_HEADING,
        # A Meetings Plus agenda page: "Ärende" over its numbered items.
        r"^\W*ärende\s*\n\s*1\.?\s",
        # The first items of a numbered agenda on lines of their own ("1 Upprop", "2 Godkännande
        # av dagordningen"); minutes number them with §.
        r"^\W*\d{1,2}\.?[ \t]+(?:upprop|godkännande av (?:föredragningslista|dagordning))",
        r"(?:^|\s)1\.?\s+justering av protokoll",
        # an agenda item, numbered without § ("2 Val av justerare", "3 Utseende av två justerare")
        r"^[ \t]*\d{1,2}\.?[ \t]+(?:val|utseende) av (?:två )?justerare\b",
        # A notice's promise to the public: "Mötet är öppet för allmänheten" (minutes write
        # "var öppet").
        r"\b(?:mötet|sammanträdet) är öppet för allmänheten\b",
        # What a meeting will do, told before it: "Här kan du ta del av ärenden som behandlas
        # vid kommunstyrelsens informationssammanträde", "Kommunstyrelsen ska utse en justerare
        # att jämte ordförande justera dagens protokoll" (a meeting page's first item).
        r"\bärenden(?:a)? som (?:ska )?behandlas\b",
        r"^\W*\w*(?:fullmäktige|styrelsen|nämnden|utskottet) ska (?:utse|godkänna|välja)\b",
    ),
    # (not an item's object: "Sammanträdet öppnas, val av justerare, godkännande av dagordning")
    "föredragningslista": (
        not_an_items_object("föredragningslista"),
        not_an_items_object("dagordning"),
        not_an_items_object("ärendelista"),
    ),
    "protokoll": (
        r"sammanträdesprotokoll",
        r"mötesprotokoll",
        BARE_PROTOKOLL_CUE,
        r"justerandes sign",
        r"utses att justera",
        r"justeringens (?:plats|tid)",
        r"(?<!högsta )\bbeslutande(?: ledamöter)?\b(?! församling| organ)",
        r"\bparagrafer\s+\d",
        r"tid och plats för sammanträdet",
        r"övriga (?:närvarande|deltagande|deltagare)",
        r"(?:närvarande|tjänstgörande) ersättare",
        # "Justerare Anna Ek", not an agenda's "Val av justerare".
        r"(?<!val av )(?<!utse )(?<!utseende av )\bjusterare\b",
        r"\butdragsbestyrkande\b",
        # What the minutes tell of the meeting's opening, in the past tense (an agenda lists
        # "Sammanträdets öppnande, val av justerare"): "Ordföranden öppnade sammanträdet",
        # "Upprop vidtogs", "Anna Ek utsågs att jämte ordföranden justera dagens protokoll".
        r"\b(?:öppnade|förklarade) (?:\w+ )?sammanträdet\b",
        r"\bupprop (?:vidtogs|förrättades|hölls)\b",
        r"\butsågs att (?:jämte ordförande\w* )?justera\b",
        # "Se bilagd närvarolista", "Beslutande: enligt närvarolista" (in all 11 heads of the
        # sets that carry it, minutes; a notice has no attendance).
        r"\bnärvarolista\b",
        # A list of items headed by their paragraph: "Paragraf nr Ärenderubrik", "Paragraf
        # 46–58", "Paragraf Ärendelista 22 ..." (a notice numbers items, not paragraphs).
        r"(?-i:\bParagraf)(?:\s+nr)?\s+(?:\d|Ärende)",
        MEMBER_LIST_CUE,
    ),
    "tjänsteskrivelse": (
        r"\btjänsteskrivelse\b",
        r"\btjänsteutlåtande\b",
        # A memo for an information item: "Informationsärende Sida 1(5) Kommunledningsförvaltningen"
        r"^\W*informationsärende\b",
        r"^\W*\d*\s*beslutsunderlag\b",
        # The same word in capitals inside a flattened letterhead ("Ledningsenhet
        # BESLUTSUNDERLAG Landstingsfullmäktige"); in lower case it is any memo's word.
        r"(?-i:\bBESLUTSUNDERLAG\b)",
        # So is "SKRIVELSE" in a flattened letterhead ("Landstingsrådsberedningen SKRIVELSE LS
        # Landstingsstyrelsen Motion 2016:28 …"): the memo of a beredning to its board.
        r"(?-i:\bSKRIVELSE\b)",
        r"^\W*underlag för beslut\b",
        # a numbered utlåtande or promemoria at the head ("Utlåtande 2017:19 RI", "PM 2016:122")
        r"^\W*\d*\s*(?:utlåtande|pm|promemoria) (?:19|20)\d\d:\d+",
        # a letterhead with a handläggare and a proposal for the body to decide
        r"\bhandläggare\b(?=[\s\S]{0,600}\bförslag till beslut\b)",
    ),
    "yttrande": (
        r"\byttrande över\b",
        r"\bremissvar\b",
        r"\bremissyttrande\b",
        r"\bsamrådssvar\b",
        r"\bsamrådsyttrande\b",
        r"\bsvar på remiss\b",
        r"^\s*yttrande\s*$",
        # "Yttrande angående ...", "Miljönämndens yttrande", "Kommunens yttrande till ...".
        r"^\W*(?:[\w-]+s\s+)?(?:yttrande|remissvar)\b(?!\s+(?:från|av|har|ska|skall|lämnas))",
    ),
    "remiss": (
        r"^\s*remiss\b",
        r"\bsamråd om\b",
        r"\bremiss(?:en)? (?:av|om|gällande)\b",
        r"\bbegäran om yttrande\b",
        r"\bremiss(?:förfrågan|utgåva|version|missiv)\b",
        r"\b(?:inbjudan|underrättelse|kungörelse) (?:till|om) samråd\b",
    ),
    "motion": (
        r"^\s*motion (?:om|angående|gällande|från|till)\b",
        r"^\s*motion\s*$",
        # A motion's heading with its registry number: "Motion LTV 160412", "Motion nr 27-2025".
        r"^\s*motion\s+(?:nr\.?\s*)?(?:[A-ZÅÄÖ]{1,6}\s?)?\d[\d:/-]*\s*$",
        # a party's page of its motions: "Lagda motioner", "Våra motioner"
        r"^\s*(?:lagda|våra) motioner\s*$",
    ),
    "medborgarförslag": (r"^\s*medborgarförslag (?:om|angående)\b",),
    "interpellation": (
        r"^\s*interpellation (?:till|om|angående)\b",
        # The answer, at the head of a line: "Svar på interpellation till kommunstyrelsens
        # ordförande från ..." (an agenda's item has its number first).
        r"^\s*svar på interpellation\b",
        # The type word alone on a line under the title ("Saltning på Tynderövägen /
        # Interpellation").
        r"^\s*interpellation\s*$",
    ),
    # A dissent filed against a decision: "Reservation mot kommunfullmäktiges beslut ...",
    # "Reservation" over the group's text (not "Reservationer" in minutes' paragraphs).
    "reservation": (
        r"^\W*reservation(?:\s*$|\s+(?:mot|i|angående|avseende|gällande|ärende)\b|\s+[”\"“])",
    ),
    "revisionsberättelse": (r"\brevisionsberättelse\b",),
    "rapport": (
        r"risk- och\s+sårbarhetsanalys",
        r"\b(?:uppföljnings|utrednings|läges)rapport\b",
        r"^\W*rapport\b",
        # The auditors' review of a report is a report of its own.
        r"\bgranskning av (?:\w+ )?(?:delårsrapport|delårsbokslut|årsredovisning|bokslut)",
        # An auditors' review report, not their annual revisionsberättelse (both such pages
        # in the sets gathered for issue 13 are reports).
        r"\bgranskningsrapport\b",
        r"\brevisionsrapport\b",
        # A plan's account of its consultation (the gold conventions label it rapport).
        r"\bsamrådsredogörelse\b",
    ),
    "årsredovisning": (
        not_an_items_object("årsredovisning"),
        r"\bverksamhetsberättelse\b",
        not_an_items_object("årsbokslut"),
    ),
    "delårsrapport": (
        not_an_items_object("delårsrapport"),
        not_an_items_object("delårsbokslut"),
        not_an_items_object("delårsredovisning"),
        r"\btertialrapport\b",
    ),
}

#: A list item's bullet.
BULLET = r"[•·*-]"
#: The start of a list item: a bullet or an item number ("• ", "14. ", "3) ").
LIST_ITEM = rf"[^\S\n]*(?:{BULLET}|\d{{1,2}}[.)])[^\S\n]"
#: Types that an agenda's or a news page's items name as their objects ("• Årsredovisning
#: 2018 för Gnosjö kommun", "14. Delårsrapport", "3. Motion om …"): a cue of one of them on a
#: list item's line is not the page's type.
ITEM_TYPES = frozenset(
    {
        "årsredovisning", "delårsrapport", "revisionsberättelse", "rapport", "motion",
        "medborgarförslag", "interpellation", "yttrande", "remiss", "tjänsteskrivelse",
        "delegationsbeslut", "reservation",
    }
)  # fmt: skip

#: Types whose cue beats an earlier cue of another type when it stands within this many
#: characters of the start: a news page of decisions links "Protokoll" first, a web list of
#: motions explains what a motion is. Every other type needs the earliest cue.
PRIORITY_CHARS: dict[str, int] = {
    "beslutsreferat": 700,
    "förteckning": 700,
    "protokollsutdrag": 300,
}

#: What only an extract of minutes carries: its certification ("Utdragsbestyrkning", "Rätt
#: utdraget betygar", "Utdraget bestyrks"). Whole minutes of two pages show one § too; their
#: cover prints the same fields, left empty, less often.
EXTRACT_CERTIFICATION = r"(?i)utdragsbestyrk|rätt utdraget|utdrag(?:et)? bestyrk"

#: The "Paragrafer" field of a protokoll's cover with the paragraphs it holds: a range
#: ("Paragrafer 146 – 172") is the whole meeting's minutes, one number ("Paragrafer 867",
#: "Paragrafer § 93") an extract of one item, whatever else the cover shows. ("§§ 94-96" next
#: to a name on the cover is who attended which items, not this field.)
PARAGRAPH_FIELD = (
    r"(?i)\bparagrafer\b\s*:?\s*§{0,2}\s*(?P<first>\d{1,4})(?!\d)"
    r"(?!\s*\(\s*\d)(?P<range>\s*(?:[-–—]{1,2}|till)\s*§?\s*\d{1,4})?(?P<more>\s*(?:,|och)\s*§?\s*\d)?"
)

#: The same field read from a two-column cover whose value landed on the line before the
#: label ("Sekreterare   Andrea Egerlundh   § 368" / "Paragrafer").
PARAGRAPH_FIELD_BEFORE = r"(?im)§\s*(?P<first>\d{1,4})\s*\n\s*paragrafer\s*$"

#: Lines of a protokoll's cover that only the minutes of a whole meeting carry: who attended,
#: who checks the minutes, where and when the meeting was held. A text that shows one § after
#: such a cover is the minutes cut short, not an extract of one item (an extract opens with the
#: body, "Protokoll" and the date, then the §).
MINUTES_COVER_CUES = (
    r"(?im)^\W*(?:beslutande|närvarande|ledamöter\b|tjänstgörande|justerare\b|utses att justera"
    r"|plats och tid|tid och plats|övriga (?:närvarande|deltagande)|tid\s*:|plats\s*:)"
)

#: The first line of a Meetings Plus meeting page (its skip link): the page lists the
#: meeting's agenda items, with their texts, before and after the meeting alike (all ten such
#: pages in the sets gathered for issue 13 are agendas).
MEETING_PAGE_SKIP_LINK = r"(?i)^\s*hoppa över navigering\s*$"
#: The same platform's breadcrumb as a page's first line: "Din position: Hem > Tyresö kommun >
#: Kommunstyrelsen > Sammanträde 2018-10-02".
MEETING_PAGE_BREADCRUMB = r"(?i)^\s*din position:.*>\s*sammanträde\s+\d{4}-\d\d-\d\d\s*$"

#: How far into the text the head reaches.
HEAD_CHARS = 1200

#: An item of a list as minutes number them: the paragraph's number (not a page number after a
#: dot leader, not part of a date or a case number), an optional "Dnr", then the item's title.
PARAGRAPH_ITEM = r"(?<![\d.…:/-])([1-9]\d{1,3})\s+(?:Dnr\s+)?[A-ZÅÄÖ][a-zåäö]"
#: Minutes number their paragraphs in the year's series ("§ 93", "§ 215"), an agenda its items
#: from 1: a run of this many items numbered in a row from `PARAGRAPH_SERIES_FROM` up.
PARAGRAPH_RUN = 3
PARAGRAPH_SERIES_FROM = 20

#: Protokoll cues that a kallelse or a news page does not carry (the bare word "protokoll"
#: does: "Justering av protokoll", "Kommunfullmäktige 2019-08-22 protokoll.pdf").
STRONG_PROTOKOLL_CUES = frozenset(
    cue for cue in TYPE_CUES["protokoll"] if cue != BARE_PROTOKOLL_CUE
)

#: Labels right before a date that make it the meeting's date.
MEETING_DATE_LABELS = (
    r"sammanträdesdatum",
    r"sammanträdesdag",
    r"datum och tid",
    r"datum för sammanträdet?",
    r"sammanträde(?:t)?(?: den| dag)?",
    r"mötesdatum",
    r"möte",
    r"datum",
    r"dag",
    r"plats och tid",
    r"tid och plats(?: för sammanträdet)?",
    r"tid",
    r"(?:beslut )?i korthet(?: den)?",
    r"sammanträdet den",
    r"under sammanträdet den",
    # "Kommunfullmäktige sammanträdde 2007-02-26" (a news page), "sammanträder den 5 maj"
    r"sammanträd(?:de|er)(?: den)?",
    # A body's name right before the date: "Kommunstyrelsen 2019-09-30 protokoll.pdf",
    # "Regionstyrelsen 16 mars 2021", "Kommunstyrelsen, 1 november 2018", also with the
    # municipality's name between: "Kommunfullmäktige Hässleholm 2020-06-08".
    # And a news page's heading: "Kommunfullmäktiges beslut den 19 december 2016", the name's
    # genitive as its tail (an alternative of its own, opening with \w*, cost half again the
    # search of the labels: \w* is tried at every position of every date's window).
    r"\w*(?:nämnden|styrelsen|fullmäktige|utskottet|direktionen)"
    r"(?:s beslut(?: den)?|[,:-]?(?-i:[^\S\n][A-ZÅÄÖ][a-zåäö]+)?)",
    # the council's or the board's abbreviation right before the date: "i KS den 26 november"
    rf"(?-i:{MEETING_BODY_LETTERS})(?: den)?",
)

#: Words before a body's name that make it a body named in running text, not a letterhead, so
#: the date after it is not the meeting's: "antogs av kommunstyrelsen den 2 september 2024"
#: ("Handlingar till kommunfullmäktige 27 september 2021" does date a meeting).
BODY_LABEL_IN_PROSE = r"(?i)\b(?:av|hos|från|enligt|med|att|när|då|som)\s+$"

#: A news page's own dating line: "Artikeln publicerades 4 september 2020", "Nyhet
#: 2016-02-24". It dates the page (`DOCUMENT_DATE_LABELS`), not a meeting.
NEWS_PAGE_DATE_LABELS = (r"publicerades", r"nyhet")

#: Labels (or words) right before a date that make it something other than the meeting date:
#: justering, the notice on the board (anslag), publication and upload dates of a web page.
NOT_MEETING_DATE_LABELS = (
    r"(?:nästa|kommande|följande) (?:möte|sammanträde)(?:t)?(?: den| äger rum| hålls)?",
    # an earlier meeting told in prose: "Efter regionstyrelsens sammanträde 2018-03-22 har ett
    # felaktigt belopp upptäckts"
    r"(?:efter|sedan) (?:\w+s )?(?:möte|sammanträde)(?:t)?(?: den)?",
    # the notice's own date, cited by the minutes: "Enligt utfärdad kungörelse från den 9
    # oktober 2009"
    r"kungörelse från(?: den)?",
    r"justera(?:s|t|d|ts)?",
    r"justering(?:ens|sdag|sdatum)?(?: plats och tid| tid och plats)?",
    r"anslag(?:s|et)?",
    r"uppsättande",
    r"nedtagande",
    r"anslaget",
    r"publicerad",
    r"publicerat",
    *NEWS_PAGE_DATE_LABELS,
    r"uppdaterad",
    r"senast (?:uppdaterad|ändrad)",
    r"post(?:ed)? on",
    r"laddades upp",
    r"upprättad",
    r"förvaringsplats",
    r"per den",
    r"per",
    r"t\.?o\.?m\.?",
    r"fr\.?o\.?m\.?",
    r"senast",
    r"inkom",
    r"inkommen",
    r"daterad",
    # an anslag's "Sista dag för överklagan 11 maj 2017"
    r"överklagan(?:de)?",
)

#: Labels before the document's own date (a letter's Datum, a news item's publication date).
DOCUMENT_DATE_LABELS = (
    r"datum",
    r"beslutsdatum",
    r"version",
    r"(?:beslutad|antagen|fastställd|godkänd) av [\w -]{2,40}?,?",
    r"rapporterad till [\w -]{2,40}?",
    r"upprättad",
    # not another document's date in the text ("… tillhörande promemoria, daterad 2017-11-21")
    r"(?<![\w,] )daterad",
    r"publicerad",
    r"publicerat",
    *NEWS_PAGE_DATE_LABELS,
    r"pressmeddelande",
    r"sammanträdesdatum",
)

#: Document types whose date of meeting is the point of the document.
MEETING_TYPES = frozenset(
    {
        "protokoll",
        "protokollsutdrag",
        "kallelse",
        "föredragningslista",
        "handlingar",
        "beslutsreferat",
        # a group's dissent against one meeting's decision
        "reservation",
    }
)


#: A signature's place-and-date line ("Torsby den 2 mars 2016", "Stockholm 2015-03-02"): the
#: place before the date, one or two capitalised words. Words that are labels or weekdays,
#: not places, are `NOT_PLACES`.
PLACE_BEFORE_DATE = (
    r"^(?P<place>[A-ZÅÄÖ][a-zåäö]+(?:[ -][A-ZÅÄÖ][a-zåäö]+)?),?[ \t]+(?:den[ \t]+)?$"
)
NOT_PLACES = frozenset(
    {
        "datum",
        "justerad",
        "justerat",
        "justeras",
        "justering",
        "anslaget",
        "anslagsdatum",
        "tid",
        "dag",
        "uppdaterad",
        "publicerad",
        "senast",
        "beslutad",
        "beslutat",
        "antagen",
        "antaget",
        "reviderad",
        "upprättad",
        "daterad",
        "inkom",
        "inkommen",
        "inkommet",
        "protokoll",
        "kallelse",
        "beslut",
        "sammanträde",
        "sammanträdet",
        "mötesdatum",
        "dnr",
        "sida",
        "ort",
        "ändrad",
        "fastställd",
        "gäller",
        "giltig",
        "från",
        "till",
        "den",
        "måndag",
        "tisdag",
        "onsdag",
        "torsdag",
        "fredag",
        "lördag",
        "söndag",
        "måndagen",
        "tisdagen",
        "onsdagen",
        "torsdagen",
        "fredagen",
        "lördagen",
        "söndagen",
        "klockan",
        "version",
        "utskriftsdatum",
        "diarienummer",
        "expedierad",
        "skickad",
        "ankom",
    }
)
#: Endings of words that name a document or an event, not a place ("Fullmäktigebeslut 27
#: september 2021", "Styrelsemöte 2020-03-02").
NOT_PLACE_ENDINGS = (
    "beslut",
    "möte",
    "protokoll",
    "sammanträde",
    "datum",
    "referat",
    "rapport",
    "lista",
    "kallelse",
    "handlingar",
    "nytt",
    "nyheter",
    "dag",
)

#: A person's role right before a body's name in a list of those present ("Marita
#: Björkman-Forsman, ordförande fastighets- och servicenämnden" among a flattened cover's
#: Övriga deltagare): the person's body, not the document's.
ROLE_BEFORE_BODY = (
    r"[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?,?\s+"
    r"(?:ordförande|ordf\.|ledamot|ersättare|sekreterare)\s+(?:i\s+)?$"
)
