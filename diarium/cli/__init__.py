"""The `diarium` command line: `app` with every command.

`common` holds what the commands share; the commands are grouped by what they do: `runs`
(launch ingestion), `read` (read the archive, never create one), `evals` (measure quality).
Importing a group registers its commands on `app`; `--help` lists them in `ORDER`.
"""

from __future__ import annotations

from diarium.cli import evals, read, runs
from diarium.cli.common import app

__all__ = ["ORDER", "app", "evals", "read", "runs"]

#: The commands as `diarium --help` lists them: the first hour's first.
ORDER = (
    "ingest",
    "search",
    "case",
    "extract",
    "status",
    "retry-failed",
    "sql",
    "demo",
    "eval-search",
    "serve",
    "eval",
    "dagster-home",
)
app.registered_commands.sort(
    key=lambda c: ORDER.index(c.name or getattr(c.callback, "__name__", "").replace("_", "-"))
)
