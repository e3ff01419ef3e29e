"""A watch as an Atom 1.0 feed (RFC 4287): one entry per new document.

Built with ElementTree, so every value is escaped by the serializer; the snippet (HTML
that the search engine rendered: escaped text with `<mark>`) goes into an escaped
`type="html"` summary, as RFC 4287 §3.1.1.2 asks for HTML.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import PurePosixPath
from urllib.parse import quote
from xml.etree import ElementTree as ET

from diarium.watches.store import Watch, WatchHit
from extractors.personal_data import mask_path

ATOM = "http://www.w3.org/2005/Atom"


def public_source(source: str) -> str:
    """A file's name (a server's folders are nobody's business) or a remote document's
    URL, with a personnummer in it masked.

    >>> public_source("/srv/drop/ansokan_811218-9876.txt"), public_source("https://x.se/a.pdf")
    ('ansokan_XXXXXX-XXXX.txt', 'https://x.se/a.pdf')
    """
    if "://" not in source:
        source = PurePosixPath(source).name
    return mask_path(source)


def describe_hit(hit: WatchHit) -> str:
    """Type, date and case numbers of a hit, in Swedish, as one line."""
    parts = [hit.doc_type.capitalize() if hit.doc_type else "Okänd typ"]
    parts.append(hit.date or "odaterad")
    if hit.case_numbers:
        parts.append("ärende " + ", ".join(hit.case_numbers))
    if hit.committees:
        parts.append(", ".join(hit.committees))
    return " · ".join(parts)


def _timestamp(value: str | None) -> str:
    """An RFC 3339 date-time (the archive writes UTC ISO times: '2026-12-05T23:10:00Z' or
    with '+00:00')."""
    if not value:
        return "1970-01-01T00:00:00Z"
    return value.replace("+00:00", "Z") if "T" in value else f"{value}T00:00:00Z"


def feed(watch: Watch, hits: Sequence[WatchHit], base_url: str) -> bytes:
    """The Atom document for `watch` with `hits` (newest first), links under `base_url`."""
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    page = f"{base}/bevakning/{watch.id}"
    sub(root, "id", f"{page}")
    sub(root, "title", f"Bevakning: {watch.name}")
    sub(root, "subtitle", f"Nya dokument i Diarium för {watch.describe()}")
    updated = max([h.found_at for h in hits], default=watch.checked_at or watch.created_at)
    sub(root, "updated", _timestamp(updated))
    author = sub(root, "author")
    sub(author, "name", "Diarium")
    sub(root, "link", rel="self", type="application/atom+xml", href=f"{page}.atom")
    sub(root, "link", rel="alternate", type="text/html", href=page)
    sub(root, "generator", "Diarium")
    for hit in hits:
        entry = sub(root, "entry")
        document = f"{base}/dokument/{quote(hit.document_id)}"
        sub(entry, "id", f"{page}/{hit.document_id}")
        sub(entry, "title", hit.title or public_source(hit.source))
        sub(entry, "updated", _timestamp(hit.found_at))
        if hit.date:
            sub(entry, "published", _timestamp(hit.date))
        sub(entry, "link", rel="alternate", type="text/html", href=document)
        if hit.doc_type:
            sub(entry, "category", term=hit.doc_type, label=hit.doc_type.capitalize())
        summary = (
            f"<p>{html.escape(describe_hit(hit))}</p>"
            f"<p>{hit.snippet}</p>"
            f"<p>Källa: {html.escape(public_source(hit.source))}</p>"
        )
        sub(entry, "summary", summary, type="html")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")
