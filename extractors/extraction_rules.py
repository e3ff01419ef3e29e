"""Rule data of extraction (`extractors.extraction` and the modules it calls): the headings,
labels, cue words and patterns Swedish municipal documents use. Data only."""

from __future__ import annotations

import re

from extractors.model import (
    CommitteeRole,
)

#: Section headings (whole line, any case) and their normalized kind.
SECTION_HEADINGS: dict[str, str] = {
    "sammanfattning": "sammanfattning",
    "sammanfattning av ärendet": "sammanfattning",
    "förslag till beslut": "förslag till beslut",
    "beslutsunderlag": "beslutsunderlag",
    "beslutsplanering": "beslutsplanering",
    "beslutet skickas till": "beslutet skickas till",
    "ärendet": "ärendet",
    "beskrivning av ärendet": "ärendet",
    "ärendebeskrivning": "ärendet",
    "yttrande": "yttrande",
    "ansvariga": "ansvariga",
    "beslut": "beslut",
    "bakgrund": "bakgrund",
    "motivering": "motivering",
    "bedömning": "bedömning",
    "förvaltningens bedömning": "bedömning",
    "beslutsgång": "beslutsgång",
    "jäv": "jäv",
    "reservation": "reservation",
    "protokollsanteckning": "protokollsanteckning",
    "överenskommelse": "överenskommelse",
    "innehåll": "innehåll",
    "yrkanden": "yrkanden",
    # a motion's heading over its att-clauses ("Yrkande:\n • att extra val ...")
    "yrkande": "yrkanden",
    "ekonomiska konsekvenser": "konsekvenser",
    "konsekvenser": "konsekvenser",
    "förslag till beslut på sammanträdet": "yrkanden",
    "beslutsmotivering": "motivering",
    "skäl för beslutet": "motivering",
    "skäl för beslut": "motivering",
    "motivering till beslutet": "motivering",
    "hur man överklagar": "upplysning",
    "hur man överklagar beslutet": "upplysning",
    "upplysningar": "upplysning",
    "deltar inte i beslut": "jäv",
    "deltar inte i beslutet": "jäv",
    "upplysning": "upplysning",
    "expedierat/bestyrkt": "expedierat",
}


#: "Förslag till beslut i byggnadsnämnden": the body after "i" decides, as does the addressee
#: of "Kommunstyrelsens förslag till kommunfullmäktige". Also with its
#: proposer before it: "Kommunstyrelsens förslag till beslut", "Förvaltningens förslag till
#: beslut" (the proposer is not the body that decides).
_PROPOSAL_HEADING = re.compile(
    r"(?i)^(?:[\wåäö]+(?:-? och [\wåäö]+)?s )?förslag till (?:beslut(?: (?:i|för) (?P<body>.+))?"
    # "Kommunstyrelsens förslag till kommunfullmäktige": the body it proposes to decides.
    r"|(?P<addressee>(?:kommun|region|landstings)?fullmäktige|[\wåäö-]+(?:styrelsen|nämnden)))$"
)


#: Header labels whose value (same or next line) is the document date.
DATE_LABELS = ("datum", "sammanträdesdatum", "upprättad", "daterad")


#: Header labels whose value is the document's own case number.
OWN_CASE_LABELS = re.compile(
    r"(?i)(?:^|§\s*\d+(?:\s?[a-z])?\s+)(?:diarienummer|diarienr|dnr|vår beteckning|ärendenummer|ärendenr|"
    r"ärende|beteckning)\.?\s*:?\s*$"
)


#: Rules whose case numbers are an item's own: a table cell under a case-number heading, the
#: number on a § heading line.
OWN_CASE_RULES = frozenset(
    {"agenda_beteckning", "case_column", "label_column", "paragraph_heading"}
)


#: Words right before a case number that make it a case the document refers to.
REFERENCE_CUES = re.compile(
    r"(?i)(?:\bärende|\bremiss(?:en)?(?: från [\w -]+)?|\bsvar på|\bjfr|\bse|\benligt|\bdnr)\W{0,3}$"
)


#: Titles that announce another body's case (a remiss, an answer to one).
REFERENCE_TITLE = re.compile(r"(?i)^(?:remiss|svar på|yttrande över|begäran om yttrande)\b")


#: The passive decision verbs of minutes ("Avsägelsen godkänns", "Yttrandet överlämnas till
#: Länsstyrelsen", "… omväljs som ledamot"): in a decision section's sentences
#: (`DECISION_VERBS`) and as a clause's passive (`extractors.decisions._PASSIVE`, with more).
#: "Negativt planbesked ges …": the verb first, its noun behind it (an alternative that opened
#: with a look-behind would defeat the search's skip to the words' first letters).
PASSIVE_DECISION_VERBS = (
    r"godkänns|godkännes|fastställs|antas|avslås|bifalls|beviljas|återremitteras|överlämnas|"
    r"remitteras|upphävs|utses|väljs|omväljs|entledigas|noteras|bordläggs|avskrivs|utökas|"
    r"ges(?:(?<=besked ges)|(?<=lov ges)|(?<=dispens ges))"
)
#: Verbs that make a sentence a decision: active with a body as subject, passive, and the
#: wording of noting ("antecknar informationen", "har tagit del av").
DECISION_VERBS = re.compile(
    r"(?i)\b(?:beslutar|föreslås besluta|lämnar yttrande|antar|godkänner|fastställer|noterar|"
    r"avslår|bifaller|tillstyrker|avstyrker|uppdrar|ger .{0,40}i uppdrag|lämnar besked|"
    r"översänder|överlämnar|förklarar|beviljar|utser|väljer|antecknar|har tagit del|remitterar|"
    r"upphäver|reviderar|anser .{0,40}besvarad|delges|upphör|" + PASSIVE_DECISION_VERBS + r")\b"
)


#: Past-tense decision verbs of narrative prose ("Kommunfullmäktige beslutade ...").
PROSE_DECISION_VERBS = re.compile(
    r"(?i)\b(?:beslutade|beslöt|antog|fastställde|godkände|har beslutat)\b"
)


#: Page furniture of converted protokoll and handlingar: never part of a decision or a sentence.
#: Phrases of a line in any case (tested as substrings of the lower-cased line: one
#: case-insensitive alternation tried at every position of every line was the slowest test of
#: the line view) ...
FURNITURE_PHRASES = (
    "expedierat/bestyrkt",
    "det här dokumentet är digitalt signerat",
    "transaktionsidentitet",
    "justerandes sign",
    "justerarens sign",  # "Ordförandens och justerarens signaturer"
    "justerares sign",
    "utdragsbestyrkande",
    "<!--",
)
#: ... and a page number as the whole line: "3 (4)", "Sidan 3 av 26 KOMMUNSTYRELSEN KS" (with
#: the header's words in capitals only: a flattened page may open with its number).
FURNITURE_LINE = re.compile(
    r"^(?:\d+\s*\(\d+\)|[Ss]idan \d+ av \d+(?:[ \t]+[A-ZÅÄÖ][A-ZÅÄÖ \t]*)?)$"
)


#: The first line of a page header: "KUNGSBACKA KOMMUN  SAMMANTRÄDESPROTOKOLL  3 (4)". Two
#: patterns, either may match: an alternation with a `^` branch loses the fast search for the
#: literal "SAMMANTRÄDES" and tries every position of every line.
_PAGE_HEADER = (
    re.compile(r"^[A-ZÅÄÖ]{3,}\s+KOMMUN\b"),
    re.compile(r"SAMMANTRÄDES(?:PROTOKOLL|ANTECKNINGAR)"),
)


#: A page header's continuation lines after "KUNGSBACKA KOMMUN  SAMMANTRÄDESPROTOKOLL  3 (4)".
_HEADER_CONTINUATION = re.compile(
    r"(?i)^(?:datum|sammanträdesdatum(?:\s+\d{4}-\d\d-\d\d)?|\d{4}-\d\d-\d\d|\d+\s*\(\d+\))$"
)


#: Section kinds whose sentences are decision points.
DECISION_SECTIONS = ("förslag till beslut", "beslut", "överenskommelse")


#: "Kommunstyrelsens beslut" / "Kommunledningsutskottets förslag" as a heading.
_BODY_HEADING = re.compile(r"^(?P<body>[A-ZÅÄÖa-zåäö&,\- ]{3,60}?)s (?P<what>beslut|förslag)$")


#: A body's own name in a heading, the body being the document's ("Nämndens beslut").
GENERIC_BODIES = frozenset(
    {
        "nämnden",
        "styrelsen",
        "utskottet",
        "arbetsutskottet",
        "fullmäktige",
        "direktionen",
        "beredningen",
        "förbundsstyrelsen",
        "förbundsfullmäktige",
        "presidiet",
    }
)


#: "Kommunstyrelsen beslutar att" / "Nämnden beslutar:" on a line of its own: a decision
#: section's heading, its att-satser or numbered points below it.
_DECIDES_LINE = re.compile(
    r"^(?P<body>[A-ZÅÄÖ][\w&,\- ]{2,70}?) (?:beslutar|beslöt|beslutade)(?: (?:därför|också))?"
    r"(?: att)?:?$"
)


#: Within an agenda cell: "Förslag till beslut i kommunstyrelsen [under förutsättning av ... ovan]".
_CELL_PROPOSAL = re.compile(
    r"(?i)förslag till beslut(?:\s+(?:i|för)\s+(?P<body>[^.<]{3,70}?))?"
    r"(?:\s+under förutsättning av\b.{0,80}?\bovan\b)?(?=\s+[A-ZÅÄÖ]|\s*<br>|\s*$)"
)


#: A colon that introduces quoted wording belongs to one decision with the quote.
_QUOTE_INTRO = re.compile(r"(?i)\b(?:lyder|lyda|lydelse|följande innehåll)\s*:")


#: A period after these does not end a sentence or a decision's clause.
ABBREVIATIONS = frozenset(
    {
        "t.ex", "m.fl", "bl.a", "d.v.s", "dvs", "kl", "tf", "t.f", "p.g.a", "resp", "ca", "nr",
        "jfr", "s.k", "fr.o.m", "t.o.m", "inkl", "exkl", "kap", "prop", "st", "sid", "s", "p",
        "ev", "enl",
    }
)  # fmt: skip


def ends_with_abbreviation(before: str) -> bool:
    """Whether the text before a full stop ends with one of `ABBREVIATIONS` (a set lookup:
    this runs at every full stop of every document).

    >>> ends_with_abbreviation("yrkar att på sid"), ends_with_abbreviation("(t.ex")
    (True, True)
    >>> ends_with_abbreviation("till handlingarna"), ends_with_abbreviation("kommunens")
    (False, False)
    """
    cut = max(before.rfind(" "), before.rfind("\n"), before.rfind("("), before.rfind("\t"))
    return before[cut + 1 :].lower() in ABBREVIATIONS


#: Words that cannot end a sentence: a blank line after them is a page or column break.
_CONNECTOR_END = re.compile(
    r"(?i)(?:[,;:]|\b(?:och|av|för|till|att|i|på|med|om|som|samt|eller|från|mellan|inom|under|"
    r"enligt|vid|mot|den|det|de|en|ett|är|har|ska|kan))$"
)


# A blank line ends a sentence only before a capital: converted PDFs break lines mid-sentence.
# A sentence ends before a capital, and before a § heading ("... till handlingarna.\n§ 23").
#: A blank line before a capital or a § heading: a paragraph's end (unless the words before it
#: cannot end one, `document._ends_with_connector`).
#: Also before a dash or bullet that opens a capitalised item ("… till kommunstyrelsen\n\n–
#: Fyllnadsval av uppdrag …": an agenda's next item).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n(?=[ \t]*(?:[A-ZÅÄÖ]|§ ?\d|[-–•][ \t]*[A-ZÅÄÖ]))")
#: A line of only a dash or a bullet between items ("… av området.\n-\nAvgifter för …", a news
#: page's separator) ends a sentence too.
_SEPARATOR_LINE = r"\n[ \t]*[-–—•*][ \t]*(?=\n)"
_SENTENCE_END = re.compile(
    # (also before a bulleted att-clause: "… växthusgaser.\n • Att klimatväxlingssystemet …")
    # (and before a party's letters in brackets: "… till länsplan. (V) lämnade flera yrkanden.")
    r"(?<=[.!?])(?:(?:\s|<br>)+(?=[A-ZÅÄÖ]|§ ?\d|\([A-ZÅÄÖ]{1,4}\))"
    r"|[ \t]*\n(?=[ \t]*[-•–][ \t]+[Aa]tt\s))|" + _PARAGRAPH_BREAK.pattern + "|" + _SEPARATOR_LINE
)


#: A section heading inside a line of flattened text (a PDF's page as one paragraph: "… ett
#: prioriterat område Bakgrund Skolförvaltningen skriver …"): the words before it end their
#: sentence, though no full stop says so. Only headings that open a section with a capital
#: after a word in lower case, and the headings that cannot be a sentence's own words there.
_INLINE_HEADING = re.compile(
    r"(?:Bakgrund|Beslutsförslag|Förslag till beslut|Sammanfattning|Ärendet|Ärendebeskrivning"
    r"|Beskrivning av ärendet|Beslutsunderlag|Yrkanden|Beslutsgång|Propositionsordning"
    r"|Bedömning|Förvaltningens bedömning|Beslutet skickas till|Skäl för beslutet"
    r"|Ekonomiska konsekvenser)(?=[^\S\n]+[A-ZÅÄÖ0-9])"
)


# In a decision section, a line that starts with a capital and carries a decision verb starts a
# new decision ("(S) Folke Karlsson\nTill ordförande utses Ewa Engdahl ...").
_DECISION_LINE = re.compile(r"\n(?=[ \t]*[A-ZÅÄÖ][^\n]*?" + DECISION_VERBS.pattern[4:] + ")")


_ATT_CLAUSE = re.compile(r"(?m)^[ \t]*(?:[-•][ \t]*)?(?:\*\*)?att(?:\*\*)?[ \t]+")


#: A point's numbering: "1.", "2)", a bullet, or a bare number before a capital ("1
#: Kommunfullmäktige väljer …").
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|\d{1,2}(?=[^\S\n]+[A-ZÅÄÖ])|[-•])\s*")


# "§ 93", "KS § 3 b"; not "KU § 317 06-12-05" (an earlier decision cited with its date).
_PARAGRAPH_HEADING = re.compile(
    r"^[ \t]*(?:[A-ZÅÄÖ]{1,6}[ \t]+)?§[ \t]*(?P<num>\d+(?:[ \t]?[a-z]\b)?)(?![ \t]*\d{2}-\d\d-\d\d)"
    r"(?![ \t]*(?:19|20)\d\d-\d\d-\d\d)(?!\w)"
)


ROLE_STRENGTH = {"own": 2, "referenced": 1, "unknown": 0}


COMMITTEE_ROLES: tuple[CommitteeRole, ...] = ("decision_maker", "author", "recipient", "mentioned")


#: Lines that open one document of a bundle, and the kind of that document.
_PART_HEADINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^KALLELSE\b"), "kallelse"),
    (re.compile(r"^TJÄNSTESKRIVELSE\b"), "tjänsteskrivelse"),
    (re.compile(r"^YTTRANDE\b"), "yttrande"),
    (re.compile(r"^(?:REMISS|MOTION|BESLUT|SKRIVELSE)\b"), "skrivelse"),
    # Two patterns for one kind: see `_PAGE_HEADER`.
    (re.compile(r"SAMMANTRÄDES(?:PROTOKOLL|ANTECKNINGAR)"), "protokoll"),
    (re.compile(r"^(?:[A-ZÅÄÖ]+ KOMMUN )?PROTOKOLL\b"), "protokoll"),
    (re.compile(r"^Från:\s"), "brev"),
)
#: What a line needs before any `_PART_HEADINGS` pattern can match it (keep the two together):
#: it opens with one of these, or holds "SAMMANTRÄDES" (the pattern not anchored) or
#: " KOMMUN PROTOKOLL" (a municipality's name before "PROTOKOLL"). String tests first: the
#: patterns ran on every line of every text.
_PART_OPENINGS = (
    "KALLELSE",
    "TJÄNSTESKRIVELSE",
    "YTTRANDE",
    "REMISS",
    "MOTION",
    "BESLUT",
    "SKRIVELSE",
    "PROTOKOLL",
    "Från:",
)
_PART_INSIDE = ("SAMMANTRÄDES", " KOMMUN PROTOKOLL")


_REPORT_HEADING = re.compile(r"(?i)^(?:delårsrapport|årsredovisning|verksamhetsberättelse)\b")
#: The first characters `_REPORT_HEADING` can match (re's case folding: "Å" also as the
#: Ångström sign U+212B).
_REPORT_FIRST = frozenset("DdÅåVv\u212b")


_AGENDA_CASE = re.compile(r"(?:[A-ZÅÄÖ]{1,6}-)?(?:19|20)\d{2}-\d{1,6}")


#: A series-less number in a zero-padded registry style ("2023-00249"), read only under a
#: flattened table's heading line (a PDF whose table came out as lines).
_COLUMN_NUMBER = re.compile(r"(?<![\w/.:–-])(?:19|20)\d\d[-/.:]\d{3,6}(?![\w/–]|[-.:/]\d)")


_REPORT_YEAR = re.compile(
    r"(?i)\b(?:under|i|år)\s+(?:(?:januari|februari|mars|april|maj|juni|juli|augusti|september|"
    r"oktober|november|december)\s+)?((?:19|20)\d{2})\b"
)


#: Types the cue words of the head may put in place of a weaker structural answer, and the
#: types they may put there (None: any).
_HEAD_OVERRIDES: dict[str, frozenset[str] | None] = {
    "okänd": None,
    "webbsida": None,
    "protokoll": frozenset(
        {"beslutsreferat", "kallelse", "föredragningslista", "delegationsbeslut", "förteckning"}
    ),
    "beslut": frozenset({"beslutsreferat"}),
    # A news page of decisions whose items are headed "Yttrande över ..." or "BESLUT".
    "yttrande": frozenset({"tjänsteskrivelse", "beslutsreferat"}),
    "handlingar": frozenset({"beslutsreferat"}),
}


#: Documents that report decisions taken (in the past tense, with their dates).
_REPORT_TYPES = (
    "beslutsreferat",
    "förteckning",
    "webbsida",
    "okänd",
    "årsredovisning",
    "delårsrapport",
)


#: A decision longer than this may be several run together (in the tune part of
#: ../shared/municipalities nine in ten decisions are shorter than 190 characters, none is
#: longer than 250).
_RUN_ON = 250


#: A line longer than this is a page flattened into one line by a PDF-to-text step.
_FLAT_LINE = 600


#: Labels of the dates that head a document or a letter: a year-less date after them reads in
#: their year.
_ANCHOR_LABELS = re.compile(r"(?i)^(?:datum|sammanträdesdatum|upprättad|daterad|skickat)\b:?")


#: A postal address line of a letterhead or a footer ("434 81 Kungsbacka", "Besöksadress"):
#: "\b\d{3} \d{2}\b(?! \d)|\bBesöksadress\b", written to open with its first character (then
#: the \b as a look-behind), so that a search of the whole text skips to the next digit or B.
_ADDRESS = re.compile(r"[\dB](?<!\w[\dB])(?:(?<=\d)\d\d \d{2}\b(?! \d)|(?<=B)esöksadress\b)")


#: "Förvaltningen för Tekniks tjänsteskrivelse", "Kommunledningskontorets tjänsteskrivelse".
_OWN_MEMO = re.compile(r"(?i)^(?P<body>.{4,60}?)s tjänsteskrivelse\b")


#: "Framtagen av: Kommunstyrelsens förvaltning, kommunledningskontoret".
#: After a body's genitive, the office that the words name instead of the body: the
#: "Kommunstyrelsens kansli" where minutes are kept, "kommunstyrelsens kontor".
_OFFICE_AFTER_GENITIVE = re.compile(
    r"[^\S\n]+(?i:kansli|kontor|kansliavdelning|kanslienhet|sekretariat|ledningskontor"
    # ... and "Kommunstyrelsens sammanträdesrum" a room, where another body may meet
    r"|sammanträdesrum(?:met)?|sammanträdessal(?:en)?|sessionssal(?:en)?)\b"
)

#: "Arbetsutskottet" without the name of its styrelse or nämnd (not "kommunstyrelsens
#: arbetsutskott"): the utskott of the document's own body (`document_bodies._own_utskott`).
_UNQUALIFIED_UTSKOTT = re.compile(r"(?<![\w-])(?<!s )(?<!s\n)[Aa]rbetsutskott(?:et|ets)?\b")

_PREPARED_BY = re.compile(r"(?i)^(?:framtagen|framtaget|upprättad|upprättat) av:?\s*(?P<who>.+)$")
