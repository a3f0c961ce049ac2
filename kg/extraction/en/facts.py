"""English relation rules over each sentence's tag string (the rules are data: kg/data/en/rules.tsv).

The same scheme as :mod:`kg.extraction.facts`: a sentence's mentions become one letter each, the rules are
regular expressions over that string, and each rule's handler turns a match into
:class:`~kg.model.Fact` s. English puts titles on both sides of a name ("Ana Lopez, President";
"chief executive Yu Yongfu") and names the organization after the title ("President of X").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ...model import Document, Fact
from ..datafiles import load_rules, rule
from ..facts import default_parents, drop_superseded
from . import passes
from .extractor import Extractor, Status, TaggedSentence
from .resources import EnglishResources
from .text import is_list_item
from .tokens import TAGS, Tok, tokenize  # noqa: F401  (TAGS: the tag letters, re-exported)


@lru_cache(maxsize=8)
def read_rules(en_dir: Path) -> tuple[tuple[Callable, re.Pattern], ...]:
    """The rules of ``en_dir``/rules.tsv (laid out as kg/data/en): (handler, compiled tag pattern), in
    order; read once per folder (an EnglishResources names the folder it was read from)."""
    return tuple(load_rules("rules.tsv", _Sentence, en_dir))


class _Sentence(TaggedSentence):
    """A sentence with the rule handlers (its methods named in rules.tsv); the shared helpers are
    :class:`~kg.extraction.en.extractor.TaggedSentence`'s."""

    def run(self) -> None:
        for handler, pattern in read_rules(self.ex.r.en_dir):
            for m in pattern.finditer(self.tags):
                handler(self, m)
        persons = [t.key for t in self.toks if t.tag == "P"]
        if persons:
            self.ex.subject = persons[0] if self.tags.startswith("P") else persons[-1]

    # -- rules ----------------------------------------------------------------------------------
    @rule()
    def established(self, m):
        key = self.toks[m.start(1)].key
        if self.ex.doc.entities[key].kind != "company":
            self.ex.add(Fact("established", key, None, self.index, date=self.ex.sentence_date(self.index)))
            self.ex.recent_unit = key

    @rule()
    def appos_after(self, m):
        if self.tags[m.end(1) : m.end(1) + 1] != "," and self.tags[m.end(3) : m.end(3) + 2] == ",P":
            return  # "Chief Executive Officer: Liu Zhiqiang Chief Financial Officer: Sun Li" (lines run together)
        person, org = self.toks[m.start(1)].key, self.org_of(m, 4) or self.org_of(m, 2)
        for role, own in self.role_orgs(m.start(3), m.end(3), org):
            self.post(person, own, role, self.ex.status_near(self, m.start()))

    @rule()
    def appos_before(self, m):
        """ "Solvane Foods Chief Executive Officer Brian Kowalski", "Alibaba's former CFO Maggie Wu"."""
        person, org = self.toks[m.start(5)].key, self.org_of(m, 3) or self.org_of(m, 1)
        status = "former" if m.group(2) else "current"
        before = self.tags[max(0, m.start(4) - 2) : m.start(4)]
        if self.tags[m.end(4)] == "," and before == "P,":
            return  # "Zhao Ming (Chairman), Ms. Qian Hui": the title is the name's before it
        if self.tags[m.end(4)] == "," and self.toks[m.end(4)].text.strip().startswith(";"):
            return  # "Mr. Wu as executive Directors; Mr. Tse as …": a semicolon ends the title's clause
        for role in self.roles(m.start(4), m.end(4)):
            self.post(person, org, role, status)

    @rule()
    def is_as(self, m):
        """ "Sun Rui was appointed chief financial officer", "Su Hua remains chairman"."""
        if (
            "l" in self.tags[m.start() : m.start(4)]
            or "y" in self.tags[max(0, m.start(1) - 2) : m.start(1)]
            and re.match(r"_?w", self.tags[m.end(1) :])
        ):
            return  # "succeeded co-founder Su Hua as chief executive": succeeded_as reads it
        persons = range(m.start(1), m.end(1))
        if (
            self.tags.startswith("P,")
            and m.start(1) > 2
            and self.tags[m.end(1) : m.end(1) + 1] == ","
            and self.toks[2].text.strip().lower().startswith("who ")
            and "," not in self.tags[2 : m.start(1)]
        ):
            persons = range(0, 1)  # "Su Hua, who co-founded Kuaishou with Cheng, remains chairman"
        org = self.org_of(m, 2) or self.org_of(m, 3) or self.org_of(m, 5) or self.subject_org(m.start(1))
        for k in persons:  # "Ms. Park and Mr. Whitfield were appointed members"
            if self.toks[k].tag == "P" and not (k and self.tags[k - 1] == "l" and k < m.end(1) - 1):
                # "Following the resignation of Mr. Ng, Ms. Yeung … will take up": not Ng
                for role, own in self.role_orgs(m.start(4), m.end(4), org):
                    self.post(self.toks[k].key, own, role)
                    self.ex.appointed.add((self.toks[k].key, role.key))

    @rule()
    def and_appointed(self, m):
        """ "Ms. Li has been re-designated from … to an executive Director and appointed as the chief
        executive officer": the sentence's subject takes the post."""
        start = m.start(1)
        if start and self.tags[start - 1] == "t":
            return  # "who co-founded Kuaishou with Cheng, remains chairman": Cheng is no subject
        clause = self.tags.rfind(",", 0, start) + 1
        near = self.toks[max(0, clause - 2) : m.start(2)]
        if any(t.tag == "_" and re.match(r"\s*(?:who|which|whom)\b", t.text) for t in near):
            return  # "Sun Rui, who has been secretary of the board …": a relative clause, read by is_as
        if re.match(r",t?O", self.tags[m.end(2) :]):
            return  # "… who has been named President, Solvane Plant Kitchen": appos_after reads it
        person = self.toks[start].key
        for role, own in self.role_orgs(m.start(2), m.end(2), self.org_of(m, 3)):
            self.post(person, own, role)
            self.ex.appointed.add((person, role.key))

    @rule()
    def appoint(self, m):
        """ "the Board appointed X as Chief Financial Officer", "appointed Dr. Cho as its chair"."""
        person = self.toks[m.start(1)].key
        org = self.org_of(m, 2) or self.org_of(m, 4) or self.subject_org(m.start())
        for role, own in self.role_orgs(m.start(3), m.end(3), org):
            self.post(person, own, role)
            self.ex.appointed.add((person, role.key))

    @rule()
    def leave(self, m):
        """ "X notified the Company of his decision to resign as CFO", "stepping down as CEO": former
        (a future departure, "will step down", leaves the post current: FORMAT.md)."""
        i = m.start()
        if re.match(r"_?P", self.tags[i + 1 :]):
            return  # "the resignation of Anita Rao": leave_of reads it
        person = self.subject_before(i)
        future = self.toks[i].tag == "v" or self.ex.effective_later(self.index)
        j = i + 1
        while j < len(self.toks) and (
            self.toks[j].tag in "w_"
            and j - i < (4 if self.tags[i + 1 : i + 2] == "r" else 3)
            or self.toks[j].tag == "r"
            and self.tags[j + 1 : j + 3] in ("_w", "w")
        ):
            j += 1  # "to retire from his position as Chief Financial Officer"
        chain = []
        while (
            j < len(self.toks)
            and not re.match(r"[,j]?R+P", self.tags[j:])
            and (  # "; controller Omar Haddad"
                self.toks[j].tag in "Rj,t"
                or self.toks[j].tag == "O"
                and chain
                and re.match(r"[,j]+t?R", self.tags[j + 1 :])
            )
        ):
            if self.toks[j].tag == "R":
                chain.append(self.toks[j])
            j += 1
        org = self.toks[j].key if j < len(self.toks) and self.toks[j].tag == "O" else None
        if (
            not chain
            and j < len(self.toks)
            and self.toks[j].tag == "O"
            and "board" in self.toks[j].text.lower()
            and self.toks[j].key == self.ex.doc.main_org
        ):  # "resigned from the Board"
            chain = [Tok("R", "director", None, "director")]
        if not chain and "re-election" in self.toks[i].text.lower():  # "will not stand for re-election"
            chain = [Tok("R", "director", None, "director")]
        if (
            not chain
            and org
            and self.ex.doc.entities[org].kind == "company"
            and j == i + 1
            and re.fullmatch(r"(?:has\s+|have\s+|had\s+)?left", self.toks[i].text.lower())
        ):
            chain = self.ex.posts_held(person, org)  # "Chief Financial Officer Kevin Shah has left the company"
        # "resigned as an independent non-executive Director, the chairman of the audit committee and a member
        # of the remuneration committee of the Company": each title with the committee named after it
        own = {}
        if chain and chain[0].m is not None:
            k = self.toks.index(chain[0])
            while k < len(self.toks) and self.toks[k].tag in "Rj,tO":
                if self.toks[k].tag == "R" and self.tags[k + 1 : k + 3] == "tO":
                    own[id(self.toks[k])] = self.toks[k + 2].key
                k += 1
            if own:
                org = None if org in own.values() else org
        for role in chain:
            self.ex.retract(person, role.key, self.index)
            self.post(person, own.get(id(role), org), role, "current" if future else "former")
        for role, held in [] if chain or future else self.titled_leaver(i):
            self.ex.retract(person, role.key, self.index)
            self.post(person, held, role, "former")

    @rule()
    def row_left(self, m):
        """A table row "Ms. Gao Yan | Chief Financial Officer | Resigned": a post left."""
        person = self.toks[m.start(1)].key
        for role in self.roles(m.start(2), m.end(2)):
            self.ex.retract(person, role.key, self.index)
            self.post(person, None, role, "current" if self.ex.effective_later(self.index) else "former")

    @rule()
    def leave_of(self, m):
        """ "terminated the employment of David Kim as Chief Revenue Officer"."""
        person, org = self.toks[m.start(1)].key, self.org_of(m, 3)
        status = "current" if self.ex.effective_later(self.index) else "former"
        for role in self.roles(m.start(2), m.end(2)):
            self.ex.retract(person, role.key, self.index)
            self.post(person, org, role, status)

    @rule()
    def pronoun_is(self, m):
        """ "She is currently an independent non-executive director of X": the last subject's current post."""
        if "P" in self.tags[: m.start()]:
            return
        person = self.ex.subject
        for role, own in self.role_orgs(m.start(1), m.end(1), self.org_of(m, 2)):
            self.post(person, own, role)

    @rule()
    def board_of(self, m):
        """ "serves on the board of directors of Summit Water Inc.": a directorship there."""
        if "board" in self.toks[m.start(1)].text.lower():
            self.post(self.subject_before(m.start()), self.toks[m.start(2)].key, Tok("R", "director", None, "director"))

    @rule()
    def named_to_board(self, m):
        """ "named former Tesla executive Grace Liu to its board of directors": a directorship; "… and to
        the Audit Committee": a membership too."""
        person, k = self.toks[m.start(1)].key, m.start(2)
        while k < len(self.toks) and self.toks[k].tag == "O":
            org = self.toks[k].key
            if org and self.ex.doc.entities[org].kind == "committee":  # "appointed to the Audit Committee"
                self.post(person, org, Tok("R", "member", None, "member"))
            elif org and "board" in self.toks[k].text.lower():
                self.post(person, org, Tok("R", "director", None, "director"))
            more = re.match(r",?j_?w_?(?=O)", self.tags[k + 1 :])
            if more is None:
                break
            k += 1 + more.end()

    @rule()
    def arm_of(self, m):
        """ "Cainiao Smart Logistics, the logistics arm", "Northgate Bank, the Company's wholly owned
        subsidiary": the first is a unit of the second (of the document's company when none is named)."""
        words = self.toks[m.start(3)].text.split()
        if (
            not words
            or words[0].lower() not in ("the", "its", "a", "an", "our")
            and not m.group(2)
            or words[-1].lower() not in self.ex.arm_words
        ):
            return
        child = self.toks[m.start(1)].key
        parent = self.toks[m.start(2)].key if m.group(2) else self.ex.doc.main_org
        if parent and parent != child and self.ex.doc.entities[parent].kind == "company":
            self.ex.add(Fact("unitOf", child, parent, self.index))

    @rule()
    def founded(self, m):
        """ "X was founded in 2012 by A and CEO B": A and B founded X; "A, who co-founded X with B": both did."""
        i = m.start()
        after = self.toks[i + 1 : i + 4]
        by = next((k for k, t in enumerate(after) if t.tag == "_" and re.search(r"\bby\b", t.text)), None)
        if by is not None:  # passive: the founders follow "by", the company comes before
            org = next((t.key for t in self.toks[:i][::-1] if t.tag == "O"), None)
            k = i + 2 + by
            founders = []
            while k < len(self.toks) and self.tags[k] in "P,jR":
                if self.tags[k] == "P":
                    founders.append(self.toks[k].key)
                k += 1
        else:  # active: "co-founded Kuaishou with Cheng"
            org = next((t.key for t in self.toks[i + 1 : i + 3] if t.tag == "O"), None)
            founders = [self.subject_before(i)]
            rest = self.tags[i + 1 :]
            with_ = re.match(r"_?O_?t(P)", rest)
            if with_ and self.toks[i + 1 + with_.start(1) - 1].text.strip().lower() == "with":
                founders.append(self.toks[i + 1 + with_.start(1)].key)
        if org is None or self.ex.doc.entities[org].kind != "company":
            return
        role = "co-founder" if len(founders) > 1 or "co" in self.toks[i].text.lower() else "founder"
        for person in founders:
            self.post(person, org, Tok("R", role, None, role))

    @rule()
    def former_its(self, m):
        """ "Wu Tingting, previously its head of product marketing": a former post at what "its" is."""
        person = self.subject_before(m.start())
        for role in self.roles(m.start(2), m.end(2)):
            if not self.ex.holds(person, role.key, self.toks[m.start(1)].key):
                self.post(person, self.toks[m.start(1)].key, role, "former")

    @rule()
    def former(self, m):
        i = m.start()
        person = self.subject_before(i)
        came_from = self.came_from(i)
        org = self.org_of(m, 2)
        if org is None or came_from and self.toks[m.start(2)].text.lower() in ("its", "their"):
            org = came_from  # "comes from Harbor Foods, where he … was vice president of operations for its stores"
        for role in self.roles(m.start(1), m.end(1)):
            if not self.ex.holds(person, role.key, org):
                self.post(person, org, role, "former")

    @rule()
    def former_lead(self, m):
        """ "Xiao Gu, who previously led the e-commerce business unit": a former head."""
        person, unit = self.subject_before(m.start()), self.org_of(m, 1)
        cue = self.toks[m.start()].text.lower()
        employer = (
            self.toks[m.start() - 2].key
            if cue.startswith("where") and m.start() >= 2 and self.tags[m.start() - 2 : m.start()] == "O,"
            else None
        )
        if (
            unit
            and employer
            and employer != unit
            and self.ex.doc.entities[employer].kind == "company"
            and self.ex.doc.entities[unit].parent is None
            and self.ex.doc.entities[unit].kind != "company"
        ):
            self.ex.doc.entities[unit].parent = employer  # "spent eight years at Stellar Apps, where he led the … team"
        self.post(person, unit, self.ex.head_role(""), "former")

    @rule()
    def joined_from(self, m):
        """ "Dana Cole joins as CFO from Redwood Capital, where she was a partner"."""
        person = self.subject_before(m.start()) or next((t.key for t in self.toks[: m.start()] if t.tag == "P"), None)
        for role in self.roles(m.start(2), m.end(2)):
            self.post(person, self.toks[m.start(1)].key, role, "former")

    @rule()
    def lead_passive(self, m):
        """ "O will be led by [title] P", "under chief executive P": P heads O; a leading title is O's."""
        k = self.tags.index("k", m.start())
        nearest = self.tags.rfind("O", m.start(), k)  # "the Company has set up a strategy committee, chaired by"
        org = self.toks[nearest].key if nearest >= 0 else None
        if org is None or org == self.ex.doc.main_org:
            org = self.org_of(m, 1) or self.ex.recent_unit
        if org is None or org == self.ex.doc.main_org:
            return
        cue = self.toks[k].text
        titles = self.roles(m.start(3), m.end(3)) if m.group(3) else []
        titles += self.roles(m.start(5), m.end(5)) if m.group(5) else []  # "led by Claire Dubois, Studio Head"
        heads = [t for t in titles if self.ex.r.roles[t.key].head]
        persons = [self.toks[m.start(4)].key]
        # "co-led by Lu Shan, president of the Technology and Engineering Group, and Dowson Tong"
        more = re.match(r"(?:,[_RtO]{1,5},?)?j(P)", self.tags[m.end() :])
        if more:
            persons.append(self.toks[m.end() + more.start(1)].key)
        for person in persons:
            for t in heads:
                self.ex.move_post(person, t.key, org)
                self.post(person, org, t)
            if not heads:
                self.post(person, org, self.ex.head_role(cue))

    @rule()
    def appoint_lead(self, m):
        """ "appointed Kelly Zhang, a senior executive at Douyin, to lead TikTok Shop": the head of a unit."""
        org = self.org_of(m, 2)
        if org and self.ex.doc.entities[org].kind != "company":
            cue = self.toks[self.tags.index("k", m.start())].text
            self.post(self.toks[m.start(1)].key, org, self.ex.head_role(cue))

    @rule()
    def lead_which(self, m):
        """ "Cloud Intelligence Group, which Zhang will run himself as chief executive": the title is the unit's."""
        org, person = self.toks[m.start(1)].key, self.toks[m.start(2)].key
        for role in self.roles(m.start(3), m.end(3)):  # his group title stays his ("in addition to his group roles")
            self.post(person, org, role)

    @rule()
    def lead_active(self, m):
        org = self.org_of(m, 2)
        k = m.start(2)
        while k + 1 < len(self.toks) and self.toks[k + 1].tag == "O":
            k += 1
        t = self.toks[k]
        if t.m is not None and re.match(r"['’]s\b", self.ex.doc.sentences[self.index].text[t.m.end :]):
            return  # "will oversee the unit's investment plans": the plans, not the unit
        if self.ex.doc.entities[org].kind == "company":
            return
        cue = self.toks[self.tags.index("k", m.start(1))].text
        self.post(self.toks[m.start(1)].key, org, self.ex.head_role(cue))

    @rule()
    def members(self, m):
        org = None
        if self.toks[m.start()].text.lower().startswith("its"):  # "It will be chaired by …, and its members include"
            org = next(
                (
                    t.key
                    for t in self.toks[: m.start()]
                    if t.tag == "O" and self.ex.doc.entities[t.key].kind != "company"
                ),
                None,
            )
        org = org or next((t.key for t in self.toks[: m.start()][::-1] if t.tag == "O"), None) or self.ex.recent_unit
        if org is None:
            return
        for k in range(m.start(1), m.end(1)):
            t = self.toks[k]
            if t.tag == "P" and (k == m.start(1) or self.tags[k - 1] in ",j"):
                self.ex.add(Fact("memberOf", t.key, org, self.index))

    @rule()
    def serve_on(self, m):
        for j in range(m.start(2), m.end(2)):
            if self.toks[j].tag != "O" or j + 1 < m.end(2) and self.toks[j + 1].tag == "O":
                continue  # "the company's executive committee": the committee
            board = self.ex.doc.entities[self.toks[j].key].kind == "company" and "board" in self.toks[j].text.lower()
            for k in range(m.start(1), m.end(1)):
                if self.toks[k].tag == "P" and board:  # "Siobhan Kerrigan will join the Board": a director
                    self.post(self.toks[k].key, self.toks[j].key, Tok("R", "director", None, "director"))
                elif self.toks[k].tag == "P":
                    self.ex.add(Fact("memberOf", self.toks[k].key, self.toks[j].key, self.index))

    @rule()
    def redesignated(self, m):
        """ "re-designated from a non-executive Director to an executive Director"."""
        person = self.toks[m.start(1)].key
        for role in self.roles(m.start(2), m.end(2)):  # with effect from a later day: still held (FORMAT.md)
            self.post(person, None, role, "current" if self.ex.effective_later(self.index) else "former")
        for role in self.roles(m.start(3), m.end(3)):
            self.post(person, None, role)

    @rule()
    def reports(self, m):
        boss = self.ex.author if m.group(2) == "i" else self.toks[m.start(2)].key
        if boss is None:
            return
        subjects, k = [], m.start() - 1
        while k >= 0 and self.toks[k].tag in ("P,j" if subjects else "P,j_RtwO"):
            if self.toks[k].tag == "P":  # "named Ben Carter as SVP of Sales, reporting to Holloway"
                subjects.append(self.toks[k].key)
            k -= 1
        if not subjects and self.tags.startswith("P,"):  # "Gao, who previously led …, will report to"
            subjects = [self.toks[0].key]
        if not subjects:  # "The filing said Sun Rui, who has been …, was appointed CFO and will report to Zhu"
            subjects = [t.key for t in self.toks[: m.start()] if t.tag == "P"][:1]
        if not subjects and self.ex.subject:
            subjects = [self.ex.subject]
        for s in subjects:
            if s != boss:
                self.ex.add(Fact("reportsTo", s, boss, self.index))

    @rule()
    def succeeded_as(self, m):
        """ "Cheng Yixiao succeeded co-founder Su Hua as chief executive officer": the first takes the
        post, the second held it."""
        new, old = self.toks[m.start(1)].key, self.toks[m.start(3)].key
        org = self.org_of(m, 5)
        leaving = "current" if self.ex.effective_later(self.index) else "former"
        for role in self.roles(m.start(4), m.end(4)):
            self.ex.retract(old, role.key, self.index)
            self.post(new, org, role)
            if not self.ex.holds(old, role.key, None):  # "will retire …; Ng to succeed him": still his
                self.post(old, org, role, leaving)

    @rule()
    def established_on(self, m):
        """ "The unit will be formally established on 1 October 2020": the date it is set up."""
        key = self.toks[m.start(1)].key
        if self.ex.doc.entities[key].kind == "company":
            return
        self.ex.doc.facts = [f for f in self.ex.doc.facts if not (f.kind == "established" and f.subject == key)]
        self.ex.seen = {sig for sig in self.ex.seen if not (sig[0] == "established" and sig[1] == key)}
        self.ex.add(Fact("established", key, None, self.index, date=self.toks[m.start(2)].key))

    @rule()
    def handover(self, m):
        """ "Liu will hand over the chairman role to Yang": Yang takes the post, Liu leaves it (once done)."""
        old, new = self.toks[m.start(1)].key, self.toks[m.start(3)].key
        leaving: Status = (
            "current"
            if self.toks[m.start() + self.tags[m.start() :].index("x")].text.lower().startswith(("will", "to "))
            or self.ex.effective_later(self.index)
            else "former"
        )
        for role in self.roles(m.start(2), m.end(2)):
            self.ex.retract(old, role.key, self.index)
            self.post(new, None, role)
            self.post(old, None, role, leaving)

    @rule()
    def join_as(self, m):
        """ "Wang Gang, previously CFO at Geely, will join Zeekr as chief operating officer"."""
        person = self.subject_before(m.start())
        for role, own in self.role_orgs(m.start(2), m.end(2), self.toks[m.start(1)].key):
            self.post(person, own, role)

    @rule()
    def succeed(self, m):
        """ "P1 … replacing P2", "She will succeed P2, who is retiring": P2 held the posts P1 takes in
        this sentence, else the posts P1 was last given; P2 keeps them while a departure is to come."""
        old = self.toks[m.start(1)].key
        if re.match(r"_?w", self.tags[m.end() :]):
            return  # "to succeed Mr. Dunn as General Counsel": succeeded_as reads it
        leaving = "current" if "v" in self.tags[m.end() :] or self.ex.effective_later(self.index) else "former"
        cue = max(self.tags.rfind("w", 0, m.start()), self.tags.rfind("a", 0, m.start()))
        named = {t.key for t in self.toks[cue + 1 : m.start()] if t.tag == "R"} if cue >= 0 else None
        posts = [
            f
            for f in self.ex.doc.facts
            if f.kind == "post"
            and f.sentence == self.index
            and f.status == "current"
            and f.subject != old
            and (named is None or f.role in named)
        ]
        if not posts:
            new = self.subject_before(m.start())
            mine = [f for f in self.ex.doc.facts if f.kind == "post" and f.subject == new and f.status == "current"]
            if any((new, f.role) in self.ex.appointed for f in mine):  # the posts given, not those held before
                mine = [f for f in mine if (new, f.role) in self.ex.appointed]
            last = max((f.sentence for f in mine), default=None)
            posts = [f for f in mine if f.sentence == last and last >= self.index - 4]
        for f in posts:
            self.ex.add(Fact("post", old, f.object, self.index, role=f.role, status=leaving))

    @rule()
    def succeeded_by(self, m):
        """ "He will be replaced by P", "is succeeded at the consumer unit by P": P takes the posts the
        subject held (at the organization named between, when one is), the subject leaves them."""
        old, new = self.subject_before(m.start()), self.toks[m.start(2)].key
        org = self.org_of(m, 1)
        future = (
            self.toks[m.start()].text.lower().startswith(("will", "to "))
            or "v" in self.tags[: m.start()]
            or self.ex.effective_later(self.index)
        )  # "will step down … and be replaced by"
        held = [
            f
            for f in self.ex.doc.facts
            if f.kind == "post" and f.subject == old and f.status == "current" and (org is None or f.object == org)
        ]
        if not held:  # "stepped down as chief executive … and was replaced by Liang Rubo"
            held = [
                f
                for f in self.ex.doc.facts
                if f.kind == "post"
                and f.subject == old
                and f.status == "former"
                and f.sentence == self.index
                and (org is None or f.object == org)
            ]
        if not held and org is not None:
            held = [Fact("post", old, org, self.index, role="head")]
        for f in held:
            self.ex.add(Fact("post", new, f.object, self.index, role=f.role, title=f.title))
            if not future:
                self.ex.add(Fact("post", old, f.object, self.index, role=f.role, status="former"))


def extract_facts(doc: Document, r: EnglishResources) -> Document:
    ex = Extractor(doc, r)
    by_sentence = doc.mentions_by_sentence()
    for s in doc.sentences:
        ex.dates[s.index] = [m.value for m in by_sentence.get(s.index, []) if m.kind == "date"]
    ex.author = passes.byline_author(doc, by_sentence)
    for s in doc.sentences:
        if s.noise:
            continue
        items = by_sentence.get(s.index, [])
        ex.unit_here = passes.set_up_here(doc, items, r)
        ex.recent_unit = ex.unit_here or ex.recent_unit  # "set up X and appointed Y as its chair"
        toks = tokenize(doc, ex, items, s.text)
        ex.units_seen += [
            t.key
            for t in toks
            if t.tag == "O"
            and t.key
            and doc.entities[t.key].kind != "company"
            and t.m is not None
            and t.m.kind == "org"
        ]
        item = is_list_item(s.text) or passes.continues_item(doc, s)
        if not item:
            ex.list_org = passes.list_header_org(s.text, toks, ex.list_org)
        continued = item and not is_list_item(s.text)
        ex.item_org = ex.item_org if continued else passes.opening_company(doc, toks, item)
        _Sentence(ex, s.index, toks, item).run()
    passes.new_units(doc, ex)
    passes.later_status_wins(doc)
    # a unit set up on a day the text does not date (a wire's "Sept 17" has no year): no event to state
    doc.facts = [f for f in doc.facts if not (f.kind == "established" and f.date is None)]
    drop_superseded(doc, set())
    passes.drop_generic_heads(doc, r.roles)
    passes.name_units(doc)
    default_parents(doc)
    doc.record_roles(r.roles)
    return doc
