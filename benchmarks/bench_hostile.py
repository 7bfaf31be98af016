#!/usr/bin/env python
"""Hostile inputs against ordinary news of the same length, in one run: time and peak memory.

    python benchmarks/bench_hostile.py [--quick] [--chars N] [--only NAMES] [--markdown]

Each row is one article of ``--chars`` characters (100,000 by default; ``--quick``: 30,000) made
to stress one part of newsx (issue 16's list: tiny quotes, "according to" runs, bold quote marks
in HTML, "A. " initials, alternating marks, nested reports, colon runs, unpaired marks, one huge
paragraph, no sentence ends, ALL CAPS, many names, nested brackets, HTML bombs ...), read by the
real CLI (``newsx analyze --json FILE``, stdout to /dev/null) in a process of its own, and set
against ordinary news of the same length read the same way in the same run:

* ``time``: the process's CPU time after the pipeline is loaded (``newsx.pipeline.load``
  returning; start-up is the same for every row and would only dilute the ratio), over that of
  the news article;
* ``memory``: the process's peak RSS over the news article's (the loaded pipeline included on
  both sides: what the machine must hold).

An HTML row (``--html``) is set against the news article as an HTML page of the same size. Text
dense in tokens (``"a" `` is three tokens in four characters; news, one in five or six) costs
spaCy itself more than news: each text row is also read by bare spaCy (the components newsx
analyze loads, batch 8, one thread), set against bare spaCy on the news article, and the ratios
are printed beside newsx's. A row passes when newsx's ratio is under 2 (``--limit``) or under 2
times spaCy's own on that input (newsx's part grows no faster than the work spaCy is given),
for time and for memory; or when newsx refuses the input with a one-line reason (exit code
non-zero, one line on stderr). A run past ``--kill-after`` times the news
article's time (at least 30 s) is killed and shown as such: a failure. The news article is read
first and last (the lower of the two is the reference), so that a change of the machine's load
during the run shows; the load average is printed before and after.

News is PolNeAR train's distinct texts joined (``../shared/eval/polnear/train.jsonl``, or
``$NEWSX_EVAL_DIR``), else the seed article repeated; inputs are written to a temporary
directory, never into the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import load_corpus, scale_text  # noqa: E402  (the same news as benchmarks/bench.py)

#: Runs the CLI in this process; writes its CPU time at load and at the end, and peak RSS.
PROBE = r"""
import json, resource, sys, time
out_path, argv = sys.argv[1], sys.argv[2:]
marks = {}
import newsx.pipeline as pipeline
original_load = pipeline.load
def load(*args, **kwargs):
    nlp = original_load(*args, **kwargs)
    marks.setdefault("loaded", time.process_time())
    marks.setdefault("loaded_rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return nlp
pipeline.load = load
sys.argv = ["newsx"] + argv
code = 0
try:
    from newsx.cli import main
    main()
except SystemExit as exit:
    code = exit.code if isinstance(exit.code, int) else 1
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out_path, "w") as out:
        json.dump({"cpu": usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime,
                   "loaded": marks.get("loaded"), "rss_kb": max(usage.ru_maxrss, children.ru_maxrss),
                   "loaded_rss_kb": marks.get("loaded_rss"), "code": code}, out)
sys.exit(code)
"""


#: Bare spaCy on the same text: the components newsx analyze loads, newsx's batch size, one thread.
SPACY = r"""
import json, resource, sys, time
out_path, path = sys.argv[1], sys.argv[2]
import spacy
from newsx.pipeline import _loadable, components_to_exclude, resolve_model
name = resolve_model()
nlp = spacy.load(_loadable(name), exclude=components_to_exclude(name, ("entities", "quotes")))
loaded, loaded_rss = time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
text = open(path, encoding="utf-8").read()
nlp.max_length = max(nlp.max_length, len(text) + 1)
for doc in nlp.pipe([text], batch_size=8):
    pass
usage = resource.getrusage(resource.RUSAGE_SELF)
with open(out_path, "w") as out:
    json.dump({"cpu": usage.ru_utime + usage.ru_stime, "loaded": loaded, "rss_kb": usage.ru_maxrss,
               "loaded_rss_kb": loaded_rss, "code": 0}, out)
"""


def repeat(unit: str) -> Callable[[int, str], str]:
    """A text of ``unit`` repeated to the size asked for."""
    return lambda size, news: (unit * (size // len(unit) + 1))[:size]


def from_news(change: Callable[[str], str]) -> Callable[[int, str], str]:
    """The news text changed by ``change``, cut or padded (with more news, changed) to the size."""
    def make(size: int, news: str) -> str:
        text = change(news)
        while len(text) < size:
            text += " " + change(news)
        return text[:size]
    return make


FIRST = "Anna Boris Carla David Elena Farid Grace Hiro Ines Jonas Kofi Lena Mateo Nadia Omar Priya".split()
LAST = "Smith Jones Okafor Tanaka Müller Rossi Novak Silva Haddad Kowalski Nguyen Larsen Costa Ivanova".split()


def many_names(size: int, news: str) -> str:
    """Distinct two-word names met in short sentences, paragraph after paragraph."""
    parts, total, i = [], 0, 0
    while total < size:
        a = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
        b = f"{FIRST[(i * 7 + 3) % len(FIRST)]} {LAST[(i * 5 + 1) % len(LAST)]}"
        sentence = f"{a} met {b} in Paris, and {b} said {a} was right.{chr(10) if i % 5 == 4 else ' '}"
        parts.append(sentence)
        total += len(sentence)
        i += 1
    return "".join(parts)[:size]


def unpaired_marks(news: str) -> str:
    """Prose whose quotes never close: every closing mark dropped, an opening one at every sentence."""
    for mark in "”\"’":
        news = news.replace(mark, "")
    return news.replace(". ", ". “")


def no_sentence_ends(news: str) -> str:
    for mark in ".!?;:\n":
        news = news.replace(mark, " ")
    return news


def nested_brackets(size: int, news: str) -> str:
    depth = size // 4
    return ("( " * depth + "x" + " )" * depth)[:size]


def html_page(body: Callable[[int, str], str]) -> Callable[[int, str], str]:
    return lambda size, news: f"<html><head><title>t</title></head><body>{body(size, news)}</body></html>"


def news_paragraphs(size: int, news: str) -> str:
    text = news[:size]
    return "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())


def many_attributes(size: int, news: str) -> str:
    return "<div " + " ".join(f'a{i}="x"' for i in range(size // 9)) + ">text</div>"


def deep_nesting(size: int, news: str) -> str:
    depth = size // 11
    return "<div>" * depth + "text" + "</div>" * depth


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    make: Callable[[int, str], str]
    html: bool = False


CASES = [
    Case("tiny quotes", '`"a" ` repeated', repeat('"a" ')),
    Case("according to", "`according to ` repeated", repeat("according to ")),
    Case("initials", "`A. ` repeated", repeat("A. ")),
    Case("alternating marks", "`“ ' \"` with spaces, repeated", repeat("“ ' \" ")),
    Case("quote marks only", "`“”` without spaces, repeated", repeat("“”")),
    Case("nested reports", '"Smith said that Jones said that ..."', repeat("Smith said that Jones said that ")),
    Case("colon runs", '"The minister said: " repeated', repeat("The minister said: ")),
    Case("unpaired marks", "news with every quote left open", from_news(unpaired_marks)),
    Case("one paragraph", "news with its line breaks made spaces", from_news(lambda t: t.replace("\n", " "))),
    Case("no sentence ends", "news without . ! ? ; : or line breaks", from_news(no_sentence_ends)),
    Case("all caps", "news in capitals", from_news(str.upper)),
    Case("many names", "distinct names meeting, said", many_names),
    Case("nested brackets", "`( ( ( ... x ... ) ) )`", nested_brackets),
    Case("html bold quotes", '`<b>"x"</b> ` repeated, in a page', html_page(repeat('<b>"x"</b> ')), html=True),
    Case("html attributes", "one element with many attributes", html_page(many_attributes), html=True),
    Case("html nesting", "`<div>` nested to the page's size", html_page(deep_nesting), html=True),
]


@dataclass
class Run:
    cpu: float  # after load
    rss_mb: float
    code: int
    message: str
    killed: bool = False


def measure(path: Path, html: bool, kill_after: float, workdir: Path, spacy: bool = False) -> Run:
    """One ``newsx analyze --json`` of ``path`` (``spacy``: bare spaCy's run) in a fresh process."""
    out = workdir / "probe.json"
    if out.exists():
        out.unlink()
    if spacy:
        argv = [sys.executable, "-c", SPACY, str(out), str(path)]
    else:
        argv = [sys.executable, "-c", PROBE, str(out), "analyze", "--json", "--max-chars", "100000000", str(path)]
        if html:
            argv.insert(-1, "--html")
    env = {**os.environ, "NEWSX_NO_PROGRESS": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}
    try:
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                              timeout=kill_after)
    except subprocess.TimeoutExpired:
        return Run(kill_after, 0.0, -1, f"killed after {kill_after:.0f} s", killed=True)
    data = (json.loads(out.read_text()) if out.exists()
            else {"cpu": 0.0, "loaded": 0.0, "rss_kb": 0, "code": done.returncode})
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    message = lines[-1].replace(f"{path}: ", "").replace("newsx: ", "") if lines else ""
    return Run(data["cpu"] - (data.get("loaded") or 0.0), data["rss_kb"] / 1024, int(done.returncode), message)


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=None, help="characters per input (default 100,000)")
    parser.add_argument("--quick", action="store_true", help="30,000 characters per input")
    parser.add_argument("--only", default="", help="comma-separated case names (default: all)")
    parser.add_argument("--limit", type=float, default=2.0, help="the ratio a row must stay under")
    parser.add_argument("--kill-after", type=float, default=10.0,
                        help="kill a run after this many times the news article's time (at least 30 s)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    size = args.chars or (30_000 if args.quick else 100_000)
    chosen = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = chosen - {case.name for case in CASES}
    if unknown:
        print(f"unknown case(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    cases = [case for case in CASES if not chosen or case.name in chosen]
    corpus, where = load_corpus()
    news = scale_text(corpus, size * 2 + 10_000)
    print(f"# newsx hostile inputs, {size:,} characters each; news: {where}", file=sys.stderr)
    print(f"# load average before: {load_average()}", file=sys.stderr)
    rows: list[list[str]] = []
    failures = 0
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)

        def write(name: str, text: str) -> Path:
            path = workdir / name
            path.write_text(text, encoding="utf-8")
            return path

        plain_news = write("news.txt", news[:size])
        html_news = write("news.html", html_page(news_paragraphs)(size, news))
        # (html, spacy) -> the runs of the news article: newsx on the text or the page, bare spaCy.
        references: dict[tuple[bool, bool], list[Run]] = {}

        def reference(html: bool, spacy: bool = False) -> Run:
            runs = references.setdefault((html, spacy), [])
            if not runs:
                runs.append(measure(html_news if html else plain_news, html, 600, workdir, spacy))
            return min(runs, key=lambda r: r.cpu)

        started = time.perf_counter()
        for case in cases:
            base = reference(case.html)
            text = case.make(size, news)
            path = write(f"case.{'html' if case.html else 'txt'}", text)
            run = measure(path, case.html, max(30.0, args.kill_after * base.cpu), workdir)
            time_ratio = run.cpu / base.cpu if base.cpu else float("inf")
            memory_ratio = run.rss_mb / base.rss_mb if base.rss_mb else float("inf")
            refused = run.code != 0 and not run.killed and bool(run.message)
            spacy_time = spacy_memory = None
            if not case.html and not refused and not run.killed:
                # What the same text costs spaCy itself: text dense in tokens costs it more than news.
                bare, bare_news = measure(path, False, 600, workdir, spacy=True), reference(False, spacy=True)
                spacy_time, spacy_memory = bare.cpu / bare_news.cpu, bare.rss_mb / bare_news.rss_mb
            time_ok = time_ratio < args.limit or (spacy_time is not None and time_ratio < args.limit * spacy_time)
            memory_ok = memory_ratio < args.limit or (spacy_memory is not None
                                                      and memory_ratio < args.limit * spacy_memory)
            ok = refused or (not run.killed and time_ok and memory_ok)
            failures += not ok
            outcome = (f"refused: {run.message}" if refused else
                       run.message if run.killed else
                       f"read (exit {run.code})" if run.code else "read")
            rows.append([case.name, case.what, f"{len(text):,}", f"{run.cpu:.2f}", f"{time_ratio:.2f}x",
                         f"{spacy_time:.2f}x" if spacy_time is not None else "-",
                         f"{run.rss_mb:,.0f}" if not run.killed else "-",
                         f"{memory_ratio:.2f}x" if not run.killed else "-",
                         f"{spacy_memory:.2f}x" if spacy_memory is not None else "-",
                         outcome, "ok" if ok else "FAIL"])
            print(f"  {case.name}: " + ", ".join(rows[-1][3:9]) + f" ({outcome})", file=sys.stderr, flush=True)
        for key in list(references):  # the news again at the end: the load may have changed
            references[key].append(measure(html_news if key[0] else plain_news, key[0], 600, workdir, key[1]))
        elapsed = time.perf_counter() - started
    print(f"# load average after: {load_average()}; {elapsed:.0f} s", file=sys.stderr)
    names = {(False, False): "newsx on news", (True, False): "newsx on the news as a page",
             (False, True): "bare spaCy on news"}
    references_text = "; ".join(
        f"{names[key]}: {' / '.join(f'{r.cpu:.2f}' for r in runs)} s CPU after load (first / last run), "
        f"{min(r.rss_mb for r in runs):,.0f} MB peak" for key, runs in references.items())
    headers = ["input", "what", "chars", "CPU s", "time vs news", "spaCy's time vs news", "peak MB",
               "memory vs news", "spaCy's memory vs news", "newsx", ""]
    numeric = set(headers[2:9])
    if args.markdown:
        print(f"{size:,} characters per input; load average {load_average()}; {references_text}.\n")
        print("| " + " | ".join(headers) + " |")
        print("|" + "|".join("--:" if h in numeric else "---" for h in headers) + "|")
        for row in rows:
            print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    else:
        print(f"reference: {references_text}")
        widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
        print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
        for row in rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    print(f"{len(rows) - failures} of {len(rows)} rows within {args.limit:g}x of news or refused", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
