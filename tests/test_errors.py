"""One error hierarchy (issue 13): the CLI alone decides exit statuses and prints; library messages name
no command-line option; graph.py's bad dates are the hierarchy's InputError (still a ValueError)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.errors
import kg.query.httpclient
import kg.query.safety
import kg.query.sparql
from kg.cli import EXIT_STATUS, exit_status, main, show
from kg.errors import InputError, KgError
from kg.views import graph as kgg

KG = Path(kg.errors.__file__).parent
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _library_modules() -> list[Path]:
    """Every module of kg but the command line's (which alone names options, prints and exits)."""
    return [p for p in sorted(KG.rglob("*.py")) if not {"cli", "cli.py", "commands"} & set(p.relative_to(KG).parts)]


def _error_classes() -> list[type[KgError]]:
    out, todo = [], [KgError]
    while todo:
        cls = todo.pop()
        out.append(cls)
        todo.extend(cls.__subclasses__())
    return out


def _make(cls: type[KgError]) -> KgError:
    if cls is kg.query.httpclient.HttpStatusError:
        return cls(500, "g.ttl: the problem", "body")
    return cls("g.ttl: the problem")


def test_the_hierarchy_is_all_there():
    names = {cls.__name__ for cls in _error_classes()}
    assert {"InputError", "OutputError", "QueryError", "StoreError", "RemoteError", "SetupError"} <= names
    assert {"QuerySyntaxError", "QueryTimeout", "HttpStatusError"} <= names
    assert not hasattr(KgError("x"), "exit_code")  # the library carries no exit status


@pytest.mark.integration
@pytest.mark.parametrize("cls", _error_classes(), ids=lambda c: c.__name__)
def test_every_error_is_one_line_and_exit_2_from_the_cli(cls, monkeypatch, tmp_path):
    def fail(_where):
        raise _make(cls)

    monkeypatch.setattr(show, "read_graph", fail)
    result = CliRunner().invoke(main, ["show", "committees", "--graph", str(tmp_path / "g.ttl")])
    assert exit_status(_make(cls)) == 2
    assert result.exit_code == 2, result.output
    assert result.output == "kg: error: g.ttl: the problem\n"


def test_exit_statuses_are_decided_in_one_table():
    assert set(EXIT_STATUS) >= {KgError, *KgError.__subclasses__()}
    assert set(EXIT_STATUS.values()) == {2}


def test_a_bad_date_is_an_input_error_and_still_a_value_error():
    with pytest.raises(InputError, match="not a date: 'yesterday'"):
        kgg.period("yesterday")
    with pytest.raises(ValueError):
        kgg.first_day("Sept 2022")


def _strings(tree: ast.AST) -> list[ast.Constant]:
    """The string constants of a module but its docstrings (which may show a command line)."""
    docs = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            docs.add(id(body[0].value))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_no_library_message_names_a_command_line_option():
    modules = _library_modules()
    assert len(modules) > 30
    found = [
        f"{path.relative_to(KG)}:{node.lineno}: {node.value!r}"
        for path in modules
        for node in _strings(ast.parse(path.read_text(encoding="utf-8")))
        if FLAG.search(node.value)
    ]
    assert found == []


def test_no_library_module_prints_or_uses_click():
    found = []
    for path in _library_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                found.append(f"{path.relative_to(KG)}:{node.lineno}: print")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(n == "click" or n.startswith("click.") for n in names):
                    found.append(f"{path.relative_to(KG)}:{node.lineno}: imports click")
    assert found == []


def test_the_scan_sees_a_flag():
    tree = ast.parse('"""docstring: kg query --param x"""\nraise KgError("use --endpoint URL")\n')
    assert [n.value for n in _strings(tree) if FLAG.search(n.value)] == ["use --endpoint URL"]
