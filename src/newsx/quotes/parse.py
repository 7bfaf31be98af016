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


def speaker_token(article: Article, cue: "Token") -> Optional["Token"]:
    """The token naming who speaks at a cue verb (or "according"), following the parse.

    "TASS quoted Li as saying" gives Li, not TASS; "Li was quoted as saying" gives Li; a participle
    ("..., saying") or a conjoined verb ("smiled and said") takes the subject of its head verb.
    Asked once per cue (the quotes one verb introduces share the answer).
    """
    key = ("speaker", cue.i)
    if key not in article.memo:
        article.memo[key] = _speaker_token(article, cue)
    return article.memo[key]  # type: ignore[return-value]


def _speaker_token(article: Article, cue: "Token") -> Optional["Token"]:
    lexicon = article.lexicon
    parse = lexicon.parse
    if is_according(cue):
        to = cue.doc[cue.i + 1]
        return article.child(to, {"pobj"}) or article.child(cue, {"pobj"})
    verb = cue
    for _ in range(lexicon.quotes.max_cue_climb):
        entry = cue_verb(verb.text, lexicon)
        object_speaks = entry is not None and entry.object_speaks
        if object_speaks and (verb.i != cue.i or any(c.dep_ == "prep" and c.lower_ == "as"
                                                     for c in article.rights(verb))):
            # "quoted Li as saying": only with "as saying" is the object the speaker ("citing polls").
            quoted = article.child(verb, parse.quoted_speaker_deps)
            if quoted is not None:
                return quoted
        subject = article.child(verb, parse.subject_deps)
        if subject is not None:
            if subject.dep_ == "nsubjpass" and not object_speaks:
                return None
            if subject.dep_ == "csubj":
                return None
            return subject
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.head.lower_ not in lexicon.document_nouns and (
                verb.tag_ in parse.noun_clause_verb_tags or _named_actor_of(article, verb))):
            # "groups backing Cruz"; "Romney, the nominee, tweeted" parsed as a clause of the noun.
            # (But "a statement describing ..." speaks for its issuer.)
            return verb.head
        if verb.dep_ in parse.climb_deps or verb.head.lower_ == "as":
            verb = verb.head
            continue
        break
    return adjacent_name(article, cue) or subject_before_aside(article, cue)


def _named_actor_of(article: Article, verb: "Token") -> bool:
    """A participle hanging off a name with no agent ("Finch, the engineer, tweeted"): the
    tagger's reading of a main verb, so the name is its subject."""
    lexicon = article.lexicon
    return verb.head.tag_ in lexicon.parse.name_tags and article.child(verb, lexicon.parse.passive_deps) is None


def adjacent_name(article: Article, cue: "Token") -> Optional["Token"]:
    """A name or pronoun right after ("said Caddell") or before ("Caddell said") a cue, when the
    parse gave the cue no subject."""
    doc, parse = cue.doc, article.lexicon.parse
    for i in range(cue.i + 1, min(cue.i + 1 + parse.speaker_after_cue_window, len(doc))):
        if doc[i].tag_ in parse.speaker_after_cue_tags and article.same_sentence(doc[i], cue):
            if doc[i].dep_ in parse.subject_deps and doc[i].head.head.i == cue.i and doc[i].head.i != cue.i:
                break  # "... say they would be satisfied": the subject of what is said.
            return doc[i]
        if not doc[i].is_space and doc[i].tag_ not in parse.skip_after_cue_tags:
            break
    for i in range(cue.i - 1, max(cue.i - 1 - parse.speaker_before_cue_window, -1), -1):
        if doc[i].tag_ in parse.speaker_before_cue_tags and article.same_sentence(doc[i], cue):
            return doc[i]
        if doc[i].tag_ not in parse.skip_before_cue_tags:
            break
    return None


def subject_before_aside(article: Article, cue: "Token") -> Optional["Token"]:
    """The name opening the cue's sentence when only an aside between commas stands between it and
    the cue ("Acme spokesperson Jo Lund, speaking in Oslo, said"), for a cue the parser gave no
    subject (the small model reads the title as a verb and the name as its object)."""
    doc, parse = cue.doc, article.lexicon.parse
    if cue.i < 1 or doc[cue.i - 1].text != ",":
        return None
    start = max(article.sentence_of[cue.i], cue.i - parse.sentence_name_window)
    commas = [t.i for t in doc[start:cue.i] if t.text == ","]
    if len(commas) != 2 or commas[0] < 1:
        return None
    name = doc[commas[0] - 1]
    if name.tag_ not in parse.name_tags or any(article.in_quote(t) for t in doc[start:commas[0]]):
        return None
    return name


def name_opening_the_sentence(article: Article, cue: "Token") -> Optional["Token"]:
    """"WHO spokesperson Jane Doe, speaking in Geneva, said ...", parsed with no subject for the cue:
    the first name of the sentence, when only a description of it (no verb with a subject of its
    own) comes between it and the cue."""
    doc, lexicon = cue.doc, article.lexicon
    start = max(article.sentence_of[cue.i], cue.i - lexicon.parse.sentence_name_window)
    name = None
    for i in range(start, cue.i):
        token = doc[i]
        if name is None and token.ent_type_ in lexicon.quotes.colon_speaker_labels:
            name = token
        elif (name is not None and token.tag_.startswith("VB")
              and article.child(token, lexicon.parse.subject_deps) is not None):
            return None
    return name


def speaker_outside_quotes(article: Article, cue: "Token") -> Optional["Token"]:
    """The cue's speaker, unless the parse put it inside a quotation (then the words around the cue)."""
    speaker = speaker_token(article, cue)
    if speaker is not None and article.in_quote(speaker):
        speaker = adjacent_name(article, cue)
    return None if speaker is None or article.in_quote(speaker) else speaker


def outermost_cue(article: Article, cue: "Token") -> "Token":
    """In nested reports the quote belongs to the outer speaker: in "X told friends that Y thought
    it was “a badge of honor”", X, not Y. Climb from a cue to a speech verb that reports its clause.

    A cue with no subject of its own ("praised the plan, saying “...”", "smiled and said") already
    speaks for its head's subject: the climb stops there, and the quote keeps the verb that
    introduces it as its cue. Asked once per cue."""
    key = ("outermost", cue.i)
    if key not in article.memo:
        article.memo[key] = _outermost_cue(article, cue)
    return article.memo[key]  # type: ignore[return-value]


def _outermost_cue(article: Article, cue: "Token") -> "Token":
    lexicon = article.lexicon
    outer, node = cue, cue
    for _ in range(lexicon.quotes.max_cue_climb):
        if node.dep_ not in lexicon.parse.nesting_deps or node.head.i == node.i:
            break
        if node.dep_ not in lexicon.parse.clausal_deps and article.child(node, lexicon.parse.subject_deps) is None:
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


def quotes_words(token: "Token", lexicon: Lexicon) -> bool:
    """A cue that can introduce words in quote marks: not a verb of the mind that only takes a
    clause ("believes that", "found that"): “...” is never what someone believes in so many words."""
    if is_according(token):
        return True
    entry = cue_verb(token.text, lexicon) if is_cue_verb(token, lexicon) else None
    return entry is not None and not entry.clause_only
