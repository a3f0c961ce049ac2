"""English extraction (kg.en): language detection, 8-K and press-release constructions, identity
across languages. The texts here are written for the tests (invented companies and people)."""
from pathlib import Path

import pytest

import kg
from kg import graph as kgg
from kg.en import names
from kg.en.text import detect
from kg.pipeline import annotate, prepare
from kg.rdf import add_to, new_graph

ROOT = Path(__file__).resolve().parent.parent

EIGHT_K = """Harlow Biotech, Inc.

Item 5.02 Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers.

On March 4, 2024, Thomas J. Whitfield notified Harlow Biotech, Inc. (the "Company") of his decision to resign as Chief Financial Officer of the Company. Mr. Whitfield will continue to serve as a director of the Company.

On March 6, 2024, the Board of Directors of the Company appointed Rebecca L. Moreno as Chief Financial Officer, effective April 1, 2024. Ms. Moreno, 46, has served as the Company's Vice President, Finance since 2019. Prior to joining the Company, Ms. Moreno served as Controller of Pell Instruments Corp. from 2012 to 2019.

The Board also appointed Dr. Alan Cho as interim Chief Operating Officer. Dr. Cho will report to the Company's Chief Executive Officer, Susan Park.

The Board established a Science and Technology Committee and appointed Dr. Cho as its chair.

Forward-looking statements: This report contains forward-looking statements. Dana Whitlock, our Chief Legal Officer, is not named in any fact.
"""

RELEASE = """Fernhill Robotics Creates Fernhill Autonomy, a New Division for Warehouse Automation

June 3, 2025

Fernhill Robotics, Inc. today announced the formation of Fernhill Autonomy, a new division that brings together its mobile-robot businesses.

Our new leadership team:
- Ana Ruiz, President, Fernhill Autonomy. Ruiz was previously general manager of the company's picking systems business. She will report directly to Paul Grant, Chief Executive Officer of Fernhill Robotics.
- Owen Blake, Chief Technology Officer, Fernhill Autonomy. Blake joins from Tessel Networks, where he served as Vice President of Engineering.

Blake will report to Ruiz.

We use cookies to improve your experience. Accept all
"""

CROSS = """Kuaishou moves e-commerce chief to local services

BEIJING, Sept 29 (Example Wire) - Kuaishou Technology said Xiao Gu, who previously led the e-commerce business unit, will run its local services business and will report to Cheng Yixiao (程一晓), the company's chief executive officer.
"""


def facts(doc):
    """(kind, subject name, object name, role, status) of each fact."""
    out = set()
    for f in doc.facts:
        obj = doc.entities[f.object].name if f.object else None
        out.add((f.kind, doc.entities[f.subject].name, obj, f.role, f.status))
    return out


@pytest.fixture(scope="module")
def eight_k():
    return kg.extract(EIGHT_K)


@pytest.fixture(scope="module")
def release():
    return kg.extract(RELEASE)


def test_language_detection():
    assert detect(EIGHT_K) == "en"
    assert detect("快手成立商业生态委员会,由CEO程一晓担任主席。The Information 报道称。") == "zh"
    assert detect("Cheng Yixiao (程一晓) was named chief executive of Kuaishou (快手) in October 2021.") == "en"
    assert prepare(EIGHT_K).lang == "en"
    assert prepare((ROOT / "examples/kuaishou-2022-09.txt").read_text(encoding="utf-8")).lang == "zh"


def test_8k_resignation_and_continuing_director(eight_k):
    got = facts(eight_k)
    assert ("post", "Thomas J. Whitfield", "Harlow Biotech", "cfo", "former") in got
    assert ("post", "Thomas J. Whitfield", "Harlow Biotech", "director", "current") in got


def test_8k_appointment_former_post_and_interim(eight_k):
    got = facts(eight_k)
    assert ("post", "Rebecca L. Moreno", "Harlow Biotech", "cfo", "current") in got
    assert ("post", "Rebecca L. Moreno", "Pell Instruments", "controller", "former") in got
    assert ("post", "Alan Cho", "Harlow Biotech", "coo", "current") in got


def test_8k_reports_to_and_committee_chair(eight_k):
    got = facts(eight_k)
    assert ("reportsTo", "Alan Cho", "Susan Park", None, "current") in got
    assert ("post", "Alan Cho", "Science and Technology Committee", "chair", "current") in got
    assert ("unitOf", "Science and Technology Committee", "Harlow Biotech", None, "current") in got
    assert any(f.kind == "established" and f.date == "2024-03-06" or f.kind == "established" for f in eight_k.facts)


def test_honorifics_stripped_and_company_resolved(eight_k):
    persons = {e.name for e in eight_k.entities.values() if e.kind == "person"}
    assert not any(n.startswith(("Mr", "Ms", "Dr")) for n in persons)
    assert "Alan Cho" in persons
    # "the Company" is the company the filing is about, never an organization of its own
    assert eight_k.main_org == "org:Harlow Biotech"
    assert not any(e.name.lower() == "the company" for e in eight_k.entities.values())


def test_boilerplate_is_read_for_nothing(eight_k, release):
    names_ = {eight_k.entities[f.subject].name for f in eight_k.facts}
    assert "Dana Whitlock" not in names_
    assert [s.noise for s in release.sentences if "cookies" in s.text] == [True]
    assert all(s.noise for s in eight_k.sentences if "forward-looking" in s.text)
    assert not any(s.noise for s in release.sentences if "Ana Ruiz" in s.text)


def test_leadership_list(release):
    got = facts(release)
    assert ("post", "Ana Ruiz", "Fernhill Autonomy", "president", "current") in got
    assert ("post", "Owen Blake", "Fernhill Autonomy", "cto", "current") in got
    assert ("post", "Owen Blake", "Tessel Networks", "vice-president", "former") in got
    assert ("reportsTo", "Ana Ruiz", "Paul Grant", None, "current") in got
    assert ("reportsTo", "Owen Blake", "Ana Ruiz", None, "current") in got
    assert ("post", "Paul Grant", "Fernhill Robotics", "ceo", "current") in got
    assert ("unitOf", "Fernhill Autonomy", "Fernhill Robotics", None, "current") in got
    assert ("post", "Ana Ruiz", "picking systems business", "general-manager", "former") in got
    assert any(f.kind == "established" and release.entities[f.subject].name == "Fernhill Autonomy"
               and f.date == "2025-06-03" for f in release.facts)


def test_pinyin_names():
    assert names.pinyin_form("Cheng Yixiao") == "cheng yi xiao"
    assert names.pinyin_form("Yixiao Cheng") == "cheng yi xiao"
    assert names.pinyin_form("Ana Ruiz") is None
    assert names.clean("Mr. CHAN Tai Man") == "Chan Tai Man"


def test_hkex_name():
    doc = kg.extract("Lotus Harbour Holdings Limited\n\nThe board of directors (the \"Board\") of Lotus Harbour "
                     "Holdings Limited (the \"Company\") announces that Ms. LEE Mei Ling has been appointed as "
                     "the chief executive officer of the Company with effect from 1 June 2023.")
    assert ("post", "Lee Mei Ling", "Lotus Harbour Holdings Limited", "ceo", "current") in facts(doc)


def test_one_identity_across_languages():
    """The seed article (Chinese) and a short English report of the same reshuffle: one person node
    for 小谷 / Xiao Gu and one for 程一晓 / Cheng Yixiao, and the same reporting chain."""
    g = new_graph()
    seed = (ROOT / "examples/kuaishou-2022-09.txt").read_text(encoding="utf-8")
    add_to(g, kg.extract(seed, date="2022-09-29"))
    english = kg.extract(CROSS)
    assert english.main_org == "org:快手"  # Kuaishou Technology is 快手 of the gazetteer
    add_to(g, english)
    G = kgg.from_rdf(g)
    (xiao,) = kgg.find(G, "小谷")
    assert kgg.find(G, "Xiao Gu") == [xiao]
    (cheng,) = kgg.find(G, "程一晓", kind="person")
    assert kgg.find(G, "Cheng Yixiao", kind="person") == [cheng]
    assert kgg.reporting_chain(G, kgg.find(G, "Xiao Gu")[0]) == kgg.reporting_chain(G, xiao) == [xiao, cheng]


def test_annotate_runs_english_steps():
    doc = annotate(prepare(RELEASE))
    assert doc.lang == "en" and doc.main_org and doc.facts
