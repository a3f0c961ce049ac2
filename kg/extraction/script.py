"""Traditional Chinese: read in Simplified, written back in the script of the text.

The lexicons, rules and the model are Simplified. A Traditional article (HK/TW) is converted for
analysis with OpenCC, character for character so that every offset still points into the text as
written; labels are then given in the text's own script with the Simplified form beside them, and
IRIs are minted from the Simplified form (陳/陈 are one person).

The converter is loaded once per process and kept there, not in the pipeline's resources: OpenCC's
fixed table of characters, which no lexicon changes.

>>> to_simplified("滙豐控股行政總裁陳家豪辭任")
'汇丰控股行政总裁陈家豪辞任'
>>> to_simplified("汇丰控股行政总裁陈家豪辞任") is None
True
"""

from __future__ import annotations

import re
from functools import cache
from operator import ne

# a text is Traditional when this share of its Chinese characters changes under conversion
# (Simplified text has almost none that do; a Traditional one has one in four or five)
TRADITIONAL_SHARE = 0.04
MIN_CHANGED = 3
_CJK_RUN = re.compile("[\u4e00-\u9fff]+")


@cache
def _converter():
    import opencc  # noqa: PLC0415 - only Traditional texts need it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str | None:
    """``text`` in Simplified characters, the same length, when it is written in Traditional; else None."""
    cjk = sum(map(len, _CJK_RUN.findall(text)))  # runs, not characters: a Python loop per character is slow
    if cjk < MIN_CHANGED:
        return None
    cc = _converter()
    converted = cc.convert(text)
    if converted == text:  # a Simplified text, most often
        return None
    if len(converted) != len(text):  # a phrase rule changed a length: convert character by character
        converted = "".join(c if len(c := cc.convert(ch)) == 1 else ch for ch in text)
    changed = sum(map(ne, text, converted))
    if changed < MIN_CHANGED or changed < TRADITIONAL_SHARE * cjk:
        return None
    return converted
