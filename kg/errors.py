"""Errors a user can act on: one hierarchy, every message one line naming the file (or value) and
the problem, and no message naming a command-line option (the library is used without one).

What a user can do about an error decides its class:

* :class:`InputError`: a file, record or value the user gave is bad (also a ``ValueError``, which
  it was before this hierarchy: code catching ``ValueError`` for a bad date keeps working);
* :class:`OutputError`: an output cannot be written (disk full, a directory, one of the inputs);
* :class:`QueryError`: a query cannot run (syntax, parameters, a refused operation, a timeout);
* :class:`StoreError`: a corpus store cannot be opened, read or written;
* :class:`RemoteError`: a server kg talks to (a SPARQL endpoint, a Dask cluster) cannot be reached
  or answered badly;
* :class:`SetupError`: kg's installation lacks something (a package, its data files, the model).

Catch :class:`KgError` for all of them. The command line turns each into one line on standard error
and an exit status; that mapping lives in the CLI (``kg.cli``), not here.
"""

from __future__ import annotations

__all__ = [
    "KgError",
    "InputError",
    "OutputError",
    "QueryError",
    "StoreError",
    "RemoteError",
    "SetupError",
    "ECHO_CHARS",
    "shorten",
    "one_line",
]

#: The most characters of a value a message echoes (see :func:`shorten`).
ECHO_CHARS = 80


class KgError(Exception):
    """An error a user can act on: the message names the file (or value) and the problem."""


class InputError(KgError, ValueError):
    """A file, record or value the user gave is bad: missing, unreadable, malformed or out of range."""


class OutputError(KgError):
    """An output cannot be written: standard output closed, a full disk, a directory, one of the inputs."""


class QueryError(KgError):
    """A query cannot run: bad syntax, a missing or bad parameter, a refused operation, a timeout."""


class StoreError(KgError):
    """A corpus store cannot be opened, read or written: damaged, foreign, in use, or without a document."""


class RemoteError(KgError):
    """A server kg talks to (a SPARQL endpoint, a Dask cluster) cannot be reached or answered badly."""


class SetupError(KgError):
    """kg's installation lacks something: an optional package, one of its data files, the NER model."""


def shorten(value: object, limit: int = ECHO_CHARS) -> str:
    """``str(value)`` cut to at most ``limit`` characters (a cut one ends in ``…``), for a message
    that echoes a user's value: a 20-million-character label must not make a 60 MB message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(what: BaseException | str) -> str:
    """A message on one line, for a message quoting it: an exception's (its type's name when it has
    none) or a text's (empty when it is blank)."""
    text = " ".join(str(what).split())
    return text or (type(what).__name__ if isinstance(what, BaseException) else "")
