"""Words that refer to a company rather than name one: its kind alone ("金控" for 富邑金控), a "…集团" that is
the company or the group of the article's registered companies, and registered names themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # light: kg.extraction.resolve reads GROUP, and it is imported without the segmenter
    from .lexicon import Lexicon
    from .spans import Spans

GROUP = "集团"  # a business group of a company, or the company itself (see first_group_is_company)
# a word for a company just set up, right before its name ("设立全资子公司X", "成立合资公司“X”")
NEW_COMPANY = re.compile(r"(?:子公司|合资公司|新公司|附属公司)[“\"「\s]?$")
GENERIC_COMPANY = "公司"  # the suffix a description of a company ends with ("家用机器人公司")
PLACE_PREFIX = 4  # the longest place name that begins a registered company name ("黑龙江省", "上海市")


def kind_references(companies: Counter[str], lx: Lexicon) -> dict[str, str]:
    """A company's kind that names it alone ("金控" for 富邑金控, "人寿" for 富邑人寿): for each suffix of the
    article's companies (by how often each is named), the one named most (never the words for the article's
    own company, 公司, 集团)."""
    by_suffix: dict[str, Counter[str]] = {}
    for label, count in companies.items():
        for suffix, (kind, _) in lx.suffixes.items():
            if (
                kind == "company"
                and len(suffix) > 1
                and label.endswith(suffix)
                and len(label) > len(suffix)
                and suffix not in lx.cues
            ):
                by_suffix.setdefault(suffix, Counter())[label] += count
    out = {}
    for suffix, labels in by_suffix.items():
        (first, n), *rest = labels.most_common(2)
        if not rest or n > rest[0][1]:  # the one company of that kind the article names most
            out[suffix] = first
    return out


def first_group_is_company(sp: Spans, company_named: bool, lx: Lexicon) -> bool:
    """ "华岳重工集团组织架构调整": a …集团 named before any company is the company itself, not one of its
    business groups (阿里云智能集团 comes after 阿里巴巴). Returns whether a company has been named."""
    for m in sorted(sp.items, key=lambda m: m.start):
        if m.kind != "org":
            continue
        if m.value == "company":
            return True
        if (
            not company_named
            and not m.parent
            and m.text.endswith(GROUP)
            and lx.companies_matcher.prefix_end(m.text) is None
        ):
            sp.remove(m)
            sp.add("org", m.start, m.end, "company", m.label or m.text)
            return True
    return company_named


def find_groups_of_registered(spans: list[Spans], lx: Lexicon) -> None:
    """ "鼎恒集团" beside "鼎恒冷链物流有限公司": a "…集团" whose name begins a registered company's of the
    article is that company's group, a company (not a business group of the company the article is about)."""
    registered = {m.text for sp in spans for m in sp.items if m.kind == "org" and is_registered(m.text, lx)}
    if not registered:
        return
    for sp in spans:
        for m in [m for m in sp.items if m.kind == "org" and m.value == "unit" and m.text.endswith(GROUP)]:
            core = m.text[: -len(GROUP)]
            for k in range(len(core) - 1):  # "附件含有鼎恒集团": the name is the end of what was read
                if any(r.startswith(core[k:]) for r in registered):
                    sp.remove(m)
                    sp.add("org", m.start + k, m.end, "company", m.text[k:])
                    break


def is_registered(name: str, lx: Lexicon) -> bool:
    """ "…有限公司": a registered company name, after which a unit is named by its suffix only (a bare word
    there qualifies the title: "…有限公司高级总监")."""
    return name.endswith(lx.registered_suffixes)
