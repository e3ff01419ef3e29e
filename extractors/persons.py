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
======================  ==========================================================================

Names are two to four capitalised words ("Per-Axel Landström", "Karin Knutsson Friberg");
words in capitals only ("FREDRIK HANSSON" of an e-signature log) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from extractors.doctype import Line
from extractors.model import Person, Section

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
_ADDRESS = re.compile(r"\b\d{3} \d{2}\b(?! \d)|\bBesöksadress\b")
_TITLE_WORD = re.compile(
    r"(?i)^[a-zåäö.-]*(?:chef|sekreterare|direktör|handläggare|strateg|ingenjör|controller|"
    r"jurist|arkitekt|inspektör|ledare|planerare)$"
)
#: The role of a signature column by its label.
_SIGNATURE_ROLES = (("vice ordförande", "vice ordförande"), ("ordförande", "ordförande"))


@lru_cache(maxsize=1)
def job_titles() -> tuple[str, ...]:
    """Job titles from ``data/titles.txt``, longest first (so "biträdande ..." wins)."""
    text = resources.files("extractors").joinpath("data/titles.txt").read_text(encoding="utf-8")
    titles = {t.strip().lower() for t in text.splitlines() if t.strip() and not t.startswith("#")}
    return tuple(sorted(titles, key=len, reverse=True))


@lru_cache(maxsize=1)
def parties() -> frozenset[str]:
    """Party abbreviations (upper case) from ``data/parties.txt``."""
    text = resources.files("extractors").joinpath("data/parties.txt").read_text(encoding="utf-8")
    return frozenset(
        line.split("#")[0].strip().upper()
        for line in text.splitlines()
        if line.split("#")[0].strip()
    )


def is_title(text: str) -> bool:
    lower = text.strip().lower()
    return lower in job_titles() or bool(_TITLE_WORD.match(lower))


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
        name = re.sub(r"\s+", " ", name).strip()
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


def find_persons(
    lines: list[Line], sections: list[Section], part_kind: Callable[[int], str]
) -> list[Person]:
    """Every person the rules find, in rule order; `part_kind(offset)` names the kind of the
    document (or bundle part) that holds an offset."""
    found = _Found(lines)
    _header_fields(found, lines)
    _attendance(found, lines)
    _signatures(found, lines, part_kind)
    _contacts(found, lines, part_kind)
    _prose_roles(found, lines)
    _agenda_roles(found, lines)
    _ansvariga(found, lines, sections)
    return found.out


def _next_nonblank(lines: list[Line], index: int, limit: int = 4) -> int | None:
    for j in range(index + 1, min(len(lines), index + limit)):
        clean = lines[j].clean
        if clean and not re.fullmatch(r"[.\s_…]+", clean):
            return j
    return None


def _header_fields(found: _Found, lines: list[Line]) -> None:
    """ "Vår referens" / "Ordförande" / "Sekreterare" over the value, or on the same line."""
    for i, line in enumerate(lines):
        if not line.clean[:1].isupper() or not _FIELD_START.match(line.clean):
            continue
        key = re.sub(r"[.…_\s]+$", "", line.clean.lower().rstrip(":"))
        key = re.sub(r"^underskrifter\s+", "", key)
        key = re.sub(r"\s*[.…_]{3,}.*$", "", key)
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


def _columns(raw: str) -> list[str]:
    return [c for c in re.split(r"\s{2,}", raw.strip()) if c]


def _signatures(found: _Found, lines: list[Line], part_kind: Callable[[int], str]) -> None:
    """Names over roles or titles: "Lisa Andersson    Patrik Johansson" over "ordförande
    kommunsekreterare" (a kallelse's signature pair), "Katarina Öryd    Sofie Axelsson" over
    "Förvaltningschef    Nämndsekreterare" (a tjänsteskrivelse's signers)."""
    near_address = _address_lines(lines)
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


def _address_lines(lines: list[Line], reach: int = 3) -> set[int]:
    """Indexes of the lines within `reach` lines of a postal address line."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if line.raw and ("Besöksadress" in line.raw or _ADDRESS.search(line.raw)):
            out.update(range(max(0, i - reach), min(len(lines), i + reach + 1)))
    return out


def _contacts(found: _Found, lines: list[Line], part_kind: Callable[[int], str]) -> None:
    """The contact person of a tjänsteskrivelse: a name on a line of its own in the letterhead
    or footer (next to the postal address), with the title a line or two below."""
    near_address = _address_lines(lines)
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
        lead = next((k for k, c in enumerate(cells) if c and not re.fullmatch(r"\d+\.?", c)), None)
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
