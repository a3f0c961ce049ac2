"""Check a knowledge graph against kg's SHACL shapes (``ontology/shapes.ttl``).

``load_graph(path)`` reads an RDF file (format from its extension) and turns every problem with the
file into one-line :class:`kg.errors.KgError`; ``validate(graph)`` returns the shape violations as
:class:`Violation` values that print as ``membership/abc: org:role missing (A membership has a role)``.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import warnings
import xml.sax
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from ..errors import InputError, one_line
from ..fileio import read_bytes
from ..resources import ontology_file
from .write import DEFAULT_BASE

__all__ = ["Violation", "validate", "load_graph", "FORMATS"]

OC = "https://kg.example.org/ns/org-change#"

#: Prefixes used to shorten IRIs in messages (the graph's own bindings are added to these).
KNOWN_PREFIXES: dict[str, str] = {
    "oc": OC,
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": str(XSD),
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": str(SH),
}

#: File extension -> (rdflib format, name used in error messages).
FORMATS: dict[str, tuple[str, str]] = {
    ".ttl": ("turtle", "Turtle"),
    ".nt": ("nt", "N-Triples"),
    ".nq": ("nquads", "N-Quads"),
    ".trig": ("trig", "TriG"),
    ".jsonld": ("json-ld", "JSON-LD"),
    ".json": ("json-ld", "JSON-LD"),
    ".rdf": ("xml", "RDF/XML"),
    ".xml": ("xml", "RDF/XML"),
}
_QUAD_FORMATS = {"nquads", "trig"}


# --------------------------------------------------------------------------------------------------
# Violations
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result.

    ``focus_node`` is the node that fails, ``path`` the property (``None`` for a node-level check),
    ``value`` the offending value if any, ``message`` the shape's ``sh:message``, ``severity`` one of
    ``"Violation"``, ``"Warning"``, ``"Info"``, and ``constraint`` the SHACL constraint component's
    short name (``"MinCount"``, ``"Datatype"``, ...).
    """

    focus_node: Node
    path: Node | None
    message: str
    value: Node | None = None
    severity: str = "Violation"
    constraint: str = ""
    #: The rendered one-line text (IRIs shortened with the data graph's prefixes).
    display: str = field(default="", compare=False, repr=False)

    def __str__(self) -> str:
        if self.display:
            return self.display
        short = Shortener()
        return _render(short, self.focus_node, self.path, self.value, self.constraint, self.message, {})


_BARE_DATATYPES = {XSD.integer, XSD.decimal, XSD.double, XSD.boolean}


_LOCAL_NAME = re.compile(r"[\w\-.]+")


class Shortener:
    """Shortens IRIs to ``prefix:local`` (or bare ``local`` under the instance ``base``) with kg's usual
    prefixes and ``bindings`` (a graph's own), for messages and tables; a literal as Turtle writes it.

    >>> short = Shortener()
    >>> short(URIRef(DEFAULT_BASE + "person/xiao-gu")), short(RDF.type), short(URIRef("urn:x"))
    ('person/xiao-gu', 'rdf:type', '<urn:x>')
    """

    def __init__(self, bindings: Iterable[tuple[object, object]] = (), base: str | None = DEFAULT_BASE):
        table: dict[str, str] = {base: ""} if base else {}
        for prefix, ns in KNOWN_PREFIXES.items():
            table.setdefault(ns, prefix)
        for name, bound in bindings:
            ns = str(bound)
            if ns and ns not in table:
                table[ns] = str(name)
        # longest namespace first so that e.g. `.../org-change#` beats a shorter binding
        self._table = sorted(table.items(), key=lambda kv: -len(kv[0]))

    def __call__(self, node: Node | None) -> str:
        if node is None:
            return ""
        if isinstance(node, URIRef):
            iri = str(node)
            for ns, prefix in self._table:
                if iri.startswith(ns) and len(iri) > len(ns):
                    local = iri[len(ns) :]
                    if not prefix:
                        return local
                    if _LOCAL_NAME.fullmatch(local):  # else not a prefixed name: another prefix, or the whole IRI
                        return f"{prefix}:{local}"
            return f"<{iri}>"
        if isinstance(node, Literal):
            text = json.dumps(str(node), ensure_ascii=False)
            if node.language:
                return f"{text}@{node.language}"
            if node.datatype in _BARE_DATATYPES and node.value is not None:
                return str(node)
            if node.datatype is not None and node.datatype != XSD.string:
                return f"{text}^^{self(node.datatype)}"
            return text
        if isinstance(node, BNode):
            return f"_:{node}"
        return str(node)


def _path_text(short: Shortener, path: Node | None, shapes: rdflib.Graph | None) -> str:
    """A SHACL property path in SPARQL-like syntax (``^p``, ``p/q``, ``p|q``, ``p*``)."""
    if path is None:
        return ""
    if isinstance(path, URIRef) or shapes is None or not isinstance(path, BNode):
        return short(path)
    if (path, RDF.first, None) in shapes:
        return "/".join(_path_text(short, p, shapes) for p in Collection(shapes, path))
    for pred, fmt in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = shapes.value(path, pred)
        if inner is not None:
            return fmt.format(_path_text(short, inner, shapes))
    alt = shapes.value(path, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(_path_text(short, p, shapes) for p in Collection(shapes, alt)) + ")"
    return short(path)


def _render(short, focus, path, value, constraint, message, params, path_text=None) -> str:
    subject = path_text if path_text is not None else short(path)
    v = short(value) if value is not None else ""
    lead = f"{subject} " if subject else ""

    def param(name):
        node = params.get(name)
        return short(node) if node is not None else "?"

    if constraint == "MinCount":
        n = params.get("minCount")
        problem = f"{lead}missing" if n is None or int(n) <= 1 else f"{lead}has fewer than {n} values"
    elif constraint == "MaxCount":
        n = params.get("maxCount")
        problem = f"{lead}has more than {n if n is not None else 'the allowed number of'} value" + (
            "" if n is not None and int(n) == 1 else "s"
        )
    elif constraint == "Class":
        problem = f"{lead}{v} is not a {param('class')}" if subject else f"not a {param('class')}"
    elif constraint == "Datatype":
        problem = f"{lead}{v} is not {param('datatype')}"
    elif constraint == "NodeKind":
        kind = {"IRI": "an IRI", "Literal": "a literal", "BlankNode": "a blank node"}.get(
            param("nodeKind").split(":")[-1], param("nodeKind")
        )
        problem = f"{lead}{v} is not {kind}"
    elif constraint == "Or":
        problem = f"{lead}{v} is not an accepted value" if v else f"{lead}not accepted"
    elif constraint == "MinInclusive":
        numeric = (
            isinstance(value, Literal) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool)
        )
        bound = param("minInclusive")
        problem = f"{lead}{v} is less than {bound}" if numeric else f"{lead}{v} is not a number >= {bound}"
    elif constraint in ("LessThan", "LessThanOrEquals"):
        other = param("lessThan" if constraint == "LessThan" else "lessThanOrEquals")
        cmp_ = "not less than" if constraint == "LessThan" else "greater than"
        problem = f"{lead}{v} is {cmp_} {other}"
    elif v and v != short(focus):
        problem = f"{lead}has bad value {v}"
    else:
        problem = f"{lead}invalid" if subject else "invalid"
    text = f"{short(focus)}: {problem}"
    return f"{text} ({message})" if message else text


# --------------------------------------------------------------------------------------------------
# Shapes and ontology (ontology/ in the source tree, packaged as kg/ontology/)
# --------------------------------------------------------------------------------------------------


def _resource_graph(name: str) -> rdflib.Graph:
    res = ontology_file(name)
    g = rdflib.Graph()
    g.parse(data=res.read_text(encoding="utf-8"), format="turtle")
    return g


@functools.lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    """The SHACL shapes (``ontology/shapes.ttl``), parsed once."""
    return _resource_graph("shapes.ttl")


@functools.lru_cache(maxsize=1)
def ontology_graph() -> rdflib.Graph:
    """The org-change ontology (``ontology/org-change.ttl``), parsed once."""
    return _resource_graph("org-change.ttl")


_PARAMS = ("minCount", "maxCount", "class", "datatype", "nodeKind", "minInclusive", "lessThan", "lessThanOrEquals")


def validate(data: rdflib.Graph) -> list[Violation]:
    """Validate ``data`` against kg's shapes; an empty list means the graph conforms.

    The org-change ontology is used as pyshacl's ontology graph with RDFS inference (so e.g. an
    ``oc:Committee`` is checked as an ``org:OrganizationalUnit``); ``data`` itself is not modified.
    A dataset (quads) is validated as the union of its graphs. Violations come sorted by focus node.
    """
    import pyshacl  # imported lazily: it is slow to import and only needed here

    if isinstance(data, rdflib.ConjunctiveGraph):  # Dataset too: validate the union of all graphs
        data = _union(data)
    shapes = shapes_graph()
    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology_graph(),
        inference="rdfs",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
        js=False,
        inplace=False,
    )
    short = Shortener(data.namespaces())
    out: set[Violation] = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        component = results.value(result, SH.sourceConstraintComponent)
        source = results.value(result, SH.sourceShape)
        message = _pick_message(results.objects(result, SH.resultMessage))
        constraint = _local(component).removesuffix("ConstraintComponent") if component else ""
        params = {}
        if source is not None:
            for name in _PARAMS:
                v = shapes.value(source, SH[name])
                if v is not None:
                    params[name] = v
        # a result path that is a blank node lives in the results graph (pyshacl copies it there)
        path_text = _path_text(short, path, results if isinstance(path, BNode) else None)
        display = _render(short, focus, path, value, constraint, message, params, path_text)
        out.add(
            Violation(
                focus_node=focus,
                path=path,
                message=message,
                value=value,
                severity=_local(severity) if severity is not None else "Violation",
                constraint=constraint,
                display=display,
            )
        )
    return sorted(out, key=lambda v: (str(v.focus_node), str(v.path), v.constraint, v.message, str(v.value)))


def _pick_message(messages) -> str:
    """The English message if there is one, else any message (shapes carry ``sh:message ...@en``)."""
    msgs = sorted(messages, key=lambda m: (getattr(m, "language", None) not in ("en", None), str(m)))
    return " ".join(str(msgs[0]).split()) if msgs else ""


def _local(node: Node) -> str:
    s = str(node)
    return re.split(r"[#/]", s)[-1] or s


def _union(ds: rdflib.ConjunctiveGraph) -> rdflib.Graph:
    g = rdflib.Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ctx in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


# --------------------------------------------------------------------------------------------------
# Loading files
# --------------------------------------------------------------------------------------------------


def load_graph(path: str | os.PathLike) -> rdflib.Graph:
    """Read an RDF file into a graph, choosing the parser from the file extension.

    ``.ttl`` Turtle, ``.nt`` N-Triples, ``.nq`` N-Quads, ``.trig`` TriG, ``.jsonld``/``.json``
    JSON-LD, ``.rdf``/``.xml`` RDF/XML; anything else is read as Turtle. Quad formats are merged into
    one graph (the union of their graphs). Relative IRIs resolve against the file's ``file:`` URI.

    Raises :class:`KgError` with a one-line message naming the file for a missing, unreadable or
    non-file path and for a syntax error (with the line and column when they can be told), e.g.
    ``data/x.ttl: not valid Turtle: line 3, column 1: expected '.' ... (near "ex:d .")``.
    JSON-LD is read offline: a ``@context`` (or ``@import``) that refers to another document is
    refused, never fetched.
    """
    p = Path(path)
    fmt, fmt_name = FORMATS.get(p.suffix.lower(), ("turtle", "Turtle"))
    raw = read_bytes(p)

    prefix = f"{path}: not valid {fmt_name}"
    data: str | bytes
    if fmt == "xml":
        from .rdfxml import check_entities

        check_entities(raw, str(path))
        data = raw  # the XML parser honours the encoding declaration itself
    else:
        try:
            data = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad_line = raw[: exc.start].count(b"\n") + 1
            raise InputError(f"{prefix}: line {bad_line}: not UTF-8 (byte 0x{raw[exc.start]:02x})") from None

    if fmt == "json-ld":
        _check_jsonld(data, prefix)
    graph: rdflib.Graph = rdflib.Dataset() if fmt in _QUAD_FORMATS else rdflib.Graph()
    term_logger = logging.getLogger("rdflib.term")
    term_logger.addFilter(_quiet_ill_typed)
    try:
        with warnings.catch_warnings():  # rdflib's own parsers use its deprecated ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(data=data, format=fmt, publicID=p.absolute().as_uri())
    except Exception as exc:  # every rdflib parser has its own exception types
        line, column, message = _parse_error_location(exc, fmt, data)
        where = (f"line {line}, column {column}: " if column else f"line {line}: ") if line else ""
        raise InputError(f"{prefix}: {where}{one_line(message) or 'parse error'}") from None
    finally:
        term_logger.removeFilter(_quiet_ill_typed)
    if isinstance(graph, rdflib.ConjunctiveGraph):
        graph = _union(graph)
    return graph


def _quiet_ill_typed(record: logging.LogRecord) -> bool:
    """Drops rdflib's traceback for ill-typed literals such as "abc"^^xsd:date: validate() reports them."""
    return not record.getMessage().startswith("Failed to convert Literal lexical form")


def _parse_error_location(exc: Exception, fmt: str, data: str | bytes) -> tuple[int | None, int | None, str]:
    """(1-based line or None, 1-based column or None, message) for an exception of one of rdflib's parsers."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    if isinstance(exc, BadSyntax):  # Turtle, TriG, N3: the whole document and a character index into it
        why = getattr(exc, "_why", None) or str(exc)
        raw, i = getattr(exc, "_str", None), getattr(exc, "_i", -1)
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        line = getattr(exc, "lines", None)
        line = line + 1 if isinstance(line, int) else None
        column = None
        if isinstance(text, str) and i == -1 and "EOF" in why:  # rdflib's index for "at the end"
            i = len(text.rstrip())
        if isinstance(text, str) and isinstance(i, int) and 0 <= i <= len(text):
            while i < len(text) and text[i] in " \t":  # rdflib stops before the blanks it skips
                i += 1
            line = text.count("\n", 0, i) + 1
            column = i - (text.rfind("\n", 0, i) + 1) + 1
        near = _near(text, i)
        return line, column, (f"{why} (near {near})" if near else why)
    if isinstance(exc, AssertionError) and isinstance(data, str) and fmt in ("turtle", "trig", "n3"):
        found = _unterminated_string(str(exc), data)
        if found:
            return found
    if isinstance(exc, IndexError) and isinstance(data, str) and fmt in ("turtle", "trig", "n3"):
        end = len(data.rstrip())  # rdflib reads past the end of a statement the file leaves unfinished
        return (
            data.count("\n", 0, end) + 1,
            end - (data.rfind("\n", 0, end) + 1) + 1,
            "the file ends inside a statement",
        )
    if isinstance(exc, json.JSONDecodeError):
        return exc.lineno, exc.colno, exc.msg
    if isinstance(exc, xml.sax.SAXParseException):
        return exc.getLineNumber(), exc.getColumnNumber() + 1, exc.getMessage()  # type: ignore[operator]
    if fmt in ("nt", "nquads") and isinstance(data, str):
        bad = _first_bad_ntriples_line(data, fmt)
        if bad:
            return bad
    if fmt == "json-ld" and isinstance(
        exc, (TypeError, AttributeError, KeyError, ValueError, NameError, IndexError, AssertionError)
    ):
        # rdflib's JSON-LD parser trips over ill-shaped values with Python errors ('int' object has
        # no attribute 'get'): say what it is, keep rdflib's words as a hint
        return None, None, f"a structure rdflib cannot read ({type(exc).__name__}: {exc})"
    return None, None, str(exc) or type(exc).__name__


_QUOTE_EXPECTED_RE = re.compile(r"Quote expected in string at \^ in ")
# what a lexer of Turtle/TriG must step over to find the strings: IRIs, comments and strings
_TURTLE_TOKEN_RE = re.compile(r'<[^<>"{}|^`\\\s]*>|#[^\n]*|"""|' + r"'''|" + r"""["']""")
_STRING_REST_RE = {
    '"': re.compile(r'(?:[^\\\n"]|\\.)*"'),
    "'": re.compile(r"(?:[^\\\n']|\\.)*'"),
    '"""': re.compile(r'(?:[^\\"]|\\.|"(?!""))*"""', re.S),
    "'''": re.compile(r"(?:[^\\']|\\.|'(?!''))*'''", re.S),
}


def _unterminated_string(message: str, text: str) -> tuple[int, int, str] | None:
    """rdflib's Turtle parser asserts (raises no BadSyntax) on a string literal still open at the
    end of the file: find where that string opens."""
    if not _QUOTE_EXPECTED_RE.match(message):
        return None
    i = 0
    while True:
        m = _TURTLE_TOKEN_RE.search(text, i)
        if m is None:
            return None
        tok = m.group()
        if tok[0] in "<#":
            i = m.end()
            continue
        rest = _STRING_REST_RE[tok].match(text, m.end())
        if rest is None:
            break
        i = rest.end()
    opening = m.start()
    line = text.count("\n", 0, opening) + 1
    column = opening - (text.rfind("\n", 0, opening) + 1) + 1
    return line, column, "string literal not closed before the end of the file"


def _near(text, i) -> str:
    """A short quote of the source at character index ``i`` (up to the end of that line)."""
    if not isinstance(i, int) or i < 0 or text is None:
        return ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    snippet = text[i:].split("\n", 1)[0].strip()
    if not snippet:
        return ""
    if len(snippet) > 30:
        snippet = snippet[:30] + "…"
    return json.dumps(snippet, ensure_ascii=False)


def _first_bad_ntriples_line(text: str, fmt: str) -> tuple[int, int | None, str] | None:
    """rdflib's N-Triples/N-Quads errors carry no line number: find the first line that fails.

    The parser eats the line as it goes: the column is where the unparsed rest begins."""
    from rdflib.exceptions import ParserError
    from rdflib.plugins.parsers.nquads import NQuadsParser
    from rdflib.plugins.parsers.ntriples import W3CNTriplesParser

    parser: NQuadsParser | W3CNTriplesParser
    if fmt == "nquads":
        parser = NQuadsParser()
        parser.sink = rdflib.Dataset()
    else:
        parser = W3CNTriplesParser(sink=_NullSink())  # type: ignore[arg-type]  # any object with triple()
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        parser.line = line
        try:
            parser.parseline()
        except ParserError as exc:
            why = str(exc)
            eaten = re.match(r"Failed to eat .* at (.*)", why, re.S)
            if eaten:
                why = "unexpected " + json.dumps(eaten.group(1).strip()[:30], ensure_ascii=False)
            rest = parser.line if isinstance(parser.line, str) else ""
            column = len(line) - len(rest.lstrip(" \t")) + 1
            return number, column, f"{why} in {json.dumps(line.strip()[:60], ensure_ascii=False)}"
        except Exception as exc:  # pragma: no cover - defensive
            return number, None, str(exc) or type(exc).__name__
    return None


class _NullSink:
    """Discards triples (rdflib's DummySink prints them)."""

    def triple(self, s, p, o) -> None:
        pass


# --------------------------------------------------------------------------------------------------
# JSON-LD: offline, and with a readable word on a bad structure
# --------------------------------------------------------------------------------------------------

_JSONLD_STRING_KEYS = ("@vocab", "@base", "@language", "@version", "@direction")


def _check_jsonld(data: str | bytes, prefix: str) -> None:
    """Refuse what rdflib's JSON-LD parser would fetch or trip over, as one-line ``KgError``.

    A ``@context`` (anywhere: top level, in a node, scoped in a term definition) or an ``@import``
    that names another document would be fetched over the network (or from a file): kg reads
    graphs offline, so it is refused with the URL named. Text that is no JSON is left to the parser,
    which reports the line and column.
    """
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return
    if not isinstance(doc, (dict, list)):
        raise InputError(f"{prefix}: the top level is {_json_kind(doc)}, not an object or an array")
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        if "@context" in node:
            _check_context(node["@context"], prefix)
        stack.extend(node.values())


def _check_context(ctx, prefix: str) -> None:
    for c in ctx if isinstance(ctx, list) else [ctx]:
        if c is None:
            continue
        if isinstance(c, str):
            raise InputError(
                f"{prefix}: @context {json.dumps(c, ensure_ascii=False)} is not fetched "
                "(kg reads no remote contexts: put the context inline)"
            )
        if not isinstance(c, dict):
            raise InputError(f"{prefix}: a @context is {_json_kind(c)}, not an object, a URL or null")
        imported = c.get("@import")
        if imported is not None:
            raise InputError(
                f"{prefix}: @import {json.dumps(imported, ensure_ascii=False)} is not fetched "
                "(kg reads no remote contexts: put the context inline)"
            )
        for key in _JSONLD_STRING_KEYS:
            value = c.get(key)
            if value is not None and not isinstance(value, (str, float, int) if key == "@version" else str):
                raise InputError(f"{prefix}: {key} in a @context is {_json_kind(value)}, not a string")
        for term, definition in c.items():
            if term.startswith("@"):
                continue
            if definition is not None and not isinstance(definition, (str, dict)):
                raise InputError(
                    f"{prefix}: the definition of {json.dumps(term, ensure_ascii=False)} in a "
                    f"@context is {_json_kind(definition)}, not a string, an object or null"
                )


def _json_kind(value) -> str:
    """ "a number", "null", … for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"
