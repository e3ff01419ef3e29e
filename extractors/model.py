"""What extraction returns for one document.

Every value carries its provenance: the character span in `ParsedDocument.text`, the page
(for PDFs) and the name of the rule that produced it. `Extraction.to_dict()` is the JSON
shape of `diarium extract --json` and of the archive's document records.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

CaseRole = Literal["own", "referenced", "unknown"]
CommitteeRole = Literal["author", "recipient", "decision_maker", "mentioned"]

#: Document types, as Swedish officers name them. "okänd" is a valid answer; a wrong one is not.
DOC_TYPES = (
    "tjänsteskrivelse",
    "yttrande",
    "remiss",
    "protokoll",
    "protokollsutdrag",
    "kallelse",
    "föredragningslista",
    "beslut",
    "motion",
    "skrivelse",
    "årsredovisning",
    "delårsrapport",
    "revisionsberättelse",
    "rapport",
    "beslutsreferat",
    "delegationsbeslut",
    "medborgarförslag",
    "interpellation",
    "reservation",
    "förteckning",
    "handlingar",
    "webbsida",
    "okänd",
)


@dataclass
class Provenance:
    start: int
    end: int
    rule: str
    page: int | None = None


@dataclass
class CaseNumber:
    text: str  # as written
    normalized: str
    role: CaseRole
    start: int
    end: int
    rule: str
    page: int | None = None
    #: None when the series is written in the text; "document" when a series-less number (an
    #: agenda's "2023-00249") took the series the same document writes for its body's cases;
    #: "registry" when it took the series the body's registry uses in the document's
    #: municipality (extractors/data/bodies.json). `text` always keeps the number as written.
    series_from: str | None = None
    #: Every spelling of this case in the document, in text order ("KS 2013/0463",
    #: "KS 2013/463"): `text` is the first.
    spellings: list[str] = field(default_factory=list)


@dataclass
class Committee:
    name: str  # canonical lowercase name, e.g. "stadsbyggnadsnämnden"
    role: CommitteeRole  # the strongest role: decision_maker > author > recipient > mentioned
    roles: list[CommitteeRole]
    #: "nämnd" | "utskott" | "förvaltning" | "fullmäktige" | "bolag" | "revision", or "extern":
    #: another organisation's body named in passing (a region's in a municipality's document)
    kind: str
    mentions: int
    start: int  # first mention
    end: int
    rule: str
    page: int | None = None  # of the first mention


@dataclass
class Meeting:
    committee: str | None
    date: str  # YYYY-MM-DD
    text: str
    start: int
    end: int
    rule: str
    page: int | None = None


@dataclass
class DateMention:
    date: str  # YYYY-MM-DD; for a range or a season, its first day
    text: str
    kind: Literal["document", "meeting", "mentioned", "range", "period"]
    start: int
    end: int
    rule: str
    end_date: str | None = None  # last day of a range or period
    page: int | None = None


@dataclass
class Decision:
    text: str
    by: str | None  # canonical committee name
    start: int
    end: int
    rule: str
    paragraph: str | None = None  # "§ 93" in a protokoll, "punkt 3", an agenda item "8"
    case_number: str | None = None  # normalized
    page: int | None = None
    #: "beslut": a decision taken (a protokoll's Beslut, "Kommunstyrelsen beslutar att ...");
    #: "förslag": a proposal ("Förslag till beslut", an agenda's proposal, any decision point
    #: of a proposing document such as a tjänsteskrivelse or kallelse). See `PROPOSING_TYPES`.
    kind: str = "beslut"


#: A meeting's notice and its agenda: their items are proposals, their head dates the meeting.
NOTICE_TYPES = frozenset({"kallelse", "föredragningslista"})
#: Document types whose decision points are proposals, not decisions taken.
PROPOSING_TYPES = frozenset(
    {
        "tjänsteskrivelse",
        "kallelse",
        "föredragningslista",
        "handlingar",
        "remiss",
        "motion",
        "skrivelse",
        "medborgarförslag",
        "interpellation",
    }
)


def decision_kind(decision: dict[str, Any], doc_type: str | None) -> str:
    """A stored decision's `kind`; for an extraction written before decisions had one,
    "förslag" when its rule read a proposal or its document type proposes.

    >>> decision_kind({"kind": "förslag"}, "protokoll"), decision_kind({}, "kallelse")
    ('förslag', 'förslag')
    >>> decision_kind({"rule": "agenda_forslag"}, None), decision_kind({}, "protokoll")
    ('förslag', 'beslut')
    """
    kind = decision.get("kind")
    if kind in ("beslut", "förslag"):
        return str(kind)
    if "forslag" in str(decision.get("rule") or "") or doc_type in PROPOSING_TYPES:
        return "förslag"
    return "beslut"


@dataclass
class Person:
    name: str
    title: str | None
    #: "vår referens", "ansvarig", "ordförande", "vice ordförande", "sekreterare", "justerare",
    #: "ledamot", "ersättare", "tjänsteperson", "föredragande", "handläggare", "undertecknare",
    #: "omnämnd" (any other name: a flattened list, a party tag, prose; see
    #: extractors/persons.py); one row per (name, role).
    role: str
    start: int
    end: int
    rule: str
    page: int | None = None


@dataclass
class Place:
    name: str
    kind: str  # "område" | "stadsdel" | "fastighet" | "gata"
    start: int
    end: int
    rule: str
    page: int | None = None


@dataclass
class Section:
    heading: str  # as written, e.g. "Förslag till beslut", "§ 93"; "punkt 3" for numbered items
    kind: str  # normalized: "sammanfattning", "förslag till beslut", "ärendet", "paragraf", ...
    start: int  # of the heading
    end: int  # of the section's text
    text: str
    page: int | None = None  # of the heading


@dataclass
class Extraction:
    source: str
    sha256: str
    doc_type: str
    title: str
    date: str | None  # document date, YYYY-MM-DD
    year: int | None  # document year: from the date, or the year the text reports on
    #: The issuing body (canonical name): the nämnd or styrelse whose protokoll, kallelse or
    #: letterhead this is; None when the text does not show it.
    body: str | None = None
    case_numbers: list[CaseNumber] = field(default_factory=list)
    committees: list[Committee] = field(default_factory=list)
    meeting: Meeting | None = None
    dates: list[DateMention] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def to_dict(self, *, with_sections: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = _plain(self)
        if not with_sections:
            data.pop("sections")
        return data

    @property
    def own_case_numbers(self) -> list[str]:
        return [c.normalized for c in self.case_numbers if c.role == "own"]


#: Field names per dataclass, for `_plain`.
_FIELDS: dict[type, tuple[str, ...]] = {}
_ATOMS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` of an extraction, value for value the same, in a fraction of its
    time: asdict deep-copies every string and number it meets (through `copy.deepcopy`,
    which returns them as they are), about a tenth of a reader process's work per page."""
    if isinstance(value, _ATOMS):
        return value
    kind = type(value)
    if kind is list:
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return kind(_plain(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    if kind is tuple:
        return tuple(_plain(v) for v in value)
    return copy.deepcopy(value)  # anything else, as asdict does
