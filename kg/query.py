"""SPARQL over kg graphs: one RDF file, a corpus store or a remote endpoint; canned queries.

::

    source = open_source("kuaishou.ttl")                 # or a store directory, or endpoint="http://…"
    result = source.query(named_query("reports-to", {"person": "小谷"}))
    print(format_result(result, "table"))

Parameters are bound as RDF terms, never pasted into the query text as SPARQL: :func:`bind` adds a
``VALUES`` block (made of escaped literals) at the start of the query's WHERE group, so a value such as
``x" } ; DROP ALL ; #`` is just a string that matches nothing. The same bound query runs unchanged on
rdflib (files), Oxigraph (stores) and any SPARQL 1.1 endpoint, so all three give the same rows.

Canned queries live in ``ontology/queries/NAME.rq``. Each starts with ``#`` comment lines saying what
it answers, and declares its parameters as ``# param NAME (KIND): help``; KIND is ``label`` (a name:
matches a plain literal or one tagged zh, en or zh-Latn-pinyin), ``date`` (YYYY-MM-DD, an xsd:date),
``iri`` or ``string``. A parameter binds the query variable of the same name. ``(KIND, optional)``
declares a parameter that may be left out. A canned query says which of its lines are for which case:
a line ending in the comment ``# if NAME`` is kept only when NAME is given, and between the comment lines
``#if NAME``, ``#else`` and ``#end`` the first part is kept when NAME is given, the second otherwise.
"""
from __future__ import annotations

import csv
import datetime
import functools
import io
import json
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Protocol, cast, overload

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .errors import KgError, shorten
from .httpclient import HttpStatusError as _HttpStatusError, http_request
from .resources import ontology_file
from .safety import check_query, query_timeout, run_with_alarm

__all__ = [
    "CannedQuery", "Param", "Result", "Source", "GraphSource", "EndpointSource", "QuerySyntaxError",
    "canned_queries", "canned", "named_query", "prepare", "bind", "parse_params", "open_source",
    "format_result", "endpoint_url", "http_request", "FORMATS",
]

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "json", "turtle")

#: Language tags a ``label`` parameter is also tried with (besides the plain literal).
LABEL_LANGUAGES = ("zh", "en", "zh-latn-pinyin")

_XSD_STRING = str(XSD.string)


class QuerySyntaxError(KgError):
    """A malformed query; the message gives the line and column of the error."""


# --------------------------------------------------------------------------------------------------
# Canned queries
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # label | date | iri | string
    help: str = ""
    optional: bool = False  # may be left out: the query's lines ending in "# if NAME" are then dropped


@dataclass(frozen=True)
class CannedQuery:
    name: str
    summary: str  # what the query answers (its leading comment, without the parameter lines)
    params: tuple[Param, ...]
    text: str


_PARAM_RE = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*\((label|date|iri|string)(\s*,\s*optional)?\)"
                       r"\s*:?\s*(.*)")
#: A query line used only when an optional parameter is given ends in ``# if NAME``; longer parts are
#: between the lines ``#if NAME``, ``#else`` (optional) and ``#end``.
_IF_PARAM_RE = re.compile(r"#\s*if\s+([A-Za-z_][A-Za-z0-9_]*)\s*$")
_BLOCK_RE = re.compile(r"\s*#(if\s+([A-Za-z_][A-Za-z0-9_]*)|else|end)\s*$")
_PARAM_KINDS = ("label", "date", "iri", "string")


def parse_canned(name: str, text: str) -> CannedQuery:
    """A canned query from the text of its ``.rq`` file (leading comment lines describe it)."""
    summary: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        m = _PARAM_RE.match(stripped)
        if m:
            params.append(Param(m.group(1), m.group(2), m.group(4).strip(), optional=bool(m.group(3))))
        else:
            summary.append(stripped.lstrip("#").strip())
    return CannedQuery(name, " ".join(s for s in summary if s), tuple(params), text)


@functools.lru_cache(maxsize=1)
def canned_queries() -> dict[str, CannedQuery]:
    """Every canned query (``ontology/queries/*.rq``) by name, sorted by name."""
    folder = ontology_file("queries")
    found = {}
    for res in sorted(folder.iterdir(), key=lambda r: r.name):
        if res.name.endswith(".rq"):
            name = res.name[: -len(".rq")]
            found[name] = parse_canned(name, res.read_text(encoding="utf-8"))
    return found


def canned(name: str) -> CannedQuery:
    """The canned query ``name``; :class:`KgError` naming the available ones when there is none."""
    queries = canned_queries()
    if name not in queries:
        raise KgError(f"no canned query {shorten(name)!r}; available: {', '.join(queries)}")
    return queries[name]


# --------------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------------


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """``["person=程一晓", …]`` -> ``{"person": "程一晓"}``; :class:`KgError` for a malformed pair."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise KgError(f"--param {shorten(pair)!r}: expected NAME=VALUE (NAME a SPARQL variable name without '?')")
        if name in params:
            raise KgError(f"--param {name}: given twice")
        params[name] = value
    return params


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_IRI_BAD_RE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def param_terms(name: str, kind: str, value: str) -> list[Node]:
    """The RDF terms a parameter value stands for (several for a ``label``: one per language tag)."""
    if kind == "label":
        return [Literal(value), *(Literal(value, lang=lang) for lang in LABEL_LANGUAGES)]
    if kind == "date":
        if not _DATE_RE.fullmatch(value):
            raise KgError(f"--param {name}={value}: expected a date YYYY-MM-DD")
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise KgError(f"--param {name}={value}: no such date") from None
        return [Literal(value, datatype=XSD.date)]
    if kind == "iri":
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if not iri or _IRI_BAD_RE.search(iri) or ":" not in iri:
            raise KgError(f"--param {name}={value}: not an absolute IRI")
        return [URIRef(iri)]
    # a parameter a user query does not declare: <iri> is an IRI, anything else a string
    if kind == "any" and value.startswith("<") and value.endswith(">"):
        return param_terms(name, "iri", value)
    return [Literal(value)]


_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_string(text: str) -> str:
    """The body of a SPARQL string literal. A ``u``/``U`` right after a backslash is written as a
    codepoint escape: SPARQL expands ``\\uXXXX`` in the whole query text before parsing (rdflib does),
    which would otherwise turn ``\\u0078`` into an invalid ``\\x``."""
    out, after_backslash = [], False
    for ch in text:
        if after_backslash and ch in "uU":
            out.append(f"\\U{ord(ch):08X}")
        else:
            out.append(_STRING_ESCAPES.get(ch, ch))
        after_backslash = ch == "\\"
    return "".join(out)


def _sparql_term(term: Node) -> str:
    """A term in SPARQL syntax; literals are escaped (quotes, backslashes, line breaks)."""
    if isinstance(term, URIRef):
        if _IRI_BAD_RE.search(str(term)):
            raise KgError(f"not an IRI: {shorten(str(term))!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        escaped = _escape_string(str(term))
        if term.language:
            return f'"{escaped}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f'"{escaped}"^^<{term.datatype}>'
        return f'"{escaped}"'
    raise KgError(f"cannot bind {shorten(repr(term))}")


@dataclass(frozen=True)
class PreparedQuery:
    """A query ready to run: ``text`` is ``original`` with PREFIX declarations and VALUES blocks added;
    ``inserted`` lists the added spans as (offset in ``text``, length), in order."""
    text: str
    original: str
    inserted: tuple[tuple[int, int], ...] = ()
    allow_service: bool = False  # SERVICE (federation: requests to other servers) is refused unless set

    def original_position(self, line: int, column: int) -> tuple[int, int]:
        """A 1-based (line, column) of :attr:`text` mapped back to :attr:`original`."""
        lines = self.text.split("\n")
        index = sum(len(ln) + 1 for ln in lines[: max(line - 1, 0)]) + max(column - 1, 0)
        shift = 0
        for at, length in self.inserted:
            if index >= at + length:
                shift += length
            elif index >= at:
                shift += index - at
        index -= shift
        before = self.original[:index]
        return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


_DECLARED_PREFIX_RE = re.compile(r"PREFIX\s+([A-Za-z][\w\-.]*)?:", re.I)
_USED_PREFIX_RE = re.compile(r"(?<![\w?$<\\])([A-Za-z][\w\-]*):(?!//)")


def bind(query: str, values: dict[str, list[Node]], allow_service: bool = False) -> PreparedQuery:
    """``query`` ready to run: a ``VALUES ?name { … }`` block per parameter at the start of its WHERE
    group, and a PREFIX declaration for each of kg's usual prefixes (org, foaf, skos, oc …) it uses
    without declaring. Line and column numbers of errors are mapped back to ``query``."""
    pieces: list[tuple[int, str]] = []  # (offset in query, text to insert there)
    declared = set(_DECLARED_PREFIX_RE.findall(query))
    used = set(_USED_PREFIX_RE.findall(query))
    known = _prefixes()
    missing = sorted(p for p in used - declared if p in known)
    if missing:
        pieces.append((0, "".join(f"PREFIX {p}: <{known[p]}> " for p in missing)))
    if values:
        block = " " + " ".join(
            f"VALUES ?{name} {{ {' '.join(_sparql_term(t) for t in terms)} }}" for name, terms in values.items()
        ) + " "
        pieces.append((_where_group_start(query), block))
    text, inserted, last, shift = [], [], 0, 0
    for at, piece in pieces:
        text.append(query[last:at])
        inserted.append((at + shift, len(piece)))
        text.append(piece)
        shift += len(piece)
        last = at
    text.append(query[last:])
    return PreparedQuery("".join(text), query, tuple(inserted), allow_service)


_TOKEN_RE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''  # long strings
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''                        # strings
    r'|<[^<>"{}|^`\\\x00-\x20]*>'                                          # IRIs
    r'|#[^\n]*'                                                           # comments
    r'|[?$]?[A-Za-z_:][\w\-.:]*'                                          # words, variables, names
    r'|[{}()]'
    r'|\s+|.',
    re.S,
)


def _where_group_start(query: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE group."""
    depth = parens = 0
    form = None
    groups_seen = 0
    after_form: list[str] = []
    for m in _TOKEN_RE.finditer(query):
        tok = m.group()
        if tok[0] in " \t\r\n#" or tok[0] in "\"'" or (tok[0] == "<" and len(tok) > 1):
            continue
        upper = tok.upper()
        if form is None:
            if upper in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
                form = upper
            continue
        if depth == 0 and parens == 0 and len(after_form) < 1:
            after_form.append(upper)
        if tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif tok == "{" and parens == 0:
            if depth == 0:
                if form == "CONSTRUCT" and after_form[:1] == ["WHERE"]:
                    raise KgError("parameters cannot be bound in the short form CONSTRUCT WHERE { … }: "
                                  "write CONSTRUCT { … } WHERE { … }")
                if form != "CONSTRUCT" or groups_seen == 1:
                    return m.end()
                groups_seen += 1
            depth += 1
        elif tok == "}" and parens == 0:
            depth -= 1
    raise KgError("cannot bind parameters: the query has no WHERE { … } group")


def prepare(query: str, params: dict[str, str], declared: Iterable[Param] = (),
            allow_service: bool = False) -> PreparedQuery:
    """Bind ``params`` (name -> value as typed) into ``query``; declared parameters get their kind.
    ``allow_service`` lets the query use SPARQL ``SERVICE`` (refused by every source otherwise)."""
    kinds = {p.name: p.kind for p in declared}
    values = {name: param_terms(name, kinds.get(name, "any"), value) for name, value in params.items()}
    return bind(query, values, allow_service)


def named_query(name: str, params: dict[str, str]) -> PreparedQuery:
    """The canned query ``name`` with ``params`` bound; every declared parameter is required unless it is
    declared optional (the query's lines ending in ``# if NAME`` are then left out)."""
    q = canned(name)
    declared = {p.name for p in q.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        accepted = ", ".join(sorted(declared)) or "none"
        raise KgError(f"{name}: unknown parameter {shorten(unknown[0])!r} (parameters: {accepted})")
    missing = [p for p in q.params if p.name not in params and not p.optional]
    if missing:
        p = missing[0]
        raise KgError(f"{name}: needs --param {p.name}=… ({p.help or p.kind})")
    return prepare(without_unused_lines(q.text, params), params, q.params)


def without_unused_lines(text: str, given: Iterable[str]) -> str:
    """``text`` with only the lines meant for the optional parameters ``given`` (or not given): a line
    ending in ``# if NAME`` is emptied unless NAME is given; of a part ``#if NAME`` … ``#else`` … ``#end``
    the lines of the other case are emptied (lines are emptied, not removed, so that line numbers stay as
    in the file)."""
    given = set(given)
    lines = text.split("\n")
    keep: list[bool] = []  # one entry per open #if: are its current lines kept?
    for i, line in enumerate(lines):
        block = _BLOCK_RE.fullmatch(line)
        if block:
            word = block.group(1)
            if word.startswith("if"):
                keep.append(block.group(2) in given)
            elif word == "else" and keep:
                keep[-1] = not keep[-1]
            elif word == "end" and keep:
                keep.pop()
            else:
                raise KgError(f"query line {i + 1}: #{word} without #if")
            lines[i] = ""
            continue
        m = _IF_PARAM_RE.search(line)
        if not all(keep) or (m and m.group(1) not in given and not line.lstrip().startswith("#")):
            lines[i] = ""
    if keep:
        raise KgError("query: #if without #end")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@overload
def normalize_term(term: Node) -> Node: ...
@overload
def normalize_term(term: None) -> None: ...
def normalize_term(term: Node | None) -> Node | None:
    """One spelling per term whatever the engine: language tags lowercase, xsd:string as a plain literal."""
    if isinstance(term, Literal):
        if term.language:
            if term.language != term.language.lower():
                return Literal(str(term), lang=term.language.lower())
            return term
        if term.datatype is not None and str(term.datatype) == _XSD_STRING:
            return Literal(str(term))
    return term


@dataclass
class Result:
    """What a query returned: ``rows`` (SELECT), ``boolean`` (ASK) or ``graph`` (CONSTRUCT/DESCRIBE)."""
    kind: str  # "rows" | "boolean" | "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: rdflib.Graph | None = None

    def sorted_rows(self) -> list[tuple[str, ...]]:
        """Rows as sorted tuples of N-Triples-like strings ("" for unbound): for comparing results."""
        return sorted(tuple("" if t is None else t.n3() for t in row) for row in self.rows)

    def dicts(self) -> list[dict[str, str]]:
        """Rows as {variable: lexical value} (unbound variables left out)."""
        return [{v: str(t) for v, t in zip(self.vars, row) if t is not None} for row in self.rows]


class Source(Protocol):
    description: str

    def query(self, prepared: PreparedQuery | str, timeout: float | None = None) -> Result: ...

    def close(self) -> None: ...


def _as_prepared(q: PreparedQuery | str) -> PreparedQuery:
    return q if isinstance(q, PreparedQuery) else bind(q, {})


def syntax_error(prepared: PreparedQuery, line: int | None, column: int | None, message: str) -> QuerySyntaxError:
    message = " ".join(str(message).split())
    if len(message) > 160:
        message = message[:157] + "..."
    if line is None:
        return QuerySyntaxError(f"query: syntax error: {message}")
    line, column = prepared.original_position(line, column or 1)
    return QuerySyntaxError(f"query: syntax error at line {line}, column {column}: {message}")


class GraphSource:
    """An rdflib graph in memory (one RDF file; a quad file is read as the union of its graphs)."""

    def __init__(self, graph: rdflib.Graph, description: str = "graph"):
        self.graph = graph
        self.description = description

    @classmethod
    def from_file(cls, path: str) -> "GraphSource":
        from .validate import load_graph

        return cls(load_graph(path), path)

    def query(self, prepared: PreparedQuery | str, timeout: float | None = None) -> Result:
        """Run a query; ``timeout`` (seconds) stops it with :class:`kg.safety.QueryTimeout` (in the main
        thread only: it uses SIGALRM)."""
        import pyparsing

        prepared = _as_prepared(prepared)
        check_query(prepared)
        try:
            return run_with_alarm(lambda: self._run(prepared), query_timeout(timeout))
        except pyparsing.ParseBaseException as exc:
            raise syntax_error(prepared, exc.lineno, exc.col, exc.msg) from None
        except KgError:
            raise
        except re.error as exc:  # a pattern bound at run time (a variable), not written in the query
            raise KgError(f"query: bad regular expression: {exc}") from None
        except Exception as exc:  # unknown prefix, bad IRI, evaluation errors
            raise QuerySyntaxError(f"query: {' '.join(str(exc).split())[:300] or type(exc).__name__}") from None

    def _run(self, prepared: PreparedQuery) -> Result:
        """The whole result (rdflib evaluates lazily: rows are computed while they are read)."""
        res = self.graph.query(prepared.text)
        if res.type == "ASK":
            return Result("boolean", boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            g = rdflib.Graph()
            assert res.graph is not None  # set for CONSTRUCT and DESCRIBE
            for s, p, o in res.graph:
                g.add((normalize_term(s), p, normalize_term(o)))
            return Result("graph", graph=g)
        names = [str(v) for v in res.vars or ()]
        rows: list[tuple[Node | None, ...]] = [
            tuple(normalize_term(row[i]) for i in range(len(names)))
            for row in cast("Iterable[rdflib.query.ResultRow]", res)]
        return Result("rows", vars=names, rows=rows)

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------------------------------
# Remote endpoints (SPARQL 1.1 protocol, Graph Store HTTP protocol)
# --------------------------------------------------------------------------------------------------


def endpoint_url(url: str, default_path: str) -> str:
    """``url`` itself, or with ``default_path`` when it names only a server (``http://host:7878``).

    Oxigraph serves SPARQL at ``/query`` and the Graph Store protocol at ``/store``; give a full URL
    for other servers (e.g. Fuseki's ``http://host:3030/ds/sparql`` and ``…/ds/data``).
    """
    if re.search(r"[\x00-\x20\x7f]", url):  # a space or CR/LF would split the request line (header injection)
        raise KgError(f"{shorten(url)!r}: not a URL (contains spaces or control characters)")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KgError(f"{shorten(url)}: not an http(s) URL")
    try:
        parts.port  # noqa: B018  # raises for letters in the port or a port above 65535
    except ValueError:
        raise KgError(f"{shorten(url)}: not an http(s) URL (bad port)") from None
    if parts.path in ("", "/") and not parts.query:
        parts = parts._replace(path=default_path)
    return urllib.parse.urlunsplit(parts)


class EndpointSource:
    """A remote SPARQL 1.1 query endpoint, asked with the SPARQL protocol for JSON results.

    Queries read the server's default graph, where ``kg push`` puts the merged view of a store.
    ``union=True`` asks for the union of the server's graphs instead, for a server holding only named
    graphs: Oxigraph's ``union-default-graph`` parameter. Oxigraph 0.5 then counts a triple once per
    graph stating it (the default graph too), which multiplies the rows of every join: a join of ten
    patterns over a pushed store (each triple in the default graph and in a document graph) makes 2^10
    times the work, and the canned queries never ended. So the union is asked for only where it differs
    from the default graph: one ASK (per source) looks for a triple of a named graph that the default
    graph lacks; when there is none, as after ``kg push``, the default graph already is the union (Oxigraph's
    union includes it) and is queried as is - the same rows, with no duplicates to join.
    """

    def __init__(self, url: str, union: bool = False, timeout: float = 60):
        self.url = endpoint_url(url, "/query")
        self.union = union
        self.timeout = query_timeout(timeout)
        self.description = self.url
        self._union_differs: bool | None = None  # found out on the first query with union=True

    def union_differs(self, timeout: float | None = None) -> bool:
        """The named graphs hold a triple the default graph lacks (so a union query needs the union)."""
        if self._union_differs is None:
            probe = bind("ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }", {})
            self._union_differs = bool(self._post(probe, query_timeout(timeout) or self.timeout or 60,
                                                  False).boolean)
        return self._union_differs

    def query(self, prepared: PreparedQuery | str, timeout: float | None = None) -> Result:
        """Ask the endpoint; ``timeout`` (default: the source's) bounds the whole HTTP exchange."""
        prepared = _as_prepared(prepared)
        check_query(prepared)
        timeout = query_timeout(timeout) or self.timeout or 60
        return self._post(prepared, timeout, self.union and self.union_differs(timeout))

    def _post(self, prepared: PreparedQuery, timeout: float, union: bool) -> Result:
        form = {"query": prepared.text}
        if union:
            form["union-default-graph"] = ""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8",
        }
        try:
            _status, ctype, body = http_request("POST", self.url, urllib.parse.urlencode(form).encode("utf-8"),
                                                headers, timeout)
        except _HttpStatusError as exc:
            if exc.status == 400:
                m = re.search(r"(?:error )?at (\d+):(\d+):?\s*(.*)", exc.body)
                if m:
                    raise syntax_error(prepared, int(m.group(1)), int(m.group(2)), m.group(3)) from None
                raise QuerySyntaxError(f"query: rejected by {self.url}: {exc.body or 'HTTP 400'}") from None
            raise
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in ("application/sparql-results+json", "application/json"):
            return _parse_results_json(body, self.url)
        fmt = {"application/n-triples": "nt", "text/turtle": "turtle", "application/rdf+xml": "xml",
               "application/ld+json": "json-ld"}.get(ctype)
        if fmt is None:
            raise KgError(f"{self.url}: unexpected response type {ctype or 'none'}")
        if fmt == "xml":
            from .rdfxml import check_entities

            check_entities(body, f"{self.url} response")
        g = rdflib.Graph()
        try:
            g.parse(data=body.decode("utf-8"), format=fmt)
        except Exception as exc:
            raise KgError(f"{self.url}: unreadable {ctype} response ({' '.join(str(exc).split())[:200]})") from None
        out = rdflib.Graph()
        for s, p, o in g:
            out.add((normalize_term(s), p, normalize_term(o)))
        return Result("graph", graph=out)

    def close(self) -> None:
        pass


def _parse_results_json(body: bytes, url: str) -> Result:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise KgError(f"{url}: unreadable JSON results ({shorten(exc)})") from None

    def bad(what: str) -> KgError:
        return KgError(f"{url}: not SPARQL JSON results ({what})")

    if not isinstance(data, dict):
        raise bad(f"a JSON {type(data).__name__}, not an object")
    if "boolean" in data:
        return Result("boolean", boolean=bool(data["boolean"]))
    head, results = data.get("head", {}), data.get("results", {})
    if not isinstance(head, dict) or not isinstance(results, dict):
        raise bad("head or results is not an object")
    names = head.get("vars", [])
    if not isinstance(names, list) or not all(isinstance(v, str) for v in names):
        raise bad("head.vars is not a list of names")
    bindings = results.get("bindings", [])
    if not isinstance(bindings, list) or not all(isinstance(b, dict) for b in bindings):
        raise bad("results.bindings is not a list of objects")
    rows = []
    for binding in bindings:
        rows.append(tuple(_json_term(binding.get(v), bad) for v in names))
    return Result("rows", vars=names, rows=rows)


def _json_term(value: object, bad: Callable[[str], KgError]) -> Node | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("value", ""), str):
        raise bad("a bound value is not an object with a string value")
    kind, text = value.get("type"), value.get("value", "")
    try:
        if kind == "uri":
            return URIRef(text)
        if kind == "bnode":
            return BNode(text)
        if isinstance(value.get("xml:lang"), str):
            return normalize_term(Literal(text, lang=value["xml:lang"]))
        if isinstance(value.get("datatype"), str):
            return normalize_term(Literal(text, datatype=URIRef(value["datatype"])))
    except ValueError as exc:  # rdflib: a malformed language tag
        raise bad(shorten(exc)) from None
    return Literal(text)


# --------------------------------------------------------------------------------------------------
# Opening a source
# --------------------------------------------------------------------------------------------------


def open_source(source: str | None = None, endpoint: str | None = None, union: bool = False,
                timeout: float = 60) -> Source:
    """A file (rdflib, in memory), a store directory (Oxigraph on disk) or an endpoint URL. ``timeout`` is
    an endpoint's default time limit per query (seconds)."""
    if endpoint:
        return EndpointSource(endpoint, union=union, timeout=timeout)
    if source is None:
        raise KgError("no source: give an RDF file, a store directory or --endpoint URL")
    p = Path(source)
    if p.is_dir():
        from .store import CorpusStore

        return CorpusStore(source)
    if not p.exists() and re.match(r"https?://", source):
        raise KgError(f"{source}: a URL is an endpoint: use --endpoint {source}")
    return GraphSource.from_file(source)


# --------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------


def _prefixes() -> dict[str, str]:
    from .validate import KNOWN_PREFIXES

    return dict(KNOWN_PREFIXES)


class _Shortener:
    def __init__(self, base: str | None):
        self.base = base
        self.prefixes = sorted(_prefixes().items(), key=lambda kv: -len(kv[1]))

    def __call__(self, term: Node | None) -> str:
        if term is None:
            return ""
        if isinstance(term, URIRef):
            s = str(term)
            if self.base and s.startswith(self.base) and len(s) > len(self.base):
                return s[len(self.base):]
            for prefix, ns in self.prefixes:
                if s.startswith(ns) and re.fullmatch(r"[\w\-.]+", s[len(ns):] or "-"):
                    return f"{prefix}:{s[len(ns):]}"
            return f"<{s}>"
        if isinstance(term, BNode):
            return f"_:{term}"
        return str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_result(result: Result, fmt: str = "table", base: str | None = None) -> str:
    """``result`` as text: an aligned table, CSV, SPARQL 1.1 results JSON or (graphs) Turtle.

    In a table, IRIs under ``base`` are shown relative to it and known vocabularies as prefixed names.
    """
    from .rdf import DEFAULT_BASE

    base = DEFAULT_BASE if base is None else base
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if result.kind == "graph":
        if fmt not in ("table", "turtle"):
            raise KgError(f"a CONSTRUCT or DESCRIBE query gives a graph: use --format turtle, not {fmt}")
        from .rdf import new_graph

        g = new_graph(base)
        for triple in result.graph or ():
            g.add(triple)
        return g.serialize(format="turtle")
    if fmt == "turtle":
        raise KgError("--format turtle needs a CONSTRUCT or DESCRIBE query")
    if result.kind == "boolean":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        if fmt == "csv":
            return "_askResult\r\n" + ("true" if result.boolean else "false") + "\r\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        return json.dumps({"head": {"vars": result.vars},
                           "results": {"bindings": [
                               {v: _json_value(t) for v, t in zip(result.vars, row) if t is not None}
                               for row in result.rows]}},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)  # SPARQL 1.1 CSV: lexical values, CRLF line ends
        writer.writerow(result.vars)
        for row in result.rows:
            writer.writerow(["" if t is None else str(t) for t in row])
        return out.getvalue()
    short = _Shortener(base)
    cells = [[short(t).replace("\n", " ") for t in row] for row in result.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(result.vars)]
    lines = ["  ".join(_pad(v, w) for v, w in zip(result.vars, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in cells:
        lines.append("  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip())
    return "\n".join(lines) + "\n"


def _json_value(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out
