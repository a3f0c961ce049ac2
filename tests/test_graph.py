"""kg.views.graph (queries over ORG graphs) and ``kg show``: on hand-built graphs and on the seed article."""

from __future__ import annotations

import json

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from kg.cli import main
from kg.views import graph as kgg

ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OC = Namespace("https://kg.example.org/ns/org-change#")
ID = Namespace("https://kg.example.org/id/")
EX = Namespace("http://example.com/")


# --------------------------------------------------------------------------------------------------
# A small graph in kg's shape (docs/rdf.md)
# --------------------------------------------------------------------------------------------------

KS, DS, LOCAL, COMM = (
    ID["org/kuai-shou"],
    ID["org/kuai-shou/dian-shang"],
    ID["org/dang-di-sheng-huo"],
    ID["org/shang-ye-sheng-tai"],
)
SUB = ID["org/kuai-shou/dian-shang/zhi-bo"]
CHENG, XIAO, SU, YE, LIU, WU = (
    ID[f"person/{s}"] for s in ("cheng-yi-xiao", "xiao-gu", "su-hua", "ye-heng", "liu-feng", "wu-di")
)
ROLE_CEO, ROLE_HEAD, ROLE_CHAIR, ROLE_STAFF = ID["role/ceo"], ID["role/head"], ID["role/chair"], ID["role/staff"]
S_TRANSFER = "此前快手电商事业部负责人小谷调任为当地生活事业部负责人,向程一晓汇报工作。"
S_COMMITTEE = "两周前,9月16日,快手宣布成立商业生态委员会,由CEO程一晓担任主席。"
S_MEMBERS = "商业生态委员会委员包括程一晓、刘峰、小谷。"
S_SU = "苏华卸任快手CEO。"
S_YE = "叶恒出任直播部负责人。"


def _date(value: str) -> Literal:
    dtype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return Literal(value, datatype=dtype)


class Builder:
    def __init__(self) -> None:
        self.g = rdflib.Graph()
        self.n = 0
        for rid, zh, en, head in (
            ("ceo", "首席执行官", "CEO", True),
            ("head", "负责人", "Head", True),
            ("chair", "主席", "Chair", True),
            ("staff", "员工", "Staff", False),
        ):
            r = ID[f"role/{rid}"]
            self.g.add((r, RDF.type, ORG.Role))
            self.g.add((r, SKOS.prefLabel, Literal(zh, lang="zh")))
            self.g.add((r, SKOS.prefLabel, Literal(en, lang="en")))
            self.g.add((r, OC.isHeadRole, Literal(head)))

    def excerpt(self, text: str) -> URIRef:
        self.n += 1
        x = ID[f"excerpt/d-{self.n}"]
        self.g.add((x, RDF.type, OC.Excerpt))
        self.g.add((x, PROV.value, Literal(text)))
        self.g.add((x, DCTERMS.source, ID["doc/d"]))
        return x

    def person(self, iri: URIRef, name: str, pinyin: str) -> None:
        self.g.add((iri, RDF.type, FOAF.Person))
        self.g.add((iri, FOAF.name, Literal(name)))
        self.g.add((iri, SKOS.altLabel, Literal(pinyin, lang="zh-Latn-pinyin")))

    def org(self, iri: URIRef, label: str, cls: URIRef, parent: URIRef | None = None, *alt: str) -> None:
        self.g.add((iri, RDF.type, cls))
        self.g.add((iri, SKOS.prefLabel, Literal(label)))
        for a in alt:
            self.g.add((iri, SKOS.altLabel, Literal(a)))
        if parent is not None:
            self.g.add((iri, ORG.unitOf, parent))
            self.g.add((parent, ORG.hasUnit, iri))

    def post(
        self,
        person: URIRef,
        org: URIRef,
        role: URIRef,
        sentence: str,
        start: str | None = None,
        end: str | None = None,
        former: bool = False,
        title: str | None = None,
    ) -> URIRef:
        self.n += 1
        m = ID[f"membership/m{self.n}"]
        g = self.g
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, person))
        g.add((m, ORG.organization, org))
        g.add((m, ORG.role, role))
        if title:
            g.add((m, OC.title, Literal(title)))
        g.add((m, PROV.wasDerivedFrom, self.excerpt(sentence)))
        during = URIRef(f"{m}-during")
        g.add((m, ORG.memberDuring, during))
        g.add((during, RDF.type, TIME.Interval))
        if start:
            g.add((during, TIME.hasBeginning, URIRef(f"{m}-start")))
            g.add((URIRef(f"{m}-start"), TIME.inXSDDate, _date(start)))
        if former or end:
            g.add((during, TIME.hasEnd, URIRef(f"{m}-end")))
            g.add((URIRef(f"{m}-end"), RDF.type, TIME.Instant))
            if end:
                g.add((URIRef(f"{m}-end"), TIME.inXSDDate, _date(end)))
        return m

    def event(self, cls: URIRef, sentence: str, date: str | None = None, generated=(), invalidated=()) -> URIRef:
        self.n += 1
        ev = ID[f"event/e{self.n}"]
        self.g.add((ev, RDF.type, cls))
        for m in generated:
            self.g.add((ev, PROV.generated, m))
        for m in invalidated:
            self.g.add((ev, PROV.invalidated, m))
        if date:
            self.g.add((ev, DCTERMS.date, _date(date)))
        self.g.add((ev, PROV.wasDerivedFrom, self.excerpt(sentence)))
        return ev


def kuaishou() -> rdflib.Graph:
    """Kuaishou in September 2022, with a few invented extras (a sub-unit, a staff member, dates)."""
    b = Builder()
    g = b.g
    b.org(KS, "快手", ORG.FormalOrganization, None, "Kuaishou")
    b.org(DS, "电商", ORG.OrganizationalUnit, KS, "快手电商", "电商事业部")
    b.org(LOCAL, "当地生活事业部", ORG.OrganizationalUnit, KS)
    b.org(SUB, "直播部", ORG.OrganizationalUnit, DS)
    b.org(COMM, "商业生态委员会", ORG.OrganizationalUnit, KS)
    g.add((COMM, RDF.type, OC.Committee))
    for iri, name, py in (
        (CHENG, "程一晓", "Cheng Yixiao"),
        (XIAO, "小谷", "Xiao Gu"),
        (SU, "苏华", "Su Hua"),
        (YE, "叶恒", "Ye Heng"),
        (LIU, "刘峰", "Liu Feng"),
        (WU, "吴迪", "Wu Di"),
    ):
        b.person(iri, name, py)
    g.add((CHENG, SKOS.altLabel, Literal("程义孝")))
    # Cheng: CEO since 2021-10-29, chairs the committee set up on 2022-09-16, heads e-commerce from then
    ceo = b.post(CHENG, KS, ROLE_CEO, "程一晓接任快手CEO。", start="2021-10-29")
    chair = b.post(CHENG, COMM, ROLE_CHAIR, S_COMMITTEE, start="2022-09-16")
    ds_head = b.post(CHENG, DS, ROLE_HEAD, S_TRANSFER, start="2022-09-16")
    for org in (KS, COMM, DS):
        g.add((CHENG, ORG.headOf, org))
    b.event(OC.Appointment, S_COMMITTEE, "2022-09-16", generated=[chair, ds_head])
    # Su Hua: CEO until 2021-10-29
    su_ceo = b.post(SU, KS, ROLE_CEO, S_SU, start="2011", end="2021-10-29")
    b.event(OC.Departure, S_SU, "2021-10-29", invalidated=[su_ceo])
    b.event(OC.Appointment, "程一晓接任快手CEO。", "2021-10-29", generated=[ceo])
    # Xiao Gu moves from e-commerce to local services and reports to Cheng
    old = b.post(XIAO, DS, ROLE_HEAD, S_TRANSFER, start="2020-03", former=True)
    new = b.post(XIAO, LOCAL, ROLE_HEAD, S_TRANSFER)
    g.add((XIAO, ORG.headOf, LOCAL))
    b.event(OC.Transfer, S_TRANSFER, "2022-09-16", generated=[new], invalidated=[old])
    g.add((XIAO, ORG.reportsTo, CHENG))
    line = ID["reporting/r1"]
    g.add((line, RDF.type, OC.ReportingLine))
    g.add((line, OC.subordinate, XIAO))
    g.add((line, OC.superior, CHENG))
    g.add((line, PROV.wasDerivedFrom, b.excerpt(S_TRANSFER)))
    # Ye Heng heads the live-streaming department (a title, so no headOf) and reports to Xiao Gu
    b.post(YE, SUB, ROLE_HEAD, S_YE, start="2022-10-01", title="直播运营负责人")
    g.add((YE, ORG.reportsTo, XIAO))
    # Wu Di: staff of local services, reports to Ye Heng (a three-level chain)
    b.post(WU, LOCAL, ROLE_STAFF, "吴迪加入当地生活事业部。")
    g.add((WU, ORG.reportsTo, YE))
    # committee members (plain org:memberOf with an oc:Affiliation for the source)
    for p in (CHENG, LIU, XIAO):
        g.add((p, ORG.memberOf, COMM))
        a = ID[f"affiliation/{p.split('/')[-1]}"]
        g.add((a, RDF.type, OC.Affiliation))
        g.add((a, OC.affiliate, p))
        g.add((a, OC.affiliatedWith, COMM))
        g.add((a, PROV.wasDerivedFrom, b.excerpt(S_MEMBERS)))
    # the committee was set up
    ev = b.event(OC.UnitEstablished, S_COMMITTEE, "2022-09-16")
    g.add((ev, RDF.type, ORG.ChangeEvent))
    g.add((ev, ORG.resultingOrganization, COMM))
    g.add((COMM, ORG.resultedFrom, ev))
    return g


@pytest.fixture(scope="module")
def G():
    return kgg.from_rdf(kuaishou())


def labels(G, nodes):
    return [G.nodes[n]["label"] for n in nodes]


def edges(G, u, v, rel):
    return [d for d in G.get_edge_data(str(u), str(v), default={}).values() if d["rel"] == rel]


# --------------------------------------------------------------------------------------------------
# from_rdf
# --------------------------------------------------------------------------------------------------


def test_nodes_have_kinds_and_every_label(G):
    kinds = {G.nodes[n]["label"]: G.nodes[n]["kind"] for n in G}
    assert kinds == {
        "快手": "company",
        "电商": "unit",
        "当地生活事业部": "unit",
        "直播部": "unit",
        "商业生态委员会": "committee",
        "程一晓": "person",
        "小谷": "person",
        "苏华": "person",
        "叶恒": "person",
        "刘峰": "person",
        "吴迪": "person",
    }
    assert G.nodes[str(CHENG)]["labels"] == ["程一晓", "程义孝", "Cheng Yixiao"]
    assert G.nodes[str(DS)]["labels"] == ["电商", "快手电商", "电商事业部"]
    assert "role/ceo" not in " ".join(G.nodes)  # roles, memberships, events, excerpts are not nodes
    assert G.number_of_nodes() == 11


def test_reporting_line_carries_its_source(G):
    (d,) = edges(G, XIAO, CHENG, "reportsTo")
    assert d["source"] == S_TRANSFER and d["status"] == "current"


def test_memberships_carry_role_dates_status_and_source(G):
    (old,) = edges(G, XIAO, DS, "memberOf")
    assert (old["role"], old["role_en"], old["status"], old["ended"]) == ("负责人", "Head", "former", True)
    assert old["start"] == "2020-03"
    assert old["end"] == "2022-09-16"  # no end date on the interval: the transfer's date
    assert old["source"] == S_TRANSFER
    (new,) = edges(G, XIAO, LOCAL, "memberOf")
    assert new["status"] == "current" and new["start"] == "2022-09-16"  # begins with the transfer
    (ye,) = edges(G, YE, SUB, "memberOf")
    assert ye["title"] == "直播运营负责人" and ye["head"] is True
    (su,) = edges(G, SU, KS, "memberOf")
    assert (su["start"], su["end"], su["status"]) == ("2011", "2021-10-29", "former")


def test_headof_and_unitof_and_affiliations(G):
    (h,) = edges(G, CHENG, KS, "headOf")
    assert h["role"] == "首席执行官" and h["source"] == "程一晓接任快手CEO。"
    assert edges(G, SUB, DS, "unitOf") and edges(G, DS, KS, "unitOf")
    (c,) = edges(G, COMM, KS, "unitOf")
    assert c["start"] == "2022-09-16"  # from the event that set it up
    (m,) = edges(G, LIU, COMM, "memberOf")
    assert m["source"] == S_MEMBERS and m["role"] is None
    # Cheng is both a plain member and the chair: one membership edge (the chair's)
    assert [d["role"] for d in edges(G, CHENG, COMM, "memberOf")] == ["主席"]
    assert G.graph["dated"] is True


def test_plain_w3c_org_graph_from_someone_else():
    g = rdflib.Graph().parse(
        format="turtle",
        data="""
        @prefix org: <http://www.w3.org/ns/org#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix ex: <http://example.com/> .
        @prefix time: <http://www.w3.org/2006/time#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:Board rdfs:subClassOf org:OrganizationalUnit .
        ex:acme a org:FormalOrganization ; rdfs:label "ACME Corp"@en .
        ex:rd a org:Organization ; rdfs:label "R&D" ; org:subOrganizationOf ex:acme .
        ex:board a ex:Board ; rdfs:label "Audit Committee" ; org:unitOf ex:acme .
        ex:alice a foaf:Person ; foaf:name "Alice Zhang" .
        ex:bob foaf:name "Bob" ; org:reportsTo ex:alice .
        ex:p1 a org:Post ; org:heldBy ex:alice ; org:postIn ex:rd ; org:role ex:cto .
        ex:p2 a org:Post ; org:heldBy ex:carol ; org:postIn ex:rd ; org:reportsTo ex:p1 .
        ex:cto rdfs:label "CTO" .
        ex:m a org:Membership ; org:member ex:bob ; org:organization ex:board ;
            org:memberDuring [ time:hasBeginning [
                time:inXSDDateTimeStamp "2020-01-02T00:00:00Z"^^xsd:dateTimeStamp ] ] .
    """,
    )
    G = kgg.from_rdf(g)
    kind = {G.nodes[n]["label"]: G.nodes[n]["kind"] for n in G}
    assert kind == {
        "ACME Corp": "company",
        "R&D": "unit",
        "Audit Committee": "committee",
        "Alice Zhang": "person",
        "Bob": "person",
        "carol": "person",
    }
    a, bob, carol = str(EX.alice), str(EX.bob), str(EX.carol)
    assert kgg.reporting_chain(G, bob) == [bob, a]
    assert kgg.reporting_chain(G, carol) == [carol, a]  # post -> post mapped to the holders
    assert [d["role"] for d in edges(G, EX.alice, EX.rd, "memberOf")] == ["CTO"]
    assert edges(G, EX.rd, EX.acme, "unitOf")
    (m,) = edges(G, EX.bob, EX.board, "memberOf")
    assert m["start"] == "2020-01-02"
    assert kgg.find(G, "alice zhang") == [a]
    assert kgg.people_in(G, str(EX.acme)) == [a, bob, carol]


# --------------------------------------------------------------------------------------------------
# find
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["小谷", "Xiao Gu", "xiao gu", "XIAOGU", " xiao-gu ", "小 谷", "person/xiao-gu", str(XIAO)]
)
def test_find_any_label_ignoring_case_and_spaces(G, name):
    assert kgg.find(G, name) == [str(XIAO)]


def test_find_alt_labels_kinds_and_misses(G):
    assert kgg.find(G, "程义孝") == [str(CHENG)]
    assert kgg.find(G, "kuaishou") == [str(KS)]
    assert kgg.find(G, "电商事业部", kind="unit") == [str(DS)]
    assert kgg.find(G, "小谷", kind=("company", "unit")) == []
    assert kgg.find(G, "小") == [] and kgg.find(G, "") == []
    assert kgg.suggest(G, "小") == [str(XIAO)]
    assert kgg.suggest(G, "商业生态", kind="committee") == [str(COMM)]


def test_find_returns_every_namesake():
    g = rdflib.Graph()
    for i in (1, 2):
        g.add((EX[f"p{i}"], RDF.type, FOAF.Person))
        g.add((EX[f"p{i}"], FOAF.name, Literal("王伟")))
    G = kgg.from_rdf(g)
    assert kgg.find(G, "王伟") == [str(EX.p1), str(EX.p2)]


# --------------------------------------------------------------------------------------------------
# Reporting lines
# --------------------------------------------------------------------------------------------------


def test_reporting_chain_and_reports(G):
    assert labels(G, kgg.reporting_chain(G, str(WU))) == ["吴迪", "叶恒", "小谷", "程一晓"]
    assert labels(G, kgg.reporting_chain(G, str(CHENG))) == ["程一晓"]
    assert labels(G, kgg.direct_reports(G, str(CHENG))) == ["小谷"]
    assert [(G.nodes[n]["label"], lvl) for n, lvl in kgg.all_reports(G, str(CHENG))] == [
        ("小谷", 1),
        ("叶恒", 2),
        ("吴迪", 3),
    ]
    assert kgg.span_of_control(G, str(CHENG)) == 1
    assert kgg.span_of_control(G, str(WU)) == 0


def test_reporting_cycle_stops():
    g = rdflib.Graph()
    for a, b in (("a", "b"), ("b", "c"), ("c", "a")):
        g.add((EX[a], ORG.reportsTo, EX[b]))
    G = kgg.from_rdf(g)
    assert kgg.reporting_chain(G, str(EX.a)) == [str(EX.a), str(EX.b), str(EX.c)]
    assert sorted(n for n, _ in kgg.all_reports(G, str(EX.a))) == [str(EX.b), str(EX.c)]


# --------------------------------------------------------------------------------------------------
# Organizations
# --------------------------------------------------------------------------------------------------


def test_people_in(G):
    assert set(labels(G, kgg.people_in(G, str(KS)))) == {"程一晓", "小谷", "叶恒", "刘峰", "吴迪"}
    assert labels(G, kgg.people_in(G, str(KS), include_units=False)) == ["程一晓"]  # Su Hua is former
    assert labels(G, kgg.people_in(G, str(DS))) == ["叶恒", "程一晓"]  # Xiao Gu left e-commerce


def test_unit_tree_with_heads(G):
    tree = kgg.unit_tree(G, str(KS))
    assert (tree["label"], [h["label"] for h in tree["heads"]]) == ("快手", ["程一晓"])
    assert tree["heads"][0]["role"] == "首席执行官"
    units = {u["label"]: u for u in tree["units"]}
    assert set(units) == {"电商", "当地生活事业部", "商业生态委员会"}
    assert [h["label"] for h in units["当地生活事业部"]["heads"]] == ["小谷"]
    assert units["商业生态委员会"]["kind"] == "committee"
    assert [u["label"] for u in units["电商"]["units"]] == ["直播部"]
    assert units["电商"]["units"][0]["heads"] == []  # a titled head (直播运营负责人) is not org:headOf


def test_committees(G):
    (c,) = kgg.committees(G)
    assert (c["label"], c["parent_label"]) == ("商业生态委员会", "快手")
    assert [(m["label"], m["role"], m["head"]) for m in c["members"]] == [
        ("程一晓", "主席", True),
        ("刘峰", None, False),
        ("小谷", None, False),
    ]


def test_shortest_org_path(G):
    path = kgg.shortest_org_path(G, str(WU), str(LIU))
    assert [G.nodes[n]["label"] for n, _r, _d in path][0] == "吴迪"
    assert [G.nodes[n]["label"] for n, _r, _d in path][-1] == "刘峰"
    assert len(path) == 5  # e.g. 吴迪 -> 叶恒 -> 小谷 -> 商业生态委员会 <- 刘峰: no shorter way exists
    for (a, _r, _d), (b, rel, direction) in zip(path, path[1:]):  # every hop is a current line
        u, v = (a, b) if direction == "forward" else (b, a)
        assert edges(G, u, v, rel) and all(d["status"] == "current" for d in edges(G, u, v, rel))
    assert path[-1][1] == "memberOf" and path[-1][2] == "backward"
    assert kgg.shortest_org_path(G, str(XIAO), str(CHENG)) == [
        (str(XIAO), None, None),
        (str(CHENG), "reportsTo", "forward"),
    ]
    lone = kgg.from_rdf(
        rdflib.Graph().parse(
            format="turtle",
            data="""
        @prefix foaf: <http://xmlns.com/foaf/0.1/> . <urn:a> a foaf:Person . <urn:b> a foaf:Person .""",
        )
    )
    assert kgg.shortest_org_path(lone, "urn:a", "urn:b") == []


# --------------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------------


def _heads(H, org):
    return labels(H, kgg.heads_of(H, str(org)))


def test_as_of_before_and_after_the_transfer(G):
    before = kgg.as_of(G, "2022-09-15")
    assert before.graph["as_of"] == "2022-09-15"
    assert _heads(before, DS) == ["小谷"]  # a former head-role membership gives its headOf back
    assert _heads(before, KS) == ["程一晓"]
    assert _heads(before, LOCAL) == []  # the new post begins with the transfer (the event's date)
    assert labels(before, kgg.people_in(before, str(LOCAL))) == ["吴迪"]  # no dates at all: counted as held
    assert labels(before, kgg.people_in(before, str(DS), include_units=False)) == ["小谷"]
    after = kgg.as_of(G, "2022-09-16")  # begin <= day, end > day
    assert _heads(after, DS) == ["程一晓"]
    assert labels(after, kgg.people_in(after, str(DS), include_units=False)) == ["程一晓"]
    early = kgg.as_of(G, "2015-06-01")
    assert _heads(early, KS) == ["苏华"]
    assert labels(early, kgg.people_in(early, str(KS), include_units=False)) == ["苏华"]
    # as_of keeps nodes and unit lines; the original graph is untouched
    assert early.number_of_nodes() == G.number_of_nodes()
    assert len(list(kgg._edges(early, "unitOf"))) == len(list(kgg._edges(G, "unitOf")))
    assert _heads(G, DS) == ["程一晓"]


def test_as_of_ended_without_a_date_counts_as_ended():
    b = Builder()
    b.person(EX.p, "甲", "Jia")
    b.org(EX.o, "乙公司", ORG.FormalOrganization)
    b.post(EX.p, EX.o, ROLE_STAFF, "甲曾任职乙公司。", former=True)
    b.post(EX.p, EX.o, ROLE_CEO, "甲将于2030年出任CEO。", start="2030-01-01")
    G = kgg.from_rdf(b.g)
    for day in ("1990-01-01", "2024-01-01", "2029-12-31"):
        assert list(kgg.as_of(G, day).edges()) == []
    assert [d["role"] for _u, _v, d in kgg.as_of(G, "2030-01-01").edges(data=True) if d["rel"] == "memberOf"] == [
        "首席执行官"
    ]


def test_valid_on_partial_dates():
    assert kgg.valid_on({"start": "2022", "end": None, "ended": False}, "2022-01-01")
    assert not kgg.valid_on({"start": "2022", "end": None, "ended": False}, "2021-12-31")
    assert kgg.valid_on({"start": None, "end": "2022-09", "ended": True}, "2022-08-31")
    assert not kgg.valid_on({"start": None, "end": "2022-09", "ended": True}, "2022-09-01")
    with pytest.raises(ValueError):
        kgg.valid_on({}, "yesterday")


def test_changes_between_dates(G):
    sep = kgg.changes(G, "2022-09-01", "2022-09-30")
    kinds = sorted((e["type"], e["person_label"] or e["unit_labels"][0]) for e in sep)
    assert kinds == [("appointed", "程一晓"), ("moved", "小谷"), ("unit set up", "商业生态委员会")]
    moved = next(e for e in sep if e["type"] == "moved")
    assert moved["date"] == "2022-09-16" and moved["source"] == S_TRANSFER
    assert [(p["org_label"], p["role"]) for p in moved["from"]] == [("电商", "负责人")]
    assert [(p["org_label"], p["role"]) for p in moved["to"]] == [("当地生活事业部", "负责人")]
    appointed = next(e for e in sep if e["type"] == "appointed")
    assert sorted(p["org_label"] for p in appointed["to"]) == ["商业生态委员会", "电商"]
    y2021 = kgg.changes(G, "2021", "2021")
    assert sorted((e["type"], e["person_label"]) for e in y2021) == [("appointed", "程一晓"), ("left", "苏华")]
    assert next(e for e in y2021 if e["type"] == "left")["source"] == S_SU
    assert kgg.changes(G, "2022-09-17", "2022-12-31") == []
    assert len(kgg.changes(G)) == 5
    assert [e["date"] for e in kgg.changes(G)] == sorted(e["date"] for e in kgg.changes(G))  # date order


def test_changes_without_dates_use_the_document_date_or_need_asking():
    b = Builder()
    b.person(EX.p, "甲", "Jia")
    b.org(EX.o, "乙公司", ORG.FormalOrganization)
    m = b.post(EX.p, EX.o, ROLE_CEO, "甲出任乙公司CEO。")
    b.event(OC.Appointment, "甲出任乙公司CEO。", generated=[m])
    G = kgg.from_rdf(b.g)
    assert kgg.changes(G, "2000-01-01", "2100-01-01") == []
    assert [e["type"] for e in kgg.changes(G, "2000-01-01", None, include_undated=True)] == ["appointed"]
    assert [e["type"] for e in kgg.changes(G)] == ["appointed"]
    b.g.add((ID["doc/d"], DCTERMS.date, _date("2023-05-06")))
    G = kgg.from_rdf(b.g)
    (e,) = kgg.changes(G, "2023-05", "2023-05")
    assert (e["date"], e["reported"]) == (None, "2023-05-06")


# --------------------------------------------------------------------------------------------------
# The seed article, as extracted
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_graph):
    return kgg.from_rdf(seed_graph)


def test_seed_chain_and_names(seed):
    (xiao,) = kgg.find(seed, "小谷")
    assert kgg.find(seed, "Xiao Gu") == kgg.find(seed, "xiao gu") == [xiao]
    assert labels(seed, kgg.reporting_chain(seed, xiao)) == ["小谷", "程一晓"]
    (cheng,) = kgg.find(seed, "程一晓", kind="person")
    assert xiao in kgg.direct_reports(seed, cheng)
    assert kgg.span_of_control(seed, cheng) >= 1
    assert (xiao, 1) in kgg.all_reports(seed, cheng)
    (d,) = edges(seed, xiao, cheng, "reportsTo")
    assert "向程一晓汇报" in d["source"]


def test_seed_orgs_and_committee(seed):
    (ks,) = kgg.find(seed, "快手")
    assert seed.nodes[ks]["kind"] == "company"
    assert kgg.find(seed, "Kuaishou") == [ks]
    tree = kgg.unit_tree(seed, ks)
    assert "程一晓" in [h["label"] for h in tree["heads"]]
    committee = next(u for u in tree["units"] if u["label"] == "商业生态委员会")
    assert committee["kind"] == "committee"
    (c,) = [c for c in kgg.committees(seed) if c["label"] == "商业生态委员会"]
    assert {"程一晓", "小谷"} <= {m["label"] for m in c["members"]}
    assert {"程一晓", "小谷"} <= set(labels(seed, kgg.people_in(seed, ks)))
    (xiao,) = kgg.find(seed, "小谷")
    path = kgg.shortest_org_path(seed, xiao, ks)
    assert path[0][0] == xiao and path[-1][0] == ks and len(path) <= 3


def test_seed_changes_and_as_of(seed):
    events = kgg.changes(seed)
    moved = [e for e in events if e["type"] == "moved" and e["person_label"] == "小谷"]
    assert moved and "小谷调任" in moved[0]["source"]
    assert any(e["type"] == "unit set up" and "商业生态委员会" in e["unit_labels"] for e in events)
    now = kgg.as_of(seed, "2100-01-01")
    assert not any(d.get("status_now") == "former" for _u, _v, d in now.edges(data=True))
    assert now.number_of_edges() < seed.number_of_edges()  # 小谷's old post is gone


# --------------------------------------------------------------------------------------------------
# kg show
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_file(seed_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "seed.ttl"
    seed_graph.serialize(destination=str(path), format="turtle")
    return str(path)


@pytest.fixture(scope="module")
def ks_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("ks") / "ks.ttl"
    kuaishou().serialize(destination=str(path), format="turtle")
    return str(path)


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", ["小谷", "Xiao Gu", "xiao gu"])
def test_show_chain_seed(seed_file, name):
    result = run("show", "chain", name, "--graph", seed_file)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "小谷 → 程一晓"
    assert "向程一晓汇报工作" in result.output


def test_show_chain_json(ks_file):
    result = run("show", "chain", "wu di", "--graph", ks_file, "--json")
    data = json.loads(result.output)
    assert [n["label"] for n in data["chain"]] == ["吴迪", "叶恒", "小谷", "程一晓"]
    assert data["links"][-1]["source"] == S_TRANSFER


def test_show_unknown_and_ambiguous_names(ks_file, tmp_path):
    result = CliRunner().invoke(main, ["show", "chain", "马化腾", "--graph", ks_file])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and 'no person named "马化腾"' in result.output
    result = CliRunner().invoke(main, ["show", "chain", "小", "--graph", ks_file])
    assert result.exit_code == 2 and "did you mean 小谷?" in result.output
    result = CliRunner().invoke(main, ["show", "chain", "快手", "--graph", ks_file])
    assert result.exit_code == 2 and "is a company, not a person" in result.output
    g = rdflib.Graph()
    for i in (1, 2):
        g.add((EX[f"p{i}"], RDF.type, FOAF.Person))
        g.add((EX[f"p{i}"], FOAF.name, Literal("王伟")))
    two = tmp_path / "two.ttl"
    g.serialize(destination=str(two), format="turtle")
    result = CliRunner().invoke(main, ["show", "reports", "王伟", "--graph", str(two)])
    assert result.exit_code == 2
    line = result.output.strip()
    assert "\n" not in line and "ambiguous" in line
    assert "http://example.com/p1" in line and "http://example.com/p2" in line
    result = CliRunner().invoke(main, ["show", "chain", "x", "--graph", str(tmp_path / "missing.ttl")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_show_reports(ks_file):
    result = run("show", "reports", "程一晓", "--graph", ks_file)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "程一晓: 1 direct report (span of control), 3 in all"
    assert [ln.split()[0] for ln in lines[3:]] == ["小谷", "叶恒", "吴迪"]
    data = json.loads(run("show", "reports", "程一晓", "--graph", ks_file, "--json").output)
    assert data["span_of_control"] == 1 and [r["level"] for r in data["reports"]] == [1, 2, 3]
    assert "no one reports to 吴迪" in run("show", "reports", "吴迪", "--graph", ks_file).output


def test_show_org_now_and_then(ks_file):
    out = run("show", "org", "快手", "--graph", ks_file).output
    assert out.splitlines()[0] == "快手 (company)"
    assert "├─ 电商 — 程一晓 (负责人)" in out or "└─ 电商 — 程一晓 (负责人)" in out
    assert "当地生活事业部 — 小谷 (负责人)" in out
    assert "formerly" in out and "苏华" in out
    then = run("show", "org", "电商", "--graph", ks_file, "--at", "2022-09-01").output
    assert then.splitlines()[0] == "电商 (unit, unit of 快手) as of 2022-09-01"
    assert "电商 — 小谷 (负责人)" in then
    data = json.loads(run("show", "org", "kuaishou", "--graph", ks_file, "--at", "2015-01-01", "--json").output)
    assert data["as_of"] == "2015-01-01" and [h["label"] for h in data["tree"]["heads"]] == ["苏华"]
    bad = CliRunner().invoke(main, ["show", "org", "快手", "--graph", ks_file, "--at", "soon"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_show_changes(ks_file, seed_file):
    out = run("show", "changes", "--graph", ks_file, "--from", "2022-09-01", "--to", "2022-09-30").output
    rows = out.splitlines()[1:]
    assert [r.split()[:2] for r in rows] == [
        ["2022-09-16", "appointed"],
        ["2022-09-16", "moved"],
        ["2022-09-16", "unit"],
    ]
    assert S_TRANSFER in out
    data = json.loads(
        run("show", "changes", "--graph", ks_file, "--from", "2021-01-01", "--to", "2021-12-31", "--json").output
    )
    assert sorted(e["type"] for e in data["changes"]) == ["appointed", "left"]
    assert "no changes" in run("show", "changes", "--graph", ks_file, "--from", "2030-01-01").output
    bad = CliRunner().invoke(
        main, ["show", "changes", "--graph", ks_file, "--from", "2022-10-01", "--to", "2022-09-01"]
    )
    assert bad.exit_code == 2 and "after" in bad.output
    seed = run("show", "changes", "--graph", seed_file)
    assert seed.exit_code == 0 and "小谷" in seed.output


def test_show_path_and_committees(ks_file):
    assert run("show", "path", "小谷", "程一晓", "--graph", ks_file).output.strip() == "小谷 —reports to→ 程一晓"
    out = run("show", "committees", "--graph", ks_file).output
    assert out.splitlines()[0] == "商业生态委员会 (快手)" and "程一晓  主席" in out
