"""A sentence's mentions as the tokens the rules of :mod:`kg.extraction.facts` read: one tag letter each
(see ``TAGS``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Mention
from .resolve import mention_key

# cue class (kg/data/cues.tsv) -> tag letter
TAGS = {
    "appoint": "a",
    "leave": "l",
    "former": "f",
    "succeed": "y",
    "by": "b",
    "as": "w",
    "nominate": "n",
    "establish": "e",
    "merge": "e",
    "under": "u",
    "into": "v",
    "remain": "r",
    "toward": "x",
    "report": "h",
    "lead": "k",
    "members": "m",
    "consist": "z",
    "also": "j",
    "sep": "s",
    "group": "g",
    "self": "i",
    "those": "t",
    "postword": "p",
    "orgref": "O",
    "newref": "O",
    "found": "c",
    "promote": "a",
    "move": "a",
    "dismiss": "d",
}
_CLAUSE = re.compile(r"[,，;；:：|｜—]")  # clause breaks, the cells of a table row, a dash ("小分子药物中心——主任:")
REFERENCES = frozenset({"orgref", "newref"})  # cue classes that stand for an organization
RELATIVE = "的"  # ends a clause that describes the noun after it
# the number of a list item: "1、", "(三)"
ITEM_NUMBER = re.compile(
    r"\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.)](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])\s*"
)
_HEADLINE_SPACE = re.compile(r" (?<=[\u4e00-\u9fff] ) *(?=[\u4e00-\u9fff])")  # the space first: skipped to
_SENTENCE_END = re.compile(r"[。!?！？;；]\s*$")
_CLAUSE_ENDS = frozenset(",wbPORD")  # what a describing clause cannot reach back over
_TRANSPARENT = re.compile(r"^[\s()（）“”\"'《》·\-。!?！？…]*$")
_NAME_LABEL = re.compile(r"\s*[(（][中英]文名[:：]\s*$")  # the label of a name given in brackets


@dataclass
class Tok:
    tag: str
    key: str | None  # entity key (P, O) or role id (R) or ISO date (D)
    m: Mention | None
    text: str = ""


def _headline_breaks(text: str, items: list[Mention]) -> str:
    """A headline's spaces between Chinese words as the clause breaks they are ("董事会通过人事案 副总X升任总经理
    财务长Y退休"), but for a title and the name after it ("董事长 徐直军") and a name and what follows it ("邬振华
    云栈科技创始人"); one character for one, offsets kept."""
    titles = {m.end for m in items if m.kind == "role"}
    names = {m.start for m in items if m.kind == "person"}
    name_ends = {m.end for m in items if m.kind == "person"}

    def comma(m: re.Match) -> str:
        kept = m.start() in name_ends or (m.start() in titles and m.end() in names)
        return m.group() if kept else "," * len(m.group())

    return _HEADLINE_SPACE.sub(comma, text)


def tokenize(doc: Document, sentence: int, items: list[Mention], text: str) -> list[Tok]:
    """The tag string of a sentence: mentions, cue words, clause breaks and '_' for other words."""
    out: list[Tok] = []
    if doc.sentences and sentence == doc.sentences[0].index and not _SENTENCE_END.search(text):
        text = _headline_breaks(text, items)
    # "1、非独立董事:韩立峰…", "(三)资产负债管理部:…": the number of a list item is read for nothing
    number = ITEM_NUMBER.match(text)
    pos = number.end() if number else 0
    items = [m for m in items if m.start >= pos]

    def gap(s: str, before_person: bool):
        if _NAME_LABEL.match(s):
            return  # "Markus Vogel(中文名:魏马可)": the two forms of one name
        parts = _CLAUSE.split(s)
        for n, part in enumerate(parts):
            # "由新加入的彼得·霍夫曼负责": a clause ending in 的 right before a name describes the person
            describes = before_person and n == len(parts) - 1 and part.endswith(RELATIVE)
            if not _TRANSPARENT.match(part) and not describes:
                out.append(Tok("_", None, None, part))
            out.append(Tok(",", None, None))
        out.pop()

    for m in items:
        if m.start > pos:
            gap(text[pos : m.start], m.kind == "person")
            if m.kind == "person" and text[pos : m.start].endswith(RELATIVE):
                # "负责人为此前主导割草机项目的叶舟": the cue words of the describing clause are read for nothing
                while out and out[-1].tag not in _CLAUSE_ENDS:
                    out.pop()
        pos = max(pos, m.end)
        if m.kind == "person":
            out.append(Tok("P", doc.links.get(mention_key(m)), m))
        elif m.kind == "org":
            out.append(Tok("O", doc.links.get(mention_key(m)), m))
        elif m.kind == "role":
            out.append(Tok("R", m.value, m, m.label or m.text))
        elif m.kind == "date":
            out.append(Tok("D", m.value, m))
        elif m.kind == "cue" and m.value in TAGS:
            key = doc.links.get(mention_key(m)) if m.value in REFERENCES else None
            if m.value in REFERENCES and key is None:
                continue
            out.append(Tok(TAGS[m.value], key, m, m.text))
    if pos < len(text):
        gap(text[pos:], False)
    # one person named twice in a row ("梁汝波(Rubo Liang)") is one token
    merged: list[Tok] = []
    for t in out:
        if merged and t.tag in "PR" and merged[-1].tag == t.tag and merged[-1].key == t.key:
            continue
        merged.append(t)
    return [t for t in merged if t.key is not None or t.tag not in "PO"]
