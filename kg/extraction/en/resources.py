"""The English lexicons, read from ``kg/data/en`` into one :class:`EnglishResources` on a lexicon.

Role forms map to the role ids of the lexicon's ``roles.tsv`` (Chief Executive Officer ≡ CEO ≡ 首席执行官),
companies come from its gazetteer ``companies.tsv``; everything else English is here. English-only
titles (``en/extra_roles.tsv``) join :attr:`EnglishResources.roles`, the English steps' own view of the
role table: the lexicon itself is never changed, so the Chinese steps read exactly what it holds.

The English steps after sentences (mentions, resolve, facts) read the EnglishResources they are
given (``Resources.english``, see :mod:`kg.extraction.resources`). :meth:`EnglishResources.load` is
the default lexicon's, read once per process: the steps before a pipeline is chosen (sentences,
boilerplate, dates) read their tables from it, and so does name spelling (:mod:`kg.extraction.en.names`),
since a person's IRI must not depend on the lexicon that extracted it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pypinyin import lazy_pinyin

from ...errors import SetupError
from ...model import Role
from ..datafiles import DATA_DIR, read_rows
from ..lexicon import Lexicon, load as load_lexicon

EN_DIR = DATA_DIR / "en"


@dataclass(frozen=True)
class _Folder:
    """The English data files of one folder (``kg/data/en``), every row checked as it is read."""

    path: Path

    def rows(self, name: str, columns: int) -> list[tuple[int, tuple[str, ...]]]:
        """(line number, fields) of file ``name``: each row ``columns`` fields, none empty (a bad row is a
        SetupError naming the file and the line)."""
        return read_rows(self.path / name, columns, columns)

    def fields(self, name: str, columns: int) -> list[tuple[str, ...]]:
        return [fields for _, fields in self.rows(name, columns)]

    def lines(self, name: str) -> list[str]:
        """The words of a one-column list."""
        return [fields[0] for _, fields in self.rows(name, 1)]


def _words_pattern(words: Iterable[str], flags: int = re.I) -> re.Pattern[str]:
    """Whole-word alternation, longest first."""
    alts = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", flags)


# what a pattern field holds before :meth:`EnglishResources.load` compiles it: matches nothing
_NEVER = re.compile(r"(?!)")


@dataclass(frozen=True)
class Suffix:
    kind: str  # company | unit | committee
    legal: bool  # a legal form (Inc., GmbH): dropped from the short form


@dataclass
class EnglishResources:
    lexicon: Lexicon  # the lexicon it was read on (companies, surnames), never changed
    roles: dict[str, Role] = field(default_factory=dict)  # the lexicon's roles and the English-only ones
    role_by_form: dict[str, str] = field(default_factory=dict)  # lowercase form -> role id
    cues: dict[str, str] = field(default_factory=dict)  # lowercase word -> class
    suffixes: dict[str, Suffix] = field(default_factory=dict)
    unit_nouns: tuple[str, ...] = ()
    arm_words: frozenset[str] = frozenset()  # "the logistics arm", "a wholly owned subsidiary"
    headline_verbs: frozenset[str] = frozenset()  # "Fernway Studios Strengthens Leadership Team"
    honorifics: frozenset[str] = frozenset()
    functions: frozenset[str] = frozenset()  # "Operations", "Global Sales": what a title leads, no organization
    not_names: frozenset[str] = frozenset()
    not_names_lower: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    not_modifiers: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    boilerplate: tuple[tuple[str, re.Pattern], ...] = ()  # (scope, pattern)
    months: dict[str, int] = field(default_factory=dict)  # name or abbreviation (lowercase) -> 1..12
    syllables: frozenset[str] = frozenset()  # toneless pinyin syllables
    org_contexts: tuple[tuple[str, re.Pattern, str], ...] = ()  # (side, pattern, kind)
    surnames: frozenset[str] = frozenset()  # Chinese surnames in toneless pinyin
    common_words: frozenset[str] = frozenset()  # words English writes in lowercase (a line in capitals)
    function_words: frozenset[str] = frozenset()  # the most frequent of them ("the", "of", "says")
    en_dir: Path = EN_DIR  # the folder read: the English facts step reads its rules.tsv
    # compiled once
    terms_re: re.Pattern[str] = _NEVER  # roles and cues together: one leftmost-longest pass
    suffix_re: re.Pattern[str] = _NEVER
    honorific_re: re.Pattern[str] = _NEVER
    place_re: re.Pattern[str] = _NEVER  # places of more than one word ("Hong Kong")
    role_re: re.Pattern[str] = _NEVER  # the role forms alone

    @classmethod
    @cache
    def load(cls) -> "EnglishResources":
        """The English resources on the default lexicon (``kg/data``), read once per process."""
        return cls.read(load_lexicon())

    @classmethod
    def read(cls, lexicon: Lexicon, en_dir: Path = EN_DIR) -> "EnglishResources":
        """The English tables of ``en_dir`` (laid out as ``kg/data/en``) on ``lexicon``, every row checked."""
        data = _Folder(en_dir)
        r = cls(lexicon=lexicon, roles=dict(lexicon.roles), en_dir=en_dir)
        for role in r.roles.values():
            r.role_by_form[role.en.lower()] = role.id
        for lineno, (rid, forms, head) in data.rows("extra_roles.tsv", 3):
            if head not in ("0", "1"):
                raise SetupError(f"{en_dir / 'extra_roles.tsv'}:{lineno}: the head column is not 0 or 1")
            labels = forms.split("|")
            if rid not in r.roles:  # English-only titles: the English steps' role table, not the lexicon's
                r.roles[rid] = Role(rid, labels[0], labels[0], head == "1", tuple(labels[1:]))
            for form in labels:
                r.role_by_form[form.lower()] = rid
        for lineno, (rid, forms) in data.rows("roles.tsv", 2):
            if rid not in r.roles:
                raise SetupError(f"{en_dir / 'roles.tsv'}:{lineno}: unknown role id {rid!r}")
            for form in forms.split("|"):
                r.role_by_form[form.lower()] = rid
        for cls_, words in data.fields("cues.tsv", 2):
            for w in words.split("|"):
                r.cues.setdefault(w.lower(), cls_)
        # "Kevin Shah and Dana Liu were named co-presidents", "senior vice presidents": a title of several words
        # (or hyphenated) in the plural is the same title
        for form, rid in list(r.role_by_form.items()):
            plural = form + ("es" if form.endswith(("s", "x", "ch", "sh")) else "s")
            if (" " in form or "-" in form) and form[-1:].isalpha() and plural not in r.cues:
                r.role_by_form.setdefault(plural, rid)
        for suffix, kind, legal in data.fields("org_suffixes.tsv", 3):
            r.suffixes[suffix] = Suffix(kind, legal == "1")
        r.unit_nouns = tuple(data.lines("unit_nouns.txt"))
        r.arm_words = frozenset(data.lines("arm_words.txt"))
        r.headline_verbs = frozenset(data.lines("headline_verbs.txt"))
        r.honorifics = frozenset(data.lines("honorifics.txt"))
        r.functions = frozenset(data.lines("functions.txt"))
        r.not_names_lower = frozenset(w.lower() for w in data.lines("not_names.txt"))
        r.not_names = frozenset(data.lines("not_names.txt") + data.lines("not_person_words.txt"))
        r.determiners = frozenset(data.lines("determiners.txt"))
        r.not_modifiers = frozenset(data.lines("not_modifiers.txt"))
        r.abbreviations = frozenset(data.lines("abbreviations.txt"))
        r.boilerplate = tuple(
            (scope, re.compile(rx, re.I if scope == "line" else 0)) for scope, rx in data.fields("boilerplate.tsv", 2)
        )
        for num, forms in data.fields("months.tsv", 2):
            for f in forms.split("|"):
                r.months[f.lower()] = int(num)
        r.syllables = frozenset(data.lines("pinyin_syllables.txt"))
        common = data.lines("common_words.txt")
        r.common_words, r.function_words = frozenset(common), frozenset(common[:150])
        places = sorted(data.lines("places.txt"), key=len, reverse=True)
        r.place_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in places) + r")(?![A-Za-z])")
        r.org_contexts = tuple((side, re.compile(rx), kind) for side, rx, kind in data.fields("org_contexts.tsv", 3))
        r.surnames = frozenset("".join(lazy_pinyin(s)) for s in r.lexicon.surnames)
        r.terms_re = _words_pattern(set(r.role_by_form) | set(r.cues))
        r.role_re = _words_pattern(set(r.role_by_form))
        r.suffix_re = re.compile(
            r"(?:,?\s+)(?:" + "|".join(re.escape(s) for s in sorted(r.suffixes, key=len, reverse=True)) + r")(?![\w])"
        )
        r.honorific_re = re.compile(
            r"\b(?:" + "|".join(re.escape(h) for h in sorted(r.honorifics, key=len, reverse=True)) + r")(?=\s)\s*"
        )
        return r

    def term(self, text: str) -> tuple[str, str] | None:
        """("role", id) or ("cue", class) for a matched term."""
        low = text.lower()
        if low in self.role_by_form:
            return "role", self.role_by_form[low]
        if low in self.cues:
            return "cue", self.cues[low]
        return None
