"""PDF tables: found where the layout shows them, read with pdfplumber's table model, and
flattened into `pdf_tables` cells whose Swedish numbers come out as numbers."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractors.base import ParsedDocument, Table
from extractors.numbers import SwedishNumber, number_value, parse_number
from extractors.pdf_layout import read_page, table_regions
from extractors.pdf_tables import (
    CELL_COLUMNS,
    cell_units,
    extract_tables,
    plumber_tables,
    table_cells,
    table_frame,
)
from extractors.readers import read_document
from tests import pdf_fixtures
from tests.pdf_fixtures import RenderedPdf


@pytest.fixture(scope="module")
def annual(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderedPdf, ParsedDocument]:
    rendered = pdf_fixtures.annual_report(pages=10, scanned_page=False, table_every=4)
    path = tmp_path_factory.mktemp("pdf") / "arsredovisning.pdf"
    path.write_bytes(rendered.data)
    return rendered, read_document(path)


def test_ruled_and_aligned_tables_come_out_cell_by_cell(
    annual: tuple[RenderedPdf, ParsedDocument],
) -> None:
    rendered, doc = annual
    assert [(t.page, t.ruled) for t in rendered.tables] == [(2, True), (6, False), (10, True)]
    assert [(t.index, t.page, t.kind) for t in doc.tables] == [
        (0, 2, "ruled"),
        (1, 6, "aligned"),
        (2, 10, "ruled"),
    ]
    for expected, table in zip(rendered.tables, doc.tables, strict=True):
        assert table.rows == expected.rows
        # The box is where the table was drawn (to a few points: text, not lines, for
        # whitespace-aligned tables).
        assert all(abs(a - b) <= 6 for a, b in zip(table.bbox, expected.bbox, strict=True))
    assert doc.metadata["tables"] == "3"


def test_empty_cells_stay_empty_strings(annual: tuple[RenderedPdf, ParsedDocument]) -> None:
    _, doc = annual
    ruled = doc.tables[0]
    net = next(row for row in ruled.rows if row[0] == "Verksamhetens nettokostnader")
    assert net == ["Verksamhetens nettokostnader", "", "−1 649,0", "−1 695,3"]


def test_arets_resultat_is_a_number_in_the_cells(
    annual: tuple[RenderedPdf, ParsedDocument],
) -> None:
    _, doc = annual
    cells = table_cells(doc.tables)
    assert all(tuple(cell) == CELL_COLUMNS for cell in cells)
    label = next(c for c in cells if c["text"] == "Årets resultat" and c["table_index"] == 0)
    row = [c for c in cells if c["table_index"] == 0 and c["row"] == label["row"]]
    assert [(c["text"], c["value"]) for c in row] == [
        ("Årets resultat", None),
        ("", None),  # no note for this row: an empty cell, not a missing one
        ("12,3", 12.3),
        ("45,3", 45.3),
    ]
    figures = [c for c in cells if c["table_index"] == 1]
    by_text = {c["text"]: c["value"] for c in figures}
    assert by_text["−12,0"] == -12.0
    assert by_text["28 947"] == 28947.0
    assert by_text["Årets resultat, mnkr"] is None
    costs = next(c for c in cells if c["text"] == "−1 987,4")
    assert costs["value"] == -1987.4
    assert costs["page"] == 2
    assert costs["x0"] < costs["x1"] and costs["top"] < costs["bottom"]


def test_units_come_from_the_corner_the_row_label_or_the_cell(
    annual: tuple[RenderedPdf, ParsedDocument],
) -> None:
    _, doc = annual
    cells = table_cells(doc.tables)

    def row_of(table: int, label: str) -> list[tuple[str, str | None, float | None]]:
        first = next(c for c in cells if c["table_index"] == table and c["text"] == label)
        return [
            (c["text"], c["unit"], c["value_kr"])
            for c in cells
            if c["table_index"] == table and c["row"] == first["row"]
        ]

    # Resultaträkning: "Belopp i mnkr" in the corner holds for the table; the note column
    # ("Not") holds references, not amounts.
    assert row_of(0, "Verksamhetens intäkter") == [
        ("Verksamhetens intäkter", None, None),
        ("1", None, None),
        ("412,6", "mnkr", 412_600_000.0),
        ("438,1", "mnkr", 438_100_000.0),
    ]
    assert [c["unit"] for c in cells if c["table_index"] == 0 and c["row"] == 0] == [None] * 4
    # Nyckeltal: each row label states its own unit, or none for a count.
    # A percentage has no amount in kronor.
    assert row_of(1, "Soliditet, %")[1:] == [
        ("38", "%", None),
        ("37", "%", None),
        ("37", "%", None),
    ]
    assert row_of(1, "Nettoinvesteringar, mnkr")[1] == ("188,4", "mnkr", 188_400_000.0)
    assert {unit for _, unit, _ in row_of(1, "Invånare 31 december")} == {None}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # A unit in the cell itself wins over the table's.
        ([["Belopp, tkr", "2024"], ["Intäkter", "12 mnkr"]], [None, "mnkr"]),
        # A column header names the unit of its column only.
        ([["", "Utfall, tkr", "Andel %"], ["Kultur", "1 200", "4,5"]], [None, "tkr", "%"]),
        # No unit anywhere: a count.
        ([["Nämnd", "Ärenden"], ["Kulturnämnden", "18"]], [None, None]),
    ],
)
def test_cell_units(rows: list[list[str | None]], expected: list[str | None]) -> None:
    boxes: list[list[tuple[float, float, float, float] | None]] = [
        [(0.0, 0.0, 1.0, 1.0)] * len(row) for row in rows
    ]
    table = Table(index=0, page=1, bbox=(0, 0, 1, 1), rows=rows, cell_boxes=boxes)
    assert cell_units(table)[1] == expected


def test_table_as_dataframe_keeps_page_and_box(annual: tuple[RenderedPdf, ParsedDocument]) -> None:
    _, doc = annual
    frame = table_frame(doc.tables[1])
    assert list(frame.columns) == ["Nyckeltal", "2022", "2023", "2024"]
    assert frame.loc[frame["Nyckeltal"] == "Årets resultat, mnkr", "2024"].item() == "45,3"
    assert frame.attrs["page"] == 6
    assert frame.attrs["bbox"] == doc.tables[1].bbox
    numbers = frame.set_index("Nyckeltal").map(number_value)
    assert numbers.loc["Invånare 31 december", "2024"] == 28947.0


def test_pdfium_fed_table_finder_agrees_with_pdfplumber_pages(
    annual: tuple[RenderedPdf, ParsedDocument],
) -> None:
    """The fast path (pdfplumber's TableFinder on pdfium characters and lines) finds what
    pdfplumber finds when it parses the same pages itself."""
    rendered, _ = annual
    document = pdfium.PdfDocument(rendered.data)
    try:
        layouts = {}
        for index in range(len(document)):
            page = document[index]
            layouts[index + 1] = read_page(page, index + 1)
            page.close()
    finally:
        document.close()
    regions = [r for layout in layouts.values() for r in table_regions(layout, layout.rows)]
    fast = extract_tables(layouts, regions, rendered.data)
    slow = plumber_tables(rendered.data, regions)
    assert [(t.page, t.rows, t.cell_boxes) for t in fast] == [
        (t.page, t.rows, t.cell_boxes) for t in slow
    ]


@pytest.mark.parametrize(
    "factory",
    [
        lambda: pdf_fixtures.protokoll(pages=3).data,
        lambda: pdf_fixtures.tjansteskrivelse_pdf(pages=3),
        lambda: pdf_fixtures.annual_report(pages=3, scanned_page=False, table_every=0).data,
    ],
    ids=["protokoll", "tjansteskrivelse", "two-column text"],
)
def test_running_text_is_no_table(tmp_path: Path, factory: object) -> None:
    path = tmp_path / "text.pdf"
    path.write_bytes(factory())  # type: ignore[operator]
    doc = read_document(path)
    assert doc.tables == []
    assert "tables" not in doc.metadata


def _agenda_pdf(last_row_alone: bool) -> bytes:
    """A föredragningslista whose ruled table ends with one row on page 2 (its heading row
    stays on page 1), or, with `last_row_alone` False, a page 2 with a lone boxed heading."""
    pdf = pdf_fixtures._new_pdf()
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Föredragningslista, nämnden för Miljö & Hälsoskydd", new_x="LMARGIN")
    rows = [["", "Ärende", "Beteckning", "Tid"]] + [
        [f"{n}.", f"Ansökan om serveringstillstånd {n}", f"MH-2024-{100 + n}", "5 min"]
        for n in range(1, 4)
    ]
    with pdf.table(first_row_as_headings=False) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.add_page()
    with pdf.table(first_row_as_headings=False) as table:
        row = table.row()
        cells = ["4.", "Anmälan av ordförandebeslut", "MH-2024-2313", "1 min"]
        for cell in cells if last_row_alone else ["Information", "och överläggning"]:
            row.cell(cell)
    pdf.multi_cell(0, 6, "Ordförande Niclas Nilsson (M)", new_x="LMARGIN")
    return bytes(pdf.output())


def test_a_tables_last_row_on_the_next_page_is_a_table(tmp_path: Path) -> None:
    path = tmp_path / "kallelse.pdf"
    path.write_bytes(_agenda_pdf(last_row_alone=True))
    doc = read_document(path)
    assert [(t.page, len(t.rows)) for t in doc.tables] == [(1, 4), (2, 1)]
    assert doc.tables[1].rows == [["4.", "Anmälan av ordförandebeslut", "MH-2024-2313", "1 min"]]


def test_a_boxed_heading_alone_is_no_table(tmp_path: Path) -> None:
    path = tmp_path / "kallelse.pdf"
    path.write_bytes(_agenda_pdf(last_row_alone=False))
    doc = read_document(path)
    assert [(t.page, len(t.rows)) for t in doc.tables] == [(1, 4)]


@pytest.mark.corpus
def test_real_protokoll_numbered_lists_are_no_tables(corpus_dir: Path) -> None:
    doc = read_document(corpus_dir / "pdf" / "hogsby_ks_protokoll_2007-01-08.pdf")
    assert all(isinstance(table, Table) for table in doc.tables)
    assert not any(t.kind == "aligned" for t in doc.tables)


# --- Swedish numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,5", SwedishNumber(1234.5)),
        ("1\u00a0234,5", SwedishNumber(1234.5)),  # no-break space, as Word sets it
        ("1\u202f234,5", SwedishNumber(1234.5)),  # narrow no-break space
        ("1 234 567,89", SwedishNumber(1234567.89)),
        ("−12", SwedishNumber(-12.0)),  # U+2212 minus sign
        ("-12", SwedishNumber(-12.0)),
        ("–0,8", SwedishNumber(-0.8)),  # en dash as minus
        ("+4", SwedishNumber(4.0)),
        ("(12,3)", SwedishNumber(-12.3)),  # accounting negative
        ("12 %", SwedishNumber(12.0, "%")),
        ("2,1%", SwedishNumber(2.1, "%")),
        ("45,3 mnkr", SwedishNumber(45.3, "mnkr")),
        ("50 Mkr", SwedishNumber(50.0, "mnkr")),
        ("−1 987 tkr", SwedishNumber(-1987.0, "tkr")),
        ("3 kronor", SwedishNumber(3.0, "kr")),
        ("12.5", SwedishNumber(12.5)),
        ("2024", SwedishNumber(2024.0)),
        ("0", SwedishNumber(0.0)),
    ],
)
def test_swedish_numbers(text: str, expected: SwedishNumber) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "−",  # a dash for "nothing" in a table cell
        "Årets resultat",
        "1.234",  # thousands or decimal? not guessed
        "1 234.5",  # mixed conventions
        "123 45",  # not a thousands group
        "12 st",  # a count with a unit that is no amount
        "2023-12-01",
        "KS 2024/118",
        "(12,3",
    ],
)
def test_not_numbers(text: str | None) -> None:
    assert parse_number(text) is None
    assert number_value(text) is None
