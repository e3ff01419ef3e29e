"""Realistic municipal PDFs rendered with fpdf2, for reader tests.

Everything is generated in code (no binary fixtures in the repo): a tjänsteskrivelse with a
header block and page footers "1 (3)", an image-only scan without a text layer, and a
password-protected copy. The Unicode font matters: fpdf2's core fonts are latin-1 only and
would not exercise the ToUnicode maps real Word/Acrobat PDFs carry for å/ä/ö and en dashes.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import EncryptionMethod

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

TITLE = "Modell för samverkansstöd"
#: A fixed creation date keeps the bytes (and so the sha256) the same on every run.
CREATED = datetime(2020, 8, 17, 9, 0, tzinfo=UTC)

#: Body paragraphs per page. Page 2 ends a line inside "nämnden" on purpose (as Word does
#: when it hyphenates), page 3 carries an "ﬁ" ligature; the reader must undo both.
PAGE_BODIES: tuple[str, ...] = (
    "Sammanfattning\n"
    "Tekniska nämnden föreslås godkänna modellen för samverkansstöd i geografiskt "
    "avgränsade områden – till exempel Sofielund och Västra Hamnen. Förslaget bygger "
    "på erfarenheter från närings- och föreningsliv i Malmö.",
    "Ärendet\n"
    "Syftet är att utreda vilken roll tekniska näm-\n"
    "nden ska ha i olika samverkansprocesser och vilka krav som ska ställas för att "
    "förvaltningen ska delta. Åtgärderna följs upp årligen.",
    "Ekonomiska konsekvenser\n"
    "Förslaget innebär ingen ny \ufb01nansiering för nämnden under 2020–2022. "
    "Beslutet skickas till kommunstyrelsen för kännedom.",
)


class _Tjansteskrivelse(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("DejaVu", size=9)
        # "{nb}" is fpdf2's alias for the total page count, filled in at output time.
        self.cell(0, 10, f"{self.page_no()} ({{nb}})", align="C")


def _new_pdf(cls: type[FPDF] = FPDF) -> FPDF:
    pdf = cls(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_creation_date(CREATED)
    return pdf


def _render_tjansteskrivelse(pdf: FPDF, pages: int) -> None:
    pdf.set_title(f"Tjänsteskrivelse – {TITLE}")
    pdf.set_author("Fastighets- och gatukontoret")
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(0, 6, "MALMÖ STAD", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=10)
        if number == 1:
            for label, value in (
                ("Datum", "2020-08-17"),
                ("Vår referens", "Linda Medberg, Enhetschef"),
                ("Diarienummer", "TN-2019-3825"),
            ):
                pdf.cell(40, 6, label)
                pdf.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
            pdf.set_font("DejaVu", "B", 14)
            pdf.cell(0, 8, "Tjänsteskrivelse", new_x="LMARGIN", new_y="NEXT")
            pdf.cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", size=10)
        pdf.ln(4)
        pdf.multi_cell(0, 6, PAGE_BODIES[(number - 1) % len(PAGE_BODIES)])


def tjansteskrivelse_pdf(pages: int = 3) -> bytes:
    """A tjänsteskrivelse of `pages` pages with a header block and "N (M)" footers."""
    pdf = _new_pdf(_Tjansteskrivelse)
    _render_tjansteskrivelse(pdf, pages)
    return bytes(pdf.output())


def municipal_pdf_bytes(pages: int = 3) -> bytes:
    """The default realistic municipal PDF (the tjänsteskrivelse), for pipeline tests."""
    return tjansteskrivelse_pdf(pages)


def encrypted_pdf(user_password: str = "hemligt") -> bytes:
    """The tjänsteskrivelse, readable only with `user_password` (AES-128)."""
    pdf = _new_pdf(_Tjansteskrivelse)
    pdf.set_encryption(
        owner_password="ägare",
        user_password=user_password,
        encryption_method=EncryptionMethod.AES_128,
    )
    _render_tjansteskrivelse(pdf, 2)
    return bytes(pdf.output())


def png_bytes(width: int = 64, height: int = 64) -> bytes:
    """A grey-gradient RGB PNG, written by hand so the tests need no imaging library."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(
        b"\x00" + bytes((x * 4 + y) % 256 for x in range(width) for _ in range(3))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def image_only_pdf(pages: int = 2) -> bytes:
    """A "scanned" PDF: every page is one image and there is no text layer at all."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)
    image = png_bytes()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(image), x=10, y=10, w=190)
    return bytes(pdf.output())


def zero_page_pdf() -> bytes:
    """A syntactically valid PDF whose page tree is empty (fpdf2 cannot write one)."""
    return _handmade_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
        ]
    )


def _handmade_pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (numbered from 1, the first the catalog), with its xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- Municipal documents laid out line by line, with the truth of what was printed ----------
#
# These generators place every line themselves rather than letting fpdf2 flow the text, so
# they know which words went to which page and column, which lines are running headers and
# footers, and where each table sits. Tests and `benchmarks/pdf.py` compare the reader with
# that truth. The words come from the text files in `tests/fixtures/pdf/`.

FIXTURE_TEXT = Path(__file__).resolve().parent / "fixtures" / "pdf"
MUNICIPALITY = "Sjöviks kommun"

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0  # A4 in mm
MARGIN = 20.0
BODY_TOP, BODY_BOTTOM = 34.0, 268.0
LINE_HEIGHT = 5.0
FONT_SIZE = 10
PT_PER_MM = 72 / 25.4
#: Word pieces shorter than this are not split off at a line end.
_MIN_PIECE = 3
_ELLIPSIS_TAILS = frozenset({"och", "eller", "samt", "som", "till", "respektive", "resp"})

Rule = tuple[float, float, float, float]  # x1, y1, x2, y2 in mm


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph or a table of a fixture text."""

    kind: str  # "heading" | "paragraph" | "table"
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    ruled: bool = True


@dataclass
class RenderedPage:
    number: int
    #: Body lines in reading order, hyphenated words whole: what a faithful reader returns.
    body: list[str] = field(default_factory=list)
    #: Running header and footer pieces as printed on this page.
    furniture: list[str] = field(default_factory=list)
    scanned: bool = False
    #: Words printed split over two lines with a hyphen ("ansträng-" / "da").
    hyphenated: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return " ".join(self.body).split()


@dataclass
class RenderedTable:
    page: int
    rows: list[list[str]]
    ruled: bool
    #: (x0, top, x1, bottom) in PDF points from the page's top-left corner.
    bbox: tuple[float, float, float, float]


@dataclass
class RenderedPdf:
    data: bytes
    pages: list[RenderedPage]
    tables: list[RenderedTable]


@dataclass
class _Op:
    """One piece of text to draw at baseline `y` (mm); right-aligned at `right` if given."""

    x: float
    y: float
    text: str
    style: str = ""
    size: float = FONT_SIZE
    right: float | None = None


@dataclass
class _Draft:
    ops: list[_Op] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    spanning: list[str] = field(default_factory=list)  # full-width truth above the columns
    columns: list[list[str]] = field(default_factory=list)
    image: bytes | None = None
    hyphenated: list[str] = field(default_factory=list)


def fixture_blocks(name: str) -> list[Block]:
    """Headings ("# ...") and paragraphs (separated by blank lines) of a fixture text."""
    text = (FIXTURE_TEXT / name).read_text(encoding="utf-8")
    blocks = []
    for chunk in text.split("\n\n"):
        flat = " ".join(chunk.split())
        if flat.startswith("# "):
            blocks.append(Block("heading", flat[2:]))
        elif flat:
            blocks.append(Block("paragraph", flat))
    return blocks


def fixture_table(name: str, *, ruled: bool) -> Block:
    """A table of a tab-separated fixture file; the first row is the header."""
    lines = (FIXTURE_TEXT / name).read_text(encoding="utf-8").splitlines()
    rows = tuple(tuple(cell.strip() for cell in line.split("\t")) for line in lines if line)
    return Block("table", rows=rows, ruled=ruled)


class _Composer:
    """Flows blocks into one or two columns page by page and records the truth."""

    def __init__(self, columns: int, *, hyphenate: bool) -> None:
        self.pdf = _new_pdf()
        self.hyphenate = hyphenate
        width = PAGE_WIDTH - 2 * MARGIN
        gutter = 8.0
        column = (width - gutter) / 2
        self.frames = (
            [(MARGIN, width)]
            if columns == 1
            else [(MARGIN, column), (MARGIN + column + gutter, column)]
        )
        self.drafts: list[_Draft] = []
        self.tables: list[RenderedTable] = []
        self.new_page()

    def new_page(self) -> None:
        self.drafts.append(_Draft(columns=[[] for _ in self.frames]))
        self.column = 0
        self.top = self.y = BODY_TOP

    @property
    def draft(self) -> _Draft:
        return self.drafts[-1]

    @property
    def fresh(self) -> bool:
        return self.column == 0 and self.y == BODY_TOP and not self.draft.spanning

    def _room(self, height: float) -> None:
        if self.y + height <= BODY_BOTTOM:
            return
        if self.column + 1 < len(self.frames):
            self.column += 1
            self.y = self.top
        else:
            self.new_page()

    def _width(self, text: str, style: str = "", size: float = FONT_SIZE) -> float:
        self.pdf.set_font("DejaVu", style, size)
        return float(self.pdf.get_string_width(text))

    def _put(self, op: _Op, truth: str) -> None:
        self.draft.ops.append(op)
        self.draft.columns[self.column].append(truth)

    def heading(self, text: str) -> None:
        if self.y > self.top:
            self.y += 3.0
        self._room(7.0 + LINE_HEIGHT)  # never a heading alone at the foot of a column
        x, _ = self.frames[self.column]
        self._put(_Op(x, self.y + 5.0, text, "B", 12), text)
        self.y += 7.0

    def paragraph(self, text: str) -> None:
        words = text.split()
        tail = False  # the first word is the rest of a word split on the line above
        while words:
            self._room(LINE_HEIGHT)
            x, width = self.frames[self.column]
            # The last line of a column is never hyphenated: the reader joins lines, not
            # columns or pages.
            split_ok = self.hyphenate and self.y + 2 * LINE_HEIGHT <= BODY_BOTTOM
            printed, truth, rest = self._line(words, width, split_ok)
            if tail:
                truth = truth.split(" ", 1)[1] if " " in truth else ""
            tail = len(rest) + printed.count(" ") + 1 > len(words)
            if tail:
                self.draft.hyphenated.append(truth.split(" ")[-1])
            words = rest
            self._put(_Op(x, self.y + 4.0, printed), truth)
            self.y += LINE_HEIGHT
        self.y += 2.0

    def _line(self, words: list[str], width: float, split_ok: bool) -> tuple[str, str, list[str]]:
        """Fill one line greedily: (printed text, truth text, words left over).

        A long word that does not fit is split with a hyphen when allowed; the truth keeps
        it whole, since the reader is to re-join it.
        """
        taken = [words[0]]  # a word wider than the column is printed anyway
        for index in range(1, len(words)):
            word = words[index]
            if self._width(" ".join([*taken, word])) <= width:
                taken.append(word)
                continue
            pieces = self._split(word, " ".join(taken), width) if split_ok else None
            if pieces is None:
                return " ".join(taken), " ".join(taken), words[index:]
            head, tail = pieces
            rest = [tail, *words[index + 1 :]]
            return " ".join([*taken, head + "-"]), " ".join([*taken, word]), rest
        return " ".join(taken), " ".join(taken), []

    def _split(self, word: str, before: str, width: float) -> tuple[str, str] | None:
        if not word.isalpha() or len(word) < 2 * _MIN_PIECE + 2:
            return None
        for cut in range(len(word) - _MIN_PIECE, _MIN_PIECE - 1, -1):
            head, tail = word[:cut], word[cut:]
            # "efter-" / "som" reads as a compound ellipsis ("för- och nackdelar"), which
            # the reader keeps apart on purpose: a typesetter would not split there either.
            if tail.lower() in _ELLIPSIS_TAILS:
                continue
            if not (head[-1].islower() and tail[0].islower()):
                continue
            if self._width(f"{before} {head}-") <= width:
                return head, tail
        return None

    def table(self, block: Block) -> None:
        """A full-width table at the top of a fresh page; the columns continue below it."""
        if not self.fresh:
            self.new_page()
        total = PAGE_WIDTH - 2 * MARGIN
        columns = len(block.rows[0])
        first = total * 0.46
        widths = [first] + [(total - first) / (columns - 1)] * (columns - 1)
        row_height = 7.0
        top = y = self.y
        for number, row in enumerate(block.rows):
            style = "B" if number == 0 else ""
            x = MARGIN
            for index, (cell, cell_width) in enumerate(zip(row, widths, strict=True)):
                if cell and index == 0:
                    self.draft.ops.append(_Op(x + 1.5, y + 4.8, cell, style))
                elif cell:  # figures are right-aligned, as in every annual report
                    self.draft.ops.append(_Op(x, y + 4.8, cell, style, right=x + cell_width - 1.5))
                x += cell_width
            self.draft.spanning.append(" ".join(cell for cell in row if cell))
            y += row_height
        if block.ruled:
            self.draft.rules += [
                (MARGIN, top + n * row_height, MARGIN + total, top + n * row_height)
                for n in range(len(block.rows) + 1)
            ]
            x = MARGIN
            for cell_width in [0.0, *widths]:
                x += cell_width
                self.draft.rules.append((x, top, x, y))
        self.tables.append(
            RenderedTable(
                page=len(self.drafts),
                rows=[list(row) for row in block.rows],
                ruled=block.ruled,
                bbox=tuple(v * PT_PER_MM for v in (MARGIN, top, MARGIN + total, y)),  # type: ignore[arg-type]
            )
        )
        self.top = self.y = y + 8.0

    def scanned_page(self, blocks: list[Block]) -> None:
        """A page that is only an image of printed text (a scanned, signed letter)."""
        if not self.fresh:
            self.new_page()
        self.draft.image = _scan_of(blocks)
        self.draft.spanning += [block.text for block in blocks]
        self.new_page()


def _scan_of(blocks: list[Block], dpi: int = 200) -> bytes:
    """Render `blocks` on an A4 page and rasterize it: a greyscale PNG, no text layer."""
    import pypdfium2 as pdfium

    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_margins(25, 25)
    pdf.set_y(30)
    for block in blocks:
        heading = block.kind == "heading"
        pdf.set_font("DejaVu", "B" if heading else "", 13 if heading else 11)
        pdf.multi_cell(0, 6.5, block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    document = pdfium.PdfDocument(bytes(pdf.output()))
    try:
        page = document[0]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        page.close()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


Furniture = Callable[[int, int], tuple[list[_Op], list[Rule]]]


def _annual_report_furniture(number: int, total: int) -> tuple[list[_Op], list[Rule]]:
    right = PAGE_WIDTH - MARGIN
    ops = [
        _Op(MARGIN, 15.0, MUNICIPALITY, "", 9),
        _Op(0, 15.0, "Årsredovisning 2024", "", 9, right=right),
        _Op(0, 286.0, f"{number} ({total})", "", 9, right=PAGE_WIDTH / 2 + 6),
    ]
    return ops, [(MARGIN, 18.0, right, 18.0)]


def _protokoll_furniture(number: int, total: int) -> tuple[list[_Op], list[Rule]]:
    right = PAGE_WIDTH - MARGIN
    ops = [
        _Op(MARGIN, 14.0, MUNICIPALITY.upper(), "B", 10),
        _Op(95.0, 14.0, "PROTOKOLL", "B", 10),
        _Op(0, 14.0, f"{number} ({total})", "", 9, right=right),
        _Op(MARGIN, 19.5, "Kommunstyrelsen", "", 10),
        _Op(MARGIN, 25.0, "Sammanträdesdatum 2024-03-12", "", 10),
        _Op(MARGIN, 287.0, "Justerandes sign", "", 8),
        _Op(0, 287.0, "Utdragsbestyrkande", "", 8, right=right),
    ]
    return ops, [(MARGIN, 280.0, right, 280.0)]


def _draw(pdf: FPDF, op: _Op) -> None:
    pdf.set_font("DejaVu", op.style, op.size)
    x = op.x if op.right is None else op.right - pdf.get_string_width(op.text)
    pdf.text(x, op.y, op.text)


def _finish(
    composer: _Composer, furniture: Furniture, *, interleave: bool, title: str, pages: int
) -> RenderedPdf:
    pdf = composer.pdf
    pdf.set_title(title)
    pdf.set_author(MUNICIPALITY)
    drafts = [draft for draft in composer.drafts if draft.ops or draft.image][:pages]
    rendered: list[RenderedPage] = []
    for number, draft in enumerate(drafts, start=1):
        pdf.add_page()
        if draft.image is not None:
            pdf.image(io.BytesIO(draft.image), x=0, y=0, w=PAGE_WIDTH, h=PAGE_HEIGHT)
            rendered.append(RenderedPage(number, body=list(draft.spanning), scanned=True))
            continue
        ops, rules = furniture(number, len(drafts))
        body = draft.ops
        if interleave:
            # Row order across both columns, as some layout programs write it: a reader that
            # trusts the content stream's order mixes the two columns line by line.
            body = sorted(body, key=lambda op: (round(op.y, 1), op.x))
        for op in [*ops, *body]:
            _draw(pdf, op)
        pdf.set_line_width(0.3)
        for x1, y1, x2, y2 in [*rules, *draft.rules]:
            pdf.line(x1, y1, x2, y2)
        lines = list(draft.spanning) + [line for column in draft.columns for line in column]
        rendered.append(
            RenderedPage(
                number,
                body=lines,
                furniture=[op.text for op in ops],
                hyphenated=list(draft.hyphenated),
            )
        )
    tables = [table for table in composer.tables if table.page <= len(drafts)]
    return RenderedPdf(bytes(pdf.output()), rendered, tables)


def _cycle(blocks: list[Block]) -> Iterator[Block]:
    while True:
        yield from blocks


SCANNED_LETTER = [
    Block("heading", "Revisionsberättelse för år 2024"),
    Block(
        "paragraph",
        "Vi har granskat den verksamhet som bedrivits i styrelse och nämnder i Sjöviks "
        "kommun. Granskningen har utförts enligt kommunallagen och god revisionssed i "
        "kommunal verksamhet. Vi bedömer att räkenskaperna i allt väsentligt är "
        "rättvisande och tillstyrker att kommunfullmäktige beviljar ansvarsfrihet.",
    ),
    Block("paragraph", "Sjövik den 28 mars 2025"),
]


def annual_report(
    pages: int = 8,
    *,
    interleave: bool = True,
    scanned_page: bool = True,
    table_every: int = 6,
) -> RenderedPdf:
    """An årsredovisning of `pages` pages: two columns, a running header over a rule and
    "N (M)" footers, words hyphenated at line ends, a table page every `table_every` pages
    (the ruled income statement and the unruled key figures in turn, from page 2), and on
    page 3 a scanned auditor's letter. The text of `arsredovisning.txt` repeats as needed.
    With `interleave`, each page's columns are written line by line in row order.
    """
    composer = _Composer(columns=2, hyphenate=True)
    tables = [
        fixture_table("resultatrakning.tsv", ruled=True),
        fixture_table("nyckeltal.tsv", ruled=False),
    ]
    next_table, table_number = 2, 0
    blocks = _cycle(fixture_blocks("arsredovisning.txt"))
    while len(composer.drafts) <= pages:
        block = next(blocks)
        if block.kind == "heading":
            landing = len(composer.drafts) + (0 if composer.fresh else 1)
            if table_every and landing >= next_table:
                composer.table(tables[table_number % 2])
                table_number += 1
                next_table += table_every
            if scanned_page and len(composer.drafts) == 2:
                composer.scanned_page(SCANNED_LETTER)
            composer.heading(block.text)
        else:
            composer.paragraph(block.text)
    return _finish(
        composer,
        _annual_report_furniture,
        interleave=interleave,
        title="Årsredovisning 2024",
        pages=pages,
    )


PROTOKOLL_HEAD = [
    "Plats och tid Kommunhuset i Sjövik, tisdagen den 12 mars 2024 kl. 13.00–15.30",
    "Beslutande Karin Holm (S), ordförande, Anna Lindqvist (S), Per Ekström (M)",
    "Övriga deltagande Lena Berg, kommundirektör, Jonas Ahl, sekreterare",
]


def protokoll(pages: int = 4) -> RenderedPdf:
    """A kommunstyrelsen protokoll in one column: on every page a letterhead (kommun,
    PROTOKOLL, "N (M)", committee, meeting date) and a footer with the signature boxes
    ("Justerandes sign", "Utdragsbestyrkande"); the text of `protokoll.txt` repeats.
    """
    composer = _Composer(columns=1, hyphenate=True)
    for line in PROTOKOLL_HEAD:
        composer.paragraph(line)
    blocks = _cycle(fixture_blocks("protokoll.txt"))
    while len(composer.drafts) <= pages:
        block = next(blocks)
        if block.kind == "heading":
            composer.heading(block.text)
        else:
            composer.paragraph(block.text)
    return _finish(
        composer,
        _protokoll_furniture,
        interleave=False,
        title="Protokoll kommunstyrelsen 2024-03-12",
        pages=pages,
    )


# --- Bad PDFs: each must get a clear status in bounded time and memory -------------------


def many_pages_pdf(pages: int = 5000) -> bytes:
    """A PDF of `pages` tiny pages with one line each (fpdf2 writes 5,000 in about a second)."""
    pdf = FPDF(format=(50, 30))
    pdf.set_creation_date(CREATED)
    pdf.set_font("helvetica", size=8)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.text(5, 10, f"Sida {number}")
    return bytes(pdf.output())


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def huge_image_pdf(width: int = 60_000, height: int = 60_000) -> bytes:
    """One page, no text, one greyscale image of `width` × `height` pixels (3.6 gigapixels
    by default): a scan that must not be decoded. The image data is a few rows; pdfium
    would allocate the whole bitmap before noticing."""
    rows = zlib.compress(b"\x80" * width * 4)
    return _handmade_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            _stream(b"", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            _stream(
                b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode" % (width, height),
                rows,
            ),
        ]
    )


def _adler32_of_repeated(byte: int, count: int) -> int:
    """adler32 of `count` copies of one byte, in closed form (no gigabytes to sum)."""
    low = (1 + count * byte) % 65521
    high = (count + byte * count * (count + 1) // 2) % 65521
    return (high << 16) | low


def decompression_bomb_pdf(gigabytes: float = 2.0, *, layers: int = 1) -> bytes:
    """A one-page PDF whose content stream (about 2 MB deflated) inflates to `gigabytes`
    of spaces, then draws one line of text. With `layers=2` the deflated stream is
    deflated again (`/Filter [/FlateDecode /FlateDecode]`): a few kilobytes on disk.

    Written without compressing gigabytes: one megabyte of spaces is deflated once with a
    full flush (so the block needs nothing before it) and the block is repeated; the zlib
    checksum of the whole is computed in closed form.
    """
    megabyte = b" " * (1 << 20)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflater.compress(megabyte) + deflater.flush(zlib.Z_FULL_FLUSH)
    copies = int(gigabytes * 1024)
    tail = b"BT /F1 12 Tf 72 720 Td (Hej) Tj ET"
    finisher = zlib.compressobj(9, zlib.DEFLATED, -15)
    last = finisher.compress(tail) + finisher.flush()
    checksum = zlib.adler32(tail, _adler32_of_repeated(0x20, copies << 20))
    data = b"\x78\xda" + block * copies + last + struct.pack(">I", checksum)
    filters = b"/FlateDecode"
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
        filters += b" /FlateDecode"
    return _handmade_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(b"/Filter [%s]" % filters, data),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def scanned_letter_pdf() -> RenderedPdf:
    """A one-page scan: the auditors' letter as an image, no text layer at all."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.image(io.BytesIO(_scan_of(SCANNED_LETTER)), x=0, y=0, w=PAGE_WIDTH, h=PAGE_HEIGHT)
    page = RenderedPage(1, body=[block.text for block in SCANNED_LETTER], scanned=True)
    return RenderedPdf(bytes(pdf.output()), [page], [])
