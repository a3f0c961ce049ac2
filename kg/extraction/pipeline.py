"""The extraction pipeline: text in, a :class:`~kg.model.Document` with facts out.

normalize → strip noise → sentences → mentions → resolve → facts. Each step is one
function over the Document; run them one by one to inspect what each adds.

A :class:`Pipeline` runs them with the :class:`~kg.extraction.resources.Resources` it is given (its
lexicon, rules, model and text-cleaning tables); :func:`extract`, :func:`prepare` and :func:`annotate`
(``kg.extract``) run the default pipeline, whose resources load on first use, once per process.
"""

from __future__ import annotations

from datetime import date as Date

from ..model import Document
from . import dates, noise, script, text as text_mod
from .en import dates as en_dates, facts as en_facts, mentions as en_mentions, resolve as en_resolve, text as en_text
from .en.resources import EnglishResources
from .facts import extract_facts
from .mentions import find_mentions
from .named_people import named_people
from .resolve import resolve, written_labels
from .resources import Resources, default_resources
from .text_tables import TextTables, default_text_tables


class Pipeline:
    """The steps over one document, in the language it is written in, reading ``resources`` (default:
    :func:`~kg.extraction.resources.default_resources`, loaded when a first Chinese document comes):
    the Chinese steps the resources themselves, the English ones their :attr:`~Resources.english`."""

    def __init__(self, resources: Resources | None = None):
        self._resources = resources

    @property
    def resources(self) -> Resources:
        if self._resources is None:
            self._resources = default_resources()
        return self._resources

    @property
    def english(self) -> EnglishResources:
        """What the English steps read. The default pipeline's, until a Chinese document loads its
        resources, without them: an English article needs neither jieba nor the NER model."""
        return self._resources.english if self._resources is not None else EnglishResources.load()

    @property
    def text_tables(self) -> TextTables:
        """What :meth:`prepare` reads. The default pipeline's, until a Chinese document loads its resources,
        without them: kg's tables need neither jieba nor the NER model."""
        return self._resources.text_tables if self._resources is not None else default_text_tables()

    def extract(self, text: str, date: Date | str | None = None, source: str = "") -> Document:
        """Extract people, organizations, posts, reporting lines and events from one article.

        ``date`` is the publication date (``YYYY-MM-DD`` or a ``datetime.date``): relative
        dates ("昨日", "两周前") resolve against it; without it, the latest full date in the text.
        """
        return self.annotate(self.prepare(text, date, source))

    def prepare(self, text: str, date: Date | str | None = None, source: str = "") -> Document:
        """Normalize the text, cut noise and split it into sentences (with :attr:`text_tables`)."""
        tables = self.text_tables
        english = en_text.detect(text) == "en"
        normalized = text_mod.normalize(en_text.end_rows(text) if english else text, tables)
        if isinstance(date, str):
            date = dates.parse_iso(date)
        if english:
            # no headline-injection stripping: an English filing sets its company's name on a line of its own
            # (an HKEX heading, a signature block) and in its prose; English boilerplate is kg.extraction.en.text's
            clean = noise.strip_ads(normalized, tables)
            clean = text_mod.normalize(clean, tables) if clean != normalized else clean
            doc = Document(text=clean, date=date or _en_document_date(clean), source=source, lang="en")
            doc.sentences = en_text.mark_noise(clean, en_text.split_sentences(clean))
            return doc
        clean = noise.strip_injections(normalized, tables)
        simplified = script.to_simplified(clean)
        original, clean = (clean, simplified) if simplified else (None, clean)
        doc = Document(text=clean, date=date or dates.document_date(clean), source=source, written=original)
        doc.sentences = noise.mark_noise(text_mod.split_sentences(clean), tables=tables)
        return doc

    def annotate(self, doc: Document) -> Document:
        """Find the mentions, entities and facts of a document made by :func:`prepare`."""
        if doc.lang == "en":
            en = self.english
            return en_facts.extract_facts(en_resolve.resolve(en_mentions.find_mentions(doc, en), en), en)
        res = self.resources
        return written_labels(named_people(extract_facts(resolve(find_mentions(doc, res), res), res), res.lexicon))


_DEFAULT = Pipeline()  # cheap: its resources load with the first Chinese document


def prepare(text: str, date: Date | str | None = None, source: str = "") -> Document:
    """Normalize the text, cut noise and split it into sentences (with kg's tables)."""
    return _DEFAULT.prepare(text, date, source)


def _en_document_date(text: str) -> Date | None:
    """An English article's date: its dateline's (:func:`kg.extraction.en.dates.document_date`)."""
    iso = en_dates.document_date(text)
    return dates.parse_iso(iso) if iso else None


def annotate(doc: Document) -> Document:
    """Find the mentions, entities and facts of a document made by :func:`prepare` (default resources)."""
    return _DEFAULT.annotate(doc)


def extract(text: str, date: Date | str | None = None, source: str = "") -> Document:
    """Extract people, organizations, posts, reporting lines and events from one article.

    ``date`` is the publication date (``YYYY-MM-DD`` or a ``datetime.date``): relative
    dates ("昨日", "两周前") resolve against it; without it, the latest full date in the text.
    With the default resources; :meth:`Pipeline.extract` with others.
    """
    return _DEFAULT.extract(text, date, source)
