"""A corpus store written out: to an RDF file (export) or to a Graph Store protocol server (push)."""

from __future__ import annotations

import os
import urllib.parse
from typing import Callable

from ..fileio import check_output, write_output
from ..query.httpclient import http_request
from ..query.sources import endpoint_url
from ..rdf.write import output_format
from .corpus_store import CorpusStore

__all__ = ["export", "push", "EXPORT_FORMATS"]


#: Export file extension -> (pyoxigraph format name, whether the format keeps named graphs).
EXPORT_FORMATS = {
    ".trig": ("TRIG", True),
    ".nq": ("N_QUADS", True),
    ".ttl": ("TURTLE", False),
    ".nt": ("N_TRIPLES", False),
}


def export(store_dir: str | os.PathLike, output: str, fmt: str | None = None) -> int:
    """Write the store to ``output`` (atomically; ``-`` for stdout): TriG/N-Quads keep one graph per
    document, Turtle/N-Triples hold the merged view (their union). The format comes from ``fmt``
    (trig, nq, ttl, nt) or the file extension. Returns the number of bytes written."""
    ext = "." + output_format(output, fmt, allowed=tuple(e.lstrip(".") for e in EXPORT_FORMATS), default=None)
    check_output(output)
    with CorpusStore(store_dir) as store:
        data = store.dump(EXPORT_FORMATS[ext][0])
    write_output(output, data)
    return len(data)


def push(
    store_dir: str | os.PathLike,
    endpoint: str,
    *,
    timeout: float = 120,
    merged: bool = True,
    progress: Callable[[int], None] | None = None,
) -> list[str]:
    """Send every document graph to a Graph Store protocol endpoint: ``PUT {url}?graph=<iri>``.

    ``endpoint`` is the Graph Store URL (Oxigraph: ``http://host:7878/store``; a bare
    ``http://host:7878`` gets ``/store``). With ``merged`` the merged view is added to the server's
    default graph too (``POST {url}?default``: a merge, not a replacement), so SPARQL clients see the
    corpus as ``kg query`` does locally and what other stores pushed there stays. Document graphs are
    named by the hash of their text, so PUT never replaces another document's graph, and pushing again
    changes nothing. ``timeout`` bounds each request as a whole. Returns the graphs sent (``"default"`` last).
    """
    url = endpoint_url(endpoint, "/store")
    sep = "&" if urllib.parse.urlsplit(url).query else "?"
    headers = {"Content-Type": "application/n-triples"}
    sent = []
    with CorpusStore(store_dir) as store:
        for graph in store.graphs():
            http_request(
                "PUT",
                f"{url}{sep}graph={urllib.parse.quote(graph, safe='')}",
                store.graph_ntriples(graph),
                headers,
                timeout,
            )
            sent.append(graph)
            if progress:
                progress(1)
        if merged:
            # POST merges: a PUT would drop from the server's merged view the facts other stores pushed
            http_request("POST", f"{url}{sep}default", store.merged_ntriples(), headers, timeout)
            sent.append("default")
            if progress:
                progress(1)
    return sent
