"""Person finders of :mod:`kg.extraction.mentions`: names after titles and cues, lists of names, names the
model tags, and the checks that keep a company's or a word's characters out of a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import ner
from .lexicon import Lexicon
from .segment import is_common_word, word_tag
from .spans import CJK, CJK_RUN, FUNCTION_TAGS, Spans, starts_word, title_follows

TAGGED_PERSON = "model"  # the value of a person's mention where the statistical model tagged the name
LATIN_NAME = re.compile(r"\(\s*([A-Z][A-Za-z\.\-']*(?:\s+[A-Z][A-Za-z\.\-']*){0,3})\s*\)")
_FOREIGN_NAME = re.compile(f"[{CJK}]{{1,6}}(?:[·•\\-][{CJK}]{{1,6}})+")
_NAME_SEPARATOR = re.compile(r"[·•\-]")  # in every _FOREIGN_NAME: without one, that slow-to-fail scan is skipped
_MODEL_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2}")
_NOMINATED = re.compile(
    r"(?:任命|聘任|选举|聘请|委任|[,，;；](?:任命|聘任|选举|聘请|委任)?)([^\s,，。为]{2,6}?)(?:先生|女士)?为"
)
_LIST_LEAD = re.compile(r"(?:并且|并|同时|另|以及)?(?:任命|聘任|选举|聘请|委任)?")


def _name_ends_ok(text: str, end: int, sp: Spans, lx: Lexicon, strict: bool = False) -> bool:
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
    verb = lx.cue_re.match(text, end)
    if follower is None and verb and lx.cues.get(verb.group().lower()) in _NAME_ENDING_VERBS:
        return True  # "夏侯敏分管": a verb of leading or taking a post follows the name
    return follower is not None and (not strict or follower.group() not in _WEAK_FOLLOWERS)


_NAME_ENDING_VERBS = frozenset({"lead", "appoint", "promote", "move", "leave", "consist"})

# function words that may follow a name but also follow ordinary words ("商家来的", "程度上")
_WEAK_FOLLOWERS = frozenset("的和与及等均都则也还已于在是为")


def _name_chars_ok(cand: str, lx: Lexicon) -> bool:
    given = cand[2:] if cand[:2] in lx.surnames else cand[1:]  # 鲜于杰: 于 is the surname's
    return not any(c in lx.not_in_names for c in given)


# characters of the calendar, and 之, that end given names too (裴松年, 李明月, 房敬之): a name's only where a
# cue follows
_RARE_LAST_CHARS = frozenset("年月日之")


def _middle_word_ok(text: str, i: int, n: int, sp: Spans, lx: Lexicon) -> bool:
    """ "总裁曲向东任主任", "王为民": a function word (向, 为) inside a three-character name, where no two-character
    name could end, is the name's when a cue or a title follows it; so is a last character of the calendar
    ("向董事长裴松年汇报")."""
    cand = text[i : i + n]
    return (
        n == 3
        and cand[0] in lx.surnames
        and (cand[2] not in lx.not_in_names or (cand[2] in _RARE_LAST_CHARS and cand[1] not in lx.not_in_names))
        and _name_ends_ok(text, i + n, sp, lx, strict=True)
    )


def _person_at(text: str, i: int, sp: Spans, lx: Lexicon, after_title: bool, model_end: int = 0) -> int:
    """Length of a personal name starting at ``i`` (0 if none); ``model_end``: where a name the model tagged
    at ``i`` ends."""
    if i >= len(text):
        return 0
    surname_len = 2 if text[i : i + 2] in lx.surnames else (1 if text[i] in lx.surnames else 0)
    if not surname_len and (not after_title or text[i] in lx.not_in_names or lx.cue_re.match(text, i)):
        return 0
    lengths: tuple[int, ...] = (surname_len + 2, surname_len + 1) if surname_len else (3, 2)
    short = lengths[1]
    follower = lx.follower_re.match(text, i + short)
    if follower and len(follower.group()) >= 2 and sp.free(i, i + short):
        lengths = (short,)  # "叶恒认为": 认为 follows a two-character name
    for n in lengths:
        cand = text[i : i + n]
        if len(cand) != n or not CJK_RUN.fullmatch(cand) or not sp.free(i, i + n):
            continue
        if (
            (
                is_common_word(cand)
                and not (after_title and _word_as_name(text, i + n, cand, lx, _named_as(text, i, n, lx)))
            )
            or cand in lx.cues  # "董事长易人": a verb, no name
            or cand in lx.boundaries  # "高管出任": a word no name is made of
            or cand in lx.suffixes
            or cand.endswith(lx.long_suffixes)
            or not (_name_chars_ok(cand, lx) or LATIN_NAME.match(text, i + n) or _middle_word_ok(text, i, n, sp, lx))
        ):
            continue  # "穆荣均(Mu Rongjun)": the English name vouches for the last character
        if n == 3 and (
            (surname_len < 2 and is_common_word(cand[:2]))  # (but 上官宁: a surname of two characters is a word)
            or _joins_function_word(text, i + n)
            or _opens_verb(text, i + 2, lx)
        ):
            continue  # "国际站", "高级副": a word, then one more character; "姜涛以及": 以 begins 以及; "杨帆代任"
        if _name_ends_ok(text, i + n, sp, lx, strict=not after_title):
            return n
    if after_title:
        # no cue after the name: the model, or else jieba's HMM, finds where it ends ("前CEO苏华告诉")
        n = model_end - i
        if surname_len < n <= surname_len + 2 and sp.free(i, model_end) and _name_chars_ok(text[i:model_end], lx):
            return n  # "董事長王福生屆齡退休": the model knows the name is three characters long
        if not (CJK_RUN.fullmatch(text[i : i + 2]) and sp.free(i, i + 2)):
            return 0  # the first word, to be a name, is two Chinese characters or three, free: no window to segment
        first = lx.segmenter.first_hmm_token(text[i : i + 6])
        if (
            2 <= len(first) <= 3
            and CJK_RUN.fullmatch(first)
            and sp.free(i, i + len(first))
            and _name_chars_ok(first, lx)
            and not is_common_word(first)
            and first not in lx.cues
            and (surname_len or len(first) == 2)
        ):
            return len(first)
    return 0


# jieba's classes of the words that are also given names: places, times, numerals, other proper nouns
# (江河, 关山, 夏天, 万里), not the nouns, adverbs and verbs that follow a title in a sentence ("总经理全面负责")
_NAME_LIKE_WORD_TAGS = frozenset({"ns", "t", "m", "nz"})
# and where a verb of naming names it ("聘任温婉为副行长", "选举甘露女士为…"): adjectives and verbs too
_NAMED_WORD_TAGS = frozenset({"a", "v"})


def _word_as_name(text: str, end: int, cand: str, lx: Lexicon, named: bool = False) -> bool:
    """``cand``, a word of two characters that begins with a surname, is a name where a form of address or an
    English name in brackets follows it ("江河同志", "蓝海(Ocean Lan)"), or a verb of saying, unless it tells
    a time ("所长江河表示", not "董事长当天表示"); not a surname alone ("欧阳先生"). ``named``: it is whom a verb
    of naming names ("聘任证券事务代表米兰为董事会秘书")."""
    tag = word_tag(cand) or ""
    like_names = _NAME_LIKE_WORD_TAGS | _NAMED_WORD_TAGS if named else _NAME_LIKE_WORD_TAGS
    if len(cand) != 2 or cand[0] not in lx.surnames or cand in lx.surnames or tag not in like_names:
        return False
    if named or lx.honorific_re.match(text, end) or LATIN_NAME.match(text, end):
        return True
    return tag != "t" and lx.speech_re.match(text, end) is not None


def _named_as(text: str, i: int, n: int, lx: Lexicon) -> bool:
    """The n characters at ``i`` are whom a verb of naming before them, in the same clause, names as something
    ("聘任证券事务代表米兰为董事会秘书")."""
    if text[i + n : i + n + 1] != "为":
        return False
    clause = max(text.rfind(c, 0, i) for c in ",，;；。:：") + 1
    return lx.cue_pattern("nominate").search(text, clause, i) is not None


def _inside_words(sp: Spans, pos: int) -> bool:
    """A Chinese character that no mention ends at comes right before ``pos``: a name here runs on from a word."""
    return pos > 0 and CJK_RUN.fullmatch(sp.text[pos - 1]) is not None and sp.ending_at(pos) is None


def _opens_verb(text: str, pos: int, lx: Lexicon) -> bool:
    """A verb of taking a post, two characters or more, starts at ``pos`` ("杨帆|代任"): no name ends inside it;
    nor inside one that says a post was held before ("岑岚|历任"), unless its first character says so alone
    ("杨震原": 原 may end a name)."""
    verb = lx.cue_re.match(text, pos)
    if verb is None or len(verb.group()) < 2:
        return False
    cue = lx.cues.get(verb.group().lower())
    return cue in _NAME_ENDING_VERBS or (cue == "former" and text[pos] not in lx.cues)


def _joins_function_word(text: str, end: int) -> bool:
    """The character before ``end`` and the one at it make a function word ("以及", "并且"): a name
    cannot end inside it."""
    return (word_tag(text[end - 1 : end + 1]) or "x")[0] in FUNCTION_TAGS


_HEADCOUNT = re.compile(r"[一二两三四五六七八九十\d]{1,3}(?:个人|人|位|名)")
_MEMBERS_LEAD = re.compile(r"(?:成员|委员)(?:包括|为)|由(?=[^,。]*组成)")  # "委员包括", "由…组成"
_TITLE_GAP = re.compile(r"[ \u3000]{0,2}")  # "总经理 史斌建": the spaces a list or table puts after a title
_LATIN_AFTER_TITLE = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}(?![A-Za-z])")
_LATIN_ADDRESS = re.compile(r"(?:Dr|Mr|Mrs|Ms|Prof)\. ?")  # "Dr. Stefan Hoffmann": the name begins after it
_BEFORE_NAME = ("为", "是", ":", "：")  # "总裁为谭待", "职工代表监事:葛振华"


def find_persons(sp: Spans, lx: Lexicon, known: dict[str, str], tagged: list[ner.Span]) -> None:
    text = sp.text
    _find_addressed(sp, lx, known)
    _find_biographed(sp, lx, known)
    for m in _FOREIGN_NAME.finditer(text) if _NAME_SEPARATOR.search(text) else ():
        # the match may start inside a title ("执行副总裁卢卡·罗西"): keep its free right-hand part
        separator = _NAME_SEPARATOR.search(m.group())
        assert separator is not None, "_FOREIGN_NAME matches a separator"
        dot = separator.start() + m.start()
        first = max(m.start(), dot - 4)  # a transliterated given name is short …
        cut = max((k + 1 for k in range(first, dot) if text[k] in lx.not_in_names or text[k] in "由向"), default=first)
        start = next((s for s in range(cut, dot) if sp.free(s, m.end())), None)  # … and follows any title
        tagged_here = next(
            (
                t
                for t in tagged
                if t.label == "PER" and (start or 0) < t.start < dot < t.end <= m.end() and sp.free(t.start, t.end)
            ),
            None,
        )
        if tagged_here is not None:
            start = tagged_here.start  # "任命凯文·梅耶尔", "高管托马斯·贝克尔将": the model knows where the name begins
        end = _foreign_name_end(sp, m, lx)
        if start is not None and _name_ends_ok(text, end, sp, lx):
            add_person(sp, start, end, known)
    # names right after a title: "CEO程一晓", "负责人小谷"
    model_ends = {t.start: _model_name_end(text, t, lx) for t in tagged if t.label == "PER"}
    for role in [m for m in sp.items if m.kind == "role"]:
        # "总裁为谭待", "负责人是严授"; "总经理 史斌建": a title and a name set apart by a space, in lists and tables
        gap = _TITLE_GAP.match(text, role.end)
        pos = gap.end() if gap else role.end
        pos += text[pos : pos + 1] in _BEFORE_NAME
        company = sp.starting_at(pos + 1)
        if (
            company is not None
            and company.kind == "org"
            and text[pos : pos + 1] in lx.surnames
            and company.end - pos <= 3
            and sp.free(pos, pos + 1)
            and _name_ends_ok(text, company.end, sp, lx)
        ):
            # "CEO何小鹏": a surname and a company's short name (小鹏) make a personal name
            sp.remove(company)
        if pos < len(text) and _toward_a_report_target(text, pos, lx):
            continue  # "投资顾问中心负责人向樊敏汇报": 向 is the preposition
        n = _person_at(text, pos, sp, lx, after_title=True, model_end=model_ends.get(pos, 0))
        # "(负责人:Mark Ellison)", "首席运营官Dr. Stefan Hoffmann": a Latin name after a Chinese title or a colon
        # (not after an English one: "EVP Global Supply Chain" names a unit)
        address = _LATIN_ADDRESS.match(text, pos)
        first = address.end() if address else pos
        latin = (
            _LATIN_AFTER_TITLE.match(text, first)
            if not n and (not text[role.end - 1].isascii() or text[pos - 1 : pos] in ":：")
            else None
        )
        if n:
            add_person(sp, pos, pos + n, known)
        elif latin and sp.free(first, latin.end()):
            add_person(sp, first, latin.end(), known)
    for label in lx.cue_pattern("name_label").finditer(text):  # "新任高级管理人员姓名:孙宁泽"
        pos = label.end() + 1
        if text[label.end() : pos] not in (":", "："):
            continue
        n = _person_at(text, pos, sp, lx, after_title=True, model_end=model_ends.get(pos, 0))
        if n:
            add_person(sp, pos, pos + n, known)
    _find_report_targets(sp, lx, known)  # before the model's: "向林清越汇报" is no 向林
    _find_model_persons(sp, tagged, lx, model_ends, known)  # after titles, whose names end where a cue begins
    _find_subjects_of_verbs(sp, lx, known)
    _find_cell_names(sp, lx, known)
    _find_listed_latin_names(sp, known)
    # lists of members: "委员包括程一晓、刘峰、唐玉玉"
    for m in _MEMBERS_LEAD.finditer(text) if "员" in text or "组成" in text else ():  # what every match needs
        _add_list(sp, m.end(), lx, known)
    # "任命张利东为", "选举葛海蛟先生为", and the next ones in the list: "…,李津为混合云事业部总裁"
    nominate = lx.cue_pattern("nominate").search(text)
    for m in _NOMINATED.finditer(text) if nominate else ():  # only after a verb of naming
        if not nominate or m.start() < nominate.start():
            continue
        lead = _LIST_LEAD.match(m.group(1))  # ",并聘任李静仁先生为": 并聘任 is no part of the name
        start = m.start(1) + (lead.end() if lead else 0)
        name = text[start : m.end(1)]
        if (
            2 <= len(name) <= 4
            and CJK_RUN.fullmatch(name)
            and (not is_common_word(name) or _word_as_name(text, m.end(1), name, lx, named=True))
            and not any(len(c.group()) > 1 for c in lx.cue_re.finditer(name))  # ",已获委任为": a verb, no name
            and sp.free(start, m.end(1))
        ):
            add_person(sp, start, m.end(1), known)
    # anywhere: surname + one or two characters where a name can end
    for found in lx.surname_re.finditer(text):
        i, ch = found.start(), found.group()
        if ch in lx.cues and (
            text[i + 1 : i + 2] in lx.surnames
            or is_common_word(text[i + 1 : i + 3])
            or _toward_a_report_target(text, i, lx)
        ):
            continue  # "向徐雷汇报": 向 is the preposition, 徐 the surname; "向全球CTO": 全球 a word; "向晓光汇报"
        if ch in lx.rare_surnames and i not in model_ends and _inside_words(sp, i):
            continue  # "极光智行": a rare surname the model does not read as a name, right after a word
        if sp.free(i, i + 2) and (i == 0 or not _in_word(text, i)):
            n = _person_at(text, i, sp, lx, after_title=False)
            before, after = sp.ending_at(i), sp.starting_at(i + n)
            if n and before is not None and before.kind == "org" and after is not None and after.kind == "role":
                continue  # "阿里云智能总裁": company + name + title is a unit, not a person
            if n == 3 and _inside_words(sp, i) and word_tag(text[i + 1 : i + 3]) == "n":
                continue  # "暖阳宠物": a word runs on into a noun, no name
            if n:
                add_person(sp, i, i + n, known)


def _toward_a_report_target(text: str, i: int, lx: Lexicon) -> bool:
    """ "向晓光汇报": the preposition of direction at ``i``, then a name of two or three characters and a verb of
    reporting: no name begins at ``i``."""
    report = lx.cue_pattern("report")
    return lx.cues.get(text[i]) == "toward" and any(report.match(text, i + n) for n in (3, 4))


def _find_report_targets(sp: Spans, lx: Lexicon, known: dict[str, str]) -> None:
    """ "将向林清越汇报", "向符晓光直接汇报": the name between a preposition of direction and a verb of reporting
    (a filler word between them) begins after the preposition, though 向 is a surname too."""
    for verb in lx.cue_pattern("report").finditer(sp.text):
        end = verb.start()
        gap = max((f for f in lx.fillers if sp.text.endswith(f, 0, end)), key=len, default="")
        end -= len(gap)
        for start in range(end - 2, max(end - 5, 0), -1):  # the name and the preposition before it
            name = sp.text[start:end]
            if lx.cues.get(sp.text[start - 1]) != "toward":
                continue
            if (
                (name[:2] in lx.surnames or name[0] in lx.surnames)
                and CJK_RUN.fullmatch(name)
                and sp.free(start, end)
                and not is_common_word(name)
                and _name_chars_ok(name, lx)
            ):
                add_person(sp, start, end, known)
            break


def _foreign_name_end(sp: Spans, m: re.Match, lx: Lexicon) -> int:
    """Where a transliterated name ends: before a cue word or a title its last part runs into ("由大卫·陈担任")."""
    last = max(m.group().rfind(c) for c in "·•-") + m.start() + 1
    ends = (k for k in range(last + 1, m.end()) if lx.cue_re.match(sp.text, k) or title_follows(sp, k, lx))
    return next(ends, m.end())


# the separator before the name tested after its capital: the regex skips to capitals, not a lookbehind everywhere
_LISTED_LATIN = re.compile(r"[A-Z](?<=[、,，][A-Z])[a-z]{1,11}(?: [A-Z][a-z]{1,11}){0,2}(?=[(（、,，。;；]|$)")


def _find_listed_latin_names(sp: Spans, known: dict[str, str]) -> None:
    """ "负责人分别为彭泽、Ryan(兼)、蒋鹏", "韩立峰(召集人)、Daniel Fong": capitalized Latin words after a name in
    a list are a name too."""
    for m in _LISTED_LATIN.finditer(sp.text):
        end = m.start() - 1  # where the name before ends: before the separator, and before an aside after it
        if sp.text[end - 1 : end] in (")", "）"):
            end = max(sp.text.rfind("(", 0, end), sp.text.rfind("（", 0, end))
        before = sp.ending_at(end)
        if before is not None and before.kind == "person" and sp.free(m.start(), m.end()):
            add_person(sp, m.start(), m.end(), known)


def _ends_in_noun(name: str) -> bool:
    """ "科睿教育", "瑞峰医疗": a name that ends in a common noun (an industry) is a company's, not a person's."""
    return len(name) >= 3 and (word_tag(name[-2:]) or "nr")[:2] in ("n", "vn", "nz")


_CELL = re.compile(r"[^|｜]+")
_ASIDE = re.compile(r"[(（][^)）]*[)）]")


def _find_cell_names(sp: Spans, lx: Lexicon, known: dict[str, str]) -> None:
    """ "| 出海事业群 | 卓宇航 | 总裁 萧正 |": a cell of a table that holds a surname and one or two more
    characters, and no word, title or cue, is a name."""
    text = sp.text
    if text.count("|") + text.count("｜") < 2:
        return
    for cell in _CELL.finditer(text):
        core = _ASIDE.sub("", cell.group()).strip()
        if not (2 <= len(core) <= 3 and CJK_RUN.fullmatch(core)) or core[0] not in lx.surnames:
            continue
        if is_common_word(core) or core in lx.cues or core.lower() in lx.role_by_form or lx.suffix_re.search(core):
            continue
        start = cell.start() + cell.group().index(core)
        if sp.free(start, start + len(core)):
            add_person(sp, start, start + len(core), known)


_VERB_CLASSES = frozenset({"appoint", "promote", "move", "leave"})
_BEFORE_SUBJECT = '的由、,:(“"'  # "由来自X公司的颜子杰出任", "、李强接任"


def _find_subjects_of_verbs(sp: Spans, lx: Lexicon, known: dict[str, str]) -> None:
    """ "首席投资官由来自泰和资产管理公司的颜子杰出任": a surname and one or two characters right before a
    verb of taking or leaving a post, after a clause opener or 的, are the name of who does it."""
    text = sp.text
    for start, _end in sp.cue_matches(lx):
        if lx.cues[text[start:_end].lower()] not in _VERB_CLASSES:
            continue
        for n in (3, 2):
            s = start - n
            cand = text[s:start]
            if s < 1 or not CJK_RUN.fullmatch(cand) or text[s - 1] not in _BEFORE_SUBJECT or not sp.free(s, start):
                continue
            if not (cand[0] in lx.surnames or cand[:2] in lx.surnames) or is_common_word(cand):
                continue
            if any(cand[k:] in lx.cues or cand[k:].lower() in lx.role_by_form for k in range(n)):
                continue
            add_person(sp, s, start, known)
            break


def _names_ending_at(sp: Spans, end: int, lx: Lexicon) -> Iterator[tuple[int, str]]:
    """(start, text) of the free Chinese text that may be a name ending at ``end``, longest first: a surname of
    two characters and two more ("上官明远先生", not "明远" alone), three characters, two."""
    for n in (4, 3, 2):
        start = end - n
        cand = sp.text[start:end]
        if start < 0 or not CJK_RUN.fullmatch(cand) or not sp.free(start, end):
            continue
        if n == 4 and cand[:2] not in lx.surnames:
            continue
        yield start, cand


def _find_addressed(sp: Spans, lx: Lexicon, known: dict[str, str]) -> None:
    """ "董事长高国和先生", "收到易会满先生的辞呈": a surname and one or two characters right before a form of
    address are a name, whatever word the last character could start ("和", "满")."""
    for m in lx.honorific_re.finditer(sp.text):
        for s, cand in _names_ending_at(sp, m.start(), lx):
            n = len(cand)
            if n < 4 and cand[0] not in lx.surnames and not (n == 3 and cand[0] in lx.addressed_surnames):
                continue
            if _toward_a_report_target(sp.text, s, lx):
                continue  # "并向梁先生汇报": 向 is the preposition, 梁先生 the person
            # "选举甘露女士为…", "董事会秘书甘露女士": a word as a name where only a person can be addressed so
            addressed = m.group() in lx.addresses and (s == 0 or sp.ending_at(s) is not None)
            if is_common_word(cand) and not _word_as_name(sp.text, m.start(), cand, lx, named=addressed):
                continue
            if not starts_word(sp, s, lx):
                continue
            add_person(sp, s, m.start(), known)
            break


def _find_biographed(sp: Spans, lx: Lexicon, known: dict[str, str]) -> None:
    """ "公开资料显示,东方屿现年49岁", "闻人杰,男,1968年生": a surname and one to three characters at the start of a
    clause, right before what opens a biography, are a name (the model may read 东方屿 as a place)."""
    for m in lx.life_re.finditer(sp.text):
        for s, cand in _names_ending_at(sp, m.start(), lx):
            if not (cand[0] in lx.surnames or cand[:2] in lx.surnames):
                continue
            if s == 0 or not CJK_RUN.fullmatch(sp.text[s - 1]) or sp.ending_at(s) is not None:
                add_person(sp, s, m.start(), known)
                break


def _model_name_end(text: str, span: ner.Span, lx: Lexicon) -> int:
    """Where a name the model tagged ends, its usual slips mended."""
    start, end = span.start, span.end
    m = lx.honorific_re.search(span.text)
    if m and m.end() == len(span.text):
        end -= len(m.group())
    if end - start == 3 and _joins_function_word(text, end):
        end -= 1  # "姜涛以|及": the model took the first character of 以及
    if end - start == 4 and lx.cues.get(text[end - 1]) == "former" and lx.cue_re.match(text, end):
        end -= 1  # "任婷勇原|任": 原 says that the post after it was held before
    if end - start == 4 and text[end - 1] == "为" and lx.cue_pattern("nominate").search(text, max(0, start - 3), start):
        end -= 1  # "任命屈振华为…": the model read 华为, a company, into the name; 为 says what he is named
    given = end - start - (2 if text[start : start + 2] in lx.surnames else 1)
    if (
        given < 2
        and end < len(text) - 1
        and CJK_RUN.fullmatch(text[end])
        and text[end] not in lx.not_in_names
        and lx.cue_re.match(text, end + 1)
        and not lx.cue_re.match(text, end)
    ):
        end += 1  # "由副行长夏侯|敏分管", "行长崔明|远直接分管": the model stopped one short of a verb
    if end - start == 3 and CJK_RUN.fullmatch(text[end : end + 1]) and LATIN_NAME.match(text, end + 1):
        end += 1  # "小林健|太(Kenta Kobayashi)": the name its English form follows is whole
    return end


def _model_name_start(text: str, span: ner.Span, lx: Lexicon) -> int:
    """ "负责人为何|宇轩": a given name the model tagged alone after 为 or 是, with which the surname makes a word."""
    start = span.start
    if (
        span.end - start == 2
        and start >= 2
        and text[start - 1] in lx.surnames
        and text[start] not in lx.surnames
        and lx.cues.get(text[start - 2]) == "as"
    ):
        return start - 1
    return start


def _find_model_persons(
    sp: Spans, found: list[ner.Span], lx: Lexicon, ends: dict[int, int], known: dict[str, str]
) -> None:
    """The persons the statistical model tagged, where the lexicons placed nothing yet; ``ends``: where each
    name that begins at a place ends (:func:`_model_name_end`)."""
    for span in found:
        if span.label != "PER":
            continue
        start, end = _model_name_start(sp.text, span, lx), ends[span.start]
        name = sp.text[start:end]
        if _toward_a_report_target(sp.text, start, lx):
            continue  # "向晓光汇报": the preposition, then a name (a given name, found with the person's full one)
        if any(lx.cues.get(sp.text[max(0, start - k) : start]) == "join" for k in (2, 3)):
            continue  # "2003年加入华钧": one joins an organization
        if CJK_RUN.fullmatch(name):
            if (
                not 2 <= len(name) <= 4
                or is_common_word(name)
                or name in lx.cues
                or _ends_in_noun(name)
                or name in lx.suffixes
                or sp.text.startswith(lx.trade_words, end)  # "科睿|教育": a brand, then its trade
                or (not (name[0] in lx.surnames or name[:2] in lx.surnames) and title_follows(sp, end, lx))
            ):
                continue  # "金控": a kind of company; "抖音总裁": no surname and a title after it, a brand
        elif not (_FOREIGN_NAME.fullmatch(name) or _MODEL_LATIN_NAME.fullmatch(name)) or (
            start > 0 and sp.text[start - 1] in "(（"
        ):
            continue  # "梁汝波(Rubo Liang)": the English form of the name before, linked to it later
        if sp.free(start, end):
            sp.tagged.add(start)
            add_person(sp, start, end, known, TAGGED_PERSON)


def _in_word(text: str, i: int) -> bool:
    """The character before ``i`` and ``text[i]`` make a dictionary word (so ``i`` starts no name)."""
    return is_common_word(text[i - 1 : i + 1])


def _add_list(sp: Spans, pos: int, lx: Lexicon, known: dict[str, str]) -> None:
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
        core = (core[: honorific.start()] if honorific and honorific.end() == len(core) else core).strip()
        if _HEADCOUNT.fullmatch(core):
            continue  # "由五人组成": how many, not who
        if 2 <= len(core) <= 12 and (CJK_RUN.fullmatch(core) or _FOREIGN_NAME.fullmatch(core)):
            if len(core) <= 4 or _FOREIGN_NAME.fullmatch(core):
                start = s + raw.index(core)
                add_person(sp, start, start + len(core), known)


def add_person(sp: Spans, start: int, end: int, known: dict[str, str], value: str = "") -> None:
    if sp.add("person", start, end, value):
        eng = LATIN_NAME.match(sp.text, end)
        known.setdefault(sp.text[start:end], "")
        if eng:
            known[sp.text[start:end]] = eng.group(1)
