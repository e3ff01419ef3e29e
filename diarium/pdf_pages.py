"""A page of an archived PDF as an image, with the query's words marked where they stand.

- **Matching** is the search's own (`search.tantivy_backend.text_highlights`: Swedish
  stems, compound parts, typos) over the page's text as pdfium reads it, plus the case
  numbers the query names in whatever spelling the page writes them
  (`extractors.diarienummer.find_case_numbers`), so what the snippet marks, the page marks.
- **Boxes** come from pdfium's character boxes, one box per line a match covers, in the
  coordinates of the rendered image (`FPDF_PageToDevice`, so rotated and cropped pages
  fit). A page without a text layer (a scan) is read with tesseract's word boxes
  (`extractors.ocr.page_words`, the render ingestion's OCR reads): its text is the words
  joined by spaces and its lines by newlines, matched the same way, and a match is boxed
  per OCR line it covers (within a word, in proportion to the characters). Tesseract
  takes a second or more per page, so the words are cached as JSON per (document sha256,
  page) beside the renders; without tesseract a scan is shown without boxes.
- **Masked stays masked**: the characters that ingestion masks in the text (personnummer
  and other personal data, `extractors.personal_data.mask_text` under the archive's
  policy) are painted over in the render itself. A page without a text layer (a scan)
  cannot be masked that way, so a document with masked personal data does not show its
  scanned pages, and a document with sections secret under OSL shows no page at all.
- **Cache**: renders are PNG files per (document sha256, page, scale) under
  `$DIARIUM_HOME/cache/pages/` (or `$DIARIUM_CACHE_DIR/pages/` when the archive is
  read-only); the image with a query's boxes drawn in is cached beside it, and a scanned
  page's OCR words as `<page>-ocr.json`.

pdfium is not thread-safe: every call here holds one lock.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import json
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from diarium import settings
from diarium.archive import Archive, write_atomic
from diarium.record import Record
from extractors import ocr
from extractors.personal_data import mask_text

#: The scales a page can be rendered at (1 = 72 dpi); 1.5 (108 dpi) is a screen's.
SCALES = {"1": 1.0, "1.5": 1.5, "2": 2.0}
DEFAULT_SCALE = "1.5"
#: Pixels of margin around a marked word.
PAD = 1.5
_LOCK = threading.RLock()
_HIT_PAGES_CACHE = 128


class PageRefused(Exception):
    """The page may not be shown (secret or unmaskable); the message is one Swedish sentence."""


@dataclass(frozen=True)
class Box:
    """A rectangle in rendered pixels: left, top, width, height."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class PageView:
    number: int
    count: int
    width: int  # rendered pixels at the scale asked for
    height: int
    boxes: list[Box]
    contexts: list[str]  # each match with some words around it, for a reader without sight
    scanned: bool  # no text layer: the boxes, if any, are tesseract's
    ocr_unavailable: bool = False  # scanned, and tesseract could not read it: no boxes


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfium.PdfDocument]:
    with _LOCK:
        document = pdfium.PdfDocument(str(path))
        try:
            yield document
        finally:
            document.close()


def page_count(path: Path) -> int:
    with open_pdf(path) as document:
        return len(document)


def _page_text(textpage: Any) -> str:
    """The page's characters one for one with pdfium's character indices (so that an
    offset in the text is a character whose box pdfium knows)."""
    raw = textpage.raw
    chars = []
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        chars.append("\n" if code in (0x0A, 0x0D) else "-" if code in (0xFFFE, 0x02) else chr(code))
    return "".join(chars)


def page_highlights(text: str, query: str) -> list[tuple[int, int]]:
    """Where the search's matching finds the query in a page's text: its words as the
    engine matches them and the case numbers it names in any spelling; a query that is
    one case number marks that case number only (as the document page does)."""
    from diarium.queries import canonical_case_number
    from extractors.diarienummer import find_case_numbers
    from search.matching import text_highlights
    from search.query import parse_query

    if not query.strip():
        return []
    wanted = set(parse_query(query).case_numbers)
    whole = canonical_case_number(query)
    if whole is not None:
        wanted.add(whole)
    cases = (
        [(m.start, m.end) for m in find_case_numbers(text) if m.normalized in wanted]
        if wanted
        else []
    )
    if whole is not None:
        return cases
    return sorted(set(text_highlights(text, query)) | set(cases))


def masked_runs(text: str) -> list[tuple[int, int]]:
    """The spans ingestion masks in this text (masking keeps lengths, so the changed
    characters are the masked ones), with the separators inside a finding ("811218-9876")
    painted over too.

    >>> text = "Sökande 811218-9876 ansöker"
    >>> [text[a:b] for a, b in masked_runs(text)]
    ['811218-9876']
    """
    masked, _ = mask_text(text, settings.masking_policy())
    changed = [i for i, (a, b) in enumerate(zip(text, masked, strict=True)) if a != b]
    runs: list[list[int]] = []
    for index in changed:
        if (
            runs
            and index - runs[-1][1] <= 3
            and not any(c.isalnum() for c in text[runs[-1][1] : index])
        ):
            runs[-1][1] = index + 1
        else:
            runs.append([index, index + 1])
    return [(start, end) for start, end in runs]


def _device_box(
    page: Any, textpage: Any, index: int, width: int, height: int
) -> tuple[float, float, float, float] | None:
    """A character's loose box in rendered pixels (left, top, right, bottom), or None."""
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, rect):
        return None
    xs, ys = [], []
    for px, py in ((rect.left, rect.top), (rect.right, rect.bottom)):
        dx, dy = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDF_PageToDevice(
            page.raw, 0, 0, width, height, 0, px, py, ctypes.byref(dx), ctypes.byref(dy)
        )
        xs.append(dx.value)
        ys.append(dy.value)
    return (min(xs), min(ys), max(xs), max(ys))


def _line_boxes(
    page: Any, textpage: Any, start: int, end: int, width: int, height: int, text: str
) -> list[Box]:
    """One box per line that the characters [start, end) cover."""
    boxes: list[Box] = []
    current: list[float] | None = None
    for index in range(start, end):
        if text[index].isspace():
            continue
        found = _device_box(page, textpage, index, width, height)
        if found is None:
            continue
        left, top, right, bottom = found
        if current is not None and top < current[3] and bottom > current[1]:  # same line
            current = [min(current[0], left), min(current[1], top), max(current[2], right),
                       max(current[3], bottom)]  # fmt: skip
            continue
        if current is not None:
            boxes.append(_padded(current))
        current = [left, top, right, bottom]
    if current is not None:
        boxes.append(_padded(current))
    return boxes


def _padded(edges: Sequence[float]) -> Box:
    left, top, right, bottom = edges
    return Box(left - PAD, top - PAD, right - left + 2 * PAD, bottom - top + 2 * PAD)


def _context(text: str, start: int, end: int, words: int = 6) -> str:
    before = " ".join(text[:start].split()[-words:])
    after = " ".join(text[end:].split()[:words])
    return " ".join(
        part for part in (before, f"«{' '.join(text[start:end].split())}»", after) if part
    )


def refuse(record: Record) -> None:
    """Raise PageRefused when no page of this document may be shown."""
    if (record.get("secrecy") or {}).get("sections") or (record.get("secrecy") or {}).get(
        "document"
    ):
        raise PageRefused(
            "Dokumentet har avsnitt som är sekretessmarkerade enligt OSL; sidorna visas inte "
            "som bild. Den maskerade texten finns på dokumentsidan."
        )


def _has_masking(record: Record) -> bool:
    return any(n for kind, n in (record.get("masking") or {}).items() if kind != "existing_mask")


@dataclass(frozen=True)
class _OpenPage:
    page: Any
    textpage: Any
    text: str
    #: The page's size in pixels at the scale asked for.
    width: int
    height: int
    #: Pages in the document.
    count: int


@contextmanager
def _open_page(path: Path, record: Record, number: int, scale: float) -> Iterator[_OpenPage]:
    """Page `number` (from 1) of the PDF with its text layer, under `open_pdf`'s lock.
    Raises IndexError for a page the document does not have, and PageRefused for a scanned
    page of a document whose text had personal data masked: its image cannot be masked."""
    with open_pdf(path) as document:
        count = len(document)
        if not 1 <= number <= count:
            raise IndexError(number)
        page = document[number - 1]
        try:
            width, height = (round(v * scale) for v in page.get_size())
            textpage = page.get_textpage()
            try:
                text = _page_text(textpage)
                if not text.strip() and _has_masking(record):
                    raise PageRefused(_SCANNED_WITH_PERSONAL_DATA)
                yield _OpenPage(page, textpage, text, width, height, count)
            finally:
                textpage.close()
        finally:
            page.close()


def view(
    path: Path,
    record: Record,
    number: int,
    query: str,
    scale: float,
    cache: Path | None = None,
) -> PageView:
    """Page `number` (from 1) with the boxes of `query`'s matches at `scale`; a scanned
    page's OCR words are cached under `cache` (`cache_root`), when given.
    Raises IndexError for a page the document does not have, PageRefused when it may not
    be shown."""
    refuse(record)
    sha256 = str(record.get("sha256") or "")
    words: list[ocr.OCRWord] | None = None
    image: Any = None
    ocr_scale = 1.0
    unavailable = False
    with _open_page(path, record, number, scale) as opened:
        count, width, height, text = opened.count, opened.width, opened.height, opened.text
        scanned = not text.strip()
        boxes: list[Box] = []
        contexts: list[str] = []
        for start, end in page_highlights(text, query):
            boxes += _line_boxes(opened.page, opened.textpage, start, end, width, height, text)
            contexts.append(_context(text, start, end))
        if scanned and query.strip():
            words = cached_ocr_words(cache, sha256, number) if cache else None
            unavailable = words is None and ocr.unavailable_reason() is not None
            if words is None and not unavailable:
                image, ocr_scale = ocr.render_for_ocr(opened.page)  # pdfium: under the lock
    if image is not None:
        try:  # tesseract outside the lock: other pages render meanwhile
            words = ocr.image_words(image, ocr_scale)
        except ocr.OCRUnavailable:
            unavailable = True
        else:
            if cache:
                _store_ocr_words(cache, sha256, number, words)
    if words:
        text, spans = ocr_text(words)
        for start, end in page_highlights(text, query):
            boxes += _ocr_line_boxes(words, spans, start, end, scale)
            contexts.append(_context(text, start, end))
    return PageView(number, count, width, height, boxes, contexts, scanned, unavailable)


_SCANNED_WITH_PERSONAL_DATA = (
    "Sidan är inskannad och dokumentet innehåller personuppgifter som maskerats i texten; "
    "bilden kan inte maskeras och visas därför inte. Den maskerade texten finns på "
    "dokumentsidan."
)


# -- scanned pages: tesseract's words -------------------------------------------------------

#: Bumped when the cached OCR words' form or their reading (language, dpi) changes.
OCR_CACHE_VERSION = 1


def _ocr_cache_path(cache: Path, sha256: str, number: int) -> Path:
    return cache / sha256 / f"{number}-ocr.json"


def cached_ocr_words(cache: Path, sha256: str, number: int) -> list[ocr.OCRWord] | None:
    """The OCR words of a scanned page as cached, or None when they are not (or the cache
    file is of another version, or unreadable)."""
    target = _ocr_cache_path(cache, sha256, number)
    try:
        stored = json.loads(target.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("version") != _ocr_cache_key():
        return None
    try:
        return [
            ocr.OCRWord(str(t), float(a), float(b), float(c), float(d), int(e), int(f), int(g))
            for t, a, b, c, d, e, f, g in stored["words"]
        ]
    except (KeyError, TypeError, ValueError):
        return None


def _ocr_cache_key() -> str:
    return f"{OCR_CACHE_VERSION}-{ocr.LANGUAGE}-{ocr.DPI}"


def _store_ocr_words(cache: Path, sha256: str, number: int, words: list[ocr.OCRWord]) -> None:
    rows = [
        [w.text, round(w.left, 2), round(w.top, 2), round(w.right, 2), round(w.bottom, 2),
         w.block, w.paragraph, w.line]
        for w in words
    ]  # fmt: skip
    data = {"version": _ocr_cache_key(), "words": rows}
    write_atomic(
        _ocr_cache_path(cache, sha256, number),
        json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
    )


def ocr_text(words: Sequence[ocr.OCRWord]) -> tuple[str, list[tuple[int, int]]]:
    """A scanned page's text from its OCR words (a space between the words of a line, a
    newline between lines, an empty line between paragraphs) and each word's span in it.

    >>> w = lambda t, line, par=1: ocr.OCRWord(t, 0, 0, 1, 1, 1, par, line)
    >>> text, spans = ocr_text([w("Beslut", 1), w("Kommunstyrelsen", 1, 2), w("beslutar", 1, 2)])
    >>> text, [text[a:b] for a, b in spans][-1]
    ('Beslut\\n\\nKommunstyrelsen beslutar', 'beslutar')
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    previous: ocr.OCRWord | None = None
    for word in words:
        if previous is not None:
            if (word.block, word.paragraph) != (previous.block, previous.paragraph):
                separator = "\n\n"
            elif word.line != previous.line:
                separator = "\n"
            else:
                separator = " "
            parts.append(separator)
            offset += len(separator)
        parts.append(word.text)
        spans.append((offset, offset + len(word.text)))
        offset += len(word.text)
        previous = word
    return "".join(parts), spans


def _ocr_line_boxes(
    words: Sequence[ocr.OCRWord],
    spans: Sequence[tuple[int, int]],
    start: int,
    end: int,
    scale: float,
) -> list[Box]:
    """One box per OCR line that the characters [start, end) cover, in rendered pixels;
    a match on part of a word (a compound part) covers that part of the word's box."""
    lines: dict[tuple[int, int, int], list[float]] = {}
    for word, (a, b) in zip(words, spans, strict=True):
        if b <= start or a >= end:
            continue
        length = max(b - a, 1)
        first, last = max(a, start) - a, min(b, end) - a
        span = word.right - word.left
        left = (word.left + span * first / length) * scale
        right = (word.left + span * last / length) * scale
        top, bottom = word.top * scale, word.bottom * scale
        key = (word.block, word.paragraph, word.line)
        if key in lines:
            edges = lines[key]
            lines[key] = [min(edges[0], left), min(edges[1], top), max(edges[2], right),
                          max(edges[3], bottom)]  # fmt: skip
        else:
            lines[key] = [left, top, right, bottom]
    return [_padded(edges) for edges in lines.values()]


# -- pages with hits ---------------------------------------------------------------------------


@dataclass
class _Hits:
    pages: set[int]  # pages with a match
    unread: set[int]  # scanned pages whose OCR words were not cached when last asked


_hit_pages: OrderedDict[tuple[str, str], _Hits] = OrderedDict()


def hit_pages(path: Path, sha256: str, query: str, cache: Path | None = None) -> list[int]:
    """The pages (from 1) where the query matches, for previous/next hit; kept for the last
    documents and queries asked. A scanned page counts by its OCR words when they are
    cached under `cache` (a page is OCR'd when it is first viewed with a query, never
    here: a 300-page scan is not read on one request); the scanned pages not yet read are
    looked for again on each call."""
    key = (sha256, " ".join(query.split()))
    with _LOCK:
        if key in _hit_pages:
            _hit_pages.move_to_end(key)
            found = _hit_pages[key]
        else:
            found = _Hits(set(), set())
            if key[1]:
                with open_pdf(path) as document:
                    for index in range(len(document)):
                        page = document[index]
                        textpage = page.get_textpage()
                        try:
                            text = _page_text(textpage)
                            if not text.strip():
                                found.unread.add(index + 1)
                            elif page_highlights(text, query):
                                found.pages.add(index + 1)
                        finally:
                            textpage.close()
                            page.close()
            _hit_pages[key] = found
            while len(_hit_pages) > _HIT_PAGES_CACHE:
                _hit_pages.popitem(last=False)
        if cache is not None:
            for number in sorted(found.unread):
                words = cached_ocr_words(cache, sha256, number)
                if words is not None:
                    found.unread.discard(number)
                    if page_highlights(ocr_text(words)[0], query):
                        found.pages.add(number)
        return sorted(found.pages)


# -- rendering -------------------------------------------------------------------------------


def cache_root(archive: Archive) -> Path:
    """Where page renders are kept: in the archive, or elsewhere when it is read-only."""
    inside = archive.home / "cache" / "pages"
    try:
        inside.mkdir(parents=True, exist_ok=True)
        if os.access(inside, os.W_OK):
            return inside
    except OSError:
        pass
    root = settings.cache_dir() or Path(tempfile.gettempdir()) / "diarium-cache"
    fallback = root / "pages"
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def cached_render(
    archive: Archive, path: Path, record: Record, number: int, scale_key: str
) -> Path:
    """The page rendered at a scale, personal data painted over, as a cached PNG file."""
    refuse(record)
    sha256 = str(record.get("sha256") or "")
    target = cache_root(archive) / sha256 / f"{number}-{scale_key}.png"
    if target.exists():
        return target
    scale = SCALES[scale_key]
    with _open_page(path, record, number, scale) as opened:
        redactions = [
            box
            for start, end in masked_runs(opened.text)
            for box in _line_boxes(
                opened.page, opened.textpage, start, end, opened.width, opened.height, opened.text
            )
        ]
        image = opened.page.render(scale=scale, may_draw_forms=True).to_pil()
    if redactions:
        from PIL import ImageDraw

        draw = ImageDraw.Draw(image)
        for box in redactions:
            draw.rectangle((box.x, box.y, box.x + box.width, box.y + box.height), fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=3)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, buffer.getvalue())
    return target


def marked_render(
    archive: Archive,
    path: Path,
    record: Record,
    number: int,
    scale_key: str,
    query: str,
) -> Path:
    """The cached render with the query's matches boxed in, cached beside it."""
    base = cached_render(archive, path, record, number, scale_key)
    normalized = " ".join(query.split())
    if not normalized:
        return base
    digest = hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]
    target = base.with_name(f"{number}-{scale_key}-{digest}.png")
    if target.exists():
        return target
    shown = view(path, record, number, normalized, SCALES[scale_key], cache_root(archive))
    if not shown.boxes:
        return base
    from PIL import Image, ImageDraw

    with Image.open(base) as opened:
        image = opened.convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for box in shown.boxes:
        edges = (box.x, box.y, box.x + box.width, box.y + box.height)
        draw.rectangle(edges, fill=(255, 200, 0, 90), outline=(204, 102, 0, 255), width=2)
    marked = Image.alpha_composite(image, overlay).convert("RGB")
    buffer = io.BytesIO()
    marked.save(buffer, "PNG", compress_level=3)
    write_atomic(target, buffer.getvalue())
    return target
