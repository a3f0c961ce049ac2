"""Beyond one machine: push a store to a real Oxigraph server and query it over HTTP.

Starts ``oxigraph serve`` (the ``oxigraph`` package on PyPI ships the binary; it is in the ``test`` extra)
on a free port, ingests the dev set, pushes it with the Graph Store protocol and checks that every canned
query gives the same rows remotely as locally.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import query as q, store as st
from kg.cli import main

DEV = Path("/work/shared/eval/dev.gold.jsonl")
if not DEV.exists():
    DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.gold.jsonl"

PARAMS = {  # parameters the dev set answers
    "reports-to": {"person": "张楠"},
    "direct-reports": {"person": "梁汝波"},
    "members-of": {"org": "阿里巴巴集团"},
    "heads-of": {"org": "京东集团"},
    "posts-of": {"person": "张勇"},
    "org-chart-at": {"at": "2023-01-01"},
    "changes-between": {"from": "2023-01-01", "to": "2023-12-31"},
    "sources-of": {"person": "徐雷"},
    "conflicts": {},
}

SEED = Path(__file__).resolve().parent.parent / "examples" / "kuaishou-2022-09.txt"
#: Seconds a request may take here: the queries answer in well under a second, so this only keeps a busy
#: machine (a loaded CI runner) from failing a test that is about answers, not speed.
SLOW_MACHINE = 600

# on PATH, or next to this Python (a virtual environment that is not activated)
OXIGRAPH = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,  # an Oxigraph server per test module: about a minute
    pytest.mark.skipif(
        OXIGRAPH is None,
        reason="the oxigraph server is not installed (pip install oxigraph, or pip install -e '.[test]')",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def oxigraph_server(location: Path):
    """The base URL of a fresh Oxigraph server storing in ``location``, stopped on leaving."""
    port = free_port()
    log = open(location.parent / f"{location.name}.log", "wb")
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited with status {proc.returncode}")
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("oxigraph serve did not answer within 30 s")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture
def fresh_server(tmp_path):
    """A server of its own, for a test that pushes other stores."""
    with oxigraph_server(tmp_path / "oxigraph") as url:
        yield url


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dev") / "dev.store"
    report = st.ingest([str(DEV)], path)  # one process per core
    assert not report.failed and len(report.added) == len(st.collect([str(DEV)]))
    return path


@pytest.fixture(scope="module")
def pushed(server, dev_store) -> str:
    result = CliRunner().invoke(main, ["push", "--store", str(dev_store), "--endpoint", server])
    assert result.exit_code == 0, result.output
    assert "pushed 30 document graphs and the merged view" in result.stderr
    return server


def test_every_canned_query_same_remotely(dev_store, pushed):
    assert set(PARAMS) == set(q.canned_queries())
    remote = q.EndpointSource(pushed, timeout=SLOW_MACHINE)
    with st.CorpusStore(dev_store) as local:
        for name, params in PARAMS.items():
            prepared = q.named_query(name, params)
            rows = local.query(prepared).sorted_rows()
            assert rows or name == "conflicts", name  # the dev set's overlapping posts are successions
            assert remote.query(prepared).sorted_rows() == rows, name


def test_remote_graphs_match_local(dev_store, pushed):
    remote = q.EndpointSource(pushed, timeout=SLOW_MACHINE)
    graphs = remote.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    with st.CorpusStore(dev_store) as local:
        assert sorted(str(r[0]) for r in graphs.rows) == local.graphs()
        count = remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(count.rows[0][0]) == local.triple_count()
        # asked for the union of its graphs, a server holding the merged view gives the same rows; the
        # default graph is that union already, so it is what is queried (Oxigraph's union-default-graph would
        # count every triple twice and multiply every join: the issue-14 hang)
        union = q.EndpointSource(pushed, union=True, timeout=SLOW_MACHINE)
        assert union.union_differs() is False
        for name in ("posts-of", "heads-of"):
            prepared = q.named_query(name, PARAMS[name])
            assert union.query(prepared).sorted_rows() == local.query(prepared).sorted_rows(), name


def test_union_over_named_graphs_only(dev_store, fresh_server):
    """A server holding only the document graphs (pushed without the merged view): the union is asked for,
    and the canned queries written for it (see the shape notes in heads-of.rq) give the local rows."""
    st.push(dev_store, fresh_server, merged=False)
    union = q.EndpointSource(fresh_server, union=True, timeout=SLOW_MACHINE)
    assert union.union_differs() is True
    assert q.EndpointSource(fresh_server).query("ASK { ?s ?p ?o }").boolean is False
    with st.CorpusStore(dev_store) as local:
        for name in ("posts-of", "heads-of", "reports-to"):
            prepared = q.named_query(name, PARAMS[name])
            rows = local.query(prepared).sorted_rows()
            assert rows and union.query(prepared).sorted_rows() == rows, name


def test_two_stores_pushed_to_one_server_keep_both(dev_store, fresh_server, tmp_path):
    """Issue 14: pushing a second store must not take the first one's facts out of the merged view."""
    seed = tmp_path / "seed.store"
    assert st.ingest([str(SEED)], seed).added
    heads = q.named_query("heads-of", {"org": "快手"})
    with st.CorpusStore(seed) as local:
        seed_heads = local.query(heads).sorted_rows()
        seed_triples = set(local.merged_ntriples().splitlines())
    with st.CorpusStore(dev_store) as local:
        dev_triples = set(local.merged_ntriples().splitlines())
    assert seed_heads
    remote = q.EndpointSource(fresh_server, timeout=SLOW_MACHINE)
    runner = CliRunner()
    for store in (seed, dev_store):
        result = runner.invoke(main, ["push", "--store", str(store), "--endpoint", fresh_server])
        assert result.exit_code == 0, result.output
    assert remote.query(heads).sorted_rows() == seed_heads  # the first store's facts are still there
    count = remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count.rows[0][0]) == len(seed_triples | dev_triples)
    graphs = remote.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(graphs.rows[0][0]) == 31
    st.push(seed, fresh_server)  # again: nothing changes
    assert int(remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]) == len(seed_triples | dev_triples)


def test_push_again_changes_nothing(dev_store, pushed):
    remote = q.EndpointSource(pushed, timeout=SLOW_MACHINE)
    before = remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    st.push(dev_store, f"{pushed}/store")
    assert remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows == before


def test_cli_remote_query_and_errors(pushed):
    runner = CliRunner()
    result = runner.invoke(
        main, ["query", "--endpoint", pushed, "-n", "reports-to", "-p", "person=张楠", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert "梁汝波" in result.stdout
    result = runner.invoke(main, ["query", "--endpoint", f"{pushed}/query", "SELECT ?x WHERE { ?x ?y }"])
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: query: syntax error at line 1, column")
    assert result.stderr.count("\n") == 1
    result = runner.invoke(
        main,
        [
            "query",
            "--endpoint",
            pushed,
            "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p foaf:name ?n ; org:reportsTo ?q }",
            "--format",
            "turtle",
        ],
    )
    assert result.exit_code == 0 and "foaf:name" in result.stdout
    result = runner.invoke(main, ["conflicts", "--endpoint", pushed, "--format", "csv"])
    # the dev set's overlapping posts are successions, no conflicts (tests/test_conflicts.py has some)
    assert result.exit_code == 0 and result.stdout.splitlines() == [
        "conflict,orgName,org,role,personName1,person1,doc1,date1,sentence1,personName2,person2,doc2,date2,sentence2"
    ]


def test_push_to_unreachable_endpoint(dev_store):
    result = CliRunner().invoke(
        main, ["push", "--store", str(dev_store), "--endpoint", f"http://127.0.0.1:{free_port()}"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: ") and "cannot reach" in result.stderr
    assert result.stderr.count("\n") == 1
