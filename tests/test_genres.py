"""Every genre of org-change writing (issue 11): announcements, memos, media, Traditional Chinese,
reorganizations. The sentences are made up for these tests, one per construction; the gold files
(tests/data/dev-genres.gold.jsonl) are scored by test_evaluate.py."""

import json
from pathlib import Path

import pytest
from rdflib import Namespace
from rdflib.namespace import RDF, SKOS

import kg
from kg.extraction.lexicon import load

DATA = Path(__file__).parent / "data"
ORG = Namespace("http://www.w3.org/ns/org#")


def facts(text: str, date: str = "2023-05-01") -> set[tuple]:
    """(kind, subject label, object label, role id, status) of every fact the text yields."""
    doc = kg.extract(text, date=date)
    out = set()
    for f in doc.facts:
        obj = doc.entities[f.object].label if f.object in doc.entities else None
        out.add((f.kind, doc.entities[f.subject].label, obj, f.role, f.status))
    return out


def persons(text: str) -> set[str]:
    """The names of the people the text yields."""
    return {e.name for e in kg.extract(text).entities.values() if e.kind == "person"}


def post(person, org, role, status="current"):
    return ("post", person, org, role, status)


# -- announcements (公告) ----------------------------------------------------------------------

ANNOUNCEMENT = (
    '江苏华泰科技股份有限公司(以下简称"公司")董事会于近日收到董事长高国和先生的书面辞职报告。'
    "高国和先生因个人原因申请辞去公司董事长及董事会战略委员会主任委员职务,辞职后仍担任公司董事。\n"
    "公司副总经理李明先生因工作调整辞去公司副总经理职务,辞职后不再担任公司任何职务。\n"
    "同意选举张伟先生为公司第四届董事会董事长。\n"
    "审计委员会:顾文华(主任委员)、周明、沈慧;\n"
    "公司总经理:何文斌;\n"
)


@pytest.fixture(scope="module")
def announcement():
    return facts(ANNOUNCEMENT)


def test_a_name_ends_where_a_form_of_address_begins(announcement):
    company = "江苏华泰科技股份有限公司"
    assert post("高国和", company, "chairman", "former") in announcement


def test_posts_kept_after_resigning_others(announcement):
    assert post("高国和", company := "江苏华泰科技股份有限公司", "director") in announcement
    assert post("高国和", "战略委员会", "committee-chair", "former") in announcement
    assert post("李明", company, "deputy-general-manager", "former") in announcement


def test_the_board_is_the_company(announcement):
    """ "公司第四届董事会董事长" is the company's chairman; no organization is named 董事会."""
    assert post("张伟", "江苏华泰科技股份有限公司", "chairman") in announcement
    assert not any("董事会" in (f[2] or "") for f in announcement)


def test_committee_roster(announcement):
    assert post("顾文华", "审计委员会", "committee-chair") in announcement
    assert ("memberOf", "周明", "审计委员会", None, "current") in announcement
    assert post("沈慧", "审计委员会", "member") in announcement
    assert ("unitOf", "审计委员会", "江苏华泰科技股份有限公司", None, "current") in announcement


def test_title_colon_name_line(announcement):
    assert post("何文斌", "江苏华泰科技股份有限公司", "general-manager") in announcement


def test_a_list_of_names_shares_its_verb():
    out = facts("星河集团公告:张华、李强、王芳当选副董事长。")
    for name in ("张华", "李强", "王芳"):
        assert post(name, "星河集团", "vice-chairman") in out


def test_founders_and_ages():
    out = facts("腾飞集团由王建林于1998年创办。王建林,腾飞集团的创始人,今年52岁。")
    assert post("王建林", "腾飞集团", "founder") in out
    doc = kg.extract("王建林,腾飞集团的创始人,今年52岁。", date="2023-05-01")
    assert all(f.date != "2023" for f in doc.facts)  # an age is no date


def test_a_subsidiary_belongs_to_its_parent_and_holds_the_post():
    out = facts("青松环保股份有限公司公告:王刚辞去公司副总经理职务,辞职后担任公司全资子公司青松水务有限公司执行董事。")
    assert ("unitOf", "青松水务有限公司", "青松环保股份有限公司", None, "current") in out
    assert post("王刚", "青松水务有限公司", "executive-director") in out
    assert not any(f[1] == "全资子公司" or f[2] == "全资子公司" for f in out)


def test_a_bare_year_in_the_background_does_not_date_a_later_change():
    doc = kg.extract("星曜机器人由陈思源于2015年创办。星曜机器人宣布成立具身智能研究院。", date="2024-05-21")
    events = {doc.entities[f.subject].name: f.date for f in doc.facts if f.kind == "established"}
    assert events == {"星曜机器人": "2015", "具身智能研究院": "2024-05-21"}


def test_a_hand_over_verb_is_no_name():
    out = facts("声科电子CEO交棒 创始人陶建平专任董事长")
    assert not any(f[1] == "交棒" for f in out)


def test_a_measure_word_jieba_splits_off_stays_in_the_name():
    out = facts("泰和人寿完成了任命:原个险事业部总经理戚文琴升任副总经理。")
    assert post("戚文琴", "个险事业部", "general-manager", "former") in out
    assert post("戚文琴", "泰和人寿", "deputy-general-manager") in out


def test_title_lines_with_two_titles_and_a_list_ending_the_line():
    text = (
        "青松环保股份有限公司聘任以下人员为公司高级管理人员:\n"
        "常务副总经理兼董事会秘书:吕思远\n副总经理:韩立新、包卫国\n"
    )
    out = facts(text)
    assert post("吕思远", "青松环保股份有限公司", "board-secretary") in out
    assert post("吕思远", "青松环保股份有限公司", "deputy-general-manager") in out
    assert post("包卫国", "青松环保股份有限公司", "deputy-general-manager") in out


def test_a_surname_that_is_also_a_preposition_before_a_form_of_address():
    out = facts("青松环保股份有限公司召开职工代表大会,选举于海波先生为公司职工代表监事。")
    assert post("于海波", "青松环保股份有限公司", "board-supervisor") in out
    assert not any(f[1] == "海波" for f in out)


def test_a_name_after_a_title_and_a_colon():
    out = facts("青松环保股份有限公司第三届监事会成员如下。\n职工代表监事:葛振远\n")
    assert post("葛振远", "青松环保股份有限公司", "board-supervisor") in out


def test_a_heading_names_the_unit_its_lines_are_about():
    memo = (
        "青岚互娱组织调整\n\n▌新设数据平台中心\n负责数据平台建设。中心负责人宋立,向CTO何川汇报。\n\n"
        "▌用户研究中心\n许静继续负责。\n"
    )
    out = facts(memo)
    assert post("宋立", "数据平台中心", "head") in out
    assert post("许静", "用户研究中心", "head") in out
    assert ("reportsTo", "宋立", "何川", None, "current") in out


def test_a_bare_kind_refers_only_to_a_unit_of_that_kind():
    out = facts("▌澜星互娱J2工作室群\n工作室负责人伍睿直接向我汇报。")
    assert not any(f[0] == "post" and f[2] == "J2工作室群" for f in out)


def test_units_merged_into_a_new_one_are_not_its_parents():
    out = facts("青岚互娱宣布,星火工作室与天穹工作室合并为星穹工作室,由钱一鸣担任工作室负责人。")
    assert ("established", "星穹工作室", None, None, "current") in out
    assert not any(f[0] == "unitOf" and f[1] == "星穹工作室" and f[2] != "青岚互娱" for f in out)


def test_a_unit_named_only_in_a_past_career_is_not_the_articles():
    text = "驭岚汽车宣布任命沃尔夫为CEO。沃尔夫在德国曼德斯汽车公司工作了21年,此前曾在斯图加特总部任电驱事业部副总裁。"
    out = facts(text)
    assert ("unitOf", "电驱事业部", "驭岚汽车", None, "current") not in out
    assert ("unitOf", "电驱事业部", "德国曼德斯汽车公司", None, "current") in out
    assert not any(f[2] == "工作" for f in out)  # a description, then a common word: no company


def test_an_organization_in_another_persons_title_is_not_the_subjects():
    out = facts("知微智能由包睿与清华大学教授雷晓鸥共同创立,包睿任CEO。")
    assert post("雷晓鸥", "清华大学", "professor") in out
    assert post("包睿", "清华大学", "ceo") not in out


def test_deputy_titles():
    out = facts("鼎泰基金公告,傅佳宁现任权益投资部副总监。")
    assert post("傅佳宁", "权益投资部", "deputy-chief-director") in out


def test_members_join_the_clause_subject_not_an_organization_in_a_title():
    text = (
        "恒岳集团成立质量管理委员会。"
        "委员会主任由集团总裁毛振宇兼任,常务副主任由质量部部长柴立新担任,委员包括沈丽君、左建国。"
    )
    out = facts(text)
    assert ("memberOf", "沈丽君", "质量管理委员会", None, "current") in out
    assert ("memberOf", "沈丽君", "质量部", None, "current") not in out


def test_a_bare_kind_refers_to_the_unit_of_that_kind_named_before():
    out = facts("恒岳集团发布通知。芜湖制造基地改由集团直接管理,基地总经理屈海峰直接向集团总裁汇报。")
    assert post("屈海峰", "芜湖制造基地", "general-manager") in out
    out = facts("澜星互娱调整组织。隗丽丽转岗到J2中台,向中台负责人邝东汇报。")
    assert post("邝东", "J2中台", "head") in out


def test_a_change_of_holder_is_no_name():
    out = facts("锂源新能董事长易人:邬建国转任首席科学家,总裁凌子墨接棒")
    assert not any(f[1] == "易人" for f in out)
    doc = kg.extract("锂源新能董事长易人:邬建国转任首席科学家,总裁凌子墨接棒")
    assert "易人" not in {e.name for e in doc.entities.values()}


def test_words_after_a_described_company_that_begin_with_a_function_word_are_no_name():
    doc = kg.extract("鲸云科技宣布任命胡斯年为CEO。据接近公司的人士透露,胡斯年与岑浩天存在分歧。")
    assert not any("人士" in e.name for e in doc.entities.values())


def test_a_short_form_declared_with_xia_cheng_and_a_connective_returning_to_the_company():
    text = (
        "8月15日晚,深圳锂源新能源股份有限公司(下称“锂源新能”)公告,选举凌子墨为董事长。"
        "粤信证券首席经济学家宋佳文认为,新董事长有利于提升决策效率。"
        "此外,锂源新能同日公告,聘任冉丽娟为公司副总裁。"
    )
    out = facts(text)
    assert post("冉丽娟", "深圳锂源新能源股份有限公司", "vice-president") in out
    assert not any(f[1] == "冉丽娟" and f[2] == "粤信证券" for f in out)


MEMO_SIGNED = (
    "各位云栈人:\n经管理层讨论,公司决定成立客户成功中心,由副总裁劳静怡担任总经理,直接向我汇报。\n\n"
    "邬振华\n云栈科技创始人兼CEO\n2023年7月28日\n"
)


def test_a_memo_signed_by_name_then_title_then_date():
    out = facts(MEMO_SIGNED)
    assert post("邬振华", "云栈科技", "ceo") in out
    assert post("邬振华", "云栈科技", "founder") in out
    assert ("reportsTo", "劳静怡", "邬振华", None, "current") in out


def test_a_signature_other_than_the_senders_name_is_the_sender():
    text = (
        "阿里巴巴集团CEO张勇发出内部信,宣布自己将兼任阿里云智能总裁。\n各位阿里人:\n"
        "阿里云智能CTO周靖人继续负责技术体系,向我汇报。\n逍遥子\n2022年12月9日\n"
    )
    doc = kg.extract(text, date="2022-12-09")
    people = {e.name for e in doc.entities.values() if e.kind == "person"}
    assert "逍遥子" not in people
    assert any(f.kind == "reportsTo" and doc.entities[f.object].name == "张勇" for f in doc.facts)


def test_leaving_announced_to_take_effect_later_still_holds_the_post():
    text = (
        "宝骏国际控股有限公司董事会宣布,以下变动将自2024年4月1日起生效:\n"
        "(一)冼国强先生将辞任本公司行政总裁。\n(二)司徒嘉慧女士获委任为本公司行政总裁。\n\n"
        "承董事会命\n宝骏国际控股有限公司\n香港,2024年3月28日\n"
    )
    out = facts(text, date=None)
    assert post("冼国强", "宝骏国际控股有限公司", "ceo") in out
    assert post("司徒嘉慧", "宝骏国际控股有限公司", "ceo") in out
    now = facts(text.replace("将自2024年4月1日起生效", "即日起生效"), date=None)
    assert post("冼国强", "宝骏国际控股有限公司", "ceo", "former") in now


def test_a_post_filled_by_someone_who_held_it_elsewhere():
    out = facts("华鼎金控公告人事案。风控长则由原华鼎人寿风控长薛雅文出任。")
    assert post("薛雅文", "华鼎人寿", "chief-risk-officer", "former") in out
    assert post("薛雅文", "华鼎人寿", "chief-risk-officer") not in out


def test_a_founder_stays_one_and_shi_ren_tells_a_post_then_held():
    out = facts("声科电子CEO交棒 创始人陶建平专任董事长")
    assert post("陶建平", "声科电子", "founder", "former") not in out
    out = facts("2012年,时任北辰大学微电子学院教授的储志远带领团队创办芯瀚微电子。")
    assert not any(f[0] == "post" and f[1] == "储志远" and f[3] == "professor" and f[4] == "current" for f in out)


def test_a_company_named_in_a_clause_describing_a_person():
    doc = kg.extract("泰和人寿公告。首席投资官由来自泰和资产管理公司的颜子杰出任。")
    names = {e.name for e in doc.entities.values()}
    assert {"泰和资产管理公司", "颜子杰"} <= names


def test_a_numbered_title_line():
    text = (
        "青松环保股份有限公司公告\n一、第三届董事会组成情况\n"
        "1、非独立董事:韩立新(董事长)、邵明、乔宇\n2、独立董事:柏静、段一凡\n"
    )
    out = facts(text)
    assert post("韩立新", "青松环保股份有限公司", "director") in out
    assert post("段一凡", "青松环保股份有限公司", "independent-director") in out


ORG_CHART_TABLE = (
    "云鲸互娱组织架构调整说明\n\n调整后一级组织如下:\n\n"
    "| 一级组织 | 负责人 | 汇报对象 | 备注 |\n|---|---|---|---|\n"
    "| 天穹事业群 | 冉东升 | CEO 龙梓萱 | 合并 |\n"
    "| 出海事业群 | 卓宇航 | 总裁 萧正 | |\n"
    "| 引擎与技术中台 | 裘晟(CTO) | CEO 龙梓萱 | 新设 |\n\n"
    "附:各事业群财务BP向CFO简宁汇报。\n"
)


def test_an_org_chart_table_read_by_its_headings():
    out = facts(ORG_CHART_TABLE)
    assert post("卓宇航", "出海事业群", "head") in out
    assert ("reportsTo", "卓宇航", "萧正", None, "current") in out
    assert post("裘晟", "引擎与技术中台", "cto") in out
    assert ("reportsTo", "裘晟", "龙梓萱", None, "current") in out
    assert not any(f[2] == "英国石油" for f in out)  # 财务BP: a business partner, not BP


def test_committee_lines_laid_out_in_columns():
    text = (
        "青松环保股份有限公司公告\n3、董事会专门委员会:\n"
        "\u3000\u3000审计委员会\u3000\u3000符文宇(召集人)、柏静、乔宇\n"
        "\u3000\u3000提名委员会\u3000\u3000段一凡(召集人)、韩立新\n"
    )
    out = facts(text)
    assert ("memberOf", "柏静", "审计委员会", None, "current") in out
    assert post("段一凡", "提名委员会", "convener") in out


def test_the_hong_kong_exchange_disclaimer_is_noise():
    text = (
        "香港交易及結算所有限公司及香港聯合交易所有限公司對本公告之內容概不負責。\n"
        "GRANDVIEW BIOTECH GROUP CO., LTD.宏景生物科技集團股份有限公司\n"
        "董事會宣佈,卓思穎女士獲委任為本公司聯席公司秘書,同日生效。\n"
    )
    doc = kg.extract(text, date="2025-03-28")
    assert doc.entities[doc.main_org].name == "宏景生物科技集团股份有限公司"


def test_a_name_ends_where_a_verb_of_leading_begins():
    out = facts("瀚海银行公告。改革后,数字金融部由副行长夏侯敏分管;普惠金融事业部由行长崔明远直接分管。")
    people = {f[1] for f in out}
    assert {"夏侯敏", "崔明远"} <= people
    assert not people & {"夏侯", "崔明"}


def test_a_round_up_of_announcements_under_a_dateline():
    text = (
        "证券时报e公司讯,凯迪威(300952)11月27日晚间公告,董事会同意聘任财务总监毛志远为公司总经理。\n\n"
        "另讯,华信达(603177)公告,副总经理苑东升因个人原因辞职。\n"
    )
    out = facts(text, date="2024-11-28")
    assert post("毛志远", "凯迪威", "general-manager") in out
    assert post("苑东升", "华信达", "deputy-general-manager", "former") in out
    assert not any("证券时报" in (f[2] or "") for f in out)


def test_ji_tuan_is_the_group_beside_its_subsidiaries_and_a_document_number_is_no_org():
    text = (
        "鼎恒集团人字〔2024〕8号\n鼎恒集团关于人事任免的通知\n"
        "任命苗嘉树为鼎恒冷链物流有限公司总经理。苗嘉树向集团副总裁庞永年汇报。\n"
    )
    out = facts(text)
    assert post("庞永年", "鼎恒集团", "vice-president") in out
    assert post("庞永年", "鼎恒冷链物流有限公司", "vice-president") not in out


def test_the_company_given_a_short_form_is_the_articles_over_a_past_employer():
    text = (
        "荆楚农村商业银行股份有限公司(下称“荆楚农商行”)发布公告,董事会同意聘任郦文涛为该行行长。"
        "郦文涛曾任宜昌农商银行副行长,2012年出任宜昌农商银行行长,宜昌农商银行后被吸收合并。"
        "此外,该行同日公告,聘任仲佳蕊为首席风险官。"
    )
    out = facts(text, date="2022-01-07")
    assert post("仲佳蕊", "荆楚农村商业银行股份有限公司", "chief-risk-officer") in out


def test_quoted_brands_led_respectively():
    out = facts("锦澜酒店集团宣布调整。调整后,锦澜旗下中端品牌“栖云”和经济型品牌“小澜”分别由副总裁冯书宁、巫晓川负责。")
    assert post("冯书宁", "栖云", "head") in out
    assert post("巫晓川", "小澜", "head") in out
    assert ("unitOf", "栖云", "锦澜酒店集团", None, "current") in out


def test_a_notice_about_the_group_and_a_post_ended_by_reassignment():
    text = "关于集团总部部门设置调整的通知\n(四)原规划发展部总经理林旭东另有任用,其职务自然免除。\n"
    doc = kg.extract(text, date="2024-03-01")
    assert "关于集团" not in {e.name for e in doc.entities.values()}
    assert "林旭东" in {e.name for e in doc.entities.values()}


def test_a_tab_separated_org_chart():
    text = "锦澜酒店集团品牌调整\n品牌\t负责人\t汇报对象\n栖云\t冯书宁\t濮存义\n小澜\t巫晓川\t濮存义\n"
    out = facts(text)
    assert ("reportsTo", "冯书宁", "濮存义", None, "current") in out
    assert post("巫晓川", "小澜", "head") in out


def test_a_unit_with_its_head_in_parentheses():
    out = facts(
        "华羿药业研究院下设抗体研究中心(负责人:邬天翔)、转化医学中心(负责人:蒲思远)。"
        # whatever the name's last word: 平台 and 项目组 name no unit by themselves
        "沐川生物研发中心下设蛋白平台(负责人:栾思齐)、核酸平台(新设,负责人:蓟思远)。"
        "游戏事业群下设北辰项目组(制作人:岑若溪)、长风项目组(制作人:隋一帆)。"
    )
    assert post("邬天翔", "抗体研究中心", "head") in out
    assert post("蒲思远", "转化医学中心", "head") in out
    assert post("栾思齐", "蛋白平台", "head") in out
    assert post("岑若溪", "北辰项目组", "producer") in out
    assert post("隋一帆", "长风项目组", "producer") in out


# -- memos and media ----------------------------------------------------------------------------


def test_a_company_the_model_tags():
    out = facts("蓝海科技宣布,任命王磊为公司首席财务官,向首席执行官陈晨汇报。")
    assert post("王磊", "蓝海科技", "cfo") in out
    assert ("reportsTo", "王磊", "陈晨", None, "current") in out


def test_a_company_described_before_its_name():
    out = facts("36氪获悉,家用机器人公司星曜机器人近日任命陈思源为COO。")
    assert post("陈思源", "星曜机器人", "coo") in out
    assert not any(f[2] == "家用机器人公司" for f in out)


def test_the_kind_alone_refers_to_the_unit_just_set_up():
    out = facts("鲸帆科技成立商家服务事业群,由高级副总裁程立伟担任事业群总裁。")
    assert post("程立伟", "商家服务事业群", "president") in out


def test_a_clause_ending_in_de_describes_the_person():
    out = facts("星曜机器人新设了庭院机器人事业部,负责人为此前主导割草机项目的叶舟。")
    assert post("叶舟", "庭院机器人事业部", "head") in out


def test_retiring_and_taken_over():
    out = facts("据报道,联发科执行长蔡力行将于年底退休,由副董事长谢清江接任。")
    assert post("谢清江", "联发科", "ceo") in out
    assert post("蔡力行", "联发科", "ceo") in out  # till the end of the year (FORMAT: a future effective date)


# -- Traditional Chinese --------------------------------------------------------------------------


def test_traditional_text_keeps_its_script_and_the_simplified_iri():
    text = "恒信地產控股有限公司(「本公司」)董事會宣佈,陳志明先生已獲委任為本公司執行董事兼行政總裁。"
    out = facts(text)
    assert post("陳志明", "恒信地產控股有限公司", "ceo") in out
    graph = kg.to_rdf(kg.extract(text))
    simplified = kg.to_rdf(kg.extract("恒信地产控股有限公司董事会宣布,陈志明先生获委任为本公司行政总裁。"))
    person = lambda g: {s for s in g.subjects(RDF.type, None) if "/person/" in str(s)}  # noqa: E731
    assert person(graph) == person(simplified)  # 陳/陈: one IRI
    labels = {str(o) for o in graph.objects(next(iter(person(graph))), SKOS.altLabel)}
    assert "陈志明" in labels


# -- reorganizations ----------------------------------------------------------------------------


def test_units_listed_after_an_establishing_cue():
    out = facts("星河集团设立三大事业群:消费者事业群、企业服务事业群和国际事业群。")
    units = {f[1] for f in out if f[0] == "established"}
    assert units == {"消费者事业群", "企业服务事业群", "国际事业群"}


def test_respectively_pairs_units_and_heads():
    out = facts("惠邻超市新设大卖场事业部、社区店事业部两个业态事业部,负责人分别为何宇航、欧晓彤。")
    assert post("何宇航", "大卖场事业部", "head") in out
    assert post("欧晓彤", "社区店事业部", "head") in out


def test_table_rows():
    out = facts("星河集团任命如下:\n张三 | 总裁 | 智能云事业群\n李四 | 副总裁 | 智能云事业群\n")
    assert post("张三", "智能云事业群", "president") in out
    assert post("李四", "智能云事业群", "vice-president") in out


# -- no generic word is ever an organization -----------------------------------------------------

GENERIC = {"公司", "本公司", "集团", "本集团", "董事会", "监事会", "有限公司", "股份有限公司", "委员会", "本行"}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["dev", "dev-genres", "seed"])
def test_no_generic_word_or_verb_phrase_is_an_organization(name):
    boundaries = load().boundaries
    bad = []
    for line in (DATA / f"{name}.gold.jsonl").read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        graph = kg.to_rdf(kg.extract(article["text"]))
        for cls in (ORG.FormalOrganization, ORG.OrganizationalUnit):
            for node in graph.subjects(RDF.type, cls):
                label = str(graph.value(node, SKOS.prefLabel))
                if label in GENERIC or any(label.startswith(w) for w in boundaries):
                    bad.append((article["id"], label))
    assert not bad


def test_a_rule_that_names_no_handler_is_an_error_naming_file_and_line(tmp_path, monkeypatch):
    from kg.errors import KgError
    from kg.extraction import datafiles
    from kg.extraction.facts import _Sentence

    (tmp_path / "rules.tsv").write_text("# comment\nleave\tl\t刘强东卸任CEO\nlaeve\tl\ttypo\n", encoding="utf-8")
    monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
    with pytest.raises(KgError, match=r"rules.tsv:3: handler 'laeve' is not a rule"):
        datafiles.load_rules("rules.tsv", _Sentence)
    (tmp_path / "rules.tsv").write_text("leave\t(l\tbroken\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"rules.tsv:1: bad pattern"):
        datafiles.load_rules("rules.tsv", _Sentence)


# -- résumés, list lines under a heading, names in Latin script ------------------------------------

RESUME = (
    '浙江明川科技股份有限公司(以下简称"公司")董事会同意聘任罗志强先生为公司副总经理。\n'
    "附:简历\n"
    "罗志强,男,1979年出生,硕士研究生学历。2005年至2012年任杭州远帆网络技术有限公司高级经理;"
    "2012年加入公司,历任研发中心副主任、证券事务代表。现任公司研发中心主任。\n"
)


def test_a_resume_goes_on_about_its_person():
    out = facts(RESUME)
    assert post("罗志强", "杭州远帆网络技术有限公司", "manager", "former") in out
    assert post("罗志强", "研发中心", "deputy-director", "former") in out
    assert post("罗志强", "研发中心", "director-of-office") in out
    # "高级经理": a grade of the title, not a unit of the company named before it
    assert not any(kind == "unitOf" and "高级" in str(s) for kind, s, *_ in out)


LIST_UNDER_HEADING = (
    "衡远建设集团有限公司关于调整专业委员会组成人员的通知\n"
    "一、技术委员会\n"
    "主　任:乔振东(总工程师)\n"
    "委　员:郗明远、訾红梅(副总裁、财务总监)、设计院院长濮建华\n"
    "二、其他事项\n"
    "本通知自印发之日起执行。\n"
)


def test_post_lines_under_a_heading_name_its_organization():
    out = facts(LIST_UNDER_HEADING)
    company = "衡远建设集团有限公司"
    assert post("乔振东", "技术委员会", "director-of-office") in out
    assert post("乔振东", company, "chief-engineer") in out
    for member in ("郗明远", "訾红梅", "濮建华"):
        assert post(member, "技术委员会", "member") in out
    assert post("訾红梅", company, "vice-president") in out
    assert post("訾红梅", company, "cfo") in out


def test_a_dash_sets_off_the_head_of_a_list_item():
    out = facts(
        "星河药业宣布研究院下设两个中心:\n1. 抗体与ADC中心——主任:彭立群\n2. 临床开发中心——主任:首席医学官蒯晓东\n"
    )
    assert post("彭立群", "抗体与ADC中心", "director-of-office") in out
    assert post("蒯晓东", "临床开发中心", "director-of-office") in out


def test_latin_names_in_chinese_text():
    resigned = facts("星河药业公告称,Mark Johnson已辞任公司首席财务官。")
    assert post("Mark Johnson", "星河药业", "cfo", "former") in resigned
    doc = kg.extract("2) 燎原工作室负责人Lily(隗丽丽)转岗到中台,向中台负责人Tony(邝东)汇报。")
    labels = {e.name: e.labels for e in doc.entities.values() if e.kind == "person"}
    assert "Tony" in labels.get("邝东", set()) and "Lily" in labels.get("隗丽丽", set())


def test_a_kind_alone_names_the_one_company_of_that_kind():
    out = facts(
        "富邑金控今日召开董事会,通过子公司人事案。富邑人寿董事长由金控总经理颜志诚兼任,"
        "原人寿董事长苏永泰转任金控资深顾问。富邑银行总经理游文龙(Eric Yu)届龄退休。"
    )
    assert post("颜志诚", "富邑人寿", "chairman") in out
    assert post("颜志诚", "富邑金控", "general-manager") in out
    assert post("苏永泰", "富邑人寿", "chairman", "former") in out
    # "(Eric Yu)": the English form of the name before it, never an organization
    assert not any(obj == "Eric" for _kind, _s, obj, *_ in out)
    assert post("游文龙", "富邑银行", "general-manager", "former") in out


def test_a_name_before_a_trade_and_a_suffix_is_a_company():
    out = facts(
        "专访|锦澜酒店集团新任总裁濮存义:下沉市场还有空间\n今年5月,锦澜酒店集团宣布组织调整,"
        "首席发展官濮存义接替创始人谷怀山出任集团总裁。"
    )
    assert post("濮存义", "锦澜酒店集团", "president") in out
    assert not any(s == "锦澜" for _kind, s, *_ in out)


def test_a_kind_after_a_verb_still_names_the_company_of_that_kind():
    out = facts("安和金控公告子公司人事案。安和人寿董事长改由金控总经理卓国栋兼任,原董事长钟文杰转任金控副董事长。")
    assert post("卓国栋", "安和金控", "general-manager") in out
    assert post("钟文杰", "安和金控", "vice-chairman") in out
    assert not any(kind == "unitOf" and "金控" in unit for kind, unit, *_ in out)  # "改由金控" is no unit
    assert ("unitOf", "安和人寿", "安和金控", None, "current") in out  # a subsidiary, named with its name


def test_the_model_knows_where_a_name_after_a_title_ends():
    out = facts("明川银行董事长黎昌生届龄退休,由银行总经理邵佳宏升任董事长。")
    assert post("黎昌生", "明川银行", "chairman", "former") in out


def test_overseeing_a_department_is_not_heading_it():
    out = facts("聘任韩立为投资发展部总经理。投资发展部由集团副总经理江明远分管。")
    assert post("韩立", "投资发展部", "general-manager") in out
    assert not any(s == "江明远" and o == "投资发展部" for _kind, s, o, *_ in out)


def test_a_counted_group_reports_through_its_last_members():
    out = facts(
        "公司任命柯文为财务部总经理。同时设立三个新部门:数据部,负责人为祁山;平台部,负责人为贺岚;"
        "安全部,负责人为严冬。两个部门负责人均向CTO宁远汇报。"
    )
    reports = {s for kind, s, o, *_ in out if kind == "reportsTo" and o == "宁远"}
    assert reports == {"贺岚", "严冬"}


def test_a_former_title_without_an_organization_is_the_post_just_named():
    out = facts(
        "嘉晟金控公告人事案。嘉晟银行总经理冼志诚退休。嘉晟人寿董事长改由金控总经理邝文兼任,原董事长姬振宇转任顾问。"
    )
    assert post("姬振宇", "嘉晟人寿", "chairman", "former") in out


CAREER_LINES = (
    "明溪信息科技股份有限公司关于聘任副总经理的公告\n聘任苗瑞安为公司副总经理。\n"
    "苗瑞安，男，1980年5月生，中国国籍。2004.07—2010.03，临江数码科技有限公司，产品经理；"
    "2010.04—2022.12，澄川软件股份有限公司，历任研发总监、首席技术官，其中2018年起兼任该公司上海研究院院长；"
    "2023.01—至今，禾屿网络有限公司，总经理。\n"
    "《明溪信息科技股份有限公司第二届董事会第五次会议决议》"
)


def test_the_lines_of_a_resume_are_the_posts_of_the_person_it_is_of():
    out = facts(CAREER_LINES)
    assert post("苗瑞安", "临江数码科技有限公司", "manager", "former") in out
    assert post("苗瑞安", "澄川软件股份有限公司", "cto", "former") in out
    assert post("苗瑞安", "禾屿网络有限公司", "general-manager") in out
    # a span that ended makes every post of its line past, the one begun "2018年起" too
    assert not any(s == "苗瑞安" and status == "current" and role == "dean" for _k, s, _o, role, status in out)


def test_a_document_title_mark_is_no_part_of_a_company_name():
    doc = kg.extract(CAREER_LINES)
    assert not any(e.name.startswith("《") for e in doc.entities.values())


def test_coordinated_subjects_may_each_have_a_title():
    out = facts(
        "董事会同意设立董事会风险委员会,由三名董事组成,阮志坚先生任主任委员,苗瑞安先生、独立董事隆文博先生任委员。"
    )
    assert post("苗瑞安", "风险委员会", "member") in out
    assert post("隆文博", "风险委员会", "member") in out


def test_a_brand_and_its_trade_are_one_company():
    doc = kg.extract("岚图互娱2025组织架构调整说明\n公司将原有的工作室整合为4个事业群,CEO祁远山兼任天穹事业群总裁。")
    assert doc.main_org == "org:岚图互娱"
    out = facts("3. 知行教育:成立AI学习事业部\n知行教育宣布成立AI学习事业部,由CTO邢峰兼任事业部总经理。")
    assert post("邢峰", "知行教育", "cto") in out
    assert not any(s == "知行" for _k, s, *_ in out)  # the model's "person" is the brand


def test_moving_to_another_post_leaves_the_one_named_with_the_name():
    out = facts("泰和银行人事调整。信托处处长柯蓉则调任香港分行经理。")
    assert post("柯蓉", "信托处", "division-head", "former") in out


def test_a_company_declared_with_its_short_form_and_its_group():
    out = facts('今天下午,一份澜川汽车(下称"澜川")的内部任命文件流传。由澜川汽车集团副总裁雷诗涵兼任品牌CEO。')
    companies = {o for _k, _s, o, *_ in out if o and o.startswith("澜川")}
    assert companies == {"澜川汽车集团"}  # not "一份澜川汽车", and the group is no unit "汽车集团"


def test_a_bare_head_title_in_a_list_item_heads_the_unit_the_item_is_about():
    out = facts(
        "启元银行部门调整方案\n"
        "1.数字金融部:整合原网络金融部、金融科技部的线上业务职能,拟任负责人为原网络金融部总经理葛朝晖;\n"
        "2.资产负债管理部:从计划财务部分设,拟任负责人为计划财务部副总经理阮晨。"
    )
    assert post("葛朝晖", "数字金融部", "head") in out
    assert post("阮晨", "资产负债管理部", "head") in out
    assert not any(o == "拟任" for _k, _s, o, *_ in out)


def test_a_related_reading_list_is_no_part_of_the_article():
    text = (
        "启川银行董事长易人\n\n"
        "財政部今日宣布,公股啟川商業銀行(簡稱啟川銀)董事長卓永盛將屆齡退休,由總經理紀文鴻接任。\n\n"
        "▌延伸閱讀\n．公股銀行上半年獲利亮眼 啟川銀年增逾二成\n．金管會:董事長任期制度將檢討\n"
    )
    doc = kg.extract(text)
    names = {e.name for e in doc.entities.values() if e.kind == "company"}
    assert "启川银年" not in names and "公股银行" not in names
    assert doc.main_org == "org:启川商业银行"  # "公股" describes the bank; "(簡稱啟川銀)" is its short form


def test_a_company_named_as_someones_past_does_not_open_the_article():
    doc = kg.extract(
        "前联合利华中国财务副总裁加盟,悦禾食品任命鲍晓锋为CFO\n"
        "悦禾食品宣布,公司已任命鲍晓锋为首席财务官。鲍晓锋曾任联合利华中国财务副总裁。"
    )
    assert doc.main_org == "org:悦禾食品"


def test_a_post_given_by_its_title_alone_is_the_one_named_before():
    out = facts("泰和银行人事调整:原数字金融处处长方怡然升任副总经理,处长一职由副处长辛志达升任。")
    assert post("辛志达", "数字金融处", "division-head") in out


def test_a_group_beside_its_registered_subsidiary_is_a_company():
    out = facts(
        "经集团总裁办公会研究决定:\n1. 任命苗立新为鼎丰冷链物流有限公司总经理,免去其集团运营管理部总经理职务;\n"
        "苗立新向集团副总裁庞永安汇报。\n鼎丰集团 人力资源部\n"
    )
    assert post("庞永安", "鼎丰集团", "vice-president") in out
    assert ("unitOf", "运营管理部", "鼎丰集团", None, "current") in out


def test_a_title_and_a_name_set_apart_by_a_space():
    out = facts("澜汀重工组织调整\n- 挖掘机事业部:总经理 尚斌建\n- 起重机事业部:总经理 莫海宁\n")
    assert post("尚斌建", "挖掘机事业部", "general-manager") in out
    assert post("莫海宁", "起重机事业部", "general-manager") in out


def test_functions_merged_into_a_unit_make_no_unit_of_another():
    out = facts(
        "岚峰能源集团组织调整:撤销企业管理部,其绩效考核职能并入人力资源部,制度建设职能并入法律合规部。"
        "云帆、星河等业务归入数字商业板块。"
    )
    units = {(s, o) for k, s, o, *_ in out if k == "unitOf"}
    assert ("企业管理部", "人力资源部") not in units and ("人力资源部", "法律合规部") not in units
    assert {("云帆", "数字商业板块"), ("星河", "数字商业板块")} <= units


def test_a_head_title_named_alone_after_a_unit_is_set_up_is_the_new_units():
    out = facts("此外,澜石集团新设数据治理办公室,挂靠信息中心,主任由集团首席信息官邵嘉川兼任。")
    assert post("邵嘉川", "数据治理办公室", "director-of-office") in out
    assert not any(o in ("信息中心", "挂靠信息中心") for k, s, o, *_ in out if k == "post")


def test_counted_heads_report_by_the_kind_of_unit_they_head():
    text = (
        "岚川超市(集团)有限公司发布组织调整公告。\n"
        "一、新设大卖场事业部、社区店事业部两个业态事业部,负责人分别为何宇航、欧晓婷。\n"
        "二、西南大区负责人由冯立伟担任。\n"
        "三、五大区负责人向首席运营官邱敏汇报;两个业态事业部负责人向总裁谷家明汇报。"
    )
    out = facts(text)
    reports = {(s, o) for k, s, o, *_ in out if k == "reportsTo"}
    assert ("冯立伟", "邱敏") in reports and ("何宇航", "邱敏") not in reports
    assert {("何宇航", "谷家明"), ("欧晓婷", "谷家明")} <= reports
    assert not any(s == "业态事业部" for _k, s, *_ in out)  # "两个业态事业部": how many of a kind, not which


def test_a_transliterated_name_ends_before_the_verb_it_runs_into():
    out = facts("岚川超市宣布,西南大区负责人由大卫·陈担任。")
    assert post("大卫·陈", "西南大区", "head") in out


def test_a_surname_that_makes_a_word_with_the_verb_before_it():
    out = facts("岚川超市新设大卖场事业部、社区店事业部,负责人分别为何宇轩、欧晓婷。")
    assert post("何宇轩", "大卖场事业部", "head") in out  # 为何 is a word; 何 begins the name


def test_a_latin_given_name_in_a_list_of_names():
    out = facts("岚川科技数据平台下设数据工程组、模型组、数据治理组三个二级部门,负责人分别为彭泽宇、Ryan(兼)、蒋鹏飞。")
    assert post("Ryan", "模型组", "head") in out
    assert post("蒋鹏飞", "数据治理组", "head") in out


def test_a_preposition_before_a_word_is_no_surname():
    doc = kg.extract("岚川研究院由首席科学家马修·岑宁领导,向全球首席技术官汉斯·段岚汇报。")
    assert {e.name for e in doc.entities.values() if e.kind == "person"} == {"马修·岑宁", "汉斯·段岚"}


def test_an_announcements_lines_of_titles_and_names():
    text = (
        "苏州岚汀医疗器械股份有限公司关于完成董事会换届选举的公告\n"
        "　　非职工代表监事：葛淑琴（监事会主席）、景皓宇\n"
        "　　2、独立董事：柏静宜、段一鸣、符承昊（会计专业人士）\n"
        "　　　　战略委员会　　韩立峰（召集人）、Daniel Fong、段一鸣\n"
    )
    out = facts(text)
    company = "苏州岚汀医疗器械股份有限公司"
    assert post("景皓宇", company, "board-supervisor") in out  # 非职工代表监事 is a supervisor
    assert post("符承昊", company, "independent-director") in out  # a note in parentheses after the last name
    assert ("memberOf", "Daniel Fong", "战略委员会", None, "current") in out


def test_a_headline_is_no_signature():
    doc = kg.extract("公司公告\n战略委员会由韩立峰担任召集人。")
    assert {e.name for e in doc.entities.values() if e.kind == "person"} == {"韩立峰"}


def test_a_form_fields_label_is_no_company_and_a_name_ends_before_former():
    doc = kg.extract("新任高级管理人员姓名:孙宁泽\n任婷勇原任富邑银行风险管理处处长,在银行服务逾二十年。")
    assert not any(e.kind == "company" and "姓名" in e.name for e in doc.entities.values())
    assert "任婷勇" in {e.name for e in doc.entities.values() if e.kind == "person"}


def test_a_counted_kind_and_a_colon_open_a_list_of_new_units():
    out = facts("岚川科技CEO柏子航发布全员邮件,宣布公司成立四大业务板块:星图、云帆教育、远山和TideOS。")
    units = {s for k, s, o, *_ in out if k == "unitOf" and o == "岚川科技"}
    assert units == {"星图", "云帆教育", "远山", "TideOS"}


def test_one_who_stays_in_the_company_stays_its_member():
    out = facts("岚川电池公告:邵立斌先生因工作调整不再担任公司副总经理,仍在公司担任其他职务。")
    assert post("邵立斌", "岚川电池", "deputy-general-manager", "former") in out
    assert ("memberOf", "邵立斌", "岚川电池", None, "current") in out


def test_a_post_held_again_after_a_verb_of_leaving_in_the_sentence_is_current():
    out = facts("岚峰医疗公告。公司董事长戴明川此前兼任总裁,此后不再兼任,继续担任董事长。")
    assert post("戴明川", "岚峰医疗", "chairman") in out
    assert post("戴明川", "岚峰医疗", "president", "former") in out
    assert post("戴明川", "岚峰医疗", "chairman", "former") not in out


def test_a_piece_of_work_is_no_unit():
    out = facts("芯岚半导体表示,公司研发工作由副总经理、研究院院长卢嘉川暂时统筹。")
    assert not any("研发工作" in (s, o) for _k, s, o, *_ in out)


def test_companies_named_with_a_holding_companys_name_are_its_subsidiaries():
    out = facts(
        "遠岑金控通過子公司人事案 周建宇升任遠岑銀行董事長\n"
        "遠岑金控今日公告,遠岑銀行董事長由總經理周建宇升任,遠岑證券則新設營運長一職。"
    )
    units = {(s, o) for k, s, o, *_ in out if k == "unitOf"}
    assert ("遠岑銀行", "遠岑金控") in units


def test_a_groups_own_registered_name_is_no_subsidiary():
    out = facts("中岑集团公告:中岑建设集团有限公司董事会聘任邵立强为总经理。中岑集团表示欢迎。")
    assert not any(k == "unitOf" and s.startswith("中岑建设") for k, s, *_ in out)


def test_a_name_joined_with_yu_after_merged_into():
    out = facts("4. 电子电气架构部与整车软件部合并为软件与电子中心,由原电子电气架构部负责人邱志川担任负责人。")
    assert post("邱志川", "软件与电子中心", "head") in out


def test_an_indefinite_organization_is_no_unit():
    out = facts("汽车电子事业群由贝立新担任总裁,贝立新此前为某德系车企中国区副总裁。")
    assert not any(o and o.startswith("某") for _k, _s, o, *_ in out)


def test_a_companys_sales_company_is_not_the_company():
    doc = kg.extract(
        "星岚汽车高管离职。星岚汽车CTO邹立明今年4月离职。"
        "其职务由星岚汽车销售公司常务副总经理严思琪接任。星岚汽车表示业务运转正常。"
    )
    assert doc.main_org == "org:星岚汽车"


def test_an_analyst_is_posted_only_where_the_text_says():
    out = facts(
        "岚峰股份公告。粤岚证券新能源首席分析师宋嘉文认为,调整有利于提升效率。旅游行业分析师杨沐川认为,变更说明不了问题。"
    )
    assert post("宋嘉文", "粤岚证券", "analyst") in out
    assert not any(s == "杨沐川" for _k, s, *_ in out)  # no organization named: not the article's company
    assert not any(k == "unitOf" and s == "新能源" for k, s, *_ in out)  # the sector covered is no unit


def test_a_table_after_its_heading_names_the_heads_a_later_sentence_speaks_of():
    text = (
        "鼎岚集团组织架构调整方案\n"
        "| 单元 | 负责人 | 职务 |\n| 华东区域公司 | 龙振川 | 总经理 |\n| 华南区域公司 | 柯嘉慧 | 总经理 |\n\n"
        "各区域公司总经理向集团副总经理汤立川汇报。"
    )
    out = facts(text)
    assert post("龙振川", "华东区域公司", "general-manager") in out
    assert {("龙振川", "汤立川"), ("柯嘉慧", "汤立川")} <= {(s, o) for k, s, o, *_ in out if k == "reportsTo"}


def test_a_trade_and_a_kind_of_business_before_a_name():
    doc = kg.extract("本报讯 跨境物流企业驰岚物流(Chilan Logistics)本月12日宣布,按区域重组全球业务网络。")
    assert doc.main_org == "org:驰岚物流"


def test_a_line_of_business_named_in_a_chain_of_titles_is_a_unit():
    out = facts("岚度今日宣布,岚度高级副总裁、搜索公司总裁向海川因个人原因退休。")
    assert post("向海川", "岚度", "senior-vice-president", "former") in out
    assert post("向海川", "搜索公司", "president", "former") in out


def test_a_verb_before_de_describes_the_person_named_after_it():
    out = facts("岚川科技CEO付晨川发布内部信。付晨川在信中感谢了退休的集团高级副总裁丁卫川。")
    assert not any(s == "付晨川" and r == "senior-vice-president" for k, s, o, r, st in out)
    assert post("丁卫川", "岚川科技", "senior-vice-president", "former") in out


def test_the_last_bulleted_item_of_a_list_is_not_joined_to_the_line_after_it():
    text = (
        "岚岳重工集团组织架构调整。各事业部及负责人如下:\n"
        "- 挖掘机事业部:总经理 杜永川\n- 国际事业部:总经理 罗伯特·米勒(Robert Miller)\n"
        "各事业部总经理均向集团总裁段志川汇报。"
    )
    reports = {(s, o) for k, s, o, *_ in facts(text) if k == "reportsTo"}
    assert reports == {("杜永川", "段志川"), ("罗伯特·米勒", "段志川")}


def test_units_handed_to_someone_to_manage():
    out = facts("岚果优选宣布调整。今年初,他将物流事业部和仓储事业部交由COO谢明川统一管理。")
    assert post("谢明川", "物流事业部", "head") in out
    assert post("谢明川", "仓储事业部", "head") in out


def test_fu_zong_is_a_title():
    out = facts("远岑金控公告。证券子公司远岑证券则新设营运长一职,由资深副总洪子川出任。")
    assert post("洪子川", "远岑证券", "coo") in out


def test_a_described_company_in_traditional_text_is_labelled_as_written():
    doc = kg.extract("遠岑金控公告。證券子公司遠岑證券則新設營運長一職,由資深副總洪子川出任。")
    assert doc.entities["org:远岑证券"].label == "遠岑證券"


def test_a_latin_name_after_a_title_and_a_colon():
    out = facts("出海事业群下设:欧美发行中心(负责人:Mark Ellison)、东南亚发行中心(负责人:邬天川)。")
    assert post("Mark Ellison", "欧美发行中心", "head") in out


def test_a_forms_title_field_and_name_field():
    text = (
        "沣岚基金管理有限公司高级管理人员变更公告\n基金管理人名称：沣岚基金管理有限公司\n"
        "新任高级管理人员职务：副总经理\n新任高级管理人员姓名：孙宁川\n任职日期：2022年9月29日\n"
        "离任高级管理人员职务：副总经理\n离任高级管理人员姓名：车帆川\n离任原因：个人原因\n"
    )
    out = facts(text)
    assert post("孙宁川", "沣岚基金管理有限公司", "deputy-general-manager") in out
    assert post("车帆川", "沣岚基金管理有限公司", "deputy-general-manager", "former") in out


def test_a_title_that_passes_from_one_to_another():
    out = facts("据天眼查信息,深圳市岚川科技有限公司近日发生工商变更,法定代表人由冼国川变更为鲍欣川。")
    company = "深圳市岚川科技有限公司"
    assert post("冼国川", company, "legal-representative", "former") in out
    assert post("鲍欣川", company, "legal-representative") in out


def test_a_unit_named_by_a_verbal_noun_of_its_function():
    out = facts("原销售部部长吴岚川调任营销中心总监。")
    assert post("吴岚川", "销售部", "minister", "former") in out
    assert post("吴岚川", "营销中心", "chief-director") in out


def test_units_and_heads_respectively_by_a_verb_and_a_title():
    out = facts("光华科技新设上海研发中心、北京研发中心,分别由田岚川、吕书川担任负责人。")
    assert post("田岚川", "上海研发中心", "head") in out
    assert post("吕书川", "北京研发中心", "head") in out
    assert post("田岚川", "北京研发中心", "head") not in out


def test_a_deputy_appointed_after_the_principal_is_in_the_principals_unit():
    out = facts("公司任命原财务部部长吴岚川为物流中心总监,原仓储部部长邹明川为副总监。")
    assert post("邹明川", "物流中心", "deputy-chief-director") in out


def test_a_company_named_at_the_start_of_the_outlets_name_employs_nobody():
    doc = kg.extract("新浪科技讯 6月12日消息,新浪科技获悉,岚川汽车高级副总裁吴明川已出任总裁,向CEO邹岚川汇报。")
    assert not [f for f in doc.facts if f.object == "org:新浪"]
    assert doc.main_org != "org:新浪"


def test_the_place_a_reporter_learns_from_is_no_unit():
    doc = kg.extract("记者从知情人士处获悉,澄岚银行行长韦志川已于近日卸任。")
    assert not [e for e in doc.entities.values() if "知情人士" in e.name]


def test_a_name_ends_before_a_verb_of_taking_a_post_that_its_last_character_would_open():
    out = facts("鼎岚基金督察长黄晓川卸任,由公司副总经理杨帆代任督察长。")
    assert post("杨帆", "鼎岚基金", "chief-compliance-officer") in out


def test_a_company_named_by_two_words_is_not_a_rare_surnames_name():
    doc = kg.extract("左一川已正式加盟新势力车企极光智行,出任总裁一职,向极光智行创始人兼CEO龙腾川汇报。")
    assert not [e for e in doc.entities.values() if e.kind == "person" and e.name == "智行"]
    out = facts("左一川已正式加盟新势力车企极光智行,出任总裁一职,向极光智行创始人兼CEO龙腾川汇报。")
    assert post("左一川", "极光智行", "president") in out
    assert post("龙腾川", "极光智行", "president") not in out


def test_the_units_listed_after_a_reorganization_are_set_up_and_nested_under_their_section():
    text = (
        "岚美集团发布组织调整通知,自2024年3月1日起,集团调整为事业群和事业部两级架构。调整后的架构如下:\n"
        "一、智能家电事业群,总裁:滕岚川\n- 冰箱事业部:负责人 曹岚川\n- 洗衣机事业部:负责人 裴岚川\n"
        "二、厨卫事业群,总裁:甘岚川\n- 烟灶事业部:负责人 储岚川\n"
        "各事业群总裁均向集团总裁邝岚川汇报。\n"
    )
    doc = kg.extract(text)
    names = {k: e.name for k, e in doc.entities.items()}
    made = {(names[f.subject], f.date) for f in doc.facts if f.kind == "established"}
    assert {("智能家电事业群", "2024-03-01"), ("冰箱事业部", "2024-03-01"), ("烟灶事业部", "2024-03-01")} <= made
    parents = {(names[f.subject], names[f.object]) for f in doc.facts if f.kind == "unitOf"}
    assert ("冰箱事业部", "智能家电事业群") in parents and ("烟灶事业部", "厨卫事业群") in parents


def test_a_list_of_existing_units_is_not_a_set_up():
    doc = kg.extract("公司各部门负责人如下:\n- 财务部:负责人 曹岚川\n- 法务部:负责人 裴岚川\n")
    assert not [f for f in doc.facts if f.kind == "established"]


def test_a_byline_in_parentheses_is_no_part_of_the_company_after_it():
    doc = kg.extract("本报讯(记者 黄岚川)佛山岚润电器集团有限公司(以下简称“岚润集团”)今日宣布任命滕岚川为总裁。")
    assert "org:佛山岚润电器集团有限公司" in doc.entities


def test_a_transliterated_name_holds_no_known_company():
    out = facts("- 中东非事业部:负责人 穆罕默德·阿里(Mohamed Ali)\n- 拉美事业部:负责人 暂由邬岚川代管")
    assert post("穆罕默德·阿里", "中东非事业部", "head") in out
    assert post("邬岚川", "拉美事业部", "head") in out


def test_the_company_joined_is_read_through_its_trade():
    out = facts("伍岚川2021年加入味来科技,出任首席运营官。")
    assert post("伍岚川", "味来科技", "coo") in out


def test_a_founder_named_with_a_former_title():
    out = facts("服务机器人公司星岚机器人由前科研院所研究员聂远川创办。")
    assert post("聂远川", "星岚机器人", "founder") in out


def test_a_roster_under_a_leading_group_just_set_up_is_the_groups():
    text = (
        "关于成立集团数字化转型领导小组的通知\n各子公司:\n经研究,决定成立岚江集团数字化转型领导小组。现将有关事项通知如下:\n"
        "一、领导小组组成\n组长:钟岚川(集团董事长)\n副组长:魏岚川(集团总经理)\n"
        "成员:包岚川(集团信息中心主任)、阮岚川(集团财务部部长)\n"
    )
    out = facts(text)
    assert post("钟岚川", "数字化转型领导小组", "group-leader") in out
    assert post("魏岚川", "数字化转型领导小组", "deputy-group-leader") in out
    assert post("阮岚川", "数字化转型领导小组", "member") in out


def test_a_head_title_after_the_verb_is_the_unit_just_set_up():
    out = facts("新设数字金融部,整合原网络金融部、金融科技部下设的数据管理中心,由原网络金融部总经理祁岚川担任总经理")
    assert post("祁岚川", "数字金融部", "general-manager") in out
    assert post("祁岚川", "数据管理中心", "general-manager") not in out


def test_the_kind_alone_after_a_verb_of_taking_a_post_is_the_unit_named_before():
    text = "普惠金融部升格为普惠金融事业部,副行长严岚川兼任事业部总裁,原普惠金融部总经理龙岚川任事业部常务副总裁"
    doc = kg.extract(text)
    units = {f.role: doc.entities[f.object].labels for f in doc.facts if f.kind == "post" and f.status == "current"}
    assert "普惠金融事业部" in units["president"] and "普惠金融事业部" in units["executive-vice-president"]


def test_a_committees_deputy_chair():
    out = facts("锦岚银行成立数字化转型委员会,由行长邵岚川任主任委员,首席信息官殷岚川任副主任委员。")
    assert post("殷岚川", "数字化转型委员会", "vice-chair") in out


def test_a_described_company_name_ends_before_a_time_word():
    out = facts("36氪独家获悉,工商业储能公司澎湃储能近期完成管理层调整:创始人黎岚川不再担任CEO,转任董事长。")
    assert post("黎岚川", "澎湃储能", "chairman") in out


def test_a_line_of_seo_keywords_is_noise():
    doc = kg.extract("澎湃储能换帅:创始人黎岚川转任董事长。\n储能 储能公司 换帅 储能CEO 最新消息 工商业储能 排名\n")
    assert [s.noise for s in doc.sentences] == [False, True]
    assert not [e for e in doc.entities.values() if e.kind == "person" and e.name == "储能"]


def test_a_unit_with_yu_in_its_name_after_wei():
    out = facts("3. 任命 单岚川 为安全与质量管理部部长,免去其运营管理部副部长职务;")
    assert post("单岚川", "安全与质量管理部", "minister") in out
    assert post("单岚川", "运营管理部", "deputy-minister", "former") in out


def test_a_headlines_spaces_break_its_clauses():
    doc = kg.extract("東昕精密董事會通過人事案 副總陳岚川升任總經理 財務長林岚川退休\n")
    cfo = {(doc.entities[f.subject].name, f.status) for f in doc.facts if f.kind == "post" and f.role == "cfo"}
    assert cfo == {("林岚川", "former")}


def test_a_title_and_the_name_after_it_in_a_headline_stay_together():
    out = facts("华曜集团董事长 徐岚川 卸任\n")
    assert post("徐岚川", "华曜集团", "chairman", "former") in out


def test_a_member_named_with_a_unit_and_a_title_in_a_members_list():
    doc = kg.extract("公司成立技术委员会,委员包括邱岚川、贾岚川以及研究院院长卞岚川等七人。")
    members = {doc.entities[f.subject].name for f in doc.facts if f.kind == "memberOf"}
    assert {"邱岚川", "贾岚川", "卞岚川"} <= members


def test_a_wire_agency_in_a_dateline_employs_nobody():
    doc = kg.extract("财联社3月12日电,华岚证券公告,董事长李岚川因到龄退休辞去董事长职务。")
    assert not [f for f in doc.facts if "财联社" in doc.entities[f.object].name]


def test_xinren_before_a_title_is_no_word_between_wei_and_the_title():
    out = facts("同日,华岚证券董事会选举刘岚川为新任董事长。")
    assert post("刘岚川", "华岚证券", "chairman") in out


def test_a_known_short_form_and_another_trade_name_another_company():
    doc = kg.extract("天合光电(002345)6月3日晚间公告,公司董事长刘岚川因年龄原因辞去董事长职务。")
    assert "org:天合光能" not in doc.entities
    assert any(e.name == "天合光电" for e in doc.entities.values())


def test_a_birth_year_does_not_date_the_article():
    text = "华岚光电(002345)6月3日晚间公告,董事长刘岚川辞去董事长职务,但仍担任公司董事。刘一川系刘岚川之子,1988年出生。"
    doc = kg.extract(text)
    assert [f for f in doc.facts if f.kind == "post"]
    assert not [f for f in doc.facts if (f.date or "").startswith("1988")]


def test_a_companys_founding_year_is_when_it_was_established():
    for text, company, year in [
        ("澎湃储能成立于2019年,总部位于常州,已完成五轮融资。", "澎湃储能", "2019"),
        ("腾岚集团由王岚川于1998年创办,总部位于杭州。", "腾岚集团", "1998"),
    ]:
        doc = kg.extract(text)
        made = {(doc.entities[f.subject].name, f.date) for f in doc.facts if f.kind == "established"}
        assert (company, year) in made, text
    assert not [f for f in kg.extract("澎湃储能成立以来业绩稳定。").facts if f.kind == "established"]


def test_a_company_named_only_as_a_past_employer_is_not_the_articles():
    text = (
        "董事會欣然宣佈,李美川女士已獲委任為本公司行政總裁。"
        "李女士,45歲,於二零一五年加入本集團。加入本集團前,彼曾於德勤會計師事務所任職。"
    )
    doc = kg.extract(text)
    assert doc.main_org != "org:德勤"
    assert not [f for f in doc.facts if f.kind == "post" and f.object == "org:德勤" and f.status == "current"]


def test_a_promotion_after_by_takes_the_post_someone_leaves():
    out = facts("華岚電子董事會通過人事案,財務長黃岚川將卸任,由會計處資深處長莊岚川升任。")
    assert post("莊岚川", "華岚電子", "cfo") in out


def test_reporting_to_a_title_is_reporting_to_its_holder():
    text = (
        "各位同事:\n经公司研究决定:\n1. 成立智能硬件事业部,由原产品中心总监赵岚川担任事业部总经理,向CEO汇报;\n"
        "请各部门做好交接工作。\nCEO 林志航\n2024年5月6日\n"
    )
    out = facts(text)
    assert ("reportsTo", "赵岚川", "林志航", None, "current") in out


def test_a_japanese_name_its_english_form_follows_is_whole():
    out = facts("海外中心下增设日本分部、韩国分部,负责人分别为小林健太(Kenta Kobayashi)和朴敏川。")
    assert post("小林健太", "日本分部", "head") in out
    assert post("朴敏川", "韩国分部", "head") in out


def test_a_listed_name_after_one_with_a_note():
    out = facts("DAP下设数据工程组、模型组、数据治理组三个二级部门,负责人分别为秦岚川、Ryan(兼)、白凌川。")
    assert post("白凌川", "数据治理组", "head") in out


def test_a_word_for_a_party_is_no_part_of_the_company_after_it():
    out = facts("投资方鼎元资本合伙人许岚川告诉36氪,创始人主动让出CEO位置。")
    assert post("许岚川", "鼎元资本", "partner") in out


def test_a_title_of_another_ladder_in_a_career_list_is_the_companys():
    out = facts("华岚传动公告,董事裘岚川,2009年加入华岚传动,历任技术中心主任、副总经理,现任公司董事。")
    assert post("裘岚川", "技术中心", "deputy-general-manager", "former") not in out
    assert post("裘岚川", "技术中心", "director-of-office", "former") in out


def test_a_university_is_no_unit_of_the_company():
    doc = kg.extract("知微科技成立于2022年,由前鸿图搜索首席架构师包岚川与清华大学教授雷岚川共同创立,包岚川任CEO。")
    assert doc.entities["org:清华大学"].kind == "company"
    assert not [f for f in doc.facts if f.kind == "unitOf" and f.subject == "org:清华大学"]


def test_a_post_held_where_the_former_cue_places_it():
    out = facts("刘岚川于2018年加入百川科技,此前曾在微软中国担任技术总监。")
    assert post("刘岚川", "微软", "chief-director", "former") in out
    assert post("刘岚川", "百川科技", "chief-director", "former") not in out


def test_a_line_about_the_sections_unit_keeps_the_section():
    out = facts("二、品控办公室\n集团下设品控办公室,办公室设在质量中心。\n主任:沈岚川(集团副总经理)\n副主任:杜禾青")
    assert post("沈岚川", "品控办公室", "director-of-office") in out
    assert post("杜禾青", "品控办公室", "deputy-director") in out


def test_a_unit_named_by_its_function_before_a_title():
    out = facts("禾川集团任命原采购部部长沈岚川为物资中心总监。")
    assert post("沈岚川", "采购部", "minister", "former") in out


def test_a_joined_unit_name_after_a_list_number():
    out = facts("禾川证券调整投行架构。3）并购与产业投行部，负责人为季岚川。")
    assert post("季岚川", "并购与产业投行部", "head") in out


NOTICE = (
    "禾川集团文件\n禾川发〔2024〕3号\n关于成立数字化转型领导小组的通知\n各子公司：\n"
    "经集团党委会研究，决定成立禾川集团数字化转型领导小组。现将有关事项通知如下：\n一、领导小组组成\n"
    "组　长：钟岚川（集团董事长）\n副组长：魏岚川（集团总经理）\n　　　　华岚川（集团副总经理）\n"
    "成　员：包岚川（集团信息中心主任）、阮岚川\n"
)


def test_a_roster_after_the_notice_names_its_group_again():
    assert post("阮岚川", "数字化转型领导小组", "member") in facts(NOTICE)


def test_a_name_on_the_line_under_a_title_line_holds_its_title():
    out = facts(NOTICE)
    assert post("华岚川", "数字化转型领导小组", "deputy-group-leader") in out
    assert post("华岚川", "禾川集团", "deputy-general-manager") in out


def test_a_note_in_brackets_after_a_title_is_part_of_it():
    out = facts("禾川财产保险股份有限公司广东分公司副总经理（主持工作）为符岚川。")
    assert post("符岚川", "广东分公司", "deputy-general-manager") in out


def test_a_compound_surname_with_a_one_character_given_name():
    assert post("上官岚", "禾川精工", "director", "former") in facts("禾川精工公告，董事上官岚辞职。")


def test_a_committee_made_up_of_people_with_titles_before_their_names():
    out = facts("禾川精工审计委员会由独立董事乔岚川、阎禾青及董事上官岚组成，乔岚川任召集人。")
    assert {p for k, p, o, *_ in out if k == "memberOf" and o.endswith("审计委员会")} == {"乔岚川", "阎禾青", "上官岚"}


def test_a_compound_surname_ending_in_a_function_word():
    out = facts("禾川能源公告，原风电事业部负责人鲜于岚任新能源事业部总经理。")
    assert post("鲜于岚", "新能源事业部", "general-manager") in out


def test_a_function_word_inside_a_three_character_name():
    out = facts("禾川集团成立协调委员会，由总裁曲为川任主任。")
    assert post("曲为川", "协调委员会", "director-of-office") in out


def test_a_name_after_a_title_that_the_model_takes_for_a_company():
    out = facts("禾川快充有限公司，2024年5月15日注册：总经理尤佳；")
    assert post("尤佳", "禾川快充有限公司", "general-manager") in out


def test_an_honourable_retirement_is_no_name():
    doc = kg.extract("岑詠欣女士獲委任為集團財務總監，接替榮休的容子健先生。")
    assert sorted(e.label for e in doc.entities.values() if e.kind == "person") == ["容子健", "岑詠欣"]


@pytest.mark.parametrize("salutation", ["全体禾川同学：", "全体干部员工：", "全体合伙人："])
def test_a_salutation_names_no_company(salutation):
    doc = kg.extract(salutation + "\n今天，星岚科技宣布任命张岚川为CTO。")
    assert doc.entities[doc.main_org].label == "星岚科技"
    assert post("张岚川", "星岚科技", "cto") in facts(salutation + "\n今天，星岚科技宣布任命张岚川为CTO。")


def test_the_name_after_the_preposition_of_reporting():
    out = facts("星岚半导体任命邢岚为首席科学家。据悉，邢岚此后将向林清川汇报。")
    assert ("reportsTo", "邢岚", "林清川", None, "current") in out


def test_a_given_name_after_the_preposition_of_reporting():
    text = "星岚出行CEO符晓川宣布新的分工。CFO闫禾和CTO曹岚从6月3日起改为向晓川汇报。"
    out = facts(text)
    assert {("reportsTo", p, "符晓川", None, "current") for p in ("闫禾", "曹岚")} <= out


def test_a_verb_before_the_board_is_no_part_of_the_companys_name():
    out = facts("星岚精工完成董事会换届 顾岚川连任董事长")
    assert post("顾岚川", "星岚精工", "chairman") in out


def test_registration_fields_name_no_company():
    doc = kg.extract("禾川储能科技有限公司\n1、统一社会信用代码：91330481MAD7XXXX5K\n2、经营范围：储能技术服务。")
    assert {e.label for e in doc.entities.values()} == {"禾川储能科技有限公司"}


def test_the_city_of_a_dateline_is_no_news_outlet():
    text = (
        "21世纪经济报道记者 孟繁星 上海报道\n记者近日获悉，禾川银行股份有限公司（以下简称“禾川银行”）"
        "上海分行行长柏岚川已调任总行零售金融部总经理。"
    )
    assert post("柏岚川", "上海分行", "bank-president", "former") in facts(text)


def test_a_name_cut_short_after_a_title_that_the_article_writes_in_full():
    text = "禾川银行分行调整：上海分行行长黎明远回总行\n禾川银行上海分行行长黎明远已调任总行零售金融部总经理。"
    doc = kg.extract(text)
    assert sorted(e.label for e in doc.entities.values() if e.kind == "person") == ["黎明远"]


def test_form_labels_of_a_meeting_name_no_company():
    doc = kg.extract(
        "禾川软件股份有限公司\n2、现场会议地点：深圳市南山区禾川大厦18楼会议室\n3、结论性意见：本次会议合法有效。"
    )
    assert {e.label for e in doc.entities.values()} == {"禾川软件股份有限公司"}


def test_a_hong_kong_independent_director_keeps_the_title():
    out = facts("翠川國際控股有限公司宣佈，委任黎岚川先生為獨立非執行董事。")
    assert post("黎岚川", "翠川國際控股有限公司", "independent-non-executive-director") in out


def test_the_sources_a_reporter_learns_from_are_no_unit():
    doc = kg.extract("潮汐财经从多位知情人士处获悉，星川半导体创始人邴岚川将出任董事长。")
    assert not any("知情人士" in e.label for e in doc.entities.values())


def test_a_verb_of_appointing_after_a_comma_is_no_name():
    doc = kg.extract(
        "歐陽先生現為香港物流協會副主席。\n\n委任營運總監為執行董事\n"
        "麥岚欣女士（Lan Mak）（「麥女士」），本集團營運總監，已獲委任為執行董事，自同日起生效。"
    )
    assert sorted(e.label for e in doc.entities.values() if e.kind == "person") == ["麥岚欣"]


def test_a_transliterated_name_begins_where_the_model_begins_it():
    doc = kg.extract("前宝马高管托马斯·贝克尔将执掌禾川汽车销售。")
    assert [e.label for e in doc.entities.values() if e.kind == "person"] == ["托马斯·贝克尔"]


def test_the_leadership_of_a_company_is_no_part_of_its_name():
    doc = kg.extract("新能源车企禾川汽车高层再生变动。禾川汽车总裁钮岚川已于上周五正式离职。")
    assert {e.label for e in doc.entities.values() if e.kind != "person"} == {"禾川汽车"}


def test_a_subsidiary_named_after_下属_is_no_part_of_the_parents_name():
    text = "禾川交通投资集团有限公司宣布，集团下属禾川高速公路建设管理有限公司董事长龚岚川调任集团副总经理。"
    assert post("龚岚川", "禾川高速公路建设管理有限公司", "chairman", "former") in facts(text)


def test_a_kind_of_company_before_an_analysts_title_is_no_sector():
    out = facts("原禾川银行首席经济学家尚岚川已正式加盟星川证券股份有限公司，担任研究所所长。")
    assert post("尚岚川", "禾川银行", "chief-economist", "former") in out


def test_a_salutation_to_all_of_a_companys_people_names_the_company():
    doc = kg.extract("【全员信】致全体星岚人：新的分工\n今天起，CFO闫岚川改为向我汇报。")
    assert doc.entities[doc.main_org].label == "星岚"


def test_a_verb_of_taking_a_post_is_no_part_of_a_committees_name():
    out = facts("星岚出行成立全球化委员会，荀岚川将担任委员会主席。")
    assert post("荀岚川", "全球化委员会", "chair") in out


def test_regions_of_a_sales_organization_and_their_commanders():
    text = "禾川重工决定推行战区制。\n二、战区司令\n　　北方战区司令　　宗岚川\n各战区司令向营销总裁骆禾青汇报。"
    out = facts(text)
    assert post("宗岚川", "北方战区", "commander") in out
    assert ("unitOf", "北方战区", "禾川重工", None, "current") in out


def test_an_org_chart_drawn_as_a_text_tree():
    text = (
        "禾川能源集团组织架构图如下：\n```\n禾川能源集团\n├── 集团总部\n│   ├── 战略投资部（负责人：凤岚川）\n"
        "│   └── 财务管理中心\n├── 新能源开发事业部（党禾青）\n└── 禾川储能科技有限公司\n```\n"
    )
    out = facts(text)
    for unit in ("战略投资部", "财务管理中心", "新能源开发事业部", "禾川储能科技有限公司"):
        assert ("unitOf", unit, "禾川能源集团", None, "current") in out


def test_an_organization_welcomes_the_new_holder_of_its_post():
    out = facts("与此同时，禾川汽车的销售公司——禾川奥比斯汽车销售有限公司迎来新任总经理聂岚川。")
    assert post("聂岚川", "禾川奥比斯汽车销售有限公司", "general-manager") in out


def test_a_verb_of_assisting_is_no_part_of_the_unit_after_it():
    out = facts("禾川汽车原总经理邵岚川将调任集团海外事业部副总经理，协助海外事业部总经理庄禾青拓展欧洲市场。")
    assert post("庄禾青", "海外事业部", "general-manager") in out


def test_an_outlets_reporter_at_the_start_of_a_line_names_no_company():
    doc = kg.extract("中国证券报·中证网记者梳理发现，禾川财险广东分公司原总经理车岚川已调任总公司车险部总经理。")
    assert not any("证券报" in e.label for e in doc.entities.values())


def test_a_numeral_opening_an_item_is_the_first_character_of_a_name():
    out = facts("禾川游戏出海事业群下设：日岚发行中心（负责人：聂岚川）。")
    assert post("聂岚川", "日岚发行中心", "head") in out


def test_a_word_that_is_also_a_given_name_is_a_name_before_a_form_of_address_or_an_english_name():
    out = facts("禾川集团任命江河同志为投资发展中心副主任。在新任CFO到任之前，其职责由财务总监蓝海(Ocean Lan)代理。")
    assert any(f[1] == "江河" for f in out)
    assert any(f[1] == "蓝海" for f in out)
    assert not any(f[1] == "当天" for f in facts("禾川集团董事长当天表示，公司运营正常。"))


def test_a_given_name_may_end_with_a_character_of_the_calendar_before_a_verb():
    out = facts("禾川传媒宣布调整，庄岚川则直接向董事长裴禾年汇报。")
    assert ("reportsTo", "庄岚川", "裴禾年", None, "current") in out


def test_which_term_of_a_post_names_no_organization():
    doc = kg.extract("禾川重工原总裁薛岚川当选新一任董事长。")
    assert not any(e.label == "新一任" for e in doc.entities.values())


def test_a_time_before_company_is_no_part_of_its_name():
    doc = kg.extract("禾川重工召开董事会。会后公司宣布，董事长钱岚川到龄退休。")
    assert not any("会后" in e.label for e in doc.entities.values())


def test_what_one_joins_is_an_organization():
    doc = kg.extract("禾川重工总裁梁岚川今年49岁，2003年加入华钧，历任挖掘机事业部总经理。")
    assert not any(e.kind == "person" and e.label == "华钧" for e in doc.entities.values())


def test_a_team_and_a_unit_overseen_alongside_other_duties_have_heads():
    out = facts(
        "禾川科技管委会下设两个专项小组：商业化小组由车岚川牵头，AI产品小组由叶禾青牵头。平台技术中心由CTO许岚青兼管。"
    )
    assert post("车岚川", "商业化小组", "head") in out
    assert post("许岚青", "平台技术中心", "head") in out


def test_the_name_before_a_listing_code_is_a_listed_company():
    doc = kg.extract("港股上市房企禾川地产（01878.HK）公告称，董事会主席符岚川辞任。")
    assert doc.entities[doc.main_org].label == "禾川地产"
    doc = kg.extract("岚行出行（NASDAQ：LXCX）8月23日公布财报。财报发布同日，公司宣布首席财务官温岚川卸任。")
    assert doc.entities[doc.main_org].label == "岚行出行"
    assert not any(e.label == "财报" for e in doc.entities.values())


def test_a_committees_declared_short_form_is_no_company():
    text = "7月1日，禾川科技宣布成立集团管理委员会（简称“管委会”）。管委会由五人组成：CEO车岚川，总裁白禾青。"
    doc = kg.extract(text)
    assert doc.entities[doc.main_org].label == "禾川科技"


def test_a_company_announcing_after_a_dateline_and_its_subsidiary_in_a_place_are_two_companies():
    text = (
        "财联社3月6日电，禾川精密公告，公司拟在墨西哥设立全资子公司禾川精密(墨西哥)有限公司。"
        "董事会同意聘任贺岚川为公司财务总监。"
    )
    doc = kg.extract(text)
    assert doc.entities[doc.main_org].label == "禾川精密"
    assert post("贺岚川", "禾川精密", "cfo") in facts(text)


def test_items_of_a_roundup_headed_by_a_company_and_its_a_share_code():
    text = (
        "【高管变动】\n1. 禾川智造（605381）：董事会聘任副总经理黎岚川为总经理。\n"
        "2. 岚青基金发布公告，总经理林禾青离任。"
    )
    out = facts(text)
    assert post("黎岚川", "禾川智造", "general-manager") in out
    assert post("林禾青", "岚青基金", "general-manager", "former") in out


def test_a_registered_name_begins_after_the_verb_of_naming_and_its_as():
    out = facts("经研究决定：任命聂振华为禾川控股集团有限公司党委书记、董事长。")  # 华为: one word to jieba
    assert post("聂振华", "禾川控股集团有限公司", "chairman") in out


def test_an_item_of_a_roundup_after_a_time_word_puts_its_company_in_focus():
    text = (
        "年内已有40余家基金公司高管变更。\n6月19日晚间，禾川基金发布公告，总经理林岚川离任。\n"
        "同日，岚青基金公告称，聘任吕禾青为公司督察长。\n部分中小基金公司的管理层调整仍将持续。"
    )
    out = facts(text)
    assert post("吕禾青", "岚青基金", "chief-compliance-officer") in out
    assert post("林岚川", "禾川基金", "general-manager", "former") in out
    assert not any(e.label.endswith("基金公司") for e in kg.extract(text).entities.values())


def test_a_role_carries_its_other_names():
    from kg.rdf.write import to_ntriples

    nt = to_ntriples(kg.extract("禾川科技宣布，聘任贺岚川为公司财务总监。"))
    assert '<http://www.w3.org/2004/02/skos/core#altLabel> "财务总监"@zh' in nt


def test_a_preposition_after_a_title_starts_no_name():
    out = facts("禾川证券成立财富管理委员会，由樊敏担任主任。财富管理部、投资顾问中心负责人向樊敏汇报。")
    assert not any(f[1].startswith("向") for f in out)


def test_an_honorary_title_names_no_unit():
    doc = kg.extract("禾川地产公告，符岚川辞任后将出任公司荣誉主席。")
    assert not any(e.label == "荣誉" for e in doc.entities.values())


def test_the_kind_after_this_refers_to_the_unit_just_named():
    out = facts("禾川银行公告，程岚川升任行长助理后，芜湖分行工作暂由该分行副行长柏禾青主持。")
    assert post("柏禾青", "芜湖分行", "vice-bank-president") in out


def test_a_numeral_that_names_is_part_of_a_name_and_one_that_counts_is_not():
    assert post("伍岚川", "四季鲜果业集团", "coo") in facts("四季鲜果业集团COO伍岚川出任禾川餐饮CEO。")
    doc = kg.extract("年内已有40余家基金公司高管变更。\n6月19日，禾川基金发布公告，总经理林岚川离任。")
    assert not any("余家" in e.label for e in doc.entities.values())


def test_a_unit_set_up_in_the_headline_takes_the_date_the_body_gives():
    text = "禾川集团年末大调整：成立战略委员会\n12月26日晚，禾川CEO容岚川发出内部信，宣布成立集团战略委员会。"
    for date, body in ((None, text.replace("12月", "2023年12月")), ("2023-12-27", text)):
        doc = kg.extract(body, date=date)
        assert [f.date for f in doc.facts if f.kind == "established"] == ["2023-12-26"]


def test_latin_names_in_chinese_text_with_an_address_a_hyphen_or_a_labelled_chinese_name():
    out = facts("禾川新能源设立国际事业部。国际事业部总裁由Markus Vogel(中文名:魏岚川)担任。")
    assert post("魏岚川", "国际事业部", "president") in out
    doc = kg.extract("她将向集团首席运营官Dr. Stefan Hoffmann汇报，并向禾川酒店行政总裁Jean-Luc Moreau(莫岚)先生汇报。")
    people = {e.label for e in doc.entities.values() if e.kind == "person"}
    assert {"Stefan Hoffmann", "莫岚"} <= people
    doc = kg.extract("他将出任集团全球供应链执行副总裁(EVP Global Supply Chain)。")
    assert not any(e.kind == "person" for e in doc.entities.values())


def test_words_no_name_is_made_of_and_a_place_name_a_verb_of_naming_names():
    doc = kg.extract("禾川新能源设立国际事业部，前欧洲车企高管出任总裁。副总裁伏岚川拟任控股子公司禾川期货董事长。")
    assert {e.label for e in doc.entities.values() if e.kind == "person"} == {"伏岚川"}
    assert post("米兰", "禾川科技", "board-secretary") in facts("禾川科技董事会聘任米兰为董事会秘书。")


def test_a_companys_arm_in_a_place_is_named_with_the_company():
    out = facts("林岚川此前担任高通中国副总裁，负责汽车芯片业务。")
    assert post("林岚川", "高通中国", "vice-president", "former") in out


def test_each_cell_of_a_table_row_is_read_as_a_clause_of_its_own():
    text = (
        "禾川科技组织调整如下：\n| 组织 | 负责人 | 职务 | 汇报对象 |\n|---|---|---|---|\n"
        "| 智能云事业群 | 卜岚川 | 总裁 | 集团CEO周禾青 |\n| 技术中台 | 丁岚青 | 负责人 | 集团CEO周禾青 |\n"
    )
    out = facts(text)
    assert post("卜岚川", "智能云事业群", "president") in out
    assert ("reportsTo", "卜岚川", "周禾青", None, "current") in out
    assert not any(f[0] == "post" and f[1] == "周禾青" and f[3] in ("president", "head") for f in out)


def test_a_latin_unit_suffix_ends_a_chinese_name():
    out = facts("禾川科技将成立国际业务BU，由詹岚川担任负责人。")
    assert post("詹岚川", "国际业务BU", "head") in out


def test_a_subsidiary_named_after_a_person_is_the_companys():
    out = facts("禾川证券：11月29日公告，副总裁伏岚川拟任控股子公司禾川期货董事长。")
    assert ("unitOf", "禾川期货", "禾川证券", None, "current") in out


def test_a_title_before_a_units_kind_is_part_of_the_units_name():
    out = facts("禾川证券财富管理委员会下设财富管理部、零售客户部和投资顾问中心，投资顾问中心由洪岚川负责。")
    assert ("unitOf", "投资顾问中心", "财富管理委员会", None, "current") in out


def test_an_adverb_after_a_name_ends_it():
    doc = kg.extract("CFO岑岚正在牵头搭建财务共享平台，首席数字官雷川亲自负责门店改造。")
    assert {e.label for e in doc.entities.values() if e.kind == "person"} == {"岑岚", "雷川"}


def test_the_company_a_description_names_announcing_the_change():
    text = (
        "今年7月，连锁茶饮品牌云味茶坊宣布，创始人伏川卸任CEO。青川资本创始合伙人晏川从天使轮就投了云味。"
        "我们把七个大区整合成四个区域公司，区域公司总经理直接向CEO汇报。"
    )
    out = facts(text)
    assert not any(f[2] == "区域公司" for f in out)  # a kind of unit, not the company
    assert post("伏川", "云味茶坊", "ceo", "former") in out
    assert post("晏川", "青川资本", "founding-partner") in out


def test_a_regional_company_is_a_unit_of_the_company():
    out = facts("禾川科技CEO伏川表示，华东区域公司总经理由岑岚担任。")
    assert ("unitOf", "华东区域公司", "禾川科技", None, "current") in out


def test_leaving_on_a_day_to_come_keeps_the_post_until_then():
    assert post("伏川", "禾川科技", "cfo") in facts("禾川科技宣布首席财务官伏川将于9月30日卸任，由岑岚接替。")
    assert post("伏川", "禾川科技", "cfo", "former") in facts("禾川科技宣布首席财务官伏川将卸任，由岑岚接替。")


def test_name_boundaries_before_yi_and_a_given_name_ending_in_zhi():
    doc = kg.extract("1月，公司财务总监冉岚以“工作调整”为由辞职。伏川向禾川科技董事长兼CEO房敬之汇报。")
    assert {e.label for e in doc.entities.values() if e.kind == "person"} == {"冉岚", "伏川", "房敬之"}


def test_appointments_paired_in_one_list_and_a_word_the_verb_of_naming_names():
    out = facts("禾川农商银行公告聘任温婉为副行长、乐正岚为首席信息官。")
    assert post("温婉", "禾川农商银行", "vice-bank-president") in out
    assert post("乐正岚", "禾川农商银行", "cio") in out


def test_the_units_listed_after_a_unit_is_restructured_are_its_units():
    text = (
        "自2024年4月8日起，集团数字业务事业群（DBG）调整为以下三个事业部，各事业部负责人如下：\n"
        "- 智慧能源事业部：负责人 伏川\n- 轨道交通事业部：负责人 岑岚\n- 医疗健康事业部：负责人 晏川\n"
    )
    out = facts(text)
    assert ("unitOf", "轨道交通事业部", "数字业务事业群", None, "current") in out


def test_an_english_name_glossed_once_is_that_person_everywhere():
    text = "禾川科技任命Jason Lin为COO，筹建美国研发中心\n\n禾川科技宣布，任命Jason Lin（林杰森）为公司首席运营官。"
    doc = kg.extract(text)
    assert [e.label for e in doc.entities.values() if e.kind == "person"] == ["林杰森"]


def test_a_company_found_by_its_trade_lends_its_short_name_to_no_person():
    text = (
        "芯禾科技宣布任命伏川为COO。“伏川是芯禾的第一位员工，没有他就没有芯禾的今天。”加入芯禾之前，伏川在Quantix任职。"
    )
    doc = kg.extract(text)
    assert {e.label for e in doc.entities.values() if e.kind == "person"} == {"伏川"}


def test_a_unit_name_joins_two_regions_or_fields_with_ji_or_yu():
    out = facts(
        "原商业运营部拆分为两个大区：华南及西南大区由伏川领导，华北及东北大区由岑岚领导。市场准入与政府事务部负责人晏川兼任首席合规官。"
    )
    assert post("伏川", "华南及西南大区", "head") in out
    assert post("晏川", "市场准入与政府事务部", "head") in out


def test_an_english_given_name_with_the_surname_then_the_chinese_name():
    out = facts("禾川医疗宣布，华东大区由Grace伏（伏岚川）领导，采购部由Alan岑(岑川)负责。")
    assert post("伏岚川", "华东大区", "head") in out
    assert post("岑川", "采购部", "head") in out


def test_a_department_named_by_its_function():
    out = facts("供应链中心下设采购部和仓配部，采购部由岑川负责。")
    assert post("岑川", "采购部", "head") in out
    assert ("unitOf", "采购部", "供应链中心", None, "current") in out


def test_a_described_company_before_a_title_is_the_company_not_a_unit_of_its_description():
    out = facts("2. 暖岚宠物：CMO伏川离职\n宠物食品公司暖岚宠物首席营销官伏川已于上月底离职。")
    assert post("伏川", "暖岚宠物", "cmo", "former") in out
    assert not any(f[0] == "unitOf" for f in out)
    doc = kg.extract("2. 冬阳宠物：CMO伏川离职\n宠物食品公司冬阳宠物首席营销官伏川已于上月底离职。")
    assert {e.label for e in doc.entities.values() if e.kind == "person"} == {"伏川"}  # 冬阳|宠物: no 阳宠物


def test_a_ceo_leading_a_department_is_its_head_and_the_companys_ceo():
    out = facts("禾川科技表示，市场部工作暂由CEO伏川直接负责。")
    assert post("伏川", "市场部", "head") in out
    assert post("伏川", "禾川科技", "ceo") in out


def test_a_unit_set_up_is_named_by_its_work_even_a_verb():
    out = facts("禾川小馆宣布成立加盟事业部，由原华南大区总经理伏川担任负责人。")
    assert post("伏川", "加盟事业部", "head") in out


def test_a_subsidiarys_parent_is_the_company_not_a_unit_named_between():
    out = facts("禾川精工公告，公司以机器人事业部为基础设立的全资子公司岚川机器人有限公司。")
    assert ("unitOf", "岚川机器人有限公司", "禾川精工", None, "current") in out


def test_the_unit_after_a_relative_clause_of_leading_is_the_one_led():
    out = facts("禾川互娱宣布，启明工作室负责人岑岚离职，启明工作室整体并入由副总裁伏川负责的长夜工作室。")
    assert {f for f in out if f[0] == "post" and f[1] == "伏川" and f[3] == "head"} == {
        post("伏川", "长夜工作室", "head")
    }


def test_a_person_named_with_no_post_is_in_the_graph_with_the_sentence_naming_them():
    from rdflib.namespace import FOAF, PROV

    text = "禾川科技宣布伏川出任CEO，接替荣休的晏川先生。浦江证券首席分析师岑岚认为，这一安排有利于出海。"
    graph = kg.to_rdf(kg.extract(text))
    names = {str(n): p for p, n in graph.subject_objects(FOAF.name)}
    assert {"伏川", "晏川", "岑岚"} <= set(names)
    source = graph.value(names["晏川"], PROV.wasDerivedFrom)  # a predecessor, no post stated
    assert "接替荣休的晏川先生" in str(graph.value(source, PROV.value))
    graph = kg.to_rdf(kg.extract("董事会谨此感谢罗女士于任内之贡献，并欢迎伏川先生履新。"))
    assert sorted(str(n) for n in graph.objects(None, FOAF.name)) == ["伏川"]  # not 谢罗: 感谢 is a word


def test_a_nickname_glossed_with_the_name_is_one_person():
    doc = kg.extract("行川(伏岚川)将卸任云智能总裁和研究院院长职务。岑岚兼任云智能总裁，伏岚川卸任。")
    people = [e for e in doc.entities.values() if e.kind == "person"]
    assert sorted(e.name for e in people) == ["伏岚川", "岑岚"]
    assert "行川" in next(e for e in people if e.name == "伏岚川").labels


def test_a_latin_name_after_a_description_is_the_company():
    doc = kg.extract("禾川科技宣布伏川出任CTO。伏川此前曾任美国芯片公司Quantix全球运营副总裁。")
    assert {e.name for e in doc.entities.values() if e.kind == "company"} == {"禾川科技", "Quantix"}


def test_a_former_cue_opening_the_sentence_before_its_subject():
    out = facts("禾川银行董事会已同意聘任伏川为行长。此前，伏川担任该行副行长、首席风险官。")
    assert post("伏川", "禾川银行", "vice-bank-president", "former") in out
    assert post("伏川", "禾川银行", "chief-risk-officer", "former") in out


def test_the_members_a_committee_consists_of_after_a_colon():
    text = "禾川科技宣布成立集团管理委员会（简称“管委会”）。管委会由三人组成：创始人兼CEO伏川，总裁岑岚，以及CFO晏川。"
    out = facts(text)
    assert {f[1] for f in out if f[0] == "memberOf" and f[2] == "集团管理委员会"} == {"伏川", "岑岚", "晏川"}
    assert not any(f[1] == "三人" for f in out)


def test_a_post_held_at_a_place_the_text_does_not_name_is_no_post_here():
    out = facts("禾川新能源成立国际事业部，总裁由伏川担任，他此前在一家德国豪华车企担任电池采购负责人。")
    assert post("伏川", "国际事业部", "president") in out
    assert not any(f[0] == "post" and f[3] == "head" for f in out)


def test_a_list_of_units_alike_after_a_verb_of_having_units():
    out = facts("禾川新能源成立国际事业部。国际事业部下设欧洲区、北美区和亚太区，其中欧洲区由伏川兼管。")
    assert {f[1] for f in out if f[0] == "unitOf" and f[2] == "国际事业部"} == {"欧洲区", "北美区", "亚太区"}


def test_a_quoted_unit_name_made_of_a_verb():
    out = facts("禾川科技将网约车、顺风车和货运三项业务整合为“出行事业群”，由伏川统一管理。")
    assert ("unitOf", "出行事业群", "禾川科技", None, "current") in out


def test_a_companys_short_name_ends_at_its_trade_before_a_line_of_its_business():
    doc = kg.extract(
        "禾岚汽车智驾“换帅”：自研团队并入研发总院\n2月26日，禾岚汽车发布内部任命通知，伏川出任研发总院院长。"
    )
    assert {e.name for e in doc.entities.values() if e.kind == "company"} == {"禾岚汽车"}


def test_a_post_held_over_a_span_of_dates_began_and_ended_with_it():
    doc = kg.extract(
        "伏川，1975年出生。2012年6月至2019年12月任岚拓电子有限公司技术总监；2020年1月至今任禾川科技研发总监。"
    )
    spans = {(doc.entities[f.object].label, f.status, f.start, f.end) for f in doc.facts if f.kind == "post"}
    assert ("岚拓电子有限公司", "former", "2012-06", "2019-12") in spans
    assert ("禾川科技", "current", "2020-01", None) in spans


def test_a_word_before_a_form_of_address_only_a_person_is_called_by_is_a_name():
    assert persons("禾川科技董事会秘书包容女士因个人原因辞职。") == {"包容"}
    assert persons("附：司马包容先生简历。司马包容，男，1975年出生。") == {"司马包容"}
    assert persons("伏川说，能成为先生的学生很荣幸。") == {"伏川"}


def test_a_committees_composition_seats_each_as_a_member():
    out = facts("禾川科技董事会选举产生各专门委员会委员：审计委员会由伏川、岑岚、独立董事晏川组成，伏川任召集人。")
    assert {f[1] for f in out if f[0] == "post" and f[2] == "审计委员会" and f[3] == "member"} >= {"岑岚", "晏川"}
    assert post("晏川", "禾川科技", "independent-director") in out


def test_a_unit_whose_name_jieba_reads_as_ending_in_a_word():
    doc = kg.extract("伏川担任禾川银行副行长，分管风险管理部、资产保全部。禾川科技上周五在内部宣布岑岚出任CEO。")
    units = {e.name for e in doc.entities.values() if e.kind == "unit"}
    assert units == {"风险管理部", "资产保全部"}


def test_a_banks_corporate_business_line_is_named_with_the_word_for_a_company():
    doc = kg.extract("禾川银行副行长岑岚此前历任营业部总经理、公司业务部总经理。")
    assert {e.name for e in doc.entities.values() if e.kind == "unit"} == {"营业部", "公司业务部"}


def test_a_name_ends_before_a_verb_of_posts_held_before():
    assert persons("禾川银行副行长岑岚历任营业部总经理、公司业务部总经理。") == {"岑岚"}


def test_no_organization_ends_in_a_function_word_or_starts_with_a_verb_of_being_close_to():
    doc = kg.extract("一位接近明川银行的人士对记者表示，调整有关。伏川今年3月起以临时负责人身份主持公司经营管理工作。")
    assert {e.name for e in doc.entities.values() if e.kind != "person"} == {"明川银行"}
    assert {e.name for e in kg.extract("监管部门发布批复，核准禾川银行的股权变更。").entities.values()} == {
        "禾川银行",
        "监管部门",
    }


def test_a_resume_after_a_clause_saying_where_it_is_told_from_is_about_its_person():
    out = facts("公开资料显示，伏川，男，1968年生，高级工程师。他长期在港口系统工作，历任禾川集团副总经理等职。")
    assert post("伏川", "禾川集团", "deputy-general-manager", "former") in out


def test_a_name_before_what_opens_a_biography_is_a_person_whatever_else_it_reads_as():
    assert persons("此前，东方屿已获该行董事会聘任。公开履历显示，东方屿现年49岁，经济学博士。") == {"东方屿"}
    assert persons("禾川科技公告：岑岚，男，1968年生，高级工程师。") == {"岑岚"}


def test_a_former_cue_between_an_organization_and_the_titles_after_it():
    out = facts("禾川银行上海分行原行长伏川已调回总行，出任零售银行部总经理。")
    assert post("伏川", "上海分行", "bank-president", "former") in out
    out = facts("禾川科技公告，公司原副总经理兼董事会秘书岑岚先生因个人原因已于近日辞职。")
    assert post("岑岚", "禾川科技", "board-secretary", "former") in out
    assert post("岑岚", "禾川科技", "board-secretary") not in out


def test_a_former_cue_after_an_organization_in_the_titles_of_a_taker_or_a_boss():
    assert post("伏川", "禾川科技", "chairman") in facts("禾川科技董事长由公司原副总经理伏川接任。")
    out = facts("岑岚将向禾川科技研发中心原负责人伏川汇报。")
    assert any(f[0] == "reportsTo" and f[1:3] == ("岑岚", "伏川") for f in out)


def test_before_this_opens_a_clause_of_a_former_post():
    out = facts("禾川银行聘任伏川为副行长。在此之前，伏川担任禾川银行北京分行行长。")
    assert post("伏川", "北京分行", "bank-president", "former") in out


def test_a_word_named_as_something_by_a_verb_of_naming_after_a_title_is_a_name():
    assert persons("禾川科技聘任证券事务代表米兰为董事会秘书。") == {"米兰"}


def test_several_of_a_kind_is_no_organization():
    doc = kg.extract("天禾电子等多家公司公告高管变动。")
    assert {e.name for e in doc.entities.values()} == {"天禾电子"}


def test_no_longer_acting_ends_the_post_held_in_an_acting_capacity():
    out = facts("禾川科技公告：聘任岑岚为公司总经理。自本次董事会审议通过之日起，伏川先生不再代行总经理职责。")
    assert post("伏川", "禾川科技", "general-manager", "former") in out
    assert post("伏川", "禾川科技", "general-manager") not in out


def test_a_partial_date_is_in_the_year_after_one_named_only_for_its_results():
    doc = kg.extract("3月11日，禾川科技宣布成立AI研究院。禾川科技成立于2015年，2023年营收约6.5亿元。")
    assert [f.date for f in doc.facts if f.kind == "established" and "研究院" in doc.entities[f.subject].name] == [
        "2024-03-11"
    ]


def test_units_set_up_named_after_a_count_and_respectively():
    out = facts("禾川物业成立四个区域公司，分别为华东区域公司、华南区域公司。")
    assert {f[1] for f in out if f[0] == "established"} == {"华东区域公司", "华南区域公司"}


def test_a_count_before_the_name_read_is_no_organization():
    doc = kg.extract("禾川物业将原有七大区域公司整合为四大区域公司，由伏川统一管理。")
    assert {e.name for e in doc.entities.values() if e.kind != "person"} == {"禾川物业"}


def test_the_group_an_article_opens_with_is_a_company_wherever_it_is_named_again():
    doc = kg.extract("恒岭集团由文耀祖于1978年创立。（编者按：恒岭酒店为恒岭集团全资附属公司。）")
    assert {(e.kind, e.name) for e in doc.entities.values() if e.name == "恒岭集团"} == {("company", "恒岭集团")}


def test_a_change_of_person_is_no_person_and_taking_the_helm_is_a_verb():
    assert persons("瑞昇光电总经理换人 伏川接掌、岑岚转任策略长") == {"伏川", "岑岚"}


def test_toward_before_a_surname_and_a_form_of_address_is_the_preposition():
    doc = kg.extract("董事会宣布，梁岚川先生获委任为行政总裁。营运总监伏川女士获委任为副行政总裁，并向梁先生汇报。")
    assert {e.name for e in doc.entities.values() if e.kind == "person"} == {"梁岚川", "伏川"}
    assert any(f.kind == "reportsTo" and f.object == "person:梁岚川" for f in doc.facts)


def test_a_company_named_elsewhere_is_whole_where_a_part_of_it_was_read_before_a_title():
    doc = kg.extract("极衡汽车总裁伏川离职。岑岚将出任极衡汽车高级副总裁。")
    assert {e.name for e in doc.entities.values() if e.kind != "person"} == {"极衡汽车"}


def test_a_person_the_model_tags_is_named_when_the_name_is_shaped_like_one():
    assert set(kg.extract("禾川成长混合换帅了，岑岚离任，说实话有点意外。").named) == {"person:岑岚"}
    assert not kg.extract("公司注册资本为伍仟万元。").named


def test_that_subsidiary_is_the_one_just_set_up():
    out = facts(
        "禾川精密公告，公司拟设立全资子公司禾川精密（墨西哥）有限公司，主要从事新能源汽车结构件的生产。"
        "公司副总经理伏川将出任该子公司总经理。"
    )
    assert post("伏川", "禾川精密(墨西哥)有限公司", "general-manager") in out


def test_a_quoted_joint_venture_is_a_company_and_the_joint_venture_refers_to_it():
    out = facts("远川汽车宣布与一家芯片厂商成立合资公司“岚芯智能”，由伏川出任合资公司董事长。")
    assert post("伏川", "岚芯智能", "chairman") in out


def test_a_place_the_model_reads_that_ends_in_a_trade_is_a_company():
    doc = kg.extract("季楠早年在启维手机做渠道，后赴东川电子任中国区销售总监。")
    assert "东川电子" in {e.name for e in doc.entities.values() if e.kind == "company"}


def test_a_group_that_owns_what_follows_is_a_company():
    doc = kg.extract("禾越汽车换帅。6月4日，东禾汽车集团旗下高端品牌禾越汽车宣布，任命伏川为禾越汽车首席执行官。")
    assert {e.name for e in doc.entities.values() if e.kind == "company"} == {"禾越汽车", "东禾汽车集团"}


def test_a_post_held_at_an_organization_given_no_name_after_joining_it():
    out = facts("禾越汽车宣布任命伏川为CEO。2021年，伏川加盟一家造车新势力任高级副总裁，去年底离职。")
    assert [f for f in out if f[0] == "post"] == [post("伏川", "禾越汽车", "ceo")]


def test_titles_of_a_listed_companys_technical_staff():
    out = facts("禾川科技公告：伏川辞去公司董事职务，辞职后仍在公司担任首席技术专家。公司认定岑岚为核心技术人员。")
    assert {post("伏川", "禾川科技", "chief-technical-expert"), post("岑岚", "禾川科技", "core-technical-staff")} <= out
