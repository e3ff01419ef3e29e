"""A generated annual report through the real Dagster job: its tables land in the analyst
table `pdf_tables` with Swedish numbers as numbers, its reader metadata in the record."""

from __future__ import annotations

from pathlib import Path

import pytest

from diarium import tables
from diarium.archive import Archive
from pipelines.launch import run_ingest
from tests import pdf_fixtures

pytestmark = pytest.mark.slow


def test_arets_resultat_is_a_number_in_pdf_tables(tmp_path: Path, home: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    report = pdf_fixtures.annual_report(pages=8, scanned_page=False)
    (drop / "arsredovisning_2024.pdf").write_bytes(report.data)
    archive = Archive.open(home)
    assert run_ingest(archive, [drop]).success

    [record] = list(archive.iter_records())
    assert record["status"] == "ok"
    assert record["reader_metadata"]["running_headers"] == "Sjöviks kommun Årsredovisning 2024"
    assert {cell["table_index"] for cell in record["pdf_tables"]} == {0, 1}

    with tables.connect(archive) as con:
        value = con.execute(
            """
            SELECT figure.value, figure.unit, figure.value_kr, figure.page
            FROM pdf_tables AS label
            JOIN pdf_tables AS figure USING (document_id, table_index, "row")
            WHERE label.text = 'Årets resultat' AND label.col = 0
              AND figure.col = 3
            """
        ).fetchall()
        # The unit is stated once, in the table's corner ("Belopp i mnkr").
        assert value == [(45.3, "mnkr", 45_300_000.0, 2)]
        negative = con.execute("SELECT value FROM pdf_tables WHERE text = '−1 987,4'").fetchall()
        assert negative == [(-1987.4,)]
