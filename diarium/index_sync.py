"""Bring the search index in line with the archive's records (`sync_index`), run at the end
of every ingestion; `diarium.ingest` re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diarium import catalog as catalog_mod
from diarium import settings
from diarium.archive import Archive
from diarium.catalog import Entry
from diarium.record import Record
from extractors.personal_data import withheld_from_index
from search.backend import IndexDocument, SearchBackend


def index_document(record: Record) -> IndexDocument:
    """The index's document of an `ok` record."""
    extraction = record["extraction"]
    assert extraction is not None, record["id"]
    return IndexDocument(
        id=record["id"],
        source=record["source"],
        title=extraction["title"] or Path(record["source"]).name,
        doc_type=extraction["doc_type"],
        date=extraction["date"],
        year=extraction["year"],
        committees=[c["name"] for c in extraction["committees"]],
        case_numbers=sorted({c["normalized"] for c in extraction["case_numbers"]}),
        text=record["text"],
    )


@dataclass
class IndexSyncSummary:
    upserted: int
    deleted: int
    indexed: int


def sync_index(
    archive: Archive,
    backend: SearchBackend,
    *,
    batch_size: int = 500,
    catalog: dict[str, Entry] | None = None,
) -> IndexSyncSummary:
    """Make the index hold exactly the archive's ok documents, at their current content.

    Comparing the index with the records rather than trusting the last run is what makes
    a killed run safe to repeat: whatever the index missed or kept by mistake is put right
    by the next one. A record is (re-)indexed when its file was rewritten since it was last
    indexed (the catalog's stamp), so re-extracting a document updates the index too; only
    those records are read.
    """
    known = catalog if catalog is not None else catalog_mod.load(archive)
    policy = settings.masking_policy()
    indexed_state: dict[str, str] = archive.read_state("indexed", {}) or {}
    present = backend.ids()
    wanted = {
        doc_id: f"{entry.sha256}:{'-'.join(map(str, entry.stamp))}"
        for doc_id, entry in known.items()
        if entry.status == "ok"
    }
    batch: list[IndexDocument] = []
    upserted = 0
    for doc_id in sorted(wanted):
        if doc_id in present and indexed_state.get(doc_id) == wanted[doc_id]:
            continue
        record = archive.read_record(doc_id)
        if record is None or record["status"] != "ok":
            wanted.pop(doc_id)  # changed since the catalog was read: the next run sees it
            continue
        if withheld_from_index(record, policy):
            wanted.pop(doc_id)  # an OSL-secret document: deleted from the index if present
            continue
        batch.append(index_document(record))
        if len(batch) >= batch_size:
            upserted += backend.upsert(batch)
            batch = []
    if batch:
        upserted += backend.upsert(batch)
    stale = present - set(wanted)
    deleted = backend.delete(stale) if stale else 0
    # Written only after the index committed: a crash before this line re-indexes, never skips.
    archive.write_state("indexed", wanted)
    return IndexSyncSummary(upserted=upserted, deleted=deleted, indexed=len(wanted))
