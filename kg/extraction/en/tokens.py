"""A sentence as the English rules read it: one tag per mention (P person, O organization, R title, D
date, a letter per cue class), "," at clause breaks, "_" for other words (see kg/data/en/rules.tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import Document, Mention
from ..resolve import mention_key

if TYPE_CHECKING:
    from .extractor import Extractor

TAGS = {
    "appoint": "a",
    "as": "w",
    "succeeded_by": "b",
    "founded": "z",
    "leave": "l",
    "leaving": "v",
    "former": "f",
    "continue": "c",
    "report": "h",
    "establish": "e",
    "lead": "k",
    "members": "m",
    "succeed": "y",
    "from": "r",
    "at": "t",
    "led": "g",
    "self": "i",
    "and": "j",
    "handover": "x",
    "orgref": "O",
    "anaphor": "O",
}
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
# what a rule reads through: spaces, quotes, possessive 's and articles ("head of the X department")
_TRANSPARENT = re.compile(
    r"^(?:[\s\"“”'’.\-*•\u3400-\u9fff·]|['’]s\b"
    r"|\b(?:the|a|an|Mr|Mrs|Ms|Miss|Dr|Prof|Madam|Sir|Dame)\b)*$",
    re.I,
)


@dataclass
class Tok:
    tag: str
    key: str | None  # entity key (P, O), role id (R), ISO date (D)
    m: Mention | None
    text: str = ""


def tokenize(doc: Document, ex: Extractor, items: list[Mention], text: str) -> list[Tok]:
    out: list[Tok] = []
    pos = 0
    functions = ex.r.functions

    def gap(s: str) -> None:
        pieces = _CLAUSE.split(s)
        breaks = [b.group() for b in _CLAUSE.finditer(s)]  # a clause break keeps its text (";" ends more than ",")
        for i, part in enumerate(pieces):
            if not _TRANSPARENT.match(part) and not (part.strip() in functions and out and out[-1].tag == ","):
                out.append(Tok("_", None, None, part))  # "Senior Vice President, Operations of X": X's SVP
            if i < len(pieces) - 1:
                out.append(Tok(",", None, None, breaks[i]))

    company = None  # the first organization the sentence names: what its "its" is
    units_here: list[str] = []  # the units it names, in order: what its "the unit" may be
    for m in items:
        if m.start > pos:
            gap(text[pos : m.start])
        if m.kind == "org" and company is None:
            company = doc.links.get(mention_key(m))  # the clause's subject: "Alibaba said Eddie Wu, its CEO"
        linked = doc.links.get(mention_key(m)) if m.kind == "org" else None
        if linked and doc.entities[linked].kind != "company":
            units_here.append(linked)
        pos = max(pos, m.end)
        if m.kind in ("person", "org"):
            out.append(Tok(m.kind[0].upper(), doc.links.get(mention_key(m)), m, m.text))
        elif m.kind == "role":
            out.append(Tok("R", m.value, m, m.label or m.text))
        elif m.kind == "date":
            out.append(Tok("D", m.value, m))
        elif m.kind == "cue" and m.value in TAGS:
            key = None
            if m.value == "orgref":  # "Corvane Biologics added X to its board": that company's board
                key = (company if m.text.lower().startswith("its ") else None) or doc.links.get(mention_key(m))
            elif m.value == "anaphor":
                key = (
                    ex.named_unit(m.text, units_here)
                    if m.text.lower() not in ("it", "its")
                    else (
                        (ex.unit_here if ex.unit_here in units_here else None)
                        or company
                        or ex.recent_unit
                        or doc.main_org
                    )
                )  # "its" after the unit set up, else the sentence's first organization
            if TAGS[m.value] == "O" and key is None:
                continue
            out.append(Tok(TAGS[m.value], key, m, m.text))
    if pos < len(text):
        gap(text[pos:])
    out = [t for t in out if t.key is not None or t.tag not in "PO"]
    return [t for k, t in enumerate(out) if not (t.tag == "," and k and out[k - 1].tag == ",")]
