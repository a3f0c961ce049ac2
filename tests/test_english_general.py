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
