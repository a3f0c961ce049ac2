"""Noise: injected headlines, ads, page furniture and boilerplate.

Order in the pipeline (each step's output is the next one's input)::

    text = text.normalize(raw)
    text = strip_injections(text)        # removes: the text from here on has no ads or injections
    sentences = text.split_sentences(text)   # offsets refer to the stripped text
    sentences = mark_noise(sentences)    # marks: disclaimers, bylines … stay, with noise=True

Two kinds of noise, two treatments:

- *injected* material (an SEO headline pasted into the middle of sentences, ad fragments such as
  "购买快手直播等级号", ad lines, copy/share buttons) is cut out of the text, so the sentence it
  was pasted into reads as written;
- *boilerplate* that is a sentence of its own (site disclaimers, "本文首发于…", "记者 某某",
  "责任编辑:…") stays in the text, so that offsets and excerpts remain faithful, but its
  sentence is marked ``noise=True`` and later stages skip it.

The ad, furniture and boilerplate patterns are in ``kg/data/noise.tsv``, read as
:class:`~kg.extraction.text_tables.TextTables`: the functions here take ``tables`` (default: kg's). A sentence
is never dropped or marked because it names a company or a person.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from ..model import Sentence
from .text import ends_sentence, normalize
from .text_tables import TextTables, default_text_tables

_WORD_RE = re.compile(r"[^\W_]")
_PUNCT_IN_TITLE_RE = re.compile(r"[:,?!;]")
_SEGMENT_SPLIT_RE = re.compile(r"[\s,.;:!?。、“”\"《》()|]+")

_MIN_LINE = 12  # a line at least this long, repeated inside a longer line, is an injection candidate
_MIN_TITLE = 8  # the first line (headline) is a candidate from this length on
_MAX_CANDIDATE = 120  # longer lines are paragraphs, not pasted headlines
_MAX_CANDIDATES = 200  # bounds the work on texts of thousands of short lines
_MIN_SEGMENT = 6  # a piece of a spam headline ("快手游戏运营编辑") removed on its own
_OPENERS = "“《「『\"'("
_MIN_LEFT_WORDS = 4  # a line with fewer word characters left after cutting ads is removed


def strip_injections(text: str, tables: TextTables | None = None) -> str:
    """``text`` (normalized) without injected headlines, ads and page furniture; normalized again.

    1. Repeated headlines (:func:`strip_repeated_headlines`).
    2. Ads and furniture from ``noise.tsv`` (:func:`strip_ads`).
    3. :func:`kg.extraction.text.normalize`, so that a sentence an ad line had split is joined again.
    """
    stripped = strip_ads(strip_repeated_headlines(text), tables)
    return text if stripped == text else normalize(stripped, tables)  # normalize is idempotent: nothing cut, no change


def strip_repeated_headlines(text: str) -> str:
    """Remove a headline (or any line of 12+ characters) pasted verbatim inside other lines.

    The candidates are the first line and every line of 12 to 120 characters. An occurrence
    inside a longer line (not right after an opening quote or 《, which makes it a reference) is
    an injection:

    - twice or more: a spam headline. Every inner occurrence goes, the line itself goes, and so
      does each piece of it (split at punctuation, 6+ characters, "快手游戏运营编辑") that recurs
      at least twice on its own, always glued to the word before it and followed by punctuation
      or the end of the line — the way stuffed keywords sit, and names in prose do not;
    - once: removed only when it cannot be the lede restating the headline: the headline has
      inner punctuation ("X:Y,Z?") and sits glued to the previous word, followed by punctuation.
    """
    lines = text.split("\n")
    starts = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    title = next((ln for ln in lines if ln), "")
    candidates: dict[str, None] = {}
    if _MIN_TITLE <= len(title) <= _MAX_CANDIDATE:
        candidates[title] = None
    for ln in lines:
        if len(candidates) >= _MAX_CANDIDATES:
            break
        if _MIN_LINE <= len(ln) <= _MAX_CANDIDATE:
            candidates.setdefault(ln, None)

    spans: list[tuple[int, int]] = []
    spam: list[str] = []
    for cand in candidates:
        if text.count(cand) < 2:
            continue
        inner = []
        j = text.find(cand)
        while j >= 0:
            i = bisect.bisect_right(starts, j) - 1
            whole_line = j == starts[i] and len(lines[i]) == len(cand)
            # a line that begins with the text ("江苏X股份有限公司(以下简称…", a signature) names it, not spam
            if not whole_line and j > starts[i] and text[j - 1] not in _OPENERS:
                inner.append(j)
            j = text.find(cand, j + len(cand))
        if len(inner) >= 2:
            spam.append(cand)
            spans.extend(_span(text, j, j + len(cand)) for j in inner)
            for i, ln in enumerate(lines):
                if ln == cand:
                    spans.append((starts[i], starts[i] + len(ln) + 1))
        elif len(inner) == 1:
            j = inner[0]
            i = bisect.bisect_right(starts, j) - 1
            if _PUNCT_IN_TITLE_RE.search(cand) and _glued(text, j, j + len(cand), starts[i]):
                spans.append(_span(text, j, j + len(cand)))
    text = _cut(text, spans)
    if spam:
        text = _strip_segments(text, spam)
    return text


def _glued(text: str, start: int, end: int, line_start: int) -> bool:
    """Glued to the word before and followed by punctuation, a space or the end of the line."""
    if start == line_start or not _WORD_RE.match(text[start - 1]):
        return False
    return end >= len(text) or not _WORD_RE.match(text[end])


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to cut for an injection: it takes the spaces after it along."""
    while end < len(text) and text[end] == " ":
        end += 1
    return start, end


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    out = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        out.append(text[pos : max(pos, start)])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _strip_segments(text: str, spam: list[str]) -> str:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spans: list[tuple[int, int]] = []
    for cand in spam:
        for seg in _SEGMENT_SPLIT_RE.split(cand):
            if len(seg) < _MIN_SEGMENT:
                continue
            found: list[int] = []
            j = text.find(seg)
            while j >= 0:
                line_start = starts[bisect.bisect_right(starts, j) - 1]
                if not _glued(text, j, j + len(seg), line_start):
                    found = []
                    break
                found.append(j)
                j = text.find(seg, j + len(seg))
            if len(found) >= 2:
                spans.extend(_span(text, j, j + len(seg)) for j in found)
    return _cut(text, spans)


def strip_ads(text: str, tables: TextTables | None = None) -> str:
    """Cut the ``cut`` patterns of ``noise.tsv`` out of every line; drop ``line`` furniture lines and the
    links under a ``list`` heading.

    An ad pasted into a sentence ("…改制以来购买快手直播等级号, Media APP观察到…") is cut and
    the sentence stays; a line with fewer than 4 letters/digits/CJK characters left, or that lost
    more than half of them and no longer ends a sentence, was an ad line and is dropped.
    """
    tables = tables or default_text_tables()
    out: list[str] = []
    in_links = False  # under a "延伸阅读" heading, up to a blank line
    for ln in text.split("\n"):
        if not ln:
            in_links = False
            out.append(ln)
            continue
        if in_links or (tables.links is not None and tables.links.match(ln)):
            in_links = True
            continue
        if tables.furniture is not None and tables.furniture.fullmatch(ln):
            continue
        if tables.cut is not None and tables.cut_needs.may_match(set(ln)) and tables.cut.search(ln):
            before = len(_WORD_RE.findall(ln))
            ln = tables.cut.sub("", ln).strip()
            left = len(_WORD_RE.findall(ln))
            if left < _MIN_LEFT_WORDS or (left * 2 < before and not ends_sentence(ln)):
                continue
        out.append(ln)
    return "\n".join(out)


def mark_noise(sentences: list[Sentence], text: str | None = None, tables: TextTables | None = None) -> list[Sentence]:
    """New sentences, with ``noise=True`` on boilerplate (the ``noise``/``line`` rows of noise.tsv).

    A paragraph (line) in which at least two sentences and at least half of them are boilerplate
    is boilerplate as a whole (the rest of a disclaimer). Lines are read from ``text`` when given
    (the text the sentences were split from); without it, sentences that follow one another with
    nothing in between count as one line.
    """
    tables = tables or default_text_tables()
    flags = [s.noise or _is_noise(s.text, tables) for s in sentences]
    if text is not None:
        breaks = [m.start() for m in re.finditer("\n", text)]
        line_of = [bisect.bisect_left(breaks, s.start) for s in sentences]
    else:
        line_of = []
        line = 0
        for k, s in enumerate(sentences):
            if k and s.start != sentences[k - 1].end:
                line += 1
            line_of.append(line)
    k = 0
    while k < len(sentences):
        e = k
        while e < len(sentences) and line_of[e] == line_of[k]:
            e += 1
        marked = sum(flags[k:e])
        if marked >= 2 and marked * 2 >= e - k:
            flags[k:e] = [True] * (e - k)
        k = e
    return [dataclasses.replace(s, noise=True) if f and not s.noise else s for s, f in zip(sentences, flags)]


def _is_noise(sentence: str, tables: TextTables) -> bool:
    if tables.boilerplate is not None and tables.boilerplate.search(sentence):
        return True
    return tables.furniture is not None and tables.furniture.fullmatch(sentence) is not None
