"""Putting the passes together: nested reports dropped, reported clauses merged with the quotes inside
them, the parts of one statement joined into one quote, speakers resolved in text order.

One statement is one quote: the halves of a quote split by its cue ("“A,” she said, “B.”") and a
quotation continued in the next paragraphs without a cue of its own are the ``parts`` of one quote;
a follow-on quote with a cue of its own ("she added") is another. Every step here is linear in the
number of quotes and reports (up to a sort): reports and quotes are looked up by offset.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Iterator, Optional

from ..lexicon import Lexicon, LexiconLike, resolve_lexicon
from ..profiles import Profiles
from ..speakers import SpeakerResolver
from ..types import Entities, Quote, QuotePart
from .article import Article, Found
from .direct import attribute_direct, looks_like_title, names_a_work
from .headlines import paraphrase_lines
from .kinds import attribution_kind
from .reported import reported as reported_speech

if TYPE_CHECKING:
    from spacy.tokens import Doc


def outermost(reports: list[Found]) -> list[Found]:
    """Drop a report nested in another's clause ("X said they support a ban": X's, not theirs).

    The clauses are sorted once; each report asks whether any clause but its own covers its cue
    (a prefix maximum of the clauses' ends, with the runner-up for the report's own clause).
    """
    clauses = sorted((r for r in reports if r.clausal), key=lambda r: r.start)
    starts = [c.start for c in clauses]
    best: list[tuple[int, int, int]] = []  # per prefix: (max end, index of that clause, second max end)
    for n, clause in enumerate(clauses):
        top, at, second = best[-1] if best else (-1, -1, -1)
        if clause.end > top:
            best.append((clause.end, n, top))
        else:
            best.append((top, at, max(second, clause.end)))
    kept = []
    for report in reports:
        cue = report.cue_start if report.cue_start is not None else 0
        n = bisect_right(starts, cue) - 1
        if n >= 0:
            top, at, second = best[n]
            covering = second if clauses[at] is report else top
            if covering > cue:
                continue
        kept.append(report)
    return kept


def merge(direct: list[Found], reports: list[Found], article: Article) -> list[Found]:
    """Join a reported clause and the direct quotes inside it that share its cue into one quote.

    A clause that is no more than its quote (a word or two before it, none after) is the quote,
    which keeps its cue; a clause with more words is one "mixed" quote that absorbs the quotes in
    it. A clause holding a quote attributed through another cue outside it is dropped: the quote
    already stands for that stretch, and one stretch of text is one attribution.
    """
    lexicon = article.lexicon
    direct = sorted(direct, key=lambda d: d.start)
    ends = [d.end for d in direct]
    kept: list[Found] = []
    absorbed: set[int] = set()
    for r in reports:
        first = bisect_right(ends, r.start)
        inside = []
        for d in direct[first:]:
            if d.start >= r.end:
                break
            inside.append(d)
        if not inside:
            kept.append(r)
            continue
        before = article.words_in(r.start, inside[0].start)
        after = article.words_in(inside[-1].end, r.end)
        between = sum(article.words_in(a.end, b.start) for a, b in zip(inside, inside[1:]))
        if not after and not between and before <= lexicon.quotes.max_words_around_quote:
            for d in inside:  # The clause is the quote: the quote keeps its cue.
                if d.cue_start is None or d.inherit:
                    d.cue_start, d.cue_end, d.speaker_token, d.inherit = r.cue_start, r.cue_end, r.speaker_token, False
                    d.rules += r.rules + ["merge:cue-of-clause"]
            continue
        own = [d for d in inside if _belongs_to(d, r)]
        if len(own) < len(inside) or _split_by_cue(own, r):
            continue  # "“A,” he said, “B.”": the halves of a quote split by its cue stay quotes.
        start = min(r.start, own[0].start)
        end = max(r.end, own[-1].end)
        mixed = Found(start, end, "mixed", r.cue_start, r.cue_end, r.speaker_token, paragraph=r.paragraph,
                      rules=r.rules + ["merge:mixed"], parts=_cover(r.parts, start, end))
        kept.append(mixed)
        absorbed |= {id(d) for d in own}
    return [d for d in direct if id(d) not in absorbed] + kept


def _belongs_to(quote: Found, report: Found) -> bool:
    """A quote inside a reported clause is the clause's when it has no cue of its own, the clause's
    cue, or a cue inside the clause (a verb of the reported words: "said the plan “shows” ...")."""
    if quote.cue_start is None or quote.inherit or quote.cue_start == report.cue_start:
        return True
    return report.start <= quote.cue_start < report.end


def _cover(parts: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a report, widened to ``start``/``end`` at either end."""
    parts = list(parts)
    parts[0] = (min(parts[0][0], start), parts[0][1])
    parts[-1] = (parts[-1][0], max(parts[-1][1], end))
    return parts


def _split_by_cue(quotes: list[Found], report: Found) -> bool:
    """True when the cue stands between the quotes: a quote split by its cue."""
    return (len(quotes) > 1 and report.cue_start is not None
            and min(q.start for q in quotes) < report.cue_start < max(q.end for q in quotes))


def extract_quotes(doc: "Doc", text: str, *, entities: Entities | None = None,
                   lexicon: LexiconLike = None, profiles: Optional[Profiles] = None) -> Iterator[Quote]:
    """Yield every quote of an article, direct and reported, in text order, with its speaker and
    the kind of attribution it is (every kind: :func:`newsx.quotes.select` keeps the ones asked for).

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
              if not looks_like_title(text[q.start:q.end], rules.quotes.max_title_words)
              and not names_a_work(article, q)]
    reports = [r for r in outermost(list(reported_speech(article))) if r.not_a_quote is None]
    headlines = paraphrase_lines(article)  # headlines, titles and teasers hold no quote
    found = sorted((f for f in merge(direct, reports, article) if f.paragraph not in headlines),
                   key=lambda f: f.start)
    resolver = SpeakerResolver(doc, text, entities, rules, profiles)
    quotes: list[Found] = []
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
            item.kind = attribution_kind(article, item)
            if last is not None and _same_statement(last, item):
                last.join(item)  # "“A,” she said, “B.”": both halves found the one cue.
                last.rules.append("join:split-quote")
                continue
        else:
            # No speaker at this quote: it continues the quotation before it, or it is no quote.
            source = _inherited_from(item, last, article)
            if source is not None and not _continues(source, item, article) and len(text[item.start:item.end].split()) < 6:
                continue
            if source is not None and _takes_parts(source) and _continues(source, item, article):
                source.join(item)
                source.rules.append("join:split-quote" if source.paragraph == item.paragraph else "join:follow-on")
                source.paragraph = item.paragraph
                continue
            if source is not None:
                item.speaker, item.kind = source.speaker, source.kind
                item.cue_start, item.cue_end = source.cue_start, source.cue_end
                item.rules.append("inherit:split-quote" if source.paragraph == item.paragraph else "inherit:follow-on")
            elif len(text[item.start:item.end].split()) < rules.quotes.min_unattributed_words:
                continue
            else:
                item.rules.append("unattributed:long-quote")
        quotes.append(item)
        if item.speaker is not None:
            last = item
    for item in quotes:
        item.parts = [(s, e) for s, e in (_without_end_marks(article, s, e) for s, e in item.parts) if e > s]
        if item.parts:
            yield _to_quote(item, text)


def _without_end_marks(article: Article, start: int, end: int) -> tuple[int, int]:
    """A part without the quote marks at its ends: a mixed quote that starts or ends with its quote
    starts or ends with the quote's words, while a mark inside it stays (``we will win the vote” on
    Monday``)."""
    at = article.quote_at[start]
    if at >= 0 and article.quoted[at].open_at == start:
        start = article.quoted[at].start
    at = article.quote_at[end - 1] if end > start else -1
    if at >= 0 and article.quoted[at].close_at == end - 1:
        end = article.quoted[at].end
    return start, max(start, end)


def _same_statement(last: Found, item: Found) -> bool:
    """Two direct quotes of one paragraph attributed through the same cue: one statement."""
    return (item.type == "direct" and last.type in ("direct", "mixed") and last.paragraph == item.paragraph
            and last.cue_start is not None and last.cue_start == item.cue_start)


def _inherited_from(item: Found, last: Optional[Found], article: Article) -> Optional[Found]:
    """The quote a cue-less quote continues: the other half of a quote split by its cue in the same
    paragraph, or, for a quote opening its paragraph, the last attributed quote shortly before."""
    if last is None or last.speaker is None or item.quoted is None:
        return None
    if last.paragraph == item.paragraph:
        return last
    if article.opens_paragraph(item.quoted.open_at) and item.paragraph - last.paragraph <= article.lexicon.quotes.follow_on_paragraphs:
        return last
    return None


def _takes_parts(quote: Found) -> bool:
    """Whether a quote can go on in a quote with no cue of its own: a direct or mixed one, or reported
    words that come before their cue ("Prices will rise, she said. “And soon.”")."""
    return quote.type != "indirect" or (quote.cue_start is not None and quote.cue_start > quote.start)


def _continues(last: Found, item: Found, article: Article) -> bool:
    """Whether a cue-less quote is the next part of ``last``'s statement rather than a phrase in
    quote marks inside a sentence of its own: it opens its paragraph, or only the cue's words (a few)
    stand between the two (“A,” she said, “B.” or “A,” she said. “B.”) and it does not follow a word."""
    assert item.quoted is not None
    text = article.text
    gap_start, gap_end = last.end, item.quoted.open_at
    if last.paragraph != item.paragraph or article.opens_paragraph(gap_end):
        return True
    before = gap_end
    while before > gap_start and text[before - 1].isspace():
        before -= 1
    if before > gap_start and text[before - 1] not in article.lexicon.quotes.part_openers:
        return False  # "there would be “immediate” concerns": a phrase inside a sentence.
    words = article.words_in(gap_start, gap_end)
    cue_in_gap = last.cue_start is not None and gap_start <= last.cue_start < gap_end
    return words == 0 or (cue_in_gap and words <= article.lexicon.quotes.max_words_between_parts)


def _to_quote(item: Found, text: str) -> Quote:
    speaker = item.speaker
    cue = text[item.cue_start:item.cue_end] if item.cue_start is not None else None
    parts = tuple(QuotePart(text[s:e], s, e) for s, e in item.parts)
    return Quote(
        text=" ".join(p.text for p in parts), start=parts[0].start, end=parts[-1].end,
        type=item.type,  # type: ignore[arg-type]
        speaker=speaker.name if speaker else None,
        speaker_start=speaker.start if speaker else None, speaker_end=speaker.end if speaker else None,
        organisation=speaker.organisation if speaker else None,
        cue=cue, cue_start=item.cue_start if cue else None, cue_end=item.cue_end if cue else None,
        speaker_kind=speaker.kind if speaker else None,
        speaker_gender=speaker.gender if speaker else None, speaker_role=speaker.role if speaker else None,
        rules=tuple(item.rules), kind=item.kind,  # type: ignore[arg-type]
        parts=parts,
    )
