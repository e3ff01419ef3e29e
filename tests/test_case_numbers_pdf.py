"""PDF parity for case numbers: a Kungsbacka document rendered to PDF (with fpdf2, tables
included) and read by the PDF reader gives the case numbers its Markdown gives.

The PDF reader flattens a table without ruling into lines; the case numbers of its
"Beteckning" column are then read under the heading line (`_flattened_column_numbers`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diarium.evaluate import default_extract

KUNGSBACKA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kungsbacka"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

#: Documents whose PDF still differs, and why.
KNOWN_DIFFERENCES = {
    # Cells wrapped inside a number ("MH-2024-<br>560") come out interleaved with the next
    # column ("MH-2024- 20\n3. tobak och\n560 min"): the reader, not the grammar, must keep
    # the cell together.
    "miljo_2024-05-08_kallelse": "wrapped cells interleaved by the layout",
}


def render(markdown: str, out: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=9)
    pdf.set_auto_page_break(True, 15)
    pdf.add_page()
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("<!-- sida") and pdf.get_y() > 30:
            pdf.add_page()
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(set(c) <= set("-: ") for c in cells):
                    rows.append([c.replace("<br>", "\n") for c in cells])
                i += 1
            width = max(len(r) for r in rows)
            with pdf.table(first_row_as_headings=False, line_height=4) as table:
                for r in rows:
                    row = table.row()
                    for cell in r + [""] * (width - len(r)):
                        row.cell(cell)
            continue
        if not line.startswith(("[Tabell", "<!--")):
            text = re.sub(r"[*#]", "", line).replace("\u2011", "-") or " "
            pdf.multi_cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
        i += 1
    pdf.output(str(out))


DOCUMENTS = sorted(KUNGSBACKA.glob("*_*.md")) if KUNGSBACKA.exists() else []


@pytest.mark.skipif(not DOCUMENTS or not FONT.exists(), reason="no Kungsbacka corpus or font")
@pytest.mark.parametrize("markdown", DOCUMENTS, ids=lambda p: p.stem)
def test_pdf_gives_the_case_numbers_of_the_text(markdown: Path, tmp_path: Path) -> None:
    if markdown.stem in KNOWN_DIFFERENCES:
        pytest.xfail(KNOWN_DIFFERENCES[markdown.stem])
    pdf = tmp_path / f"{markdown.stem}.pdf"
    render(markdown.read_text(encoding="utf-8"), pdf)
    as_text = {c.normalized for c in default_extract(markdown).case_numbers}
    as_pdf = {c.normalized for c in default_extract(pdf).case_numbers}
    assert as_pdf == as_text
