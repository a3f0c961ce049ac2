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
normalized text, :attr:`kg.document.Document.id`) and into the store's default graph, the *merged view*
(the set union of all document graphs). They are written in batches with Oxigraph's bulk loader, and
each document's ``<doc> a oc:Document`` last, in one transaction, which marks it complete; opening the
store after a crash takes out what was written of unmarked documents. So every document is complete or
absent, ingesting the same text again adds nothing, and an interrupted ingest resumes where it stopped.
Removing a document drops its graph and takes out of the merged view what no other document states.
Entities merge across documents because the extractor mints the same IRI for the same normalized name;
every fact keeps its own source (``prov:wasDerivedFrom`` an excerpt of its document).

Queries run over the merged view. (Oxigraph 0.5's union-default-graph mode would count a triple once per
graph stating it - oxigraph issue #1919 - which multiplies rows and slows joins; the merged view is a set.)
"""
from __future__ import annotations

import glob
import html.parser
import multiprocessing
import os
import re
import shutil
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from .document import Document
from .errors import KgError, shorten
from .fileio import check_output, parse_json_record, write_output
from .query import PreparedQuery, Result, _as_prepared, endpoint_url, http_request, normalize_term, syntax_error
from .rdf import DEFAULT_BASE, OC, RDF, check_base, output_format
from .safety import check_query, query_timeout, run_in_thread

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["CorpusStore", "Item", "IngestReport", "collect", "read_item", "html_to_text", "ingest",
           "remove", "removal_plan", "remove_documents", "export", "push", "is_store", "doc_ids_of",
           "EXPORT_FORMATS", "INPUT_EXTENSIONS"]

#: Files a directory is searched for (a file named on the command line is read whatever its name).
INPUT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")

#: Export file extension -> (pyoxigraph format name, whether the format keeps named graphs).
EXPORT_FORMATS = {".trig": ("TRIG", True), ".nq": ("N_QUADS", True), ".ttl": ("TURTLE", False),
                  ".nt": ("N_TRIPLES", False)}

_DOC_ID_RE = re.compile(r"[0-9a-f]{16}")
# the files of a RocksDB database, and how long a directory of them alone may take to become one (seconds)
_ROCKSDB_FILE = re.compile(r"LOCK|LOG|LOG\.old\.\d+|IDENTITY|CURRENT|OPTIONS-\d+(\.dbtmp)?|MANIFEST-\d+"
                           r"|\d+\.(log|sst|dbtmp)")
_CREATION_GRACE = 2.0
_GRAPH_RE = re.compile(r"/graph/([0-9a-f]{16})$")

#: Triples an ingest writes at a time (one bulk load, a few MB of N-Triples; each costs some 50 ms more).
BATCH_TRIPLES = 20_000
# an empty named graph that exists while documents are being written (see CorpusStore.add)
_LOADING = "urn:kg:store:writing"
_RDF_TYPE, _OC_DOCUMENT = f"{RDF.iri}type", f"{OC.iri}Document"


def _doc_of(graph_iri: str) -> str:
    """The document node of a document graph: ``{base}graph/{id}`` -> ``{base}doc/{id}``."""
    i = graph_iri.rfind("graph/")
    return f"{graph_iri[:i]}doc/{graph_iri[i + len('graph/'):]}"


def _locked(lock: Path) -> bool:
    """Another process holds the store's lock file (RocksDB locks it with a POSIX lock)."""
    try:
        import fcntl
        with open(lock, "rb+") as fh:
            try:
                fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.lockf(fh, fcntl.LOCK_UN)
    except (OSError, ImportError):
        return False
    return False


def is_store(path: str | os.PathLike) -> bool:
    """``path`` is a directory holding an Oxigraph (RocksDB) store."""
    return (Path(path) / "CURRENT").is_file()


def _ox():
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover - a dependency of kg
        raise KgError("the corpus store needs pyoxigraph: pip install pyoxigraph") from None
    return pyoxigraph


def _from_ox(term):
    """A pyoxigraph term as the rdflib term (normalized like every other source's)."""
    from rdflib import BNode, Literal, URIRef

    ox = _ox()
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language.lower())
        return normalize_term(Literal(term.value, datatype=URIRef(term.datatype.value)))
    raise KgError(f"unsupported term in results: {term!r}")


class CorpusStore:
    """An Oxigraph store on disk with one named graph per document.

    Opening an existing store takes its lock: a second process (another ingest, a query) gets a
    one-line error instead of waiting. ``create=True`` makes a new store in a missing or empty directory.
    """

    def __init__(self, path: str | os.PathLike, create: bool = False):
        p = Path(path)
        self.path = p
        self.description = str(path)
        if p.exists() and not p.is_dir():
            raise KgError(f"{path}: not a store directory (a file)")
        # another process may be creating the store right now: RocksDB writes its LOG before it takes the
        # LOCK and writes CURRENT last, so a directory of RocksDB's files alone is given a moment
        deadline = time.monotonic() + _CREATION_GRACE
        while not is_store(p):
            if _locked(p / "LOCK"):
                raise KgError(f"{path}: store is in use by another process")
            if not create:
                raise KgError(f"{path}: not a kg store (make one with: kg ingest FILES --store {path})")
            entries = [e.name for e in p.iterdir()] if p.exists() else []
            if not entries:
                break
            if not all(_ROCKSDB_FILE.fullmatch(e) for e in entries) or time.monotonic() > deadline:
                raise KgError(f"{path}: directory is not empty and not a kg store")
            time.sleep(0.05)
        ox = _ox()
        try:
            self._store = ox.Store(str(p))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise KgError(f"{path}: store is in use by another process") from None
            raise KgError(f"{path}: cannot open store ({' '.join(str(exc).split())})") from None
        except RuntimeError as exc:  # RocksDB's "Corruption: ...": truncated or foreign files
            raise KgError(f"{path}: not a readable store, damaged or not Oxigraph's ({_one_line(exc)[:200]})") from None
        self._recover()

    # -- lifecycle

    def close(self) -> None:
        """Release the store (and its lock)."""
        store = self.__dict__.pop("_store", None)
        if store is not None:
            store.flush()
            del store

    def __enter__(self) -> "CorpusStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents

    @staticmethod
    def graph_iri(doc_id: str, base: str = DEFAULT_BASE) -> str:
        if not base.endswith(("/", "#")):
            base += "/"
        return f"{base}graph/{doc_id}"

    def graphs(self) -> list[str]:
        """Every document graph's IRI, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if hasattr(g, "value") and g.value != _LOADING)

    def documents(self) -> list[str]:
        """The ids of the documents in the store, sorted."""
        return sorted({m.group(1) for g in self.graphs() if (m := _GRAPH_RE.search(g))})

    def graphs_of(self, doc_id: str) -> list[str]:
        """The named graphs of document ``doc_id`` (one, unless it was ingested under two bases)."""
        return [g for g in self.graphs() if g.endswith(f"/graph/{doc_id}")]

    def has(self, doc_id: str, base: str = DEFAULT_BASE) -> bool:
        """The document is in the store, complete."""
        return self._mark_quads(self.graph_iri(doc_id, base))[0] in self._store

    def add(self, documents: Sequence[tuple[str, str | bytes]], base: str = DEFAULT_BASE) -> None:
        """Store documents: ``(doc id, N-Triples)`` pairs, the N-Triples as kg writes them (one triple a line,
        each line ending in " .").

        Each triple goes into the document's graph and into the merged view. The triples are written with
        Oxigraph's bulk loader (several times faster than a transaction, but not atomic) and then, in one
        transaction, each document's own statement ``<doc> a oc:Document``: it marks the document complete
        (:meth:`has`). A crash before that leaves graphs without it, which the next opening of the store
        takes out again (:meth:`_recover`). A failed write (a full disk) is a :class:`KgError` that says so:
        the store stays consistent.
        """
        try:
            self._add(documents, base)
        except OSError as exc:
            raise KgError(f"{self.description}: cannot write the store ({_one_line(exc)}); it stays consistent "
                          "(every document in it is complete), so ingesting again resumes") from None

    def _add(self, documents: Sequence[tuple[str, str | bytes]], base: str) -> None:
        ox = _ox()
        quads, triples = [], []
        for doc_id, ntriples in documents:
            data = ntriples.encode("utf-8") if isinstance(ntriples, str) else ntriples
            if not data.endswith(b"\n"):
                data += b"\n"
            graph_iri = self.graph_iri(doc_id, base)
            mark = f"<{_doc_of(graph_iri)}> {RDF.type} {OC.Document} .\n".encode("utf-8")
            data = data.replace(mark, b"")
            triples.append(data)
            # " .\n" ends every line and nothing else: literals escape line breaks, IRIs have no spaces
            quads.append(data.replace(b" .\n", f" <{graph_iri}> .\n".encode("utf-8")))
        self._store.add_graph(ox.NamedNode(_LOADING))
        try:
            # the documents' graphs before the merged view: a crash in between leaves only graphs to take out
            self._store.bulk_load(b"".join(quads), format=ox.RdfFormat.N_QUADS)
            self._store.bulk_load(b"".join(triples), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise KgError(f"{', '.join(d for d, _ in documents)}: not N-Triples ({' '.join(str(exc).split())})") \
                from None
        self._store.extend(quad for doc_id, _ in documents
                           for quad in self._mark_quads(self.graph_iri(doc_id, base)))
        self._store.remove_graph(ox.NamedNode(_LOADING))

    @staticmethod
    def _mark_quads(graph_iri: str) -> list:
        """The mark of the document whose graph is ``graph_iri``: in its graph and in the merged view."""
        ox = _ox()
        doc = ox.NamedNode(_doc_of(graph_iri))
        kind, cls = ox.NamedNode(_RDF_TYPE), ox.NamedNode(_OC_DOCUMENT)
        return [ox.Quad(doc, kind, cls, ox.NamedNode(graph_iri)), ox.Quad(doc, kind, cls, ox.DefaultGraph())]

    def _recover(self) -> None:
        """After a crash mid-write: take out the graphs of documents not marked complete."""
        ox = _ox()
        if not self._store.contains_named_graph(ox.NamedNode(_LOADING)):
            return
        for graph in self.graphs():
            if self._mark_quads(graph)[0] not in self._store:
                self._drop(graph)
        self._store.remove_graph(ox.NamedNode(_LOADING))

    def remove(self, doc_id: str) -> bool:
        """Drop the document's graph(s) and what only they said from the merged view, in one transaction each.

        False when the document is not in the store.
        """
        graphs = self.graphs_of(doc_id)
        for g in graphs:
            self._drop(g)
        return bool(graphs)

    def _drop(self, graph: str) -> None:
        self._store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
                           f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }} ;\n"
                           f"DROP GRAPH <{graph}>")

    def graph_ntriples(self, graph: str) -> bytes:
        ox = _ox()
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))

    # -- counting

    def quad_count(self) -> int:
        """Quads in the document graphs: a triple stated by two documents counts twice."""
        res = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(res))["n"].value)

    def triple_count(self) -> int:
        """Triples in the merged view: distinct triples over all documents."""
        res = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(res))["n"].value)

    # -- querying

    def query(self, prepared: PreparedQuery | str, timeout: float | None = None) -> Result:
        """Run a SPARQL query; its default graph is the merged view of all documents.

        It runs in a thread this one waits for, so Ctrl-C ends the wait at once; past ``timeout`` seconds
        :class:`kg.safety.QueryTimeout` is raised while the abandoned query goes on (keeping the store
        busy) until it ends or the process exits - which the command line then does.
        """
        prepared = _as_prepared(prepared)
        check_query(prepared)
        # (no local name for the store here: a traceback through this frame would keep it, and its lock)
        return run_in_thread(lambda: self._run(self._store, prepared), query_timeout(timeout))

    @staticmethod
    def _run(store, prepared: PreparedQuery) -> Result:
        try:
            return CorpusStore._evaluate(store, prepared)
        except SyntaxError as exc:
            m = re.match(r"error at (\d+):(\d+):?\s*(.*)", str(exc), re.S)
            if m:
                raise syntax_error(prepared, int(m.group(1)), int(m.group(2)), m.group(3)) from None
            raise syntax_error(prepared, None, None, str(exc)) from None
        except (OSError, ValueError, RuntimeError) as exc:  # also raised while rows are read (SERVICE …)
            raise KgError(f"query: {' '.join(str(exc).split())[:300]}") from None

    @staticmethod
    def _evaluate(store, prepared: PreparedQuery) -> Result:
        """The whole result (Oxigraph evaluates lazily: rows are computed while they are read)."""
        ox = _ox()
        res = store.query(prepared.text)
        if isinstance(res, ox.QueryBoolean):
            return Result("boolean", boolean=bool(res))
        if isinstance(res, ox.QueryTriples):
            import rdflib

            g = rdflib.Graph()
            for t in res:
                g.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
            return Result("graph", graph=g)
        names = [v.value for v in res.variables]
        rows = [tuple(_from_ox(sol[n]) for n in names) for sol in res]
        return Result("rows", vars=names, rows=rows)

    # -- export

    def dump(self, fmt: str) -> bytes:
        """TriG / N-Quads: one graph per document; Turtle / N-Triples: the merged view."""
        ox = _ox()
        from .query import _prefixes
        prefixes = {k: v for k, v in _prefixes().items() if k in ("oc", "org", "foaf", "skos", "time", "prov",
                                                                  "dcterms", "xsd", "rdf")}
        kwargs = {"prefixes": prefixes} if fmt in ("TRIG", "TURTLE") else {}
        if fmt in ("TRIG", "N_QUADS"):
            items = [q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph)]
            items.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        else:
            items = [q.triple for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
            items.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        return ox.serialize(items, format=getattr(ox.RdfFormat, fmt), **kwargs)

    def merged_ntriples(self) -> bytes:
        """The merged view (default graph) as N-Triples."""
        ox = _ox()
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


# --------------------------------------------------------------------------------------------------
# Reading inputs
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One article to ingest: a file, or one line of a ``.jsonl`` file (``line`` 1-based, ``offset`` bytes)."""
    path: str
    line: int = 0
    offset: int = 0

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def collect(paths: Iterable[str]) -> list[Item]:
    """The articles ``paths`` name: files, directories (searched for .txt .md .html .jsonl) and globs.

    A ``.jsonl`` file gives one item per non-blank line. :class:`KgError` for a path that names nothing.
    """
    items: list[Item] = []
    seen: set[tuple[str, int]] = set()

    def add_file(f: Path):
        key = str(f.resolve())
        if f.suffix.lower() == ".jsonl":
            for line, offset in _jsonl_lines(f):
                if (key, line) not in seen:
                    seen.add((key, line))
                    items.append(Item(str(f), line, offset))
        elif (key, 0) not in seen:
            seen.add((key, 0))
            items.append(Item(str(f)))

    for arg in paths:
        matches = [arg]
        if not os.path.exists(arg) and glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise KgError(f"{arg}: no file matches")
        for m in matches:
            p = Path(m)
            if p.is_dir():
                for root, dirs, files in os.walk(p):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        if not name.startswith(".") and name.lower().endswith(INPUT_EXTENSIONS):
                            add_file(Path(root) / name)
            elif p.is_file():
                add_file(p)
            elif p.exists():
                raise KgError(f"{m}: not a file or directory")
            else:
                raise KgError(f"{m}: no such file or directory")
    return items


def _jsonl_lines(path: Path) -> Iterator[tuple[int, int]]:
    try:
        with open(path, "rb") as fh:
            offset = 0
            for number, raw in enumerate(fh, 1):
                if raw.strip():
                    yield number, offset
                offset += len(raw)
    except OSError as exc:
        raise KgError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_item(item: Item) -> tuple[str, str | None]:
    """(text, date or None) of an item; HTML loses its tags, a .jsonl line gives its ``text`` and ``date``."""
    from .text import decode_bytes, read_text

    if item.line:
        try:
            with open(item.path, "rb") as fh:
                fh.seek(item.offset)
                raw = fh.readline()
        except OSError as exc:
            raise KgError(f"{item.path}: cannot read ({exc.strerror or exc})") from None
        record = parse_json_record(decode_bytes(raw, item.label), item.label)
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise KgError(f"{item.label}: no \"text\" string")
        date = record.get("date")
        if date is not None and not isinstance(date, str):
            raise KgError(f"{item.label}: \"date\" is not a string")
        return record["text"], date or None
    text = read_text(item.path)
    suffix = Path(item.path).suffix.lower()
    if suffix in (".html", ".htm"):
        text = html_to_text(text)
    elif suffix in (".md", ".markdown"):
        text = markdown_to_text(text)
    return text, None


class _TextExtractor(html.parser.HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer",
              "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "title", "dd", "dt", "hr", "figcaption"}
    _SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in self._SKIP:
            self.skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title or not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The text of an HTML page: tags, scripts and styles dropped, blocks on lines of their own."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def markdown_to_text(text: str) -> str:
    """Markdown with its markup dropped: headings' #, emphasis, links and images keep only their text."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s+", "", text)
    text = re.sub(r"(?m)^\s{0,3}>\s?", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return text


def doc_ids_of(arg: str) -> list[str]:
    """The document ids ``arg`` stands for: itself when it is an id, else those of the file(s) it names."""
    from . import pipeline

    if _DOC_ID_RE.fullmatch(arg) and not os.path.exists(arg):
        return [arg]
    ids = []
    for item in collect([arg]):
        text, date = read_item(item)
        ids.append(pipeline.prepare(text, date).id)
    return ids


# --------------------------------------------------------------------------------------------------
# Ingest
# --------------------------------------------------------------------------------------------------


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)  # document ids
    skipped: list[str] = field(default_factory=list)  # labels of items already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (label, message)
    empty: list[str] = field(default_factory=list)  # labels of added documents with no facts (Document.has_facts)
    documents: int = 0  # documents in the store afterwards
    triples: int = 0  # distinct triples in the store afterwards


# (label, the prepared document, base IRI) -> (label, doc id, N-Triples, error, has facts)
_Task = tuple[str, "Document", str]
_Result = tuple[str, "str | None", "bytes | None", "str | None", bool]


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extract(task: _Task) -> _Result:
    """(label, doc id, N-Triples bytes, error, has facts): runs in a worker process (a pool's or a Dask
    worker's); whether the document has facts comes back with it, as the Document itself does not."""
    from . import pipeline, rdf

    label, doc, base = task
    try:
        doc = pipeline.annotate(doc)
        return label, doc.id, rdf.to_ntriples(doc, base).encode("utf-8"), None, doc.has_facts
    except KgError as exc:
        return label, None, None, str(exc), False
    except Exception as exc:  # an extractor bug must not stop a corpus ingest: report it, go on
        return label, None, None, f"extraction failed: {type(exc).__name__}: {exc}", False


class _Serial:
    """Extraction in this process."""

    def map(self, tasks: Iterable[_Task]) -> Iterator[_Result]:
        return map(_extract, tasks)

    def close(self) -> None:
        pass


class _Pool:
    """Extraction in a pool of forked worker processes that ignore Ctrl-C (this process stops them)."""

    def __init__(self, jobs: int):
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.jobs = jobs
        self.pool = context.Pool(jobs, initializer=_ignore_sigint)

    def map(self, tasks: Iterable[_Task]) -> Iterator[_Result]:
        # a bounded window of tasks in flight: memory stays flat on a large corpus
        window = self.jobs * 8
        batch: list = []
        for task in tasks:
            batch.append(task)
            if len(batch) >= window:
                yield from self.pool.imap_unordered(_extract, batch)
                batch = []
        yield from self.pool.imap_unordered(_extract, batch)

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


#: Seconds to wait for a Dask scheduler before giving up.
DASK_CONNECT_TIMEOUT = 10

_LOCAL_RE = re.compile(r"local(?::(\d+))?")


def _worker_kg_version() -> str:
    import kg

    return kg.__version__


class _Dask:
    """Extraction as tasks on a Dask distributed cluster, a bounded number in flight.

    ``target`` is a scheduler address (``tcp://host:8786``), ``local`` / ``local:N`` for a
    LocalCluster of N single-threaded worker processes (default ``jobs``), or a
    ``distributed.Client`` (used as it is and left open). The address is checked at once; the
    connection (or the local cluster) is made when the first article not yet in the store comes,
    so an ingest with nothing left to do needs no cluster.
    """

    def __init__(self, target, jobs: int):
        try:
            import distributed
        except ImportError:
            raise KgError("ingest on Dask needs Dask distributed: pip install 'kg[dask]'") from None
        self.distributed = distributed
        self.client = self.cluster = None
        self.workers = 0  # of a local cluster
        self.address = None
        if isinstance(target, distributed.Client):
            self.client = target
            self.where = f"Dask scheduler {getattr(target.scheduler, 'address', target)}"
        elif isinstance(target, str) and (m := _LOCAL_RE.fullmatch(target.strip())):
            self.workers = int(m.group(1)) if m.group(1) else jobs
            if self.workers < 1:
                raise KgError(f"Dask {target}: needs at least one worker")
            self.where = f"local Dask cluster ({self.workers} workers)"
        elif isinstance(target, str):
            target = target.strip()
            address = target if "://" in target else f"tcp://{target}"
            self.where = f"Dask scheduler {address}"
            self.address = self._resolve(address)
        else:  # a cluster object (LocalCluster, a dask-jobqueue cluster, ...)
            self.address = target
            self.where = f"Dask cluster {type(target).__name__}"
        self.own_client = self.client is None

    def _resolve(self, address: str) -> str:
        """The address checked before connecting (a Client made with a bad one hangs when collected)."""
        from distributed.comm import resolve_address

        try:
            try:
                return resolve_address(address)
            except ValueError as exc:
                if "missing port" not in str(exc):
                    raise
                return resolve_address(f"{address}:8786")  # the scheduler's default port
        except Exception as exc:  # a bad scheme or address (ValueError), an unknown host (OSError)
            raise KgError(f"{self.where}: cannot connect ({_one_line(exc)})") from None

    def _connect(self):
        distributed = self.distributed
        if self.client is None and self.workers:
            import logging

            try:
                self.cluster = distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                                        processes=True, dashboard_address=None,
                                                        silence_logs=logging.ERROR)
                self.client = distributed.Client(self.cluster, set_as_default=False)
            except Exception as exc:
                self.close()
                raise KgError(f"cannot start a {self.where}: {_one_line(exc)}") from None
        elif self.client is None:
            try:
                self.client = distributed.Client(self.address, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
            except Exception as exc:  # OSError, TimeoutError ...
                raise KgError(f"{self.where}: cannot connect ({_one_line(exc)})") from None
        self._check_workers()
        return self.client

    def _check_workers(self) -> None:
        """The workers there now must run the same kg (they import kg.store._extract by name)."""
        from . import __version__

        assert self.client is not None  # connected by the caller
        try:
            versions = self.client.run(_worker_kg_version)
        except Exception as exc:
            raise KgError(f"{self.where}: the workers cannot run kg ({_one_line(exc)}); install kg "
                          f"{__version__} on every worker") from None
        other = sorted({v for v in versions.values() if v != __version__})
        if other:
            raise KgError(f"{self.where}: workers run kg {', '.join(other)}, this is kg {__version__}")

    def map(self, tasks: Iterable[_Task]) -> Iterator[_Result]:
        distributed = self.distributed
        tasks = iter(tasks)
        first = next(tasks, None)  # reads articles (in this process) up to the first one not yet stored
        if first is None:
            return
        client = self._connect()
        # in flight: a few tasks per worker thread (workers that join later get theirs as tasks finish)
        window = max(16, 4 * sum(client.nthreads().values()))
        labels: dict = {}
        done = distributed.as_completed(loop=client.loop)

        def submit(task) -> None:
            future = client.submit(_extract, task, pure=False)
            labels[future.key] = task[0]
            done.add(future)

        submit(first)
        for _ in range(window - 1):
            if (task := next(tasks, None)) is None:
                break
            submit(task)
        for future in done:
            label = labels.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:
                if client.status != "running" or isinstance(exc, (distributed.comm.CommClosedError, OSError)):
                    raise KgError(f"{self.where}: lost the connection ({_one_line(exc)}); what is written "
                                  f"stays, run the same ingest again to resume") from None
                # e.g. KilledWorker: this article brought down the workers it ran on
                result = (label, None, None, f"Dask task failed: {type(exc).__name__}: {_one_line(exc)}", False)
            future.release()
            del future
            yield result
            if (task := next(tasks, None)) is not None:
                submit(task)

    def close(self) -> None:
        if self.own_client and self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.cluster = None
        if self.own_client:
            self.client = None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def default_jobs() -> int:
    """Extraction processes by default: one per core but one, for the process that reads the inputs,
    normalizes them and writes the store (on two cores one process with its writer thread is fastest)."""
    return max(1, (os.cpu_count() or 1) - 1)


class _Writer:
    """Writes extracted documents to the store in batches, each in a thread while the next is extracted.

    One batch at most is being written while the next one fills (pyoxigraph lets go of the GIL while it
    loads), so memory stays bounded. Leaving the ``with`` block writes what is left and waits for it.
    """

    def __init__(self, store: CorpusStore, base: str, added: list[str]):
        from concurrent.futures import ThreadPoolExecutor

        self.store, self.base, self.added = store, base, added
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="kg-store-writer")
        self.writing: Future[None] | None = None
        self.batch: list[tuple[str, bytes]] = []
        self.lines = 0

    def add(self, doc_id: str, ntriples: bytes) -> None:
        self.batch.append((doc_id, ntriples))
        self.lines += ntriples.count(b"\n")
        if self.lines >= BATCH_TRIPLES:
            self.flush()

    def flush(self) -> None:
        self.wait()
        if self.batch:
            self.writing = self.thread.submit(self._write, self.batch)
            self.batch, self.lines = [], 0

    def _write(self, batch: list[tuple[str, bytes]]) -> None:
        self.store.add(batch, self.base)
        self.added.extend(doc_id for doc_id, _ in batch)

    def wait(self) -> None:
        if self.writing is not None:
            writing, self.writing = self.writing, None
            writing.result()

    def __enter__(self) -> "_Writer":
        return self

    def __exit__(self, exc_type, *_) -> None:
        try:
            if exc_type is None:
                self.flush()
                self.wait()
        finally:
            # after an error or Ctrl-C the batch being written completes (the rest is extracted again
            # next time); its own error, if any, gives way to the one already on its way out
            self.thread.shutdown(wait=True)


def ingest(paths: Iterable[str], store_dir: str | os.PathLike, *, base: str = DEFAULT_BASE,
           jobs: int | None = None, items: list[Item] | None = None,
           progress: Callable[[int], None] | None = None,
           on_error: Callable[[str, str], None] | None = None, dask=None) -> IngestReport:
    """Extract every article under ``paths`` into the store, each into its own named graph.

    Articles whose text is already in the store are skipped without being extracted, so running the
    same ingest again adds nothing and an interrupted one resumes. Extraction runs in ``jobs`` worker
    processes (default :func:`default_jobs`; ``jobs=1`` extracts in this process). This process reads the
    inputs and writes the store, in batches of documents (:data:`BATCH_TRIPLES`) from a thread of its own
    while extraction goes on. ``progress(n)`` is called as items are done; ``on_error(label, message)``
    for each article that could not be read or extracted (the others are still ingested). An article
    with no facts is still added (its text is marked as ingested) and listed in ``report.empty``.

    ``dask`` runs the extraction on a Dask distributed cluster instead (``pip install 'kg[dask]'``): a
    scheduler address (``"tcp://scheduler:8786"``), ``"local"`` or ``"local:N"`` for a LocalCluster of
    N worker processes (default ``jobs``), or a ``distributed.Client``. Each article
    not yet in the store is one task (the normalized document goes to the cluster, its N-Triples come
    back), a bounded number in flight; this process still writes the store, the same way. The workers
    need kg installed.
    """
    from . import pipeline

    check_base(base)  # before any work: a bad base must not leave a store behind
    if not base.endswith(("/", "#")):
        base += "/"
    if items is None:
        items = collect(paths)
    jobs = max(1, jobs or default_jobs())
    report = IngestReport()
    tick = progress or (lambda n: None)

    def fail(label: str, message: str):
        report.failed.append((label, message))
        if on_error:
            on_error(label, message)

    # Workers start before the store is opened (a forked child never holds the database); this
    # process stops them, and what is written by then stays complete.
    executor: _Dask | _Pool | _Serial
    new_store = not Path(store_dir).exists()  # made here: taken away again if nothing gets into it
    opened = False
    if dask is not None:
        executor = _Dask(dask, jobs)
    elif jobs > 1 and len(items) > 1:
        executor = _Pool(min(jobs, len(items)))
    else:
        executor = _Serial()
    try:
        with CorpusStore(store_dir, create=True) as store:
            opened = True
            pending: set[str] = set()

            def tasks() -> Iterator[_Task]:
                for item in items:
                    try:
                        text, date = read_item(item)
                        doc = pipeline.prepare(text, date, source=item.label)
                    except KgError as exc:
                        fail(item.label, str(exc).removeprefix(f"{item.label}: "))
                        tick(1)
                        continue
                    except (ValueError, RecursionError) as exc:  # a record no check foresaw: skip it, go on
                        fail(item.label, f"cannot read ({type(exc).__name__}: {shorten(str(exc))})")
                        tick(1)
                        continue
                    if doc.id in pending or store.has(doc.id, base):
                        report.skipped.append(item.label)
                        tick(1)
                        continue
                    pending.add(doc.id)
                    yield item.label, doc, base

            with _Writer(store, base, report.added) as writer:
                for label, doc_id, nt, error, has_facts in executor.map(tasks()):
                    if error is not None:
                        fail(label, error)
                    else:
                        assert doc_id is not None and nt is not None  # no error: extracted
                        writer.add(doc_id, nt)
                        if not has_facts:
                            report.empty.append(label)
                    tick(1)
            report.documents = len(store.documents())
            report.triples = store.triple_count()
    except BaseException:
        if new_store and opened and not report.added:  # e.g. a Dask scheduler that cannot be reached
            shutil.rmtree(store_dir, ignore_errors=True)
        raise
    finally:
        executor.close()
    return report


# --------------------------------------------------------------------------------------------------
# Remove, export, push
# --------------------------------------------------------------------------------------------------


def remove(store_dir: str | os.PathLike, doc: str) -> list[str]:
    """Remove the document ``doc`` (an id, or a file whose text hashes to it) with all its triples.

    Entities other documents also mention keep what those documents say. Returns the removed ids;
    :class:`KgError` when none of them is in the store.
    """
    return remove_documents(store_dir, removal_plan(store_dir, [doc])[doc])


def removal_plan(store_dir: str | os.PathLike, docs: Iterable[str]) -> dict[str, list[str]]:
    """For each of ``docs`` (a document id, a file, a directory or a glob), the ids of its documents
    that are in the store: what removing it would take out. Nothing is removed; :class:`KgError` for
    one that names no document in the store, so a typo stops the removal before it starts."""
    wanted = {doc: doc_ids_of(doc) for doc in docs}
    with CorpusStore(store_dir) as store:
        present = set(store.documents())
    plan = {}
    for doc, ids in wanted.items():
        plan[doc] = [i for i in dict.fromkeys(ids) if i in present]
        if not plan[doc]:
            listed = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
            what = doc if ids == [doc] else f"{doc} (document {listed or 'none'})"
            raise KgError(f"{shorten(what, 200)}: not in store {store_dir}")
    return plan


def remove_documents(store_dir: str | os.PathLike, doc_ids: Iterable[str]) -> list[str]:
    """Remove the documents ``doc_ids`` (see :meth:`CorpusStore.remove`); the ids removed."""
    with CorpusStore(store_dir) as store:
        return [i for i in dict.fromkeys(doc_ids) if store.remove(i)]


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


def push(store_dir: str | os.PathLike, endpoint: str, *, timeout: float = 120, merged: bool = True,
         progress: Callable[[int], None] | None = None) -> list[str]:
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
            http_request("PUT", f"{url}{sep}graph={urllib.parse.quote(graph, safe='')}",
                         store.graph_ntriples(graph), headers, timeout)
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
