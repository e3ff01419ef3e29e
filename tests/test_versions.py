"""Versions and near duplicates: the grouping on its own (against exactly measured
similarities), and end to end through the Dagster job, the `document_versions` table, the
search page, the document page and `diarium case`."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from typer.testing import CliRunner

from diarium import tables
from diarium.archive import Archive
from diarium.cli import app as cli
from diarium.versions import NEAR, _Doc, group, shingles
from diarium.web import create_app
from pipelines.launch import run_ingest

BODY = (
    "Fastighets- och gatukontoret har utrett hur belysningen längs gång- och cykelvägarna "
    "i Lindängen kan förbättras. Utredningen visar att armaturerna är gamla och att flera "
    "sträckor saknar belysning helt. Kontoret föreslår att nya armaturer med LED-teknik "
    "monteras under hösten och att tre mörka sträckor får ny belysning. Kostnaden beräknas "
    "till 2,4 miljoner kronor och ryms inom investeringsbudgeten för trygghetsåtgärder. "
    "Åtgärderna har tagits fram tillsammans med boende och fastighetsägare i området och "
    "följs upp efter ett år i samband med trygghetsmätningen."
)


def memo(day: str, body: str = BODY) -> str:
    return f"""Tjänsteskrivelse
Datum {day}
Diarienummer TN-2024-555
Fastighets- och gatukontoret

Belysning i Lindängen

Förslag till beslut
Tekniska nämnden föreslås besluta att godkänna förslaget om ny belysning.

Ärendet
{body}
"""


def doc(doc_id: str, text: str, sha: str | None = None) -> _Doc:
    return _Doc(doc_id, sha or doc_id, np.sort(shingles(text)))


def jaccard(a: str, b: str) -> float:
    x, y = set(shingles(a).tolist()), set(shingles(b).tolist())
    return len(x & y) / len(x | y)


def test_grouping_finds_exact_near_and_contained_and_nothing_else() -> None:
    revised = memo("2024-05-02", BODY.replace("2,4 miljoner", "2,6 miljoner"))
    protokoll = (
        "Protokoll\n§ 12 Belysning\n"
        + memo("2024-03-01")
        + "\n§ 13 "
        + " ".join(
            f"Övrigt ärende {n} om parkernas skötsel och lekplatsernas underhåll."
            for n in range(30)
        )
    )
    other = "Kulturnämnden beslutar om bidrag till föreningar. " * 3 + " ".join(
        f"Förening {n} får {n * 1000} kronor." for n in range(20)
    )
    rows = group(
        [
            doc("a", memo("2024-03-01"), sha="s1"),
            doc("b", memo("2024-03-01"), sha="s1"),  # the same file under another name
            doc("c", revised),
            doc("d", protokoll),
            doc("e", other),
        ]
    )
    assert ("a", "a", "exact", 1.0) in rows and ("b", "a", "exact", 1.0) in rows
    (near,) = [r for r in rows if r[0] == "c" and r[2] != "contains"]
    assert near[1:3] == ("a", "near")
    assert near[3] == pytest.approx(jaccard(memo("2024-03-01"), revised), abs=1e-4)
    assert near[3] >= NEAR
    contained = {(r[0], r[1]) for r in rows if r[2] == "contains"}
    assert ("a", "d") in contained or ("b", "d") in contained
    assert all(r[0] != "e" for r in rows)  # unrelated: no row
    assert all(r[0] != "d" or r[2] == "contains" for r in rows if r[1] != "d")


def test_near_is_never_below_the_threshold_among_many_random_edits() -> None:
    rng = random.Random(7)
    words = BODY.split()
    texts = []
    for n in range(60):
        edited = list(words)
        for _ in range(rng.randint(0, 12)):
            edited[rng.randrange(len(edited))] = rng.choice(["ny", "gammal", "stor", "liten"])
        texts.append(" ".join(edited) + f" Ärende {n}.")
    rows = group([doc(str(n), t) for n, t in enumerate(texts)])
    members = {r[0]: r for r in rows if r[2] == "near"}
    for doc_id, (_, _, _, similarity) in members.items():
        assert similarity >= NEAR
        # Someone in the group really is that similar to it.
        best = max(jaccard(texts[int(doc_id)], texts[int(o)]) for o in members if o != doc_id)
        assert best == pytest.approx(similarity, abs=1e-4)


@pytest.mark.slow
def test_versions_end_to_end(home: Path, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "belysning.txt").write_text(memo("2024-03-01"), encoding="utf-8")
    (drop / "belysning_kopia.txt").write_text(memo("2024-03-01"), encoding="utf-8")
    (drop / "belysning_rev.txt").write_text(
        memo("2024-05-02", BODY.replace("tre mörka sträckor", "fyra mörka sträckor")),
        encoding="utf-8",
    )
    (drop / "protokoll.txt").write_text(
        "Protokoll\nTekniska nämnden\nDatum 2024-06-10\n\n§ 12 Belysning i Lindängen\n"
        + BODY
        + "\n\n§ 13 Parkskötsel\n"
        + " ".join(f"Punkt {n}: parkernas skötsel och lekplatsernas underhåll." for n in range(40)),
        encoding="utf-8",
    )
    (drop / "hemlig.txt").write_text(
        "Sekretess enligt 26 kap. 1 § OSL\n\n" + memo("2024-07-01"), encoding="utf-8"
    )
    archive = Archive.open()
    run_ingest(archive, [drop])
    ids = {Path(r["source"]).name: r["id"] for r in archive.iter_records()}

    with tables.connect(archive) as con:
        rows = con.execute(
            "SELECT document_id, group_id, relation FROM document_versions ORDER BY 1, 2"
        ).fetchall()
        assert tables.check_keys_unique(con).passed
        assert tables.check_foreign_keys(con).passed
    relation = {(r[0], r[2]) for r in rows}
    group_id = min(ids["belysning.txt"], ids["belysning_kopia.txt"], ids["belysning_rev.txt"],
                   ids["hemlig.txt"])  # fmt: skip
    assert (ids["belysning.txt"], "exact") in relation
    assert (ids["belysning_kopia.txt"], "exact") in relation
    assert (ids["belysning_rev.txt"], "near") in relation
    assert {r[1] for r in rows if r[2] != "contains"} == {group_id}

    client = TestClient(create_app(archive))
    page = HTMLParser(client.get("/?q=belysning lindängen").text)
    titles = [h.css_first(".hit-title a").attributes["href"] for h in page.css("li.hit")]
    shown = [t for t in titles if any(ids[n] in (t or "") for n in ("belysning.txt",
             "belysning_kopia.txt", "belysning_rev.txt"))]  # fmt: skip
    assert len(shown) == 1 and ids["belysning_rev.txt"] in (shown[0] or "")  # the newest
    assert "3 versioner" in page.text()  # the secret copy is not counted
    document = client.get(f"/dokument/{ids['belysning.txt']}").text
    versions = HTMLParser(document).css_first("#versioner")
    assert versions is not None
    assert "identisk kopia" in versions.text() and "% lika" in versions.text()
    assert "hemlig" not in document.lower() and ids["hemlig.txt"] not in document

    listed = CliRunner().invoke(cli, ["case", "TN-2024-555", "--json"])
    assert listed.exit_code == 0, listed.output
    documents = json.loads(listed.output)["documents"]
    memos = [d for d in documents if d["id"] in {ids["belysning.txt"], ids["belysning_kopia.txt"],
                                                  ids["belysning_rev.txt"]}]  # fmt: skip
    assert len(memos) == 1 and len(memos[0]["versions"]) == 2
    text = CliRunner().invoke(cli, ["case", "TN-2024-555"]).output
    assert "(3 versioner)" in " ".join(text.replace("│", " ").split())


def test_minhash_lsh_is_datasketchs() -> None:
    """The permutations, bands and candidate pairs of `diarium.versions` are those of
    datasketch's MinHash and MinHashLSH (which a run no longer imports: SciPy with it)."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    from diarium import versions

    lsh = MinHashLSH(threshold=NEAR * 0.85, num_perm=versions.NUM_PERM)
    assert (lsh.b, lsh.r) == (versions.BANDS, versions.ROWS)
    a, b = versions._permutations()
    template = MinHash(num_perm=versions.NUM_PERM, seed=1)
    assert np.array_equal(template.permutations[0], a)
    assert np.array_equal(template.permutations[1], b)

    rng = random.Random(7)
    words = [f"ord{n}" for n in range(60)]
    base = [rng.choice(words) for _ in range(300)]
    texts = []
    for _ in range(40):
        changed = list(base)
        for _ in range(rng.choice([0, 3, 10, 40, 150])):
            changed[rng.randrange(len(changed))] = rng.choice(words)
        texts.append(" ".join(changed))
    docs = [doc(f"d{n:02d}", text) for n, text in enumerate(texts)]
    signatures = versions._minhashes(docs)
    for d, signature in zip(docs, signatures, strict=True):
        lsh.insert(d.id, LeanMinHash(seed=1, hashvalues=signature))
    expected = {
        (d.id, other)
        for d, signature in zip(docs, signatures, strict=True)
        for other in lsh.query(LeanMinHash(seed=1, hashvalues=signature))
        if d.id < other
    }
    found = versions._lsh_pairs([d.id for d in docs], signatures)
    assert found == expected
    assert 0 < len(found) < len(docs) * (len(docs) - 1) // 2


def test_shingles_hash_each_joined_gram() -> None:
    import re
    import zlib

    text = "Kommunstyrelsen  beslutar, att GODKÄNNA förslaget; Åsa Öberg 2024-05-02 ärende"
    words = re.findall(r"\w+", text.lower())
    expected = {
        zlib.crc32(" ".join(words[i : i + 4]).encode("utf-8")) for i in range(len(words) - 3)
    }
    assert set(shingles(text).tolist()) == expected
    assert shingles("tre ord bara").size == 0
