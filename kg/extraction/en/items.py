"""What the English mention finders share: the mentions of one sentence, kept apart
(:class:`SentenceItems`), and the pattern of a capitalized run both organizations and persons are read
from.

Why a module of its own: :mod:`kg.extraction.en.orgs` and :mod:`kg.extraction.en.persons` each
read capitalized runs and add to the same sentence's items; :mod:`kg.extraction.en.mentions` runs them
in order. Keeping what they share here lets each import it without importing the other.
"""

from __future__ import annotations

import re

from ...model import Mention, MentionKind

# Latin letters with the accents of European names ("Søren Kjærgaard", "François", "García-López")
UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
LOW = "a-zß-öø-ÿ\u0100-\u017f"
# a capitalized word, or "J." a middle initial
WORD = rf"(?:[A-Z]\.(?=\s+[{UP}][{LOW}])|[{UP}][{UP}{LOW}0-9\-/]*(?:['’][{UP}{LOW}]+(?<!['’]s))?)"
_LINK = r"(?:of|and|for|the|&|de|la|van|von|der)"
CAP_SEQ = re.compile(rf"(?<![\w\-]){WORD}(?:\s+(?:{_LINK}\s+)*{WORD})*")
PAREN = re.compile(r"\s*\(([^()]{1,40})\)")


class SentenceItems:
    """The non-overlapping mentions of one sentence."""

    def __init__(self, text: str, index: int):
        self.text, self.index = text, index
        self.items: list[Mention] = []
        self.taken = bytearray(len(text))

    def free(self, start: int, end: int) -> bool:
        return 0 <= start < end <= len(self.text) and self.taken.find(1, start, end) < 0

    def add(self, kind: MentionKind, start: int, end: int, value: str = "", label: str = "", parent: str = "") -> bool:
        if not self.free(start, end):
            return False
        self.items.append(Mention(kind, self.text[start:end], self.index, start, end, value, label, parent))
        self.taken[start:end] = b"\x01" * (end - start)
        return True

    def block(self, start: int, end: int) -> None:
        """Words that are no mention of their own ("Hong Kong" before a name is read)."""
        if self.free(start, end):
            self.taken[start:end] = b"\x01" * (end - start)
