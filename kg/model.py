"""The data model that flows through the pipeline.

A :class:`Document` starts as text; each stage adds to it (sentences, mentions,
entities, facts) and never rewrites what an earlier stage produced.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cached_property
from operator import attrgetter
from typing import Literal

EntityKind = Literal["person", "company", "unit", "committee"]
FactKind = Literal["post", "memberOf", "reportsTo", "unitOf", "established"]
MentionKind = Literal["person", "org", "role", "date", "cue"]  # cue: a cue word, its tag in ``value``
FactStatus = Literal["current", "former"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the normalized text; ``start``/``end`` are character offsets into it."""

    index: int
    start: int
    end: int
    text: str
    noise: bool = False  # boilerplate, ads or an injected headline: read for nothing


@dataclass(frozen=True)
class Mention:
    """A surface form found in a sentence. ``start``/``end`` are offsets in the sentence."""

    kind: MentionKind
    text: str
    sentence: int
    start: int
    end: int
    value: str = ""  # role id, ISO date, org kind (company/unit/committee/ref), cue tag; persons: "model" if tagged
    label: str = ""  # orgs: the name without its parent; roles: the title as written
    parent: str = ""  # orgs: the parent organization's surface form when the name carries it

    def __init__(
        self,
        kind: MentionKind,
        text: str,
        sentence: int,
        start: int,
        end: int,
        value: str = "",
        label: str = "",
        parent: str = "",
    ):
        """The fields stored straight into the instance's dict: the finders make thousands of mentions a
        document, and the ``__init__`` a frozen dataclass generates sets each field through
        ``object.__setattr__``, three times slower (the dataclass keeps an ``__init__`` written here); a store
        per field is faster still than one ``update`` (no keyword dict built), in the fields' order."""
        fields = self.__dict__
        fields["kind"] = kind
        fields["text"] = text
        fields["sentence"] = sentence
        fields["start"] = start
        fields["end"] = end
        fields["value"] = value
        fields["label"] = label
        fields["parent"] = parent


@dataclass
class Entity:
    """One real-world thing: a person, a company, a unit or a committee."""

    key: str  # stable identity within the document (and the seed of its IRI)
    kind: EntityKind
    name: str  # preferred label
    labels: set[str] = field(default_factory=set)  # every surface form, name included
    parent: str | None = None  # key of the organization this unit belongs to
    english: set[str] = field(default_factory=set)  # English names given in the text
    core: str = ""  # units: the name without parent and suffix, what short and long forms share
    written: str = ""  # the name in the script of the text when that is not the one analysed (Traditional)
    unnamed: bool = False  # a company the text calls only "公司"/"集团": one per document, never merged

    @property
    def label(self) -> str:
        """The preferred label: the name as the text writes it."""
        return self.written or self.name


@dataclass(frozen=True)
class Role:
    """A post as the lexicon defines it: shared across documents."""

    id: str
    zh: str
    en: str
    head: bool  # the holder leads the organization (CEO, 负责人, 主席 …)
    forms: tuple[str, ...] = ()  # its other names (财务总监, Chief Financial Officer for CFO)


@dataclass
class Fact:
    """A relation stated by one sentence.

    ``post``: subject person holds ``role`` in object org (``status`` current/former,
    ``start``/``end`` ISO dates where known). ``memberOf``: a member with no post named
    ("委员包括…"). ``reportsTo``: person → person.
    ``unitOf``: org → org. ``established``: subject org set up on ``date``.
    """

    kind: FactKind
    subject: str
    object: str | None
    sentence: int
    role: str | None = None  # Role.id
    title: str | None = None  # the title as written when it is more specific than the role
    status: FactStatus = "current"
    start: str | None = None
    end: str | None = None
    date: str | None = None


@dataclass
class Document:
    text: str
    date: Date | None = None  # publication date: relative dates resolve against it
    source: str = ""  # where the text came from (file name), for people, not for IRIs
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    links: dict[tuple[int, int], str] = field(default_factory=dict)  # (sentence, start) -> entity key
    main_org: str | None = None  # the company the article is about ("公司", "本行" refer to it)
    written: str | None = None  # the text as written when ``text`` is its Simplified reading (same offsets)
    # sentence -> the company in focus where a sentence begins with another one (a round-up of several
    # companies' news: "瑞峰医疗昨晚公告,聘任孔令博为公司总裁"); "公司" and bare titles refer to it
    focus: dict[int, str] = field(default_factory=dict)
    lang: str = "zh"  # "zh" or "en" (kg.extraction.en.text.detect): which components read it
    # person key -> the sentence that names them with a title, a form of address or a verb of saying: people
    # the article names with no post it states (a quoted analyst, a predecessor)
    named: dict[str, int] = field(default_factory=dict)
    # role id -> its definition, for every role a fact names: the RDF writer labels roles from here, so a
    # document extracted with a lexicon of its own (a role id kg/data lacks) is written whole
    roles: dict[str, Role] = field(default_factory=dict)

    def mentions_by_sentence(self) -> dict[int, list[Mention]]:
        """The mentions of each sentence (by index), left to right."""
        out: dict[int, list[Mention]] = {}
        for m in sorted(self.mentions, key=attrgetter("sentence", "start")):
            out.setdefault(m.sentence, []).append(m)
        return out

    def as_written(self, sentence: Sentence) -> str:
        """A sentence in the script of the text."""
        return self.written[sentence.start : sentence.end] if self.written is not None else sentence.text

    def record_roles(self, table: dict[str, Role]) -> None:
        """Keep the definition (from ``table``, the lexicon's roles) of every role the facts name."""
        for f in self.facts:
            if f.role is not None and f.role not in self.roles:
                self.roles[f.role] = table[f.role]

    @property
    def has_facts(self) -> bool:
        """Whether extraction found anything to say: a document without facts adds no post, reporting
        line, unit or event to a graph (usually not an article about people and posts, or one kg
        cannot read), which a caller may want to tell its user."""
        return bool(self.facts)

    @cached_property
    def id(self) -> str:
        """Content hash: the same text is the same document, wherever it came from."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]
