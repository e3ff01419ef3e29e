"""The Meilisearch index settings for Diarium, declared once, and the data they are built from.

`INDEX_SETTINGS` is sent as it is to `PATCH /indexes/{uid}/settings` (Meilisearch ≥ 1.15, for
`typoTolerance.disableOnNumbers`; `localizedAttributes` with the Swedish pipeline, where å, ä
and ö stay letters of their own, needs ≥ 1.11: earlier versions fold them to a and o).
tests/test_meilisearch_server.py checks that a 1.21 server stores every setting as sent. Every document in the index is one *chunk* of a
Diarium document (a section or a run of paragraphs, see `search.meilisearch_backend`), so
`distinctAttribute` groups the chunks back into one hit per document.

>>> INDEX_SETTINGS["typoTolerance"]["minWordSizeForTypos"]
{'oneTypo': 5, 'twoTypos': 9}
>>> SYNONYMS["ks"][:2], "ks" in SYNONYMS["kommunstyrelsen"]
(['kommunstyrelse', 'kommunstyrelsen'], True)
"""

from __future__ import annotations

import re
from typing import Any, Final

from extractors.committees import bodies, surface_forms
from search.query import MIN_FUZZY2_LENGTH, MIN_FUZZY_LENGTH
from search.stop_words import SWEDISH_STOP_WORDS

#: The primary key of the index: one value per chunk, `<document id>-<chunk number>`.
PRIMARY_KEY: Final = "chunk_id"

#: Facet values per attribute; the same bound as the embedded engine's facets.
MAX_VALUES_PER_FACET: Final = 1000

#: The most hits a search can count or page through. Meilisearch caps `totalHits` at this
#: value, and Diarium reports totals, so it is set well above the default of 1000.
MAX_TOTAL_HITS: Final = 100_000


def _synonym_key(text: str) -> str:
    # Meilisearch tokenizes synonyms like queries: "KS-AU" and "KS AU" are the same words.
    return re.sub(r"[\s-]+", " ", text.lower()).strip()


def committee_synonyms() -> dict[str, list[str]]:
    """Abbreviations ↔ names of municipal bodies, from `extractors/data/bodies.json`.

    An abbreviation stands for every written form of its body ("SBN" → stadsbyggnadsnämnd,
    -nämnden, -nämndens), and each of those forms for the abbreviations, so both directions
    find each other.
    """
    synonyms: dict[str, set[str]] = {}
    for name, body in bodies().items():
        if not body.abbreviations:
            continue
        abbreviations = {_synonym_key(a) for a in body.abbreviations}
        forms = {_synonym_key(f) for f in surface_forms(name)} | {_synonym_key(name)}
        for abbreviation in abbreviations:
            synonyms.setdefault(abbreviation, set()).update(forms)
        for form in forms:
            synonyms.setdefault(form, set()).update(abbreviations)
    return {key: sorted(values - {key}) for key, values in sorted(synonyms.items())}


SYNONYMS: Final[dict[str, list[str]]] = committee_synonyms()

#: The index settings, in one place. Searchable attributes are ranked: a word in the title
#: outranks the same word in a case number, the body, or the Swedish expansions (compound
#: parts and base forms that Diarium adds per chunk, see `search.swedish`).
INDEX_SETTINGS: Final[dict[str, Any]] = {
    "searchableAttributes": ["title", "case_numbers", "body", "expansions"],
    "displayedAttributes": ["*"],
    "filterableAttributes": [
        "document_id",
        "chunk",
        "doc_type",
        "committees",
        "year",
        "case_numbers",
        "case_keys",
    ],
    "sortableAttributes": ["date", "year"],
    # "sort" first: a search sorted by date is in date order throughout; without a sort
    # parameter the rule does nothing and relevance decides.
    "rankingRules": ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    "distinctAttribute": "document_id",
    "faceting": {
        "maxValuesPerFacet": MAX_VALUES_PER_FACET,
        "sortFacetValuesBy": {"*": "count"},
    },
    "pagination": {"maxTotalHits": MAX_TOTAL_HITS},
    "synonyms": SYNONYMS,
    "typoTolerance": {
        "enabled": True,
        # The same policy as search.query.fuzzy_distance: no typo below five letters ("far",
        # "får", "fat" are three words), two typos from nine.
        "minWordSizeForTypos": {"oneTypo": MIN_FUZZY_LENGTH, "twoTypos": MIN_FUZZY2_LENGTH},
        # "TN-2019-3825" and "TN-2019-3826" are different cases, never a typo of each other.
        "disableOnAttributes": ["case_numbers"],
        "disableOnWords": [],
        # Nor are numbers in the text: "123456" is not "123457", "2019" not "2018" (Meilisearch
        # ≥ 1.15; without it a six-digit number matched its neighbours).
        "disableOnNumbers": True,
    },
    "localizedAttributes": [{"attributePatterns": ["*"], "locales": ["swe"]}],
    "stopWords": list(SWEDISH_STOP_WORDS),
}
