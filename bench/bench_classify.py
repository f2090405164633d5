"""Classifier figures: load time, throughput on 2 KB bodies, model size, peak memory.

    .venv/bin/python bench/bench_classify.py [--messages 2000] [--model DIR]

Bodies are built from the project's own training sources (models/data), joined until each
is about 2 KB, so that the text looks like mail (no corpus text is used).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from inbox_monitor.training import build_examples


def make_bodies(count: int, size: int = 2048, seed: int = 7) -> list[tuple[str, str]]:
    """`count` (subject, body) pairs of about `size` characters each, deterministic."""
    examples, _ = build_examples()
    rng = random.Random(seed)
    bodies = []
    for _ in range(count):
        first = rng.choice(examples)
        parts = [first.text]
        while sum(len(part) for part in parts) < size:
            parts.append(rng.choice(examples).text)
        bodies.append((first.subject, "\n\n".join(parts)[:size]))
    return bodies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args()

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

    pairs = make_bodies(args.messages)
    items = [classify.ClassifierInput(subject, body) for subject, body in pairs]
    mean = sum(len(body) for _, body in pairs) / len(pairs)
    classifier.classify(items[:50])  # warm up
    best = float("inf")
    for _ in range(3):
        begin = time.perf_counter()
        classifier.classify(items)
        best = min(best, time.perf_counter() - begin)
    print(
        f"throughput:          {len(items) / best:,.0f} messages/s "
        f"({len(items)} bodies of {mean:,.0f} chars, best of 3)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory:         {peak:.0f} MB (ru_maxrss, whole process)")


if __name__ == "__main__":
    main()
