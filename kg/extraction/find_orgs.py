"""Organization finders of :mod:`kg.extraction.mentions`: companies (gazetteer, model, list items),
units, organizations read from context, and the dropper of inner organizations (generic ones:
:mod:`kg.extraction.org_filters`; the companies
the wording around them names, and news outlets: :mod:`kg.extraction.named_companies`).
"""

from __future__ import annotations

import re

from . import ner
from .lexicon import Lexicon, literal_starts
from .org_references import GENERIC_COMPANY, GROUP, NEW_COMPANY, PLACE_PREFIX, is_registered
from .resolve import unit_core
from .segment import is_common_word, word_tag
from .spans import (
    BOUNDARY_TAGS,
    CJK,
    CJK_RUN,
    FUNCTION_TAGS,
    LONGEST_TITLE,
    NOT_IN_NAME_TAGS,
    VERB_TAGS,
    Spans,
    name_after_title,
    name_end,
    starts_word,
    title_follows,
    trim_left,
)
from .text_tables import TextTables

_NAME_CHAR = re.compile(f"[{CJK}A-Za-z0-9]")  # what a name read leftwards from its suffix is made of
_NAME_CHAR_OR_SPACE = re.compile(f"[{CJK}A-Za-z0-9 ]")
_REGISTERED_NAME = re.compile(
    r"(?:[^\s,，。:：;；、(（)）“\"—–]|[(（][^)）(（\s]{1,6}[)）]){2,30}?(?:股份有限公司|有限责任公司|有限公司)"
)
_REGISTERED_MARK = "有限"  # in each of the suffixes above
_QUOTES = ("“", '"', "「")  # what opens a quoted name
_QUOTED = re.compile(f'[{"".join(_QUOTES)}]([^”"」,，。;:]{{2,12}})[”"」]')
_LATIN_UNIT = re.compile(r"(?:部门|团队|业务|平台)\s*([A-Z][A-Za-z0-9]+)")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\.&\-]*(?:\s[A-Z][A-Za-z0-9]*)*")


_MAX_ITEM_NAME = 10
_JOINED_NAME = re.compile(  # "云与智慧产业事业群", "华南及西南大区" (not "为安全与…": 为 is no part of it)
    f"(?:^|[\\s,，:：;；、和及)）]|成立|设立|组建|新设立|新设|新成立|为)((?![为和及]|成立|设立|组建|新设)[{CJK}A-Za-z]{{1,4}}[与及])$"
)
_ORGREF_BEFORE = re.compile(r"(?:本集团|本公司|集团|公司|本行)$")
_OWNS = ("旗下", "下属", "控股的")
_CORPORATE, _LINE = "公司", "业务"  # "公司业务部": the corporate business line (of a bank), not the company's 业务部
# the noun after a list of units: "…、大文娱六大业务集团", "…、1688等业务"; the list is read backwards from it
# (a numeral run is entered at its first character only: tried from every start, a long run of digits
# is rescanned from each one, quadratic time; the leftmost match starts there anyway)
_LIST_NOUN = re.compile(
    r"(?:等)?(?<![一二三四五六七八九十两\d])[一二三四五六七八九十两\d]+[大个]"
    r"(业务集团|业务板块|事业群|事业部|板块|子公司|部门|业务单元)"
    r"|等(业务|品牌|平台)"
)
_LIST_NOUN_CHARS = ("大", "个", "等")  # one is in every match: a text without them is not scanned place by place
_LIST_ITEM_BEFORE = re.compile(r"(、?)([^、,，:：;；。()（）]{2,12})$")
_MAX_LIST = 30  # items read back from the noun: bounded, so a giant list costs linear time


def find_companies(sp: Spans, lx: Lexicon, aliases: dict[str, str]) -> None:
    for start, end in lx.companies_matcher.finditer(sp.text):
        if end - start <= 2 and (_inside_word(sp.text, start, end) or _inside_title(sp.text, start, end, lx)):
            continue  # "增长和", "董事长和CEO" name no 长和
        if end - start <= 2 and sp.text[start:end].isascii() and start > 0 and CJK_RUN.fullmatch(sp.text[start - 1]):
            continue  # "财务BP", "人力BP": a business partner, not BP the company
        if sp.text[start - 1 : start] in _NAME_DOTS or sp.text[end : end + 1] in _NAME_DOTS:
            continue  # "穆罕默德·阿里": a part of a transliterated name
        trade = lx.trade_re.match(sp.text, end)
        if (
            trade
            and sp.text[start : trade.end()].lower() not in lx.companies
            and not lx.suffix_re.match(sp.text, trade.end())
        ):
            continue  # "天合|光电" is not 天合光能: a short form and another trade name another company (but
            # "汇丰|零售|银行" is HSBC's retail bank)
        sp.add("org", start, end, "company", lx.companies[sp.text[start:end].lower()].name)
    for short, full in aliases.items():
        if short in lx.cues:  # "公司", "本行": references to the company, not names
            continue
        kind = _unit_kind(full, lx)  # "集团管理委员会(简称"管委会")" declares a committee's short form
        for start in literal_starts(sp.text, short):
            sp.add("org", start, start + len(short), kind if kind == "committee" else "company", full)
    if _REGISTERED_MARK not in sp.text:  # the regex below tries 30 characters at every place before it fails
        return
    # "惠邻超市(集团)有限公司": a short parenthesis belongs to a registered name
    for m in _REGISTERED_NAME.finditer(sp.text):
        start = trim_left(sp.text, m.start(), m.end() - 4, lx, registered=True)
        named = lx.cue_pattern("nominate").search(sp.text, max(0, start - 4), m.end())
        as_post = sp.text.find("为", named.end(), m.end() - 4) if named else -1
        start = as_post + 1 if as_post >= 0 else start  # "任命屈振华为湘能控股…": jieba reads 华为 as one word
        english = _ENGLISH_SUFFIX_BEFORE.match(sp.text, start)  # "GRANDVIEW BIOTECH CO., LTD.宏景生物…"
        start = english.end() if english else start
        sp.add("org", start, m.end(), "company", sp.text[start : m.end()])


def find_model_companies(sp: Spans, found: list[ner.Span], lx: Lexicon, article: str | None = None) -> None:
    """The organizations the model tagged that no suffix marks ("蓝海科技宣布…"): companies, read up to
    the first title or cue word inside the span ("蓝海科技总裁", "蓝海科技旗下子公司")."""
    for span in found:
        if span.label == "LOC" and span.text.endswith(lx.trade_words) and span.text not in lx.trades:
            span = ner.Span(span.start, span.end, "ORG", span.text)  # "赴东川电子任…": a place does no trade
        if span.label != "ORG" or (span.text.isascii() and span.start > 0 and sp.text[span.start - 1] in "(（"):
            continue  # "游文龙(Eric Yu)", "曼德斯集团(Mandes)": the English form of the name before it
        start, end = span.start, span.start
        toks = lx.segmenter.tokens(span.text)
        for n, tok in enumerate(toks):
            if tok.lower() in lx.role_by_form or tok in lx.cues or tok in lx.boundaries or lx.suffix_re.fullmatch(tok):
                break
            end += len(tok)
            if (
                n
                and tok in lx.trades
                and (rest := toks[n + 1 :])
                and not any(t in lx.trades or lx.suffix_re.search(t) for t in rest)
                and not lx.suffix_re.match(sp.text, span.end)
            ):
                break  # "远擎汽车|智驾": a company's short name ends at its trade, a line of its business follows
                # (not "恒岳汽车零部件|集团": a suffix names the whole)
        if end == span.end and end - start <= SHORT_NAME:
            end = name_end(sp, end, lx, words=1, nouns=True)  # the model often stops short: "芯澜|半导体CTO"
        name = sp.text[start:end]
        if name_after_title(sp.text, start, end, lx):
            continue  # "总经理尤佳;": a surname and a given name after a title, which the model took for a company
        if article is not None and article.count(name) < _OFTEN_NAMED:
            continue  # in an article about a company the gazetteer knows, another must be named often
        if (
            len(name) < 2
            or not sp.free(start, end)
            or lx.suffix_re.match(sp.text, end)
            or name.endswith(lx.suffixes_longest_first)
            or not starts_word(sp, end, lx)
            or is_common_word(name)
        ):
            continue  # a unit ("战略投资部") is read by its suffix; "云计|算" ends inside a word
        sp.add("org", start, end, "company", name)


def _inside_title(text: str, start: int, end: int, lx: Lexicon) -> bool:
    """A title overlaps the span ("董事长和": 长 ends 董事长)."""
    lo = max(0, start - LONGEST_TITLE)
    return any(
        s < start < e or s < end < e
        for s, e in ((lo + a, lo + b) for a, b in lx.roles_matcher.finditer(text[lo : end + LONGEST_TITLE]))
    )


def _inside_word(text: str, start: int, end: int) -> bool:
    """The first character joins the one before into a word ("增长和" holds no 长和)."""
    return start > 0 and is_common_word(text[start - 1 : start + 1])


SHORT_NAME = 2  # a model's organization this short was likely cut ("芯澜" of 芯澜半导体)
_OFTEN_NAMED = 3  # how often an article about a known company names another before the model's reading counts
_WORD_NOT_UNIT = 2  # a dictionary word ending in a suffix this short is an ordinary word (外部, 干部)


_ENGLISH_SUFFIX_BEFORE = re.compile(r"(?:[A-Za-z]+\.)+(?=[\u4e00-\u9fff])")
_ITEM_OPENERS = "|｜、 \n"
_NAME_DOTS = ("·", "•")  # join the parts of a transliterated name
_CLAUSE_OPENERS = ",，。;；:：、 \n"


def find_units(sp: Spans, lx: Lexicon, tables: TextTables) -> None:
    text = sp.text
    for m in _LATIN_UNIT.finditer(text):
        if m.group(1) not in lx.suffixes:  # "国际业务BU": BU is the suffix of the name, not a name
            sp.add("org", m.start(1), m.end(1), "unit", m.group(1))
    for m in _QUOTED.finditer(text):
        quoted_suffix = lx.suffix_re.match(text, m.end())
        end = quoted_suffix.end() if quoted_suffix else m.end()
        # "旗下高端品牌「澜舟·极境」", "中端品牌"栖云"": a quoted name after a kind of business is a unit
        described = tables.described_before.search(text, max(0, m.start() - 4), m.start())
        if described and not quoted_suffix:
            for inner in [x for x in sp.items if x.kind == "person" and m.start() <= x.start and x.end <= m.end()]:
                sp.remove(inner)  # "澜舟·极境" reads like a transliterated name
        company = not quoted_suffix and NEW_COMPANY.search(text, 0, m.start()) is not None
        if company or quoted_suffix or described or _after_cue(text, m.start(), "establish", lx):
            kind = "company" if company else _unit_kind(text[m.start() : end], lx)  # "合资公司“擎芯智能”"
            sp.add("org", m.start(), end, kind, m.group(1))
    for m in lx.suffix_re.finditer(text):
        suffix = m.group()
        if any((x := lx.suffix_re.match(text, k)) and x.end() > m.end() for k in range(m.start() + 1, m.end())):
            continue  # 业务部 in 业务部门: the longer suffix is the real one
        if len(suffix) == 1 and is_common_word(text[m.start() : m.start() + 2]) and not title_follows(sp, m.end(), lx):
            continue  # 组 in 组织, 院 in 院长: a word that begins with the suffix's character (部 in 部副部长 stays)
        following, chained = sp.starting_at(m.end()), lx.suffix_re.match(text, m.end())
        if chained and chained.group() not in lx.cues and (following is None or following.kind != "role"):
            continue  # 银行 in 数字银行部: the name goes on to the next suffix (not 研究院|院长, nor 板块|公司)
        kind, min_len = lx.suffixes[suffix]
        if kind == "company" and suffix in ("公司", "集团") and not sp.free(m.start(), m.end()):
            continue
        if len(suffix) > 1 and not starts_word(sp, m.end(), lx, ahead=4):  # last: it segments a window
            continue  # 证券 in 深圳证券交易所: the suffix ends inside a longer word
        title = sp.ending_at(m.start())
        if title is None or title.kind != "role" or len(suffix) == 1 or kind == "company":
            title = None
        else:  # "投资顾问中心", "总裁办公室": a title that names a unit's work is part of its name
            sp.remove(title)
        start = _name_start(sp, m.start(), 12)
        trimmed = trim_left(text, start, title.start if title else m.start(), lx)
        last = lx.segmenter.tokens(text[start : m.start()])[-1] if m.start() > start else ""
        set_up = last in lx.cues and _after_cue(text, m.start() - len(last), "establish", lx)
        if (
            trimmed > start
            and m.start() - trimmed < min_len
            and ((kind, lx.cues.get(last)) == ("committee", "nominate") or set_up)
        ):
            # "提名委员会": a verb of naming names it (not 担任: "担任委员会主席"); "成立加盟事业部": a unit set up
            # is named by its work
            trimmed = m.start() - len(last)
        start = trimmed
        if kind == "company" and word_tag(text[start : m.start()]) == "t":
            continue  # "会后公司宣布": a time, then the company the article is about
        joined = _JOINED_NAME.search(text, max(0, start - 12), start) if min_len else None
        if joined and sp.free(joined.start(1), start) and not lx.suffix_re.search(joined.group(1)):
            start = joined.start(1)  # "云与智慧产业事业群": 与 inside the name
        if _relation_word(text, start, m, lx):
            continue
        ref = _ORGREF_BEFORE.search(text, max(0, start - 3), start)
        if ref and sp.free(ref.start(), start):  # "集团参谋部": a unit of the company the article is about
            # "公司业务部": a bank's corporate business line, named with the word for a company
            corporate_line = start == m.start() and ref.group() == _CORPORATE and suffix.startswith(_LINE)
            label = text[ref.start() if corporate_line else start : m.end()]
            if len(label) - len(suffix) >= min_len and sp.add(
                "org", ref.start(), m.end(), _unit_kind(suffix, lx), label, ref.group()
            ):
                continue
        if _ends_in_short_word(text, start, m.end(), len(suffix), lx):
            continue  # 外部, 顶部, 全部: not the suffix 部 (but 人力资源部 is a department)
        parent = sp.ending_at(start)
        core = text[start : m.start()]
        # "中心负责人谭铮", "由该分行副行长柏松主持": the kind alone opening a clause or after 该, before a title,
        # refers to the unit just named
        bare = (
            not core
            and len(suffix) > 1
            and (
                start == 0
                or text[start - 1] in _CLAUSE_OPENERS
                or lx.cues.get(text[start - 1]) == "this"
                or _after_appoint(sp, start, lx)
            )
        )
        if bare and title_follows(sp, m.end(), lx) and sp.free(start, m.end()):
            sp.add("org", start, m.end(), _unit_kind(suffix, lx), suffix)
            continue
        if len(core) < min_len or not sp.free(start, m.end()) or core in lx.interim_qualifiers:
            continue
        if kind == "company" and core in lx.trades and (parent is None or parent.kind != "org"):
            continue  # "40余家基金公司": a kind of company, no name (but "澜舟|汽车|集团" is one)
        # an item of a list or a cell of a table ("| 出海事业群 |", "、休闲事业群") starts with the name
        listed = len(suffix) > 1 and kind != "company" and (start == 0 or text[start - 1] in _ITEM_OPENERS)
        if kind == "company" and text[start - 1 : start] == "、" and title_follows(sp, m.end(), lx):
            # "百度高级副总裁、搜索公司总裁": a company's line of business, named in the chain of its titles
            sp.add("org", start, m.end(), "unit", text[start : m.end()])
            continue
        verb = VERB_TAGS if kind == "unit" else _VERB_OR_VERBAL_NOUN_TAGS
        if (
            core
            and (word_tag(core) or "") in verb
            and kind != "committee"
            and not listed
            and not (kind == "unit" and (core in lx.qualifiers or set_up or title_follows(sp, m.end(), lx)))
            and text[start - 1 : start] not in _QUOTES
        ):  # "采购部由…负责", "采购部部长", "成立加盟事业部", "整合为“出行事业群”": a function names a unit
            # "带领团队", "实行董事会": a verb is no name (but "审计委员会" is a committee's, and a verbal noun
            # names a unit by its function: "销售部", "运营中心"; not a company: "投资银行" is a business)
            if min_len:
                continue
            start, core, parent = m.start(), "", None
        if parent is not None and parent.kind == "org" and is_registered(text[start : m.end()], lx):
            # "上海药明康德新药开发有限公司": a registered name that holds a known one, and the place before it
            left = parent.start
            while (
                left > 0
                and sp.free(left - 1, left)
                and CJK_RUN.fullmatch(text[left - 1])
                and parent.start - left < PLACE_PREFIX
            ):
                left -= 1
            left = trim_left(text, left, parent.start, lx)
            sp.remove(parent)
            sp.add("org", left, m.end(), "company", text[left : m.end()])
        elif parent is not None and parent.kind == "org" and kind == "company" and core in lx.trades:
            # "澜舟|汽车|集团": a company's short name, its trade and a company's suffix name the company
            sp.remove(parent)
            sp.add("org", parent.start, m.end(), "company", text[parent.start : m.end()])
        elif parent is not None and parent.kind == "org":
            # "快手电商事业部": the company's name is part of the unit's name
            sp.remove(parent)
            sp.add(
                "org", parent.start, m.end(), _unit_kind(suffix, lx), text[start : m.end()], parent.label or parent.text
            )
        else:
            # "东楚汽车集团旗下…": a group that owns what follows is a company, not a business group of it
            owns = suffix == GROUP and text.startswith(_OWNS, m.end())
            sp.add("org", start, m.end(), "company" if owns else _unit_kind(suffix, lx), text[start : m.end()])


def _ends_in_short_word(text: str, start: int, end: int, suffix: int, lx: Lexicon) -> bool:
    """The last word of text[start:end] is a dictionary word longer than the ``suffix`` that ends it and at most
    :data:`_WORD_NOT_UNIT` long; segmented only when such a word ends there (after most suffixes, none does)."""
    lengths = range(suffix + 1, min(_WORD_NOT_UNIT, end - start) + 1)
    ends_in_word = any(is_common_word(text[end - n : end]) for n in lengths)
    last = lx.segmenter.tokens(text[start:end])[-1] if ends_in_word else ""
    if not (len(last) > suffix and is_common_word(last) and len(last) <= _WORD_NOT_UNIT):
        return False
    # "资产保全部" is 保全 and 部, though jieba reads 全部: a verb or noun before the suffix takes the word's first
    # part (not "在内部": 在内 is a function word)
    before = lx.segmenter.tokens(text[start : end - suffix])[-1]
    return len(before) <= len(last) - suffix or not (word_tag(before) or "").startswith(("n", "v"))


def _after_appoint(sp: Spans, pos: int, lx: Lexicon) -> bool:
    """A verb of taking a post ends at ``pos`` ("兼任|事业部总裁": the kind alone refers to the unit just named)."""
    lo = max(0, pos - 4)
    if not any(lx.cues.get(sp.text[k:pos]) == "appoint" for k in range(lo, pos)):
        return False  # the last word would be such a verb: none ends here, nothing to segment
    return lx.cues.get(lx.segmenter.tokens(sp.text[lo:pos])[-1]) == "appoint"


def after_function_word(sp: Spans, pos: int, lx: Lexicon) -> bool:
    """Nothing that could name something ends at ``pos``: the sentence starts there, or punctuation, a
    mention, a cue word or a function word (由, 在) comes before ("零售银行": 零售 qualifies 银行)."""
    if pos == 0 or not CJK_RUN.fullmatch(sp.text[pos - 1]) or sp.ending_at(pos) is not None:
        return True
    before = lx.segmenter.tokens(sp.text[max(0, pos - 4) : pos])[-1]
    return before in lx.cues or before in lx.boundaries or (word_tag(before) or "x")[0] in BOUNDARY_TAGS


_VERB_OR_VERBAL_NOUN_TAGS = VERB_TAGS | {"vn"}


def drop_inner_orgs(sp: Spans, start: int, end: int) -> None:
    for pos in range(start, end):
        inner = sp.starting_at(pos)
        if inner is not None and inner.kind == "org" and inner.end <= end and (inner.start, inner.end) != (start, end):
            sp.remove(inner)


_HEAD_ASIDE = re.compile(r"[(（](?:[^()（）:：,，]{0,8}[,，])?")  # "(负责人:", "(新设,负责人:"


def find_headed_units(sp: Spans, lx: Lexicon) -> None:
    """ "抗体平台(负责人:邬天翔)", "天穹项目组(制作人:权一鸣)": the name right before an aside that opens with a
    title and a colon is a unit that title heads, whatever its last word (平台 alone names no unit)."""
    text = sp.text
    for m in _HEAD_ASIDE.finditer(text):
        role = sp.starting_at(m.end())
        if role is None or role.kind != "role" or text[role.end : role.end + 1] not in ":：":
            continue
        end = m.start()
        start = trim_left(text, _name_start(sp, end, _MAX_ITEM_NAME), end, lx)
        if end - start >= 2:
            sp.add("org", start, end, _unit_kind(text[start:end], lx), text[start:end])


def _name_start(sp: Spans, end: int, limit: int) -> int:
    """Where a name read leftwards from ``end`` begins: up to a mention or punctuation, at most ``limit`` back."""
    start = end
    while start > 0 and end - start < limit and sp.free(start - 1, start) and _NAME_CHAR.match(sp.text, start - 1):
        start -= 1
    return start


def _unit_kind(name: str, lx: Lexicon) -> str:
    """The kind a suffix gives. A "…集团" the gazetteer does not know is read as a business group of
    the article's company (阿里云智能集团, 淘天集团); registered names (…有限公司) stay companies."""
    for n in lx.suffix_lengths:  # the longest suffix the name ends in
        suffix = name[-n:]
        if len(name) >= n and suffix in lx.suffixes:
            return "unit" if suffix == GROUP else lx.suffixes[suffix][0]
    return "unit"


def _relation_word(text: str, start: int, suffix: re.Match, lx: Lexicon) -> bool:
    """ "公司全资子公司X", "旗下控股子公司X": a word for how one company belongs to another (a cue of
    class under, wider than the suffix it ends in) names no unit; the company after it is one."""
    for k in range(start, suffix.start() + 1):
        if lx.cues.get(text[k : suffix.end()]) == "under" and (k == start or lx.cues.get(text[start:k]) == "orgref"):
            return True
    return False


def _after_cue(text: str, pos: int, tag: str, lx: Lexicon) -> bool:
    """A cue word of class ``tag`` ends right at ``pos`` ("设立“中国数字商业”板块")."""
    return any(m.end() == pos for m in lx.cue_pattern(tag).finditer(text, max(0, pos - 8), pos))


def _describes_a_company(name: str, lx: Lexicon) -> bool:
    """ "宠物食品公司": nouns then 公司, a kind of company, not one named ("泰和资产管理公司": 泰和 names it)."""
    words = lx.segmenter.tokens(name[: -len(GENERIC_COMPANY)]) if name.endswith(GENERIC_COMPANY) else []
    return bool(words) and all(_describes(w, lx) for w in words)


def _describes(word: str, lx: Lexicon) -> bool:
    """A trade or a dictionary word that is no name ("美国", "芯片", "港股", "上市"), or two ("宠物|食品", which
    kg's tokenizer keeps as one word)."""
    half = len(word) // 2
    return (
        word in lx.trades
        or word_tag(word) in _DESCRIPTION_TAGS
        or (
            len(word) == 4 and word_tag(word[:half]) in _DESCRIPTION_TAGS and word_tag(word[half:]) in _DESCRIPTION_TAGS
        )
    )


# jieba's classes of the words a description is made of: nouns (not names: nr, nz, nt), places, verbs, adjectives
_DESCRIPTION_TAGS = frozenset({"n", "ng", "ns", "s", "vn", "v", "j", "a", "b"})


def find_context_orgs(sp: Spans, lx: Lexicon, tables: TextTables, known_company: bool = False) -> None:
    """Names with no suffix, known by what follows them: "抖音由张楠担任CEO", "火山引擎总裁为谭待"."""
    text = sp.text
    items = sorted(sp.items, key=lambda m: m.start)
    for nxt in items:
        if nxt.kind in ("role", "person"):
            by = text[max(0, nxt.start - 1) : nxt.start] == "由"  # "抖音由张楠担任", "网易有道由CEO周枫负责"
            if (nxt.kind == "person" and not by) or (nxt.kind == "role" and nxt.value in lx.outside_roles):
                continue  # "粤信证券新能源首席分析师": the sector an analyst covers, no unit
            end = nxt.start - (1 if by else 0)
            start = end
            while (
                start > 0
                and sp.free(start - 1, start)
                and _NAME_CHAR_OR_SPACE.match(text, start - 1)
                and end - start < 10
                and not (text[start - 1] == " " and CJK_RUN.fullmatch(text[start]))
            ):
                start -= 1  # a space between Latin words only ("Vertex Games"; a headline's space separates)
            while start < end and text[start] == " ":
                start += 1
            start = trim_left(text, start, end, lx)
            name = text[start:end].strip()
            before = sp.ending_at(start)
            if before is not None and before.kind == "org" and before.value == "company" and name:
                # "京东零售CEO": a unit of the company named just before (not "五粮液股份有限公司关于总经理…")
                if (
                    len(name) >= 2
                    and name not in lx.qualifiers
                    and (word_tag(name) or "x")[0] not in BOUNDARY_TAGS
                    and not is_registered(before.text, lx)
                    and not _describes_a_company(before.text, lx)
                ):  # (a description, "宠物食品公司暖阳宠物CMO", is the company named after it: described_companies)
                    sp.remove(before)
                    # "高通中国副总裁": a company's arm in a place is named with the company's name
                    label = text[before.start : end] if word_tag(name) == "ns" else name
                    sp.add("org", before.start, end, "unit", label, before.label or before.text)
                continue
            if (
                len(name) < 2
                or unit_core(name, lx) in lx.qualifiers
                or tables.term.fullmatch(name)  # "当选新一任董事长": which term of the post, not whose
                or name in lx.cues
                or (word_tag(name) or "x")[0] in NOT_IN_NAME_TAGS
                or name.endswith(lx.work_nouns)
                or (name[-1] in lx.not_in_names and (word_tag(name[-1]) or "x")[0] in FUNCTION_TAGS)
            ):
                # "首次由…担任": a time or an adverb, not an organization; "研发工作": a piece of work;
                # "3月起以|临时负责人身份": a function word ends no name
                continue
            if nxt.kind == "role" and CJK_RUN.fullmatch(name) and is_common_word(name) and len(name) <= 2:
                continue
            if CJK_RUN.fullmatch(name) or _LATIN_WORD.fullmatch(name):
                # "麦穗生鲜CEO": a name before a post of a whole company names a company
                kind = (
                    "company"
                    if nxt.kind == "role" and not by and nxt.value in lx.company_roles and not known_company
                    else "unit"
                )
                if kind == "company" and any(len(t) > 1 and word_tag(t) == "v" for t in lx.segmenter.tokens(name)):
                    continue  # "会议应出席董事9名": a clause, not a name
                sp.add("org", start, start + len(name), kind, name)
    # "设立阿里云智能、淘宝天猫商业、大文娱六大业务集团": the items take the kind of the noun after them
    for m in _LIST_NOUN.finditer(text) if any(c in text for c in _LIST_NOUN_CHARS) else ():
        noun = m.group(1) or m.group(2)
        listed: list[tuple[int, int]] = []
        end = m.start()
        while len(listed) < _MAX_LIST:
            item = _LIST_ITEM_BEFORE.search(text, max(0, end - 13), end)
            if not item:
                break
            listed.append((item.start(2), item.end(2)))
            if not item.group(1):
                break  # the first item of the list
            end = item.start()
        if len(listed) < 2:
            continue  # a list has a 、
        for n, (s, e) in enumerate(reversed(listed)):
            if n == 0:
                s = trim_left(text, s, e, lx)
            drop_inner_orgs(sp, s, e)  # "阿里" inside "阿里云智能"
            if e - s >= 2 and sp.free(s, e):
                sp.add("org", s, e, _unit_kind(noun, lx), text[s:e])
    # lists of new units: "成立六个业务板块(BU),分别为:抖音、大力教育、飞书和TikTok", "成立六大业务板块:抖音、…"
    if lx.cue_pattern("establish").search(text):
        lead = re.search(rf"分别为|分别是|包括|(?:{tables.count.pattern})[{CJK}]{{0,6}}[:：]", text)
        if lead:
            stop = re.compile(r"[。;；]").search(text, lead.end())
            seg_end = stop.start() if stop else len(text)
            pos = lead.end()
            while pos < seg_end and text[pos] in ":：":
                pos += 1
            for item in re.finditer(r"[^、,，:：和及]+", text[pos:seg_end]):
                s, e = pos + item.start(), pos + item.end()
                name = text[s:e].strip()
                found = sp.starting_at(s)
                if found is not None and (found.end, found.kind, found.value) == (e, "org", "company"):
                    if name.lower() not in lx.companies:
                        sp.remove(found)  # "云帆教育": a name read as a company by its trade, set up as a unit here
                if 2 <= len(name) <= 10 and sp.free(s, e):
                    sp.add("org", s, e, "unit", name)
    _units_listed_under(sp, lx)


_ITEM = re.compile(f"[{CJK}]+")  # an item of a list, between 、 and 和


def _units_listed_under(sp: Spans, lx: Lexicon) -> None:
    """ "国际事业部下设欧洲区、北美区和亚太区": after a verb of having units, a list whose items end alike names
    units (the shared last character is their kind, here 区, which alone names no unit)."""
    for cue in lx.cue_pattern("under").finditer(sp.text) if "、" in sp.text else ():
        end = cue.end()
        while end < len(sp.text) and (CJK_RUN.fullmatch(sp.text[end]) or sp.text[end] == "、"):
            end += 1
        spans = [x for m in _ITEM.finditer(sp.text, cue.end(), end) for x in _split_last(sp.text, m.start(), m.end())]
        names = [sp.text[a:b] for a, b in spans]
        if len(names) < 2 or len({n[-1] for n in names}) != 1 or not all(2 <= len(n) <= 8 for n in names):
            continue
        for a, b in spans:
            if sp.free(a, b):
                sp.add("org", a, b, "unit", sp.text[a:b])


def _split_last(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """ "北美区和亚太区": the last item of a list holds the conjunction before it."""
    k = next((k for k in range(a + 2, b - 1) if text[k] in _LIST_AND), -1)
    return [(a, k), (k + 1, b)] if k >= 0 else [(a, b)]


_LIST_AND = "和及与"
