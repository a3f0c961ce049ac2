"""Organization names in English sentences: the names the document declares, then each sentence's.

A name with a legal form or unit word declares itself and its short form ("Norvale Systems, Inc." →
"Norvale"), and so does a name the words around it make an organization (kg/data/en/org_contexts.tsv);
:func:`find_orgs` then marks every form declared, :func:`find_lower_units` the units named in plain
words ("the e-commerce business unit"). Why a module of its own: organizations are the largest of the
kinds of mention :mod:`kg.extraction.en.mentions` finds, and their reading shares nothing with titles
or persons but the sentence's items (:mod:`kg.extraction.en.items`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import names
from .items import CAP_SEQ, LOW, PAREN, UP, WORD, SentenceItems
from .resources import EnglishResources

_LOWER_WORD = r"[a-z][a-z\-]+"
_DETERMINER = re.compile(
    r"(?:\b(?:the|its|our|their|his|her)(?:\s+(?:new|newly\s+(?:created|formed|established)))?"
    r"|['’]s)\s+$"
)  # a named unit is definite
_JOINED_FROM = re.compile(r"\b(?:join(?:s|ed|ing)?|c(?:a|o)mes?|hired|moves? over|recruited)\s+(?:us\s+)?from\s+$")


@dataclass
class DeclaredOrgs:
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


def declared_orgs(sentences, r: EnglishResources) -> DeclaredOrgs:
    """Organization names the text declares: gazetteer companies, names ending in a legal form or
    unit word, names set in apposition to "a new division", and their short forms and acronyms."""
    known = DeclaredOrgs()
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


def _declare(text: str, m: re.Match, known: DeclaredOrgs, r: EnglishResources) -> None:
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
    if last and not r.suffixes[last].legal and new_unit_nearby(text, m, r):
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
        acronym = PAREN.match(text, m.end())
        if acronym and acronym.group(1).isupper() and acronym.group(1).isalpha():
            known.add(acronym.group(1), kind, seq)  # "Interactive Entertainment Group (IEG)"
        return
    context = _org_context(text, m, known, r)
    if context and not (len(words) == 1 and words[0] in r.not_names):
        known.add(seq, context, _gazetteer_name(seq, r) or seq)
        return
    if new_unit_nearby(text, m, r):
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


def _org_context(text: str, m: re.Match, known: DeclaredOrgs, r: EnglishResources) -> str | None:
    """The kind of organization the words around a capitalized run make it (kg/data/en/org_contexts.tsv),
    or a run after a title and "at" ("Head of Energy Solutions at Stadtwerke Nordbayern"), or a run
    after a title and "of" that begins with a known company's name ("president of Alibaba Cloud
    Intelligence": a unit)."""
    before, after = text[: m.start()], text[m.end() :]
    if new_unit_nearby(text, m, r):
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


def new_unit_nearby(text: str, m: "re.Match | Run", r: EnglishResources) -> bool:
    """ "Norvale Cloud, a new division", "a new business unit, Quillpay Business", "announce Brightline
    North, a brand-new … studio": a name in apposition to a new unit is that unit's name."""
    unit_nouns = r.unit_nouns
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


def find_orgs(it: SentenceItems, known: DeclaredOrgs) -> None:
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


def _describes_org(it: SentenceItems, start: int, noun: str) -> bool:
    """The plain words at ``start`` stand in apposition to an organization named just before them
    ("X (LSE: HRG), the specialist building products group"); "the audit committee, the remuneration
    committee" is a list (the name before is no proper name, or ends in the same noun)."""
    comma = re.search(r"(?:\s*\([^()]*\))?,\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,4}$", it.text[:start])
    return comma is not None and any(
        m.kind == "org" and m.end == comma.start() and m.text[:1].isupper() and not m.text.lower().endswith(noun)
        for m in it.items
    )


def find_lower_units(it: SentenceItems, r: EnglishResources) -> None:
    """ "the e-commerce business unit", "Norvale's Data Platform business": a unit named in plain words."""
    nouns = "|".join(re.escape(n) for n in sorted(r.unit_nouns, key=len, reverse=True))
    rx = re.compile(
        rf"(?<![\w\-])((?:(?:{_LOWER_WORD}|{WORD})\s+){{1,3}}?)(?:{nouns})(?![\w\-])"
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
        if _describes_org(it, start, m.group().split()[-1].lower()):
            continue  # "Loomstack AI Labs, a research group headed by …": a description of the name before
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
