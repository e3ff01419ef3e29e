"""People named with a role: header fields, attendance lists, signatures, presenters.

Each rule family is one function over the document's lines; `find_persons` runs them all and
keeps one `Person` per (name, role). Roles (`Person.role`):

======================  ==========================================================================
``vår referens``        the officer in a tjänsteskrivelse's "Vår referens" field
``ansvarig``            a name under "Ansvariga"
``ordförande``          "Ordförande" label or signature, "Ordförande X (M) konstaterar ..."
``vice ordförande``     "X (M), 1:e vice ordförande" in an attendance list
``sekreterare``         "Sekreterare" label, or the sekreterare column of a signature pair
``justerare``           "Protokolljusterare", "Utses att justera X och Y", "Val av justerare" row
``ledamot``             a member under "Beslutande"
``ersättare``           a substitute ("X (V) ersätter Y", "Övriga närvarande Ersättare", "Ej beslutande")
``tjänsteperson``       an officer present ("X, kommunsekreterare" under "Tjänstepersoner")
``föredragande``        "Föredragande: X, title" in an agenda
``handläggare``         the contact person in a tjänsteskrivelse's letterhead or footer
``undertecknare``       a signature of a tjänsteskrivelse or yttrande (name over title)
``omnämnd``             any other name: in a flattened attendance list, with a party tag, in prose
======================  ==========================================================================

Names are two to four capitalised words ("Per-Axel Landström", "Karin Knutsson Friberg");
words in capitals only ("FREDRIK HANSSON" of an e-signature log) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.doctype import Line
from extractors.model import Person, Section
from extractors.person_words import (
    is_given_name,
    is_title,
    job_titles,
    not_names,
    parties,
    places,
)

_WORD = r"[A-ZÅÄÖÉ][a-zåäöéíüæøáóè]+(?:-[A-ZÅÄÖ][a-zåäöéíüæøáóè]+)?"
#: A name whose words are separated by one space (columns are separated by two or more).
NAME_1SP = _WORD + r"(?: (?:von |af |de |van )?" + _WORD + r"){1,3}"
#: A whole string that is a name (any whitespace between its words).
NAME = re.compile(r"^" + _WORD + r"(?:\s+(?:von |af |de |van )?" + _WORD + r"){1,3}$")

#: Header and signature labels and the role they give.
PERSON_LABELS: dict[str, str] = {
    "ordförande": "ordförande",
    "sekreterare": "sekreterare",
    "protokolljusterare": "justerare",
    "justerare": "justerare",
    "justerande": "justerare",
}
_INLINE_PERSON = re.compile(
    r"^(?P<label>Ordförande|Sekreterare|Protokolljusterare|Justerare|Justerande)[ \t]+"
    r"(?P<name>" + NAME_1SP + r")(?:[ \t]*\([A-ZÅÄÖa-zåäö]{1,3}\))?(?=[ \t]{2,}|[ \t]*$)"
)
#: Words of attendance-list labels that a name pattern must not swallow.
_LABEL_WORDS = frozenset(
    {
        "Beslutande",
        "Ledamöter",
        "Tjänstgörande",
        "Övriga",
        "Ersättare",
        "Tjänstepersoner",
        "Ej",
        "Personalföreträdare",
        "Närvarande",
        "Ordinarie",
        "Reserv",
        "Digital",
        "Föredragande",
    }
)
_ATTENDANCE_START = re.compile(
    r"^(?P<label>Beslutande|Övriga närvarande|Ej beslutande|Övriga deltagande)\b"
)
_ATTENDANCE_END = re.compile(
    r"(?i)^(?:plats och tid för justering|justeringens plats|underskrifter|utses att justera|"
    r"sekreterare\b|paragrafer\b|anslag)"
)
_POLITICIAN = re.compile(r"(?P<name>" + NAME_1SP + r")\s*\((?P<party>[A-Za-zÅÄÖåäö]{1,4})\)")
_OFFICER = re.compile(
    r"(?:^|\s{2,})(?P<name>" + NAME_1SP + r"),(?:[ \t]*(?P<title>[^,\n]{2,60}?))?(?=,|\s{2,}|$)"
)
_CHAIR_IN_PROSE = re.compile(
    r"(?:^|[.:]\s+|\b(?!vice\b)[a-zåäö]+\s+)(?:(?P<body>[A-ZÅÄÖ][a-zåäö]+s) )?[Oo]rdförande[n]?\s+"
    r"(?P<name>" + NAME_1SP + r")(?:\s*\([A-Za-zÅÄÖåäö]{1,3}\))?\s+[a-zåäö]"
)
_ROLE_IN_PARENS = re.compile(
    r"(?P<name>" + NAME_1SP + r")\s*\(?(?P<role>Ledamot|Ordförande|Vice ordförande|Ersättare)"
    r"\s+[A-ZÅÄÖ]{1,3}\)"
)
#: The first word of a line that can hold a person field (a cheap test before the full rules).
_FIELD_START = re.compile(
    r"(?:Vår referens|Ordförande|Sekreterare|Protokolljusterare|Justerare|Justerande|"
    r"Underskrifter|Utses att justera)\b"
)
_JUSTERA = re.compile(r"(?i)^utses att justera\s+(?P<names>.+)$")
_PRESENTER = re.compile(r"Föredragande:\s*(?P<rest>[^|]+)")
#: As `extraction_rules._ADDRESS` (the same pattern: the lines it finds are cached per text).
_ADDRESS = re.compile(r"[\dB](?<!\w[\dB])(?:(?<=\d)\d\d \d{2}\b(?! \d)|(?<=B)esöksadress\b)")
#: The role of a signature column by its label.
_SIGNATURE_ROLES = (("vice ordförande", "vice ordförande"), ("ordförande", "ordförande"))


def split_name_title(text: str) -> tuple[str, str | None] | None:
    """``"Anna Bertilsson Direktör"`` -> ``("Anna Bertilsson", "Direktör")``.

    >>> split_name_title("Vesna Vasiljkovic Avdelningschef")
    ('Vesna Vasiljkovic', 'Avdelningschef')
    >>> split_name_title("Thure Sandén (M)")
    ('Thure Sandén', None)
    >>> split_name_title("Förslag till beslut") is None
    True
    """
    text = re.sub(r"\s*\([A-ZÅÄÖa-zåäö]{1,3}\)\s*", " ", text).strip(" ,")
    lower = text.lower()
    for title in job_titles():
        if lower.endswith(" " + title):
            name = text[: -len(title)].strip(" ,")
            if NAME.match(name):
                return name, text[-len(title) :]
    if NAME.match(text):
        return text, None
    return None


def _strip_labels(name: str) -> str | None:
    words = name.split(" ")
    while words and words[0] in _LABEL_WORDS:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


@dataclass
class _Found:
    lines: list[Line]
    out: list[Person] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)
    claimed: set[int] = field(default_factory=set)  # line indexes already read as a field

    def add(self, name: str, role: str, line: int, rule: str, title: str | None = None) -> None:
        name = _SPACES.sub(" ", name).strip()
        words = name.split(" ")
        while len(words) > 2 and words[-1].lower() in not_names():
            words.pop()  # "Ronny Löfquist Underskrifter"
        name = " ".join(words)
        if len(words) == 4 and is_given_name(words[0]) and is_given_name(words[2]):
            # Two names side by side read as one: "Alexander Engman Anna Roos".
            self.add(" ".join(words[:2]), role, line, rule, title)
            self.add(" ".join(words[2:]), role, line, rule, title)
            return
        if (name, role) in self.seen or not NAME.match(name) or name.isupper():
            return
        self.seen.add((name, role))
        raw = self.lines[line]
        found = raw.raw.find(name.split(" ")[0])
        s = raw.start + max(0, found)
        title = title.strip(" ,.") if title else None
        self.out.append(
            Person(name=name, title=title or None, role=role, start=s, end=s + len(name), rule=rule)
        )

    def add_at(self, name: str, role: str, start: int, rule: str) -> None:
        """A name whose offset in the text is known."""
        if (name, role) in self.seen:
            return
        self.seen.add((name, role))
        self.out.append(
            Person(name=name, title=None, role=role, start=start, end=start + len(name), rule=rule)
        )


def find_persons(
    lines: list[Line], sections: list[Section], part_kind: Callable[[int], str]
) -> list[Person]:
    """Every person the rules find, in rule order; `part_kind(offset)` names the kind of the
    document (or bundle part) that holds an offset."""
    found = _Found(lines)
    _header_fields(found, lines)
    _attendance(found, lines)
    near_address = _address_lines(lines)  # read by both rules below
    _signatures(found, lines, part_kind, near_address)
    _contacts(found, lines, part_kind, near_address)
    _prose_roles(found, lines)
    _agenda_roles(found, lines)
    _ansvariga(found, lines, sections)
    _listed_names(found, lines)
    return found.out


def _next_nonblank(lines: list[Line], index: int, limit: int = 4) -> int | None:
    for j in range(index + 1, min(len(lines), index + limit)):
        clean = lines[j].clean
        if clean and not _LEADER_LINE.fullmatch(clean):
            return j
    return None


#: Compiled once: `_header_fields` cleans every field line's key with them.
_FIELD_LEADER_END = re.compile(r"[.…_\s]+$")
_FIELD_SIGNATURES = re.compile(r"^underskrifter\s+")
_FIELD_LEADER = re.compile(r"\s*[.…_]{3,}.*$")
#: An agenda row's item number ("3", "3.").
_ITEM_NUMBER = re.compile(r"\d+\.?")


def _header_fields(found: _Found, lines: list[Line]) -> None:
    """ "Vår referens" / "Ordförande" / "Sekreterare" over the value, or on the same line."""
    for i, line in enumerate(lines):
        if not line.clean[:1].isupper() or not _FIELD_START.match(line.clean):
            continue
        key = _FIELD_LEADER_END.sub("", line.clean.lower().rstrip(":"))
        key = _FIELD_SIGNATURES.sub("", key)
        key = _FIELD_LEADER.sub("", key)
        if key == "vår referens":
            j = _next_nonblank(lines, i)
            parsed = split_name_title(lines[j].clean) if j is not None else None
            if j is not None and parsed:
                name, title = parsed
                k = _next_nonblank(lines, j)
                if title is None and k is not None and is_title(lines[k].clean):
                    title = lines[k].clean
                    found.claimed.add(k)
                found.add(name, "vår referens", j, "var_referens", title)
                found.claimed.add(j)
            continue
        if key in PERSON_LABELS and line.clean[:1].isupper():
            j = _next_nonblank(lines, i)
            if j is None:
                continue
            value = lines[j].clean
            parsed = split_name_title(value)
            words = value.split()
            if PERSON_LABELS[key] == "justerare" and len(words) == 4 and parsed:
                # Two justerare side by side: "Patrik Köhler Nedzad Talovic".
                found.add(" ".join(words[:2]), "justerare", j, "signature")
                found.add(" ".join(words[2:]), "justerare", j, "signature")
            elif parsed:
                found.add(parsed[0], PERSON_LABELS[key], j, "signature", parsed[1])
            found.claimed.add(j)
            continue
        inline = _INLINE_PERSON.match(line.raw)
        if inline:
            role = PERSON_LABELS[inline.group("label").lower()]
            found.add(inline.group("name"), role, i, "protokoll_header")
            continue
        justera = _JUSTERA.match(line.clean)
        if justera:
            for piece in re.split(r",|\boch\b", justera.group("names")):
                found.add(piece.strip(), "justerare", i, "utses_att_justera")


def _attendance(found: _Found, lines: list[Line]) -> None:
    """The attendance list of minutes: members under "Beslutande" (with their chair roles),
    substitutes, and officers ("Name, title" or "Title Name") under "Övriga närvarande"."""
    group: str | None = None
    for i, line in enumerate(lines[:120]):
        raw = line.raw
        start = _ATTENDANCE_START.match(line.clean)
        if start:
            group = "ledamot" if start.group("label") == "Beslutande" else "närvarande"
        elif group is not None and _ATTENDANCE_END.match(line.clean):
            group = None
        if group is None:
            continue
        found.claimed.add(i)
        taken: list[tuple[int, int]] = []
        matches = list(_POLITICIAN.finditer(raw))
        for k, match in enumerate(matches):
            name = _strip_labels(match.group("name"))
            after_end = matches[k + 1].start() if k + 1 < len(matches) else len(raw)
            after = raw[match.end() : after_end]
            taken.append(match.span())
            if name is None:
                continue
            if match.group("party").upper() not in parties():
                found.add(name, "tjänsteperson", i, "attendance")
                continue
            if re.match(r"\s*ersätter\b", after):
                found.add(name, "ersättare", i, "attendance")
                continue
            found.add(name, group if group == "ledamot" else "ersättare", i, "attendance")
            function = re.match(r"\s*,\s*(?P<f>(?:\d:e )?(?:vice )?ordförande)", after, re.I)
            if function:
                role = "vice ordförande" if "vice" in function.group("f").lower() else "ordförande"
                found.add(name, role, i, "attendance")
        for match in _OFFICER.finditer(raw):
            if any(s <= match.start("name") < e for s, e in taken):
                continue
            name = _strip_labels(match.group("name"))
            if name:
                found.add(name, "tjänsteperson", i, "attendance", match.group("title"))
        titled = re.search(r"(?P<title>[A-ZÅÄÖ][a-zåäö]+)\s+(?P<name>" + NAME_1SP + r")\s*$", raw)
        if group == "närvarande" and titled and is_title(titled.group("title")):
            found.add(titled.group("name"), "tjänsteperson", i, "attendance", titled.group("title"))


_COLUMN_GAP = re.compile(r"\s{2,}")


def _columns(raw: str) -> list[str]:
    return [c for c in _COLUMN_GAP.split(raw.strip()) if c]


def _signatures(
    found: _Found, lines: list[Line], part_kind: Callable[[int], str], near_address: set[int]
) -> None:
    """Names over roles or titles: "Lisa Andersson    Patrik Johansson" over "ordförande
    kommunsekreterare" (a kallelse's signature pair), "Katarina Öryd    Sofie Axelsson" over
    "Förvaltningschef    Nämndsekreterare" (a tjänsteskrivelse's signers)."""
    for i, line in enumerate(lines):
        if i in found.claimed or not line.clean[:1].isupper() or len(line.clean) > 90:
            continue
        names = _columns(line.raw)
        if not names or len(names) > 2 or not all(NAME.match(n) and not n.isupper() for n in names):
            continue
        if i in near_address:
            continue
        j = _next_nonblank(lines, i, limit=4)
        if j is None:
            continue
        labels = _columns(lines[j].raw)
        if len(labels) != len(names) or not all(_signature_label(x) for x in labels):
            continue
        kind = part_kind(line.start)
        for name, label in zip(names, labels, strict=True):
            role = _signature_role(label, kind)
            found.add(name, role, i, "signature_block", None if role != "undertecknare" else label)
        found.claimed.update({i, j})
    # "Katarina Öryd, förvaltningschef Bygg- och miljöförvaltningen" closing a tjänsteskrivelse.
    for i, line in enumerate(lines):
        if i in found.claimed or "," not in line.clean[:45] or not line.clean[:1].isupper():
            continue
        if part_kind(line.start) not in ("tjänsteskrivelse", "yttrande"):
            continue
        signed = re.match(
            r"^(?P<name>" + NAME_1SP + r"), (?P<title>[a-zåäö][^,]{2,60})$", line.clean
        )
        if signed and is_title(signed.group("title").split(" ")[0]):
            found.add(
                signed.group("name"), "undertecknare", i, "signature_line", signed.group("title")
            )


def _signature_label(text: str) -> bool:
    lower = text.lower()
    return lower.endswith(("ordförande", "sekreterare")) or is_title(text)


def _signature_role(label: str, part_kind: str) -> str:
    lower = label.lower()
    if part_kind in ("kallelse", "protokoll", "protokollsutdrag", "föredragningslista"):
        for word, role in _SIGNATURE_ROLES:
            if lower.endswith(word):
                return role
        if lower.endswith("sekreterare"):
            return "sekreterare"
    return "undertecknare"


def _address_lines(
    lines: list[Line], reach: int = 3, address: re.Pattern[str] = _ADDRESS
) -> set[int]:
    """Indexes of the lines within `reach` lines of a postal address line (`address`)."""
    out: set[int] = set()
    for line in _matching_lines("\n".join(line.raw for line in lines), address):
        out.update(range(max(0, line - reach), min(len(lines), line + reach + 1)))
    return out


@lru_cache(maxsize=1)
def _matching_lines(text: str, pattern: re.Pattern[str]) -> tuple[int, ...]:
    """The numbers of the lines of `text` in which `pattern` (never crossing a line break)
    matches. One search over the whole text instead of one per line (a match's line is the
    number of breaks before it); cached, as the persons here and the authors of
    `extractors.document_bodies` look for the same document's address lines (a search of the
    whole text for a pattern that opens with \\b costs milliseconds)."""
    out: list[int] = []
    line, counted = 0, 0
    for match in pattern.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        out.append(line)
    return tuple(out)


def _contacts(
    found: _Found, lines: list[Line], part_kind: Callable[[int], str], near_address: set[int]
) -> None:
    """The contact person of a tjänsteskrivelse: a name on a line of its own in the letterhead
    or footer (next to the postal address), with the title a line or two below."""
    for i in sorted(near_address):
        line = lines[i]
        if i in found.claimed or not line.clean[:1].isupper():
            continue
        if part_kind(line.start) not in ("tjänsteskrivelse", "yttrande"):
            continue
        columns = _columns(line.raw)
        if not columns or not NAME.match(columns[0]) or columns[0].isupper():
            continue
        title = None
        for j in range(i + 1, min(len(lines), i + 4)):
            first = _columns(lines[j].raw)[:1]
            if first and is_title(first[0]):
                title = first[0]
                break
        found.add(columns[0], "handläggare", i, "contact_block", title)
        found.claimed.add(i)
    # A single signature over a title: "Sofia Jonsson" / "Administrativ chef".
    for i, line in enumerate(lines):
        if i in found.claimed or i in near_address or not line.clean[:1].isupper():
            continue
        if not NAME.match(line.clean) or line.clean.isupper():
            continue
        if part_kind(line.start) not in ("tjänsteskrivelse", "yttrande"):
            continue
        below = _next_nonblank(lines, i)
        if below is not None and is_title(lines[below].clean):
            found.add(line.clean, "undertecknare", i, "signature_block", lines[below].clean)


def _prose_roles(found: _Found, lines: list[Line]) -> None:
    """ "Ordförande Thure Sandén (M) konstaterar ...", "Kommunstyrelsens ordförande Ewa Engdahl
    efterhör ...", and roles in parentheses of signed initiatives "(Ledamot M)"."""
    for i, line in enumerate(lines):
        raw = line.raw
        if "rdförande" in raw:
            for match in _CHAIR_IN_PROSE.finditer(raw):
                found.add(match.group("name"), "ordförande", i, "chair_in_prose")
        if "edamot" not in raw and "rdförande" not in raw and "rsättare" not in raw:
            continue
        for match in _ROLE_IN_PARENS.finditer(raw):
            found.add(match.group("name"), match.group("role").lower(), i, "role_in_parentheses")


def _agenda_roles(found: _Found, lines: list[Line]) -> None:
    """Agenda rows: "Val av justerare | Ordinarie: X (S) Ersättare: Y (M)" names justerare;
    "Föredragande: X, title och Y, title" names presenters."""
    for i, line in enumerate(lines):
        raw = line.raw.replace("<br>", " ")
        if "|" not in raw:
            continue
        cells = [c.strip() for c in raw.strip().strip("|").split("|")]
        lead = next((k for k, c in enumerate(cells) if c and not _ITEM_NUMBER.fullmatch(c)), None)
        if lead is not None and "justerare" in cells[lead].lower():
            for cell in cells[lead + 1 :]:
                for match in re.finditer(NAME_1SP, cell):
                    name = _strip_labels(match.group(0))
                    if name:
                        found.add(name, "justerare", i, "agenda_justerare")
        for presenter in _PRESENTER.finditer(raw):
            rest = presenter.group("rest")
            names = list(re.finditer(NAME_1SP, rest))
            for k, match in enumerate(names):
                tail = rest[match.end() : names[k + 1].start() if k + 1 < len(names) else len(rest)]
                title = re.match(r",\s*(?P<t>[^,]+?)(?:\s+och\s*$|\s*$|,)", tail)
                found.add(
                    match.group(0),
                    "föredragande",
                    i,
                    "foredragande",
                    title.group("t") if title else None,
                )


def _ansvariga(found: _Found, lines: list[Line], sections: list[Section]) -> None:
    for section in sections:
        if section.kind != "ansvariga":
            continue
        for i, line in enumerate(lines):
            if line.start < section.start or line.start >= section.end + 1 or not line.clean:
                continue
            if line.clean.lower().rstrip(":") == "ansvariga":
                continue
            parsed = split_name_title(line.clean)
            if parsed:
                found.add(parsed[0], "ansvarig", i, "ansvariga", parsed[1])


# --------------------------------------------------------------------------- names in lists

#: A capitalised word that can be part of a name ("Anna-Karin", "GunMarie", "Hans-inge").
_NAME_TOKEN = re.compile(
    r"[A-ZÅÄÖÉÜØÆ][a-zåäöéüæøáóèíñçëï]+(?:[A-ZÅÄÖ][a-zåäöéü]+)?(?:-[A-Za-zÅÄÖ][a-zåäöéüæøáóè]+)*"
)
#: One token of a line: a tag in parentheses, a word (without the periods that end it), or a
#: punctuation mark. The word is written greedy, up to its last character that is not a period:
#: a lazy word with a look-ahead at each character was the slowest part of reading names.
_TOKEN = re.compile(
    r"\([^()\n]{1,40}\)|[A-ZÅÄÖ]\.(?=\s)|[^\s(),;:|*\"”“]*[^\s(),;:|*\"”“.]"
    r"|[.(),;:|*\"”“]"
)
#: A word glued to the name after it: "förteckningMats Törnquist".
_GLUED_AFTER_WORD = re.compile(r"[a-zåäö]{3,}(?=[A-ZÅÄÖ][a-zåäö]+$)")
_INITIAL = re.compile(r"[A-ZÅÄÖ]\.?")
_PARTICLES = frozenset({"von", "af", "de", "van", "in", "der", "la"})
#: Endings of words that name bodies, offices, places and roles, never a person.
_NOT_NAME_END = re.compile(
    r"(?i)(?:nämnd|nämnden|nämndens|styrelse|styrelsen|styrelsens|förvaltning|förvaltningen|"
    r"fullmäktige|fullmäktiges|kommun|kommuns|utskott|utskottet|utskottets|enheten|avdelningen|"
    r"huset|salen|rummet|gatan|vägen|torget|skolan|regionen|landstinget|kontoret|bolaget|"
    r"sekreterare|ordförande|ledamot|ledamöter|ersättare|chef|direktör|datum|protokoll|"
    r"förbundet|rådet|verket|ningen|ningar|heten|tionen)$"
)
#: Two capitalised words in a row (a cheap test before a line is cut into names).
_TWO_CAPITALISED = re.compile(
    r"[A-ZÅÄÖÉÜØÆ][a-zåäöéüæøáóèíñçëï-]+(?:[A-ZÅÄÖ][a-zåäö]+)?[ \t]+"
    r"(?:[A-ZÅÄÖ]\.?[ \t]+|(?:von|af|de|van|in|der|la)[ \t]+)?[A-ZÅÄÖÉÜØÆ][a-zåäöéü]"
)
#: Nouns after a name in the genitive: "Martti Hopponens (SD) motion".
_GENITIVE_NOUN = re.compile(
    r"(?:motion|medborgarförslag|interpellation|fråga|förslag|yrkande|skrivelse|initiativ|"
    r"reservation|avsägelse|begäran|anmälan|ansökan|ställe|uppdrag)\b"
)
#: Words after a name that make it a street or place: "John Bauers väg".
_STREET = re.compile(r"\s*(?:väg|vägen|gata|gatan|gränd|torg|torget|plats|park|parken|allé)\b")
#: A party tag: "(S)", "(MP)", "(-)", "(oberoende, tidigare KD)".
_PARTY_TAG = re.compile(
    r"\((?:[A-ZÅÄÖ]{1,4}|[A-ZÅÄÖ][a-zåäö]{0,3}|[a-zåäö]{1,3}|-|oberoende[^)]*|"
    r"[a-zåäö]+ [A-ZÅÄÖ]{1,4})\)$"
)


@lru_cache(maxsize=8192)
def _name_word(word: str) -> bool:
    """A word that may stand in a name: capitalised, not a label, title, body or place."""
    if not _NAME_TOKEN.fullmatch(word) or word.isupper():
        return False
    lower = word.lower()
    if lower in not_names() or lower in places() or _NOT_NAME_END.search(lower):
        return False
    return not is_title(word)


def _surname_word(word: str) -> bool:
    return _name_word(word) and not is_given_name(word)


def names_in_line(raw: str) -> list[tuple[str, int, int, bool]]:
    """Names in a line of running names, as (name, start, end, party-tagged).

    A name starts with a given name (`given_names`) and goes on with surnames; a second given
    name counts when a surname follows ("Carl Fredrik Graf"). A party tag after a name whose
    given name is unknown still marks the last two words as a name.

    >>> [n for n, *_ in names_in_line("Beslutande Robert Uitto Christer Siwertsson Karin "
    ...     "Strandberg Nöjd Bo Danielsson för Monalisa Norrman")]
    ['Robert Uitto', 'Christer Siwertsson', 'Karin Strandberg Nöjd', 'Bo Danielsson']
    >>> [n for n, *_ in names_in_line("Kerstin Lidén (V)Fredrik Jörgensen (C) Sten G Johansson")]
    ['Kerstin Lidén', 'Fredrik Jörgensen', 'Sten G Johansson']
    >>> [n for n, *_ in names_in_line("Utses att justera Wojciech Nedzewicz (MP), ordförande")]
    ['Wojciech Nedzewicz']
    """
    tokens = []
    for m in _TOKEN.finditer(raw):
        word = m.group(0)
        # Cheap test first: a glued word opens in lower case and holds a capital.
        glued = _GLUED_AFTER_WORD.match(word) if word[:1].islower() and not word.islower() else None
        if glued and is_given_name(word[glued.end() :]):
            tokens.append((word[glued.end() :], m.start() + glued.end(), m.end()))
        else:
            tokens.append((word, m.start(), m.end()))
    out: list[tuple[str, int, int, bool]] = []
    run: list[tuple[str, int, int]] = []

    def flush(tag: bool) -> None:
        if not run:
            return
        found = _segment(run)
        if tag and run:
            # Only a known party's tag (not "(RSG)" after "Räddningstjänsten Storgöteborg").
            last_end = run[-1][2]
            if found and len(run) >= 2 and found[-1][2] == run[-2][2] and _name_word(run[-1][0]):
                # "Gunilla Grudevall Sten (FP)": a last surname that is also a given name.
                name, s, _ = found[-1]
                if len(name.split(" ")) == 2:
                    found[-1] = (f"{name} {run[-1][0]}", s, last_end)
            if not found or found[-1][2] != last_end:
                # A tagged name with an unknown given name: its last two words.
                tail = run[-2:]
                if len(tail) == 2 and all(_name_word(w) for w, _, _ in tail):
                    found = [f for f in found if f[2] <= tail[0][1]]
                    found.append((f"{tail[0][0]} {tail[1][0]}", tail[0][1], tail[1][2]))
        for k, (name, s, e) in enumerate(found):
            out.append((name, s, e, tag and k == len(found) - 1 and e == run[-1][2]))
        run.clear()

    for k, (tok, s, e) in enumerate(tokens):
        gap = raw[tokens[k - 1][2] : s] if k else ""
        if run and ("  " in gap or "\t" in gap):
            flush(False)
        if (tok[:1].isupper() and _NAME_TOKEN.fullmatch(tok)) or (
            run and (_INITIAL.fullmatch(tok) or tok in _PARTICLES)
        ):
            run.append((tok, s, e))
            continue
        if run:
            flush(_is_party_tag(tok))
    flush(False)
    return out


def _is_party_tag(token: str) -> bool:
    """ "(S)", "(MP)", "(-)", "(oberoende, tidigare KD)"; not "(RSG)" or "(KF)".

    >>> _is_party_tag("(MP)"), _is_party_tag("(-)"), _is_party_tag("(RSG)")
    (True, True, False)
    """
    if not _PARTY_TAG.match(token):
        return False
    inner = token[1:-1].strip()
    return inner == "-" or inner.lower().startswith("oberoende") or inner.upper() in parties()


#: Compiled once: these run on every name and line (re's cache lookup per call was measurable).
_SPACES = re.compile(r"\s+")
_LEADER_LINE = re.compile(r"[.\s_…]+")
_GLUED = re.compile(r"(?P<a>[A-ZÅÄÖ][a-zåäöéü]{2,})(?P<b>[A-ZÅÄÖ][a-zåäöéü]+.*)")


def _split_glued(run: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """ "KarlssonSonny" -> "Karlsson", "Sonny" (two names glued by a lost line break); not
    "GunMarie" (a given name written with two capitals)."""
    out = []
    for word, s, e in run:
        glued = _GLUED.fullmatch(word)
        if glued and not is_given_name(glued.group("a")) and is_given_name(glued.group("b")):
            cut = s + len(glued.group("a"))
            out += [(glued.group("a"), s, cut), (glued.group("b"), cut, e)]
        else:
            out.append((word, s, e))
    return out


def _segment(run: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    run = _split_glued(run)
    out = []
    n = len(run)
    i = 0
    while i < n:
        word = run[i][0]
        if not is_given_name(word) or not _name_word(word):
            i += 1
            continue
        j = i + 1
        if (
            j + 1 < n
            and is_given_name(run[j][0])
            and _surname_word(run[j + 1][0])
            and not (j + 2 < n and _surname_word(run[j + 2][0]))
        ):
            j += 1  # a second given name: "Carl Fredrik Graf"
        if j < n and _INITIAL.fullmatch(run[j][0]):
            j += 1  # "Sten G Johansson"
        if j < n and run[j][0] in _PARTICLES and j + 1 < n and _surname_word(run[j + 1][0]):
            j += 1  # "Cecilia Bladh in Zito" is taken below; "von Platen" here
        surnames = 0
        while j < n and surnames < 3:
            w = run[j][0]
            if w in _PARTICLES and j + 1 < n and _surname_word(run[j + 1][0]):
                j += 1
                continue
            if surnames == 0 and _name_word(w):
                surnames, j = 1, j + 1  # a first surname may look like a given name
                continue
            if surnames and surnames < 2 and _surname_word(w):
                if j + 1 < n and _surname_word(run[j + 1][0]):
                    break  # "Maud Bengtsson | Mussa Selim": two unknown words start a name
                surnames, j = surnames + 1, j + 1
                continue
            break
        if not surnames:
            i += 1
            continue
        while run[j - 1][0] in _PARTICLES or _INITIAL.fullmatch(run[j - 1][0]):
            j -= 1
        out.append((" ".join(w for w, _, _ in run[i:j]), run[i][1], run[j - 1][2]))
        i = j
    if len(out) >= 2:
        out = _between_names(run, out)
    return out


def _between_names(
    run: list[tuple[str, int, int]], names: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """In a run of several names, two or three name words left between two names (or after the
    last) are a name whose given name the list does not know: "... Maud Bengtsson Mussa Selim
    Margreth Johnsson ..."."""
    taken = {k for k, (_, s, e) in enumerate(run) for _, a, b in names if a <= s and e <= b}
    out = list(names)
    k = 0
    while k < len(run):
        if k in taken:
            k += 1
            continue
        m = k
        while m < len(run) and m not in taken:
            m += 1
        gap = run[k:m]
        after_name = k > 0 and (k - 1) in taken
        # ... or two words that open the run right before a name: "Monalisa Norrman Marianne".
        opening = k == 0 and len(gap) == 2 and m in taken
        if ((after_name and 2 <= len(gap) <= 3) or opening) and all(
            _name_word(w) for w, _, _ in gap
        ):
            out.append((" ".join(w for w, _, _ in gap), gap[0][1], gap[-1][2]))
        k = m
    return sorted(out, key=lambda x: x[1])


def _listed_names(found: _Found, lines: list[Line]) -> None:
    """Names wherever they stand: attendance lists flattened into one line ("Beslutande Robert
    Uitto Christer Siwertsson ..."), names with party tags, names in signatures and prose. A name
    already read with a role by the rules above is not added again."""
    known = {p.name for p in found.out}
    # The last line with text, found once (testing the lines after each line was quadratic).
    last_text = max((i for i, line in enumerate(lines) if line.raw.strip()), default=0)
    for i, line in enumerate(lines):
        raw = line.raw
        if not _TWO_CAPITALISED.search(raw):
            continue
        last = i >= last_text  # no text after this line
        for name, s, e, _tag in names_in_line(raw):
            after = raw[e : e + 40]
            if last and not raw[e:].strip():
                continue  # cut off by the end of an excerpt: "Jan-Åke Ander"
            if name.endswith("s") and not name.endswith("ss"):
                genitive = re.match(r"\s*(?:\([^)]{1,20}\)\s*)?(?P<noun>[a-zåäö]+)", after)
                if genitive and _GENITIVE_NOUN.match(genitive.group("noun")):
                    name, e = name[:-1], e - 1
            if _STREET.match(raw, e) or name in known:
                continue
            known.add(name)
            found.add_at(name, "omnämnd", line.start + s, "listed_name")
