"""Shared senders and the chain around one process: job boards and newsletters, ATS relay
addresses, the client's own mail about an agency's process, an agency's next pitch, and the
user's withdrawal to a graduate team (audit 6 V1, V2, V3, V10, V11; audit 5 B5, B8)."""

from __future__ import annotations

from datetime import UTC, datetime

from inbox_monitor.match import MatchInput, ProcessIndex, match_process
from inbox_monitor.models import Extraction, Label, Outcome, SenderRole

ME = "me@example.net"
AUTOMATED = SenderRole.AUTOMATED
EARLY = datetime(2026, 10, 2, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


def message(
    *,
    label: Label = Label.INTERVIEW,
    sender: str | None = "someone@example.com",
    direction: str = "inbound",
    recipients: tuple[str, ...] = (ME,),
    needs_review: bool = False,
    bulk: bool = False,
    date: datetime | None = LATER,
    text: str = "",
    **extraction: object,
) -> MatchInput:
    return MatchInput(
        message_id="<new@x>",
        in_reply_to=None,
        references=(),
        direction=direction,  # type: ignore[arg-type]
        sender_email=sender,
        recipient_emails=recipients,
        label=label,
        needs_review=needs_review,
        extraction=Extraction(**extraction),  # type: ignore[arg-type]
        bulk=bulk,
        date=date,
        text=text,
    )


def filed(
    index: ProcessIndex,
    process_id: int,
    sender: str,
    label: Label = Label.ACKNOWLEDGEMENT,
    *,
    requisition: str | None = None,
) -> None:
    """One of their messages filed in the process, as load_index records it."""
    index.add_message(process_id, EARLY, "inbound", label, None, sender, read_as=label)
    index.add_requisition(process_id, requisition)


# --- V2: job boards and newsletters ------------------------------------------------------


def board_index() -> ProcessIndex:
    """A job board's address linked as a contact of an application (by an older version)."""
    index = ProcessIndex()
    index.add_process(1, "Acme Robotics", None, "Data Analyst")
    index.add_contact(1, "hello@jobnest.example")
    return index


def test_an_unsure_newsletter_read_as_noise_joins_no_process_by_its_sender() -> None:
    result = match_process(
        message(label=Label.NOT_RECRUITING, sender="hello@jobnest.example", bulk=True,
                needs_review=True, text="Top 10 interview tips\nHi, ..."),
        board_index(),
    )  # fmt: skip
    assert (result.action, result.process_id, result.rule) == ("review", None, "low_confidence")


def test_a_job_alert_read_as_an_interview_is_no_contact_news() -> None:
    result = match_process(
        message(label=Label.INTERVIEW, sender="hello@jobnest.example", bulk=True,
                text="Practise your video interview with our free tool"),
        board_index(),
    )  # fmt: skip
    assert (result.action, result.process_id, result.rule) == ("review", None, "bulk")


def test_a_contacts_own_unsure_mail_still_joins_their_process() -> None:
    # the counter-example: a person's mail (not list mail) read unsure stays theirs
    index = board_index()
    index.add_contact(1, "jane@acmerobotics.example")
    result = match_process(
        message(label=Label.NOT_RECRUITING, sender="jane@acmerobotics.example",
                needs_review=True),
        index,
    )  # fmt: skip
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "contact")


# --- V1: a vendor's address is nobody's contact -------------------------------------------


def test_a_test_vendors_mail_for_another_employer_does_not_join_the_first() -> None:
    # (a guard: its automated address never decides the process; the employer it names does)
    index = ProcessIndex()
    index.add_process(1, "Halvorsen Bank", None, None)
    index.add_process(2, "Kingsmoor Capital", None, None)
    filed(index, 1, "no-reply@cappfinity.com", Label.ACKNOWLEDGEMENT)
    result = match_process(
        message(label=Label.ACKNOWLEDGEMENT, sender="no-reply@cappfinity.com",
                sender_role=AUTOMATED, company="Kingsmoor Capital"),
        index,
    )  # fmt: skip
    assert (result.action, result.process_id, result.rule) == ("attach", 2, "company")


# --- V3: another requisition of the same employer ---------------------------------------


def halvorsen() -> ProcessIndex:
    index = ProcessIndex()
    index.add_process(1, "Halvorsen Bank", None, None)
    filed(index, 1, "halvorsenbank@myworkday.com", requisition="R52022")
    return index


def test_another_requisition_of_the_same_employer_is_another_application() -> None:
    result = match_process(
        message(label=Label.ACKNOWLEDGEMENT, sender="halvorsenbank@myworkday.com",
                sender_role=AUTOMATED, company="Halvorsen Bank", requisition_id="R61234"),
        halvorsen(),
    )  # fmt: skip
    assert (result.action, result.rule) == ("open", "new")


def test_the_same_requisition_or_none_stays_with_the_application() -> None:
    for requisition in ("r52022", None):
        result = match_process(
            message(label=Label.INTERVIEW, sender="no-reply@shl.com", sender_role=AUTOMATED,
                    company="Halvorsen Bank", requisition_id=requisition),
            halvorsen(),
        )  # fmt: skip
        assert (result.action, result.process_id) == ("attach", 1), requisition


# --- V10: the relay address of the acknowledgement, about the same role ------------------


def lindqvist() -> ProcessIndex:
    index = ProcessIndex()
    index.add_process(1, "Lindqvist Building Society", None, "Marketing Graduate Scheme")
    filed(index, 1, "lindqvistbuil@myworkday.com")
    return index


def test_a_rejection_from_the_acknowledgements_relay_address_about_its_role_joins_it() -> None:
    # its body names no company: the company read is the Workday tenant's, cut short
    for company in ("Lindqvistbuil", None):
        result = match_process(
            message(label=Label.REJECTION, sender="lindqvistbuil@myworkday.com",
                    sender_role=AUTOMATED, company=company, role="Marketing Graduate Scheme",
                    text="Marketing Graduate Scheme - outcome\nDear Sam, ..."),
            lindqvist(),
        )  # fmt: skip
        assert (result.action, result.process_id, result.rule) == ("attach", 1, "relay"), company


def test_the_same_relay_address_about_another_role_or_company_is_not_it() -> None:
    other_role = match_process(
        message(label=Label.REJECTION, sender="lindqvistbuil@myworkday.com",
                sender_role=AUTOMATED, role="Finance Graduate Scheme"),
        lindqvist(),
    )  # fmt: skip
    assert other_role.process_id is None
    # a relay address shared by many employers: another company named is another's news
    index = ProcessIndex()
    index.add_process(1, "Fjordline", None, "Data Analyst")
    filed(index, 1, "no-reply@greenhouse.io")
    other_company = match_process(
        message(label=Label.ACKNOWLEDGEMENT, sender="no-reply@greenhouse.io",
                sender_role=AUTOMATED, company="Brightmoor", role="Data Analyst"),
        index,
    )  # fmt: skip
    assert (other_company.action, other_company.rule) == ("open", "new")
    # the same role in two processes of that address, and no company: the user chooses
    index.add_process(2, "Castlebay", None, "Data Analyst")
    filed(index, 2, "no-reply@greenhouse.io")
    tie = match_process(
        message(label=Label.REJECTION, sender="no-reply@greenhouse.io", sender_role=AUTOMATED,
                role="Data Analyst"),
        index,
    )  # fmt: skip
    assert (tie.action, tie.rule, tie.candidates) == ("review", "tie", (1, 2))


# --- B5: the client's own mail about the agency's process ---------------------------------


def nordwik() -> ProcessIndex:
    index = ProcessIndex()
    index.add_process(1, "Nordwik Freight", "Brenner IT Consulting", "Senior Platform Engineer")
    index.add_contact(1, "marek@brenner-it.example")
    return index


def test_the_clients_recruiter_with_the_agency_recruiter_in_copy_joins_the_agency_process() -> None:
    result = match_process(
        message(sender="katrin@nordwik-freight.example",
                recipients=(ME, "marek@brenner-it.example"),
                sender_role=SenderRole.INHOUSE_RECRUITER, company="Nordwik Freight",
                role="Interview Senior Platform Engineer",
                text="Interview Senior Platform Engineer - Nordwik Freight\nDear Jonas, ..."),
        nordwik(),
    )  # fmt: skip
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "agency")


def test_the_clients_mail_naming_the_agency_joins_the_agency_process() -> None:
    result = match_process(
        message(sender="katrin@nordwik-freight.example", company="Nordwik Freight",
                role="Interview Senior Platform Engineer",
                text="Interview - Nordwik Freight\nThank you for your interest in our project, "
                     "which reached us through Brenner IT Consulting."),
        nordwik(),
    )  # fmt: skip
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "agency")


def test_the_agency_recruiter_in_copy_of_another_company_or_role_is_no_reason() -> None:
    other_company = match_process(
        message(sender="hr@elsewhere.example", recipients=(ME, "marek@brenner-it.example"),
                company="Elsewhere Logistics", text="Interview - Elsewhere Logistics\nHi"),
        nordwik(),
    )  # fmt: skip
    assert (other_company.action, other_company.rule) == ("open", "new")
    other_role = match_process(
        message(sender="katrin@nordwik-freight.example",
                recipients=(ME, "marek@brenner-it.example"), company="Nordwik Freight",
                role="Finance Controller", text="Finance Controller - Nordwik Freight\nHi"),
        nordwik(),
    )  # fmt: skip
    assert (other_role.action, other_role.rule) == ("open", "new")


# --- B8: an agency's next pitch -----------------------------------------------------------


def test_an_agencys_another_one_for_you_opens_its_own_process() -> None:
    # the first pitch named neither the client nor a role the matcher read
    index = ProcessIndex()
    index.add_process(1, None, "Talentbrook Europe", None)
    index.add_contact(1, "aoife@talentbrook.example")
    result = match_process(
        message(label=Label.OUTREACH, sender="aoife@talentbrook.example",
                sender_role=SenderRole.AGENCY_RECRUITER, agency="Talentbrook Europe",
                role="Senior Kotlin Developer",
                text="Senior Kotlin Developer - Munich\nHi Jonas,\nAs promised, another one for "
                     "you: a Senior Kotlin Developer contract, fully remote."),
        index,
    )  # fmt: skip
    assert (result.action, result.rule) == ("open", "new")
    # news of the first pitch ("another one for your records") stays with it
    same = match_process(
        message(label=Label.OUTREACH, sender="aoife@talentbrook.example",
                sender_role=SenderRole.AGENCY_RECRUITER, agency="Talentbrook Europe",
                text="Platform contract\nHi Jonas, the rate sheet again, another one for "
                     "your records."),
        index,
    )  # fmt: skip
    assert (same.action, same.process_id) == ("attach", 1)


# --- V11: the user's withdrawal to a graduate team ----------------------------------------


def linwood() -> ProcessIndex:
    """An application whose mail came from an ATS relay: no company domain known."""
    index = ProcessIndex()
    index.add_process(1, "Linwood Biotech", None, None)
    filed(index, 1, "no-reply@taleo.net")
    index.add_process(2, "Castleford Consulting", None, None)
    filed(index, 2, "notifications@gradhub.example")
    return index


def own(to: str, text: str, decision: Outcome | None = Outcome.WITHDRAWN) -> MatchInput:
    return message(label=Label.NOT_RECRUITING, sender=ME, direction="outbound",
                   recipients=(to,), sender_role=SenderRole.USER, decision=decision,
                   text=text)  # fmt: skip


def test_a_withdrawal_to_the_graduate_team_joins_the_application() -> None:
    result = match_process(
        own("graduates@linwoodbiotech.example",
            "Withdrawal - HR Graduate Programme\nHello,\n\nI would like to withdraw my "
            "application for the HR Graduate Programme."),
        linwood(),
    )  # fmt: skip
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "domain")


def test_a_withdrawal_greeting_the_company_joins_its_application() -> None:
    # the domain is the name cut short: the greeting names the company
    result = match_process(
        own("team@castlefordcons.example",
            "Withdrawal\nDear Castleford Consulting Early Careers team,\n\nI would like to "
            "withdraw my application."),
        linwood(),
    )  # fmt: skip
    assert (result.action, result.process_id, result.rule) == ("attach", 2, "domain")


def test_a_withdrawal_that_matches_no_process_waits_for_review() -> None:
    result = match_process(
        own("graduates@unknownco.example", "Withdrawal\nDear team,\n\nI withdraw."), linwood()
    )
    assert (result.action, result.rule) == ("review", "own_decision")


def test_other_own_mail_to_a_company_address_is_still_set_aside() -> None:
    # a friend who works there, no decision, no hiring mailbox: nothing to do with it
    result = match_process(
        own("sam@linwoodbiotech.example", "Drinks?\nHi Sam, Friday?", decision=None), linwood()
    )
    assert (result.action, result.rule) == ("ignore", "outbound")
    # nor does a greeting to a person count as naming a company
    greeted = match_process(
        own("sam@elsewhere.example", "Drinks?\nDear Sam,\n\nFriday?", decision=None), linwood()
    )
    assert greeted.action == "ignore"
