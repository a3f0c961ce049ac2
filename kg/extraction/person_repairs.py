"""Checks of the persons found against the whole article, once every sentence is read (:mod:`kg.extraction.mentions`):
a name that is a company's, a character that follows a name only now and then, and the short forms (a given
name, a surname and an honorific) that name a person found in full.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon, literal_starts, word_then
from .segment import is_common_word, word_tag
from .spans import CJK, CJK_RUN, Spans


def drop_company_names(
    spans: list[Spans], known: dict[str, str], text: str, lx: Lexicon, organizations: set[str]
) -> None:
    """ "美晴股价…" and "美晴集团" in one article: a name only the model took for a person, which the article
    also writes before a company's suffix, or which the model takes for an organization elsewhere
    (抖音), or a company found by its trade ("芯曜科技": "没有他就没有芯曜的今天"), is the company's name."""
    tagged = {m.text for sp in spans for m in sp.items if m.kind == "person" and m.start in sp.tagged}
    vouched = {m.text for sp in spans for m in sp.items if m.kind == "person" and m.start not in sp.tagged}
    if not tagged - vouched:
        return  # most articles: no name the model alone found
    traded = {
        m.text[: -len(t)] for sp in spans for m in sp.items if m.kind == "org" for t in _trades_ending(m.text, lx)
    }
    tail = _company_name_tail(lx.company_suffix_alternation)
    for name in tagged - vouched:
        if name in organizations or name in traded or _names_a_company(name, text, tail, lx):
            known.pop(name, None)
            _replace_person(spans, name, 0)


def _trades_ending(name: str, lx: Lexicon) -> list[str]:
    """The trades a company's name ends in ("科技" of 芯曜科技)."""
    return [t for t in lx.trades if name.endswith(t) and len(name) > len(t)]


@lru_cache(maxsize=4)
def _company_name_tail(company_suffix: str) -> re.Pattern[str]:
    """What follows a name that names a company: perhaps a trade, then a company's suffix (an alternation).
    Compiled once, not once per name with the name in front."""
    return re.compile(f"([{CJK}]{{0,4}}?)(?:{company_suffix})")


def _names_a_company(name: str, text: str, tail: re.Pattern[str], lx: Lexicon) -> bool:
    """ "美晴集团", "锦澜酒店集团": the name, perhaps a trade (nouns only), and a company's suffix (``tail``)
    ("张三出任京东集团" is no such)."""
    for m in word_then(text, name, tail):
        trade = lx.segmenter.tokens(m.group(1))
        if all((word_tag(t) or "x")[0] == "n" and len(t) > 1 for t in trade):
            return True
    return False


def _replace_person(spans: list[Spans], name: str, keep: int) -> None:
    """Every person mention written ``name`` becomes its first ``keep`` characters (none: it goes)."""
    for sp in spans:
        for m in [m for m in sp.items if m.kind == "person" and m.text == name]:
            sp.remove(m)
            if keep:
                sp.add("person", m.start, m.start + keep)


def drop_unstable_names(spans: list[Spans], known: dict[str, str], text: str) -> None:
    """ "范宁突辞任" once, "范宁" four times: a name is what stays the same wherever the article writes it,
    so a third character that follows it only now and then (an adverb, a verb) is no part of it."""
    for name in [n for n in known if len(n) == 3 and CJK_RUN.fullmatch(n)]:
        prefix = name[:2]
        # occurrences of the first two characters that no known name continues (蒋文春 and 蒋文格 are two people)
        alone = sum(1 for i in literal_starts(text, prefix) if text[i : i + 3] not in known)
        if alone >= text.count(name):
            english = known.pop(name)
            known.setdefault(name[:2], english)
            _replace_person(spans, name, 2)


def add_given_names(known: dict[str, str], lx: Lexicon) -> None:
    """ "汝波", "利东": the given name of a three-character name found in the text names the same person."""
    for name in list(known):
        if "·" in name:  # "埃克拉先生": the family name of 让-路易·埃克拉
            last = name.rsplit("·", 1)[1]
            if len(last) >= 2 and last not in known:
                known[last] = ""
            continue
        given = name[1:]
        if len(name) == 3 and name[0] in lx.surnames and not is_common_word(given) and given not in known:
            known[given] = ""
        surname = name[:2] if len(name) >= 3 and name[:2] in lx.surnames else name[:1]  # 司徒嘉慧
        if 2 <= len(name) <= len(surname) + 2 and surname in lx.surnames and CJK_RUN.fullmatch(name):
            for honorific in lx.honorifics:  # "黎先生" is 黎嘉明 in an announcement that names him in full
                known.setdefault(surname + honorific, "")


def link_glossed_names(sp: Spans) -> None:
    """ "行癫(张建锋)", "逍遥子(张勇)": a name, then another in brackets, name one person (a nickname glossed with
    the name): the first becomes a mention labelled with the second, as an English name is."""
    for m in [m for m in sp.items if m.kind == "person" and not m.label and CJK_RUN.fullmatch(m.text)]:
        if sp.text[m.end : m.end + 1] not in _OPENING:
            continue
        inner = sp.starting_at(m.end + 1)
        if (
            inner is not None
            and inner.kind == "person"
            and CJK_RUN.fullmatch(inner.text)  # (an English name in brackets is the person's English name)
            and sp.text[inner.end : inner.end + 1] in _CLOSING
        ):
            sp.remove(m)
            sp.add("person", m.start, m.end, label=inner.text)


_OPENING, _CLOSING = "(（", ")）"
