"""Where queries run: one RDF file (rdflib), a corpus store (Oxigraph on disk) or a remote SPARQL endpoint.

Every source takes a :class:`kg.query.sparql.PreparedQuery` (or a query string) and gives a
:class:`kg.query.results.Result`, checked the same way first (:func:`kg.query.safety.check_query`).
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import Iterable, Protocol, cast

import rdflib
from rdflib.term import Node

from ..errors import InputError, KgError, QueryError, RemoteError, shorten
from .httpclient import HttpStatusError, http_request
from .results import Result, normalize_term, parse_results_json
from .safety import check_query, query_timeout, run_with_alarm
from .sparql import PreparedQuery, QuerySyntaxError, as_prepared, bind, syntax_error

__all__ = ["Source", "GraphSource", "EndpointSource", "open_source", "endpoint_url"]


class Source(Protocol):
    description: str

    def query(self, prepared: PreparedQuery | str, timeout: float | None = None) -> Result: ...

    def close(self) -> None: ...


class GraphSource:
    """An rdflib graph in memory (one RDF file; a quad file is read as the union of its graphs)."""

    def __init__(self, graph: rdflib.Graph, description: str = "graph"):
        self.graph = graph
        self.description = description

    @classmethod
    def from_file(cls, path: str) -> "GraphSource":
        from ..rdf.validate import load_graph

        return cls(load_graph(path), path)

    def query(self, prepared: PreparedQuery | str, timeout: float | None = None) -> Result:
        """Run a query; ``timeout`` (seconds) stops it with :class:`kg.query.safety.QueryTimeout` (in the main
        thread only: it uses SIGALRM)."""
        import pyparsing

        prepared = as_prepared(prepared)
        check_query(prepared)
        try:
            return run_with_alarm(lambda: self._run(prepared), query_timeout(timeout))
        except pyparsing.ParseBaseException as exc:
            raise syntax_error(prepared, exc.lineno, exc.col, exc.msg) from None
        except KgError:
            raise
        except re.error as exc:  # a pattern bound at run time (a variable), not written in the query
            raise QueryError(f"query: bad regular expression: {exc}") from None
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
            for row in cast("Iterable[rdflib.query.ResultRow]", res)
        ]
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
        raise InputError(f"{shorten(url)!r}: not a URL (contains spaces or control characters)")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{shorten(url)}: not an http(s) URL")
    try:
        parts.port  # noqa: B018  # raises for letters in the port or a port above 65535
    except ValueError:
        raise InputError(f"{shorten(url)}: not an http(s) URL (bad port)") from None
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
            self._union_differs = bool(self._post(probe, query_timeout(timeout) or self.timeout or 60, False).boolean)
        return self._union_differs

    def query(self, prepared: PreparedQuery | str, timeout: float | None = None) -> Result:
        """Ask the endpoint; ``timeout`` (default: the source's) bounds the whole HTTP exchange."""
        prepared = as_prepared(prepared)
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
            _status, ctype, body = http_request(
                "POST", self.url, urllib.parse.urlencode(form).encode("utf-8"), headers, timeout
            )
        except HttpStatusError as exc:
            if exc.status == 400:
                m = re.search(r"(?:error )?at (\d+):(\d+):?\s*(.*)", exc.body)
                if m:
                    raise syntax_error(prepared, int(m.group(1)), int(m.group(2)), m.group(3)) from None
                raise QuerySyntaxError(f"query: rejected by {self.url}: {exc.body or 'HTTP 400'}") from None
            raise
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in ("application/sparql-results+json", "application/json"):
            return parse_results_json(body, self.url)
        fmt = {
            "application/n-triples": "nt",
            "text/turtle": "turtle",
            "application/rdf+xml": "xml",
            "application/ld+json": "json-ld",
        }.get(ctype)
        if fmt is None:
            raise RemoteError(f"{self.url}: unexpected response type {ctype or 'none'}")
        if fmt == "xml":
            from ..rdf.rdfxml import check_entities

            check_entities(body, f"{self.url} response")
        g = rdflib.Graph()
        try:
            g.parse(data=body.decode("utf-8"), format=fmt)
        except Exception as exc:
            raise RemoteError(f"{self.url}: unreadable {ctype} response ({' '.join(str(exc).split())[:200]})") from None
        out = rdflib.Graph()
        for s, p, o in g:
            out.add((normalize_term(s), p, normalize_term(o)))
        return Result("graph", graph=out)

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------------------------------
# Opening a source
# --------------------------------------------------------------------------------------------------


def open_source(
    source: str | None = None, endpoint: str | None = None, union: bool = False, timeout: float = 60
) -> Source:
    """A file (rdflib, in memory), a store directory (Oxigraph on disk) or an endpoint URL. ``timeout`` is
    an endpoint's default time limit per query (seconds)."""
    if endpoint:
        return EndpointSource(endpoint, union=union, timeout=timeout)
    if source is None:
        raise InputError("no source: give an RDF file, a store directory or an endpoint URL")
    p = Path(source)
    if p.is_dir():
        from ..store.corpus_store import CorpusStore  # (imported when used: pyoxigraph is not needed for files)

        return CorpusStore(source)
    if not p.exists() and re.match(r"https?://", source):
        raise InputError(f"{source}: a URL is an endpoint, not a file: query it as an endpoint")
    return GraphSource.from_file(source)
