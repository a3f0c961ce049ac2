"""kg.views.render and ``kg render``: a self-contained offline page, with every untrusted text escaped."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, Literal, Namespace
from rdflib.namespace import FOAF, PROV, SKOS

from kg.cli import main
from kg.views import graph as kgg
from kg.views.render import X_GAP, build_page, layout, page_data, render, script_json

ORG = Namespace("http://www.w3.org/ns/org#")
OC = Namespace("https://kg.example.org/ns/org-change#")
EX = Namespace("http://example.com/")

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "\u2028'; alert(1); //\u2029",
    "&lt;b&gt; & <!-- <b>bold</b>",
]


def hostile_graph() -> rdflib.Graph:
    """Every text the page shows is an attack: names, alt labels, roles, titles, sources."""
    g = rdflib.Graph()
    g.add((EX.co, RDF.type, ORG.FormalOrganization))
    g.add((EX.co, SKOS.prefLabel, Literal(HOSTILE[1])))
    g.add((EX.unit, RDF.type, ORG.OrganizationalUnit))
    g.add((EX.unit, SKOS.prefLabel, Literal(HOSTILE[2])))
    g.add((EX.unit, ORG.unitOf, EX.co))
    g.add((EX.board, RDF.type, OC.Committee))
    g.add((EX.board, SKOS.prefLabel, Literal(HOSTILE[3])))
    g.add((EX.board, ORG.unitOf, EX.co))
    for i, text in enumerate(HOSTILE):
        p = EX[f"p{i}"]
        g.add((p, RDF.type, FOAF.Person))
        g.add((p, FOAF.name, Literal(text)))
        g.add((p, SKOS.altLabel, Literal(HOSTILE[(i + 1) % len(HOSTILE)], lang="en")))
        if i:
            g.add((p, ORG.reportsTo, EX.p0))
    g.add((EX.role, RDF.type, ORG.Role))
    g.add((EX.role, SKOS.prefLabel, Literal(HOSTILE[0], lang="zh")))
    g.add((EX.role, OC.isHeadRole, Literal(True)))
    for i, org in enumerate((EX.co, EX.unit, EX.board)):
        m = EX[f"m{i}"]
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, EX[f"p{i}"]))
        g.add((m, ORG.organization, org))
        g.add((m, ORG.role, EX.role))
        g.add((m, OC.title, Literal(HOSTILE[(i + 2) % len(HOSTILE)])))
        g.add((m, PROV.wasDerivedFrom, EX[f"x{i}"]))
        g.add((EX[f"x{i}"], PROV.value, Literal(HOSTILE[(i + 3) % len(HOSTILE)])))
        g.add((EX[f"p{i}"], ORG.headOf, org))
    return g


def embedded_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, re.S)


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return build_page(kgg.from_rdf(hostile_graph()), title=HOSTILE[0] + HOSTILE[1] + HOSTILE[3])


@pytest.fixture(scope="module")
def seed_page(seed_graph) -> str:
    return build_page(kgg.from_rdf(seed_graph), title="seed")


# --------------------------------------------------------------------------------------------------
# Offline and self-contained
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["seed_page", "hostile_page"])
def test_no_external_resources(request, which):
    page = request.getfixturevalue(which)
    lowered = page.lower()
    # no attribute that loads anything from elsewhere, absolute or protocol-relative
    assert not re.search(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", lowered)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", lowered)
    assert "@import" not in lowered and "<link" not in lowered and "<iframe" not in lowered
    assert "cdn" not in re.sub(r"<script>.*?</script>", "", lowered, flags=re.S)
    # and the browser is told to refuse any request the page might still try
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert (
        "default-src 'none'" in csp
        and "connect-src 'none'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )


def test_csp_hashes_match_the_inline_scripts(seed_page):
    csp = re.search(r'content="(default-src[^"]+)"', seed_page).group(1)
    found = scripts(seed_page)
    assert len(found) == 2  # vis-network and the page's own script; the data is JSON, not a script
    for body in found:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_vis_network_is_inlined(seed_page):
    assert "vis-network" in seed_page and "vis.Network" in seed_page
    assert len(seed_page) > 300_000  # the library itself, not a reference to it
    outside = seed_page.replace(scripts(seed_page)[0], "")  # vis-network's own code quotes "<script>"
    assert outside.lower().count("<script") == 3 and seed_page.lower().count("</script") == 3


def test_cjk_font_stack(seed_page):
    assert "Noto Sans CJK SC" in seed_page and "Microsoft YaHei" in seed_page
    assert '<meta charset="utf-8">' in seed_page


# --------------------------------------------------------------------------------------------------
# Untrusted text
# --------------------------------------------------------------------------------------------------


def test_hostile_text_never_appears_raw(hostile_page):
    for text in HOSTILE:
        assert text not in hostile_page
    outside = hostile_page.replace(scripts(hostile_page)[0], "")  # vis-network's own code quotes "<script>"
    assert "<img" not in outside.lower() and "<svg" not in outside.lower() and "<b>" not in outside.lower()
    assert "\u2028" not in hostile_page and "\u2029" not in hostile_page
    assert outside.lower().count("<script") == 3 and hostile_page.lower().count("</script") == 3


def test_hostile_text_survives_as_data(hostile_page):
    data = embedded_data(hostile_page)
    names = [" ".join(t.split()) for t in HOSTILE]  # names and sentences have their white space collapsed
    assert {n["label"] for n in data["nodes"]} == set(names)
    tips = json.dumps([n["tip"] for n in data["nodes"]] + [e["tip"] for e in data["edges"]], ensure_ascii=False)
    for text in names:
        assert json.dumps(text, ensure_ascii=False)[1:-1] in tips  # roles, titles, sources, alt names
    assert data["title"] == HOSTILE[0] + HOSTILE[1] + HOSTILE[3]
    assert {e["label"] for e in data["edges"] if e["rel"] == "headOf"} >= {f"heads ({HOSTILE[2]})"}


def test_title_is_escaped(hostile_page):
    title = re.search(r"<title>(.*?)</title>", hostile_page, re.S).group(1)
    assert title == (
        "&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
        "&#x2028;&#x27;; alert(1); //&#x2029;"
    )


def test_title_has_no_control_characters():
    page = build_page(nx.MultiDiGraph(), title="快手\x00组织\x1b[31m\x7f调整\x85\ud800!")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title == "快手 组织 [31m 调整  !"
    page.encode("utf-8")  # no lone surrogate left to write


def test_script_json_escapes():
    text = script_json({"k": "</script>&\u2028\u2029<!--"})
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"k": "</script>&\u2028\u2029<!--"}
    assert json.loads(script_json({"k": "\ud800x"})) == {"k": "\ufffdx"}  # a lone surrogate cannot be written


def test_page_script_uses_text_not_html():
    from kg.resources import page_file

    app_js = page_file("app.js").read_text(encoding="utf-8")  # package data, inlined into every page
    assert "innerHTML" not in app_js and "outerHTML" not in app_js and "insertAdjacentHTML" not in app_js
    assert "document.write" not in app_js and "eval(" not in app_js
    assert "multi: false" in app_js  # vis-network's HTML-ish label markup stays off
    assert "textContent" in app_js
    assert app_js in build_page(nx.MultiDiGraph())


def test_page_files_are_package_data():
    """An installed (non-editable) kg ships kg/views/page/*: setup.cfg lists the package and its files."""
    import configparser
    import fnmatch
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    cfg = configparser.ConfigParser()
    cfg.read(root / "setup.cfg", encoding="utf-8")
    assert "kg.views.page" in cfg["options"]["packages"].split()
    patterns = [p.strip() for p in cfg["options.package_data"]["kg.views.page"].split(",")]
    files = sorted(f.name for f in (root / "kg" / "views" / "page").iterdir() if f.is_file())
    assert {"page.html", "app.js"} <= set(files)
    assert all(any(fnmatch.fnmatch(f, p) for p in patterns) for f in files)


# --------------------------------------------------------------------------------------------------
# Layout and data
# --------------------------------------------------------------------------------------------------


def test_layout_is_hierarchical(seed_graph):
    G = kgg.from_rdf(seed_graph)
    pos = layout(G)
    assert set(pos) == set(G)
    for u, v, d in G.edges(data=True):
        if d["rel"] in ("reportsTo", "unitOf"):
            assert pos[v][1] < pos[u][1], (G.nodes[u]["label"], d["rel"], G.nodes[v]["label"])
    assert len(set(pos.values())) == len(pos)  # no two nodes on the same spot


def test_layout_wraps_many_leaves_and_packs_trees():
    G = kgg.from_rdf(
        rdflib.Graph().parse(
            format="turtle",
            data="""
        @prefix org: <http://www.w3.org/ns/org#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        """
            + "".join(f"<urn:p{i}> a foaf:Person ; org:reportsTo <urn:boss> .\n" for i in range(40))
            + "".join(f"<urn:q{i}> a foaf:Person .\n" for i in range(30)),
        )
    )
    pos = layout(G)
    assert len(set(pos.values())) == len(pos) == 71
    xs = [pos[f"urn:p{i}"][0] for i in range(40)]
    assert max(xs) - min(xs) < 12 * X_GAP  # 40 reports in a block, not one row of 40
    assert all(pos[f"urn:p{i}"][1] > pos["urn:boss"][1] for i in range(40))
    width = max(x for x, _y in pos.values()) - min(x for x, _y in pos.values())
    height = max(y for _x, y in pos.values()) - min(y for _x, y in pos.values())
    assert width < 6 * height  # lone nodes are packed into rows


def test_page_data_merges_head_memberships(seed_graph):
    G = kgg.from_rdf(seed_graph)
    data = page_data(G)
    assert len(data["nodes"]) == G.number_of_nodes()
    (cheng,) = kgg.find(G, "程一晓")
    (ks,) = kgg.find(G, "快手")
    between = [e for e in data["edges"] if e["from"] == cheng and e["to"] == ks]
    assert [e["label"] for e in between] == ["heads (首席执行官)"]
    (xiao,) = kgg.find(G, "小谷")
    (line,) = [e for e in data["edges"] if e["from"] == xiao and e["to"] == cheng]
    assert line["rel"] == "reportsTo" and line["label"] == "reports to"
    assert ["source", "此前快手电商事业部负责人小谷调任为当地生活事业部负责人,向程一晓汇报工作。"] in line["tip"]
    assert data["counts"]["person"] >= 2 and data["counts"]["committee"] == 1


# --------------------------------------------------------------------------------------------------
# kg render
# --------------------------------------------------------------------------------------------------


def test_kg_render_writes_one_file(seed_graph, tmp_path):
    src = tmp_path / "seed.ttl"
    seed_graph.serialize(destination=str(src), format="turtle")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["render", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>seed.ttl</title>" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "seed.ttl"]  # no temp file left
    result = CliRunner().invoke(main, ["render", str(src), "-o", str(out), "--at", "2000-01-01", "--title", "快手"])
    assert result.exit_code == 0
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert data["asOf"] == "2000-01-01" and data["title"] == "快手"


def test_kg_render_errors_are_one_line(tmp_path):
    result = CliRunner().invoke(main, ["render", str(tmp_path / "nope.ttl"), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 2 and "no such file" in result.output and result.output.count("\n") == 1
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(bad), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 2 and result.output.startswith("kg: error: ") and result.output.count("\n") == 1
    good = tmp_path / "good.ttl"
    good.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(good), "-o", str(tmp_path / "no" / "dir.html")])
    assert result.exit_code == 2 and "no such directory" in result.output


def test_render_function(tmp_path):
    out = tmp_path / "x.html"
    render(kgg.from_rdf(hostile_graph()), out)
    assert HOSTILE[0] not in out.read_text(encoding="utf-8")
