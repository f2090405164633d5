"""How the classifier copes with news that comes after a long friendly opening.

    .venv/bin/python bench/eval_opening.py [--model DIR] [FILE.jsonl ...]
    .venv/bin/python bench/eval_opening.py --model DIR --held-out [--seed N]

Portal notices and ATS templates lead with their news; a person's letter may first spend a
paragraph on thanks and small talk. For each labelled message this puts an opening of one,
two or three sentences (33 to 112 words) after its greeting line (or before its text when
it has none) and prints macro-F1, accuracy and offer and rejection recall per opening. Two
families of openings: "update" (busy weeks, people away, a proper update:
news-of-the-process talk) and "thanks" (thanks for the time and the exercise, a pleasure
to meet). Both hold no cue phrase (checked at start-up against the model's cue lexicon),
but no text is neutral to a bag of words: the model reads the "update" openings alone as
delay or acknowledgement and the "thanks" openings as outreach, and the probe prints how
it reads each one alone, so that a fall can be told apart from that pull.

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

_UPDATE = (
    "I hope you had a good weekend. It was good to hear from you last week, and thanks again "
    "for sending over the extra details about the dates you are away in the new year and the "
    "best number to reach you on.",
    " Things have been busy here with planning for next year and the office move, and a few "
    "people have been away, so I wanted to make sure I gave you a proper update rather than "
    "a rushed one.",
    " I also passed on your note about the parking arrangements, which the facilities people "
    "will pick up separately with you in due course, and the question about the building "
    "access cards.",
)
_THANKS = (
    "Thanks so much for making the time to talk with us, and for the care you put into the "
    "exercise; several of us went through it together and enjoyed the discussion it started.",
    " It has been a pleasure getting to know you, and I know the people you met valued "
    "hearing how you think about building things that last rather than chasing quick wins.",
    " I also wanted to say that your questions about how the teams work together were some "
    "of the best we heard, and they have already shaped a few conversations here.",
)


def _growing(sentences: tuple[str, ...]) -> list[str]:
    """The first one, two, three... of `sentences`, joined: openings of growing length."""
    return ["".join(sentences[: n + 1]) for n in range(len(sentences))]


OPENINGS = {"update": _growing(_UPDATE), "thanks": _growing(_THANKS)}
"""Per family, openings of one, two and three sentences: update 43 / 81 / 112 words,
thanks 33 / 64 / 94."""


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
    print(f"classifier: {classifier.name} (reads {classifier.model_tokens} tokens)")
    print("how it reads each opening alone (after a greeting, no subject):")
    for family, openings in OPENINGS.items():
        for opening in openings:
            doc = classifier.nlp.make_doc(normalise_text("", opening))
            if hits := classifier.rules.cue_hits(doc):  # the probe must add no cue of its own
                raise SystemExit(f"an opening holds cue phrases: {hits}")
            (alone,) = classifier.classify([ClassifierInput("", f"Dear Sam,\n\n{opening}")])
            print(
                f"  {family:8} {len(opening.split()):4} w  {alone.label.value} {alone.confidence:.2f}"
            )

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

    print(
        f"{'set':32} {'opening':>12} {'macro-F1':>9} {'accuracy':>9} {'offer R':>8} {'reject R':>9}"
    )
    runs = [("none", "")] + [(f, o) for f, openings in OPENINGS.items() for o in openings]
    for name, items, gold in sets:
        for family, opening in runs:
            shifted = [ClassifierInput(i.subject, with_opening(i.text, opening)) for i in items]
            predicted = [r.label.value for r in classifier.classify(shifted)]
            scores = evaluate_predictions(gold, predicted)
            recall = {s.label: s.recall for s in scores.per_label if s.support}
            words = f"{family} {len(opening.split())} w"
            print(
                f"{name:32} {words:>12} {scores.macro_f1:9.3f} {scores.accuracy:9.3f} "
                f"{_shown(recall, 'offer'):>8} {_shown(recall, 'rejection'):>9}"
            )


def _shown(recall: dict[str, float], label: str) -> str:
    return f"{recall[label]:.2f}" if label in recall else "-"


if __name__ == "__main__":
    main()
