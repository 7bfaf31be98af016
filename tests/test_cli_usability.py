"""What a new user meets first (issue 14): help and errors written for people, -o's extension
choosing the format, JSON Lines read without --jsonl, a page of navigation alone, and the
schema's word for stdin."""
from __future__ import annotations

import re

import orjson
import pytest

from cli_helpers import invoke, objects

from newsx.output import SCHEMA

COMMANDS = ("entities", "quotes", "analyze", "sources", "show", "models", "schema", "run", "lexicon")

#: What Typer and pydantic print that no reader should have to decode.
PYTHON_WORDS = re.compile(r"<(?:list|str|int|float|path|file|dir)\b|\bint range\b|\bx[<>]=|<=x<=|Value error,|"
                          r"Input should be|\{FILE\}|\{IN\}")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Angela Merkel met Emmanuel Macron in Paris.\n", encoding="utf-8")
    return path


# -- help and usage errors ------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_has_metavars_not_python_types(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert not PYTHON_WORDS.search(result.stdout), PYTHON_WORDS.search(result.stdout)


def test_cli_help_usage_line_and_metavars_read_as_words():
    help_text = invoke("quotes", "--help").stdout
    assert "Usage: newsx quotes [OPTIONS] FILE..." in help_text
    assert "-j, --jobs N" in help_text and "--max-chars N" in help_text and "-o, --output PATH" in help_text
    assert "-f, --format table|json|csv|markdown" in help_text
    assert "default 1,000,000" in help_text  # a number as people write it
    assert "Usage: newsx run [OPTIONS] IN OUT" in invoke("run", "--help").stdout


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], "--format takes table, json, csv or markdown, not 'xml'"),
    (["-j", "0"], "--jobs takes a whole number, 1 or more, not 0"),
    (["-j", "two"], "--jobs takes a whole number, 1 or more, not 'two'"),
    (["--max-chars", "0"], "--max-chars takes a whole number, from 1 to 1,099,511,627,776, not 0"),
    (["--max-chars", "1e3"], "--max-chars takes a whole number, from 1 to 1,099,511,627,776, not '1e3'"),
    (["--timeout-per-article", "-1"], "--timeout-per-article takes a number of seconds (0 or more), not '-1'"),
    (["--timeout-per-article", "soon"], "--timeout-per-article takes a number of seconds (0 or more), not 'soon'"),
], ids=["format", "zero-jobs", "word-jobs", "zero-chars", "float-chars", "negative-timeout", "word-timeout"])
def test_cli_bad_values_say_what_the_option_takes(article, args, message):
    result = invoke("quotes", article, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"newsx quotes: {message} (see 'newsx quotes --help')"]
    assert not PYTHON_WORDS.search(result.stderr)


@pytest.mark.parametrize("args, message", [
    (["--concurrency", "0"], "--concurrency takes a whole number, 1 or more, not 0"),
    (["--block-rows", "-5"], "--block-rows takes a whole number, 1 or more, not -5"),
])
def test_cli_run_bad_values_say_what_the_option_takes(tmp_path, args, message):
    result = invoke("run", "--ray", "local", tmp_path / "in.jsonl", tmp_path / "out", *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"newsx run: {message} (see 'newsx run --help')"]


def test_cli_formats_are_still_taken_in_any_case(article):
    result = invoke("quotes", article, "--format", "CSV", "--include-text")
    assert result.stderr.splitlines() == [
        "newsx quotes: --include-text needs --format json, not --format csv (see 'newsx quotes --help')"]


# -- -o and its extension -------------------------------------------------------------------------


@pytest.mark.parametrize("name, first", [
    ("out.csv", b"source,section,name,"),
    ("out.json", f'{{"schema":"{SCHEMA}"'.encode()),
    ("out.jsonl", f'{{"schema":"{SCHEMA}"'.encode()),
    ("out.md", b"## "),
    ("out.txt", "\u250f".encode()),  # a table
    ("out.results", "\u250f".encode()),  # an extension that names no format: the default table
])
@pytest.mark.model
def test_cli_output_extension_sets_the_format(article, tmp_path, name, first):
    target = tmp_path / name
    result = invoke("entities", article, "-o", target)
    assert result.exit_code == 0, result.stderr
    written = target.read_bytes()
    assert written.startswith(first) or (first == "\u250f".encode() and first in written.splitlines()[1]), written[:200]
    assert result.stdout == ""


@pytest.mark.parametrize("args, message", [
    (["--format", "csv", "-o", "out.json"], "-o {dir}/out.json means --format json (by its extension), not --format csv"),
    (["--json", "-o", "out.md"], "-o {dir}/out.md means --format markdown (by its extension), not --json"),
    (["--format", "table", "-o", "out.CSV"], "-o {dir}/out.CSV means --format csv (by its extension), not --format table"),
])
def test_cli_output_extension_and_format_that_disagree_are_one_line(article, tmp_path, args, message):
    args = [str(tmp_path / a) if a.startswith("out.") else a for a in args]
    result = invoke("quotes", article, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"newsx quotes: {message.format(dir=tmp_path)} (see 'newsx quotes --help')"]
    assert not list(tmp_path.glob("out.*"))


# -- JSON Lines without --jsonl -------------------------------------------------------------------

RECORDS = (b'{"id": "first", "text": "Angela Merkel spoke in Berlin."}\n'
           b'{"id": "second", "text": "Emmanuel Macron spoke in Paris."}\n')


@pytest.mark.model
@pytest.mark.parametrize("name", ["articles.jsonl", "articles.NDJSON"])
def test_cli_a_jsonl_file_is_read_as_json_lines_without_the_flag(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(RECORDS)
    result = invoke("entities", path, "--json")
    assert result.exit_code == 0, result.stderr
    assert [(o["source"], [p["name"] for p in o["people"]]) for o in objects(result)] == [
        ("first", ["Angela Merkel"]), ("second", ["Emmanuel Macron"])]


@pytest.mark.model  # the pipeline loads before the first input is read
@pytest.mark.parametrize("where", ["file", "stdin"])
def test_cli_json_lines_under_another_name_are_named_as_such(tmp_path, where):
    path = tmp_path / "articles.txt"
    path.write_bytes(RECORDS)
    args, source = ((path,), str(path)) if where == "file" else (("-",), "<stdin>")
    result = invoke("quotes", *args, "--json", input=RECORDS if where == "stdin" else None)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'newsx: {source}: looks like JSON Lines (its first line is a JSON object with "text"): give --jsonl to '
        "read one article a line"]
    assert result.stdout == ""


# -- HTML without article text --------------------------------------------------------------------


@pytest.mark.parametrize("page", [
    "<html><body><nav>Home | World</nav></body></html>",
    "<!DOCTYPE html><html><head><title>News</title></head><body><nav><a href='/'>Home</a> | "
    "<a href='/world'>World</a></nav></body></html>",
    "<html><body><div role='navigation'><a href='/'>Home</a> | <a href='/w'>World</a></div></body></html>",
], ids=["nav", "nav-of-links", "role-navigation"])
@pytest.mark.model
def test_cli_page_of_navigation_alone_has_no_article_text(tmp_path, page):
    path = tmp_path / "menu.html"
    path.write_text(page)
    result = invoke("quotes", path, "--json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"newsx: {path}: no article text found in HTML"]
    assert result.stdout == ""


@pytest.mark.model
def test_cli_page_with_navigation_and_an_article_gives_the_article_alone(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><nav>Home | World</nav><article><p>\u201cWe will win,\u201d said Angela Merkel "
                    "in Berlin on Monday.</p></article></body></html>")
    result = invoke("quotes", path, "--json", "--include-text")
    assert result.exit_code == 0
    [data] = objects(result)
    assert "Home" not in data["text"] and data["quotes"][0]["speaker"] == "Angela Merkel"


# -- the schema's source for stdin ----------------------------------------------------------------


def test_cli_schema_names_stdin_as_the_output_does():
    from newsx.reading import STDIN_SOURCE, read_inputs

    import io

    schema = orjson.loads(invoke("schema").stdout)
    description = schema["properties"]["source"]["description"]
    [document] = read_inputs(["-"], stdin=io.BytesIO(b"Hello."))
    assert document.source == STDIN_SOURCE == "<stdin>"
    assert f"'{document.source}' for stdin" in description and "'-'" not in description


# -- the progress bar -----------------------------------------------------------------------------


def _stderr_on_a_terminal(args, env=None) -> str:
    """Run newsx with stderr on a pseudo-terminal (stdout piped) and return what it drew there."""
    import os
    import pty
    import subprocess

    leader, follower = pty.openpty()
    environ = {key: value for key, value in os.environ.items() if key != "NEWSX_NO_PROGRESS"}
    try:
        subprocess.run(["newsx", *map(str, args)], stdout=subprocess.DEVNULL, stderr=follower, stdin=subprocess.DEVNULL,
                       timeout=180, env={**environ, "COLUMNS": "100", **(env or {})}, check=False)
    finally:
        os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end is closed and everything was read
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    return drawn.decode("utf-8", errors="replace")


@pytest.mark.model
def test_runner_progress_bar_knows_the_total_of_a_directory(tmp_path):
    from newsx.runner import RunOptions, input_count

    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "more/c.txt"):
        (folder / name).write_text("Angela Merkel spoke in Berlin.\n")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # a problem is counted done too
    (folder / "notes.md").write_text("not an article")
    assert input_count([str(folder)], RunOptions(tasks=("entities",))) == 4
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", _stderr_on_a_terminal(["entities", folder, "--json"]))
    assert re.search(r"\b4/4\b", drawn), drawn
    assert "/?" not in drawn


def test_runner_input_count_is_unknown_for_stdin_and_json_lines(tmp_path):
    from newsx.runner import RunOptions, input_count

    (tmp_path / "a.jsonl").write_text('{"text": "Hi."}\n')
    options = RunOptions(tasks=("quotes",))
    assert input_count(["-"], options) is None
    assert input_count([str(tmp_path / "a.jsonl")], options) is None
    assert input_count([str(tmp_path)], RunOptions(tasks=("quotes",), jsonl=True)) is None
    assert input_count([str(tmp_path / "empty-dir-missing")], options) == 1


# -- the README's set-up commands -----------------------------------------------------------------


def _setup_commands() -> list[str]:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", section, re.DOTALL)


def test_readme_setup_commands_each_stand_alone_in_their_own_environment():
    main, tests = _setup_commands()
    for command, folder in ((main, ".venv"), (tests, ".venv-test")):
        # A fresh environment of its own, made and entered first; newsx and the pipeline installed in it.
        assert command.startswith(f"python -m venv {folder} && . {folder}/bin/activate && "), command
        assert "pip install -e " in command and "pip install -r models.txt" in command
    assert main.endswith("newsx entities seeds/000_74118320347f371e.txt")
    assert "'.[test]'" in tests and tests.endswith("python -m pytest && python -m mypy")


def test_ci_runs_the_readme_test_command_and_installs_chromium():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(["bash", str(root / ".ci" / "run")], capture_output=True, text=True, timeout=60,
                          env={"NEWSX_CI_PRINT": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == _setup_commands()[1]
    script = (root / ".ci" / "run").read_text()
    assert "apt-get install -y -qq chromium" in script and 'eval "$command"' in script
