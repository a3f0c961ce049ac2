"""``kg extract`` and ``kg validate``."""

from __future__ import annotations

from collections.abc import Iterable

import click

from ..extraction import dates, text as text_mod
from ..fileio import check_output, write_output
from ..model import Document
from ..rdf import write as rdf
from .options import DAY


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    default="-",
    help="RDF file to write (default: stdout): .ttl, .nt, .jsonld, .trig or .nq (a name "
    "without an extension: Turtle). A regular file is replaced atomically.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(rdf.OUTPUT_FORMATS)),
    help="Output format (default: from the file extension, else Turtle).",
)
@click.option(
    "--date",
    "date",
    type=DAY,
    metavar="YYYY-MM-DD",
    help="Publication date; relative dates resolve against it (default: latest date in the text).",
)
@click.option(
    "--base",
    default=rdf.DEFAULT_BASE,
    show_default=True,
    help="Base IRI of the minted entities (an absolute http(s):// or urn: IRI).",
)
def extract(inputs: tuple[str, ...], output: str, fmt: str | None, date: str | None, base: str) -> None:
    """Extract an org-change graph from articles (files or - for stdin) as W3C ORG RDF.

    A large file (over kg.store.stream.STREAM_ABOVE_BYTES) is read in paragraph chunks, in bounded
    memory; each chunk is a document of its own in the graph. An input in which nothing is found
    gets a warning on stderr; the graph is written all the same (exit status 0).

    \b
    Example:
      kg extract examples/kuaishou-2022-09.txt -o kuaishou.ttl
    """
    from ..extraction import pipeline  # the extractor (and jieba) only when a command runs
    from ..store import stream

    # every check a user can fail comes before the work, which may take minutes
    rdf.check_base(base)
    if not base.endswith(("/", "#")):
        base += "/"
    when = dates.parse_iso(date) if date is not None else None
    out_format = rdf.output_format(output, fmt)
    check_output(output, inputs)
    graph = rdf.new_graph(base)
    for path in inputs:
        if stream.should_stream(path):
            docs: Iterable[Document] = stream.iter_documents(path, date=when)
        else:
            docs = [pipeline.extract(text_mod.read_text(path), date=when, source=path)]
        found = False
        for doc in docs:
            rdf.add_to(graph, doc, base)
            found = found or doc.has_facts
        if not found:  # the graph is still written: an empty article is no error, but worth a look
            click.echo(
                f"kg: warning: {'<stdin>' if path == '-' else path}: no people, posts or organizations found", err=True
            )
    write_output(output, graph.serialize(format=rdf.OUTPUT_FORMATS[out_format]))


@click.command()
@click.argument("graph_file", type=click.Path())
def validate(graph_file: str) -> None:
    """Check a graph against kg's SHACL shapes; print each violation (exit 1 if any)."""
    from ..rdf.validate import load_graph, validate as run

    violations = run(load_graph(graph_file))
    for v in violations:
        click.echo(str(v))
    if violations:
        raise SystemExit(1)
    click.echo(f"{graph_file}: conforms")
