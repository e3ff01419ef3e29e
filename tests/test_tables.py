"""The analyst tables over ../shared/corpus: the worked examples of docs/tables.md, keys,
case chains, storage and the quality checks.

The examples in docs/tables.md are a ```sql block followed by a ```csv block with its
output; every one is run here against the whole corpus and its output compared. After a
change to extraction or to the tables, refresh the document with

    .venv/bin/python -m tests.test_tables

(it ingests the corpus into a temporary archive and rewrites the schema and the outputs).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from diarium import tables
from diarium.archive import Archive, utc_now
from diarium.queries import case_chain, documents_for_case
from pipelines.cli import app
from tests.conftest import CORPUS_DIR, REPO_ROOT

DOC = REPO_ROOT / "docs" / "tables.md"
EXAMPLE = re.compile(r"```sql\n(?P<sql>.*?)```[ \t]*\n+```csv\n(?P<csv>.*?)```", re.DOTALL)
SCHEMA_BEGIN, SCHEMA_END = "<!-- schema:begin -->\n", "<!-- schema:end -->"
ALIASES = {"TIMESTAMP WITH TIME ZONE": "TIMESTAMPTZ"}
SEED_001 = "001_a62ebeae222b00ed.txt"
SEED_002 = "002_e4234ed91c9147e1.txt"


def doc_examples() -> list[tuple[str, str]]:
    return [(m["sql"], m["csv"]) for m in EXAMPLE.finditer(DOC.read_text(encoding="utf-8"))]


def ingest_corpus(home: Path) -> Archive:
    from pipelines.launch import run_ingest

    archive = Archive.open(home)
    result = run_ingest(archive, [CORPUS_DIR])  # seeds, kungsbacka and pdf
    assert result.success
    return archive


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"../shared/corpus not present: {CORPUS_DIR} holds the real documents")
    home = tmp_path_factory.mktemp("tables") / "archive"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DIARIUM_HOME", str(home))
        patch.setenv("DAGSTER_HOME", str(home / "dagster"))
        yield ingest_corpus(home)


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


# --------------------------------------------------------------------------- the document


def test_doc_has_at_least_eight_examples_each_with_its_output() -> None:
    text = DOC.read_text(encoding="utf-8")
    examples = doc_examples()
    assert len(examples) >= 8
    # Every ```sql block is paired with a result, so none escapes the assertion below.
    assert text.count("```sql\n") == len(examples)
    assert all(csv.strip() for _, csv in examples)


def test_doc_schema_is_the_schema_the_code_builds() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert SCHEMA_BEGIN + tables.schema_markdown() + SCHEMA_END in text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sql", "expected"), doc_examples(), ids=[f"example{n}" for n in range(len(doc_examples()))]
)
def test_doc_example_gives_the_documented_output(
    corpus_archive: Archive, sql: str, expected: str
) -> None:
    with tables.connect(corpus_archive) as con:
        assert tables.query_csv(con, sql) == expected


@pytest.mark.slow
def test_sql_command_prints_the_same_csv_as_the_doc(corpus_archive: Archive) -> None:
    sql, expected = doc_examples()[0]
    assert cli("sql", sql, "--format", "csv") == expected
    rows = json.loads(cli("sql", sql, "--format", "json"))
    assert [list(map(str, r.values())) for r in rows] == [
        line.split(",") for line in expected.splitlines()[1:]
    ]


# --------------------------------------------------------------------------- case chains


@pytest.mark.slow
def test_case_chain_of_tn_2019_3825_runs_from_remiss_to_yttrande(corpus_archive: Archive) -> None:
    answer = json.loads(cli("case", "tn 2019 3825", "--chain", "--json"))
    assert answer["case_number"] == "TN-2019-3825"
    assert answer["case"]["registering_body"] == "tekniska nämnden"
    assert answer["case"]["title"] == "Modell för samverkansstöd TN-2019-3825"
    steps = [
        (Path(d["source"]).name, d["step"], d["stage"], d["role"]) for d in answer["documents"]
    ]
    assert steps == [
        (SEED_002, 1, "remiss", "own"),
        (SEED_001, 2, "yttrande", "referenced"),
    ]
    # Tekniska nämnden's att-clauses belong to the first step.
    decisions = answer["documents"][0]["decisions"]
    assert [d["body"] for d in decisions] == ["tekniska nämnden", "tekniska nämnden"]
    assert all(d["proposed"] for d in decisions)
    assert all(d["kind"] == "förslag" for d in decisions)
    assert any("godkänna den föreslagna modellen" in d["text"] for d in decisions)
    assert [(link["relation"], link["days"]) for link in answer["links"]] == [
        ("remiss→yttrande", 92)
    ]
    text = cli("case", "TN-2019-3825", "--chain")
    assert "remiss→yttrande (92 dagar)" in text and "kommunstyrelsen" in text
    # The remiss proposes: its att-clauses are shown as proposals, never as decisions taken.
    assert "– förslag till beslut (tekniska nämnden)" in text
    assert "– beslut (tekniska nämnden)" not in text


@pytest.mark.slow
def test_chain_orders_handlingar_before_the_protokoll_that_decides(
    corpus_archive: Archive,
) -> None:
    chain = case_chain(corpus_archive, "VN-2024-47")
    names = [Path(d["source"]).name for d in chain["documents"]]
    assert names == ["val_2024-09-09_handlingar.md", "val_2024-09-09_protokoll.md"]
    assert [d["stage"] for d in chain["documents"]] == ["handlingar", "beslut"]
    taken = [d for d in chain["documents"][1]["decisions"] if not d["proposed"]]
    assert taken and all(d["paragraph"] == "§ 28" for d in taken)
    assert [link["relation"] for link in chain["links"]] == ["handlingar→beslut"]


@pytest.mark.slow
def test_byggnadsnamndens_bare_number_links_its_handlingar_to_its_protokoll(
    corpus_archive: Archive,
) -> None:
    chain = case_chain(corpus_archive, "2024-134")
    assert chain["case"]["registering_body"] == "byggnadsnämnden"
    names = [Path(d["source"]).name for d in chain["documents"]]
    assert names == ["bygg-au_2024-04-05_handlingar.md", "bygg_2024-04-18_protokoll.md"]
    assert [(link["relation"], link["days"]) for link in chain["links"]] == [
        ("handlingar→beslut", 31)
    ]
    # Any spelling of the number finds the same documents.
    docs = documents_for_case(corpus_archive, "2024-134")
    assert [Path(d["source"]).name for d in docs] == names


def _meeting_record(
    doc_id: str, body: str, doc_type: str, day: str, cases: list[str]
) -> dict[str, Any]:
    return _record(
        doc_id,
        doc_type=doc_type,
        title=f"{body}, {doc_type} {day}",
        date=day,
        year=int(day[:4]),
        meeting={"committee": body, "date": day, "text": day, "start": 0, "end": 10, "rule": "t"},
        case_numbers=[
            {
                "text": c,
                "normalized": c,
                "role": "own",
                "start": 100 + 20 * i,
                "end": 110 + 20 * i,
                "rule": "t",
            }
            for i, c in enumerate(cases)
        ],
    )


def test_bare_number_takes_its_registrys_series_only_when_written_out_elsewhere(
    tmp_path: Path,
) -> None:
    archive = Archive.open(tmp_path / "bare")
    for record in (
        _meeting_record(
            "au", "kommunstyrelsens arbetsutskott", "protokoll", "2024-02-06", ["KS-2023-249"]
        ),
        _meeting_record("ks", "kommunstyrelsen", "kallelse", "2024-02-20", ["2023-249", "2024-4"]),
        _meeting_record("bn", "byggnadsnämnden", "handlingar", "2024-03-18", ["2023-249"]),
        _meeting_record(
            "mh", "nämnden för miljö & hälsoskydd", "kallelse", "2024-04-26", ["2024-4"]
        ),
    ):
        archive.write_record(record)
    tables.build_tables(archive)
    with tables.connect(archive) as con:
        numbers = con.execute(
            "SELECT document_id, normalized, case_number FROM case_numbers ORDER BY ALL"
        ).fetchall()
        cases = con.execute(
            """SELECT case_number, registering_body, registering_body_from, documents
               FROM cases ORDER BY 1"""
        ).fetchall()
        links = con.execute(
            "SELECT case_number, from_document_id, to_document_id, relation FROM case_links"
        ).fetchall()
        assert tables.check_foreign_keys(con).passed and tables.check_keys_unique(con).passed
    assert numbers == [
        ("au", "KS-2023-249", "KS-2023-249"),
        ("bn", "2023-249", "2023-249"),  # byggnadsnämnden's own 2023-00249: another case
        ("ks", "2023-249", "KS-2023-249"),  # kommunstyrelsen's registry has KS; its AU wrote it out
        ("ks", "2024-4", "2024-4"),
        ("mh", "2024-4", "2024-4"),
    ]
    assert cases == [
        ("2023-249", "byggnadsnämnden", "documents", 1),
        ("2024-4", None, None, 2),  # two registries: no body, and no chain between them
        ("KS-2023-249", "kommunstyrelsen", "series", 2),
    ]
    assert links == [("KS-2023-249", "au", "ks", "beslut→kallelse")]


# --------------------------------------------------------------------------- storage


@pytest.mark.slow
def test_tables_are_typed_keyed_and_match_the_schema(corpus_archive: Archive) -> None:
    with tables.connect(corpus_archive) as con:
        for name, spec in tables.SCHEMA.items():
            described = con.execute(f"DESCRIBE {name}").fetchall()
            assert [(r[0], ALIASES.get(r[1], r[1])) for r in described] == [
                (c.name, c.type) for c in spec.columns
            ]
        declared = {
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
            ).fetchall()
        }
    assert declared == {n for n, s in tables.SCHEMA.items() if s.declare_key}


@pytest.mark.slow
def test_parquet_holds_the_same_rows_partitioned_by_year(corpus_archive: Archive) -> None:
    directory = corpus_archive.tables_dir
    assert directory.is_symlink()
    years = sorted(p.name for p in (directory / "documents").iterdir())
    assert "year=2024" in years and "year=2020" in years
    with tables.connect(corpus_archive) as con:
        for name, spec in tables.SCHEMA.items():
            expected = con.execute(f"SELECT count(*) FROM {name}").fetchone()
            if spec.partition_by:
                source = f"read_parquet('{directory / name}/*/*.parquet', hive_partitioning = true)"
            else:
                source = f"read_parquet('{directory / name}.parquet')"
            assert con.execute(f"SELECT count(*) FROM {source}").fetchone() == expected, name
        by_year = con.execute(
            f"""SELECT year, count(*) FROM read_parquet('{directory}/documents/*/*.parquet',
                hive_partitioning = true) GROUP BY ALL ORDER BY ALL"""
        ).fetchall()
        assert (
            by_year
            == con.execute(
                "SELECT year, count(*) FROM documents GROUP BY ALL ORDER BY ALL"
            ).fetchall()
        )
    frame = pd.read_parquet(directory / "decisions")
    assert len(frame) == len(tables.read_table(corpus_archive, "decisions"))


@pytest.mark.slow
def test_python_api_returns_every_table_as_a_dataframe(corpus_archive: Archive) -> None:
    api = tables.Tables(corpus_archive)
    for name in tables.SCHEMA:
        frame = getattr(api, name)()
        assert isinstance(frame, pd.DataFrame)
        assert list(frame.columns) == tables.SCHEMA[name].column_names
    documents = api.documents()
    assert len(documents) == 18 and set(documents["status"]) == {"ok"}
    links = api.sql("SELECT * FROM case_links WHERE case_number = ?", ["TN-2019-3825"])
    assert list(links["relation"]) == ["remiss→yttrande"]
    with pytest.raises(KeyError, match="unknown table"):
        tables.read_table(corpus_archive, "committee")


@pytest.mark.slow
def test_quality_checks_pass_on_the_corpus(corpus_archive: Archive) -> None:
    with tables.connect(corpus_archive) as con:
        outcomes = [
            tables.check_keys_unique(con),
            tables.check_foreign_keys(con),
            tables.check_date_ranges(con),
            tables.check_documents_complete(corpus_archive, con),
        ]
    assert [o.passed for o in outcomes] == [True] * 4, [o.metadata for o in outcomes]


@pytest.mark.slow
def test_quality_checks_catch_duplicates_orphans_and_odd_dates(
    corpus_archive: Archive, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(corpus_archive.duckdb_path, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute("INSERT INTO persons SELECT * FROM persons LIMIT 1")
        con.execute("UPDATE decisions SET case_number = 'XX-2099-1' WHERE rowid = 0")
        con.execute("UPDATE dates SET date = DATE '1066-10-14' WHERE rowid = 0")
        con.execute("UPDATE documents SET date = DATE '2199-01-01' WHERE rowid = 0")
        keys = tables.check_keys_unique(con)
        references = tables.check_foreign_keys(con)
        ranges = tables.check_date_ranges(con, today=date(2025, 1, 1))
    assert not keys.passed and keys.metadata["persons: duplicated keys"] == 1
    assert not references.passed
    assert references.metadata["decisions.case_number → cases.case_number"] == 1
    assert not ranges.passed
    assert ranges.metadata["dates.date"] == 1 and ranges.metadata["documents.date"] == 1


# --------------------------------------------------------------------------- builds


def _record(doc_id: str, **extraction: Any) -> dict[str, Any]:
    now = utc_now()
    return {
        "id": doc_id,
        "source": f"/drop/{doc_id}.pdf",
        "uri": f"file:///drop/{doc_id}.pdf",
        "sha256": "0" * 64,
        "first_seen": now,
        "updated_at": now,
        "attempts": 1,
        "status": "ok",
        "reason": None,
        "format": "pdf",
        "pages": 1,
        "text": "Tabell 1 Budget 2024",
        "extraction": {"doc_type": "årsredovisning", "title": "Budget", **extraction},
    }


def test_empty_archive_gives_every_table_typed_and_empty(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "empty")
    rows = tables.build_tables(archive)
    assert rows == dict.fromkeys(tables.SCHEMA, 0) | {"committees": rows["committees"]}
    assert rows["committees"] > 0  # the gazetteer's bodies are there without any document
    with tables.connect(archive) as con:
        described = con.execute("DESCRIBE pdf_tables").fetchall()
        assert [(r[0], r[1]) for r in described][-4:] == [
            ("text", "VARCHAR"),
            ("value", "DOUBLE"),
            ("unit", "VARCHAR"),
            ("value_kr", "DOUBLE"),
        ]
        described = con.execute("DESCRIBE documents").fetchall()
        assert ("needs_ocr_pages", "INTEGER[]") in [(r[0], r[1]) for r in described]
        empty = con.execute(
            f"""SELECT count(*) FROM read_parquet('{archive.tables_dir}/documents/*/*.parquet',
                hive_partitioning = true)"""
        ).fetchone()
    assert empty == (0,)


def test_pdf_table_cells_are_read_with_swedish_numbers(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "pdf")
    cells = [
        {
            "table_index": 0,
            "page": 2,
            "bbox": [10, 20, 300, 120],
            "row": 0,
            "col": 1,
            "text": "Budget",
        },
        {
            "table_index": 0,
            "page": 2,
            "bbox": [10, 20, 300, 120],
            "row": 1,
            "col": 1,
            "text": "1 234,5",
        },
        {
            "table_index": 0,
            "page": 2,
            "bbox": [10, 20, 300, 120],
            "row": 2,
            "col": 1,
            "text": "−12 %",
        },
    ]
    archive.write_record(_record("a1", date="2024-03-01", year=2024) | {"pdf_tables": cells})
    tables.build_tables(archive)
    frame = tables.Tables(archive).sql(
        "SELECT row, text, value, x0, bottom FROM pdf_tables ORDER BY row"
    )
    assert frame["text"].tolist() == ["Budget", "1 234,5", "−12 %"]
    assert frame["value"].tolist()[1:] == [1234.5, -12.0] and pd.isna(frame["value"][0])
    assert frame["x0"].tolist() == [10.0] * 3 and frame["bottom"].tolist() == [120.0] * 3


def test_a_broken_record_is_reported_and_the_rest_built(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "broken")
    archive.write_record(_record("good", date="2024-01-05", year=2024))
    (archive.records_dir / "bad.json").write_text('{"id": "bad", "extr', encoding="utf-8")
    report = tables.build(archive)
    assert report.unreadable == ["bad.json"]
    assert report.rows["documents"] == 1
    with tables.connect(archive) as con:
        complete = tables.check_documents_complete(archive, con)
    assert not complete.passed and complete.metadata["missing_from_table"] == 1


def test_readers_never_see_half_a_build(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "swap")
    for n in range(40):
        archive.write_record(_record(f"d{n:03d}", date="2024-01-05", year=2024 - n % 3))
    tables.build_tables(archive)
    seen: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                with tables.connect(archive) as con:
                    from_db = con.execute("SELECT count(*) FROM documents").fetchone()
                glob = f"{archive.tables_dir}/documents/*/*.parquet"
                with duckdb.connect() as con:
                    from_parquet = con.execute(
                        f"SELECT count(*) FROM read_parquet('{glob}')"
                    ).fetchone()
                seen.append(
                    (from_db[0] if from_db else -1, from_parquet[0] if from_parquet else -1)
                )
            except BaseException as error:  # noqa: BLE001 - the assertion reports it
                errors.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(5):
            tables.build_tables(archive)
    finally:
        done.set()
        reader.join()
    assert not errors, errors
    assert seen and set(seen) == {(40, 40)}
    # The current build and the one before it are kept; older ones are removed.
    assert len(list((archive.home / ".tables").iterdir())) == 2


# --------------------------------------------------------------------------- refreshing the doc


def refresh_doc() -> None:
    """Rewrite docs/tables.md: the generated schema and every example's output."""
    if not CORPUS_DIR.is_dir():
        raise SystemExit(f"{CORPUS_DIR} is needed to refresh the examples")
    with tempfile.TemporaryDirectory() as tmp:
        archive = ingest_corpus(Path(tmp) / "archive")
        text = DOC.read_text(encoding="utf-8")
        begin = text.index(SCHEMA_BEGIN) + len(SCHEMA_BEGIN)
        text = text[:begin] + tables.schema_markdown() + text[text.index(SCHEMA_END) :]
        with tables.connect(archive) as con:

            def run(match: re.Match[str]) -> str:
                output = tables.query_csv(con, match["sql"])
                return f"```sql\n{match['sql']}```\n\n```csv\n{output}```"

            text = EXAMPLE.sub(run, text)
    DOC.write_text(text, encoding="utf-8")
    print(f"refreshed {DOC} ({len(doc_examples())} examples)")


if __name__ == "__main__":
    refresh_doc()


def test_one_rule_for_the_registry_a_body_writes_in(tmp_path):
    """Tables and extraction ask `committees.registry_body`: an utskott writes in its nämnd's
    registry by the gazetteer's `parent` (the tables' name rule missed "socialutskottet"), a
    förvaltning in the nämnd it serves (the extractor's rule missed those)."""
    from extractors import committees

    assert committees.registry_body("socialutskottet") == "kommunstyrelsen"
    assert committees.registry_body("kommunstyrelsens arbetsutskott") == "kommunstyrelsen"
    assert committees.registry_body("stadsbyggnadskontoret") == "stadsbyggnadsnämnden"
    archive = Archive.open(tmp_path / "home")
    archive.write_record(
        {
            "id": "a",
            "source": "/x/a.txt",
            "status": "ok",
            "extraction": {
                "doc_type": "tjänsteskrivelse",
                "committees": [{"name": "socialutskottet", "role": "author", "roles": ["author"]}],
            },
        }
    )
    tables.build(archive)
    with tables.connect(archive) as con:
        parent = con.execute(
            "SELECT parent FROM committees WHERE name = 'socialutskottet'"
        ).fetchone()
    assert parent == ("kommunstyrelsen",)


def test_every_list_of_document_types_names_types_of_the_one_vocabulary():
    from diarium import doctypes

    for named in (
        doctypes.DECIDING_TYPES,
        doctypes.DATED_TYPES,
        doctypes.PROPOSING_TYPES,
        set(doctypes.STAGE_OF_TYPE) | set(doctypes.STAGE_OF_TYPE.values()),
        doctypes.STAGE_ORDER,
    ):
        assert set(named) <= set(doctypes.DOC_TYPES), set(named) - set(doctypes.DOC_TYPES)


def test_the_tables_code_version_reads_every_module_the_tables_import():
    """A change to any code the tables are built by rebuilds them: the version hashes this
    package and every project module its modules import (but where files go and errors)."""
    import ast

    from diarium.tables import version

    package = REPO_ROOT / "diarium" / "tables"
    imported: set[str] = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                if name.split(".")[0] in ("diarium", "extractors", "search"):
                    imported.add(name)
    modules = {
        name
        for name in imported
        if not name.startswith("diarium.tables")
        and (REPO_ROOT / (name.replace(".", "/") + ".py")).exists()
    }
    assert modules - set(version.NOT_ROW_SHAPING) <= set(version.DEPENDENCIES)
    files = {p.name for p in version.code_files()}
    assert {p.name for p in package.glob("*.py")} <= files and "bodies.json" in files


def test_preload_imports_what_the_build_needs_in_a_fresh_process() -> None:
    """The run's documents step starts `tables.preload` in a thread so that the tables step
    does not import DuckDB, Arrow and pandas on one core after the readers; a process that
    only asks for the tables' code version (every run does) imports none of them."""
    import subprocess
    import sys

    probe = """
import json, sys
from diarium import tables
from diarium.tables.version import tables_code_version
heavy = ("duckdb", "pyarrow", "pandas", "diarium.tables.store", "diarium.tables.checks")
tables_code_version()
before = [m for m in heavy if m in sys.modules]
tables.preload()
print(json.dumps([before, [m for m in heavy if m in sys.modules]]))
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    before, after = json.loads(result.stdout)
    assert before == []
    assert after == ["duckdb", "pyarrow", "pandas", "diarium.tables.store", "diarium.tables.checks"]
