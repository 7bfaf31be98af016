"""The command line, end to end on the real model: bad inputs, encodings, offsets, JSON Lines, stdin,
directories, closed pipes, output files, usage errors, --jobs and --help.

Most tests run the Typer app in-process through CliRunner (the pipeline loads once per session);
the few that depend on a real process (pipes, imports) run ``newsx`` in a subprocess.
"""
from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from newsx import runner as runner_module
from cli_helpers import invoke, objects, valid
from newsx.output import SCHEMA
from newsx.reading import decode

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_74118320347f371e.txt"
SECTIONS = ("people", "countries", "places", "organisations", "other")

ARTICLE = (
    "\u201cWe will win,\u201d said Angela Merkel in Berlin on Monday.\n\n"
    "Fran\u00e7ois Hollande told reporters that Germany was right.\n"
)


def stderr_lines(result) -> list[str]:
    return result.stderr.splitlines()


def check_offsets(data: dict, text: str) -> None:
    """Every offset in one article's JSON cuts its text out of ``text``."""
    for section in SECTIONS:
        for entity in data.get(section, []):
            for mention in entity["mentions"]:
                assert text[mention["start"]:mention["end"]] == mention["text"], mention
    for quote in data.get("quotes", []):
        # newsx/2: each part cuts its text; the quote spans its parts and joins their texts.
        for part in quote["parts"]:
            assert text[part["start"]:part["end"]] == part["text"], quote
        assert (quote["start"], quote["end"]) == (quote["parts"][0]["start"], quote["parts"][-1]["end"]), quote
        assert quote["text"] == " ".join(part["text"] for part in quote["parts"]), quote
        if quote["cue"] is not None:
            assert text[quote["cue_start"]:quote["cue_end"]] == quote["cue"], quote
        if quote["speaker_start"] is not None:
            assert 0 <= quote["speaker_start"] < quote["speaker_end"] <= len(text), quote


def names(data: dict, section: str = "people") -> list[str]:
    return [entity["name"] for entity in data[section]]


@pytest.fixture
def good(tmp_path) -> tuple[Path, Path]:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Angela Merkel met Emmanuel Macron in Paris.\n", encoding="utf-8")
    second.write_text("Olaf Scholz spoke in Berlin.\n", encoding="utf-8")
    return first, second


# -- bad inputs -----------------------------------------------------------------------------------


def _missing(tmp_path, monkeypatch):
    return tmp_path / "missing.txt", "no such file or directory"


def _unreadable(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Angela Merkel spoke.")
    path.chmod(0)
    if os.access(path, os.R_OK):  # running as root, which reads anything: fail the open instead
        real_open = Path.open

        def open_(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)
        monkeypatch.setattr(Path, "open", open_)
    return path, "permission denied"


def _empty_directory(tmp_path, monkeypatch):
    directory = tmp_path / "empty"
    directory.mkdir()
    (directory / "notes.md").write_text("Not an article.")
    return directory, "directory holds no .txt files"


def _directory_named_txt(tmp_path, monkeypatch):
    directory = tmp_path / "x.txt"
    directory.mkdir()
    return directory, "directory holds no .txt files"


def _binary(header: bytes):
    def make(tmp_path, monkeypatch):
        path = tmp_path / "renamed.txt"
        path.write_bytes(header + bytes(range(256)) * 4)
        return path, "not text"
    return make


def _html(tmp_path, monkeypatch):
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html>\n<html><head><title>News</title></head><body></body></html>")
    return path, "no article text found in HTML"


@pytest.mark.model
@pytest.mark.parametrize("make_bad", [
    _missing, _unreadable, _empty_directory, _directory_named_txt,
    _binary(b"\x00\x00\x00\x00NUL"), _binary(b"\x89PNG\r\n\x1a\n"), _binary(b"%PDF-1.4\n"), _html,
], ids=["missing", "unreadable", "directory-without-txt", "directory-named-x.txt", "nul-bytes", "png",
        "pdf", "html"])
def test_cli_bad_input_is_one_line_and_the_rest_is_processed(tmp_path, monkeypatch, good, make_bad):
    bad, reason = make_bad(tmp_path, monkeypatch)
    result = invoke("entities", good[0], bad, good[1], "--json")
    assert result.exit_code == 1
    [line] = stderr_lines(result)
    assert line.startswith(f"newsx: {bad}: {reason}")
    assert [data["source"] for data in objects(result)] == [str(good[0]), str(good[1])]


@pytest.mark.model
@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n \n"], ids=["empty", "whitespace"])
def test_cli_empty_file_gives_empty_lists(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    result = invoke("analyze", path, "--json")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert objects(result) == [{"schema": SCHEMA, "source": str(path), "people": [], "countries": [],
                                "places": [], "organisations": [], "other": [], "quotes": []}]


@pytest.mark.model
def test_cli_max_chars_refuses_a_long_text(tmp_path, good):
    long = tmp_path / "long.txt"
    long.write_text("Angela Merkel spoke. " * 10)
    result = invoke("entities", long, good[0], "--json", "--max-chars", "100")
    assert result.exit_code == 1
    assert stderr_lines(result) == [f"newsx: {long}: too long (210 characters; the limit is --max-chars 100)"]
    assert [data["source"] for data in objects(result)] == [str(good[0])]


@pytest.mark.model
def test_cli_megabyte_line_without_spaces_is_refused_clearly(tmp_path, good):
    line = tmp_path / "line.txt"
    line.write_bytes("\u201c".encode() * 1_000_000)
    result = invoke("analyze", line, good[0], "--json")
    assert result.exit_code == 1
    [message] = stderr_lines(result)
    assert message.startswith(f"newsx: {line}: not article text (a run of 1,000,000 characters without a space")
    assert [data["source"] for data in objects(result)] == [str(good[0])]


# -- encodings and offsets ------------------------------------------------------------------------

CRLF_ARTICLE = ARTICLE.replace("\n", "\r\n")
STRAIGHT_ARTICLE = ARTICLE.replace("\u201c", '"').replace("\u201d", '"')


@pytest.mark.model
@pytest.mark.parametrize("data, text", [
    (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), ARTICLE),
    (ARTICLE.encode("utf-16"), ARTICLE),
    (ARTICLE.encode("cp1252"), ARTICLE),
    (STRAIGHT_ARTICLE.encode("latin-1"), STRAIGHT_ARTICLE),
    (CRLF_ARTICLE.encode("utf-8"), CRLF_ARTICLE),
    (codecs.BOM_UTF16_LE + CRLF_ARTICLE.encode("utf-16-le"), CRLF_ARTICLE),
], ids=["utf-8-bom", "utf-16-bom", "windows-1252", "latin-1", "crlf", "utf-16-crlf"])
def test_cli_offsets_index_the_decoded_text(tmp_path, data, text):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert decode(data) == text
    result = invoke("analyze", path, "--json")
    assert result.exit_code == 0, result.stderr
    [article] = objects(result)
    check_offsets(article, text)
    assert "Angela Merkel" in names(article)
    assert "Fran\u00e7ois Hollande" in names(article)
    direct = [q for q in article["quotes"] if q["type"] == "direct"]
    assert [(q["text"], q["speaker"], q["cue"]) for q in direct] == [("We will win,", "Angela Merkel", "said")]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "\u00ab Nous allons gagner \u00bb, a dit Emmanuel Macron.\n\u201eWir schaffen das\u201c, sagte Angela Merkel.\n",
    "\u300c\u6211\u4eec\u4f1a\u8d62\u300d Li Shangfu said.\n\u300cunclosed and \u300d\u300d stray closers\n",
    "\u201cUnclosed quote, said Angela Merkel.\n\nStray closer\u201d and \u00bb and \u201d here.\n",
    "\u201cMismatched\u00bb marks\u201f everywhere,\u2019 she said. ``Old style,'' he added.\n",
    "\"\"\"\" \u201c\u201c\u201d\u201d \u00ab\u00ab\u00bb\u00bb \u2018\u2019\u2018 ' \u201a \u300e\u300f\n",
], ids=["guillemets-and-german", "cjk-brackets", "unpaired", "mismatched", "only-marks"])
def test_cli_exotic_quote_marks_do_not_break_anything(tmp_path, text):
    path = tmp_path / "marks.txt"
    path.write_text(text, encoding="utf-8")
    result = invoke("analyze", path, "--json")
    assert result.exit_code == 0, result.stderr
    [article] = objects(result)
    assert set(article) == {"schema", "source", *SECTIONS, "quotes"}
    check_offsets(article, text)


@pytest.mark.model
def test_cli_html_is_read_as_its_article_text(tmp_path):
    # Once refused with a hint to extract the text first; now newsx extracts it (tests/test_html.py).
    page = tmp_path / "page.txt"
    page.write_text("<html><head></head><body><p>\u201cYes,\u201d she said.</p></body></html>")
    result = invoke("quotes", page, "--json", "--include-text")
    assert result.exit_code == 0
    assert result.stderr == ""
    [article] = objects(result)
    assert article["text"] == "\u201cYes,\u201d she said."
    assert [(q["text"], q["cue"]) for q in article["quotes"]] == [("Yes,", "said")]
    check_offsets(article, article["text"])


# -- JSON Lines, stdin, directories ---------------------------------------------------------------

JSONL = (
    b'{"id": "a1", "text": "Angela Merkel spoke in Berlin."}\n'
    b'{not json\n'
    b'{"title": "no text"}\n'
    b'{"id": "n", "text": 42}\n'
    b'{"id": 7, "text": "Emmanuel Macron spoke in Paris."}\n'
)


def _check_jsonl_result(result, source):
    assert result.exit_code == 1
    assert stderr_lines(result) == [
        f"newsx: {source}:2: not valid JSON",
        f'newsx: {source}:3: no "text" field',
        f'newsx: {source}:4: "text" is a number, not a string',
    ]
    articles = objects(result)
    assert [(a["source"], names(a)) for a in articles] == [("a1", ["Angela Merkel"]), ("7", ["Emmanuel Macron"])]


@pytest.mark.model
def test_cli_jsonl_file_reports_bad_lines_and_goes_on(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(JSONL)
    _check_jsonl_result(invoke("entities", "--jsonl", path, "--json"), path)


@pytest.mark.model
def test_cli_jsonl_from_stdin(tmp_path):
    _check_jsonl_result(invoke("entities", "--jsonl", "-", "--json", input=JSONL), "<stdin>")


@pytest.mark.model
def test_cli_stdin_bytes_are_decoded():
    data = codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")
    result = invoke("quotes", "-", "--json", input=data)
    assert result.exit_code == 0
    [article] = objects(result)
    assert article["source"] == "<stdin>"
    check_offsets(article, ARTICLE)
    assert article["quotes"][0]["text"] == "We will win,"


@pytest.mark.model
def test_cli_directories_are_read_recursively_in_sorted_order(tmp_path, good):
    tree = tmp_path / "tree"
    for name, body in (("b/z.txt", "Olaf Scholz spoke."), ("a/y.txt", "Angela Merkel spoke."),
                       ("x.txt", "Emmanuel Macron spoke."), ("a/notes.md", "Not read.")):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(body)
    result = invoke("entities", good[1], tree, good[0], "--json")
    assert result.exit_code == 0
    assert [data["source"] for data in objects(result)] == [
        str(good[1]), str(tree / "a/y.txt"), str(tree / "b/z.txt"), str(tree / "x.txt"), str(good[0])]


# -- output ---------------------------------------------------------------------------------------


@pytest.mark.model
def test_cli_quotes_json_of_the_seed(tmp_path):
    result = invoke("quotes", SEED, "--json")
    assert result.exit_code == 0
    lines = result.stdout_bytes.splitlines()
    assert len(lines) == 1
    article = valid(orjson.loads(lines[0]))
    assert list(article) == ["schema", "source", "quotes"]
    assert article["schema"] == "newsx/2" and article["source"] == str(SEED)
    assert any(q["speaker"] == "Li Shangfu" for q in article["quotes"])
    check_offsets(article, SEED.read_text(encoding="utf-8"))


@pytest.mark.model
def test_cli_analyze_gives_entities_and_quotes():
    result = invoke("analyze", SEED, "--json")
    assert result.exit_code == 0
    [article] = objects(result)
    assert list(article) == ["schema", "source", *SECTIONS, "quotes"]
    assert "Li Shangfu" in names(article)
    assert {c["code"] for c in article["countries"]} >= {"CN", "IR"}
    assert article["quotes"]


@pytest.mark.model
def test_cli_tables_name_the_article_and_its_people(good, monkeypatch):
    monkeypatch.chdir(good[0].parent)
    result = invoke("entities", good[0].name)
    assert result.exit_code == 0
    assert result.stdout.startswith("first.txt")
    assert "Angela Merkel" in result.stdout and "Emmanuel Macron" in result.stdout


@pytest.mark.model
@pytest.mark.parametrize("flags", [["--json"], [], ["--format", "csv"], ["--format", "markdown"]],
                         ids=["json", "table", "csv", "markdown"])
def test_cli_closed_pipe_ends_quietly(tmp_path, flags):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Angela Merkel spoke.\n")
    # The second article takes a moment, so `head` has gone before it is written.
    (articles / "b.txt").write_text("Emmanuel Macron met Olaf Scholz in Berlin.\n\n" * 300)
    (articles / "c.txt").write_text("Olaf Scholz spoke.\n")
    script = f'newsx entities "{articles}" {" ".join(flags)} 2>"{tmp_path}/err" | head -1; echo "${{PIPESTATUS[0]}}"'
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NEWSX_NO_PROGRESS": "1"})
    first, status = done.stdout.splitlines()
    assert status == "0"
    assert (tmp_path / "err").read_text() == ""
    if "--json" in flags:
        assert orjson.loads(first)["source"] == str(articles / "a.txt")
    elif "csv" in flags:
        assert first == ("source,section,name,label,code,count,aliases,first_start,first_end,"
                         "person_role,person_organisation,person_gender")
    elif "markdown" in flags:
        assert first == f"## {articles / 'a.txt'}"


@pytest.mark.model
def test_cli_output_file_is_complete_after_success(tmp_path, good):
    out = tmp_path / "out" / "results.jsonl"
    out.parent.mkdir()
    result = invoke("entities", good[0], good[1], "--json", "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert [orjson.loads(line)["source"] for line in out.read_bytes().splitlines()] == [str(good[0]), str(good[1])]
    assert os.listdir(out.parent) == ["results.jsonl"]  # no temporary file left behind


@pytest.mark.model
def test_cli_output_file_is_untouched_after_an_interrupt(tmp_path, good, monkeypatch):
    out = tmp_path / "results.jsonl"
    out.write_bytes(b"previous results\n")
    real = runner_module.analyse_stream

    def interrupted(documents, options):
        stream = real(documents, options)
        yield next(stream)  # one article written to the temporary file, then Ctrl-C
        raise KeyboardInterrupt
    monkeypatch.setattr(runner_module, "analyse_stream", interrupted)
    result = invoke("entities", good[0], good[1], "--json", "-o", out)
    assert result.exit_code == 130
    assert stderr_lines(result) == [f"newsx: interrupted; {out} was not written"]
    assert out.read_bytes() == b"previous results\n"
    assert sorted(os.listdir(tmp_path)) == ["first.txt", "results.jsonl", "second.txt"]


def test_cli_output_file_is_not_written_when_the_model_fails(tmp_path, good):
    out = tmp_path / "results.jsonl"
    result = invoke("entities", good[0], "--json", "-o", out, "--model", "no_such_pipeline")
    assert result.exit_code == 2
    assert len(stderr_lines(result)) == 1
    assert sorted(os.listdir(tmp_path)) == ["first.txt", "second.txt"]


def test_cli_output_into_a_missing_directory_is_one_line(tmp_path, good):
    out = tmp_path / "no" / "such" / "results.jsonl"
    result = invoke("entities", good[0], "--json", "-o", out)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"newsx: {out}: cannot write: no such file or directory"]


# -- usage errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["entities", "x.txt", "--no-such-option"], "newsx entities: No such option: --no-such-option"),
    (["entities", "x.txt", "-j", "0"], "newsx entities: --jobs takes a whole number, 1 or more, not 0"),
    (["entities", "x.txt", "--max-chars", "many"],
     "newsx entities: --max-chars takes a whole number, from 1 to 1,099,511,627,776, not 'many'"),
    (["entities"], "newsx entities: Missing argument 'FILE'"),
    (["no-such-command"], "newsx: No such command 'no-such-command'"),
], ids=["unknown-option", "zero-jobs", "bad-integer", "no-files", "unknown-command"])
def test_cli_usage_error_is_one_line(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith(message)
    assert line.endswith("--help')")
    assert result.stdout == ""


@pytest.mark.parametrize("model, reason", [
    ("no_such_pipeline", "spaCy pipeline 'no_such_pipeline' is not installed"),
    ("spacy", "cannot load spaCy pipeline 'spacy'"),  # an importable package that is not a pipeline
    ("/", "cannot load spaCy pipeline '/'"),  # a directory that holds no pipeline
], ids=["not-installed", "not-a-pipeline-package", "not-a-pipeline-directory"])
@pytest.mark.model  # spaCy is asked to load what is not a pipeline
def test_cli_bad_model_is_one_line_and_exit_2(good, model, reason):
    result = invoke("quotes", good[0], "--json", "--model", model)
    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith(f"newsx: {reason}")
    assert result.stdout == ""


# -- --jobs ---------------------------------------------------------------------------------------


@pytest.mark.model
def test_cli_two_jobs_give_the_same_json_in_the_same_order(tmp_path):
    paths = []
    for index in range(20):  # more than one worker batch
        path = tmp_path / f"{index:02d}.txt"
        path.write_text(f"\u201cPoint {index},\u201d said Angela Merkel.\n\nEmmanuel Macron visited "
                        f"{['Paris', 'Iran', 'China', 'Berlin'][index % 4]} {index} times.\n")
        paths.append(path)
    paths.insert(7, tmp_path / "missing.txt")
    one = invoke("analyze", *paths, "--json", "-j", "1")
    two = invoke("analyze", *paths, "--json", "-j", "2")
    assert one.exit_code == two.exit_code == 1
    assert two.stdout_bytes == one.stdout_bytes
    assert [orjson.loads(line)["source"] for line in two.stdout_bytes.splitlines()] == [
        str(p) for p in paths if p.exists()]
    assert two.stderr == one.stderr


# -- help -----------------------------------------------------------------------------------------


def test_cli_help_does_not_import_spacy():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "import newsx.cli\n"
        "from newsx.cli._util import app\n"
        "for args in (['--help'], ['entities', '--help'], ['--version']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0, args\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'numpy')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("command", ["entities", "quotes", "analyze"])
def test_cli_command_help_shows_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    example = lines.index("  Example:")
    # The example is kept on one line, as typed.
    assert [line for line in lines[example + 1:] if line.strip()][0].strip().startswith(f"newsx {command} ")


def test_cli_version_prints_the_installed_version():
    from importlib.metadata import version

    import newsx

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"newsx {newsx.__version__}\n"
    assert newsx.__version__ == version("newsx")


@pytest.mark.model
@pytest.mark.parametrize("command", ["entities", "quotes", "analyze", "sources", "show"])
def test_cli_command_help_example_runs(command, tmp_path, monkeypatch):
    import shlex

    lines = invoke(command, "--help").stdout.splitlines()
    example = [line for line in lines[lines.index("  Example:") + 1:] if line.strip()][0]
    words = shlex.split(example)
    words = words[:words.index("|")] if "|" in words else words  # newsx's part of a pipeline
    assert words[:2] == ["newsx", command]
    if "-o" in words:
        words[words.index("-o") + 1] = str(tmp_path / "out")
    monkeypatch.chdir(SEED.parent.parent)  # examples name files of the repository
    result = invoke(*words[1:])
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "out").read_text(encoding="utf-8") if (tmp_path / "out").exists() else result.stdout
    assert "Li Shangfu" in written


def test_cli_shell_completion_offers_commands_and_formats():
    script = invoke("--show-completion", "bash")
    assert script.exit_code == 0 and "_NEWSX_COMPLETE=complete_bash" in script.stdout
    env = {**os.environ, "_NEWSX_COMPLETE": "complete_bash", "COMP_WORDS": "newsx quotes --format ",
           "COMP_CWORD": "3"}
    done = subprocess.run(["newsx"], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["table", "json", "csv", "markdown"]


@pytest.mark.model
def test_cli_output_to_a_device_writes_through_it_and_leaves_it_a_device(tmp_path):
    import stat as stat_module

    fifo = tmp_path / "results.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    done = subprocess.run([sys.executable, "-m", "newsx", "entities", str(SEED), "--json", "-o", str(fifo)],
                          capture_output=True)
    received = reader.communicate(timeout=60)[0]
    assert done.returncode == 0, done.stderr
    assert orjson.loads(received)["source"] == str(SEED)
    assert stat_module.S_ISFIFO(os.stat(fifo).st_mode)


# -- hostile inputs and odd environments (issue 17) -----------------------------------------------


@pytest.mark.model
def test_cli_closed_stdin_is_one_line_and_the_other_results_stay(tmp_path, good):
    # Once: a 296-line traceback, and the other file's result lost.
    done = subprocess.run(["bash", "-c", f'newsx entities "{good[0]}" - --json <&-'], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "NEWSX_NO_PROGRESS": "1"})
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["newsx: <stdin>: stdin is closed"]
    assert [orjson.loads(line)["source"] for line in done.stdout.splitlines()] == [str(good[0])]


ESCAPE = "\x1b[31m"


@pytest.fixture
def hostile(tmp_path) -> Path:
    """An article whose text and file name hold escape sequences, the name a line break too."""
    path = tmp_path / f"x{ESCAPE}\nnewsx: forged.txt"
    path.write_text(f"\u201c{ESCAPE}red,\u201d said Bob.\n")
    return path


@pytest.mark.model
@pytest.mark.parametrize("flags, shown", [([], "\\x1b[31mred,"), (["--format", "markdown"], "\\\\x1b\\[31mred,")],
                         ids=["table", "markdown"])
def test_cli_escape_sequences_are_shown_not_sent_to_the_terminal(hostile, flags, shown):
    # Once: raw ESC sequences from the text and the file name reached the terminal.
    result = invoke("quotes", hostile, *flags)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert shown in result.stdout  # Markdown escapes the backslash of the escape once more
    assert not any(line.startswith("newsx:") for line in result.stdout.splitlines())


@pytest.mark.model
def test_cli_escape_sequences_and_line_breaks_in_names_cannot_forge_a_message(hostile, tmp_path):
    missing = tmp_path / f"gone{ESCAPE}\nnewsx: all good.txt"
    result = invoke("quotes", hostile, missing, "--json")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()  # one line, not a forged second "newsx:" line
    assert "\x1b" not in line
    assert line == f"newsx: {tmp_path}/gone\\x1b[31m\\nnewsx: all good.txt: no such file or directory"
    # The JSON stays exact: the source and the text as they are.
    [article] = objects(result)
    assert article["source"] == str(hostile) and article["quotes"][0]["text"] == f"{ESCAPE}red,"


@pytest.mark.model
def test_cli_escape_sequences_in_json_lines_ids_are_shown_escaped(tmp_path):
    line = orjson.dumps({"id": f"id{ESCAPE}1", "text": "\u201cYes,\u201d said Bob."})
    bad = orjson.dumps({"id": f"id{ESCAPE}2", "text": 5})
    path = tmp_path / "in.jsonl"
    path.write_bytes(line + b"\n" + bad + b"\n")
    result = invoke("quotes", "--jsonl", path)
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert f"id\\x1b[31m1" in result.stdout
    assert result.stderr.splitlines() == [f'newsx: {path}:2: "text" is a number, not a string']


@pytest.mark.model
@pytest.mark.parametrize("columns", ["0", "-3", "wide", "5"])
def test_cli_odd_columns_still_print_the_table(good, columns):
    # Once: COLUMNS=0 printed nothing at all, exit 0.
    result = invoke("entities", good[0], env={"COLUMNS": columns})
    assert result.exit_code == 0
    assert "Paris" in result.stdout and "Emmanuel Macron" in result.stdout.replace("\n  ", " ")
    if columns == "5":  # narrower than anything can be read at: the narrowest newsx prints, a listing
        from newsx.formats import MIN_TABLE_WIDTH

        assert 10 < max(len(line) for line in result.stdout.splitlines()) <= MIN_TABLE_WIDTH
        assert "Merkel" in result.stdout.split()  # whole words, one a line at worst
    else:  # not a width at all: as if COLUMNS were not set (80 columns when not a terminal)
        assert result.stdout == invoke("entities", good[0], env={"COLUMNS": None}).stdout


@pytest.mark.model
def test_cli_stdout_in_ascii_is_written_with_escapes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\u201cYes,\u201d said Fran\u00e7ois Hollande.\n")
    done = subprocess.run(["bash", "-c", f'newsx quotes "{path}" | cat'], capture_output=True, timeout=120,
                          env={**os.environ, "NEWSX_NO_PROGRESS": "1", "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b"Fran\\xe7ois" in done.stdout or b"Fran\\u00e7ois" in done.stdout


@pytest.mark.model
def test_cli_unreadable_subdirectory_is_reported_and_the_rest_processed(tmp_path, monkeypatch):
    tree = tmp_path / "tree"
    for name in ("a/one.txt", "locked/two.txt", "z/three.txt"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("Angela Merkel spoke.")
    real = os.scandir

    def scandir(path="."):
        if Path(path) == tree / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke("entities", tree, "--json")
    assert result.exit_code == 1
    assert stderr_lines(result) == [f"newsx: {tree / 'locked'}: permission denied (a directory; its files were not read)"]
    assert [a["source"] for a in objects(result)] == [str(tree / "a/one.txt"), str(tree / "z/three.txt")]


@pytest.mark.model
def test_cli_nul_surrogate_and_mixed_encodings_are_read_with_warnings(tmp_path):
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"Angela Merkel spoke in Berlin. " * 300 + b"\x00 Olaf Scholz agreed.")
    mixed = tmp_path / "mixed.txt"
    first = "Caf\u00e9 owners met Angela Merkel.\n".encode()
    mixed.write_bytes(first + "Fran\u00e7ois Hollande spoke.\n".encode("cp1252"))
    lines = tmp_path / "in.jsonl"
    lines.write_bytes(b'{"id": "s", "text": "Angela Merkel said \\ud800 so."}\n')
    result = invoke("entities", nul, mixed, "--json", "--include-text")
    assert result.exit_code == 0
    assert stderr_lines(result) == [
        f"newsx: {nul}: warning: 1 NUL character replaced by U+FFFD",
        f"newsx: {mixed}: warning: not all UTF-8: 1 byte from byte offset {len(first) + 4} on read as Windows-1252",
    ]
    nul_result, mixed_result = objects(result)
    assert nul_result["text"].endswith("Berlin. \ufffd Olaf Scholz agreed.")
    assert nul_result["people"][0]["count"] == 300
    assert mixed_result["text"] == "Caf\u00e9 owners met Angela Merkel.\nFran\u00e7ois Hollande spoke.\n"
    assert "Fran\u00e7ois Hollande" in names(mixed_result)
    result = invoke("entities", "--jsonl", lines, "--json")
    assert result.exit_code == 0
    assert stderr_lines(result) == ["newsx: s: warning: 1 lone surrogate replaced by U+FFFD"]
    assert names(objects(result)[0]) == ["Angela Merkel"]


@pytest.mark.model
def test_cli_jobs_far_above_the_cpus_are_lowered_with_a_line(good):
    from newsx.runner import MAX_JOBS_PER_CPU

    most = MAX_JOBS_PER_CPU * (os.cpu_count() or 1)
    result = invoke("entities", *good, "--json", "-j", str(most * 100))
    assert result.exit_code == 0
    [line] = stderr_lines(result)
    assert line.startswith(f"newsx: -j {most * 100} is more than {MAX_JOBS_PER_CPU} workers per CPU") and line.endswith(
        f"running {most}")
    assert [a["source"] for a in objects(result)] == [str(p) for p in good]
