"""The graph a view reads, from any source ``kg query`` reads: an RDF file, a corpus store, an endpoint;
the one node a name means (:func:`resolve`); the part of the graph around a node; what ``kg show``
lists (reporting lines, reports, an organization's people) as typed records (:mod:`kg.views.records`);
conflicts laid out for a terminal.

>>> where = Where(file="kuaishou.ttl")
>>> G = kg.views.graph.from_rdf(read_graph(where))          # doctest: +SKIP
>>> person = resolve(G, "小谷", ("person",), "person", where.description)   # doctest: +SKIP
>>> small = neighbourhood(G, person, depth=2)          # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import rdflib

from ..errors import InputError, shorten
from . import graph as kgg
from .records import Line, Link, Member, Node, Report

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
            raise InputError(
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


def resolve(G: nx.MultiDiGraph, name: str, kinds: Sequence[str], what: str, where: str) -> str:
    """The one node of one of ``kinds`` called ``name`` (see :func:`kg.views.graph.find`) in the graph read
    from ``where``; an error naming the candidates, the node's other kind or near names otherwise.
    ``what`` names the kinds in the message ("person", "organization")."""
    hits = kgg.find(G, name, kinds)
    quoted = json.dumps(shorten(name), ensure_ascii=False)  # a 20-million-character name is not echoed whole
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = "; ".join(_describe(G, n) for n in hits[:10])
        more = f"; and {len(hits) - 10} more" if len(hits) > 10 else ""
        raise InputError(
            f"{quoted} is ambiguous in {where}: {len(hits)} {what}s match: {listed}{more}; give the IRI instead"
        )
    other = kgg.find(G, name)
    if other:
        kinds_found = sorted({G.nodes[n].get("kind") for n in other})
        raise InputError(f"{quoted} in {where} is a {' / '.join(kinds_found)}, not a {what}")
    near = kgg.suggest(G, name, kinds)
    hint = f"; did you mean {', '.join(shorten(kgg.label(G, n)) for n in near)}?" if near else ""
    raise InputError(f"no {what} named {quoted} in {where}{hint}")


def _describe(G: nx.MultiDiGraph, n: str) -> str:
    return f"{shorten(kgg.label(G, n))} ({G.nodes[n].get('kind')}, {shorten(n)})"


def node(G: nx.MultiDiGraph, n: str) -> Node:
    """Node ``n`` as listings show it."""
    d = G.nodes[n]
    return Node(n, d.get("label"), d.get("kind"), d.get("labels", []))


def line_between(G: nx.MultiDiGraph, u: str, v: str, rel: str) -> Line | None:
    """The (first) line of relation ``rel`` from ``u`` to ``v``, if there is one."""
    for d in G.get_edge_data(u, v, default={}).values():
        if d.get("rel") == rel:
            return Line.of(d)
    return None


def chain_links(G: nx.MultiDiGraph, chain: Sequence[str]) -> list[Link]:
    """The reporting lines between the consecutive people of ``chain`` (see
    :func:`kg.views.graph.reporting_chain`), each with its source sentence."""
    links = []
    for a, b in zip(chain, chain[1:]):
        line = line_between(G, a, b, "reportsTo")
        links.append(Link(a, kgg.label(G, a), b, kgg.label(G, b), line.source if line else None))
    return links


def reports_below(G: nx.MultiDiGraph, person: str) -> list[Report]:
    """Everyone below ``person`` (see :func:`kg.views.graph.all_reports`), each with the one they report to."""
    rows = []
    for n, level in kgg.all_reports(G, person):
        boss = kgg.superior(G, n)  # the next step of n's chain only: the whole chain per report was quadratic
        line = line_between(G, n, boss, "reportsTo") if boss else None
        rows.append(
            Report(node(G, n), level, boss, kgg.label(G, boss) if boss else None, line.source if line else None)
        )
    return rows


def org_people(G: nx.MultiDiGraph, org: str, status: str = "current") -> list[Member]:
    """One row per person, organization (``org`` or one of its units) and role, of the lines with this
    ``status`` ("current" or "former"): heads first, then by unit (nearest first), role and name."""
    orgs = kgg.subtree(G, org)
    rows: dict[tuple[str, str, str | None], Member] = {}
    placed: set[tuple[str, str]] = set()  # (person, org) of the rows: looked up, not searched for
    for o in orgs:
        for p, _o, d in G.in_edges(o, data=True):
            line = Line.of(d)
            if line.rel not in ("memberOf", "headOf") or G.nodes[p].get("kind") != "person":
                continue
            if line.status != status:
                continue
            heads = line.rel == "headOf"
            role = line.title or line.role or ("head" if heads else "member")
            key = (p, o, role)
            if heads and (key in rows or (p, o) in placed):
                continue
            placed.add((p, o))
            rows[key] = Member(
                p, kgg.label(G, p), o, kgg.label(G, o), role, heads or line.head, line.start, line.end, line.source
            )
    depth = {o: i for i, o in enumerate(orgs)}
    return sorted(
        rows.values(),
        key=lambda r: (depth[r.org], not r.head, r.role == "member", r.person_label, r.role or ""),
    )


def neighbourhood(G: nx.MultiDiGraph, node: str, depth: int) -> nx.MultiDiGraph:
    """The part of ``G`` within ``depth`` lines of ``node``, whichever way the lines point: the nodes
    and every line among them (a copy; the graph's attributes are kept).

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b"); _ = G.add_edge("c", "b"); _ = G.add_edge("c", "d")
    >>> sorted(neighbourhood(G, "a", 2)), sorted(neighbourhood(G, "a", 0))
    (['a', 'b', 'c'], ['a'])
    """
    if depth < 0:
        raise InputError(f"depth {depth}: not a number of steps (0 or more)")
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
    from ..query.results import fit_text, pad_text, text_width

    def fit(text: str) -> str:
        return fit_text(text, width)

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
