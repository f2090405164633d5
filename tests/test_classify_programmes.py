"""Portal and programme mail that docs/labels.md decides and the model misread (a new real
measuring set, twenty-fifth round): an application their system ended because the user did
not answer is `rejection`; a place as an intern, apprentice or trainee given is `offer`; a
service's notice that applications go more slowly than usual is `delay`; the user named as
someone's referee is no hiring mail of theirs."""

from __future__ import annotations

import pytest
from helpers import classified, normalised_and_hits

from inbox_monitor.classify import (
    RulesClassifier,
    ended_unanswered,
    place_given,
    slower_than_usual,
)
from inbox_monitor.extract import to_a_referee
from inbox_monitor.models import Classification, Label

PORTAL = "Apply for training <noreply@apply.example.org>"


def read(classifier: object, subject: str, text: str, sender: str = PORTAL) -> Classification:
    return classified(classifier, subject, text, sender)


# --- ended because the user did not answer ----------------------------------------------

ENDED = [
    ("", "Dear Sam,\n\nApplication withdrawn automatically\n\nWe withdrew your application "
     "for Geography (2KX9) because you didn’t respond to the offer within 10 working days."
     "\n\nYou can still apply for other courses."),
    ("Your application", "Hello Sam, your application for the Warehouse Operative role has "
     "been closed as we did not hear back from you about the assessment."),
    ("Offer update", "Dear Sam, your conditional offer has now lapsed because you did not "
     "accept it by the deadline of 4 December."),
    ("Candidate update", "We have automatically withdrawn your candidacy since you failed to "
     "respond to our last three messages."),
]  # fmt: skip


@pytest.mark.parametrize(("subject", "text"), ENDED)
def test_an_application_ended_for_no_answer_is_a_rejection(
    classifier: object, subject: str, text: str
) -> None:
    result = read(classifier, subject, text)
    assert result.label is Label.REJECTION  # type: ignore[attr-defined]
    assert result.confidence >= 0.9  # type: ignore[attr-defined]
    assert any("ended unanswered" in why for why in result.reasons)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        # threatened, not done: the user can still answer (a request)
        "Your application will be withdrawn if you do not respond by Friday 11 December.",
        "If we have not heard from you by 5 January, your application will be closed.",
        # the user's own withdrawal (rule "own decision")
        "You have withdrawn your application for Geography (2KX9).",
        # not an application of theirs
        "Your subscription was cancelled because you did not confirm your email address.",
        "Your account has been closed because you did not log in for 24 months.",
        # everyday life in hiring words
        "Your tenancy application has been withdrawn as you did not respond to the letting "
        "agent within 48 hours.",
    ],
)
def test_no_end_for_no_answer_threatened_own_or_outside_hiring(
    rules: RulesClassifier, text: str
) -> None:
    normalised, found = normalised_and_hits(rules, "", text)
    assert ended_unanswered(normalised, found) is None


# --- a place as an intern, apprentice or trainee ----------------------------------------

PLACES = [
    ("Sam Carter accepted for the winter round",
     "Congratulations on being accepted for the December to March internship round! You "
     "have been selected as an intern for Northwind working with your mentor Priya Shah. "
     "If you cannot take part, please tell us, so that another candidate can be selected."),
    ("Apprenticeship", "Dear Sam, we are pleased to say you have been chosen as one of our "
     "software engineering apprentices for the September intake."),
    ("Trainee scheme", "Hi Sam - you've been accepted as a graduate trainee on the 2027 "
     "finance scheme. Your contract will follow."),
]  # fmt: skip


@pytest.mark.parametrize(("subject", "text"), PLACES)
def test_a_place_as_an_intern_apprentice_or_trainee_is_an_offer(
    classifier: object, subject: str, text: str
) -> None:
    result = read(classifier, subject, text)
    assert result.label is Label.OFFER  # type: ignore[attr-defined]
    assert result.confidence >= 0.9  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "You have been selected for an interview for the internship.",
        "If you are selected as an intern, you will hear from your mentor in March.",
        "Unfortunately you have not been selected as an intern this round.",
        "Congratulations on being selected for the next stage of the apprenticeship process.",
        "Congratulations on being elected a Fellow of the Society.",
        "Congratulations on being accepted for the Churchill fellowship.",
        # the step before the place (review 16)
        "Congratulations! You have been selected as a trainee candidate to attend our "
        "assessment centre on Tuesday.",
        "Congratulations on being selected for the Summer Internship interview day on 3 March.",
    ],
)
def test_no_place_at_interview_supposed_denied_or_an_honour(
    rules: RulesClassifier, text: str
) -> None:
    normalised, found = normalised_and_hits(rules, "", text)
    assert place_given(normalised, found) is None


@pytest.mark.parametrize(
    "text",
    [
        "Congratulations! You have been selected as a trainee candidate to attend our "
        "assessment centre on Tuesday 8 December at 9:30.",
        "Congratulations on being selected for the Summer Internship interview day on "
        "Tuesday 3 March at 10:00.",
    ],
)
def test_an_invitation_to_the_step_before_a_place_stays_an_interview(
    classifier: object, text: str
) -> None:
    assert read(classifier, "Next steps", text).label is Label.INTERVIEW  # type: ignore[attr-defined]


def test_the_slower_notice_takes_linear_time_on_hostile_text(rules: RulesClassifier) -> None:
    """A run of "a-a-a-..." before "than usual": a leading \\b let [\\w-]+ read the rest of
    the run again from each word boundary (82 ms at 2,900 characters, about 9 s at 30,000;
    review 16). A bound far above the linear time (about 1 ms), so a loaded machine passes."""
    import time

    text = "a-" * 15_000 + " than usual"
    started = time.perf_counter()
    slower_than_usual(text, {})
    assert time.perf_counter() - started < 1.0


# --- slower than usual -------------------------------------------------------------------


def test_a_services_notice_that_applications_go_slowly_is_a_delay(classifier: object) -> None:
    result = read(
        classifier,
        "",
        "Dear Sam\n\nBecause of the strikes, your teacher training application might be "
        "processed more slowly than usual.\n\nTo check the status of your application, sign "
        "in to your account.",
    )
    assert result.label is Label.DELAY  # type: ignore[attr-defined]
    assert any("slower than usual" in why for why in result.reasons)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        # a receipt that says it in passing stays a receipt
        "Thank you for your application. We have received it and, due to high demand, "
        "applications may take longer than usual to review.",
        # not a job application
        "Your visa application may be processed more slowly than usual this month.",
        "Your mortgage application might take longer than usual because of demand.",
        "Responses to support tickets may take longer than usual over the holidays.",
    ],
)
def test_no_slower_notice_in_a_receipt_or_outside_hiring(rules: RulesClassifier, text: str) -> None:
    normalised, found = normalised_and_hits(rules, "", text)
    assert slower_than_usual(normalised, found) is None


# --- the user as someone's referee -------------------------------------------------------


def test_the_user_provided_as_a_referee_is_no_hiring_mail(classifier: object) -> None:
    text = (
        "Dear Sam Carter\n\nYou have been provided as a referee by Jordan Lee for the Data "
        "Analyst post at Northwind.\n\nPlease complete this reference request form."
    )
    assert to_a_referee(text) == "You have been provided as a referee"
    result = read(classifier, "Provide a reference for Jordan Lee", text)
    assert result.label is Label.NOT_RECRUITING  # type: ignore[attr-defined]


# --- none of these rules changes a written message ----------------------------------------


def test_the_programme_rules_fire_on_written_messages_only_as_their_labels(
    rules: RulesClassifier,
) -> None:
    """Of the team's written messages, the rules fire only on ones labelled as they say (the
    model already reads those so)."""
    from inbox_monitor.training import DATA_DIR, read_messages

    outside = []
    for path in sorted(DATA_DIR.glob("*.txt")):
        label = path.name.split(".")[0]
        for subject, text in read_messages(path):
            normalised, found = normalised_and_hits(rules, subject, text)
            if ended_unanswered(normalised, found) and label != "rejection":
                outside.append((path.name, "ended unanswered", subject))
            if place_given(normalised, found) and label != "offer":
                outside.append((path.name, "place given", subject))
            if slower_than_usual(normalised, found) and label != "delay":
                outside.append((path.name, "slower than usual", subject))
            if to_a_referee(text) and label != "not_recruiting":
                outside.append((path.name, "to a referee", subject))
    assert outside == []


# --- verification 16: what the rules must not read ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Your place on Thursday's webinar has been cancelled because you did not confirm it.",
        "Your upgrade offer has now expired as you did not accept it within 14 days.",
        "Your offer on the flat has been withdrawn because we did not receive proof of funds.",
        "Your class place for Pilates on Monday was cancelled as you didn't confirm.",
        "Your course place has been withdrawn because you did not accept the offer of a place.",
        # put right since
        "Sorry - your candidacy for the Data Engineer role was closed by mistake because we "
        "did not receive your form; we have reopened it.",
        # an interview beside it
        "Your application to the other team was closed because you didn't reply, but we would "
        "like to interview you for this role on Thursday 10 December at 10:00.",
    ],
)
def test_no_end_for_no_answer_outside_a_job_put_right_or_beside_an_interview(
    rules: RulesClassifier, text: str
) -> None:
    normalised, found = normalised_and_hits(rules, "", text)
    assert ended_unanswered(normalised, found) is None


def test_their_end_for_no_answer_is_not_read_as_the_users_own_withdrawal(
    classifier: object,
) -> None:
    result = read(
        classifier,
        "Your application to Pellow Systems",
        "Hi Sam, we have withdrawn your application for the Data Analyst role because you did "
        "not respond to our messages.",
    )
    assert result.label is Label.REJECTION  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "You have been selected as a reserve apprentice. If a place becomes available we will "
        "contact you.",
        "If you have been selected as an intern you will receive a separate email by 5 May.",
        "You have been selected as a trainee referee for the under-12s league this season.",
        "You have been accepted as a trainee member of the Institute of Data Professionals.",
        "You have been selected as one of our apprentices' mentors for the spring cohort.",
        "Congratulations - you have been selected as an intern candidate for our assessment "
        "centre on 3 February.",
        "Congratulations on being accepted onto the internship waiting list.",
    ],
)
def test_no_place_on_a_reserve_or_waiting_list_supposed_or_of_something_else(
    rules: RulesClassifier, text: str
) -> None:
    normalised, found = normalised_and_hits(rules, "", text)
    assert place_given(normalised, found) is None


@pytest.mark.parametrize(
    "text",
    [
        "Reminder to all staff: leave applications will be processed more slowly than usual "
        "while HR moves systems.",
        "Membership applications may be processed more slowly than usual over the holidays.",
        "Grant applications for the community fund are taking longer than usual to review.",
    ],
)
def test_no_slower_notice_for_other_applications(rules: RulesClassifier, text: str) -> None:
    normalised, found = normalised_and_hits(rules, "", text)
    assert slower_than_usual(normalised, found) is None
