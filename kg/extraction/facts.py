"""Relation and event rules over the items of each sentence.

A sentence's mentions become a string of one-letter tags (P person, O organization, R role,
D date, and a letter per cue word class, see :data:`kg.extraction.fact_tokens.TAGS`); the rules are regular expressions
over that string, in the spirit of spaCy's Matcher. Each rule's action turns a match into
:class:`~kg.model.Fact` s.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Document, Fact
from .datafiles import load_rules, rule
from .fact_lists import listed_units, tree_units
from .fact_sentence import AT, MOVES, RuleSentence
from .fact_state import Extractor, default_parents, drop_superseded, home_unit, reports_to_titles, subsidiaries
from .fact_tokens import RELATIVE, Tok, tokenize
from .tables import read_tables

if TYPE_CHECKING:
    from .resources import Resources

_SPEAKER = re.compile(r"P,")  # "蒋凡:"我们旗下…"": an interview answer, 我 is the speaker
_QUESTION = re.compile(r"_,")  # "问:": the interviewer asks
# a sentence with no subject of its own: no person, and no title before its first verb ("2019年加入公司,现任…")
# the sentence opens with a person, alone (not a list), maybe after a clause saying where it is told from
# ("公开资料显示,闻人杰,男,1968年生")
_OPENS_WITH_PERSON = re.compile(r"(?:_,)?P(?![sj])")
_ZERO_SUBJECT = re.compile(r"[^PiRafl]*[af]")


def read_rules(data_dir: Path) -> tuple[tuple[Callable, re.Pattern], ...]:
    """The rules of ``rules.tsv`` in ``data_dir``: (handler, compiled tag pattern), in order."""
    return tuple(load_rules("rules.tsv", _Sentence, data_dir))


class _Sentence(RuleSentence):
    """Rules applied to one sentence, with what earlier sentences left behind."""

    # -- rules ---------------------------------------------------------------------------
    def run(self):
        # "曾繁星,男,1981年出生。…2013年至2020年任…": a sentence without a subject goes on about the last one
        zero = "P" not in self.tags and "i" not in self.tags and _ZERO_SUBJECT.match(self.tags)
        self.ex.subject = self.ex.carried if zero else None
        if _SPEAKER.match(self.tags):
            self.ex.speaker = self.toks[0].key
            self.ex.narrator = self.ex.narrator or self.ex.speaker
        elif _QUESTION.match(self.tags):
            self.ex.speaker = None
        self.resolve_anaphora()
        if "P" not in self.tags and _is_heading(self.ex.doc.sentences[self.index].text):
            # "▌海外发行部升级为海外发行中心": what a heading names is what the lines under it are about
            units = [t.key for t in self.toks if t.tag == "O" and self.ex.doc.entities[t.key].kind != "company"]
            self.ex.recent_unit = units[-1] if units else self.ex.recent_unit
        tags, established = set(self.tags), _Sentence.established
        # the rules whose needed tags the sentence has (the others cannot match: a set test each, in one
        # comprehension, not a turn of the loop below each), in order; and ``established``, after which anaphora
        # are resolved whether it matched or not
        rules = [r for r, needs in zip(self.ex.rules, self.ex.rule_needs) if needs <= tags or r[0] is established]
        for handler, pattern in rules:
            for m in pattern.finditer(self.tags):
                handler(self, m)
            if handler is established:
                self.resolve_anaphora()  # "成立商家服务事业群,由…担任事业群总裁": set up in this sentence
        opening = _OPENS_WITH_PERSON.match(self.tags)
        if opening:
            self.ex.carried = self.toks[opening.end() - 1].key  # who the sentence is about
        elif "P" in self.tags or "i" in self.tags:
            self.ex.carried = self.ex.subject

    def resolve_anaphora(self) -> None:
        entities = self.ex.doc.entities
        for n, t in enumerate(self.toks):  # "新事业部由…负责": the unit just set up
            if t.tag != "O" or t.key not in self.ex.anaphoric:
                continue
            kind = entities[t.key].name
            if kind not in self.ex.suffixes:
                if self.ex.recent_unit is not None:
                    t.key = self.ex.recent_unit
                continue
            # the kind alone ("基地总经理"): the unit of that kind named just before in the sentence, else the
            # one just set up when it is of that kind ("工作室" is no 工作室群; 部门 is a 部)
            named = [u.key for u in self.toks[:n] if u.tag == "O" and u.key not in self.ex.anaphoric]
            earlier = [k for k in named if k is not None and any(n.endswith(kind) for n in entities[k].labels)]
            recent = self.ex.recent_unit
            if earlier:
                t.key = earlier[-1]
            elif recent is not None and entities[recent].name.endswith((kind, kind[0])):
                t.key = recent

    @rule()
    def leave(self, m):
        self.verb(m.start())
        self.used.add(m.start())  # what is left, before "由…接任" takes it

    @rule("role", "person")
    def title_is(self, m):
        """ "火山引擎总裁为谭待", "庭院机器人事业部,负责人为此前主导割草机项目的叶舟", "…,副主任为副总裁邹颖" (the
        organization of the clause before); titles between 为 and the name are the person's own."""
        role = self.toks[m.start("role")]
        if self.tags[m.start()] == "O":
            org = self.toks[m.start()].key
        else:  # "1.数字金融部:整合原网络金融部…,拟任负责人为X": a head of the unit the item is about
            topic = self.item_topic() if self.ex.lx.roles[role.key].head else None
            org = topic or self.last_org_before(m.start())
        self.post(self.toks[m.start("person")].key, org, role)

    @rule("people", "respectively", "units")
    def respectively_lead(self, m):
        """ "郑可欣、黄德明二人…,分别负责新能源板块和精密制造板块": the n-th person heads the n-th unit."""
        self.pair(m, people="people", units="units", role=_head_role())

    @rule("units", "respectively", "people")
    def respectively(self, m):
        """ "新设大卖场事业部、社区店事业部两个事业部,负责人分别为何宇航、欧晓彤": the n-th person, the n-th unit."""
        self.pair(m, people="people", units="units", role=self.toks[m.start("respectively") - 1])

    @rule("units", "respectively", "people", "verb", "role")
    def respectively_as(self, m):
        """ "新设上海中心、北京中心,分别由田志远、吕书涵担任负责人": the n-th person, the title in the n-th unit."""
        self.used.add(m.start("verb"))
        self.pair(m, people="people", units="units", role=self.toks[m.start("role")])

    @rule("people", "former", "roles")
    def is_title(self, m):
        """ "选举葛海蛟先生为本行董事长", "曲玉此前为蔚来财务副总裁" (former), "A和B为独立董事"."""
        status = "former" if m.group("former") else "current"
        for k in range(m.start("people"), m.end("people")):
            if self.toks[k].tag == "P":
                self.appoint(self.toks[k].key, m.start("roles"), m.end("roles"), status)

    @rule("successor", "predecessor", "roles")
    def succeed(self, m):
        self.used.update(range(m.start(), m.end()))
        # "…,2018年2月接替欧智华出任集团行政总裁": the new holder is the clause's subject when not named here
        new = self.toks[m.start("successor")].key if m.group("successor") else self.subject_before(m.start())
        old = self.toks[m.start("predecessor")].key
        if new is None:
            return
        self.appoint(new, m.start("roles"), m.end("roles"))
        self.appoint(old, m.start("roles"), m.end("roles"), status="former")
        self.ex.subject = new

    @rule()
    def established(self, m):
        cue, text = self.toks[m.start()].m, self.ex.doc.sentences[self.index].text
        new = cue.text.startswith(_NEW)
        if (text[cue.end : cue.end + 1] == "的" and not new) or text[cue.start - 1 : cue.start] == "的":
            return  # "组建的团队", "委员会的成立是…": describes a unit (but "新成立的执行委员会" is new)
        date = self.ex.sentence_date(self.index, before=m.start())
        for k in range(m.start(), m.end()):
            t = self.toks[k]
            if t.tag == "O" and self.ex.doc.entities[t.key].kind != "company":
                self.ex.add(Fact("established", t.key, None, self.index, date=date))
                self.ex.recent_unit = t.key
            elif t.tag == "O":
                self.founding(t.key, m.start() - 1, m.end())  # "1999年创立恒远集团"

    @rule("org", "date")
    def founded_in(self, m):
        """ "澎湃储能成立于2019年": a company's founding, dated."""
        self.founding(self.toks[m.start("org")].key, m.start("date"), m.end("date"))

    @rule("cue", "children", "children_of_last")
    def units(self, m):
        if m.group("cue"):
            parent = self.toks[m.start()].key
            kids = range(m.start("children"), m.end("children"))
        else:
            kids = range(m.start("children_of_last"), m.end("children_of_last"))
            if self.toks[m.start()].text.endswith(_SUBSIDIARY):
                # "公司以机器人事业部为基础设立的全资子公司X": a subsidiary's parent is a company, not a unit between
                k = self.nearest_before(m.start(), "company", self.names_a_company)
                parent = self.toks[k].key if k >= 0 else None
            else:
                parent = self.last_org_before(m.start())
        verb = self.toks[m.end("cue") - 1] if m.group("cue") else None
        if verb is not None and verb.m is not None and verb.m.value == "merge":
            return  # "A与B合并为C": C takes their place, it is no unit of B
        for k in kids:
            if self.toks[k].tag == "O" and parent and self.toks[k].key != parent:
                text = self.toks[m.start("cue") if m.group("cue") else m.start()].text
                if self.ex.doc.entities[self.toks[k].key].kind == "company" and not text.endswith(_SUBSIDIARY):
                    continue  # a company is nobody's unit, except its subsidiary
                self.ex.add(Fact("unitOf", self.toks[k].key, parent, self.index))

    @rule("units", "into")
    def merged_into(self, m):
        """ "淘宝、天猫、1688等业务归入该板块": the units before join the one after."""
        parent = self.toks[m.start("into")].key
        for k in range(m.start("units"), m.end("units")):
            if self.toks[k].tag == "O" and self.toks[k].key != parent:
                self.ex.add(Fact("unitOf", self.toks[k].key, parent, self.index))

    @rule("person")
    def apposition(self, m):
        person = self.toks[m.start("person")].key
        self.ex.subject = self.ex.subject or person
        chain = self.chain(m.start(), m.start("person"))
        for holder in [person] + self.addressed_list(m.start("person")):
            for org, role, former in chain:
                if org is None and former:  # "人寿董事长改由A兼任,原董事长B": the post just named
                    org = self.org_of_title_before(m.start(), role.key)
                n = len(self.ex.doc.facts)
                self.post(holder, org, role, "former" if former else "current")
                if len(self.ex.doc.facts) > n:  # a title says what holds, not when it began or ended
                    fact = self.ex.doc.facts[-1]
                    fact.date = fact.start = fact.end = None
                    if not former:
                        self.ex.weak.add(id(fact))

    @rule("also", "org", "role", "person", "verb", "roles")
    def by(self, m):
        """ "抖音由张楠担任CEO", "由CEO程一晓担任主席", "网易有道由CEO周枫负责"."""
        after = m.end("verb")
        if not m.group("org") and self.tags[after : after + 2] == "_O" and self.toks[after].text == RELATIVE:
            return  # "并入由副总裁柯蓝负责的长夜工作室": the unit after 的 is the one led (``leads`` reads it)
        self.used.add(m.start("verb"))
        person = self.toks[m.start("person")].key
        if m.group("org"):
            org = self.toks[m.start("org")].key
        else:  # "原数位金融处处长方怡君升任副总经理,处长一职由副处长辛志远升任": the post named before
            role = self.toks[m.start("role")].key if m.group("role") else None
            named = role and (self.org_of_title_before(m.start(), role) or self.unit_set_up_before(m.start(), role))
            if not m.group("role") and m.group("roles") and self.tags[m.start("roles")] == "R":
                # "新设数字金融部,整合…数据管理中心,由X担任总经理": a head's title after the verb is the new unit's
                named = self.unit_set_up_before(m.start(), self.toks[m.start("roles")].key)
            org = named or self.last_org_before(m.start())
        if m.group("role"):  # "家电家居事业部总经理由闫小兵暂时兼任"
            self.post(person, org, self.toks[m.start("role")])
            self.ex.subject = person
            return
        if m.group("roles"):
            verb = self.toks[m.start("verb")].m
            if verb is not None and verb.value in MOVES:
                self.ex.end_posts(person, self.index)  # "由银行总经理周建宏升任董事长": no longer 总经理
            for named, role, _former in self.chain(m.start("roles"), m.end("roles"), org):
                self.post(person, named or org, role)
        elif self.toks[m.start("verb")].tag == "k" or self.takes_over(m.start("verb")):
            between = self.toks[self.tags.index("b", m.start()) + 1 : m.start("person")]
            left = self.ex.left_roles.get(self.index)
            if self.takes_over(m.start("verb")) and left:
                for org_, role in left:
                    self.post(person, org_, role)
            elif org and self.ex.doc.entities[org].kind != "company":
                lx = self.ex.lx
                department = lx.suffix_re.search(self.ex.doc.entities[org].name) is not None
                titles = (
                    [
                        t
                        for t in between
                        if t.tag == "R" and lx.roles[t.key].head and not (department and t.key in lx.company_roles)
                    ]
                    if not any(t.tag == "O" for t in between)
                    else []
                )
                # "网易有道由CEO周枫负责": a leading title is the unit's (an SVP stays the company's; so does the
                # CEO who leads a department: "市场部由CEO奚言负责")
                for title in titles:
                    self.retarget(person, title, org)
                if not titles:
                    self.post(person, org, _head_role())  # "由张勇负责" leads a unit, not the company
                    for k in range(m.start("also"), m.end("also")) if m.group("also") and m.group("org") else ():
                        if self.tags[k] == "O" and self.ex.doc.entities[self.toks[k].key].kind != "company":
                            self.post(person, self.toks[k].key, _head_role())  # "将A和B交由X统一管理"
        self.ex.subject = person

    @rule()
    def verb(self, m_or_index):
        i = m_or_index if isinstance(m_or_index, int) else m_or_index.start()
        if i in self.used:
            return
        t = self.toks[i]
        if t.tag == "f" and (i + 1 >= len(self.toks) or self.toks[i + 1].tag not in "OR"):
            return
        if i > 0 and self.toks[i - 1].tag in "bn":
            return
        j = i + 1
        # the titles after the verb: "出任CTO兼首席架构师", "获委任为新成立的执行委员会主席" (a set-up cue and 的
        # describe the unit)
        while j < len(self.toks) and (
            self.toks[j].tag in "ORsjpe"
            or (self.toks[j].tag == "_" and j + 1 < len(self.toks) and self.toks[j + 1].tag in "RO")
            or (self.toks[j].tag == "u" and self.toks[j - 1].tag == "O" and self.tags[j + 1 : j + 2] == "O")
        ):  # "担任公司全资子公司X执行董事": the post is in the company named last
            j += 1
        if t.tag == "f" and j < len(self.toks) and self.toks[j].tag == "P":
            return  # "原首席财务官樊欣": a title before a name (apposition), not a verb
        roles = self.chain(i + 1, j)
        person = self.subject_before(i)
        if self.toks[i + 1 : i + 2] and self.toks[i + 1].text == RELATIVE and self.tags[j : j + 1] == "P":
            person = self.toks[j].key  # "感谢即将退休的集团高级副总裁丁卫国": the verb describes the one named after 的
        if person is None:
            return
        for other in self.coordinated_before(i):  # "A、B、C当选副董事长": each of them
            if other != person:
                self._verb_for(other, t, i, roles)
        self._verb_for(person, t, i, roles)

    def _verb_for(self, person: str, t: Tok, i: int, roles: list) -> None:
        self.ex.subject = person
        if t.tag == "l":
            if (self.ex.pending and self.announced(t)) or self.dated_ahead(t):
                # "将辞任行政总裁" in an announcement that takes effect later: the post still holds, and
                # whoever "接任" takes it on
                for org, role, _ in roles:
                    self.post(person, org, role)
                held = [(org, role) for org, role, _ in roles]
                self.ex.left_roles[self.index] = held or self.ex.end_posts(person, self.index, ending=False)
                return
            left = []
            if not roles:  # "卸任上述职务", "因个人原因退休": the posts named with the name end
                org = self.toks[i + 1].key if i + 1 < len(self.toks) and self.toks[i + 1].tag == "O" else None
                left = self.ex.end_stated_post(person, self.index) if org is None else []
                left = left or self.ex.end_posts(person, self.index, org)  # "…退休,由X接任" takes them
            for org, role, _ in roles:
                if role.key in self.ex.lx.lasting_roles:
                    self.post(person, org, role)  # "CEO交棒 创始人陶建平…": a founder stays one
                    continue
                self.post(person, org, role, "former")
                left.append((org, role))
            self.ex.left_roles[self.index] = left
            return
        # "此前兼任总裁", "曾在美国一家公司担任总监": a verb after 此前/原/曾在 tells a former post
        status = "former" if t.tag == "f" or self.former_before(i) else "current"
        if t.tag == "a" and t.text.startswith("接") and not roles:
            return
        if t.m is not None and t.m.value in MOVES and roles:
            self.ex.end_posts(person, self.index)  # "技术长林志远升任总经理", "处长X调任经理": no longer CTO
        # the organization named before the verb, unless it is a former one ("前美家集团中国区总裁X出任CEO")
        k = self.nearest_before(
            i,
            "named org",
            lambda k: (
                self.tags[k] == "O"
                and (om := self.toks[k].m) is not None
                and om.kind == "org"
                and not (k > 0 and self.tags[k - 1] == "f" and not self.toks[k - 1].text.endswith(AT))
                and self.tags[k + 1 : k + 3] != "RP"  # "清华大学教授雷晓鸥": another person's title
            ),
        )
        named = self.toks[k].key if k >= 0 else None
        unnamed_place = i >= 1 and self.at_unnamed_place(i - 1)
        for org, role, former in roles:
            if org is None and unnamed_place:
                continue  # "他此前在一家德国豪华车企担任电池采购负责人": held somewhere the text does not name
            self.post(person, org or named, role, "former" if former else status)

    @rule()
    def members(self, m):
        org = self.last_org_before(m.start() + 1 if self.tags[m.start()] == "O" else m.start())
        if self.tags[m.start()] == "O":
            org = self.toks[m.start()].key
        if org is None:
            return
        # "审计委员会由A(主任委员)、B、C组成": a committee's composition, like its roster, seats each as a member
        composition = "z" in m.group() and self.ex.doc.entities[org].kind == "committee"
        k = m.start()
        while k < m.end():
            t = self.toks[k]
            if t.tag == "P":
                self.ex.add(Fact("memberOf", t.key, org, self.index))
                role = self.toks[k + 1] if k + 1 < len(self.toks) and self.toks[k + 1].tag == "R" else None
                heads = role is not None and self.ex.lx.roles[role.key].head
                if role is not None:
                    # "曾从钦先生(主任委员)": leads the committee; "郭丹女士(独立董事)": a post elsewhere
                    self.post(t.key, org if heads else None, role)
                if composition and not heads:
                    self.post(t.key, org, _member_role())
            k += 1

    @rule("org", "members")
    def roster(self, m):
        """ "审计委员会:顾文涛(主任委员)、周明川、沈慧敏": the members of an organization, a title after a name."""
        org = self.toks[m.start("org")].key
        committee = self.ex.doc.entities[org].kind == "committee"
        for k in range(m.start("members"), m.end("members")):
            t = self.toks[k]
            if t.tag != "P":
                continue
            self.ex.add(Fact("memberOf", t.key, org, self.index))
            role = self.toks[k + 1] if k + 1 < len(self.toks) and self.toks[k + 1].tag == "R" else None
            if role is not None:
                self.post(t.key, org if committee or self.ex.lx.roles[role.key].head else None, role)
            elif committee:
                self.post(t.key, org, _member_role())

    @rule("person", "roles", "org")
    def table_row(self, m):
        """ "张三 | 总裁 | 云事业群", "沈嘉明 | 董事长兼CEO | 曜石科技": a row of a table of posts."""
        for role in self.toks[m.start("roles") : m.end("roles")]:
            if role.tag == "R":
                self.post(self.toks[m.start("person")].key, self.toks[m.start("org")].key, role)

    @rule("span", "org", "roles")
    def career_row(self, m):
        """ "2011.04—2016.09,北京泰源云计算有限公司,产品总监": a line of a résumé, about the person it is of;
        a span that ends is a former post, one that runs "至今" a current one."""
        person = self.ex.subject or self.ex.carried  # a line without a verb, and so without a subject
        if person is None:
            return
        ended = "D" in m.group("span")
        org = self.toks[m.start("org")].key
        for named, role, former in self.chain(m.start("roles"), m.end("roles"), org):
            self.post(person, named, role, "former" if ended or former else "current")

    @rule("org", "role", "person")
    def unit_head(self, m):
        """ "合并为战略投资部,部长崔宏伟": a unit, then its head."""
        unit, role = self.toks[m.start("org")].key, self.toks[m.start("role")]
        if self.ex.doc.entities[unit].kind != "company" and self.ex.lx.roles[role.key].head:
            self.retarget(self.toks[m.start("person")].key, role, unit)

    @rule("person", "org")
    def leads(self, m):
        """ "陈静将负责新成立的海外事业部": the person heads the unit."""
        unit = self.toks[m.start("org")].key
        if self.ex.doc.entities[unit].kind != "company":
            self.post(self.toks[m.start("person")].key, unit, _head_role())

    @rule("person")
    def leads_it(self, m):
        """ "▌新设发行技术中心 / …江语嫣继续负责": leading, with no object, the unit just named."""
        if self.ex.recent_unit is not None:
            self.post(self.toks[m.start("person")].key, self.ex.recent_unit, _head_role())

    @rule("person", "roles")
    def dismissed(self, m):
        """ "免去柯长青同志的集团海外事业部总经理职务": the person named after the verb leaves the posts."""
        person = self.toks[m.start("person")].key if m.group("person") else self.ex.subject  # "免去其…职务"
        if person is None:
            return
        for org, role, _former in self.chain(m.start("roles"), m.end("roles")):
            self.post(person, org, role, "former")

    @rule("org", "roles", "holders")
    def title_line(self, m):
        """ "公司总经理:何文斌", "委员:季泽(常务副总裁)、武云飞(集团副总裁、总工程师)": a line that gives a post,
        then its holders; the titles after a holder's name are their posts in the organizations named there
        (the whole company when none is)."""
        org = self.toks[m.start("org")].key if m.group("org") else None
        self.ex.listed_titles = (self.index, org, [self.toks[k] for k in range(m.start("roles"), m.end("roles"), 2)])
        items: list[list[int]] = []  # the tokens of each holder: a segment with a name, then those without
        segment: list[int] = []
        for k in range(m.start("holders"), m.end("holders") + 1):
            if k < m.end("holders") and self.toks[k].tag != "s":
                segment.append(k)
                continue
            if any(self.toks[i].tag == "P" for i in segment) or not items:
                items.append(segment)
            else:
                items[-1].extend(segment)
            segment = []
        for item in items:
            name = next((i for i in item if self.toks[i].tag == "P"), None)
            if name is None:
                continue
            holder = self.toks[name].key
            for k in range(m.start("roles"), m.end("roles"), 2):  # "常务副总经理兼董事会秘书:俞丹枫": each title
                self.post(holder, org, self.toks[k])
            after = [i for i in item if i > name]
            if after:
                for named, role, _former in self.chain(after[0], after[-1] + 1):
                    self.post(holder, named or self.ex.default_org(role.key, self.index), role)

    @rule("person")
    def continued_line(self, m):
        """ "副组长:魏立诚(集团总经理)" then a line "华明远(集团副总经理)": a name opening the line under a title
        line, a note after it, is one more holder of that line's titles."""
        listed, person = self.ex.listed_titles, self.toks[m.start("person")]
        if listed is None or listed[0] != self.index - 1 or person.m is None:
            return
        if self.ex.doc.sentences[self.index].text[person.m.end : person.m.end + 1] not in ("(", "（"):
            return
        _, org, roles = self.ex.listed_titles = (self.index, *listed[1:])
        for role in roles:
            self.post(person.key, org, role)

    @rule("org", "person")
    def founded(self, m):
        """ "腾飞集团由王建林于1998年创办": the person founded the organization (in 1998)."""
        self.post(self.toks[m.start("person")].key, self.toks[m.start("org")].key, _role_tok("founder"))
        self.founding(self.toks[m.start("org")].key, m.start("person"), m.end())

    @rule("person", "org", "particle", "role")
    def described_as(self, m):
        """ "王建林,腾飞集团的创始人": a title after the name, set off by a comma."""
        if m.group("particle") and self.toks[m.start("particle")].text != "的":
            return
        self.post(self.toks[m.start("person")].key, self.toks[m.start("org")].key, self.toks[m.start("role")])

    @rule("role", "old", "new")
    def changed_to(self, m):
        """ "法定代表人由冼国梁变更为鲍欣然": the title passes from the first to the second."""
        role = self.toks[m.start("role")]
        self.used.update(range(m.start(), m.end()))
        self.post(self.toks[m.start("old")].key, None, role, "former")
        self.post(self.toks[m.start("new")].key, None, role)

    @rule("former", "role")
    def form_title(self, m):
        """ "新任高级管理人员职务:副总经理": a form's field for the title of the one its next field names."""
        self.ex.form_title = self.toks[m.start("role")]

    @rule("former", "person")
    def form_name(self, m):
        """ "新任高级管理人员姓名:孙宁泽" after the title's field; "离任…姓名:X": the post is left."""
        if self.ex.form_title is not None:
            status = "former" if m.group("former") else "current"
            self.post(self.toks[m.start("person")].key, None, self.ex.form_title, status)
            self.ex.form_title = None

    @rule("org")
    def remains(self, m):
        """ "不再担任公司副总经理,仍在公司担任其他职务": the subject stays one of the organization's people."""
        org = self.toks[m.start("org")].key
        if self.ex.subject is not None and org is not None:
            self.ex.add(Fact("memberOf", self.ex.subject, org, self.index))

    @rule("boss", "also_boss")
    def reports(self, m):
        """ "王莆中将向王兴汇报"; "双线汇报给我和CTO范哲": to each of the bosses named."""
        for n in ("boss", "also_boss"):
            if m.group(n):
                boss = self.ex.speaker_or_author() if m.group(n) == "i" else self.toks[m.start(n)].key
                if boss is not None:
                    self.reports_to(m, boss)

    @rule("title")
    def reports_to_title(self, m):
        """ "…担任事业部总经理,向CEO汇报": to whoever the article says is CEO (read at the end)."""
        role = self.toks[m.start("title")].key
        if role is not None:
            self.ex.reports_to_titles.append((self.report_subjects(m, None), role, self.index))


_SENTENCE_END = re.compile(r"[。.!?！？;；:：]\s*$")
_HEADING_CHARS = 30  # a heading is short


def _is_heading(text: str) -> bool:
    """A line that ends without a sentence's punctuation, and is short: a heading."""
    return len(text.strip()) <= _HEADING_CHARS and not _SENTENCE_END.search(text)


_SUBSIDIARY = ("公司", "机构")  # "全资子公司", "附属机构": the company after it belongs to the one before
_NEW = "新"  # "新成立的…": a unit set up just now


def _head_role() -> Tok:
    return _role_tok("head")


def _member_role() -> Tok:
    return _role_tok("member")


def _role_tok(role_id: str) -> Tok:
    """A title the construction implies rather than names ("由X创办": founder)."""
    return Tok("R", role_id, None, "")


def extract_facts(doc: Document, resources: Resources) -> Document:
    ex = Extractor(doc, resources)
    by_sentence = ex.by_sentence
    for s in doc.sentences:
        ex.dates[s.index] = [(m.start, m.value) for m in by_sentence.get(s.index, []) if m.kind == "date"]
    # first: a sentence after a table may speak of its heads; a row is read by its columns, and each cell as a
    # clause of its own ("| 智能云事业群 | 卜凡 | 总裁 | 集团CEO周楚 |": 总裁 is 卜凡's, not the boss's)
    rows = read_tables(doc, ex.lx, "head", ex.add, by_sentence)
    for s in doc.sentences:
        if s.noise:
            continue
        items = by_sentence.get(s.index, [])
        for start, end in rows.get(s.index, [(0, len(s.text))]):
            text = s.text if s.index not in rows else " " * start + s.text[start:end] + " " * (len(s.text) - end)
            toks = tokenize(doc, s.index, [m for m in items if start <= m.start and m.end <= end], text)
            # date positions in token space, for "the date before the verb"
            ex.dates[s.index] = [(i, t.key) for i, t in enumerate(toks) if t.tag == "D" and t.key is not None]
            _Sentence(ex, s.index, toks).run()
    drop_superseded(doc, ex.weak)
    listed_units(doc, ex)
    tree_units(doc, ex)
    reports_to_titles(doc, ex.reports_to_titles)
    subsidiaries(doc, ex.lx)
    default_parents(doc, home_unit(doc, ex.narrator, ex.lx))
    doc.record_roles(resources.lexicon.roles)
    return doc
