"""Imported by the reader pool's fork server only, as the last module it preloads.

When the process that started the pool exits, the fork server sees its end of a pipe close
and exits too, through the interpreter's normal teardown: freeing every object of spaCy,
pdfium and the extraction rules it preloaded, module by module. That took 0.15 s after the
`diarium` command itself had exited, and the fork server holds the command's stdout and
stderr: a script or cron job reading the command's output waited for it. Nothing in the fork
server needs flushing (it only forks readers), so it leaves at once once its work is over.
The readers it forks leave through `os._exit` already (multiprocessing's own child path).

Only in the fork server: imported anywhere else (the doctest collection imports every
module), the exit handler would end that process with status 0 whatever it meant to report,
a failed test run included.
"""

from __future__ import annotations

import atexit
import os
import sys
from types import FrameType


def in_fork_server() -> bool:
    """Whether this import runs inside `multiprocessing.forkserver.main`, which imports the
    pool's preload modules before it starts forking readers."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code.co_name == "main" and code.co_filename.endswith(
            os.path.join("multiprocessing", "forkserver.py")
        ):
            return True
        frame = frame.f_back
    return False


if in_fork_server():
    atexit.register(os._exit, 0)
