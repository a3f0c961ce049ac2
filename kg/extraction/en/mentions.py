"""Mentions in English sentences: dates, organizations, titles, cue words, persons.

Three passes over the document: organization names first (a name with a legal form or unit word
declares itself and its short form, "Norvale Systems, Inc." → "Norvale"), then each sentence's items
(leftmost-longest, never overlapping), then lone surnames and given names of the persons found.
Organizations are read in :mod:`kg.extraction.en.orgs`, persons in :mod:`kg.extraction.en.persons`;
titles and cue words, which need no more than the lexicon's terms, here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...model import Document
from . import dates
from .items import LOW, UP, SentenceItems
from .orgs import declared_orgs, find_lower_units, find_orgs
from .persons import find_name_parts, find_persons, known_as
from .resources import EnglishResources


def find_mentions(doc: Document, r: EnglishResources) -> Document:
    """Fill ``doc.mentions`` for an English document."""
    live = [s for s in doc.sentences if not s.noise]
    known = declared_orgs(live, r)
    year = doc.date.year if doc.date else None
    all_items = []
    for s in live:
        it = SentenceItems(s.text, s.index)
        for start, end, iso in dates.find(s.text, year):
            it.add("date", start, end, iso)
        find_orgs(it, known)
        for p in r.place_re.finditer(s.text):
            it.block(p.start(), p.end())
        _find_terms(it, r)
        find_lower_units(it, r)
        find_persons(it, r)
        known_as(it)
        all_items.append(it)
    units = {
        m.label: m
        for it in all_items
        for m in it.items
        if m.kind == "org" and m.label != m.text and m.text.startswith(m.label + " ")
    }  # "our Merchant Lending team" names Merchant Lending
    for it in all_items:
        it.items = [
            replace(m, kind="org", value=units[m.text].value, label=m.text)
            if m.kind == "person" and m.text in units
            else m
            for m in it.items
        ]
        for label, u in units.items():  # "Merchant Lending becomes part of Quillpay Business"
            for m in re.finditer(rf"(?<![\w\-]){re.escape(label)}(?![\w\-])", it.text):
                it.add("org", m.start(), m.end(), u.value, label, u.parent)
    persons = {m.text for it in all_items for m in it.items if m.kind == "person"}
    for it in all_items:
        find_name_parts(it, persons, r)
        doc.mentions.extend(sorted(it.items, key=lambda m: m.start))
    return doc


# -- titles and cue words -------------------------------------------------------------------------


def _find_terms(it: SentenceItems, r: EnglishResources) -> None:
    for m in r.terms_re.finditer(it.text):
        term = r.term(m.group())
        if term is None:
            continue
        kind, value = term
        if kind == "role" and m.group().islower() and len(m.group()) <= 3:
            continue  # "ceo" in running text is no title; "CEO" is
        if (
            kind == "role"
            and re.match(r"\s+in\b", it.text[m.end() :])
            and re.search(r"\b(?:a|an|the)\s+$", it.text[: m.start()])
        ):
            continue  # "a leader in retail software" describes, names no post
        if kind == "cue" and value == "orgref" and m.group() in ("us", "US"):
            continue
        if kind == "cue" and _in_name(it.text, m, r):
            continue  # "named Xu Ran as chief executive": Ran is a given name, no "ran"
        if not it.add("role" if kind == "role" else "cue", m.start(), m.end(), value, m.group()) and " " in m.group():
            _shorter_role(it, m, r)  # "Chairman of the Supervisory Board": the board is an organization


def _shorter_role(it: SentenceItems, m: re.Match, r: EnglishResources) -> None:
    words = m.group().split()
    for n in range(len(words) - 1, 0, -1):
        form = " ".join(words[:n])
        end = m.start() + len(form)
        if form.lower() in r.role_by_form and it.free(m.start(), end):
            it.add("role", m.start(), end, r.role_by_form[form.lower()], form)
            return


def _in_name(text: str, m: re.Match, r: EnglishResources) -> bool:
    """A capitalized cue word right after a name word and before lower-case text is part of the name."""
    word = m.group()
    if not word[:1].isupper() or word.isupper() or " " in word or word in r.cues.keys() - {word.lower()}:
        return False
    prev = re.search(rf"([{UP}][{LOW}]+)\s$", text[: m.start()])
    nxt = text[m.end() : m.end() + 2].strip()
    return prev is not None and prev.group(1) not in r.not_names and not nxt[:1].isupper()
