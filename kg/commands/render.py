"""``kg render``: one self-contained HTML page that draws a graph (works offline)."""
from __future__ import annotations

from pathlib import Path

import click

from .. import graph as kgg
from ..fileio import check_output
from .options import PERIOD


@click.command()
@click.argument("graph_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="PAGE.html",
              help="HTML file to write (a regular file is replaced atomically).")
@click.option("--title", help="Page title (default: the graph file's name).")
@click.option("--at", "at", type=PERIOD, help="Draw only the lines that held on this day (YYYY-MM-DD).")
def render(graph_file: str, output: str, title: str | None, at: str | None) -> None:
    """Draw an org graph as one HTML page: search, legend, tooltips with sources, date filter.

    \b
    Example:
      kg render kuaishou.ttl -o kuaishou.html
    """
    from ..render import render as write_page
    from ..validate import load_graph

    check_output(output, [graph_file])
    G = kgg.from_rdf(load_graph(graph_file))
    if at is not None:
        G = kgg.as_of(G, at)
    write_page(G, output, title=title or Path(graph_file).name)
    click.echo(f"{output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} lines", err=True)
