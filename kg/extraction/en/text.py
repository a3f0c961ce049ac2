"""Language detection, English sentences and English boilerplate.

Offsets keep the contract of :func:`kg.extraction.text.split_sentences`: ``text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import re

from ...model import Sentence
from ..text import bounded_pieces
from .capitals import truecase_lines
from .resources import EnglishResources

# runs, not single characters: counted by their lengths, no string is made per character of the text
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")
# a Chinese character carries about as much as a whole English word (~4 letters): an English article
# quoting a few names in characters stays English, a Chinese one quoting an English title stays Chinese
LATIN_PER_CJK = 4
_END = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"“(]?[A-Z0-9])|\n")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—*•>→▪■◦]|\d+[.)])\s+")


def detect(text: str) -> str:
    """ "en" when Latin letters outweigh CJK characters, else "zh"."""
    latin, cjk = sum(map(len, _LATIN_RUN.findall(text))), sum(map(len, _CJK_RUN.findall(text)))
    return "en" if latin > LATIN_PER_CJK * cjk else "zh"


def split_sentences(text: str) -> list[Sentence]:
    """Sentences end at . ! ? before a capital (not after "Mr.", "Inc.", "U.S.") and at every newline."""
    abbrevs = EnglishResources.load().abbreviations
    out: list[Sentence] = []
    pos = 0
    for m in _END.finditer(text):
        if m.group() != "\n":
            last = _last_word(text, pos, m.start() + 1).lstrip("\"“'‘([")  # ("Mr. Leung")
            if last in abbrevs or re.fullmatch(r"(?:[A-Z]\.)+", last):
                continue
        _emit(text, pos, m.end(), out)
        pos = m.end()
    _emit(text, pos, len(text), out)
    return out


_LONGEST_WORD_READ = 64  # longer than any abbreviation


def _last_word(text: str, start: int, end: int) -> str:
    """The word that ends at ``end`` (not before ``start``), its last :data:`_LONGEST_WORD_READ`
    characters at most: re-reading the whole sentence at every skipped period would be quadratic."""
    k = end
    while k > start and end - k < _LONGEST_WORD_READ and not text[k - 1].isspace():
        k -= 1
    return text[k:end]


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    for start, end in bounded_pieces(text, start, end):  # an overlong sentence in pieces, as in Chinese
        seg = text[start:end]
        stripped = seg.strip()
        if not re.search(r"\w", stripped):
            continue
        s = start + len(seg) - len(seg.lstrip())
        out.append(Sentence(len(out), s, s + len(stripped), stripped))


_ROW = re.compile(r"^(?=[^\n]*\S\s*[|\t]\s*\S[^\n]*[|\t])([^\n]*?[^\s.!?;:|])[ \t]*$", re.M)


# "Marcus Bell — Chief Executive Officer", "Chief Financial Officer: Sara Lindqvist": a short line of a
# leadership page, a name and a title on either side of a dash or colon
_PAIR = re.compile(
    r"^(?=[^\n]{3,100}$)(?=[^\n]*[A-Za-z][^\n]*(?:\s[—–-]\s|:\s)[^\n]*[A-Za-z])"
    r"([^\n]*?[^\s.!?;:,|])[ \t]*$",
    re.M,
)
_LINE_END = re.compile(r"[.!?;:,]\s*$")


def end_rows(text: str) -> str:
    """Table rows ("Mr. He Jun | Vice President | Appointed"), the lines of a leadership list ("Marcus
    Bell — Chief Executive Officer"; "Sara Lindqvist, Chief Financial Officer" among lines like it)
    end with a period, so that normalizing does not join them into one line as it joins a
    hard-wrapped sentence. A statement in capitals is put in ordinary case first
    (:func:`kg.extraction.en.capitals.truecase_lines`)."""
    text = truecase_lines(text, EnglishResources.load())
    text = _PAIR.sub(r"\1.", _ROW.sub(r"\1.", text))
    lines = _name_over_title(text.split("\n"))
    for i, ln in enumerate(lines):
        if _name_title_line(ln) and (
            i + 1 < len(lines) and _name_title_line(lines[i + 1]) or i and _name_title_line(lines[i - 1].rstrip("."))
        ):
            lines[i] = ln.rstrip() + "."
    return "\n".join(lines)


_NAME_LINE = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-ZÀ-Þ][\w'’\-]+(?:\s+[A-ZÀ-Þ][\w'’.\-]*){1,3}")


def _name_over_title(lines: list[str]) -> list[str]:
    """A leadership page's name on one line and title on the next ("Marcus Bell" / "Chief Executive
    Officer") become one line "Marcus Bell, Chief Executive Officer."."""
    r = EnglishResources.load()
    roles = r.role_re
    out: list[str] = []
    i = 0
    while i < len(lines):
        line, nxt = lines[i].strip(), lines[i + 1].strip() if i + 1 < len(lines) else ""
        title = roles.match(nxt)
        if (
            _NAME_LINE.fullmatch(line)
            and not roles.search(line)
            and title
            and len(nxt) <= 80
            and line.split()[-1] not in r.suffixes
            and line.split()[-1].capitalize() not in r.suffixes
            and not _LINE_END.search(nxt)
            and (title.end() == len(nxt) or nxt[title.end()] in " ,&")
        ):
            out.append(f"{line}, {nxt}.")
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return out


def _name_title_line(line: str) -> bool:
    """ "Sara Lindqvist, Chief Financial Officer": short, one comma, capitalized, no sentence end."""
    line = line.strip()
    return (
        0 < len(line) <= 80
        and line.count(",") in (1, 2)
        and not _LINE_END.search(line)
        and line[:1].isupper()
        and line.split(",")[1].strip()[:1].isupper()
    )


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line))


def mark_noise(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Sentences on boilerplate lines (cookie banners, share widgets, "About X" sections, safe harbor)."""
    noisy = _noisy_lines(text)
    out = []
    for s in sentences:
        line = text.count("\n", 0, s.start)
        out.append(Sentence(s.index, s.start, s.end, s.text, noise=s.noise or line in noisy))
    return out


def _noisy_lines(text: str) -> set[int]:
    rules = EnglishResources.load().boilerplate
    noisy: set[int] = set()
    in_section = False
    for i, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if not stripped:
            in_section = False
            continue
        if in_section:
            noisy.add(i)
            continue
        for scope, rx in rules:
            if rx.search(stripped):
                noisy.add(i)
                in_section = scope == "section"
                break
    return noisy
