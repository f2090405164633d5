"""How the classifier copes with news that comes after a long friendly opening.

    .venv/bin/python bench/eval_opening.py [--model DIR] [FILE.jsonl ...]
    .venv/bin/python bench/eval_opening.py --model DIR --held-out [--seed N]

Portal notices and ATS templates lead with their news; a person's letter may first spend
a paragraph on thanks and small talk. For each labelled message this puts a label-neutral
opening of about 0, 40, 70 and 100 words after its greeting line (or before its text when
it has none) and prints macro-F1 and accuracy per opening. The openings hold no cue phrase
of any label (checked at start-up against the model's cue lexicon).

Files default to ../shared/corpus/dev.jsonl. `--held-out` scores the held-out fifth of the
project's own messages instead (`build_examples(held_out=5, seed)`): meaningful only for a
model trained on the other four fifths, e.g. one kept by
`bench/bench_classify.py --compare CONFIG --keep DIR`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from inbox_monitor.classify import (
    REPO_MODEL_DIR,
    ClassifierInput,
    TextcatClassifier,
    normalise_text,
)
from inbox_monitor.cli.model import line_input
from inbox_monitor.training import SEED, build_examples, evaluate_predictions, labelled_rows

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev.jsonl"

_FIRST = (
    "I hope you had a good weekend. It was good to hear from you last week, and thanks again "
    "for sending over the extra details about the dates you are away in the new year and the "
    "best number to reach you on."
)
_SECOND = (
    " Things have been busy here with planning for next year and the office move, and a few "
    "people have been away, so I wanted to make sure I gave you a proper update rather than "
    "a rushed one."
)
_THIRD = (
    " I also passed on your note about the parking arrangements, which the facilities people "
    "will pick up separately with you in due course, and the question about the building "
    "access cards."
)
OPENINGS = ["", _FIRST, _FIRST + _SECOND, _FIRST + _SECOND + _THIRD]


def with_opening(text: str, opening: str) -> str:
    """`text` with `opening` as its first paragraph, after a short greeting line if any."""
    if not opening:
        return text
    first, _, rest = text.lstrip().partition("\n")
    if first.rstrip().endswith(",") and len(first.split()) <= 5:
        return f"{first}\n\n{opening}\n\n{rest.lstrip()}"
    return f"{opening}\n\n{text}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE.jsonl")
    parser.add_argument("--model", type=Path, default=REPO_MODEL_DIR)
    parser.add_argument("--held-out", action="store_true", help="score the held-out fifth")
    parser.add_argument("--seed", type=int, default=SEED, help="framing seed for --held-out")
    options = parser.parse_args()

    classifier = TextcatClassifier(options.model)
    for opening in OPENINGS[1:]:
        hits = classifier.rules.cue_hits(classifier.nlp.make_doc(normalise_text("", opening)))
        if hits:  # the probe must add no evidence of its own
            raise SystemExit(f"an opening holds cue phrases: {hits}")

    sets: list[tuple[str, list[ClassifierInput], list[str]]] = []
    if options.held_out:
        _, held = build_examples(seed=options.seed, held_out=5)
        items = [ClassifierInput(e.subject, e.text) for e in held]
        sets.append((f"held-out fifth (seed {options.seed})", items, [e.label for e in held]))
    else:
        for path in options.files or [DEV]:
            rows = labelled_rows(path)
            items = [line_input(row)[0] for row in rows]
            sets.append((path.name, items, [row["label"] for row in rows]))

    print(f"classifier: {classifier.name} (reads {classifier.model_tokens} tokens)")
    print(f"{'set':32} {'opening':>8} {'macro-F1':>9} {'accuracy':>9}")
    for name, items, gold in sets:
        for opening in OPENINGS:
            shifted = [ClassifierInput(i.subject, with_opening(i.text, opening)) for i in items]
            predicted = [r.label.value for r in classifier.classify(shifted)]
            evaluation = evaluate_predictions(gold, predicted)
            words = f"{len(opening.split())} w"
            print(f"{name:32} {words:>8} {evaluation.macro_f1:9.3f} {evaluation.accuracy:9.3f}")


if __name__ == "__main__":
    main()
