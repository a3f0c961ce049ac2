"""Queries that reach out or never end (issue 15 items 4-6): SERVICE refused on every source, bad regular
expressions one line everywhere, time limits on files, stores and endpoints, whole-request HTTP deadlines
and redirects, against misbehaving servers on loopback."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg import query as q, store as st
from kg.cli import main
from kg.errors import KgError
from kg.query.httpclient import http_request
from kg.query.safety import QueryTimeout, query_timeout

from conftest import subprocess_env

SERVICE_QUERY = "SELECT * WHERE { SERVICE <http://127.0.0.1:%d/sparql> { ?s ?p ?o } }"
EX = "http://example.org/"


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def ttl(tmp_path) -> Path:
    path = tmp_path / "k.ttl"
    path.write_text("".join(f'<{EX}s{i}> <{EX}p> "a{i}" .\n' for i in range(30)), encoding="utf-8")
    return path


def make_store(path: Path, n: int = 30) -> Path:
    with st.CorpusStore(path, create=True) as store:
        store.add([("0123456789abcdef", "".join(f'<{EX}s{i}> <{EX}p> "a{i}" .\n' for i in range(n)))])
    return path


@pytest.fixture
def store(tmp_path) -> Path:
    return make_store(tmp_path / "s.store")


# --------------------------------------------------------------------------------------------------
# Servers on loopback
# --------------------------------------------------------------------------------------------------


class Recorder:
    """An HTTP server on loopback that answers every request with ``reply(handler)`` and records them."""

    def __init__(self, reply):
        self.requests: list[tuple[str, str, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                outer.requests.append((self.command, self.path, self.rfile.read(length)))
                reply(self)

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args):
                pass

        class QuietServer(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a client that hangs up at its deadline is what these tests do; stderr is the CLI's

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    made = []

    def make(reply=lambda h: (h.send_response(200), h.end_headers())):
        made.append(Recorder(reply))
        return made[-1]

    yield make
    for r in made:
        r.close()


def json_reply(data) -> callable:
    def reply(h):
        body = json.dumps(data).encode()
        h.send_response(200)
        h.send_header("Content-Type", "application/sparql-results+json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return reply


class Drip:
    """A server that accepts, then sends ``prefix`` and one byte of ``filler`` every ``every`` seconds."""

    def __init__(self, prefix: bytes, every: float = 0.2):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.prefix, self.every, self.stop = prefix, every, threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn):
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(self.prefix)
                while not self.stop.is_set():
                    conn.sendall(b"x")
                    time.sleep(self.every)
            except OSError:
                return

    def close(self):
        self.stop.set()
        self.sock.close()


# --------------------------------------------------------------------------------------------------
# SERVICE
# --------------------------------------------------------------------------------------------------


def test_service_refused_on_every_source(ttl, store, recorder):
    target = recorder()
    port = int(target.url.rsplit(":", 1)[1])
    endpoint = recorder(json_reply({"head": {"vars": []}, "results": {"bindings": []}}))
    for source in ([str(ttl)], [str(store)], ["--endpoint", endpoint.url]):
        code, out, err = invoke("query", *source, SERVICE_QUERY % port)
        assert code == 2 and out == "", source
        assert err.startswith("kg: error: query: SERVICE is refused") and err.count("\n") == 1
    # written with a codepoint escape, which SPARQL expands before parsing (rdflib sent the request)
    escaped = (SERVICE_QUERY % port).replace("SERVICE", "\\u0053ERVICE")
    for source in ([str(ttl)], [str(store)]):
        code, _out, err = invoke("query", *source, escaped)
        assert code == 2 and err.startswith("kg: error: query: SERVICE is refused"), source
    # lower case, and as a library call on a raw string
    with pytest.raises(KgError, match="SERVICE is refused"):
        q.GraphSource(rdflib.Graph()).query((SERVICE_QUERY % port).replace("SERVICE", "service"))
    assert target.requests == [] and endpoint.requests == []


def test_service_word_elsewhere_is_not_service(ttl):
    # a variable, a string and a comment that spell it are no SERVICE clause
    text = 'SELECT ?service WHERE { ?service ?p "SERVICE" } # SERVICE <http://x/>'
    assert q.GraphSource.from_file(str(ttl)).query(text).kind == "rows"


def test_service_allowed_when_asked(recorder):
    endpoint = recorder(
        json_reply({"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": f"{EX}a"}}]}})
    )
    code, out, err = invoke(
        "query",
        "--endpoint",
        endpoint.url,
        "--allow-service",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    )
    assert code == 0, err
    assert "ex" in out or "example.org" in out
    assert b"SERVICE" in endpoint.requests[0][2]


# --------------------------------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expr", ['REGEX(?o, "(")', 'REGEX(?o, "a", "z")', 'REPLACE(?o, "[", "b") = "x"', "REGEX(STR(?o), '''a(''')"]
)
def test_bad_regex_is_one_line_on_file_and_store(ttl, store, expr):
    text = f"SELECT * WHERE {{ ?s ?p ?o FILTER({expr}) }}"
    errors = []
    for source in (str(ttl), str(store)):
        code, out, err = invoke("query", source, text)
        assert code == 2 and out == "" and err.count("\n") == 1, (source, err)
        assert err.startswith("kg: error: query: bad regular expression")
        errors.append(err)
    assert errors[0] == errors[1]  # the same behaviour on both


def test_good_regex_runs(ttl, store):
    text = 'SELECT ?o WHERE { ?s ?p ?o FILTER(REGEX(?o, "^a1\\\\d$", "i")) }'
    rows = [q.GraphSource.from_file(str(ttl)).query(text).sorted_rows()]
    with st.CorpusStore(store) as s:
        rows.append(s.query(text).sorted_rows())
    assert rows[0] == rows[1] and len(rows[0]) == 10


def test_bad_regex_from_a_variable_is_one_line_on_a_file(ttl):
    code, _out, err = invoke("query", str(ttl), 'SELECT * WHERE { ?s ?p ?o BIND("(" AS ?re) FILTER(REGEX(?o, ?re)) }')
    assert code == 2 and err.startswith("kg: error: query: bad regular expression") and err.count("\n") == 1


# --------------------------------------------------------------------------------------------------
# Time limits
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-1, 0, float("nan"), float("inf")])
def test_timeout_must_be_positive_and_finite(ttl, bad):
    with pytest.raises(KgError, match="timeout"):
        query_timeout(bad)
    code, _out, err = invoke("query", "--timeout", str(bad), str(ttl), "ASK {}")
    assert code == 2 and "timeout" in err and err.count("\n") == 1


@pytest.mark.parametrize("extreme", ["1e300", "1e-300"])
def test_extreme_timeouts_are_kept_in_range(ttl, store, extreme, recorder):
    endpoint = recorder(json_reply({"head": {}, "boolean": True}))
    for source in ([str(ttl)], [str(store)], ["--endpoint", endpoint.url]):
        code, out, err = invoke("query", "--timeout", extreme, *source, "ASK {}")
        # a timer, a socket timeout or a thread wait would overflow (1e300) or never fire (1e-300)
        if code:  # 1e-300 s is a millisecond: too short for some answers
            assert code == 2 and err.startswith("kg: error: ") and err.count("\n") == 1, (source, err)
            assert "0.001 s" in err or "timed out" in err, err
        else:
            assert out == "true\n"


def test_catastrophic_regex_on_a_file_is_stopped(ttl):
    source = q.GraphSource.from_file(str(ttl))
    text = (
        "SELECT * WHERE { ?s ?p ?o "
        'FILTER(REGEX(CONCAT(STR(?o), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"), "(a+)+$")) }'
    )
    with pytest.raises(QueryTimeout, match="stopped after 0.5 s"):
        source.query(text, timeout=0.5)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)  # the handler is put back
    assert source.query("ASK { ?s ?p ?o }", timeout=5).boolean is True  # and the source still works


CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.mark.integration
@pytest.mark.slow
def test_store_query_past_its_timeout_ends_and_frees_the_store(tmp_path):
    store = make_store(tmp_path / "big.store", 300)
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "query", "--timeout", "1", str(store), CROSS],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert (
        proc.stderr == "kg: error: query: stopped after 1 s without an answer (a time limit; raise it, or "
        "narrow the query)\n"
    )
    with st.CorpusStore(store) as s:  # the lock went with the process
        assert s.triple_count() == 301


@pytest.mark.integration
@pytest.mark.slow
def test_ctrl_c_ends_a_store_query(tmp_path):
    store = make_store(tmp_path / "big.store", 300)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "query", "--timeout", "600", str(store), CROSS],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    try:
        time.sleep(3)  # imports, opening the store, into the query
        assert proc.poll() is None
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)  # generous: the query alone would run for hours
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode not in (0, None)
    with st.CorpusStore(store) as s:
        assert s.triple_count() == 301


# --------------------------------------------------------------------------------------------------
# HTTP: whole-request deadline, redirects, bad replies
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix",
    [b"", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"],
    ids=["drip-in-headers", "drip-in-body"],
)
def test_a_slow_drip_is_cut_at_the_timeout(prefix):
    drip = Drip(b"HTTP/1.1 200 OK\r\nX-Slow: " if not prefix else prefix)
    try:
        start = time.monotonic()
        with pytest.raises(KgError, match=r"timed out after 1 s \(the server accepted the connection"):
            http_request("POST", f"{drip.url}/query", b"query=ASK{}", {}, timeout=1)
        assert time.monotonic() - start < 30  # generous: what matters is that it ends at all
        code, _out, err = invoke("query", "--endpoint", drip.url, "--timeout", "1", "ASK {}")
        assert code == 2 and "timed out after 1 s" in err and "cannot reach" not in err
    finally:
        drip.close()


def test_push_is_bounded_by_its_timeout(store):
    drip = Drip(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    try:
        code, _out, err = invoke("push", "--store", str(store), "--endpoint", drip.url, "--timeout", "1")
        assert code == 2 and "timed out after 1 s" in err and err.strip().count("\n") == 0
    finally:
        drip.close()


def test_redirect_to_another_origin_is_not_followed(recorder):
    elsewhere = recorder(json_reply({"head": {"vars": []}, "results": {"bindings": []}}))

    def redirect(h):
        h.send_response(302)
        h.send_header("Location", f"{elsewhere.url}/query")
        h.send_header("Content-Length", "0")
        h.end_headers()

    endpoint = recorder(redirect)
    code, out, err = invoke("query", "--endpoint", endpoint.url, "ASK {}")
    assert code == 2 and out == ""
    assert "redirected to another server" in err and err.count("\n") == 1
    assert elsewhere.requests == []


def test_push_refuses_a_redirect_to_another_origin(store, recorder):
    elsewhere = recorder()

    def redirect(h):
        h.send_response(307)
        h.send_header("Location", f"{elsewhere.url}/store")
        h.send_header("Content-Length", "0")
        h.end_headers()

    code, _out, err = invoke("push", "--store", str(store), "--endpoint", recorder(redirect).url)
    assert code == 2 and "redirected to another server" in err and err.strip().count("\n") == 0
    assert elsewhere.requests == []


def test_redirect_within_the_server_keeps_the_query(recorder):
    def reply(h):
        if h.path.startswith("/old"):
            h.send_response(302)
            h.send_header("Location", "/new")
            h.send_header("Content-Length", "0")
            h.end_headers()
        else:
            json_reply({"head": {}, "boolean": True})(h)

    endpoint = recorder(reply)
    assert q.EndpointSource(f"{endpoint.url}/old").query("ASK {}").boolean is True
    assert [(m, p) for m, p, _ in endpoint.requests] == [("POST", "/old"), ("POST", "/new")]
    assert endpoint.requests[0][2] == endpoint.requests[1][2] != b""


@pytest.mark.parametrize(
    "data",
    [
        [1, 2, 3],
        {"head": {"vars": ["x"]}, "results": {"bindings": [1]}},
        {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": "y"}]}},
        {"head": [], "results": {}},
    ],
)
def test_bad_endpoint_replies_are_one_line(recorder, data):
    endpoint = recorder(json_reply(data))
    code, out, err = invoke("query", "--endpoint", endpoint.url, "SELECT ?x WHERE { ?x ?p ?o }")
    assert code == 2 and out == "" and err.startswith("kg: error: ") and err.count("\n") == 1
    assert "not SPARQL JSON results" in err


@pytest.mark.parametrize("url", ["http://127.0.0.1:80a/query", "http://127.0.0.1/qu\r\nery", "http://a b/"])
def test_bad_endpoint_urls_are_one_line(url):
    code, _out, err = invoke("query", "--endpoint", url, "ASK {}")
    assert code == 2 and err.startswith("kg: error: ") and "URL" in err and err.count("\n") == 1


def test_an_endless_answer_is_not_read_past_the_cap(recorder, monkeypatch):
    import kg.query.httpclient

    monkeypatch.setattr(kg.query.httpclient, "MAX_RESPONSE_BYTES", 3 << 20)

    def endless(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/sparql-results+json")
        h.end_headers()  # no length: the body ends when the connection does, which this one never does
        try:
            while True:
                h.wfile.write(b" " * 65536)
        except OSError:
            pass

    with pytest.raises(KgError, match="answer larger than 3 MB"):
        q.EndpointSource(recorder(endless).url).query("ASK {}")
