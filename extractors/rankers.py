"""Learned candidate rankers for the meeting date and the issuing body (issue 13).

The rules (`extractors.document_head`, `extractors.header`) pick one meeting date and one
issuing body. The rankers score every candidate the rules see in the head of the text: each
complete date with its label and line context, each body named with its position, line
shape, letterhead cue and frequency. The score is a logistic model over sparse binary
features; its weights are fitted offline by ``scripts/train_rankers.py`` (scikit-learn,
grouped-by-municipality cross-validation on the training gold) and shipped as
``extractors/data/rankers.json``, so inference is a sparse dot product in plain Python.

How a ranker's choice combines with the rule's is part of the shipped file (``combine``),
chosen by the cross-validation: the rule stands unless the ranker is confident and the rule
is silent or its own candidate scores low.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractors import committees, header, lowercase
from extractors.dates import RawDate, find_raw_dates
from extractors.model import Meeting

DATA = Path(__file__).parent / "data" / "rankers.json"

#: Characters of the head the candidates come from (the rules read as far).
HEAD = 2500

#: Switched off by the training script to read the rules' own choices.
ENABLED = True

_WORD = re.compile(r"[a-zåäöéü]+")
_WEEKDAY = re.compile(r"(?i)(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+(?:den\s+)?$")
_LETTERHEAD_CUE = re.compile(
    r"(?i)\b(?:sammanträdesprotokoll|mötesprotokoll|protokoll|kallelse|föredragningslista|"
    r"sammanträdesdatum|protokollsutdrag|sammanträde|utdrag)\b"
)
_BODY_LABEL = re.compile(r"(?i)(?:organ|beslutsinstans|instans|beslutande organ)\s*:?\s*$")
#: Word stems whose presence just before a date says what the date is of.
_DATE_CUES = re.compile(
    r"(?i)justera|justering|anslag|sammanträd|kallelse|protokoll|nästa|kommande|\btid\b|"
    r"plats|datum|beslut|behandla|inkom|publicera|uppdater|expedier|skickad|möte|\bdag\b|"
    r"senast|period|ikraft|gäller|från och med|fr\.?o\.?m|till och med|t\.?o\.?m"
)
#: Words of the head that say the document is of a meeting.
_HEAD_CUES = re.compile(
    r"(?i)sammanträd|kallelse|protokoll|justera|föredragningslista|dagordning|"
    r"tjänsteskrivelse|tjänsteutlåtande|motion|yttrande|delegationsbeslut"
)
_BODY_BEFORE = re.compile(
    r"(?i)(?:nämnd|styrelse|fullmäktige|utskott|direktion)\w*[,:]?\s+(?:den\s+)?$"
)


@dataclass
class Candidate:
    """One value a field could take, where it stands, and its features."""

    value: str
    start: int
    end: int
    features: list[str] = field(default_factory=list)


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _words(text: str) -> list[str]:
    return [w[:14] for w in _WORD.findall(text.lower())]


def _rule_features(value: str, rule: str | None, doc_type: str) -> list[str]:
    """How a candidate stands to the rules' own pick: it, another, or the rules found none."""
    if value == rule:
        return ["rule_pick", f"rule_pick&dt:{doc_type}"]
    return ["rule_silent" if rule is None else "rule_other"]


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def previous_line(text: str, line_start: int) -> str:
    """The last non-empty line before the line that starts at `line_start`, stripped."""
    pos = line_start - 1
    while pos > 0:
        begin = text.rfind("\n", 0, pos) + 1
        line = text[begin:pos].strip()
        if line:
            return line
        pos = begin - 1
    return ""


def _count_word(text: str, word: str, most: int) -> int:
    """How often `word` stands in `text` as a word of its own, counted up to `most` (a plain
    find: a pattern with a look-behind would scan the whole text char by char)."""
    count = 0
    pos = text.find(word)
    while pos >= 0 and count < most:
        end = pos + len(word)
        before, after = text[pos - 1 : pos], text[end : end + 1]
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            count += 1
        pos = text.find(word, pos + 1)
    return count


# ----------------------------------------------------------------------------- meeting date


def _complete(raw: RawDate, text: str) -> str | None:
    if raw.kind != "date" or raw.rule not in ("iso", "day_month"):
        return None
    year = raw.year
    if year is None:
        years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text[: raw.start])
        if not years:
            return None
        year = int(years[-1])
    if not 1 <= raw.month <= 12 or not 1 <= raw.day <= 31:
        return None
    return f"{year:04d}-{raw.month:02d}-{raw.day:02d}"


def meeting_candidates(
    text: str,
    doc_type: str,
    rule_date: str | None,
    raw_dates: Sequence[RawDate] | None = None,
) -> list[Candidate]:
    """Every complete date of the head, with its context cues."""
    if raw_dates is None:
        raws = find_raw_dates(text[:HEAD])
    else:
        raws = [r for r in raw_dates if r.end <= HEAD]
    found: list[tuple[str, RawDate]] = []
    for raw in raws:
        iso = _complete(raw, text)
        if iso is not None:
            found.append((iso, raw))
    if not found:
        return []
    isos = [iso for iso, _ in found]
    ordered = sorted(set(isos))
    head_cues = sorted({m.group(0).lower()[:8] for m in _HEAD_CUES.finditer(text[:1500])})
    out = []
    for k, (iso, raw) in enumerate(found):
        f = [f"dt:{doc_type}", f"rule:{raw.rule}"]
        if raw.year is None:
            f.append("no_year")
        f += _rule_features(iso, rule_date, doc_type)
        f.append(f"order:{_bucket(k, (0, 1, 2, 4))}")
        distinct = ordered.index(iso)
        f.append(f"rank_asc:{_bucket(distinct, (0, 1, 2))}")
        if distinct == len(ordered) - 1:
            f.append("latest")
        f.append(f"count:{_bucket(isos.count(iso), (1, 2, 3))}")
        first_k = isos.index(iso)
        if first_k != k:
            f.append("repeat")
        label = header._nearest_label(text, raw.start)
        if label is None:
            f.append("label:none")
        else:
            f.append(f"label:{label[0]}")
            f.append(f"label:{label[0]}&d{_bucket(label[1], (2, 10, 30))}")
            f.append(f"label:{label[0]}&dt:{doc_type}")
        f += [f"doc:{cue}" for cue in head_cues]
        if header.after_meeting_word(text, raw.start):
            f += ["meeting_word", f"meeting_word&dt:{doc_type}"]
        for cue in {
            m.group(0).lower()[:8]
            for m in _DATE_CUES.finditer(text, max(0, raw.start - 60), raw.start)
        }:
            f.append(f"cue60:{cue}")
        if _BODY_BEFORE.search(text, max(0, raw.start - 40), raw.start):
            f.append("body_before")
        if _WEEKDAY.search(text[max(0, raw.start - 25) : raw.start]):
            f.append("weekday")
        line_start, line_end = _line_bounds(text, raw.start, raw.end)
        before = _words(text[line_start : raw.start])
        after = _words(text[raw.end : line_end])
        for w in before[-3:]:
            f.append(f"bw:{w}")
        if before:
            f.append(f"bw1:{before[-1]}")
            f.append(f"lw0:{before[0]}")
        else:
            f.append("line_opens")
            for w in _words(previous_line(text, line_start))[-2:]:
                f.append(f"pw:{w}")
        for w in after[:2]:
            f.append(f"aw:{w}")
        if not after:
            f.append("line_closes")
        line_no = text.count("\n", 0, raw.start)
        f.append(f"line:{_bucket(line_no, (2, 5, 10, 20, 40))}")
        f.append(f"pos:{_bucket(raw.start // 100, (1, 3, 6, 10, 15))}")
        out.append(Candidate(iso, raw.start, raw.end, f))
    return out


# ----------------------------------------------------------------------------- issuing body


def body_candidates(
    text: str,
    doc_type: str,
    rule_body: str | None,
    bodies: Sequence[committees.BodyMention] | None = None,
) -> list[Candidate]:
    """Every body named in the head (one candidate per name, at its first mention).
    `bodies`: `committees.find_bodies(text)`, where the caller has it."""
    head = text[:HEAD]
    mentions = header._mentions(head, bodies)
    by_name: dict[str, list[tuple[int, int]]] = {}
    for name, start, end in mentions:
        canonical = committees.canonical_body(name)
        if not canonical:
            continue
        by_name.setdefault(canonical, []).append((start, end))
    rule = rule_body.lower() if rule_body else None
    lower = lowercase.lower(text)
    out = []
    for rank, (name, spans) in enumerate(sorted(by_name.items(), key=lambda kv: kv[1][0][0])):
        start, end = spans[0]
        kind = committees.kind_of(name)
        f = [f"dt:{doc_type}", f"kind:{kind}", f"kind:{kind}&dt:{doc_type}"]
        f += _rule_features(name, rule, doc_type)
        f.append(f"first:{_bucket(rank, (0, 1, 2))}")
        f.append(f"mentions_head:{_bucket(len(spans), (1, 2, 4))}")
        total = lower.count(name)
        f.append(f"mentions_text:{_bucket(total, (0, 1, 2, 4, 8))}")
        line_start, line_end = _line_bounds(head, start, end)
        line = head[line_start:line_end].strip()
        line_no = head.count("\n", 0, start)
        f.append(f"line:{_bucket(line_no, (1, 3, 6, 12, 25))}")
        f.append(f"pos:{_bucket(start // 100, (0, 2, 5, 10))}")
        rest = re.sub(r"[\W\d_]+", "", line.lower())
        if len(rest) <= len(re.sub(r"[\W\d_]+", "", head[start:end].lower())) + 2:
            f.append("fills_line")
        elif start - line_start <= 3:
            f.append("opens_line")
        if line.isupper():
            f.append("upper_line")
        before = _words(head[max(line_start, start - 40) : start])
        for w in before[-2:]:
            f.append(f"bw:{w}")
        if not before:
            f.append("bw:none")
        after_text = head[end : min(line_end, end + 30)]
        if head[end - 1 : end].lower() == "s" and not name.endswith("s"):
            f.append("genitive")
        for w in _words(after_text)[:1]:
            f.append(f"aw:{w}")
        if _BODY_LABEL.search(head[max(0, start - 25) : start]):
            f.append("labelled")
        if any(
            -40 <= start - m.end() <= 40 or -40 <= m.start() - end <= 40
            for m in _LETTERHEAD_CUE.finditer(head, max(0, start - 80), min(len(head), end + 80))
        ):
            f.append("letterhead_cue")
        f.append(f"kind:{kind}&first:{_bucket(rank, (0, 1))}")
        abbreviation = committees.initials(name)
        if len(abbreviation) >= 2:
            used = _count_word(text, abbreviation, 4)
            if used:
                f.append(f"abbreviation_used:{_bucket(used, (1, 3))}")
        if re.match(r"(?i)s?\s+(?:sammanträde|protokoll|möte|kallelse)", head[end : end + 16]):
            f.append("of_meeting")
        if name in committees.bodies():
            f.append("gazetteer")
        out.append(Candidate(name, start, end, f))
    if rule and rule not in by_name:
        out.append(Candidate(rule, -1, -1, [f"dt:{doc_type}", "rule_pick", "rule_only"]))
    return out


# ----------------------------------------------------------------------------- the model


@lru_cache(maxsize=1)
def _models() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def score(field_name: str, features: Sequence[str]) -> float:
    """The model's probability that a candidate with these features is the field's value."""
    model = _models()[field_name]
    weights: dict[str, float] = model["weights"]
    z = model["bias"] + sum(weights.get(name, 0.0) for name in set(features))
    return 1.0 / (1.0 + math.exp(-z))


def combine(
    candidates: Sequence[Candidate],
    scores: Sequence[float],
    rule_value: str | None,
    policy: dict[str, Any],
) -> str | None:
    """The value to keep: the rule's, or the ranker's best where `policy` lets it decide.

    ``policy``: ``mode`` "rules" (the rule stands), "fill" (the ranker decides only where the
    rule is silent), "override" (also where the rule's value scores below ``rule_below`` and
    the ranker's best at least ``threshold``), "ranker" (the ranker's best at least
    ``threshold``, else the rule's).
    """
    mode = policy["mode"]
    if mode == "rules" or not candidates:
        return rule_value
    best = max(range(len(candidates)), key=lambda i: (scores[i], -i))
    top, top_score = candidates[best].value, scores[best]
    confident = top_score >= policy["threshold"]
    if rule_value is None:
        return top if confident else None
    if mode == "fill":
        return rule_value
    rule_scores = [s for c, s in zip(candidates, scores, strict=True) if c.value == rule_value]
    rule_score = max(rule_scores) if rule_scores else 0.0
    if mode == "override":
        return top if confident and rule_score < policy["rule_below"] else rule_value
    return top if confident else rule_value


def choose(
    field_name: str, candidates: Sequence[Candidate], rule_value: str | None
) -> Candidate | None:
    """The candidate the shipped policy keeps instead of the rule's value, or None to keep
    the rule's value."""
    if not ENABLED or not candidates:
        return None
    model = _models()[field_name]
    scores = [score(field_name, c.features) for c in candidates]
    value = combine(candidates, scores, rule_value, model["combine"])
    if value is None or value == rule_value:
        return None
    return next(c for c in candidates if c.value == value and c.start >= 0)


def ranked_meeting(
    text: str,
    doc_type: str,
    meeting: Meeting | None,
    body: str | None,
    raw_dates: Sequence[RawDate] | None = None,
) -> Meeting | None:
    """The rules' meeting, or the ranker's date where the shipped policy prefers it."""
    if not ENABLED:
        return meeting
    rule = meeting.date if meeting else None
    if rule is not None and _models()["meeting"]["combine"]["mode"] in ("rules", "fill"):
        return meeting  # the policy keeps every date the rules give: nothing to score
    chosen = choose("meeting", meeting_candidates(text, doc_type, rule, raw_dates), rule)
    if chosen is None:
        return meeting
    return Meeting(
        meeting.committee if meeting else body,
        chosen.value,
        text[chosen.start : chosen.end],
        chosen.start,
        chosen.end,
        "meeting_ranker",
    )


def ranked_body(
    text: str,
    doc_type: str,
    body: str | None,
    bodies: Sequence[committees.BodyMention] | None = None,
) -> str | None:
    """The rules' issuing body, or the ranker's where the shipped policy prefers it."""
    if not ENABLED:
        return body
    rule = body.lower() if body else None
    chosen = choose("body", body_candidates(text, doc_type, rule, bodies), rule)
    return body if chosen is None else chosen.value
