"""The ``kg`` command line: thin adapters over the library (``import kg``)."""
from __future__ import annotations

import functools
import sys

import click

from .errors import KgError


class KgGroup(click.Group):
    """Turns library errors into one line on stderr and exit status 2 (a traceback only with --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="kg")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build knowledge graphs of corporate organization changes (W3C ORG) from articles."""
    ctx.obj = {"debug": debug}


# Command modules register themselves below, one line each.
from .commands import extract as _extract  # noqa: E402

main.add_command(_extract.extract)
main.add_command(_extract.validate)
from .commands import show as _show, render as _render  # noqa: E402

main.add_command(_show.show)
main.add_command(_render.render)
from .commands import query as _query, store as _store  # noqa: E402

main.add_command(_query.query)
main.add_command(_query.conflicts)
main.add_command(_store.ingest)
main.add_command(_store.remove)
main.add_command(_store.export)
main.add_command(_store.push)
from .commands import evaluate as _evaluate  # noqa: E402

main.add_command(_evaluate.evaluate)
