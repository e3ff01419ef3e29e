"""Single URLs: documents published on their own, such as an annual report PDF."""

from __future__ import annotations

from collections.abc import Iterable

from diarium.sources.http import canonical_url
from diarium.sources.remote import RemoteDocument


def url_documents(urls: Iterable[str]) -> list[RemoteDocument]:
    """One document per distinct canonical URL, in the order given.

    A malformed URL is a configuration error and raises ValueError at once.
    """
    seen: dict[str, RemoteDocument] = {}
    for given in urls:
        given = given.strip()
        if not given:
            continue
        url = canonical_url(given)
        seen.setdefault(url, RemoteDocument(url, {"kind": "url", "url": given}))
    return list(seen.values())
