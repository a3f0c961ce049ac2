"""Reading text files and normalizing text; splitting it into sentences.

The pipeline calls, in this order::

    text = read_text(path)            # bytes -> str (UTF-8/UTF-16/GB18030, binary rejected)
    text = normalize(text)            # widths, invisible characters, spaces, hard wraps
    text = noise.strip_injections(text)   # injected headlines, ads, page furniture (kg.extraction.noise)
    sentences = split_sentences(text) # offsets into *this* text
    sentences = noise.mark_noise(sentences)

Conventions of the normalized text: ASCII letters, digits and punctuation are half-width, and so are
the Chinese ，；：（）！？ (they become , ; : ( ) ! ?); 。、“”《》「」 are kept as they are. Lines are
separated by a single ``\\n``; paragraphs by at most one empty line.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from collections.abc import Iterator

from ..errors import InputError
from ..fileio import read_bytes, read_capped
from ..model import Sentence
from .text_tables import TextTables, default_text_tables

# ---------------------------------------------------------------------------------------------
# reading


_CTRL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # \t \n \v \f \r are fine in text


def read_text(path: str) -> str:
    """The text of ``path`` (``-``: standard input), decoded; ``KgError`` when it is no text file.

    Accepted: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, UTF-16 without BOM (recognized by
    the NUL bytes of its ASCII characters all falling on one byte parity) and GB18030 (a superset
    of GBK and GB2312). Binary data is rejected: NUL bytes UTF-16 does not explain, many control
    characters, or bytes no candidate encoding decodes. An empty file gives "".
    """
    name = "<stdin>" if path == "-" else path
    data = read_capped(sys.stdin.buffer, name) if path == "-" else read_bytes(path)
    return decode_bytes(data, name)


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode ``data`` as :func:`read_text` does; ``name`` goes into the error message."""
    if not data:
        return ""
    text = _decode(data, name)
    bad = len(_CTRL_RE.findall(text))
    if bad > max(2, len(text) // 100):
        raise InputError(f"{name}: not a text file (too many control characters)")
    return text


def _decode(data: bytes, name: str) -> str:
    boms = (
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
    )
    for bom, codec in boms:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: not a text file (invalid {codec.upper()} after its byte order mark)"
                ) from None
    nuls = data.count(0)
    if nuls:
        utf16 = _utf16_without_bom(data, nuls)
        if utf16:
            return data.decode(utf16)
        raise InputError(f"{name}: not a text file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly valid UTF-8 with a few broken bytes is damaged UTF-8, not GB18030 (whose bytes
    # almost never form valid multi-byte UTF-8 sequences).
    lossy = data.decode("utf-8", "replace")
    bad = lossy.count("\ufffd")
    good = len(lossy) - len(lossy.encode("ascii", "ignore")) - bad  # valid non-ASCII characters
    if good >= 10 * bad:
        return lossy
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    raise InputError(f"{name}: not a text file (neither UTF-8, UTF-16 nor GB18030)")


def _utf16_without_bom(data: bytes, nuls: int) -> str | None:
    """``utf-16-le``/``-be`` when the bytes read as UTF-16 text without a byte order mark.

    The NUL bytes of UTF-16 text are mostly the high bytes of its ASCII characters, so they
    fall mostly on one parity (random binary data spreads them evenly); and the decoded text
    must be mostly ASCII, CJK and punctuation. Chinese text without ASCII has few NULs (the low
    byte of 一 U+4E00 and the like) on either parity: it must then decode to almost nothing but
    plausible characters.
    """
    if len(data) % 2:
        return None
    even = data[0::2].count(0)  # big-endian: the high byte comes first
    odd = nuls - even
    for count, codec in sorted(((odd, "utf-16-le"), (even, "utf-16-be")), reverse=True):
        by_parity = count >= 0.7 * nuls
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(_PLAUSIBLE_RE.findall(text)) >= (0.9 if by_parity else 0.97) * len(text):
            return codec
    return None


_PLAUSIBLE_RE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


# ---------------------------------------------------------------------------------------------
# normalizing


def _build_translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # full-width ASCII (！ … ～), half-width CJK punctuation (｡｢｣､), full-width signs (￥ …)
    # and the small/vertical punctuation forms: their compatibility (NFKC) form
    for lo, hi in ((0xFF01, 0xFF5E), (0xFF61, 0xFF64), (0xFFE0, 0xFFE6), (0xFE50, 0xFE6B), (0xFE10, 0xFE19)):
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            norm = unicodedata.normalize("NFKC", ch)
            if norm != ch and len(norm) == 1:
                table[cp] = norm
    # spaces of every width -> one ASCII space
    for cp in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000, 0x09):
        table[cp] = " "
    # invisible characters: zero-width, soft hyphen, BOM, bidi controls
    for cp in (
        0x00AD,
        0x180E,
        0x200B,
        0x200C,
        0x200D,
        0x200E,
        0x200F,
        0x2060,
        0x2061,
        0x2062,
        0x2063,
        0x2064,
        0xFEFF,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ):
        table[cp] = None
    # control characters (line breaks are unified before the table is applied)
    for cp in (*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)):
        table[cp] = None
    table[0x0B] = "\n"  # vertical tab
    table[0x0C] = "\n"  # form feed (page break of PDF text)
    table[0x0085] = "\n"  # NEL
    table[0x2028] = "\n"  # line separator
    table[0x2029] = "\n"  # paragraph separator
    table[0x22EF] = "\u2026"  # ⋯ (midline ellipsis, typed for ……) -> …
    return table


_TRANSLATION = _build_translation()
_SPACES_RE = re.compile(r" {2,}")
_CELL_TAB_RE = re.compile(r"(?<=[^\s|])[ \t]*\t[ \t]*(?=[^\s|])")
# these open with the character they match and test the one before it after it (a lookbehind first would be
# tried at every character of the text, a literal first lets the regex engine skip to it)
_INDENTED_RE = re.compile(r"\n(?<=[^\n]\n)(?=(?: {2,}|\t)\S)")
_SPACE_BEFORE_PUNCT_RE = re.compile(r" (?<=\S ) *(?=[,;:!?。、)\]」』”’》…])")
# "主　任:宗立新": a label padded to the width of the others in its list
_PADDED_LABEL_RE = re.compile(r"^([\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,3})(?=:)", re.M)

# sentence-final punctuation, possibly followed by closing quotes and brackets
_CLOSERS = '”’"』」)]）】》'
_FINAL_TAIL_RE = re.compile(r"(?:[。!?;…]|\.{3}|(?<![A-Za-z0-9.])\.)[" + re.escape(_CLOSERS) + r"]*$")
_CONTINUATION_START_RE = re.compile(r"[,.。、;:!?)\]」』”’%…》]")
_OPENING_QUOTE_RE = re.compile(r"[“「『\"]")
_CLAUSE_PUNCT_RE = re.compile(r"[,;。!?]")
_SENTENCE_PUNCT_RE = re.compile(r"[;。!?]")
_LATIN_END_RE = re.compile(r"[A-Za-z0-9][.,;:!?%)]?$")
_LATIN_START_RE = re.compile(r"[A-Za-z0-9]")
_WIDE_RUN_RE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
    r"\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd“”‘’…—]+"
)

_TITLE_MAX = 50  # a headline is at most this long (characters)
_HEADER_LINES = 5  # headline, subtitle, byline, announcement header …: at most this many lines
_HEADING_MAX = 20
_MAX_JOIN_PASSES = 10
_CAPTION_MAX = 20


def normalize(text: str, tables: TextTables | None = None) -> str:
    """Normalized text: the form every later stage (and every offset) refers to.

    - full-width ASCII letters, digits and punctuation become half-width, so do ，；：（）！？
      (→ , ; : ( ) ! ?); 。、“”《》 stay; ideographic and other spaces become ASCII spaces;
    - zero-width characters, BOMs, bidi and control characters are dropped (``\\n`` stays);
      line endings become ``\\n``; runs of spaces collapse; lines are stripped; spaces before
      closing punctuation go; at most one empty line separates paragraphs;
    - hard wraps are joined: a line not ending in sentence-final punctuation (。!?;… optionally
      followed by closing quotes) is joined to the next one, without a space between CJK
      characters (with one between two Latin letters/digits), unless the next line opens a new
      block (list item, numbered point, salutation, signature, date line, heading, speaker) or
      the line is a headline at the top (short, no 。, not ending in a comma or function word),
      a salutation, a heading or a caption before a quote. A text wrapped at a fixed width (PDF
      copy) has its full-width lines joined whatever they end with. What opens a block, a heading or
      a line on its own is the ``linebreaks.tsv`` of ``tables`` (default: kg's).

    Idempotent: ``normalize(normalize(x)) == normalize(x)``.
    """
    if not text:
        return ""
    tables = tables or default_text_tables()
    # a line with two tabs or more between words is a row of a pasted table: its cells are written as
    # a table row's ("品牌 | 负责人 | 汇报对象"); a single tab is a space
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = "\n".join(_table_row(line) for line in text.split("\n"))
    text = text.translate(_TRANSLATION)
    # an indented line ("　　审计委员会 …") begins a paragraph, as a blank line before it would
    text = _INDENTED_RE.sub("\n\n", text)
    text = _SPACES_RE.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT_RE.sub("", text)
    text = _PADDED_LABEL_RE.sub(lambda m: m.group(1).replace(" ", ""), text)
    lines = [ln.strip(" ") for ln in text.split("\n")]
    # Joining can change what a later line looks like ("这是第一" + "个事。"), so join until
    # nothing changes: the result is a fixed point, which makes normalize idempotent.
    for _ in range(_MAX_JOIN_PASSES):
        joined = _join_lines(lines, tables)
        if len(joined) == len(lines):
            break
        lines = joined
    return "\n".join(lines)


def _table_row(line: str) -> str:
    """A line whose words are separated by two tabs or more, written as a table row; else the line."""
    if line.count("\t") < 2:
        return line
    row = _CELL_TAB_RE.sub(" | ", line)
    return row if row.count(" | ") >= 2 else line


def _width(line: str) -> int:
    # runs, not single characters: findall would make one string per wide character of the whole text
    return len(line) + sum(map(len, _WIDE_RUN_RE.findall(line)))


def ends_sentence(line: str) -> bool:
    """The line ends in sentence-final punctuation (。!?;… or a period after CJK), closers allowed."""
    return _FINAL_TAIL_RE.search(line[-8:]) is not None


def _is_standalone(line: str, tables: TextTables) -> bool:
    return tables.standalone is not None and tables.standalone.fullmatch(line) is not None


def _is_heading(line: str, tables: TextTables) -> bool:
    return (
        len(line) <= _HEADING_MAX
        and tables.heading is not None
        and tables.heading.match(line) is not None
        and not _CLAUSE_PUNCT_RE.search(line)
        and not _ends_open(line, tables)
    )


def _ends_open(line: str, tables: TextTables) -> bool:
    """The line ends where a sentence cannot: a comma, an opening bracket, a function word."""
    last = line[-1]
    return last in ",、:(“《「『-" or (tables.open_tail is not None and tables.open_tail.fullmatch(last) is not None)


def _title_like(line: str, tables: TextTables) -> bool:
    return (
        len(line) <= _TITLE_MAX
        and "。" not in line
        and ";" not in line
        and line.count(",") <= 2
        and not _ends_open(line, tables)
    )


def _wrapped_pair(cur: str, nxt: str) -> bool:
    """``cur`` and ``nxt`` look like one hard-wrapped sentence, not a headline and the body:
    ``nxt`` is a shorter line that ends the sentence ``cur`` started (after a comma), or both are
    wrapped at the same width."""
    if len(nxt) < len(cur) and "," in cur and ends_sentence(nxt):
        return True
    wc = _width(cur)
    return wc >= 30 and abs(wc - _width(nxt)) <= 1


def _detect_wrap_band(lines: list[str]) -> tuple[int, int] | None:
    """(lo, hi) display widths of lines wrapped at a fixed width, or None if the text is not."""
    measured = [(ln, _width(ln)) for ln in lines if ln]  # each line measured once
    widths = sorted(w for _, w in measured)
    if len(widths) < 3:
        return None
    best = None
    for w in set(widths):
        if w < 30:
            continue
        lo = w - max(2, w * 15 // 100)
        n = bisect.bisect_right(widths, w) - bisect.bisect_left(widths, lo)
        if best is None or n > best[0] or (n == best[0] and w > best[2]):
            best = (n, lo, w)
    if best is None:
        return None
    n, lo, hi = best
    longer = len(widths) - bisect.bisect_right(widths, hi)
    if n < 3 or n * 3 < len(widths) or longer * 10 > len(widths):
        return None
    band = [ln for ln, w in measured if lo <= w <= hi]
    open_ended = sum(1 for ln in band if not ends_sentence(ln))
    if open_ended * 10 < len(band) * 6:
        return None
    return lo, hi


def _should_join(cur: str, nxt: str, header: bool, band: tuple[int, int] | None, last: str, tables: TextTables) -> bool:
    if ends_sentence(cur):
        return False
    if _is_standalone(cur, tables) or _is_standalone(nxt, tables):
        return False
    if tables.block_start is not None and tables.block_start.match(nxt):
        return False
    if _is_heading(cur, tables):
        return False
    if band is not None and band[0] <= _width(last) <= band[1]:
        return True
    if header and _title_like(cur, tables) and not _wrapped_pair(cur, nxt):
        return False
    if (
        _OPENING_QUOTE_RE.match(nxt)
        and len(cur) <= _CAPTION_MAX
        and not _ends_open(cur, tables)
        and not _SENTENCE_PUNCT_RE.search(cur)
    ):  # a caption or subheading before a quote
        return False
    return True


def _join_lines(lines: list[str], tables: TextTables) -> list[str]:
    # A line that starts with closing punctuation ("，" "。" "”") belongs to the one before it.
    merged: list[str] = []
    for ln in lines:
        if ln and merged and merged[-1] and _CONTINUATION_START_RE.match(ln):
            merged[-1] += ln
        else:
            merged.append(ln)
    band = _detect_wrap_band(merged)
    # the sign-off under the last sentence (name / title / date lines of a memo or an announcement) is
    # no hard wrap: its lines are joined as before, but a space keeps where each began ("邬振华 云栈科技CEO")
    closing = max((n for n, ln in enumerate(merged) if ln and ends_sentence(ln)), default=len(merged))
    out: list[str] = []
    header = True  # still in the headline block at the top
    emitted = 0
    cur: str | None = None
    last = ""

    def flush() -> None:
        nonlocal cur, header, emitted
        if cur is None:
            return
        out.append(cur)
        emitted += 1
        header = header and emitted < _HEADER_LINES and _title_like(cur, tables)
        cur = None

    for n, ln in enumerate(merged):
        if not ln:
            flush()
            if out and out[-1]:
                out.append("")
            continue
        if cur is None:
            cur, last = ln, ln
        elif _should_join(cur, ln, header, band, last, tables):
            latin = _LATIN_END_RE.search(cur[-3:]) and _LATIN_START_RE.match(ln)
            sep = " " if latin or n > closing else ""
            cur, last = cur + sep + ln, ln
        else:
            flush()
            cur, last = ln, ln
    flush()
    while out and not out[-1]:
        out.pop()
    return out


# ---------------------------------------------------------------------------------------------
# sentences


# A sentence ends at a newline, at a run of 。!?; (a ! or ? inside a URL or a Latin word does not
# count), or at an ellipsis that ends the line; closing quotes and brackets stay with it.
_SENT_END_RE = re.compile(
    r"\n"
    r"|(?:[。;]|[!?](?![A-Za-z0-9=&_/%]))+[" + re.escape(_CLOSERS) + r"]*"
    r"|(?:…|\.{3,})+[" + re.escape(_CLOSERS) + r"]*(?=\n|$| )"
)
_WORD_RE = re.compile(r"[^\W_]")
#: The longest sentence analysed as one. A longer run without sentence-final punctuation (a table
#: flattened into a line, a hostile input) is cut into pieces, after a comma or a space where there is
#: one: what the finders and rules do within a sentence then stays bounded, and extraction linear.
MAX_SENTENCE_CHARS = 2000
_SOFT_BREAKS = ",、;: \t"


def bounded_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` as (start, end) pieces of at most :data:`MAX_SENTENCE_CHARS` characters,
    each cut after the last comma or space in its second half, else at the limit."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = start + MAX_SENTENCE_CHARS
        soft = max(text.rfind(c, start + MAX_SENTENCE_CHARS // 2, cut) for c in _SOFT_BREAKS)
        cut = soft + 1 if soft >= 0 else cut
        yield start, cut
        start = cut
    yield start, end


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` (normalized and noise-stripped: offsets refer to this very text).

    Splits after 。!?; and their runs (with the closing quotes/brackets that follow), after an
    ellipsis at the end of a line, and at every newline. A straight ``"`` after the punctuation
    closes the sentence only when it closes a quote opened in the same line. Surrounding
    whitespace is trimmed (offsets adjusted) and pieces without a letter, digit or CJK character
    are skipped, so ``text[s.start:s.end] == s.text`` for every sentence. A sentence longer than
    :data:`MAX_SENTENCE_CHARS` is cut into pieces (:func:`bounded_pieces`).
    """
    out: list[Sentence] = []
    pos = 0
    counted_to = 0
    quotes = 0  # straight quotes in the current line before counted_to

    def emit(start: int, end: int) -> None:
        for start, end in bounded_pieces(text, start, end):
            seg = text[start:end]
            stripped = seg.strip()
            if not stripped or not _WORD_RE.search(stripped):
                continue
            s = start + (len(seg) - len(seg.lstrip()))
            out.append(Sentence(len(out), s, s + len(stripped), stripped))

    for m in _SENT_END_RE.finditer(text):
        if m.group() == "\n":
            emit(pos, m.start())
            pos = counted_to = m.end()
            quotes = 0
            continue
        end = m.end()
        q = m.group().find('"')
        if q >= 0:
            qpos = m.start() + q
            quotes += text.count('"', counted_to, qpos)
            counted_to = qpos
            if quotes % 2 == 0:  # this quote opens the next sentence's quotation
                end = qpos
        emit(pos, end)
        pos = end
    emit(pos, len(text))
    return out
