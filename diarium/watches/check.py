"""Checking watches: which documents are new for each watch since its last check.

A watch is matched by the search engine itself (`SearchBackend.search` with the watch's
query and filters, restricted to the new documents by `SearchQuery.only_ids`), so a watch
finds a new document exactly when the same search on the web page would list it: the
same Swedish stems, compound parts, typos and case numbers in any spelling. There is no
second matcher.

The new documents are those above the watch's high-water mark in the archive's ingestion
order (`store.WatchStore.sync_order`), which is taken from what the index holds after the
run (the `indexed` state that `ingest.sync_index` writes only after the index committed).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from diarium.archive import Archive, utc_now
from diarium.watches.store import Watch, WatchHit, WatchStore
from extractors.personal_data import find_personnummer, mask_span
from search import SearchBackend, SearchQuery

#: Documents per restricted search: a night that added many documents is checked in parts.
CHUNK = 1000


@dataclass
class CheckSummary:
    watches: int = 0
    checked: int = 0
    new_documents: int = 0
    hits: int = 0
    seconds: float = 0.0
    #: watch id -> the hits recorded by this check
    found: dict[str, list[WatchHit]] = field(default_factory=dict)

    def metadata(self) -> dict[str, Any]:
        return {
            "watches": self.watches,
            "checked": self.checked,
            "new_documents": self.new_documents,
            "hits": self.hits,
            "seconds": round(self.seconds, 3),
        }


def indexed_documents(archive: Archive) -> dict[str, str]:
    """id -> sha256 of every document the index holds, as the last index sync recorded it."""
    state: dict[str, str] = archive.read_state("indexed", {}) or {}
    return {doc_id: value.split(":", 1)[0] for doc_id, value in state.items()}


def add_watch(archive: Archive, watch: Watch) -> Watch:
    """Store a watch that follows what is indexed from now on (not the archive's past)."""
    with WatchStore.open(archive) as store:
        store.sync_order(indexed_documents(archive))
        return store.add(watch)


def mask_personnummer(text: str) -> str:
    """Personnummer masked (length kept), as ingestion masks them: a second guard for what
    leaves Diarium in feeds and e-mails.

    >>> mask_personnummer("Sökande 811218-9876 i ärendet")
    'Sökande XXXXXX-XXXX i ärendet'
    """
    for finding in reversed(find_personnummer(text)):
        text = text[: finding.start] + mask_span(finding.text) + text[finding.end :]
    return text


def _secret(archive: Archive, doc_id: str, cache: dict[str, bool]) -> bool:
    """Whether a document is secret under OSL as a whole: never in a watch, whatever the
    index policy (`DIARIUM_INDEX_SECRET_DOCUMENTS` opens the search to operators, not the
    feeds and e-mails that leave Diarium)."""
    if doc_id not in cache:
        record = archive.read_record(doc_id)
        secrecy = record.get("secrecy") if record is not None else None
        cache[doc_id] = bool((secrecy or {}).get("document"))
    return cache[doc_id]


def search_query(watch: Watch, ids: list[str]) -> SearchQuery:
    return SearchQuery(
        text=watch.query,
        doc_type=watch.doc_type,
        committee=watch.committee,
        year=watch.year,
        case_number=watch.case_number,
        limit=len(ids),
        facets=False,
        only_ids=ids,
    )


def check_watches(archive: Archive, backend: SearchBackend) -> CheckSummary:
    """Record, for every watch, the indexed documents that are new since its last check and
    match it. Safe to repeat and to kill: see `diarium.watches.store`."""
    started = time.perf_counter()
    summary = CheckSummary()
    with WatchStore.open(archive) as store:
        watches = store.all()
        summary.watches = len(watches)
        if not watches:
            # Nothing follows the order yet: a watch made later starts from the top anyway.
            summary.seconds = time.perf_counter() - started
            return summary
        secret: dict[str, bool] = {}
        new, changed = store.sync_order(indexed_documents(archive))
        summary.new_documents = len(new) + len(changed)
        became_secret = [d for d in changed if _secret(archive, d, secret)]
        if became_secret:
            store.forget_hits(became_secret)
        top = store.top()
        lowest = min(w.high_water for w in watches)
        after = store.documents_after(lowest)
        for watch in watches:
            if watch.high_water >= top:
                continue
            candidates = [(d, s) for d, s in after if s > watch.high_water]
            hits = _matches(archive, backend, watch, candidates, secret)
            summary.hits += store.record(watch, hits, top)
            summary.checked += 1
            if hits:
                summary.found[watch.id] = hits
    summary.seconds = time.perf_counter() - started
    return summary


def _matches(
    archive: Archive,
    backend: SearchBackend,
    watch: Watch,
    candidates: list[tuple[str, int]],
    secret: dict[str, bool],
) -> list[WatchHit]:
    positions = dict(candidates)
    found_at = utc_now()
    hits: list[WatchHit] = []
    ids = [doc_id for doc_id, _ in candidates]
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        result = backend.search(search_query(watch, part))
        for hit in result.hits:
            if hit.id not in positions or _secret(archive, hit.id, secret):
                continue
            hits.append(
                WatchHit(
                    watch_id=watch.id,
                    document_id=hit.id,
                    seq=positions[hit.id],
                    found_at=found_at,
                    title=mask_personnummer(hit.title),
                    doc_type=hit.doc_type,
                    date=hit.date,
                    committees=list(hit.committees),
                    case_numbers=list(hit.case_numbers),
                    snippet=mask_personnummer(hit.snippet),
                    source=mask_personnummer(hit.source),
                )
            )
    hits.sort(key=lambda h: h.seq)
    return hits
