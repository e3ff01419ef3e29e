"""Extraction measured against hand-checked answers (gold files).

A gold file is JSON Lines, one object per document, keyed by ``file`` (relative to the documents
directory, e.g. ``kungsbacka/ks_2024-02-20_kallelse.md``)::

    {"file": "...", "doc_type": "kallelse", "date": "2024-02-08",
     "meeting": {"committee": "kommunstyrelsen", "date": "2024-02-20"} | null,
     "case_numbers": [{"normalized": "KS-2023-249", "role": "own"}],
     "committees": [{"name": "kommunstyrelsen", "role": "decision_maker"}],
     "decisions": [{"text": "...", "by": "kommunstyrelsen", "paragraph": "§ 43", "case_number": "..."}],
     "dates": [{"date": "2024-01-16", "end_date": null}],
     "persons": [{"name": "Lisa Andersson", "role": "ordförande", "title": null}],
     "places": ["Rosengård"], "notes": ["why the answer is what it is"]}

``date`` and ``places`` may be left out (then they are not scored for that document). Documents are
read with `extractors.readers.read_document`, so the evaluation sees exactly what ingestion sees.

How each field is scored (micro-averaged over all documents of a run):

* case numbers: precision/recall/F1 over the set of (normalized, role) per document; also over
  normalized forms alone.
* committees: over the set of canonical names; separately over (name, strongest role).
* meeting date: accuracy over documents, the extracted meeting date against the gold one (no
  meeting in gold and none extracted counts as right); also meeting (committee and date).
* document type and document date: accuracy.
* decisions: each gold decision point is matched to at most one extracted decision, and each
  extracted decision to at most one gold point (greedy, best pairs first). A pair matches when the
  Dice overlap of their lowercase word multisets is at least `DECISION_MATCH` (0.5): 2·|G∩E| /
  (|G|+|E|). So boundary differences (a dropped "att", a trailing period) still match, while one
  extracted row that merges two decision points of equal length matches only one of them.
  Recall = matched gold points / gold points. For matched pairs the decision-maker ("by") is
  compared too.
* dates: over the set of (date, end_date); persons: over (name, role) and over names.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.base import ReaderError
from extractors.model import Extraction

#: Minimum Dice overlap of word multisets for an extracted decision to match a gold point.
DECISION_MATCH = 0.5

#: Set-valued fields: (report name, function from a gold or extracted document to its items).
SET_FIELDS = (
    "case_numbers",
    "case_numbers_normalized",
    "committees",
    "committees_roles",
    "dates",
    "persons",
    "persons_names",
    "places",
)
ACCURACY_FIELDS = ("doc_type", "meeting_date", "meeting", "date")

_WORD = re.compile(r"\w+")


class GoldError(ValueError):
    """A gold file that cannot be used: bad JSON, a missing key, an unknown value."""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[Any], found: set[Any]) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class DocumentResult:
    """What one document got wrong, for reading the disagreements."""

    file: str
    error: str | None = None
    missing: dict[str, list[Any]] = field(default_factory=dict)
    extra: dict[str, list[Any]] = field(default_factory=dict)
    wrong: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (gold, found)


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in SET_FIELDS})
    decisions: Score = field(default_factory=Score)
    decision_by: Accuracy = field(default_factory=Accuracy)
    accuracies: dict[str, Accuracy] = field(
        default_factory=lambda: {f: Accuracy() for f in ACCURACY_FIELDS}
    )
    documents: list[DocumentResult] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        """The headline figures that thresholds apply to (see `check_thresholds`)."""
        return {
            "case_numbers_f1": self.scores["case_numbers"].f1,
            "committees_f1": self.scores["committees"].f1,
            "meeting_date_accuracy": self.accuracies["meeting_date"].value,
            "doc_type_accuracy": self.accuracies["doc_type"].value,
            "decision_recall": self.decisions.recall,
            "dates_f1": self.scores["dates"].f1,
            "persons_f1": self.scores["persons"].f1,
        }

    def to_dict(self) -> dict[str, Any]:
        def score(s: Score) -> dict[str, Any]:
            return {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }

        return {
            "summary": {k: round(v, 4) for k, v in self.summary().items()},
            "fields": {name: score(s) for name, s in self.scores.items()}
            | {"decisions": score(self.decisions)},
            "accuracy": {
                name: {"value": round(a.value, 4), "correct": a.correct, "total": a.total}
                for name, a in (self.accuracies | {"decision_by": self.decision_by}).items()
            },
            "documents": [
                {
                    "file": d.file,
                    "error": d.error,
                    "missing": d.missing,
                    "extra": d.extra,
                    "wrong": {k: list(v) for k, v in d.wrong.items()},
                }
                for d in self.documents
            ],
        }


# --------------------------------------------------------------------------- gold files

_REQUIRED = ("file", "doc_type", "meeting", "case_numbers", "committees", "decisions")


def read_gold_lines(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) of each line of a JSON Lines gold file, blank lines skipped;
    `GoldError` names the line of any problem. Both gold formats (this module's and
    `diarium.evaluate_written`'s) are read through it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GoldError(f"cannot read gold file {path}: {error.strerror or error}") from error
    docs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldError(f"{path}:{number}: not JSON: {error.msg}") from error
        if not isinstance(doc, dict):
            raise GoldError(f"{path}:{number}: expected an object per line")
        docs.append((number, doc))
    if not docs:
        raise GoldError(f"{path}: no documents")
    return docs


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The documents of a gold file; `GoldError` names the line of any problem."""
    docs = []
    for number, doc in read_gold_lines(path):
        missing = [key for key in _REQUIRED if key not in doc]
        if missing:
            raise GoldError(f"{path}:{number}: missing {', '.join(missing)}")
        docs.append(doc)
    return docs


# --------------------------------------------------------------------------- items per field


def _gold_items(doc: dict[str, Any]) -> dict[str, set[Any] | None]:
    return {
        "case_numbers": {(c["normalized"], c["role"]) for c in doc["case_numbers"]},
        "case_numbers_normalized": {c["normalized"] for c in doc["case_numbers"]},
        "committees": {c["name"] for c in doc["committees"]},
        "committees_roles": {(c["name"], c["role"]) for c in doc["committees"]},
        "dates": {(d["date"], d.get("end_date")) for d in doc.get("dates", [])},
        "persons": {(p["name"], p["role"]) for p in doc.get("persons", [])},
        "persons_names": {p["name"] for p in doc.get("persons", [])},
        "places": set(doc["places"]) if "places" in doc else None,
    }


def _found_items(e: Extraction) -> dict[str, set[Any]]:
    return {
        "case_numbers": {(c.normalized, c.role) for c in e.case_numbers},
        "case_numbers_normalized": {c.normalized for c in e.case_numbers},
        "committees": {c.name for c in e.committees},
        "committees_roles": {(c.name, c.role) for c in e.committees},
        "dates": {(d.date, d.end_date) for d in e.dates},
        "persons": {(p.name, p.role) for p in e.persons},
        "persons_names": {p.name for p in e.persons},
        "places": {p.name for p in e.places},
    }


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def match_decisions(gold: list[str], found: list[str]) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, found index, overlap) pairs, best first, overlap >= DECISION_MATCH.

    >>> match_decisions(["Nämnden antar yttrande."], ["antar yttrande", "noterar"])
    [(0, 0, 0.8)]
    """
    gw = [words(t) for t in gold]
    fw = [words(t) for t in found]
    # Best overlap first; ties go to the earlier gold point and the earlier extracted row.
    pairs = sorted(
        (-dice(g, f), i, j)
        for i, g in enumerate(gw)
        for j, f in enumerate(fw)
        if sum((g & f).values())
    )
    used_gold: set[int] = set()
    used_found: set[int] = set()
    out = []
    for negative, i, j in pairs:
        score = -negative
        if score < DECISION_MATCH:
            break
        if i in used_gold or j in used_found:
            continue
        used_gold.add(i)
        used_found.add(j)
        out.append((i, j, round(score, 4)))
    return out


# --------------------------------------------------------------------------- evaluation

Extract = Callable[[Path], Extraction]


def default_extract(path: Path) -> Extraction:
    """Read like ingestion does, then extract."""
    from extractors.extraction import extract
    from extractors.readers import read_document

    return extract(read_document(path, source=str(path)))


def evaluate(
    gold_docs: Iterable[dict[str, Any]], docs_dir: str | Path, extract: Extract = default_extract
) -> Report:
    """Score extraction on every gold document found under `docs_dir`.

    A document that cannot be read counts as extracting nothing (every gold item is missed)
    and its error is recorded; it never stops the run.
    """
    report = Report()
    base = Path(docs_dir)
    for gold in gold_docs:
        result = DocumentResult(file=gold["file"])
        report.documents.append(result)
        try:
            extraction: Extraction | None = extract(base / gold["file"])
        except (ReaderError, OSError) as error:
            result.error = f"{type(error).__name__}: {error}"
            extraction = None
        _score_document(report, result, gold, extraction)
    return report


def _score_document(
    report: Report, result: DocumentResult, gold: dict[str, Any], e: Extraction | None
) -> None:
    gold_items = _gold_items(gold)
    found_items = _found_items(e) if e is not None else {name: set() for name in SET_FIELDS}
    for name in SET_FIELDS:
        expected = gold_items[name]
        if expected is None:
            continue
        found = found_items[name]
        report.scores[name].add(expected, found)
        if expected - found:
            result.missing[name] = sorted(expected - found, key=str)
        if found - expected:
            result.extra[name] = sorted(found - expected, key=str)

    gold_meeting = gold["meeting"] or {}
    meeting = e.meeting if e is not None else None
    checks: dict[str, tuple[Any, Any]] = {
        "doc_type": (gold["doc_type"], e.doc_type if e else None),
        "meeting_date": (gold_meeting.get("date"), meeting.date if meeting else None),
        "meeting": (
            (gold_meeting.get("committee"), gold_meeting.get("date")) if gold_meeting else None,
            (meeting.committee, meeting.date) if meeting else None,
        ),
    }
    if "date" in gold:
        checks["date"] = (gold["date"], e.date if e else None)
    for name, (expected, found) in checks.items():
        accuracy = report.accuracies[name]
        accuracy.total += 1
        if expected == found:
            accuracy.correct += 1
        else:
            result.wrong[name] = (expected, found)

    gold_decisions = gold["decisions"]
    found_decisions = e.decisions if e is not None else []
    pairs = match_decisions([d["text"] for d in gold_decisions], [d.text for d in found_decisions])
    report.decisions.tp += len(pairs)
    report.decisions.fn += len(gold_decisions) - len(pairs)
    report.decisions.fp += len(found_decisions) - len(pairs)
    matched_gold = {i for i, _, _ in pairs}
    matched_found = {j for _, j, _ in pairs}
    for i, j, _ in pairs:
        report.decision_by.total += 1
        if gold_decisions[i].get("by") == found_decisions[j].by:
            report.decision_by.correct += 1
        else:
            result.wrong.setdefault("decision_by", ([], []))
            result.wrong["decision_by"][0].append(gold_decisions[i].get("by"))
            result.wrong["decision_by"][1].append(found_decisions[j].by)
    missed = [d["text"] for k, d in enumerate(gold_decisions) if k not in matched_gold]
    extra = [d.text for k, d in enumerate(found_decisions) if k not in matched_found]
    if missed:
        result.missing["decisions"] = missed
    if extra:
        result.extra["decisions"] = extra


# --------------------------------------------------------------------------- thresholds

#: CLI option -> summary figure.
THRESHOLDS = {
    "case_numbers": "case_numbers_f1",
    "committees": "committees_f1",
    "meeting_date": "meeting_date_accuracy",
    "doc_type": "doc_type_accuracy",
    "decision_recall": "decision_recall",
    "dates": "dates_f1",
    "persons": "persons_f1",
}


def check_thresholds(report: Report, minimums: dict[str, float | None]) -> list[str]:
    """Messages for every figure below its minimum (empty when all pass)."""
    summary = report.summary()
    failures = []
    for option, minimum in minimums.items():
        if minimum is None:
            continue
        figure = THRESHOLDS[option]
        if summary[figure] < minimum:
            failures.append(f"{figure} = {summary[figure]:.4f} < {minimum}")
    return failures


# --------------------------------------------------------------------------- output


def render(report: Report, console: Any, title: str = "", errors: bool = False) -> None:
    """Rich tables: per-field precision/recall/F1, accuracies, and optionally disagreements."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Extraction against {title}" if title else "Extraction")
    for column in ("field", "precision", "recall", "F1", "gold", "found"):
        table.add_column(column, justify="left" if column == "field" else "right")
    labels = {
        "case_numbers": "case numbers (normalized+role)",
        "case_numbers_normalized": "case numbers (normalized)",
        "committees": "committees (name)",
        "committees_roles": "committees (name+role)",
        "dates": "dates",
        "persons": "persons (name+role)",
        "persons_names": "persons (name)",
        "places": "places",
    }
    rows = [(labels[name], report.scores[name]) for name in SET_FIELDS]
    rows.append(("decision points (text overlap)", report.decisions))
    for label, s in rows:
        table.add_row(
            label,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.tp + s.fn),
            str(s.tp + s.fp),
        )
    console.print(table)
    accuracy = Table(title="Accuracy")
    for column in ("field", "accuracy", "right", "documents"):
        accuracy.add_column(column, justify="left" if column == "field" else "right")
    names = {
        "doc_type": "document type",
        "meeting_date": "meeting date",
        "meeting": "meeting (committee+date)",
        "date": "document date",
    }
    for name, a in report.accuracies.items():
        accuracy.add_row(names[name], f"{a.value:.3f}", str(a.correct), str(a.total))
    accuracy.add_row(
        "decision-maker of matched decisions",
        f"{report.decision_by.value:.3f}",
        str(report.decision_by.correct),
        str(report.decision_by.total),
    )
    console.print(accuracy)
    if not errors:
        return
    for doc in report.documents:
        if not (doc.error or doc.missing or doc.extra or doc.wrong):
            continue
        console.rule(escape(doc.file))
        if doc.error:
            console.print(f"[red]error[/red] {escape(doc.error)}")
        for name, (expected, found) in doc.wrong.items():
            console.print(f"[yellow]{name}[/yellow] gold {expected!r} found {found!r}", markup=True)
        for name, items in doc.missing.items():
            for item in items:
                console.print(f"[red]- {name}[/red] {escape(str(item))}")
        for name, items in doc.extra.items():
            for item in items:
                console.print(f"[cyan]+ {name}[/cyan] {escape(str(item))}")
