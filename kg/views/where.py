"""The graph a view reads, from any source ``kg query`` reads: an RDF file, a corpus store, an endpoint;
the part of it around one node; conflicts laid out for a terminal.

>>> where = Where(file="kuaishou.ttl")
>>> G = kg.views.graph.from_rdf(read_graph(where))          # doctest: +SKIP
>>> small = neighbourhood(G, "person/cheng-yixiao", depth=2)   # doctest: +SKIP
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import rdflib

from ..errors import KgError

if TYPE_CHECKING:
    from ..query import Result

# everything a source holds in its default graph (a store's and a pushed server's: the merged view)
_EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class Where:
    """One source of a graph: an RDF ``file``, a ``store`` directory or an ``endpoint`` URL (with
    ``union``: the union of the server's named graphs as its default graph)."""

    file: str | None = None
    store: str | None = None
    endpoint: str | None = None
    union: bool = False

    def __post_init__(self) -> None:
        given = [x for x in (self.file, self.store, self.endpoint) if x]
        if len(given) != 1:
            raise KgError(
                "give one source: an RDF file, a store directory or an endpoint URL"
                if given
                else "no source: give an RDF file, a store directory or an endpoint URL"
            )

    @property
    def description(self) -> str:
        """The source as messages name it."""
        return self.file or self.store or self.endpoint or ""

    @property
    def name(self) -> str:
        """A short name for a page title: the file's or directory's name, or the URL."""
        path = self.file or self.store
        return Path(path).name if path else self.endpoint or ""


def read_graph(where: Where) -> rdflib.Graph:
    """The whole graph of a source as rdflib reads it (a store: the merged view of its documents)."""
    from .. import query as q

    if where.file:
        if Path(where.file).is_dir():  # as kg query reads it: a directory is a store
            return read_graph(Where(store=where.file))
        return q.GraphSource.from_file(where.file).graph
    src = q.open_source(where.store, endpoint=where.endpoint, union=where.union)
    try:
        graph = src.query(_EVERYTHING).graph
    finally:
        src.close()
    return graph if graph is not None else rdflib.Graph()


def neighbourhood(G: nx.MultiDiGraph, node: str, depth: int) -> nx.MultiDiGraph:
    """The part of ``G`` within ``depth`` lines of ``node``, whichever way the lines point: the nodes
    and every line among them (a copy; the graph's attributes are kept).

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b"); _ = G.add_edge("c", "b"); _ = G.add_edge("c", "d")
    >>> sorted(neighbourhood(G, "a", 2)), sorted(neighbourhood(G, "a", 0))
    (['a', 'b', 'c'], ['a'])
    """
    if depth < 0:
        raise KgError(f"depth {depth}: not a number of steps (0 or more)")
    level = {node: 0}
    todo = deque([node])
    while todo:
        n = todo.popleft()
        if level[n] == depth:
            continue
        for m in (*G.successors(n), *G.predecessors(n)):
            if m not in level:
                level[m] = level[n] + 1
                todo.append(m)
    H = G.subgraph(level).copy()
    H.graph.update(G.graph)
    return H


def conflicts_text(result: Result, width: int = 100) -> str:
    """The rows of the conflicts query as blocks no wider than ``width``: what conflicts, where, in which
    role; then each side's name, document date, document id and sentence (cut with … to fit)."""
    from ..query.results import pad_text, text_width

    def fit(text: str) -> str:
        if text_width(text) <= width:
            return text
        out, used = [], 0
        for ch in text:
            used += text_width(ch)
            if used > width - 1:
                break
            out.append(ch)
        return "".join(out) + "…"

    blocks = []
    for row in result.dicts():
        sides = [
            (
                row.get(f"personName{n}", ""),
                row.get(f"date{n}") or "no date",
                row.get(f"doc{n}", ""),
                " ".join(row.get(f"sentence{n}", "").split()),
            )
            for n in (1, 2)
        ]
        names = max(text_width(name) for name, *_ in sides)
        lines = [fit(" · ".join(x for x in (row.get("conflict"), row.get("orgName"), row.get("role")) if x))]
        lines += [
            fit(f"  {pad_text(name, names)}  {date:<10}  {doc}  {sentence}") for name, date, doc, sentence in sides
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
