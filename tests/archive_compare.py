"""What two archives must share after the same ingestion, however it was run: the records
(content, not timestamps or attempt counters), the tables and the index."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import duckdb

from diarium.archive import Archive
from search.tantivy_backend import TantivyBackend

MEMO = """TJÄNSTESKRIVELSE
{committee}
Datum: 2024-{month:02d}-{day:02d}
Diarienummer: {prefix} 2024/{n:04d}

Ärende {n}: {topic} i {place}

Förvaltningen föreslår att {committee_lower} beslutar att godkänna förslaget om {topic_lower}
för {place}. Kostnaden beräknas till {cost} kronor och ryms inom budgeten.

{body}
"""
COMMITTEES = [
    ("Tekniska nämnden", "TN"),
    ("Kommunstyrelsen", "KS"),
    ("Stadsbyggnadsnämnden", "SBN"),
    ("Kulturnämnden", "KN"),
]
TOPICS = ["Parkering", "Belysning", "Bygglov", "Skolskjuts", "Lekplats", "Cykelväg"]
PLACES = ["Lindängen", "Rosengård", "Limhamn", "Husie", "Fosie", "Oxie"]


def write_memos(folder: Path, count: int, *, paragraphs: int = 3, start: int = 1) -> list[Path]:
    """`count` short Swedish memos, each with a case number, a date and a committee, written
    an hour ago (settled for the drop-folder sensor)."""
    folder.mkdir(parents=True, exist_ok=True)
    past = time.time() - 3600
    written = []
    for n in range(start, start + count):
        committee, prefix = COMMITTEES[n % len(COMMITTEES)]
        topic, place = TOPICS[n % len(TOPICS)], PLACES[(n // 3) % len(PLACES)]
        body = "\n\n".join(
            f"Stycke {k}. Förvaltningen har utrett {topic.lower()} vid {place} och samrått med "
            f"berörda. Beslutet följs upp i december. Ärendet gäller {prefix} 2024/{n:04d}."
            for k in range(paragraphs)
        )
        path = folder / f"ts_{n:05d}.txt"
        path.write_text(
            MEMO.format(
                committee=committee,
                committee_lower=committee.lower(),
                prefix=prefix,
                n=n,
                month=n % 12 + 1,
                day=n % 28 + 1,
                topic=topic,
                topic_lower=topic.lower(),
                place=place,
                cost=1000 * n,
                body=body,
            ),
            encoding="utf-8",
        )
        os.utime(path, (past, past))
        written.append(path)
    return written


VOLATILE = {"updated_at", "first_seen", "attempts"}


def snapshot(home: Path) -> dict[str, Any]:
    archive = Archive.existing(home)
    records = {
        record["id"]: {k: v for k, v in record.items() if k not in VOLATILE}
        for record in archive.iter_records()
    }
    with duckdb.connect(str(archive.duckdb_path), read_only=True) as con:
        documents = con.execute(
            "SELECT document_id, sha256, status, doc_type, title FROM documents ORDER BY 1"
        ).fetchall()
        case_numbers = con.execute(
            "SELECT document_id, normalized FROM case_numbers ORDER BY 1, 2"
        ).fetchall()
    backend = TantivyBackend(archive.index_dir)
    try:
        indexed, index_count = backend.ids(), backend.count()
    finally:
        backend.close()
    return {
        "records": records,
        "documents": documents,
        "case_numbers": case_numbers,
        "indexed": indexed,
        "index_count": index_count,
    }


def assert_same(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    assert set(actual["records"]) == set(expected["records"]), "records lost or added"
    for doc_id, record in expected["records"].items():
        assert actual["records"][doc_id] == record, doc_id
    assert actual["documents"] == expected["documents"], "documents table differs"
    assert actual["case_numbers"] == expected["case_numbers"], "case_numbers table differs"
    assert actual["indexed"] == expected["indexed"], "index differs"
    assert actual["index_count"] == len(expected["indexed"]), "index holds duplicates"
