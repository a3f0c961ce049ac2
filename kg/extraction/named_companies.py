"""Companies the wording around a name says are companies, and news outlets, which are none: a finder of
:mod:`kg.extraction.mentions` each.

- the company that heads an item or announces at a sentence's start ("4. 科睿教育:", "锐拓精密公告"), and the
  company a description names ("港股上市公司驰跃体育宣布", "连锁快餐品牌味来餐饮宣布");
- the company joined ("加盟北辰微电子出任CEO") and the company a memo addresses ("昕途汽车全体员工", "各位鲸帆人:");
- the company a listing code follows ("快马出行(NASDAQ:KMCX)", "锐拓精密(300123.SZ)");
- the outlet that reports the story ("36氪获悉", "据界面新闻报道", "财联社3月12日电"): it employs nobody in it.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .org_references import GENERIC_COMPANY, is_registered
from .segment import is_common_word, word_tag
from .spans import CJK_RUN, Spans, free_cjk_start, name_end, trim_left
from .text_tables import TextTables

_MAX_DESCRIBED_NAME = 6  # the longest name read after its description when its words are not all nouns
_NOT_IN_DESCRIBED_NAME = frozenset("tdpcu")  # times, adverbs, function words: in no such name
_FUNCTION_WORD_TAGS = frozenset("ucp")  # 的, 和, 在: no name begins with one (知微智能 may begin with a verb)


_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9&\-]*(?: [A-Z][A-Za-z0-9&\-]*){0,3}")  # "Norvant Therapeutics"
_MAX_NAME = 10  # characters read for a name its surroundings mark as a company's
_OPENER = re.compile(r"([^\s,，。:：]{2,5})[,，]\s*")  # "同日，", "此外，": a word before the first comma
# "4. ", "三、", and a dateline: "财联社3月6日电，", "3月6日晚间，" ("…，锐拓精密公告" names the company)
_ITEM_LEAD = re.compile(
    r"[\s\-·•*]*(?:\d{1,2}[.、)]|[一二三四五六七八九十]{1,3}、|\(\d{1,2}\))?\s*"
    r"(?:[^\s,，。]{0,8}?(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:电|晚间|早间|晚|讯)?[,，]\s*)?"
)


def media_names(text: str, tables: TextTables) -> set[str]:
    """The news outlets the article quotes as its source ("36氪获悉", "据界面新闻报道", "对36氪表示")."""
    chars = set(text)
    return {
        m.group(1)
        for pattern, needs in zip(tables.media, tables.media_needs)
        if needs.may_match(chars)
        for m in pattern.finditer(text)
    }


def drop_media(sp: Spans, media: set[str]) -> None:
    """A news outlet reports the story; it is nobody's employer in it (a byline's source is no company), and
    the place a reporter learns from ("从知情人士处获悉") is no unit; nor is a company named at the start of an
    outlet's name ("新浪" in "新浪科技讯")."""
    if not media:
        return  # most articles name no outlet
    names = tuple(media)  # str.startswith tries each (no generator a mention)
    outlet_at = [m for m in sp.items if m.kind == "org" and sp.text.startswith(names, m.start)]
    for m in outlet_at:
        sp.remove(m)


def find_joined_companies(sp: Spans, lx: Lexicon) -> None:
    """ "加盟北辰微电子出任CEO": the name after a verb of joining is a company."""
    for m in lx.cue_pattern("join").finditer(sp.text):
        end = max(name_end(sp, m.end(), lx, limit=_MAX_NAME), _trade_end(sp, m.end(), lx))
        name = sp.text[m.end() : end]
        if len(name) >= 2 and CJK_RUN.fullmatch(name) and not is_common_word(name):
            sp.add("org", m.end(), end, "company", name)


def _trade_end(sp: Spans, pos: int, lx: Lexicon) -> int:
    """Where a short name made of a brand and a trade ends ("味来|餐饮": 来 would end a name read by words)."""
    for brand in (2, 1, 3):
        trade = lx.trade_re.match(sp.text, pos + brand)
        if trade and CJK_RUN.fullmatch(sp.text[pos : pos + brand]) and sp.free(pos, trade.end()):
            return trade.end()
    return pos


def find_listed_companies(sp: Spans, lx: Lexicon, tables: TextTables) -> None:
    """ "快马出行(NASDAQ:KMCX)公布财报": the name before a listing code is a listed company's, whole (快马|出行 would
    read as a brand and its trade); the names found inside it go."""
    for m in tables.listing.finditer(sp.text) if "(" in sp.text or "（" in sp.text else ():
        end = m.start()
        start = trim_left(sp.text, free_cjk_start(sp, end, limit=_MAX_NAME), end, lx)
        kinds = [k.end() for k in tables.business_kind.finditer(sp.text, start, end) if end - k.end() >= 2]
        start = kinds[-1] if kinds else start  # "港股上市房企融泰地产(01878.HK)": a description, then the name
        if end - start < 2 or is_common_word(sp.text[start:end]):
            continue
        for inner in [x for x in sp.items if start <= x.start and x.end <= end]:
            sp.remove(inner)
        sp.add("org", start, end, "company", sp.text[start:end])


def find_addressed_companies(sp: Spans, lx: Lexicon, tables: TextTables) -> None:
    """A memo names its company where it addresses the staff: "昕途汽车全体员工", "各位鲸帆人:"."""
    for m in tables.salutation.finditer(sp.text):
        if sp.free(m.start(1), m.end(1)) and not is_common_word(m.group(1)):
            sp.add("org", m.start(1), m.end(1), "company", m.group(1))
    for m in lx.cue_pattern("staff").finditer(sp.text):
        start = trim_left(sp.text, free_cjk_start(sp, m.start(), limit=10), m.start(), lx)
        if m.start() - start >= 2 and not is_common_word(sp.text[start : m.start()]):
            sp.add("org", start, m.start(), "company", sp.text[start : m.start()])


def find_item_company(sp: Spans, lx: Lexicon, tables: TextTables) -> None:
    """ "4. 科睿教育:成立AI学习事业部", "科睿教育宣布成立…": a name that begins a sentence and announces, or
    heads an item before a colon, is a company (the items of a round-up); not a memo's salutation ("全体穹顶同学:")."""
    lead = _ITEM_LEAD.match(sp.text)
    start = lead.end() if lead else 0
    opener = _OPENER.match(sp.text, start)  # "同日，", "此外，": a time or a link to what came before
    if opener and (lx.cues.get(opener.group(1)) == "connective" or word_tag(opener.group(1)) == "t"):
        start = opener.end()
    head = sp.text[start : start + _MAX_NAME + 4]
    if ":" not in head and "：" not in head and not lx.cue_pattern("announce").search(head):
        return  # most sentences: nothing to read, and no tokenizing to pay for
    if tables.salutation.search(sp.text) or tables.addressee.match(sp.text):
        return
    short = sp.starting_at(start)  # "锐拓|精密公告": the model's short form of the name that announces
    if short is not None and short.kind == "org" and short.value == "company" and short.label in ("", short.text):
        if name_end(sp, short.end, lx, limit=_MAX_NAME - len(short.text)) > short.end:
            sp.remove(short)
    end = name_end(sp, start, lx, limit=_MAX_NAME)
    name = sp.text[start:end]
    if len(name) < 2 or not CJK_RUN.fullmatch(name) or is_common_word(name) or not sp.free(start, end):
        return
    if name.endswith(lx.work_nouns):
        return  # "财报发布同日": a report is published, no company announces
    after = sp.text[end : end + 4]
    if after[:1] in ":：" or lx.cue_pattern("announce").match(after):
        sp.add("org", start, end, "company", name)


def find_announcer(spans: list[Spans], lx: Lexicon, tables: TextTables, described_only: bool = False) -> None:
    """Who announces the change at the start of a sentence ("华岳重工今日发布…", "经星河研究决定" is not one) is
    the company; after a description ("连锁快餐品牌味来餐饮宣布"), the name that follows its word for a kind of
    business. ``described_only`` (the article names a company by suffix, gazetteer or model): only such a
    described name, as "财报发布同日，公司宣布" opens with no company."""
    announce = lx.cue_pattern("announce")
    for sp in spans:
        for m in announce.finditer(sp.text):
            start = free_cjk_start(sp, m.start())
            if start > 0 and sp.text[start - 1] not in ",，:：。 \n":
                continue  # the name must begin the clause
            kinds = [k.end() for k in tables.business_kind.finditer(sp.text, start, m.start())]
            if not kinds and described_only:
                continue
            if kinds:
                start = kinds[-1]
                end = min(_described_name_end(sp, start, lx), m.start())
            else:
                end = name_end(sp, start, lx, limit=m.start() - start)
            if end - start >= 2 and not is_common_word(sp.text[start:end]):
                sp.add("org", start, end, "company", sp.text[start:end])
                return


def _traded_kind_names(sp: Spans, lx: Lexicon, tables: TextTables) -> None:
    """ "跨境物流企业驰远物流(Chiyuan Logistics)": a trade and a word for a kind of business, then the name."""
    for kind_word in tables.business_kind.finditer(sp.text):
        start = kind_word.end()
        if not sp.text.endswith(lx.trade_words, 0, kind_word.start()) or not sp.free(kind_word.start(), start):
            continue
        end = _described_name_end(sp, start, lx)
        if 2 <= end - start <= _MAX_DESCRIBED_NAME and not is_common_word(sp.text[start:end]):
            sp.add("org", start, end, "company", sp.text[start:end])


def _described_name_end(sp: Spans, start: int, lx: Lexicon) -> int:
    """Where the name after a description ends: a Latin name ("美国芯片公司Quantix"), :func:`name_end`, or, when its
    words are not all nouns ("创业公司知微智能": 知 is a verb), the run of Chinese characters up to a cue word."""
    latin = _LATIN_NAME.match(sp.text, start)
    if latin and sp.free(start, latin.end()):
        return latin.end()
    end = name_end(sp, start, lx)
    if end - start >= 2:
        return end
    end = start
    for tok in lx.segmenter.tokens(sp.text[start : start + _MAX_DESCRIBED_NAME]):
        if (word_tag(tok) or "x")[0] in _NOT_IN_DESCRIBED_NAME or tok in lx.boundaries:
            break  # "澎湃储能|近期完成": a time word or an adverb ends it; "锐驰汽车|高层": a word no name holds
        for ch in tok:
            if not CJK_RUN.fullmatch(ch) or not sp.free(end, end + 1) or lx.cue_re.match(sp.text, end):
                return end
            end += 1
    return end


def described_companies(sp: Spans, lx: Lexicon, tables: TextTables) -> None:
    """ "家用机器人公司星曜机器人近日…", "港股上市公司驰跃体育宣布", "新能源汽车品牌驭岚汽车": a description
    ending in 公司 (or followed by a word for a kind of business), then the name."""
    _traded_kind_names(sp, lx, tables)
    for m in [m for m in sp.items if m.kind == "org"]:
        kind_word = tables.business_kind.match(sp.text, m.end)
        if not (m.text.endswith(GENERIC_COMPANY) or kind_word) or (m.label and m.label != m.text):
            continue  # "辉瑞公司研究员": a known company's name, no description
        if is_registered(m.text, lx):
            continue  # "…有限公司" is a registered name ("旗下子公司蓝海金融" is described)
        start = kind_word.end() if kind_word else m.end
        named = sp.starting_at(start)
        if named is not None and named.kind == "org" and named.value == "company":
            sp.remove(m)  # the name is known already
            continue
        guess = named if named is not None and named.start in sp.tagged else None
        if guess is not None:
            sp.remove(guess)  # "…化学品公司艾弗森化学": a company's name, not the person the model saw
        end = _described_name_end(sp, start, lx)
        first = lx.segmenter.tokens(sp.text[start:end])[:1]
        if first and (word_tag(first[0]) or "x")[0] in _FUNCTION_WORD_TAGS:
            # what follows 公司 is no name: "泰和资产管理公司的颜子杰" names a company, but in "接近公司的人士"
            # (a verb before it) 公司 is the article's company
            ref = next((w for w in ("公司", "集团") if m.text.endswith(w)), None)
            before = lx.segmenter.tokens(m.text[: -len(ref)])[:1] if ref else []
            if ref and before and (word_tag(before[0]) or "x")[0] in "vp":
                sp.remove(m)
                sp.add("cue", m.end - len(ref), m.end, "orgref")
            continue
        if 2 <= end - start <= 10 and not is_common_word(sp.text[start:end]):  # "汽车公司工作了21年"
            sp.remove(m)
            sp.add("org", start, end, "company", sp.text[start:end])
