"""Ingest: extract articles into the corpus store, in worker processes or on a Dask cluster, resumably.

This process reads the inputs (:mod:`kg.store.inputs`) and writes the store
(:class:`kg.store.corpus_store.CorpusStore`); an executor - this process, a pool of forked processes or a
Dask cluster - runs the extraction.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..errors import KgError, RemoteError, SetupError, one_line, shorten
from ..model import Document
from ..rdf.write import DEFAULT_BASE, check_base
from .corpus_store import CorpusStore
from .inputs import Item, collect, read_item

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "ingest",
    "IngestReport",
    "default_jobs",
    "SerialExecutor",
    "PoolExecutor",
    "DaskExecutor",
    "BATCH_TRIPLES",
    "DASK_CONNECT_TIMEOUT",
]


#: Triples an ingest writes at a time (one bulk load, a few MB of N-Triples; each costs some 50 ms more).
BATCH_TRIPLES = 20_000


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
    from ..extraction import pipeline
    from ..rdf import write as rdf

    label, doc, base = task
    try:
        doc = pipeline.annotate(doc)
        return label, doc.id, rdf.to_ntriples(doc, base).encode("utf-8"), None, doc.has_facts
    except KgError as exc:
        return label, None, None, str(exc), False
    except Exception as exc:  # an extractor bug must not stop a corpus ingest: report it, go on
        return label, None, None, f"extraction failed: {type(exc).__name__}: {exc}", False


class SerialExecutor:
    """Extraction in this process."""

    def map(self, tasks: Iterable[_Task]) -> Iterator[_Result]:
        return map(_extract, tasks)

    def close(self) -> None:
        pass


class PoolExecutor:
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


class DaskExecutor:
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
            raise SetupError("ingest on Dask needs Dask distributed: pip install 'kg[dask]'") from None
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
                raise RemoteError(f"Dask {target}: needs at least one worker")
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
            raise RemoteError(f"{self.where}: cannot connect ({one_line(exc)})") from None

    def _connect(self):
        distributed = self.distributed
        if self.client is None and self.workers:
            import logging

            try:
                self.cluster = distributed.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = distributed.Client(self.cluster, set_as_default=False)
            except Exception as exc:
                self.close()
                raise RemoteError(f"cannot start a {self.where}: {one_line(exc)}") from None
        elif self.client is None:
            try:
                self.client = distributed.Client(self.address, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
            except Exception as exc:  # OSError, TimeoutError ...
                raise RemoteError(f"{self.where}: cannot connect ({one_line(exc)})") from None
        self._check_workers()
        return self.client

    def _check_workers(self) -> None:
        """The workers there now must run the same kg (they import kg.store.ingestion._extract by name)."""
        from .. import __version__

        assert self.client is not None  # connected by the caller
        try:
            versions = self.client.run(_worker_kg_version)
        except Exception as exc:
            raise RemoteError(
                f"{self.where}: the workers cannot run kg ({one_line(exc)}); install kg {__version__} on every worker"
            ) from None
        other = sorted({v for v in versions.values() if v != __version__})
        if other:
            raise RemoteError(f"{self.where}: workers run kg {', '.join(other)}, this is kg {__version__}")

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
                    raise RemoteError(
                        f"{self.where}: lost the connection ({one_line(exc)}); what is written "
                        f"stays, run the same ingest again to resume"
                    ) from None
                # e.g. KilledWorker: this article brought down the workers it ran on
                result = (label, None, None, f"Dask task failed: {type(exc).__name__}: {one_line(exc)}", False)
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


def ingest(
    paths: Iterable[str],
    store_dir: str | os.PathLike,
    *,
    base: str = DEFAULT_BASE,
    jobs: int | None = None,
    items: list[Item] | None = None,
    progress: Callable[[int], None] | None = None,
    on_error: Callable[[str, str], None] | None = None,
    dask=None,
) -> IngestReport:
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
    from ..extraction import pipeline

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
    executor: DaskExecutor | PoolExecutor | SerialExecutor
    new_store = not Path(store_dir).exists()  # made here: taken away again if nothing gets into it
    opened = False
    if dask is not None:
        executor = DaskExecutor(dask, jobs)
    elif jobs > 1 and len(items) > 1:
        executor = PoolExecutor(min(jobs, len(items)))
    else:
        executor = SerialExecutor()
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
