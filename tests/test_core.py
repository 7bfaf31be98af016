"""The library's Extractor: how it hands articles to spaCy (batches capped by count and by
characters, streaming, in order) without changing any result.
"""
from __future__ import annotations

from unittest import mock

import pytest

from newsx import core, pipeline
from newsx.output import article_to_dict


@pytest.mark.parametrize("lengths, size, max_chars, expected", [
    ([1, 1, 1, 1, 1], 2, 100, [[0, 1], [2, 3], [4]]),  # the count alone
    ([30, 30, 30, 30], 8, 80, [[0, 1], [2, 3]]),  # the characters alone: a third would make 90
    ([10, 100, 10, 10], 8, 80, [[0], [1], [2, 3]]),  # a piece longer than the cap is a batch of its own
    ([100, 100], 8, 80, [[0], [1]]),
    ([40, 40, 1], 8, 80, [[0, 1], [2]]),  # exactly the cap still fits
    ([5] * 10, 3, 12, [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]),  # whichever cap comes first
    ([], 8, 80, []),
])
def test_core_batches_cap_pieces_by_count_and_characters(lengths, size, max_chars, expected):
    pieces = [("x" * length, number) for number, length in enumerate(lengths)]
    batches = list(core._batches(pieces, size, max_chars))
    assert [[number for _, number in batch] for batch in batches] == expected


def _counting(pieces, pulled):
    for piece in pieces:
        pulled.append(piece[1])
        yield piece


@pytest.mark.parametrize("lengths, size, max_chars, read_before_first", [
    ([1, 1, 1, 1], 2, 100, 2),  # full by count: yielded without reading the next piece
    ([50, 50, 1], 8, 80, 2),  # full by characters: known only once the next piece is read
])
def test_core_batches_stream_without_reading_ahead(lengths, size, max_chars, read_before_first):
    pulled: list[int] = []
    batches = core._batches(_counting([("x" * n, i) for i, n in enumerate(lengths)], pulled), size, max_chars)
    next(batches)
    assert len(pulled) == read_before_first


def test_core_character_cap_leaves_every_result_unchanged(extractor):
    texts = [f"\u201cWe agree on point {i},\u201d Angela Merkel said in Berlin on Monday.\n\n"
             f"Emmanuel Macron told reporters that France would act, and Li Shangfu said so too.\n" * (i + 1)
             for i in range(10)]
    sizes: list[list[int]] = []
    real = core._batches

    def recording(pieces, size, max_chars):
        for batch in real(pieces, size, max_chars):
            sizes[-1].append(len(batch))
            yield batch

    results = []
    for cap in (pipeline.BATCH_CHARS, 400):
        sizes.append([])
        with mock.patch.object(core, "_batches", recording), mock.patch.object(pipeline, "BATCH_CHARS", cap):
            results.append([article_to_dict(a) for a in extractor.pipe(texts)])
    assert sizes[0] == [8, 2]
    assert len(sizes[1]) > 2 and sum(sizes[1]) == len(texts)
    assert results[0] == results[1]
    assert [r["source"] for r in results[1]] == [f"<text {i}>" for i in range(10)]
