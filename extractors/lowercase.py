"""The lower case of the document text being extracted, computed once.

Several rules search the lower-cased whole text (case numbers' labels, dates' triggers,
bodies' heads, the body ranker's counts); `str.lower` of a Swedish text costs about as much
as one of those searches. `remember` keeps the lower case of one text (the one
`extractors.nlp.run` is given); `lower` returns it for that very text object and lowers any
other text (a head, a cell) afresh without replacing it.

>>> text = "Kommunstyrelsen"
>>> remember(text), lower(text) is lower(text), lower("KS")
('kommunstyrelsen', True, 'ks')
"""

from __future__ import annotations

#: (text, its lower case): the text last given to `remember`.
_remembered: tuple[str, str] = ("", "")


def remember(text: str) -> str:
    """`text.lower()`, kept for later `lower(text)` calls on the same text object."""
    global _remembered
    low = text.lower()
    _remembered = (text, low)
    return low


def lower(text: str) -> str:
    """`text.lower()`: the remembered one where `text` is the remembered text itself."""
    known, low = _remembered  # one read: another thread may remember a text meanwhile
    if known is text:
        return low
    return text.lower()
