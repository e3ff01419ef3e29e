"""Swedish extraction: one `ParsedDocument` in, one `Extraction` out.

>>> from extractors.base import Page, ParsedDocument
>>> text = "Datum\\n\\n2020-08-17\\n\\nTjänsteskrivelse\\n\\nModell TN-2019-3825\\n\\n" \\
...     "Förslag till beslut\\n\\nTekniska nämnden föreslås besluta\\n\\natt godkänna modellen\\n"
>>> doc = ParsedDocument("x.txt", "x", "text", text, [Page(1, 0, len(text))])
>>> e = extract(doc)
>>> e.doc_type, e.date, e.own_case_numbers, [d.text for d in e.decisions]
('tjänsteskrivelse', '2020-08-17', ['TN-2019-3825'], ['godkänna modellen'])

Choices (documented here because tests and analysts depend on them):

* Decisions: one `Decision` per sentence of a "Förslag till beslut", "Beslut", "Överenskommelse"
  or "<Body>s beslut" section, or per "att"-clause when the section is a lead sentence ("X
  föreslås besluta") with att-clauses. In a protokoll each § (or numbered item, "punkt 3")
  contributes its sentences, with the § and the § heading's Dnr; page furniture (page headers,
  "Justerandes sign", signature notices) is cut out first. "Förslag till beslut på
  sammanträdet" (motions made at the meeting) is not a decision. An agenda table's cells after
  the Beteckning are cut at each "Förslag till beslut [i X]": every sentence after one is a
  decision point of X; other sentences need a decision verb. A colon that introduces quoted
  wording ("... så att den lyder:") keeps the quote in its decision. Narrative documents
  (årsredovisning, webbsida, okänd) and reports inside a bundle of handlingar yield prose
  sentences in which a body "beslutade/antog/har beslutat" something.
* Decision-maker: the body that opens the sentence (not one after "Till"), else the body of the
  heading or lead, else (minutes) the body of the protokoll.
* Case numbers: series-less own numbers take the series of the document's body (see
  `_attribute_series`).
* Authors: the body of an own case number's series; an office in a letterhead or footer next to
  a postal address; "<office>s tjänsteskrivelse" listed by a tjänsteskrivelse itself; "Framtagen
  av: ...".
* A bundle of handlingar is split into parts (kallelse, tjänsteskrivelse, protokoll, rapport,
  brev) by their opening lines; a year-less date reads in the year of the nearest header date.
* Abbreviations of bodies ("KS") that are part of a case number ("KS 2014/0316") are not
  committee mentions; the series of an *own* case number makes its body the author instead.
* A protokoll of one § (not § 1) is a protokollsutdrag.
* Persons: see `extractors.persons` (this module re-exports `split_name_title`, `job_titles`).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractors import committees, header
from extractors.base import ParsedDocument
from extractors.case_number_rules import (
    CASE_COLUMN_HEADINGS,
    LOOKALIKE_CONTEXT,
    NOT_CASE_LABEL,
    STATUTE_BEFORE,
)
from extractors.dates import RawDate, find_raw_dates, parse_iso, resolve
from extractors.decisions import find_decisions
from extractors.diarienummer import (
    CaseNumberMatch,
    find_case_numbers,
    is_case_cell,
    normalize,
    parse_value,
)
from extractors.doctype import Line, classify, is_toc_entry, lines_of, nonblank
from extractors.model import (
    PROPOSING_TYPES,
    CaseNumber,
    Committee,
    CommitteeRole,
    DateMention,
    Decision,
    Extraction,
    Meeting,
    Person,
    Place,
    Section,
)
from extractors.nlp import CASE_NUMBERS_KEY, DATES_KEY, build_pipeline, normalize_space, run
from extractors.persons import find_persons, job_titles, split_name_title

__all__ = ["Extractor", "default_extractor", "extract", "job_titles", "split_name_title"]

# --------------------------------------------------------------------------- rule data

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
    "ekonomiska konsekvenser": "konsekvenser",
    "konsekvenser": "konsekvenser",
    "förslag till beslut på sammanträdet": "yrkanden",
    "beslutsmotivering": "motivering",
    "deltar inte i beslut": "jäv",
    "deltar inte i beslutet": "jäv",
    "upplysning": "upplysning",
    "expedierat/bestyrkt": "expedierat",
}
#: "Förslag till beslut i byggnadsnämnden": the body after "i" decides.
_PROPOSAL_HEADING = re.compile(r"(?i)^förslag till beslut(?: (?:i|för) (?P<body>.+))?$")
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
#: Verbs that make a sentence a decision: active with a body as subject, passive, and the
#: wording of noting ("antecknar informationen", "har tagit del av").
DECISION_VERBS = re.compile(
    r"(?i)\b(?:beslutar|föreslås besluta|lämnar yttrande|antar|godkänner|fastställer|noterar|"
    r"avslår|bifaller|tillstyrker|avstyrker|uppdrar|ger .{0,40}i uppdrag|lämnar besked|"
    r"översänder|överlämnar|förklarar|beviljar|utser|väljer|antecknar|har tagit del|remitterar|"
    r"upphäver|reviderar|anser .{0,40}besvarad|"
    r"antas|godkänns|godkännes|fastställs|noteras|utses|beviljas|avslås|bifalls|upphävs|delges|"
    r"remitteras|upphör)\b"
)
#: Past-tense decision verbs of narrative prose ("Kommunfullmäktige beslutade ...").
PROSE_DECISION_VERBS = re.compile(
    r"(?i)\b(?:beslutade|beslöt|antog|fastställde|godkände|har beslutat)\b"
)
#: Page furniture of converted protokoll and handlingar: never part of a decision or a sentence.
FURNITURE = re.compile(
    r"(?i)expedierat/bestyrkt|det här dokumentet är digitalt signerat|transaktionsidentitet|"
    r"justerandes sign|utdragsbestyrkande|<!--|^\d+\s*\(\d+\)$"
)
#: The first line of a page header: "KUNGSBACKA KOMMUN  SAMMANTRÄDESPROTOKOLL  3 (4)".
_PAGE_HEADER = re.compile(r"^[A-ZÅÄÖ]{3,}\s+KOMMUN\b|SAMMANTRÄDES(?:PROTOKOLL|ANTECKNINGAR)")
#: A page header's continuation lines after "KUNGSBACKA KOMMUN  SAMMANTRÄDESPROTOKOLL  3 (4)".
_HEADER_CONTINUATION = re.compile(
    r"(?i)^(?:datum|sammanträdesdatum(?:\s+\d{4}-\d\d-\d\d)?|\d{4}-\d\d-\d\d|\d+\s*\(\d+\))$"
)
#: Section kinds whose sentences are decision points.
DECISION_SECTIONS = ("förslag till beslut", "beslut", "överenskommelse")
#: "Kommunstyrelsens beslut" / "Kommunledningsutskottets förslag" as a heading.
_BODY_HEADING = re.compile(r"^(?P<body>[A-ZÅÄÖa-zåäö&,\- ]{3,60}?)s (?P<what>beslut|förslag)$")
#: Within an agenda cell: "Förslag till beslut i kommunstyrelsen [under förutsättning av ... ovan]".
_CELL_PROPOSAL = re.compile(
    r"(?i)förslag till beslut(?:\s+(?:i|för)\s+(?P<body>[^.<]{3,70}?))?"
    r"(?:\s+under förutsättning av\b.{0,80}?\bovan\b)?(?=\s+[A-ZÅÄÖ]|\s*<br>|\s*$)"
)
#: A colon that introduces quoted wording belongs to one decision with the quote.
_QUOTE_INTRO = re.compile(r"(?i)\b(?:lyder|lyda|lydelse|följande innehåll)\s*:")
#: A period after these does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?i)(?:\b(?:t\.ex|m\.fl|bl\.a|d\.v\.s|dvs|kl|tf|t\.f|p\.g\.a|resp|ca|nr|jfr|s\.k|"
    r"fr\.o\.m|t\.o\.m|inkl|exkl|kap|prop|st|sid))$"
)
#: Words that cannot end a sentence: a blank line after them is a page or column break.
_CONNECTOR_END = re.compile(
    r"(?i)(?:[,;:]|\b(?:och|av|för|till|att|i|på|med|om|som|samt|eller|från|mellan|inom|under|"
    r"enligt|vid|mot|den|det|de|en|ett|är|har|ska|kan))$"
)
# A blank line ends a sentence only before a capital: converted PDFs break lines mid-sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?:\s|<br>)+(?=[A-ZÅÄÖ])|\n[ \t]*\n(?=[ \t]*[A-ZÅÄÖ])")
# In a decision section, a line that starts with a capital and carries a decision verb starts a
# new decision ("(S) Folke Karlsson\nTill ordförande utses Ewa Engdahl ...").
_DECISION_LINE = re.compile(r"\n(?=[ \t]*[A-ZÅÄÖ][^\n]*?" + DECISION_VERBS.pattern[4:] + ")")
_ATT_CLAUSE = re.compile(r"(?m)^[ \t]*(?:[-•][ \t]*)?(?:\*\*)?att(?:\*\*)?[ \t]+")
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|[-•])\s*")
# "§ 93", "KS § 3 b"; not "KU § 317 06-12-05" (an earlier decision cited with its date).
_PARAGRAPH_HEADING = re.compile(
    r"^[ \t]*(?:[A-ZÅÄÖ]{1,6}[ \t]+)?§[ \t]*(?P<num>\d+(?:[ \t]?[a-z]\b)?)(?![ \t]*\d{2}-\d\d-\d\d)"
    r"(?![ \t]*(?:19|20)\d\d-\d\d-\d\d)(?!\w)"
)

ROLE_STRENGTH = {"own": 2, "referenced": 1, "unknown": 0}
COMMITTEE_ROLES: tuple[CommitteeRole, ...] = ("decision_maker", "author", "recipient", "mentioned")


# --------------------------------------------------------------------------- helpers


@dataclass
class _Heading:
    kind: str
    heading: str
    start: int  # of the heading text
    heading_end: int  # end of the heading line
    line: int
    body: str | None = None  # for "Förslag till beslut i X"


@dataclass
class _Context:
    doc: ParsedDocument
    text: str
    lines: list[Line]
    spacy_doc: Doc
    doc_type: str = "okänd"
    type_line: int | None = None
    cases: list[CaseNumberMatch] = field(default_factory=list)
    mentions: list[tuple[str, int, int, str]] = field(default_factory=list)
    roles: dict[str, set[str]] = field(default_factory=dict)
    headings: list[_Heading] = field(default_factory=list)
    agenda_cells: list[tuple[int, int]] = field(default_factory=list)
    table_rows: list[list[tuple[str, int, int]]] | None = None
    sections: list[Section] = field(default_factory=list)
    title: str = ""
    title_span: tuple[int, int] | None = None
    doc_body: str | None = None  # the protokoll's / kallelse's body
    furniture: list[tuple[int, int]] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)


@dataclass
class _Part:
    """One document inside a bundle of handlingar (or the whole document): where it starts,
    its kind ("tjänsteskrivelse", "protokoll", "rapport", "brev", ...) and, for minutes, the body
    named under the page header."""

    start: int
    kind: str
    body: str | None = None


def _line_index(lines: list[Line], offset: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _furniture_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """Spans of page furniture: signature notices, "Justerandes sign", page numbers, and each
    page header with the lines that repeat under it (the body, "Datum", the date)."""
    spans = []
    header_left = 0
    for line in lines:
        clean = line.clean
        if not clean:
            continue
        if _PAGE_HEADER.search(clean):
            spans.append((line.start, line.end))
            header_left = 4
            continue
        if header_left:
            header_left -= 1
            if _HEADER_CONTINUATION.match(clean) or committees.lookup(clean):
                spans.append((line.start, line.end))
                continue
            header_left = 0
        if FURNITURE.search(clean):
            spans.append((line.start, line.end))
    return spans


#: Lines that open one document of a bundle, and the kind of that document.
_PART_HEADINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^KALLELSE\b"), "kallelse"),
    (re.compile(r"^TJÄNSTESKRIVELSE\b"), "tjänsteskrivelse"),
    (re.compile(r"^YTTRANDE\b"), "yttrande"),
    (re.compile(r"^(?:REMISS|MOTION|BESLUT|SKRIVELSE)\b"), "skrivelse"),
    (
        re.compile(r"SAMMANTRÄDES(?:PROTOKOLL|ANTECKNINGAR)|^(?:[A-ZÅÄÖ]+ KOMMUN )?PROTOKOLL\b"),
        "protokoll",
    ),
    (re.compile(r"^Från:\s"), "brev"),
)
_REPORT_HEADING = re.compile(r"(?i)^(?:delårsrapport|årsredovisning|verksamhetsberättelse)\b")


def _document_parts(lines: list[Line], doc_type: str) -> list[_Part]:
    """The documents a text is made of, in order (one part for a plain document)."""
    parts = [_Part(0, doc_type)]
    for i, line in enumerate(lines):
        clean = line.clean
        if not clean:
            continue
        kind = next((k for pattern, k in _PART_HEADINGS if pattern.search(clean)), None)
        if kind is None and _REPORT_HEADING.match(clean):
            # A report starts where its title is followed by a table of contents.
            ahead = [lines[j].clean.lower() for j in range(i + 1, min(len(lines), i + 14))]
            if any(a.startswith(("innehåll", "innehållsförteckning")) for a in ahead):
                kind = "rapport"
        if kind is None or (kind == parts[-1].kind and kind in ("protokoll", "rapport")):
            continue  # a repeated page header is not a new document
        body = None
        if kind == "protokoll":
            nxt = _next_nonblank(lines, i)
            body = committees.find_in_line(clean) or (
                committees.lookup(lines[nxt].clean) if nxt is not None else None
            )
        if kind == "brev" and parts[-1].kind == "brev":
            continue
        parts.append(_Part(line.start, kind, body))
    return parts


def _part_at(ctx: _Context, offset: int) -> _Part:
    part = ctx.parts[0]
    for candidate in ctx.parts:
        if candidate.start > offset:
            break
        part = candidate
    return part


def _next_nonblank(lines: list[Line], index: int, skip: Iterable[str] = ()) -> int | None:
    skipped = set(skip)
    for j in range(index + 1, min(len(lines), index + 12)):
        clean = lines[j].clean
        if clean and clean not in skipped and not re.fullmatch(r"[.\s_]+", clean):
            return j
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n*#-•":
        start += 1
    while end > start and text[end - 1] in " \t\n*#":
        end -= 1
    return start, end


def _ends_with_connector(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with a word or sign that cannot end a sentence.

    Only the last words are looked at: searching all of text[start:end] at every break
    made splitting a 300-page annual report quadratic.

    >>> _ends_with_connector("byggnation av  ", 0, 15), _ends_with_connector("beslut.", 0, 7)
    (True, False)
    """
    while end > start and text[end - 1] in " \t*":
        end -= 1
    return _CONNECTOR_END.search(text, max(start, end - 40), end) is not None


def _sentences(
    text: str,
    start: int,
    end: int,
    furniture: Iterable[tuple[int, int]] = (),
    decision: bool = False,
) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end].

    A sentence ends at ". X" (not after "t.ex.", "kl." ...) and at a blank line before a capital,
    unless the text before the blank line cannot end a sentence ("... byggnation av\n\nVA-
    ledningar": a page or column break of a converted PDF). Page furniture (`furniture` spans)
    is cut out. In a decision section (`decision`) a line starting with a capital and carrying
    a decision verb also starts a sentence. Sentences after a colon that introduces quoted
    wording ("... så att den lyder: Nämnden är ...") stay with it.
    """
    cuts: list[tuple[int, int]] = [
        (max(a, start), min(b, end)) for a, b in furniture if a < end and start < b
    ]
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.group(0).startswith("\n") and "\n" in match.group(0)[1:]:
            if _ends_with_connector(text, start, match.start()):
                continue
        else:
            word = re.search(r"[\w.]*\.$", text[max(start, match.start() - 12) : match.start()])
            if word and _ABBREVIATION.search(word.group(0)[:-1]):
                continue
        cuts.append(match.span())
    if decision:
        for match in _DECISION_LINE.finditer(text, start, end):
            if not _ends_with_connector(text, start, match.start()):
                cuts.append(match.span())
    cuts.sort()
    spans = []
    pos = start
    for a, b in cuts:
        if a < pos:
            pos = max(pos, b)
            continue
        s, e = _trim(text, pos, a)
        if e > s:
            spans.append((s, e))
        pos = b
    s, e = _trim(text, pos, end)
    if e > s:
        spans.append((s, e))
    return _merge_quotes(text, spans)


def _merge_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    quoting = False
    for s, e in spans:
        if quoting and out and not DECISION_VERBS.search(text, s, e):
            out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
        quoting = bool(_QUOTE_INTRO.search(text, s, e))
    return out


def _add_role(ctx: _Context, name: str | None, role: str) -> None:
    if name:
        ctx.roles.setdefault(name, set()).add(role)


# --------------------------------------------------------------------------- extractor


class Extractor:
    """Rule-based extraction on a spaCy pipeline (see `extractors.nlp.build_pipeline`)."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, built on first use: a run with nothing new to read (most
        nights) should not pay the seconds it takes to load the lookup tables."""
        if self._nlp is None:
            self._nlp = build_pipeline(self.model)
        return self._nlp

    def extract(self, doc: ParsedDocument) -> Extraction:
        text = doc.text
        # Lemmas are not used by the rules; the lemmatizer stays in the pipeline for other users.
        spacy_doc = run(self.nlp, text, disable=("lemmatizer",))
        ctx = _Context(doc=doc, text=text, lines=lines_of(text), spacy_doc=spacy_doc)
        ctx.cases = list(spacy_doc.user_data.get(CASE_NUMBERS_KEY) or find_case_numbers(text))
        ctx.cases += _table_case_numbers(ctx)
        from_tables = _pdf_table_case_numbers(ctx)
        if from_tables:
            # The table's cell is the authority where the running text's reading order glued
            # another cell's digits onto a wrapped number.
            ctx.cases = [
                c
                for c in ctx.cases
                if not any(t.start < c.end and c.start < t.end for t in from_tables)
            ]
            ctx.cases += from_tables
        ctx.cases.sort(key=lambda c: c.start)
        ctx.doc_type, _, ctx.type_line = _doc_type(ctx, doc.format)
        ctx.furniture = _furniture_spans(ctx.lines)
        ctx.parts = _document_parts(ctx.lines, ctx.doc_type)
        self._mentions(ctx)
        self._headings(ctx)
        date, date_span = _document_date(ctx)
        ctx.doc_body = _header_body(ctx)
        issuer = header.issuing_body(text)
        if ctx.doc_body is None and ctx.doc_type in header.MEETING_TYPES and issuer:
            ctx.doc_body = issuer[0]
        _attribute_series(ctx)
        meeting = _meeting(ctx, date, date_span)
        if (
            date is None
            and meeting is not None
            and ctx.doc_type in ("protokoll", "protokollsutdrag")
        ):
            # The minutes' date is their meeting's date.
            date, date_span = meeting.date, (meeting.start, meeting.end)
        if date is None:
            labelled = header.document_date(text)
            if labelled is not None:
                date, date_span = labelled[0], (labelled[1], labelled[2])
        year = int(date[:4]) if date else None
        if year is None and ctx.doc_type in ("årsredovisning", "delårsrapport"):
            year = _report_year(text)
        if meeting is not None:
            meeting.page = doc.page_at(meeting.start)
        self._title(ctx, date, meeting)
        if ctx.doc_type == "handlingar" and not ctx.doc_body and ctx.title:
            # A bundle without a kallelse page: its first document's title stands for it.
            documents = sum(p.kind != "brev" for p in ctx.parts[1:])
            ctx.title = f"Handlingar: {ctx.title}" + (" m.fl." if documents > 1 else "")
        decisions = _decisions(ctx)
        case_numbers = _case_roles(ctx, decisions, meeting)
        own = [c for c in case_numbers if c.role == "own"]
        for decision in decisions:
            if decision.case_number is None and own:
                before = [c for c in own if c.start <= decision.start]
                decision.case_number = (before[-1] if before else own[0]).normalized
        dates = _dates(ctx, year, date_span, meeting)
        committees_out = _committees(ctx, case_numbers, decisions, meeting)
        body = ctx.doc_body or (issuer[0] if issuer else None)
        if body is None and meeting is not None:
            body = meeting.committee
        if body is None and ctx.doc_type in header.MEETING_TYPES:
            # Minutes and notices whose head does not name their body (a flattened cover):
            # the deciding body the text names most.
            body = _most_named_body(ctx)
        return Extraction(
            source=doc.source,
            sha256=doc.sha256,
            doc_type=ctx.doc_type,
            title=ctx.title or (doc.title_hint or ""),
            date=date,
            year=year,
            body=body,
            case_numbers=case_numbers,
            committees=committees_out,
            meeting=meeting,
            dates=dates,
            decisions=decisions,
            persons=_persons(ctx),
            places=_places(ctx),
            sections=ctx.sections,
        )

    # ----------------------------------------------------------------- mentions

    def _mentions(self, ctx: _Context) -> None:
        case_spans = [(c.start, c.end) for c in ctx.cases]
        spans = list(ctx.spacy_doc.spans.get("committees", []))
        spans += list(ctx.spacy_doc.spans.get("committee_abbreviations", []))
        for span in spans:
            start, end = span.start_char, span.end_char
            if any(s < end and start < e for s, e in case_spans):
                continue  # "KS" of "KS 2014/0316"
            rule = "gazetteer_abbreviation" if span.id_ == "abbreviation" else "gazetteer"
            ctx.mentions.append((span.label_, start, end, rule))
        # Bodies the gazetteer does not know, by Swedish morphology; a longer name found this
        # way replaces the gazetteer's shorter match inside it ("kultur- och fritidsnämnden",
        # not "fritidsnämnden").
        for body in committees.find_bodies(ctx.text):
            name = committees.canonical_body(body.name)
            inside = [m for m in ctx.mentions if body.start <= m[1] and m[2] <= body.end]
            if any(m[0] == name for m in inside):
                continue
            if any(m[1] < body.end and body.start < m[2] for m in ctx.mentions if m not in inside):
                continue
            if any(s < body.end and body.start < e for s, e in case_spans):
                continue
            for m in inside:
                ctx.mentions.remove(m)
            ctx.mentions.append((name, body.start, body.end, "morphology"))
        for name, *_ in ctx.mentions:
            _add_role(ctx, name, "mentioned")
        # A body only ever named inside a longer name is not mentioned on its own.
        named = {m[0] for m in ctx.mentions}
        for name in list(ctx.roles):
            if name not in named and ctx.roles[name] == {"mentioned"}:
                del ctx.roles[name]
        ctx.mentions.sort(key=lambda m: m[1])

    def _headings(self, ctx: _Context) -> None:
        lines, text = ctx.lines, ctx.text
        headings: list[_Heading] = []
        for i, line in enumerate(lines):
            clean = line.clean.rstrip(":")
            key = clean.lower()
            if not clean or len(clean) > 80:
                continue
            para = _PARAGRAPH_HEADING.match(line.raw)
            if para and not is_toc_entry(lines, i):
                s = line.start + line.raw.index("§")
                headings.append(_Heading("paragraf", f"§ {para.group('num')}", s, line.end, i))
                continue
            if i == ctx.type_line:
                continue
            kind = SECTION_HEADINGS.get(key)
            body = None
            if kind is None:
                proposal = _PROPOSAL_HEADING.match(clean)
                if proposal:
                    kind = "förslag till beslut"
                    body = committees.lookup(
                        proposal.group("body") or ""
                    ) or committees.find_in_line(proposal.group("body") or "")
            if kind is None:
                # "Kommunstyrelsens beslut" (the decision) / "Kommunledningsutskottets förslag"
                # (an earlier proposal quoted as background).
                owned = _BODY_HEADING.match(clean)
                named = committees.lookup(owned.group("body")) if owned else None
                if owned and named:
                    kind = "beslut" if owned.group("what") == "beslut" else "tidigare förslag"
                    body = named
            if kind is None:
                # A heading glued to the end of a bold line: "TN-2019-3825****Sammanfattning**".
                glued = re.search(r"\*{3,}(?P<h>[^*]{3,40})\*\*\s*$", line.raw)
                if glued and glued.group("h").strip().lower() in SECTION_HEADINGS:
                    h = glued.group("h").strip()
                    s = line.start + glued.start("h")
                    headings.append(_Heading(SECTION_HEADINGS[h.lower()], h, s, line.end, i))
                continue
            offset = line.raw.find(clean[:3]) if clean[:3] in line.raw else 0
            heading_end = line.end
            # "Förslag till beslut i kommunstyrelsen under förutsättning av\n<continuation>"
            if (
                body is not None
                and re.search(r"\b(?:av|om|för|till|att)$", clean)
                and i + 1 < len(lines)
            ):
                heading_end = lines[i + 1].end
            headings.append(_Heading(kind, clean, line.start + offset, heading_end, i, body))
        if ctx.doc_type in ("protokoll", "protokollsutdrag") and not any(
            h.kind == "paragraf" for h in headings
        ):
            headings += _numbered_items(lines)
            headings.sort(key=lambda h: h.start)
        ctx.headings = headings
        for n, h in enumerate(headings):
            nxt = len(text)
            for later in headings[n + 1 :]:
                if h.kind != "paragraf" or later.kind == "paragraf":
                    nxt = later.start
                    break
            s, e = _trim(text, h.heading_end, nxt)
            ctx.sections.append(
                Section(
                    heading=h.heading,
                    kind=h.kind,
                    start=h.start,
                    end=max(e, h.heading_end),
                    text=text[s:e],
                    page=ctx.doc.page_at(h.start),
                )
            )

    def _title(self, ctx: _Context, date: str | None, meeting: Meeting | None) -> None:
        lines, text = ctx.lines, ctx.text
        if (
            ctx.doc_type
            in ("protokoll", "protokollsutdrag", "kallelse", "föredragningslista", "handlingar")
            and ctx.doc_body
        ):
            label = _protokoll_label(ctx)
            when = meeting.date if meeting else date
            name = ctx.doc_body[0].upper() + ctx.doc_body[1:]
            ctx.title = f"{name}, {label} {when or ''}".strip()
            if ctx.doc_type == "protokollsutdrag":
                paragraphs = [h.heading for h in ctx.headings if h.kind == "paragraf"]
                if paragraphs:
                    ctx.title += f" {paragraphs[0]}"
            return
        start_index: int | None = None
        if ctx.type_line is not None:
            start_index = ctx.type_line
            skip_labels = {
                "till",
                "datum",
                "diarienummer",
                "dnr",
                "vår referens",
                "adress",
                "vår beteckning",
                "er referens",
                "mottagare",
            }
            j = _next_nonblank(lines, start_index)
            while j is not None and lines[j].clean.lower().rstrip(":") in skip_labels:
                value = _next_nonblank(lines, j)
                j = _next_nonblank(lines, value) if value is not None else None
            if j is not None:
                ctx.title, ctx.title_span = _title_from(lines, j, text)
                return
        head = nonblank(lines, 3)
        if head:
            first = head[0][1]
            if len(first.clean) < 200 and first.clean.lower() not in DATE_LABELS:
                ctx.title, ctx.title_span = _title_from(lines, head[0][0], text, single=True)
                return
        ctx.title = ctx.doc.title_hint or ""


def _numbered_items(lines: list[Line]) -> list[_Heading]:
    """Items of minutes numbered without § (kommunrevisionen's "1", "2", ... on a line of their
    own above the item's title): kept when they run 1, 2, 3 ... in order."""
    items = []
    expected = 1
    for i, line in enumerate(lines):
        if line.clean != str(expected):
            continue
        nxt = _next_nonblank(lines, i)
        if nxt is None or not re.match(r"[A-ZÅÄÖ]", lines[nxt].clean):
            continue
        s = line.start + line.raw.index(line.clean)
        items.append(_Heading("paragraf", f"punkt {expected}", s, line.end, i))
        expected += 1
    return items if len(items) >= 2 else []


def _title_from(
    lines: list[Line], j: int, text: str, single: bool = False
) -> tuple[str, tuple[int, int]]:
    """The title starting at line j: a bold run (may span lines), or lines up to a blank."""
    line = lines[j]
    raw = line.raw.lstrip()
    start = line.start + (len(line.raw) - len(raw))
    if raw.startswith("**"):
        close = text.find("**", start + 2)
        if close != -1:
            end = close
            return normalize_space(text[start:end]).strip(" -"), (start, end)
    end = line.end
    k = j + 1
    while not single and k < len(lines) and lines[k].clean and k - j < 4:
        if lines[k].clean.lower().rstrip(":") in SECTION_HEADINGS or _PROPOSAL_HEADING.match(
            lines[k].clean
        ):
            break
        end = lines[k].end
        k += 1
    title = re.sub(r"^#+\s*", "", normalize_space(text[start:end]))
    return title, (start, end)


def _protokoll_label(ctx: _Context) -> str:
    head = " ".join(line.clean for _, line in nonblank(ctx.lines, 6)).lower()
    if ctx.doc_type == "protokollsutdrag":
        return "protokollsutdrag"
    if ctx.doc_type in ("kallelse", "föredragningslista", "handlingar"):
        return ctx.doc_type
    for word in ("sammanträdesanteckningar", "sammanträdesprotokoll"):
        if word in head:
            return word
    return "protokoll"


# --------------------------------------------------------------------------- fields


_AGENDA_CASE = re.compile(r"(?:[A-ZÅÄÖ]{1,6}-)?(?:19|20)\d{2}-\d{1,6}")


def _table_rows(ctx: _Context) -> list[list[tuple[str, int, int]]]:
    """Rows of agenda tables whose header names a "Beteckning" or "Förslag" column.

    Works on raw Markdown (``| 1. | Ärende | 2024-00014 |``) and on the readers' plain rows
    (``1. | Ärende | 2024-00014``); cells are matched by content, not by column index, because
    empty cells may be dropped.
    """
    if ctx.table_rows is not None:
        return ctx.table_rows
    rows: list[list[tuple[str, int, int]]] = []
    in_table = False
    for line in ctx.lines:
        raw = line.raw
        if "|" not in raw:
            if not raw.strip() or not in_table:
                in_table = False
            continue
        cells = _cells(raw, line.start)
        names = {c[0].strip().lower() for c in cells}
        if names & {"beteckning", "förslag"}:
            in_table = True
            continue
        if in_table and not set(raw.strip()) <= set("|-: "):
            rows.append(cells)
    ctx.table_rows = rows
    return rows


def _table_case_numbers(ctx: _Context) -> list[CaseNumberMatch]:
    """Series-less and split case numbers in an agenda's "Beteckning" cells
    (``2024-00014``, ``MH-2024-<br>2313``). Every case number in such a cell is an agenda
    item's own case (`ctx.agenda_cells`)."""
    out: list[CaseNumberMatch] = []
    for row in _table_rows(ctx):
        for value, s, e in row:
            joined = re.sub(r"<br\s*/?>|\s", "", value)
            if not _AGENDA_CASE.fullmatch(joined):
                continue
            ctx.agenda_cells.append((s, e))
            if any(c.start < e and s < c.end for c in ctx.cases):
                continue
            normalized = normalize(joined) or normalize("Dnr " + joined)
            if normalized is None:
                continue
            out.append(CaseNumberMatch(ctx.text[s:e], normalized, s, e, "agenda_beteckning"))
    out += _case_column_numbers(ctx, out)
    out += _flattened_column_numbers(ctx, out)
    return out


#: A series-less number in a zero-padded registry style ("2023-00249"), read only under a
#: flattened table's heading line (a PDF whose table came out as lines).
_COLUMN_NUMBER = re.compile(r"(?<![\w/.:–-])(?:19|20)\d\d[-/.:]\d{3,6}(?![\w/–]|[-.:/]\d)")


def _flattened_column_numbers(ctx: _Context, known: list[CaseNumberMatch]) -> list[CaseNumberMatch]:
    """Series-less numbers after a heading line that names a case-number column
    ("Ärende Beteckning Förslag"): the table of a PDF read as lines, without its cell borders.
    Each is an item's own case, as in the table's cell (`ctx.agenda_cells`)."""
    out: list[CaseNumberMatch] = []
    taken = [(c.start, c.end) for c in [*ctx.cases, *known]]
    for line in ctx.lines:
        words = line.clean.lower().replace(":", " ").split()
        if not 2 <= len(words) <= 8 or not set(words) & CASE_COLUMN_HEADINGS:
            continue
        if any(ch.isdigit() for ch in line.clean) or "|" in line.raw:
            continue
        # To the end of the text: a PDF reader drops the heading repeated on later pages.
        for m in _COLUMN_NUMBER.finditer(ctx.text, line.end):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            if STATUTE_BEFORE.search(ctx.text, max(0, s - 14), s):
                continue
            line_start = ctx.text.rfind("\n", 0, s) + 1
            if LOOKALIKE_CONTEXT.search(ctx.text, max(0, s - 60), s) or NOT_CASE_LABEL.match(
                ctx.text, line_start, s
            ):
                continue  # "Lpn: 2017-1138, 2017-1159"
            parsed = parse_value(m.group(0))
            if parsed is None:
                continue
            taken.append((s, e))
            ctx.agenda_cells.append((s, e))
            out.append(CaseNumberMatch(m.group(0), parsed[0], s, e, "case_column"))
    return out


def _case_column_numbers(ctx: _Context, known: list[CaseNumberMatch]) -> list[CaseNumberMatch]:
    """Case numbers of any shape in the cells of a table whose header names a case-number
    column ("Dnr", "Diarienummer", "Ärendenummer", "Beteckning": `case_number_rules.LABELS`)."""
    out: list[CaseNumberMatch] = []
    in_table = False
    for line in ctx.lines:
        raw = line.raw
        if "|" not in raw:
            in_table = False
            continue
        if not in_table:
            low = raw.lower()
            if "nr" not in low and "nummer" not in low and "beteckning" not in low:
                continue
        cells = _cells(raw, line.start)
        if {c[0].strip(" *:").lower() for c in cells} & CASE_COLUMN_HEADINGS:
            in_table = True
            continue
        if not in_table or set(raw.strip()) <= set("|-: "):
            continue
        for value, s, e in cells:
            joined = re.sub(r"<br\s*/?>", " ", value).strip()
            if not is_case_cell(joined):
                continue
            if any(c.start < e and s < c.end for c in [*ctx.cases, *known, *out]):
                ctx.agenda_cells.append((s, e))
                continue
            parsed = parse_value(joined)
            if parsed is not None:
                ctx.agenda_cells.append((s, e))
                out.append(CaseNumberMatch(ctx.text[s:e], parsed[0], s, e, "case_column"))
    return out


#: Column headings of a table whose cells are the rows' own case numbers.
_CASE_COLUMN = re.compile(
    r"(?i)^(?:beteckning|dnr\.?|diarienr|diarienummer|ärendenummer|ärendenr|ärende ?nr)$"
)


def _pdf_table_case_numbers(ctx: _Context) -> list[CaseNumberMatch]:
    """Case numbers in the "Beteckning" (or "Dnr") column of a PDF's tables.

    The PDF reader writes a table's cells into the text in reading order, where a cell's
    number no longer sits under its heading ("Gitte Caous, / 1. förbundsdirektör 2023-00172");
    the table the reader found (`ParsedDocument.tables`, pdfplumber's cells) still knows the
    column, so a PDF gives the same own case numbers as its text version. Each cell's number
    is located in its page's text, joined across a wrapped line ("MH-2024-" / "2313").
    """
    out: list[CaseNumberMatch] = []
    pages = {page.number: page for page in ctx.doc.pages}
    previous: tuple[int, int] | None = None  # (columns, case column) of the last case table
    for table in ctx.doc.tables:
        rows = table.rows
        column = None
        for r, row in enumerate(rows[:2]):
            column = next(
                (k for k, cell in enumerate(row) if _CASE_COLUMN.match((cell or "").strip())),
                None,
            )
            if column is not None:
                rows = rows[r + 1 :]
                break
        width = max((len(row) for row in rows), default=0)
        if column is None and previous is not None and previous[0] == width:
            # A table continued on the next page without its heading row.
            column = previous[1]
        page = pages.get(table.page)
        if column is None or page is None:
            continue
        previous = (width, column)
        cursor = page.start
        for row in rows:
            value = (row[column] if column < len(row) else "") or ""
            joined = re.sub(r"\s", "", value)
            if not joined or not _AGENDA_CASE.fullmatch(joined):
                continue
            found = re.compile(r"\s*".join(map(re.escape, joined))).search(
                ctx.text, cursor, page.end
            ) or re.compile(r"\s*".join(map(re.escape, joined))).search(
                ctx.text, page.start, page.end
            )
            if found is None:
                # A wrapped cell ("MH-2024-" / "2313") whose second line the reading order put
                # elsewhere: the first line stands for the number.
                head = value.split()[0]
                found = re.compile(re.escape(head) + r"(?=\s|$)").search(
                    ctx.text, page.start, page.end
                )
            if found is None:
                continue
            s, e = found.span()
            cursor = e
            ctx.agenda_cells.append((s, e))
            if any(c.start < e and s < c.end for c in out) or any(
                c.start <= s and e <= c.end and re.sub(r"\s", "", c.text) == joined
                for c in ctx.cases
            ):
                continue
            normalized = normalize(joined) or normalize("Dnr " + joined)
            if normalized is not None:
                out.append(CaseNumberMatch(ctx.text[s:e], normalized, s, e, "agenda_beteckning"))
    out += _flattened_column_case_numbers(ctx, out)
    return out


#: A registry number without series, zero-padded to five digits ("2023-00249"): the form of a
#: Beteckning cell. A date never has five digits after the year.
_PADDED_BARE_CASE = re.compile(r"(?<![\w/.:–-])(?:19|20)\d{2}-\d{5}(?![\w/–-]|\.\d)")
_CASE_COLUMN_HEADER = re.compile(r"(?im)^.*\bärende\b.*\bbeteckning\b.*$")


def _flattened_column_case_numbers(
    ctx: _Context, found: list[CaseNumberMatch]
) -> list[CaseNumberMatch]:
    """Padded series-less numbers after a PDF table header naming a Beteckning column, on
    pages where the reader found no table (its cells came out as running text)."""
    if ctx.doc.format != "pdf":
        return []
    header_line = _CASE_COLUMN_HEADER.search(ctx.text)
    if header_line is None:
        return []
    out = []
    taken = [(c.start, c.end) for c in [*ctx.cases, *found]]
    for match in _PADDED_BARE_CASE.finditer(ctx.text, header_line.end()):
        s, e = match.span()
        if any(a < e and s < b for a, b in taken):
            continue
        normalized = normalize("Dnr " + match.group(0))
        if normalized is not None:
            ctx.agenda_cells.append((s, e))
            out.append(CaseNumberMatch(match.group(0), normalized, s, e, "agenda_beteckning"))
    return out


def _cells(raw: str, offset: int) -> list[tuple[str, int, int]]:
    """(text, start, end) of the cells of a table row, trimmed; with or without outer pipes."""
    cells = []
    bounds = [-1, *[i for i, ch in enumerate(raw) if ch == "|"], len(raw)]
    for a, b in itertools.pairwise(bounds):
        s, e = a + 1, b
        while s < e and raw[s] in " \t":
            s += 1
        while e > s and raw[e - 1] in " \t":
            e -= 1
        if e > s:
            cells.append((raw[s:e], offset + s, offset + e))
    return cells


def _document_date(ctx: _Context) -> tuple[str | None, tuple[int, int] | None]:
    """The date after a Datum/Upprättad label (same line or next non-empty line)."""
    lines = ctx.lines
    for i, line in nonblank(lines, 40):
        lower = line.clean.lower()
        label = next(
            (
                lab
                for lab in DATE_LABELS
                if lower == lab or lower.startswith(lab + " ") or lower.startswith(lab + ":")
            ),
            None,
        )
        if label is None:
            continue
        candidates = [i]
        j = _next_nonblank(lines, i)
        if j is not None:
            candidates.append(j)
        for k in candidates:
            raws = [r for r in find_raw_dates(lines[k].raw) if r.rule == "iso"]
            if (
                raws
                and k == i
                and re.search(
                    r"[^\W\d_]{2,}",
                    lines[k].raw[len(label) : raws[0].start].lower().replace(label, ""),
                )
            ):
                # "Datum då anslaget sätts upp 2018-09-17": a label of another date.
                break
            if raws:
                r = raws[0]
                iso = parse_iso(r.text)
                return iso, (lines[k].start + r.start, lines[k].start + r.end)
    return None, None


_REPORT_YEAR = re.compile(
    r"(?i)\b(?:under|i|år)\s+(?:(?:januari|februari|mars|april|maj|juni|juli|augusti|september|"
    r"oktober|november|december)\s+)?((?:19|20)\d{2})\b"
)


def _report_year(text: str) -> int | None:
    """The year an annual report reports on: the commonest "Under 2017" / "i januari 2017" year.

    >>> _report_year("Under 2017 gjordes ... I januari 2017 antog ... våren 2018")
    2017
    """
    counts: dict[int, int] = {}
    for match in _REPORT_YEAR.finditer(text):
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: counts[y])


#: Types the cue words of the head may put in place of a weaker structural answer, and the
#: types they may put there (None: any).
_HEAD_OVERRIDES: dict[str, frozenset[str] | None] = {
    "okänd": None,
    "webbsida": None,
    "protokoll": frozenset(
        {"beslutsreferat", "kallelse", "föredragningslista", "delegationsbeslut", "förteckning"}
    ),
    "beslut": frozenset({"beslutsreferat"}),
    "yttrande": frozenset({"tjänsteskrivelse"}),
}


def _doc_type(ctx: _Context, fmt: str) -> tuple[str, str, int | None]:
    """The structural classification (`extractors.doctype.classify`), then the cue words of
    the head (`extractors.header.head_type`) where structure found nothing or a weaker type:
    a "Protokoll" heading without any sign of minutes (attendance, justering) on a page that
    is a kallelse or a news item of decisions; "Yttrande över ..." on a BESLUTSUNDERLAG."""
    doc_type, rule, line = classify(ctx.lines, fmt, bool(ctx.cases))
    if rule == "report_prose":
        # Annual-report wording fits any report: a type word in the head is more precise.
        cue = header.head_type(ctx.text)
        if cue is not None:
            return cue[0], cue[1], _line_index(ctx.lines, cue[2])
    if rule == "heading" and line is not None and doc_type in ("beslut", "yttrande", "motion"):
        # "Beslut" or "Yttrande" as a heading inside minutes that say so first.
        cue = header.head_type(ctx.text, among=frozenset({"protokoll", "protokollsutdrag"}))
        if cue is not None and cue[2] < ctx.lines[line].start:
            return cue[0], cue[1], _line_index(ctx.lines, cue[2])
    if doc_type not in _HEAD_OVERRIDES:
        return doc_type, rule, line
    if doc_type == "protokoll" and header.has_strong_protokoll_cue(ctx.text):
        return doc_type, rule, line
    cue = header.head_type(ctx.text, among=_HEAD_OVERRIDES[doc_type])
    if cue is None:
        return doc_type, rule, line
    return cue[0], cue[1], _line_index(ctx.lines, cue[2])


def _most_named_body(ctx: _Context) -> str | None:
    counts: dict[str, int] = {}
    for name, *_ in ctx.mentions:
        if committees.kind_of(name) in ("nämnd", "fullmäktige", "utskott"):
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else None


def _header_body(ctx: _Context) -> str | None:
    """The body a protokoll or kallelse is of: the first body named in its first lines."""
    if ctx.doc_type not in (
        "protokoll",
        "protokollsutdrag",
        "kallelse",
        "föredragningslista",
        "handlingar",
    ):
        return None
    for _, line in nonblank(ctx.lines, 8):
        if line.clean.lower().startswith(("sammanträde ", "datum", "plats")):
            break
        name = committees.find_in_line(line.clean)
        if name and committees.kind_of(name) not in ("förvaltning", "bolag", "revision"):
            return name
    return None


def _attribute_series(ctx: _Context) -> None:
    """Read series-less own case numbers in the series of the document's body.

    Kungsbacka's agendas write "2023-00249" in the Beteckning column for the case that the
    minutes write "KS-2023-00249". A series-less number that is an own case (a Dnr field, a
    Beteckning cell) of a document whose body is known (a kallelse's or protokoll's nämnd) takes:

    1. the series the same document writes for that body's own cases ("MH-2024-560" in a
       kallelse of nämnden för miljö & hälsoskydd makes "2024-03302" MH-2024-3302), else
    2. the series the body's registry uses in the document's municipality (bodies.json), else
    3. nothing: the number stays series-less ("Dnr 2024-00134" of byggnadsnämnden).

    An utskott writes in its nämnd's registry. Numbers the text refers to are never changed.
    """
    if ctx.doc_body is None:
        return
    bare = [
        i
        for i, c in enumerate(ctx.cases)
        if committees.series_of(c.normalized) is None and _is_labelled(ctx, c)
    ]
    if not bare:
        return
    registry = committees.registry_body(ctx.doc_body)
    written: dict[str, int] = {}
    for case in ctx.cases:
        series = committees.series_of(case.normalized)
        body = committees.body_for_series(series)
        if (
            series
            and body
            and committees.registry_body(body) == registry
            and _is_labelled(ctx, case)
        ):
            written[series] = written.get(series, 0) + 1
    source = "document"
    chosen = max(written, key=lambda s: written[s]) if written else None
    if chosen is None:
        source = "registry"
        chosen = committees.registry_series(committees.municipality_of(ctx.text), registry)
    if chosen is None:
        return
    for i in bare:
        case = ctx.cases[i]
        ctx.cases[i] = dataclasses.replace(
            case, normalized=f"{chosen}-{case.normalized}", series_from=source
        )


def _meeting(ctx: _Context, date: str | None, date_span: tuple[int, int] | None) -> Meeting | None:
    text = ctx.text
    for section in ctx.sections:
        if section.kind == "beslutsplanering" and section.text:
            first = section.text.strip().split("\n", 1)[0]
            start = text.find(first, section.start)
            iso = parse_iso(first)
            if iso:
                name = committees.find_in_line(first)
                return Meeting(name, iso, first, start, start + len(first), "beslutsplanering")
    if ctx.doc_type in ("protokoll", "protokollsutdrag") and date and date_span:
        return Meeting(
            ctx.doc_body,
            date,
            text[date_span[0] : date_span[1]],
            date_span[0],
            date_span[1],
            "protokoll_header",
        )
    if ctx.doc_type in ("kallelse", "föredragningslista", "handlingar"):
        meeting = _kallelse_meeting(ctx)
        if meeting is not None:
            return meeting
    if ctx.doc_type in header.MEETING_TYPES and ctx.doc_type != "handlingar":
        # A bundle of handlingar carries the dates of its many documents, not one meeting's.
        found = header.meeting_date(text)
        if found is not None:
            iso, start, end, rule = found
            return Meeting(ctx.doc_body, iso, text[start:end], start, end, rule)
    return None


def _kallelse_meeting(ctx: _Context) -> Meeting | None:
    """The date on a kallelse's "Sammanträde ..." line."""
    for _, line in nonblank(ctx.lines, 15):
        if not re.match(r"(?i)sammanträde\b", line.clean):
            continue
        raws = [r for r in find_raw_dates(line.raw) if r.year is not None]
        mention = resolve(raws[0], line.raw) if raws else None
        if mention is not None:
            return Meeting(
                ctx.doc_body,
                mention.date,
                line.raw.strip(),
                line.start,
                line.end,
                "kallelse_header",
            )
    return None


def _decision_body(ctx: _Context, start: int, end: int) -> str | None:
    """The body named at the start of a sentence (its subject)."""
    for name, s, e, _rule in ctx.mentions:
        # Only markup, numbering or an opening bracket may come before the subject: in "Till
        # kommunledningsutskott ... utses" the body is an object.
        if start <= s < min(end, start + 12) and not re.search(r"[^\W\d_]", ctx.text[start:s]):
            surface = ctx.text[s:e].lower()
            if surface.endswith("s") and not name.endswith("s") and not surface.endswith(name):
                continue  # a genitive ("Kommunstyrelsens ordförande") is not the subject
            return name
    return None


def _section_case(ctx: _Context, offset: int) -> str | None:
    """The own case of the part of the document that holds `offset`: the nearest labelled case
    number before it (a § heading's Dnr, a tjänsteskrivelse's Diarienummer)."""
    best: str | None = None
    for case in ctx.cases:
        if case.start > offset:
            break
        if _is_labelled(ctx, case):
            best = case.normalized
    return best


def _is_labelled(ctx: _Context, case: CaseNumberMatch) -> bool:
    if case.rule in OWN_CASE_RULES or any(s <= case.start < e for s, e in ctx.agenda_cells):
        return True
    i = _line_index(ctx.lines, case.start)
    line = ctx.lines[i]
    prefix = ctx.text[line.start : case.start]
    if case.rule == "label" and re.match(
        r"^\s*(?:[A-ZÅÄÖ]{1,6}\s+)?(?:§\s*\d+(?:\s?[a-z])?\s+)?(?:dnr|diarienr|diarienummer)",
        prefix,
        re.I,
    ):
        return True
    if OWN_CASE_LABELS.search(re.sub(r"[*#]", "", prefix).strip() or "§0 x"):
        return True
    if prefix.strip(" *#"):
        return False
    for j in range(i - 1, max(-1, i - 4), -1):
        clean = ctx.lines[j].clean
        if clean:
            return bool(OWN_CASE_LABELS.search(clean.rstrip(":")))
    return False


def _decisions(ctx: _Context) -> list[Decision]:
    out: list[Decision] = []
    for n, h in enumerate(ctx.headings):
        if h.kind in DECISION_SECTIONS:
            end = ctx.headings[n + 1].start if n + 1 < len(ctx.headings) else len(ctx.text)
            out += _section_decisions(ctx, h, end)
    out += _agenda_decisions(ctx)
    out += _prose_decisions(ctx)
    out = _split_run_on(ctx, out)
    out += _worded_decisions(ctx, out)
    out.sort(key=lambda d: d.start)
    return out


def _split_run_on(ctx: _Context, decisions: list[Decision]) -> list[Decision]:
    """A decision read from a section of flattened text can run on over the rest of the page
    ("Beslut Avsägelsen godkänns. 3. Anna Norlén ..."): when the wording rules find decisions
    inside a long one, they stand for it."""
    out = []
    for d in decisions:
        line = ctx.lines[_line_index(ctx.lines, d.start)]
        if (
            d.end - d.start <= _RUN_ON
            or (line.end - line.start <= _FLAT_LINE and d.rule != "prose_decision")
            or d.rule == "agenda_forslag"
            or _QUOTE_INTRO.search(d.text)
        ):
            out.append(d)
            continue
        parts = find_decisions(ctx.text, [(d.start, d.end)], ctx.doc_type in _REPORT_TYPES)
        if not parts:
            out.append(d)
            continue
        for found in parts:
            text = normalize_space(ctx.text[found.start : found.end])
            part = dataclasses.replace(d, text=text, start=found.start, end=found.end)
            if found.kind == "förslag":
                part.kind = "förslag"
            out.append(part)
    return out


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


def _worded_decisions(ctx: _Context, taken: list[Decision]) -> list[Decision]:
    """Decisions and proposals found by their wording (`extractors.decisions`) in the text that
    no recognised section covers: flattened PDF text, news items, reports of decisions."""
    text = ctx.text
    # A section of flattened text (one line of a whole page) does not hide what follows it.
    covered = [
        (sec.start, sec.end)
        for sec in ctx.sections
        if sec.kind != "paragraf" and max(map(len, sec.text.split("\n"))) <= _FLAT_LINE
    ]
    covered += [(d.start, d.end) for d in taken]
    covered.sort()
    free: list[tuple[int, int]] = []
    pos = 0
    for a, b in covered:
        if a > pos:
            free.append((pos, a))
        pos = max(pos, b)
    if pos < len(text):
        free.append((pos, len(text)))
    report = ctx.doc_type in _REPORT_TYPES
    # A page header is a short line; in text flattened by a PDF-to-text step the "header line"
    # is a whole page, and its decisions count.
    furniture = [(a, b) for a, b in ctx.furniture if b - a <= 200]
    if ctx.doc_type == "handlingar" and any(d.rule != "prose_decision" for d in taken):
        # A bundle of handlingar whose sections gave decisions: its attachments (delegation
        # ordinances, regulations) quote standing decisions, so only its flattened lines are
        # read here ...
        flat = [(ln.start, ln.end) for ln in ctx.lines if ln.end - ln.start > _FLAT_LINE]
        # ... and the paragraphs (§) of minutes in which the sections gave none.
        flat += [
            (sec.start, sec.end)
            for sec in ctx.sections
            if sec.kind == "paragraf"
            and ctx.doc_type in ("protokoll", "protokollsutdrag")
            and not any(sec.start <= d.start < sec.end for d in taken)
        ]
        merged: list[tuple[int, int]] = []
        for fa, fb in sorted(flat):
            if merged and fa <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], fb))
            else:
                merged.append((fa, fb))
        free = [(max(a, fa), min(b, fb)) for a, b in free for fa, fb in merged if fa < b and a < fb]
    out = []
    for a, b in free:
        for found in find_decisions(text, _sentences(text, a, b, furniture), report):
            if any(d.start < found.end and found.start < d.end for d in taken):
                continue
            s, e = found.start, found.end
            clean = normalize_space(text[s:e])
            paragraph, case = _paragraph_of(ctx, s)
            body = _decision_body(ctx, s, e)
            if (
                body is None
                and found.kind == "beslut"
                and ctx.doc_type in ("protokoll", "protokollsutdrag")
            ):
                body = _part_at(ctx, s).body or ctx.doc_body
            decision = _decision(
                ctx, clean, body, s, e, found.rule, paragraph, case or _section_case(ctx, s)
            )
            if found.kind == "förslag":
                decision.kind = "förslag"
            out.append(decision)
    return out


def _paragraph_of(ctx: _Context, offset: int) -> tuple[str | None, str | None]:
    """The § (or numbered item) that holds `offset`, and the case number on its heading line."""
    owner = [h for h in ctx.headings if h.kind == "paragraf" and h.start <= offset]
    if not owner:
        return None, None
    line = ctx.lines[owner[-1].line]
    case = next((c.normalized for c in ctx.cases if line.start <= c.start <= line.end + 1), None)
    return owner[-1].heading, case


def _section_decisions(ctx: _Context, h: _Heading, end: int) -> list[Decision]:
    """Decision points of one "Förslag till beslut", "Beslut" or "Överenskommelse" section: each
    att-clause when the section has them, else each sentence."""
    text = ctx.text
    part = _part_at(ctx, h.start)
    in_minutes = (
        ctx.doc_type in ("protokoll", "protokollsutdrag", "beslutsreferat")
        or part.kind == "protokoll"
    )
    paragraph, case = _paragraph_of(ctx, h.start)
    if case is None:
        case = _section_case(ctx, h.start)
    default_body = h.body
    if default_body is None and h.kind != "förslag till beslut" and in_minutes:
        default_body = part.body or ctx.doc_body
    rule = ("protokoll_" if paragraph else "") + (
        "forslag_till_beslut" if h.kind == "förslag till beslut" else "beslut"
    )
    out = []
    clauses = list(_ATT_CLAUSE.finditer(text, h.heading_end, end))
    if clauses:
        lead_body = _decision_body(ctx, h.heading_end, clauses[0].start()) or default_body
        for k, match in enumerate(clauses):
            s = match.end()
            e = clauses[k + 1].start() if k + 1 < len(clauses) else end
            s, e = _trim(text, s, e)
            clause = normalize_space(text[s:e])
            clause = re.sub(r"[,;]?\s*(?:samt|och)?\s*$", "", clause).rstrip(",; ")
            e = s + len(text[s:e].rstrip().rstrip(",; ")) if clause else e
            if clause:
                out.append(_decision(ctx, clause, lead_body, s, e, rule + "_att", paragraph, case))
        return out
    for s, e in _sentences(text, h.heading_end, end, ctx.furniture, decision=True):
        numbering = _NUMBERING.match(text[s:e])
        if numbering:
            s += numbering.end()
        clean = normalize_space(text[s:e])
        if len(clean) < 8 or FURNITURE.search(clean):
            continue
        body = _decision_body(ctx, s, e) or default_body
        if body is None and not DECISION_VERBS.search(clean):
            continue
        out.append(_decision(ctx, clean, body, s, e, rule, paragraph, case))
    return out


def _decision(
    ctx: _Context,
    text: str,
    by: str | None,
    s: int,
    e: int,
    rule: str,
    paragraph: str | None,
    case: str | None,
) -> Decision:
    return Decision(
        text=text,
        by=by,
        start=s,
        end=e,
        rule=rule,
        paragraph=paragraph,
        case_number=case,
        page=ctx.doc.page_at(s),
        kind=_decision_kind(ctx, rule, s),
    )


def _decision_kind(ctx: _Context, rule: str, offset: int) -> str:
    """ "förslag" for a proposal (a "Förslag till beslut" section, an agenda's proposal, a
    decision point of a proposing document or bundle part), else "beslut"."""
    if "forslag" in rule:
        return "förslag"
    part = _part_at(ctx, offset)
    if rule == "prose_decision" or part.kind in ("protokoll", "protokollsutdrag", "rapport"):
        return "beslut"
    if part.kind in PROPOSING_TYPES or ctx.doc_type in PROPOSING_TYPES:
        return "förslag"
    return "beslut"


def _agenda_decisions(ctx: _Context) -> list[Decision]:
    """Proposed decisions in the cells of an agenda table that follow the Beteckning cell.

    A cell is cut at each "Förslag till beslut [i X]"; every sentence after such a heading is a
    decision point of X. Sentences of a cell without the heading count when they carry a
    decision verb. The decision-maker is the body that opens the sentence, else X, else the body
    the sentence names, else the body of the agenda.
    """
    out: list[Decision] = []
    for row in _table_rows(ctx):
        case_cell = next((k for k, (_, s, e) in enumerate(row) if (s, e) in ctx.agenda_cells), None)
        case = next(
            (
                c.normalized
                for c in ctx.cases
                if case_cell is not None and row[case_cell][1] <= c.start < row[case_cell][2]
            ),
            None,
        )
        item = row[0][0].strip().rstrip(".") if re.fullmatch(r"\d+\.?", row[0][0].strip()) else None
        cells = row[case_cell + 1 :] if case_cell is not None else row[-1:]
        for _, s, e in cells:
            out += _cell_decisions(ctx, s, e, item, case)
    return out


def _cell_decisions(
    ctx: _Context, start: int, end: int, item: str | None, case: str | None
) -> list[Decision]:
    text = ctx.text
    blocks: list[tuple[int, int, str | None, bool]] = []  # start, end, heading's body, proposal
    matches = list(_CELL_PROPOSAL.finditer(text, start, end))
    if not matches or matches[0].start() > start:
        blocks.append((start, matches[0].start() if matches else end, None, False))
    for k, match in enumerate(matches):
        named = match.group("body")
        body = (committees.lookup(named) or committees.find_in_line(named)) if named else None
        block_end = matches[k + 1].start() if k + 1 < len(matches) else end
        blocks.append((match.end(), block_end, body, True))
    out = []
    for s0, e0, hint, proposal in blocks:
        for s, e in _cell_sentences(ctx, s0, e0):
            clean = normalize_space(text[s:e])
            if len(clean) < 8:
                continue
            if not proposal and not DECISION_VERBS.search(clean):
                continue
            first = next((m[0] for m in ctx.mentions if s <= m[1] < e), None)
            by = _decision_body(ctx, s, e) or hint or first or ctx.doc_body
            out.append(
                Decision(
                    clean,
                    by,
                    s,
                    e,
                    "agenda_forslag",
                    paragraph=item,
                    case_number=case,
                    page=ctx.doc.page_at(s),
                    kind="förslag",
                )
            )
    return out


def _cell_sentences(ctx: _Context, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of a table cell. Readers join a cell's lines with spaces, so a line break before
    a new sentence without a period is lost ("... 17 november Valnämndens sammanträden hålls
    ..."): a capitalised body name right after a word (not after punctuation or a preposition)
    starts a sentence too."""
    out = []
    for s, e in _sentences(ctx.text, start, end):
        cuts = [
            m[1]
            for m in ctx.mentions
            if s < m[1] < e
            and ctx.text[m[1]].isupper()
            and re.search(r"[\w)]\s+$", ctx.text[s : m[1]])
            and not re.search(r"(?i)\b(?:i|till|för|av|från|och|samt|om)\s+$", ctx.text[s : m[1]])
        ]
        for cut in cuts:
            a, b = _trim(ctx.text, s, cut)
            if b > a:
                out.append((a, b))
            s = cut
        out.append((s, e))
    return out


def _prose_decisions(ctx: _Context) -> list[Decision]:
    """Sentences of narrative text in which a body decides: "I januari 2017 antog
    kommunfullmäktige ett program ...". Run over narrative documents (årsredovisning,
    delårsrapport, webbsida, okänd) and over the reports inside a bundle of handlingar."""
    text = ctx.text
    ranges: list[tuple[int, int]] = []
    if ctx.doc_type in ("årsredovisning", "delårsrapport", "webbsida", "okänd", "beslutsreferat"):
        ranges.append((0, len(text)))
    for k, part in enumerate(ctx.parts):
        if part.kind == "rapport":
            nxt = ctx.parts[k + 1].start if k + 1 < len(ctx.parts) else len(text)
            ranges.append((part.start, nxt))
    out = []
    starts = [m[1] for m in ctx.mentions]  # sorted: the mentions are in text order
    for r_start, r_end in ranges:
        for s, e in _sentences(text, r_start, r_end, ctx.furniture):
            mentioned = ctx.mentions[bisect_left(starts, s) : bisect_left(starts, e)]
            bodies = [(name, ms) for name, ms, _, _ in mentioned]
            if not bodies:
                continue
            verb = PROSE_DECISION_VERBS.search(text, s, e)
            if not verb:
                continue
            # The body must be the verb's subject: within a few words of it.
            near = [name for name, ms in bodies if abs(ms - verb.start()) <= 40]
            if not near:
                continue
            out.append(
                _decision(
                    ctx, normalize_space(text[s:e]), near[0], s, e, "prose_decision", None, None
                )
            )
    return out


def _subject_bodies(ctx: _Context, decisions: list[Decision], meeting: Meeting | None) -> set[str]:
    subjects = {d.by for d in decisions if d.by}
    if meeting and meeting.committee:
        subjects.add(meeting.committee)
    if ctx.doc_body:
        subjects.add(ctx.doc_body)
    # A body's office (stadskontoret) speaks for the body.
    return subjects | {s for s in (committees.serves(x) for x in list(subjects)) if s}


def _case_roles(
    ctx: _Context, decisions: list[Decision], meeting: Meeting | None
) -> list[CaseNumber]:
    subjects = _subject_bodies(ctx, decisions, meeting)
    first_heading = ctx.headings[0].start if ctx.headings else len(ctx.text)
    title_start, title_end = ctx.title_span or (-1, -1)
    referenced_title = bool(REFERENCE_TITLE.match(ctx.title))
    found: dict[str, CaseNumber] = {}
    for case in ctx.cases:
        role: str
        rule: str
        body = committees.body_for_series(committees.series_of(case.normalized))
        prefix = ctx.text[max(0, case.start - 60) : case.start]
        if _is_labelled(ctx, case):
            role, rule = "own", "label"
        elif title_start <= case.start < title_end:
            if body and body in subjects:
                role, rule = "own", "title_series"
            elif referenced_title or (body and subjects and body not in subjects):
                role, rule = "referenced", "title_reference"
            elif (
                not subjects
                and sum(1 for c in ctx.cases if title_start <= c.start < title_end) == 1
            ):
                role, rule = "own", "title_single"
            else:
                role, rule = "unknown", "title"
        elif REFERENCE_CUES.search(prefix):
            role, rule = "referenced", "reference_cue"
        elif case.start > first_heading:
            role, rule = "referenced", "body_text"
        else:
            role, rule = "unknown", "header"
        existing = found.get(case.normalized)
        if existing is None:
            found[case.normalized] = CaseNumber(
                text=case.text,
                normalized=case.normalized,
                role=role,  # type: ignore[arg-type]
                start=case.start,
                end=case.end,
                rule=f"{case.rule}/{rule}",
                page=ctx.doc.page_at(case.start),
                series_from=case.series_from,
                spellings=[case.text],
            )
            continue
        if case.text not in existing.spellings:
            existing.spellings.append(case.text)
        if ROLE_STRENGTH[role] > ROLE_STRENGTH[existing.role]:
            existing.role = role  # type: ignore[assignment]
            existing.rule = f"{existing.rule.split('/')[0]}/{rule}"
    return list(found.values())


def _dates(
    ctx: _Context, year: int | None, date_span: tuple[int, int] | None, meeting: Meeting | None
) -> list[DateMention]:
    raws: list[RawDate] = ctx.spacy_doc.user_data.get(DATES_KEY) or []
    anchors = _date_anchors(ctx, raws)
    out = []
    for raw in raws:
        mention = resolve(raw, ctx.text, year, ctx.doc.page_at(raw.start), anchors)
        if mention is None:
            continue
        if date_span and (mention.start, mention.end) == date_span:
            mention.kind = "document"
        elif (
            meeting and meeting.start <= mention.start < meeting.end and mention.kind == "mentioned"
        ):
            mention.kind = "meeting"
        out.append(mention)
    return out


#: Labels of the dates that head a document or a letter: a year-less date after them reads in
#: their year.
_ANCHOR_LABELS = re.compile(r"(?i)^(?:datum|sammanträdesdatum|upprättad|daterad|skickat)\b:?")


def _date_anchors(ctx: _Context, raws: list[RawDate]) -> list[tuple[int, int]]:
    """(offset, year) of header dates ("Datum\n2023-12-14", "Skickat: den 12 juli 2024")."""
    labelled: list[tuple[int, int]] = []
    for i, line in enumerate(ctx.lines):
        if not _ANCHOR_LABELS.match(line.clean):
            continue
        j = _next_nonblank(ctx.lines, i)
        end = ctx.lines[j].end if j is not None and j == i + 1 else line.end
        labelled.append((line.start, end))
    anchors = []
    for raw in raws:
        if (
            raw.year is not None
            and raw.rule in ("iso", "day_month")
            and any(s <= raw.start < e for s, e in labelled)
        ):
            anchors.append((raw.start, raw.year))
    return anchors


def _committees(
    ctx: _Context, cases: list[CaseNumber], decisions: list[Decision], meeting: Meeting | None
) -> list[Committee]:
    lines = ctx.lines
    for case in cases:
        if case.role == "own":
            _add_role(
                ctx, committees.body_for_series(committees.series_of(case.normalized)), "author"
            )
    for d in decisions:
        _add_role(ctx, d.by, "decision_maker")
    if meeting and meeting.committee:
        _add_role(ctx, meeting.committee, "decision_maker")
    if ctx.doc_body:
        _add_role(ctx, ctx.doc_body, "decision_maker")
        if ctx.doc_type in ("protokoll", "protokollsutdrag"):
            _add_role(ctx, ctx.doc_body, "author")
    for author in _authors(ctx):
        _add_role(ctx, author, "author")
    # "Till" field of a letter head.
    for i, line in nonblank(lines, 30):
        if line.clean.lower().rstrip(":") == "till":
            j = _next_nonblank(lines, i)
            if j is not None:
                name = committees.find_in_line(lines[j].clean)
                _add_role(ctx, name, "recipient")
                if name:
                    _ensure_mention(ctx, name, lines[j].start, lines[j].end, "till_field")
    for section in ctx.sections:
        if section.kind == "beslutet skickas till":
            pos = ctx.text.find(section.text, section.start) if section.text else -1
            for part in re.split(r"[\n,]", section.text):
                name = committees.find_in_line(part)
                _add_role(ctx, name, "recipient")
                if name and pos >= 0:
                    _ensure_mention(
                        ctx, name, pos, pos + len(section.text), "beslutet_skickas_till"
                    )
    out = []
    for name, roles in ctx.roles.items():
        mentions = [m for m in ctx.mentions if m[0] == name]
        if not mentions:
            continue
        ordered: list[CommitteeRole] = [r for r in COMMITTEE_ROLES if r in roles]
        first = min(mentions, key=lambda m: m[1])
        out.append(
            Committee(
                name=name,
                role=ordered[0],
                roles=ordered,
                kind=committees.kind_of(name),
                mentions=len(mentions),
                start=first[1],
                end=first[2],
                rule=first[3],
                page=ctx.doc.page_at(first[1]),
            )
        )
    out.sort(key=lambda c: (committees.ROLE_ORDER.index(c.role), c.start))
    return out


#: A postal address line of a letterhead or a footer ("434 81 Kungsbacka", "Besöksadress").
_ADDRESS = re.compile(r"\b\d{3} \d{2}\b(?! \d)|\bBesöksadress\b")
#: "Förvaltningen för Tekniks tjänsteskrivelse", "Kommunledningskontorets tjänsteskrivelse".
_OWN_MEMO = re.compile(r"(?i)^(?P<body>.{4,60}?)s tjänsteskrivelse\b")
#: "Framtagen av: Kommunstyrelsens förvaltning, kommunledningskontoret".
_PREPARED_BY = re.compile(r"(?i)^(?:framtagen|framtaget|upprättad|upprättat) av:?\s*(?P<who>.+)$")


def _authors(ctx: _Context) -> set[str]:
    """Bodies the text shows writing the document (or a document of the bundle):

    * a body on a line or column of its own in a letterhead or footer, next to a postal address;
    * "<office>s tjänsteskrivelse" listed in the Beslutsunderlag of a tjänsteskrivelse (the memo
      lists itself);
    * "Framtagen av: <office>, <office>".
    """
    out: set[str] = set()
    lines = ctx.lines
    address = [i for i, line in enumerate(lines) if _ADDRESS.search(line.raw)]
    near = {j for i in address for j in range(max(0, i - 2), min(len(lines), i + 3))}
    for i in sorted(near):
        for column in re.split(r"\s{2,}", lines[i].raw.strip()):
            name = committees.lookup(column) if column else None
            if name:
                out.add(name)
    for line in lines:
        lower = line.clean[:80].lower()
        memo = _OWN_MEMO.match(line.clean) if "s tjänsteskrivelse" in lower else None
        if memo and _part_at(ctx, line.start).kind == "tjänsteskrivelse":
            name = committees.lookup(memo.group("body"))
            if name:
                out.add(name)
        prepared = _PREPARED_BY.match(line.clean) if " av" in lower else None
        if prepared:
            for piece in re.split(r",|\boch\b", prepared.group("who")):
                name = committees.lookup(piece)
                if name:
                    out.add(name)
    return out


def _ensure_mention(ctx: _Context, name: str, start: int, end: int, rule: str) -> None:
    if not any(m[0] == name for m in ctx.mentions):
        ctx.mentions.append((name, start, end, rule))


def _persons(ctx: _Context) -> list[Person]:
    persons = find_persons(ctx.lines, ctx.sections, lambda offset: _part_at(ctx, offset).kind)
    for person in persons:
        person.page = ctx.doc.page_at(person.start)
    return persons


def _places(ctx: _Context) -> list[Place]:
    out = []
    seen = set()
    for span in ctx.spacy_doc.spans.get("places", []):
        if span.label_ in seen:
            continue
        seen.add(span.label_)
        out.append(
            Place(
                name=span.label_,
                kind="område",
                start=span.start_char,
                end=span.end_char,
                rule="places_gazetteer",
                page=ctx.doc.page_at(span.start_char),
            )
        )
    return out


# --------------------------------------------------------------------------- module API


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor on ``DIARIUM_SPACY_MODEL`` when set (a trained Swedish pipeline), else on the
    rules alone."""
    return Extractor(os.environ.get("DIARIUM_SPACY_MODEL") or None)


def extract(doc: ParsedDocument) -> Extraction:
    """Extract with the cached default `Extractor`."""
    return default_extractor().extract(doc)
