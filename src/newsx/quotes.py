"""Who said what: direct quotes (between quote marks) and reported speech, with cue and speaker.

How it works, in three passes over one article:

1. ``marks.pair_marks`` finds the quoted spans, paragraph by paragraph.
2. Each quoted span gets a cue and a speaker: first from the parse (the quote hangs off a cue verb
   such as "said", whose subject is the speaker), then from the words next to the quote in its
   sentence ("..., X said." / "X said: ..." / "... — X"), then from a colon closing the previous
   paragraph ("Caddell continued:"). A quote left without a cue continues the quotation before it:
   the other half of a quote split by its cue, or a follow-on paragraph of the last speaker.
3. Reported speech: a cue verb outside quote marks with a clause as complement ("X said (that) ...",
   "X told reporters ...", "according to X, ..."). Where that clause holds a direct quote, the two
   become one "mixed" quote.

Speakers are resolved to full names by :mod:`newsx.speakers`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, Optional

from .marks import QuotedSpan, trimmed, pair_marks
from .normalize import paragraphs
from .rules import (
    CUE_VERBS, DASH_CUES, DOCUMENT_NOUNS, INTENT_VERBS, IRREGULAR_CUE_FORMS, OBJECT_SPEAKER_CUES, SPEAKER_PRONOUNS,
    PREPOSITION_CUES, STANCE_VERBS, THOUGHT_VERBS,
)
from .speakers import Speaker, SpeakerResolver
from .types import Entities, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: A quote standing alone, with no cue and nobody to inherit from, is kept only from this many words:
#: shorter ones are scare quotes, titles and nicknames.
MIN_UNATTRIBUTED_WORDS = 100

#: An object a cue attributes ("praised the deal") is kept from this many words on, or when it is
#: an answer ("said yes"): "sought comment" or "offered support" are no reported speech.
MIN_OBJECT_WORDS = 2
ANSWER_WORDS = frozenset({"so", "yes", "no", "nothing"})

#: A headline has at most this many words, and at least this share of them capitalised.
MAX_HEADLINE_WORDS = 20
#: Who can speak in a headline: a named person, organisation, nationality or country.
HEADLINE_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
HEADLINE_CAPITALS = 0.7

#: A quoted stretch of at most this many words in title case is a title, not a quote.
MAX_TITLE_WORDS = 8

#: Forms of "be": a quote after one is a name for something ("is a “pre-agreement”"), not speech.
COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s", "'re", "’re"})

#: How many paragraphs back a follow-on quote may find the speaker it continues.
FOLLOW_ON_PARAGRAPHS = 2

#: How many steps up the parse a quote may climb to find its cue verb.
MAX_CUE_CLIMB = 5

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Children of a cue that start a new clause rather than continue what it attributes.
_CLAUSE_BREAK_DEPS = frozenset({"punct", "cc", "conj", "mark", "parataxis", "advcl"})

#: Dependencies of a verb form that modifies a noun rather than reports.
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})

#: Dependencies by which one report nests inside another ("said that ... thought", "says ... but feels").
_NESTING_DEPS = frozenset({"ccomp", "conj", "xcomp", "advcl"})
#: Dependencies through which a cue without a subject borrows its head's subject: a participle
#: ("..., saying"), a conjoined verb ("smiled and said"), "a statement describing ...".
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "prep", "dobj", "pobj"})
#: Parts of speech of a subject that can be a speaker: names, pronouns, nouns.
SPEAKING_SUBJECT_TAGS = frozenset({"NNP", "NNPS", "PRP", "NN", "NNS", "WP"})
#: An HTML or XML tag left in the text (`<tweet author="X">`): nobody speaks inside it.
_MARKUP_TAG = re.compile(r"<[^<>\n]{1,500}>")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@lru_cache(maxsize=4096)
def cue_lemma(word: str) -> Optional[str]:
    """The cue verb a word is a form of, or None.

    >>> cue_lemma("emphasised"), cue_lemma("told"), cue_lemma("notes"), cue_lemma("table")
    ('emphasise', 'tell', 'note', None)
    """
    lower = word.lower()
    if lower in IRREGULAR_CUE_FORMS:
        lemma = IRREGULAR_CUE_FORMS[lower]
        return lemma if lemma in CUE_VERBS else None
    candidates = [lower]
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)),
                                 ("ed", ("", "e")), ("d", ("",)), ("ing", ("", "e"))):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            candidates += [stem + r for r in replacements]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # "admitted" -> "admit"
    return next((c for c in candidates if c in CUE_VERBS), None)


def is_cue_verb(token: "Token") -> bool:
    """A verb of saying (or, with a clause, of thinking), by its form and part of speech."""
    return token.tag_.startswith("VB") and cue_lemma(token.text) is not None


def is_according(token: "Token") -> bool:
    """The "according" of "according to X"."""
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"


@dataclass
class _Found:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    type: str
    cue_start: Optional[int] = None
    cue_end: Optional[int] = None
    speaker_token: Optional["Token"] = None
    inherit: bool = False
    paragraph: int = 0
    quoted: Optional[QuotedSpan] = None
    speaker: Optional[Speaker] = None
    clausal: bool = False


class _Article:
    """One article's text, parse, paragraphs and quoted spans, with the lookups the passes share."""

    def __init__(self, doc: "Doc", text: str):
        self.doc = doc
        self.text = text
        self.paragraphs = paragraphs(text)
        self.quoted = pair_marks(text, self.paragraphs)
        # For every character: the index of the quoted span (marks included) it lies in, or -1.
        self.quote_at = [-1] * (len(text) + 1)
        for n, q in enumerate(self.quoted):
            end = (q.close_at + 1) if q.close_at is not None else q.end
            self.quote_at[q.open_at:end] = [n] * (end - q.open_at)
        self.markup = [False] * (len(text) + 1)
        for match in _MARKUP_TAG.finditer(text):
            self.markup[match.start():match.end()] = [True] * (match.end() - match.start())
        self.paragraph_at = [0] * (len(text) + 1)
        for n, (start, end) in enumerate(self.paragraphs):
            self.paragraph_at[start:end + 1] = [n] * (end + 1 - start)

    def in_quote(self, token: "Token") -> bool:
        return self.quote_at[token.idx] >= 0

    def tokens(self, start: int, end: int) -> list["Token"]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def sentence_before(self, q: QuotedSpan) -> tuple[int, int]:
        """The text before a quote's opening mark back to the sentence start, in its paragraph."""
        p_start = self.paragraphs[q.paragraph][0]
        start = p_start
        for end_match in _SENTENCE_END.finditer(self.text, p_start, q.open_at):
            if self.quote_at[end_match.start()] < 0:
                start = end_match.end()
        return start, q.open_at

    def sentence_after(self, q: QuotedSpan) -> tuple[int, int]:
        """The text after a quote's closing mark to the sentence end (or the next quote)."""
        p_end = self.paragraphs[q.paragraph][1]
        start = (q.close_at + 1) if q.close_at is not None else q.end
        end = p_end
        for i in range(start, p_end):
            if self.quote_at[i] >= 0:
                end = i
                break
            if self.text[i] in ".!?" and (i + 1 >= p_end or self.text[i + 1].isspace()):
                end = i + 1
                break
        return start, end


# ----------------------------------------------------------------------------------------------
# speakers of cue verbs
# ----------------------------------------------------------------------------------------------


def speaker_token(cue: "Token") -> Optional["Token"]:
    """The token naming who speaks at a cue verb (or "according"), following the parse.

    "TASS quoted Li as saying" gives Li, not TASS; "Li was quoted as saying" gives Li; a participle
    ("..., saying") or a conjoined verb ("smiled and said") takes the subject of its head verb.
    """
    if is_according(cue):
        to = cue.doc[cue.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"] + [c for c in cue.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    verb = cue
    for _ in range(MAX_CUE_CLIMB):
        if cue_lemma(verb.text) in OBJECT_SPEAKER_CUES and (
                verb.i != cue.i or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)):
            # "quoted Li as saying": only with "as saying" is the object the speaker ("citing polls").
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    return child
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            if subject.dep_ == "nsubjpass" and cue_lemma(verb.text) not in OBJECT_SPEAKER_CUES:
                return None
            if subject.dep_ == "csubj":
                return None
            return subject
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.head.lower_ not in DOCUMENT_NOUNS and (
                verb.tag_ in ("VBG", "VBD", "VBZ", "VBP") or _named_actor_of(verb))):
            # "groups backing Cruz"; "Romney, the nominee, tweeted" parsed as a clause of the noun.
            # (But "a statement describing ..." speaks for its issuer.)
            return verb.head
        if verb.dep_ in _CLIMB_DEPS or verb.head.lower_ == "as":
            verb = verb.head
            continue
        break
    return _adjacent_name(cue)


def _named_actor_of(verb: "Token") -> bool:
    """A participle hanging off a name with no agent ("Finch, the engineer, tweeted"): the
    tagger's reading of a main verb, so the name is its subject."""
    return verb.head.tag_ in ("NNP", "NNPS") and not any(c.dep_ in ("agent", "auxpass") for c in verb.children)


def _adjacent_name(cue: "Token") -> Optional["Token"]:
    """A name or pronoun right after ("said Caddell") or before ("Caddell said") a cue, when the
    parse gave the cue no subject."""
    doc = cue.doc
    for i in range(cue.i + 1, min(cue.i + 3, len(doc))):
        if doc[i].tag_ in ("NNP", "NNPS", "PRP") and doc[i].sent == cue.sent:
            return doc[i]
        if not doc[i].is_space and doc[i].tag_ not in ("DT", "NNP", "JJ"):
            break
    for i in range(cue.i - 1, max(cue.i - 4, -1), -1):
        if doc[i].tag_ in ("NNP", "NNPS", "PRP", "NN", "NNS") and doc[i].sent == cue.sent:
            return doc[i]
        if doc[i].tag_ not in ("RB", "MD", "VBD", "VBZ", "VBP"):
            break
    return None


# ----------------------------------------------------------------------------------------------
# direct quotes
# ----------------------------------------------------------------------------------------------


def _cue_in_parse(article: _Article, q: QuotedSpan) -> Optional["Token"]:
    """A cue verb the quote hangs off, or that hangs off the quote, in the parse."""
    inside = article.tokens(q.start, q.end)
    paragraph = q.paragraph
    for token in inside:
        head = token.head
        steps = 0
        while steps < MAX_CUE_CLIMB and head.i != token.i:
            if not (q.start <= head.idx < q.end):
                if article.paragraph_at[head.idx] != paragraph:
                    break
                if not article.in_quote(head) and (is_cue_verb(head) or is_according(head)):
                    return _outermost_cue(article, head)
            if head.head.i == head.i:
                break
            head = head.head
            steps += 1
    for token in inside:
        for child in token.children:
            if (not article.in_quote(child) and article.paragraph_at[child.idx] == paragraph
                    and child.dep_ in ("parataxis", "ccomp", "advcl", "conj") and is_cue_verb(child)):
                return child
    return None


def _outermost_cue(article: _Article, cue: "Token") -> "Token":
    """In nested reports the quote belongs to the outer speaker: in "X told friends that Y thought
    it was “a badge of honor”", X, not Y. Climb from a cue to a speech verb that reports its clause."""
    outer, node = cue, cue
    for _ in range(MAX_CUE_CLIMB):
        if node.dep_ not in _NESTING_DEPS or node.head.i == node.i:
            break
        node = node.head
        if article.in_quote(node) or article.paragraph_at[node.idx] != article.paragraph_at[cue.idx]:
            break
        if is_cue_verb(node) and cue_lemma(node.text) not in THOUGHT_VERBS:
            outer = node
    return outer


def _cue_nearby(article: _Article, q: QuotedSpan) -> Optional["Token"]:
    """The cue verb nearest the quote in its sentence, after it first, then before it."""
    after = [t for t in article.tokens(*article.sentence_after(q)) if not article.in_quote(t)]
    for token in after:
        if is_cue_verb(token) or is_according(token):
            return token
    before = [t for t in article.tokens(*article.sentence_before(q)) if not article.in_quote(t)]
    for token in reversed(before):
        if is_cue_verb(token) or is_according(token):
            return token
    return None


def _dash_cue(article: _Article, q: QuotedSpan) -> Optional[tuple["Token", "Token"]]:
    """"... ” — Jane Doe": a dash right after the quote, then a name."""
    tokens = [t for t in article.tokens(*article.sentence_after(q)) if not t.is_space]
    if len(tokens) >= 2 and tokens[0].text in DASH_CUES and tokens[1].tag_ in ("NNP", "NNPS"):
        return tokens[0], tokens[1]
    return None


def _colon_cue(article: _Article, q: QuotedSpan) -> Optional[tuple["Token", Optional["Token"]]]:
    """A paragraph ending in a colon introduces the quote that opens the next one: "Caddell
    continued:", "Stated Stone:", "Transcript as follows:". Gives the cue and the speaker."""
    p_start = article.paragraphs[q.paragraph][0]
    if article.text[p_start:q.open_at].strip() or q.paragraph == 0:
        return None
    prev_start, prev_end = article.paragraphs[q.paragraph - 1]
    if not article.text[prev_start:prev_end].rstrip().endswith(":"):
        return None
    tokens = [t for t in article.tokens(prev_start, prev_end) if not article.in_quote(t)]
    if not tokens:
        return None
    sentence = [t for t in tokens if t.sent == tokens[-1].sent]
    for token in reversed(sentence):
        if is_cue_verb(token) or is_according(token):
            return token, _speaker_outside_quotes(article, token)
    for token in reversed(sentence):
        if token.tag_.startswith("VB") and any(c.dep_ in _SUBJECT_DEPS for c in token.children):
            return token, _speaker_outside_quotes(article, token)
    root = sentence[0].sent.root
    return tokens[-1], (root if root.tag_ in SPEAKING_SUBJECT_TAGS else None)


def _speaker_outside_quotes(article: _Article, cue: "Token") -> Optional["Token"]:
    """The cue's speaker, unless the parse put it inside a quotation (then the words around the cue)."""
    speaker = speaker_token(cue)
    if speaker is not None and article.in_quote(speaker):
        speaker = _adjacent_name(cue)
    return None if speaker is None or article.in_quote(speaker) else speaker


def _colon_before(article: _Article, q: QuotedSpan) -> Optional[tuple["Token", "Token"]]:
    """"Mark Blumenthal and Jon Cohen: “...”": a name, a colon, then the quote."""
    tokens = [t for t in article.tokens(*article.sentence_before(q)) if not t.is_space and not article.in_quote(t)]
    if len(tokens) < 2 or tokens[-1].text != ":":
        return None
    for token in reversed(tokens[:-1][-6:]):
        if token.tag_ in ("NNP", "NNPS") or token.ent_type_ in ("PERSON", "ORG"):
            return tokens[-1], token
    return None


def _attribute_direct(article: _Article, q: QuotedSpan) -> _Found:
    found = _Found(q.start, q.end, "direct", paragraph=q.paragraph, quoted=q)
    cue = _cue_in_parse(article, q) or _cue_nearby(article, q)
    if cue is not None:
        found.cue_start, found.cue_end = cue.idx, cue.idx + len(cue)
        found.speaker_token = _speaker_outside_quotes(article, cue)
        return found
    colon = _colon_before(article, q)
    if colon is not None:
        found.cue_start, found.cue_end = colon[0].idx, colon[0].idx + 1
        found.speaker_token = colon[1]
        return found
    dash = _dash_cue(article, q)
    if dash is not None:
        found.cue_start, found.cue_end = dash[0].idx, dash[0].idx + len(dash[0])
        found.speaker_token = dash[1]
        return found
    colon = _colon_cue(article, q)
    if colon is not None:
        found.cue_start, found.cue_end = colon[0].idx, colon[0].idx + len(colon[0])
        found.speaker_token = colon[1]
        return found
    verb = _governing_verb(article, q)
    if verb is not None:
        found.cue_start, found.cue_end = verb.idx, verb.idx + len(verb)
        found.speaker_token = _speaker_outside_quotes(article, verb)
        return found
    found.inherit = True
    return found


def _governing_verb(article: _Article, q: QuotedSpan) -> Optional["Token"]:
    """A partial quote inside someone's sentence ("Manafort dismissed it as “absurd.”"): the verb
    outside the quote that governs it, when that verb has a subject that can speak."""
    for token in article.tokens(q.start, q.end):
        head, steps = token.head, 0
        while steps < MAX_CUE_CLIMB and head.i != head.head.i and q.start <= head.idx < q.end:
            head, steps = head.head, steps + 1
        while steps < MAX_CUE_CLIMB + 2 and not head.tag_.startswith("VB") and head.i != head.head.i:
            head, steps = head.head, steps + 1
        if (head.tag_.startswith("VB") and head.dep_ != "aux" and head.lower_ not in COPULAS
                and not article.in_quote(head) and article.paragraph_at[head.idx] == q.paragraph):
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None and _can_speak(subject):
                return head
    return None


def _can_speak(token: "Token") -> bool:
    """A person or organisation by name, or a personal pronoun: "the deal" is no speaker."""
    return token.ent_type_ in ("PERSON", "ORG", "NORP") or token.lower_ in SPEAKER_PRONOUNS


def looks_like_title(text: str) -> bool:
    """A short quoted stretch in title case is a title or a name ("Orange Is the New Black"), not speech.

    >>> looks_like_title("A Time for Truth"), looks_like_title("We will win"), looks_like_title("Go Back!")
    (True, False, False)
    """
    words = text.split()
    if not words or len(words) > MAX_TITLE_WORDS or text.rstrip()[-1] in ".!?,;:":
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) == len(words) or (len(words) > 2 and len(capitalised) >= len(words) - 2
                                               and words[0][:1].isupper() and words[-1][:1].isupper())


# ----------------------------------------------------------------------------------------------
# reported speech
# ----------------------------------------------------------------------------------------------


def _content_of(cue: "Token") -> Optional[tuple[int, int]]:
    """The words a cue attributes: the clause it reports ("said (that) ..."), the rest of the
    sentence around "according to X" or a parenthetical "X said", an infinitive of intent ("vowed to
    ..."), the object of a verb of stance ("called it a sham") or of saying ("said so")."""
    if is_according(cue) or cue.dep_ == "parataxis":
        return _sentence_without(cue)
    lemma = cue_lemma(cue.text)
    for child in cue.children:
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and lemma in INTENT_VERBS):
            return _subtree_span(child)
    if lemma in STANCE_VERBS:
        objects = [c for c in cue.children if c.dep_ == "dobj"]
        if objects:
            return _object_span(cue, objects[0])  # "called it “a sham”", "accused X of Y"
    for child in cue.rights:
        if child.dep_ == "prep" and child.lower_ in PREPOSITION_CUES.get(lemma, ()):
            return _subtree_span(child, skip_head=True)  # "called for a ban", "spoke about the deal"
    if lemma not in THOUGHT_VERBS:
        for child in cue.rights:
            if child.dep_ in ("dobj", "intj") or (child.dep_ == "advmod" and child.lower_ == "so"):
                return _object_span(cue, child)  # "said so", "said yes", "said the same thing"
    return None


def _object_span(cue: "Token", first: "Token") -> tuple[int, int]:
    """An object and what the cue says about it after it ("called him “a liar” on Monday"), up to
    the next clause: the parser often makes the subject of a reported clause the cue's object."""
    end = first.right_edge
    for child in first.rights:
        if child.dep_ in ("relcl", "acl") and child.doc[child.left_edge.i - 1].text == ",":
            end = child.doc[child.left_edge.i - 2]  # "Paul Song, who said ...": his words are his own.
            break
    for child in cue.rights:
        if child.i <= first.i:
            continue
        if child.dep_ in _CLAUSE_BREAK_DEPS or (child.i > 0 and child.doc[child.left_edge.i - 1].text in ",;:"):
            break
        end = child.right_edge
    return first.left_edge.idx, end.idx + len(end)


def _sentence_without(cue: "Token") -> Optional[tuple[int, int]]:
    """The clause a cue phrase interrupts or introduces, without the cue phrase itself."""
    head = cue.head if cue.head.i != cue.i else cue
    if head.i == cue.i:
        return None
    phrase = {t.i for t in cue.subtree}
    rest = [t for t in head.subtree if t.i not in phrase and not t.is_punct and not t.is_space]
    if not rest:
        return None
    after = [t for t in rest if t.i > cue.i]
    before = [t for t in rest if t.i < cue.i]
    if before and after and len(before) >= 2 and cue.dep_ == "parataxis":
        side = rest  # "In his state, Christie said, offenders go to treatment": both sides.
    else:
        side = after if len(after) >= len(before) else before
    return side[0].idx, side[-1].idx + len(side[-1])


def _subtree_span(token: "Token", skip_head: bool = False) -> tuple[int, int]:
    """A clause's words, without a trailing participle after a comma (", adding that ...")."""
    left = token.left_edge if not skip_head else next(token.rights, token).left_edge
    right = token.right_edge
    for child in token.rights:
        if child.dep_ in ("advcl", "conj") and child.tag_ == "VBG" and child.i > 0 and child.doc[child.left_edge.i - 1].text == ",":
            right = child.doc[child.left_edge.i - 2] if child.left_edge.i - 2 >= left.i else right
            break
    return left.idx, right.idx + len(right)


def _clausal(cue: "Token", content_start: int) -> bool:
    """Whether a cue's content is a clause (ccomp, infinitive, "according to", parenthetical)."""
    return is_according(cue) or cue.dep_ == "parataxis" or any(
        c.dep_ in ("ccomp", "xcomp") and c.left_edge.idx == content_start for c in cue.children)


def _cue_candidates(doc: "Doc") -> Iterator["Token"]:
    """Tokens whose form could be a cue, found on the doc's array of word ids rather than by
    creating a Token for every word (most are not cues)."""
    from spacy.attrs import LOWER

    lowers = doc.to_array(LOWER)
    strings = doc.vocab.strings
    wanted = {h for h in set(lowers.tolist()) if _is_cue_form(strings[h])}
    for i in (i for i, h in enumerate(lowers.tolist()) if h in wanted):
        yield doc[i]


def _is_cue_form(word: str) -> bool:
    return word == "according" or cue_lemma(word) is not None


def _reported(article: _Article) -> Iterator[_Found]:
    for token in _cue_candidates(article.doc):
        if article.in_quote(token) or article.markup[token.idx]:
            continue
        if not (is_cue_verb(token) or is_according(token)) or token.dep_ in _MODIFIER_DEPS:
            continue  # "pledged delegates": a participle describing a noun reports nothing.
        content = _content_of(token)
        if content is None:
            continue
        speaker = speaker_token(token)
        if speaker is None:
            continue
        start, end = trimmed(article.text, *content)
        words = article.text[start:end].split()
        if not words:
            continue
        clausal = _clausal(token, start)
        if not clausal and len(words) < MIN_OBJECT_WORDS and words[0].lower() not in ANSWER_WORDS:
            continue  # An object is reported speech only when a speaker says something about it.
        yield _Found(start, end, "indirect", token.idx, token.idx + len(token), speaker,
                     paragraph=article.paragraph_at[token.idx], clausal=clausal)


def _is_headline(text: str) -> bool:
    """A short line in title case: a headline, where attributions are "X: ..." or "X Says ..."."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS:
        return False
    return sum(w[:1].isupper() for w in words) >= HEADLINE_CAPITALS * len(words)


def _headline_reports(article: _Article) -> Iterator[_Found]:
    """"Graham: Trump’s Rhetoric Destroying GOP’s Chances", "Rubio Says Trump Can’t Be Trusted"."""
    for index, (start, end) in enumerate(article.paragraphs):
        line = article.text[start:end]
        if not _is_headline(line) or article.quote_at[start] >= 0:
            continue
        tokens = [t for t in article.tokens(start, end) if not t.is_space]
        for position, token in enumerate(tokens[1:6], start=1):
            if not (token.text == ":" or (cue_lemma(token.text) and token.text[:1].isupper())):
                continue
            speaker = tokens[position - 1]
            if not (speaker.text[:1].isupper() and speaker.ent_type_ in HEADLINE_SPEAKER_TYPES):
                break
            content_start, content_end = trimmed(article.text, token.idx + len(token), end)
            content_end = content_start + len(article.text[content_start:content_end].rstrip(" ."))
            if len(article.text[content_start:content_end].split()) >= 2:
                yield _Found(content_start, content_end, "indirect", token.idx, token.idx + len(token), speaker,
                             paragraph=index)
            break


# ----------------------------------------------------------------------------------------------
# putting it together
# ----------------------------------------------------------------------------------------------


def _outermost(reported: list[_Found]) -> list[_Found]:
    """Drop a report nested in another's clause ("X said they support a ban": X's, not theirs)."""
    return [r for r in reported
            if not any(o is not r and o.clausal and o.start <= r.cue_start < o.end for o in reported)]


def _merge(direct: list[_Found], reported: list[_Found], text: str) -> list[_Found]:
    """Join a reported clause and the direct quotes inside it that share its cue into one quote.

    A clause that holds a quote attributed through another cue (nested reports) is dropped: the
    quote already stands for that stretch, and one stretch of text is one attribution.
    """
    kept: list[_Found] = []
    absorbed: set[int] = set()
    for r in reported:
        inside = [d for d in direct if d.start < r.end and r.start < d.end]
        if not inside:
            kept.append(r)
            continue
        outside = sum(len(text[a:b].split()) for a, b in _uncovered(r.start, r.end, inside))
        if outside <= 2:
            for d in inside:  # The clause is the quote: the quote keeps its cue.
                if d.cue_start is None or d.inherit:
                    d.cue_start, d.cue_end, d.speaker_token, d.inherit = r.cue_start, r.cue_end, r.speaker_token, False
            continue
        own = [d for d in inside if d.cue_start == r.cue_start or d.cue_start is None or d.inherit]
        if len(own) < len(inside) or _split_by_cue(own, r):
            continue  # "“A,” he said, “B.”": the halves of a quote split by its cue stay quotes.
        start = min([r.start] + [d.start for d in own])
        end = max([r.end] + [d.end for d in own])
        kept.append(_Found(start, end, "mixed", r.cue_start, r.cue_end, r.speaker_token, paragraph=r.paragraph))
        absorbed |= {id(d) for d in own}
    return [d for d in direct if id(d) not in absorbed] + kept


def _split_by_cue(quotes: list[_Found], reported: _Found) -> bool:
    """True when the cue stands between the quotes: a quote split by its cue."""
    return (len(quotes) > 1 and reported.cue_start is not None
            and min(q.start for q in quotes) < reported.cue_start < max(q.end for q in quotes))


def _uncovered(start: int, end: int, quotes: list[_Found]) -> list[tuple[int, int]]:
    pieces, at = [], start
    for q in sorted(quotes, key=lambda q: q.start):
        if q.start > at:
            pieces.append((at, q.start))
        at = max(at, q.end)
    if at < end:
        pieces.append((at, end))
    return pieces


def extract_quotes(doc: "Doc", text: str, *, entities: Entities | None = None) -> Iterator[Quote]:
    """Yield every quote of an article, direct and reported, in text order, with its speaker.

    ``doc`` is the spaCy Doc of ``normalize(text)`` with a parser; ``entities`` (from
    :func:`newsx.entities.extract_entities`) lets speakers resolve to full names.

    >>> from newsx import analyze  # doctest: +SKIP
    >>> [(q.speaker, q.type) for q in analyze("“Yes,” Jane Doe said.").quotes]  # doctest: +SKIP
    [('Jane Doe', 'direct')]
    """
    article = _Article(doc, text)
    direct = [_attribute_direct(article, q) for q in article.quoted
              if not looks_like_title(text[q.start:q.end])]
    reported = _outermost(list(_reported(article)))
    taken = {r.paragraph for r in reported}
    reported += [h for h in _headline_reports(article) if h.paragraph not in taken]
    found = sorted(_merge(direct, reported, text), key=lambda f: f.start)
    resolver = SpeakerResolver(doc, text, entities)
    paragraph_starts = [start for start, _ in article.paragraphs]
    last: Optional[_Found] = None
    for item in found:
        if item.speaker_token is not None:
            item.speaker = resolver.resolve(item.speaker_token)
        else:
            # No speaker at this quote: it continues the quotation before it, or it is no quote.
            source = _inherited_from(item, last, text, paragraph_starts)
            if source is not None:
                item.speaker = source.speaker
                item.cue_start, item.cue_end = source.cue_start, source.cue_end
            elif len(text[item.start:item.end].split()) < MIN_UNATTRIBUTED_WORDS:
                continue
        if item.speaker is not None:
            last = item
        yield _to_quote(item, text)


def _inherited_from(item: _Found, last: Optional[_Found], text: str, paragraph_starts: list[int]) -> Optional[_Found]:
    """The quote a cue-less quote continues: the other half of a quote split by its cue in the same
    paragraph, or, for a quote opening its paragraph, the last attributed quote shortly before."""
    if last is None or last.speaker is None or item.quoted is None:
        return None
    if last.paragraph == item.paragraph:
        return last
    opens_paragraph = not text[paragraph_starts[item.paragraph]:item.quoted.open_at].strip()
    if opens_paragraph and item.paragraph - last.paragraph <= FOLLOW_ON_PARAGRAPHS:
        return last
    return None


def _to_quote(item: _Found, text: str) -> Quote:
    speaker = item.speaker
    cue = text[item.cue_start:item.cue_end] if item.cue_start is not None else None
    return Quote(
        text=text[item.start:item.end], start=item.start, end=item.end, type=item.type,
        speaker=speaker.name if speaker else None,
        speaker_start=speaker.start if speaker else None, speaker_end=speaker.end if speaker else None,
        organisation=speaker.organisation if speaker else None,
        cue=cue, cue_start=item.cue_start if cue else None, cue_end=item.cue_end if cue else None,
        speaker_kind=speaker.kind if speaker else None,
    )
