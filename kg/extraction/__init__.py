"""Extraction: text in, a :class:`kg.model.Document` with mentions, entities and facts out.

:mod:`kg.extraction.pipeline` runs the steps in order (reading and normalizing, noise, sentences,
mentions, entities, facts); Chinese steps are the modules here, English ones :mod:`kg.extraction.en`.
The lexicons and rules they read are data under ``kg/data``.
"""
