"""`inbox-monitor rename`: the user names a process's company, role or agency, and no later
mail changes those names (a portal read as the employer, a role never named: audit 9 F15)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner, Result
from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.cli import cli
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def config_for(home: Path) -> Config:
    identity = IdentityConfig(addresses=frozenset({ME}), timezone="Europe/London", country="GB")
    return Config(data_dir=home, identity=identity)


def run(home: Path, *args: str) -> Result:
    (home / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\ntimezone = "Europe/London"\ncountry = "GB"\n'
    )
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def mail(number: int, subject: str, body: str, day: int) -> RawMessage:
    data = eml(
        sender="Priya Shah <priya@harrowfield.example>",
        subject=subject,
        body=body,
        date=datetime(2026, 11, day, 10, 0, tzinfo=UTC),
        message_id=f"<m{number}@harrowfield.example>",
    )
    return RawMessage(data, Origin(kind="eml", path=f"m{number}.eml"))


OPENING = mail(
    1,
    "[acknowledgement] Your application",
    "Dear Alex,\n\nThank you for your application. We will be in touch.\n\nPriya Shah",
    20,
)
# names a role the process lacks: without the user's word the process learns it
NAMING = mail(
    2,
    "[interview] Interview - Education Improvement Officer",
    "Dear Alex,\n\nWe would like to invite you to an interview for the Education Improvement"
    " Officer post.\n\nPriya Shah",
    24,
)


def ingest_into(home: Path, *messages: RawMessage) -> None:
    config = config_for(home)
    with Store(config.database_path) as store:
        ingest(store, list(messages), build_pipeline(config, SubjectTagClassifier()), NOW)


def the_process(home: Path) -> tuple[int, str | None, str | None, frozenset[str]]:
    with Store(config_for(home).database_path) as store:
        (process,) = store.processes()
        return process.id, process.company, process.role, process.named_by_user


def test_your_names_stay_whatever_later_mail_reads(tmp_path: Path) -> None:
    ingest_into(tmp_path, OPENING)
    pid, _, role, _ = the_process(tmp_path)
    assert role is None
    done = run(tmp_path, "rename", str(pid), "--company", "Harrowfield  Borough Council")
    assert done.exit_code == 0, done.output
    assert "company Harrowfield Borough Council (was" in done.output
    done = run(tmp_path, "rename", str(pid), "--role", "")  # "no role, whatever they say"
    assert done.exit_code == 0, done.output
    ingest_into(tmp_path, NAMING)
    _, company, role, named = the_process(tmp_path)
    assert (company, role) == ("Harrowfield Borough Council", None)
    assert named == {"company", "role"}
    # the board, and a lookup by the new name
    history = run(tmp_path, "history", "harrowfield", "--as-of", "2026-12-01")
    assert history.exit_code == 0, history.output
    assert "named by you: company Harrowfield Borough Council" in history.output
    status = run(tmp_path, "status", "--as-of", "2026-12-01")
    assert "Harrowfield Borough" in status.output


def test_without_your_word_the_process_learns_the_role(tmp_path: Path) -> None:
    ingest_into(tmp_path, OPENING, NAMING)
    _, _, role, named = the_process(tmp_path)
    assert role == "Education Improvement Officer"
    assert named == frozenset()


def test_rename_refuses_no_name_a_control_character_and_a_long_name(tmp_path: Path) -> None:
    ingest_into(tmp_path, OPENING)
    pid = str(the_process(tmp_path)[0])
    for args in (
        ["rename", pid],
        ["rename", pid, "--company", "Evil\x1b[2JCorp"],
        ["rename", pid, "--role", "x" * 101],
        # stored otherwise than shown (verification round 13): a direction override, a C1
        # control; and a name with nothing visible
        ["rename", pid, "--company", "Evil\u202egnp.exe"],
        ["rename", pid, "--company", "Evil\x9bCorp"],
        ["rename", pid, "--company", "\u200b"],
        ["rename", "99", "--role", "Officer"],
    ):
        refused = run(tmp_path, *args)
        assert refused.exit_code == 2, (args, refused.output)
        assert "\x1b" not in refused.output and "\u202e" not in refused.output
    assert the_process(tmp_path)[3] == frozenset()


def test_a_name_may_hold_quotes_emoji_and_other_scripts(tmp_path: Path) -> None:
    ingest_into(tmp_path, OPENING)
    pid = str(the_process(tmp_path)[0])
    for name in ('O\'Brien & "Sons"', "\U0001f469\u200d\U0001f4bb Studio", "شركة الأمل"):
        done = run(tmp_path, "rename", pid, "--company", name)
        assert done.exit_code == 0, (name, done.output)
        assert the_process(tmp_path)[1] == name
