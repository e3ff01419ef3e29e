"""Bad PDFs: each gets a clear status and reason, in bounded time and memory, and the batch
goes on. The memory bound is checked for real: the whole set is read by worker processes
limited to 1 GB of address space, next to a good file."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from extractors import ocr, pdf
from extractors.base import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    NeedsOCR,
    ReaderError,
)
from extractors.pdf_guard import PdfLimits
from extractors.pool import read_many
from extractors.readers import read_document
from tests import pdf_fixtures


def _truncated() -> bytes:
    data = pdf_fixtures.tjansteskrivelse_pdf()
    return data[: len(data) // 2]


def _cut_before_eof() -> bytes:
    # pdfium repairs a file that lost only its cross-reference table and would read the
    # pages it finds; a download cut short must not pass for a shorter document.
    data = pdf_fixtures.tjansteskrivelse_pdf()
    return data[: data.rindex(b"xref")]


OCR_MISSING = ocr.unavailable_reason()

#: file name → (bytes, error class, status, start of the reason)
BAD: dict[str, tuple[Callable[[], bytes], type[ReaderError], str, str]] = {
    "krypterad.pdf": (
        pdf_fixtures.encrypted_pdf,
        EncryptedDocument,
        "failed",
        "password-protected PDF: it cannot be opened without a password",
    ),
    "avbruten.pdf": (_truncated, CorruptDocument, "failed", "truncated or corrupt PDF"),
    "utan_slut.pdf": (
        _cut_before_eof,
        CorruptDocument,
        "failed",
        "truncated or corrupt PDF: the file does not end with %%EOF",
    ),
    "inga_sidor.pdf": (pdf_fixtures.zero_page_pdf, EmptyDocument, "failed", "PDF has no pages"),
    "femtusen_sidor.pdf": (
        lambda: pdf_fixtures.many_pages_pdf(5000),
        DocumentTooLarge,
        "failed",
        "PDF has 5000 pages, above the limit of 2000",
    ),
    "jattebild.pdf": (
        pdf_fixtures.huge_image_pdf,
        (NeedsOCR if OCR_MISSING else DocumentTooLarge),
        ("needs_ocr" if OCR_MISSING else "failed"),
        (
            "no text layer on any of 1 pages (scanned?)"
            if OCR_MISSING
            else "scanned PDF not OCR'd: page 1: embedded image of 60,000 × 60,000 pixels, "
            "above the limit of 150 megapixels"
        ),
    ),
    "bomb.pdf": (
        lambda: pdf_fixtures.decompression_bomb_pdf(gigabytes=2.0),
        DocumentTooLarge,
        "failed",
        "decompression bomb: a stream of 2,",
    ),
}


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for name, (make, *_) in BAD.items():
        (folder / name).write_bytes(make())
    (folder / "riktig.pdf").write_bytes(pdf_fixtures.tjansteskrivelse_pdf())
    return folder


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_pdf_gets_a_clear_status_quickly(bad_dir: Path, name: str) -> None:
    _, error_class, status, reason = BAD[name]
    started = time.perf_counter()
    with pytest.raises(error_class) as caught:
        read_document(bad_dir / name)
    assert time.perf_counter() - started < 10.0
    assert caught.value.status == status
    assert caught.value.reason.startswith(reason), caught.value.reason


def test_bomb_is_refused_before_it_inflates(bad_dir: Path) -> None:
    with pytest.raises(DocumentTooLarge, match=r"inflates to more than 256 MB"):
        read_document(bad_dir / "bomb.pdf")


def test_double_deflated_bomb_of_a_few_kilobytes(tmp_path: Path) -> None:
    data = pdf_fixtures.decompression_bomb_pdf(gigabytes=1.0, layers=2)
    assert len(data) < 64 * 1024
    path = tmp_path / "dubbelbomb.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentTooLarge, match=r"decompression bomb: a stream of [\d,]+ bytes"):
        read_document(path)


def test_a_bomb_below_the_cap_is_read(tmp_path: Path) -> None:
    """The cap is on what a stream inflates to, not on its ratio: 64 MB of spaces pass."""
    path = tmp_path / "luftig.pdf"
    path.write_bytes(pdf_fixtures.decompression_bomb_pdf(gigabytes=1 / 16))
    assert read_document(path).text == "Hej"


def test_time_budget_stops_a_long_read(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.pdf"
    path.write_bytes(pdf_fixtures.protokoll(pages=3).data)
    limits = PdfLimits(max_seconds=0.0)
    with pytest.raises(DocumentTooLarge, match=r"^reading stopped at page 1 of 3: the time budget"):
        pdf.read(path, path.read_bytes(), "sha", str(path), limits=limits)


def test_many_pages_within_a_raised_limit_are_read(bad_dir: Path) -> None:
    started = time.perf_counter()
    doc = read_document(bad_dir / "femtusen_sidor.pdf", max_pages=5000)
    assert time.perf_counter() - started < 10.0
    assert len(doc.pages) == 5000
    assert doc.page_at(doc.text.index("Sida 4321")) == 4321


def test_bad_pdfs_in_a_batch_under_a_memory_limit(bad_dir: Path) -> None:
    paths = sorted(bad_dir.iterdir())
    results = {Path(r.path).name: r for r in read_many(paths, workers=2, max_memory_mb=1024)}
    assert set(results) == {path.name for path in paths}
    assert results["riktig.pdf"].status == "ok"
    assert results["riktig.pdf"].document is not None
    for name, (_, _, status, reason) in BAD.items():
        assert results[name].status == status, name
        assert (results[name].reason or "").startswith(reason), results[name].reason
