"""Who a message is from when a tool, a portal or a member relay sends it (user audits 5 and 6):
test and video-interview vendors, ATS tenants, a shared application portal, XING, German
receipts, and an agency's client named in passing."""

from __future__ import annotations

import pytest

from inbox_monitor.models import Address, SenderRole
from inbox_monitor.orgs import (
    cased_domain_name,
    clean_company,
    find_organisation,
    is_ats_domain,
    is_task_tool_domain,
)


@pytest.mark.parametrize(
    "domain",
    ["shl.com", "cappfinity.com", "sovaassessment.com", "hirevue.com", "pymetrics.ai",
     "arcticshores.com", "talogy.com", "cubiks.com", "savilleassessment.com",
     "criteriacorp.com", "testgorilla.com", "modernhire.com", "sparkhire.com", "willo.video",
     "tazio.co.uk", "launchpadrecruits.com"],
)  # fmt: skip
def test_test_and_video_interview_vendors_are_relays(domain: str) -> None:
    assert is_task_tool_domain(domain) and is_ats_domain(domain)


@pytest.mark.parametrize(
    ("sender", "subject", "body", "company"),
    [  # the employer in the vendor's display name
     (Address("Orrin Marine Assessments", "no-reply@cappfinity.com"),
      "Thanks for finishing your assessment",
      "Thanks for finishing the Orrin Marine online assessment. Their team will be in touch.",
      "Orrin Marine"),
     # the vendor's own name, and the employer it tests for
     (Address("SHL Assessments", "noreply@shl.com"), "Complete your online assessment",
      "Hartwell Freight would like you to sit the reasoning tests.\n\n"
      "SHL Assessments on behalf of Hartwell Freight", "Hartwell Freight"),
     (Address("Sova Assessment", "no-reply@sovaassessment.com"), "Your online tests",
      "Please finish the tests within a week.\n\nSova Assessment on behalf of Delph Energy",
      "Delph Energy"),
     (Address("Cappfinity", "noreply@cappfinity.com"), "Action required: your assessment",
      "Good luck!\n\nCappfinity on behalf of Mossgate Water", "Mossgate Water"),
     # the employer first in the subject
     (Address("HireVue", "noreply@hirevue.com"), "Brantley Finance: Video Interview Invitation",
      "Please record your answers by Friday.", "Brantley Finance"),
     (Address("Brantley Finance via SHL", "noreply@shl.com"), "Your tests", "Good luck!",
      "Brantley Finance")],
)  # fmt: skip
def test_a_test_vendor_names_the_employer_never_itself(
    sender: Address, subject: str, body: str, company: str
) -> None:
    found = find_organisation(subject, body, sender=sender)
    assert found.company == company
    assert found.sender_role == SenderRole.AUTOMATED


def test_a_vendor_that_names_nobody_is_no_company() -> None:
    sender = Address("Sova Assessment", "no-reply@sovaassessment.com")
    assert (
        find_organisation("Practice tests", "Try our practice tests.", sender=sender).company
        is None
    )
    # a subject's label is no employer
    hirevue = Address("HireVue", "noreply@hirevue.com")
    assert find_organisation("Reminder: interview due tomorrow", "", sender=hirevue).company is None


@pytest.mark.parametrize(
    ("sender", "subject", "company"),
    [  # a tenant id cut short: the display name spells it out
     (Address("Pelham Building Society", "pelhambuildin@myworkday.com"),
      "Marketing Graduate Scheme - outcome", "Pelham Building Society"),
     (Address("Corrowfield Systems", "corrowfield@myworkday.com"), "Application received",
      "Corrowfield Systems"),
     # the subject names the company first
     (Address("Brindle Shipping", "brindleshipp@myworkday.com"),
      "Brindle Shipping - Confirmation of application received", "Brindle Shipping"),
     # a display name the tenant does not spell: the tenant, as before
     (Address("Workday", "globex@myworkday.com"), "Application received", "Globex"),
     (Address("Jane Doe", "globex@myworkday.com"), "Application received", "Globex")],
)  # fmt: skip
def test_an_ats_tenant_id_is_read_through_the_display_name(
    sender: Address, subject: str, company: str
) -> None:
    text = "We won't be offering you a place on the scheme this time."
    assert find_organisation(subject, text, sender=sender).company == company


def test_a_relays_display_name_that_the_mail_sends_for_is_the_company() -> None:
    sender = Address("Quillon Rail", "no-reply@greenhouse.io")
    found = find_organisation(
        "Quillon Rail - Confirmation of application received",
        "We confirm receipt of your application.",
        sender=sender,
        signature="Sent via Greenhouse on behalf of Quillon Rail.",
    )
    assert found.company == "Quillon Rail"
    # a person's name that the text alone says it sends for is not taken for a company
    person = Address("Priya Shah", "scheduling@goodtime.io")
    found = find_organisation(
        "Pick a time", "Sent by GoodTime on behalf of Priya Shah", sender=person
    )
    assert found.company is None


@pytest.mark.parametrize(
    ("display", "company"),
    [("Harlow Cyber Early Careers", "Harlow Cyber"),
     ("Merrow & Finch LLP Early Careers", "Merrow & Finch"),
     ("Dunmore Pharma Graduate Recruitment", "Dunmore Pharma"),
     ("Kobaltwerk GmbH", "Kobaltwerk")],
)  # fmt: skip
def test_a_display_names_graduate_mailbox_or_legal_form_is_the_company(
    display: str, company: str
) -> None:
    for email in ("noreply@successfactors.eu", "noreply@dunmorepharma-grads.tal.net",
                  "jobs@mail.personio.de"):  # fmt: skip
        found = find_organisation("Your application", "Thank you.", sender=Address(display, email))
        assert found.company == company, email
    # a person's name is no company
    person = Address("Jana Berger", "noreply@successfactors.eu")
    assert find_organisation("Your application", "Thank you.", sender=person).company is None


def test_an_oleeo_subdomain_is_no_company() -> None:
    sender = Address("", "noreply@dunmorepharma-grads.tal.net")
    assert find_organisation("Your application", "Thank you.", sender=sender).company != "Tal"
    assert clean_company("Tal") is None


def test_a_shared_portal_names_the_employer_in_its_subject() -> None:
    sender = Address("JobHub Applications", "notifications@jobhub.example")
    found = find_organisation(
        "Wrenfield Audit: Your application - Audit Graduate Scheme",
        "Thank you for applying. We will update you within four weeks.\n\n"
        "JobHub sends application updates on behalf of Wrenfield Audit.",
        sender=sender,
    )
    assert found.company == "Wrenfield Audit"


@pytest.mark.parametrize(
    ("sender", "subject", "text", "company"),
    [  # someone writing for a person, not a portal for an employer
     (Address("Tom Hale", "tom.hale@corvane.example"), "Meeting with Jane Doe",
      "I'm writing on behalf of Jane Doe to find a time.", "Corvane"),
     # the sentence does not name the portal, or the subject names nobody
     (Address("JobHub Applications", "notifications@jobhub.example"), "Wrenfield Audit: update",
      "Sent on behalf of Wrenfield Audit.", "JobHub"),
     (Address("JobHub Applications", "notifications@jobhub.example"), "Your application",
      "JobHub sends application updates on behalf of Wrenfield Audit.", "JobHub")],
)  # fmt: skip
def test_on_behalf_of_alone_makes_no_portal(
    sender: Address, subject: str, text: str, company: str
) -> None:
    assert find_organisation(subject, text, sender=sender).company == company


def test_a_portal_sending_for_itself_keeps_its_own_name() -> None:
    sender = Address("Corvane Careers", "careers@corvane.example")
    found = find_organisation(
        "Corvane: Your application", "Corvane sends this on behalf of Corvane.", sender=sender
    )
    assert found.company == "Corvane"


@pytest.mark.parametrize(
    "footer",
    ["View all jobs | Unsubscribe", "Manage preferences | Unsubscribe | Privacy Policy",
     "Terms of use | Privacy notice | Help"],
)  # fmt: skip
def test_a_footers_links_are_no_company(footer: str) -> None:
    sender = Address("Job Alerts", "alerts@jobs-alerts.example")
    found = find_organisation(
        "New jobs for you", "Three new jobs.", sender=sender, signature=footer
    )
    assert found.company not in {"Unsubscribe", "Privacy Policy", "Privacy", "Terms", "Help"}
    assert clean_company("Unsubscribe") is None


def test_a_title_is_no_company() -> None:
    text = "They'd like to meet you: first interview with the Head of Research on Thursday."
    sender = Address("Ruth Okafor", "ruth@okaforlane.example")
    assert find_organisation("Re: your CV", text, sender=sender).company != "Head of Research"
    assert clean_company("Head of Research") is None
    assert clean_company("Bank of England") == "Bank of England"


@pytest.mark.parametrize(
    "greeting", ["Hallo Jonas Weber", "Guten Tag Herr Weber", "Sehr geehrte Frau Brandt",
                 "Liebe Anna", "Lieber Jonas", "Moin Jonas", "Servus Jonas", "Hi Jonas Weber"],
)  # fmt: skip
def test_a_german_greeting_is_no_company(greeting: str) -> None:
    assert clean_company(greeting) is None
    text = f"{greeting},\nwir haben Ihre Unterlagen erhalten.\nMit freundlichen Grüßen"
    found = find_organisation("Ihre Unterlagen", text, sender=Address("", "jobs@mail.personio.de"))
    assert found.company is None


@pytest.mark.parametrize(
    ("text", "company"),
    [("vielen Dank für Ihre Bewerbung als Backend Engineer bei der Eisenhain GmbH.", "Eisenhain"),
     ("danke für Ihr Interesse an einer Stelle bei Eisenhain Digital.", "Eisenhain Digital"),
     # German capitalises every noun: "bei Fragen" names nobody
     ("Vielen Dank für Ihre Bewerbung. Bei Fragen melden Sie sich gern.", None),
     ("Ihre Bewerbung, bei Rückfragen melden Sie sich.", None),
     ("Ihre Bewerbung ist bei Ihnen angekommen?", None)],
)  # fmt: skip
def test_a_german_receipt_names_the_company_after_bei(text: str, company: str | None) -> None:
    sender = Address("", "jobs@mail.personio.de")
    assert find_organisation("Ihre Bewerbung", text, sender=sender).company == company


def test_a_xing_message_names_the_members_company() -> None:
    sender = Address("XING", "mailrobot@mail.xing.com")
    for line in (
        "Lea Vogt (Head of Engineering, Brennwerk GmbH) hat Ihnen eine Nachricht geschickt:",
        "Lea Vogt (Brennwerk GmbH) has sent you a message:",
    ):
        text = f'Hallo Jonas,\n{line}\n"Hi Jonas, are you free for a project in March?"'
        found = find_organisation(
            "Lea Vogt hat Ihnen eine Nachricht geschickt", text, sender=sender
        )
        assert found.company == "Brennwerk", line
    # a XING notice without a member's message names nobody (not "XING")
    notice = find_organisation(
        "Ihr Profil wurde besucht", "Hallo Jonas,\n3 Besucher.", sender=sender
    )
    assert notice.company is None


AGENCY = Address("Dimitri Lenz", "d.lenz@spreewald-recruitment.example")
SIGNATURE = "Dimitri Lenz\nSpreewald Recruitment | Contract IT"


@pytest.mark.parametrize(
    ("text", "client"),
    [("thanks. Client is Nordwerk Bank AG. Rate is fine.", "Nordwerk Bank"),
     ("Bad news: Nordwerk Bank put the project on hold until January.", "Nordwerk Bank"),
     ("I submitted your profile today to Hafenlicht, I think this is realistic.", "Hafenlicht"),
     ("Thanks for letting me know - yes it is Hafenlicht. I won't put you forward.",
      "Hafenlicht")],
)  # fmt: skip
def test_an_agency_names_its_client_in_passing(text: str, client: str) -> None:
    found = find_organisation("AW: Go Developer", f"Hi Jonas,\n{text}", sender=AGENCY,
                              signature=SIGNATURE)  # fmt: skip
    assert (found.company, found.agency) == (client, "Spreewald Recruitment")


@pytest.mark.parametrize(
    "text",
    ["Every client is different, so rates vary.",
     "Yes it is London based, hybrid two days.",
     "Simon put the role on hold for now.",
     "Yes, it's Monday at 10."],
)  # fmt: skip
def test_what_names_no_client(text: str) -> None:
    found = find_organisation("AW: Go Developer", f"Hi Jonas,\n{text}", sender=AGENCY,
                              signature=SIGNATURE)  # fmt: skip
    assert found.company is None


def test_client_with_no_article_marks_an_agency() -> None:
    sender = Address("Marek Nowak", "marek.nowak@brueckner-it.example")
    signature = "Marek Nowak\nSenior IT Recruiter | Brueckner IT Consulting GmbH"
    for text in ("Client told me they see two more candidates tomorrow.",
                 "I sent it over. Client will give feedback next week."):  # fmt: skip
        found = find_organisation("Nordhafen interview", text, sender=sender, signature=signature)
        assert found.agency == "Brueckner IT Consulting" and found.company is None, text
        assert found.sender_role == SenderRole.AGENCY_RECRUITER
    # an in-house recruiter recruiting for their own team is no agency
    inhouse = Address("Anna Roth", "anna.roth@fernlicht.example")
    found = find_organisation(
        "Backend role",
        "I'm recruiting for our booking team at Fernlicht.",
        sender=inhouse,
        signature="Anna Roth\nTalent Acquisition Partner, Fernlicht",
    )
    assert found.agency is None


def test_im_recruiting_for_a_client_marks_an_agency_with_its_readable_name() -> None:
    sender = Address("Marcus Lee", "marcus@brightstartgrads.example")
    found = find_organisation(
        "Sales graduate scheme",
        "Hi Olivia,\n\nI'm recruiting for a fast-growing client's graduate programme.\n\n"
        "Marcus Lee\nBrightStart Graduates",
        sender=sender,
    )
    assert found.agency == "BrightStart Graduates"
    assert found.company is None


def test_a_shortened_domain_is_read_only_when_a_name_spells_nearly_all_of_it() -> None:
    assert cased_domain_name("brightstartgrads.example", ("BrightStart Graduates",)) == (
        "BrightStart Graduates"
    )
    # too short a label, or a name that parts from it early
    assert cased_domain_name("acmegrads.example", ("Acme Graduates",)) is None
    assert cased_domain_name("northwindanalytics.example", ("Northwind Analysts",)) is None
