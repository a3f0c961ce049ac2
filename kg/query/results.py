"""Query results: one :class:`Result` whatever the engine, terms normalized alike, and the output formats."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, overload

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import InputError, KgError, QueryError, RemoteError, shorten

__all__ = [
    "Result",
    "normalize_term",
    "format_result",
    "parse_results_json",
    "text_width",
    "pad_text",
    "fit_text",
    "text_table",
    "FORMATS",
]

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "json", "turtle")

_XSD_STRING = str(XSD.string)


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


def parse_results_json(body: bytes, url: str) -> Result:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise RemoteError(f"{url}: unreadable JSON results ({shorten(exc)})") from None

    def bad(what: str) -> RemoteError:
        return RemoteError(f"{url}: not SPARQL JSON results ({what})")

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


# The terminal-text helpers every table and listing of kg uses (query results, kg show, conflicts).


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide and full-width characters take two, combining marks none).

    >>> text_width("快手 CEO"), text_width("e\u0301")
    (8, 1)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def pad_text(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` columns (see :func:`text_width`)."""
    return text + " " * (width - text_width(text))


def fit_text(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, a cut one ending in ``…``.

    >>> fit_text("程一晓担任主席", 7)
    '程一晓…'
    """
    if text_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        used += text_width(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def text_table(header: list[str], rows: list[list[str]], rule: bool = False) -> list[str]:
    """The lines of a table: left-aligned columns two spaces apart, sized by :func:`text_width`, with
    no trailing spaces; ``rule`` draws a line of dashes under the header."""
    widths = [max([text_width(h)] + [text_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(pad_text(c, w) for c, w in zip(header, widths)).rstrip()]
    if rule:
        lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(pad_text(c, w) for c, w in zip(r, widths)).rstrip() for r in rows)
    return lines


def format_result(result: Result, fmt: str = "table", base: str | None = None) -> str:
    """``result`` as text: an aligned table, CSV, SPARQL 1.1 results JSON or (graphs) Turtle.

    In a table, IRIs under ``base`` are shown relative to it and known vocabularies as prefixed names.
    """
    from ..rdf.write import DEFAULT_BASE

    base = DEFAULT_BASE if base is None else base
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if result.kind == "graph":
        if fmt not in ("table", "turtle"):
            raise QueryError(f"a CONSTRUCT or DESCRIBE query gives a graph: format it as turtle, not {fmt}")
        from ..rdf.write import new_graph

        g = new_graph(base)
        for triple in result.graph or ():
            g.add(triple)
        return g.serialize(format="turtle")
    if fmt == "turtle":
        raise QueryError("the turtle format needs a CONSTRUCT or DESCRIBE query")
    if result.kind == "boolean":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        if fmt == "csv":
            return "_askResult\r\n" + ("true" if result.boolean else "false") + "\r\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        return (
            json.dumps(
                {
                    "head": {"vars": result.vars},
                    "results": {
                        "bindings": [
                            {v: _json_value(t) for v, t in zip(result.vars, row) if t is not None}
                            for row in result.rows
                        ]
                    },
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)  # SPARQL 1.1 CSV: lexical values, CRLF line ends
        writer.writerow(result.vars)
        for row in result.rows:
            writer.writerow(["" if t is None else str(t) for t in row])
        return out.getvalue()
    from ..rdf.validate import Shortener

    short = Shortener(base=base or None)
    cells = [[(str(t) if isinstance(t, Literal) else short(t)).replace("\n", " ") for t in row] for row in result.rows]
    return "\n".join(text_table(result.vars, cells, rule=True)) + "\n"


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
