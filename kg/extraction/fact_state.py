"""The document state of :mod:`kg.extraction.facts` (:class:`Extractor`: the facts so far, the posts people hold,
the article's author) and the post-processing of its facts (:func:`drop_superseded`, :func:`default_parents`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Document, Fact, Mention
from .dates import find_dates
from .fact_tokens import Tok
from .org_references import PLACE_PREFIX, is_registered
from .resolve import mention_key

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .resources import Resources
    from .text_tables import TextTables

_GROUP_WINDOW = 8  # "各事业部总经理均向…汇报": the heads named in the sentences before (a list of units)
_NEW_UNIT_WINDOW = 6  # "成立X领导小组。…组长:Y": how many sentences on a title alone is in the unit just set up


_YEAR = len("2015")
_DATE_LINE = len("2023年12月31日 星期日")  # a line this short with a date in it is a date line


class Extractor:
    def __init__(self, doc: Document, resources: Resources):
        self.doc = doc
        self.lx, self.rules, self.rule_needs = resources.lexicon, resources.rules, resources.rule_needs
        self.subject: str | None = None
        self.carried: str | None = None  # the person the sentences so far are about
        self.section: str | None = None  # the organization a heading names, for the list lines under it
        self.recent_unit: str | None = None
        self.last_named: dict[str, int] = {}  # organization -> the last sentence so far that names it
        self.listed_titles: tuple[int, str | None, list] | None = None  # a title line: (sentence, org, titles)
        self.form_title: Tok | None = None  # a form's title field, for the name field after it
        self.left_roles: dict[int, list] = {}
        # "向CEO汇报": (those who report, the boss's role id, sentence), resolved once every post is read
        self.reports_to_titles: list[tuple[list[str], str, int]] = []
        self.text_tables = resources.text_tables
        self.pending = _takes_effect_later(doc, self.text_tables)
        self.author = _find_author(doc)
        self.speaker: str | None = None
        self.narrator: str | None = self.author  # who speaks in the first person: the memo's writer or the interviewee
        this = self.lx.cue_words("this")
        # "新事业部", "该委员会", or the kind alone ("担任事业群总裁"): the unit just set up
        self.suffixes = suffixes = self.lx.suffixes
        self.anaphoric = {
            k
            for k, e in doc.entities.items()
            if e.kind != "person" and (e.core in this or suffixes.get(e.name, ("company",))[0] != "company")
        }
        self.seen: set = set()
        self.weak: set[int] = set()  # ids of facts read from a title alone ("集团CEO徐雷"), not from a verb
        self.ended: set[int] = set()  # ids of posts a verb of leaving ended ("不再兼任")
        self.dates: dict[int, list[tuple[int, str]]] = {}
        # the mentions of each sentence, grouped once: the rules, the tables and the lists read them (facts
        # add no mention)
        self.by_sentence: dict[int, list[Mention]] = doc.mentions_by_sentence()

    def add(self, fact: Fact):
        sig = (fact.kind, fact.subject, fact.object, fact.role, fact.status)
        # "此前担任抖音总裁,…继续兼任抖音总裁", "董事长X…不再兼任,继续担任董事长": the later statement in the
        # sentence holds (a post ended in an earlier sentence stays ended)
        restated = (
            [
                f
                for f in self.doc.facts
                if f.kind == "post"
                and f.status == "former"
                and f.sentence == fact.sentence
                and (f.subject, f.object, f.role) == (fact.subject, fact.object, fact.role)
            ]
            if fact.kind == "post" and fact.status == "current"
            else []
        )
        if sig in self.seen and not any(id(f) in self.ended for f in restated):
            if fact.kind == "established" and fact.date:  # "成立战略委员会" in a headline, dated in the body
                for f in self.doc.facts:
                    if f.kind == "established" and f.subject == fact.subject and not self.own_date(f.sentence):
                        f.date = fact.date  # (the headline had none, or the publication's)
            return  # said before; or held, then ended by a verb of leaving, and now held again
        for f in restated:
            self.doc.facts.remove(f)
            self.seen.discard((f.kind, f.subject, f.object, f.role, f.status))
        self.seen.add(sig)
        self.doc.facts.append(fact)

    def end_posts(self, person: str, sentence: int, org: str | None = None, ending: bool = True):
        """ "卸任上述职务", "因个人原因退休": the posts the title before the name gave are former
        (or, with ``org``, "不再负责TikTok", the person's posts in that organization). Not ``ending`` ("将于年底
        退休"): the posts only, which hold till then."""
        ended = []
        for f in self.doc.facts:
            if (
                f.kind == "post"
                and f.subject == person
                and f.sentence == sentence
                and f.role not in self.lx.lasting_roles
                and (f.object == org if org else id(f) in self.weak)
            ):
                ended.append((f.object, Tok("R", f.role, None, f.title or "")))
                if not ending:
                    continue
                f.status = "former"
                self.seen.add((f.kind, f.subject, f.object, f.role, "former"))
                self.ended.add(id(f))
        return ended

    def end_stated_post(self, person: str, sentence: int) -> list:
        """ "此前兼任总裁,此后不再兼任": a leave verb without object ends the post a verb stated just before
        in the sentence (not a title given with the name)."""
        stated = [
            f
            for f in self.doc.facts
            if f.kind == "post"
            and f.subject == person
            and f.sentence == sentence
            and id(f) not in self.weak
            and f.role not in self.lx.lasting_roles
        ]
        if not stated:
            return []
        f = stated[-1]
        if f.status != "former":
            self.seen.discard((f.kind, f.subject, f.object, f.role, f.status))
            f.status = "former"
            self.seen.add((f.kind, f.subject, f.object, f.role, "former"))
        return [(f.object, Tok("R", f.role, None, f.title or ""))]

    def known_org(self, person: str, role: str | None, sentence: int) -> str | None:
        """ "余睿卸任CEO": the organization this person's CEO post was named with (not one the sentence
        says was held before: "风控长由原华鼎人寿风控长薛雅文出任" takes the post somewhere else)."""
        held = (f for f in reversed(self.doc.facts) if f.kind == "post" and f.subject == person and f.role == role)
        return next((f.object for f in held if f.status == "current" or f.sentence != sentence), None)

    def speaker_or_author(self) -> str | None:
        return self.speaker or self.author

    def default_org(self, role_id: str | None, sentence: int) -> str | None:
        """The organization of a title given without one: a new unit it fits, else the article's company."""
        hints = self.lx.role_unit_hint.get(role_id, ()) if role_id is not None else ()
        for f in reversed(self.doc.facts) if hints else ():
            # counted from the last sentence that names the unit: a notice names it again before the roster
            named = max(f.sentence, self.last_named.get(f.subject or "", f.sentence))
            if f.kind == "established" and f.subject and sentence - named <= _NEW_UNIT_WINDOW:
                if any(hint in self.doc.entities[f.subject].name for hint in hints):
                    return f.subject
        return self.doc.focus.get(sentence, self.doc.main_org)

    def sentence_date(self, sentence: int, before: int | None = None) -> str | None:
        """The date a sentence speaks of: its own date mention, else the latest one before it."""
        for s in range(sentence, -1, -1):
            ds = self.dates.get(s)
            if ds:
                if s == sentence and before is not None:
                    prior = [v for pos, v in ds if pos < before]
                    if prior:
                        return prior[-1]
                if s == sentence:
                    return ds[0][1] if before is not None else ds[-1][1]
                # an earlier sentence's bare year is background ("越擎成立于2015年"), not when this happens
                dated = [v for _, v in ds if len(v) > _YEAR]
                if dated:
                    return dated[-1]
        return self.doc.date.isoformat() if self.doc.date else None

    def own_date(self, sentence: int) -> str | None:
        """A date the sentence itself gives (a change is dated only by its own sentence)."""
        ds = self.dates.get(sentence)
        return ds[0][1] if ds else None

    def recent_appointees(self, sentence: int, boss: str | None, kind: str | None = None) -> list[str]:
        """Heads appointed in the sentences just before ("各事业部总经理均向X汇报" after a list of units);
        not the memo's writer, who appointed them. ``kind``: when some head a unit whose name ends in it, only
        those ("五大区负责人": the heads of the 区, not of the 事业部 named with them)."""
        out: list[str] = []
        of_kind: list[str] = []
        for f in self.doc.facts:
            if (
                f.kind == "post"
                and f.status == "current"
                and sentence - f.sentence <= _GROUP_WINDOW
                and f.subject not in (boss, self.narrator)
                and f.subject not in out
                and f.role is not None
                and self.lx.roles[f.role].head
                and f.object != self.doc.main_org
            ):
                out.append(f.subject)
                if kind and f.object is not None and self.doc.entities[f.object].name.endswith(kind):
                    of_kind.append(f.subject)
        return of_kind or out


_SENDS_LETTER = re.compile(
    r"[^。,，]{0,8}?(?:发布|发出|签发|写道)[^。]{0,6}?"
    r"(?:内部信|全员信|内部邮件|全员邮件|邮件|致股东信|公开信)"
)


# "以下变动将自2024年4月1日起生效", "自股东周年大会结束时起生效": when the changes take effect
_EFFECTIVE = re.compile(r"(?:自|于|於)([^,。;:\n]{2,30}?)起?(?:正式)?生效")
_TAKES_EFFECT = "生效"
_LATER_EVENT = re.compile(r"股东大会|股东周年大会|股東週年大會|股東大會|会议结束|任期届满|任期屆滿")


def _takes_effect_later(doc: Document, tables: TextTables) -> bool:
    """The article announces changes that take effect after it is published: on a later date, or at a
    meeting still to come (FORMAT: whoever leaves then still holds the post)."""
    if _TAKES_EFFECT not in doc.text:
        return False  # every match holds it; the scan reads up to 30 characters after each 于 and 自
    for m in _EFFECTIVE.finditer(doc.text):
        when = m.group(1)
        if _LATER_EVENT.search(when):
            return True
        later = [d.value for d in find_dates(when, doc.date, tables=tables) if len(d.value) == len("2024-04-01")]
        if doc.date is not None and any(v > doc.date.isoformat() for v in later):
            return True
    return False


def _find_author(doc: Document) -> str | None:
    """The writer of a memo ("我"): who sends the letter ("张勇发出内部信"), else who signs it (the name on
    a line of its own at the end, or before the title on the line under it, "邬振华 云栈科技创始人兼CEO",
    above the date). A signature other than the sender's name is the sender's ("逍遥子" signs for 张勇)."""
    persons = [m for m in doc.mentions if m.kind == "person"]
    senders = (m for m in persons if _SENDS_LETTER.match(doc.sentences[m.sentence].text[m.end :]))
    sender = next((doc.links.get(mention_key(m)) for m in senders), None)
    signature = _signature(doc, persons)
    if sender is None or signature is None:
        return sender or (doc.links.get(mention_key(signature)) if signature else None)
    signer = doc.links.get(mention_key(signature))
    if signer and signer != sender and all(k != signer for m, k in doc.links.items() if m != mention_key(signature)):
        doc.links[mention_key(signature)] = sender
        doc.entities[sender].labels.add(signature.text)
        doc.entities.pop(signer, None)
    return sender


def _signature(doc: Document, persons: list) -> Mention | None:
    dated = {m.sentence for m in doc.mentions if m.kind == "date"}
    for s in reversed(doc.sentences):
        if s.noise or not s.text.strip():
            continue
        name = s.text.strip().lstrip("—-― ")
        for m in persons:
            if m.sentence == s.index and (len(name) <= len(m.text) + 2 or name.startswith(m.text + " ")):
                return m
        if s.index in dated and len(name) <= _DATE_LINE:
            continue  # the date under the signature
        break
    return None


def drop_superseded(doc: Document, weak: set[int]) -> None:
    """A post named by title alone is not current when the article says it ended ("徐雷…辞去CEO职务")."""
    ended = {(f.subject, f.object, f.role) for f in doc.facts if f.kind == "post" and f.status == "former"}
    doc.facts = [
        f for f in doc.facts if not (id(f) in weak and f.status == "current" and (f.subject, f.object, f.role) in ended)
    ]


def home_unit(doc: Document, narrator: str | None, lx: Lexicon) -> str | None:
    """The unit the first-person narrator leads: a memo by 京东零售's CEO sets up units of 京东零售."""
    if narrator is None or not any(m.kind == "cue" and m.value == "self" for m in doc.mentions):
        return None
    roles = lx.roles
    for f in doc.facts:
        if (
            f.kind == "post"
            and f.subject == narrator
            and f.status == "current"
            and f.role is not None
            and roles[f.role].head
            and f.object is not None
            and doc.entities[f.object].kind == "unit"
        ):
            return f.object
    return None


def _named_with(doc: Document, unit: str, default: str | None) -> str | None:
    """The company of a unit named only in someone's past: "此前曾在曼德斯斯图加特总部任电驱事业部副总裁"
    names another company's unit. ``default`` when the unit is named otherwise, or with the article's
    company (or with none); the other company named with it when there is one, else none."""
    facts = [f for f in doc.facts if unit in (f.subject, f.object)]
    if not facts or any(f.kind != "post" or f.status != "former" for f in facts):
        return default
    sentences = {s for (s, _), k in doc.links.items() if k == unit}
    companies = {
        k
        for (s, _), k in doc.links.items()
        if s in sentences and k in doc.entities and doc.entities[k].kind == "company"
    }
    if not companies or doc.main_org in companies or default in companies:
        return default
    return next(iter(companies)) if len(companies) == 1 else None


def subsidiaries(doc: Document, lx: Lexicon) -> None:
    """ "遠晴金控" and "遠晴銀行", "遠晴證券": a company named with the name of a group or holding company of the
    article (集团, 控股, 金控 …) is one of its subsidiaries, unless the text gives its parent."""
    parented = {f.subject for f in doc.facts if f.kind == "unitOf"}
    companies = sorted((k, e.name) for k, e in doc.entities.items() if e.kind == "company")
    for holding, name in companies:
        suffix = next((s for s in lx.holding_suffixes if name.endswith(s)), "")
        stem = name[: -len(suffix)] if suffix else ""
        if len(stem) < 2:
            continue
        for key, other in companies:
            prefix = PLACE_PREFIX if is_registered(other, lx) else 0  # "上海|优渡旅行社有限公司"
            named_with = stem in other[: prefix + len(stem)] and suffix not in other  # not the group's own full name
            if key != holding and key not in parented and named_with:
                doc.facts.append(Fact("unitOf", key, holding, -1))
                parented.add(key)


def default_parents(doc: Document, home: str | None = None) -> None:
    """A unit whose parent the text does not give belongs to the unit the narrator leads (``home``),
    else to the article's company. The parent is also recorded on the entity: a unit's IRI sits under
    its parent's (电商事业部 of 快手 and of 京东 are two units)."""
    explicit: dict[str, str | None] = {}
    for f in doc.facts:
        if f.kind == "unitOf":
            explicit.setdefault(f.subject, f.object)
    used = {f.subject for f in doc.facts} | {f.object for f in doc.facts}
    for key, e in doc.entities.items():
        if e.kind not in ("unit", "committee"):
            continue
        if key in explicit:
            e.parent = e.parent or explicit[key]
        elif key in used:
            parent = e.parent or (home if home and home != key else doc.main_org)
            if not e.parent and doc.main_org is not None:
                parent = _named_with(doc, key, parent)
            if parent and parent != key:
                e.parent = parent
                doc.facts.append(Fact("unitOf", key, parent, -1))


def reports_to_titles(doc: Document, pending: list[tuple[list[str], str, int]]) -> None:
    """ "向CEO汇报": to the one person the article gives that title now (a memo signed "CEO 林志远")."""
    if not pending:
        return
    holders: dict[str | None, set[str | None]] = {}
    for f in doc.facts:
        if f.kind == "post" and f.status == "current":
            holders.setdefault(f.role, set()).add(f.subject)
    stated = {(f.subject, f.object) for f in doc.facts if f.kind == "reportsTo"}
    for subjects, role, sentence in pending:
        bosses = holders.get(role, set())
        boss = next(iter(bosses)) if len(bosses) == 1 else None
        for s in subjects if boss is not None else ():
            if s != boss and (s, boss) not in stated:
                stated.add((s, boss))
                doc.facts.append(Fact("reportsTo", s, boss, sentence))
