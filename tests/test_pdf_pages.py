"""The PDF page with the hit, over a real archive (the Dagster job ingests generated PDFs),
the real pdfium render and the web app in process; boxes are checked against the word
positions pdfplumber (pdfminer, an independent reader) finds in the same file. A scanned
PDF (the pages of a text PDF rendered to images) is boxed from tesseract's words and
checked against where pdfplumber finds the words in the text PDF it was rendered from."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from fpdf import FPDF
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from diarium import pdf_pages
from diarium.archive import Archive
from diarium.web import create_app
from extractors import ocr
from pipelines.launch import run_ingest
from tests.pdf_fixtures import CREATED, FONT_REGULAR

pytestmark = pytest.mark.slow

PERSONNUMMER = "811218-9876"
PAGES = (
    "Sammanfattning\nTekniska nämnden föreslås godkänna planen för parkerna i Lindängen.",
    "Strandskydd\nStrandskyddet gäller vid sjön. Stadsbyggnadsnämnden yttrar sig i ärende "
    f"KS 2023/249.\nSökande {PERSONNUMMER} har ansökt om dispens.",
    "Beslut\nKommunstyrelsen beslutar att strandskyddet ska prövas igen under 2024.",
)
SCANNED = (
    "Sammanfattning\nTekniska nämnden föreslås godkänna planen för parkerna i Lindängen.",
    "Beslut\nKommunstyrelsen beslutar att strandskyddet ska prövas igen under 2024.",
)
SCALE = 1.5
needs_tesseract = pytest.mark.skipif(
    ocr.unavailable_reason() is not None,
    reason=f"OCR unavailable: {ocr.unavailable_reason()}",
)


def make_pdf(pages: tuple[str, ...], first_line: str = "") -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.set_creation_date(CREATED)
    for n, body in enumerate(pages):
        pdf.add_page()
        pdf.set_font("DejaVu", size=12)
        if first_line and n == 0:
            pdf.multi_cell(0, 7, first_line, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 7, body, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_scan(text_pdf: bytes, dpi: int = 200) -> bytes:
    """The pages of `text_pdf` as greyscale images filling A4 pages: a scan, no text layer."""
    scan = FPDF(format="A4")
    scan.set_creation_date(CREATED)
    document = pdfium.PdfDocument(text_pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            page.close()
            png = io.BytesIO()
            image.save(png, "PNG")
            scan.add_page()
            scan.image(png, x=0, y=0, w=scan.w, h=scan.h)
    finally:
        document.close()
    return bytes(scan.output())


class Served:
    def __init__(self, client: TestClient, ids: dict[str, str], folder: Path, archive: Archive):
        self.client = client
        self.ids = ids
        self.folder = folder
        self.archive = archive


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("pages")
    folder = root / "drop"
    folder.mkdir()
    (folder / "strandskydd.pdf").write_bytes(make_pdf(PAGES))
    (folder / "hemlig.pdf").write_bytes(
        make_pdf(PAGES, first_line="Sekretess enligt 26 kap. 1 § OSL")
    )
    # The scan, and (outside the drop folder) the text PDF it was rendered from: the oracle.
    (root / "skannad-original.pdf").write_bytes(make_pdf(SCANNED))
    (folder / "skannad.pdf").write_bytes(make_scan(make_pdf(SCANNED)))
    (folder / "memo.txt").write_text("Tjänsteskrivelse om strandskydd.\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DIARIUM_HOME", str(root / "archive"))
        env.setenv("DAGSTER_HOME", str(root / "archive" / "dagster"))
        archive = Archive.open(root / "archive")
        run_ingest(archive, [folder])
        ids = {Path(r["source"]).name: r["id"] for r in archive.iter_records()}
        yield Served(TestClient(create_app(archive)), ids, folder, archive)


def word_box(path: Path, page: int, word: str) -> tuple[float, float, float, float]:
    """Where pdfplumber finds a word (points, top-left origin): the oracle for the boxes."""
    with pdfplumber.open(path) as pdf:
        for found in pdf.pages[page - 1].extract_words():
            if found["text"].strip(".,") == word:
                return (found["x0"], found["top"], found["x1"], found["bottom"])
    raise AssertionError(f"{word} not on page {page}")


def rects(html: str) -> list[tuple[float, float, float, float]]:
    tree = HTMLParser(html)
    return [
        tuple(float(r.attributes[k] or 0) for k in ("x", "y", "width", "height"))  # type: ignore[misc]
        for r in tree.css("svg rect.hit-box")
    ]


def covers(
    boxes: list[tuple[float, float, float, float]], word: tuple[float, ...], tolerance: float = 6
) -> bool:
    x0, top, x1, bottom = (v * SCALE for v in word)
    middle = ((x0 + x1) / 2, (top + bottom) / 2)
    return any(
        x <= middle[0] <= x + w
        and y <= middle[1] <= y + h
        and abs(x - x0) < tolerance
        and abs((x + w) - x1) < tolerance
        for x, y, w, h in boxes
    )


def test_the_first_hit_opens_on_its_page_with_boxes_on_the_words(served: Served) -> None:
    doc = served.ids["strandskydd.pdf"]
    first = served.client.get(f"/dokument/{doc}/traff?q=strandskydd", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == f"/dokument/{doc}/sida/2?q=strandskydd"
    page = served.client.get(first.headers["location"])
    assert page.status_code == 200
    boxes = rects(page.text)
    pdf = served.folder / "strandskydd.pdf"
    # The stem: the heading "Strandskydd" and the inflected "Strandskyddet", both boxed.
    assert covers(boxes, word_box(pdf, 2, "Strandskydd"))
    assert covers(boxes, word_box(pdf, 2, "Strandskyddet"))
    assert len(boxes) == 2
    assert "«Strandskyddet» gäller vid sjön" in page.text
    # Previous/next hit across pages, every page reachable, no script on the page.
    tree = HTMLParser(page.text)
    links = {a.text(strip=True): a.attributes.get("href") for a in tree.css("a")}
    assert links["Nästa träff (sida 3) →"] == f"/dokument/{doc}/sida/3?q=strandskydd"
    assert "Föregående träff" not in page.text  # page 1 has no "strandskydd"
    assert links["Föregående sida"] == f"/dokument/{doc}/sida/1?q=strandskydd"
    assert [a.text() for a in tree.css(".page-list a")] == ["1", "2", "3"]
    assert not tree.css("script")


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("nämnd", "Stadsbyggnadsnämnden"),  # a compound part, as the search finds it
        ("stranskyddet", "Strandskyddet"),  # a typo, forgiven as the search forgives it
        ("ks-2023-249", "KS"),  # a case number written another way
    ],
)
def test_matching_is_the_searchs_own(served: Served, query: str, word: str) -> None:
    doc = served.ids["strandskydd.pdf"]
    page = served.client.get(f"/dokument/{doc}/sida/2", params={"q": query})
    assert page.status_code == 200
    assert covers(rects(page.text), word_box(served.folder / "strandskydd.pdf", 2, word)) or (
        word == "KS" and "«KS 2023/249»" in page.text
    )


def test_the_image_is_marked_masked_and_cached(served: Served) -> None:
    doc = served.ids["strandskydd.pdf"]
    pdf = served.folder / "strandskydd.pdf"
    started = time.perf_counter()
    plain = served.client.get(f"/dokument/{doc}/sida/2.png")
    uncached = time.perf_counter() - started
    assert plain.status_code == 200 and plain.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(plain.content)).convert("RGB")
    assert image.size == (round(595.28 * SCALE), round(841.89 * SCALE))
    # The personnummer, masked in the text, is painted over in the image.
    x0, top, x1, bottom = (v * SCALE for v in word_box(pdf, 2, PERSONNUMMER))
    region = image.crop((int(x0) + 2, int(top) + 2, int(x1) - 2, int(bottom) - 2))
    assert max(max(p) for p in region.getdata()) < 40, "the personnummer is not painted over"
    # The marked image: the word's box is tinted, the rest as before.
    marked = Image.open(
        io.BytesIO(served.client.get(f"/dokument/{doc}/sida/2.png?q=strandskydd").content)
    ).convert("RGB")
    x0, top, x1, bottom = (v * SCALE for v in word_box(pdf, 2, "Strandskyddet"))
    r, _, b = marked.getpixel((int(x1) + 1, int((top + bottom) / 2)))
    assert r > 200 and b < 150, "no box beside the word"
    assert image.getpixel((5, 5)) == marked.getpixel((5, 5))
    # Cached per (sha256, page, scale): the file exists, and the second answer is quicker.
    sha256 = served.archive.read_record(doc)["sha256"]  # type: ignore[index]
    cached = served.archive.home / "cache" / "pages" / sha256 / "2-1.5.png"
    assert cached.is_file()
    started = time.perf_counter()
    again = served.client.get(f"/dokument/{doc}/sida/2.png")
    assert again.content == plain.content
    assert time.perf_counter() - started < uncached
    assert served.client.get(f"/dokument/{doc}/sida/2.png?scale=2").status_code == 200
    assert (cached.parent / "2-2.png").is_file()


@pytest.mark.parametrize("number", ["0", "4", "99999999999", "abc", "-1", "1.5"])
def test_an_unreasonable_page_is_a_404(served: Served, number: str) -> None:
    doc = served.ids["strandskydd.pdf"]
    for suffix in ("", ".png"):
        answer = served.client.get(f"/dokument/{doc}/sida/{number}{suffix}")
        assert answer.status_code == 404, (number, suffix)
        assert "sida" in answer.text.lower()


def test_secret_is_403_and_a_text_document_has_no_pages(served: Served) -> None:
    secret = served.ids["hemlig.pdf"]
    for path in ("sida/1", "sida/1.png", "traff?q=strandskydd"):
        answer = served.client.get(f"/dokument/{secret}/{path}")
        assert answer.status_code == 403
        assert "sekretessmarkerat" in answer.text
        assert "Strandskydd" not in answer.text
    memo = served.ids["memo.txt"]
    assert served.client.get(f"/dokument/{memo}/sida/1").status_code == 404
    assert served.client.get("/dokument/0123456789abcdef/sida/1").status_code == 404


def test_the_document_page_links_to_the_page_with_the_hit(served: Served) -> None:
    doc = served.ids["strandskydd.pdf"]
    page = served.client.get(f"/dokument/{doc}?q=strandskydd")
    assert re.search(rf'href="/dokument/{doc}/traff\?q=strandskydd"', page.text)
    assert "Visa sidan med träffen i PDF:en" in page.text


@needs_tesseract
def test_a_scanned_page_is_boxed_from_tesseracts_words_cached(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = served.ids["skannad.pdf"]
    oracle = served.folder.parent / "skannad-original.pdf"
    sha256 = served.archive.read_record(doc)["sha256"]  # type: ignore[index]
    cached = pdf_pages.cache_root(served.archive) / sha256 / "2-ocr.json"
    assert not cached.exists()
    url = f"/dokument/{doc}/sida/2"
    started = time.perf_counter()
    page = served.client.get(url, params={"q": "strandskyddet"})
    uncached = time.perf_counter() - started
    assert page.status_code == 200
    boxes = rects(page.text)
    assert len(boxes) == 1
    assert covers(boxes, word_box(oracle, 2, "strandskyddet"), tolerance=8)
    assert "«strandskyddet» ska prövas igen" in page.text
    assert "bygger på textigenkänning" in page.text
    # The words are cached per (sha256, page) beside the renders, as JSON.
    stored = json.loads(cached.read_text(encoding="utf-8"))
    assert "strandskyddet" in [row[0] for row in stored["words"]]
    # A compound part, as the search finds it, on the other scanned page.
    first = served.client.get(f"/dokument/{doc}/sida/1", params={"q": "nämnd"})
    assert covers(rects(first.text), word_box(oracle, 1, "nämnden"), tolerance=8)

    # From now on tesseract must not run: the second view is the cached words'.
    def no_tesseract(*args: object, **kwargs: object) -> None:
        raise AssertionError("tesseract ran again")

    monkeypatch.setattr(ocr, "image_words", no_tesseract)
    monkeypatch.setattr(ocr, "render_for_ocr", no_tesseract)
    started = time.perf_counter()
    again = served.client.get(url, params={"q": "strandskyddet"})
    cached_time = time.perf_counter() - started
    assert rects(again.text) == boxes
    assert cached_time < uncached / 2, (uncached, cached_time)
    print(f"scanned page view: {uncached * 1000:.0f} ms with OCR, {cached_time * 1000:.0f} ms")
    # A word not on the page: no box.
    other = served.client.get(url, params={"q": "parkerna"})
    assert rects(other.text) == []
    assert "Inga träffar" in other.text
    # Previous/next hit counts the scanned pages whose words are cached.
    first_hit = served.client.get(f"/dokument/{doc}/traff?q=strandskyddet", follow_redirects=False)
    assert first_hit.headers["location"] == f"/dokument/{doc}/sida/2?q=strandskyddet"
    on_page_1 = served.client.get(f"/dokument/{doc}/sida/1", params={"q": "strandskyddet"})
    links = {a.text(strip=True) for a in HTMLParser(on_page_1.text).css("a")}
    assert "Nästa träff (sida 2) →" in links
    # The image with the box drawn in, also from the cached words.
    marked = Image.open(
        io.BytesIO(served.client.get(f"{url}.png", params={"q": "strandskyddet"}).content)
    ).convert("RGB")
    x, y, w, h = boxes[0]
    r, _, b = marked.getpixel((int(x + w) - 1, int(y + h / 2)))
    assert r > 200 and b < 150, "no box drawn on the scanned page's image"


@needs_tesseract
def test_a_scanned_page_without_tesseract_is_shown_without_boxes(
    served: Served, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    doc = served.ids["skannad.pdf"]
    monkeypatch.setattr(ocr, "unavailable_reason", lambda language=ocr.LANGUAGE: "no tesseract")
    # An empty cache: the words are not cached there, and tesseract cannot read them.
    monkeypatch.setattr(pdf_pages, "cache_root", lambda archive: tmp_path)
    page = served.client.get(f"/dokument/{doc}/sida/2", params={"q": "strandskyddet"})
    assert page.status_code == 200
    assert rects(page.text) == []
    assert "textigenkänning går inte att köra" in page.text
    assert not list(tmp_path.rglob("*-ocr.json"))
