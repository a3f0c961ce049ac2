"""What the English rules of :mod:`kg.extraction.en.facts` work with: one document being read and one sentence.

:class:`Extractor` is the state of reading a document (the facts so far, the subject, the units set
up, each sentence's dates) with the questions rules ask of it; :class:`TaggedSentence` is a sentence as
the rules see it (its tag string and tokens, see :mod:`kg.extraction.en.tokens`) with the helpers every rule
shares. The rules themselves (the handlers ``kg/data/en/rules.tsv`` names) are in :mod:`kg.extraction.en.facts`.
"""

from __future__ import annotations

import re
from typing import Literal

from ...model import Document, Fact
from . import dates
from .resources import EnglishResources
from .tokens import Tok

Status = Literal["current", "former"]
_CHAIR_CUES = re.compile(r"chair", re.I)
# a departure stated as done (a headline's present included): "resigned", "resigns", "has left", "is out"
_DEPARTED = re.compile(
    r"\b(?:resign(?:s|ed)|(?:stepped|steps) down|left|quits?|departed|departs|exit(?:s|ed)|is out|ousted)$", re.I
)


# the titles a committee or board gives; any other title named with one is the company's
_COMMITTEE_ROLES = {
    "member",
    "chair",
    "chairman",
    "vice-chairman",
    "co-chairman",
    "head",
    "secretary-general",
    "supervisor",
    "director",
    "independent-director",
    "executive-director",
    "non-executive-director",
}


class TaggedSentence:
    """One sentence's tokens and tag string, read by the rules (a subclass in kg.extraction.en.facts holds them)."""

    def __init__(self, ex: Extractor, index: int, toks: list[Tok], list_item: bool):
        self.ex, self.index, self.toks, self.list_item = ex, index, toks, list_item
        self.tags = "".join(t.tag for t in toks)

    # -- helpers --------------------------------------------------------------------------------
    def roles(self, group_start: int, group_end: int) -> list[Tok]:
        return [self.toks[k] for k in range(group_start, group_end) if self.toks[k].tag == "R"]

    def role_orgs(self, start: int, end: int, org: str | None) -> list[tuple[Tok, str | None]]:
        """Each title of toks[start:end] with its organization: the one right after it ("Member of the
        Management Board and Chief Financial Officer"), else ``org``."""
        out: list[tuple[Tok, str | None]] = []
        for k in range(start, end):
            if self.toks[k].tag == "R":
                several = self.org_list(k + 1)
                if several:
                    out += [(self.toks[k], o) for o in several]
                    continue
                own = self.toks[k + 2].key if self.tags[k + 1 : k + 3] == "tO" and k + 2 < end else None
                last = "R" not in self.tags[k + 1 : end]
                if (
                    own is None
                    and org
                    and self.ex.doc.entities[org].kind == "committee"
                    and (not last or self.toks[k].key not in _COMMITTEE_ROLES)
                ):
                    own = self.ex.default_org(self.list_item)  # "CEO and Chair of the Management Board"
                out.append((self.toks[k], own or org))
        return out

    def org_list(self, k: int) -> list[str] | None:
        """ "a member of each of the audit committee, the remuneration committee and the nomination
        committee of the Company": the organizations a title lists (two or more)."""
        m = re.compile(r"[t_]{1,3}(O(?:,?j?O)+)").match(self.tags, k)
        if not m or "t" not in self.tags[k : m.start(1)]:
            return None
        keys = [key for i in range(m.start(1), m.end(1)) if self.tags[i] == "O" and (key := self.toks[i].key)]
        kinds = [self.ex.doc.entities[key].kind for key in keys]
        while len(keys) > 1 and kinds[-1] == "company" and kinds[-2] != "company":
            keys, kinds = keys[:-1], kinds[:-1]  # "… of the Company": their parent
        return keys if len(keys) > 1 and "company" not in kinds else None

    def org_of(self, m: re.Match, group: int) -> str | None:
        """The organization a group names; "the company's picking systems business" is the unit."""
        if not m.group(group):
            return None
        k = m.start(group)
        while k + 1 < len(self.toks) and self.toks[k + 1].tag == "O":
            k += 1
        return self.toks[k].key

    def post(self, person: str | None, org: str | None, role: Tok, status: Status = "current") -> None:
        if person is None or role is None:
            return
        org = org or self.ex.default_org(self.list_item)
        if org is None or org == person:
            return
        date = self.ex.own_date(self.index)
        self.ex.add(
            Fact(
                "post",
                person,
                org,
                self.index,
                role=role.key,
                status=status,
                title=self.function_of(role),
                start=date if status == "current" else None,
                end=date if status == "former" else None,
            )
        )

    def function_of(self, role: Tok) -> str | None:
        """ "Head of Engineering": a title that leads a function, not the organization (no org:headOf)."""
        if role.m is None or not role.text.lower().endswith(" of"):
            return None
        k = self.toks.index(role) + 1
        if k < len(self.toks) and self.toks[k].tag == "_":
            words = self.toks[k].text.split()
            if words and words[0][:1].isupper():
                return f"{role.text} {' '.join(w for w in words if w[:1].isupper() or w == '&')}"
        return None

    def titled_leaver(self, i: int) -> list[tuple[Tok, str]]:
        """ "CFO Ma Jun resigns", "chief financial officer Ma Jun had resigned": the posts (title, organization)
        that the titles right before the leaver's name gave in this sentence."""
        if not _DEPARTED.search(self.toks[i].text):
            return []  # "CEO Jane Roe's retirement", "to step down": no statement that she has gone
        name = re.search(r"P,?_?$", self.tags[:i])  # "the Company's Chief Financial Officer, Jane Roe, resigned"
        titles = re.search(r"(?:R[j,]?)*R,?$", self.tags[: name.start()]) if name else None
        if name is None or titles is None or any(len(t.text.split()) > 2 for t in self.toks[name.start() + 1 : i]):
            return []  # "CEO Jane Roe said on Monday the finance chief had resigned": someone else
        person, out = self.toks[name.start()].key, []
        for role in self.roles(titles.start(), name.start()):
            held = [
                f.object
                for f in self.ex.doc.facts
                if f.kind == "post" and f.subject == person and f.role == role.key and f.sentence == self.index
            ]
            out += [(role, org) for org in held if org]
        return out

    def came_from(self, i: int) -> str | None:
        """ "joins from Greenleaf Proteins, where he was director", "spent eight years at Ashgrove Pharma, most
        recently as …": the organization left, where a former post before ``i`` was."""
        for k in range(i - 1, -1, -1):
            if self.tags[k] == "r" and self.tags[k + 1 : k + 2] == "O":
                return self.toks[k + 1].key
            spent = re.match(r"f_?t(O)", self.tags[k:i]) if self.tags[k] == "f" else None
            if spent:
                return self.toks[k + spent.start(1)].key
        return None

    def subject_org(self, i: int) -> str | None:
        """ "JD.com on Tuesday named Xu Ran as chief executive": the company that opens the clause."""
        for k in range(i - 1, max(-1, i - 4), -1):
            t = self.toks[k]
            if t.tag == "O":
                return t.key if t.key and self.ex.doc.entities[t.key].kind == "company" else None
            if t.tag not in "_a":
                return None
        return None

    def subject_before(self, i: int) -> str | None:
        """Who a verb at ``i`` is about: the sentence's subject when it opens with a name ("Su Hua, who
        co-founded Kuaishou with Cheng, remains chairman"), else the nearest name before, else the last subject."""
        if self.tags.startswith("P,") and 0 < i:
            return self.toks[0].key
        for k in range(i - 1, -1, -1):
            t = self.toks[k]
            if t.tag == "P":
                return t.key
            if t.tag in "ak":
                return None
        return self.ex.subject


class Extractor:
    """The state of reading one document: what the rules have found so far and what they ask of it."""

    def __init__(self, doc: Document, r: EnglishResources):
        self.doc, self.r = doc, r
        self.subject: str | None = None
        self.recent_unit: str | None = None
        self.unit_here: str | None = None  # the unit the sentence being read sets up
        self.units_seen: list[str] = []
        self.appointed: set[tuple[str, str]] = set()  # (person, role) given by an appointment
        self.arm_words = r.arm_words
        self.list_org: str | None = None
        self.item_org: str | None = None  # the company the sentence's list item or appointment opens with
        self.author: str | None = None
        self.seen: set = set()
        self.dates: dict[int, list[str]] = {}

    def add(self, fact: Fact) -> None:
        sig = (fact.kind, fact.subject, fact.object, fact.role, fact.status)
        if sig not in self.seen:
            self.seen.add(sig)
            self.doc.facts.append(fact)

    def named_unit(self, anaphor: str, here: list[str]) -> str | None:
        """ "the segment", "the unit": a unit of the sentence whose name ends in that noun, else the unit set
        up last, else one named before ("core local commerce segment"), else the sentence's last unit."""
        noun = anaphor.split()[-1].lower()
        ends = [key for key in reversed(here) if self.doc.entities[key].name.lower().endswith(noun)]
        if ends:
            return ends[0]
        if self.recent_unit:
            return self.recent_unit
        ends = [key for key in reversed(self.units_seen) if self.doc.entities[key].name.lower().endswith(noun)]
        if ends:
            return ends[0]
        if here and noun in ("unit", "business", "division", "group", "segment"):
            return here[-1]  # "JD Retail will be led by Xin Lijun, who becomes chief executive of the unit"
        return None

    def holds(self, person, role, org) -> bool:
        return any(
            f.kind == "post"
            and f.subject == person
            and f.role == role
            and f.status == "current"
            and (org is None or f.object == org)
            for f in self.doc.facts
        )

    def posts_held(self, person: str | None, org: str) -> list[Tok]:
        """The titles a person holds at an organization, those an appointment gave aside: what leaving it ends."""
        return [
            Tok("R", f.role, None, f.role or "")
            for f in self.doc.facts
            if f.kind == "post"
            and f.subject == person
            and f.object == org
            and f.status == "current"
            and (person, f.role) not in self.appointed
        ]

    def retract(self, person, role, sentence: int) -> None:
        """A departure read after the title that named the post in the same sentence: the later statement holds."""
        for f in [
            f
            for f in self.doc.facts
            if f.kind == "post" and f.subject == person and f.role == role and f.sentence == sentence
        ]:
            self.doc.facts.remove(f)
            self.seen.discard((f.kind, f.subject, f.object, f.role, f.status))

    def move_post(self, person, role, org) -> None:
        for f in [
            f
            for f in self.doc.facts
            if f.kind == "post" and f.subject == person and f.role == role and f.object == self.doc.main_org
        ]:
            self.doc.facts.remove(f)
            self.seen.discard((f.kind, f.subject, f.object, f.role, f.status))

    def head_role(self, cue: str) -> Tok:
        return Tok("R", "chair" if _CHAIR_CUES.search(cue) else "head", None, cue)

    def default_org(self, list_item: bool) -> str | None:
        """A title given without its organization: in a leadership list, the unit the list is of."""
        if self.item_org:
            return self.item_org
        if list_item and (self.list_org or self.recent_unit):
            return self.list_org or self.recent_unit
        return self.doc.main_org

    def status_near(self, sent: TaggedSentence, i: int) -> Status:
        return "former" if i > 0 and sent.tags[i - 1] == "f" else "current"

    def effective_later(self, sentence: int) -> bool:
        """ "resign …, effective March 31, 2024" in a filing of March 4: still in office (FORMAT.md)."""
        if self.doc.date is None:
            return False
        today = self.doc.date.isoformat()
        return any(d > today for d in self.dates.get(sentence, ()) if len(d) == 10)

    def own_date(self, sentence: int) -> str | None:
        ds = self.dates.get(sentence)
        return ds[0] if ds else None

    def sentence_date(self, sentence: int) -> str | None:
        """The day a sentence's event happened: its own date, else the weekday its lead names ("Tencent on
        Sunday announced …" in a wire of Monday, 1 October: 30 September), else the article's."""
        own = self.own_date(sentence)
        if self.doc.date is None:
            return own
        published = self.doc.date.isoformat()
        if own and own != published:
            return own
        return (
            dates.weekday_before(self.doc.sentences[sentence].text, self.doc.date)
            or dates.weekday_before(self.doc.text[:1500], self.doc.date)
            or published
        )
