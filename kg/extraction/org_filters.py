"""Filters of :mod:`kg.extraction.mentions` over the organizations found: generic words, counts and descriptions
that name none ("公司", "三大事业群", "一家头部芯片公司"), and a board, which is its company's.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .org_references import is_registered
from .segment import word_tag
from .spans import NOT_IN_NAME_TAGS, VERB_TAGS, Spans
from .text_tables import TextTables

_DOCUMENT_NUMBER = re.compile(r"\s*[〔\[(（【]\d{4}[〕\])）】]\s*\d{1,4}号")
_COUNTED_KIND = 6  # "两个|业态事业部", "三家|区域子公司": a kind this short after a count names no unit
_CN_DIGITS = frozenset("一二两三四五六七八九十")


def drop_generic_orgs(sp: Spans, lx: Lexicon, tables: TextTables) -> None:
    """ "有限公司", "公司", "第三届董事会" alone name no organization: a kind of company, or a word for the one
    the article is about (a unit's suffix alone may name it, 研究院, or refer to the one just set up, 事业群)."""
    for m in [m for m in sp.items if m.kind == "org"]:
        if _DOCUMENT_NUMBER.match(sp.text, m.end):
            sp.remove(m)  # "江淮能源党发〔2024〕12号": a document's number, not an organization
            continue
        name = tables.term.sub("", m.label or m.text)
        if m.start and (sp.text[m.start - 1].isdigit() or sp.text[m.start - 1] in _CN_DIGITS):
            name = sp.text[m.start - 1] + name  # "七|大区域公司": the count began before the name read
        counted = tables.count.match(name)
        if (counted and name[counted.end() :] in lx.suffixes) or (
            len(name) <= _COUNTED_KIND and tables.counted_before.search(sp.text, max(0, m.start - 4), m.start)
        ):
            sp.remove(m)  # "三大事业群", "整合为五大|事业群", "两个|业态事业部": how many of a kind, not which
            continue
        if tables.header_label.fullmatch(m.text):
            sp.remove(m)
            continue
        indefinite = any(tables.indefinite.search(sp.text, max(0, m.start - 2), end) for end in (m.start, m.start + 1))
        if indefinite and not is_registered(m.text, lx):
            sp.remove(m)  # "一家头部射频芯片公司", "某德系车企中国区": described, never named
            continue
        if lx.suffixes.get(name, ("", 0))[0] == "company" or name in lx.cues or name in lx.qualifiers:
            sp.remove(m)
            if lx.cues.get(name) == "orgref":
                sp.add("cue", m.start, m.end, "orgref")


def board_references(sp: Spans, lx: Lexicon, tables: TextTables) -> None:
    """The company's board is the company: "公司第三届董事会" refers to it, "董事会战略委员会" is its 战略委员会."""
    boards = lx.cue_words("board")
    for m in [m for m in sp.items if m.kind == "org" and m.value != "company"]:
        name = tables.term.sub("", m.label or m.text)
        inner = next((name[len(b) :] for b in boards if name.startswith(b)), None)
        owner = next((name[: -len(b)] for b in boards if name.endswith(b) and len(name) > len(b)), None)
        if inner is None and owner and not m.parent:
            sp.remove(m)  # "宏昇电子董事会": the company named before its board ("召开董事会": no one's name)
            words = list(lx.segmenter.tokens(owner))
            while len(words) > 1 and (word_tag(words[-1]) or "") in VERB_TAGS:
                owner = owner[: -len(words.pop())]  # "江南精工完成|董事会换届": the verb is no part of the name
            if m.text.startswith(owner) and (word_tag(words[0]) or "x")[0] not in NOT_IN_NAME_TAGS:
                sp.add("org", m.start, m.start + len(owner), "company", owner)
            else:
                sp.add("cue", m.start, m.end, "orgref")
            continue
        if inner is None:
            continue
        sp.remove(m)
        if inner in lx.suffixes:  # "董事会办公室": the board's office is named with the board
            sp.add("org", m.start, m.end, m.value, name, m.parent)
        elif inner:
            sp.add("org", m.start, m.end, m.value, tables.term.sub("", inner), m.parent)
        elif m.parent and m.parent not in lx.cues:
            sp.add("org", m.start, m.end, "company", m.parent)  # "阿里巴巴董事会": the company
        else:
            sp.add("cue", m.start, m.end, "orgref")
