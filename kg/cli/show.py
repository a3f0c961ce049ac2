"""``kg show``: ask a graph who reports to whom, who is in an organization and what changed when."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click
import networkx as nx

from ..errors import InputError
from ..query.results import text_table
from ..views import graph as kgg
from ..views.where import Where, chain_links, node, org_people, read_graph, reports_below, resolve
from .options import PERIOD

_SOURCE_OPTIONS = (
    click.option(
        "--graph",
        "graph_file",
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="RDF file to read (Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads).",
    ),
    click.option(
        "--store",
        type=click.Path(file_okay=False),
        metavar="DIR",
        help="Read a corpus store instead (the merged view of its documents).",
    ),
    click.option("--endpoint", metavar="URL", help="Read a SPARQL endpoint instead (what kg push put there)."),
    click.option(
        "--union", is_flag=True, help="With --endpoint: the union of the server's named graphs as its default graph."
    ),
)


def source_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--graph FILE, --store DIR or --endpoint URL (one of them), handed to ``command`` as ``where``."""

    @functools.wraps(command)
    def run(
        *args: Any, graph_file: str | None, store: str | None, endpoint: str | None, union: bool, **kwargs: Any
    ) -> Any:
        if sum(bool(x) for x in (graph_file, store, endpoint)) != 1:
            raise click.UsageError("give one of --graph FILE, --store DIR or --endpoint URL")
        return command(*args, where=Where(graph_file, store, endpoint, union), **kwargs)

    for option in reversed(_SOURCE_OPTIONS):
        run = option(run)
    return run


_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def _load(where: Where) -> nx.MultiDiGraph:
    return kgg.from_rdf(read_graph(where))


# --------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    return " ".join(str(value).split())


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Left-aligned columns, sized for CJK text; an unknown value is a dash."""
    return "\n".join(text_table(list(headers), [[_cell(c) for c in row] for row in rows]))


_MAX_INDENT = 32  # levels of nesting drawn as indentation; deeper ones are written at this one


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, without recursion and with the indentation
    stopping at :data:`_MAX_INDENT` levels: a tree of units thousands deep is printed in linear time
    (json's own encoder recurses, and indents each level further)."""
    parts: list[str] = []
    end = object()

    def start(value: Any, depth: int) -> list[Any] | None:
        """Write a scalar or an empty container; open a container and return its frame:
        [its items, whether it is a dict, the depth of its items, whether none is written yet]."""
        if isinstance(value, dict) and value:
            parts.append("{")
            return [iter(value.items()), True, depth + 1, True]
        if isinstance(value, (list, tuple)) and value:
            parts.append("[")
            return [iter(value), False, depth + 1, True]
        parts.append(json.dumps(value, ensure_ascii=False))
        return None

    def newline(depth: int) -> str:
        return "\n" + "  " * min(depth, _MAX_INDENT)

    frame = start(data, 0)
    stack = [frame] if frame else []
    while stack:
        frame = stack[-1]
        items, is_dict, depth, first = frame
        item: Any = next(items, end)
        if item is end:
            stack.pop()
            parts.append(newline(depth - 1) + ("}" if is_dict else "]"))
            continue
        parts.append(("" if first else ",") + newline(depth))
        frame[3] = False
        if is_dict:
            key, item = item
            parts.append(json.dumps(key, ensure_ascii=False) + ": ")
        inner = start(item, depth)
        if inner:
            stack.append(inner)
    return "".join(parts)


def _emit_json(data: Any) -> None:
    click.echo(dumps(data))


def _node(G: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    return node(G, n).as_json()


# --------------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------------


@click.group()
def show() -> None:
    """Ask a graph questions: reporting chains, reports, organizations, changes.

    \b
    Examples:
      kg show chain 小谷 --graph kuaishou.ttl
      kg show reports 程一晓 --graph kuaishou.ttl
      kg show org 快手 --graph kuaishou.ttl --at 2022-09-01
      kg show changes --graph kuaishou.ttl --from 2022-09-01 --to 2022-09-30
      kg show path 小谷 快手 --graph kuaishou.ttl
      kg show committees --graph kuaishou.ttl
      kg show org 快手 --store corpus.store
    """


@show.command()
@click.argument("name")
@source_options
@_JSON
def chain(name: str, where: Where, as_json: bool) -> None:
    """NAME's reporting chain, up to the top (NAME: any name, pinyin or IRI of a person)."""
    G = _load(where)
    person = resolve(G, name, ("person",), "person", where.description)
    nodes = kgg.reporting_chain(G, person)
    links = chain_links(G, nodes)
    if as_json:
        _emit_json(
            {
                "person": _node(G, person),
                "chain": [_node(G, n) for n in nodes],
                "links": [link.as_json() for link in links],
            }
        )
        return
    if len(nodes) == 1:
        click.echo(f"{kgg.label(G, person)} reports to no one in {where.description}")
        return
    click.echo(" → ".join(kgg.label(G, n) for n in nodes))
    click.echo()
    click.echo(
        table(
            ("person", "reports to", "source"),
            ((link.person_label, link.superior_label, link.source) for link in links),
        )
    )


@show.command()
@click.argument("name")
@source_options
@_JSON
def reports(name: str, where: Where, as_json: bool) -> None:
    """Who reports to NAME, directly and indirectly, and NAME's span of control."""
    G = _load(where)
    person = resolve(G, name, ("person",), "person", where.description)
    below = reports_below(G, person)
    span = kgg.span_of_control(G, person)
    if as_json:
        reports_json = [r.as_json() for r in below]
        _emit_json({"person": _node(G, person), "span_of_control": span, "total": len(below), "reports": reports_json})
        return
    who = kgg.label(G, person)
    if not below:
        click.echo(f"no one reports to {who} in {where.description}")
        return
    click.echo(f"{who}: {span} direct report{'s' if span != 1 else ''} (span of control), {len(below)} in all")
    click.echo()
    click.echo(
        table(
            ("person", "level", "reports to", "source"),
            ((r.person.label, "direct" if r.level == 1 else r.level, r.reports_to_label, r.source) for r in below),
        )
    )


def _tree_lines(tree: dict[str, Any]) -> list[str]:
    """The unit tree drawn with ├─ and └─; below :data:`_MAX_INDENT` levels the lines stop moving right
    and say their level (a chain thousands deep stays linear in size)."""
    lines: list[str] = []
    stack: list[tuple[dict[str, Any], str, bool, int]] = [(tree, "", True, 0)]
    while stack:  # depth first, with a stack of its own: no recursion limit on the depth
        node, prefix, last, depth = stack.pop()
        heads = ", ".join(f"{h['label']} ({h['role']})" if h.get("role") else h["label"] for h in node["heads"])
        kind = f" [{node['kind']}]" if node["kind"] == "committee" else ""
        text = f"{node['label']}{kind}" + (f" — {heads}" if heads else "")
        if depth > _MAX_INDENT:
            text = f"(level {depth}) {text}"
        lines.append(text if depth == 0 else prefix + ("└─ " if last else "├─ ") + text)
        child_prefix = "" if depth == 0 else prefix if depth >= _MAX_INDENT else prefix + ("   " if last else "│  ")
        units = node["units"]
        for i in range(len(units) - 1, -1, -1):
            stack.append((units[i], child_prefix, i == len(units) - 1, depth + 1))
    return lines


@show.command(name="org")
@click.argument("name")
@source_options
@click.option("--at", "at", type=PERIOD, help="Show the organization as it was on this day (YYYY-MM-DD).")
@_JSON
def org_(name: str, where: Where, at: str | None, as_json: bool) -> None:
    """An organization, unit or committee: its units with their heads, and its people."""
    G = _load(where)
    org = resolve(G, name, kgg.ORG_KINDS, "organization", where.description)
    if at:
        G = kgg.as_of(G, at)
    tree = kgg.unit_tree(G, org)
    parents = [v for _u, v, d in G.out_edges(org, data=True) if d.get("rel") == "unitOf"]
    people = org_people(G, org, "current")
    former = [] if at else org_people(G, org, "former")
    if as_json:
        _emit_json(
            {
                "org": _node(G, org),
                "as_of": G.graph.get("as_of"),
                "parents": [_node(G, p) for p in parents],
                "tree": tree,
                "people": [r.as_json() for r in people],
                "former": [r.as_json() for r in former],
            }
        )
        return
    d = G.nodes[org]
    head = f"{d['label']} ({d['kind']}"
    if parents:
        head += ", unit of " + ", ".join(kgg.label(G, p) for p in parents)
    head += ")" + (f" as of {G.graph['as_of']}" if at else "")
    click.echo(head)
    others = [x for x in d.get("labels", []) if x != d["label"]]
    if others:
        click.echo("also: " + ", ".join(others))
    click.echo()
    click.echo("\n".join(_tree_lines(tree)))
    click.echo()
    if people:
        click.echo(f"people ({len({r.person for r in people})}):")
        click.echo(
            table(
                ("person", "role", "in", "since", "source"),
                ((r.person_label, r.role, r.org_label, r.start, r.source) for r in people),
            )
        )
    else:
        click.echo("people: none known" + (f" on {G.graph['as_of']}" if at else ""))
    if former:
        click.echo()
        click.echo(f"formerly ({len({r.person for r in former})}):")
        click.echo(
            table(
                ("person", "role", "in", "until", "source"),
                ((r.person_label, r.role, r.org_label, r.end, r.source) for r in former),
            )
        )


def _posts(posts: list[dict[str, Any]]) -> str:
    return "; ".join(" ".join(filter(None, (p.get("org_label"), p.get("title") or p.get("role")))) for p in posts)


@show.command()
@source_options
@click.option(
    "--from",
    "start",
    type=PERIOD,
    help="First day (inclusive; YYYY-MM-DD, YYYY-MM or YYYY). Optional: default, the earliest change.",
)
@click.option("--to", "end", type=PERIOD, help="Last day (inclusive). Optional: default, the latest change.")
@click.option("--include-undated", is_flag=True, help="Also list changes whose date is unknown.")
@_JSON
def changes(where: Where, start: str | None, end: str | None, include_undated: bool, as_json: bool) -> None:
    """Appointments, departures, transfers and units set up between two dates.

    --from and --to are optional: without --from the list starts at the earliest change, without
    --to it runs to the latest; with neither, every dated change.

    \b
    Example:
      kg show changes --graph kuaishou.ttl --from 2022-09
    """
    if start and end and kgg.first_day(start) > kgg.period(end)[1]:  # type: ignore[index]
        raise InputError(f"--from {start} is after --to {end}")
    G = _load(where)
    found = kgg.changes(G, start, end, include_undated=include_undated)
    undated = [e for e in G.graph.get("events", []) if not (e.get("date") or e.get("reported"))]
    if as_json:
        _emit_json({"from": start, "to": end, "changes": found})
        return
    if not found:
        click.echo(
            "no changes"
            + (f" from {start}" if start else "")
            + (f" to {end}" if end else "")
            + f" in {where.description}"
        )
    else:
        click.echo(
            table(
                ("date", "change", "who / unit", "from", "to", "source"),
                (
                    (
                        e.get("date") or (f"~{e['reported']} (reported)" if e.get("reported") else None),
                        e["type"],
                        e.get("person_label") or ", ".join(e.get("unit_labels", [])),
                        _posts(e.get("from", [])),
                        _posts(e.get("to", [])),
                        e.get("source"),
                    )
                    for e in found
                ),
            )
        )
    hidden = [e for e in undated if e not in found]
    if hidden:
        click.echo(
            f"({len(hidden)} change{'s' if len(hidden) != 1 else ''} without a date not shown; add --include-undated)"
        )


@show.command()
@click.argument("a")
@click.argument("b")
@source_options
@_JSON
def path(a: str, b: str, where: Where, as_json: bool) -> None:
    """The shortest chain of lines (any kind) between two people or organizations.

    \b
    Example:
      kg show path 小谷 快手 --graph kuaishou.ttl
    """
    G = _load(where)
    x = resolve(G, a, kgg.KINDS, "person or organization", where.description)
    y = resolve(G, b, kgg.KINDS, "person or organization", where.description)
    steps = kgg.shortest_org_path(G, x, y)
    if as_json:
        _emit_json({"path": [{**_node(G, n), "rel": rel, "direction": d} for n, rel, d in steps]})
        return
    if not steps:
        click.echo(f"{kgg.label(G, x)} and {kgg.label(G, y)} are not connected in {where.description}")
        return
    text = kgg.label(G, steps[0][0])
    for n, rel, direction in steps[1:]:
        words = kgg.RELATIONS.get(rel or "", rel or "")
        text += f" —{words}→ " if direction == "forward" else f" ←{words}— "
        text += kgg.label(G, n)
    click.echo(text)


@show.command(name="committees")
@source_options
@_JSON
def committees_(where: Where, as_json: bool) -> None:
    """Every committee with its members.

    \b
    Example:
      kg show committees --graph kuaishou.ttl
    """
    G = _load(where)
    found = kgg.committees(G)
    if as_json:
        _emit_json({"committees": found})
        return
    if not found:
        click.echo(f"no committees in {where.description}")
        return
    for i, c in enumerate(found):
        if i:
            click.echo()
        click.echo(c["label"] + (f" ({c['parent_label']})" if c.get("parent_label") else ""))
        click.echo(table(("member", "role"), ((m["label"], m["role"] or "member") for m in c["members"])))
