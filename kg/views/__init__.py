"""Views of any W3C ORG graph: read into networkx (:mod:`kg.views.graph_read`), asked questions
(:mod:`kg.views.graph`), cut to a source and a neighbourhood (:mod:`kg.views.where`) and drawn as one
offline HTML page (:mod:`kg.views.render`, with ``page/`` as its template). None of it loads the extractor."""
