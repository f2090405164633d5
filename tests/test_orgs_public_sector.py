"""Who a message is from in the UK public sector and in an executive search (user audits 9
and 10): hiring portals (NHS Jobs, Trac, Civil Service Jobs, GOV.UK Notify, a council's HR
system) and sector domains are no employers; a search firm's partner is an agency recruiter;
an assistant's principal and a greeting's name are no companies; C-suite titles are roles."""

from __future__ import annotations

import pytest

from inbox_monitor.models import Address, SenderRole
from inbox_monitor.orgs import (
    clean_company,
    find_organisation,
    find_requisition_id,
    find_role,
    is_ats_domain,
    name_from_domain,
    relay_sender_name,
)


@pytest.mark.parametrize(
    "domain",
    ["jobs.nhs.uk", "beta.jobs.nhs.uk", "apps.trac.jobs", "notifications.service.gov.uk",
     "civilservicejobs.service.gov.uk"],
)  # fmt: skip
def test_public_sector_portals_are_relays(domain: str) -> None:
    assert is_ats_domain(domain)
    assert name_from_domain(domain) is None


@pytest.mark.parametrize(
    ("domain", "name"),
    [("staldhelms.sch.uk", "Staldhelms"), ("harrowfield.gov.uk", "Harrowfield"),
     ("ouh.nhs.uk", "Ouh"), ("kent.police.uk", "Kent"),
     # a sector's shared domain names no one
     ("nhs.net", None), ("gov.uk", None), ("sch.example", None), ("gov.example", None),
     # a two-letter label is an acronym
     ("news.ft.com", "FT")],
)  # fmt: skip
def test_sector_domains_are_no_names(domain: str, name: str | None) -> None:
    assert name_from_domain(domain) == name


NHS_JOBS = Address("NHS Jobs", "noreply@jobs.nhs.uk")


def test_nhs_jobs_names_the_trust_it_sends_for() -> None:
    text = (
        "Dear Sam Doe,\n\nThank you for your application for the post of Pharmacy Technician "
        "(Band 5), reference 412-PH-7781, with Southmere and Dale NHS Foundation Trust.\n\n"
        "If shortlisted you will hear from us through NHS Jobs.\n\nRecruitment Team\n"
        "Southmere and Dale NHS Foundation Trust"
    )
    found = find_organisation(
        "Application received - Pharmacy Technician - 412-PH-7781", text, sender=NHS_JOBS
    )
    assert found.company == "Southmere and Dale NHS Foundation Trust"
    assert found.role == "Pharmacy Technician"
    assert found.requisition_id == "412-PH-7781"
    assert found.sender_role == SenderRole.AUTOMATED
    # the portal's display name is no company for the matcher either
    assert relay_sender_name(NHS_JOBS) is None


def test_a_portals_job_alert_names_no_employer() -> None:
    text = (
        "There are 2 new jobs for your saved search.\n\n"
        "Ward Clerk - Band 2 - Fenbridge NHS Trust - closes 3 March\n"
        "Data Officer - Band 4 - Ashcombe Hospitals - closes 5 March\n\n"
        "Sign in to NHS Jobs to apply."
    )
    found = find_organisation("New jobs matching your saved search", text, sender=NHS_JOBS)
    assert found.company is None


@pytest.mark.parametrize(
    ("subject", "text", "company", "role", "reference"),
    [("Ministry of Justice - 401122 - Data Analyst - Application submitted",
      "Thank you for applying for the role of Data Analyst, vacancy reference 401122.",
      "Ministry of Justice", "Data Analyst", "401122"),
     ("HM Land Registry - 402900 - Casework Inspector - Sift outcome",
      "We have now completed the sift.", "HM Land Registry", "Casework Inspector", "402900")],
)  # fmt: skip
def test_civil_service_jobs_puts_the_department_first(
    subject: str, text: str, company: str, role: str, reference: str
) -> None:
    for sender in (
        Address("Civil Service Jobs", "noreply@civilservicejobs.service.gov.uk"),
        Address("Civil Service Jobs", "noreply@csjobs.example"),  # the display name alone
    ):
        found = find_organisation(subject, text, sender=sender)
        assert found.company == company, sender
        assert found.agency is None
        assert found.role == role
        assert found.requisition_id == reference


def test_a_department_signing_for_a_portal_is_no_agency() -> None:
    # "Ofsted Recruitment" signs, the subject names Ofsted and the role: the portal
    # pitches nothing for a client
    found = find_organisation(
        "Ofsted - 388100 - Regulatory Inspector - Update",
        "The sift at Ofsted has moved.\n\nOfsted Recruitment",
        sender=Address("Civil Service Jobs", "noreply@csjobs.example"),
    )
    assert (found.company, found.agency) == ("Ofsted", None)


@pytest.mark.parametrize(
    "sender",
    [Address("Apply for nursing associate training", "no-reply@notifications.service.gov.uk"),
     Address("Apply for nursing associate training", "no-reply@notifications.service.gov.example")],
)  # fmt: skip
def test_a_gov_notify_service_names_the_provider(sender: Address) -> None:
    invited = find_organisation(
        "You've been invited to an interview",
        "Dear Sam\n\nUniversity of Westholme has invited you to an interview for Trainee "
        "Nursing Associate (2027 intake).",
        sender=sender,
    )
    assert invited.company == "University of Westholme"
    assert invited.role == "Trainee Nursing Associate"
    offered = find_organisation(
        "You've received an offer",
        "Dear Sam\n\nUniversity of Westholme in partnership with Orchard Vale NHS Foundation "
        "Trust has made you an offer.",
        sender=sender,
    )
    assert offered.company == "University of Westholme"


@pytest.mark.parametrize(
    ("sender", "company"),
    [(Address("Southmere University Hospitals NHS Foundation Trust", "no-reply@apps.trac.jobs"),
      "Southmere University Hospitals NHS Foundation Trust"),
     (Address("Southmere University Hospitals NHS Foundation Trust", "no-reply@trac.example"),
      "Southmere University Hospitals NHS Foundation Trust"),
     (Address("Ashby Borough Council - MyHR Recruitment", "noreply-myhr@ashby.gov.uk"),
      "Ashby Borough Council"),
     (Address("Ashby Borough Council - MyHR Recruitment", "noreply-myhr@ashby.gov.example"),
      "Ashby Borough Council"),
     (Address("Fernley School", "newsletter@fernley.sch.example"), "Fernley School")],
)  # fmt: skip
def test_a_public_bodys_display_name_is_the_employer(sender: Address, company: str) -> None:
    found = find_organisation("Application received", "Thank you for applying.", sender=sender)
    assert found.company == company
    assert relay_sender_name(Address("Trac", "no-reply@apps.trac.jobs")) is None


def test_a_head_teacher_at_a_school_domain_signs_with_the_school() -> None:
    sender = Address("Ruth Ellery", "head@stmungos.sch.example")
    found = find_organisation(
        "Deputy Head post",
        "Dear Sam,\n\nWould you like to visit the school on Tuesday?",
        sender=sender,
        signature="Ruth Ellery\nHeadteacher\nSt Mungo's Church of England Primary School",
    )
    assert found.company == "St Mungo's Church of England Primary School"
    # with the real ending, the domain and the signature spell it together
    real = Address("Ruth Ellery", "head@stmungos.sch.uk")
    found = find_organisation(
        "Deputy Head post at St Mungo's", "Dear Sam,\n\nWould you like to visit?", sender=real
    )
    assert found.company == "St Mungo's"


def test_an_nhs_manager_on_a_shared_domain_signs_with_the_trust() -> None:
    for email in ("a.osei@nhs.net", "a.osei@nhs.example"):
        found = find_organisation(
            "Thank you for coming in",
            "Dear Sam,\n\nI will let you know by Friday.",
            sender=Address("Dr Ama Osei", email),
            signature="Dr Ama Osei\nHead of Pharmacy\nSouthmere and Dale NHS Foundation Trust",
        )
        assert found.company == "Southmere and Dale NHS Foundation Trust", email


def test_an_nhs_recruitment_team_is_no_agency() -> None:
    # the candidate's name in the subject beside the role is no client of an agency
    found = find_organisation(
        "Reference request - Sam Doe - Pharmacy Technician",
        "Dear Ms Hale,\n\nSam Doe has been offered the post of Pharmacy Technician with "
        "Southmere and Dale NHS Foundation Trust and has given your name as a referee.",
        sender=Address("Southmere Recruitment Team", "southmere.recruitment@nhs.net"),
        signature="Kind regards,\nJo Lake\nRecruitment Officer\nSouthmere and Dale NHS Foundation "
        "Trust",
    )
    assert found.agency is None
    assert found.company != "Sam Doe"
    assert found.sender_role != SenderRole.AGENCY_RECRUITER


@pytest.mark.parametrize(
    ("display", "wrong"),
    [  # not a determiner, nor a public body's unit
     ("The Trust", "Trust"),
     ("University of Leeds Careers Centre", "University of Leeds Careers Centre")],
)  # fmt: skip
def test_what_is_no_public_body(display: str, wrong: str) -> None:
    found = find_organisation("News", "Hello.", sender=Address(display, "info@example.org"))
    assert found.company != wrong


@pytest.mark.parametrize(
    ("subject", "reference"),
    [("Department for Education - 378100 - Policy Adviser - Sift outcome", "378100"),
     ("Application received - Ward Clerk - C1200-26-0099", "C1200-26-0099"),
     # a date, a salary, a year are no reference
     ("Team lunch - 2026-12-01", None), ("Senior Engineer - 85-95k - London", None),
     ("Re: Data Analyst - 2027", None), ("Booking confirmed: Wed 2 Dec - Oakfield Academy", None)],
)  # fmt: skip
def test_a_portal_subjects_reference_field(subject: str, reference: str | None) -> None:
    assert find_requisition_id(subject, "") == reference


@pytest.mark.parametrize(
    ("subject", "role"),
    [("CFO - PE-backed consumer business", "CFO"), ("Group CFO - healthcare group", "Group CFO"),
     ("Another one - CFO, FTSE 250 retailer", "CFO"), ("Interim FD - six months", "Interim FD"),
     ("Deputy CEO - housing association", "Deputy CEO"), ("NED - Harbour Housing", "NED"),
     ("Group Finance Director - confidential", "Group Finance Director"),
     ("Chief Financial Officer, FTSE 250 client", "Chief Financial Officer")],
)  # fmt: skip
def test_board_and_c_suite_titles_are_roles(subject: str, role: str) -> None:
    assert find_role(subject, "") == role


@pytest.mark.parametrize("title", ["CTO", "CFO", "Governor", "Chair"])
def test_a_title_is_no_company(title: str) -> None:
    assert clean_company(title) is None
    found = find_organisation(f"Interview with the {title} of the Bank", "", sender=None)
    assert found.company is None
    # the user's own mail: "the second interview with the CTO"
    found = find_organisation("Contract?", f"The second interview with the {title} is on Monday.")
    assert found.company is None


SEARCH_PA = Address("Millie Dorne", "millie.dorne@larchsearch.co.uk")
PA_SIGNATURE = "Many thanks,\nMillie\n\nMillie Dorne | PA to Hugo Fane | Larch Search"


@pytest.mark.parametrize(
    ("subject", "text"),
    [("Call with Hugo Fane - Tuesday",
      "Dear Sam,\n\nOn behalf of Hugo, could he call you on Tuesday at 4pm?"),
     ("Brantwood Foods - meeting with the Chair",
      "Dear Sam,\n\nOn behalf of Hugo: the Chair could meet you on Friday at 11am.")],
)  # fmt: skip
def test_an_assistant_writing_for_her_principal_names_no_client(subject: str, text: str) -> None:
    found = find_organisation(subject, text, sender=SEARCH_PA, signature=PA_SIGNATURE)
    assert found.agency == "Larch Search"
    assert found.company is None
    assert found.sender_role == SenderRole.AGENCY_RECRUITER


def test_on_behalf_of_a_client_still_names_it() -> None:
    found = find_organisation(
        "Finance Director role",
        "Dear Sam,\n\nI am writing on behalf of Brantwood Foods about their FD search.",
        sender=SEARCH_PA,
        signature="Millie Dorne | Consultant | Larch Search",
    )
    assert found.company == "Brantwood Foods"


@pytest.mark.parametrize(
    ("text", "client"),
    [("Now that you have signed the NDA I can tell you the business is Brantwood Foods.",
      "Brantwood Foods"),
     ("I can now tell you that the client is Orrel Vane plc.", "Orrel Vane"),
     # a description, no name
     ("As I said, the business is PE-backed and growing.", None),
     ("The company is London-based.", None),
     ("The client is thinking of a base salary of 300k.", None)],
)  # fmt: skip
def test_a_search_firm_names_the_business(text: str, client: str | None) -> None:
    found = find_organisation(
        "Next steps",
        f"Dear Sam,\n\n{text}",
        sender=Address("Hugo Fane", "hugo.fane@larchsearch.co.uk"),
        signature="Hugo Fane | Managing Partner\nLarch Search",
    )
    assert (found.company, found.agency) == (client, "Larch Search")


@pytest.mark.parametrize(
    ("signature", "text"),
    [("Clara Penn\nPartner, Board & CFO Practice\nMarlowe Partners\n12 King Street, London",
      "Thank you for coming in this morning. I will let you know by Friday."),
     ("Clara Penn\nPartner | Marlowe Partners",
      "Marlowe Partners has been retained to find a Group CFO for a listed retailer.")],
)  # fmt: skip
def test_an_executive_search_partner_is_an_agency_recruiter(signature: str, text: str) -> None:
    sender = Address("Clara Penn", "clara.penn@marlowepartners.com")
    found = find_organisation("Following up", f"Dear Sam,\n\n{text}", sender=sender,
                              signature=signature)  # fmt: skip
    assert found.sender_role == SenderRole.AGENCY_RECRUITER
    assert (found.company, found.agency) == (None, "Marlowe Partners")


def test_a_practice_or_retained_data_is_no_search_firm() -> None:
    # a GP practice, and a privacy notice keeping data
    sender = Address("Dr Ian Roe", "ian.roe@meadowsurgery.example")
    found = find_organisation(
        "Practice nurse post",
        "Dear Sam,\n\nOur practice is hiring a nurse. Your details will be retained to "
        "contact you about this post only.",
        sender=sender,
        signature="Dr Ian Roe\nSenior Partner, Meadow Surgery",
    )
    assert found.sender_role != SenderRole.AGENCY_RECRUITER


def test_a_greeting_is_no_company() -> None:
    # a counter-offer from the user's own chief executive, the mail too short for a signature
    found = find_organisation(
        "Proposal - private",
        "Sam,\n\nThank you for this morning. I'd be grateful for your answer by Friday.\n\nPeter",
        sender=Address("Peter Vance", "peter.vance@ostrellgroup.com"),
    )
    assert found.company == "Ostrell Group"  # (its domain, the word split off)
    found = find_organisation(
        "Proposal - private",
        "Sam,\n\nThank you for this morning.",
        sender=Address("Peter Vance", "peter.vance@ostrellgroup.com"),
        signature="Peter Vance\nChief Executive, Ostrell Group plc",
    )
    assert found.company == "Ostrell Group"


def test_a_hr_systems_no_reply_address_is_automated() -> None:
    sender = Address("Ashby Borough Council - MyHR Recruitment", "noreply-myhr@ashby.gov.uk")
    found = find_organisation("Your application", "Thank you for applying.", sender=sender)
    assert found.sender_role == SenderRole.AUTOMATED
    assert found.company == "Ashby Borough Council"
    # a person's address that only starts alike is not
    person = Address("Nora Reyes", "nora.reyes@ashby.gov.uk")
    assert find_organisation("Hello", "Hi Sam.", sender=person).sender_role != (
        SenderRole.AUTOMATED
    )


def test_an_agency_signature_names_the_firm_not_the_desk() -> None:
    sender = Address("Tara Bright", "tara.bright@corvidpeople.example.co.uk")
    found = find_organisation(
        "Casework Officer - county council",
        "Hi Sam,\n\nMy client, a county council, is hiring a Casework Officer.",
        sender=sender,
        signature="Tara Bright | Senior Consultant, Adult Social Care\n"
        "Corvid Search Partners | Public Sector Recruitment\nT: 01632 960 111",
    )
    assert found.agency == "Corvid Search Partners"
    # "Title, Company" with no firm below names the company; a title below is no firm
    for signature in (
        "Jo Park | Engineering Manager, Fenmoor Analytics",
        "Jo Park | Engineering Manager, Fenmoor Analytics\nHead of Recruitment Services",
    ):
        found = find_organisation(
            "Hello", "Hi Sam, thanks.", sender=Address("Jo Park", "jo@fm.example"),
            signature=signature,
        )  # fmt: skip
        assert found.company == "Fenmoor Analytics", signature
