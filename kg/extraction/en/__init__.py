"""English extraction: the same Document, Mention, Entity and Fact as the Chinese pipeline.

:mod:`kg.extraction.pipeline` detects the language of each document
(:func:`kg.extraction.en.text.detect`) and runs these steps for English: sentences and boilerplate
(:mod:`kg.extraction.en.text`), mentions (:mod:`kg.extraction.en.mentions`;
organizations in :mod:`kg.extraction.en.orgs`, persons in :mod:`kg.extraction.en.persons`), entities
(:mod:`kg.extraction.en.resolve`) and facts (:mod:`kg.extraction.en.facts`: rules over
:mod:`kg.extraction.en.extractor`'s document and sentence state). The lexicons are data under
``kg/data/en``, loaded once into :class:`kg.extraction.en.resources.EnglishResources`.
"""
