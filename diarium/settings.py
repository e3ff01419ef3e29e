"""Diarium's configuration: every ``DIARIUM_*`` environment variable, read here and only here.

Each variable is read by one accessor below, at call time (not at import), so a test's
``monkeypatch.setenv`` or the CLI's ``--home`` (exported for the web workers) takes effect.
The libraries (`extractors/`, `search/`) read no variable of the application: they take
their settings as arguments, and `diarium/` passes them from here. Three library settings
still name their variable where they are used (`DIARIUM_SPACY_MODEL` in
`extractors.extraction.default_extractor` and `extractors.nlp`, the masking variables in
`extractors.personal_data.MaskingPolicy.from_env`, `DIARIUM_CACHE_DIR` in
`search.swedish.lexicon_cache_dir`); they are listed in `VARIABLES` all the same, and the
application reads them through this module.

>>> sorted(VARIABLES)[:3]
['DIARIUM_CACHE_DIR', 'DIARIUM_DAGSTER_HOME', 'DIARIUM_DROP_FOLDER']
>>> search_backend({}), search_backend({"DIARIUM_SEARCH_BACKEND": "meilisearch"})
('tantivy', 'meilisearch')
>>> drop_folders({"DIARIUM_DROP_FOLDER": "a:b: "}), workers({"DIARIUM_WORKERS": "3"})
(['a', 'b'], 3)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.personal_data import MaskingPolicy

#: Where the archive is when `DIARIUM_HOME` is unset, relative to the working directory.
DEFAULT_HOME = ".diarium"
#: The search engine when `DIARIUM_SEARCH_BACKEND` is unset.
DEFAULT_SEARCH_BACKEND = "tantivy"

#: The sources, by the name of their Dagster partition and of the records' `origin`, each
#: with the variable that configures it (a source without its variable is not configured).
SOURCES: dict[str, str] = {
    "files": "DIARIUM_DROP_FOLDER",
    "portal": "DIARIUM_PORTAL_URL",
    "urls": "DIARIUM_URLS",
}
SOURCE_NAMES: tuple[str, ...] = tuple(SOURCES)

#: Every variable, with what it configures (README, "Development").
VARIABLES: dict[str, str] = {
    "DIARIUM_HOME": "the archive directory (default ./.diarium)",
    "DIARIUM_DAGSTER_HOME": "a shared Dagster instance (production), else $DIARIUM_HOME/dagster",
    "DIARIUM_SEARCH_BACKEND": "tantivy (default) or meilisearch",
    "DIARIUM_WORKERS": "reader processes (0: one per core)",
    "DIARIUM_SPACY_MODEL": "a trained Swedish spaCy pipeline (default: the rules alone)",
    "DIARIUM_CACHE_DIR": "where the compact Swedish lexicon is kept",
    "DIARIUM_DROP_FOLDER": "the drop folders, separated by the OS path separator",
    "DIARIUM_PORTAL_URL": "the meeting portal's page listing the committees",
    "DIARIUM_PORTAL_COMMITTEES": "the portal's committees to read, comma-separated",
    "DIARIUM_PORTAL_TOKEN": "the portal's Bearer token (secret)",
    "DIARIUM_URLS": "single documents on the web, space-separated",
    "DIARIUM_MASK_WORK_CONTACTS": "mask officials' work contacts too",
    "DIARIUM_WORK_EMAIL_DOMAINS": "more work e-mail domains, comma-separated",
    "DIARIUM_INDEX_SECRET_DOCUMENTS": "index and show documents secret under OSL (marked)",
    "DIARIUM_SMTP_URL": "the SMTP server for the watches' e-mail digest (smtp[s]://user:pw@host:port)",
    "DIARIUM_SMTP_FROM": "the digest's sender (default diarium@<this machine>)",
    "DIARIUM_PUBLIC_URL": "where the web page is reached, for links in e-mail and feeds",
    "DIARIUM_RECORDS_URL": "postgresql://… of the records table (secret; default: the records folder)",
    "DIARIUM_NIGHTLY_CRON": "when the nightly schedule runs (default 0 2 * * *, Europe/Stockholm)",
}
#: The nightly schedule when `DIARIUM_NIGHTLY_CRON` is unset.
DEFAULT_NIGHTLY_CRON = "0 2 * * *"


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def home_given(env: Mapping[str, str] | None = None) -> bool:
    """Whether `DIARIUM_HOME` names the archive (else the default is used)."""
    return bool(_env(env).get("DIARIUM_HOME"))


def home(env: Mapping[str, str] | None = None) -> Path:
    """The archive directory: `DIARIUM_HOME`, else ./.diarium, absolute."""
    return Path(_env(env).get("DIARIUM_HOME") or DEFAULT_HOME).expanduser().resolve()


def dagster_home(env: Mapping[str, str] | None = None) -> str | None:
    """The shared Dagster instance's directory (`DIARIUM_DAGSTER_HOME`), or None."""
    return _env(env).get("DIARIUM_DAGSTER_HOME") or None


def search_backend(env: Mapping[str, str] | None = None) -> str:
    """The engine searches and ingestion use: `DIARIUM_SEARCH_BACKEND`, else tantivy."""
    return _env(env).get("DIARIUM_SEARCH_BACKEND", DEFAULT_SEARCH_BACKEND)


def workers(env: Mapping[str, str] | None = None) -> int:
    """Reader processes (`DIARIUM_WORKERS`); 0 means one per core."""
    return int(_env(env).get("DIARIUM_WORKERS") or 0)


def spacy_model(env: Mapping[str, str] | None = None) -> str | None:
    """A trained spaCy pipeline's name or path (`DIARIUM_SPACY_MODEL`), or None."""
    return _env(env).get("DIARIUM_SPACY_MODEL") or None


def drop_folders(env: Mapping[str, str] | None = None) -> list[str]:
    """The configured drop folders (`DIARIUM_DROP_FOLDER`, separated by `os.pathsep`)."""
    raw = _env(env).get("DIARIUM_DROP_FOLDER", "")
    return [folder for folder in raw.split(os.pathsep) if folder.strip()]


def portal_url(env: Mapping[str, str] | None = None) -> str:
    return _env(env).get("DIARIUM_PORTAL_URL", "")


def portal_committees(env: Mapping[str, str] | None = None) -> list[str] | None:
    """The portal's committee filter, or None for every committee."""
    raw = _env(env).get("DIARIUM_PORTAL_COMMITTEES")
    return raw.split(",") if raw else None


def urls(env: Mapping[str, str] | None = None) -> list[str]:
    return _env(env).get("DIARIUM_URLS", "").split()


def cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """Where caches go when the archive cannot hold them (`DIARIUM_CACHE_DIR`), or None."""
    configured = _env(env).get("DIARIUM_CACHE_DIR")
    return Path(configured) if configured else None


def smtp_url(env: Mapping[str, str] | None = None) -> str:
    """The SMTP server of the watches' e-mail digest (`DIARIUM_SMTP_URL`); empty: no e-mail."""
    return (_env(env).get("DIARIUM_SMTP_URL") or "").strip()


def smtp_from(env: Mapping[str, str] | None = None) -> str:
    """The digest's sender (`DIARIUM_SMTP_FROM`); empty: the default sender."""
    return (_env(env).get("DIARIUM_SMTP_FROM") or "").strip()


def public_url(env: Mapping[str, str] | None = None) -> str | None:
    """Where the web page is reached from outside (`DIARIUM_PUBLIC_URL`), or None."""
    return _env(env).get("DIARIUM_PUBLIC_URL") or None


def records_url(env: Mapping[str, str] | None = None) -> str | None:
    """The PostgreSQL database of the records (`DIARIUM_RECORDS_URL`), or None: the
    archive's records folder (diarium/record_store.py)."""
    return _env(env).get("DIARIUM_RECORDS_URL") or None


def nightly_cron(env: Mapping[str, str] | None = None) -> str:
    """When the nightly schedule runs (`DIARIUM_NIGHTLY_CRON`, Europe/Stockholm time)."""
    return (_env(env).get("DIARIUM_NIGHTLY_CRON") or "").strip() or DEFAULT_NIGHTLY_CRON


def source_configured(source: str, env: Mapping[str, str] | None = None) -> bool:
    """Whether `source`'s variable is set."""
    return bool(_env(env).get(SOURCES[source]))


def masking_policy(env: Mapping[str, str] | None = None) -> MaskingPolicy:
    """The masking and secrecy settings (`DIARIUM_MASK_WORK_CONTACTS`,
    `DIARIUM_WORK_EMAIL_DOMAINS`, `DIARIUM_INDEX_SECRET_DOCUMENTS`)."""
    from extractors.personal_data import MaskingPolicy

    return MaskingPolicy.from_env(_env(env))


def export_home(path: Path) -> None:
    """Name the archive in the environment, for the processes this one starts (web workers,
    Dagster runs), which read it back through `home()`."""
    os.environ["DIARIUM_HOME"] = str(path)


def is_set(name: str, env: Mapping[str, str] | None = None) -> bool:
    """Whether the variable `name` (one of `VARIABLES`) is set: the Dagster shell then passes
    it as an `EnvVar`, resolved at run time and never shown in run configuration."""
    assert name in VARIABLES, name
    return bool(_env(env).get(name))


def use_dagster_home(path: str | Path) -> None:
    """Point Dagster at its instance directory, for the runs this process launches."""
    os.environ["DAGSTER_HOME"] = str(path)
