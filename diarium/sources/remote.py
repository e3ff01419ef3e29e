"""A document that lives at a URL, with what its source tells about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RemoteDocument:
    #: The canonical URL (see `canonical_url`): the document's id is derived from it.
    url: str
    #: What the source says about the document (committee, meeting date, item number and
    #: title for a portal attachment); copied into the record as `source_metadata`.
    metadata: dict[str, Any] = field(default_factory=dict)
