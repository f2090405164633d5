"""`split` names the new process from its messages; `label` refuses the user's own mail.

Through the real `inbox-monitor` group (click's CliRunner), on the scenario ambiguous-tie:
Oakridge Media's own recruiter and an agency (Elm Street Talent) for Tern Capital, both
about a Data Analyst role, with the user's replies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import ME

from inbox_monitor.cli import cli
from inbox_monitor.config import DATABASE_NAME
from inbox_monitor.store import Store

SCENARIO = Path(__file__).parent / "data" / "scenarios" / "ambiguous-tie"
AS_OF = "2026-11-13"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("imported")
    (directory / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    assert run(directory, "import", "-q", str(SCENARIO / "inbox")).exit_code == 0
    assert run(directory, "import", "-q", "--sent", str(SCENARIO / "sent")).exit_code == 0
    return directory


@pytest.fixture
def home(imported: Path, tmp_path: Path) -> Path:
    """A copy of the imported scenario, for one test to change."""
    return Path(shutil.copytree(imported, tmp_path / "home"))


def run(home: Path, *args: str) -> Result:
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def board(home: Path) -> dict[int, tuple[str | None, str | None, str | None]]:
    rows = json.loads(run(home, "status", "--json", "--as-of", AS_OF).output)
    return {row["id"]: (row["company"], row["role"], row["agency"]) for row in rows}


def tern_mail(home: Path) -> list[str]:
    return [str(row["id"]) for row in json.loads(run(home, "search", "tern", "--json").output)]


def test_split_after_a_wrong_merge_gives_the_merged_process_back_its_number(home: Path) -> None:
    # the number the user knows it by, and earlier digests name, is its own again
    before = board(home)
    assert sorted(before.values()) == [
        ("Oakridge Media", "Data Analyst", None),
        ("Tern Capital", "Data Analyst", "Elm Street Talent"),
    ]
    oakridge = next(pid for pid, names in before.items() if names[0] == "Oakridge Media")
    tern = next(pid for pid in before if pid != oakridge)
    history = run(home, "history", str(tern)).output.splitlines()[2:]
    assert run(home, "merge", str(oakridge), str(tern)).exit_code == 0
    split = run(home, "split", str(oakridge), *tern_mail(home))
    assert split.exit_code == 0, split.output
    assert split.output == (
        f"Moved 2 message(s) from #{oakridge} to Tern Capital — Data Analyst"
        f" (via Elm Street Talent), back to its own number #{tern}.\n"
    )
    assert board(home) == before
    again = run(home, "history", str(tern)).output.splitlines()
    assert again[0] == f"#{tern} Tern Capital — Data Analyst (via Elm Street Talent)"
    # its timeline is as it was, its opening with it, and the split said
    assert [line.split() for line in again[2:] if "user_split" not in line] == [
        line.split() for line in history
    ]
    assert "the merge into it undone" in "\n".join(again)


def test_split_of_mail_no_merged_process_opened_names_a_new_process(home: Path) -> None:
    before = board(home)
    oakridge = next(pid for pid, names in before.items() if names[0] == "Oakridge Media")
    tern = next(pid for pid in before if pid != oakridge)
    assert run(home, "merge", str(oakridge), str(tern)).exit_code == 0
    # Tern Capital's later mail only (the user's reply): its first message stays behind
    (_first, *later) = sorted(tern_mail(home), key=int)
    split = run(home, "split", str(oakridge), *later)
    assert split.exit_code == 0, split.output
    assert split.output.endswith(f", new process #{max(before) + 1}.\n")


def test_split_says_when_the_process_it_leaves_is_named_anew(home: Path) -> None:
    before = board(home)
    oakridge = next(pid for pid, names in before.items() if names[0] == "Oakridge Media")
    tern = next(pid for pid in before if pid != oakridge)
    # the wrong merge the other way round: Tern Capital's mail under Oakridge Media's name
    assert run(home, "merge", str(oakridge), str(tern)).exit_code == 0
    oakridge_mail = [
        str(row["id"])
        for row in json.loads(run(home, "search", "oakridge", "--json").output)
        if row["process_id"] == oakridge
    ]
    split = run(home, "split", str(oakridge), *oakridge_mail)
    assert split.exit_code == 0, split.output
    assert split.output.splitlines() == [
        f"#{oakridge} is named anew from the messages left in it:"
        " Tern Capital — Data Analyst (via Elm Street Talent).",
        f"Moved {len(oakridge_mail)} message(s) from #{oakridge} to Oakridge Media — Data Analyst,"
        f" new process #{max(before) + 1}.",
    ]


def test_split_of_every_message_is_refused(home: Path) -> None:
    tern = next(pid for pid, names in board(home).items() if names[0] == "Tern Capital")
    refused = run(home, "split", str(tern), *tern_mail(home))
    assert refused.exit_code == 2
    assert f"that is every message of #{tern}: a split would leave it empty" in refused.output
    assert "use `merge`" in refused.output
    assert len(board(home)) == 2


def test_label_of_your_own_mail_is_refused_and_not_kept(home: Path) -> None:
    # the user's reply to the agency: its label counts for nothing on the board
    rows = json.loads(run(home, "search", "tern", "--json").output)
    (own,) = [row for row in rows if row["direction"] == "outbound"]
    before = run(home, "status", "--json", "--all").output
    refused = run(home, "label", str(own["id"]), "rejection")
    assert refused.exit_code == 1
    assert refused.output == (
        f"Error: #{own['id']} is your own mail: its label changes nothing; to close process"
        f" #{own['process_id']}, use `close {own['process_id']} --outcome"
        " rejected|withdrawn|accepted|declined`\n"
    )
    assert run(home, "status", "--json", "--all").output == before
    with Store(home / DATABASE_NAME) as store:
        assert store.feedback_examples() == []


def test_history_of_a_merged_process_points_where_its_mail_went_after_a_move(
    home: Path,
) -> None:
    # `merge` by mistake, then its first message moved on to another process: the merged
    # process's number, in the user's notes and old digests, must lead to its mail
    other = SCENARIO.parent / "thanksgiving" / "inbox" / "001-larkspur-final-interview.eml"
    assert run(home, "import", "-q", str(other)).exit_code == 0
    rows = json.loads(run(home, "status", "--json", "--all").output)
    names = {row["id"]: row["company"] for row in rows}
    oakridge = next(pid for pid, name in names.items() if name == "Oakridge Media")
    tern = next(pid for pid, name in names.items() if name == "Tern Capital")
    (third,) = set(names) - {oakridge, tern}
    assert run(home, "merge", str(oakridge), str(tern)).exit_code == 0
    merged = run(home, "history", str(tern)).output.splitlines()
    assert merged[1] == f"merged into #{oakridge}: see `inbox-monitor history {oakridge}`"
    first = min(tern_mail(home), key=int)
    assert run(home, "move", first, str(third)).exit_code == 0
    assert run(home, "history", str(tern)).output.splitlines()[1] == (
        f"merged into #{oakridge}; its first message is now in #{third}:"
        f" see `inbox-monitor history {third}`"
    )


def test_history_gives_each_message_s_number_for_split_and_move(home: Path) -> None:
    tern = next(pid for pid, names in board(home).items() if names[0] == "Tern Capital")
    text = run(home, "history", str(tern)).output
    timeline = text[text.index("Timeline:") : text.index("\nmodel:")].splitlines()
    assert timeline[1].split()[:4] == ["when", "msg", "what", "detail"]
    numbers = {line.split()[2] for line in timeline[2:] if line.split()[2].isdigit()}
    assert numbers == set(tern_mail(home))
    events = json.loads(run(home, "history", str(tern), "--json").output)["events"]
    assert {str(e["message_number"]) for e in events if e["message"]} == set(tern_mail(home))


def test_a_ref_naming_several_processes_lists_them_by_their_titles(home: Path) -> None:
    # "#7 TalentBridge (Senior Data Engineer (contract))" read unlike every other title
    several = run(home, "history", "data analyst")
    assert several.exit_code == 2
    listed = " ".join(several.output.split())
    assert "Tern Capital — Data Analyst (via Elm Street Talent)" in listed
    assert "Oakridge Media — Data Analyst" in listed
