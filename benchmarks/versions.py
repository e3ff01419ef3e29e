"""Benchmark: grouping 10,000 documents into versions (target: ≤ 30 s).

    .venv/bin/python benchmarks/versions.py [--documents 10000]

Generates N Swedish memos (the template of benchmarks/nightly.py, each with a paragraph
of its own drawn from a word list so that they are not all near copies of the template),
of which 3 % exact copies under another name, 5 % revisions (a few words changed) and 2 %
protokoll that quote three memos each; then times what the table build does for
`document_versions`: the shingles of every text (`Collector.add`) and the grouping
(MinHash LSH, LSH Ensemble, exact verification, union-find). Prints what was found
against what was planted, and the load average.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.nightly import COMMITTEES, MEMO, PLACES, TOPICS
from diarium.versions import Collector

WORDS = [
    "budget",
    "investering",
    "skola",
    "förskola",
    "park",
    "gata",
    "belysning",
    "bibliotek",
    "idrottshall",
    "simhall",
    "bostäder",
    "detaljplan",
    "bygglov",
    "strandskydd",
    "avfall",
    "vatten",
    "avlopp",
    "trafik",
    "buss",
    "cykel",
    "gång",
    "trygghet",
    "äldreboende",
    "hemtjänst",
    "kultur",
    "förening",
    "bidrag",
    "upphandling",
    "avtal",
    "lokal",
    "hyra",
    "underhåll",
    "renovering",
    "tillgänglighet",
    "miljö",
    "klimat",
    "energi",
    "solceller",
    "laddstolpar",
    "parkering",
    "torg",
    "lekplats",
    "skog",
    "natur",
    "friluftsliv",
    "ungdom",
    "fritidsgård",
    "integration",
    "arbetsmarknad",
]


def memo(n: int, rng: random.Random) -> str:
    committee, series, office = COMMITTEES[n % len(COMMITTEES)]
    topic = TOPICS[n % len(TOPICS)].format(place=PLACES[n % len(PLACES)])
    year = 2015 + n % 10
    own = " ".join(rng.choice(WORDS) for _ in range(60))
    return (
        MEMO.format(
            date=f"{year}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            case=f"{series}-{year}-{1000 + n}",
            office=office,
            title=f"Utredning {n} om {topic}",
            committee=committee,
            committee_cap=committee[0].upper() + committee[1:],
            topic=topic,
        )
        + "\n"
        + own
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(19)
    originals = int(args.documents * 0.90)
    texts: dict[str, tuple[str, str]] = {}  # id -> (sha, text)
    origin: dict[str, int] = {}  # id of an original, copy or revision -> its original
    for n in range(originals):
        texts[f"m{n:05d}"] = (f"s{n}", memo(n, rng))
        origin[f"m{n:05d}"] = n
    planted = {"exact": 0, "near": 0, "contains": 0}
    for k in range(int(args.documents * 0.03)):
        n = rng.randrange(originals)
        texts[f"x{k:05d}"] = (f"s{n}", texts[f"m{n:05d}"][1])
        origin[f"x{k:05d}"] = n
        planted["exact"] += 1
    for k in range(int(args.documents * 0.05)):
        n = rng.randrange(originals)
        words = texts[f"m{n:05d}"][1].split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        texts[f"r{k:05d}"] = (f"r{k}", " ".join(words))
        origin[f"r{k:05d}"] = n
        planted["near"] += 1
    for k in range(args.documents - len(texts)):
        quoted = [texts[f"m{rng.randrange(originals):05d}"][1] for _ in range(3)]
        texts[f"p{k:05d}"] = (f"p{k}", "Protokoll\n\n" + "\n\n§\n\n".join(quoted))
        planted["contains"] += 3

    load_before = os.getloadavg()
    started = time.perf_counter()
    collector = Collector()
    for doc_id, (sha, text) in texts.items():
        collector.add({"id": doc_id, "sha256": sha, "status": "ok", "text": text})
    shingled = time.perf_counter() - started
    rows = collector.rows()
    total = time.perf_counter() - started
    load_after = os.getloadavg()
    found: dict[str, int] = {}
    for _, _, relation, _ in rows:
        found[relation] = found.get(relation, 0) + 1
    revisions = {r[0] for r in rows if r[0].startswith("r") and r[2] == "near"}
    print(
        f"{len(texts):,} documents grouped in {total:.1f} s (shingles {shingled:.1f} s, "
        f"grouping {total - shingled:.1f} s); target ≤ 30 s"
    )
    print(f"rows by relation: {found}; planted: {planted}")
    print(f"planted revisions found as near: {len(revisions)} of {planted['near']}")
    groups: dict[str, set[int]] = {}
    for doc_id, group_id, relation, _ in rows:
        if relation != "contains":
            groups.setdefault(group_id, set()).add(origin[doc_id])
    mixed = sum(1 for originals_in in groups.values() if len(originals_in) > 1)
    print(f"version groups: {len(groups)}, of which mixing two originals (wrong): {mixed}")
    print(
        "load average before "
        + " ".join(f"{v:.2f}" for v in load_before)
        + ", after "
        + " ".join(f"{v:.2f}" for v in load_after)
    )


if __name__ == "__main__":
    main()
