"""kg.extraction.noise: injected headlines, ads, page furniture and boilerplate."""

from __future__ import annotations

from kg.extraction.noise import mark_noise, strip_ads, strip_injections
from kg.extraction.text import normalize, split_sentences
from kg.model import Sentence

# The seed article as a user fed it (shared/eval/seed.gold.jsonl): an SEO headline pasted into
# body sentences, an account-selling ad, a disclaimer, the page address and a copy button.
SEED_TEXT = (
    "快手游戏运营编辑:程一晓首次与电商抗争,“尚信”能为快手赢得多少新品?\n"
    "程一晓即将带领团队走向快手最重要的电商推广战场。\n"
    "9月29日,在2022快手电商116商户大会上,快手电商用户运营负责人叶恒解读了商户116期的新业务逻辑,宣布今年的“快手116心购物节”正式开启投资注册,快手将投入之前增持流量的2倍。\n"
    "这是第一个\n"
    "快手电商的公开外部行动,自程一晓亲自领衔电商业务以来,也是程一晓第一次每年亲自参与电商行业最重要的购物节点“双11”。\n"
    "两周前,9月16日,快手宣布成立商业生态委员会,由CEO程一晓担任主席。商业生态委员会委员包括程一晓、刘峰、唐玉玉、汪建伟、小谷、余悦。\n"
    "商业生态委员会的成立是快手将“商业化”提升到与“规模增长”同等重要性的举措。\n"
    "当时,快手告诉钛媒体APP,这标志着快手的战略重点正式从过去追求规模增长的中心,实现规模增长和业务繁荣的两轮驱动,以便在有力提升商业生态的同时,兼顾规模增长的可持续性, 并释放组织信号,表明公司将进一步加强商业生态圈建设,提升商业变现效率。\n"
    "值得注意的是,此次任命的一件大事是,作为商业生态委员会主席,程一晓还兼任电子商务事业部负责人,并表示未来将把更多的时间花在电子商务、商业化、整个快手商业生态的培育上。此前快手电商事业部负责人小谷调任为当地生活事业部负责人,向程一晓汇报工作。\n"
    "这是快手成立以来,首席执行官级角色首次成为电子商务业务的直接负责人。在快手发布今年第二季度报告时,钛传媒APP发现,电商业务已经成为以程一晓为核心的快手管理的重点。\n"
    "为了提升电子商务业务,\n"
    "快手还计划加强电子商务与商业化、直播、本地生活等业务的深度协同快手游戏运营编辑:程一晓首次与电商抗争,“尚信”能为快手赢得多少新品? ,实现生态共荣的商业生态圈设计。\n"
    "然而,快手电子商务面临的压力并不小。除了今年年初以来外部宏观环境带来的整体消费疲软外,快手二季度财报还显示,公司包括电商业务在内的“其他服务”营收为21亿元,仅占9.营收来源的快手8%,上年10.3%的占比小幅下降。与去年同期相比,这一营收的增速7.1%,也落后于其他两大营收来源(网络营销服务和直播)的增速。\n"
    "自去年9月正式启动业务单元改制以来购买快手直播等级号, Media APP观察到快手内部管理和业务组织频繁变化,特别是在商业化方向上。现在,这个新组建的快手电商组织团队面临的第一个重要挑战,就是即将到来的整个电商行业“双11”推进的关键节点。\n"
    "钛媒体APP了解到,今年的快手116购物节周期跨度相当长,从9月28日到11月11日。不过,在投资大会上,程义孝本人并没有一如既往地出现在公开场合,“低调”,而是选择以叶恒为代表,解释今年快手电商“116期”的新商业逻辑。\n"
    "叶恒,快手电子商务用户运营主管\n"
    "“新的用户需求是今年快手116故事情节的起点。叶恒表示,随着快手APP用户规模的不断提升,以及电商买家的渗透率和回购率,快手电商用户的生态呈现出购买力强、订单频繁的特点。然而,快手中的大量内容更喜欢用户的购物需求,以及用户明确的购物需求,以进行探索和满足。\n"
    "“尚信”是下一快手电子商务推出的全新流量策略。\n"
    "叶恒认为,在“公私域流通两轮驱动”的流量策略下,商家必须通过“上新”实现“种草”和新客户,并将这些新客户沉淀成自己专卖店和直播室的粉丝,即“养草”。最终,商家可以通过店铺自播、人才分配、商城展示、用户主动搜索等多种方式完成“拔草”。\n"
    "“对于品牌商家和快速品牌商家来说,这个过程特别有效。这表明继续推出新产品至关重要。叶恒说。\n"
    "该战略是根据快手今年年中616购物节的经验制定的。快手向钛媒体APP提供的一组数据显示快手游戏运营编辑,今年快手616促销期间,一些新托盘占商品70%以上的商家与普通直播室相比,自然流量占比超过100%,新产品的GMV占比超过70%。\n"
    "为了激励更多商家走向新,快手电商宣布推出“快手新产品超级计划”,提出“亲力挑选新产品7位快手号购买,真正用心”的主题,并表示将利用平台资源打造100个GMV突破,以及10000个GMV快手生态新产品。\n"
    "该计划并不要求商家拿出从未出现在市场上的新产品,而是引导商家不断丰富现有订单,继续推出消费者近30天内未购买的产品。\n"
    "针对运营维度的企业快手官方策略是:\n"
    "第一步,商家可以通过人才和短视频为用户完成“新品种草”,并制作新产品购买用户;\n"
    "第二步,通过自营店播送,将粉体引入店内产生回购;\n"
    "第三步是通过搜索、推荐、商城,培养会员心智,完成日常销售和更深层次的回购。\n"
    "从激励特定落地的策略来看,快手电子商务主要采用行业的普遍做法。\n"
    "快手表示,今年投入的增持流量是前一年的2倍;快手APP顶部导航标签将为主会场带来数亿流量;注册参与的商家将获得注册奖励、粉丝增奖、转播奖励等多层次奖励;在全新的互动玩法方面,快手首次为全平台推出“66购物黄金”\n"
    "事实上,不仅是新产品,新商家也在快手价值。此前快手游戏运营编辑:程一晓首次与电商抗争,“尚信”能为快手赢得多少新品? ,程益晓表示,由于疫情在上半年持续重演,不少商家感受到线下运营的压力,探索线上渠道的意愿更强,同时,疫情也加快了其他传统线上商家探索新增长渠道的步伐,这也有助于快手加快新业务的推出。\n"
    "“尚信”在电子商务中并不是一种新玩法\n"
    "行业,但“上新”战略之所以是快手电商的新尝试,是因为长期以来,快手电商都贯彻了“信任电商”的逻辑,依靠在扩大站长大的锚点的“信任”。\n"
    "这一策略的出发点是,快手电商的萌芽是基于“老铁”通过直播和短视频互动形成的自然交易行为,快手重视内容和时间积累的锚点与粉丝之间的强烈信任感,这也是平台社区属性浓厚氛围的体现, 基于此,快手还大力倡导“私域流量”的概念。\n"
    "此前,快手创始人、前CEO苏华告诉钛媒APP,快手还没有正式开通商业化的时候,流量分布相对均匀,交易行为在平台上诞生了。一些种植者会以短视频或直播的形式宣传他们的产品,关注这些内容的用户更有可能有购买意向。\n"
    "这些最初的自发交易行为激发了快手商业化的开始(该平台于2018年正式开放商业化),快手以直播电商的形式为整个电商行业开辟了一条新路。\n"
    "今天,快手电子商务正在鼓励“新产品”和\n"
    "加大新业务的引入,采取所谓的“公私域流通两轮驱动”的基本流量策略,可以说这是一个必须主动寻找新增量的改变,但新事物不断涌入,某种程度上也意味着快手正在挑战以往“熟人在线社区”所营造的信任电子商务氛围。\n"
    "不过快手游戏运营编辑,叶恒在会上也明确表示,“信任”一直是快手电商的基石,似乎并不想彻底打破平台“对电商的信任”的背景。也许可以解释为什么他们选择先去购物节,用一种新的逻辑来尝试做出一些改变。\n"
    "(本文首发于钛传媒APP,作者|李成成)。\n"
    "站内部分内容由互联网用户自发贡献,该文观点仅代表作者本人。本站仅提供信息存储空间服务,不拥有所有权,不承担相关法律责任如发现本站有涉嫌抄袭侵权/违法违规的内容。请联系我们,一经核实立即删除。并对发布账号进行永久封禁处理.\n"
    "本文网址:/show-45-941.html\n"
    "复制"
)


def _pipeline(text: str):
    clean = strip_injections(normalize(text))
    return clean, mark_noise(split_sentences(clean))


# --- the seed article: injected headline, ads, disclaimers -------------------------------------


def test_seed_headline_injection_removed():
    clean, sents = _pipeline(SEED_TEXT)
    real = [s.text for s in sents if not s.noise]
    assert any("快手宣布成立商业生态委员会,由CEO程一晓担任主席" in s for s in real)
    assert not any("游戏运营编辑" in s for s in real)
    assert "游戏运营编辑" not in clean
    # the sentences the headline was pasted into survive, glued back together
    assert any(
        "快手还计划加强电子商务与商业化、直播、本地生活等业务的深度协同,实现生态共荣的商业生态圈设计。" in s
        for s in real
    )
    assert any(s.startswith("此前,程益晓表示,由于疫情在上半年持续重演") for s in real)
    assert clean.startswith("程一晓即将带领团队走向快手最重要的电商推广战场。")


def test_seed_ad_cut_from_a_real_sentence():
    clean, sents = _pipeline(SEED_TEXT)
    assert "等级号" not in clean
    hits = [s.text for s in sents if "Media APP观察到快手内部管理和业务组织频繁变化" in s.text]
    assert len(hits) == 1 and hits[0].startswith("自去年9月正式启动业务单元改制以来")
    assert not any(s.noise for s in sents if s.text == hits[0])


def test_seed_furniture_and_disclaimers():
    clean, sents = _pipeline(SEED_TEXT)
    assert "本文网址" not in clean and "\n复制" not in clean and not clean.endswith("复制")
    noise = [s.text for s in sents if s.noise]
    assert any("本站仅提供信息存储空间服务" in s for s in noise)
    assert any("一经核实立即删除" in s for s in noise)
    assert any("永久封禁" in s for s in noise)
    assert any(s.startswith("(本文首发于") for s in noise)
    # the people and companies of the article are untouched
    real = [s.text for s in sents if not s.noise]
    assert any("此前快手电商事业部负责人小谷调任为当地生活事业部负责人,向程一晓汇报工作。" in s for s in real)
    assert any(s.startswith("此前,快手创始人、前CEO苏华告诉钛媒APP") for s in real)


def test_offsets_refer_to_the_stripped_text():
    clean, sents = _pipeline(SEED_TEXT)
    for s in sents:
        assert clean[s.start : s.end] == s.text


def test_strip_injections_is_stable():
    once = strip_injections(normalize(SEED_TEXT))
    assert strip_injections(once) == once


# --- injections in other articles (rules, not strings) ------------------------------------------

HEADLINE = "招聘网新媒体编辑:张伟出任星河科技CEO,李娜卸任?"


def test_other_spam_headline_removed():
    text = (
        HEADLINE + "\n"
        "星河科技今日宣布组织调整,张伟出任公司CEO" + HEADLINE + " ,全面负责公司业务。\n"
        "原CEO李娜卸任后将担任公司顾问,据悉招聘网新媒体编辑,她将专注公益事业。\n"
        "此外" + HEADLINE + "公司成立了云计算事业部,由王强负责,向张伟汇报。\n"
        "董事会表示感谢。接近公司的人士透露招聘网新媒体编辑,这一调整酝酿已久。"
    )
    clean, sents = _pipeline(text)
    assert "招聘网新媒体编辑" not in clean
    assert "星河科技今日宣布组织调整,张伟出任公司CEO,全面负责公司业务。" in clean
    assert "公司成立了云计算事业部,由王强负责,向张伟汇报。" in clean
    assert any(s.text == "原CEO李娜卸任后将担任公司顾问,据悉,她将专注公益事业。" for s in sents)


def test_lede_restating_the_headline_is_kept():
    text = "阿里巴巴成立六大业务集团\n今年3月阿里巴巴成立六大业务集团后,蒋凡出任国际数字商业集团CEO。"
    assert strip_injections(normalize(text)) == normalize(text)


def test_quoted_reference_to_the_title_is_kept():
    text = (
        "关于选举公司董事长的议案公告\n"
        "董事会审议通过了《关于选举公司董事长的议案公告》,选举曾从钦先生为董事长。\n"
        "详见“关于选举公司董事长的议案公告”。"
    )
    assert strip_injections(text) == text


def test_repeated_line_inside_other_lines_removed():
    spam = "点击下载官方客户端领取新人礼包"
    text = (
        "网易宣布成立雷火事业群。\n" + spam + "\n"
        "胡志鹏担任负责人" + spam + ",向丁磊汇报。\n"
        "网易有道由周枫负责" + spam + "。"
    )
    clean = strip_injections(text)
    assert spam not in clean
    assert "胡志鹏担任负责人,向丁磊汇报。" in clean and "网易有道由周枫负责。" in clean


# --- ads ----------------------------------------------------------------------------------------


def test_ad_line_removed_neighbours_kept():
    text = (
        "网易近日宣布组织调整,成立雷火事业群,由网易高级副总裁胡志鹏担任负责人。\n"
        "网易游戏官方账号出售 低价代练 加微信咨询\n"
        "胡志鹏与周枫均向网易创始人、CEO丁磊汇报。"
    )
    clean = strip_injections(normalize(text))
    assert clean == (
        "网易近日宣布组织调整,成立雷火事业群,由网易高级副总裁胡志鹏担任负责人。\n"
        "胡志鹏与周枫均向网易创始人、CEO丁磊汇报。"
    )


def test_ad_line_inside_a_wrapped_sentence_is_removed_and_the_sentence_rejoined():
    text = (
        "吴泳铭还将继续担任淘天集团董事长。\n"
        "张勇此前在致员工的\n"
        "【热门推荐】云服务器限时特惠,新用户首年仅需99元,立即抢购>>>\n"
        '信中写道:"做好交接,是我的最后一项工作。"'
    )
    clean = strip_injections(normalize(text))
    assert clean == '吴泳铭还将继续担任淘天集团董事长。\n张勇此前在致员工的信中写道:"做好交接,是我的最后一项工作。"'


def test_ad_fragments_cut_mid_sentence():
    text = "美团宣布成立优选事业部加微信咨询,由陈亮负责低价代练,直接向王兴汇报。"
    assert strip_ads(text) == "美团宣布成立优选事业部,由陈亮负责,直接向王兴汇报。"


def test_mentions_of_accounts_and_buying_are_not_ads():
    text = "该计划引导消费者购买新产品,并对发布账号进行审核;用户可在微信中咨询客服。"
    assert strip_ads(text) == text


# --- mark_noise ---------------------------------------------------------------------------------


def _sents(*texts):
    out, pos = [], 0
    for i, t in enumerate(texts):
        out.append(Sentence(i, pos, pos + len(t), t))
        pos += len(t) + 1
    return out


def test_mark_noise_bylines_and_sources():
    sents = _sents(
        "记者 王磊",
        "记者:独立成为业务板块后,火山引擎有哪些变化?",
        "责任编辑:张三",
        "来源:钛媒体",
        "京东集团CEO徐雷卸任,许冉接任CEO。",
        "转载请注明出处。",
    )
    marked = mark_noise(sents)
    assert [s.noise for s in marked] == [True, False, True, True, False, True]
    assert [(s.index, s.start, s.end, s.text) for s in marked] == [(s.index, s.start, s.end, s.text) for s in sents]
    assert all(not s.noise for s in sents)  # the input is not changed


def test_mark_noise_whole_disclaimer_paragraph():
    text = "程一晓担任主席。\n站内部分内容由用户贡献。本站仅提供信息存储空间服务。请大家理解。\n小谷向程一晓汇报。"
    marked = mark_noise(split_sentences(text), text)
    assert [s.noise for s in marked] == [False, True, True, True, False]
    # without the text, adjacent sentences count as one line
    assert [s.noise for s in mark_noise(split_sentences(text))] == [False, True, True, True, False]


def test_mark_noise_never_for_names_alone():
    sents = _sents(
        "快手宣布成立商业生态委员会,由CEO程一晓担任主席。",
        "小谷调任为当地生活事业部负责人。",
        "叶恒,快手电子商务用户运营主管",
    )
    assert not any(s.noise for s in mark_noise(sents))
