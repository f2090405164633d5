"""A two-stage classifier measured: the bag-of-words model first, a tok2vec/CNN model second.

The first stage is the shipped architecture (models/config.cfg). A message it reads as
`not_recruiting` with a probability of at least THRESHOLD stays noise; the rest get the
second stage's reading ("gate"), or the mean of both models' probabilities ("gate+mean";
"mean" averages every message). The cue lexicon and the precise rules then decide as in
the shipped classifier (`classify._decide`, `own_decision`), on the combined reading.

Train each model on four fifths of the written messages (all variants of a message on one
side, as `bench_classify.py --compare`), with a training seed (`[system] seed`), under
`nice` on a shared machine:

    PYTHONPATH=. nice -n 10 .venv/bin/python bench/eval_two_stage.py train \
        models/config.cfg /tmp/two-stage/bow-s0 --seed 0
    PYTHONPATH=. nice -n 10 .venv/bin/python bench/eval_two_stage.py train \
        bench/two_stage/reduce64.cfg /tmp/two-stage/reduce64-s0 --seed 0

(bench/two_stage/ holds the candidates measured: reduce64, ensemble64, reduce96;
`--epochs N` and `--stride N`, every N-th example only, make a quicker trial)

then score every variant on the held-out fifth, ../shared/corpus/dev.jsonl,
tests/data/decisions.jsonl and any further labelled JSON-lines file (`--set NAME=FILE`):

    PYTHONPATH=. .venv/bin/python bench/eval_two_stage.py score \
        --first /tmp/two-stage/bow-s0 --second reduce64=/tmp/two-stage/reduce64-s0 \
        [--thresholds 0.5 0.7 0.9] [--set real8=/work/notes/real8/real8.jsonl] \
        [--json OUT.json] [--per-label dev] [--speed 2000]
    PYTHONPATH=. .venv/bin/python bench/eval_two_stage.py summary OUT.json [OUT.json ...]

`--first models/recruiter` scores the shipped model (trained on every message) as the
first stage; its held-out figures then mean nothing (it has read that fifth), so they are
left out. Throughput (`--speed N`) is measured on bench_classify's bodies (N mixed, N
noise only), best of 3, for each variant as it would run: the second model reads only the
messages the gate passes.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from spacy.util import load_config

from inbox_monitor import classify
from inbox_monitor.bodytext import split_body
from inbox_monitor.cli.model import line_input
from inbox_monitor.models import Classification
from inbox_monitor.training import build_examples, evaluate_predictions

REPO = Path(__file__).parents[1]
DEV_SET = REPO.parent / "shared" / "corpus" / "dev.jsonl"
DECISIONS = REPO / "tests" / "data" / "decisions.jsonl"
NOISE = "not_recruiting"

Reading = dict[str, float]


def train(config: Path, output: Path, seed: int, epochs: int | None, stride: int) -> None:
    """Train `config` on four fifths of the written messages with training seed `seed`;
    `epochs` overrides the config's, and `stride` > 1 keeps every stride-th example (the
    examples come label by label, so the labels stay balanced)."""
    train_set, held = build_examples(held_out=5)
    train_set = train_set[::stride]
    settings = load_config(config)
    settings["system"]["seed"] = seed
    if epochs is not None:
        settings["training"]["max_epochs"] = epochs
    with tempfile.TemporaryDirectory() as temporary:
        seeded = Path(temporary) / "config.cfg"
        settings.to_disk(seeded)
        begin = time.perf_counter()
        classify.train_pipeline(
            seeded,
            [(e.subject, e.text, e.label) for e in train_set],
            [(e.subject, e.text, e.label) for e in held[::3]],
            output,
            {
                "experiment": config.name,
                "training_seed": seed,
                "epochs": settings["training"]["max_epochs"],
                "stride": stride,
            },
        )
        seconds = time.perf_counter() - begin
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["train_seconds"] = round(seconds, 1)
    meta_path.write_text(json.dumps(meta, indent=2))
    print(f"trained {output} from {len(train_set)} examples in {seconds:.0f} s")


def read(model: classify.TextcatClassifier, docs: Sequence[Any]) -> list[Reading | None]:
    """The model's probabilities for Docs (from `normalise_text`), noise read again in parts
    as the shipped classifier reads it; None where the view holds no word."""
    views: list[Any]
    if model._bag_of_words:
        views = [
            classify._BagOfWords(classify.view_orth(d, model.model_tokens, model.view))
            for d in docs
        ]
    else:
        views = [classify.model_view(d, model.model_tokens, model.view) for d in docs]
    readings = model._predict(views)
    notes: list[str | None] = [None] * len(docs)
    if model.parts is not None:
        model._read_noise_in_parts(views, readings, notes, *model.parts)
    return [None if not len(view) else cats for view, cats in zip(views, readings, strict=True)]


def mean(first: Reading, second: Reading) -> Reading:
    return {key: (first[key] + second[key]) / 2 for key in first}


def combined(
    mode: str, threshold: float, first: Reading | None, second: Reading | None
) -> Reading | None:
    """The reading the rules get: the first model's, the second's, or their mean."""
    if mode == "first" or first is None or second is None:
        return first
    if mode == "mean":
        return mean(first, second)
    if first[NOISE] >= threshold:  # gate: obvious noise stays the first model's
        return first
    return second if mode == "gate" else mean(first, second)


def needs_second(mode: str, threshold: float, first: Reading | None) -> bool:
    if mode == "first" or first is None:
        return False
    return mode == "mean" or first[NOISE] < threshold


class TwoStage:
    """The shipped classifier's decision on a two-stage reading (see the module docstring)."""

    def __init__(
        self,
        first: classify.TextcatClassifier,
        second: classify.TextcatClassifier | None,
        mode: str,
        threshold: float = 1.0,
    ) -> None:
        self.first, self.second, self.mode, self.threshold = first, second, mode, threshold

    def classify(self, items: Sequence[classify.ClassifierInput]) -> list[Classification]:
        results: list[Classification] = []
        step = classify.BATCH_SIZE
        for start in range(0, len(items), step):
            batch = items[start : start + step]
            texts = [classify.normalise_text(i.subject, i.text) for i in batch]
            docs = [self.first.nlp.make_doc(text) for text in texts]
            firsts = read(self.first, docs)
            seconds: list[Reading | None] = [None] * len(docs)
            if self.second is not None:
                wanted = [
                    i for i, r in enumerate(firsts) if needs_second(self.mode, self.threshold, r)
                ]
                for i, reading in zip(
                    wanted, read(self.second, [docs[i] for i in wanted]), strict=True
                ):
                    seconds[i] = reading
            results += decide(
                self.first, batch, docs, texts, firsts, seconds, self.mode, self.threshold
            )
        return results


def decide(
    first: classify.TextcatClassifier,
    items: Sequence[classify.ClassifierInput],
    docs: Sequence[Any],
    texts: Sequence[str],
    firsts: Sequence[Reading | None],
    seconds: Sequence[Reading | None],
    mode: str,
    threshold: float,
) -> list[Classification]:
    return [
        classify.own_decision(
            classify._decide(
                first.rules,
                item,
                doc,
                text,
                combined(mode, threshold, one, two),
                first.cue_weight,
                first.name,
                None if one is not None else classify.EMPTY_NOTE,
            ),
            item,
        )
        for item, doc, text, one, two in zip(items, docs, texts, firsts, seconds, strict=True)
    ]


def log_loss(results: Sequence[Classification], gold: Sequence[str]) -> float:
    losses = [-math.log(max(r.scores[g], 1e-9)) for r, g in zip(results, gold, strict=True)]
    return sum(losses) / len(losses)


def labelled_sets(
    extra: Sequence[str], with_held: bool
) -> list[tuple[str, list[classify.ClassifierInput], list[str]]]:
    """(name, inputs, gold) for the held-out fifth (when `with_held`), dev, the decided
    cases and each NAME=FILE of `extra` that exists."""
    sets = []
    if with_held:
        _, held = build_examples(held_out=5)
        # held-out variants cut as the parser cuts real mail: the frames add signatures
        inputs = [classify.ClassifierInput(e.subject, split_body(e.text).new_text) for e in held]
        sets.append(("held", inputs, [e.label for e in held]))
    files = [("dev", DEV_SET), ("decisions", DECISIONS)]
    files += [(name, Path(path)) for name, path in (item.split("=", 1) for item in extra)]
    for name, path in files:
        if not path.exists():
            print(f"({name}: {path} not found, skipped)")
            continue
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        sets.append((name, [line_input(row)[0] for row in rows], [row["label"] for row in rows]))
    return sets


def size_mb(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 1e6


def throughput(classifier: Any, count: int) -> tuple[float, float]:
    """Messages/s on bench_classify's bodies: mixed, then noise only; best of 3."""
    from bench_classify import make_bodies  # bench/ is on the path when run as a script

    speeds = []
    for label in (None, NOISE):
        items = [classify.ClassifierInput(s, b) for s, b in make_bodies(count, label=label)]
        classifier.classify(items[:50])
        best = float("inf")
        for _ in range(3):
            begin = time.perf_counter()
            classifier.classify(items)
            best = min(best, time.perf_counter() - begin)
        speeds.append(len(items) / best)
    return speeds[0], speeds[1]


def variants(thresholds: Sequence[float]) -> list[tuple[str, float]]:
    found = [("first", 1.0), ("second", 0.0)]
    found += [("gate", t) for t in thresholds]
    found += [("mean", 0.0)]
    found += [("gate+mean", t) for t in thresholds]
    return found


def variant_name(mode: str, threshold: float) -> str:
    if mode in ("first", "mean"):
        return mode
    if mode == "second":
        return "second alone"
    return f"{mode} {threshold:g}"


def print_per_label(name: str, report: Sequence[dict[str, Any]]) -> None:
    """Precision/recall per label on set `name`, one row per variant."""
    rows = [entry for entry in report if name in entry["sets"]]
    if not rows:
        return
    labels = list(rows[0]["sets"][name]["per_label"])
    print(f"\n{name}: precision/recall per label")
    print("| second stage | variant | " + " | ".join(labels) + " |")
    print("|" + "---|" * (len(labels) + 2))
    for entry in rows:
        per = entry["sets"][name]["per_label"]
        cells = [
            f"{per[label]['precision']:.2f}/{per[label]['recall']:.2f}"
            if per[label]["support"]
            else "-"
            for label in labels
        ]
        print(f"| {entry['second']} | {entry['variant']} | " + " | ".join(cells) + " |")


def score(args: argparse.Namespace) -> None:
    first = classify.TextcatClassifier(args.first)
    shipped_first = (args.first / "meta.json").exists() and "training_seed" not in json.loads(
        (args.first / "meta.json").read_text()
    )
    sets = labelled_sets(args.set, with_held=not shipped_first)
    seconds = [(name, Path(path)) for name, path in (s.split("=", 1) for s in args.second)]
    models = {name: classify.TextcatClassifier(path) for name, path in seconds}
    prepared = []
    for name, inputs, gold in sets:
        texts = [classify.normalise_text(i.subject, i.text) for i in inputs]
        docs = [first.nlp.make_doc(t) for t in texts]
        readings = {"first": read(first, docs)}
        for model_name, model in models.items():
            readings[model_name] = read(model, docs)
        prepared.append((name, inputs, gold, texts, docs, readings))
    report: list[dict[str, Any]] = []
    header = ["second stage", "variant"]
    for name, *_ in prepared:
        header += [f"{name} F1", f"{name} right (vs first)", f"{name} loss"]
        if name != "held":
            header += [f"{name} offer R", f"{name} rej R", f"{name} nr P", f"{name} to 2nd"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    candidates: list[tuple[str, Path | None]] = [("-", None), *seconds]
    alone: dict[str, list[str]] = {}
    for model_name, path in candidates:
        for mode, threshold in variants(args.thresholds):
            if (path is None) != (mode == "first"):
                continue
            second_mode = "gate" if mode == "second" else mode
            second_threshold = 2.0 if mode == "second" else threshold
            row = [model_name, variant_name(mode, threshold)]
            entry: dict[str, Any] = {"second": model_name, "variant": row[1], "sets": {}}
            for name, inputs, gold, texts, docs, readings in prepared:
                twos = readings.get(model_name, [None] * len(inputs))
                results = decide(
                    first, inputs, docs, texts, readings["first"], twos,
                    second_mode, second_threshold,
                )  # fmt: skip
                ev = evaluate_predictions(gold, [r.label.value for r in results])
                per = {m.label: m for m in ev.per_label}
                passed = sum(
                    needs_second(second_mode, second_threshold, r) for r in readings["first"]
                )
                labels = [r.label.value for r in results]
                baseline = alone.setdefault(name, labels)  # the first stage's answers
                fixed = sum(p == g != b for p, g, b in zip(labels, gold, baseline, strict=True))
                broken = sum(b == g != p for p, g, b in zip(labels, gold, baseline, strict=True))
                right = sum(p == g for p, g in zip(labels, gold, strict=True))
                row += [
                    f"{ev.macro_f1:.3f}",
                    f"{right}/{len(gold)} (+{fixed} -{broken})",
                    f"{log_loss(results, gold):.3f}",
                ]
                if name != "held":
                    row += [
                        f"{per['offer'].recall:.2f}",
                        f"{per['rejection'].recall:.2f}",
                        f"{per[NOISE].precision:.2f}",
                        f"{passed}/{len(inputs)}" if path is not None else "-",
                    ]
                entry["sets"][name] = {
                    **ev.as_dict(),
                    "log_loss": log_loss(results, gold),
                    "to_second": passed if path is not None else 0,
                    "predicted": labels,
                }
            print("| " + " | ".join(row) + " |", flush=True)
            report.append(entry)
    sizes = {"first": size_mb(args.first)} | {n: size_mb(p) for n, p in seconds}
    trained = {
        n: json.loads((p / "meta.json").read_text()).get("train_seconds") for n, p in seconds
    }
    print(f"size on disk (MB): {sizes}; training s: {trained}")
    for name in args.per_label:
        print_per_label(name, report)
    speeds: dict[str, tuple[float, float]] = {}
    if args.speed:
        for model_name, path in candidates:
            for mode, threshold in variants(args.speed_thresholds):
                if (path is None) != (mode == "first"):
                    continue
                classifier: Callable[..., Any] | Any
                if mode == "second":
                    classifier = models[model_name]
                else:
                    second = models[model_name] if path is not None else None
                    classifier = TwoStage(first, second, mode, threshold)
                mixed, noise = throughput(classifier, args.speed)
                key = f"{model_name} {variant_name(mode, threshold)}"
                speeds[key] = (mixed, noise)
                print(f"{key}: {mixed:,.0f} messages/s mixed, {noise:,.0f} noise only", flush=True)
    if args.json:
        args.json.write_text(
            json.dumps({"rows": report, "sizes": sizes, "train_s": trained, "speed": speeds})
        )


def summary(paths: Sequence[Path]) -> None:
    """One compact table from `score --json` files: macro-F1, messages right, and the
    targets' figures on the sets that have them."""
    print(
        "| run | second stage | variant | held F1 (right) | dev F1 (right) | dev offer R / "
        "rej R / nr P | decisions F1 (right) | real8 F1 (right) | real8 offer R / rej R / nr P |"
    )
    print("|" + "---|" * 9)
    for path in paths:
        for entry in json.loads(path.read_text())["rows"]:
            cells = [path.stem, entry["second"], entry["variant"]]
            for name in ("held", "dev", "decisions", "real8"):
                found = entry["sets"].get(name)
                if found is None:
                    cells += ["-"] + (["-"] if name in ("dev", "real8") else [])
                    continue
                right = round(found["accuracy"] * found["total"])
                cells.append(f"{found['macro_f1']:.3f} ({right}/{found['total']})")
                if name in ("dev", "real8"):
                    per = found["per_label"]
                    cells.append(
                        f"{per['offer']['recall']:.2f} / {per['rejection']['recall']:.2f} / "
                        f"{per[NOISE]['precision']:.2f}"
                    )
            print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    trainer = commands.add_parser("train")
    trainer.add_argument("config", type=Path)
    trainer.add_argument("output", type=Path)
    trainer.add_argument("--seed", type=int, default=0)
    trainer.add_argument("--epochs", type=int, default=None, help="instead of the config's")
    trainer.add_argument("--stride", type=int, default=1, help="every n-th example only")
    scorer = commands.add_parser("score")
    scorer.add_argument("--first", type=Path, required=True)
    scorer.add_argument("--second", nargs="*", default=[], help="NAME=DIR")
    scorer.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.7, 0.9])
    scorer.add_argument("--set", nargs="*", default=[], help="NAME=FILE (JSON lines)")
    scorer.add_argument("--speed", type=int, default=0, help="bodies for throughput (0: none)")
    scorer.add_argument("--speed-thresholds", type=float, nargs="+", default=[0.7])
    scorer.add_argument("--json", type=Path, default=None)
    scorer.add_argument("--per-label", nargs="*", default=[], help="sets to detail by label")
    summarise = commands.add_parser("summary")
    summarise.add_argument("json", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "summary":
        summary(args.json)
    elif args.command == "train":
        train(args.config, args.output, args.seed, args.epochs, args.stride)
    else:
        score(args)


if __name__ == "__main__":
    main()
