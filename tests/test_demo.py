"""End to end: the bundled demo mailbox gives the expected board at its fixed date."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from scenario import Loaded, board_problems, grouping_problems, load

from inbox_monitor.cli import cli
from inbox_monitor.cli.setup import demo_root


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    return load(demo_root(), tmp_path_factory.mktemp("demo"))


def test_every_message_imports(demo: Loaded) -> None:
    assert (demo.summary.new, demo.summary.failed) == (len(demo.expected["messages"]), 0)


def test_messages_are_grouped_into_the_expected_processes(demo: Loaded) -> None:
    assert any(m["process"] is None for m in demo.expected["messages"].values()), "needs noise"
    assert grouping_problems(demo) == []


def test_the_board_matches_the_scenario(demo: Loaded) -> None:
    as_of = datetime.fromisoformat(demo.expected["as_of"])
    assert board_problems(demo, as_of, demo.expected["processes"]) == []


def test_board_puts_stalled_processes_first(demo: Loaded) -> None:
    states = [s.state.value for s in demo.board(datetime.fromisoformat(demo.expected["as_of"]))]
    overdue = states.count("overdue")
    assert overdue == sum(1 for p in demo.expected["processes"].values() if p["state"] == "overdue")
    assert states[:overdue] == ["overdue"] * overdue


def test_demo_command_prints_the_board(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--keep", str(tmp_path / "keep")])
    assert result.exit_code == 0, result.output
    assert "Board as of Tue 24 Nov 2026 09:00" in result.output
    assert "Corvid Labs" in result.output
    assert "Stalled" in result.output
    assert (tmp_path / "keep" / "inbox-monitor.db").exists()
