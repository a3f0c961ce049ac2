"""The kg command line as a user meets it."""

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "examples" / "kuaishou-2022-09.txt").read_text(encoding="utf-8")
EXAMPLE = str(ROOT / "examples" / "kuaishou-2022-09.txt")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_help_lists_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert "extract" in result.output and "validate" in result.output


def test_extract_writes_turtle_that_validates(tmp_path):
    out = tmp_path / "seed.ttl"
    result = run("extract", EXAMPLE, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "org:reportsTo" in out.read_text(encoding="utf-8")
    checked = run("validate", str(out))
    assert checked.exit_code == 0 and "conforms" in checked.output


@pytest.mark.slow
def test_extract_is_byte_identical_across_processes(tmp_path):
    outs = []
    for n, seed in enumerate(("1", "2")):
        out = tmp_path / f"{n}.ttl"
        subprocess.run(
            [sys.executable, "-m", "kg", "extract", EXAMPLE, "-o", str(out)],
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_extract_from_stdin_to_stdout():
    result = run("extract", "-", input=SEED_TEXT.encode("utf-8"))
    assert result.exit_code == 0
    assert "foaf:Person" in result.output


def test_extract_base_option():
    from rdflib import Graph

    result = run("extract", EXAMPLE, "--base", "http://example.com/x/")
    g = Graph().parse(data=result.output, format="turtle")
    minted = {str(s) for s in g.subjects()}
    assert minted and all(s.startswith("http://example.com/x/") for s in minted)


def test_gbk_file(tmp_path):
    src = tmp_path / "gbk.txt"
    src.write_bytes("快手宣布成立商业生态委员会,由CEO程一晓担任主席。".encode("gbk"))
    result = run("extract", str(src))
    assert result.exit_code == 0 and "程一晓" in result.output


def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    cases = [
        (["extract", str(tmp_path / "missing.txt")], "missing.txt"),
        (["extract", str(binary)], "image.png"),
        (["extract", str(tmp_path)], str(tmp_path)),
        (["extract", EXAMPLE, "--date", "2022-13-45"], "2022-13-45"),
    ]
    for args, named in cases:
        out = tmp_path / "out.ttl"
        result = CliRunner().invoke(main, args + ["-o", str(out)])
        assert result.exit_code == 2, (args, result.output)
        lines = [ln for ln in result.output.splitlines() if ln.strip()]
        assert len(lines) == 1 and named in lines[0] and "Traceback" not in result.output
        assert not out.exists()


def test_empty_file_gives_empty_graph(tmp_path):
    src = tmp_path / "empty.txt"
    src.write_text("", encoding="utf-8")
    out = tmp_path / "empty.ttl"
    result = run("extract", str(src), "-o", str(out))
    assert result.exit_code == 0
    assert "foaf:Person" not in out.read_text(encoding="utf-8")


def test_validate_reports_violations(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix org: <http://www.w3.org/ns/org#> .\n<http://x/m> a org:Membership .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "org:member" in result.output


def test_validate_malformed_turtle(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<http://x/a> <http://x/b> .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2 and "broken.ttl" in result.output and "line" in result.output


def test_extract_warns_about_an_input_with_no_facts(tmp_path):
    empty = tmp_path / "weather.txt"
    empty.write_text("今天北京天气晴朗，气温二十度。\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = run("extract", str(empty), EXAMPLE, "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"kg: warning: {empty}: no people, posts or organizations found"]
    assert "org:reportsTo" in out.read_text(encoding="utf-8")  # the output is written all the same


def test_extract_from_stdin_with_no_facts_warns_and_still_writes_turtle():
    result = run("extract", "-", input="Nothing about anybody here.\n".encode("utf-8"))
    assert result.exit_code == 0
    assert result.stderr == "kg: warning: <stdin>: no people, posts or organizations found\n"
    assert "@prefix" in result.stdout and "foaf:Person" not in result.stdout


def test_extract_with_facts_prints_nothing_on_stderr():
    result = run("extract", EXAMPLE)
    assert result.exit_code == 0 and result.stderr == ""


def test_the_library_is_silent_about_a_document_with_no_facts(capsys):
    import kg

    doc = kg.extract("今天北京天气晴朗，气温二十度。")
    assert not doc.has_facts and doc.facts == []
    assert kg.extract(SEED_TEXT).has_facts
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
