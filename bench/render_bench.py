"""How long ``kg render`` takes on a 5,000-node graph, and how fast the page draws in Chromium.

Builds a synthetic org graph in kg's W3C ORG shape (docs/rdf.md): companies with divisions,
departments and committees, a CEO, heads who report up the line, staff, dated memberships and
transfers with source sentences. Then it times ``kg.views.graph.from_rdf`` and
``kg.views.render.build_page``, opens the page in headless Chromium (all network requests blocked) and reads the page's own timings.

    python bench/render_bench.py                 # 5,000 nodes
    python bench/render_bench.py --nodes 20000 --keep /tmp/big.html

Needs /usr/bin/chromium (Debian package ``chromium``) and the ``playwright`` Python package.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import rdflib
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS, XSD

ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
OC = Namespace("https://kg.example.org/ns/org-change#")
ID = Namespace("https://kg.example.org/id/")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉力鹏宇浩然子涵一鸣晓东海波俊峰志强春梅玉兰雪梅立新"
)
UNITS = [
    "电商",
    "商业化",
    "国际化",
    "技术",
    "产品",
    "运营",
    "市场",
    "财务",
    "人力资源",
    "法务",
    "战略",
    "本地生活",
    "游戏",
    "教育",
    "金融",
    "云服务",
    "硬件",
    "内容",
    "安全",
    "数据",
]
DEPTS = ["平台", "增长", "用户", "商家", "研发", "算法", "供应链", "品牌", "销售", "客服", "风控", "基础架构"]
COMMITTEES = ["战略委员会", "审计委员会", "技术委员会", "商业生态委员会", "薪酬委员会"]


def synthetic_graph(n_nodes: int = 5000, companies: int = 20, seed: int = 7) -> rdflib.Graph:
    """An RDF org graph with exactly ``n_nodes`` persons and organizations."""
    rnd = random.Random(seed)
    g = rdflib.Graph()
    for prefix, ns in (
        ("org", ORG),
        ("foaf", FOAF),
        ("skos", SKOS),
        ("time", TIME),
        ("prov", PROV),
        ("dcterms", DCTERMS),
        ("oc", OC),
    ):
        g.bind(prefix, ns)
    divisions, depts, comms = 6, 4, 2
    orgs_per_company = 1 + divisions + divisions * depts + comms
    persons_total = n_nodes - companies * orgs_per_company
    if persons_total < companies * (1 + divisions + divisions * depts):
        raise SystemExit(f"--nodes {n_nodes} is too small for {companies} companies")
    doc = ID["doc/bench"]
    g.add((doc, RDF.type, OC.Document))
    g.add((doc, DCTERMS.identifier, Literal("bench")))
    counter = {"p": 0, "x": 0}

    def name() -> str:  # repeats happen, as they do in real graphs
        return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))

    def excerpt(text: str) -> URIRef:
        counter["x"] += 1
        x = ID[f"excerpt/bench-{counter['x']}"]
        g.add((x, RDF.type, OC.Excerpt))
        g.add((x, PROV.value, Literal(text)))
        g.add((x, DCTERMS.source, doc))
        return x

    def date() -> str:
        return f"{rnd.randint(2015, 2023)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"

    roles = {}
    for rid, zh, en, head in (
        ("ceo", "首席执行官", "CEO", True),
        ("head", "负责人", "Head", True),
        ("chair", "主席", "Chair", True),
        ("member", "成员", "Member", False),
        ("staff", "员工", "Staff", False),
    ):
        r = ID[f"role/{rid}"]
        g.add((r, RDF.type, ORG.Role))
        g.add((r, SKOS.prefLabel, Literal(zh, lang="zh")))
        g.add((r, SKOS.prefLabel, Literal(en, lang="en")))
        g.add((r, OC.isHeadRole, Literal(head)))
        roles[rid] = r

    def person() -> tuple[URIRef, str]:
        counter["p"] += 1
        p = ID[f"person/p{counter['p']}"]
        n = f"{name()}{counter['p']}" if counter["p"] % 7 == 0 else name()
        g.add((p, RDF.type, FOAF.Person))
        g.add((p, FOAF.name, Literal(n)))
        g.add((p, SKOS.altLabel, Literal(f"Person {counter['p']}", lang="zh-Latn-pinyin")))
        return p, n

    def post(p: URIRef, pname: str, org: URIRef, oname: str, role: str, former: bool = False) -> URIRef:
        counter["x"] += 1
        m = ID[f"membership/m{counter['x']}"]
        start = date()
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, p))
        g.add((m, ORG.organization, org))
        g.add((m, ORG.role, roles[role]))
        text = f"{start[:4]}年{int(start[5:7])}月,{pname}出任{oname}{role_zh[role]}。"
        g.add((m, PROV.wasDerivedFrom, excerpt(text)))
        during = URIRef(f"{m}-during")
        g.add((m, ORG.memberDuring, during))
        g.add((during, RDF.type, TIME.Interval))
        b = URIRef(f"{m}-start")
        g.add((during, TIME.hasBeginning, b))
        g.add((b, RDF.type, TIME.Instant))
        g.add((b, TIME.inXSDDate, Literal(start, datatype=XSD.date)))
        if former:
            e = URIRef(f"{m}-end")
            end = f"{int(start[:4]) + 1}{start[4:]}"
            g.add((during, TIME.hasEnd, e))
            g.add((e, RDF.type, TIME.Instant))
            g.add((e, TIME.inXSDDate, Literal(end, datatype=XSD.date)))
        elif role in ("ceo", "head", "chair"):
            g.add((p, ORG.headOf, org))
        return m

    role_zh = {"ceo": "首席执行官", "head": "负责人", "chair": "主席", "member": "成员", "staff": "员工"}

    def reports(a: URIRef, b: URIRef, aname: str, bname: str) -> None:
        g.add((a, ORG.reportsTo, b))
        counter["x"] += 1
        line = ID[f"reporting/r{counter['x']}"]
        g.add((line, RDF.type, OC.ReportingLine))
        g.add((line, OC.subordinate, a))
        g.add((line, OC.superior, b))
        g.add((line, PROV.wasDerivedFrom, excerpt(f"{aname}向{bname}汇报。")))

    per_company = [persons_total // companies + (1 if i < persons_total % companies else 0) for i in range(companies)]
    for ci in range(companies):
        cname = f"公司{ci + 1:02d}"
        comp = ID[f"org/c{ci}"]
        g.add((comp, RDF.type, ORG.FormalOrganization))
        g.add((comp, SKOS.prefLabel, Literal(cname)))
        g.add((comp, SKOS.altLabel, Literal(f"Company {ci + 1}")))
        budget = per_company[ci]
        ceo, ceo_name = person()
        budget -= 1
        post(ceo, ceo_name, comp, cname, "ceo")
        heads = []
        dept_head: dict[URIRef, tuple[URIRef, str]] = {}
        for di in range(divisions):
            dname = f"{cname}{UNITS[(ci + di) % len(UNITS)]}事业部"
            div = ID[f"org/c{ci}/d{di}"]
            g.add((div, RDF.type, ORG.OrganizationalUnit))
            g.add((div, SKOS.prefLabel, Literal(dname)))
            g.add((div, ORG.unitOf, comp))
            g.add((comp, ORG.hasUnit, div))
            dh, dh_name = person()
            budget -= 1
            post(dh, dh_name, div, dname, "head")
            reports(dh, ceo, dh_name, ceo_name)
            heads.append((dh, dh_name))
            for ti in range(depts):
                tname = f"{DEPTS[(di * depts + ti) % len(DEPTS)]}部"
                dep = ID[f"org/c{ci}/d{di}/t{ti}"]
                g.add((dep, RDF.type, ORG.OrganizationalUnit))
                g.add((dep, SKOS.prefLabel, Literal(tname)))
                g.add((dep, SKOS.altLabel, Literal(f"{dname}{tname}")))
                g.add((dep, ORG.unitOf, div))
                g.add((div, ORG.hasUnit, dep))
                th, th_name = person()
                budget -= 1
                post(th, th_name, dep, tname, "head")
                reports(th, dh, th_name, dh_name)
                heads.append((th, th_name))
                dept_head[dep] = (th, th_name)
        staff_units = list(dept_head)
        for k in range(budget):
            dep = staff_units[k % len(staff_units)]
            s, s_name = person()
            post(s, s_name, dep, "部门", "staff")
            th, th_name = dept_head[dep]
            reports(s, th, s_name, th_name)
            if rnd.random() < 0.1:  # an earlier post elsewhere, and the transfer that ended it
                other = staff_units[rnd.randrange(len(staff_units))]
                old = post(s, s_name, other, "部门", "staff", former=True)
                counter["x"] += 1
                ev = ID[f"event/t{counter['x']}"]
                g.add((ev, RDF.type, OC.Transfer))
                g.add((ev, PROV.invalidated, old))
                g.add((ev, PROV.wasDerivedFrom, excerpt(f"{s_name}调任。")))
        for mi in range(comms):
            cm = ID[f"org/c{ci}/committee{mi}"]
            cm_name = COMMITTEES[(ci + mi) % len(COMMITTEES)]
            g.add((cm, RDF.type, ORG.OrganizationalUnit))
            g.add((cm, RDF.type, OC.Committee))
            g.add((cm, SKOS.prefLabel, Literal(cm_name)))
            g.add((cm, ORG.unitOf, comp))
            post(ceo, ceo_name, cm, cm_name, "chair")
            for h, h_name in rnd.sample(heads, 5):
                g.add((h, ORG.memberOf, cm))
            counter["x"] += 1
            ev = ID[f"event/u{counter['x']}"]
            g.add((ev, RDF.type, ORG.ChangeEvent))
            g.add((ev, RDF.type, OC.UnitEstablished))
            g.add((ev, ORG.resultingOrganization, cm))
            g.add((cm, ORG.resultedFrom, ev))
            g.add((ev, DCTERMS.date, Literal(date(), datatype=XSD.date)))
            g.add((ev, PROV.wasDerivedFrom, excerpt(f"{cname}成立{cm_name}。")))
    return g


def browser_timings(page_path: Path, screenshot: Path | None = None) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            blocked: list[str] = []
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))

            def route(r):
                if r.request.url.startswith(("file:", "data:")):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            t0 = time.perf_counter()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("window.kgReady === true", timeout=120_000)
            wall = time.perf_counter() - t0
            t = page.evaluate("""() => {
                const k = window.kgTimings, nav = performance.getEntriesByType('navigation')[0];
                const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                return {script_start: k.start, parsed: k.parsed, datasets: k.datasets, created: k.created,
                        first_draw: k.firstDraw, fcp: fcp ? fcp.startTime : null,
                        dom_loaded: nav ? nav.domContentLoadedEventEnd : null,
                        drawn_nodes: kgNetwork.body.data.nodes.length, drawn_edges: kgNetwork.body.data.edges.length};
            }""")
            # interaction: one search and one date change, timed in the page
            t["search_ms"] = page.evaluate("""() => {
                const input = document.getElementById('kg-search'); const t = performance.now();
                input.value = kgData.nodes[kgData.nodes.length - 1].label;
                input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));
                return performance.now() - t; }""")
            if page.evaluate("kgData.dates.length > 0"):
                t["date_filter_ms"] = page.evaluate(
                    "() => { const t = performance.now(); kgSetDate('2019-06-01'); return performance.now() - t; }"
                )
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.evaluate("kgSetDate(null); kgNetwork.unselectAll(); kgNetwork.fit()")
                page.screenshot(path=str(screenshot))
            t["wall_to_ready_s"] = wall
            t["blocked_requests"] = len(blocked)
            t["page_errors"] = len(errors)
            return t
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--keep", type=Path, help="Keep the page here (default: a temporary file).")
    ap.add_argument("--screenshot", type=Path, help="Save a screenshot of the drawn page.")
    ap.add_argument("--no-browser", action="store_true", help="Only time generation.")
    ap.add_argument("--repeat", type=int, default=3, help="Browser runs; the median is printed (default 3).")
    args = ap.parse_args(argv)

    from kg.views import graph as kgg
    from kg.views.render import render

    t = time.perf_counter()
    rdf = synthetic_graph(args.nodes)
    t_rdf = time.perf_counter() - t
    t = time.perf_counter()
    G = kgg.from_rdf(rdf)
    t_graph = time.perf_counter() - t
    tmp = None if args.keep else tempfile.TemporaryDirectory(prefix="kg-bench-")
    out = args.keep or Path(tmp.name) / "page.html"  # type: ignore[union-attr]
    t = time.perf_counter()
    render(G, out, title=f"bench {args.nodes}")
    t_page = time.perf_counter() - t
    size = os.path.getsize(out)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print(
        f"graph: {len(rdf)} triples, {G.number_of_nodes()} nodes, {G.number_of_edges()} lines "
        f"(synthesized in {t_rdf:.2f} s)"
    )
    print(f"from_rdf: {t_graph:.2f} s")
    print(
        f"render (layout + page + write): {t_page:.2f} s, page {size / 1e6:.2f} MB"
        + (f" -> {out}" if args.keep else "")
    )
    print(f"generation total (from_rdf + render): {t_graph + t_page:.2f} s")
    try:
        return _browser(args, out)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _browser(args: argparse.Namespace, out: Path) -> int:
    if args.no_browser:
        return 0
    if not os.path.exists("/usr/bin/chromium"):
        print("no /usr/bin/chromium: install Debian's chromium to time the page", file=sys.stderr)
        return 1
    runs = [browser_timings(out, args.screenshot if i == 0 else None) for i in range(max(1, args.repeat))]

    def median(key: str) -> float:
        vals = sorted(r[key] for r in runs if r.get(key) is not None)
        return vals[len(vals) // 2] if vals else float("nan")

    b = {k: (median(k) if isinstance(v, (int, float)) else v) for k, v in runs[0].items()}
    b["fcp"] = median("fcp") if runs[0].get("fcp") is not None else None
    print(f"browser: median of {len(runs)} runs")
    print(
        f"  {b['drawn_nodes']:.0f} nodes / {b['drawn_edges']:.0f} lines drawn, "
        f"page errors {b['page_errors']:.0f}, blocked requests {b['blocked_requests']:.0f}"
    )
    print(f"  first contentful paint: {b['fcp']:.0f} ms after navigation" if b["fcp"] is not None else "  fcp: n/a")
    print(
        f"  script start {b['script_start']:.0f} ms; JSON parsed +{b['parsed']:.0f} ms; "
        f"datasets +{b['datasets']:.0f} ms; network created +{b['created']:.0f} ms; "
        f"first network draw +{b['first_draw']:.0f} ms "
        f"(= {b['script_start'] + b['first_draw']:.0f} ms after navigation; physics off, so that is also "
        "when it is stable)"
    )
    print(f"  wall clock goto -> drawn: {b['wall_to_ready_s']:.2f} s")
    print(
        f"  search (Enter): {b['search_ms']:.0f} ms"
        + (f"; date filter: {b['date_filter_ms']:.0f} ms" if "date_filter_ms" in b else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
