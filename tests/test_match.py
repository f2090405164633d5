from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from difflib import SequenceMatcher

from hypothesis import example, given, settings
from hypothesis import strategies as st

from inbox_monitor.match import (
    FUZZY_THRESHOLD,
    MatchInput,
    ProcessIndex,
    _alike,
    match_process,
    normalize_company,
)
from inbox_monitor.models import Extraction, Label, Outcome, SenderRole


def message(
    *,
    label: Label = Label.INTERVIEW,
    sender: str | None = "jane@acme.example",
    in_reply_to: str | None = None,
    references: tuple[str, ...] = (),
    direction: str = "inbound",
    recipients: tuple[str, ...] = ("me@example.net",),
    needs_review: bool = False,
    date: datetime | None = None,
    relay_name: str | None = None,
    text: str = "",
    **extraction: object,
) -> MatchInput:
    return MatchInput(
        message_id="<new@x>",
        in_reply_to=in_reply_to,
        references=references,
        direction=direction,  # type: ignore[arg-type]
        sender_email=sender,
        recipient_emails=recipients,
        label=label,
        needs_review=needs_review,
        extraction=Extraction(**extraction),  # type: ignore[arg-type]
        relay_name=relay_name,
        date=date,
        text=text,
    )


def two_processes() -> ProcessIndex:
    index = ProcessIndex()
    index.add_process(1, "Acme Robotics Ltd", None, "Data Analyst")
    index.add_thread_ids(1, ["<a1@acme>", "<a2@acme>"])
    index.add_contact(1, "jane@acme.example")
    index.add_process(2, None, "TalentBridge Partners", None)
    index.add_thread_ids(2, ["<t1@tb>"])
    index.add_contact(2, "priya@talentbridge.example")
    return index


def test_thread_headers_win_over_everything() -> None:
    result = match_process(
        message(
            label=Label.NOT_RECRUITING,
            sender="someone@else.example",
            in_reply_to="<t1@tb>",
            company="Acme Robotics",
        ),
        two_processes(),
    )
    assert (result.action, result.process_id, result.rule) == ("attach", 2, "thread")


def test_references_find_the_thread_when_in_reply_to_is_unknown() -> None:
    result = match_process(
        message(in_reply_to="<gone@x>", references=("<a1@acme>", "<gone@x>")), two_processes()
    )
    assert (result.action, result.process_id) == ("attach", 1)


def test_known_contact() -> None:
    result = match_process(message(sender="priya@talentbridge.example"), two_processes())
    assert (result.process_id, result.rule) == (2, "contact")


def test_ats_no_reply_is_not_a_contact_but_the_company_matches() -> None:
    index = two_processes()
    index.add_contact(1, "no-reply@greenhouse-mail.io")
    index.add_contact(2, "no-reply@greenhouse-mail.io")
    result = match_process(
        message(
            sender="no-reply@greenhouse-mail.io",
            company="ACME Robotics, Inc.",
            sender_role=SenderRole.AUTOMATED,
        ),
        index,
    )
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "company")


def test_agency_client_named_later_joins_the_agency_process() -> None:
    index = two_processes()
    index.add_process(2, "Globex", "TalentBridge Partners", None)
    result = match_process(
        message(sender="talent@globex.example", company="Globex Corporation"), index
    )
    assert (result.action, result.process_id) == ("attach", 2)


def test_same_company_other_role_is_a_new_process() -> None:
    result = match_process(
        message(
            label=Label.ACKNOWLEDGEMENT,
            sender="jobs@acme.example",
            company="Acme Robotics",
            role="Head of Marketing",
        ),
        two_processes(),
    )
    assert result.action == "open"


def test_a_contact_in_two_processes_is_a_tie_for_review() -> None:
    index = two_processes()
    index.add_contact(1, "priya@talentbridge.example")
    result = match_process(message(sender="priya@talentbridge.example"), index)
    assert result.action == "review"
    assert result.candidates == (1, 2)


def test_noise_never_opens_a_process() -> None:
    result = match_process(
        message(label=Label.NOT_RECRUITING, sender="deals@shop.example", company="Shop"),
        two_processes(),
    )
    assert result.action == "ignore"


def test_noise_from_a_person_in_a_process_waits_for_review_unless_it_is_list_mail() -> None:
    noise = message(label=Label.NOT_RECRUITING, sender="jane@acme.example")
    result = match_process(noise, two_processes())
    assert (result.action, result.process_id, result.rule) == ("review", None, "noise_from_contact")
    assert result.candidates == (1,)
    assert result.reason == "from a contact of #1, read as noise"
    newsletter = MatchInput(**{**vars(noise), "bulk": True})
    assert match_process(newsletter, two_processes()).action == "ignore"


def test_unknown_interview_without_company_goes_to_review() -> None:
    result = match_process(message(sender="someone@gmail.com"), two_processes())
    assert (result.action, result.rule) == ("review", "unknown_process")


def test_outreach_opens_a_process() -> None:
    result = match_process(
        message(label=Label.OUTREACH, sender="new@agency.example", agency="Agency"), two_processes()
    )
    assert result.action == "open"


def test_low_confidence_goes_to_review_instead_of_opening() -> None:
    result = match_process(
        message(label=Label.OUTREACH, sender="new@agency.example", needs_review=True),
        two_processes(),
    )
    assert (result.action, result.rule) == ("review", "low_confidence")


def test_outbound_joins_by_recipient_and_never_opens() -> None:
    index = two_processes()
    joined = match_process(
        message(direction="outbound", sender="me@example.net", recipients=("jane@acme.example",)),
        index,
    )
    assert (joined.action, joined.process_id) == ("attach", 1)
    stray = match_process(
        message(
            direction="outbound",
            sender="me@example.net",
            recipients=("friend@example.org",),
            label=Label.OUTREACH,
        ),
        index,
    )
    assert stray.action == "ignore"


def two_roles_at_birchwood() -> ProcessIndex:
    """Two applications at Birchwood: its receipts came from careers@birchwood.example
    (Data Analyst) and from an ATS (Product Analyst); a recruiter at gmail.com runs a third."""
    index = ProcessIndex()
    index.add_process(1, "Birchwood", None, "Data Analyst")
    index.add_requisition(1, "BW-118")
    index.add_message(1, day(11, 2), "inbound", Label.ACKNOWLEDGEMENT, None,
                      "careers@birchwood.example")  # fmt: skip
    index.add_process(2, "Birchwood", None, "Product Analyst")
    index.add_message(2, day(11, 3), "inbound", Label.ACKNOWLEDGEMENT, None,
                      "no-reply@myworkday.com")  # fmt: skip
    index.add_process(3, "Larchmont", "Sam Recruits", "Platform Engineer")
    index.add_message(3, day(11, 4), "inbound", Label.OUTREACH, None, "sam.recruits@gmail.com")
    index.add_contact(3, "sam.recruits@gmail.com")
    return index


def own_mail(*recipients: str, **extraction: object) -> MatchInput:
    return message(
        direction="outbound",
        sender="me@example.net",
        recipients=recipients,
        label=Label.NOT_RECRUITING,
        date=day(11, 12),
        **extraction,
    )


def test_own_mail_on_no_thread_joins_the_process_of_the_company_it_writes_to() -> None:
    index = two_roles_at_birchwood()
    # a withdrawal to the careers mailbox, naming the role (and the employer the user is
    # going to, which does not count against the process)
    withdrawal = own_mail("careers@birchwood.example", role="Data Analyst",
                          company="Oakhill Bank", decision=Outcome.WITHDRAWN)  # fmt: skip
    joined = match_process(withdrawal, index)
    assert (joined.action, joined.process_id, joined.rule) == ("attach", 1, "domain")
    # the Product Analyst receipts came from an ATS: the company's name is its domain's
    by_name = match_process(own_mail("jobs@birchwood.example", role="Product Analyst"), index)
    assert (by_name.action, by_name.process_id) == ("attach", 2)
    # a person there, not a contact yet, about the application by its requisition id
    by_id = match_process(own_mail("lee.hart@birchwood.example", requisition_id="bw-118"), index)
    assert (by_id.action, by_id.process_id) == ("attach", 1)


def test_own_mail_to_a_company_with_two_processes_is_filed_only_when_it_names_one() -> None:
    index = two_roles_at_birchwood()
    unnamed = match_process(own_mail("careers@birchwood.example"), index)
    assert (unnamed.action, unnamed.process_id, unnamed.candidates) == ("review", None, (1, 2))
    # an application by mail for a third role is neither of them (and opens nothing)
    other = match_process(own_mail("careers@birchwood.example", role="Risk Analyst"), index)
    assert (other.action, other.process_id) == ("ignore", None)


def test_own_mail_to_a_friend_is_filed_nowhere() -> None:
    index = two_roles_at_birchwood()
    # a friend who works at the company, written to about nothing the process names
    friend = match_process(own_mail("robin@birchwood.example", company="Birchwood"), index)
    assert (friend.action, friend.process_id) == ("ignore", None)
    # gmail.com is nobody's company: the recruiter there is known by the address alone
    gmail = match_process(own_mail("old.friend@gmail.com", role="Platform Engineer"), index)
    assert (gmail.action, gmail.process_id) == ("ignore", None)
    recruiter = match_process(own_mail("sam.recruits@gmail.com"), index)
    assert (recruiter.action, recruiter.process_id, recruiter.rule) == ("attach", 3, "contact")


def test_own_mail_to_the_company_of_an_ended_process_is_filed_nowhere() -> None:
    index = two_roles_at_birchwood()
    index.add_message(1, day(11, 8), "inbound", Label.REJECTION, None, "careers@birchwood.example")
    after = match_process(own_mail("careers@birchwood.example", role="Data Analyst"), index)
    assert (after.action, after.process_id) == ("ignore", None)
    # the other one is still open and takes the mail that names it
    other = match_process(own_mail("careers@birchwood.example", role="Product Analyst"), index)
    assert (other.action, other.process_id) == ("attach", 2)


def test_fuzzy_company_needs_the_role_to_agree() -> None:
    index = two_processes()
    near = match_process(
        message(sender="x@acme-robotic.example", company="Acme Robotic", role="Data Analyst"), index
    )
    assert (near.action, near.rule) == ("attach", "fuzzy")


def test_company_normalisation() -> None:
    assert normalize_company("ACME Robotics, Inc.") == "acmerobotics"
    assert normalize_company("Acme Robotics Careers") == "acmerobotics"
    # the name made from a domain is the company's own, suffix words and all
    assert normalize_company("Acmerobotics") == normalize_company("Acme Robotics")
    assert normalize_company("Harbourtalent") == normalize_company("Harbour Talent") == "harbour"
    # a suffix glued to a short name is part of the name
    assert normalize_company("Mytalent") == "mytalent"
    assert normalize_company(None) == ""


def test_list_mail_never_opens_a_process_but_joins_a_known_one() -> None:
    newsletter = message(
        label=Label.INTERVIEW, sender="news@databrief.example", company="Data Brief"
    )
    bulk = MatchInput(**{**newsletter.__dict__, "bulk": True})
    assert match_process(bulk, two_processes()).action == "review"
    known = MatchInput(**{**bulk.__dict__, "extraction": Extraction(company="Acme Robotics")})
    assert match_process(known, two_processes()).process_id == 1


def test_an_out_of_office_reply_joins_its_senders_process_or_none() -> None:
    index = two_processes()
    automated = {"away": True, "sender_role": SenderRole.AUTOMATED, "company": "Acme Robotics"}
    # from a contact: their process, for the date they are back
    joined = match_process(message(label=Label.ACKNOWLEDGEMENT, **automated), index)
    assert (joined.action, joined.process_id, joined.rule) == ("attach", 1, "contact")
    # in reply to mail of a process: that process
    threaded = match_process(
        message(sender="bob@acme.example", in_reply_to="<t1@tb>", **automated), index
    )
    assert (threaded.action, threaded.process_id) == ("attach", 2)
    # anyone else's, whatever its label or company: set aside, never a new process
    for label in (Label.ACKNOWLEDGEMENT, Label.INTERVIEW, Label.NOT_RECRUITING):
        other = match_process(message(label=label, sender="ben@dental.example", **automated), index)
        assert (other.action, other.rule) == ("ignore", "away")
    # the same reply from someone who is no auto-responder opens a process
    opened = match_process(
        message(label=Label.ACKNOWLEDGEMENT, sender="ben@dental.example", company="Dental"),
        index,
    )
    assert opened.action == "open"


def test_an_agency_process_without_a_client_takes_the_agencys_mail_naming_one() -> None:
    # process 2 is TalentBridge Partners' (no client named yet); a colleague of the
    # recruiter writes from another address, naming the client
    named = message(sender="li@talentbridge.example", agency="TalentBridge Partners",
                    company="Tern Capital")  # fmt: skip
    result = match_process(named, two_processes())
    assert (result.action, result.process_id, result.rule) == ("attach", 2, "company")
    # once the process has a client, the agency's mail about another client is not its own
    index = two_processes()
    index.add_process(2, "Orbital Foods", None, None)
    assert match_process(named, index).action == "open"
    same_client = message(sender="li@talentbridge.example", agency="TalentBridge Partners",
                          company="Orbital Foods Ltd")  # fmt: skip
    assert match_process(same_client, index).process_id == 2


def one_recruiter(company: str | None, agency: str | None, role: str | None) -> ProcessIndex:
    """Process 1, whose contact is sam@fernleigh.example."""
    index = ProcessIndex()
    index.add_process(1, company, agency, role)
    index.add_contact(1, "sam@fernleigh.example")
    return index


def test_an_agency_recruiters_second_client_is_a_new_process() -> None:
    index = one_recruiter("Osprey Analytics", "Fernleigh Search", "Senior Data Engineer")
    sam = {"sender": "sam@fernleigh.example", "agency": "Fernleigh Search"}
    other = match_process(message(label=Label.OUTREACH, company="Tillbury Foods", **sam), index)
    assert (other.action, other.rule) == ("open", "new")
    # naming nothing, the same client, or the role said shorter: the recruiter's process
    for same in ({}, {"company": "Osprey Analytics Ltd"}, {"role": "Data Engineer"}):
        result = match_process(message(**sam, **same), index)  # type: ignore[arg-type]
        assert (result.action, result.process_id, result.rule) == ("attach", 1, "contact")
    # mail that calls the agency by its domain's name is the agency's, not another client
    domain_name = match_process(message(**{**sam, "company": "Fernleighsearch"}), index)
    assert (domain_name.action, domain_name.process_id) == ("attach", 1)


def test_a_recruiters_new_pitch_of_another_seniority_or_engagement_is_a_new_process() -> None:
    # the recruiter's process: the client's (named) "Data Engineer"; a new thread from them
    # pitches a "Senior Data Engineer (contract)" whose client the message does not name
    index = one_recruiter("Osprey Analytics", "Fernleigh Search", "Data Engineer")
    sam = {"sender": "sam@fernleigh.example", "agency": "Fernleigh Search"}
    for role in ("Senior Data Engineer (contract)", "Lead Data Engineer",
                 "Data Engineer - 6 month contract", "Data Engineer (interim)"):  # fmt: skip
        pitch = match_process(message(label=Label.OUTREACH, role=role, **sam), index)
        assert (pitch.action, pitch.rule) == ("open", "new"), role
    # a pitch of the same role said the same way, or naming none, is still theirs
    for same in ({"role": "Data Engineer"}, {"role": "data engineer!"}, {}):
        again = match_process(message(label=Label.OUTREACH, **sam, **same), index)  # type: ignore[arg-type]
        assert (again.action, again.process_id, again.rule) == ("attach", 1, "contact"), same
    # "Sr" is "Senior", "Contractor" a contract: the same qualifiers said another way
    senior = one_recruiter(
        "Osprey Analytics", "Fernleigh Search", "Senior Data Engineer (contract)"
    )
    alias = match_process(
        message(label=Label.OUTREACH, role="Sr Data Engineer - contractor", **sam), senior
    )
    assert (alias.action, alias.process_id) == ("attach", 1)
    # their other mail may name the role longer or shorter: an invitation stays theirs
    invite = match_process(message(role="Senior Data Engineer (contract)", **sam), index)
    assert (invite.action, invite.process_id, invite.rule) == ("attach", 1, "contact")
    # in the thread of the process, a pitch is the process's, whatever role it names
    index.add_thread_ids(1, ["<p1@fernleigh>"])
    threaded = match_process(
        message(label=Label.OUTREACH, role="Lead Data Engineer", in_reply_to="<p1@fernleigh>",
                **sam),
        index,
    )  # fmt: skip
    assert (threaded.action, threaded.process_id, threaded.rule) == ("attach", 1, "thread")


def test_a_recruiters_new_pitch_that_says_it_is_another_role_is_a_new_process() -> None:
    # the recruiter put the user forward for Osprey's Senior Data Engineer; a new thread
    # from them pitches a role of the same title, and its words say it is another one
    index = one_recruiter("Osprey Analytics", "Fernleigh Search", "Senior Data Engineer")
    sam = {"sender": "sam@fernleigh.example", "agency": "Fernleigh Search",
           "role": "Senior Data Engineer"}  # fmt: skip
    for text in (
        "I've got another Senior Data Engineer position, for a retailer this time.",
        "Could I tempt you with a second Senior Data Engineer opening? Hybrid in Bristol.",
        "I filled a post at Tillbury last week and now have a similar Senior Data Engineer role.",
        "Now for something new: a Senior Data Engineer contract with a logistics client.",
        "Osprey Analytics aside, I'm also hiring a Senior Data Engineer for a client in energy.",
        "Another opportunity\nA Senior Data Engineer role has just come in.",
    ):
        pitch = match_process(message(label=Label.OUTREACH, text=text, **sam), index)
        assert (pitch.action, pitch.rule) == ("open", "new"), text
    # a pitch of the same role again, or one that names nothing new, is still theirs
    for text in (
        "Are you still looking for a new role? The Senior Data Engineer post is still open.",
        "You've worked in a similar role before, so you'd be a strong fit at Osprey.",
        "Osprey Analytics, a client of ours for years, would love to hear from you.",
        "Could we have another call about the Senior Data Engineer role this week?",
        "The Senior Data Engineer role is a client-facing one, with a client meeting weekly.",
        "",
    ):
        again = match_process(message(label=Label.OUTREACH, text=text, **sam), index)
        assert (again.action, again.process_id, again.rule) == ("attach", 1, "contact"), text
    # the pitch names the process's client as its own: theirs, "another" role or not
    own = match_process(
        message(label=Label.OUTREACH, company="Osprey Analytics",
                text="I have another Senior Data Engineer role with Osprey Analytics.", **sam),
        index,
    )  # fmt: skip
    assert (own.action, own.process_id) == ("attach", 1)
    # only a pitch is told apart: their receipt, invitation or rejection stays theirs
    for label in (Label.ACKNOWLEDGEMENT, Label.INTERVIEW, Label.REJECTION):
        news = match_process(
            message(label=label, text="I'll look out for another role with a client in energy.",
                    **sam),
            index,
        )  # fmt: skip
        assert (news.action, news.process_id) == ("attach", 1), label


def test_a_pitch_that_calls_the_role_in_hand_a_new_position_is_not_another_role() -> None:
    # the recruiter checks in from a new thread about the Osprey role they pitched: "a new
    # position" says what that role is, newly made, not that it is another one
    index = one_recruiter("Osprey Analytics", "Fernleigh Search", "Senior Data Engineer")
    sam = {"sender": "sam@fernleigh.example", "agency": "Fernleigh Search",
           "role": "Senior Data Engineer"}  # fmt: skip
    for text in (
        "Still keen on the Senior Data Engineer role? It's a new position in their data team.",
        "Quick nudge on the Senior Data Engineer role - it is a new position, so they're flexible.",
        "The Senior Data Engineer role is a new position created this quarter.",
        "Any thoughts on the Senior Data Engineer role? This is a new opening, so move fast.",
    ):
        same = match_process(message(label=Label.OUTREACH, text=text, **sam), index)
        assert (same.action, same.process_id, same.rule) == ("attach", 1, "contact"), text
    # "a new role" that is not said of the role in hand is still another one, and so is
    # another role named after the new position
    for text in (
        "There's a new Senior Data Engineer role on my desk this morning.",
        "I have a new Senior Data Engineer role you may like.",
        "It's a new team, and I also have another Senior Data Engineer role for you.",
    ):
        other = match_process(message(label=Label.OUTREACH, text=text, **sam), index)
        assert (other.action, other.rule) == ("open", "new"), text


def test_news_whose_subject_names_the_process_client_is_that_process() -> None:
    # the recruiter's news in a new thread: the body was read to name a person ("Ellie
    # Park came back - ..."), the subject names the process's client
    index = one_recruiter("Harbor & Finch", "Fernleigh Search", "Senior Data Engineer")
    sam = {"sender": "sam@fernleigh.example", "agency": "Fernleigh Search",
           "company": "Ellie Park"}  # fmt: skip
    text = "Harbor & Finch - interview\nEllie Park came back - they'd like to interview you."
    news = match_process(message(label=Label.INTERVIEW, text=text, **sam), index)
    assert (news.action, news.process_id, news.rule) == ("attach", 1, "contact")
    # a subject that names the body's company too, or a subject that does not name the
    # process's client, leaves it another company's; and a new pitch is told apart by its body
    for label, subject in (
        (Label.INTERVIEW, "Harbor & Finch and Ellie Park - interviews"),
        (Label.INTERVIEW, "Interview next week"),
        (Label.OUTREACH, "Harbor & Finch - and a new role"),
    ):
        other = match_process(
            message(label=label, text=f"{subject}\nEllie Park would like to meet you.", **sam),
            index,
        )
        assert other.process_id != 1, subject


def test_a_new_pitch_told_apart_from_a_process_with_no_client_does_not_join_it_by_agency() -> None:
    # the recruiter never named the client: an unnamed client may be the same one, but a
    # role they call another is not, nor does it join the process by the agency's name
    index = one_recruiter(None, "Fernleigh Search", "Senior Data Engineer")
    sam = {"sender": "sam@fernleigh.example", "agency": "Fernleigh Search",
           "role": "Senior Data Engineer"}  # fmt: skip
    same = match_process(
        message(label=Label.OUTREACH, text="A Senior Data Engineer role with a retail client.",
                **sam),
        index,
    )  # fmt: skip
    assert (same.action, same.process_id) == ("attach", 1)
    other = match_process(
        message(label=Label.OUTREACH, text="I have another Senior Data Engineer role.", **sam),
        index,
    )
    assert (other.action, other.rule) == ("open", "new")
    # opened under the agency's own name, the process had no client either
    own_name = one_recruiter("Fernleighsearch", None, "Senior Data Engineer")
    unnamed = match_process(
        message(label=Label.OUTREACH, text="A Senior Data Engineer role with a retail client.",
                **sam),
        own_name,
    )  # fmt: skip
    assert (unnamed.action, unnamed.process_id) == ("attach", 1)


def test_a_tie_between_a_contacts_processes_goes_to_the_client_named_then_the_open_one() -> None:
    # the recruiter's two processes of one title: Osprey's, and another pitch whose client
    # they did not name; their news in a new thread, read with no company
    index = one_recruiter("Osprey Analytics", "Fernleigh Search", "Senior Data Engineer")
    index.add_process(2, None, "Fernleigh Search", "Senior Data Engineer")
    index.add_contact(2, "sam@fernleigh.example")
    sam = {"sender": "sam@fernleigh.example", "agency": "Fernleigh Search",
           "date": day(11, 10)}  # fmt: skip
    named = match_process(
        message(text="Osprey Analytics came back: they would like to meet you.", **sam), index
    )
    assert (named.action, named.process_id) == ("attach", 1)
    unnamed_text = "Good news: the client would like to meet you on Thursday."
    unnamed = match_process(message(text=unnamed_text, **sam), index)
    assert (unnamed.action, unnamed.candidates) == ("review", (1, 2))
    # a word that only looks like a short company key names nothing
    short = one_recruiter("Next", "Fernleigh Search", "Senior Data Engineer")
    short.add_process(2, None, "Fernleigh Search", "Senior Data Engineer")
    short.add_contact(2, "sam@fernleigh.example")
    chance = match_process(message(text="Next, they would like to meet you.", **sam), short)
    assert chance.action == "review"
    # the user said no to the other pitch: the news is the open process's
    index.add_message(2, day(11, 9), "outbound", None, Outcome.WITHDRAWN,
                      decision_phrase="Not for me, thanks")  # fmt: skip
    after_no = match_process(message(text=unnamed_text, **sam), index)
    assert (after_no.action, after_no.process_id) == ("attach", 1)


def test_a_tie_between_a_contacts_processes_goes_to_the_role_its_words_name() -> None:
    # verification round 11, R5: the recruiter's two pitches, the Nordhafen platform role
    # and a Kotlin one whose client is unnamed; their new-year mail names the Kotlin role
    index = one_recruiter("Nordhafen Logistik", "Talentbridge", "Senior Platform Engineer")
    index.add_process(2, None, "Talentbridge", "Senior Kotlin Developer")
    index.add_contact(2, "sam@fernleigh.example")
    sam = {"sender": "sam@fernleigh.example", "agency": "Talentbridge", "date": day(11, 10)}
    kotlin = match_process(
        message(text="Happy New Year + Kotlin contract Munich\n\nAny news on your side?", **sam),
        index,
    )
    assert (kotlin.action, kotlin.process_id) == ("attach", 2)
    # a title's head or a seniority names neither, nor a role's word in the body only: a tie
    senior = match_process(message(text="Senior roles: any news on your side?", **sam), index)
    assert (senior.action, senior.candidates) == ("review", (1, 2))
    body = match_process(
        message(text="Quick update\n\nBring some kotlin notes to the call.", **sam), index
    )
    assert (body.action, body.candidates) == ("review", (1, 2))


def test_a_client_revealed_later_joins_but_another_role_with_a_client_does_not() -> None:
    # the recruiter could not name the client at first
    index = one_recruiter(None, "Fernleigh Search", "Lead Data Engineer")
    sam = {"sender": "sam@fernleigh.example", "agency": "Fernleigh Search"}
    for reveal in ({"company": "Tillbury Foods"},
                   {"company": "Tillbury Foods", "role": "Lead Data Engineer"}):  # fmt: skip
        result = match_process(message(**sam, **reveal), index)  # type: ignore[arg-type]
        assert (result.action, result.process_id) == ("attach", 1)
    other = match_process(
        message(label=Label.OUTREACH, company="Tillbury Foods", role="Analytics Engineer", **sam),
        index,
    )
    assert other.action == "open"


def test_an_inhouse_recruiters_mail_about_another_role_does_not_close_the_first() -> None:
    index = one_recruiter("Quarry Labs", None, "Product Analyst")
    sam = {"sender": "sam@fernleigh.example", "company": "Quarry Labs"}
    other = match_process(message(label=Label.REJECTION, role="Data Scientist", **sam), index)
    assert other.action == "open"
    same = match_process(message(label=Label.REJECTION, role="Product Analyst", **sam), index)
    assert (same.action, same.process_id) == ("attach", 1)


def test_a_contacts_mail_with_another_requisition_id_is_not_their_process() -> None:
    index = one_recruiter("Osprey Analytics", "Fernleigh Search", "Product Analyst")
    index.add_requisition(1, "FS-1023")
    sam = {"sender": "sam@fernleigh.example", "agency": "Fernleigh Search"}
    other = match_process(message(label=Label.OUTREACH, requisition_id="FS-1377", **sam), index)
    assert other.action == "open"
    # its own id wins over a role read another way
    own = match_process(message(requisition_id="fs-1023", role="Analyst, Pricing", **sam), index)
    assert (own.action, own.process_id) == ("attach", 1)


def test_a_contacts_mail_that_fits_none_and_opens_none_waits_for_review() -> None:
    # an independent recruiter on free mail: no company or agency to open a process by
    index = one_recruiter(None, None, "Frontend Developer")
    result = match_process(message(sender="sam@fernleigh.example", role="Data Engineer"), index)
    assert (result.action, result.rule, result.candidates) == ("review", "other_process", (1,))
    assert result.reason == "from a contact of #1, but names another role"


def test_an_agency_process_named_after_the_agencys_domain_takes_its_client() -> None:
    # opened by mail not read as an agency's, the process took the agency for the company
    index = one_recruiter("Fernleighsearch", None, None)
    result = match_process(
        message(sender="sam@fernleigh.example", agency="Fernleigh Search", company="Osprey"),
        index,
    )
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "contact")


def day(month: int, number: int) -> datetime:
    return datetime(2026, month, number, 9, 0, tzinfo=UTC)


def rejected_by_careers() -> ProcessIndex:
    """Process 1: Tarn Bank's careers@ address acknowledged, invited, then rejected (23 Oct)."""
    index = ProcessIndex()
    index.add_process(1, "Tarn Bank", None, "Data Analyst")
    index.add_contact(1, "careers@tarnbank.example")
    index.add_message(1, day(10, 2), "inbound", Label.ACKNOWLEDGEMENT)
    index.add_message(1, day(10, 7), "inbound", Label.INTERVIEW)
    index.add_message(1, day(10, 23), "inbound", Label.REJECTION)
    return index


def receipt(when: datetime | None, **extraction: object) -> MatchInput:
    """An acknowledgement from Tarn Bank's careers@ address."""
    return message(
        label=Label.ACKNOWLEDGEMENT, sender="careers@tarnbank.example", date=when, **extraction
    )


def test_a_new_application_after_a_rejection_is_a_new_process() -> None:
    index = rejected_by_careers()
    # another role, the same role again, or no role: a receipt after the end is a new
    # application, found by the careers@ address or by the company's name
    for named in ({"role": "Senior Risk Analyst"}, {"role": "Data Analyst"}, {},
                  {"company": "Tarn Bank"}):  # fmt: skip
        result = match_process(receipt(day(11, 10), **named), index)
        assert (result.action, result.rule) == ("open", "new"), named
    portal = message(
        label=Label.ACKNOWLEDGEMENT,
        sender="no-reply@ats.example",
        sender_role=SenderRole.AUTOMATED,
        company="Tarn Bank",
        date=day(11, 10),
    )
    assert match_process(portal, index).action == "open"
    # so is a recruiter's new pitch, and a receipt with no date (after all that is known)
    pitch = message(label=Label.OUTREACH, sender="careers@tarnbank.example", date=day(11, 10))
    assert match_process(pitch, index).action == "open"
    assert match_process(receipt(None), index).action == "open"


def test_a_process_that_has_not_ended_takes_an_acknowledgement() -> None:
    index = rejected_by_careers()
    # the first receipt, read after the rejection (another folder imported later)
    late = match_process(receipt(day(10, 2)), index)
    assert (late.action, late.process_id) == ("attach", 1)
    # an invitation after the rejection continues it: they came back
    back = match_process(message(sender="careers@tarnbank.example", date=day(11, 2)), index)
    assert (back.action, back.process_id) == ("attach", 1)
    index.add_message(1, day(11, 2), "inbound", Label.INTERVIEW)
    assert match_process(receipt(day(11, 10)), index).process_id == 1
    # an unsure rejection (no label) ends nothing; the user's `close --reopen` undoes one
    unsure = ProcessIndex()
    unsure.add_process(1, "Tarn Bank", None, "Data Analyst")
    unsure.add_contact(1, "careers@tarnbank.example")
    unsure.add_message(1, day(10, 23), "inbound", None)
    assert match_process(receipt(day(11, 10)), unsure).process_id == 1
    reopened = rejected_by_careers()
    reopened.add_process(1, None, None, None, reopened_at=day(10, 26))
    assert match_process(receipt(day(11, 10)), reopened).process_id == 1


def test_the_users_decision_ends_a_process() -> None:
    index = ProcessIndex()
    index.add_process(1, "Tarn Bank", None, "Data Analyst")
    index.add_contact(1, "careers@tarnbank.example")
    index.add_message(1, day(10, 2), "inbound", Label.ACKNOWLEDGEMENT)
    # their outreach that speaks of a decision is not the user's
    index.add_message(1, day(10, 5), "inbound", Label.OUTREACH, Outcome.DECLINED)
    assert match_process(receipt(day(11, 10)), index).process_id == 1
    # the user's withdrawal in their own mail
    index.add_message(1, day(10, 9), "outbound", None, Outcome.WITHDRAWN)
    assert match_process(receipt(day(11, 10)), index).action == "open"
    assert match_process(receipt(day(10, 8)), index).process_id == 1
    # the user's `close`: ended after its latest message
    closed = ProcessIndex()
    closed.add_process(1, "Tarn Bank", None, "Data Analyst", closed_by_user=True)
    closed.add_contact(1, "careers@tarnbank.example")
    closed.add_message(1, day(10, 2), "inbound", Label.ACKNOWLEDGEMENT)
    assert match_process(receipt(day(11, 10)), closed).action == "open"


def test_news_of_the_end_and_an_accepted_offers_mail_stay_with_the_process() -> None:
    # found on re-running the time audit: each opened a second process for the same role
    index = ProcessIndex()
    index.add_process(1, "Tarn Bank", None, "Data Analyst")
    index.add_contact(1, "careers@tarnbank.example")
    index.add_message(1, day(10, 2), "inbound", Label.ACKNOWLEDGEMENT)
    index.add_message(1, day(10, 9), "outbound", None, Outcome.WITHDRAWN)
    # the portal confirming the withdrawal carries the decision: news of this process
    confirmed = receipt(day(10, 10), decision=Outcome.WITHDRAWN, decision_phrase="(words)")
    assert match_process(confirmed, index).process_id == 1
    # after an offer the user accepted, "thank you for accepting our offer" and the
    # onboarding receipts follow it, by the user's mail or by `close --outcome accepted`
    accepted = ProcessIndex()
    accepted.add_process(1, "Tarn Bank", None, "Data Analyst")
    accepted.add_contact(1, "careers@tarnbank.example")
    accepted.add_message(1, day(10, 20), "inbound", Label.OFFER)
    accepted.add_message(1, day(10, 21), "outbound", None, Outcome.ACCEPTED)
    assert match_process(receipt(day(10, 22)), accepted).process_id == 1
    closed = ProcessIndex()
    closed.add_process(1, "Tarn Bank", None, "Data Analyst", closed_by_user=True, accepted=True)
    closed.add_contact(1, "careers@tarnbank.example")
    closed.add_message(1, day(10, 20), "inbound", Label.OFFER)
    assert match_process(receipt(day(10, 22)), closed).process_id == 1


def two_agencies_merged(no: str = "so I'll pass on this one") -> ProcessIndex:
    """Process 1: two agencies' pitches of Northgate Payments' Senior Data Analyst role,
    merged; on 18 Nov the user said no to one of them (Dan's) only."""
    index = ProcessIndex()
    index.add_process(1, "Northgate Payments", "Harbour People", "Senior Data Analyst")
    for contact in ("priya@harbourpeople.example", "dan@ferrisagency.example"):
        index.add_contact(1, contact)
        index.add_message(1, day(11, 16), "inbound", Label.OUTREACH, None, contact,
                          read_as=Label.OUTREACH, by_person=True)  # fmt: skip
    index.add_message(1, day(11, 18), "outbound", None, Outcome.WITHDRAWN,
                      recipients=["dan@ferrisagency.example"], decision_phrase=no)  # fmt: skip
    return index


def test_your_no_to_one_agency_ends_a_merged_process_only_until_the_other_goes_on() -> None:
    # (user audit 3, A13, as track.py reads it since): the company's receipt of the
    # application the other agency sent in, outside any thread, joins the process then
    def northgate_receipt(when: datetime) -> MatchInput:
        return message(label=Label.ACKNOWLEDGEMENT, sender="no-reply@northgate.example",
                       company="Northgate Payments", sender_role=SenderRole.AUTOMATED,
                       date=when)  # fmt: skip

    index = two_agencies_merged()
    # until the other agency writes again, the no ends it: a receipt is a new application
    assert match_process(northgate_receipt(day(11, 20)), index).action == "open"
    # Priya's news after the no (an unsure label too): the process goes on
    index.add_message(1, day(11, 19), "inbound", None, None, "priya@harbourpeople.example",
                      read_as=Label.OUTREACH, by_person=True)  # fmt: skip
    joined = match_process(northgate_receipt(day(11, 20)), index)
    assert (joined.action, joined.process_id) == ("attach", 1)
    # (a receipt sent between the no and her news was after the end)
    assert match_process(northgate_receipt(day(11, 18) + (day(11, 19) - day(11, 18)) / 2),
                         index).action == "open"  # fmt: skip
    # so does a new pitch of the same role by her colleague, who is no contact yet
    colleague = message(label=Label.OUTREACH, sender="max@harbourpeople.example",
                        company="Northgate Payments", agency="Harbour People",
                        date=day(11, 20))  # fmt: skip
    assert match_process(colleague, index).process_id == 1
    # a no in so many words, not only a plain one
    withdrawn = two_agencies_merged("I'd like to withdraw my application")
    assert match_process(northgate_receipt(day(11, 20)), withdrawn).action == "open"
    withdrawn.add_message(1, day(11, 19), "inbound", Label.INTERVIEW, None,
                          "priya@harbourpeople.example", read_as=Label.INTERVIEW,
                          by_person=True)  # fmt: skip
    assert match_process(northgate_receipt(day(11, 20)), withdrawn).process_id == 1


def test_your_no_to_one_agency_still_ends_it_against_its_own_chain_or_a_portal() -> None:
    receipt_later = message(label=Label.ACKNOWLEDGEMENT, sender="no-reply@northgate.example",
                            company="Northgate Payments", sender_role=SenderRole.AUTOMATED,
                            date=day(11, 25))  # fmt: skip
    for sender, label, by_person in (
        ("dan@ferrisagency.example", Label.INTERVIEW, True),  # the agency told no
        ("sam@ferrisagency.example", Label.INTERVIEW, True),  # a colleague of Dan's
        ("no-reply@northgate.example", Label.INTERVIEW, False),  # a portal
        ("priya@harbourpeople.example", Label.NOT_RECRUITING, True),  # "sorry to hear"
        ("priya@harbourpeople.example", Label.REJECTION, True),
    ):
        index = two_agencies_merged()
        index.add_message(1, day(11, 19), "inbound", label, None, sender, read_as=label,
                          by_person=by_person)  # fmt: skip
        assert match_process(receipt_later, index).action == "open", (sender, label)
    # a no written to both agencies ends both
    both = ProcessIndex()
    both.add_process(1, "Northgate Payments", "Harbour People", "Senior Data Analyst")
    both.add_message(
        1,
        day(11, 18),
        "outbound",
        None,
        Outcome.WITHDRAWN,
        recipients=["dan@ferrisagency.example", "priya@harbourpeople.example"],
    )
    both.add_message(
        1,
        day(11, 19),
        "inbound",
        Label.INTERVIEW,
        None,
        "priya@harbourpeople.example",
        read_as=Label.INTERVIEW,
        by_person=True,
    )
    assert match_process(receipt_later, both).action == "open"  # fmt: skip
    # a withdrawal after their invitation ends the whole process, whoever writes after it
    interviewed = two_agencies_merged("I'd like to withdraw my application")
    interviewed.add_message(
        1,
        day(11, 17),
        "inbound",
        Label.INTERVIEW,
        None,
        "dan@ferrisagency.example",
        read_as=Label.INTERVIEW,
        by_person=True,
    )
    interviewed.add_message(1, day(11, 19), "inbound", Label.OUTREACH, None,
                            "priya@harbourpeople.example", read_as=Label.OUTREACH,
                            by_person=True)  # fmt: skip
    assert match_process(receipt_later, interviewed).action == "open"


def fjord_by_ats() -> ProcessIndex:
    """Process 1, Fjord Systems, opened by an ATS receipt: no contact."""
    index = ProcessIndex()
    index.add_process(1, "Fjord Systems", None, "Backend Developer")
    index.add_message(1, day(10, 12), "inbound", Label.ACKNOWLEDGEMENT)
    return index


def relayed_rejection(relay_name: str | None, **extraction: object) -> MatchInput:
    """A rejection from Greenhouse's no-reply address on 20 November."""
    return message(
        label=Label.REJECTION,
        sender="no-reply@greenhouse.io",
        sender_role=SenderRole.AUTOMATED,
        relay_name=relay_name,
        date=day(11, 20),
        **extraction,
    )


def test_an_ats_relays_display_name_finds_the_open_process_of_that_company() -> None:
    result = match_process(relayed_rejection("Fjord Systems"), fjord_by_ats())
    assert (result.action, result.process_id, result.rule) == ("attach", 1, "company")
    assert result.reason == "sent for Fjord Systems by an ATS"
    same_role = relayed_rejection("Fjord Systems", role="Backend Developer")
    assert match_process(same_role, fjord_by_ats()).process_id == 1
    # another role, a name only like the company's, a person's name, or none: no process
    for other in (relayed_rejection("Fjord Systems", role="Office Manager"),
                  relayed_rejection("Fjord"), relayed_rejection("Fjord Systems Europe"),
                  relayed_rejection("Jane Smith"), relayed_rejection(None)):  # fmt: skip
        result = match_process(other, fjord_by_ats())
        assert (result.action, result.rule) == ("review", "unknown_process"), other


def test_an_ats_relays_display_name_takes_no_ended_process_and_ties_two() -> None:
    ended = fjord_by_ats()
    ended.add_message(1, day(11, 2), "inbound", Label.REJECTION)
    result = match_process(relayed_rejection("Fjord Systems"), ended)
    assert (result.action, result.rule) == ("review", "unknown_process")
    two = fjord_by_ats()
    two.add_process(2, "Fjord Systems", None, "Platform Engineer")
    tie = match_process(relayed_rejection("Fjord Systems"), two)
    assert (tie.action, tie.candidates) == ("review", (1, 2))
    # a company the message names comes first
    two.add_process(3, "Osprey", None, None)
    named = match_process(relayed_rejection("Fjord Systems", company="Osprey"), two)
    assert (named.action, named.process_id) == ("attach", 3)


def test_an_acceptance_that_names_nothing_ends_a_process_only_after_an_offer() -> None:
    # "Thanks for the offer. I accept." to an invitation (as track.py reads it): Fjord's
    # relayed mail after it still finds the process
    interviewing = fjord_by_ats()
    interviewing.add_message(1, day(11, 3), "inbound", Label.INTERVIEW)
    interviewing.add_message(1, day(11, 4), "outbound", None, Outcome.ACCEPTED,
                             decision_phrase="I accept")  # fmt: skip
    assert not interviewing.processes[1].ended_by(None)
    assert match_process(relayed_rejection("Fjord Systems"), interviewing).process_id == 1
    # after their offer it accepts the job, as an acceptance naming it does without one
    offered = fjord_by_ats()
    offered.add_message(1, day(11, 3), "inbound", Label.OFFER)
    offered.add_message(1, day(11, 4), "outbound", None, Outcome.ACCEPTED,
                        decision_phrase="Yes, I accept, thank you")  # fmt: skip
    named = fjord_by_ats()
    named.add_message(1, day(11, 4), "outbound", None, Outcome.ACCEPTED,
                      decision_phrase="I am delighted to accept the offer")  # fmt: skip
    for ended in (offered, named):
        assert ended.processes[1].ended_by(day(11, 5)) and ended.processes[1].accepted
        result = match_process(relayed_rejection("Fjord Systems"), ended)
        assert (result.action, result.rule) == ("review", "unknown_process")
    # an offer that came only after it does not make it the job's
    late = fjord_by_ats()
    late.add_message(1, day(11, 4), "outbound", None, Outcome.ACCEPTED,
                     decision_phrase="I accept")  # fmt: skip
    late.add_message(1, day(11, 6), "inbound", Label.OFFER)
    assert not late.processes[1].ended_by(None)


def test_a_plain_no_ends_a_process_only_before_an_interview_or_after_an_offer() -> None:
    # "Thanks, but I'll pass" (as track.py reads it): after their invitation it turns down
    # something else, and their relayed mail still finds the process
    interviewing = fjord_by_ats()
    interviewing.add_message(1, day(11, 3), "inbound", Label.INTERVIEW)
    interviewing.add_message(1, day(11, 4), "outbound", None, Outcome.WITHDRAWN,
                             decision_phrase="Thanks, but I'll pass")  # fmt: skip
    assert not interviewing.processes[1].ended_by(None)
    assert match_process(relayed_rejection("Fjord Systems"), interviewing).process_id == 1
    # before any invitation (a pitch) it ends it; after an offer, a no declines it
    pitched = fjord_by_ats()
    pitched.add_message(1, day(11, 4), "outbound", None, Outcome.WITHDRAWN,
                        decision_phrase="Thanks, but I'll pass")  # fmt: skip
    offered = fjord_by_ats()
    offered.add_message(1, day(11, 3), "inbound", Label.OFFER)
    offered.add_message(1, day(11, 4), "outbound", None, Outcome.DECLINED,
                        decision_phrase="Thanks so much, but I'll pass")  # fmt: skip
    for ended in (pitched, offered):
        assert ended.processes[1].ended_by(day(11, 5))


_NAMES = st.text(alphabet="abcdeilmnorst &-", max_size=30)


@st.composite
def near_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A name and a copy with a few letters changed, added or dropped: pairs on both sides
    of the threshold."""
    a = draw(_NAMES)
    b = list(a)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(b)))
        kind = draw(st.sampled_from(["add", "drop", "change"]))
        letter = draw(st.sampled_from("abcdeilmnorst "))
        if kind == "add" or at == len(b):
            b.insert(at, letter)
        elif kind == "drop":
            del b[at]
        else:
            b[at] = letter
    return a, "".join(b)


@settings(max_examples=500, deadline=None)
@given(st.one_of(near_pairs(), st.tuples(_NAMES, _NAMES)))
@example(("acme robotics", "acme robotic"))
@example(("acme robotics", "acme robotics ltd"))
@example(("", "acme"))
def test_alike_is_the_ratio_at_the_threshold(pair: tuple[str, str]) -> None:
    # the quick bounds only skip pairs the ratio would turn down
    a, b = pair
    ratio = SequenceMatcher(None, a, b).ratio() if a and b else 0.0
    assert _alike(a, b) == (ratio >= FUZZY_THRESHOLD)


def test_another_agencys_pitch_of_the_same_client_and_role_is_its_own_process() -> None:
    # the user is in Tollgate's process through Lantern (1) and applied to Kinsale directly
    # (2); a second agency pitches each role: the user answers each approach on its own
    index = one_recruiter("Tollgate Insurance", "Lantern Recruitment", "Lead Data Analyst")
    index.add_process(2, "Kinsale Media", None, "Data Analyst")
    index.add_contact(2, "careers@kinsale.example")
    for company, role in (("Tollgate Insurance", "Lead Data Analyst"),
                          ("Kinsale Media", "Data Analyst")):  # fmt: skip
        pitch = match_process(
            message(label=Label.OUTREACH, sender="di@marshallbrook.example",
                    company=company, agency="Marshall & Brook", role=role),
            index,
        )  # fmt: skip
        assert (pitch.action, pitch.rule) == ("open", "new"), company
    # the same agency's pitch from a colleague, or the client's own mail, is the process's
    colleague = match_process(
        message(label=Label.OUTREACH, sender="jo@lanternrecruitment.example",
                company="Tollgate Insurance", agency="Lantern Recruitment Ltd",
                role="Lead Data Analyst"),
        index,
    )  # fmt: skip
    assert (colleague.action, colleague.process_id) == ("attach", 1)
    client = match_process(
        message(label=Label.INTERVIEW, sender="hr@tollgate.example",
                company="Tollgate Insurance", role="Lead Data Analyst"),
        index,
    )  # fmt: skip
    assert (client.action, client.process_id) == ("attach", 1)
    # the pitch of Kinsale's role opened process 3: Kinsale's own mail is still the user's
    # application's, and an agency's news names its agency
    index.add_process(3, "Kinsale Media", "Marshall & Brook", "Data Analyst")
    for label in (Label.DELAY, Label.REJECTION):
        news = match_process(
            message(label=label, sender="no-reply@greenhouse.io", sender_role=SenderRole.AUTOMATED,
                    company="Kinsale Media", role="Data Analyst"),
            index,
        )  # fmt: skip
        assert (news.action, news.process_id) == ("attach", 2), label
    theirs = match_process(
        message(label=Label.INTERVIEW, sender="di@marshallbrook.example",
                company="Kinsale Media", agency="Marshall & Brook", role="Data Analyst"),
        index,
    )  # fmt: skip
    assert (theirs.action, theirs.process_id) == ("attach", 3)


def test_a_recruiter_who_moved_agency_with_the_client_joins_the_process_by_it() -> None:
    # Rhea moved from Lantern to Kestrel and writes from her new address about the next
    # stage of the same client's role: news of the process, not a new one
    index = one_recruiter("Tollgate Insurance", "Lantern Recruitment", "Lead Data Analyst")
    moved = match_process(
        message(label=Label.INTERVIEW, sender="rhea@kestreltalent.example",
                company="Tollgate Insurance", agency="Kestrel Talent", role="Lead Data Analyst",
                text="I've moved from Lantern Recruitment to Kestrel Talent, and Tollgate "
                     "Insurance have moved with me."),
        index,
    )  # fmt: skip
    assert (moved.action, moved.process_id, moved.rule) == ("attach", 1, "company")
    # another role at the client is not it
    other = match_process(
        message(label=Label.INTERVIEW, sender="rhea@kestreltalent.example",
                company="Tollgate Insurance", agency="Kestrel Talent", role="Actuary"),
        index,
    )  # fmt: skip
    assert other.action == "open"


def tarnwick() -> ProcessIndex:
    """An application known only by its Workday mail: the tenant "tarnwick" named it."""
    index = ProcessIndex()
    index.add_process(1, "Tarnwick", None, "Staff Engineer")
    index.add_requisition(1, "R-2231")
    index.add_message(1, day(11, 2), "inbound", Label.ACKNOWLEDGEMENT, None,
                      "tarnwick@myworkday.com")  # fmt: skip
    return index


def test_own_mail_to_a_domain_named_after_the_company_joins_its_process() -> None:
    # the Workday mail is no-reply: the user writes to the company's own hiring mailbox,
    # whose domain is the name with a word of a business's name ("Tarnwick Systems")
    withdrawal = own_mail("talent@tarnwicksystems.example", decision=Outcome.WITHDRAWN)
    joined = match_process(withdrawal, tarnwick())
    assert (joined.action, joined.process_id, joined.rule) == ("attach", 1, "domain")
    by_id = match_process(own_mail("h.osei@tarnwicksystems.example", requisition_id="r-2231"),
                          tarnwick())  # fmt: skip
    assert (by_id.action, by_id.process_id) == ("attach", 1)
    # and the other way: "Brindle Health" is brindle.example's
    index = ProcessIndex()
    index.add_process(2, "Brindle Health", None, None)
    assert match_process(own_mail("careers@brindle.example"), index).process_id == 2


def test_own_mail_to_a_domain_only_starting_like_the_company_is_not_its() -> None:
    # "tarnwickshire" is another name; a friend there, about nothing the process names; a
    # name of three letters is too short to tell
    for mail in (own_mail("careers@tarnwickshire.example"),
                 own_mail("robin@tarnwicksystems.example")):  # fmt: skip
        assert match_process(mail, tarnwick()).action == "ignore"
    index = ProcessIndex()
    index.add_process(3, "Arc", None, None)
    assert match_process(own_mail("careers@arclabs.example"), index).action == "ignore"


def assessments() -> ProcessIndex:
    index = ProcessIndex()
    index.add_process(1, "Halden Bank", None, "Data Engineer, Payments Platform")
    index.add_process(2, "Acme Robotics", None, "Data Analyst")
    return index


def test_a_tools_mail_that_names_no_company_joins_the_open_process_it_names() -> None:
    done = message(label=Label.ACKNOWLEDGEMENT, sender="no-reply@hackerrank.com",
                   sender_role=SenderRole.AUTOMATED,
                   text="Your Halden Bank test has been submitted\nGood luck!")  # fmt: skip
    joined = match_process(done, assessments())
    assert (joined.action, joined.process_id, joined.rule) == ("attach", 1, "company")
    # naming two, it is a tie; naming an ended one, it waits for review (and opens nothing)
    both = replace(done, text="Your Halden Bank test\nShared with Acme Robotics too")
    assert match_process(both, assessments()).candidates == (1, 2)
    ended = assessments()
    ended.add_message(1, day(11, 8), "inbound", Label.REJECTION, None, "no-reply@halden.example")
    assert match_process(replace(done, date=day(11, 9)), ended).action == "review"


def test_a_job_boards_mail_is_not_filed_by_the_companies_it_names() -> None:
    # Glassdoor, LinkedIn and the like relay mail about many companies
    salaries = message(label=Label.NOT_RECRUITING, needs_review=True,
                       sender="noreply@glassdoor.com", text="Salaries at Halden Bank")  # fmt: skip
    result = match_process(salaries, assessments())
    assert (result.action, result.rule) == ("review", "low_confidence")


def test_a_tools_mail_that_names_no_company_opens_no_process() -> None:
    # "your assessment has been submitted": a step of some process, never an application
    done = message(label=Label.ACKNOWLEDGEMENT, sender="no-reply@codesignal.com",
                   sender_role=SenderRole.AUTOMATED,
                   text="Your assessment has been submitted")  # fmt: skip
    result = match_process(done, assessments())
    assert (result.action, result.rule) == ("review", "unknown_process")
    # an ATS's receipt that names no company is still an application of its own
    receipt = replace(done, sender_email="no-reply@greenhouse-mail.io")
    assert match_process(receipt, assessments()).action == "open"
    # a tool's invitation that names its company opens a process for it
    named = replace(done, label=Label.INTERVIEW, extraction=Extraction(company="Orbit Labs"))
    assert match_process(named, assessments()).action == "open"


def test_the_companys_mail_that_leaves_out_the_team_is_about_the_same_role() -> None:
    invite = message(label=Label.INTERVIEW, sender="no-reply@codesignal.com",
                     sender_role=SenderRole.AUTOMATED, company="Halden Bank",
                     role="Data Engineer")  # fmt: skip
    joined = match_process(invite, assessments())
    assert (joined.action, joined.process_id) == ("attach", 1)
    # and the other way round: the team said later
    index = ProcessIndex()
    index.add_process(3, "Halden Bank", None, "Data Engineer")
    later = replace(invite, extraction=Extraction(company="Halden Bank",
                                                  role="Data Engineer, Risk Platform"))  # fmt: skip
    assert match_process(later, index).process_id == 3
    # another title or seniority after it is another role
    for role in ("Data Engineer Manager", "Data Engineer Lead", "Senior Data Engineer"):
        other = replace(invite, extraction=Extraction(company="Halden Bank", role=role))
        assert match_process(other, index).action == "open", role


def test_the_clients_mail_about_two_agency_processes_is_no_tie_of_its_own() -> None:
    # two agencies each put the user forward for the client's role; the client writes with
    # both recruiters in copy. Step 2b finds both and leaves them to step 3, whose rule for
    # the company's own mail (the user's own application first) and whose tie decide it
    index = ProcessIndex()
    index.add_process(1, "Nordlicht Freight", "Keel Recruitment", "Platform Engineer")
    index.add_contact(1, "anna@keelrecruitment.example")
    index.add_process(2, "Nordlicht Freight", "Harbour Talent", "Platform Engineer")
    index.add_contact(2, "ben@harbourtalent.example")
    both = ("me@example.net", "anna@keelrecruitment.example", "ben@harbourtalent.example")
    client = message(sender="katrin@nordlicht.example", recipients=both,
                     company="Nordlicht Freight", role="Platform Engineer")  # fmt: skip
    tie = match_process(client, index)
    assert (tie.action, tie.rule, tie.candidates) == ("review", "tie", (1, 2))
    assert tie.reason == "2 processes with Nordlicht Freight"  # step 3's, not step 2b's
    # with one of them in copy, step 2b decides
    one = replace(client, recipient_emails=("me@example.net", "ben@harbourtalent.example"))
    joined = match_process(one, index)
    assert (joined.action, joined.process_id, joined.rule) == ("attach", 2, "agency")
