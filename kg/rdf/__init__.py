"""RDF: a Document written as W3C ORG triples (:mod:`kg.rdf.write`), RDF files read safely and checked
against kg's SHACL shapes (:mod:`kg.rdf.validate`, :mod:`kg.rdf.rdfxml`)."""
