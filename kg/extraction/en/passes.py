"""The document-level passes of English fact extraction (kg.extraction.en.facts reads sentences one by one):
units named as new are set up, generic heads give way to titles, every unit has a parent, and the
context a sentence inherits (a list's header, a byline's author, a unit set up in the sentence).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model import Document, Fact, Mention, Role
from ..resolve import mention_key
from .orgs import Run, new_unit_nearby
from .text import is_list_item

if TYPE_CHECKING:
    from .extractor import Extractor
    from .resources import EnglishResources
    from .tokens import Tok


def new_units(doc: Document, ex: "Extractor") -> None:
    """ "announce Brightline North, a brand-new studio": a unit named as new is set up, on the day of its sentence."""
    done = {f.subject for f in doc.facts if f.kind == "established"}
    for m in doc.mentions:
        key = doc.links.get(mention_key(m)) if m.kind == "org" and m.value in ("unit", "committee") else None
        if key is None or key in done or doc.sentences[m.sentence].noise:
            continue
        text = doc.sentences[m.sentence].text
        if new_unit_nearby(text, Run(m.text, m.start, m.end), ex.r):
            ex.add(Fact("established", key, None, m.sentence, date=ex.sentence_date(m.sentence)))
            done.add(key)


def drop_generic_heads(doc: Document, roles: dict[str, Role]) -> None:
    """ "led by Maria Gonzalez, who has been named President": the title says how she leads; the
    generic head post read from "led by" goes."""
    titled = {
        (f.subject, f.object)
        for f in doc.facts
        if f.kind == "post" and f.status == "current" and f.role not in (None, "head") and roles[f.role].head
    }
    doc.facts = [
        f
        for f in doc.facts
        if not (f.kind == "post" and f.role == "head" and f.title is None and (f.subject, f.object) in titled)
    ]


def name_units(doc: Document) -> None:
    """Every unit the article names is a unit of its company ("The Corporate Development Group (CDG)
    … are kept"), of the company whose name it carries ("Jiangnan's power device division") otherwise."""
    for key, e in doc.entities.items():
        if e.kind in ("unit", "committee") and key != doc.main_org:
            parent = e.parent or doc.main_org
            if parent and parent != key:
                doc.facts.append(Fact("unitOf", key, parent, -1))


def set_up_here(doc: Document, items: list[Mention], r: EnglishResources) -> str | None:
    """The unit a sentence sets up, known before its "its" and "the committee" are read."""
    cue = next((m.start for m in items if m.kind == "cue" and m.value == "establish"), None)
    if cue is None:  # "announce Brightline North, a brand-new studio": a unit named as new
        return next(
            (
                doc.links.get(mention_key(m))
                for m in items
                if m.kind == "org"
                and m.value in ("unit", "committee")
                and doc.links.get(mention_key(m))
                and not doc.sentences[m.sentence].noise
                and new_unit_nearby(doc.sentences[m.sentence].text, Run(m.text, m.start, m.end), r)
            ),
            None,
        )
    for m in items:
        key = doc.links.get(mention_key(m)) if m.kind == "org" and m.start > cue else None
        if key and doc.entities[key].kind != "company":
            return key
    return None


def continues_item(doc: Document, s) -> bool:
    """A sentence after the first on a list item's line belongs to the item."""
    line_start = doc.text.rfind("\n", 0, s.start) + 1
    return is_list_item(doc.text[line_start : s.start + 1]) and line_start < s.start


def list_header_org(text: str, toks: "list[Tok]", current: str | None) -> str | None:
    """ "The leadership team of Astrea Energy:" introduces a list whose titles are that unit's."""
    if text.rstrip().endswith(":"):
        return next((t.key for t in toks if t.tag == "O"), None)
    return current if not text.strip() else None


def opening_company(doc: Document, toks: "list[Tok]", new_item: bool) -> str | None:
    """ "• Corvane Biologics added Tomas Reyes …", "Pelham Markets has named Dana Ortiz chief operating
    officer": the company a list item or an appointment opens with is the one its titles are of (a
    roundup names one company per item); the later sentences of the item keep it."""
    tags = "".join(t.tag for t in toks)
    opens = re.match(r"_?(O)" if new_item else r"_?(O)_?a", tags)
    if opens is None or tags[opens.end(1) : opens.end(1) + 1] == "t":
        return None
    key = toks[opens.start(1)].key
    return key if key and doc.entities[key].kind == "company" else None


def byline_author(doc: Document, by_sentence) -> str | None:
    """ "By Daniel Ortiz, Co-founder and CEO": who "me" is."""
    for s in doc.sentences[:8]:
        if s.text.startswith("By ") or s.text.startswith("Posted "):
            persons = [m for m in by_sentence.get(s.index, []) if m.kind == "person"]
            if persons:
                return doc.links.get(mention_key(persons[0]))
    return None


def later_status_wins(doc: Document) -> None:
    """ "Sofia previously led our Merchant Lending team … Sofia will continue to oversee it": the later
    statement of the same post holds (a former post stated before the current one goes)."""
    current = {
        (f.subject, f.object, f.role): f.sentence for f in doc.facts if f.kind == "post" and f.status == "current"
    }
    doc.facts = [
        f
        for f in doc.facts
        if not (
            f.kind == "post" and f.status == "former" and current.get((f.subject, f.object, f.role), -1) > f.sentence
        )
    ]
