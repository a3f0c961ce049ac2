"""Find mentions in each sentence: dates, companies, roles, persons, units, cue words.

Each sentence becomes a left-to-right list of non-overlapping :class:`Mention` s (its *items*),
which is what the relation rules in :mod:`kg.extraction.facts` read. Mentions are placed in order of
reliability: a later finder never overwrites an earlier one.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..model import Document
from . import dates as dates_mod
from .find_orgs import (
    SHORT_NAME,
    after_function_word,
    drop_inner_orgs,
    find_companies,
    find_context_orgs,
    find_headed_units,
    find_model_companies,
    find_units,
)
from .find_persons import add_person, find_persons
from .known_persons import find_known_persons, find_signature
from .lexicon import Lexicon, find_words
from .named_companies import (
    described_companies,
    drop_media,
    find_addressed_companies,
    find_announcer,
    find_item_company,
    find_joined_companies,
    find_listed_companies,
    media_names,
)
from .org_filters import board_references, drop_generic_orgs
from .org_references import GROUP, find_groups_of_registered, first_group_is_company, kind_references
from .person_repairs import add_given_names, drop_company_names, drop_unstable_names, link_glossed_names
from .segment import word_tag
from .spans import NOT_IN_NAME_TAGS, Spans, free_cjk_start, starts_word, trim_left
from .tables import find_table_cells

if TYPE_CHECKING:
    from .resources import Resources


def find_mentions(doc: Document, resources: Resources) -> Document:
    """Add the mentions of every sentence to ``doc.mentions`` (sorted by sentence, then offset)."""
    lx, tables = resources.lexicon, resources.text_tables
    known_people: dict[str, str] = {}  # surface form -> English name given in the text ("" if none)
    aliases = _declared_aliases(doc.text, lx)
    declared = [full for short, full in aliases.items() if lx.cues.get(short) == "orgref"]
    if declared:  # "X股份有限公司(以下简称"公司")", "(「本公司」)": the company the article is about
        doc.main_org = f"org:{declared[0]}"
    year_hint = doc.date.year if doc.date else _latest_year(doc.text)
    read = [sent for sent in doc.sentences if not sent.noise]
    spans_by_sentence = [Spans(sent.text, sent.index) for sent in read]
    for sp in spans_by_sentence:
        for d in dates_mod.find_dates(sp.text, doc.date, year_hint, tables):
            sp.add("date", d.start, d.end, d.value)
        find_companies(sp, lx, aliases)
        find_listed_companies(sp, lx, tables)
    # an article about a company the gazetteer knows: the names it does not know are mostly that company's
    # units and brands (抖音, TikTok); in any other article, mostly companies
    known_company = any(
        m.kind == "org" and m.label.lower() in lx.companies for sp in spans_by_sentence for m in sp.items
    )
    names = resources.tagger.entities([sent.text for sent in read])
    for sp, found in zip(spans_by_sentence, names):
        find_model_companies(sp, found, lx, doc.text if known_company else None)
        find_addressed_companies(sp, lx, tables)
        _find_roles(sp, lx)
        find_persons(sp, lx, known_people, found)
    if spans_by_sentence:
        for sp in spans_by_sentence[-_SIGN_OFF:]:  # the name, then a title or a date line
            find_signature(sp, lx, known_people)
    drop_unstable_names(spans_by_sentence, known_people, doc.text)
    organizations = {span.text for found in names for span in found if span.label == "ORG"}
    drop_company_names(spans_by_sentence, known_people, doc.text, lx, organizations)
    add_given_names(known_people, lx)
    find_table_cells(spans_by_sentence, lx, lambda sp, start, end: add_person(sp, start, end, known_people))
    # a name found in one sentence is a name in every sentence
    for sp in spans_by_sentence:
        find_known_persons(sp, known_people, lx)
        link_glossed_names(sp)
        find_units(sp, lx, tables)
        find_headed_units(sp, lx)
        _find_cues(sp, lx)
        find_context_orgs(sp, lx, tables, known_company)
    places = {span.text for found in names for span in found if span.label == "LOC"}
    media = media_names(doc.text, tables) - places  # "记者 孟繁星 上海报道": where the story was filed, no outlet
    for sp in spans_by_sentence:
        find_joined_companies(sp, lx)
        described_companies(sp, lx, tables)
        drop_media(sp, media)
    find_groups_of_registered(spans_by_sentence, lx)
    companies = {
        m.text: m.label or m.text
        for sp in spans_by_sentence
        for m in sp.items
        if m.kind == "org" and m.value == "company" and m.text not in media
    }
    long_names = [c for c in companies if len(c) > SHORT_NAME]
    for sp in spans_by_sentence:  # "美晴集团" a company in the headline is a company wherever it is named
        for m in [m for m in sp.items if m.kind == "org" and m.value != "company" and m.text in companies]:
            sp.remove(m)
            sp.add("org", m.start, m.end, "company", companies[m.text])
        for start, end in find_words(sp.text, long_names):
            drop_inner_orgs(sp, start, end)  # "出任极|衡汽车高级副总裁": a part read as a unit before a title
            if sp.free(start, end):
                sp.add("org", start, end, "company", companies[sp.text[start:end]])
    kinds = kind_references(
        Counter(
            m.label or m.text
            for sp in spans_by_sentence
            for m in sp.items
            if m.kind == "org" and m.value == "company" and m.text not in media
        ),
        lx,
    )
    for sp in spans_by_sentence:  # "由金控总经理X兼任": the kind alone names the one company of that kind
        for start, end in find_words(sp.text, kinds):
            # "金控总经理", "改由金控总经理": read as a unit before a title, or with the verb before it
            unit = sp.ending_at(end)
            if (
                unit is not None
                and unit.kind == "org"
                and (unit.value != "company" or (unit.label or unit.text) in kinds)
                and unit.start <= start
                and (unit.start == start or (word_tag(sp.text[unit.start : start]) or "x")[0] in NOT_IN_NAME_TAGS)
            ):
                sp.remove(unit)
            if (
                sp.free(start, end)
                and after_function_word(sp, start, lx)
                and (sp.starting_at(end) is not None or starts_word(sp, end, lx, ahead=2))
            ):  # "金控|总经理"
                sp.add("org", start, end, "company", kinds[sp.text[start:end]])
    known_units = {m.text: m for sp in spans_by_sentence for m in sp.items if m.kind == "org" and m.value != "company"}
    if known_units:
        for sp in spans_by_sentence:
            for start, end in find_words(sp.text, known_units):
                u = known_units[sp.text[start:end]]
                drop_inner_orgs(sp, start, end)  # "阿里云智能" holds the company name 阿里
                sp.add("org", start, end, u.value, u.label, u.parent)
    named = any(m.kind == "org" and m.value == "company" for sp in spans_by_sentence for m in sp.items)
    find_announcer(spans_by_sentence, lx, tables, described_only=named)
    for sp in spans_by_sentence:
        find_item_company(sp, lx, tables)
        drop_media(sp, media)
    people = {m.text for sp in spans_by_sentence for m in sp.items if m.kind == "person"}
    company_named, groups = False, set()
    for sp in spans_by_sentence:
        _drop_person_orgs(sp, people, lx)
        board_references(sp, lx, tables)
        drop_generic_orgs(sp, lx, tables)
        company_named = first_group_is_company(sp, company_named, lx)
        for m in [m for m in sp.items if m.kind == "org" and m.value == "unit" and m.text in groups]:
            sp.remove(m)  # the company …集团 the article opened with, named again
            sp.add("org", m.start, m.end, "company", m.label or m.text)
        groups |= {m.text for m in sp.items if m.kind == "org" and m.value == "company" and m.text.endswith(GROUP)}
        doc.mentions.extend(sorted(sp.items, key=lambda m: m.start))
    return doc


def _drop_person_orgs(sp: Spans, people: set[str], lx: Lexicon) -> None:
    """ "虚线向Tony汇报": a name the article gives a person elsewhere names no organization (unless the
    gazetteer knows it as one)."""
    for m in [m for m in sp.items if m.kind == "org" and m.text in people and m.text.lower() not in lx.companies]:
        sp.remove(m)


_SIGN_OFF = 3  # the last lines of a memo that may hold its signature


# a year, not one of birth ("1988年出生", "1972年生"): no news is dated by when someone was born; its "no digit
# before" is tested after its digits, so that the regex skips to the digits of the text (see kg.extraction.date_words)
_YEAR_MENTION = re.compile(r"((?:19[89]|20\d)\d)(?<!\d\d{4})(?!\d)(?!年(?:\d{1,2}月)?(?:出生|生人|生[,，。)）]))")


# a year named only for the results of all of it ("2023年营收约6.5亿元"): they are told the year after
_RESULTS_OF_YEAR = re.compile(r"年?(?:全年|年度)?(?:营收|营业收入|净利润|归母净利润|业绩|年报|销量|交付量|收入)")


def _latest_year(text: str) -> int | None:
    """ "9月16日" in an article that names no full date: the latest year it mentions ("2022快手电商…"), or the
    year after it where that year is named only for its results."""
    found = [(int(m.group(1)), m.end()) for m in _YEAR_MENTION.finditer(text)]
    if not found:
        return None
    latest = max(y for y, _ in found)
    past = all(_RESULTS_OF_YEAR.match(text, end) for y, end in found if y == latest)
    return latest + 1 if past else latest


# "(以下简称"X")", "(下称"X")", HK "(「本公司」)", TW "(簡稱台宏銀)" (the short form is the second group)
_DECLARED_ALIAS = re.compile(
    r"((?:[^\s,，。(（)）]|[(（][^)）(（\s]{1,6}[)）]){2,40}?)[(（](?:(?:以下简称|下称|简称)?[:：]?[“\"「]([^”\"」]{1,20})[”\"」]"
    r"|(?:以下简称|下称|简称)[:：]?([^“”\"「」()（）,，]{1,12})[)）])"
)


def _declared_aliases(text: str, lx: Lexicon) -> dict[str, str]:
    """ "宁德时代新能源科技股份有限公司(以下简称"宁德时代")": short form -> full name."""
    out: dict[str, str] = {}
    if not any(w in text for w in ("简称", "下称", "「")):  # the regex below is slow to fail on a long text
        return out
    for m in _DECLARED_ALIAS.finditer(text):
        short = m.group(2) or m.group(3)
        if not lx.honorific_re.search(short):  # "黎嘉明先生(「黎先生」)" defines a person's short form
            start = trim_left(text, m.start(1), m.end(1), lx, registered=True)  # "一份澜舟汽车(下称…)"
            out.setdefault(short, text[start : m.end(1)])
    return out


def _find_roles(sp: Spans, lx: Lexicon) -> None:
    # "委员包括": the members cue, not the title 委员
    for start, end in sp.cue_matches(lx):
        if lx.cues[sp.text[start:end].lower()] == "members":
            sp.add("cue", start, end, "members")
    for start, end in lx.roles_matcher.finditer(sp.text):
        form = sp.text[start:end]
        suffix = lx.suffix_re.match(sp.text, start)
        if suffix and len(suffix.group()) > len(form):
            continue  # 委员 in 委员会
        # "用户运营负责人": the functional area belongs to the title (but "消费者业务CEO" names a unit)
        for n in lx.qualifier_lengths if not form.isascii() else ():  # longest first
            if n <= start and sp.text[start - n : start] in lx.qualifiers and sp.free(start - n, start):
                start -= n
                break
        role = lx.role_by_form[form.lower()]
        if role in lx.outside_roles:  # "粤信证券|新能源首席分析师": the sector covered (a word) is part of the title
            lo = free_cjk_start(sp, start, _SECTOR)
            sector = lx.segmenter.tokens(sp.text[lo:start])[-1] if lo < start else ""
            if not lx.suffix_re.fullmatch(sector):  # "东海|银行|首席经济学家": a kind of company is no sector
                start -= len(sector)
        note = lx.title_note_re.match(sp.text, end)  # "副总经理(主持工作)": the note is part of the title
        sp.add("role", start, note.end() if note else end, role, sp.text[start : note.end() if note else end])


_SECTOR = 6  # the longest sector before an analyst's title ("新能源汽车")


def _standalone(text: str, start: int, end: int, sp: Spans, lx: Lexicon) -> bool:
    """jieba puts word boundaries at ``start`` and ``end`` (the characters form no word with their
    neighbours); a mention just before or after is a boundary of its own ("蔡崇信任": 信 belongs to the name)."""
    after_mention = sp.ending_at(start) is not None
    if after_mention and sp.starting_at(end) is not None:
        return True  # "张勇任CEO": mentions on both sides are both boundaries, nothing to segment
    lo = start if after_mention else max(0, start - 3)
    if lx.segmenter.cuts_at(text, start, lo):
        if lx.segmenter.cuts_at(text, end, start):
            return True  # no word goes over either side: nothing to segment
        # jieba cuts at start whatever comes before (it scores a window right to left): the words from there
        # on are those of the window that begins there, a shorter one
        lo = start
    pos, bounds = lo, {lo}
    for tok in lx.segmenter.tokens(text[lo : end + 3]):
        pos += len(tok)
        bounds.add(pos)
    # "分别为何宇航": a mention just after is a boundary too (为何 is a word, but 何 starts the name)
    return start in bounds and (end in bounds or sp.starting_at(end) is not None)


def _find_cues(sp: Spans, lx: Lexicon) -> None:
    text = sp.text
    for start, end in sp.cue_matches(lx):
        tag = lx.cues[text[start:end].lower()]
        if tag == "notcue" or not sp.free(start, end):
            continue  # a place a mention holds: nothing to add, no window to segment
        if end - start == 1 and tag != "self" and not _standalone(text, start, end, sp, lx):
            continue  # 原 in 原因, 任 in 任何 or 新任
        sp.add("cue", start, end, tag)
