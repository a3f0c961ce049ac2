"""kg segments with a jieba tokenizer of its own: jieba's global one (and its logger) stay as they were."""

import subprocess
import sys
import textwrap
from itertools import accumulate

import jieba

from kg.extraction import segment
from kg.extraction.resources import default_resources

from conftest import ROOT, subprocess_env

CHECK = textwrap.dedent("""
    import hashlib, logging, sys
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    jieba.setLogLevel(logging.DEBUG)
    def state():
        words = sorted(jieba.dt.FREQ.items())
        return len(words), hashlib.sha256(repr(words).encode()).hexdigest(), jieba.dt.total
    before = state()
    seg_before = jieba.lcut("快手宣布成立商业生态委员会,由CEO程一晓担任主席。")
    import kg
    doc = kg.extract(open(sys.argv[1], encoding="utf-8").read())
    assert doc.facts, "the seed article has facts"
    after = state()
    assert after == before, (before, after)
    assert jieba.lcut("快手宣布成立商业生态委员会,由CEO程一晓担任主席。") == seg_before
    assert jieba.default_logger.level == logging.DEBUG, jieba.default_logger.level
    print("ok", after[0], after[2])
""")


def test_jieba_global_tokenizer_untouched_by_extraction():
    seed = ROOT / "examples" / "kuaishou-2022-09.txt"
    out = subprocess.run(
        [sys.executable, "-c", CHECK, str(seed)], capture_output=True, text=True, env=subprocess_env(), cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok ")
    # kg's own initialize is quiet
    assert "Building prefix dict" not in out.stderr


def test_own_tokenizer_knows_kg_words(seed_doc):
    segmenter = default_resources().segmenter
    tk = segmenter.tokenizer
    assert tk is not jieba.dt
    assert segmenter.tokenizer is tk  # built once
    assert "商业生态委员会" not in jieba.dt.FREQ
    assert "首席执行官" in tk.FREQ


def test_word_tag_reads_the_dictionary():
    assert segment.word_tag("同时") is not None
    assert segment.is_common_word("同时")
    assert segment.word_tag("程一晓") is None


def test_cuts_are_jieba_word_for_word():
    """kg's one-pass segmentations are jieba's lcut, with and without the HMM: every window of every dev
    sentence, and text mixing Latin letters, digits, spaces, line breaks and punctuation."""
    import json
    import random

    tk = default_resources().segmenter.tokenizer
    texts = [json.loads(line)["text"] for line in (ROOT / "tests" / "data" / "dev.gold.jsonl").open(encoding="utf-8")]
    windows = [t[i : i + n] for t in texts for i in range(0, len(t), 7) for n in (3, 6, 12)]
    rng = random.Random(7)
    mixed = "程一晓任总裁 \n\r\t\r\nabcAB12+#&._%-,。(（)）集团公司有限责任部门"
    windows += ["".join(rng.choice(mixed) for _ in range(rng.randrange(0, 16))) for _ in range(2000)]
    windows += texts
    for w in windows:
        assert list(segment.cut_without_hmm(tk, w)) == tk.lcut(w, HMM=False), w
        assert list(segment.cut_with_hmm(tk, w)) == tk.lcut(w, HMM=True), w
        assert segment.first_token_with_hmm(tk, w) == (tk.lcut(w, HMM=True) or [""])[0], w


def test_cuts_at_only_where_jieba_cuts():
    """Where :meth:`Segmenter.cuts_at` says jieba cuts, it cuts, in every window over the place, and the words
    after it are those of the window that begins there: each place of the dev texts and of text mixing Latin
    letters, digits, line breaks and punctuation."""
    import json
    import random

    segmenter = default_resources().segmenter
    tk = segmenter.tokenizer
    texts = [json.loads(line)["text"] for line in (ROOT / "tests" / "data" / "dev.gold.jsonl").open(encoding="utf-8")]
    rng = random.Random(11)
    mixed = "程一晓任总裁 \n\r\t\r\nabcAB12+#&._%-,。(（)）集团公司有限责任部门"
    texts += ["".join(rng.choice(mixed) for _ in range(rng.randrange(0, 16))) for _ in range(300)]
    said = 0
    for text in texts:
        for pos in range(1, len(text)):
            for lo in range(max(0, pos - 4), pos):
                if not segmenter.cuts_at(text, pos, lo):
                    continue
                said += 1
                for hi in range(pos + 1, min(len(text), pos + 4) + 1):
                    words = segment.cut_without_hmm(tk, text[lo:hi])
                    ends = list(accumulate(len(t) for t in words))
                    assert pos - lo in ends, (text[lo:hi], pos - lo)
                    # and the words after the cut are those of the window that begins there
                    assert words[ends.index(pos - lo) + 1 :] == segment.cut_without_hmm(tk, text[pos:hi]), text[lo:hi]
    assert said > 1000
