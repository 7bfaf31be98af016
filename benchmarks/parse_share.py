"""The parse-on-a-subset experiment of issue 15, measured before it is built: how much of spaCy's
work could be skipped by parsing only the sentences that can hold an attribution.

usage: python benchmarks/parse_share.py DIR   (a directory of .txt articles, e.g. PolNeAR dev)

Prints the CPU time of each component of the quotes pipeline over the articles (each run alone, in
batches of 8), and the share of tokens in sentences with a quote mark, with a quote mark or a cue
form of speech or writing, and with a quote mark or any cue form. Skipping tok2vec, tagger and parser
on the other sentences can save at most that share of those three components' time (the NER keeps
its own tok2vec and must read every sentence), before the cost of cutting and re-joining documents.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from newsx import pipeline
from newsx.cues import cue_verb
from newsx.lexicon import default_lexicon
from newsx.normalize import normalize

MARKS = set("\"“”‘’«»„'")


def main(folder: str) -> None:
    lexicon = default_lexicon()
    nlp = pipeline.load(None, ("entities", "quotes"))
    texts = [normalize(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.txt"))]
    docs = [nlp.make_doc(text) for text in texts]
    seconds = {}
    for name, component in nlp.pipeline:
        start = time.process_time()
        docs = list(component.pipe(docs, batch_size=8)) if hasattr(component, "pipe") else [component(d) for d in docs]
        seconds[name] = time.process_time() - start
    total = sum(seconds.values())
    print("CPU by component: " + ", ".join(f"{n} {s:.2f} s ({s / total:.0%})" for n, s in seconds.items()))

    def cue_kind(word: str) -> str | None:
        verb = cue_verb(word, lexicon)
        return verb.kind if verb is not None else None

    tokens = marked = speech = any_cue = 0
    for doc in docs:
        tokens += len(doc)
        for sentence in doc.sents:
            mark = any(t.text[:1] in MARKS for t in sentence)
            kinds = {cue_kind(t.lower_) for t in sentence}
            marked += len(sentence) * mark
            speech += len(sentence) * (mark or bool(kinds & {"speech", "writing"}))
            any_cue += len(sentence) * (mark or bool(kinds - {None}))
    parse = seconds["tok2vec"] + seconds["tagger"] + seconds["parser"]
    for label, kept in (("a quote mark", marked), ("a mark or a speech/writing cue", speech), ("a mark or any cue", any_cue)):
        saved = (1 - kept / tokens) * parse / total
        print(f"sentences with {label}: {kept / tokens:.1%} of {tokens} tokens; the most skipping the rest "
              f"could save: {saved:.1%} of spaCy's CPU ({1 / (1 - saved):.2f}x)")


if __name__ == "__main__":
    main(sys.argv[1])
