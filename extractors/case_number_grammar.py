"""The grammar of case numbers (diarienummer) as data: the shapes of a number with its series,
year, serial and code, the series-less forms read in context, and the patterns of the contexts
themselves (a label, a § heading, a list). The code that reads them is
`extractors.diarienummer`; what makes a match something else is `extractors.case_number_rules`."""

from __future__ import annotations

import re

from extractors.case_number_rules import LABELS

UPPER = "A-ZÅÄÖ"
LOWER = "a-zåäö"
#: A series: capitals ("KS", "KFKS", "SBN/KF"), or a capital and one small letter ("Ks", "Nf"),
#: or two right before a slash (Örnsköldsvik's "Kst/2013:120").
SERIES = (
    rf"(?:[{UPPER}]{{2,6}}(?:[-/][{UPPER}]{{2,6}}(?![\d]))?|[{UPPER}][{LOWER}](?:[{LOWER}](?=/))?)"
)
SERIES_CAPS = rf"[{UPPER}]{{2,6}}"
Y4 = r"(?:19|20)\d{2}(?!\d)"
Y2 = r"\d{2}(?!\d)"
SERIAL_DIGITS = r"\d{1,6}(?!\d)"
#: Between the series and the number: a separator, a space, or nothing ("RS2022/1000"); a
#: full stop only right before the digits ("PLAN.2019.476").
SEP0 = r"(?:[^\S\n]?[-–/:][^\S\n]?|\.(?=\d)|[^\S\n]|)"
#: Between the parts of the number; a line break may follow the separator ("LJ2014/\n1738").
NSEP = r"(?:[^\S\n]?[-–/:.][^\S\n]?\n?)"
#: A filing-plan code or sub-number: "-1.5.2", "-040", "-1", " - 001", ".04", " 51", " 006" (also
#: before a contents line's page number: "Dnr 2016/000035 334 9"), a
#: filing code after one more slash, with its sub-number ("KS/2017/0022/042-20"), and an
#: attachment's sub-number after a slash ("Bilaga KS 2011/229/1", Sala's "KS 2020/37 /2").
CODE = (
    r"(?P<code>[^\S\n]?-[^\S\n]?\d{1,3}(?:[.-]\d{1,3})*|\.\d{2,3}"
    r"|[^\S\n]\d{2,3}(?=[^\S\n]*$|\s+[^\W\d]|[^\S\n]\d{1,3}[^\S\n]*$)|/\d{3}(?:-\d{1,3})?"
    r"|[^\S\n]?/\d{1,2}(?![\d/.:–-]))"
)
NUMBER_START = r"(?<![\w/.–-])"
#: The number may run into the next word ("RS 912-2025Motion") but not into more digits or
#: into the rest of a date or a list of numbers.
NUMBER_END = r"(?!\d)(?![-–/.:]\d)"

#: A series followed by a number of its own is the next number's prefix, not this number's
#: suffix: Sotenäs' "KA 2017/945, 2017/946 KA 2017/608" lists three numbers of series KA.
NEXT_NUMBER_AHEAD = r"(?![^\S\n]?[-/:]?[^\S\n]?(?:19|20)\d\d[-–/:.]\d)"

#: (shape name, pattern). Named groups: series (before) or series2 (after), year, serial, code.
SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # KS 2014/0316, STK-2023-137, KS/2019:479, RS2022/1000, KSF-2023-024-539, KS 2014/144.04
    (
        "series_year_serial",
        re.compile(
            rf"{NUMBER_START}(?P<series>{SERIES}){SEP0}(?P<year>{Y4}){NSEP}(?P<serial>{SERIAL_DIGITS})(?:{CODE})?{NUMBER_END}",
            re.M,
        ),
    ),
    # SN 18/0098, LD14/03799, Ks 00-1009 006 (two-digit year first, serial of 3+ digits)
    (
        "series_yy_serial",
        re.compile(
            rf"{NUMBER_START}(?P<series>{SERIES}){SEP0}(?P<year>{Y2}){NSEP}(?P<serial>\d{{3,6}}(?!\d))(?:{CODE})?{NUMBER_END}",
            re.M,
        ),
    ),
    # Ks 1092/2013, RS 912-2025, KS-0372/ 2021, LS/1245/2008, KS: 8/2015, KS 293//2012, and
    # Region Västerbotten's sub-number after the serial: RS 269:1-2020
    (
        "series_serial_year",
        re.compile(
            rf"{NUMBER_START}(?P<series>{SERIES}){SEP0}(?P<serial>{SERIAL_DIGITS})(?::(?P<sub>\d{{1,3}}))?[^\S\n]?(?:[-–]|//?)[^\S\n]?(?P<year>{Y4})(?:{CODE})?{NUMBER_END}",
            re.M,
        ),
    ),
    # 2014/886-KS, 2017.632 BUN, 2001.653-543 Ks, 2017.632 / BUN wrapped onto the next line
    (
        "year_serial_series",
        re.compile(
            rf"{NUMBER_START}(?P<year>{Y4})[/.:](?P<serial>{SERIAL_DIGITS})"
            # the serial's filing code before the series: Tanum's "2001.653-543 Ks"
            rf"(?:(?P<code3>-\d{{3}})(?![-–/.:]?\d)[^\S\n](?P<series3>{SERIES})"
            rf"|(?![-–/.:]\d)(?:-|[^\S\n])(?P<series2>{SERIES_CAPS}))(?![\w]){NEXT_NUMBER_AHEAD}"
            # a sub-number after the series: "2019/0041 NTN - 1", "2016/0166 KS-2"
            rf"(?P<code2>[^\S\n]?-[^\S\n]?\d{{1,3}}(?![\d.,:/–-]))?"
            # the series wrapped onto the next line (a PDF table cell), alone on that line
            rf"|{NUMBER_START}(?P<year_w>{Y4})[/.:](?P<serial_w>{SERIAL_DIGITS})(?![-–/.:]\d)[^\S\n]*(?:\n[^\S\n]*){{1,2}}(?P<series_w>{SERIES_CAPS})(?=[^\S\n]*(?:\n|$))",
            re.M,
        ),
    ),
    # 09/TN 0044 (a two-digit year, the series, a serial of three digits or more)
    (
        "yy_series_serial_spaced",
        re.compile(
            rf"{NUMBER_START}(?P<year>{Y2})/(?P<series>{SERIES_CAPS})[^\S\n](?P<serial>\d{{3,6}}){NUMBER_END}"
        ),
    ),
    # 2021/KS 0280
    (
        "year_series_serial",
        re.compile(
            rf"{NUMBER_START}(?P<year>{Y4})/(?P<series>{SERIES_CAPS})[\s-]?(?P<serial>{SERIAL_DIGITS})(?:{CODE})?{NUMBER_END}"
        ),
    ),
    # Region Stockholm's (SLL's) "LS 0702-0239": the year and month, then a serial that runs
    # over the year (so the month is left out of the canonical form). Web pages glue it to the
    # word before ("kommunallagenLS 0806-0619"), so only a capital or digit may not precede.
    (
        "series_yymm_serial",
        re.compile(
            rf"(?<![{UPPER}\d/.–-])(?P<series>[{UPPER}]{{2,4}})[^\S\n](?P<year>\d\d)(?:0[1-9]|1[0-2])-(?P<serial>\d{{4}}){NUMBER_END}"
        ),
    ),
    # 24KS139 (two-digit year, series and serial glued)
    (
        "yy_series_serial",
        re.compile(
            rf"{NUMBER_START}(?P<year>\d{{2}})(?P<series>[{UPPER}]{{2,4}})(?P<serial>\d{{1,5}})(?![\w/.-])"
        ),
    ),
)

#: A number without series: digit groups joined by separators, with an optional code
#: ("2024-00134", "0192/22-008", "0015/13 - 200", "109-7-2017", "8-2015", "2018:174").
BARE = re.compile(
    rf"(?<![\w/.:–-])(?:(?P<series>{SERIES}){SEP0})?(?P<number>\d{{1,6}}(?:[^\S\n]?[-–/:.][^\S\n]?\d{{1,6}}){{1,3}})"
    rf"(?P<code>[^\S\n]-[^\S\n]\d{{3}}|[^\S\n]\d{{2,3}}(?=[^\S\n]*$|\s+[^\W\d]|[^\S\n]\d{{1,3}}[^\S\n]*$))?"
    rf"(?:(?:-|[^\S\n])(?P<series2>{SERIES_CAPS})(?![\w]){NEXT_NUMBER_AHEAD})?{NUMBER_END}",
    re.M,
)
#: The series and two-digit year of a "KS 20/365" (`diarienummer._short_serials`).
SHORT_SERIES_YEAR = re.compile(rf"(?P<series>{SERIES})[^\S\n]?(?P<year>\d\d)/\d{{3}}")

#: A registry's running number alone after a label: "292620", Region Skåne's "1402523".
SIX_DIGITS = re.compile(r"(?<![\w/.:-])\d{6,7}(?![\w/.:-])")
#: A shorter running number, read only right after a label: Gnosjö's "Dnr. 12440" (alone,
#: five digits are as likely a postcode or an amount).
LABELLED_RUN = re.compile(r"(?<![\w/.:-])\d{5}(?![\w/:-]|[.,]\d|[^\S\n]\d)")

LABEL = re.compile(
    r"(?<![\w-])(?i:"
    + "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in LABELS)
    + r")\.?[^\S\n]*:?[^\S\n]*(?:\n[^\S\n]*){0,2}"
)
#: The start of a § heading line, up to its number: "§ 14 ", "KS § 80 ", "Kf § 275 ".
PARAGRAPH_HEAD = re.compile(
    rf"(?m)^[^\S\n]*(?:[{UPPER}][\w]{{0,5}}[^\S\n]+)?§[^\S\n]*\d+[^\S\n]?[a-z]?[^\S\n]+"
)
#: A § heading whose sign the PDF-to-text step lost, behind the page numbers of a flattened
#: page: "5 5 Kf 81 04/31 Svar på interpellation …" (Nässjö). Alone "Kf 81" could be anything;
#: it is read as a heading only where the same series numbers two or more lines in a row.
#: Matched at the text's start and after each line break (`diarienummer._signless_headings`).
SIGNLESS_HEAD = re.compile(
    rf"[^\S\n]*(?:\d{{1,3}}[^\S\n]+){{0,2}}(?P<series>[{UPPER}][a-zåäö{UPPER}]{{1,4}})[^\S\n]+"
    r"(?P<number>\d{1,4})[^\S\n]+(?=\d)"
)
SIGNLESS_HEAD_AFTER_BREAK = re.compile("\n" + SIGNLESS_HEAD.pattern)
#: Items of a list after a label: "KS-0372/ 2021, KS-0373/ 2021 och KS-0490/ 2021".
LIST_SEP = re.compile(r"[^\S\n]*(?:,|;|\boch\b|&)[^\S\n]*")
#: A label heading alone on its line (a table's column heading, flattened to lines).
LABEL_HEADING = re.compile(
    r"(?im)^[^\S\n]*(?:" + "|".join(re.escape(x) for x in LABELS) + r")[^\S\n]*:?[^\S\n]*$"
)
#: A cell of such a column: the number, and its series after it (Tanum's "2001.653-543 Ks").
OWN_LINE = re.compile(
    rf"(?m)^[^\S\n]*(\d[\d/:.–-]*\d(?:[^\S\n](?P<series>{SERIES})(?![\w]))?)[^\S\n]*$"
)
DATE_LIKE = re.compile(
    r"^(?:(?:19|20)\d{2}[-–/.](?:0?[1-9]|1[0-2])[-–/.](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])[-–/.](?:0?[1-9]|1[0-2])[-–/.](?:19|20)?\d{2})$"
)

#: A series-less number in brackets after an item's title, the way agendas write the case
#: ("Yttrande över revisionsrapport (2019/1311)"): year, slash, a serial of 3 digits or more;
#: or year, colon, serial ("(2015:172)"), the shape of a statute ("kommunallagen (2017:725)"),
#: so taken only where the document writes the same number with its series (`_confirmed`).
BRACKETED = re.compile(r"\((?P<year>(?:19|20)\d\d)(?P<sep>[/:])(?P<serial>\d{1,6})\)")
#: A registry's compact number in brackets after an item ("… avsagt sig uppdraget (RV180949)"):
#: series, two-digit year and a four-digit serial glued. Outside brackets the same shape is a
#: meeting code ("KS190930"), so only the bracketed form (or a labelled one) is read.
COMPACT = re.compile(rf"[{UPPER}]{{2,4}}\d{{6}}")
BRACKETED_COMPACT = re.compile(
    rf"\((?P<series>[{UPPER}]{{2,4}})(?P<year>\d{{2}})(?P<serial>\d{{4}})\)"
)

#: A series-less "year/serial" with its filing code, as a list of items writes it after each
#: title ("§ 185 Verksamhetsplan … 2020/23 041 6 - 7", an agenda's Dnr column "2017/26 3-7").
YEAR_SLASH_SERIAL = re.compile(
    r"(?<![\w/.:–-])(?P<year>(?:19|20)\d\d)/(?P<serial>\d{1,5})(?P<code>[^\S\n]\d{3})?"
    r"(?![\w/]|[.:–-]\d)"
)
#: A list holds this many distinct ones before they are read as case numbers: one "2020/23"
#: alone may be a span of years, a dozen after a dozen titles is a registry's column.
LISTED_AT_LEAST = 3
#: A series, a slash and a two-digit year glued to a four-digit serial: Landstinget i
#: Värmland's "LK/131787" (2013, serial 1787). Six digits alone could be anything; a list of
#: `LISTED_AT_LEAST` distinct ones in one series vouches for them (`listed_glued_serials`),
#: and a person who types one means a case number (`diarienummer.parse_value`).
GLUED_YEAR_SERIAL = re.compile(
    rf"(?<![\w/.–-])(?P<series>[{UPPER}]{{2,4}})/(?P<year>\d\d)(?P<serial>\d{{4}})"
    r"(?![\w/]|[-–.:]\d)"
)
#: The same with a two-digit year, in a document that labels its case numbers somewhere (a
#: "Dnr nr" column heading): Kiruna's "1 Avsägelser 1 12/30 69 … 3 11/896 71". The serial is
#: above twelve or has three digits, so that no "15/3" date is read.
SHORT_YEAR_SERIAL = re.compile(
    r"(?<![\w/.:–-])(?P<year>\d{2})/(?P<serial>1[3-9]|[2-9]\d|\d{3,5})(?![\w/]|[.:–-]\d)"
)

#: After a label, a value of any shape: an optional series (any case: "Kst", "MB"), then one
#: token of digits, letters and separators with three digits or more ("RS-LED22-1011",
#: "RV220315", "MB 2020-1187"); dates and years are not taken.
ANY_VALUE = re.compile(
    rf"(?:(?P<series>[{UPPER}][^\W\d_]{{0,5}})[^\S\n]?[-/:]?[^\S\n]?(?=\d))?"
    rf"(?P<token>[{UPPER}\d][\w]*(?:[-–/:.][\w]+)*)"
)
#: A series alone at the end of a line, its number on the next ("Dnr SBN" / "2013/77").
SERIES_EOL = re.compile(rf"[{UPPER}][\w]{{1,5}}[^\S\n]*\n[^\S\n]*(?=\d)")

# --- values read only after a label (`diarienummer._any_value`, `_digit_groups`, `_short_pair`)

#: A year and then the series glued to a zero-padded serial: Hylte's "Dnr 2013 KS0012".
YEAR_THEN_SERIAL = re.compile(
    rf"((?:19|20)\d\d)[^\S\n]+([{UPPER}]{{2,6}})-?(\d{{3,6}})(?![\w/.:–-])"
)
#: Digit groups of any lengths ("210-11038"): five digits or more in all.
DIGIT_GROUPS = re.compile(r"\d{1,6}(?:[-–/:.]\d{1,6}){1,3}(?![\w/:.–-]*\d)")
#: A dotted value with a two-digit year, a registry's number, not a date (Årjäng's "2.10.31").
DOTTED_SHORT = re.compile(r"\d{1,3}\.\d{2}\.\d{2}")
#: Two short numbers, one of them a two-digit year: "Dnr 13/33", "Dnr 8/15".
SHORT_PAIR = re.compile(r"(\d{1,4})/(\d{2})(?![\d/.:–-]|[^\S\n]?\d)")
