"""Mentions in English sentences: dates, organizations, titles, cue words, persons.

Three passes over the document: organization names first (a name with a legal form or unit word
declares itself and its short form, "Norvale Systems, Inc." → "Norvale"), then each sentence's items
(leftmost-longest, never overlapping), then lone surnames and given names of the persons found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...model import Document, Mention, MentionKind
from . import dates, names
from .resources import EnglishResources

# Latin letters with the accents of European names ("Søren Kjærgaard", "François", "García-López")
UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
LOW = "a-zß-öø-ÿ\u0100-\u017f"
# a capitalized word, or "J." a middle initial
_WORD = rf"(?:[A-Z]\.(?=\s+[{UP}][{LOW}])|[{UP}][{UP}{LOW}0-9\-/]*(?:['’][{UP}{LOW}]+(?<!['’]s))?)"
_LINK = r"(?:of|and|for|the|&|de|la|van|von|der)"
CAP_SEQ = re.compile(rf"(?<![\w\-]){_WORD}(?:\s+(?:{_LINK}\s+)*{_WORD})*")
_PAREN = re.compile(r"\s*\(([^()]{1,40})\)")
_LOWER_WORD = r"[a-z][a-z\-]+"
_DETERMINER = re.compile(
    r"(?:\b(?:the|its|our|their|his|her)(?:\s+(?:new|newly\s+(?:created|formed|established)))?"
    r"|['’]s)\s+$"
)  # a named unit is definite
_JOINED_FROM = re.compile(r"\b(?:join(?:s|ed|ing)?|c(?:a|o)mes?|hired|moves? over|recruited)\s+(?:us\s+)?from\s+$")
_HKEX_NAME = re.compile(r"(?<![\w])([A-Z]{2,}(?:\s+[A-Z][a-z]+(?:-[a-z]+)?){1,2})(?![\w])")


@dataclass
class _Names:
    """What the whole document names: organizations (surface form -> (kind, canonical name))."""

    orgs: dict[str, tuple[str, str]] = field(default_factory=dict)
    pattern: re.Pattern | None = None

    def add(self, form: str, kind: str, canonical: str) -> None:
        if len(form) > 1 and form not in self.orgs:
            self.orgs[form] = (kind, canonical)

    def compile(self) -> None:
        forms = sorted(self.orgs, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w\-])") if forms else None
        )


class _Items:
    """The non-overlapping mentions of one sentence."""

    def __init__(self, text: str, index: int):
        self.text, self.index = text, index
        self.items: list[Mention] = []
        self.taken = bytearray(len(text))

    def free(self, start: int, end: int) -> bool:
        return 0 <= start < end <= len(self.text) and self.taken.find(1, start, end) < 0

    def add(self, kind: MentionKind, start: int, end: int, value: str = "", label: str = "", parent: str = "") -> bool:
        if not self.free(start, end):
            return False
        self.items.append(Mention(kind, self.text[start:end], self.index, start, end, value, label, parent))
        self.taken[start:end] = b"\x01" * (end - start)
        return True

    def block(self, start: int, end: int) -> None:
        """Words that are no mention of their own ("Hong Kong" before a name is read)."""
        if self.free(start, end):
            self.taken[start:end] = b"\x01" * (end - start)


def find_mentions(doc: Document) -> Document:
    """Fill ``doc.mentions`` for an English document."""
    r = EnglishResources.load()
    live = [s for s in doc.sentences if not s.noise]
    known = _declared_orgs(live, r)
    year = doc.date.year if doc.date else None
    all_items = []
    for s in live:
        it = _Items(s.text, s.index)
        for start, end, iso in dates.find(s.text, year):
            it.add("date", start, end, iso)
        _find_orgs(it, known)
        for p in r.place_re.finditer(s.text):
            it.block(p.start(), p.end())
        _find_terms(it, r)
        _find_lower_units(it, r)
        _find_persons(it, r)
        _known_as(it)
        all_items.append(it)
    units = {
        m.label: m
        for it in all_items
        for m in it.items
        if m.kind == "org" and m.label != m.text and m.text.startswith(m.label + " ")
    }  # "our Merchant Lending team" names Merchant Lending
    for it in all_items:
        it.items = [
            replace(m, kind="org", value=units[m.text].value, label=m.text)
            if m.kind == "person" and m.text in units
            else m
            for m in it.items
        ]
        for label, u in units.items():  # "Merchant Lending becomes part of Quillpay Business"
            for m in re.finditer(rf"(?<![\w\-]){re.escape(label)}(?![\w\-])", it.text):
                it.add("org", m.start(), m.end(), u.value, label, u.parent)
    persons = {m.text for it in all_items for m in it.items if m.kind == "person"}
    for it in all_items:
        _find_name_parts(it, persons, r)
        doc.mentions.extend(sorted(it.items, key=lambda m: m.start))
    return doc


# -- organizations --------------------------------------------------------------------------------


def _declared_orgs(sentences, r: EnglishResources) -> _Names:
    """Organization names the text declares: gazetteer companies, names ending in a legal form or
    unit word, names set in apposition to "a new division", and their short forms and acronyms."""
    known = _Names()
    lx = r.lexicon
    for s in sentences:
        for start, end in lx.companies_matcher.finditer(s.text):
            form = s.text[start:end]
            if form[0].isupper() and form.isascii():
                known.add(form, "company", lx.companies[form.lower()].name)
        for m in _name_runs(s.text, r):
            _declare(s.text, m, known, r)
    # a company's distinctive word names it alone ("Norvale", "Yunfeng" of "Suzhou Yunfeng Semiconductor"),
    # and so does the first word of a unit's name ("Quillpay" of "Quillpay Business"), when the text
    # writes that word alone
    for form, (kind, canon) in sorted(known.orgs.items(), key=lambda kv: kv[1][0] != "company"):
        words = form.split()
        if len(words) < 2:
            continue
        if kind != "company":
            kind, canon, words = "company", words[0], words[:1]
        for word in words:
            if (
                word not in r.not_names
                and word not in r.suffixes
                and word not in known.orgs
                and word[:1].isupper()
                and any(_alone(word, s.text) for s in sentences)
            ):
                known.add(word, kind, canon)
                break
    # "Verdigris" that a context named alone ("joined Verdigris") is the "Verdigris Bank" the text names in full
    for form, (kind, canon) in list(known.orgs.items()):
        if kind == "company" and canon == form and " " not in form:
            full = next((c for f, (k, c) in known.orgs.items() if k == "company" and f.startswith(form + " ")), None)
            if full:
                known.orgs[form] = ("company", full)
    # "Norvale Cloud Division" of a headline is the "Norvale Cloud" the text calls a new division
    for form, (kind, canon) in list(known.orgs.items()):
        words = form.split()
        if kind == "unit" and len(words) > 2 and words[-1] in r.suffixes and not r.suffixes[words[-1]].legal:
            stem = known.orgs.get(" ".join(words[:-1]))
            if stem and stem[0] == "unit":
                known.orgs[form] = stem
    known.compile()
    return known


@dataclass
class Run:
    """A piece of a capitalized run (what ``re.Match`` gives: group, start, end)."""

    text: str
    s: int
    e: int

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e


def _name_runs(text: str, r: EnglishResources):
    """Capitalized runs cut at titles and verbs ("Norvale Systems Launches Norvale Cloud Division": a
    headline in title case; "Chief Executive Officer of Fernhill Robotics") and without a leading
    article ("The …")."""
    for m in CAP_SEQ.finditer(text):
        cuts = [
            (t.start(), t.end())
            for t in r.terms_re.finditer(m.group())
            if (term := r.term(t.group())) is not None and term[1] not in ("and", "at")
        ]
        cuts += [
            (w.start(), w.end())
            for w in re.finditer(r"\S+", m.group())
            if w.group() in r.determiners or w.group() in r.headline_verbs
        ]
        start = 0
        for a, b in sorted(cuts) + [(len(m.group()), len(m.group()))]:
            piece = re.sub(r"^(?:(?:of|and|for|the|&)\s+)+", "", m.group()[start:a].strip())
            piece = re.sub(r"(?:\s+(?:of|and|for|the|&))+$", "", piece)
            if piece:
                offset = m.start() + m.group().index(piece, start)
                board = re.match(r"(?:Board|Directors)\s+(?!of\b)(?=[A-Z])", piece)
                if board and re.search(r"\b(?:of|by)\s+(?:the\s+)?$", text[:offset]):
                    offset += board.end()  # "By order of the Board Ever Bright Textile Holdings Limited"
                    piece = piece[board.end() :]
                function = re.match(r"(.+?)\s+of\s+(?:the\s+)?(?=[A-Z])", piece)
                if (
                    function
                    and function.group(1) in r.functions
                    and re.search(r"(?:,|\bof)\s+$", text[:offset])
                    and r.role_re.search(text[max(0, offset - 60) : offset])
                ):
                    offset += function.end()  # "Senior Vice President, Operations of Brightwater Pharma"
                    piece = piece[function.end() :]
                for sub, at in _split_named(piece, r):
                    yield Run(sub, offset + at, offset + at + len(sub))
            start = max(start, b)


def _split_named(piece: str, r: EnglishResources) -> list[tuple[str, int]]:
    """ "Audit Committee and the Compensation Committee" are two names; "Supervisory Board of Kessler
    Automotive SE" is a board and its company: a run cut after a unit or committee word."""
    for m in reversed(list(re.finditer(r"\s+(?:and|of)\s+(?:the\s+)?", piece))):
        left, right = piece[: m.start()], piece[m.end() :]
        unit = next(
            (
                s
                for s in r.suffixes
                if (left.endswith(" " + s) or left == s) and not r.suffixes[s].legal and r.suffixes[s].kind != "company"
            ),
            None,
        )
        if (
            unit
            and right[:1].isupper()
            and (m.group().strip() == "of" or any(right.endswith(s) for s in r.suffixes))
            and right not in r.not_names
        ):
            return _split_named(left, r) + [(right, m.end())]
    return [(piece, 0)]


def _alone(word: str, text: str) -> bool:
    """The word stands alone in the text: not the start of a longer capitalized name."""
    return bool(re.search(rf"(?<![\w\-])(?<![A-Z][a-z]\s){re.escape(word)}(?!\s+[A-Z])(?![\w\-])", text))


def _declare(text: str, m: re.Match, known: _Names, r: EnglishResources) -> None:
    seq = m.group()
    if _JOINED_FROM.search(text[: m.start()]) and seq.split()[0] not in r.not_names:
        known.add(seq, "company", _gazetteer_name(seq, r) or seq)  # "Kwame joined us from Brightbank"
        return
    words = seq.split()
    dotted = words[-1] + "." if text[m.end() : m.end() + 1] == "." else ""
    if len(words) > 1 and dotted in r.suffixes and r.suffixes[dotted].legal:  # "Suzhou Yunfeng Semiconductor Co."
        stem = seq[: -len(words[-1])].rstrip(" ,")
        canon = _gazetteer_name(stem, r) or stem
        known.add(seq + ".", "company", canon)
        known.add(stem, "company", canon)
        return
    legal = r.suffix_re.match(text, m.end())
    if legal and r.suffixes[legal.group().strip(" ,")].legal:  # "Norvale Systems, Inc."
        full = text[m.start() : legal.end()]
        if words[0] in r.not_names and len(words) == 1:
            return
        canon = _gazetteer_name(seq, r) or seq
        known.add(full, "company", canon)
        known.add(seq, "company", canon)
        return
    if (
        seq.isupper()
        and len(words) > 1
        and words[-1].capitalize() in r.suffixes
        and r.suffixes[words[-1].capitalize()].legal
    ):  # "GOLDEN HARBOUR HOLDINGS LIMITED", an HKEX heading
        title = " ".join(w.capitalize() for w in words)
        canon = _gazetteer_name(title, r) or title
        known.add(seq, "company", canon)
        known.add(title, "company", canon)
        return
    last = next(
        (s for s in sorted(r.suffixes, key=len, reverse=True) if seq.endswith(" " + s) or (seq == s and False)), None
    )
    if last and not r.suffixes[last].legal and new_unit_nearby(text, m):
        known.add(seq, "unit", seq)  # "Fernway Mobile, a new division"
        return
    headline = (
        text[: m.start()].endswith("New ")
        or text[: m.start()].split()[-1:]
        and text[: m.start()].split()[-1] in r.headline_verbs
    )
    if last and headline and all(w.lower() in r.not_modifiers for w in words[: -len(last.split())]):
        return  # a headline's "Names New Leadership Team": a description, no name
    if (
        last
        and not r.suffixes[last].legal
        and words[-1] == "Team"
        and len(words) > 1
        and words[-2].lower() in r.not_modifiers
        and text.strip(" .:") == seq
    ):
        # "Executive Team", "Northpeak Analytics Leadership Team": a page's heading names no unit, at most
        # the company whose team it is
        stem = [w for w in words[:-1]]
        while stem and stem[-1].lower() in r.not_modifiers:
            stem.pop()
        if stem and stem[0] not in ("The", "Our", "Meet") and stem[0] not in r.not_names:
            name = " ".join(stem)
            known.add(name, "company", _gazetteer_name(name, r) or name)
        return
    if last and len(words) > len(last.split()) and words[0] not in ("The",):
        kind = r.suffixes[last].kind
        if r.suffixes[last].legal:
            kind = "company"
        stem = seq[: -len(last)].rstrip(" ,")
        first = words[0]
        if (
            kind == "company"
            and not r.suffixes[last].legal
            and not _gazetteer_name(seq, r)
            and (first.lower() in r.lexicon.companies or known.orgs.get(first, ("",))[0] == "company")
        ):
            kind = "unit"  # "JD Logistics", "Tencent Video": a business of the company it is named after
        elif (
            kind == "unit"
            and first.lower() not in r.lexicon.companies
            and first not in known.orgs
            and _employer(text, m, r)
        ):
            kind = "company"  # "Vice President of Manufacturing at Delmont Labs from 2012 to 2018"
        known.add(seq, kind, _gazetteer_name(seq, r) or (r.suffixes[last].legal and _gazetteer_name(stem, r)) or seq)
        acronym = _PAREN.match(text, m.end())
        if acronym and acronym.group(1).isupper() and acronym.group(1).isalpha():
            known.add(acronym.group(1), kind, seq)  # "Interactive Entertainment Group (IEG)"
        return
    context = _org_context(text, m, known, r)
    if context and not (len(words) == 1 and words[0] in r.not_names):
        known.add(seq, context, _gazetteer_name(seq, r) or seq)
        return
    if new_unit_nearby(text, m):
        known.add(seq, "unit", seq)


def _employer(text: str, m: re.Match | Run, r: EnglishResources) -> bool:
    """A name after a title and "at" ("Vice President of Engineering at Delmont Labs"), or one a bio
    dates ("served as … of Pell Instruments Labs from 2012 to 2019"): an employer, a company."""
    before, after = text[: m.start()], text[m.end() :]
    prep = re.search(r"\bat\s+(?:the\s+)?$", before[-100:])
    if prep:
        prefix = before[-100:][: prep.start()]
        titles = list(r.role_re.finditer(prefix))
        return bool(titles) and bool(
            re.fullmatch(r"(?:,?\s+(?:[A-Z][\w&\-]*|of|and|&|for))*\s*", prefix[titles[-1].end() :])
        )
    return bool(re.match(r",?\s+(?:since\s+\d{4}|from\s+\d{4}\s+(?:to|until)\s+\d{4})\b", after)) and bool(
        r.role_re.search(before[-80:])
    )


def _org_context(text: str, m: re.Match, known: _Names, r: EnglishResources) -> str | None:
    """The kind of organization the words around a capitalized run make it (kg/data/en/org_contexts.tsv),
    or a run after a title and "at" ("Head of Energy Solutions at Stadtwerke Nordbayern"), or a run
    after a title and "of" that begins with a known company's name ("president of Alibaba Cloud
    Intelligence": a unit)."""
    before, after = text[: m.start()], text[m.end() :]
    if new_unit_nearby(text, m):
        return "unit"  # "General Manager of Fernway Mobile, a new division"
    for side, rx, kind in r.org_contexts:
        if (
            side == "before"
            and rx.search(before)
            or side == "after"
            and rx.search(after)
            or side == "headline"
            and m.start() == 0
            and rx.search(after)
        ):
            return kind
    owner = next(
        (
            o
            for n in range(3)
            if (o := re.match(rf"['’]s\s+(?:[a-z\-]+\s+){{{n}}}", after)) and r.role_re.match(after, o.end())
        ),
        None,
    )
    if (
        owner
        and len(m.group().split()) <= 3
        and m.group().split()[0] not in r.not_names
        and not names.pinyin_form(m.group())
        and not _name_like(m.group(), r)
    ):
        return "company"  # "TikTok's chief executive", "Lumora Health's new chief financial officer"
    title = r.role_re.match(after, len(after) - len(after.lstrip(" "))) if after[:1] == " " else None
    while title:
        more = re.match(r"(?:\s*,\s*|\s+and\s+|\s+&\s+)", after[title.end() :])
        nxt = r.role_re.match(after, title.end() + more.end()) if more else None
        if nxt is None:
            break
        title = nxt
    if (
        title
        and re.match(rf"\s+(?:{_HONORIFIC_RE})?[{UP}][{LOW}]+\s+[{UP}][{LOW}]+", after[title.end() :])
        and len(m.group().split()) <= 3
        and m.group().split()[0] not in r.not_names
        and not _name_like(m.group(), r)
        and not names.pinyin_form(m.group())
        and not re.search(r"\b(?:former|ex-|the|a|an)\s+$", before, re.I)
    ):
        return "company"  # "PingCAP co-founder and CEO Liu Qi"
    prep = re.search(r"\b(at|of)\s+(?:the\s+)?$", before[-100:])
    if not prep:
        return None
    prefix = before[-100:][: prep.start()]
    titles = list(r.role_re.finditer(prefix))
    if not titles or not re.fullmatch(r"(?:,?\s+(?:[A-Z][\w&\-]*|of|and|&|for))*\s*", prefix[titles[-1].end() :]):
        return None
    first = m.group().split()[0]
    if prep.group(1) == "at":
        return "company"
    if re.match(
        r"\s+(?:(?:since|until|where)\b|(?:from|between|in)\s+\d)|,\s+(?:where|a|an|according|said|says|who)\s", after
    ) and not all(w in r.not_names or w in r.suffixes for w in m.group().split()):
        return "company"  # "Chief Financial Officer of Pinecrest Utilities since 2019": a bio's employer
    if len(m.group().split()) > 1 and (first.lower() in r.lexicon.companies or first in known.orgs):
        return "unit"
    return None


_HONORIFIC_RE = r"(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+"


def _name_like(run: str, r: EnglishResources) -> bool:
    """ "Kevin Shah": two or three name words, the last no word an organization's name ends in."""
    words = run.split()
    return 1 < len(words) and words[-1] not in r.not_names and words[-1] not in r.suffixes


def new_unit_nearby(text: str, m: "re.Match | Run") -> bool:
    """ "Norvale Cloud, a new division", "a new business unit, Quillpay Business", "announce Brightline
    North, a brand-new … studio": a name in apposition to a new unit is that unit's name."""
    unit_nouns = EnglishResources.load().unit_nouns
    nouns = "|".join(re.escape(n) for n in unit_nouns)
    after = text[m.end() : m.end() + 80]
    before = text[max(0, m.start() - 60) : m.start()]
    if re.match(rf",\s+(?:a|an|our)\s+(?:[\w\-]+\s+){{0,6}}?(?:{nouns})\b", after) and re.search(
        r"\b(?:new|brand-new|standalone|newly)\b", after[:80]
    ):
        return True
    called = r"(?:,\s+|\s+(?:called|named|dubbed|known\s+as)\s+)"  # "a new division, X"; "a new unit called X"
    return (
        bool(re.search(rf"\bnew\s+(?:[\w\-]+\s+){{0,2}}(?:{nouns}){called}$", before))
        or bool(re.search(r"\b(?:formation|creation|launch)\s+of\s+$", before))
        or bool(re.match(rf"\s+as\s+(?:a|an)\s+(?:[\w\-]+\s+){{0,3}}(?:{nouns})\b", after))
    )


def _gazetteer_name(form: str, r: EnglishResources) -> str | None:
    c = r.lexicon.companies.get(form.lower())
    return c.name if c else None


def _find_orgs(it: _Items, known: _Names) -> None:
    if known.pattern is None:
        return
    for m in known.pattern.finditer(it.text):
        kind, canon = known.orgs[m.group()]
        owner = re.search(r"([A-Z][\w\-]+)['’]s\s+$", it.text[: m.start()])
        parent = owner.group(1) if owner and kind != "company" else ""
        it.add("org", m.start(), m.end(), kind, canon, parent)


_SET_UP_A = re.compile(
    r"\b(?:set(?:s|ting)?\s+up|establish(?:ed|es|ing)?|form(?:ed|s|ing)?|creat(?:e|ed|es|ing)"
    r"|launch(?:ed|es|ing)?)\s+(?:a|an)\s+$",
    re.I,
)  # "has set up a strategy committee"


def _find_lower_units(it: _Items, r: EnglishResources) -> None:
    """ "the e-commerce business unit", "Norvale's Data Platform business": a unit named in plain words."""
    nouns = "|".join(re.escape(n) for n in sorted(r.unit_nouns, key=len, reverse=True))
    rx = re.compile(
        rf"(?<![\w\-])((?:(?:{_LOWER_WORD}|{_WORD})\s+){{1,3}}?)(?:{nouns})(?![\w\-])"
        rf"(?!\s+(?:{nouns}|[a-z]+s\b))"
    )
    for m in rx.finditer(it.text):
        start = m.start()
        words = m.group(1).split()
        # the modifiers must be plain nouns or adjectives: no cue word, no article, no verb
        board = m.group().lower().endswith("committee")  # "the executive committee", "the management committee"
        while words and (
            r.term(words[0])
            or words[0].lower() in r.not_names_lower
            and not (board and words[0].lower() in ("executive", "management"))
            or not it.free(start, start + 1)
        ):
            rest = it.text[start + len(words[0]) :]
            start += len(words[0]) + len(rest) - len(rest.lstrip())
            words = words[1:]
        led = re.search(r"\b(?:a|an)\s+$", it.text[:start], re.I) and re.match(
            r"\s+(?:chaired|led|headed|co-led|co-chaired|run)\s+by\b", it.text[m.end() :]
        )
        indefinite = (
            led
            or words
            and re.search(r"\b(?:a|an)\s+(?:new|newly\s+(?:created|formed|established))\s+$", it.text[:start], re.I)
            or words
            and _SET_UP_A.search(it.text[:start])
        )  # "to lead a new enterprise services group"
        if re.match(r"\s+(?:called|named|dubbed|known\s+as)\s+[A-Z]", it.text[m.end() :]):
            continue  # "a new robotics unit called Geely Robotics": the name names it
        named_noun = " " in it.text[m.start() + len(m.group(1)) : m.end()]  # "an advisory board chaired by"
        if (
            not (words or (named_noun and led))
            or not (_DETERMINER.search(it.text[:start]) or indefinite)
            or not it.free(start, m.end())
            or any(
                w.lower() in r.not_modifiers and not (board and w.lower() in ("executive", "management")) for w in words
            )
        ):
            continue
        owner = re.search(r"([A-Z][\w\-]+)['’]s\s+$", it.text[:start])
        noun = it.text[start : m.end()].split()[-1].capitalize()
        kind = r.suffixes[noun].kind if noun in r.suffixes and not r.suffixes[noun].legal else "unit"
        label = it.text[start : m.end()]
        if all(w[:1].isupper() for w in words) and not label.split()[-1][:1].isupper():
            label = " ".join(words)  # "our Merchant Lending team" is Merchant Lending
        it.add("org", start, m.end(), kind, label, owner.group(1) if owner else "")


# -- titles and cue words -------------------------------------------------------------------------


def _find_terms(it: _Items, r: EnglishResources) -> None:
    for m in r.terms_re.finditer(it.text):
        term = r.term(m.group())
        if term is None:
            continue
        kind, value = term
        if kind == "role" and m.group().islower() and len(m.group()) <= 3:
            continue  # "ceo" in running text is no title; "CEO" is
        if (
            kind == "role"
            and re.match(r"\s+in\b", it.text[m.end() :])
            and re.search(r"\b(?:a|an|the)\s+$", it.text[: m.start()])
        ):
            continue  # "a leader in retail software" describes, names no post
        if kind == "cue" and value == "orgref" and m.group() in ("us", "US"):
            continue
        if kind == "cue" and _in_name(it.text, m, r):
            continue  # "named Xu Ran as chief executive": Ran is a given name, no "ran"
        if not it.add("role" if kind == "role" else "cue", m.start(), m.end(), value, m.group()) and " " in m.group():
            _shorter_role(it, m, r)  # "Chairman of the Supervisory Board": the board is an organization


def _shorter_role(it: _Items, m: re.Match, r: EnglishResources) -> None:
    words = m.group().split()
    for n in range(len(words) - 1, 0, -1):
        form = " ".join(words[:n])
        end = m.start() + len(form)
        if form.lower() in r.role_by_form and it.free(m.start(), end):
            it.add("role", m.start(), end, r.role_by_form[form.lower()], form)
            return


def _in_name(text: str, m: re.Match, r: EnglishResources) -> bool:
    """A capitalized cue word right after a name word and before lower-case text is part of the name."""
    word = m.group()
    if not word[:1].isupper() or word.isupper() or " " in word or word in r.cues.keys() - {word.lower()}:
        return False
    prev = re.search(rf"([{UP}][{LOW}]+)\s$", text[: m.start()])
    nxt = text[m.end() : m.end() + 2].strip()
    return prev is not None and prev.group(1) not in r.not_names and not nxt[:1].isupper()


# -- persons --------------------------------------------------------------------------------------


def _find_persons(it: _Items, r: EnglishResources) -> None:
    text = it.text
    for m in _HKEX_NAME.finditer(text):  # "Mr. CHAN Tai Man"
        if _after_honorific(text, m.start(), r):
            it.add("person", m.start(), m.end(), label=names.hkex_name(m.group(1)))
    for m in CAP_SEQ.finditer(text):
        for start, end in _free_runs(it, m.start(), m.end()):
            words = text[start:end].split()
            while (
                words
                and words[0] in r.not_names
                and not _after_honorific(text, start, r)
                and not _month_as_given_name(text, start, words, r)
                and not _pinyin_surname(words, r)
            ):
                start += len(words[0]) + 1
                words = words[1:]
            while (
                words
                and words[-1] in r.not_names
                and not (
                    words[-1].lower() in r.months
                    and len(words) > 1
                    and (_name_word(words[-2], r) or words[-2].lower() in r.surnames)
                )
            ):  # "Lei Jun", "He Jun"
                end -= len(words[-1]) + 1
                words = words[:-1]
            half = len(words) // 2
            if len(words) in (4, 6) and words[:half] == words[half:]:  # "By: /s/ Mark Davidson Mark Davidson"
                end = start + len(" ".join(words[:half]))
                words = words[:half]
            surname = _pinyin_surname(words, r) or (
                len(words) > 1 and words[0].lower() in r.surnames and _after_honorific(text, start, r)
            )  # "Mr. He Jun"
            if (
                not 2 <= len(words) <= 5
                or not all(
                    _name_word(w, r) or (0 < i < len(words) - 1 and w in _PARTICLES) or (i == 0 and surname)
                    for i, w in enumerate(words)
                )
                or all(w.isupper() for w in words)
            ):
                continue  # all capitals is a heading ("CURRENT REPORT"); "CHAN Tai Man" has a given name
            label = ""
            before = re.search(r"([\u3400-\u9fff·]{2,6})\s*\(\s*$", text[:start])
            if before and text[end : end + 1] == ")":
                label = before.group(1)  # "程一晓 (Cheng Yixiao)": the characters name the same person
            alias = _PAREN.match(text, end)
            if alias and _is_alias(alias.group(1)) and not label:
                label = alias.group(1).strip()
            if it.add("person", start, end, label=label) and label:
                if label.isascii() and alias:
                    a0 = alias.start(1)
                    it.add("person", a0, a0 + len(alias.group(1)), label=text[start:end])
                elif alias:
                    it.block(alias.start(), alias.end())  # "Cheng Yixiao (程一晓)": one name


_PARTICLES = {"van", "von", "der", "den", "de", "la", "du", "da", "di", "del", "dos", "bin", "al"}


def _pinyin_surname(words: list[str], r: EnglishResources) -> bool:
    """ "He Xiaopeng": a surname that is also an English word, before a pinyin given name."""
    return (
        len(words) >= 2
        and words[0].lower() in r.surnames
        and (words[1] not in r.not_names or words[1].lower() in r.months and words[1] != "May")
        and names.pinyin_form(" ".join(words[:2])) is not None
        and len(names.syllables(words[1]) or ()) in (1, 2)
    )


def _month_as_given_name(text: str, start: int, words: list[str], r: EnglishResources) -> bool:
    """ "Jan Vermeulen", "April Chen": a month's name before a name word, not after "in", "since" …"""
    if words[0].lower() not in r.months or len(words) < 2 or words[1] in r.not_names:
        return False
    before = text[:start].split()
    if not before:
        return True
    prev = before[-1]
    # "since Jan", "in April": a month; "Chief Technology Officer Jan Petersen": a name after a title
    return not (
        prev.lower() in {"since", "until", "early", "late", "mid", "last", "next", "this", "each", "every", "through"}
        or prev.lower() in r.not_names_lower
        and not _after_title(text, start, r)
    )


def _after_title(text: str, start: int, r: EnglishResources) -> bool:
    seg = text[max(0, start - 60) : start].rstrip()
    return any(t.end() == len(seg) for t in r.role_re.finditer(seg))


_AKA = re.compile(r",?\s*(?:also\s+known\s+as|known\s+as|a\.k\.a\.?|aka|or)\s+$")


def _known_as(it: _Items) -> None:
    """ "Liu Qiangdong, also known as Richard Liu": one person, each name the other's label."""
    persons = sorted((m for m in it.items if m.kind == "person"), key=lambda m: m.start)
    for a, b in zip(persons, persons[1:]):
        aka = _AKA.fullmatch(it.text[a.end : b.start])
        if not a.label and not b.label and aka and " " in a.text and " " in b.text and aka.group().strip(" ,") != "or":
            it.items[it.items.index(a)] = replace(a, label=b.text)
            it.items[it.items.index(b)] = replace(b, label=a.text)


def _free_runs(it: _Items, start: int, end: int):
    """The pieces of [start, end) that no earlier mention took, trimmed to whole words."""
    i = start
    while i < end:
        while i < end and (it.taken[i] or it.text[i].isspace()):
            i += 1
        j = i
        while j < end and not it.taken[j]:
            j += 1
        piece = it.text[i:j].rstrip()
        if piece:
            yield i, i + len(piece)
        i = j


def _name_word(w: str, r: EnglishResources) -> bool:
    return (
        (w not in r.not_names or w.lower() in r.months)
        and w not in r.suffixes
        and (w[:1].isupper())
        and bool(
            re.fullmatch(
                rf"[{UP}][{LOW}]+(?:[\-'’][{UP}]?[{LOW}]+)*|[A-Z]{{2,}}|[A-Z][a-z]*[A-Z][a-z]+"
                r"|[A-Z]['’][A-Z][a-z]+|[A-Z]\.",
                w,
            )
        )
    )


def _after_honorific(text: str, pos: int, r: EnglishResources) -> bool:
    before = text[max(0, pos - 12) : pos].split()
    return bool(before) and before[-1] in r.honorifics


def _is_alias(s: str) -> bool:
    """ "(Tang Daosheng)", "(程一晓)", "(Lihua Pan)": another form of the same name."""
    s = s.strip()
    return bool(re.fullmatch(r"[\u3400-\u9fff·]{2,6}", s)) or bool(
        re.fullmatch(rf"[{UP}][{LOW}]+(?:\s[{UP}][{LOW}]+){{1,2}}", s)
    )


def _find_name_parts(it: _Items, persons: set[str], r: EnglishResources) -> None:
    """ "Lopez", "Kwame", "Cheng": the surname or given name of a person named in full."""
    parts = {p for full in persons for p in full.split() if p not in r.not_names and len(p) > 1}
    for m in re.finditer(rf"(?<![\w\-])[{UP}][{LOW}'’\-]+(?:-[{UP}][{LOW}]+)?(?![\w\-])", it.text):
        if m.group() in parts:
            it.add("person", m.start(), m.end())
