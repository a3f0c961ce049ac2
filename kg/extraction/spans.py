"""The items of a sentence under construction (:class:`Spans`) and the text helpers the finders share.

Used by :mod:`kg.extraction.find_orgs`, :mod:`kg.extraction.find_persons` and :mod:`kg.extraction.mentions`.
"""

from __future__ import annotations

import re

from ..model import Mention, MentionKind
from .lexicon import Lexicon
from .segment import word_tag

CJK = "\u4e00-\u9fff"
CJK_RUN = re.compile(f"[{CJK}]+")


class Spans:
    """The items of one sentence under construction: non-overlapping spans."""

    def __init__(self, text: str, index: int):
        self.text, self.index = text, index
        self.items: list[Mention] = []
        self.taken = bytearray(len(text))
        self._cues: list[tuple[int, int]] | None = None
        self.tagged: set[int] = set()  # starts of the persons only the statistical model vouches for
        self._by_start: dict[int, Mention] = {}
        self._by_end: dict[int, Mention] = {}

    def free(self, start: int, end: int) -> bool:
        return 0 <= start < end <= len(self.text) and self.taken.find(1, start, end) < 0

    def add(self, kind: MentionKind, start: int, end: int, value: str = "", label: str = "", parent: str = "") -> bool:
        if not (0 <= start < end <= len(self.text)) or self.taken.find(1, start, end) >= 0:
            return False  # not free (:meth:`free` written out: thousands of mentions are added a document)
        m = Mention(kind, self.text[start:end], self.index, start, end, value, label, parent)
        self.items.append(m)
        self._by_start[start], self._by_end[end] = m, m
        self.taken[start:end] = b"\x01" * (end - start)
        return True

    def remove(self, m: Mention) -> None:
        self.items.remove(m)
        self._by_start.pop(m.start, None)
        self._by_end.pop(m.end, None)
        self.taken[m.start : m.end] = bytes(m.end - m.start)

    def cue_matches(self, lx: Lexicon) -> list[tuple[int, int]]:
        if self._cues is None:
            self._cues = list(lx.cues_matcher.finditer(self.text))
        return self._cues

    def ending_at(self, pos: int) -> Mention | None:
        return self._by_end.get(pos)

    def starting_at(self, pos: int) -> Mention | None:
        return self._by_start.get(pos)


def free_cjk_start(sp: Spans, pos: int, limit: int | None = None) -> int:
    """Where the run of Chinese characters no mention holds, ending at ``pos``, begins (at most ``limit`` back)."""
    start = pos
    while (
        start > 0
        and CJK_RUN.fullmatch(sp.text[start - 1])
        and sp.free(start - 1, start)
        and (limit is None or pos - start < limit)
    ):
        start -= 1
    return start


def title_follows(sp: Spans, pos: int, lx: Lexicon) -> bool:
    """A title begins at ``pos`` ("抖音|总裁"): a name before a title is a unit's or a brand's, as a person's
    title comes before the name."""
    return lx.roles_matcher.prefix_end(sp.text[pos : pos + LONGEST_TITLE]) is not None


def starts_word(sp: Spans, pos: int, lx: Lexicon, ahead: int = 1) -> bool:
    """A word can start at ``pos``: the text or a mention ends there, or jieba puts a boundary there
    (segmenting ``ahead`` characters past it)."""
    if pos == 0 or not CJK_RUN.fullmatch(sp.text[pos - 1]) or sp.ending_at(pos) is not None:
        return True
    lo = max(0, pos - 4)
    if lx.segmenter.cuts_at(sp.text, pos, lo):
        return True  # no word goes over pos: nothing to segment
    bounds, at = set(), lo
    for tok in lx.segmenter.tokens(sp.text[lo : pos + ahead]):
        at += len(tok)
        bounds.add(at)
    return pos in bounds


_OPENING_MARKS = frozenset("《〈「『“‘")


def trim_left(text: str, start: int, end: int, lx: Lexicon, registered: bool = False) -> int:
    """Move ``start`` right past the last boundary word in text[start:end] (by jieba tokens).
    ``registered``: a registered name, in which 集团 and 公司 are part of the name (华曜控股集团有限公司)."""
    if start >= end:
        return start  # nothing to trim, nothing to segment
    pos, cut, depth = start, start, 0
    toks = lx.segmenter.tokens(text[start:end])
    for n, tok in enumerate(toks):
        pos += len(tok)
        depth += (tok in "(（") - (tok in ")）")
        if depth > 0 or tok in ")）":
            continue  # "惠邻超市(集团)有限公司": what the parenthesis holds is part of the name
        if tok in _OPENING_MARKS:
            cut = pos  # "《北京锐泓信息科技股份有限公司第三届董事会决议》": the title of a document opens there
            continue
        if registered and lx.cues.get(tok) == "orgref":
            continue
        if len(tok) == 1 and word_tag(tok) == "q" and end - pos == 1:
            continue  # "原个险事业部": a measure word jieba splits off a name's first character
        if tok in lx.boundaries or (tok in lx.cues and lx.cues[tok] != "this") or tok in lx.role_by_form:
            cut = pos
        elif (
            n < len(toks) - 1
            and (word_tag(tok) or "x")[0] in BOUNDARY_TAGS
            and (len(tok) == 1 or word_tag(tok) != "m" or _COUNT.search(tok))
            and not (n == 0 and len(tok) == 1 and _opens_clause(text, start, tok))
        ):
            # a verb, adverb, pronoun … (but "组织部": the word right before the suffix stays; and a sentence
            # does not open with a one-character adverb before a name: "越擎机器人宣布" is a name)
            cut = pos
    return cut


_ITEM_MARKS = frozenset("：:（(、\n")


def _opens_clause(text: str, start: int, first: str) -> bool:
    """``first``, one character, opens the sentence at ``start``, or opens an item after a colon, a bracket or an
    enumeration mark as a numeral or an adverb: it is the first character of a name ("下设：日韩发行中心",
    "由兆安银行…" is no item)."""
    return start == 0 or (text[start - 1] in _ITEM_MARKS and (word_tag(first) or "x")[0] in "md")


# a numeral jieba tags as one word that counts ("两家", "余家", "2023", "十八"), not one that names ("四季")
_COUNT = re.compile(r"[\d余多几数个家名位大类级项批只条届]|^[一二三四五六七八九十百千万两]+$")

# jieba part-of-speech classes that never start or sit inside an organization's name
BOUNDARY_TAGS = frozenset("pcdum")
FUNCTION_TAGS = frozenset("pcu")  # prepositions, conjunctions, particles: no name ends in one ("以及", "起以")
VERB_TAGS = frozenset({"v", "vd", "vg", "vi", "vq"})  # jieba's verb tags but "vn" (a verbal noun)
NOT_IN_NAME_TAGS = frozenset("pcdumtrvf")  # … nor end one that follows its description (verbs, times too)
_NAME_TAGS = frozenset("nxj")  # nouns, unknown words, abbreviations: what a company's name is made of
LONGEST_TITLE = 8  # how far around a short company name to look for a title it would cut


def name_end(sp: Spans, pos: int, lx: Lexicon, limit: int = 12, words: int = 4, nouns: bool = False) -> int:
    """Where a name that goes on at ``pos`` ends: before the first title, cue word, verb, function word,
    time or punctuation, after at most ``words`` words (only nouns and unknown words with ``nouns``):
    "星曜机器人|近日完成", "芯澜|半导体|CTO"."""
    if limit <= 0 or pos >= len(sp.text) or not CJK_RUN.fullmatch(sp.text[pos]) or not sp.free(pos, pos + 1):
        return pos  # no first word would be all Chinese and free: nothing to segment
    end = pos
    for tok in lx.segmenter.tokens(sp.text[pos : pos + limit])[:words]:
        tag = word_tag(tok) or "x"
        if (
            not CJK_RUN.fullmatch(tok)
            or tok in lx.cues
            or tok.lower() in lx.role_by_form
            or tok in lx.boundaries
            or (
                tag[0] not in _NAME_TAGS and tok not in lx.trades
                if nouns
                else tag[0] in NOT_IN_NAME_TAGS and tag != "vn"
            )
            or not sp.free(end, end + len(tok))
        ):
            break
        end += len(tok)
    return end


def name_after_title(text: str, start: int, end: int, lx: Lexicon) -> bool:
    """``text[start:end]`` could be a person's name right after a title, ending the clause."""
    if not (2 <= end - start <= 3 and text[start] in lx.surnames) or (end < len(text) and CJK_RUN.fullmatch(text[end])):
        return False
    window = text[max(0, start - LONGEST_TITLE) : start]
    return any(e == len(window) for _, e in lx.roles_matcher.finditer(window))
