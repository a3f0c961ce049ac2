#!/usr/bin/env python3
"""kg benchmarks: every figure a ratio against a baseline measured in the same process.

    python bench/run.py            # full run (a few minutes on 2 cores)
    python bench/run.py --quick    # a smoke run with tiny corpora (what CI may run)

Each line prints the figure, its target and PASS/FAIL; the last line is ``targets met: K/N``.
The corpus is the texts of tests/data/dev.gold.jsonl; larger corpora repeat it with every person
renamed per copy, so that the graph grows with the corpus instead of repeating itself.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

import kg  # noqa: E402

GOLD = ROOT / "tests" / "data" / "dev.gold.jsonl"
RESULTS: list[tuple[str, str, str, bool | None]] = []


def report(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    RESULTS.append((name, value, target, ok))
    verdict = "" if ok is None else ("PASS" if ok else "FAIL")
    print(f"{name:<46} {value:<28} {target:<18} {verdict}", flush=True)


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


# -- corpora -----------------------------------------------------------------------------------

_GIVEN = "安柏晨德恩帆格涵瀚皓嘉锦菁珂岚琳露梦沐楠宁沛琪睿珊舒彤薇昕娴雅妍尧悦筠泽哲"


def articles() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus(copies: int) -> list[str]:
    """``copies`` times the dev texts; in copy k every gold person gets a new given name."""
    out = []
    for k in range(copies):
        for art in articles():
            text = art["text"]
            if k:
                for forms in art.get("persons", []):
                    for form in sorted(forms, key=len, reverse=True):
                        if len(form) in (2, 3) and "\u4e00" <= form[0] <= "\u9fff":
                            a, b = _GIVEN[(k * 7) % len(_GIVEN)], _GIVEN[(k * 13 + len(form)) % len(_GIVEN)]
                            text = text.replace(form, form[0] + a + b)
            out.append(text)
    return out


def extract_all(texts: list[str]) -> int:
    return sum(len(kg.extract(t).facts) for t in texts)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- figures -----------------------------------------------------------------------------------

def bench_extraction(texts: list[str]) -> None:
    kg.extract(texts[0])  # lexicons and jieba warm
    jieba.lcut(texts[0])
    t_seg = best_of(lambda: [jieba.lcut(t) for t in texts])
    t_ext = best_of(lambda: extract_all(texts))
    chars = sum(map(len, texts))
    ratio = t_seg / t_ext
    report("extraction vs jieba.lcut (throughput ratio)", f"{ratio:.2f}x", ">= 0.33x", ratio >= 0.33)
    report("extraction chars/s", f"{chars / t_ext:,.0f}")
    report("extraction articles/s", f"{len(texts) / t_ext:,.1f}")


def bench_scaling(base: list[str], big: int) -> None:
    per_char = {}
    for copies in (1, 4, big):
        texts = corpus(copies)
        extract_all(texts[:5])
        t = best_of(lambda: extract_all(texts), repeat=1 if copies > 1 else 3)
        per_char[copies] = t / sum(map(len, texts))
        report(f"scaling {copies}x: us/char, peak RSS", f"{per_char[copies] * 1e6:.2f} us, {rss_mb():.0f} MB")
    growth = per_char[big] / per_char[1]
    report(f"scaling {big}x vs 1x time per char", f"{growth:.2f}x", "<= 1.2x", growth <= 1.2)


def _worker(texts: list[str]) -> int:
    return extract_all(texts)


def bench_parallel(texts: list[str]) -> None:
    chunks = [texts[i::8] for i in range(8)]
    with ProcessPoolExecutor(1) as one:
        list(one.map(_worker, [texts[:2]]))  # warm the worker
        t1 = best_of(lambda: list(one.map(_worker, chunks)), repeat=1)
    with ProcessPoolExecutor(2) as two:
        list(two.map(_worker, [texts[:2], texts[2:4]]))
        t2 = best_of(lambda: list(two.map(_worker, chunks)), repeat=1)
    speedup = t1 / t2
    report("parallel: 2 workers vs 1", f"{speedup:.2f}x", ">= 1.7x", speedup >= 1.7)


def bench_cold_start() -> None:
    exe = shutil.which("kg") or ""
    cmd = [exe] if exe else [sys.executable, "-m", "kg"]
    t = best_of(lambda: subprocess.run(cmd + ["--help"], capture_output=True, check=True))
    report("cold start: kg --help", f"{t:.2f} s")
    example = str(ROOT / "examples" / "kuaishou-2022-09.txt")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.ttl")
        t = best_of(lambda: subprocess.run(cmd + ["extract", example, "-o", out], capture_output=True, check=True))
    report("cold start: kg extract one article", f"{t:.2f} s")


def bench_store(texts: list[str], triples_target: int) -> None:
    """Ingest against jieba, bulk load, and every canned query over Oxigraph and rdflib memory."""
    try:
        from kg import query as q
        from kg import store as st
    except ImportError as exc:  # the store is optional in a stripped-down install
        report("store", f"skipped: {exc}", "", False)
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i, text in enumerate(texts):
            (src / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        t_seg = best_of(lambda: [jieba.lcut(t) for t in texts], repeat=1)
        t = time.perf_counter()
        st.ingest([str(src)], Path(tmp) / "kb", jobs=1)
        t_ing = time.perf_counter() - t
        ratio = t_seg / t_ing
        report("ingest vs jieba.lcut (throughput ratio)", f"{ratio:.2f}x", ">= 0.2x", ratio >= 0.2)

        # a store of ~triples_target triples: the ingested graphs, repeated under renamed graphs
        from rdflib import Graph
        merged = Graph()
        with st.CorpusStore(Path(tmp) / "kb") as store:
            nt = store.export_ntriples() if hasattr(store, "export_ntriples") else None
        if nt is None:
            out = Path(tmp) / "all.nt"
            st.export(Path(tmp) / "kb", str(out))
            nt = out.read_text(encoding="utf-8")
        lines = [ln for ln in nt.splitlines() if ln.strip()]
        copies = max(1, triples_target // max(1, len(lines)))
        big = Path(tmp) / "big.nt"
        with big.open("w", encoding="utf-8") as fh:
            for k in range(copies):
                for ln in lines:
                    fh.write(ln.replace("/id/", f"/id/c{k}/", 1) if k else ln)
                    fh.write("\n")
        n = copies * len(lines)
        import pyoxigraph
        ox = pyoxigraph.Store(str(Path(tmp) / "bulk"))
        t = time.perf_counter()
        ox.bulk_load(path=str(big), format=pyoxigraph.RdfFormat.N_TRIPLES)
        t_load = time.perf_counter() - t
        report(f"store: bulk load {n:,} triples", f"{n / t_load:,.0f} triples/s")
        merged.parse(str(big), format="nt") if n <= 300_000 else None

        for name, canned in sorted(q.canned_queries().items()):
            # each parameter's help ends with an example: "(the person, … e.g. 小谷)"
            params = {p.name: m.group(1) for p in canned.params
                      if (m := re.search(r"e\.g\.\s*([^\s)]+)", p.help))}
            try:
                prepared = q.named_query(name, params)
            except Exception as exc:  # a canned query needing a parameter we cannot guess
                report(f"query {name}", f"skipped: {exc}", "", None)
                continue
            times = []
            for _ in range(5):
                t = time.perf_counter()
                list(ox.query(prepared.text if hasattr(prepared, "text") else str(prepared)))
                times.append(time.perf_counter() - t)
            p50 = statistics.median(times) * 1000
            rd = ""
            if len(merged):
                t = time.perf_counter()
                list(merged.query(prepared.text if hasattr(prepared, "text") else str(prepared)))
                rd = f" (rdflib {1000 * (time.perf_counter() - t):.0f} ms at {len(merged):,})"
            report(f"query {name} p50 at {n:,}", f"{p50:.1f} ms{rd}", "<= 50 ms", p50 <= 50)


def bench_render(quick: bool) -> None:
    script = ROOT / "bench" / "render_bench.py"
    if not script.exists():
        return
    proc = subprocess.run([sys.executable, str(script)] + (["--nodes", "500"] if quick else []),
                          capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.strip():
            report("render: " + line.split(":")[0].strip()[:38], line.split(":", 1)[-1].strip()[:28])
    if proc.returncode:
        report("render bench", f"exit {proc.returncode}", "", False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="tiny corpora: a smoke run, not figures")
    args = ap.parse_args()
    print(f"# kg bench on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    base = corpus(1)
    bench_extraction(base if not args.quick else base[:5])
    bench_scaling(base, 2 if args.quick else 16)
    bench_parallel(corpus(1 if args.quick else 4))
    bench_cold_start()
    bench_store(base if not args.quick else base[:5], 20_000 if args.quick else 1_000_000)
    bench_render(args.quick)
    judged = [ok for *_, ok in RESULTS if ok is not None]
    print(f"targets met: {sum(judged)}/{len(judged)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
