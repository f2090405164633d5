"""News of a process read as noise: a person of the process (or their assistant, writing
from the same firm's domain) whose mail the model reads as not recruiting, not surely,
joins the process when the mail says what the process is about (match._news_read_as_noise):
its dated promise and its meeting count, its label moves no stage. Their social mail (an
event of many, a colleague's lunch), an out-of-office, mail after the process ended and
mail the model is sure of do not become news of it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.board import load_board
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.match import _EVENT_OF_MANY, _PROCESS_WORDS, NEWS_NOISE_CEILING
from inbox_monitor.models import Label, Origin, RawMessage, Stage, State
from inbox_monitor.pipeline import apply_correction, build_pipeline, ingest
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus

PARTNER = "Priya Nair <priya.nair@larkspursearch.example>"
SIGNATURE = "\n\nBest wishes,\nPriya\n\nPriya Nair\nPartner, Larkspur Search"


def config_for(tmp_path: Path) -> Config:
    identity = IdentityConfig(
        addresses=frozenset({ME}), name="Alex Morgan", timezone="Europe/London", country="GB"
    )
    return Config(data_dir=tmp_path, identity=identity)


def mail(key: str, when: datetime, subject: str, body: str, sender: str = PARTNER) -> RawMessage:
    data = eml(sender=sender, subject=subject, body=body, date=when, message_id=f"<{key}@t>")
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"), False)


# The search: the partner's pitch for a named client, then her invitation to meet it
PITCH = mail(
    "pitch",
    datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
    "[outreach] Confidential - Finance Director",
    "Dear Alex,\n\nI have been retained to find the next Finance Director of a listed"
    " manufacturer. The client is Harbour Mills plc. Would you be open to a confidential"
    " conversation?" + SIGNATURE,
)
MEETING = mail(
    "meeting",
    datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
    "[interview] Harbour Mills - first meeting",
    "Dear Alex,\n\nHarbour Mills would like to meet you: you are confirmed for Tuesday 8"
    " December at 10:00 at their offices." + SIGNATURE,
)
# and her note before the break, which the model may well read as noise
NEWS_BODY = (
    "Dear Alex,\n\nA short note before the break: the board has now seen the shortlist, and I"
    " will be in touch on Monday 11 January to fix the next meeting. Our office is closed"
    " over Christmas.\n\nHappy Christmas." + SIGNATURE
)
AS_OF = datetime(2027, 1, 8, 12, 0, tzinfo=UTC)


def ingested(config: Config, *items: RawMessage) -> Store:
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    store = Store(config.database_path)
    ingest(store, list(items), pipeline, datetime(2027, 1, 8, 9, 0, tzinfo=UTC))
    return store


def the_status(store: Store, config: Config, as_of: datetime = AS_OF) -> ProcessStatus:
    (status,) = load_board(store, config, as_of)
    return status


def test_a_partners_update_read_as_noise_joins_her_process_with_its_date(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    news = mail(
        "news",
        datetime(2026, 12, 22, 10, 0, tzinfo=UTC),
        "[not_recruiting 0.8] Before the break",
        NEWS_BODY,
    )
    with ingested(config, PITCH, MEETING, news) as store:
        status = the_status(store, config)
        row = store.message_row("<news@t>")
        assert row["process_id"] == status.process.id
        assert row["label"] == Label.NOT_RECRUITING.value  # an update, not a new label
        assert store.open_reviews() == []
        matched = [e for e in store.events(status.process.id) if e.message_key == "<news@t>"]
        assert any(
            e.kind == "matched" and e.rule == "match:news" and "gives a date" in e.detail
            for e in matched
        )
    # her date, not the default wait ("no date was ever given")
    assert (status.expected_by, status.expected_source) == (datetime(2027, 1, 11).date(), "promise")
    assert status.stage == Stage.INTERVIEWING
    assert status.state == State.DUE_SOON


def test_the_users_noise_label_takes_an_update_back_out(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    news = mail(
        "news",
        datetime(2026, 12, 22, 10, 0, tzinfo=UTC),
        "[not_recruiting 0.8] Before the break",
        NEWS_BODY,
    )
    with ingested(config, PITCH, MEETING, news) as store:
        done = apply_correction(store, config, "<news@t>", Label.NOT_RECRUITING, AS_OF)
        assert done.action == "left"
        assert store.message_row("<news@t>")["process_id"] is None
        status = the_status(store, config)
    assert status.expected_source == "default"


def test_the_same_update_read_surely_as_noise_waits_for_review_as_before(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    sure = f"[not_recruiting {NEWS_NOISE_CEILING}] Before the break"
    news = mail("news", datetime(2026, 12, 22, 10, 0, tzinfo=UTC), sure, NEWS_BODY)
    with ingested(config, PITCH, MEETING, news) as store:
        status = the_status(store, config)
        assert store.message_row("<news@t>")["process_id"] is None
        (waiting,) = store.open_reviews()
        assert waiting["reason"] == f"from a contact of #{status.process.id}, read as noise"
    assert status.expected_source == "default"


def test_her_assistant_writing_on_her_behalf_joins_with_the_meeting(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    assistant = mail(
        "assistant",
        datetime(2026, 12, 9, 9, 0, tzinfo=UTC),
        "[not_recruiting 0.7] Your meeting with the chair",
        "Dear Alex,\n\nOn behalf of Priya: your meeting with the chair is confirmed for Tuesday"
        " 15 December at 8.00am at the club.\n\nKind regards,\nTom\n\nTom Reed\n"
        "Executive Assistant, Larkspur Search",
        sender="Tom Reed <tom.reed@larkspursearch.example>",
    )
    with ingested(config, PITCH, MEETING, assistant) as store:
        status = the_status(store, config, datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
        assert store.message_row("<assistant@t>")["process_id"] == status.process.id
        events = store.events(status.process.id)
    assert any("is written for Priya" in e.detail for e in events if e.kind == "matched")
    assert status.next_meeting == datetime(2026, 12, 15, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "joins"),
    [("Priya", True), ("James", False)],  # James is no one of the process
)
def test_an_assistant_joins_for_a_person_of_the_process_only(
    tmp_path: Path, name: str, joins: bool
) -> None:
    config = config_for(tmp_path)
    assistant = mail(
        "assistant",
        datetime(2026, 12, 9, 9, 0, tzinfo=UTC),
        "[not_recruiting 0.7] Breakfast",
        f"Dear Alex,\n\nI'm writing on behalf of {name} to arrange a breakfast at our offices."
        " Could you let me know a morning that suits?\n\nKind regards,\nTom\n\nTom Reed\n"
        "Executive Assistant, Larkspur Search",
        sender="Tom Reed <tom.reed@larkspursearch.example>",
    )
    with ingested(config, PITCH, MEETING, assistant) as store:
        joined = store.message_row("<assistant@t>")["process_id"] is not None
        assert store.open_reviews() == []
    assert joined == joins


def test_a_colleagues_own_lunch_stays_out_of_the_process(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    lunch = mail(
        "lunch",
        datetime(2026, 12, 9, 9, 0, tzinfo=UTC),
        "[not_recruiting 0.6] Lunch?",
        "Hi Alex,\n\nLet's meet for lunch on Thursday 10 December at 12:30 at the Anchor. It's"
        " been ages.\n\nSam",
        sender="Sam Cole <sam.cole@larkspursearch.example>",
    )
    with ingested(config, PITCH, MEETING, lunch) as store:
        status = the_status(store, config, datetime(2026, 12, 9, 12, 0, tzinfo=UTC))
        assert store.message_row("<lunch@t>")["process_id"] is None
        assert store.open_reviews() == []  # a colleague's noise is set aside, as before
    assert status.next_meeting is None  # (the lunch of 10 December is no meeting of it)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Larkspur Christmas drinks",
            "Dear Alex,\n\nDo join the team for our Christmas drinks on Thursday 17 December at"
            " 18:30 at the Anchor. The board and all the partners will be there.",
        ),
        (
            "Finance leaders webinar",
            "Dear Alex,\n\nOur webinar for finance leaders is on Tuesday 15 December at 18:00:"
            " what the board wants from its next CFO. Register here: https://example.org/w",
        ),
    ],
)
def test_a_contacts_social_mail_is_no_interview_and_moves_nothing(
    tmp_path: Path, subject: str, body: str
) -> None:
    config = config_for(tmp_path)
    social = mail(
        "social", datetime(2026, 12, 9, 9, 0, tzinfo=UTC), f"[not_recruiting 0.6] {subject}",
        body + SIGNATURE,
    )  # fmt: skip
    before = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)
    with ingested(config, PITCH, MEETING) as store:
        was = the_status(store, config, before)
    with ingested(config, social) as store:
        status = the_status(store, config, before)
        assert store.message_row("<social@t>")["process_id"] is None
        (waiting,) = store.open_reviews()  # the user decides, as before
        assert waiting["reason"].endswith("read as noise")
    assert (status.stage, status.state, status.next_meeting) == (
        was.stage,
        was.state,
        was.next_meeting,
    )


def test_a_contacts_mail_after_their_rejection_reopens_nothing(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    rejection = mail(
        "no",
        datetime(2026, 12, 10, 9, 0, tzinfo=UTC),
        "[rejection] Harbour Mills",
        "Dear Alex,\n\nI'm sorry to say Harbour Mills have decided not to take you forward."
        + SIGNATURE,
    )
    news = mail(
        "news",
        datetime(2026, 12, 22, 10, 0, tzinfo=UTC),
        "[not_recruiting 0.7] Before the break",
        NEWS_BODY,
    )
    with ingested(config, PITCH, MEETING, rejection, news) as store:
        status = the_status(store, config)
        assert store.message_row("<news@t>")["process_id"] is None
        (waiting,) = store.open_reviews()
        assert waiting["reason"].endswith("read as noise")
    assert (status.stage, status.state) == (Stage.CLOSED, State.CLOSED)


def test_an_out_of_office_read_as_noise_moves_no_stage(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    away = mail(
        "away",
        datetime(2026, 12, 4, 9, 0, tzinfo=UTC),
        "[not_recruiting 0.7] Automatic reply: Harbour Mills - first meeting",
        "Thank you for your email. I am out of the office until Monday 14 December with"
        " limited access to email. For the shortlist, please contact Tom Reed.",
    )
    as_of = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    with ingested(config, PITCH, MEETING) as store:
        was = the_status(store, config, as_of)
    with ingested(config, away) as store:
        status = the_status(store, config, as_of)
        assert store.message_row("<away@t>")["label"] == Label.NOT_RECRUITING.value
    assert (status.stage, status.state, status.next_meeting) == (
        was.stage,
        was.state,
        was.next_meeting,
    )


def test_a_second_pitch_read_as_noise_is_not_news_of_the_first(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    second = mail(
        "second",
        datetime(2026, 12, 9, 9, 0, tzinfo=UTC),
        "[not_recruiting 0.6] Another one",
        "Dear Alex,\n\nSeparately from Harbour Mills: we have a Finance Director search for a"
        " listed retailer, and the client would like a shortlist by January." + SIGNATURE,
    )
    with ingested(config, PITCH, MEETING, second) as store:
        assert store.message_row("<second@t>")["process_id"] is None
        (waiting,) = store.open_reviews()
        assert waiting["reason"].endswith("read as noise")


def test_the_firms_newsletter_joins_nothing(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    data = eml(
        sender="Larkspur Insights <insights@larkspursearch.example>",
        subject="[not_recruiting 0.7] Board perspectives: the finance agenda",
        body="In this issue: what the board wants from its finance director; our shortlist of"
        " the year's best annual reports.\n\nUnsubscribe: https://example.org/prefs",
        date=datetime(2026, 12, 9, 9, 0, tzinfo=UTC),
        message_id="<letter@t>",
    ).replace(b"Subject:", b"List-Unsubscribe: <https://example.org/prefs>\nSubject:", 1)
    letter = RawMessage(data, Origin(kind="eml", path="letter.eml"), False)
    with ingested(config, PITCH, MEETING, letter) as store:
        assert store.message_row("<letter@t>")["process_id"] is None
        assert store.open_reviews() == []


@pytest.mark.parametrize(
    "text",
    [
        "We will need a third party to check references.",
        "In the event that the client asks, I'll send your CV.",
        "Pay rises were across the board this year.",
        "Call me on +1 415 555 0100 if the line drops.",  # a phone number, no "+1" guest
        "I spoke to the party you met last week.",
    ],
)
def test_ordinary_words_are_no_event_and_no_process_step(text: str) -> None:
    assert _EVENT_OF_MANY.search(text) is None
    assert _PROCESS_WORDS.search(text.replace("the client", "")) is None


@pytest.mark.parametrize(
    "text",
    [
        "The board is now considering the shortlist.",
        "You are one of two for the board dinner.",
        "They would like you to go forward to meet the CEO.",
    ],
)
def test_a_search_s_steps_are_process_words(text: str) -> None:
    assert _PROCESS_WORDS.search(text) is not None


@pytest.mark.parametrize(
    "text", ["Sam Taylor +1 - Christmas drinks", "our Christmas party on Friday", "Team lunch"]
)
def test_events_of_many_are_still_events(text: str) -> None:
    assert _EVENT_OF_MANY.search(text) is not None


def test_a_friend_at_the_employer_is_no_news_of_the_users_process(tmp_path: Path) -> None:
    # verify 14 R3: a friend who works at the employer writes about the company's own board
    # week and a lunch; "the board" is no step of the user's process there, and the friend
    # does not become the process's voice
    config = config_for(tmp_path)
    recruiter = "Dana Reid <dana.reid@harbourmills.example>"
    invite = mail(
        "invite",
        datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        "[interview] Harbour Mills - Finance Director",
        "Dear Alex,\n\nWe would like to invite you to interview on Tuesday 15 December at"
        " 10:00.\n\nDana Reid\nTalent Acquisition, Harbour Mills",
        sender=recruiter,
    )
    friend = mail(
        "friend",
        datetime(2026, 12, 2, 9, 0, tzinfo=UTC),
        "[not_recruiting 0.6] lunch",
        "Hi Alex,\n\nIt's board week here: the board meets on Thursday 10 December at 14:00,"
        " so can we do lunch on Friday 18 December at 12:30 instead?\n\nBen",
        sender="Ben Cole <ben.cole@harbourmills.example>",
    )
    your_step = mail(
        "hr",
        datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
        "[not_recruiting 0.6] Travel",
        "Dear Alex,\n\nAhead of your interview, our office is by the station; the car park is"
        " closed this month.\n\nMia Shah",
        sender="Mia Shah <mia.shah@harbourmills.example>",
    )
    with ingested(config, invite, friend, your_step) as store:
        process = store.message_row("<invite@t>")["process_id"]
        assert store.message_row("<friend@t>")["process_id"] is None
        # a colleague writing to the user as its candidate still joins
        assert store.message_row("<hr@t>")["process_id"] == process
        people = [p["email"] for p in store.process_people(process)]
        assert "ben.cole@harbourmills.example" not in people
