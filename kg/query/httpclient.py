"""One HTTP request with a deadline for the whole exchange (for ``kg push`` and endpoint queries).

urllib's ``timeout`` bounds each socket operation, so a server that sends one byte a second keeps a
request alive for ever; here a timer shuts the connection when the deadline passes, whatever phase the
request is in (sending, waiting for the status line, reading the body). Redirects are followed only to
the same origin (scheme, host and port), with the same method and body: a query or a graph is never sent
to a server the user did not name, and never silently dropped (urllib turns a redirected POST into a GET
without the query).
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse

from ..errors import InputError, RemoteError

__all__ = ["http_request", "HttpStatusError", "short_url", "MAX_REDIRECTS", "MAX_RESPONSE_BYTES"]

MAX_REDIRECTS = 5
#: The largest answer read (bytes).
MAX_RESPONSE_BYTES = 1 << 30
_REDIRECTS = (301, 302, 303, 307, 308)


class HttpStatusError(RemoteError):
    """The server answered with an error status; ``body`` is the start of its explanation."""

    def __init__(self, status: int, message: str, body: str):
        super().__init__(message)
        self.status, self.body = status, body


def short_url(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


def http_request(
    method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None, timeout: float = 60
) -> tuple[int, str, bytes]:
    """(status, content type, body) of an HTTP request; :class:`KgError` (one line) when it fails.

    ``timeout`` bounds the whole request, redirects included. A failure to connect says "cannot reach";
    a server that accepted the connection but did not answer in time says "timed out after N s".
    """
    from .safety import query_timeout

    timeout = query_timeout(timeout) or 60  # one validation of time limits (-1, nan, 1e300 …)
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        status, reason, ctype, body, location = _exchange(method, url, data, headers or {}, deadline, timeout)
        if status in _REDIRECTS and location:
            target = urllib.parse.urljoin(url, location)
            if _origin(target) != _origin(url):
                raise RemoteError(
                    f"{method} {short_url(url)}: redirected to another server ({short_url(target)}); not followed"
                )
            url = target
            continue
        if status >= 300:
            detail = " ".join(body.decode("utf-8", "replace").split())[:300]
            raise HttpStatusError(
                status, f"{method} {short_url(url)}: HTTP {status} {reason}" + (f": {detail}" if detail else ""), detail
            )
        return status, ctype, body
    raise RemoteError(f"{method} {short_url(url)}: more than {MAX_REDIRECTS} redirects")


def _exchange(
    method: str, url: str, data: bytes | None, headers: dict[str, str], deadline: float, timeout: float
) -> tuple[int, str, str, bytes, str | None]:
    """One request and its whole answer: (status, reason, content type, body, Location header)."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        raise InputError(f"{short_url(url)}: not a valid URL (bad port)") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{short_url(url)}: not an http(s) URL")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise RemoteError(f"{short_url(url)}: timed out after {timeout:g} s")
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = cls(parts.hostname, port, timeout=remaining)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    try:
        conn.connect()
    except (TimeoutError, OSError) as exc:
        conn.close()
        reason = "timed out" if isinstance(exc, TimeoutError) else (exc.strerror or str(exc))
        raise RemoteError(f"{short_url(url)}: cannot reach endpoint ({reason})") from None
    cut = threading.Event()

    def shut() -> None:  # the deadline: end the exchange whatever it is waiting for
        cut.set()
        sock = conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    timer = threading.Timer(max(deadline - time.monotonic(), 0), shut)
    timer.daemon = True
    timer.start()
    try:
        conn.request(method, target, body=data, headers=headers)
        resp = conn.getresponse()
        chunks, size = [], 0
        while chunk := resp.read(1 << 20):
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:  # a server streaming without end would fill the memory first
                raise RemoteError(
                    f"{short_url(url)}: answer larger than {MAX_RESPONSE_BYTES >> 20} MB; not read further"
                )
            chunks.append(chunk)
        body = b"".join(chunks)
        if cut.is_set():  # the body may have been cut short
            raise TimeoutError
        return resp.status, resp.reason, resp.getheader("Content-Type", "") or "", body, resp.getheader("Location")
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        if cut.is_set() or isinstance(exc, TimeoutError):
            raise RemoteError(
                f"{short_url(url)}: timed out after {timeout:g} s "
                "(the server accepted the connection but did not answer in time)"
            ) from None
        if isinstance(exc, http.client.InvalidURL):
            raise InputError(f"{short_url(url)}: not a valid URL ({exc})") from None
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else (str(exc) or type(exc).__name__)
        raise RemoteError(f"{short_url(url)}: bad answer from endpoint ({' '.join(reason.split())[:200]})") from None
    finally:
        timer.cancel()
        conn.close()
