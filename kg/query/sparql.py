"""SPARQL query text: canned queries, parameters bound as RDF terms, prefixes, syntax errors.

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

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import QueryError, shorten
from ..resources import ontology_file

__all__ = [
    "CannedQuery",
    "Param",
    "PreparedQuery",
    "QuerySyntaxError",
    "canned_queries",
    "canned",
    "parse_canned",
    "named_query",
    "without_unused_lines",
    "prepare",
    "bind",
    "parse_params",
    "param_terms",
    "as_prepared",
    "syntax_error",
    "known_prefixes",
    "TOKEN_RE",
    "LABEL_LANGUAGES",
]

#: Language tags a ``label`` parameter is also tried with (besides the plain literal).
LABEL_LANGUAGES = ("zh", "en", "zh-latn-pinyin")

_XSD_STRING = str(XSD.string)


class QuerySyntaxError(QueryError):
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


_PARAM_RE = re.compile(
    r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*\((label|date|iri|string)(\s*,\s*optional)?\)"
    r"\s*:?\s*(.*)"
)
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
        raise QueryError(f"no canned query {shorten(name)!r}; available: {', '.join(queries)}")
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
            raise QueryError(
                f"parameter {shorten(pair)!r}: expected NAME=VALUE (NAME a SPARQL variable name without '?')"
            )
        if name in params:
            raise QueryError(f"parameter {name}: given twice")
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
            raise QueryError(f"parameter {name}={value}: expected a date YYYY-MM-DD")
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"parameter {name}={value}: no such date") from None
        return [Literal(value, datatype=XSD.date)]
    if kind == "iri":
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if not iri or _IRI_BAD_RE.search(iri) or ":" not in iri:
            raise QueryError(f"parameter {name}={value}: not an absolute IRI")
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
            raise QueryError(f"not an IRI: {shorten(str(term))!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        escaped = _escape_string(str(term))
        if term.language:
            return f'"{escaped}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f'"{escaped}"^^<{term.datatype}>'
        return f'"{escaped}"'
    raise QueryError(f"cannot bind {shorten(repr(term))}")


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
    known = known_prefixes()
    missing = sorted(p for p in used - declared if p in known)
    if missing:
        pieces.append((0, "".join(f"PREFIX {p}: <{known[p]}> " for p in missing)))
    if values:
        block = (
            " "
            + " ".join(
                f"VALUES ?{name} {{ {' '.join(_sparql_term(t) for t in terms)} }}" for name, terms in values.items()
            )
            + " "
        )
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


#: One SPARQL token: a string, an IRI, a comment, a word or name, a bracket, blanks or one character.
TOKEN_RE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''  # long strings
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
    r'|<[^<>"{}|^`\\\x00-\x20]*>'  # IRIs
    r"|#[^\n]*"  # comments
    r"|[?$]?[A-Za-z_:][\w\-.:]*"  # words, variables, names
    r"|[{}()]"
    r"|\s+|.",
    re.S,
)


def _where_group_start(query: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE group."""
    depth = parens = 0
    form = None
    groups_seen = 0
    after_form: list[str] = []
    for m in TOKEN_RE.finditer(query):
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
                    raise QueryError(
                        "parameters cannot be bound in the short form CONSTRUCT WHERE { … }: "
                        "write CONSTRUCT { … } WHERE { … }"
                    )
                if form != "CONSTRUCT" or groups_seen == 1:
                    return m.end()
                groups_seen += 1
            depth += 1
        elif tok == "}" and parens == 0:
            depth -= 1
    raise QueryError("cannot bind parameters: the query has no WHERE { … } group")


def prepare(
    query: str, params: dict[str, str], declared: Iterable[Param] = (), allow_service: bool = False
) -> PreparedQuery:
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
        raise QueryError(f"{name}: unknown parameter {shorten(unknown[0])!r} (parameters: {accepted})")
    missing = [p for p in q.params if p.name not in params and not p.optional]
    if missing:
        p = missing[0]
        raise QueryError(f"{name}: needs the parameter {p.name}=… ({p.help or p.kind})")
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
                raise QueryError(f"query line {i + 1}: #{word} without #if")
            lines[i] = ""
            continue
        m = _IF_PARAM_RE.search(line)
        if not all(keep) or (m and m.group(1) not in given and not line.lstrip().startswith("#")):
            lines[i] = ""
    if keep:
        raise QueryError("query: #if without #end")
    return "\n".join(lines)


def as_prepared(q: PreparedQuery | str) -> PreparedQuery:
    """``q`` as a :class:`PreparedQuery` (a plain query string gets only the usual prefixes)."""
    return q if isinstance(q, PreparedQuery) else bind(q, {})


def syntax_error(prepared: PreparedQuery, line: int | None, column: int | None, message: str) -> QuerySyntaxError:
    message = " ".join(str(message).split())
    if len(message) > 160:
        message = message[:157] + "..."
    if line is None:
        return QuerySyntaxError(f"query: syntax error: {message}")
    line, column = prepared.original_position(line, column or 1)
    return QuerySyntaxError(f"query: syntax error at line {line}, column {column}: {message}")


def known_prefixes() -> dict[str, str]:
    """kg's usual prefixes (org, foaf, skos, oc …): prefix -> namespace IRI."""
    from ..rdf.validate import KNOWN_PREFIXES

    return dict(KNOWN_PREFIXES)
