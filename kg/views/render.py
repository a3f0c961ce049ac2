"""One self-contained, offline HTML page that draws an org graph with vis-network.

The page inlines the vis-network build that ships inside the ``pyvis`` package (no CDN, no request
of any kind: a Content-Security-Policy forbids them) and embeds the graph as JSON. Every name,
role and sentence in the graph is untrusted text: it goes into the page only as JSON with ``<``,
``>``, ``&`` and U+2028/2029 escaped, and the page's script puts it on screen with ``textContent``
or on the canvas, never as HTML.

>>> from kg.views.render import build_page
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("p", kind="person", label="<img src=x onerror=alert(1)>", labels=[])
>>> "<img src=x" in build_page(G)
False
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.resources
import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx

from ..errors import SetupError
from ..fileio import write_output
from ..resources import page_file
from . import graph as kgg

__all__ = ["build_page", "render", "layout", "page_data", "STYLE"]

FONT = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans", system-ui, sans-serif'
)

#: How each kind of node and line is drawn (also shown in the page's legend).
STYLE: dict[str, dict[str, Any]] = {
    "person": {"shape": "dot", "size": 12, "color": {"background": "#4C78A8", "border": "#2F4B6E"}},
    "company": {"shape": "diamond", "size": 22, "color": {"background": "#E45756", "border": "#9E2F2E"}},
    "unit": {"shape": "box", "color": {"background": "#FFE0B8", "border": "#F58518"}},
    "committee": {"shape": "hexagon", "size": 18, "color": {"background": "#54A24B", "border": "#2F6B29"}},
    "reportsTo": {"color": "#B22222", "width": 2},
    "headOf": {"color": "#C9950C", "width": 2},
    "memberOf": {"color": "#7F8C9A", "width": 1},
    "unitOf": {"color": "#5B8C5A", "width": 1.5},
}

X_GAP, Y_GAP = 170, 180
_WRAP = 6  # more leaves than this under one node are laid out in several rows
_BIG = 1500  # above this many nodes edges are hidden while dragging or zooming


# --------------------------------------------------------------------------------------------------
# Layout: layered trees (reporting lines and units top-down), packed into rows
# --------------------------------------------------------------------------------------------------


def _tree_parents(G: nx.MultiDiGraph) -> dict[str, str]:
    """Each node's parent in the drawing: the org it heads, else its superior, else an org it belongs to."""
    kind_rank = {"company": 0, "unit": 1, "committee": 2, "person": 3}

    def rank(n: str) -> tuple[int, str, str]:
        return kind_rank.get(G.nodes[n].get("kind"), 9), G.nodes[n].get("label", ""), n

    candidates: dict[str, list[tuple[int, tuple[int, str, str], str]]] = {}
    order = {"headOf": 0, "unitOf": 0, "reportsTo": 1, "memberOf": 2}
    for u, v, d in G.edges(data=True):
        rel = d.get("rel")
        if rel not in order or u == v:
            continue
        if rel == "memberOf" and G.nodes[u].get("kind") != "person":
            continue
        pri = order[rel] + (3 if d.get("status", "current") != "current" else 0)
        candidates.setdefault(u, []).append((pri, rank(v), v))
    parent: dict[str, str] = {}
    for n in sorted(candidates):
        for _p, _r, v in sorted(candidates[n]):
            x, ok = v, True
            while x in parent:  # refuse a parent that would close a loop
                x = parent[x]
                if x == n:
                    ok = False
                    break
            if ok and v != n:
                parent[n] = v
                break
    return parent


def layout(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for every node: a tidy top-down tree per component of the drawing forest.

    A unit sits below its parent organization, a head half a level below the organization they
    head, anyone else below their superior (or, failing one, below an organization they belong to),
    so reporting lines and units read top-down and people stay next to their units. Many leaves under
    one node wrap into a block; trees are packed into rows of a roughly 16:9 page. Linear time.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", rel="reportsTo"); _ = G.add_edge("c", "b", rel="reportsTo")
    >>> pos = layout(G)
    >>> pos["b"][1] < pos["a"][1] == pos["c"][1], pos["a"][0] < pos["b"][0] < pos["c"][0]
    (True, True)
    """
    parent = _tree_parents(G)
    children: dict[str, list[str]] = {}
    for c, p in parent.items():
        children.setdefault(p, []).append(c)
    kind_rank = {"company": 0, "unit": 1, "committee": 2, "person": 3}

    def key(n: str) -> tuple[int, str, str]:
        return kind_rank.get(G.nodes[n].get("kind"), 9), G.nodes[n].get("label", ""), n

    for kids in children.values():
        kids.sort(key=key)
    roots = sorted((n for n in G if n not in parent), key=key)

    # per tree: relative x (in slots) and depth, computed iteratively (trees may be deep)
    def is_person(n: str) -> bool:
        return G.nodes[n].get("kind", "person") == "person"

    trees: list[tuple[list[tuple[str, float, float]], float, float]] = []
    for root in roots:
        placed: list[tuple[str, float, float]] = []
        xs: dict[str, float] = {}
        next_slot = 0.0
        max_depth = 0.0
        stack: list[tuple[str, float, bool]] = [(root, 0.0, False)]
        while stack:
            node, depth, done = stack.pop()
            kids = children.get(node, [])
            if done or not kids:
                if kids:
                    xs[node] = (xs[kids[0]] + xs[kids[-1]]) / 2
                else:
                    xs[node] = next_slot
                    next_slot += 1
                placed.append((node, xs[node], depth))
                max_depth = max(max_depth, depth)
                continue
            if len(kids) > _WRAP and not any(k in children for k in kids):
                # many leaves under one node: a block of rows instead of one very long row
                step = 0.5 if is_person(kids[0]) and not is_person(node) else 1.0
                rows = math.ceil(math.sqrt(len(kids) / 2))
                cols = math.ceil(len(kids) / rows)
                for i, kid in enumerate(kids):
                    row, col = divmod(i, cols)
                    d = depth + step + row * 0.5
                    xs[kid] = next_slot + col
                    placed.append((kid, xs[kid], d))
                    max_depth = max(max_depth, d)
                xs[node] = next_slot + (cols - 1) / 2
                next_slot += cols
                placed.append((node, xs[node], depth))
                continue
            stack.append((node, depth, True))
            for kid in reversed(kids):
                # a person under an organization sits half a level down, between it and its units
                step = 0.5 if is_person(kid) and not is_person(node) else 1.0
                stack.append((kid, depth + step, False))
        trees.append((placed, max(next_slot, 1.0), max_depth))

    # pack trees into rows: big trees first, then the small ones fill rows
    trees.sort(key=lambda t: (-t[1] * (t[2] + 1), t[0][-1][0]))
    area = sum(w * X_GAP * (d + 1) * Y_GAP for _p, w, d in trees) or 1
    row_width = max(max((w for _p, w, _d in trees), default=1) * X_GAP, math.sqrt(area * 16 / 9))
    pos: dict[str, tuple[float, float]] = {}
    x0 = y0 = 0.0
    row_depth = 0.0
    for placed, width, depth in trees:
        if x0 > 0 and x0 + width * X_GAP > row_width:
            x0, y0 = 0.0, y0 + (row_depth + 1.6) * Y_GAP
            row_depth = 0.0
        for node, x, d in placed:
            pos[node] = (round(x0 + x * X_GAP, 1), round(y0 + d * Y_GAP, 1))
        x0 += (width + 0.6) * X_GAP
        row_depth = max(row_depth, depth)
    return pos


# --------------------------------------------------------------------------------------------------
# Page data
# --------------------------------------------------------------------------------------------------


def _dates(d: dict[str, Any]) -> str | None:
    start, end = d.get("start"), d.get("end")
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"since {start}"
    if end:
        return f"until {end}"
    if d.get("ended"):
        return "ended (date unknown)"
    return None


def _role(d: dict[str, Any]) -> str | None:
    role, title = d.get("role"), d.get("title")
    if title and role and title != role:
        return f"{title} ({role})"
    return title or role


def _node_tip(G: nx.MultiDiGraph, n: str) -> list[list[str]]:
    d = G.nodes[n]
    tip = [["", d.get("label", n)], ["kind", d.get("kind", "")]]
    others = [x for x in d.get("labels", []) if x != d.get("label")]
    if others:
        tip.append(["also", ", ".join(others)])
    for _u, v, e in sorted(G.out_edges(n, data=True), key=lambda t: (t[2].get("rel", ""), t[1])):
        rel = e.get("rel")
        if rel == "reportsTo":
            tip.append(["reports to", kgg.label(G, v)])
        elif rel == "unitOf":
            tip.append(["unit of", kgg.label(G, v)])
        elif rel == "memberOf":
            text = " · ".join(filter(None, (_role(e) or "member", kgg.label(G, v), _dates(e))))
            tip.append(["formerly" if e.get("status") == "former" else "post", text])
    heads = [kgg.label(G, u) for u, _v, e in G.in_edges(n, data=True) if e.get("rel") == "headOf"]
    if heads:
        tip.append(["head", ", ".join(sorted(heads))])
    tip.append(["IRI", n])
    return tip


def _day(value: str | None) -> str | None:
    return kgg.first_day(value) if value else None


def page_data(G: nx.MultiDiGraph, title: str = "kg") -> dict[str, Any]:
    """The JSON the page draws: nodes with positions and tooltips, edges with labels, dates and sources."""
    pos = layout(G)
    index = {n: i for i, n in enumerate(G)}
    nodes = []
    for n, d in G.nodes(data=True):
        x, y = pos.get(n, (0.0, 0.0))
        nodes.append(
            {
                "id": n,
                "label": d.get("label", n),
                "kind": d.get("kind", "person"),
                "names": d.get("labels", []),
                "x": x,
                "y": y,
                "tip": _node_tip(G, n),
            }
        )

    # a current membership behind a headOf line is drawn as that line ("heads (CEO)")
    heads = {(u, v): d for u, v, d in G.edges(data=True) if d.get("rel") == "headOf"}
    drawn: list[tuple[str, str, dict[str, Any]]] = []
    for u, v, d in G.edges(data=True):
        if (
            d.get("rel") == "memberOf"
            and (u, v) in heads
            and d.get("status", "current") == "current"
            and (d.get("head") or d.get("iri") == heads[(u, v)].get("iri"))
        ):
            continue
        drawn.append((u, v, d))
    drawn.sort(key=lambda t: (index[t[0]], index[t[1]], t[2].get("rel", ""), t[2].get("iri") or ""))
    edges = []
    per_pair: dict[frozenset[str], int] = {}
    for i, (u, v, d) in enumerate(drawn):
        rel = d.get("rel", "memberOf")
        former = d.get("status", "current") == "former"
        words = kgg.RELATIONS.get(rel, rel)
        role = (d.get("title") or d.get("role")) if rel in ("memberOf", "headOf") else None
        extra = [x for x in (role, "former" if former else None) if x]
        label = f"{words} ({', '.join(extra)})" if extra else words
        tip = [["", f"{kgg.label(G, u)} {words} {kgg.label(G, v)}"]]
        if (role_text := _role(d)) and rel in ("memberOf", "headOf"):
            tip.append(["role", role_text])
        if dates_text := _dates(d):
            tip.append(["dates", dates_text])
        tip.append(["status", "former" if former else "current"])
        if d.get("source"):
            tip.append(["source", d["source"]])
        if d.get("reported"):
            tip.append(["reported", d["reported"]])  # the date of the document that says so
        pair = frozenset((u, v))
        nth = per_pair.get(pair, 0)
        per_pair[pair] = nth + 1
        edges.append(
            {
                "id": i,
                "from": u,
                "to": v,
                "rel": rel,
                "label": label,
                "former": former,
                "vs": _day(d.get("start")),
                "ve": _day(d.get("end")),
                "ended": bool(d.get("ended")),
                "rep": _day(d.get("reported")),
                "nth": nth,
                "tip": tip,
            }
        )
    dates = sorted({x for e in edges for x in (e["vs"], e["ve"]) if x})
    counts = {k: 0 for k in kgg.KINDS}
    for n in nodes:
        counts[n["kind"]] = counts.get(n["kind"], 0) + 1
    return {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "dates": dates,
        "counts": counts,
        "relations": kgg.RELATIONS,
        "style": STYLE,
        "font": FONT,
        "big": len(nodes) > _BIG,
        "asOf": G.graph.get("as_of"),
    }


# --------------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&``, U+2028/9.

    >>> script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = _SURROGATE.sub("\ufffd", text)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


@lru_cache(maxsize=1)
def vis_js() -> str:
    """vis-network's standalone build, as shipped inside the pyvis package."""
    try:
        root = importlib.resources.files("pyvis") / "lib"
        candidates = sorted((p for p in root.iterdir() if p.name.startswith("vis-")), key=lambda p: p.name)
        for d in reversed(candidates):
            f = d / "vis-network.min.js"
            if f.is_file():
                js = f.read_text(encoding="utf-8")
                break
        else:
            raise FileNotFoundError("vis-network.min.js")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise SetupError(f"cannot find vis-network in the installed pyvis package ({exc}); reinstall pyvis") from None
    # it must not be able to end its <script> element early
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.I).replace("<!--", "<\\!--")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def build_page(G: nx.MultiDiGraph, title: str = "kg") -> str:
    """The complete HTML page for ``G`` (see :func:`render`)."""
    return _html(page_data(G, title))


@lru_cache(maxsize=None)
def _page_text(name: str) -> str:
    """``page.html`` (the template) or ``app.js`` (the page's own script), read verbatim: the script's
    bytes are hashed into the page's Content-Security-Policy."""
    try:
        return page_file(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise SetupError(f"cannot read kg/page/{name} from the installed kg package ({exc}); reinstall kg") from None


def _html(page: dict[str, Any]) -> str:
    """The page around the data of :func:`page_data`.

    The template ``kg/views/page/page.html`` receives the data as JSON; ``kg/views/page/app.js`` puts every text
    on screen through ``textContent`` (or the canvas), never as HTML.
    """
    data = script_json(page)
    lib = vis_js()
    app = _page_text("app.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(lib)} {_csp_hash(app)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    values = {
        "CSP": html.escape(csp, quote=False).replace('"', "&quot;"),
        # control characters are parse errors in HTML text (a character reference to one, too): a space
        "TITLE": html.escape(_CONTROL.sub(" ", page["title"]), quote=True)
        .replace("\u2028", "&#x2028;")
        .replace("\u2029", "&#x2029;"),
        "FONT": FONT,
        "DATA": data,
        "LIB": lib,
        "APP": app,
    }
    # one pass over the template: text inserted for one placeholder is never scanned for another
    return re.sub(r"%(CSP|TITLE|FONT|DATA|LIB|APP)%", lambda m: values[m.group(1)], _page_text("page.html"))


@dataclass(frozen=True)
class Drawn:
    """What a page draws: its nodes and its lines (a membership behind a headOf line is one line)."""

    nodes: int
    lines: int


def render(G: nx.MultiDiGraph, path: str | os.PathLike, title: str = "kg") -> Drawn:
    """Write the page for ``G`` to ``path`` atomically; the counts are those the page shows.

    >>> render(G, "page.html", title="快手")      # doctest: +SKIP
    Drawn(nodes=12, lines=17)
    """
    data = page_data(G, title)
    write_output(path, _html(data))
    return Drawn(len(data["nodes"]), len(data["edges"]))
