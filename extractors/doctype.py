"""Document type from structure and wording, and the line view of a text the rules work on.

The rules are data (`HEADING_TYPES`, `PROTOKOLL_MARKERS`, ...) applied in a fixed order by
`classify`; each returns the rule name that fired, so a wrong type can be traced.

>>> classify(lines_of("Datum\\n\\n2023-12-01\\n\\nTjänsteskrivelse\\n\\nRemiss - X, STK-2023-137"))[:2]
('tjänsteskrivelse', 'heading')
>>> classify(lines_of("KUNGSBACKA KOMMUN   SAMMANTRÄDESPROTOKOLL\\nValnämnd\\n§ 27  Dnr VN-2024-6\\n§ 28"))[:2]
('protokoll', 'protokoll_header')
>>> classify(lines_of("Titel\\n\\nBild_Rosengard_Fotograf\\n\\nLöptext om området."))[:2]
('webbsida', 'web_slug')
"""

from __future__ import annotations

import re
from typing import NamedTuple

from extractors.header_rules import BULLET, MEETING_PAGE_SKIP_LINK, MINUTES_COVER_CUES

_PAGE_MARKER = re.compile(r"<!--.*?-->")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-•]\s+)|\*+|<br\s*/?>")


class Line(NamedTuple):
    """One line of a text. A named tuple: the line view builds one per line of every text, and
    a frozen dataclass's __init__ cost more than cleaning the line."""

    start: int
    end: int
    raw: str
    clean: str  # without Markdown markup and page markers, whitespace collapsed


def _needs_cleaning(raw: str) -> bool:
    r"""Whether `raw` holds markup: "<" or "*" anywhere, or a line opening with "#" or a bullet
    ("- ", "• "). String tests, not a regex search: this runs on every line of every text,
    and a search of `[<*]|^\s*(?:#|[-•]\s)` tries both alternatives at every character."""
    if "<" in raw or "*" in raw:
        return True
    head = raw.lstrip()  # str.isspace is what \s matches
    return head.startswith("#") or (head[:1] in ("-", "•") and head[1:2].isspace())


def clean_line(raw: str) -> str:
    """``"### **Ärendet**"`` -> ``"Ärendet"``."""
    if not _needs_cleaning(raw):
        return " ".join(raw.split())  # most lines carry no markup: the fast path
    text = _PAGE_MARKER.sub("", raw)
    text = _MARKUP.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def lines_of(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        out.append(Line(pos, end, raw, clean_line(raw)))
        pos = end + 1
    return out


def nonblank(lines: list[Line], limit: int | None = None) -> list[tuple[int, Line]]:
    """(index, line) of the non-blank lines, the first `limit` of them."""
    out = []
    for i, line in enumerate(lines):
        if line.clean:
            out.append((i, line))
            if limit is not None and len(out) >= limit:
                break
    return out


#: A heading line near the top that names the document's type (the whole line, any case).
HEADING_TYPES: dict[str, str] = {
    "tjänsteskrivelse": "tjänsteskrivelse",
    "tjänsteutlåtande": "tjänsteskrivelse",
    "yttrande": "yttrande",
    "remissvar": "yttrande",
    "remissyttrande": "yttrande",
    "remiss": "remiss",
    "motion": "motion",
    "skrivelse": "skrivelse",
    "beslut": "beslut",
    "delegationsbeslut": "delegationsbeslut",
    "delegeringsbeslut": "delegationsbeslut",
    "beslut enligt delegation": "delegationsbeslut",
    "kungörelse": "kallelse",
    "protokollsutdrag": "protokollsutdrag",
    "utdrag ur protokoll": "protokollsutdrag",
    "utdrag ur sammanträdesprotokoll": "protokollsutdrag",
    "kallelse": "kallelse",
    "kallelse/underrättelse": "kallelse",
    "föredragningslista": "föredragningslista",
    "dagordning": "föredragningslista",
    "årsredovisning": "årsredovisning",
    "verksamhetsberättelse": "årsredovisning",
    "delårsrapport": "delårsrapport",
}
#: Lines that begin a document's title with its type ("Motion om ...", "Yttrande över ...").
HEADING_PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)^motion (?:om|angående|gällande|till)\b"), "motion"),
    (re.compile(r"(?i)^(?:yttrande|remissvar) över\b"), "yttrande"),
    (re.compile(r"(?i)^protokollsutdrag\b"), "protokollsutdrag"),
    (re.compile(r"(?i)^utdrag ur (?:sammanträdes)?protokoll"), "protokollsutdrag"),
)
#: Words in the first lines of minutes.
PROTOKOLL_MARKERS = re.compile(
    r"(?i)\b(?:sammanträdesprotokoll|sammanträdesanteckningar|justerat protokoll)\b|^protokoll$"
    r"|\bkommun\s+protokoll\b|^protokoll\s+\d+\s*\("
)
#: Upper-case headings that open one document inside a bundle of handlingar.
BUNDLE_HEADINGS = re.compile(
    r"^(?:TJÄNSTESKRIVELSE|YTTRANDE|REMISS|PROTOKOLLSUTDRAG|MOTION|BESLUT|SKRIVELSE)\b"
)
#: Wording of annual-report prose ("Under 2017 ...", "under året", "Årets resultat").
REPORT_MARKERS = re.compile(
    r"(?i)\bunder året\b|\bårets resultat\b|\bverksamhetsåret\b|\bunder (?:19|20)\d{2}\b"
)
REPORT_STRONG = re.compile(r"(?i)\bunder året\b|\bårets resultat\b|\bverksamhetsåret\b")
#: Labels of a letter-head block: a document that has them is not a bare web page.
HEADER_LABELS = frozenset(
    {"datum", "diarienummer", "dnr", "vår referens", "till", "upprättad", "vår beteckning"}
)
#: A filename or URL slug left from an image caption or link: one token with _ or no vowels-
#: space structure, e.g. "Bokaler_Rosengård_JohanWessman", "kommunovergrip".
_SLUG = re.compile(r"^[\w.-]*_[\w.-]*$|^[a-z0-9-]{6,}$")
#: "§ 93", also with the body's abbreviation before it ("KS § 1").
_PARAGRAPH = re.compile(r"^\s*(?:[A-ZÅÄÖ]{1,6}\s+)?§\s*(\d+)\b")
#: A page's first line that is a paragraph number alone, as a list item: "• § 130".
_BULLETED_PARAGRAPH = re.compile(r"^\s*[•·-]\s*§\s*\d+\s*$")
#: A meeting platform's skip link as a page's first line ("Hoppa över navigering").
SKIP_LINK = re.compile(MEETING_PAGE_SKIP_LINK)
#: A § heading, also as a list item: "§ 91", "• § 91".
_LISTED_PARAGRAPH = re.compile(r"^[\W_]*§\s*(\d+)\b")
#: The rest of a cover's range of paragraphs: "§ 54–75" (the minutes of a whole meeting).
_PARAGRAPH_RANGE_END = re.compile(r"\s*[-–]\s*§?\s*(\d+)\s*$")
#: A type word before a page number: "beslut 1(2)", "tjänsteskrivelse sida 1 (3)", also after
#: the page's own number in PDF-to-text ("1 FÖREDRAGNINGSLISTA 1 (13)").
_PAGED_TYPE = re.compile(
    r"^(?:\d{1,3}\s+)?([a-zåäö/]+(?: ur protokoll)?)\s+(?:sida\s+)?\d+\s*\(\d+\)"
)
_TOC_LEADER = re.compile(r"\.{5,}")
#: A list item's bullet ("• ", "· ", "- ", "* ").
_BULLET = re.compile(rf"\s*{BULLET}\s")


def paragraph_numbers(lines: list[Line]) -> list[int]:
    """Numbers of the § headings of a protokoll, table-of-contents entries excluded."""
    numbers = []
    for i, line in enumerate(lines):
        match = _PARAGRAPH.match(line.raw)
        if match and not is_toc_entry(lines, i):
            numbers.append(int(match.group(1)))
            last = _PARAGRAPH_RANGE_END.match(line.raw, match.end())
            if last is not None:
                numbers.append(int(last.group(1)))
    return numbers


def first_paragraph_number(lines: list[Line]) -> int | None:
    """The number of the first § heading, also one written as a list item ("• § 91")."""
    for line in lines:
        heading = _LISTED_PARAGRAPH.match(line.clean)
        if heading is not None:
            return int(heading.group(1))
    return None


def is_toc_entry(lines: list[Line], index: int) -> bool:
    """A "§ 93 Dnr ..." line of an Innehåll list: a dotted leader follows within 3 lines."""
    return any(_TOC_LEADER.search(line.raw) for line in lines[index : index + 4])


_MINUTES_COVER = re.compile(MINUTES_COVER_CUES)


def _minutes_cover(lines: list[Line]) -> bool:
    """Whether the lines before the first § heading are a cover of a whole meeting's minutes."""
    for line in lines:
        if _PARAGRAPH.match(line.raw):
            return False
        if _MINUTES_COVER.search(line.clean):
            return True
    return False


def _bundle_headings(lines: list[Line]) -> list[int]:
    """Indexes of the lines that open one document of a bundle. A long heading written twice
    is one document whose title a document site printed above it ("YTTRANDE ÖVER REGIONAL
    UTVECKLINGSPLAN ..." as the page's title and again under the letterhead); a bundle's
    short type words ("TJÄNSTESKRIVELSE") repeat for each of its documents."""
    out: list[int] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if not BUNDLE_HEADINGS.match(line.clean):
            continue
        if len(line.clean.split()) > 2:
            if line.clean in seen:
                continue
            seen.add(line.clean)
        out.append(i)
    return out


def _column_headings(head: list[tuple[int, Line]], k: int) -> bool:
    """Whether the type word on line `k` of `head` stands next to another type's word alone
    on its line: a table's column headings ("Motion" / "Beslut"), not a document's title."""
    own = HEADING_TYPES.get(head[k][1].clean.lower().rstrip(":"))
    for j in (k - 1, k + 1):
        if 0 <= j < len(head):
            other = HEADING_TYPES.get(head[j][1].clean.lower().rstrip(":"))
            if other is not None and other != own and {own, other} != _NOTICE_PAIR:
                return True
    # A row of headings, one per line: "Nummer / Datum / Förslagsställare / Motion till
    # kommunfullmäktige / Beslut" (short lines without digits or a full stop, the type word's
    # among them).
    # Not a letterhead in capitals ("KALLELSE/UNDERRÄTTELSE / Valnämnd / TJÄNSTESKRIVELSE").
    if head[k][1].clean.isupper():
        return False
    row = 1
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(head) and _heading_cell(head[j][1].clean):
            row += 1
            j += step
    return row >= _HEADING_ROW


def _heading_cell(clean: str) -> bool:
    return _HEADING_CELL.fullmatch(clean) is not None and not clean.isupper()


#: A table's column heading on a line of its own: at most four words, no digit, no full stop.
_HEADING_CELL = re.compile(r"[A-ZÅÄÖ](?:[^\W\d]|-)*(?: (?:[^\W\d]|-)+){0,3}:?")
_HEADING_ROW = 4

#: "Kallelse" over "Föredragningslista": one notice's two names, not two columns.
_NOTICE_PAIR = {"kallelse", "föredragningslista"}


def classify(
    lines: list[Line], fmt: str = "text", has_case_numbers: bool = False
) -> tuple[str, str, int | None]:
    """(doc_type, rule, index of the line that decided or None)."""
    head = nonblank(lines, 25)
    doc_type: str | None
    for i, line in head:
        for pattern, doc_type in HEADING_PREFIXES:
            if doc_type == "protokollsutdrag" and pattern.search(line.clean):
                return doc_type, "utdrag_heading", i
    for i, line in head[:12]:
        if PROTOKOLL_MARKERS.search(line.clean):
            numbers = set(paragraph_numbers(lines))
            # A protokoll of a single § other than § 1 is an extract of a longer meeting,
            # unless a cover of the whole meeting's minutes comes before it.
            if len(numbers) == 1 and numbers != {1} and not _minutes_cover(lines):
                return "protokollsutdrag", "protokoll_single_paragraph", i
            return "protokoll", "protokoll_header", i
    bundle = _bundle_headings(lines)
    # A § heading in the head before any type word: a paragraph of minutes (its title may read
    # "Motion om ..." or "Yttrande över ..."), an extract when it is the only one.
    paragraph_line = next(
        (i for i, line in head[:15] if _PARAGRAPH.match(line.raw) and not is_toc_entry(lines, i)),
        None,
    )
    # (after the platform's skip link, "Hoppa över navigering", where the page kept it)
    first = 1 if head and SKIP_LINK.match(head[0][1].clean) else 0
    if (
        paragraph_line is None
        and len(head) > first
        and _BULLETED_PARAGRAPH.match(head[first][1].raw)
    ):
        # A meeting platform's minutes page opens with its first paragraph as a list item
        # ("• § 130" / "Justering"); further down, bulleted "• §54 KSAU" lines are references.
        paragraph_line = head[first][0]
    for k, (i, line) in enumerate(head[:15]):
        if paragraph_line is not None and i > paragraph_line:
            break
        key = line.clean.lower().rstrip(":")
        doc_type = HEADING_TYPES.get(key)
        if doc_type is None and "(" in key:
            # A flattened page opens with its type word and page number: "BESLUT 1(2) Datum".
            paged = _PAGED_TYPE.match(key)
            doc_type = HEADING_TYPES.get(paged.group(1)) if paged else None
        if doc_type is None and not _BULLET.match(line.raw):
            # (not a list item's title: "• Motion om ..." on a notice's list of items)
            for pattern, prefixed in HEADING_PREFIXES:
                if pattern.search(line.clean):
                    doc_type = prefixed
                    break
        if doc_type is None:
            continue
        if _column_headings(head, k):
            continue  # "Nummer / Datum / Motion / Beslut" over a table's rows: no title
        if doc_type == "kallelse":
            later = [b for b in bundle if b > i]
            return (
                ("handlingar", "kallelse_with_documents", i) if later else (doc_type, "heading", i)
            )
        if len(bundle) >= 2:
            return "handlingar", "bundle", i
        return doc_type, "heading", i
    if paragraph_line is not None:
        numbers = set(paragraph_numbers(lines))
        if len(numbers) == 1 and not _minutes_cover(lines):
            return "protokollsutdrag", "paragraph_single", paragraph_line
        return "protokoll", "paragraph_head", paragraph_line
    if len(bundle) >= 2:
        return "handlingar", "bundle", bundle[0]
    text_sample = "\n".join(line.clean for _, line in nonblank(lines, 60))
    markers = REPORT_MARKERS.findall(text_sample)
    if len(markers) >= 2 and REPORT_STRONG.search(text_sample):
        return "årsredovisning", "report_prose", None
    if fmt == "html":
        return "webbsida", "html", None
    labels = {line.clean.lower().rstrip(":") for _, line in head}
    if not has_case_numbers and not labels & HEADER_LABELS and len(head) >= 3:
        second = head[1][1].clean
        if _SLUG.match(second) and len(head[0][1].clean) < 150:
            return "webbsida", "web_slug", None
    return "okänd", "none", None
