"""Analyst tables: built from the archive's records into Parquet files and a DuckDB database.

The records (`records/<id>.json`) are the source of truth; every table is rebuilt whole from
them on each run. The schema is data (`SCHEMA` below) and is documented, column by column,
with keys and worked examples, in ``docs/tables.md``.

Storage, and why a reader never sees half a run:

* ``$DIARIUM_HOME/diarium.duckdb`` holds real tables (not views), so the file can be copied or
  opened on its own. It is written under a temporary name and renamed into place.
* ``$DIARIUM_HOME/tables`` is a symbolic link to one complete build under
  ``$DIARIUM_HOME/.tables/<build>/``; a new build is written next to it and the link is
  swapped with one rename. The previous build is kept until the next one, so a reader that
  listed its files just before the swap can still open them.

Parquet layout: the tables analysts slice by year (`documents`, `decisions`) are partitioned
hive-style by `year` (``tables/documents/year=2024/data_0.parquet``; an unknown year is
``year=__HIVE_DEFAULT_PARTITION__``); every other table is one file, ``tables/<name>.parquet``.

Reading the records dominates the build, so they are parsed with orjson; the tables need no
cache of their own (see ``benchmarks/tables.py`` for the figures).
"""

from __future__ import annotations

import csv
import gc
import io
import itertools
import logging
import os
import shutil
import time
import uuid
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import orjson
import pyarrow as pa

if TYPE_CHECKING:
    # Only in annotations: DuckDB imports pandas itself when a frame is asked for, and
    # `diarium case`/`diarium sql` should not pay about 0.5 s for it.
    import pandas as pd

from diarium import doctypes
from diarium.archive import Archive
from diarium.faults import DiskFull, is_disk_full
from extractors import committees as gazetteer
from extractors.canonical_case import parse_canonical
from extractors.extraction_rules import ROLE_STRENGTH
from extractors.model import decision_kind
from extractors.numbers import in_kronor, number_value

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- the schema


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type; the Parquet type follows from it
    doc: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    doc: str  # "one row per …"
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    #: (column, table, column): every non-NULL value must exist in the other table.
    references: tuple[tuple[str, str, str], ...] = ()
    partition_by: str | None = None
    #: Declare the key as PRIMARY KEY in DuckDB. Only for tables whose build makes the key
    #: unique by construction; for the others a duplicate from extraction must show up in the
    #: asset check, not crash the run.
    declare_key: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, type_: str, doc: str) -> Column:
    return Column(name, type_, doc)


_DOC_ID = _c("document_id", "VARCHAR", "The document (→ `documents`).")
_SPAN = (
    _c("start", "INTEGER", "Character offset of the mention in the document's text."),
    _c("end", "INTEGER", "Character offset just after the mention."),
    _c("rule", "VARCHAR", "Name of the extraction rule that found it."),
)
_PAGE = _c("page", "INTEGER", "PDF page (1-based) of the mention; NULL for other formats.")

SCHEMA: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "documents",
            "document in the archive, whatever its status",
            (
                _c("document_id", "VARCHAR", "Stable id derived from the source location."),
                _c("source", "VARCHAR", "The path or URL the document was read from."),
                _c("uri", "VARCHAR", "The source as a URI (`file://…`)."),
                _c("sha256", "VARCHAR", "SHA-256 of the file's bytes."),
                _c("format", "VARCHAR", "Reader: `pdf`, `text`, `markdown`, `html`."),
                _c("status", "VARCHAR", "`ok`, `failed` or `needs_ocr` (see `ingest_status`)."),
                _c(
                    "doc_type",
                    "VARCHAR",
                    "tjänsteskrivelse, yttrande, remiss, protokoll, protokollsutdrag, kallelse, "
                    "föredragningslista, beslut, motion, skrivelse, årsredovisning, "
                    "delårsrapport, handlingar, webbsida or okänd; NULL when unreadable.",
                ),
                _c("title", "VARCHAR", "Title as extracted."),
                _c("date", "DATE", "Document date (Datum, protokoll date)."),
                _c(
                    "year",
                    "INTEGER",
                    "Document year: of `date`, else the year the text reports on. Partition key.",
                ),
                _c(
                    "body",
                    "VARCHAR",
                    "The body whose document it is: the meeting's committee, else the "
                    "decision-maker named most, else the author (→ `committees`).",
                ),
                _c(
                    "meeting_committee",
                    "VARCHAR",
                    "Committee of the meeting the document belongs to (→ `committees`).",
                ),
                _c("meeting_date", "DATE", "Date of that meeting (Beslutsplanering, protokoll)."),
                _c("pages", "INTEGER", "Pages (PDF) or 1."),
                _c("words", "INTEGER", "Words in the extracted text."),
                _c(
                    "ocr_pages",
                    "INTEGER[]",
                    "PDF pages without a text layer whose text was read by OCR (tesseract): "
                    "their text may hold recognition errors.",
                ),
                _c(
                    "needs_ocr_pages",
                    "INTEGER[]",
                    "PDF pages without a text layer that were not OCR'd (tesseract missing, or "
                    "over the limits): their text is missing. `diarium retry-failed` reads the "
                    "document again once OCR is available.",
                ),
                _c("first_seen", "TIMESTAMPTZ", "When Diarium first ingested the document."),
                _c("updated_at", "TIMESTAMPTZ", "When its record was last written."),
            ),
            key=("document_id",),
            references=(
                ("body", "committees", "name"),
                ("meeting_committee", "committees", "name"),
            ),
            partition_by="year",
            declare_key=True,
        ),
        TableSpec(
            "ingest_status",
            "document: how its last ingestion went",
            (
                _DOC_ID,
                _c("source", "VARCHAR", "The path or URL the document was read from."),
                _c("sha256", "VARCHAR", "SHA-256 of the file's bytes."),
                _c("status", "VARCHAR", "`ok`, `failed` or `needs_ocr`."),
                _c("reason", "VARCHAR", "Why it failed or needs OCR; NULL when ok."),
                _c("attempts", "INTEGER", "How many times it has been read."),
                _c("first_seen", "TIMESTAMPTZ", "First ingestion."),
                _c("updated_at", "TIMESTAMPTZ", "Last ingestion."),
            ),
            key=("document_id",),
            references=(("document_id", "documents", "document_id"),),
            declare_key=True,
        ),
        TableSpec(
            "case_numbers",
            "case number written in a document",
            (
                _DOC_ID,
                _c(
                    "case_number",
                    "VARCHAR",
                    "Canonical case (→ `cases`): `normalized`, or a bare number qualified "
                    "with its registry's series (see *Bare case numbers*).",
                ),
                _c(
                    "normalized",
                    "VARCHAR",
                    "As extraction normalized it: `SERIES-YEAR-SERIAL` or `YEAR-SERIAL`.",
                ),
                _c("text", "VARCHAR", "As written in the document."),
                _c(
                    "role",
                    "VARCHAR",
                    "`own` (the document's case), `referenced` (another case it answers or "
                    "cites) or `unknown`.",
                ),
                *_SPAN,
                _PAGE,
            ),
            key=("document_id", "case_number", "start"),
            references=(
                ("document_id", "documents", "document_id"),
                ("case_number", "cases", "case_number"),
            ),
        ),
        TableSpec(
            "cases",
            "canonical case",
            (
                _c("case_number", "VARCHAR", "Canonical case number."),
                _c("series", "VARCHAR", "Series (`TN`, `KS`, …); NULL for a bare number."),
                _c(
                    "registering_body",
                    "VARCHAR",
                    "Body whose registry the case is in (→ `committees`): from the series, "
                    "else the body all its documents belong to.",
                ),
                _c(
                    "registering_body_from",
                    "VARCHAR",
                    "`series` or `documents`: where `registering_body` comes from.",
                ),
                _c("year", "INTEGER", "Registration year."),
                _c("serial", "INTEGER", "Serial number within the year."),
                _c("documents", "INTEGER", "Documents that carry the case."),
                _c("own_documents", "INTEGER", "Of those, documents where it is `own`."),
                _c("decisions", "INTEGER", "Decisions (and proposals) on the case."),
                _c("first_seen", "DATE", "Earliest date of a document that carries it."),
                _c("last_seen", "DATE", "Latest date of a document that carries it."),
                _c(
                    "title",
                    "VARCHAR",
                    "Title of the earliest document whose only own case it is; NULL when none.",
                ),
                _c(
                    "title_document_id",
                    "VARCHAR",
                    "That document (→ `documents`).",
                ),
            ),
            key=("case_number",),
            references=(
                ("registering_body", "committees", "name"),
                ("title_document_id", "documents", "document_id"),
            ),
            declare_key=True,
        ),
        TableSpec(
            "committees",
            "body: nämnd, utskott, förvaltning, fullmäktige, bolag, revision",
            (
                _c("name", "VARCHAR", "Canonical name, lowercase definite form."),
                _c(
                    "kind",
                    "VARCHAR",
                    "`nämnd`, `utskott`, `förvaltning`, `fullmäktige`, `bolag` or `revision`.",
                ),
                _c("abbreviations", "VARCHAR[]", "Abbreviations (`KS`, `SBN`)."),
                _c("series", "VARCHAR[]", "Case-number series the body registers."),
                _c(
                    "serves",
                    "VARCHAR",
                    "For a förvaltning: the nämnd it prepares cases for (→ `committees`).",
                ),
                _c(
                    "parent",
                    "VARCHAR",
                    "For an arbetsutskott: its nämnd (→ `committees`).",
                ),
                _c(
                    "in_gazetteer",
                    "BOOLEAN",
                    "Listed in `extractors/data/bodies.json` (false: only seen in documents).",
                ),
                _c("documents", "INTEGER", "Documents that name the body."),
            ),
            key=("name",),
            references=(("serves", "committees", "name"), ("parent", "committees", "name")),
            declare_key=True,
        ),
        TableSpec(
            "document_committees",
            "body named in a document",
            (
                _DOC_ID,
                _c("committee", "VARCHAR", "Canonical name (→ `committees`)."),
                _c(
                    "role",
                    "VARCHAR",
                    "Strongest role: `decision_maker` > `author` > `recipient` > `mentioned`.",
                ),
                _c("roles", "VARCHAR[]", "Every role the body has in the document."),
                _c("kind", "VARCHAR", "Kind of body, as in `committees.kind`."),
                _c("mentions", "INTEGER", "Number of mentions."),
                _c("start", "INTEGER", "Offset of the first mention."),
                _c("end", "INTEGER", "End of the first mention."),
                _c("rule", "VARCHAR", "Rule that found the first mention."),
            ),
            key=("document_id", "committee"),
            references=(
                ("document_id", "documents", "document_id"),
                ("committee", "committees", "name"),
            ),
        ),
        TableSpec(
            "decisions",
            "decision point (one sentence or att-clause)",
            (
                _DOC_ID,
                _c("paragraph", "VARCHAR", "`§ 93` in a protokoll, the agenda item in a kallelse."),
                _c("case_number", "VARCHAR", "Canonical case decided (→ `cases`)."),
                _c("body", "VARCHAR", "Body that decides (→ `committees`)."),
                _c("text", "VARCHAR", "The decision."),
                _c(
                    "date",
                    "DATE",
                    "Meeting date of the document, else its date.",
                ),
                _c(
                    "year",
                    "INTEGER",
                    "Year of `date`, else the document's year (a report's prose). Partition key.",
                ),
                _c(
                    "proposed",
                    "BOOLEAN",
                    "true: proposed (`kind` förslag, or a tjänsteskrivelse, kallelse, handlingar, "
                    "…); false: taken (protokoll, beslut, yttrande, reports); NULL: other "
                    "document types.",
                ),
                _c(
                    "kind",
                    "VARCHAR",
                    "`beslut` (a decision taken) or `förslag` (a proposal: a Förslag till beslut, "
                    "an agenda's proposal, a proposing document's decision point).",
                ),
                *_SPAN,
                _PAGE,
            ),
            key=("document_id", "start"),
            references=(
                ("document_id", "documents", "document_id"),
                ("case_number", "cases", "case_number"),
                ("body", "committees", "name"),
            ),
            partition_by="year",
        ),
        TableSpec(
            "case_documents",
            "document in a case's chain",
            (
                _c("case_number", "VARCHAR", "The case (→ `cases`)."),
                _c("document_id", "VARCHAR", "A document that carries it (→ `documents`)."),
                _c(
                    "role",
                    "VARCHAR",
                    "The case's strongest role in the document: `own`, `referenced`, `unknown`.",
                ),
                _c(
                    "stage",
                    "VARCHAR",
                    "The document's stage in the case: `remiss`, `tjänsteskrivelse`, "
                    "`yttrande`, `handlingar`, `kallelse`, `beslut`, or its type.",
                ),
                _c(
                    "step",
                    "INTEGER",
                    "Position in the chain (1 = first); documents of one step share a number.",
                ),
                _c("date", "DATE", "The document's date (as `documents.date`)."),
            ),
            key=("case_number", "document_id"),
            references=(
                ("case_number", "cases", "case_number"),
                ("document_id", "documents", "document_id"),
            ),
            declare_key=True,
        ),
        TableSpec(
            "case_links",
            "pair of documents that follow each other in a case",
            (
                _c("case_number", "VARCHAR", "The case they share (→ `cases`)."),
                _c("from_document_id", "VARCHAR", "Earlier step (→ `documents`)."),
                _c("to_document_id", "VARCHAR", "Next step (→ `documents`)."),
                _c("from_stage", "VARCHAR", "Stage of the earlier document in the case."),
                _c("to_stage", "VARCHAR", "Stage of the later document."),
                _c("relation", "VARCHAR", "`from_stage→to_stage`, e.g. `remiss→yttrande`."),
                _c("days", "INTEGER", "Days between the documents' dates; NULL when undated."),
                _c(
                    "ordered_by",
                    "VARCHAR",
                    "`date` when the dates differ, else `stage` (same day or undated).",
                ),
            ),
            key=("case_number", "from_document_id", "to_document_id"),
            references=(
                ("case_number", "cases", "case_number"),
                ("from_document_id", "documents", "document_id"),
                ("to_document_id", "documents", "document_id"),
            ),
            declare_key=True,
        ),
        TableSpec(
            "dates",
            "date mentioned in a document",
            (
                _DOC_ID,
                _c("date", "DATE", "The date; for a range or a period, its first day."),
                _c("end_date", "DATE", "Last day of a range or period."),
                _c("kind", "VARCHAR", "`document`, `meeting`, `mentioned`, `range`, `period`."),
                _c("text", "VARCHAR", "As written (`14 december 2023`, `våren 2018`)."),
                *_SPAN,
                _PAGE,
            ),
            key=("document_id", "start", "kind"),
            references=(("document_id", "documents", "document_id"),),
        ),
        TableSpec(
            "persons",
            "person named in a document, with a title or a role where the text gives one",
            (
                _DOC_ID,
                _c("name", "VARCHAR", "Full name."),
                _c("title", "VARCHAR", "Job title (Enhetschef); NULL when not given."),
                _c(
                    "role",
                    "VARCHAR",
                    "`vår referens`, `ansvarig`, `ordförande`, `sekreterare`, `justerare`, …; "
                    "`omnämnd` for a name without one (a flattened list, prose).",
                ),
                *_SPAN,
            ),
            # One name at one place can have several roles (ledamot and vice ordförande).
            key=("document_id", "start", "role"),
            references=(("document_id", "documents", "document_id"),),
        ),
        TableSpec(
            "places",
            "place mentioned in a document",
            (
                _DOC_ID,
                _c("name", "VARCHAR", "Place name (Lindängen)."),
                _c("kind", "VARCHAR", "`område`, `stadsdel`, `fastighet` or `gata`."),
                *_SPAN,
            ),
            key=("document_id", "start", "kind"),
            references=(("document_id", "documents", "document_id"),),
        ),
        TableSpec(
            "pdf_tables",
            "cell of a table found in a PDF",
            (
                _DOC_ID,
                _c("table_index", "INTEGER", "Table number within the document (0-based)."),
                _c("page", "INTEGER", "PDF page (1-based)."),
                _c(
                    "x0", "DOUBLE", "The cell's box: left, in PDF points from the page's left edge."
                ),
                _c("top", "DOUBLE", "The cell's box: top, in PDF points from the page's top."),
                _c("x1", "DOUBLE", "The cell's box: right."),
                _c("bottom", "DOUBLE", "The cell's box: bottom."),
                _c("row", "INTEGER", "Row (0-based; row 0 is usually the header)."),
                _c("col", "INTEGER", "Column (0-based)."),
                _c("text", "VARCHAR", "Cell text."),
                _c(
                    "value",
                    "DOUBLE",
                    "The cell as a Swedish number (`1 234,5`, `−12`, `3,5 %`), else NULL.",
                ),
                _c(
                    "unit",
                    "VARCHAR",
                    "Unit of `value`: `kr`, `tkr`, `mnkr`, `mdkr` or `%`, as stated in the cell, "
                    "its row label (`Nettoinvesteringar, mnkr`), its column header or the "
                    "table's corner (`Belopp i mnkr`); NULL when the table states none (counts, "
                    "years, note references).",
                ),
                _c(
                    "value_kr",
                    "DOUBLE",
                    "`value` in kronor when `unit` is one of kronor (45,3 mnkr → 45300000), "
                    "so that reports in tkr and mnkr compare; else NULL.",
                ),
            ),
            key=("document_id", "table_index", "row", "col"),
            references=(("document_id", "documents", "document_id"),),
        ),
        TableSpec(
            "masking",
            "kind of personal data or secrecy withheld from a document (for audit)",
            (
                _DOC_ID,
                _c(
                    "kind",
                    "VARCHAR",
                    "`personnummer`, `samordningsnummer`, `phone`, `email`, `address` (masked); "
                    "`existing_mask` (masks already in the source); `secret_section` (sections "
                    "withheld under OSL); `secret_document` (the whole document is kept out of "
                    "the search index).",
                ),
                _c("masked", "INTEGER", "How many were masked or withheld."),
            ),
            key=("document_id", "kind"),
            references=(("document_id", "documents", "document_id"),),
        ),
    )
}

TABLE_NAMES = tuple(SCHEMA)

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMPTZ": pa.timestamp("us", tz="UTC"),
    "VARCHAR[]": pa.list_(pa.string()),
    "INTEGER[]": pa.list_(pa.int32()),
}


def arrow_schema(name: str) -> pa.Schema:
    return pa.schema([(c.name, _ARROW_TYPES[c.type]) for c in SCHEMA[name].columns])


def create_statement(name: str) -> str:
    """The CREATE TABLE statement of one table, with its primary key where declared."""
    spec = SCHEMA[name]
    columns = [f'"{c.name}" {c.type}' for c in spec.columns]
    if spec.declare_key:
        columns.append(f"PRIMARY KEY ({', '.join(spec.key)})")
    return f"CREATE TABLE {name} (\n    " + ",\n    ".join(columns) + "\n)"


def schema_markdown() -> str:
    """The schema section of docs/tables.md, generated from `SCHEMA` (a test keeps them equal)."""
    parts = []
    for spec in SCHEMA.values():
        lines = [f"### `{spec.name}`", "", f"One row per {spec.doc}."]
        key = ", ".join(spec.key)
        declared = " (declared as PRIMARY KEY in DuckDB)" if spec.declare_key else ""
        lines.append(f"Key: `({key})`{declared}.")
        if spec.references:
            refs = ", ".join(f"`{c}` → `{t}.{tc}`" for c, t, tc in spec.references)
            lines.append(f"References: {refs}.")
        if spec.partition_by:
            lines.append(
                f"Parquet: `tables/{spec.name}/{spec.partition_by}=…/data_0.parquet`, "
                f"partitioned by `{spec.partition_by}`."
            )
        else:
            lines.append(f"Parquet: `tables/{spec.name}.parquet`.")
        lines += ["", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in spec.columns]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- values


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text else None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if -(2**31) <= number < 2**31 else None


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _iso(day: date | None) -> str | None:
    """Dates travel to Arrow as ISO strings: one cast converts a column of them, eight times
    faster than converting Python date objects."""
    return day.isoformat() if day else None


def _timestamp(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return []
    return [str(v) for v in value if v is not None]


def _items(container: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = container.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


# --------------------------------------------------------------------------- bodies


def _document_body(extraction: dict[str, Any]) -> str | None:
    meeting = extraction.get("meeting") or {}
    if isinstance(meeting, dict) and meeting.get("committee"):
        return str(meeting["committee"])
    bodies = _items(extraction, "committees")
    for role in ("decision_maker", "author"):
        named = [b for b in bodies if role in _strings(b.get("roles")) or b.get("role") == role]
        if named:
            best = max(named, key=lambda b: _int(b.get("mentions")) or 0)
            return _str(best.get("name"))
    return None


#: The parts of a case number that is not canonical (a registry's six-digit id).
_NO_PARTS = (None, None, None)


# --------------------------------------------------------------------------- reading records


@dataclass
class _Doc:
    """What the derived tables need to know of one document."""

    id: str
    doc_type: str | None
    title: str | None
    date: date | None
    body: str | None
    registry: str | None


@dataclass
class _Collected:
    rows: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {name: [] for name in SCHEMA}
    )
    docs: dict[str, _Doc] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)


def _read_records(archive: Archive) -> Iterator[tuple[Path, dict[str, Any] | None]]:
    for path in sorted(archive.records_dir.glob("*.json")):
        try:
            record = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError) as error:
            log.warning("unreadable record %s: %s", path.name, error)
            yield path, None
            continue
        yield path, record if isinstance(record, dict) else None


def page_list(value: Any) -> list[int]:
    """Page numbers from the reader's metadata ("3,7").

    >>> page_list("3,7"), page_list(None)
    ([3, 7], [])
    """
    if not isinstance(value, str):
        return []
    return [int(part) for part in value.split(",") if part.strip().isdigit()]


def _words(record: dict[str, Any]) -> int:
    """Words in the text: ingestion counts them into the record; older records are counted."""
    words = record.get("words")
    if isinstance(words, int) and not isinstance(words, bool):
        return words
    text = record.get("text")
    return len(text.split()) if isinstance(text, str) else 0


def _collect(records: Iterable[tuple[Path, dict[str, Any] | None]]) -> _Collected:
    out = _Collected()
    rows = out.rows
    for path, record in records:
        if record is None or not record.get("id"):
            out.unreadable.append(path.name)
            continue
        doc_id = str(record["id"])
        extraction = record.get("extraction")
        if not isinstance(extraction, dict):
            extraction = {}
        meeting = extraction.get("meeting")
        if not isinstance(meeting, dict):
            meeting = {}
        doc_type = _str(extraction.get("doc_type"))
        doc_date = _date(extraction.get("date"))
        meeting_date = _date(meeting.get("date"))
        body = _document_body(extraction)
        first_seen = record.get("first_seen")
        updated_at = record.get("updated_at")
        reader = record.get("reader_metadata")
        if not isinstance(reader, dict):
            reader = {}
        rows["documents"].append(
            (
                doc_id,
                _str(record.get("source")),
                _str(record.get("uri")),
                _str(record.get("sha256")),
                _str(record.get("format")),
                _str(record.get("status")),
                doc_type,
                _str(extraction.get("title")),
                _iso(doc_date),
                _int(extraction.get("year")),
                body,
                _str(meeting.get("committee")),
                _iso(meeting_date),
                _int(record.get("pages")),
                _words(record),
                page_list(reader.get("ocr_pages")),
                page_list(reader.get("needs_ocr_pages")),
                first_seen,
                updated_at,
            )
        )
        rows["ingest_status"].append(
            (
                doc_id,
                _str(record.get("source")),
                _str(record.get("sha256")),
                _str(record.get("status")),
                _str(record.get("reason")),
                _int(record.get("attempts")),
                first_seen,
                updated_at,
            )
        )
        decision_date = meeting_date or doc_date
        out.docs[doc_id] = _Doc(
            doc_id,
            doc_type,
            _str(extraction.get("title")),
            doc_date,
            body,
            gazetteer.registry_body(body) if body else None,
        )
        decision_year = decision_date.year if decision_date else _int(extraction.get("year"))
        _collect_extraction(rows, doc_id, extraction, doc_type, _iso(decision_date), decision_year)
        for cell in _items(record, "pdf_tables") or _items(extraction, "pdf_tables"):
            rows["pdf_tables"].append(_pdf_cell(doc_id, cell))
        rows["masking"].extend(_masking(doc_id, record))
    return out


def _masking(doc_id: str, record: dict[str, Any]) -> list[tuple[Any, ...]]:
    counts = dict(record.get("masking") or {})
    secrecy = record.get("secrecy")
    if isinstance(secrecy, dict) and secrecy.get("document"):
        counts["secret_document"] = 1
    return [(doc_id, kind, _int(count)) for kind, count in sorted(counts.items()) if count]


def _collect_extraction(
    rows: dict[str, list[tuple[Any, ...]]],
    doc_id: str,
    extraction: dict[str, Any],
    doc_type: str | None,
    decision_date: str | None,
    decision_year: int | None,
) -> None:
    # Values go in as extraction wrote them; `_arrow` converts each column to its type in
    # one go and only falls back to value-by-value cleaning when a column holds odd values.
    for case in _items(extraction, "case_numbers"):
        normalized = _str(case.get("normalized"))
        if normalized is None:
            continue
        get = case.get
        rows["case_numbers"].append(
            (
                doc_id,
                normalized,  # qualified later, once every document is read
                normalized,
                get("text"),
                get("role"),
                get("start"),
                get("end"),
                get("rule"),
                get("page"),
            )
        )
    for body in _items(extraction, "committees"):
        name = _str(body.get("name"))
        if name is None:
            continue
        get = body.get
        rows["document_committees"].append(
            (
                doc_id,
                name,
                get("role"),
                get("roles"),
                get("kind"),
                get("mentions"),
                get("start"),
                get("end"),
                get("rule"),
            )
        )
    proposed = doctypes.proposes(doc_type)
    for decision in _items(extraction, "decisions"):
        get = decision.get
        kind = decision_kind(decision, doc_type)
        rows["decisions"].append(
            (
                doc_id,
                get("paragraph"),
                _str(get("case_number")),
                _str(get("by") or get("body")),
                get("text"),
                decision_date,
                decision_year,
                True if kind == "förslag" else proposed,
                kind,
                get("start"),
                get("end"),
                get("rule"),
                get("page"),
            )
        )
    for mention in _items(extraction, "dates"):
        get = mention.get
        rows["dates"].append(
            (
                doc_id,
                get("date"),
                get("end_date"),
                get("kind"),
                get("text"),
                get("start"),
                get("end"),
                get("rule"),
                get("page"),
            )
        )
    for person in _items(extraction, "persons"):
        get = person.get
        rows["persons"].append(
            (doc_id, get("name"), get("title"), get("role"), get("start"), get("end"), get("rule"))
        )
    for place in _items(extraction, "places"):
        get = place.get
        rows["places"].append(
            (doc_id, get("name"), get("kind"), get("start"), get("end"), get("rule"))
        )


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _pdf_cell(doc_id: str, cell: dict[str, Any]) -> tuple[Any, ...]:
    """One cell of `record["pdf_tables"]` (the contract with the PDF table reader: a list of
    cells with the `pdf_tables` columns; `bbox` may replace x0/top/x1/bottom, and `value` is
    parsed from `text` when absent)."""
    bbox = cell.get("bbox") if isinstance(cell.get("bbox"), list | tuple) else None
    x0, top, x1, bottom = (
        bbox if bbox and len(bbox) == 4 else (cell.get(k) for k in ("x0", "top", "x1", "bottom"))
    )
    text = _str(cell.get("text"))
    value = _float(cell.get("value")) if "value" in cell else number_value(text)
    # Records read before units were kept have none: `diarium ingest --reprocess` adds them.
    unit = _str(cell.get("unit"))
    return (
        doc_id,
        _int(cell.get("table_index")),
        _int(cell.get("page")),
        _float(x0),
        _float(top),
        _float(x1),
        _float(bottom),
        _int(cell.get("row")),
        _int(cell.get("col")),
        text,
        value,
        unit,
        in_kronor(value, unit),
    )


# --------------------------------------------------------------------------- derived tables


def _qualify_bare_numbers(collected: _Collected) -> None:
    """Give a bare `YEAR-SERIAL` the series of the registry it is written in, when exactly one
    case with that series, year and serial is written out in full somewhere in the archive.

    A kallelse of kommunstyrelsen lists `2023-00249`; the arbetsutskott's protokoll says
    `KS-2023-00249`: both are case `KS-2023-249`. Without a full form in the archive a bare
    number stays bare: registries of different bodies reuse the same year and serial.
    """
    qualified: dict[tuple[int, int], set[str]] = defaultdict(set)
    for row in collected.rows["case_numbers"]:
        series, year, serial = parse_canonical(row[2]) or _NO_PARTS
        if series and year is not None and serial is not None:
            qualified[(year, serial)].add(series)
    cache: dict[tuple[str, str | None], str] = {}

    def canonical(case_number: str, registry: str | None) -> str:
        key = (case_number, registry)
        if key not in cache:
            cache[key] = case_number
            series, year, serial = parse_canonical(case_number) or _NO_PARTS
            body = gazetteer.bodies().get(registry or "")
            if series is None and year is not None and serial is not None and body:
                candidates = qualified.get((year, serial), set()) & set(body.series)
                if len(candidates) == 1:
                    cache[key] = f"{candidates.pop()}-{year}-{serial}"
        return cache[key]

    docs = collected.docs
    for table, column in (("case_numbers", 1), ("decisions", 2)):
        rows = collected.rows[table]
        for i, row in enumerate(rows):
            if row[column] is None:
                continue
            registry = docs[row[0]].registry
            resolved = canonical(row[column], registry)
            if resolved != row[column]:
                rows[i] = (*row[:column], resolved, *row[column + 1 :])


def _committees(collected: _Collected) -> list[tuple[Any, ...]]:
    named_in: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, str | None] = {}
    for row in collected.rows["document_committees"]:
        named_in[row[1]].add(row[0])
        kinds.setdefault(row[1], row[4])
    referenced: set[str] = set()
    for row in collected.rows["decisions"]:
        if row[3]:
            referenced.add(row[3])
    for row in collected.rows["documents"]:
        referenced.update(name for name in (row[10], row[11]) if name)
    referenced.update(doc.registry for doc in collected.docs.values() if doc.registry)
    known = gazetteer.bodies()
    rows: dict[str, tuple[Any, ...]] = {}
    for name, body in known.items():
        parent = gazetteer.parent_of(name) if body.kind == "utskott" else None
        rows[name] = (
            name,
            body.kind,
            list(body.abbreviations),
            list(body.series),
            body.serves,
            parent,
            True,
            len(named_in.get(name, ())),
        )
    for name in sorted((set(named_in) | referenced) - set(known)):
        kind = kinds.get(name) or ("utskott" if name.endswith(" arbetsutskott") else None)
        rows[name] = (name, kind, [], [], None, None, False, len(named_in.get(name, ())))
    # Every body a row points at must itself be a row, so that the foreign keys resolve.
    for name in [r[n] for r in list(rows.values()) for n in (4, 5) if r[n]]:
        if name not in rows:
            rows[name] = (name, None, [], [], None, None, False, 0)
    return sorted(rows.values(), key=lambda r: r[0])


def _case_carriers(collected: _Collected) -> dict[str, dict[str, str]]:
    """case -> document -> the case's strongest role in it (documents that only decide on
    the case, without writing its number, count as `unknown`)."""
    carriers: dict[str, dict[str, str]] = defaultdict(dict)
    for row in collected.rows["case_numbers"]:
        roles = carriers[row[1]]
        role = row[4] or "unknown"
        known = roles.get(row[0])
        if known is None or ROLE_STRENGTH.get(role, -1) > ROLE_STRENGTH.get(known, -1):
            roles[row[0]] = role
    for row in collected.rows["decisions"]:
        if row[2]:
            carriers[row[2]].setdefault(row[0], "unknown")
    return carriers


@dataclass
class _Carrier:
    """A document carrying one case, with its stage in that case."""

    doc: _Doc
    role: str
    stage: str = ""

    def sort_key(self) -> tuple[bool, date, int, str]:
        return (
            self.doc.date is None,
            self.doc.date or date.min,
            doctypes.stage_rank(self.stage),
            self.doc.id,
        )


def _stages(carriers: list[_Carrier]) -> None:
    """The stage of each document in one case (rules in docs/tables.md, *Case chains*)."""
    answers = [c for c in carriers if c.doc.doc_type == "yttrande" and c.role == "referenced"]
    dated_answers = [c.doc.date for c in answers if c.doc.date]
    answered_by = max(dated_answers) if dated_answers else None
    for carrier in carriers:
        stage = doctypes.stage_of_type(carrier.doc.doc_type)
        title = (carrier.doc.title or "").lower()
        if (
            stage == "tjänsteskrivelse"
            and carrier.role == "referenced"
            and title.startswith("remiss")
        ):
            stage = "yttrande"  # an office's draft answer to another body's remiss
        elif (
            answers
            and carrier.role == "own"
            and stage not in ("yttrande", "beslut")
            and (carrier.doc.date is None or answered_by is None or carrier.doc.date <= answered_by)
        ):
            stage = "remiss"  # the case that another body's yttrande answers
        carrier.stage = "dokument" if stage == "okänd" else stage


def _steps(carriers: list[_Carrier]) -> list[list[_Carrier]]:
    """Consecutive documents of one stage form a step; a decision is its own step per
    meeting (date and body), so arbetsutskott → nämnd → fullmäktige follow each other."""
    steps: list[list[_Carrier]] = []
    for carrier in sorted(carriers, key=_Carrier.sort_key):
        if steps:
            last = steps[-1][-1]
            same = last.stage == carrier.stage and (
                carrier.stage != "beslut"
                or (last.doc.date, last.doc.body) == (carrier.doc.date, carrier.doc.body)
            )
            if same:
                steps[-1].append(carrier)
                continue
        steps.append([carrier])
    return steps


def _chains(
    collected: _Collected, carriers: dict[str, dict[str, str]]
) -> list[tuple[str, list[list[_Carrier]]]]:
    """(case, its documents in steps) per chain. A bare number makes one chain per registry:
    other bodies reuse the same year and serial."""
    chains = []
    for case_number, by_doc in carriers.items():
        series, _, _ = parse_canonical(case_number) or _NO_PARTS
        groups: dict[str, list[_Carrier]] = defaultdict(list)
        for doc_id, role in by_doc.items():
            doc = collected.docs[doc_id]
            group = "" if series else (doc.registry or f"\0{doc_id}")
            groups[group].append(_Carrier(doc, role))
        for members in groups.values():
            _stages(members)
            chains.append((case_number, _steps(members)))
    return chains


def _case_documents_and_links(
    chains: list[tuple[str, list[list[_Carrier]]]],
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    documents: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    for case_number, steps in chains:
        for number, step in enumerate(steps, start=1):
            for c in step:
                documents.append((case_number, c.doc.id, c.role, c.stage, number, _iso(c.doc.date)))
        for earlier, later in itertools.pairwise(steps):
            for a in earlier:
                for b in later:
                    days = (b.doc.date - a.doc.date).days if a.doc.date and b.doc.date else None
                    links.append(
                        (
                            case_number,
                            a.doc.id,
                            b.doc.id,
                            a.stage,
                            b.stage,
                            f"{a.stage}→{b.stage}",
                            days,
                            "date" if days else "stage",
                        )
                    )
    return documents, links


def _cases(collected: _Collected, carriers: dict[str, dict[str, str]]) -> list[tuple[Any, ...]]:
    docs = collected.docs
    own_cases: Counter[str] = Counter()
    for by_doc in carriers.values():
        own_cases.update(d for d, role in by_doc.items() if role == "own")
    decisions: Counter[str] = Counter(row[2] for row in collected.rows["decisions"] if row[2])
    out = []
    for case_number in sorted(carriers):
        by_doc = carriers[case_number]
        series, year, serial = parse_canonical(case_number) or _NO_PARTS
        body = gazetteer.body_for_series(series)
        body_from = "series" if body else None
        if body is None and series is None:
            registries = {docs[d].registry for d in by_doc}
            if len(registries) == 1 and None not in registries:
                body, body_from = registries.pop(), "documents"
        dates: list[date] = [day for d in by_doc if (day := docs[d].date) is not None]
        title_doc = min(
            (d for d, role in by_doc.items() if role == "own" and own_cases[d] == 1),
            key=lambda d: (docs[d].date is None, docs[d].date or date.min, d),
            default=None,
        )
        out.append(
            (
                case_number,
                series,
                body,
                body_from,
                year,
                serial,
                len(by_doc),
                sum(1 for role in by_doc.values() if role == "own"),
                decisions[case_number],
                _iso(min(dates)) if dates else None,
                _iso(max(dates)) if dates else None,
                docs[title_doc].title if title_doc else None,
                title_doc,
            )
        )
    return out


# --------------------------------------------------------------------------- writing


def _integers(value: Any) -> list[int]:
    if not isinstance(value, list | tuple):
        return []
    return [n for n in (_int(v) for v in value) if n is not None]


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


_CLEAN: dict[str, Any] = {
    "VARCHAR": _str,
    "INTEGER": _int,
    "BIGINT": _int,
    "DOUBLE": _float,
    "BOOLEAN": _bool,
    "DATE": _date,
    "TIMESTAMPTZ": _timestamp,
    "VARCHAR[]": _strings,
    "INTEGER[]": _integers,
}
_CONVERSION_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError, ValueError)


def _array(values: Sequence[Any], column_type: str) -> pa.Array:
    """One column: converted whole (dates and timestamps from ISO strings by a cast), else
    value by value, so that one odd value never costs the build."""
    arrow_type = _ARROW_TYPES[column_type]
    if column_type in ("DATE", "TIMESTAMPTZ"):
        try:
            return pa.array(values, type=pa.string()).cast(arrow_type)
        except _CONVERSION_ERRORS:
            pass
    try:
        return pa.array(values, type=arrow_type)
    except _CONVERSION_ERRORS:
        pass
    clean = _CLEAN[column_type]
    return pa.array([clean(v) for v in values], type=arrow_type)


def _arrow(name: str, rows: list[tuple[Any, ...]]) -> pa.Table:
    spec = SCHEMA[name]
    schema = arrow_schema(name)
    if not rows:
        return schema.empty_table()
    columns = list(zip(*rows, strict=True))
    if len(columns) != len(schema):
        raise ValueError(f"{name}: rows have {len(columns)} values, schema {len(schema)}")
    return pa.Table.from_arrays(
        [_array(values, c.type) for values, c in zip(columns, spec.columns, strict=True)],
        schema=schema,
    )


def _sql_path(path: Path) -> str:
    return "'" + path.as_posix().replace("'", "''") + "'"


def _copy_to_parquet(con: duckdb.DuckDBPyConnection, name: str, target: Path) -> None:
    spec = SCHEMA[name]
    if spec.partition_by is None:
        con.execute(f"COPY {name} TO {_sql_path(target / f'{name}.parquet')} (FORMAT parquet)")
        return
    directory = target / name
    rows = con.execute(f"SELECT count(*) FROM {name}").fetchone()
    if rows and rows[0]:
        con.execute(
            f"COPY (SELECT * FROM {name} ORDER BY {spec.key[0]}) TO {_sql_path(directory)} "
            f"(FORMAT parquet, PARTITION_BY ({spec.partition_by}))"
        )
        return
    # An empty table still gets a (typed, empty) file, so that readers find every table.
    empty = directory / f"{spec.partition_by}=__HIVE_DEFAULT_PARTITION__"
    empty.mkdir(parents=True)
    con.execute(
        f"COPY (SELECT * EXCLUDE ({spec.partition_by}) FROM {name}) "
        f"TO {_sql_path(empty / 'data_0.parquet')} (FORMAT parquet)"
    )


def _swap_tables_link(archive: Archive, build: Path) -> None:
    """Point `tables` at `build` with one rename; a first run replaces the plain directory."""
    link = archive.tables_dir
    tmp = link.with_name(f".tables-link-{uuid.uuid4().hex}")
    tmp.symlink_to(build.relative_to(link.parent))
    try:
        for _ in range(3):
            if link.is_dir() and not link.is_symlink():
                # The layout before versioned builds, or Archive.open's empty directory.
                aside = build.parent / f"old-{uuid.uuid4().hex}"
                link.rename(aside)
            try:
                os.replace(tmp, link)
                return
            except IsADirectoryError:
                continue  # another process re-created the directory in between: move it too
        raise RuntimeError(f"could not replace {link} with a link to {build}")
    finally:
        tmp.unlink(missing_ok=True)


def _prune_builds(builds: Path, current: Path, previous: Path | None) -> None:
    """Remove the builds before `previous` (names sort by time). A build started after this
    one, by a process that does not hold the archive lock, is never touched."""
    oldest_kept = min(current.name, previous.name) if previous else current.name
    for old in builds.iterdir():
        if old in (current, previous) or not old.is_dir():
            continue
        if old.name < oldest_kept or old.name.startswith("old-"):
            shutil.rmtree(old, ignore_errors=True)


@dataclass
class BuildReport:
    rows: dict[str, int]
    unreadable: list[str]
    seconds: dict[str, float]


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The build allocates millions of small tuples and no cycles; without this, Python's
    cyclic collector rescans them over and over (a third of the build time at 10,000
    documents). Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(archive: Archive) -> BuildReport:
    """Rebuild every table from the records, write Parquet and DuckDB, swap them in."""
    with _no_cyclic_gc():
        return _build(archive)


def _build(archive: Archive) -> BuildReport:
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    collected = _collect(_read_records(archive))
    seconds["read"] = time.perf_counter() - started

    mark = time.perf_counter()
    _qualify_bare_numbers(collected)
    rows = collected.rows
    rows["committees"] = _committees(collected)
    carriers = _case_carriers(collected)
    rows["cases"] = _cases(collected, carriers)
    rows["case_documents"], rows["case_links"] = _case_documents_and_links(
        _chains(collected, carriers)
    )
    arrow = {name: _arrow(name, rows[name]) for name in SCHEMA}
    seconds["derive"] = time.perf_counter() - mark

    mark = time.perf_counter()
    builds = archive.home / ".tables"
    builds.mkdir(exist_ok=True)
    # Names sort in build order (pruning relies on it): UTC time to the microsecond.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    # The caller holds the archive lock: any temporary database left here is a killed
    # build's (it can be large; on a full disk it is what fills it).
    _remove_leftover_databases(archive)
    build_dir = builds / f"{stamp}-{uuid.uuid4().hex[:8]}"
    tmp_db = archive.home / f".diarium.duckdb.{uuid.uuid4().hex}.tmp"
    tmp_wal = tmp_db.with_name(tmp_db.name + ".wal")
    try:
        build_dir.mkdir()
        with duckdb.connect(str(tmp_db)) as con:
            for name, table in arrow.items():
                con.execute(create_statement(name))
                con.register("incoming", table)
                con.execute(f"INSERT INTO {name} SELECT * FROM incoming")
                con.unregister("incoming")
            for name in SCHEMA:
                _copy_to_parquet(con, name, build_dir)
            # Checkpoint while we can still hear about it: the implicit checkpoint on close
            # fails silently on a full disk, leaving the data in the WAL and an empty file
            # that would have been swapped in as the tables.
            con.execute("CHECKPOINT")
        _check_database(tmp_db, tmp_wal, arrow)
        previous = archive.tables_dir.resolve() if archive.tables_dir.is_symlink() else None
        _swap_tables_link(archive, build_dir)
        os.replace(tmp_db, archive.duckdb_path)
    except BaseException as error:
        tmp_db.unlink(missing_ok=True)
        tmp_wal.unlink(missing_ok=True)
        shutil.rmtree(build_dir, ignore_errors=True)
        if isinstance(error, Exception) and is_disk_full(error):
            raise DiskFull(
                "the tables were not rebuilt; the previous tables are kept", str(error)
            ) from error
        raise
    _prune_builds(builds, build_dir, previous if previous and previous.parent == builds else None)
    seconds["write"] = time.perf_counter() - mark
    seconds["total"] = time.perf_counter() - started
    return BuildReport(
        rows={name: table.num_rows for name, table in arrow.items()},
        unreadable=collected.unreadable,
        seconds={k: round(v, 3) for k, v in seconds.items()},
    )


def _remove_leftover_databases(archive: Archive) -> None:
    for leftover in archive.home.glob(".diarium.duckdb.*.tmp*"):
        leftover.unlink(missing_ok=True)


def _check_database(path: Path, wal: Path, arrow: dict[str, pa.Table]) -> None:
    """The new database holds every row, in its main file, before it replaces the old one."""
    if wal.exists():
        raise RuntimeError(f"{path.name}: the write-ahead log was not checkpointed")
    with duckdb.connect(str(path), read_only=True) as con:
        for name, table in arrow.items():
            found = con.execute(f"SELECT count(*) FROM {name}").fetchone()
            if found is None or found[0] != table.num_rows:
                raise RuntimeError(
                    f"{path.name}: {name} has {found and found[0]} rows, not {table.num_rows}"
                )


def build_tables(archive: Archive) -> dict[str, int]:
    """Rebuild every table from the records; return the row count per table."""
    return build(archive).rows


# --------------------------------------------------------------------------- reading


def connect(archive: Archive) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the analyst database."""
    if not archive.duckdb_path.exists():
        raise FileNotFoundError(f"no tables yet in {archive.home}: run `diarium ingest PATH` first")
    return duckdb.connect(str(archive.duckdb_path), read_only=True)


def secret_documents(archive: Archive, kind: str = "secret_document") -> list[dict[str, Any]]:
    """Documents flagged secret under OSL as a whole (kept out of the search index), or with
    `kind="secret_section"` those with sections withheld (and how many)."""
    if not archive.duckdb_path.exists():
        return []
    with connect(archive) as con:
        rows = con.execute(
            "SELECT d.document_id, d.source, d.title, m.masked FROM masking m"
            " JOIN documents d USING (document_id)"
            " WHERE m.kind = ? ORDER BY d.source",
            [kind],
        ).fetchall()
    if kind == "secret_document":
        return [{"id": r[0], "source": r[1], "title": r[2]} for r in rows]
    return [{"id": r[0], "source": r[1], "title": r[2], "sections": r[3]} for r in rows]


def _frame(cursor: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    # DuckDB's conversion calls a pandas API that pandas 3.1 deprecates; not the caller's concern.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The inplace keyword", category=Warning)
        return cursor.df()


def read_table(archive: Archive, name: str) -> pd.DataFrame:
    """One table as a pandas DataFrame (nullable integer, datetime and str columns)."""
    if name not in SCHEMA:
        raise KeyError(f"unknown table {name!r}; tables: {', '.join(SCHEMA)}")
    with connect(archive) as con:
        return _frame(con.execute(f"SELECT * FROM {name}"))


class Tables:
    """The analyst tables of one archive as pandas DataFrames.

    >>> tables = Tables(Archive.open())          # doctest: +SKIP
    >>> tables.cases().query("documents > 1")     # doctest: +SKIP
    >>> tables.sql("SELECT * FROM case_links WHERE case_number = ?", ["TN-2019-3825"])  # doctest: +SKIP
    """

    def __init__(self, archive: Archive | None = None) -> None:
        self.archive = archive or Archive.open()

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Any read-only DuckDB query over the tables."""
        with connect(self.archive) as con:
            return _frame(con.execute(query, list(params or [])))

    def table(self, name: str) -> pd.DataFrame:
        return read_table(self.archive, name)

    def documents(self) -> pd.DataFrame:
        return self.table("documents")

    def ingest_status(self) -> pd.DataFrame:
        return self.table("ingest_status")

    def case_numbers(self) -> pd.DataFrame:
        return self.table("case_numbers")

    def cases(self) -> pd.DataFrame:
        return self.table("cases")

    def committees(self) -> pd.DataFrame:
        return self.table("committees")

    def document_committees(self) -> pd.DataFrame:
        return self.table("document_committees")

    def decisions(self) -> pd.DataFrame:
        return self.table("decisions")

    def case_documents(self) -> pd.DataFrame:
        return self.table("case_documents")

    def case_links(self) -> pd.DataFrame:
        return self.table("case_links")

    def dates(self) -> pd.DataFrame:
        return self.table("dates")

    def persons(self) -> pd.DataFrame:
        return self.table("persons")

    def places(self) -> pd.DataFrame:
        return self.table("places")

    def pdf_tables(self) -> pd.DataFrame:
        return self.table("pdf_tables")

    def masking(self) -> pd.DataFrame:
        return self.table("masking")


# --------------------------------------------------------------------------- output


def format_value(value: Any) -> str:
    """One value as `diarium sql --format csv` and docs/tables.md print it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | Decimal):
        return f"{float(value):.6g}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {format_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([format_value(v) for v in row])
    return buffer.getvalue()


def query_csv(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """Run one query and return its result as CSV (header, then rows)."""
    cursor = con.execute(query)
    columns = [d[0] for d in cursor.description or []]
    return to_csv(columns, cursor.fetchall())


# --------------------------------------------------------------------------- quality checks


@dataclass
class CheckOutcome:
    passed: bool
    metadata: dict[str, Any]


def check_keys_unique(con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Every table's key is unique and never NULL."""
    problems: dict[str, int] = {}
    for spec in SCHEMA.values():
        key = ", ".join(f'"{k}"' for k in spec.key)
        nulls = " OR ".join(f'"{k}" IS NULL' for k in spec.key)
        row = con.execute(
            f"SELECT (SELECT count(*) FROM (SELECT {key} FROM {spec.name} "
            f"GROUP BY ALL HAVING count(*) > 1)), (SELECT count(*) FROM {spec.name} WHERE {nulls})"
        ).fetchone()
        duplicated, null_keys = row if row else (0, 0)
        if duplicated:
            problems[f"{spec.name}: duplicated keys"] = int(duplicated)
        if null_keys:
            problems[f"{spec.name}: NULL keys"] = int(null_keys)
    return CheckOutcome(not problems, {"tables": len(SCHEMA), **problems})


def check_foreign_keys(con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Every reference resolves: no row points at a document, case or body that is not there."""
    orphans: dict[str, int] = {}
    checked = 0
    for spec in SCHEMA.values():
        for column, table, target in spec.references:
            checked += 1
            row = con.execute(
                f'SELECT count(*) FROM {spec.name} s WHERE s."{column}" IS NOT NULL '
                f'AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t."{target}" = s."{column}")'
            ).fetchone()
            if row and row[0]:
                orphans[f"{spec.name}.{column} → {table}.{target}"] = int(row[0])
    return CheckOutcome(not orphans, {"references": checked, **orphans})


def check_documents_complete(archive: Archive, con: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Every record has exactly one row in `documents`, and `documents` holds nothing else."""
    record_ids = {path.stem for path in archive.records_dir.glob("*.json")}
    rows = con.execute("SELECT document_id, count(*) FROM documents GROUP BY 1").fetchall()
    table_ids = {doc_id for doc_id, _ in rows}
    duplicated = sum(1 for _, count in rows if count > 1)
    missing = len(record_ids - table_ids)
    extra = len(table_ids - record_ids)
    return CheckOutcome(
        not (missing or extra or duplicated),
        {
            "records": len(record_ids),
            "missing_from_table": missing,
            "not_in_records": extra,
            "duplicated": duplicated,
        },
    )


#: Sane ranges: a municipal document is dated from 1950 to two years ahead (a kallelse or a
#: plan); a date mentioned in a text may reach back to old decisions and forward to targets.
def date_ranges(today: date | None = None) -> dict[str, tuple[date, date]]:
    today = today or date.today()
    ahead = today.replace(year=today.year + 2, day=min(today.day, 28))
    return {
        "documents.date": (date(1950, 1, 1), ahead),
        "documents.meeting_date": (date(1950, 1, 1), ahead),
        "decisions.date": (date(1950, 1, 1), ahead),
        "cases.first_seen": (date(1950, 1, 1), ahead),
        "cases.last_seen": (date(1950, 1, 1), ahead),
        "dates.date": (date(1800, 1, 1), date(2100, 12, 31)),
        "dates.end_date": (date(1800, 1, 1), date(2100, 12, 31)),
    }


def check_date_ranges(con: duckdb.DuckDBPyConnection, today: date | None = None) -> CheckOutcome:
    """Dates lie in a sane range, and a range never ends before it starts."""
    out_of_range: dict[str, int] = {}
    for qualified, (low, high) in date_ranges(today).items():
        table, column = qualified.split(".")
        row = con.execute(
            f'SELECT count(*) FROM {table} WHERE "{column}" NOT BETWEEN ? AND ?', [low, high]
        ).fetchone()
        if row and row[0]:
            out_of_range[qualified] = int(row[0])
    row = con.execute("SELECT count(*) FROM dates WHERE end_date < date").fetchone()
    if row and row[0]:
        out_of_range["dates.end_date before dates.date"] = int(row[0])
    return CheckOutcome(not out_of_range, {"columns": len(date_ranges(today)), **out_of_range})
