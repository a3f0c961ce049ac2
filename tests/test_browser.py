"""The rendered page in a real browser: headless Debian Chromium driven by Playwright, offline.

These tests FAIL (never skip) without /usr/bin/chromium or the playwright package: CI installs both
(``apt-get install chromium fonts-noto-cjk``, ``pip install -e '.[test]'``). Screenshots go to
test-artifacts/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import rdflib

from kg.views import graph as kgg, render as kg_render

pytestmark = [pytest.mark.integration, pytest.mark.slow]  # headless Chromium

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "'; alert(1); //",
    "<b onmouseover=alert(1)>bold</b> &amp; <!--",
]

HOSTILE_TTL = """
@prefix org: <http://www.w3.org/ns/org#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oc: <https://kg.example.org/ns/org-change#> . @prefix ex: <http://example.com/> .
ex:co a org:FormalOrganization ; skos:prefLabel {h1} .
ex:unit a org:OrganizationalUnit ; skos:prefLabel {h2} ; org:unitOf ex:co .
ex:board a oc:Committee ; skos:prefLabel {h3} ; org:unitOf ex:co .
ex:p0 a foaf:Person ; foaf:name {h0} ; skos:altLabel {h4} ; org:headOf ex:co .
ex:p1 a foaf:Person ; foaf:name {h1} ; org:reportsTo ex:p0 ; org:headOf ex:unit .
ex:p2 a foaf:Person ; foaf:name {h2} ; org:reportsTo ex:p0 ; org:memberOf ex:board .
ex:p3 a foaf:Person ; foaf:name {h3} ; org:reportsTo ex:p1 .
ex:p4 a foaf:Person ; foaf:name {h4} ; org:reportsTo ex:p1 .
ex:role a org:Role ; skos:prefLabel {h0} ; oc:isHeadRole true .
ex:m0 a org:Membership ; org:member ex:p0 ; org:organization ex:co ; org:role ex:role ; oc:title {h3} ;
    prov:wasDerivedFrom [ prov:value {h2} ] .
ex:m1 a org:Membership ; org:member ex:p1 ; org:organization ex:unit ; org:role ex:role ;
    prov:wasDerivedFrom [ prov:value {h0} ] .
ex:m3 a org:Membership ; org:member ex:p3 ; org:organization ex:board ; org:role ex:role ; oc:title {h1} ;
    prov:wasDerivedFrom [ prov:value {h4} ] .
""".format(**{f"h{i}": '"' + h.replace("\\", "\\\\").replace('"', '\\"') + '"' for i, h in enumerate(HOSTILE)})

DATED_TTL = """
@prefix org: <http://www.w3.org/ns/org#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <http://example.com/> .
ex:ks a org:FormalOrganization ; skos:prefLabel "快手" .
ex:ds a org:OrganizationalUnit ; skos:prefLabel "电商" ; org:unitOf ex:ks .
ex:su a foaf:Person ; foaf:name "苏华" .
ex:cheng a foaf:Person ; foaf:name "程一晓" .
ex:xiao a foaf:Person ; foaf:name "小谷" .
ex:m1 a org:Membership ; org:member ex:su ; org:organization ex:ks ;
  org:memberDuring [ time:hasBeginning [ time:inXSDDate "2011-01-01"^^xsd:date ] ;
                     time:hasEnd [ time:inXSDDate "2021-10-29"^^xsd:date ] ] .
ex:m2 a org:Membership ; org:member ex:cheng ; org:organization ex:ks ;
  org:memberDuring [ time:hasBeginning [ time:inXSDDate "2021-10-29"^^xsd:date ] ] .
ex:m3 a org:Membership ; org:member ex:xiao ; org:organization ex:ds ;
  org:memberDuring [ time:hasEnd [ ] ] .
ex:m4 a org:Membership ; org:member ex:cheng ; org:organization ex:ds ;
  org:memberDuring [ time:hasBeginning [ time:inXSDDate "2022-09"^^xsd:gYearMonth ] ] .
"""


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk (CI installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: pip install -e '.[test]' (never `playwright install`)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []


@pytest.fixture
def open_page(browser):
    contexts = []

    def _open(path: Path) -> Opened:
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(ctx)
        page = ctx.new_page()
        o = Opened(page)
        page.on("pageerror", lambda e: o.errors.append(str(e)))
        page.on("console", lambda m: o.console_errors.append(m.text) if m.type == "error" else None)

        def on_dialog(dialog):
            o.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def route(r):
            url = r.request.url
            if url.startswith(("file:", "data:")):
                r.continue_()
            else:
                o.outside.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else o.outside.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady === true", timeout=20_000)
        return o

    yield _open
    for ctx in contexts:
        ctx.close()


def write_page(G, path: Path, title: str = "kg") -> Path:
    kg_render.render(G, path, title=title)
    return path


def dom_point(page, node_id: str) -> tuple[float, float]:
    return tuple(
        page.evaluate(
            """id => {
        const p = kgNetwork.canvasToDOM(kgNetwork.getPosition(id));
        const r = document.getElementById('kg-network').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top]; }""",
            node_id,
        )
    )


def tooltip_text(page) -> str | None:
    return page.evaluate("""() => { const t = document.querySelector('div.vis-tooltip');
        return t && t.style.visibility === 'visible' ? t.textContent : null; }""")


# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_G(seed_graph):
    return kgg.from_rdf(seed_graph)


def test_seed_page_draws_every_node_and_the_reporting_line(open_page, seed_G, tmp_path):
    o = open_page(write_page(seed_G, tmp_path / "seed.html", "seed"))
    page = o.page
    assert o.errors == [] and o.console_errors == [] and o.outside == []
    assert page.evaluate("kgNetwork.body.data.nodes.length") == seed_G.number_of_nodes()
    # every node is really drawn (has a body in the network) at its place
    assert page.evaluate("Object.keys(kgNetwork.body.nodes).length") == seed_G.number_of_nodes()
    (xiao,) = kgg.find(seed_G, "小谷")
    (cheng,) = kgg.find(seed_G, "程一晓", kind="person")
    assert page.evaluate(
        """([a, b]) => kgNetwork.body.data.edges.get({filter: e => e.from === a && e.to === b})
                             .map(e => e.label)""",
        [xiao, cheng],
    ) == ["reports to"]
    assert page.evaluate("([a, b]) => kgNetwork.getConnectedNodes(a, 'to').includes(b)", [xiao, cheng])

    # the search box finds 小谷 by any name and selects it
    for query in ("小谷", "Xiao Gu", "xiao gu"):
        page.evaluate("kgNetwork.unselectAll()")
        page.fill("#kg-search", query)
        page.press("#kg-search", "Enter")
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [xiao]
        assert page.inner_text("#kg-info").startswith("小谷")
    # hovering the node shows its tooltip, as text
    page.mouse.move(*dom_point(page, xiao))
    page.wait_for_function(
        "() => { const t = document.querySelector('div.vis-tooltip'); return t && t.style.visibility === 'visible'; }",
        timeout=3000,
    )
    assert "程一晓" in tooltip_text(page) and "Xiao Gu" in tooltip_text(page)
    # the legend and the status line
    legend = page.inner_text("#kg-legend")
    for word in ("person", "company", "unit", "committee", "reports to", "heads", "member of", "unit of"):
        assert word in legend
    assert page.evaluate("document.fonts.check('14px \"Noto Sans CJK SC\"', '小谷')")
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("kgNetwork.fit()")
    page.screenshot(path=str(ARTIFACTS / "seed.png"))
    assert o.errors == [] and o.dialogs == [] and o.outside == []


@pytest.mark.parametrize("lazy", [False, True], ids=["tooltips-up-front", "tooltips-on-hover"])
def test_hostile_labels_run_nothing(open_page, tmp_path, monkeypatch, lazy):
    if lazy:  # big graphs build tooltips on first hover: the same text path must hold
        monkeypatch.setattr(kg_render, "_BIG", 0)
    G = kgg.from_rdf(rdflib.Graph().parse(data=HOSTILE_TTL, format="turtle"))
    o = open_page(write_page(G, tmp_path / "hostile.html", title=HOSTILE[0] + HOSTILE[1]))
    page = o.page
    assert page.evaluate("kgData.big") is lazy
    assert page.evaluate("kgNetwork.body.data.nodes.length") == G.number_of_nodes() == 8
    page.evaluate("kgNetwork.fit()")
    seen_tips = []
    for n in G.nodes:
        x, y = dom_point(page, n)
        page.mouse.move(x, y)
        page.wait_for_function(
            "label => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility === 'visible' && t.textContent.includes(label); }",
            arg=G.nodes[n]["label"],
            timeout=3000,
        )
        seen_tips.append(tooltip_text(page))
        page.mouse.click(x, y)
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [n]
        assert page.inner_text("#kg-info").startswith(G.nodes[n]["label"].split("\n")[0][:5])
    # every line: hover its middle and click it
    edge_tips = []
    for e in page.evaluate("kgData.edges.filter(e => e.nth === 0).map(e => [e.from, e.to])"):
        (x1, y1), (x2, y2) = dom_point(page, e[0]), dom_point(page, e[1])
        page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2)
        page.wait_for_timeout(200)
        edge_tips.append(tooltip_text(page) or "")
        page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)
    # line tooltips show the source sentence as text (p0 heads co: its source is HOSTILE[2])
    assert any("source" + HOSTILE[2] in t for t in edge_tips), edge_tips
    # the search box and its results
    for text in HOSTILE:
        page.fill("#kg-search", text)
        page.press("#kg-search", "Enter")
    page.fill("#kg-search", "alert")
    results = page.inner_text("#kg-results")
    assert HOSTILE[0] in results and HOSTILE[1] in results

    assert o.dialogs == [] and o.errors == [] and o.outside == []
    counts = page.evaluate("""() => ({
        injected: document.querySelectorAll(
            'img, svg, iframe, object, embed, b, [onerror], [onload], [onmouseover]').length,
        scripts: document.scripts.length})""")
    assert counts == {"injected": 0, "scripts": 3}
    tips = "\n".join(seen_tips)
    for text in HOSTILE:  # shown as the very text, in names, roles, titles and sources
        assert text in tips
    assert page.title() == HOSTILE[0] + HOSTILE[1]
    assert HOSTILE[0] in page.inner_text("#kg-title")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"hostile-{'lazy' if lazy else 'eager'}.png"))


def test_date_filter_hides_lines_not_valid_that_day(open_page, tmp_path):
    G = kgg.from_rdf(rdflib.Graph().parse(data=DATED_TTL, format="turtle"))
    o = open_page(write_page(G, tmp_path / "dated.html"))
    page = o.page
    assert page.is_visible("#kg-date")
    edges = page.evaluate("kgData.edges.map(e => [e.id, e.from, e.to])")
    for day in ("2015-06-01", "2021-10-29", "2022-08-31", "2022-09-01"):
        page.fill("#kg-date", day)
        page.dispatch_event("#kg-date", "change")
        hidden = set(page.evaluate("kgNetwork.body.data.edges.get({filter: e => e.hidden}).map(e => e.id)"))
        H = kgg.as_of(G, day)
        for eid, u, v in edges:
            assert (eid not in hidden) == H.has_edge(u, v), (day, G.nodes[u]["label"], G.nodes[v]["label"])
    page.click("#kg-date-clear")
    assert page.evaluate("kgNetwork.body.data.edges.get({filter: e => e.hidden}).length") == 0
    assert "2022-09-01" not in page.inner_text("#kg-status")
    assert o.errors == [] and o.outside == []


def test_undated_graph_has_no_date_filter(open_page, seed_G, tmp_path):
    G = kgg.from_rdf(
        rdflib.Graph().parse(
            format="turtle",
            data="""
        @prefix org: <http://www.w3.org/ns/org#> . <urn:a> org:reportsTo <urn:b> .""",
        )
    )
    o = open_page(write_page(G, tmp_path / "plain.html"))
    assert not o.page.is_visible("#kg-date")
    assert o.page.evaluate("kgNetwork.body.data.nodes.length") == 2 and o.errors == []


CLASH_TTL = """
@prefix org: <http://www.w3.org/ns/org#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix time: <http://www.w3.org/2006/time#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <http://example.com/> .
ex:ali a org:FormalOrganization ; skos:prefLabel "阿里巴巴集团" .
ex:zy a foaf:Person ; foaf:name "张勇" .
ex:ceo a org:Role ; skos:prefLabel "首席执行官"@zh .
ex:d1 dcterms:date "2023-03-28"^^xsd:date . ex:d2 dcterms:date "2023-09-10"^^xsd:date .
ex:m1 a org:Membership ; org:member ex:zy ; org:organization ex:ali ; org:role ex:ceo ;
  prov:wasDerivedFrom [ prov:value "张勇担任阿里巴巴集团首席执行官。" ; dcterms:source ex:d1 ] .
ex:m2 a org:Membership ; org:member ex:zy ; org:organization ex:ali ; org:role ex:ceo ;
  org:memberDuring [ time:hasEnd [ time:inXSDDate "2023-09-10"^^xsd:date ] ] ;
  prov:wasDerivedFrom [ prov:value "张勇卸任阿里巴巴集团首席执行官。" ; dcterms:source ex:d2 ] .
"""


def test_fit_to_view_after_a_search_recentres(open_page, seed_G, tmp_path):
    o = open_page(write_page(seed_G, tmp_path / "fit.html"))
    page = o.page
    page.fill("#kg-search", "小谷")
    page.press("#kg-search", "Enter")
    page.evaluate("kgNetwork.moveTo({scale: 4})")  # zoomed in on one node: most are off screen

    def outside() -> int:
        return page.evaluate("""() => {
            const r = document.getElementById('kg-network').getBoundingClientRect();
            return kgData.nodes.filter(n => { const p = kgNetwork.canvasToDOM(kgNetwork.getPosition(n.id));
                return p.x < 0 || p.y < 0 || p.x > r.width || p.y > r.height; }).length; }""")

    assert outside() > 0
    assert page.is_visible("#kg-fit") and page.inner_text("#kg-fit") == "fit to view"
    page.click("#kg-fit")
    assert outside() == 0
    assert o.errors == [] and o.outside == []


def test_node_panel_lists_posts_with_dates_and_sources(open_page, tmp_path):
    G = kgg.from_rdf(rdflib.Graph().parse(data=CLASH_TTL, format="turtle"))
    o = open_page(write_page(G, tmp_path / "clash.html"))
    page = o.page
    page.fill("#kg-search", "张勇")
    page.press("#kg-search", "Enter")
    panel = page.inner_text("#kg-info")
    assert panel.startswith("张勇") and "posts (2)" in panel
    current, former = panel.split("posts (2)")[1].split("首席执行官 · 阿里巴巴集团")[1:]
    assert (
        current.startswith(" (current)")
        and "reported 2023-03-28" in current
        and "张勇担任阿里巴巴集团首席执行官。" in current
    )
    assert (
        former.startswith(" (former)")
        and "until 2023-09-10" in former
        and "reported 2023-09-10" in former
        and "张勇卸任阿里巴巴集团首席执行官。" in former
    )
    assert panel.count("current in one source, former in another") == 2  # the two contradict: both marked
    # clicking the node shows the same panel
    page.click("#kg-fit")
    page.mouse.click(*dom_point(page, next(n for n in G if G.nodes[n]["label"] == "张勇")))
    assert page.inner_text("#kg-info") == panel
    assert o.errors == [] and o.outside == []


def test_date_box_takes_iso_dates_only(open_page, tmp_path):
    G = kgg.from_rdf(rdflib.Graph().parse(data=DATED_TTL, format="turtle"))
    o = open_page(write_page(G, tmp_path / "iso.html"))
    page = o.page
    assert page.get_attribute("#kg-date", "type") == "text"
    assert page.get_attribute("#kg-date", "placeholder") == "YYYY-MM-DD"
    assert page.evaluate("[...document.querySelectorAll('#kg-dates option')].map(o => o.value)") == page.evaluate(
        "kgData.dates"
    )

    def hidden() -> int:
        return page.evaluate("kgNetwork.body.data.edges.get({filter: e => e.hidden}).length")

    for bad in ("09/01/2022", "2022-02-30", "2022-9-1", "tomorrow"):
        page.fill("#kg-date", bad)
        page.dispatch_event("#kg-date", "change")
        assert page.inner_text("#kg-status") == f"not a date: {bad} (YYYY-MM-DD)" and hidden() == 0
    page.fill("#kg-date", "2015-06-01")
    page.dispatch_event("#kg-date", "change")
    assert page.input_value("#kg-date") == "2015-06-01"  # shown as typed, in ISO form
    assert page.inner_text("#kg-status").endswith("valid on 2015-06-01") and hidden() > 0
    assert o.errors == [] and o.outside == []
