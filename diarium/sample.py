"""The corpus that `diarium demo` (and `make run`) ingests.

The real documents in `../shared/corpus` are used when they are there; a bare clone falls
back to a small sample written for this project (one case, `TN-2024-1021`, in four
documents: tjänsteskrivelse, yttrande, protokollsutdrag, web page).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLED = Path(__file__).resolve().parent / "sample"


@dataclass(frozen=True)
class DemoCorpus:
    path: Path
    description: str
    queries: tuple[str, ...]
    case_number: str


def shared_corpus() -> Path | None:
    for candidate in (REPO.parent / "shared" / "corpus", Path.cwd().parent / "shared" / "corpus"):
        if candidate.is_dir():
            return candidate
    return None


def demo_corpus() -> DemoCorpus:
    corpus = shared_corpus()
    if corpus is not None:
        return DemoCorpus(
            corpus,
            f"de delade dokumenten ({corpus})",
            ("områdeslyft", "samverkansmodel", "strandskydd"),
            "tn 2019 3825",
        )
    return DemoCorpus(
        BUNDLED,
        "exempeldokumenten som följer med Diarium",
        ("trygghet", "samverkansmodel", "belysning"),
        "tn 2024 1021",
    )
