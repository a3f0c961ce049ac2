"""Entity resolution within a document: one entity per real-world person or organization.

- persons: the same pinyin is the same person (程一晓 / 程义孝 / 程益晓 from machine translation);
  an English name in parentheses, a bare given name (汝波) and surname + 总 (谭总) join the full name;
- companies: every form in the gazetteer (快手, 快手科技, Kuaishou) is one company; "公司", "本行"
  refer to the company the article is about;
- units: the same name core under the same parent is one unit (快手电商事业部 = 电子商务事业部 = 快手电商).

The lexicon comes from the pipeline's resources. The one cache kept, :func:`_syllables`, is pypinyin's
reading of a text: the same for every lexicon, so one per process does no harm.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from pypinyin.converter import DefaultConverter
from pypinyin.core import Pinyin

from ..model import Document, Entity, EntityKind, Mention
from .lexicon import word_then
from .org_references import GENERIC_COMPANY, GROUP, NEW_COMPANY, is_registered

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .resources import Resources


# ``pypinyin.lazy_pinyin`` builds a converter for its options at every call and reads each syllable through
# its hooks for them (v to ü, tone sandhi …); with none of those options on, pypinyin's default converter reads
# the same syllables, built once
_PINYIN = Pinyin(DefaultConverter())


@lru_cache(maxsize=16384)
def _syllables(text: str) -> tuple[str, ...]:
    """pypinyin's reading of ``text`` (``lazy_pinyin(text)``), once per text (a call costs tens of microseconds)."""
    return tuple(_PINYIN.lazy_pinyin(text))


def sound(text: str) -> str:
    """Toneless pinyin: names that sound alike (程一晓, 程义孝) share it."""
    return "".join(_syllables(text))


def pinyin(name: str) -> str:
    """Romanization used for alt labels and IRIs: 程一晓 -> "Cheng Yixiao"."""
    if name.isascii():
        return name
    parts = [p for p in _syllables(name.replace("·", " ")) if p.strip()]
    if not parts:
        return name
    if "·" in name or len(parts) > 4:
        return " ".join(p.capitalize() for p in parts)
    return parts[0].capitalize() + (" " + "".join(parts[1:]).capitalize() if len(parts) > 1 else "")


def resolve(doc: Document, resources: Resources) -> Document:
    """Fill ``doc.entities`` and ``doc.links`` (mention position -> entity key)."""
    _resolve_persons(doc, resources.lexicon)
    _resolve_orgs(doc, resources.lexicon)
    return doc


def mention_key(m: Mention) -> tuple[int, int]:
    return (m.sentence, m.start)


def _resolve_persons(doc: Document, lx: Lexicon) -> None:
    persons = [m for m in doc.mentions if m.kind == "person"]
    by_sound: dict[str, str] = {}  # pinyin -> key
    keys: dict[str, str] = {}  # surface form -> key
    # "Kevin Zhao(赵凯文)" once: "Kevin Zhao" is 赵凯文 wherever the article writes it (a headline too)
    chinese = {m.text: m.label for m in persons if m.label}
    # full Chinese names first, in order of appearance, so that short forms can join them
    for m in sorted(persons, key=lambda m: (m.text in chinese, -len(m.text), m.sentence, m.start)):
        if m.text in chinese:  # an English name given in parentheses after the Chinese one, or before it
            key = keys.get(chinese[m.text])
        elif m.text in keys:
            key = keys[m.text]
        else:
            key = by_sound.get(sound(m.text)) or _short_form_of(m.text, keys, lx)
        if key is None:
            key = "person:" + m.text
            doc.entities[key] = Entity(key, "person", m.text)
            by_sound[sound(m.text)] = key
        keys.setdefault(m.text, key)
        doc.entities[key].labels.add(m.text)
        if m.text in chinese or m.text.isascii():
            doc.entities[key].english.add(m.text)
        doc.links[mention_key(m)] = key
    _link_back_references(doc, keys)


def _short_form_of(text: str, keys: dict[str, str], lx: Lexicon) -> str | None:
    """ "汝波" is 梁汝波; "梅耶尔" is 凯文·梅耶尔 (a part after the dot)."""
    for full, key in keys.items():
        if len(full) == 3 and len(text) == 2 and full.endswith(text):
            return key
        if len(text) == 2 and text[1] == "总" and full[0] == text[0] and full != text:
            return key  # "胡总" is 胡伟
        if "·" in full and text in full.split("·"):
            return key
        for surname in (text[:1], text[:2]):  # "黎先生" is 黎嘉明, "司徒女士" is 司徒嘉慧
            if (
                text[len(surname) :] in lx.honorifics
                and full.startswith(surname)
                and len(full) > len(surname)
                and not full.endswith(text[len(surname) :])
            ):
                return key
    return None


def _link_back_references(doc: Document, keys: dict[str, str]) -> None:
    """ "谭总", "蒋总": surname + 总 is the one person of that surname named before."""
    by_surname: dict[str, set[str]] = {}
    for form, key in keys.items():
        if not form.isascii() and "·" not in form:
            by_surname.setdefault(form[0], set()).add(key)
    for sent in doc.sentences:
        if sent.noise or "总" not in sent.text:  # the regex opens with any character: tried at every one
            continue
        for m in re.finditer(r"(.)总(?![裁经监部理])", sent.text):
            owners = by_surname.get(m.group(1), set())
            if len(owners) == 1:
                key = next(iter(owners))
                doc.entities[key].labels.add(m.group())
                doc.links[(sent.index, m.start())] = key
                doc.mentions.append(Mention("person", m.group(), sent.index, m.start(), m.end()))


def _resolve_orgs(doc: Document, lx: Lexicon) -> None:
    orgs = [m for m in doc.mentions if m.kind == "org"]
    # a company is named by its own mentions and by the units written with its name (快手电商事业部);
    # counted once per sentence, so "字节跳动(ByteDance)" is one mention
    named = [
        (m.label or m.text, m) if m.value == "company" else (m.parent, m)
        for m in orgs
        if m.value == "company" or (m.parent and m.parent not in lx.cues)
    ]
    canonical = {n: (lx.companies[n.lower()].name if n.lower() in lx.companies else n) for n, _ in named}
    short_forms = _short_company_forms(set(canonical.values()), lx)
    canonical = {n: short_forms.get(c, c) for n, c in canonical.items()}
    counts = Counter(c for c, _ in {(canonical[n], m.sentence) for n, m in named})
    first: dict[str, tuple[int, int]] = {}  # company -> (sentence, offset) of its first mention
    first_current: dict[str, tuple[int, int]] = {}  # … not named as someone's past ("前联合利华中国财务副总裁加盟")
    for n, m in named:
        first.setdefault(canonical[n], (m.sentence, m.start))
        if not _after_former_cue(doc.sentences[m.sentence].text, m.start, lx):
            first_current.setdefault(canonical[n], (m.sentence, m.start))
    # the article's company: the one a reference word is declared for ("(以下简称"公司")"), else the one
    # named often and named first (headlines and leads name it)
    earliest = min(first_current, key=first_current.__getitem__) if first_current else None
    declared = doc.main_org[len("org:") :] if doc.main_org else None
    # a company given a short form ("荆楚农村商业银行股份有限公司(下称"荆楚农商行")") is the one the article
    # goes on about, however often a past employer is named in a career
    declares = "简称" in doc.text or "下称" in doc.text  # one is in each match: else no name is looked for
    short_formed = {n for n in counts if declares and next(word_then(doc.text, n, _SHORT_FORM_DECLARED), None)}
    if not first_current and any(m.kind == "cue" and m.value == "orgref" for m in doc.mentions):
        counts.clear()  # "本公司…彼曾于德勤任职": a company named only as a past employer is not the article's
    main = (
        canonical.get(declared, declared)
        if declared in canonical
        else (
            min(counts, key=lambda n: (-(counts[n] + 2 * (n == earliest) + 2 * (n in short_formed)), first[n]))
            if counts
            else None
        )
    )
    if main is None:
        # an announcement that never names its company: "公司", "本行" still name one organization
        refs = [m.text for m in doc.mentions if m.kind == "cue" and m.value == "orgref"]
        words = sorted((w for w, tag in lx.cues.items() if tag == "orgref"), key=len, reverse=True)
        main = next((w for r in refs for w in words if r.startswith(w)), None)  # 公司, 本行
        if main:
            doc.entities[f"org:{main}"] = Entity(f"org:{main}", "company", main, {main}, unnamed=True)
    doc.main_org = f"org:{main}" if main else None

    def company_key(name: str) -> str:
        c = lx.companies.get(name.lower())
        canon = c.name if c else short_forms.get(name, name)
        key = f"org:{canon}"
        if key not in doc.entities:
            doc.entities[key] = Entity(key, "company", canon)
            if c:
                doc.entities[key].english.update(c.english)
        doc.entities[key].labels.add(name)
        return key

    if main:
        company_key(main)
    # "集团" beside a group and its subsidiaries (鼎恒集团, 鼎恒冷链物流有限公司): the group
    groups = sorted({c for c in canonical.values() if GROUP in c})
    for m in orgs:
        if m.value == "company":
            key = company_key(m.label or m.text)
            doc.entities[key].labels.add(m.text)
        else:
            parent = None
            if m.parent == GROUP and len(groups) == 1 and f"org:{groups[0]}" != doc.main_org:
                parent = company_key(groups[0])  # "集团运营管理部" beside "鼎恒集团" and its subsidiary
            elif m.parent:
                parent = doc.main_org if m.parent in lx.cues else company_key(m.parent)
            key = _unit_key(doc, m, parent, lx)
        doc.links[mention_key(m)] = key
    _focus(doc, lx)
    # "公司", "本行", "集团": the company in focus, the one the article is about unless a sentence names another;
    # "集团" is the group when the article names one besides its subsidiaries ("鼎恒集团" and 鼎恒冷链物流有限公司)
    last_company = None
    for m in doc.mentions:
        if m.kind == "org" and NEW_COMPANY.search(doc.sentences[m.sentence].text, 0, m.start):
            last_company = doc.links.get(mention_key(m), last_company)  # "设立全资子公司X", "合资公司“X”"
        elif m.kind == "cue" and m.value == "newref" and last_company:
            doc.links[mention_key(m)] = last_company
        if m.kind == "cue" and m.value == "orgref":
            company = doc.focus.get(m.sentence, doc.main_org)
            if m.text == GROUP and len(groups) == 1 and company != f"org:{groups[0]}":  # not 本集团: the issuer
                company = f"org:{groups[0]}"
            if company:
                doc.links[mention_key(m)] = company


_SHORT_FORM_DECLARED = re.compile(r"\s*[(（](?:以下简称|下称|简称)")  # after a company's name
_DATELINE = re.compile(r"[^,，。]{1,12}讯[,，]?")
_TIME_LEAD = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:晚间|晚|早间|盘后)?[,，]?")


def _focus(doc: Document, lx: Lexicon) -> None:
    """A sentence that begins with a company other than the article's puts that company in focus, until
    a sentence begins with another company: the items of a round-up ("1. 瑞峰医疗:…", "泰丰银行董事会…")."""
    first: dict[int, Mention] = {}
    for m in doc.mentions:
        if m.kind in ("org", "person", "role") and (m.sentence not in first or m.start < first[m.sentence].start):
            first[m.sentence] = m
    from .segment import word_tag  # noqa: PLC0415 - jieba's tags only once an article is read

    current = doc.main_org
    for s in doc.sentences:
        opening = first.get(s.index)
        lead = (
            s.text[: opening.start].strip(" -·•*.、0123456789一二三四五六七八九十()（）:：")
            if opening is not None
            else None
        )
        # "此外,锂源新能同日公告": after a word that links it to what came before, a sentence that begins with
        # the article's company returns to it (and one that begins with another company goes on about the same)
        linked = lead is not None and lx.cues.get(lead.rstrip(",，")) == "connective"
        if linked and opening is not None and doc.links.get(mention_key(opening)) == doc.main_org:
            current = doc.main_org
        if lead and (_DATELINE.fullmatch(lead) or _TIME_LEAD.fullmatch(lead) or word_tag(lead.rstrip(",，")) == "t"):
            lead = (
                ""  # "证券时报e公司讯,凯迪威(300952)公告…", "同日,岚山基金公告称": a dateline or a time opens the item
            )
        if opening is not None and opening.kind == "org" and opening.value == "company" and not lead:
            current = doc.links.get(mention_key(opening), current)
        if current and current != doc.main_org:
            doc.focus[s.index] = current


def _after_former_cue(text: str, start: int, lx: Lexicon) -> bool:
    """A cue of a past post ends right before ``start`` ("前联合利华…", "曾任澄川软件…")."""
    return text.endswith(lx.cue_words("former"), 0, start)


def _short_company_forms(names: set[str], lx) -> dict[str, str]:
    """ "澄宇" and "澄宇新材" are short forms of "江苏澄宇新材料股份有限公司" named in the same article: a company
    name the gazetteer does not know, contained in a longer one, is that company."""
    out = {}
    for name in names:
        if name.lower() in lx.companies:
            continue
        longer = [n for n in names if len(n) > len(name) and name in n and not _subsidiary_of(n, name, lx)]
        if longer:
            out[name] = max(longer, key=lambda n: (len(n), n))
    return out


def _subsidiary_of(longer: str, name: str, lx) -> bool:
    """ "星澜汽车销售公司" beside "星澜汽车": the company's name, a function and 公司, not registered, name one of its
    companies (its sales company), not the company itself (小米公司, 澜舟科技公司 are)."""
    middle = longer[len(name) : -len(GENERIC_COMPANY)] if longer.startswith(name) else ""
    place = _PLACE_IN_BRACKETS.search(longer, len(name)) if longer.startswith(name) else None
    if place and place.group(1) not in _OWN_NAME_NOTES:
        return True  # "锐拓精密(墨西哥)有限公司": the company's name and a place, its company there
    return (
        longer.endswith(GENERIC_COMPANY) and not is_registered(longer, lx) and bool(middle) and middle not in lx.trades
    )


_PLACE_IN_BRACKETS = re.compile(r"[(（]([^()（）]{2,6})[)）]")
_OWN_NAME_NOTES = frozenset({"集团", "控股", "股份"})  # "惠邻超市(集团)有限公司" is 惠邻超市 itself


def unit_core(name: str, lx) -> str:
    """What short and long forms of a unit's name share: 阿里云智能集团, 阿里云智能 -> 云智能."""
    core = name
    prefix_end = lx.companies_matcher.prefix_end(core)
    if prefix_end is not None and prefix_end < len(core):
        core = core[prefix_end:]
    for long, short in lx.abbreviations:
        core = core.replace(long, short)
    for n in lx.suffix_lengths:  # the longest suffix shorter than the name
        if len(core) > n and core[-n:] in lx.suffixes:
            return core[:-n]
    return core


def _unit_key(doc: Document, m: Mention, parent: str | None, lx) -> str:
    label = m.label or m.text
    core = unit_core(label, lx)
    kind: EntityKind = "committee" if m.value == "committee" else "unit"
    if (e := doc.entities.get(f"unit:{core}")) is not None and e.kind != kind:
        core = label  # "投行部" and "投行委员会": a committee is not the unit its name shares a core with
    for key in (f"unit:{core}", f"unit:{core}@{parent}"):
        e = doc.entities.get(key)
        if e is not None and (parent is None or e.parent in (None, parent)):
            if parent and not e.parent:
                e.parent = parent
            e.labels.update({m.text, label})
            return key
    # the same name under another parent is another unit (董事会 of two companies)
    key = f"unit:{core}" if f"unit:{core}" not in doc.entities else f"unit:{core}@{parent}"
    e = Entity(key, kind, label, parent=parent)
    e.core = core
    e.labels.update({m.text, label})
    doc.entities[key] = e
    return key


def written_labels(doc: Document) -> Document:
    """A Traditional text analysed in Simplified: each entity is labelled as the text writes it
    (劉揚偉), with the Simplified form (刘扬伟) beside it; its key, and so its IRI, stays Simplified."""
    if doc.written is None:
        return doc
    starts = {s.index: s.start for s in doc.sentences}
    for m in doc.mentions:
        key = doc.links.get(mention_key(m))
        if key is None or key not in doc.entities:
            continue
        offset = starts[m.sentence]
        # "證券子公司遠岑證券": a mention whose label is a part of it is written as that part
        at = m.text.rfind(m.label) if m.label and m.label != m.text else -1
        start, text = (m.start + at, m.label) if at >= 0 else (m.start, m.text)
        written = doc.written[offset + start : offset + start + len(text)]
        e = doc.entities[key]
        if written != text:
            e.labels.add(written)
            if text == e.name and not e.written:
                e.written = written
    return doc
