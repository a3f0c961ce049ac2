"""The relation rules of kg/data/rules.tsv: groups read by name, and a bad row caught at load (file and line)."""

import inspect
import re

import pytest

from kg.errors import SetupError
from kg.extraction import datafiles
from kg.extraction.facts import _Sentence
from kg.extraction.resources import default_resources


def write_rules(tmp_path, body: str):
    (tmp_path / "rules.tsv").write_text("# a comment\n" + body, encoding="utf-8")
    return tmp_path


def test_every_group_of_every_rule_is_named():
    for handler, pattern in default_resources().rules:
        assert pattern.groups == len(pattern.groupindex), f"rule {handler.__name__}: an unnamed group"


def test_the_groups_a_handler_reads_are_the_ones_it_declares():
    """What @rule declares is what the code reads: no group read by a name load_rules does not check."""
    for handler, pattern in default_resources().rules:
        read = set(re.findall(r"m\.(?:start|end|group|span)\(\"(\w+)\"\)", inspect.getsource(handler)))
        assert read <= set(handler.rule_groups), handler.__name__
        assert set(handler.rule_groups) <= set(pattern.groupindex), handler.__name__


def test_a_handler_that_is_no_rule_names_file_and_line(tmp_path):
    data = write_rules(tmp_path, "leave\tl\t刘强东卸任CEO\npost\tPR\tnot a rule\n")
    with pytest.raises(SetupError, match=r"rules\.tsv:3: handler 'post' is not a rule"):
        datafiles.load_rules("rules.tsv", _Sentence, data)
    data = write_rules(tmp_path, "foo\tP\tno such method\n")
    with pytest.raises(SetupError, match=r"rules\.tsv:2: handler 'foo' is not a rule"):
        datafiles.load_rules("rules.tsv", _Sentence, data)


def test_a_pattern_without_a_group_its_handler_reads_names_file_and_line(tmp_path):
    data = write_rules(tmp_path, "leave\tl\t刘强东卸任CEO\n\ntitle_is\t(?P<role>R)w(P)\tperson unnamed\n")
    with pytest.raises(SetupError, match=r"rules\.tsv:4: pattern has no group 'person'"):
        datafiles.load_rules("rules.tsv", _Sentence, data)


def test_a_row_without_a_pattern_or_with_a_broken_one_names_file_and_line(tmp_path):
    with pytest.raises(SetupError, match=r"rules\.tsv:2: expected handler <TAB> pattern"):
        datafiles.load_rules("rules.tsv", _Sentence, write_rules(tmp_path, "leave\n"))
    with pytest.raises(SetupError, match=r"rules\.tsv:2: bad pattern"):
        datafiles.load_rules("rules.tsv", _Sentence, write_rules(tmp_path, "leave\t(l\tbroken\n"))


def test_a_good_file_loads_in_order_and_optional_groups_read_as_none(tmp_path):
    data = write_rules(tmp_path, "title_is\t(?P<role>R)w(?P<person>P)\tx\nleave\tl\tx\n")
    loaded = datafiles.load_rules("rules.tsv", _Sentence, data)
    assert [h.__name__ for h, _ in loaded] == ["title_is", "leave"]
    ((_, by),) = [(h, p) for h, p in default_resources().rules if h.__name__ == "by"]
    m = by.search("bPa")  # "由张勇负责…": no organization, no title before 由
    assert m is not None and m.group("org") is None and m.group("role") is None and m.group("person") == "P"
