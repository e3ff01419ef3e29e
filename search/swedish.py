"""Swedish word knowledge for search: lemmas, compound parts and abbreviation synonyms.

A Snowball stemmer alone fails Swedish municipal text in two common ways: it does not strip
the definite neuter ending (`strandskyddet` stays `strandskyddet` while `strandskydd` becomes
`strandskyd`), and it leaves compounds whole, so `bostad` never finds `bostadsunderskott`.
Diarium fixes both at index time: every document gets an extra field of *expansion terms*
(the lemma of each word, the parts of each compound, and the compound's own lemma), which
both engines index with their normal analyzer. Queries are expanded the same way.

The lexicon is the Swedish lemma table that spaCy's `spacy-lookups-data` installs
(660,000 forms of 93,000 lemmas), read from the package (nothing is downloaded) and kept in a
compact memory-mapped form (`lexicon()`), so that a short-lived command does not pay for
parsing it.

>>> lemma("strandskyddet"), lemma("nämndens"), lemma("områden")
('strandskydd', 'nämnd', 'område')
>>> split_compound("stadsbyggnadsnämnden")
['stadsbyggnad', 'nämnd']
>>> split_compound("bostadsunderskott"), split_compound("samverkansprocesser")
(['bostad', 'underskott'], ['samverkan', 'process'])
>>> split_compound("kommunen") is None
True
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mmap
import os
import re
import struct
import sys
import tempfile
from array import array
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Generic, TypeVar

import marisa_trie

V = TypeVar("V")

#: Parts shorter than this are not split off: "in", "av", "är" make nonsense of real words.
MIN_PART = 3
#: Words shorter than this are not compounds worth splitting.
MIN_COMPOUND = 7
#: Letters that join the parts of a Swedish compound ("område-s-lyft", "tjänst-e-skrivelse").
LINKING = ("s", "e", "")
#: A compound of more parts than this is more likely a wrong split than a real word.
MAX_PARTS = 4
#: Parts shorter than this are not indexed as terms of their own: a three-letter part
#: ("far" in "förfarande", "ord" in "ordförande") would make short queries match noise.
MIN_INDEXED_PART = 4

_WORD = re.compile(r"[^\W\d_]+")
_SOURCE = "data/sv_lemma_lookup.json.gz"


#: Bump when the layout of the compact lexicon file changes: old files are then rebuilt.
LEXICON_FORMAT = 1
_MAGIC = b"DIARLEX"
# Per key of the trie, one uint32: the top bit says the key is a lemma; the low 31 bits are
# the trie id of its lemma when the key is an inflected form in the table, else _NO_FORM.
_IS_LEMMA = 0x8000_0000
_NO_FORM = 0x7FFF_FFFF
_HEADER = struct.Struct("<7sBQ")  # magic, format, length of the trie in bytes


class _Lemmas:
    """`word in lexicon.lemmas`, answered from the compact table."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lexicon.is_lemma(word)


class _Forms:
    """`word in lexicon.forms` and `lexicon.forms[word]` (the lemma of an inflected form)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lexicon.form_lemma(word) is not None

    def __getitem__(self, word: str) -> str:
        found = self._lexicon.form_lemma(word)
        if found is None:
            raise KeyError(word)
        return found


class Lexicon:
    """The lemma table as a trie of every form and lemma (marisa-trie) plus one uint32 per
    key, both read from one memory-mapped file.

    Parsing the table's JSON into Python dicts took about 1 s and 200 MB in every process that
    searched; mapping the compact file takes well under a millisecond and its pages are shared
    between processes through the OS page cache.
    """

    def __init__(self, buffer: bytes | mmap.mmap) -> None:
        try:
            magic, version, trie_length = _HEADER.unpack_from(buffer)
        except struct.error as error:
            raise ValueError("not a compact lexicon") from error
        if magic != _MAGIC or version != LEXICON_FORMAT:
            raise ValueError("not a compact lexicon of this format")
        view = memoryview(buffer)
        start = _HEADER.size
        self._trie = marisa_trie.Trie()
        self._trie.map(view[start : start + trie_length])
        values_start = start + trie_length + (-trie_length % 4)
        self._values = view[values_start:].cast("I")
        if len(self._values) != len(self._trie):
            raise ValueError("compact lexicon is truncated")
        self._buffer = buffer  # what the trie and the values point into: kept alive with them
        self.lemmas = _Lemmas(self)
        self.forms = _Forms(self)

    def is_lemma(self, word: str) -> bool:
        key = self._trie.get(word)
        return key is not None and bool(self._values[key] & _IS_LEMMA)

    def form_lemma(self, word: str) -> str | None:
        """The table's lemma for an inflected form, or None when the word is not a form in it."""
        key = self._trie.get(word)
        if key is None:
            return None
        target = self._values[key] & _NO_FORM
        return None if target == _NO_FORM else self._trie.restore_key(target)

    def knows(self, word: str) -> bool:
        return word in self._trie

    def lemma_prefixes(self, text: str) -> list[str]:
        """The lemmas that `text` starts with, shortest first: one walk down the trie instead of
        a lookup per prefix length."""
        values = self._values
        return [
            prefix
            for prefix, key in self._trie.iter_prefixes_with_ids(text)
            if values[key] & _IS_LEMMA
        ]


def _lexicon_source() -> Path:
    return Path(str(resources.files("spacy_lookups_data").joinpath(_SOURCE)))


def build_compact_lexicon(source: Path) -> bytes:
    """The compact lexicon file's bytes, built from the spacy-lookups-data table (seconds)."""
    forms: dict[str, str] = json.loads(gzip.decompress(source.read_bytes()))
    # Lower-cased like the queries and the index; a later form wins, as it did in a dict.
    lowered = {form.lower(): lemma.lower() for form, lemma in forms.items()}
    lemma_set = set(lowered.values())
    trie = marisa_trie.Trie(lowered.keys() | lemma_set)
    ids = dict(trie.iteritems())
    values = array("I", [_NO_FORM]) * len(ids)
    for form, lemma in lowered.items():
        values[ids[form]] = ids[lemma]
    for lemma in lemma_set:
        values[ids[lemma]] |= _IS_LEMMA
    trie_bytes = trie.tobytes()
    # The values are in this machine's byte order (the file's name says which).
    padding = b"\0" * (-len(trie_bytes) % 4)
    header = _HEADER.pack(_MAGIC, LEXICON_FORMAT, len(trie_bytes))
    return header + trie_bytes + padding + values.tobytes()


def lexicon_cache_dir() -> Path:
    """Where the compact lexicon is kept: $DIARIUM_CACHE_DIR, else the user's cache directory."""
    configured = os.environ.get("DIARIUM_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "diarium"


def lexicon_cache_path(source: Path | None = None) -> Path:
    """The compact lexicon's file, named by what it was built from: another table (by its
    content), marisa-trie build or file format gets a new file, so a stale one is never read.

    The table's content, not its path or modification time: two installs of the same
    spacy-lookups-data (a developer's venv and CI's, say) share one file instead of
    replacing each other's. Hashing its 2 MB takes about 2 ms.
    """
    source = source or _lexicon_source()
    table = hashlib.sha256(source.read_bytes()).hexdigest()
    library = Path(marisa_trie.__file__).stat().st_size
    key = f"{LEXICON_FORMAT}|{sys.byteorder}|{table}|{library}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return lexicon_cache_dir() / f"sv-lexicon-{digest}.bin"


def _map_file(path: Path) -> Lexicon:
    with path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    return Lexicon(mapped)


def _write_cache(path: Path, data: bytes) -> None:
    """Atomically (temporary file and rename: concurrent builders are harmless), then clear the
    files of older builds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # Readable by all, like the package it comes from: one user may build it for others.
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in path.parent.glob("sv-lexicon-*.bin"):
        if old != path:
            old.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The Swedish lemma table from spacy-lookups-data, memory-mapped from its compact form.

    The compact file is built on first use (a few seconds; `python -m search.swedish` builds it
    ahead, as `make` does after installing) and rebuilt when the table changes. Where the
    cache directory cannot be written (a read-only home), the table is built in memory for
    this process instead.
    """
    source = _lexicon_source()
    try:
        path: Path | None = lexicon_cache_path(source)
    except (OSError, RuntimeError):  # no home directory to find a cache in
        path = None
    if path is not None:
        try:
            return _map_file(path)
        except (OSError, ValueError):
            pass  # not built yet (or damaged): build it below
    data = build_compact_lexicon(source)
    if path is not None:
        try:
            _write_cache(path, data)
            return _map_file(path)
        except OSError:
            pass
    return Lexicon(data)


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The base form of a word; for an unknown compound, its head's base form.

    >>> lemma("samverkansprocesserna"), lemma("Beslutet"), lemma("xyzzy"), lemma("nämnd")
    ('samverkansprocess', 'beslut', 'xyzzy', 'nämnd')
    """
    word = word.lower()
    lex = lexicon()
    # A word that is a lemma itself keeps that reading: "nämnd" is the noun, not a form of
    # the verb "nämna"; "får" is the noun, not a form of "fåra".
    if lex.is_lemma(word):
        return word
    found = lex.form_lemma(word)
    if found is not None:
        return _fix_lookup(word, found)
    parts = _split(word)
    if parts:
        head_start = len(word) - len(parts[-1][0])
        return word[:head_start] + parts[-1][1]
    return word


def _fix_lookup(word: str, found: str) -> str:
    # The table maps some definite neuter forms to the plural ("beslutet" -> "besluten"):
    # when the word minus "-et" is itself a lemma, that is the base form.
    if word.endswith("et") and found != word[:-2] and lexicon().is_lemma(word[:-2]):
        return word[:-2]
    return found


def split_compound(word: str) -> list[str] | None:
    """The lemmas of a compound's parts, or None when the word is not a known compound."""
    parts = _split(word.lower())
    return [part_lemma for _, part_lemma in parts] if parts else None


@lru_cache(maxsize=200_000)
def _split(word: str) -> tuple[tuple[str, str], ...] | None:
    """(surface, lemma) per part, fewest parts first; the head may be inflected."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return None
    best = _best_split(word, 0)
    return best if best and len(best) >= 2 else None


def _best_split(word: str, start: int) -> tuple[tuple[str, str], ...] | None:
    lex = lexicon()
    rest = word[start:]
    # The whole remainder as the head: a lemma or an inflected form of one.
    if start > 0 and len(rest) >= MIN_PART:
        if lex.is_lemma(rest):
            return ((rest, rest),)
        found = lex.form_lemma(rest)
        if found is not None:
            return ((rest, _fix_lookup(rest, found)),)
    best: tuple[tuple[str, str], ...] | None = None
    # Modifiers are lemmas the rest starts with, leaving room for a head.
    longest = len(word) - MIN_PART - start
    modifiers = [m for m in lex.lemma_prefixes(rest) if MIN_PART <= len(m) <= longest]
    # Longest modifier first: "stadsbyggnad-s-nämnden" rather than "stad-s-byggnad-s-…" when both exist.
    for modifier in reversed(modifiers):
        end = start + len(modifier)
        for link in LINKING:
            if not word.startswith(link, end):
                continue
            tail = _best_split(word, end + len(link))
            if tail is None or len(tail) + 1 > MAX_PARTS:
                continue
            candidate = ((modifier + link, modifier), *tail)
            if best is None or len(candidate) < len(best):
                best = candidate
        if best is not None and len(best) == 2:
            break
    return best


@lru_cache(maxsize=200_000)
def word_expansions(word: str) -> tuple[str, ...]:
    """Extra index terms for one word: its lemma, its compound parts and its compound lemma.

    >>> word_expansions("stadsbyggnadsnämndens")
    ('stadsbyggnadsnämnd', 'stadsbyggnad', 'stad', 'byggnad', 'nämnd')
    >>> word_expansions("och"), word_expansions("dispensförfarande")
    ((), ('dispens', 'förfarande'))
    """
    lowered = word.lower()
    terms: dict[str, None] = {}
    base = lemma(lowered)
    if base != lowered:
        terms[base] = None
    parts = split_compound(lowered) or []
    for index, part in enumerate(parts):
        terms[part] = None
        # A modifier can be a compound itself: "stadsbyggnad" gives "stad" and "byggnad".
        # The head is not split again: "förfarande" is one word, not "för" + "farande".
        if index < len(parts) - 1:
            for sub_part in split_compound(part) or ():
                terms[sub_part] = None
    terms.pop(lowered, None)
    for term in [t for t in terms if len(t) < MIN_INDEXED_PART]:
        del terms[term]
    return tuple(terms)


class TokenTable(Generic[V]):
    """A value per whitespace-separated token ("nämndens," included), computed once: a
    whole text is then looked up in C (`map(table.__getitem__, tokens)`) rather than by a
    regex pass and a cached call per word. Bounded: past `limit` tokens it starts afresh.

    >>> table = TokenTable(len)
    >>> table.covering({"nämnd", "och"})["nämnd"]
    5
    """

    def __init__(self, compute: Callable[[str], V], limit: int = 500_000) -> None:
        self.compute = compute
        self.limit = limit
        self._values: dict[str, V] = {}

    def covering(self, tokens: set[str]) -> dict[str, V]:
        """The table, with a value for every one of `tokens`."""
        known = self._values
        new = tokens.difference(known)
        if new:
            if len(known) + len(new) > self.limit:
                # A new dict, not clear(): another thread may still be reading the old one.
                known = self._values = {}
                new = tokens
            for token in new:
                known[token] = self.compute(token)
        return known


def _token_expansions(token: str) -> tuple[str, ...]:
    words = _WORD.findall(token)
    if len(words) == 1:
        return word_expansions(words[0])
    return tuple(dict.fromkeys(chain.from_iterable(word_expansions(w) for w in words)))


#: Expansion terms per token, for indexing.
_TOKEN_EXPANSIONS = TokenTable(_token_expansions)


def expansion_text(text: str) -> str:
    """The expansion terms of every distinct word in a text, space-separated (for indexing).

    Words never span whitespace, so the words of the text are those of its tokens.

    >>> expansion_text("Nämndens bostadsunderskott, (nämnder)")
    'bostad nämnd underskott'
    """
    tokens = set(text.lower().split())
    known = _TOKEN_EXPANSIONS.covering(tokens)
    return " ".join(sorted(set(chain.from_iterable(map(known.__getitem__, tokens)))))


@lru_cache(maxsize=1)
def abbreviation_synonyms() -> dict[str, str]:
    """Lower-case abbreviation -> canonical body name, from the committee gazetteer.

    >>> abbreviation_synonyms()["sbn"]
    'stadsbyggnadsnämnden'
    """
    from extractors.committees import bodies

    synonyms: dict[str, str] = {}
    for name, body in bodies().items():
        for abbreviation in body.abbreviations:
            key = abbreviation.lower()
            # An abbreviation used by two bodies is ambiguous: leave it out rather than guess.
            synonyms[key] = "" if key in synonyms and synonyms[key] != name else name
    return {k: v for k, v in synonyms.items() if v}


_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöé"
MIN_FUZZY_MODIFIER = 5


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | swaps | replaces | inserts


@lru_cache(maxsize=20_000)
def query_compound_parts(word: str) -> tuple[str, ...]:
    """The lemmas of a compound query word's parts, forgiving one typo in the head.

    Officers type compounds that documents split or inflect differently ("samverkansmodell"
    for "modellen för samverkan"); the parts let such documents match too.

    >>> query_compound_parts("samverkansmodell"), query_compound_parts("samverkansmodel")
    (('samverkan', 'modell'), ('samverkan', 'modell'))
    >>> query_compound_parts("nämnd")
    ()
    """
    lowered = word.lower()
    exact = split_compound(lowered)
    if exact:
        return tuple(exact)
    if len(lowered) < MIN_COMPOUND + 1 or not lowered.isalpha():
        return ()
    lex = lexicon()
    # Guessing a typo in a short modifier's head splits too many words: five letters or more.
    for end in range(len(lowered) - MIN_INDEXED_PART, MIN_FUZZY_MODIFIER - 1, -1):
        modifier = lowered[:end]
        if not lex.is_lemma(modifier):
            continue
        for link in LINKING:
            if not lowered.startswith(link, end):
                continue
            head = lowered[end + len(link) :]
            if len(head) < MIN_INDEXED_PART:
                continue
            corrected = [e for e in _edits1(head) if lex.is_lemma(e)]
            if corrected:
                # The likeliest typo keeps the start of the word: "model" is "modell", not "medel".
                best = max(corrected, key=lambda e: (_common_prefix(e, head), -len(e), e))
                return (modifier, best)
    return ()


if __name__ == "__main__":
    # `python -m search.swedish`: build the compact lexicon ahead of first use (make does it
    # after installing) and print where it is.
    lexicon()
    print(lexicon_cache_path())
