"""The working view of one document during extraction: its lines, parts, headings and
furniture, and the sentence splitter every field family uses."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from extractors import committees
from extractors.base import ParsedDocument
from extractors.committees import BodyMention
from extractors.diarienummer import (
    CaseNumberMatch,
)
from extractors.doctype import Line
from extractors.extraction_rules import (
    _CONNECTOR_END,
    _DECISION_LINE,
    _HEADER_CONTINUATION,
    _INLINE_HEADING,
    _PAGE_HEADER,
    _PART_HEADINGS,
    _PART_INSIDE,
    _PART_OPENINGS,
    _QUOTE_INTRO,
    _REPORT_FIRST,
    _REPORT_HEADING,
    _SENTENCE_END,
    DECISION_VERBS,
    FURNITURE_LINE,
    FURNITURE_PHRASES,
    ends_with_abbreviation,
)
from extractors.model import (
    Section,
)


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
    #: `line.clean.lower()` of every line, lowered once for the rules that test each line.
    lower_lines: list[str] = field(default_factory=list)
    doc_type: str = "okänd"
    type_line: int | None = None
    cases: list[CaseNumberMatch] = field(default_factory=list)
    mentions: list[tuple[str, int, int, str]] = field(default_factory=list)
    #: `committees.find_bodies` of the whole text, read once for the rules and the rankers.
    bodies: list[BodyMention] = field(default_factory=list)
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
    #: `document_cases._is_labelled` per (start, rule, agenda cells known): asked once per
    #: case number and section of the document, not once per section.
    labelled: dict[tuple[int, str, int], bool] = field(default_factory=dict)


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


#: A line that holds only a case number, with its label: "KS/2019:33", "Dnr 2019/33".
_CASE_LINE_LABEL = re.compile(r"(?i)[\W_]*(?:dnr|diarienummer|diarienr)?[\s.:]*$")


def case_line_before(ctx: _Context, start: int, end: int) -> int:
    """The start of the first line after some text of `start:end` that holds only a case
    number: the next item's ("Beslut / Enligt kommunstyrelsens förslag. / KS/2019:33 / Ny
    taxa"), so the section ends there; else `end`."""
    for case in ctx.cases:
        if not start < case.start < end:
            continue
        line = ctx.lines[_line_index(ctx.lines, case.start)]
        if (
            _CASE_LINE_LABEL.match(ctx.text, line.start, case.start)
            and not ctx.text[case.end : line.end].strip()
            and ctx.text[start : line.start].strip()
        ):
            return line.start
    return end


def _furniture_spans(
    lines: list[Line], lower_lines: list[str] | None = None
) -> list[tuple[int, int]]:
    """Spans of page furniture: signature notices, "Justerandes sign", page numbers, and each
    page header with the lines that repeat under it (the body, "Datum", the date).
    `lower_lines`: the lines' clean text lower-cased, where the caller has it."""
    spans = []
    header_left = 0
    for i, line in enumerate(lines):
        clean = line.clean
        if not clean:
            continue
        if _is_page_header(clean):
            if len(clean) > _PAGE_HEADER_LINE:
                # A page flattened into one line ("SAMMANTRÄDESPROTOKOLL 2 (18) 37 Ändringar i
                # föredragningslistan Samhällsbyggnadsnämnden godkänner ändringen."): only its
                # header words are furniture.
                head = _HEADER_WORDS.match(line.raw)
                if head is not None:
                    spans.append((line.start, line.start + head.end()))
                continue
            spans.append((line.start, line.end))
            header_left = 4
            continue
        if header_left:
            header_left -= 1
            if _HEADER_CONTINUATION.match(clean) or committees.lookup(clean):
                spans.append((line.start, line.end))
                continue
            header_left = 0
        if is_furniture(clean, lower_lines[i] if lower_lines is not None else None):
            spans.append((line.start, line.end))
    return spans


#: A page header is a short line ("KUNGSBACKA KOMMUN  SAMMANTRÄDESPROTOKOLL  3 (4)"); a longer
#: one is a page flattened into one line, and only `_HEADER_WORDS` of it are furniture.
_PAGE_HEADER_LINE = 120
_HEADER_WORDS = re.compile(
    r"\s*(?:[A-ZÅÄÖ-]{3,}\s+KOMMUN\s+)?(?:SAMMANTRÄDES(?:PROTOKOLL|ANTECKNINGAR)\s*)?"
    r"(?:\d+\s*\(\d+\)\s*)?"
)


# The two tests below run on every line: loops, not a generator per line.


def _is_page_header(clean: str) -> bool:
    if "KOMMUN" not in clean and "SAMMANTRÄDES" not in clean:
        return False  # what each of the two patterns needs: most lines hold neither
    for pattern in _PAGE_HEADER:  # noqa: SIM110 (a loop: see above)
        if pattern.search(clean):
            return True
    return False


def is_furniture(clean: str, lowered: str | None = None) -> bool:
    """Whether a cleaned line (or sentence) is page furniture (`FURNITURE_PHRASES`).
    `lowered`: ``clean.lower()``, where the caller has it."""
    if lowered is None:
        lowered = clean.lower()
    for phrase in FURNITURE_PHRASES:
        if phrase in lowered:
            return True
    return FURNITURE_LINE.match(clean) is not None


def _document_parts(lines: list[Line], doc_type: str) -> list[_Part]:
    """The documents a text is made of, in order (one part for a plain document)."""
    parts = [_Part(0, doc_type)]
    for i, line in enumerate(lines):
        clean = line.clean
        if not clean:
            continue
        kind = None
        if clean.startswith(_PART_OPENINGS) or any(word in clean for word in _PART_INSIDE):
            for pattern, heading_kind in _PART_HEADINGS:  # a loop, not a generator per line
                if pattern.search(clean):
                    kind = heading_kind
                    break
        if kind is None and clean[0] in _REPORT_FIRST and _REPORT_HEADING.match(clean):
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


_LEADER_LINE = re.compile(r"[.\s_]+")


def _next_nonblank(lines: list[Line], index: int, skip: Iterable[str] = ()) -> int | None:
    skipped = set(skip)
    for j in range(index + 1, min(len(lines), index + 12)):
        clean = lines[j].clean
        if clean and clean not in skipped and not _LEADER_LINE.fullmatch(clean):
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


_LOWER_END = re.compile(r"[a-zåäö0-9)]")


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
            before = text[max(start, match.start() - 12) : match.start()].rstrip()
            if before.endswith(".") and ends_with_abbreviation(before[:-1]):
                continue
        cuts.append(match.span())
    for match in _INLINE_HEADING.finditer(text, start, end):
        # After a word in lower case and one space (the pattern opens with its words, so that
        # the search skips to their capitals instead of testing every character).
        at = match.start()
        if at - 2 >= start and text[at - 1] in " \t" and _LOWER_END.match(text, at - 2):
            cuts.append((at - 1, at))
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
        # The intro ends in a colon: a fast test first (the pattern is case-insensitive).
        quoting = text.find(":", s, e) != -1 and bool(_QUOTE_INTRO.search(text, s, e))
    return out


def _add_role(ctx: _Context, name: str | None, role: str) -> None:
    if name:
        ctx.roles.setdefault(name, set()).add(role)


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


def _cells(raw: str, offset: int) -> list[tuple[str, int, int]]:
    """(text, start, end) of the cells of a table row, trimmed; with or without outer pipes."""
    cells = []
    # The pipes by str.find, not by a test of each character in Python.
    bounds = [-1]
    pipe = raw.find("|")
    while pipe != -1:
        bounds.append(pipe)
        pipe = raw.find("|", pipe + 1)
    bounds.append(len(raw))
    for a, b in itertools.pairwise(bounds):
        s, e = a + 1, b
        while s < e and raw[s] in " \t":
            s += 1
        while e > s and raw[e - 1] in " \t":
            e -= 1
        if e > s:
            cells.append((raw[s:e], offset + s, offset + e))
    return cells


def _ensure_mention(ctx: _Context, name: str, start: int, end: int, rule: str) -> None:
    if not any(m[0] == name for m in ctx.mentions):
        ctx.mentions.append((name, start, end, rule))
