"""``kg ingest``, ``kg remove``, ``kg export`` and ``kg push``: the corpus store."""

from __future__ import annotations

import os
import sys

import click

from .. import store as st
from ..errors import InputError
from ..rdf.write import DEFAULT_BASE, check_base
from .options import SECONDS

_STORE = click.option(
    "--store",
    "store_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="The corpus store directory (an Oxigraph store).",
)


def _stderr():
    return sys.stderr  # looked up at call time (click's test runner swaps it)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@_STORE
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the minted entities.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes (default: one per core but one, for the process that writes the "
    "store; with --dask local, its workers).",
)
@click.option(
    "--dask",
    "dask",
    metavar="ADDRESS",
    help="Extract on a Dask cluster: its scheduler (tcp://host:8786), or local[:N] for a local "
    "cluster of N workers (needs: pip install 'kg[dask]').",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def ingest(paths, store_dir, base, jobs, dask, quiet):
    """Extract articles into a corpus store, one named graph per document.

    PATHS are files, directories (searched for .txt, .md, .html and .jsonl files) and globs; a .jsonl
    file holds one article per line as {"text": …, "date": "YYYY-MM-DD", "id": …} (date and id
    optional). A document already in the store (same text) is skipped, so ingesting again adds nothing
    and an interrupted ingest resumes. Exit status 1 when some article could not be read or extracted.

    \b
    Examples:
      kg ingest articles/ feed.jsonl --store corpus.store
      kg ingest articles/ --store corpus.store --dask tcp://scheduler:8786
    """
    check_base(base)  # every option is checked before any work
    items = st.collect(paths)
    failures: list[tuple[str, str]] = []
    with click.progressbar(
        length=len(items), label="ingest", file=_stderr(), hidden=quiet or not items or not _stderr().isatty()
    ) as bar:
        report = st.ingest(
            paths,
            store_dir,
            base=base,
            jobs=jobs,
            items=items,
            progress=bar.update,
            on_error=lambda label, msg: failures.append((label, msg)),
            dask=dask,
        )
    for label, msg in failures:
        click.echo(f"kg: warning: {label}: {msg}", err=True)
    if not quiet:
        click.echo(
            f"{len(report.added)} documents added, {len(report.empty)} with no facts, "
            f"{len(report.skipped)} already in the store, {len(failures)} failed; "
            f"{store_dir} holds {report.documents} documents, {report.triples} triples",
            err=True,
        )
    if failures:
        raise SystemExit(1)


#: More documents than this (or a directory) are removed only with --yes.
REMOVE_WITHOUT_YES = 5


@click.command()
@click.argument("docs", nargs=-1, required=True, metavar="DOC...")
@_STORE
@click.option(
    "-y", "--yes", is_flag=True, help=f"Remove more than {REMOVE_WITHOUT_YES} documents, or those of a directory."
)
def remove(docs, store_dir, yes):
    """Remove documents from a corpus store: DOC is a document id, or a file, directory or glob whose
    texts hash to the ids.

    Says how many documents go; more than a handful, or a directory's, go only with --yes.
    What other documents say about the same people and organizations stays.
    """
    plan = st.removal_plan(store_dir, docs)  # every DOC checked before anything is removed
    ids = list(dict.fromkeys(i for found in plan.values() for i in found))
    dirs = [d for d in docs if os.path.isdir(d)]
    if (len(ids) > REMOVE_WITHOUT_YES or dirs) and not yes:
        why = f"{dirs[0]} is a directory" if dirs else f"more than {REMOVE_WITHOUT_YES}"
        raise InputError(
            f"{len(ids)} document{'s' if len(ids) != 1 else ''} would be removed from {store_dir} "
            f"({why}): give --yes to remove them"
        )
    click.echo(f"removing {len(ids)} document{'s' if len(ids) != 1 else ''} from {store_dir}", err=True)
    for doc_id in st.remove_documents(store_dir, ids):
        click.echo(f"removed {doc_id}")


@click.command()
@_STORE
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write (atomically): .trig or .nq keep one graph per document, .ttl or .nt "
    "hold their union; - for stdout (with --format).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["trig", "nq", "ttl", "nt"]),
    help="Output format (default: from the file extension).",
)
def export(store_dir, output, fmt):
    """Write a corpus store to one RDF file."""
    if output == "-" and not fmt:
        raise InputError("--output -: give --format trig, nq, ttl or nt")
    st.export(store_dir, output, fmt)


@click.command()
@_STORE
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store protocol URL (Oxigraph: http://host:7878/store; a bare http://host:port gets /store).",
)
@click.option(
    "--timeout",
    type=SECONDS,
    default=120,
    show_default=True,
    help="Seconds per request (the whole request, however slowly the server answers).",
)
@click.option(
    "--merged/--no-merged",
    default=True,
    show_default=True,
    help="Also add the merged view of all documents to the server's default graph.",
)
def push(store_dir, endpoint, timeout, merged):
    """Send every document graph of a store to a SPARQL 1.1 Graph Store (PUT ?graph=IRI, N-Triples).

    The merged view of all documents is added to (POST, merged with) the server's default graph,
    which kg query --endpoint URL reads: pushing several stores to one server gives the union of
    them all, and pushing again changes nothing. A document removed from the store stays on the
    server (its graph and its facts in the default graph) until it is deleted there.
    """
    with st.CorpusStore(store_dir) as s:
        total = len(s.graphs()) + (1 if merged else 0)
    with click.progressbar(
        length=total, label="push", file=_stderr(), hidden=not total or not _stderr().isatty()
    ) as bar:
        sent = st.push(store_dir, endpoint, timeout=timeout, merged=merged, progress=bar.update)
    graphs = len(sent) - (1 if merged else 0)
    click.echo(
        f"pushed {graphs} document graphs{' and the merged view' if merged else ''} to "
        f"{st.endpoint_url(endpoint, '/store')}",
        err=True,
    )


__all__ = ["ingest", "remove", "export", "push"]
