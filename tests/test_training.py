"""Training sources, their expansion, the evaluation maths, and the shipped model's hash."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from helpers import dev_rows

from inbox_monitor.classify import REPO_MODEL_DIR, ClassifierInput, load_classifier
from inbox_monitor.models import LABELS
from inbox_monitor.training import (
    DATA_DIR,
    _recombine,
    build_examples,
    evaluate_predictions,
    examples_sha256,
    feedback_to_examples,
    format_evaluation,
    must_keep,
    news_pattern,
    read_messages,
    sources_sha256,
    tokenised_style,
    train,
)


def test_evaluate_maths_on_a_hand_made_set() -> None:
    gold = ["offer", "offer", "rejection", "interview", "not_recruiting"]
    predicted = ["offer", "rejection", "rejection", "interview", "offer"]
    evaluation = evaluate_predictions(gold, predicted)
    metrics = {m.label: m for m in evaluation.per_label}
    # offer: tp 1, predicted 2, support 2 -> p 0.5, r 0.5, f1 0.5
    assert (metrics["offer"].precision, metrics["offer"].recall) == (0.5, 0.5)
    assert metrics["offer"].f1 == pytest.approx(0.5)
    # rejection: tp 1, predicted 2, support 1 -> p 0.5, r 1.0, f1 2/3
    assert metrics["rejection"].f1 == pytest.approx(2 / 3)
    assert metrics["interview"].f1 == 1.0
    assert metrics["not_recruiting"].f1 == 0.0 and metrics["not_recruiting"].support == 1
    # macro over the 4 labels present in gold, not the 8
    assert evaluation.macro_f1 == pytest.approx((0.5 + 2 / 3 + 1.0 + 0.0) / 4)
    assert evaluation.accuracy == pytest.approx(3 / 5)
    assert evaluation.confusion["offer"]["rejection"] == 1
    assert evaluation.confusion["not_recruiting"]["offer"] == 1
    text = format_evaluation(evaluation)
    assert "macro-F1 (labels present): 0.542" in text
    assert json.loads(json.dumps(evaluation.as_dict()))["per_label"]["offer"]["support"] == 2


def test_evaluate_refuses_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        evaluate_predictions(["offer"], [])


def test_read_messages_splits_blocks_and_subjects(tmp_path: Path) -> None:
    source = tmp_path / "offer.txt"
    source.write_text("# comment\nSubject: Hi {name}\nline one\nline two\n---\n\nno subject\n---\n")
    assert read_messages(source) == [("Hi {name}", "line one\nline two"), ("", "no subject")]


def test_every_label_has_hundreds_of_examples_and_expansion_is_deterministic() -> None:
    first, held = build_examples()
    second, _ = build_examples()
    assert first == second and held == []
    for label in LABELS:
        count = sum(1 for example in first if example.label == label.value)
        assert count >= 300, label
    assert all("{" not in e.text for e in first), "every placeholder is filled"


def test_held_out_split_keeps_whole_messages_apart() -> None:
    train_set, held = build_examples(held_out=5)
    assert held and not {(e.subject, e.text) for e in held} & {
        (e.subject, e.text) for e in train_set
    }


class _AlwaysDrop(random.Random):
    """Every draw says "drop this sentence"."""

    def random(self) -> float:
        return 0.0


def test_variants_never_drop_the_sentence_that_carries_the_news() -> None:
    news = news_pattern(["not be progressing", "regret to inform"])
    rejection = (
        "Thank you for applying for the Analyst role. We have reviewed every application. "
        "Unfortunately we will not be progressing your application. We wish you well."
    )
    kept = _recombine(rejection, [], _AlwaysDrop(), must_keep(rejection, news))
    assert (
        kept
        == "Thank you for applying for the Analyst role. Unfortunately we will not be progressing your application."
    )
    # where no sentence holds a cue phrase, which one is the news is unknown: none is dropped
    vague = "Thank you for applying. We have decided to go another way. Best of luck."
    assert _recombine(vague, [], _AlwaysDrop(), must_keep(vague, news)) == vague
    assert _recombine(vague, [], _AlwaysDrop(), must_keep(vague, None)) == vague
    # lower case and line breaks do not hide a phrase; part of a word is not the phrase
    shouted = "Hi. We REGRET to\ninform you. Bye."
    assert _recombine(shouted, [], _AlwaysDrop(), must_keep(shouted, news)) == (
        "Hi. We REGRET to\ninform you."
    )
    assert news is not None and not news.search("we regret to informally say")


def test_tokenised_style_looks_like_preprocessed_corpora() -> None:
    assert tokenised_style("We're pleased, Sam.") == "we ' re pleased , sam ."


def test_feedback_is_repeated_in_several_styles_and_bad_labels_skipped() -> None:
    examples = feedback_to_examples([("Hi", "We can't offer you the job.", "rejection")])
    examples += feedback_to_examples([("Hi", "x", "bogus")])
    assert len(examples) == 8 and {e.label for e in examples} == {"rejection"}
    assert any(e.text.startswith("we can ' t") for e in examples)


@pytest.mark.skipif(not (REPO_MODEL_DIR / "meta.json").exists(), reason="no shipped pipeline")
def test_shipped_model_was_built_from_the_current_sources() -> None:
    meta = json.loads((REPO_MODEL_DIR / "meta.json").read_text())
    assert meta["sources_sha256"] == sources_sha256(), (
        "models/data, models/config.cfg or the model's view (classify.MODEL_TOKENS, ...) "
        "changed without retraining: run `inbox-monitor train`"
    )
    assert meta["examples_sha256"] == examples_sha256(build_examples()[0]), (
        "the training examples built from unchanged sources changed (body splitting, "
        "normalisation or framing code): bump training.BUILDER_VERSION and retrain"
    )
    size = sum(p.stat().st_size for p in REPO_MODEL_DIR.rglob("*") if p.is_file())
    assert size < 20_000_000


def test_source_hash_changes_when_a_source_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for path in DATA_DIR.iterdir():
        (data / path.name).write_bytes(path.read_bytes())
    config = tmp_path / "config.cfg"
    config.write_bytes((DATA_DIR.parent / "config.cfg").read_bytes())
    before = sources_sha256(data, config)
    assert before == sources_sha256()
    (data / "offer.txt").write_text((data / "offer.txt").read_text() + "---\nWe offer you it.\n")
    assert sources_sha256(data, config) != before


def test_source_hash_changes_when_the_view_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that reads another view is another model, under another name."""
    from inbox_monitor import classify

    before = sources_sha256()
    monkeypatch.setattr(classify, "MODEL_TOKENS", classify.MODEL_TOKENS + 1)
    assert sources_sha256() != before
    monkeypatch.undo()
    monkeypatch.setattr(classify, "MODEL_PARTS", (classify.MODEL_PARTS[0], 1))
    assert sources_sha256() != before


@pytest.mark.slow
@pytest.mark.skipif(not (REPO_MODEL_DIR / "meta.json").exists(), reason="no shipped pipeline")
def test_retraining_reproduces_the_shipped_model(tmp_path: Path) -> None:
    report = train(tmp_path / "model")
    assert "sources sha256" in report
    probe = [
        ClassifierInput(s, t)
        for s, t in [
            ("Offer", "We are delighted to offer you the role."),
            ("Update", "We are still reviewing applications."),
            ("Sale", "Half price shoes this weekend only."),
            ("", "Could you send me two references?"),
        ]
    ]
    shipped = load_classifier(REPO_MODEL_DIR).classify(probe)
    retrained = load_classifier(tmp_path / "model").classify(probe)
    assert [r.label for r in retrained] == [r.label for r in shipped]
    for a, b in zip(retrained, shipped, strict=True):
        assert a.scores == pytest.approx(b.scores, abs=1e-3)


OVERLAP_WORDS = 9
"""Longer shared runs than this are not stock phrasing: the data would echo the dev set."""


def test_training_data_shares_no_long_run_of_words_with_the_dev_set() -> None:
    """The dev set measures; its texts must not reach the hand-written training data."""
    import re

    def runs(text: str) -> set[str]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {
            " ".join(words[i : i + OVERLAP_WORDS]) for i in range(len(words) - OVERLAP_WORDS + 1)
        }

    dev = {run for row in dev_rows() for run in runs(f"{row['subject']} {row['body']}")}
    models = Path(__file__).parents[1] / "models"
    # models/unshipped: written data measured and not trained on yet (docs/classifier.md)
    paths = [*(models / "data").glob("*.txt"), *(models / "unshipped").glob("*.txt")]
    assert any(path.parent.name == "unshipped" for path in paths)
    shared = {
        f"{path.parent.name}/{path.name}": runs(path.read_text(encoding="utf-8")) & dev
        for path in paths
    }
    assert {name: sorted(found) for name, found in shared.items() if found} == {}


def test_a_trained_pipeline_records_how_the_model_reads(tmp_path: Path) -> None:
    """The classifier must read as training did: window and view come from the meta."""
    from inbox_monitor.classify import TextcatClassifier, train_pipeline
    from inbox_monitor.training import CONFIG_PATH

    rows = [
        ("Offer", "we are pleased to offer you the role", "offer"),
        ("Update", "unfortunately we will not be moving forward", "rejection"),
    ] * 4
    train_pipeline(CONFIG_PATH, rows, rows[:2], tmp_path / "m", {}, tokens=7, view="content")
    meta = json.loads((tmp_path / "m" / "meta.json").read_text())
    assert (meta["model_tokens"], meta["model_view"]) == (7, "content")
    model = TextcatClassifier(tmp_path / "m")
    assert (model.model_tokens, model.view) == (7, "content")
