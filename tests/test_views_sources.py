"""``kg show`` and ``kg render`` read a store or an endpoint as ``kg query`` does (issue 14, item 3); a big
graph is drawn around one node (--focus, --depth); the counts ``kg render`` prints are the page's (item 8)."""

from __future__ import annotations

import http.server
import threading
import urllib.parse

import networkx as nx
import pytest
from click.testing import CliRunner
from test_render import embedded_data

from kg.cli import main
from kg.errors import KgError
from kg.store import CorpusStore
from kg.views import graph as kgg
from kg.views.where import Where, neighbourhood, read_graph


@pytest.fixture(scope="module")
def sources(seed_graph, tmp_path_factory):
    """The seed article's graph as a file and as a store."""
    folder = tmp_path_factory.mktemp("sources")
    nt = seed_graph.serialize(format="nt")
    (folder / "seed.nt").write_text(nt, encoding="utf-8")
    with CorpusStore(folder / "kb", create=True) as store:
        store.add([("seed", nt)])
    return folder


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def endpoint(seed_graph):
    """A SPARQL endpoint on loopback that answers any CONSTRUCT with the seed graph; records the queries."""
    body = seed_graph.serialize(format="nt").encode("utf-8")
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
            asked.append(form["query"][0])
            self.send_response(200)
            self.send_header("Content-Type", "application/n-triples")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "question",
    [["org", "快手"], ["reports", "程一晓"], ["chain", "小谷"], ["changes", "--include-undated"], ["committees"]],
)
def test_show_reads_a_store_as_it_reads_the_file(sources, question):
    from_file = run("show", *question, "--graph", str(sources / "seed.nt"))
    from_store = run("show", *question, "--store", str(sources / "kb"))
    assert from_file.exit_code == from_store.exit_code == 0, from_store.output
    assert from_store.output.replace(str(sources / "kb"), "SOURCE") == from_file.output.replace(
        str(sources / "seed.nt"), "SOURCE"
    )


def test_show_and_render_read_an_endpoint(sources, endpoint, tmp_path):
    url, asked = endpoint
    from_file = run("show", "org", "快手", "--graph", str(sources / "seed.nt"))
    from_server = run("show", "org", "快手", "--endpoint", url)
    assert from_server.exit_code == 0, from_server.output
    assert from_server.output == from_file.output
    assert asked and asked[-1].startswith("CONSTRUCT")
    result = run("render", "--endpoint", url, "-o", str(tmp_path / "p.html"))
    assert result.exit_code == 0, result.output
    assert embedded_data((tmp_path / "p.html").read_text(encoding="utf-8"))["title"] == url


@pytest.mark.parametrize("how", [["STORE"], ["--store", "STORE"]])
def test_render_a_store(sources, tmp_path, how):
    page = tmp_path / "kb.html"
    args = [str(sources / "kb") if a == "STORE" else a for a in how]
    result = run("render", *args, "-o", str(page))
    assert result.exit_code == 0, result.output
    data = embedded_data(page.read_text(encoding="utf-8"))
    assert data["title"] == "kb"
    # the counts printed are the page's own: a membership behind a headOf line is one line there
    assert result.output.strip() == f"{page}: {len(data['nodes'])} nodes, {len(data['edges'])} lines"
    G = kgg.from_rdf(read_graph(Where(store=str(sources / "kb"))))
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["edges"]) < G.number_of_edges()


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_render_focus_draws_the_neighbourhood_only(sources, tmp_path, depth):
    page = tmp_path / "focus.html"
    result = run("render", "--store", str(sources / "kb"), "--focus", "程一晓", "--depth", str(depth), "-o", str(page))
    assert result.exit_code == 0, result.output
    drawn = {n["id"] for n in embedded_data(page.read_text(encoding="utf-8"))["nodes"]}
    G = kgg.from_rdf(read_graph(Where(store=str(sources / "kb"))))
    (focus,) = kgg.find(G, "程一晓")
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus, cutoff=depth)
    assert drawn == set(near)
    assert (len(drawn) == 1) if depth == 0 else (len(drawn) > 1)
    if depth == 1:
        assert len(drawn) < G.number_of_nodes()


def test_neighbourhood_follows_lines_both_ways():
    G = nx.MultiDiGraph()
    G.graph["events"] = ["kept"]
    for u, v in (("a", "b"), ("c", "b"), ("c", "d"), ("e", "d")):
        G.add_edge(u, v, rel="reportsTo")
    H = neighbourhood(G, "b", 1)
    assert sorted(H) == ["a", "b", "c"] and H.number_of_edges() == 2 and H.graph["events"] == ["kept"]
    assert sorted(neighbourhood(G, "b", 2)) == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "org", "快手"], "give one of --graph FILE, --store DIR or --endpoint URL"),
        (["show", "org", "快手", "--graph", "SEED", "--store", "STORE"], "give one of --graph FILE"),
        (["render", "-o", "OUT"], "give one source"),
        (["render", "SEED", "--store", "STORE", "-o", "OUT"], "give one source"),
        (["render", "--store", "STORE", "--focus", "无此人", "-o", "OUT"], 'no person or organization named "无此人"'),
        (["show", "org", "快手", "--store", "SEED"], "is a file"),
    ],
)
def test_source_errors_are_one_line_exit_2(sources, tmp_path, args, message):
    paths = {"SEED": str(sources / "seed.nt"), "STORE": str(sources / "kb"), "OUT": str(tmp_path / "p.html")}
    result = run(*[paths.get(a, a) for a in args])
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "p.html").exists()


def test_where_takes_one_source():
    with pytest.raises(KgError, match="give one source"):
        Where(file="a.ttl", store="kb")
    with pytest.raises(KgError, match="no source"):
        Where()
    assert Where(store="x/kb").name == "kb" and Where(endpoint="http://h:1").description == "http://h:1"


@pytest.mark.parametrize(
    "command, shown",
    [
        ("path", "kg show path 小谷 快手 --graph kuaishou.ttl"),
        ("committees", "kg show committees --graph kuaishou.ttl"),
        ("changes", "--from and --to are optional"),
    ],
)
def test_show_help_gives_examples(command, shown):
    result = run("show", command, "--help")
    assert result.exit_code == 0 and shown in " ".join(result.output.split())
