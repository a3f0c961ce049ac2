"""The English lexicons, read once from ``kg/data/en`` into one :class:`EnglishResources`.

Role forms map to the role ids of ``kg/data/roles.tsv`` (Chief Executive Officer ≡ CEO ≡ 首席执行官),
companies come from the shared gazetteer ``kg/data/companies.tsv``; everything else English is here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from pypinyin import lazy_pinyin

from ..lexicon import Lexicon, Role, load as load_lexicon


def _lines(name: str) -> list[str]:
    text = files("kg").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


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
    lexicon: Lexicon  # the shared one: roles, companies
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
    # compiled once
    terms_re: re.Pattern[str] = _NEVER  # roles and cues together: one leftmost-longest pass
    suffix_re: re.Pattern[str] = _NEVER
    honorific_re: re.Pattern[str] = _NEVER
    place_re: re.Pattern[str] = _NEVER  # places of more than one word ("Hong Kong")
    role_re: re.Pattern[str] = _NEVER  # the role forms alone

    @classmethod
    @cache
    def load(cls) -> "EnglishResources":
        r = cls(lexicon=load_lexicon())
        for role in r.lexicon.roles.values():
            r.role_by_form[role.en.lower()] = role.id
        for ln in _lines("en/extra_roles.tsv"):
            rid, forms, head = ln.split("\t")
            labels = forms.split("|")
            if rid not in r.lexicon.roles:  # English-only titles join the shared role table
                r.lexicon.roles[rid] = Role(rid, labels[0], labels[0], head == "1")
            for form in labels:
                r.role_by_form[form.lower()] = rid
        for ln in _lines("en/roles.tsv"):
            rid, forms = ln.split("\t")
            if rid not in r.lexicon.roles:
                raise ValueError(f"kg/data/en/roles.tsv: unknown role id {rid!r}")
            for form in forms.split("|"):
                r.role_by_form[form.lower()] = rid
        for ln in _lines("en/cues.tsv"):
            cls_, words = ln.split("\t")
            for w in words.split("|"):
                r.cues.setdefault(w.lower(), cls_)
        # "Kevin Shah and Dana Liu were named co-presidents", "senior vice presidents": a title of several words
        # (or hyphenated) in the plural is the same title
        for form, rid in list(r.role_by_form.items()):
            plural = form + ("es" if form.endswith(("s", "x", "ch", "sh")) else "s")
            if (" " in form or "-" in form) and form[-1:].isalpha() and plural not in r.cues:
                r.role_by_form.setdefault(plural, rid)
        for ln in _lines("en/org_suffixes.tsv"):
            suffix, kind, legal = ln.split("\t")
            r.suffixes[suffix] = Suffix(kind, legal == "1")
        r.unit_nouns = tuple(_lines("en/unit_nouns.txt"))
        r.arm_words = frozenset(_lines("en/arm_words.txt"))
        r.headline_verbs = frozenset(_lines("en/headline_verbs.txt"))
        r.honorifics = frozenset(_lines("en/honorifics.txt"))
        r.functions = frozenset(_lines("en/functions.txt"))
        r.not_names_lower = frozenset(w.lower() for w in _lines("en/not_names.txt"))
        r.not_names = frozenset(_lines("en/not_names.txt") + _lines("en/not_person_words.txt"))
        r.determiners = frozenset(_lines("en/determiners.txt"))
        r.not_modifiers = frozenset(_lines("en/not_modifiers.txt"))
        r.abbreviations = frozenset(_lines("en/abbreviations.txt"))
        r.boilerplate = tuple(
            (scope, re.compile(rx, re.I if scope == "line" else 0))
            for scope, rx in (ln.split("\t") for ln in _lines("en/boilerplate.tsv"))
        )
        for ln in _lines("en/months.tsv"):
            num, forms = ln.split("\t")
            for f in forms.split("|"):
                r.months[f.lower()] = int(num)
        r.syllables = frozenset(_lines("en/pinyin_syllables.txt"))
        places = sorted(_lines("en/places.txt"), key=len, reverse=True)
        r.place_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in places) + r")(?![A-Za-z])")
        r.org_contexts = tuple(
            (side, re.compile(rx), kind) for side, rx, kind in (ln.split("\t") for ln in _lines("en/org_contexts.tsv"))
        )
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
