"""Municipal bodies: the gazetteer in ``data/bodies.json`` and the surface forms it generates.

The data file lists each body once, by its canonical name (lowercase, definite form). The
regular inflections are generated here, the irregular ones are listed in the data:

>>> sorted(surface_forms("stadsbyggnadsnämnden"))
['stadsbyggnadsnämnd', 'stadsbyggnadsnämnden', 'stadsbyggnadsnämndens']
>>> lookup("Nämnden  för Miljö och Hälsoskydd"), lookup("Tekniska nämndens")
('nämnden för miljö & hälsoskydd', 'tekniska nämnden')
>>> body_for_series("STK"), body_for_series("TE"), body_for_series("XYZ") is None
('kommunstyrelsen', 'nämnden för teknik', True)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from extractors import body_rules, lowercase

# The parser of a canonical case number has one home; committees.series_of is that one.
from extractors.canonical_case import series_of as series_of

#: Role strength, strongest first (the `Committee.role` is the first of its roles here).
ROLE_ORDER = ("decision_maker", "author", "recipient", "mentioned")


@dataclass(frozen=True)
class Body:
    name: str
    kind: str
    abbreviations: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    serves: str | None = None
    parent: str | None = None  # for an utskott: the nämnd whose registry it writes in
    surface: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Municipality:
    name: str
    markers: tuple[str, ...]
    series: dict[str, str]  # body name -> the series its registry uses in this municipality


def _variants(form: str) -> set[str]:
    """Regular inflections of one lowercase form.

    >>> sorted(_variants("kommunstyrelsen"))
    ['kommunstyrelse', 'kommunstyrelsen', 'kommunstyrelsens']
    >>> sorted(_variants("nämnden för teknik"))
    ['nämnden för teknik', 'nämnden för tekniks', 'nämndens för teknik', 'nämndens för tekniks']
    """
    out = {form}
    # '&' and 'och' are written interchangeably in names such as "miljö & hälsoskydd".
    if " & " in form:
        out.add(form.replace(" & ", " och "))
    # An "och" that joins two name parts after "för" ("miljö och hälsoskydd") may be "&".
    if re.search(r"\bför \w+ och \w+", form):
        out.add(re.sub(r"(\bför \w+) och ", r"\1 & ", form))
    # "nämndens för Teknik beslut": the genitive goes on "nämnden" as often as on the end.
    for base in list(out):
        if base.startswith("nämnden för "):
            out.add("nämndens för " + base[len("nämnden för ") :])
    # "Bygg-och miljöförvaltningen": the space after a compound hyphen is often lost.
    for base in list(out):
        if "- och " in base:
            out.add(base.replace("- och ", "-och "))
    for base in list(out):
        last = base.rsplit(" ", 1)[-1]
        # Indefinite form of a definite -nämnden / -styrelsen / -kontoret as the last word
        # (not for "nämnden för X", where the definite article is fixed).
        if last.endswith("nämnden"):
            out.add(base[:-2])
        elif last.endswith("styrelsen"):
            out.add(base[:-1])
        # Genitive: -s, except after s/x/z.
        if not base.endswith(("s", "x", "z")):
            out.add(base + "s")
    return out


def surface_forms(name: str) -> set[str]:
    """Every lowercase surface form of the body `name` (generated + irregular)."""
    return set(_gazetteer()[0][name].surface)


#: Compiled once: `_normalize` and `lookup` run on every cell, line and name tried as a body
#: (re's cache lookup per call was measurable).
_MARKUP = re.compile(r"<br\s*/?>|[*_#|]")
_SPACES = re.compile(r"\s+")


def _normalize(text: str) -> str:
    text = _MARKUP.sub(" ", text)
    return _SPACES.sub(" ", text).strip(" .,:;").lower()


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, Body], dict[str, str], dict[str, str], dict[str, str]]:
    """(bodies by name, surface form -> name, abbreviation -> name, series -> name)."""
    raw: dict[str, Any] = json.loads(
        resources.files("extractors").joinpath("data/bodies.json").read_text(encoding="utf-8")
    )
    bodies: dict[str, Body] = {}
    forms: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    series: dict[str, str] = {}
    for entry in raw["bodies"]:
        name = entry["name"]
        surface: set[str] = set()
        for form in [name, *entry.get("forms", [])]:
            surface |= _variants(form.lower())
        body = Body(
            name=name,
            kind=entry["kind"],
            abbreviations=tuple(entry.get("abbreviations", [])),
            series=tuple(entry.get("series", [])),
            forms=tuple(entry.get("forms", [])),
            serves=entry.get("serves"),
            parent=entry.get("parent"),
            surface=frozenset(surface),
        )
        bodies[name] = body
        for form in surface:
            forms.setdefault(form, name)
        for abbreviation in body.abbreviations:
            abbreviations[abbreviation] = name
        for prefix in body.series:
            series[prefix] = name
    return bodies, forms, abbreviations, series


@lru_cache(maxsize=1)
def forms_index() -> tuple[dict[str, str], frozenset[str]]:
    """(surface form -> canonical name, the first words of every form), for scanning text."""
    forms = _gazetteer()[1]
    return forms, frozenset(form.split(" ", 1)[0] for form in forms)


def bodies() -> dict[str, Body]:
    return _gazetteer()[0]


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    raw: dict[str, Any] = json.loads(
        resources.files("extractors").joinpath("data/bodies.json").read_text(encoding="utf-8")
    )
    return tuple(
        Municipality(name, tuple(m["markers"]), dict(m["series"]))
        for name, m in raw.get("municipalities", {}).items()
        if not name.startswith("_")
    )


def municipality_of(text: str) -> str | None:
    """The municipality whose markers ("Kungsbacka kommun", "malmo.se") a text names most.

    >>> municipality_of("KUNGSBACKA KOMMUN  SAMMANTRÄDESPROTOKOLL"), municipality_of("Hej")
    ('Kungsbacka', None)
    """
    lower = text.lower()
    counts = {m.name: sum(lower.count(marker) for marker in m.markers) for m in municipalities()}
    best = max(counts, key=lambda name: counts[name], default=None)
    return best if best is not None and counts[best] > 0 else None


def registry_series(municipality: str | None, body: str | None) -> str | None:
    """The series `body` (or, for an utskott, its nämnd) registers cases under in `municipality`.

    >>> registry_series("Kungsbacka", "kommunstyrelsens arbetsutskott")
    'KS'
    >>> registry_series("Kungsbacka", "byggnadsnämnden") is None
    True
    """
    if municipality is None or body is None:
        return None
    for m in municipalities():
        if m.name == municipality:
            parent = bodies()[body].parent if body in bodies() else None
            return m.series.get(body) or (m.series.get(parent) if parent else None)
    return None


def parent_of(name: str) -> str | None:
    """The nämnd of an utskott: the gazetteer's `parent`, else read from an arbetsutskott's name.

    >>> parent_of("kommunstyrelsens arbetsutskott"), parent_of("nämnden för tekniks arbetsutskott")
    ('kommunstyrelsen', 'nämnden för teknik')
    >>> parent_of("socialutskottet"), parent_of("kommunstyrelsen") is None
    ('kommunstyrelsen', True)
    """
    known = bodies().get(name)
    if known is not None and known.parent:
        return known.parent
    if not name.endswith(" arbetsutskott"):
        return None
    stem = name.removesuffix(" arbetsutskott")
    if stem.endswith("s") and stem[:-1] in bodies():
        return stem[:-1]
    if stem in bodies():
        return stem
    return stem[:-1] if stem.endswith("s") else None


def arbetsutskott_of(body: str) -> str:
    """The name of `body`'s arbetsutskott, the other way of `parent_of`.

    >>> arbetsutskott_of("kommunstyrelsen"), parent_of(arbetsutskott_of("socialnämnden"))
    ('kommunstyrelsens arbetsutskott', 'socialnämnden')
    """
    return f"{body}s arbetsutskott"


def registry_body(name: str) -> str:
    """The body whose registry `name` writes in: an utskott registers in its nämnd's, a
    förvaltning in the nämnd it serves; any other body (or one the gazetteer does not know)
    in its own.

    >>> registry_body("socialutskottet"), registry_body("stadsbyggnadskontoret")
    ('kommunstyrelsen', 'stadsbyggnadsnämnden')
    >>> registry_body("kommunstyrelsen"), registry_body("okända nämnden")
    ('kommunstyrelsen', 'okända nämnden')
    """
    known = bodies().get(name)
    if known is None:
        return name
    if known.kind == "utskott":
        return parent_of(name) or name
    if known.kind == "förvaltning" and known.serves:
        return known.serves
    return name


def lookup(text: str) -> str | None:
    """The canonical name for a whole string that names one body, else None.

    Case, markup, runs of whitespace and '&'/'och' do not matter; generic words do not match:

    >>> lookup("**Kommunstyrelsen**"), lookup("Valnämnd"), lookup("nämnden") is None
    ('kommunstyrelsen', 'valnämnden', True)
    """
    normalized = _normalize(text)
    _, forms, abbreviations, _ = _gazetteer()
    if normalized in forms:
        return forms[normalized]
    stripped = _SPACES.sub(" ", text).strip()
    return abbreviations.get(stripped)


def find_in_line(text: str) -> str | None:
    """The first body named anywhere in a short line (longest form wins), else None.

    >>> find_in_line("KUNGSBACKA KOMMUN  Kommunrevisionen   SAMMANTRÄDESANTECKNINGAR")
    'kommunrevisionen'
    >>> find_in_line("Sammanträde onsdagen den 7 februari 2024 kl. 08.15") is None
    True
    """
    normalized = _normalize(text)
    if not normalized:
        return None
    words = normalized.split(" ")
    _, forms, _, _ = _gazetteer()
    for i in range(len(words)):
        for j in range(min(len(words), i + 7), i, -1):
            candidate = " ".join(words[i:j])
            if candidate in forms:
                return forms[candidate]
    return None


def body_for_series(series: str | None) -> str | None:
    """The body whose registry a case-number series belongs to."""
    if not series:
        return None
    return _gazetteer()[3].get(series.upper())


_ABBREVIATION_PART = re.compile(
    r"(?i)(?<=[a-zåäö])(" + "|".join(body_rules.ABBREVIATION_PARTS) + r")"
)


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """The abbreviation a body's name gives by its initials, as registries form their series.

    >>> initials("plan- och byggnadsnämnden"), initials("kommunstyrelsens arbetsutskott")
    ('PBN', 'KSAU')
    >>> initials("regionstyrelsen"), initials("kommunfullmäktige"), initials("tekniska nämnden")
    ('RS', 'KF', 'TN')
    """
    out = []
    for word in re.split(r"[\s/]+", name.lower()):
        word = word.strip("-,")
        if not word or word in body_rules.ABBREVIATION_SKIP:
            continue
        out.append(word[0])
        part = _ABBREVIATION_PART.search(word)
        if part is not None:
            out.append(part.group(1)[0])
    return "".join(out).upper()


def kind_of(name: str) -> str:
    body = bodies().get(name)
    return body.kind if body else "nämnd"


def serves(name: str) -> str | None:
    """For an office, the body it prepares cases for."""
    body = bodies().get(name)
    return body.serves if body else None


def phrase_patterns() -> list[dict[str, Any]]:
    """span_ruler patterns: every surface form as a phrase (matched on LOWER).

    The label is the canonical name, so ``span.label_`` says which body a mention names.
    """
    _, forms, _, _ = _gazetteer()
    return [{"label": name, "pattern": form, "id": "gazetteer"} for form, name in forms.items()]


def abbreviation_patterns() -> list[dict[str, Any]]:
    """Phrase patterns for abbreviations, for a ruler matching on ORTH (case-sensitive), so
    that "ks" in running text never matches and "KS" matches only as a whole token."""
    _, _, abbreviations, _ = _gazetteer()
    return [
        {"label": name, "pattern": abbreviation, "id": "abbreviation"}
        for abbreviation, name in abbreviations.items()
    ]


def strongest(roles: list[str]) -> str:
    """The strongest of a list of roles.

    >>> strongest(["mentioned", "recipient", "author"])
    'author'
    """
    for role in ROLE_ORDER:
        if role in roles:
            return role
    return "mentioned"


# --------------------------------------------------------------------------- by morphology
#
# Bodies the gazetteer does not know are found by how Swedish names them: a compound ending in
# -nämnd, -styrelse, -fullmäktige, -utskott, -beredning, -direktion or -kommitté, with the
# coordinated first parts that names share ("barn- och utbildningsnämnden", "hälso-, vård- och
# omsorgsnämnden"), a definite adjective before it ("tekniska nämnden"), "nämnden för ..."
# after it, and an utskott of a body ("kommunstyrelsens allmänna utskott"). The rule data is in
# `extractors.body_rules`.

from extractors.body_rules import (  # noqa: E402  (data used only by the functions below)
    ADJECTIVES,
    HEAD_KINDS,
    MUNICIPAL_DESPITE_ENDING,
    NAMED_PARTICIPLES,
    NATIONAL_OWNERS,
    NOT_MUNICIPAL,
    NOT_NAMES,
    PREPARATIONS,
    SUB_BODIES,
)
from extractors.person_words import is_given_name  # noqa: E402

_LETTERS = r"A-Za-zÅÄÖåäöÉéÜü"
#: Tested by `str.endswith` (a search for an alternation anchored at the end tries every
#: position of the word).
_NOT_MUNICIPAL_ENDINGS = tuple(sorted(NOT_MUNICIPAL | NAMED_PARTICIPLES | PREPARATIONS, key=len))
_HEADS = "|".join(sorted(HEAD_KINDS, key=len, reverse=True))
#: A word that ends in a body head: "kommunstyrelsens", "Socialnämnd", "fullmäktiges".
_HEAD_WORD = re.compile(
    rf"(?i)(?:(?<![{_LETTERS}-])|(?-i:(?<=[a-zåäö])(?=[A-ZÅÄÖ])))(?P<stem>[{_LETTERS}]*?)(?P<head>{_HEADS})"
    rf"(?P<suffix>en|et|n|s|ens|ets|ns)?(?![{_LETTERS}])"
)
#: Coordinated first parts right before the head word: "barn- och ", "hälso-, vård- och ".
_COORDINATION = re.compile(rf"(?i)(?:[{_LETTERS}]+-,?\s+)*[{_LETTERS}]+-\s*(?:och|&|samt)\s+$")


def _not_a_first_part(word: str) -> bool:
    """Whether a capitalised word before "och" is a name of its own (a body, a person), not
    the first part of a coordinated body's name."""
    lower = word.lower()
    return any(head in lower for head in HEAD_KINDS) or is_given_name(word)


#: The first part of a coordinated name without its hyphen, capitalised as a name's start.
_BARE_COORDINATION = re.compile(rf"(?<![{_LETTERS}-])(?P<first>[A-ZÅÄÖ][a-zåäö]{{3,}}) och $")
#: ... and glued to its "och" by a PDF-to-text step ("miljöoch byggnämnden").
_GLUED_COORDINATION = re.compile(rf"(?<![{_LETTERS}-])(?P<first>[{_LETTERS}]{{3,}}?)och $")
_OWNER = re.compile(rf"(?P<owner>[{_LETTERS}]+förbundets|[A-ZÅÄÖ]{{2,}}:s)\s+$")
_ADJECTIVE = re.compile(rf"(?i)(?<![{_LETTERS}])(?P<adj>{'|'.join(ADJECTIVES)})\s+$")
#: "nämnden för funktionshindrade", "beredningen för klimat, miljö och naturvård".
#: A word of a "för ..." name, an adjective with its noun too ("hållbar utveckling",
#: "sociala frågor", "fysisk planering").
#: A conjunction is no word of the name ("… näringsliv och attraktivitet", "… sjukvård, samt").
_FOR_WORD = (
    r"(?!(?:och|samt|eller)\b)(?:[a-zåäö]{2,}(?:bar|ig|lig|isk|ell|al|iv|la|ra|ska|na)\s+"
    r"(?!(?:och|samt|eller)\b)[a-zåäö]{3,}|[A-ZÅÄÖa-zåäö][a-zåäö]{2,})"
)
_FOR_PHRASE = re.compile(
    # (not into the next body of a list: "… och attraktivitet, Parlamentarisk nämnd")
    rf"\s+för\s+(?P<what>{_FOR_WORD}(?:(?:,\s*|\s+och\s+|\s+&\s+)"
    rf"(?!(?:[{_LETTERS}]+\s+)?(?:nämnd|styrelse|utskott|beredning)\b){_FOR_WORD}){{0,3}})"
    rf"(?![{_LETTERS}])"
)
#: What a body's genitive owns, after its name: "… och fritids ordförande".
_OWNED_AFTER = re.compile(
    r"\s+(?:ordförande|vice ordförande|ledamöter|ledamot|sammanträde|beslut|protokoll"
    r"|protokollsutdrag|yttrande)\b"
)
#: Two or more areas in a "för ..." name: "bildning, sysselsättning och näringsliv".
_AREAS = re.compile(r",|\soch\s")
#: A district's name in the genitive before "stadsdelsnämnd" ("Östermalms", "Rinkeby-Kistas"),
#: not the city's whose districts have such boards ("Stockholms stadsdelsnämnder").
_DISTRICT = re.compile(
    rf"(?<![{_LETTERS}-])(?P<district>(?!(?:Stads|Stockholms|Göteborgs|Malmös)\s)"
    rf"[A-ZÅÄÖ][{_LETTERS}-]+s)\s+$"
)

#: "kommunstyrelsens arbetsutskott", "socialnämndens allmänna utskott".
_SUB_BODY = re.compile(
    # (a region's part: "landstingsstyrelsens norra samverkansberedning")
    rf"(?i)\s+(?P<sub>(?:(?:allmänna|personal|individ|norra|södra|västra|östra)\s+)?"
    rf"(?:{'|'.join(SUB_BODIES)}"
    # any utskott or beredning by its compound: "kommunstyrelsens strategiutskott", "…
    # planutskott", "hälso- och sjukvårdsnämndens slutenvårdsberedning"
    # (not a preparation: "förberedning", "ärendeberedning", `PREPARATIONS`)
    rf"|[{_LETTERS}]+utskott|[{_LETTERS}]+(?<!för)(?<!ärende)beredning))"
    rf"(?P<suffix>et|ets|en|ens|s)?(?![{_LETTERS}])"
)


#: The heads are found in the lower-cased text first, to try `_HEAD_WORD` fast: a
#: case-insensitive regex with a lazy stem tried at every position cost a third of
#: extraction's time.
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ")


#: Letter pairs no Swedish word starts with: a body's name that starts with one is the tail
#: of a word that a PDF-to-text step split with a space ("Landsti ngsstyrelsen").
_NO_ONSET = frozenset({"ng", "nd", "nk", "ns", "nt", "rd", "rs", "rt", "ld", "ls", "lt", "ck"})


def _head_hits(lower: str) -> list[tuple[int, int]]:
    """Spans of the heads in a lower-cased text, in order and not overlapping (as a regex
    alternation of the heads would find them): one substring search per head, since an
    alternation stops at every letter that starts a head ("s", "n", "f", ...)."""
    hits = []
    for head in HEAD_KINDS:
        i = lower.find(head)
        while i != -1:
            hits.append((i, i + len(head)))
            i = lower.find(head, i + len(head))
    hits.sort()
    out: list[tuple[int, int]] = []
    for hit in hits:
        if not out or hit[0] >= out[-1][1]:
            out.append(hit)
    return out


#: A word in lower case glued to the capital that starts a name (a web page's label and its
#: value without a space: "InstansMiljö- och byggnämnden", "InstansKommunfullmäktige").
_GLUED = re.compile(r"[a-zåäö](?=[A-ZÅÄÖ][a-zåäö])")


def _head_words(text: str) -> Iterator[re.Match[str]]:
    """`_HEAD_WORD` matches, tried only on the words that contain a head."""
    lower = lowercase.lower(text)
    last_start = -1
    for start, end in _head_hits(lower):
        while start > 0 and text[start - 1] in _WORD_CHARS:
            start -= 1
        if start <= last_start:
            continue
        while end < len(text) and text[end] in _WORD_CHARS:
            end += 1
        glued = _GLUED.search(text, start, end)
        if glued is not None:
            start = glued.end()  # "InstansKommunfullmäktige": a web page's label glued on
        match = _HEAD_WORD.fullmatch(text, start, end)
        if match is not None:
            last_start = start
            if lower[start : start + 2] in _NO_ONSET:
                continue  # "Landsti ngsstyrelsen": the tail of a word a PDF line split
            yield match


@dataclass(frozen=True)
class BodyMention:
    name: str  # canonical: lower case, definite form ("barn- och utbildningsnämnden")
    start: int
    end: int
    kind: str  # "nämnd" | "utskott" | "fullmäktige"


def _definite(stem: str, head: str) -> str:
    head = head.lower()
    if head == "fullmäktige":
        return stem + head
    if head.endswith("e"):  # styrelse, kommitté
        return stem + head + "n"
    if head == "utskott":
        return stem + head + "et"
    return stem + head + "en"  # nämnd, beredning, direktion


#: A preposition glued to a municipality's or region's board or council by a PDF-to-text step
#: that lost the space ("medkommunstyrelsen", "tillregionfullmäktige").
_GLUED_PREPOSITION = re.compile(
    r"(?:med|till|inför|hos|från|av|för)(?=(?:kommun|region|landstings)$)"
)


#: A kommunalförbund named in a document's head ("Kommunalförbundet Sydarkivera",
#: "Västerbergslagens utbildningsförbund", "Samordningsförbundet Finsam"): its own
#: förbundsstyrelse and förbundsfullmäktige are its bodies. Not a national association's
#: ("SKR:s förbundsstyrelse").
_OWN_FORBUND = re.compile(
    r"(?i)(?<!svenska )(?<!sveriges )\b(?!riks|kommunförbund)[a-zåäö]*förbund(?:et)?\b"
    r"(?! (?:för|mellan))"
)


#: The förbund's board as the title of its own minutes or notice, the förbund itself unnamed:
#: "SAMMANTRÄDESPROTOKOLL Förbundsstyrelsen Sammanträdesdatum …".
_OWN_BOARD_TITLE = re.compile(
    r"(?i)(?:protokoll|kallelse|föredragningslista|organ:?)\s+förbunds(?:styrelsen|fullmäktige)\b"
)


def own_forbund(text: str) -> bool:
    """Whether the head of `text` names a förbund whose own bodies it writes of."""
    head = text[:600]
    return "örbund" in head and (
        (bool(_OWN_FORBUND.search(head)) and ":s förbundsstyrelse" not in head)
        or bool(_OWN_BOARD_TITLE.search(head))
    )


def _for_name(text: str, phrase: re.Match[str]) -> str | None:
    """The part of a body's name a "för" phrase gives ("för äldre och multisjuka"), in lower
    case and out of the genitive ("Nämnden för Utbildning, kultur och fritids ordförande",
    "… kvinnosjukvårds protokollsutdrag"); None where it names no body: never "för" with a
    verbal noun ("i nämnden för deltagande i ...") or a word of `NOT_NAMES`."""
    first = phrase.group("what").split()[0]
    if first in NOT_NAMES or re.search(r"(?:ande|ende)$", first):
        return None
    what = phrase.group("what").lower()
    if _OWNED_AFTER.match(text, phrase.end()) and what.endswith("s"):
        what = what[:-1]
    return what


def find_bodies(text: str) -> list[BodyMention]:
    """Bodies named in `text` by Swedish morphology, longest name first where they overlap.

    >>> [b.name for b in find_bodies("Barn- och utbildningsnämnden och Tekniska nämndens AU")]
    ['barn- och utbildningsnämnden', 'tekniska nämnden']
    >>> [b.name for b in find_bodies("KOMMUNSTYRELSENS ALLMÄNNA UTSKOTT, Länsstyrelsen")]
    ['kommunstyrelsens allmänna utskott']
    >>> [b.name for b in find_bodies("Nämnden för arbetsmarknadsfrågor och vuxenutbildning")]
    ['nämnden för arbetsmarknadsfrågor och vuxenutbildning']
    >>> [b.name for b in find_bodies("Regionförbundets styrelse; Socialstyrelsen")]
    ['regionförbundets styrelse']
    """
    found: list[BodyMention] = []
    for match in _head_words(text):
        stem, head = match.group("stem"), match.group("head").lower()
        suffix = (match.group("suffix") or "").lower()
        start, end = match.start(), match.end()
        kind = HEAD_KINDS[head]
        lower_stem = stem.lower()
        if (
            (lower_stem + head).endswith(_NOT_MUNICIPAL_ENDINGS)
            and not (lower_stem == "förbunds" and own_forbund(text))
            and lower_stem + head not in MUNICIPAL_DESPITE_ENDING
        ):
            continue
        glued = (
            _GLUED_PREPOSITION.match(lower_stem)
            if lower_stem.endswith(("kommun", "region", "landstings"))
            else None
        )
        if glued is not None:
            # "sammanträde medkommunstyrelsens2013-02-19": a PDF lost the space after "med"
            lower_stem = lower_stem[glued.end() :]
            start += glued.end()
        name = _definite(lower_stem, head)
        before = text[max(0, start - 60) : start]
        # Cheap tests first: most words have neither a coordination nor an adjective before.
        coordination = _COORDINATION.search(before) if "- " in before or "-och" in before else None
        adjective = (
            _ADJECTIVE.search(before) if not coordination and before.endswith("a ") else None
        )
        owner = _OWNER.search(before) if not stem and head == "styrelse" else None
        bare = (
            # (not before a capital: "Organ och Kommunstyrelsen" is an anslag's label and value)
            _BARE_COORDINATION.search(before)
            if stem and not coordination and before.endswith(" och ") and stem[:1].islower()
            else None
        )
        if bare is None and stem and not coordination and before.endswith("och "):
            # "miljöoch byggnämnden": the hyphen and space lost by a PDF-to-text step
            bare = _GLUED_COORDINATION.search(before)
        if bare and _not_a_first_part(bare.group("first")):
            bare = None  # "Kommunstyrelsen och socialnämnden", "Anna och socialnämnden"
        if coordination:
            written = coordination.group(0)
            glued = _GLUED.search(written)
            if glued is not None:
                written = written[glued.end() :]  # "InstansMiljö- och byggnämnden"
            start -= len(written)
            name = re.sub(r"\s+", " ", written.lower()).replace("-och", "- och")
            name = name.replace(" & ", " och ") + _definite(lower_stem, head)
        elif bare:
            # "Omsorgs och utbildningsutskottet", "Kretslopp och vattennämnden": a coordinated
            # name written without its hyphen, named as it is spelt with it.
            start -= len(bare.group(0))
            name = f"{bare.group('first').lower()}- och {_definite(lower_stem, head)}"
        elif lower_stem == "stadsdels" and (district := _DISTRICT.search(before)):
            # "Östermalms stadsdelsnämnd": a city's district board is named by its district.
            start -= len(district.group(0))
            name = f"{district.group('district').lower()} {name}"
        elif adjective:
            start -= len(adjective.group(0))
            name = f"{adjective.group('adj').lower()} {_definite(lower_stem, head)}"
        elif owner and owner.group("owner").upper() not in NATIONAL_OWNERS:
            # "Regionförbundets styrelse", "VKAB:s styrelse": the board of a named body.
            start -= len(owner.group(0))
            written = owner.group("owner")
            # An abbreviation keeps its capitals ("VKAB:s styrelse"); a word does not.
            name = f"{written if written.endswith(':s') else written.lower()} styrelse"
        elif (
            head == "beredning"
            and suffix in ("", "en")
            and (phrase := _FOR_PHRASE.match(text, end)) is not None
            # (a name's list of areas, or capitalised: not "… samverkansberedningen för kännedom")
            and (stem[:1].isupper() or _AREAS.search(phrase.group("what")))
            and (what := _for_name(text, phrase)) is not None
        ):
            # A landsting's beredningar are named by what they prepare: "programberedning för
            # äldre och multisjuka", "Programberedningen för barn, unga och kvinnosjukvård".
            name = f"{_definite(lower_stem, head)} för {what}"
            end = phrase.end()
        elif not stem:
            # A bare head ("nämnden", "utskottet") is a name only with "för ..." after it, or
            # as the owner of an utskott ("styrelsens arbetsutskott").
            # (Region Jönköping names its boards without the article: "Nämnd för trafik,
            # infrastruktur och miljö", capitalised as a proper name)
            definite = suffix in ("en", "et", "n")
            proper = not suffix and match.group("head")[:1].isupper()
            phrase = _FOR_PHRASE.match(text, end) if definite or proper else None
            sub = _SUB_BODY.match(text, end) if suffix in ("ens", "ets", "ns", "s") else None
            # Only as a proper name ("Nämnden för funktionshindrade").
            if (
                phrase
                and stem[:1] == ""
                # a proper name: capitalised, or a beredning's list of areas ("från
                # beredningen för bildning, sysselsättning och näringsliv")
                and (
                    match.group("head")[:1].isupper()
                    or (head == "beredning" and _AREAS.search(phrase.group("what")))
                )
                and (what := _for_name(text, phrase)) is not None
            ):
                name = f"{_definite('', head)} för {what}"
                end = phrase.end()
            elif head == "direktion" and match.group("head")[:1].isupper():
                # A kommunalförbund's board is "Direktionen", by that name alone.
                name = "direktionen"
            elif not sub:
                continue
        if suffix in ("s", "ens", "ets", "ns"):
            sub = _SUB_BODY.match(text, end)
            if sub:
                name = re.sub(r"\s+", " ", f"{name}s {sub.group('sub').lower()}")
                end, kind = sub.end(), "utskott"
        if name in NOT_NAMES:
            continue
        found.append(BodyMention(name, start, end, kind))
    # Longest first where mentions overlap ("kultur- och fritidsnämnden" over "fritidsnämnden").
    found.sort(key=lambda b: (b.start, -(b.end - b.start)))
    out: list[BodyMention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


@lru_cache(maxsize=4096)
def canonical_body(name: str) -> str:
    """The gazetteer's canonical name for a body found by morphology, else the name itself.

    >>> canonical_body("miljö- och hälsoskyddsnämnden"), canonical_body("okänd nämnden")
    ('miljö- och hälsoskyddsnämnden', 'okänd nämnden')
    """
    return lookup(name) or name


_WORD_RUN = re.compile(r"[a-zåäöé&-]+(?: [a-zåäöé&-]+){0,5}")
#: The words before a position, read backwards in the reversed text (" nedlerytsnummok ...").
_WORDS_BEFORE = re.compile(r"(?: [a-zåäöé&-]+)*")


@lru_cache(maxsize=1)
def _first_word_finder() -> re.Pattern[str]:
    """The first words of the gazetteer's forms, as whole words of `_WORD_RUN`: one regex
    over a trie of the words, since an alternation of 100 words is tried word by word at
    every position (four times slower than reading every run)."""
    words = [w for w in forms_index()[1] if re.fullmatch(r"[a-zåäöé&-]+", w)]
    return re.compile(r"(?<![a-zåäöé&-])" + _trie_pattern(words) + r"(?![a-zåäöé&-])")


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex that matches exactly `words`, with common prefixes factored out.

    >>> _trie_pattern(["nämnd", "nämnden", "näs"])
    'nä(?:mnd(?:en)?|s)'
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        ends_here = "" in node
        branches = [re.escape(c) + pattern(node[c]) for c in sorted(node) if c]
        if not branches:
            return ""
        one = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if not ends_here:
            return one
        return (one if len(branches) > 1 or len(one) == 1 else "(?:" + one + ")") + "?"

    return pattern(trie)


def gazetteer_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every gazetteer form in `text`, longest form first at
    each word (abbreviations excluded): for short texts such as a document's head, where the
    spaCy ruler has not run.

    A form is looked for inside a run of up to six words joined by single spaces (a line of
    text cut into such runs from its first word). Only the runs that hold a form's first word
    are read: most of a head names no body.

    >>> gazetteer_mentions("Protokoll fört vid Kommunstyrelsens sammanträde")
    [(19, 35, 'kommunstyrelsen')]
    """
    forms, first_words = forms_index()
    lower = text.lower()
    reversed_lower = ""
    out: list[tuple[int, int, str]] = []
    done = 0  # the end of the last run read
    for hit in _first_word_finder().finditer(lower):
        if hit.start() < done:
            continue  # in the run just read
        if not reversed_lower:
            reversed_lower = lower[::-1]
        # The run that holds the word: a stretch of words joined by single spaces is cut into
        # runs every six words from its first.
        before = _WORDS_BEFORE.match(reversed_lower, len(lower) - hit.start())
        assert before is not None  # a starred group matches everywhere, if only emptily
        words_start = len(lower) - before.end()
        scan = max(words_start, done)
        for run in _WORD_RUN.finditer(lower, scan):
            if run.end() >= hit.end():
                break
        words = run.group(0).split(" ")
        offsets = []
        pos = run.start()
        for w in words:
            offsets.append(pos)
            pos += len(w) + 1
        for i, w in enumerate(words):
            if w not in first_words:
                continue
            for j in range(min(len(words), i + 7), i, -1):
                phrase = " ".join(words[i:j])
                if phrase in forms:
                    out.append((offsets[i], offsets[i] + len(phrase), forms[phrase]))
                    break
        done = run.end()
    return out
