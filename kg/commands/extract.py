"""``kg extract`` and ``kg validate``."""
from __future__ import annotations

import click

from .. import dates, rdf, text as text_mod
from ..fileio import check_output, write_atomic


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(allow_dash=True), default="-",
              help="Turtle file to write (default: stdout). Written atomically.")
@click.option("--date", "date", metavar="YYYY-MM-DD",
              help="Publication date; relative dates resolve against it (default: latest date in the text).")
@click.option("--base", default=rdf.DEFAULT_BASE, show_default=True,
              help="Base IRI of the minted entities (an absolute http(s):// or urn: IRI).")
def extract(inputs: tuple[str, ...], output: str, date: str | None, base: str) -> None:
    """Extract an org-change graph from articles (files or - for stdin) as W3C ORG Turtle.

    A large file (over kg.stream.STREAM_ABOVE_BYTES) is read in paragraph chunks, in bounded
    memory; each chunk is a document of its own in the graph.

    \b
    Example:
      kg extract examples/kuaishou-2022-09.txt -o kuaishou.ttl
    """
    from .. import pipeline, stream  # the extractor (and jieba) only when a command runs

    # every check a user can fail comes before the work, which may take minutes
    rdf.check_base(base)
    if not base.endswith(("/", "#")):
        base += "/"
    when = dates.parse_iso(date) if date is not None else None
    if output != "-":
        check_output(output)
    graph = rdf.new_graph(base)
    for path in inputs:
        if stream.should_stream(path):
            stream.extract_file_stream(path, date=when, base=base, graph=graph)
        else:
            rdf.add_to(graph, pipeline.extract(text_mod.read_text(path), date=when, source=path), base)
    turtle = graph.serialize(format="turtle")
    if output == "-":
        click.echo(turtle, nl=False)
    else:
        write_atomic(output, turtle)


@click.command()
@click.argument("graph_file", type=click.Path())
def validate(graph_file: str) -> None:
    """Check a graph against kg's SHACL shapes; print each violation (exit 1 if any)."""
    from ..validate import load_graph, validate as run

    violations = run(load_graph(graph_file))
    for v in violations:
        click.echo(str(v))
    if violations:
        raise SystemExit(1)
    click.echo(f"{graph_file}: conforms")
