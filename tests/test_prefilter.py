"""kg.extraction.prefilter: a pattern is skipped only where it cannot match."""

import re

from kg.extraction.prefilter import alternatives_required, required_chars
from kg.extraction.resources import default_resources
from kg.extraction.text_tables import default_text_tables


def test_required_chars_of_shapes():
    assert required_chars(re.compile(r"(\d{4})年(\d{1,2})月")) == {"年", "月"}
    assert required_chars(re.compile(r"e_?O|e,O")) == {"e", "O"}  # what every alternative has
    assert required_chars(re.compile(r"a?b*(?=c)(?<!d)[ef]")) == set()  # optional, lookarounds, a class
    assert required_chars(re.compile(r"x(?:yz)+")) == {"x", "y", "z"}
    assert required_chars(re.compile(r"(?i:a)b")) == {"b"}
    assert required_chars(re.compile(r"ab", re.I)) == set()


def test_every_match_holds_the_required_chars():
    samples = ["2023年7月28日", "今年9月", "三天前", "上周五", "2023-07-28", "2023.7", "至2024/3", "昨日", "星期一"]
    samples += ["P,R,O", "PbPaR", "eO", "OuO", "xP", "PkO"]
    patterns = [rx for _, rx in default_text_tables().dates.patterns] + [p for _, p in default_resources().rules]
    for pattern in patterns:
        needed = required_chars(pattern)
        for text in samples:
            for m in pattern.finditer(text):
                assert needed <= set(m.group()), (pattern.pattern, text)
                assert alternatives_required(pattern).may_match(set(m.group())), (pattern.pattern, text)


def test_alternatives_required_of_shapes():
    needs = alternatives_required(re.compile("(?:a[bc]x)|(?:代练)"))
    assert needs.may_match(set("zacxz")) and needs.may_match(set("代练")) and not needs.may_match(set("ax代"))
    assert alternatives_required(re.compile("x|[a-z]+")).may_match(set())  # a row requiring nothing: no test


def test_a_line_the_cut_rows_match_may_match():
    """The ads rows of noise.tsv: every line of the dev texts they match holds what their needs say."""
    import json

    from conftest import ROOT

    tables = default_text_tables()
    assert tables.cut is not None and tables.cut_needs.by_char
    texts = [json.loads(line)["text"] for line in (ROOT / "tests" / "data" / "dev.gold.jsonl").open(encoding="utf-8")]
    lines = [ln for text in texts for ln in text.split("\n")] + ["【热门推荐】看这里>>", "加微信 abcdefg", "低价代练"]
    for ln in lines:
        if tables.cut.search(ln):
            assert tables.cut_needs.may_match(set(ln)), ln
