"""Case chains: the documents of each case in stages and steps, the links between steps, and
the cases table (rules in docs/tables.md, *Case chains*; stage order in `diarium.doctypes`).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only in annotations: DuckDB imports pandas itself when a frame is asked for, and
    # `diarium case`/`diarium sql` should not pay about 0.5 s for it.
    pass

from diarium import doctypes
from diarium.tables.rows import NO_PARTS, Collected, Doc
from diarium.tables.values import _iso
from extractors import committees as gazetteer
from extractors.canonical_case import parse_canonical
from extractors.extraction_rules import ROLE_STRENGTH


def case_carriers(collected: Collected) -> dict[str, dict[str, str]]:
    """case -> document -> the case's strongest role in it (documents that only decide on
    the case, without writing its number, count as `unknown`)."""
    carriers: dict[str, dict[str, str]] = defaultdict(dict)
    for row in collected.rows["case_numbers"]:
        roles = carriers[row[1]]
        role = row[4] or "unknown"
        known = roles.get(row[0])
        if known is None or ROLE_STRENGTH.get(role, -1) > ROLE_STRENGTH.get(known, -1):
            roles[row[0]] = role
    for row in collected.rows["decisions"]:
        if row[2]:
            carriers[row[2]].setdefault(row[0], "unknown")
    return carriers


@dataclass
class _Carrier:
    """A document carrying one case, with its stage in that case."""

    doc: Doc
    role: str
    stage: str = ""

    def sort_key(self) -> tuple[bool, date, int, str]:
        return (
            self.doc.date is None,
            self.doc.date or date.min,
            doctypes.stage_rank(self.stage),
            self.doc.id,
        )


def _stages(carriers: list[_Carrier]) -> None:
    """The stage of each document in one case (rules in docs/tables.md, *Case chains*)."""
    answers = [c for c in carriers if c.doc.doc_type == "yttrande" and c.role == "referenced"]
    dated_answers = [c.doc.date for c in answers if c.doc.date]
    answered_by = max(dated_answers) if dated_answers else None
    for carrier in carriers:
        stage = doctypes.stage_of_type(carrier.doc.doc_type)
        title = (carrier.doc.title or "").lower()
        if (
            stage == "tjänsteskrivelse"
            and carrier.role == "referenced"
            and title.startswith("remiss")
        ):
            stage = "yttrande"  # an office's draft answer to another body's remiss
        elif (
            answers
            and carrier.role == "own"
            and stage not in ("yttrande", "beslut")
            and (carrier.doc.date is None or answered_by is None or carrier.doc.date <= answered_by)
        ):
            stage = "remiss"  # the case that another body's yttrande answers
        carrier.stage = "dokument" if stage == "okänd" else stage


def _steps(carriers: list[_Carrier]) -> list[list[_Carrier]]:
    """Consecutive documents of one stage form a step; a decision is its own step per
    meeting (date and body), so arbetsutskott → nämnd → fullmäktige follow each other."""
    steps: list[list[_Carrier]] = []
    for carrier in sorted(carriers, key=_Carrier.sort_key):
        if steps:
            last = steps[-1][-1]
            same = last.stage == carrier.stage and (
                carrier.stage != "beslut"
                or (last.doc.date, last.doc.body) == (carrier.doc.date, carrier.doc.body)
            )
            if same:
                steps[-1].append(carrier)
                continue
        steps.append([carrier])
    return steps


def case_chains(
    collected: Collected, carriers: dict[str, dict[str, str]]
) -> list[tuple[str, list[list[_Carrier]]]]:
    """(case, its documents in steps) per chain. A bare number makes one chain per registry:
    other bodies reuse the same year and serial."""
    chains = []
    for case_number, by_doc in carriers.items():
        series, _, _ = parse_canonical(case_number) or NO_PARTS
        groups: dict[str, list[_Carrier]] = defaultdict(list)
        for doc_id, role in by_doc.items():
            doc = collected.docs[doc_id]
            group = "" if series else (doc.registry or f"\0{doc_id}")
            groups[group].append(_Carrier(doc, role))
        for members in groups.values():
            _stages(members)
            chains.append((case_number, _steps(members)))
    return chains


def case_documents_and_links(
    chains: list[tuple[str, list[list[_Carrier]]]],
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    documents: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    for case_number, steps in chains:
        for number, step in enumerate(steps, start=1):
            for c in step:
                documents.append((case_number, c.doc.id, c.role, c.stage, number, _iso(c.doc.date)))
        for earlier, later in itertools.pairwise(steps):
            for a in earlier:
                for b in later:
                    days = (b.doc.date - a.doc.date).days if a.doc.date and b.doc.date else None
                    links.append(
                        (
                            case_number,
                            a.doc.id,
                            b.doc.id,
                            a.stage,
                            b.stage,
                            f"{a.stage}→{b.stage}",
                            days,
                            "date" if days else "stage",
                        )
                    )
    return documents, links


def case_rows(collected: Collected, carriers: dict[str, dict[str, str]]) -> list[tuple[Any, ...]]:
    docs = collected.docs
    own_cases: Counter[str] = Counter()
    for by_doc in carriers.values():
        own_cases.update(d for d, role in by_doc.items() if role == "own")
    decisions: Counter[str] = Counter(row[2] for row in collected.rows["decisions"] if row[2])
    out = []
    for case_number in sorted(carriers):
        by_doc = carriers[case_number]
        series, year, serial = parse_canonical(case_number) or NO_PARTS
        body = gazetteer.body_for_series(series)
        body_from = "series" if body else None
        if body is None and series is None:
            registries = {docs[d].registry for d in by_doc}
            if len(registries) == 1 and None not in registries:
                body, body_from = registries.pop(), "documents"
        dates: list[date] = [day for d in by_doc if (day := docs[d].date) is not None]
        title_doc = min(
            (d for d, role in by_doc.items() if role == "own" and own_cases[d] == 1),
            key=lambda d: (docs[d].date is None, docs[d].date or date.min, d),
            default=None,
        )
        out.append(
            (
                case_number,
                series,
                body,
                body_from,
                year,
                serial,
                len(by_doc),
                sum(1 for role in by_doc.values() if role == "own"),
                decisions[case_number],
                _iso(min(dates)) if dates else None,
                _iso(max(dates)) if dates else None,
                docs[title_doc].title if title_doc else None,
                title_doc,
            )
        )
    return out
