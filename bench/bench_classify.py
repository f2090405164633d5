"""Classifier figures: load time, throughput on 2 KB bodies, model size, peak memory.

    .venv/bin/python bench/bench_classify.py [--messages 2000] [--model DIR]
    .venv/bin/python bench/bench_classify.py --compare CONFIG.cfg [CONFIG.cfg ...]
        [--weights 0 1] [--tokens N] [--cues CUES.toml] [--keep DIR]
    .venv/bin/python bench/bench_classify.py --trained DIR [--weights ...] [--cues CUES.toml]

Bodies are built from the project's own training sources (models/data), joined until each
is about 2 KB, so that the text looks like mail (no corpus text is used).

--compare trains each config on four fifths of the hand-written messages (all variants of
a message stay on one side), then prints one table row per config and cue weight: macro-F1
and log-loss on the held-out fifth and on ../shared/corpus/dev.jsonl when present, speed
and size. This is how the architecture in docs/classifier.md was chosen. `--keep DIR`
keeps the (single config's) trained model; `--trained DIR` scores such a model again, e.g.
with another cue lexicon (`--cues`) or cue weights, without training.
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import time
from collections.abc import Sequence
from pathlib import Path

from inbox_monitor.bodytext import split_body
from inbox_monitor.models import Classification
from inbox_monitor.training import build_examples


def make_bodies(
    count: int, size: int = 2048, seed: int = 7, label: str | None = None
) -> list[tuple[str, str]]:
    """`count` (subject, body) pairs of about `size` characters each, deterministic; from
    the examples of one `label` only when given."""
    examples, _ = build_examples()
    if label is not None:
        examples = [example for example in examples if example.label == label]
    rng = random.Random(seed)
    bodies = []
    for _ in range(count):
        first = rng.choice(examples)
        parts = [first.text]
        while sum(len(part) for part in parts) < size:
            parts.append(rng.choice(examples).text)
        bodies.append((first.subject, "\n\n".join(parts)[:size]))
    return bodies


DEV_SET = Path(__file__).parents[2] / "shared" / "corpus" / "dev.jsonl"


def log_loss(results: Sequence[Classification], gold: Sequence[str]) -> float:
    """Mean -log(score of the right label): less jumpy than F1 on a small set."""
    losses = [-math.log(max(r.scores[g], 1e-9)) for r, g in zip(results, gold, strict=True)]
    return sum(losses) / len(losses)


def compare(
    configs: list[Path],
    weights: list[float],
    tokens: int | None,
    cues: Path | None = None,
    trained: Path | None = None,
    keep: Path | None = None,
) -> None:
    """Train each config on 4/5 of the sources (or reuse `trained`, a model made so); score
    the held-out 1/5 and the dev set, with the shipped cue lexicon or `cues`."""
    import json
    import tempfile

    from inbox_monitor import classify
    from inbox_monitor.training import evaluate_predictions

    if keep is not None and len(configs) != 1:
        raise SystemExit("--keep takes one config")
    train, held = build_examples(held_out=5)
    # held-out variants cut as the parser cuts real mail: the frames add signatures, footers
    sets = [
        (
            "held",
            [classify.ClassifierInput(e.subject, split_body(e.text).new_text) for e in held],
            [e.label for e in held],
        )
    ]
    if DEV_SET.exists():
        dev = [json.loads(line) for line in DEV_SET.read_text().splitlines() if line.strip()]
        inputs = [
            classify.ClassifierInput(r["subject"], split_body(r["body"]).new_text) for r in dev
        ]
        sets.append(("dev", inputs, [r["label"] for r in dev]))
    bodies = [classify.ClassifierInput(s, b) for s, b in make_bodies(1000)]
    print(
        "| config | window | cue weight | train s | held-out macro-F1 | held-out log-loss | "
        "dev macro-F1 | dev log-loss | dev offer R | dev rejection R | dev not_rec P | "
        "msgs/s | MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for config in configs if trained is None else [trained]:
        with tempfile.TemporaryDirectory() as temporary:
            if trained is not None:
                out, name, seconds = trained, f"{trained.name} (trained)", "-"
            else:
                out, name = keep or Path(temporary) / "model", config.stem
                begin = time.perf_counter()
                classify.train_pipeline(
                    config,
                    [(e.subject, e.text, e.label) for e in train],
                    [(e.subject, e.text, e.label) for e in held[::3]],
                    out,
                    {},
                    tokens=tokens or classify.MODEL_TOKENS,
                )
                seconds = f"{time.perf_counter() - begin:.0f}"
            size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
            model = classify.TextcatClassifier(out)
            if cues is not None:
                model.rules = classify.RuleSet(model.nlp, classify.load_cues(cues))
            begin = time.perf_counter()
            model.classify(bodies)
            speed = len(bodies) / (time.perf_counter() - begin)
            for weight in weights:
                model.cue_weight = weight
                row = [name, str(model.model_tokens), f"{weight:g}", seconds]
                for set_name, inputs, gold in sets:
                    found = model.classify(inputs)
                    ev = evaluate_predictions(gold, [r.label for r in found])
                    row += [f"{ev.macro_f1:.3f}", f"{log_loss(found, gold):.3f}"]
                    if set_name == "dev":
                        per = {m.label: m for m in ev.per_label}
                        row += [
                            f"{per['offer'].recall:.2f}",
                            f"{per['rejection'].recall:.2f}",
                            f"{per['not_recruiting'].precision:.2f}",
                        ]
                if len(sets) == 1:
                    row += ["-"] * 5
                row += [f"{speed:,.0f}", f"{size:.1f}"]
                print("| " + " | ".join(row) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--compare", type=Path, nargs="+", default=None)
    parser.add_argument("--weights", type=float, nargs="+", default=[0.0, 1.0])
    parser.add_argument("--tokens", type=int, default=None)
    parser.add_argument("--cues", type=Path, default=None, help="another cue lexicon")
    parser.add_argument("--trained", type=Path, default=None, help="a 4/5 model to reuse")
    parser.add_argument("--keep", type=Path, default=None, help="keep the 4/5 model here")
    args = parser.parse_args()
    if args.compare or args.trained:
        compare(args.compare or [], args.weights, args.tokens, args.cues, args.trained, args.keep)
        return

    started = time.perf_counter()
    from inbox_monitor import classify

    imported = time.perf_counter()
    classifier = classify.load_classifier(args.model)
    loaded = time.perf_counter()
    print(f"classifier:          {classifier.name}")
    print(f"import spaCy + module: {imported - started:.2f} s")
    print(f"pipeline load:       {loaded - imported:.2f} s")

    model_dir = args.model or classify.REPO_MODEL_DIR
    if (model_dir / "meta.json").exists():
        size = sum(p.stat().st_size for p in model_dir.rglob("*") if p.is_file())
        print(f"model on disk:       {size / 1e6:.1f} MB ({model_dir})")

    # all labels mixed, then noise only: a message the model first reads as noise is read
    # again in parts (classify.MODEL_PARTS), so a mailbox of mostly noise is the slow case
    for title, label in (("throughput:", None), ("  noise only:", "not_recruiting")):
        pairs = make_bodies(args.messages, label=label)
        items = [classify.ClassifierInput(subject, body) for subject, body in pairs]
        mean = sum(len(body) for _, body in pairs) / len(pairs)
        classifier.classify(items[:50])  # warm up
        best = float("inf")
        for _ in range(3):
            begin = time.perf_counter()
            classifier.classify(items)
            best = min(best, time.perf_counter() - begin)
        print(
            f"{title:<21}{len(items) / best:,.0f} messages/s "
            f"({len(items)} bodies of {mean:,.0f} chars, best of 3)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory:         {peak:.0f} MB (ru_maxrss, whole process)")


if __name__ == "__main__":
    main()
