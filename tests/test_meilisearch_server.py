"""What the Meilisearch backend assumes about its server, checked against a real one (1.21).

The contract suite (tests/test_search_contract.py) holds both engines to the same answers;
this file checks the Meilisearch-only ground they stand on: the settings the server
accepted, numbers and typos, the per-attribute word limit and the chunking around it,
`distinctAttribute` in hit and facet counts, the atomic rebuild, search-only and admin
keys, and failed tasks.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from search import IndexDocument, SearchError, SearchForbidden, SearchQuery, SearchUnavailable
from search.meili_settings import INDEX_SETTINGS
from search.meili_text import chunk_text
from search.meilisearch_backend import MeiliConfig, MeilisearchBackend
from tests.meili_server import MeiliServer
from tests.search_fixtures import doc


def _admin(server: MeiliServer) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.master_key}"}


@pytest.fixture
def meili(meili_server: MeiliServer, meili_index: str) -> Iterator[MeilisearchBackend]:
    backend = MeilisearchBackend(
        MeiliConfig(url=meili_server.url, api_key=meili_server.admin_key, index_uid=meili_index)
    )
    yield backend
    backend.close()


def _search_key(server: MeiliServer, index_uid: str) -> str:
    """A key that may only search, and only this index, made with the master key."""
    answer = requests.post(
        f"{server.url}/keys",
        headers=_admin(server),
        json={"actions": ["search"], "indexes": [index_uid], "expiresAt": None},
        timeout=10,
    )
    answer.raise_for_status()
    return str(answer.json()["key"])


def ids(backend: MeilisearchBackend, text: str = "", **filters: object) -> list[str]:
    result = backend.search(SearchQuery(text=text, limit=50, **filters))  # type: ignore[arg-type]
    return [hit.id for hit in result.hits]


def test_the_server_holds_every_index_setting(
    meili: MeilisearchBackend, meili_server: MeiliServer
) -> None:
    meili.upsert([doc("a", "text")])
    stored = requests.get(
        f"{meili_server.url}/indexes/{meili.index_uid}/settings",
        headers=_admin(meili_server),
        timeout=10,
    ).json()
    for name, value in INDEX_SETTINGS.items():
        if name == "typoTolerance":
            for key, setting in value.items():
                assert stored[name][key] == setting, key
        elif name in ("stopWords", "filterableAttributes", "sortableAttributes"):
            assert sorted(stored[name]) == sorted(value), name
        else:
            assert stored[name] == value, name


def test_numbers_are_never_typos(meili: MeilisearchBackend) -> None:
    meili.upsert(
        [doc("avtal", "Avtalet har nummer 123456 och gäller 2019."), doc("år", "Budget för 2018.")]
    )
    assert ids(meili, "123456") == ["avtal"]
    # Without typoTolerance.disableOnNumbers, six digits allowed one typo: 123457 found 123456.
    assert ids(meili, "123457") == []
    assert ids(meili, "2019") == ["avtal"] and ids(meili, "2018") == ["år"]


def test_swedish_letters_stay_apart_and_typos_still_work(meili: MeilisearchBackend) -> None:
    # localizedAttributes swe: å, ä and ö are letters of their own, not a and o.
    meili.upsert(
        [doc("får", "Nämnden får yttra sig."), doc("far", "Hans far bor här."), doc("mål", "Mål")]
    )
    assert ids(meili, "får") == ["får"] and ids(meili, "far") == ["far"]
    assert ids(meili, "mal") == [] and ids(meili, "mål") == ["mål"]
    assert ids(meili, "nämdnen") == ["får"]  # a typo in a long word is still forgiven


def test_a_document_beyond_the_per_attribute_word_limit_is_found_by_its_last_word(
    meili: MeilisearchBackend,
) -> None:
    # Meilisearch indexes at most 65,535 words of one attribute; a body past that would lose
    # its end if it were stored whole. Chunking keeps every chunk far below the limit.
    words = " ".join(f"ord{n % 997}" for n in range(70_000))
    text = f"{words}\n\nSista stycket: slutbesiktningen godkändes."
    assert len(chunk_text(text)) > 50
    meili.upsert([doc("lång", text, doc_type="protokoll"), doc("kort", "ord1 och ord2")])
    last = meili.search(SearchQuery(text="slutbesiktningen"))
    assert [h.id for h in last.hits] == ["lång"] and last.total == 1
    assert "<mark>slutbesiktningen</mark>" in last.hits[0].snippet
    assert meili.count() == 2 and meili.ids() == {"lång", "kort"}


def _long(doc_id: str, doc_type: str, committee: str, year: int) -> IndexDocument:
    """A document of many chunks, every one of which holds 'trygghetsvandring'."""
    section = "Trygghetsvandring i kvarteret och belysning längs gångvägarna. " * 60
    text = "\n\n".join(f"§ {n} Avsnitt\n\n{section}" for n in range(8))
    return doc(doc_id, text, doc_type=doc_type, committees=[committee], year=year)


def test_hits_and_facets_count_documents_not_chunks(meili: MeilisearchBackend) -> None:
    # Known Meilisearch issues (#2152, #4001, #4130) made facet and hit counts count every
    # document of the distinct attribute's group; on 1.21, with exhaustive (page-based)
    # counting, they count groups.
    documents = [
        _long("a", "protokoll", "kommunstyrelsen", 2021),
        _long("b", "protokoll", "tekniska nämnden", 2022),
        _long("c", "tjänsteskrivelse", "kommunstyrelsen", 2022),
    ]
    assert all(len(chunk_text(d.text)) >= 4 for d in documents)
    meili.upsert(documents)
    result = meili.search(SearchQuery(text="trygghetsvandring", limit=2))
    assert result.total == 3 and len(result.hits) == 2
    assert result.facets == {
        "doc_type": {"protokoll": 2, "tjänsteskrivelse": 1},
        "committee": {"kommunstyrelsen": 2, "tekniska nämnden": 1},
        "year": {"2022": 2, "2021": 1},
    }
    rest = meili.search(SearchQuery(text="trygghetsvandring", limit=2, offset=2))
    assert rest.total == 3 and len(rest.hits) == 1
    assert {h.id for h in result.hits + rest.hits} == {"a", "b", "c"}
    # The OR fallback (no document has both words) counts documents too.
    either = meili.search(SearchQuery(text="trygghetsvandring skattesatsen"))
    assert either.total == 3 and either.facets["doc_type"] == {
        "protokoll": 2,
        "tjänsteskrivelse": 1,
    }
    filtered = meili.search(SearchQuery(text="belysning", committee="kommunstyrelsen"))
    assert filtered.total == 2 and filtered.facets["year"] == {"2021": 1, "2022": 1}


def test_rebuild_swaps_the_new_index_in_while_readers_see_the_old_one(
    meili: MeilisearchBackend, meili_server: MeiliServer
) -> None:
    meili.upsert([doc("gammal", "Den gamla versionen av handlingen.")])
    reader = MeilisearchBackend(
        MeiliConfig(
            url=meili_server.url,
            search_key=_search_key(meili_server, meili.index_uid),
            index_uid=meili.index_uid,
        )
    )
    seen_during: list[list[str]] = []

    def documents() -> Iterator[IndexDocument]:
        yield doc("ny", "Den nya versionen av handlingen.")
        # Half-way through the rebuild, a reader still searches the old index.
        seen_during.append(ids(reader, "handlingen"))
        yield doc("annan", "En annan handling.")

    assert meili.rebuild(documents()) == 2
    assert seen_during == [["gammal"]]
    assert sorted(ids(reader, "handlingen")) == ["annan", "ny"]
    assert meili.ids() == {"ny", "annan"}
    # The staging index, holding the old content after the swap, is gone.
    indexes = requests.get(
        f"{meili_server.url}/indexes", headers=_admin(meili_server), params={"limit": 1000}
    ).json()["results"]
    assert [i["uid"] for i in indexes if i["uid"].startswith(f"{meili.index_uid}_")] == []
    reader.close()


def test_a_search_only_key_searches_and_counts_but_never_writes(
    meili: MeilisearchBackend, meili_server: MeiliServer
) -> None:
    meili.upsert(
        [
            doc("a", "Tekniska nämnden beslutar.", case_numbers=["TN-2019-3825"]),
            doc("b", "Kommunstyrelsen yttrar sig.", case_numbers=["TN-2019-3825"]),
        ]
    )
    key = _search_key(meili_server, meili.index_uid)
    reader = MeilisearchBackend(
        MeiliConfig(url=meili_server.url, search_key=key, index_uid=meili.index_uid)
    )
    assert ids(reader, "beslutar") == ["a"]
    assert [h.id for h in reader.documents_with_case("tn 2019 3825")] == ["a", "b"]
    assert all(h.id == "b" for h in reader.similar("a"))  # more-like-this through searches
    assert reader.count() == 2  # through a search: the key may not read stored documents
    reader.check()
    with pytest.raises(SearchError, match="MEILI_API_KEY"):
        reader.upsert([doc("c", "text")])
    # The search key given as the admin key: the server refuses the write.
    misplaced = MeilisearchBackend(
        MeiliConfig(url=meili_server.url, api_key=key, index_uid=meili.index_uid)
    )
    with pytest.raises(SearchForbidden) as refused:
        misplaced.upsert([doc("c", "text")])
    assert (refused.value.key_variable, refused.value.writing) == ("MEILI_API_KEY", True)
    assert "skriva i sökindexet" in refused.value.swedish()
    with pytest.raises(SearchForbidden):
        misplaced.check(write=True)
    assert ids(meili, "text") == []  # nothing was written
    wrong = MeilisearchBackend(
        MeiliConfig(url=meili_server.url, search_key="fel-nyckel", index_uid=meili.index_uid)
    )
    with pytest.raises(SearchForbidden) as refused:
        wrong.search(SearchQuery(text="beslutar"))
    assert (refused.value.key_variable, refused.value.writing) == ("MEILI_SEARCH_KEY", False)
    for backend in (reader, misplaced, wrong):
        backend.close()


def test_a_failed_task_is_a_search_error_with_its_code(meili: MeilisearchBackend) -> None:
    meili.upsert([doc("a", "text")])
    # A document the server accepts into its queue and then rejects: an id with a space.
    client = meili._require_writer("test")
    task = client.index(meili.index_uid).add_documents([{"chunk_id": "ogiltigt id"}])
    with pytest.raises(SearchError, match=r"failed: .*\[invalid_document_id\]"):
        meili._wait([task])
    assert meili.ids() == {"a"}


def test_an_unreachable_server_fails_the_check(meili_server: MeiliServer) -> None:
    backend = MeilisearchBackend(MeiliConfig(url="http://127.0.0.1:9", api_key="x"))
    with pytest.raises(SearchUnavailable) as unreachable:
        backend.check(write=True)
    assert unreachable.value.swedish().startswith("Sökmotorn på http://127.0.0.1:9 går inte att nå")


def test_a_task_that_does_not_finish_in_time_says_so(
    meili_server: MeiliServer, meili_index: str
) -> None:
    impatient = MeilisearchBackend(
        MeiliConfig(
            url=meili_server.url,
            api_key=meili_server.admin_key,
            index_uid=meili_index,
            task_timeout_s=0.001,
        )
    )
    with pytest.raises(SearchUnavailable) as late:
        impatient.upsert([doc("a", "text")])
    assert late.value.timed_out and "svarade inte i tid" in late.value.swedish()
    impatient.close()
