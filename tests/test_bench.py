"""bench/run.py --quick: the smoke run of the benchmark suite goes to the end and prints every figure.

What the figures are is not judged here (timings belong to bench/run.py on a quiet machine, never to a
test); this checks that the suite still runs and reports each figure with its target and verdict.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg import query as q

pytestmark = [pytest.mark.integration, pytest.mark.slow]  # runs bench/run.py --quick: about a minute

ROOT = Path(__file__).resolve().parent.parent


def test_quick_bench_reports_every_figure():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("# kg bench on ")
    expected = [
        "extraction vs NER model alone, caches emptied",
        "extraction vs jieba.lcut",
        "extraction chars/s",
        "extraction articles/s",
        "NER model alone chars/s",
        "English vs Chinese chars/s, caches emptied",
        "scaling 1x",
        "parallel: 2 workers vs 1",
        "cold start: kg --help",
        "cold start: kg extract one article",
        "ingest vs NER model alone",
        "ingest vs jieba.lcut",
        "store: bulk load",
        "render: first contentful paint in Chromium",
        "render: page open until drawn",
    ]
    expected += [f"long line {name!r}" for name in ("digits", "兼任", "张三任总裁", "一", "Mr.")]
    expected += [f"query {name} " for name in q.canned_queries()]
    for name in expected:
        assert any(line.startswith(name) for line in lines), f"no figure {name!r} in:\n{proc.stdout}"
    judged = [line for line in lines[1:-1] if line.endswith(("PASS", "FAIL"))]
    assert all(re.search(r"(>=|<=|<) [\d.]+ ?(x|ms|s)\s+(PASS|FAIL)$", line) for line in judged), judged
    m = re.fullmatch(r"targets met: (\d+)/(\d+)", lines[-1])
    assert m and int(m.group(2)) == len(judged) and int(m.group(1)) == sum(ln.endswith("PASS") for ln in judged)
