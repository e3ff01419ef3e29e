"""The head of a document: what it is, who issued it, and when the meeting was.

Any Swedish municipality's documents open the same way, whatever their layout: a type word
("Sammanträdesprotokoll", "Kallelse", "Beslut i korthet"), the body ("Kommunstyrelsen"), and
dates with labels that say which is which ("Sammanträdesdatum 2018-10-02", "Justeringens plats
och tid ... 2018-10-04", "Publicerad: 17 sep 2019"). PDF-to-text often flattens that block into
one line, so the rules read the head as running text with cues and labels, not as fixed lines.
Rule data: `extractors.header_rules`.

>>> head_type("BURLÖVS KOMMUN SAMMANTRÄDESPROTOKOLL Kommunstyrelsen Sammanträdesdatum 2015-06-01")
('protokoll', 'cue:sammanträdesprotokoll', 15)
>>> meeting_date("PROTOKOLL Kommunstyrelsen Sammanträdesdatum: 2018-10-02 Justeras 2018-10-04")[0]
'2018-10-02'
>>> meeting_date("Justeringens plats och tid Hörby, torsdagen den 19 december 2019. Protokollet "
...              "är justerat. Hörbysalen Måndagen den 16 december 2019 kl. 18:00")[0]
'2019-12-16'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from extractors import committees
from extractors.dates import NOT_A_SITES_YEAR, RawDate, find_raw_dates

__all__ = [
    "MEETING_TYPES",
    "after_meeting_word",
    "document_date",
    "head_type",
    "issuing_body",
    "meeting_date",
    "paragraph_field",
    "strong_protokoll_cues",
]

from extractors.header_rules import (
    BARE_PROTOKOLL_CUE,
    BODY_LABEL_IN_PROSE,
    DOCUMENT_DATE_LABELS,
    HEAD_CHARS,
    ITEM_TYPES,
    LIST_ITEM,
    MEETING_BODY_LETTERS,
    MEETING_DATE_LABELS,
    MEETING_TYPES,
    NOT_MEETING_DATE_LABELS,
    NOT_PLACE_ENDINGS,
    NOT_PLACES,
    PARAGRAPH_FIELD,
    PARAGRAPH_FIELD_BEFORE,
    PARAGRAPH_ITEM,
    PARAGRAPH_RUN,
    PARAGRAPH_SERIES_FROM,
    PLACE_BEFORE_DATE,
    PRIORITY_CHARS,
    ROLE_BEFORE_BODY,
    STRONG_PROTOKOLL_CUES,
    TYPE_CUES,
)

_CUES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (doc_type, cue, re.compile(r"(?im)" + cue))
    for doc_type, cues in TYPE_CUES.items()
    for cue in cues
)


_LIST_ITEM = re.compile(LIST_ITEM)
#: A body's abbreviation as a meeting label (`MEETING_DATE_LABELS`): only right before its date.
_BODY_LETTERS = re.compile(rf"(?:{MEETING_BODY_LETTERS})\b")
_MEETING_WORDS = re.compile(r"(?i)(?<![\w])(?:" + "|".join(MEETING_DATE_LABELS) + r")(?![\w])")
_NOT_MEETING_WORDS = re.compile(
    r"(?i)(?<![\w])(?:" + "|".join(NOT_MEETING_DATE_LABELS) + r")(?![\w])"
)
_DOCUMENT_LABEL = re.compile(
    r"(?i)(?<![\w])(?:" + "|".join(DOCUMENT_DATE_LABELS) + r")\b[\s:.,•|–-]{0,10}(?:den\s+)?$"
)
#: A weekday before a date: "Måndagen den 16 december 2019", "Tisdag 24 februari".
_WEEKDAY = re.compile(r"(?i)(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+(?:den\s+)?$")


@lru_cache(maxsize=64)
def _cue_hits(head: str) -> tuple[tuple[int, int, str, str], ...]:
    """Every type cue of a head, earliest first; at one position the longer cue first
    ("Kungörelse om samråd" is a remiss, "Kungörelse" alone a kallelse). Cached: one
    extraction asks for the cues of its head up to three times."""
    hits = []
    for doc_type, cue, pattern in _CUES:
        for match in pattern.finditer(head):
            if doc_type in ITEM_TYPES and _LIST_ITEM.match(
                head, head.rfind("\n", 0, match.start()) + 1
            ):
                continue  # "• Årsredovisning 2018 för …", "14. Delårsrapport": an agenda's item
            if cue == BARE_PROTOKOLL_CUE and _in_prose(head, match.start()):
                continue  # "Läs protokoll och kallelser eller kontakta ledamöter."
            hits.append((match.start(), -len(match.group(0)), doc_type, cue))
            break
    return tuple(sorted(hits))


#: A sentence of a page's prose, not a heading or a flattened cover: enough words and a full stop.
_PROSE_WORDS = 10


def _in_prose(text: str, pos: int) -> bool:
    """Whether the lower-case word at `pos` stands in a line of prose: a sentence of
    `_PROSE_WORDS` words or more that ends with its full stop (not the document speaking of
    itself: "bilaga 27 till detta protokoll")."""
    if not text[pos].islower() or text.endswith(("detta ", "dagens "), 0, pos):
        return False
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    return line.endswith((".", "!", "?")) and len(line.split()) >= _PROSE_WORDS


def head_type(text: str, among: frozenset[str] | None = None) -> tuple[str, str, int] | None:
    """(document type, rule, offset of the cue) from the cue words of the head, or None.

    The earliest cue wins, unless a cue of a type in `PRIORITY_CHARS` stands within its
    distance of the start (a news page of decisions links to the protokoll first). With
    `among`, only cues of those types count.
    """
    hits = [h for h in _cue_hits(text[:HEAD_CHARS]) if among is None or h[2] in among]
    if not hits:
        return None
    for pos, _, doc_type, cue in hits:
        if pos < PRIORITY_CHARS.get(doc_type, -1):
            return doc_type, f"cue:{cue}", pos
    pos, _, doc_type, cue = hits[0]
    return doc_type, f"cue:{cue}", pos


_PARAGRAPH_FIELD = re.compile(PARAGRAPH_FIELD)
_DASHLESS_END = re.compile(r"[^\S\n]+(\d{1,4})(?![\d:.,])")
_PARAGRAPH_FIELD_BEFORE = re.compile(PARAGRAPH_FIELD_BEFORE)


def paragraph_field(text: str) -> str | None:
    """What a protokoll's "Paragrafer" field (or "§§" line) in the head says it holds:
    "range" (the minutes of a whole meeting), "single" (an extract of one §), or None.

    >>> paragraph_field("Plats och tid Stadshuset Paragrafer 146 – 172 Beslutande")
    'range'
    >>> paragraph_field("Rådslaget, Rådhuset, Alingsås Paragrafer 867\\nkl. 14:00-16:45")
    'single'
    >>> paragraph_field("Justerande Eva Ek Paragrafer 1 31 Sekreterare")
    'range'
    >>> paragraph_field("Protokoll § 12 Val av justerare") is None
    True
    """
    match = _PARAGRAPH_FIELD.search(text[: HEAD_CHARS * 2])
    if match is None:
        return "single" if _PARAGRAPH_FIELD_BEFORE.search(text[: HEAD_CHARS * 2]) else None
    if match.group("range"):
        return "range"
    if match.group("more"):
        return None
    last = _DASHLESS_END.match(text, match.end())
    if last is not None and int(last.group(1)) > int(match.group("first")):
        return "range"  # "Paragrafer 1 31": a range whose dash the PDF-to-text step lost
    pages = _FIRST_PAGE_OF.search(text, 0, HEAD_CHARS * 2)
    if pages is not None and int(pages.group(1)) >= _EXTRACT_PAGES_AT_MOST:
        # "Paragrafer: 210" on page "1 (45)": a flattened cover lost the range's end; no
        # extract of one § runs to 45 pages.
        return None
    return "single"


#: The first page's number over the page count: "1 (45)", "Sida 1 (45)", "1(12)".
_FIRST_PAGE_OF = re.compile(r"(?<![\d§])1 ?\((\d{1,3})\)")
#: More pages than an extract of one § has.
_EXTRACT_PAGES_AT_MOST = 10


def strong_protokoll_cues(text: str) -> int:
    """How many different signs of minutes the head shows (attendance, justering, the cover's
    fields; `STRONG_PROTOKOLL_CUES`)."""
    return sum(
        doc_type == "protokoll" and cue in STRONG_PROTOKOLL_CUES
        for _, _, doc_type, cue in _cue_hits(text[:HEAD_CHARS])
    )


_PARAGRAPH_ITEM = re.compile(PARAGRAPH_ITEM)


def numbered_as_paragraphs(text: str) -> bool:
    """Whether the head lists its items numbered as minutes number their paragraphs: a run
    of `PARAGRAPH_RUN` numbers in a row from `PARAGRAPH_SERIES_FROM` up, where an agenda
    numbers its items from 1 (Laholm's minutes open "Ärendelista 93 Dnr Information 94 Dnr
    Riktlinjer för markanvisning 95 Dnr ...").

    >>> numbered_as_paragraphs("Ärendelista 93 Dnr Information 94 Dnr Riktlinjer 95 Dnr Utökning")
    True
    >>> numbered_as_paragraphs("Dagordning 1 Upprop 2 Val av justerare 3 Anmälan 4 Motion")
    False
    """
    numbers = [int(m.group(1)) for m in _PARAGRAPH_ITEM.finditer(text[:HEAD_CHARS])]
    for i, first in enumerate(numbers):
        if first < PARAGRAPH_SERIES_FROM or first >= 1900:
            continue
        last, run = first, 1
        for number in numbers[i + 1 :]:
            if number == last + 1:
                last, run = number, run + 1
        if run >= PARAGRAPH_RUN:
            return True
    return False


def _complete_dates(text: str, limit: int) -> list[RawDate]:
    return [
        r
        for r in find_raw_dates(text[:limit])
        if r.year is not None and r.kind == "date" and r.rule in ("iso", "day_month")
    ]


def _iso(raw: RawDate) -> str:
    return f"{raw.year:04d}-{raw.month:02d}-{raw.day:02d}"


def _nearest_label(text: str, start: int) -> tuple[str, int] | None:
    """("meeting" | "other", distance) of the label that ends nearest before `start` (the
    longer label where two end together: "Justeringens plats och tid" is not "Plats och
    tid"), looking back 90 characters and not across a sentence end."""
    window_start = max(0, start - 90)
    window = text[window_start:start]
    # A sentence end ("... genom anslag. Hörbysalen Måndagen den 16 december") cuts the view.
    cut = max(window.rfind(". "), window.rfind("\n\n"))
    if cut >= 0 and re.search(r"[.]\s+[A-ZÅÄÖ]|\n\n", window[cut:]):
        window = window[cut + 1 :]
        window_start += cut + 1
    best: tuple[int, int, str] | None = None  # (end, -start, kind)
    for kind, pattern in (("other", _NOT_MEETING_WORDS), ("meeting", _MEETING_WORDS)):
        for match in pattern.finditer(window):
            if (
                kind == "meeting"
                and (_BODY_WORD.search(match.group(0)) or _BODY_LETTERS.match(match.group(0)))
                and (
                    len(window) - match.end() > 6
                    or _BODY_IN_PROSE.search(
                        text,
                        max(0, window_start + match.start() - 12),
                        window_start + match.start(),
                    )
                )
            ):
                # A body's name dates a meeting right before the date ("Regionstyrelsen 16 mars
                # 2021"), not across a clause, nor when prose names it ("antogs av
                # kommunstyrelsen den 2 september 2024").
                continue
            key = (match.end(), -match.start(), kind)
            if best is None or key[:2] > best[:2]:
                best = key
    if best is None:
        return None
    return best[2], len(window) - best[0]


#: A flattened cover's run of labels without their values: "Plats och tid för sammanträdet
#: Beslutande Ej beslutande ledamöter Övriga deltagande Utses att justera Justeringens plats
#: och tid" (no digit between the meeting's label and the justering's).
_LABEL_RUN = re.compile(
    r"(?i)\b(?:plats och tid|tid och plats)(?: för sammanträdet)?\b[^\d]{0,300}?"
    r"\bjusteringens (?:plats och tid|tid och plats)\b"
)
_MEETING_STEM = r"(?i)(?:sammanträde|möte)\w*\W{0,4}"
_BODY_ENDINGS = r"(?:nämnden|styrelsen|fullmäktige|utskottet|direktionen)"
_MEETING_WORD = re.compile(_MEETING_STEM + "$")
#: Also with the body's name between the label and its date: "Sammanträdesdatum
#: Kommunfullmäktige 2000-12-11", "Sammanträdesdatum (Kommunfullmäktige) 2011-03-29".
_MEETING_WORD_BODY = re.compile(
    _MEETING_STEM + r"\(?[\wåäö -]{0,40}?" + _BODY_ENDINGS + r"\)?\W{0,4}$"
)
_BODY_WORD = re.compile(r"(?i)" + _BODY_ENDINGS + r"\W*$")
_BODY_IN_PROSE = re.compile(BODY_LABEL_IN_PROSE)


def after_meeting_word(text: str, start: int) -> bool:
    """Whether the date at `start` follows "Sammanträdesdatum", "Sammanträde", "Möte" ...
    directly: the surest sign of the meeting's own date."""
    if _MEETING_WORD.search(text, max(0, start - 30), start) is not None:
        return True
    before = text[max(0, start - 75) : start]
    return _BODY_WORD.search(before) is not None and _MEETING_WORD_BODY.search(before) is not None


#: A clock time right after a date: "2011-04-18 kl. 18:00", "den 25 augusti kl.9.15".
#: A year written in a head (an ISO date's too), for a date written without one.
_HEAD_YEAR = re.compile(r"(?<!\d)" + NOT_A_SITES_YEAR + r"((?:19|20)\d\d)(?!\d)")
_CLOCK_AFTER = re.compile(r"(?i),?[ \t]{0,3}(?:kl\.?|klockan)[ \t]*\d")
#: The bare time a title line writes after a date in words ("tisdag den 9 april 2013 8.30");
#: after an ISO date it is a file list's upload time ("protokoll.pdf … 2019-08-30 08.46").
_BARE_TIME_AFTER = re.compile(r"[ \t]{1,3}(?:[01]?\d|2[0-3])[.:][0-5]\d(?![\d.,:])")


def meeting_date(
    text: str,
    limit: int = 2500,
    raw_dates: Sequence[RawDate] | None = None,
    notice: bool = False,
) -> tuple[str, int, int, str] | None:
    """(date, start, end, rule) of the meeting a protokoll, kallelse or beslutsreferat is of.

    A date after a meeting label ("Sammanträdesdatum", "Plats och tid", "Dag", a weekday)
    wins; a date after a justering, anslag or publication label never counts; otherwise the
    first complete date of the head. A date without a year counts after a meeting label
    ("Beslut i korthet den 15 oktober"), in the year the head names.

    `raw_dates` are the whole text's raw dates (`extractors.dates.find_raw_dates` without
    exclusions) when the caller has them: those inside the head are read instead of searching
    the head again.

    In a `notice` (a kallelse, an agenda) the first date with the meeting's clock time wins
    ("Datum 2019-09-06 … sammanträde tisdagen den 10 september 2019 kl. 08:15"): the other
    dates of its head are the sending date, a letterhead's or another body's meeting.

    >>> meeting_date("KALLELSE Datum 2019-09-06 Kommunstyrelsen kallas till sammanträde "
    ...     "tisdagen den 10 september 2019 kl. 08:15", notice=True)[0]
    '2019-09-10'
    """
    labelled: list[tuple[str, int, int, str]] = []
    plain: list[tuple[str, int, int]] = []
    if raw_dates is None:
        head = find_raw_dates(text[:limit])
    else:
        head = [r for r in raw_dates if r.end <= limit]
    run = None
    if "usteringens" in text[:limit]:
        low = text[:limit].lower()
        if "plats och tid" in low or "tid och plats" in low:
            run = _LABEL_RUN.search(text, 0, limit)
    if run is not None:
        # A flattened cover's labels stand first, their values after them in the same order:
        # the first date after "Plats och tid … Justeringens plats och tid" is the meeting's.
        # Only where no date stands before the run (a "Sammanträdesdatum 2006-05-23" before
        # it dates the meeting, and the date after the run is then the justering's).
        dated = [
            r
            for r in head
            if r.kind == "date" and r.year is not None and r.rule in ("iso", "day_month")
        ]
        after = [r for r in dated if r.start >= run.end()]
        if after and not any(r.start < run.start() for r in dated):
            return _iso(after[0]), after[0].start, after[0].end, "meeting_label_run"
    for raw in head:
        # (a meeting of two days after its label, "regionfullmäktige 18-19 juni 2018", is
        # dated by its first)
        two_days = raw.rule == "day_range" and raw.year is not None
        if (raw.kind != "date" or raw.rule not in ("iso", "day_month")) and not two_days:
            continue
        label = _nearest_label(text, raw.start)
        if label is not None and label[0] == "other":
            continue
        if two_days and (label is None or raw.end_day is None or raw.end_day - raw.day != 1):
            continue
        weekday = _WEEKDAY.search(text[max(0, raw.start - 25) : raw.start])
        clock = notice and (
            _CLOCK_AFTER.match(text, raw.end) is not None
            or (raw.rule != "iso" and _BARE_TIME_AFTER.match(text, raw.end) is not None)
        )
        year = raw.year
        if year is None:
            if not (label or weekday or clock):
                continue
            # the year of the last complete date before it, else of the last year named
            # ("Kommunfullmäktige 9 april 2018 … årsredovisningen för 2017 … den 9 april")
            dated_before = [
                r.year for r in head if r.end <= raw.start and r.year and r.kind == "date"
            ]
            years = dated_before or [int(y) for y in _HEAD_YEAR.findall(text, 0, raw.start)]
            if years:
                year = years[-1]
            else:
                # No year before it ("Tid: Måndagen den 19 oktober, kl" opening the minutes):
                # the year of the next complete date of the head.
                year = next(
                    (r.year for r in head if r.start > raw.end and r.year and r.kind == "date"),
                    None,
                )
                if year is None:
                    continue
        iso = f"{year:04d}-{raw.month:02d}-{raw.day:02d}"
        if clock:
            return iso, raw.start, raw.end, "meeting_clock"
        if label is not None or weekday:
            labelled.append((iso, raw.start, raw.end, "label" if label else "weekday"))
        elif raw.year is not None:
            plain.append((iso, raw.start, raw.end))
    if labelled:
        # A date after an explicit "Sammanträdesdatum" beats any other labelled date, and the
        # date of the sentence that announces the agenda beats those ("Extra sammanträde den
        # 16 juni 2021 … behandlar följande ärenden på sammanträde den 13 oktober 2021").
        explicit = [d for d in labelled if after_meeting_word(text, d[1])]
        agenda = [d for d in explicit or labelled if _announces_agenda(text, d[1], d[2])]
        iso, start, end, rule = (agenda or explicit or labelled)[0]
        return iso, start, end, f"meeting_{rule}"
    if plain:
        iso, start, end = plain[0]
        return iso, start, end, "meeting_first_date"
    return None


#: The words of a sentence that announces a meeting's agenda.
_AGENDA = re.compile(r"(?i)\bföljande ärenden\b")
#: How far from its date the agenda's announcement is looked for (within its sentence).
_AGENDA_REACH = 100


def _announces_agenda(text: str, start: int, end: int) -> bool:
    """Whether the sentence of the date at text[start:end] announces the meeting's items."""
    before = text[max(0, start - _AGENDA_REACH) : start]
    cut = max(before.rfind(". "), before.rfind("\n\n"))
    after = text[end : end + _AGENDA_REACH]
    stop = min((i for i in (after.find(". "), after.find("\n\n")) if i >= 0), default=len(after))
    return bool(_AGENDA.search(before[cut + 1 :]) or _AGENDA.search(after[:stop]))


def document_date(text: str, limit: int = 1500) -> tuple[str, int, int] | None:
    """The document's own date after a label in its head ("Datum 2023-12-01", "Publicerad:
    17 sep 2019", "Pressmeddelande 2019-10-31")."""
    raws = _complete_dates(text, limit)
    for raw in raws:
        if _DOCUMENT_LABEL.search(text[max(0, raw.start - 40) : raw.start]):
            return _iso(raw), raw.start, raw.end
    # A cover page's date on a line of its own ("ÅRSREDOVISNING / Dnr 26/0005-2 / 2025-03-27").
    return _date_alone_on_its_line(text, raws, 300)


_NEWS_CATEGORY = re.compile(r"[ \t]+(?:Pressmeddelande|Nyhet|Nyheter|Artikel)[ \t]*$")


def _date_alone_on_its_line(
    text: str, raws: Sequence[RawDate], within: int
) -> tuple[str, int, int] | None:
    """The first of `raws` within `within` characters that stands alone on its line."""
    for raw in raws:
        if raw.start > within:
            break
        line_start = text.rfind("\n", 0, raw.start) + 1
        line_end = text.find("\n", raw.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        # A web page's dateline may carry its category after a bar or a space ("2017-03-20 |
        # Påverka", "2022-04-27 Pressmeddelande"), or stand in brackets ("[2018-11-21]").
        first = _NEWS_CATEGORY.sub("", line.split(" | ")[0]).strip().strip("[]()")
        if first == raw.text.strip():
            return _iso(raw), raw.start, raw.end
    return None


#: A memo that names itself with its date in its list of underlag or its proposal:
#: "Förvaltningens tjänsteutlåtande den 22 mars 2017", "tjänsteutlåtande daterat den 10
#: oktober 2018".
_MEMO_SELF_DATE = re.compile(
    r"(?i)\btjänste(?:skrivelse|utlåtande)n?\s+(?:daterad[et]?\s+)?(?:den\s+)?$"
)
#: A flattened letterhead's date right after the memo's case number: "Stabsavdelningen Dnr
#: KS/2018:59-032 2018-03-02 1/2 Handläggare" (the Datum label lost, the fields kept in order).
_AFTER_OWN_DNR = re.compile(r"(?i)\bdnr\b[.:]?[^\S\n]*\S+[^\S\n]+$")
#: How far into the head that letterhead stands.
_LETTERHEAD_CHARS = 400


def memo_date(text: str, limit: int = 2000) -> tuple[str, int, int] | None:
    """The date a tjänsteskrivelse gives itself where it names itself in its text (its head
    lost the Datum field: a flattened transcript).

    >>> memo_date("Beslutsunderlag Förvaltningens tjänsteutlåtande den 22 mars 2017 Förslag")[0]
    '2017-03-22'
    >>> memo_date("TJÄNSTEUTLÅTANDE Stabsavdelningen Dnr KS/2018:59-032 2018-03-02 1/2")[0]
    '2018-03-02'
    """
    for raw in _complete_dates(text, limit):
        if _MEMO_SELF_DATE.search(text, max(0, raw.start - 40), raw.start) or (
            raw.start < _LETTERHEAD_CHARS
            and _AFTER_OWN_DNR.search(text, max(0, raw.start - 40), raw.start)
        ):
            return _iso(raw), raw.start, raw.end
    return None


_PLACE_BEFORE_DATE = re.compile(PLACE_BEFORE_DATE)


#: A web page's own dating line, wherever it stands (often at the page's foot): its
#: publication, else its last update ("Publicerad 2017-04-07", "Sidan uppdaterades den 27 juli
#: 2021", "Uppdaterad: 2018-08-23 15.48").
_PUBLISHED = re.compile(
    r"(?i)(?<![\w])(?:(?:sidan\s+)?publicera(?:d|des|t)\b[\s:]{0,3}(?:den\s+)?"
    # a news page's label with its date: "NYHETER 2024-04-26"
    r"|^\W*nyhet(?:er)?[ \t:]+)$",
    re.M,
)
_UPDATED = re.compile(
    r"(?i)(?<![\w])(?:sidan\s+)?(?:senast\s+)?uppdatera(?:d|des|t)\b[\s:]{0,3}(?:den\s+)?$"
)


#: A web page's dateline: the date, then its time ("25 oktober 2021 kl 04.25"), in the head;
#: an ISO date and a bare time on a line of their own ("2019-02-26 15:53") too.
_STAMP_TIME = re.compile(r"[^\S\n]+kl\.?[^\S\n]*\d{1,2}[.:]\d\d")
_ISO_STAMP_LINE = re.compile(r"(?m)^[^\S\n]*\d{4}-\d\d-\d\d[^\S\n]+\d\d:\d\d[^\S\n]*$")
_NOT_A_STAMP = re.compile(r"(?i)\bden\b|dag(?:en)?\b|\d")
_STAMP_CHARS = 300


def page_date(text: str, limit: int = 5000) -> tuple[str, int, int] | None:
    """The date a web page gives itself, for a document no other rule dates: the publication
    line, else the last update, else a date alone on its own line in the head (a blog post's
    "2022-07-12" under its title).

    >>> page_date("Kommunstyrelsen i korthet\\nText om besluten.\\nPublicerad 2017-04-07")[0]
    '2017-04-07'
    >>> page_date("Samråd om planen.\\nSidan uppdaterades den 27 juli 2021")[0]
    '2021-07-27'
    >>> page_date("Fullmäktige sammanträder\\n\\nStad & Politik24 april 2023 kl 04.34")[0]
    '2023-04-24'
    """
    raws = _complete_dates(text, limit)
    for label in (_PUBLISHED, _UPDATED):
        for raw in raws:
            if label.search(text, max(0, raw.start - 40), raw.start):
                return _iso(raw), raw.start, raw.end
    for raw in raws:
        if raw.start > _STAMP_CHARS:
            break
        line_start = text.rfind("\n", 0, raw.start) + 1
        if (
            _STAMP_TIME.match(text, raw.end)
            and not _NOT_A_STAMP.search(text, line_start, raw.start)
        ) or _ISO_STAMP_LINE.match(text, line_start):
            # A news page's dateline under its title: "Stad & Politik25 oktober 2021 kl 04.25"
            # (a meeting's time follows "den" or its weekday: "måndagen den 25 oktober kl 18").
            return _iso(raw), raw.start, raw.end
    return _date_alone_on_its_line(text, raws, 1000)


def place_date(text: str) -> tuple[str, int, int] | None:
    """The date of a place-and-date line that stands on its own, as a letter, motion, yttrande
    or revisionsberättelse is signed ("Torsby den 2 mars 2016", "Stockholm 2015-03-02"); the
    last such line wins (the signature is at the end).

    >>> place_date("Motion om X\\nJag yrkar att ...\\nTorsby den 2 mars 2016\\nSven Ek (KD)")[0]
    '2016-03-02'
    >>> place_date("Kommunstyrelsen 2019-08-27\\nJusterad 2019-08-30") is None
    True
    """
    found = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip().rstrip(".")
        if not 10 <= len(stripped) <= 50 or not stripped[-1].isdigit():
            continue
        raws = [r for r in find_raw_dates(line) if r.year is not None and r.kind == "date"]
        if len(raws) != 1 or line[raws[0].end :].strip(" .\t"):
            continue
        match = _PLACE_BEFORE_DATE.match(line[: raws[0].start].strip() + " ")
        if match is None:
            continue
        place = match.group("place")
        words = {w.lower() for w in re.split(r"[ -]", place)}
        if words & NOT_PLACES or any(w.endswith(NOT_PLACE_ENDINGS) for w in words):
            continue
        if committees.find_bodies(place) or committees.find_in_line(place):
            continue
        found = (_iso(raws[0]), start + raws[0].start, start + raws[0].end)
    return found


def issuing_body(text: str, limit: int = 900) -> tuple[str, int, int] | None:
    """See `_issuing_body` (cached on the first 3,000 characters it reads)."""
    return _issuing_body(text[:3000], limit)


@lru_cache(maxsize=64)
def _issuing_body(text: str, limit: int) -> tuple[str, int, int] | None:
    """(canonical name, start, end) of the first body named in the head, not as a recipient
    ("Till kommunstyrelsen") nor as the owner of a person's title ("Kommunstyrelsens
    ordförande")."""
    labelled = _labelled_body(text[:3000])
    if labelled is not None:
        return labelled
    head = text[:limit]
    titled = title_abbreviation_body(head)
    if titled is not None:
        return titled
    mentions = _mentions(head)
    # A letterhead puts the body next to the document's type or meeting label ("PROTOKOLL
    # Kommunstyrelsen Sammanträdesdatum", "Kallelse till kommunstyrelsens sammanträde"): a
    # body there beats one named earlier in a page's chrome or a list.
    for cue in _LETTERHEAD_CUE.finditer(head):
        near = [
            m for m in mentions if -40 <= m[1] - cue.end() <= 40 or -40 <= cue.start() - m[2] <= 40
        ]
        found = _first_issuer(head, near, strict=True)
        if found is not None:
            return found
    found = _first_issuer(head, mentions, strict=True)
    # A report names its body only as who decided on it or received it ("Beslutad av
    # Kommunstyrelsen", "Rapporterad till kommunstyrelsen").
    return found or _first_issuer(head, mentions, strict=False)


#: A memo's addressee field: "Till Kommunstyrelsen", "Till: Socialnämnden" (a capital T: the
#: preposition in running text, "förslag till beslut", is in lower case).
_ADDRESSEE = re.compile(r"(?:^|(?<=\s))Till\s*:?\s+(?=[A-ZÅÄÖa-zåäö])")


def addressee(text: str, limit: int = 1200) -> str | None:
    """The body a memo's head addresses ("Till Kommunstyrelsen"): the body a tjänsteskrivelse
    is written for, which the sets' gold takes as its body (13 of 13 memos with the field).

    >>> addressee("Tjänsteutlåtande Kommunkansliet Dnr KS 2017/0268 Till Kommunstyrelsen Val")
    'kommunstyrelsen'
    >>> addressee("Förslag till beslut Kommunstyrelsen beslutar") is None
    True
    """
    for m in _ADDRESSEE.finditer(text, 0, limit):
        mentions = _mentions(text[m.end() : m.end() + 80])
        if mentions and mentions[0][1] == 0:
            return mentions[0][0]
    return None


def title_abbreviation_body(text: str) -> tuple[str, int, int] | None:
    """(name, start, end) of a body a title names by its abbreviation before the meeting's
    date: "Handlingar KF den 1 oktober 2018", "Protokoll KS 2019-03-04" (elsewhere in a head
    such letters are a case-number series, and are not read as the issuer).

    >>> title_abbreviation_body("2018-10-01\\n\\nHandlingar KF den 1 oktober 2018\\n")[0]
    'kommunfullmäktige'
    """
    for title in _TITLE_ABBREVIATION.finditer(text):
        name = committees.lookup(title.group("abbr"))
        if name is not None:
            return name, title.start("abbr"), title.end("abbr")
    return None


_TITLE_ABBREVIATION = re.compile(
    r"(?im)^[^\w\n]*(?:handlingar|kallelse|protokoll|föredragningslista|dagordning)[ \t]+"
    r"(?P<abbr>[A-ZÅÄÖ]{2,6})[ \t]+(?:den[ \t]+)?\d"
)

#: The words of a letterhead that a body's name stands next to.
_LETTERHEAD_CUE = re.compile(
    r"(?i)\b(?:sammanträdesprotokoll|mötesprotokoll|protokoll|kallelse|föredragningslista|"
    r"sammanträdesdatum|protokollsutdrag)\b"
)

#: Labels of the field that names the body on a protokoll's cover ("Organ Kommunstyrelsen",
#: "Beslutsinstans: Kommunstyrelsen").
_BODY_LABEL = re.compile(r"(?i)(?<![\w])(?:organ|beslutsinstans|instans|beslutande organ)\s*:?\s+")


def _mentions(
    text: str, bodies: Sequence[committees.BodyMention] | None = None
) -> list[tuple[str, int, int]]:
    """(name, start, end) of every body `text` names, by morphology and by the gazetteer.
    `bodies`: `committees.find_bodies` of a longer text that `text` begins, where the caller
    has it (the ones ending inside `text` are taken)."""
    if bodies is None:
        bodies = committees.find_bodies(text)
    else:
        bodies = [b for b in bodies if b.end <= len(text)]
    mentions = [(m.name, m.start, m.end) for m in bodies]
    for form_start, form_end, name in committees.gazetteer_mentions(text):
        if not any(s < form_end and form_start < e for _, s, e in mentions):
            mentions.append((name, form_start, form_end))
    mentions.sort(key=lambda m: m[1])
    return mentions


def _labelled_body(text: str) -> tuple[str, int, int] | None:
    for label in _BODY_LABEL.finditer(text):
        for name, start, end in _mentions(text[label.end() : label.end() + 80]):
            if start == 0:
                s = label.end()
                return committees.canonical_body(name), s + start, s + end
    return None


_ROLE_BEFORE = re.compile(ROLE_BEFORE_BODY)


def role_before(text: str, start: int) -> bool:
    """Whether a person's name and role end right before `start`, where a body's name begins
    ("Marita Björkman-Forsman, ordförande fastighets- och servicenämnden"): the person's body,
    not the document's (`header_rules.ROLE_BEFORE_BODY`)."""
    return _ROLE_BEFORE.search(text, max(0, start - 60), start) is not None


def _first_issuer(
    head: str, mentions: list[tuple[str, int, int]], strict: bool
) -> tuple[str, int, int] | None:
    for name, start, end in mentions:
        if committees.kind_of(committees.canonical_body(name)) in ("förvaltning", "bolag"):
            continue
        before = head[max(0, start - 20) : start]
        after = head[end : end + 30]
        if strict and re.search(r"(?i)\b(?:till|från|för|av|hos|i)\s+$", before):
            continue
        if role_before(head, start):
            continue  # "Marita Björkman-Forsman, ordförande fastighets- och servicenämnden"
        if not strict and not re.search(r"(?i)\b(?:till|av)\s+$", before):
            continue
        if re.match(
            r"(?i)s?\s+(?:ordförande|vice|ledamot|ledamöter|sekreterare|sessionssal|förvaltning|kansli)",
            after,
        ):
            continue
        if (
            head[end - 1 : end].lower() == "s"
            and not name.endswith("s")
            and head[end : end + 1] == " "
            and not re.match(r"(?i)\s(?:beslut|sammanträde|protokoll|möte)", head[end : end + 14])
        ):
            # A genitive names the body as an owner ("Kommunstyrelsens ordförande"), except
            # of its decisions and meetings ("Kommunstyrelsens beslut", "... sammanträde").
            continue
        return committees.canonical_body(name), start, end
    return None
