"""Reported speech: a cue verb outside quote marks and what it attributes.

"X said (that) ...", "X told reporters ...", "according to X, ...", "X vowed to ...", "X praised the
deal", "X spoke about the plan". What a cue attributes depends on its row in ``cues.tsv``: every cue
takes a clause; ``infinitive``, ``object`` and ``prepositions`` say what else it takes, and a cue
that is not ``clause_only`` also takes a short answer ("said so", "said yes"). Each report records the
rule that found its content (``reported:clause``, ``reported:object``, ...).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, NamedTuple, Optional

from ..cues import cue_verb, is_according, is_cue_form
from ..marks import trimmed
from .article import Article, Found
from .parse import is_cue, name_opening_the_sentence, speaker_token

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Span = tuple[int, int]


class Content(NamedTuple):
    """What a cue attributes: its stretches of text (two when the cue stands inside it), and the
    rule that found them."""

    parts: list[Span]
    rule: str


def content_of(article: Article, cue: "Token") -> Optional[Content]:
    """The words a cue attributes, and the rule that found them: the clause it reports ("said
    (that) ..."), the rest of the sentence around "according to X" or a parenthetical "X said", an
    infinitive of intent ("vowed to ..."), the object of a verb of stance ("called it a sham") or of
    saying ("said so")."""
    lexicon = article.lexicon
    if is_according(cue) or cue.dep_ == "parataxis":
        parts = _sentence_without(article, cue)
        return Content(parts, "reported:according" if is_according(cue) else "reported:parenthetical") if parts else None
    entry = cue_verb(cue.text, lexicon)
    if entry is None:
        return None
    children = article.children(cue)
    clauses = [c for c in children if c.dep_ == "ccomp"]
    if clauses:
        # Two clauses ("When asked if ..., the coach said the club ..."): the one after the cue.
        after = [c for c in clauses if c.i > cue.i]
        return Content([_subtree_span(article, after[0] if after else clauses[0])], "reported:clause")
    for child in children:
        if child.dep_ == "xcomp" and entry.infinitive:
            return Content([_subtree_span(article, child)], "reported:infinitive")
    clause = _clause_of_document(article, cue)
    if clause is not None:  # "said in a statement that ...", parsed as the statement's clause
        return Content([_subtree_span(article, clause)], "reported:clause")
    rights = [c for c in children if c.i > cue.i]
    if entry.object:
        objects = [c for c in children if c.dep_ == "dobj" or (
            c.dep_ in lexicon.parse.clausal_deps and c.tag_ == "VBG" and c.i > cue.i)]
        if objects:  # "called it “a sham”", "supported raising the cap"
            return Content([_object_span(article, cue, objects[0])], "reported:object")
    for child in rights:
        if child.dep_ == "prep" and child.lower_ in entry.prepositions:
            # "called for a ban", "spoke about the deal"
            return Content([_subtree_span(article, child, skip_head=True)], "reported:preposition")
    if not entry.clause_only:
        for child in rights:
            if child.lower_ in lexicon.quotes.answer_words and (
                    child.dep_ in lexicon.parse.speech_object_deps or child.dep_ == "advmod"):
                return Content([(child.idx, child.idx + len(child))], "reported:answer")  # "said so", "said yes"
    return None


def _clause_of_document(article: Article, cue: "Token") -> Optional["Token"]:
    """The "that" clause the parser hung on a document the cue names ("said in a statement that
    ...", "wrote in an email that ..."): the cue reports it."""
    lexicon = article.lexicon
    for prep in article.rights(cue):
        document = article.child(prep, {"pobj"}) if prep.dep_ == "prep" else None
        if document is None or document.lower_ not in lexicon.document_nouns:
            continue
        for clause in article.rights(document):
            mark = article.child(clause, {"mark"})
            if (clause.dep_ in lexicon.parse.document_clause_deps and mark is not None
                    and mark.lower_ in lexicon.quotes.complementizers):
                return clause
    return None


def _object_span(article: Article, cue: "Token", first: "Token") -> Span:
    """An object and what the cue says about it after it ("called him “a liar”", "described the
    plan as a sham"), up to the next clause: the parser often makes the subject of a reported clause
    the cue's object. When and where it was said ("on Monday", "in a speech") are not attributed."""
    doc, parse = cue.doc, article.lexicon.parse
    end = first.right_edge
    for child in article.rights(first):
        if child.dep_ in parse.relative_deps and doc[child.left_edge.i - 1].text == ",":
            end = doc[child.left_edge.i - 2]  # "Paul Song, who said ...": his words are his own.
            break
    for child in article.rights(cue):
        if child.i <= first.i:
            continue
        if child.dep_ in parse.clause_break_deps or (child.i > 0 and doc[child.left_edge.i - 1].text in ",;:"):
            break
        if child.dep_ in parse.circumstance_deps or child.lower_ in parse.circumstance_words:
            break  # "discussed the plan on Fox News", "praised her last week"
        end = child.right_edge  # "called him “a liar”", "described it as a sham"
    return first.left_edge.idx, end.idx + len(end)


def _sentence_without(article: Article, cue: "Token") -> list[Span]:
    """The clause a cue phrase interrupts or introduces, without the cue phrase itself."""
    head = cue.head if cue.head.i != cue.i else cue
    if head.i == cue.i:
        return []
    first, last = head.left_edge.i, head.right_edge.i
    phrase_first, phrase_last = cue.left_edge.i, cue.right_edge.i
    before = article.words_between(first, phrase_first - 1)
    after = article.words_between(phrase_last + 1, last)
    if before + after == 0:
        return []
    minimum = article.lexicon.quotes.min_side_words
    if before >= minimum and after >= minimum:
        # "In his town, Marsh said, drivers go to court": both sides, as two parts.
        spans = [article.word_span(first, phrase_first - 1), article.word_span(phrase_last + 1, last)]
    elif after >= before:
        spans = [article.word_span(phrase_last + 1, last)]
    else:
        sentence = article.sentence_of[cue.i] if is_according(cue) else first
        spans = [article.word_span(min(first, sentence), phrase_first - 1)]
    return [span for span in spans if span]


def _subtree_span(article: Article, token: "Token", skip_head: bool = False) -> Span:
    """A clause's words, without a trailing participle of saying after a comma (", adding that ...":
    a report of its own); other participles stay (", bringing its total to ...")."""
    doc, parse = token.doc, article.lexicon.parse
    rights = article.rights(token)
    left = token.left_edge if not skip_head else (rights[0] if rights else token).left_edge
    right = token.right_edge
    for child in rights:
        if (child.dep_ in parse.trailing_participle_deps and child.tag_ == "VBG" and child.i > 0
                and doc[child.left_edge.i - 1].text == "," and is_cue(child, article.lexicon)):
            right = doc[child.left_edge.i - 2] if child.left_edge.i - 2 >= left.i else right
            break
    return left.idx, right.idx + len(right)


def _clausal(article: Article, cue: "Token", content_start: int) -> bool:
    """Whether a cue's content is a clause (ccomp, infinitive, "according to", parenthetical)."""
    return is_according(cue) or cue.dep_ == "parataxis" or any(
        c.dep_ in article.lexicon.parse.clausal_deps and c.left_edge.idx == content_start
        for c in article.children(cue))


#: Words whose answer :func:`cue_candidates` keeps per lexicon, at most.
_KNOWN_LIMIT = 200_000


def cue_candidates(doc: "Doc", article: Article) -> Iterator["Token"]:
    """Tokens whose form could be a cue, found on the doc's array of word ids rather than by
    creating a Token for every word (most are not cues)."""
    from spacy.attrs import LOWER

    lowers = doc.to_array(LOWER).tolist()
    strings = doc.vocab.strings
    # Whether a word (by its hash, the same in every Doc) is a cue form, kept with the lexicon: an
    # article's words are mostly words seen in earlier articles.
    known: dict[int, bool] = article.lexicon.derived("quotes.cue_form_hashes", lambda _: {})
    if len(known) > _KNOWN_LIMIT:
        known.clear()
    wanted = set()
    for h in set(lowers):
        is_form = known.get(h)
        if is_form is None:
            is_form = known[h] = is_cue_form(strings[h], article.lexicon)
        if is_form:
            wanted.add(h)
    for i in (i for i, h in enumerate(lowers) if h in wanted):
        yield doc[i]


def reported(article: Article) -> Iterator[Found]:
    """Every report of the article: a cue outside quote marks and markup, with a speaker and content."""
    lexicon = article.lexicon
    settings = lexicon.quotes
    for token in cue_candidates(article.doc, article):
        if article.in_quote(token) or article.markup[token.idx]:
            continue
        if not is_cue(token, lexicon) or token.dep_ in lexicon.parse.modifier_deps:
            continue  # "pledged delegates": a participle describing a noun reports nothing.
        content = content_of(article, token)
        if content is None:
            continue
        speaker = speaker_token(article, token) or name_opening_the_sentence(article, token)
        if speaker is None:
            continue
        parts = [trimmed(article.text, s, e) for s, e in content.parts]
        parts = [(s, e) for s, e in parts if e > s]
        if not parts:
            continue
        clausal = _clausal(article, token, parts[0][0])
        entry = cue_verb(token.text, lexicon)
        minimum = settings.min_stance_object_words if entry and entry.kind == "stance" else settings.min_object_words
        if not clausal and content.rule != "reported:answer" and (
                sum(article.words_in(s, e) for s, e in parts) < minimum):
            continue  # An object is reported speech only when a speaker says something about it.
        found = Found(parts[0][0], parts[-1][1], "indirect", paragraph=article.paragraph_at[token.idx],
                      clausal=clausal, parts=parts)
        found.set_cue(token.idx, token.idx + len(token), speaker, content.rule)
        if is_question_put(article, token):
            found.not_a_quote = "question-put-to-speaker"  # still hides the reports nested in it
        yield found


def is_question_put(article: Article, cue: "Token") -> bool:
    """A question put to the speaker ("When asked if ...", "Jones, asked whether ...", "she was
    asked about ..."): a verb of asking in the passive, or a participle with no subject of its own.
    The question is the asker's, not the words of the person asked; the answer is theirs."""
    lexicon = article.lexicon
    entry = cue_verb(cue.text, lexicon)
    if entry is None or entry.lemma not in lexicon.quotes.question_cues:
        return False
    children = article.children(cue)
    if any(c.dep_ in lexicon.parse.passive_deps or c.dep_ == "nsubjpass" for c in children):
        return True
    return cue.tag_ == "VBN" and not any(c.dep_ in lexicon.parse.subject_deps for c in children)
