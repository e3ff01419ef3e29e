"""An index built by an older Diarium: readers are told to re-ingest, ingestion rebuilds it."""

from __future__ import annotations

from pathlib import Path

import pytest
import tantivy

from search import SearchError, open_backend


def _old_index(path: Path) -> None:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("body", stored=True)
    index = tantivy.Index(builder.build(), path=str(path))
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    writer.add_document(tantivy.Document(id="old", body="Tekniska nämnden beslutade"))
    writer.commit()
    writer.wait_merging_threads()


def test_reader_never_drops_an_outdated_index(tmp_path: Path) -> None:
    _old_index(tmp_path)
    with pytest.raises(SearchError, match="diarium ingest"):
        open_backend("tantivy", tmp_path)
    assert any(tmp_path.iterdir())  # nothing was deleted


def test_ingestion_rebuilds_an_outdated_index(tmp_path: Path) -> None:
    _old_index(tmp_path)
    backend = open_backend("tantivy", tmp_path, writable=True)
    assert backend.count() == 0  # empty until sync_index refills it from the records
    backend.close()
    assert open_backend("tantivy", tmp_path).count() == 0  # now readable
