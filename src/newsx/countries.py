"""Countries, nationalities and known places: ISO 3166 (pycountry) plus the lexicon's tables.

A country is recognised by its ISO name, common or official name, or an alias of
``country_aliases.tsv``, and printed by the name of ``country_names.tsv`` where the ISO short name
reads oddly in news. Demonyms (``demonyms.tsv``) point to their country; subdivisions
(pycountry) and the cities and regions of ``places.tsv`` are the known places, each with its country
where one country has that name. The indexes are built once per lexicon.
"""
from __future__ import annotations

import importlib.util
import json
import os
import unicodedata
from functools import lru_cache, wraps
from typing import Callable, Optional, TypeVar

from .lexicon import Lexicon

T = TypeVar("T")

#: How many answers a per-lexicon cache of names keeps before it starts again (memory stays flat).
MEMO_SIZE = 50_000


def per_lexicon(key: str, build: Callable[[Lexicon], T]) -> Callable[[Lexicon], T]:
    """``lexicon.derived(key, build)`` as a function of the lexicon that answers at once when asked
    about the same lexicon as last time (hot loops ask about one lexicon again and again).

    >>> from newsx.lexicon import default_lexicon
    >>> sizes = per_lexicon("doc.sizes", lambda lx: len(lx.cues))
    >>> sizes(default_lexicon()) == len(default_lexicon().cues)
    True
    """
    last: list[tuple[object, object]] = [(None, None)]

    def get(lexicon: Lexicon) -> T:
        pair = last[0]
        if pair[0] is lexicon:
            return pair[1]  # type: ignore[return-value]
        value = lexicon.derived(key, build)
        last[0] = (lexicon, value)  # one assignment: threads see either pair whole
        return value

    return get


def memoised(key: str) -> Callable[[Callable[[str, Lexicon], T]], Callable[[str, Lexicon], T]]:
    """Cache ``function(name, lexicon)`` per lexicon and name: for functions of the name and the
    lexicon alone, which an article asks about the same names again and again. A cache starts again
    once it holds :data:`MEMO_SIZE` answers, so memory stays flat over any number of articles.

    >>> from newsx.lexicon import default_lexicon
    >>> @memoised("doc.memoised_length")
    ... def length(name, lexicon):
    ...     return len(name)
    >>> length("Iran", default_lexicon()), length("Iran", default_lexicon())
    (4, 4)
    """

    def decorate(function: Callable[[str, Lexicon], T]) -> Callable[[str, Lexicon], T]:
        last: list[tuple[object, dict[str, T]]] = [(None, {})]

        @wraps(function)
        def cached(name: str, lexicon: Lexicon) -> T:
            pair = last[0]
            if pair[0] is lexicon:
                memo = pair[1]
            else:
                memo = lexicon.derived(key, _new_memo)
                last[0] = (lexicon, memo)  # one assignment: threads see either pair whole
            try:
                return memo[name]
            except KeyError:
                pass
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            found = memo[name] = function(name, lexicon)
            return found

        return cached

    return decorate


def _new_memo(lexicon: Lexicon) -> dict:
    return {}


@lru_cache(maxsize=MEMO_SIZE)
def fold(name: str) -> str:
    """The comparison key of a name: no accents, no dots, one space, case-folded.

    >>> fold("  Tehrān  U.S. ")
    'tehran us'
    """
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(name.replace(".", "").split()).casefold()


def strip_article(name: str, lexicon: Lexicon) -> str:
    """A name without a leading "the".

    >>> from newsx.lexicon import default_lexicon
    >>> strip_article("the Islamic Republic of Iran", default_lexicon())
    'Islamic Republic of Iran'
    """
    articles = lexicon.entities.leading_articles
    if not name.startswith(articles):
        return name
    for article in articles:
        if name.startswith(article):
            return name[len(article):].lstrip()
    return name


def iso_records(table: str) -> list[dict[str, str]]:
    """The records of pycountry's ISO table ``"3166-1"`` (countries) or ``"3166-2"`` (subdivisions),
    read from the JSON file pycountry keeps them in: importing pycountry and building its objects
    costs about 0.1 s at start-up, reading its file a tenth of that. pycountry's objects are read
    instead if the file is not where pycountry keeps it.

    >>> next(r for r in iso_records("3166-1") if r["alpha_2"] == "IR")["name"]
    'Iran, Islamic Republic of'
    """
    spec = importlib.util.find_spec("pycountry")
    locations = list(spec.submodule_search_locations or ()) if spec else []
    for location in locations:
        try:
            with open(os.path.join(location, "databases", f"iso{table}.json"), encoding="utf-8") as data:
                records = json.load(data)[table]
            if isinstance(records, list) and all(isinstance(r, dict) for r in records):
                return records
        except (OSError, ValueError, KeyError, TypeError):
            pass
    import pycountry

    database = pycountry.countries if table == "3166-1" else pycountry.subdivisions
    return [dict(item._fields) for item in database]


def _country_index(lexicon: Lexicon) -> dict[str, str]:
    """fold(name) -> alpha-2, for ISO names, common and official names, and the lexicon's names."""
    index: dict[str, str] = {}
    for country in iso_records("3166-1"):
        for attribute in ("name", "common_name", "official_name"):
            name = country.get(attribute)
            if name:
                index.setdefault(fold(strip_article(name, lexicon)), country["alpha_2"])
    index.update({fold(name): code for code, name in lexicon.country_names.items()})
    index.update({fold(strip_article(name, lexicon)): code for name, code in lexicon.country_aliases.items()})
    return index


def _country_names(lexicon: Lexicon) -> dict[str, str]:
    """alpha-2 -> the name newsx prints."""
    names = {c["alpha_2"]: c.get("common_name") or c["name"] for c in iso_records("3166-1")}
    names.update(lexicon.country_names)
    return names


def _place_countries(lexicon: Lexicon) -> dict[str, Optional[str]]:
    """fold(name) -> alpha-2 of every subdivision (pycountry) and place of ``places.tsv``; None where
    places of several countries share the name (pycountry's "Punjab") or the lexicon gives none.
    Subdivisions named by a generic word ("West", "Centre": ``generic_place_words``) are left out."""
    index: dict[str, Optional[str]] = {}
    generic = lexicon.entities.generic_place_words
    for subdivision in iso_records("3166-2"):
        key = fold(subdivision["name"])
        if key in generic:
            continue
        code = subdivision["code"].split("-")[0]
        index[key] = code if index.get(key, code) == code else None
    # The lexicon's table is written for news: where it names a place, its country wins.
    index.update({fold(name): code for name, code in lexicon.places.items()})
    return index


_places = per_lexicon("countries.places", _place_countries)
_cities = per_lexicon("countries.cities", lambda lx: frozenset(fold(c) for c in lx.places))


def major_cities(lexicon: Lexicon) -> frozenset[str]:
    """fold(name) of every city and region of ``places.tsv``."""
    return _cities(lexicon)


def place_country(name: str, lexicon: Lexicon) -> Optional[str]:
    """The alpha-2 code of the country of a known place (a subdivision or a place of ``places.tsv``),
    None when the place is unknown or several countries have one of that name.

    >>> from newsx.lexicon import default_lexicon
    >>> [place_country(n, default_lexicon()) for n in ("Queensland", "Tulsa", "Punjab", "Atlantis")]
    ['AU', 'US', None, None]
    """
    return _places(lexicon).get(fold(name))


def _demonyms(lexicon: Lexicon) -> dict[str, tuple[str, str]]:
    """fold(demonym or its plural) -> (demonym, alpha-2)."""
    table = {}
    for word, code in lexicon.demonyms.items():
        table[fold(word)] = table[fold(word + "s")] = (word, code)
    return table


_demonym_index = per_lexicon("countries.demonyms", _demonyms)
_country_codes = per_lexicon("countries.index", _country_index)
_display_names = per_lexicon("countries.names", _country_names)


@memoised("countries.code_of")
def country_code(name: str, lexicon: Lexicon) -> Optional[str]:
    """The ISO 3166-1 alpha-2 code of a country name, abbreviation or alias, else None.

    >>> from newsx.lexicon import default_lexicon
    >>> [country_code(n, default_lexicon()) for n in ("the Islamic Republic of Iran", "U.S.", "us", "Paris")]
    ['IR', 'US', None, None]
    """
    name = name.strip(lexicon.entities.mention_edge_characters)
    if len(name) < 2:
        return None
    key = fold(strip_article(name, lexicon))
    code = _country_codes(lexicon).get(key)
    # Two- and three-letter aliases only in capitals: "US" is a country, "us" a pronoun.
    if code and len(key) <= 3 and not name.replace(".", "").isupper():
        return None
    return code


def country_name(code: str, lexicon: Lexicon) -> str:
    """The display name of a country code.

    >>> from newsx.lexicon import default_lexicon
    >>> country_name("IR", default_lexicon()), country_name("KZ", default_lexicon())
    ('Iran', 'Kazakhstan')
    """
    return _display_names(lexicon).get(code, code)


def demonym(name: str, lexicon: Lexicon) -> Optional[tuple[str, str]]:
    """(demonym, alpha-2) of a nationality word or its plural, else None.

    >>> from newsx.lexicon import default_lexicon
    >>> demonym("Iranians", default_lexicon())
    ('Iranian', 'IR')
    """
    return _demonym_index(lexicon).get(fold(name))


def is_known_place(name: str, lexicon: Lexicon) -> bool:
    """Whether a name is a subdivision of a country or a place of the lexicon.

    >>> from newsx.lexicon import default_lexicon
    >>> is_known_place("Ohio", default_lexicon()), is_known_place("Raisi", default_lexicon())
    (True, False)
    """
    return fold(name) in _places(lexicon)


def country_in_context(name: str, text: str, lexicon: Lexicon) -> bool:
    """Whether a name shared by a country and another place means the country in this text.

    >>> from newsx.lexicon import default_lexicon
    >>> [country_in_context("Georgia", t, default_lexicon()) for t in ("Tbilisi, Georgia", "Atlanta, Georgia")]
    [True, False]
    """
    context = lexicon.ambiguous_countries.get(name)
    return context is None or any(word in text for word in context)
