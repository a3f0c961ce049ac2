"""Views pass typed records (issue 13): every edge's attributes are a ``Line``'s, made in one place; the
rows ``kg show`` lists come from ``kg.views.where``; one table/width helper and one IRI shortener."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pytest
from rdflib import Literal, URIRef

from kg.errors import KgError
from kg.query.results import Result, fit_text, format_result, text_table, text_width
from kg.rdf.validate import Shortener
from kg.rdf.write import DEFAULT_BASE
from kg.views import graph as kgg
from kg.views.records import Line, Link, Member, Report
from kg.views.where import chain_links, line_between, org_people, reports_below, resolve

LINE_KEYS = {f.name for f in dataclasses.fields(Line)} | {"label"}


@pytest.fixture(scope="module")
def seed(seed_graph):
    return kgg.from_rdf(seed_graph)


def test_every_edge_of_the_reader_carries_the_same_keys_and_reads_back(seed):
    rels = set()
    for _u, _v, d in seed.edges(data=True):
        assert set(d) == LINE_KEYS
        assert Line.of(d).attrs() == d  # nothing lost either way
        rels.add(d["rel"])
    assert rels == {"reportsTo", "headOf", "memberOf", "unitOf"}


def test_as_of_gives_back_a_headship_from_a_head_membership():
    G = nx.MultiDiGraph()
    line = Line("memberOf", role="CEO", head=True, start="2011", end="2021-10-29", ended=True, source="s")
    G.add_edge("su", "k", **line.attrs())
    (d,) = [d for _u, _v, d in kgg.as_of(G, "2020-01-01").edges(data=True) if d["rel"] == "headOf"]
    assert set(d) == LINE_KEYS | {"status_now", "derived"}
    assert (d["status"], d["status_now"], d["derived"], d["role"], d["source"]) == (
        "current",
        "former",
        True,
        "CEO",
        "s",
    )


def test_a_line_is_current_unless_ended():
    assert Line("reportsTo").status == "current"
    assert Line("reportsTo", ended=True).status == "former"
    assert Line.of({"rel": "memberOf"}) == Line("memberOf")  # a hand-built edge's missing keys: defaults


def test_show_rows_are_records(seed):
    cheng = resolve(seed, "程一晓", ("person",), "person", "seed")
    xiao = resolve(seed, "小谷", ("person",), "person", "seed")
    (link,) = chain_links(seed, kgg.reporting_chain(seed, xiao))
    assert isinstance(link, Link) and (link.person, link.superior) == (xiao, cheng)
    assert link.source and "汇报" in link.source
    assert set(link.as_json()) == {"from", "to", "source", "from_label", "to_label"}
    below = reports_below(seed, cheng)
    assert below and all(isinstance(r, Report) for r in below)
    assert [r.person.id for r in below if r.level == 1] == [xiao]
    assert line_between(seed, xiao, cheng, "reportsTo") == Line.of(seed.edges[xiao, cheng, "reportsTo"])
    assert line_between(seed, cheng, xiao, "reportsTo") is None
    ks = resolve(seed, "快手", kgg.ORG_KINDS, "organization", "seed")
    people = org_people(seed, ks)
    assert people and all(isinstance(m, Member) for m in people)
    assert people[0].head and people[0].person == cheng  # heads first, the company's before its units'
    assert any(m.person == xiao for m in org_people(seed, ks, "former"))


def test_resolve_says_why_a_name_is_not_one_node(seed):
    with pytest.raises(KgError, match=r'no person named "程一" in seed; did you mean 程一晓\?'):
        resolve(seed, "程一", ("person",), "person", "seed")
    with pytest.raises(KgError, match=r'"快手" in seed is a company, not a person'):
        resolve(seed, "快手", ("person",), "person", "seed")


def test_one_table_and_width_helper():
    assert text_width("快手 CEO") == 8
    assert text_width("e\u0301") == 1  # a combining mark takes no column
    assert fit_text("程一晓担任主席", 7) == "程一晓…" and fit_text("abc", 3) == "abc"
    assert text_table(["a", "名字"], [["程一晓", "x"]]) == ["a       名字", "程一晓  x"]
    assert text_table(["a"], [["b"]], rule=True) == ["a", "-", "b"]
    rows = Result("rows", vars=["n"], rows=[(Literal("e\u0301"),), (Literal("快"),)])
    assert format_result(rows) == "n\n--\ne\u0301\n快\n"


def test_one_shortener_for_tables_and_messages():
    short = Shortener()
    org = "http://www.w3.org/ns/org#"
    assert short(URIRef(DEFAULT_BASE + "person/xiao-gu")) == "person/xiao-gu"
    assert short(URIRef(org + "Post")) == "org:Post"
    assert short(URIRef(org + "a/b")) == f"<{org}a/b>"  # not a prefixed name
    assert Shortener([("ex", "urn:ex:")])(URIRef("urn:ex:thing")) == "ex:thing"
    assert Shortener(base=None)(URIRef(DEFAULT_BASE + "p")) == f"<{DEFAULT_BASE}p>"
    assert short(Literal("程一晓", lang="zh")) == '"程一晓"@zh'
    table = format_result(Result("rows", vars=["s"], rows=[(URIRef(org + "Post"),), (Literal("x"),)]))
    assert table.splitlines()[2:] == ["org:Post", "x"]
