"""Chinese word segmentation: kg's own jieba tokenizer, taught our lexicons once per process.

kg never touches jieba's process-wide tokenizer (``jieba.dt``) nor its logger's level: it builds
its own :class:`jieba.Tokenizer` on first use, so other code in the same process that calls
``jieba.lcut`` segments exactly as it would without kg.
"""

from __future__ import annotations

import io
import logging
from functools import cache, lru_cache

import jieba

from .lexicon import load


@cache
def tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer of its own (default dictionary) with our titles, org suffixes and company names added."""
    lx = load()
    tk = jieba.Tokenizer()
    _quiet_initialize(tk)
    for words in (lx.role_by_form, lx.suffixes, lx.cues, lx.boundaries):
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


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    return tuple(tokenizer().lcut(text, HMM=False))


@cache
def _word_tags() -> dict[str, str]:
    """Part-of-speech tags of the tokenizer's dictionary words (nr = personal name)."""
    tags: dict[str, str] = {}
    with tokenizer().get_dict_file() as raw, io.TextIOWrapper(raw, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and int(parts[1]) >= 20:  # rarer entries are mostly segmentation debris
                tags[parts[0]] = parts[2]
    return tags


def word_tag(text: str) -> str | None:
    """jieba's part-of-speech tag of a dictionary word (None if not in the dictionary)."""
    return _word_tags().get(text)


@lru_cache(maxsize=4096)
def hmm_tokens(text: str) -> tuple[str, ...]:
    """Segmentation with jieba's HMM on: it joins unseen personal names into one token."""
    return tuple(tokenizer().lcut(text, HMM=True))


def is_common_word(text: str) -> bool:
    """A dictionary word that is not a personal name ("同时", "高级"; not "雷军")."""
    tag = _word_tags().get(text)
    return tag is not None and not tag.startswith("nr")
