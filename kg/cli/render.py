"""``kg render``: one self-contained HTML page that draws a graph (works offline)."""

from __future__ import annotations

import click

from ..fileio import check_output
from ..views import graph as kgg
from ..views.where import Where, neighbourhood, read_graph, resolve
from .options import PERIOD


@click.command()
@click.argument("source", required=False, type=click.Path())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="PAGE.html",
    help="HTML file to write (a regular file is replaced atomically).",
)
@click.option("--store", type=click.Path(file_okay=False), metavar="DIR", help="Draw a corpus store (its merged view).")
@click.option("--endpoint", metavar="URL", help="Draw what a SPARQL endpoint holds (what kg push put there).")
@click.option(
    "--union", is_flag=True, help="With --endpoint: the union of the server's named graphs as its default graph."
)
@click.option(
    "--focus", metavar="NAME", help="Draw only the part around this person or organization (any name, pinyin or IRI)."
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --focus: how many lines away from it to draw.",
)
@click.option("--title", help="Page title (default: the source's name).")
@click.option("--at", "at", type=PERIOD, help="Draw only the lines that held on this day (YYYY-MM-DD).")
def render(
    source: str | None,
    output: str,
    store: str | None,
    endpoint: str | None,
    union: bool,
    focus: str | None,
    depth: int,
    title: str | None,
    at: str | None,
) -> None:
    """Draw an org graph as one HTML page: search, legend, tooltips with sources, date filter.

    SOURCE is an RDF file or a store directory made by kg ingest (or give --store DIR or --endpoint URL).
    On a big store, --focus NAME --depth N draws the neighbourhood of one person or organization.

    \b
    Examples:
      kg render kuaishou.ttl -o kuaishou.html
      kg render --store corpus.store --focus 张勇 --depth 2 -o zhang-yong.html
    """
    from ..views.render import render as write_page

    if sum(bool(x) for x in (source, store, endpoint)) != 1:
        raise click.UsageError("give one source: an RDF file or store directory, --store DIR or --endpoint URL")
    check_output(output, [source] if source else [])
    where = Where(source, store, endpoint, union)
    G = kgg.from_rdf(read_graph(where))
    if focus is not None:
        G = neighbourhood(G, resolve(G, focus, kgg.KINDS, "person or organization", where.description), depth)
    if at is not None:
        G = kgg.as_of(G, at)
    drawn = write_page(G, output, title=title or where.name)
    click.echo(f"{output}: {drawn.nodes} nodes, {drawn.lines} lines", err=True)
