"""English constructions that generalize beyond the dev articles: each test is one cause (a class of words
or a construction), on texts written for the test (invented companies and people)."""

import kg


def facts(text: str, date: str | None = None) -> set[tuple]:
    """(kind, subject name, object name, role, status) of each fact of ``text``."""
    doc = kg.extract(text, date=date) if date else kg.extract(text)
    out = set()
    for f in doc.facts:
        obj = doc.entities[f.object].name if f.object else None
        out.add((f.kind, doc.entities[f.subject].name, obj, f.role, f.status))
    return out


def persons(text: str) -> set[str]:
    return {e.name for e in kg.extract(text).entities.values() if e.kind == "person"}


def test_sir_with_given_name_is_the_person_named_in_full():
    text = (
        "Sir Alan Whitcombe, who has served as Chair since 2015, will step down at the AGM. "
        "The Board has resolved that Mary Lund will succeed Sir Alan as Chair of Fenmore Holdings plc."
    )
    assert persons(text) == {"Alan Whitcombe", "Mary Lund"}


def test_surname_that_nameparser_reads_as_a_degree_is_kept():
    text = "Oslo, 2 May 2024 - Kvitfjell Maritime ASA has appointed Sindre Aas as chief financial officer."
    assert "Sindre Aas" in persons(text)


def test_industry_word_ends_a_company_name():
    text = "Corvane Biologics added Tomas Reyes to its board. Pelham Markets has named Dana Ortiz its new COO."
    assert {"Corvane Biologics", "Pelham Markets"}.isdisjoint(persons(text))


def test_roundup_item_titles_are_of_the_company_it_opens_with():
    text = (
        "Movers and shakers\n"
        "\n"
        "→ Corvane Biologics has hired Tomas Reyes as chief medical officer. Reyes will report to CEO Ann Holt.\n"
        "\n"
        "• Pelham Markets named Dana Ortiz general counsel.\n"
        "• Brixton Diagnostics CFO Lee Ward resigned; controller Omar Haddad is interim CFO.\n"
    )
    found = facts(text)
    assert ("post", "Ann Holt", "Corvane Biologics", "ceo", "current") in found
    assert ("post", "Dana Ortiz", "Pelham Markets", "chief-legal-officer", "current") in found
    assert ("post", "Lee Ward", "Brixton Diagnostics", "cfo", "former") in found
    assert ("post", "Omar Haddad", "Brixton Diagnostics", "cfo", "current") in found


def test_title_list_stops_before_a_title_and_name():
    text = "Fenwick Grid Systems names president Alma Ruiz as CEO, founder Bo Tran stays on as chairman"
    found = facts(text)
    assert not any(f[1] == "Alma Ruiz" and f[3] == "founder" for f in found)
    assert ("post", "Bo Tran", "Fenwick Grid Systems", "chairman", "current") in found


def test_title_before_a_name_that_resigned_is_former():
    text = (
        "Harlan Circuits Ltd said on Monday that chief financial officer Jon Pratt had resigned for personal "
        "reasons. He will be replaced by Mei Sato."
    )
    found = facts(text)
    assert ("post", "Jon Pratt", "Harlan Circuits Ltd", "cfo", "former") in found
    assert ("post", "Jon Pratt", "Harlan Circuits Ltd", "cfo", "current") not in found


def test_plain_words_in_apposition_describe_the_name_before():
    text = (
        "Tallow Systems announced the creation of Tallow Quantum Labs, a research group headed by co-founder "
        "and Chief Technology Officer Rhea Banks."
    )
    found = facts(text)
    assert ("post", "Rhea Banks", "Tallow Quantum Labs", "head", "current") in found
    assert not any(f[2] == "research group" for f in found)


def test_former_post_at_the_employer_left():
    text = (
        "Quenby Foods has named Carl Mott chief operating officer. Mott comes from Harlow Grocers, where he spent "
        "nine years and most recently was executive vice president of operations for its stores. "
        "Quenby also hired Ada Finch as chief marketing officer. Finch spent six years at Ridley Brands, most "
        "recently as vice president of marketing."
    )
    found = facts(text)
    assert ("post", "Carl Mott", "Harlow Grocers", "executive-vice-president", "former") in found
    assert ("post", "Ada Finch", "Ridley Brands", "vice-president", "former") in found
    assert not any(f[1] in ("Carl Mott", "Ada Finch") and f[4] == "former" and f[2] == "Quenby Foods" for f in found)


def test_veteran_of_a_company_holds_no_post_there():
    found = facts("Quenby Foods taps Harlow Grocers veteran Carl Mott as president and COO")
    assert ("post", "Carl Mott", "Quenby Foods", "coo", "current") in found
    assert not any(f[2] == "Harlow Grocers" and f[4] == "current" for f in found)


def test_title_and_name_in_apposition_then_resigned():
    text = (
        "On May 2, 2024, the Company's Chief Financial Officer, Jane Roe, resigned. Pellam Instruments Inc. thanks her."
    )
    assert ("post", "Jane Roe", "Pellam Instruments", "cfo", "former") in facts(text, "2024-05-03")


def test_joining_the_board_is_a_directorship():
    text = (
        "Kestrel Mills plc announces the appointment of two Non-executive Directors. Nadia Orr will join the Board "
        "with effect from 1 April 2024 and will become a member of the Audit Committee."
    )
    found = facts(text, "2024-03-01")
    assert ("post", "Nadia Orr", "Kestrel Mills", "director", "current") in found


def test_added_to_its_board_is_that_company_board():
    text = (
        "Weekly moves\n"
        "\n"
        "→ Ostara Therapeutics named Lena Graf chief executive officer.\n"
        "\n"
        "→ Corvane Biologics added Tomas Reyes, Ph.D., to its board of directors.\n"
    )
    found = facts(text)
    assert ("post", "Tomas Reyes", "Corvane Biologics", "director", "current") in found
    assert not any(f[1] == "Tomas Reyes" and f[2] == "Ostara Therapeutics" for f in found)


def test_statement_in_capitals_is_read_in_ordinary_case():
    text = (
        "BRIEF-Quarnby Mutual Insurance says chairman resigns\n"
        "\n"
        "* SAYS APPOINTS GAO MINGYU AS BOARD SECRETARY, REPLACING LORNA BEASLEY WHO HAS REACHED RETIREMENT AGE\n"
        "* SAYS VICE CHAIRMAN HE RUIFENG TO PERFORM DUTIES OF CHAIRMAN\n"
        "QUARNBY MUTUAL HOLDINGS LIMITED\n"
    )
    assert {"Gao Mingyu", "Lorna Beasley", "He Ruifeng"} <= persons(text)
    assert not {"Retirement Age", "Reached Retirement"} & persons(text)


def test_hkex_board_composition_lists_each_director_and_a_semicolon_ends_a_title():
    text = (
        "Pinecrest Harbour Holdings Limited announces that Mr. Lau Ka Ming has been appointed as the CEO.\n"
        "As at the date of this announcement, the Board comprises Ms. Yip Mei Ling (Chairlady), Mr. Lau Ka Ming and "
        "Mr. Kwan Tat Wai as executive Directors; Mr. Sze Chun Hok as non-executive Director; and Mr. Poon Wai Kit "
        "as independent non-executive Director."
    )
    found = facts(text)
    org = "Pinecrest Harbour Holdings Limited"
    assert ("post", "Yip Mei Ling", org, "chairman", "current") in found
    assert ("post", "Yip Mei Ling", org, "executive-director", "current") in found
    assert ("post", "Sze Chun Hok", org, "non-executive-director", "current") in found
    assert ("post", "Sze Chun Hok", org, "executive-director", "current") not in found
