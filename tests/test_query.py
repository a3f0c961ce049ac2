"""kg query: canned queries over the seed article's graph, parameter binding, errors."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

import kg
from kg import query as q
from kg.cli import main
from kg.errors import KgError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "kuaishou-2022-09.txt"
INJECTION = 'x" } ; DROP ALL ; #'
REQUIRED = (
    "reports-to",
    "direct-reports",
    "members-of",
    "heads-of",
    "posts-of",
    "org-chart-at",
    "changes-between",
    "sources-of",
)


@pytest.fixture(scope="module")
def seed_ttl(tmp_path_factory) -> Path:
    doc = kg.extract(SEED.read_text(encoding="utf-8"), date="2022-09-29")
    path = tmp_path_factory.mktemp("seed") / "kuaishou.ttl"
    path.write_text(kg.to_rdf(doc).serialize(format="turtle"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed(seed_ttl) -> q.GraphSource:
    return q.GraphSource.from_file(str(seed_ttl))


def run(source, name, **params) -> list[dict[str, str]]:
    return source.query(q.named_query(name, params)).dicts()


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# -- the canned queries themselves -------------------------------------------------------------


def test_canned_queries_are_described():
    queries = q.canned_queries()
    assert set(REQUIRED) <= set(queries)
    folder = ROOT / "ontology" / "queries"
    for name, cq in queries.items():
        text = (folder / f"{name}.rq").read_text(encoding="utf-8")
        assert text.startswith("# "), name
        assert cq.summary.endswith((".", ")")), name
        for p in cq.params:
            assert p.kind in ("label", "date", "iri", "string") and p.help, (name, p)
    assert [p.name for p in queries["reports-to"].params] == ["person"]
    assert [p.name for p in queries["org-chart-at"].params if not p.optional] == ["at"]
    assert [p.name for p in queries["changes-between"].params if not p.optional] == ["from", "to"]
    assert [p.name for p in queries["members-of"].params] == ["org"]


def test_reports_to(seed):
    rows = run(seed, "reports-to", person="小谷")
    assert {r["superiorName"] for r in rows} == {"程一晓"}
    assert any("汇报" in r["sentence"] for r in rows)
    assert run(seed, "reports-to", person="程一晓") == []


def test_direct_reports_by_any_label(seed):
    for label in ("程一晓", "Cheng Yixiao"):  # foaf:name, pinyin skos:altLabel@zh-Latn-pinyin
        assert "小谷" in {r["subordinateName"] for r in run(seed, "direct-reports", person=label)}, label


def test_members_of_committee(seed):
    rows = run(seed, "members-of", org="商业生态委员会")
    names = {r["memberName"] for r in rows}
    assert {"程一晓", "刘峰", "唐玉玉", "汪建伟", "小谷", "余悦"} <= names
    chair = [r for r in rows if r["memberName"] == "程一晓" and r["status"] == "current"]
    assert chair and chair[0]["role"] == "主席"


def test_heads_of(seed):
    rows = run(seed, "heads-of", org="快手")
    assert ("程一晓", "首席执行官") in {(r["headName"], r["role"]) for r in rows}
    assert "苏华" not in {r["headName"] for r in rows}  # a former CEO


def test_posts_of_current_and_former(seed):
    rows = run(seed, "posts-of", person="小谷")
    posts = {(r["orgName"], r["role"], r["status"]) for r in rows}
    assert ("当地生活事业部", "负责人", "current") in posts
    assert any(status == "former" and role == "负责人" for _org, role, status in posts)
    for r in rows:  # dates, where the article gives them, are no later than the article
        assert r.get("since", "") <= "2022-09-29" and r.get("until", "") <= "2022-09-29"
        assert r["docDate"] == "2022-09-29"


def test_org_chart_at(seed):
    after = {(r["personName"], r["orgName"], r["role"]) for r in run(seed, "org-chart-at", at="2022-10-01")}
    assert ("小谷", "当地生活事业部", "负责人") in after
    assert not any(p == "小谷" and role == "负责人" and o != "当地生活事业部" for p, o, role in after)
    before = {(r["personName"], r["orgName"]) for r in run(seed, "org-chart-at", at="2022-09-01")}
    assert ("小谷", "当地生活事业部") not in before
    assert any(p == "小谷" for p, _o in before)  # still heading e-commerce


def test_within_scopes_to_an_organization_and_its_units(seed, seed_ttl):
    everything = run(seed, "org-chart-at", at="2022-10-01")
    units = run(seed, "org-chart-at", at="2022-10-01", within="商业生态委员会")
    assert units and all(r["orgName"] == "商业生态委员会" for r in units)
    assert {tuple(sorted(r.items())) for r in units} <= {tuple(sorted(r.items())) for r in everything}
    kuaishou = run(seed, "org-chart-at", at="2022-10-01", within="快手")  # the company and its units
    assert {"当地生活事业部", "快手"} <= {r["orgName"] for r in kuaishou}
    changes = run(seed, "changes-between", **{"from": "2022-09-01", "to": "2022-09-30", "within": "快手"})
    assert ("Transfer", "小谷", "begins") in {(r["change"], r.get("personName", ""), r["effect"]) for r in changes}
    assert run(seed, "changes-between", **{"from": "2022-09-01", "to": "2022-09-30", "within": "字节跳动"}) == []
    code, out, err = invoke(
        "query",
        str(seed_ttl),
        "--named",
        "org-chart-at",
        "--param",
        "at=2022-10-01",
        "--param",
        "within=Kuaishou",
        "--format",
        "csv",
    )
    assert code == 0, err
    assert len(out.splitlines()) - 1 == len(kuaishou)


def test_changes_between(seed):
    rows = run(seed, "changes-between", **{"from": "2022-09-01", "to": "2022-09-30"})
    kinds = {(r["change"], r.get("personName", ""), r["effect"]) for r in rows}
    assert ("Transfer", "小谷", "begins") in kinds and ("Transfer", "小谷", "ends") in kinds
    assert ("UnitEstablished", "商业生态委员会") in {(r["change"], r["orgName"]) for r in rows}
    assert run(seed, "changes-between", **{"from": "2023-01-01", "to": "2023-12-31"}) == []


def test_sources_of(seed):
    rows = run(seed, "sources-of", person="小谷")
    assert any("向程一晓汇报工作" in r["sentence"] for r in rows)
    text = kg.extract(SEED.read_text(encoding="utf-8"), date="2022-09-29").text
    for r in rows:  # offsets point into the normalized document text
        assert text[int(r["start"]) : int(r["end"])] == r["sentence"]


def test_conflicts_none_in_one_article(seed):
    assert run(seed, "conflicts") == []


# -- binding parameters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,param", [("reports-to", "person"), ("members-of", "org"), ("sources-of", "person"), ("heads-of", "org")]
)
def test_injection_matches_nothing(seed, seed_ttl, name, param):
    before = len(seed.graph)
    assert run(seed, name, **{param: INJECTION}) == []
    assert len(seed.graph) == before
    code, out, err = invoke(
        "query", str(seed_ttl), "--named", name, "--param", f"{param}={INJECTION}", "--format", "json"
    )
    # just a name nobody has: said so (exit 2), nothing run as query text
    assert code == 2 and out == "", err
    what = "person" if param == "person" else "organization"
    assert err.startswith(f"kg: error: no {what} named {json.dumps(INJECTION)} in ") and err.count("\n") == 1


def test_values_block_is_escaped():
    prepared = q.prepare("SELECT ?s WHERE { ?s ?p ?o }", {"o": 'a"b\\c\nd'})
    graph = rdflib.Graph()
    graph.add((rdflib.URIRef("urn:s"), rdflib.URIRef("urn:p"), rdflib.Literal('a"b\\c\nd')))
    assert [str(r[0]) for r in graph.query(prepared.text)] == ["urn:s"]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { VALUES"),
        ("SELECT * { ?s ?p ?o }", "SELECT * { VALUES"),
        ("SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?s ?p ?o }", "?c } AS ?e) WHERE { VALUES"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { VALUES"),
        ("PREFIX x: <urn:{x}> # {\nASK { ?s ?p '{' }", "ASK { VALUES"),
    ],
)
def test_values_go_into_the_where_group(query, expected):
    assert expected in q.prepare(query, {"o": "v"}).text


def test_undeclared_usual_prefixes_are_added(seed):
    result = seed.query(q.prepare('SELECT ?p WHERE { ?p foaf:name "小谷" }', {}))
    assert [str(r[0]) for r in result.rows] == ["https://kg.example.org/id/person/xiao-gu"]


def test_iri_parameter(seed):
    rows = seed.query(
        q.prepare("SELECT ?n WHERE { ?p foaf:name ?n }", {"p": "<https://kg.example.org/id/person/xiao-gu>"})
    ).dicts()
    assert rows == [{"n": "小谷"}]


def test_parameter_errors(seed_ttl):
    for args in (
        ["--named", "org-chart-at", "--param", "at=2022-13-01"],
        ["--named", "org-chart-at", "--param", "at=yesterday"],
        ["--named", "org-chart-at"],
        ["--named", "reports-to", "--param", "person=小谷", "--param", "who=x"],
        ["--named", "reports-to", "--param", "person"],
    ):
        code, out, err = invoke("query", str(seed_ttl), *args)
        assert code == 2, args
        assert err.startswith("kg: error: ") and err.count("\n") == 1, (args, err)


def test_unknown_named_query_lists_names(seed_ttl):
    code, _out, err = invoke("query", str(seed_ttl), "--named", "who-knows")
    assert code == 2 and err.count("\n") == 1
    for name in REQUIRED:
        assert name in err


# -- the command line ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,where",
    [
        ("SELECT ?x WHERE { ?x ?y }", "line 1, column"),
        ("SELECT ?x\nWHERE {\n  ?x ?y ?z .\n  FILTER(\n}", "line 4, column 3"),
        ("SELEC ?x WHERE { }", "line 1, column 1"),
    ],
)
def test_malformed_query_one_line(seed_ttl, query, where):
    code, out, err = invoke("query", str(seed_ttl), query)
    assert code == 2
    assert out == ""
    assert err.startswith("kg: error: query: syntax error at ") and where in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_malformed_query_with_parameters_keeps_its_position(seed_ttl):
    _code, _out, plain = invoke("query", str(seed_ttl), "SELECT ?x WHERE { ?x ?y }")
    _code, _out, bound = invoke("query", str(seed_ttl), "--param", "y=v", "SELECT ?x WHERE { ?x ?y }")
    assert plain == bound


def test_output_formats(seed_ttl):
    code, out, _ = invoke("query", str(seed_ttl), "-n", "reports-to", "-p", "person=小谷")
    assert code == 0
    header, rule, *rows = out.splitlines()
    assert header.split() == ["superiorName", "superior", "sentence", "doc"]
    assert set(rule) <= {"-", " "} and rows and rows[0].startswith("程一晓")
    assert "person/cheng-yi-xiao" in rows[0]

    code, out, _ = invoke("query", str(seed_ttl), "-n", "reports-to", "-p", "person=小谷", "--format", "csv")
    assert out.splitlines()[0] == "superiorName,superior,sentence,doc"
    assert "https://kg.example.org/id/person/cheng-yi-xiao" in out

    code, out, _ = invoke("query", str(seed_ttl), "-n", "reports-to", "-p", "person=小谷", "--format", "json")
    data = json.loads(out)
    assert data["head"]["vars"] == ["superiorName", "superior", "sentence", "doc"]
    assert data["results"]["bindings"][0]["superior"]["type"] == "uri"

    construct = "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p org:reportsTo ?q ; foaf:name ?n }"
    code, out, _ = invoke("query", str(seed_ttl), construct, "--format", "turtle")
    assert code == 0
    g = rdflib.Graph().parse(data=out, format="turtle")
    assert (
        rdflib.URIRef("https://kg.example.org/id/person/xiao-gu"),
        rdflib.namespace.FOAF.name,
        rdflib.Literal("小谷"),
    ) in g

    code, _out, err = invoke("query", str(seed_ttl), "-n", "reports-to", "-p", "person=小谷", "--format", "turtle")
    assert code == 2 and err.count("\n") == 1


def test_query_from_file_and_list(seed_ttl, tmp_path):
    rq = tmp_path / "names.rq"
    rq.write_text("SELECT ?n WHERE { ?p a foaf:Person ; foaf:name ?n }", encoding="utf-8")
    code, out, _ = invoke("query", str(seed_ttl), "-f", str(rq), "--format", "csv")
    assert code == 0 and "小谷" in out
    code, out, _ = invoke("query", "--list")
    assert code == 0 and all(name in out for name in REQUIRED)


def test_bad_sources(tmp_path):
    code, _out, err = invoke("query", str(tmp_path / "missing.ttl"), "ASK {}")
    assert code == 2 and "no such file" in err and err.count("\n") == 1
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    code, _out, err = invoke("query", str(empty), "ASK {}")
    assert code == 2 and "not a kg store" in err and not any(empty.iterdir())


def test_unreachable_endpoint_one_line():
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, out, err = invoke("query", "--endpoint", f"http://127.0.0.1:{port}", "ASK {}")
    assert code == 2 and out == ""
    assert err.startswith("kg: error: ") and "cannot reach" in err and err.count("\n") == 1
    with pytest.raises(KgError):
        q.EndpointSource("ftp://example.org/sparql")
