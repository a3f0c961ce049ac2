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
    if path.is_dir():
        raise KgError(f"{path}: is a directory")
    parent = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        reason = f"no such directory {parent}" if not parent.is_dir() else _reason(exc)
        raise KgError(f"{path}: cannot write ({reason})") from None
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
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise KgError(f"{path}: cannot write ({_reason(exc)})") from None
        raise


def _reason(exc: OSError) -> str:
    return " ".join(str(exc.strerror or exc).split()) or type(exc).__name__
