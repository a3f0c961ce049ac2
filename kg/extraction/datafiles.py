"""kg's data files (``kg/data``): reading their rows, each checked as it is read (a bad one is a SetupError
naming the file and the line), and the relation rules they name (:func:`rule`, :func:`load_rules`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from ..errors import SetupError

DATA_DIR = Path(__file__).parent.parent / "data"


def _read_data(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SetupError(f"{path}: cannot read data file ({exc.strerror or exc})") from None


@lru_cache(maxsize=None)
def load_table(name: str, columns: int = 2) -> tuple[tuple[str, ...], ...]:
    """Rows of the tab-separated data file ``kg/data/<name>``: comments (#) and blank lines skipped.

    Each row has at least ``columns`` fields (extra ones, such as notes, are kept).
    """
    return tuple(fields for _, fields in read_rows(DATA_DIR / name, columns))


def read_rows(
    path: Path, columns: int = 2, most: int | None = None, required: int | None = None
) -> list[tuple[int, tuple[str, ...]]]:
    """(line number, fields) of each row of the tab-separated file at ``path``, comments (#) and blank
    lines skipped. A row has ``columns`` to ``most`` fields (None: any more), the first ``required``
    (default: ``columns``) not empty; a row that has not is a SetupError naming the file and the line."""
    rows = []
    for lineno, line in enumerate(_read_data(path).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\r").split("\t")
        if len(fields) < columns or (most is not None and len(fields) > most):
            expected = columns if most == columns else f"{columns} to {most}" if most else f"at least {columns}"
            raise SetupError(f"{path}:{lineno}: expected {expected} tab-separated fields, got {len(fields)}")
        empty = [n for n, f in enumerate(fields[: columns if required is None else required], 1) if not f]
        if empty:
            raise SetupError(f"{path}:{lineno}: field {empty[0]} is empty")
        rows.append((lineno, tuple(fields)))
    return rows


RuleHandler = TypeVar("RuleHandler", bound=Callable[..., Any])
_RULE_GROUPS = "rule_groups"  # where @rule keeps the groups a handler reads


def rule(*groups: str) -> Callable[[RuleHandler], RuleHandler]:
    """Mark a method as a relation rule that a rules file may name; ``groups`` are the named groups of
    the match it reads (``m.group("person")``), which :func:`load_rules` checks its pattern has."""

    def mark(handler: RuleHandler) -> RuleHandler:
        setattr(handler, _RULE_GROUPS, groups)
        return handler

    return mark


def load_rules(
    name: str, owner: type, data_dir: Path | None = None
) -> list[tuple[Callable[..., Any], re.Pattern[str]]]:
    """The relation rules of data file ``name`` (handler <TAB> tag pattern <TAB> example) under
    ``data_dir`` (default ``kg/data``): each handler a method of ``owner`` marked :func:`rule`, each
    pattern compiled. A handler that is no rule, a pattern that does not compile or lacks a group its
    handler reads is a SetupError naming the file and the line."""
    path = (data_dir or DATA_DIR) / name
    out = []
    for lineno, line in enumerate(_read_data(path).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise SetupError(f"{path}:{lineno}: expected handler <TAB> pattern")
        handler = getattr(owner, fields[0], None)
        groups = getattr(handler, _RULE_GROUPS, None)
        if handler is None or groups is None:
            raise SetupError(f"{path}:{lineno}: handler {fields[0]!r} is not a rule")
        try:
            pattern = re.compile(fields[1])
        except re.error as exc:
            raise SetupError(f"{path}:{lineno}: bad pattern {fields[1]!r} ({exc})") from None
        missing = [g for g in groups if g not in pattern.groupindex]
        if missing:
            raise SetupError(f"{path}:{lineno}: pattern has no group {missing[0]!r} (handler {fields[0]!r} reads it)")
        out.append((handler, pattern))
    return out


def compile_rows(name: str, kind: str, flags: int = 0) -> re.Pattern | None:
    """One alternation of every regex of ``kind`` in data file ``name`` (None when there is none)."""
    parts = []
    for row in load_table(name):
        if row[0] != kind:
            continue
        try:
            re.compile(row[1])
        except re.error as exc:
            raise SetupError(f"{DATA_DIR / name}: bad pattern {row[1]!r} ({exc})") from None
        parts.append(f"(?:{row[1]})")
    return re.compile("|".join(parts), flags) if parts else None
