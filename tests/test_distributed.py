"""newsx on Ray Data: extract_dataset gives exactly what Extractor.pipe gives, failures come back
as rows, and `newsx run --ray local` writes resumable part files. One local Ray per session."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli_helpers import valid

ray = pytest.importorskip("ray")  # in the test extra; never skipped in CI

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
SEED = ROOT / "seeds" / "000_74118320347f371e.txt"
FAILING_ID = "broken"


@pytest.fixture(scope="session")
def ray_local():
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, object_store_memory=200 * 1024**2,
                 log_to_driver=False, configure_logging=False)
    yield ray
    if started:
        ray.shutdown()


def _generated(count: int) -> list[str]:
    people = ["Li Shangfu", "Angela Merkel", "Joe Biden", "Kazem Jalali", "Emmanuel Macron", "Jacinda Ardern"]
    places = ["Iran", "China", "Germany", "France", "Brazil", "Kenya", "Japan"]
    organisations = ["the United Nations", "Reuters", "NATO", "the World Bank"]
    texts = []
    for i in range(count):
        person, place = people[i % len(people)], places[i % len(places)]
        organisation = organisations[i % len(organisations)]
        texts.append(
            f"{place.upper()} (Reuters) - {person} met officials from {organisation} on day {i}.\n\n"
            f"“We will not back down,” {person} said in {place}. {person.split()[-1]} added that talks "
            f"with {organisation} would go on, according to a spokesman.\n\n"
            f"Officials in {places[(i + 1) % len(places)]} said the plan was “premature”."
        )
    return texts


@pytest.fixture(scope="session")
def articles() -> list[tuple[str, str]]:
    """(id, text): the seed, PolNeAR dev when present, and generated articles: a few hundred."""
    rows = [("seed", SEED.read_text(encoding="utf-8"))]
    if POLNEAR_DEV.exists():
        with POLNEAR_DEV.open(encoding="utf-8") as lines:
            rows += [(f"polnear-{i}", json.loads(line)["text"]) for i, line in enumerate(lines) if line.strip()]
    rows += [(f"gen-{i}", text) for i, text in enumerate(_generated(300 - len(rows)))]
    return rows


def test_extract_dataset_equals_single_process(ray_local, extractor, articles):
    import pandas as pd

    from newsx.distributed import extract_dataset
    from newsx.reading import Document

    rows = list(articles)
    rows.insert(150, (FAILING_ID, None))  # not a string: must come back as an error row
    frame = pd.DataFrame({"id": [i for i, _ in rows], "text": [t for _, t in rows]})
    # Eight blocks made in the driver: an upstream repartition would need a CPU that the two
    # actors already hold on this 2-CPU cluster.
    ds = ray_local.data.from_pandas([frame.iloc[i::8] for i in range(8)])
    result = extract_dataset(ds, id_column="id", concurrency=2, batch_size=16).to_pandas()

    assert len(result) == len(rows)
    by_id = {r["id"]: r for r in result.to_dict("records")}
    assert set(by_id) == {i for i, _ in rows}
    broken = by_id[FAILING_ID]
    assert broken["newsx"] is None and "not a string" in broken["error"]

    expected = extractor.pipe((Document(i, t) for i, t in articles), as_dicts=True)
    for (ident, _), want in zip(articles, expected, strict=True):
        got = by_id[ident]
        assert got["error"] is None, (ident, got["error"])
        assert json.loads(got["newsx"]) == want, ident
        assert "\n" not in got["newsx"]


def test_extract_dataset_reports_an_extractor_failure(ray_local, monkeypatch):
    """An article the extractor raises on (an actor subclass makes one text raise) is reported on
    its row as an internal error; the rest of its batch is still analysed."""
    import pandas as pd

    from newsx import distributed

    class Failing(distributed.NewsxActor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            original = self.extractor.analyze_doc

            def analyze_doc(doc, text, source="<text>"):
                if "EXPLODE" in text:
                    raise RuntimeError("boom")
                return original(doc, text, source)

            self.extractor.analyze_doc = analyze_doc

    monkeypatch.setattr(distributed, "NewsxActor", Failing)
    texts = ["“Yes,” she said.", "EXPLODE here.", "Iran said so."]
    ds = ray_local.data.from_pandas(pd.DataFrame({"text": texts}))
    result = distributed.extract_dataset(ds, concurrency=1, tasks=("quotes",)).to_pandas()
    assert result["error"].isna().tolist() == [True, False, True]
    assert "internal error (RuntimeError: boom)" in result["error"][1]
    assert valid(json.loads(result["newsx"][0]))["quotes"][0]["text"] == "Yes,"


def _read_parts(out: Path) -> list[dict]:
    return [valid(json.loads(line)) for part in sorted(out.glob("*.jsonl")) for line in part.read_text().splitlines()]


def test_newsx_run_ray_local_writes_resumable_parts(ray_local, tmp_path, extractor, articles, capsys):
    # The plain function behind the Typer command (CliRunner closes the stream Ray's loggers hold).
    from newsx.cli.run import run_command
    from newsx.reading import Document

    def newsx_run(source: Path, out: Path):
        code = run_command("local", source, out, tasks="entities,quotes", model=None, concurrency=None,
                           block_rows=5)
        return code, capsys.readouterr().err

    sample = articles[:3] + articles[-9:]
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": i, "text": t}) for i, t in sample]
    lines.insert(5, json.dumps({"id": FAILING_ID, "text": 42}))
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"

    code, err = newsx_run(source, out)
    assert code == 1, err
    failing = f"{source}:6"  # a record without a text string is named by its line, as newsx --jsonl does
    assert f"{failing}: " in err and "1 failed" in err
    parts = sorted(out.glob("*.jsonl"))
    assert [p.name for p in parts] == ["in.jsonl.00000.jsonl", "in.jsonl.00001.jsonl", "in.jsonl.00002.jsonl"]
    assert not list(out.glob(".*.tmp"))
    rows = _read_parts(out)
    assert [r["source"] for r in rows] == [i for i, _ in sample[:5]] + [failing] + [i for i, _ in sample[5:]]
    assert rows[5] == {"schema": "newsx/2", "source": failing, "error": rows[5]["error"]} and rows[5]["error"]
    expected = list(extractor.pipe((Document(i, t) for i, t in sample), as_dicts=True))
    assert rows[:5] + rows[6:] == expected

    # A rerun skips every block already written, and resumes after a lost part.
    times = {p.name: p.stat().st_mtime_ns for p in parts}
    parts[2].unlink()
    code, err = newsx_run(source, out)
    assert code == 0, err  # the failing record is in block 1, not rerun: its failure was reported before
    assert "1 new part files" in err and "2 blocks already done" in err
    for part in (parts[0], parts[1]):
        assert part.stat().st_mtime_ns == times[part.name]
    assert _read_parts(out) == rows


def test_newsx_run_usage_errors(tmp_path):
    from newsx.cli import app

    text = tmp_path / "a.txt"
    text.write_text("Hello.")
    for args in (["run", "--ray", "local", str(text), str(tmp_path / "o")],
                 ["run", "--ray", "local", str(tmp_path / "missing.jsonl"), str(tmp_path / "o")],
                 ["run", "--ray", "local", str(text), str(text)],
                 ["run", "--ray", "local", "--tasks", "nouns", str(text), str(tmp_path / "o")],
                 ["run", str(text), str(tmp_path / "o")]):
        assert CliRunner().invoke(app, args).exit_code == 2, args


def test_help_and_import_never_import_ray():
    code = ("import sys\nimport newsx, newsx.distributed\nfrom typer.testing import CliRunner\n"
            "from newsx.cli import app\n"
            "assert CliRunner().invoke(app, ['run', '--help']).exit_code == 0\n"
            "assert 'ray' not in sys.modules and 'spacy' not in sys.modules, sorted(sys.modules)[:5]\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
