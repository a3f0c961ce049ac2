"""Writing files so that a reader never sees half of one."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import KgError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename.

    Either the old file or the complete new one exists, even if the process dies mid-write; a
    failed write leaves no temporary file behind. Every ``OSError`` (missing directory, directory
    in the way, permission denied, disk full) becomes a one-line
    :class:`~kg.errors.KgError` ``"{path}: cannot write ({reason})"``.
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    check_output(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise KgError(f"{path}: cannot write ({_reason(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as fh:  # closes fd whatever fails below
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a normal file follows the umask
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
            raise KgError(f"{path}: cannot write ({_reason(exc)})") from None
        raise


def check_output(path: str | os.PathLike) -> None:
    """``KgError`` at once when writing ``path`` cannot work: it is a directory, or its directory is
    missing. Commands call it before long work, so that a typo in ``-o`` costs no minutes."""
    path = Path(path)
    if path.is_dir():
        raise KgError(f"{path}: is a directory")
    if not path.parent.is_dir():
        what = "not a directory" if path.parent.exists() else "no such directory"
        raise KgError(f"{path}: cannot write ({what}: {path.parent})")


def _reason(exc: OSError) -> str:
    return " ".join(str(exc.strerror or exc).split()) or type(exc).__name__


def open_binary(path: str | os.PathLike):
    """``path`` opened for reading bytes, or a one-line :class:`KgError` naming it (missing, a
    directory, unreadable)."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise KgError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise KgError(f"{path}: is a directory") from None
    except PermissionError:
        raise KgError(f"{path}: permission denied") from None
    except OSError as exc:
        if Path(path).is_dir():
            raise KgError(f"{path}: is a directory") from None
        raise KgError(f"{path}: cannot read ({_reason(exc)})") from None


def read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a file, or a one-line :class:`KgError` naming it (missing, a directory, unreadable)."""
    with open_binary(path) as fh:
        try:
            return fh.read()
        except OSError as exc:
            raise KgError(f"{path}: cannot read ({_reason(exc)})") from None
