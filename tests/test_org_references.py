"""Words that refer to a company rather than name one (kg.extraction.org_references)."""

from collections import Counter

from kg.extraction.org_references import is_registered, kind_references
from kg.extraction.resources import default_resources


def test_a_kind_alone_names_the_company_of_that_kind_named_most():
    lx = default_resources().lexicon
    kinds = kind_references(Counter({"富邑金控": 3, "富邑人寿": 2, "华泰人寿": 1, "富邑银行": 1, "远晴银行": 1}), lx)
    assert kinds["金控"] == "富邑金控"
    assert kinds["人寿"] == "富邑人寿"  # named most of its kind
    assert "银行" not in kinds  # two banks named as often: neither


def test_registered_names_end_in_a_limited_company_suffix():
    lx = default_resources().lexicon
    assert is_registered("鼎丰冷链物流有限公司", lx)
    assert not is_registered("家用机器人公司", lx) and not is_registered("鼎丰集团", lx)
