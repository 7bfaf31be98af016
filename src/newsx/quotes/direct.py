"""Direct quotes: for each quoted span, the cue and the speaker, by named strategies tried in order.

Each strategy looks at one kind of evidence and returns an :class:`Attribution` or None; the first
that answers wins, and its name is recorded on the quote (``--explain``):

==================  ===================================================================================
``cue-in-parse``    the quote hangs off a cue verb in the parse, or a cue verb hangs off the quote
``cue-nearby``      the nearest cue verb in the quote's sentence, after it first ("..., X said.")
``name-colon``      a name and a colon before the quote ("Mark Blumenthal and Jon Cohen: “...”")
``dash-name``       a dash and a name after the quote ("“...” — Jane Doe")
``colon-paragraph`` a paragraph ending in a colon before the quote's paragraph ("Caddell continued:")
``governing-verb``  a partial quote inside a sentence whose verb has a speaking subject ("dismissed it
                    as “absurd”")
==================  ===================================================================================

A quote none of them attributes continues the quotation before it (see :mod:`.assemble`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple, Optional

from ..cues import cue_verb, is_cue_verb
from ..lexicon import Lexicon
from ..marks import QuotedSpan
from .article import Article, Found
from .parse import is_cue, outermost_cue, quotes_words, speaker_outside_quotes

if TYPE_CHECKING:
    from spacy.tokens import Token


class Attribution(NamedTuple):
    """Where a quote's cue is, and the token naming its speaker (None when the text gives none)."""

    cue_start: int
    cue_end: int
    speaker: Optional["Token"]


def _at_cue(article: Article, cue: "Token", q: Optional[QuotedSpan] = None) -> Attribution:
    speaker = speaker_outside_quotes(article, cue)
    if speaker is None and q is not None:
        speaker = _name_before_cue(article, q, cue)
    return Attribution(cue.idx, cue.idx + len(cue), speaker)


def _name_before_cue(article: Article, q: QuotedSpan, cue: "Token") -> Optional["Token"]:
    """“...,” William Daley, Obama's chief of staff, said: when the parse gives the cue no subject,
    the first name (or pronoun) between the quote and its cue."""
    close = q.close_at if q.close_at is not None else q.end
    if not close < cue.idx <= close + article.window:
        return None
    for token in article.tokens(close + 1, cue.idx):
        if article.in_quote(token):
            return None
        if token.ent_type_ in article.lexicon.quotes.speaking_labels or token.lower_ in article.lexicon.speaker_pronouns:
            return token
    return None


def cue_in_parse(article: Article, q: QuotedSpan) -> Optional[Attribution]:
    """A cue verb the quote hangs off, or that hangs off the quote, in the parse."""
    # Read on the article's arrays of heads and offsets: a Token is made only for a candidate cue.
    lexicon = article.lexicon
    doc, head_of, starts = article.doc, article.head_of, article.token_starts
    quote_at, paragraph_at = article.quote_at, article.paragraph_at
    inside = article.token_range(q.start, q.end)
    for i in inside:
        head = head_of[i]
        steps = 0
        while steps < lexicon.quotes.max_cue_climb and head != i:
            at = starts[head]
            if not (q.start <= at < q.end):
                if paragraph_at[at] != q.paragraph:
                    break
                if quote_at[at] < 0 and quotes_words(doc[head], lexicon):
                    return _at_cue(article, outermost_cue(article, doc[head]), q)
            if head_of[head] == head:
                break
            head = head_of[head]
            steps += 1
    child_deps = lexicon.parse.quote_cue_child_deps
    deps = article.deps
    for i in inside:
        for child in article.child_indices(i):
            at = starts[child]
            if (quote_at[at] < 0 and paragraph_at[at] == q.paragraph and deps[child] in child_deps
                    and quotes_words(doc[child], lexicon)):
                return _at_cue(article, doc[child], q)
    return None


def cue_nearby(article: Article, q: QuotedSpan) -> Optional[Attribution]:
    """The verb of saying or writing nearest the quote in its sentence, after it first, then before
    it (a verb of stance nearby, "criticized", is seldom what introduces the quote)."""
    lexicon = article.lexicon
    for token in article.forward(*article.sentence_after(q)):
        if not article.in_quote(token) and _says(token, lexicon):
            return _at_cue(article, token, q)
    for token in article.backward_outside(*article.sentence_before(q)):
        if _says(token, lexicon):
            return _at_cue(article, token)
    return None


def _says(token: "Token", lexicon: Lexicon) -> bool:
    if not quotes_words(token, lexicon):
        return False
    entry = cue_verb(token.text, lexicon)
    return entry is None or entry.kind in lexicon.quotes.nearby_cue_kinds


def name_colon(article: Article, q: QuotedSpan) -> Optional[Attribution]:
    """"Mark Blumenthal and Jon Cohen: “...”": a name, a colon, then the quote."""
    settings = article.lexicon.quotes
    tokens: list["Token"] = []  # the words before the quote, last first: the colon, then the name
    for token in article.backward_outside(*article.sentence_before(q)):
        if not token.is_space:
            tokens.append(token)
            if len(tokens) > settings.colon_speaker_window or tokens[0].text != ":":
                break
    if len(tokens) < 2 or tokens[0].text != ":":
        return None
    for token in tokens[1:]:
        if token.tag_ in article.lexicon.parse.name_tags or token.ent_type_ in settings.colon_speaker_labels:
            return Attribution(tokens[0].idx, tokens[0].idx + 1, token)
    return None


def dash_name(article: Article, q: QuotedSpan) -> Optional[Attribution]:
    """"... ” — Jane Doe": a dash right after the quote, then a name; or, for a quote that ends its
    paragraph, a next paragraph that is only a dash and a name (a signature line)."""
    tokens = []
    for token in article.forward(*article.sentence_after(q)):
        if not token.is_space:
            tokens.append(token)
            if len(tokens) == 2:
                break
    if not tokens and q.paragraph + 1 < len(article.paragraphs):
        start, end = article.paragraphs[q.paragraph + 1]
        line = article.tokens(start, min(end, start + article.window))
        if len(line) <= article.lexicon.quotes.colon_speaker_window:
            tokens = [t for t in line if not t.is_space]
    if (len(tokens) >= 2 and tokens[0].text in article.lexicon.quotes.dash_cues
            and tokens[1].tag_ in article.lexicon.parse.name_tags):
        return Attribution(tokens[0].idx, tokens[0].idx + len(tokens[0]), tokens[1])
    return None


def colon_paragraph(article: Article, q: QuotedSpan) -> Optional[Attribution]:
    """A paragraph ending in a colon introduces the quote that opens the next one: "Caddell
    continued:", "Stated Stone:", "Transcript as follows:"."""
    lexicon = article.lexicon
    p_start = article.paragraphs[q.paragraph][0]
    if article.text[p_start:q.open_at].strip() or q.paragraph == 0:
        return None
    prev_start, prev_end = article.paragraphs[q.paragraph - 1]
    if not article.text[prev_start:prev_end].rstrip().endswith(":"):
        return None
    # The last sentence of the previous paragraph, within the window.
    tokens = [t for t in article.tokens(max(prev_start, prev_end - article.window), prev_end)
              if not article.in_quote(t)]
    if not tokens:
        return None
    sentence = [t for t in tokens if article.same_sentence(t, tokens[-1])]
    for token in reversed(sentence):
        if is_cue(token, lexicon):
            return _at_cue(article, token)
    for token in reversed(sentence):
        if token.tag_.startswith("VB") and article.child(token, lexicon.parse.subject_deps) is not None:
            return _at_cue(article, token)
    root = _root(sentence[0])
    last = tokens[-1]
    return Attribution(last.idx, last.idx + len(last),
                       root if root.tag_ in lexicon.parse.speaking_subject_tags else None)


def _root(token: "Token") -> "Token":
    """The root of a token's tree (bounded by the tree's depth, not the sentence's length)."""
    while token.head.i != token.i:
        token = token.head
    return token


def governing_verb(article: Article, q: QuotedSpan) -> Optional[Attribution]:
    """A partial quote inside someone's sentence ("Manafort dismissed it as “absurd.”"): the verb
    outside the quote that governs it, when that verb has a subject that can speak."""
    # Climbed on the article's arrays: a Token is made only for a verb that may govern the quote.
    lexicon = article.lexicon
    climb = lexicon.quotes.max_cue_climb
    head_of, starts, tags, deps = article.head_of, article.token_starts, article.tags, article.deps
    for i in article.token_range(q.start, q.end):
        head, steps = head_of[i], 0
        while steps < climb and head != head_of[head] and q.start <= starts[head] < q.end:
            head, steps = head_of[head], steps + 1
        while steps < climb + 2 and not tags[head].startswith("VB") and head != head_of[head]:
            head, steps = head_of[head], steps + 1
        at = starts[head]
        if (tags[head].startswith("VB") and deps[head] != "aux" and article.quote_at[at] < 0
                and article.paragraph_at[at] == q.paragraph):
            verb = article.doc[head]
            if verb.lower_ in lexicon.quotes.copulas:
                continue
            subject = article.child(verb, {"nsubj"})
            if subject is not None and _can_speak(subject, article):
                return _at_cue(article, verb)
    return None


def _can_speak(token: "Token", article: Article) -> bool:
    """A person or organisation by name, or a personal pronoun: "the deal" is no speaker."""
    lexicon = article.lexicon
    return token.ent_type_ in lexicon.quotes.speaking_labels or token.lower_ in lexicon.speaker_pronouns


Strategy = Callable[[Article, QuotedSpan], Optional[Attribution]]

#: The strategies of direct-quote attribution, in the order they are tried, by name.
STRATEGIES: tuple[tuple[str, Strategy], ...] = (
    ("cue-in-parse", cue_in_parse),
    ("cue-nearby", cue_nearby),
    ("name-colon", name_colon),
    ("dash-name", dash_name),
    ("colon-paragraph", colon_paragraph),
    ("governing-verb", governing_verb),
)


def attribute_direct(article: Article, q: QuotedSpan,
                     strategies: tuple[tuple[str, Strategy], ...] = STRATEGIES) -> Found:
    """The quote of a quoted span, with the cue and speaker token of the first strategy that answers,
    or marked to inherit them from the quote before."""
    found = Found(q.start, q.end, "direct", paragraph=q.paragraph, quoted=q)
    for name, strategy in strategies:
        attribution = strategy(article, q)
        if attribution is not None:
            return found.set_cue(attribution.cue_start, attribution.cue_end, attribution.speaker, f"direct:{name}")
    found.inherit = True
    return found


def names_a_work(article: Article, q: QuotedSpan) -> bool:
    """The title of a work between quote marks: right after a word that introduces one ("a film
    titled “...”", "a program called “...”") or a noun of a work ("his book “...”", "the song, “...”").

    """
    settings = article.lexicon.quotes
    if len(article.text[q.start:q.end].split()) > settings.max_work_title_words:
        return False
    before = article.text[max(article.paragraphs[q.paragraph][0], q.open_at - article.window):q.open_at].split()
    if not before:
        return False
    last = before[-1].lower().rstrip(",:")
    return last in settings.title_words or last.strip("’'s") in settings.work_nouns


def looks_like_title(text: str, max_words: int) -> bool:
    """A short quoted stretch in title case is a title or a name ("Orange Is the New Black"), not speech.

    >>> [looks_like_title(t, 8) for t in ("A Time for Truth", "We will win", "Go Back!")]
    [True, False, False]
    """
    words = text.split()
    if not words or len(words) > max_words or text.rstrip()[-1] in ".!?,;:":
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) == len(words) or (len(words) > 2 and len(capitalised) >= len(words) - 2
                                               and words[0][:1].isupper() and words[-1][:1].isupper())
