"""The corpus store: ingest (idempotent, resumable), remove, export, conflicts, canned queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

import kg
from kg import query as q, store as st
from kg.cli import main
from kg.errors import KgError
from kg.rdf.validate import load_graph
from kg.store import ingestion as ingest_module

pytestmark = pytest.mark.integration

DEV = Path("/work/shared/eval/dev.gold.jsonl")
if not DEV.exists():
    DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.gold.jsonl"

PARAMS = {  # one call of every canned query, with parameters the small corpus answers
    "reports-to": {"person": "余睿"},
    "direct-reports": {"person": "徐雷"},
    "members-of": {"org": "京东集团"},
    "heads-of": {"org": "京东集团"},
    "posts-of": {"person": "徐雷"},
    "org-chart-at": {"at": "2022-06-01"},
    "changes-between": {"from": "2022-01-01", "to": "2023-12-31"},
    "sources-of": {"person": "徐雷"},
    "conflicts": {},
}


def dev_articles() -> dict[str, dict]:
    return {d["id"]: d for d in map(json.loads, DEV.read_text(encoding="utf-8").splitlines()) if d}


def make_corpus(root: Path) -> Path:
    """Five dev articles as .txt, .html, .md and two .jsonl lines (the JD.com pair, with dates)."""
    docs = dev_articles()
    news = root / "corpus" / "news"
    news.mkdir(parents=True)
    (news / "dev-001.txt").write_text(docs["dev-001"]["text"], encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>\n" for line in docs["dev-002"]["text"].splitlines())
    (news / "dev-002.html").write_text(
        "<!doctype html><html><head><title>字节跳动</title><style>p {color: red}</style></head>"
        f"<body><script>var x = '<p>广告</p>';</script>\n{paragraphs}<div>&copy; 2021</div></body></html>",
        encoding="utf-8",
    )
    (news / "dev-008.md").write_text("# 百度\n\n" + docs["dev-008"]["text"], encoding="utf-8")
    (news / "notes.csv").write_text("not,an,article\n", encoding="utf-8")  # not picked up from a directory
    lines = [
        json.dumps({"id": i, "date": docs[i]["date"], "text": docs[i]["text"]}, ensure_ascii=False)
        for i in ("dev-005", "dev-006")
    ]
    (root / "corpus" / "jd.jsonl").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return root / "corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def full_store(corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stores") / "full.store"
    report = st.ingest([str(corpus)], path, jobs=2)
    assert len(report.added) == 5 and not report.failed, report
    return path


def merged(store_dir) -> set:
    """The store's merged view as a set of rdflib triples."""
    with st.CorpusStore(store_dir) as s:
        return set(rdflib.Graph().parse(data=s.dump("N_TRIPLES").decode("utf-8"), format="nt"))


def counts(store_dir) -> tuple[int, int, int]:
    with st.CorpusStore(store_dir) as s:
        return len(s.documents()), s.triple_count(), s.quad_count()


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


# -- reading inputs ---------------------------------------------------------------------------------


def test_collect_and_read(corpus):
    items = st.collect([str(corpus)])
    assert sorted(Path(i.path).name for i in items) == [
        "dev-001.txt",
        "dev-002.html",
        "dev-008.md",
        "jd.jsonl",
        "jd.jsonl",
    ]
    assert [i.line for i in items if i.line] == [1, 2]
    assert st.collect([str(corpus / "news" / "*.txt")]) == [st.Item(str(corpus / "news" / "dev-001.txt"))]
    html_item = next(i for i in items if i.path.endswith(".html"))
    text, date = st.read_item(html_item)
    assert date is None and "抖音由张楠担任CEO" in text
    assert "<" not in text and "广告" not in text and "color" not in text and "©" in text
    jd = [st.read_item(i) for i in items if i.line]
    assert [d for _t, d in jd] == ["2022-04-08", "2023-05-11"]
    with pytest.raises(KgError, match="no file matches"):
        st.collect([str(corpus / "*.nothing")])
    with pytest.raises(KgError, match="no such file"):
        st.collect([str(corpus / "missing.txt")])


def test_html_to_text():
    assert st.html_to_text("<p>甲 <b>乙</b></p><p>丙&amp;丁</p><script>x</script>") == "甲 乙\n\n丙&丁\n"


# -- ingest ---------------------------------------------------------------------------------------


def test_ingest_twice_adds_nothing(corpus, tmp_path):
    store = tmp_path / "twice.store"
    code, _out, err = invoke("ingest", corpus, "--store", store, "--jobs", 2)
    assert code == 0, err
    assert "5 documents added, 0 with no facts, 0 already in the store, 0 failed" in err
    first = counts(store)
    assert first[0] == 5 and first[1] > 100 and first[2] >= first[1]
    copy = tmp_path / "copy-of-dev-001.txt"  # another file, the same text: the same document
    copy.write_text((corpus / "news" / "dev-001.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, _out, err = invoke("ingest", corpus, copy, "--store", store)
    assert code == 0 and "0 documents added, 0 with no facts, 6 already in the store" in err
    assert counts(store) == first
    with st.CorpusStore(store) as s:  # one graph per document, named by its content hash
        doc = kg.extract(dev_articles()["dev-001"]["text"])
        assert s.graphs_of(doc.id) == [f"https://kg.example.org/id/graph/{doc.id}"]


def test_entities_merge_each_fact_keeps_its_source(full_store):
    with st.CorpusStore(full_store) as s:
        rows = s.query(q.named_query("posts-of", {"person": "徐雷"})).dicts()
    docs = {r["doc"] for r in rows if r["role"] == "首席执行官"}
    assert len(docs) == 2  # one person, his CEO post reported by both JD.com articles
    assert {r["status"] for r in rows if r["role"] == "首席执行官"} == {"current", "former"}


def test_resume_after_partial_ingest(corpus, full_store, tmp_path):
    store = tmp_path / "resume.store"
    report = st.ingest([str(corpus / "jd.jsonl")], store, jobs=1)
    assert len(report.added) == 2
    report = st.ingest([str(corpus)], store, jobs=1)
    assert len(report.added) == 3 and len(report.skipped) == 2
    assert merged(store) == merged(full_store)


def test_resume_after_interrupted_ingest(corpus, full_store, tmp_path, monkeypatch):
    store = tmp_path / "crash.store"
    real_add = st.CorpusStore.add
    calls = []

    def crash_on_third(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the process dies while writing the third document
        return real_add(self, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "BATCH_TRIPLES", 1)  # every document a batch of its own
    monkeypatch.setattr(st.CorpusStore, "add", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        st.ingest([str(corpus)], store, jobs=2)
    monkeypatch.setattr(st.CorpusStore, "add", real_add)
    assert counts(store)[0] == 2  # two complete documents, nothing of the third
    report = st.ingest([str(corpus)], store, jobs=2)
    assert len(report.added) == 3 and len(report.skipped) == 2
    assert merged(store) == merged(full_store)
    assert counts(store) == counts(full_store)


def test_a_write_cut_short_is_taken_out_when_the_store_opens(corpus, tmp_path):
    """A crash between the bulk load of a batch and its marks leaves graphs without ``<doc> a oc:Document``:
    the next opening of the store takes them out, with what only they put into the merged view."""
    store = tmp_path / "cut.store"
    st.ingest([str(corpus / "jd.jsonl")], store, jobs=1)
    before, counted = merged(store), counts(store)
    text = (corpus / "news" / "dev-001.txt").read_text(encoding="utf-8")
    doc = kg.extract(text)
    with st.CorpusStore(store) as s:
        with pytest.raises(KgError, match="not N-Triples"):  # the second document's triples do not parse
            s.add([(doc.id, kg.rdf.write.to_ntriples(doc)), ("0123456789abcdef", "<a> <b> .\n")])
        assert not s.has(doc.id)
    with st.CorpusStore(store) as s:
        assert doc.id not in s.documents() and len(s.graphs()) == counted[0]
    assert merged(store) == before and counts(store) == counted
    report = st.ingest([str(corpus / "news" / "dev-001.txt")], store, jobs=1)
    assert report.added == [doc.id]


def test_ingest_reports_bad_articles_and_goes_on(corpus, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (bad / "feed.jsonl").write_text(
        '{"text": "网易近日宣布组织调整。"}\n{oops\n{"date": "2020-01-01"}\n', encoding="utf-8"
    )
    store = tmp_path / "bad.store"
    code, _out, err = invoke("ingest", bad, corpus / "news" / "dev-001.txt", "--store", store)
    assert code == 1
    warnings = [line for line in err.splitlines() if line.startswith("kg: warning: ")]
    assert len(warnings) == 3 and "Traceback" not in err
    assert any("binary.txt" in w for w in warnings)
    assert any("feed.jsonl:2" in w for w in warnings) and any("feed.jsonl:3" in w for w in warnings)
    assert counts(store)[0] == 2


def test_ingest_refuses_a_directory_that_is_not_a_store(corpus, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    code, _out, err = invoke("ingest", corpus, "--store", other)
    assert code == 2 and "not a kg store" in err and err.count("\n") == 1
    assert [p.name for p in other.iterdir()] == ["keep.txt"]


def test_store_in_use(full_store):
    with st.CorpusStore(full_store):
        code, _out, err = invoke("query", full_store, "ASK {}")
    assert code == 2 and "in use" in err and err.count("\n") == 1


# -- remove ---------------------------------------------------------------------------------------


def test_remove_one_document_cleanly(corpus, full_store, tmp_path):
    store = tmp_path / "remove.store"
    st.ingest([str(corpus)], store, jobs=1)
    code, out, err = invoke("remove", corpus / "news" / "dev-002.html", "--store", store)
    assert code == 0, err
    doc = kg.extract(st.html_to_text((corpus / "news" / "dev-002.html").read_text(encoding="utf-8")))
    assert out == f"removed {doc.id}\n"
    rest = tmp_path / "rest.store"
    st.ingest(
        [str(corpus / "news" / "dev-001.txt"), str(corpus / "news" / "dev-008.md"), str(corpus / "jd.jsonl")],
        rest,
        jobs=1,
    )
    assert merged(store) == merged(rest)  # its triples are gone, what the others say is intact
    assert counts(store) == counts(rest)
    with st.CorpusStore(store) as s:
        assert doc.id not in s.documents()
        # 梁汝波 was also in dev-001: he and what dev-001 says of him stay
        assert s.query(q.named_query("posts-of", {"person": "梁汝波"})).rows
        assert not s.query(q.named_query("reports-to", {"person": "张楠"})).rows  # only dev-002 said it

    jd_ids = [kg.extract(d["text"], d["date"]).id for k, d in dev_articles().items() if k in ("dev-005", "dev-006")]
    code, out, _err = invoke("remove", jd_ids[0], "--store", store)
    assert code == 0 and out == f"removed {jd_ids[0]}\n"
    code, out, err = invoke("remove", jd_ids[0], "--store", store)
    assert code == 2 and "not in store" in err and err.count("\n") == 1
    assert counts(store)[0] == 3


# -- export ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["all.trig", "all.nq", "all.ttl", "all.nt"])
def test_export_parses(full_store, tmp_path, name):
    out = tmp_path / name
    code, _out, err = invoke("export", "--store", full_store, "-o", out)
    assert code == 0, err
    assert [p.name for p in tmp_path.iterdir()] == [name]  # written atomically: no temporary left
    graph = load_graph(out)
    assert set(graph) == merged(full_store)
    if name.endswith((".trig", ".nq")):
        ds = rdflib.Dataset()
        ds.parse(out, format="trig" if name.endswith(".trig") else "nquads")
        names = {str(g.identifier) for g in ds.graphs() if str(g.identifier).startswith("https://")}
        with st.CorpusStore(full_store) as s:
            assert names == set(s.graphs()) and len(names) == 5


def test_export_needs_a_format(full_store, tmp_path):
    code, _out, err = invoke("export", "--store", full_store, "-o", tmp_path / "all.xyz")
    assert code == 2 and err.count("\n") == 1
    assert not (tmp_path / "all.xyz").exists()


# -- queries over the store ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(full_store, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("export")
    files = {ext: folder / f"all.{ext}" for ext in ("ttl", "trig")}
    for path in files.values():
        st.export(full_store, str(path))
    return files


def test_canned_queries_same_over_store_and_export(full_store, exported):
    assert set(PARAMS) == set(q.canned_queries())
    files = {ext: q.GraphSource.from_file(str(p)) for ext, p in exported.items()}
    with st.CorpusStore(full_store) as s:
        for name, params in PARAMS.items():
            prepared = q.named_query(name, params)
            rows = s.query(prepared).sorted_rows()
            # the comparison means something (the corpus's overlapping posts are successions, no conflicts:
            # tests/test_conflicts.py compares a store and a file that hold some)
            assert rows or name == "conflicts", name
            for ext, source in files.items():
                assert source.query(prepared).sorted_rows() == rows, (name, ext)


def test_conflicts(full_store):
    """The JD.com pair is a succession, not a conflict: 徐雷 CEO in 2022 (dev-005), 许冉 CEO and 徐雷's post
    ended in 2023 (dev-006). tests/test_conflicts.py has real conflicts with both their sources."""
    code, out, err = invoke("conflicts", "--store", full_store, "--format", "json")
    assert code == 0, err
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(out)["results"]["bindings"]]
    assert not [r for r in rows if "徐雷" in (r["personName1"], r["personName2"])], rows
    with st.CorpusStore(full_store) as s:  # both documents are there, with the posts that once made rows
        posts = s.query(q.named_query("posts-of", {"person": "徐雷"})).dicts()
    ceo = [p for p in posts if p["role"] == "首席执行官"]
    assert {p["status"] for p in ceo} == {"current", "former"} and len({p["doc"] for p in ceo}) == 2
    code, out, err = invoke("conflicts", "--store", full_store)
    assert code == 0 and out == "" and err.strip().endswith("0 conflicts")
    code, out, err = invoke("conflicts", "--store", full_store, "--format", "json", "--within", "京东集团")
    assert code == 0 and json.loads(out)["results"]["bindings"] == []


def test_org_chart_picks_the_later_source(full_store):
    def jd_ceos(at):
        with st.CorpusStore(full_store) as s:
            rows = s.query(q.named_query("org-chart-at", {"at": at})).dicts()
        return {r["personName"] for r in rows if r["orgName"] == "京东集团" and r["role"] == "首席执行官"}

    assert jd_ceos("2022-06-01") == {"徐雷"}
    assert jd_ceos("2023-06-01") == {"许冉"}
    assert jd_ceos("2021-06-01") == {"刘强东"}


def test_store_query_errors_and_injection(full_store):
    code, out, err = invoke("query", full_store, "SELECT ?x WHERE { ?x ?y }")
    assert code == 2 and out == "" and err.startswith("kg: error: query: syntax error at line 1, column")
    assert err.count("\n") == 1
    before = counts(full_store)
    code, out, err = invoke(
        "query", "--store", full_store, "-n", "posts-of", "-p", 'person=x" } ; DROP ALL ; #', "--format", "csv"
    )
    assert code == 2 and out == "" and err.startswith('kg: error: no person named "x\\" } ; DROP ALL ; #"'), err
    assert counts(full_store) == before


def test_a_store_another_process_is_creating_is_in_use(tmp_path):
    """RocksDB writes its LOG before it takes the LOCK: a directory holding only that is being created,
    and a second opener waits a moment for it, then says "in use" (not "not a kg store")."""
    import subprocess
    import sys

    path = tmp_path / "new.store"
    path.mkdir()
    (path / "LOG").write_text("", encoding="utf-8")
    creator = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pyoxigraph; time.sleep(0.5); "
            "s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); time.sleep(30)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        with pytest.raises(KgError, match="store is in use by another process"):
            st.CorpusStore(path, create=True)
        assert creator.stdout.readline() == "open\n"
    finally:
        creator.kill()
        creator.wait()
    with st.CorpusStore(path) as s:  # once the creator is gone, the store is there to open
        assert s.documents() == []


def test_ingest_counts_documents_with_no_facts(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-article.txt").write_text(dev_articles()["dev-001"]["text"], encoding="utf-8")
    (folder / "b-weather.txt").write_text("今天北京天气晴朗，气温二十度。\n", encoding="utf-8")
    (folder / "c-english.txt").write_text("Nothing about anybody happened here today.\n", encoding="utf-8")
    code, _out, err = invoke("ingest", folder, "--store", tmp_path / "cli.store", "--jobs", 1)
    assert code == 0, err
    assert "3 documents added, 2 with no facts, 0 already in the store, 0 failed" in err
    report = st.ingest([str(folder)], tmp_path / "pool.store", jobs=2)  # through worker processes too
    assert len(report.added) == 3 and not report.failed
    assert sorted(report.empty) == [str(folder / "b-weather.txt"), str(folder / "c-english.txt")]
    code, _out, err = invoke("ingest", folder, "--store", tmp_path / "cli.store")  # skipped: not counted again
    assert code == 0 and "0 documents added, 0 with no facts, 3 already in the store" in err
