"""The corpus store: an Oxigraph store on disk with one named graph per document (see :mod:`kg.store`)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError, QueryError, SetupError, StoreError, one_line, shorten
from ..query.results import Result, normalize_term
from ..query.safety import check_query, query_timeout, run_in_thread
from ..query.sparql import PreparedQuery, as_prepared, known_prefixes, syntax_error
from ..rdf.write import DEFAULT_BASE, OC, RDF
from .inputs import doc_ids_of

__all__ = ["CorpusStore", "is_store", "remove", "removal_plan", "remove_documents"]

# the files of a RocksDB database, and how long a directory of them alone may take to become one (seconds)
_ROCKSDB_FILE = re.compile(
    r"LOCK|LOG|LOG\.old\.\d+|IDENTITY|CURRENT|OPTIONS-\d+(\.dbtmp)?|MANIFEST-\d+"
    r"|\d+\.(log|sst|dbtmp)"
)
_CREATION_GRACE = 2.0
_GRAPH_RE = re.compile(r"/graph/([0-9a-f]{16})$")

# an empty named graph that exists while documents are being written (see CorpusStore.add)
_LOADING = "urn:kg:store:writing"
_RDF_TYPE, _OC_DOCUMENT = f"{RDF.iri}type", f"{OC.iri}Document"


def _doc_of(graph_iri: str) -> str:
    """The document node of a document graph: ``{base}graph/{id}`` -> ``{base}doc/{id}``."""
    i = graph_iri.rfind("graph/")
    return f"{graph_iri[:i]}doc/{graph_iri[i + len('graph/') :]}"


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
        raise SetupError("the corpus store needs pyoxigraph: pip install pyoxigraph") from None
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
    raise StoreError(f"unsupported term in results: {term!r}")


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
            raise StoreError(f"{path}: not a store directory (a file)")
        # another process may be creating the store right now: RocksDB writes its LOG before it takes the
        # LOCK and writes CURRENT last, so a directory of RocksDB's files alone is given a moment
        deadline = time.monotonic() + _CREATION_GRACE
        while not is_store(p):
            if _locked(p / "LOCK"):
                raise StoreError(f"{path}: store is in use by another process")
            if not create:
                raise StoreError(f"{path}: not a kg store (ingesting documents into a new directory makes one)")
            entries = [e.name for e in p.iterdir()] if p.exists() else []
            if not entries:
                break
            if not all(_ROCKSDB_FILE.fullmatch(e) for e in entries) or time.monotonic() > deadline:
                raise StoreError(f"{path}: directory is not empty and not a kg store")
            time.sleep(0.05)
        ox = _ox()
        try:
            self._store = ox.Store(str(p))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"{path}: store is in use by another process") from None
            raise StoreError(f"{path}: cannot open store ({' '.join(str(exc).split())})") from None
        except RuntimeError as exc:  # RocksDB's "Corruption: ...": truncated or foreign files
            raise StoreError(
                f"{path}: not a readable store, damaged or not Oxigraph's ({one_line(exc)[:200]})"
            ) from None
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
            raise StoreError(
                f"{self.description}: cannot write the store ({one_line(exc)}); it stays consistent "
                "(every document in it is complete), so ingesting again resumes"
            ) from None

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
            raise InputError(
                f"{', '.join(d for d, _ in documents)}: not N-Triples ({' '.join(str(exc).split())})"
            ) from None
        self._store.extend(quad for doc_id, _ in documents for quad in self._mark_quads(self.graph_iri(doc_id, base)))
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
        self._store.update(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }} ;\n"
            f"DROP GRAPH <{graph}>"
        )

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
        :class:`kg.query.safety.QueryTimeout` is raised while the abandoned query goes on (keeping the store
        busy) until it ends or the process exits - which the command line then does.
        """
        prepared = as_prepared(prepared)
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
            raise QueryError(f"query: {' '.join(str(exc).split())[:300]}") from None

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
        prefixes = {
            k: v
            for k, v in known_prefixes().items()
            if k in ("oc", "org", "foaf", "skos", "time", "prov", "dcterms", "xsd", "rdf")
        }
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
            raise StoreError(f"{shorten(what, 200)}: not in store {store_dir}")
    return plan


def remove_documents(store_dir: str | os.PathLike, doc_ids: Iterable[str]) -> list[str]:
    """Remove the documents ``doc_ids`` (see :meth:`CorpusStore.remove`); the ids removed."""
    with CorpusStore(store_dir) as store:
        return [i for i in dict.fromkeys(doc_ids) if store.remove(i)]
