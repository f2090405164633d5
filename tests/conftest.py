"""Fixtures shared by the pipeline-level tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ME, SubjectTagClassifier

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
