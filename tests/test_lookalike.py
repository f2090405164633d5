"""A correction carries to the same sender's copies of a template (inbox_monitor/lookalike.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from inbox_monitor.lexicon import load_cues, shipped_cues_path
from inbox_monitor.lookalike import (
    CHANGE_WORDS,
    NEWS_WORDS,
    SIGN_IN_PHRASES,
    SIMILARITY,
    Corrected,
    behind_login,
    like_correction,
    news_words,
    similarity,
    template_of,
)
from inbox_monitor.models import Label

NEWS = news_words(load_cues(shipped_cues_path()))
AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def portal(course: str, provider: str, status: str = "Received") -> tuple[str, str]:
    return (
        f"Application update: {course}",
        f"Dear Alex,\n\nYour application for {course} (2XT{len(course)}) at {provider} has a "
        f"new status.\n\nStatus: {status}\n\nSign in to your account to see the details: "
        f"https://apply.example/a/{len(provider) * 7}.\n\nYou can track every application you "
        "have made from your account page. If you have a question, contact the service desk.",
    )


def corrected(subject: str, text: str, read_as: Label, label: Label, day: int = 20) -> Corrected:
    return Corrected(
        f"<{day}@portal>", AT.replace(day=day), read_as, label, template_of(subject, text)
    )


def test_template_words_leave_out_names_numbers_and_links() -> None:
    template = template_of(*portal("Primary Mathematics", "Northfield University"))
    assert "application" in template.lower and "status" in template.lower
    assert "mathematics" not in template.lower and "northfield" not in template.lower
    assert "https" not in template.every and "apply" not in template.every
    assert "mathematics" in template.every and "received" in template.every
    assert template_of("", "Then we\u2019ll call you on 3 May.").lower >= {"we'll", "0"}


def test_news_words_are_the_cue_and_status_words_not_common_ones() -> None:
    assert {"offer", "unsuccessful", "shortlisted", "interview", "not"} <= NEWS
    assert not {"the", "you", "your", "dear", "account"} & NEWS
    # the everyday-life group places mail outside hiring: its words are no news
    assert not {"tenancy", "mortgage", "manuscript", "landlord"} & NEWS


def test_a_copy_of_the_template_for_another_course_takes_the_correction() -> None:
    first = corrected(
        *portal("Primary Mathematics", "Northfield University"),
        Label.REQUEST,
        Label.ACKNOWLEDGEMENT,
    )
    later = template_of(*portal("Secondary English", "Eastgate College"))
    assert similarity(later, first.template) == 1.0
    likeness = like_correction(later, Label.REQUEST, [first], NEWS)
    assert likeness is not None and likeness.corrected is first
    assert likeness.reason == (
        "like a message you corrected on 2026-11-20 (request \u2192 acknowledgement; "
        "100% of its template words)"
    )


def test_the_same_template_with_other_news_keeps_the_models_reading() -> None:
    first = corrected(
        *portal("Primary Mathematics", "Northfield University", "Unsuccessful"),
        Label.REQUEST,
        Label.REJECTION,
    )
    for status in ("Offer made", "Declined", "Interview"):
        later = template_of(*portal("Primary Mathematics", "Northfield University", status))
        assert similarity(later, first.template) == 1.0  # the status is capitalised
        assert like_correction(later, Label.REQUEST, [first], NEWS) is None, status


def test_a_message_the_model_reads_otherwise_keeps_its_reading() -> None:
    first = corrected(
        *portal("Primary Mathematics", "Northfield University"),
        Label.REQUEST,
        Label.ACKNOWLEDGEMENT,
    )
    later = template_of(*portal("Secondary English", "Eastgate College"))
    assert like_correction(later, Label.NOT_RECRUITING, [first], NEWS) is None
    # a correction that only confirmed the model's reading changes nothing
    agreed = corrected(
        *portal("Primary Mathematics", "Northfield University"), Label.REQUEST, Label.REQUEST
    )
    assert like_correction(later, Label.REQUEST, [agreed], NEWS) is None


def test_another_text_from_the_sender_is_not_a_copy() -> None:
    first = corrected(
        *portal("Primary Mathematics", "Northfield University"),
        Label.REQUEST,
        Label.ACKNOWLEDGEMENT,
    )
    subject, text = portal("Secondary English", "Eastgate College")
    longer = template_of(
        subject,
        text + " Our offices are closed over the winter break, so "
        "replies may take longer than usual this month.",
    )
    assert similarity(longer, first.template) < SIMILARITY
    assert like_correction(longer, Label.REQUEST, [first], NEWS) is None


def test_copies_corrected_to_different_labels_decide_nothing() -> None:
    text = portal("Primary Mathematics", "Northfield University")
    one = corrected(*text, Label.REQUEST, Label.ACKNOWLEDGEMENT, day=18)
    other = corrected(*text, Label.REQUEST, Label.NOT_RECRUITING, day=19)
    later = template_of(*portal("Secondary English", "Eastgate College"))
    assert like_correction(later, Label.REQUEST, [one, other], NEWS) is None
    again = corrected(*text, Label.REQUEST, Label.ACKNOWLEDGEMENT, day=21)
    likeness = like_correction(later, Label.REQUEST, [one, again], NEWS)
    assert likeness is not None and likeness.corrected is again  # the latest among equals


def test_a_negation_is_news() -> None:
    said = (
        "Thank you for your time last week and for the work you put into the exercise. Having"
        " talked it over with the panel, we {} be moving forward with your application for"
        " the role, and we will write with the details in the next few days."
    )
    first = corrected("Next steps", said.format("will"), Label.REQUEST, Label.INTERVIEW)
    for negated in ("won't", "will not", "will never"):
        later = template_of("Next steps", said.format(negated))
        assert similarity(later, first.template) >= SIMILARITY  # only the negation differs
        assert like_correction(later, Label.REQUEST, [first], NEWS) is None, negated


def test_a_notice_with_its_news_behind_a_login_passes_no_correction_on() -> None:
    # the user signed in, found a rejection and labelled the notice: the portal's next
    # identical notice may be an invitation, or another application's news
    notice = (
        "Update on your application",
        "Hi Sam,\n\nThe status of your application for Staff Engineer has changed. Please sign"
        " in to your candidate home to view it.",
    )
    corrected = Corrected(
        "<n1@portal>", AT, Label.ACKNOWLEDGEMENT, Label.REJECTION, template_of(*notice)
    )
    assert behind_login(corrected.template)
    again = template_of(notice[0], notice[1].replace("Staff Engineer", "Data Engineer"))
    assert like_correction(again, Label.ACKNOWLEDGEMENT, [corrected], NEWS) is None
    # a template that holds its news carries as before
    assert not behind_login(template_of("Application received", "We have your application."))


def test_the_template_view_of_a_notice_behind_a_login_reads_the_classifiers_words() -> None:
    from inbox_monitor import classify

    # one list: the classifier's rule looks for these words before it reads the sentences
    assert classify._SIGN_IN_WORDS is SIGN_IN_PHRASES
    assert set(CHANGE_WORDS + NEWS_WORDS) == set(classify._CHANGE_WORDS)
    # the notices the rule reads pass no correction on: "new information", "logging in"
    for text in (
        "There is new information regarding your application for Product Manager. Log in to "
        "your candidate account to read it.",
        "You have a new message about your application. Please log on to the portal.",
        "Your application has been updated. You can see it by logging in to your account.",
    ):
        assert behind_login(template_of("Regarding your application", text)), text
    # without an application, "message" and "information" are any template's words
    for text in (
        "This message was sent to robin@example.com. Log in to manage your preferences.",
        "For more information about our events, sign in to your member area.",
    ):
        assert not behind_login(template_of("Weekly digest", text)), text
