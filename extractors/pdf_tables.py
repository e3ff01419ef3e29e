"""Tables with pdfplumber's table model, only where the pdfium layout saw one.

pdfplumber finds tables well and parses pages slowly: every character of a page goes
through pdfminer, some 100-200 ms for a page of annual-report text, even when the table
is a tenth of it. So its *table model* runs on what pdfium already read:

- the candidate regions of `extractors.pdf_layout` (grids of drawn lines; runs of rows
  whose cells are aligned by whitespace);
- the characters of the chunks in the region (pdfium's loose boxes, read only for those
  chunks) and the page's drawn horizontal and vertical lines;

handed to `pdfplumber.table.TableFinder` through `RegionPage`, an object with the four
things the finder and `Table.extract` read from a page (`chars`, `edges`, `bbox`,
`extract_words`). Ruled tables use pdfplumber's "lines" strategy; aligned tables its
"explicit" strategy with the column and row boundaries measured between the chunks (its
"text" strategy splits "Utfall 2023" in two and "1 050" into two columns).

`plumber_tables` runs the same settings on real pdfplumber pages: the reference in tests
and benchmarks, and the fallback for pages where pdfium's text does not map 1:1 to its
characters. `table_cells` flattens tables into the analyst table `pdf_tables` (one row per
cell, with the cell's Swedish number).
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pdfplumber
from pdfplumber.table import TableFinder
from pdfplumber.utils import extract_words

from extractors.base import BBox, Table
from extractors.numbers import in_kronor, number_value, parse_number, unit_in
from extractors.pdf_layout import (
    CharBox,
    Edge,
    PageLayout,
    TableRegion,
    edge_box,
    overlaps,
    pad,
)
from extractors.textnorm import rejoin_hyphenated

if TYPE_CHECKING:
    import pandas as pd

#: pdfplumber settings for drawn tables: snap nearby lines (borders drawn twice, or as thin
#: filled rectangles) and keep the text of each cell as one line.
RULED_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "intersection_tolerance": 3,
}

#: Columns of the `pdf_tables` analyst table, one row per cell (document_id is added there).
CELL_COLUMNS = (
    "table_index",
    "page",
    "x0",
    "top",
    "x1",
    "bottom",
    "row",
    "col",
    "text",
    "value",
    "unit",
    "value_kr",
)

# A column of note references ("Not", "Noter", "Not nr") holds numbers that are not amounts.
_NOTE_HEADER = re.compile(r"(?i)^\s*not(?:er)?(?:\s*(?:nr|\.))?\s*$")


class RegionPage:
    """The part of a page that pdfplumber's `TableFinder` and `Table.extract` read.

    Built from the pdfium layout: the region's box, the characters of the chunks inside
    it as pdfplumber character dicts, and the drawn lines crossing it as pdfplumber edges.
    """

    def __init__(self, bbox: BBox, chars: list[dict[str, Any]], edges: list[dict[str, Any]]):
        self.bbox = bbox
        self.chars = chars
        self.edges = edges

    def extract_words(self, **kwargs: Any) -> list[dict[str, Any]]:
        return list(extract_words(self.chars, **kwargs))

    @classmethod
    def of(cls, layout: PageLayout, bbox: BBox) -> RegionPage | None:
        """The region of a page; None when a chunk in it has no character boxes."""
        area = pad(bbox, 2.0)
        chars: list[dict[str, Any]] = []
        for row in layout.rows:
            for chunk in row.chunks:
                if not overlaps(area, (chunk.x0, chunk.top, chunk.x1, chunk.bottom)):
                    continue
                if chunk.chars is None:
                    return None
                chars += [_char(box) for box in chunk.chars]
        edges = [_edge(edge) for edge in layout.edges if overlaps(area, edge_box(edge))]
        return cls(area, chars, edges)


def _char(box: CharBox) -> dict[str, Any]:
    text, x0, top, x1, bottom = box
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "size": bottom - top,
        "upright": True,
        "fontname": "",
        "object_type": "char",
    }


def _edge(edge: Edge) -> dict[str, Any]:
    orientation, x0, top, x1, bottom = edge
    return {
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "object_type": "line",
    }


def extract_tables(
    layouts: Mapping[int, PageLayout], regions: Sequence[TableRegion], data: bytes
) -> list[Table]:
    """Tables in `regions`, numbered in page order from 0.

    pdfplumber's table finder runs on the pdfium layout of each region; a region whose
    characters pdfium could not map is read from the file by pdfplumber itself (`data`).
    """
    tables: list[Table] = []
    fallback: list[TableRegion] = []
    for region in sorted(regions, key=lambda r: (r.page, r.bbox[1])):
        page = RegionPage.of(layouts[region.page], region.bbox)
        if page is None:
            fallback.append(region)
            continue
        tables += _tables_in(page, region, len(tables))
    if fallback:
        tables += _plumber_region_tables(data, fallback)
        tables.sort(key=lambda t: (t.page, t.bbox[1]))
    return _continued_rows(tables)


def _continued_rows(tables: Sequence[Table], first_index: int = 0) -> list[Table]:
    """The tables, numbered from `first_index`, with a one-row grid kept only where it continues a table.

    A table that runs onto the next page can leave one row there, under no heading row (the
    miljö kallelse's item 11, "MH-2024-" / "2313"): it is a table where it opens its page and
    has the column count of the previous page's last table. Other one-row grids (a heading
    in a box, a row of a chart's legend) are layout, not data.
    """
    kept: list[Table] = []
    for k, table in enumerate(tables):
        if len(table.rows) == 1:
            before = tables[k - 1] if k else None
            if (
                before is None
                or before.page != table.page - 1
                or len(before.rows[-1]) != len(table.rows[0])
            ):
                continue
        kept.append(table)
    return [dataclasses.replace(t, index=i) for i, t in enumerate(kept, first_index)]


def plumber_tables(
    data: bytes, regions: Sequence[TableRegion], *, first_index: int = 0
) -> list[Table]:
    """The same tables read from real pdfplumber pages (parses each page in full)."""
    return _continued_rows(_plumber_region_tables(data, regions), first_index)


def _plumber_region_tables(data: bytes, regions: Sequence[TableRegion]) -> list[Table]:
    """Every table pdfplumber finds in `regions`, one-row grids included (`_continued_rows`
    judges them once, over all the document's tables)."""
    by_page: dict[int, list[TableRegion]] = defaultdict(list)
    for region in regions:
        by_page[region.page].append(region)
    tables: list[Table] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages
        for number in sorted(by_page):
            page = pages[number - 1]
            try:
                for region in by_page[number]:
                    box = pad(region.bbox, 2.0)
                    clipped = (
                        max(box[0], page.bbox[0]),
                        max(box[1], page.bbox[1]),
                        min(box[2], page.bbox[2]),
                        min(box[3], page.bbox[3]),
                    )
                    area = page.crop(clipped, strict=False)
                    tables += _tables_in(area, region, len(tables))
            finally:
                page.close()  # pdfplumber keeps every parsed page otherwise
    return tables


def _settings(region: TableRegion) -> dict[str, Any]:
    if region.kind == "ruled":
        return RULED_SETTINGS
    return {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": list(region.columns),
        "explicit_horizontal_lines": list(region.rows),
    }


def _tables_in(page: Any, region: TableRegion, first_index: int) -> list[Table]:
    tables: list[Table] = []
    for found in TableFinder(page, _settings(region)).tables:
        rows = [[_cell_text(text) for text in row] for row in found.extract()]
        boxes = [list(row.cells) for row in found.rows]
        rows, boxes = _drop_empty(rows, boxes)
        # One ruled row is kept for `_continued_rows` to judge.
        least = 1 if region.kind == "ruled" else 2
        if len(rows) >= least and len(rows[0]) >= 2:
            tables.append(
                Table(
                    index=first_index + len(tables),
                    page=region.page,
                    bbox=_rounded(found.bbox),
                    rows=rows,
                    cell_boxes=[[_rounded(b) if b else None for b in row] for row in boxes],
                    kind=region.kind,
                )
            )
    return tables


def _cell_text(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(rejoin_hyphenated(text).split())


def _drop_empty(
    rows: list[list[str | None]], boxes: list[list[BBox | None]]
) -> tuple[list[list[str | None]], list[list[BBox | None]]]:
    """Rows and columns with no text at all are gaps between cells, not data."""
    keep_rows = [r for r, row in enumerate(rows) if any(row)]
    width = max((len(row) for row in rows), default=0)
    keep_cols = [c for c in range(width) if any(c < len(rows[r]) and rows[r][c] for r in keep_rows)]
    return (
        [[rows[r][c] for c in keep_cols] for r in keep_rows],
        [[boxes[r][c] for c in keep_cols] for r in keep_rows],
    )


def _rounded(box: Iterable[float]) -> BBox:
    x0, top, x1, bottom = (round(float(v), 2) for v in box)
    return (x0, top, x1, bottom)


def table_cells(tables: Iterable[Table]) -> list[dict[str, Any]]:
    """One dict per cell with the `CELL_COLUMNS` keys: the rows of `pdf_tables`.

    `x0, top, x1, bottom` are the cell's own box; cells that pdfplumber reports as covered
    by a merged neighbour (None) are left out. `value` is the cell read as a Swedish
    number (`1 234,5`, `−12`, `12 %`), else None; `unit` the unit it is in (see
    `cell_units`) and `value_kr` the amount in kronor when the unit is one of kronor.
    """
    cells = []
    for table in tables:
        units = cell_units(table)
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                box = table.cell_boxes[r][c]
                if text is None or box is None:
                    continue
                value = number_value(text)
                unit = units[r][c] if value is not None else None
                cells.append(
                    {
                        "table_index": table.index,
                        "page": table.page,
                        "x0": box[0],
                        "top": box[1],
                        "x1": box[2],
                        "bottom": box[3],
                        "row": r,
                        "col": c,
                        "text": text,
                        "value": value,
                        "unit": unit,
                        "value_kr": in_kronor(value, unit),
                    }
                )
    return cells


def cell_units(table: Table) -> list[list[str | None]]:
    """The unit of each cell's number, as the table states it: in the cell ("45,3 mnkr"),
    else in its row label ("Nettoinvesteringar, mnkr"), else in its column header
    ("Utfall, tkr"), else in the header's corner ("Belopp i mnkr", for the whole table).
    Header cells (years, mostly) and note-reference columns get none."""
    header = table.rows[0] if table.rows else []
    corner = unit_in(header[0]) if header else None
    columns = [None, *(unit_in(h) for h in header[1:])]
    notes = {c for c, h in enumerate(header) if h and _NOTE_HEADER.match(h)}
    units: list[list[str | None]] = []
    for r, row in enumerate(table.rows):
        label = unit_in(row[0]) if r > 0 and row else None
        line: list[str | None] = []
        for c, text in enumerate(row):
            parsed = parse_number(text)
            if parsed is not None and parsed.unit:
                line.append(parsed.unit)
            elif r == 0 or c == 0 or c in notes:
                line.append(None)
            else:
                line.append(label or (columns[c] if c < len(columns) else None) or corner)
        units.append(line)
    return units


def table_frame(table: Table, *, header: bool = True) -> pd.DataFrame:
    """A table as a DataFrame; the first row names the columns when `header`.

    `frame.attrs` carries `page`, `bbox` and `index`, so a frame can be traced to its page.
    """
    import pandas as pd  # only analysts need frames; the reader path stays light

    rows = [[cell or "" for cell in row] for row in table.rows]
    if header and len(rows) > 1:
        names = _unique([name or f"kolumn_{i + 1}" for i, name in enumerate(rows[0])])
        frame = pd.DataFrame(rows[1:], columns=names)
    else:
        frame = pd.DataFrame(rows)
    frame.attrs.update(page=table.page, bbox=table.bbox, index=table.index)
    return frame


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out
