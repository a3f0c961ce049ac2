"""kg's data files (``kg/data``): reading their rows, each checked as it is read (a bad one is a SetupError
naming the file and the line), and the relation rules they name (:func:`rule`, :func:`load_rules`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, TypeVar

from ..errors import SetupError

DATA_DIR = Path(__file__).parent.parent / "data"


def _read_data(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SetupError(f"{path}: cannot read data file ({exc.strerror or exc})") from None


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


def read_kinds(path: Path, kinds: Collection[str], columns: int = 2) -> list[tuple[int, tuple[str, ...]]]:
    """The rows (:func:`read_rows`) of a file whose first field says what kind of row each is, every kind one
    of ``kinds``: a row of another kind is a SetupError naming the file and the line."""
    rows = read_rows(path, columns)
    for lineno, (kind, *_) in rows:
        if kind not in kinds:
            raise SetupError(f"{path}:{lineno}: kind {kind!r} is unknown")
    return rows


def compile_pattern(path: Path, lineno: int, regex: str) -> re.Pattern[str]:
    """``regex`` of line ``lineno`` of ``path`` compiled; one that does not compile is a SetupError naming both."""
    try:
        return re.compile(regex)
    except re.error as exc:
        raise SetupError(f"{path}:{lineno}: bad pattern {regex!r} ({exc})") from None


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
        pattern = compile_pattern(path, lineno, fields[1])
        missing = [g for g in groups if g not in pattern.groupindex]
        if missing:
            raise SetupError(f"{path}:{lineno}: pattern has no group {missing[0]!r} (handler {fields[0]!r} reads it)")
        out.append((handler, pattern))
    return out
