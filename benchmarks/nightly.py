"""Benchmark: the nightly run over an archive of N unchanged documents (target: ≤ 30 s at 10,000).

    .venv/bin/python benchmarks/nightly.py [--documents 10000] [--repeat 3] [--changed 10]

Generates N small Swedish text documents (a tjänsteskrivelse-like memo each, with its own
case number, date and title) in a temporary drop folder, ingests them once for real
(parse, extract, tables, index: the figure printed as "first ingest"), then times the
nightly run with nothing changed, the way it runs:

- in process (`run_ingest`, the Dagster job as the CLI and tests run it), `--repeat` times;
- as a new process (`diarium ingest FOLDER`), which also pays Python and Dagster imports,
  as a run launched by the daemon does;
- and once with `--changed` files edited, to show that the cost follows the changes.

The per-step seconds come from Dagster's step events.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diarium.archive import Archive
from pipelines.launch import run_ingest

COMMITTEES = (
    ("tekniska nämnden", "TN", "Fastighets- och gatukontoret"),
    ("kulturnämnden", "KN", "Kulturförvaltningen"),
    ("stadsbyggnadsnämnden", "SBN", "Stadsbyggnadskontoret"),
    ("miljönämnden", "MN", "Miljöförvaltningen"),
    ("kommunstyrelsen", "STK", "Stadskontoret"),
)
TOPICS = (
    "belysning i parken vid {place}",
    "nya öppettider för biblioteket i {place}",
    "detaljplan för bostäder vid {place}",
    "tillsyn av förskolornas kök i {place}",
    "trygghetsvandring och städning i {place}",
    "cykelparkering vid stationen i {place}",
)
PLACES = ("Lindängen", "Holma", "Kroksbäck", "Segevång", "Västra Hamnen", "Sofielund", "Oxie")

MEMO = """Tjänsteskrivelse
Datum {date}
Diarienummer {case}
{office}

{title}

Förslag till beslut
{committee_cap} föreslås besluta att godkänna förslaget om {topic}.

Sammanfattning
{office} har utrett frågan om {topic}. Förslaget följs upp årligen och redovisas för
{committee} i samband med årsredovisningen. Ärendet har beretts tillsammans med
berörda förvaltningar.
"""


def generate(folder: Path, count: int) -> None:
    for n in range(count):
        committee, series, office = COMMITTEES[n % len(COMMITTEES)]
        topic = TOPICS[n % len(TOPICS)].format(place=PLACES[n % len(PLACES)])
        year = 2015 + n % 10
        text = MEMO.format(
            date=f"{year}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            case=f"{series}-{year}-{1000 + n}",
            office=office,
            title=f"Utredning {n} om {topic}",
            committee=committee,
            committee_cap=committee[0].upper() + committee[1:],
            topic=topic,
        )
        sub = folder / f"{n // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"ts_{n:05d}.txt").write_text(text, encoding="utf-8")


def _seconds(result: Any) -> dict[str, float]:
    """Seconds per step (assets by name, the asset checks summed), from Dagster's events."""
    assets = ("source_files", "documents", "archive_tables", "search_index")
    out = dict.fromkeys(assets, 0.0) | {"checks": 0.0}
    for event in result.all_events:
        if event.event_type_value == "STEP_SUCCESS" and event.step_key:
            key = event.step_key if event.step_key in assets else "checks"
            out[key] += event.event_specific_data.duration_ms / 1000
    return out


def _meta(result: Any, node: str, key: str) -> Any:
    value = result.asset_materializations_for_node(node)[0].metadata[key]
    return getattr(value, "value", value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--changed", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        drop, home = root / "drop", root / "archive"
        started = time.perf_counter()
        generate(drop, args.documents)
        print(f"generated {args.documents} documents in {time.perf_counter() - started:.1f} s")
        os.environ["DIARIUM_HOME"] = str(home)
        archive = Archive.open(home)

        started = time.perf_counter()
        first = run_ingest(archive, [drop])
        cold = time.perf_counter() - started
        print(
            f"first ingest: {cold:.1f} s ({args.documents / cold:.0f} documents/s; "
            f"ok {_meta(first, 'documents', 'ok')}, failed {_meta(first, 'documents', 'failed')})"
        )

        nights, steps = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = run_ingest(archive, [drop])
            nights.append(time.perf_counter() - started)
            steps.append(_seconds(result))
            assert _meta(result, "source_files", "unchanged") == args.documents
            assert _meta(result, "documents", "processed") == 0
        median = statistics.median(nights)
        print(
            f"nightly run, nothing changed, in process: median {median:.2f} s "
            f"(runs: {', '.join(f'{s:.2f}' for s in nights)})"
        )
        last = steps[-1]
        print(
            "  steps (s): "
            + ", ".join(f"{name} {seconds:.2f}" for name, seconds in last.items())
            + f"; run set-up and bookkeeping {median - sum(last.values()):.2f}"
        )

        env = {**os.environ, "DIARIUM_HOME": str(home)}
        diarium = Path(sys.executable).parent / "diarium"
        started = time.perf_counter()
        subprocess.run(
            [str(diarium), "ingest", str(drop)], env=env, check=True, capture_output=True
        )
        print(
            f"nightly run, nothing changed, new process (`diarium ingest`): "
            f"{time.perf_counter() - started:.2f} s"
        )

        edited = sorted(drop.rglob("*.txt"))[: args.changed]
        for path in edited:
            path.write_text(
                path.read_text(encoding="utf-8") + "\nTillägg efter beredning.\n", encoding="utf-8"
            )
        started = time.perf_counter()
        result = run_ingest(archive, [drop])
        print(
            f"nightly run, {_meta(result, 'source_files', 'changed')} changed: "
            f"{time.perf_counter() - started:.2f} s"
        )
        target = 30.0
        verdict = "meets" if median <= target else "MISSES"
        print(f"target ≤ {target:.0f} s for {args.documents} unchanged documents: {verdict}")


if __name__ == "__main__":
    main()
