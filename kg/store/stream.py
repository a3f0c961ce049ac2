"""Large text files in bounded memory: decoded incrementally, extracted paragraph chunk by chunk.

``kg extract`` reads a file larger than :data:`STREAM_ABOVE_BYTES` this way instead of whole::

    for chunk in iter_paragraph_chunks(path):      # str pieces of at most max_chars characters
        ...                                         # each ends at a paragraph boundary

    graph = extract_file_stream(path, date=None)    # one rdflib.Graph for the whole file

The encoding is told from the first bytes as :func:`kg.extraction.text.read_text` tells it (BOM, UTF-16
without BOM, UTF-8 — damaged UTF-8 is read with U+FFFD —, GB18030) and the bytes are decoded with
that codec's incremental decoder, so a multi-byte character split between two reads is whole.
Line breaks are unified to ``\\n`` (as :func:`kg.extraction.text.normalize` does first thing).

Each chunk is its own :class:`~kg.model.Document` (its id is the hash of its text, so the
excerpts, memberships and events of two chunks never collide); people and organizations get the
same IRIs in every chunk, so the merged graph links them. What a Document knows across its text
(the company "公司" refers to, a name's short form) does not cross a chunk boundary: that is why
chunks end at paragraphs. Memory is bounded in the size of the text, not in the size of the graph
extracted from it.
"""

from __future__ import annotations

import codecs
import datetime
import os
import re
import stat
from collections.abc import Iterator

import rdflib

from ..errors import InputError
from ..extraction import dates, noise, pipeline, text as text_mod
from ..fileio import open_binary
from ..model import Document
from ..rdf import write as rdf

#: ``kg extract`` streams a file larger than this many bytes (smaller ones are read whole).
STREAM_ABOVE_BYTES = 5 * 1024 * 1024
#: The most characters of one chunk (one Document).
MAX_CHARS = 200_000

_READ_BYTES = 256 * 1024
_SNIFF_BYTES = 64 * 1024

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

# Paragraph boundaries, from the strongest: a blank line (the cut goes after the whole run of empty
# lines); a line break after sentence-final punctuation (and closing quotes), where normalize never
# joins two lines, unless the next line starts with punctuation that normalize glues back on; and,
# inside one giant line, sentence-final punctuation, where split_sentences cuts anyway.
_CLOSERS = '”’"』」)]）】》'
_FINAL = "。！？；!?;…"
_BLANK_RE = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")
_LINE_END_RE = re.compile(
    rf"[{_FINAL}][{re.escape(_CLOSERS)}]*[^\S\n]*\n"
    r"(?![^\S\n]*[,.。、;:!?)\]」』”’%…》，；：！？）])"
)
_SENTENCE_END_RE = re.compile(rf"[{_FINAL}]+[{re.escape(_CLOSERS)}]*")


def should_stream(path: str) -> bool:
    """``path`` is a regular file larger than :data:`STREAM_ABOVE_BYTES` (``-``, errors: False)."""
    if path == "-":
        return False
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False  # reading it whole reports the problem
    return stat.S_ISREG(st.st_mode) and st.st_size > STREAM_ABOVE_BYTES


def iter_paragraph_chunks(path: str | os.PathLike, max_chars: int = MAX_CHARS) -> Iterator[str]:
    """The decoded text of ``path`` in chunks of at most ``max_chars`` characters.

    Every chunk but the last ends at a paragraph boundary: after a blank line (preferred when one
    lies in the second half of the chunk), or after a line break that follows sentence-final
    punctuation; a single giant line is cut after sentence-final punctuation or, failing that, at
    ``max_chars``. ``"".join(chunks)`` is the text :func:`kg.extraction.text.read_text` gives, with line
    breaks unified to ``\\n``. ``KgError`` (naming the file) for what ``read_text`` rejects: no
    such file, a directory, binary data, bytes the chosen encoding cannot decode.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    name = os.fspath(path)
    with open_binary(path) as fh:
        try:
            yield from _chunks(fh, name, max_chars)
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


def _chunks(fh, name: str, max_chars: int) -> Iterator[str]:
    head = fh.read(_SNIFF_BYTES)
    if not head:
        return
    codec, skip, errors = _sniff(head, name, whole=len(head) < _SNIFF_BYTES)
    decoder = codecs.getincrementaldecoder(codec)(errors)
    wide = codec.startswith(("utf-16", "utf-32"))
    buf = ""
    held_cr = False  # a "\r" at the end of a piece: the next piece may start with its "\n"
    chars = controls = 0
    block, final, first = head[skip:], False, True
    while True:
        if not wide and b"\x00" in block:
            raise InputError(f"{name}: not a text file (contains NUL bytes)")
        try:
            piece = decoder.decode(block, final)
        except UnicodeDecodeError:
            raise InputError(_decode_error(name, codec, skip)) from None
        if held_cr:
            piece = "\r" + piece
        held_cr = piece.endswith("\r") and not final
        if held_cr:
            piece = piece[:-1]
        piece = piece.replace("\r\n", "\n").replace("\r", "\n")
        chars += len(piece)
        controls += len(text_mod._CTRL_RE.findall(piece))
        if first and controls > max(2, chars // 100):  # binary data fails before any work
            raise InputError(f"{name}: not a text file (too many control characters)")
        first = False
        buf += piece
        while len(buf) > max_chars:
            cut = _cut(buf, max_chars)
            yield buf[:cut]
            buf = buf[cut:]
        if final:
            break
        block = fh.read(_READ_BYTES)
        final = not block
    if controls > max(2, chars // 100):  # as read_text decides for the whole text
        raise InputError(f"{name}: not a text file (too many control characters)")
    if buf:
        yield buf


def _cut(text: str, limit: int) -> int:
    """Where the next chunk of ``text`` ends: 0 < cut <= limit, after a paragraph boundary."""
    blank = max((m.end() for m in _BLANK_RE.finditer(text, 0, limit)), default=0)
    if blank >= limit // 2:
        return blank
    # look a little past the limit: the next line's first character decides a line end
    line = max((m.end() for m in _LINE_END_RE.finditer(text, 0, limit + 64) if m.end() <= limit), default=0)
    if blank or line:
        return max(blank, line)
    sentence = max((m.end() for m in _SENTENCE_END_RE.finditer(text, 0, limit)), default=0)
    return sentence or limit


def _sniff(head: bytes, name: str, whole: bool) -> tuple[str, int, str]:
    """(codec, length of its BOM, errors) for a file that starts with ``head``.

    The decision of :func:`kg.extraction.text.read_text`, made on the first bytes only (``whole``: they are
    the whole file); a multi-byte character cut off at the end of ``head`` is no error.
    """
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, len(bom), "strict"
    nuls = head.count(0)
    if nuls:
        even = head[: len(head) - len(head) % 2]
        for candidate in (even, even[:-2]):  # [:-2]: a surrogate pair cut in half at the end
            utf16 = text_mod._utf16_without_bom(candidate, candidate.count(0)) if candidate else None
            if utf16:
                return utf16, 0, "strict"
        raise InputError(f"{name}: not a text file (contains NUL bytes)")
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, whole)
        return "utf-8", 0, "replace"  # later damage is read as U+FFFD, as read_text reads damaged UTF-8
    except UnicodeDecodeError:
        pass
    lossy = codecs.getincrementaldecoder("utf-8")("replace").decode(head, whole)
    bad = lossy.count("\ufffd")
    good = len(lossy) - len(lossy.encode("ascii", "ignore")) - bad
    if good >= 10 * bad:
        return "utf-8", 0, "replace"
    try:
        codecs.getincrementaldecoder("gb18030")("strict").decode(head, whole)
        return "gb18030", 0, "strict"
    except UnicodeDecodeError:
        pass
    raise InputError(f"{name}: not a text file (neither UTF-8, UTF-16 nor GB18030)")


def _decode_error(name: str, codec: str, bom: int) -> str:
    """The words of :func:`kg.extraction.text.read_text` for bytes its codec cannot decode."""
    if bom:
        return f"{name}: not a text file (invalid {codec.upper()} after its byte order mark)"
    return f"{name}: not a text file (neither UTF-8, UTF-16 nor GB18030)"


def document_date(path: str | os.PathLike, max_chars: int = MAX_CHARS) -> datetime.date | None:
    """The publication date :func:`kg.extraction.pipeline.extract` would take from the whole text of ``path``:
    the latest full date (not in the future) of its normalized, noise-stripped chunks."""
    best = None
    for chunk in iter_paragraph_chunks(path, max_chars):
        d = dates.document_date(noise.strip_injections(text_mod.normalize(chunk)))
        if d is not None and (best is None or d > best):
            best = d
    return best


def iter_documents(
    path: str | os.PathLike, date: datetime.date | str | None = None, max_chars: int | None = None
) -> Iterator[Document]:
    """The extracted Documents of the text file ``path``, one per paragraph chunk, in bounded memory.

    ``date`` as in :func:`kg.extraction.pipeline.extract`; without it, one date for every chunk: the latest
    full date of the whole text (a first, cheaper pass over the file), as for a file read whole.
    """
    max_chars = max_chars or MAX_CHARS
    if isinstance(date, str):
        date = dates.parse_iso(date)
    if date is None:
        date = document_date(path, max_chars)
    source = os.fspath(path)
    for chunk in iter_paragraph_chunks(path, max_chars):
        yield pipeline.extract(chunk, date=date, source=source)


def extract_file_stream(
    path: str | os.PathLike,
    date: datetime.date | str | None = None,
    base: str = rdf.DEFAULT_BASE,
    max_chars: int | None = None,
    graph: rdflib.Graph | None = None,
) -> rdflib.Graph:
    """The graph of the text file ``path``, extracted chunk by chunk in bounded memory.

    ``date`` as in :func:`kg.extraction.pipeline.extract`; without it, one date for every chunk: the latest
    full date of the whole text (a first, cheaper pass over the file), as for a file read whole.
    Each chunk (of at most ``max_chars``, by default :data:`MAX_CHARS`, characters) is one Document
    of its own (see the module docstring); their triples go into ``graph`` (by default a new one).
    """
    if not base.endswith(("/", "#")):
        base += "/"
    if graph is None:
        graph = rdf.new_graph(base)
    for doc in iter_documents(path, date, max_chars):
        rdf.add_to(graph, doc, base)
    return graph
