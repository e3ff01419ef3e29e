"""Every import arrow points down: the layers of Diarium, checked by walking each module's AST.

    launching commands ─▶ Dagster shell ─▶ application ─▶ libraries
    (pipelines/cli.py,      (pipelines/)     (diarium/)     (search/ ─▶ extractors/)
     the console script)

A module may import its own layer and the layers below it, never one above; `dagster` is
imported only in the Dagster shell. Every import counts: at the top of a module, inside a
function (where imports hide to keep start-up fast) and under `TYPE_CHECKING`.

Nothing imports the console script (`pipelines.cli`): it is the top. Inside the
application, the two front doors (the CLI, `diarium.cli`, and the web page,
`diarium.web`) are imported by nothing else of the application: they sit on top of it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The layers, lowest first: a package may import those at or below its own rank.
RANK = {"extractors": 0, "search": 1, "diarium": 2, "pipelines": 3}
#: The top: the console script, assembled from the application's commands and the ones that
#: launch runs; no module imports it.
TOP = "pipelines.cli"
#: Only these packages may import Dagster.
DAGSTER_ALLOWED = {"pipelines"}
#: Front doors of the application, imported only by each other (`diarium serve` starts the
#: web page) or from above.
FRONT_DOORS = ("diarium.cli", "diarium.web")

#: Wrong-way imports that remain, each with why; the list may only shrink.
ALLOWED: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[Import]:
    """Every import in a module, wherever it stands (relative imports resolved)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(name, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append(Import(name, base, node.lineno))
    return found


def project_modules() -> list[Path]:
    return sorted(p for package in RANK for p in (ROOT / package).rglob("*.py"))


def wrong_way(imp: Import) -> str | None:
    """Why an import points the wrong way, or None when it points down (or sideways)."""
    own = imp.module.split(".")[0]
    top = imp.target.split(".")[0]
    if top == "dagster" and own not in DAGSTER_ALLOWED:
        return "imports dagster outside the Dagster shell"
    if top in RANK and RANK[top] > RANK[own]:
        return f"{own} (layer {RANK[own]}) imports {top} (layer {RANK[top]})"
    if _within(imp.target, (TOP,)) and not _within(imp.module, (TOP,)):
        return f"imports the console script {TOP}"
    if own == "diarium" and not _within(imp.module, FRONT_DOORS):
        for door in FRONT_DOORS:
            if _within(imp.target, (door,)):
                return f"the application imports its front door {door}"
    return None


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_every_import_points_down() -> None:
    found = []
    for path in project_modules():
        for imp in imports_of(path):
            why = wrong_way(imp)
            if why and (imp.module, imp.target) not in ALLOWED:
                found.append(f"{path.relative_to(ROOT)}:{imp.line}: {imp.target}: {why}")
    assert not found, "imports that point up:\n" + "\n".join(found)


def test_the_allow_list_holds_only_imports_that_still_exist() -> None:
    present = {(imp.module, imp.target) for p in project_modules() for imp in imports_of(p)}
    assert set(ALLOWED) <= present, set(ALLOWED) - present


@pytest.mark.parametrize(
    ("module", "target", "wrong"),
    [
        ("extractors.pool", "diarium.ingest", True),
        ("search.query", "extractors.diarienummer", False),
        ("diarium.runner", "pipelines.definitions", True),
        ("diarium.ingest", "dagster", True),
        ("pipelines.assets", "dagster", False),
        ("pipelines.assets", "diarium.ingest", False),
        ("diarium.tables.store", "diarium.web.views", True),
        ("diarium.cli.read", "diarium.web.suggest", False),
        ("diarium.web.views", "diarium.queries", False),
        ("pipelines.cli", "pipelines.launch", False),
        ("pipelines.cli", "diarium.cli.read", False),
        ("pipelines.launch", "pipelines.definitions", False),
        ("pipelines.assets", "pipelines.cli", True),
        ("diarium.cli.read", "pipelines.launch", True),
    ],
)
def test_the_rule_itself(module: str, target: str, wrong: bool) -> None:
    assert (wrong_way(Import(module, target, 1)) is not None) is wrong


def test_function_local_imports_count(tmp_path: Path) -> None:
    """An import hidden in a function body is an arrow all the same."""
    source = "def run():\n    from pipelines.definitions import defs\n    return defs\n"
    tree = ast.parse(source)
    targets = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert targets == ["pipelines.definitions"]
    assert wrong_way(Import("diarium.runner", targets[0], 2))


def test_no_module_holds_more_than_800_lines() -> None:
    """A module holds one concern; past 800 lines it holds several (split it by concern)."""
    long = {
        str(path.relative_to(ROOT)): n
        for path in project_modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 800
    }
    assert not long, long


#: Library settings read where the library uses them (the libraries know nothing of the
#: application); every other DIARIUM_* variable is read in diarium/settings.py only.
LIBRARY_SETTINGS = {
    "extractors/extraction.py": {"DIARIUM_SPACY_MODEL"},
    "extractors/nlp.py": {"DIARIUM_SPACY_MODEL"},
    "extractors/personal_data.py": {
        "DIARIUM_MASK_WORK_CONTACTS",
        "DIARIUM_WORK_EMAIL_DOMAINS",
        "DIARIUM_INDEX_SECRET_DOCUMENTS",
    },
    "search/swedish.py": {"DIARIUM_CACHE_DIR"},
}


def test_diarium_variables_are_read_in_the_settings_module() -> None:
    """A `DIARIUM_*` variable read from the environment (`environ.get`, `getenv`,
    `environ[...]` as a string constant) outside `diarium/settings.py` is a second home."""
    found = []
    for path in project_modules():
        relative = str(path.relative_to(ROOT))
        if relative == "diarium/settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = None
            if isinstance(node, ast.Call) and node.args:
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in ("get", "getenv") and isinstance(node.args[0], ast.Constant):
                    name = node.args[0].value
            elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
                name = node.slice.value
            if (
                isinstance(name, str)
                and name.startswith("DIARIUM_")
                and name not in LIBRARY_SETTINGS.get(relative, set())
            ):
                found.append(f"{relative}:{node.lineno}: {name}")
    assert not found, found
