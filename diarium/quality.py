"""Extraction quality of one ingestion batch, and when it has collapsed.

A reader or extractor regression does not raise: it quietly produces tjänsteskrivelser
without case numbers, documents without dates, or a wall of failed records. Indexing such a
batch would replace good search results with bad ones, so the blocking asset checks in
`pipelines/assets.py` stop the run before the index is touched when a rule below is broken.
Small batches prove nothing (two memos without a case number happen), so a rule judges a
batch only from `MIN_SAMPLE` documents up.

Documents differ between municipalities: excerpts without a date, a portal's memos
without a case number. So the extraction rules (case numbers, dates) judge a batch against
this archive's own recent history of the same source (`HISTORY_STATE`: the observations
of the last `HISTORY_SIZE` documents that were indexed), and block only on a sharp drop
from it (`MAX_DROP`); without `MIN_HISTORY` documents of history (a first ingest, a new
source) they do not judge at all. Unreadable documents (failed, or read as empty text)
are a broken reader whatever the history, so that rule is absolute.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from diarium.archive import Archive
from diarium.doctypes import DATED_TYPES
from diarium.record import Record

MIN_SAMPLE = 10
#: How to go on when a blocking check held a batch back (the records stay written).
ACCEPT_HINT = (
    "De lästa dokumenten är sparade men inte indexerade; läs om dem efter en rättelse "
    "(`diarium ingest --reprocess`) eller godta dem som de är med "
    "`diarium ingest --accept-quality` (i launchpad: accept_quality: true)"
)
#: Observations of the documents read since the index was last brought up to date.
PENDING_STATE = "quality_pending"
#: Observations of indexed documents, per source: what "normal" is for this archive.
HISTORY_STATE = "quality_history"
HISTORY_SIZE = 2000
#: Fewer indexed documents of a source than this: the extraction rules do not judge.
MIN_HISTORY = 20
#: An extraction rule blocks when the batch's share exceeds both the rule's `max_share`
#: and the history's share plus this (0.05 → 0.35 is a drop; 0.45 → 0.6 is not).
MAX_DROP = 0.3
#: The rules judged against history; the others are absolute.
RELATIVE_RULES = frozenset({"memos_without_case_number", "undated"})


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
    "failed": Rule(
        "failed", "share of documents that could not be read or were read as empty", 0.5
    ),
}


def observe(record: Record) -> list[Any]:
    """What the rules need of one record:
    [status, doc_type, has case number, has date, read as empty, origin]."""
    extraction = record.get("extraction") or {}
    return [
        record["status"],
        extraction.get("doc_type"),
        bool(extraction.get("case_numbers")),
        bool(extraction.get("date")),
        record["status"] == "ok" and not str(record.get("text") or "").strip(),
        record.get("origin") or "files",
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
        for observation in observations:
            # Observations written before `empty` and `origin` existed have four fields.
            status, doc_type, has_case, has_date = observation[:4]
            empty = bool(observation[4]) if len(observation) > 4 else False
            counts.documents += 1
            counts.failed += status == "failed" or empty
            if status != "ok" or empty:
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


def _origin(observation: list[Any]) -> str:
    return str(observation[5]) if len(observation) > 5 else "files"


def clear_pending(archive: Archive) -> int:
    """The index now holds these documents (or an operator accepted them): they become
    the history that later batches of their source are judged against."""
    pending: dict[str, list[Any]] = archive.read_state(PENDING_STATE, {}) or {}
    if pending:
        history: dict[str, list[Any]] = archive.read_state(HISTORY_STATE, {}) or {}
        for doc_id, observation in pending.items():
            history.pop(doc_id, None)  # re-inserted last: the newest observation counts
            history[doc_id] = observation
        archive.write_state(HISTORY_STATE, dict(list(history.items())[-HISTORY_SIZE:]))
        archive.write_state(PENDING_STATE, {})
    return len(pending)


def baseline(archive: Archive) -> dict[str, int]:
    """The counts of the indexed history of the sources the pending documents come from
    (`QualityCounts.as_dict()`), to judge the extraction rules against."""
    pending: dict[str, list[Any]] = archive.read_state(PENDING_STATE, {}) or {}
    origins = {_origin(observation) for observation in pending.values()}
    history: dict[str, list[Any]] = archive.read_state(HISTORY_STATE, {}) or {}
    return QualityCounts.of(
        observation
        for doc_id, observation in history.items()
        if _origin(observation) in origins and doc_id not in pending
    ).as_dict()


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
    #: The share in this source's indexed history, for the rules judged against it.
    history_share: float | None = None
    #: Why the rule did not judge, in Swedish (shown in the UI), else None.
    not_judged_because: str | None = None

    def metadata(self) -> dict[str, Any]:
        return {
            "what": self.description,
            "count": self.count,
            "sample": self.sample,
            "share": round(self.share, 3),
            "max_share": self.max_share,
            "history_share": None if self.history_share is None else round(self.history_share, 3),
            "judged": self.judged,
        }

    def swedish(self) -> str:
        """One sentence for an officer or operator: what was found and why it blocks."""
        what = {
            "memos_without_case_number": "tjänsteskrivelser saknar diarienummer",
            "undated": "daterade dokument (protokoll, tjänsteskrivelser …) saknar datum",
            "failed": "dokument kunde inte läsas eller blev tomma",
        }[self.rule]
        usual = (
            f", mot {self.history_share:.0%} i arkivets tidigare dokument från samma källa"
            if self.history_share is not None
            else ""
        )
        return f"{self.count} av {self.sample} {what} ({self.share:.0%}{usual})"


_COUNTED = {
    "memos_without_case_number": ("memos_without_case_number", "memos"),
    "undated": ("undated", "dated_type"),
    "failed": ("failed", "documents"),
}


def _share(counts: dict[str, int], rule_name: str) -> tuple[int, int, float]:
    count, sample = _COUNTED[rule_name]
    n, total = int(counts.get(count, 0)), int(counts.get(sample, 0))
    return n, total, (n / total if total else 0.0)


def judge(counts: dict[str, int], rule_name: str, history: dict[str, int] | None = None) -> Verdict:
    """The verdict of one rule over a batch's counts (`QualityCounts.as_dict()`), the
    extraction rules against the source's `history` (`baseline()`).

    >>> judge({"documents": 40, "failed": 30}, "failed").passed
    False
    >>> judge({"memos": 40, "memos_without_case_number": 30}, "memos_without_case_number").judged
    False
    >>> usual = {"memos": 100, "memos_without_case_number": 5}
    >>> judge({"memos": 40, "memos_without_case_number": 30}, "memos_without_case_number", usual).passed
    False
    >>> usual = {"memos": 100, "memos_without_case_number": 60}
    >>> judge({"memos": 40, "memos_without_case_number": 30}, "memos_without_case_number", usual).passed
    True
    """
    rule = RULES[rule_name]
    n, total, share = _share(counts, rule_name)
    limit, history_share, because = rule.max_share, None, None
    if total < MIN_SAMPLE:
        because = f"färre än {MIN_SAMPLE} dokument att bedöma"
    elif rule_name in RELATIVE_RULES:
        _, history_total, history_share = _share(history or {}, rule_name)
        if history_total < MIN_HISTORY:
            because = (
                f"färre än {MIN_HISTORY} indexerade dokument från samma källa att jämföra med "
                "(första inläsningen eller en ny källa)"
            )
            history_share = None
        else:
            limit = max(rule.max_share, history_share + MAX_DROP)
    judged = because is None
    return Verdict(
        rule=rule_name,
        passed=not judged or share <= limit,
        judged=judged,
        count=n,
        sample=total,
        share=share,
        max_share=round(limit, 3),
        description=rule.description,
        history_share=history_share,
        not_judged_because=because,
    )
