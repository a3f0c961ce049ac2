"""Where kg's packaged files are: the ontology, SHACL shapes, canned queries and the HTML page.

The files live in the top-level ``ontology/`` folder of the source tree; the build ships them
inside the package as ``kg/ontology/`` (setup.cfg maps the package ``kg.ontology`` to
``ontology/``). An installed kg reads them from the package; a source checkout (``PYTHONPATH``
or an editable install) from the top-level folder. The page that ``kg render`` writes (its HTML
template and script) is package data in ``kg/views/page/``.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path


@cache
def ontology_dir() -> Traversable:
    """The folder holding ``org-change.ttl``, ``shapes.ttl`` and ``queries/*.rq``."""
    packaged = importlib.resources.files("kg") / "ontology"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "ontology"


def ontology_file(*parts: str) -> Traversable:
    """A file under :func:`ontology_dir`, e.g. ``ontology_file("queries", "heads-of.rq")``."""
    res = ontology_dir()
    for part in parts:
        res = res / part
    return res


def page_file(name: str) -> Traversable:
    """A file of the HTML page that :mod:`kg.views.render` writes, e.g. ``page_file("app.js")``."""
    return importlib.resources.files("kg") / "views" / "page" / name
