"""``kg eval``: score kg's extraction against a gold file (the shared FORMAT.md)."""

from __future__ import annotations

import json
import sys

import click

from ..eval import evaluate as ev


@click.command(name="eval")
@click.argument("gold_files", metavar="GOLD.jsonl...", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="List every miss and false positive with its sentence.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def evaluate(gold_files: tuple[str, ...], verbose: bool, as_json: bool, quiet: bool) -> None:
    """Extract each gold article (without its date, like `kg extract FILE`) and score the graph.

    Prints per relation true positives, false positives, misses, precision, recall and F1, then
    persons; the last line is `micro-F1 X.XXX (P X.XXX R X.XXX) persons-F1 X.XXX`. With several
    files, one summary line per file comes first and the table counts them all together. Exit
    status 1 when some article could not be extracted (it is scored as an empty graph).

    \b
    Examples:
      kg eval dev.gold.jsonl -v
      kg eval dev.gold.jsonl dev-genres.gold.jsonl dev-en.gold.jsonl
    """
    sets = [(name, ev.load_gold(name)) for name in gold_files]  # every file checked before any work
    reports = []
    for name, articles in sets:
        with click.progressbar(
            articles, label=f"extract {name}" if len(sets) > 1 else "extract", file=sys.stderr, hidden=quiet
        ) as bar:
            reports.append(ev.evaluate(bar))
    report = ev.combine(reports) if len(reports) > 1 else reports[0]
    for failure in report.failures:
        click.echo(f"kg: warning: extraction failed: {failure}", err=True)
    if as_json:
        out = report.to_dict(notes=verbose)
        if len(reports) > 1:
            out["files"] = {name: r.to_dict(notes=False) for (name, _), r in zip(sets, reports)}
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        if verbose:
            _print_notes(report)
        if len(reports) > 1:
            for (name, _), r in zip(sets, reports):
                click.echo(f"{name}: {r.summary()}")
        _print_table(report)
    if report.failures:
        raise SystemExit(1)


def _print_notes(report: ev.Report) -> None:
    for article in report.articles:
        if not article.notes:
            continue
        click.echo(f"# {article.id}")
        for note in article.notes:
            tag = "FN" if note.kind == "miss" else "FP"
            click.echo(f"  {tag} {note.fact}")
            for sentence in note.sentences or ["(no sentence)"]:
                click.echo(f"       « {sentence} »")
        click.echo()


def _print_table(report: ev.Report) -> None:
    click.echo(f"{'relation':<12}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    rows = list(report.relations.items()) + [("persons", report.persons)]
    for name, c in rows:
        click.echo(f"{name:<12}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}")
    click.echo(report.summary())
