"""Build the training set, train the shipped pipeline, and measure a classifier.

The training data is the project's own: models/data/*.txt messages written by the team,
expanded deterministically with the frames of models/data/frames.toml and augmented with
the styles real mail has (lower-cased, tokenised, typos). spaCy itself is only spoken to by
classify.py.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import random
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inbox_monitor.bodytext import split_body
from inbox_monitor.errors import ModelError
from inbox_monitor.lexicon import load_cues
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
    return [row for _, row in read_jsonl_numbered(lines)]


def read_jsonl_numbered(lines: Iterable[str]) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; ValueError names the first bad line."""
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
        rows.append((number, row))
    return rows


def text_line(raw: bytes, first: bool) -> str:
    """One line of a JSON-lines file as text: UTF-8, with a Windows tool's byte-order mark
    on the first line skipped. ValueError (without the line number) if it is not UTF-8."""
    if first:
        raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"not UTF-8 text (byte {err.start + 1} of the line is 0x{raw[err.start]:02x})"
        ) from None


def _numbered_text(handle: Iterable[bytes]) -> Iterator[str]:
    for number, raw in enumerate(handle, start=1):
        try:
            yield text_line(raw, number == 1)
        except ValueError as err:
            raise ValueError(f"line {number}: {err}") from None


def read_jsonl_file(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return read_jsonl(handle)


def labelled_rows(path: Path) -> list[dict[str, Any]]:
    """The lines of an evaluation file (id, subject, body, label), checked.

    Raises ValueError naming each bad line (up to 10): a body or a subject that is neither
    a string nor null, a label missing or not one of the eight.
    A label outside the eight would be scored as a ninth label and lower macro-F1 unseen.
    """
    with path.open("rb") as handle:
        numbered = read_jsonl_numbered(_numbered_text(handle))
    names = [label.value for label in LABELS]
    problems = []
    for number, row in numbered:
        # a missing or null subject or body is an empty one, as in classify --jsonl
        if not isinstance(row.get("body"), str | None):
            problems.append(f'line {number}: "body" must be a string')
        if not isinstance(row.get("subject"), str | None):
            problems.append(f'line {number}: "subject" must be a string')
        if "label" not in row:
            problems.append(f'line {number}: no "label"')
        elif row["label"] not in names:
            problems.append(
                f'line {number}: "label" {row["label"]!r} is not one of {", ".join(names)}'
            )
    if problems:
        more = f"; and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise ValueError("; ".join(problems[:10]) + more)
    return [row for _, row in numbered]


REPO_MODELS_DIR = Path(__file__).parents[1] / "models"
PACKAGE_MODELS_DIR = Path(__file__).parent / "_model"  # the wheel's copy of models/
IN_CHECKOUT = (REPO_MODELS_DIR / "data").is_dir()
MODELS_DIR = REPO_MODELS_DIR if IN_CHECKOUT else PACKAGE_MODELS_DIR
DATA_DIR = MODELS_DIR / "data"
CONFIG_PATH = MODELS_DIR / "config.cfg"
DEFAULT_OUTPUT = REPO_MODELS_DIR / "recruiter"
"""Where `train` writes by default in a source checkout (the shipped pipeline)."""
MODEL_VERSION = "1.0.0"
BUILDER_VERSION = "5"  # bump when the expansion below changes what the sources produce
SEED = 20250718
EXAMPLES_PER_LABEL = 600
FEEDBACK_COPIES = 8


@dataclass(frozen=True)
class Example:
    """One training message: subject, text and its gold label."""

    subject: str
    text: str
    label: str


def source_paths(data_dir: Path = DATA_DIR, config_path: Path = CONFIG_PATH) -> list[Path]:
    """The files the shipped pipeline is built from, in hashing order."""
    names = ["frames.toml", "cues.toml"]
    return [*sorted(data_dir.glob("*.txt")), *(data_dir / name for name in names), config_path]


def sources_sha256(data_dir: Path = DATA_DIR, config_path: Path = CONFIG_PATH) -> str:
    """sha256 over the training sources, the config, the builder version and the model's view.

    The view (how many tokens of which kind, read in which parts) is set in code, not in
    the sources, and two models that read differently must not share a name.
    """
    from inbox_monitor.classify import MODEL_PARTS, MODEL_TOKENS, MODEL_VIEW

    view = f"view {MODEL_TOKENS} {MODEL_VIEW} {MODEL_PARTS[0]} {MODEL_PARTS[1]}"
    digest = hashlib.sha256(f"builder {BUILDER_VERSION}\n{view}\n".encode())
    for path in source_paths(data_dir, config_path):
        digest.update(f"{path.name}\n".encode())
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def examples_sha256(examples: Sequence[Example]) -> str:
    """sha256 over training examples as built: what a model is trained on, whatever code
    (body splitting, normalisation, framing) made them from the sources. Recorded in the
    meta, so a code change that alters them without a BUILDER_VERSION bump is caught."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.label}\x1f{example.subject}\x1f{example.text}\x1e".encode())
    return digest.hexdigest()


def read_messages(path: Path) -> list[tuple[str, str]]:
    """(subject, text) blocks of a models/data/<label>.txt file; '#' lines are comments."""
    messages = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()]
    block: list[str] = []
    for line in [*lines, "---"]:
        if line.startswith("#"):
            continue
        if line.strip() != "---":
            block.append(line)
            continue
        while block and not block[0].strip():
            block.pop(0)
        subject = ""
        if block and block[0].startswith("Subject:"):
            subject = block.pop(0).removeprefix("Subject:").strip()
        text = "\n".join(block).strip()
        if text:
            messages.append((subject, text))
        block = []
    return messages


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_PUNCTUATION = re.compile(r"([.,!?;:()\"/|\[\]-])")


def _fill(template: str, values: Mapping[str, Sequence[str]], rng: random.Random) -> str:
    def pick(match: re.Match[str]) -> str:
        options = values.get(match.group(1))
        return rng.choice(options) if options else match.group(0)

    return _PLACEHOLDER.sub(pick, template)


def tokenised_style(text: str) -> str:
    """Lower case with punctuation split off by spaces, as in pre-processed mail corpora."""
    text = _PUNCTUATION.sub(r" \1 ", text.lower())
    text = re.sub(r"(\w)'(\w)", r"\1 ' \2", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def typo_style(text: str, rng: random.Random) -> str:
    """A few words with two letters swapped or one dropped, as hurried mail has."""
    words = text.split(" ")
    for index, word in enumerate(words):
        if len(word) > 4 and word.isalpha() and rng.random() < 0.06:
            at = rng.randrange(1, len(word) - 2)
            if rng.random() < 0.5:
                words[index] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
            else:
                words[index] = word[:at] + word[at + 1 :]
    return " ".join(words)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Za-z{])")


def news_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """One expression for a label's cue phrases, over lower-cased, whitespace-collapsed text."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def must_keep(core: str, news: re.Pattern[str] | None) -> tuple[bool, ...]:
    """Per sentence of `core`, whether its variants must keep it: it holds one of the
    label's cue phrases (`news`). When none does, which sentence carries the news is
    unknown, and all must stay."""
    sentences = _SENTENCE_END.split(core)
    carries = tuple(bool(news and news.search(" ".join(s.lower().split()))) for s in sentences)
    return carries if any(carries) else (True,) * len(sentences)


def _recombine(
    core: str, siblings: Sequence[tuple[str, str]], rng: random.Random, keep: Sequence[bool]
) -> str:
    """Drop a later sentence now and then, or borrow one from another message of the label.

    Real messages say the same thing in different combinations; this keeps the model from
    leaning on one sentence of a template. Sentences marked in `keep` (must_keep) are never
    dropped: dropping the one that carries the news ("Unfortunately we will not be
    progressing...") would leave a message of another label under this one ("Thank you
    for applying. We wish you well.").
    """
    sentences = _SENTENCE_END.split(core)
    kept = [sentences[0]]
    for sentence, protected in zip(sentences[1:], keep[1:], strict=True):
        # one draw per sentence whatever is kept, so that the rest of a variant stays put
        if rng.random() > 0.15 or protected:
            kept.append(sentence)
    if siblings and rng.random() < 0.35:
        other = _SENTENCE_END.split(rng.choice(siblings)[1])
        kept.insert(rng.randrange(1, len(kept) + 1), rng.choice(other))
    return " ".join(kept)


def _variant(
    label: str,
    message: tuple[str, str],
    frames: Mapping[str, Any],
    rng: random.Random,
    plain: bool,
    siblings: Sequence[tuple[str, str]],
    keep: Sequence[bool],
) -> Example:
    own_subject, core = message
    if not plain:
        core = _recombine(core, siblings, rng, keep)
    frame = frames["other" if label == "not_recruiting" else "recruiting"]
    values = frames["values"]
    draw = rng.random()
    if plain or (own_subject and draw < 0.55):
        subject = own_subject
    else:
        subject = rng.choice(frame["subjects"]) if draw < 0.88 else ""
    shared = frames["shared"]["sentences"]
    parts = [] if plain else [rng.choice(frame["greetings"]), rng.choice(frame["fillers"])]
    # real mail pads the message with boilerplate: up to 8 neutral sentences, most after it
    padding = [] if plain else rng.sample(shared, rng.choice((0, 0, 1, 2, 3, 4, 6, 8)))
    before = rng.choice((0, 0, 0, 1, 2)) if padding else 0
    parts += padding[:before]
    parts.append(core)
    if not plain:
        if rng.random() < 0.2:
            parts.append(rng.choice(frame["fillers"]))
        parts += padding[before:]
        parts += [rng.choice(frame["closings"]), rng.choice(frame["signatures"])]
        parts.append(rng.choice(frame["footers"]))
    text = "\n\n".join(part for part in parts if part)
    subject, text = _fill(subject, values, rng), _fill(text, values, rng)
    style = rng.random()
    if not plain and style < 0.25:
        subject, text = tokenised_style(subject), tokenised_style(text)
    elif not plain and style < 0.37:
        text = typo_style(text, rng)
    elif not plain and style < 0.45:
        subject = subject.upper()
    return Example(subject, text, label)


def build_examples(
    data_dir: Path = DATA_DIR,
    per_label: int = EXAMPLES_PER_LABEL,
    seed: int = SEED,
    held_out: int = 0,
) -> tuple[list[Example], list[Example]]:
    """Expand the hand-written messages deterministically into (train, held-out) examples.

    Each message yields one plain copy and framed variants (greetings, fillers, sign-offs,
    ATS footers, tokenised/typo/upper-case styles) until its label has about `per_label`
    examples, or as many as the largest label has with two copies a message: the labels are
    balanced, so that no label wins on its share of the data alone (not_recruiting has twice
    the messages of the others; unbalanced, it took real mail whose cues were weak).
    With `held_out` = n, every n-th message of each label (all its variants) is held out.
    """
    frames = tomllib.loads((data_dir / "frames.toml").read_text(encoding="utf-8"))
    cues = load_cues(data_dir / "cues.toml")
    sources: dict[str, list[tuple[str, str]]] = {}
    for label in LABELS:
        path = data_dir / f"{label.value}.txt"
        if not path.exists():
            raise ModelError(f"missing training source {path}")
        # <label>.txt plus any <label>.more-*.txt written alongside it
        extra = sorted(data_dir.glob(f"{label.value}.more-*.txt"))
        # the model reads what the parser leaves of a message: quoted history cut off
        sources[label.value] = [
            (subject, split_body(text).new_text or text)
            for source in (path, *extra)
            for subject, text in read_messages(source)
        ]
    per_label = max(per_label, 2 * max(len(messages) for messages in sources.values()))
    train: list[Example] = []
    held: list[Example] = []
    for label in LABELS:
        messages = sources[label.value]
        news = news_pattern(cues[label.value])
        # plain + at least one variant each; the first `spare` messages get one more
        base, spare = divmod(per_label, len(messages))
        if base < 2:
            base, spare = 2, 0
        is_held = [bool(held_out) and i % held_out == held_out - 1 for i in range(len(messages))]
        for index, message in enumerate(messages):
            target = held if is_held[index] else train
            # borrow sentences only within the same split, so held-out stays unseen
            siblings = [m for i, m in enumerate(messages) if is_held[i] == is_held[index]]
            keep = must_keep(message[1], news)
            for copy in range(base + (index < spare)):
                rng = random.Random(f"{seed}:{label.value}:{index}:{copy}")
                example = _variant(label.value, message, frames, rng, copy == 0, siblings, keep)
                target.append(example)
    return train, held


def feedback_to_examples(
    feedback: Sequence[tuple[str, str, str]], seed: int = SEED
) -> list[Example]:
    """User corrections, each repeated FEEDBACK_COPIES times (plain, then in mixed styles)."""
    examples = []
    names = {label.value for label in LABELS}
    for index, (subject, text, label) in enumerate(feedback):
        if label not in names:
            logger.warning("ignoring feedback with unknown label %r", label)
            continue
        rng = random.Random(f"{seed}:feedback:{index}")
        for copy in range(FEEDBACK_COPIES):
            if copy % 4 == 1:
                examples.append(Example(tokenised_style(subject), tokenised_style(text), label))
            elif copy % 4 == 2:
                examples.append(Example(subject, typo_style(text, rng), label))
            else:
                examples.append(Example(subject, text, label))
    return examples


def make_private(directory: Path) -> None:
    """`directory` and everything in it readable by the user alone (0700 and 0600)."""
    directory.chmod(0o700)
    for path in directory.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def train(
    output: Path,
    feedback: Sequence[tuple[str, str, str]] = (),
    config_path: Path = CONFIG_PATH,
    data_dir: Path = DATA_DIR,
) -> str:
    """Train the pipeline into `output` from the sources (plus feedback) with fixed seeds.

    Returns a short report. The meta records `sources_sha256` and `examples_sha256` (the
    examples built from the sources; none of the feedback is hashed: a model trained with
    feedback says so in `feedback_examples`).
    """
    from inbox_monitor import classify

    train_examples, _ = build_examples(data_dir)
    built = examples_sha256(train_examples)
    train_examples += feedback_to_examples(feedback)
    dev_examples = train_examples[::10]
    digest = sources_sha256(data_dir, config_path)
    meta: dict[str, object] = {
        "name": "recruiter",
        "version": MODEL_VERSION,
        "description": "inbox-monitor recruiter-mail classifier (bag-of-words textcat + rules)",
        "sources_sha256": digest,
        "examples_sha256": built,
        "training_examples": len(train_examples),
        "feedback_examples": len(feedback),
        "seed": SEED,
        "cue_weight": classify.CUE_WEIGHT,
    }
    classify.train_pipeline(
        config_path,
        [(e.subject, e.text, e.label) for e in train_examples],
        [(e.subject, e.text, e.label) for e in dev_examples],
        output,
        meta,
        cues_path=data_dir / "cues.toml",
    )
    if feedback:
        # its vocabulary holds words of the user's corrected mail
        make_private(output)
    size = sum(path.stat().st_size for path in output.rglob("*") if path.is_file())
    return (
        f"trained {output} from {len(train_examples)} examples "
        f"({len(feedback)} corrections); {size / 1e6:.1f} MB on disk; "
        f"sources sha256 {digest[:12]}"
    )


def main() -> None:
    """`python -m inbox_monitor.training [OUTPUT]`: train the shipped pipeline."""
    import sys

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    print(train(output))


if __name__ == "__main__":
    main()
