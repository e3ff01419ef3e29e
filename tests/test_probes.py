"""The synthetic probe set (`tests/data/probes`): heads and decisions written in the house styles
of municipalities, regions, kommunalförbund and companies that no rule was built from.

The texts and their gold were written together, before Diarium was run on them (see the folder's
README). Each field's score may not drop below what the rules reached when the set was added.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diarium.evaluate_written import WrittenReport, evaluate_written, load_written_gold

PROBES = Path(__file__).parent / "data" / "probes"

#: The scores reached (issue 13, fourth round: 100 probes), a field of `WrittenReport.summary`
#: each. The 73 probes of the third round all score as before or better.
FLOORS = {
    "case_numbers_f1": 0.993,
    "doc_type_accuracy": 0.96,
    "meeting_date_accuracy": 0.971,
    "document_date_accuracy": 0.953,
    "body_accuracy": 1.0,
    "committees_f1": 1.0,
    "decision_recall": 0.981,
}


@pytest.fixture(scope="module")
def report() -> WrittenReport:
    return evaluate_written(load_written_gold(PROBES / "gold.jsonl"), PROBES)


def test_every_probe_is_scored(report: WrittenReport) -> None:
    texts = sorted(PROBES.glob("[0-9][0-9][0-9]_*.txt"))
    assert report.documents_scored == len(texts) >= 60
    assert not [d for d in report.disagreements if "error" in d]


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_probe_scores_do_not_drop(report: WrittenReport, field: str) -> None:
    assert report.summary()[field] >= FLOORS[field]
