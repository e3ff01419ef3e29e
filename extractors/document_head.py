"""Type, dates and meeting of a document: structural classification first, then the cue
words and labels of its head (`extractors.header`)."""

from __future__ import annotations

import re

from extractors import committees, decisions, doctype_model, header
from extractors.dates import RawDate, find_raw_dates, parse_iso, resolve
from extractors.doctype import (
    SKIP_LINK,
    Line,
    classify,
    first_paragraph_number,
    nonblank,
    paragraph_numbers,
)
from extractors.document import _Context, _line_index, _next_nonblank
from extractors.extraction_rules import _ANCHOR_LABELS, _HEAD_OVERRIDES, _REPORT_YEAR, DATE_LABELS
from extractors.header_rules import (
    BARE_PROTOKOLL_CUE,
    CALLED_TO_MEETING,
    EXTRACT_CERTIFICATION,
    HEAD_CHARS,
    ITEMS_HEADING,
    MEETING_HELD,
    MEETING_PAGE_BREADCRUMB,
    MEMBER_LIST_CUE,
    NEWS_LIST_HEADING,
    NEWS_PAGE_CUE,
    NOTICE_OF_MEETING,
    PARAGRAPH_SERIES_FROM,
    not_an_items_object,
)
from extractors.lowercase import lower
from extractors.model import (
    NOTICE_TYPES,
    DateMention,
    Meeting,
)
from extractors.nlp import ALL_DATES_KEY, DATES_KEY
from extractors.person_words import RIKSDAG_PARTY


def _document_date(ctx: _Context) -> tuple[str | None, tuple[int, int] | None]:
    """The date after a Datum/Upprättad label (same line or next non-empty line)."""
    lines = ctx.lines
    for i, line in nonblank(lines, 40):
        lower = line.clean.lower()
        label = next(
            (
                lab
                for lab in DATE_LABELS
                if lower == lab or lower.startswith(lab + " ") or lower.startswith(lab + ":")
            ),
            None,
        )
        if label is None:
            continue
        candidates = [i]
        j = _next_nonblank(lines, i)
        if j is not None:
            candidates.append(j)
        for k in candidates:
            raws = [r for r in find_raw_dates(lines[k].raw) if r.rule == "iso"]
            if (
                raws
                and k == i
                and re.search(
                    r"[^\W\d_]{2,}",
                    lines[k].raw[len(label) : raws[0].start].lower().replace(label, ""),
                )
            ):
                # "Datum då anslaget sätts upp 2018-09-17": a label of another date.
                break
            if raws:
                r = raws[0]
                iso = parse_iso(r.text)
                return iso, (lines[k].start + r.start, lines[k].start + r.end)
    return None, None


def _report_year(text: str) -> int | None:
    """The year an annual report reports on: the commonest "Under 2017" / "i januari 2017" year.

    >>> _report_year("Under 2017 gjordes ... I januari 2017 antog ... våren 2018")
    2017
    """
    counts: dict[int, int] = {}
    for match in _REPORT_YEAR.finditer(text):
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: counts[y])


def _doc_type(ctx: _Context, fmt: str) -> tuple[str, str, int | None]:
    """The rules' type (`_rule_doc_type`), then the learned check of `extractors.doctype_model`
    where the training found the rules' answer less reliable than a confident model."""
    doc_type, rule, line = _rule_doc_type(ctx, fmt)
    rules_type = doc_type
    model = doctype_model.load()
    override = (
        doctype_model.combine(model, ctx.lines, ctx.text, fmt, doc_type, rule)
        if model is not None
        else None
    )
    if override is not None:
        doc_type, rule, line = override[0], override[1], None
    if (
        doc_type == "motion"
        and _ABOUT_A_MOTION.search(ctx.text, 0, REPORTED_CHARS)
        and decisions.reported_decisions(ctx.text[:REPORTED_CHARS]) >= 1
    ):
        # A page that tells of a motion in the third person ("Maj-Britt Hiltunen (SD) har
        # lämnat in en motion …", "Motionären föreslog …") and of a body's decision on it
        # ("Kommunstyrelsen valde att … föreslå"), whatever the rules or the model said: a
        # news item, not the motion.
        return "beslutsreferat", "reported_motion", None
    if (
        doc_type != "beslutsreferat"
        and _NEWS_LIST.search(ctx.text, 0, _NEWS_LIST_CHARS)
        and decisions.reports_a_decision(ctx.text[:REPORTED_CHARS])
    ):
        # A site's list of news items that tells of a decision, whatever one item announces
        # ("Regionstyrelsen sammanträder den 13 oktober" under "I dag tog regionstyrelsen ett
        # inriktningsbeslut …").
        return "beslutsreferat", "news_list", None
    if (
        rules_type == "okänd"
        and (override is None or not _NOTICE.search(ctx.text, 0, HEAD_CHARS))
        and doc_type in ("okänd", "kallelse", "protokoll")
        and decisions.reports_a_decision(ctx.text[:REPORTED_CHARS])
    ):
        # A text neither the rules nor the model could type that tells of a decision taken
        # ("På ett extrainsatt kommunstyrelsemöte godkändes …", "Beslutet togs enhälligt 21
        # maj"): a news item of a decision (3 of the 5 texts typed okänd in the sets read so
        # far are).
        return "beslutsreferat", "reported_decision", None
    if doc_type == "okänd" and _PUTS_TO_THE_COUNCIL.search(ctx.text):
        # A party's page with no type word that puts its proposal to the council ("Vi föreslår
        # kommunfullmäktige\n\natt …"): a motion.
        return "motion", "proposal_to_council", None
    if doc_type == "okänd" and _MEMO_SECTIONS.search(ctx.text, 0, HEAD_CHARS):
        # The proposal, then its background, with no type word ("Ny politisk organisation
        # Förslag till beslut Regionfullmäktige fastställer … Bakgrund Region Hallands roll …"):
        # the memo's own two sections.
        return "tjänsteskrivelse", "memo_sections", None
    return doc_type, rule, line


def _rule_doc_type(ctx: _Context, fmt: str) -> tuple[str, str, int | None]:
    """The structural classification (`extractors.doctype.classify`), then the cue words of
    the head (`extractors.header.head_type`) where structure found nothing or a weaker type:
    a "Protokoll" heading without any sign of minutes (attendance, justering) on a page that
    is a kallelse or a news item of decisions; "Yttrande över ..." on a BESLUTSUNDERLAG."""
    doc_type, rule, line = classify(ctx.lines, fmt, bool(ctx.cases))
    doc_type, rule, line = _doc_type_rules(ctx, fmt, doc_type, rule, line)
    if (
        doc_type in _REPORT_CUE_TYPES
        and rule.startswith("cue:")
        and header.strong_protokoll_cues(ctx.text) >= _COVER_CUES
    ):
        # "Godkännande av delårsbokslut 2020" as the title a document site gave minutes, over
        # a cover with Plats och tid, Beslutande, Justerare: the minutes of that item's meeting.
        return "protokoll", "protokoll_cover", line
    if (
        rule in _SHARED_LIST_CUES
        and (header.strong_protokoll_cues(ctx.text) >= 1 or header.numbered_as_paragraphs(ctx.text))
        # (unless the members are called to the meeting: a notice lists them too, "KALLELSE
        # … Ledamöter Carina Lund (M), Ordförande … kallas till sammanträde")
        and not _CALLED.search(ctx.text, 0, HEAD_CHARS)
    ):
        # Minutes list their items under "Ärendelista" or "Dagordning" too (14 of the 20 heads
        # with "Ärendelista" in the sets are minutes): a sign of minutes decides, or items
        # numbered in the year's § series.
        return "protokoll", "protokoll_list", line
    if (
        rule == _NEWS_PAGE_RULE
        and _NOTICE.search(ctx.text, 0, HEAD_CHARS)
        and not _HELD.search(ctx.text, 0, HEAD_CHARS)
    ):
        # A news page that invites to a coming meeting ("Välkommen till kommunfullmäktige 23
        # april", then its agenda): the notice, not a report of decisions.
        return "kallelse", "news_page_notice", line
    if (
        rule == _MEMBER_LIST_RULE
        and header.strong_protokoll_cues(ctx.text) == 1
        and _NOTICE.search(ctx.text, 0, HEAD_CHARS)
    ):
        # Names with party tags and no other sign of minutes, on a page that announces the
        # meeting ("Den 30 november … sammanträder regionfullmäktige … Till ordförande föreslås
        # Mikael Johansson (M), Anna Zelvin (KD) …"): those proposed, in the notice.
        return "kallelse", "member_list_notice", line
    if (
        # (a report's contents number pages: "Förvaltningsberättelse 20 … 21")
        doc_type not in ("protokoll", "protokollsutdrag", *_REPORT_CUE_TYPES)
        and _TABLE_OF_CONTENTS.search(ctx.text, 0, _TABLE_OF_CONTENTS_CHARS)
        and header.numbered_as_paragraphs(ctx.text)
    ):
        # A table of contents whose items carry the year's § numbers ("Innehållsförteckning
        # Ärende 125 Ekonomisk uppföljning … 126 …"): the minutes', whatever an item's title
        # says ("Svar på remiss …").
        return "protokoll", "paragraph_contents", None
    page = _meeting_page(ctx.lines)
    if page == "breadcrumb":
        # The same platform's page under its breadcrumb lists the items with their proposals
        # before the meeting (Tyresö); after it, only the items decided, with what was decided
        # ("Enligt förvaltningens förslag med kompletteringen: ...", Värmdö): the minutes.
        # So does a notice's request for absence ("Förhinder att närvara vid sammanträdet
        # anmäles till nämndsekreteraren", Östermalm).
        lowered = ctx.text.lower()
        ahead = "förslag till beslut" in lowered or "förhinder att närvara" in lowered
        return ("föredragningslista" if ahead else "protokoll"), "meeting_page", None
    if (
        doc_type not in NOTICE_TYPES
        and page is not None
        and not (rule == "paragraph_head" and _in_paragraph_series(ctx.lines))
    ):
        # Its items' texts speak of justerare and protokoll; the page is still the agenda
        # (unless its items are numbered in the year's § series: "• § 91 / Godkännande av
        # dagordning" is the minutes', "• § 1 / Sammanträdets öppnande" may be the agenda's).
        return "föredragningslista", "meeting_page", None
    if (
        (
            doc_type in _MAY_REPORT_DECISIONS
            # The word "protokoll" in a news page's prose ("Beslutet … finns i ett särskilt
            # protokoll"), with no sign of minutes around it.
            or (rule == _BARE_PROTOKOLL and not header.strong_protokoll_cues(ctx.text))
        )
        and decisions.reported_decisions(ctx.text[:REPORTED_CHARS]) >= REPORTED_AT_LEAST
    ):
        # Three decisions or more told in the past tense ("Kommunfullmäktige beslutade …,
        # Fullmäktige godkände …"): a page that reports a meeting's decisions, whatever its
        # heading says ("Yttrande över …" as one item's title). In the sets at hand all 9
        # such heads are beslutsreferat; minutes and agendas write the present tense.
        return "beslutsreferat", "reported_decisions", None
    if doc_type in ("protokoll", "protokollsutdrag"):
        # The cover's own "Paragrafer" field says whether these are a meeting's minutes or an
        # extract, whatever number of § the (perhaps cut) text shows.
        held = header.paragraph_field(ctx.text)
        if held == "range" and rule == "protokoll_single_paragraph":
            return "protokoll", "paragraph_range", line
        if held == "single" and doc_type == "protokoll":
            return "protokollsutdrag", "paragraph_single", line
        if (
            held is None
            and rule == "protokoll_header"
            and _short_extract(ctx)
            and _EXTRACT_SIGN.search(ctx.text, 0, HEAD_CHARS * 2)
        ):
            return "protokollsutdrag", "two_pages_one_item", line
    return doc_type, rule, line


_NEWS_PAGE_RULE = f"cue:{NEWS_PAGE_CUE}"
_MEMBER_LIST_RULE = f"cue:{MEMBER_LIST_CUE}"
#: A motion told of in the third person: its mover, its handing in.
_ABOUT_A_MOTION = re.compile(
    r"(?i)\bmotionär(?:en|erna)?\b|\b(?:har|hade) (?:lämnat|lämnade) in en motion\b"
    r"|\blämnat in en motion\b|\bi en motion (?:vill|föreslår|yrkar)\b"
)
_NOTICE = re.compile(NOTICE_OF_MEETING)
_NEWS_LIST = re.compile(NEWS_LIST_HEADING)
#: Where a news list's heading stands: its first line, or the site's sentence under it.
_NEWS_LIST_CHARS = 300
_HELD = re.compile(MEETING_HELD)
_PUTS_TO_THE_COUNCIL = re.compile(
    r"(?im)^[ \t]*(?:vi|jag) föreslår (?:därför )?(?:kommun|region|landstings)?fullmäktige\b"
    r"[^.\n]{0,40}(?:\n\s*)?(?:[-•–][ \t]*)?att(?![a-zåäö])"
)
_MEMO_SECTIONS = re.compile(
    r"\bFörslag till beslut\b[^§]{10,900}?\b(?:Bakgrund|Ärendebeskrivning|Ärendet i korthet)\b"
)
_TABLE_OF_CONTENTS = re.compile(r"(?i)\binnehållsförteckning\b")
_TABLE_OF_CONTENTS_CHARS = 400

_BREADCRUMB = re.compile(MEETING_PAGE_BREADCRUMB)


def _in_paragraph_series(lines: list[Line]) -> bool:
    """Whether the first § heading carries a number of the year's series, not an agenda's."""
    first = first_paragraph_number(lines)
    return first is not None and first >= PARAGRAPH_SERIES_FROM


def _meeting_page(lines: list[Line]) -> str | None:
    """ "skip_link" or "breadcrumb" for a meeting platform's page of one meeting, else None."""
    first = nonblank(lines, 1)
    if not first:
        return None
    if SKIP_LINK.match(first[0][1].clean):
        return "skip_link"
    return "breadcrumb" if _BREADCRUMB.match(first[0][1].clean) else None


#: The page count of a head's first page ("1 (2)", OCR's "l (2)", "1(36)").
_PAGE_TOTAL = re.compile(r"(?<![\w(])[1l]\s?\(\s?(\d{1,3})\s?\)")


def _short_extract(ctx: _Context) -> bool:
    """A protokoll of at most two pages that shows no more than one § is an extract of one
    item, even under a cover of the whole meeting (the cover is printed with each extract)."""
    page = _PAGE_TOTAL.search(ctx.text, 0, HEAD_CHARS)
    if page is None or int(page.group(1)) > 2:
        return False
    return len(set(paragraph_numbers(ctx.lines))) <= 1


_EXTRACT_SIGN = re.compile(EXTRACT_CERTIFICATION)
_CALLED = re.compile(r"(?i)\b" + CALLED_TO_MEETING + r"\b")
#: Types a report's word in the head gives ("delårsbokslut", "årsredovisning") ...
_REPORT_CUE_TYPES = frozenset({"delårsrapport", "årsredovisning", "rapport"})
#: ... that this many different signs of minutes in the same head overrule.
_COVER_CUES = 3
#: An agenda's words for its list of items that minutes use as well.
#: The types a page that reports a meeting's decisions is taken for by its heading or its
#: first cue: one item's title ("Yttrande över …"), an announcement of the meeting, nothing.
#: Not minutes or lists, which record decisions themselves, nor reports, memos and motions,
#: whose background tells earlier decisions in the past tense ("Kommunfullmäktige har
#: fastställt checklistan …" in a tjänsteskrivelse; the year's decisions in an annual report).
_MAY_REPORT_DECISIONS = frozenset(
    {"okänd", "webbsida", "yttrande", "kallelse", "föredragningslista", "beslut"}
)
_BARE_PROTOKOLL = f"cue:{BARE_PROTOKOLL_CUE}"
REPORTED_CHARS = 3000
REPORTED_AT_LEAST = 3

_SHARED_LIST_CUES = frozenset(
    {
        f"cue:{not_an_items_object('ärendelista')}",
        f"cue:{not_an_items_object('dagordning')}",
        f"cue:{ITEMS_HEADING}",
    }
)


#: Types whose cue above an item's heading ("Beslut", "Yttrande", "Motion …") names the whole
#: page: minutes, an extract, a news page of decisions.
_OVER_ITEM_HEADINGS = frozenset({"protokoll", "protokollsutdrag", "beslutsreferat"})


def _doc_type_rules(
    ctx: _Context, fmt: str, doc_type: str, rule: str, line: int | None
) -> tuple[str, str, int | None]:
    if rule == "report_prose":
        # Annual-report wording fits any report: a type word in the head is more precise.
        cue = header.head_type(ctx.text)
        if cue is not None:
            return cue[0], cue[1], _line_index(ctx.lines, cue[2])
    if rule in ("paragraph_single", "paragraph_head") and line is not None:
        # A § under a page's own type word ("Beslutsreferat", "Kallelse"): that type.
        cue = header.head_type(ctx.text)
        if cue is not None and cue[2] < ctx.lines[line].start:
            return cue[0], cue[1], _line_index(ctx.lines, cue[2])
    if rule == "heading" and line is not None and doc_type in ("beslut", "yttrande", "motion"):
        # "Beslut" or "Yttrande" as a heading inside minutes that say so first; a motion's
        # title under a news page's "Kommunfullmäktige 23 juni 2021, beslut i korthet".
        cue = header.head_type(ctx.text, among=_OVER_ITEM_HEADINGS)
        if cue is not None and cue[2] < ctx.lines[line].start:
            return cue[0], cue[1], _line_index(ctx.lines, cue[2])
    if doc_type not in _HEAD_OVERRIDES:
        return doc_type, rule, line
    called = _CALLED.search(ctx.text, 0, 300) if doc_type == "protokoll" else None
    if called is not None:
        # "Kommunfullmäktige i Filipstad kallas till sammanträde ...": a notice, although it
        # names the justerare and the justering's time and place as minutes do.
        return "kallelse", "called_to_meeting", _line_index(ctx.lines, called.start())
    if doc_type == "protokoll" and header.strong_protokoll_cues(ctx.text):
        return doc_type, rule, line
    cue = header.head_type(ctx.text, among=_HEAD_OVERRIDES[doc_type])
    if cue is None:
        return doc_type, rule, line
    return cue[0], cue[1], _line_index(ctx.lines, cue[2])


def first_named_body(ctx: _Context, limit: int) -> str | None:
    """The first body the text names within `limit` characters (an office excepted)."""
    return next(
        (
            name
            for name, start, *_ in sorted(ctx.mentions, key=lambda m: m[1])
            if start < limit and committees.kind_of(name) != "förvaltning"
        ),
        None,
    )


def _most_named_body(ctx: _Context) -> str | None:
    counts: dict[str, int] = {}
    for name, *_ in ctx.mentions:
        if committees.kind_of(name) in ("nämnd", "fullmäktige", "utskott"):
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else None


def _header_body(ctx: _Context) -> str | None:
    """The body a protokoll or kallelse is of: the first body named in its first lines."""
    if ctx.doc_type not in (
        "protokoll",
        "protokollsutdrag",
        "kallelse",
        "föredragningslista",
        "handlingar",
    ):
        return None
    if _meeting_page(ctx.lines) is not None:
        # The page's own heading names the meeting's body: a line that is only its name
        # ("Möte 2025-08-20 / Kommunstyrelsen / 15:30"), or the breadcrumb's step before
        # "Sammanträde" ("… > Östermalms stadsdelsnämnd > Sammanträde 2006-04-20").
        for _, line in nonblank(ctx.lines, 6):
            crumbs = line.clean.split(" > ")
            named = _line_body(crumbs[-2] if len(crumbs) > 2 else line.clean)
            if named and (len(crumbs) > 2 or _lower_words(line.clean) == _lower_words(named)):
                return named
        # Otherwise its items' texts, which name other bodies; the meeting's own is the one
        # its items name most (8 of the 10 such pages in the sets, the first body of the
        # head 6).
        most = _most_named_body(ctx)
        if most is not None:
            return most
    head = nonblank(ctx.lines, 9)
    for k, (_, line) in enumerate(head[:8]):
        if line.clean.lower().startswith(("sammanträde ", "datum", "plats")):
            break
        clean = line.clean
        titled = header.title_abbreviation_body(clean)
        if titled is not None:
            return titled[0]
        following = head[k + 1][1].clean if k + 1 < len(head) else ""
        if clean.endswith("s") and following[:1].islower():
            # "Kommunstyrelsens / arbetsutskott": a name broken over two lines.
            clean = f"{clean} {following}"
        name = _line_body(clean)
        if name and header.role_before(clean, _first_body_start(clean)):
            continue  # a person's role in a flattened list of those present
        if name and committees.kind_of(name) not in ("förvaltning", "bolag", "revision"):
            return name
    return None


def _first_body_start(line: str) -> int:
    bodies = committees.find_bodies(line)
    return bodies[0].start if bodies else 0


def _lower_words(text: str) -> str:
    return " ".join(lower(text).split())


def _line_body(text: str) -> str | None:
    """The body a letterhead line names: the gazetteer's name, unless Swedish morphology reads
    a longer name that ends with it ("Kultur- och fritidsnämnden" is not "fritidsnämnden",
    "Omsorgs och utbildningsutskottet" not "utbildningsutskottet")."""
    name = committees.find_in_line(text)
    if name is None:
        return None
    for body in committees.find_bodies(text):
        canonical = committees.canonical_body(body.name)
        if len(canonical) > len(name) and (
            canonical.endswith(name)
            # "Kommunstyrelsens arbetsutskott": the body's own utskott, not the body
            or canonical.startswith(name + "s ")
        ):
            return canonical
    return name


def _meeting(ctx: _Context, date: str | None, date_span: tuple[int, int] | None) -> Meeting | None:
    text = ctx.text
    raw_dates = ctx.spacy_doc.user_data.get(ALL_DATES_KEY)  # the pipeline's, not searched again
    for section in ctx.sections:
        if section.kind == "beslutsplanering" and section.text:
            first = section.text.strip().split("\n", 1)[0]
            start = text.find(first, section.start)
            iso = parse_iso(first)
            if iso:
                name = committees.find_in_line(first)
                return Meeting(name, iso, first, start, start + len(first), "beslutsplanering")
    if ctx.doc_type in ("protokoll", "protokollsutdrag") and date and date_span:
        found = header.meeting_date(text, raw_dates=raw_dates)
        if found is not None and found[0] != date and found[3] == "meeting_label":
            # The Datum field of minutes is their meeting date, unless the head labels
            # another date as the meeting's ("Sammanträdesdatum", "Plats och tid").
            iso, start, end, rule = found
            if header.after_meeting_word(text, start):
                return Meeting(ctx.doc_body, iso, text[start:end], start, end, rule)
        return Meeting(
            ctx.doc_body,
            date,
            text[date_span[0] : date_span[1]],
            date_span[0],
            date_span[1],
            "protokoll_header",
        )
    if ctx.doc_type in ("kallelse", "föredragningslista", "handlingar"):
        meeting = _kallelse_meeting(ctx)
        if meeting is not None:
            return meeting
    if ctx.doc_type in _COUNCIL_ITEMS:
        return _council_meeting(ctx, raw_dates)
    if ctx.doc_type in header.MEETING_TYPES and ctx.doc_type != "handlingar":
        # A bundle of handlingar carries the dates of its many documents, not one meeting's.
        notice = ctx.doc_type in NOTICE_TYPES
        found = header.meeting_date(text, raw_dates=raw_dates, notice=notice)
        if found is not None:
            iso, start, end, rule = found
            return Meeting(ctx.doc_body, iso, text[start:end], start, end, rule)
    return None


#: Documents put to the council, dated by the council meeting that took them up.
_COUNCIL_ITEMS = frozenset({"motion", "interpellation", "medborgarförslag"})
#: The council meeting right before its date: "Vi lägger på Kommunfullmäktige den 16/2 2015 en
#: motion", "Motionen avslogs vid kommunfullmäktige 17 februari 2020".
_AT_THE_COUNCIL = re.compile(
    r"(?i)\b(?:på|vid|till)\s+(?:kommun|region|landstings)?fullmäktiges?(?:\s+sammanträde)?"
    r"(?:\s+den)?\s+$"
)


def _council_meeting(ctx: _Context, raw_dates: list[RawDate] | None) -> Meeting | None:
    """The council meeting a motion, interpellation or citizens' proposal names with its date."""
    raws = raw_dates if raw_dates is not None else find_raw_dates(ctx.text)
    for raw in raws:
        if raw.kind != "date" or raw.year is None or raw.month is None or raw.day is None:
            continue
        if _AT_THE_COUNCIL.search(ctx.text, max(0, raw.start - 50), raw.start):
            iso = f"{raw.year:04d}-{raw.month:02d}-{raw.day:02d}"
            return Meeting(
                ctx.doc_body, iso, ctx.text[raw.start : raw.end], raw.start, raw.end, "council_item"
            )
    return None


def _kallelse_meeting(ctx: _Context) -> Meeting | None:
    """The date on a kallelse's "Sammanträde ..." line."""
    for _, line in nonblank(ctx.lines, 15):
        if not re.match(r"(?i)sammanträde\b", line.clean):
            continue
        raws = [r for r in find_raw_dates(line.raw) if r.year is not None]
        mention = resolve(raws[0], line.raw) if raws else None
        if mention is not None:
            return Meeting(
                ctx.doc_body,
                mention.date,
                line.raw.strip(),
                line.start,
                line.end,
                "kallelse_header",
            )
    return None


def _dates(
    ctx: _Context, year: int | None, date_span: tuple[int, int] | None, meeting: Meeting | None
) -> list[DateMention]:
    raws: list[RawDate] = ctx.spacy_doc.user_data.get(DATES_KEY) or []
    anchors = _date_anchors(ctx, raws)
    out = []
    for raw in raws:
        mention = resolve(raw, ctx.text, year, ctx.doc.page_at(raw.start), anchors)
        if mention is None:
            continue
        if date_span and (mention.start, mention.end) == date_span:
            mention.kind = "document"
        elif (
            meeting and meeting.start <= mention.start < meeting.end and mention.kind == "mentioned"
        ):
            mention.kind = "meeting"
        out.append(mention)
    return out


def _date_anchors(ctx: _Context, raws: list[RawDate]) -> list[tuple[int, int]]:
    """(offset, year) of header dates ("Datum\n2023-12-14", "Skickat: den 12 juli 2024")."""
    labelled: list[tuple[int, int]] = []
    for i, line in enumerate(ctx.lines):
        if not _ANCHOR_LABELS.match(line.clean):
            continue
        j = _next_nonblank(ctx.lines, i)
        end = ctx.lines[j].end if j is not None and j == i + 1 else line.end
        labelled.append((line.start, end))
    anchors = []
    for raw in raws:
        if (
            raw.year is not None
            and raw.rule in ("iso", "day_month")
            and any(s <= raw.start < e for s, e in labelled)
        ):
            anchors.append((raw.start, raw.year))
    return anchors


#: A registry series or a body's abbreviation in a head: "KS23-373", "Antagen av PBN".
_ABBREVIATION = re.compile(r"(?<![\w-])([A-ZÅÄÖ]{2,6})(?=\d|[^\w]|$)")


def _body_by_abbreviation(ctx: _Context, limit: int = 600) -> str | None:
    """The body whose abbreviation or registry series the head writes ("KS23-373 Risk- och
    sårbarhetsanalys", "Antagen av PBN 2025-03-13"), where the head names no body in full:
    a series the registry data knows, else the initials of a deciding body the document names
    somewhere ("plan- och byggnadsnämnden" is PBN)."""
    named = {
        name
        for name, *_ in ctx.mentions
        if committees.kind_of(name) in ("nämnd", "fullmäktige", "utskott")
    }
    by_initials: dict[str, set[str]] = {}
    for name in named:
        by_initials.setdefault(committees.initials(name), set()).add(name)
    for match in _ABBREVIATION.finditer(ctx.text[:limit]):
        token = match.group(1)
        known = committees.body_for_series(token)
        if known is not None and committees.kind_of(known) in ("nämnd", "fullmäktige", "utskott"):
            return known
        candidates = by_initials.get(token, set())
        if len(candidates) == 1:
            return next(iter(candidates))
    return None


#: A paragraph of a styrelse's arbetsutskott, numbered in its own series: "KSAU 1
#: Informationer", "Ksau 216", "KS AU 145", "RSAU § 12".
_AU_PARAGRAPH = re.compile(
    r"(?m)(?:^|\s)(?P<series>[KRL])[Ss] ?[Aa][Uu][^\S\n]+§?[^\S\n]*\d{1,3}\b(?![/.:-]\d)"
)
_STYRELSE_OF_SERIES = {"K": "kommunstyrelsen", "R": "regionstyrelsen", "L": "landstingsstyrelsen"}


def working_committee(ctx: _Context, body: str | None, limit: int = 3000) -> str | None:
    """The styrelse's arbetsutskott where minutes read as the styrelse's number their
    paragraphs in the utskott's series ("KSAU 1 Informationer", "Ksau 216 Fastställande av
    dagordning"): the cover names the styrelse whose utskott it is. Else `body`."""
    if body not in _STYRELSE_OF_SERIES.values():
        return body
    match = _AU_PARAGRAPH.search(ctx.text, 0, limit)
    if match is None or _STYRELSE_OF_SERIES[match.group("series")] != body:
        return body
    return committees.arbetsutskott_of(body)


#: A voting member on a protokoll's cover: a name with a party tag ("Kent Larsson (M)").
_MEMBER = re.compile(
    r"\b[A-ZÅÄÖ][\wåäöéü-]+(?: [A-ZÅÄÖ][\wåäöéü-]+){1,3}(?: ?\(\s?[A-ZÅÄÖa-zåäö]{1,4}\s?\)"
    # ... or the party after a comma: "Maria Söderberg, C, ordförande Hans Åsling, C"
    rf"|, ?{RIKSDAG_PARTY}(?![\wåäö]))"
)


def _members(head: str) -> set[str]:
    """The voting members a cover lists, by name (a name written twice counts once)."""
    return {re.split(r"[(,]", m.group(0))[0].strip() for m in _MEMBER.finditer(head)}


#: The chief officer of a municipality or region, who attends its styrelse.
_CHIEF_OFFICER = re.compile(
    r"(?i)\b(?:kommunchef|kommundirektör|regiondirektör|landstingsdirektör)"
)
#: A council has some 30 to 100 members; a styrelse or a nämnd 7 to 25.
_COUNCIL_MEMBERS = 30
#: A styrelse's cover lists its ersättare with party tags too: up to 31 names in the sets
#: gathered for issue 13 (Region Skåne, Landstinget Västernorrland), councils' 45 and more.
_MORE_THAN_A_STYRELSE = 40
_BOARD_MEMBERS = range(9, 26)


def council_by_attendance(ctx: _Context, body: str | None, limit: int = 2500) -> str | None:
    """The council, where minutes read as a styrelse's list forty members or more: the head
    named the styrelse for an item ("Ärendet har beretts av kommunstyrelsen"). Else `body`.
    (The other way round is not read: a council's member list cut by the excerpt looks like a
    styrelse's.)"""
    if body is None or not body.endswith("styrelsen"):
        return body
    if len(_members(ctx.text[:limit])) < _MORE_THAN_A_STYRELSE:
        return body
    return regional_council(ctx.text) or "kommunfullmäktige"


#: Interpellations are put and answered in the council alone.
_INTERPELLATION = re.compile(r"(?i)\binterpellation")


#: A region's or landsting's own name or bodies ("Region Jämtland Härjedalen",
#: "regionstyrelsen", "Landstinget i Kalmar län"), and a municipality's.
_REGION_SIGN = re.compile(
    r"(?i)\bregion(?:en)? [A-ZÅÄÖ]|\bregion(?:fullmäktige|styrelse)|\blandsting(?:et|s(?:fullmäktige|styrelse))"
)
_LANDSTING_SIGN = re.compile(r"(?i)\blandsting(?:et|s(?:fullmäktige|styrelse))")
#: (Written to open with the word "kommun": a pattern that opens with any word, or with a
#: look-behind, is tried at every position of the head.)
_MUNICIPAL_SIGN = re.compile(r"(?i)\bkommun(?:fullmäktige|styrelse|(?<=[^\W\d_]{2} kommun)s?\b)")


def organisation_kind(text: str, limit: int = 3000) -> str | None:
    """ "region" for a region's or landsting's document, "kommun" for a municipality's, None
    where the head does not tell."""
    if regional_council(text, limit) is not None:
        return "region"
    return "kommun" if _MUNICIPAL_SIGN.search(text, 0, limit) else None


def regional_council(text: str, limit: int = 3000) -> str | None:
    """The council a bare "fullmäktige" is in a region's or landsting's document, or None for
    a municipality's (or where the document names both kinds)."""
    low = lower(text)[:limit]
    if "region" not in low and "landsting" not in low:
        return None  # a string test first: most documents are a municipality's
    head = text[:limit]
    if _REGION_SIGN.search(head) is None or _MUNICIPAL_SIGN.search(head) is not None:
        return None
    if _LANDSTING_SIGN.search(head) and "region" not in low:
        return "landstingsfullmäktige"
    return "regionfullmäktige"


#: Minutes that call themselves an unnamed utskott's (its anslag or cover).
_UTSKOTT_MINUTES = re.compile(r"\b[Aa]rbetsutskottets\s+protokoll\b")


def _body_by_attendance(ctx: _Context, limit: int = 2500) -> str | None:
    """The body of minutes or a notice whose head lost its name ("ande organ", an empty
    Beslutsinstans), read as a reader would: thirty members or more, or an interpellation among
    the items, are the council (fullmäktige); nine to twenty-five members with the chief
    officer present, the styrelse."""
    head = ctx.text[:limit]
    members = _members(head)
    council = regional_council(ctx.text) or "kommunfullmäktige"
    if _UTSKOTT_MINUTES.search(head):
        # "Arbetsutskottets protokoll har justerats och anslagits": the styrelse's utskott.
        return committees.arbetsutskott_of(council.replace("fullmäktige", "styrelsen"))
    if len(members) >= _COUNCIL_MEMBERS or _INTERPELLATION.search(head):
        return council
    if len(members) in _BOARD_MEMBERS and _CHIEF_OFFICER.search(head):
        return council.replace("fullmäktige", "styrelsen")
    return None
