"""kg.extraction.text: reading files, normalizing text, splitting sentences."""

from __future__ import annotations

import io
import os
import struct
import sys
import time
import zlib

import pytest
from hypothesis import given, settings, strategies as st

from kg.errors import KgError
from kg.extraction.text import normalize, read_text, split_sentences

SAMPLE = "快手宣布成立商业生态委员会,由CEO程一晓担任主席。\n委员包括程一晓、刘峰等 6 人。"


def _write(tmp_path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


# --- read_text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,data",
    [
        ("utf8.txt", SAMPLE.encode("utf-8")),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + SAMPLE.encode("utf-8")),
        ("gbk.txt", SAMPLE.encode("gbk")),
        ("gb18030.txt", SAMPLE.encode("gb18030")),
        ("utf16.txt", SAMPLE.encode("utf-16")),  # with BOM
        ("utf16be-bom.txt", b"\xfe\xff" + SAMPLE.encode("utf-16-be")),
        ("utf16le-nobom.txt", SAMPLE.encode("utf-16-le")),
        ("utf16be-nobom.txt", SAMPLE.encode("utf-16-be")),
    ],
)
def test_read_text_decodes_every_supported_encoding(tmp_path, name, data):
    assert read_text(_write(tmp_path, name, data)) == SAMPLE


def test_read_text_gb18030_beyond_gbk(tmp_path):
    text = "欧元符号€与扩展汉字𠀀也能读出。"
    data = text.encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert read_text(_write(tmp_path, "gb18030.txt", data)) == text


def test_read_text_strips_the_bom(tmp_path):
    text = read_text(_write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + "公告".encode()))
    assert text == "公告" and not text.startswith("\ufeff")


def test_read_text_empty_file(tmp_path):
    assert read_text(_write(tmp_path, "empty.txt", b"")) == ""


def test_read_text_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SAMPLE.encode("gbk"))))
    assert read_text("-") == SAMPLE


def test_read_text_damaged_utf8_is_not_read_as_gb18030(tmp_path):
    data = (SAMPLE * 5).encode("utf-8") + b"\xff"
    text = read_text(_write(tmp_path, "damaged.txt", data))
    assert text.startswith(SAMPLE) and text.endswith("\ufffd")


def _png() -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + ihdr
        + b"\x00\x00\x00\x00"
        + zlib.compress(b"\x00\xff\x00\x00" * 64)
        + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def test_read_text_rejects_png(tmp_path):
    path = _write(tmp_path, "logo.png", _png())
    with pytest.raises(KgError) as exc:
        read_text(path)
    msg = str(exc.value)
    assert path in msg and "not a text file" in msg and "\n" not in msg


def test_read_text_rejects_control_characters(tmp_path):
    path = _write(tmp_path, "ctrl.bin", bytes(range(1, 32)) * 20)
    with pytest.raises(KgError, match="not a text file .*control"):
        read_text(path)


def test_read_text_rejects_random_bytes(tmp_path):
    import random

    rnd = random.Random(7)
    for k in range(20):
        path = _write(tmp_path, f"r{k}.bin", bytes(rnd.randrange(256) for _ in range(2000)))
        with pytest.raises(KgError, match="not a text file"):
            read_text(path)


def test_read_text_missing_file(tmp_path):
    path = str(tmp_path / "nope.txt")
    with pytest.raises(KgError, match="no such file") as exc:
        read_text(path)
    assert str(exc.value).startswith(path)


def test_read_text_directory(tmp_path):
    with pytest.raises(KgError, match="is a directory") as exc:
        read_text(str(tmp_path))
    assert str(tmp_path) in str(exc.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_read_text_unreadable(tmp_path):
    path = _write(tmp_path, "secret.txt", b"x")
    os.chmod(path, 0)
    with pytest.raises(KgError, match="permission denied") as exc:
        read_text(path)
    assert path in str(exc.value)


# --- normalize -------------------------------------------------------------------------------


def test_normalize_width():
    assert normalize("ＣＥＯ程一晓（Ｃｈｅｎｇ）：１２３，好！？；") == "CEO程一晓(Cheng):123,好!?;"


def test_normalize_keeps_chinese_marks():
    text = "他说:“《公告》、通知。”"
    assert normalize(text) == text


def test_normalize_drops_invisible_and_control_characters():
    assert normalize("\ufeff快\u200b手\u200d宣\x07布\u00ad。") == "快手宣布。"


def test_normalize_spaces_and_line_endings():
    assert (
        normalize("  快手  宣布\u3000\u3000成立。\r\n\r\n\r\n\r\n程一晓\t担任主席。\r")
        == "快手 宣布 成立。\n\n程一晓 担任主席。"
    )


def test_normalize_joins_a_hard_wrapped_sentence():
    text = (
        "程一晓即将带领团队走向战场。\n这是第一个\n快手电商的公开外部行动,自程一晓亲自领衔电商业务以来,\n也是第一次。"
    )
    assert (
        normalize(text)
        == "程一晓即将带领团队走向战场。\n这是第一个快手电商的公开外部行动,自程一晓亲自领衔电商业务以来,也是第一次。"
    )


def test_normalize_joins_latin_words_with_a_space():
    assert (
        normalize("正文第一句。任命凯文·梅耶尔(Kevin\nMayer)为首席运营官。")
        == "正文第一句。任命凯文·梅耶尔(Kevin Mayer)为首席运营官。"
    )


def test_normalize_keeps_headline_salutation_and_list():
    text = (
        "字节跳动成立AI新部门Flow,多位技术高管职务调整\n"
        "据知情人士透露,字节跳动上周五宣布调整。以下为内部信主要内容:\n"
        "各位同事:\n"
        "主要变化如下\n"
        "- 成立AI创新业务部门Flow\n"
        "- 朱文佳调任大模型团队负责人。\n"
        "一鸣\n"
        "2020年3月12日"
    )
    assert normalize(text) == text


def test_normalize_keeps_announcement_header():
    text = (
        "证券代码:601988 证券简称:中国银行 公告编号:临2023-012\n"
        "中国银行股份有限公司\n"
        "关于董事长辞任及选举董事长的公告\n"
        "本行董事会于2023年3月15日收到董事长刘连舸先生的书面辞职报告。"
    )
    assert normalize(text) == text


def test_normalize_line_starting_with_closing_punctuation_joins_back():
    assert normalize("他表示:“信任是基石。\n”随后离开。") == "他表示:“信任是基石。”随后离开。"


def test_normalize_joins_text_wrapped_at_a_fixed_width():
    para = (
        "宜宾五粮液股份有限公司董事会于2021年3月29日收到董事长李曙光先生的书面辞职报告。李曙光先生因到龄退休,"
        "申请辞去公司第六届董事会董事长、董事及董事会战略委员会主任委员职务,辞职后不再担任公司任何职务。"
        "公司于2021年3月30日召开第六届董事会第十次会议,审议通过了《关于选举公司董事长的议案》,"
        "选举曾从钦先生为公司第六届董事会董事长。"
    )
    wrapped = "\n".join(para[i : i + 28] for i in range(0, len(para), 28))
    assert (
        normalize("关于公司董事长辞职及选举董事长的公告\n" + wrapped) == "关于公司董事长辞职及选举董事长的公告\n" + para
    )


def test_normalize_is_idempotent_on_examples():
    texts = [
        "快手游戏运营编辑:程一晓首次与电商抗争?\n这是第一个\n快手电商的行动。\n为了提升电子商务业务,\n快手还计划加强协同。",
        '【专访】火山引擎总裁谭待:做ToB要有长期主义\n记者 王磊\n上月2日,字节跳动发布全员邮件。\n记者:有哪些变化?\n谭待:"决策链条更短了。"',
        "ＡＢＣ\n\n\n  \n１２３，\n４５６。”\n",
    ]
    for t in texts:
        once = normalize(t)
        assert normalize(once) == once


_ALPHABET = st.sampled_from(
    list('快手宣布成立委员会程一晓主席的和,，。.!?！？;；:：“”"()（）【】…\n\n \u3000\u200bAb1１-—、《》各位同事年月日')
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_normalize_idempotent_property(text):
    once = normalize(text)
    assert normalize(once) == once
    assert "\r" not in once and "  " not in once and "\u200b" not in once


# --- split_sentences -------------------------------------------------------------------------


def test_split_sentences_offsets_and_punctuation():
    text = "9月16日,快手宣布成立商业生态委员会,由CEO程一晓担任主席。委员包括刘峰;小谷!真的吗?\n\n  第二段\n"
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "9月16日,快手宣布成立商业生态委员会,由CEO程一晓担任主席。",
        "委员包括刘峰;",
        "小谷!",
        "真的吗?",
        "第二段",
    ]
    for i, s in enumerate(sents):
        assert s.index == i and text[s.start : s.end] == s.text and not s.noise


def test_split_sentences_keeps_closing_quotes():
    text = '张勇在信中写道:"做好交接,是我的最后一项工作。"此外,集团将设立基金。他说:“信任是基石!”随后离开。'
    assert [s.text for s in split_sentences(text)] == [
        '张勇在信中写道:"做好交接,是我的最后一项工作。"',
        "此外,集团将设立基金。",
        "他说:“信任是基石!”",
        "随后离开。",
    ]


def test_split_sentences_straight_quote_that_opens():
    text = '王慧文将退休。"老王是我最好的战友。"王兴写道。'
    assert [s.text for s in split_sentences(text)] == ["王慧文将退休。", '"老王是我最好的战友。"', "王兴写道。"]


def test_split_sentences_ellipsis_and_urls():
    text = "他说:事情还没完……\n详见 https://x.com/a?id=1&b=2 的公告。结束"
    assert [s.text for s in split_sentences(text)] == [
        "他说:事情还没完……",
        "详见 https://x.com/a?id=1&b=2 的公告。",
        "结束",
    ]


def test_split_sentences_skips_empty_pieces():
    assert split_sentences("") == []
    assert split_sentences("\n\n 。。\n") == []


def test_split_sentences_offsets_on_normalized_text():
    text = normalize("快手宣布成立商业生态委员会，由CEO程一晓担任主席。\n这是第一个\n快手电商的公开外部行动。")
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text == s.text.strip()


# --- speed -----------------------------------------------------------------------------------


def test_long_single_line_is_fast():
    from kg.extraction.noise import mark_noise, strip_injections

    unit = "快手宣布成立商业生态委员会,由CEO程一晓担任主席,购买快手直播等级号 “新品”(Ｔｅｓｔ)……"
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    t0 = time.perf_counter()
    clean = strip_injections(normalize(text))
    mark_noise(split_sentences(clean))
    assert time.perf_counter() - t0 < 1.0
    assert len(clean) > 50_000


def test_an_indented_line_begins_a_paragraph():
    text = "3、董事会专门委员会:\n\u3000\u3000审计委员会\u3000\u3000符承宇(召集人)、柏静怡\n\u3000\u3000提名委员会\u3000\u3000段一鸣(召集人)、韩立峰\n"
    out = normalize(text)
    assert "审计委员会 符承宇(召集人)、柏静怡" in out.splitlines()
    assert "提名委员会 段一鸣(召集人)、韩立峰" in out.splitlines()
    assert normalize(out) == out


def test_a_pasted_table_with_tabs_becomes_table_rows():
    out = normalize("品牌\t负责人\t汇报对象\n栖云\t冯书宁\t濮存义\n程一晓\t担任主席。")
    assert out.splitlines() == ["品牌 | 负责人 | 汇报对象", "栖云 | 冯书宁 | 濮存义", "程一晓 担任主席。"]
    assert normalize(out) == out
