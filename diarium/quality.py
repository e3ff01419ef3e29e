"""Extraction quality of one ingestion batch, and when it has collapsed.

A reader or extractor regression does not raise: it quietly produces tjänsteskrivelser
without case numbers, documents without dates, or a wall of failed records. Indexing such a
batch would replace good search results with bad ones, so the blocking asset checks in
`pipelines/assets.py` stop the run before the index is touched when a rule below is broken.
Small batches prove nothing (two memos without a case number happen), so a rule judges a
batch only from `MIN_SAMPLE` documents up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from diarium.archive import Archive

#: Document types that always carry a date in their header (Datum, sammanträdesdatum).
DATED_TYPES = frozenset(
    {"tjänsteskrivelse", "protokoll", "protokollsutdrag", "kallelse", "yttrande", "beslut"}
)
MIN_SAMPLE = 10
#: Observations of the documents read since the index was last brought up to date.
PENDING_STATE = "quality_pending"


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    max_share: float


RULES = {
    "memos_without_case_number": Rule(
        "memos_without_case_number",
        "share of readable tjänsteskrivelser without any case number",
        0.5,
    ),
    "undated": Rule(
        "undated",
        "share of readable dated document types (protokoll, tjänsteskrivelse …) without a date",
        0.5,
    ),
    "failed": Rule("failed", "share of documents that could not be read", 0.5),
}


def observe(record: dict[str, Any]) -> list[Any]:
    """What the rules need of one record: [status, doc_type, has case number, has date]."""
    extraction = record.get("extraction") or {}
    return [
        record["status"],
        extraction.get("doc_type"),
        bool(extraction.get("case_numbers")),
        bool(extraction.get("date")),
    ]


@dataclass
class QualityCounts:
    documents: int = 0
    failed: int = 0
    memos: int = 0
    memos_without_case_number: int = 0
    dated_type: int = 0
    undated: int = 0

    @classmethod
    def of(cls, observations: Iterable[list[Any]]) -> QualityCounts:
        counts = cls()
        for status, doc_type, has_case, has_date in observations:
            counts.documents += 1
            counts.failed += status == "failed"
            if status != "ok":
                continue
            if doc_type == "tjänsteskrivelse":
                counts.memos += 1
                counts.memos_without_case_number += not has_case
            if doc_type in DATED_TYPES:
                counts.dated_type += 1
                counts.undated += not has_date
        return counts

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def add_pending(archive: Archive, observations: dict[str, list[Any]]) -> QualityCounts:
    """Add a batch to the documents not yet indexed; return the counts over all of them.

    The checks judge all documents read since the index was last synchronized, not only
    tonight's: a batch that blocked indexing keeps blocking it on the nights after (when
    nothing new arrives) until it is re-read after a fix or accepted.
    """
    pending: dict[str, list[Any]] = archive.read_state(PENDING_STATE, {}) or {}
    pending.update(observations)
    archive.write_state(PENDING_STATE, pending)
    return QualityCounts.of(pending.values())


def clear_pending(archive: Archive) -> int:
    """The index now holds these documents (or an operator accepted them)."""
    pending = archive.read_state(PENDING_STATE, {}) or {}
    if pending:
        archive.write_state(PENDING_STATE, {})
    return len(pending)


@dataclass(frozen=True)
class Verdict:
    rule: str
    passed: bool
    judged: bool  # False when the batch was too small to judge
    count: int
    sample: int
    share: float
    max_share: float
    description: str

    def metadata(self) -> dict[str, Any]:
        return {
            "what": self.description,
            "count": self.count,
            "sample": self.sample,
            "share": round(self.share, 3),
            "max_share": self.max_share,
            "judged": self.judged,
        }


def judge(counts: dict[str, int], rule_name: str) -> Verdict:
    """The verdict of one rule over a batch's counts (`QualityCounts.as_dict()`)."""
    rule = RULES[rule_name]
    count, sample = {
        "memos_without_case_number": ("memos_without_case_number", "memos"),
        "undated": ("undated", "dated_type"),
        "failed": ("failed", "documents"),
    }[rule_name]
    n, total = int(counts.get(count, 0)), int(counts.get(sample, 0))
    share = n / total if total else 0.0
    judged = total >= MIN_SAMPLE
    return Verdict(
        rule=rule_name,
        passed=not judged or share <= rule.max_share,
        judged=judged,
        count=n,
        sample=total,
        share=share,
        max_share=rule.max_share,
        description=rule.description,
    )
