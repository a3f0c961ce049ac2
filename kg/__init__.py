"""kg: knowledge graphs of corporate organization changes.

>>> import kg
>>> doc = kg.extract("快手宣布成立商业生态委员会,由CEO程一晓担任主席。", date="2022-09-16")
>>> graph = kg.to_rdf(doc)            # an rdflib.Graph in the W3C ORG vocabulary
>>> print(graph.serialize(format="turtle"))  # doctest: +SKIP
"""
from .document import Document, Entity, Fact, Mention, Sentence
from .pipeline import extract
from .rdf import to_rdf

__all__ = ["extract", "to_rdf", "Document", "Entity", "Fact", "Mention", "Sentence"]
__version__ = "0.1.0"
