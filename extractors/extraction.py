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
  `extractors.document_cases._attribute_series`).
* Authors: the body of an own case number's series; an office in a letterhead or footer next to
  a postal address; "<office>s tjänsteskrivelse" listed by a tjänsteskrivelse itself; "Framtagen
  av: ...".
* A bundle of handlingar is split into parts (kallelse, tjänsteskrivelse, protokoll, rapport,
  brev) by their opening lines; a year-less date reads in the year of the nearest header date.
* Abbreviations of bodies ("KS") that are part of a case number ("KS 2014/0316") are not
  committee mentions; the series of an *own* case number makes its body the author instead.
* A protokoll of one § (not § 1) is a protokollsutdrag.
* Persons: see `extractors.persons` (this module re-exports `split_name_title`, `job_titles`).

Where each field family lives (this module only runs them in order):

=============================  ===========================================================
`extractors.document`          the working view: lines, parts, headings, furniture, sentences
`extractors.document_head`     type, document date, meeting (`extractors.header` for the head)
`extractors.document_cases`    case numbers in tables and labels, series, roles
                               (`extractors.diarienummer` is the grammar)
`extractors.decision_sections` decisions and proposals (`extractors.decisions`: wording)
`extractors.document_bodies`   bodies and their roles (`extractors.committees`: names)
`extractors.persons`           persons; `extractors.dates`: dates
`extractors.extraction_rules`  the rule data (headings, labels, cue words) of all of them
=============================  ===========================================================
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language

from extractors import committees, header, rankers
from extractors.base import ParsedDocument
from extractors.decision_sections import _decisions
from extractors.diarienummer import (
    find_case_numbers,
)
from extractors.doctype import Line, is_toc_entry, lines_of, nonblank
from extractors.document import (
    _add_role,
    _Context,
    _document_parts,
    _furniture_spans,
    _Heading,
    _next_nonblank,
    _part_at,
    _trim,
    case_line_before,
)
from extractors.document_bodies import _committees
from extractors.document_cases import (
    _attribute_series,
    _case_roles,
    _pdf_table_case_numbers,
    _table_case_numbers,
)
from extractors.document_head import (
    _body_by_abbreviation,
    _body_by_attendance,
    _dates,
    _doc_type,
    _document_date,
    _header_body,
    _meeting,
    _most_named_body,
    _report_year,
    council_by_attendance,
    first_named_body,
    regional_council,
    working_committee,
)
from extractors.extraction_rules import (
    _BODY_HEADING,
    _DECIDES_LINE,
    _OFFICE_AFTER_GENITIVE,
    _PARAGRAPH_HEADING,
    _PROPOSAL_HEADING,
    DATE_LABELS,
    DECISION_SECTIONS,
    GENERIC_BODIES,
    SECTION_HEADINGS,
)
from extractors.lowercase import lower
from extractors.model import (
    Extraction,
    Meeting,
    Person,
    Place,
    Section,
)
from extractors.nlp import ALL_DATES_KEY, CASE_NUMBERS_KEY, build_pipeline, normalize_space, run
from extractors.persons import find_persons, job_titles, split_name_title

__all__ = ["Extractor", "default_extractor", "extract", "job_titles", "split_name_title"]


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
        lines = lines_of(text)
        ctx = _Context(
            doc=doc,
            text=text,
            lines=lines,
            spacy_doc=spacy_doc,
            lower_lines=[line.clean.lower() for line in lines],
        )
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
        ctx.furniture = _furniture_spans(ctx.lines, ctx.lower_lines)
        ctx.parts = _document_parts(ctx.lines, ctx.doc_type)
        self._mentions(ctx)
        self._headings(ctx)
        date, date_span = _document_date(ctx)
        ctx.doc_body = _header_body(ctx)
        issuer = header.issuing_body(text)
        if issuer is not None:
            # (the head's issuer is read from its own mentions, not from `ctx.mentions`)
            issuer = (_in_region(text, issuer[0], issuer[1]), issuer[1], issuer[2])
        if ctx.doc_body is None and ctx.doc_type in header.MEETING_TYPES and issuer:
            ctx.doc_body = issuer[0]
        _attribute_series(ctx)
        meeting = _meeting(ctx, date, date_span)
        # A learned ranker over the head's dates, where cross-validation says it beats the rules.
        meeting = rankers.ranked_meeting(
            text, ctx.doc_type, meeting, ctx.doc_body, spacy_doc.user_data.get(ALL_DATES_KEY)
        )
        if (
            date is None
            and meeting is not None
            and ctx.doc_type in ("protokoll", "protokollsutdrag")
        ):
            # The minutes' date is their meeting's date.
            date, date_span = meeting.date, (meeting.start, meeting.end)
        if date is None:
            labelled = header.document_date(text) or header.place_date(text)
            if labelled is None and ctx.doc_type == "tjänsteskrivelse":
                labelled = header.memo_date(text)
            if labelled is None:
                labelled = header.page_date(text)
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
        if body is None:
            body = _body_by_abbreviation(ctx)
        if ctx.doc_type in header.MEETING_TYPES and (
            body is None
            or (
                ctx.doc_type in ("protokoll", "protokollsutdrag")
                and _is_plain_committee(body)
                and body not in lower(text)[:_COVER_CHARS]
            )
        ):
            # Minutes whose cover lost the body's name take the first body their head names,
            # often an item's ("valnämnden"); who attended tells the styrelse or the council.
            attended = _body_by_attendance(ctx)
            if body is None or attended in ("kommunstyrelsen", "kommunfullmäktige"):
                body = attended or body
        if ctx.doc_type in ("protokoll", "protokollsutdrag"):
            body = working_committee(ctx, council_by_attendance(ctx, body))
        if ctx.doc_type in _TO_FULLMAKTIGE:
            body = _fullmaktige_of(ctx, body)
        if ctx.doc_type == "reservation" and body is None:
            # A dissent is filed against a body's decision, which its head names first
            # ("Reservation mot kommunfullmäktiges beslut …", "§ 68 Kommunfullmäktige …").
            body = first_named_body(ctx, _COVER_CHARS)
        if ctx.doc_type == "tjänsteskrivelse":
            # A memo is of the body it is written for, whoever else its head names first.
            body = header.addressee(text) or body
        if ctx.doc_type not in _TO_FULLMAKTIGE:
            # A learned ranker over the head's bodies, where cross-validation says it beats
            # the rules; not for a motion, which is put to a fullmäktige whatever nämnd it
            # names first ("… plats i vård och omsorgsnämndens presidium").
            body = rankers.ranked_body(text, ctx.doc_type, body, ctx.bodies)
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
        cases = _Spans((c.start, c.end) for c in ctx.cases)
        spans = list(ctx.spacy_doc.spans.get("committees", []))
        spans += list(ctx.spacy_doc.spans.get("committee_abbreviations", []))
        defined = _defined_abbreviations(ctx.text)
        for span in spans:
            start, end = span.start_char, span.end_char
            if cases.overlaps(start, end):
                continue  # "KS" of "KS 2014/0316"
            rule = "gazetteer_abbreviation" if span.id_ == "abbreviation" else "gazetteer"
            name = span.label_
            if rule == "gazetteer_abbreviation" and ctx.text[start:end] in defined:
                # The document's own "Samhällsbyggnadsnämnden (SBN)" beats the gazetteer's
                # reading of SBN in another municipality.
                name, rule = defined[ctx.text[start:end]], "defined_abbreviation"
            ctx.mentions.append((name, start, end, rule))
        council = regional_council(ctx.text)
        if council is not None:
            # A region's or landsting's document: its bare "fullmäktige" is its own council.
            ctx.mentions = [
                (_in_region(ctx.text, n, s, council), s, e, r) for n, s, e, r in ctx.mentions
            ]
        # Bodies the gazetteer does not know, by Swedish morphology; a longer name found this
        # way replaces the gazetteer's shorter match inside it ("kultur- och fritidsnämnden",
        # not "fritidsnämnden").
        ctx.mentions.sort(key=lambda m: m[1])
        starts = [m[1] for m in ctx.mentions]
        replaced: set[int] = set()
        added = []
        ctx.bodies = committees.find_bodies(ctx.text)
        for body in ctx.bodies:
            if cases.overlaps(body.start, body.end):
                continue
            name = committees.canonical_body(body.name)
            # Gazetteer mentions that start within the body's span or shortly before it (a
            # gazetteer form is a few words long).
            lo = bisect_left(starts, body.start - 80)
            hi = bisect_left(starts, body.end)
            near = [k for k in range(lo, hi) if ctx.mentions[k][2] > body.start]
            inside = [
                k
                for k in near
                if body.start <= ctx.mentions[k][1] and ctx.mentions[k][2] <= body.end
            ]
            if any(ctx.mentions[k][0] == name for k in inside):
                continue
            if len(inside) != len(near):
                continue  # a gazetteer name reaching out of the span wins
            replaced.update(inside)
            added.append((name, body.start, body.end, "morphology"))
        if replaced or added:
            ctx.mentions = [m for k, m in enumerate(ctx.mentions) if k not in replaced] + added
        # "Kommunstyrelsens kansli" names an office, not the styrelse.
        ctx.mentions = [
            m
            for m in ctx.mentions
            if not (
                ctx.text[m[2] - 1 : m[2]] in "sS"
                and _OFFICE_AFTER_GENITIVE.match(ctx.text, m[2], m[2] + 30)
            )
        ]
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
            if not clean or len(clean) > 80:
                continue
            # The lower case of the line without its colons (lower-casing keeps a colon).
            key = ctx.lower_lines[i].rstrip(":")
            # String gates before the patterns: most lines hold neither "§" nor a proposal.
            para = _PARAGRAPH_HEADING.match(line.raw) if "§" in line.raw else None
            if para and not is_toc_entry(lines, i):
                s = line.start + line.raw.index("§")
                headings.append(_Heading("paragraf", f"§ {para.group('num')}", s, line.end, i))
                continue
            kind = SECTION_HEADINGS.get(key)
            if i == ctx.type_line and not (kind in DECISION_SECTIONS and headings):
                # The type's own heading line ("BESLUT" over a letter); one that follows other
                # sections ("Yrkanden", then "BESLUT" on a page of one item of minutes) opens
                # the decision section too.
                continue
            body = None
            if kind is None:
                proposal = _PROPOSAL_HEADING.match(clean) if "förslag till" in key else None
                if proposal:
                    kind = "förslag till beslut"
                    who = proposal.group("body") or proposal.group("addressee") or ""
                    body = committees.lookup(who) or committees.find_in_line(who)
            if kind is None:
                # "Kommunstyrelsens beslut" (the decision) / "Kommunledningsutskottets förslag"
                # (an earlier proposal quoted as background). The ending is tested first: the
                # pattern's lazy name is tried at every length on every line.
                owned = (
                    _BODY_HEADING.match(clean) if clean.endswith(("beslut", "förslag")) else None
                )
                # A body's own decision is read by morphology too; a proposal heading only for
                # a body the gazetteer knows ("Regionstyrelsens förslag" in a region's minutes
                # is read by its wording).
                decided = owned is not None and owned.group("what") == "beslut"
                who = owned.group("body") if owned else ""
                named = (_named_body(who) if decided else committees.lookup(who)) if who else None
                generic = decided and who.lower() in GENERIC_BODIES
                if owned and (named or generic):
                    kind = "beslut" if decided else "tidigare förslag"
                    body = named
            if (
                kind is None
                and clean.endswith(("beslutar", "beslöt", "beslutade", "att"))
                and ("beslutar" in key or "beslöt" in key or "beslutade" in key)
            ):
                decides = _DECIDES_LINE.match(clean)
                who = decides.group("body") if decides else ""
                named = _named_body(who) if who else None
                if decides and (named or who.lower() in GENERIC_BODIES):
                    kind, body = "beslut", named
            if kind is None:
                # A heading glued to the end of a bold line: "TN-2019-3825****Sammanfattning**".
                glued = (
                    re.search(r"\*{3,}(?P<h>[^*]{3,40})\*\*\s*$", line.raw)
                    if "***" in line.raw
                    else None
                )
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
                and kind == "förslag till beslut"
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
            if h.kind in DECISION_SECTIONS:
                nxt = case_line_before(ctx, h.heading_end, nxt)
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


#: "(SBN)" after a body's name: the search starts at the bracket (a pattern that opens with a
#: letter class is tried at every letter of the text).
_DEFINITION = re.compile(r"\((?P<abbr>[A-ZÅÄÖ]{2,6})\)")


def _defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the document defines after a body's name: "Samhällsbyggnadsnämnden
    (SBN)" -> {"SBN": "samhällsbyggnadsnämnden"}."""
    out: dict[str, str] = {}
    if "(" not in text:
        return out
    for match in _DEFINITION.finditer(text):
        end = match.start()
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        if end == 0 or not text[end - 1].islower():
            continue
        line_start = text.rfind("\n", 0, end) + 1
        before = text[max(line_start, end - 80) : end]
        bodies = committees.find_bodies(before)
        if bodies and bodies[-1].end == len(before):
            out.setdefault(match.group("abbr"), committees.canonical_body(bodies[-1].name))
    return out


#: Documents addressed to fullmäktige by law (KL 4 kap. 19–20 §§, 5 kap. 22 §): fullmäktige is
#: the body they are before, whatever nämnd they write of.
_TO_FULLMAKTIGE = ("motion", "interpellation", "medborgarförslag")


#: The part of minutes where a cover names its body ("Byggnadsnämnden / Protokoll …").
_COVER_CHARS = 400


def _is_plain_committee(body: str) -> bool:
    """A nämnd or direktion other than the styrelse: what an item of minutes names."""
    return committees.kind_of(body) == "nämnd" and not body.endswith("styrelsen")


def _in_region(text: str, name: str, start: int, council: str | None = None) -> str:
    """A body's name as a region's or landsting's document means it: its bare "fullmäktige"
    (canonically "kommunfullmäktige", but not written "kommun…") is its own council (Region
    Stockholm's "Bekräftande av fullmäktiges beslutsförhet" is regionfullmäktige's). `council`
    is `regional_council(text)` where the caller has it."""
    if name != "kommunfullmäktige" or lower(text[start : start + 7]).startswith("kommun"):
        return name
    council = council or regional_council(text)
    return council or name


def _fullmaktige_of(ctx: _Context, body: str | None) -> str:
    """The fullmäktige a motion or interpellation is put to: the one it names, else the
    region's or the municipality's."""
    if body is not None and body.endswith("fullmäktige"):
        return body
    named = next((name for name, *_ in ctx.mentions if name.endswith("fullmäktige")), None)
    if named is not None:
        return named
    return regional_council(ctx.text) or "kommunfullmäktige"


def _named_body(words: str) -> str | None:
    """The body `words` name in full: the gazetteer's, else by morphology ("Barn- och
    utbildningsnämnden")."""
    named = committees.lookup(words) or committees.find_in_line(words)
    if named:
        return named
    bodies = committees.find_bodies(words)
    if len(bodies) == 1 and bodies[0].start <= 1 and bodies[0].end >= len(words) - 1:
        return committees.canonical_body(bodies[0].name)
    return None


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


class _Spans:
    """Spans with a fast overlap test (bisect on their starts)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        # The longest span bounds how far back an overlapping span can start.
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return any(self.spans[k][1] > start for k in range(lo, hi))


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor on ``DIARIUM_SPACY_MODEL`` when set (a trained Swedish pipeline), else on the
    rules alone."""
    return Extractor(os.environ.get("DIARIUM_SPACY_MODEL") or None)


def extract(doc: ParsedDocument) -> Extraction:
    """Extract with the cached default `Extractor`."""
    return default_extractor().extract(doc)
