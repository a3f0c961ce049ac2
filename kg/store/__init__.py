"""A corpus store: the graphs of many articles in one Oxigraph store on disk, one named graph per document.

::

    report = ingest(["articles/", "feed.jsonl"], "corpus.store")   # all cores; resumable
    ingest(["articles/"], "corpus.store", dask="tcp://scheduler:8786")  # extraction on a Dask cluster
    with CorpusStore("corpus.store") as store:
        store.query("SELECT …")                                   # over the merged view of all documents
    remove("corpus.store", "articles/a.txt")                       # or a document id
    export("corpus.store", "all.trig")
    push("corpus.store", "http://localhost:7878")                  # SPARQL 1.1 Graph Store protocol

Each document's triples go into the named graph ``{base}graph/{doc id}`` (the id is the hash of the
normalized text, :attr:`kg.model.Document.id`) and into the store's default graph, the *merged view*
(the set union of all document graphs). They are written in batches with Oxigraph's bulk loader, and
each document's ``<doc> a oc:Document`` last, in one transaction, which marks it complete; opening the
store after a crash takes out what was written of unmarked documents. So every document is complete or
absent, ingesting the same text again adds nothing, and an interrupted ingest resumes where it stopped.
Removing a document drops its graph and takes out of the merged view what no other document states.
Entities merge across documents because the extractor mints the same IRI for the same normalized name;
every fact keeps its own source (``prov:wasDerivedFrom`` an excerpt of its document).

Queries run over the merged view. (Oxigraph 0.5's union-default-graph mode would count a triple once per
graph stating it - oxigraph issue #1919 - which multiplies rows and slows joins; the merged view is a set.)

The work is done in four modules, whose public names this one gathers: :mod:`kg.store.corpus_store` (the
Oxigraph store itself, and removing documents), :mod:`kg.store.inputs` (reading articles: text, HTML,
Markdown, JSON Lines), :mod:`kg.store.ingestion` (extraction in processes or on Dask, writing in batches) and
:mod:`kg.store.transfer` (export to a file, push to a server).
"""

from __future__ import annotations

from ..query.sources import endpoint_url
from .corpus_store import CorpusStore, is_store, removal_plan, remove, remove_documents
from .ingestion import BATCH_TRIPLES, DASK_CONNECT_TIMEOUT, IngestReport, default_jobs, ingest
from .inputs import INPUT_EXTENSIONS, Item, collect, doc_ids_of, html_to_text, markdown_to_text, read_item
from .transfer import EXPORT_FORMATS, export, push

__all__ = [
    "CorpusStore",
    "Item",
    "IngestReport",
    "collect",
    "read_item",
    "html_to_text",
    "ingest",
    "remove",
    "removal_plan",
    "remove_documents",
    "export",
    "push",
    "is_store",
    "doc_ids_of",
    "EXPORT_FORMATS",
    "INPUT_EXTENSIONS",
    # also used by kg's commands, tests and benchmarks
    "markdown_to_text",
    "default_jobs",
    "endpoint_url",
    "BATCH_TRIPLES",
    "DASK_CONNECT_TIMEOUT",
]
