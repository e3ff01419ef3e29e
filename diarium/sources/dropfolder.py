"""The drop folder: documents copied in by hand or by another system.

`scan` lists the document files with their size and modification time; the planner trusts
an unchanged (size, mtime) and hashes only files whose stat changed. `fingerprint` sums the
listing up for the drop-folder sensor's cursor.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Files that Diarium reads; anything else in a source folder is not a document.
DOCUMENT_SUFFIXES = frozenset({".pdf", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ""})
#: A folder's own documentation is not part of the archive.
FOLDER_DOC_PREFIXES = ("readme", "sources", "license", "licence", "changelog")


@dataclass(frozen=True)
class FoundFile:
    path: Path  # absolute, resolved
    given: str  # the path as the user gave it (relative paths stay relative)
    size: int
    mtime_ns: int


def is_document(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.startswith(FOLDER_DOC_PREFIXES):
        return False
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def scan(paths: Sequence[str | Path]) -> list[FoundFile]:
    """Every document file under `paths`, recursively, sorted by path.

    A path that does not exist raises FileNotFoundError: a typo in a source is a
    configuration error, not a bad document. Hidden files and folders are skipped (a copy
    in progress is often a hidden temporary file).
    """
    found: dict[Path, FoundFile] = {}
    for given in paths:
        root = Path(given).expanduser()
        if not root.exists():
            raise FileNotFoundError(f"source path does not exist: {given}")
        if root.is_file():
            resolved = root.resolve()
            stat = resolved.stat()
            found.setdefault(
                resolved, FoundFile(resolved, str(given), stat.st_size, stat.st_mtime_ns)
            )
            continue
        for directory, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            for name in files:
                path = Path(directory) / name
                if not is_document(path):
                    continue
                try:
                    stat = path.stat()
                except FileNotFoundError:  # removed while we were listing
                    continue
                resolved = path.resolve()
                given_path = str(Path(given) / path.relative_to(root))
                found.setdefault(
                    resolved, FoundFile(resolved, given_path, stat.st_size, stat.st_mtime_ns)
                )
    return sorted(found.values(), key=lambda f: f.path)


def discover(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Every document file under `paths` as (absolute path, path as given)."""
    return [(f.path, f.given) for f in scan(paths)]


@dataclass(frozen=True)
class Fingerprint:
    digest: str  # changes when any file is added, removed, resized or touched
    files: int
    newest_mtime_ns: int


def fingerprint(paths: Sequence[str | Path]) -> Fingerprint:
    """A digest of the drop folder's (path, size, mtime) listing, for the sensor's cursor."""
    digest = hashlib.sha256()
    newest = 0
    files = scan(paths)
    for found in files:
        digest.update(f"{found.path}\0{found.size}\0{found.mtime_ns}\n".encode())
        newest = max(newest, found.mtime_ns)
    return Fingerprint(digest.hexdigest()[:32], len(files), newest)
