"""Swedish stop words: one list for both engines (Meilisearch's `stopWords` and the words its
queries and "more like this" leave out, and the embedded engine's "more like this")."""

from __future__ import annotations

from typing import Final

#: Swedish function words that carry no meaning in a search, from the Snowball project's
#: Swedish stop-word list (https://snowballstem.org/algorithms/swedish/stop.txt) without
#: "sitta", which is a content word. Not spaCy's list (the embedded engine's "more like this" used it): that one holds "får", and "får" must
#: stay searchable and distinct from "far".
SWEDISH_STOP_WORDS: Final[tuple[str, ...]] = (
    "alla", "allt", "att", "av", "blev", "bli", "blir", "blivit", "de", "dem", "den",
    "denna", "deras", "dess", "dessa", "det", "detta", "dig", "din", "dina", "ditt", "du",
    "där", "då", "efter", "ej", "eller", "en", "er", "era", "ert", "ett", "från", "för",
    "ha", "hade", "han", "hans", "har", "henne", "hennes", "hon", "honom", "hur", "här",
    "i", "icke", "ingen", "inom", "inte", "jag", "ju", "kan", "kunde", "man", "med",
    "mellan", "men", "mig", "min", "mina", "mitt", "mot", "mycket", "ni", "nu", "när",
    "någon", "något", "några", "och", "om", "oss", "på", "samma", "sedan", "sig", "sin",
    "sina", "skulle", "som", "så", "sådan", "sådana", "sådant", "till", "under", "upp",
    "ut", "utan", "vad", "var", "vara", "varför", "varit", "varje", "vars", "vart", "vem",
    "vi", "vid", "vilka", "vilkas", "vilken", "vilket", "vår", "våra", "vårt", "än", "är",
    "åt", "över",
)  # fmt: skip
