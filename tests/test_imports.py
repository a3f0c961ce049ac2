"""``import kg``, ``import kg.views.graph`` and ``kg --help`` load neither the extractor nor jieba."""

import ast
import subprocess
import sys

import pytest

from conftest import ROOT, subprocess_env

HEAVY = ("jieba", "kg.extraction.pipeline", "kg.extraction.mentions", "kg.extraction.segment")


def loaded_after(code):
    check = code + f"\nimport sys\nprint('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=subprocess_env(), cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()[-1].removeprefix("loaded:")


@pytest.mark.parametrize(
    "code",
    [
        "import kg",
        "import kg.views.graph",
        "import kg, kg.views.graph, kg.views.render, kg.query, kg.rdf.validate, kg.store",
        "import kg; kg.Document; kg.Sentence",
        "import sys; from kg.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
    ],
)
def test_light_imports(code):
    assert loaded_after(code) == ""


def test_lazy_names_resolve():
    import kg
    from kg.extraction import pipeline
    from kg.model import Document
    from kg.rdf import write as rdf

    assert kg.extract is pipeline.extract and kg.to_rdf is rdf.to_rdf and kg.Document is Document
    assert set(kg.__all__) <= set(dir(kg))
    with pytest.raises(AttributeError):
        kg.no_such_name  # noqa: B018
    assert loaded_after("import kg; kg.extract") == ",".join(HEAVY)


def test_subpackages_are_reached_from_the_package():
    """After a bare ``import kg``, ``kg.query`` and ``kg.store`` (whose ``__init__`` gathers their public
    names) are imported on first use; the README's ``prepare`` and ``to_ntriples`` are where it says."""
    import kg
    from kg.extraction.pipeline import prepare
    from kg.rdf.write import to_ntriples

    assert callable(kg.query.open_source) and callable(kg.store.ingest)
    doc = prepare("快手宣布成立商业生态委员会。")
    assert doc.sentences and to_ntriples(doc).strip()
    with pytest.raises(AttributeError):
        kg.no_such_module  # noqa: B018


# --------------------------------------------------------------------------------------------------
# No import cycles between kg's modules
# --------------------------------------------------------------------------------------------------


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(body, lazy):
    """The import statements of ``body``: those run on import, and with ``lazy`` also those inside
    functions; never those under ``if TYPE_CHECKING:`` (they are not run)."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from _imports(node.orelse, lazy)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if lazy:
                yield from _imports(node.body, lazy)
        else:
            for field in ("body", "orelse", "finalbody", "handlers"):
                yield from _imports(getattr(node, field, None) or [], lazy)


def import_graph(lazy=False):
    """kg module -> the kg modules it imports (a package's ``__init__`` under the package's name)."""
    modules = {_module_name(p): p for p in (ROOT / "kg").rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")).body, lazy):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([node.module] if node.module else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            deps |= {t for t in targets if t in modules and t != name}
        graph[name] = deps
    return graph


def cycles(graph):
    """Some cycles of ``graph`` (at least one when there is any), each as a list of modules."""
    found, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                found.append(stack[stack.index(dep) :] + [dep])
            elif dep not in state:
                visit(dep, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return found


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_import_graph_reads_relative_imports():
    graph = import_graph()
    assert {"kg.store.corpus_store", "kg.store.inputs"} <= graph["kg.store.ingestion"]
    assert "kg.query" in graph["kg.cli.query"]  # "from .. import query as q"
    assert "kg.store.corpus_store" not in graph["kg.query.sources"]  # imported inside open_source only
    assert "kg.store.corpus_store" in import_graph(lazy=True)["kg.query.sources"]


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_no_import_cycles_through_imports_inside_functions():
    """Imports inside functions (made late to keep ``import kg`` light) form no cycle either, except
    through the package ``kg`` itself, whose names are imported from their modules on first use."""
    graph = {name: deps - {"kg"} for name, deps in import_graph(lazy=True).items()}
    assert cycles(graph) == []


def test_no_private_name_is_imported_from_another_kg_module():
    """A name another module needs is public (no ``from .query import _width``)."""
    imported = []
    for path in (ROOT / "kg").rglob("*.py"):
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")).body, lazy=True):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("kg")):
                imported += [
                    f"{_module_name(path)}: {a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
    assert imported == []


def test_every_package_is_installed():
    """setup.cfg's ``packages`` lists every folder of kg that holds modules (a missing one would be left
    out of the wheel, and an installed kg would fail on import)."""
    import configparser

    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    listed = set(cfg["options"]["packages"].split())
    folders = {_module_name(p.parent / "__init__.py") for p in (ROOT / "kg").rglob("*.py")}
    assert folders <= listed
    assert all((ROOT / name.replace(".", "/") / "__init__.py").is_file() for name in folders)


MAX_MODULE_LINES = 600  # a module longer than this does several jobs: split it along a seam


def test_every_module_is_under_600_lines():
    """Every module of kg stays short enough to read as one job (issue 13)."""
    long = {
        _module_name(p): n
        for p in (ROOT / "kg").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) >= MAX_MODULE_LINES
    }
    assert long == {}
