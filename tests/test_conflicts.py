"""``kg conflicts`` (issue 14, item 4): a conflict is two sources disagreeing about the same time; one head
replaced by another at a later date is a succession, which is history, not a conflict. In a terminal each
conflict is a block that fits its width."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import kg
from kg import query as q
from kg.cli import main
from kg.query.results import text_width
from kg.rdf.write import to_ntriples
from kg.store import CorpusStore

ARTICLES = {  # id: (date, text)
    "xu-2020": ("2020-01-01", "京东集团宣布任命徐雷为首席执行官。"),
    "xu-ran-2021": ("2021-06-01", "京东集团宣布任命许冉为首席执行官。"),  # succeeds 徐雷: history
    "zhang-2021": ("2021-06-01", "京东集团宣布任命张三丰为首席执行官。"),  # the same day as 许冉: a conflict
    "zhang-quits-2021": ("2021-06-01", "京东集团CEO张三丰宣布辞去首席执行官职务。"),  # current and ended, same day
    "li-2019": ("2019-03-01", "字节跳动任命李明为首席执行官。"),
    "li-leaves-2020": ("2020-05-01", "字节跳动首席执行官李明宣布辞去首席执行官职务。"),  # ended later: history
}


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("conflicts")
    docs = {key: kg.extract(text, date=date) for key, (date, text) in ARTICLES.items()}
    ntriples = {key: to_ntriples(doc) for key, doc in docs.items()}
    with CorpusStore(folder / "kb", create=True) as store:
        store.add([(doc.id, ntriples[key]) for key, doc in docs.items()])
    (folder / "all.nt").write_text("".join(ntriples.values()), encoding="utf-8")
    return folder, {doc.id: key for key, doc in docs.items()}


@pytest.mark.parametrize("source", ["kb", "all.nt"])
def test_only_disagreements_about_the_same_time(sources, source):
    folder, key_of = sources
    src = q.open_source(str(folder / source))
    try:
        rows = src.query(q.named_query("conflicts", {})).dicts()
    finally:
        src.close()
    found = {
        (r["conflict"], frozenset({(r["personName1"], key_of[r["doc1"]]), (r["personName2"], key_of[r["doc2"]])}))
        for r in rows
    }
    assert found == {
        ("two heads", frozenset({("张三丰", "zhang-2021"), ("许冉", "xu-ran-2021")})),
        ("current and ended", frozenset({("张三丰", "zhang-2021"), ("张三丰", "zhang-quits-2021")})),
    }
    ended = next(r for r in rows if r["conflict"] == "current and ended")
    assert key_of[ended["doc1"]] == "zhang-2021"  # the document that says current comes first
    both = next(r for r in rows if r["conflict"] == "two heads")
    assert both["date1"] == both["date2"] == "2021-06-01"
    assert {both["sentence1"], both["sentence2"]} == {ARTICLES["zhang-2021"][1], ARTICLES["xu-ran-2021"][1]}


def test_conflicts_table_fits_the_terminal(sources):
    folder, _ = sources
    for columns in (40, 80):
        result = CliRunner().invoke(main, ["conflicts", "--store", str(folder / "kb")], env={"COLUMNS": str(columns)})
        assert result.exit_code == 0, result.output
        lines = [ln for ln in result.output.splitlines() if ln and not ln.endswith("conflicts")]
        assert lines and all(text_width(ln) <= columns for ln in lines)
        blocks = result.output.split("\n\n")
        assert blocks[0].splitlines()[0].startswith("current and ended · 京东集团"[: columns - 1])
    wide = CliRunner().invoke(main, ["conflicts", "--store", str(folder / "kb")], env={"COLUMNS": "200"}).output
    assert "  张三丰  2021-06-01  " in wide and "京东集团宣布任命张三丰为首席执行官。" in wide  # nothing cut


def test_conflicts_json_keeps_every_column(sources):
    folder, _ = sources
    result = CliRunner().invoke(main, ["conflicts", "--store", str(folder / "kb"), "--format", "json"])
    data = json.loads(result.output)
    assert len(data["results"]["bindings"]) == 2 and "sentence1" in data["head"]["vars"]
