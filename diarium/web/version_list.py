"""The versions of a document for its page: other exact or near copies (newest first), the
documents it is contained in, and those it contains (`diarium.versions`)."""

from __future__ import annotations

from typing import Any

from diarium import versions
from diarium.queries import show_secret


def document_versions(archive: Any, doc_id: str) -> dict[str, list[versions.Member]]:
    index = versions.load(archive, include_secret=show_secret())
    return {
        "others": index.versions_of(doc_id),
        "containers": [m for m in index.containers_of(doc_id) if m.id != doc_id],
        "parts": [m for m in index.parts_of(doc_id) if m.id != doc_id],
    }
