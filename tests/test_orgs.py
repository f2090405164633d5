"""Company, agency, role, requisition id and sender role, and the lists behind them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_fields
from inbox_monitor.models import Address, SenderRole
from inbox_monitor.orgs import (
    ats_tenant,
    find_organisation,
    find_requisition_id,
    find_role,
    is_agency_domain,
    is_ats_domain,
    is_free_mail_domain,
    is_task_tool_domain,
    name_from_domain,
    person_behind_relay,
    registered_domain,
    relay_sender_name,
    tenant_from_links,
    without_person,
)

SENT = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=-5)))


@pytest.mark.parametrize(
    ("domain", "registered"),
    [("jobs.acme.co.uk", "acme.co.uk"), ("us.greenhouse-mail.io", "greenhouse-mail.io"),
     ("Acme.COM.", "acme.com"), ("localhost", "localhost")],
)  # fmt: skip
def test_registered_domain(domain: str, registered: str) -> None:
    assert registered_domain(domain) == registered


@pytest.mark.parametrize(
    "domain",
    ["us.greenhouse-mail.io", "hire.lever.co", "acme.wd5.myworkdayjobs.com", "myworkday.com",
     "smartrecruiters.com", "icims.com", "taleo.net", "ashbyhq.com", "bamboohr.com"],
)  # fmt: skip
def test_ats_relays(domain: str) -> None:
    assert is_ats_domain(domain)
    assert name_from_domain(domain) is None


@pytest.mark.parametrize(
    "domain", ["gmail.com", "hotmail.co.uk", "yahoo.fr", "proton.me", "icloud.com", "outlook.de"]
)
def test_free_mail(domain: str) -> None:
    assert is_free_mail_domain(domain)
    assert name_from_domain(domain) is None


def test_company_domains_are_neither() -> None:
    assert not is_ats_domain("acme.com") and not is_free_mail_domain("acme.com")
    assert name_from_domain("careers.acme-corp.com") == "Acme Corp"
    assert is_agency_domain("hays.com") and is_agency_domain("northstar-recruitment.co.uk")
    assert not is_agency_domain("acme-research.com")


def test_ats_tenants() -> None:
    assert ats_tenant("acme.greenhouse.io") == "Acme"
    assert ats_tenant("us.greenhouse-mail.io") is None
    assert ats_tenant("myworkday.com", "globex") == "Globex"
    assert ats_tenant("myworkday.com", "no-reply") is None
    assert ats_tenant("acme.com") is None
    assert tenant_from_links("Apply at https://jobs.lever.co/initech/123-abc today") == "Initech"
    assert tenant_from_links("see https://boards.greenhouse.io/hooli/jobs/42") == "Hooli"
    assert tenant_from_links("see https://blue-sky.bamboohr.com/careers/7") == "Blue Sky"
    assert tenant_from_links("https://www.example.com/jobs") is None


@pytest.mark.parametrize(
    ("display", "email", "subject", "company"),
    [
        ("Jane at Acme", "jane@gmail.com", "", "Acme"),
        ("Acme Careers", "careers@acme-mail.example", "", "Acme"),
        ("Acme Talent Team", "no-reply@us.greenhouse-mail.io", "", "Acme"),
        ("Jane Doe (Initech)", "jane@outlook.com", "", "Initech"),
        ("", "no-reply@us.greenhouse-mail.io", "Your application to Hooli", "Hooli"),
        ("Jane Doe", "jane@gmail.com", "Thank you for applying to Globex Corporation!",
         "Globex Corporation"),
        ("Workday", "globex@myworkday.com", "Application received", "Globex"),
        ("Jane Doe", "jane@initech.example", "Catch up", "Initech"),
        ("Greenhouse", "no-reply@greenhouse.io", "Application received", None),
        ("Jane Doe", "jane@gmail.com", "Hello", None),
        # a friend passing an opening on, and the company's referral notice
        ("Jamie Cole", "jamie.cole@gmail.com", "Fwd: Platform Engineer opening at Quill Analytics",
         "Quill Analytics"),
        ("Recruiting", "jobs@ats.example", "You've been referred for Platform Engineer at Quill",
         "Quill"),
    ],
)  # fmt: skip
def test_company_from_sender_and_subject(
    display: str, email: str, subject: str, company: str | None
) -> None:
    organisation = find_organisation(
        subject, "Thanks for your note.", sender=Address(display, email)
    )
    assert organisation.company == company
    assert organisation.agency is None


def test_company_from_body_and_signature() -> None:
    body = "Thank you for your application for the Data Analyst position at Acme Corp."
    assert find_organisation("", body, sender=Address("", "hr@gmail.com")).company == "Acme Corp"
    signed = find_organisation(
        "", "Hi Alex", sender=Address("Jane", "jane@gmail.com"), signature="Jane\nInitech Ltd"
    )
    assert signed.company == "Initech"  # legal forms (Ltd, GmbH, LLP, ...) are dropped
    linked = find_organisation(
        "", "Apply here: https://jobs.lever.co/umbrella/9", sender=Address("", "x@hire.lever.co")
    )
    assert linked.company == "Umbrella"


def test_agency_recruiter_and_the_client_revealed() -> None:
    sender = Address("Sam Smith", "sam@northstar-recruitment.co.uk")
    first = find_organisation(
        "Exciting opportunity",
        "I'm working on an exclusive role for a fast-growing fintech client.",
        sender=sender,
        signature="Sam Smith\nSenior Recruitment Consultant",
    )
    assert first.sender_role == SenderRole.AGENCY_RECRUITER
    assert first.agency == "Northstar Recruitment"
    assert first.company is None
    third = find_organisation(
        "Next steps", "Great news: my client, Globex Corporation, would like to meet you.",
        sender=sender,
    )  # fmt: skip
    assert (third.agency, third.company) == ("Northstar Recruitment", "Globex Corporation")


def test_agency_cues_without_an_agency_domain() -> None:
    found = find_organisation(
        "Role", "I am recruiting on behalf of our client Initech for a Staff Engineer.",
        sender=Address("Pat at Talentbridge", "pat@gmail.com"),
    )  # fmt: skip
    assert found.sender_role == SenderRole.AGENCY_RECRUITER
    assert (found.agency, found.company) == ("Talentbridge", "Initech")


def test_agency_cue_working_with_a_client() -> None:
    found = find_organisation(
        "Role", "I'm working with a fast-growing payments client in London on a new team.",
        sender=Address("Sam", "sam@gmail.com"), signature="Sam\nConsultant, Fenwick Search",
    )  # fmt: skip
    assert found.sender_role == SenderRole.AGENCY_RECRUITER


def test_a_members_message_relayed_by_linkedin_is_the_members_not_a_company() -> None:
    text = (
        "Tom Baker\nSenior Consultant at Harbour Talent\n\nHi Alex, I'm working with a"
        " fast-growing payments client on a Senior Data Engineer role. Open to a chat?"
    )
    relayed = Address("Tom Baker via LinkedIn", "messages-noreply@linkedin.com")
    found = find_organisation("Tom sent you a message", text, sender=relayed)
    assert (found.company, found.agency) == (None, "Harbour Talent")
    assert found.sender_role == SenderRole.AUTOMATED  # the relay address is no one's
    # the headline of someone in-house names their employer
    inhouse = "Dana Reyes\nTalent Acquisition Partner at Kestrel Labs\n\nHi Alex, are you open?"
    found = find_organisation("Dana sent you a message", inhouse, sender=relayed)
    assert (found.company, found.agency) == ("Kestrel Labs", None)


@pytest.mark.parametrize(
    ("sender", "signature", "body", "role"),
    [
        (Address("", "no-reply@acme.example"), "", "", SenderRole.AUTOMATED),
        (Address("Acme", "jobs-noreply@acme.example"), "", "", SenderRole.AUTOMATED),
        (Address("", "notifications@us.greenhouse-mail.io"), "", "", SenderRole.AUTOMATED),
        # an ATS tenant's address signed as a team is the ATS, not a person to match by
        (Address("Quarry Talent Acquisition", "quarry@myworkday.com"),
         "Quarry Talent Acquisition", "", SenderRole.AUTOMATED),
        (Address("Quarry Careers", "quarry.careers@myworkday.com"), "", "", SenderRole.AUTOMATED),
        # the vendor's own staff write from its domain under their names: people
        (Address("Jane Doe", "jane.doe@workday.com"), "Jane Doe\nTalent Acquisition Partner",
         "", SenderRole.INHOUSE_RECRUITER),
        (Address("Sam Lee", "sam.lee@greenhouse.io"), "Sam Lee\nEngineering Manager", "",
         SenderRole.HIRING_MANAGER),
        (Address("Jane", "jane@acme.example"), "Jane\nTalent Acquisition Partner", "",
         SenderRole.INHOUSE_RECRUITER),
        (Address("Jane", "jane@acme.example"), "Jane\nPeople Team", "",
         SenderRole.INHOUSE_RECRUITER),
        (Address("Jane", "jane@acme.example"), "Jane\nHead of Talent", "",
         SenderRole.INHOUSE_RECRUITER),
        (Address("Raj", "raj@acme.example"), "Raj\nEngineering Manager", "",
         SenderRole.HIRING_MANAGER),
        (Address("Raj", "raj@acme.example"), "Raj\nHead of Data", "", SenderRole.HIRING_MANAGER),
        (Address("Raj", "raj@acme.example"), "", "I lead the platform team and read your CV.",
         SenderRole.HIRING_MANAGER),
        (Address("Raj", "raj@acme.example"), "", "Thanks for your note.", SenderRole.UNKNOWN),
    ],
)  # fmt: skip
def test_sender_roles(sender: Address, signature: str, body: str, role: SenderRole) -> None:
    assert find_organisation("", body, sender=sender, signature=signature).sender_role == role


@pytest.mark.parametrize(
    ("subject", "body", "role"),
    [
        ("", "We are reviewing applications for the Senior Data Analyst position.",
         "Senior Data Analyst"),
        ("", "Role: Backend Engineer\nLocation: Remote", "Backend Engineer"),
        ("Application for Product Designer", "", "Product Designer"),
        ("Your application for Data Analyst (2XT9) at Acme Corp", "", "Data Analyst"),
        ("", "Thank you for applying for the role of Machine Learning Engineer at Hooli.",
         "Machine Learning Engineer"),
        ("", "We are hiring a Staff Software Engineer to join our team.",
         "Staff Software Engineer"),
        ("", "Thanks for your time yesterday.", None),
    ],
)  # fmt: skip
def test_role_titles(subject: str, body: str, role: str | None) -> None:
    assert find_role(subject, body) == role


@pytest.mark.parametrize(
    ("text", "identifier"),
    [("Req ID 12345", "12345"), ("Job ID: R-00123", "R-00123"),
     ("Senior Analyst (JR12345)", "JR12345"), ("Requisition #A-7781", "A-7781"),
     ("Application: Risk Consultant (ref KX-0931)", "KX-0931"),
     ("the Credit Analyst vacancy (CBS-1142)", "CBS-1142"), ("Data Analyst (2XT9)", None),
     ("Your application reference is AB1234", None), ("We met on 12/04", None)],
)  # fmt: skip
def test_requisition_ids(text: str, identifier: str | None) -> None:
    assert find_requisition_id("", text) == identifier


def test_extract_fields_assembles_everything() -> None:
    extraction = extract_fields(
        "Your application to Acme Corp",
        "Hi Alex,\nThanks for applying for the Senior Data Analyst position (Req ID 12345). "
        "We will be in touch within 5 business days.",
        sent_at=SENT,
        calendar=BusinessCalendar("US"),
        sender=Address("Acme Careers", "no-reply@us.greenhouse-mail.io"),
    )
    assert extraction.company == "Acme"
    assert extraction.role == "Senior Data Analyst"
    assert extraction.requisition_id == "12345"
    assert extraction.sender_role == SenderRole.AUTOMATED
    assert extraction.promise is not None and extraction.promise.due is not None


def test_the_company_spells_its_own_domain() -> None:
    sender = Address("Jo Park", "jo.park@bluefinlabs.example")
    found = find_organisation(
        "Quick question", "Hi Alex, hope you are well.", sender=sender,
        signature="Jo Park\nTechnical Recruiter, Bluefin Labs\nOakland, CA | +1 510 555 0100",
    )  # fmt: skip
    assert found.company == "Bluefin Labs"
    assert found.sender_role == SenderRole.INHOUSE_RECRUITER


@pytest.mark.parametrize(
    "signature",
    [
        "Ana\nHead of Talent\nHarbour Mills | 12 Dock Street, Leeds LS1 4AB",
        # a line led by a field ("T:") is still a signature's items when "|" parts them
        "Ana Reyes\nHead of Talent\nT: 020 7946 0000 | Harbour Mills",
    ],
)
def test_addresses_in_signatures_are_not_companies(signature: str) -> None:
    found = find_organisation(
        "", "Hello", sender=Address("Ana", "ana@gmail.com"), signature=signature
    )
    assert found.company == "Harbour Mills"


@pytest.mark.parametrize(
    "body",
    [
        "I've spoken to the client's hiring manager and they like your profile.",
        "I've been retained by a fintech scale-up to find their first data lead.",
        "I can't name them yet, but it is a well-known retailer.",
    ],
)
def test_agency_wording(body: str) -> None:
    found = find_organisation(
        "Role", body, sender=Address("Kim Lowe", "kim@lowe-partners.example"),
        signature="Kim Lowe\nPrincipal Consultant\nLowe Partners",
    )  # fmt: skip
    assert found.sender_role == SenderRole.AGENCY_RECRUITER
    assert (found.agency, found.company) == ("Lowe Partners", None)


@pytest.mark.parametrize(
    "body",
    [
        "Now I can tell you who the client is: it's Globex Industrial (the pump people).",
        # "at <Place>" after a client is where it is, not the company (unlike a course's)
        "I'm working exclusively with Globex Industrial at Canary Wharf on this hire.",
    ],
)
def test_the_client_named_after_a_colon_or_before_a_place(body: str) -> None:
    found = find_organisation(
        "Update", body, sender=Address("Kim Lowe", "kim@lowe-recruitment.example")
    )
    assert (found.agency, found.company) == ("Lowe Recruitment", "Globex Industrial")


@pytest.mark.parametrize(
    ("subject", "body", "role"),
    [
        ("Interview invitation - Data Engineer (Payments)", "", "Data Engineer (Payments)"),
        ("Senior Product Analyst @ Bluefin Labs (remote, UK)", "", "Senior Product Analyst"),
        ("RE: Platform Engineer opportunity - fintech, London", "", "Platform Engineer"),
        ("Hello", "Thanks for applying to the Data Analyst, Route Planning position at Orbit.",
         "Data Analyst, Route Planning"),
        ("Hello", "We are hiring a Data Scientist (Pricing) to join the team.",
         "Data Scientist (Pricing)"),
        ("Hello", "I'm working on a newly created Analytics Engineer role.", "Analytics Engineer"),
    ],
)  # fmt: skip
def test_role_qualifiers(subject: str, body: str, role: str) -> None:
    assert find_role(subject, body) == role


relay_or_free = st.sampled_from(
    ["no-reply@us.greenhouse-mail.io", "jobs@hire.lever.co", "acme@myworkday.com",
     "jane@gmail.com", "bob@hotmail.co.uk", "x@proton.me", "talent@smartrecruiters.com"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(display=st.text(max_size=40), email=relay_or_free, text=st.text(max_size=300))
def test_never_a_relay_or_free_mail_name(display: str, email: str, text: str) -> None:
    found = find_organisation(text[:40], text, sender=Address(display, email))
    for name in (found.company, found.agency):
        if name is not None:
            compact = name.lower().replace(" ", "").replace("-", "")
            assert compact not in {
                "greenhouse",
                "greenhousemail",
                "lever",
                "gmail",
                "hotmail",
                "proton",
                "smartrecruiters",
                "workday",
                "myworkday",
            }
            assert name.strip() == name and name


@settings(max_examples=200, deadline=None)
@given(
    display=st.text(max_size=60),
    email=st.text(max_size=40),
    signature=st.text(max_size=200),
    text=st.text(max_size=500),
)
def test_no_sender_or_text_crashes_find_organisation(
    display: str, email: str, signature: str, text: str
) -> None:
    found = find_organisation(text[:60], text, sender=Address(display, email), signature=signature)
    assert found.sender_role in SenderRole


def test_a_line_of_prose_at_the_end_is_no_signature() -> None:
    # no signature split off: the last lines are read as one, but not a sentence that
    # mentions the hiring manager as someone else
    text = (
        "Great speaking with you today Alex. I'll share my notes with the hiring manager and "
        "come back to you early next week about the technical round.\n\nDana"
    )
    found = find_organisation("Re: next steps", text, sender=Address("Dana", "dana@acme.example"))
    assert found.sender_role == SenderRole.UNKNOWN
    signed = find_organisation(
        "Re: next steps", "See you Tuesday.\n\nDana\nHiring Manager, Data Platform",
        sender=Address("Dana", "dana@acme.example"),
    )  # fmt: skip
    assert signed.sender_role == SenderRole.HIRING_MANAGER


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("Alex Morgan / Senior Data Engineer", "Senior Data Engineer"),
        ("Senior Data Engineer - alex morgan", "Senior Data Engineer"),
        ("Data Engineer (Alex Morgan)", "Data Engineer"),
        ("Data Engineer, Payments", "Data Engineer, Payments"),
        ("Alex Morgan", None),
        ("Alexandra Morgan-Smith: Data Engineer", "Alexandra Morgan-Smith: Data Engineer"),
    ],
)
def test_a_role_named_after_the_candidate_loses_the_name(role: str, expected: str | None) -> None:
    assert without_person(role, "Alex Morgan") == expected


def test_the_person_behind_a_relay() -> None:
    omar = Address("Omar Haddad", "omar.haddad@tallishealth.example")
    calendly = Address("Calendly", "notifications@calendly.com")
    assert person_behind_relay(calendly, (omar,)) == omar
    assert person_behind_relay(Address("", "no-reply@us.greenhouse-mail.io"), (omar,)) == omar
    # not a relay, no Reply-To, a free-mail or relay Reply-To, or two people: nobody
    assert person_behind_relay(Address("Jane", "jane@acme.example"), (omar,)) is None
    assert person_behind_relay(calendly, ()) is None
    assert person_behind_relay(calendly, (Address("", "omar@gmail.com"),)) is None
    assert person_behind_relay(calendly, (Address("", "support@calendly.com"),)) is None
    two = (omar, Address("", "hr@tallishealth.example"))
    assert person_behind_relay(calendly, two) is None
    assert person_behind_relay(None, (omar,)) is None


@pytest.mark.parametrize(
    ("name", "email", "expected"),
    [("Fjord Systems", "no-reply@greenhouse.io", "Fjord Systems"),
     ("Fjord Systems Careers", "no-reply@greenhouse.io", "Fjord Systems"),
     ("Tom Reyes", "jobs@hire.lever.co", "Tom Reyes"),  # a name: the matcher decides
     # the system's or a team's name, no name, or not a relay
     ("Greenhouse", "no-reply@greenhouse.io", None),
     ("Workday", "tarn@myworkday.com", None),
     ("Careers", "no-reply@greenhouse.io", None),
     ("Talent Acquisition", "no-reply@greenhouse.io", None),
     ("Recruiting Team", "no-reply@greenhouse.io", None),
     ("No Reply", "no-reply@greenhouse.io", None),
     ("Do Not Reply", "no-reply@greenhouse.io", None),
     ("", "no-reply@greenhouse.io", None),
     ("Fjord Systems", "no-reply@fjordsystems.example", None)],
)  # fmt: skip
def test_the_company_an_ats_relays_display_name_may_be(
    name: str, email: str, expected: str | None
) -> None:
    assert relay_sender_name(Address(name, email)) == expected


@pytest.mark.parametrize(
    "closing",
    ["Sincerely,\n\nThe Admissions Office", "Yours Sincerely,\nRiverside Admissions",
     "Yours Faithfully,\n\nPeople Services", "Warmest,\nThe Careers Portal"],
)  # fmt: skip
def test_a_valediction_is_no_company(closing: str) -> None:
    # no signature split off: the last short lines are read as one, and "Sincerely," with
    # its comma looked like "Title, Company"; two portals signing off alike would merge.
    # The line after it is a signer with no company form: nothing names one here.
    text = f"Your next step is to book a time for the assessment.\n\n{closing}"
    found = find_organisation("Next step", text, sender=Address("", "no-reply@example.com"))
    assert found.company is None


@pytest.mark.parametrize(
    "sender",
    [Address("Talent Team", "careers@brightpath-careers.example"),
     Address("Sarah Jones", "sarah.jones@brightpath-careers.example")],
    ids=["team-mailbox", "named-sender"],
)  # fmt: skip
@pytest.mark.parametrize(
    "sign_off",
    ["Thanks, Sarah", "Best, Sarah", "Best, Taro", "Best, Priya", "Thanks, Siobhan",
     "Thanks, Wojciech", "Regards, Chidi", "Thanks, Anh", "Best, Oluwaseun",
     "Kind regards, Mei-Ling", "Many thanks, Zoë", "Warm regards, Amara Okafor",
     "All the best, Kwame", "Cheers, Aroha", "Sincerely, Dmitri", "Speak soon, Fatima",
     "thank you, Ngozi", "Yours, Hiroshi"],
)  # fmt: skip
def test_a_closing_and_a_first_name_is_no_company(sender: Address, sign_off: str) -> None:
    # no signature split off: the last short lines are read as one, and "Thanks, Sarah"
    # looked like "Title, Company"; the role named in the body gives the company
    text = (
        "Hi Alex, thank you for applying for the Data Engineer role at Testco. We would like "
        f"to invite you to an interview. We'll get back to you with times by Friday.\n\n{sign_off}"
    )
    found = find_organisation("Data Engineer interview", text, sender=sender)
    assert (found.company, found.role) == ("Testco", "Data Engineer")


@pytest.mark.parametrize(
    "signature",
    ["Thanks, The Testco Careers Team", "Kind regards, Testco Recruiting", "Best, Priya | Testco",
     "Best, Priya at Testco", "Best, Priya\nTalent Partner, Testco"],
)  # fmt: skip
def test_a_closing_before_a_team_or_a_company_still_names_it(signature: str) -> None:
    found = find_organisation(
        "Interview", "Hi Alex, can you talk on Friday?", sender=Address("", "jobs@gmail.com"),
        signature=signature,
    )  # fmt: skip
    assert found.company == "Testco"


def test_an_imperative_before_a_company_is_not_its_name() -> None:
    text = "Your application was not taken further.\n\nContact Fernhill Care Ltd directly with questions."
    found = find_organisation("Update", text, sender=Address("", "no-reply@example.com"))
    assert found.company == "Fernhill Care"


def test_the_course_before_at_is_not_the_company() -> None:
    subject = "You are invited to apply to Chemistry (F1X2) at Oakridge Academy Trust"
    assert find_organisation(subject, "Dear Alex,").company == "Oakridge Academy Trust"
    body = "Thank you for applying to Marine Biology at Saltmarsh Institute."
    assert find_organisation("Thanks", body).company == "Saltmarsh Institute"


def test_a_form_names_the_provider_and_its_place_is_not_a_company() -> None:
    text = (
        "Your place has changed.\n\nTraining provider: Oakridge Academy Trust\n"
        "Course: Chemistry (F1X2)\nLocation: Oakridge Lower School, Hexham"
    )
    found = find_organisation("Course changed", text, sender=Address("", "no-reply@example.com"))
    assert found.company == "Oakridge Academy Trust"


AGENT = Address("Sam Hale", "sam.hale@fernleighrecruitment.example")


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # a capitalised word before a kind of company describes it: no client named
        ("Hi Alex, I'm working with Series B fintechs across Bristol on Data Engineer roles.",
         None),
        ("Hi Alex, I recruit on behalf of Tech companies in Leeds. Open to a Data Engineer role?",
         None),
        ("Hi Alex, I'm partnering with FTSE 100 insurers on a Data Engineer role.", None),
        # a client's name before other words
        ("Hi Alex, I'm working with Osprey Analytics on a Data Engineer role.", "Osprey Analytics"),
        ("Hi Alex, on behalf of Tillbury Foods, I'm hiring a Data Engineer.", "Tillbury Foods"),
        # a client called by a word the other patterns refuse, said doing something
        ("Hi Alex, my client Next have a Data Engineer role in Leicester.", "Next"),
        ("Hi Alex, our client Next is hiring a Data Engineer.", "Next"),
        ("Hi Alex, my client, Unfortunately, has paused the Data Engineer role.", None),
        ("Hi Alex, my client May have a Data Engineer role soon.", None),
        ("Hi Alex, my client Indeed has a Data Engineer role.", None),
        ("Hi Alex, I spoke to my client Monday about the Data Engineer role.", None),
    ],
)  # fmt: skip
def test_an_agencys_client_is_a_company_not_a_kind_of_one(text: str, client: str | None) -> None:
    found = find_organisation("Data Engineer role", text, sender=AGENT)
    assert found.agency is not None
    assert found.company == client


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # a range of funding stages before a kind of company names none
        ("Hi Alex, I'm working with Series A to Series C startups in Bristol on data roles.",
         None),
        ("Hi Alex, I'm partnering with Seed to Series A start-ups on Data Engineer roles.", None),
        ("Hi Alex, I'm working with Series A/B scale-ups on a Data Engineer role.", None),
        # "to" before a verb or a place is no range
        ("Hi Alex, I'm working with Osprey Analytics to find a Data Engineer.",
         "Osprey Analytics"),
        ("Hi Alex, I'm working with Osprey Analytics through Hays on a Data Engineer role.",
         "Osprey Analytics"),
    ],
)  # fmt: skip
def test_a_range_of_kinds_of_company_is_no_client(text: str, client: str | None) -> None:
    found = find_organisation("Data Engineer role", text, sender=AGENT)
    assert found.agency is not None
    assert found.company == client


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # what the client did, written with a capital, is no name
        ("Quick one - my client Loved your CV and would like a call this week.", None),
        ("Hi Alex, my client Really liked your portfolio.", None),
        ("Hi Alex, our client Asked whether you could start in January.", None),
        # names that look like words, and a client before the user's CV, stay names
        ("Hi Alex, my client Monday.com is hiring a Data Engineer.", "Monday.com"),
        ("Hi Alex, my client First Direct is hiring a Data Engineer.", "First Direct"),
        ("Hi Alex, my client Next have a Data Engineer role in Leicester.", "Next"),
        ("Hi Alex, I've sent my client Osprey Analytics your CV today.", "Osprey Analytics"),
        # a word of the list that starts a name of two words
        ("Hi Alex, my client Thought Machine is hiring a Data Engineer.", "Thought Machine"),
        ("Hi Alex, my client Loved Brands is hiring a Data Engineer.", "Loved Brands"),
    ],
)  # fmt: skip
def test_a_verb_after_my_client_is_not_its_name(text: str, client: str | None) -> None:
    found = find_organisation("Data Engineer role", text, sender=AGENT)
    assert found.agency is not None
    assert found.company == client


def test_a_domain_with_an_affix_takes_the_name_the_text_gives() -> None:
    pat = Address("Pat Lowe", "pat@getosprey.example")
    text = "Hi Alex, the team at Osprey would like to meet you. Are you free on Monday?"
    assert find_organisation("Next steps", text, sender=pat).company == "Osprey"
    # the whole label first; and nothing in the text: the domain's name
    both = "Hi Alex, Getosprey is the new name of Osprey. Are you free on Monday?"
    assert find_organisation("Next steps", both, sender=pat).company == "Getosprey"
    silent = "Hi Alex, would you like to meet the team? Are you free on Monday?"
    assert find_organisation("Next steps", silent, sender=pat).company == "Getosprey"
    hq = Address("Pat Lowe", "pat@ospreyhq.example")
    assert find_organisation("Next steps", text, sender=hq).company == "Osprey"


def test_an_independent_recruiter_is_an_agency_recruiter_not_in_house() -> None:
    kate = Address("Kate Miles", "kate.miles@gmail.com")
    text = "Hi Alex, I'm an independent recruiter and I'm working with Brightfield on a role."
    found = find_organisation("Opportunity", text, sender=kate)
    assert (found.company, found.sender_role) == ("Brightfield", SenderRole.AGENCY_RECRUITER)
    freelance = "Hi Alex, I'm a freelance headhunter working with Brightfield on a role."
    assert find_organisation("Hi", freelance, sender=kate).sender_role == (
        SenderRole.AGENCY_RECRUITER
    )
    # a recruiter at the company is in-house
    inhouse = "Hi Alex, I'm a recruiter here at Brightfield and would like to talk."
    found = find_organisation("Hi", inhouse, sender=Address("Kate", "kate@brightfield.example"))
    assert found.sender_role == SenderRole.INHOUSE_RECRUITER


PITCHER = Address("Jo Reyes", "jo.reyes@talentbridge.example")
PITCH_SIGNATURE = "Jo Reyes\nSenior Consultant | Talentbridge Recruitment"


@pytest.mark.parametrize(
    ("subject", "text", "client"),
    [
        # a second role pitched at a client it names, the first one set apart
        ("Another role - Kestrel Mutual - Lead Data Engineer (contract)",
         "Hi Alex,\n\nSeparate from Osprey Analytics, I've also got a 6-month contract with "
         "Kestrel Mutual for a Lead Data Engineer. Shall I put you forward?", "Kestrel Mutual"),
        ("Lead Data Engineer", "Hi Alex, I have an opening at Kestrel Mutual for a Lead Data "
         "Engineer.", "Kestrel Mutual"),
        ("Lead Data Engineer", "Hi Alex, separate from my client Osprey Analytics, I have a "
         "contract with Kestrel Mutual for a Lead Data Engineer.", "Kestrel Mutual"),
        # the subject names it beside the role, and the body names it too
        ("Another role - Kestrel Mutual - Lead Data Engineer (contract)",
         "Hi Alex, Kestrel Mutual are hiring a Lead Data Engineer on a 6-month contract.",
         "Kestrel Mutual"),
        # the only client named is the one set apart: none
        ("Another role - Lead Data Engineer", "Hi Alex, as well as the role with Osprey "
         "Analytics, I have a Lead Data Engineer role with a payments client.", None),
        # the user's own employer, a place, a salary, a kind of company: no client
        ("Data Engineer opportunity", "Hi Alex, I saw your current role at Acme Bank and have "
         "a Data Engineer position with a fintech client.", None),
        ("Lead Data Engineer - Leeds", "Hi Alex, a client of mine based in Leeds is hiring a "
         "Lead Data Engineer.", None),
        ("Lead Data Engineer - GBP 85-95k", "Hi Alex, a Lead Data Engineer role paying GBP "
         "85-95k with a payments client.", None),
        ("Urgent - Lead Data Engineer - Fintech", "Hi Alex, a Fintech client is hiring a Lead "
         "Data Engineer.", None),
        # a subject's name the body does not repeat is not read
        ("Another role - Kestrel Mutual - Lead Data Engineer", "Hi Alex, a new contract role "
         "for a Lead Data Engineer. Interested?", None),
    ],
)  # fmt: skip
def test_the_client_of_a_role_an_agency_pitches(
    subject: str, text: str, client: str | None
) -> None:
    found = find_organisation(subject, text, sender=PITCHER, signature=PITCH_SIGNATURE)
    assert found.agency == "Talentbridge"
    assert found.company == client


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # the user's own past or present contract is no client of the agency's
        ("Hi Alex, I noticed you completed a contract with Skybridge Retail for their data "
         "team in the spring. I have a Lead Data Engineer contract with an insurer.", None),
        ("Hi Alex, as you worked on a contract with Skybridge Retail last year, this Lead Data "
         "Engineer role with a retail client may appeal.", None),
        ("Hi Alex, I know you're on a contract with Skybridge Retail until March.", None),
        ("Hi Alex, you have a contract with Skybridge Retail now, so this may be for later.",
         None),
        # ... but the role pitched after it is read
        ("Hi Alex, I saw you finished a contract with Skybridge Retail. I now have a 6-month "
         "contract with Kestrel Mutual for a Lead Data Engineer.", "Kestrel Mutual"),
        ("Hi Alex, we've just signed a contract with Kestrel Mutual for two data roles.",
         "Kestrel Mutual"),
        # a client known by its initials, after "the"; not a team after "the"
        ("Hi Alex, this is a 12-month contract with the DVLA for a Lead Data Engineer.", "DVLA"),
        ("Hi Alex, I have a role with the Data Platform team at a bank.", None),
    ],
)  # fmt: skip
def test_the_client_pitched_is_not_the_users_own_contract(text: str, client: str | None) -> None:
    found = find_organisation("Lead Data Engineer", text, sender=PITCHER, signature=PITCH_SIGNATURE)
    assert (found.agency, found.company) == ("Talentbridge", client)


def test_the_client_in_an_agency_subject_with_terms_in_brackets_or_recruited_for() -> None:
    # the subject puts the place and terms in brackets after the client; the body says
    # whom the role is recruited for
    sender = Address("Rhea Kaur", "rhea.kaur@lanternrecruitment.example")
    signature = "Rhea Kaur\nPrincipal Consultant\nLantern Recruitment | 020 7946 0123"
    for subject, text in (
        ("Lead Data Analyst - Tollgate Insurance (Leeds, remote-first)",
         "Hi Sam,\n\nTollgate Insurance are growing their pricing team. Free for a chat?"),
        ("A role you may like",
         "Hi Sam,\n\nI'm recruiting a Lead Data Analyst for Tollgate Insurance, based in Leeds."),
        ("A role you may like",
         "Hi Sam,\n\nWe're hiring an experienced Lead Data Analyst for Tollgate Insurance."),
    ):  # fmt: skip
        found = find_organisation(subject, text, sender=sender, signature=signature)
        assert (found.company, found.agency) == ("Tollgate Insurance", "Lantern Recruitment")
    # a team, a lower-case word or "my client" after "for" is no client
    for text in (
        "I'm recruiting a Lead Data Analyst for the Data team at a bank.",
        "I'm recruiting a Lead Data Analyst for my client, a bank in Leeds.",
        "I'm hiring a Lead Data Analyst for January.",
    ):
        found = find_organisation("A role", text, sender=sender, signature=signature)
        assert found.company is None, text


def test_a_client_that_starts_a_sentence_as_the_one_hiring() -> None:
    sender = Address("Sam Reed", "sam.reed@fernleighsearch.example")
    signature = "Sam Reed\nFernleigh Search"
    for text in (
        "Hi Alex,\n\nHarbor & Finch have another Senior Data Engineer role opening in March.",
        "Hi Alex,\n\nGood news: Harbor & Finch came back - they'd like to interview you.",
        "Hi Alex,\n\nHarbor & Finch came back to me, and they want to meet you on Friday.",
        "Hi Alex,\n\nHarbor & Finch are hiring again. Fancy a chat?",
    ):
        found = find_organisation("Catching up", text, sender=sender, signature=signature)
        assert found.company == "Harbor & Finch", text
    # a person who came back ("he", "she"), a pronoun or "My client" is no client
    for text in (
        "Hi Alex,\n\nMartin came back - he'd like to meet you on Tuesday.",
        "Hi Alex,\n\nPriya came back to me: she loved your CV.",
        "Hi Alex,\n\nThey have another Senior Data Engineer role in the team.",
        "Hi Alex,\n\nMy client has a new Data Engineer role.",
        "Hi Alex,\n\nEveryone came back - they loved meeting you.",
        "Hi Alex,\n\nSomeone is hiring a Data Engineer, I hear.",
    ):
        found = find_organisation("Catching up", text, sender=sender, signature=signature)
        assert found.company is None, text


def test_a_recruiter_who_pitches_a_role_at_another_company_is_an_agencys() -> None:
    # no agency word or domain the lists know: a recruiter at a firm of their own names
    # another company as the one hiring, in the subject or the body
    cases = (
        (Address("Nell Ford", "nell.ford@brightwise.example"), "Recruiter | Brightwise",
         "Credit Analyst opportunity - Ashby Mutual",
         "Hi Sam,\n\nI'm working on a Credit Analyst vacancy with Ashby Mutual in Leeds.",
         "Ashby Mutual", "Brightwise"),
        (Address("Tom Vale", "tom.vale@kestreltalent.example"), "Kestrel Talent | Tech Recruitment",
         "Pinewood Freight - first stage",
         "Hi Sam,\n\nGood news: Pinewood Freight would like to have a video call with you for "
         "the Platform Engineer role.", "Pinewood Freight", "Kestrel Talent"),
        (Address("Di Shaw", "di.shaw@marshallbrook.example"), "Marshall & Brook Search",
         "Fenwick Energy are hiring - Senior Data Analyst",
         "Morning Sam,\n\nThey have a Senior Data Analyst role in Bristol. Can I send your CV?",
         "Fenwick Energy", "Marshall & Brook"),
    )  # fmt: skip
    for sender, signature, subject, text, company, agency in cases:
        found = find_organisation(subject, text, sender=sender, signature=signature)
        assert (found.company, found.agency) == (company, agency), subject
        assert found.sender_role == SenderRole.AGENCY_RECRUITER


def test_an_inhouse_recruiter_naming_their_own_company_or_the_users_past_is_not_an_agency() -> None:
    talent = "Talent Partner | Brightwater Group"
    for sender, signature, subject, text, company in (
        # their own company, or a part of their group
        (Address("Ana Lee", "ana.lee@brightwatergroup.example"), talent,
         "Data Engineer - Brightwater Analytics",
         "Hi Sam,\n\nI'm recruiting a Data Engineer for Brightwater Analytics, our data arm.",
         "Brightwater Group"),
        (Address("Ana Lee", "ana.lee@kinsale.example"), "Senior Recruiter | Kinsale",
         "Kinsale are hiring - Data Analyst",
         "Hi Sam,\n\nWe have a Data Analyst opening at Kinsale and I'd love to talk.", "Kinsale"),
        # the user's own past role at another company
        (Address("Ana Lee", "ana.lee@kinsale.example"), "Senior Recruiter | Kinsale",
         "Data Analyst",
         "Hi Sam,\n\nI see you were in a similar role at Monzo, so I thought of you.", "Kinsale"),
        # free mail: nothing to tell their own firm from another
        (Address("Ana Lee", "ana.lee@gmail.com"), "Recruiter",
         "Data Analyst - Kinsale", "Hi Sam,\n\nI'm recruiting a Data Analyst for Kinsale.",
         None),
    ):  # fmt: skip
        found = find_organisation(subject, text, sender=sender, signature=signature)
        assert (found.company, found.agency) == (company, None), text
        assert found.sender_role != SenderRole.AGENCY_RECRUITER


def test_an_ampersand_is_and_in_the_domain() -> None:
    found = find_organisation(
        "Analytics Manager - next steps",
        "Dear Sam,\n\nThank you for meeting us last week.",
        sender=Address("Lucy Baines", "lucy.baines@pellowandco.example"),
        signature="Lucy Baines\nHR Business Partner\nPellow & Co",
    )
    assert found.company == "Pellow & Co"


def test_a_role_the_user_was_in_is_not_the_client_pitched() -> None:
    for text in (
        "I see you were in a similar role at Monzo, so I thought of you.",
        "You've worked in a data role with Ocado, which my client values.",
        "You're in a senior role at Wise now, I believe.",
    ):
        found = find_organisation("A role", text, sender=PITCHER, signature=PITCH_SIGNATURE)
        assert (found.company, found.agency) == (None, "Talentbridge"), text


FENMORE = Address("Maya Quinn", "maya.quinn@fenmoreanalytics.example")


@pytest.mark.parametrize(
    "text",
    [
        # a place, a team, a project, a part of the company, a parent or sister company
        "I'm hiring a Lead Data Analyst for Manchester. Could we talk this week?",
        "I'm recruiting a Lead Data Analyst for Pricing & Risk. Could we talk this week?",
        "I'm recruiting a Lead Data Analyst for Customer Analytics, our newest team.",
        "I'm recruiting a Lead Data Analyst for Project Lantern, our new lending platform.",
        "I'm looking for a Lead Data Analyst for Fenmore's Lending team. Interested?",
        "I'm recruiting a Lead Data Analyst for Ashgrove Holdings, our parent company.",
        "Fenmore Analytics is part of Ashgrove Holdings. Ashgrove Holdings are hiring across "
        "the group this year.",
        "Tidewell are hiring a Lead Data Analyst too - they're our sister company.",
        # a person who came back, singular "they" or not
        "Good news: Priya came back - they'd like to see you again on Friday.",
        "Tom Becker came back to me - they would like a second interview.",
        # a firm named in passing, or as the account a role looks after
        "You were at Starling, I see. Starling are hiring too, but our role suits you better.",
        "Starling are hiring as well - you may have seen their advert.",
        "Starling are hiring, but I think this role suits you better.",
        "It's a client-facing role with Lloyds as your main account. Keen to hear more?",
    ],
)
def test_an_inhouse_recruiter_writing_of_other_names_stays_in_house(text: str) -> None:
    # a recruiter at their own company's domain: neither the title "Talent Acquisition"
    # nor any of these makes them an agency, or the name the company
    for signature in ("Maya Quinn\nTalent Acquisition, Fenmore Analytics",
                      "Maya Quinn\nSenior Recruiter | Fenmore Analytics"):  # fmt: skip
        found = find_organisation(
            "Lead Data Analyst", f"Hi Sam,\n\n{text}\n", sender=FENMORE, signature=signature
        )
        assert (found.company, found.agency) == ("Fenmore Analytics", None), signature
        assert found.sender_role != SenderRole.AGENCY_RECRUITER


def test_a_talent_acquisition_title_at_the_signatures_own_company_is_in_house() -> None:
    # wording the patterns would read as a client pitched: with "Talent Acquisition" at the
    # company their signature names, the sender is in-house all the same
    for text in (
        "Orla Finance have a new Lead Data Analyst role for you. Interested?",
        "I'm recruiting a Lead Data Analyst for Orla Finance, one of our customers.",
    ):
        found = find_organisation(
            "Lead Data Analyst", f"Hi Sam,\n\n{text}\n", sender=FENMORE,
            signature="Maya Quinn\nTalent Acquisition, Fenmore Analytics",
        )  # fmt: skip
        assert (found.company, found.agency) == ("Fenmore Analytics", None), text


def test_an_agencys_client_is_no_person_place_or_team() -> None:
    sender = Address("Rhea Kaur", "rhea.kaur@lanternrecruitment.example")
    signature = "Rhea Kaur\nPrincipal Consultant\nLantern Recruitment | 020 7946 0123"
    for text in (
        "Priya Shah came back - they'd like to interview you next week.",
        "Good news! Priya came back to me - they'd like to meet you on Thursday.",
        "Martin has a new Lead Data Analyst role in his team.",
        "I'm recruiting a Lead Data Analyst for Leeds. Interested?",
        "I'm hiring a Lead Data Analyst for Risk & Compliance at a bank. Interested?",
        "I'm recruiting a Lead Data Analyst for Q1. Interested?",
    ):
        found = find_organisation("A role", text, sender=sender, signature=signature)
        assert (found.company, found.agency) == (None, "Lantern Recruitment"), text
    # nor is a subject's team or place beside the role
    for subject, text in (
        ("Consultant - Data", "Hi Sam,\n\nI have a Data Consultant role at a bank. Interested?"),
        ("Data Analyst - Bristol", "Hi Sam,\n\nA Data Analyst role in central Bristol, at a bank."),
    ):
        found = find_organisation(subject, text, sender=sender, signature=signature)
        assert (found.company, found.agency) == (None, "Lantern Recruitment"), subject
    # a company still: with a word of a company's name, an "&", initials, a plural verb,
    # or a client it describes as theirs
    for text, client in (
        ("Kestrel Logistics came back - they'd like to interview you.", "Kestrel Logistics"),
        ("HSBC came back - they'd like to interview you.", "HSBC"),
        ("Tollgate are hiring a Lead Data Analyst. Interested?", "Tollgate"),
        ("Tollgate have a new Lead Data Analyst role. Interested?", "Tollgate"),
        ("Tollgate are hiring, but they need someone quickly. Free for a call?", "Tollgate"),
        ("I'm recruiting a Lead Data Analyst for Tollgate Insurance, our client in Leeds.",
         "Tollgate Insurance"),
    ):  # fmt: skip
        found = find_organisation("A role", text, sender=sender, signature=signature)
        assert (found.company, found.agency) == (client, "Lantern Recruitment"), text


@pytest.mark.parametrize(
    ("sender", "subject", "body", "company"),
    [(Address("Codility", "no-reply@codility.com"),
      "Fernhill Robotics has invited you to a programming test", "Good luck!", "Fernhill Robotics"),
     (Address("HackerRank", "no-reply@hackerrank.com"), "Your coding challenge",
      "Hello Alex,\n\nHalden Bank invites you to take a 60-minute challenge.", "Halden Bank"),
     # a recruiter at the company: the company is theirs
     (Address("GoodTime", "scheduling@goodtime.io"),
      "Priya Shah from Marlow Insurance has invited you to pick a time", "", "Marlow Insurance"),
     (Address("Karat", "no-reply@karat.io"), "Your interview is booked",
      "See you soon.\n\nSent by Karat on behalf of Tamsin Foods", "Tamsin Foods")],
)  # fmt: skip
def test_a_tool_names_the_company_that_invites(
    sender: Address, subject: str, body: str, company: str
) -> None:
    assert find_organisation(subject, body, sender=sender).company == company


@pytest.mark.parametrize(
    ("sender", "subject"),
    [  # a person through the ATS (the display name says so), the tool itself, and a person
     # who is not a relay at all
     (Address("Priya Shah", "no-reply@us.greenhouse-mail.io"),
      "Priya Shah has invited you to choose interview times"),
     (Address("HackerRank", "no-reply@hackerrank.com"), "HackerRank has invited you to a contest"),
     (Address("Jo Park", "jo@parkfamily.example"), "Sam Lee has invited you to a party")],
)  # fmt: skip
def test_who_invites_is_no_company_when_a_person_or_the_tool(sender: Address, subject: str) -> None:
    company = find_organisation(subject, "", sender=sender).company
    assert company not in {"Priya Shah", "HackerRank", "Sam Lee"}


def test_an_e_signature_envelope_is_the_person_behind_it_never_a_company() -> None:
    rosa = Address("Rosa Lind", "rosa.lind@fernhill.example")
    envelope = Address("Rosa Lind via Docusign", "dse_na2@docusign.net")
    assert is_ats_domain("docusign.net") and is_task_tool_domain("docusign.net")
    assert not is_ats_domain("docusign.com")  # its own staff write from there
    assert person_behind_relay(envelope, (rosa,)) == rosa
    assert relay_sender_name(envelope) is None
    subject = "Fernhill Ltd sent you a document to review and sign"
    text = "Please review and sign: Offer Letter"
    # with no Reply-To, the display name is still the person's, not the company's
    assert find_organisation(subject, text, sender=envelope).company is None
    # with one, the person's own address names the company (as extract_message passes it)
    assert find_organisation(subject, text, sender=rosa).company == "Fernhill"


def test_an_ats_relays_domain_is_no_agency() -> None:
    # "smartrecruiters" and "recruitee" read like an agency's name; they send for employers
    assert not is_agency_domain("smartrecruiters.com") and not is_agency_domain("recruitee.com")
    assert is_agency_domain("northstar-recruitment.co.uk")
    found = find_organisation(
        "Your application for Data Analyst at Corvel Bio",
        "We have decided to move forward with other candidates.",
        sender=Address("Corvel Bio", "no-reply@smartrecruiters.com"),
        signature="Corvel Bio Hiring Team\nPowered by SmartRecruiters",
    )
    assert (found.company, found.agency) == ("Corvel Bio", None)
    assert found.sender_role == SenderRole.AUTOMATED
