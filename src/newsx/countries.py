"""Countries, nationalities and known places: ISO 3166 (pycountry) plus the lexicon's tables.

A country is recognised by its ISO name, common or official name, or an alias of
``country_aliases.tsv``, and printed by the name of ``country_names.tsv`` where the ISO short name
reads oddly in news. Demonyms (``demonyms.tsv``) point to their country; subdivisions
(pycountry) and the cities and regions of ``places.tsv`` are the known places, each with its country
where one country has that name. The indexes are built once per lexicon.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

from .lexicon import Lexicon


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
    for article in lexicon.entities.leading_articles:
        if name.startswith(article):
            return name[len(article):].lstrip()
    return name


def _country_index(lexicon: Lexicon) -> dict[str, str]:
    """fold(name) -> alpha-2, for ISO names, common and official names, and the lexicon's names."""
    import pycountry

    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                index.setdefault(fold(strip_article(name, lexicon)), country.alpha_2)
    index.update({fold(name): code for code, name in lexicon.country_names.items()})
    index.update({fold(strip_article(name, lexicon)): code for name, code in lexicon.country_aliases.items()})
    return index


def _country_names(lexicon: Lexicon) -> dict[str, str]:
    """alpha-2 -> the name newsx prints."""
    import pycountry

    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names.update(lexicon.country_names)
    return names


def _place_countries(lexicon: Lexicon) -> dict[str, Optional[str]]:
    """fold(name) -> alpha-2 of every subdivision (pycountry) and place of ``places.tsv``; None where
    places of several countries share the name (pycountry's "Punjab") or the lexicon gives none.
    Subdivisions named by a generic word ("West", "Centre": ``generic_place_words``) are left out."""
    import pycountry

    index: dict[str, Optional[str]] = {}
    generic = lexicon.entities.generic_place_words
    for subdivision in pycountry.subdivisions:
        key = fold(subdivision.name)
        if key in generic:
            continue
        code = subdivision.country_code
        index[key] = code if index.get(key, code) == code else None
    # The lexicon's table is written for news: where it names a place, its country wins.
    index.update({fold(name): code for name, code in lexicon.places.items()})
    return index


def major_cities(lexicon: Lexicon) -> frozenset[str]:
    """fold(name) of every city and region of ``places.tsv``."""
    return lexicon.derived("countries.cities", lambda lx: frozenset(fold(c) for c in lx.places))


def place_country(name: str, lexicon: Lexicon) -> Optional[str]:
    """The alpha-2 code of the country of a known place (a subdivision or a place of ``places.tsv``),
    None when the place is unknown or several countries have one of that name.

    >>> from newsx.lexicon import default_lexicon
    >>> [place_country(n, default_lexicon()) for n in ("Queensland", "Tulsa", "Punjab", "Atlantis")]
    ['AU', 'US', None, None]
    """
    return lexicon.derived("countries.places", _place_countries).get(fold(name))


def _demonyms(lexicon: Lexicon) -> dict[str, tuple[str, str]]:
    """fold(demonym or its plural) -> (demonym, alpha-2)."""
    table = {}
    for word, code in lexicon.demonyms.items():
        table[fold(word)] = table[fold(word + "s")] = (word, code)
    return table


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
    code = lexicon.derived("countries.index", _country_index).get(key)
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
    return lexicon.derived("countries.names", _country_names).get(code, code)


def demonym(name: str, lexicon: Lexicon) -> Optional[tuple[str, str]]:
    """(demonym, alpha-2) of a nationality word or its plural, else None.

    >>> from newsx.lexicon import default_lexicon
    >>> demonym("Iranians", default_lexicon())
    ('Iranian', 'IR')
    """
    return lexicon.derived("countries.demonyms", _demonyms).get(fold(name))


def is_known_place(name: str, lexicon: Lexicon) -> bool:
    """Whether a name is a subdivision of a country or a place of the lexicon.

    >>> from newsx.lexicon import default_lexicon
    >>> is_known_place("Ohio", default_lexicon()), is_known_place("Raisi", default_lexicon())
    (True, False)
    """
    return fold(name) in lexicon.derived("countries.places", _place_countries)


def country_in_context(name: str, text: str, lexicon: Lexicon) -> bool:
    """Whether a name shared by a country and another place means the country in this text.

    >>> from newsx.lexicon import default_lexicon
    >>> [country_in_context("Georgia", t, default_lexicon()) for t in ("Tbilisi, Georgia", "Atlanta, Georgia")]
    [True, False]
    """
    context = lexicon.ambiguous_countries.get(name)
    return context is None or any(word in text for word in context)
