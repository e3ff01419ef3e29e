"""A learned scorer for the decisions of a news page of decisions (issue 13).

A municipality's "Beslut i korthet" / "Kort från fullmäktige" page tells its decisions in free
prose: "VA-taxan justeras från den 1 januari", "Kommunstyrelsen har skickat tillbaka
förslaget", "Lomma kommun säger nej till …". The wording rules of `extractors.decisions` find a
body with a decision verb; on pages no rule was written from they find about half of the
points. This scorer reads every sentence the rules left and scores it by sparse binary features
(its first words, its words, its verbs' tense and voice, a body as subject, its place under an
item's title, its length), with a logistic model fitted offline by
``scripts/train_news_decisions.py`` (scikit-learn, cross-validation grouped by municipality, on
the news pages of the fresh sets that have been read) and shipped as
``extractors/data/news_decisions.json``: inference is a sparse dot product in plain Python.

A sentence scoring at least the shipped threshold (chosen by the same cross-validation) is
added as a decision; the rules' own points stand.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from extractors.decision_rules import _PAST, _PERFECT, _PRESENT, PAGE_OF_DECISIONS
from extractors.extraction_rules import PASSIVE_DECISION_VERBS
from extractors.rankers import previous_line

DATA = Path(__file__).parent / "data" / "news_decisions.json"

#: Switched off by the training script to read the rules' own points.
ENABLED = True
#: Set to a list by the training script: every page's sentences are appended to it, those the
#: rules took too (the scorer learns what a decision sentence is from all of them).
RECORD: list[list[Candidate]] | None = None

#: The document types whose free prose the scorer reads.
NEWS_TYPES = ("beslutsreferat",)

_WORD = re.compile(r"[a-zåäöéü]+")
#: The patterns whose match is a feature of the sentence, by the feature's name. Compiled on
#: the first news page (the verb alternations cost milliseconds that every command's start
#: would pay otherwise).
_FEATURE_PATTERNS = {
    "past": r"\b(?:" + _PAST + r")\b",
    "present": r"\b(?:" + _PRESENT + r")\b",
    "perfect": r"\bhar (?:\w+ ){0,3}(?:" + _PERFECT + r")\b",
    "passive": r"\b(?:" + PASSIVE_DECISION_VERBS + r")\b",
    # any verb in the s-passive: "justeras", "införs", "höjs", "tillsätts"
    "s_passive": r"\b[a-zåäö]{3,}(?:as|ts|ds|rs|ls|ns|ks)\b",
    # the past passive: "godkändes", "beslutades", "antogs", "avslogs", "utsågs"
    "past_passive": r"\b[a-zåäö]{3,}(?:ades|des|tes|ogs|ögs|ågs|öts|äts|ots)\b",
    "money": r"\b(?:kronor|kr|mkr|mnkr|tkr|miljoner|miljarder|procent)\b|%",
    "digit": r"\d",
    "modal": r"\b(?:ska|skall|kommer att|får|måste)\b",
    "proposal": r"\b(?:föreslår|föreslog|föreslås|förslag|yrkar|yrkade|vill)\b",
    "negation": r"\b(?:inte|ej|nej|inget|ingen)\b",
}
_BODY = re.compile(
    r"\b[a-zåäö-]*(?:nämnden|styrelsen|fullmäktige|utskottet|direktionen|fullmäktiges?)\b"
)
#: A sentence that announces the points after it ("Kommunfullmäktige beslutar enligt följande:
#: 1."): the points are the decisions, as the rules read them, not their lead.
_ANNOUNCES = re.compile(r":\s*(?:\d{1,2}[.)])?\s*$")
#: The first words of a sentence the features read one by one.
_LEAD = 3


@dataclass(frozen=True)
class Candidate:
    """One sentence of a news page with its features."""

    start: int
    end: int
    features: list[str]


def _length(n: int) -> str:
    for limit, name in ((3, "1-3"), (6, "4-6"), (12, "7-12"), (25, "13-25"), (50, "26-50")):
        if n <= limit:
            return name
    return "51+"


def _place(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


def _is_title(line: str) -> bool:
    """A short line without a sentence's full stop: a news item's title."""
    return 0 < len(line) <= 90 and line[-1] not in ".:;,!?" and len(line.split()) <= 12


def sentence_features(
    text: str,
    spans: Sequence[tuple[int, int]],
    index: int,
    body_starts: Sequence[int],
    since_title: int | None = None,
) -> list[str]:
    """The features of sentence `index` of `spans` in `text`; `body_starts` are the offsets at
    which a body is named (the subject when one opens the sentence), `since_title` how many
    sentences stand between it and the last item title (None: no title before it)."""
    start, end = spans[index]
    sentence = text[start:end].strip()
    lowered = sentence.lower()
    words = _WORD.findall(lowered)
    out = [f"len={_length(len(words))}", f"place={_place(index)}"]
    out.append(f"from_end={_place(len(spans) - 1 - index)}")
    line_start = text.rfind("\n", 0, start) + 1
    own = text[line_start:start].strip()  # another sentence before it on its line
    before = own or previous_line(text, line_start)
    first_line = sentence.split("\n", 1)[0].strip()
    title = first_line if "\n" in sentence and _is_title(first_line) else before
    if _is_title(title):
        out.append("has_title")
    out += [f"lead{k}={w}" for k, w in enumerate(words[:_LEAD])]
    if len(words) >= 2:
        out.append(f"lead01={words[0]}_{words[1]}")
    out += [f"w={w}" for w in set(words)]
    out += [f"w2={a}_{b}" for a, b in set(pairwise(words))]
    out.append("no_title" if since_title is None else f"since_title={min(since_title, 3)}")
    out.append(f"end={sentence[-1] if sentence and sentence[-1] in '.:?!' else 'none'}")
    if not before:
        out.append("first_line")
    elif own:
        out.append("inside_line")
    elif _is_title(before):
        out.append("after_title")
    if _is_title(sentence):
        out.append("title")
    if any(start <= b < start + 14 for b in body_starts):
        out.append("body_subject")
    elif any(start <= b < end for b in body_starts) or _BODY.search(lowered):
        out.append("body_inside")
    for name, pattern in _compiled().items():
        if pattern.search(lowered):
            out.append(name)
    if index:
        prev = _WORD.findall(text[spans[index - 1][0] : spans[index - 1][1]].lower())
        if prev:
            out.append(f"prev_lead={prev[0]}")
    return out


def candidates(
    text: str,
    spans: Sequence[tuple[int, int]],
    taken: Sequence[tuple[int, int]],
    body_starts: Sequence[int],
) -> list[Candidate]:
    """The sentences of `spans` that no point in `taken` overlaps, with their features.

    (An item's title stays with the sentence under it, as the splitter gives it: cut apart,
    they scored worse in the cross-validation, 0.650 against 0.657 F1.)"""
    out = []
    since_title: int | None = None
    for n, (s, e) in enumerate(spans):
        sentence = text[s:e].strip()
        if _is_title(sentence):
            since_title = -1
        elif since_title is not None:
            since_title += 1
        if any(a < e and s < b for a, b in taken):
            continue
        if (
            len(_WORD.findall(sentence.lower())) < 3
            or _ANNOUNCES.search(sentence)
            or PAGE_OF_DECISIONS.match(sentence)  # the page's heading ("Så beslutade …")
        ):
            continue
        features = sentence_features(text, spans, n, body_starts, since_title)
        out.append(Candidate(s, e, features))
    return out


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(pattern) for name, pattern in _FEATURE_PATTERNS.items()}


@lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    """The shipped model (bias, weights, threshold), or None where none is shipped."""
    if not DATA.exists():
        return None
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def score(features: Sequence[str], bias: float, weights: dict[str, float]) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in set(features))
    return 1 / (1 + math.exp(-z))


def scored_points(
    text: str,
    spans: Sequence[tuple[int, int]],
    taken: Sequence[tuple[int, int]],
    body_starts: Sequence[int],
) -> list[tuple[int, int, float]]:
    """(start, end, score) of each sentence the shipped model takes as a decision."""
    if RECORD is not None:
        RECORD.append(candidates(text, spans, (), body_starts))
    shipped = model()
    if not ENABLED or shipped is None:
        return []
    bias, weights, threshold = shipped["bias"], shipped["weights"], shipped["threshold"]
    out = []
    for cand in candidates(text, spans, taken, body_starts):
        p = score(cand.features, bias, weights)
        if p >= threshold:
            out.append((cand.start, cand.end, round(p, 3)))
    return out
