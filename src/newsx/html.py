"""HTML pages: the article's text, without navigation, adverts, comments and footers (trafilatura).

newsx reads the text trafilatura extracts, and every offset it reports indexes that text (the JSON
carries it with ``--include-text``). trafilatura is imported only when a page is read, so commands
that read plain text, ``newsx --help`` and shell completion never load it.

A page is measured before it is parsed, in one pass that takes time linear in its size, and refused
with "HTML too complex: ..." past any of the limits below: libxml2 takes time quadratic in the
attributes of one element (150,000 of them, 3 MB, ran for more than ten minutes) and trafilatura
more than linear time in the number of elements. Extraction then runs under a time budget.
"""
from __future__ import annotations

import logging
import re
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Iterator, Optional

from .base import first_line

#: The reason given for a page in which trafilatura finds no article text.
NO_ARTICLE_TEXT = "no article text found in HTML"

#: Limits on a page: characters of markup, elements, nesting depth (of elements that need a
#: closing tag), attributes of one element, and seconds of extraction. News pages are well
#: inside them (a heavy one: 2 MB, 20,000 elements, 40 deep, 30 attributes, a second).
HTML_MAX_CHARS = 10_000_000
HTML_MAX_ELEMENTS = 50_000
HTML_MAX_DEPTH = 1_000
HTML_MAX_ATTRIBUTES = 1_000
#: ... and attributes on the whole page: libxml2's time grows with the square of each element's
#: attributes, so many elements each just under the limit add up (250 with 999 each: about 1 s).
HTML_MAX_TOTAL_ATTRIBUTES = 250_000
HTML_TIME_BUDGET = 20.0


class NoArticleText(ValueError):
    """Raised by :func:`extract_article_text` for a page without article text, with a one-line reason."""


class HtmlTooComplex(NoArticleText):
    """Raised by :func:`extract_article_text` for a page past the limits: "HTML too complex: ..."."""


@dataclass(frozen=True)
class PageShape:
    """What :func:`measure` finds of a page: the sizes the limits apply to."""

    chars: int
    elements: int
    depth: int
    attributes: int  # the most on one element
    total_attributes: int = 0


#: Elements without content, and elements whose closing tag HTML lets a page leave out: neither
#: deepens the nesting that the depth limit counts.
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_OPTIONAL_END = frozenset("html head body p li dt dd tr td th thead tbody tfoot colgroup option optgroup rb rt rp".split())
#: Elements whose content is text, not markup: their "<" start no tag.
_RAW_TEXT = frozenset("script style textarea title xmp".split())

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)|<!--")
_TAG_REST = re.compile(r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
_ATTRIBUTE = re.compile(r"""[^\s"'>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'>]*+))?""")


def measure(html: str) -> PageShape:
    """Measure a page in one pass over its tags, in time linear in its length.

    >>> measure('<html><body><div a="1" b=2><p>x<p>y</div><br></body></html>')
    PageShape(chars=59, elements=6, depth=1, attributes=2, total_attributes=2)
    """
    elements = depth = deepest = most = total = 0
    open_names: list[str] = []
    open_counts: dict[str, int] = {}
    position = 0
    while True:
        match = _TAG.search(html, position)
        if match is None:
            break
        if match.group(0) == "<!--":
            end = html.find("-->", match.end())
            position = len(html) if end < 0 else end + 3
            continue
        rest = _TAG_REST.match(html, match.end())
        if rest is None:  # a tag never closed: the rest of the page is inside it
            break
        position = rest.end()
        name = match.group(2).lower()
        if match.group(1):  # a closing tag: close up to the element it names, if open
            if open_counts.get(name):
                while open_names:
                    closed = open_names.pop()
                    open_counts[closed] -= 1
                    if closed == name:
                        break
                depth = len(open_names)
            continue
        elements += 1
        inside = html[match.end():rest.end() - 1]
        count = len(_ATTRIBUTE.findall(inside))
        most, total = max(most, count), total + count
        if name in _RAW_TEXT:
            closing = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(html, position)
            position = len(html) if closing is None else closing.end()
            continue
        if name in _VOID or name in _OPTIONAL_END or inside.rstrip().endswith("/"):
            continue
        open_names.append(name)
        open_counts[name] = open_counts.get(name, 0) + 1
        depth = len(open_names)
        deepest = max(deepest, depth)
    return PageShape(len(html), elements, deepest, most, total)


def check_complexity(html: str) -> None:
    """Raise HtmlTooComplex, with the measure that is past its limit, for a page newsx will not
    parse.

    >>> check_complexity("<div " + "a=1 " * 2000 + ">x</div>")
    Traceback (most recent call last):
    ...
    newsx.html.HtmlTooComplex: HTML too complex: an element with 2,000 attributes (the limit is 1,000)
    """
    if len(html) > HTML_MAX_CHARS:
        raise HtmlTooComplex(f"HTML too complex: {len(html):,} characters of markup (the limit is {HTML_MAX_CHARS:,})")
    shape = measure(html)
    if shape.attributes > HTML_MAX_ATTRIBUTES:
        raise HtmlTooComplex(f"HTML too complex: an element with {shape.attributes:,} attributes "
                             f"(the limit is {HTML_MAX_ATTRIBUTES:,})")
    if shape.total_attributes > HTML_MAX_TOTAL_ATTRIBUTES:
        raise HtmlTooComplex(f"HTML too complex: {shape.total_attributes:,} attributes "
                             f"(the limit is {HTML_MAX_TOTAL_ATTRIBUTES:,})")
    if shape.elements > HTML_MAX_ELEMENTS:
        raise HtmlTooComplex(f"HTML too complex: {shape.elements:,} elements (the limit is {HTML_MAX_ELEMENTS:,})")
    if shape.depth > HTML_MAX_DEPTH:
        raise HtmlTooComplex(f"HTML too complex: elements nested {shape.depth:,} deep (the limit is {HTML_MAX_DEPTH:,})")


class _OverBudget(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` in a library swallows it."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise HtmlTooComplex if the block runs longer than ``seconds`` (an interval timer; only in
    the main thread, and only when no other timer is running; elsewhere the block runs unbounded).
    """
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and seconds > 0 and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Optional[FrameType]) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OverBudget:
        raise HtmlTooComplex(f"HTML too complex: extracting its text took longer than {seconds:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _quiet_loggers() -> None:
    # trafilatura and the libraries it uses log through `logging`; with no handler configured,
    # Python would print their warnings on stderr, which carries one line per problem input only.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


#: Elements that are never article text, removed before trafilatura reads a page: on a page
#: without article text its fallback would otherwise return a menu ("Home | World") as the article.
NAVIGATION = "//nav | //menu | //*[@role='navigation' or @role='menubar']"


def _without_navigation(html: str) -> object:
    """The page parsed as trafilatura parses it, without its navigation (NAVIGATION); the text
    itself when it does not parse, for trafilatura to report."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return html
    for element in tree.xpath(NAVIGATION):
        element.drop_tree()
    return tree


def extract_article_text(html: str) -> str:
    """The main text of an HTML page: its headline and paragraphs, one paragraph a line.

    Boilerplate (navigation, related links, comments, tables, footers) is left out; trafilatura is
    asked to favour precision, so a doubtful block is dropped rather than kept. A page whose only
    text is its navigation has no article text.

    >>> extract_article_text("<html><body><article><p>\\u201cYes,\\u201d she said.</p></article></body></html>")
    '“Yes,” she said.'
    >>> extract_article_text("<html><body><nav>Home | World</nav></body></html>")
    Traceback (most recent call last):
    ...
    newsx.html.NoArticleText: no article text found in HTML

    A page past the limits (:func:`check_complexity`), or whose extraction takes longer than
    HTML_TIME_BUDGET seconds, raises HtmlTooComplex.
    """
    check_complexity(html)
    import trafilatura

    _quiet_loggers()
    try:
        with time_budget(HTML_TIME_BUDGET):
            text = trafilatura.extract(_without_navigation(html), include_comments=False, include_tables=False,
                                       favor_precision=True)
    except HtmlTooComplex:
        raise
    except _OverBudget:  # the alarm rang just as the block ended
        raise HtmlTooComplex(f"HTML too complex: extracting its text took longer than {HTML_TIME_BUDGET:g} s") from None
    except Exception as error:  # noqa: BLE001 - a page lxml cannot parse is a problem with that input
        detail = first_line(error)
        raise NoArticleText(f"{NO_ARTICLE_TEXT} ({type(error).__name__}" + (f": {detail})" if detail else ")")) from None
    if not text or not text.strip():
        raise NoArticleText(NO_ARTICLE_TEXT)
    return text
