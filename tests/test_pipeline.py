"""End to end: the Dagster job over real documents into a temporary archive, then the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from dagster import DagsterEventType, DagsterInstance, materialize
from typer.testing import CliRunner

from diarium.archive import Archive
from pipelines import assets
from pipelines.cli import app
from pipelines.launch import prepare_dagster_home, run_ingest
from pipelines.resources import (
    ArchiveResource,
    DropFolderResource,
    ExtractorResource,
    MeetingPortalResource,
    NoProgress,
    SearchIndexResource,
    WebUrlsResource,
)

pytestmark = pytest.mark.slow

SEED_001 = "001_a62ebeae222b00ed.txt"
SEED_002 = "002_e4234ed91c9147e1.txt"
SEED_000 = "000_9d0ea22ed9efec86.txt"


def cli(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def cli_json(*args: str) -> Any:
    return json.loads(cli(*args, "--json").stdout)


@pytest.fixture
def seeded(home: Path, corpus_dir: Path) -> Archive:
    archive = Archive.open(home)
    result = run_ingest(archive, [corpus_dir / "seeds"])
    assert result.success
    return archive


def test_case_lookup_finds_the_case_chain_in_any_spelling(seeded: Archive) -> None:
    for spelling in ("tn 2019 3825", "TN-2019-3825", "TN 2019/3825"):
        answer = cli_json("case", spelling)
        assert answer["case_number"] == "TN-2019-3825"
        names = [Path(d["source"]).name for d in answer["documents"]]
        # Date order: the tjänsteskrivelse (2020-08-17) before kommunstyrelsen's yttrande (2020-11-17).
        assert names == [SEED_002, SEED_001]
        roles = {Path(d["source"]).name: d["role"] for d in answer["documents"]}
        assert roles == {SEED_002: "own", SEED_001: "referenced"}


def test_search_ranks_and_tolerates_typos(seeded: Archive) -> None:
    answer = cli_json("search", "områdeslyft")
    assert Path(answer["hits"][0]["source"]).name == SEED_000
    assert "<mark>" in answer["hits"][0]["snippet"]
    assert set(answer) >= {"query", "total", "took_ms", "hits", "facets"}

    typo = cli_json("search", "samverkansmodel")
    assert SEED_001 in [Path(h["source"]).name for h in typo["hits"]]


def test_search_filters_by_type_and_committee(seeded: Archive) -> None:
    memos = cli_json("search", "nämnden", "--type", "tjänsteskrivelse")
    assert memos["hits"] and {h["doc_type"] for h in memos["hits"]} == {"tjänsteskrivelse"}
    tn = cli_json("search", "modell", "--committee", "tekniska nämnden")
    assert {Path(h["source"]).name for h in tn["hits"]} >= {SEED_002}


def test_second_run_skips_unchanged_files_and_duplicates_nothing(
    seeded: Archive, corpus_dir: Path
) -> None:
    before = {r["id"]: r["updated_at"] for r in seeded.iter_records()}
    result = run_ingest(seeded, [corpus_dir / "seeds"])
    source_meta = result.asset_materializations_for_node("source_files")[0].metadata
    assert source_meta["unchanged"].value == 5 and source_meta["new"].value == 0
    after = {r["id"]: r["updated_at"] for r in seeded.iter_records()}
    assert after == before  # nothing re-parsed
    with_tables = cli(
        "sql",
        "SELECT count(*) AS n, count(DISTINCT document_id) AS d FROM documents",
        "--format",
        "json",
    )
    assert json.loads(with_tables.stdout) == [{"n": 5, "d": 5}]


def test_a_run_with_nothing_new_is_recorded_without_starting_dagster(
    seeded: Archive, corpus_dir: Path
) -> None:
    from diarium import status as run_log

    again = run_ingest(seeded, [corpus_dir / "seeds"])
    assert again.run_id.startswith("quick-")
    run = run_log.last_runs(seeded, 1)[0]
    assert run["run_id"] == again.run_id and run["status"] == "success"
    assert run["counts"]["unchanged"] == 5 and run["counts"]["new"] == 0
    lines = run_log.read_documents(seeded, again.run_id)
    assert [line["status"] for line in lines] == ["skipped_unchanged"] * 5
    prepare_dagster_home(seeded)
    with DagsterInstance.get() as instance:
        assert len(instance.get_runs()) == 1  # only the first, real, run
    # Anything out of line with the records (here a lost index) runs the job, which mends it.
    shutil.rmtree(seeded.index_dir)
    mended = run_ingest(seeded, [corpus_dir / "seeds"])
    assert not mended.run_id.startswith("quick-")
    assert cli_json("search", "TN 2019/3825")["total"] == 2


def test_runs_are_recorded_in_the_archives_dagster_instance(seeded: Archive) -> None:
    prepare_dagster_home(seeded)
    with DagsterInstance.get() as instance:
        runs = instance.get_runs()
    assert [run.job_name for run in runs] == ["ingest"]
    assert runs[0].is_success


def test_bad_files_are_reported_and_the_rest_ingested(
    home: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    from tests.pdf_fixtures import municipal_pdf_bytes

    drop = tmp_path / "drop"
    drop.mkdir()
    shutil.copy(corpus_dir / "seeds" / SEED_002, drop / SEED_002)
    (drop / "tom.txt").write_bytes(b"")
    (drop / "avbruten.pdf").write_bytes(municipal_pdf_bytes()[:1500])
    (drop / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (drop / "riktig.pdf").write_bytes(municipal_pdf_bytes())

    archive = Archive.open(home)
    assert run_ingest(archive, [drop]).success
    status = cli_json("status")
    reasons = {Path(p["source"]).name: p for p in status["problems"]}
    assert set(reasons) == {"tom.txt", "avbruten.pdf", "bild.txt"}
    assert all(p["status"] == "failed" and p["reason"] for p in reasons.values())
    assert "empty" in reasons["tom.txt"]["reason"]
    assert status["counts"] == {"ok": 2, "failed": 3}
    hits = cli_json("search", "samverkansstöd")["hits"]
    assert SEED_002 in [Path(h["source"]).name for h in hits]


def test_edited_file_replaces_its_document(home: Path, corpus_dir: Path, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    document = drop / "memo.txt"
    document.write_text(
        (corpus_dir / "seeds" / SEED_002).read_text(encoding="utf-8"), encoding="utf-8"
    )
    archive = Archive.open(home)
    run_ingest(archive, [drop])
    document.write_text(
        document.read_text(encoding="utf-8") + "\nTillägg om cykelparkering.\n", encoding="utf-8"
    )
    result = run_ingest(archive, [drop])
    assert result.asset_materializations_for_node("source_files")[0].metadata["changed"].value == 1
    assert len(list(archive.iter_records())) == 1
    assert cli_json("search", "cykelparkering")["total"] == 1


def test_assets_materialize_with_dagster_and_checks_pass(home: Path, corpus_dir: Path) -> None:
    archive = Archive.open(home)
    result = materialize(
        [assets.source_files, assets.documents, assets.archive_tables, assets.search_index],
        resources={
            "archive": ArchiveResource(home=str(archive.home)),
            "drop_folder": DropFolderResource(paths=[str(corpus_dir / "seeds")]),
            "portal": MeetingPortalResource(),
            "web_urls": WebUrlsResource(),
            "search": SearchIndexResource(),
            "extractor": ExtractorResource(),
            "progress": NoProgress(),
        },
        instance=DagsterInstance.ephemeral(),
        partition_key="files",
    )
    assert result.success
    rows = result.asset_materializations_for_node("archive_tables")[0].metadata
    assert rows["rows_documents"].value == 5
    assert rows["rows_case_numbers"].value >= 6


def test_job_checks_pass_on_the_seeds(seeded: Archive) -> None:
    prepare_dagster_home(seeded)
    with DagsterInstance.get() as instance:
        run = instance.get_runs()[0]
        checks = [
            event.dagster_event.asset_check_evaluation_data
            for event in instance.all_logs(
                run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION
            )
            if event.dagster_event
        ]
    by_name = {c.check_name: c.passed for c in checks}
    assert by_name == {
        "batch_memos_have_case_numbers": True,
        "batch_documents_have_dates": True,
        "batch_documents_readable": True,
        "documents_table_complete": True,
        "table_keys_unique": True,
        "table_foreign_keys_resolve": True,
        "table_dates_in_range": True,
        "index_matches_tables": True,
        "tjansteskrivelser_have_case_numbers": True,
    }


def test_demo_on_bundled_sample_without_shared_corpus(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import diarium.sample

    monkeypatch.setattr(diarium.sample, "shared_corpus", lambda: None)
    result = cli("demo")
    assert "Samverkansmodell för trygghet i Lindängen" in result.stdout
    answer = cli_json("case", "tn 2024 1021")
    assert len(answer["documents"]) == 3
    # The official's work e-mail under "Vår referens" is kept (README: work contacts are),
    # although the sample's letterhead has a blank line between its lines.
    assert "karin.exempelsson@example.se" in result.stdout
    assert "xxxxx" not in result.stdout
