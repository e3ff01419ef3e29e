"""The code the tables are built by: a change to any of it rebuilds them on the next run.

Found by reading files, never by importing them (DuckDB and Arrow): a run that has nothing to
do asks this too. The files are this package's modules and every project module they import
(`tests/test_tables.py` checks the list against the imports, so a new dependency cannot be
forgotten), and the gazetteer's data, which decides the registry of a body.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

#: Project modules outside this package whose code or data shapes the tables' rows.
DEPENDENCIES = (
    "diarium.doctypes",
    "diarium.versions",
    "extractors.canonical_case",
    "extractors.committees",
    "extractors.extraction_rules",
    "extractors.model",
    "extractors.numbers",
)
#: Modules the tables import that do not change a row (where files go, errors, locks).
NOT_ROW_SHAPING = ("diarium.archive", "diarium.faults", "diarium.settings")


def _origin(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin)


def code_files() -> list[Path]:
    package = Path(__file__).resolve().parent
    files = sorted(p for p in package.glob("*.py"))
    files += [_origin(module) for module in DEPENDENCIES]
    files.append(_origin("extractors.committees").parent / "data" / "bodies.json")
    return files


def tables_code_version() -> str:
    digest = hashlib.sha256()
    for path in code_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
