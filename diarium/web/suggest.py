"""'Menade du …?': spelling suggestions from the words of the archived documents.

The vocabulary is every word of the indexed texts (the records' titles and bodies, which
are what the index holds; never a document kept out of the index as secret), with how
often it occurs. A query word is known when its Swedish
stem is the stem of some archived word; an unknown word is replaced by the most frequent
archived word within its typo distance (a word found inside an archived compound only by a
word one edit away). The vocabulary is rebuilt when the records change (an ingestion run
while the server is up).
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

from diarium import settings
from diarium.archive import Archive
from extractors.diarienummer import find_in_query
from search.backend import SearchQuery

# rapidfuzz, the stemmer (search.matching, which loads tantivy) and the masking rules are
# imported where they are used: a cold `diarium search` for a case number has no word to
# suggest for and should not pay for them (about 90 ms).

#: Shorter words are left alone: one edit in a short word is another word.
MIN_WORD = 4
#: Definite endings (and their genitives) that the stemmer leaves on, and whether they
#: follow a vowel: "förskola-n", "förskola-ns", "område-t", "bygglov-et", "bygglov-ets".
DEFINITE_ENDINGS = (
    ("n", True),
    ("ns", True),
    ("t", True),
    ("ts", True),
    ("et", False),
    ("ets", False),
)
VOWELS = frozenset("aeiouyåäöé")
#: How often (seconds) the records folder is checked for changes.
RECHECK_SECONDS = 5.0

_LETTERS = re.compile(r"[^\W\d_]+")


def suggestion_distance(word: str) -> int:
    return 1 if len(word) <= 6 else 2


class Vocabulary:
    """Words and stems of a set of texts."""

    def __init__(self, texts: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(w.lower() for w in _LETTERS.findall(text) if len(w) >= 3)
        self.counts = counts
        self.words = list(counts)
        from search.matching import stem

        self.stems = {stem(word) for word in counts}
        # One string of all words, for finding a word inside compounds at C speed.
        self._joined = "\n".join(self.words)

    def knows(self, word: str) -> bool:
        """Whether the archive has the word or an inflection of it.

        The Snowball stemmer keeps the definite endings of words that end in a vowel and of
        neuters ("förskolan" stays whole while "förskola" becomes "förskol"; "bygglovet"
        stays whole), so an archived word plus such an ending is known too.
        """
        from search.matching import stem

        lowered = word.lower()
        if lowered in self.counts or stem(lowered) in self.stems:
            return True
        for ending, after_vowel in DEFINITE_ENDINGS:
            base = lowered.removesuffix(ending)
            if base == lowered or len(base) < MIN_WORD or (base[-1] in VOWELS) != after_vowel:
                continue
            if base in self.counts:
                return True
        return False

    def in_compound(self, word: str) -> bool:
        """Whether the word is part of a longer archived word ("bostad", "bostadsbrist")."""
        return word.lower() in self._joined

    def closest(self, word: str) -> str | None:
        """The most frequent archived word within the typo distance of `word`."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        lowered = word.lower()
        distance = suggestion_distance(lowered)
        found = process.extract(
            lowered,
            self.words,
            scorer=Levenshtein.distance,
            score_cutoff=distance,
            limit=20,
        )
        if not found:
            return None
        best, _, _ = min(found, key=lambda item: (item[1], -self.counts[item[0]], item[0]))
        return str(best)

    def suggest(self, query: str) -> str | None:
        """The query with each unknown word replaced by its closest archived word, if any."""
        from rapidfuzz.distance import Levenshtein

        parts: list[str] = []
        position = 0
        changed = False
        for match in suggestable_words(query):
            start, end = match.span()
            word = match.group()
            if self.knows(word):
                continue
            replacement = self.closest(word)
            if replacement is None or replacement == word.lower():
                continue
            # The search finds compound parts, so a part is no typo, unless a word one edit
            # away explains it better ("samverkansmodel" is in "samverkansmodellen", but
            # "samverkansmodell" is what was meant).
            if self.in_compound(word) and Levenshtein.distance(word.lower(), replacement) > 1:
                continue
            if word[0].isupper():
                replacement = replacement[0].upper() + replacement[1:]
            parts.append(query[position:start])
            parts.append(replacement)
            position = end
            changed = True
        if not changed:
            return None
        parts.append(query[position:])
        return "".join(parts)


def suggestable_words(query: str) -> list[re.Match[str]]:
    """The words of `query` that a suggestion may replace: runs of at least `MIN_WORD`
    letters outside the case numbers it names. Without any, there is nothing to suggest and
    the archive's vocabulary need not be read (a search for a case number)."""
    protected = [(m.start, m.end) for m in find_in_query(query)]
    return [
        match
        for match in _LETTERS.finditer(query)
        if len(match.group()) >= MIN_WORD and not any(s <= match.start() < e for s, e in protected)
    ]


class ArchiveVocabulary:
    """The vocabulary of an archive's readable documents, rebuilt when the records change."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._lock = threading.Lock()
        self._vocabulary: Vocabulary | None = None
        self._stamp: int | None = None
        self._checked = 0.0

    def get(self) -> Vocabulary:
        with self._lock:
            now = time.monotonic()
            if self._vocabulary is not None and now - self._checked < RECHECK_SECONDS:
                return self._vocabulary
            self._checked = now
            stamp = self._records_stamp()
            if self._vocabulary is None or stamp != self._stamp:
                self._vocabulary = Vocabulary(self._texts())
                self._stamp = stamp
            return self._vocabulary

    def _records_stamp(self) -> int:
        # Records are written to a temporary file and renamed into the folder, and removed
        # from it: every change updates the folder's mtime.
        try:
            return self.archive.records_dir.stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def _texts(self) -> Iterable[str]:
        # Only what a reader may see: a document kept out of the index as secret under OSL
        # must not lend its words (a name, a diagnosis) to "Menade du …?".
        from extractors.personal_data import withheld_from_index

        policy = settings.masking_policy()
        for record in self.archive.iter_records():
            if record.get("status") != "ok" or withheld_from_index(record, policy):
                continue
            title = (record.get("extraction") or {}).get("title") or ""
            yield f"{title}\n{record.get('text') or ''}"


def checked_suggestion(vocabulary: Vocabulary, backend: Any, query: SearchQuery) -> str | None:
    """'Menade du …?' for `query`: its unknown words replaced by archived ones, offered only
    when that finds something under the same filters. The web page and the CLI both ask
    here, so they suggest the same."""
    if not query.text.strip():
        return None
    suggestion = vocabulary.suggest(query.text)
    if suggestion is None:
        return None
    check = dataclasses.replace(query, text=suggestion, limit=1, offset=0, facets=False)
    return suggestion if backend.search(check).total > 0 else None
