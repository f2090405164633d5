"""The CLI through CliRunner, on a database built from the demo mailbox."""

from __future__ import annotations

import csv
import io
import json
import mailbox
import os
import re
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from helpers import ME, NOW, SubjectTagClassifier, eml

from inbox_monitor.cli import cli, setup
from inbox_monitor.cli.context import AppContext, parse_as_of
from inbox_monitor.cli.mailbox import describe_result
from inbox_monitor.cli.setup import EXIT_QUARANTINED, EXIT_SOURCE, run_demo
from inbox_monitor.models import Summary
from inbox_monitor.pipeline import build_pipeline
from inbox_monitor.store import Store
from inbox_monitor.sync import FolderResult

AS_OF = "2026-11-24"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("home")
    run_demo(directory)
    (directory / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\ntimezone = "Europe/London"\ncountry = "GB"\n'
    )
    return directory


def run(home: Path, *args: str, input: str | None = None) -> Result:
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)


def test_every_command_and_option_says_what_it_does() -> None:
    """`--help` is the manual a user reaches first: no command or option left blank."""

    def blanks(command: click.Command, path: str) -> list[str]:
        if isinstance(command, click.Group):
            return [
                blank
                for name, sub in command.commands.items()
                for blank in blanks(sub, f"{path} {name}".strip())
            ]
        found = [] if command.help else [f"{path}: no help"]
        options = [p for p in command.params if isinstance(p, click.Option)]
        return found + [f"{path} {o.opts[0]}" for o in options if not o.help]

    assert blanks(cli, "") == []


def test_status_json_has_the_documented_fields(home: Path) -> None:
    result = run(home, "status", "--json", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    board = json.loads(result.output)
    assert board, "the demo has open processes"
    for field in (
        "id",
        "company",
        "role",
        "agency",
        "contacts",
        "stage",
        "state",
        "expected_by",
        "expected_source",
        "expected_phrase",
        "commitment",
        "last_inbound_at",
        "last_outbound_at",
        "message_count",
    ):
        assert field in board[0]
    assert all(p["state"] != "closed" for p in board)
    everything = json.loads(run(home, "status", "--json", "--all", "--as-of", AS_OF).output)
    assert len(everything) > len(board)


def test_status_as_of_the_past_shows_the_board_of_then(home: Path) -> None:
    early = json.loads(run(home, "status", "--json", "--all", "--as-of", "2026-09-20").output)
    late = json.loads(run(home, "status", "--json", "--all", "--as-of", AS_OF).output)
    assert 0 < len(early) < len(late)
    assert all(p["last_inbound_at"] < "2026-09-21" for p in early)


def test_status_before_any_process_says_so_rather_than_to_import_mail(home: Path) -> None:
    before = run(home, "status", "--as-of", "2020-01-01")
    assert before.output == "No hiring process was open as of 2020-01-01.\n"


def test_status_says_whether_the_daemon_runs(home: Path, tmp_path: Path) -> None:
    from inbox_monitor.daemon import daemon_lock

    copy = tmp_path / "copy"
    run_demo(copy)
    (copy / "config.toml").write_text((home / "config.toml").read_text())
    with Store(copy / "inbox-monitor.db") as store:
        store.beat("daemon", 4242, datetime(2026, 11, 24, 8, 30, tzinfo=UTC))
    # it stopped (or died): its heartbeat and pid are still there
    stopped = run(copy, "status", "--as-of", AS_OF).output.splitlines()[-1]
    assert stopped.startswith("Daemon not running: last seen 2026-11-24 08:30.")
    with daemon_lock(copy):
        running = run(copy, "status", "--as-of", AS_OF).output.splitlines()[-1]
    assert running == "Daemon running (pid 4242), last seen 2026-11-24 08:30."


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31", "9999-12-31T23:59:59+00:00"])
@pytest.mark.parametrize(
    "command", [["digest", "--preview"], ["status"], ["stalled"], ["export", "--format", "ics"]]
)
def test_as_of_a_mistyped_year_is_a_usage_error(home: Path, command: list[str], as_of: str) -> None:
    # the digest's week overflowed near year 1 and 9999
    result = run(home, *command, "--as-of", as_of)
    assert result.exit_code == 2, result.output
    assert "years from today: a mistyped year?" in result.output


def test_status_table_and_stalled(home: Path) -> None:
    table = run(home, "status", "--as-of", AS_OF)
    assert table.exit_code == 0
    assert table.output.splitlines()[1].split()[:2] == ["#", "company"]
    # business days, as the stalled list counts them, not "11d" read as calendar days
    assert re.search(r" overdue .* \d+ workdays?\n", table.output)
    stalled = run(home, "stalled", "--as-of", AS_OF)
    assert "business days overdue" in stalled.output
    assert "next step:" in stalled.output


def test_history_shows_people_and_why(home: Path) -> None:
    board = json.loads(run(home, "status", "--json", "--all", "--as-of", AS_OF).output)
    pid = str(board[0]["id"])
    result = run(home, "history", pid, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "Timeline:" in result.output
    assert "match:" in result.output or "model:" in result.output
    # the model's long name once, below the timeline, not on every label
    acme = run(home, "history", "acme", "--as-of", AS_OF).output
    assert acme.count(" model 1.00") > 1 and acme.count("recruiter-textcat") == 1
    data = json.loads(run(home, "history", pid, "--json").output)
    assert data["process"]["id"] == int(pid)
    assert data["events"] and {"kind", "rule", "confidence"} <= set(data["events"][0])
    missing = run(home, "history", "9999")
    assert missing.exit_code == 2 and "no process" in missing.output
    # before its first message the process did not exist: no made-up stage and state
    opened = min(date.fromisoformat(e["at"][:10]) for e in data["events"])
    before = run(home, "history", pid, "--as-of", str(opened - timedelta(days=1)))
    assert before.exit_code == 1 and "stage" not in before.output
    assert f"#{pid} had not started as of {opened - timedelta(days=1)}" in before.output


def test_a_process_can_be_named_by_company_agency_or_role(home: Path) -> None:
    board = json.loads(run(home, "status", "--json", "--all", "--as-of", AS_OF).output)
    acme = next(p for p in board if p["company"] == "Acme Robotics")
    by_number = run(home, "history", str(acme["id"]), "--json").output
    for ref in ("acme", "ACME robotics", "talentbridge partners", f"#{acme['id']}"):
        assert run(home, "history", ref, "--json").output == by_number, ref
    # a name of several words needs no quotes
    assert run(home, "history", "acme", "robotics", "--json").output == by_number
    # a name several processes hold is refused, with the candidates to choose from
    several = run(home, "history", "analyst")
    assert several.exit_code == 2
    assert "names" in several.output and f"#{acme['id']}" not in several.output
    assert "give a number" in several.output
    # the other commands take names too
    assert (
        run(home, "expect", "acme", "--clear").output
        == f"#{acme['id']}: your expected date was cleared.\n"
    )
    assert (
        run(home, "expect", "Acme", "Robotics", "--clear").output
        == f"#{acme['id']}: your expected date was cleared.\n"
    )


def test_search(home: Path) -> None:
    result = run(home, "search", "--json", "references")
    hits = json.loads(result.output)
    assert hits
    with Store(home / "inbox-monitor.db") as store:
        for hit in hits:  # the word is in the subject or in the body
            message = store.parsed_message(hit["message_key"])
            assert "reference" in f"{message.subject} {message.body}".lower()
    # several words need no quotes: each must match, as in one quoted argument
    with Store(home / "inbox-monitor.db") as store:
        subject = store.parsed_message(hits[0]["message_key"]).subject
    other = next(w for w in re.findall(r"[A-Za-z]{4,}", subject) if "reference" not in w.lower())
    both = json.loads(run(home, "search", "--json", "references", other).output)
    assert both == json.loads(run(home, "search", "--json", f"references {other}").output)
    assert hits[0]["id"] in {hit["id"] for hit in both}
    assert run(home, "search", "zzqqxxnotaword").output.strip() == "No message matches."
    odd = run(home, "search", 'offer" OR (')  # FTS syntax in user text is quoted, not an error
    assert odd.exit_code == 0
    # a line break or control character inside a quote used to escape the quoting
    for broken in ('a"\n-', "\"\na'", 'a"\x00b', 'a"\u2028"b', 'a\x0b"(', "references\n"):
        answer = run(home, "search", broken)
        assert answer.exit_code == 0, (broken, answer.output)
    assert run(home, "search", "--json", "references\n").output == result.output
    for empty in ("", "  ", '"', "--"):  # nothing to search for: said, not a traceback
        nothing = run(home, "search", "--", empty)
        assert nothing.exit_code == 2 and "give a word to search for" in nothing.output
    with (
        Store(home / "inbox-monitor.db") as store,
        pytest.raises(ValueError, match="give a word to search for"),
    ):
        store.search('"')
    # the user's reply to the offer shows as sent, not as an "offer" of its own
    offers = run(home, "search", "Offer of employment").output.splitlines()
    assert any(re.search(r" Re: Offer of employment .* sent +5$", row) for row in offers)
    assert any(re.search(r" Offer of employment .* offer +5$", row) for row in offers)


def test_history_says_when_their_mail_ended_your_date(home: Path, tmp_path: Path) -> None:
    # the user set a date just after their last mail was dated, but that mail was stored
    # only an hour later (a backlog synced late): the date gave way, and history says so
    copy = tmp_path / "copy"
    run_demo(copy)
    (copy / "config.toml").write_text((home / "config.toml").read_text())
    first = json.loads(run(copy, "status", "--json", "--as-of", AS_OF).output)[0]["id"]
    with Store(copy / "inbox-monitor.db") as store:
        last = [m for m in store.message_records(first) if m.direction == "inbound"][-1]
        set_at = last.date + timedelta(minutes=1)
        store.update_process(first, expected_by_user=date(2027, 1, 15), expected_by_user_at=set_at)
        stored = (set_at + timedelta(hours=1)).astimezone(UTC).isoformat(timespec="seconds")
        store.db.execute("UPDATE messages SET imported_at = ? WHERE message_key = ?",
                         [stored, last.key])  # fmt: skip
    as_of = (set_at + timedelta(days=1)).date().isoformat()
    timeline = run(copy, "history", str(first), "--as-of", as_of).output
    assert "user_expect_ended" in timeline
    assert "your date 2027-01-15 gave way to their mail of" in timeline
    status = json.loads(run(copy, "status", "--json", "--as-of", as_of).output)
    assert next(p for p in status if p["id"] == first)["expected_source"] != "user"


def test_expect_close_reopen_merge_split(home: Path, tmp_path: Path) -> None:
    # work on a copy so the module's database stays as the demo made it
    copy = tmp_path / "copy"
    run_demo(copy)
    (copy / "config.toml").write_text((home / "config.toml").read_text())
    board = json.loads(run(copy, "status", "--json", "--as-of", AS_OF).output)
    first, second = board[0]["id"], board[1]["id"]
    assert run(copy, "expect", str(first), "--by", "2027-01-15").exit_code == 0
    after = {p["id"]: p for p in json.loads(run(copy, "status", "--json", "--as-of", AS_OF).output)}
    assert after[first]["expected_by"] == "2027-01-15"
    assert after[first]["expected_source"] == "user"
    # when it was set is kept: their mail after it rules again (a cleared date has none)
    with Store(copy / "inbox-monitor.db") as store:
        set_at = store.process(first).expected_by_user_at
    assert set_at is not None and abs(set_at - datetime.now(UTC)) < timedelta(minutes=5)
    assert run(copy, "expect", str(first), "--clear").exit_code == 0
    with Store(copy / "inbox-monitor.db") as store:
        assert store.process(first).expected_by_user_at is None
    assert run(copy, "expect", str(first), "--by", "2027-01-15").exit_code == 0
    # a date in words, read as mail is read, from today
    # (the command reads from the real today: the dates here are relative to it)
    ahead = date.today() + timedelta(days=200)
    words = run(copy, "expect", str(first), "--by", f"{ahead.day} {ahead:%B %Y}")
    assert words.output == f"#{first}: you expect news by {ahead} ({ahead:%A}).\n"
    typo = run(copy, "expect", str(first), "--by", f"{ahead + timedelta(days=3660)}")
    assert typo.exit_code == 2 and "more than a year away (a mistyped year?)" in typo.output
    with Store(copy / "inbox-monitor.db") as store:  # such a date stored before is shown
        store.update_process(first, expected_by_user=date.max)
    for command in (["status"], ["export", "--format", "ics"], ["digest", "--preview"]):
        shown = run(copy, *command)
        assert shown.exit_code == 0 and shown.exception is None, (command, shown.output)
    assert "DURATION:P1D" in run(copy, "export", "--format", "ics").output
    friday = run(copy, "expect", str(first), "--by", "friday")
    due = date.fromisoformat(friday.output.split(" by ")[1][:10])
    assert due.weekday() == 4 and 0 < (due - date.today()).days <= 8, friday.output

    def expected(by: str) -> date:
        said = run(copy, "expect", str(first), "--by", by)
        assert said.exit_code == 0, (by, said.output)
        return date.fromisoformat(said.output.split(" by ")[1][:10])

    # as mail words it: "by end of month", "by 12/25"; an ISO time means its day
    month_end = expected("end of month")
    assert (month_end + timedelta(days=1)).day == 1 and (month_end - date.today()).days <= 31
    assert (expected("12/25").month, expected("12/25").day) == (12, 25)
    soon = date.today() + timedelta(days=30)
    assert expected(f"{soon.isoformat()}T10:00") == soon
    vague = run(copy, "expect", str(first), "--by", "soon")
    assert vague.exit_code == 2 and "cannot read a date from 'soon'" in vague.output
    past = run(copy, "expect", str(first), "--by", "2020-01-01")
    assert (
        past.exit_code == 0 and f"That date has passed: #{first} shows as overdue." in past.output
    )
    assert run(copy, "expect", str(first), "--by", "2027-01-15").exit_code == 0
    assert run(copy, "close", str(first), "--outcome", "withdrawn").exit_code == 0
    closed = {p["id"]: p for p in json.loads(run(copy, "status", "--json", "--all").output)}
    assert (closed[first]["state"], closed[first]["outcome"]) == ("closed", "withdrawn")
    # as of a day before the close, it was open (user audit 3, A11)
    before = {
        p["id"]: p
        for p in json.loads(run(copy, "status", "--json", "--all", "--as-of", AS_OF).output)
    }
    assert (before[first]["state"], before[first]["outcome"]) != ("closed", "withdrawn")
    # a date for a closed process counts once it is reopened: it is not "overdue"
    late = run(copy, "expect", str(first), "--by", "2020-01-01")
    assert late.exit_code == 0 and "shows as overdue" not in late.output
    assert f"#{first} is closed (withdrawn): the date counts once you reopen it" in late.output
    for both in (
        ["expect", str(first), "--by", "friday", "--clear"],
        ["close", str(first), "--outcome", "withdrawn", "--reopen"],
        ["digest", "--preview", "--send"],
    ):
        refused = run(copy, *both)
        assert refused.exit_code == 2 and ", not both" in refused.output, both
    run(copy, "close", str(first), "--reopen")
    reopened = {
        p["id"]: p for p in json.loads(run(copy, "status", "--json", "--as-of", AS_OF).output)
    }
    assert reopened[first]["state"] != "closed"
    # once more: nothing to undo, and no second "reopened" in its history
    again = run(copy, "close", str(first), "--reopen")
    assert again.exit_code == 0 and again.output == f"#{first} is open: nothing to reopen.\n"
    assert run(copy, "history", str(first)).output.count("reopened by you") == 1
    # a process their rejection closed can be reopened too
    rejected = next(
        p["id"]
        for p in json.loads(run(copy, "status", "--json", "--all", "--as-of", AS_OF).output)
        if p["outcome"] == "rejected"
    )
    assert run(copy, "close", str(rejected), "--reopen").exit_code == 0
    board = json.loads(run(copy, "status", "--json", "--all").output)
    assert next(p for p in board if p["id"] == rejected)["state"] != "closed"
    count = reopened[first]["message_count"] + reopened[second]["message_count"]
    with Store(copy / "inbox-monitor.db") as store:
        version = store.board_version()
    timeline = json.loads(run(copy, "history", str(second), "--json").output)["events"]
    assert run(copy, "merge", str(first), str(second)).exit_code == 0
    merged = {
        p["id"]: p for p in json.loads(run(copy, "status", "--json", "--as-of", AS_OF).output)
    }
    assert second not in merged and merged[first]["message_count"] == count
    gone = run(copy, "history", str(second))
    assert f"merged into #{first}: see `inbox-monitor history {first}`" in gone.output
    assert "state active" not in gone.output
    gone_json = json.loads(run(copy, "history", str(second), "--json").output)
    assert gone_json["merged_into"] == first
    history = json.loads(run(copy, "history", str(first), "--json").output)
    events = history["events"]
    assert {"user_expect", "user_close", "user_merge"} <= {e["kind"] for e in events}
    # the merged process's timeline comes along with its messages
    assert {(e["kind"], e["message"]) for e in timeline} <= {
        (e["kind"], e["message"]) for e in events
    }
    # split off a message from a person in the chain: the person comes along
    people = {p["email"] for p in history["people"]}
    sender, message_ref = next(
        (e["detail"].split(":")[0], e["message"])
        for e in events
        if e["message"] and e["detail"].split(":")[0] in people
    )
    split = run(copy, "split", str(first), message_ref)
    assert split.exit_code == 0, split.output
    # (the first message of the process merged: it comes back with its number)
    assert f"back to its own number #{second}." in split.output
    new = int(split.output.rsplit("#", 1)[1].rstrip(".\n"))
    moved = json.loads(run(copy, "history", str(new), "--json").output)
    assert sender in {p["email"] for p in moved["people"]}
    # and the split message's events go with it
    assert message_ref in {e["message"] for e in moved["events"]}
    left = json.loads(run(copy, "history", str(first), "--json").output)["events"]
    assert message_ref not in {e["message"] for e in left if e["kind"] != "opened"}
    # and back again, by hand
    back = run(copy, "move", message_ref, str(first))
    assert back.exit_code == 0, back.output
    assert f"Moved {message_ref} from #{new} to #{first}." in back.output
    assert run(copy, "move", "<nope@x>", str(first)).exit_code == 2
    # a running daemon reloads its process index after each of them (Pipeline.index)
    with Store(copy / "inbox-monitor.db") as store:
        assert store.board_version() == version + 3  # merge, split, move


def test_move_prints_no_control_characters_from_a_message_id(home: Path, tmp_path: Path) -> None:
    # a Message-ID keeps every byte but spaces and <>: ESC codes set a terminal's title
    copy = tmp_path / "copy"
    run_demo(copy)
    (copy / "config.toml").write_text((home / "config.toml").read_text())
    board = json.loads(run(copy, "status", "--json", "--as-of", AS_OF).output)
    hostile = tmp_path / "hostile.eml"
    written = eml(
        sender="Jane <jane@acme.example>",
        subject="Your application to Acme",
        body="We received your application.",
        date=NOW,
        message_id="<ID>",
    )
    hostile.write_bytes(written.replace(b"<ID>", b"<\x1b]0;TITLE\x07\x1b[2Jx@acme.example>"))
    assert run(copy, "import", "-q", str(hostile)).exit_code == 0
    with Store(copy / "inbox-monitor.db") as store:
        (stored,) = [m for m in store.message_records() if m.message_id.endswith("x@acme.example>")]
    assert "\x1b" in stored.message_id
    moved = run(copy, "move", stored.message_id, str(board[0]["id"]))
    assert moved.exit_code == 0, moved.output
    assert "x@acme.example" in moved.output and "\x1b" not in moved.output


def test_export_formats(home: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(run(home, "export", "--format", "csv", "--as-of", AS_OF).output))
    )
    assert rows and {"company", "state", "expected_by"} <= set(rows[0])
    assert json.loads(run(home, "export", "--format", "json", "--as-of", AS_OF).output)
    # CliRunner's .output folds CRLF; iCalendar needs CRLF, so read the bytes
    ics = run(home, "export", "--format", "ics", "--as-of", AS_OF).stdout_bytes.decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "BEGIN:VEVENT" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_your_own_deadline_shows_on_the_board_in_history_and_in_the_calendar(home: Path) -> None:
    # the demo's Pemberton & Gray asked for documents "by Wednesday 25 November"
    def row(as_of: str) -> str:
        board = run(home, "status", "--as-of", as_of).output.splitlines()
        return next(line for line in board if "Pemberton" in line)

    assert row(AS_OF).endswith("you 2026-11-25")  # not due yet: nothing in the overdue column
    assert row("2026-11-26").endswith("you 2026-11-25  1 workday")
    history = run(home, "history", "pemberton", "--as-of", "2026-11-26").output
    assert "state waiting_on_you; your answer by 2026-11-25, 1 workday ago; Reply to" in history
    assert "that date has passed: answer today, or ask them for more time." in history
    late = json.loads(run(home, "status", "--json", "--as-of", "2026-11-26").output)
    pemberton = next(p for p in late if p["company"] == "Pemberton & Gray")
    assert (pemberton["user_deadline"], pemberton["days_past_deadline"]) == ("2026-11-25", 1)
    ics = run(home, "export", "--format", "ics", "--as-of", AS_OF).stdout_bytes.decode()
    assert f"UID:answer-{pemberton['id']}-20261125@inbox-monitor" in ics
    assert "SUMMARY:Answer Pemberton & Gray — Analytics Consultant" in ics


def test_import_exit_codes_and_errors(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    good = tmp_path / "good.eml"
    good.write_bytes(
        eml(
            sender="Jane <jane@acme.example>",
            subject="Your application to Acme",
            body="We received your application.",
            date=NOW,
            message_id="<g@x>",
        )
    )
    ok = run(home, "import", "-q", str(good))
    assert ok.exit_code == 0, ok.output
    assert "1 new, 0 already known, 0 failed." in ok.output
    again = run(home, "import", "-q", str(good))
    assert "0 new, 1 already known, 0 failed." in again.output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.eml").write_bytes(b"")
    (bad / "good.eml").write_bytes(good.read_bytes())
    partly = run(home, "import", "-q", str(bad))
    assert partly.exit_code == EXIT_QUARANTINED
    assert "0 new, 1 already known, 1 failed." in partly.output
    listed = run(home, "errors", "--json")
    (item,) = json.loads(listed.output)
    assert item["origin"].endswith("empty.eml")
    missing = run(home, "import", str(tmp_path / "nope"))
    assert missing.exit_code == EXIT_SOURCE
    assert f"  unreadable: {tmp_path / 'nope'}: no such file or directory\n" in missing.output


class _FailsOnExplode(SubjectTagClassifier):
    def classify(self, items):  # type: ignore[no-untyped-def]
        if any("explode" in i.subject for i in items):
            raise RuntimeError("model crashed")
        return super().classify(items)


def test_import_says_a_message_the_classifier_failed_on_was_kept_not_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    monkeypatch.setattr(
        setup, "build_pipeline", lambda config: build_pipeline(config, classifier=_FailsOnExplode())
    )
    folder = tmp_path / "mail"
    folder.mkdir()
    for name, subject in (("1.eml", "[outreach] A role"), ("2.eml", "explode")):
        (folder / name).write_bytes(
            eml(
                sender="j@acme.example",
                subject=subject,
                body="Hi",
                date=NOW,
                message_id=f"<{name}>",
            )
        )
    result = run(home, "import", "-q", "-j", "0", str(folder))
    assert result.exit_code == 0, result.output
    assert "2 new, 0 already known, 0 failed." in result.output
    assert "unlabelled: " in result.output and "2.eml: the classifier failed" in result.output
    assert "failed: " not in result.output.replace("0 failed.", "")
    # a sync says so too
    synced = FolderResult("work", "INBOX", Summary(new=2, held=("uid 7: ...",)))
    assert describe_result(synced) == (
        "work/INBOX: 2 new, 0 already known, 0 failed "
        "(1 new left unlabelled for review: the classifier failed)"
    )


def test_import_mbox_and_maildir_with_sent(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text('[identity]\naddresses = ["someone-else@example.org"]\n')
    box = mailbox.mbox(str(tmp_path / "sent.mbox"))
    box.add(
        eml(
            sender=f"Alex <{ME}>",
            subject="Application",
            body="Please find my CV.",
            date=NOW,
            message_id="<s1@me>",
        )
    )
    box.flush()
    result = run(home, "import", "-q", "--sent", str(tmp_path / "sent.mbox"))
    assert result.exit_code == 0, result.output
    from inbox_monitor.store import Store

    with Store(home / "inbox-monitor.db") as store:
        assert store.message_row("<s1@me>")["direction"] == "outbound"


def test_init_writes_a_private_config_and_check_validates_it(tmp_path: Path) -> None:
    target = tmp_path / "conf" / "config.toml"
    assert run(tmp_path, "init", "--path", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert run(tmp_path, "init", "--path", str(target)).exit_code == 1  # no silent overwrite
    checked = run(tmp_path, "config", "check", str(target))
    assert checked.exit_code == 0 and "OK" in checked.output
    # valid, but the starter's example domains read no mail: said, key by key
    assert "but 3 value(s) still name example domains" in checked.output
    assert (
        "warning: accounts[0].host = 'imap.example.net' names an example domain (from `init`)"
        in checked.output
    )
    assert "warning: identity.addresses = 'alex.morgan@example.net'" in checked.output
    # an example address the user wrote themselves did not come from `init`
    own = target.read_text().replace("alex.morgan@example.net", "sam.lee@example.com")
    target.write_text(own)
    mine = run(tmp_path, "config", "check", str(target)).output
    assert "identity.addresses = 'sam.lee@example.com' names an example domain: edit" in mine
    assert "'imap.example.net' names an example domain (from `init`)" in mine
    edited = target.read_text().replace("example.net", "fastmail.com")
    edited = edited.replace("example.com", "fastmail.com")
    target.write_text(edited)
    assert "example domain" not in run(tmp_path, "config", "check", str(target)).output
    target.write_text('[identity]\ntimezone = "Nowhere/City"\n[[accounts]]\nname = "x"\n')
    bad = run(tmp_path, "config", "check", str(target))
    assert bad.exit_code == 1
    assert "identity.timezone" in bad.output and "accounts[0].host: required" in bad.output


def test_init_writes_where_the_other_commands_read(tmp_path: Path) -> None:
    from_env = tmp_path / "env" / "config.toml"
    environment = {"INBOX_MONITOR_HOME": str(tmp_path), "INBOX_MONITOR_CONFIG": str(from_env)}
    done = CliRunner().invoke(cli, ["init"], env=environment)
    assert done.exit_code == 0 and from_env.exists(), done.output
    assert CliRunner().invoke(cli, ["config", "check"], env=environment).exit_code == 0
    flagged = tmp_path / "flag.toml"
    done = CliRunner().invoke(cli, ["--config", str(flagged), "init"], env=environment)
    assert done.exit_code == 0 and flagged.exists(), done.output


def test_a_first_run_without_a_config_is_pointed_to_init(tmp_path: Path) -> None:
    environment = {
        "INBOX_MONITOR_HOME": str(tmp_path),
        "INBOX_MONITOR_CONFIG": "",
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),  # no config in the user config dir
    }
    first = CliRunner().invoke(cli, ["sync"], env=environment)
    assert first.exit_code == 1
    assert "no config file, so no mail account to read: `inbox-monitor init`" in first.output
    missing = tmp_path / "typo.toml"
    named = CliRunner().invoke(cli, ["--config", str(missing), "status"], env=environment)
    assert named.exit_code == 1
    assert "no such file: `inbox-monitor init` writes a starter config there" in named.output
    bare = tmp_path / "bare.toml"
    bare.write_text('[identity]\naddresses = ["me@example.org"]\n')
    empty = CliRunner().invoke(cli, ["--config", str(bare), "sync"], env=environment)
    assert f"no [[accounts]] in {bare}: nothing to read" in empty.output


def test_global_config_flag_comes_before_the_command(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[identity]\ntimezone = "Bad/Zone"\n')
    result = CliRunner().invoke(
        cli, ["--config", str(config), "status"], env={"INBOX_MONITOR_HOME": str(tmp_path)}
    )
    assert result.exit_code == 1
    assert "identity.timezone" in result.output
    assert os.environ.get("INBOX_MONITOR_CONFIG") != str(config)


def test_verbose_logging_never_lets_imapclient_log_protocol_lines(tmp_path: Path) -> None:
    import logging

    from inbox_monitor.cli.daemon import configure_logging

    CliRunner().invoke(cli, ["-vv", "config", "check", str(tmp_path / "none.toml")])
    assert logging.getLogger("imapclient").getEffectiveLevel() >= logging.INFO
    configure_logging(verbose=2, environ={})
    assert logging.getLogger("imapclient").getEffectiveLevel() >= logging.INFO
    assert logging.getLogger("inbox_monitor").getEffectiveLevel() == logging.DEBUG


def test_status_warns_loudly_about_a_mailbox_that_cannot_sync(tmp_path: Path) -> None:
    from inbox_monitor.store import Store

    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\n'
        '[[accounts]]\nname = "work"\nhost = "imap.example.net"\nusername = "me"\n'
        '[[accounts]]\nname = "home"\nhost = "imap.example.net"\nusername = "me"\n'
    )
    with Store(home / "inbox-monitor.db") as store:
        store.record_sync_health("work", "INBOX", NOW, error="login refused")
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    result = CliRunner().invoke(cli, ["status"], env=env)
    assert result.exit_code == 0
    assert "warning: work: COULD NOT SYNC (INBOX)" in result.stderr
    assert "login refused. Last success: never." in result.stderr
    # an account that has not been read yet is not a quiet inbox either
    assert "warning: home: NEVER SYNCED" in result.stderr


def test_review_dates_a_message_in_the_user_s_zone(tmp_path: Path) -> None:
    # Thu 19 Nov 20:15 in Los Angeles is Fri 20 Nov in UTC, as the store keeps it
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\ntimezone = "America/Los_Angeles"\n'
    )
    mail = tmp_path / "mail"
    mail.mkdir()
    evening = datetime(2026, 11, 20, 4, 15, tzinfo=UTC)
    (mail / "a.eml").write_bytes(
        eml(sender="Sam <sam@gmail.com>", subject="quick call?", date=evening,
            body="Following up on our chat about the role. Can we talk Tuesday?",
            message_id="<q@gmail>")
    )  # fmt: skip
    run(home, "import", "-q", str(mail))
    (row,) = [line for line in run(home, "review").output.splitlines() if "quick call?" in line]
    assert "2026-11-19" in row and "2026-11-20" not in row


def test_review_as_of_a_past_day_lists_only_the_mail_come_by_then(tmp_path: Path) -> None:
    # two unsure invitations, of Thu 19 and Tue 24 Nov: as of Sat 21, the first alone
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    mail = tmp_path / "mail"
    mail.mkdir()
    for name, day in (("early", 19), ("late", 24)):
        (mail / f"{name}.eml").write_bytes(
            eml(sender=f"Sam <sam.{name}@gmail.com>", subject=f"quick call? ({name})",
                body="Following up on our chat about the role. Can we talk Tuesday?",
                date=datetime(2026, 11, day, 10, 0, tzinfo=UTC), message_id=f"<{name}@gmail>")
        )  # fmt: skip
    run(home, "import", "-q", str(mail))
    everything = [w["message_key"] for w in json.loads(run(home, "review", "--json").output)]
    assert everything == ["<early@gmail>", "<late@gmail>"]
    then = json.loads(run(home, "review", "--json", "--as-of", "2026-11-21").output)
    assert [w["message_key"] for w in then] == ["<early@gmail>"]
    table = run(home, "review", "--as-of", "2026-11-21").output
    assert "quick call? (early)" in table and "(late)" not in table
    assert run(home, "review", "--as-of", "2026-11-18").output == "Nothing to review.\n"


def test_review_lists_what_waits_and_errors_can_save_raw_bytes(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "a.eml").write_bytes(
        eml(
            sender="Sam <sam@gmail.com>",
            subject="quick call?",
            body="Following up on our chat about the role. Can we talk Tuesday?",
            date=NOW,
            message_id="<q@gmail>",
        )
    )
    (mail / "b.eml").write_bytes(b"\x00\x01binary\xff" * 100)
    run(home, "import", "-q", str(mail))
    waiting = json.loads(run(home, "review", "--json").output)
    assert [w["message_key"] for w in waiting] == ["<q@gmail>"]
    assert waiting[0]["process_id"] is None  # the review table's "in" column
    assert waiting[0]["candidates"] == [] and "candidates_json" not in waiting[0]
    assert waiting[0]["reason"] == (
        "an interview message that names no company and matches no process"
    )
    assert "Confirm or fix a label" in run(home, "review").output
    (item,) = json.loads(run(home, "errors", "--json").output)
    saved = tmp_path / "saved.bin"
    assert run(home, "errors", "--save", str(item["id"]), "--to", str(saved)).exit_code == 0
    assert saved.read_bytes() == (mail / "b.eml").read_bytes()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # a mail's bytes stay private
    missing = run(home, "errors", "--save", "9999", "--to", str(saved))
    assert missing.exit_code == 2 and "no quarantined item 9999" in missing.output
    nowhere = run(home, "errors", "--save", str(item["id"]), "--to", str(tmp_path / "no/x.bin"))
    assert nowhere.exit_code == 1 and "cannot write" in nowhere.output


class _PinnedApp(AppContext):
    """The CLI's context with the clock stopped at Sunday 29 November 2026, 10:00 UTC."""

    def now(self) -> datetime:
        return datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-24", "2026-11-24"),
        ("friday", "2026-12-04"),  # ahead, as `expect --by` and mail read it
        ("4 December", "2026-12-04"),
        ("in 3 days", "2026-12-02"),
        ("today", "2026-11-29"),
        ("Yesterday", "2026-11-28"),
        ("last friday", "2026-11-27"),
        ("last sunday", "2026-11-22"),  # the one before today
        ("3 days ago", "2026-11-26"),
        ("2  Weeks ago", "2026-11-15"),
    ],
)
def test_as_of_takes_a_day_in_words(home: Path, text: str, day: str) -> None:
    app = _PinnedApp(config_flag=home / "config.toml")
    moment = parse_as_of(text, app)
    assert moment.isoformat() == f"{day}T23:59:00+00:00"
    assert moment.tzinfo == app.config.identity.zone


def test_as_of_an_iso_time_is_that_moment(home: Path) -> None:
    app = _PinnedApp(config_flag=home / "config.toml")
    assert parse_as_of("2026-11-24 10:30", app).isoformat() == "2026-11-24T10:30:00+00:00"
    assert parse_as_of("2026-11-24T10:30+01:00", app).isoformat() == "2026-11-24T10:30:00+01:00"


def test_as_of_in_words_on_the_command_line(home: Path) -> None:
    assert run(home, "status", "--as-of", "last friday").exit_code == 0
    assert run(home, "history", "acme", "--as-of", "3 days ago").exit_code == 0
    result = run(home, "stalled", "--as-of", "blursday")
    assert result.exit_code == 2
    assert "cannot read a date from 'blursday'" in result.output


def test_reread_says_what_it_read(home: Path) -> None:
    # the demo was read by this version: nothing reads differently
    result = run(home, "reread")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"Read \d+ messages again: each reads as it did\.\n", result.output)


def test_the_boards_count_of_what_waits_on_you_counts_an_offer_you_owe_an_answer(
    home: Path,
) -> None:
    # Northwind's offer: the user said when they will answer (state offer), and the answer
    # is still theirs to give, as the digest's "needs your answer" counts it
    result = run(home, "status", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "2 waiting on you" in result.output
    rows = [line.split()[:2] for line in result.output.splitlines() if line[:1].isdigit()]
    order = [number for number, _ in rows]
    assert order.index("5") < order.index("6")  # Northwind before Vantage's due_soon


def test_review_dismiss_sender_labels_each_waiting_message_as_label_does(tmp_path: Path) -> None:
    # three unsure mails from a friend and one from someone else: the friend's are set aside
    # at once, each a correction of the user's (kept for `train --with-feedback`); the other
    # still waits
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    mail = tmp_path / "mail"
    mail.mkdir()
    for number, sender in enumerate(["sam@gmail.com"] * 3 + ["lee@gmail.com"]):
        (mail / f"{number}.eml").write_bytes(
            eml(sender=f"Friend <{sender}>", subject=f"quick call? ({number})",
                body="Following up on our chat about the role. Can we talk Tuesday?",
                date=NOW + timedelta(minutes=number), message_id=f"<q{number}@gmail>")
        )  # fmt: skip
    run(home, "import", "-q", str(mail))
    waiting = json.loads(run(home, "review", "--json").output)
    assert [w["sender_email"] for w in waiting] == ["sam@gmail.com"] * 3 + ["lee@gmail.com"]
    done = run(home, "review", "--dismiss-sender", "<Sam@Gmail.com>", "--dismiss-sender", "x@y.z")
    assert done.exit_code == 0, done.output
    numbers = ", ".join(f"#{w['id']}" for w in waiting[:3])
    assert done.output.splitlines()[:2] == [
        f"labelled 3 waiting messages from sam@gmail.com as not_recruiting ({numbers})",
        "nothing from x@y.z waits for review",
    ]
    left = json.loads(run(home, "review", "--json").output)
    assert [w["sender_email"] for w in left] == ["lee@gmail.com"]
    why = json.loads(run(home, "why", "<q0@gmail>", "--json").output)
    assert (why["label"], why["label_source"], why["review"]) == ("not_recruiting", "user", None)
    with Store(home / "inbox-monitor.db") as store:
        examples = store.feedback_examples()
    assert sorted((subject, label) for subject, _, label in examples) == [
        (f"quick call? ({number})", "not_recruiting") for number in range(3)
    ]
