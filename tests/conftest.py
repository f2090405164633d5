"""Fixtures shared by the pipeline-level tests and the classifier's rule tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ME, SubjectTagClassifier

from inbox_monitor.classify import REPO_MODEL_DIR, RulesClassifier, load_classifier
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.pipeline import Pipeline, build_pipeline


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """A user in Great Britain with one address, data in the test's own directory."""
    return Config(
        data_dir=tmp_path, identity=IdentityConfig(addresses=frozenset({ME}), country="GB")
    )


@pytest.fixture
def pipeline(config: Config) -> Pipeline:
    """The import pipeline with the subject-tag classifier ("[offer] ..." is an offer)."""
    return build_pipeline(config, classifier=SubjectTagClassifier())


# --- the classifier's rule tests (tests/test_classify_*.py) ---------------------------------


@pytest.fixture(scope="module", params=["rules", "model"])
def classifier(request: pytest.FixtureRequest) -> object:
    """The rules alone, then the shipped pipeline with them: a rule must hold on both."""
    if request.param == "rules":
        return RulesClassifier()
    if not (REPO_MODEL_DIR / "meta.json").exists():
        pytest.skip("no shipped pipeline")
    return load_classifier(REPO_MODEL_DIR)


@pytest.fixture(scope="module")
def shipped() -> object:
    """The shipped pipeline (the model with the rules)."""
    if not (REPO_MODEL_DIR / "meta.json").exists():
        pytest.skip("no shipped pipeline")
    return load_classifier(REPO_MODEL_DIR)


@pytest.fixture(scope="module")
def rules() -> RulesClassifier:
    """The cue lexicon and the rules, no model."""
    return RulesClassifier()
