"""The JSON form of results: the one place where result types become dicts and bytes.

Every object carries ``"schema": SCHEMA``. Keys are only renamed or removed with a new schema
version; new keys may be added within a version.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import orjson

from .base import SECTIONS
from .types import Article, Entities, Entity, InputProblem, Quote, QuotePart

if TYPE_CHECKING:
    from .sources import SourcesReport

#: The version of the JSON layout, in every object newsx writes. newsx/2: a quote is one
#: attribution, with its ``parts`` and its ``kind`` (see the README, "from newsx/1").
SCHEMA = "newsx/2"


def entity_to_dict(entity: Entity, *, person: bool = False) -> dict[str, Any]:
    """One entity as JSON-ready data; a ``person`` (of the people section) also has ``role``,
    ``organisation`` and ``gender``, null where the article gives none.

    >>> from newsx.types import Mention
    >>> entity_to_dict(Entity("Iran", "GPE", (Mention("Iran", 0, 4),), code="IR"))["code"]
    'IR'
    >>> entity_to_dict(Entity("Jane Doe", "PERSON", (Mention("Jane Doe", 0, 8),), gender="female"), person=True)["gender"]
    'female'
    """
    data: dict[str, Any] = {
        "name": entity.name,
        "label": entity.label,
        "count": entity.count,
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in entity.mentions],
    }
    if entity.code is not None:
        data["code"] = entity.code
    if entity.aliases:
        data["aliases"] = list(entity.aliases)
    if person:
        data["role"] = entity.role
        data["organisation"] = entity.organisation
        data["gender"] = entity.gender
    return data


def person_details(entity: Entity) -> str:
    """A person's role, organisation and gender as the article gives them, joined by "; " (for the
    tables and the Markdown).

    >>> person_details(Entity("Li Shangfu", "PERSON", (), role="defence minister", organisation="China"))
    'defence minister; China'
    """
    return "; ".join(v for v in (entity.role, entity.organisation, entity.gender) if v)


def entities_to_dict(entities: Entities) -> dict[str, list[dict[str, Any]]]:
    """The entity sections (``newsx.base.SECTIONS``) as JSON-ready lists."""
    return {
        section: [entity_to_dict(e, person=section == "people") for e in getattr(entities, section)]
        for section in SECTIONS
    }


def quote_to_dict(quote: Quote, *, explain: bool = False) -> dict[str, Any]:
    """One quote as JSON-ready data, with every key present (None becomes null); with ``explain``,
    also ``"explain"``: the rules that made it.

    >>> quote_to_dict(Quote("Yes", 1, 4, "direct", None, None, None, None, None, None, None, rules=("direct:dash-name",)),
    ...               explain=True)["explain"]
    ['direct:dash-name']
    """
    data: dict[str, Any] = {
        "text": quote.text, "start": quote.start, "end": quote.end,
        "parts": [{"text": p.text, "start": p.start, "end": p.end} for p in quote.parts],
        "type": quote.type, "kind": quote.kind, "speaker": quote.speaker, "speaker_start": quote.speaker_start, "speaker_end": quote.speaker_end,
        "speaker_kind": quote.speaker_kind, "organisation": quote.organisation,
        "speaker_gender": quote.speaker_gender, "speaker_role": quote.speaker_role,
        "cue": quote.cue, "cue_start": quote.cue_start, "cue_end": quote.cue_end,
    }
    if explain:
        data["explain"] = list(quote.rules)
    return data


def quote_from_dict(data: dict[str, Any]) -> Quote:
    """A quote back from :func:`quote_to_dict`'s data (its ``explain`` becomes ``rules``); keys
    that :class:`Quote` does not have are ignored.

    >>> q = Quote("A B", 0, 9, "direct", None, None, None, None, None, None, None,
    ...           parts=(QuotePart("A", 0, 1), QuotePart("B", 8, 9)))
    >>> quote_from_dict(quote_to_dict(q)) == q
    True
    """
    fields = {k: v for k, v in data.items() if k in Quote.__dataclass_fields__ and k not in ("parts", "rules")}
    parts = tuple(QuotePart(p["text"], p["start"], p["end"]) for p in data.get("parts", ()))
    return Quote(**fields, parts=parts, rules=tuple(data.get("explain", ())))


def article_to_dict(article: Article, *, include_text: bool = False, explain: bool = False) -> dict[str, Any]:
    """An article's results as one JSON-ready object: the envelope every command writes.

    ``include_text`` adds the article's text (what the offsets index), ``explain`` each quote's rules.

    >>> article_to_dict(Article("a.txt", "", quotes=()))
    {'schema': 'newsx/2', 'source': 'a.txt', 'quotes': []}
    """
    data: dict[str, Any] = {"schema": SCHEMA, "source": article.source}
    if include_text:
        data["text"] = article.text
    if article.entities is not None:
        data.update(entities_to_dict(article.entities))
    if article.quotes is not None:
        data["quotes"] = [quote_to_dict(q, explain=explain) for q in article.quotes]
    return data


def problem_to_dict(problem: InputProblem) -> dict[str, Any]:
    """An unreadable input, for callers that want problems in the data stream too."""
    return {"schema": SCHEMA, "source": problem.source, "error": problem.reason}


def dumps_line(data: dict[str, Any]) -> bytes:
    """One JSON object as a line of UTF-8 bytes, newline included.

    >>> dumps_line({"a": 1})
    b'{"a":1}\\n'
    """
    try:
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        # Only a lone surrogate (possible in text handed to the library, never in decoded files)
        # is not UTF-8; the standard library writes it as a \ud800 escape, which JSON allows.
        import json

        return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


# -- text made safe to show -----------------------------------------------------------------------

#: Characters a terminal or a viewer would act on rather than show: C0 controls but tab and line
#: feed, DEL, C1 controls (U+009B starts an escape sequence on some terminals), and the bidi
#: embeddings, overrides and isolates that can make text display in another order than it reads
#: ("Trojan Source", CVE-2021-42574).
_UNSAFE = re.compile("\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == "\r\n":
        return "\n"
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    r"""``text`` with every character a terminal would act on shown as an escape (``\x1b``,
    ``\u202e``): what tables, Markdown and messages on stderr print of user text, so that an
    article, an id or a file name can neither colour, move or clear the screen nor forge a line.

    Line feeds are kept (a CRLF becomes one), unless ``one_line``, which escapes them and tabs too.
    The JSON is never escaped so: it stays exact.

    >>> visible("\x1b[31mred\x1b[0m")
    '\\x1b[31mred\\x1b[0m'
    >>> visible("a\r\nb\rc"), visible("x.txt\nnewsx: fake", one_line=True)
    ('a\nb\\rc', 'x.txt\\nnewsx: fake')
    """
    return (_UNSAFE_ONE_LINE if one_line else _UNSAFE).sub(_escape, text)


# -- newsx sources --------------------------------------------------------------------------------


def sources_to_dict(report: "SourcesReport") -> dict[str, Any]:
    """The JSON of ``newsx sources``: one object (schema ``newsx-sources/1``, not an article's), with
    the speakers and the totals by organisation and by gender. None is "not given" (or, for
    ``speaker``, the quotes without one).

    >>> from newsx.sources import SourcesReport
    >>> sources_to_dict(SourcesReport(2, 0, 0, 0, (), (), ()))["schema"]
    'newsx-sources/1'
    """
    from .sources import SOURCES_SCHEMA

    def counts(items: Any, key: str = "name") -> list[dict[str, Any]]:
        return [{key: item.name, "quotes": item.quotes} for item in items]

    def total(row: Any, key: str) -> dict[str, Any]:
        data = {key: row.name, "speakers": row.speakers, "quotes": row.quotes, "share": round(row.share, 4),
                "words": row.words}
        if row.articles is not None:
            data["articles"] = row.articles
        return data

    return {
        "schema": SOURCES_SCHEMA, "articles": report.articles, "quotes": report.quotes, "words": report.words,
        "speaker_rows": report.speaker_rows, "top": report.top,
        "speakers": [{
            "speaker": row.speaker, "named": row.named, "speakers": row.speakers, "quotes": row.quotes,
            "share": round(row.share, 4), "articles": row.articles, "words": row.words,
            "organisations": counts(row.organisations), "roles": counts(row.roles), "gender": row.gender,
            "genders": counts(row.genders, "gender"), "first_source": row.first_source,
            "last_source": row.last_source,
        } for row in report.speakers],
        "by_organisation": [total(row, "organisation") for row in report.by_organisation],
        "by_gender": [total(row, "gender") for row in report.by_gender],
    }
