"""Tables that list organizations and who leads them, read by their column headings.

A memo or an announcement often gives its new org chart as a table::

    | 一级组织 | 负责人 | 汇报对象 |
    |---|---|---|
    | 天穹事业群 | 冉东来 | CEO 龙梓萱 |

Each row then says that the person in the *head* column leads the organization in the *unit* column
(with the title in the *role* column, else as its head) and reports to the person in the *boss*
column. What a heading means is data (``kg/data/table_headers.tsv``); rows read without a heading row
("张三 | 总裁 | 云事业群") are the ``table_row`` rule's (``kg/data/rules.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Document, Fact, Mention
from .lexicon import Lexicon
from .spans import CJK_RUN, Spans

_CELL = re.compile(r"[^|｜]+")
_RULE = re.compile(r"[\s|｜:：\-—=+]*")  # "|---|:---:|": the line under the heading row


def _cells(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a table row, or [] when the text is no row of a table."""
    if text.count("|") + text.count("｜") < 2:
        return []
    return [(m.start(), m.end()) for m in _CELL.finditer(text) if m.group().strip()]


def _column_kinds(text: str, cells: list[tuple[int, int]], lx: Lexicon) -> list[str | None]:
    kinds: list[str | None] = []
    for start, end in cells:
        heading = text[start:end].strip().lower()
        kinds.append(next((kind for kind, words in lx.table_headings if any(w in heading for w in words)), None))
    return kinds


_ASIDE = re.compile(r"[(（][^)）]*[)）]")
_NAME_CHARS = (2, 4)  # a name in a cell of a head or boss column: two to four characters


def find_table_cells(spans: list[Spans], lx: Lexicon, add_person: Callable[[Spans, int, int], None]) -> None:
    """The cells of a table with a heading row name what their column says: an organization in a unit
    column ("| 栖云 |" under 品牌), a person in a head or boss column, whatever the words look like."""
    columns: list[str | None] | None = None
    for sp in spans:
        cells = _cells(sp.text)
        if not cells:
            columns = None
            continue
        if _RULE.fullmatch(sp.text):
            continue
        if columns is None:
            kinds = _column_kinds(sp.text, cells, lx)
            if "head" in kinds and "unit" in kinds and not any(m.kind == "person" for m in sp.items):
                columns = kinds
            continue
        for kind, (start, end) in zip(columns, cells):
            text = sp.text[start:end]
            core = _ASIDE.sub("", text).strip().split(" ")[-1]  # "CEO 龙梓萱": the name after a title
            at = start + text.rfind(core)
            if not core or not CJK_RUN.fullmatch(core):
                continue
            inside = [m for m in sp.items if at <= m.start and m.end <= at + len(core)]
            if kind == "unit" and not any(m.kind == "org" for m in inside):
                for m in inside:
                    sp.remove(m)
                sp.add("org", at, at + len(core), "unit", core)
            elif kind in ("head", "boss") and _NAME_CHARS[0] <= len(core) <= _NAME_CHARS[1] and not inside:
                add_person(sp, at, at + len(core))


def read_tables(
    doc: Document,
    lx: Lexicon,
    head_role: str,
    add: Callable[[Fact], None],
    mentions: dict[int, list[Mention]] | None = None,
) -> dict[int, list[tuple[int, int]]]:
    """Add the facts of every table with a heading row: ``add(Fact)`` for each (the extractor's, which
    drops repeats); the cells of each sentence read as a row. ``head_role``: the role id of a head whose title the
    table does not give. ``mentions``: ``doc.mentions_by_sentence()`` when the caller has it already (sorting
    every mention again costs)."""
    mentions = mentions if mentions is not None else doc.mentions_by_sentence()
    columns: list[str | None] | None = None
    rows: dict[int, list[tuple[int, int]]] = {}
    for s in doc.sentences:
        cells = _cells(s.text)
        if not cells:
            columns = None  # the table has ended
            continue
        if _RULE.fullmatch(s.text):
            continue
        found = mentions.get(s.index, [])
        in_cell = [[m for m in found if a <= m.start and m.end <= b] for a, b in cells]
        if columns is None:
            kinds = _column_kinds(s.text, cells, lx)
            if "head" in kinds and "unit" in kinds and not any(m.kind == "person" for m in found):
                columns = kinds
            continue
        _read_row(doc, s.index, columns, in_cell, head_role, add)
        rows[s.index] = cells
    return rows


def _read_row(
    doc: Document,
    sentence: int,
    columns: list[str | None],
    in_cell: list[list[Mention]],
    head_role: str,
    add: Callable[[Fact], None],
) -> None:
    def first(kind: str, mention_kind: str) -> Mention | None:
        for col, ms in zip(columns, in_cell):
            if col == kind:
                return next((m for m in ms if m.kind == mention_kind), None)
        return None

    head, unit = first("head", "person"), first("unit", "org")
    if head is None or unit is None:
        return
    person, org = doc.links.get((sentence, head.start)), doc.links.get((sentence, unit.start))
    if person is None or org is None:
        return
    title = first("role", "role") or first("head", "role")  # "裘晟(CTO)": a title beside the name
    add(Fact("post", person, org, sentence, role=title.value if title else head_role))
    boss = first("boss", "person")
    boss_key = doc.links.get((sentence, boss.start)) if boss else None
    if boss_key and boss_key != person:
        add(Fact("reportsTo", person, boss_key, sentence))
