"""Swedish word knowledge for search, on words from the corpus."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from search import swedish
from search.swedish import (
    abbreviation_synonyms,
    expansion_text,
    lemma,
    lexicon,
    lexicon_cache_path,
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


def test_real_lexicon_is_mapped_with_forms_and_lemmas() -> None:
    lex = lexicon()
    assert lex.is_lemma("nämnd") and "nämnd" in lex.lemmas
    assert lex.form_lemma("nämndens") == "nämnd" and lex.forms["nämndens"] == "nämnd"
    assert lex.form_lemma("xyzzy") is None and "xyzzy" not in lex.forms
    assert lex.lemma_prefixes("stadsbyggnadsnämnden")[-2:] == ["stad", "stadsbyggnad"]


# -- the compact file: built once, rebuilt when the table changes, never required --------------

TABLE = {"Nämnden": "nämnd", "nämnder": "nämnd", "beslutet": "besluten", "stad": "stad"}


@pytest.fixture
def small_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A small table in the real format in place of spacy-lookups-data's, and a fresh cache
    directory; the real lexicon is mapped again after the test."""
    source = tmp_path / "sv_lemma_lookup.json.gz"
    source.write_bytes(gzip.compress(json.dumps(TABLE).encode()))
    monkeypatch.setattr(swedish, "_lexicon_source", lambda: source)
    monkeypatch.setenv("DIARIUM_CACHE_DIR", str(tmp_path / "cache"))
    lexicon.cache_clear()
    yield source
    lexicon.cache_clear()


def test_compact_lexicon_is_built_once_then_mapped(
    small_table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lex = lexicon()
    path = lexicon_cache_path(small_table)
    assert path.is_file()
    assert lex.form_lemma("nämnden") == "nämnd"  # forms are lower-cased like queries
    assert lex.is_lemma("besluten") and not lex.is_lemma("beslutet")
    assert lex.form_lemma("stad") == "stad" and lex.knows("nämnder")

    def no_build(source: Path) -> bytes:
        raise AssertionError("built again")

    monkeypatch.setattr(swedish, "build_compact_lexicon", no_build)
    lexicon.cache_clear()
    assert lexicon().form_lemma("nämnder") == "nämnd"


def test_compact_lexicon_is_rebuilt_when_the_table_changes(small_table: Path) -> None:
    lexicon()
    old = lexicon_cache_path(small_table)
    small_table.write_bytes(gzip.compress(json.dumps({**TABLE, "nämndernas": "nämnd"}).encode()))
    lexicon.cache_clear()
    assert lexicon().form_lemma("nämndernas") == "nämnd"
    assert lexicon_cache_path(small_table) != old and not old.exists()


def test_damaged_compact_lexicon_is_rebuilt(small_table: Path) -> None:
    path = lexicon_cache_path(small_table)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"DIARLEX")  # cut short, as by a full disk before atomic writes
    assert lexicon().form_lemma("nämnder") == "nämnd"
    assert path.stat().st_size > 7


def test_lexicon_without_a_writable_cache_is_built_in_memory(
    small_table: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("DIARIUM_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert lexicon().form_lemma("nämnder") == "nämnd"
