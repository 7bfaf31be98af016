"""Reported speech: a cue verb outside quote marks and what it attributes.

"X said (that) ...", "X told reporters ...", "according to X, ...", "X vowed to ...", "X praised the
deal", "X spoke about the plan". What a cue attributes depends on its row in ``cues.tsv``: every cue
takes a clause; ``infinitive``, ``object`` and ``prepositions`` say what else it takes, and a cue
that is not ``clause_only`` also takes a short answer ("said so", "said yes"). Each report records the
rule that found its content (``reported:clause``, ``reported:object``, ...).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

from ..cues import cue_verb, is_according, is_cue_form
from ..lexicon import Lexicon
from ..marks import trimmed
from .article import Article, Found
from .parse import is_cue, speaker_token

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Content = tuple[int, int, str]  # start, end, the rule that found it


def content_of(cue: "Token", lexicon: Lexicon) -> Optional[Content]:
    """The words a cue attributes, and the rule that found them: the clause it reports ("said
    (that) ..."), the rest of the sentence around "according to X" or a parenthetical "X said", an
    infinitive of intent ("vowed to ..."), the object of a verb of stance ("called it a sham") or of
    saying ("said so")."""
    if is_according(cue) or cue.dep_ == "parataxis":
        span = _sentence_without(cue)
        return (*span, "reported:according" if is_according(cue) else "reported:parenthetical") if span else None
    entry = cue_verb(cue.text, lexicon)
    if entry is None:
        return None
    for child in cue.children:
        if child.dep_ == "ccomp":
            return (*_subtree_span(child, lexicon), "reported:clause")
        if child.dep_ == "xcomp" and entry.infinitive:
            return (*_subtree_span(child, lexicon), "reported:infinitive")
    if entry.object:
        objects = [c for c in cue.children if c.dep_ == "dobj"]
        if objects:
            return (*_object_span(cue, objects[0], lexicon), "reported:object")  # "called it “a sham”"
    for child in cue.rights:
        if child.dep_ == "prep" and child.lower_ in entry.prepositions:
            # "called for a ban", "spoke about the deal"
            return (*_subtree_span(child, lexicon, skip_head=True), "reported:preposition")
    if not entry.clause_only:
        for child in cue.rights:
            if child.dep_ in lexicon.parse.speech_object_deps or (child.dep_ == "advmod" and child.lower_ == "so"):
                return (*_object_span(cue, child, lexicon), "reported:answer")  # "said so", "said yes"
    return None


def _object_span(cue: "Token", first: "Token", lexicon: Lexicon) -> tuple[int, int]:
    """An object and what the cue says about it after it ("called him “a liar” on Monday"), up to
    the next clause: the parser often makes the subject of a reported clause the cue's object."""
    doc = cue.doc
    end = first.right_edge
    for child in first.rights:
        if child.dep_ in lexicon.parse.relative_deps and doc[child.left_edge.i - 1].text == ",":
            end = doc[child.left_edge.i - 2]  # "Paul Song, who said ...": his words are his own.
            break
    for child in cue.rights:
        if child.i <= first.i:
            continue
        if child.dep_ in lexicon.parse.clause_break_deps or (child.i > 0 and doc[child.left_edge.i - 1].text in ",;:"):
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


def _subtree_span(token: "Token", lexicon: Lexicon, skip_head: bool = False) -> tuple[int, int]:
    """A clause's words, without a trailing participle after a comma (", adding that ...")."""
    doc = token.doc
    left = token.left_edge if not skip_head else next(token.rights, token).left_edge
    right = token.right_edge
    for child in token.rights:
        if (child.dep_ in lexicon.parse.trailing_participle_deps and child.tag_ == "VBG" and child.i > 0
                and doc[child.left_edge.i - 1].text == ","):
            right = doc[child.left_edge.i - 2] if child.left_edge.i - 2 >= left.i else right
            break
    return left.idx, right.idx + len(right)


def _clausal(cue: "Token", content_start: int, lexicon: Lexicon) -> bool:
    """Whether a cue's content is a clause (ccomp, infinitive, "according to", parenthetical)."""
    return is_according(cue) or cue.dep_ == "parataxis" or any(
        c.dep_ in lexicon.parse.clausal_deps and c.left_edge.idx == content_start for c in cue.children)


def cue_candidates(doc: "Doc", lexicon: Lexicon) -> Iterator["Token"]:
    """Tokens whose form could be a cue, found on the doc's array of word ids rather than by
    creating a Token for every word (most are not cues)."""
    from spacy.attrs import LOWER

    lowers = doc.to_array(LOWER).tolist()
    strings = doc.vocab.strings
    wanted = {h for h in set(lowers) if is_cue_form(strings[h], lexicon)}
    for i in (i for i, h in enumerate(lowers) if h in wanted):
        yield doc[i]


def reported(article: Article) -> Iterator[Found]:
    """Every report of the article: a cue outside quote marks and markup, with a speaker and content."""
    lexicon = article.lexicon
    settings = lexicon.quotes
    for token in cue_candidates(article.doc, lexicon):
        if article.in_quote(token) or article.markup[token.idx]:
            continue
        if not is_cue(token, lexicon) or token.dep_ in lexicon.parse.modifier_deps:
            continue  # "pledged delegates": a participle describing a noun reports nothing.
        content = content_of(token, lexicon)
        if content is None:
            continue
        speaker = speaker_token(token, lexicon)
        if speaker is None:
            continue
        start, end = trimmed(article.text, content[0], content[1])
        words = article.text[start:end].split()
        if not words:
            continue
        clausal = _clausal(token, start, lexicon)
        if not clausal and len(words) < settings.min_object_words and words[0].lower() not in settings.answer_words:
            continue  # An object is reported speech only when a speaker says something about it.
        found = Found(start, end, "indirect", paragraph=article.paragraph_at[token.idx], clausal=clausal)
        yield found.set_cue(token.idx, token.idx + len(token), speaker, content[2])
