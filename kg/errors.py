"""Errors a user can act on. The CLI prints them as one line and exits with status 2."""

from __future__ import annotations

#: The most characters of a value a message echoes (see :func:`shorten`).
ECHO_CHARS = 80


class KgError(Exception):
    """Bad input or a bad request: the message names the file (or value) and the problem."""

    exit_code = 2


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
