"""Matching mail of hiring portals and vendors: a vacancy reference in the subject decides
between processes of one portal, a process named after a portal is found by its reference
whatever employer the mail now names, a vendor's mail goes to the process it is for; and a
pitch a filed reply answers is not in that reply's thread when it is about another role."""

from __future__ import annotations

from datetime import UTC, datetime

from inbox_monitor.match import MatchInput, ProcessIndex, match_process
from inbox_monitor.models import Extraction, Label, SenderRole

AT = datetime(2026, 12, 1, 9, tzinfo=UTC)


def message(
    *,
    label: Label = Label.DELAY,
    sender: str = "no-reply@vacancies.tal.net",
    message_id: str = "<new@x>",
    text: str = "",
    **extraction: object,
) -> MatchInput:
    extraction.setdefault("sender_role", SenderRole.AUTOMATED)
    return MatchInput(
        message_id=message_id,
        in_reply_to=None,
        references=(),
        direction="inbound",
        sender_email=sender,
        recipient_emails=("me@example.net",),
        label=label,
        needs_review=False,
        extraction=Extraction(**extraction),  # type: ignore[arg-type]
        date=AT,
        text=text,
    )


def two_vacancies(company: str | None = "Civil Service") -> ProcessIndex:
    """Two applications through one portal's address, each with its vacancy reference."""
    index = ProcessIndex()
    for process_id, role, reference in ((1, "Policy Adviser", "451207"), (2, None, "452816")):
        index.add_process(process_id, company, None, role)
        index.add_requisition(process_id, reference)
        index.add_message(
            process_id, AT, "inbound", Label.ACKNOWLEDGEMENT, sender="no-reply@vacancies.tal.net"
        )
    return index


# --- the vacancy reference in the subject ---------------------------------------------------


def test_the_reference_in_the_subject_decides_between_two_processes_of_one_name() -> None:
    # both processes carry the portal's name; the update names neither role nor reference
    # in words the reading found, but its subject carries the second one's number
    result = match_process(
        message(
            company="Marine Survey Agency",
            text="Marine Survey Agency - 452816 - Vessel Inspector - Update on your application\n"
            "The sift is taking longer than planned.",
        ),
        two_vacancies("Marine Survey Agency"),
    )
    assert (result.action, result.process_id) == ("attach", 2)


def test_a_reference_of_no_known_process_decides_nothing() -> None:
    result = match_process(
        message(
            company="Marine Survey Agency",
            text="Marine Survey Agency - 459999 - Vessel Inspector - Update\nStill sifting.",
        ),
        two_vacancies("Marine Survey Agency"),
    )
    assert (result.action, result.rule, result.candidates) == ("review", "tie", (1, 2))


def test_a_number_inside_a_longer_word_or_a_short_number_is_no_reference() -> None:
    index = two_vacancies("Marine Survey Agency")
    index.add_requisition(2, "812")
    for subject in (
        "Marine Survey Agency - A452816B - Update",  # part of another word
        "Marine Survey Agency - room 812 - Update",  # three characters: any number
    ):
        result = match_process(
            message(company="Marine Survey Agency", text=f"{subject}\nStill sifting."),
            index,
        )
        assert (result.action, result.rule) == ("review", "tie"), subject


def test_the_reference_read_from_the_body_still_counts_first() -> None:
    result = match_process(
        message(
            company="Marine Survey Agency",
            requisition_id="451207",
            text="Marine Survey Agency - 452816 - Update\nAbout vacancy 451207.",
        ),
        two_vacancies("Marine Survey Agency"),
    )
    assert (result.action, result.process_id) == ("attach", 1)


# --- a process named after a portal ----------------------------------------------------------


def test_a_process_named_after_a_portal_is_found_by_its_reference_from_the_portal() -> None:
    # the process kept the portal's name; the portal's mail now names the department
    result = match_process(
        message(
            label=Label.REJECTION,
            company="Marine Survey Agency",
            text="Marine Survey Agency - 452816 - Vessel Inspector - Sift outcome\nNot this time.",
        ),
        two_vacancies("Civil Service"),
    )
    assert (result.action, result.process_id, result.rule) == ("attach", 2, "relay")


def test_a_process_named_after_another_employer_is_not_found_so() -> None:
    # the same relay address and reference, but the process names another employer
    result = match_process(
        message(
            label=Label.REJECTION,
            company="Marine Survey Agency",
            text="Marine Survey Agency - 452816 - Vessel Inspector - Sift outcome\nNot this time.",
        ),
        two_vacancies("Forestry Board"),
    )
    assert (result.action, result.process_id) == ("open", None)


# --- a vendor's mail --------------------------------------------------------------------------


def search_with_vendor_mail(*, merged_into: bool = False) -> ProcessIndex:
    """A retained search for a client that the search firm named; and, after the
    assessment vendor's first mail (merged by the user, or joined by its subject), the
    vendor's address has written for it."""
    index = ProcessIndex()
    index.add_process(1, "Halloway Foods plc", "Brierley Search", "Chief Financial Officer")
    index.add_contact(1, "tom@brierleysearch.com")
    index.add_message(1, AT, "inbound", Label.OUTREACH, sender="tom@brierleysearch.com")
    if merged_into:
        index.add_message(1, AT, "inbound", Label.INTERVIEW, sender="noreply@quantiv.com")
    return index


def test_a_vendor_invitation_whose_subject_names_the_client_joins_its_process() -> None:
    result = match_process(
        message(
            label=Label.INTERVIEW,
            sender="noreply@quantiv.com",
            company="Quantiv",
            text="Halloway Foods plc: complete your reasoning tests\n"
            "Brierley Search has asked us to send you two short tests for Halloway Foods.",
        ),
        search_with_vendor_mail(),
    )
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "company")


def test_a_vendor_receipt_that_names_nobody_joins_the_process_it_wrote_for() -> None:
    # after the user merged the vendor's first process into the search
    result = match_process(
        message(
            label=Label.ACKNOWLEDGEMENT,
            sender="noreply@quantiv.com",
            company="Quantiv",
            text="Thanks - your tests are complete\nYour results have gone to Brierley Search.",
        ),
        search_with_vendor_mail(merged_into=True),
    )
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "relay")


def test_a_vendor_invitation_for_someone_else_opens_its_own_process() -> None:
    # it wrote for the search before, but an invitation says whom it is for: another client
    result = match_process(
        message(
            label=Label.INTERVIEW,
            sender="noreply@quantiv.com",
            company="Quantiv",
            text="Your tests for Pendle Water\nPlease complete them by Friday.",
        ),
        search_with_vendor_mail(merged_into=True),
    )
    assert (result.action, result.process_id) == ("open", None)


def test_an_employer_own_automated_mail_naming_a_client_in_its_subject_is_its_own() -> None:
    # the company's own noreply (a person would be a contact): its subject names another
    # process's company, but not as the vendor's own name - it names itself too
    result = match_process(
        message(
            label=Label.ACKNOWLEDGEMENT,
            sender="noreply@quantiv.com",
            company="Quantiv",
            text="Quantiv: thanks for applying - not Halloway Foods\nWe will be in touch.",
        ),
        search_with_vendor_mail(),
    )
    assert (result.action, result.process_id) == ("open", None)


def test_a_person_at_a_vendor_is_no_vendor_mail() -> None:
    result = match_process(
        message(
            label=Label.INTERVIEW,
            sender="lena@quantiv.com",
            company="Quantiv",
            sender_role=SenderRole.INHOUSE_RECRUITER,
            text="Halloway Foods plc - your application to Quantiv\nHello from our team.",
        ),
        search_with_vendor_mail(),
    )
    assert (result.action, result.process_id) == ("open", None)


# --- a pitch that a filed reply answers -------------------------------------------------------


def agency_process_with_a_reply_to_a_new_pitch() -> ProcessIndex:
    """An agency's process for one client; the user's reply to the agency's second pitch
    was filed in it by contact (the pitch itself was read as noise), so the pitch's own
    Message-ID is known as that process's."""
    index = ProcessIndex()
    index.add_process(1, "Ravensworth Capital", "Brierley Search", None)
    index.add_contact(1, "tom@brierleysearch.com")
    index.add_thread_ids(1, ["<reply@me>", "<pitch2@brierley>"])
    return index


def test_a_second_pitch_for_another_role_is_not_in_the_thread_of_its_reply() -> None:
    result = match_process(
        message(
            label=Label.OUTREACH,
            sender="tom@brierleysearch.com",
            message_id="<pitch2@brierley>",
            agency="Brierley Search",
            sender_role=SenderRole.AGENCY_RECRUITER,
            text="Another one - Finance Director, listed retailer\n"
            "Separately from Ravensworth: we have been asked to help on an FD search for a "
            "listed retailer. Would it interest you?",
        ),
        agency_process_with_a_reply_to_a_new_pitch(),
    )
    assert (result.action, result.process_id) == ("open", None)
    assert "thread of <pitch2@brierley>" not in result.reason


def test_news_a_filed_reply_answers_joins_its_process_and_says_so() -> None:
    result = match_process(
        message(
            label=Label.INTERVIEW,
            sender="tom@brierleysearch.com",
            message_id="<pitch2@brierley>",
            agency="Brierley Search",
            sender_role=SenderRole.AGENCY_RECRUITER,
            text="Ravensworth - next steps\nThey would like to meet you next week.",
        ),
        agency_process_with_a_reply_to_a_new_pitch(),
    )
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "thread")
    assert result.reason == "a message of #1 replies to it"


def test_a_pitch_about_the_same_role_a_filed_reply_answers_joins_it() -> None:
    result = match_process(
        message(
            label=Label.OUTREACH,
            sender="tom@brierleysearch.com",
            message_id="<pitch2@brierley>",
            agency="Brierley Search",
            sender_role=SenderRole.AGENCY_RECRUITER,
            text="Ravensworth CFO - a few more details\n"
            "Separately from that, the package is now confirmed.",
        ),
        agency_process_with_a_reply_to_a_new_pitch(),
    )
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "thread")
