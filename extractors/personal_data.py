"""Personal data and OSL secrecy: what a public archive must never make searchable.

Detection is rules as data (regular expressions plus validation); masking is
length-preserving, so that every extraction span and page offset computed on the masked
text is valid for the original too. The original file is never touched: `protect` returns
a masked copy of a `ParsedDocument` that is extracted, recorded, indexed and shown.

Policy (`MaskingPolicy`, env-overridable):

- personnummer and samordningsnummer are always masked (digits become ``X``);
- e-mail, phone numbers and street addresses are *work* contact data when the e-mail's
  domain is a public body's (`WORK_EMAIL_DOMAINS`, plus ``DIARIUM_WORK_EMAIL_DOMAINS``), or
  when a work cue ("Vår referens", "Handläggare", "Kontaktperson", "Växel", "Postadress",
  "Besöksadress", "Stadshuset", "Direkt") stands on the same line or the three lines
  above it within the same block (no blank line between: letterheads). Work data is kept
  (``DIARIUM_MASK_WORK_CONTACTS=1`` masks it too); everything else is a private person's and
  is masked (letters and digits become ``x``/``X``, punctuation stays);
- masks already present in sources ("(e-post borttagen)") are counted, not changed.

Secrecy: an OSL marker ("Sekretess enligt 21 kap. 7 § OSL", "Sekretessbelagd", …) in the
first `header_chars` characters flags the whole document (kept out of the index unless
``DIARIUM_INDEX_SECRET_DOCUMENTS=1``); further down it withholds its section: from the
heading that opens the section (a ``§ N`` paragraph, a Markdown heading or a numbered
heading) to the next heading, every non-space character after the heading line becomes
``█`` (spaces and line breaks stay, so words around it are not glued together).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from extractors.base import ParsedDocument

WITHHELD = "█"

#: Public bodies' e-mail domains seen in the corpus and their neighbours (subdomains count).
WORK_EMAIL_DOMAINS = (
    "kungsbacka.se",
    "malmo.se",
    "goteborg.se",
    "stockholm.se",
    "val.se",
    "skr.se",
    "lansstyrelsen.se",
    "regionhalland.se",
    "skane.se",
    "vgregion.se",
)
WORK_CUES = re.compile(
    r"vår referens|handläggare|kontaktperson|växel|postadress|besöksadress|stadshuset|"
    r"telefon\s*\(arbete\)|\bdirekt",
    re.IGNORECASE,
)

#: Dashes that people and word processors put between the date and the serial: hyphen,
#: en and em dash, Unicode hyphen, non-breaking hyphen and minus sign.
_DASHES = "–—‐‑−-"  # the ASCII hyphen last, so that it is literal in a character class
#: Spaces inside a number: ordinary, tab, no-break and narrow no-break (PDF text has them).
_SPACE = r"[ \t\u00a0\u202f]"
PERSONNUMMER = re.compile(
    rf"(?<![\w+{_DASHES}])(?P<century>19|20)?(?P<yy>\d{{2}})(?P<mm>\d{{2}})(?P<dd>\d{{2}})"
    # Every way the serial is set off: a dash or plus (with spaces around it or a line
    # break after it, as when a PDF line is broken there), a line break, one to three
    # spaces, or nothing. Masking keeps these characters, so lengths stay.
    rf"(?P<sep>{_SPACE}*(?:\r?\n{_SPACE}*)?[+{_DASHES}]{_SPACE}*(?:\r?\n{_SPACE}*)?"
    rf"|{_SPACE}*\r?\n{_SPACE}*|{_SPACE}{{1,3}}|)"
    rf"(?P<serial>\d{{3}})(?P<check>\d)(?![\w{_DASHES}])"
)
#: A digit group right before or after a number set off by spaces only makes it part of a
#: longer run of numbers (a table row, an amount), not a personnummer.
_DIGIT_BEFORE = re.compile(rf"\d[.,]?{_SPACE}*$")
_DIGIT_AFTER = re.compile(rf"{_SPACE}*[.,]?\d")
_MOBILE = r"(?:\+46[\s-]?|0)7[02369](?:[\s-]?\d){7}"
_LANDLINE = (
    r"(?:\+46[\s-]?(?:\(0\))?[\s]?|0)[1-68]\d{0,2}[\s-]\d{2,3}(?:[\s-]?\d{2,3}){1,3}"
    r"|0[1-68]\d{7,8}"
)
PHONE = re.compile(rf"(?<![\w+-])(?:{_MOBILE}|{_LANDLINE})(?![\w-])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])")
_STREET_SUFFIXES = (
    "gatan|vägen|gränd|gränden|torget|torg|stigen|allén|allé|backen|leden|platsen|gata|väg"
)
ADDRESS = re.compile(
    rf"\b[A-ZÅÄÖ][a-zåäöé]+(?:{_STREET_SUFFIXES})\s+\d+\s?[A-Za-z]?"
    r"(?:\s*,\s*|\s+)\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]+(?:\s[A-ZÅÄÖ][a-zåäö]+)?"
)
EXISTING_MASK = re.compile(
    r"\((?:e-post|adress|mobilnummer|personnummer|telefonnummer)\s+borttag(?:en|et)\)",
    re.IGNORECASE,
)
#: The law as authorities cite it: OSL, the full name, or its SFS number.
_OSL = r"(?:OSL|offentlighets-\s*och\s+sekretesslagen|(?:SFS\s*)?\(?2009:400\)?)"
#: A provision: "26 kap. 1 §", "26 kap 1§", "26 kap. 1 och 5 §§", "21 kap. 7 a §", "26:1".
_PROVISION = (
    r"(?:\d+\s*kap\.?\s*\d+\s*(?:[a-z]\s*)?(?:(?:,|och|och\s+\d+\s*[a-z]?)\s*\d*\s*[a-z]?\s*)*§*"
    r"|\d+\s*:\s*\d+\s*(?:[a-z]\b)?)"
)
#: "enligt", "enl.", "enl", "jfr", "med stöd av", "i enlighet med".
_UNDER = r"(?:enligt|enl\.?|jfr\.?|med\s+stöd\s+av|i\s+enlighet\s+med)"
SECRECY = re.compile(
    # "Sekretess enligt 21 kap. 7 § OSL", "SEKRETESS ENL. 26 KAP. 1 § OSL", "Sekretess:
    # OSL 26:1", "Sekretessbelagd enligt 26 kap 1§ offentlighets- och sekretesslagen".
    rf"(?:sekretess|sekretessbelag\w*|sekretessmarker\w*|omfattas\s+av\s+sekretess)"
    rf"\s*[:,]?\s*(?:{_UNDER}\s*)?(?:{_PROVISION}\s*{_OSL}|{_OSL}\s*{_PROVISION}"
    # The law's full name says enough; "OSL" alone ("prövas enligt OSL") needs a provision.
    r"|offentlighets-\s*och\s+sekretesslagen)|"
    r"sekretessbelag(?:d|t|da)\b|"
    r"sekretessmarker(?:ad|at|ade)\b|"
    r"publiceras\s+inte\s+i\s+sin\s+helhet|"
    r"omfattas\s+av\s+sekretess",
    re.IGNORECASE,
)
#: Every match of SECRECY begins with one of these words (its alternatives do): a text
#: without any of them has no marker, told five times faster than SECRECY can tell.
SECRECY_WORDS = re.compile(r"sekretess|omfattas|publiceras", re.IGNORECASE)
HEADING = re.compile(r"^[ \t]*(?:#{1,6}\s|§\s*\d+|\d+(?:\.\d+)*\.?\s+[A-ZÅÄÖ])", re.MULTILINE)

KINDS = ("personnummer", "samordningsnummer", "phone", "email", "address", "existing_mask")


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str
    work: bool = False  # an official's work contact (kept unless configured otherwise)


@dataclass(frozen=True)
class MaskingPolicy:
    mask_work_contacts: bool = False
    index_secret_documents: bool = False
    work_email_domains: tuple[str, ...] = WORK_EMAIL_DOMAINS
    #: A secrecy marker that starts this early flags the whole document.
    header_chars: int = 600

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> MaskingPolicy:
        """
        >>> MaskingPolicy.from_env({"DIARIUM_MASK_WORK_CONTACTS": "1"}).mask_work_contacts
        True
        >>> "ale.se" in MaskingPolicy.from_env({"DIARIUM_WORK_EMAIL_DOMAINS": "ale.se"}).work_email_domains
        True
        """
        env = os.environ if env is None else env
        extra = tuple(
            d.strip().lower()
            for d in env.get("DIARIUM_WORK_EMAIL_DOMAINS", "").split(",")
            if d.strip()
        )
        return cls(
            mask_work_contacts=_flag(env.get("DIARIUM_MASK_WORK_CONTACTS")),
            index_secret_documents=_flag(env.get("DIARIUM_INDEX_SECRET_DOCUMENTS")),
            work_email_domains=WORK_EMAIL_DOMAINS + extra,
        )


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "ja")


def luhn_valid(digits: str) -> bool:
    """The check digit of a 10-digit personnummer (weights 2,1,2,1,… from the left).

    >>> luhn_valid("8112189876")
    True
    >>> luhn_valid("8112189875")
    False
    """
    total = 0
    for position, char in enumerate(digits):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def _plausible_date(century: str | None, yy: str, mm: str, dd: str) -> bool:
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    centuries = (century,) if century else ("19", "20")
    for prefix in centuries:
        try:
            date(int(prefix + yy), int(mm), day)
        except ValueError:
            continue
        return True
    return False


def find_personnummer(text: str) -> list[Finding]:
    """Valid personnummer and samordningsnummer (Luhn check and a real date), any form.

    >>> [f.text for f in find_personnummer("pnr 811218-9876, dnr 2024-00134, 811218-9875")]
    ['811218-9876']
    >>> find_personnummer("Samordningsnummer 701063-2391")[0].kind
    'samordningsnummer'
    """
    found = []
    for match in PERSONNUMMER.finditer(text):
        if (
            not any(c in match["sep"] for c in "+" + _DASHES)
            and match["sep"]
            and (
                _DIGIT_BEFORE.search(text, max(0, match.start() - 4), match.start())
                or _DIGIT_AFTER.match(text, match.end(), match.end() + 4)
            )
        ):
            continue
        ten = match["yy"] + match["mm"] + match["dd"] + match["serial"] + match["check"]
        if not (luhn_valid(ten) and _plausible_date(match["century"], *_ymd(match))):
            continue
        kind = "samordningsnummer" if int(match["dd"]) > 60 else "personnummer"
        found.append(Finding(kind, match.start(), match.end(), match[0]))
    return found


def _ymd(match: re.Match[str]) -> tuple[str, str, str]:
    return match["yy"], match["mm"], match["dd"]


#: A letterhead line ("Vår referens", a name, a title, an address) is short; prose is not.
LETTERHEAD_LINE = 60


def _work_context(text: str, start: int, domains: tuple[str, ...], lines_before: int = 3) -> bool:
    """A work cue or a public body's e-mail on the finding's line or the `lines_before`
    lines above it (letterheads put the official's number a few lines under "Besöksadress"
    or "Vår referens", and footers put the switchboard next to info@kommun.se).

    A blank line ends the block when the finding stands in prose: a private person's
    paragraph under an official's signature is not work contact data. A finding on a short
    line looks across blank lines to short lines above it, because many documents (Malmö's
    among them) put a blank line between every line of the letterhead:

    >>> head = "Vår referens\\n\\nKarin Exempelsson\\n\\nUtredare\\n\\nkarin.e@example.se\\n"
    >>> _work_context(head, head.index("karin.e"), ())
    True
    >>> prose = "Vår referens\\n\\nSkicka synpunkter till karin.e@example.se senast i maj om ni vill."
    >>> _work_context(prose, prose.index("karin.e"), ())
    False
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    lines = [line]
    short = _words_length(line) <= LETTERHEAD_LINE
    position = line_start - 1  # the newline that ends the line above
    while len(lines) <= lines_before and position > 0:
        above_start = text.rfind("\n", 0, position) + 1
        above = text[above_start:position]
        position = above_start - 1
        if not above.strip():
            if short:
                continue  # a blank line between the short lines of a letterhead
            break
        if short and _words_length(above) > LETTERHEAD_LINE:
            break  # prose above: the letterhead ended there
        lines.append(above)
    window = "\n".join(reversed(lines))
    return WORK_CUES.search(window) is not None or any(
        _work_email(m[0], domains) for m in EMAIL.finditer(window)
    )


def _words_length(line: str) -> int:
    """A line's length without its layout: PDF text puts two letterhead columns on one line
    with a run of spaces between them."""
    return len(" ".join(line.split()))


def _work_email(address: str, domains: tuple[str, ...]) -> bool:
    domain = address.rsplit("@", 1)[-1].lower()
    return any(domain == d or domain.endswith("." + d) for d in domains)


def find_personal_data(text: str, policy: MaskingPolicy | None = None) -> list[Finding]:
    """Every finding, without overlaps: personnummer win over phone numbers and so on.

    >>> [(f.kind, f.text, f.work) for f in find_personal_data(
    ...     "Ring 070-123 45 67 eller mejla anna.svensson@gmail.com (e-post borttagen)")]
    [('phone', '070-123 45 67', False), ('email', 'anna.svensson@gmail.com', False), ('existing_mask', '(e-post borttagen)', False)]
    """
    policy = policy or MaskingPolicy()
    candidates = [*find_personnummer(text)]
    for match in EXISTING_MASK.finditer(text):
        candidates.append(Finding("existing_mask", match.start(), match.end(), match[0]))
    for match in EMAIL.finditer(text):
        domains = policy.work_email_domains
        work = _work_email(match[0], domains) or _work_context(text, match.start(), domains)
        candidates.append(Finding("email", match.start(), match.end(), match[0], work))
    for kind, pattern in (("address", ADDRESS), ("phone", PHONE)):
        for match in pattern.finditer(text):
            work = _work_context(text, match.start(), policy.work_email_domains)
            candidates.append(Finding(kind, match.start(), match.end(), match[0], work))
    taken: list[Finding] = []
    for finding in candidates:  # in priority order: the first claim on a span wins
        if all(finding.end <= t.start or finding.start >= t.end for t in taken):
            taken.append(finding)
    return sorted(taken, key=lambda f: f.start)


def mask_span(text: str) -> str:
    """Length-preserving: digits → X, letters → x, everything else stays.

    >>> mask_span("19121212-1212"), mask_span("a.b@c.se")
    ('XXXXXXXX-XXXX', 'x.x@x.xx')
    """
    return "".join("X" if c.isdigit() else "x" if c.isalpha() else c for c in text)


def mask_path(value: str) -> str:
    """A file name, path or URL with the personnummer and samordningsnummer in it masked.

    Names glue numbers to words with ``_``, letters or ``/`` ("ansokan_750713-2046.txt"),
    which text rules read as one word; here every character but digits, dashes and ``+`` is
    read as a space first (same length, so the spans are the path's own).

    >>> mask_path("drop/ansokan_811218-9876.txt"), mask_path("/arkiv/KS-2023-00249/bilaga1.pdf")
    ('drop/ansokan_XXXXXX-XXXX.txt', '/arkiv/KS-2023-00249/bilaga1.pdf')
    >>> mask_path("https://example.se/dok?pnr=198112189876&id=7")
    'https://example.se/dok?pnr=XXXXXXXXXXXX&id=7'
    """
    if not value:
        return value
    spaced = "".join(c if c.isdigit() or c in _DASHES or c == "+" else " " for c in value)
    findings = find_personnummer(spaced)
    if not findings:
        return value
    chars = list(value)
    for finding in findings:
        chars[finding.start : finding.end] = mask_span(value[finding.start : finding.end])
    return "".join(chars)


def _masked(finding: Finding, policy: MaskingPolicy) -> bool:
    if finding.kind == "existing_mask":
        return False
    if finding.kind in ("personnummer", "samordningsnummer"):
        return True
    return policy.mask_work_contacts or not finding.work


def mask_text(text: str, policy: MaskingPolicy | None = None) -> tuple[str, Counter[str]]:
    """The text with personal data masked, and how many findings of each kind were masked
    (already present masks are counted as `existing_mask`).

    >>> mask_text("Sökande 811218-9876, tel 0701234567. Dnr KS-2023-00249 2023-12-01")[0]
    'Sökande XXXXXX-XXXX, tel XXXXXXXXXX. Dnr KS-2023-00249 2023-12-01'
    """
    policy = policy or MaskingPolicy()
    chars = list(text)
    counts: Counter[str] = Counter()
    for finding in find_personal_data(text, policy):
        if finding.kind == "existing_mask":
            counts["existing_mask"] += 1
        elif _masked(finding, policy):
            chars[finding.start : finding.end] = mask_span(finding.text)
            counts[finding.kind] += 1
    return "".join(chars), counts


def find_secrecy(text: str) -> list[tuple[int, int, str]]:
    """OSL secrecy markers as (start, end, text).

    >>> find_secrecy("Sekretess enligt 21 kap. 7 § OSL")[0][2]
    'Sekretess enligt 21 kap. 7 § OSL'
    >>> find_secrecy("Offentlighets- och sekretesslag SFS 2009:400")
    []
    """
    if SECRECY_WORDS.search(text) is None:
        return []
    return [(m.start(), m.end(), m[0]) for m in SECRECY.finditer(text)]


def section_bounds(text: str, offset: int) -> tuple[int, int]:
    """The section around `offset`: from the start of the heading that opens it to the next
    heading (or the end), as (start of the body after the heading line, end).

    >>> text = "§ 1 Öppet\\nText.\\n§ 2 Ärende\\nHemligt.\\n§ 3 Nästa\\n"
    >>> start, end = section_bounds(text, text.index("Hemligt"))
    >>> text[start:end]
    'Hemligt.\\n'
    """
    heading_start = 0
    next_heading = len(text)
    for match in HEADING.finditer(text):
        if match.start() <= offset:
            heading_start = match.start()
        else:
            next_heading = match.start()
            break
    line_end = text.find("\n", heading_start)
    body_start = line_end + 1 if line_end != -1 and line_end < offset else heading_start
    if heading_start == 0 and not HEADING.match(text):
        # No heading before the marker: withhold from the marker's paragraph on.
        paragraph = text.rfind("\n\n", 0, offset)
        body_start = paragraph + 2 if paragraph != -1 else 0
    return body_start, next_heading


def withhold(text: str, start: int, end: int) -> str:
    """Every non-space character in [start, end) becomes █ (length-preserving).

    >>> withhold("a bc\\nd", 0, 6)
    '█ ██\\n█'
    """
    hidden = "".join(c if c.isspace() else WITHHELD for c in text[start:end])
    return text[:start] + hidden + text[end:]


@dataclass
class Protection:
    """What `protect` did to one document, for its record."""

    counts: dict[str, int] = field(default_factory=dict)
    #: None, or {"document": bool, "markers": [...], "sections": [[start, end], …]}.
    secrecy: dict[str, Any] | None = None

    @property
    def secret_document(self) -> bool:
        return bool(self.secrecy and self.secrecy["document"])


def apply_secrecy(text: str, policy: MaskingPolicy) -> tuple[str, dict[str, Any] | None]:
    markers = find_secrecy(text)
    if not markers:
        return text, None
    document = any(start < policy.header_chars for start, _, _ in markers)
    sections: list[list[int]] = []
    if not document:
        for start, _, _ in markers:
            body_start, body_end = section_bounds(text, start)
            sections.append([body_start, body_end])
            text = withhold(text, body_start, body_end)
    secrecy = {
        "document": document,
        "markers": [marker for _, _, marker in markers],
        "sections": sections,
    }
    return text, secrecy


def protect(
    parsed: ParsedDocument, policy: MaskingPolicy | None = None
) -> tuple[ParsedDocument, Protection]:
    """A copy of `parsed` with personal data masked and secret sections withheld: text,
    title hint, reader metadata, running headers/footers and PDF table cells. Pages keep
    their offsets because every replacement has the length of what it replaces."""
    policy = policy or MaskingPolicy()
    text, secrecy = apply_secrecy(parsed.text, policy)
    text, counts = mask_text(text, policy)

    def clean(value: str) -> str:
        masked, more = mask_text(value, policy)
        counts.update({k: v for k, v in more.items() if k != "existing_mask"})
        return masked

    # A PDF table on a page that a withheld section touches is withheld whole: tables carry
    # a page, not a text offset.
    secret_pages = {
        page.number
        for start, end in (secrecy or {}).get("sections", [])
        for page in parsed.pages
        if page.start < end and start < page.end
    }

    def cell(value: str | None, page: int) -> str | None:
        if not value:
            return value
        return withhold(value, 0, len(value)) if page in secret_pages else clean(value)

    tables = [
        replace(t, rows=[[cell(c, t.page) for c in row] for row in t.rows]) for t in parsed.tables
    ]
    protected = replace(
        parsed,
        text=text,
        title_hint=clean(parsed.title_hint) if parsed.title_hint else parsed.title_hint,
        metadata={k: clean(v) if isinstance(v, str) else v for k, v in parsed.metadata.items()},
        tables=tables,
        furniture=[replace(f, text=clean(f.text)) for f in parsed.furniture],
    )
    assert len(protected.text) == len(parsed.text)
    if secrecy and secrecy["sections"]:
        counts["secret_section"] = len(secrecy["sections"])
    return protected, Protection(dict(sorted(counts.items())), secrecy)


def withheld_from_index(record: Mapping[str, Any], policy: MaskingPolicy) -> bool:
    """A document flagged secret under OSL as a whole stays out of the index (and off the
    web page) unless the policy says otherwise.

    >>> withheld_from_index({"secrecy": {"document": True}}, MaskingPolicy())
    True
    >>> withheld_from_index({"secrecy": None}, MaskingPolicy())
    False
    """
    secrecy = record.get("secrecy") or {}
    return bool(secrecy.get("document")) and not policy.index_secret_documents
