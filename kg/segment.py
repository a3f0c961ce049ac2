"""Chinese word segmentation: jieba, taught our lexicons once per process."""
from __future__ import annotations

import logging
from functools import cache, lru_cache

import jieba

from .lexicon import load

jieba.setLogLevel(logging.WARNING)


@cache
def tokenizer() -> jieba.Tokenizer:
    """jieba's default tokenizer with our titles, org suffixes and company names added."""
    lx = load()
    tk = jieba.dt
    tk.initialize()
    for words in (lx.role_by_form, lx.suffixes, lx.cues, lx.boundaries):
        for w in words:
            if not w.isascii():
                tk.add_word(w, freq=50000)
    for c in {c for c in lx.companies.values()}:
        for w in c.forms:
            tk.add_word(w, freq=50000)
    return tk


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    return tuple(tokenizer().lcut(text, HMM=False))


@cache
def _word_tags() -> dict[str, str]:
    """Part-of-speech tags of jieba's dictionary words (nr = personal name)."""
    tokenizer()
    tags: dict[str, str] = {}
    with open(jieba.dt.get_dict_file().name, encoding="utf-8") as fh:
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
