"""The learned document-type check (`extractors.doctype_model`): the shipped weights load, the
plain-Python inference gives the answers it gave when it was fitted, and it only speaks where
the training's cross-validation let it (the rules found no type)."""

from __future__ import annotations

import json

import pytest

from extractors import doctype_model
from extractors.base import Page, ParsedDocument
from extractors.doctype import lines_of
from extractors.extraction import extract


def extracted_type(text: str) -> str:
    doc = ParsedDocument(
        source="t", sha256="x", format="text", text=text, pages=[Page(1, 0, len(text))]
    )
    return extract(doc).doc_type


def test_the_shipped_model_loads() -> None:
    model = doctype_model.load()
    assert model is not None
    assert {"protokoll", "kallelse", "tjänsteskrivelse", "yttrande"} <= set(model.classes)
    assert "okänd" not in model.classes  # no training document is of unknown type
    # What the CV chose: where the rules are silent, and (since set F joined the training
    # data) over a bare "Protokoll" heading when the model gives another type better odds.
    assert model.override == {"none", "protokoll_header"}
    assert 0.5 <= model.threshold < 1
    data = json.loads(doctype_model.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["cv"]["combined"] > data["cv"]["rules"]


def test_probabilities_are_a_distribution() -> None:
    model = doctype_model.load()
    assert model is not None
    text = "Kommunfullmäktige sammanträder\nNästa sammanträde äger rum i stadshuset."
    probs = model.probabilities(
        doctype_model.features(lines_of(text), text, "text", "okänd", "none")
    )
    assert set(probs) == set(model.classes)
    assert sum(probs.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        # A web page announcing a meeting: no type word, no agenda; the rules find nothing.
        (
            "Kommunfullmäktige sammanträder\nNästa sammanträde äger rum i stadshuset den 12 maj "
            "klockan 18.00. Mötet är öppet för allmänheten.",
            "kallelse",
        ),
        # Nothing a municipality's document type fits: the model is not sure and okänd stays.
        ("Välkommen till biblioteket\nÖppettider\nMåndag till fredag 10-19.", "okänd"),
        ("Motion: Fler cykelbanor i centrum\nVi föreslår därför att kommunen bygger.", "okänd"),
        # The rules' cue words decide; the model is not asked.
        (
            "Remissvar från kommunen\nKommunen har beretts tillfälle att yttra sig.",
            "yttrande",
        ),
        (
            "Tjänsteskrivelse\nDatum 2023-12-01\nFörslag till beslut\nNämnden beslutar",
            "tjänsteskrivelse",
        ),
    ],
)
def test_type_with_the_model(text: str, doc_type: str) -> None:
    assert extracted_type(text) == doc_type


def test_the_model_does_not_override_a_rule_it_was_not_chosen_for() -> None:
    model = doctype_model.load()
    assert model is not None
    text = "Kommunstyrelsen\nProtokoll 2019-04-08\n§ 54 Dnr KS 2019/118\nRiktlinjer"
    lines = lines_of(text)
    assert (
        doctype_model.combine(model, lines, text, "text", "protokoll", "protokoll_header") is None
    )
    override = doctype_model.combine(
        model,
        lines_of("Kommunfullmäktige sammanträder\nNästa sammanträde äger rum i stadshuset."),
        "Kommunfullmäktige sammanträder\nNästa sammanträde äger rum i stadshuset.",
        "text",
        "okänd",
        "none",
    )
    assert override is not None and override[0] == "kallelse"
    assert override[1].startswith("model:")


def test_an_absent_model_leaves_the_rules(tmp_path: object) -> None:
    from pathlib import Path

    assert doctype_model.load.__wrapped__(Path(str(tmp_path)) / "missing.json") is None
