"""OCR of scanned PDF pages with tesseract's Swedish model, when it is installed.

Tesseract is a system program (Debian: `tesseract-ocr` and `tesseract-ocr-swe`), reached
through pytesseract. Whether it can run is checked once per process; when it cannot, the
reason says which package is missing, and the PDF reader reports the document as
`needs_ocr` rather than as empty.

Pages are rendered with pdfium at 300 dpi in greyscale (tesseract's recommended input),
scaled down for pages so large that the bitmap would pass `MAX_RENDER_PIXELS`.

`page_words` reads the same render with tesseract's word boxes (`image_to_data`), for the
page view's boxes on a scanned page: each word with its box in PDF points from the page's
top-left corner and its place in tesseract's layout (block, paragraph, line).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
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


@dataclass(frozen=True)
class OCRWord:
    """A word tesseract read, its box in PDF points (origin top-left of the rendered page,
    as the page is shown: rotation applied) and its line in tesseract's layout."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    block: int
    paragraph: int
    line: int


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


def render_for_ocr(page: Any, dpi: int = DPI) -> tuple[Any, float]:
    """The page as `ocr_page` renders it for tesseract (greyscale, `dpi` or less), as a PIL
    image that owns its pixels, and the scale (pixels per point)."""
    width, height = page.get_size()
    scale = render_scale(width, height, dpi)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil().copy()
    finally:
        bitmap.close()
    return image, scale


def image_words(image: Any, scale: float, *, language: str = LANGUAGE) -> list[OCRWord]:
    """The words tesseract reads in `image` (rendered at `scale` pixels per point) with
    confidence above 0, in reading order, boxes in points.

    Raises `OCRUnavailable` when tesseract cannot run, or fails or times out on this image."""
    import pytesseract

    reason = unavailable_reason(language)
    if reason:
        raise OCRUnavailable(reason)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(
            image,
            lang=language,
            config="--psm 3",
            timeout=PAGE_TIMEOUT,
            output_type=pytesseract.Output.DICT,
        )
    except (pytesseract.TesseractError, RuntimeError, OSError) as error:  # RuntimeError: timeout
        raise OCRUnavailable(f"tesseract failed on the page: {error}") from error
    words = []
    for index, text in enumerate(data["text"]):
        if int(data["level"][index]) != 5 or not str(text).strip():
            continue
        if float(data["conf"][index]) <= 0:
            continue
        left, top = float(data["left"][index]), float(data["top"][index])
        right, bottom = left + float(data["width"][index]), top + float(data["height"][index])
        words.append(
            OCRWord(
                text=str(text).strip(),
                left=left / scale,
                top=top / scale,
                right=right / scale,
                bottom=bottom / scale,
                block=int(data["block_num"][index]),
                paragraph=int(data["par_num"][index]),
                line=int(data["line_num"][index]),
            )
        )
    return words


def page_words(page: Any, *, language: str = LANGUAGE, dpi: int = DPI) -> list[OCRWord]:
    """The words tesseract reads on a pypdfium2 `PdfPage`, with their boxes in points, from
    the same render as `ocr_page`. Raises `OCRUnavailable` when tesseract cannot run."""
    reason = unavailable_reason(language)
    if reason:
        raise OCRUnavailable(reason)
    image, scale = render_for_ocr(page, dpi)
    return image_words(image, scale, language=language)
