"""Build the training set, train the shipped pipeline, and measure a classifier.

The training data is the project's own: models/data/*.jsonl messages written by the team,
expanded deterministically (models/data/templates.toml) and augmented with the styles real
mail has (lower-cased, tokenised). spaCy itself is only spoken to by classify.py.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inbox_monitor.models import LABELS

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LabelMetrics:
    """Precision, recall and F1 of one label, and how many gold examples it had."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Evaluation:
    """Scores of predicted labels against gold labels.

    `macro_f1` averages F1 over the labels present in the gold data; `confusion[gold][pred]`
    counts messages.
    """

    per_label: tuple[LabelMetrics, ...]
    macro_f1: float
    accuracy: float
    total: int
    confusion: dict[str, dict[str, int]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "per_label": {
                m.label: {
                    "precision": m.precision,
                    "recall": m.recall,
                    "f1": m.f1,
                    "support": m.support,
                }
                for m in self.per_label
            },
            "macro_f1": self.macro_f1,
            "accuracy": self.accuracy,
            "total": self.total,
            "confusion": self.confusion,
        }


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def evaluate_predictions(gold: Sequence[str], predicted: Sequence[str]) -> Evaluation:
    """Per-label precision/recall/F1, macro-F1 over gold labels present, accuracy, confusion.

    A label never predicted has precision 0; labels outside the eight are kept as they come.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    names = [label.value for label in LABELS]
    names += sorted({*gold, *predicted} - set(names))
    confusion = {g: {p: 0 for p in names} for g in names}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    per_label = []
    for name in names:
        true_positive = confusion[name][name]
        predicted_count = sum(confusion[g][name] for g in names)
        support = sum(confusion[name].values())
        precision = _ratio(true_positive, predicted_count)
        recall = _ratio(true_positive, support)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label.append(LabelMetrics(name, precision, recall, f1, support))
    present = [m for m in per_label if m.support]
    macro_f1 = sum(m.f1 for m in present) / len(present) if present else 0.0
    correct = sum(confusion[name][name] for name in names)
    return Evaluation(
        per_label=tuple(per_label),
        macro_f1=macro_f1,
        accuracy=_ratio(correct, len(gold)),
        total=len(gold),
        confusion=confusion,
    )


def format_evaluation(evaluation: Evaluation) -> str:
    """A text report for people: the per-label table, the totals, the confusion matrix."""
    lines = [f"{'label':<16}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}"]
    for m in evaluation.per_label:
        if m.support or any(evaluation.confusion[g][m.label] for g in evaluation.confusion):
            lines.append(
                f"{m.label:<16}{m.precision:>10.3f}{m.recall:>8.3f}{m.f1:>8.3f}{m.support:>9}"
            )
    lines.append("")
    lines.append(f"macro-F1 (labels present): {evaluation.macro_f1:.3f}")
    lines.append(f"accuracy: {evaluation.accuracy:.3f} ({evaluation.total} messages)")
    lines.append("")
    names = list(evaluation.confusion)
    short = [name[:6] for name in names]
    lines.append("confusion (rows gold, columns predicted)")
    lines.append(" " * 16 + "".join(f"{s:>7}" for s in short))
    for gold in names:
        row = evaluation.confusion[gold]
        lines.append(f"{gold:<16}" + "".join(f"{row[p]:>7}" for p in names))
    return "\n".join(lines)


def read_jsonl(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Parse JSON lines, skipping blank ones; raise ValueError naming the bad line."""
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"line {number}: not JSON ({err.msg})") from err
        if not isinstance(row, dict):
            raise ValueError(f"line {number}: expected a JSON object")
        rows.append(row)
    return rows


def read_jsonl_file(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return read_jsonl(handle)


REPO_ROOT = Path(__file__).parents[1]
DEFAULT_OUTPUT = REPO_ROOT / "models" / "recruiter"


def train(output: Path, feedback: Sequence[tuple[str, str, str]] = ()) -> str:
    """Train the pipeline into `output`; returns a one-paragraph report."""
    from inbox_monitor.errors import ModelError

    raise ModelError("training is not available yet: the rules baseline is in use")
