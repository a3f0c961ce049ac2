"""Explicit resources: a Pipeline reads the lexicon, rules, model and text tables it is given, and nothing else."""

import dataclasses
import shutil

import pytest

import kg
from kg.errors import SetupError
from kg.extraction.datafiles import DATA_DIR
from kg.extraction.lexicon import read_lexicon
from kg.extraction.pipeline import Pipeline
from kg.extraction.resources import default_resources, load_resources
from kg.extraction.text_tables import default_text_tables

NEW_TITLE = "快手宣布,张三出任首席梦想官。"  # a title kg/data does not know
NEW_CUE = "快手宣布,李四荣膺CTO。"  # a verb cues.tsv does not list


@pytest.fixture
def data(tmp_path):
    """A copy of kg/data to change."""
    return shutil.copytree(DATA_DIR, tmp_path / "data")


def append(path, line):
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def posts(doc):
    return {(doc.entities[f.subject].name, f.role) for f in doc.facts if f.kind == "post"}


def test_an_extra_role_word_changes_that_pipeline_only(data):
    append(data / "roles.tsv", "chief-dream-officer\t首席梦想官\tChief Dream Officer\t0")
    custom = Pipeline(dataclasses.replace(default_resources(), lexicon=read_lexicon(data)))
    assert ("张三", "chief-dream-officer") in posts(custom.extract(NEW_TITLE))
    assert posts(kg.extract(NEW_TITLE)) == set()  # the default pipeline, in the same process
    assert "首席梦想官" not in default_resources().lexicon.role_by_form
    assert "首席梦想官" in custom.resources.segmenter.tokenizer.FREQ
    assert "首席梦想官" not in default_resources().segmenter.tokenizer.FREQ


def test_rdf_of_a_custom_lexicon_labels_its_own_role(data):
    """The writer labels a role from the document (the lexicon that extracted it), not from kg/data."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import ORG, SKOS

    append(data / "roles.tsv", "chief-dream-officer\t首席梦想官\tChief Dream Officer\t1")
    doc = Pipeline(dataclasses.replace(default_resources(), lexicon=read_lexicon(data))).extract(NEW_TITLE)
    assert doc.roles["chief-dream-officer"].en == "Chief Dream Officer"
    graph = kg.to_rdf(doc)
    role = URIRef("https://kg.example.org/id/role/chief-dream-officer")
    assert (role, SKOS.prefLabel, Literal("首席梦想官", lang="zh")) in graph
    assert (role, SKOS.prefLabel, Literal("Chief Dream Officer", lang="en")) in graph
    assert (None, ORG.role, role) in graph
    assert len(list(graph.subjects(ORG.headOf, None))) == 1  # a head role: 张三 heads 快手


NEW_TITLE_EN = "Norvale Systems, Inc. today announced that Jane Doe has been appointed Chief Dream Officer."


def test_english_reads_the_pipelines_resources(data):
    """An English article goes through the same Resources: a role only a custom lexicon has is read
    there (and written), not by the default pipeline."""
    append(data / "roles.tsv", "chief-dream-officer\t首席梦想官\tChief Dream Officer\t1")
    custom = Pipeline(dataclasses.replace(default_resources(), lexicon=read_lexicon(data)))
    doc = custom.extract(NEW_TITLE_EN)
    assert doc.lang == "en" and ("Jane Doe", "chief-dream-officer") in posts(doc)
    assert "chief dream officer" in custom.resources.english.role_by_form
    assert custom.resources.english.lexicon is custom.resources.lexicon
    assert posts(kg.extract(NEW_TITLE_EN)) == set()
    assert "chief dream officer" not in default_resources().english.role_by_form
    assert "<https://kg.example.org/id/role/chief-dream-officer>" in kg.to_rdf(doc).serialize(format="nt")


def test_english_resources_leave_the_lexicon_alone():
    """English-only titles (en/extra_roles.tsv) are the English steps' own roles: the shared lexicon,
    which the Chinese steps read, is not changed by reading English."""
    from kg.extraction.en.resources import EnglishResources
    from kg.extraction.lexicon import load

    doc = kg.extract("Norvale Systems, Inc. named Kevin Shah Treasurer.")
    assert doc.roles["treasurer"].en == "Treasurer"
    assert "treasurer" in EnglishResources.load().roles
    assert "treasurer" not in load().roles and "treasurer" not in default_resources().lexicon.roles
    assert default_resources().english is EnglishResources.load()  # the default lexicon's: loaded once


def test_a_folders_own_english_tables_and_rules_are_read(data):
    """load_resources(folder) reads the folder's en/ too: its cue words, and its rules, which are checked."""
    append(data / "en" / "rules.tsv", "no_such_handler\tP\tJane Doe")
    with pytest.raises(SetupError, match=r"en/rules\.tsv:\d+"):
        load_resources(data).english  # noqa: B018 - read on first use
    shutil.copy(DATA_DIR / "en" / "rules.tsv", data / "en" / "rules.tsv")
    append(data / "en" / "cues.tsv", "appoint\tanointed")
    res = load_resources(data)
    assert res.english.en_dir == data / "en" and res.english.cues["anointed"] == "appoint"
    assert "anointed" not in default_resources().english.cues
    assert Pipeline(res).extract(NEW_TITLE_EN).lang == "en"


@pytest.mark.parametrize(
    ("name", "row", "problem"),
    [
        ("months.tsv", "13", r"en/months\.tsv:\d+: expected 2 tab-separated fields, got 1"),
        ("extra_roles.tsv", "chief-x\tChief X\t2", r"en/extra_roles\.tsv:\d+: the head column is not 0 or 1"),
        ("roles.tsv", "no-such-role\tNo Such", r"en/roles\.tsv:\d+: unknown role id 'no-such-role'"),
        ("cues.tsv", "appoint\t", r"en/cues\.tsv:\d+: field 2 is empty"),
    ],
)
def test_a_bad_english_row_is_an_error_naming_file_and_line(data, name, row, problem):
    from kg.extraction.en.resources import EnglishResources

    append(data / "en" / name, row)
    with pytest.raises(SetupError, match=problem):
        EnglishResources.read(default_resources().lexicon, data / "en")


def test_an_extra_cue_word_changes_that_pipeline_only(data):
    cues = (data / "cues.tsv").read_text(encoding="utf-8").splitlines()
    (data / "cues.tsv").write_text(
        "\n".join(ln + "|荣膺" if ln.startswith("appoint\t") else ln for ln in cues) + "\n", encoding="utf-8"
    )
    custom = Pipeline(load_resources(data))
    assert ("李四", "cto") in posts(custom.extract(NEW_CUE))
    assert posts(kg.extract(NEW_CUE)) == set()
    assert custom.resources.rules is not default_resources().rules  # read from the folder given


def test_the_default_resources_load_once():
    assert default_resources() is default_resources()
    assert Pipeline().resources is default_resources()
    assert Pipeline().extract(NEW_TITLE).text == kg.extract(NEW_TITLE).text


@pytest.mark.parametrize(
    "name, row, problem",
    [
        ("roles.tsv", "ceo\t首席执行官", r"roles\.tsv:\d+: expected 4 to 8 tab-separated fields, got 2"),
        ("roles.tsv", "x\t某官\tX\t2", r"roles\.tsv:\d+: a flag column is not 0 or 1"),
        ("roles.tsv", "\t某官\tX\t0", r"roles\.tsv:\d+: field 1 is empty"),
        ("companies.tsv", "某某公司\t\t\tfirm", r"companies\.tsv:\d+: kind 'firm' is not company or group"),
        ("companies.tsv", "某某公司", r"companies\.tsv:\d+: expected 4 tab-separated fields, got 1"),
        ("org_suffixes.tsv", "工作组\tunit\ttwo", r"org_suffixes\.tsv:\d+: min length 'two' is not a number"),
        ("cues.tsv", "appoint", r"cues\.tsv:\d+: expected 2 tab-separated fields, got 1"),
        ("qualifiers.tsv", "运营\thead\textra", r"qualifiers\.tsv:\d+: expected 2 tab-separated fields, got 3"),
        ("surnames.txt", "王\t小", r"surnames\.txt:\d+: expected 1 tab-separated fields, got 2"),
        ("rules.tsv", "no_such_rule\tP\tx", r"rules\.tsv:\d+: handler 'no_such_rule' is not a rule"),
        ("noise.tsv", "cut\t(广告", r"noise\.tsv:\d+: bad pattern '\(广告'"),
        ("noise.tsv", "shout\t广告", r"noise\.tsv:\d+: kind 'shout' is unknown"),
        ("linebreaks.tsv", "start", r"linebreaks\.tsv:\d+: expected at least 2 tab-separated fields, got 1"),
        ("dates.tsv", "year\t后年\ttwo", r"dates\.tsv:\d+: value 'two' is not a number"),
        ("dates.tsv", "ago_unit\t旬\tdecade", r"dates\.tsv:\d+: unit 'decade' is not one of day, week, month, year"),
        ("org_prefixes.tsv", "media\t据(\\S+报道", r"org_prefixes\.tsv:\d+: bad pattern"),
    ],
)
def test_a_bad_row_is_an_error_naming_file_and_line(data, name, row, problem):
    append(data / name, row)
    lineno = len((data / name).read_text(encoding="utf-8").splitlines())
    with pytest.raises(SetupError, match=problem) as caught:
        load_resources(data)
    assert f"{name}:{lineno}:" in str(caught.value) and "\n" not in str(caught.value)


ANNOUNCED = "快手宣布成立商业生态委员会。"


def test_a_folders_own_text_tables_change_that_pipeline_only(data):
    """noise.tsv and dates.tsv of the folder given are read by that pipeline (its prepare too), not by kg.extract."""
    append(data / "noise.tsv", "noise\t商业生态委员会")
    append(data / "dates.tsv", "day\t大前天\t-3")
    custom = Pipeline(load_resources(data))
    assert custom.prepare(ANNOUNCED).sentences[0].noise and custom.extract(ANNOUNCED).facts == []
    assert kg.extract(ANNOUNCED).facts[0].kind == "established"
    text = "大前天,快手宣布张三出任CTO。"

    def dates(doc):
        return [m.value for m in doc.mentions if m.kind == "date"]

    assert dates(custom.extract(text, date="2024-05-10")) == ["2024-05-07"]
    assert dates(kg.extract(text, date="2024-05-10")) == ["2024-05-08"]  # 前天 in it
    assert default_resources().text_tables is default_text_tables()


def test_a_folder_without_a_text_table_reads_kgs_own(data):
    (data / "noise.tsv").unlink()
    res = load_resources(data)
    assert res.text_tables.boilerplate == default_text_tables().boilerplate
    assert Pipeline(res).extract(ANNOUNCED).facts[0].kind == "established"


def test_a_missing_data_file_is_an_error_naming_it(data):
    (data / "honorifics.tsv").unlink()
    with pytest.raises(SetupError, match=r"honorifics\.tsv: cannot read data file"):
        load_resources(data)
