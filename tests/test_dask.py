"""Ingest on a Dask distributed cluster: the same store as a local ingest, idempotent and resumable."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import store as st
from kg.cli import main
from kg.errors import KgError
from kg.store import ingestion as ingest_module

pytestmark = [pytest.mark.integration, pytest.mark.slow]  # local Dask clusters

distributed = pytest.importorskip("distributed")

DEV = Path(__file__).resolve().parent / "data" / "dev.gold.jsonl"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Eight dev articles: six .txt files and two dated lines of a .jsonl file."""
    root = tmp_path_factory.mktemp("dask") / "corpus"
    root.mkdir()
    docs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()][:8]
    for d in docs[:6]:
        (root / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
    (root / "feed.jsonl").write_text(
        "".join(
            json.dumps({"id": d["id"], "date": d["date"], "text": d["text"]}, ensure_ascii=False) + "\n"
            for d in docs[6:]
        ),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stores") / "local.store"
    report = st.ingest([str(corpus)], path, jobs=1)
    assert len(report.added) == 8 and not report.failed, report
    return path


def snapshot(store_dir) -> tuple[list[str], bytes, bytes]:
    """(named graphs, every quad of the document graphs, the merged view): sorted, so comparable."""
    with st.CorpusStore(store_dir) as s:
        return s.graphs(), s.dump("N_QUADS"), s.dump("N_TRIPLES")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_dask_ingest_equals_local_and_is_idempotent(cluster, corpus, local_store, tmp_path):
    store = tmp_path / "dask.store"
    report = st.ingest([str(corpus)], store, dask=cluster.scheduler_address)
    assert len(report.added) == 8 and not report.failed and not report.skipped, report
    graphs, quads, triples = snapshot(store)
    assert len(graphs) == 8
    assert (graphs, quads, triples) == snapshot(local_store)  # same graphs, each with the same triples

    # again, through a Client of one's own (left open): nothing is submitted, nothing added
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        report = st.ingest([str(corpus)], store, dask=client)
        assert client.status == "running"
    assert not report.added and len(report.skipped) == 8 and report.documents == 8
    assert snapshot(store) == (graphs, quads, triples)


def test_interrupted_dask_ingest_resumes(cluster, corpus, local_store, tmp_path, monkeypatch):
    store = tmp_path / "crash.store"
    real_add = st.CorpusStore.add
    calls = []

    def crash_on_third(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the client dies while writing the third document
        return real_add(self, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "BATCH_TRIPLES", 1)  # every document a batch of its own
    monkeypatch.setattr(st.CorpusStore, "add", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        st.ingest([str(corpus)], store, dask=cluster.scheduler_address)
    monkeypatch.setattr(st.CorpusStore, "add", real_add)
    with st.CorpusStore(store) as s:
        assert len(s.documents()) == 2
    report = st.ingest([str(corpus)], store, dask=cluster.scheduler_address)
    assert len(report.added) == 6 and len(report.skipped) == 2 and not report.failed
    assert snapshot(store) == snapshot(local_store)


def test_cli_dask(cluster, corpus, local_store, tmp_path):
    store = tmp_path / "cli.store"
    runner = CliRunner()
    result = runner.invoke(
        main, ["ingest", str(corpus), "--store", str(store), "--dask", cluster.scheduler_address.removeprefix("tcp://")]
    )
    assert result.exit_code == 0, result.output
    assert "8 documents added, 0 with no facts, 0 already in the store" in result.stderr
    assert snapshot(store) == snapshot(local_store)
    # nothing left to do: --dask local starts no cluster
    result = runner.invoke(main, ["ingest", str(corpus), "--store", str(store), "--dask", "local:2"])
    assert result.exit_code == 0 and "0 documents added, 0 with no facts, 8 already in the store" in result.stderr


def test_unreachable_scheduler_is_one_line(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "DASK_CONNECT_TIMEOUT", 1)
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--store", str(tmp_path / "s"), "--dask", address])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: Dask scheduler {address}: cannot connect (")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "s").exists()  # no empty store left behind (issue 14.10)
    with pytest.raises(KgError, match="unknown address scheme"):
        st.ingest([str(corpus)], tmp_path / "t", dask="nosuch://host:1")


def test_missing_dask_is_one_line(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--store", str(tmp_path / "s"), "--dask", "local"])
    assert result.exit_code == 2
    assert result.stderr == "kg: error: ingest on Dask needs Dask distributed: pip install 'kg[dask]'\n"
    assert not (tmp_path / "s").exists()  # checked before the store is made
