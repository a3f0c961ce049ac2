"""One entity per person and organization of an English document.

- persons: a full name is one person; "Pan Lihua (Lihua Pan)" and "Cheng Yixiao (程一晓)" are one
  person with both labels; two spellings of one pinyin name ("Yixiao Cheng") are one; a lone surname
  or given name ("Lopez", "Kwame") is the one person named in full with it;
- organizations: a company's forms share its canonical name (the gazetteer's, so "Kuaishou" is 快手);
  "the Company", "we", "our" are the company the document is about (``doc.main_org``).
"""

from __future__ import annotations

import re
from collections import Counter

from ...model import Document, Entity, EntityKind, Mention
from ..lexicon import Company
from ..resolve import mention_key
from . import names
from .resources import EnglishResources


def resolve(doc: Document, r: EnglishResources) -> Document:
    _resolve_persons(doc)
    _resolve_orgs(doc, r.lexicon.companies)
    return doc


def _resolve_persons(doc: Document) -> None:
    persons = [m for m in doc.mentions if m.kind == "person"]
    keys: dict[str, str] = {}  # full name, its pinyin form or its alias -> key
    # "Sir Peter" is a given name alone once its honorific goes
    full = [m for m in persons if len(names.clean(m.text).split()) > 1 or m.label]
    for m in full:
        name = names.clean(m.text)
        key = keys.get(name) or keys.get(names.pinyin_form(name) or name) or (keys.get(m.label) if m.label else None)
        if key is None:
            key = "person:" + name
            doc.entities[key] = Entity(key, "person", name)
        e = doc.entities[key]
        e.labels.add(name)
        e.english.add(name)
        keys[name] = key
        pinyin = names.pinyin_form(name)
        if pinyin:
            keys[pinyin] = key
        if m.label:
            label = names.clean(m.label)
            e.labels.add(label)
            keys[label] = key
        doc.links[mention_key(m)] = key
    parts = _name_parts(doc)
    for m in persons:
        part = names.clean(m.text)
        if mention_key(m) not in doc.links and len(parts.get(part, ())) == 1:
            doc.links[mention_key(m)] = next(iter(parts[part]))


def _name_parts(doc: Document) -> dict[str, set[str]]:
    """Surname and given name -> the persons that carry them."""
    out: dict[str, set[str]] = {}
    for key, e in doc.entities.items():
        if e.kind != "person":
            continue
        for label in e.labels:
            if label.isascii():
                given, family = names.parts(label)
                for p in (given, family):
                    if p:
                        out.setdefault(p, set()).add(key)
    return out


def _resolve_orgs(doc: Document, gazetteer: dict[str, Company]) -> None:
    orgs = [m for m in doc.mentions if m.kind == "org"]
    companies: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for m in orgs:
        if m.value == "company":
            companies[m.label] += 1
            first.setdefault(m.label, (m.sentence, m.start))
    main = None
    defined = _defined_company(doc, orgs)
    if defined:
        main = defined
    elif companies:
        earliest = min(first, key=lambda n: first[n])
        main = max(companies, key=lambda n: (companies[n] + 2 * (n == earliest), -first[n][0]))
    doc.main_org = _company(doc, main, gazetteer) if main else _parent_of_units(doc, orgs, gazetteer)
    for m in orgs:
        if m.value == "company":
            key = _company(doc, m.label, gazetteer)
            doc.entities[key].labels.add(m.text)
        else:
            key = _unit(doc, m, gazetteer)
        doc.links[mention_key(m)] = key
    for m in doc.mentions:
        if m.kind == "cue" and m.value == "orgref" and doc.main_org:
            doc.links[mention_key(m)] = doc.main_org


_DEFINED = re.compile(
    r"^,?\s*(?:,\s*Inc\.?\s*)?\((?:the\s+|hereinafter\s+)?"
    r"[\"“](?:Company|Issuer|Registrant|Bank|Corporation)[\"”]"
)


def _defined_company(doc: Document, orgs: list[Mention]) -> str | None:
    """The company a filing defines as "the Company" ("Harlow Biotech, Inc. (the "Company")") is the one it is about."""
    for m in orgs:
        if m.value == "company" and _DEFINED.match(doc.sentences[m.sentence].text[m.end :]):
            return m.label
    return None


def _company(doc: Document, name: str, gazetteer: dict[str, Company]) -> str:
    key = f"org:{name}"
    if key not in doc.entities:
        doc.entities[key] = Entity(key, "company", name)
        c = doc.entities[key]
        gaz = gazetteer.get(name.lower())
        if gaz:
            c.english.update(gaz.english)
    doc.entities[key].labels.add(name)
    return key


def _company_named(doc: Document, form: str, gazetteer: dict[str, Company]) -> str:
    """The company a surface form names ("Alibaba" of "Alibaba's international digital commerce group")."""
    for m in doc.mentions:
        if m.kind == "org" and m.value == "company" and m.text == form:
            return _company(doc, m.label, gazetteer)
    return _company(doc, form, gazetteer)


def _shortened(doc: Document, label: str, parent: str | None) -> str | None:
    """ "the consumer unit" after "the consumer electronics business unit": the same unit named short."""
    words = label.split()
    for key, e in doc.entities.items():
        if e.kind in ("unit", "committee") and e.parent == parent and e.name.islower():
            longer = e.name.split()
            if len(longer) > len(words) and longer[0] == words[0] and longer[-1] == words[-1]:
                return key
    return None


def _parent_of_units(doc: Document, orgs: list[Mention], gazetteer: dict[str, Company]) -> str | None:
    """A blog that never names its company in full ("Quillpay Business", "Quillpay"): the first word
    its units share, when the text also writes it alone."""
    heads = Counter(m.text.split()[0] for m in orgs if m.value != "company" and " " in m.text)
    for head, n in heads.most_common():
        if any(head in s.text.replace(head + " ", "") for s in doc.sentences if not s.noise):
            return _company(doc, head, gazetteer)
    return None


def _unit(doc: Document, m: Mention, gazetteer: dict[str, Company]) -> str:
    label = m.label or m.text
    core = label.lower()
    owner = _company_named(doc, m.parent, gazetteer) if m.parent else None
    parent = None if owner is None or owner == doc.main_org else owner
    key = f"unit:{core}" + (f"@{parent}" if parent else "")
    if key not in doc.entities and label.islower() and len(label.split()) >= 2:
        key = _shortened(doc, label, parent) or key
    if key not in doc.entities:
        kind: EntityKind = "committee" if m.value == "committee" else "unit"
        doc.entities[key] = Entity(key, kind, label, parent=parent, core=core)
    doc.entities[key].labels.update({label, m.text})
    return key
