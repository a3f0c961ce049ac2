"""The ``kg`` command line: thin adapters over the library (``import kg``)."""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import NoReturn

import click

from ..errors import InputError, KgError, OutputError, QueryError, RemoteError, SetupError, StoreError, shorten

#: The exit status of each kind of library error (the nearest class listed for an error wins): the one
#: place that decides them. Every one is 2 today, as for a usage error; a script told apart by the
#: status would start here.
EXIT_STATUS: dict[type[KgError], int] = {
    KgError: 2,
    InputError: 2,
    OutputError: 2,
    QueryError: 2,
    StoreError: 2,
    RemoteError: 2,
    SetupError: 2,
}


def exit_status(exc: KgError) -> int:
    """The exit status ``kg`` ends with for ``exc`` (see :data:`EXIT_STATUS`)."""
    return next(EXIT_STATUS[cls] for cls in type(exc).__mro__ if cls in EXIT_STATUS)


class KgGroup(click.Group):
    """Turns library errors into one line on stderr and exit status 2 (a traceback only with --debug).

    Standard output that cannot be written (closed with ``>&-``, a full device) is such an error too;
    a reader that went away (``| head``) ends the command quietly, as it does other Unix tools.
    """

    def invoke(self, ctx: click.Context):
        closed = sys.stdout is None  # Python's stdout when the command was started with fd 1 closed
        if closed:
            sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStdout()), encoding="utf-8")
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # what is still buffered fails here, not unseen at exit
            return result
        except KgError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _fail(str(exc), exit_status(exc))
        except BrokenPipeError:
            _silence_stdout()
            sys.exit(141)  # 128 + SIGPIPE, what the shell reports for a tool killed by a closed pipe
        except OSError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            reason = " ".join(str(exc.strerror or exc).split())
            # an error without a file name while writing is standard output's (files are named)
            if exc.filename is None and (exc.errno in _WRITE_ERRNOS or not _stdout_ok()):
                _fail(f"standard output: cannot write ({reason})", 2)
            where = f"{shorten(exc.filename, 200)}: " if exc.filename else ""
            _fail(f"{where}{reason}", 2)
        finally:
            if closed:
                sys.stdout = None  # nothing left to flush at exit


_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF}


class _ClosedStdout(io.RawIOBase):
    """Standard output when file descriptor 1 was closed: writing it is an error, not silence."""

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _stdout_ok() -> bool:
    try:
        sys.stdout.flush()
        return True
    except (OSError, ValueError, AttributeError):
        return False


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so that Python's own flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _fail(message: str, status: int) -> NoReturn:
    if not _stdout_ok():  # what was written before the error is kept; only what cannot be is dropped
        _silence_stdout()
    try:
        click.echo(f"kg: error: {message}", err=True)
    except OSError:
        pass
    sys.exit(status)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="kg")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build knowledge graphs of corporate organization changes (W3C ORG) from articles."""
    ctx.obj = {"debug": debug}


# Each command lives in kg/cli/; the library does the work.
from . import evaluate, extract, query, render, show, store  # noqa: E402

for command in (
    extract.extract,
    extract.validate,
    evaluate.evaluate,
    show.show,
    render.render,
    query.query,
    query.conflicts,
    store.ingest,
    store.remove,
    store.export,
    store.push,
):
    main.add_command(command)
