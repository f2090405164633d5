"""Scenario mailboxes written for the purpose: their boards at fixed dates are known."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from scenario import board_problems, grouping_problems, load

SCENARIOS = sorted(
    p for p in (Path(__file__).parent / "data" / "scenarios").iterdir() if p.is_dir()
)


@pytest.mark.parametrize("root", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_scenario(root: Path, tmp_path: Path) -> None:
    loaded = load(root, tmp_path)
    assert loaded.summary.failed == 0
    problems = grouping_problems(loaded)
    problems += board_problems(
        loaded, datetime.fromisoformat(loaded.expected["as_of"]), loaded.expected["processes"]
    )
    for checkpoint in loaded.expected.get("checkpoints", []):
        problems += [
            f"at {checkpoint['as_of']}: {p}"
            for p in board_problems(
                loaded, datetime.fromisoformat(checkpoint["as_of"]), checkpoint["processes"]
            )
        ]
    assert problems == []
