"""The analyst tables' schema, as data: every table, column, key and reference (docs/tables.md
is generated from it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    # Only in annotations: DuckDB imports pandas itself when a frame is asked for, and
    # `diarium case`/`diarium sql` should not pay about 0.5 s for it.
    pass


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
        TableSpec(
            "document_versions",
            "document that has another version: an exact copy, a near duplicate, or a text "
            "contained in a longer document (`diarium/versions.py`)",
            (
                _DOC_ID,
                _c(
                    "group_id",
                    "VARCHAR",
                    "The version group: its smallest document id (→ `documents`). Exact "
                    "copies and near duplicates share one group; a `contains` row names the "
                    "group of the document that contains this one (that document's own id "
                    "when it has no other version).",
                ),
                _c(
                    "relation",
                    "VARCHAR",
                    "`exact` (the same sha256 as another member), `near` (word 4-gram Jaccard "
                    "≥ 0.8 with another member, found by MinHash LSH and measured exactly) or "
                    "`contains` (≥ 60 % of this document's 4-grams stand in a document of "
                    "the group at least as long, of which it is no near duplicate).",
                ),
                _c(
                    "similarity",
                    "DOUBLE",
                    "1.0 for `exact`; the highest Jaccard similarity to another member for "
                    "`near`; the share of the 4-grams found in the container for `contains`.",
                ),
            ),
            key=("document_id", "group_id"),
            references=(
                ("document_id", "documents", "document_id"),
                ("group_id", "documents", "document_id"),
            ),
            declare_key=True,
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
