"""Who writes in an academic job search (user audit 11, a postdoc on the UK and US markets):
an academic post's title with its field ("Lecturer in Geophysics", "Assistant Professor of
Geology"), the university behind a recruitment mailbox, a department or a school, and a
domain's name grown into the university's name the mail spells ("Hollis" at hollis.edu is
"Hollis University"), so the application service's receipt and the chair's mail are one
process."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Address, Origin, RawMessage, SenderRole
from inbox_monitor.orgs import find_organisation, find_role, is_ats_domain
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store


@pytest.mark.parametrize(
    ("subject", "body", "role"),
    [  # a subject's title with its field, an id or a term in brackets after it
     ("Application received: Lecturer in Marine Biology (ACAD55120)", "",
      "Lecturer in Marine Biology"),
     ("Application Submitted: Assistant Professor of Chemistry (Tenure-Track) - Kestrel University",
      "", "Assistant Professor of Chemistry (Tenure-Track)"),
     ("Research Fellow in Coastal Processes (ENV0042) - application received", "",
      "Research Fellow in Coastal Processes"),
     ("Senior Lecturer in Applied Statistics - interview", "",
      "Senior Lecturer in Applied Statistics"),
     ("Your application: Reader in Medieval History", "", "Reader in Medieval History"),
     ("Postdoctoral Research Associate in Soil Science", "",
      "Postdoctoral Research Associate in Soil Science"),
     ("Teaching Fellow in Economics and Finance - shortlist", "",
      "Teaching Fellow in Economics and Finance"),
     # in the text, where find_role reads titles
     ("Interview invitation",
      "I am writing to invite you to interview for the post of Lecturer in Marine Biology "
      "(ACAD55120). The day will start at 10:00.", "Lecturer in Marine Biology"),
     ("Your application",
      "Thank you for applying for the tenure-track Associate Professor of Chemistry position at "
      "Kestrel University.", "Associate Professor of Chemistry"),
     # a title of one word is a title, with nothing after it
     ("Application received: Lecturer (ACAD55121)", "", "Lecturer")],
)  # fmt: skip
def test_academic_titles_keep_their_field(subject: str, body: str, role: str) -> None:
    assert find_role(subject, body) == role


@pytest.mark.parametrize(
    ("subject", "body", "role"),
    [  # a place is no field
     ("Research Fellow in Manchester", "", None),
     # a reader is a title only with a field
     ("Reader survey - tell us what you think", "", None),
     ("Your subscription", "Thank you for being a reader in Leeds for ten years.", None),
     # a title of another kind ends before "in": a place or a team after it
     ("Thanks for applying", "We are hiring a Store Associate in Denver this winter.",
      "Store Associate")],
)  # fmt: skip
def test_a_field_only_after_an_academic_title(subject: str, body: str, role: str | None) -> None:
    assert find_role(subject, body) == role


@pytest.mark.parametrize(
    ("display", "company"),
    [("University of Marlow Recruitment", "University of Marlow"),
     ("University of Marlow HR Team", "University of Marlow"),
     ("University of Marlow Careers Centre", "University of Marlow"),
     ("Harrowfield Borough Council Recruitment", "Harrowfield Borough Council")],
)  # fmt: skip
def test_a_public_bodys_mailbox_is_the_body(display: str, company: str) -> None:
    found = find_organisation(
        "Your application: Lecturer in Ocean Physics (R20311)",
        "Thank you for your application. Shortlisting will take place next week.",
        sender=Address(display, "noreply@talentlink-hr.com"),
    )
    assert found.company == company
    assert found.sender_role == SenderRole.AUTOMATED


@pytest.mark.parametrize("domain", ["talentlink-hr.com", "emea3.lumessetalentlink.com"])
def test_the_ats_universities_send_through_is_a_relay(domain: str) -> None:
    assert is_ats_domain(domain)


@pytest.mark.parametrize(
    ("signature", "company"),
    [  # the university, not the department or school it names first
     ("Professor Ann Hale\nDepartment of Ocean Sciences, University of Marlow",
      "University of Marlow"),
     ("Jo Price\nSchool Manager, School of Physics\nUniversity of Marlow\nMarlow MR1 2AB",
      "University of Marlow"),
     ("Dr Sam Reid\nSeminar organiser, Department of Physics, Kestrel College", "Kestrel College"),
     # a government department is an employer of its own
     ("Priya Shah\nPolicy Adviser\nDepartment for Education", "Department for Education")],
)  # fmt: skip
def test_a_department_is_its_universitys(signature: str, company: str) -> None:
    found = find_organisation(
        "Visit",
        "Dear Clara,\nWould you come and visit us?",
        sender=Address("Ann", "a.hale@gmail.com"),
        signature=signature,
    )
    assert found.company == company


@pytest.mark.parametrize(
    ("signature", "company"),
    [("Dan Cole, Ph.D.\nChair, Search Committee\nKestrel University | Ithaca, NY 14850",
      "Kestrel University"),
     ("Dan Cole\nProfessor of Physics\nUniversity of Kestrel", "University of Kestrel"),
     ("Dan Cole\nSearch Chair\nKestrel College, Northfield, Minnesota", "Kestrel College"),
     # one whose name goes on, or another body of the place, is not the domain's
     ("Dan Cole\nKestrel University Press", "Kestrel"),
     ("Dan Cole\nSearch Chair\nWith thanks to Kestrel Medical School", "Kestrel")],
)  # fmt: skip
def test_a_universitys_domain_takes_the_name_its_mail_spells(signature: str, company: str) -> None:
    found = find_organisation(
        "Kestrel search - video interview",
        "Dear Dr. Brennan,\nThe search committee would like to invite you to a first-round "
        "interview.",
        sender=Address("Dan Cole", "dcole@kestrel.edu"),
        signature=signature,
    )
    assert found.company == company


def test_a_company_domain_does_not_grow_into_its_academy() -> None:
    found = find_organisation(
        "Next steps",
        "Thanks for your interest in Skyward. Our graduates start at the Skyward Academy.",
        sender=Address("Mia Lowe", "mia.lowe@skyward.com"),
        signature="Mia Lowe\nTalent Partner\nSkyward",
    )
    assert found.company == "Skyward"


NOW = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)


def test_the_services_receipt_and_the_chairs_mail_are_one_process(tmp_path: Path) -> None:
    identity = IdentityConfig(addresses=frozenset({ME}), timezone="Europe/London", country="GB")
    config = Config(data_dir=tmp_path, identity=identity)
    receipt = eml(
        sender="Interfolio <no-reply@interfolio.com>",
        subject="[acknowledgement] Application Submitted: Assistant Professor of Chemistry "
        "(Tenure-Track) - Kestrel University",
        body="Your application for Assistant Professor of Chemistry (Tenure-Track) at Kestrel "
        "University has been submitted.\n\nInterfolio | Scholar Services",
        date=datetime(2026, 11, 30, 15, 0, tzinfo=UTC),
        message_id="<r1@interfolio.com>",
    )
    chair = eml(
        sender="Dan Cole <dcole@kestrel.edu>",
        subject="[interview] Kestrel chemistry search - video interview",
        body="Dear Dr. Morgan,\n\nThe search committee would like to invite you to a first-round "
        "interview by video. Could you tell me which slot suits you?\n\nBest,\nDan\n\n"
        "Dan Cole, Ph.D.\nChair, Chemistry Search Committee\nKestrel University | Ithaca, NY 14850",
        date=datetime(2026, 12, 7, 20, 0, tzinfo=UTC),
        message_id="<c1@kestrel.edu>",
    )
    raws = [
        RawMessage(data, Origin(kind="eml", path=f"{n}.eml"))
        for n, data in enumerate((receipt, chair))
    ]
    with Store(config.database_path) as store:
        for raw in raws:
            ingest(store, [raw], build_pipeline(config, SubjectTagClassifier()), NOW)
        (process,) = store.processes()
        assert (process.company, process.role) == (
            "Kestrel University",
            "Assistant Professor of Chemistry (Tenure-Track)",
        )
        assert len(store.message_records(process.id)) == 2
