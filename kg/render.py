"""One self-contained, offline HTML page that draws an org graph with vis-network.

The page inlines the vis-network build that ships inside the ``pyvis`` package (no CDN, no request
of any kind: a Content-Security-Policy forbids them) and embeds the graph as JSON. Every name,
role and sentence in the graph is untrusted text: it goes into the page only as JSON with ``<``,
``>``, ``&`` and U+2028/2029 escaped, and the page's script puts it on screen with ``textContent``
or on the canvas, never as HTML.

>>> from kg.render import build_page
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

from . import graph as kgg
from .errors import KgError
from .fileio import write_output

__all__ = ["build_page", "render", "layout", "page_data", "STYLE"]

FONT = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
        '"Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans", system-ui, sans-serif')

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
    return kgg._day(value) if value else None


def page_data(G: nx.MultiDiGraph, title: str = "kg") -> dict[str, Any]:
    """The JSON the page draws: nodes with positions and tooltips, edges with labels, dates and sources."""
    pos = layout(G)
    index = {n: i for i, n in enumerate(G)}
    nodes = []
    for n, d in G.nodes(data=True):
        x, y = pos.get(n, (0.0, 0.0))
        nodes.append({"id": n, "label": d.get("label", n), "kind": d.get("kind", "person"),
                      "names": d.get("labels", []), "x": x, "y": y, "tip": _node_tip(G, n)})

    # a current membership behind a headOf line is drawn as that line ("heads (CEO)")
    heads = {(u, v): d for u, v, d in G.edges(data=True) if d.get("rel") == "headOf"}
    drawn: list[tuple[str, str, dict[str, Any]]] = []
    for u, v, d in G.edges(data=True):
        if d.get("rel") == "memberOf" and (u, v) in heads and d.get("status", "current") == "current" \
                and (d.get("head") or d.get("iri") == heads[(u, v)].get("iri")):
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
        edges.append({"id": i, "from": u, "to": v, "rel": rel, "label": label, "former": former,
                      "vs": _day(d.get("start")), "ve": _day(d.get("end")), "ended": bool(d.get("ended")),
                      "rep": _day(d.get("reported")),
                      "nth": nth, "tip": tip})
    dates = sorted({x for e in edges for x in (e["vs"], e["ve"]) if x})
    counts = {k: 0 for k in kgg.KINDS}
    for n in nodes:
        counts[n["kind"]] = counts.get(n["kind"], 0) + 1
    return {"title": title, "nodes": nodes, "edges": edges, "dates": dates, "counts": counts,
            "relations": kgg.RELATIONS, "style": STYLE, "font": FONT, "big": len(nodes) > _BIG,
            "asOf": G.graph.get("as_of")}


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
        raise KgError(f"cannot find vis-network in the installed pyvis package ({exc}); reinstall pyvis") from None
    # it must not be able to end its <script> element early
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.I).replace("<!--", "<\\!--")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def build_page(G: nx.MultiDiGraph, title: str = "kg") -> str:
    """The complete HTML page for ``G`` (see :func:`render`)."""
    return _html(page_data(G, title))


def _html(page: dict[str, Any]) -> str:
    """The page around the data of :func:`page_data`."""
    data = script_json(page)
    lib = vis_js()
    app = _APP_JS
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(lib)} {_csp_hash(app)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    values = {
        "CSP": html.escape(csp, quote=False).replace('"', "&quot;"),
        # control characters are parse errors in HTML text (a character reference to one, too): a space
        "TITLE": html.escape(_CONTROL.sub(" ", page["title"]), quote=True).replace("\u2028", "&#x2028;")
                     .replace("\u2029", "&#x2029;"),
        "FONT": FONT,
        "DATA": data,
        "LIB": lib,
        "APP": app,
    }
    # one pass over the template: text inserted for one placeholder is never scanned for another
    return re.sub(r"%(CSP|TITLE|FONT|DATA|LIB|APP)%", lambda m: values[m.group(1)], _PAGE)


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


# The page. Data arrives as JSON; every text reaches the DOM through textContent (or the canvas).
_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%CSP%">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>%TITLE%</title>
<style>
  html, body { margin: 0; height: 100%; font-family: %FONT%; font-size: 14px; color: #222; }
  body { display: flex; flex-direction: column; }
  #kg-bar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 6px 10px;
            border-bottom: 1px solid #ddd; background: #fafafa; }
  #kg-title { font-weight: 600; font-size: 15px; }
  #kg-search-box { position: relative; }
  #kg-search { width: 16em; padding: 3px 6px; font: inherit; }
  #kg-results { position: absolute; top: 100%; left: 0; z-index: 10; background: #fff; border: 1px solid #ccc;
                max-height: 50vh; overflow: auto; min-width: 16em; display: none; }
  #kg-results button { display: block; width: 100%; text-align: left; border: 0; background: #fff;
                       padding: 4px 8px; font: inherit; cursor: pointer; }
  #kg-results button:hover, #kg-results button:focus { background: #e8f0fb; }
  #kg-results .kg-kind { color: #888; font-size: 12px; margin-left: 6px; }
  #kg-datebox { display: none; align-items: center; gap: 6px; }
  #kg-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; font-size: 12px; color: #444; }
  .kg-sw { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px;
           border: 1px solid #555; }
  .kg-line { display: inline-block; width: 22px; height: 0; margin-right: 4px; vertical-align: 3px;
             border-top: 2px solid #555; }
  #kg-main { flex: 1; display: flex; min-height: 0; }
  #kg-network { flex: 1; position: relative; min-width: 0; }
  #kg-info { width: 320px; overflow: auto; border-left: 1px solid #ddd; padding: 8px 10px; font-size: 13px;
             display: none; }
  #kg-status { font-size: 12px; color: #666; }
  div.vis-tooltip { position: absolute; visibility: hidden; padding: 6px 8px; max-width: 420px;
                    white-space: normal; font-family: %FONT%; font-size: 13px; color: #222;
                    background: #fffff4; border: 1px solid #999; border-radius: 3px;
                    box-shadow: 2px 2px 8px rgba(0,0,0,.2); pointer-events: none; z-index: 5; }
  .kg-tip-h { font-weight: 600; margin-bottom: 3px; }
  .kg-tip-r { margin: 1px 0; overflow-wrap: anywhere; }
  .kg-tip-k { color: #777; margin-right: 6px; }
  .kg-posts { margin-top: 10px; border-top: 1px solid #ddd; padding-top: 6px; }
  .kg-post { margin: 6px 0; }
  .kg-post-h { font-weight: 600; overflow-wrap: anywhere; }
  .kg-post-d { color: #555; }
  .kg-clash { color: #b00; }
  .kg-src { color: #666; font-size: 12px; overflow-wrap: anywhere; }
</style>
</head>
<body>
<div id="kg-bar">
  <span id="kg-title"></span>
  <span id="kg-search-box">
    <input id="kg-search" type="search" placeholder="Search names / 搜索姓名" autocomplete="off"
           aria-label="Search names">
    <span id="kg-results" role="listbox"></span>
  </span>
  <button id="kg-fit" type="button" title="Show the whole graph">fit to view</button>
  <span id="kg-datebox">
    <label for="kg-date">as of</label>
    <input id="kg-date" type="text" inputmode="numeric" placeholder="YYYY-MM-DD" maxlength="10" size="11"
           list="kg-dates" autocomplete="off">
    <datalist id="kg-dates"></datalist>
    <button id="kg-date-clear" type="button">all dates</button>
  </span>
  <span id="kg-legend"></span>
  <span id="kg-status"></span>
</div>
<div id="kg-main">
  <div id="kg-network"></div>
  <div id="kg-info"></div>
</div>
<script type="application/json" id="kg-data">%DATA%</script>
<script>%LIB%</script>
<script>%APP%</script>
</body>
</html>
"""

_APP_JS = r"""
(function () {
  "use strict";
  var t0 = performance.now();
  var timings = window.kgTimings = {start: t0};
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  window.kgData = data;
  timings.parsed = performance.now() - t0;
  var S = data.style;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function tipElement(rows) {
    var box = el("div", "kg-tip");
    rows.forEach(function (r, i) {
      if (i === 0 && !r[0]) { box.appendChild(el("div", "kg-tip-h", r[1])); return; }
      var line = el("div", "kg-tip-r");
      line.appendChild(el("span", "kg-tip-k", r[0]));
      line.appendChild(el("span", "kg-tip-v", r[1]));
      box.appendChild(line);
    });
    return box;
  }
  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(/[\s\-_\u00b7\u30fb\u2022\u2027.,'\u2019]+/g, "");
  }

  document.title = data.title;
  document.getElementById("kg-title").textContent = data.title + (data.asOf ? " (as of " + data.asOf + ")" : "");

  // ---- nodes and edges -------------------------------------------------------------------------
  var byId = {};
  // Tooltips are DOM elements built with textContent. Big graphs get them on first hover
  // (building thousands up front delays the first drawing); small ones get them up front.
  var eager = !data.big;
  var titled = {nodes: {}, edges: {}};
  var groups = {};
  ["person", "company", "unit", "committee"].forEach(function (k) {
    groups[k] = {shape: S[k].shape, color: S[k].color};
    if (S[k].size) groups[k].size = S[k].size;
  });
  var nodeItems = data.nodes.map(function (n) {
    byId[n.id] = n;
    var item = {id: n.id, label: n.label, x: n.x, y: n.y, group: groups[n.kind] ? n.kind : "person"};
    if (eager) { item.title = tipElement(n.tip); titled.nodes[n.id] = true; }
    return item;
  });
  var edgeItems = data.edges.map(function (e) {
    var st = S[e.rel] || S.memberOf;
    var item = {id: e.id, from: e.from, to: e.to, label: e.label,
                color: {color: st.color, highlight: st.color, hover: st.color, opacity: e.former ? 0.6 : 1},
                width: st.width, dashes: e.former || e.rel === "unitOf" ? [6, 4] : false};
    if (eager) { item.title = tipElement(e.tip); titled.edges[e.id] = true; }
    if (e.nth > 0) item.smooth = {enabled: true, type: e.nth % 2 ? "curvedCW" : "curvedCCW",
                                  roundness: 0.15 * Math.ceil(e.nth / 2)};
    return item;
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  timings.datasets = performance.now() - t0;

  var options = {
    autoResize: true,
    layout: {improvedLayout: false, randomSeed: 1},
    groups: groups,
    physics: {enabled: false},
    interaction: {hover: true, tooltipDelay: 100, hideEdgesOnDrag: data.big, hideEdgesOnZoom: data.big,
                  keyboard: false, multiselect: false, navigationButtons: false},
    nodes: {font: {face: data.font, size: 14, color: "#222", multi: false}, borderWidth: 1,
            scaling: {label: {drawThreshold: 6}}},
    edges: {arrows: {to: {enabled: true, scaleFactor: 0.5}}, smooth: false,
            font: {face: data.font, size: 10, color: "#555", strokeWidth: 3, strokeColor: "#fff", align: "horizontal",
                   multi: false},
            selectionWidth: 1.5, hoverWidth: 0.5}
  };
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  window.kgNetwork = network;
  timings.created = performance.now() - t0;
  network.once("afterDrawing", function () {
    timings.firstDraw = performance.now() - t0;
    window.kgReady = true;
  });
  network.on("hoverNode", function (p) {
    if (!titled.nodes[p.node]) { titled.nodes[p.node] = true; nodes.update({id: p.node, title: tipElement(byId[p.node].tip)}); }
  });
  network.on("hoverEdge", function (p) {
    if (!titled.edges[p.edge]) { titled.edges[p.edge] = true; edges.update({id: p.edge, title: tipElement(data.edges[p.edge].tip)}); }
  });
  var status = document.getElementById("kg-status");
  status.textContent = data.nodes.length + " nodes, " + data.edges.length + " lines";

  // ---- details panel ---------------------------------------------------------------------------
  var info = document.getElementById("kg-info");
  function showInfo(rows, more) {
    while (info.firstChild) info.removeChild(info.firstChild);
    if (!rows) { info.style.display = "none"; return; }
    info.appendChild(tipElement(rows));
    if (more) info.appendChild(more);
    info.style.display = "block";
  }
  // a node's posts, each with its dates and source sentence: read from its lines (nothing is stored twice)
  var postsOf = {};
  data.edges.forEach(function (e) {
    if (e.rel === "memberOf" || e.rel === "headOf") (postsOf[e.from] = postsOf[e.from] || []).push(e);
  });
  function tipValue(rows, key) {
    for (var i = 1; i < rows.length; i++) if (rows[i][0] === key) return rows[i][1];
    return null;
  }
  function postList(id) {
    var posts = (postsOf[id] || []).slice();
    if (!posts.length) return null;
    function when(e) { return e.vs || e.rep || e.ve || "~"; }  // undated last
    posts.sort(function (a, b) { return when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a.id - b.id; });
    // a post one source calls current and another former: each is listed with its dates, and marked
    var states = {};
    function key(e) { return e.to + "\u0000" + (tipValue(e.tip, "role") || ""); }
    posts.forEach(function (e) { (states[key(e)] = states[key(e)] || {})[e.former ? "former" : "current"] = true; });
    var box = el("div", "kg-posts");
    box.appendChild(el("div", "kg-tip-h", "posts (" + posts.length + ")"));
    posts.forEach(function (e) {
      var item = el("div", "kg-post");
      var org = byId[e.to] ? byId[e.to].label : e.to;
      item.appendChild(el("div", "kg-post-h", (tipValue(e.tip, "role") || "member") + " · " + org +
                                              (e.former ? " (former)" : " (current)")));
      var dates = [tipValue(e.tip, "dates"), e.rep ? "reported " + e.rep : null].filter(Boolean).join(" · ");
      item.appendChild(el("div", "kg-post-d", dates || "date unknown"));
      var state = states[key(e)];
      if (state.current && state.former) item.appendChild(el("div", "kg-clash", "current in one source, former in another"));
      var source = tipValue(e.tip, "source");
      if (source) item.appendChild(el("div", "kg-src", source));
      box.appendChild(item);
    });
    return box;
  }
  function showNode(id) { showInfo(byId[id].tip, postList(id)); }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showInfo(data.edges[p.edges[0]].tip);
    else showInfo(null);
  });
  function fit() { network.fit({animation: false}); }
  window.kgFit = fit;
  document.getElementById("kg-fit").addEventListener("click", fit);

  // ---- search ----------------------------------------------------------------------------------
  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var index = data.nodes.map(function (n) {
    var names = [n.label].concat(n.names || []);
    return {id: n.id, names: names.map(norm), label: n.label, kind: n.kind};
  });
  function search(q) {
    var k = norm(q);
    if (!k) return [];
    var exact = [], prefix = [], part = [];
    index.forEach(function (n) {
      if (n.names.indexOf(k) >= 0 || n.id === q) exact.push(n);
      else if (n.names.some(function (x) { return x.indexOf(k) === 0; })) prefix.push(n);
      else if (n.names.some(function (x) { return x.indexOf(k) > 0; })) part.push(n);
    });
    return exact.concat(prefix, part);
  }
  function selectNode(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false});
    showNode(id);
    results.style.display = "none";
  }
  window.kgSelect = selectNode;
  function showResults() {
    while (results.firstChild) results.removeChild(results.firstChild);
    var found = search(input.value);
    if (!input.value) { results.style.display = "none"; return found; }
    if (!found.length) results.appendChild(el("div", "kg-tip-r", "no match"));
    found.slice(0, 30).forEach(function (n) {
      var b = el("button", null, n.label);
      b.type = "button";
      b.appendChild(el("span", "kg-kind", n.kind));
      b.addEventListener("click", function () { selectNode(n.id); });
      results.appendChild(b);
    });
    if (found.length > 30) results.appendChild(el("div", "kg-tip-r", "… " + (found.length - 30) + " more"));
    results.style.display = "block";
    return found;
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = showResults();
      if (found.length) selectNode(found[0].id);
    } else if (ev.key === "Escape") {
      results.style.display = "none";
    }
  });

  // ---- date filter (only when the graph has dates) ---------------------------------------------
  var dateBox = document.getElementById("kg-datebox");
  var dateInput = document.getElementById("kg-date");
  function validOn(e, day) {
    if (e.vs && e.vs > day) return false;
    if (e.ended || e.ve) return !!e.ve && e.ve > day;
    return true;
  }
  var hiddenNow = {};
  function setDate(day) {
    var updates = [], shown = 0;
    data.edges.forEach(function (e) {
      var hide = day ? !validOn(e, day) : false;
      if (!hide) shown++;
      if (hide !== !!hiddenNow[e.id]) { updates.push({id: e.id, hidden: hide}); hiddenNow[e.id] = hide; }
    });
    if (updates.length) edges.update(updates);
    status.textContent = data.nodes.length + " nodes, " + shown + " of " + data.edges.length + " lines" +
      (day ? " valid on " + day : "");
  }
  window.kgSetDate = setDate;
  // the day is typed as YYYY-MM-DD (a date input shows the browser's locale format, such as mm/dd/yyyy)
  function isoDay(v) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
    var d = new Date(v + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
  }
  if (data.dates.length) {
    dateBox.style.display = "inline-flex";
    dateInput.title = "dates in this graph: " + data.dates[0] + " to " + data.dates[data.dates.length - 1];
    var known = document.getElementById("kg-dates");
    data.dates.forEach(function (d) { var o = document.createElement("option"); o.value = d; known.appendChild(o); });
    dateInput.addEventListener("change", function () {
      var v = dateInput.value.trim();
      if (!v) { dateInput.setCustomValidity(""); setDate(null); return; }
      var day = isoDay(v);
      if (!day) {
        dateInput.setCustomValidity("YYYY-MM-DD");
        status.textContent = "not a date: " + v + " (YYYY-MM-DD)";
        return;
      }
      dateInput.setCustomValidity("");
      setDate(day);
    });
    document.getElementById("kg-date-clear").addEventListener("click", function () {
      dateInput.value = ""; dateInput.setCustomValidity(""); setDate(null);
    });
  }

  // ---- legend ----------------------------------------------------------------------------------
  var legend = document.getElementById("kg-legend");
  ["person", "company", "unit", "committee"].forEach(function (k) {
    var item = el("span", "kg-legend-item");
    var sw = el("span", "kg-sw");
    sw.style.background = S[k].color.background;
    sw.style.borderColor = S[k].color.border;
    if (k === "person") sw.style.borderRadius = "50%";
    if (k === "company") sw.style.transform = "rotate(45deg) scale(.8)";
    if (k === "committee") sw.style.borderRadius = "30%";
    item.appendChild(sw);
    item.appendChild(document.createTextNode(k + " (" + (data.counts[k] || 0) + ")"));
    legend.appendChild(item);
  });
  Object.keys(data.relations).forEach(function (rel) {
    var item = el("span", "kg-legend-item");
    var line = el("span", "kg-line");
    line.style.borderTopColor = S[rel].color;
    if (rel === "unitOf") line.style.borderTopStyle = "dashed";
    item.appendChild(line);
    item.appendChild(document.createTextNode(data.relations[rel]));
    legend.appendChild(item);
  });
  var former = el("span", "kg-legend-item");
  var fl = el("span", "kg-line");
  fl.style.borderTopStyle = "dashed";
  fl.style.borderTopColor = "#aaa";
  former.appendChild(fl);
  former.appendChild(document.createTextNode("former"));
  legend.appendChild(former);
})();
"""
