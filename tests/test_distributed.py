"""newsx on Ray Data: extract_dataset gives exactly what Extractor.pipe gives, failures come back
as rows, and `newsx run --ray local` writes part files that cannot collide, with a manifest that a
rerun checks before it resumes (with any --block-rows), and stops quietly on SIGTERM. One local
Ray per session; the articles are generated here (no test reads ../shared)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli_helpers import valid

ray = pytest.importorskip("ray")  # in the test extra; never skipped in CI

pytestmark = pytest.mark.ray

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_74118320347f371e.txt"
FAILING_ID = "broken"


@pytest.fixture(scope="session")
def ray_local():
    started = not ray.is_initialized()
    if started:
        # address="local": a cluster of this session's own, never one another process started.
        ray.init(address="local", num_cpus=2, include_dashboard=False, object_store_memory=200 * 1024**2,
                 log_to_driver=False, configure_logging=False)
    yield ray
    if started:
        ray.shutdown()


def _generated(count: int) -> list[str]:
    """News-like articles of our own, varied enough to exercise every kind of result: direct and
    reported quotes, cues before and after, pronouns, roles, organisations, countries, datelines,
    headlines, and an article of two paragraphs or of several."""
    people = ["Li Shangfu", "Angela Merkel", "Joe Biden", "Kazem Jalali", "Emmanuel Macron", "Jacinda Ardern",
              "Olaf Scholz", "Narendra Modi"]
    roles = ["the defence minister", "the foreign minister", "a spokesman", "the president"]
    places = ["Iran", "China", "Germany", "France", "Brazil", "Kenya", "Japan", "India", "Canada"]
    organisations = ["the United Nations", "Reuters", "NATO", "the World Bank", "the European Union"]
    texts = []
    for i in range(count):
        person, place = people[i % len(people)], places[i % len(places)]
        other, organisation = people[(i + 3) % len(people)], organisations[i % len(organisations)]
        surname, role = person.split()[-1], roles[i % len(roles)]
        paragraphs = [
            f"{place.upper()} (Reuters) - {person}, {role}, met officials from {organisation} on day {i}.",
            f"“We will not back down,” {person} said in {place}. {surname} added that talks with "
            f"{organisation} would go on, according to a spokesman.",
            f"Officials in {places[(i + 1) % len(places)]} said the plan was “premature”.",
        ]
        if i % 3 == 0:
            paragraphs.insert(0, f"{surname.upper()} SAYS TALKS WILL GO ON")
        if i % 4 == 1:
            paragraphs.append(f"{other} told reporters that {place} and {places[(i + 2) % len(places)]} "
                              f"would sign the accord. “It is a good day,” he said.")
        if i % 5 == 2:
            paragraphs.append(f"“There is no deal yet,” said {other}, who leads {organisation}. "
                              f"“We need more time.”")
        texts.append("\n\n".join(paragraphs))
    return texts


@pytest.fixture(scope="session")
def articles() -> list[tuple[str, str]]:
    """(id, text): the seed and 299 generated articles."""
    rows = [("seed", SEED.read_text(encoding="utf-8"))]
    rows += [(f"gen-{i}", text) for i, text in enumerate(_generated(299))]
    return rows


@pytest.mark.model
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


@pytest.mark.model
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
    """Every row of every part file, in input order (by the file id and first row each is named by;
    one input file in these tests)."""
    def first_row(part: Path) -> int:
        return int(part.name.rsplit(".", 2)[-2])
    return [valid(json.loads(line)) for part in sorted(out.glob("*.jsonl"), key=first_row)
            for line in part.read_text().splitlines()]


def _manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "_newsx_manifest").read_text().splitlines()]


@pytest.fixture
def newsx_run(ray_local, capsys):
    """The plain function behind `newsx run` (CliRunner closes the stream Ray's loggers hold)."""
    from newsx.cli.run import run_command

    def run(source: Path, out: Path, block_rows: int = 5, tasks: str = "entities,quotes"):
        code = run_command("local", source, out, tasks=tasks, model=None, concurrency=None, block_rows=block_rows)
        return code, capsys.readouterr().err
    return run


def _write_jsonl(path: Path, rows) -> None:
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows), encoding="utf-8")


@pytest.mark.model
def test_newsx_run_ray_local_writes_resumable_parts(newsx_run, tmp_path, extractor, articles):
    from newsx.reading import Document

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
    assert [int(p.name.rsplit(".", 2)[-2]) for p in parts] == [0, 5, 10]
    assert len({p.name.split(".")[-3] for p in parts}) == 1  # one input file, one id
    assert not list(out.glob(".*.tmp"))
    rows = _read_parts(out)
    assert [r["source"] for r in rows] == [i for i, _ in sample[:5]] + [failing] + [i for i, _ in sample[5:]]
    assert rows[5] == {"schema": "newsx/2", "source": failing, "error": rows[5]["error"]} and rows[5]["error"]
    expected = list(extractor.pipe((Document(i, t) for i, t in sample), as_dicts=True))
    assert rows[:5] + rows[6:] == expected
    manifest = _manifest(out)
    assert manifest[0]["tasks"] == ["entities", "quotes"]
    assert sorted(m["part"] for m in manifest if "part" in m) == [p.name for p in parts]
    assert [m["path"] for m in manifest if "path" in m] == ["in.jsonl"]

    # A rerun reads only the rows of a lost part, and leaves the others as they were.
    times = {p.name: p.stat().st_mtime_ns for p in parts}
    parts[2].unlink()
    code, err = newsx_run(source, out)
    assert code == 0, err  # the failing record is in block 1, not rerun: its failure was reported before
    assert "missing; its 3 rows will be read again" in err
    assert "3 articles in 1 new part files" in err and "(10 rows already done)" in err
    for part in (parts[0], parts[1]):
        assert part.stat().st_mtime_ns == times[part.name]
    assert _read_parts(out) == rows


@pytest.mark.model
def test_newsx_run_ray_part_names_never_collide(newsx_run, tmp_path, articles):
    """Input files whose names clean up alike ('a b' and 'a_b', 'sub/x' and 'sub__x') once shared
    part files, so that half the rows were lost without a word."""
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    names = ["a b.jsonl", "a_b.jsonl", "sub/x.jsonl", "sub__x.jsonl"]
    texts = [t for _, t in articles[1:9]]
    for number, name in enumerate(names):
        _write_jsonl(source / name, [(f"{name}-{k}", texts[2 * number + k]) for k in range(2)])
    out = tmp_path / "out"
    code, err = newsx_run(source, out, block_rows=1)
    assert code == 0, err
    parts = sorted(out.glob("*.jsonl"))
    assert len(parts) == 8, [p.name for p in parts]
    sources = sorted(json.loads(line)["source"] for p in parts for line in p.read_text().splitlines())
    assert sources == sorted(f"{name}-{k}" for name in names for k in range(2))
    assert "8 articles in 8 new part files" in err


@pytest.mark.model
def test_newsx_run_ray_resume_with_other_block_rows_reads_each_row_once(newsx_run, tmp_path, articles):
    source = tmp_path / "in.jsonl"
    sample = articles[10:22]
    _write_jsonl(source, sample)
    out = tmp_path / "out"
    code, err = newsx_run(source, out, block_rows=5, tasks="entities")
    assert code == 0, err
    first = _read_parts(out)
    assert len(first) == 12
    # The part of rows 5-9 is lost; the rerun at 2 rows a block rewrites those five rows only.
    [middle] = [p for p in out.glob("*.jsonl") if p.name.endswith(".0000000005.jsonl")]
    middle.unlink()
    code, err = newsx_run(source, out, block_rows=2, tasks="entities")
    assert code == 0, err
    assert "5 articles in 3 new part files" in err
    starts = sorted(int(p.name.rsplit(".", 2)[-2]) for p in out.glob("*.jsonl"))
    assert starts == [0, 5, 7, 9, 10]
    assert _read_parts(out) == first  # every row once, in order
    # Nothing left to do: another size again writes nothing.
    code, err = newsx_run(source, out, block_rows=4, tasks="entities")
    assert code == 0 and "0 articles in 0 new part files" in err


@pytest.mark.model
@pytest.mark.parametrize("change, message", [
    ("tasks", "was written with tasks ['entities'], not ['quotes']"),
    ("input", "changed since"),
    ("part", "not the"),
    ("old-layout", "but no _newsx_manifest"),
], ids=["other-tasks", "input-changed", "part-edited", "parts-without-manifest"])
def test_newsx_run_ray_refuses_a_resume_it_cannot_continue(newsx_run, tmp_path, articles, change, message):
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, articles[30:33])
    out = tmp_path / "out"
    if change == "old-layout":
        out.mkdir()
        (out / "in.jsonl.00000.jsonl").write_text("{}\n")
    else:
        code, err = newsx_run(source, out, tasks="entities")
        assert code == 0, err
    tasks = "entities"
    if change == "tasks":
        tasks = "quotes"
    elif change == "input":
        with source.open("a") as stream:
            stream.write(json.dumps({"id": "late", "text": "Angela Merkel spoke."}) + "\n")
    elif change == "part":
        [part] = out.glob("*.jsonl")
        part.write_text(part.read_text() + "{}\n")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, err = newsx_run(source, out, tasks=tasks)
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith("newsx: ") and message in line, line
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing written


@pytest.mark.model
def test_newsx_run_ray_sigterm_stops_quietly(tmp_path, articles):
    """SIGTERM to `newsx run --ray local` once dumped Ray's C++ stack; now one line and exit 143,
    the finished part files kept, and a rerun resumes."""
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, articles[:40])
    out = tmp_path / "out"
    env = {**os.environ, "NEWSX_NO_PROGRESS": "1"}
    process = subprocess.Popen([sys.executable, "-m", "newsx", "run", "--ray", "local", str(source), str(out),
                                "--block-rows", "2", "-c", "1", "--tasks", "entities"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 300
        while not list(out.glob("*.jsonl")) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)  # until the first part is written: the actors are at work
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 143, stderr.decode()
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and "SIGTERM received" not in text and "*** " not in text, text
    assert text.splitlines()[-1] == "newsx: stopped by SIGTERM; finished part files are kept, rerun to resume"
    assert stdout == b""
    assert not list(out.glob(".*.tmp"))
    written = {m["part"] for m in _manifest(out) if "part" in m}
    assert written and written == {p.name for p in out.glob("*.jsonl")}


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


def test_newsx_run_ray_refuses_an_out_another_run_is_writing(tmp_path):
    import fcntl

    from newsx.distributed import RunError, run_ray

    source = tmp_path / "in.jsonl"
    _write_jsonl(source, [("a", "Angela Merkel spoke.")])
    out = tmp_path / "out"
    out.mkdir()
    held = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(RunError, match="another newsx run is writing to it"):
            run_ray("local", source, out)
    finally:
        os.close(held)
    assert list(out.iterdir()) == []


@pytest.mark.model
def test_newsx_run_ray_is_quiet_by_default_and_verbose_shows_ray(tmp_path, articles):
    """Ray once printed about 25 lines of its own on stderr for ten articles (INFO lines, a C++
    notice at level E that read as an error): by default stderr now holds newsx's lines alone."""
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, articles[:3])
    env = {**os.environ, "NEWSX_NO_PROGRESS": "1"}
    for flags, quiet in (([], True), (["--verbose"], False)):
        out = tmp_path / f"out{len(flags)}"
        done = subprocess.run([sys.executable, "-m", "newsx", "run", "--ray", "local", str(source), str(out), "-c", "1",
                               "--tasks", "entities", *flags], capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        lines = done.stderr.splitlines()
        assert lines[-1] == "newsx: 3 articles in 1 new part files in %s (0 rows already done); 0 failed" % out
        ours = [line for line in lines if line.startswith("newsx: ")]
        if quiet:
            assert ours == lines, lines
        else:
            assert any("INFO" in line for line in lines) and len(ours) < len(lines), lines


def test_newsx_run_ray_quiet_sends_descriptor_2_aside_and_keeps_newsx_lines():
    script = ("import os, sys\n"
              "from newsx.distributed import _descriptor_2_aside\n"
              "with _descriptor_2_aside():\n"
              "    os.write(2, b'[E core_worker.cc] a notice from C++\\n')\n"
              "    print('newsx: our own line', file=sys.stderr)\n"
              "os.write(2, b'after\\n')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "newsx: our own line\nafter\n", done.stderr
    # With stderr closed (2>&-) there is nothing to set aside, and nothing fails.
    script = "from newsx.distributed import _descriptor_2_aside\nwith _descriptor_2_aside():\n    print('ok')\n"
    closed = subprocess.run(["bash", "-c", f'{sys.executable} -c "$0" 2>&-', script], capture_output=True, timeout=60)
    assert closed.returncode == 0 and closed.stdout == b"ok\n", closed
