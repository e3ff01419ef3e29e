"""Rows from records: each record read once into the rows of every table, bare case numbers
qualified by the registry, the bodies table.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    # Only in annotations: DuckDB imports pandas itself when a frame is asked for, and
    # `diarium case`/`diarium sql` should not pay about 0.5 s for it.
    pass

from diarium import doctypes, versions
from diarium.archive import Archive
from diarium.tables.schema import SCHEMA
from diarium.tables.values import _date, _int, _iso, _items, _str, _strings
from extractors import committees as gazetteer
from extractors.canonical_case import parse_canonical
from extractors.model import decision_kind
from extractors.numbers import in_kronor, number_value

log = logging.getLogger(__name__)

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
NO_PARTS = (None, None, None)


# --------------------------------------------------------------------------- reading records


@dataclass
class Doc:
    """What the derived tables need to know of one document."""

    id: str
    doc_type: str | None
    title: str | None
    date: date | None
    body: str | None
    registry: str | None


@dataclass
class Collected:
    rows: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {name: [] for name in SCHEMA}
    )
    docs: dict[str, Doc] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    version_texts: versions.Collector = field(default_factory=versions.Collector)


def read_records(archive: Archive) -> Iterator[tuple[Path, dict[str, Any] | None]]:
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


def collect(records: Iterable[tuple[Path, dict[str, Any] | None]]) -> Collected:
    out = Collected()
    rows = out.rows
    for path, record in records:
        if record is None or not record.get("id"):
            out.unreadable.append(path.name)
            continue
        doc_id = str(record["id"])
        out.version_texts.add(record)
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
        out.docs[doc_id] = Doc(
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


def qualify_bare_numbers(collected: Collected) -> None:
    """Give a bare `YEAR-SERIAL` the series of the registry it is written in, when exactly one
    case with that series, year and serial is written out in full somewhere in the archive.

    A kallelse of kommunstyrelsen lists `2023-00249`; the arbetsutskott's protokoll says
    `KS-2023-00249`: both are case `KS-2023-249`. Without a full form in the archive a bare
    number stays bare: registries of different bodies reuse the same year and serial.
    """
    qualified: dict[tuple[int, int], set[str]] = defaultdict(set)
    for row in collected.rows["case_numbers"]:
        series, year, serial = parse_canonical(row[2]) or NO_PARTS
        if series and year is not None and serial is not None:
            qualified[(year, serial)].add(series)
    cache: dict[tuple[str, str | None], str] = {}

    def canonical(case_number: str, registry: str | None) -> str:
        key = (case_number, registry)
        if key not in cache:
            cache[key] = case_number
            series, year, serial = parse_canonical(case_number) or NO_PARTS
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


def committee_rows(collected: Collected) -> list[tuple[Any, ...]]:
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
