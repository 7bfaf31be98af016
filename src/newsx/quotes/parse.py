"""Reading the parse around a cue: who speaks at it, and which cue of a nested report speaks.

Shared by direct quotes (:mod:`.direct`) and reported speech (:mod:`.reported`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..cues import cue_verb, is_according, is_cue_verb
from ..lexicon import Lexicon
from .article import Article

if TYPE_CHECKING:
    from spacy.tokens import Token


def speaker_token(cue: "Token", lexicon: Lexicon) -> Optional["Token"]:
    """The token naming who speaks at a cue verb (or "according"), following the parse.

    "TASS quoted Li as saying" gives Li, not TASS; "Li was quoted as saying" gives Li; a participle
    ("..., saying") or a conjoined verb ("smiled and said") takes the subject of its head verb.
    """
    parse = lexicon.parse
    if is_according(cue):
        to = cue.doc[cue.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"] + [c for c in cue.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    verb = cue
    for _ in range(lexicon.quotes.max_cue_climb):
        entry = cue_verb(verb.text, lexicon)
        object_speaks = entry is not None and entry.object_speaks
        if object_speaks and (verb.i != cue.i or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)):
            # "quoted Li as saying": only with "as saying" is the object the speaker ("citing polls").
            for child in verb.children:
                if child.dep_ in parse.quoted_speaker_deps:
                    return child
        subjects = [c for c in verb.children if c.dep_ in parse.subject_deps]
        if subjects:
            subject = subjects[0]
            if subject.dep_ == "nsubjpass" and not object_speaks:
                return None
            if subject.dep_ == "csubj":
                return None
            return subject
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.head.lower_ not in lexicon.document_nouns and (
                verb.tag_ in parse.noun_clause_verb_tags or _named_actor_of(verb, lexicon))):
            # "groups backing Cruz"; "Romney, the nominee, tweeted" parsed as a clause of the noun.
            # (But "a statement describing ..." speaks for its issuer.)
            return verb.head
        if verb.dep_ in parse.climb_deps or verb.head.lower_ == "as":
            verb = verb.head
            continue
        break
    return adjacent_name(cue, lexicon) or subject_before_aside(cue, lexicon)


def subject_before_aside(cue: "Token", lexicon: Lexicon) -> Optional["Token"]:
    """The name opening the cue's sentence when only an aside between commas stands between it and
    the cue ("WHO spokesperson X, speaking in Geneva, said"), for a cue the parser gave no subject."""
    doc, parse = cue.doc, lexicon.parse
    if cue.i < 1 or doc[cue.i - 1].text != "," or not cue.sent:
        return None
    start = cue.sent.start
    commas = [t.i for t in doc[start:cue.i] if t.text == ","]
    if len(commas) != 2:
        return None
    name = doc[commas[0] - 1]
    if name.tag_ not in parse.name_tags or any(t.text in "\u201c\u201d\"" for t in doc[start:commas[0]]):
        return None
    return name


def _named_actor_of(verb: "Token", lexicon: Lexicon) -> bool:
    """A participle hanging off a name with no agent ("Finch, the engineer, tweeted"): the
    tagger's reading of a main verb, so the name is its subject."""
    return verb.head.tag_ in lexicon.parse.name_tags and not any(
        c.dep_ in lexicon.parse.passive_deps for c in verb.children)


def adjacent_name(cue: "Token", lexicon: Lexicon) -> Optional["Token"]:
    """A name or pronoun right after ("said Caddell") or before ("Caddell said") a cue, when the
    parse gave the cue no subject."""
    doc, parse = cue.doc, lexicon.parse
    for i in range(cue.i + 1, min(cue.i + 1 + parse.speaker_after_cue_window, len(doc))):
        if doc[i].tag_ in parse.speaker_after_cue_tags and doc[i].sent == cue.sent:
            return doc[i]
        if not doc[i].is_space and doc[i].tag_ not in parse.skip_after_cue_tags:
            break
    for i in range(cue.i - 1, max(cue.i - 1 - parse.speaker_before_cue_window, -1), -1):
        if doc[i].tag_ in parse.speaker_before_cue_tags and doc[i].sent == cue.sent:
            return doc[i]
        if doc[i].tag_ not in parse.skip_before_cue_tags:
            break
    return None


def speaker_outside_quotes(article: Article, cue: "Token") -> Optional["Token"]:
    """The cue's speaker, unless the parse put it inside a quotation (then the words around the cue)."""
    speaker = speaker_token(cue, article.lexicon)
    if speaker is not None and article.in_quote(speaker):
        speaker = adjacent_name(cue, article.lexicon)
    return None if speaker is None or article.in_quote(speaker) else speaker


def outermost_cue(article: Article, cue: "Token") -> "Token":
    """In nested reports the quote belongs to the outer speaker: in "X told friends that Y thought
    it was “a badge of honor”", X, not Y. Climb from a cue to a speech verb that reports its clause."""
    lexicon = article.lexicon
    outer, node = cue, cue
    for _ in range(lexicon.quotes.max_cue_climb):
        if node.dep_ not in lexicon.parse.nesting_deps or node.head.i == node.i:
            break
        node = node.head
        if article.in_quote(node) or article.paragraph_at[node.idx] != article.paragraph_at[cue.idx]:
            break
        entry = cue_verb(node.text, lexicon) if is_cue_verb(node, lexicon) else None
        if entry is not None and not entry.clause_only:
            outer = node
    return outer


def is_cue(token: "Token", lexicon: Lexicon) -> bool:
    """A cue verb or the "according" of "according to"."""
    return is_cue_verb(token, lexicon) or is_according(token)
