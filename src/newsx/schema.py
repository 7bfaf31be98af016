"""The JSON Schema (draft 2020-12) of what ``newsx entities|quotes|analyze --json`` write.

One schema covers the three commands: every object has ``schema`` and ``source``; ``entities``
adds the five entity sections, ``quotes`` adds ``quotes``, ``analyze`` adds both. Objects are open
(``additionalProperties`` is not false), because a schema version may gain keys but never lose or
rename one. What JSON Schema cannot say is said in descriptions: offsets index the decoded text,
``text[start:end]`` equals the text they locate, and ``count`` equals the number of mentions.
"""
from __future__ import annotations

from typing import Any

from .lexicon import KINDS
from .output import SCHEMA
from .reading import STDIN_SOURCE

#: The JSON Schema dialect of :func:`json_schema`.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SECTIONS = {
    "people": "People, one per person however often and however written.",
    "countries": "Countries, with their ISO 3166-1 alpha-2 codes.",
    "places": "Cities, regions, natural features and buildings; code is the ISO 3166-1 alpha-2 code of the "
              "country the place is in, when the text or the gazetteer gives it.",
    "organisations": "Organisations, including news outlets and agencies.",
    "other": "Other names: nationalities and groups, events, works, products, laws, languages.",
}


def _offset(description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "description": description}


def _nullable(kind: str, description: str) -> dict[str, Any]:
    return {"type": [kind, "null"], "description": description}


def _stretch(description: str, text: str, of: str) -> dict[str, Any]:
    """A stretch of the article (a mention, a part of a quote): its text and offsets."""
    return {
        "type": "object",
        "description": description,
        "required": ["text", "start", "end"],
        "properties": {
            "text": {"type": "string", "minLength": 1, "description": text},
            "start": _offset(f"Index of {of}first character in the decoded text."),
            "end": _offset(f"Index after {of}last character (end exclusive)."),
        },
    }


def _entity() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "One person, country, organisation or other name, with all its mentions.",
        "required": ["name", "label", "count", "mentions"],
        "properties": {
            "name": {"type": "string", "minLength": 1,
                     "description": "The canonical name: the fullest form written, a country's common name."},
            "label": {"type": "string", "minLength": 1,
                      "description": "spaCy's label after newsx's corrections: PERSON, ORG, GPE, NORP, LOC, ..."},
            "count": {"type": "integer", "minimum": 1, "description": "The number of mentions."},
            "mentions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/mention"},
                         "description": "Every mention, in text order."},
            "code": {"type": "string", "pattern": "^[A-Z]{2}$",
                     "description": "ISO 3166-1 alpha-2 code of a country, of a nationality's country, or of "
                     "the country a place is in (when the text or the gazetteer gives it); absent otherwise."},
            "aliases": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1},
                        "description": "Other forms the name is written in; absent when there are none."},
            "role": _nullable("string", "People only: the person's role or title as the article gives it "
                              "(\"foreign minister\", \"spokeswoman\"); null when it gives none."),
            "organisation": _nullable("string", "People only: the organisation or country the person speaks "
                                      "for, as the article gives it; null when it gives none."),
            "gender": _gender("People only: the gender the article gives the person (a pronoun that refers to "
                              "them, Ms/Mr, spokeswoman); null when it gives none, never guessed from a name."),
        },
    }


def _gender(description: str) -> dict[str, Any]:
    return {"enum": ["female", "male", None], "description": description}


def _quote() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "One attribution: one statement of a speaker, direct or reported, with its cue. A "
        "quote split by its cue or continued over paragraphs without a cue of its own is one quote of "
        "several parts. Every key is present; a speaker or cue the text does not give is null.",
        "required": ["text", "start", "end", "parts", "type", "kind", "speaker", "speaker_start", "speaker_end",
                     "speaker_kind", "organisation", "cue", "cue_start", "cue_end"],
        "properties": {
            "text": {"type": "string",
                     "description": "The quoted or reported words without quote marks at their ends: the parts' "
                     "texts joined by one space (text == article_text[start:end] for a quote of one part)."},
            "start": _offset("Index of the first part's first character in the decoded text."),
            "end": _offset("Index after the last part's last character (end exclusive)."),
            "parts": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/part"},
                      "description": "The stretches of the quote's words in text order: the halves of a quote "
                      "split by its cue, the paragraphs of a quotation, or the one stretch of reported speech."},
            "type": {"enum": ["direct", "indirect", "mixed"],
                     "description": "direct: in quote marks; indirect: reported speech; mixed: both."},
            "kind": {"enum": list(KINDS),
                     "description": "What kind of attribution, from its cue: speech (said, told), writing "
                     "(wrote, tweeted), thought (believes, hopes), stance (praised, criticised), evidence (a "
                     "poll shows, records found). The commands list speech and writing unless "
                     "--attributions asks for more."},
            "speaker": _nullable("string", "The resolved speaker (\"Li Shangfu\" for a \"he\"): the same name for "
                                 "every quote of that person in the article; a role for someone unnamed "
                                 "(\"police spokesman\")."),
            "speaker_start": {"type": ["integer", "null"], "minimum": 0,
                              "description": "Where the speaker is named at this quote (or was last named)."},
            "speaker_end": {"type": ["integer", "null"], "minimum": 0, "description": "End of that span."},
            "speaker_kind": _nullable("string", "What names the speaker: person, organisation, pronoun "
                                      "(unresolved) or other."),
            "organisation": _nullable("string", "The speaker's affiliation when the text gives it (an "
                                      "organisation speaking is its own)."),
            "speaker_gender": _gender("The speaker's gender as the article gives it; null when it gives none."),
            "speaker_role": _nullable("string", "The speaker's role or title as the article gives it."),
            "cue": _nullable("string", "The word that introduces the quote (said, told, according)."),
            "cue_start": {"type": ["integer", "null"], "minimum": 0, "description": "Where the cue is."},
            "cue_end": {"type": ["integer", "null"], "minimum": 0, "description": "End of the cue."},
        },
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one output object of ``newsx entities``, ``quotes`` or ``analyze``.

    >>> schema = json_schema()
    >>> schema["properties"]["schema"]["const"], schema["required"]
    ('newsx/2', ['schema', 'source'])
    """
    sections = list(_SECTIONS)
    properties: dict[str, Any] = {
        "schema": {"const": SCHEMA, "description": "The version of this layout."},
        "source": {"type": "string",
                   "description": f"The input: a file path, {STDIN_SOURCE!r} for stdin (-), a JSON Lines record's id "
                   "or FILE:LINE (SOURCE:LINE for a record without an id)."},
        "text": {"type": "string", "description": "The decoded text, when asked for."},
    }
    for section, description in _SECTIONS.items():
        properties[section] = {"type": "array", "items": {"$ref": "#/$defs/entity"}, "description": description}
    properties["quotes"] = {"type": "array", "items": {"$ref": "#/$defs/quote"},
                            "description": "Every quote, in text order."}
    return {
        "$schema": DIALECT,
        "$id": f"urn:newsx:schema:{SCHEMA}",
        "title": f"newsx output ({SCHEMA})",
        "description": "One object per article per line (JSON Lines), as written by newsx entities, quotes "
        "and analyze with --json (newsx sources writes one object of another shape: newsx schema --sources). Offsets are Python string indices into the article's decoded text, end "
        "exclusive. Keys are renamed or removed only with a new schema version; new keys may be added.",
        "type": "object",
        "required": ["schema", "source"],
        "properties": properties,
        # The entity sections come together (entities, analyze).
        "dependentRequired": {section: sections for section in sections},
        "$defs": {"mention": _stretch("Where an entity is named: text == article_text[start:end].", "The name as written.", "the "),
                   "entity": _entity(),
                   "part": _stretch("One stretch of a quote's words: text == article_text[start:end].",
                                    "The words of this stretch.", "the stretch's "),
                   "quote": _quote()},
    }


def sources_json_schema() -> dict[str, Any]:
    """The JSON Schema of what ``newsx sources --json`` writes: one object for the whole run (not an
    article's), with its own version (``newsx-sources/1``).

    >>> schema = sources_json_schema()
    >>> schema["properties"]["schema"]["const"], schema["required"][:3]
    ('newsx-sources/1', ['schema', 'articles', 'quotes'])
    """
    from .sources import SOURCES_SCHEMA

    def count(description: str) -> dict[str, Any]:
        return {"type": "integer", "minimum": 0, "description": description}

    share = {"type": "number", "minimum": 0, "maximum": 1,
             "description": "This row's quotes as a share of all the quotes counted (0 to 1, four decimals)."}
    named_counts = {"type": "array", "items": {
        "type": "object", "required": ["name", "quotes"],
        "properties": {"name": {"type": "string"}, "quotes": count("Quotes that give it.")}}}
    gender = {"enum": ["female", "male", "female, male", None],
              "description": "The gender the articles give (a pronoun, Ms/Mr, spokeswoman); null when none "
              "does, never guessed; \"female, male\" when articles disagree."}
    total_properties = {
        "speakers": count("Speakers with quotes here (a named speaker once; an unnamed one once per article)."),
        "quotes": count("Quotes."), "share": share, "words": count("Words quoted (as wc -w counts them)."),
    }
    return {
        "$schema": DIALECT,
        "$id": f"urn:newsx:schema:{SOURCES_SCHEMA}",
        "title": f"newsx sources output ({SOURCES_SCHEMA})",
        "description": "One object for the whole run, as written by newsx sources --json: who is quoted "
        "across the articles, how often, for which organisations, and the gender the articles give. It "
        "counts exactly the quotes newsx quotes writes with the same options. Keys are renamed or removed "
        "only with a new schema version; new keys may be added.",
        "type": "object",
        "required": ["schema", "articles", "quotes", "words", "speaker_rows", "speakers", "by_organisation",
                     "by_gender"],
        "properties": {
            "schema": {"const": SOURCES_SCHEMA, "description": "The version of this layout."},
            "articles": count("Articles read (those that failed are reported on stderr, not counted)."),
            "quotes": count("Quotes counted: every quote newsx quotes writes for these articles."),
            "words": count("Words quoted, as wc -w counts them (runs of non-space)."),
            "speaker_rows": count("Speakers (named and unnamed rows, the row of quotes without a speaker aside) "
                                  "before --top."),
            "top": {"type": ["integer", "null"], "minimum": 1, "description": "--top N, or null for every speaker."},
            "speakers": {"type": "array", "description": "Most quoted first (then most words); the row of "
                         "quotes without a speaker last.", "items": {
                "type": "object",
                "required": ["speaker", "named", "speakers", "quotes", "share", "articles", "words",
                             "organisations", "roles", "gender", "genders", "first_source", "last_source"],
                "properties": {
                    "speaker": _nullable("string", "The speaker's canonical name as the first article quoting "
                                         "them writes it (the same full name, case and spacing aside, is the "
                                         "same speaker); for an unnamed speaker their description (\"police "
                                         "spokesman\"); null for the quotes without a speaker."),
                    "named": {"type": "boolean", "description": "Whether the articles name the speaker (the "
                              "name is one of their people, organisations, countries or places)."},
                    "speakers": count("1 for a named speaker; for an unnamed one the articles they occur in "
                                      "(one speaker each); 0 for the quotes without a speaker."),
                    "quotes": count("Quotes."), "share": share,
                    "articles": count("Articles quoting them."), "words": count("Words quoted."),
                    "organisations": {**named_counts, "description": "The organisations their quotes give, most "
                                      "quotes first; empty when none does."},
                    "roles": {**named_counts, "description": "The roles their quotes give, most quotes first."},
                    "gender": gender,
                    "genders": {"type": "array", "description": "Their quotes by gender (null: not given).",
                                "items": {"type": "object", "required": ["gender", "quotes"],
                                          "properties": {"gender": gender, "quotes": count("Quotes.")}}},
                    "first_source": {"type": "string", "description": "The first article (in input order) "
                                     "quoting them: its source, as in newsx quotes."},
                    "last_source": {"type": "string", "description": "The last article quoting them."},
                },
            }},
            "by_organisation": {"type": "array", "description": "Every quote by the organisation it gives its "
                                "speaker (null: not given), most quotes first, not given last.", "items": {
                "type": "object", "required": ["organisation", "speakers", "quotes", "share", "words", "articles"],
                "properties": {"organisation": _nullable("string", "The organisation; null: not given."),
                               **total_properties, "articles": count("Articles with such quotes.")}}},
            "by_gender": {"type": "array", "description": "Every quote by its speaker's gender, most quotes "
                          "first, not given (null) last.", "items": {
                "type": "object", "required": ["gender", "speakers", "quotes", "share", "words"],
                "properties": {"gender": gender, **total_properties}}},
        },
    }
