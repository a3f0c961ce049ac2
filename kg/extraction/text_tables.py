"""What the text-cleaning steps read: :class:`TextTables`, compiled from four files of ``kg/data`` (or of a
folder laid out like it) by :func:`read_text_tables`, every row checked as it is read (a bad one is a
SetupError naming the file and the line):

- ``noise.tsv``: the ads and page furniture :mod:`kg.extraction.noise` cuts, the boilerplate it marks;
- ``linebreaks.tsv``: the line shapes that keep :func:`kg.extraction.text.normalize` from joining a line;
- ``dates.tsv``: the relative date words of :mod:`kg.extraction.dates` (:mod:`kg.extraction.date_words`);
- ``org_prefixes.tsv``: the words around an organization's name that :mod:`kg.extraction.find_orgs` reads
  (第三届, 三大, 一家 …) and the news outlets it drops.

:func:`default_text_tables` are kg's, read on first use, once per process; reading them loads neither
jieba nor the NER model. The functions that read them take a ``tables`` argument, kg's when it is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from ..errors import SetupError
from .datafiles import DATA_DIR, compile_pattern, read_kinds
from .date_words import DateWords, read_date_words
from .prefilter import Needs, alternatives_required


@dataclass(frozen=True)
class TextTables:
    """The patterns of the text-cleaning files (None: the file has no row of that kind)."""

    # noise.tsv
    cut: re.Pattern[str] | None  # "cut" rows: removed wherever they are
    furniture: re.Pattern[str] | None  # "line" rows: a line (or sentence) that is exactly this
    boilerplate: re.Pattern[str] | None  # "noise" rows: a sentence with a match is marked noise
    links: re.Pattern[str] | None  # "list" rows: a line opening with this heads a list of links
    # linebreaks.tsv
    block_start: re.Pattern[str] | None  # "start" rows: a line opening a new block
    standalone: re.Pattern[str] | None  # "standalone" rows: a line never joined to another
    heading: re.Pattern[str] | None  # "heading" rows: a short line starting so is a heading
    open_tail: re.Pattern[str] | None  # "tail" rows: a last character after which a line goes on
    # dates.tsv
    dates: DateWords
    # org_prefixes.tsv (one row of each kind at least, media excepted)
    term: re.Pattern[str]  # "第三届": which term of a board, not which board
    count: re.Pattern[str]  # "三大": a number of units
    counted_before: re.Pattern[str]  # a count just before (searched for up to a position)
    business_kind: re.Pattern[str]  # "品牌": the organization before it describes the company named after it
    described_before: re.Pattern[str]  # such a word just before
    header_label: re.Pattern[str]  # "证券代码": a label of an announcement's header
    indefinite: re.Pattern[str]  # "一家": some organization, not a named one
    salutation: re.Pattern[str]  # "各位鲸帆人:" (group 1: the company)
    addressee: re.Pattern[str]  # "全体", "各位": the start of a salutation
    media: tuple[re.Pattern[str], ...]  # "36氪获悉" (group 1: the news outlet)
    listing: re.Pattern[str]  # "(NASDAQ:KMCX)": a listing code after a company's name

    @cached_property
    def cut_needs(self) -> Needs:
        """What every match of :attr:`cut` holds: a line without it (most lines) is not searched, a search
        slow to fail on rows that open with a character class."""
        return alternatives_required(self.cut if self.cut is not None else re.compile(""))

    @cached_property
    def media_needs(self) -> tuple[Needs, ...]:
        """What every match of each :attr:`media` pattern holds (获悉, 报道, 记者 …): an article without it is not
        searched, a search that tries eight characters after every clause opener of the whole text."""
        return tuple(alternatives_required(pattern) for pattern in self.media)


def read_text_tables(data_dir: Path = DATA_DIR) -> TextTables:
    """The tables of the four files in ``data_dir``; for a file the folder lacks, kg's own."""

    def path(name: str) -> Path:
        return data_dir / name if (data_dir / name).is_file() else DATA_DIR / name

    def patterns(name: str, kinds: tuple[str, ...]) -> dict[str, list[re.Pattern[str]]]:
        """For each kind, the patterns of its rows, in order."""
        found: dict[str, list[re.Pattern[str]]] = {kind: [] for kind in kinds}
        for lineno, (kind, regex, *_) in read_kinds(path(name), kinds):
            found[kind].append(compile_pattern(path(name), lineno, regex))
        return found

    def prefix(kind: str) -> re.Pattern[str]:
        pattern = _alternation(orgs[kind])
        if pattern is None:
            raise SetupError(f"{path('org_prefixes.tsv')}: no {kind!r} row")
        return pattern

    noise = patterns("noise.tsv", ("cut", "line", "noise", "list"))
    breaks = patterns("linebreaks.tsv", ("start", "standalone", "heading", "tail"))
    orgs = patterns(
        "org_prefixes.tsv",
        ("term", "count", "kind", "label", "indefinite", "addressee", "salutation", "media", "listing"),
    )
    count, kind = prefix("count"), prefix("kind")
    return TextTables(
        cut=_alternation(noise["cut"], re.M),
        furniture=_alternation(noise["line"]),
        boilerplate=_alternation(noise["noise"]),
        links=_alternation(noise["list"]),
        block_start=_alternation(breaks["start"]),
        standalone=_alternation(breaks["standalone"]),
        heading=_alternation(breaks["heading"]),
        open_tail=_alternation(breaks["tail"]),
        dates=read_date_words(path("dates.tsv")),
        term=prefix("term"),
        count=count,
        counted_before=re.compile(f"(?:{count.pattern})$"),
        business_kind=kind,
        described_before=re.compile(f"(?:{kind.pattern})$"),
        header_label=prefix("label"),
        indefinite=prefix("indefinite"),
        salutation=prefix("salutation"),
        addressee=prefix("addressee"),
        media=tuple(orgs["media"]),
        listing=prefix("listing"),
    )


def _alternation(patterns: list[re.Pattern[str]], flags: int = 0) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags) if patterns else None


@cache
def default_text_tables() -> TextTables:
    """kg's tables (``kg/data``), read on first use, once per process."""
    return read_text_tables()
