"""Lexicons and cue lists, read from the data files under ``kg/data`` (or a folder laid out like it).

Everything language-specific the extractor knows lives in those files; this module
only parses them and compiles each list into one regular expression (longest form first).
:func:`read_lexicon` reads a folder, checking every row (a bad one is a SetupError naming the file
and the line); :func:`load` is the package's own lexicon, read once per process (the default
resources, the English resources and the RDF writer's role labels share it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SetupError
from ..model import Role
from .datafiles import DATA_DIR, compile_pattern, read_rows
from .org_references import GENERIC_COMPANY

if TYPE_CHECKING:
    from .segment import Segmenter


def alternation(words) -> str:
    """One regex alternation, longest first so that 不再担任 wins over 担任."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def find_words(text: str, words) -> list[tuple[int, int]]:
    """Spans of ``words`` in ``text``, leftmost first, the longest at a place, none overlapping.

    What ``re.finditer(alternation(words), text)`` finds, without compiling a regex for each set of
    words (a document's names): ``find_words("程一晓和一晓", ["程一晓", "一晓"])`` is ``[(0, 3), (4, 6)]``.
    """
    hits = []
    # the words in the text picked in one comprehension (most are not, in most sentences), then placed
    for word in {w for w in words if w and w in text}:
        i = text.find(word)
        while i >= 0:
            hits.append((i, -len(word)))
            i = text.find(word, i + 1)
    hits.sort()
    spans, pos = [], 0
    for start, minus_length in hits:
        if start >= pos:
            pos = start - minus_length
            spans.append((start, pos))
    return spans


def literal_starts(text: str, word: str) -> Iterator[int]:
    """Where ``re.finditer(re.escape(word), text)`` finds ``word``, without compiling a regex for each word
    (a document's names): left to right, none overlapping."""
    if not word:  # an empty word is found everywhere
        yield from range(len(text) + 1)
        return
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + len(word))


def word_then(text: str, word: str, tail: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """What ``re.finditer(re.escape(word) + tail.pattern, text)`` finds, as the matches of ``tail`` right after
    ``word`` (the same groups): one compiled ``tail`` serves every word, where a regex per word would be
    compiled anew for each name of each document."""
    if not word:
        yield from tail.finditer(text)
        return
    i = text.find(word)
    while i >= 0:
        m = tail.match(text, i + len(word))
        if m is not None:
            yield m
        i = text.find(word, m.end() if m is not None else i + 1)


class Matcher:
    """Leftmost-longest dictionary matching for thousands of forms, case-insensitive.

    The forms are compiled into one regular expression shaped like a trie (阿(?:里(?:巴巴(?:集团)?)?)…),
    so the regex engine, not Python, walks the text. A form that begins or ends with a Latin
    letter or digit must not touch another Latin letter ("CEO", not "CEOs")."""

    def __init__(self, forms):
        self.pattern = re.compile(_trie_pattern({f.lower() for f in forms if f}))

    def finditer(self, text: str):
        """Yield (start, end) of each non-overlapping match, left to right."""
        for m in self.pattern.finditer(_lowered(text)):
            start, end = m.span()
            # a form that neither begins nor ends with an ASCII character touches no Latin letter: no test
            if not (text[start].isascii() or text[end - 1].isascii()) or _latin_bounded(text, start, end):
                yield start, end

    def prefix_end(self, text: str) -> int | None:
        """Where the form ``text`` begins with ends (None if none): the first match of :meth:`finditer` when it
        is at 0, without searching the rest of the text when it is not."""
        m = self.pattern.match(_lowered(text))
        return m.end() if m is not None and _latin_bounded(text, 0, m.end()) else None


def _lowered(text: str) -> str:
    """``text`` lowercased, one character for one (a few characters lowercase to two: those stay)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _trie(words) -> dict:
    """The words as nested dicts, one level per character; ``""`` marks where a word ends."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _trie_pattern(words: set[str]) -> str:
    trie = _trie(words)

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie) or "(?!)"


def _latin_bounded(text: str, start: int, end: int) -> bool:
    if (
        text[start].isascii()
        and text[start].isalnum()
        and start > 0
        and text[start - 1].isascii()
        and text[start - 1].isalpha()
    ):
        return False
    if (
        text[end - 1].isascii()
        and text[end - 1].isalnum()
        and end < len(text)
        and text[end].isascii()
        and text[end].isalpha()
    ):
        return False
    return True


@dataclass(frozen=True)
class Company:
    name: str
    forms: tuple[str, ...]  # every Chinese form, name included
    english: tuple[str, ...]
    group: bool


@dataclass
class Lexicon:
    roles: dict[str, Role] = field(default_factory=dict)
    role_by_form: dict[str, str] = field(default_factory=dict)  # surface form (lowercase) -> role id
    role_unit_hint: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 组长: 组 (what its unit is called)
    principal_of: dict[str, str] = field(default_factory=dict)  # a deputy's role id -> its principal's (副总监: 总监)
    lasting_roles: frozenset[str] = frozenset()  # founder: not ended when the holder leaves
    company_roles: frozenset[str] = frozenset()  # posts of a whole company (CEO, 董事长): "X CEO" names a company
    outside_roles: frozenset[str] = frozenset()  # 分析师: where the text says, not the article's company
    companies: dict[str, Company] = field(default_factory=dict)  # any form (lowercase) -> company
    suffixes: dict[str, tuple[str, int]] = field(default_factory=dict)  # suffix -> (kind, min length)
    cues: dict[str, str] = field(default_factory=dict)  # word (lowercase) -> tag
    fillers: frozenset[str] = frozenset()
    boundaries: frozenset[str] = frozenset()
    trades: frozenset[str] = frozenset()  # lines of business that end a company's short name (互娱, 教育)
    holding_suffixes: tuple[str, ...] = ()  # 集团, 金控 …: the companies named with such a company's name are its own
    work_nouns: tuple[str, ...] = ()  # what ends a piece of work, never a unit's name (研发工作)
    qualifiers: frozenset[str] = frozenset()
    head_qualifiers: frozenset[str] = frozenset()  # qualifiers that keep the holder head ("业务负责人")
    interim_qualifiers: frozenset[str] = frozenset()  # "临时", "署理": for how long, not which unit
    abbreviations: tuple[tuple[str, str], ...] = ()
    surnames: frozenset[str] = frozenset()
    rare_surnames: frozenset[str] = frozenset()  # past the COMMON_SURNAMES most frequent: 智 begins 智行 more often
    addressed_surnames: frozenset[str] = frozenset()  # also function words (于): a surname only before 先生
    not_in_names: frozenset[str] = frozenset()  # characters no given name has ("向我", "张楠将")
    name_followers: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()  # "先生", "女士", "博士": written right after a name
    addresses: frozenset[str] = frozenset()  # the honorifics only a person is called by ("先生", not "博士")
    speech_verbs: tuple[str, ...] = ()  # "表示", "认为": written right after a speaker's name
    life_re: re.Pattern[str] = field(init=False, repr=False)  # ",男,", "现年49岁": a biography opens before it
    title_notes: tuple[str, ...] = ()  # "主持工作": a note in brackets after a title, part of it
    # the column headings of org-chart tables: (kind, words), kind head | unit | boss | role (kg.extraction.tables)
    table_headings: tuple[tuple[str, tuple[str, ...]], ...] = ()

    # compiled once, by load() from the lists above: unset (AttributeError) on a Lexicon made otherwise
    roles_matcher: Matcher = field(init=False, repr=False)
    companies_matcher: Matcher = field(init=False, repr=False)
    cues_matcher: Matcher = field(init=False, repr=False)
    cue_re: re.Pattern[str] = field(init=False, repr=False)
    surname_re: re.Pattern[str] = field(init=False, repr=False)  # any character that starts a surname
    follower_re: re.Pattern[str] = field(init=False, repr=False)
    trade_re: re.Pattern[str] = field(init=False, repr=False)  # a trade word, the longest first
    suffix_re: re.Pattern[str] = field(init=False, repr=False)
    filler_re: re.Pattern[str] = field(init=False, repr=False)
    honorific_re: re.Pattern[str] = field(init=False, repr=False)
    speech_re: re.Pattern[str] = field(init=False, repr=False)
    title_note_re: re.Pattern[str] = field(init=False, repr=False)  # a bracketed note, brackets included
    # kg's own jieba tokenizer, taught the words above (built on first use)
    segmenter: Segmenter = field(init=False, repr=False)
    _cue_patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, init=False, repr=False)
    _cue_words: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False)

    # views of the tables above that the finders read for every sentence or mention, computed once: a
    # sorted copy or a scan of thousands of cue words each time cost more than the lookups themselves
    @cached_property
    def long_suffixes(self) -> tuple[str, ...]:
        """The suffixes of more than one character, in file order (``str.endswith`` takes the tuple)."""
        return tuple(x for x in self.suffixes if len(x) > 1)

    @cached_property
    def suffixes_longest_first(self) -> tuple[str, ...]:
        """The suffixes, longest first (file order among equals)."""
        return tuple(sorted(self.suffixes, key=len, reverse=True))

    @cached_property
    def suffix_lengths(self) -> tuple[int, ...]:
        """The lengths of the suffixes, longest first: a name ends in at most one suffix of each length, so
        the longest it ends in is found by one lookup a length, not a test of every suffix."""
        return tuple(sorted({len(x) for x in self.suffixes}, reverse=True))

    @cached_property
    def trade_words(self) -> tuple[str, ...]:
        """The trades as a tuple, for ``str.startswith``."""
        return tuple(sorted(self.trades))

    @cached_property
    def company_suffix_alternation(self) -> str:
        """The suffixes of companies (集团, 有限公司 …) as one regex alternation, in file order."""
        return "|".join(re.escape(x) for x, (kind, _) in self.suffixes.items() if kind == "company")

    @cached_property
    def registered_suffixes(self) -> tuple[str, ...]:
        """The company suffixes of registered names (有限公司, 股份有限公司): longer than 公司, ending in it."""
        return tuple(
            x
            for x, (kind, _) in self.suffixes.items()
            if kind == "company" and x.endswith(GENERIC_COMPANY) and x != GENERIC_COMPANY
        )

    @cached_property
    def qualifier_lengths(self) -> tuple[int, ...]:
        """The lengths of the qualifiers, longest first."""
        return tuple(sorted({len(q) for q in self.qualifiers}, reverse=True))

    def cue_words(self, tag: str) -> tuple[str, ...]:
        """The cue words of one class (cues.tsv), in file order."""
        words = self._cue_words.get(tag)
        if words is None:
            words = self._cue_words[tag] = tuple(w for w, t in self.cues.items() if t == tag)
        return words

    def cue_pattern(self, tag: str) -> re.Pattern[str]:
        """The cue words of one class (cues.tsv) as one regex."""
        pattern = self._cue_patterns.get(tag)
        if pattern is None:
            pattern = self._cue_patterns[tag] = re.compile(alternation(w for w, t in self.cues.items() if t == tag))
        return pattern


@cache
def load() -> Lexicon:
    """The lexicon of ``kg/data``, read once per process."""
    return read_lexicon(DATA_DIR)


_FLAGS = ("", "0", "1")
COMMON_SURNAMES = 200  # the surnames of about 95% of people (2020 census); rarer ones often just begin a word


def read_lexicon(data_dir: Path) -> Lexicon:
    """The lexicon of the data files in ``data_dir`` (laid out as ``kg/data``), every row checked."""

    def rows(name: str, columns: int, most: int | None = None, required: int | None = None):
        return read_rows(data_dir / name, columns, most if most is not None else columns, required)

    def words(name: str) -> list[str]:
        return [fields[0] for _, fields in rows(name, 1)]

    def check(ok: bool, name: str, lineno: int, problem: str) -> None:
        if not ok:
            raise SetupError(f"{data_dir / name}:{lineno}: {problem}")

    lx = Lexicon()
    for lineno, fields in rows("roles.tsv", 4, 8):
        rid, zh, en, head, hint, lasting, company_post, outside = (fields + ("",) * 4)[:8]
        flags = {head, lasting, company_post, outside}
        check(flags <= set(_FLAGS), "roles.tsv", lineno, "a flag column is not 0 or 1")
        if lasting == "1":
            lx.lasting_roles |= {rid}
        if company_post == "1":
            lx.company_roles |= {rid}
        if outside == "1":
            lx.outside_roles |= {rid}
        zh_forms, en_forms = zh.split("|"), en.split("|")
        lx.roles[rid] = Role(rid, zh_forms[0], en_forms[0], head == "1", tuple(zh_forms[1:] + en_forms[1:]))
        for form in zh_forms + en_forms:
            lx.role_by_form[form.lower()] = rid
        if hint:
            lx.role_unit_hint[rid] = tuple(hint.split("|"))
    labels = {role.zh: rid for rid, role in lx.roles.items()}
    lx.principal_of = {rid: labels[r.zh[1:]] for rid, r in lx.roles.items() if r.zh[:1] == "副" and r.zh[1:] in labels}
    for deputy, principal in lx.principal_of.items():  # 副组长 fits where 组长 does
        if principal in lx.role_unit_hint:
            lx.role_unit_hint.setdefault(deputy, lx.role_unit_hint[principal])
    for lineno, (name, short, english, kind) in rows("companies.tsv", 4, required=1):
        check(kind in ("company", "group"), "companies.tsv", lineno, f"kind {kind!r} is not company or group")
        forms = tuple(dict.fromkeys([name] + [s for s in short.split("|") if s]))
        eng = tuple(e for e in english.split("|") if e)
        company = Company(name, forms, eng, kind == "group")
        for form in forms + eng:
            lx.companies.setdefault(form.lower(), company)
    for lineno, fields in rows("org_suffixes.tsv", 3, 4):
        suffix, kind, min_len, holding = (fields + ("",))[:4]
        check(min_len.isdigit(), "org_suffixes.tsv", lineno, f"min length {min_len!r} is not a number")
        check(holding in _FLAGS, "org_suffixes.tsv", lineno, "the holding column is not 0 or 1")
        lx.suffixes[suffix] = (kind, int(min_len))
        if holding == "1":
            lx.holding_suffixes += (suffix,)
    for _, (tag, cue_words) in rows("cues.tsv", 2):
        for w in cue_words.split("|"):
            lx.cues.setdefault(w.lower(), tag)
    lx.fillers = frozenset(words("fillers.txt"))
    for w in lx.fillers:
        lx.cues.setdefault(w.lower(), "filler")  # matched like cues so that they leave no gap
    lx.boundaries = frozenset(words("boundaries.txt"))
    lx.trades = frozenset(words("trades.txt"))
    lx.work_nouns = tuple(words("work_nouns.txt"))
    qualifiers = [fields for _, fields in rows("qualifiers.tsv", 2)]
    lx.qualifiers = frozenset(q[0] for q in qualifiers)
    lx.head_qualifiers = frozenset(q[0] for q in qualifiers if q[1] == "head")
    lx.interim_qualifiers = frozenset(q[0] for q in qualifiers if q[1] == "interim")
    lx.abbreviations = tuple((long, short) for _, (long, short) in rows("abbreviations.tsv", 2))
    surnames = words("surnames.txt")  # most frequent first
    lx.surnames = frozenset(surnames)
    lx.rare_surnames = frozenset(surnames[COMMON_SURNAMES:])
    lx.addressed_surnames = frozenset(words("addressed_surnames.txt"))
    lx.not_in_names = frozenset(words("not_in_names.txt"))
    lx.name_followers = tuple(words("name_followers.txt"))
    honorifics = [fields for _, fields in rows("honorifics.tsv", 2)]
    lx.honorifics = tuple(h[0] for h in honorifics)
    lx.addresses = frozenset(h[0] for h in honorifics if h[1] == "address")
    lx.speech_verbs = tuple(words("speech_verbs.txt"))
    life = [compile_pattern(data_dir / "life_markers.txt", n, marker) for n, (marker,) in rows("life_markers.txt", 1)]
    lx.life_re = re.compile("|".join(f"(?:{p.pattern})" for p in life))
    lx.title_notes = tuple(words("title_notes.txt"))
    for lineno, (kind, heading_words) in rows("table_headers.tsv", 2):
        check(kind in ("boss", "head", "role", "unit"), "table_headers.tsv", lineno, f"kind {kind!r} is unknown")
        lx.table_headings += ((kind, tuple(w.lower() for w in heading_words.split("|"))),)

    # English forms match case-insensitively and only as whole words
    lx.roles_matcher = Matcher(lx.role_by_form)
    lx.companies_matcher = Matcher(lx.companies)
    lx.cues_matcher = Matcher(lx.cues)
    lx.cue_re = re.compile(_bounded(lx.cues), re.I)
    lx.surname_re = re.compile("[" + "".join(sorted({s[0] for s in lx.surnames})) + "]")
    lx.follower_re = re.compile(alternation(lx.name_followers))
    lx.trade_re = re.compile(alternation(lx.trades))
    lx.suffix_re = re.compile(f"(?:{alternation(lx.suffixes)})")
    lx.filler_re = re.compile(alternation(lx.fillers))
    lx.honorific_re = re.compile(alternation(lx.honorifics))
    lx.speech_re = re.compile(alternation(lx.speech_verbs))
    lx.title_note_re = re.compile(f"[(（](?:{alternation(lx.title_notes)})[)）]")
    from .segment import Segmenter  # noqa: PLC0415 - jieba only when a lexicon is read, not on import

    lx.segmenter = Segmenter(lx)
    return lx


def _bounded(forms) -> str:
    """The forms (in lowercase, as the cue words are) as one regex where Latin forms must not touch other Latin
    letters (CEO, not CEOs): at each place, the longest form that matches there, as the alternation of the forms
    longest first finds it, in a trie (阿(?:里(?:巴巴)?)…) where the regex engine tries one path, not every form.
    The longest first: each node tries the longer forms through it before the form that ends there."""

    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    def after(node: dict, ch: str) -> str:
        """What may follow ``ch`` at ``node``: the longer forms, else the end of a form (bounded after a Latin one)."""
        branches = [re.escape(c) + after(child, c) for c, child in sorted(node.items()) if c]
        stop = r"(?![A-Za-z])" if latin(ch) else ""
        if "" not in node:
            return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + "|".join(branches + [stop]) + ")" if branches else stop

    firsts = [
        (r"(?<![A-Za-z])" if latin(c) else "") + re.escape(c) + after(child, c)
        for c, child in sorted(_trie(set(forms)).items())
        if c
    ]
    return "|".join(firsts) or "(?!)"
