"""Fit the news-page decision scorer (`extractors.news_decisions`) and choose its threshold, by
cross-validation grouped by municipality.

    python scripts/train_news_decisions.py --shared ../shared \
        --set ab=/work/fresh/ab --set c=/work/fresh/c ... --set t=/work/fresh/t \
        [--out extractors/data/news_decisions.json]

Training data (issue 13): the pages Diarium types as a news page of decisions
(`news_decisions.NEWS_TYPES`) in the shared municipalities' ``tune`` part and in the fresh sets
that have been read (A/B to T since the twelfth session: the 184 pages so typed among the texts
fetched again). The untouched set (U) and the shared ``held-out`` part are never read. The rules run first with
the scorer switched off; every sentence of a page is labelled by whether it matches a gold
point (the evaluation's own Dice match), those the rules took too, so that the scorer learns
what a decision sentence is; only the sentences no rule point overlaps are added at run time.
The regularisation and the threshold are the ones with the best F1 of the scorer alone over
out-of-fold scores (the rules were written from these pages, so an F1 of rules and scorer
together would reward trusting the rules in-sample). Deterministic (fixed folds, a
deterministic solver).

Needs scikit-learn (the ``dev`` extra); the shipped JSON is read without it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diarium.evaluate import DECISION_MATCH, dice, match_decisions, words  # noqa: E402
from diarium.evaluate_written import golds_at_hand  # noqa: E402
from extractors import news_decisions  # noqa: E402

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(4, 20))
FOLDS = 5
#: Features of single words are kept only when pages of this many municipalities have them:
#: a word of one municipality's pages says nothing of the next one's.
MIN_GROUPS = 3
_LEXICAL = ("w=", "w2=", "lead", "prev_lead=")


def documents(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every training page: its path, municipality and gold decision points."""
    shared = Path(args.shared)
    sets = [(shared / "municipalities" / "gold.jsonl", shared / "municipalities", True)]
    for item in args.set:
        name, folder = item.split("=", 1)
        sets.append((ROOT / f"tests/gold/fresh/gold_{name}.jsonl", Path(folder), False))
    out = []
    for path, gold in golds_at_hand(sets):
        points = [d["text"] if isinstance(d, dict) else d for d in gold["decisions"]]
        out.append({"path": path, "group": gold["municipality"].lower(), "gold": points})
    return out


def read_pages(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The news pages among `docs`, each with the rules' points and the scorer's candidates."""
    from extractors.extraction import extract
    from extractors.readers import read_document

    pages = []
    news_decisions.ENABLED = False
    try:
        for doc in docs:
            news_decisions.RECORD = []
            e = extract(read_document(doc["path"], source=str(doc["path"])))
            if e.doc_type not in news_decisions.NEWS_TYPES or not news_decisions.RECORD:
                continue
            parsed_text = read_document(doc["path"], source=str(doc["path"])).text
            cands = news_decisions.RECORD[0]
            rules = [d.text for d in e.decisions]
            spans = [(d.start, d.end) for d in e.decisions]
            texts = [parsed_text[c.start : c.end] for c in cands]
            gold = [words(g) for g in doc["gold"]]
            # Every sentence is labelled against every gold point (what a decision sentence
            # is); only those no rule point overlaps can be added (`free`).
            labels = [int(any(dice(words(t), g) >= DECISION_MATCH for g in gold)) for t in texts]
            free = [not any(a < c.end and c.start < b for a, b in spans) for c in cands]
            pages.append(
                doc
                | {"rules": rules, "cands": cands, "texts": texts, "labels": labels, "free": free}
            )
    finally:
        news_decisions.ENABLED = True
        news_decisions.RECORD = None
    return pages


def _prune(pages: list[dict[str, Any]], idx: list[int]) -> set[str]:
    """The lexical features seen on pages of at least `MIN_GROUPS` municipalities in `idx`."""
    groups: dict[str, set[str]] = defaultdict(set)
    for i in idx:
        for cand in pages[i]["cands"]:
            for f in cand.features:
                if f.startswith(_LEXICAL):
                    groups[f].add(pages[i]["group"])
    return {f for f, g in groups.items() if len(g) >= MIN_GROUPS}


def _rows(pages: list[dict[str, Any]], idx: list[int], keep: set[str]) -> list[list[str]]:
    return [
        [f for f in c.features if not f.startswith(_LEXICAL) or f in keep]
        for i in idx
        for c in pages[i]["cands"]
    ]


def _fit(rows: list[list[str]], labels: list[int], c: float) -> tuple[float, dict[str, float]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(r, 1) for r in rows])
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs", class_weight="balanced")
    model.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, model.coef_[0], strict=True) if w}
    return round(float(model.intercept_[0]), 5), weights


def _counts(
    pages: list[dict[str, Any]], scores: list[list[float]], t: float, alone: bool = False
) -> list[int]:
    """(tp, fp, fn) over the pages when each candidate scoring >= t is added to the rules'
    (`alone`: the scorer's sentences without the rules)."""
    tp = fp = fn = 0
    for page, page_scores in zip(pages, scores, strict=True):
        found = [] if alone else page["rules"]
        found = found + [
            x
            for x, p, free in zip(page["texts"], page_scores, page["free"], strict=True)
            if (free or alone) and p >= t
        ]
        pairs = match_decisions(page["gold"], found)
        tp += len(pairs)
        fp += len(found) - len(pairs)
        fn += len(page["gold"]) - len(pairs)
    return [tp, fp, fn]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def cross_validate(pages: list[dict[str, Any]]) -> dict[str, Any]:
    from sklearn.model_selection import GroupKFold

    groups = [p["group"] for p in pages]
    nothing = [[0.0] * len(p["cands"]) for p in pages]
    rules_only = {"c": None, "threshold": 1.01, "counts": _counts(pages, nothing, 1.0)}
    base = rules_only["counts"]
    best: dict[str, Any] = {"f1": 0.0}
    table = []
    for c in C_GRID:
        scores: list[list[float]] = [[] for _ in pages]
        for train, test in GroupKFold(n_splits=FOLDS).split(pages, groups=groups):
            keep = _prune(pages, list(train))
            labels = [y for i in train for y in pages[i]["labels"]]
            bias, weights = _fit(_rows(pages, list(train), keep), labels, c)
            for i in test:
                scores[i] = [
                    news_decisions.score(r, bias, weights) for r in _rows(pages, [i], keep)
                ]
        gains = []
        for t in THRESHOLDS:
            counts = _counts(pages, scores, t)
            gains.append((counts[0] - base[0], counts[1] - base[1], t))
            alone = _counts(pages, scores, t, alone=True)
            f1 = _f1(*alone)
            table.append((c, t, counts, alone, round(f1, 4)))
            if f1 > best["f1"] + 1e-9:
                best = {"f1": f1, "c": c, "threshold": t, "counts": counts, "alone": alone}
        print(f"C={c}: added (tp, fp, t)", [g for g in gains if g[0] or g[1]][-8:])
    return {"best": best, "rules_only": rules_only, "table": table}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", required=True)
    parser.add_argument("--set", action="append", default=[], help="NAME=FOLDER of a read set")
    parser.add_argument("--out", default=str(news_decisions.DATA))
    args = parser.parse_args()
    pages = read_pages(documents(args))
    positives = sum(sum(p["labels"]) for p in pages)
    candidates = sum(len(p["labels"]) for p in pages)
    free = sum(y for p in pages for y, f in zip(p["labels"], p["free"], strict=True) if f)
    print(
        f"{len(pages)} news pages, {candidates} sentences, {positives} decision sentences, "
        f"{free} of them outside the rules' points"
    )
    cv = cross_validate(pages)
    for c, t, counts, alone, f1 in cv["table"]:
        print(f"C={c:<5} t={t:<5} with rules {counts} alone {alone} F1 alone={f1}")
    best = cv["best"]
    print("rules only:", cv["rules_only"]["counts"], "best:", best)
    if best["c"] is None:
        print("the scorer does not beat the rules: nothing written")
        return
    idx = list(range(len(pages)))
    keep = _prune(pages, idx)
    labels = [y for p in pages for y in p["labels"]]
    bias, weights = _fit(_rows(pages, idx, keep), labels, best["c"])
    data = {
        "about": "extractors.news_decisions: fitted by scripts/train_news_decisions.py",
        "pages": len(pages),
        "groups": len({p["group"] for p in pages}),
        "c": best["c"],
        "threshold": best["threshold"],
        "cross_validation": {
            "rules": cv["rules_only"]["counts"],
            "scorer_alone": best["alone"],
            "with_scorer": best["counts"],
        },
        "bias": bias,
        "weights": dict(sorted(weights.items())),
    }
    Path(args.out).write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}: {len(weights)} weights")


if __name__ == "__main__":
    main()
