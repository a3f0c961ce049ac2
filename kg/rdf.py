"""Document -> RDF in the W3C ORG vocabulary (see docs/rdf.md for the shape a client reads).

IRIs are minted from normalized names under a base IRI, so the same name gives the same IRI
in every run and every document; memberships, events and excerpts are keyed by the document's
content hash so that facts from two articles never collide.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, SKOS, XSD

from .document import Document, Entity, Fact
from .lexicon import load
from .resolve import pinyin

ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
OC = Namespace("https://kg.example.org/ns/org-change#")
DEFAULT_BASE = "https://kg.example.org/id/"
PINYIN = "zh-Latn-pinyin"


@lru_cache(maxsize=16384)
def slug(name: str) -> str:
    """A readable, stable IRI segment: pinyin for Chinese, lowercase words for the rest."""
    text = unicodedata.normalize("NFKC", name)
    if not text.isascii():
        text = " ".join(pinyin(ch) if "\u4e00" <= ch <= "\u9fff" else ch for ch in text)
    text = re.sub(r"[^A-Za-z0-9]+", "-", text.lower()).strip("-")
    return text or hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def date_literal(value: str) -> Literal:
    dtype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.date)
    return Literal(value, datatype=dtype)


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    """An empty graph with the prefixes kg writes."""
    g = Graph()
    for prefix, ns in (("org", ORG), ("foaf", FOAF), ("skos", SKOS), ("time", TIME), ("prov", PROV),
                       ("dcterms", DCTERMS), ("oc", OC), ("xsd", XSD), ("kg", Namespace(base))):
        g.bind(prefix, ns)
    return g


class _Builder:
    def __init__(self, doc: Document, base: str):
        self.doc, self.base, self.g = doc, base, new_graph(base)
        self.iris: dict[str, URIRef] = {}
        self.owners: dict[str, str] = {}  # IRI -> entity key: one entity per IRI
        self.emitted: set[str] = set()
        self.roles_emitted: set[str] = set()
        self.excerpts: set[int] = set()
        self.doc_iri = URIRef(f"{base}doc/{doc.id}")

    def iri(self, key: str) -> URIRef:
        if key not in self.iris:
            e = self.doc.entities[key]
            if e.kind == "person":
                iri = f"{self.base}person/{slug(e.name)}"
            elif e.kind == "company":
                iri = f"{self.base}org/{slug(e.name)}"
            else:
                parent = self.iri(e.parent)[len(self.base) + len("org/"):] + "/" if e.parent else ""
                iri = f"{self.base}org/{parent}{slug(e.core or e.name)}"
            if self.owners.get(iri, key) != key:
                # two entities whose names romanize alike (电商 / 店商, Alpha / ALPHA): the name decides
                iri = f"{iri}-{_digest(e.name)[:6]}"
            self.owners[iri] = key
            self.iris[key] = URIRef(iri)
        return self.iris[key]

    def excerpt(self, sentence: int) -> URIRef:
        s = self.doc.sentences[sentence]
        ex = URIRef(f"{self.base}excerpt/{self.doc.id}-{s.start}-{s.end}")
        if sentence not in self.excerpts:
            self.excerpts.add(sentence)
            self.g.add((ex, RDF.type, OC.Excerpt))
            self.g.add((ex, PROV.value, Literal(s.text)))
            self.g.add((ex, OC.startOffset, Literal(s.start)))
            self.g.add((ex, OC.endOffset, Literal(s.end)))
            self.g.add((ex, DCTERMS.source, self.doc_iri))
        return ex

    def entity(self, key: str) -> URIRef:
        node = self.iri(key)
        if key in self.emitted:  # labels and types once per entity, however many facts name it
            return node
        self.emitted.add(key)
        e: Entity = self.doc.entities[key]
        if e.kind == "person":
            self.g.add((node, RDF.type, FOAF.Person))
            self.g.add((node, FOAF.name, Literal(e.name)))
            for label in sorted(e.labels - {e.name}):
                self.g.add((node, SKOS.altLabel, Literal(label)))
            if not e.name.isascii():
                self.g.add((node, SKOS.altLabel, Literal(pinyin(e.name), lang=PINYIN)))
        else:
            cls = ORG.FormalOrganization if e.kind == "company" else ORG.OrganizationalUnit
            self.g.add((node, RDF.type, cls))
            if e.kind == "committee":
                self.g.add((node, RDF.type, OC.Committee))
            self.g.add((node, SKOS.prefLabel, Literal(e.name)))
            for label in sorted((e.labels | e.english) - {e.name}):
                self.g.add((node, SKOS.altLabel, Literal(label)))
        return node

    def role(self, role_id: str) -> URIRef:
        r = load().roles[role_id]
        node = URIRef(f"{self.base}role/{r.id}")
        if role_id in self.roles_emitted:
            return node
        self.roles_emitted.add(role_id)
        self.g.add((node, RDF.type, ORG.Role))
        self.g.add((node, SKOS.prefLabel, Literal(r.zh, lang="zh")))
        self.g.add((node, SKOS.prefLabel, Literal(r.en, lang="en")))
        self.g.add((node, OC.isHeadRole, Literal(r.head)))
        return node

    def membership(self, f: Fact) -> URIRef:
        m = URIRef(f"{self.base}membership/{_digest(self.doc.id, f.subject, f.object, f.role, f.status)}")
        g = self.g
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, self.entity(f.subject)))
        g.add((m, ORG.organization, self.entity(f.object)))
        g.add((m, ORG.role, self.role(f.role)))
        if f.title:
            g.add((m, OC.title, Literal(f.title)))
        g.add((m, PROV.wasDerivedFrom, self.excerpt(f.sentence)))
        interval = URIRef(f"{m}-during")
        g.add((m, ORG.memberDuring, interval))
        g.add((interval, RDF.type, TIME.Interval))
        if f.start:
            self._instant(interval, TIME.hasBeginning, URIRef(f"{m}-start"), f.start)
        if f.status == "former":
            self._instant(interval, TIME.hasEnd, URIRef(f"{m}-end"), f.end)
        return m

    def statement(self, f: Fact) -> URIRef:
        """A direct triple (p org:reportsTo q, p org:memberOf o) and a node that carries its source."""
        s, o = self.entity(f.subject), self.entity(f.object)
        prop, cls, sub, sup, path = {
            "reportsTo": (ORG.reportsTo, OC.ReportingLine, OC.subordinate, OC.superior, "reporting"),
            "memberOf": (ORG.memberOf, OC.Affiliation, OC.affiliate, OC.affiliatedWith, "affiliation"),
        }[f.kind]
        self.g.add((s, prop, o))
        node = URIRef(f"{self.base}{path}/{_digest(self.doc.id, f.subject, f.object)}")
        self.g.add((node, RDF.type, cls))
        self.g.add((node, sub, s))
        self.g.add((node, sup, o))
        self.g.add((node, PROV.wasDerivedFrom, self.excerpt(f.sentence)))
        return node

    def _instant(self, interval, prop, node, value):
        self.g.add((interval, prop, node))
        self.g.add((node, RDF.type, TIME.Instant))
        if value:
            self.g.add((node, TIME.inXSDDate, date_literal(value)))

    def build(self) -> Graph:
        g, doc = self.g, self.doc
        g.add((self.doc_iri, RDF.type, OC.Document))
        g.add((self.doc_iri, DCTERMS.identifier, Literal(doc.id)))
        if doc.date:
            g.add((self.doc_iri, DCTERMS.date, date_literal(doc.date.isoformat())))
        roles = load().roles
        changes: dict[tuple[int, str], dict[str, list[URIRef]]] = {}
        for f in doc.facts:
            if f.kind == "post":
                m = self.membership(f)
                if f.status == "current" and roles[f.role].head and not _qualified(f.title):
                    g.add((self.iri(f.subject), ORG.headOf, self.iri(f.object)))
                side = "generated" if f.status == "current" else "invalidated"
                changes.setdefault((f.sentence, f.subject), {}).setdefault(side, []).append(m)
            elif f.kind in ("reportsTo", "memberOf"):
                self.statement(f)
            elif f.kind == "unitOf":
                s, o = self.entity(f.subject), self.entity(f.object)
                g.add((s, ORG.unitOf, o))
                g.add((o, ORG.hasUnit, s))
                if f.sentence >= 0:
                    g.add((s, PROV.wasDerivedFrom, self.excerpt(f.sentence)))
            elif f.kind == "established":
                unit = self.entity(f.subject)
                ev = URIRef(f"{self.base}event/{_digest(doc.id, 'established', f.subject)}")
                g.add((ev, RDF.type, ORG.ChangeEvent))
                g.add((ev, RDF.type, OC.UnitEstablished))
                g.add((ev, ORG.resultingOrganization, unit))
                g.add((unit, ORG.resultedFrom, ev))
                if f.date:
                    g.add((ev, DCTERMS.date, date_literal(f.date)))
                g.add((ev, PROV.wasDerivedFrom, self.excerpt(f.sentence)))
        self._personnel_changes(changes)
        return g

    def _personnel_changes(self, changes):
        """One event per person and sentence: a transfer ends one post and begins another."""
        g, doc = self.g, self.doc
        for (sentence, person), sides in sorted(changes.items()):
            gen, inv = sides.get("generated", []), sides.get("invalidated", [])
            cls = OC.Transfer if gen and inv else (OC.Appointment if gen else OC.Departure)
            ev = URIRef(f"{self.base}event/{_digest(doc.id, 'personnel', str(sentence), person)}")
            g.add((ev, RDF.type, cls))
            for m in gen:
                g.add((ev, PROV.generated, m))
            for m in inv:
                g.add((ev, PROV.invalidated, m))
            g.add((ev, PROV.wasDerivedFrom, self.excerpt(sentence)))
            date = next((f.date for f in doc.facts if f.sentence == sentence and f.subject == person and f.date),
                        None)
            if date:
                g.add((ev, DCTERMS.date, date_literal(date)))


def _qualified(title: str | None) -> bool:
    """"技术负责人" leads a function, not the organization; "业务负责人" leads it."""
    lx = load()
    return bool(title) and any(title.startswith(q) for q in lx.qualifiers if q not in lx.head_qualifiers)


def to_rdf(doc: Document, base: str = DEFAULT_BASE) -> Graph:
    """The document's entities, facts and provenance as an rdflib Graph (W3C ORG)."""
    if not base.endswith(("/", "#")):
        base += "/"
    return _Builder(doc, base).build()


def to_turtle(doc: Document, base: str = DEFAULT_BASE) -> str:
    return to_rdf(doc, base).serialize(format="turtle")


_BASE_IRI_RE = re.compile(r"(?:https?://[^/?#\x00-\x20<>\"{}|^`\\]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:)"
                          r"[^\x00-\x20\x7f<>\"{}|^`\\]*", re.IGNORECASE)


def check_base(base: str) -> str:
    """``base`` if it is an absolute http(s):// or urn: IRI fit to mint IRIs under, else ``KgError``."""
    from .errors import KgError

    if not isinstance(base, str) or not _BASE_IRI_RE.fullmatch(base):
        raise KgError(f"bad base IRI {base!r}: expected an absolute http(s):// or urn: IRI "
                      "without spaces or <>\"{}|^`\\")
    return base
