"""What the Chinese steps read, loaded once and passed to them: :class:`Resources`.

>>> from kg.extraction.pipeline import Pipeline
>>> res = load_resources()                       # kg/data; or a folder laid out like it
>>> Pipeline(res).extract("快手宣布成立商业生态委员会。").facts[0].kind
'established'

Every row of the data files is checked as it is read (a bad one is a SetupError naming the file and
the line), so a Resources that loaded is one the steps can use. :func:`default_resources` is the one
``kg.extract`` uses, loaded on first use and then shared by the whole process. The English steps read
``Resources.english`` (:class:`kg.extraction.en.resources.EnglishResources` on the same lexicon, read
when a first English document comes), so one Resources serves both languages.

The text-cleaning tables (``noise.tsv``, ``linebreaks.tsv``, ``dates.tsv``, ``org_prefixes.tsv``) are
``Resources.text_tables`` (:class:`kg.extraction.text_tables.TextTables`), which :meth:`Pipeline.prepare
<kg.extraction.pipeline.Pipeline.prepare>` reads too. A folder given to :func:`load_resources` may hold its
own ``en/`` (laid out as ``kg/data/en``, rules included) and its own text-cleaning files: the English tables
without an ``en/``, and each text-cleaning file the folder lacks, are kg's. The lexicon files and
``rules.tsv`` must all be there. Not here: the OpenCC converter (:mod:`kg.extraction.script`), a fixed table
of Traditional and Simplified characters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from re import Pattern

from .datafiles import DATA_DIR
from .en.facts import read_rules as read_english_rules
from .en.resources import EnglishResources
from .facts import read_rules
from .lexicon import Lexicon, load, read_lexicon
from .ner import Tagger
from .prefilter import required_chars
from .segment import Segmenter
from .text_tables import TextTables, default_text_tables, read_text_tables


@dataclass(frozen=True)
class Resources:
    """The lexicon (roles, companies, cue words …, with its own jieba tokenizer), the relation rules, the NER
    model and the text-cleaning tables of the Chinese pipeline. Build a variant with :func:`dataclasses.replace`:
    ``replace(res, lexicon=read_lexicon(folder))`` keeps the rules and the model, which take a while to load."""

    lexicon: Lexicon
    rules: tuple[tuple[Callable, Pattern[str]], ...]  # (handler, tag pattern), in the order they apply
    tagger: Tagger
    text_tables: TextTables
    data_dir: Path = DATA_DIR  # the folder read; its en/ (when it has one) holds the English tables

    @property
    def segmenter(self) -> Segmenter:
        """kg's own jieba tokenizer, taught the lexicon's words (jieba's global one is never touched)."""
        return self.lexicon.segmenter

    @cached_property
    def rule_needs(self) -> tuple[frozenset[str], ...]:
        """For each rule, the tags its pattern cannot match without: a sentence without them skips it."""
        return tuple(required_chars(pattern) for _, pattern in self.rules)

    @cached_property
    def english(self) -> EnglishResources:
        """What the English steps read: the English tables on this lexicon (its roles, companies and
        surnames) and of the folder's ``en/``, read on first use; on the default lexicon and folder, the ones
        loaded once per process."""
        en_dir = self.data_dir / "en"
        if self.lexicon is load() and self.data_dir == DATA_DIR:
            return EnglishResources.load()
        english = EnglishResources.read(self.lexicon, en_dir if en_dir.is_dir() else DATA_DIR / "en")
        read_english_rules(english.en_dir)  # checked as they load, like the tables
        return english


def load_resources(data_dir: Path | None = None) -> Resources:
    """The resources of ``data_dir`` (default ``kg/data``): its lexicon files, ``rules.tsv`` and text-cleaning
    tables (:func:`~kg.extraction.text_tables.read_text_tables`)."""
    lexicon = read_lexicon(data_dir) if data_dir is not None else load()
    tables = read_text_tables(data_dir) if data_dir is not None else default_text_tables()
    folder = data_dir or DATA_DIR
    return Resources(
        lexicon=lexicon, rules=read_rules(folder), tagger=Tagger.load(), text_tables=tables, data_dir=folder
    )


@cache
def default_resources() -> Resources:
    """The resources of ``kg/data``, loaded once per process (on first use: ``import kg`` stays cheap)."""
    return load_resources()
