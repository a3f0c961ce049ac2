"""Outputs that must not destroy what they replace, inputs that must not stop a whole run, and the
last tracebacks (issue 15 items 1-3 and 10-15, issue 14 items 6 and 10): each reproduction is a test."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import fileio, query as q, store as st
from kg.cli import main
from kg.errors import KgError, shorten
from kg.extraction import dates
from kg.extraction.text import decode_bytes
from kg.rdf.validate import load_graph
from kg.store import ingestion as ingest_module

from conftest import ROOT, subprocess_env

ARTICLE = "2022年9月1日，快手任命程一晓为首席执行官。"


def invoke(*args, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    return result.exit_code, result.stdout, result.stderr


def one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert err.startswith("kg: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for w in words:
        assert w in err, err


@pytest.fixture
def article(tmp_path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def seed_ttl(tmp_path_factory, seed_graph) -> Path:
    p = tmp_path_factory.mktemp("seed") / "seed.ttl"
    p.write_text(seed_graph.serialize(format="turtle"), encoding="utf-8")
    return p


# --------------------------------------------------------------------------------------------------
# 1. writing an output: atomic for a regular file, a stream for devices, FIFOs and -; links followed
# --------------------------------------------------------------------------------------------------


def test_output_to_a_character_device_is_written_not_replaced(tmp_path, article):
    if os.geteuid() != 0:
        pytest.skip("mknod needs root (CI runs as root)")
    dev = tmp_path / "null"
    os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    code, _out, err = invoke("extract", article, "-o", dev)
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(dev).st_mode)  # still the device


def test_output_to_a_fifo_is_streamed(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    fileio.write_output(fifo, "one\ntwo\n")
    reader.join(timeout=60)
    assert got == [b"one\ntwo\n"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_through_a_symlink_writes_its_target_and_keeps_the_mode(tmp_path):
    target = tmp_path / "real.ttl"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    fileio.write_output(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_dash_is_standard_output(capsysbinary):
    fileio.write_output("-", "x\n")
    assert capsysbinary.readouterr().out == b"x\n"


def test_export_and_render_share_the_writer(tmp_path, seed_ttl):
    page = tmp_path / "page.html"
    page.write_text("old", encoding="utf-8")
    os.chmod(page, 0o640)
    code, _out, err = invoke("render", seed_ttl, "-o", page)
    assert code == 0, err
    assert stat.S_IMODE(os.stat(page).st_mode) == 0o640 and page.read_text(encoding="utf-8").startswith("<!")


@pytest.mark.slow  # a kg process
def test_dev_stdout_through_a_pipe_is_written(article):
    # /dev/stdout -> /proc/self/fd/1 -> "pipe:[…]": a name only the kernel can follow, never replaced
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(article), "-o", "/dev/stdout"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"org:Membership" in proc.stdout


# --------------------------------------------------------------------------------------------------
# 2. an output that is one of the inputs
# --------------------------------------------------------------------------------------------------


def test_output_that_is_an_input_is_refused(tmp_path, article):
    code, _out, err = invoke("extract", article, "-o", article)
    one_line_error(code, err)  # a .txt output is refused anyway (issue 14.6)
    code, _out, err = invoke("extract", article, "-o", article, "--format", "ttl")
    one_line_error(code, err, "is also an input")
    assert article.read_text(encoding="utf-8") == ARTICLE
    link = tmp_path / "same.ttl"
    link.symlink_to(article)
    code, _out, err = invoke("extract", article, "-o", link)
    one_line_error(code, err, "is also an input")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_render_output_that_is_its_input_is_refused(tmp_path, seed_ttl):
    copy = tmp_path / "g.ttl"
    copy.write_bytes(seed_ttl.read_bytes())
    code, _out, err = invoke("render", copy, "-o", copy)
    one_line_error(code, err, "is also an input")
    assert copy.read_bytes() == seed_ttl.read_bytes()


# --------------------------------------------------------------------------------------------------
# issue 14.6: the format follows the extension
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld", "trig", "nq"])
def test_extract_writes_the_format_its_extension_names(tmp_path, article, ext):
    out = tmp_path / f"out.{ext}"
    code, _out, err = invoke("extract", article, "-o", out)
    assert code == 0, err
    assert len(load_graph(out)) > 5  # kg reads back what it wrote, in that format


def test_extract_refuses_an_extension_it_does_not_write(tmp_path, article):
    out = tmp_path / "out.txt"
    code, _out, err = invoke("extract", article, "-o", out)
    one_line_error(code, err, "cannot write .txt files")
    assert not out.exists()
    code, _out, err = invoke("extract", article, "-o", out, "--format", "nt")
    assert code == 0 and out.read_text(encoding="utf-8").rstrip().endswith(" .")


def test_export_refuses_jsonld(tmp_path):
    code, _out, err = invoke("export", "--store", tmp_path / "none", "-o", tmp_path / "x.jsonld")
    one_line_error(code, err, "cannot write .jsonld files")


# --------------------------------------------------------------------------------------------------
# 3. a bad JSONL record is reported, skipped and counted; the good ones are stored
# --------------------------------------------------------------------------------------------------


def _bad_jsonl(path: Path) -> None:
    lines = [
        json.dumps({"text": f"快手任命张{c}明为首席执行官。", "date": "2022-09-01"}, ensure_ascii=False)
        for c in "一二三四五六七八九十"
    ]
    lines.insert(5, '{"text":"快手任命\\ud800程一晓为CEO。"}')
    lines.insert(7, "[" * 100_000)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_parse_json_record_refuses_surrogates_and_deep_nesting():
    with pytest.raises(KgError, match=r"f:6: a lone surrogate \\ud800"):
        fileio.parse_json_record('{"text": ["x", {"k": "\\ud800"}]}', "f:6")
    with pytest.raises(KgError, match="f:8: not JSON .nested too deeply"):
        fileio.parse_json_record("[" * 100_000, "f:8")
    with pytest.raises(KgError, match="f:1: not JSON"):
        fileio.parse_json_record("{", "f:1")
    assert fileio.parse_json_record('{"text": "好"}', "f") == {"text": "好"}


@pytest.mark.slow  # extracts ten articles
def test_ingest_skips_bad_records_and_stores_the_good(tmp_path):
    feed = tmp_path / "feed.jsonl"
    _bad_jsonl(feed)
    store = tmp_path / "s"
    code, _out, err = invoke("ingest", feed, "--store", store, "-j", "1")
    assert code == 1, err
    assert f"kg: warning: {feed}:6: a lone surrogate" in err
    assert f"kg: warning: {feed}:8: not JSON (nested too deeply)" in err
    assert "10 documents added" in err and "2 failed" in err and "Traceback" not in err
    with st.CorpusStore(store) as s:
        assert len(s.documents()) == 10


def test_eval_refuses_bad_gold_records_in_one_line(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a", "text": "x\\udc80"}\n', encoding="utf-8")
    code, _out, err = invoke("eval", gold)
    one_line_error(code, err, f"{gold}:1: a lone surrogate")
    gold.write_text("[" * 100_000 + "\n", encoding="utf-8")
    code, _out, err = invoke("eval", gold)
    one_line_error(code, err, f"{gold}:1:", "nested too deeply")


# --------------------------------------------------------------------------------------------------
# 10. the last tracebacks
# --------------------------------------------------------------------------------------------------


def _small_store(path: Path) -> Path:
    with st.CorpusStore(path, create=True) as s:
        s.add([("0123456789abcdef", '<http://x/a> <http://x/b> "c" .\n')])
    return path


@pytest.mark.parametrize("damage", ["current", "sst", "foreign"])
def test_damaged_store_is_one_line(tmp_path, damage):
    store = _small_store(tmp_path / "s")
    if damage == "current":
        (store / "CURRENT").write_bytes(b"junk")
    elif damage == "sst":
        for f in store.glob("*.sst"):
            f.write_bytes(b"\0" * 10)
    else:
        for f in store.iterdir():
            if f.is_file() and f.name not in ("CURRENT", "LOCK"):
                f.unlink()
        (store / "CURRENT").write_text("MANIFEST-000999\n")
    for args in (
        ("query", store, "ASK {}"),
        ("export", "--store", store, "-o", tmp_path / "x.nq"),
        ("ingest", tmp_path / "none.txt", "--store", store),
    ):
        if args[0] == "ingest":
            (tmp_path / "none.txt").write_text(ARTICLE, encoding="utf-8")
        code, _out, err = invoke(*args)
        one_line_error(code, err, str(store))


def test_full_disk_during_ingest_says_the_store_is_consistent(tmp_path, monkeypatch):
    store = _small_store(tmp_path / "s")

    def full(self, documents, base):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(st.CorpusStore, "_add", full)
    with st.CorpusStore(store) as s, pytest.raises(KgError, match="No space left on device.*stays consistent"):
        s.add([("fedcba9876543210", '<http://x/a> <http://x/b> "d" .\n')])


@pytest.mark.parametrize(
    "body",
    [
        b"[1,2,3]",
        b'{"head": {"vars": ["s"]}, "results": {"bindings": [1, 2]}}',
        b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": "x"}]}}',
        b'{"head": [], "results": {}}',
        b'{"head": {"vars": [1]}}',
        b"[" * 100_000,
    ],
)
def test_malformed_endpoint_replies_are_one_line(body):
    with pytest.raises(KgError, match="http://e/query: "):
        q.parse_results_json(body, "http://e/query")


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:78a8",
        "http://localhost:99999",
        "http://localhost:7878/q\r\nX-Injected: 1",
        "http://local host:7878",
    ],
)
def test_bad_endpoint_urls_are_one_line(url):
    code, _out, err = invoke("query", "--endpoint", url, "ASK {}")
    one_line_error(code, err, "not")


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "0", "soon"])
def test_bad_timeouts_are_one_line(tmp_path, value):
    code, _out, err = invoke("push", "--store", tmp_path / "s", "--endpoint", "http://localhost:1", "--timeout", value)
    one_line_error(code, err, f"--timeout {value!r}: expected a positive number of seconds")


def test_a_300_character_file_name_is_one_line(tmp_path, article):
    long = tmp_path / ("a" * 300 + ".ttl")
    for args in (
        ("extract", long),
        ("extract", article, "-o", long),
        ("query", long, "ASK {}"),
        ("ingest", long, "--store", tmp_path / "s"),
        ("render", article, "-o", long.with_suffix(".html")),
        ("validate", long),
    ):
        code, _out, err = invoke(*args)
        one_line_error(code, err, "File name too long")
        assert len(err) < 400  # the name is cut


def test_endless_input_is_capped(monkeypatch, tmp_path):
    monkeypatch.setattr(fileio, "MAX_READ_BYTES", 1 << 20)
    for args in (("extract", "/dev/zero"), ("validate", "/dev/zero"), ("query", tmp_path, "-f", "/dev/zero")):
        if args[0] == "query":
            (tmp_path / "g.ttl").write_text("", encoding="utf-8")
            args = ("query", tmp_path / "g.ttl", "-f", "/dev/zero")
        code, _out, err = invoke(*args)
        one_line_error(code, err, "/dev/zero: more than 1 MiB; stopped reading")
    code, _out, err = invoke("extract", "-", input=b"x" * (2 << 20))
    one_line_error(code, err, "<stdin>: more than 1 MiB")


@pytest.mark.slow  # a kg process per case
@pytest.mark.parametrize("redirect", ["full", "closed"])
def test_stdout_that_cannot_be_written_is_an_error(redirect):
    out: object = open("/dev/full", "wb") if redirect == "full" else subprocess.DEVNULL
    cmd = [sys.executable, "-m", "kg", "query", "--list"]
    try:
        if redirect == "closed":
            # fd 1 closed in the child, as the shell's >&- does
            cmd = ["sh", "-c", 'exec "$0" "$@" >&-', *cmd]
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, env=subprocess_env(), cwd=ROOT, timeout=120)
    finally:
        if hasattr(out, "close"):
            out.close()  # type: ignore[union-attr]
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.startswith("kg: error: standard output: cannot write (") and err.count("\n") == 1, err


# --------------------------------------------------------------------------------------------------
# 11. one date parser for every date option
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2022-13-45", "2022-02-30", "9999-99-99", "0000", "2022-9-1", "x" * 5000])
def test_every_date_option_refuses_impossible_dates(seed_ttl, tmp_path, article, bad):
    for args in (
        ("show", "org", "快手", "--graph", seed_ttl, "--at", bad),
        ("show", "changes", "--graph", seed_ttl, "--from", bad),
        ("show", "changes", "--graph", seed_ttl, "--to", bad),
        ("render", seed_ttl, "-o", tmp_path / "p.html", "--at", bad),
        ("extract", article, "--date", bad),
    ):
        code, _out, err = invoke(*args)
        one_line_error(code, err, "not a date")
        assert len(err) < 200  # 13: the value is cut
    assert not (tmp_path / "p.html").exists()


def test_parse_period():
    assert dates.parse_period("2024-02") == (dates.parse_iso("2024-02-01"), dates.parse_iso("2024-02-29"))
    assert dates.parse_period("9999")[1].isoformat() == "9999-12-31"
    with pytest.raises(KgError):
        dates.parse_period("2022-09", full=True)


# --------------------------------------------------------------------------------------------------
# 12, 13, 14, 15 and issue 14.10
# --------------------------------------------------------------------------------------------------


def test_ingest_refuses_a_bad_base_before_any_work(tmp_path, article):
    store = tmp_path / "s"
    code, _out, err = invoke("ingest", article, "--store", store, "--base", "javascript:x")
    one_line_error(code, err, "bad base IRI 'javascript:x'")
    assert not store.exists()
    with pytest.raises(KgError, match="bad base IRI"):
        st.ingest([str(article)], store, base="javascript:x")
    assert not store.exists()


def test_long_names_are_cut_in_messages(seed_ttl):
    code, _out, err = invoke("show", "chain", "程" * 100_000, "--graph", seed_ttl)
    one_line_error(code, err, "no person named")
    assert len(err) < 1000
    assert shorten("x" * 10, 5) == "xxxx…" and shorten("short") == "short"


def test_a_huge_label_is_cut_in_did_you_mean(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text(
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        f'<http://x/p> a foaf:Person ; foaf:name "程一{"晓" * 1_000_000}" .\n',
        encoding="utf-8",
    )
    code, _out, err = invoke("show", "chain", "程一", "--graph", graph)
    one_line_error(code, err, "did you mean 程一晓晓")
    assert len(err) < 1000


def test_utf16le_chinese_without_bom_or_ascii(tmp_path):
    text = "快手任命程一晓为首席执行官，二〇二二年九月一日宣布。"  # 一 is 00 4E: NULs on the even bytes
    data = text.encode("utf-16-le")
    assert 0 in data and b"\xff\xfe" != data[:2]
    assert decode_bytes(data, "x") == text
    p = tmp_path / "u.txt"
    p.write_bytes(data)
    from kg.store.stream import iter_paragraph_chunks

    assert "".join(iter_paragraph_chunks(p)) == text
    with pytest.raises(KgError, match="not a text file"):
        decode_bytes(bytes(range(256)) * 8, "bin")


def test_remove_says_how_many_and_wants_yes_for_a_directory(tmp_path):
    articles = tmp_path / "arts"
    articles.mkdir()
    texts = [f"快手任命张{c}明为首席执行官。" for c in "一二三四五六七"]
    for i, t in enumerate(texts):
        (articles / f"a{i}.txt").write_text(t, encoding="utf-8")
    from kg.extraction import pipeline
    from kg.rdf import write as rdf

    store = tmp_path / "s"
    with st.CorpusStore(store, create=True) as s:  # the documents without extracting them (fast)
        s.add([(pipeline.prepare(t, None).id, '<http://x/a> <http://x/b> "c" .\n') for t in texts], rdf.DEFAULT_BASE)
    code, _out, err = invoke("remove", articles, "--store", store)
    one_line_error(code, err, "7 documents would be removed", "--yes")
    code, out, err = invoke("remove", articles / "a0.txt", articles / "a1.txt", "--store", store)
    assert code == 0 and "removing 2 documents" in err and out.count("removed ") == 2
    code, out, err = invoke("remove", articles, "--store", store, "--yes")
    assert code == 0 and "removing 5 documents" in err and out.count("removed ") == 5
    with st.CorpusStore(store) as s:
        assert s.documents() == []


def test_failed_ingest_leaves_no_new_store_behind(tmp_path, article, monkeypatch):
    def unreachable(self):
        raise KgError("Dask scheduler tcp://127.0.0.1:1: cannot connect (refused)")

    class FakeDask(ingest_module.SerialExecutor):
        def __init__(self, target, jobs):
            pass

        def map(self, tasks):
            for _task in tasks:
                unreachable(self)
            return iter(())

    monkeypatch.setattr(ingest_module, "DaskExecutor", FakeDask)
    store = tmp_path / "new.store"
    with pytest.raises(KgError, match="cannot connect"):
        st.ingest([str(article)], store, dask="tcp://127.0.0.1:1")
    assert not store.exists()
