"""The classifier's commands through the real `inbox-monitor` group (click's CliRunner)."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import ME, NOW, eml

from inbox_monitor.classify import REPO_MODEL_DIR
from inbox_monitor.cli import cli
from inbox_monitor.models import LABELS


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    directory = tmp_path / "home"
    directory.mkdir()
    (directory / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\n')
    return directory


def run(home: Path, *args: str, input: str | bytes | None = None) -> Result:
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)


LINES = [
    {"id": "a", "subject": "Offer of employment", "body": "We are delighted to offer you the job."},
    {"id": 7, "subject": "Sale", "body": "40% off everything this weekend, promo code SALE."},
]


def test_classify_jsonl_writes_one_line_per_input_and_reports_bad_lines(home: Path) -> None:
    text = "\ufeff"  # a byte-order mark, as Windows tools write one
    text += "\n".join(json.dumps(line) for line in LINES[:1])
    text += "\n{broken\n" + json.dumps({"id": "n", "subject": "x", "body": 5}) + "\n"
    text += json.dumps(LINES[1]) + "\n"
    # no body, or a date that cannot be read: still classified
    text += json.dumps({"id": "s", "subject": "Offer of employment", "body": None}) + "\n"
    text += json.dumps({**LINES[0], "id": "d", "date": "last Tuesday"}) + "\n"
    result = run(home, "classify", "--jsonl", "-", input=text)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["a", None, "n", 7, "s", "d"]
    assert rows[0]["label"] == "offer"
    assert set(rows[0]["scores"]) == {label.value for label in LABELS}
    assert 0 < rows[0]["confidence"] <= 1
    assert "line 2" in rows[1]["error"] and "error" not in rows[0]
    assert "body" in rows[2]["error"]
    assert rows[3]["label"] == "not_recruiting"
    assert rows[4]["label"] == "offer" and rows[5]["label"] == "offer"
    assert "line 6: \"date\" 'last Tuesday' is not ISO 8601" in result.stderr


def test_a_line_that_is_not_utf8_is_an_error_line_and_evaluate_names_it(
    home: Path, tmp_path: Path
) -> None:
    latin1 = json.dumps({"id": "c", "subject": "Caf\u00e9 job", "body": "x"}, ensure_ascii=False)
    data = b"\n".join(
        [json.dumps(LINES[0]).encode(), latin1.encode("latin-1"), json.dumps(LINES[1]).encode()]
    )
    result = run(home, "classify", "--jsonl", "-", input=data)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row.get("label") for row in rows] == ["offer", None, "not_recruiting"]
    assert rows[1]["error"] == "line 2: not UTF-8 text (byte 28 of the line is 0xe9)"
    # a byte-order mark alone on the first line is a blank line
    marked = run(home, "classify", "--jsonl", "-", input=b"\xef\xbb\xbf\n" + data)
    assert [json.loads(line).get("label") for line in marked.stdout.splitlines()] == [
        "offer",
        None,
        "not_recruiting",
    ]

    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(data.replace(b"}", b', "label": "offer"}'))
    scored = run(home, "evaluate", str(gold))
    assert scored.exit_code == 1
    assert "line 2: not UTF-8 text (byte 28 of the line is 0xe9)" in scored.output


def test_classify_jsonl_reads_an_html_body_as_text(home: Path) -> None:
    body = "Dear Alex,\n\nWe will not be moving forward with your application.\n\nAcme Talent"
    html = (
        '<html><body><div style="font-family:Arial"><p>Dear Alex,</p><p>We will not be moving'
        " forward with your application.</p><p>Acme Talent</p></div></body></html>"
    )
    lines = [{"id": kind, "subject": "Your application", "body": text} for kind, text in
             (("text", body), ("html", html))]  # fmt: skip
    result = run(home, "classify", "--jsonl", "-", input="\n".join(map(json.dumps, lines)))
    text, markup = (json.loads(line) for line in result.stdout.splitlines())
    assert markup["label"] == text["label"] == "rejection"
    assert markup["scores"] == text["scores"]


def jane_writes(path: Path, message_id: str, *, subject: str, body: str) -> Path:
    """`path`, holding a message from a recruiter at Acme, sent at NOW."""
    path.write_bytes(
        eml(
            sender="Jane Roe <jane@acme.example>",
            subject=subject,
            body=body,
            date=NOW,
            message_id=message_id,
        )
    )
    return path


def test_classify_needs_exactly_one_input(home: Path) -> None:
    result = run(home, "classify")
    assert result.exit_code == 2
    assert "either MESSAGE.eml or --jsonl FILE" in result.output


def test_classify_refuses_an_mbox_of_several_messages(home: Path, tmp_path: Path) -> None:
    # it read the whole mbox as one message and explained the first one's subject
    one = jane_writes(tmp_path / "m.eml", "<i@acme.example>", subject="Hi", body="Hello.")
    single = b"From jane@acme.example Tue Nov 24 09:00:00 2026\n" + one.read_bytes()
    mbox = tmp_path / "two.mbox"
    mbox.write_bytes(single + b"\n" + single)
    refused = run(home, "classify", str(mbox))
    assert refused.exit_code == 1 and "holds several messages (an mbox)" in refused.output
    (tmp_path / "one.mbox").write_bytes(single)  # one message with its "From " line is read
    assert "message:    Hi" in run(home, "classify", str(tmp_path / "one.mbox")).output


def test_classify_eml_explains_the_decision(home: Path, tmp_path: Path) -> None:
    message = jane_writes(
        tmp_path / "m.eml",
        "<i@acme.example>",
        subject="Interview invitation",
        body="We would like to invite you to an interview with the hiring manager on "
        "Tuesday. Please choose a time that suits you.",
    )
    result = run(home, "classify", str(message))
    assert result.exit_code == 0, result.output
    assert "label:      interview" in result.output
    assert "message:    Interview invitation" in result.output
    assert "reasons:" in result.output and "scores:" in result.output
    names = {label.value for label in LABELS}
    score_lines = [line.split() for line in result.output.splitlines() if line.startswith("  ")]
    assert len([parts for parts in score_lines if parts and parts[0] in names]) == 8


def test_classify_eml_says_what_the_import_reads_from_it(home: Path, tmp_path: Path) -> None:
    offer = jane_writes(
        tmp_path / "offer.eml",
        "<offer@acme.example>",
        subject="Offer - Data Engineer",
        body="Hi Alex,\n\nI'm delighted to offer you the role of Data Engineer at Acme. "
        "Please let us know your decision by Friday 4 December.\n\nJane Roe\nTalent "
        "Partner | Acme",
    )
    result = run(home, "classify", str(offer))
    assert result.exit_code == 0, result.output
    reads = result.output.split("reads:\n", 1)[1]
    assert "  company Acme; role Data Engineer; sender inhouse_recruiter" in reads
    assert (
        "  your deadline: 2026-12-04 (explicit): "
        "\u201cPlease let us know your decision by Friday 4 December\u201d"
    ) in reads
    noise = jane_writes(
        tmp_path / "noise.eml",
        "<sale@acme.example>",
        subject="Our winter sale: 30% off everything",
        body="Use promo code WINTER30 before Friday 4 December. Free delivery on all orders.",
    )
    result = run(home, "classify", str(noise))
    assert "reads:      nothing (noise)" in result.output


def test_classify_eml_shows_your_ask_for_time_as_an_ask(home: Path, tmp_path: Path) -> None:
    def reads(name: str, body: str) -> str:
        path = tmp_path / f"{name}.eml"
        path.write_bytes(
            eml(
                sender=f"Alex Morgan <{ME}>",
                to="Jane Roe <jane@acme.example>",
                subject="Re: Offer - Data Engineer",
                body=body,
                date=NOW,
                message_id=f"<{name}@example.net>",
            )
        )
        result = run(home, "classify", str(path))
        assert result.exit_code == 0, result.output
        return result.output.split("reads:\n", 1)[1]

    ask = reads("ask", "Thank you so much! Could I have until Wednesday 2 December to decide?")
    assert (
        "  you ask for time until: 2026-12-02 (explicit): "
        "\u201cCould I have until Wednesday 2 December\u201d"
    ) in ask
    assert "you promise" not in ask
    # a promise to answer is still the user's promise
    promise = reads("promise", "Thank you! I'll let you know my decision by Friday 4 December.")
    assert "  you promise: 2026-12-04 (explicit): " in promise
    assert "ask for time" not in promise


def test_classify_eml_shows_a_weekday_that_does_not_fit_its_date(
    home: Path, tmp_path: Path
) -> None:
    offer = jane_writes(
        tmp_path / "offer.eml",
        "<offer@acme.example>",
        subject="Offer - Data Engineer",
        body="Hi Alex,\n\nI'm delighted to offer you the role of Data Engineer at Acme. "
        "Please let us know your decision by Friday 5 December.\n\nJane Roe\nTalent "
        "Partner | Acme",
    )
    result = run(home, "classify", str(offer))
    assert result.exit_code == 0, result.output
    assert (
        "  your deadline: 2026-12-04 (explicit, or 2026-12-05: the weekday and the date "
        "disagree): \u201cPlease let us know your decision by Friday 5 December\u201d"
    ) in result.output


def test_classify_eml_prints_no_terminal_control_codes_from_the_message(
    home: Path, tmp_path: Path
) -> None:
    message = jane_writes(
        tmp_path / "m.eml",
        "<esc@acme.example>",
        subject="Interview \x1b]0;pwned\x07 invitation",  # sets a terminal's title
        # the negated-offer rule's span, quoted in the reasons, holds the escape code
        body="Unfortunately \x1b[2J we are not moving forward with your application.",
    )
    result = run(home, "classify", str(message))
    assert result.exit_code == 0, result.output
    assert 'rule "negated offer"' in result.output
    assert "pwned" in result.output and "[2j" in result.output  # the text stays, inert
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_classify_eml_reads_a_calendar_invitation_to_your_interview_as_the_import_does(
    home: Path, tmp_path: Path
) -> None:
    message = jane_writes(
        tmp_path / "invite.eml",
        "<cal@acme.example>",
        subject="Invitation: Interview - Alex Morgan / Data Engineer @ Tue Dec 1, 2026 2pm",
        body="You have been invited to the following event.\n\nInvitation from Google Calendar",
    )
    (home / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\nname = "Alex Morgan"\n')
    result = run(home, "classify", str(message))
    assert "label:      interview" in result.output
    assert "  - calendar invitation to an interview that names you" in result.output


def test_classify_eml_says_the_users_own_message_is_not_reviewed(
    home: Path, tmp_path: Path
) -> None:
    mine, theirs = tmp_path / "mine.eml", tmp_path / "theirs.eml"
    for path, sender in ((mine, f"Me <{ME}>"), (theirs, "Jo <jo@acme.example>")):
        path.write_bytes(
            eml(
                sender=sender,
                subject="Re: your note",
                body="Thanks, sounds good.",
                date=NOW,
                message_id=f"<{path.stem}@x.example>",
            )
        )
    (home / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\n[classifier]\nreview_threshold = 1.0\n'
    )  # everything a model labels is unsure: only the direction decides
    own = run(home, "classify", str(mine)).output
    other = run(home, "classify", str(theirs)).output
    assert "your own message" in own and "goes to review" not in own
    assert "goes to review" in other and "your own message" not in other


def test_evaluate_prints_a_table_and_json(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "gold.jsonl"
    data.write_text(
        "\n".join(
            json.dumps({**line, "label": label})
            for line, label in zip(LINES, ["offer", "not_recruiting"], strict=True)
        )
    )
    table = run(home, "evaluate", str(data))
    assert table.exit_code == 0, table.output
    marked = tmp_path / "bom.jsonl"  # a byte-order mark is no error
    marked.write_text("\ufeff" + data.read_text(), encoding="utf-8")
    assert run(home, "evaluate", str(marked)).output == table.output
    assert "macro-F1 (labels present): 1.000" in table.output
    assert "confusion (rows gold, columns predicted)" in table.output
    machine = run(home, "evaluate", "--json", str(data))
    report = json.loads(machine.output)
    assert report["accuracy"] == 1.0 and report["total"] == 2
    assert report["per_label"]["offer"]["support"] == 1
    assert report["confusion"]["not_recruiting"]["not_recruiting"] == 1


def test_evaluate_reports_every_bad_line_of_a_file(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(
        '{"id": 1, "subject": "x", "body": "y"}\n'
        "\n"
        '{"id": 2, "subject": "x", "body": "y", "label": "spam"}\n'
        '{"id": 3, "subject": 5, "body": 7, "label": "offer"}\n'
        '{"id": 4, "subject": null, "body": null, "label": "offer"}\n'
    )
    result = run(home, "evaluate", str(data))
    assert result.exit_code == 1
    # a label outside the eight would have been scored as a ninth, lowering macro-F1 unseen
    assert (
        'line 1: no "label"; '
        "line 3: \"label\" 'spam' is not one of offer, rejection, interview, delay, "
        "acknowledgement, request, outreach, not_recruiting; "
        'line 4: "body" must be a string; line 4: "subject" must be a string'
    ) in result.output
    assert "line 5" not in result.output  # a null subject and body are empty ones
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    nothing = run(home, "evaluate", str(empty))
    assert nothing.exit_code == 1 and "no messages to score" in nothing.output


def test_label_validates_the_label_and_records_feedback(home: Path, tmp_path: Path) -> None:
    bad = run(home, "label", "<x@y>", "maybe")
    assert bad.exit_code == 2
    assert "'maybe' is not one of offer, rejection" in bad.output

    def import_from_jane(subject: str, body: str, message_id: str) -> None:
        path = tmp_path / f"{message_id.strip('<>')}.eml"
        jane_writes(path, message_id, subject=subject, body=body)
        assert run(home, "import", "-q", str(path)).exit_code == 0

    import_from_jane(
        "About your application",
        "We have decided to go with another candidate.",
        "<r@acme.example>",
    )
    unknown = run(home, "label", "<nope@acme.example>", "rejection")
    assert unknown.exit_code == 2  # a usage error, as `move` and `history` give
    assert "Invalid value for MESSAGE: no message '<nope@acme.example>'" in unknown.output
    done = run(home, "label", "<r@acme.example>", "delay")
    assert done.exit_code == 0, done.output
    assert "labelled <r@acme.example> as delay" in done.output
    assert "process #1 follows the new label" in done.output
    # a message the model put aside as noise joins its sender's process once corrected
    import_from_jane("Lunch", "Lunch on Saturday? The usual place.", "<n@acme.example>")
    joined = run(home, "label", "<n@acme.example>", "INTERVIEW")  # as the user types it
    assert joined.exit_code == 0, joined.output
    assert "it joins process #1 (known contact jane@acme.example)" in joined.output
    from inbox_monitor.store import Store

    with Store(home / "inbox-monitor.db") as store:
        examples = store.feedback_examples()
    assert [(subject, label) for subject, _, label in examples] == [
        ("About your application", "delay"),
        ("Lunch", "interview"),
    ]


def test_label_names_the_senders_copies_of_the_template_and_labels_them_on_request(
    home: Path, tmp_path: Path
) -> None:
    from inbox_monitor.store import Store

    def portal(number: int, course: str) -> None:
        path = tmp_path / f"p{number}.eml"
        jane_writes(
            path,
            f"<p{number}@acme.example>",
            subject=f"Your application: {course}",
            body=f"Dear Alex,\n\nWe have your application for {course} on file. Sign in to"
            " your candidate account at any time to see where it stands and to keep your"
            " details up to date.\n\nAcme Careers",
        )
        assert run(home, "import", "-q", str(path)).exit_code == 0

    for number, course in enumerate(("course 2XT9", "course 3QF1", "course 7PL2"), 1):
        portal(number, course)
    with Store(home / "inbox-monitor.db") as store:
        read = {store.message_row(f"<p{n}@acme.example>")["label"] for n in (1, 2, 3)}
    (model_label,) = read  # one template, one reading
    other = "request" if model_label != "request" else "acknowledgement"

    first = run(home, "label", "<p1@acme.example>", other)
    assert first.exit_code == 0, first.output
    assert (
        "2 other stored messages are copies of this template from the same sender, read the"
        " same way: #2, #3; add --same-template to label them too"
    ) in first.output
    both = run(home, "label", "<p2@acme.example>", other, "--same-template")
    assert both.exit_code == 0, both.output
    assert f"labelled #3 Your application: course 7PL2 as {other}" in both.output
    portal(4, "course 9ZZ4")  # the next copy takes the correction at import
    with Store(home / "inbox-monitor.db") as store:
        rows = [store.message_row(f"<p{n}@acme.example>") for n in (1, 2, 3, 4)]
    assert [(row["label"], row["label_source"]) for row in rows] == [
        (other, "user"),
        (other, "user"),
        (other, "user"),
        (other, "like"),
    ]
    # the first corrected again: the copy that took its label is named and follows
    third = "not_recruiting"
    again = run(home, "label", "<p1@acme.example>", third, "--same-template")
    assert again.exit_code == 0, again.output
    assert f"labelled #4 Your application: course 9ZZ4 as {third}" in again.output
    assert "#2" not in again.output and "#3" not in again.output  # your own labels stay
    with Store(home / "inbox-monitor.db") as store:
        assert store.message_row("<p4@acme.example>")["label_source"] == "user"


def test_why_says_who_labelled_a_stored_message_and_why(home: Path, tmp_path: Path) -> None:
    offer = jane_writes(
        tmp_path / "o.eml",
        "<o@acme.example>",
        subject="Offer of employment \x1b[31m",
        body="We are delighted to offer you the position of Data Analyst. Please reply by"
        " Friday 27 November.",
    )
    sale = jane_writes(
        tmp_path / "s.eml",
        "<s@acme.example>",
        subject="Weekend sale",
        body="40% off everything this weekend with promo code SALE.",
    )
    assert run(home, "import", "-q", str(offer), str(sale)).exit_code == 0

    said = run(home, "why", "<o@acme.example>")
    assert said.exit_code == 0, said.output
    lines = said.output.splitlines()
    assert "\x1b" not in said.output  # the subject's escape code is not passed to the terminal
    assert "labelled by the classifier" in lines
    assert "label:      offer" in lines
    assert any(line.startswith("  not_recruiting  0.0") for line in lines)  # every score
    assert any("offer cues" in line for line in lines)  # the reasons
    assert "process:    #1 (placed by match:new)" in lines
    assert any("your deadline: 2026-11-27" in line for line in lines)  # what was read

    noise = run(home, "why", "<s@acme.example>").output
    assert "process:    none: set aside as noise, nothing read from it" in noise
    assert run(home, "label", "<s@acme.example>", "outreach").exit_code == 0
    corrected = run(home, "why", "<s@acme.example>").output.splitlines()
    assert "labelled by you" in corrected
    assert "            the classifier read it as not_recruiting: the scores are its reading" in (
        corrected
    )
    as_json = json.loads(run(home, "why", "<s@acme.example>", "--json").output)
    assert (as_json["label"], as_json["label_source"]) == ("outreach", "user")
    assert as_json["scores"]["not_recruiting"] > 0.5
    unknown = run(home, "why", "<nope@acme.example>")
    assert unknown.exit_code == 2
    assert "Invalid value for MESSAGE: no message '<nope@acme.example>'" in unknown.output


@pytest.mark.slow
def test_train_with_feedback_adds_the_corrections(home: Path, tmp_path: Path) -> None:
    message = jane_writes(
        tmp_path / "m.eml",
        "<d@acme.example>",
        subject="Quick one",
        body="The board meets on the 12th; we will come back to you after that.",
    )
    assert run(home, "import", "-q", str(message)).exit_code == 0
    assert run(home, "label", "<d@acme.example>", "delay").exit_code == 0
    output = home / "model"  # the data dir, not the shipped model, whatever the checkout
    shipped = (REPO_MODEL_DIR / "meta.json").read_bytes()
    result = run(home, "train", "--with-feedback")
    assert result.exit_code == 0, result.output
    assert (REPO_MODEL_DIR / "meta.json").read_bytes() == shipped
    # its vocabulary holds words of the corrected mail: the user's alone
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in [output, *output.rglob("*")]}
    assert modes[output / "vocab" / "strings.json"] == 0o600
    assert all(mode == (0o700 if path.is_dir() else 0o600) for path, mode in modes.items())
    assert "1 corrected messages from the store" in result.output
    assert "(1 corrections)" in result.output
    assert f'model_path = "{output}"' in result.output
    meta = json.loads((output / "meta.json").read_text())
    assert meta["feedback_examples"] == 1
    classified = run(home, "classify", "--model", str(output), str(message))
    assert "label:      " in classified.output


def test_classify_jsonl_adds_commitments_company_and_role(home: Path) -> None:
    (home / "config.toml").write_text(f'[identity]\naddresses = ["{ME}"]\ncountry = "US"\n')
    line = {
        "id": "p",
        "subject": "Your interview for the Data Analyst position",
        "body": "Hi Alex,\n\nThank you for meeting the team. We will get back to you within "
        "3 business days.\n\nBest,\nSam Lee\nTalent Partner, Acme Robotics",
        "date": "2026-11-24T16:00:00-05:00",  # Tuesday before Thanksgiving
    }
    undated = {"id": "q", "subject": "Hi", "body": "Lunch on Saturday?"}
    result = run(
        home, "classify", "--jsonl", "-", input=f"{json.dumps(line)}\n{json.dumps(undated)}\n"
    )
    first, second = (json.loads(row) for row in result.output.splitlines())
    assert first["expected_by"] == "2026-11-30"  # Wed, (Thu holiday), Fri, Mon
    assert first["commitment"] == "relative"
    assert first["expected_phrase"] == "within 3 business days"
    assert first["company"] == "Acme Robotics"
    assert {"user_deadline", "meeting_at", "role", "sender_role"} <= set(first)
    assert (second["expected_by"], second["commitment"]) == (None, "none")


def test_classify_jsonl_reads_a_meeting_time_after_the_clocks_change_as_the_import_does(
    home: Path,
) -> None:
    # written in London in summer time for a day after the clocks go back: 14:00 GMT
    (home / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\ntimezone = "Europe/London"\n'
    )
    line = {
        "id": "m",
        "subject": "Interview confirmed",
        "body": "Hi Alex,\n\nYour interview is confirmed for Tuesday 27 October at 2pm.",
        "date": "2026-10-22T10:00:00+01:00",
    }
    result = run(home, "classify", "--jsonl", "-", input=json.dumps(line) + "\n")
    (row,) = (json.loads(text) for text in result.output.splitlines())
    assert row["meeting_at"] == "2026-10-27T14:00:00+00:00"


def test_classify_jsonl_reads_the_time_granted_under_the_quoted_question(home: Path) -> None:
    line = {
        "id": "g",
        "subject": "Re: Offer",
        "body": "Hi Alex,\n\nYes, that's fine.\n\nOn Mon, 23 Nov 2026 at 09:30, Alex "
        "<alex@example.org> wrote:\n> Could I have until Wednesday 2 December to decide?\n",
        "date": "2026-11-23T14:00:00+00:00",
    }
    result = run(home, "classify", "--jsonl", "-", input=json.dumps(line) + "\n")
    assert json.loads(result.output)["user_deadline"] == "2026-12-02"


def test_classify_eml_reads_its_days_from_the_date_header_not_the_file_s_time(
    home: Path, tmp_path: Path
) -> None:
    # mail of Wed 16 Dec saved to a file on Sun 29 Nov (or written then, by hand, to ask why
    # it was read so): its "tomorrow" is Thu 17 Dec, as the import read it, not 30 Nov
    body = (
        "Hi Alex,\n\nThanks for your application for the Data Engineer role at Acme. "
        "I will call you tomorrow to talk about the next steps.\n\nJane Roe\nTalent Partner | Acme"
    )
    saved = datetime(2026, 11, 29, 12, 0, tzinfo=UTC).timestamp()
    dated = tmp_path / "dated.eml"
    dated.write_bytes(
        eml(
            sender="Jane Roe <jane@acme.example>",
            subject="Data Engineer at Acme",
            body=body,
            date=datetime(2026, 12, 16, 16, 50, tzinfo=timezone(timedelta(hours=1))),
            message_id="<dated@acme.example>",
        )
    )
    os.utime(dated, (saved, saved))
    reads = run(home, "classify", str(dated)).output.split("reads:\n", 1)[1]
    assert "they promise: 2026-12-17 (relative)" in reads
    # with no Date to read, the file's time is when it came
    undated = tmp_path / "undated.eml"
    header, _, rest = dated.read_bytes().partition(b"Date: ")
    undated.write_bytes(header + rest.partition(b"\n")[2])
    assert b"Date:" not in undated.read_bytes()
    os.utime(undated, (saved, saved))
    reads = run(home, "classify", str(undated)).output.split("reads:\n", 1)[1]
    assert "they promise: 2026-11-30 (relative)" in reads
