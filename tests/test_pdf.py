"""The PDF reader against the truth of generated municipal PDFs and the real corpus PDF.

The generators in `tests/pdf_fixtures.py` place every line themselves and so know what a
faithful reader must return per page: body words in reading order, hyphenated words
whole, and no running header or footer. Nothing is mocked: fpdf2 writes real PDFs, pdfium
and pdfplumber read them.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from extractors.base import ParsedDocument
from extractors.extraction import extract
from extractors.pdf_layout import furniture_key, is_page_number
from extractors.readers import read_document
from tests import pdf_fixtures
from tests.pdf_fixtures import RenderedPdf

HOGSBY_PDF = "pdf/hogsby_ks_protokoll_2007-01-08.pdf"


def word_match(expected: list[str], got: list[str]) -> float:
    """Share of the expected words found, in order, in `got` (1.0 for nothing expected)."""
    if not expected:
        return 1.0
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


def page_text(doc: ParsedDocument, number: int) -> str:
    page = doc.pages[number - 1]
    return doc.text[page.start : page.end]


@pytest.fixture(scope="module")
def annual(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderedPdf, ParsedDocument]:
    rendered = pdf_fixtures.annual_report(pages=8, scanned_page=False)
    path = tmp_path_factory.mktemp("pdf") / "arsredovisning.pdf"
    path.write_bytes(rendered.data)
    return rendered, read_document(path)


@pytest.fixture(scope="module")
def protokoll(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderedPdf, ParsedDocument]:
    rendered = pdf_fixtures.protokoll(pages=4)
    path = tmp_path_factory.mktemp("pdf") / "protokoll.pdf"
    path.write_bytes(rendered.data)
    return rendered, read_document(path)


def _expected_words(rendered: RenderedPdf, number: int) -> list[str]:
    page = rendered.pages[number - 1]
    words = page.words
    if number == 1:  # the first page keeps its letterhead (see test_first_page_...)
        header = [text for text in page.furniture if not is_page_number(text)]
        letterhead = [w for text in header[:-2] for w in text.split()]
        words = letterhead + words
    return words


# --- text: reading order, hyphenation, page boundaries ------------------------------------


@pytest.mark.parametrize("fixture", ["annual", "protokoll"])
def test_body_text_matches_the_source_words(fixture: str, request: pytest.FixtureRequest) -> None:
    rendered, doc = request.getfixturevalue(fixture)
    assert [page.number for page in doc.pages] == [page.number for page in rendered.pages]
    total = matched = 0
    for page in rendered.pages[1:]:  # page 1 is checked with its letterhead below
        expected = page.words
        score = word_match(expected, page_text(doc, page.number).split())
        assert score >= 0.99, f"page {page.number}: {score:.3f}"
        total += len(expected)
        matched += round(score * len(expected))
    assert matched / total >= 0.995


def test_two_columns_are_read_column_by_column(annual: tuple[RenderedPdf, ParsedDocument]) -> None:
    rendered, doc = annual
    data = rendered.data
    # The fixture writes both columns line by line in row order; pdfium's own text order
    # mixes them, the layout undoes that.
    pdf = pdfium.PdfDocument(data)
    try:
        textpage = pdf[3].get_textpage()
        stream_order = textpage.get_text_range().split()
    finally:
        pdf.close()
    expected = rendered.pages[3].words
    assert word_match(expected, stream_order) < 0.9
    assert word_match(expected, page_text(doc, 4).split()) >= 0.99
    assert int(doc.metadata["two_column_pages"]) >= 5


def test_words_hyphenated_at_line_ends_are_whole(
    annual: tuple[RenderedPdf, ParsedDocument],
) -> None:
    rendered, doc = annual
    hyphenated = [(page.number, word) for page in rendered.pages for word in page.hyphenated]
    assert len(hyphenated) >= 20
    for number, word in hyphenated:
        assert re.search(rf"\b{re.escape(word)}\b", page_text(doc, number)), word
    # Nothing is left broken: a lowercase piece, a hyphen, a line break, a lowercase piece.
    leftovers = re.findall(r"[a-zåäö]{2,}-\n[a-zåäö]+", doc.text)
    assert all(piece.split("\n")[1] in {"och", "eller"} for piece in leftovers), leftovers


def test_page_boundaries_are_kept(annual: tuple[RenderedPdf, ParsedDocument]) -> None:
    rendered, doc = annual
    assert doc.metadata["pages"] == "8"
    for page in rendered.pages[1:]:
        span = doc.pages[page.number - 1]
        words = doc.text[span.start : span.end].split()
        # Each page's span starts and ends with that page's first and last printed words.
        assert (words[:6], words[-6:]) == (page.words[:6], page.words[-6:]), page.number
        assert doc.page_at(span.start) == doc.page_at(span.end - 1) == page.number


def test_soft_hyphens_and_ligatures_are_normalized(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(pdf_fixtures.FONT_REGULAR))
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    pdf.text(20, 30, "Kommun\u00adfullmäktige beslutade om \ufb01nansiering av e\ufb00ekter.")
    path = tmp_path / "mjuk.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert read_document(path).text == "Kommunfullmäktige beslutade om finansiering av effekter."


# --- running headers and footers ----------------------------------------------------------


@pytest.mark.parametrize("fixture", ["annual", "protokoll"])
def test_running_headers_and_footers_leave_the_body(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    rendered, doc = request.getfixturevalue(fixture)
    for page in rendered.pages:
        lines = {furniture_key(line) for line in page_text(doc, page.number).splitlines()}
        pieces = {furniture_key(piece) for piece in page.furniture}
        if page.number > 1:
            # Not one piece of a header or footer, alone or as the printed row.
            assert not lines & pieces, page.number
            rows = {furniture_key(f.text) for f in doc.furniture if f.page == page.number}
            assert not lines & rows, page.number
        assert not any(is_page_number(line) for line in lines), page.number
    removed = {(f.page, f.position) for f in doc.furniture}
    assert {(n, "header") for n in range(2, len(rendered.pages) + 1)} <= removed
    assert {(n, "footer") for n in range(1, len(rendered.pages) + 1)} <= removed


def test_furniture_is_kept_as_metadata(protokoll: tuple[RenderedPdf, ParsedDocument]) -> None:
    _, doc = protokoll
    assert doc.metadata["running_headers"].splitlines() == [
        "SJÖVIKS KOMMUN PROTOKOLL 2 (4)",
        "Kommunstyrelsen",
        "Sammanträdesdatum 2024-03-12",
    ]
    assert doc.metadata["running_footers"] == "Justerandes sign Utdragsbestyrkande"
    texts = [(f.page, f.text) for f in doc.furniture]
    assert (3, "SJÖVIKS KOMMUN PROTOKOLL 3 (4)") in texts
    assert (4, "Justerandes sign Utdragsbestyrkande") in texts


def test_first_page_keeps_its_letterhead_for_extraction(
    protokoll: tuple[RenderedPdf, ParsedDocument],
) -> None:
    rendered, doc = protokoll
    first = page_text(doc, 1)
    assert first.startswith("SJÖVIKS KOMMUN PROTOKOLL 1 (4)\nKommunstyrelsen\nSammanträdesdatum")
    assert "Justerandes sign" not in first
    assert word_match(_expected_words(rendered, 1), first.split()) >= 0.99
    extraction = extract(doc)
    assert extraction.doc_type == "protokoll"
    assert extraction.meeting is not None
    assert (extraction.meeting.committee, extraction.meeting.date) == (
        "kommunstyrelsen",
        "2024-03-12",
    )


def test_single_page_document_loses_only_its_page_number(tmp_path: Path) -> None:
    path = tmp_path / "ts.pdf"
    path.write_bytes(pdf_fixtures.tjansteskrivelse_pdf(pages=1))
    doc = read_document(path)
    assert doc.text.startswith("MALMÖ STAD\nDatum 2020-08-17")
    assert doc.text.endswith("föreningsliv i Malmö.")
    assert [(f.position, f.text) for f in doc.furniture] == [("footer", "1 (1)")]


# --- the real PDF in the corpus -----------------------------------------------------------


@pytest.mark.corpus
def test_real_protokoll_loses_its_running_header_and_signature_footer(corpus_dir: Path) -> None:
    doc = read_document(corpus_dir / HOGSBY_PDF)
    assert doc.metadata["engine"] == "pdfium"
    second = page_text(doc, 2)
    assert second.startswith("KS § 1 DNR:KU/2007.9\nGodkännande av dagordning")
    for number in range(2, 15):
        text = page_text(doc, number)
        assert f"HÖGSBY KOMMUN PROTOKOLL {number}" not in text
        assert "Justerandes sign" not in text
        assert "Sammanträdesdatum 2007-01-08" not in text
    assert "Justerandes sign Utdragsbestyrkande" in doc.metadata["running_footers"]
    assert "HÖGSBY KOMMUN PROTOKOLL 2" in doc.metadata["running_headers"]
    # The first page is the protokoll's head: committee and meeting date stay.
    first = page_text(doc, 1)
    assert "Kommunstyrelsen\nSammanträdesdatum 2007-01-08" in first
    assert "Kommunhusets tingssal måndagen den 8 januari 2007" in first


@pytest.mark.corpus
def test_real_protokoll_text_agrees_with_pdfplumber(corpus_dir: Path) -> None:
    """pdfium's text holds the words pdfplumber finds, less the running furniture."""
    import pdfplumber

    doc = read_document(corpus_dir / HOGSBY_PDF)
    furniture = " ".join(f.text for f in doc.furniture).split()
    with pdfplumber.open(corpus_dir / HOGSBY_PDF) as pdf:
        words = []
        for page in pdf.pages:
            words += (page.extract_text() or "").split()
            page.close()
    got = doc.text.split()
    expected = [w for w in words if w not in set(furniture)]
    assert word_match(expected, got) >= 0.97
