import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "examples" / "kuaishou-2022-09.txt").read_text(encoding="utf-8")


def subprocess_env(**extra):
    """The environment for a child Python that must import kg from this tree (not another install)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def seed_doc():
    import kg

    return kg.extract(SEED_TEXT)


@pytest.fixture(scope="session")
def seed_graph(seed_doc):
    import kg

    return kg.to_rdf(seed_doc)


def pytest_collection_modifyitems(config, items):
    """A test with neither an ``integration`` nor a ``unit`` mark (doctests too) is a unit test."""
    for item in items:
        if not (item.get_closest_marker("integration") or item.get_closest_marker("unit")):
            item.add_marker(pytest.mark.unit)
