"""Putting the passes together: nested reports dropped, reported clauses merged with the quotes inside
them, quotes without a cue joined to the quotation they continue, speakers resolved in text order.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

from ..lexicon import Lexicon, LexiconLike, resolve_lexicon
from ..profiles import Profiles
from ..speakers import SpeakerResolver
from ..types import Entities, Quote
from .article import Article, Found
from .direct import attribute_direct, looks_like_title
from .headlines import headline_reports
from .reported import reported as reported_speech

if TYPE_CHECKING:
    from spacy.tokens import Doc


def outermost(reports: list[Found]) -> list[Found]:
    """Drop a report nested in another's clause ("X said they support a ban": X's, not theirs)."""
    return [r for r in reports
            if not any(o is not r and o.clausal and o.start <= (r.cue_start or 0) < o.end for o in reports)]


def merge(direct: list[Found], reports: list[Found], text: str, lexicon: Lexicon) -> list[Found]:
    """Join a reported clause and the direct quotes inside it that share its cue into one quote.

    A clause that holds a quote attributed through another cue (nested reports) is dropped: the
    quote already stands for that stretch, and one stretch of text is one attribution.
    """
    kept: list[Found] = []
    absorbed: set[int] = set()
    for r in reports:
        inside = [d for d in direct if d.start < r.end and r.start < d.end]
        if not inside:
            kept.append(r)
            continue
        outside = sum(len(text[a:b].split()) for a, b in _uncovered(r.start, r.end, inside))
        if outside <= lexicon.quotes.max_words_around_quote:
            for d in inside:  # The clause is the quote: the quote keeps its cue.
                if d.cue_start is None or d.inherit:
                    d.cue_start, d.cue_end, d.speaker_token, d.inherit = r.cue_start, r.cue_end, r.speaker_token, False
                    d.rules += r.rules + ["merge:cue-of-clause"]
            continue
        own = [d for d in inside if d.cue_start == r.cue_start or d.cue_start is None or d.inherit]
        if len(own) < len(inside) or _split_by_cue(own, r):
            continue  # "“A,” he said, “B.”": the halves of a quote split by its cue stay quotes.
        start = min([r.start] + [d.start for d in own])
        end = max([r.end] + [d.end for d in own])
        mixed = Found(start, end, "mixed", r.cue_start, r.cue_end, r.speaker_token, paragraph=r.paragraph,
                      rules=r.rules + ["merge:mixed"])
        kept.append(mixed)
        absorbed |= {id(d) for d in own}
    return [d for d in direct if id(d) not in absorbed] + kept


def _split_by_cue(quotes: list[Found], report: Found) -> bool:
    """True when the cue stands between the quotes: a quote split by its cue."""
    return (len(quotes) > 1 and report.cue_start is not None
            and min(q.start for q in quotes) < report.cue_start < max(q.end for q in quotes))


def _uncovered(start: int, end: int, quotes: list[Found]) -> list[tuple[int, int]]:
    pieces, at = [], start
    for q in sorted(quotes, key=lambda q: q.start):
        if q.start > at:
            pieces.append((at, q.start))
        at = max(at, q.end)
    if at < end:
        pieces.append((at, end))
    return pieces


def extract_quotes(doc: "Doc", text: str, *, entities: Entities | None = None,
                   lexicon: LexiconLike = None, profiles: Optional[Profiles] = None) -> Iterator[Quote]:
    """Yield every quote of an article, direct and reported, in text order, with its speaker.

    ``doc`` is the spaCy Doc of ``normalize(text)`` with a parser; ``entities`` (from
    :func:`newsx.entities.extract_entities`) lets speakers resolve to full names; ``profiles`` (from
    :func:`newsx.profiles.build_profiles`) are built from them when not given; ``lexicon`` is a
    :class:`~newsx.lexicon.Lexicon`, a lexicon directory, or None for the packaged one.

    >>> from newsx import analyze  # doctest: +SKIP
    >>> [(q.speaker, q.type) for q in analyze("“Yes,” Jane Doe said.").quotes]  # doctest: +SKIP
    [('Jane Doe', 'direct')]
    """
    rules = resolve_lexicon(lexicon)
    article = Article(doc, text, rules)
    direct = [attribute_direct(article, q) for q in article.quoted
              if not looks_like_title(text[q.start:q.end], rules.quotes.max_title_words)]
    reports = outermost(list(reported_speech(article)))
    taken = {r.paragraph for r in reports}
    reports += [h for h in headline_reports(article) if h.paragraph not in taken]
    found = sorted(merge(direct, reports, text, rules), key=lambda f: f.start)
    resolver = SpeakerResolver(doc, text, entities, rules, profiles)
    paragraph_starts = [start for start, _ in article.paragraphs]
    last: Optional[Found] = None
    for item in found:
        if item.speaker_token is not None:
            item.speaker = resolver.resolve(item.speaker_token, item.paragraph)
            if item.speaker is None:
                # A dateline, a city, a title alone: nobody speaks there. Reported speech needs a
                # speaker; a direct quote keeps its cue and has none.
                if item.type != "direct":
                    continue
                item.rules.append("speaker:never")
            else:
                item.rules.append(f"speaker:{item.speaker.rule}")
                item.rules.extend(item.speaker.evidence)  # "organisation:possessive-title", "gender:pronoun"
        else:
            # No speaker at this quote: it continues the quotation before it, or it is no quote.
            source = _inherited_from(item, last, text, paragraph_starts, rules)
            if source is not None:
                item.speaker = source.speaker
                item.cue_start, item.cue_end = source.cue_start, source.cue_end
                item.rules.append("inherit:split-quote" if source.paragraph == item.paragraph else "inherit:follow-on")
            elif len(text[item.start:item.end].split()) < rules.quotes.min_unattributed_words:
                continue
            else:
                item.rules.append("unattributed:long-quote")
        if item.speaker is not None:
            last = item
        yield _to_quote(item, text)


def _inherited_from(item: Found, last: Optional[Found], text: str, paragraph_starts: list[int],
                    lexicon: Lexicon) -> Optional[Found]:
    """The quote a cue-less quote continues: the other half of a quote split by its cue in the same
    paragraph, or, for a quote opening its paragraph, the last attributed quote shortly before."""
    if last is None or last.speaker is None or item.quoted is None:
        return None
    if last.paragraph == item.paragraph:
        return last
    opens_paragraph = not text[paragraph_starts[item.paragraph]:item.quoted.open_at].strip()
    if opens_paragraph and item.paragraph - last.paragraph <= lexicon.quotes.follow_on_paragraphs:
        return last
    return None


def _to_quote(item: Found, text: str) -> Quote:
    speaker = item.speaker
    cue = text[item.cue_start:item.cue_end] if item.cue_start is not None else None
    return Quote(
        text=text[item.start:item.end], start=item.start, end=item.end, type=item.type,  # type: ignore[arg-type]
        speaker=speaker.name if speaker else None,
        speaker_start=speaker.start if speaker else None, speaker_end=speaker.end if speaker else None,
        organisation=speaker.organisation if speaker else None,
        cue=cue, cue_start=item.cue_start if cue else None, cue_end=item.cue_end if cue else None,
        speaker_kind=speaker.kind if speaker else None,
        speaker_gender=speaker.gender if speaker else None, speaker_role=speaker.role if speaker else None,
        rules=tuple(item.rules),
    )
