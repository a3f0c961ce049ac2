"""SPARQL over kg graphs: one RDF file, a corpus store or a remote endpoint; canned queries.

::

    source = open_source("kuaishou.ttl")                 # or a store directory, or endpoint="http://…"
    result = source.query(named_query("reports-to", {"person": "小谷"}))
    print(format_result(result, "table"))

The work is done in three modules, whose public names this one gathers: :mod:`kg.query.sparql` (the query
text: canned queries, parameters bound as RDF terms, syntax errors), :mod:`kg.query.sources` (files, stores and
endpoints that run it) and :mod:`kg.query.results` (what a query returns, and its output formats).
"""

from __future__ import annotations

from .httpclient import http_request
from .results import FORMATS, Result, format_result, normalize_term, parse_results_json
from .sources import EndpointSource, GraphSource, Source, endpoint_url, open_source
from .sparql import (
    LABEL_LANGUAGES,
    CannedQuery,
    Param,
    PreparedQuery,
    QuerySyntaxError,
    bind,
    canned,
    canned_queries,
    named_query,
    param_terms,
    parse_canned,
    parse_params,
    prepare,
    syntax_error,
    without_unused_lines,
)

__all__ = [
    "CannedQuery",
    "Param",
    "Result",
    "Source",
    "GraphSource",
    "EndpointSource",
    "QuerySyntaxError",
    "canned_queries",
    "canned",
    "named_query",
    "prepare",
    "bind",
    "parse_params",
    "open_source",
    "format_result",
    "endpoint_url",
    "http_request",
    "FORMATS",
    # also used by kg's commands, tests and benchmarks
    "PreparedQuery",
    "normalize_term",
    "param_terms",
    "parse_canned",
    "parse_results_json",
    "syntax_error",
    "without_unused_lines",
    "LABEL_LANGUAGES",
]
