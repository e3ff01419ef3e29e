"""Case numbers in a document: table columns (text and PDF), labels, series of series-less
numbers, and the role of each number (own, referenced). The grammar is
`extractors.diarienummer`."""

from __future__ import annotations

import dataclasses
import re

from extractors import committees
from extractors.case_number_rules import (
    CASE_COLUMN_HEADINGS,
    LOOKALIKE_CONTEXT,
    NOT_CASE_LABEL,
    STATUTE_BEFORE,
)
from extractors.diarienummer import (
    CaseNumberMatch,
    is_case_cell,
    normalize,
    parse_value,
)
from extractors.document import _cells, _Context, _line_index, _table_rows
from extractors.extraction_rules import (
    _AGENDA_CASE,
    _COLUMN_NUMBER,
    OWN_CASE_LABELS,
    OWN_CASE_RULES,
    REFERENCE_CUES,
    REFERENCE_TITLE,
    ROLE_STRENGTH,
)
from extractors.model import (
    CaseNumber,
    Decision,
    Meeting,
)

#: Compiled once: these run on every table cell.
_BREAK_OR_SPACE = re.compile(r"<br\s*/?>|\s")
_BREAK = re.compile(r"<br\s*/?>")


def _table_case_numbers(ctx: _Context) -> list[CaseNumberMatch]:
    """Series-less and split case numbers in an agenda's "Beteckning" cells
    (``2024-00014``, ``MH-2024-<br>2313``). Every case number in such a cell is an agenda
    item's own case (`ctx.agenda_cells`)."""
    out: list[CaseNumberMatch] = []
    for row in _table_rows(ctx):
        for value, s, e in row:
            joined = _BREAK_OR_SPACE.sub("", value)
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


def _flattened_column_numbers(ctx: _Context, known: list[CaseNumberMatch]) -> list[CaseNumberMatch]:
    """Series-less numbers after a heading line that names a case-number column
    ("Ärende Beteckning Förslag"): the table of a PDF read as lines, without its cell borders.
    Each is an item's own case, as in the table's cell (`ctx.agenda_cells`)."""
    out: list[CaseNumberMatch] = []
    taken = [(c.start, c.end) for c in [*ctx.cases, *known]]
    for line in ctx.lines:
        clean = line.clean
        # 2 to 8 words: a cheap count before the split.
        if (" " not in clean and ":" not in clean) or clean.count(" ") > 7:
            continue
        words = line.clean.lower().replace(":", " ").split()
        if not 2 <= len(words) <= 8 or CASE_COLUMN_HEADINGS.isdisjoint(words):
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
            joined = _BREAK.sub(" ", value).strip()
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
                (
                    k
                    for k, cell in enumerate(row)
                    if (cell or "").strip(" *:").lower() in CASE_COLUMN_HEADINGS
                ),
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
            spaced = re.compile(r"\s*".join(map(re.escape, joined)))
            span = _span(spaced.search(ctx.text, cursor, page.end)) or _span(
                spaced.search(ctx.text, page.start, page.end)
            )
            if span is None:
                span = _wrapped_cell(ctx.text, joined, cursor, page.start, page.end)
            if span is None:
                continue
            s, e = span
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
    return out


def _span(found: re.Match[str] | None) -> tuple[int, int] | None:
    return found.span() if found else None


#: Where a wrapped cell's number breaks: after the last separator ("MH-2024-" / "2313").
_WRAP_POINT = re.compile(r"^(.*[-/.:])(\d+)$")

#: How far after a wrapped cell's first line its last digits may stand in the reading order
#: (the rest of its row's cells come between).
_WRAP_REACH = 200


def _wrapped_cell(
    text: str, joined: str, cursor: int, start: int, end: int
) -> tuple[int, int] | None:
    """The first line of a wrapped cell ("MH-2024-" of "MH-2024-" / "2313") whose last digits
    the reading order put after another cell's text ("MH-2024- 20 / 3. tobak och / 560 min").

    The first line stands for the number where its digits follow as a word of their own
    within the row's reach; the search runs from the previous cell on, then from the page's
    start, so each row takes its own first line.
    """
    parts = _WRAP_POINT.match(joined)
    if parts is None:
        return None
    head, tail = parts.groups()
    first_line = re.compile(r"\s*".join(map(re.escape, head)) + r"(?=\s)")
    digits = re.compile(rf"(?<![\d-]){tail}(?!\d)")
    for begin in (cursor, start):
        for found in first_line.finditer(text, begin, end):
            if digits.search(text, found.end(), min(end, found.end() + _WRAP_REACH)):
                return found.span()
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
    """Whether a case number is labelled as the document's (or its part's) own: a Dnr,
    Diarienummer or § heading before it, an agenda item's case cell."""
    # It depends on the number's place and rule and on the agenda cells found so far only.
    key = (case.start, case.rule, len(ctx.agenda_cells))
    known = ctx.labelled.get(key)
    if known is None:
        known = ctx.labelled[key] = _labelled(ctx, case)
    return known


def _labelled(ctx: _Context, case: CaseNumberMatch) -> bool:
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
