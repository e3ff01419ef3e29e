"""OCR of scanned PDF pages with tesseract's Swedish model, when it is installed.

Tesseract is a system program (Debian: `tesseract-ocr` and `tesseract-ocr-swe`), reached
through pytesseract. Whether it can run is checked once per process; when it cannot, the
reason says which package is missing, and the PDF reader reports the document as
`needs_ocr` rather than as empty.

Pages are rendered with pdfium at 300 dpi in greyscale (tesseract's recommended input),
scaled down for pages so large that the bitmap would pass `MAX_RENDER_PIXELS`.
"""

from __future__ import annotations

import functools
import os
from typing import Any

#: Tesseract's language for Swedish; `swe` includes å, ä, ö and Swedish word lists.
LANGUAGE = "swe"
DPI = 300
#: About an A3 page at 300 dpi; a poster-sized page is rendered at lower resolution.
MAX_RENDER_PIXELS = 20_000_000
#: Seconds tesseract may spend on one page before it is stopped.
PAGE_TIMEOUT = 120


class OCRUnavailable(Exception):
    """Tesseract or its Swedish language data is missing."""


@functools.lru_cache(maxsize=4)
def unavailable_reason(language: str = LANGUAGE) -> str | None:
    """None when OCR in `language` can run, else what is missing (for the status reason)."""
    import pytesseract  # imports pandas when present: a second's import, paid only here

    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError):
        return (
            "tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-swe)"
        )
    except pytesseract.TesseractError as error:
        return f"tesseract does not run: {error}"
    if language not in languages:
        return f"tesseract has no '{language}' language data (Debian: tesseract-ocr-{language})"
    return None


def render_scale(width_pt: float, height_pt: float, dpi: int = DPI) -> float:
    """Scale from PDF points to pixels: `dpi`, or less when the bitmap would be too big."""
    scale = dpi / 72
    pixels = width_pt * scale * height_pt * scale
    if pixels > MAX_RENDER_PIXELS:
        scale *= (MAX_RENDER_PIXELS / pixels) ** 0.5
    return scale


def ocr_page(page: Any, *, language: str = LANGUAGE, dpi: int = DPI) -> str:
    """The text tesseract reads on a pypdfium2 `PdfPage`.

    Raises `OCRUnavailable` when tesseract cannot run; tesseract's own failures propagate
    as `pytesseract.TesseractError` or `RuntimeError` (timeout).
    """
    import pytesseract

    reason = unavailable_reason(language)
    if reason:
        raise OCRUnavailable(reason)
    width, height = page.get_size()
    bitmap = page.render(scale=render_scale(width, height, dpi), grayscale=True)
    try:
        image = bitmap.to_pil()
        # One tesseract thread per page: documents are already read in parallel.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        text: str = pytesseract.image_to_string(
            image, lang=language, config="--psm 3", timeout=PAGE_TIMEOUT
        )
    finally:
        bitmap.close()
    return text
