"""Find mentions in each sentence: dates, companies, roles, persons, units, cue words.

Each sentence becomes a left-to-right list of non-overlapping :class:`Mention` s (its *items*),
which is what the relation rules in :mod:`kg.facts` read. Mentions are placed in order of
reliability: a later finder never overwrites an earlier one.
"""
from __future__ import annotations

import re
from collections import Counter

from . import dates as dates_mod, ner
from .document import Document, Mention, MentionKind
from .errors import KgError
from .lexicon import Lexicon, cue_pattern, find_words, load
from .resolve import unit_core
from .segment import hmm_tokens, is_common_word, tokens, word_tag
from .text import compile_rows, load_table

CJK = "\u4e00-\u9fff"
_CJK_RUN = re.compile(f"[{CJK}]+")
_LATIN_NAME = re.compile(r"\(\s*([A-Z][A-Za-z\.\-']*(?:\s+[A-Z][A-Za-z\.\-']*){0,3})\s*\)")
_FOREIGN_NAME = re.compile(f"[{CJK}]{{1,6}}(?:[·•\\-][{CJK}]{{1,6}})+")
_QUOTED = re.compile(r"[“\"「]([^”\"」,，。;:]{2,12})[”\"」]")
_LATIN_UNIT = re.compile(r"(?:部门|团队|业务|平台)\s*([A-Z][A-Za-z0-9]+)")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\.&\-]*(?:\s[A-Z][A-Za-z0-9]*)*")
_LIST_SEP = re.compile(r"[、,]|和|及")


def _rows(kind: str) -> re.Pattern[str]:
    """The patterns of ``kind`` in kg/data/org_prefixes.tsv, of which the finders below need at least one."""
    pattern = compile_rows("org_prefixes.tsv", kind)
    if pattern is None:
        raise KgError(f"kg/data/org_prefixes.tsv: no {kind!r} row")
    return pattern


_TERM = _rows("term")  # "第三届": which term of a board, not which board
_SALUTATION = _rows("salutation")  # "各位鲸帆人:"
_ITEM_LEAD = re.compile(r"[\s\-·•*]*(?:\d{1,2}[.、)]|[一二三四五六七八九十]{1,3}、|\(\d{1,2}\))?\s*")  # "4. ", "三、"
_MAX_ITEM_NAME = 10
_MEDIA = [re.compile(row[1]) for row in load_table("org_prefixes.tsv") if row[0] == "media"]
_COUNT = _rows("count")  # "三大": a number of units
_UNPLACED_CUES = frozenset({"notcue"})  # cue classes that are never placed as mentions
_COUNTED_BEFORE = re.compile(f"(?:{_COUNT.pattern})$")
_DESCRIBED_BY = _rows("kind")  # "品牌": the organization before it describes the company named after it
_HEADER_LABEL = _rows("label")  # "证券代码": a label of an announcement's header
_INDEFINITE = _rows("indefinite")  # "一家": some organization, not a named one
_LATIN_BEFORE_NAME = re.compile(f"(?<![A-Za-z])([A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}) ?\\(([{CJK}]{{2,4}})\\)")
_MODEL_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2}")
_JOINED_NAME = re.compile(f"(?:^|[\\s,，:：;；、和及]|成立|设立|组建|新设立|新设|新成立)([{CJK}A-Za-z]{{1,3}}与)$")
_LIST_LEAD = re.compile(r"(?:并且|并|同时|另|以及)?(?:任命|聘任|选举|聘请|委任)?")
_ORGREF_BEFORE = re.compile(r"(?:本集团|本公司|集团|公司|本行)$")
# the noun after a list of units: "…、大文娱六大业务集团", "…、1688等业务"; the list is read backwards from it
# (a numeral run is entered at its first character only: tried from every start, a long run of digits
# is rescanned from each one, quadratic time; the leftmost match starts there anyway)
_LIST_NOUN = re.compile(r"(?:等)?(?<![一二三四五六七八九十两\d])[一二三四五六七八九十两\d]+[大个]"
                        r"(业务集团|业务板块|事业群|事业部|板块|子公司|部门|业务单元)"
                        r"|等(业务|品牌|平台)")
_LIST_ITEM_BEFORE = re.compile(r"(、?)([^、,，:：;；。()（）]{2,12})$")
_MAX_LIST = 30  # items read back from the noun: bounded, so a giant list costs linear time


class _Spans:
    """The items of one sentence under construction: non-overlapping spans."""

    def __init__(self, text: str, index: int):
        self.text, self.index = text, index
        self.items: list[Mention] = []
        self.taken = bytearray(len(text))
        self._cues: list[tuple[int, int]] | None = None
        self.tagged: set[int] = set()  # starts of the persons only the statistical model vouches for
        self._by_start: dict[int, Mention] = {}
        self._by_end: dict[int, Mention] = {}

    def free(self, start: int, end: int) -> bool:
        return 0 <= start < end <= len(self.text) and self.taken.find(1, start, end) < 0

    def add(self, kind: MentionKind, start: int, end: int, value: str = "", label: str = "", parent: str = "") -> bool:
        if not self.free(start, end):
            return False
        m = Mention(kind, self.text[start:end], self.index, start, end, value, label, parent)
        self.items.append(m)
        self._by_start[start], self._by_end[end] = m, m
        self.taken[start:end] = b"\x01" * (end - start)
        return True

    def remove(self, m: Mention) -> None:
        self.items.remove(m)
        self._by_start.pop(m.start, None)
        self._by_end.pop(m.end, None)
        self.taken[m.start:m.end] = bytes(m.end - m.start)

    def cue_matches(self, lx: Lexicon) -> list[tuple[int, int]]:
        if self._cues is None:
            self._cues = list(lx.cues_matcher.finditer(self.text))
        return self._cues

    def ending_at(self, pos: int) -> Mention | None:
        return self._by_end.get(pos)

    def starting_at(self, pos: int) -> Mention | None:
        return self._by_start.get(pos)


def find_mentions(doc: Document) -> Document:
    """Add the mentions of every sentence to ``doc.mentions`` (sorted by sentence, then offset)."""
    lx = load()
    known_people: dict[str, str] = {}  # surface form -> English name given in the text ("" if none)
    aliases = _declared_aliases(doc.text, lx)
    declared = [full for short, full in aliases.items() if lx.cues.get(short) == "orgref"]
    if declared:  # "X股份有限公司(以下简称"公司")", "(「本公司」)": the company the article is about
        doc.main_org = f"org:{declared[0]}"
    year_hint = doc.date.year if doc.date else _latest_year(doc.text)
    read = [sent for sent in doc.sentences if not sent.noise]
    spans_by_sentence = [_Spans(sent.text, sent.index) for sent in read]
    for sp in spans_by_sentence:
        for d in dates_mod.find_dates(sp.text, doc.date, year_hint):
            sp.add("date", d.start, d.end, d.value)
        _find_companies(sp, lx, aliases)
    # an article about a company the gazetteer knows: the names it does not know are mostly that company's
    # units and brands (抖音, TikTok); in any other article, mostly companies
    known_company = any(m.kind == "org" and m.label.lower() in lx.companies for sp in spans_by_sentence
                        for m in sp.items)
    names = ner.tagger().entities([sent.text for sent in read])
    for sp, found in zip(spans_by_sentence, names):
        _find_model_companies(sp, found, lx, doc.text if known_company else None)
        _find_addressed_companies(sp, lx)
        _find_roles(sp, lx)
        _find_persons(sp, lx, known_people, found)
    if spans_by_sentence:
        _find_signature(spans_by_sentence[-1], lx, known_people)
    _drop_unstable_names(spans_by_sentence, known_people, doc.text)
    organizations = {span.text for found in names for span in found if span.label == "ORG"}
    _drop_company_names(spans_by_sentence, known_people, doc.text, lx, organizations)
    _add_given_names(known_people, lx)
    # a name found in one sentence is a name in every sentence
    for sp in spans_by_sentence:
        _find_known_persons(sp, known_people, lx)
        _find_units(sp, lx)
        _find_cues(sp, lx)
        _find_context_orgs(sp, lx, known_company)
    media = _media_names(doc.text)
    for sp in spans_by_sentence:
        _find_joined_companies(sp, lx)
        _described_companies(sp, lx)
        _drop_media(sp, media)
    companies = {m.text: m.label or m.text for sp in spans_by_sentence for m in sp.items
                 if m.kind == "org" and m.value == "company" and m.text not in media}
    for sp in spans_by_sentence:  # "美晴集团" a company in the headline is a company wherever it is named
        for m in [m for m in sp.items if m.kind == "org" and m.value != "company" and m.text in companies]:
            sp.remove(m)
            sp.add("org", m.start, m.end, "company", companies[m.text])
        for start, end in find_words(sp.text, [c for c in companies if len(c) > _SHORT_NAME]):
            if sp.free(start, end):
                sp.add("org", start, end, "company", companies[sp.text[start:end]])
    kinds = _kind_references(Counter(m.label or m.text for sp in spans_by_sentence for m in sp.items
                                     if m.kind == "org" and m.value == "company" and m.text not in media), lx)
    for sp in spans_by_sentence:  # "由金控总经理X兼任": the kind alone names the one company of that kind
        for start, end in find_words(sp.text, kinds):
            unit = sp.starting_at(start)  # "金控总经理": read as a unit before a title
            if unit is not None and unit.kind == "org" and unit.end == end and unit.value != "company":
                sp.remove(unit)
            if sp.free(start, end) and _after_function_word(sp, start, lx) and (
                    sp.starting_at(end) is not None or _starts_word(sp, end, ahead=2)):  # "金控|总经理"
                sp.add("org", start, end, "company", kinds[sp.text[start:end]])
    known_units = {m.text: m for sp in spans_by_sentence for m in sp.items if m.kind == "org" and m.value != "company"}
    if known_units:
        for sp in spans_by_sentence:
            for start, end in find_words(sp.text, known_units):
                u = known_units[sp.text[start:end]]
                _drop_inner_orgs(sp, start, end)  # "阿里云智能" holds the company name 阿里
                sp.add("org", start, end, u.value, u.label, u.parent)
    if not any(m.kind == "org" and m.value == "company" for sp in spans_by_sentence for m in sp.items):
        _find_announcer(spans_by_sentence, lx)
    for sp in spans_by_sentence:
        _find_item_company(sp, lx)
        _drop_media(sp, media)
    people = {m.text for sp in spans_by_sentence for m in sp.items if m.kind == "person"}
    company_named = False
    for sp in spans_by_sentence:
        _drop_person_orgs(sp, people, lx)
        _board_references(sp, lx)
        _drop_generic_orgs(sp, lx)
        company_named = _first_group_is_company(sp, company_named, lx)
        doc.mentions.extend(sorted(sp.items, key=lambda m: m.start))
    return doc


def _drop_person_orgs(sp: _Spans, people: set[str], lx: Lexicon) -> None:
    """"虚线向Tony汇报": a name the article gives a person elsewhere names no organization (unless the
    gazetteer knows it as one)."""
    for m in [m for m in sp.items if m.kind == "org" and m.text in people and m.text.lower() not in lx.companies]:
        sp.remove(m)


def _latest_year(text: str) -> int | None:
    """"9月16日" in an article that names no full date: the latest year it mentions ("2022快手电商…")."""
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19[89]|20\d)\d)(?!\d)", text)]
    return max(years) if years else None


def _declared_aliases(text: str, lx: Lexicon) -> dict[str, str]:
    """"宁德时代新能源科技股份有限公司(以下简称"宁德时代")": short form -> full name."""
    out: dict[str, str] = {}
    if "简称" not in text and "「" not in text:  # the regex below is slow to fail on a long text
        return out
    # "(以下简称"X")", "(下称"X")", HK "(「本公司」)"
    for m in re.finditer(r"([^\s,，。(（]{2,40}?)[(（](?:以下简称|下称|简称)?[:：]?[“\"「]([^”\"」]{1,20})[”\"」]",
                         text):
        if not lx.honorific_re.search(m.group(2)):  # "黎嘉明先生(「黎先生」)" defines a person's short form
            out.setdefault(m.group(2), m.group(1))
    return out


def _find_companies(sp: _Spans, lx: Lexicon, aliases: dict[str, str]) -> None:
    for start, end in lx.companies_matcher.finditer(sp.text):
        if end - start <= 2 and (_inside_word(sp.text, start, end) or _inside_title(sp.text, start, end, lx)):
            continue  # "增长和", "董事长和CEO" name no 长和
        sp.add("org", start, end, "company", lx.companies[sp.text[start:end].lower()].name)
    for short, full in aliases.items():
        if short in lx.cues:  # "公司", "本行": references to the company, not names
            continue
        for m in re.finditer(re.escape(short), sp.text):
            sp.add("org", m.start(), m.end(), "company", full)
    # "惠邻超市(集团)有限公司": a short parenthesis belongs to a registered name
    for m in re.finditer(r"(?:[^\s,，。:：;；、(（“\"]|[(（][^)）(（\s]{1,6}[)）]){2,30}?"
                         r"(?:股份有限公司|有限责任公司|有限公司)", sp.text):
        start = _trim_left(sp.text, m.start(), m.end() - 4, lx, registered=True)
        sp.add("org", start, m.end(), "company", sp.text[start:m.end()])


def _find_model_companies(sp: _Spans, found: list[ner.Span], lx: Lexicon, article: str | None = None) -> None:
    """The organizations the model tagged that no suffix marks ("蓝海科技宣布…"): companies, read up to
    the first title or cue word inside the span ("蓝海科技总裁", "蓝海科技旗下子公司")."""
    for span in found:
        if span.label != "ORG" or (span.text.isascii() and span.start > 0 and sp.text[span.start - 1] in "(（"):
            continue  # "游文龙(Eric Yu)", "曼德斯集团(Mandes)": the English form of the name before it
        start, end = span.start, span.start
        for tok in tokens(span.text):
            if tok.lower() in lx.role_by_form or tok in lx.cues or tok in lx.boundaries or lx.suffix_re.fullmatch(tok):
                break
            end += len(tok)
        if end == span.end and end - start <= _SHORT_NAME:
            end = _name_end(sp, end, lx, words=1, nouns=True)  # the model often stops short: "芯澜|半导体CTO"
        name = sp.text[start:end]
        if article is not None and article.count(name) < _OFTEN_NAMED:
            continue  # in an article about a company the gazetteer knows, another must be named often
        if len(name) < 2 or not sp.free(start, end) or lx.suffix_re.match(sp.text, end) \
                or any(name.endswith(x) for x in lx.suffixes) \
                or not _starts_word(sp, end) or is_common_word(name):
            continue  # a unit ("战略投资部") is read by its suffix; "云计|算" ends inside a word
        sp.add("org", start, end, "company", name)


def _find_announcer(spans: list[_Spans], lx: Lexicon) -> None:
    """An article that names no company by suffix, gazetteer or model: who announces the change at the
    start of a sentence ("华岳重工今日发布…", "经星河研究决定" is not one) is the company."""
    announce = cue_pattern("announce")
    for sp in spans:
        for m in announce.finditer(sp.text):
            start = _free_cjk_start(sp, m.start())
            if start > 0 and sp.text[start - 1] not in ",，:：。 \n":
                continue  # the name must begin the clause
            end = _name_end(sp, start, lx, limit=m.start() - start)
            if end - start >= 2 and not is_common_word(sp.text[start:end]):
                sp.add("org", start, end, "company", sp.text[start:end])
                return


def _free_cjk_start(sp: _Spans, pos: int, limit: int | None = None) -> int:
    """Where the run of Chinese characters no mention holds, ending at ``pos``, begins (at most ``limit`` back)."""
    start = pos
    while start > 0 and _CJK_RUN.fullmatch(sp.text[start - 1]) and sp.free(start - 1, start) \
            and (limit is None or pos - start < limit):
        start -= 1
    return start


def _find_item_company(sp: _Spans, lx: Lexicon) -> None:
    """"4. 科睿教育:成立AI学习事业部", "科睿教育宣布成立…": a name that begins a sentence and announces, or
    heads an item before a colon, is a company (the items of a round-up)."""
    lead = _ITEM_LEAD.match(sp.text)
    start = lead.end() if lead else 0
    head = sp.text[start:start + _MAX_ITEM_NAME + 4]
    if ":" not in head and "：" not in head and not cue_pattern("announce").search(head):
        return  # most sentences: nothing to read, and no tokenizing to pay for
    end = _name_end(sp, start, lx, limit=_MAX_ITEM_NAME)
    name = sp.text[start:end]
    if len(name) < 2 or not _CJK_RUN.fullmatch(name) or is_common_word(name) or not sp.free(start, end):
        return
    after = sp.text[end:end + 4]
    if after[:1] in ":：" or cue_pattern("announce").match(after):
        sp.add("org", start, end, "company", name)


def _media_names(text: str) -> set[str]:
    """The news outlets the article quotes as its source ("36氪获悉", "据界面新闻报道", "对36氪表示")."""
    return {m.group(1) for pattern in _MEDIA for m in pattern.finditer(text)}


def _drop_media(sp: _Spans, media: set[str]) -> None:
    """A news outlet reports the story; it is nobody's employer in it (a byline's source is no company)."""
    for m in [m for m in sp.items if m.kind == "org" and m.value == "company" and m.text in media]:
        sp.remove(m)


def _find_joined_companies(sp: _Spans, lx: Lexicon) -> None:
    """"加盟北辰微电子出任CEO": the name after a verb of joining is a company."""
    for m in cue_pattern("join").finditer(sp.text):
        end = _name_end(sp, m.end(), lx, limit=_MAX_ITEM_NAME)
        name = sp.text[m.end():end]
        if len(name) >= 2 and _CJK_RUN.fullmatch(name) and not is_common_word(name):
            sp.add("org", m.end(), end, "company", name)


def _find_addressed_companies(sp: _Spans, lx: Lexicon) -> None:
    """A memo names its company where it addresses the staff: "昕途汽车全体员工", "各位鲸帆人:"."""
    for m in _SALUTATION.finditer(sp.text):
        if sp.free(m.start(1), m.end(1)) and not is_common_word(m.group(1)):
            sp.add("org", m.start(1), m.end(1), "company", m.group(1))
    for m in cue_pattern("staff").finditer(sp.text):
        start = _trim_left(sp.text, _free_cjk_start(sp, m.start(), limit=10), m.start(), lx)
        if m.start() - start >= 2 and not is_common_word(sp.text[start:m.start()]):
            sp.add("org", start, m.start(), "company", sp.text[start:m.start()])


def _inside_title(text: str, start: int, end: int, lx: Lexicon) -> bool:
    """A title overlaps the span ("董事长和": 长 ends 董事长)."""
    lo = max(0, start - _LONGEST_TITLE)
    return any(s < start < e or s < end < e for s, e in ((lo + a, lo + b) for a, b in
                                                           lx.roles_matcher.finditer(text[lo:end + _LONGEST_TITLE])))


def _inside_word(text: str, start: int, end: int) -> bool:
    """The first character joins the one before into a word ("增长和" holds no 长和)."""
    return start > 0 and is_common_word(text[start - 1:start + 1])


def _find_roles(sp: _Spans, lx: Lexicon) -> None:
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
        for q in sorted(lx.qualifiers, key=len, reverse=True) if not form.isascii() else ():
            if sp.text.endswith(q, 0, start) and sp.free(start - len(q), start):
                start -= len(q)
                break
        sp.add("role", start, end, lx.role_by_form[form.lower()], sp.text[start:end])


def _name_ends_ok(text: str, end: int, sp: _Spans, lx: Lexicon, strict: bool = False) -> bool:
    """Can a name end at ``end``? ``strict``: only where a cue word or a title follows."""
    if end >= len(text):
        return not strict
    ch = text[end]
    if not ("\u4e00" <= ch <= "\u9fff"):
        return not strict or ch in "(（"  # punctuation, Latin, digits; "黄铮(Colin Huang)"
    following = sp.starting_at(end)
    if following is not None:
        return following.kind == "role" or not strict
    follower = lx.follower_re.match(text, end)
    return follower is not None and (not strict or follower.group() not in _WEAK_FOLLOWERS)


# function words that may follow a name but also follow ordinary words ("商家来的", "程度上")
_WEAK_FOLLOWERS = frozenset("的和与及等均都则也还已于在是为")


def _name_chars_ok(cand: str) -> bool:
    return not any(c in load().not_in_names for c in cand[1:])


def _person_at(text: str, i: int, sp: _Spans, lx: Lexicon, after_title: bool) -> int:
    """Length of a personal name starting at ``i`` (0 if none)."""
    if i >= len(text):
        return 0
    surname_len = 2 if text[i:i + 2] in lx.surnames else (1 if text[i] in lx.surnames else 0)
    if not surname_len and (not after_title or text[i] in lx.not_in_names or lx.cue_re.match(text, i)):
        return 0
    lengths: tuple[int, ...] = (surname_len + 2, surname_len + 1) if surname_len else (3, 2)
    short = lengths[1]
    follower = lx.follower_re.match(text, i + short)
    if follower and len(follower.group()) >= 2 and sp.free(i, i + short):
        lengths = (short,)  # "叶恒认为": 认为 follows a two-character name
    for n in lengths:
        cand = text[i:i + n]
        if len(cand) != n or not _CJK_RUN.fullmatch(cand) or not sp.free(i, i + n):
            continue
        if is_common_word(cand) or cand in lx.suffixes or any(cand.endswith(x) for x in lx.suffixes if len(x) > 1) \
                or not (_name_chars_ok(cand) or _LATIN_NAME.match(text, i + n)):
            continue  # "穆荣均(Mu Rongjun)": the English name vouches for the last character
        if n == 3 and (is_common_word(cand[:2]) or _joins_function_word(text, i + n)):
            continue  # "国际站", "高级副": a word, then one more character; "姜涛以及": 以 begins 以及
        if _name_ends_ok(text, i + n, sp, lx, strict=not after_title):
            return n
    if after_title:
        # no cue after the name: let jieba's HMM find where it ends ("前CEO苏华告诉")
        first = hmm_tokens(text[i:i + 6])[0]
        if 2 <= len(first) <= 3 and _CJK_RUN.fullmatch(first) and sp.free(i, i + len(first)) \
                and _name_chars_ok(first) and not is_common_word(first) and (surname_len or len(first) == 2):
            return len(first)
    return 0


def _joins_function_word(text: str, end: int) -> bool:
    """The character before ``end`` and the one at it make a function word ("以及", "并且"): a name
    cannot end inside it."""
    return (word_tag(text[end - 1:end + 1]) or "x")[0] in _FUNCTION_TAGS


def _find_persons(sp: _Spans, lx: Lexicon, known: dict[str, str], tagged: list[ner.Span]) -> None:
    text = sp.text
    _find_addressed(sp, lx, known)
    for m in _FOREIGN_NAME.finditer(text):
        # the match may start inside a title ("执行副总裁卢卡·罗西"): keep its free right-hand part
        separator = re.search(r"[·•\-]", m.group())
        assert separator is not None, "_FOREIGN_NAME matches a separator"
        dot = separator.start() + m.start()
        first = max(m.start(), dot - 4)  # a transliterated given name is short …
        cut = max((k + 1 for k in range(first, dot) if text[k] in lx.not_in_names or text[k] in "由向"), default=first)
        start = next((s for s in range(cut, dot) if sp.free(s, m.end())), None)  # … and follows any title
        tagged_here = next((t for t in tagged if t.label == "PER" and t.end == m.end() and t.start > (start or 0)
                            and sp.free(t.start, t.end)), None)
        if tagged_here is not None:
            start = tagged_here.start  # "任命凯文·梅耶尔": the model knows where the name begins
        if start is not None and _name_ends_ok(text, m.end(), sp, lx):
            _add_person(sp, start, m.end(), known)
    # names right after a title: "CEO程一晓", "负责人小谷"
    for role in [m for m in sp.items if m.kind == "role"]:
        # "总裁为谭待", "负责人是严授"
        pos = role.end + 1 if text[role.end:role.end + 1] in ("为", "是") else role.end
        company = sp.starting_at(pos + 1)
        if company is not None and company.kind == "org" and text[pos:pos + 1] in lx.surnames \
                and company.end - pos <= 3 and sp.free(pos, pos + 1) and _name_ends_ok(text, company.end, sp, lx):
            # "CEO何小鹏": a surname and a company's short name (小鹏) make a personal name
            sp.remove(company)
        n = _person_at(text, pos, sp, lx, after_title=True)
        if n:
            _add_person(sp, pos, pos + n, known)
    _find_model_persons(sp, tagged, lx, known)  # after titles, whose names end where a cue begins
    # lists of members: "委员包括程一晓、刘峰、唐玉玉"
    for m in re.finditer(r"(?:成员|委员)(?:包括|为)|由(?=[^,。]*组成)", text):
        _add_list(sp, m.end(), lx, known)
    # "任命张利东为", "选举葛海蛟先生为", and the next ones in the list: "…,李津为混合云事业部总裁"
    nominate = cue_pattern("nominate").search(text)
    for m in re.finditer(r"(?:任命|聘任|选举|聘请|委任|[,，;；](?:任命|聘任|选举|聘请|委任)?)"
                         r"([^\s,，。为]{2,6}?)(?:先生|女士)?为", text):
        if not nominate or m.start() < nominate.start():
            continue
        lead = _LIST_LEAD.match(m.group(1))  # ",并聘任李静仁先生为": 并聘任 is no part of the name
        start = m.start(1) + (lead.end() if lead else 0)
        name = text[start:m.end(1)]
        if 2 <= len(name) <= 4 and _CJK_RUN.fullmatch(name) and not is_common_word(name) and sp.free(start, m.end(1)):
            _add_person(sp, start, m.end(1), known)
    # anywhere: surname + one or two characters where a name can end
    for found in lx.surname_re.finditer(text):
        i, ch = found.start(), found.group()
        if ch in lx.cues and text[i + 1:i + 2] in lx.surnames:
            continue  # "向徐雷汇报": 向 is the preposition, 徐 the surname
        if sp.free(i, i + 2) and (i == 0 or not _in_word(text, i)):
            n = _person_at(text, i, sp, lx, after_title=False)
            before, after = sp.ending_at(i), sp.starting_at(i + n)
            if n and before is not None and before.kind == "org" and after is not None and after.kind == "role":
                continue  # "阿里云智能总裁": company + name + title is a unit, not a person
            if n:
                _add_person(sp, i, i + n, known)


def _title_follows(sp: _Spans, pos: int, lx: Lexicon) -> bool:
    """A title begins at ``pos`` ("抖音|总裁"): a name before a title is a unit's or a brand's, as a person's
    title comes before the name."""
    title = next(lx.roles_matcher.finditer(sp.text[pos:pos + _LONGEST_TITLE]), None)
    return title is not None and title[0] == 0


def _ends_in_noun(name: str) -> bool:
    """"科睿教育", "瑞峰医疗": a name that ends in a common noun (an industry) is a company's, not a person's."""
    return len(name) >= 3 and (word_tag(name[-2:]) or "nr")[:2] in ("n", "vn", "nz")


def _find_addressed(sp: _Spans, lx: Lexicon, known: dict[str, str]) -> None:
    """"董事长高国和先生", "收到易会满先生的辞呈": a surname and one or two characters right before a form of
    address are a name, whatever word the last character could start ("和", "满")."""
    for m in lx.honorific_re.finditer(sp.text):
        for n in (3, 2):
            s = m.start() - n
            cand = sp.text[s:m.start()]
            if s < 0 or not _CJK_RUN.fullmatch(cand) or cand[0] not in lx.surnames or not sp.free(s, m.start()):
                continue
            if is_common_word(cand) or not _starts_word(sp, s):
                continue
            _add_person(sp, s, m.start(), known)
            break


def _starts_word(sp: _Spans, pos: int, ahead: int = 1) -> bool:
    """A word can start at ``pos``: the text or a mention ends there, or jieba puts a boundary there
    (segmenting ``ahead`` characters past it)."""
    if pos == 0 or not _CJK_RUN.fullmatch(sp.text[pos - 1]) or sp.ending_at(pos) is not None:
        return True
    lo = max(0, pos - 4)
    bounds, at = set(), lo
    for tok in tokens(sp.text[lo:pos + ahead]):
        at += len(tok)
        bounds.add(at)
    return pos in bounds


def _find_model_persons(sp: _Spans, found: list[ner.Span], lx: Lexicon, known: dict[str, str]) -> None:
    """The persons the statistical model tagged, where the lexicons placed nothing yet."""
    for span in found:
        if span.label != "PER":
            continue
        start, end = span.start, span.end
        m = lx.honorific_re.search(span.text)
        if m and m.end() == len(span.text):
            end -= len(m.group())
        if end - start == 3 and _joins_function_word(sp.text, end):
            end -= 1  # "姜涛以|及": the model took the first character of 以及
        name = sp.text[start:end]
        if _CJK_RUN.fullmatch(name):
            if not 2 <= len(name) <= 4 or is_common_word(name) or name in lx.cues or _ends_in_noun(name) \
                    or name in lx.suffixes or (not (name[0] in lx.surnames or name[:2] in lx.surnames)
                                               and _title_follows(sp, end, lx)):
                continue  # "金控": a kind of company; "抖音总裁": no surname and a title after it, a brand
        elif not (_FOREIGN_NAME.fullmatch(name) or _MODEL_LATIN_NAME.fullmatch(name)) \
                or (start > 0 and sp.text[start - 1] in "(（"):
            continue  # "梁汝波(Rubo Liang)": the English form of the name before, linked to it later
        if sp.free(start, end):
            sp.tagged.add(start)
            _add_person(sp, start, end, known)


def _in_word(text: str, i: int) -> bool:
    """The character before ``i`` and ``text[i]`` make a dictionary word (so ``i`` starts no name)."""
    return is_common_word(text[i - 1:i + 1])


def _add_list(sp: _Spans, pos: int, lx: Lexicon, known: dict[str, str]) -> None:
    text = sp.text
    end = len(text)
    m = re.compile(r"[。;；]|组成").search(text, pos)
    if m:
        end = m.start()
    for item in re.finditer(r"[^、,，和及]+", text[pos:end]):
        s, e = pos + item.start(), pos + item.end()
        raw = text[s:e]
        core = re.sub(r"[(（][^)）]*[)）]", "", raw)
        honorific = lx.honorific_re.search(core)
        core = (core[:honorific.start()] if honorific and honorific.end() == len(core) else core).strip()
        if 2 <= len(core) <= 12 and (_CJK_RUN.fullmatch(core) or _FOREIGN_NAME.fullmatch(core)):
            if len(core) <= 4 or _FOREIGN_NAME.fullmatch(core):
                start = s + raw.index(core)
                _add_person(sp, start, start + len(core), known)


def _add_person(sp: _Spans, start: int, end: int, known: dict[str, str]) -> None:
    if sp.add("person", start, end):
        eng = _LATIN_NAME.match(sp.text, end)
        known.setdefault(sp.text[start:end], "")
        if eng:
            known[sp.text[start:end]] = eng.group(1)


def _find_signature(sp: _Spans, lx: Lexicon, known: dict[str, str]) -> None:
    """A memo signed with a name alone on its last line ("——张一鸣", "一鸣")."""
    m = re.fullmatch(f"[—\\-―\\s]*([{CJK}]{{2,4}})\\s*", sp.text)
    if m and not is_common_word(m.group(1)) and (m.group(1)[0] in lx.surnames or any(
            k.endswith(m.group(1)) for k in known)):
        _add_person(sp, m.start(1), m.end(1), known)


def _drop_company_names(spans: list[_Spans], known: dict[str, str], text: str, lx: Lexicon,
                        organizations: set[str]) -> None:
    """"美晴股价…" and "美晴集团" in one article: a name only the model took for a person, which the article
    also writes before a company's suffix, or which the model takes for an organization elsewhere
    (抖音), is the company's name."""
    tagged = {m.text for sp in spans for m in sp.items if m.kind == "person" and m.start in sp.tagged}
    vouched = {m.text for sp in spans for m in sp.items if m.kind == "person" and m.start not in sp.tagged}
    company_suffixes = [x for x, (kind, _) in lx.suffixes.items() if kind == "company"]
    for name in tagged - vouched:
        if name in organizations or any(name + x in text for x in company_suffixes) \
                or _names_a_company(name, text, company_suffixes):
            known.pop(name, None)
            _replace_person(spans, name, 0)


def _names_a_company(name: str, text: str, suffixes: list[str]) -> bool:
    """"锦澜酒店集团": the name, a trade (nouns only) and a company's suffix ("张三出任京东集团" is no such)."""
    for m in re.finditer(re.escape(name) + f"([{CJK}]{{1,4}}?)(?:{'|'.join(map(re.escape, suffixes))})", text):
        trade = tokens(m.group(1))
        if all((word_tag(t) or "x")[0] == "n" and len(t) > 1 for t in trade):
            return True
    return False


def _replace_person(spans: list[_Spans], name: str, keep: int) -> None:
    """Every person mention written ``name`` becomes its first ``keep`` characters (none: it goes)."""
    for sp in spans:
        for m in [m for m in sp.items if m.kind == "person" and m.text == name]:
            sp.remove(m)
            if keep:
                sp.add("person", m.start, m.start + keep)


def _drop_unstable_names(spans: list[_Spans], known: dict[str, str], text: str) -> None:
    """"范宁突辞任" once, "范宁" four times: a name is what stays the same wherever the article writes it,
    so a third character that follows it only now and then (an adverb, a verb) is no part of it."""
    for name in [n for n in known if len(n) == 3 and _CJK_RUN.fullmatch(n)]:
        prefix = name[:2]
        # occurrences of the first two characters that no known name continues (蒋文春 and 蒋文格 are two people)
        alone = sum(1 for m in re.finditer(re.escape(prefix), text) if text[m.start():m.start() + 3] not in known)
        if alone >= text.count(name):
            english = known.pop(name)
            known.setdefault(name[:2], english)
            _replace_person(spans, name, 2)


def _add_given_names(known: dict[str, str], lx: Lexicon) -> None:
    """"汝波", "利东": the given name of a three-character name found in the text names the same person."""
    for name in list(known):
        if "·" in name:  # "埃克拉先生": the family name of 让-路易·埃克拉
            last = name.rsplit("·", 1)[1]
            if len(last) >= 2 and last not in known:
                known[last] = ""
            continue
        given = name[1:]
        if len(name) == 3 and name[0] in lx.surnames and not is_common_word(given) and given not in known:
            known[given] = ""
        surname = name[:2] if len(name) >= 3 and name[:2] in lx.surnames else name[:1]  # 司徒嘉慧
        if 2 <= len(name) <= len(surname) + 2 and surname in lx.surnames and _CJK_RUN.fullmatch(name):
            for honorific in lx.honorifics:  # "黎先生" is 黎嘉明 in an announcement that names him in full
                known.setdefault(surname + honorific, "")


def _find_known_persons(sp: _Spans, known: dict[str, str], lx: Lexicon) -> None:
    # "王莆中将向…": the model cut a name the article writes in full elsewhere (王莆中)
    for start in sorted(sp.tagged):
        tagged_person = sp.starting_at(start)
        if tagged_person is None or tagged_person.kind != "person":
            continue
        longer = [k for k in known if len(k) > len(tagged_person.text) and k.startswith(tagged_person.text)
                  and sp.text.startswith(k, start)]
        if longer:
            sp.remove(tagged_person)
            sp.add("person", start, start + max(map(len, longer)))
    for start, end in find_words(sp.text, known):
        sp.add("person", start, end)
    # "徐直军、胡厚崑、孟晚舟": a name in a list of names
    for m in re.finditer(f"(?<=、)([{CJK}]{{2,3}})(?=、)|(?<=、)([{CJK}]{{2,3}})(?=[,，。和及等三两二])"
                         f"|([{CJK}]{{2,3}})(?=、)", sp.text):
        s, e = m.span()
        left, right = sp.ending_at(s - 1), sp.starting_at(e + 1)
        if sp.text[s] in lx.surnames and not is_common_word(sp.text[s:e]) and sp.free(s, e) and any(
                x is not None and x.kind == "person" for x in (left, right)):
            _add_person(sp, s, e, known)
    # English names given in parentheses become mentions of the same person
    for m in _LATIN_NAME.finditer(sp.text):
        before = sp.ending_at(m.start())
        if before is not None and before.kind == "person":
            sp.add("person", m.start(1), m.end(1), label=before.text)
    # "Tony(邝东)", "From: Kevin Mao(毛锴文)": the English name a person goes by, then the name
    for m in _LATIN_BEFORE_NAME.finditer(sp.text):
        name, named = m.group(2), sp.starting_at(m.start(2))
        if named is None and (name[0] in lx.surnames or name[:2] in lx.surnames) and not is_common_word(name) \
                and sp.free(m.start(2), m.end(2)):
            _add_person(sp, m.start(2), m.end(2), known)
            named = sp.starting_at(m.start(2))
        if named is None or named.kind != "person":
            continue
        latin = sp.starting_at(m.start(1))
        if latin is not None and latin.kind in ("person", "org") and latin.end == m.end(1) \
                and latin.label in ("", latin.text):
            sp.remove(latin)  # what the model took the English name for, now known to be the person's
        if sp.free(m.start(1), m.end(1)):
            sp.add("person", m.start(1), m.end(1), label=named.text)


def _trim_left(text: str, start: int, end: int, lx: Lexicon, registered: bool = False) -> int:
    """Move ``start`` right past the last boundary word in text[start:end] (by jieba tokens).
    ``registered``: a registered name, in which 集团 and 公司 are part of the name (华曜控股集团有限公司)."""
    pos, cut, depth = start, start, 0
    toks = tokens(text[start:end])
    for n, tok in enumerate(toks):
        pos += len(tok)
        depth += (tok in "(（") - (tok in ")）")
        if depth > 0 or tok in ")）":
            continue  # "惠邻超市(集团)有限公司": what the parenthesis holds is part of the name
        if registered and lx.cues.get(tok) == "orgref":
            continue
        if tok in lx.boundaries or (tok in lx.cues and lx.cues[tok] != "this") or tok in lx.role_by_form:
            cut = pos
        elif n < len(toks) - 1 and (word_tag(tok) or "x")[0] in _BOUNDARY_TAGS \
                and not (n == 0 and start == 0 and len(tok) == 1):
            # a verb, adverb, pronoun … (but "组织部": the word right before the suffix stays; and a sentence
            # does not open with a one-character adverb before a name: "越擎机器人宣布" is a name)
            cut = pos
    return cut


# jieba part-of-speech classes that never start or sit inside an organization's name
_BOUNDARY_TAGS = frozenset("pcdum")
_FUNCTION_TAGS = frozenset("pcu")  # prepositions, conjunctions, particles
_NOT_IN_NAME_TAGS = frozenset("pcdumtrvf")  # … nor end one that follows its description (verbs, times too)
_NAME_TAGS = frozenset("nxj")  # nouns, unknown words, abbreviations: what a company's name is made of
_SHORT_NAME = 2  # a model's organization this short was likely cut ("芯澜" of 芯澜半导体)
_LONGEST_TITLE = 8  # how far around a short company name to look for a title it would cut
_MAX_DESCRIBED_NAME = 6  # the longest name read after its description when its words are not all nouns
_OFTEN_NAMED = 3  # how often an article about a known company names another before the model's reading counts
_PLACE_PREFIX = 4  # the longest place name that begins a registered company name ("黑龙江省", "上海市")
_WORD_NOT_UNIT = 2  # a dictionary word ending in a suffix this short is an ordinary word (外部, 干部)
_GENERIC_COMPANY = "公司"  # the suffix a description of a company ends with ("家用机器人公司")
_GROUP = "集团"  # a business group of a company, or the company itself (see _first_group_is_company)


def _find_units(sp: _Spans, lx: Lexicon) -> None:
    text = sp.text
    for m in _LATIN_UNIT.finditer(text):
        sp.add("org", m.start(1), m.end(1), "unit", m.group(1))
    for m in _QUOTED.finditer(text):
        quoted_suffix = lx.suffix_re.match(text, m.end())
        end = quoted_suffix.end() if quoted_suffix else m.end()
        if quoted_suffix or _after_cue(text, m.start(), "establish"):
            sp.add("org", m.start(), end, _unit_kind(text[m.start():end], lx), m.group(1))
    for m in lx.suffix_re.finditer(text):
        suffix = m.group()
        if any((x := lx.suffix_re.match(text, k)) and x.end() > m.end() for k in range(m.start() + 1, m.end())):
            continue  # 业务部 in 业务部门: the longer suffix is the real one
        if len(suffix) == 1 and is_common_word(text[m.start():m.start() + 2]) and not _title_follows(sp, m.end(), lx):
            continue  # 组 in 组织, 院 in 院长: a word that begins with the suffix's character (部 in 部副部长 stays)
        if len(suffix) > 1 and not _starts_word(sp, m.end(), ahead=4):
            continue  # 证券 in 深圳证券交易所: the suffix ends inside a longer word
        following, chained = sp.starting_at(m.end()), lx.suffix_re.match(text, m.end())
        if chained and chained.group() not in lx.cues and (following is None or following.kind != "role"):
            continue  # 银行 in 数字银行部: the name goes on to the next suffix (not 研究院|院长, nor 板块|公司)
        kind, min_len = lx.suffixes[suffix]
        if kind == "company" and suffix in ("公司", "集团") and not sp.free(m.start(), m.end()):
            continue
        # read the name leftwards from the suffix, up to a mention or punctuation
        start = m.start()
        while start > 0 and sp.free(start - 1, start) and re.match(f"[{CJK}A-Za-z0-9]", text[start - 1]) \
                and m.start() - start < 12:
            start -= 1
        trimmed = _trim_left(text, start, m.start(), lx)
        last = tokens(text[start:m.start()])[-1] if m.start() > start else ""
        if m.start() - trimmed < min_len and trimmed > start and kind == "committee" and last in lx.cues:
            trimmed = m.start() - len(last)  # "提名委员会": the word before the suffix names it, cue word or not
        start = trimmed
        joined = _JOINED_NAME.search(text, max(0, start - 12), start) if min_len else None
        if joined and sp.free(joined.start(1), start) and not lx.suffix_re.search(joined.group(1)):
            start = joined.start(1)  # "云与智慧产业事业群": 与 inside the name
        ref = _ORGREF_BEFORE.search(text, max(0, start - 3), start)
        if ref and sp.free(ref.start(), start):  # "集团参谋部": a unit of the company the article is about
            if len(text[start:m.start()]) >= min_len and sp.add("org", ref.start(), m.end(), _unit_kind(suffix, lx),
                                                                 text[start:m.end()], ref.group()):
                continue
        last = tokens(text[start:m.end()])[-1]
        if len(last) > len(suffix) and is_common_word(last) and len(last) <= _WORD_NOT_UNIT:
            continue  # 外部, 顶部, 全部: not the suffix 部 (but 人力资源部 is a department)
        parent = sp.ending_at(start)
        core = text[start:m.start()]
        if len(core) < min_len or not sp.free(start, m.end()) or core in lx.interim_qualifiers:
            continue
        if core and (word_tag(core) or "").startswith("v") and kind != "committee":
            # "带领团队", "实行董事会": a verb is no name (but "审计委员会" is a committee's)
            if min_len:
                continue
            start, core, parent = m.start(), "", None
        if parent is not None and parent.kind == "org" and _is_registered(text[start:m.end()], lx):
            # "上海药明康德新药开发有限公司": a registered name that holds a known one, and the place before it
            left = parent.start
            while left > 0 and sp.free(left - 1, left) and _CJK_RUN.fullmatch(text[left - 1]) \
                    and parent.start - left < _PLACE_PREFIX:
                left -= 1
            left = _trim_left(text, left, parent.start, lx)
            sp.remove(parent)
            sp.add("org", left, m.end(), "company", text[left:m.end()])
        elif parent is not None and parent.kind == "org":
            # "快手电商事业部": the company's name is part of the unit's name
            sp.remove(parent)
            sp.add("org", parent.start, m.end(), _unit_kind(suffix, lx), text[start:m.end()],
                   parent.label or parent.text)
        else:
            sp.add("org", start, m.end(), _unit_kind(suffix, lx), text[start:m.end()])


def _after_function_word(sp: _Spans, pos: int, lx: Lexicon) -> bool:
    """Nothing that could name something ends at ``pos``: the sentence starts there, or punctuation, a
    mention, a cue word or a function word (由, 在) comes before ("零售银行": 零售 qualifies 银行)."""
    if pos == 0 or not _CJK_RUN.fullmatch(sp.text[pos - 1]) or sp.ending_at(pos) is not None:
        return True
    before = tokens(sp.text[max(0, pos - 4):pos])[-1]
    return before in lx.cues or before in lx.boundaries or (word_tag(before) or "x")[0] in _BOUNDARY_TAGS


def _kind_references(companies: Counter[str], lx: Lexicon) -> dict[str, str]:
    """A company's kind that names it alone ("金控" for 富邑金控, "人寿" for 富邑人寿): for each suffix of the
    article's companies (by how often each is named), the one named most (never the words for the article's
    own company, 公司, 集团)."""
    by_suffix: dict[str, Counter[str]] = {}
    for label, count in companies.items():
        for suffix, (kind, _) in lx.suffixes.items():
            if kind == "company" and len(suffix) > 1 and label.endswith(suffix) and len(label) > len(suffix) \
                    and suffix not in lx.cues:
                by_suffix.setdefault(suffix, Counter())[label] += count
    out = {}
    for suffix, labels in by_suffix.items():
        (first, n), *rest = labels.most_common(2)
        if not rest or n > rest[0][1]:  # the one company of that kind the article names most
            out[suffix] = first
    return out


def _described_companies(sp: _Spans, lx: Lexicon) -> None:
    """"家用机器人公司星曜机器人近日…", "港股上市公司驰跃体育宣布", "新能源汽车品牌驭岚汽车": a description
    ending in 公司 (or followed by a word for a kind of business), then the name."""
    for m in [m for m in sp.items if m.kind == "org"]:
        kind_word = _DESCRIBED_BY.match(sp.text, m.end)
        if not (m.text.endswith(_GENERIC_COMPANY) or kind_word) or (m.label and m.label != m.text):
            continue  # "辉瑞公司研究员": a known company's name, no description
        if _is_registered(m.text, lx):
            continue  # "…有限公司" is a registered name ("旗下子公司蓝海金融" is described)
        start = kind_word.end() if kind_word else m.end
        named = sp.starting_at(start)
        if named is not None and named.kind == "org" and named.value == "company":
            sp.remove(m)  # the name is known already
            continue
        guess = named if named is not None and named.start in sp.tagged else None
        if guess is not None:
            sp.remove(guess)  # "…化学品公司艾弗森化学": a company's name, not the person the model saw
        end = _name_end(sp, start, lx)
        if end - start < 2:  # "创业公司知微智能": the words of a name need not be nouns (知 is a verb)
            end = start
            while end < len(sp.text) and end - start < _MAX_DESCRIBED_NAME and _CJK_RUN.fullmatch(sp.text[end]) \
                    and sp.free(end, end + 1) and not lx.cue_re.match(sp.text, end):
                end += 1
        if 2 <= end - start <= 10:
            sp.remove(m)
            sp.add("org", start, end, "company", sp.text[start:end])


def _drop_generic_orgs(sp: _Spans, lx: Lexicon) -> None:
    """"有限公司", "公司", "第三届董事会" alone name no organization: a kind of company, or a word for the one
    the article is about (a unit's suffix alone may name it, 研究院, or refer to the one just set up, 事业群)."""
    for m in [m for m in sp.items if m.kind == "org"]:
        name = _TERM.sub("", m.label or m.text)
        counted = _COUNT.match(name)
        if (counted and name[counted.end():] in lx.suffixes) or (
                name in lx.suffixes and _COUNTED_BEFORE.search(sp.text, max(0, m.start - 4), m.start)):
            sp.remove(m)  # "三大事业群", "整合为五大|事业群": how many, not which
            continue
        if _HEADER_LABEL.fullmatch(m.text):
            sp.remove(m)
            continue
        if _INDEFINITE.search(sp.text, max(0, m.start - 2), m.start) and not _is_registered(m.text, lx):
            sp.remove(m)  # "一家头部射频芯片公司": described, never named
            continue
        if lx.suffixes.get(name, ("", 0))[0] == "company" or name in lx.cues or name in lx.qualifiers:
            sp.remove(m)
            if lx.cues.get(name) == "orgref":
                sp.add("cue", m.start, m.end, "orgref")


def _first_group_is_company(sp: _Spans, company_named: bool, lx: Lexicon) -> bool:
    """"华岳重工集团组织架构调整": a …集团 named before any company is the company itself, not one of its
    business groups (阿里云智能集团 comes after 阿里巴巴). Returns whether a company has been named."""
    for m in sorted(sp.items, key=lambda m: m.start):
        if m.kind != "org":
            continue
        if m.value == "company":
            return True
        known = next(lx.companies_matcher.finditer(m.text), None)
        if not company_named and not m.parent and m.text.endswith(_GROUP) and not (known and known[0] == 0):
            sp.remove(m)
            sp.add("org", m.start, m.end, "company", m.label or m.text)
            return True
    return company_named


def _name_end(sp: _Spans, pos: int, lx: Lexicon, limit: int = 12, words: int = 4, nouns: bool = False) -> int:
    """Where a name that goes on at ``pos`` ends: before the first title, cue word, verb, function word,
    time or punctuation, after at most ``words`` words (only nouns and unknown words with ``nouns``):
    "星曜机器人|近日完成", "芯澜|半导体|CTO"."""
    end = pos
    for tok in tokens(sp.text[pos:pos + limit])[:words]:
        tag = word_tag(tok) or "x"
        if not _CJK_RUN.fullmatch(tok) or tok in lx.cues or tok.lower() in lx.role_by_form or tok in lx.boundaries \
                or (tag[0] not in _NAME_TAGS if nouns else tag[0] in _NOT_IN_NAME_TAGS and tag != "vn") \
                or not sp.free(end, end + len(tok)):
            break
        end += len(tok)
    return end


def _board_references(sp: _Spans, lx: Lexicon) -> None:
    """The company's board is the company: "公司第三届董事会" refers to it, "董事会战略委员会" is its 战略委员会."""
    boards = [w for w, tag in lx.cues.items() if tag == "board"]
    for m in [m for m in sp.items if m.kind == "org" and m.value != "company"]:
        name = _TERM.sub("", m.label or m.text)
        inner = next((name[len(b):] for b in boards if name.startswith(b)), None)
        owner = next((name[:-len(b)] for b in boards if name.endswith(b) and len(name) > len(b)), None)
        if inner is None and owner and not m.parent:
            sp.remove(m)  # "宏昇电子董事会": the company named before its board ("召开董事会": no one's name)
            if m.text.startswith(owner) and (word_tag(tokens(owner)[0]) or "x")[0] not in _NOT_IN_NAME_TAGS:
                sp.add("org", m.start, m.start + len(owner), "company", owner)
            else:
                sp.add("cue", m.start, m.end, "orgref")
            continue
        if inner is None:
            continue
        sp.remove(m)
        if inner:
            sp.add("org", m.start, m.end, m.value, _TERM.sub("", inner), m.parent)
        elif m.parent and m.parent not in lx.cues:
            sp.add("org", m.start, m.end, "company", m.parent)  # "阿里巴巴董事会": the company
        else:
            sp.add("cue", m.start, m.end, "orgref")


def _is_registered(name: str, lx: Lexicon) -> bool:
    """"…有限公司": a registered company name, after which a unit is named by its suffix only (a bare word
    there qualifies the title: "…有限公司高级总监")."""
    return any(name.endswith(s) and s.endswith(_GENERIC_COMPANY) and s != _GENERIC_COMPANY and kind == "company"
               for s, (kind, _) in lx.suffixes.items())


def _drop_inner_orgs(sp: _Spans, start: int, end: int) -> None:
    for pos in range(start, end):
        inner = sp.starting_at(pos)
        if inner is not None and inner.kind == "org" and inner.end <= end and (inner.start, inner.end) != (start, end):
            sp.remove(inner)


def _unit_kind(name: str, lx: Lexicon) -> str:
    """The kind a suffix gives. A "…集团" the gazetteer does not know is read as a business group of
    the article's company (阿里云智能集团, 淘天集团); registered names (…有限公司) stay companies."""
    for suffix, (kind, _) in sorted(lx.suffixes.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix):
            return "unit" if suffix == "集团" else kind
    return "unit"


def _after_cue(text: str, pos: int, tag: str) -> bool:
    """A cue word of class ``tag`` ends right at ``pos`` ("设立“中国数字商业”板块")."""
    return any(m.end() == pos for m in cue_pattern(tag).finditer(text, max(0, pos - 8), pos))


def _find_context_orgs(sp: _Spans, lx: Lexicon, known_company: bool = False) -> None:
    """Names with no suffix, known by what follows them: "抖音由张楠担任CEO", "火山引擎总裁为谭待"."""
    text = sp.text
    items = sorted(sp.items, key=lambda m: m.start)
    for nxt in items:
        if nxt.kind in ("role", "person"):
            by = text[max(0, nxt.start - 1):nxt.start] == "由"  # "抖音由张楠担任", "网易有道由CEO周枫负责"
            if nxt.kind == "person" and not by:
                continue
            end = nxt.start - (1 if by else 0)
            start = end
            while start > 0 and sp.free(start - 1, start) and re.match(f"[{CJK}A-Za-z0-9 ]", text[start - 1]) \
                    and end - start < 10 and not (text[start - 1] == " " and _CJK_RUN.fullmatch(text[start])):
                start -= 1  # a space between Latin words only ("Vertex Games"; a headline's space separates)
            while start < end and text[start] == " ":
                start += 1
            start = _trim_left(text, start, end, lx)
            name = text[start:end].strip()
            before = sp.ending_at(start)
            if before is not None and before.kind == "org" and before.value == "company" and name:
                # "京东零售CEO": a unit of the company named just before (not "五粮液股份有限公司关于总经理…")
                if len(name) >= 2 and name not in lx.qualifiers and (word_tag(name) or "x")[0] not in _BOUNDARY_TAGS \
                        and not _is_registered(before.text, lx):
                    sp.remove(before)
                    sp.add("org", before.start, end, "unit", name, before.label or before.text)
                continue
            if len(name) < 2 or unit_core(name, lx) in lx.qualifiers or name in lx.cues \
                    or (word_tag(name) or "x")[0] in _NOT_IN_NAME_TAGS:
                continue  # "首次由…担任": a time or an adverb, not an organization
            if nxt.kind == "role" and _CJK_RUN.fullmatch(name) and is_common_word(name) and len(name) <= 2:
                continue
            if _CJK_RUN.fullmatch(name) or _LATIN_WORD.fullmatch(name):
                # "麦穗生鲜CEO": a name before a post of a whole company names a company
                kind = "company" if nxt.kind == "role" and not by and nxt.value in lx.company_roles \
                    and not known_company else "unit"
                if kind == "company" and any(len(t) > 1 and word_tag(t) == "v" for t in tokens(name)):
                    continue  # "会议应出席董事9名": a clause, not a name
                sp.add("org", start, start + len(name), kind, name)
    # "设立阿里云智能、淘宝天猫商业、大文娱六大业务集团": the items take the kind of the noun after them
    for m in _LIST_NOUN.finditer(text):
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
                s = _trim_left(text, s, e, lx)
            _drop_inner_orgs(sp, s, e)  # "阿里" inside "阿里云智能"
            if e - s >= 2 and sp.free(s, e):
                sp.add("org", s, e, _unit_kind(noun, lx), text[s:e])
    # lists of new units: "成立六个业务板块(BU),分别为:抖音、大力教育、飞书和TikTok"
    if cue_pattern("establish").search(text):
        lead = re.search(r"分别为|分别是|包括", text)
        if lead:
            stop = re.compile(r"[。;；]").search(text, lead.end())
            seg_end = stop.start() if stop else len(text)
            pos = lead.end()
            while pos < seg_end and text[pos] in ":：":
                pos += 1
            for item in re.finditer(r"[^、,，:：和及]+", text[pos:seg_end]):
                s, e = pos + item.start(), pos + item.end()
                name = text[s:e].strip()
                if 2 <= len(name) <= 10 and sp.free(s, e):
                    sp.add("org", s, e, "unit", name)


def _standalone(text: str, start: int, end: int, sp: _Spans) -> bool:
    """jieba puts word boundaries at ``start`` and ``end`` (the characters form no word with their
    neighbours); a mention just before or after is a boundary of its own ("蔡崇信任": 信 belongs to the name)."""
    lo = start if sp.ending_at(start) is not None else max(0, start - 3)
    pos, bounds = lo, {lo}
    for tok in tokens(text[lo:end + 3]):
        pos += len(tok)
        bounds.add(pos)
    # "分别为何宇航": a mention just after is a boundary too (为何 is a word, but 何 starts the name)
    return start in bounds and (end in bounds or sp.starting_at(end) is not None)


def _find_cues(sp: _Spans, lx: Lexicon) -> None:
    text = sp.text
    for start, end in sp.cue_matches(lx):
        tag = lx.cues[text[start:end].lower()]
        if tag in _UNPLACED_CUES or (end - start == 1 and tag != "self" and not _standalone(text, start, end, sp)):
            continue  # 原 in 原因, 任 in 任何 or 新任
        sp.add("cue", start, end, tag)
