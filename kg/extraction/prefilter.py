"""What a regular expression cannot match without: the characters every match of it contains.

Tens of patterns run over every sentence (the date patterns of :mod:`kg.extraction.dates`, the relation
rules over a sentence's tag string in :mod:`kg.extraction.facts`), and most find nothing in most
sentences. A pattern whose every match contains 年 cannot match a sentence without 年: a set test, far
cheaper than the scan it saves. The analysis only ever claims less than is true (a character class, a
lookaround or an optional part requires nothing), so skipping on it never loses a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre, _parser  # type: ignore[attr-defined]  # the stdlib's parser: patterns as re reads them

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def required_chars(pattern: re.Pattern[str]) -> frozenset[str]:
    """Characters each of which is in every match of ``pattern`` (empty when that cannot be told)."""
    if pattern.flags & re.IGNORECASE:
        return frozenset()  # a literal matches its other case too
    return frozenset(_required(_parser.parse(pattern.pattern, pattern.flags)))


def _required(items) -> set[str]:
    """The characters a sequence of parsed items requires: the union of what each item requires."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(chr(av))
        elif op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:  # (?i:…) matches either case
            out |= _required(av[-1])
        elif op is sre.ATOMIC_GROUP:
            out |= _required(av)
        elif op is sre.BRANCH:  # what every alternative requires
            alternatives = [_required(alt) for alt in av[1]]
            out |= set.intersection(*alternatives) if alternatives else set()
        elif op in _REPEATS and av[0] >= 1:
            out |= _required(av[2])
        # anything else (classes, any character, lookarounds, anchors, back references) requires nothing
    return out


@dataclass(frozen=True)
class Needs:
    """Sets of characters every match of a pattern holds one of, all of it (:func:`alternatives_required`),
    filed under one character of each: a text's characters meet few of those, so few sets are tested."""

    sets: tuple[frozenset[str], ...]  # (): nothing known, the pattern may match anything
    by_char: dict[str, tuple[frozenset[str], ...]]  # the sets, each under one of its characters
    chars: frozenset[str]  # the characters they are filed under

    def may_match(self, chars: set[str]) -> bool:
        """False only when no set is all in ``chars`` (the characters of a text): the pattern cannot match it."""
        if len(self.sets) < 2:  # most patterns: nothing known, or one set (年 and 月)
            return not self.sets or self.sets[0] <= chars
        for c in self.chars.intersection(chars):  # loops, not a generator: this runs for every sentence
            for need in self.by_char[c]:
                if need <= chars:
                    return True
        return False


def alternatives_required(pattern: re.Pattern[str]) -> Needs:
    """What every match of ``pattern`` holds: ``{"号"}`` or ``{"代", "练"}`` for ``…号|代练…``; nothing known
    when a part of the alternation requires nothing (a row of character classes). Finer than
    :func:`required_chars` for an alternation whose rows share no character."""
    sets = () if pattern.flags & re.IGNORECASE else tuple(_needs(_parser.parse(pattern.pattern, pattern.flags)))
    sets = sets if all(sets) else ()
    by_char: dict[str, tuple[frozenset[str], ...]] = {}
    for need in sets:
        by_char[max(need)] = by_char.get(max(need), ()) + (need,)
    return Needs(sets, by_char, frozenset(by_char))


_MOST_NEEDS = 64  # past this many sets, a sequence keeps those of one of its parts (what it requires too)


def _needs(items) -> list[frozenset[str]]:
    """Sets one of which every match of a sequence of parsed items holds (``[frozenset()]``: nothing known)."""
    out = [frozenset[str]()]
    for op, av in items:
        if op is sre.LITERAL:
            item = [frozenset(chr(av))]
        elif op is sre.IN and av and all(o is sre.LITERAL for o, _ in av):
            item = [frozenset(chr(c)) for _, c in av]  # [日号]: one of them
        elif op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            item = _needs(av[-1])
        elif op is sre.ATOMIC_GROUP:
            item = _needs(av)
        elif op is sre.BRANCH:
            item = [need for alt in av[1] for need in _needs(alt)]
            item = item if all(item) else [frozenset()]
        elif op in _REPEATS and av[0] >= 1:
            item = _needs(av[2])
        else:
            continue  # classes, any character, lookarounds, anchors, optional parts: nothing required
        product = list(dict.fromkeys(a | b for a in out for b in item))
        if len(product) > _MOST_NEEDS:  # either part alone still holds for every match
            product = out if all(out) and (len(out) <= len(item) or not all(item)) else item
        out = product
    return out
