"""English extraction: the same Document, Mention, Entity and Fact as the Chinese pipeline.

:mod:`kg.pipeline` detects the language of each document (:func:`kg.en.text.detect`) and runs these
steps for English: sentences and boilerplate (:mod:`kg.en.text`), mentions (:mod:`kg.en.mentions`),
entities (:mod:`kg.en.resolve`) and facts (:mod:`kg.en.facts`: rules over :mod:`kg.en.extractor`'s
document and sentence state). The lexicons are data under ``kg/data/en``, loaded once into
:class:`kg.en.resources.EnglishResources`.
"""
