"""Hardening: broken inputs at the command line and adversarial texts for the extractor.

Every failure a user can cause must end in exit status 0 or 2 and exactly one readable line
(``kg: error: ...``), never a traceback, and never leave a partial output file or a ``.tmp``
file behind. Every text, however hostile to the regular expressions, must go through
``kg.extract`` + ``kg.to_rdf`` in bounded time: a SIGALRM turns a hang into a test failure.

Tests marked ``xfail(strict=True)`` pin bugs reported to the library's owner: they fail today
and turn the suite red (XPASS) once fixed, so the marker can be removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
import signal
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

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kuaishou-2022-09.txt"
OC = rdflib.Namespace("https://kg.example.org/ns/org-change#")

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------


def invoke(args, input=None):
    """Run ``kg ARGS`` in-process; exceptions are captured in ``result.exception`` as a real run would show them."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def assert_clean_failure(result, *, named: str | None = None, codes=(2,)) -> str:
    """Exit status in ``codes``, exactly one line in all the output, no traceback; returns that line."""
    shown = result.output  # stdout and stderr, interleaved
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"uncaught {type(result.exception).__name__}: {result.exception!r} (a user would see a traceback)"
    )
    assert result.exit_code in codes, (result.exit_code, shown)
    assert "Traceback" not in shown, shown
    got = lines(shown)
    assert len(got) == 1, f"expected exactly one line, got {len(got)}:\n{shown}"
    if named is not None:
        assert named in got[0], (named, got[0])
    assert got[0].isprintable(), repr(got[0])
    return got[0]


def assert_no_output_left(out: Path, before: bytes | None = None) -> None:
    """No partial output: ``out`` does not exist (or still holds ``before``), and no temporary files in its
    directory."""
    if before is None:
        assert not out.exists(), f"{out} written although the command failed"
    else:
        assert out.read_bytes() == before, f"{out} changed although the command failed"
    if out.parent.is_dir():
        leftovers = [p.name for p in out.parent.iterdir() if p.name.endswith(".tmp")]
        assert not leftovers, f"temporary files left behind: {leftovers}"


class _Timeout(BaseException):
    """BaseException, so that no ``except Exception`` in the library can swallow it."""


@contextlib.contextmanager
def time_limit(seconds: int, what: str):
    """Fail (instead of hanging) when the body runs longer than ``seconds`` (catastrophic backtracking)."""

    def on_alarm(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    except _Timeout:
        pytest.fail(f"{what}: no result after {seconds} s (super-linear regex or loop?)", pytrace=False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def workdir(tmp_path):
    """A directory with one good input; outputs go next to it."""
    (tmp_path / "good.txt").write_text("快手宣布成立商业生态委员会,由CEO程一晓担任主席。", encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------------------------------------------
# kg extract: broken inputs
# --------------------------------------------------------------------------------------------------


def test_empty_file_gives_an_empty_graph(workdir):
    src = workdir / "empty.txt"
    src.write_bytes(b"")
    out = workdir / "out.ttl"
    result = invoke(["extract", src, "-o", out])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert len(lines(result.stderr)) <= 1, result.stderr  # a warning is fine, a traceback is not
    assert "Traceback" not in result.output
    g = rdflib.Graph().parse(out, format="turtle")
    # nothing but the document node itself: no people, organizations, posts or events
    assert set(g.objects(None, RDF.type)) <= {OC.Document}, sorted(g.objects(None, RDF.type))
    assert not list(g.subjects(RDF.type, FOAF.Person))


def test_empty_stdin_gives_an_empty_graph():
    result = invoke(["extract", "-"], input=b"")
    assert result.exit_code == 0, result.output
    g = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert set(g.objects(None, RDF.type)) <= {OC.Document}


def test_whitespace_and_invisible_only_file(workdir):
    src = workdir / "blank.txt"
    src.write_text(" \n\t\u3000\u200b\ufeff\r\n\u2028\n", encoding="utf-8")
    result = invoke(["extract", src])
    assert result.exit_code == 0, result.output
    assert set(rdflib.Graph().parse(data=result.stdout, format="turtle").objects(None, RDF.type)) <= {OC.Document}


def _bad_inputs(tmp: Path) -> list[tuple[str, list, str]]:
    """(id, extract arguments before -o, text the error line must contain)."""
    binary = tmp / "image.png"
    binary.write_bytes(PNG)
    noise = tmp / "random.bin"
    noise.write_bytes(random.Random(7).randbytes(4096))
    undecodable = tmp / "latin.txt"  # neither UTF-8, UTF-16 nor GB18030
    undecodable.write_bytes(b"\x80\x81\x82\xfe\xff" * 20)
    bad_bom = tmp / "bom16.txt"  # UTF-16 BOM followed by a lone surrogate
    bad_bom.write_bytes(b"\xff\xfe\x00\xd8a\x00b\x00")
    nul = tmp / "nul.txt"
    nul.write_bytes("快手宣布".encode() + b"\x00" * 3 + "成立委员会。".encode() + b"\x00")
    controls = tmp / "controls.txt"
    controls.write_bytes(bytes(range(1, 9)) * 50 + "快手".encode())
    subdir = tmp / "folder"
    subdir.mkdir()
    good = tmp / "good.txt"
    return [
        ("binary", [binary], "image.png"),
        ("random-bytes", [noise], "random.bin"),
        ("undecodable", [undecodable], "latin.txt"),
        ("bad-utf16-after-bom", [bad_bom], "bom16.txt"),
        ("nul-bytes", [nul], "nul.txt"),
        ("control-characters", [controls], "controls.txt"),
        ("directory", [subdir], "folder"),
        ("missing", [tmp / "missing.txt"], "missing.txt"),
        ("second-input-missing", [good, tmp / "gone.txt"], "gone.txt"),
        ("bad-date", [good, "--date", "2022-13-45"], "2022-13-45"),
        ("bad-date-format", [good, "--date", "16/09/2022"], "16/09/2022"),
        ("empty-date", [good, "--date", ""], "date"),
    ]


BAD_INPUT_IDS = [
    "binary",
    "random-bytes",
    "undecodable",
    "bad-utf16-after-bom",
    "nul-bytes",
    "control-characters",
    "directory",
    "missing",
    "second-input-missing",
    "bad-date",
    "bad-date-format",
    "empty-date",
]


@pytest.mark.parametrize("case", BAD_INPUT_IDS)
def test_bad_input_is_one_line_exit_2_and_no_output(workdir, case):
    args, named = next((a, n) for i, a, n in _bad_inputs(workdir) if i == case)
    out = workdir / "out.ttl"
    result = invoke(["extract", *args, "-o", out])
    assert_clean_failure(result, named=named)
    assert result.stdout == "", result.stdout
    assert_no_output_left(out)


def test_failure_keeps_an_existing_output_file(workdir):
    out = workdir / "out.ttl"
    out.write_bytes(b"# the previous graph\n")
    (workdir / "image.png").write_bytes(PNG)
    result = invoke(["extract", workdir / "image.png", "-o", out])
    assert_clean_failure(result, named="image.png")
    assert_no_output_left(out, before=b"# the previous graph\n")


def test_binary_stdin_is_one_line():
    result = invoke(["extract", "-"], input=PNG)
    assert_clean_failure(result, named="<stdin>")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="running as root: root reads files whatever their permissions"
)
def test_unreadable_file_is_one_line(workdir):
    src = workdir / "secret.txt"
    src.write_text("快手宣布成立商业生态委员会。", encoding="utf-8")
    src.chmod(0)
    out = workdir / "out.ttl"
    try:
        result = invoke(["extract", src, "-o", out])
    finally:
        src.chmod(0o600)
    assert_clean_failure(result, named="secret.txt")
    assert_no_output_left(out)


def test_damaged_utf8_is_read_not_rejected(workdir):
    """A few broken bytes in a long UTF-8 text: the text is read (exit 0), the bytes become U+FFFD."""
    src = workdir / "damaged.txt"
    src.write_bytes("快手宣布成立商业生态委员会,由CEO程一晓担任主席。".encode() * 3 + b"\xff\xfe")
    result = invoke(["extract", src])
    assert result.exit_code == 0, result.output
    assert "程一晓" in result.stdout


def test_output_in_missing_directory_is_one_line(workdir):
    out = workdir / "no" / "such" / "dir" / "out.ttl"
    result = invoke(["extract", workdir / "good.txt", "-o", out])
    assert_clean_failure(result, named="out.ttl")
    assert not out.exists()


def test_output_is_a_directory_is_one_line(workdir):
    target = workdir / "outdir"
    target.mkdir()
    result = invoke(["extract", workdir / "good.txt", "-o", target])
    assert_clean_failure(result, named="outdir")
    assert_no_output_left(target / "x")


def test_disk_full_is_one_line_and_leaves_nothing(workdir, monkeypatch):
    import kg.fileio

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kg.fileio.os, "fsync", full)
    out = workdir / "out.ttl"
    result = invoke(["extract", workdir / "good.txt", "-o", out])
    # the temporary file is removed either way; the message must be one line
    assert_no_output_left(out)
    assert_clean_failure(result, named="out.ttl")


def test_disk_full_leaves_no_partial_file(workdir, monkeypatch):
    """Whatever it prints, a failed write leaves neither the output nor a temporary file."""
    import kg.fileio

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kg.fileio.os, "fsync", full)
    out = workdir / "out.ttl"
    result = invoke(["extract", workdir / "good.txt", "-o", out])
    assert result.exit_code != 0
    assert_no_output_left(out)


def test_output_file_mode_follows_umask(workdir):
    """mkstemp makes 0600 files; the output of -o must be an ordinary file that follows the umask."""
    out = workdir / "out.ttl"
    old = os.umask(0o022)
    try:
        result = invoke(["extract", workdir / "good.txt", "-o", out])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o644, oct(out.stat().st_mode & 0o777)


def test_relative_date_past_the_calendar_is_no_crash(workdir):
    src = workdir / "tomorrow.txt"
    src.write_text("明天,张三出任快手CEO。", encoding="utf-8")
    result = invoke(["extract", src, "--date", "9999-12-31"])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_bad_base_iri_is_one_line(workdir):
    result = invoke(["extract", workdir / "good.txt", "--base", "not an iri <>"])
    assert_clean_failure(result, named="not an iri")


@pytest.mark.parametrize(
    "base",
    [
        "",
        "relative/path/",
        "ftp://example.org/id/",
        "http://exa mple.org/",
        "http://example.org/{id}/",
        "https://example.org/a\\b/",
        "http:///id/",
        "urn::x",
        "https://example.org/\x01/",
    ],
)
def test_bad_base_iris_are_refused_before_any_work(workdir, base):
    out = workdir / "out.ttl"
    result = invoke(["extract", workdir / "good.txt", "--base", base, "-o", out])
    assert_clean_failure(result, named="base IRI")
    assert_no_output_left(out)


@pytest.mark.parametrize("base", ["http://example.org/id/", "https://例子.cn/id/", "urn:kg:", "https://example.org/id"])
def test_good_base_iris_mint_every_iri(workdir, base):
    result = invoke(["extract", workdir / "good.txt", "--base", base])
    assert result.exit_code == 0, result.output
    g = rdflib.Graph().parse(data=result.stdout, format="turtle")
    minted = {str(s) for s in g.subjects() if isinstance(s, rdflib.URIRef)}
    assert minted and all(s.startswith(base) for s in minted)


def test_real_process_binary_input(workdir):
    """One real run: what a shell user sees on stderr, and the exit status."""
    (workdir / "image.png").write_bytes(PNG)
    out = workdir / "out.ttl"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(workdir / "image.png"), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert len(lines(proc.stderr)) == 1 and proc.stderr.startswith("kg: error: "), proc.stderr
    assert "image.png" in proc.stderr
    assert_no_output_left(out)


# --------------------------------------------------------------------------------------------------
# kg validate: broken RDF files
# --------------------------------------------------------------------------------------------------

# (file name, content, expected line, expected column or None when only its presence is checked)
MALFORMED = {
    "turtle": ("bad.ttl", "@prefix ex: <http://e/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .\n", 3, 1),
    "turtle-indented": ("ind.ttl", "@prefix ex: <http://e/> .\n\n    ex:a ex:b ;; .\n", 3, 15),
    "turtle-unterminated-string": ("str.ttl", '@prefix ex: <http://e/> .\nex:a ex:b "unterminated', 2, 11),
    "ntriples": ("bad.nt", '<http://a> <http://b> <http://c> .\n<http://a> <http://b> "x .\n', 2, 23),
    "jsonld": ("bad.jsonld", '{\n  "@id": "http://a",\n  "http://b": [1,,]\n}\n', 3, 18),
    "jsonld-truncated": ("cut.jsonld", '[{"@id": "http://a",\n "http://b": "v"', 2, 17),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_rdf_names_line_and_column(tmp_path, case):
    name, content, line, column = MALFORMED[case]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    message = assert_clean_failure(invoke(["validate", path]), named=name)
    assert re.search(rf"\bline {line}\b", message), message
    found = re.search(r"\bcol(?:umn)?\.? (\d+)", message)
    assert found, f"no column in: {message}"
    if column is not None:
        assert int(found.group(1)) == column, message


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_rdf_is_one_line_exit_2(tmp_path, case):
    name, content, line, _column = MALFORMED[case]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert_clean_failure(invoke(["validate", path]), named=name)


@pytest.mark.parametrize(
    "name, content",
    [
        ("binary.ttl", PNG),
        ("latin1.nt", '<http://a> <http://b> "caf\xe9" .\n'.encode("latin-1")),
        ("structure.jsonld", b'{"@context": 5}'),
        ("bad.rdf", b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description'),
        ("bad.nq", b"<http://a> <http://b> <http://c> <g> <h> .\n"),
        ("bad.trig", b"@prefix ex: <http://e/> .\nex:g { ex:a ex:b ex:c "),
        ("remote.jsonld", b'{"@context": "https://schema.org/", "@id": "http://a", "name": "x"}'),
        ("scoped.jsonld", b'{"@context": {"p": {"@id": "http://p", "@context": "http://example.org/c"}}, "p": {}}'),
        ("string.jsonld", b'"just a string"'),
        ("reverse.jsonld", b'{"@reverse": 5}'),
    ],
)
def test_validate_other_broken_files(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    assert_clean_failure(invoke(["validate", path]), named=name)


def test_validate_missing_file(tmp_path):
    assert_clean_failure(invoke(["validate", tmp_path / "missing.ttl"]), named="missing.ttl")


def test_validate_directory_is_one_line(tmp_path):
    folder = tmp_path / "graphs"
    folder.mkdir()
    assert_clean_failure(invoke(["validate", folder]), named="graphs")


def test_validate_empty_file_conforms(tmp_path):
    path = tmp_path / "empty.ttl"
    path.write_bytes(b"")
    result = invoke(["validate", path])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


# --------------------------------------------------------------------------------------------------
# Adversarial texts: every one through kg.extract + kg.to_rdf in bounded time
# --------------------------------------------------------------------------------------------------

LIMIT = 10  # seconds per case: a linear pass over 100,000 characters takes 0.1-2 s here; the quadratic ones 15-90 s
N = 100_000


def _repeat(unit: str, n: int = N) -> str:
    return (unit * (n // len(unit) + 1))[:n]


_rnd = random.Random(20220916)
ADVERSARIAL = {
    # one sentence of an announcement, repeated with no sentence break
    "cjk-sentence": _repeat("快手宣布成立商业生态委员会由程一晓担任主席"),
    "cjk-random": "".join(chr(_rnd.randint(0x4E00, 0x9FFF)) for _ in range(N)),
    "punctuation": _repeat("，。、；：！？（）《》“”「」…—,.;:!?()[]\"'-"),
    "dunhao-list": _repeat("张三、"),
    "titles": "董事长兼" * 20000,
    "names-xiansheng": _repeat("王伟先生"),
    "parentheses": _repeat("(((("),
    "fullwidth-parentheses": _repeat("（（（（"),
    "quotes": _repeat("“"),
    "surnames": _repeat("王李张刘陈杨黄赵吴周"),
    "digits-and-dates": _repeat("2022年9月16日"),
    "latin-word": _repeat("A"),
}


@pytest.mark.parametrize("case", list(ADVERSARIAL))
def test_adversarial_text_in_bounded_time(case, warm):
    text = ADVERSARIAL[case]
    assert "\n" not in text  # one line
    with time_limit(LIMIT, f"{case} ({len(text)} characters)"):
        doc = kg.extract(text, date="2022-09-16")
        graph = kg.to_rdf(doc)
        graph.serialize(format="turtle")
    assert len(graph) >= 1  # at least the document node


@pytest.fixture(scope="module")
def warm():
    """Load the lexicon, jieba's dictionary and the rules outside the time limit (and outside any alarm)."""
    kg.to_rdf(kg.extract(EXAMPLE.read_text(encoding="utf-8")))
