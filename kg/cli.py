"""The ``kg`` command line: thin adapters over the library (``import kg``)."""
from __future__ import annotations

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


# Each command lives in kg/commands/; the library does the work.
from .commands import evaluate, extract, query, render, show, store  # noqa: E402

for command in (extract.extract, extract.validate, evaluate.evaluate, show.show, render.render,
                query.query, query.conflicts, store.ingest, store.remove, store.export, store.push):
    main.add_command(command)
