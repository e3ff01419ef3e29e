"""Commands that measure quality: extraction against gold, search against judged queries."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from diarium.cli.common import (
    HomeOption,
    JsonOption,
    app,
    backend_kind,
    console,
    existing_archive,
    fail,
    print_json,
    search_errors,
)


@app.command("eval-search")
def eval_search(
    queries: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Judged queries (JSONL).")
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
    min_mrr: Annotated[float, typer.Option(help="Exit 1 when Diarium's MRR is below this.")] = 0.0,
    min_recall: Annotated[
        float, typer.Option(help="Exit 1 when Diarium's recall@10 is below this.")
    ] = 0.0,
    engine: Annotated[
        str | None,
        typer.Option(
            help="tantivy or meilisearch (default DIARIUM_SEARCH_BACKEND, else tantivy); the "
            "archive must have been ingested on that engine."
        ),
    ] = None,
) -> None:
    """Search relevance on judged queries: MRR and recall@10, Diarium against a baseline."""
    from diarium.search_eval import evaluate, load_queries

    with search_errors():
        scores = evaluate(existing_archive(home), load_queries(queries), engine or backend_kind())
    if as_json:
        print_json(
            [
                {
                    "engine": s.engine,
                    "mrr": round(s.mrr, 4),
                    "recall_at_10": round(s.recall, 4),
                    "per_kind": {
                        k: {"mrr": round(m, 4), "recall_at_10": round(r, 4)}
                        for k, (m, r) in s.per_kind.items()
                    },
                    "misses": [
                        {"id": i, "query": q, "first_relevant_rank": r} for i, q, r in s.misses
                    ],
                }
                for s in scores
            ]
        )
    else:
        from rich.table import Table

        table = Table(title=f"Relevance on {queries.name} ({len(load_queries(queries))} queries)")
        table.add_column("engine")
        table.add_column("kind")
        table.add_column("MRR", justify="right")
        table.add_column("recall@10", justify="right")
        for s in scores:
            table.add_row(s.engine, "all", f"{s.mrr:.3f}", f"{s.recall:.3f}", style="bold")
            for kind, (mrr, recall) in sorted(s.per_kind.items()):
                table.add_row("", kind, f"{mrr:.3f}", f"{recall:.3f}")
        console.print(table)
    if scores[0].mrr < min_mrr or scores[0].recall < min_recall:
        raise fail(
            f"under tröskeln: MRR {scores[0].mrr:.3f} (min {min_mrr}), recall@10 {scores[0].recall:.3f} (min {min_recall})"
        )


@app.command("eval")
def eval_extraction(
    paths: Annotated[
        list[Path],
        typer.Argument(help="One or more gold files (JSONL), then the documents directory."),
    ],
    as_json: JsonOption = False,
    errors_: Annotated[
        bool, typer.Option("--errors", help="List each document's disagreements.")
    ] = False,
    min_case_numbers: Annotated[float | None, typer.Option(help="Minimum case-number F1.")] = None,
    min_committees: Annotated[float | None, typer.Option(help="Minimum committee F1.")] = None,
    min_meeting_date: Annotated[
        float | None, typer.Option(help="Minimum meeting-date accuracy.")
    ] = None,
    min_doc_type: Annotated[float | None, typer.Option(help="Minimum doc-type accuracy.")] = None,
    min_decision_recall: Annotated[
        float | None, typer.Option(help="Minimum decision-point recall.")
    ] = None,
    min_dates: Annotated[float | None, typer.Option(help="Minimum date F1.")] = None,
    min_persons: Annotated[float | None, typer.Option(help="Minimum person F1.")] = None,
    split: Annotated[
        str,
        typer.Option(
            help="For gold written as the text writes it (../shared/municipalities): score the "
            "'tune' part, the 'held-out' part (municipalities no rule was tuned on), 'all', or "
            "'both' (tune and held-out side by side)."
        ),
    ] = "both",
) -> None:
    """Extraction against gold files: precision, recall and F1 per field (exit 1 below a minimum)."""
    from diarium.evaluate import GoldError, check_thresholds, evaluate, load_gold, render
    from diarium.evaluate_written import (
        SPLITS,
        evaluate_written,
        is_written_gold,
        load_written_gold,
        render_written,
    )

    if len(paths) < 2 or not paths[-1].is_dir():
        raise fail("användning: diarium eval GOLD.jsonl [GOLD.jsonl ...] DOKUMENTMAPP (en mapp)")
    try:
        first = load_written_gold(paths[0])
    except GoldError as error:
        raise fail(str(error)) from error
    if is_written_gold(first[0]):
        if split not in (*SPLITS, "both"):
            raise fail(f"--split: one of {', '.join((*SPLITS, 'both'))}")
        try:
            written = [doc for path in paths[:-1] for doc in load_written_gold(path)]
        except GoldError as error:
            raise fail(str(error)) from error
        parts = ["tune", "held-out"] if split == "both" else [split]
        reports = [evaluate_written(written, paths[-1], split=p) for p in parts]  # type: ignore[arg-type]
        if as_json:
            print_json([r.to_dict(with_documents=errors_) for r in reports])
        else:
            render_written(reports, console, errors=errors_)
        return
    try:
        gold = [doc for path in paths[:-1] for doc in load_gold(path)]
    except GoldError as error:
        raise fail(str(error)) from error
    report = evaluate(gold, paths[-1])
    if as_json:
        print_json(report.to_dict())
    else:
        render(report, console, title=", ".join(p.name for p in paths[:-1]), errors=errors_)
    failures = check_thresholds(
        report,
        {
            "case_numbers": min_case_numbers,
            "committees": min_committees,
            "meeting_date": min_meeting_date,
            "doc_type": min_doc_type,
            "decision_recall": min_decision_recall,
            "dates": min_dates,
            "persons": min_persons,
        },
    )
    if failures:
        raise fail("under tröskeln: " + "; ".join(failures))
