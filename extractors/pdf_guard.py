"""Limits checked on a PDF's raw bytes before any PDF engine parses it.

pdfium and pdfminer inflate a compressed content stream whole when a page is read, so a
"decompression bomb" (a megabyte of deflated zeros declared as a page's content) costs
gigabytes of memory before either engine returns. Cut-off downloads, on the other hand,
are repaired by pdfium silently, so a truncated file would be archived as a shorter
document. Both are caught here on the bytes: each stream's filter chain is inflated with
a cap (only streams that could exceed it are inflated at all, so ordinary files cost a
regular-expression scan). Images are checked page by page before a page is rendered for
OCR (see `extractors.pdf`), since text extraction never decodes them.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from extractors.base import CorruptDocument, DocumentTooLarge

#: zlib's best case is about 1032:1; a stream shorter than cap/1032 cannot exceed the cap.
_DEFLATE_MAX_RATIO = 1032
_CHUNK = 1 << 20

_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_FLATE = {b"FlateDecode", b"Fl"}


@dataclass(frozen=True)
class PdfLimits:
    """Bounds on one PDF's cost; every refusal names the limit it hit."""

    max_pages: int = 2000
    #: Largest inflated size of any one stream (content, font, image).
    max_stream_bytes: int = 256 * 1024 * 1024
    #: Largest embedded image that may be decoded (for OCR) in pixels.
    max_image_pixels: int = 150_000_000
    #: Wall-clock budget for one document, checked between pages.
    max_seconds: float = 300.0
    #: Scanned pages OCR'd per document at most; more and the document needs OCR offline.
    max_ocr_pages: int = 100


def check_pdf_bytes(data: bytes, limits: PdfLimits) -> None:
    """Refuse truncated files and decompression bombs before a PDF engine sees them.

    Raises `CorruptDocument` (no %%EOF at the end) or `DocumentTooLarge` (a stream that
    inflates beyond `limits.max_stream_bytes`).
    """
    if b"%%EOF" not in data[-2048:]:
        raise CorruptDocument(
            "truncated or corrupt PDF: the file does not end with %%EOF (cut off in transfer?)"
        )
    potential_floor = limits.max_stream_bytes // _DEFLATE_MAX_RATIO
    for match in _STREAM_START.finditer(data):
        start = match.end()
        header = _stream_dictionary(data, match.start())
        filters = _filters(header)
        if not filters or filters[0] not in _FLATE:
            continue
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        flate_stages = _leading_flate(filters)
        if flate_stages == 1 and end - start <= potential_floor:
            continue  # cannot inflate beyond the cap: skip the work
        inflated = _inflated_size(data, start, end, flate_stages, limits.max_stream_bytes)
        if inflated > limits.max_stream_bytes:
            raise DocumentTooLarge(
                f"decompression bomb: a stream of {end - start:,} bytes at offset {start:,} "
                f"inflates to more than {limits.max_stream_bytes // (1024 * 1024)} MB"
            )


def _stream_dictionary(data: bytes, stream_keyword: int) -> bytes:
    """The object header before a `stream` keyword (from its `obj`, at most 4 KB back)."""
    window_start = max(0, stream_keyword - 4096)
    obj = data.rfind(b"obj", window_start, stream_keyword)
    return data[obj if obj >= 0 else window_start : stream_keyword]


def _filters(header: bytes) -> list[bytes]:
    match = _FILTER.search(header)
    if match is None:
        return []
    return _NAME.findall(match.group(1))


def _leading_flate(filters: list[bytes]) -> int:
    count = 0
    for name in filters:
        if name not in _FLATE:
            break
        count += 1
    return count


def _inflated_size(data: bytes, start: int, end: int, stages: int, cap: int) -> int:
    """Size after `stages` chained inflations, counting no further than just past `cap`.

    Memory stays at a few chunks whatever the ratio: each stage is fed and drained in
    `_CHUNK` pieces and the output is counted, not kept.
    """
    inflaters = [zlib.decompressobj() for _ in range(stages)]
    total = 0
    view = memoryview(data)[start:end]
    try:
        for offset in range(0, len(view), _CHUNK):
            total += _feed(inflaters, 0, bytes(view[offset : offset + _CHUNK]), cap - total)
            if total > cap:
                return total
    except zlib.error:
        return total  # broken or encrypted data: the engine will report it if it matters
    return total


def _feed(inflaters: list[zlib._Decompress], stage: int, chunk: bytes, room: int) -> int:
    """Push `chunk` through stages `stage..`; return bytes out of the last, at most room+1."""
    inflater = inflaters[stage]
    produced = 0
    while chunk:
        out = inflater.decompress(chunk, _CHUNK)
        chunk = inflater.unconsumed_tail
        if stage + 1 < len(inflaters):
            produced += _feed(inflaters, stage + 1, out, room - produced)
        else:
            produced += len(out)
        if produced > room or inflater.eof:
            break
    return produced
