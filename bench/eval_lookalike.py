"""How far a correction carries: copies of a template found, and distinct messages kept apart.

    .venv/bin/python bench/eval_lookalike.py [FILE.jsonl ...]

A correction carries to the same sender's later copies of the corrected message's template
that the classifier reads the same way (inbox_monitor/lookalike.py). Two figures:

1. **Carried.** For each labelled message the shipped classifier misreads, a second copy
   is made as the same template would come for another application: "Acme Corp" becomes
   "Brightwater Ltd", "Data Analyst" "Platform Engineer", "Alex" "Sam", and small numbers
   (days, times) move. The user corrects the first copy; the line counts the second copies
   read the same way, and those the correction carries to (which are then right).
2. **Found.** Each written message with placeholders (models/data) filled twice with
   different names, companies, roles and dates: the share of pairs taken for copies (sender
   and reading assumed to match).
3. **Kept apart.** Every pair of distinct messages in the files, and in the project's
   written messages (models/data, placeholders filled alike, so as alike as they can be),
   that `like_correction` would take for copies if sender and reading matched: the worst
   case, since it ignores both. Pairs with different labels would be a correction carried
   to the wrong news.

Files default to ../shared/corpus/dev.jsonl (the labels' files use the names Alex, Acme
Corp and Data Analyst for their placeholders).
"""

from __future__ import annotations

import argparse
import random
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from inbox_monitor.bodytext import split_body
from inbox_monitor.classify import ClassifierInput, load_classifier
from inbox_monitor.cli.model import line_input
from inbox_monitor.lexicon import load_cues, shipped_cues_path
from inbox_monitor.lookalike import (
    SIMILARITY,
    Corrected,
    Template,
    like_correction,
    news_words,
    similarity,
    template_of,
)
from inbox_monitor.models import Label
from inbox_monitor.training import DATA_DIR, _fill, labelled_rows, read_messages

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
NEWS = news_words(load_cues(shipped_cues_path()))
AT = datetime(2026, 11, 20, tzinfo=UTC)

SWAPS = (
    ("Acme Corp", "Brightwater Ltd"),
    ("Acme", "Brightwater"),
    ("Data Analyst", "Platform Engineer"),
    ("data analyst", "platform engineer"),
    ("Alex", "Sam"),
)
_SMALL_NUMBER = re.compile(r"\b\d{1,2}\b")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def second_copy(text: str) -> str:
    for old, new in SWAPS:
        text = text.replace(old, new)
    return _SMALL_NUMBER.sub(lambda m: str(int(m.group()) % 27 + 1), text)


def carried(items: Sequence[ClassifierInput], gold: Sequence[str]) -> Counter[str]:
    classifier = load_classifier()
    copies = [ClassifierInput(second_copy(i.subject), second_copy(i.text)) for i in items]
    firsts = classifier.classify(items)
    seconds = classifier.classify(copies)
    counts: Counter[str] = Counter()
    for item, copy, first, second, label in zip(items, copies, firsts, seconds, gold, strict=True):
        if first.label.value == label:
            continue
        counts["misread"] += 1
        counts["copy read the same way"] += second.label == first.label
        corrected = Corrected(
            "first",
            AT,
            first.label,
            Label(label),
            template_of(item.subject, item.text),
        )
        copy_template = template_of(copy.subject, copy.text)
        counts["carried"] += (
            like_correction(copy_template, second.label, [corrected], NEWS) is not None
        )
    return counts


def copies_taken(labelled: Sequence[tuple[str, Template]]) -> Counter[str]:
    """Pairs of distinct messages that would count as copies, by whether labels agree."""
    ordered = sorted(labelled, key=lambda pair: len(pair[1].lower))
    counts: Counter[str] = Counter()
    for index, (label_a, a) in enumerate(ordered):
        for label_b, b in ordered[index + 1 :]:
            if len(a.lower) < SIMILARITY * len(b.lower):
                break  # sorted by size: no later one can be similar enough
            counts["pairs"] += 1
            if similarity(a, b) < SIMILARITY:
                continue
            alike = Corrected("a", AT, Label.REQUEST, Label(label_a), a)
            if like_correction(b, Label.REQUEST, [alike], NEWS) is not None:
                counts["same label" if label_a == label_b else "different labels"] += 1
    return counts


def written_messages() -> list[tuple[str, Template]]:
    values = tomllib.loads((DATA_DIR / "frames.toml").read_text(encoding="utf-8"))["values"]

    def fill(text: str) -> str:  # every message gets the same names: as alike as can be
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), [m.group()])[0]), text)

    result = []
    for path in sorted(DATA_DIR.glob("*.txt")):
        label = path.name.split(".")[0]
        for subject, body in read_messages(path):
            result.append((label, template_of(fill(subject), split_body(fill(body)).new_text)))
    return result


def filled_twice() -> Counter[str]:
    values = tomllib.loads((DATA_DIR / "frames.toml").read_text(encoding="utf-8"))["values"]
    counts: Counter[str] = Counter()
    for path in sorted(DATA_DIR.glob("*.txt")):
        for number, (subject, body) in enumerate(read_messages(path)):
            if not _PLACEHOLDER.search(subject + body):
                continue
            a, b = (
                template_of(
                    _fill(subject, values, random.Random(f"{path.name}:{number}:{fill}")),
                    split_body(
                        _fill(body, values, random.Random(f"{path.name}:{number}:{fill}"))
                    ).new_text,
                )
                for fill in (1, 2)
            )
            counts["messages"] += 1
            alike = Corrected("a", AT, Label.REQUEST, Label.OFFER, a)
            counts["copies"] += like_correction(b, Label.REQUEST, [alike], NEWS) is not None
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DEV])
    options = parser.parse_args()
    print(f"{'file':<28} {'msgs':>5} {'misread':>7} {'copy same':>9} {'carried':>7}")
    every: list[tuple[str, Template]] = []
    for path in options.files:
        rows = labelled_rows(path)
        items = [line_input(row)[0] for row in rows]
        gold = [row["label"] for row in rows]
        every += [
            (label, template_of(i.subject, i.text)) for label, i in zip(gold, items, strict=True)
        ]
        counts = carried(items, gold)
        print(
            f"{path.name:<28} {len(rows):>5} {counts['misread']:>7} "
            f"{counts['copy read the same way']:>9} {counts['carried']:>7}"
        )
    found = filled_twice()
    print(
        f"written messages filled twice: {found['copies']} of {found['messages']} taken for"
        f" copies ({found['copies'] / found['messages']:.1%})"
    )
    for name, labelled in (("the files", every), ("the written messages", written_messages())):
        counts = copies_taken(labelled)
        print(
            f"distinct messages of {name} ({len(labelled)}): {counts['pairs']:,} pairs of similar"
            f" size, taken for copies: {counts['same label']} with the same label,"
            f" {counts['different labels']} with different labels"
        )


if __name__ == "__main__":
    main()
