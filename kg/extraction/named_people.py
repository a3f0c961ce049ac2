"""People an article names without a post it states: a quoted analyst ("首席分析师戴文认为"), a predecessor
("接替荣休的容子健先生"), a signature ("周明哲 | President"). A component after the facts: a person with no fact
is kept when the text itself vouches that the name is a person's, by a title just before it or set apart after
it, a form of address or a verb of saying right after it, or an English gloss of a Chinese name; or when the
statistical model tagged it and it is shaped like a name (a name found by the lexicons' patterns alone, with
nothing to say about it, is left out: it is the likeliest to be no name at all).
"""

from __future__ import annotations

import re

from ..model import Document, Mention
from .find_persons import TAGGED_PERSON
from .lexicon import Lexicon
from .resolve import mention_key
from .segment import is_common_word
from .spans import CJK_RUN

_GAP = " :：|｜\u3000"  # what a list or a table puts between a title and a name ("CTO:瞿然", "周明哲 | 总裁")
_FIGURES = re.compile("[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟元]{2}")  # "伍仟万元"
_OPENING_QUOTES = frozenset('“"「『‘《')
_GLOSS = re.compile(r"\s?[(（][^()（）]{1,30}[)）]")  # "Richard Tam(谭文礼)": the name in the other script


def named_people(doc: Document, lx: Lexicon) -> Document:
    """Record in ``doc.named`` each person with no fact whom a sentence vouches for, with that sentence."""
    with_facts = {f.subject for f in doc.facts} | {f.object for f in doc.facts}
    titles = [m for m in doc.mentions if m.kind == "role"]
    starts, ends = {(m.sentence, m.start) for m in titles}, {(m.sentence, m.end) for m in titles}
    for m in doc.mentions:
        key = doc.links.get(mention_key(m)) if m.kind == "person" else None
        if key is None or key in with_facts or key in doc.named:
            continue
        text = doc.sentences[m.sentence].text
        if is_common_word(text[max(0, m.start - 1) : m.start + 1]):
            continue  # "感谢|罗女士": the name's first character ends a word, the name is a misreading
        person = doc.entities[key]
        glossed = bool(person.english) and not person.name.isascii()  # "Daniel Kwok(郭家伟)"
        if glossed or _tagged_like_a_name(text, m, lx) or _vouched(text, m, starts, ends, lx):
            doc.named[key] = m.sentence
    return doc


def _tagged_like_a_name(text: str, m: Mention, lx: Lexicon) -> bool:
    """The model tagged the name, and it is shaped like one: a surname first, no function word or figure at
    either end ("于开", "伍仟万元"), not quoted (a brand: "品牌“栖云”")."""
    name = m.text
    if m.value != TAGGED_PERSON:
        return False
    if not CJK_RUN.fullmatch(name):
        return not CJK_RUN.search(name)  # "Mark Johnson", not "Mark说"
    return (
        (name[0] in lx.surnames or name[:2] in lx.surnames)
        and name[0] not in lx.not_in_names
        and name[-1] not in lx.not_in_names
        and not _FIGURES.search(name)
        and text[m.start - 1 : m.start] not in _OPENING_QUOTES
    )


def _vouched(text: str, m: Mention, starts: set[tuple[int, int]], ends: set[tuple[int, int]], lx: Lexicon) -> bool:
    """A title ends right before the name or begins right after it ("周明哲 | President"), or a form of address
    or a verb of saying follows it (after the name's gloss in brackets: "Richard Tam(谭文礼)先生")."""
    start, end = m.start, m.end
    while start > 0 and text[start - 1] in _GAP:
        start -= 1
    gloss = _GLOSS.match(text, end)
    after = gloss.end() if gloss else end
    apart = after  # "周明哲 | President": a title set apart after the name (not "宁拓总裁", a company's)
    while apart < len(text) and text[apart] in _GAP:
        apart += 1
    return (
        (m.sentence, start) in ends
        or (apart > after and (m.sentence, apart) in starts)
        or lx.honorific_re.match(text, after) is not None
        or lx.speech_re.match(text, after) is not None
    )
