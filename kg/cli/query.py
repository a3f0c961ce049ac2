"""``kg query`` and ``kg conflicts``."""

from __future__ import annotations

import shutil

import click

from .. import query as q
from ..errors import InputError, shorten
from ..query.safety import query_timeout
from ..query.suggest import check_names
from ..rdf.write import DEFAULT_BASE
from .options import SECONDS


def _source(source: str | None, store: str | None, endpoint: str | None, union: bool, timeout: float) -> q.Source:
    given = [x for x in (source, store, endpoint) if x]
    if len(given) > 1:
        raise InputError("give one source: an RDF file or store directory, --store DIR or --endpoint URL")
    return q.open_source(source or store, endpoint=endpoint, union=union, timeout=timeout)


def _run(
    src: q.Source,
    prepared: q.PreparedQuery,
    timeout: float,
    named: str | None = None,
    values: dict[str, str] | None = None,
) -> q.Result:
    """The result; for a canned query that found nothing, an error when a name it was given matches nobody."""
    try:
        result = src.query(prepared, timeout=timeout)
        if named and values and result.kind == "rows" and not result.rows:
            check_names(src, named, values, timeout)
        return result
    finally:
        src.close()


_TIMEOUT = click.option(
    "--timeout",
    type=SECONDS,
    default=60,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this long (any source; for an endpoint, the whole request).",
)


def _list_canned() -> str:
    lines = []
    for cq in q.canned_queries().values():
        params = " ".join(f"[--param {p.name}=…]" if p.optional else f"--param {p.name}=…" for p in cq.params)
        lines.append(f"{cq.name}{'  ' + params if params else ''}")
        lines.append(f"    {cq.summary}")
        for p in cq.params:
            lines.append(f"    {p.name} ({p.kind}{', optional' if p.optional else ''}): {p.help}")
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("args", nargs=-1, metavar="[SOURCE] [QUERY]")
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Read the query from a .rq file (- for stdin).",
)
@click.option("-n", "--named", metavar="NAME", help="Run a canned query (see --list).")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE (an RDF term, never query text); repeatable.",
)
@click.option("--store", "store", type=click.Path(file_okay=False), help="Query a corpus store directory.")
@click.option(
    "--endpoint", metavar="URL", help="Query a SPARQL endpoint (a bare http://host:port gets Oxigraph's /query)."
)
@click.option(
    "--union",
    is_flag=True,
    help="Ask the endpoint for the union of its named graphs as default graph (Oxigraph's "
    "union-default-graph parameter); not needed after kg push.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(q.FORMATS),
    default="table",
    show_default=True,
    help="Output: aligned table, SPARQL CSV, SPARQL results JSON, or Turtle (CONSTRUCT/DESCRIBE).",
)
@click.option(
    "--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the entities (shown relative in tables)."
)
@_TIMEOUT
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let the query use SERVICE, which makes the engine send requests to the servers it names "
    "(refused by default: a query from elsewhere could reach any host).",
)
@click.option("--list", "list_", is_flag=True, help="List the canned queries and their parameters.")
def query(args, query_file, named, params, store, endpoint, union, fmt, base, timeout, allow_service, list_):
    """Run a SPARQL query over a graph file, a corpus store or a remote endpoint.

    SOURCE is a Turtle, N-Triples, JSON-LD, TriG or N-Quads file (read into memory; quad files as the
    union of their graphs) or a store directory made by kg ingest; QUERY is the query text, or use
    -f FILE.rq or --named NAME.

    \b
    Examples:
      kg query kuaishou.ttl 'SELECT ?n WHERE { ?p a foaf:Person ; foaf:name ?n }'
      kg query corpus.store --named reports-to --param person=小谷
      kg query --endpoint http://localhost:7878 -f my.rq --format csv
      kg query --list
    """
    if list_:
        click.echo(_list_canned(), nl=False)
        return
    args = list(args)
    source = None
    if not (store or endpoint):
        if not args:
            raise click.UsageError("missing SOURCE (an RDF file or a store directory), or --store / --endpoint")
        source = args.pop(0)
    if len(args) > 1:
        raise click.UsageError(f"unexpected argument {shorten(args[1])!r} (quote the query)")
    given = sum(bool(x) for x in (args, query_file, named))
    if given != 1:
        raise click.UsageError("give exactly one query: QUERY, -f FILE or --named NAME")
    values = q.parse_params(params)
    if named:
        prepared = q.named_query(named, values)
    else:
        if query_file:
            text = _read(query_file)
        else:
            text = args[0]
        prepared = q.prepare(text, values, allow_service=allow_service)
    timeout = query_timeout(timeout)
    result = _run(_source(source, store, endpoint, union, timeout), prepared, timeout, named, values)
    click.echo(q.format_result(result, fmt, base), nl=False)


def _read(path: str) -> str:
    from ..extraction.text import read_text

    return read_text(path)  # "-": standard input


@click.command()
@click.argument("source", required=False)
@click.option("--store", "store", type=click.Path(file_okay=False), help="The corpus store directory.")
@click.option("--endpoint", metavar="URL", help="A SPARQL endpoint holding the pushed store.")
@click.option("--union", is_flag=True, help="Ask the endpoint for the union of its named graphs as default graph.")
@click.option("--format", "fmt", type=click.Choice(q.FORMATS[:3]), default="table", show_default=True)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI (shown relative in tables).")
@click.option(
    "--within", metavar="ORG", help="Only this organization and its units (at any depth), by any of its labels."
)
@_TIMEOUT
def conflicts(source, store, endpoint, union, fmt, base, within, timeout):
    """List where documents disagree, each with both sources (document id, date, sentence).

    Two people currently heading one organization in the same head role according to different
    documents ("two heads"), and a post current in one document but ended in another ("current and
    ended"). Reads a store (--store DIR), an RDF file or an endpoint. On a large store, --within
    answers in milliseconds where the whole store takes seconds.

    \b
    Example:
      kg conflicts --store corpus.store --within 京东集团
    """
    if not (source or store or endpoint):
        raise click.UsageError("give --store DIR (or an RDF file, or --endpoint URL)")
    timeout = query_timeout(timeout)
    values = {"within": within} if within else {}
    result = _run(
        _source(source, store, endpoint, union, timeout),
        q.named_query("conflicts", values),
        timeout,
        "conflicts",
        values,
    )
    if fmt == "table":  # blocks that fit the terminal: the sentences make a table row hundreds of columns wide
        from ..views.where import conflicts_text

        click.echo(conflicts_text(result, shutil.get_terminal_size((100, 24)).columns), nl=False)
    else:
        click.echo(q.format_result(result, fmt, base), nl=False)
    if fmt == "table":
        n = len(result.rows)
        click.echo(f"{n} conflict{'s' if n != 1 else ''}", err=True)


__all__ = ["query", "conflicts"]
