"""Person names in English sentences: full names (capitalized runs, HKEX capitals, pinyin with a
surname that is also a word), their aliases, then the lone surnames and given names of those found.

Why a module of its own: persons are read last, from what organizations and titles left free, and
their tests (name words, months as given names, particles) share nothing with organizations but the
sentence's items (:mod:`kg.extraction.en.items`); :mod:`kg.extraction.en.names` holds how a name is
written and cleaned, this module where one is in a sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import names
from .items import CAP_SEQ, LOW, PAREN, UP, SentenceItems
from .resources import EnglishResources

_HKEX_NAME = re.compile(r"(?<![\w])([A-Z]{2,}(?:\s+[A-Z][a-z]+(?:-[a-z]+)?){1,2})(?![\w])")


def find_persons(it: SentenceItems, r: EnglishResources) -> None:
    text = it.text
    for m in _HKEX_NAME.finditer(text):  # "Mr. CHAN Tai Man"
        if _after_honorific(text, m.start(), r):
            it.add("person", m.start(), m.end(), label=names.hkex_name(m.group(1)))
    for m in CAP_SEQ.finditer(text):
        for start, end in _free_runs(it, m.start(), m.end()):
            words = text[start:end].split()
            while (
                words
                and words[0] in r.not_names
                and not _after_honorific(text, start, r)
                and not _month_as_given_name(text, start, words, r)
                and not _pinyin_surname(words, r)
            ):
                start += len(words[0]) + 1
                words = words[1:]
            while (
                words
                and words[-1] in r.not_names
                and not (
                    words[-1].lower() in r.months
                    and len(words) > 1
                    and (_name_word(words[-2], r) or words[-2].lower() in r.surnames)
                )
            ):  # "Lei Jun", "He Jun"
                end -= len(words[-1]) + 1
                words = words[:-1]
            half = len(words) // 2
            if len(words) in (4, 6) and words[:half] == words[half:]:  # "By: /s/ Mark Davidson Mark Davidson"
                end = start + len(" ".join(words[:half]))
                words = words[:half]
            surname = _pinyin_surname(words, r) or (
                len(words) > 1 and words[0].lower() in r.surnames and _after_honorific(text, start, r)
            )  # "Mr. He Jun"
            if (
                not 2 <= len(words) <= 5
                or not all(
                    _name_word(w, r) or (0 < i < len(words) - 1 and w in _PARTICLES) or (i == 0 and surname)
                    for i, w in enumerate(words)
                )
                or all(w.isupper() for w in words)
            ):
                continue  # all capitals is a heading ("CURRENT REPORT"); "CHAN Tai Man" has a given name
            label = ""
            before = re.search(r"([\u3400-\u9fff·]{2,6})\s*\(\s*$", text[:start])
            if before and text[end : end + 1] == ")":
                label = before.group(1)  # "程一晓 (Cheng Yixiao)": the characters name the same person
            alias = PAREN.match(text, end)
            if alias and _is_alias(alias.group(1)) and not label:
                label = alias.group(1).strip()
            if it.add("person", start, end, label=label) and label:
                if label.isascii() and alias:
                    a0 = alias.start(1)
                    it.add("person", a0, a0 + len(alias.group(1)), label=text[start:end])
                elif alias:
                    it.block(alias.start(), alias.end())  # "Cheng Yixiao (程一晓)": one name


_PARTICLES = {"van", "von", "der", "den", "de", "la", "du", "da", "di", "del", "dos", "bin", "al"}


def _pinyin_surname(words: list[str], r: EnglishResources) -> bool:
    """ "He Xiaopeng": a surname that is also an English word, before a pinyin given name."""
    return (
        len(words) >= 2
        and words[0].lower() in r.surnames
        and (words[1] not in r.not_names or words[1].lower() in r.months and words[1] != "May")
        and names.pinyin_form(" ".join(words[:2])) is not None
        and len(names.syllables(words[1]) or ()) in (1, 2)
    )


def _month_as_given_name(text: str, start: int, words: list[str], r: EnglishResources) -> bool:
    """ "Jan Vermeulen", "April Chen": a month's name before a name word, not after "in", "since" …"""
    if words[0].lower() not in r.months or len(words) < 2 or words[1] in r.not_names:
        return False
    before = text[:start].split()
    if not before:
        return True
    prev = before[-1]
    # "since Jan", "in April": a month; "Chief Technology Officer Jan Petersen": a name after a title
    return not (
        prev.lower() in {"since", "until", "early", "late", "mid", "last", "next", "this", "each", "every", "through"}
        or prev.lower() in r.not_names_lower
        and not _after_title(text, start, r)
    )


def _after_title(text: str, start: int, r: EnglishResources) -> bool:
    seg = text[max(0, start - 60) : start].rstrip()
    return any(t.end() == len(seg) for t in r.role_re.finditer(seg))


_AKA = re.compile(r",?\s*(?:also\s+known\s+as|known\s+as|a\.k\.a\.?|aka|or)\s+$")


def known_as(it: SentenceItems) -> None:
    """ "Liu Qiangdong, also known as Richard Liu": one person, each name the other's label."""
    persons = sorted((m for m in it.items if m.kind == "person"), key=lambda m: m.start)
    for a, b in zip(persons, persons[1:]):
        aka = _AKA.fullmatch(it.text[a.end : b.start])
        if not a.label and not b.label and aka and " " in a.text and " " in b.text and aka.group().strip(" ,") != "or":
            it.items[it.items.index(a)] = replace(a, label=b.text)
            it.items[it.items.index(b)] = replace(b, label=a.text)


def _free_runs(it: SentenceItems, start: int, end: int):
    """The pieces of [start, end) that no earlier mention took, trimmed to whole words."""
    i = start
    while i < end:
        while i < end and (it.taken[i] or it.text[i].isspace()):
            i += 1
        j = i
        while j < end and not it.taken[j]:
            j += 1
        piece = it.text[i:j].rstrip()
        if piece:
            yield i, i + len(piece)
        i = j


def _name_word(w: str, r: EnglishResources) -> bool:
    return (
        (w not in r.not_names or w.lower() in r.months)
        and w not in r.suffixes
        and (w[:1].isupper())
        and bool(
            re.fullmatch(
                rf"[{UP}][{LOW}]+(?:[\-'’][{UP}]?[{LOW}]+)*|[A-Z]{{2,}}|[A-Z][a-z]*[A-Z][a-z]+"
                r"|[A-Z]['’][A-Z][a-z]+|[A-Z]\.",
                w,
            )
        )
    )


def _after_honorific(text: str, pos: int, r: EnglishResources) -> bool:
    before = text[max(0, pos - 12) : pos].split()
    return bool(before) and before[-1] in r.honorifics


def _is_alias(s: str) -> bool:
    """ "(Tang Daosheng)", "(程一晓)", "(Lihua Pan)": another form of the same name."""
    s = s.strip()
    return bool(re.fullmatch(r"[\u3400-\u9fff·]{2,6}", s)) or bool(
        re.fullmatch(rf"[{UP}][{LOW}]+(?:\s[{UP}][{LOW}]+){{1,2}}", s)
    )


def find_name_parts(it: SentenceItems, persons: set[str], r: EnglishResources) -> None:
    """ "Lopez", "Kwame", "Cheng": the surname or given name of a person named in full."""
    parts = {p for full in persons for p in full.split() if p not in r.not_names and len(p) > 1}
    for m in re.finditer(rf"(?<![\w\-])[{UP}][{LOW}'’\-]+(?:-[{UP}][{LOW}]+)?(?![\w\-])", it.text):
        if m.group() in parts:
            it.add("person", m.start(), m.end())
