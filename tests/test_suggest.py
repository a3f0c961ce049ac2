"""A name that matches nobody (issue 14 item 7): "no person named X", the closest labels, exit 2, on a file
and on a store; a known name with no rows is still an empty table."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import store as st
from kg.cli import main

TTL = """@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix ex: <http://example.org/> .
ex:a a foaf:Person ; foaf:name "程一晓" . ex:b a foaf:Person ; foaf:name "程益晓" .
ex:c a foaf:Person ; foaf:name "张勇" . ex:k a org:FormalOrganization ; skos:prefLabel "快手" .
"""


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("names")
    ttl = folder / "k.ttl"
    ttl.write_text(TTL, encoding="utf-8")
    import rdflib

    nt = rdflib.Graph().parse(data=TTL, format="turtle").serialize(format="nt")
    with st.CorpusStore(folder / "k.store", create=True) as store:
        store.add([("0123456789abcdef", nt)])
    return [str(ttl), str(Path(folder / "k.store"))]


def test_unknown_person_gets_suggestions(sources):
    for source in sources:
        code, out, err = invoke("query", source, "-n", "posts-of", "-p", "person=程一晓x")
        assert code == 2 and out == ""
        assert err == f'kg: error: no person named "程一晓x" in {source}; did you mean 程一晓, 程益晓?\n'


def test_unknown_organization_and_no_suggestion(sources):
    code, _out, err = invoke("query", sources[0], "-n", "heads-of", "-p", "org=快")
    assert code == 2 and err.startswith('kg: error: no organization named "快" in') and "did you mean 快手?" in err
    code, _out, err = invoke("query", sources[1], "-n", "members-of", "-p", "org=zzzz")
    assert code == 2 and err == f'kg: error: no organization named "zzzz" in {sources[1]}\n'
    code, _out, err = invoke("conflicts", sources[1], "--within", "zzzz")
    assert code == 2 and "no organization named" in err


def test_known_name_without_rows_is_an_empty_table(sources):
    for source in sources:
        code, out, err = invoke("query", source, "-n", "posts-of", "-p", "person=张勇", "--format", "csv")
        assert code == 0 and err == "" and out.count("\n") == 1  # the header line only
