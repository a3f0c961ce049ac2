"""The canned queries' shape for speed, and that it changes no answer.

The canned queries are written so that Oxigraph evaluates them row by row from what the parameters bind
(see the "Query shape" note in each .rq file): OPTIONALs that start with one triple pattern and nest what
hangs off it, FILTER(BOUND(…)) where a nested part must match, no property-path sequences inside OPTIONAL,
and for org-chart-at, changes-between and conflicts a second form for the optional `within` parameter. Speed itself is
measured by bench/run.py, never here. These tests check that

- every canned query gives the same rows, in the same order up to ties of its ORDER BY, as REFERENCE - the
  same query written as plain joins (the form before the rewrite) - over the dev set and over a small graph
  full of partial facts that kg itself never writes (an excerpt without a source, a document without an
  id, a post with two intervals, an undated appointment next to a dated one …), on rdflib and Oxigraph;
- with `within`, org-chart-at, changes-between and conflicts give exactly the rows of the unscoped query
  whose organization is that organization or one of its units (at any depth);
- the OPTIONALs keep the shape that makes them cheap.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.paths import SequencePath
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

import kg
from kg import query as q
from kg.errors import KgError

pytestmark = pytest.mark.slow  # query plans over generated corpora: about a minute

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev.gold.jsonl"
SEED = ROOT / "examples" / "kuaishou-2022-09.txt"

#: The canned queries as plain joins (multi-pattern OPTIONALs, property-path sequences): what they answer.
REFERENCE = {
    "changes-between": """
SELECT ?date ?change ?effect (MIN(?pname) AS ?personName) ?person (MIN(?oname) AS ?orgName) ?org ?role
       ?sentence ?doc
WHERE {
  ?event a ?class ;
         prov:wasDerivedFrom ?excerpt ;
         prov:generated|prov:invalidated|org:resultingOrganization ?x .
  ?excerpt prov:value ?sentence ; dcterms:source ?d .
  ?d dcterms:identifier ?doc .
  # ?x: the membership a personnel change begins or ends, or the unit set up
  OPTIONAL { ?event dcterms:date ?eventDate }
  OPTIONAL { ?d dcterms:date ?docDate }
  OPTIONAL {
    ?x org:member ?person ; org:role/skos:prefLabel ?role .
    ?person foaf:name ?pname .
    FILTER(LANG(?role) = "zh")
  }
  OPTIONAL { ?x org:organization ?postOrg }
  OPTIONAL { ?x org:organization?/skos:prefLabel ?oname }
  BIND(COALESCE(?postOrg, ?x) AS ?org)
  BIND(STR(COALESCE(?eventDate, ?docDate)) AS ?date)
  BIND(STRAFTER(STR(?class), "#") AS ?change)
  BIND(IF(EXISTS { ?event prov:generated ?x }, "begins",
          IF(EXISTS { ?event prov:invalidated ?x }, "ends", "set up")) AS ?effect)
  FILTER(?class IN (oc:Appointment, oc:Departure, oc:Transfer, oc:UnitEstablished))
  FILTER(?date <= STR(?to) && CONCAT(?date, "~") >= STR(?from))
}
GROUP BY ?date ?change ?effect ?person ?org ?role ?sentence ?doc
ORDER BY ?date ?doc ?change ?orgName ?personName ?effect ?role
""",
    "conflicts": """
SELECT ?conflict (MIN(?oname) AS ?orgName) ?org ?role
       (MIN(?pname1) AS ?personName1) ?person1 ?doc1 ?date1 ?sentence1
       (MIN(?pname2) AS ?personName2) ?person2 ?doc2 ?date2 ?sentence2
WHERE {
  ?m1 org:member ?person1 ; org:organization ?org ; org:role ?r ; prov:wasDerivedFrom ?excerpt1 .
  ?m2 org:member ?person2 ; org:organization ?org ; org:role ?r ; prov:wasDerivedFrom ?excerpt2 .
  ?excerpt1 prov:value ?sentence1 ; dcterms:source ?d1 .
  ?excerpt2 prov:value ?sentence2 ; dcterms:source ?d2 .
  ?d1 dcterms:identifier ?doc1 .
  ?d2 dcterms:identifier ?doc2 .
  ?org skos:prefLabel ?oname .
  ?person1 foaf:name ?pname1 .
  ?person2 foaf:name ?pname2 .
  OPTIONAL { ?m1 org:memberDuring/time:hasEnd ?end1 }
  OPTIONAL { ?m2 org:memberDuring/time:hasEnd ?end2 }
  OPTIONAL { ?d1 dcterms:date ?date1 }
  OPTIONAL { ?r skos:prefLabel ?role . FILTER(LANG(?role) = "zh") }
  OPTIONAL { ?d2 dcterms:date ?date2 }
  BIND(IF(?person1 = ?person2, "current and ended", "two heads") AS ?conflict)
  FILTER(?d1 != ?d2 && !BOUND(?end1))
  FILTER((?person1 = ?person2 && BOUND(?end2))
         || (STR(?person1) < STR(?person2) && !BOUND(?end2)
             && EXISTS { ?r oc:isHeadRole true . ?person1 org:headOf ?org . ?person2 org:headOf ?org }))
  FILTER(!BOUND(?date1) || !BOUND(?date2) || STRSTARTS(STR(?date1), STR(?date2)) || STRSTARTS(STR(?date2), STR(?date1))
         || (?person1 = ?person2 && STR(?date1) > STR(?date2)))
}
GROUP BY ?conflict ?org ?role ?person1 ?doc1 ?date1 ?sentence1 ?person2 ?doc2 ?date2 ?sentence2
ORDER BY ?orgName ?org ?role ?conflict ?personName1 ?personName2 ?date1 ?date2 ?doc1 ?doc2
""",
    "direct-reports": """
SELECT (MIN(?name) AS ?subordinateName) ?subordinate ?sentence ?doc
WHERE {
  ?p foaf:name|skos:altLabel|skos:prefLabel|rdfs:label ?person .
  ?subordinate org:reportsTo ?p ;
               foaf:name ?name .
  OPTIONAL {
    ?line oc:subordinate ?subordinate ; oc:superior ?p ; prov:wasDerivedFrom ?excerpt .
    ?excerpt prov:value ?sentence ; dcterms:source/dcterms:identifier ?doc .
  }
}
GROUP BY ?subordinate ?sentence ?doc
ORDER BY ?subordinateName ?subordinate ?doc ?sentence
""",
    "heads-of": """
SELECT (MIN(?name) AS ?headName) ?head ?role ?title ?since ?sentence ?doc ?docDate
WHERE {
  ?o skos:prefLabel|skos:altLabel|rdfs:label|foaf:name ?org .
  ?head org:headOf ?o ;
        foaf:name ?name .
  ?m org:member ?head ; org:organization ?o ; org:role ?r ; prov:wasDerivedFrom ?excerpt .
  ?r oc:isHeadRole true .
  ?excerpt prov:value ?sentence ; dcterms:source ?d .
  ?d dcterms:identifier ?doc .
  OPTIONAL { ?d dcterms:date ?docDate }
  OPTIONAL { ?r skos:prefLabel ?role . FILTER(LANG(?role) = "zh") }
  OPTIONAL { ?m oc:title ?title }
  OPTIONAL { ?m org:memberDuring/time:hasBeginning/time:inXSDDate ?begin }
  OPTIONAL { ?appointment prov:generated ?m ; dcterms:date ?appointed }
  OPTIONAL { ?m org:memberDuring/time:hasEnd ?end }
  BIND(STR(COALESCE(?begin, ?appointed)) AS ?since)
  # a later-dated document that reports the post ended
  OPTIONAL {
    ?ended org:member ?head ; org:organization ?o ; org:role ?r ;
           org:memberDuring/time:hasEnd ?endedEnd ;
           prov:wasDerivedFrom/dcterms:source/dcterms:date ?endedDocDate .
    FILTER(STR(?endedDocDate) > STR(?docDate))
  }
  FILTER(!BOUND(?end) && !BOUND(?ended))
}
GROUP BY ?head ?role ?title ?since ?sentence ?doc ?docDate
ORDER BY ?role ?headName ?head DESC(?docDate) ?doc ?sentence
""",
    "members-of": """
SELECT (MIN(?name) AS ?memberName) ?member ?role ?title ?status ?sentence ?doc
WHERE {
  ?o skos:prefLabel|skos:altLabel|rdfs:label|foaf:name ?org .
  # an org:Membership (a post) or an oc:Affiliation (a member without a post)
  ?x org:organization|oc:affiliatedWith ?o ;
     org:member|oc:affiliate ?member ;
     prov:wasDerivedFrom ?excerpt .
  ?member foaf:name ?name .
  ?excerpt prov:value ?sentence ; dcterms:source/dcterms:identifier ?doc .
  OPTIONAL { ?x org:role/skos:prefLabel ?role . FILTER(LANG(?role) = "zh") }
  OPTIONAL { ?x oc:title ?title }
  OPTIONAL { ?x org:memberDuring/time:hasEnd ?end }
  BIND(IF(BOUND(?end), "former", IF(BOUND(?role), "current", "member")) AS ?status)
}
GROUP BY ?member ?role ?title ?status ?sentence ?doc
ORDER BY ?memberName ?member ?status ?role ?doc ?sentence
""",
    "org-chart-at": """
SELECT (MIN(?oname) AS ?orgName) ?org (MIN(?pname) AS ?personName) ?person ?role ?title ?since ?until
       ?sentence ?doc ?docDate
WHERE {
  ?m org:member ?person ; org:organization ?org ; org:role ?r ; prov:wasDerivedFrom ?excerpt .
  ?excerpt prov:value ?sentence ; dcterms:source ?d .
  ?d dcterms:identifier ?doc .
  ?org skos:prefLabel ?oname .
  ?person foaf:name ?pname .
  OPTIONAL { ?d dcterms:date ?docDate }
  OPTIONAL { ?r skos:prefLabel ?role . FILTER(LANG(?role) = "zh") }
  OPTIONAL { ?m oc:title ?title }
  OPTIONAL { ?m org:memberDuring/time:hasBeginning/time:inXSDDate ?begin }
  OPTIONAL { ?appointment prov:generated ?m ; dcterms:date ?appointed }
  OPTIONAL { ?m org:memberDuring/time:hasEnd ?endNode .
             OPTIONAL { ?endNode time:inXSDDate ?end } }
  OPTIONAL { ?departure prov:invalidated ?m ; dcterms:date ?departed }
  BIND(STR(COALESCE(?begin, ?appointed)) AS ?since)
  BIND(STR(COALESCE(?end, ?departed)) AS ?until)
  BIND(STR(COALESCE(?begin, ?appointed, IF(BOUND(?endNode), "", ?docDate))) AS ?from)
  BIND(STR(COALESCE(?end, ?departed, ?docDate)) AS ?to)
  # a later-dated document that says the post had ended by then
  OPTIONAL {
    ?ended org:member ?person ; org:organization ?org ; org:role ?r ;
           org:memberDuring/time:hasEnd ?endedEnd ;
           prov:wasDerivedFrom/dcterms:source/dcterms:date ?endedDocDate .
    OPTIONAL { ?endedEnd time:inXSDDate ?endedEndDate }
    OPTIONAL { ?endedDeparture prov:invalidated ?ended ; dcterms:date ?endedDeparted }
    FILTER(STR(?endedDocDate) > STR(?docDate)
           && CONCAT(STR(COALESCE(?endedEndDate, ?endedDeparted, ?endedDocDate)), "~") <= STR(?at))
  }
  # a document that dates the beginning of this post after that day (when this one does not date it)
  OPTIONAL {
    ?began org:member ?person ; org:organization ?org ; org:role ?r .
    OPTIONAL { ?began org:memberDuring/time:hasBeginning/time:inXSDDate ?beganBegin }
    OPTIONAL { ?beganAppointment prov:generated ?began ; dcterms:date ?beganAppointed }
    FILTER(!BOUND(?begin) && !BOUND(?appointed) && STR(COALESCE(?beganBegin, ?beganAppointed)) > STR(?at))
  }
  # a later-dated document that has the same post held then, or another head in the same head role whose
  # post had begun by then
  OPTIONAL {
    ?newer org:organization ?org ; org:role ?r ; org:member ?newerHolder ;
           prov:wasDerivedFrom/dcterms:source/dcterms:date ?newerDocDate .
    OPTIONAL { ?newer org:memberDuring/time:hasBeginning/time:inXSDDate ?newerBegin }
    OPTIONAL { ?newerAppointment prov:generated ?newer ; dcterms:date ?newerAppointed }
    OPTIONAL { ?newer org:memberDuring/time:hasEnd ?newerEnd .
               OPTIONAL { ?newerEnd time:inXSDDate ?newerEndDate } }
    OPTIONAL { ?newerDeparture prov:invalidated ?newer ; dcterms:date ?newerDeparted }
    FILTER(STR(?newerDocDate) > STR(?docDate)
           && STR(COALESCE(?newerBegin, ?newerAppointed, IF(BOUND(?newerEnd), "", ?newerDocDate))) <= STR(?at)
           && (!BOUND(?newerEnd)
               || STR(?at) < CONCAT(STR(COALESCE(?newerEndDate, ?newerDeparted, ?newerDocDate)), "~"))
           && (?newerHolder = ?person
               || (STR(COALESCE(?newerBegin, ?newerAppointed, IF(BOUND(?newerEnd), "", ?newerDocDate))) != ""
                   && EXISTS { ?r oc:isHeadRole true . ?person org:headOf ?org . ?newerHolder org:headOf ?org })))
  }
  # held on that day, and no later-dated document disagrees
  FILTER(?from <= STR(?at) && (!BOUND(?endNode) || STR(?at) < CONCAT(?to, "~"))
         && !BOUND(?ended) && !BOUND(?began) && !BOUND(?newer))
}
GROUP BY ?org ?person ?role ?title ?since ?until ?sentence ?doc ?docDate
ORDER BY ?orgName ?org ?role ?personName ?person ?doc
""",
    "posts-of": """
SELECT (MIN(?name) AS ?orgName) ?org ?role ?title ?status ?since ?until ?sentence ?doc ?docDate
WHERE {
  ?p foaf:name|skos:altLabel|skos:prefLabel|rdfs:label ?person .
  ?m org:member ?p ; org:organization ?org ; org:role ?r ; prov:wasDerivedFrom ?excerpt .
  ?org skos:prefLabel ?name .
  ?excerpt prov:value ?sentence ; dcterms:source ?d .
  ?d dcterms:identifier ?doc .
  OPTIONAL { ?d dcterms:date ?docDate }
  OPTIONAL { ?r skos:prefLabel ?role . FILTER(LANG(?role) = "zh") }
  OPTIONAL { ?m oc:title ?title }
  OPTIONAL { ?m org:memberDuring/time:hasBeginning/time:inXSDDate ?begin }
  OPTIONAL { ?m org:memberDuring/time:hasEnd ?endNode .
             OPTIONAL { ?endNode time:inXSDDate ?end } }
  OPTIONAL { ?appointment prov:generated ?m ; dcterms:date ?appointed }
  OPTIONAL { ?departure prov:invalidated ?m ; dcterms:date ?departed }
  BIND(IF(BOUND(?endNode), "former", "current") AS ?status)
  BIND(STR(COALESCE(?begin, ?appointed)) AS ?since)
  BIND(STR(COALESCE(?end, ?departed)) AS ?until)
}
GROUP BY ?org ?role ?title ?status ?since ?until ?sentence ?doc ?docDate
ORDER BY ?status ?orgName ?org ?role ?since ?docDate ?doc ?sentence
""",
    "reports-to": """
SELECT (MIN(?name) AS ?superiorName) ?superior ?sentence ?doc
WHERE {
  ?p foaf:name|skos:altLabel|skos:prefLabel|rdfs:label ?person ;
     org:reportsTo ?superior .
  ?superior foaf:name ?name .
  OPTIONAL {
    ?line oc:subordinate ?p ; oc:superior ?superior ; prov:wasDerivedFrom ?excerpt .
    ?excerpt prov:value ?sentence ; dcterms:source/dcterms:identifier ?doc .
  }
}
GROUP BY ?superior ?sentence ?doc
ORDER BY ?superiorName ?superior ?doc ?sentence
""",
    "sources-of": """
SELECT DISTINCT ?docDate ?doc ?start ?end ?sentence
WHERE {
  ?p foaf:name|skos:altLabel|skos:prefLabel|rdfs:label ?person .
  # memberships, reporting lines (either side), affiliations, and the changes of the person's posts
  ?fact org:member|oc:subordinate|oc:superior|oc:affiliate|((prov:generated|prov:invalidated)/org:member) ?p ;
        prov:wasDerivedFrom ?excerpt .
  ?excerpt prov:value ?sentence ; oc:startOffset ?start ; oc:endOffset ?end ; dcterms:source ?d .
  ?d dcterms:identifier ?doc .
  OPTIONAL { ?d dcterms:date ?docDate }
}
ORDER BY ?docDate ?doc ?start
""",
}

#: Partial and odd facts that kg does not write but a hand-made graph may hold.
ODD = """
@prefix org: <http://www.w3.org/ns/org#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix time: <http://www.w3.org/2006/time#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix oc: <https://kg.example.org/ns/org-change#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix : <urn:odd:> .

:acme a org:FormalOrganization ; skos:prefLabel "Acme" ; skos:altLabel "ACME"@en ; org:hasUnit :lab .
:lab a org:OrganizationalUnit ; skos:prefLabel "Acme Lab" ; org:unitOf :acme ; org:hasUnit :labx .
:labx a org:OrganizationalUnit ; skos:prefLabel "Lab X" , "X Lab" ; org:unitOf :lab .
:other skos:prefLabel "Other" .
:alice a foaf:Person ; foaf:name "Alice" , "Alicia" ; org:headOf :acme ; org:reportsTo :bob , :carol .
:bob a foaf:Person ; foaf:name "Bob" ; org:headOf :acme ; org:reportsTo :alice .
:carol a foaf:Person ; rdfs:label "Carol" ; foaf:name "Carol" ; skos:altLabel "Caro"@zh .
:ceo a org:Role ; skos:prefLabel "首席执行官"@zh , "CEO"@en ; oc:isHeadRole true .
:vp a org:Role ; skos:prefLabel "VP"@en ; oc:isHeadRole false .

:d1 dcterms:identifier "d1" ; dcterms:date "2021-01-01"^^xsd:date .
:d2 dcterms:identifier "d2" ; dcterms:date "2022"^^xsd:gYear .
:d3 dcterms:identifier "d3" .
:d4 dcterms:date "2023-01-01"^^xsd:date .
:e1 prov:value "s1" ; dcterms:source :d1 ; oc:startOffset 0 ; oc:endOffset 2 .
:e2 prov:value "s2" ; dcterms:source :d2 ; oc:startOffset 3 ; oc:endOffset 5 .
:e3 prov:value "s3" ; dcterms:source :d3 ; oc:startOffset 0 ; oc:endOffset 2 .
:e4 prov:value "s4" ; dcterms:source :d4 ; oc:startOffset 0 ; oc:endOffset 2 .
:e5 dcterms:source :d1 ; oc:startOffset 6 ; oc:endOffset 8 .
:e6 prov:value "s6" ; oc:startOffset 0 ; oc:endOffset 2 .
:e7 prov:value "s7a" , "s7b" ; dcterms:source :d2 , :d3 ; oc:startOffset 9 ; oc:endOffset 12 .

:m1 a org:Membership ; org:member :alice ; org:organization :acme ; org:role :ceo ;
    prov:wasDerivedFrom :e1 , :e7 ; org:memberDuring :i1a , :i1b .
:i1a time:hasBeginning [ time:inXSDDate "2020-01-01"^^xsd:date ] .
:i1b time:hasBeginning [ a time:Instant ] ; time:hasEnd [ a time:Instant ] .
:m2 a org:Membership ; org:member :bob ; org:organization :acme ; org:role :ceo ; oc:title "代理CEO" ;
    prov:wasDerivedFrom :e2 ; org:memberDuring [ a time:Interval ] .
:m3 a org:Membership ; org:member :alice ; org:organization :acme ; org:role :ceo ; prov:wasDerivedFrom :e3 ;
    org:memberDuring [ time:hasEnd [ time:inXSDDate "2022-06-01"^^xsd:date ] ] .
:m4 a org:Membership ; org:member :carol ; org:organization :labx ; org:role :vp ; prov:wasDerivedFrom :e4 , :e6 .
:m5 a org:Membership ; org:member :carol ; org:organization :lab ; org:role :vp ; prov:wasDerivedFrom :e5 , :e1 .
:m6 a org:Membership ; org:member :bob ; org:organization :lab ; org:role :ceo ; prov:wasDerivedFrom :e1 ;
    org:memberDuring [ time:hasEnd [ time:inXSDDate "2021-05"^^xsd:gYearMonth ] ] , [ a time:Interval ] .
:m7 a org:Membership ; org:member :alice ; org:organization :other ; org:organization :lab ; org:role :ceo ;
    prov:wasDerivedFrom :e2 .

:l1 a oc:ReportingLine ; oc:subordinate :alice ; oc:superior :bob ; prov:wasDerivedFrom :e1 , :e5 .
:l2 a oc:ReportingLine ; oc:subordinate :alice ; oc:superior :carol ; prov:wasDerivedFrom :e6 .
:l3 a oc:ReportingLine ; oc:subordinate :bob ; oc:superior :alice ; prov:wasDerivedFrom :e7 .
:l4 a oc:ReportingLine ; oc:subordinate :bob ; oc:superior :carol ; prov:wasDerivedFrom :e2 .
:a1 a oc:Affiliation ; oc:affiliate :carol ; oc:affiliatedWith :acme ; prov:wasDerivedFrom :e2 .

:ev2 a oc:Appointment ; prov:generated :m2 ; dcterms:date "2022-03"^^xsd:gYearMonth ; prov:wasDerivedFrom :e2 .
:ev2b a oc:Appointment , org:ChangeEvent ; prov:generated :m2 ; prov:wasDerivedFrom :e2 .
:ev3 a oc:Departure ; prov:invalidated :m3 ; prov:wasDerivedFrom :e3 .
:ev3b a oc:Departure ; prov:invalidated :m3 ; dcterms:date "2022-07-15"^^xsd:date ; prov:wasDerivedFrom :e4 .
:ev9 a oc:UnitEstablished , org:ChangeEvent ; org:resultingOrganization :labx ; dcterms:date "2022-09"^^xsd:gYearMonth ;
     prov:wasDerivedFrom :e2 .
:ev10 a oc:Transfer ; prov:generated :m6 , :m7 ; prov:invalidated :m3 ; prov:wasDerivedFrom :e7 .
:ev11 a oc:Appointment ; prov:generated :m4 ; prov:wasDerivedFrom :e5 .

# a post current in one document and ended in another, two levels below Acme
:m8 a org:Membership ; org:member :carol ; org:organization :labx ; org:role :vp ; prov:wasDerivedFrom :e3 ;
    org:memberDuring [ time:hasEnd [ a time:Instant ] ] .
:m9 a org:Membership ; org:member :carol ; org:organization :labx ; org:role :vp ; prov:wasDerivedFrom :e2 .
"""

ODD_PARAMS = {
    "reports-to": [{"person": "Alice"}, {"person": "Bob"}, {"person": "Caro"}],
    "direct-reports": [{"person": "Bob"}, {"person": "Carol"}, {"person": "Alicia"}],
    "members-of": [{"org": "Acme"}, {"org": "Lab X"}, {"org": "Acme Lab"}],
    "heads-of": [{"org": "Acme"}, {"org": "ACME"}],
    "posts-of": [{"person": "Alice"}, {"person": "Bob"}, {"person": "Carol"}],
    "org-chart-at": [{"at": d} for d in ("2019-06-01", "2021-03-01", "2022-05-01", "2022-06-15", "2023-06-01")],
    "changes-between": [
        {"from": "2021-01-01", "to": "2023-12-31"},
        {"from": "2022-09-01", "to": "2022-09-30"},
        {"from": "2022-01-01", "to": "2022-06-30"},
    ],
    "sources-of": [{"person": "Alice"}, {"person": "Carol"}],
    "conflicts": [{}],
}
DEV_PARAMS = {
    "reports-to": [{"person": "王莆中"}, {"person": "余睿"}, {"person": "小谷"}],
    "direct-reports": [{"person": "王兴"}, {"person": "徐雷"}, {"person": "程一晓"}],
    "members-of": [{"org": "京东集团"}, {"org": "阿里巴巴集团"}, {"org": "商业生态委员会"}],
    "heads-of": [{"org": "京东集团"}, {"org": "美团"}, {"org": "快手"}],
    "posts-of": [{"person": "王莆中"}, {"person": "徐雷"}, {"person": "张勇"}, {"person": "小谷"}],
    "org-chart-at": [{"at": "2021-06-01"}, {"at": "2022-06-01"}, {"at": "2022-10-01"}, {"at": "2023-06-01"}],
    "changes-between": [{"from": "2022-01-01", "to": "2023-12-31"}, {"from": "2022-09-01", "to": "2022-09-30"}],
    "sources-of": [{"person": "王莆中"}, {"person": "徐雷"}, {"person": "小谷"}],
    "conflicts": [{}],
}
SCOPES = {"odd": ["Acme", "Acme Lab", "Lab X", "Other", "Nobody"], "dev": ["京东集团", "美团", "快手", "阿里巴巴集团"]}
SCOPE_UNITS = """SELECT DISTINCT ?unit WHERE {
  ?scope skos:prefLabel|skos:altLabel|rdfs:label|foaf:name ?within . ?scope org:hasUnit* ?unit }"""


@pytest.fixture(scope="module")
def graphs() -> dict[str, rdflib.Graph]:
    """The dev set and the seed article (as kg extracts them), and the odd graph; each also in Oxigraph."""
    dev = rdflib.Graph()
    for line in DEV.read_text(encoding="utf-8").splitlines():
        if line.strip():
            article = json.loads(line)
            for triple in kg.to_rdf(kg.extract(article["text"], date=article.get("date"))):
                dev.add(triple)
    for triple in kg.to_rdf(kg.extract(SEED.read_text(encoding="utf-8"), date="2022-09-29")):
        dev.add(triple)
    return {"dev": dev, "odd": rdflib.Graph().parse(data=ODD, format="turtle")}


def oxigraph(graph: rdflib.Graph) -> q.Source:
    store = pyoxigraph.Store()
    store.load(graph.serialize(format="nt").encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)

    class OxSource:
        def query(self, prepared):
            solutions = store.query(prepared.text)
            names = [v.value for v in solutions.variables]
            rows = [tuple(_term(s[v]) for v in names) for s in solutions]
            return q.Result("rows", vars=names, rows=rows)

    return OxSource()


def _term(term):
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return q.normalize_term(rdflib.Literal(term.value, lang=term.language))
    return q.normalize_term(rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value)))


@pytest.fixture(scope="module")
def sources(graphs) -> dict[tuple[str, str], q.Source]:
    out = {}
    for name, graph in graphs.items():
        out[(name, "rdflib")] = q.GraphSource(graph, name)
        out[(name, "oxigraph")] = oxigraph(graph)
    return out


def reference(name: str, params: dict[str, str]) -> q.PreparedQuery:
    declared = [p for p in q.canned(name).params if p.name in params]
    return q.prepare(REFERENCE[name], params, declared)


def order_keys(name: str) -> list[str]:
    return re.findall(r"\?(\w+)", REFERENCE[name].split("ORDER BY", 1)[1])


def key(row) -> tuple[str, ...]:
    return tuple("" if t is None else t.n3() for t in row)


def assert_same(name: str, expected: q.Result, got: q.Result, where: str) -> None:
    """The same rows, and in the same order but for rows that tie on every ORDER BY key."""
    assert got.vars == expected.vars, where
    assert Counter(map(key, got.rows)) == Counter(map(key, expected.rows)), where
    at = [expected.vars.index(k) for k in order_keys(name)]
    assert [[key(r)[i] for i in at] for r in got.rows] == [[key(r)[i] for i in at] for r in expected.rows], where


def cases(graph: str, engine: str):
    table = ODD_PARAMS if graph == "odd" else DEV_PARAMS
    for name, param_sets in table.items():
        for params in param_sets:
            # rdflib is slow on the whole-graph queries: one date is enough there
            if (
                graph == "dev"
                and engine == "rdflib"
                and name in ("org-chart-at", "changes-between")
                and params != param_sets[0]
            ):
                continue
            yield name, params


@pytest.mark.parametrize(
    "graph,engine", [("odd", "rdflib"), ("odd", "oxigraph"), ("dev", "oxigraph"), ("dev", "rdflib")]
)
def test_same_rows_as_the_plain_joins(sources, graph, engine):
    source = sources[(graph, engine)]
    matched = 0
    for name, params in cases(graph, engine):
        expected = source.query(reference(name, params))
        got = source.query(q.named_query(name, params))
        assert_same(name, expected, got, f"{name} {params} on {graph}/{engine}")
        matched += bool(expected.rows)
    assert matched >= 12  # the comparison is not about empty results


@pytest.mark.parametrize(
    "name,date_params",
    [
        ("org-chart-at", [{"at": "2021-03-01"}, {"at": "2022-06-15"}, {"at": "2023-06-01"}]),
        ("changes-between", [{"from": "2021-01-01", "to": "2023-12-31"}, {"from": "2022-01-01", "to": "2022-06-30"}]),
        ("conflicts", [{}]),
    ],
)
def test_within_keeps_the_rows_of_the_organization_and_its_units(sources, name, date_params):
    scoped_rows = Counter()
    for graph, scopes in SCOPES.items():
        for engine in ("oxigraph", "rdflib"):
            source = sources[(graph, engine)]
            for params in date_params[: 1 if graph == "dev" and engine == "rdflib" else None]:
                everything = source.query(reference(name, params))
                org = everything.vars.index("org")
                for scope in scopes[: 2 if engine == "rdflib" else None]:
                    units = {
                        row[0]
                        for row in source.query(
                            q.prepare(SCOPE_UNITS, {"within": scope}, [q.Param("within", "label")])
                        ).rows
                    }
                    expected = q.Result(
                        "rows", vars=everything.vars, rows=[r for r in everything.rows if r[org] in units]
                    )
                    got = source.query(q.named_query(name, {**params, "within": scope}))
                    assert_same(name, expected, got, f"{name} {params} within {scope} on {graph}/{engine}")
                    scoped_rows[graph] += len(got.rows)
    # the comparison is not about empty results (the dev set's posts that overlap are successions, which
    # are no conflicts: there the odd graph's rows carry the comparison)
    assert scoped_rows["odd"] and (scoped_rows["dev"] or name == "conflicts")


def test_within_finds_units_at_any_depth(sources):
    rows = (
        sources[("odd", "oxigraph")]
        .query(q.named_query("changes-between", {"from": "2021-01-01", "to": "2023-12-31", "within": "Acme"}))
        .dicts()
    )
    assert ("UnitEstablished", "Lab X") in {(r["change"], r["orgName"]) for r in rows}
    assert (
        not sources[("odd", "oxigraph")]
        .query(q.named_query("changes-between", {"from": "2021-01-01", "to": "2023-12-31", "within": "Other"}))
        .rows
        == []
    )
    for engine in ("oxigraph", "rdflib"):
        conflicts = sources[("odd", engine)].query(q.named_query("conflicts", {"within": "Acme"})).dicts()
        assert {(r["conflict"], r["orgName"], r["personName1"]) for r in conflicts} == {
            ("current and ended", "Lab X", "Carol")
        }, engine
        assert sources[("odd", engine)].query(q.named_query("conflicts", {"within": "Other"})).rows == []


# -- shape ---------------------------------------------------------------------------------------------


def _nodes(node):
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _nodes(value)


def _first_pattern(node):
    """The pattern an OPTIONAL starts with: its leftmost part under nested OPTIONALs, FILTERs and BINDs."""
    while node.name in ("LeftJoin", "Filter", "Extend"):
        node = node.p1 if node.name == "LeftJoin" else node.p
    return node


def _without_empty_joins(node):
    """``node`` without the joins with an empty group that rdflib leaves in an EXISTS pattern."""
    while node.name == "Join":
        if node.p1.name == "BGP" and not node.p1.triples:
            node = node.p2
        elif node.p2.name == "BGP" and not node.p2.triples:
            node = node.p1
        else:
            break
    return node


def optional_shapes(text: str) -> list[str]:
    """What in ``text`` keeps an OPTIONAL from being a lookup per row."""
    problems = []
    algebra = translateQuery(parseQuery(text)).algebra
    for node in _nodes(algebra):
        if node.name != "LeftJoin":
            continue
        right = node.p2
        first = _first_pattern(right)
        if first.name != "BGP" or len(first.triples) != 1:
            problems.append(f"OPTIONAL starting with {first.name} of {len(first.get('triples') or [])} patterns")
        for inner in _nodes(right):
            if inner.name == "BGP" and any(isinstance(t[1], SequencePath) for t in inner.triples):
                problems.append("a property path sequence inside OPTIONAL")
            if inner.name == "BGP" and inner is not first and len(inner.triples) > 1:
                problems.append("a join inside OPTIONAL")
        for inner in _nodes(node.expr):
            if inner.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
                graph = _without_empty_joins(inner.graph)
                if graph.name != "BGP" or len(graph.triples) != 1:
                    problems.append("an EXISTS of more than one triple pattern in an OPTIONAL's FILTER")
    return problems


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_optionals_are_lookups(name):
    canned = q.canned(name)
    required = {p.name: "x" for p in canned.params if not p.optional}
    forms = [required]
    if any(p.optional for p in canned.params):
        forms.append({**required, **{p.name: "x" for p in canned.params if p.optional}})
    for given in forms:
        if name == "org-chart-at" and "within" not in given:
            continue  # without `within` every post is read: plain joins, which Oxigraph hash-joins once
        text = q.named_query(
            name, {k: ("2022-01-01" if k in ("at", "from", "to") else v) for k, v in given.items()}
        ).text
        assert optional_shapes(text) == [], (name, sorted(given))


def test_the_reference_has_the_shapes_the_check_catches():
    """The shape check is not vacuous: the plain-join form of reports-to fails it."""
    assert optional_shapes(q.prepare(REFERENCE["reports-to"], {"person": "x"}).text)


# -- optional parameters -----------------------------------------------------------------------------------


def test_optional_parameter_lines():
    text = (
        "SELECT * WHERE {\n  ?a ?b ?c .\n  ?c ?d ?within .   # if within\n#if within\n  ?x ?y ?z .\n#else\n"
        "  ?u ?v ?w .\n#end\n}"
    )
    scoped = q.without_unused_lines(text, {"within"})
    plain = q.without_unused_lines(text, set())
    assert "?within" in scoped and "?x ?y ?z" in scoped and "?u ?v ?w" not in scoped
    assert "?within" not in plain and "?x ?y ?z" not in plain and "?u ?v ?w" in plain
    assert scoped.count("\n") == plain.count("\n") == text.count("\n")  # line numbers stay
    with pytest.raises(KgError):
        q.without_unused_lines("#if x\n?a ?b ?c", set())


def test_optional_parameters_are_declared():
    for name in ("org-chart-at", "changes-between", "conflicts"):
        within = [p for p in q.canned(name).params if p.name == "within"]
        assert within and within[0].optional and within[0].kind == "label"
        assert "e.g." not in within[0].help  # bench/run.py times the form without it
    with pytest.raises(KgError, match="needs the parameter at"):
        q.named_query("org-chart-at", {"within": "快手"})
