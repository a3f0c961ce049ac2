"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import InputError, OutputError, shorten


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(path: str | os.PathLike, data: str | bytes) -> None:
    """Write an output the way every command does: ``-`` is standard output; a symbolic link is
    followed to the file it names; a device, FIFO or socket is written as a stream (replacing
    ``/dev/null`` by a regular file would break the system); a regular file is replaced atomically
    (:func:`write_atomic`), keeping the mode (and, for root, the owner) of the file it replaces.
    ``KgError`` ``"{path}: cannot write ({reason})"`` for any failure."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if os.fspath(path) == "-":
        write_stdout(raw)
        return
    try:
        mode = os.stat(path).st_mode  # through links (/dev/stdout names a pipe only the kernel can follow)
    except (OSError, ValueError):
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        try:
            with open(path, "wb") as fh:  # a device or a FIFO: a stream, never replaced
                fh.write(raw)
        except OSError as exc:
            raise OutputError(f"{shorten(path, 200)}: cannot write ({_reason(exc)})") from None
        return
    write_atomic(os.path.realpath(path), raw, label=path)  # a link's target is the file replaced


def write_stdout(data: bytes) -> None:
    """``data`` to standard output (after what is already buffered there). A closed or full standard
    output is a ``KgError``; a closed pipe (``| head``) is ``BrokenPipeError``, for the caller to end quietly."""
    out = sys.stdout
    if out is None:
        raise OutputError("standard output is closed")
    try:
        out.flush()
        out.buffer.write(data)
        out.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: closed file
        reason = _reason(exc) if isinstance(exc, OSError) else "closed"
        raise OutputError(f"standard output: cannot write ({reason})") from None


def write_atomic(path: str | os.PathLike, data: str | bytes, label: str | os.PathLike | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename.

    Either the old file or the complete new one exists, even if the process dies mid-write; a
    failed write leaves no temporary file behind. The new file keeps the old one's mode (a new one
    follows the umask). Every ``OSError`` (missing directory, directory in the way, permission
    denied, disk full) becomes a one-line :class:`~kg.errors.KgError` ``"{label}: cannot write
    ({reason})"`` (``label`` defaults to ``path``).
    """
    path = Path(path)
    name = shorten(label if label is not None else path, 200)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    check_output(path)
    try:
        old = os.stat(path)
    except (OSError, ValueError):
        old = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{name}: cannot write ({_reason(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as fh:  # closes fd whatever fails below
            # mkstemp makes 0600; a new file follows the umask, a replaced one keeps its mode and owner
            os.chmod(tmp, stat.S_IMODE(old.st_mode) if old else 0o666 & ~_umask())
            if old and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.chown(tmp, old.st_uid, old.st_gid)
                except OSError:
                    pass  # only root may give a file away; the mode is kept all the same
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass  # the write's own error is the one to report
        if isinstance(exc, OSError):
            raise OutputError(f"{name}: cannot write ({_reason(exc)})") from None
        raise


def check_output(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = ()) -> None:
    """``KgError`` at once when writing ``path`` cannot work or must not be done: it is a directory,
    its directory is missing, its name is too long, or it is one of ``inputs`` (the same file, by
    device and inode: writing it would destroy the input). Commands call it before long work, so
    that a typo in an output name costs no minutes. ``-`` (standard output) passes."""
    if os.fspath(path) == "-":
        return
    name = shorten(path, 200)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            return  # a device or FIFO (even behind /dev/stdout's link): written as a stream
    except (OSError, ValueError):
        pass  # a new file, or a name the checks below report
    path = Path(os.path.realpath(path))
    try:
        if path.is_dir():
            raise OutputError(f"{name}: is a directory")
        if not path.parent.is_dir():
            what = "not a directory" if path.parent.exists() else "no such directory"
            raise OutputError(f"{name}: cannot write ({what}: {shorten(path.parent, 200)})")
        out = os.stat(path) if path.exists() else None
    except OSError as exc:  # a name too long, a loop of links ...
        raise OutputError(f"{name}: cannot write ({_reason(exc)})") from None
    if out is None or not stat.S_ISREG(out.st_mode):
        return  # a new file, or a device / FIFO that is written as a stream
    for given in inputs:
        if os.fspath(given) == "-":
            continue
        try:
            inp = os.stat(given)
        except (OSError, ValueError):
            continue  # reading it reports the problem
        if (inp.st_dev, inp.st_ino) == (out.st_dev, out.st_ino):
            raise OutputError(f"{name}: is also an input (writing it would destroy {shorten(given, 200)})")


def _reason(exc: OSError) -> str:
    return " ".join(str(exc.strerror or exc).split()) or type(exc).__name__


#: The most bytes read whole from one input (a text, a graph, a query); an endless input such as
#: /dev/zero stops here with a one-line error instead of filling memory. Large text files are
#: streamed by ``kg extract`` (kg.store.stream) and never read whole.
MAX_READ_BYTES = 256 * 1024 * 1024


def open_binary(path: str | os.PathLike):
    """``path`` opened for reading bytes, or a one-line :class:`KgError` naming it (missing, a
    directory, unreadable, a name too long)."""
    name = shorten(path, 200)
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        try:
            if Path(path).is_dir():
                raise InputError(f"{name}: is a directory") from None
        except (OSError, ValueError):
            pass
        reason = _reason(exc) if isinstance(exc, OSError) else "bad file name"
        raise InputError(f"{name}: cannot read ({reason})") from None


def read_bytes(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of a file, or a one-line :class:`KgError` naming it (missing, a directory,
    unreadable, more than ``limit`` bytes — by default :data:`MAX_READ_BYTES`)."""
    with open_binary(path) as fh:
        return read_capped(fh, shorten(path, 200), limit)


def read_capped(fh, name: str, limit: int | None = None) -> bytes:
    """All of the binary file ``fh`` (named ``name`` in messages), up to ``limit`` bytes (default
    :data:`MAX_READ_BYTES`); ``KgError`` when there is more (an endless input like /dev/zero)."""
    limit = MAX_READ_BYTES if limit is None else limit
    try:
        data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({_reason(exc)})") from None
    if len(data) > limit:
        raise InputError(
            f"{name}: more than {_size(limit)}; stopped reading (kg reads at most that much of one input whole)"
        )
    return data


def _size(n: int) -> str:
    return f"{n / 2**20:g} MiB" if n >= 2**20 else f"{n:,} bytes"


def parse_json_record(line: str, where: str) -> Any:
    """One JSON value of a JSON Lines file; a one-line :class:`KgError` ``"{where}: why"`` when it is
    not JSON, nests too deeply for the parser, or holds a lone surrogate (``"\\ud800"``: valid JSON, but
    no text: it cannot be encoded, stored or compared)."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: not JSON (nested too deeply)") from None
    _check_surrogates(value, where)
    return value


def _check_surrogates(value: object, where: str) -> None:
    stack = [value]
    while stack:  # iterative: the value may nest as deep as the parser allows
        v = stack.pop()
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(
                    f"{where}: a lone surrogate \\u{ord(v[exc.start]):04x} in a string (not text)"
                ) from None
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
