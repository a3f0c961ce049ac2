"""Score extracted graphs against gold annotations (``*.gold.jsonl``, see the shared FORMAT.md).

The evaluator reads a graph the way any SPARQL client would: only through the W3C ORG terms and
the common label properties, never through kg's own document model. Its counting follows the
shared scorer (``kgscore.py``): per relation, predictions are matched greedily to gold facts
(required facts first); a prediction that only matches an optional fact is ignored, and optional
facts are never missed.

>>> from kg.eval.evaluate import load_gold, evaluate
>>> report = evaluate(load_gold("tests/data/seed.gold.jsonl"))   # doctest: +SKIP
>>> report.micro.f1, report.persons.f1                            # doctest: +SKIP
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from ..errors import InputError
from ..fileio import parse_json_record, read_bytes

ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
SCHEMA = Namespace("https://schema.org/")
SCHEMA_HTTP = Namespace("http://schema.org/")

RELATIONS = ("reportsTo", "headOf", "memberOf", "post", "unitOf", "established")
LABEL_PROPERTIES = (FOAF.name, RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name, SCHEMA_HTTP.name)
DISPLAY_PROPERTIES = (FOAF.name, SKOS.prefLabel, RDFS.label, SCHEMA.name, SCHEMA_HTTP.name, SKOS.altLabel)
PERSON_CLASSES = (FOAF.Person, SCHEMA.Person, SCHEMA_HTTP.Person)
DATE_PROPERTIES = (DCTERMS.date, PROV.startedAtTime, PROV.atTime)
ROLE_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"ceo", "首席执行官", "chiefexecutiveofficer"}),
    frozenset({"cto", "首席技术官", "chieftechnologyofficer"}),
    frozenset({"cfo", "首席财务官", "chieffinancialofficer"}),
    frozenset({"coo", "首席运营官", "chiefoperatingofficer"}),
    frozenset({"chair", "chairman", "chairperson", "主席"}),
)
STATUSES = ("current", "former")

Names = Union[str, Sequence[str]]
# A predicted fact, as the graph asserts it:
#   reportsTo/headOf/memberOf/unitOf: (subject, object)
#   post: (person, org, role, "current" | "former")
#   established: (org, "YYYY[-MM[-DD]]" | None)
Prediction = tuple[Any, ...]


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


@dataclass
class Counts:
    """True positives, false positives and misses, with the figures derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "p": self.precision, "r": self.recall, "f1": self.f1}


@dataclass
class Note:
    """One miss (``kind="miss"``) or false positive (``kind="false positive"``), with its sentences."""

    kind: str
    relation: str  # one of RELATIONS, or "person"
    fact: str  # readable, e.g. ``post(程一晓, 快手, CEO, current)``
    sentences: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "relation": self.relation, "fact": self.fact, "sentences": self.sentences}


@dataclass
class ArticleScore:
    id: str
    relations: dict[str, Counts]
    persons: Counts
    notes: list[Note] = field(default_factory=list)
    error: str | None = None  # extraction failed: the article was scored as an empty graph

    @property
    def micro(self) -> Counts:
        return _sum(self.relations.values())


@dataclass
class Report:
    articles: list[ArticleScore]

    @property
    def relations(self) -> dict[str, Counts]:
        return {rel: _sum(a.relations[rel] for a in self.articles) for rel in RELATIONS}

    @property
    def persons(self) -> Counts:
        return _sum(a.persons for a in self.articles)

    @property
    def micro(self) -> Counts:
        return _sum(self.relations.values())

    @property
    def failures(self) -> list[str]:
        return [f"{a.id}: {a.error}" for a in self.articles if a.error]

    def to_dict(self, notes: bool = False) -> dict[str, Any]:
        micro = self.micro
        out: dict[str, Any] = {
            "articles": len(self.articles),
            "failures": self.failures,
            "relations": {rel: c.to_dict() for rel, c in self.relations.items()},
            "persons": self.persons.to_dict(),
            "micro": {"p": micro.precision, "r": micro.recall, "f1": micro.f1},
            "persons_f1": self.persons.f1,
        }
        if notes:
            out["notes"] = {a.id: [n.to_dict() for n in a.notes] for a in self.articles if a.notes}
        return out

    def summary(self) -> str:
        """The last line of the table: ``micro-F1 X.XXX (P X.XXX R X.XXX) persons-F1 X.XXX``."""
        m = self.micro
        line = f"micro-F1 {m.f1:.3f} (P {m.precision:.3f} R {m.recall:.3f}) persons-F1 {self.persons.f1:.3f}"
        return line + (f" failures {len(self.failures)}" if self.failures else "")


def combine(reports: Iterable[Report]) -> Report:
    """One report over the articles of several (the gold sets scored together)."""
    return Report([a for r in reports for a in r.articles])


def _sum(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total = total + c
    return total


# --------------------------------------------------------------------------------------------------
# Gold files
# --------------------------------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[dict]:
    """The articles of a gold file, one JSON object a line; a one-line ``KgError`` naming the file
    and line when the file or a line is not in the gold format."""
    data = read_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    articles: list[dict] = []
    first_line: dict[str, int] = {}
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        where = f"{path}:{lineno}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{where}: not UTF-8") from None
        if not line.strip():
            continue
        article = parse_json_record(line, where)
        _check_article(article, where)
        if article["id"] in first_line:
            raise InputError(f"{where}: duplicate id {article['id']!r} (first on line {first_line[article['id']]})")
        first_line[article["id"]] = lineno
        articles.append(article)
    if not articles:
        raise InputError(f"{path}: no articles (expected one JSON object a line)")
    return articles


def _check_article(a: Any, where: str) -> None:
    if not isinstance(a, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(a).__name__}")
    for key in ("id", "text"):
        if not isinstance(a.get(key), str):
            raise InputError(f"{where}: {key!r} missing or not a string")
    if "date" in a and a["date"] is not None and not isinstance(a["date"], str):
        raise InputError(f"{where}: 'date' is not a string")
    for key in ("persons", "optional_persons", "orgs"):
        groups = a.get(key, [])
        if not isinstance(groups, list) or not all(_is_names(g) for g in groups):
            raise InputError(f"{where}: {key!r} must be a list of lists of names")
    facts = a.get("facts", [])
    if not isinstance(facts, list):
        raise InputError(f"{where}: 'facts' is not a list")
    for i, f in enumerate(facts, start=1):
        at = f"{where}: fact {i}"
        if not isinstance(f, dict):
            raise InputError(f"{at}: expected a JSON object")
        if f.get("rel") not in RELATIONS:
            raise InputError(f"{at}: rel {f.get('rel')!r} is not one of {', '.join(RELATIONS)}")
        needed = ("s",) if f["rel"] == "established" else ("s", "o")
        for key in needed + (("role",) if f["rel"] == "post" else ()):
            if not _is_names(f.get(key)):
                raise InputError(f"{at} ({f['rel']}): {key!r} missing or not a name or list of names")
        if f.get("status", "current") not in STATUSES:
            raise InputError(f"{at}: status {f['status']!r} is not current or former")
        if "date" in f and not (isinstance(f["date"], str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", f["date"])):
            raise InputError(f"{at}: date {f['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if not isinstance(f.get("optional", False), bool):
            raise InputError(f"{at}: 'optional' is not true or false")


def _is_names(v: Any) -> bool:
    if isinstance(v, str):
        return bool(v.strip())
    return isinstance(v, list) and bool(v) and all(isinstance(x, str) and x.strip() for x in v)


# --------------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------------


def norm(name: Any) -> str:
    """NFKC, lowercase, without spaces and name-joining dots (程 一晓 = 程一晓, Ma·Yun = mayun)."""
    text = unicodedata.normalize("NFKC", str(name)).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "·•・")


def name_set(names: Names) -> set[str]:
    return {norm(n) for n in ([names] if isinstance(names, str) else names)}


def _role_forms(labels: Iterable[str]) -> set[str]:
    forms: set[str] = set()
    for label in labels:
        n = norm(label)
        if not n:
            continue
        forms.add(n)
        for group in ROLE_SYNONYMS:
            if n in group:
                forms |= group
    return forms


def roles_match(predicted: Iterable[str], gold: Names) -> bool:
    """Lenient: some form of one contains some form of the other, synonyms (CEO = 首席执行官) included."""
    gold_labels = [gold] if isinstance(gold, str) else list(gold)
    pred_forms, gold_forms = _role_forms(predicted), _role_forms(gold_labels)
    return any(a in b or b in a for a in pred_forms for b in gold_forms)


class GraphView:
    """What a graph asserts, in the terms of FORMAT.md."""

    def __init__(self, graph: Graph):
        self.g = graph

    def labels(self, node: Node) -> set[str]:
        if isinstance(node, Literal):
            return {norm(node)}
        return {norm(o) for p in LABEL_PROPERTIES for o in self.g.objects(node, p)}

    def display(self, node: Node) -> str:
        """A readable name: the first label, else the IRI's last segment."""
        if isinstance(node, Literal):
            return str(node)
        for prop in DISPLAY_PROPERTIES:
            labels = sorted(str(o) for o in self.g.objects(node, prop))
            if labels:
                return labels[0]
        return _local_name(node)

    def role_labels(self, role: Node) -> list[str]:
        if isinstance(role, Literal):
            return [str(role)]
        labels = [str(o) for p in LABEL_PROPERTIES for o in self.g.objects(role, p)]
        return labels or [_local_name(role)]

    def persons(self) -> list[Node]:
        nodes = {s for cls in PERSON_CLASSES for s in self.g.subjects(RDF.type, cls)}
        return sorted(nodes, key=str)

    def is_former(self, membership: Node) -> bool:
        return any(True for i in self.g.objects(membership, ORG.memberDuring) for _ in self.g.objects(i, TIME.hasEnd))

    def memberships(self) -> list[Node]:
        nodes = set(self.g.subjects(RDF.type, ORG.Membership)) | set(self.g.subjects(ORG.member, None))
        return sorted(nodes, key=str)

    def event_date(self, event: Node) -> str | None:
        for prop in DATE_PROPERTIES:
            values = sorted(str(d)[:10] for d in self.g.objects(event, prop))
            if values:
                return values[0]
        for interval in self.g.objects(event, TIME.hasBeginning):
            values = sorted(str(d)[:10] for d in self.g.objects(interval, TIME.inXSDDate))
            if values:
                return values[0]
        return None

    def predictions(self) -> dict[str, dict[Prediction, set[Node]]]:
        """Per relation: each asserted fact, with the nodes that carry it (membership, event …)."""
        g = self.g
        out: dict[str, dict[Prediction, set[Node]]] = {rel: {} for rel in RELATIONS}

        def add(rel: str, key: Prediction, carrier: Node | None = None) -> None:
            carriers = out[rel].setdefault(key, set())
            if carrier is not None:
                carriers.add(carrier)

        for s, o in g.subject_objects(ORG.reportsTo):
            add("reportsTo", (s, o))
        for s, o in g.subject_objects(ORG.headOf):
            add("headOf", (s, o))
            add("memberOf", (s, o))  # org:headOf is a sub-property of org:memberOf
        for s, o in g.subject_objects(ORG.memberOf):
            add("memberOf", (s, o))
        for m in self.memberships():
            status = "former" if self.is_former(m) else "current"
            for s in g.objects(m, ORG.member):
                for o in g.objects(m, ORG.organization):
                    if status == "current":  # an ended membership is history, not membership
                        add("memberOf", (s, o), m)
                    for role in g.objects(m, ORG.role):
                        add("post", (s, o, role, status), m)
        for s, o in g.subject_objects(ORG.unitOf):
            add("unitOf", (s, o))
        for o, s in g.subject_objects(ORG.hasUnit):
            add("unitOf", (s, o))
        for s, o in g.subject_objects(ORG.subOrganizationOf):
            add("unitOf", (s, o))
        for o, s in g.subject_objects(ORG.hasSubOrganization):
            add("unitOf", (s, o))
        events = set(g.subject_objects(ORG.resultedFrom))
        events |= {(s, e) for e, s in g.subject_objects(ORG.resultingOrganization)}
        for s, e in sorted(events, key=lambda se: (str(se[0]), str(se[1]))):
            add("established", (s, self.event_date(e)), e)
        return out

    def sources(self, rel: str, pred: Prediction, carriers: set[Node]) -> list[str]:
        """The text of the excerpts (``prov:wasDerivedFrom`` → ``prov:value``) a prediction was derived from."""
        g = self.g
        nodes = set(carriers)
        if rel != "established" and not nodes:
            # a statement node that links both ends: org:Membership, oc:ReportingLine, oc:Affiliation …
            s, o = pred[0], pred[1]
            nodes = {n for n in g.subjects(None, s) if (n, None, o) in g and n not in (s, o)}
            nodes = {n for n in nodes if (n, PROV.wasDerivedFrom, None) in g}
            if not nodes:
                nodes = {s}  # e.g. a unit carries the source of its org:unitOf
        texts: list[str] = []
        for n in sorted(nodes, key=str):
            for ex in sorted(g.objects(n, PROV.wasDerivedFrom), key=str):
                for value in g.objects(ex, PROV.value):
                    if str(value) not in texts:
                        texts.append(str(value))
        return texts

    def describe(self, rel: str, pred: Prediction) -> str:
        if rel == "established":
            return f"established({self.display(pred[0])}, {pred[1]})"
        if rel == "post":
            return (
                f"post({self.display(pred[0])}, {self.display(pred[1])}, "
                f"{'/'.join(self.role_labels(pred[2]))}, {pred[3]})"
            )
        return f"{rel}({self.display(pred[0])}, {self.display(pred[1])})"


def _local_name(node: Node) -> str:
    return str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def matches(view: GraphView, rel: str, pred: Prediction, fact: dict) -> bool:
    """Whether a predicted fact states the gold fact."""
    if not view.labels(pred[0]) & name_set(fact["s"]):
        return False
    if rel == "established":
        return "date" not in fact or (pred[1] or "") == fact["date"]
    if not view.labels(pred[1]) & name_set(fact["o"]):
        return False
    if rel == "post":
        return pred[3] == fact.get("status", "current") and roles_match(view.role_labels(pred[2]), fact["role"])
    return True


# --------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------


def score_graph(article: dict, graph: Graph) -> ArticleScore:
    """Score one article's graph against its gold facts and persons."""
    view = GraphView(graph)
    predicted = view.predictions()
    relations: dict[str, Counts] = {}
    notes: list[Note] = []
    for rel in RELATIONS:
        gold = [f for f in article.get("facts", []) if f["rel"] == rel]
        counts, rel_notes = _score_relation(view, rel, predicted[rel], gold, article["text"])
        relations[rel] = counts
        notes += rel_notes
    persons, person_notes = _score_persons(view, article)
    return ArticleScore(id=article["id"], relations=relations, persons=persons, notes=notes + person_notes)


def _score_relation(
    view: GraphView, rel: str, predicted: dict[Prediction, set[Node]], gold: list[dict], text: str
) -> tuple[Counts, list[Note]]:
    counts, notes = Counts(), []
    order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))  # required first
    used: set[int] = set()
    for pred in sorted(predicted, key=lambda p: tuple("" if x is None else str(x) for x in p)):
        hit = next((i for i in order if i not in used and matches(view, rel, pred, gold[i])), None)
        if hit is not None:
            used.add(hit)
            if not gold[hit].get("optional"):
                counts.tp += 1
        elif any(f.get("optional") and matches(view, rel, pred, f) for f in gold):
            continue  # states an optional fact once more: neither hit nor false positive
        else:
            counts.fp += 1
            notes.append(
                Note("false positive", rel, view.describe(rel, pred), view.sources(rel, pred, predicted[pred]))
            )
    for i, fact in enumerate(gold):
        if i not in used and not fact.get("optional"):
            counts.fn += 1
            notes.append(Note("miss", rel, describe_gold(fact), gold_sentences(text, fact)))
    return counts, notes


def _score_persons(view: GraphView, article: dict) -> tuple[Counts, list[Note]]:
    gold = [name_set(p) for p in article.get("persons", [])]
    ignored = [name_set(p) for p in article.get("optional_persons", [])]
    counts, notes, found = Counts(), [], set()
    for node in view.persons():
        labels = view.labels(node)
        hits = [i for i, names in enumerate(gold) if labels & names]
        fresh = next((i for i in hits if i not in found), None)
        if fresh is not None:
            found.add(fresh)
            counts.tp += 1
        elif not hits and any(labels & names for names in ignored):
            continue
        else:
            counts.fp += 1
            what = f"person({view.display(node)})" + (" (a second node for one person)" if hits else "")
            notes.append(Note("false positive", "person", what, _person_sources(view, node)))
    for i, names in enumerate(article.get("persons", [])):
        if i not in found:
            counts.fn += 1
            forms = [names] if isinstance(names, str) else list(names)
            notes.append(
                Note("miss", "person", f"person({' / '.join(forms[:3])})", _sentences_naming(article["text"], forms))
            )
    return counts, notes


def _person_sources(view: GraphView, node: Node) -> list[str]:
    g, texts = view.g, []
    for n in sorted(set(g.subjects(None, node)) | {node}, key=str):
        for ex in sorted(g.objects(n, PROV.wasDerivedFrom), key=str):
            for value in g.objects(ex, PROV.value):
                if str(value) not in texts:
                    texts.append(str(value))
    return texts


# --------------------------------------------------------------------------------------------------
# Gold facts as text
# --------------------------------------------------------------------------------------------------


def split_sentences(text: str) -> list[str]:
    """The article's sentences as kg cuts them (hard wraps joined), so they read like the excerpts."""
    from ..extraction.text import normalize, split_sentences as split

    return [s.text for s in split(normalize(text))]


def _first(names: Names) -> str:
    return names if isinstance(names, str) else names[0]


def describe_gold(fact: dict) -> str:
    rel = fact["rel"]
    if rel == "established":
        return f"established({_first(fact['s'])}, {fact.get('date')})"
    if rel == "post":
        role = fact["role"] if isinstance(fact["role"], str) else "/".join(fact["role"])
        return f"post({_first(fact['s'])}, {_first(fact['o'])}, {role}, {fact.get('status', 'current')})"
    return f"{rel}({_first(fact['s'])}, {_first(fact['o'])})"


def gold_sentences(text: str, fact: dict) -> list[str]:
    """The article's sentence naming the fact's subject (and its object, when one names both)."""
    subject = [fact["s"]] if isinstance(fact["s"], str) else list(fact["s"])
    with_subject = _sentences_naming(text, subject, limit=None)
    if "o" in fact:
        obj = name_set(fact["o"])
        both = [s for s in with_subject if any(o in norm(s) for o in obj)]
        if both:
            return both[:1]
    return with_subject[:1]


def _sentences_naming(text: str, names: Sequence[str], limit: int | None = 1) -> list[str]:
    forms = [n for n in name_set(names) if n]
    found = [s for s in split_sentences(text) if any(f in norm(s) for f in forms)]
    return found if limit is None else found[:limit]


# --------------------------------------------------------------------------------------------------
# Running the extractor
# --------------------------------------------------------------------------------------------------


def extract_graph(text: str) -> Graph:
    """``kg.to_rdf(kg.extract(text))``, with no publication date, like ``kg extract FILE -o OUT``."""
    from ..extraction import pipeline
    from ..rdf import write as rdf

    return rdf.to_rdf(pipeline.extract(text))


def evaluate(articles: Iterable[dict], extract: Callable[[str], Graph] = extract_graph) -> Report:
    """Extract each article's graph and score it.

    ``extract`` maps an article's text to a graph (default: kg's extractor). An article whose
    extraction raises is scored as an empty graph and listed in ``Report.failures``.
    ``articles`` may be any iterable, e.g. a ``click.progressbar`` over them.
    """
    scores = []
    for article in articles:
        error = None
        try:
            graph = extract(article["text"])
        except Exception as exc:  # one broken article must not hide the figures of the rest
            graph, error = Graph(), f"{type(exc).__name__}: {exc}"
        score = score_graph(article, graph)
        score.error = error
        scores.append(score)
    return Report(scores)
