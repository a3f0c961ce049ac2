"""Person names in English text: honorifics, HKEX capitals, and romanized Chinese names.

A Chinese name written in pinyin ("Cheng Yixiao", "Yixiao Cheng") must mint the same IRI as 程一晓,
whose slug is its pinyin syllable by syllable (``cheng-yi-xiao``): :func:`pinyin_form` rewrites
such a name to that spelling, surname first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nameparser import HumanName

from .resources import EnglishResources

_WORD = re.compile(r"[A-Za-z]+")


def strip_honorific(name: str) -> str:
    """ "Mr. CHAN Tai Man" -> "CHAN Tai Man"; "Dr. Katrin Weiss" -> "Katrin Weiss"."""
    r = EnglishResources.load()
    return r.honorific_re.sub("", name, count=1).strip() if r.honorific_re.match(name) else name.strip()


def hkex_name(name: str) -> str:
    """HKEX style puts the surname in capitals ("CHAN Tai Man"): written as a name again ("Chan Tai Man")."""
    return " ".join(w.capitalize() if len(w) > 1 and w.isupper() and w.isalpha() else w for w in name.split())


@lru_cache(maxsize=4096)
def syllables(word: str) -> tuple[str, ...] | None:
    """ "yixiao" -> ("yi", "xiao"); None when the word is no run of pinyin syllables.
    Longest syllable first, backtracking, as a reader splits "xian" (先) before "xi an"."""
    word = word.lower()
    if not word:
        return ()
    syl = EnglishResources.load().syllables
    for n in range(min(6, len(word)), 0, -1):
        head = word[:n]
        if head in syl:
            rest = syllables(word[n:])
            if rest is not None:
                return (head,) + rest
    return None


def pinyin_form(name: str) -> str | None:
    """The name as kg writes a Chinese name in pinyin, surname first, one syllable a word
    ("Yixiao Cheng" -> "cheng yi xiao"); None when the name is not romanized Chinese."""
    words = name.replace("-", " ").split()
    if not 2 <= len(words) <= 3 or not all(w.isalpha() and w.isascii() for w in words):
        return None
    parts: list[tuple[str, ...]] = []
    for w in words:
        p = syllables(w)
        if p is None or len(p) > 2:
            return None
        parts.append(p)
    surnames = EnglishResources.load().surnames
    first, last = words[0].lower(), words[-1].lower()
    if first in surnames and (len(parts[0]) == 1 or len(words) == 2):
        order = parts
    elif last in surnames and len(words) == 2 and len(parts[0]) == 2:
        order = [parts[-1], parts[0]]  # "Yixiao Cheng": a two-syllable given name before a surname
    else:
        return None
    return " ".join(s for p in order for s in p)


def clean(name: str) -> str:
    """A person's name as written, without honorific, suffix ("Jr.") or HKEX capitals."""
    name = hkex_name(strip_honorific(name))
    parsed = HumanName(name)
    if parsed.suffix and name.endswith(parsed.suffix) and _written_as_suffix(name, parsed.suffix):
        name = name[: -len(parsed.suffix)].rstrip(" ,")
    return name


_SUFFIX_FORM = re.compile(r"(?:[JS]r\.?|(?i:[ivx]{2,})|\S*\.\S*|[A-Z]{2,})")


def _written_as_suffix(name: str, suffix: str) -> bool:
    """ "Jr.", "III", "Ph.D.", ", CPA" are suffixes; "Aas" of "Henrik Aas" is a surname nameparser also
    knows as a degree, which a name writes with dots or capitals."""
    before = name[: -len(suffix)]
    return before.rstrip().endswith(",") or bool(_SUFFIX_FORM.fullmatch(suffix.split()[-1]))


def parts(name: str) -> tuple[str, str]:
    """(given, family) as nameparser reads the name; a pinyin name's surname comes first."""
    words = name.split()
    if pinyin_form(name) and words[0].lower() in EnglishResources.load().surnames:
        return " ".join(words[1:]), words[0]
    parsed = HumanName(name)
    return parsed.first, parsed.last
