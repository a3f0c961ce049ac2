"""kg: knowledge graphs of corporate organization changes.

>>> import kg
>>> doc = kg.extract("快手宣布成立商业生态委员会,由CEO程一晓担任主席。", date="2022-09-16")
>>> graph = kg.to_rdf(doc)            # an rdflib.Graph in the W3C ORG vocabulary
>>> print(graph.serialize(format="turtle"))  # doctest: +SKIP

``import kg`` is cheap: the names below are imported from their modules on first use, so
``import kg.views.graph`` (reading and drawing graphs) never loads the extractor nor jieba.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_LAZY = {
    "extract": "extraction.pipeline",
    "to_rdf": "rdf.write",
    "Document": "model",
    "Entity": "model",
    "Fact": "model",
    "Mention": "model",
    "Sentence": "model",
}

__all__ = ["extract", "to_rdf", "Document", "Entity", "Fact", "Mention", "Sentence"]

if TYPE_CHECKING:
    from .extraction.pipeline import extract
    from .model import Document, Entity, Fact, Mention, Sentence
    from .rdf.write import to_rdf


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value  # later lookups skip this function
        return value
    try:  # "kg.query.open_source(…)", "kg.store.ingest(…)": a subpackage, imported on first use
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
