"""A learned check on the document type: a multinomial logistic regression over the head.

The rules (`extractors.doctype.classify`, then the cue words of `extractors.header`) decide
the type; this model reads the same head and, where it is confident and the rules' answer is
one it has learned to distrust, gives its own. Its features are cheap and come from what the
rules already computed: the words of the first lines with their position, the rules' type and
the rule that fired, the cue words of every type with where they stand, the § headings and the
cover of a protokoll. The weights are fitted offline by ``scripts/train_doctype.py`` (scikit-
learn, grouped cross-validation by municipality) and shipped as JSON in
``extractors/data/doctype_model.json``; inference is a sparse dot product in plain Python.

>>> from extractors.doctype import lines_of
>>> text = "Stadsbyggnadskontoret\\nTjänsteskrivelse\\nDatum 2023-12-01\\nFörslag till beslut"
>>> sorted(f for f in features(lines_of(text), text, "text", "tjänsteskrivelse", "heading")
...        if f.startswith("rule"))
['rule:tjänsteskrivelse', 'rule_name:heading', 'rule_with:tjänsteskrivelse/heading']
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors import header
from extractors.doctype import Line, is_toc_entry, nonblank
from extractors.header_rules import HEAD_CHARS, MINUTES_COVER_CUES

MODEL_PATH = Path(__file__).parent / "data" / "doctype_model.json"

#: How many non-blank lines of the head give their words.
HEAD_LINES = 15
_WORD = re.compile(r"[a-zåäöéü]{3,}")
_PARAGRAPH = re.compile(r"^\s*(?:[A-ZÅÄÖ]{1,6}\s+)?§\s*\d+\b")
_COVER = re.compile(MINUTES_COVER_CUES)
_PAGE_TOTAL = re.compile(r"(?<![\w(])[1l]\s?\(\s?(\d{1,3})\s?\)")
_PROPOSAL = re.compile(r"(?im)^\W*(?:förslag till beslut|beslutsförslag|förslag till yttrande)\b")
_ATT_CLAUSE = re.compile(r"(?m)^\W*att\s")


#: Letters spaced out for a cover ("Å R S R E D O V I S N I N G").
_SPACED = re.compile(r"\b(?:\w ){3,}\w\b")
#: The tail of a compound that names a type ("samrådsredogörelse", "delegeringsbeslut").
SUFFIX = 7


def _unspace(match: re.Match[str]) -> str:
    return match.group(0).replace(" ", "")


def _line_bucket(k: int) -> str:
    return "0" if k == 0 else "1-2" if k < 3 else "3-5" if k < 6 else "6+"


def _pos_bucket(pos: int) -> str:
    return "100" if pos < 100 else "300" if pos < 300 else "700" if pos < 700 else "far"


def _count_bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-5" if n <= 5 else "6+"


def features(lines: list[Line], text: str, fmt: str, rule_type: str, rule_name: str) -> list[str]:
    """The features of a document's head: binary, named by strings."""
    out = [
        f"rule:{rule_type}",
        f"rule_name:{rule_name.split(':', 1)[0]}",
        f"rule_with:{rule_type}/{rule_name.split(':', 1)[0]}",
        f"fmt:{fmt}",
    ]
    head_text = text[:HEAD_CHARS]
    seen_types: set[str] = set()
    for pos, _, cue_type, _cue in header._cue_hits(head_text):
        if cue_type not in seen_types:
            if not seen_types:
                out.append(f"cue_first:{cue_type}")
            seen_types.add(cue_type)
            out.append(f"cue:{cue_type}")
            out.append(f"cue:{cue_type}@{_pos_bucket(pos)}")
    if not seen_types:
        out.append("cue:none")
    head = nonblank(lines, 40)
    words: set[str] = set()
    for k, (_, line) in enumerate(head[:HEAD_LINES]):
        lower = _SPACED.sub(_unspace, line.clean.lower())
        bucket = _line_bucket(k)
        found = _WORD.findall(lower)
        for word in found:
            words.add(word)
            out.append(f"w{bucket}:{word}")
        if found and k < 3:
            out.append(f"first:{found[0]}")
            out.append(f"last:{found[-1]}")
        if len(lower) <= 40 and len(lower.split()) <= 4:
            out.append(f"line:{lower.rstrip(':')}")
    out.extend(f"w:{word}" for word in words)
    out.extend({f"suf:{word[-SUFFIX:]}" for word in words if len(word) >= SUFFIX + 3})
    paragraphs = [
        k
        for k, (i, line) in enumerate(head)
        if _PARAGRAPH.match(line.raw) and not is_toc_entry(lines, i)
    ]
    out.append(f"para_head:{_count_bucket(len(paragraphs))}")
    if paragraphs:
        out.append(f"para_first:{_line_bucket(paragraphs[0] // 3)}")
    count = sum(1 for line in lines if _PARAGRAPH.match(line.raw))
    out.append(f"para_all:{_count_bucket(count)}")
    if _COVER.search(head_text):
        out.append("cover")
    held = header.paragraph_field(text)
    if held is not None:
        out.append(f"para_field:{held}")
    page = _PAGE_TOTAL.search(text, 0, HEAD_CHARS)
    if page is not None:
        out.append(f"pages:{_count_bucket(int(page.group(1)))}")
    if _PROPOSAL.search(text, 0, 4 * HEAD_CHARS):
        out.append("proposal")
    if _ATT_CLAUSE.search(text, 0, 4 * HEAD_CHARS):
        out.append("att_clause")
    return out


def rule_group(rule_type: str, rule_name: str) -> str:
    """The rules' answer as the combination sees it: the rule that fired, or for a cue word of
    `extractors.header` the type it cued ("cue>kallelse")."""
    if rule_name.startswith("cue:"):
        return f"cue>{rule_type}"
    return rule_name.split(":", 1)[0]


@dataclass(frozen=True)
class TypeModel:
    """Weights per feature and class, and the rules' answers the model may override (chosen by
    cross-validation: where its out-of-fold answers beat the rules')."""

    classes: tuple[str, ...]
    weights: dict[str, list[tuple[int, float]]]  # feature -> (class index, weight)
    bias: list[float]
    threshold: float
    override: frozenset[str]

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        scores = list(self.bias)
        for name in set(feats):
            row = self.weights.get(name)
            if row is not None:
                for c, w in row:
                    scores[c] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def predict(self, feats: list[str]) -> tuple[str, float]:
        probs = self.probabilities(feats)
        best = max(probs, key=lambda c: probs[c])
        return best, probs[best]


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> TypeModel | None:
    """The shipped model, or None where the file is absent."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    classes = tuple(data["classes"])
    index = {c: i for i, c in enumerate(classes)}
    return TypeModel(
        classes=classes,
        weights={
            name: [(index[c], float(w)) for c, w in row.items()]
            for name, row in data["weights"].items()
        },
        bias=list(data["bias"]),
        threshold=float(data["threshold"]),
        override=frozenset(data["override"]),
    )


def combined_type(rule_type: str, predicted: str, prob: float, threshold: float) -> str:
    """The model's type where it is at least `threshold` sure, else the rules'. The model has
    one class for kallelse and föredragningslista (the gold accepts either for most agendas),
    so a rules' "föredragningslista" stands against its "kallelse"."""
    if prob < threshold or (predicted == "kallelse" and rule_type == "föredragningslista"):
        return rule_type
    return predicted


def combine(
    model: TypeModel, lines: list[Line], text: str, fmt: str, rule_type: str, rule_name: str
) -> tuple[str, str] | None:
    """The model's type and a rule name for it where it overrides the rules, else None. The
    features are computed only for the rules' answers the model may override."""
    if rule_group(rule_type, rule_name) not in model.override:
        return None
    predicted, prob = model.predict(features(lines, text, fmt, rule_type, rule_name))
    found = combined_type(rule_type, predicted, prob, model.threshold)
    if found == rule_type:
        return None
    return found, f"model:{prob:.2f}"
