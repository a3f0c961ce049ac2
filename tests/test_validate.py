"""kg.rdf.validate: SHACL validation of the RDF kg writes, and loading RDF files with one-line errors."""

from __future__ import annotations

import os
import time

import pytest
import rdflib
from rdflib import RDF, Literal, Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS

from kg.errors import KgError
from kg.rdf.validate import Violation, load_graph, validate

# plain namespaces: pytest's collection probes module attributes, which rdflib's closed TIME/XSD warn about
TIME = Namespace("http://www.w3.org/2006/time#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

OC = Namespace("https://kg.example.org/ns/org-change#")
ID = Namespace("https://kg.example.org/id/")

PERSON = ID["person/cheng-yixiao"]
COMPANY = ID["org/kuai-shou"]
COMMITTEE = ID["org/kuai-shou/shang-ye-sheng-tai-wei-yuan-hui"]
ROLE = ID["role/chair"]
MEMBERSHIP = ID["membership/abc"]
DURING = ID["membership/abc-during"]
START = ID["membership/abc-start"]
EXCERPT = ID["excerpt/d0c-0-24"]
DOC = ID["doc/0123456789abcdef"]
EVENT = ID["event/e1"]


def good_graph() -> rdflib.Graph:
    """A small graph shaped like docs/rdf.md: a person chairing a newly set-up committee."""
    g = rdflib.Graph()
    g.bind("oc", OC)
    g.add((PERSON, RDF.type, FOAF.Person))
    g.add((PERSON, FOAF.name, Literal("程一晓")))
    g.add((PERSON, ORG.headOf, COMMITTEE))
    g.add((COMPANY, RDF.type, ORG.FormalOrganization))
    g.add((COMPANY, SKOS.prefLabel, Literal("快手")))
    g.add((COMPANY, ORG.hasUnit, COMMITTEE))
    g.add((COMMITTEE, RDF.type, ORG.OrganizationalUnit))
    g.add((COMMITTEE, RDF.type, OC.Committee))
    g.add((COMMITTEE, SKOS.prefLabel, Literal("商业生态委员会")))
    g.add((COMMITTEE, ORG.unitOf, COMPANY))
    g.add((ROLE, RDF.type, ORG.Role))
    g.add((ROLE, SKOS.prefLabel, Literal("主席", lang="zh")))
    g.add((ROLE, OC.isHeadRole, Literal(True)))
    g.add((MEMBERSHIP, RDF.type, ORG.Membership))
    g.add((MEMBERSHIP, ORG.member, PERSON))
    g.add((MEMBERSHIP, ORG.organization, COMMITTEE))
    g.add((MEMBERSHIP, ORG.role, ROLE))
    g.add((MEMBERSHIP, OC.title, Literal("主席")))
    g.add((MEMBERSHIP, ORG.memberDuring, DURING))
    g.add((MEMBERSHIP, PROV.wasDerivedFrom, EXCERPT))
    g.add((DURING, RDF.type, TIME.Interval))
    g.add((DURING, TIME.hasBeginning, START))
    g.add((START, RDF.type, TIME.Instant))
    g.add((START, TIME.inXSDDate, Literal("2022-09-16", datatype=XSD.date)))
    g.add((EXCERPT, RDF.type, OC.Excerpt))
    g.add((EXCERPT, PROV.value, Literal("快手宣布成立商业生态委员会,由CEO程一晓担任主席。")))
    g.add((EXCERPT, OC.startOffset, Literal(0)))
    g.add((EXCERPT, OC.endOffset, Literal(24)))
    g.add((EXCERPT, DCTERMS.source, DOC))
    g.add((DOC, RDF.type, OC.Document))
    g.add((DOC, DCTERMS.identifier, Literal("kuaishou-2022-09-16")))
    g.add((DOC, DCTERMS.date, Literal("2022-09", datatype=XSD.gYearMonth)))
    g.add((EVENT, RDF.type, ORG.ChangeEvent))
    g.add((EVENT, RDF.type, OC.UnitEstablished))
    g.add((EVENT, ORG.resultingOrganization, COMMITTEE))
    g.add((EVENT, DCTERMS.date, Literal("2022", datatype=XSD.gYear)))
    g.add((EVENT, PROV.wasDerivedFrom, EXCERPT))
    g.add((COMMITTEE, ORG.resultedFrom, EVENT))
    return g


def only(violations: list[Violation], focus) -> list[Violation]:
    return [v for v in violations if v.focus_node == focus]


# --------------------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------------------


def test_good_graph_conforms():
    g = good_graph()
    before = set(g)
    assert validate(g) == []
    assert set(g) == before  # validation works on a copy: no inferred triples leak into the data


def test_membership_without_role_fails_mentioning_org_role():
    g = good_graph()
    g.remove((MEMBERSHIP, ORG.role, None))
    violations = validate(g)
    assert len(violations) == 1
    (v,) = violations
    assert v.focus_node == MEMBERSHIP
    assert v.path == ORG.role
    assert v.constraint == "MinCount"
    assert v.severity == "Violation"
    assert str(v) == "membership/abc: org:role missing (A membership has a role)"
    assert "org:role" in str(v)


def test_membership_member_must_be_a_person():
    g = good_graph()
    g.set((MEMBERSHIP, ORG.member, COMPANY))
    violations = only(validate(g), MEMBERSHIP)
    assert [(v.path, v.value) for v in violations] == [(ORG.member, COMPANY)]
    assert "org:member org/kuai-shou is not a foaf:Person" in str(violations[0])


def test_membership_with_two_organizations_fails():
    g = good_graph()
    g.add((MEMBERSHIP, ORG.organization, COMPANY))
    violations = validate(g)
    assert [(v.focus_node, v.path, v.constraint) for v in violations] == [(MEMBERSHIP, ORG.organization, "MaxCount")]


def test_person_without_name_fails():
    g = good_graph()
    g.remove((PERSON, FOAF.name, None))
    violations = validate(g)
    assert [(v.focus_node, v.path) for v in violations] == [(PERSON, FOAF.name)]
    assert str(violations[0]).startswith("person/cheng-yixiao: foaf:name missing (")


def test_untyped_date_string_fails():
    g = good_graph()
    g.set((START, TIME.inXSDDate, Literal("2022-09-16")))  # a plain string, not ^^xsd:date
    violations = validate(g)
    assert len(violations) == 1
    v = violations[0]
    assert (v.focus_node, v.path, v.value) == (START, TIME.inXSDDate, Literal("2022-09-16"))
    assert "xsd:date" in v.message
    assert str(v).startswith('membership/abc-start: time:inXSDDate "2022-09-16"')


@pytest.mark.parametrize(
    "literal",
    [
        Literal("2022-09-16"),
        Literal("2022-09-16T10:00:00", datatype=XSD.dateTime),
        Literal("16 Sep 2022", datatype=XSD.date),  # ill-formed lexical form
    ],
)
def test_bad_dcterms_date_fails(literal):
    g = good_graph()
    g.set((DOC, DCTERMS.date, literal))
    violations = validate(g)
    assert [(v.focus_node, v.path, v.value) for v in violations] == [(DOC, DCTERMS.date, literal)]


@pytest.mark.parametrize(
    "literal",
    [
        Literal("2022-09-16", datatype=XSD.date),
        Literal("2022-09", datatype=XSD.gYearMonth),
        Literal("2022", datatype=XSD.gYear),
    ],
)
def test_partial_dates_pass(literal):
    g = good_graph()
    g.set((START, TIME.inXSDDate, literal))
    g.set((DOC, DCTERMS.date, literal))
    assert validate(g) == []


def test_committee_typed_only_oc_committee_with_preflabel_passes():
    g = good_graph()
    g.remove((COMMITTEE, RDF.type, ORG.OrganizationalUnit))
    assert (COMMITTEE, RDF.type, OC.Committee) in g
    assert validate(g) == []


def test_committee_typed_only_oc_committee_is_checked_as_a_unit():
    """oc:Committee ⊑ org:OrganizationalUnit comes from the ontology, so the unit shape applies."""
    g = good_graph()
    g.remove((COMMITTEE, RDF.type, ORG.OrganizationalUnit))
    g.remove((COMMITTEE, SKOS.prefLabel, None))
    violations = validate(g)
    assert [(v.focus_node, v.path) for v in violations] == [(COMMITTEE, SKOS.prefLabel)]
    assert "skos:prefLabel missing" in str(violations[0])


def test_excerpt_shape():
    g = good_graph()
    g.set((EXCERPT, OC.startOffset, Literal("0")))  # a string, not an xsd:integer
    g.remove((EXCERPT, DCTERMS.source, None))
    violations = only(validate(g), EXCERPT)
    assert {(v.path, v.constraint) for v in violations} >= {
        (OC.startOffset, "Datatype"),
        (DCTERMS.source, "MinCount"),
    }


def test_excerpt_offsets_in_order():
    g = good_graph()
    g.set((EXCERPT, OC.startOffset, Literal(30)))
    violations = validate(g)
    assert [(v.focus_node, v.path, v.constraint) for v in violations] == [(EXCERPT, OC.startOffset, "LessThanOrEquals")]


def test_change_event_needs_resulting_organization():
    g = good_graph()
    g.remove((EVENT, ORG.resultingOrganization, None))
    violations = validate(g)
    assert [(v.focus_node, v.path) for v in violations] == [(EVENT, ORG.resultingOrganization)]


def test_member_during_must_be_an_interval():
    g = good_graph()
    g.remove((DURING, RDF.type, TIME.Interval))
    violations = validate(g)
    assert [(v.focus_node, v.constraint) for v in violations] == [(DURING, "Class")]
    assert "time:Interval" in str(violations[0])


def test_violation_is_frozen_and_hashable():
    g = good_graph()
    g.remove((PERSON, FOAF.name, None))
    (v,) = validate(g)
    with pytest.raises(AttributeError):
        v.message = "changed"  # type: ignore[misc]
    assert len({v, v}) == 1


def test_validation_is_fast_on_a_few_hundred_triples():
    g = rdflib.Graph()
    for i in range(60):  # ~500 triples
        person, m = ID[f"person/p{i}"], ID[f"membership/m{i}"]
        g.add((person, RDF.type, FOAF.Person))
        g.add((person, FOAF.name, Literal(f"人{i}")))
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, person))
        g.add((m, ORG.organization, COMMITTEE))
        g.add((m, ORG.role, ROLE))
        g.add((m, ORG.memberDuring, ID[f"membership/m{i}-during"]))
        g.add((ID[f"membership/m{i}-during"], RDF.type, TIME.Interval))
    g += good_graph()
    assert len(g) > 500
    validate(g)  # warm up (parses shapes and ontology once)
    start = time.perf_counter()
    assert validate(g) == []
    assert time.perf_counter() - start < 2.0


# --------------------------------------------------------------------------------------------------
# load_graph
# --------------------------------------------------------------------------------------------------


def test_load_graph_round_trips_turtle(tmp_path):
    path = tmp_path / "kg.ttl"
    path.write_text(good_graph().serialize(format="turtle"), encoding="utf-8")
    g = load_graph(path)
    assert isinstance(g, rdflib.Graph)
    assert (PERSON, FOAF.name, Literal("程一晓")) in g
    assert len(g) == len(good_graph())
    assert validate(g) == []


@pytest.mark.parametrize("ext,fmt", [(".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml")])
def test_load_graph_guesses_format_from_extension(tmp_path, ext, fmt):
    path = tmp_path / f"kg{ext}"
    path.write_text(good_graph().serialize(format=fmt), encoding="utf-8")
    g = load_graph(path)
    assert len(g) == len(good_graph())
    assert (MEMBERSHIP, ORG.role, ROLE) in g


def test_load_graph_merges_named_graphs_of_trig(tmp_path):
    path = tmp_path / "kg.trig"
    path.write_text(
        "@prefix ex: <http://example.org/> .\nex:g1 { ex:a ex:p ex:b . }\nex:g2 { ex:b ex:p ex:c . }\n",
        encoding="utf-8",
    )
    g = load_graph(path)
    assert len(g) == 2


def test_load_graph_malformed_turtle_names_file_and_line(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text(
        "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\n\nex:a ex:p ex:b ex:c .\n",
        encoding="utf-8",
    )
    with pytest.raises(KgError) as info:
        load_graph(path)
    message = str(info.value)
    assert "broken.ttl" in message
    assert message.startswith(f"{path}: not valid Turtle: line 4, column 16: ")
    assert "\n" not in message


def test_load_graph_malformed_ntriples_names_line(tmp_path):
    path = tmp_path / "broken.nt"
    path.write_text(
        "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"
        "<http://example.org/a> <http://example.org/p> .\n",
        encoding="utf-8",
    )
    with pytest.raises(KgError, match=r"broken\.nt: not valid N-Triples: line 2, column 47: "):
        load_graph(path)


def test_load_graph_malformed_jsonld_names_line(tmp_path):
    path = tmp_path / "broken.jsonld"
    path.write_text('{"@id": "http://example.org/a",\n "http://example.org/p": [1,\n}', encoding="utf-8")
    with pytest.raises(KgError, match=r"broken\.jsonld: not valid JSON-LD: line 3, column 1: "):
        load_graph(path)


@pytest.mark.parametrize(
    "content, where, why",
    [
        # rdflib raises no BadSyntax for these: an AssertionError, an IndexError, an index of -1
        ('@prefix ex: <http://e/> .\nex:a ex:b """open\n\nstill open', "line 2, column 11", "not closed"),
        ('@prefix ex: <http://e/> .\nex:a ex:b "ok \\" still" ; ex:c \'open', "line 2, column 32", "not closed"),
        ("@prefix ex: <http://e/> .\n# a \"comment\nex:a ex:b 'open", "line 3, column 11", "not closed"),
        ("@prefix ex: <http://e/> .\nex:a ex:b ex:c", "line 2, column 15", "ends inside a statement"),
        ('@prefix ex: <http://e/> .\nex:名字 ex:b "é" ; ex:c ex:d ex:e .\n', "line 2, column 28", "expected"),
    ],
)
def test_load_graph_turtle_errors_have_line_and_column(tmp_path, content, where, why):
    path = tmp_path / "broken.ttl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError) as info:
        load_graph(path)
    message = str(info.value)
    assert message.startswith(f"{path}: not valid Turtle: {where}: "), message
    assert why in message and "\n" not in message


def test_load_graph_trig_error_at_the_end_has_a_column(tmp_path):
    path = tmp_path / "cut.trig"
    path.write_text("@prefix ex: <http://e/> .\nex:g { ex:a ex:b ex:c ", encoding="utf-8")
    with pytest.raises(KgError, match=r"cut\.trig: not valid TriG: line 2, column 23: "):
        load_graph(path)


def test_load_graph_nquads_column_points_at_the_extra_term(tmp_path):
    path = tmp_path / "bad.nq"
    path.write_text("<http://a> <http://b> <http://c> <http://g> <http://h> .\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"bad\.nq: not valid N-Quads: line 1, column 45: "):
        load_graph(path)


@pytest.mark.parametrize(
    "context",
    [
        '"https://schema.org/"',
        '["https://example.org/ctx.jsonld", {"x": "http://x/"}]',
        '"ctx.jsonld"',
        '{"@import": "https://example.org/base.jsonld"}',
        '{"p": {"@id": "http://x/p", "@context": "https://example.org/scoped.jsonld"}}',
    ],
)
def test_load_graph_refuses_remote_jsonld_context_without_fetching(tmp_path, monkeypatch, context):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("kg tried to fetch a JSON-LD context")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": %s, "@id": "http://a", "p": {"@id": "http://b"}}' % context, encoding="utf-8")
    with pytest.raises(KgError) as info:
        load_graph(path)
    message = str(info.value)
    assert message.startswith(f"{path}: not valid JSON-LD: ") and "\n" not in message
    url = next(
        u
        for u in (
            "https://schema.org/",
            "https://example.org/ctx.jsonld",
            "ctx.jsonld",
            "https://example.org/base.jsonld",
            "https://example.org/scoped.jsonld",
        )
        if u in context
    )
    assert url in message and "not fetched" in message


def test_load_graph_inline_jsonld_context_is_read(tmp_path):
    path = tmp_path / "inline.jsonld"
    path.write_text(
        '{"@context": {"p": {"@id": "http://x/p", "@type": "@id"}}, "@id": "http://a", "p": "http://b"}',
        encoding="utf-8",
    )
    g = load_graph(path)
    assert len(g) == 1


@pytest.mark.parametrize(
    "content, words",
    [
        ('"a string"', "the top level is a string"),
        ("5", "the top level is a number"),
        ('{"@context": 5, "@id": "http://a"}', "a @context is a number"),
        ('{"@context": {"@vocab": 5}, "@id": "http://a"}', "@vocab in a @context is a number"),
        ('{"@context": {"p": 5}, "@id": "http://a"}', 'the definition of "p" in a @context is a number'),
        ('{"@reverse": 5}', "a structure rdflib cannot read"),
    ],
)
def test_load_graph_bad_jsonld_structure_is_one_line(tmp_path, content, words):
    path = tmp_path / "bad.jsonld"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError) as info:
        load_graph(path)
    message = str(info.value)
    assert message.startswith(f"{path}: not valid JSON-LD: ") and words in message, message
    assert "\n" not in message


def test_load_graph_not_utf8(tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes(b'@prefix ex: <http://example.org/> .\nex:a ex:p "caf\xe9" .\n')
    with pytest.raises(KgError, match=r"latin1\.ttl: not valid Turtle: line 2: not UTF-8"):
        load_graph(path)


def test_load_graph_directory_raises(tmp_path):
    with pytest.raises(KgError) as info:
        load_graph(tmp_path)
    assert str(tmp_path) in str(info.value)
    assert "directory" in str(info.value)


def test_load_graph_missing_file_raises(tmp_path):
    path = tmp_path / "nope.ttl"
    with pytest.raises(KgError, match="nope.ttl: no such file"):
        load_graph(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_load_graph_unreadable_file_raises(tmp_path):
    path = tmp_path / "secret.ttl"
    path.write_text("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n")
    path.chmod(0)
    try:
        with pytest.raises(KgError, match="secret.ttl: cannot read"):
            load_graph(path)
    finally:
        path.chmod(0o600)


# --------------------------------------------------------------------------------------------------
# the packaged ontology and shapes
# --------------------------------------------------------------------------------------------------

OC_CLASSES = {
    "Committee",
    "Excerpt",
    "Document",
    "ReportingLine",
    "PersonnelChange",
    "Appointment",
    "Departure",
    "Transfer",
    "UnitEstablished",
    "Affiliation",
}
OC_PROPERTIES = {
    "startOffset",
    "endOffset",
    "isHeadRole",
    "subordinate",
    "superior",
    "title",
    "affiliate",
    "affiliatedWith",
}


def test_ontology_defines_every_term_the_extractor_writes():
    import re
    from pathlib import Path

    import kg.rdf.write

    used = set(re.findall(r"\bOC\.(\w+)", Path(kg.rdf.write.__file__).read_text(encoding="utf-8")))
    assert used and used <= OC_CLASSES | OC_PROPERTIES


def test_ontology_defines_every_oc_term_with_en_and_zh_label_and_comment():
    from rdflib.namespace import OWL, RDFS

    from kg.rdf.validate import ontology_graph

    g = ontology_graph()
    defined = {s for s in g.subjects() if str(s).startswith(str(OC))}
    assert defined == {OC[name] for name in OC_CLASSES | OC_PROPERTIES}
    for name in OC_CLASSES:
        assert (OC[name], RDF.type, OWL.Class) in g, name
    for term in defined:
        for pred in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, pred)}
            assert langs == {"en", "zh"}, (term, pred, langs)
    assert (OC.Committee, RDFS.subClassOf, ORG.OrganizationalUnit) in g
    assert (OC.Appointment, RDFS.subClassOf, OC.PersonnelChange) in g
    assert (OC.PersonnelChange, RDFS.subClassOf, PROV.Activity) in g
    assert (OC.UnitEstablished, RDFS.subClassOf, ORG.ChangeEvent) in g
    assert (OC.startOffset, RDFS.range, XSD.integer) in g
    # W3C terms are referenced, never described here
    assert not any(str(s).startswith(("http://www.w3.org/ns/org#", "http://xmlns.com/foaf/0.1/")) for s in g.subjects())
    assert len(list(g.subjects(RDF.type, OWL.Ontology))) == 1


def test_every_shape_has_an_english_message():
    from rdflib.namespace import SH

    from kg.rdf.validate import shapes_graph

    g = shapes_graph()
    node_shapes = set(g.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(g.objects(None, SH.property))
    assert node_shapes and property_shapes
    for shape in property_shapes | {s for s in node_shapes if (s, SH.property, None) not in g}:
        assert any(m.language == "en" for m in g.objects(shape, SH.message)), shape
