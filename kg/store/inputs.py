"""The articles an ingest reads: files, directories and globs; plain text, HTML, Markdown and JSON Lines."""

from __future__ import annotations

import glob
import html.parser
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..fileio import parse_json_record

__all__ = ["Item", "collect", "read_item", "html_to_text", "markdown_to_text", "doc_ids_of", "INPUT_EXTENSIONS"]


#: Files a directory is searched for (a file named on the command line is read whatever its name).
INPUT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
_DOC_ID_RE = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True)
class Item:
    """One article to ingest: a file, or one line of a ``.jsonl`` file (``line`` 1-based, ``offset`` bytes)."""

    path: str
    line: int = 0
    offset: int = 0

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def collect(paths: Iterable[str]) -> list[Item]:
    """The articles ``paths`` name: files, directories (searched for .txt .md .html .jsonl) and globs.

    A ``.jsonl`` file gives one item per non-blank line. :class:`KgError` for a path that names nothing.
    """
    items: list[Item] = []
    seen: set[tuple[str, int]] = set()

    def add_file(f: Path):
        key = str(f.resolve())
        if f.suffix.lower() == ".jsonl":
            for line, offset in _jsonl_lines(f):
                if (key, line) not in seen:
                    seen.add((key, line))
                    items.append(Item(str(f), line, offset))
        elif (key, 0) not in seen:
            seen.add((key, 0))
            items.append(Item(str(f)))

    for arg in paths:
        matches = [arg]
        if not os.path.exists(arg) and glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputError(f"{arg}: no file matches")
        for m in matches:
            p = Path(m)
            if p.is_dir():
                for root, dirs, files in os.walk(p):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        if not name.startswith(".") and name.lower().endswith(INPUT_EXTENSIONS):
                            add_file(Path(root) / name)
            elif p.is_file():
                add_file(p)
            elif p.exists():
                raise InputError(f"{m}: not a file or directory")
            else:
                raise InputError(f"{m}: no such file or directory")
    return items


def _jsonl_lines(path: Path) -> Iterator[tuple[int, int]]:
    try:
        with open(path, "rb") as fh:
            offset = 0
            for number, raw in enumerate(fh, 1):
                if raw.strip():
                    yield number, offset
                offset += len(raw)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_item(item: Item) -> tuple[str, str | None]:
    """(text, date or None) of an item; HTML loses its tags, a .jsonl line gives its ``text`` and ``date``."""
    from ..extraction.text import decode_bytes, read_text

    if item.line:
        try:
            with open(item.path, "rb") as fh:
                fh.seek(item.offset)
                raw = fh.readline()
        except OSError as exc:
            raise InputError(f"{item.path}: cannot read ({exc.strerror or exc})") from None
        record = parse_json_record(decode_bytes(raw, item.label), item.label)
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f'{item.label}: no "text" string')
        date = record.get("date")
        if date is not None and not isinstance(date, str):
            raise InputError(f'{item.label}: "date" is not a string')
        return record["text"], date or None
    text = read_text(item.path)
    suffix = Path(item.path).suffix.lower()
    if suffix in (".html", ".htm"):
        text = html_to_text(text)
    elif suffix in (".md", ".markdown"):
        text = markdown_to_text(text)
    return text, None


class _TextExtractor(html.parser.HTMLParser):
    _BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "title",
        "dd",
        "dt",
        "hr",
        "figcaption",
    }
    _SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in self._SKIP:
            self.skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title or not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The text of an HTML page: tags, scripts and styles dropped, blocks on lines of their own."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def markdown_to_text(text: str) -> str:
    """Markdown with its markup dropped: headings' #, emphasis, links and images keep only their text."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s+", "", text)
    text = re.sub(r"(?m)^\s{0,3}>\s?", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return text


def doc_ids_of(arg: str) -> list[str]:
    """The document ids ``arg`` stands for: itself when it is an id, else those of the file(s) it names."""
    from ..extraction import pipeline

    if _DOC_ID_RE.fullmatch(arg) and not os.path.exists(arg):
        return [arg]
    ids = []
    for item in collect([arg]):
        text, date = read_item(item)
        ids.append(pipeline.prepare(text, date).id)
    return ids
