"""Chinese word segmentation: kg's own jieba tokenizer, taught a lexicon's words.

kg never touches jieba's process-wide tokenizer (``jieba.dt``) nor its logger's level: each
:class:`Segmenter` (one per :class:`~kg.extraction.lexicon.Lexicon`, ``lx.segmenter``) builds its own
:class:`jieba.Tokenizer` on first use, so other code in the same process that calls ``jieba.lcut``
segments exactly as it would without kg, and two lexicons segment each with their own words.

Caches kept, and why: a Segmenter's segmentations (keyed by text, held by the Segmenter, so by the
lexicon they depend on), and :func:`word_tag`'s table, read from jieba's own bundled dictionary,
which no lexicon changes: a fact about jieba, the same for every lexicon in the process.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from functools import cache, lru_cache
from math import log
from typing import TYPE_CHECKING

import jieba
from jieba import finalseg

if TYPE_CHECKING:
    from .lexicon import Lexicon


class Segmenter:
    """A jieba tokenizer of its own (default dictionary) with a lexicon's titles, org suffixes, cue words
    and company names added; built on first use (loading jieba's dictionary takes about a second)."""

    def __init__(self, lx: Lexicon):
        self._lexicon = lx
        self._tokenizer: jieba.Tokenizer | None = None
        # per segmenter, not per process: the same text segments differently under another lexicon
        self.tokens = lru_cache(maxsize=4096)(self._tokens)
        self.hmm_tokens = lru_cache(maxsize=4096)(self._hmm_tokens)

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = _taught(self._lexicon)
        return self._tokenizer

    def _tokens(self, text: str) -> tuple[str, ...]:
        return cut_without_hmm(self.tokenizer, text)

    def _hmm_tokens(self, text: str) -> tuple[str, ...]:
        """Segmentation with jieba's HMM on: it joins unseen personal names into one token."""
        return cut_with_hmm(self.tokenizer, text)

    def cuts_at(self, text: str, pos: int, lo: int) -> bool:
        """True when jieba (no HMM) cuts at ``pos`` every window of ``text`` that begins at ``lo`` or later (before
        ``pos``) and ends past it, whatever the rest of the window: no dictionary word, nor the beginning of
        one, that starts in text[lo:pos] goes on past ``pos``, and no run of single Latin letters or digits
        (which jieba joins) nor a "\\r\\n" goes over it. False says nothing: segment the window to know. A few
        dictionary lookups, where a segmentation scores every word of every place of the window."""
        if lo >= pos:
            return True  # the window begins at pos
        pair = text[pos - 1 : pos + 1]
        if pair == "\r\n" or (len(pair) == 2 and _LATIN_OR_DIGIT.match(pair) and _LATIN_OR_DIGIT.match(pair, 1)):
            return False
        freq = self.tokenizer.FREQ
        for k in range(lo, pos):
            if freq.get(text[k : pos + 1]) is not None:
                return False
        return True

    def first_hmm_token(self, text: str) -> str:
        """``hmm_tokens(text)[0]`` ("" for an empty text): where a name read after a title ends."""
        return first_token_with_hmm(self.tokenizer, text)


_LATIN_OR_DIGIT = jieba.re_eng  # what jieba joins into one token when the route cuts it one character at a time


def cut_without_hmm(tk: jieba.Tokenizer, text: str) -> tuple[str, ...]:
    """``tk.lcut(text, HMM=False)``, word for word, in about half the time. The finders segment thousands of
    windows of a few characters each, where jieba's own layers (a generator per block, a DAG dict, a max
    over a generator per character) cost more than the words; this is the same computation in one pass."""
    return _cut(tk, text, _cut_block)


def cut_with_hmm(tk: jieba.Tokenizer, text: str) -> tuple[str, ...]:
    """``tk.lcut(text, HMM=True)``, word for word: :func:`cut_without_hmm` with jieba's HMM
    (``jieba.finalseg``) over each run of single characters that is not a word."""
    return _cut(tk, text, _cut_block_hmm)


def first_token_with_hmm(tk: jieba.Tokenizer, text: str) -> str:
    """``cut_with_hmm(tk, text)[0]`` ("" for an empty text). A name's reader needs only the first word of its
    window: the HMM runs over the first run of single characters alone, not over the rest of the window
    (most of the cost of the whole cut)."""
    tk.check_initialized()
    for block in jieba.re_han_default.split(text):
        if not block:
            continue
        if not jieba.re_han_default.match(block):  # as in _cut: a space, a line break, else one character
            piece = next(p for p in jieba.re_skip_default.split(block) if p)
            return piece if jieba.re_skip_default.match(piece) else piece[0]
        ends = _best_route(block, tk.FREQ, log(tk.total))
        if ends[0] > 0:  # a word of several characters first
            return block[: ends[0] + 1]
        single = 1  # the run of single characters the HMM reads (as _cut_block_hmm gathers it)
        while single < len(block) and ends[single] == single:
            single += 1
        first: list[str] = []
        _cut_run(block[:single], tk.FREQ, first)
        return first[0]
    return ""


def _cut(
    tk: jieba.Tokenizer, text: str, cut_block: Callable[[str, list[int], dict[str, int], list[str]], None]
) -> tuple[str, ...]:
    """jieba's ``Tokenizer.cut`` (not cut_all), each block of Chinese, Latin letters and digits cut by ``cut_block``."""
    tk.check_initialized()
    out: list[str] = []
    for block in jieba.re_han_default.split(text):
        if not block:
            continue
        if jieba.re_han_default.match(block):
            cut_block(block, _best_route(block, tk.FREQ, log(tk.total)), tk.FREQ, out)
        else:  # spaces and line breaks are tokens of their own; anything else one character at a time
            for piece in jieba.re_skip_default.split(block):
                if jieba.re_skip_default.match(piece):
                    out.append(piece)
                else:
                    out.extend(piece)
    return tuple(out)


def _best_route(block: str, freq: dict[str, int], logtotal: float) -> list[int]:
    """jieba's ``get_DAG`` and ``calc`` in one loop: for each start, the last index of the first word of the
    most probable segmentation of the rest. The same floating-point operations in the same order; of equal
    scores the longer word wins, as in jieba's max over (score, index)."""
    n = len(block)
    score = [0.0] * (n + 1)
    ends = [0] * n
    get = freq.get  # looked up once a call, not once a word: the lookups are most of the route's time
    for idx in range(n - 1, -1, -1):
        best, best_end = 0.0, -1
        count = get(block[idx])
        i = idx + 1  # the end of the word block[idx:i]
        while count is not None:  # a word, or the start of one
            if count:
                candidate = log(count) - logtotal + score[i]
                if best_end < 0 or candidate >= best:  # a later (longer) word wins a tie
                    best, best_end = candidate, i - 1
            if i == n:
                break
            i += 1
            count = get(block[idx:i])
        if best_end < 0:  # no word starts here: the character alone
            best, best_end = log(get(block[idx]) or 1) - logtotal + score[idx + 1], idx
        score[idx], ends[idx] = best, best_end
    return ends


def _cut_block(block: str, ends: list[int], freq: dict[str, int], out: list[str]) -> None:
    """The words of the route (jieba's ``__cut_DAG_NO_HMM``): single Latin letters and digits joined in a run."""
    x, n, buf = 0, len(block), ""
    while x < n:
        y = ends[x] + 1
        word = block[x:y]
        if y - x == 1 and jieba.re_eng.match(word):
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)


def _cut_block_hmm(block: str, ends: list[int], freq: dict[str, int], out: list[str]) -> None:
    """The words of the route (jieba's ``__cut_DAG``): a run of single characters that is no word goes to
    the HMM, which joins unseen names."""
    x, n, buf = 0, len(block), ""
    while x < n:
        y = ends[x] + 1
        if y - x == 1:
            buf += block[x]
        else:
            if buf:
                _cut_run(buf, freq, out)
                buf = ""
            out.append(block[x:y])
        x = y
    if buf:
        _cut_run(buf, freq, out)


def _cut_run(run: str, freq: dict[str, int], out: list[str]) -> None:
    if len(run) == 1:
        out.append(run)
    elif not freq.get(run):
        out.extend(finalseg.cut(run))
    else:
        out.extend(run)


def _taught(lx: Lexicon) -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    _quiet_initialize(tk)
    for words in (lx.role_by_form, lx.suffixes, lx.cues, lx.boundaries, lx.trades):
        for w in words:
            if not w.isascii():
                tk.add_word(w, freq=50000)
    for c in {c for c in lx.companies.values()}:
        for w in c.forms:
            tk.add_word(w, freq=50000)
    return tk


def _quiet_initialize(tk: jieba.Tokenizer) -> None:
    """Load the dictionary without jieba's "Building prefix dict ..." lines on stderr.

    The logger's level is lowered to WARNING only for this call and put back after it.
    """
    logger = jieba.default_logger
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        tk.initialize()
    finally:
        logger.setLevel(level)


@cache
def _word_tags() -> dict[str, str]:
    """Part-of-speech tags of jieba's bundled dictionary words (nr = personal name)."""
    tags: dict[str, str] = {}
    # an uninitialized tokenizer only names the bundled dictionary file: nothing is built, nothing global touched
    with jieba.Tokenizer().get_dict_file() as raw, io.TextIOWrapper(raw, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and int(parts[1]) >= 20:  # rarer entries are mostly segmentation debris
                tags[parts[0]] = parts[2]
    return tags


def word_tag(text: str) -> str | None:
    """jieba's part-of-speech tag of a dictionary word (None if not in the dictionary)."""
    return _word_tags().get(text)


def is_common_word(text: str) -> bool:
    """A dictionary word that is not a personal name ("同时", "高级"; not "雷军")."""
    tag = _word_tags().get(text)
    return tag is not None and not tag.startswith("nr")
