"""Errors a user can act on. The CLI prints them as one line and exits with status 2."""


class KgError(Exception):
    """Bad input or a bad request: the message names the file (or value) and the problem."""

    exit_code = 2
