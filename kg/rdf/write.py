"""Document -> RDF in the W3C ORG vocabulary (see docs/rdf.md for the shape a client reads).

IRIs are minted from normalized names under a base IRI, so the same name gives the same IRI
in every run and every document; memberships, events and excerpts are keyed by the document's
content hash so that facts from two articles never collide.

The builder writes N-Triples lines directly (no graph object per document): that is what the store
loads, and :func:`to_rdf` parses the same lines into an rdflib Graph. ``ORG``, ``OC``, ``TIME``… here
are namespaces of N-Triples terms: ``OC.Excerpt`` is ``"<https://kg.example.org/ns/org-change#Excerpt>"``.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS as _DCTERMS, FOAF as _FOAF, PROV as _PROV, SKOS as _SKOS, XSD as _XSD

from ..extraction.en.names import pinyin_form
from ..extraction.lexicon import load
from ..extraction.resolve import pinyin
from ..model import Document, Entity, Fact, Role

DEFAULT_BASE = "https://kg.example.org/id/"
PINYIN = "zh-Latn-pinyin"
_NAMESPACES = {
    "org": "http://www.w3.org/ns/org#",
    "foaf": str(_FOAF),
    "skos": str(_SKOS),
    "time": "http://www.w3.org/2006/time#",
    "prov": str(_PROV),
    "dcterms": str(_DCTERMS),
    "oc": "https://kg.example.org/ns/org-change#",
    "xsd": str(_XSD),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


class Terms:
    """A namespace of N-Triples IRIs: ``Terms("http://x/#").a`` is ``"<http://x/#a>"``."""

    def __init__(self, iri: str):
        self.iri = iri

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = f"<{self.iri}{name}>"
        setattr(self, name, term)  # computed once per name
        return term


ORG, OC, TIME = Terms(_NAMESPACES["org"]), Terms(_NAMESPACES["oc"]), Terms(_NAMESPACES["time"])
FOAF, SKOS, PROV = Terms(_NAMESPACES["foaf"]), Terms(_NAMESPACES["skos"]), Terms(_NAMESPACES["prov"])
DCTERMS, XSD, RDF = Terms(_NAMESPACES["dcterms"]), Terms(_NAMESPACES["xsd"]), Terms(_NAMESPACES["rdf"])

# N-Triples string escapes; other control characters as \uXXXX so that every parser reads them back
_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"})


def literal(value: str | int | bool, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal: ``literal("小谷")``, ``literal("CEO", lang="en")``, ``literal(3)``, ``literal(True)``."""
    if isinstance(value, bool):
        value, datatype = ("true" if value else "false"), XSD.boolean
    elif isinstance(value, int):
        value, datatype = str(value), XSD.integer
    text = f'"{value.translate(_ESCAPES)}"'
    if lang:
        return f"{text}@{lang}"
    return f"{text}^^{datatype}" if datatype else text


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


def date_literal(value: str) -> str:
    """``2022-09-16`` as xsd:date, ``2022-09`` as xsd:gYearMonth, ``2022`` as xsd:gYear."""
    return literal(value, datatype={10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.date))


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    """An empty graph with the prefixes kg writes."""
    g = Graph()
    for prefix in ("org", "foaf", "skos", "time", "prov", "dcterms", "oc", "xsd"):
        g.bind(prefix, Namespace(_NAMESPACES[prefix]))
    g.bind("kg", Namespace(base))
    return g


class _Builder:
    def __init__(self, doc: Document, base: str):
        self.doc, self.base = doc, base
        self.lines: dict[str, None] = {}  # N-Triples lines, each once, in the order written
        self.iris: dict[str, str] = {}  # entity key -> IRI (without <>)
        self.owners: dict[str, str] = {}  # IRI -> entity key: one entity per IRI
        self.emitted: set[str] = set()
        self.roles_emitted: set[str] = set()
        self.excerpts: set[int] = set()
        self.doc_iri = f"<{base}doc/{doc.id}>"

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o} ."] = None

    def iri(self, key: str) -> str:
        """The entity's IRI, without <>."""
        if key not in self.iris:
            e = self.doc.entities[key]
            if e.kind == "person":
                # a pinyin name in English ("Cheng Yixiao") mints the IRI of 程一晓
                iri = f"{self.base}person/{slug(pinyin_form(e.name) or e.name)}"
            elif e.kind == "company":
                # a company the text never names is this document's own: it merges with no other
                iri = f"{self.base}org/{slug(e.name)}" + (f"-{self.doc.id}" if e.unnamed else "")
            else:
                parent = self.iri(e.parent)[len(self.base) + len("org/") :] + "/" if e.parent else ""
                iri = f"{self.base}org/{parent}{slug(e.core or e.name)}"
            if self.owners.get(iri, key) != key:
                # two entities whose names romanize alike (电商 / 店商, Alpha / ALPHA): the name decides
                iri = f"{iri}-{_digest(e.name)[:6]}"
            self.owners[iri] = key
            self.iris[key] = iri
        return self.iris[key]

    def excerpt(self, sentence: int) -> str:
        s = self.doc.sentences[sentence]
        ex = f"<{self.base}excerpt/{self.doc.id}-{s.start}-{s.end}>"
        if sentence not in self.excerpts:
            self.excerpts.add(sentence)
            self.add(ex, RDF.type, OC.Excerpt)
            self.add(ex, PROV.value, literal(self.doc.as_written(s)))
            self.add(ex, OC.startOffset, literal(s.start))
            self.add(ex, OC.endOffset, literal(s.end))
            self.add(ex, DCTERMS.source, self.doc_iri)
        return ex

    def entity(self, key: str) -> str:
        node = f"<{self.iri(key)}>"
        if key in self.emitted:  # labels and types once per entity, however many facts name it
            return node
        self.emitted.add(key)
        e: Entity = self.doc.entities[key]
        if e.kind == "person":
            self.add(node, RDF.type, FOAF.Person)
            self.add(node, FOAF.name, literal(e.label))
            for label in sorted((e.labels | {e.name}) - {e.label}):
                self.add(node, SKOS.altLabel, literal(label))
            if not e.name.isascii():
                self.add(node, SKOS.altLabel, literal(pinyin(e.name), lang=PINYIN))
        else:
            cls = ORG.FormalOrganization if e.kind == "company" else ORG.OrganizationalUnit
            self.add(node, RDF.type, cls)
            if e.kind == "committee":
                self.add(node, RDF.type, OC.Committee)
            label = f"{e.label} [{self.doc.id[:8]}]" if e.unnamed else e.label  # "公司" is no name of its own
            self.add(node, SKOS.prefLabel, literal(label))
            for label in sorted((e.labels | e.english | {e.name}) - {label}):
                self.add(node, SKOS.altLabel, literal(label))
        return node

    def role_def(self, role_id: str) -> Role:
        """What the document records of a role (a Document made by hand records none: kg/data's)."""
        return self.doc.roles.get(role_id) or load().roles[role_id]

    def role(self, role_id: str) -> str:
        r = self.role_def(role_id)
        node = f"<{self.base}role/{r.id}>"
        if role_id in self.roles_emitted:
            return node
        self.roles_emitted.add(role_id)
        self.add(node, RDF.type, ORG.Role)
        self.add(node, SKOS.prefLabel, literal(r.zh, lang="zh"))
        self.add(node, SKOS.prefLabel, literal(r.en, lang="en"))
        for form in r.forms:  # "财务总监": a user, a query or another graph may name the role so
            self.add(node, SKOS.altLabel, literal(form, lang="en" if form.isascii() else "zh"))
        self.add(node, OC.isHeadRole, literal(r.head))
        return node

    def membership(self, f: Fact) -> str:
        assert f.object is not None and f.role is not None  # a post is in an organization, in a role
        iri = f"{self.base}membership/{_digest(self.doc.id, f.subject, f.object, f.role, f.status)}"
        m, add = f"<{iri}>", self.add
        add(m, RDF.type, ORG.Membership)
        add(m, ORG.member, self.entity(f.subject))
        add(m, ORG.organization, self.entity(f.object))
        add(m, ORG.role, self.role(f.role))
        if f.title:
            add(m, OC.title, literal(f.title))
        add(m, PROV.wasDerivedFrom, self.excerpt(f.sentence))
        interval = f"<{iri}-during>"
        add(m, ORG.memberDuring, interval)
        add(interval, RDF.type, TIME.Interval)
        if f.start:
            self._instant(interval, TIME.hasBeginning, f"<{iri}-start>", f.start)
        if f.status == "former":
            self._instant(interval, TIME.hasEnd, f"<{iri}-end>", f.end)
        return m

    def statement(self, f: Fact) -> str:
        """A direct triple (p org:reportsTo q, p org:memberOf o) and a node that carries its source."""
        assert f.object is not None
        s, o = self.entity(f.subject), self.entity(f.object)
        prop, cls, sub, sup, path = {
            "reportsTo": (ORG.reportsTo, OC.ReportingLine, OC.subordinate, OC.superior, "reporting"),
            "memberOf": (ORG.memberOf, OC.Affiliation, OC.affiliate, OC.affiliatedWith, "affiliation"),
        }[f.kind]
        self.add(s, prop, o)
        node = f"<{self.base}{path}/{_digest(self.doc.id, f.subject, f.object)}>"
        self.add(node, RDF.type, cls)
        self.add(node, sub, s)
        self.add(node, sup, o)
        self.add(node, PROV.wasDerivedFrom, self.excerpt(f.sentence))
        return node

    def _instant(self, interval, prop, node, value):
        self.add(interval, prop, node)
        self.add(node, RDF.type, TIME.Instant)
        if value:
            self.add(node, TIME.inXSDDate, date_literal(value))

    def build(self) -> str:
        """The document's triples as N-Triples, sorted."""
        doc, add = self.doc, self.add
        add(self.doc_iri, RDF.type, OC.Document)
        add(self.doc_iri, DCTERMS.identifier, literal(doc.id))
        if doc.date:
            add(self.doc_iri, DCTERMS.date, date_literal(doc.date.isoformat()))
        changes: dict[tuple[int, str], dict[str, list[str]]] = {}
        for f in doc.facts:
            if f.kind == "post":
                assert f.object is not None and f.role is not None
                m = self.membership(f)
                if f.status == "current" and self.role_def(f.role).head and not _qualified(f.title):
                    add(self.entity(f.subject), ORG.headOf, self.entity(f.object))
                side = "generated" if f.status == "current" else "invalidated"
                changes.setdefault((f.sentence, f.subject), {}).setdefault(side, []).append(m)
            elif f.kind in ("reportsTo", "memberOf"):
                self.statement(f)
            elif f.kind == "unitOf":
                assert f.object is not None
                s, o = self.entity(f.subject), self.entity(f.object)
                add(s, ORG.unitOf, o)
                add(o, ORG.hasUnit, s)
                if f.sentence >= 0:
                    add(s, PROV.wasDerivedFrom, self.excerpt(f.sentence))
            elif f.kind == "established":
                unit = self.entity(f.subject)
                ev = f"<{self.base}event/{_digest(doc.id, 'established', f.subject)}>"
                add(ev, RDF.type, ORG.ChangeEvent)
                add(ev, RDF.type, OC.UnitEstablished)
                add(ev, ORG.resultingOrganization, unit)
                add(unit, ORG.resultedFrom, ev)
                if f.date:
                    add(ev, DCTERMS.date, date_literal(f.date))
                add(ev, PROV.wasDerivedFrom, self.excerpt(f.sentence))
        self._personnel_changes(changes)
        for key, sentence in sorted(doc.named.items()):  # named with no post stated: where the text names them
            add(self.entity(key), PROV.wasDerivedFrom, self.excerpt(sentence))
        return "".join(line + "\n" for line in sorted(self.lines))

    def _personnel_changes(self, changes):
        """One event per person and sentence: a transfer ends one post and begins another."""
        doc, add = self.doc, self.add
        for (sentence, person), sides in sorted(changes.items()):
            gen, inv = sides.get("generated", []), sides.get("invalidated", [])
            cls = OC.Transfer if gen and inv else (OC.Appointment if gen else OC.Departure)
            ev = f"<{self.base}event/{_digest(doc.id, 'personnel', str(sentence), person)}>"
            add(ev, RDF.type, cls)
            for m in gen:
                add(ev, PROV.generated, m)
            for m in inv:
                add(ev, PROV.invalidated, m)
            add(ev, PROV.wasDerivedFrom, self.excerpt(sentence))
            date = next((f.date for f in doc.facts if f.sentence == sentence and f.subject == person and f.date), None)
            if date:
                add(ev, DCTERMS.date, date_literal(date))


def _qualified(title: str | None) -> bool:
    """ "技术负责人" leads a function, not the organization; "业务负责人" leads it."""
    if not title:
        return False
    lx = load()
    if title.isascii():  # "Head of Engineering" (kg.extraction.en.facts): a function's head
        return " of " in title
    interim_or_head = lx.head_qualifiers | lx.interim_qualifiers  # "临时行政总裁" still leads
    return any(title.startswith(q) for q in lx.qualifiers if q not in interim_or_head)


def to_ntriples(doc: Document, base: str = DEFAULT_BASE) -> str:
    """The document's entities, facts and provenance as N-Triples (W3C ORG), sorted lines."""
    if not base.endswith(("/", "#")):
        base += "/"
    return _Builder(doc, check_base(base)).build()


def add_to(graph: Graph, doc: Document, base: str = DEFAULT_BASE) -> Graph:
    """``graph`` with the document's triples (:func:`to_ntriples`) added."""
    return graph.parse(data=to_ntriples(doc, base), format="nt")


def to_rdf(doc: Document, base: str = DEFAULT_BASE) -> Graph:
    """The document's entities, facts and provenance as an rdflib Graph (W3C ORG)."""
    return add_to(new_graph(base if base.endswith(("/", "#")) else base + "/"), doc, base)


_BASE_IRI_RE = re.compile(
    r"(?:https?://[^/?#\x00-\x20<>\"{}|^`\\]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:)"
    r"[^\x00-\x20\x7f<>\"{}|^`\\]*",
    re.IGNORECASE,
)


def check_base(base: str) -> str:
    """``base`` if it is an absolute http(s):// or urn: IRI fit to mint IRIs under, else ``KgError``."""
    from ..errors import InputError, shorten

    if not isinstance(base, str) or not _BASE_IRI_RE.fullmatch(base):
        raise InputError(
            f"bad base IRI {shorten(base)!r}: expected an absolute http(s):// or urn: IRI "
            'without spaces or <>"{}|^`\\'
        )
    return base


#: The RDF files kg writes, by extension, with their rdflib serializer (of a graph without named
#: graphs: its N-Quads are N-Triples lines).
OUTPUT_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nt"}
_FORMAT_ALIASES = {
    "turtle": "ttl",
    "json-ld": "jsonld",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
}


def output_format(
    path: str, fmt: str | None = None, allowed: tuple[str, ...] = tuple(OUTPUT_FORMATS), default: str | None = "ttl"
) -> str:
    """The format (one of ``allowed``: ttl, nt, jsonld, trig, nq) an output is written in: ``fmt`` if
    given, else the extension of ``path``; ``default`` for standard output (``-``) or a name without an
    extension (None: refused). ``KgError`` for an extension or format not in ``allowed``: a file
    named .jsonld holds JSON-LD or is not written."""
    from ..errors import InputError, shorten

    listed = ", ".join(f".{a}" for a in allowed)
    if fmt:
        name = _FORMAT_ALIASES.get(fmt.lower().lstrip("."), fmt.lower().lstrip("."))
        if name not in allowed:
            raise InputError(f"unknown format {shorten(fmt)!r} (one of {', '.join(allowed)})")
        return name
    ext = os.path.splitext(os.path.basename(path))[1].lower().lstrip(".") if path != "-" else ""
    if not ext:
        if default is None:
            raise InputError(f"{shorten(path, 200)}: cannot tell the format (name the file {listed}, or give a format)")
        return default
    name = _FORMAT_ALIASES.get(ext, ext)
    if name not in allowed:
        raise InputError(
            f"{shorten(path, 200)}: cannot write .{shorten(ext, 20)} files (name the file {listed}, or give a format)"
        )
    return name
