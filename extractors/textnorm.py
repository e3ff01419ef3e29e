"""Text clean-up shared by all readers: decoding, newlines, ligatures, hyphenation, pages.

Readers differ in how they get text out of a file; once they have it, the same rules make
it comparable across formats, so that a search for "nämnden" finds the PDF that printed
"näm-" at a line end as well as the text file converted from it.

>>> normalize_text("Tekniska näm-\\n\\nnden och närings- och föreningsliv\\r\\n")
'Tekniska nämnden och närings- och föreningsliv'
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable

import charset_normalizer

from extractors.base import Page

#: Presentation forms that PDF fonts use for ligatures; NFKC would fold them too, but it
#: would also rewrite characters we keep (superscripts in "m²", "½", full-width forms).
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE_TABLE = str.maketrans(LIGATURES)

SOFT_HYPHEN = "\u00ad"
#: The hyphen and the non-breaking hyphen, which web pages write in dates and case numbers
#: ("2022\u201105-18"): the same character as the ASCII hyphen for every reader of the text
#: (the dashes, which Swedish writes in ranges and as a sentence's pause, stay).
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})

#: C0 controls except tab and newline (form feed and vertical tab become newlines first).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

#: A word broken at a line end: letters, a hyphen (or soft hyphen) ending the line, at most
#: one blank line (text converted from PDF often has one), then the rest of the word.
_BROKEN_WORD = re.compile(
    # The lookbehind starts a match only where a run of letters starts (where a match
    # would start anyway); without it the engine retries inside every word: 3x slower.
    r"(?<![^\W\d_])(?P<head>[^\W\d_]+)[-\u00ad][ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<tail>[^\W\d_]+)"
)

#: A number broken after its hyphen ("2023-\n01-01", "2010-\n2015"): the hyphen is real.
_BROKEN_NUMBER = re.compile(r"(?<=\d)-[ \t]*\n[ \t]*(?=\d)")

#: Words after "närings-" that show a Swedish compound ellipsis ("närings- och
#: föreningsliv", "för- eller nackdelar"), where the hyphen is real even at a line end.
_ELLIPSIS_WORDS = frozenset({"och", "eller", "samt", "respektive", "resp", "som", "till"})

#: An asterisk that opens a line and a list item ("* Julbelysning"), not a footnote's mark
#: glued to its text ("*Avser helår").
_ASTERISK_BULLET = re.compile(r"(?m)^([ \t]*)\*(?=[ \t]+\S)")
#: Mojibake produced when UTF-8 bytes were once decoded as cp1252/latin-1: "Ã¥" for "å".
_MOJIBAKE = re.compile("Ã[\u00a5\u00a4\u00b6\u2026\u201e\u2013\u00a9\u00bc]")


def normalize_newlines(text: str) -> str:
    r"""Turn CRLF, CR, form feeds and vertical tabs into "\n"."""
    return re.sub(r"\r\n?|[\f\v\u2028\u2029\x85]", "\n", text)


def rejoin_hyphenated(text: str) -> str:
    """Re-join words hyphenated across a line break.

    Only a lowercase word piece of at least two letters, a hyphen ending the line and a
    lowercase word starting the next (non-blank) line are joined; a hyphen inside a line,
    en dashes, capitalised continuations and compound ellipses stay as they are. Numbers
    broken after a hyphen lose the line break but keep the hyphen.

    >>> rejoin_hyphenated("Tekniska näm-\\n\\nnden/Fastighets, gäller från 2023-\\n01-01")
    'Tekniska nämnden/Fastighets, gäller från 2023-01-01'
    >>> rejoin_hyphenated("närings-\\noch föreningsliv, e-\\npost, faser –\\nsedan")
    'närings-\\noch föreningsliv, e-\\npost, faser –\\nsedan'
    """

    def join(match: re.Match[str]) -> str:
        head, tail = match["head"], match["tail"]
        if (
            len(head) >= 2  # "e-post", "A-lag": one-letter prefixes are real hyphens
            and head[-1].islower()
            and tail[0].islower()
            and tail.lower() not in _ELLIPSIS_WORDS
        ):
            return head + tail
        return match[0]

    return _BROKEN_NUMBER.sub("-", _BROKEN_WORD.sub(join, text))


def normalize_text(text: str) -> str:
    """The canonical clean-up every reader applies to its text.

    Newlines to "\\n", NUL and other control characters removed, ligatures unfolded,
    NFC (PDFs often give "a" + combining ring instead of "å"), words re-joined across
    line-end hyphens (the hyphen and the non-breaking hyphen made ASCII first), soft hyphens
    dropped, trailing spaces and runs of blank lines collapsed, and the whole stripped.
    """
    text = normalize_newlines(text)
    text = _CONTROL_CHARS.sub("", text)
    if any(ligature in text for ligature in LIGATURES):  # translate() is slow on long text
        text = text.translate(_LIGATURE_TABLE)
    text = unicodedata.normalize("NFC", text)
    if "\u2010" in text or "\u2011" in text:
        text = text.translate(_HYPHENS)
    text = rejoin_hyphenated(text)
    text = text.replace(SOFT_HYPHEN, "")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    if "*" in text:
        # a web page's list written with asterisks, as the other lists' bullet
        text = _ASTERISK_BULLET.sub(r"\1•", text)
    return text.strip()


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252 ("Ã¥" → "å") when the whole text round-trips cleanly.

    >>> repair_mojibake("omrÃ¥deslyft fÃ¶r nÃ¤mnden")
    'områdeslyft för nämnden'
    """
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode file bytes to text and say which encoding was used.

    Order: a byte-order mark wins; then a `declared` charset (HTML meta) if it decodes
    strictly; then strict UTF-8; then cp1252, the encoding of Swedish Windows files (and a
    superset of latin-1 in the printable range, so å/ä/ö are the same bytes); then
    charset-normalizer's guess; latin-1 as the last resort never fails.

    >>> decode_bytes("Förslag till beslut – nämnden".encode("cp1252"))
    ('Förslag till beslut – nämnden', 'cp1252')
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding + "-bom"
    candidates: list[str] = []
    if declared:
        candidates.append(_whatwg_alias(declared))
    candidates += ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return repair_mojibake(data.decode(encoding)), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


def _whatwg_alias(charset: str) -> str:
    # Browsers read "iso-8859-1" and "us-ascii" as windows-1252 (WHATWG Encoding); pages
    # that declare latin-1 routinely contain cp1252 quotes and dashes.
    name = charset.strip().strip("\"'").lower()
    return "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else name


def join_pages(pages: Iterable[tuple[int, str]]) -> tuple[str, list[Page]]:
    """Join (page number, text) pairs with a blank line and record each page's span.

    An empty page keeps its number and an empty span, so page counts stay true.

    >>> join_pages([(1, "Datum"), (2, ""), (3, "§ 1")])
    ('Datum\\n\\n§ 1', [Page(number=1, start=0, end=5), Page(number=2, start=5, end=5), \
Page(number=3, start=7, end=10)])
    """
    parts: list[str] = []
    spans: list[Page] = []
    offset = 0
    for number, text in pages:
        if text and offset:
            parts.append("\n\n")
            offset += 2
        parts.append(text)
        spans.append(Page(number=number, start=offset, end=offset + len(text)))
        offset += len(text)
    return "".join(parts), spans
