"""The application's command line: `app` with the commands that read the archive or measure
quality; the commands that launch ingestion runs are added on the Dagster shell's side
(`pipelines/cli.py`, the `diarium` console script), so that nothing here imports Dagster.

`common` holds what the commands share; the commands are grouped by what they do: `read`
(read the archive, never create one), `evals` (measure quality) and `watches` (the
`diarium watch` commands: bevakningar). Importing a group registers its commands on `app`.
"""

from __future__ import annotations

from diarium.cli import evals, read, watches
from diarium.cli.common import app, sort_commands

__all__ = ["app", "evals", "read", "watches"]

sort_commands(app)
