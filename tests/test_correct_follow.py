"""Corrections pull back what depended on them (audit 12 F7, audit 11 F11, audit 10 F7).

A message the user puts in a process (`label`, `move`) takes its thread with it: the
replies set aside as noise, the user's own answers, and the replies another process held
only by a weaker rule. Its sender, a contact now, has their noise set aside before matched
again: it waits for review. A process that a correction leaves with none of their mail,
only the user's, is no longer shown; `close --not-hiring` takes a false process off the
board. `merge` keeps the names either side had."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner
from helpers import (
    ME,
    SubjectTagClassifier,
    ingested_one_by_one,
    process_of,
    thread_mail,
    us_config,
)

from inbox_monitor.board import load_board
from inbox_monitor.config import Config
from inbox_monitor.models import Label, RawMessage
from inbox_monitor.pipeline import apply_correction, build_pipeline, ingest, move_message
from inbox_monitor.store import Store

NOW = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
OWNER = "Tony Russo <tony.grills88@gmail.com>"


config_for = us_config
mail = thread_mail


def mine(key: str, when: datetime, body: str, to: str, reply_to: str) -> RawMessage:
    return mail(key, when, "Re: that", body, f"Alex Morgan <{ME}>", to=to, reply_to=reply_to)


def ingested(config: Config, *items: RawMessage) -> Store:
    return ingested_one_by_one(config, items, NOW)


def shown(store: Store, config: Config) -> set[int]:
    return {status.process.id for status in load_board(store, config, NOW)}


RECEIPT = mail(
    "receipt",
    datetime(2026, 11, 30, 19, 0, tzinfo=UTC),
    "[acknowledgement] Your application: Server",
    "Thank you for applying to Fire & Oak Kitchen for the Server position. We will be in touch.",
    "Fire & Oak Kitchen <jobs@fireoakkitchen.example>",
)
# the owner's invitation, from his gmail, naming nobody: waits for review
TRIAL = mail(
    "trial",
    datetime(2026, 12, 3, 20, 0, tzinfo=UTC),
    "[interview] working interview",
    "hi alex this is tony. come in for a working interview sat 12/5 at 4pm.\ntony",
    OWNER,
)
NO_SHOW = mail(
    "noshow",
    datetime(2026, 12, 6, 0, 10, tzinfo=UTC),
    "[not_recruiting 0.51] Re: working interview",
    "hey we had u down for 4 today, u didnt show. everything ok?",
    OWNER,
    reply_to="trial",
)
SORRY = mine(
    "sorry", datetime(2026, 12, 6, 3, 0, tzinfo=UTC), "so sorry, my bus broke", OWNER, "noshow"
)


def test_move_takes_the_replies_set_aside_in_its_thread(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    with ingested(config, RECEIPT, TRIAL, NO_SHOW, SORRY) as store:
        restaurant = process_of(store, "receipt")
        assert restaurant is not None
        assert process_of(store, "noshow") is None and process_of(store, "sorry") is None
        said = move_message(store, config, "<trial@t>", restaurant, NOW)
        assert process_of(store, "noshow") == restaurant  # his reply, set aside as noise
        assert process_of(store, "sorry") == restaurant  # and hers to it
        assert "with it: #" in said
        contacts = {p["email"] for p in store.process_people(restaurant)}
        assert "tony.grills88@gmail.com" in contacts


def test_a_label_that_makes_a_contact_brings_their_noise_to_review(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    recruiter = "Dana Kowalski <dana.kowalski@prostaffworks.example>"
    signs = "\n\nDana Kowalski\nStaffing Specialist, ProStaff Works"
    unsure = mail(
        "office",
        datetime(2026, 11, 30, 19, 0, tzinfo=UTC),
        "[interview 0.39] RE: warehouse job",
        "Please come to our office for a quick interview on Wed 12/2." + signs,
        recruiter,
    )
    cleared = mail(
        "cleared",
        datetime(2026, 12, 4, 21, 0, tzinfo=UTC),
        "[not_recruiting 0.95] You're cleared",
        "your drug screen came back clear! Report to dock 4, wear steel toes." + signs,
        recruiter,
    )
    earlier = mail(
        "earlier",
        datetime(2026, 11, 29, 19, 0, tzinfo=UTC),
        "[not_recruiting 0.95] Happy Thanksgiving",
        "Wishing you a happy Thanksgiving from all of us." + signs,
        recruiter,
    )
    with ingested(config, earlier, unsure, cleared) as store:
        assert {r["message_key"] for r in store.open_reviews()} == {
            store.find_message_keys("<office@t>")[0][0]
        }
        done = apply_correction(store, config, "<office@t>", Label.INTERVIEW, NOW)
        assert done.action == "opened"
        waiting = {r["subject"]: r["reason"] for r in store.open_reviews()}
    assert waiting == {
        "[not_recruiting 0.95] You're cleared": "from a contact of #1, read as noise"
    }


def test_labelling_a_false_process_noise_takes_the_users_reply_with_it(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    invitation = mail(
        "seminar",
        datetime(2026, 12, 10, 10, 0, tzinfo=UTC),
        "[acknowledgement] Invitation to give a departmental seminar",
        "Dear Dr Morgan, we would be delighted if you could give a seminar in our series.",
        "Ruth Pemberton <ruth.pemberton@earth.oxbridge.example>",
    )
    delighted = mine(
        "delighted",
        datetime(2026, 12, 11, 10, 0, tzinfo=UTC),
        "I'd be delighted to come.",
        "Ruth Pemberton <ruth.pemberton@earth.oxbridge.example>",
        "seminar",
    )
    with ingested(config, invitation, delighted) as store:
        seminar = process_of(store, "seminar")
        assert seminar is not None and seminar in shown(store, config)
        done = apply_correction(store, config, "<seminar@t>", Label.NOT_RECRUITING, NOW)
        assert done.action == "left" and len(done.followed) == 1
        assert process_of(store, "delighted") is None
        assert seminar not in shown(store, config)


def test_a_process_with_their_mail_left_keeps_the_users_reply(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    with ingested(config, RECEIPT, TRIAL, NO_SHOW, SORRY) as store:
        restaurant = process_of(store, "receipt")
        assert restaurant is not None
        move_message(store, config, "<trial@t>", restaurant, NOW)
        # the no-show joined by thread and stays; the receipt is corrected, the rest is theirs
        done = apply_correction(store, config, "<receipt@t>", Label.NOT_RECRUITING, NOW)
        assert done.followed == ()
        assert process_of(store, "sorry") == restaurant


def test_close_not_hiring_takes_a_false_process_off_the_board(tmp_path: Path) -> None:
    from inbox_monitor.pipeline import dismiss_process

    config = config_for(tmp_path)
    examiner = mail(
        "examiner",
        datetime(2026, 12, 14, 10, 0, tzinfo=UTC),
        "[interview] Appointment as External Examiner",
        "Dear Dr Morgan, the viva will be held on 12 January. Please reply by 18 December.",
        "Doctoral College <doctoral.college@soton.example>",
    )
    confirm = mine(
        "confirm",
        datetime(2026, 12, 15, 10, 0, tzinfo=UTC),
        "Happy to act as examiner.",
        "Doctoral College <doctoral.college@soton.example>",
        "examiner",
    )
    with ingested(config, RECEIPT, examiner, confirm) as store:
        false = process_of(store, "examiner")
        assert false is not None and false in shown(store, config)
        assert dismiss_process(store, false, NOW) == 2
        assert shown(store, config) == {process_of(store, "receipt")}
        ((key, _),) = store.find_message_keys("<examiner@t>")
        assert store.feedback_label(key) == Label.NOT_RECRUITING
        assert store.process_people(false) == []
        # their next mail is read afresh: no contact, domain or name files it in the
        # dismissed process, which stays off the board
        again = mail(
            "viva",
            datetime(2026, 12, 16, 10, 0, tzinfo=UTC),
            "[interview] Viva arrangements at the Doctoral College",
            "Dear Dr Morgan, the viva room is booked for 12 January at 10:00.",
            "Doctoral College <doctoral.college@soton.example>",
        )
        ingest(store, [again], build_pipeline(config, classifier=SubjectTagClassifier()), NOW)
        assert process_of(store, "viva") != false
        assert false not in shown(store, config)


def test_close_not_hiring_on_the_command_line(tmp_path: Path) -> None:
    from inbox_monitor.cli import cli

    config = config_for(tmp_path)
    (tmp_path / "config.toml").write_text(
        f'[storage]\ndata_dir = "{tmp_path}"\n[identity]\naddresses = ["{ME}"]\ncountry = "US"\n'
    )
    with ingested(config, RECEIPT):
        pass
    runner = CliRunner()
    both = runner.invoke(
        cli, ["--config", str(tmp_path / "config.toml"), "close", "1", "--reopen", "--not-hiring"]
    )
    assert both.exit_code == 2 and "give --reopen or --not-hiring, not both" in both.output
    done = runner.invoke(
        cli, ["--config", str(tmp_path / "config.toml"), "close", "1", "--not-hiring"]
    )
    assert done.exit_code == 0, done.output
    assert "#1 is not a hiring process: its 1 message(s) leave it" in done.output


def test_merge_keeps_the_role_only_the_other_side_had(tmp_path: Path) -> None:
    from inbox_monitor.pipeline import merge_processes

    # the job board's receipt named the role, the employer's reply the company
    with Store(config_for(tmp_path).database_path) as store:
        receipt = store.create_process(None, "Seasonal Sales Associate", None, NOW, "a")
        reply = store.create_process("Larchfield Grocers", None, None, NOW, "b")
        taken = merge_processes(store, reply, [receipt], NOW)
        assert taken == {"role": "Seasonal Sales Associate"}
        merged = store.process(reply)
        assert (merged.company, merged.role) == ("Larchfield Grocers", "Seasonal Sales Associate")
        assert store.process(receipt).merged_into == reply
        (event,) = [e for e in store.events(reply) if e.kind == "user_merge"]
        assert (
            event.detail == "merged #1 (0 messages); named from it: role Seasonal Sales Associate"
        )
