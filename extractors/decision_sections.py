"""Decisions and proposals in a document's sections, agenda tables and prose; the wording
rules for text no section covers are `extractors.decisions`."""

from __future__ import annotations

import dataclasses
import itertools
import re
from bisect import bisect_left

from extractors import committees, news_decisions
from extractors.body_rules import STATE_AGENCIES
from extractors.decision_rules import PAGE_OF_DECISIONS
from extractors.decisions import NEXT_ITEM_NUMBER, confirmed_start, find_decisions, may_decide
from extractors.document import (
    _Context,
    _ends_with_connector,
    _Heading,
    _line_index,
    _part_at,
    _sentences,
    _table_rows,
    _trim,
    case_line_before,
    is_furniture,
)
from extractors.document_cases import _section_case
from extractors.extraction_rules import (
    _ATT_CLAUSE,
    _CELL_PROPOSAL,
    _FLAT_LINE,
    _NUMBERING,
    _PARAGRAPH_BREAK,
    _QUOTE_INTRO,
    _REPORT_TYPES,
    _RUN_ON,
    DECISION_SECTIONS,
    DECISION_VERBS,
    PROSE_DECISION_VERBS,
)
from extractors.model import (
    NOTICE_TYPES,
    PROPOSING_TYPES,
    Decision,
)
from extractors.nlp import normalize_space

#: A news page's item title: a short line of its own between blank lines, without a sentence's
#: closing mark.
_NEWS_ITEM_TITLE = re.compile(r"\n[ \t]*\n[ \t]*(?=[A-ZÅÄÖ][^\n]{0,90}[^.:;,!?\s][ \t]*\n[ \t]*\n)")
#: The last line of a bulleted list, before a blank line and a paragraph that is no point.
_AFTER_BULLETS = re.compile(r"\n[ \t]*[•–-][ \t][^\n]*\n(?=[ \t]*\n[ \t]*[^\s•–-])")
#: A line that ends a decision section whatever heading follows: a rule ("_________"), a
#: § heading with a series before it ("Kf § 275"), or the minutes' cover (a document site's
#: title "Kommunstyrelsens förslag till kommunfullmäktige" over "Plats och tid …, Beslutande …").
_SECTION_STOP = re.compile(
    r"(?m)^[ \t]*(?:[_=-]{5,}[ \t]*$|[A-ZÅÄÖ][a-zåäö]{0,5}[ \t]+§[ \t]*\d"
    r"|(?:Plats och tid|Tid och plats|Beslutande)\b)"
)


#: A section's lead that announces the items after it, no point itself: "Följande ärenden
#: beslutades på kommunstyrelsens sammanträde.", "Följande beslut fattades:".
_ANNOUNCES_ITEMS = re.compile(
    r"Följande (?:ärenden|beslut|frågor)\b[^.:]{0,80}?\b(?:beslutades|behandlades|fattades|togs)\b"
)
#: A file's name in a page's list of downloads.
_FILE_NAME = re.compile(r"(?i)\w\.(?:pdf|docx?|xlsx?|pptx?)\b")
#: A sentence whose subject is a state agency ("Länsstyrelsen …", "Skatteverket …").
_STATE_AGENCY_FIRST = re.compile(r"(?:" + "|".join(STATE_AGENCIES) + r")\b")
#: A sentence of dissent: its party or members, then "reserverar/reserverade sig".
_DISSENT = re.compile(r"(?:[\w(),-]+ ){1,8}reserver(?:ar|ade) sig\b")
#: Letters that carry one decision taken: their Beslut section is the decision itself.
_DECISION_LETTERS = ("beslut", "delegationsbeslut")
#: A note on the decision of a letter, not a point of it.
_LETTER_NOTE = re.compile(
    r"(?i)^beslutet (?:har fattats|är fattat|fattas|kan överklagas|har tagits|ska anmälas)"
)


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


def _decisions(ctx: _Context) -> list[Decision]:
    out: list[Decision] = []
    for n, h in enumerate(ctx.headings):
        if h.kind in DECISION_SECTIONS or h.kind == "tidigare förslag":
            end = ctx.headings[n + 1].start if n + 1 < len(ctx.headings) else len(ctx.text)
            # A rule line or the next § ("Kf § 275 Dnr ...") ends the section too.
            stop = _SECTION_STOP.search(ctx.text, h.heading_end, end)
            if stop:
                end = stop.start()
            if ctx.doc_type in news_decisions.NEWS_TYPES:
                # On a news page the next item's title ends it ("Kommunfullmäktiges beslut /
                # Motionen remitteras … / (blank) / Motion om arbetskläder … / (blank)").
                title = _NEWS_ITEM_TITLE.search(ctx.text, h.heading_end, end)
                if title:
                    end = title.start()
                # … and so does the paragraph after its bulleted points ("Beslut: / • Fastställa
                # budget … / (blank) / Kommunfullmäktige tog ställning till …").
                bullets = _AFTER_BULLETS.search(ctx.text, h.heading_end, end)
                if bullets:
                    end = bullets.end()
            end = case_line_before(ctx, h.heading_end, end)
            if h.kind == "tidigare förslag":
                # "Kommunstyrelsens förslag" over numbered points: a body's proposal. Only its
                # numbered points or att-clauses count (its prose quotes the background).
                proposal = dataclasses.replace(h, kind="förslag till beslut")
                out += _section_decisions(ctx, proposal, end, points_only=True)
                continue
            out += _section_decisions(ctx, h, end)
    out += _agenda_decisions(ctx)
    out += _prose_decisions(ctx, out)
    out = _split_run_on(ctx, out)
    out += _worded_decisions(ctx, out)
    out += _scored_decisions(ctx, out)
    if ctx.doc_type != "reservation":
        # "S reserverar sig mot beslutet.", "Sverigedemokraterna reserverade sig …" under a
        # decision: a dissent, not a point (in a reservation it is the document's own)
        out = [d for d in out if not _DISSENT.match(d.text)]
    out.sort(key=lambda d: d.start)
    return out


def _scored_decisions(ctx: _Context, taken: list[Decision]) -> list[Decision]:
    """The sentences of a news page of decisions that the learned scorer
    (`extractors.news_decisions`) takes as decisions, beside the rules' points."""
    if ctx.doc_type not in news_decisions.NEWS_TYPES:
        return []
    # (not a sentence that leads into bulleted points: "Kommunfullmäktige beslutade att utse")
    # (nor a list of files: "Filer tillgängliga för nedladdning … protokoll.pdf Pdf, 3.4 MB")
    spans = [
        (s, e)
        for s, e in _sentences(ctx.text, 0, len(ctx.text), _header_lines(ctx))
        if not _BULLETS_FOLLOW.match(ctx.text, e - 1) and not _FILE_NAME.search(ctx.text, s, e)
    ]
    body_starts = [s for _name, s, _e, _rule in ctx.mentions]
    taken_spans = [(d.start, d.end) for d in taken]
    out = []
    for s, e, _score in news_decisions.scored_points(ctx.text, spans, taken_spans, body_starts):
        clean = normalize_space(ctx.text[s:e])
        paragraph, case = _paragraph_of(ctx, s)
        decision = _decision(
            ctx, clean, _decision_body(ctx, s, e), s, e, "news_scorer", paragraph, case
        )
        out.append(decision)
    return out


def _split_run_on(ctx: _Context, decisions: list[Decision]) -> list[Decision]:
    """A decision read from a section of flattened text can run on over the rest of the page
    ("Beslut Avsägelsen godkänns. 3. Anna Norlén ..."): when the wording rules find decisions
    inside a long one, they stand for it."""
    out = []
    for d in decisions:
        line = ctx.lines[_line_index(ctx.lines, d.start)]
        # (a prose decision over a list of points is read point by point, whatever its length)
        listed = d.rule == "prose_decision" and _LIST_ITEM.search(ctx.text, d.start, d.end)
        if (
            (d.end - d.start <= _RUN_ON and not listed)
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


def _worded_decisions(ctx: _Context, taken: list[Decision]) -> list[Decision]:
    """Decisions and proposals found by their wording (`extractors.decisions`) in the text that
    no recognised section covers: flattened PDF text, news items, reports of decisions."""
    text = ctx.text
    decided = any(h.kind in DECISION_SECTIONS for h in ctx.headings)
    uncovered = () if decided else ("beslutsgång",)
    # A section of flattened text (one line of a whole page) does not hide what follows it.
    covered = [
        (sec.start, sec.end)
        for sec in ctx.sections
        # The yrkanden of minutes are read by their wording: each member's proposal. The
        # beslutsgång only restates the decision a Beslut section gives; without one (a web
        # page's list of motions: "Beslutsgång: … 27 april 2015: Kommunfullmäktige beslutar
        # att …") it holds the decisions.
        if sec.kind not in ("paragraf", "yrkanden", *uncovered)
        and max(map(len, sec.text.split("\n"))) <= _FLAT_LINE
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
    notice = ctx.doc_type in NOTICE_TYPES
    furniture = _header_lines(ctx)
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
        if not may_decide(text[a:b].lower()):
            continue  # no sentence of it can hold a decision: not split into sentences
        for found in find_decisions(text, _sentences(text, a, b, furniture), report, notice):
            if any(d.start < found.end and found.start < d.end for d in taken):
                continue
            if found.rule == "office_proposal" and taken:
                # An office's "föreslår" outside a memo's own proposal section is its reasoning.
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


def _header_lines(ctx: _Context) -> list[tuple[int, int]]:
    """The page furniture that sentences skip: a page header is a short line; in text
    flattened by a PDF-to-text step the "header line" is a whole page, and its decisions
    count."""
    return [(a, b) for a, b in ctx.furniture if b - a <= 200]


def _paragraph_of(ctx: _Context, offset: int) -> tuple[str | None, str | None]:
    """The § (or numbered item) that holds `offset`, and the case number on its heading line."""
    owner = [h for h in ctx.headings if h.kind == "paragraf" and h.start <= offset]
    if not owner:
        return None, None
    line = ctx.lines[owner[-1].line]
    case = next((c.normalized for c in ctx.cases if line.start <= c.start <= line.end + 1), None)
    return owner[-1].heading, case


def _section_decisions(
    ctx: _Context, h: _Heading, end: int, points_only: bool = False
) -> list[Decision]:
    """Decision points of one "Förslag till beslut", "Beslut" or "Överenskommelse" section: each
    att-clause when the section has them, else each sentence (with `points_only`, each numbered
    point)."""
    text = ctx.text
    part = _part_at(ctx, h.start)
    # Minutes, and a letter of one decision (a beslut, a delegationsbeslut): every sentence of
    # its Beslut section is the body's decision, whatever its verb ("Föreläggandet förenas med
    # vite ...").
    letter = ctx.doc_type in _DECISION_LETTERS and part.start == 0
    in_minutes = (
        ctx.doc_type in ("protokoll", "protokollsutdrag", "beslutsreferat")
        or part.kind == "protokoll"
        or letter
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
        spans = [
            item
            for k, match in enumerate(clauses)
            for item in _list_items(
                text, match.end(), clauses[k + 1].start() if k + 1 < len(clauses) else end
            )
        ]
        for s, e in spans:
            numbering = _NUMBERING.match(text[s:e])
            if numbering:
                s += numbering.end()
            e = _paragraph_end(text, s, e)
            s, e = _trim(text, s, e)
            clause = normalize_space(text[s:e])
            if numbering and _title_like(clause):
                break  # the agenda's next item: "10. Uppföljning av internkontrollplan 2016"
            clause = re.sub(r"[,;]?\s*(?:samt|och)?\s*$", "", clause).rstrip(",; ")
            e = s + len(text[s:e].rstrip().rstrip(",; ")) if clause else e
            if clause:
                out.append(_decision(ctx, clause, lead_body, s, e, rule + "_att", paragraph, case))
        return out
    sentences = _sentences(text, h.heading_end, end, ctx.furniture, decision=True)
    # An agenda's proposal under its item: every sentence of it up to the next item is proposed
    # ("… antar yttrandet. / Yttrandet lämnas till Finansdepartementet. / Paragrafen förklaras
    # omedelbart justerad."), whatever its verb.
    agenda_proposal = h.kind == "förslag till beslut" and ctx.doc_type in NOTICE_TYPES
    # The number the item before left for this one ("... godkänns.\n2."), or None.
    carried: int | None = None
    expected = 1  # with `points_only`, the number the next point must carry
    last = 0  # the number of the section's last numbered point
    for s, e in (item for s0, e0 in sentences for item in _list_items(text, s0, e0)):
        numbering = _NUMBERING.match(text[s:e])
        if numbering:
            s += numbering.end()
        digits = re.match(r"\s*(\d+)", numbering.group(0)) if numbering else None
        number = int(digits.group(1)) if digits else carried
        if number is not None and number > last + 1:
            # "12. Utredningsuppdrag 19/08 - Redovisa …" under item 11's proposal: the
            # agenda's next item, not a point of this section (its points count from 1).
            break
        if number is not None:
            last = number
        # A numbered item of the section is a point whatever its verb ("3. Uppdrag från
        # tidigare planer som inte längre är aktuella avslutas.").
        numbered = number is not None
        next_number = NEXT_ITEM_NUMBER.search(text, s, e)
        carried = int(re.sub(r"\D", "", next_number.group(0))) if next_number else None
        if next_number is not None:
            e = next_number.start()
        clean = normalize_space(text[s:e])
        if not clean and digits is not None:
            carried = number  # "1." split from its point by the sentence splitter
        if len(clean) < 8 or is_furniture(clean):
            continue
        if numbered and not points_only and _title_like(clean):
            # the agenda's next item ("2. Frågestund (kl 09:35)" after item 1's "Beslut: 1.
            # Regionfullmäktige godkänner …"): the questions listed under it are no points
            break
        if not numbered and _title_like(clean) and _line_of_its_own(ctx, s, e):
            continue  # a heading over the agenda's next items ("Rund och gränslös region")
        if _ANNOUNCES_ITEMS.match(clean):
            continue  # "Följande ärenden beslutades på kommunstyrelsens sammanträde."
        if _STATE_AGENCY_FIRST.match(clean) and not letter:
            # "Länsstyrelsen meddelar i protokoll … att …" under the council's decision: another
            # authority's, told
            continue
        body = _decision_body(ctx, s, e) or default_body
        # (A numbered title without its full stop is the agenda's next item.)
        point = numbered and clean.endswith(".")
        if points_only:
            # A body's proposal quoted under its heading: its points 1, 2, 3 ..., not an
            # agenda's next item ("25. Revidering av reglemente ...").
            if not point or number != expected:
                continue
            expected += 1
        if (
            body is None
            and not letter
            and not point
            and not agenda_proposal
            and not DECISION_VERBS.search(clean)
        ):
            continue
        if (
            letter
            and not DECISION_VERBS.search(clean)
            and (not clean.endswith(".") or _LETTER_NOTE.match(clean))
        ):
            continue  # a signature, or a note on the decision ("Beslutet har fattats ...")
        out.append(_decision(ctx, clean, body, s, e, rule, paragraph, case))
    return out


def _title_like(clean: str) -> bool:
    """A short capitalised line without a full stop or a decision verb: an item's title."""
    return (
        bool(clean)
        and not clean.endswith((".", ":", ";", ","))
        and len(clean.split()) <= _TITLE_WORDS // 2
        and clean[0].isupper()
        and not DECISION_VERBS.search(clean)
    )


def _line_of_its_own(ctx: _Context, start: int, end: int) -> bool:
    """Whether `ctx.text[start:end]` fills its lines (nothing else on the first or the last)."""
    first = ctx.lines[_line_index(ctx.lines, start)]
    last = ctx.lines[_line_index(ctx.lines, end)]
    return not ctx.text[first.start : start].strip() and not ctx.text[end : last.end].strip()


#: A line that opens an item of a list: a bullet or dash, or "1." / "2)".
_LIST_ITEM = re.compile("\n[^\\S\n]*(?:[-–•\uf0b7]|\\d{1,2}[.)])[^\\S\n]+")


def _paragraph_end(text: str, start: int, end: int) -> int:
    """The end of the paragraph an att-clause opens: the last clause of a list is not followed
    by the section's other text ("• att detaljplanen revideras\n\nMotionen lämnades in av …"),
    unless the clause runs on over the break ("att …, samt\n\nAtt …" is the next clause's)."""
    for brk in _PARAGRAPH_BREAK.finditer(text, start, end):
        if not _ends_with_connector(text, start, brk.start()):
            return brk.start()
    return end


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` cut before each line that opens a list item ("- Planen fastställs.",
    "2. ge regiondirektören i uppdrag ..."): one decision point each."""
    cuts = [m.start() + 1 for m in _LIST_ITEM.finditer(text, start, end)]
    if not cuts:
        cuts = _bare_numbered(text, start, end)
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


#: A point numbered without its full stop, on a line of its own: "1 Kommunfullmäktige väljer
#: revisorer …\n2 Kommunfullmäktige väljer ledamöter …" (Tyresö's agenda pages).
_BARE_NUMBER = re.compile(r"(?:^|(?<=\n))[^\S\n]*(\d{1,2})[^\S\n]+(?=[A-ZÅÄÖ])")


def _bare_numbered(text: str, start: int, end: int) -> list[int]:
    """Cuts before points numbered 1, 2, 3 … without a full stop, each opening its line: only a
    run that counts up from 1 (a line that opens with another number is no point)."""
    cuts = []
    expected = 1
    for m in _BARE_NUMBER.finditer(text, start, end):
        if int(m.group(1)) != expected:
            continue
        # (the first point only where text stands before it in the span)
        if expected > 1 or (m.start() > start and text[start : m.start()].strip()):
            cuts.append(m.start())
        expected += 1
    return cuts if expected > 2 else []


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
    if ctx.doc_type in _DECISION_LETTERS and part.start == 0:
        return "beslut"
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


#: The most words a news item's title runs to.
_TITLE_WORDS = 20
#: A news item's title on its own line before its text: no closing punctuation, a capital on
#: the next line.
_TITLE_BEFORE = re.compile(r"[^\n]*[^\s.:;,!?][^\S\n]*\n(?=[^\S\n]*[A-ZÅÄÖ])")


def _after_item_title(text: str, start: int, before: int) -> int:
    """Where a sentence of prose starts once a news item's title line is cut off its front
    ("Avgifter för att hyra kommunens lokaler\nKommunfullmäktige beslutade …"): a line of at
    most `_TITLE_WORDS` words, with no decision verb, ending before `before` (the subject)."""
    title = _TITLE_BEFORE.match(text, start, before + 1)
    if (
        title is None
        or title.end() > before
        or len(title.group(0).split()) > _TITLE_WORDS
        or PROSE_DECISION_VERBS.search(title.group(0))
    ):
        return start
    return title.end()


#: The end of a sentence that announces numbered points: "…: 1.".
_ANNOUNCES_POINTS = re.compile(r":\s*1[.)]\s*$")
#: ... or bulleted points, with no full stop before them ("Kommunfullmäktige beslutade att
#: utse\n\n • Eva Ek (V) till ny ledamot …").
_BULLETS_FOLLOW = re.compile(r"[^.!?\s][ \t]*\n\s*[•–-][ \t]")


def _prose_decisions(ctx: _Context, taken: list[Decision]) -> list[Decision]:
    """Sentences of narrative text in which a body decides: "I januari 2017 antog
    kommunfullmäktige ett program ...". Run over narrative documents (årsredovisning,
    delårsrapport, webbsida, okänd) and over the reports inside a bundle of handlingar; a
    sentence a section's point already holds is left to it (a news page's "Beslut:" list)."""
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
        spans = _sentences(text, r_start, r_end, ctx.furniture)
        for k, (s, e) in enumerate(spans):
            confirmed = confirmed_start(text, spans, k)
            if confirmed is not None:
                # "… ändras från den 1 januari 2015. Det beslutade landstingsfullmäktige." (as
                # one point, so that the wording rules do not read the second sentence alone)
                s = confirmed
                clean = normalize_space(text[s:e])
                out.append(_decision(ctx, clean, None, s, e, "decision_confirmed", None, None))
                continue
            mentioned = ctx.mentions[bisect_left(starts, s) : bisect_left(starts, e)]
            bodies = [(name, ms) for name, ms, _, _ in mentioned]
            if not bodies or any(d.start < e and s < d.end for d in taken):
                continue
            verb = PROSE_DECISION_VERBS.search(text, s, e)
            if (
                not verb
                or _ANNOUNCES_POINTS.search(text, max(s, e - 8), e)
                or _BULLETS_FOLLOW.match(text, e - 1)
                or PAGE_OF_DECISIONS.match(text, s, e)
            ):
                # (a sentence that announces numbered points, "Kommunstyrelsen beslutade bl a
                # följande …: 1.", is a cue: the wording rules read its points)
                continue
            # The body must be the verb's subject: within a few words of it.
            near = [name for name, ms in bodies if abs(ms - verb.start()) <= 40]
            if not near:
                continue
            s = _after_item_title(text, s, min(verb.start(), *(ms for _, ms in bodies)))
            out.append(
                _decision(
                    ctx, normalize_space(text[s:e]), near[0], s, e, "prose_decision", None, None
                )
            )
    return out
