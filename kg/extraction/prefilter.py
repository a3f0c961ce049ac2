"""What a regular expression cannot match without: the characters every match of it contains.

Tens of patterns run over every sentence (the date patterns of :mod:`kg.extraction.dates`, the relation
rules over a sentence's tag string in :mod:`kg.extraction.facts`), and most find nothing in most
sentences. A pattern whose every match contains 年 cannot match a sentence without 年: a set test, far
cheaper than the scan it saves. The analysis only ever claims less than is true (a character class, a
lookaround or an optional part requires nothing), so skipping on it never loses a match.
"""

from __future__ import annotations

import re
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
