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
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
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
