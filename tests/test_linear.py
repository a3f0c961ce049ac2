"""Extraction is linear in its input on any text (issue 15, item 8).

Hostile shapes ("1" × 100,000, "兼任" × 50,000, "张三任总裁" × 20,000, "一" × 40,000) once took minutes:
a pattern rescanned a numeral run from every start, and rules walked back over every token of the
sentence for each verb. No timing is asserted here (bench/run.py prints time per character): the
checks are structural. The Python work is counted in executed lines of kg's code, which must grow
in proportion to the input, with the bound on sentence length lifted so that it cannot hide a
quadratic step; the causes in C (a regex, a split) are checked one by one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import kg
from kg.extraction import find_orgs, text as text_mod
from kg.extraction.en import text as en_text

KG_DIR = str(Path(kg.__file__).parent)
SHAPES = {"digits": "1", "兼任": "兼任", "张三任总裁": "张三任总裁", "一": "一", "Mr.": "Mr. "}


def shape(name: str, chars: int) -> str:
    unit = SHAPES[name]
    return unit * (chars // len(unit))


def kg_lines(fn: Callable[[], object]) -> int:
    """How many lines of kg's own modules ``fn`` executes: a measure of work that no load changes."""
    count = 0

    def in_kg(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return in_kg

    def on_call(frame, event, arg):
        return in_kg if frame.f_code.co_filename.startswith(KG_DIR) else None

    sys.settrace(on_call)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


@pytest.mark.slow  # traced extraction: about 15 s in all
@pytest.mark.parametrize("name", list(SHAPES))
def test_work_grows_linearly_within_one_long_sentence(name, monkeypatch):
    monkeypatch.setattr(text_mod, "MAX_SENTENCE_CHARS", 10**9)  # one sentence, however long
    kg.extract("张三任总裁。")  # load the lexicons and the model first
    small, double = (kg_lines(lambda n=n: kg.extract(shape(name, n))) for n in (2000, 4000))
    # linear: twice the text, twice the lines (plus a little); walking back from every verb was 3.5-4×
    assert double <= 2.2 * small, (small, double)


def test_list_noun_is_tried_only_at_the_start_of_a_numeral_run():
    # entered from every digit of a long run, the pattern rescanned the run each time: quadratic
    assert find_orgs._LIST_NOUN.match("12个部门", 1) is None
    assert find_orgs._LIST_NOUN.search("设立A、B、C等12个部门").group() == "等12个部门"
    assert find_orgs._LIST_NOUN.search("淘宝、天猫两大事业群").group(1) == "事业群"
    assert find_orgs._LIST_NOUN.search("1" * 200_000) is None


def test_english_abbreviation_check_reads_one_word_back():
    assert en_text._last_word("He met Mr.", 0, 10) == "Mr."
    long_word = "x" * 10_000 + "."
    assert len(en_text._last_word(long_word, 0, len(long_word))) == en_text._LONGEST_WORD_READ
    # a sentence after an abbreviation is still one sentence; a real stop still ends one
    sents = en_text.split_sentences("Mr. Smith met Dr. Lee. They agreed.")
    assert [s.text for s in sents] == ["Mr. Smith met Dr. Lee.", "They agreed."]


@pytest.mark.parametrize("split", [text_mod.split_sentences, en_text.split_sentences])
def test_an_overlong_line_is_cut_into_bounded_sentences(split):
    limit = text_mod.MAX_SENTENCE_CHARS
    text = "张三任总裁," * (3 * limit // 6) + "1" * (3 * limit)
    sents = split(text)
    assert all(len(s.text) <= limit for s in sents)
    assert all(text[s.start : s.end] == s.text for s in sents)
    assert "".join(s.text for s in sents) == text  # nothing lost, nothing repeated
    assert sents[0].text.endswith(",")  # cut after a comma where there is one, not inside a name


def test_short_sentences_are_not_cut():
    text = "快手宣布成立商业生态委员会,由CEO程一晓担任主席。" * 3
    assert [s.text for s in text_mod.split_sentences(text)] == ["快手宣布成立商业生态委员会,由CEO程一晓担任主席。"] * 3


@pytest.mark.slow  # extraction of 4 × 100,000 characters: about 30 s
@pytest.mark.parametrize("name", ["digits", "兼任", "张三任总裁", "一"])
def test_each_hostile_shape_ends(name):
    text = shape(name, 100_000)
    doc = kg.extract(text)
    assert len(doc.sentences) >= len(text) // text_mod.MAX_SENTENCE_CHARS
    if name == "张三任总裁":  # still read, piece by piece: the name and the title in every piece
        assert {m.kind for m in doc.mentions} >= {"person", "role"}
        assert {m.sentence for m in doc.mentions} == {s.index for s in doc.sentences}
