"""Page layout from pdfium's text page: text chunks with boxes, rows, columns, furniture.

pdfium gives the text of a page in content-stream order and, cheaply, the rectangles of
its runs (`FPDFText_CountRects`: one per text object and line). That is enough layout for
municipal documents without touching single characters (a per-character box costs more
than the whole text extraction):

- a *chunk* is a run of text with its box: consecutive runs on one line, split where the
  horizontal gap is wider than the type is tall (a column gutter, a table cell);
- a *row* is the chunks that share a baseline, left to right;
- a page has two columns when a vertical gutter near the middle separates many text
  chunks and the right-hand ones start at one x; rows that cross the gutter or look like
  table rows span both columns and cut the page into bands read column by column;
- *furniture* (running headers and footers) is the rows in the top or bottom band of the
  pages that repeat on at least 40 % of the pages once numbers are masked
  ("3 (9)" ~ "4 (9)"), plus page-number rows on any page.

Coordinates are PDF points from the top-left corner of the page, as pdfplumber measures.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import pypdfium2.raw as pdfium_c

from extractors.base import BBox

#: A gap wider than this many times the text height separates chunks on one line.
GAP_FACTOR = 0.9
#: ... and never a gap below this many points (a wide word space in justified text).
MIN_GAP = 6.0
#: Header and footer bands: this share of the page height from the top and the bottom.
BAND = 0.16
#: Rows per band that are considered furniture at most.
BAND_ROWS = 4
#: A header/footer row repeats on at least this share of the pages that have text.
REPEAT_SHARE = 0.4

_PAGE_NUMBER = re.compile(
    r"^(?:sida|page|s\.)?\s*\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|(?:av|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
#: A free-standing number of up to four digits: a page number or a count in a header.
_LOOSE_NUMBER = re.compile(r"(?<![\w./:-])\d{1,4}(?![\w./:-])")
_NUMERIC = re.compile(r"^[(\-\u2212\u2013+]?\s*\d[\d\s\u00a0\u202f.,]*\)?\s*(?:%|[a-zåäö]{1,5})?$")


#: One character for pdfplumber's table finder: (text, x0, top, x1, bottom).
CharBox = tuple[str, float, float, float, float]


@dataclass(slots=True)
class Chunk:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    #: pdfium character indices [start, end) of the chunk, when pdfium's text maps 1:1.
    start: int = -1
    end: int = -1
    #: Character boxes, read only for chunks in (candidate) tables.
    chars: list[CharBox] | None = None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def numeric(self) -> bool:
        return bool(_NUMERIC.match(self.text))


@dataclass(slots=True)
class Row:
    """Chunks on one baseline, left to right (`group_rows` sorts them)."""

    chunks: list[Chunk]
    top: float = 0.0
    bottom: float = 0.0

    def add(self, chunk: Chunk) -> None:
        if not self.chunks:
            self.top, self.bottom = chunk.top, chunk.bottom
        self.chunks.append(chunk)
        self.top = min(self.top, chunk.top)
        self.bottom = max(self.bottom, chunk.bottom)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.chunks)

    def table_like(self) -> bool:
        """Cells rather than running text: three or more short pieces, or a number apart."""
        if len(self.chunks) >= 3:
            return sum(len(c.text) <= 40 or c.numeric for c in self.chunks) >= 2
        # Two pieces: a label and a figure; a number on the left is a list marker ("1.").
        return len(self.chunks) == 2 and self.chunks[-1].numeric and not self.chunks[0].numeric


@dataclass
class PageLayout:
    """What one page holds, in top-left coordinates; no pdfium objects are kept."""

    number: int
    width: float
    height: float
    rows: list[Row]
    edges: list[Edge] = field(default_factory=list)  # drawn horizontal and vertical lines
    ruled: list[BBox] = field(default_factory=list)  # grids of drawn lines: ruled tables
    images: int = 0
    rotation: int = 0

    @property
    def has_text(self) -> bool:
        return bool(self.rows)


# --- reading a page ------------------------------------------------------------------------


def read_page(page: Any, number: int) -> PageLayout:
    """Rows of text chunks, drawn lines and image count of a pypdfium2 `PdfPage`.

    The page is not closed here; its text page is. Characters are read one by one only
    for chunks that may belong to a table: rows that look like table rows, and text
    inside a grid of drawn lines.
    """
    # The effective page box: get_mediabox() ignores a MediaBox inherited from the page tree.
    left, bottom, right, top = page.get_bbox()
    edges, images = _page_objects(page.raw, left, top)
    ruled = ruled_grids(edges)
    textpage = page.get_textpage()
    try:
        chunks = read_chunks(textpage, left, top)
        rows = group_rows(chunks)
        for row in rows:
            tabular = row.table_like()
            for chunk in row.chunks:
                if tabular or any(overlaps(_box(chunk), grid) for grid in ruled):
                    chunk.chars = _char_boxes(textpage, chunk, left, top)
    finally:
        textpage.close()
    return PageLayout(
        number=number,
        width=right - left,
        height=top - bottom,
        rows=rows,
        edges=edges,
        ruled=ruled,
        images=images,
        rotation=page.get_rotation(),
    )


def read_chunks(textpage: Any, left: float, top: float) -> list[Chunk]:
    """The page's text as chunks with boxes (see the module docstring)."""
    text = textpage.get_text_range()
    if not text.strip():
        return []
    exact = len(text) == textpage.count_chars()
    chunks: list[Chunk] = []
    for line in re.finditer(r"[^\r\n]+", text):
        if line.group().strip():
            chunks += _line_chunks(textpage, line.group(), line.start(), exact, left, top)
    return chunks


Piece = tuple[str, tuple[float, float, float, float], int]  # text, pdfium rect, first char


def _line_chunks(
    textpage: Any, line: str, start: int, exact: bool, left: float, top: float
) -> list[Chunk]:
    if exact:
        char_start, count = start, len(line)
    else:  # pdfium left characters out of the text (or added some): map offsets
        char_start = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, start)
        last = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, start + len(line) - 1)
        count = last - char_start + 1
    raw = textpage.raw
    runs = pdfium_c.FPDFText_CountRects(raw, char_start, count)
    if runs <= 0:
        return []
    rects = [_rect(raw, index) for index in range(runs)]
    pieces: list[Piece]
    if not exact:
        # Without a 1:1 map there are no character offsets; the chunks keep no indices.
        pieces = [(textpage.get_text_bounded(*rect), rect, -1) for rect in rects]
    elif runs == 1:
        pieces = [(line, rects[0], char_start)]
    else:
        starts = _run_starts(textpage, char_start, count, runs)
        pieces = [
            (line[begin:end], rect, char_start + begin)
            for begin, end, rect in zip(starts, [*starts[1:], len(line)], rects, strict=True)
        ]
    return _merge_pieces(pieces, left, top)


_RECT = [ctypes.c_double() for _ in range(4)]


def _rect(raw: Any, index: int) -> tuple[float, float, float, float]:
    """`FPDFText_GetRect` without the wrapper's allocations: (left, bottom, right, top)."""
    left, top, right, bottom = _RECT
    pdfium_c.FPDFText_GetRect(raw, index, left, top, right, bottom)
    return (left.value, bottom.value, right.value, top.value)


def _run_starts(textpage: Any, start: int, count: int, runs: int) -> list[int]:
    """Offset of each run's first character within the line.

    `count_rects(start, n)` is the number of runs the first `n` characters touch, which
    grows with `n`; a binary search finds where each run begins without asking for the
    box of every character.
    """
    starts = [0]
    for run in range(1, runs):
        low, high = starts[-1] + 2, count
        while low < high:
            middle = (low + high) // 2
            if pdfium_c.FPDFText_CountRects(textpage.raw, start, middle) > run:
                high = middle
            else:
                low = middle + 1
        starts.append(min(low - 1, count - 1))
    return starts


def _merge_pieces(pieces: Sequence[Piece], left: float, top: float) -> list[Chunk]:
    chunks: list[Chunk] = []
    space = False
    for text, (x0, y0, x1, y1), first in pieces:
        if not text.strip() or y1 - y0 <= 0.1:
            space = space or bool(text)
            continue
        end = first + len(text) if first >= 0 else -1
        piece = Chunk(x0 - left, top - y1, x1 - left, top - y0, text, first, end)
        last = chunks[-1] if chunks else None
        if last is not None and _same_chunk(last, piece):
            joiner = " " if space and not last.text.endswith(" ") else ""
            last.text += joiner + text
            last.x1 = max(last.x1, piece.x1)
            last.top = min(last.top, piece.top)
            last.bottom = max(last.bottom, piece.bottom)
            last.end = piece.end if last.start >= 0 else -1
        else:
            chunks.append(piece)
        space = False
    for chunk in chunks:
        # pdfium marks a hyphen that ends a line with U+FFFE and drops the line break;
        # as a plain hyphen at the end of the row, `normalize_text` decides about joining.
        chunk.text = " ".join(chunk.text.replace("\ufffe", "-").split())
    return [chunk for chunk in chunks if chunk.text]


def _same_chunk(last: Chunk, piece: Chunk) -> bool:
    height = max(min(last.height, piece.height), 1.0)
    overlap = min(last.bottom, piece.bottom) - max(last.top, piece.top)
    gap = piece.x0 - last.x1
    return overlap >= 0.5 * height and -2.0 <= gap <= max(MIN_GAP, GAP_FACTOR * height)


def _char_boxes(textpage: Any, chunk: Chunk, left: float, top: float) -> list[CharBox] | None:
    """Each character of a chunk with its loose box (font ascent to descent, as pdfminer
    measures, so that the characters of one line share their top)."""
    if chunk.start < 0:
        return None
    rect = pdfium_c.FS_RECTF()
    boxes: list[CharBox] = []
    for index in range(chunk.start, chunk.end):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        if code in (0xFFFE, 0x0D, 0x0A) or not pdfium_c.FPDFText_GetLooseCharBox(
            textpage.raw, index, rect
        ):
            continue
        boxes.append(
            (chr(code), rect.left - left, top - rect.top, rect.right - left, top - rect.bottom)
        )
    return boxes


# --- drawn lines ---------------------------------------------------------------------------

#: A drawn line for pdfplumber's table finder: (orientation "h" | "v", x0, top, x1, bottom).
Edge = tuple[str, float, float, float, float]

#: Thinner than this (points) a drawn shape is a line, whatever its length.
_THIN = 2.5


def _page_objects(raw_page: Any, left: float, top: float) -> tuple[list[Edge], int]:
    """Horizontal and vertical lines drawn on the page, and the number of images.

    Walks the page's objects through pdfium's C API (one call per object, no wrappers),
    cheap even on pages with hundreds of text objects. A thin path (a line, a border drawn
    as a filled sliver) is one edge by its bounds; other paths (grids, boxes) are taken
    apart into their straight axis-parallel segments. Images inside Form XObjects count.
    """
    edges: list[Edge] = []
    images = 0
    bounds = [pdfium_c.FS_FLOAT() for _ in range(4)]
    for index in range(pdfium_c.FPDFPage_CountObjects(raw_page)):
        obj = pdfium_c.FPDFPage_GetObject(raw_page, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            images += _form_images(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPageObj_GetBounds(obj, *bounds):
            x0, y0, x1, y1 = (b.value for b in bounds)
            if y1 - y0 <= _THIN and x1 - x0 > _THIN:
                middle = top - (y0 + y1) / 2
                edges.append(("h", x0 - left, middle, x1 - left, middle))
            elif x1 - x0 <= _THIN and y1 - y0 > _THIN:
                middle = (x0 + x1) / 2 - left
                edges.append(("v", middle, top - y1, middle, top - y0))
            elif x1 - x0 > _THIN and y1 - y0 > _THIN:
                edges += _path_segments(obj, left, top)
    return edges, images


def _form_images(form: Any, depth: int = 0) -> int:
    count = 0
    for index in range(pdfium_c.FPDFFormObj_CountObjects(form)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            count += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 2:
            count += _form_images(obj, depth + 1)
    return count


def _path_segments(obj: Any, left: float, top: float) -> list[Edge]:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    x, y = pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT()
    edges: list[Edge] = []
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (
            matrix.a * x.value + matrix.c * y.value + matrix.e - left,
            top - (matrix.b * x.value + matrix.d * y.value + matrix.f),
        )
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            edges += _straight(previous, point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            edges += _straight(point, start)
        previous = point
    return edges


def _straight(a: tuple[float, float], b: tuple[float, float]) -> list[Edge]:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= 0.5 and abs(ax - bx) > _THIN:
        return [("h", min(ax, bx), ay, max(ax, bx), ay)]
    if abs(ax - bx) <= 0.5 and abs(ay - by) > _THIN:
        return [("v", ax, min(ay, by), ax, max(ay, by))]
    return []


def ruled_grids(edges: Sequence[Edge]) -> list[BBox]:
    """Boxes of connected groups of drawn lines with at least two lines each way."""
    groups: list[list[Edge]] = []
    for edge in sorted(edges, key=lambda e: (e[2], e[1])):
        box = pad(edge_box(edge), 3.0)
        touching = [g for g in groups if any(overlaps(box, edge_box(other)) for other in g)]
        for group in touching[1:]:
            touching[0].extend(group)
            groups.remove(group)
        if touching:
            touching[0].append(edge)
        else:
            groups.append([edge])
    grids = []
    for group in groups:
        horizontal = sum(1 for edge in group if edge[0] == "h")
        if horizontal >= 2 and len(group) - horizontal >= 2:
            grids.append(
                (
                    min(e[1] for e in group),
                    min(e[2] for e in group),
                    max(e[3] for e in group),
                    max(e[4] for e in group),
                )
            )
    return grids


def edge_box(edge: Edge) -> BBox:
    return (edge[1], edge[2], edge[3], edge[4])


def _box(chunk: Chunk) -> BBox:
    return (chunk.x0, chunk.top, chunk.x1, chunk.bottom)


# --- rows ----------------------------------------------------------------------------------


def group_rows(chunks: Sequence[Chunk]) -> list[Row]:
    """Chunks that share a baseline, as rows from top to bottom, chunks left to right."""
    rows: list[Row] = []
    anchors: list[Chunk] = []  # the first chunk of each row: rows do not grow by chaining
    for chunk in sorted(chunks, key=lambda c: (c.top, c.x0)):
        # Chunks come by their top, so only the last few rows can take this one.
        for index in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            anchor = anchors[index]
            overlap = min(anchor.bottom, chunk.bottom) - max(anchor.top, chunk.top)
            if overlap >= 0.5 * max(min(anchor.height, chunk.height), 1.0):
                rows[index].add(chunk)
                break
        else:
            rows.append(Row([]))
            rows[-1].add(chunk)
            anchors.append(chunk)
    for row in rows:
        row.chunks.sort(key=lambda c: c.x0)
    rows.sort(key=lambda row: row.top)
    return rows


# --- running headers and footers -----------------------------------------------------------


def furniture_key(text: str) -> str:
    """Row text with free-standing numbers masked, case and spacing folded."""
    return _LOOSE_NUMBER.sub("#", " ".join(text.lower().split()))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(" ".join(text.split())))


def find_furniture(pages: Sequence[PageLayout]) -> dict[int, list[tuple[str, Row]]]:
    """Rows of each page (by page number) that are running headers or footers.

    Returns {page number: [(position, row), ...]} with position "header" or "footer".
    """
    candidates: dict[int, list[tuple[str, Row, str]]] = {}
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    with_text = [page for page in pages if page.has_text]
    for page in with_text:
        rows = page.rows
        found = []
        for row in rows[:BAND_ROWS]:
            if row.bottom <= page.height * BAND:
                found.append(("header", row, furniture_key(row.text)))
        for row in rows[-BAND_ROWS:]:
            if row.top >= page.height * (1 - BAND) and all(row is not f[1] for f in found):
                found.append(("footer", row, furniture_key(row.text)))
        candidates[page.number] = found
        for position, _, key in found:
            seen[(position, key)].add(page.number)
    needed = max(2, math.ceil(REPEAT_SHARE * len(with_text)))
    result: dict[int, list[tuple[str, Row]]] = {}
    for number, found in candidates.items():
        rows_out = [
            (position, row)
            for position, row, key in found
            if len(seen[(position, key)]) >= needed or is_page_number(row.text)
        ]
        if rows_out:
            result[number] = rows_out
    return result


# --- reading order -------------------------------------------------------------------------


def gutter(chunks: Sequence[Chunk]) -> float | None:
    """The x of a column gutter near the middle of the text, or None for one column.

    Two columns need a vertical strip, between 30 % and 70 % of the text's width, that no
    column-wide text chunk crosses, with several text chunks on either side, and the
    right-hand ones mostly starting at the same x (a left-aligned column, not the ragged
    ends of short lines).
    """
    if len(chunks) < 8:
        return None
    x_min = min(c.x0 for c in chunks)
    x_max = max(c.x1 for c in chunks)
    span = x_max - x_min
    if span <= 0:
        return None
    lines = [c for c in chunks if len(c.text) >= 12 and 0.2 * span <= c.width <= 0.62 * span]
    if len(lines) < 8:
        return None
    low, high = x_min + 0.3 * span, x_min + 0.7 * span
    gaps = _uncovered(sorted((c.x0, c.x1) for c in lines), low, high)
    for gap_start, gap_end in sorted(gaps, key=lambda g: g[0] - g[1]):
        if gap_end - gap_start < 4.0:
            continue
        middle = (gap_start + gap_end) / 2
        left = [c for c in lines if c.x1 <= middle]
        right = [c for c in lines if c.x0 >= middle]
        if len(left) < 4 or len(right) < 4:
            continue
        starts: dict[int, int] = defaultdict(int)
        for chunk in right:
            starts[round(chunk.x0 / 3)] += 1
        if max(starts.values()) >= 0.5 * len(right):
            return middle
    return None


def _uncovered(
    intervals: list[tuple[float, float]], low: float, high: float
) -> list[tuple[float, float]]:
    gaps = []
    cursor = low
    for start, end in intervals:
        if end <= cursor:
            continue
        if start > cursor:
            gaps.append((cursor, min(start, high)))
        cursor = max(cursor, end)
        if cursor >= high:
            break
    if cursor < high:
        gaps.append((cursor, high))
    return [(a, b) for a, b in gaps if b > a]


def reading_order(rows: Sequence[Row]) -> tuple[list[str], int]:
    """The page's lines in reading order, and the number of columns found (1 or 2)."""
    chunks = [chunk for row in rows for chunk in row.chunks]
    middle = gutter(chunks)
    if middle is None:
        return [row.text for row in rows], 1
    column_start = _right_column_start(chunks, middle)
    lines: list[str] = []
    left: list[str] = []
    right: list[str] = []
    # Rows are in top-to-bottom order: a spanning row ends a band, whose left column is
    # read before its right one.
    for row in rows:
        if _spans(row, middle, column_start):
            lines += left + right + [row.text]
            left, right = [], []
            continue
        left_text = " ".join(c.text for c in row.chunks if c.x0 < middle)
        right_text = " ".join(c.text for c in row.chunks if c.x0 >= middle)
        if left_text:
            left.append(left_text)
        if right_text:
            right.append(right_text)
    return lines + left + right, 2


def _right_column_start(chunks: Sequence[Chunk], middle: float) -> float:
    starts: dict[int, list[float]] = defaultdict(list)
    for chunk in chunks:
        if chunk.x0 >= middle:
            starts[round(chunk.x0 / 3)].append(chunk.x0)
    best = max(starts.values(), key=len)
    return min(best)


def _spans(row: Row, middle: float, column_start: float) -> bool:
    """A row read across both columns: it crosses the gutter or is a table row."""
    if any(c.x0 < middle < c.x1 for c in row.chunks):
        return True
    if len(row.chunks) >= 3 and row.table_like():
        return True
    right = [c for c in row.chunks if c.x0 >= middle]
    left = [c for c in row.chunks if c.x0 < middle]
    # A figure right-aligned in a table column does not start where the column text does.
    return bool(left and right and any(abs(c.x0 - column_start) > 4.0 for c in right))


# --- table regions -------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRegion:
    """Where a table probably is, and how pdfplumber should look for it."""

    page: int
    kind: str  # "ruled" | "aligned"
    bbox: BBox
    #: For aligned tables: x of the lines between columns and y of the lines between rows.
    columns: tuple[float, ...] = ()
    rows: tuple[float, ...] = ()


def table_regions(layout: PageLayout, body: Sequence[Row]) -> list[TableRegion]:
    """Candidate tables on a page: grids of drawn lines, runs of aligned table rows."""
    regions = [TableRegion(layout.number, "ruled", grid) for grid in layout.ruled]
    for region in _aligned_regions(layout.number, body):
        if not any(overlaps(region.bbox, ruled.bbox) for ruled in regions):
            regions.append(region)
    return regions


def _aligned_regions(page: int, rows: Sequence[Row]) -> list[TableRegion]:
    regions = []
    run: list[Row] = []
    for row in [*rows, None]:
        if row is not None and row.table_like() and (not run or _close(run[-1], row)):
            run.append(row)
            continue
        if len(run) >= 3:
            region = _aligned_region(page, run)
            if region is not None:
                regions.append(region)
        run = [row] if row is not None and row.table_like() else []
    return regions


def _close(above: Row, below: Row) -> bool:
    height = max(above.bottom - above.top, 1.0)
    return below.top - above.bottom <= 2.5 * height


def _aligned_region(page: int, run: Sequence[Row]) -> TableRegion | None:
    spans: list[list[float]] = []
    for start, end in sorted((c.x0, c.x1) for row in run for c in row.chunks):
        if spans and start <= spans[-1][1] + 2.0:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    if len(spans) < 2:
        return None
    x0, x1 = spans[0][0] - 2.0, spans[-1][1] + 2.0
    columns = [x0] + [(a[1] + b[0]) / 2 for a, b in pairwise(spans)] + [x1]
    top, bottom = run[0].top - 2.0, run[-1].bottom + 2.0
    rows = [top] + [(a.bottom + b.top) / 2 for a, b in pairwise(run)] + [bottom]
    return TableRegion(page, "aligned", (x0, top, x1, bottom), tuple(columns), tuple(rows))


def pad(box: BBox, by: float) -> BBox:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def overlaps(a: BBox, b: BBox) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
