"""Figures on the demo and scenario mailboxes: labels, matching, board.

Usage: python bench/eval_demo.py [-v]
- label accuracy on inbound messages (against the labels in expected.json);
- matching precision/recall over pairs of messages (two messages in the same expected
  process should share a stored process, and only then), plus noise kept out;
- board accuracy: stage, state, expected_by per process at the fixed date.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import datetime
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from scenario import board_problems, load  # noqa: E402

from inbox_monitor.cli.setup import demo_root  # noqa: E402


def evaluate(root: Path, verbose: bool) -> tuple[int, int, int, int, int, int, int, int]:
    with tempfile.TemporaryDirectory() as data_dir:
        loaded = load(root, Path(data_dir))
        messages = loaded.expected["messages"]
        inbound = {n: m for n, m in messages.items() if m.get("label")}
        right = 0
        for name, message in inbound.items():
            row = loaded.rows[loaded.ids[name]]
            if row["label"] == message["label"]:
                right += 1
            elif verbose:
                print(
                    f"  label {name}: expected {message['label']}, got {row['label']} "
                    f"({row['confidence']:.2f})"
                )
        names = [n for n in messages if messages[n]["process"] is not None]
        tp = fp = fn = 0
        for a, b in combinations(messages, 2):
            same_expected = (
                messages[a]["process"] is not None
                and messages[a]["process"] == messages[b]["process"]
            )
            pa, pb = loaded.process_of(a), loaded.process_of(b)
            same_actual = pa is not None and pa == pb
            tp += same_expected and same_actual
            fp += same_actual and not same_expected
            fn += same_expected and not same_actual
        noise = [n for n in messages if messages[n]["process"] is None]
        noise_kept_out = sum(1 for n in noise if loaded.process_of(n) is None)
        problems = board_problems(
            loaded, datetime.fromisoformat(loaded.expected["as_of"]), loaded.expected["processes"]
        )
        if verbose:
            for name in names:
                pid = loaded.process_of(name)
                if pid is None:
                    print(f"  unmatched {name} (expected {messages[name]['process']})")
            for problem in problems:
                print(f"  board {problem}")
        processes = len(loaded.expected["processes"])
        wrong_processes = len({p.split(".")[0].split(":")[0] for p in problems})
        return (
            right,
            len(inbound),
            tp,
            fp,
            fn,
            noise_kept_out,
            len(noise),
            processes - wrong_processes,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Labels, matching and board on the demo and scenario mailboxes."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="name every miss")
    verbose = parser.parse_args().verbose
    roots = [
        demo_root(),
        *sorted(p for p in (ROOT / "tests/data/scenarios").iterdir() if p.is_dir()),
    ]
    print(
        f"{'mailbox':<26} {'labels':>9} {'pair P':>7} {'pair R':>7} {'noise out':>9} {'board ok':>9}"
    )
    for root in roots:
        if verbose:
            print(f"{root.name}:")
        right, total, tp, fp, fn, kept, noise, ok = evaluate(root, verbose)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        count = len(json.loads((root / "expected.json").read_text())["processes"])
        print(
            f"{root.name:<26} {right:>4}/{total:<4} {precision:>7.2f} {recall:>7.2f} "
            f"{kept:>4}/{noise:<4} {ok:>4}/{count:<4}"
        )


if __name__ == "__main__":
    main()
