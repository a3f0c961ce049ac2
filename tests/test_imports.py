"""``import kg``, ``import kg.graph`` and ``kg --help`` load neither the extractor nor jieba."""
import subprocess
import sys

import pytest

from conftest import ROOT, subprocess_env

HEAVY = ("jieba", "kg.pipeline", "kg.mentions", "kg.segment")


def loaded_after(code):
    check = code + f"\nimport sys\nprint('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=subprocess_env(),
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()[-1].removeprefix("loaded:")


@pytest.mark.parametrize("code", [
    "import kg",
    "import kg.graph",
    "import kg, kg.graph, kg.render, kg.query, kg.validate, kg.store",
    "import kg; kg.Document; kg.Sentence",
    "import sys; from kg.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
])
def test_light_imports(code):
    assert loaded_after(code) == ""


def test_lazy_names_resolve():
    import kg
    from kg import pipeline, rdf
    from kg.document import Document
    assert kg.extract is pipeline.extract and kg.to_rdf is rdf.to_rdf and kg.Document is Document
    assert set(kg.__all__) <= set(dir(kg))
    with pytest.raises(AttributeError):
        kg.no_such_name  # noqa: B018
    assert loaded_after("import kg; kg.extract") == ",".join(HEAVY)


def test_submodules_are_reached_from_the_package():
    """The README's ``kg.pipeline.prepare(text)`` and ``kg.rdf.to_ntriples(doc)`` work after a bare ``import kg``."""
    import kg

    doc = kg.pipeline.prepare("快手宣布成立商业生态委员会。")
    assert doc.sentences and callable(kg.rdf.to_ntriples)
    with pytest.raises(AttributeError):
        kg.no_such_module  # noqa: B018
