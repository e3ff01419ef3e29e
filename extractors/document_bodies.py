"""Bodies of a document and their roles: decision-maker, author, recipient, mentioned."""

from __future__ import annotations

import re

from extractors import committees
from extractors.doctype import nonblank
from extractors.document import _add_role, _Context, _ensure_mention, _next_nonblank, _part_at
from extractors.document_head import organisation_kind
from extractors.extraction_rules import (
    _ADDRESS,
    _OWN_MEMO,
    _PREPARED_BY,
    _UNQUALIFIED_UTSKOTT,
    COMMITTEE_ROLES,
)
from extractors.model import (
    CaseNumber,
    Committee,
    CommitteeRole,
    Decision,
    Meeting,
)
from extractors.persons import _address_lines


def _committees(
    ctx: _Context, cases: list[CaseNumber], decisions: list[Decision], meeting: Meeting | None
) -> list[Committee]:
    lines = ctx.lines
    for case in cases:
        if case.role == "own":
            _add_role(
                ctx, committees.body_for_series(committees.series_of(case.normalized)), "author"
            )
    for d in decisions:
        _add_role(ctx, d.by, "decision_maker")
    if meeting and meeting.committee:
        _add_role(ctx, meeting.committee, "decision_maker")
    if ctx.doc_body:
        _add_role(ctx, ctx.doc_body, "decision_maker")
        if ctx.doc_type in ("protokoll", "protokollsutdrag"):
            _add_role(ctx, ctx.doc_body, "author")
    for author in _authors(ctx):
        _add_role(ctx, author, "author")
    # "Till" field of a letter head.
    for i, line in nonblank(lines, 30):
        if line.clean.lower().rstrip(":") == "till":
            j = _next_nonblank(lines, i)
            if j is not None:
                name = committees.find_in_line(lines[j].clean)
                _add_role(ctx, name, "recipient")
                if name:
                    _ensure_mention(ctx, name, lines[j].start, lines[j].end, "till_field")
    for section in ctx.sections:
        if section.kind == "beslutet skickas till":
            pos = ctx.text.find(section.text, section.start) if section.text else -1
            for part in re.split(r"[\n,]", section.text):
                name = committees.find_in_line(part)
                _add_role(ctx, name, "recipient")
                if name and pos >= 0:
                    _ensure_mention(
                        ctx, name, pos, pos + len(section.text), "beslutet_skickas_till"
                    )
    # A substring test first: the pattern opens with look-behinds, tried at every character.
    utskott = _UNQUALIFIED_UTSKOTT.search(ctx.text) if "rbetsutskott" in ctx.text else None
    own = _own_utskott(ctx.doc_body) if utskott else None
    if utskott and own:
        _ensure_mention(ctx, own, utskott.start(), utskott.end(), "own_utskott")
        _add_role(ctx, own, "mentioned")
    out = []
    other = _other_organisations(ctx)
    for name, roles in ctx.roles.items():
        mentions = [m for m in ctx.mentions if m[0] == name]
        if not mentions:
            continue
        ordered: list[CommitteeRole] = [r for r in COMMITTEE_ROLES if r in roles]
        first = min(mentions, key=lambda m: m[1])
        kind = committees.kind_of(name)
        if other and name.startswith(other) and ordered[0] == "mentioned" and name != ctx.doc_body:
            kind = "extern"  # a landsting's council named in a municipality's document
        out.append(
            Committee(
                name=name,
                role=ordered[0],
                roles=ordered,
                kind=kind,
                mentions=len(mentions),
                start=first[1],
                end=first[2],
                rule=first[3],
                page=ctx.doc.page_at(first[1]),
            )
        )
    out.sort(key=lambda c: (committees.ROLE_ORDER.index(c.role), c.start))
    return out


def _other_organisations(ctx: _Context) -> tuple[str, ...]:
    """The name starts of bodies that belong to another kind of organisation than the
    document's: a region's and a landsting's in a municipality's document, a municipality's
    in a region's (each has its own fullmäktige and styrelse)."""
    kind = organisation_kind(ctx.text)
    if kind == "region":
        return ("kommunfullmäktige", "kommunstyrelse")
    return ("region", "landsting") if kind == "kommun" else ()


def _own_utskott(body: str | None) -> str | None:
    """The arbetsutskott a document of `body` means by "arbetsutskottet" alone: its own, or its
    styrelse's or nämnd's ("kommunstyrelsens arbetsutskott" in the styrelse's and the
    council's minutes, "socialnämndens arbetsutskott" in the nämnd's); None for a body whose
    utskott has no name of that form (a direktion, a förbund).

    >>> _own_utskott("kommunfullmäktige"), _own_utskott("socialnämnden")
    ('kommunstyrelsens arbetsutskott', 'socialnämndens arbetsutskott')
    >>> _own_utskott("regionstyrelsens arbetsutskott"), _own_utskott("direktionen") is None
    ('regionstyrelsens arbetsutskott', True)
    """
    if body is None:
        return None
    if body.endswith("arbetsutskott"):
        return body
    body = _STYRELSE_OF_COUNCIL.get(body, body)
    if body.endswith(("nämnden", "styrelsen")) and " " not in body:
        return committees.arbetsutskott_of(body)
    return None


#: The styrelse that prepares a council's business, whose arbetsutskott the council's minutes
#: mean by "arbetsutskottet".
_STYRELSE_OF_COUNCIL = {
    "kommunfullmäktige": "kommunstyrelsen",
    "regionfullmäktige": "regionstyrelsen",
    "landstingsfullmäktige": "landstingsstyrelsen",
}


def _authors(ctx: _Context) -> set[str]:
    """Bodies the text shows writing the document (or a document of the bundle):

    * a body on a line or column of its own in a letterhead or footer, next to a postal address;
    * "<office>s tjänsteskrivelse" listed in the Beslutsunderlag of a tjänsteskrivelse (the memo
      lists itself);
    * "Framtagen av: <office>, <office>".
    """
    out: set[str] = set()
    lines = ctx.lines
    # Lines near a postal address, found by one search of the text, not one per line.
    near = _address_lines(lines, reach=2, address=_ADDRESS)
    for i in sorted(near):
        for column in re.split(r"\s{2,}", lines[i].raw.strip()):
            name = committees.lookup(column) if column else None
            if name:
                out.add(name)
    for line, lowered in zip(lines, ctx.lower_lines, strict=True):
        # The lower case of the line's first 80 characters (the cues are ASCII words: a Greek
        # sigma lowered by its neighbours does not matter; a letter that lowers to two does).
        lower = lowered[:80] if len(lowered) == len(line.clean) else line.clean[:80].lower()
        memo = _OWN_MEMO.match(line.clean) if "s tjänsteskrivelse" in lower else None
        if memo and _part_at(ctx, line.start).kind == "tjänsteskrivelse":
            name = committees.lookup(memo.group("body"))
            if name:
                out.add(name)
        prepared = _PREPARED_BY.match(line.clean) if " av" in lower else None
        if prepared:
            for piece in re.split(r",|\boch\b", prepared.group("who")):
                name = committees.lookup(piece)
                if name:
                    out.add(name)
    return out
