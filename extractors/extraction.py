"""Swedish extraction: one `ParsedDocument` in, one `Extraction` out.

>>> from extractors.base import Page, ParsedDocument
>>> text = "Datum\\n\\n2020-08-17\\n\\nTjänsteskrivelse\\n\\nModell TN-2019-3825\\n\\n" \\
...     "Förslag till beslut\\n\\nTekniska nämnden föreslås besluta\\n\\natt godkänna modellen\\n"
>>> doc = ParsedDocument("x.txt", "x", "text", text, [Page(1, 0, len(text))])
>>> e = extract(doc)
>>> e.doc_type, e.date, e.own_case_numbers, [d.text for d in e.decisions]
('tjänsteskrivelse', '2020-08-17', ['TN-2019-3825'], ['godkänna modellen'])

Choices (documented here because tests and analysts depend on them):

* Decisions: one `Decision` per sentence of a "Förslag till beslut"/"Beslut" section, or per
  "att"-clause when the section is a lead sentence ("X föreslås besluta") with att-clauses. In a
  protokoll each § contributes its "Beslut" (or "Förslag till beslut i X") sentences, with the §
  and the § heading's Dnr. "Förslag till beslut på sammanträdet" (motions made at the meeting)
  is not a decision. Narrative documents (årsredovisning, webbsida, okänd) yield prose sentences
  in which a body "beslutade/antog/beslöt/fastställde" something.
* Abbreviations of bodies ("KS") that are part of a case number ("KS 2014/0316") are not
  committee mentions; the series of an *own* case number makes its body the author instead.
* A protokoll of one § (not § 1) is a protokollsutdrag.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from extractors import committees
from extractors.base import ParsedDocument
from extractors.dates import RawDate, find_raw_dates, parse_iso, resolve
from extractors.diarienummer import CaseNumberMatch, find_case_numbers, normalize
from extractors.doctype import Line, classify, is_toc_entry, lines_of, nonblank
from extractors.model import (
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
    r"(?i)(?:^|§\s*\d+\s+)(?:diarienummer|diarienr|dnr|vår beteckning|ärendenummer|ärendenr|"
    r"ärende|beteckning)\.?\s*:?\s*$"
)
#: Words right before a case number that make it a case the document refers to.
REFERENCE_CUES = re.compile(
    r"(?i)(?:\bärende|\bremiss(?:en)?(?: från [\w -]+)?|\bsvar på|\bjfr|\bse|\benligt|\bdnr)\W{0,3}$"
)
#: Titles that announce another body's case (a remiss, an answer to one).
REFERENCE_TITLE = re.compile(r"(?i)^(?:remiss|svar på|yttrande över|begäran om yttrande)\b")
#: Verbs that make a sentence with a body as subject a decision (present / proposed).
DECISION_VERBS = re.compile(
    r"(?i)\b(?:beslutar|föreslås besluta|lämnar yttrande|antar|godkänner|fastställer|noterar|"
    r"avslår|bifaller|tillstyrker|avstyrker|uppdrar|ger .{0,40}i uppdrag|lämnar besked|"
    r"översänder|överlämnar|förklarar|beviljar|utser|väljer)\b"
)
#: Past-tense decision verbs of narrative prose ("Kommunfullmäktige beslutade ...").
PROSE_DECISION_VERBS = re.compile(r"(?i)\b(?:beslutade|beslöt|antog|fastställde|godkände)\b")
#: Page furniture of converted protokoll: never part of a decision.
FURNITURE = re.compile(
    r"(?i)expedierat/bestyrkt|det här dokumentet är digitalt signerat|transaktionsidentitet|"
    r"^KUNGSBACKA\s+KOMMUN|<!--"
)
#: Person labels: header fields and signatures.
PERSON_LABELS: dict[str, str] = {
    "ordförande": "ordförande",
    "sekreterare": "sekreterare",
    "protokolljusterare": "justerare",
    "justerare": "justerare",
    "justerande": "justerare",
}
_NAME = (
    r"[A-ZÅÄÖÉ][a-zåäöéíüæøá]+(?:-[A-ZÅÄÖ][a-zåäöéíüæøá]+)?"
    r"(?:\s+(?:von |af |de |van )?[A-ZÅÄÖÉ][a-zåäöéíüæøá]+(?:-[A-ZÅÄÖ][a-zåäöéíüæøá]+)?){1,3}"
)
NAME = re.compile(r"^" + _NAME + r"$")
_INLINE_PERSON = re.compile(
    r"^(?P<label>Ordförande|Sekreterare|Protokolljusterare|Justerare|Justerande)[ \t]+"
    r"(?P<name>" + _NAME + r")(?:[ \t]*\([A-ZÅÄÖ]{1,3}\))?(?=[ \t]{2,}|[ \t]*$)"
)
# A blank line ends a sentence only before a capital: converted PDFs break lines mid-sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])|\n[ \t]*\n(?=[ \t]*[A-ZÅÄÖ])")
_ATT_CLAUSE = re.compile(r"(?m)^[ \t]*(?:[-•][ \t]*)?(?:\*\*)?att(?:\*\*)?[ \t]+")
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|[-•])\s*")
_PARAGRAPH_HEADING = re.compile(r"^[ \t]*(?:[A-ZÅÄÖ]{1,6}[ \t]+)?§[ \t]*(?P<num>\d+)\b")

ROLE_STRENGTH = {"own": 2, "referenced": 1, "unknown": 0}
COMMITTEE_ROLES: tuple[CommitteeRole, ...] = ("decision_maker", "author", "recipient", "mentioned")


@lru_cache(maxsize=1)
def job_titles() -> tuple[str, ...]:
    """Job titles from ``data/titles.txt``, longest first (so "biträdande ..." wins)."""
    text = resources.files("extractors").joinpath("data/titles.txt").read_text(encoding="utf-8")
    titles = {t.strip().lower() for t in text.splitlines() if t.strip() and not t.startswith("#")}
    return tuple(sorted(titles, key=len, reverse=True))


def split_name_title(text: str) -> tuple[str, str | None] | None:
    """``"Anna Bertilsson Direktör"`` -> ``("Anna Bertilsson", "Direktör")``.

    >>> split_name_title("Vesna Vasiljkovic Avdelningschef")
    ('Vesna Vasiljkovic', 'Avdelningschef')
    >>> split_name_title("Thure Sandén (M)")
    ('Thure Sandén', None)
    >>> split_name_title("Förslag till beslut") is None
    True
    """
    text = re.sub(r"\s*\([A-ZÅÄÖ]{1,3}\)\s*", " ", text).strip(" ,")
    lower = text.lower()
    for title in job_titles():
        if lower.endswith(" " + title):
            name = text[: -len(title)].strip(" ,")
            if NAME.match(name):
                return name, text[-len(title) :]
    if NAME.match(text):
        return text, None
    return None


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
    sections: list[Section] = field(default_factory=list)
    title: str = ""
    title_span: tuple[int, int] | None = None
    doc_body: str | None = None  # the protokoll's / kallelse's body


def _line_index(lines: list[Line], offset: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


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


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]: split at ". X" and at blank lines."""
    out = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        s, e = _trim(text, pos, match.start())
        if e > s:
            out.append((s, e))
        pos = match.end()
    s, e = _trim(text, pos, end)
    if e > s:
        out.append((s, e))
    return out


def _add_role(ctx: _Context, name: str | None, role: str) -> None:
    if name:
        ctx.roles.setdefault(name, set()).add(role)


# --------------------------------------------------------------------------- extractor


class Extractor:
    """Rule-based extraction on a spaCy pipeline (see `extractors.nlp.build_pipeline`)."""

    def __init__(self, model: str | None = None) -> None:
        self.nlp = build_pipeline(model)

    def extract(self, doc: ParsedDocument) -> Extraction:
        text = doc.text
        # Lemmas are not used by the rules; the lemmatizer stays in the pipeline for other users.
        spacy_doc = run(self.nlp, text, disable=("lemmatizer",))
        ctx = _Context(doc=doc, text=text, lines=lines_of(text), spacy_doc=spacy_doc)
        ctx.cases = list(spacy_doc.user_data.get(CASE_NUMBERS_KEY) or find_case_numbers(text))
        ctx.cases += _table_case_numbers(ctx)
        ctx.cases.sort(key=lambda c: c.start)
        ctx.doc_type, _, ctx.type_line = classify(ctx.lines, doc.format, bool(ctx.cases))
        self._mentions(ctx)
        self._headings(ctx)
        date, date_span = _document_date(ctx)
        year = int(date[:4]) if date else None
        if year is None and ctx.doc_type in ("årsredovisning", "delårsrapport"):
            year = _report_year(text)
        ctx.doc_body = _header_body(ctx)
        meeting = _meeting(ctx, date, date_span)
        self._title(ctx, date, meeting)
        decisions = _decisions(ctx)
        case_numbers = _case_roles(ctx, decisions, meeting)
        own = [c for c in case_numbers if c.role == "own"]
        for decision in decisions:
            if decision.case_number is None and own:
                before = [c for c in own if c.start <= decision.start]
                decision.case_number = (before[-1] if before else own[0]).normalized
        dates = _dates(ctx, year, date_span, meeting)
        committees_out = _committees(ctx, case_numbers, decisions, meeting)
        return Extraction(
            source=doc.source,
            sha256=doc.sha256,
            doc_type=ctx.doc_type,
            title=ctx.title or (doc.title_hint or ""),
            date=date,
            year=year,
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
            _add_role(ctx, span.label_, "mentioned")
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
        if name:
            return name
    return None


def _meeting(ctx: _Context, date: str | None, date_span: tuple[int, int] | None) -> Meeting | None:
    text, lines = ctx.text, ctx.lines
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
        for _, line in nonblank(lines, 15):
            if re.match(r"(?i)sammanträde\b", line.clean):
                raws = [r for r in find_raw_dates(line.raw) if r.year is not None]
                if raws:
                    r = raws[0]
                    mention = resolve(r, line.raw)
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
        if start <= s < min(end, start + 12):
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
    if case.rule == "agenda_beteckning" or any(s <= case.start < e for s, e in ctx.agenda_cells):
        return True
    i = _line_index(ctx.lines, case.start)
    line = ctx.lines[i]
    prefix = ctx.text[line.start : case.start]
    if case.rule.startswith("dnr_") and re.match(
        r"^\s*(?:[A-ZÅÄÖ]{1,6}\s+)?(?:§\s*\d+\s+)?(?:dnr|diarienr|diarienummer)", prefix, re.I
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
    text = ctx.text
    out: list[Decision] = []
    paragraphs = [h for h in ctx.headings if h.kind == "paragraf"]
    is_protokoll = ctx.doc_type in ("protokoll", "protokollsutdrag")
    for n, h in enumerate(ctx.headings):
        if h.kind not in ("förslag till beslut", "beslut"):
            continue
        end = ctx.headings[n + 1].start if n + 1 < len(ctx.headings) else len(text)
        paragraph = None
        case = None
        if paragraphs:
            owner = [p for p in paragraphs if p.start <= h.start]
            if owner:
                paragraph = owner[-1].heading
                case = next(
                    (
                        c.normalized
                        for c in ctx.cases
                        if ctx.lines[owner[-1].line].start
                        <= c.start
                        <= ctx.lines[owner[-1].line].end + 1
                    ),
                    None,
                )
        if case is None:
            case = _section_case(ctx, h.start)
        default_body = h.body or (ctx.doc_body if is_protokoll and h.kind == "beslut" else None)
        rule = ("protokoll_" if paragraph else "") + (
            "beslut" if h.kind == "beslut" else "forslag_till_beslut"
        )
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
                    out.append(
                        _decision(ctx, clause, lead_body, s, e, rule + "_att", paragraph, case)
                    )
            continue
        lead_body = default_body
        for s, e in _sentences(text, h.heading_end, end):
            sentence = text[s:e]
            if FURNITURE.search(sentence):
                continue
            numbering = _NUMBERING.match(sentence)
            if numbering:
                s += numbering.end()
            clean = normalize_space(text[s:e])
            if not clean or len(clean) < 8:
                continue
            body = _decision_body(ctx, s, e) or lead_body
            if body is None and not DECISION_VERBS.search(clean):
                continue
            out.append(_decision(ctx, clean, body, s, e, rule, paragraph, case))
    out += _agenda_decisions(ctx)
    if ctx.doc_type in ("årsredovisning", "delårsrapport", "webbsida", "okänd"):
        out += _prose_decisions(ctx)
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
    )


def _agenda_decisions(ctx: _Context) -> list[Decision]:
    """Proposed decisions in an agenda table's "Förslag" cells: a cell that (after an optional
    "Förslag till beslut [i X]") begins with a body and a decision verb."""
    out: list[Decision] = []
    for row in _table_rows(ctx):
        case = next(
            (
                c.normalized
                for c in ctx.cases
                for _, s, e in row
                if s <= c.start < e and (s, e) in ctx.agenda_cells
            ),
            None,
        )
        item = row[0][0].strip() if row and re.fullmatch(r"\d+\.?", row[0][0].strip()) else None
        for value, s, e in row[1:]:
            body_hint = None
            prefix = re.match(r"(?i)förslag till beslut", value)
            if prefix:
                s += prefix.end()
                rest = re.match(r"\s+i\s+", ctx.text[s:e])
                if rest:
                    first = next((m for m in ctx.mentions if s + rest.end() <= m[1] < e), None)
                    if first is not None:
                        body_hint = first[0]
                        s = first[2]
                while s < e and (ctx.text[s].isspace() or ctx.text.startswith("<br>", s)):
                    s += 4 if ctx.text.startswith("<br>", s) else 1
            clean = normalize_space(ctx.text[s:e])
            if not clean or not DECISION_VERBS.search(clean):
                continue
            by = _decision_body(ctx, s, e)
            if by is None and not re.match(r"(?i)(?:arbetsutskottet|utskottet)\b", clean):
                continue
            out.append(
                Decision(
                    clean,
                    by or body_hint or ctx.doc_body,
                    s,
                    e,
                    "agenda_forslag",
                    paragraph=item,
                    case_number=case,
                    page=ctx.doc.page_at(s),
                )
            )
    return out


def _prose_decisions(ctx: _Context) -> list[Decision]:
    """Sentences of narrative text in which a body decides: "I januari 2017 antog
    kommunfullmäktige ett program ..."."""
    out = []
    text = ctx.text
    for s, e in _sentences(text, 0, len(text)):
        bodies = [(name, ms) for name, ms, me, _ in ctx.mentions if s <= ms < e]
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
            _decision(ctx, normalize_space(text[s:e]), near[0], s, e, "prose_decision", None, None)
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
            )
        elif ROLE_STRENGTH[role] > ROLE_STRENGTH[existing.role]:
            existing.role = role  # type: ignore[assignment]
            existing.rule = f"{existing.rule.split('/')[0]}/{rule}"
    return list(found.values())


def _dates(
    ctx: _Context, year: int | None, date_span: tuple[int, int] | None, meeting: Meeting | None
) -> list[DateMention]:
    raws: list[RawDate] = ctx.spacy_doc.user_data.get(DATES_KEY) or []
    out = []
    for raw in raws:
        mention = resolve(raw, ctx.text, year, ctx.doc.page_at(raw.start))
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
            )
        )
    out.sort(key=lambda c: (committees.ROLE_ORDER.index(c.role), c.start))
    return out


def _ensure_mention(ctx: _Context, name: str, start: int, end: int, rule: str) -> None:
    if not any(m[0] == name for m in ctx.mentions):
        ctx.mentions.append((name, start, end, rule))


def _persons(ctx: _Context) -> list[Person]:
    lines = ctx.lines
    out: list[Person] = []
    seen: set[tuple[str, str]] = set()

    def add(name: str, title: str | None, role: str, line: Line, rule: str) -> None:
        if (name, role) in seen:
            return
        seen.add((name, role))
        s = line.start + max(0, line.raw.find(name))
        out.append(Person(name=name, title=title, role=role, start=s, end=s + len(name), rule=rule))

    for i, line in enumerate(lines):
        key = line.clean.lower().rstrip(":")
        if key == "vår referens":
            j = _next_nonblank(lines, i)
            if j is None:
                continue
            parsed = split_name_title(lines[j].clean)
            if parsed:
                name, title = parsed
                k = _next_nonblank(lines, j)
                if title is None and k is not None and lines[k].clean.lower() in job_titles():
                    title = lines[k].clean
                add(name, title, "vår referens", lines[j], "var_referens")
        elif key in PERSON_LABELS and line.clean[:1].isupper():
            j = _next_nonblank(lines, i)
            if j is not None:
                parsed = split_name_title(lines[j].clean)
                if parsed:
                    add(parsed[0], parsed[1], PERSON_LABELS[key], lines[j], "signature")
        else:
            inline = _INLINE_PERSON.match(line.raw)
            if inline:
                role = PERSON_LABELS[inline.group("label").lower()]
                add(inline.group("name"), None, role, line, "protokoll_header")
    for section in ctx.sections:
        if section.kind != "ansvariga":
            continue
        base = ctx.text.find(section.text, section.start)
        for i in range(_line_index(lines, base), len(lines)):
            line = lines[i]
            if line.start >= base + len(section.text):
                break
            if not line.clean:
                continue
            parsed = split_name_title(line.clean)
            if parsed:
                add(parsed[0], parsed[1], "ansvarig", line, "ansvariga")
    return out


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
            )
        )
    return out


# --------------------------------------------------------------------------- module API


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()


def extract(doc: ParsedDocument) -> Extraction:
    """Extract with the cached default `Extractor`."""
    return default_extractor().extract(doc)
