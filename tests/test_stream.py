"""kg.store.stream: large files decoded incrementally and extracted paragraph chunk by chunk."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF
from rdflib.namespace import FOAF

import kg
from kg.cli import main
from kg.errors import KgError
from kg.extraction import text as text_mod
from kg.rdf.validate import validate
from kg.store import stream

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
OC = rdflib.Namespace("https://kg.example.org/ns/org-change#")
ROWS = [
    json.loads(ln)
    for ln in (ROOT / "tests" / "data" / "dev.gold.jsonl").read_text(encoding="utf-8").splitlines()
    if ln.strip()
]
DEV_TEXT = "\n\n".join(r["text"] for r in ROWS)  # 30 articles, blank lines between them

_FINAL_LINE_END = re.compile(r"[。！？；!?;…][”’\"』」)\]）】》]*[^\S\n]*\n$")
_SENTENCE_END = re.compile(r"[。！？；!?;…][”’\"』」)\]）】》]*$")


def unified(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def chunks_of(path, max_chars, monkeypatch=None, read_bytes=None):
    if read_bytes is not None:  # tiny reads: multi-byte characters and "\r\n" split between reads
        monkeypatch.setattr(stream, "_READ_BYTES", read_bytes)
        monkeypatch.setattr(stream, "_SNIFF_BYTES", max(64, read_bytes))
    return list(stream.iter_paragraph_chunks(path, max_chars))


def assert_paragraph_end(chunk: str) -> None:
    """A blank line, or a line break after sentence-final punctuation."""
    assert chunk.endswith("\n"), repr(chunk[-30:])
    lines = chunk.rstrip(" \t\u3000").split("\n")
    blank = len(lines) >= 3 and not lines[-2].strip()
    assert blank or _FINAL_LINE_END.search(chunk[-40:]), repr(chunk[-40:])


# --------------------------------------------------------------------------------------------------
# iter_paragraph_chunks
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_chunks_end_at_paragraphs_and_concatenate_back(tmp_path, monkeypatch, encoding, newline):
    # blank lines between the articles; inside them, single line breaks after 。 and hard wraps
    path = tmp_path / "dev.txt"
    path.write_bytes(DEV_TEXT.replace("\n", newline).encode(encoding))
    expected = unified(text_mod.read_text(str(path)))
    chunks = chunks_of(path, 700, monkeypatch, read_bytes=7)
    assert "".join(chunks) == expected
    assert len(chunks) > 10
    assert all(0 < len(c) <= 700 for c in chunks)
    for c in chunks[:-1]:
        assert_paragraph_end(c)


def test_blank_lines_are_preferred_to_line_ends(tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text(DEV_TEXT, encoding="utf-8")
    chunks = chunks_of(path, 3000)
    assert "".join(chunks) == DEV_TEXT
    # every article is shorter than half a chunk: every cut falls between two articles
    for c in chunks[:-1]:
        assert c.endswith("\n\n"), repr(c[-30:])
    starts = {r["text"][:20] for r in ROWS}
    assert all(c[:20] in starts for c in chunks)


def test_no_sentence_straddles_two_chunks(tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text(DEV_TEXT, encoding="utf-8")
    chunks = chunks_of(path, 400)
    whole = {s.text for s in kg.extraction.pipeline.prepare(DEV_TEXT).sentences}
    for c in chunks:
        for s in kg.extraction.pipeline.prepare(c).sentences:
            # a chunk's sentence is a sentence of the whole text, or a piece of one that normalize
            # joined there (a headline kept apart at the top of a chunk): never a sentence cut in two
            assert s.text in whole or any(s.text in w for w in whole), s.text


def test_a_giant_line_is_cut_after_sentence_punctuation(tmp_path):
    line = "".join(f"快手第{i}次宣布成立新的委员会。" for i in range(2000))  # no line break at all
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    chunks = chunks_of(path, 1000)
    assert "".join(chunks) == line
    assert all(len(c) <= 1000 for c in chunks)
    for c in chunks[:-1]:
        assert _SENTENCE_END.search(c), repr(c[-20:])


def test_a_giant_line_without_punctuation_is_cut_at_max_chars(tmp_path):
    line = "快手宣布成立新的委员会" * 1000
    path = tmp_path / "no-punct.txt"
    path.write_text(line, encoding="utf-8")
    chunks = chunks_of(path, 999)
    assert "".join(chunks) == line
    assert [len(c) for c in chunks[:-1]] == [999] * (len(chunks) - 1)


def test_a_line_starting_with_closing_punctuation_is_no_boundary(tmp_path):
    """normalize glues a line that starts with ","/"”" to the line before: no cut before it."""
    text = ("快手宣布成立委员会。\n" + "”他说。\n") * 200
    path = tmp_path / "glued.txt"
    path.write_text(text, encoding="utf-8")
    for c in chunks_of(path, 500)[:-1]:
        assert c.endswith("”他说。\n"), repr(c[-20:])


def test_empty_file_gives_no_chunk(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert chunks_of(path, 100) == []


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not a text file"),
        ("latin.txt", b"\x80\x81\x82\xfe\xff" * 20, "neither UTF-8, UTF-16 nor GB18030"),
        ("bom16.txt", b"\xff\xfe\x00\xd8a\x00b\x00", "invalid UTF-16-LE after its byte order mark"),
        ("late-nul.txt", "快手宣布成立委员会。\n".encode() * 5000 + b"\x00\x00", "contains NUL bytes"),
        ("late-controls.txt", "快手宣布成立委员会。\n".encode() * 100 + bytes(range(1, 9)) * 200, "control characters"),
        (
            "late-gb18030-error.txt",
            "快手宣布成立委员会。\n".encode("gb18030") * 5000 + b"\x81\x20",
            "neither UTF-8, UTF-16 nor GB18030",
        ),
    ],
)
def test_what_read_text_rejects_is_one_kg_error(tmp_path, monkeypatch, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(KgError) as info:
        chunks_of(path, 1000, monkeypatch, read_bytes=4096)
    assert str(info.value).startswith(f"{path}: ") and words in str(info.value), str(info.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(KgError, match="missing.txt: no such file"):
        list(stream.iter_paragraph_chunks(tmp_path / "missing.txt"))
    with pytest.raises(KgError, match="is a directory"):
        list(stream.iter_paragraph_chunks(tmp_path))


def test_damaged_utf8_is_read_with_replacement_characters(tmp_path, monkeypatch):
    data = "快手宣布成立商业生态委员会,由CEO程一晓担任主席。\n".encode() * 3000
    data = data[:50_000] + b"\xff\xfe" + data[50_000:]
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    text = "".join(chunks_of(path, 5000, monkeypatch, read_bytes=1000))
    assert text == data.decode("utf-8", "replace") and "\ufffd" in text


# --------------------------------------------------------------------------------------------------
# extract_file_stream and kg extract
# --------------------------------------------------------------------------------------------------


def test_extract_file_stream_finds_what_whole_extraction_finds(tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text(DEV_TEXT, encoding="utf-8")
    graph = stream.extract_file_stream(path, date="2022-09-16", max_chars=2000)
    whole = kg.to_rdf(kg.extract(DEV_TEXT, date="2022-09-16"))
    names = {str(o) for o in graph.objects(None, FOAF.name)}
    assert names and names == {str(o) for o in whole.objects(None, FOAF.name)}
    documents = set(graph.subjects(RDF.type, OC.Document))
    chunks = chunks_of(path, 2000)
    assert len(chunks) >= 3 and len(documents) == len(chunks)  # one per chunk: excerpts never collide
    excerpts = set(graph.subjects(RDF.type, OC.Excerpt))
    assert all(len(list(graph.objects(e, rdflib.namespace.PROV.value))) == 1 for e in excerpts)
    assert not validate(graph), [str(v) for v in validate(graph)]


def test_without_a_date_every_chunk_takes_the_date_of_the_whole_file(tmp_path):
    text = (
        "昨日,快手宣布张伟出任电商事业部负责人。\n\n"
        + "这是一段没有日期的文字。\n\n" * 400
        + "2022年9月16日,快手发布公告。\n"
    )
    path = tmp_path / "late-date.txt"
    path.write_text(text, encoding="utf-8")
    graph = stream.extract_file_stream(path, max_chars=1000)
    dates = {str(o) for o in graph.objects(None, rdflib.namespace.DCTERMS.date)}
    assert dates == {"2022-09-16", "2022-09-15"}, dates  # the documents' date and yesterday's event


def test_kg_extract_streams_files_over_the_threshold(tmp_path, monkeypatch):
    path = tmp_path / "dev.txt"
    path.write_text(DEV_TEXT, encoding="utf-8")
    monkeypatch.setattr(stream, "MAX_CHARS", 2000)
    runs = {}
    for threshold in (len(DEV_TEXT.encode()) - 1, len(DEV_TEXT.encode())):  # just over; at the threshold
        monkeypatch.setattr(stream, "STREAM_ABOVE_BYTES", threshold)
        result = CliRunner().invoke(main, ["extract", str(path), "--date", "2022-09-16"])
        assert result.exit_code == 0, result.output
        g = rdflib.Graph().parse(data=result.stdout, format="turtle")
        runs[threshold] = g
    streamed, whole = runs.values()
    assert len(set(streamed.subjects(RDF.type, OC.Document))) == len(chunks_of(path, 2000)) >= 3
    assert len(set(whole.subjects(RDF.type, OC.Document))) == 1
    assert {str(o) for o in streamed.objects(None, FOAF.name)} == {str(o) for o in whole.objects(None, FOAF.name)}


# --------------------------------------------------------------------------------------------------
# bounded memory: a 20 MiB file in a real process
# --------------------------------------------------------------------------------------------------

_USED = set()
for _p in (ROOT / "kg" / "data").rglob("*"):
    if _p.is_file():
        _USED |= set(_p.read_text(encoding="utf-8", errors="ignore"))
# filler prose that the extractor skims fast: everyday characters that no word list of kg/data holds
_FILLER_CHARS = [
    c
    for c in dict.fromkeys(
        "要他种着量性它些社义形样反又么质变只没很料象革活流少较见她角论几放"
        "做府的了在有和人这中大上个我以时来们到地就对可也能下过子说多而学都好"
    )
    if c not in _USED
]
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰建国晓峰波楠"


def _article(k: int) -> str:
    """A dev article whose people have other given names (so that the graph grows with the file)."""
    row = ROWS[k % len(ROWS)]
    text, rnd = row["text"], random.Random(k)
    for forms in row["persons"]:
        name = forms[0]
        if len(name) >= 2 and not name.isascii():
            text = text.replace(name, name[0] + "".join(rnd.choice(_GIVEN) for _ in range(2)))
    return text


def _write_corpus(path: Path, nbytes: int) -> None:
    """Mostly long paragraphs of filler, and a real article every 40 paragraphs."""
    assert len(_FILLER_CHARS) >= 10, _FILLER_CHARS  # kg/data took the rest: pick other characters
    rnd = random.Random(nbytes)
    pool = [
        ",".join("".join(rnd.choice(_FILLER_CHARS) for _ in range(rnd.randint(8, 20))) for _ in range(120)) + "。"
        for _ in range(64)
    ]
    size = k = 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < nbytes:
            part = (_article(k // 40) if k % 40 == 0 else rnd.choice(pool)) + "\n\n"
            k += 1
            fh.write(part)
            size += len(part.encode("utf-8"))


# `kg extract FILE -o FILE.ttl` in a child that writes its own peak RSS (VmHWM of /proc/self/status) to
# FILE.rss as it exits. Not the rusage of the child: Linux folds the memory the child had before exec - a copy
# of this big pytest process - into its ru_maxrss.
_KG_WITH_PEAK_RSS = """import atexit, runpy, sys
def peak():
    with open('/proc/self/status', encoding='ascii') as status, open(sys.argv[-1][:-4] + '.rss', 'w') as out:
        out.write(next(line.split()[1] for line in status if line.startswith('VmHWM:')))
atexit.register(peak)
sys.argv = ['kg'] + sys.argv[1:]
runpy.run_module('kg', run_name='__main__')
"""


def _start(path: Path) -> subprocess.Popen:
    with open(str(path) + ".err", "wb") as err:  # a file, not a pipe: nothing blocks the child
        return subprocess.Popen(
            [sys.executable, "-c", _KG_WITH_PEAK_RSS, "extract", str(path), "-o", str(path) + ".ttl"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=ROOT,
        )


def _peak_rss_mb(proc: subprocess.Popen) -> float:
    """Wait for ``proc``; the peak RSS it reported."""
    proc.wait()
    base = proc.args[-1][: -len(".ttl")]
    err = Path(base + ".err").read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == 0, err[-2000:]
    return int(Path(base + ".rss").read_text(encoding="ascii")) / 1024  # kB


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="peak RSS read from /proc/self/status: Linux")
def test_a_20_mib_file_is_extracted_in_bounded_memory(tmp_path):
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    _write_corpus(small, stream.STREAM_ABOVE_BYTES + 256 * 1024)  # just over the threshold: streamed
    _write_corpus(big, 20 * 1024 * 1024)
    procs = [_start(small), _start(big)]  # side by side: two cores
    small_mb, big_mb = (_peak_rss_mb(p) for p in procs)
    assert big_mb < 600, f"peak RSS {big_mb:.0f} MB for 20 MiB"
    assert big_mb < 1.5 * small_mb, f"peak RSS {big_mb:.0f} MB for 20 MiB, {small_mb:.0f} MB for 5 MiB"
    g = rdflib.Graph().parse(str(big) + ".ttl", format="turtle")
    assert len(set(g.subjects(RDF.type, FOAF.Person))) > 100  # the articles all through the file were read
    assert len(set(g.subjects(RDF.type, OC.Document))) > 20  # one per chunk of about 600 kB
