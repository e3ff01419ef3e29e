"""The Meilisearch backend's pure pieces, without a server: the settings constant, filter
escaping, chunking, chunk keys, snippet escaping, paging and facets.

What needs a server is in tests/test_search_contract.py (run when MEILI_URL is set).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from search import IndexDocument, QueryError, SearchHit, SearchQuery
from search.backend import leading_snippet
from search.meili_settings import INDEX_SETTINGS, SWEDISH_STOP_WORDS, SYNONYMS
from search.meili_text import (
    CHUNK_MAX_BYTES,
    MARK_END,
    MARK_START,
    _load_swedish,
    all_of,
    characteristic_terms,
    chunk_key,
    chunk_text,
    content_words,
    equals,
    filter_clauses,
    merge_facets,
    newest_first,
    one_of,
    page_window,
    quote,
    render_formatted,
    stale_chunks_filter,
    to_chunks,
)
from search.meilisearch_backend import MeiliConfig
from search.query import MIN_FUZZY2_LENGTH, MIN_FUZZY_LENGTH
from search.swedish import word_expansions

HOSTILE = [
    'x" OR doc_type = "y',
    'tekniska nämnden" OR committees EXISTS OR x = "',
    "a\\",
    'a\\" OR b = "c',
    '\\"',
    "\\\\\\",
    "kf' OR 'a' = 'a",
    ") OR (year > 0",
    "NOT IN [] TO EXISTS",
    "rad ett\nrad två\t\\n",
    "",
]


def read_quoted(expression: str) -> tuple[str, str]:
    """The value of the double-quoted literal at the start of `expression`, and the rest.

    Meilisearch's filter grammar (crates/filter-parser/src/value.rs): the literal ends at the
    first double quote not preceded by a backslash; `\\"` becomes `"`, then `\\\\` becomes `\\`.
    Any other escape is an error here: quote() must never produce one.
    """
    assert expression.startswith('"')
    value: list[str] = []
    i = 1
    while i < len(expression):
        char = expression[i]
        if char == '"':
            return "".join(value), expression[i + 1 :]
        if char == "\\":
            escaped = expression[i + 1]
            assert escaped in '"\\', f"unexpected escape \\{escaped}"
            value.append(escaped)
            i += 2
            continue
        value.append(char)
        i += 1
    raise AssertionError(f"unterminated literal: {expression!r}")


# -- the settings constant ------------------------------------------------------------------


def test_settings_declare_ranked_searchable_and_filterable_attributes() -> None:
    assert INDEX_SETTINGS["searchableAttributes"] == ["title", "case_numbers", "body", "expansions"]
    assert set(INDEX_SETTINGS["filterableAttributes"]) == {
        "doc_type",
        "committees",
        "year",
        "case_numbers",
        "case_keys",
        "document_id",
        "chunk",
    }
    assert INDEX_SETTINGS["sortableAttributes"] == ["date", "year"]
    # Sorting by date orders the whole result; without a sort, relevance decides.
    assert INDEX_SETTINGS["rankingRules"][0] == "sort"
    assert INDEX_SETTINGS["distinctAttribute"] == "document_id"
    assert INDEX_SETTINGS["faceting"]["maxValuesPerFacet"] >= 100
    assert INDEX_SETTINGS["localizedAttributes"] == [
        {"attributePatterns": ["*"], "locales": ["swe"]}
    ]
    # Sent as JSON: every value must survive a round trip unchanged.
    assert json.loads(json.dumps(INDEX_SETTINGS)) == INDEX_SETTINGS


def test_typo_tolerance_follows_the_query_policy_and_spares_case_numbers() -> None:
    typo = INDEX_SETTINGS["typoTolerance"]
    assert typo["enabled"] is True
    assert typo["minWordSizeForTypos"] == {
        "oneTypo": MIN_FUZZY_LENGTH,
        "twoTypos": MIN_FUZZY2_LENGTH,
    }
    assert (MIN_FUZZY_LENGTH, MIN_FUZZY2_LENGTH) == (5, 9)
    assert typo["disableOnAttributes"] == ["case_numbers"]


def test_swedish_stop_words_keep_far_and_far() -> None:
    stop = set(INDEX_SETTINGS["stopWords"])
    assert stop == set(SWEDISH_STOP_WORDS)
    assert {"och", "att", "som", "för", "på", "är"} <= stop
    # Content words an officer searches for are never stop words.
    assert not stop & {"får", "far", "beslut", "nämnd", "sitta", "kommun", "ks", "tn"}


@pytest.mark.parametrize(
    ("abbreviation", "name"),
    [
        ("ks", "kommunstyrelsen"),
        ("sbn", "stadsbyggnadsnämnden"),
        ("tn", "tekniska nämnden"),
        ("kf", "kommunfullmäktige"),
        ("ks au", "kommunstyrelsens arbetsutskott"),
    ],
)
def test_synonyms_link_abbreviations_and_names_both_ways(abbreviation: str, name: str) -> None:
    assert name in SYNONYMS[abbreviation]
    assert abbreviation in SYNONYMS[name]
    assert INDEX_SETTINGS["synonyms"] is SYNONYMS


def test_synonyms_cover_inflected_names_and_are_normalized() -> None:
    assert "ks" in SYNONYMS["kommunstyrelsens"]
    assert {"stadsbyggnadsnämnd", "stadsbyggnadsnämndens"} <= set(SYNONYMS["sbn"])
    for key, values in SYNONYMS.items():
        assert key == key.lower() and "-" not in key and "  " not in key
        assert key not in values and values == sorted(values)
    assert "ks-au" not in SYNONYMS  # written "ks au": the same words to Meilisearch


# -- configuration --------------------------------------------------------------------------


def test_config_from_environment() -> None:
    config = MeiliConfig.from_env(
        {
            "MEILI_URL": " http://127.0.0.1:7700 ",
            "MEILI_API_KEY": "admin",
            "MEILI_SEARCH_KEY": "reader",
        }
    )
    assert (config.url, config.api_key, config.search_key) == (
        "http://127.0.0.1:7700",
        "admin",
        "reader",
    )
    assert config.index_uid == "diarium_documents"
    assert MeiliConfig.from_env({"MEILI_URL": "http://m", "MEILI_INDEX": "x"}).index_uid == "x"
    with pytest.raises(Exception, match="MEILI_URL is not set"):
        MeiliConfig.from_env({"MEILI_API_KEY": "admin"})


# -- filter escaping ------------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_a_quoted_value_is_one_literal_whatever_it_holds(value: str) -> None:
    assert read_quoted(quote(value)) == (value, "")


@pytest.mark.parametrize("value", [v for v in HOSTILE if v.strip()])
def test_a_hostile_committee_stays_one_comparison(value: str) -> None:
    (clause,) = filter_clauses(SearchQuery(committee=value))
    attribute, operator, rest = clause.split(" ", 2)
    assert (attribute, operator) == ("committees", "=")
    assert read_quoted(rest) == (value.strip().lower(), "")


def test_filter_expressions() -> None:
    query = SearchQuery(
        doc_type=" Protokoll ",
        committee="Tekniska nämnden",
        year=2024,
        case_number="tn 2019/3825",
    )
    assert filter_clauses(query) == [
        'doc_type = "protokoll"',
        'committees = "tekniska nämnden"',
        "year = 2024",
        'case_keys = "TN-2019-3825"',
    ]
    assert all_of(['a = "1"', None, "b = 2"]) == '(a = "1") AND (b = 2)'
    assert all_of([]) is None
    assert one_of("document_id", ['a"', "b"]) == 'document_id IN ["a\\"", "b"]'
    assert filter_clauses(SearchQuery()) == []


def test_filter_values_must_be_strings_or_integers() -> None:
    with pytest.raises(QueryError):
        filter_clauses(SearchQuery(year="2020 OR year > 0"))  # type: ignore[arg-type]
    with pytest.raises(QueryError):
        filter_clauses(SearchQuery(year=True))
    with pytest.raises(QueryError):
        equals("year", 2020.5)  # type: ignore[arg-type]


# -- chunks ---------------------------------------------------------------------------------


def test_short_text_is_one_chunk_and_empty_text_one_empty_chunk() -> None:
    assert chunk_text("Kommunstyrelsen beslutar.") == ["Kommunstyrelsen beslutar."]
    assert chunk_text("") == [""]
    assert chunk_text("\n\n  \f ") == [""]


def test_long_text_is_cut_at_paragraphs_within_the_byte_limit() -> None:
    paragraph = "Nämnden föreslår att kommunfullmäktige beslutar om ökad samverkan. " * 20
    text = "\n\n".join(f"{paragraph}Stycke {n}." for n in range(12))
    chunks = chunk_text(text)
    assert len(chunks) > 2
    assert all(len(c.encode("utf-8")) <= CHUNK_MAX_BYTES for c in chunks)
    # Nothing is lost: every paragraph is in exactly one chunk, in order.
    found = [int(m) for c in chunks for m in re.findall(r"Stycke (\d+)\.", c)]
    assert found == list(range(12))


def test_a_paragraph_without_breaks_is_cut_at_sentences_then_anywhere() -> None:
    sentences = " ".join(f"Mening nummer {n} om åtgärder för ökad trygghet." for n in range(400))
    chunks = chunk_text(sentences, max_bytes=1000)
    assert all(len(c.encode("utf-8")) <= 1000 for c in chunks)
    assert all(c.endswith(".") for c in chunks)
    assert " ".join(chunks) == sentences
    word = "ö" * 3000  # two bytes a letter, no space anywhere
    cut = chunk_text(word, max_bytes=1000)
    assert "".join(cut) == word and all(len(c.encode("utf-8")) <= 1000 for c in cut)


def test_sections_start_new_chunks() -> None:
    body = "Ärendet gäller detaljplan för Bolsheden. " * 30
    text = f"§ 43 Årsredovisning\n\n{body}\n\n§ 44 Delegering\n\n{body}\n\n# Bilagor\n\n{body}"
    chunks = chunk_text(text)
    assert [c.split("\n", 1)[0] for c in chunks] == [
        "§ 43 Årsredovisning",
        "§ 44 Delegering",
        "# Bilagor",
    ]


def test_protocol_from_the_corpus_is_chunked_per_paragraph(corpus_dir: Path) -> None:
    path = corpus_dir / "kungsbacka" / "ks-au_2024-02-06_protokoll.md"
    if not path.is_file():
        pytest.skip(f"{path} not in the corpus")
    text = path.read_text(encoding="utf-8")
    chunks = chunk_text(text)
    assert len(chunks) > 5
    assert all(len(c.encode("utf-8")) <= CHUNK_MAX_BYTES for c in chunks)
    assert sum(c.startswith("§") for c in chunks) >= 5
    assert sorted(re.findall(r"\w+", " ".join(chunks))) == sorted(re.findall(r"\w+", text))


@pytest.mark.parametrize(
    "pairs",
    [
        [("a", 10), ("a-1", 0)],
        [("a-1", 0), ("a", 1)],
        [("får", 0), ("f_0000e5r", 0), ("f-r", 0)],
        [("x_y", 0), ("x y", 0), ("x/y", 0)],
        [("ö" * 300, 0), ("ö" * 301, 0)],
    ],
)
def test_chunk_keys_are_valid_and_never_collide(pairs: list[tuple[str, int]]) -> None:
    keys = [chunk_key(doc_id, number) for doc_id, number in pairs]
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", key) and len(key.encode()) <= 511


def test_archive_ids_keep_their_readable_keys() -> None:
    assert chunk_key("9d0ea22ed9efec86", 3) == "9d0ea22ed9efec86-3"


def test_document_to_chunks_carries_normalized_metadata() -> None:
    document = IndexDocument(
        id="doc",
        source="file:///a.txt",
        title=f"Tit{MARK_START}el",
        doc_type=" Tjänsteskrivelse ",
        date="2024-03-04",
        year=2024,
        committees=["Tekniska nämnden", "tekniska nämnden", " "],
        case_numbers=["tn 2024/1021", "TN-2024-1021"],
        text=("Trafiknämnden beslutar om cykelbanor. " * 200) + f"Slut{MARK_END}.",
    )
    chunks = to_chunks(document, expand=lambda text: f"{len(text)}")
    assert len(chunks) > 1
    assert [c["chunk_id"] for c in chunks] == [f"doc-{n}" for n in range(len(chunks))]
    first = chunks[0]
    assert first["document_id"] == "doc" and first["chunk"] == 0
    assert first["doc_type"] == "tjänsteskrivelse"
    assert first["committees"] == ["tekniska nämnden"]
    assert first["case_numbers"] == ["TN-2024-1021"]
    assert first["case_keys"] == ["TN-2024-1021", "2024-1021"]
    assert (first["date"], first["year"], first["title"]) == ("2024-03-04", 2024, "Titel")
    assert all(c["expansions"] == str(len("Titel\n" + c["body"])) for c in chunks)
    # The highlight tags cannot come from the text.
    assert not any(MARK_START in c["body"] or MARK_END in c["body"] for c in chunks)
    undated = to_chunks(IndexDocument("u", "", "", "", None, None, [], [], ""))
    assert "date" not in undated[0] and "year" not in undated[0]
    assert "expansions" not in undated[0] and undated[0]["body"] == ""


# -- snippets -------------------------------------------------------------------------------


def test_highlighted_text_is_escaped_and_marked() -> None:
    formatted = f'Svar: <script>alert(1)</script> & "{MARK_START}nämnden{MARK_END}" beslutar.'
    assert render_formatted(formatted) == (
        "Svar: &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
        "&quot;<mark>nämnden</mark>&quot; beslutar."
    )
    # Tags around escaped text, and whitespace runs from PDF lines collapsed.
    assert render_formatted(f"a\n\n  {MARK_START}<b>{MARK_END}\tc") == "a <mark>&lt;b&gt;</mark> c"


def test_leading_snippet_is_escaped_and_cut_at_a_word() -> None:
    text = "Texten <b>börjar</b> här. " * 30
    snippet = leading_snippet(text)
    assert snippet.startswith("Texten &lt;b&gt;börjar&lt;/b&gt; här.")
    assert snippet.endswith(" …") and "<" not in snippet


# -- paging, facets and query words ---------------------------------------------------------


@pytest.mark.parametrize(("offset", "limit"), [(0, 10), (20, 10), (5, 10), (3, 1), (7, 0)])
def test_page_window_covers_the_requested_hits(offset: int, limit: int) -> None:
    page, per_page, skip = page_window(offset, limit)
    start = (page - 1) * per_page + skip
    end = page * per_page
    assert (start, end - start) == ((offset, limit) if limit else (0, 0))


def test_facets_of_disjoint_searches_add_up() -> None:
    merged = merge_facets(
        {"doc_type": {"protokoll": 2}, "committees": {"kommunstyrelsen": 1}, "year": {"2024": 2}},
        {"doc_type": {"protokoll": 1, "yttrande": 1}, "year": {"2024.0": 1}},
        None,
    )
    assert merged == {
        "doc_type": {"protokoll": 3, "yttrande": 1},
        "committee": {"kommunstyrelsen": 1},
        "year": {"2024": 3},
    }


def test_stale_chunks_are_deleted_by_one_filter_per_batch() -> None:
    expression = stale_chunks_filter({"a": 3, 'b"': 1, "c": 3})
    assert expression == (
        '((document_id IN ["a", "c"]) AND (chunk >= 3)) OR '
        '((document_id IN ["b\\""]) AND (chunk >= 1))'
    )


def test_newest_first_puts_undated_last_and_keeps_ties() -> None:
    hits = [
        SearchHit(id=i, source="", title="", doc_type="", date=d, score=0.0, snippet="")
        for i, d in [
            ("u", None),
            ("old", "2019-01-01"),
            ("new", "2024-05-01"),
            ("old2", "2019-01-01"),
        ]
    ]
    assert [h.id for h in newest_first(hits)] == ["new", "old", "old2", "u"]


def test_characteristic_terms_are_frequent_content_words() -> None:
    text = (
        "Kommunen planerar cykelbanor. Cykelbanor och trafik, trafik och buss i kommunen. "
        "Att det är så."
    )
    assert characteristic_terms(text) == ["cykelbanor", "kommunen", "trafik"]
    assert characteristic_terms("Ett ord en gång.") == []
    many = [f"ord{chr(97 + n % 26)}{chr(97 + n // 26)}" for n in range(50)]
    assert len(characteristic_terms(" ".join(many * 2))) == 20


def test_content_words_drop_stop_words_and_repeats() -> None:
    assert content_words(["Beslut", "om", "beslut", "får", "och", "Samverkan"]) == [
        "beslut",
        "får",
        "samverkan",
    ]


def test_query_words_are_sent_as_the_base_form_the_documents_index() -> None:
    query_word = _load_swedish().query_word
    # A document with "nämnden" or "nämndens" indexes "nämnd" in its expansions.
    assert {query_word(w) for w in ("nämnden", "nämndens", "nämnd")} == {"nämnd"}
    assert query_word("Strandskyddet") == "strandskydd"
    # Whatever the lexicon says, the word sent is one that a document with the word holds.
    for word in ("nämnder", "beslutet", "områdena", "bostäder", "samverkansprocesser"):
        sent = query_word(word)
        assert sent == word or sent in word_expansions(word), word
    # Base forms stay as they are, whatever else the lexicon makes of them.
    assert (query_word("får"), query_word("far"), query_word("Nämnd")) == ("får", "far", "nämnd")
    assert query_word("samverkansmodel") == "samverkansmodel"  # a typo is left to the engine
