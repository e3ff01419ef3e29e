"""Run the ingestion job in process, recorded in the archive's Dagster instance.

The CLI goes through here rather than calling `diarium.ingest` directly, so that an
ingestion from the terminal is the same job, with the same checks, as the nightly run, and
shows up in `dagster dev`'s run history.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from diarium.archive import Archive

_REPO_DAGSTER_YAML = Path(__file__).resolve().parent.parent / "dagster.yaml"
_FALLBACK_DAGSTER_YAML = "telemetry:\n  enabled: false\n"


def prepare_dagster_home(archive: Archive) -> Path:
    """Create `$DIARIUM_HOME/dagster` with the project's dagster.yaml and point DAGSTER_HOME at it."""
    home = archive.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    if _REPO_DAGSTER_YAML.exists():
        if not target.exists() or target.read_bytes() != _REPO_DAGSTER_YAML.read_bytes():
            shutil.copyfile(_REPO_DAGSTER_YAML, target)
    elif not target.exists():
        target.write_text(_FALLBACK_DAGSTER_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    os.environ["DIARIUM_HOME"] = str(archive.home)
    return home


def run_ingest(
    archive: Archive,
    paths: Sequence[str | Path],
    *,
    progress: Any = None,
    search_backend: str | None = None,
    retry_failed: bool = False,
) -> Any:
    """Execute the `ingest` job over `paths` and return Dagster's ExecuteInProcessResult.

    Raises when the job fails (a systemic error: index unwritable, disk full); a bad
    document does not fail it, it is recorded with its status.
    """
    prepare_dagster_home(archive)
    # Imported late: importing Dagster costs about a second, which `diarium search` should not pay.
    from dagster import DagsterInstance

    from pipelines.definitions import defs
    from pipelines.resources import (
        ArchiveResource,
        DocumentSourcesResource,
        NoProgress,
        SearchIndexResource,
    )

    resources: dict[str, Any] = {
        "archive": ArchiveResource(home=str(archive.home)),
        "sources": DocumentSourcesResource(paths=[str(p) for p in paths]),
        "progress": progress or NoProgress(),
    }
    if search_backend:
        resources["search"] = SearchIndexResource(backend=search_backend)
    job = defs.resolve_job_def("ingest")
    with DagsterInstance.get() as instance:
        return job.execute_in_process(
            instance=instance,
            resources=resources,
            run_config={"ops": {"source_files": {"config": {"retry_failed": retry_failed}}}},
        )
