"""Person finders of :mod:`kg.extraction.mentions` that run after the others: names the article writes
elsewhere in full or in a list beside a name already found, English names given with a name, and a memo's
signature.
"""

from __future__ import annotations

import re

from .find_persons import LATIN_NAME, add_person
from .lexicon import Lexicon, find_words
from .segment import is_common_word
from .spans import CJK, Spans

_LATIN_BEFORE_NAME = re.compile(
    f"(?<![A-Za-z])([A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){{0,2}}(?:[{CJK}](?=\\(\\w))?) ?"
    f"\\((?:中文名[:：]?)?([{CJK}]{{2,4}})\\)"
)  # "Jean-Luc Moreau(莫朗)", "Markus Vogel(中文名:魏马可)", "Grace沈(沈佳怡)": a given name and the surname
# a name in a list of names: "徐直军、胡厚崑、孟晚舟"
_NOTE_BEFORE = re.compile(r"\([^()]{1,4}\)$")
_NOTE = 6  # the longest note in parentheses after a listed name, "(兼)" with its parentheses
_LISTED_NAME = re.compile(
    f"(?<=、)([{CJK}]{{2,3}})(?=、)|(?<=、)([{CJK}]{{2,3}})(?=[,，。;；和及等三两二]|$)|([{CJK}]{{2,3}})(?=、)"
)


def find_signature(sp: Spans, lx: Lexicon, known: dict[str, str]) -> None:
    """A memo signed with a name alone on its line ("——张一鸣", "一鸣"), or before the title on the line
    under it ("邬振华 云栈科技创始人兼CEO": a sign-off's lines are joined with a space)."""
    m = re.fullmatch(f"[—\\-―\\s]*([{CJK}]{{2,4}})(?:\\s.*)?", sp.text)
    if (
        m
        and (sp.index > 0 or m.end(1) < len(sp.text))  # a headline alone ("公司公告") signs nothing
        and not is_common_word(m.group(1))
        and not (len(m.group(1)) > 2 and is_common_word(m.group(1)[:2]))  # "公司|公告": words, no name
        and (m.group(1)[0] in lx.surnames or any(k.endswith(m.group(1)) for k in known))
    ):
        add_person(sp, m.start(1), m.end(1), known)


def find_known_persons(sp: Spans, known: dict[str, str], lx: Lexicon) -> None:
    # "王莆中将向…", "行长柏明|远回总行": a name cut short that the article writes in full elsewhere (王莆中)
    cut = {m.start for m in sp.items if m.kind == "person" and m.end - m.start == 2}  # (a name of two characters)
    longest = max(map(len, known), default=0)
    for start in sorted(sp.tagged | cut):
        tagged_person = sp.starting_at(start)
        if tagged_person is None or tagged_person.kind != "person":
            continue
        # the longest known name the text goes on to write from here: a lookup for each length, not a scan
        last = min(start + longest, len(sp.text))
        end = next((e for e in range(last, tagged_person.end, -1) if sp.text[start:e] in known), None)
        if end is not None:
            sp.remove(tagged_person)
            sp.add("person", start, end)
    for start, end in find_words(sp.text, known):
        sp.add("person", start, end)
    # "徐直军、胡厚崑、孟晚舟": a name in a list of names
    for m in _LISTED_NAME.finditer(sp.text) if "、" in sp.text else ():  # each reading has a 、 beside the name
        s, e = m.span()
        note = _NOTE_BEFORE.search(sp.text, max(0, s - 1 - _NOTE), s - 1)  # "Ryan(兼)、白凌": a note on the one before
        left, right = sp.ending_at(note.start() if note else s - 1), sp.starting_at(e + 1)
        if (
            sp.text[s] in lx.surnames
            and not is_common_word(sp.text[s:e])
            and sp.free(s, e)
            and any(x is not None and x.kind == "person" for x in (left, right))
        ):
            add_person(sp, s, e, known)
    # English names given in parentheses become mentions of the same person
    for m in LATIN_NAME.finditer(sp.text):
        before = sp.ending_at(m.start())
        if before is not None and before.kind == "person":
            sp.add("person", m.start(1), m.end(1), label=before.text)
    # "Tony(邝东)", "From: Kevin Mao(毛锴文)": the English name a person goes by, then the name
    for m in _LATIN_BEFORE_NAME.finditer(sp.text) if "(" in sp.text else ():  # its lookbehind is tried everywhere
        name, named = m.group(2), sp.starting_at(m.start(2))
        if not m.group(1)[-1].isascii() and m.group(1)[-1] != name[0]:
            continue  # "Grace沈(沈佳怡)" goes by her surname; "Grace说(…)" is no name
        if (
            named is None
            and (name[0] in lx.surnames or name[:2] in lx.surnames)
            and not is_common_word(name)
            and sp.free(m.start(2), m.end(2))
        ):
            add_person(sp, m.start(2), m.end(2), known)
            named = sp.starting_at(m.start(2))
        if named is None or named.kind != "person":
            continue
        latin = sp.starting_at(m.start(1))
        if (
            latin is not None
            and latin.kind in ("person", "org")
            and latin.end == m.end(1)
            and latin.label in ("", latin.text)
        ):
            sp.remove(latin)  # what the model took the English name for, now known to be the person's
        if sp.free(m.start(1), m.end(1)):
            sp.add("person", m.start(1), m.end(1), label=named.text)
