"""Guarding RDF/XML readers against entity expansion ("billion laughs").

RDF/XML files legitimately declare entities for namespaces (``<!ENTITY xsd "http://…#">``), so a DTD is
not refused; what is refused is a file whose entity references would expand past a bound. Expat stops
such a file only after 8 MB of expansion, and rdflib handles each expanded piece in Python, so a 611-byte
file kept ``kg validate`` busy for minutes. :func:`check_entities` reads the declarations (Expat, stopping at
the root element), works out what each entity expands to without expanding it, and refuses before any
RDF parser sees the file.
"""

from __future__ import annotations

import pyexpat
import re

from ..errors import InputError

__all__ = ["check_entities", "MAX_NESTED_EXPANSIONS", "MAX_GROWTH"]

#: References inside entity values that one file may make the parser expand (all uses together).
MAX_NESTED_EXPANSIONS = 10_000
#: Characters expansion may add: this many times the file's size, plus a megabyte.
MAX_GROWTH = 10

_REF_RE = re.compile(r"&([^\s&;#<>\"'%]+);")
_REF_BYTES_RE = re.compile(rb"&([^\s&;#<>\"'%]+);")


class _RootReached(Exception):
    pass


def check_entities(data: str | bytes, name: str) -> None:
    """:class:`KgError` (one line naming ``name``) when the general entities ``data`` declares would
    expand past :data:`MAX_NESTED_EXPANSIONS` nested references or :data:`MAX_GROWTH` times its size."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if b"<!ENTITY" not in raw:
        return
    values: dict[str, str] = {}

    def declared(entity, is_parameter, value, *_):
        if value is not None and not is_parameter and entity not in values:  # the first declaration binds
            values[entity] = value

    def root(*_):
        raise _RootReached

    parser = pyexpat.ParserCreate()
    parser.EntityDeclHandler = declared
    parser.StartElementHandler = root
    try:
        parser.Parse(raw, True)
        return  # no root element: the RDF parser reports what is wrong
    except _RootReached:
        body_start = parser.CurrentByteIndex
    except pyexpat.ExpatError:
        return  # not well-formed before the root: the RDF parser reports it
    if not values:
        return
    size, nested = _expansions(values, name)
    added = expansions = 0
    for m in _REF_BYTES_RE.finditer(raw, max(body_start, 0)):
        entity = m.group(1).decode("utf-8", "replace")
        if entity in values:
            added += size[entity] - len(m.group())
            expansions += nested[entity]
    limit = MAX_GROWTH * len(raw) + 1_000_000
    if expansions > MAX_NESTED_EXPANSIONS or added > limit:
        raise InputError(
            f"{name}: not valid RDF/XML: its entities expand too much (an entity expansion attack?): "
            f"{added:,} characters from {expansions:,} nested references; refused"
        )


def _expansions(values: dict[str, str], name: str) -> tuple[dict[str, int], dict[str, int]]:
    """Per entity: the length of its full expansion, and how many references expanding it expands.
    Iterative (an entity chain may be thousands deep); a reference cycle is refused."""
    size: dict[str, int] = {}
    nested: dict[str, int] = {}
    refs = {e: [r for r in _REF_RE.findall(v) if r in values] for e, v in values.items()}
    cap = 10**15  # beyond any limit; keeps the arithmetic small on hostile input
    for start in values:
        if start in size:
            continue
        stack, on_path = [(start, 0)], {start}  # (entity, index of its next reference to look at)
        while stack:
            entity, at = stack[-1]
            children = refs[entity]
            while at < len(children) and children[at] in size:
                at += 1
            if at < len(children):
                child = children[at]
                if child in on_path:
                    raise InputError(f"{name}: not valid RDF/XML: entity {child[:40]!r} refers to itself")
                stack[-1] = (entity, at)
                stack.append((child, 0))
                on_path.add(child)
                continue
            own = len(values[entity]) - sum(len(r) + 2 for r in children)
            size[entity] = min(cap, own + sum(size[r] for r in children))
            nested[entity] = min(cap, sum(1 + nested[r] for r in children))
            stack.pop()
            on_path.discard(entity)
    return size, nested
