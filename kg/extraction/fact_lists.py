"""The units a reorganization lists after announcing it: set up, and nested under their section's unit; and
the units of an org chart drawn as a text tree.

A reorganization notice announces the new structure in a sentence ("整合为五大事业群,并设立…", "调整后的架构
如下:") and then lists it, a unit at the start of each line ("- 冰箱事业部:负责人 曹海鸥", "| 天穹事业群 | 冉东来 |").
Each listed unit is part of the structure being set up, dated like the announcement; a bulleted line under
a numbered one ("一、智能家电事业群,总裁:X" then "- 冰箱事业部:…") names a unit of the numbered line's unit.
"""

from __future__ import annotations

import re

from ..model import Document, Fact, Mention
from .fact_state import Extractor
from .fact_tokens import ITEM_NUMBER
from .resolve import mention_key

_ANNOUNCING_CUES = ("establish", "merge", "restructure")  # cue classes of cues.tsv that announce a structure
_INTRO = re.compile(r"[:：]\s*$")  # "调整后的架构如下:": a list follows
_BULLET = re.compile(r"\s*[-—·•*▪]\s*")
_CELL = re.compile(r"\s*[|｜]\s*")
_FURNITURE = re.compile(r"^[\s|｜:：\-—]*$")  # a table's rule line ("|---|---|")
_MOST_ITEMS = 40  # a list this long is no org chart
_TREE_BRANCH = re.compile(r"[│┃\s]*[├└┣┗]")  # "│   └── 财务管理中心": the deeper the glyph, the deeper the unit
_AFTER_NAME = ":：,，|｜(（ —-"  # a line that names a unit, then its head: not a sentence about it ("A和B合并")


def listed_units(doc: Document, ex: Extractor) -> None:
    """Add ``established`` (and the parent a section gives) for the units listed after an announcement."""
    by_sentence = ex.by_sentence
    sentences = [s for s in doc.sentences if not s.noise]
    established = {f.subject for f in doc.facts if f.kind == "established"}
    parented = {f.subject for f in doc.facts if f.kind == "unitOf"}
    for n, intro in enumerate(sentences):
        if not _INTRO.search(intro.text) or not _announces(ex, sentences[max(0, n - 1) : n + 1]):
            continue
        date = ex.sentence_date(intro.index)
        owner = _restructured_unit(doc, ex, intro)
        section: str | None = None
        for item in sentences[n + 1 : n + 1 + _MOST_ITEMS]:
            if _FURNITURE.match(item.text) or _is_header_row(item.text, by_sentence.get(item.index, [])):
                continue
            listed = _listed_unit(item.text, by_sentence.get(item.index, []), doc)
            if listed is None:
                break
            key, bulleted = listed
            if key not in established:
                established.add(key)
                doc.facts.append(Fact("established", key, None, item.index, date=date))
            parent = (section or owner) if bulleted else owner
            if not bulleted:
                section = key
            if parent is not None and key not in parented and key != parent:
                parented.add(key)
                doc.facts.append(Fact("unitOf", key, parent, item.index))


def _restructured_unit(doc: Document, ex: Extractor, intro) -> str | None:
    """The unit the announcing sentence restructures, the last it names before its verb ("数字行业事业群(DIG)调整为
    以下七个事业部:"): what the list sets up is its units (a company's are its units by default)."""
    verbs = [m.start() for cue in _ANNOUNCING_CUES for m in ex.lx.cue_pattern(cue).finditer(intro.text)]
    if not verbs:
        return None
    named = [m for m in ex.by_sentence.get(intro.index, []) if m.kind == "org" and m.end <= min(verbs)]
    key = doc.links.get(mention_key(max(named, key=lambda m: m.end))) if named else None
    entity = doc.entities.get(key) if key else None
    return key if entity is not None and entity.kind in ("unit", "committee") else None


def _is_header_row(text: str, mentions: list[Mention]) -> bool:
    """A table's row that names no one and nothing: its column headings ("| 一级组织 | 负责人 |")."""
    return bool(_CELL.match(text)) and not any(m.kind in ("org", "person") for m in mentions)


def _announces(ex: Extractor, sentences: list) -> bool:
    return any(ex.lx.cue_pattern(cue).search(s.text) for s in sentences for cue in _ANNOUNCING_CUES)


def _listed_unit(text: str, mentions: list[Mention], doc: Document) -> tuple[str, bool] | None:
    """The unit a list line opens with, and whether the line is bulleted (None: the line lists no unit)."""
    bullet = _BULLET.match(text)
    start = bullet.end() if bullet else 0
    for opener in (ITEM_NUMBER, _CELL):
        m = opener.match(text, start)
        start = m.end() if m else start
    first = min((m for m in mentions if m.kind in ("org", "person")), key=lambda m: m.start, default=None)
    if (
        first is None
        or first.start != start
        or first.kind != "org"
        or text[first.end : first.end + 1] not in _AFTER_NAME
    ):
        return None
    key = doc.links.get(mention_key(first))
    entity = doc.entities.get(key) if key else None
    if key is None or entity is None or entity.kind not in ("unit", "committee"):
        return None
    return key, bullet is not None


def tree_units(doc: Document, ex: Extractor) -> None:
    """An org chart drawn as a text tree: the organization on each branch ("├── 战略投资部", "│   └── 财务管理中心")
    is a unit of the one on the branch a level up, or of the organization that opens the line above the tree."""
    parented = {(f.subject, f.object) for f in doc.facts if f.kind == "unitOf"}
    stack: list[tuple[int, str]] = []  # (column of the branch glyph, organization) of the branches above
    before = None  # the line before, while no tree has begun
    for sentence in (s for s in doc.sentences if not s.noise):
        branch = _TREE_BRANCH.match(sentence.text)
        if branch is None:
            stack, before = [], sentence
            continue
        if before is not None:  # the tree's first branch: its root opens the line above
            root = _first_org(doc, ex, before.index, at_start=True)
            stack, before = ([(-1, root)] if root is not None else []), None
        while stack and stack[-1][0] >= branch.end():
            stack.pop()
        # "├── 集团总部": no organization named, the headquarters of the one above; its branches are its units
        key = _first_org(doc, ex, sentence.index) or (stack[-1][1] if stack else None)
        if key is None:
            continue
        if stack and stack[-1][1] != key and (key, stack[-1][1]) not in parented:
            parented.add((key, stack[-1][1]))
            doc.facts.append(Fact("unitOf", key, stack[-1][1], sentence.index))
        stack.append((branch.end(), key))


def _first_org(doc: Document, ex: Extractor, sentence: int, at_start: bool = False) -> str | None:
    """The key of the first organization a sentence names (``at_start``: only one that opens it)."""
    first = min((m for m in ex.by_sentence.get(sentence, []) if m.kind == "org"), key=lambda m: m.start, default=None)
    if first is None or (at_start and first.start != 0):
        return None
    return doc.links.get(mention_key(first))
