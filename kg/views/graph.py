"""Ask an org graph questions: who reports to whom, who is in a unit, what changed when.

:func:`from_rdf` turns any rdflib graph in the W3C ORG vocabulary (kg's own output, see
``docs/rdf.md``, or anyone else's) into a :class:`networkx.MultiDiGraph`; the other functions are plain
queries over that graph.

Nodes are keyed by IRI (``str``; blank nodes as ``"_:id"``) and carry

* ``kind``: ``"person"``, ``"company"``, ``"unit"`` or ``"committee"``
* ``label``: the display name (``foaf:name`` / ``skos:prefLabel`` / ``rdfs:label``, Chinese first)
* ``labels``: every name the graph gives (alt labels, pinyin, English ...)

Edges point from the person (or unit) to the person (or organization) and carry ``rel``, one of
``"reportsTo"`` (subordinate -> superior), ``"headOf"`` (person -> org), ``"memberOf"`` (person -> org,
one edge per ``org:Membership`` with ``role``, ``title``, ``start``, ``end``, ``status``) and
``"unitOf"`` (unit -> parent); every edge has ``source`` (the sentence it was read from, or ``None``),
``start``/``end`` (ISO dates, possibly partial like ``"2022-09"``, or ``None``), ``ended`` (the line has
an end, dated or not) and ``status`` (``"current"`` or ``"former"``). Every edge the reader makes carries
the same keys, those of a :class:`kg.views.records.Line` (its ``attrs()``); attributes stay plain dicts, as
networkx keeps them, so a hand-built graph works too.

Personnel changes and units set up are kept in ``G.graph["events"]`` for :func:`changes`. The reader
and the graph's vocabulary (:data:`KINDS`, :data:`RELATIONS`, dates) live in :mod:`kg.views.graph_read`;
this module re-exports them, so ``kg.views.graph`` is the one import path.

>>> G = from_rdf(rdf_graph)                                # doctest: +SKIP
>>> [G.nodes[n]["label"] for n in reporting_chain(G, find(G, "Xiao Gu")[0])]  # doctest: +SKIP
['小谷', '程一晓']
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Container, Iterable, Iterator
from dataclasses import replace
from typing import Any

import networkx as nx

from .graph_read import KINDS, ORG_KINDS, RELATIONS, Date, first_day, from_rdf, period
from .records import Line

__all__ = [
    "from_rdf",
    "find",
    "suggest",
    "label",
    "reporting_chain",
    "direct_reports",
    "all_reports",
    "span_of_control",
    "people_in",
    "unit_tree",
    "committees",
    "shortest_org_path",
    "as_of",
    "changes",
    "valid_on",
    "units_of",
    "heads_of",
    "roles_in",
    "subtree",
    "KINDS",
    "ORG_KINDS",
    "RELATIONS",
    "Date",
    "period",
    "first_day",
]

_IGNORED_IN_NAMES = re.compile(r"[\s\-_·・•‧.,'’]+")


# --------------------------------------------------------------------------------------------------
# Finding nodes
# --------------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return _IGNORED_IN_NAMES.sub("", unicodedata.normalize("NFKC", text).casefold())


def _kinds(kind: str | Iterable[str] | None) -> set[str] | None:
    if kind is None:
        return None
    return {kind} if isinstance(kind, str) else set(kind)


def _sorted_nodes(G: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(set(nodes), key=lambda n: (order.get(G.nodes[n].get("kind"), 9), G.nodes[n].get("label", ""), n))


def find(G: nx.MultiDiGraph, name: str, kind: str | Iterable[str] | None = None) -> list[str]:
    """Nodes one of whose names equals ``name``, ignoring case, spaces, hyphens and middle dots.

    ``name`` may also be a node's IRI or its tail (``person/xiao-gu``). ``kind`` limits the result to
    one kind or a set of kinds.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p1", kind="person", label="小谷", labels=["小谷", "Xiao Gu"])
    >>> find(G, "xiao gu"), find(G, "XiaoGu"), find(G, "小 谷"), find(G, "程一晓")
    (['p1'], ['p1'], ['p1'], [])
    """
    kinds = _kinds(kind)
    key = _norm(name)
    if not key:
        return []
    hits = []
    for n, d in G.nodes(data=True):
        if kinds is not None and d.get("kind") not in kinds:
            continue
        if n == name or (("/" in name or ":" in name) and n.endswith("/" + name.strip("/"))):
            hits.append(n)
        elif any(_norm(label) == key for label in d.get("labels") or [d.get("label", "")]):
            hits.append(n)
    return _sorted_nodes(G, hits)


def suggest(G: nx.MultiDiGraph, name: str, kind: str | Iterable[str] | None = None, limit: int = 5) -> list[str]:
    """Nodes with a name containing ``name`` (or contained in it), for "did you mean" messages.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("u", kind="unit", label="电商事业部", labels=["电商事业部"])
    >>> suggest(G, "电商")
    ['u']
    """
    kinds = _kinds(kind)
    key = _norm(name)
    if not key:
        return []
    hits = []
    for n, d in G.nodes(data=True):
        if kinds is not None and d.get("kind") not in kinds:
            continue
        names = [_norm(x) for x in d.get("labels") or [d.get("label", "")]]
        if any(key in x or (len(x) >= 2 and x in key) for x in names):
            hits.append(n)
    return _sorted_nodes(G, hits)[:limit]


def label(G: nx.MultiDiGraph, node: str) -> str:
    """A node's display name.

    >>> G = nx.MultiDiGraph(); G.add_node("p", label="小谷")
    >>> label(G, "p")
    '小谷'
    """
    return G.nodes[node].get("label") or node


def _edges(G: nx.MultiDiGraph, rel: str, current: bool = True) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for u, v, d in G.edges(data=True):
        if d.get("rel") == rel and (not current or d.get("status", "current") == "current"):
            yield u, v, d


def _out(G: nx.MultiDiGraph, node: str, rel: str) -> list[str]:
    return _sorted_nodes(
        G,
        (
            v
            for _u, v, d in G.out_edges(node, data=True)
            if d.get("rel") == rel and d.get("status", "current") == "current"
        ),
    )


def _in(G: nx.MultiDiGraph, node: str, rel: str) -> list[str]:
    return _sorted_nodes(
        G,
        (
            u
            for u, _v, d in G.in_edges(node, data=True)
            if d.get("rel") == rel and d.get("status", "current") == "current"
        ),
    )


# --------------------------------------------------------------------------------------------------
# Reporting lines
# --------------------------------------------------------------------------------------------------


def reporting_chain(G: nx.MultiDiGraph, person: str) -> list[str]:
    """``person`` and the people above them along current ``reportsTo`` lines, nearest first.

    With several superiors the first by name is followed; a cycle stops before repeating anyone.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("xiao-gu", "cheng", rel="reportsTo", status="current")
    >>> _ = G.add_edge("cheng", "su", rel="reportsTo", status="current")
    >>> reporting_chain(G, "xiao-gu")
    ['xiao-gu', 'cheng', 'su']
    """
    chain = [person]
    seen = {person}
    while True:
        up = superior(G, chain[-1], seen)
        if up is None:
            return chain
        chain.append(up)
        seen.add(up)


def superior(G: nx.MultiDiGraph, person: str, skip: Container[str] = ()) -> str | None:
    """The one ``person`` reports to, the first by name if several (none of ``skip``); the next step
    of :func:`reporting_chain`, without walking the rest of it.

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "boss", rel="reportsTo", status="current")
    >>> superior(G, "a"), superior(G, "boss")
    ('boss', None)
    """
    return next((p for p in _out(G, person, "reportsTo") if p != person and p not in skip), None)


def direct_reports(G: nx.MultiDiGraph, person: str) -> list[str]:
    """People with a current ``reportsTo`` line to ``person``.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "boss", rel="reportsTo", status="current")
    >>> _ = G.add_edge("b", "boss", rel="reportsTo", status="former")
    >>> direct_reports(G, "boss")
    ['a']
    """
    return _in(G, person, "reportsTo")


def all_reports(G: nx.MultiDiGraph, person: str) -> list[tuple[str, int]]:
    """Everyone below ``person`` (direct and indirect) as ``(node, level)``, level 1 = direct report.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "boss", rel="reportsTo", status="current")
    >>> _ = G.add_edge("b", "a", rel="reportsTo", status="current")
    >>> all_reports(G, "boss")
    [('a', 1), ('b', 2)]
    """
    out: list[tuple[str, int]] = []
    seen = {person}
    queue = deque([(person, 0)])
    while queue:
        node, level = queue.popleft()
        for sub in direct_reports(G, node):
            if sub not in seen:
                seen.add(sub)
                out.append((sub, level + 1))
                queue.append((sub, level + 1))
    return out


def span_of_control(G: nx.MultiDiGraph, person: str) -> int:
    """How many people report directly to ``person``.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "boss", rel="reportsTo", status="current")
    >>> span_of_control(G, "boss"), span_of_control(G, "a")
    (1, 0)
    """
    return len(direct_reports(G, person))


# --------------------------------------------------------------------------------------------------
# Organizations
# --------------------------------------------------------------------------------------------------


def units_of(G: nx.MultiDiGraph, org: str) -> list[str]:
    """The units directly under ``org``.

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("u", "k", rel="unitOf", status="current")
    >>> units_of(G, "k")
    ['u']
    """
    return _in(G, org, "unitOf")


def subtree(G: nx.MultiDiGraph, org: str) -> list[str]:
    """``org`` and every unit under it (recursively), nearest first.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("u", "k", rel="unitOf", status="current"); _ = G.add_edge("v", "u", rel="unitOf")
    >>> subtree(G, "k")
    ['k', 'u', 'v']
    """
    out, seen, todo = [], {org}, deque([org])
    while todo:
        node = todo.popleft()
        out.append(node)
        for u in units_of(G, node):
            if u not in seen:
                seen.add(u)
                todo.append(u)
    return out


def people_in(G: nx.MultiDiGraph, org: str, include_units: bool = True) -> list[str]:
    """People who currently head or are members of ``org`` (and, by default, of its units, recursively).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", kind="person"); G.add_node("q", kind="person")
    >>> _ = G.add_edge("u", "k", rel="unitOf", status="current")
    >>> _ = G.add_edge("p", "k", rel="headOf", status="current")
    >>> _ = G.add_edge("q", "u", rel="memberOf", status="current")
    >>> people_in(G, "k"), people_in(G, "k", include_units=False)
    (['p', 'q'], ['p'])
    """
    orgs = subtree(G, org) if include_units else [org]
    people = set()
    for o in orgs:
        for u, _v, d in G.in_edges(o, data=True):
            if (
                d.get("rel") in ("memberOf", "headOf")
                and d.get("status", "current") == "current"
                and G.nodes[u].get("kind") == "person"
            ):
                people.add(u)
    return _sorted_nodes(G, people)


def heads_of(G: nx.MultiDiGraph, org: str) -> list[str]:
    """People with a current ``headOf`` line to ``org``.

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("p", "k", rel="headOf", status="current")
    >>> heads_of(G, "k")
    ['p']
    """
    return _in(G, org, "headOf")


def roles_in(G: nx.MultiDiGraph, person: str, org: str) -> list[str]:
    """The current roles (titles as written when known) ``person`` holds in ``org``, heads first.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("p", "k", rel="memberOf", status="current", role="负责人", title="事业部负责人", head=True)
    >>> roles_in(G, "p", "k")
    ['事业部负责人']
    """
    data = list(G.get_edge_data(person, org, default={}).values())
    roles: list[str] = []
    for d in sorted(data, key=lambda d: (not d.get("head"), d.get("title") or d.get("role") or "")):
        if d.get("rel") != "memberOf" or d.get("status", "current") != "current":
            continue
        r = d.get("title") or d.get("role")
        if r and r not in roles:
            roles.append(r)
    heads = [d for d in data if d.get("rel") == "headOf" and d.get("status", "current") == "current"]
    if not roles and heads:
        roles.append(next((d.get("title") or d["role"] for d in heads if d.get("role")), "head"))
    return roles


def unit_tree(G: nx.MultiDiGraph, company: str) -> dict[str, Any]:
    """``company`` and its units, recursively, each with its current heads.

    Every level is ``{"id", "label", "kind", "heads": [{"id", "label", "role"}], "units": [...]}``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("k", kind="company", label="快手"); G.add_node("u", kind="unit", label="电商")
    >>> G.add_node("p", kind="person", label="程一晓")
    >>> _ = G.add_edge("u", "k", rel="unitOf", status="current")
    >>> _ = G.add_edge("p", "u", rel="headOf", status="current")
    >>> t = unit_tree(G, "k")
    >>> t["label"], [(u["label"], [h["label"] for h in u["heads"]]) for u in t["units"]]
    ('快手', [('电商', ['程一晓'])])
    """
    seen: set[str] = set()

    def level(node: str) -> dict[str, Any]:
        seen.add(node)
        heads = [
            {"id": h, "label": label(G, h), "role": next(iter(roles_in(G, h, node)), None)} for h in heads_of(G, node)
        ]
        return {"id": node, "label": label(G, node), "kind": G.nodes[node].get("kind"), "heads": heads, "units": []}

    # depth first with a stack of its own, not recursion: a chain of units may be thousands deep; a unit
    # under two parents goes under the first one reached
    top = level(company)
    stack = [(top, iter(units_of(G, company)))]
    while stack:
        tree, children = stack[-1]
        for unit in children:
            if unit not in seen:
                sub = level(unit)
                tree["units"].append(sub)
                stack.append((sub, iter(units_of(G, unit))))
                break
        else:
            stack.pop()
    return top


def committees(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every committee with its parent organization and current members (heads first).

    Each item is ``{"id", "label", "parent", "parent_label", "members": [{"id", "label", "role", "head"}]}``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c", kind="committee", label="商业生态委员会"); G.add_node("k", kind="company", label="快手")
    >>> G.add_node("p", kind="person", label="程一晓"); G.add_node("q", kind="person", label="小谷")
    >>> _ = G.add_edge("c", "k", rel="unitOf", status="current")
    >>> _ = G.add_edge("p", "c", rel="headOf", status="current")
    >>> _ = G.add_edge("p", "c", rel="memberOf", status="current", role="主席", head=True)
    >>> _ = G.add_edge("q", "c", rel="memberOf", status="current")
    >>> [(m["label"], m["role"]) for m in committees(G)[0]["members"]]
    [('程一晓', '主席'), ('小谷', None)]
    """
    out = []
    for c in _sorted_nodes(G, (n for n, d in G.nodes(data=True) if d.get("kind") == "committee")):
        parents = _out(G, c, "unitOf")
        heads = set(heads_of(G, c))
        members = []
        for p in people_in(G, c, include_units=False):
            members.append(
                {"id": p, "label": label(G, p), "role": next(iter(roles_in(G, p, c)), None), "head": p in heads}
            )
        members.sort(key=lambda m: (not m["head"], m["role"] is None, m["label"]))
        out.append(
            {
                "id": c,
                "label": label(G, c),
                "parent": parents[0] if parents else None,
                "parent_label": label(G, parents[0]) if parents else None,
                "members": members,
            }
        )
    return out


def shortest_org_path(G: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str | None, str | None]]:
    """The shortest way from ``a`` to ``b`` over current lines of any kind, in either direction.

    Returns ``[(a, None, None), (node, rel, direction), ..., (b, rel, direction)]`` where ``rel`` is the
    relation of the hop that reached the node and ``direction`` is ``"forward"`` when the edge points
    that way (``a reportsTo node``) and ``"backward"`` otherwise; ``[]`` when they are not connected.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("xiao-gu", "cheng", rel="reportsTo", status="current")
    >>> _ = G.add_edge("ye", "dian-shang", rel="memberOf", status="current")
    >>> _ = G.add_edge("cheng", "dian-shang", rel="headOf", status="current")
    >>> [n for n, _r, _d in shortest_org_path(G, "xiao-gu", "ye")]
    ['xiao-gu', 'cheng', 'dian-shang', 'ye']
    """
    if a not in G or b not in G:
        return []
    H = nx.Graph()
    H.add_nodes_from(G)
    rel_order = {"reportsTo": 0, "headOf": 1, "unitOf": 2, "memberOf": 3}
    for u, v, d in G.edges(data=True):
        if d.get("status", "current") != "current" or u == v:
            continue
        prev = H.get_edge_data(u, v)
        cand = (rel_order.get(d.get("rel"), 9), d.get("rel"), u)
        if prev is None or cand < prev["best"]:
            H.add_edge(u, v, best=cand)
    try:
        path = nx.shortest_path(H, a, b)
    except nx.NetworkXNoPath:
        return []
    out: list[tuple[str, str | None, str | None]] = [(a, None, None)]
    for x, y in zip(path, path[1:]):
        _o, rel, tail = H[x][y]["best"]
        out.append((y, rel, "forward" if tail == x else "backward"))
    return out


# --------------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------------


def valid_on(attrs: dict[str, Any], date: Date) -> bool:
    """Whether a line with these edge attributes held on ``date``.

    It began on or before that day (or its beginning is unknown) and has no end, or ends after that
    day; a line that ended on an unknown date counts as over. Partial dates count from their first day.

    >>> valid_on({"start": "2022-09-16", "end": None, "ended": False}, "2022-09-16")
    True
    >>> valid_on({"start": "2022-09", "end": None, "ended": False}, "2022-08-31")
    False
    >>> valid_on({"start": None, "end": "2022-09-16", "ended": True}, "2022-09-16")
    False
    >>> valid_on({"start": None, "end": None, "ended": True}, "2000-01-01")
    False
    """
    day = first_day(date)
    start, end = attrs.get("start"), attrs.get("end")
    if start and first_day(start) > day:
        return False
    if attrs.get("ended") or end:
        return bool(end) and first_day(end) > day  # type: ignore[arg-type]  # end is set
    return True


def as_of(G: nx.MultiDiGraph, date: Date) -> nx.MultiDiGraph:
    """A copy of ``G`` with only the memberships, headships and reporting lines that held on ``date``.

    Kept lines are marked ``status="current"`` (their status today is kept as ``status_now``); a
    head-role membership (with no qualifying title) that held on ``date`` gives back its ``headOf``
    line. Nodes and ``unitOf`` lines are all kept; ``G.graph["as_of"]`` records the day.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("su", "k", rel="memberOf", role="CEO", head=True, start="2011", end="2021-10-29",
    ...            ended=True, status="former")
    >>> _ = G.add_edge("cheng", "k", rel="memberOf", role="CEO", head=True, start="2021-10-29", end=None,
    ...            ended=False, status="current")
    >>> [u for u, v, d in as_of(G, "2020-01-01").edges(data=True) if d["rel"] == "headOf"]
    ['su']
    >>> sorted(u for u, v, d in as_of(G, "2022-01-01").edges(data=True))
    ['cheng', 'cheng']
    """
    day = first_day(date)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph["as_of"] = day
    H.add_nodes_from(G.nodes(data=True))
    memberships: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, d in G.edges(data=True):
        if d.get("rel") == "memberOf":
            memberships.setdefault((u, v), []).append(d)
    for u, v, k, d in G.edges(keys=True, data=True):
        rel = d.get("rel")
        if rel == "unitOf":
            H.add_edge(u, v, key=k, **d)
            continue
        if rel == "headOf":
            backing = [m for m in memberships.get((u, v), []) if m.get("head") or m.get("iri") == d.get("iri")]
            if backing and not any(valid_on(m, day) for m in backing):
                continue
            if not backing and not valid_on(d, day):
                continue
        elif not valid_on(d, day):
            continue
        H.add_edge(u, v, key=k, **{**d, "status": "current", "status_now": d.get("status", "current")})
    for (u, v), ms in memberships.items():
        if H.has_edge(u, v, key="headOf"):
            continue
        for m in ms:
            if m.get("head") and not m.get("title") and valid_on(m, day):
                membership = Line.of(m)
                # what a head-role membership gives back: its role, dates, source (not its report date)
                line = replace(
                    membership, rel="headOf", title=None, reported=None, role_iri=None, head=True, status="current"
                )
                H.add_edge(u, v, key="headOf", **line.attrs(status_now=membership.status, derived=True))
                break
    return H


def changes(
    G: nx.MultiDiGraph, start: Date | None = None, end: Date | None = None, include_undated: bool = False
) -> list[dict[str, Any]]:
    """Appointments, departures, transfers ("moved") and units set up between ``start`` and ``end``.

    Both ends are inclusive and either may be ``None`` (open). An event without its own date is dated
    by the document it was read from (``"reported"``); events with neither are listed only when both
    ends are open or ``include_undated`` is set. Each item is ``{"id", "type", "date", "reported",
    "person", "person_label", "from": [{"org", "org_label", "role", "title"}], "to": [...], "units",
    "unit_labels", "source"}``, in date order.

    >>> G = nx.MultiDiGraph()
    >>> G.graph["events"] = [{"type": "moved", "date": "2022-09-16", "reported": None, "person": "xiao-gu"},
    ...                      {"type": "unit set up", "date": "2022-10", "reported": None, "person": None}]
    >>> [e["type"] for e in changes(G, "2022-09-01", "2022-09-30")]
    ['moved']
    >>> [e["type"] for e in changes(G, "2022-10-05", None)]
    ['unit set up']
    """
    lo = first_day(start) if start is not None else None
    hi = period(end)[1] if end is not None else None  # type: ignore[index]
    out = []
    for ev in G.graph.get("events", []):
        when = ev.get("date") or ev.get("reported")
        if when is None:
            if include_undated or (lo is None and hi is None):
                out.append(ev)
            continue
        first, last = period(when)  # type: ignore[misc]
        if (lo is None or last >= lo) and (hi is None or first <= hi):
            out.append(ev)
    return out
