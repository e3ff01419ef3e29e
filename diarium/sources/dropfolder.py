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
    path: Path  # absolute, resolved (always inside `root`)
    given: str  # the path as the user gave it (relative paths stay relative)
    size: int
    mtime_ns: int
    #: The resolved source folder the file was found under (the file itself when a file
    #: was named): the download route serves nothing outside it.
    root: Path | None = None


@dataclass(frozen=True)
class Skipped:
    """An entry of a source folder that is not read, and why (one line in the run log and
    a failed record for a document's name, so nothing disappears without a reason)."""

    path: Path  # the entry itself (absolute, the link not followed)
    given: str
    reason: str
    folder: bool = False  # a folder (its documents are unknown), not one document


@dataclass
class Listing:
    files: list[FoundFile]
    skipped: list[Skipped]


def is_document(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.startswith(FOLDER_DOC_PREFIXES):
        return False
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def scan(paths: Sequence[str | Path]) -> list[FoundFile]:
    """Every document file under `paths`, recursively, sorted by path (see `list_sources`)."""
    return list_sources(paths).files


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def list_sources(paths: Sequence[str | Path]) -> Listing:
    """Every document file under `paths`, recursively, sorted by path, and every entry left
    unread with its reason.

    A path that does not exist raises FileNotFoundError: a typo in a source is a
    configuration error, not a bad document. Hidden files and folders are skipped (a copy
    in progress is often a hidden temporary file).

    Symbolic links are the drop folder's attack surface and its traps: a link is followed
    only when it leads to a file or folder inside the same source folder (an operator's
    own shortcut), and a folder is listed once however many links lead to it, so a loop
    ends. A link out of the folder (`/etc/passwd`, someone's home), a dangling link, a loop
    and a folder that cannot be listed are reported in `skipped` and the rest is read.
    """
    found: dict[Path, FoundFile] = {}
    skipped: list[Skipped] = []
    for given in paths:
        root = Path(given).expanduser()
        if not root.exists():
            raise FileNotFoundError(f"source path does not exist: {given}")
        real_root = root.resolve()
        if root.is_file():
            stat = real_root.stat()
            found.setdefault(
                real_root,
                FoundFile(real_root, str(given), stat.st_size, stat.st_mtime_ns, real_root),
            )
            continue
        _walk(root, real_root, str(given), found, skipped)
    return Listing(sorted(found.values(), key=lambda f: f.path), skipped)


def _walk(
    root: Path,
    real_root: Path,
    given: str,
    found: dict[Path, FoundFile],
    skipped: list[Skipped],
) -> None:
    visited: set[Path] = {real_root}
    through_link: set[Path] = set()
    # (the folder as reached from the root, its resolved path); depth first, sorted.
    stack: list[tuple[Path, Path]] = [(root, real_root)]
    while stack:
        folder, real_folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            skipped.append(
                Skipped(
                    folder.absolute(),
                    _given(given, root, folder),
                    f"folder cannot be listed: {error.strerror or error}",
                    folder=True,
                )
            )
            continue
        subfolders: list[tuple[Path, Path]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            shown = _given(given, root, path)
            try:
                link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError as error:
                skipped.append(Skipped(path.absolute(), shown, f"cannot be read: {error}"))
                continue
            target = real_folder / entry.name
            if link:
                reason, target_or_none = _follow(path, real_root)
                if target_or_none is None:
                    if os.path.isdir(path):  # a folder out of the source folder
                        skipped.append(Skipped(path.absolute(), shown, reason, folder=True))
                    elif is_document(path) or reason.startswith("symbolic link loop"):
                        skipped.append(Skipped(path.absolute(), shown, reason))
                    continue
                target = target_or_none
                is_dir = target.is_dir()
            if is_dir:
                if target in visited:
                    # A link back to a folder above it is a loop (reported); a second way
                    # into a folder listed already is a shortcut (its files are listed).
                    if link and real_folder.is_relative_to(target):
                        skipped.append(
                            Skipped(
                                path.absolute(),
                                shown,
                                "symbolic link loop: the folder it leads to is listed already",
                                folder=True,
                            )
                        )
                    continue
                visited.add(target)
                subfolders.append((path, target))
                continue
            if not is_document(path):
                continue
            try:
                stat = target.stat()
            except FileNotFoundError:  # removed while we were listing
                continue
            except OSError as error:
                skipped.append(
                    Skipped(path.absolute(), shown, f"cannot be read: {error.strerror or error}")
                )
                continue
            known = found.get(target)
            # A file reached through a shortcut and under its own name is one document, named
            # as it is in its own folder.
            if known is None or (target in through_link and not link):
                found[target] = FoundFile(target, shown, stat.st_size, stat.st_mtime_ns, real_root)
                if link:
                    through_link.add(target)
                else:
                    through_link.discard(target)
        stack.extend(reversed(subfolders))


def _follow(path: Path, real_root: Path) -> tuple[str, Path | None]:
    """Where a symbolic link leads, if it may be followed; else the reason it is not."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return f"dangling symbolic link: {os.readlink(path)} does not exist", None
    except (RuntimeError, OSError) as error:  # ELOOP: a link that leads back to itself
        return f"symbolic link loop: {error}", None
    if not _inside(target, real_root):
        # Never followed out of the source folder: /etc/passwd must not become public.
        return "symbolic link leads outside the source folder; not followed", None
    return "", target


def _given(given: str, root: Path, path: Path) -> str:
    return str(Path(given) / path.relative_to(root))


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
