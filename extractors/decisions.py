"""Decision and proposal wording found by its grammar, wherever it stands.

The section rules of `extractors.extraction` read the decisions under a "Beslut" or "Förslag
till beslut" heading of a document whose lines survived conversion. Text flattened by a
PDF-to-text step or written as a news item has no such headings on lines of their own, so
these rules read the wording itself, sentence by sentence:

* a body as subject with a decision verb: "Kommunstyrelsen beslutar att ...", "Arbetsutskottet
  lämnar yttrande ...", "Regionstyrelsen föreslår att regionfullmäktige fastställer ..."; in a
  report of decisions the past tense too ("Kommunfullmäktige utsåg ...", "Tekniska nämnden
  biföll ...");
* a passive decision: "Avsägelsen godkänns.", "Förslaget avslås med motiveringen ...",
  "Paragrafen förklaras omedelbart justerad.";
* the items after a decision cue ("beslutar:", "föreslår kommunfullmäktige besluta",
  "Ordförandens förslag", "förslag till kommunstyrelsen:"): att-clauses, numbered items and
  clauses that open with a decision verb in the infinitive ("1. anta detaljplan ...",
  "Godkänna rapporteringen ...").

Each found span comes with its kind: "förslag" for a proposal (a cue or verb that proposes),
else "beslut". The verbs and the subject are `extractors.decision_rules`; the cues are this
module's constants.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from extractors.body_rules import NOT_MUNICIPAL
from extractors.decision_rules import (
    _ACTIVE,
    _ASKS,
    _CITED,
    _CLAUSE_END,
    _DECIDED_AS,
    _ELIDED_SUBJECT,
    _FINDS_THAT,
    _IMPERATIVE,
    _INFINITIVES,
    _INVERTED,
    _INVERTED_KINDS_OF_DECISION,
    _PASSIVE,
    _PAST,
    _PERFECT,
    _PRESENT,
    _SAYS_NOTHING,
    _SUBJECT,
    _SUBORDINATE,
    CONFIRMS_DECISION,
    CUE,
    MUNICIPALITY_DECIDES,
    PAGE_OF_DECISIONS,
    PASSIVE_KEYS_BEYOND_PATTERN,
)
from extractors.extraction_rules import DECISION_VERBS, ends_with_abbreviation
from extractors.person_words import RIKSDAG_PARTY, is_given_name

#: A decision sentence that announces a list: "... ska följande gälla:".
_ANNOUNCES_LIST = re.compile(r"följande(?: gälla| ändringar)?\s*:\s*$")
#: ... and one that announces numbered points after more words: "… följande vid sitt
#: sammanträde den 13 juni:".
_ANNOUNCES_NUMBERED = re.compile(r"\bföljande\b[^.:\n]{0,60}:\s*$")
#: What may follow a heading line on its next line: the first item's number ("1.").
_ITEM_NUMBER = re.compile(r"\s*(?:\d{1,2}[.)])?\s*")
#: Only page and item numbers: "2 2 (9) 1.".
_PAGE_OR_ITEM_NUMBERS = re.compile(r"[\d\s().]+")
#: The number of the next item, on a line of its own at the end of a span: "... noteras\n2."
#: (also `extractors.decision_sections`, for the points of a section).
NEXT_ITEM_NUMBER = re.compile(r"[ \t]*\n\s*\d{1,2}[.)]$")
#: The same in text flattened to one line, where the sentence splitter leaves the number at the
#: end of the sentence before: "Ordförandens förslag 1." (the first item's), "... fastställs.
#: 2." (after an item).
#: Not a number that ends its own sentence's reference: "... godkänns enligt bilaga 1.".
_NOT_AN_ITEM = r"(?<!bilaga)(?<!bilagan)(?<!bilagorna)(?<!punkt)(?<!sidan)(?<!kap\.)(?<!§)(?<!nr)"
_FIRST_NUMBER_FLAT = re.compile(_NOT_AN_ITEM + r"\s1[.)]\s*$")
_NUMBER_FLAT = re.compile(_NOT_AN_ITEM + r"\s\d{1,2}[.)]\s*$")
#: Prepositions and conjunctions inside a noun phrase: a capitalised word after one ("ett
#: önskemål om hundrastgård i Tierp besvaras") is a name inside the subject, not its start.
_INSIDE_PHRASE = frozenset(
    [
        "i",
        "på",
        "om",
        "till",
        "för",
        "av",
        "från",
        "vid",
        "med",
        "över",
        "mot",
        "och",
        "samt",
        "hos",
        "under",
        "inom",
        "utan",
        "enligt",
    ]
)
#: An office (a förvaltning, a kontor) proposing to its body, or that a thing be done: only
#: "föreslår" makes an office's sentence a point ("Förvaltningen anser ..." is its reasoning).
_BODY_WORD = r"[\wåäö-]*(?:nämnden|styrelsen|fullmäktige|utskottet)"
_OFFICE = (
    r"(?:(?:[A-ZÅÄÖ][\wåäö-]*)?(?:förvaltningen|kontoret)|Förvaltningen|Kontoret"
    # an officer for the office: "Kommunchefen föreslår att ...", "Regiondirektören föreslår"
    r"|[A-ZÅÄÖ][\wåäö-]*(?:chefen|direktören))"
)
_OFFICE_PROPOSES = re.compile(
    rf"{_OFFICE}\s+(?:därför\s+|också\s+)?(?P<verb>föreslår|föreslog)\s+(?:att\s|{_BODY_WORD}\s)"
    # "Stadsledningskontoret tillstyrker nämndens förslag."
    rf"|{_OFFICE}\s+(?:därför\s+|också\s+)?(?P<verb3>tillstyrker|avstyrker)\s"
    rf"|\b(?P<verb2>föreslår|föreslog)\s+(?:därför\s+)?(?:{_OFFICE}|[a-zåäö-]+(?:förvaltningen|"
    rf"kontoret))\s+(?:att\s|{_BODY_WORD}\s)"
)
#: A member's or the chair's proposal at the meeting (a yrkande): "Anna Berg (C) yrkar bifall
#: till ...", "Hans Johansson ( C) yrkar att ...", "Fredrik Kollberg (KD) och Stefan Vilumsons
#: (SD) yrkar ...", "Ordföranden yrkar ...". A proposal, never
#: a decision, whatever passive verb it quotes ("... yrkar att medborgarförslaget avslås").
_MEMBER = r"(?:[A-ZÅÄÖ][\wåäöéü-]+ ){1,3}\(\s?[A-ZÅÄÖa-zåäö]{1,5}\s?\)"
#: The parties of the Riksdag by their letters, as a report names who proposed what.
_PARTY = RIKSDAG_PARTY
_YRKANDE = re.compile(
    # "KD vill i ett yrkande ge ...", "V, S och MP vill i ett yrkande remittera ärendet ..."
    rf"(?P<parties>\b{_PARTY}(?:(?:, | och ){_PARTY})* vill i ett (?:gemensamt )?yrkande\b)|"
    # (a motion's own "Vi yrkar därför att …", "Jag yrkar att …")
    rf"(?P<who>(?:{_MEMBER},? (?:och )?)*{_MEMBER}|Ordförande(?:n)?|\b(?:Vi|Jag)(?= yrkar\b)"
    r"|(?:[A-ZÅÄÖ][\wåäöéü-]+ ){1,2}[A-ZÅÄÖ][\wåäöéü-]+(?= yrka))[ \t]+(?:yrkar|yrkade)\b"
)
_STATE_BOARDS = tuple(NOT_MUNICIPAL)
_BY_ELECTION = (" genom allmänna val", " i allmänna val", " vid allmänna val")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: A notice's item as what its body will decide, at the start of a line: "Val av justerare\n
#: Kommunstyrelsen ska utse en justerare …".
_NOTICE_ITEM = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:\d{1,2}[.)]\s*)?(?P<subject>"
    + _SUBJECT
    + r")\s+ska\s+"
    + _INFINITIVES
    + r"\b"
)
#: ... opening an item: "anta detaljplan ...".
_INFINITIVE = re.compile(r"^(?:(?:för|i|till) [\wåäö]+ )?" + _INFINITIVES + r"\b", re.IGNORECASE)
#: Numbering or a bullet that opens an item: "1. ", "2) ", "- ".
_ITEM = re.compile(
    r"(?:(?<=\s)|^)\d{1,2}[.)]\s+(?=[A-ZÅÄÖa-zåäö])|(?:(?<=[:.;\n]\s)|(?<=\n)|^)[ \t]*[-•–]\s+(?=[A-ZÅÄÖa-zåäö])"
)
#: The conjunction that joins an att-sats to the next: "… en offentlig toalett och".
_JOINING_CONJUNCTION = re.compile(r"[,;]?\s+(?:och|samt)$")
#: ", att " / ": att " between att-clauses.
_ATT = re.compile(
    r"(?:(?<=[,:;])\s+(?:(?:samt|och)\s+)?|(?<=\n)[ \t]*|^)(?P<att>[Aa]tt)(?:\s+|,\s*)(?=[a-zåäö])"
)
#: The verbs of an election over a bulleted list of persons (`decision_rules.CUE`).
_ELECTS = frozenset({"väljer", "valde", "utser", "utsåg"})
#: A bullet that opens a line inside a clause.
_LINE_BULLET = re.compile(r"\n[ \t]*[-•–][ \t]+(?=\w)")
#: A cue that ends with its first point's "att" ("besluta att").
_CUE_ENDS_WITH_ATT = re.compile(r"(?<![\wåäö])att\s*$")
_MAX_LENGTH = 420
#: The least words of a proposal's wording after its heading, read whatever its verb.
_PROPOSAL_WORDS = 5
#: A sentence that opens as the next item of a list: "2. att ...", "• Att ...".
#: Also an att-clause with its capital, unnumbered ("Att kostnaderna utreds.\n\nAtt motionen
#: skickas till budgetberedningen."): a sentence opens so only as a list's next point.
_LIST_NEXT = re.compile(r"\s*(?:\d{1,2}[.)]|[-•–])\s+(?:[Aa]tt\s|[A-ZÅÄÖa-zåäö]+\s)|\s*Att\s")
#: The next clause opens as a list's next item: a number, or a bullet on a line of its own.
_NEXT_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s|[ \t]*\n[ \t]*[•–-][ \t]+\S")
#: The end of a cue's line ("... yrkar:" / "... yrkar,") before its proposal on the next.
_CUE_CLOSES_LINE = re.compile(r"[ \t]*[:,][ \t]*\n\s*")
#: A clause that opens as the first of numbered points: "1. ", "1.Kommunstyrelsen", "1) ".
_FIRST_POINT = re.compile(r"\s*1[.)]\s*(?=[A-ZÅÄÖ])")
#: The end of a sentence that announces the next one as its decision: "... beslutar följande.",
#: "... besluta:".
_ANNOUNCES = re.compile(r"(?:följande\s*[.:]|:)\s*$")


@dataclass
class Found:
    start: int
    end: int
    kind: str  # "beslut" or "förslag"
    rule: str


#: Words after which a period does not end a clause.
_MAX_WORDS_BEFORE_PASSIVE = 8
#: A passive point right after its cue may have a long subject.
_MAX_WORDS_AFTER_CUE = 30


def confirmed_start(text: str, sentences: list[tuple[int, int]], k: int) -> int | None:
    """Where the point starts that sentence `k` confirms, or None: "… utökas nu med 40 miljoner
    kronor. Det har regionfullmäktige beslutat." makes the sentence before the decision, and
    the point holds both (`decision_rules.CONFIRMS_DECISION`)."""
    if k and CONFIRMS_DECISION.fullmatch(text, *sentences[k]):
        return sentences[k - 1][0]
    return None


def find_decisions(
    text: str, sentences: list[tuple[int, int]], report: bool = False, notice: bool = False
) -> list[Found]:
    """Decision and proposal spans in `text`, given its sentence spans. In a `report` of
    decisions (a "Beslut i korthet" page, a list of motions) a past-tense decision with its date
    is the news ("Kommunfullmäktige beslutade 6 februari 2023 att ..."); elsewhere it is an
    earlier decision cited as background.

    >>> text = ("Val av justerare Regionstyrelsen utser Per Persson att jämte ordföranden "
    ...         "justera protokollet. 66 Godkännande Avsägelsen godkänns. Ärendet har beretts.")
    >>> [(text[f.start : f.end], f.kind) for f in find_decisions(text, [(0, len(text))])]
    [('Regionstyrelsen utser Per Persson att jämte ordföranden justera protokollet.', 'beslut'), ('Avsägelsen godkänns.', 'beslut')]
    """
    out: list[Found] = []
    carry: str | None = None  # a cue that ended the sentence before ("beslutar följande.")
    listed: str | None = None  # the kind of a list item that ended the sentence before
    numbered = False  # the sentence before ended with the next item's number ("... noteras\n2.")
    previous_end = 0
    for k, (s, e) in enumerate(sentences):
        before_start = confirmed_start(text, sentences, k)
        if before_start is not None:
            if not out or out[-1].end <= before_start:
                out.append(Found(before_start, e, "beslut", "decision_confirmed"))
            continue
        if carry is None and listed and (numbered or _LIST_NEXT.match(text, s, e)):
            carry = listed  # "1. att ... organisationen." then "2. att ...", "• Att ..."
        # A further sentence on a point's line keeps the list open for the next point ("• Att
        # införa en avgift på flygresor. Avgiften ska användas till …\n • Att …").
        held = listed if carry is None and "\n" not in text[previous_end:s] else None
        previous_end = e
        listed = None
        numbered = NEXT_ITEM_NUMBER.search(text, max(s, e - 6), e) is not None
        # (a further sentence on a point's line runs on to the next bulleted point: "… till ny
        # ledamot i Omsorgsnämnden. Hon ersätter Per Lund (V).\n • Anna Berg (SD) till …")
        bulleted = held is not None and _LINE_BULLET.search(text, s, e) is not None
        if not may_decide(text[s:e].lower()) and carry is None and not bulleted:
            listed = held
            continue
        found_before = len(out)
        pending: str | None = carry  # the kind a cue announced for the clauses after it
        carry = None
        announced: str | None = None  # "... ska följande gälla:", then only numbering
        pos = s
        ends = [
            m.end()
            for m in _CLAUSE_END.finditer(text, s, e)
            if not ends_with_abbreviation(text[max(s, m.start() - 8) : m.start()])
        ]
        announcing: str | None = None  # the kind a cue clause announced with no point after it
        for clause_end in [*ends, e]:
            a, b = pos, clause_end
            while a < b and text[a].isspace():
                a += 1
            pos = clause_end
            if b - a < 8:
                if not re.fullmatch(r"\d{1,2}[.)]?", text[a:b].strip()):
                    pending = None
                    announcing = None
                continue
            announcing = None
            if bulleted and pending is None and text[a] in "•–-":
                pending = held
            found, after = _clause(text, a, b, pending, report, notice)
            out += found
            listed = (
                found[-1].kind
                if found
                and (
                    found[-1].rule == "decision_item"
                    # a point under a cue, whatever rule read it ("besluta:\n •
                    # Delårsrapporten godkänns.\n • Återrapporteringen ... tas emot.", "Förslag
                    # till beslut 1. Kommunstyrelsen beslutar att ... 2. Yttrandet skickas ...")
                    or pending is not None
                    # the first of numbered points ("1.Kommunstyrelsen beslutar att ...")
                    or _FIRST_POINT.match(text, a, b)
                )
                # (a further decision on a point's line keeps the list open too: "1. Att anta
                # ny taxa. Taxan höjs med tre procent.\n\n2. Att …")
                else held
            )
            if (
                clause_end == e
                and after is not None
                and not found
                and (
                    _ANNOUNCES.search(text, max(a, b - 12), b)
                    or _heading_line(text, a, b)
                    or _FIRST_NUMBER_FLAT.search(text, max(a, b - 6), b)
                )
            ):
                # "... beslutar följande." or a heading line ("Nämndens förslag till beslut")
                # announces the next sentence
                carry = after
            if found:
                last = found[-1]
                listing = last.rule == "decision_sentence" and (
                    _ANNOUNCES_LIST.search(text, max(a, b - 30), b)
                    # "… beslutade bl a följande vid sitt sammanträde den 13 juni: 1." (not
                    # "… beslutade följande taxor:" over bullets, which is the decision itself)
                    or (
                        _ANNOUNCES_NUMBERED.search(text, max(a, b - 80), b)
                        and NEXT_ITEM_NUMBER.search(text, max(s, e - 6), e)
                    )
                )
                announced = last.kind if listing else None
            elif not _PAGE_OR_ITEM_NUMBERS.fullmatch(text, a, b):
                announced = None  # other text came between the announcement and the next sentence
            # A cue's kind carries over to the next clause, and on to each numbered item.
            if not found and after is not None and clause_end != e:
                announcing = after
            if found and after is not None and after == pending:
                after = _numbered_next(text, b, e, after)
            elif after is None and listed:  # "... 1. att ... organisationen. 2. att ..."
                after = _numbered_next(text, b, e, listed)
            pending = after
        if carry is None and announcing is not None:
            # "... föreslår att kommunfullmäktige beslutar följande. 1." on a flattened line:
            # the cue's clause is followed only by the first point's number, which the
            # sentence splitter left with it; the point is the next sentence.
            carry = announcing
        if listed is not None and _NUMBER_FLAT.search(text, max(s, e - 6), e):
            numbered = True  # "... fastställs. 2." on one flattened line
        if announced is not None and carry is None:
            # "Kommunfullmäktige beslutar att ... ska följande gälla:" (then at most a page
            # number or an item's number): the next sentence is its first item.
            carry = announced
        if listed is None and len(out) == found_before:
            listed = held
        if len(out) > found_before:
            _run_on_after_colon(text, out, found_before, e)
    # A number the sentence splitter left at a span's end belongs to the next item.
    for span in out:
        number = NEXT_ITEM_NUMBER.search(text, max(span.start, span.end - 6), span.end)
        if number is not None and number.start() > span.start:
            span.end = number.start()
    return out


def _run_on_after_colon(text: str, out: list[Found], first: int, end: int) -> None:
    """A point that ends in a colon runs on over what follows on its line when that holds no
    decision of its own: "Två nya beredningar inrättas: Beredningen för barn och unga och …",
    "… utse fem nya nämndemän: Agneta Berg, Mattias Brandt …" (not a cue over its points)."""
    last = out[-1]
    if text[last.end - 1 : last.end] != ":" or len(out) - first != 1:
        return
    line_end = text.find("\n", last.end, end)
    stop = line_end if line_end >= 0 else end
    rest = text[last.end : stop]
    if len(rest.split()) < 2 or not rest[:2].strip() or DECISION_VERBS.search(rest):
        return
    clause = _CLAUSE_END.search(text, last.end + 1, stop)
    last.end = clause.end() if clause else stop - (len(rest) - len(rest.rstrip()))


def _first_words(alternation: str) -> frozenset[str]:
    """The first word of each alternative of a verb alternation ("tar del av" -> "tar")."""
    inner = alternation.removeprefix("(?:").removesuffix(")")
    return frozenset(
        re.findall(r"[a-zåäö]+", alt)[0] for alt in inner.split("|") if re.search("[a-zåäö]", alt)
    )


#: Participles of `_PERFECT` too common to be keys ("har tagit fram", "har gett resultat"):
#: the words their alternatives need besides ("tagit beslut", "gett … i uppdrag") are keys
#: instead, as `_PERFECT_COMPANIONS`.
_WEAK_PARTICIPLES = frozenset({"gett", "sagt", "tagit", "fattat"})
_PERFECT_COMPANIONS = frozenset({"uppdrag", "ja", "nej", "beslut"})
#: Words without which `_ACTIVE` or `_PASSIVE` cannot match: a clause without any of them
#: skips those searches (most clauses of a long text hold no decision, and the subject
#: pattern is costly to try at every position). "har", the commonest verb of a text, counts
#: only through its participle ("har beslutat").
_ACTIVE_WORDS = (
    _first_words(_PRESENT)
    | _first_words(_PAST)
    | {"utser", "beslutar", "beslutade", "väljer", "godkänner", "godkände", "fastställer"}
    | {"antar", "antog", "beslutat"}
) - {"har"} | _first_words(_PERFECT) - _WEAK_PARTICIPLES
#: Words the derivation below picks up that are not verbs: adverbs and prepositions inside the
#: pattern's alternations ("lämnas nu vidare till", "fick i uppdrag"); as keys they would let
#: nearly every sentence through `may_decide`.
_NOT_PASSIVE_KEYS = frozenset({"i", "b", "nu", "vidare", "därför", "också", "ett"})
_PASSIVE_WORDS = (
    frozenset(re.findall(r"[a-zåäö]+(?=\||\)\)\\b)", _PASSIVE.pattern)) - _NOT_PASSIVE_KEYS
) | PASSIVE_KEYS_BEYOND_PATTERN
_WORD = re.compile(r"[a-zåäö]+")
#: Words without which `_INVERTED` cannot match.
_INVERTED_WORDS = (
    frozenset({"beslöt", "valde", "fastställde", "klubbade", "biföll", "avslog", "beviljade"})
    | {"tog", "fattade"}
    | _first_words(_PERFECT) - _WEAK_PARTICIPLES
)
#: Words without which no clause of a sentence is a decision (see `may_decide`).
_DECISION_WORDS = _ACTIVE_WORDS | _PASSIVE_WORDS | _first_words(_INFINITIVES)


#: The past tense of a decision verb, the form a report of decisions writes.
_PAST_FORM = re.compile(_PAST)
_PAST_KEYS = _first_words(_PAST) - {"har", "sa", "sade", "också", "även", "bland"} | {"beslutat"}
#: A sentence or a line, for `reported_decisions`.
_SENTENCE_LIKE = re.compile(r"[^.!?\n]+")


def reported_decisions(text: str) -> int:
    """How many of a body's decisions `text` reports in the past tense ("Kommunfullmäktige
    beslutade …", "I går valde fullmäktige …", "har kommunstyrelsen beslutat"): minutes and
    agendas write the present, a news page of decisions the past.

    >>> reported_decisions("Fullmäktige godkände budgeten. Kommunstyrelsen beslutar att ...")
    1
    """
    count = 0
    lowered = text.lower()
    if _PAST_KEYS.isdisjoint(_WORD.findall(lowered)):
        return 0  # most heads: one search of the whole head settles it
    for sentence in _SENTENCE_LIKE.finditer(lowered):
        if _PAST_KEYS.isdisjoint(_WORD.findall(sentence.group(0))):
            continue  # a cheap test first: the subject pattern is costly to try everywhere
        for active in _actives(text, sentence.start(), sentence.end()):
            verb = _verb_of(active)
            past = bool(
                active.groupdict().get("verb3")
                or _PAST_FORM.fullmatch(verb)
                or verb in _INVERTED_KINDS_OF_DECISION
            )
            if past and not _SUBORDINATE.search(text, max(0, active.start() - 20), active.start()):
                count += 1
    return count


def reports_a_decision(text: str) -> bool:
    """Whether `text` tells of at least one decision in the past tense, active or passive
    ("Kommunstyrelsen godkände …", "… godkändes Sverigedemokraternas besparingsförslag",
    "Beslutet togs enhälligt 21 maj")."""
    if reported_decisions(text):
        return True
    lowered = text.lower()
    if _PASSIVE_WORDS.isdisjoint(_WORD.findall(lowered)):
        return False
    return any(m.group("past") for m in _PASSIVE.finditer(text))


def may_decide(lowered: str) -> bool:
    """Whether a lower-cased sentence can hold a decision: a clause of `_clause` needs a cue
    (`decision_rules.CUE` holds one of these stems), an active or passive decision verb, or an infinitive
    decision verb. Most sentences of a long text have none and skip the clause analysis."""
    if "besl" in lowered or "försl" in lowered or "föresl" in lowered or "yrka" in lowered:
        return True
    # (a list, not a set: this runs on every sentence, and most have no key at all)
    words = _WORD.findall(lowered)
    return not _DECISION_WORDS.isdisjoint(words) or _weak_perfect(words)


def _weak_perfect(words: Collection[str]) -> bool:
    """Whether a clause's words allow one of the perfects whose participle is too common to be
    a key alone ("har gett förvaltningen i uppdrag", "har tagit beslut", "har sagt ja")."""
    return not _WEAK_PARTICIPLES.isdisjoint(words) and not _PERFECT_COMPANIONS.isdisjoint(words)


def _clause(
    text: str,
    s: int,
    e: int,
    pending: str | None,
    report: bool = False,
    notice: bool = False,
) -> tuple[list[Found], str | None]:
    """The decisions of one clause, and the kind a cue at its end announces for the next. In
    a `notice` (a kallelse, an agenda) a body that "ska" decide is the item's proposal."""
    clause = text[s:e]
    out: list[Found] = []
    cue_kind: str | None = None
    cue = None
    lowered = clause.lower()
    words = set(_WORD.findall(lowered))
    if notice and "ska" in words:
        item = _NOTICE_ITEM.search(clause)
        if item is not None and e - s - item.start("subject") <= _MAX_LENGTH:
            # "Kommunstyrelsen ska utse en justerare …", "Nämnden ska godkänna dagordningen."
            return [Found(s + item.start("subject"), e, "förslag", "notice_item")], None
    elided = (
        _ELIDED_SUBJECT.search(clause)
        if "beslutar" in words or "utser" in words or "Diarienummer" in clause
        else None
    )
    if elided is not None and e - s - elided.start() <= _MAX_LENGTH:
        proposed = lowered.endswith("förslag till beslut ", 0, elided.start())
        kind = "förslag" if proposed else pending or "beslut"
        return [Found(s + elided.start(), e, kind, "decision_elided")], None
    if (
        "besl" in lowered
        or "försl" in lowered
        or "föresl" in lowered
        or "yrka" in lowered
        or not _ELECTS.isdisjoint(words)
    ):
        for cue in CUE.finditer(clause):
            cue_kind = "förslag" if cue.group("proposal") else "beslut"
    verb_at = lowered.find("yrka")
    while verb_at >= 0:
        # The proposer stands right before the verb: searched there only.
        yrkande = _YRKANDE.search(clause, max(0, verb_at - 160), verb_at + 12)
        if yrkande is not None:
            if e - s - yrkande.start() <= _MAX_LENGTH:
                return [Found(s + yrkande.start(), e, "förslag", "yrkande")], None
            break
        verb_at = lowered.find("yrka", verb_at + 4)
    if not pending and "esl" in clause[:24] and e - s <= _MAX_LENGTH:
        lead = len(clause) - len(_strip_numbering(clause))
        if _DECIDED_AS.match(clause, lead):
            return [Found(s + lead, e, "beslut", "decision_sentence")], None
    if "styrker" in lowered:
        endorses = _OFFICE_PROPOSES.search(clause)
        if endorses is not None and endorses.group("verb3") and e - s <= _MAX_LENGTH:
            # "Stadsledningskontoret tillstyrker nämndens förslag.": the office's proposal.
            start = _clause_start(clause, endorses.start())
            return [Found(s + start, e, "förslag", "office_proposal")], None
    active = _first_active(clause, words)
    if active is None and not (report or notice) and ("kommun " in clause or "Region " in clause):
        # "Örebro kommun avskriver kronor på …": the municipality as the minutes' subject
        active = MUNICIPALITY_DECIDES.search(clause)
    if cue is not None:
        items = _items(clause, cue.end())
        if items and active and active.start() < cue.start() and "föreslår" in clause[: cue.end()]:
            # "Kommunstyrelsen föreslår kommunfullmäktige besluta 1. anta ..."
            start = _clause_start(clause, _verb_start(active))
            out.append(Found(s + start, s + cue.end(), "förslag", "decision_sentence"))
        for i_s, i_e in items:
            out.append(Found(s + i_s, s + i_e, cue_kind or "beslut", "decision_item"))
        if items:
            return out, None
        if not clause[cue.end() :].strip(" :.0123456789\n\t•–"):
            if active and active.end() <= cue.start() and cue.group("proposal"):
                verb = _verb_of(active)
                if verb.endswith(("ar", "er")) and not verb.startswith("föresl"):
                    # "Kommunstyrelsen bifaller ordförandens förslag.": the decision itself.
                    start = _clause_start(clause, _verb_start(active))
                    return [Found(s + start, e, "beslut", "decision_sentence")], None
            return out, cue_kind  # the items follow in the next clause
        rest = _CUE_CLOSES_LINE.match(clause, cue.end())
        if rest is not None and cue.group("proposal") and len(clause[rest.end() :].split()) >= 3:
            # "Sverigedemokraterna yrkar:\nbifall till motionen att ...": the proposal is the
            # rest of the clause, whatever its wording.
            return [Found(s + rest.end(), e, "förslag", "decision_item")], None
        pending = cue_kind  # "Förslag till beslut Kommunstyrelsen godkänner ..."
    elif pending:
        # The clause after a cue that ended the clause before ("Ordförandens förslag 1.").
        body = _strip_numbering(clause)
        items = _items(clause, 0) if _ITEM.match(clause) else []
        bullet = _LINE_BULLET.search(clause) if not items else None
        if bullet is not None and not active:
            # the first point's bullet left with the sentence before: "Jan Lilja (SD) som
            # nämndeman …\n • Pontus Lindström (S) som ersättare …"
            lead_point = clause[: bullet.start()].rstrip(" ,;\n\t")
            items = [(0, len(lead_point)), *_items(clause, bullet.start())]
        if len(items) > 1 and not active:  # "2. att ... 3. att ...": one point each
            return [
                Found(s + i_s, s + i_e, pending, "decision_item") for i_s, i_e in items
            ], pending
        if len(body.split()) >= 3 and not active:
            return [Found(s + len(clause) - len(body), e, pending, "decision_item")], pending
    if _INFINITIVE.match(_strip_numbering(clause)) and (
        pending or _ITEM.match(clause.lstrip()) or not _IMPERATIVE.match(clause.lstrip())
    ):
        items = _items(clause, 0)
        if items:
            for i_s, i_e in items:
                out.append(Found(s + i_s, s + i_e, pending or "beslut", "decision_item"))
            return out, None
    if not active and "föreslå" in lowered:
        office = _OFFICE_PROPOSES.search(clause)
        if office is not None and not _SUBORDINATE.search(clause[: office.start()]):
            # "Kommunstyrelseförvaltningen föreslår kommunstyrelsen att godkänna ...", "Därför
            # föreslår Koncernkontoret att ...": an office's proposal to its body.
            verb = next(g for g in ("verb", "verb2", "verb3") if office.group(g))
            start = _clause_start(clause, office.start(verb))
            if e - s - start <= _MAX_LENGTH:
                return [Found(s + start, e, "förslag", "office_proposal")], None
    if active and _SUBORDINATE.search(clause[: active.start()]):
        active = None  # "... det uppdrag som tekniska nämnden gav ..."
    if active and (active.groupdict().get("subject") or "").lower()[:-1].endswith(_STATE_BOARDS):
        active = None  # "Länsstyrelsen avvisar begäran …": a state agency's decision, told
    if active and PAGE_OF_DECISIONS.match(clause):
        active = None  # the page's heading: "Så beslutade kommunfullmäktige den 17 oktober"
    if active and not _SAYS_NOTHING.fullmatch(clause, active.end()):
        verb = _verb_of(active)
        past = not verb.endswith(("ar", "er", "ör")) or verb.startswith("har ")
        # (a date after the verb, or inside the perfect: "Nämnden har den 28 augusti 2018
        # beslutat att …", cites an earlier decision)
        cited = (
            _CITED.match(clause, active.end())
            or (verb.startswith("har ") and _YEAR.search(verb))
            # "I april 2009 fattade landstingsfullmäktige beslut om …": background
            or (verb in _INVERTED_KINDS_OF_DECISION and _YEAR.search(clause, 0, active.start()))
        )
        if not (past and not report and cited):
            start = _clause_start(clause, _verb_start(active))
            kind = "förslag" if verb.startswith("föreslå") else pending or "beslut"
            if e - s - start <= _MAX_LENGTH:
                out.append(Found(s + start, e, kind, "decision_sentence"))
                return out, None
    passive = _PASSIVE.search(clause) if words & _PASSIVE_WORDS else None
    if passive is None and words & _PASSIVE_WORDS:
        # The verb first, in the past, as older minutes write: "Utsågs Anna Ek att justera
        # dagens protokoll.", "Godkändes upprättad föredragningslista." (Not the present:
        # "Utses att justera" is a cover's label.)
        lead = len(clause) - len(_strip_numbering(clause))
        if clause[lead : lead + 1].isupper():
            first = _PASSIVE.match(clause[:lead] + clause[lead].lower() + clause[lead + 1 :], lead)
            passive = first if first is not None and first.group("past") else None
    if (
        passive
        and passive.group("past")
        and (
            _CITED.match(clause, passive.end())
            if report
            else _YEAR.search(clause, passive.end(), passive.end() + 60)
        )
    ):
        # "Detaljplanen antogs 2015": background; in a report of decisions only a date right
        # after the verb makes it so ("... antogs delårsbokslutet för första halvåret 2012" is
        # the news).
        passive = None
    if passive and clause.startswith(_BY_ELECTION, passive.end()):
        passive = None  # "Ledamöterna utses genom allmänna val.": how, not a decision
    if passive and _ASKS.search(clause[: passive.start()]):
        # "Ordföranden efterhör om dagordningen godkännes": a question; "Länsstyrelsen meddelar
        # att Eva Ek (C) utses till ledamot": another authority's decision, told
        passive = None
    if passive:
        start = _clause_start(clause, passive.start())
        if (
            cue is not None
            and cue.end() < start
            and len(clause[cue.end() : passive.start()].split()) <= _MAX_WORDS_AFTER_CUE
        ):
            # "Förslag till beslut Kommunstyrelsens förslag till kommunfullmäktige
            # Förskolenämndens beställning av ... i Trångsund, godkänns.": the point runs from
            # the cue, not from the last capitalised word (a place inside its subject).
            start = _skip_gap(clause, cue.end())
        elif len(clause[start : passive.start()].split()) > _MAX_WORDS_BEFORE_PASSIVE * (
            3 if report and passive.group("past") else 1
        ):
            # (a report's past may have a long subject: "En lokal rutin för hur … antogs också.")
            return out, None
        if e - s - start <= _MAX_LENGTH:
            kind = "förslag" if passive.group("verb") == "föreslås" else pending or "beslut"
            out.append(Found(s + start, e, kind, "decision_passive"))
    if (
        not out
        and cue is not None
        and cue.group("proposal")
        # (the clause opens with a cue: "Förslag till beslut Kommunstyrelsens förslag till …")
        and CUE.match(clause, len(clause) - len(clause.lstrip())) is not None
        and clause.rstrip().endswith(".")
        and len(clause[cue.end() :].split()) >= _PROPOSAL_WORDS
        and e - s <= _MAX_LENGTH
    ):
        # A proposal heading flattened onto its wording, whatever the verb: "Kommunstyrelsens
        # förslag till kommunfullmäktige Huddinge kommun, som …, avstår från att acceptera
        # erbjudandet."
        out.append(Found(s + _skip_gap(clause, cue.end()), e, "förslag", "decision_item"))
    return out, None


def _heading_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a short line of its own (a heading), maybe followed by the
    number of the first item on the next line ("Nämndens förslag till beslut\n1.")."""
    first, newline, rest = text[start:end].partition("\n")
    return (
        (start == 0 or text[start - 1] == "\n")
        and len(first.split()) <= 8
        and (bool(newline) or text[end : end + 4].lstrip(" \t").startswith("\n"))
        and _ITEM_NUMBER.fullmatch(rest) is not None
    )


def _verb_start(active: re.Match[str]) -> int:
    return active.start("verb") if active.groupdict().get("verb") else active.start()


def _verb_of(active: re.Match[str]) -> str:
    """The verb of an `_ACTIVE` or `_INVERTED` match ("har … beslutat" for the perfect)."""
    groups = active.groupdict()
    return groups.get("verb") or groups.get("verb2") or groups.get("verb3") or ""


def _first_active(clause: str, words: set[str]) -> re.Match[str] | None:
    """The first body-and-verb of a clause: `_ACTIVE`'s, or `_INVERTED`'s where it stands first."""
    weak = _weak_perfect(words)
    active = _ACTIVE.search(clause) if words & _ACTIVE_WORDS or weak else None
    if words & _INVERTED_WORDS or weak:
        inverted = _INVERTED.search(clause, 0, active.start() if active else len(clause))
        if inverted is not None:
            return inverted
    return active


def _actives(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Every body-and-verb of `text[start:end]`, both patterns', in order."""
    found = list(_ACTIVE.finditer(text, start, end)) + list(_INVERTED.finditer(text, start, end))
    return sorted(found, key=lambda m: m.start())


def _numbered_next(text: str, end: int, limit: int, kind: str | None) -> str | None:
    """`kind` when the clause after `end` opens with a number ("2. Paragrafen ...") or, on a
    line of its own, a bullet ("\n • Återrapporteringen ... tas emot.")."""
    return kind if _NEXT_NUMBERED.match(text, end, limit) else None


#: What may stand between a cue and its first point: spaces, a colon, a dash used as one
#: ("Förslag till kommunfullmäktige – att remittera motionen").
_GAP = re.compile(r"(?:[ :\n\t]|[–—-](?=\s))*")


def _skip_gap(text: str, pos: int) -> int:
    """The first position at or after `pos` that is no space, tab, line break, colon or dash."""
    return _GAP.match(text, pos).end()  # type: ignore[union-attr]


def _strip_numbering(clause: str) -> str:
    return re.sub(r"^\s*(?:\d{1,2}[.)]|[-•–])?\s*", "", clause)


def _items(clause: str, start: int) -> list[tuple[int, int]]:
    """Numbered items, att-clauses or one clause with an infinitive decision verb after
    `start`."""
    rest = clause[start:]
    lead = _skip_gap(clause, start) - start
    bounds = [m.end() - start for m in _ITEM.finditer(clause, start)]
    if not bounds:
        bounds = [lead + m.start("att") for m in _ATT.finditer(rest[lead:])]
        cue_att = _CUE_ENDS_WITH_ATT.search(clause, max(0, start - 6), start)
        if bounds and bounds[0] > lead and cue_att is not None:
            # "… föreslår kommunstyrelsen besluta att godkänna A, att godkänna B": the cue
            # took the first point's "att"; the point starts there.
            bounds.insert(0, cue_att.start() - start)
    if not bounds:
        body = rest[lead:]
        if _INFINITIVE.match(body) or body.startswith(("Att ", "att ")):
            bounds = [lead]
        else:
            return []
    out = []
    for k, b in enumerate(bounds):
        nxt = bounds[k + 1] if k + 1 < len(bounds) else len(rest)
        piece = clause[start + b : start + nxt]
        # Cut the numbering of the next item off the end.
        piece = re.sub(_NOT_AN_ITEM + r"\s+(?:\d{1,2}[.)]|[-•–])\s*$", "", piece).rstrip(" ,;\n\t")
        # The conjunction before the next att-sats: "att komplettera hållplatsen och\natt ..."
        piece = _JOINING_CONJUNCTION.sub("", piece) if k + 1 < len(bounds) else piece
        # Three words at least, or a verb and its object ("Godkänna informationen.").
        if len(piece.split()) >= 3 or (len(piece.split()) == 2 and _INFINITIVE.match(piece)):
            out.append((start + b, start + b + len(piece)))
    return out


def _clause_start(clause: str, before: int) -> int:
    """Where the clause that holds position `before` starts: at the last capitalised word before
    it (junk of a flattened page, a heading, stays out), widened over a person's name and party
    tag ("Sophie Silverryd (M) valdes ...")."""
    head = clause[:before]
    found = _FINDS_THAT.search(head)
    if found is not None:
        # "Ordföranden frågar på vart och ett av yrkandena och finner att landstingsstyrelsen
        # bifaller beredningens förslag": the decision is what the chair finds.
        return found.start("subject")
    named = re.search(
        r"(?:^|\s)(?P<given>[A-ZÅÄÖ][\wåäö-]+)(?: [A-ZÅÄÖ][\wåäö-]+){1,2}"
        r"(?: \([A-ZÅÄÖa-zåäö]{1,4}\))?\s*$",
        head,
    )
    if named and is_given_name(named.group("given")):
        return named.start("given")
    starts = [m.start() for m in re.finditer(r"(?:(?<=\s)|^)[A-ZÅÄÖ]", head)]
    if not starts:
        return 0
    k = len(starts) - 1
    # "Ett önskemål om hundrastgård i Tierp besvaras": the phrase starts at "Ett", as long as
    # it stays a phrase's length.
    while k > 0 and len(head[starts[k - 1] :].split()) <= _MAX_WORDS_BEFORE_PASSIVE:
        words_before = head[: starts[k]].split()
        if not words_before or words_before[-1] not in _INSIDE_PHRASE:
            break
        k -= 1
    return starts[k]
