"""Option types shared by the commands: each user value is checked in one place, before any work.

A bad value is a one-line :class:`~kg.errors.KgError` naming the option (exit status 2), raised
while click parses the command line, so no command starts work on a value it would refuse later.
"""

from __future__ import annotations

import click

from ..errors import InputError, KgError, shorten
from ..extraction import dates
from ..query.safety import query_timeout


def _option(param: click.Parameter | None) -> str:
    return param.opts[0] if param is not None and param.opts else "value"


class DateType(click.ParamType):
    """A date option (:func:`kg.extraction.dates.parse_period`): ``YYYY-MM-DD``, or with ``partial`` also
    ``YYYY-MM`` and ``YYYY``. The value stays the text given (stripped)."""

    name = "date"

    def __init__(self, partial: bool = True):
        self.partial = partial

    def convert(self, value, param, ctx):
        try:
            dates.parse_period(value, full=not self.partial)
        except KgError:
            expected = "YYYY-MM-DD, YYYY-MM or YYYY" if self.partial else "YYYY-MM-DD"
            raise InputError(f"{_option(param)} {shorten(value)!r}: not a date (expected {expected})") from None
        return value.strip()


class SecondsType(click.ParamType):
    """A timeout: a positive, finite number of seconds (``-1``, ``0``, ``nan`` and ``inf`` are refused)."""

    name = "seconds"

    def convert(self, value, param, ctx):
        return query_timeout(value, _option(param))


#: Date options: PERIOD takes YYYY-MM-DD, YYYY-MM or YYYY; DAY only YYYY-MM-DD.
PERIOD = DateType(partial=True)
DAY = DateType(partial=False)
#: A --timeout option's type.
SECONDS = SecondsType()
