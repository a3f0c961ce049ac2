"""Read any W3C ORG graph (rdflib) into the networkx graph that :mod:`kg.views.graph` queries.

:func:`from_rdf` is the reader; this module also holds the (partial) ISO dates the graph's lines carry
(:func:`period`, :func:`first_day`) and re-exports what the graph is made of (node :data:`KINDS`, edge
:data:`RELATIONS`; every edge's attributes are a :class:`kg.views.records.Line`'s). ``kg.views.graph`` re-exports
all of it: import it from there.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import networkx as nx
import rdflib
from rdflib import BNode, Literal, Namespace
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from ..errors import InputError, shorten
from .records import KINDS, ORG_KINDS, RELATIONS, Line

__all__ = ["from_rdf", "KINDS", "ORG_KINDS", "RELATIONS", "Date", "period", "first_day"]

ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
OC = Namespace("https://kg.example.org/ns/org-change#")

_ORG_CLASSES = {
    ORG.Organization,
    ORG.FormalOrganization,
    ORG.OrganizationalUnit,
    ORG.OrganizationalCollaboration,
    OC.Committee,
    FOAF.Organization,
}
_KNOWN_SUPERCLASSES = {
    OC.Committee: {ORG.OrganizationalUnit},
    ORG.OrganizationalUnit: {ORG.Organization},
    ORG.FormalOrganization: {ORG.Organization},
    ORG.OrganizationalCollaboration: {ORG.Organization},
    ORG.Organization: {FOAF.Agent},
    FOAF.Organization: {FOAF.Agent},
    FOAF.Person: {FOAF.Agent},
    OC.Appointment: {OC.PersonnelChange},
    OC.Departure: {OC.PersonnelChange},
    OC.Transfer: {OC.PersonnelChange},
    OC.UnitEstablished: {ORG.ChangeEvent},
}
_COMMITTEE_NAME = re.compile(r"委员会|\bcommittee\b", re.I)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_INSTANT_DATES = (
    TIME.inXSDDate,
    TIME.inXSDDateTimeStamp,
    TIME.inXSDDateTime,
    TIME.inXSDgYearMonth,
    TIME.inXSDgYear,
    DCTERMS.date,
    PROV.atTime,
)
_EVENT_DATES = (DCTERMS.date, PROV.atTime, PROV.startedAtTime, PROV.endedAtTime)
_NAME_PROPS = (FOAF.name, SKOS.prefLabel, RDFS.label, SKOS.altLabel, FOAF.nick)

Date = _dt.date | str


def _key(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _local(node: Node) -> str:
    s = str(node).rstrip("/#")
    return re.split(r"[#/:]", s)[-1] or s


def _lang_rank(lit: Node) -> int:
    lang = (getattr(lit, "language", None) or "").lower()
    if not lang or lang in ("zh", "zh-cn", "zh-hans", "zh-sg") or (lang.startswith("zh") and "latn" not in lang):
        return 0
    if lang.startswith("en"):
        return 1
    if "latn" in lang:
        return 3
    return 2


def _texts(g: rdflib.Graph, node: Node, props: Iterable[Node]) -> list[str]:
    out: list[str] = []
    for prop in props:
        lits = sorted(
            (o for o in g.objects(node, prop) if isinstance(o, Literal)), key=lambda o: (_lang_rank(o), str(o))
        )
        for o in lits:
            text = " ".join(str(o).split())
            if text and text not in out:
                out.append(text)
    return out


def _iso(lit: Node | None) -> str | None:
    """``"2022-09-16"``, ``"2022-09"`` or ``"2022"`` from a date-like literal, else ``None``."""
    if not isinstance(lit, Literal):
        return None
    m = _DATE.match(str(lit).strip())
    if not m:
        return None
    return "-".join(part for part in m.groups() if part)


def period(value: Date | None) -> tuple[str, str] | None:
    """First and last day (ISO) of a full or partial date; :class:`kg.errors.InputError` (a ``ValueError``)
    for anything else."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        s = value.isoformat()
        return s, s
    m = _DATE.match(str(value).strip())
    if not m:
        raise InputError(f"not a date: {shorten(value)!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    y, mo, d = m.groups()
    if d:
        return f"{y}-{mo}-{d}", f"{y}-{mo}-{d}"
    if mo:
        nxt = _dt.date(int(y) + (mo == "12"), int(mo) % 12 + 1, 1)
        return f"{y}-{mo}-01", (nxt - _dt.timedelta(days=1)).isoformat()
    return f"{y}-01-01", f"{y}-12-31"


def first_day(value: Date) -> str:
    """The first day of a (partial) date, as ISO text.

    >>> first_day("2022-09"), period("2022-02"), period("2022")
    ('2022-09-01', ('2022-02-01', '2022-02-28'), ('2022-01-01', '2022-12-31'))
    """
    p = period(value)
    assert p is not None
    return p[0]


class _Reader:
    """Reads one rdflib graph into a MultiDiGraph."""

    def __init__(self, g: rdflib.Graph):
        self.g = g
        self.G = nx.MultiDiGraph()
        self.types: dict[Node, set[Node]] = {}
        sup: dict[Node, set[Node]] = {k: set(v) for k, v in _KNOWN_SUPERCLASSES.items()}
        for c, p in g.subject_objects(RDFS.subClassOf):
            sup.setdefault(c, set()).add(p)
        closure: dict[Node, set[Node]] = {}

        def ancestors(c: Node) -> set[Node]:
            if c in closure:
                return closure[c]
            closure[c] = seen = {c}
            todo = list(sup.get(c, ()))
            while todo:
                x = todo.pop()
                if x not in seen:
                    seen.add(x)
                    todo.extend(sup.get(x, ()))
            return seen

        for s, c in g.subject_objects(RDF.type):
            self.types.setdefault(s, set()).update(ancestors(c))
        self.sentence_cache: dict[Node, str | None] = {}

    # -- helpers ---------------------------------------------------------------------------------

    def is_a(self, node: Node, cls: Node) -> bool:
        return cls in self.types.get(node, ())

    def sentence(self, node: Node | None) -> str | None:
        """The text a statement node was derived from (prov:wasDerivedFrom -> prov:value)."""
        if node is None:
            return None
        if node in self.sentence_cache:
            return self.sentence_cache[node]
        texts: list[str] = []
        for src in sorted(self.g.objects(node, PROV.wasDerivedFrom), key=str):
            if isinstance(src, Literal):
                texts.append(str(src))
            else:
                texts.extend(str(v) for v in self.g.objects(src, PROV.value))
        if not texts:
            texts.extend(str(v) for v in self.g.objects(node, PROV.value))
        out = " / ".join(dict.fromkeys(" ".join(t.split()) for t in texts if t.strip())) or None
        self.sentence_cache[node] = out
        return out

    def reported(self, node: Node) -> str | None:
        """The date of the document a statement was read from (excerpt -> dcterms:source -> date)."""
        for src in self.g.objects(node, PROV.wasDerivedFrom):
            for doc in self.g.objects(src, DCTERMS.source):
                for d in self.g.objects(doc, DCTERMS.date):
                    if _iso(d):
                        return _iso(d)
        return None

    def instant_date(self, instant: Node | None) -> str | None:
        if instant is None:
            return None
        if isinstance(instant, Literal):
            return _iso(instant)
        for prop in _INSTANT_DATES:
            for v in self.g.objects(instant, prop):
                if _iso(v):
                    return _iso(v)
        return None

    def interval(self, node: Node) -> tuple[str | None, str | None, bool]:
        """(start, end, ended) of a membership-like node (org:memberDuring, time:hasBeginning/hasEnd)."""
        start = end = None
        ended = False
        for during in self.g.objects(node, ORG.memberDuring):
            for b in self.g.objects(during, TIME.hasBeginning):
                start = start or self.instant_date(b)
            for e in self.g.objects(during, TIME.hasEnd):
                ended = True
                end = end or self.instant_date(e)
        for b in self.g.objects(node, TIME.hasBeginning):
            start = start or self.instant_date(b)
        for e in self.g.objects(node, TIME.hasEnd):
            ended = True
            end = end or self.instant_date(e)
        return start, end, ended

    def add_node(self, node: Node, kind: str) -> str:
        k = _key(node)
        if k in self.G:
            return k
        labels = _texts(self.g, node, _NAME_PROPS) or [_local(node)]
        self.G.add_node(k, kind=kind, label=labels[0], labels=labels, iri=k)
        return k

    def add_line(self, u: str, v: str, key: str, line: Line) -> None:
        self.G.add_edge(u, v, key=key, **line.attrs())

    def role_info(self, role: Node | None) -> tuple[str | None, str | None, bool]:
        if role is None:
            return None, None, False
        if isinstance(role, Literal):
            return str(role), None, False
        labels = _texts(self.g, role, (SKOS.prefLabel, RDFS.label, SKOS.altLabel)) or [_local(role)]
        en = next(
            (
                str(o)
                for o in self.g.objects(role, SKOS.prefLabel)
                if isinstance(o, Literal) and o.language and o.language.lower().startswith("en")
            ),
            None,
        )
        head = any(isinstance(v, Literal) and v.value is True for v in self.g.objects(role, OC.isHeadRole))
        return labels[0], en, head

    # -- reading ---------------------------------------------------------------------------------

    def read(self) -> nx.MultiDiGraph:
        g = self.g
        orgs: set[Node] = {s for s, ts in self.types.items() if ts & _ORG_CLASSES}
        parent_of: dict[Node, set[Node]] = {}
        for s, o in g.subject_objects(ORG.unitOf):
            parent_of.setdefault(s, set()).add(o)
        for s, o in g.subject_objects(ORG.hasUnit):
            parent_of.setdefault(o, set()).add(s)
        for s, o in g.subject_objects(ORG.subOrganizationOf):
            parent_of.setdefault(s, set()).add(o)
        for s, o in g.subject_objects(ORG.hasSubOrganization):
            parent_of.setdefault(o, set()).add(s)
        for child, parents in parent_of.items():
            orgs.add(child)
            orgs.update(parents)

        # posts (org:Post): holder -> post; post -> organization
        holders: dict[Node, set[Node]] = {}
        for post, agent in g.subject_objects(ORG.heldBy):
            holders.setdefault(post, set()).add(agent)
        for agent, post in g.subject_objects(ORG.holds):
            holders.setdefault(post, set()).add(agent)
        post_org: dict[Node, set[Node]] = {}
        for post, o in g.subject_objects(ORG.postIn):
            post_org.setdefault(post, set()).add(o)
        for o, post in g.subject_objects(ORG.hasPost):
            post_org.setdefault(post, set()).add(o)
        posts = set(holders) | set(post_org) | {s for s, ts in self.types.items() if ORG.Post in ts}
        for os_ in post_org.values():
            orgs.update(os_)

        memberships = {s for s, ts in self.types.items() if ORG.Membership in ts}
        memberships |= set(g.subjects(ORG.member, None)) & set(g.subjects(ORG.organization, None))
        for m in memberships:
            orgs.update(g.objects(m, ORG.organization))
        for _p, o in g.subject_objects(ORG.headOf):
            orgs.add(o)
        for _p, o in g.subject_objects(ORG.memberOf):
            orgs.add(o)
        for ev in g.subjects(ORG.resultingOrganization, None):
            orgs.update(g.objects(ev, ORG.resultingOrganization))
        orgs -= posts

        def org_node(o: Node) -> str:
            if _key(o) in self.G:
                return _key(o)
            ts = self.types.get(o, set())
            names = " ".join(_texts(g, o, _NAME_PROPS))
            if OC.Committee in ts:
                kind = "committee"
            elif ORG.FormalOrganization in ts:
                kind = "company"
            elif ORG.OrganizationalUnit in ts or o in parent_of:
                kind = "committee" if _COMMITTEE_NAME.search(names) else "unit"
            else:
                kind = "company"
            return self.add_node(o, kind)

        def agent_node(a: Node) -> str:
            return org_node(a) if a in orgs else self.add_node(a, "person")

        for o in sorted(orgs, key=str):
            org_node(o)
        for p in sorted(set(self.types) & {s for s, ts in self.types.items() if FOAF.Person in ts}, key=str):
            if p not in orgs:
                self.add_node(p, "person")

        # unitOf
        for child, parents in sorted(parent_of.items(), key=lambda kv: str(kv[0])):
            for parent in sorted(parents, key=str):
                start = None
                for ev in g.objects(child, ORG.resultedFrom):
                    start = start or next(filter(None, (_iso(d) for p in _EVENT_DATES for d in g.objects(ev, p))), None)
                unit_line = Line("unitOf", source=self.sentence(child), start=start)
                self.add_line(org_node(child), org_node(parent), f"unitOf:{_key(parent)}", unit_line)

        # memberships (and posts, read the same way)
        events_by_membership = self._event_index(memberships)
        covered: set[tuple[str, str]] = set()
        head_memberships: dict[tuple[str, str], Line] = {}
        member_rows: list[tuple[Node, Node, Node, Node | None]] = []
        for m in sorted(memberships, key=str):
            for person in g.objects(m, ORG.member):
                for o in g.objects(m, ORG.organization):
                    member_rows.append((m, person, o, g.value(m, ORG.role)))
        for post in sorted(posts, key=str):
            for person in holders.get(post, ()):
                for o in post_org.get(post, ()):
                    member_rows.append((post, person, o, g.value(post, ORG.role)))
        for m, person, o, role in member_rows:
            p_key, o_key = agent_node(person), org_node(o)
            start, end, ended = self.interval(m)
            gen, inv = events_by_membership.get(m, (None, None))
            start = start or gen
            if inv is not None:
                ended = True
                end = end or inv or None
            role_label, role_en, head = self.role_info(role)
            title = next((str(t) for t in g.objects(m, OC.title)), None)
            membership = Line(
                "memberOf",
                source=self.sentence(m),
                reported=self.reported(m),
                start=start,
                end=end,
                ended=ended,
                role=role_label,
                role_en=role_en,
                role_iri=_key(role) if role is not None else None,
                title=title,
                head=head,
                iri=_key(m),
            )
            self.add_line(p_key, o_key, f"memberOf:{_key(m)}", membership)
            covered.add((p_key, o_key))
            if not ended:
                prev = head_memberships.get((p_key, o_key))
                if prev is None or (head and not prev.head):
                    head_memberships[(p_key, o_key)] = membership

        # plain org:memberOf (with kg's oc:Affiliation for the source sentence)
        affiliation_source: dict[tuple[Node, Node], str | None] = {}
        for a in g.subjects(OC.affiliate, None):
            for p in g.objects(a, OC.affiliate):
                for o in g.objects(a, OC.affiliatedWith):
                    affiliation_source[(p, o)] = self.sentence(a)
        for p, o in sorted(set(g.subject_objects(ORG.memberOf)) | set(affiliation_source), key=str):
            p_key, o_key = agent_node(p), org_node(o)
            if (p_key, o_key) in covered:
                continue
            covered.add((p_key, o_key))
            self.add_line(p_key, o_key, "memberOf", Line("memberOf", source=affiliation_source.get((p, o))))

        # headOf
        for p, o in sorted(g.subject_objects(ORG.headOf), key=str):
            p_key, o_key = agent_node(p), org_node(o)
            backing = head_memberships.get((p_key, o_key))
            # the current membership behind the headship (if any) gives it its role, dates and source
            headship = Line("headOf", head=True) if backing is None else replace(backing, rel="headOf", head=True)
            self.add_line(p_key, o_key, "headOf", headship)

        # reportsTo (direct triples and kg's reified oc:ReportingLine; posts map to their holders)
        lines: dict[tuple[Node, Node], Node] = {}
        for reified in g.subjects(OC.subordinate, None):
            for s in g.objects(reified, OC.subordinate):
                for q in g.objects(reified, OC.superior):
                    lines[(s, q)] = reified
        for s, q in sorted(set(g.subject_objects(ORG.reportsTo)) | set(lines), key=str):
            line = lines.get((s, q))
            start, end, ended = self.interval(line) if line is not None else (None, None, False)
            if line is not None and start is None:
                start = next(filter(None, (_iso(d) for d in g.objects(line, DCTERMS.date))), None)
            for a in holders.get(s) or {s}:
                for b in holders.get(q) or {q}:
                    a_key = agent_node(a)
                    b_key = agent_node(b)
                    if a_key == b_key or self.G.has_edge(a_key, b_key, key="reportsTo"):
                        continue
                    reports = Line(
                        "reportsTo",
                        source=self.sentence(line) if line is not None else None,
                        start=start,
                        end=end,
                        ended=ended,
                        iri=_key(line) if line is not None else None,
                    )
                    self.add_line(a_key, b_key, "reportsTo", reports)

        self.G.graph["events"] = self._events(memberships)
        self.G.graph["dated"] = any(d.get("start") or d.get("end") for _u, _v, d in self.G.edges(data=True))
        return self.G

    def _personnel_events(self, memberships: set[Node]) -> Iterator[Node]:
        g = self.g
        seen = set()
        for prop in (PROV.generated, PROV.invalidated):
            for ev, m in g.subject_objects(prop):
                if ev not in seen and (m in memberships or self.is_a(ev, OC.PersonnelChange)):
                    seen.add(ev)
                    yield ev

    def _event_date(self, ev: Node) -> str | None:
        return next(filter(None, (_iso(d) for p in _EVENT_DATES for d in self.g.objects(ev, p))), None)

    def _event_index(self, memberships: set[Node]) -> dict[Node, tuple[str | None, str | None]]:
        """membership -> (date of the event that generated it, date ('' if unknown) of the one that ended it)."""
        out: dict[Node, list[Any]] = {}
        for ev in self._personnel_events(memberships):
            d = self._event_date(ev)
            for m in self.g.objects(ev, PROV.generated):
                out.setdefault(m, [None, None])[0] = d
            for m in self.g.objects(ev, PROV.invalidated):
                out.setdefault(m, [None, None])[1] = d or ""
        return {k: (v[0], v[1]) for k, v in out.items()}

    def _post(self, m: Node) -> dict[str, Any]:
        g = self.g
        o = g.value(m, ORG.organization)
        role_label, _en, _head = self.role_info(g.value(m, ORG.role))
        title = next((str(t) for t in g.objects(m, OC.title)), None)
        o_key = _key(o) if o is not None else None
        return {
            "org": o_key,
            "org_label": self.G.nodes[o_key]["label"] if o_key in self.G else None,
            "role": role_label,
            "title": title,
        }

    def _events(self, memberships: set[Node]) -> list[dict[str, Any]]:
        g = self.g
        events: list[dict[str, Any]] = []
        for ev in self._personnel_events(memberships):
            gen = sorted(g.objects(ev, PROV.generated), key=str)
            inv = sorted(g.objects(ev, PROV.invalidated), key=str)
            if self.is_a(ev, OC.Transfer):
                kind = "moved"
            elif self.is_a(ev, OC.Appointment):
                kind = "appointed"
            elif self.is_a(ev, OC.Departure):
                kind = "left"
            else:
                kind = "moved" if gen and inv else ("appointed" if gen else "left")
            date = self._event_date(ev)
            if date is None:
                date = next(filter(None, (self.interval(m)[0] for m in gen)), None) or next(
                    filter(None, (self.interval(m)[1] for m in inv)), None
                )
            persons = sorted({_key(p) for m in gen + inv for p in g.objects(m, ORG.member)})
            who: list[str | None] = [*persons] if persons else [None]
            for person in who:

                def mine(ms: list[Node]) -> list[dict[str, Any]]:
                    return [self._post(m) for m in ms if person is None or _key(g.value(m, ORG.member)) == person]  # type: ignore[arg-type]

                events.append(
                    {
                        "id": _key(ev),
                        "type": kind,
                        "date": date,
                        "reported": self.reported(ev),
                        "person": person,
                        "person_label": self.G.nodes[person]["label"] if person in self.G else None,
                        "from": mine(inv),
                        "to": mine(gen),
                        "units": [],
                        "unit_labels": [],
                        "source": self.sentence(ev),
                    }
                )
        change_events = {s for s, ts in self.types.items() if ORG.ChangeEvent in ts}
        change_events |= set(g.subjects(ORG.resultingOrganization, None))
        change_events |= set(g.subjects(ORG.originalOrganization, None))
        change_events |= set(g.objects(None, ORG.resultedFrom)) | set(g.objects(None, ORG.changedBy))
        for ev in change_events:
            result = set(g.objects(ev, ORG.resultingOrganization)) | set(g.subjects(ORG.resultedFrom, ev))
            original = set(g.objects(ev, ORG.originalOrganization)) | set(g.subjects(ORG.changedBy, ev))
            kind = "reorganized" if result and original else ("unit set up" if result else "unit closed")
            units = [_key(u) for u in sorted(result or original, key=str)]
            events.append(
                {
                    "id": _key(ev),
                    "type": kind,
                    "date": self._event_date(ev),
                    "reported": self.reported(ev),
                    "person": None,
                    "person_label": None,
                    "from": [
                        {"org": _key(o), "org_label": self._label(o), "role": None, "title": None}
                        for o in sorted(original, key=str)
                    ]
                    if result
                    else [],
                    "to": [],
                    "units": units,
                    "unit_labels": [self._label(u) for u in sorted(result or original, key=str)],
                    "source": self.sentence(ev),
                }
            )
        events.sort(
            key=lambda e: (
                e["date"] or e["reported"] or "9999",
                e["type"],
                e["person_label"] or "",
                e["unit_labels"],
                e["id"],
            )
        )
        return events

    def _label(self, node: Node) -> str:
        k = _key(node)
        if k in self.G:
            return self.G.nodes[k]["label"]
        return (_texts(self.g, node, _NAME_PROPS) or [_local(node)])[0]


def from_rdf(g: rdflib.Graph) -> nx.MultiDiGraph:
    """Read persons, organizations, units and committees and the lines between them from W3C ORG RDF.

    Understands kg's output (docs/rdf.md) and plain ORG: ``org:reportsTo``, ``org:headOf``,
    ``org:memberOf``, ``org:Membership`` (``org:member``/``org:organization``/``org:role``/
    ``org:memberDuring``), ``org:Post`` (``org:heldBy``/``org:postIn``), ``org:unitOf``/``org:hasUnit``/
    ``org:subOrganizationOf``, ``org:ChangeEvent``; subclasses declared in the data are honoured.

    >>> import rdflib
    >>> g = rdflib.Graph().parse(data='''
    ...   @prefix org: <http://www.w3.org/ns/org#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    ...   <urn:a> a foaf:Person ; foaf:name "小谷" ; org:reportsTo <urn:b> .
    ...   <urn:b> a foaf:Person ; foaf:name "程一晓" ; org:headOf <urn:k> .
    ...   <urn:k> a org:FormalOrganization ; org:hasUnit <urn:u> .''', format="turtle")
    >>> G = from_rdf(g)
    >>> sorted((G.nodes[n]["label"], G.nodes[n]["kind"]) for n in G)
    [('k', 'company'), ('u', 'unit'), ('小谷', 'person'), ('程一晓', 'person')]
    >>> sorted(d["rel"] for _u, _v, d in G.edges(data=True))
    ['headOf', 'reportsTo', 'unitOf']
    """
    return _Reader(g).read()
