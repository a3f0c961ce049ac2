"""What a query may do, and how long it may run, whatever the source (file, store or endpoint).

Queries come from users and from files users are sent, so before any source runs one:

- ``SERVICE`` (SPARQL federation: the engine sends requests to any server the query names) is refused
  unless the query was prepared with ``allow_service=True``;
- every regular expression written in the query (the pattern of ``REGEX``/``REPLACE``) must compile: rdflib
  raised an exception deep inside evaluation and Oxigraph silently matched nothing, so the same bad
  pattern gave a traceback on a file and no rows on a store.

And while it runs, a query has a deadline: :func:`run_with_alarm` (rdflib, pure Python in the main thread,
where even a catastrophic regular expression checks for signals) and :func:`run_in_thread` (Oxigraph, which
releases the GIL while it evaluates but does not check for signals: the caller waits in a loop Ctrl-C can
break, and a query past its deadline is abandoned to its daemon thread, which ends with the process).
"""

from __future__ import annotations

import math
import re
import signal
import threading
from typing import TYPE_CHECKING, Callable, TypeVar

from ..errors import InputError, KgError, QueryError, shorten

if TYPE_CHECKING:
    from .sparql import PreparedQuery

__all__ = ["QueryTimeout", "check_query", "query_timeout", "run_with_alarm", "run_in_thread", "TIMEOUT_RANGE"]

T = TypeVar("T")


class QueryTimeout(QueryError):
    """A query that did not finish within its time limit."""


#: Time limits are kept between these (seconds): timers, socket timeouts and thread waits overflow on larger
#: values, and a timer of 1e-300 s would be no timer at all.
TIMEOUT_RANGE = (0.001, 1_000_000.0)


def query_timeout(value: object, what: str = "timeout") -> float | None:
    """``value`` as a time limit in seconds (None: no limit), brought within :data:`TIMEOUT_RANGE`;
    a one-line :class:`KgError` naming ``what`` unless a finite number greater than 0 (-1, nan, inf)."""
    if value is None:
        return None
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise InputError(f"{what} {shorten(value)!r}: expected a positive number of seconds")
    return min(max(seconds, TIMEOUT_RANGE[0]), TIMEOUT_RANGE[1])


def _timed_out(seconds: float) -> QueryTimeout:
    return QueryTimeout(
        f"query: stopped after {seconds:g} s without an answer (a time limit; raise it, or narrow the query)"
    )


# --------------------------------------------------------------------------------------------------
# Checks before running
# --------------------------------------------------------------------------------------------------


def check_query(prepared: "PreparedQuery") -> None:
    """:class:`KgError` for a ``SERVICE`` the query is not allowed, or a regular expression that does not
    compile (one line: the pattern and why)."""
    # SPARQL expands \uXXXX codepoint escapes in the whole query before parsing (rdflib does), so a keyword
    # may be written with them: look at the query as the parser will
    tokens = _tokens(_CODEPOINT_RE.sub(lambda m: chr(min(int(m.group(1) or m.group(2), 16), 0x10FFFF)), prepared.text))
    if not prepared.allow_service and any(t.upper() == "SERVICE" for t in tokens):
        raise QueryError(
            "query: SERVICE is refused (it makes the query engine send requests to other servers); "
            "allow it explicitly if you trust the query"
        )
    for i, tok in enumerate(tokens):
        if tok.upper() in ("REGEX", "REPLACE") and i + 1 < len(tokens) and tokens[i + 1] == "(":
            args = _arguments(tokens, i + 1)
            flags_at = 2 if tok.upper() == "REGEX" else 3
            pattern = _string_value(args[1]) if len(args) > 1 else None
            flags = _string_value(args[flags_at]) if len(args) > flags_at else ""
            if pattern is not None:
                check_regex(pattern, flags or "")


_CODEPOINT_RE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FLAGS = {"i": re.I, "s": re.S, "m": re.M, "x": re.X, "q": 0}


def check_regex(pattern: str, flags: str = "") -> None:
    """:class:`KgError` unless ``pattern`` (with SPARQL ``flags``) is a regular expression that compiles."""
    shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
    bad_flags = sorted(set(flags) - set(_FLAGS))
    if bad_flags:
        raise QueryError(f"query: bad regular expression flags {flags[:20]!r} (use i, s, m, x or q)")
    if "q" in flags:
        return  # a literal string, not a pattern
    value = 0
    for f in flags:
        value |= _FLAGS[f]
    try:
        re.compile(pattern, value)
    except (re.error, OverflowError, RecursionError) as exc:
        raise QueryError(f"query: bad regular expression {shown!r}: {exc}") from None


def _tokens(text: str) -> list[str]:
    """The query's tokens, without blanks and comments (strings and IRIs are one token each)."""
    from .sparql import TOKEN_RE

    return [m.group() for m in TOKEN_RE.finditer(text) if m.group()[0] not in " \t\r\n#"]


def _arguments(tokens: list[str], open_at: int) -> list[list[str]]:
    """The comma-separated arguments of the call whose ``(`` is ``tokens[open_at]``."""
    args: list[list[str]] = [[]]
    depth = 0
    for tok in tokens[open_at:]:
        if tok in "({[" and tok:
            depth += 1
            if depth == 1:
                continue
        elif tok in ")}]" and tok:
            depth -= 1
            if depth == 0:
                break
        elif tok == "," and depth == 1:
            args.append([])
            continue
        args[-1].append(tok)
    return args


_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)


def _string_value(arg: list[str]) -> str | None:
    """The value of an argument that is one plain string literal; None for anything else."""
    if len(arg) != 1 or arg[0][:1] not in ("'", '"'):
        return None
    tok = arg[0]
    quote = 3 if tok[:3] in ('"""', "'''") and len(tok) >= 6 else 1
    body = tok[quote:-quote]

    def unescape(m: re.Match) -> str:
        code = m.group(1)
        if code[0] in "uU" and len(code) > 1:
            return chr(min(int(code[1:], 16), 0x10FFFF))
        return _ESCAPES.get(code, code)

    return _ESCAPE_RE.sub(unescape, body)


# --------------------------------------------------------------------------------------------------
# Deadlines
# --------------------------------------------------------------------------------------------------


class _Alarm(BaseException):
    """Raised by the timer's signal handler: a BaseException, so that no ``except Exception`` of the
    engine takes it for an evaluation error."""


def run_with_alarm(work: Callable[[], T], timeout: float | None) -> T:
    """``work()`` stopped by :class:`QueryTimeout` after ``timeout`` seconds. Uses SIGALRM, so only in the
    main thread of the process; elsewhere ``work`` runs without a limit."""
    if timeout is None or threading.current_thread() is not threading.main_thread():
        return work()

    armed = [True]

    def ring(signum, frame):
        if armed[0]:  # not once the work is over (a signal may be handled a moment late)
            raise _Alarm()

    previous = signal.signal(signal.SIGALRM, ring)
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        return work()
    except _Alarm:
        raise _timed_out(timeout) from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_in_thread(work: Callable[[], T], timeout: float | None) -> T:
    """``work()`` in a daemon thread while this thread waits, at most ``timeout`` seconds; Ctrl-C ends the
    wait at once. For engines that release the GIL but cannot be interrupted: past the deadline the work
    goes on in its thread (holding what it holds, e.g. a store's lock) until it ends or the process exits."""
    outcome: list = []

    def target() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append((False, exc))

    thread = threading.Thread(target=target, name="kg-query", daemon=True)
    thread.start()
    thread.join(timeout)  # interruptible by Ctrl-C (a KeyboardInterrupt here)
    if not outcome:
        raise _timed_out(timeout or 0)
    ok, value = outcome[0]
    if not ok:
        if isinstance(value, KgError):  # its traceback's frames would keep what the work held (a store) open
            value.__context__ = None
            raise value.with_traceback(None)
        raise value
    return value
