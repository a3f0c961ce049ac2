"""kg.extraction.prefilter: a pattern is skipped only where it cannot match."""

import re

from kg.extraction.prefilter import required_chars
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
    samples = ["2023年7月28日", "今年9月", "三天前", "上周五", "P,R,O", "PbPaR", "eO", "OuO", "xP", "PkO"]
    patterns = [rx for _, rx in default_text_tables().dates.patterns] + [p for _, p in default_resources().rules]
    for pattern in patterns:
        needed = required_chars(pattern)
        for text in samples:
            for m in pattern.finditer(text):
                assert needed <= set(m.group()), (pattern.pattern, text)
