"""Faults of the machine, named plainly: a full disk and a read-only archive.

Libraries report a full disk in their own words (DuckDB: ``IO Error: … No space left on
device``, SQLite: ``database or disk is full``, tantivy: ``IoError … os error 28``), often
deep in a chain of exceptions. The run log, `diarium status` and the CLI say it in one line,
in English and Swedish, so that an operator on call knows at once what to do.
"""

from __future__ import annotations

import errno
import re

#: What libraries write when the disk is full (or a file-size limit is reached: EFBIG is
#: the same fault to an operator).
_DISK_FULL_WORDS = re.compile(
    r"no space left on device|database or disk is full|disk full|os error 28\b|"
    r"\"errno\":\s*\"28\"|file too large|os error 27\b",
    re.IGNORECASE,
)
_READ_ONLY_WORDS = re.compile(r"read-only file system|os error 30\b", re.IGNORECASE)

DISK_FULL_MESSAGE = "no space left on device (disken är full)"


class DiskFull(OSError):
    """The disk is full: `what` was not done, and what was there before is kept."""

    def __init__(self, what: str, detail: str = "") -> None:
        message = f"{DISK_FULL_MESSAGE}: {what}"
        super().__init__(errno.ENOSPC, message)
        self.detail = detail

    def __str__(self) -> str:
        return str(self.strerror)


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _caused_by(error: BaseException, errnos: tuple[int, ...], words: re.Pattern[str]) -> bool:
    """Whether `error` or one it was raised from has one of `errnos`, or says `words`."""
    return any(
        (isinstance(item, OSError) and item.errno in errnos) or words.search(str(item))
        for item in _chain(error)
    )


def is_disk_full(error: BaseException) -> bool:
    """Whether `error` (or one it was raised from) is a full disk.

    >>> is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    True
    >>> is_disk_full(RuntimeError('IO Error: Could not write file "x": No space left on device'))
    True
    >>> is_disk_full(ValueError("bad date"))
    False
    """
    return _caused_by(error, (errno.ENOSPC, errno.EFBIG, errno.EDQUOT), _DISK_FULL_WORDS)


def is_read_only(error: BaseException) -> bool:
    """Whether `error` (or one it was raised from) is a read-only file system or folder.

    >>> is_read_only(OSError(errno.EROFS, "Read-only file system"))
    True
    """
    return _caused_by(error, (errno.EROFS, errno.EACCES, errno.EPERM), _READ_ONLY_WORDS)
