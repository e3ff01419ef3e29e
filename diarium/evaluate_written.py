"""Extraction scored against gold written as the text writes it (the municipalities format).

The independent gold of ``../shared/municipalities/gold.jsonl`` (and ``tests/gold/pdfs.jsonl``,
written the same way for real PDFs) records values *as written* rather than in Diarium's
canonical forms: case numbers are exact substrings of the text, the issuing body and the bodies
named are lower-case names, persons are names as written. So this scorer compares what a
reader could check in the text, and never needs Diarium's own normalization to be right:

* case numbers: the extracted spelling (``CaseNumber.spellings``, whitespace collapsed, every
  dash a hyphen: OCR does not tell an en dash from a hyphen) against
  the gold strings; strings the gold marks truncated or uncertain count neither way;
* document type: accuracy; the gold's ``kallelse/föredragningslista`` accepts either;
* meeting date: accuracy over the documents whose gold meeting date is written in the text
  (``meeting_date_source`` starting with ``text``); document date where the gold has one;
* issuing body (``Extraction.body``) where the gold names one; bodies named (F1, canonical
  names lower-cased);
* decisions: recall with the word-overlap matching of `diarium.evaluate.match_decisions`;
* persons: names as written (F1 and recall); dates: complete dates (F1).

The split by municipality is fixed here, decided before any tuning (issue 13): a municipality
belongs to the ``tune`` part when the SHA-1 of its lower-case name, read as a number, ends in
0–5 modulo 10, else to ``held-out``. Tuning looks only at the ``tune`` part's disagreements;
the ``held-out`` figures are the ones reported as "not tuned on".
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from diarium.evaluate import (
    Accuracy,
    GoldError,
    Score,
    default_extract,
    match_decisions,
    read_gold_lines,
)
from extractors.base import ReaderError
from extractors.model import Extraction

Split = Literal["tune", "held-out", "all"]
SPLITS: tuple[Split, ...] = ("tune", "held-out", "all")

#: Gold document types that accept more than one of Diarium's types.
DOC_TYPE_ACCEPTS: dict[str, frozenset[str]] = {
    "kallelse/föredragningslista": frozenset({"kallelse", "föredragningslista"}),
}

#: Kinds of body that the gold leaves out of `committees` (offices, companies, auditors, and
#: another organisation's bodies: a region's council in a municipality's document).
_NOT_COMMITTEES = frozenset({"förvaltning", "bolag", "revision", "extern"})

_SPACE = re.compile(r"\s+")


def split_of(municipality: str) -> Split:
    """The fixed part of the split a municipality belongs to.

    >>> split_of("Ale"), split_of("Västerås")
    ('tune', 'held-out')
    """
    digest = int(hashlib.sha1(municipality.lower().encode("utf-8")).hexdigest(), 16)
    return "tune" if digest % 10 < 6 else "held-out"


def golds_at_hand(
    sets: Iterable[tuple[Path, Path, bool]],
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """(text path, gold record) of each record of `sets` (gold file, folder of its texts, tune
    part only) whose text is in its folder: what the training scripts read. A set marked tune
    part only (the shared municipalities) gives none of its held-out municipalities."""
    for gold_path, folder, tune_only in sets:
        for _, gold in read_gold_lines(gold_path):
            if tune_only and split_of(gold["municipality"]) != "tune":
                continue
            path = folder / gold["file"]
            if path.exists():
                yield path, gold


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


#: Dashes a reader cannot tell apart in a case number, and OCR does not keep apart: the gold of a
#: scan writes the en dash it sees in print ("26/0005–2"), OCR reads a hyphen ("26/0005-2").
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})


def case_spelling(text: str) -> str:
    """A case number as written, for comparison: whitespace collapsed, every dash a hyphen.

    >>> case_spelling("26/0005–2 ") == case_spelling("26/0005-2")
    True
    """
    return squash(text).translate(_DASHES)


#: Spellings of one body that the gold (as the text writes it) and Diarium's canonical names
#: (`extractors.committees.canonical_body`) write apart: the hyphen of a coordinated compound
#: ("barn och utbildningsnämnden", "barn- och utbildningsnämnden") and the definite ending
#: ("teknisk servicenämnd" in a list, "tekniska servicenämnden" … as a name).
_COORDINATION_HYPHEN = re.compile(r"-(?=\s+(?:och|eller|samt)\s)")
_DEFINITE_ENDING = re.compile(
    r"(?<=nämnd)en\b|(?<=beredning)en\b|(?<=direktion)en\b|(?<=styrelse)n\b"
    r"|(?<=kommitté)n\b|(?<=utskott)et\b"
)


def body_spelling(name: str) -> str:
    """A body's name for comparison: lower case, whitespace collapsed, without the hyphen of a
    coordinated compound and without the definite ending.

    >>> body_spelling("Barn och utbildningsnämnden") == body_spelling("barn- och utbildningsnämnden")
    True
    >>> body_spelling("valnämnd") == body_spelling("Valnämnden")
    True
    >>> body_spelling("kommunstyrelsen") == body_spelling("kommunfullmäktige")
    False
    """
    return _DEFINITE_ENDING.sub("", _COORDINATION_HYPHEN.sub("", squash(name).lower()))


def is_written_gold(doc: dict[str, Any]) -> bool:
    """Whether a gold record is in this format (rather than `diarium.evaluate`'s)."""
    return "committee" in doc and "meeting_date" in doc and "meeting" not in doc


def load_written_gold(path: str | Path) -> list[dict[str, Any]]:
    """The documents of a gold file written as the text writes it."""
    docs = []
    for number, doc in read_gold_lines(path):
        if "file" not in doc:
            raise GoldError(f"{path}:{number}: expected an object with a file")
        docs.append(doc)
    return docs


@dataclass
class WrittenReport:
    split: Split = "all"
    documents_scored: int = 0
    case_numbers: Score = field(default_factory=Score)
    committees: Score = field(default_factory=Score)
    persons: Score = field(default_factory=Score)
    dates: Score = field(default_factory=Score)
    decisions: Score = field(default_factory=Score)
    doc_type: Accuracy = field(default_factory=Accuracy)
    meeting_date: Accuracy = field(default_factory=Accuracy)
    document_date: Accuracy = field(default_factory=Accuracy)
    body: Accuracy = field(default_factory=Accuracy)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    #: Gold documents whose text is not in the folder: not scored (third-party texts kept
    #: outside the repository may be missing; scoring them as empty would hide it).
    missing: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        return {
            "case_numbers_f1": self.case_numbers.f1,
            "case_numbers_recall": self.case_numbers.recall,
            "case_numbers_precision": self.case_numbers.precision,
            "doc_type_accuracy": self.doc_type.value,
            "meeting_date_accuracy": self.meeting_date.value,
            "document_date_accuracy": self.document_date.value,
            "body_accuracy": self.body.value,
            "committees_f1": self.committees.f1,
            "decision_recall": self.decisions.recall,
            "persons_recall": self.persons.recall,
            "persons_f1": self.persons.f1,
            "dates_f1": self.dates.f1,
        }

    def to_dict(self, with_documents: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "split": self.split,
            "documents": self.documents_scored,
            "missing": self.missing,
            "summary": {k: round(v, 4) for k, v in self.summary().items()},
            "counts": {
                "case_numbers": _counts(self.case_numbers),
                "committees": _counts(self.committees),
                "persons": _counts(self.persons),
                "dates": _counts(self.dates),
                "decisions": _counts(self.decisions),
                "doc_type": [self.doc_type.correct, self.doc_type.total],
                "meeting_date": [self.meeting_date.correct, self.meeting_date.total],
                "document_date": [self.document_date.correct, self.document_date.total],
                "body": [self.body.correct, self.body.total],
            },
        }
        if with_documents:
            out["disagreements"] = self.disagreements
        return out


def _counts(s: Score) -> dict[str, int]:
    return {"tp": s.tp, "fp": s.fp, "fn": s.fn}


Extract = Callable[[Path], Extraction]


def evaluate_written(
    gold_docs: Iterable[dict[str, Any]],
    docs_dir: str | Path,
    split: Split = "all",
    extract: Extract = default_extract,
) -> WrittenReport:
    """Score every gold document of `split` found under `docs_dir`; one whose file is not
    there is listed in `missing`, not scored."""
    report = WrittenReport(split=split)
    base = Path(docs_dir)
    for gold in gold_docs:
        if split != "all" and split_of(gold.get("municipality") or "") != split:
            continue
        if not (base / gold["file"]).exists():
            report.missing.append(gold["file"])
            continue
        report.documents_scored += 1
        try:
            extraction: Extraction | None = extract(base / gold["file"])
        except (ReaderError, OSError) as error:
            extraction = None
            report.disagreements.append({"file": gold["file"], "error": str(error)})
        _score(report, gold, extraction)
    return report


def found_case_spellings(e: Extraction) -> set[str]:
    out: set[str] = set()
    for c in e.case_numbers:
        for spelling in c.spellings or [c.text]:
            out.add(case_spelling(spelling))
    return out


def _on_scored_pages(e: Extraction, pages: int | None) -> Extraction:
    """`e` limited to the first `pages` pages, for gold written for the first pages only."""
    if pages is None:
        return e

    def keep(page: int | None) -> bool:
        return page is None or page <= pages

    return dataclasses.replace(
        e,
        case_numbers=[c for c in e.case_numbers if keep(c.page)],
        committees=[c for c in e.committees if keep(c.page)],
        dates=[d for d in e.dates if keep(d.page)],
        persons=[p for p in e.persons if keep(p.page)],
        decisions=[d for d in e.decisions if keep(d.page)],
    )


def _score(report: WrittenReport, gold: dict[str, Any], e: Extraction | None) -> None:
    diff: dict[str, Any] = {}
    if e is not None:
        e = _on_scored_pages(e, gold.get("pages_scored"))

    def add(name: str, score: Score, expected: set[str], found: set[str]) -> None:
        score.add(expected, found)
        if expected - found:
            diff[f"missing {name}"] = sorted(expected - found)
        if found - expected:
            diff[f"extra {name}"] = sorted(found - expected)

    # Case numbers, as written.
    expected_cases = {case_spelling(c) for c in gold.get("case_numbers", [])}
    ignored = {
        case_spelling(c)
        for key in ("case_numbers_truncated", "case_numbers_uncertain")
        for c in gold.get(key, [])
    }
    found_cases = found_case_spellings(e) if e else set()
    found_cases = {
        c
        for c in found_cases
        if c in expected_cases or not any(c in i or i in c for i in ignored if i)
    }
    add("case_numbers", report.case_numbers, expected_cases, found_cases)

    # Bodies named, and the issuing body.
    expected_bodies = {body_spelling(b) for b in gold.get("committees", [])}
    found_bodies = (
        {body_spelling(c.name) for c in e.committees if c.kind not in _NOT_COMMITTEES}
        if e
        else set()
    )
    add("committees", report.committees, expected_bodies, found_bodies)
    if gold.get("committee"):
        found_body = (e.body or "").lower() if e else ""
        report.body.total += 1
        if body_spelling(found_body) == body_spelling(gold["committee"]):
            report.body.correct += 1
        else:
            diff["body"] = [gold["committee"], found_body or None]

    # Persons and complete dates (where the gold lists them).
    if "persons" in gold:
        add(
            "persons",
            report.persons,
            {squash(p) for p in gold["persons"]},
            {squash(p.name) for p in e.persons} if e else set(),
        )
    if "dates" in gold:
        add(
            "dates",
            report.dates,
            set(gold["dates"]),
            {d.date for d in e.dates if d.end_date is None and d.rule != "year_less"}
            if e
            else set(),
        )

    # Type and dates of the document.
    accepted = DOC_TYPE_ACCEPTS.get(gold["doc_type"], frozenset({gold["doc_type"]}))
    found_type = e.doc_type if e else None
    report.doc_type.total += 1
    if found_type in accepted:
        report.doc_type.correct += 1
    else:
        diff["doc_type"] = [gold["doc_type"], found_type]
    if gold.get("meeting_date") and str(gold.get("meeting_date_source") or "").startswith("text"):
        found_meeting = e.meeting.date if e and e.meeting else None
        report.meeting_date.total += 1
        if found_meeting == gold["meeting_date"]:
            report.meeting_date.correct += 1
        else:
            diff["meeting_date"] = [gold["meeting_date"], found_meeting]
    if gold.get("document_date"):
        report.document_date.total += 1
        if e and e.date == gold["document_date"]:
            report.document_date.correct += 1
        else:
            diff["document_date"] = [gold["document_date"], e.date if e else None]

    # Decisions and proposals (where the gold lists them).
    if "decisions" not in gold:
        if diff:
            report.disagreements.append({"file": gold["file"], **diff})
        return
    gold_decisions = [squash(d) for d in gold.get("decisions", [])]
    found_decisions = [d.text for d in e.decisions] if e else []
    pairs = match_decisions(gold_decisions, found_decisions)
    report.decisions.tp += len(pairs)
    report.decisions.fn += len(gold_decisions) - len(pairs)
    report.decisions.fp += len(found_decisions) - len(pairs)
    matched = {i for i, _, _ in pairs}
    missed = [d for k, d in enumerate(gold_decisions) if k not in matched]
    if missed:
        diff["missing decisions"] = missed

    if diff:
        report.disagreements.append({"file": gold["file"], **diff})


def render_written(reports: list[WrittenReport], console: Any, errors: bool = False) -> None:
    """One table with a column per split; then, with `errors`, each document's disagreements."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Extraction against gold written as the text writes it")
    table.add_column("field")
    for r in reports:
        table.add_column(f"{r.split} ({r.documents_scored} dok.)", justify="right")
    rows = [
        ("case numbers F1", lambda r: f"{r.case_numbers.f1:.3f}"),
        (
            "case numbers P / R",
            lambda r: f"{r.case_numbers.precision:.2f} / {r.case_numbers.recall:.2f}",
        ),
        ("document type", lambda r: _acc(r.doc_type)),
        ("meeting date (written)", lambda r: _acc(r.meeting_date)),
        ("document date", lambda r: _acc(r.document_date)),
        ("issuing body", lambda r: _acc(r.body)),
        ("committees F1", lambda r: f"{r.committees.f1:.3f}"),
        ("decisions recall", lambda r: f"{r.decisions.recall:.3f}"),
        ("persons recall / F1", lambda r: f"{r.persons.recall:.2f} / {r.persons.f1:.2f}"),
        ("dates F1", lambda r: f"{r.dates.f1:.3f}"),
    ]
    for label, cell in rows:
        table.add_row(label, *[cell(r) for r in reports])
    console.print(table)
    for r in reports:
        if r.missing:
            shown = ", ".join(r.missing[:5]) + (" …" if len(r.missing) > 5 else "")
            console.print(
                f"{r.split}: {len(r.missing)} dokument i guldet saknas i mappen och räknas inte: "
                f"{escape(shown)}"
            )
    if not errors:
        return
    for r in reports:
        for doc in r.disagreements:
            console.rule(escape(doc["file"]))
            for key, value in doc.items():
                if key != "file":
                    console.print(f"{escape(key)}: {escape(repr(value))}", markup=False)


def _acc(a: Accuracy) -> str:
    return f"{a.value:.3f} ({a.correct}/{a.total})"
