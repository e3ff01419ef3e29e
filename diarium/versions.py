"""Versions of a document: exact copies, near duplicates and documents contained in others.

Three relations, found from the (masked) texts of the archive's readable documents:

- **exact**: the same bytes under another name or URL (same sha256);
- **near**: the same text with small changes (a re-published revision): Jaccard similarity
  of the documents' word 4-gram sets ≥ `NEAR` (0.8). Candidates come from MinHash LSH
  (128 permutations, 16 bands of 8: what `datasketch.MinHashLSH` does, computed here),
  and every candidate pair is then measured exactly on the shingle sets, so a pair is only
  called near when it is;
- **contains**: a document whose 4-grams lie for ≥ `CONTAINED` (0.6) in another at least
  as long, without being a near duplicate of it (a tjänsteskrivelse quoted in the
  protokollsutdrag of its §, a kallelse's item text in its tjänsteskrivelse). Candidates
  from MinHash LSH Ensemble (`datasketch.MinHashLSHEnsemble`, containment), measured
  exactly as well. 0.6, not 0.8: a text quoted in another is re-flowed (PDF line breaks,
  running headers), which breaks a fifth to a third of its 4-grams; over ../shared no
  unrelated pair comes above 0.41 (see the README, "Versions").

Exact and near copies form a **version group** (union-find): one row per member in
`document_versions` (`group_id` is the group's smallest document id, `relation` exact or
near, `similarity` its highest to another member). A contained document gets one more row
in the group of the document that contains it (`relation` contains, `similarity` the share
of its 4-grams found there). Documents without any other version have no row.

The search shows a version group once, the newest member first, with "N versioner"; the
document page lists the others; `diarium case` lists them once.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Any

import numpy as np

#: Words per shingle.
SHINGLE = 4
#: Jaccard similarity from which two texts are near duplicates.
NEAR = 0.8
#: Share of a document's shingles found in another from which it is contained in it.
CONTAINED = 0.6
#: Fewer shingles than this: too short to call anything a version of it (but exact copies
#: still are).
MIN_SHINGLES = 20
NUM_PERM = 128
_WORD = re.compile(r"\w+")

Row = tuple[str, str, str, float]  # document_id, group_id, relation, similarity


def shingles(text: str) -> np.ndarray:
    """The distinct word 4-grams of a text as sorted 32-bit hashes (CRC-32, stable).

    >>> len(shingles("Kommunstyrelsen beslutar att godkänna förslaget"))
    2
    """
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return np.empty(0, dtype=np.uint32)
    # Each 4-gram is " ".join(words[i : i + 4]) in UTF-8: a slice of the words joined once,
    # hashed without building a string per gram (the same bytes, so the same CRC-32); the
    # loops run in C (map, accumulate), not in Python.
    joined = " ".join(words).encode("utf-8")
    widths = map(int.__add__, map(len, map(str.encode, words)), repeat(1))  # word and space
    starts = list(accumulate(widths, initial=0))
    ends = [end - 1 for end in starts[SHINGLE:]]
    grams = set(map(zlib.crc32, map(joined.__getitem__, map(slice, starts, ends))))
    return np.fromiter(grams, dtype=np.uint32, count=len(grams))


@dataclass
class _Doc:
    id: str
    sha256: str
    grams: np.ndarray  # sorted, unique


@dataclass
class Collector:
    """Collects what grouping needs while the tables read the records (one pass)."""

    docs: list[_Doc] = field(default_factory=list)
    #: The sha256 of the documents added so far: of exact copies, only the first is compared
    #: further (`group`), so only its text is split into shingles.
    seen: set[str] = field(default_factory=set)

    def add(self, record: dict[str, Any]) -> None:
        if record.get("status") != "ok" or not record.get("id"):
            return
        sha256 = str(record.get("sha256") or "")
        if sha256 and sha256 in self.seen:
            grams = np.empty(0, dtype=np.uint32)  # an exact copy: `group` links it by sha256
        else:
            grams = np.sort(shingles(str(record.get("text") or "")))
            self.seen.add(sha256)
        self.docs.append(_Doc(str(record["id"]), sha256, grams))

    def rows(self) -> list[Row]:
        return group(self.docs)


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _overlap(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.intersect1d(a, b, assume_unique=True).size)


#: datasketch's Mersenne prime and 32-bit mask (`datasketch.minhash`).
_PRIME = (1 << 61) - 1
_MASK = (1 << 32) - 1
#: MinHash LSH bands × rows for a Jaccard threshold of NEAR * 0.85 over NUM_PERM
#: permutations: the (b, r) that `datasketch.MinHashLSH(threshold=0.68, num_perm=128)`
#: chooses (false positives and negatives weighted equally), fixed here so that a run does
#: not import datasketch and, through it, SciPy's integration (0.8 s) to compute them again.
#: tests/test_versions.py checks them, and the signatures, against datasketch.
BANDS, ROWS = 16, 8


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """`datasketch.MinHash(num_perm=NUM_PERM, seed=1).permutations`: the same generator,
    the same draws."""
    gen = np.random.RandomState(1)
    pairs = np.array(
        [
            (
                gen.randint(1, _PRIME, dtype=np.uint64),
                gen.randint(0, _PRIME, dtype=np.uint64),
            )
            for _ in range(NUM_PERM)
        ],
        dtype=np.uint64,
    ).T
    return pairs[0], pairs[1]


def _minhashes(docs: Sequence[_Doc]) -> list[np.ndarray]:
    """Each document's MinHash signature (NUM_PERM uint64 values): `MinHash.update_batch`'s
    arithmetic over the already hashed shingles, with datasketch's permutations."""
    a, b = _permutations()
    prime, top = np.uint64(_PRIME), np.uint64(_MASK)
    hashes = []
    for doc in docs:
        values = doc.grams.astype(np.uint64)
        permuted = np.bitwise_and((np.outer(values, a) + b) % prime, top)
        hashes.append(permuted.min(axis=0))
    return hashes


def _lsh_pairs(ids: Sequence[str], signatures: Sequence[np.ndarray]) -> set[tuple[str, str]]:
    """(a, b) with a < b for every two documents whose signatures agree on all ROWS values
    of at least one of the BANDS bands: the pairs `MinHashLSH.query` returns."""
    pairs: set[tuple[str, str]] = set()
    for band in range(BANDS):
        buckets: dict[bytes, list[str]] = {}
        for doc_id, signature in zip(ids, signatures, strict=True):
            key = signature[band * ROWS : (band + 1) * ROWS].tobytes()
            buckets.setdefault(key, []).append(doc_id)
        for members in buckets.values():
            if len(members) > 1:
                ordered = sorted(members)
                pairs.update((x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :])
    return pairs


#: Shingles in more documents than this share of the archive (at least BOILERPLATE_MIN
#: documents) are boilerplate (letterheads, "Förslag till beslut", signature blocks): they
#: say nothing about one text being quoted in another.
BOILERPLATE_SHARE = 0.01
BOILERPLATE_MIN = 20
#: Informative shingles per document looked up to find where it is quoted (bottom-k sketch).
SKETCH = 32


def _contained(docs: Sequence[_Doc]) -> list[tuple[str, str, float]]:
    """(part, whole, share): documents ≥ CONTAINED of whose shingles stand in another at
    least as long. Candidates from a bottom-k sketch of each document's informative
    shingles looked up in an inverted index of every document's informative shingles
    (boilerplate left out); each candidate then measured exactly on the full sets."""
    if len(docs) < 2:
        return []
    sizes = np.array([d.grams.size for d in docs])
    owners = np.repeat(np.arange(len(docs)), sizes)
    values = np.concatenate([d.grams for d in docs])
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    limit = max(BOILERPLATE_MIN, int(BOILERPLATE_SHARE * len(docs)))
    informative = counts[inverse] <= limit
    order = np.argsort(values[informative], kind="stable")
    postings = values[informative][order]
    posting_owner = owners[informative][order]
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    found: list[tuple[str, str, float]] = []
    for index, doc in enumerate(docs):
        own = values[offsets[index] : offsets[index + 1]]
        mine = own[informative[offsets[index] : offsets[index + 1]]]
        sketch = np.sort(mine)[:SKETCH]
        if sketch.size < SKETCH // 4:
            continue  # nearly all boilerplate: nothing to recognise it by
        left = np.searchsorted(postings, sketch, side="left")
        right = np.searchsorted(postings, sketch, side="right")
        if not (right - left).sum():
            continue
        hits = np.concatenate([posting_owner[a:b] for a, b in zip(left, right, strict=True)])
        tally = np.bincount(hits, minlength=len(docs))
        tally[index] = 0
        for other in np.flatnonzero(tally >= (CONTAINED - 0.2) * sketch.size):
            whole = docs[int(other)]
            if (whole.grams.size, whole.id) <= (doc.grams.size, doc.id):
                continue  # shorter: that pair is judged the other way round
            share = _overlap(doc.grams, whole.grams) / doc.grams.size
            if share >= CONTAINED:
                found.append((doc.id, whole.id, round(share, 4)))
    return found


def group(docs: Sequence[_Doc]) -> list[Row]:
    """The `document_versions` rows of these documents (see the module docstring)."""
    finder = _UnionFind(d.id for d in docs)
    best: dict[str, tuple[int, float]] = {}  # id -> (relation rank: 0 exact, 1 near; sim)

    def link(a: str, b: str, rank: int, similarity: float) -> None:
        finder.union(a, b)
        for doc_id in (a, b):
            if doc_id not in best or (rank, -similarity) < (best[doc_id][0], -best[doc_id][1]):
                best[doc_id] = (rank, similarity)

    # Exact: the same bytes.
    by_sha: dict[str, list[_Doc]] = {}
    for doc in docs:
        if doc.sha256:
            by_sha.setdefault(doc.sha256, []).append(doc)
    unique = [same[0] for same in by_sha.values()] + [d for d in docs if not d.sha256]
    for same in by_sha.values():
        for other in same[1:]:
            link(same[0].id, other.id, 0, 1.0)

    # Near and contains: one document per distinct content, long enough to judge.
    candidates = [d for d in unique if d.grams.size >= MIN_SHINGLES]
    contained: list[tuple[str, str, float]] = []  # (part, whole, share)
    if len(candidates) > 1:
        hashes = _minhashes(candidates)
        index = {d.id: d for d in candidates}
        for doc_id, other_id in sorted(_lsh_pairs(list(index), hashes)):
            doc, other = index[doc_id], index[other_id]
            common = _overlap(doc.grams, other.grams)
            jaccard = common / (doc.grams.size + other.grams.size - common)
            if jaccard >= NEAR:
                link(doc.id, other.id, 1, round(jaccard, 4))
        contained = _contained(candidates)
        contained = [c for c in contained if finder.find(c[0]) != finder.find(c[1])]

    members: dict[str, list[str]] = {}
    for doc_id in best:
        members.setdefault(finder.find(doc_id), []).append(doc_id)
    rows: list[Row] = []
    for root, ids in members.items():
        for doc_id in sorted(ids):
            rank, similarity = best[doc_id]
            rows.append((doc_id, root, "exact" if rank == 0 else "near", similarity))
    seen: set[tuple[str, str]] = set()
    for part, container, share in sorted(contained, key=lambda c: -c[2]):
        group_id = finder.find(container)
        if finder.find(part) == group_id or (part, group_id) in seen:
            continue  # already a version of it, or contained in that group already
        seen.add((part, group_id))
        rows.append((part, group_id, "contains", share))
    return sorted(rows)


# -- reading: what the search, the document page and `diarium case` show --------------------


@dataclass(frozen=True)
class Member:
    id: str
    title: str
    doc_type: str
    date: str | None
    relation: str
    similarity: float


@dataclass
class VersionIndex:
    """The version groups of the archive as the readers show them (secret documents left
    out unless asked for)."""

    group_of: dict[str, str] = field(default_factory=dict)  # exact/near member -> group
    members: dict[str, list[Member]] = field(default_factory=dict)  # group -> newest first
    contained_in: dict[str, list[str]] = field(default_factory=dict)  # doc -> groups
    contains: dict[str, list[Member]] = field(default_factory=dict)  # group -> parts

    def versions_of(self, doc_id: str) -> list[Member]:
        """The other exact or near versions of a document, newest first."""
        group_id = self.group_of.get(doc_id)
        return [m for m in self.members.get(group_id or "", []) if m.id != doc_id]

    def containers_of(self, doc_id: str) -> list[Member]:
        """The documents (newest of each group) that contain this one."""
        found = []
        for group_id in self.contained_in.get(doc_id, []):
            members = self.members.get(group_id)
            if members:
                found.append(members[0])
        return found

    def parts_of(self, doc_id: str) -> list[Member]:
        """The documents contained in this one (or in another version of it)."""
        group_id = self.group_of.get(doc_id, doc_id)
        return self.contains.get(group_id, [])


def _newest_first(members: list[Member]) -> None:
    """Newest first, undated last, ties by id."""
    members.sort(key=lambda m: m.id)
    members.sort(key=lambda m: m.date or "", reverse=True)


_cache: dict[tuple[str, int, int, bool], VersionIndex] = {}


def load(archive: Any, *, include_secret: bool = False) -> VersionIndex:
    """The version groups from the tables, kept while `diarium.duckdb` is unchanged; empty
    when there are no tables (or none of this version)."""
    import os

    import duckdb

    path = archive.duckdb_path
    try:
        stat = os.stat(path)
    except OSError:
        return VersionIndex()
    key = (str(path), stat.st_mtime_ns, stat.st_size, include_secret)
    if key in _cache:
        return _cache[key]
    hidden = (
        ""
        if include_secret
        else " AND v.document_id NOT IN "
        "(SELECT document_id FROM masking WHERE kind = 'secret_document')"
    )
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            rows = con.execute(
                "SELECT v.document_id, v.group_id, v.relation, v.similarity, d.title,"
                " d.doc_type, CAST(d.date AS VARCHAR) FROM document_versions v"
                " JOIN documents d USING (document_id) WHERE d.status = 'ok'" + hidden
            ).fetchall()
    except duckdb.Error:
        return VersionIndex()
    index = VersionIndex()
    for doc_id, group_id, relation, similarity, title, doc_type, day in rows:
        member = Member(doc_id, title or "", doc_type or "", day, relation, float(similarity))
        if relation == "contains":
            index.contained_in.setdefault(doc_id, []).append(group_id)
            index.contains.setdefault(group_id, []).append(member)
        else:
            index.group_of[doc_id] = group_id
            index.members.setdefault(group_id, []).append(member)
    for members in (*index.members.values(), *index.contains.values()):
        _newest_first(members)
    _cache.clear()
    _cache[key] = index
    return index


def collapse(items: Sequence[Any], index: VersionIndex, key: str = "id") -> list[tuple[Any, int]]:
    """Each version group once, in the order of its first item, shown by its newest member
    among `items`; with the number of versions the group has. `items` are dicts or objects
    with an id under `key` and a `date`."""

    def get(item: Any, name: str) -> Any:
        return item[name] if isinstance(item, dict) else getattr(item, name)

    shown: dict[str, int] = {}  # group -> position in out
    out: list[tuple[Any, int]] = []
    for item in items:
        doc_id = str(get(item, key))
        group_id = index.group_of.get(doc_id)
        if group_id is None:
            out.append((item, 1))
            continue
        count = len(index.members.get(group_id, [])) or 1
        if group_id not in shown:
            shown[group_id] = len(out)
            out.append((item, count))
            continue
        current, _ = out[shown[group_id]]
        newer = str(get(item, "date") or "") > str(get(current, "date") or "")
        if newer:
            out[shown[group_id]] = (item, count)
    return out


def case_versions(
    archive: Any, docs: list[dict[str, Any]], *, include_secret: bool = False
) -> list[dict[str, Any]]:
    """A case's documents (`diarium.queries.documents_for_case`, in date order) with each
    version group once, at the place of its first document, shown by its newest member
    among them, which lists the ids of the others under `versions`."""
    index = load(archive, include_secret=include_secret)
    by_id = {doc["id"]: doc for doc in docs}
    shown = []
    for doc, count in collapse(docs, index):
        group_id = index.group_of.get(doc["id"])
        others = [
            m.id
            for m in index.members.get(group_id or "", [])
            if m.id != doc["id"] and m.id in by_id
        ]
        shown.append({**doc, "versions": others} if count > 1 else {**doc, "versions": []})
    return shown
