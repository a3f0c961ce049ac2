"""One sentence as the relation rules see it: its tokens and tag string, what earlier sentences left
(:class:`~kg.extraction.fact_state.Extractor`), and the readings every rule shares.

Why a module of its own: the rules (one method per handler of ``rules.tsv``, in
:mod:`kg.extraction.facts`) say what a match means; the readings they share (the titles of a chain,
the subject before a verb, the organization named last, a list of names) and the one way a post is
added are the same for all of them. ``facts._Sentence`` inherits this class, so a rule reads as what it
matches and does, and neither module grows past a screenful of rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Fact
from .dates import number
from .fact_state import Extractor
from .fact_tokens import ITEM_NUMBER, RELATIVE, Tok

_TOPIC = re.compile(r"_?O,")  # "1. 阿里云智能集团:张勇兼任CEO"
_SECTION = re.compile(r"(?:_s?)?O")  # "一、集团管理委员会": a heading that names what the lines below are about
_LIST_LINE = re.compile(r"R,")  # "主任:宗立新(董事长)": a line of such a list
_ADVERBIAL = frozenset({"同时", "将", "均", "分别", "共同", "一同"})  # between a list of names and its verb
_GROUP_SIZE = re.compile(r"([一二两三四五六七八九十\d]{1,2})(?:个|位|名|人)")  # "三个部门负责人"
_APPOINTING = frozenset("wa")  # 为, 任/出任: the tags of the verbs that appoint to a title


# a list item that opens with what it is about: "1.数字金融部:", "(二)审计委员会:"
_TOPIC_COLON = re.compile(rf"(?:{ITEM_NUMBER.pattern})?\s*[^,，:：;；。]{{2,24}}[:：]")
_FUTURE = ("将", "拟")  # before a verb: it is still to happen
# "将于9月30日卸任", "拟自2025年1月1日起辞任": the day it is to happen, right before the verb
_FUTURE_DATE = re.compile(r"(?:将|拟|將|擬)(?:于|於|自|在)[^,;:。]{2,14}?(?:起|后|後)?$")
_RESPECTIVELY = "分别"  # pairs two lists in order
AT = "在"  # "曾在微软中国担任技术总监": the place where a post was held follows
MOVES = frozenset({"promote", "move"})  # verbs that take the subject out of the posts named with the name
_UNNAMED = re.compile(r"一家|某家|一间")  # "(加盟)一家造车新势力": an organization no name is given
_ENDED_SPAN = re.compile(r"D[_,]{0,2}D,")  # a line that opens with the span of years it is about
_SPAN_JOIN = re.compile(r"\s*(?:至|到|[—–~\-－])+\s*")  # between the two dates of a span: "2012年6月至2019年12月"


class RuleSentence:
    """One sentence's tokens, with what earlier sentences left behind, and the readings rules share."""

    def __init__(self, ex: "Extractor", index: int, toks: list[Tok]):
        self.ex, self.index, self.toks = ex, index, toks
        self.tags = "".join(t.tag for t in toks)
        self.used: set[int] = set()  # verb tokens a rule has read already
        self._before: dict[str, list[int]] = {}  # see nearest_before
        self._first_named: dict[str | None, int] = {}  # person -> the index of their first mention here
        for k, t in enumerate(toks):
            if t.tag == "P":
                self._first_named.setdefault(t.key, k)
            elif t.tag == "O" and t.key is not None:
                ex.last_named[t.key] = index
        self._index_of = {id(t): k for k, t in enumerate(toks)}  # a token's place, read in constant time
        self._current_posts: dict[str, str] = {}  # role id -> the organization of the last current post given
        topic = _TOPIC.match(self.tags)
        self.topic = toks[topic.end() - 2].key if topic else None
        if _SECTION.fullmatch(self.tags):
            ex.section = toks[-1].key
        elif not _LIST_LINE.match(self.tags):
            # a line of prose ends the section, unless it is about the section's unit ("下设X办公室,办公室设在…")
            if not any(t.key == ex.section for t in toks if t.tag == "O"):
                ex.section = None
        elif self.topic is None:
            self.topic = ex.section

    # -- helpers -------------------------------------------------------------------------
    def post(self, person, org, role_tok: Tok, status="current", verb=None):
        if person is None or role_tok is None:
            return
        org = org or (
            None
            if role_tok.key in self.ex.lx.outside_roles
            else self.principal_org(role_tok)
            or self.topic
            or self.ex.known_org(person, role_tok.key, self.index)
            or self.ex.default_org(role_tok.key, self.index)
        )
        if org is None or org == person:
            return
        named = role_tok.text and self.ex.lx.role_by_form.get(role_tok.text.lower()) != role_tok.key
        title = role_tok.text if named else None
        date = self.ex.own_date(self.index)
        span = self.span_before(role_tok) if status == "former" else None
        self.ex.add(
            Fact(
                "post",
                person,
                org,
                self.index,
                role=role_tok.key,
                title=title,
                status=status,
                date=date,
                start=span[0] if span else date if status == "current" else None,
                end=span[1] if span else date if status == "former" else None,
            )
        )
        if status == "current" and role_tok.key is not None:
            self._current_posts[role_tok.key] = org

    def principal_org(self, role_tok: Tok) -> str | None:
        """ "任命A为物流中心总监,B为副总监": a deputy's title named without its organization right after a verb
        of appointment is in the organization of the principal's post this sentence gave just before."""
        principal = self.ex.lx.principal_of.get(role_tok.key or "")
        at = self._index_of.get(id(role_tok), 0)
        if principal is None or at == 0 or self.toks[at - 1].tag not in _APPOINTING:
            return None
        return self._current_posts.get(principal)

    def chain(self, i: int, j: int, default_org=None) -> list[tuple[str | None, Tok, bool]]:
        """(org, role, former) for each title in toks[i:j] ("原集团副总裁", "董事长兼CEO")."""
        out: list[tuple[str | None, Tok, bool]] = []
        org, former_all, former_next = default_org, False, False
        for k in range(i, j):
            t = self.toks[k]
            if t.tag == "f":
                if k == i or (k == i + 1 and self.toks[i].tag == "O"):  # "公司原副总经理兼董事会秘书": both past
                    former_all = True
                else:
                    former_next = True
            elif t.tag == "O":
                org = t.key
            elif t.tag == "R":
                if out and self.toks[k - 1].tag == "s" and not self.same_ladder(out[-1][1].key, t.key):
                    org = self.company_org(org, default_org)  # "历任技术中心主任、副总经理": the company's
                out.append((org, t, former_all or former_next))
                former_next = False
        return out

    def same_ladder(self, before: str | None, role: str | None) -> bool:
        """Two titles of one unit's ladder: the same, or a deputy's and its principal's (副经理、经理)."""
        principal = self.ex.lx.principal_of
        return before == role or principal.get(before or "") == role or principal.get(role or "") == before

    def company_org(self, org: str | None, default_org: str | None) -> str | None:
        """``org`` if it is no unit, else the organization the chain started in."""
        entity = self.ex.doc.entities.get(org) if org else None
        return default_org if entity is not None and entity.kind in ("unit", "committee") else org

    def nearest_before(self, i: int, name: str, wanted: Callable[[int], bool]) -> int:
        """The index of the nearest token before ``i`` that is ``wanted`` (-1 if none), from a table built
        once per sentence under ``name``: walking back from every verb would be quadratic in a long one."""
        table = self._before.get(name)
        if table is None:
            table, last = [], -1
            for k in range(len(self.toks)):
                table.append(last)
                if wanted(k):
                    last = k
            table.append(last)
            self._before[name] = table
        return table[i]

    def last_org_before(self, i: int) -> str | None:
        # not an organization in someone's title ("…,常务副主任由质量副总裁柴立新担任,委员包括…")
        k = self.nearest_before(i, "O", lambda k: self.tags[k] == "O" and self.tags[k + 1 : k + 3] != "RP")
        return self.toks[k].key if k >= 0 else self.ex.recent_unit

    def at_unnamed_place(self, k: int) -> bool:
        """Token ``k`` is the place a post was held, words that name no organization after 在 ("在一家德国车企",
        "曾在|美国一家公司")."""
        if self.tags[k] != "_":
            return False
        text = self.toks[k].text
        j = k
        while j >= 0 and self.tags[j] == "_":
            if _UNNAMED.match(self.toks[j].text):
                return True  # "加盟一家造车新势力任高级副总裁": no name given to where the post is held
            j -= 1
        return text.startswith(AT) or (k >= 1 and self.tags[k - 1] == "f" and self.toks[k - 1].text.endswith(AT))

    def names_a_company(self, k: int) -> bool:
        key = self.toks[k].key
        return self.tags[k] == "O" and key is not None and self.ex.doc.entities[key].kind == "company"

    def unit_set_up_before(self, i: int, role: str) -> str | None:
        """ "集团新设数字化转型办公室,挂靠信息中心,主任由冯晓东兼任": a unit's head title named alone after a clause
        that sets the unit up is the new unit's (a post of the whole company, CEO or 董事长, is not)."""
        k = self.nearest_before(i, "e", lambda k: self.tags[k] == "e" and self.tags[k + 1 : k + 2] == "O")
        if k < 0 or not self.ex.lx.roles[role].head or role in self.ex.lx.company_roles:
            return None
        unit = self.toks[k + 1].key
        return unit if unit is not None and self.ex.doc.entities[unit].kind != "company" else None

    def item_topic(self) -> str | None:
        """The unit a line is about when it opens with it and a colon ("1.数字金融部:…")."""
        if self.tags.startswith("O,") and _TOPIC_COLON.match(self.ex.doc.sentences[self.index].text):
            key = self.toks[0].key
            if key is not None and self.ex.doc.entities[key].kind != "company":
                return key
        return None

    def org_of_title_before(self, i: int, role: str | None) -> str | None:
        """The organization of the nearest title ``role`` before ``i`` that names one ("远晴人寿董事长")."""
        for k in range(i - 1, 0, -1):
            if self.tags[k] == "R" and self.toks[k].key == role and self.tags[k - 1] == "O":
                return self.toks[k - 1].key
        return None

    def addressed_list(self, k: int) -> list[str]:
        """ "独立非执行董事邝国华先生、梁兆康先生及杜雅文女士": in an announcement's list of names, each with a
        form of address, the title before the first is every one's."""
        out: list[str] = []
        while (
            self.addressed(k)
            and k + 2 < len(self.toks)
            and self.toks[k + 1].tag in "sj"
            and self.toks[k + 2].tag == "P"
            and self.addressed(k + 2)
        ):
            k += 2
            key = self.toks[k].key
            if key is not None:  # a person's token: every person mention is linked (kg.extraction.resolve)
                out.append(key)
        return out

    def addressed(self, k: int) -> bool:
        mention = self.toks[k].m
        text = self.ex.doc.sentences[self.index].text
        return mention is not None and any(text.startswith(h, mention.end) for h in self.ex.lx.honorifics)

    def retarget(self, person: str, title: Tok, org: str) -> None:
        """Move the post a title gave without an organization (to the article's company) to ``org``."""
        for f in self.ex.doc.facts:
            if (
                f.kind == "post"
                and f.sentence == self.index
                and f.subject == person
                and f.role == title.key
                and id(f) in self.ex.weak
            ):
                f.object = org
                return
        self.post(person, org, title)

    def appoint(self, person, i, j, status="current"):
        if status == "current":
            self.ex.subject = person
        for org, role, former in self.chain(i, j):
            self.post(person, org, role, "former" if former or status == "former" else "current")

    def subject_before(self, i: int) -> str | None:
        """The person a verb at ``i`` is about: the nearest person before it in the clause."""
        # a clause without its own subject continues the last one: a clause break stops the walk back
        stops = "Pibn," if self.ex.subject and not self.named_only_after(self.ex.subject, i) else "Pibn"
        k = self.nearest_before(i, stops, lambda k: self.tags[k] in stops)
        if k < 0:
            return self.ex.subject
        t = self.toks[k]
        if t.tag == "P":
            return t.key
        if t.tag == "i":
            return self.ex.speaker_or_author()
        if t.tag in "bn":
            return None
        return self.ex.subject

    def named_only_after(self, person: str, i: int) -> bool:
        """``person`` is named in this sentence, after ``i`` only: a rule that read a later clause set the subject
        ("…,出任总裁一职,向CEO龙腾飞汇报" is not about 龙腾飞's 总裁 post)."""
        return self._first_named.get(person, -1) > i

    def coordinated_before(self, i: int) -> list[str]:
        """The persons of a list right before ``i`` ("张华、李强二人同时出任"), or none."""
        k = i - 1
        while k >= 0 and (self.toks[k].tag == "g" or (self.toks[k].tag == "_" and self.toks[k].text in _ADVERBIAL)):
            k -= 1
        out: list[str] = []
        while k >= 0 and self.toks[k].tag == "P":
            key = self.toks[k].key
            if key is not None:  # every person mention is linked (kg.extraction.resolve)
                out.append(key)
            k -= 1
            while k >= 0 and self.toks[k].tag in "ROf":
                k -= 1  # "钟佩琪女士、独立董事姚文渊先生任委员": each name may have its title
            if k <= 0 or self.toks[k].tag not in "sj":
                break
            k -= 1
        return out if len(out) > 1 else []

    def span_before(self, role_tok: Tok) -> tuple[str, str] | None:
        """The span of dates nearest before a title ("2012年6月至2019年12月任X公司技术总监"): when the post
        began and when it ended."""
        at = self._index_of.get(id(role_tok))
        dates = [t for t in self.toks[:at] if t.tag == "D"] if at is not None else []
        if len(dates) < 2:
            return None
        (first, began), (last, ended) = (dates[-2].m, dates[-2].key), (dates[-1].m, dates[-1].key)
        text = self.ex.doc.sentences[self.index].text
        if first and last and began and ended and _SPAN_JOIN.fullmatch(text[first.end : last.start]):
            return began, ended
        return None

    def former_before(self, i: int) -> bool:
        """A former cue opens the clause of the verb at ``i``, with only places and times between, or the
        clause gives the span of years the post was held."""
        k, dates = i - 1, 0
        while k >= 0 and self.toks[k].tag in "_DO":
            dates += self.toks[k].tag == "D"
            k -= 1
        if _ENDED_SPAN.match(self.tags):
            return True  # a résumé's line "2016.10—2023.07,X公司,…其中2020年起兼任…": all of it is past
        if k >= 2 and self.tags[k - 2 : k + 1] == "f,P" and (k == 2 or self.tags[k - 3] == ","):
            return True  # "此前,陆鸣皋担任该行副行长": the former cue opens the clause, then its subject
        return (k >= 0 and self.toks[k].tag == "f") or dates >= 2  # "2005年至2012年任…": a span that ended

    def founding(self, org: str | None, i: int, j: int) -> None:
        """A company set up in the year or on the date the tokens i..j give (none: no founding is read, as a
        company named after 成立 without a date is mostly one already there: "成立以来", "成立十周年")."""
        dates = [t.key for t in self.toks[max(0, i) : j] if t.tag == "D" and t.key]
        if org is not None and dates:
            self.ex.add(Fact("established", org, None, self.index, date=dates[0]))

    def report_subjects(self, m, boss: str | None) -> list[str]:
        """Who reports: the names before the cue, a group of heads just appointed, or the clause's subject."""
        subjects: list[str] = []
        k, group = m.start() - 1, False
        while k >= 0 and self.toks[k].tag in "PsORjf_gD":  # (a date too: "从6月3日起改为向…")
            if self.toks[k].tag == "P":
                subjects.append(self.toks[k].key)
            group = group or self.toks[k].tag in "gR"
            k -= 1
        if group and not subjects:  # "二人均向雷军汇报", "各业务板块负责人直接向…汇报"
            described = "".join(t.text for t in self.toks[k + 1 : m.start()])
            subjects.extend(self.ex.recent_appointees(self.index, boss, self.kind_of_units(described)))
            size = _GROUP_SIZE.search(described)
            count = number(size.group(1)) if size else None
            if count and count < len(subjects):  # "三个部门负责人": the three named last
                subjects = subjects[-count:]
        if not subjects:
            subjects = [self.ex.subject] if self.ex.subject else []
        return [s for s in subjects if s]

    def kind_of_units(self, described: str) -> str | None:
        """ "五大区负责人" → 区, "各事业部总经理" → 事业部: the kind of unit a counted group of heads heads."""
        counted = self.ex.text_tables.count.search(described)
        first_title = next(self.ex.lx.roles_matcher.finditer(described), None)
        if counted is None or first_title is None or first_title[0] <= counted.end():
            return None
        units = described[counted.end() : first_title[0]].removesuffix(RELATIVE)  # "三个中心的主任"
        return next((s for s in self.ex.lx.suffixes_longest_first if units.endswith(s)), units[-1:] or None)

    def announced(self, verb: Tok) -> bool:
        """The verb is said of the future ("将辞任", "拟辞去")."""
        if verb.m is None:
            return False
        text = self.ex.doc.sentences[self.index].text
        before = re.split(r"[,;:]", text[max(0, verb.m.start - len("将于同日")) : verb.m.start])[-1]
        return any(w in before for w in _FUTURE)

    def dated_ahead(self, verb: Tok) -> bool:
        """The verb is said of a day to come ("将于9月30日卸任"): FORMAT's future effective date."""
        text = self.ex.doc.sentences[self.index].text
        return verb.m is not None and _FUTURE_DATE.search(text, 0, verb.m.start) is not None

    def pair(self, m, people: str, units: str, role: Tok) -> None:
        """Two lists read in order after 分别 (group ``respectively``): the n-th person, ``role`` in the n-th unit."""
        holders = [t.key for t in self.toks[m.start(people) : m.end(people)] if t.tag == "P"]
        orgs = [t.key for t in self.toks[m.start(units) : m.end(units)] if t.tag == "O"]
        if len(orgs) != len(holders) or self.toks[m.start("respectively")].text != _RESPECTIVELY:
            return
        for org, person in zip(orgs, holders):
            if org is not None and self.ex.doc.entities[org].kind != "company":
                self.post(person, org, role)

    def takes_over(self, i: int) -> bool:
        """The verb at ``i`` takes a post someone leaves: "由X接任", "由X升任"."""
        verb = self.toks[i]
        return verb.text.startswith("接") or (verb.m is not None and verb.m.value in MOVES)

    def reports_to(self, m, boss: str) -> None:
        for s in self.report_subjects(m, boss):
            if s and s != boss:
                self.ex.add(Fact("reportsTo", s, boss, self.index))
