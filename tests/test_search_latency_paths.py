"""The tantivy backend's faster query path: snippets found by searching the stored body
instead of tokenizing it, facets on request, one pass for listings, reloads only after a
commit. Behaviour only; timings live in benchmarks/search.py."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import search.tantivy_backend as tantivy_backend
from search import SearchQuery
from search.backend import SNIPPET_CHARS, leading_snippet
from search.matching import _expansion_stems, _stems, compound_carriers, lowered, term_matches
from search.tantivy_backend import TantivyBackend
from tests.search_fixtures import doc

_WHITESPACE = re.compile(r"\s+")
FILLER = "Förvaltningen redovisar arbetet under året i enlighet med uppdraget. "


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[TantivyBackend]:
    engine = TantivyBackend(tmp_path / "index")
    yield engine
    engine.close()


def only_hit(backend: TantivyBackend, text: str) -> str:
    (hit,) = backend.search(SearchQuery(text=text)).hits
    return hit.snippet


def marked(snippet: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", snippet)


# -- snippets ----------------------------------------------------------------------------------


def test_the_passage_that_matched_deep_in_a_long_document(backend: TantivyBackend) -> None:
    body = FILLER * 400 + "Slutbesiktning av lekplatsen sker i maj. " + FILLER * 400
    backend.upsert([doc("lång", body)])
    snippet = only_hit(backend, "slutbesiktning")
    assert marked(snippet) == ["Slutbesiktning"]
    text = html.unescape(snippet.replace("<mark>", "").replace("</mark>", ""))
    assert len(text) <= SNIPPET_CHARS and "lekplatsen" in text
    # Cut between words: the passage starts and ends with whole words of the body.
    assert text.split(" ")[0] in body.split() and text.split(" ")[-1] in body.split()


def test_the_passage_with_the_rarest_words_wins(backend: TantivyBackend) -> None:
    # "budget" is in every document, "gatubelysning" in one: the passage with both wins
    # over one that only repeats the common word.
    rare = "Budget för gatubelysning längs cykelvägen. "
    body = "Budget och budget, budget igen. " + FILLER * 10 + rare + FILLER * 10
    backend.upsert([doc("a", body)] + [doc(f"x{n}", f"Budget {n}.") for n in range(5)])
    result = backend.search(SearchQuery(text="budget gatubelysning"))
    assert [h.id for h in result.hits] == ["a"]
    assert {m.lower() for m in marked(result.hits[0].snippet)} == {"budget", "gatubelysning"}


def test_only_whole_words_with_the_stem_are_marked(backend: TantivyBackend) -> None:
    backend.upsert([doc("a", "Nämnden och nämnder; stadsbyggnadsnämnden, kunämndare, nämnd.")])
    assert marked(only_hit(backend, "nämnd")) == ["Nämnden", "nämnder", "nämnd"]


def test_a_typo_marks_the_near_miss(backend: TantivyBackend) -> None:
    backend.upsert([doc("a", FILLER * 5 + "Trafikplanen för centrum antogs. " + FILLER * 5)])
    assert marked(only_hit(backend, "trafikplanne")) == ["Trafikplanen"]


def test_a_compound_part_marks_the_compound(backend: TantivyBackend) -> None:
    backend.upsert([doc("a", FILLER * 5 + "Bostadsunderskottet växer i kommunen. " + FILLER)])
    assert marked(only_hit(backend, "bostad")) == ["Bostadsunderskottet"]


def test_case_number_parts_are_marked(backend: TantivyBackend) -> None:
    backend.upsert(
        [
            doc(
                "a",
                FILLER * 5 + "Ärende TN-2019-3825 gäller cykelbanor.",
                case_numbers=["TN-2019-3825"],
            )
        ]
    )
    assert marked(only_hit(backend, "tn 2019/3825")) == ["TN", "2019", "3825"]


def test_offsets_survive_letters_whose_lower_case_is_longer(backend: TantivyBackend) -> None:
    backend.upsert([doc("a", "İİİ İstanbul-resan och nämnden beslutade.")])
    assert marked(only_hit(backend, "nämnden")) == ["nämnden"]
    assert len(lowered("İİİ nämnden")) == len("İİİ nämnden")


def test_term_matches_finds_tokens_by_stem_not_by_substring() -> None:
    low = "processen, delprocess och processer; processerna."
    assert [low[s:e] for s, e, _ in term_matches(low, ["process"])] == [
        "processen",
        "processer",
        "processerna",
    ]
    assert term_matches("", ["process"]) == [] and term_matches(low, []) == []


def old_compound_carriers(low: str, terms: frozenset[str]) -> set[str]:
    """The definition: every word of the text, its expansions looked up one by one."""
    return {
        stem
        for word in set(re.findall(r"[^\W\d_]+", low))
        if _expansion_stems(word) & terms
        for stem in _stems(word)
    }


def test_compound_carriers_reads_tokens_but_finds_what_every_word_would(
    corpus_dir: Path,
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus_dir / "seeds").glob("*.txt"))]
    texts.append("Stadsbyggnadsnämndens (bostads-)underskott; nämnd/förvaltning_x, 2024års.")
    queries = [{"nämnd"}, {"bostad"}, {"samverkan", "process"}, {"stad"}, {"xyzzy"}]
    for text in texts:
        low = lowered(text)
        for terms in map(frozenset, queries):
            assert set(compound_carriers(low, terms)) == old_compound_carriers(low, terms)


def old_leading_snippet(body: str, max_chars: int = SNIPPET_CHARS) -> str:
    text = _WHITESPACE.sub(" ", body).strip()
    if len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > 0 else max_chars] + " …"
    return html.escape(text)


@pytest.mark.parametrize(
    "body",
    [
        "",
        "Kort text.",
        FILLER * 20,
        "\n" * 5000 + "Texten börjar <b>först</b> här. " + FILLER * 3,
        " \t\n" * 300 + "x" * 900,
        "ord " * 49 + "\n\n\n   " * 200 + "slut",
    ],
)
def test_leading_snippet_reads_only_the_head_but_says_the_same(body: str) -> None:
    assert leading_snippet(body) == old_leading_snippet(body)


# -- facets, listings, reloads ---------------------------------------------------------------


def test_facets_can_be_left_out(backend: TantivyBackend) -> None:
    backend.upsert(
        [
            doc("a", "Parkering i centrum.", doc_type="beslut", year=2021),
            doc("b", "Parkering vid skolan.", doc_type="yttrande", year=2022),
        ]
    )
    full = backend.search(SearchQuery(text="parkering"))
    bare = backend.search(SearchQuery(text="parkering", facets=False))
    assert full.facets["doc_type"] == {"beslut": 1, "yttrande": 1}
    assert bare.facets == {}
    assert (bare.total, [h.id for h in bare.hits]) == (full.total, [h.id for h in full.hits])
    assert [h.snippet for h in bare.hits] == [h.snippet for h in full.hits]


def test_committee_facet_sums_combinations_and_falls_back_past_the_limit(
    backend: TantivyBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend.upsert(
        [
            doc("a", "Parkering.", committees=["kommunstyrelsen", "tekniska nämnden"]),
            doc("b", "Parkering.", committees=["Tekniska nämnden", "kommunstyrelsen"]),
            doc("c", "Parkering.", committees=["tekniska nämnden"]),
            doc("d", "Parkering.", committees=[]),
        ]
    )
    expected = {"tekniska nämnden": 3, "kommunstyrelsen": 2}
    assert backend.search(SearchQuery(text="parkering")).facets["committee"] == expected
    # More combinations than counted: each committee is counted on its own instead.
    monkeypatch.setattr(tantivy_backend, "COMMITTEE_SET_SIZE", 1)
    assert backend.search(SearchQuery(text="parkering")).facets["committee"] == expected


def test_a_listing_without_text_counts_in_the_same_pass(backend: TantivyBackend) -> None:
    backend.upsert(
        [doc(f"d{n}", "Text.", committees=["kommunstyrelsen"], year=2010 + n) for n in range(5)]
    )
    listing = backend.search(SearchQuery(committee="kommunstyrelsen", limit=2, offset=1))
    assert listing.total == 5 and [h.id for h in listing.hits] == ["d3", "d2"]
    nothing = backend.search(SearchQuery(committee="kommunstyrelsen", limit=0))
    assert nothing.total == 5 and nothing.hits == []


def test_several_case_numbers_in_one_query(backend: TantivyBackend) -> None:
    backend.upsert(
        [
            doc("tn", "Cykelbanor.", case_numbers=["TN-2019-3825"]),
            doc("ks", "Budget.", case_numbers=["KS-2023-855"]),
            doc("annat", "Annat.", case_numbers=["KS-2023-856"]),
        ]
    )
    found = backend.search(SearchQuery(text="TN 2019/3825 ks-2023-00855"))
    assert sorted(h.id for h in found.hits) == ["ks", "tn"]


def test_a_second_writer_in_the_same_process_is_seen_at_once(tmp_path: Path) -> None:
    reader = TantivyBackend(tmp_path / "index")
    writer = TantivyBackend(tmp_path / "index")
    try:
        assert reader.search(SearchQuery(text="parkering")).total == 0
        writer.upsert([doc("a", "Parkering i centrum.")])
        assert reader.search(SearchQuery(text="parkering")).total == 1
        writer.delete(["a"])
        assert reader.search(SearchQuery(text="parkering")).total == 0
    finally:
        reader.close()
        writer.close()


def test_the_search_command_loads_the_suggestions_without_the_web_page() -> None:
    # `diarium search` imports diarium.web.suggest for "Menade du …?"; the package must not
    # import FastAPI and the page with it (0.4 s and 70 MB of a cold search).
    import subprocess
    import sys

    code = (
        "import sys, diarium.web.suggest; "
        "print(sorted(m for m in ('fastapi', 'diarium.web.app') if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"
