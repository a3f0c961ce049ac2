"""A statement written all in capitals ("* SAYS BOARD APPOINTS CHEN YUTING AS BOARD SECRETARY", a wire
brief's bullets, an 8-K headline) put back in ordinary case, so that names are capitalized runs again.

Why: every English reader finds names and organizations by their capitals; in an all-capitals line every
word looks like a name. A word English writes in lowercase (kg/data/en/common_words.txt, the cue and
title words) is lowercased, any other word capitalized, the words before a legal form ("ACME
FOODS CORP") stay part of the name, and a Chinese surname that is also a word ("HE JIANPING") stays
a surname before a pinyin given name. The change keeps every character's offset (one letter's case).
"""

from __future__ import annotations

import re

from . import names
from .resources import EnglishResources

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_STATEMENT_CUES = {"appoint", "leave", "leaving", "succeed", "succeeded_by", "report", "lead", "handover"}
_LINKERS = {"of", "and", "&"}


def truecase_lines(text: str, r: EnglishResources) -> str:
    """``text`` with each line that is a statement in capitals in ordinary case."""
    return "\n".join(_truecase(line, r) if _shouted(line, r) else line for line in text.split("\n"))


def _shouted(line: str, r: EnglishResources) -> bool:
    """A line of four words or more, no lowercase letter, and a title or a verb of a change ("APPOINTS",
    "RESIGNED"): a statement, not a heading that names a company."""
    words = [w for w in _WORD.findall(line) if len(w) > 1]
    if len(words) < 4 or any(c.islower() for c in line if c.isascii()):
        return False
    low = line.lower()
    return any(t in r.role_by_form or r.cues.get(t) in _STATEMENT_CUES for t in map(str.lower, r.terms_re.findall(low)))


def _truecase(line: str, r: EnglishResources) -> str:
    words = list(_WORD.finditer(line))
    cased = [_word_case(m.group(), r) for m in words]
    for i, m in enumerate(words):
        if _pinyin_name_at(words, i, r):
            cased[i] = m.group().capitalize()
            cased[i + 1] = words[i + 1].group().capitalize()
    _name_before_legal_form(words, cased, r)
    out = list(line)
    for m, c in zip(words, cased):
        out[m.start() : m.end()] = c
    return "".join(out)


def _word_case(word: str, r: EnglishResources) -> str:
    low = word.lower()
    legal = _legal_form(word, r)
    if legal:
        return legal
    if _lowercase_word(low, r):
        return low
    if len(word) <= 3 and not re.search(r"[AEIOUY]", word) and "'" not in word:
        return word  # "SVP", "LLC": an abbreviation
    return word.capitalize()


def _lowercase_word(low: str, r: EnglishResources) -> bool:
    """A common word, a cue or title word, or an inflection of one ("NOMINATES", "ELECTED", "REACHING")."""
    stems = [low[: -len(end)] + add for end in ("s", "es", "d", "ed", "ing") if low.endswith(end) for add in ("", "e")]
    return any(
        w in r.common_words or w in r.cues or w in r.role_by_form for w in [low, *(s for s in stems if len(s) > 3)]
    )


def _legal_form(word: str, r: EnglishResources) -> str | None:
    """ "LTD" -> "Ltd", "PLC" -> "PLC": the form of kg/data/en/org_suffixes.tsv it is written as (of the same
    length); "AS" is the word "as" before it is a Norwegian company's."""
    low = word.lower()
    if low in r.cues:
        return None
    return next((s for s, suf in r.suffixes.items() if suf.legal and s.lower() == low), None)


def _pinyin_name_at(words: list[re.Match], i: int, r: EnglishResources) -> bool:
    """ "HE JIANPING", "XU LIN": a Chinese surname before a given name of one or two pinyin syllables
    that is no common word (then "HE WILL" is no name)."""
    if i + 1 >= len(words) or words[i].group().lower() not in r.surnames:
        return False
    if words[i + 1].start() - words[i].end() != 1:
        return False
    given = words[i + 1].group().lower()
    return given not in r.common_words and len(names.syllables(given) or ()) in (1, 2)


def _name_before_legal_form(words: list[re.Match], cased: list[str], r: EnglishResources) -> None:
    """ "CHINA HUAXIN LIFE INSURANCE CO LTD": the words before a legal form are the company's name, back
    to a function word or a cue ("SAYS"); "of" and "and" inside it too ("BANK OF EAST ASIA LTD")."""
    function = r.function_words
    for i, m in enumerate(words):
        if _legal_form(m.group(), r) is None:
            continue
        k = i - 1
        while k >= 0 and _legal_form(words[k].group(), r):
            k -= 1
        while k >= 0:
            low = words[k].group().lower()
            if low in _LINKERS and k > 0 and _nameable(words[k - 1].group(), function, r):
                cased[k] = low
            elif _nameable(words[k].group(), function, r):
                cased[k] = words[k].group().capitalize()
            else:
                break
            k -= 1


def _nameable(word: str, function: frozenset[str], r: EnglishResources) -> bool:
    low = word.lower()
    return low not in function and low not in r.cues and low not in r.role_by_form
