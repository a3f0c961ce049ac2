"""Entity expansion in RDF/XML (issue 15 item 7): a billion-laughs file fails at once with one line, exit 2,
in every RDF/XML reader (files, endpoint replies); namespace entities, as ontology tools write them, still work."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from kg import query as q
from kg.cli import main
from kg.errors import KgError
from kg.rdf.rdfxml import check_entities
from kg.rdf.validate import load_graph

HEAD = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'


def laughs(levels: int) -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "' + f"&{'lol' if i == 1 else f'lol{i - 1}'};" * 10 + '">' for i in range(1, levels + 1)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        + "\n".join(entities)
        + "]>\n"
        + HEAD
        + f'<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol{levels};</ex:p></rdf:Description>\n'
        "</rdf:RDF>\n"
    )


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("levels", [5, 7, 9])
def test_billion_laughs_is_refused_at_once(tmp_path, levels):
    path = tmp_path / "laughs.rdf"
    path.write_text(laughs(levels), encoding="utf-8")
    assert path.stat().st_size < 1000
    for command in ("validate", "query"):
        args = [command, str(path)] + (["ASK {}"] if command == "query" else [])
        code, out, err = invoke(*args)
        assert code == 2 and out == "", command
        assert err.startswith(f"kg: error: {path}: not valid RDF/XML: its entities expand too much")
        assert err.count("\n") == 1


def test_one_big_entity_used_many_times_is_refused(tmp_path):
    path = tmp_path / "quadratic.rdf"
    body = "".join(
        f'<rdf:Description rdf:about="http://example.org/a{i}"><ex:p>&big;</ex:p></rdf:Description>\n'
        for i in range(200)
    )
    path.write_text(
        '<!DOCTYPE rdf:RDF [<!ENTITY big "' + "x" * 100_000 + '">]>\n' + HEAD + body + "</rdf:RDF>\n", encoding="utf-8"
    )
    with pytest.raises(KgError, match="expand too much"):
        load_graph(path)


def test_namespace_entities_still_read(tmp_path):
    path = tmp_path / "onto.rdf"
    body = "".join(
        f'<rdf:Description rdf:about="&ex;a{i}"><ex:p rdf:datatype="&xsd;integer">{i}</ex:p></rdf:Description>\n'
        for i in range(2000)
    )
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">\n'
        '<!ENTITY ex "http://example.org/">\n]>\n' + HEAD + body + "</rdf:RDF>\n",
        encoding="utf-8",
    )
    assert len(load_graph(path)) == 2000


def test_a_deep_chain_is_worked_out_without_recursion():
    entities = ['<!ENTITY e0 "x">'] + [f'<!ENTITY e{i} "&e{i - 1};">' for i in range(1, 20_000)]
    doc = "<!DOCTYPE r [" + "".join(entities) + "]><r>&e19999;</r>"
    with pytest.raises(KgError, match="expand too much"):
        check_entities(doc, "deep.rdf")
    check_entities(doc.replace("<r>&e19999;</r>", "<r>&e9000;</r>"), "deep.rdf")  # 9,000 nested: allowed


def test_endpoint_reply_in_rdf_xml_is_guarded():
    bomb = laughs(8).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "application/rdf+xml")
            self.send_header("Content-Length", str(len(bomb)))
            self.end_headers()
            self.wfile.write(bomb)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(KgError, match="response: not valid RDF/XML: its entities expand too much"):
            q.EndpointSource(f"http://127.0.0.1:{server.server_address[1]}").query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
            )
    finally:
        server.shutdown()
        server.server_close()
