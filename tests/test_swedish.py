"""Swedish word knowledge for search, on words from the corpus."""

from __future__ import annotations

import pytest

from search.swedish import (
    abbreviation_synonyms,
    expansion_text,
    lemma,
    query_compound_parts,
    split_compound,
    word_expansions,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("strandskyddet", "strandskydd"),  # compound + definite neuter: Snowball keeps "-et"
        ("nämndens", "nämnd"),
        ("nämnderna", "nämnd"),
        ("områdeslyftet", "områdeslyft"),
        ("detaljplanen", "detaljplan"),
        ("yttrandet", "yttrande"),
        ("beslutet", "beslut"),  # the lookup table says "besluten"; the -et rule corrects it
        ("samhället", "samhälle"),
        ("Kommunstyrelsens", "kommunstyrelse"),
        ("Rosengård", "rosengård"),  # unknown proper noun: unchanged
    ],
)
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("bostadsunderskott", ["bostad", "underskott"]),
        ("samverkansprocesser", ["samverkan", "process"]),
        ("stadsbyggnadsnämnden", ["stadsbyggnad", "nämnd"]),
        ("tjänsteskrivelse", ["tjänst", "skrivelse"]),
        ("trygghetsskapande", ["trygghet", "skapande"]),
        ("sammanträdesprotokoll", ["sammanträde", "protokoll"]),
        ("bygglovshandläggare", ["bygglov", "handläggare"]),
    ],
)
def test_split_compound(word: str, parts: list[str]) -> None:
    assert split_compound(word) == parts


@pytest.mark.parametrize("word", ["kommunen", "samhället", "Rosengård", "och", "2023", "SBN"])
def test_simple_words_are_not_split(word: str) -> None:
    assert split_compound(word) is None


def test_expansions_let_parts_find_compounds_but_not_short_noise() -> None:
    terms = expansion_text("Malmö har dock sedan flera år tillbaka ett bostadsunderskott.").split()
    assert {"bostad", "underskott"} <= set(terms)
    assert "stad" in word_expansions("stadsbyggnadsnämnden")  # the modifier splits again
    # "förfarande" is one word: splitting heads again would make "far" match it.
    assert word_expansions("dispensförfarande") == ("dispens", "förfarande")
    assert all(len(t) >= 4 for t in expansion_text("ordföranden föreslår ett förfarande").split())


def test_query_compounds_forgive_a_typo_in_the_head() -> None:
    assert query_compound_parts("samverkansmodel") == ("samverkan", "modell")
    assert query_compound_parts("Lindägen") == ()  # short modifier: no guessing


def test_abbreviations_map_to_canonical_bodies() -> None:
    synonyms = abbreviation_synonyms()
    assert synonyms["ks"] == "kommunstyrelsen"
    assert synonyms["sbn"] == "stadsbyggnadsnämnden"
    assert synonyms["tn"] == "tekniska nämnden"
    assert synonyms["kf"] == "kommunfullmäktige"
