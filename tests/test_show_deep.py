"""Deep structures in ``kg show`` (issue 15, item 9): a 10,000-deep org:unitOf chain was a RecursionError
in ``kg show org``, a 10,000-deep reporting chain took minutes in ``kg show reports`` (the chain was
recomputed for every report). Both are iterative and linear: checked by counting steps, not by timing."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main, show
from kg.views import graph as kgg

DEPTH = 10_000


def unit_chain(depth: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("u0", kind="company", label="top", labels=["top"])
    for i in range(1, depth + 1):
        G.add_node(f"u{i}", kind="unit", label=f"unit {i}", labels=[f"unit {i}"])
        G.add_edge(f"u{i}", f"u{i - 1}", rel="unitOf", status="current")
    G.add_node("p", kind="person", label="head", labels=["head"])
    G.add_edge("p", f"u{depth}", rel="headOf", status="current")
    return G


def report_chain(depth: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("p0", kind="person", label="boss", labels=["boss"])
    for i in range(1, depth + 1):
        G.add_node(f"p{i}", kind="person", label=f"person {i}", labels=[f"person {i}"])
        G.add_edge(f"p{i}", f"p{i - 1}", rel="reportsTo", status="current")
    return G


def show_on(G: nx.MultiDiGraph, monkeypatch, *args: str):
    monkeypatch.setattr(show, "_load", lambda path: G)  # the graph as built here, not read from a file
    return CliRunner().invoke(main, ["show", *args, "--graph", "deep.ttl"])


def test_unit_tree_of_a_10000_deep_chain():
    tree = kgg.unit_tree(unit_chain(DEPTH), "u0")
    depth, node = 0, tree
    while node["units"]:
        (node,) = node["units"]
        depth += 1
    assert depth == DEPTH and node["label"] == f"unit {DEPTH}" and node["heads"][0]["label"] == "head"


def test_unit_tree_puts_a_shared_unit_under_the_first_parent_reached():
    G = nx.MultiDiGraph()
    for n, kind in (("k", "company"), ("a", "unit"), ("b", "unit"), ("x", "unit"), ("y", "unit")):
        G.add_node(n, kind=kind, label=n)
    for child, parent in (("a", "k"), ("b", "k"), ("x", "a"), ("x", "b"), ("y", "x")):
        G.add_edge(child, parent, rel="unitOf", status="current")

    def shape(t):
        return [t["label"], [shape(u) for u in t["units"]]]

    assert shape(kgg.unit_tree(G, "k")) == ["k", [["a", [["x", [["y", []]]]]], ["b", []]]]


def test_show_org_on_a_10000_deep_chain(monkeypatch):
    result = show_on(unit_chain(DEPTH), monkeypatch, "org", "top")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2:5] == ["top", "└─ unit 1", "   └─ unit 2"]
    drawn = [ln for ln in lines if "─ " in ln]
    assert len(drawn) == DEPTH
    assert drawn[-1].endswith(f"(level {DEPTH}) unit {DEPTH} — head (head)")
    # deeper than the drawn indentation, lines stop moving right: the output grows linearly with the depth
    assert max(map(len, drawn)) <= 3 * show._MAX_INDENT + 40


def test_show_org_json_on_a_10000_deep_chain(monkeypatch):
    result = show_on(unit_chain(DEPTH), monkeypatch, "org", "top", "--json")
    assert result.exit_code == 0, result.output
    assert result.output.count('"label": "unit ') == DEPTH
    assert max(len(ln) - len(ln.lstrip(" ")) for ln in result.output.splitlines()) <= 2 * show._MAX_INDENT


def test_dumps_is_json_dumps_on_ordinary_data(seed_graph):
    G = kgg.from_rdf(seed_graph)
    company = kgg.find(G, "快手", "company")[0]
    samples = [
        kgg.unit_tree(G, company),
        kgg.changes(G, include_undated=True),
        {},
        [],
        {"a": [], "b": {}},
        {"x": [1, 2.5, None, True, "程一晓", {"y": ("t", 1)}]},
        "text",
        3,
    ]
    for data in samples:
        assert show.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)
    deep = kgg.unit_tree(unit_chain(400), "u0")  # deeper than the indentation, within json's own reader
    assert json.loads(show.dumps(deep)) == deep


def test_show_reports_reads_each_step_once(monkeypatch):
    steps = 0
    real = kgg._out

    def counted(G, node, rel):
        nonlocal steps
        steps += 1
        return real(G, node, rel)

    monkeypatch.setattr(kgg, "_out", counted)
    result = show_on(report_chain(DEPTH), monkeypatch, "reports", "boss")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"boss: 1 direct report (span of control), {DEPTH} in all"
    assert result.output.splitlines()[-1].split() == ["person", str(DEPTH), str(DEPTH), "person", str(DEPTH - 1), "—"]
    assert steps <= 2 * DEPTH  # one look up per report; the chain above each one was 50 million


@pytest.mark.parametrize("name", ["person 10000", "person 1"])
def test_show_chain_on_a_10000_deep_chain(monkeypatch, name):
    result = show_on(report_chain(DEPTH), monkeypatch, "chain", name)
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0].split(" → ")
    assert first[0] == name and first[-1] == "boss"
