"""The project's own lists about who sends recruiting mail, and small lookups over them.

ATS relay, scheduling, test and video-interview, e-signature, member-message (LinkedIn,
XING) and mail-service domains (never the company; an e-signature envelope's display name
is a person's), background-check and drug-test vendors' domains (never the company: the
employer they screen the user for is, and a tenancy's check names none), the UK public
sector's hiring portals (NHS Jobs, Trac, Civil Service Jobs, GOV.UK Notify: relays too)
and sector domains (gov, nhs, sch: never a name of their own), free-mail domains (never
the company), recruitment-agency domains and wording (a staffing agency's titles), a job
board's card for the post (its title, the employer and a US place), the words that end a
job title (and an academic post's field after them: "Lecturer in Geophysics"), a person
written for ("on behalf of Priya" from an assistant: no company), and a university's name
(not its department's or its recruitment mailbox's; a university domain's name grown into
the one its mail spells: "Hollis University").
Pure data and pure functions; extract.py decides what to do with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from inbox_monitor.bodytext import is_sign_off
from inbox_monitor.models import Address, SenderRole

# E-signature services: an envelope's display name is the person who sent it ("Jordan Patel
# via Docusign"), never a company.
E_SIGNATURE_DOMAINS: frozenset[str] = frozenset(
    {"docusign.net", "echosign.com", "adobesign.com", "hellosign.com"}
)
# Scheduling, assessment and e-signature tools: their mail is about a step of a process (an
# interview, a test, a document to sign), never an application of its own. The test and
# video-interview vendors (SHL, Cappfinity, Sova, HireVue, Pymetrics, Arctic Shores, Talogy
# and Cubiks, Saville, Criteria, TestGorilla, Modern Hire, Spark Hire, Willo, Tazio,
# Launchpad, Harver, Vervoe, Mettl) test for many employers from one address.
TASK_TOOL_DOMAINS: frozenset[str] = E_SIGNATURE_DOMAINS | frozenset(
    {
        "calendly.com", "goodtime.io", "modernloop.io", "zoom.us", "hackerrank.com",
        "hackerrankforwork.com", "codility.com", "codesignal.com", "testgorilla.com",
        "hirevue.com", "karat.io", "coderbyte.com", "shl.com", "cappfinity.com",
        "sovaassessment.com", "pymetrics.com", "pymetrics.ai", "arcticshores.com", "talogy.com",
        "cubiks.com", "savilleassessment.com", "criteriacorp.com", "modernhire.com",
        "sparkhire.com", "willo.video", "tazio.co.uk", "tazio24.com", "launchpadrecruits.com",
        "harver.com", "vervoe.com", "mettl.com",
    }
)  # fmt: skip
# Applicant-tracking systems, scheduling/assessment/e-signature tools and bulk-mail relays:
# mail from these domains is sent on behalf of a company, so the domain never names the
# company.
ATS_RELAY_DOMAINS: frozenset[str] = TASK_TOOL_DOMAINS | frozenset(
    {
        "greenhouse.io", "greenhouse-mail.io", "lever.co", "myworkday.com", "myworkdayjobs.com",
        "workday.com", "smartrecruiters.com", "smartrecruiters-mail.com", "icims.com", "taleo.net",
        "oraclecloud.com", "workable.com", "workablemail.com", "ashbyhq.com", "jobvite.com",
        "successfactors.com", "successfactors.eu", "sapsf.com", "sapsf.eu", "bamboohr.com",
        "recruitee.com", "teamtailor.com", "teamtailor-mail.com", "personio.de", "personio.com",
        "breezy.hr", "breezyhr.com", "jazzhr.com", "applytojob.com", "jazz.co", "pinpointhq.com",
        "comeet.co", "comeet.com", "hirebridge.com", "ultipro.com", "ukg.com", "paylocity.com",
        "brassring.com", "kenexa.com", "avature.net", "phenom.com", "phenompeople.com",
        "eightfold.ai", "beamery.com", "gem.com", "dover.com", "dover.io", "hibob.com",
        "freshteam.com", "zohorecruit.com", "recruiterbox.com", "manatal.com", "hirehive.com",
        "trakstar.com", "clearcompany.com", "csod.com", "cornerstoneondemand.com", "rippling.com",
        "homerun.co", "join.com", "jobylon.com", "jobscore.com", "fountain.com", "paradox.ai",
        "tal.net", "oleeo.com", "linkedin.com", "xing.com", "indeed.com", "indeedemail.com",
        "glassdoor.com", "ziprecruiter.com",
        "hired.com", "wellfound.com", "angel.co", "otta.com", "welcometothejungle.com",
        # US academia's application and dossier service, which sends for every university;
        # TalentLink (Lumesse's, now Cornerstone's), which UK universities' "<University>
        # Recruitment" mail comes through
        "interfolio.com", "talentlink-hr.com", "lumessetalentlink.com",
        "sendgrid.net", "mailgun.org", "mailgun.net",
        "amazonses.com", "mandrillapp.com", "mcsv.net", "sparkpostmail.com", "mailchimpapp.net",
        "postmarkapp.com", "mtasv.net",
        # the UK public sector's: NHS Jobs, Trac (the NHS's ATS), and GOV.UK's services
        # (Civil Service Jobs at civilservicejobs.service.gov.uk, GOV.UK Notify's
        # notifications.service.gov.uk)
        "jobs.nhs.uk", "trac.jobs", "service.gov.uk",
    }
)  # fmt: skip

# Background-check, drug-test and right-to-work vendors (Sterling, HireRight, Checkr, First
# Advantage, Accurate Background, GoodHire, Certn, Cisive, Asurint, uCheck, TrustID; the labs
# and clinics that take an employer's drug screen: Quest Diagnostics, Labcorp, Concentra,
# eScreen): they screen the user for the employer that asked, as a test vendor tests for one,
# so their mail is a step of that employer's process, and the vendor is never the company.
# Not relays: no person of the process writes from them (track.py's contact).
SCREENING_DOMAINS: frozenset[str] = frozenset(
    {
        "sterlingcheck.com", "hireright.com", "checkr.com", "fadv.com", "firstadvantage.com",
        "accuratebackground.com", "goodhire.com", "certn.co", "cisive.com", "asurint.com",
        "ucheck.co.uk", "trustid.co.uk", "questdiagnostics.com", "labcorp.com",
        "concentra.com", "escreen.com",
    }
)  # fmt: skip

# Consumer mailbox providers: the domain says nothing about the sender's employer.
FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "icloud.com", "me.com", "mac.com",
        "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "gmx.com", "gmx.net", "gmx.de",
        "web.de", "mail.com", "zoho.com", "zohomail.com", "yandex.com", "yandex.ru", "mail.ru",
        "fastmail.com", "fastmail.fm", "tutanota.com", "tuta.io", "hey.com", "qq.com", "163.com",
        "126.com", "comcast.net", "att.net", "verizon.net", "btinternet.com", "sky.com",
        "orange.fr", "free.fr", "laposte.net", "libero.it", "t-online.de", "seznam.cz",
        "rediffmail.com", "hushmail.com", "inbox.com", "mailbox.org", "posteo.de",
        "sbcglobal.net", "earthlink.net", "cox.net", "charter.net", "shaw.ca", "rogers.com",
        "bigpond.com", "optusnet.com.au", "ntlworld.com", "virginmedia.com", "talktalk.net",
        "blueyonder.co.uk", "wanadoo.fr", "naver.com", "daum.net", "hanmail.net", "sina.com",
        "sohu.com", "rambler.ru", "ukr.net", "o2.pl", "wp.pl", "interia.pl", "bluewin.ch",
        "freenet.de", "arcor.de", "email.com", "usa.net", "lycos.com", "juno.com",
        "netzero.net", "mindspring.com", "tiscali.co.uk", "tiscali.it",
    }
)  # fmt: skip
# Providers that exist under many country endings (hotmail.co.uk, yahoo.fr, ...).
FREE_MAIL_LABELS: frozenset[str] = frozenset(
    {"gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "gmx", "yandex", "aol"}
)

# Recruitment agencies and search firms (the registered domain's first label).
AGENCY_DOMAIN_LABELS: frozenset[str] = frozenset(
    {
        "hays", "michaelpage", "pagegroup", "pagepersonnel", "roberthalf", "randstad", "adecco",
        "kornferry", "spencerstuart", "heidrick", "russellreynolds", "egonzehnder", "harveynash",
        "robertwalters", "manpower", "manpowergroup", "kellyservices", "teksystems", "aerotek",
        "insightglobal", "hudson", "reed", "computerfutures", "sthree", "huxley", "nigelfrank",
        "franklinfitch", "experis", "modis", "akkodis", "allegisgroup", "cybercoders", "hirequest",
        "jeffersonfrank", "masonfrank", "realstaffing", "progressiverecruitment", "harnham",
        "morganmckinley", "lhh", "randstadsourceright", "hydrogengroup", "searchconsultancy",
        "goodmanmasson", "oscar-tech", "trinity", "hamiltonbarnes", "burnsandassociates",
        "jobsearch", "talentful",
    }
)  # fmt: skip
AGENCY_DOMAIN_WORDS: tuple[str, ...] = (
    "recruit", "staffing", "headhunt", "resourcing", "talentsearch", "executivesearch",
    "personnel", "placement",
)  # fmt: skip

# Wording that marks an agency recruiter (searched case-insensitively).
AGENCY_CUES: re.Pattern[str] = re.compile(
    r"\b(?:on\s+behalf\s+of\s+(?:my|our|a)\s+client|(?:my|our)\s+client(?:'s)?\b|a\s+client\s+of\s+"
    r"(?:mine|ours)|recruitment\s+(?:consultant|agency|firm|partner)|staffing\s+(?:agency|firm)"
    r"|head\s?hunter|executive\s+search|search\s+(?:firm|consultant)|retained\s+search"
    r"|\b(?:i|we)(?:\s+am|\s+are|['’]m|['’]re)\s+(?:a\s+)?(?:recruiter|recruiting|headhunting)"
    r"\s+(?:for|on)(?!\s+(?:our|my)\s+(?!clients?\b))"  # not "for our booking team"
    r"|talent\s+partner\s+at\s+\w+\s+(?:recruit|search|talent|staffing)"
    r"|\bthe\s+client(?:['’]s\b|\s+is\b)|\bwho\s+the\s+client\s+is|\bretained\s+by"
    r"|\bsubmit(?:ted|ting)?\s+you\b"
    # a sentence about "Client" with no article, as a recruiter writes it in a hurry or in a
    # second language: "Client told me ...", "Client will give feedback in KW 51"
    r"|(?:(?<![^\n])|(?<=[.!?]\s))client\s+(?:is|was|will|would|told|has|had|wants|wanted|said"
    r"|says|feedback|gave|liked|likes|asked)\b"
    r"|\bcan['’]?t\s+(?:name|share|disclose|reveal)\s+(?:them|the\s+client|the\s+company|who)"
    r"|\bworking\s+exclusively\s+(?:with|for|on)|\bemployment\s+agency|\bon\s+behalf\s+of\s+an?\s"
    r"|\b(?:working|partnering)\s+with\s+an?\s+(?:[\w-]+\s+){0,4}?client\b"
    r"|\b(?:independent|freelance)\s+(?:recruiter|headhunter|recruitment\s+consultant)"
    # an executive search firm's: "retained to find", a partner of its "Board & CFO Practice"
    r"|\bretained\s+to\s+(?:find|appoint|recruit|search\s+for|identify|hire|fill)\b"
    r"|\b(?:board|cfo|ceo|c-suite|chair)\s+(?:(?:&|and)\s+[\w-]+\s+)?practice\b)",
    re.IGNORECASE,
)
# A staffing agency's recruiter signs as one: "Staffing Specialist | ProStaff Solutions",
# "Staffing Coordinator", or at a firm so named ("Midwest Staffing Group"); not with an
# in-house title beside it ("Staffing Specialist, Human Resources": _INHOUSE_TITLE)
_STAFFING_SIGN = re.compile(
    r"\b(?i:staffing[ \t]+(?:specialist|coordinator|recruiter|consultant)s?)\b"
    r"|\b[A-Z][\w&'’-]*[ \t]+Staffing[ \t]+(?:Group|Solutions|Services|Agency|Partners|Network"
    r"|Inc|LLC|Co)\b"
)
# Wording that marks an in-house recruiter, HR or people team.
INHOUSE_CUES: re.Pattern[str] = re.compile(
    r"\b(?:talent\s+acquisition|people\s+(?:team|operations|ops|partner)|human\s+resources|HR\b"
    r"|recruit(?:ing|ment)\s+(?:coordinator|team|partner|lead|manager|specialist|advis[eo]r"
    r"|officer|administrator)|resourcing\s+(?:specialist|partner|advis[eo]r|lead|manager"
    r"|coordinator|team|officer)"
    r"|(?:technical\s+|senior\s+|lead\s+)?recruiter"
    r"|talent\s+(?:partner|team|lead|manager|coordinator|specialist|advisor|adviser)"
    r"|people\s+(?:&|and)\s+talent"
    r"|head\s+of\s+(?:talent|people|recruiting|recruitment|hr)|hiring\s+team|careers\s+team)",
    re.IGNORECASE,
)
_SIGNATURE_LINE = 80  # characters: longer lines at the end of a message are prose
# Wording that marks the hiring manager (or someone on the team the user would join).
HIRING_MANAGER_CUES: re.Pattern[str] = re.compile(
    r"\b(?:hiring\s+manager|engineering\s+manager|head\s+of|director\s+of|vp\s+of"
    r"|vice\s+president|managing\s+director|chief\s+\w+\s+officer|cto|ceo|coo|cfo"
    r"|co-?founder|founder|team\s+lead|tech\s+lead|i\s+lead\s+the|i\s+manage\s+the"
    r"|i(?:'m|\s+am)\s+the\s+(?:\w+\s+)?manager|you\s+would\s+(?:be\s+)?(?:join|report)"
    r"(?:ing)?\s+(?:to\s+me|my\s+team))\b",
    re.IGNORECASE,
)
# Local parts of automated senders.
AUTOMATED_LOCAL_PART: re.Pattern[str] = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|notifications?|mailer[-_.]daemon"
    r"|postmaster|bounces?|auto[-_.]?(?:reply|confirm)|system|alerts?|jobs?[-_.]noreply"
    r"|careers?[-_.]noreply|[\w.-]*[-_.]no[-_.]?reply"
    # a system's no-reply with its name after: "noreply-myhr", "no-reply.careers"
    r"|(?:no[-_.]?reply|do[-_.]?not[-_.]?reply)[-_.][\w.-]+)(?:[+@]|$)",
    re.IGNORECASE,
)

# Last words of job titles: "Senior Data Analyst", "Backend Engineer", "Head of Product".
ROLE_TITLE_HEADS: frozenset[str] = frozenset(
    {
        "engineer", "engineers", "developer", "developers", "analyst", "analysts", "scientist",
        "manager", "designer", "architect", "consultant", "specialist", "coordinator",
        "associate", "intern", "internship", "administrator", "officer", "director", "lead",
        "accountant", "writer", "editor", "researcher", "technician", "representative",
        "executive", "assistant", "advisor", "adviser", "nurse", "teacher", "programmer",
        "tester", "strategist", "partner", "owner", "president", "head", "controller",
        "auditor", "economist", "statistician", "trader", "planner", "marketer", "recruiter",
        "sre", "devops", "qa", "principal", "fellow", "apprentice", "graduate", "trainee",
        "lecturer", "professor", "counsel", "lawyer", "paralegal", "clerk", "operator",
        "supervisor", "producer", "copywriter", "agent", "buyer", "chef", "driver", "pharmacist",
        # hourly work's ("Barista (Seasonal)", "Overnight Stocker"; not "server", "host" nor
        # "cook": words of other things, and of names)
        "barista", "cashier", "bartender", "stocker", "dishwasher", "housekeeper", "caregiver",
        # a graduate scheme or programme is applied to as a role ("Technology Graduate
        # Scheme"): the last word of a title, never alone ("our referral scheme")
        "scheme", "programme",
        # the public sector's titles ("Early Years Regulatory Inspector", "Learning and
        # Development Facilitator", "Education Mental Health Practitioner")
        "inspector", "facilitator", "practitioner",
        # a board's and the C-suite's ("Group CFO", "Interim FD", "NED", "Chair", "the
        # Governor of the Bank of England")
        "chair", "governor", "ceo", "cfo", "coo", "cto", "cio", "cmo", "cpo", "chro", "fd",
        "ned",
    }
)  # fmt: skip

_TWO_LEVEL_SUFFIXES = frozenset(
    {"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "sch", "nhs", "police", "mod"}
)
# Labels of a sector's shared domains, never an organisation's name: gov.uk, nhs.net, and
# a test's gov.example or sch.example (a school is staldhelms.sch.uk, a council
# harrowfield.gov.uk: the label before them names it)
_SECTOR_LABELS = frozenset({"gov", "nhs", "sch", "ac", "police", "mod", "edu"})
_GENERIC_SUBDOMAINS = frozenset(
    {"www", "mail", "email", "em", "e", "us", "eu", "uk", "app", "apps", "hire", "jobs", "boards",
     "careers", "career", "notifications", "notify", "reply", "bounce", "send", "mg", "mailer",
     "news", "info", "smtp", "mx", "api", "apply", "recruiting", "talent", "hr", "wd1", "wd3",
     "wd5", "wd12", "wd103", "no-reply", "noreply", "do-not-reply", "donotreply", "system"}
)  # fmt: skip
_TENANT_LINK = re.compile(
    r"https?://(?:(?:boards|job-boards|jobs)\.(?:eu\.)?(?:greenhouse\.io|lever\.co|ashbyhq\.com"
    r"|smartrecruiters\.com|jobvite\.com)/(?P<path>[A-Za-z0-9-]+)"
    r"|apply\.workable\.com/(?P<path2>[a-z0-9-]+)"
    r"|(?P<sub>[a-z0-9-]+)\.(?:wd\d+\.)?(?:greenhouse\.io|myworkdayjobs\.com"
    r"|bamboohr\.com|workable\.com|recruitee\.com|teamtailor\.com|breezy\.hr|applytojob\.com"
    r"|icims\.com|taleo\.net|jobvite\.com|pinpointhq\.com|personio\.(?:de|com)))",
    re.IGNORECASE,
)


def registered_domain(domain: str) -> str:
    """The registrable part of a host name: jobs.acme.co.uk -> acme.co.uk (a simple rule)."""
    labels = [label for label in domain.lower().strip(".").split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _TWO_LEVEL_SUFFIXES:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _agency_like_label(domain: str) -> bool:
    """Weaker than is_agency_domain: words an agency or an in-house team may both use."""
    return _agency_like(_first_label(domain) if domain else "")


def _agency_like(name: str) -> bool:
    name = name.lower()
    return any(word in name for word in ("talent", "partners", "people", "consult", "careers"))


def _first_label(domain: str) -> str:
    return registered_domain(domain).split(".")[0]


def is_ats_domain(domain: str) -> bool:
    """True for applicant-tracking, scheduling, assessment, e-signature and bulk-mail relay
    domains."""
    return registered_domain(domain) in ATS_RELAY_DOMAINS


def is_task_tool_domain(domain: str) -> bool:
    """True for scheduling, assessment and e-signature tools (TASK_TOOL_DOMAINS)."""
    return registered_domain(domain) in TASK_TOOL_DOMAINS


def is_screening_domain(domain: str) -> bool:
    """True for background-check, drug-test and right-to-work vendors (SCREENING_DOMAINS)."""
    return registered_domain(domain) in SCREENING_DOMAINS


def person_behind_relay(sender: Address | None, reply_to: tuple[Address, ...]) -> Address | None:
    """The one Reply-To address of mail sent through a relay (an ATS or a scheduling tool:
    "Calendly <notifications@calendly.com>", Reply-To the recruiter at their company), when it
    is at a company's own domain; None otherwise."""
    if sender is None or not is_ats_domain(sender.email.rpartition("@")[2]):
        return None
    people = [
        a for a in reply_to
        if (domain := a.email.rpartition("@")[2])
        and not is_ats_domain(domain) and not is_free_mail_domain(domain)
    ]  # fmt: skip
    return people[0] if len(people) == 1 else None


# Display names of the public sector's hiring portals, which send for every employer in
# it: NHS Jobs, Trac, Civil Service Jobs, GOV.UK Notify, a council's MyHR
PORTAL_NAMES: frozenset[str] = frozenset(
    {"nhs jobs", "trac", "trac jobs", "civil service jobs", "gov.uk notify",
     "gov.uk", "myhr", "myhr recruitment"}
)  # fmt: skip


def is_portal_name(name: str) -> bool:
    """Whether a display name is a public-sector hiring portal's (PORTAL_NAMES)."""
    return " ".join(name.lower().split()) in PORTAL_NAMES


def relay_sender_name(sender: Address | None) -> str | None:
    """The company an ATS relay's display name may be: "Fjord Systems <no-reply@greenhouse
    .io>" -> "Fjord Systems". None for any other sender, and for the system's or a team's
    name ("Greenhouse", "Careers", "Talent Acquisition", "No Reply", a portal's "NHS Jobs").
    It may still be a person's name (a recruiter's mail through the ATS): the matcher takes
    it only when it is exactly the company of an open process. None for an e-signature
    envelope, whose display name is the person who sent it ("Jordan Patel via Docusign")."""
    domain = sender.email.rpartition("@")[2] if sender else ""
    if sender is None or not sender.name or not is_ats_domain(domain):
        return None
    if registered_domain(domain) in E_SIGNATURE_DOMAINS:
        return None
    name = " ".join(sender.name.split())
    if AUTOMATED_LOCAL_PART.match(name.replace(" ", "-")):  # "Do Not Reply", "No-Reply"
        return None
    return None if is_portal_name(name) else clean_company(name)


_VIA = re.compile(r"^\s*(?P<name>[^,<>()]+?)\s+via\s+\S")


def person_via_relay(sender: Address | None) -> str | None:
    """The person an ATS relay's display name says wrote the mail ("Hannah Cole via
    Greenhouse" <no-reply@greenhouse.io>: "Hannah Cole"), or None: not a company sent through
    a test vendor ("Kingsbury Capital via SHL"), nor any other sender."""
    if sender is None or not sender.name or not is_ats_domain(sender.email.rpartition("@")[2]):
        return None
    match = _VIA.match(sender.name)
    if match is None or not _person_like(match.group("name")):
        return None
    return match.group("name")


def _public_sector_domain(domain: str) -> bool:
    """A public body's domain (harrowfield.gov.uk, wvuh.nhs.uk, staldhelms.sch.uk) or a
    sector's shared one (nhs.net): an employer's, never a recruitment agency's."""
    return not _SECTOR_LABELS.isdisjoint(registered_domain(domain).split(".")[:-1])


def is_free_mail_domain(domain: str) -> bool:
    """True for consumer mailbox providers (gmail.com, hotmail.co.uk, ...)."""
    registered = registered_domain(domain)
    return registered in FREE_MAIL_DOMAINS or registered.split(".")[0] in FREE_MAIL_LABELS


def is_agency_domain(domain: str) -> bool:
    """True when the domain belongs to a known agency or reads like one (acme-recruitment.com);
    never an ATS relay's (smartrecruiters.com, recruitee.com send for employers)."""
    if is_ats_domain(domain):
        return False
    label = _first_label(domain)
    if label in AGENCY_DOMAIN_LABELS:
        return True
    compact = label.replace("-", "")
    if re.search(r"(?<!re)search", compact):
        return True  # meridiansearch, but not acmeresearch
    return any(word in compact for word in AGENCY_DOMAIN_WORDS)


# Words a company glues to its name in its domain, split off again (haldengroup.com ->
# "Halden Group") after a name of four letters or more; not words that end names of one
# word ("Brightwater", "Firepower", "Bluecloud"), nor "talent" ("Mytalent")
_GLUED_WORD = re.compile(
    r"(?<=[a-z]{4})(?:group|holdings|partners|capital|consulting|technologies|software|labs"
    r"|robotics|payments|analytics|insurance|logistics|systems|solutions|studios|therapeutics"
    r"|investments)$"
)


def name_from_domain(domain: str) -> str | None:
    """A display name made from a company domain (acme-corp.com -> "Acme Corp", a word glued
    on split off: haldengroup.com -> "Halden Group"; a label of two letters is an acronym:
    ft.com -> "FT").

    None for ATS relays, screening vendors, free mail, a sector's shared domains (nhs.net,
    _SECTOR_LABELS), reserved example domains and empty input.
    """
    if (
        not domain
        or is_ats_domain(domain)
        or is_screening_domain(domain)
        or is_free_mail_domain(domain)
    ):
        return None
    label = _first_label(domain)
    if not label or label in {"example", "localhost", "invalid", "test"} or label.isdigit():
        return None
    if label in _SECTOR_LABELS:
        return None
    if len(label) == 2 and label.isalpha():
        return label.upper()
    parts = [_GLUED_WORD.sub(r" \g<0>", part) for part in re.split(r"[-_]+", label) if part]
    return " ".join(word.capitalize() for part in parts for word in part.split()) or None


def ats_tenant(domain: str, local_part: str = "") -> str | None:
    """The company an ATS sends for, when its address shows it.

    acme.greenhouse.io -> "Acme"; acme@myworkday.com (Workday puts the tenant in the
    local part) -> "Acme". None when the address is generic.
    """
    label = _tenant_label(domain, local_part)
    return _tenant_name(label) if label else None


def _tenant_label(domain: str, local_part: str = "") -> str | None:
    """The tenant id of an ATS address as written (acme, lyndalebuildin), or None."""
    if not is_ats_domain(domain):
        return None
    labels = domain.lower().split(".")
    registered_length = len(registered_domain(domain).split("."))
    for label in labels[: len(labels) - registered_length]:
        if label not in _GENERIC_SUBDOMAINS and not label.isdigit():
            return label
    if registered_domain(domain) in {"myworkday.com", "workday.com"} and local_part:
        local = local_part.lower()
        if local not in _GENERIC_SUBDOMAINS and not AUTOMATED_LOCAL_PART.match(local):
            return local
    return None


def tenant_from_links(text: str) -> str | None:
    """The company named by an ATS job link in a text (jobs.lever.co/acme -> "Acme")."""
    for match in _TENANT_LINK.finditer(text):
        tenant = match.group("sub") or match.group("path") or match.group("path2")
        if tenant and tenant.lower() not in _GENERIC_SUBDOMAINS:
            return _tenant_name(tenant)
    return None


def _tenant_name(label: str) -> str:
    return " ".join(part.capitalize() for part in re.split(r"[-_.]+", label) if part)


# --- who is speaking, for which company, about which role --------------------------------

_NAME = r"[A-Z][\w&'’.+-]*(?:[ \t]+(?:&[ \t]+|and[ \t]+|of[ \t]+)?[A-Z0-9][\w&'’.+-]*){0,3}"
_NOT_NAMES = frozenset(
    [
        "i", "we", "you", "the", "our", "your", "this", "that", "thank", "thanks", "dear", "hi",
        "hello", "regards", "best", "kind", "team", "hr", "careers", "career", "recruiting",
        "recruitment", "talent", "jobs", "job", "hiring", "people", "notifications", "no",
        "noreply", "reply", "application", "applications", "interview", "offer", "update",
        "position", "role", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "today", "tomorrow", "next", "please", "re",
        "fwd", "fw", "linkedin", "indeed", "greenhouse", "lever", "workday", "glassdoor", "gmail",
        "outlook", "yahoo", "google-mail", "a", "an", "unfortunately", "congratulations", "as",
        "in", "on", "at", "for", "with", "from", "to", "yes", "ok", "okay", "sure", "cheers",
        "many", "warm", "all", "sent", "hey", "good", "great", "sorry", "just",
        # a footer's link ("View all jobs | Unsubscribe")
        "unsubscribe",
        # German greetings ("Hallo Jonas Weber,", "Guten Tag", "Sehr geehrte Frau ...", "Liebe
        # Anna", "Moin", "Servus") and pronouns ("bei Ihnen", "Ihr Acme Team")
        "hallo", "guten", "sehr", "liebe", "lieber", "liebes", "moin", "servus", "ihnen", "ihr",
        "ihre", "uns", "wir", "sie",
    ]
)  # fmt: skip
# An imperative that a name at the start of a sentence swallows: "Contact Acme Corp directly
# if you have questions" names Acme Corp. (A company whose name starts with one of these
# words, "Contact Energy", loses it: rarer than the sentence.)
_LEADING_VERBS = frozenset(
    {"contact", "email", "e-mail", "call", "phone", "ring", "visit", "ask", "message", "tell",
     "write", "see", "view", "review", "thank", "join", "meet"}
)  # fmt: skip
_COMPANY_SUFFIX = (
    r"(?:Inc|Ltd|LLC|L\.L\.C|GmbH|Corp|Corporation|plc|PLC|Limited|Group|AG|SA|S\.A|BV|B\.V|Pty"
    r"|LLP|Co)\b\.?"
)
# Legal forms dropped from a company's name: "Kestrel Insights Ltd" is "Kestrel Insights".
_LEGAL_FORM = re.compile(
    r",?\s+(?:Ltd|Limited|LLC|L\.L\.C|LLP|Inc|GmbH|plc|PLC|AG|S\.A|SA|B\.V|BV|Pty(?:\s+Ltd)?|SAS"
    r"|SARL|S\.r\.l|Srl|Oy|AB|A/S|ApS|K\.K|NV|N\.V)\.?$"
)
# A public body's name, longer than _NAME allows: "Wessex Valley University Hospitals NHS
# Foundation Trust", "Harrowfield Borough Council", "St Aldhelm's Church of England Academy",
# "University of Eastmere", "Department for Education"; not "The Trust", nor "At Harrowfield
# Borough Council" (the name starts after "At"), nor a unit's ("University of Leeds Careers
# Centre" is the University of Leeds)
_BODY_WORD = r"[A-Z][\w'’.&-]*"
# (a unit of it is not: "University of Leeds Careers Centre")
_BODY_PART = r"(?!(?:Careers?|Centre|Center|Services?|Team|Recruitment|HR|Library|Alumni)\b)"
_PUBLIC_BODY = (
    r"(?<![\w'’.&-])(?:"
    r"(?!(?:The|This|That|Our|Your|Their|A|An|At|In|To|For|With|From|By|Dear|Hi|Hello)\s)"
    rf"(?:{_BODY_WORD}[ \t]+(?:(?:of|and|&|upon|on)[ \t]+)?){{1,7}}"
    r"(?:Trust|Council|University|College|Academy|School|Hospitals?|Authority|Constabulary)"
    r"(?![\w'’])"
    r"|(?:University|Department|Ministry|Office)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
    rf"{_BODY_WORD}(?:[ \t]+(?:(?:and|&)[ \t]+)?{_BODY_PART}{_BODY_WORD}){{0,3}})"
)
# A public body's mailbox after its name: "University of Exeter Recruitment", "Harrowfield
# Borough Council HR Team", "University of Leeds Careers Centre"
_BODY_MAILBOX = (
    r"(?:Recruitment|Careers?|Jobs|Vacancies|HR|Human[ \t]+Resources|People|Talent)"
    r"(?:[ \t]+(?:Team|Centre|Center|Services?|Office))?|Team"
)
# A display name that is a company's mailbox: a public body's, or its HR system's
# ("Harrowfield Borough Council - MyHR Recruitment", "University of Leeds Recruitment"),
# "Jane at Acme", "Acme Careers", "Acme Early Careers", "Acme Graduate Recruitment", "Acme via
# SHL", "Jane Doe (Acme)", "Kobaltwerk GmbH"
_DISPLAY_PATTERNS = (
    re.compile(rf"^(?P<company>{_PUBLIC_BODY})(?:\s+[|–-]\s+.+|[ \t]+(?:{_BODY_MAILBOX}))?\s*$"),
    re.compile(rf"^.+?\s+(?:at|from|@|of)\s+(?P<company>{_NAME})\s*$"),
    re.compile(
        rf"^(?P<company>{_NAME}?)\s+(?i:(?:(?:early|graduate|emerging|campus|university|student)"
        r"\s+)?(?:careers?|talent(?:\s+(?:acquisition|team))?(?:\s+team)?"
        r"|recruit(?:ing|ment)(?:\s+team)?)|hr|human\s+resources|hiring(?:\s+team)?|jobs"
        r"|people(?:\s+team)?|team|via\s+\w+)\s*$"
    ),
    re.compile(rf"^.+?\((?P<company>{_NAME})\)\s*$"),
    re.compile(rf"^.+?\s+[|–-]\s+(?P<company>{_NAME})\s*$"),
    re.compile(rf"^(?P<company>{_NAME},?\s+{_COMPANY_SUFFIX})\s*$"),
)
_SUBJECT_PATTERNS = (
    re.compile(
        rf"(?i:\b(?:applying|application|applied|apply|interest|candidacy|interview|offer|role|"
        rf"position|opportunity|career|job|update|opening|vacancy|referred|referral)\b[^:|–]{{0,60}}?"
        rf"\b(?:to|at|with|from|join(?:ing)?)"
        rf"\s+(?:the\s+)?)(?P<company>{_NAME})"
    ),
    re.compile(
        rf"(?i:\b(?:welcome\s+to|join(?:ing)?|thanks?\s+(?:you\s+)?from)\s+)(?P<company>{_NAME})"
    ),
)
_BODY_PATTERNS = (
    re.compile(
        rf"(?i:\b(?:position|role|job|opening|vacancy|opportunit(?:y|ies)|application|interest"
        rf"|career|careers|interview|offer|everyone|here|work|working|employment)\s+(?:\(\w+\)\s+)?"
        rf"(?:at|with)|\bjoin(?:ing)?|\bwelcome\s+to|\bapplying\s+to|\bapplied\s+to|\bapplication\s+to"
        rf"|\binterest\s+in)\s+(?:the\s+)?(?P<company>{_NAME})"
    ),
    re.compile(
        rf"\b(?i:for)\s+(?:the\s+)?(?:[A-Z][\w/+#-]*\s+){{1,5}}(?:\(\w+\)\s+)?(?i:at)\s+"
        rf"(?P<company>{_NAME})"
    ),
    # a form's field: "Training provider: Acme Teaching School", "Employer: Orbit Ltd"
    re.compile(
        rf"(?im:^[ \t*^-]*(?:employer|company|organi[sz]ation|hiring\s+company"
        rf"|(?:training\s+)?provider)[ \t]*:[ \t]*)(?-i:(?P<company>{_NAME}))"
    ),
    # a German receipt: "Ihre Bewerbung als Backend Engineer bei der Kobaltwerk GmbH", in the
    # same clause (not "bei Fragen", "bei Rückfragen": German writes every noun capitalised)
    re.compile(
        r"(?i:\b(?:bewerbung|beworben|interesse)\b[^.,;:!?\n]{0,80}?\bbei[ \t]+"
        r"(?:der[ \t]+|dem[ \t]+)?)"
        rf"(?!(?i:fragen|rückfragen|bedarf|problemen|interesse)\b)(?P<company>{_NAME})"
    ),
)
# What a client did, written with a capital after "my client" ("my client Loved your CV",
# "Really liked"): a verb or adverb, never the client's name, unless a capitalised word
# follows it ("my client Thought Machine", "Loved Brands")
_CLIENT_DID = (
    r"(?!(?i:loved|liked|enjoyed|loves|likes|wants|wanted|asked|said|says|thinks|thought|felt"
    r"|feels|came|got|gave|has|had|was|were|did|does|would|could|needs|needed|agreed|decided"
    r"|confirmed|replied|reviewed|really|also|already|finally|definitely|absolutely)\b"
    r"(?![ \t]+[A-Z]))"
)
_CLIENT_PATTERNS = (
    re.compile(
        rf"(?i:\b(?:my|our)\s+client,?\s+(?:is\s+|called\s+|named\s+)?)"
        rf"{_CLIENT_DID}(?P<company>{_NAME})"
    ),
    re.compile(rf"(?i:\bon\s+behalf\s+of\s+(?:(?:my|our)\s+client,?\s+)?)(?P<company>{_NAME})"),
    re.compile(rf"(?P<company>{_NAME})(?i:\s+is\s+(?:my|our|a)\s+client)"),
    re.compile(rf"(?i:\b(?:working|partnering)\s+(?:exclusively\s+)?with\s+)(?P<company>{_NAME})"),
    # "The client is Acme", "Client is Helvia Bank AG" (a sentence's start, no article), "the
    # business is Fenwick Brands" (not "the business is PE-backed", "London-based")
    re.compile(
        r"(?i:(?:\bthe\s+(?:client|business|company)|(?:(?<![^\n])|(?<=[.!?]\s))client)\s+is"
        r"\s*:?\s*(?:it['’]s\s+|it\s+is\s+)?)(?!\S*-[a-z])"
        rf"(?P<company>{_NAME})"
    ),
    # "I submitted your profile today to Nordhafen", "submit your CV to Helvia Bank"
    re.compile(
        r"(?i:\bsubmit(?:ted|ting)?\s+(?:you|your\s+(?:profile|cv|details|application))"
        rf"(?:\s+(?:today|now|yesterday|this\s+morning))?\s+to\s+)(?P<company>{_NAME})"
    ),
)
# A role an agency pitches at a client it names: "I've also got a 6-month contract with
# Corvid Insurance for a Senior Data Engineer", "an opening at Osprey Analytics", "a
# 12-month contract with the NHS" (a "the" only before an acronym: not "a role with the Data
# team"), "a new assignment for you at Midway Cold Storage"; a staffing agency's placement
# ("Your assignment at Lakeshore Distribution starts Monday", "picker/packer openings at
# Lakeshore Distribution"). A role of theirs only: "your current role at Acme" is the
# user's employer, and so is what the user did or does ("I saw you finished a contract with
# Deliveroo last year", "you were in a similar role at Monzo": _YOUR_WORK)
_PITCHED_AT = re.compile(
    r"(?i:\b(?:(?:a|an|another|one)\s+(?:[\w/-]+\s+){0,3}?(?:contract|role|position|opportunity"
    r"|vacancy|opening|job|post|assignment|requirement)|(?:your|the|this)\s+(?:[\w/-]+\s+)?"
    r"assignment|openings)(?:\s+for\s+you)?\s+(?:at|with)\s+)"
    rf"(?:(?i:the)\s+(?=[A-Z]{{2,}}\b))?(?P<company>{_NAME})"
)
_YOUR_WORK = re.compile(
    r"\byou(?:['’]ve|['’]d|['’]re|\s+have|\s+had|\s+are|\s+were)?\s+(?:(?:just|recently|also"
    r"|previously|already|successfully|currently|still)\s+)?(?:finished|completed|ended|did|done"
    r"|have|had|hold|held|worked\s+on|were\s+on|was\s+on|on|took(?:\s+on)?|signed|wrapped\s+up"
    r"|delivered|started|began|landed|secured|extended|been\s+in|worked\s+in|(?<=were\s)in"
    r"|(?<=are\s)in|(?<=['’]re\s)in)\s+$",
    re.IGNORECASE,
)
# The other client, named to set it apart: "Separate from Harbor & Finch, ...", "as well as
# the role with Osprey, ..."
_OTHER_CLIENT = re.compile(
    r"(?i:\b(?:separate(?:ly)?\s+from|apart\s+from|aside\s+from|besides|as\s+well\s+as"
    r"|in\s+addition\s+to|other\s+than|unlike|alongside)\s+(?:(?:the|my|our|your)\s+)?"
    r"(?:client,?\s+|(?:[\w-]+\s+)?(?:role|position|process|opportunity|application)\s+"
    r"(?:at|with)\s+)?)"
    rf"(?P<company>{_NAME})"
)
# A role an agency recruits for a client it names: "I'm recruiting a Senior Data Analyst for
# Northgate Payments", "hiring an Analytics Engineer for Quillon Energy" (not "for my client",
# "for the Data team": a lower-case word is no name; nor a team, a place or a project,
# _not_a_company, nor a company the text makes the sender's own, _told_as_own)
_RECRUITING_FOR = re.compile(
    r"(?i:\b(?:recruiting|hiring|looking)\s+(?:for\s+)?(?:a|an)\s+(?:[\w/&-]+\s+){1,5}?for\s+)"
    rf"(?P<company>{_NAME})"
)
# ... and the client the agency itself is said to recruit for: "Castlefield are recruiting
# for Halden Retail Group", "we're currently recruiting on behalf of Halden Retail", "I'm
# recruiting on behalf of Quillon Energy" (not "for our booking team": no name)
_RECRUITS_FOR_CLIENT = re.compile(
    r"(?i:\b(?:(?:are|is|am|['’]re|['’]s|['’]m)\s+(?:currently\s+|now\s+|also\s+)?"
    r"recruiting\s+(?:on\s+behalf\s+of|for)|recruiting\s+on\s+behalf\s+of)\s+)"
    rf"(?P<company>{_NAME})"
)
# A subject's terms of a contract in the UK's market: "Halden Retail Group - Python Data
# Engineer - outside IR35": an agency's pitch of its client's role
_CONTRACT_TERMS = re.compile(r"\b(?:(?:outside|inside)[ \t]+)?IR[ \t]?35\b", re.IGNORECASE)
# A client named at the start of a sentence as the one hiring: "Northgate Payments are
# hiring", "Harbor & Finch have another Senior Data Engineer role", "Harbor & Finch came back
# - they'd like to interview you"; see _ACTORS for the words that start such a sentence and
# name nobody. A person comes back too, and is "they" as often as "he" or "she" ("Ellie Park
# came back - they'd like to meet you"), and has a role or is hiring in the singular: there,
# a name a person may have is none (_person_like)
_CLIENT_ACTS = re.compile(
    r"(?:^|(?<=[.!?:;]\s)|(?<=[.!?:;]\s\s)|(?<=\s[-–]\s))"
    rf"(?P<company>{_NAME})[ \t]+"
    r"(?i:(?P<hiring>(?:(?P<are>are)|is)\s+(?:now\s+|also\s+|currently\s+)?hiring\b)"
    r"|(?:(?P<have>have)|has)\s+(?:just\s+|now\s+|also\s+)?(?:got\s+)?(?:another"
    r"|a\s+(?:second|new|further)|an?)\s+(?:[\w/-]+\s+){0,4}?(?:roles?|positions?|openings?"
    r"|vacanc(?:y|ies)|opportunit(?:y|ies)|contracts?)\b"
    r"|came\s+back\s*(?:[-–,:;]\s*|to\s+(?:me|us)\s*[-–,:;]?\s*(?:and\s+)?)they"
    r"|put\s+(?:the|this|that|its|their)\s+(?:project|role|position|process|hiring|search"
    r"|contract|vacancy)\s+on\s+hold)",
    re.MULTILINE,
)
# A firm said to be hiring only in passing, beside the role the sender writes about: "Monzo
# are hiring too", "... are hiring as well", "... are hiring, but I think our role is a better
# fit" (not "Tollgate are hiring, but they need someone quickly")
_HIRING_IN_PASSING = re.compile(
    r"(?i:[ \t]+(?:too|as[ \t]+well)\b"
    r"|[^.!?\n]{0,60}?,?[ \t]+but[ \t]+(?:[\w'’]+[ \t]+){0,3}?(?:our|my|this)\b)"
)
# Words that start such a sentence and are no client: "They are hiring", "My client has a
# new role", "Everyone came back - they ..."
_ACTORS = frozenset(
    {"they", "she", "he", "it", "who", "my", "his", "her", "their", "its", "one", "each",
     "these", "those", "there", "everyone", "everybody", "someone", "somebody", "nobody",
     "both", "which", "what", "client", "clients", "agency", "company", "business"}
)  # fmt: skip
# A client whose name is a word clean_company refuses ("Next", as in "Next steps"), said as
# the subject of what it does: "my client Next have a Data Engineer role".
_CLIENT_WORD = re.compile(
    r"(?i:\b(?:my|our)[ \t]+client,?[ \t]+)(?P<company>[A-Z][a-z]+)"
    r"(?=,?[ \t]+(?:have|has|are|is|who|want|wants|need|needs)\b)"
)
# Words of _NOT_NAMES that never name a client: "my client, Unfortunately, has decided".
_NOT_A_CLIENT = frozenset(
    {"a", "all", "an", "as", "at", "for", "from", "in", "on", "to", "with", "i", "we", "you",
     "your", "our", "the", "this", "that", "no", "yes", "ok", "okay", "sure", "just", "many",
     "please", "sorry", "unfortunately", "congratulations", "thank", "thanks", "dear", "hello",
     "hey", "hi", "regards", "best", "kind", "warm", "cheers", "sent", "re", "fw", "fwd",
     "today", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"}
)  # fmt: skip
# The user asked who the client is, and the recruiter answers: "yes it is Nordhafen"
_CLIENT_SAID = re.compile(
    r"(?i:\b(?:yes|yep|yeah)[ \t]*[,–-]?[ \t]*(?:it[ \t]+is|it['’]s)[ \t]+)"
    rf"(?P<company>{_NAME})"
)
_AGENCY_SELF = re.compile(
    rf"(?i:\b(?:recruiter|consultant|partner|headhunter|director|manager)\s+(?:at|with)\s+)"
    rf"(?P<company>{_NAME})"
)
_SUFFIXED = re.compile(rf"(?P<company>{_NAME}),?\s+{_COMPANY_SUFFIX}")

_ROLE_TOKEN = (
    r"(?!(?:the|a|an|about|for|with|to|in|on|at|or|our|your|this|that|is|are|be|from|as)\b)"
    r"(?:[A-Za-z][\w/+#&.-]*|&)"  # ("Risk & Compliance Graduate Scheme")
)
_ROLE_CUE = r"(?i:position|role|post|job|opening|vacancy|opportunity|req)"
# An academic post's field, part of its title: "Lecturer in Geophysics", "Assistant Professor
# of Geology", "Research Fellow in Seismic Hazard", "Reader in Applied Mathematics" (a reader
# is a title only so); after the head of the title, up to four capitalised words, none a word
# for the post or the mail ("Lecturer in Geophysics Post"); a place is none (_academic_field)
_FIELD_WORD = (
    r"(?!(?:Position|Role|Post|Vacancy|Job|Opening|Interview|Application)\b)"
    r"[A-Z][\w'’-]*"
)
_ACADEMIC_FIELD = (
    r"(?:(?<=\b[Ll]ecturer)|(?<=\b[Pp]rofessor)|(?<=\b[Ff]ellow)|(?<=\b[Rr]eader)"
    r"|(?<=\b[Rr]esearcher)|(?<=\b[Rr]esearch[ \t][Aa]ssociate)"
    r"|(?<=\b[Rr]esearch[ \t][Aa]ssistant))"
    rf"[ \t]+(?:in|of)[ \t]+(?!(?:The|This|That|Our|Your|A|An)\b){_FIELD_WORD}"
    rf"(?:[ \t]+(?:(?:and|&)[ \t]+)?{_FIELD_WORD}){{0,3}}"
)
# A title of up to six words (with an academic post's field)
_ROLE = rf"(?P<role>(?:{_ROLE_TOKEN}\s+){{0,5}}?{_ROLE_TOKEN}(?:{_ACADEMIC_FIELD})?)"
_ROLE_LABELLED = re.compile(
    r"^[ \t]*(?i:role|position|job\s+title|job|title|vacancy|opening)[ \t]*:[ \t]*"
    r"(?P<role>[^\n]{2,80})",
    re.MULTILINE,
)
_ROLE_PATTERNS = (
    re.compile(
        rf"(?i:\b(?:application|applying|applied|interview(?:ing)?|candidacy|apply)\s+for\s+"
        rf"(?:the\s+|a\s+|an\s+|our\s+)?(?:(?:position|role|post)(?:\s+of)?\s+)?)"
        rf"{_ROLE}"
        rf"(?=\s*(?:\(|\b(?:at|with|and|which|that)\b|[,.;:!|–-]|\s{_ROLE_CUE}\b|$))"
    ),
    re.compile(
        rf"(?i:\b(?:the|a|an|our|this)\s+){_ROLE}"
        rf"(?:,\s+(?:[A-Z][\w&/-]*\s+){{1,3}}?)?\s*(?:\([^)\n]{{1,30}}\)\s+)?{_ROLE_CUE}\b"
    ),
    re.compile(
        rf"(?i:\b(?:position|role|post)\s+of\s+(?:a\s+|an\s+)?)"
        rf"{_ROLE}"
        r"(?=\s*(?:\(|\bat\b|\bwith\b|[,.;:!]|$)|\s[-–]\s)"  # "... Associate - Sort (Night)"
    ),
    re.compile(
        rf"(?i:\b(?:as\s+(?:a|an|our)|hiring\s+(?:a|an)|recruiting\s+(?:for\s+)?(?:a|an))\s+)"
        rf"{_ROLE}"
        r"(?=\s+(?:to|at|with|for|in|who|based|on|from)\b|\s*[,.;:!(|]|\s*$)"
    ),
)
# Last words that make "Data Analyst, Larkspur Software" a company, not a team.
_COMPANY_WORDS = frozenset(
    {"software", "labs", "inc", "ltd", "llc", "group", "gmbh", "plc", "technologies", "solutions",
     "partners", "consulting", "recruitment", "corp", "corporation", "company", "limited",
     "holdings", "ventures", "studios", "bank", "capital", "society"}
)  # fmt: skip
_TITLE_CONNECTORS = frozenset({"of", "and", "&", "/", "-"})
_TITLE_WORDS = frozenset(
    {"consultant", "recruiter", "talent", "acquisition", "people", "senior", "principal", "hr",
     "resources", "recruitment", "recruiting", "sourcer", "vp", "ceo", "cto", "founder"}
)  # fmt: skip
# A line or segment that is an address, a phone number, a web or mail address.
_ADDRESS_LIKE = re.compile(r"\d|@|https?:|www\.|\.(?:com|example|org|net|io)\b")
_ROLE_DETERMINERS = frozenset({"the", "a", "an", "our", "this", "your", "their", "my"})
_REQUISITION = re.compile(
    r"(?i:\b(?:req(?:uisition)?\.?(?:\s*(?:id|#|no\.?|number))?|(?:job|vacancy|position|posting"
    r"|role)\s*(?:id|#|no\.?|number|ref(?:erence)?|code))\s*[:#]?\s*)"
    r"(?P<id>[A-Z]{0,4}-?\d[\w-]{2,}|[A-Z]{1,4}-?\d{3,})"
    r"|\((?:(?i:ref(?:erence)?|req|job\s*id|id|vacancy)\.?\s*[:#]?\s*)?"
    r"(?P<paren>[A-Z]{1,5}-?\d{3,}[A-Z0-9-]{0,8})\)"
)
_HIRING_MANAGER_TEXT = re.compile(
    r"\b(?:I\s+lead\s+the|I\s+manage\s+the|I(?:['’]m|\s+am)\s+the\s+hiring\s+manager"
    r"|join(?:ing)?\s+my\s+team|report(?:ing)?\s+(?:directly\s+)?to\s+me)\b",
    re.IGNORECASE,
)
# "I'm working with Tern Capital on ...": a recruiter naming the company it works for.
_NAMED_CLIENT = re.compile(
    r"\b(?i:I['’]m|I\s+am|we['’]re|we\s+are)\s+(?i:currently\s+)?(?i:working|partnering)\s+"
    r"(?i:exclusively\s+)?(?i:with)\s+[A-Z][\w&'’-]+"
)
_CONSULTANT_TITLE = re.compile(
    r"(?:^|[|,\n–-])\s*(?:senior\s+|principal\s+|lead\s+|associate\s+|managing\s+)?"
    r"(?:recruitment\s+|talent\s+|search\s+)?consultant\b",
    re.IGNORECASE | re.MULTILINE,
)
_FIRST_PERSON_INHOUSE = re.compile(
    r"\bI(?:['’]m|\s+am)\s+(?:a|an|the|one\s+of\s+the)?\s*(?:\w+\s+){0,3}?(?:recruiter|talent|"
    r"people|hr|recruiting|recruitment)\b.{0,30}\b(?:here\s+at|at|with)\b",
    re.IGNORECASE,
)


_WORD = re.compile(r"[a-z]+")
# Words one of which a pattern needs, to skip it cheaply on texts without any of them.
_TRIGGERS: dict[re.Pattern[str], frozenset[str]] = {
    _BODY_PATTERNS[0]: frozenset(
        {"position", "role", "job", "opening", "vacancy", "opportunity", "opportunities",
         "application", "interest", "career", "careers", "interview", "offer", "everyone",
         "here", "work", "working", "employment", "join", "joining", "welcome", "applying",
         "applied"}
    ),
    _BODY_PATTERNS[1]: frozenset({"at"}),
    _BODY_PATTERNS[2]: frozenset({"employer", "company", "organisation", "organization", "provider"}),
    _BODY_PATTERNS[3]: frozenset({"bewerbung", "beworben", "interesse"}),
    _CLIENT_PATTERNS[0]: frozenset({"client"}),
    _CLIENT_PATTERNS[1]: frozenset({"behalf"}),
    _CLIENT_PATTERNS[2]: frozenset({"client"}),
    _CLIENT_PATTERNS[3]: frozenset({"working", "partnering"}),
    _CLIENT_PATTERNS[4]: frozenset({"client", "business", "company"}),
    _CLIENT_PATTERNS[5]: frozenset({"submit", "submitted", "submitting"}),
    _CLIENT_SAID: frozenset({"yes", "yep", "yeah"}),
    _CLIENT_WORD: frozenset({"client"}),
    _RECRUITING_FOR: frozenset({"recruiting", "hiring", "looking"}),
    _RECRUITS_FOR_CLIENT: frozenset({"recruiting"}),
    _CLIENT_ACTS: frozenset({"hiring", "have", "has", "came", "put"}),
    _PITCHED_AT: frozenset({"contract", "role", "position", "opportunity", "vacancy", "opening",
                            "openings", "job", "post", "assignment", "requirement"}),
    _AGENCY_SELF: frozenset({"recruiter", "consultant", "partner", "headhunter", "director",
                             "manager"}),
    _ROLE_PATTERNS[0]: frozenset({"application", "applying", "applied", "interview",
                                  "interviewing", "candidacy", "apply"}),
    _ROLE_PATTERNS[1]: frozenset({"position", "role", "post", "job", "opening", "vacancy",
                                  "opportunity", "req"}),
    _ROLE_PATTERNS[2]: frozenset({"position", "role", "post"}),
    _ROLE_PATTERNS[3]: frozenset({"as", "hiring", "recruiting"}),
    AGENCY_CUES: frozenset({"client", "recruitment", "staffing", "headhunter", "head", "executive",
                            "search", "retained", "recruiter", "recruiting", "headhunting",
                            "talent", "exclusively", "agency", "behalf", "name", "share",
                            "disclose", "reveal", "submit", "submitted", "submitting",
                            "practice"}),
    _FIRST_PERSON_INHOUSE: frozenset({"recruiter", "talent", "people", "hr", "recruiting",
                                      "recruitment"}),
    _HIRING_MANAGER_TEXT: frozenset({"lead", "manage", "hiring", "join", "joining", "report",
                                     "reporting"}),
    _REQUISITION: frozenset({"req", "requisition", "job", "vacancy", "position", "posting", "role",
                             "jr", "r", "j", "jid"}),
}  # fmt: skip


@lru_cache(maxsize=32)
def _lines(text: str) -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
    """The lines of a text and the lower-cased words of each (cached: texts are re-read)."""
    lines = tuple(text.split("\n"))
    return lines, tuple(frozenset(_WORD.findall(line.lower())) for line in lines)


def _regions(pattern: re.Pattern[str], text: str) -> list[str]:
    """Where `pattern` can match: the lines holding one of its trigger words, each with a
    line either side (a match may wrap), or the whole text for an ungated pattern.

    Running a case-insensitive regex over a few lines instead of the whole message is
    what keeps extraction under a millisecond.
    """
    needed = _TRIGGERS.get(pattern)
    if needed is None:
        return [text]
    lines, line_words = _lines(text)
    hits = [index for index, words in enumerate(line_words) if not words.isdisjoint(needed)]
    regions: list[str] = []
    start = end = -2
    for index in hits:
        if index - 1 <= end + 1:
            end = index + 1
            continue
        if end >= 0:
            regions.append("\n".join(lines[max(0, start) : end + 1]))
        start, end = index - 1, index + 1
    if end >= 0:
        regions.append("\n".join(lines[max(0, start) : end + 1]))
    return regions


def _search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """pattern.search(text), run only where its trigger words occur."""
    for region in _regions(pattern, text):
        match = pattern.search(region)
        if match:
            return match
    return None


@dataclass(frozen=True)
class Organisation:
    """Who a message speaks for: company, agency, role, requisition id and sender role."""

    company: str | None = None
    agency: str | None = None
    role: str | None = None
    requisition_id: str | None = None
    sender_role: SenderRole = SenderRole.UNKNOWN


_TRAILING_NOISE = frozenset(
    {"team", "hr", "careers", "career", "jobs", "hiring", "notifications", "no", "reply",
     "noreply", "re", "fwd", "fw", "the", "a", "an", "and", "of", "at", "in", "on", "for"}
)  # fmt: skip


def clean_company(name: str | None) -> str | None:
    """A company name trimmed of punctuation and a leading "the"; None for non-names."""
    if not name:
        return None
    name = re.split(r"\.\s", re.sub(r"\s+", " ", name))[0]  # "Acme Health. First ..."
    name = name.strip(" \t.,;:!?'’\"()")
    name = re.sub(r"^(?i:the)\s+", "", name)
    words = name.split()
    if len(words) > 1 and words[0].lower() in _LEADING_VERBS:
        words = words[1:]
        name = " ".join(words)
    while words and words[-1].lower().strip(".") in _TRAILING_NOISE:
        words.pop()
    if words and words[-1].lower() in ROLE_TITLE_HEADS:
        return None  # "apply to Data Analyst": a job title, not a company
    if not words or words[0].lower().strip(".") in _NOT_NAMES or len(name) > 60:
        return None
    if _TITLE_OF.match(name):
        return None  # "an interview with the Head of Research": a person's title
    cleaned = _LEGAL_FORM.sub("", " ".join(words)).strip(" .,")
    lowered = cleaned.lower().replace(" ", "")
    if lowered in ATS_NAMES or not re.search(r"[A-Za-z]{2}", cleaned):
        return None
    return cleaned


# A job title that names what the person heads: "Head of Research", "Director of Finance"
_TITLE_OF = re.compile(r"(?i:(?:head|director|vp|vice\s+president|chief)\s+of)\s")

ATS_NAMES: frozenset[str] = frozenset(
    {domain.split(".")[0].replace("-", "") for domain in ATS_RELAY_DOMAINS}
    | {label for label in FREE_MAIL_LABELS}
    | {"workday", "successfactors", "smartrecruiters", "greenhousemail", "google"}
)


# What follows a course or role that a pattern took for the company: "apply to Mathematics
# (X100) at Acme Teaching School", "your application to Data Science at Orbit"
_AT_AFTER = re.compile(
    rf"(?:[ \t]*\([^)\n]{{1,20}}\))?[ \t]+at[ \t]+(?:the[ \t]+)?(?P<company>{_NAME})"
)


# Kinds of company that a capitalised word before them only describes: "working with Series B
# fintechs", "on behalf of Tech companies", "FTSE 100 firms" or "Series A to Series C
# startups" name no company.
_KIND_AFTER = re.compile(
    # a range of them first: "Series A to Series C startups", "Seed to Series A startups"
    rf"(?:(?:[ \t]+(?:to|through|or)[ \t]+|[ \t]*[-–/][ \t]*)(?:{_NAME}))?"
    r"[ \t]+(?:companies|businesses|firms|start-?ups"
    r"|scale-?ups|fintechs|clients|organi[sz]ations|brands|employers|banks|retailers|insurers"
    r"|consultancies|enterprises|corporates|agencies|vendors|providers)\b"
)


def _first(
    patterns: tuple[re.Pattern[str], ...], text: str, *, at_after: bool = False
) -> str | None:
    """The first company the patterns find in `text`. With `at_after` (what the candidate
    applied to, in a subject or body), a name followed by "at <Name>" was the course or
    role, and the name after "at" is the company; not for a client ("working with Globex at
    Canary Wharf") or a display name. A name that describes a kind of company ("Series B
    fintechs") is none."""
    for pattern in patterns:
        for region in _regions(pattern, text):
            for match in pattern.finditer(region):
                if _KIND_AFTER.match(region, match.end("company")):
                    continue
                at = _AT_AFTER.match(region, match.end("company")) if at_after else None
                name = clean_company((at or match).group("company"))
                if name:
                    return name
    return None


# Words of a subject's part that is no client's name: "Another Role", "Urgent", "Remote"
_SUBJECT_NOISE = frozenset(
    {"another", "new", "urgent", "exciting", "exclusive", "remote", "hybrid", "contract",
     "permanent", "perm", "interim", "freelance", "fintech", "startup", "opportunity", "role",
     "position", "vacancy", "opening", "job", "roles", "jobs", "opportunities", "quick",
     "question", "follow", "up", "update", "introduction", "intro", "re", "fwd"}
)  # fmt: skip
# a place after its preposition: "based in Leeds", "an office near Reading"
_IN_PLACE = re.compile(r"(?i:\b(?:in|near|around|outside|across))\s+$")

# Words of a team's or a function's name ("Data Platform", "Risk & Compliance"): a
# company's name has a word of its own ("Northgate Payments", "Harbor & Finch")
_UNIT_WORDS = frozenset(
    {"data", "platform", "platforms", "risk", "compliance", "engineering", "analytics",
     "finance", "financial", "marketing", "product", "products", "operations", "ops", "sales",
     "security", "infrastructure", "payments", "research", "technology", "tech", "digital",
     "strategy", "growth", "customer", "customers", "commercial", "credit", "fraud", "pricing",
     "treasury", "legal", "people", "hr", "it", "insights", "intelligence", "science",
     "services", "support", "trading", "investment", "investments", "retail", "corporate",
     "banking", "lending", "claims", "underwriting", "audit", "tax", "quality", "design",
     "content", "brand", "core", "mobile", "web", "cloud", "ai", "ml", "machine", "learning",
     "applied", "reporting", "governance", "architecture", "integration", "enterprise",
     "consumer", "business", "central", "global", "international", "uk", "emea", "europe",
     "new", "team", "teams"}
)  # fmt: skip
# Places a role is for ("hiring a Data Analyst for London"), and what a role is for in
# time ("for Q1")
_PLACES = frozenset(
    {"london", "manchester", "leeds", "birmingham", "bristol", "edinburgh", "glasgow",
     "cardiff", "belfast", "liverpool", "newcastle", "sheffield", "nottingham", "cambridge",
     "oxford", "reading", "brighton", "leicester", "southampton", "milton keynes", "york",
     "bath", "exeter", "aberdeen", "dundee", "swindon", "coventry", "dublin", "berlin",
     "paris", "amsterdam", "madrid", "barcelona", "lisbon", "munich", "zurich", "new york",
     "boston", "san francisco", "singapore", "canary wharf", "shoreditch", "the city",
     "city", "uk", "us", "usa", "eu", "emea", "europe", "remote", "hybrid", "scotland",
     "wales", "england", "ireland", "the north", "the midlands", "midlands",
     "q1", "q2", "q3", "q4", "h1", "h2", "asap"}
)  # fmt: skip


def is_place(words: str) -> bool:
    """Whether `words` (in lower case) name a place a role is for ("manchester", "milton
    keynes", "remote"), or a time ("q1"): _PLACES."""
    return words in _PLACES


# The first word of a project's, a programme's or a team's name: "Project Atlas"
_PROJECT_WORDS = frozenset(
    {"project", "programme", "program", "operation", "phase", "team", "squad", "tribe"}
)
# The last word of a company's name that no person has: "Severn Logistics", "Corvid
# Insurance", "Orbital Systems" (with _COMPANY_WORDS)
_BUSINESS_WORDS = frozenset(
    {"insurance", "payments", "logistics", "energy", "analytics", "systems", "health",
     "healthcare", "retail", "media", "digital", "data", "finance", "financial", "mutual",
     "freight", "motors", "pharma", "robotics", "security", "services", "networks", "telecom",
     "games", "investments", "management", "power", "water", "airways", "airlines", "shipping",
     "engineering", "construction", "homes", "property", "estates", "insights", "intelligence",
     "ai", "cloud", "works", "industries", "international", "global", "trust", "council",
     "university", "college", "school", "hospital", "foods", "brands", "bio", "biotech",
     "therapeutics", "tech", "technology", "software", "labs", "lab", "bank",
     "banking", "credit", "lending", "markets", "exchange", "travel", "fintech", "platforms"}
)  # fmt: skip


def is_company_word(word: str) -> bool:
    """Whether a word is one that ends a company's name and no person's ("systems", "labs",
    "health", "bank"; _BUSINESS_WORDS, _COMPANY_WORDS)."""
    word = word.lower()
    return word in _BUSINESS_WORDS or word in _COMPANY_WORDS


def _not_a_company(name: str) -> bool:
    """Whether a capitalised name a client pattern found is no company: a team or a function
    ("Data Platform", "Risk & Compliance"), a place or a time ("London", "Q1"), a project
    ("Project Atlas"), or a part of a company ("Brightwave's Payments")."""
    words = [w.lower() for w in re.split(r"[\s&]+", name) if w and w.lower() not in {"and", "of"}]
    return (
        not words
        or any(w.endswith(("'s", "’s")) for w in words)
        or words[0] in _PROJECT_WORDS
        or " ".join(words) in _PLACES
        or all(w in _UNIT_WORDS for w in words)
    )


def _person_like(name: str) -> bool:
    """Whether a name may be a person's: one or two capitalised words ("Marcus", "Ellie
    Park"), none a word of a company's name ("Severn Logistics", "Harbor & Finch" and "HSBC"
    are not)."""
    words = name.split()
    return (
        1 <= len(words) <= 2
        and all(re.fullmatch(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?", w) for w in words)
        and not any(w.lower() in _BUSINESS_WORDS or w.lower() in _COMPANY_WORDS for w in words)
    )


# What makes a company named as hiring the sender's own, not a client: a description right
# after it ("Helios Group, our parent company", "Data Platform, our new team"; not "Harbor &
# Finch, our client"), or one in its sentence ("... - they're our sister brand")
_OWN_AFTER = re.compile(
    r"(?i:,?[ \t]+(?:(?:which|who|that)[ \t]+(?:is|are)[ \t]+|(?:is|are)[ \t]+)?(?:our|my)[ \t]+"
    r"(?P<what>(?:[\w-]+[ \t]+){0,3}[\w-]+))"
)
_OWN_KIN = re.compile(r"(?i:\b(?:our|its)[ \t]+(?:[\w-]+[ \t]+)?(?:parent|sister)\b)")


def _told_as_own(text: str, name: str, end: int) -> bool:
    """Whether `text` makes the company `name`, found ending at `end`, the sender's own:
    described as theirs after it (_OWN_AFTER) or in its sentence (_OWN_KIN), or as the
    group the sender's company is part of ("Brightwave Analytics is part of Helios
    Group")."""
    after = _OWN_AFTER.match(text, end)
    if after and not re.search(r"(?i:\bclients?\b|\bcustomers?\b)", after.group("what")):
        return True
    sentence = re.split(r"[.!?\n]", text[end : end + 200], maxsplit=1)[0]
    if _OWN_KIN.search(sentence):
        return True
    return (
        re.search(rf"(?i:\bpart[ \t]+of[ \t]+(?:the[ \t]+)?){re.escape(name)}\b", text) is not None
    )


def _recruited_for(text: str) -> str | None:
    """The client a role is recruited for (_RECRUITING_FOR), or the agency is
    (_RECRUITS_FOR_CLIENT: "Castlefield are recruiting for Halden Retail Group"), not a
    team, a place, a project (_not_a_company) or a title, nor a company the sender calls
    their own (_told_as_own)."""
    for pattern in (_RECRUITING_FOR, _RECRUITS_FOR_CLIENT):
        for region in _regions(pattern, text):
            for match in pattern.finditer(region):
                if _KIND_AFTER.match(region, match.end("company")):
                    continue
                name = clean_company(match.group("company"))
                if (
                    name
                    and not _not_a_company(name)
                    and not (
                        pattern is _RECRUITS_FOR_CLIENT
                        and (
                            _looks_like_title(name)
                            or _no_client(name)
                            or _STAFF_AFTER.match(region, match.end("company"))
                        )
                    )
                    and not _told_as_own(region, name, _end(match))
                ):
                    return name
    return None


# What "recruiting for" names that is no client (review 16's probes): a season or a time
# ("recruiting for Christmas", "... for Q1 starts"), places ("for Manchester and Leeds"), or
# the staff sought ("Halden Retail Group are recruiting for Python developers")
_SEASONS = frozenset(
    ("christmas", "easter", "summer", "winter", "autumn", "spring", "xmas", "the new year",
     "new year", "the holidays", "black friday", "peak")
)  # fmt: skip
_STAFF_AFTER = re.compile(
    r"[ \t]+(?:[A-Za-z+#./-]+[ \t]+)?(?i:developers|engineers|roles|positions|jobs|staff|people"
    r"|contractors|analysts|candidates|testers|architects|consultants|specialists|hires"
    r"|vacancies|openings)\b"
)


def _no_client(name: str) -> bool:
    """Whether a name "recruiting for" found is a season or places, not a client."""
    parts = [p.strip() for p in re.split(r",|\band\b|&", name) if p.strip()]
    return name.lower() in _SEASONS or (bool(parts) and all(is_place(p.lower()) for p in parts))


def _end(match: re.Match[str]) -> int:
    """Where the name a pattern found ends in its text: before a full stop that _NAME took
    with the next sentence's first word ("London. Interested")."""
    found = match.group("company")
    return match.start("company") + len(re.split(r"\.\s", found)[0].rstrip(" .,;:!?"))


def _subject_client(subject: str, head: str, role: str | None) -> str | None:
    """The client an agency's subject names beside the role: "Another role - Corvid
    Insurance - Senior Data Engineer (contract)" or "Senior Data Analyst - Northgate
    Payments (Shoreditch, hybrid)" -> the company, when the body names it too (never after
    "in" or "based in": "Data Engineer - Leeds" is a place). A subject without the role
    ("Severn Logistics - second stage") names it only when the body starts a sentence with it
    as the one acting ("Severn Logistics would like to ...", _ACTING_AFTER)."""
    parts = [part.strip() for part in re.split(r"\s+[-–|]\s+", subject)]
    if len(parts) < 2 or not role:
        return None
    with_role = any(role in part for part in parts)
    for part in parts:
        if role in part:
            continue
        part = re.sub(r"\s*\([^()]*\)$", "", part)  # a place or terms in brackets after it
        if _ADDRESS_LIKE.search(part) or not re.fullmatch(_NAME, part):
            continue  # (a salary, "GBP 85-95k", is no name)
        if _looks_like_title(part) or _not_a_company(part):
            continue  # (nor "Data Analyst - Data", a team)
        if not {word.lower() for word in part.split()}.isdisjoint(_SUBJECT_NOISE):
            continue
        found = list(re.finditer(rf"\b{re.escape(part)}\b", head))
        named = [m.start() for m in found]
        if not named or any(_IN_PLACE.search(head, max(0, at - 12), at) for at in named):
            continue
        if not with_role and not any(_acting(head, m) for m in found):
            continue
        if name := clean_company(part):
            return name
    return None


# A step of a process an agency's subject names its client beside, with no role: "Sefton
# Logistics - interview", "Sefton Logistics - second stage", "Confirmed: Sefton Logistics
# Teams call - Thursday 10 December 14:00" (the name as short as lets the step follow it,
# so "Teams" is the call's, not the company's)
_LAZY_NAME = _NAME.replace("{0,3}", "{0,3}?")
_SUBJECT_STEP = re.compile(
    # (after "Re:", "Confirmed:" or a tag: "[External]")
    r"^(?i:(?:re|fwd?|confirmed|confirmation|reminder|updated?|invitation)[ \t]*:[ \t]*"
    r"|\[[^\]\n]{1,20}\][ \t]*)*"
    rf"(?P<company>{_LAZY_NAME})(?:[ \t]+[-–|:])?[ \t]+"
    r"(?i:(?:first|second|third|final|next|1st|2nd|3rd)[ \t]+(?:stage|round|interview)"
    r"|(?:(?:teams|zoom|video|phone|telephone|intro|introductory)[ \t]+)?"
    r"(?:interview|call|chat|meeting)|feedback|update|next[ \t]+steps?)"
    # (then the subject's end, a separator or its day: "Irwell Bank - interview Monday 14th")
    r"(?=[ \t]*(?:$|[-–|(:,])|[ \t]+(?i:on[ \t]+)?(?i:mon|tue|wed|thu|fri|sat|sun|\d))"
)


def _subject_step_client(subject: str, head: str) -> str | None:
    """The client an agency's subject names beside a step of its process and no role
    (_SUBJECT_STEP: "Sefton Logistics - interview"), when the body names it too (not after
    "in": a place; nor as a part of another: "the Nominations Committee of Acme"), and it is
    no title, team, place or word of a subject's ("Urgent - update"); a name of one word
    only where the body writes it as a company's (_AS_COMPANY: not "Python - interview")."""
    found = _SUBJECT_STEP.match(subject.strip())
    if found is None:
        return None
    name = found.group("company")
    if _looks_like_title(name) or _not_a_company(name):
        return None
    if not {word.lower() for word in name.split()}.isdisjoint(_SUBJECT_NOISE):
        return None
    named = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", head)]
    if not named or any(_IN_PLACE.search(head, max(0, at - 12), at) for at in named):
        return None
    if re.search(rf"\b{re.escape(name)}[ \t]+(?:of|at)[ \t]", head):
        return None  # a part of a company: "the Nominations Committee of Acme"
    if len(name.split()) == 1 and not re.search(_AS_COMPANY.format(re.escape(name)), head):
        return None  # one word ("Python - interview"): only when the body says it hires
    return clean_company(name)


# A one-word name the body writes as a company's: "at Monzo", "my client, Monzo", "Monzo's
# team", "Monzo would like to", "Monzo liked your CV"
_AS_COMPANY = (
    r"\b(?:at|client,?)[ \t]+{0}\b|\b{0}(?:['’]s\b|[ \t]+(?:would|liked|loved|wants?|asked"
    r"|(?:are|is|were|was)[ \t]+(?:keen|happy|pleased|delighted)))"
)


# What a company does when a sentence starts with it: "Severn Logistics would like to",
# "have moved with me", "are keen to"
_ACTING_AFTER = re.compile(
    r"[ \t]+(?i:would\s+like|(?:are|is|were|was)\s+(?:keen|happy|delighted|pleased|hiring)"
    r"|(?:have|has)\s+(?:just\s+|now\s+)?(?:moved|asked|come|decided|confirmed|agreed)|want|wants)\b"
)


def _acting(text: str, name: re.Match[str]) -> bool:
    """Whether the `name` found in `text` starts a sentence (or a clause after "and") and
    does something (_ACTING_AFTER)."""
    before = text[max(0, name.start() - 5) : name.start()]
    starts = not before.strip() or re.search(r"(?:[.!?:;]|\band)\s+$", before) is not None
    return starts and _ACTING_AFTER.match(text, name.end()) is not None


def _client_acts(text: str) -> str | None:
    """The client a sentence starts with as the one hiring (_CLIENT_ACTS), not a pronoun
    or "My client" (_ACTORS), a team, a place or a project (_not_a_company), a person who
    came back, is hiring or has a role (_person_like), a firm hiring in passing ("Monzo are
    hiring too, but ...") nor one the sender calls their own (_told_as_own)."""
    for region in _regions(_CLIENT_ACTS, text):
        for match in _CLIENT_ACTS.finditer(region):
            name = match.group("company")
            if name.split()[0].lower() in _ACTORS:
                continue
            company = clean_company(name)
            if not company or _not_a_company(company):
                continue
            # "they are hiring", "they have a role": a company (in British English); a
            # person is hiring, has a role, or came back
            plural = match.group("are") or match.group("have")
            if not plural and _person_like(company):
                continue
            if match.group("hiring") and _HIRING_IN_PASSING.match(region, match.end()):
                continue
            if not _told_as_own(region, company, _end(match)):
                return company
    return None


def _client_said(text: str) -> str | None:
    """The client a recruiter names in answer to the user's question ("yes it is
    Nordhafen"), not a place, a team or a project (_not_a_company)."""
    for region in _regions(_CLIENT_SAID, text):
        for match in _CLIENT_SAID.finditer(region):
            name = clean_company(match.group("company"))
            if name and not _not_a_company(name):
                return name
    return None


def _client_word(text: str) -> str | None:
    """A client named by a word clean_company refuses: "my client Next have a role" ->
    "Next"; None for any other word (clean_company has read it already)."""
    match = _search(_CLIENT_WORD, text)
    word = match.group("company") if match else ""
    lowered = word.lower()
    if lowered in _NOT_NAMES and lowered not in _NOT_A_CLIENT and lowered not in ATS_NAMES:
        return word
    return None


_FORM_FIELD = re.compile(r"^[A-Za-z][\w -]{0,30}:\s")
# The links of a mailing's footer
_LINK_BAR = re.compile(
    r"(?i:\bunsubscribe\b|\bprivacy\s+(?:policy|notice|statement)|\bmanage\s+(?:your\s+)?"
    r"(?:preferences|notifications|alerts|subscriptions?|settings)|\bview\s+(?:it\s+)?in\s+"
    r"(?:your\s+)?browser|\bemail\s+preferences|\bterms\s+(?:of\s+use|and\s+conditions|&))"
)
# A team signing off: "The Acme Careers Team", "Acme Recruiting" (a company), unlike a person.
_TEAM_SIGNER = _DISPLAY_PATTERNS[2]
# Closings that is_sign_off does not know on their own.
_MORE_CLOSINGS = re.compile(r"(?i:all\s+the\s+(?:very\s+)?best|with\s+(?:many\s+)?thanks)")


def _is_closing(text: str) -> bool:
    """Whether a line's first part is a closing ("Thanks" of "Thanks, Sarah")."""
    return is_sign_off(text) or _MORE_CLOSINGS.fullmatch(text.strip()) is not None


def _signature_company(signature: str, person: str = "") -> str | None:
    """A company in a signature: "Initech Ltd", "Engineering Manager | Initech" (a firm's
    name below rather than the desk a title names: "Principal Consultant, Education &
    Children's Services / Civic Talent Partners"), or a line that is a public body's name
    ("St Aldhelm's Church of England Academy"); a university's department or school is the
    university it names ("Department of Earth Sciences, University of Cambridge":
    _institution_of).

    `person` is the sender's display name, which is not a company; nor is a greeting's name
    ("Eleanor," opening a short mail, whose last lines are read as its signature).
    """
    person_words = {word.lower() for word in person.split()}
    lines = [line.strip() for line in signature.splitlines() if line.strip()][:10]
    for line in lines:
        if _ADDRESS_LIKE.search(line):
            continue
        suffixed = _SUFFIXED.search(line)
        if suffixed and (name := clean_company(suffixed.group(0))):
            return name
    for index, line in enumerate(lines):
        # "Location: Acme Primary School, Leeds" is one detail, not a signature; but
        # "T: 020 7946 0000 | Harbour Mills" is a signature's items. "Sincerely," with its
        # comma would read as "Title, Company": two portals signing so would be one company.
        if (_FORM_FIELD.match(line) and "|" not in line) or is_sign_off(line):
            continue
        if _LINK_BAR.search(line):
            continue  # "View all jobs | Unsubscribe | Privacy Policy": a footer's links
        if re.fullmatch(_PUBLIC_BODY, line) and (name := clean_company(line)):
            return _institution_of(name, lines[index:])
        segments = [part for part in re.split(r"\s*[|,]\s*|\s+at\s+", line) if part]
        if len(segments) < 2:
            continue
        if _is_closing(segments[0]):
            # "Thanks, Sarah": a closing and the writer's name, not "Title, Company"; but
            # "Thanks, The Acme Careers Team" signs as the company
            team = _TEAM_SIGNER.match(segments[1])
            segments = ([team.group("company")] if team else []) + segments[2:]
        for at, segment in enumerate(segments):
            if _ADDRESS_LIKE.search(segment) or not re.fullmatch(_NAME, segment):
                continue
            if {word.lower() for word in segment.split()} <= person_words:
                continue
            if _looks_like_title(segment) or len(segment) < 3:
                continue
            if name := clean_company(segment):
                # "Priya Shah | Principal Consultant, Education & Children's Services": after
                # a title, on a line of items, the desk; a firm's name below is the company
                if "|" in line and at and _looks_like_title(segments[at - 1]):
                    return _firm_named(lines[index + 1 :]) or name
                return _institution_of(name, [", ".join(segments[at:]), *lines[index + 1 :]])
    return None


# A unit of a university (or another institution): "Department of Earth Sciences", "School
# of Earth and Environment", "Faculty of Engineering"
_UNIT_OF = re.compile(
    r"^(?:Department|School|Faculty|Division|Institute|Centre|Center)[ \t]+(?:of|for)[ \t]"
)


def _institution_of(name: str, lines: list[str]) -> str:
    """The university or college that a unit's name (_UNIT_OF) belongs to, when the lines
    name one ("Department of Earth Sciences, University of Cambridge": the university is the
    employer); the name itself otherwise ("Department for Education" is one)."""
    if not _UNIT_OF.match(name):
        return name
    for line in lines:
        for match in re.finditer(_PUBLIC_BODY, line):
            body = clean_company(match.group())
            if body and not _UNIT_OF.match(body) and re.search(r"\b(?:University|College)\b", body):
                return body
    return name


def _firm_named(lines: list[str]) -> str | None:
    """The first item of the lines that is a firm's name: two words or more, the last a
    company's word ("Civic Talent Partners"), no title's word ("Head of Recruitment")."""
    for line in lines:
        for item in re.split(r"\s*\|\s*", line):
            words = item.split()
            if (
                len(words) >= 2
                and re.fullmatch(_NAME, item)
                and _looks_like_company(item)
                and ROLE_TITLE_HEADS.isdisjoint(word.lower() for word in words)
            ):
                return clean_company(item)
    return None


def _looks_like_title(text: str) -> bool:
    words = [word.lower() for word in re.findall(r"[A-Za-z]+", text)]
    return any(word in ROLE_TITLE_HEADS or word in _TITLE_WORDS for word in words)


# What a company adds to its name to get a domain: getharvest.com, tryacme.com, acmehq.com.
_DOMAIN_AFFIX = re.compile(r"^(?:get|try|use|join)(?=[a-z0-9]{4})|(?<=[a-z0-9]{4})(?:hq|app)$")


def _alnum(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text)


def cased_domain_name(domain: str, texts: tuple[str, ...]) -> str | None:
    """The company's own spelling of its domain, found in the texts.

    corvidlabs.example + "Technical Recruiter, Corvid Labs" -> "Corvid Labs". A domain
    made of the name and a common affix is the name: getharvest.com + "the team at
    Harvest" -> "Harvest" (the whole label first); an "&" is "and": pellowandco.com +
    "Pellow & Co" -> "Pellow & Co". None for ATS relays, screening vendors and free mail, or
    when no text spells it, and for a sector's shared domain (nhs.example: "NHS").
    """
    if (
        not domain
        or is_ats_domain(domain)
        or is_screening_domain(domain)
        or is_free_mail_domain(domain)
    ):
        return None
    label = re.sub(r"[^a-z0-9]", "", _first_label(domain))
    if len(label) < 3 or label in _SECTOR_LABELS:
        return None
    stem = _DOMAIN_AFFIX.sub("", label)
    for key in dict.fromkeys((label, stem)):
        for text in texts:
            lowered = text.lower()
            if key not in _alnum(lowered) and key not in _alnum(lowered.replace("&", "and")):
                continue
            for match in re.finditer(_NAME, text):
                words = match.group(0).split()
                for start in range(len(words)):
                    for end in range(len(words), start, -1):
                        candidate = " ".join(words[start:end])
                        # "Pellow & Co" is pellowandco.com
                        spelled = candidate.lower().replace("&", "and")
                        if key in (_alnum(candidate.lower()), _alnum(spelled)):
                            return clean_company(candidate)
    return _shortened_domain_name(label, texts) if len(label) >= 10 else None


# Words of an institution's name that say what it is, not which one: "University of
# Hollis", "Hollis College", "Harrowfield Borough Council"
_INSTITUTION_WORDS = frozenset(
    {"university", "college", "of", "the", "trust", "council", "borough", "county", "city",
     "district", "nhs", "foundation", "hospital", "hospitals", "school", "academy",
     "authority", "constabulary", "police"}
)  # fmt: skip


def _institution_domain(domain: str) -> bool:
    """A university's or a public body's own domain: hollis.edu, leeds.ac.uk,
    harrowfield.gov.uk (a sector's label in it, _SECTOR_LABELS)."""
    return not _SECTOR_LABELS.isdisjoint(registered_domain(domain).split("."))


def _institution_named(name: str, texts: tuple[str, ...]) -> str | None:
    """The university or public body (_PUBLIC_BODY) the texts name that is `name` with
    words of its kind: "Hollis" -> "Hollis University", "University of Hollis" or "Hollis
    College"; None when they name none ("Hollis Medical School" is another, and so is
    "Hollis University Union": a capitalised word after it)."""
    words = name.lower().split()
    for text in texts:
        for match in re.finditer(_PUBLIC_BODY, text):
            if re.match(r"[ \t]+[A-Z]", text[match.end() :]):
                continue
            body = clean_company(match.group())
            kind = [word for word in (body or "").lower().split() if word not in _INSTITUTION_WORDS]
            if body and kind == words and not _UNIT_OF.match(body):
                return body
    return None


def _shortened_domain_name(label: str, texts: tuple[str, ...]) -> str | None:
    """A name that a long domain label spells all but its last two letters of, the last word
    cut short: talentfirstgrads.com + "TalentFirst Graduates" -> "TalentFirst Graduates"."""
    for text in texts:
        for match in re.finditer(_NAME, text):
            words = match.group(0).split()
            for end in range(len(words), 0, -1):
                key = _alnum(" ".join(words[:end]).lower())
                before = len(_alnum(" ".join(words[: end - 1]).lower()))
                pairs = zip(key, label, strict=False)
                common = next(
                    (i for i, (a, b) in enumerate(pairs) if a != b), min(len(key), len(label))
                )
                if common >= len(label) - 2 and common > before and len(key) <= len(label) + 8:
                    return clean_company(" ".join(words[:end]))
    return None


_ROLE_QUALIFIER = re.compile(
    r"\s*\((?P<paren>[A-Za-z][A-Za-z &/-]{0,30})\)"
    r"|,\s+(?P<comma>[A-Z][\w&/-]*(?:\s+[A-Z][\w&/-]*){0,2})"
    r"(?=\s+(?i:position|role|vacancy|job|opening|post|team)\b|\s*[-–|(]|\s*$)"
)
_ROLE_CUE_WORDS = frozenset(
    {"position", "role", "vacancy", "job", "opening", "post", "opportunity"}
)
_SUBJECT_LEADS = frozenset(
    {"interview", "interviews", "invitation", "invite", "reminder", "confirmed", "confirmation"}
)
# Where a title ends: a bracket, a dash, a company or place after it
_ROLE_END = re.compile(r"\s+(?:\(|-\s|–|at\s|with\s|in\s|based\b|located\b)")
_ACADEMIC_FIELD_AT = re.compile(_ACADEMIC_FIELD)
_INTERVIEW_TEAM_WORDS = frozenset({"scheduling", "scheduler", "coordination", "operations"})
# Title heads that are a title only with a name before them ("Technology Graduate Scheme")
_NAMED_ONLY = frozenset({"scheme", "programme"})


def _academic_field(title: str) -> re.Match[str] | None:
    """The field an academic title names ("Lecturer in Geophysics": " in Geophysics"), not a
    place ("Research Fellow in London")."""
    match = _ACADEMIC_FIELD_AT.search(title)
    field = " ".join(match.group(0).split()[1:]).lower() if match else ""
    return match if match and field not in _PLACES else None


def _clean_role(role: str) -> str | None:
    role, field = role.strip(), ""
    found = _academic_field(role)
    if found and not _ROLE_END.search(role, 0, found.start()):
        role, field = role[: found.start()], found.group(0)  # "Lecturer" + " in Geophysics"
    role = _ROLE_END.split(role, maxsplit=1)[0]
    words = role.strip(" .,;:!").split()
    while words and words[-1].lower() in _ROLE_CUE_WORDS:
        words.pop()
    while words and words[0].lower() in _ROLE_DETERMINERS:
        words.pop(0)
    if any(word[0].isupper() for word in words):
        while words and words[0][0].islower():  # "newly created Analytics Engineer"
            words.pop(0)
    # a subject's word for the mail before the title: "Interview Senior Platform Engineer"
    # (not "Interview Coordinator": a title of one word is left whole)
    while (
        len(words) > 2
        and words[0].lower() in _SUBJECT_LEADS
        and words[1].lower() not in _INTERVIEW_TEAM_WORDS  # "Interview Scheduling Coordinator"
    ):
        words.pop(0)
    if not words or len(words) > 6:
        return None
    last = words[-1].lower()
    if last in _NAMED_ONLY and len(words) < 2:
        return None  # "week 2 of the Programme": a scheme is named
    if field:
        return " ".join(words) + " " + " ".join(field.split())  # (its head is a title's)
    if last.rstrip("s") not in ROLE_TITLE_HEADS and last not in ROLE_TITLE_HEADS:
        return None
    return " ".join(words)


def _with_qualifier(role: str, source: str, end: int) -> str:
    """ "Data Analyst" + "(Risk)" or ", Network Planning" said right after it."""
    match = _ROLE_QUALIFIER.match(source, end)
    if match and match.group("paren"):
        return f"{role} ({match.group('paren').strip()})"
    comma = match.group("comma") if match else None
    if comma and not _looks_like_place(comma) and not _looks_like_company(comma):
        return f"{role}, {comma.strip()}"
    return role


def _looks_like_place(text: str) -> bool:
    return text.lower() in {"london", "uk", "remote", "us", "usa", "berlin", "new york", "eu"}


def _looks_like_company(text: str) -> bool:
    return text.split()[-1].lower().strip(".") in _COMPANY_WORDS


def find_role(subject: str, text: str) -> str | None:
    """The job title a message is about ("Senior Data Analyst"), or None.

    A qualifier said with it is kept: "Data Analyst (Risk)", "Data Analyst, Network
    Planning"; an id in brackets is not ("Data Analyst (2XT9)" -> "Data Analyst").
    """
    for match in _ROLE_LABELLED.finditer(text):
        value = re.split(r"\s+[|–-]\s+|\s*\(", match.group("role").strip())[0].strip(" .")
        if 1 <= len(value.split()) <= 8:
            return value
    for part in re.split(r"\s+[-–|:@]\s+|:\s+|\s+at\s+", subject[:300]):
        title = re.split(r"\s*[(,]", part, maxsplit=1)[0].strip()
        words = title.split()
        while words and words[-1].lower() in _ROLE_CUE_WORDS:  # "Analytics Engineer role"
            words.pop()
        field = _academic_field(title) is not None  # "Lecturer in Geophysics"
        if words and all(
            w[0].isupper() or w in _TITLE_CONNECTORS or (field and w == "in") for w in words
        ):
            role = _clean_role(title)
            if role:
                return _with_qualifier(role, part, len(title))
    for source in (subject, text):
        cased = source != source.lower()  # lower-case titles only in all-lower-case text
        for pattern in _ROLE_PATTERNS:
            for region in _regions(pattern, source):
                for match in pattern.finditer(region):
                    role = _clean_role(match.group("role"))
                    if role and (role != role.lower() or not cased):
                        return _with_qualifier(role, region, match.end("role"))
    return None


# A portal's subject field that is the vacancy's reference: "Department for Education -
# 378211 - Policy Adviser", "Application received - Data Officer - C9211-26-0457" (a field
# of its own, with three digits in a row; not a date, "2026-12-01", nor a salary)
_SUBJECT_REFERENCE_FIELD = re.compile(
    r"(?:^|[ \t][-–|][ \t])(?P<id>(?=[A-Z0-9/-]*\d{3})[A-Z]{0,5}[/-]?\d[A-Z0-9/-]{3,}[A-Z0-9])"
    r"(?=[ \t][-–|][ \t]|[ \t]*$)"
)
_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")


def find_requisition_id(subject: str, text: str) -> str | None:
    """A job or requisition id ("Req ID 12345", "Job ID: R-00123", "(JR12345)", a portal's
    subject field "... - 378211 - Policy Adviser"), or None."""
    for source in (subject, text):
        # "(JR12345)" needs no trigger word; everything else does
        match = _REQUISITION.search(source) if "(" in source else _search(_REQUISITION, source)
        if match:
            return match.group("id") or match.group("paren")
    for match in _SUBJECT_REFERENCE_FIELD.finditer(subject[:300]):
        if not _DATE_LIKE.fullmatch(match.group("id")):
            return match.group("id")
    return None


# Words of a mailbox's name, not a person's: "Quarry Careers <quarry.careers@...>"
_TEAM_WORDS = frozenset(
    {"careers", "jobs", "recruiting", "recruitment", "talent", "team", "hr", "hiring",
     "people", "notifications", "noreply", "applications", "acquisition"}
)  # fmt: skip


def _named_person(sender: Address | None) -> bool:
    """An address that is its sender's name: "Jane Doe <jane.doe@workday.com>", first and
    last name in both."""
    if sender is None or not sender.name:
        return False
    parts = [p for p in re.split(r"[._-]", sender.email.partition("@")[0].lower()) if p]
    words = sender.name.lower().split()
    return (
        _TEAM_WORDS.isdisjoint(words)
        and len(parts) >= 2
        and all(p.isalpha() for p in parts)
        and 2 <= len(words) <= 3
        and [words[0], words[-1]] == [parts[0], parts[-1]]
    )


def find_sender_role(
    sender: Address | None, signature: str, text: str, *, agency: bool
) -> SenderRole:
    """Automated system, agency recruiter, in-house recruiter/HR, hiring manager or unknown.

    An address on an ATS relay domain is the system, whoever signs the mail: "Globex Talent
    Acquisition <globex@myworkday.com>" sends for every Globex requisition. The vendor's own
    staff write from the same domains, under their names: "Jane Doe <jane.doe@workday.com>"
    is a person."""
    local, _, domain = (sender.email if sender else "").partition("@")
    if local and AUTOMATED_LOCAL_PART.match(local):
        return SenderRole.AUTOMATED
    if domain and is_ats_domain(domain) and not _named_person(sender):
        return SenderRole.AUTOMATED
    if agency:
        return SenderRole.AGENCY_RECRUITER
    own_words = f"{sender.name if sender else ''}\n{signature}"
    if INHOUSE_CUES.search(own_words) or _search(_FIRST_PERSON_INHOUSE, text):
        return SenderRole.INHOUSE_RECRUITER
    if HIRING_MANAGER_CUES.search(own_words) or _search(_HIRING_MANAGER_TEXT, text):
        return SenderRole.HIRING_MANAGER
    return SenderRole.UNKNOWN


def _without_company(role: str | None, names: tuple[str | None, ...]) -> str | None:
    """ "Senior Data Analyst, Larkspur Software" -> "Senior Data Analyst"."""
    if role is None:
        return None
    for name in names:
        if name:
            for tail in (f", {name}", f" ({name})"):
                if role.lower().endswith(tail.lower()):
                    return role[: -len(tail)]
    return role


# What a scheduling or assessment tool writes for the company it sends for: "Lumen Pay has
# invited you to complete a coding assessment", "Brightwave Health invites you to take a
# test" (a subject's or a sentence's start; "Elena Rossi from Lumen Pay has invited you" is
# Lumen Pay's), "HackerRank on behalf of Brightwave Health"
_INVITED_BY = re.compile(
    rf"(?:^|(?<=[.!?:]\s))(?P<company>{_NAME})(?:[ \t]+(?:from|at)[ \t]+(?P<employer>{_NAME}))?"
    r"[ \t]+(?:has[ \t]+invited|invites|is[ \t]+inviting)[ \t]+you\b",
    re.MULTILINE,
)
_ON_BEHALF = re.compile(rf"(?i:\bon[ \t]+behalf[ \t]+of[ \t]+)(?P<company>{_NAME})")
# What a screening vendor writes of the employer it screens the user for: "Brightway Market
# has asked Sterling to complete a background check", "Action required: Brightway Market has
# requested a background check" (a subject's or a sentence's start)
_ASKED_TO_SCREEN = re.compile(
    rf"(?:^|(?<=[.!?:]\s))(?P<company>{_NAME})[ \t]+(?:has|have)[ \t]+(?:asked|requested"
    r"|ordered|initiated)\b",
    re.MULTILINE,
)
# ... and of the check it runs: "your background check for Brightway Market", "your drug
# screen appointment for Lakeshore Distribution", "your right to work check with Harbour Foods"
_CHECK_FOR = re.compile(
    r"(?i:\byour[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:background[ \t]+(?:check|screening|screen)"
    r"|drug[ \t]+(?:screen|test)(?:ing)?|(?:pre-?)?employment[ \t]+(?:check|screening"
    r"|verification)|right[ \t-]+to[ \t-]+work[ \t]+check|I-9(?:[ \t]+verification)?"
    r"|(?:criminal[ \t]+)?record[ \t]+check)s?(?:[ \t]+(?:appointment|order|report|request"
    r"|results?))?[ \t]+(?:for|with)[ \t]+(?:the[ \t]+)?)"
    rf"(?P<company>{_NAME})"
)
# A tenancy's screening, everyday life, as a vendor may run for a landlord: "your tenant
# screening for Parkview Apartments", a rental application, a lease
_TENANCY = re.compile(
    r"\b(?:tenan(?:t|ts|cy)|rental|renters?|landlords?|lease|leasing|lettings?|apartments?"
    r"|move-?in)\b",
    re.IGNORECASE,
)
# A subject that starts with the employer, then the step: "Kingsbury Capital: Video Interview
# Invitation", "Saltmarsh Shipping - Confirmation of application received", "Everleigh
# Publishing: application outcome" (not "Reminder: Interview tomorrow": _SUBJECT_LABELS)
_SUBJECT_EMPLOYER = re.compile(
    rf"^(?P<company>{_NAME})[ \t]*(?::|[ \t][-–|])[ \t]+(?=(?i:(?:your[ \t]+|an?[ \t]+)?"
    r"(?:application|online[ \t]+(?:tests?|assessments?)|assessment|video[ \t]+interview"
    r"|interview|next[ \t]+steps|confirmation[ \t]+of|update[ \t]+on|action[ \t]+required"
    r"|outcome|offer)\b))"
)
# A portal's subject that starts with the employer, then the vacancy's number: Civil Service
# Jobs' "Department for Education - 378211 - Policy Adviser - Sift outcome"
_SUBJECT_REFERENCE = re.compile(
    rf"^(?P<company>{_NAME}|{_PUBLIC_BODY})[ \t]+[-–|][ \t]+\d{{4,8}}[ \t]+[-–|][ \t]"
)
_SUBJECT_LABELS = frozenset(
    {"reminder", "invitation", "urgent", "important", "action", "update", "updated", "new",
     "final", "confirmed", "confirmation", "cancelled", "canceled", "rescheduled", "fyi",
     "automatic", "ref"}
)  # fmt: skip


def _relay_company(subject: str, text: str, display: str, people: list[list[str]]) -> str | None:
    """The company a relay's mail says it sends for (_INVITED_BY in its subject, then in its
    text; _ON_BEHALF; _SUBJECT_EMPLOYER; _SUBJECT_REFERENCE), never the relay itself
    (clean_company refuses its name) nor a person the display name names ("Maya Chen
    <no-reply@greenhouse.io>": "Maya Chen has invited you" is hers), nor one of `people`
    it writes for ("on behalf of Priya", as _named_person_words reads them). A display name
    that the mail says it sends for ("Sent via Greenhouse on behalf of Kingsbury Capital",
    from "Kingsbury Capital") is the company's, unless it may be a person's (_person_like)
    and the subject does not name it."""
    person = {word.lower() for word in display.split()}
    sources = (
        (_INVITED_BY, subject), (_INVITED_BY, text), (_ON_BEHALF, text),
        (_SUBJECT_EMPLOYER, subject), (_SUBJECT_REFERENCE, subject),
    )  # fmt: skip
    for pattern, source in sources:
        for match in pattern.finditer(source):
            found = match.groupdict().get("employer") or match.group("company")
            name = clean_company(found)
            if not name or (
                pattern in (_SUBJECT_EMPLOYER, _SUBJECT_REFERENCE)
                and name.split()[0].lower() in _SUBJECT_LABELS
            ):
                continue
            if pattern is _ON_BEHALF and _names_a_person(name, people):
                continue
            if not {word.lower() for word in name.split()} <= person:
                return name
            if pattern is not _INVITED_BY and not (_person_like(name) and name not in subject):
                return name
    return None


# A screening vendor's own name, in its display name or its domain: "Verisafe Screening",
# verisafe-screening.com, "Pennine Vetting", "ClearCheck Background Checks", "Acme Checks"
# An employer's own hiring words, which a vendor's mail about its check has not: a firm whose
# trade is screening or vetting hires too ("Thanks for applying to Screening Eagle. We'd like
# to interview you", "We're delighted to offer you the role")
_OWN_HIRING = re.compile(
    r"(?i:\b(?:offer\s+you|interview\s+you|thanks?\s+(?:you\s+)?for\s+applying|we\s*(?:['’]re|\s+are)"
    r"\s+hiring|your\s+application\s+for|(?:i['’]m|i\s+am)\s+the\s+hiring\s+manager))"
)
_SCREENING_NAME = re.compile(
    r"screening|vetting|background[ \t._-]*checks?|checks\b",
    re.IGNORECASE,
)
# The words of the check a vendor runs for an employer, in its mail: "a background check",
# "pre-employment screening", "your vetting", "a right to work check", "a DBS check"
_SCREENING_WORDS = re.compile(
    r"\b(?:(?:background|pre-?employment|employment|criminal[ \t]+record|right[ \t-]+to[ \t-]+work"
    r"|DBS|credit|identity|reference)[ \t]+(?:checks?|screening|vetting|verification)"
    r"|(?:security[ \t]+)?vetting|BS[ \t]?7858)\b",
    re.IGNORECASE,
)


def is_screening_vendor(sender: Address | None, text: str) -> bool:
    """Whether `sender` is a screening vendor: a domain of SCREENING_DOMAINS, or one whose
    display name or domain calls it so (_SCREENING_NAME: "Verisafe Screening
    <noreply@verisafe-screening.com>"; not "Tom Checks" at a free-mail address) and whose
    mail (`text`: subject and body) speaks of the check it runs (_SCREENING_WORDS: "to carry
    out a background check") and not of its own hiring (_OWN_HIRING: a screening firm's
    "We'd like to interview you"). A tenancy's check is a vendor's too (about_tenancy tells
    it apart)."""
    if sender is None:
        return False
    domain = sender.email.rpartition("@")[2].lower()
    if domain and is_screening_domain(domain):
        return True
    if is_free_mail_domain(domain):
        return False  # (a person called Checks, writing from Gmail)
    named = _SCREENING_NAME.search(sender.name or "") or (
        domain and _SCREENING_NAME.search(_first_label(domain))
    )
    return (
        bool(named)
        and _SCREENING_WORDS.search(text) is not None
        and _OWN_HIRING.search(text) is None
    )


def about_tenancy(text: str) -> bool:
    """Whether a screening vendor's mail (`text`) is about a tenancy ("your tenant screening
    for Parkview Apartments": _TENANCY), everyday life, not the user's hiring."""
    return _TENANCY.search(text) is not None


def _screened_for(
    subject: str, text: str, vendor: tuple[str, ...], people: list[list[str]]
) -> str | None:
    """The employer a screening vendor's mail says it screens the user for: "Brightway
    Market has asked Sterling to ..." (_ASKED_TO_SCREEN, in its subject, then in its text),
    "your background check for Brightway Market" (_CHECK_FOR), "on behalf of Brightway
    Market" (_ON_BEHALF, not one of `people`); never the vendor itself (`vendor`: its
    display name and domain label), and none for a tenancy's check (_TENANCY)."""
    if _TENANCY.search(f"{subject}\n{text}"):
        return None
    sources = (
        (_ASKED_TO_SCREEN, subject), (_ASKED_TO_SCREEN, text), (_CHECK_FOR, subject),
        (_CHECK_FOR, text), (_ON_BEHALF, text),
    )  # fmt: skip
    for pattern, source in sources:
        for match in pattern.finditer(source):
            name = clean_company(match.group("company"))
            if not name or any(_same_company(name, own) for own in vendor if own):
                continue
            if pattern is _ON_BEHALF and _names_a_person(name, people):
                continue
            return name
    return None


# A test vendor's display name for the employer it tests for: "Ardent Nuclear Assessments",
# "Acme Online Tests", "Acme Video Interview"
_VENDOR_DISPLAY = re.compile(
    rf"^(?P<company>{_NAME}?)\s+(?i:(?:online\s+)?(?:assessments?|tests?|testing)"
    r"|video\s+interviews?)\s*$"
)


def _relay_display_company(sender: Address | None) -> str | None:
    """The company a relay's display name is, when its address confirms it: a test vendor's
    "<Employer> Assessments" (_VENDOR_DISPLAY), or a name that the ATS tenant id spells, in
    full or cut short ("Lyndale Building Society <lyndalebuildin@myworkday.com>", "Kestrel
    Systems <kestrel@myworkday.com>"): the tenant id itself is no name to show."""
    name = relay_sender_name(sender)
    if sender is None or not name:
        return None
    local, _, domain = sender.email.partition("@")
    vendor = _VENDOR_DISPLAY.match(" ".join(sender.name.split()))
    if vendor and is_task_tool_domain(domain):
        return clean_company(vendor.group("company"))
    tenant = _alnum(_tenant_label(domain, local) or "")
    return name if len(tenant) >= 4 and _alnum(name.lower()).startswith(tenant) else None


# A job board's card for the post, in its apply receipt and in the employer's messages it
# relays: the title, then the employer and a US place ("Seasonal Sales Associate" over
# "Brightway Market - Chicago, IL 60614"), or all three on one line ("Server - Fire & Oak
# Kitchen - Chicago, IL"). The employer's field holds no " - " (a title may: "Stock
# Associate - Overnight - Marlowe's - Chicago, IL").
_US_PLACE = (
    r"[A-Z][A-Za-z.'’-]*(?:[ \t][A-Za-z][A-Za-z.'’-]*){0,3},[ \t]+"
    r"(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI"
    r"|S[CD]|T[NX]|UT|V[AT]|W[AIVY])(?:[ \t]+\d{5}(?:-\d{4})?)?"
)
_CARD_EMPLOYER = r"(?P<company>[A-Z0-9](?:(?![ \t][-–][ \t])[^\n]){0,59}?)"
_JOB_CARD = re.compile(
    rf"^[ \t]*(?=\S)(?:(?P<title>[^\n]{{2,80}}?)[ \t]+[-–][ \t]+|(?P<above>[^\n]{{2,80}})\n[ \t]*)"
    rf"{_CARD_EMPLOYER}[ \t]+[-–][ \t]+{_US_PLACE}[ \t]*$",
    re.MULTILINE,
)
# A job board's receipt: "Your application has been sent to Brightway Market", "The
# following items were sent to Brightway Market"
_SENT_TO = re.compile(
    rf"(?i:\b(?:application|items)[ \t]+(?:has|have|was|were)[ \t]+(?:been[ \t]+)?sent[ \t]+"
    rf"to[ \t]+(?:the[ \t]+)?)(?P<company>{_NAME})"
)


def _job_card(text: str, named: str) -> tuple[str, str | None] | None:
    """The employer and the title of the one job-board card (_JOB_CARD) a relayed mail
    holds, when the mail names that employer again outside it (`named`: its display name
    and subject; "Your application has been sent to Brightway Market", "Renee from
    Brightway Market sent you a message"). None for none, for a job alert's list of many
    employers' posts, and for an alert's card whose employer nothing else names."""
    cards: dict[str, str | None] = {}
    for match in _JOB_CARD.finditer(text):
        company = clean_company(match.group("company"))
        if not company or _looks_like_place(company):
            continue
        rest = f"{named}\n{text[: match.start('company')]}\n{text[match.end('company') :]}"
        if not re.search(rf"(?<!\w){re.escape(company)}(?!\w)", rest, re.IGNORECASE):
            continue
        title = (match.group("title") or match.group("above") or "").strip()
        fits = (
            title[:1].isupper()
            and len(title.split()) <= 8
            and not re.search(r"[.!?:;]$|@|https?:", title)
            and not _JOB_CARD.match(title)
        )
        cards.setdefault(company, title if fits else None)
    return next(iter(cards.items())) if len(cards) == 1 else None


# Where a portal's text names the employer it sends for: after a preposition ("with
# Northmoor Community Healthcare NHS Trust", "at the University of Eastmere"), or first on
# a line ("University of Eastmere has made you an offer", a sign-off's "Recruitment Team /
# Northmoor ... Trust"); not in a job alert's list ("Education Facilitator - Band 5 -
# Severnside NHS Trust - closes ...")
_BODY_NAMED_AT = re.compile(r"(?:^|\b(?:with|at|to|for|from|in|by)[ \t]+(?:the[ \t]+)?)$", re.I)


def _public_body_named(text: str) -> str | None:
    """The first public body (_PUBLIC_BODY) a portal's text names as the employer
    (_BODY_NAMED_AT)."""
    for match in re.finditer(_PUBLIC_BODY, text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[max(line_start, match.start() - 12) : match.start()]
        if _BODY_NAMED_AT.search(before) and (name := clean_company(match.group())):
            return name
    return None


def _portal_employer(subject: str, text: str, own: tuple[str | None, ...]) -> str | None:
    """The employer a shared application portal sends for: the portal says it sends "on
    behalf of" them in a sentence that names the portal ("GradPortal sends application
    updates on behalf of Ardent Nuclear"), and the subject names them too ("Ardent Nuclear:
    Your application"). Never the sender's own company (`own`)."""
    names = [name for name in own if name]
    for match in _ON_BEHALF.finditer(text):
        employer = clean_company(match.group("company"))
        if not employer or employer not in subject:
            continue
        if any(_same_company(employer, name) for name in names):
            return None
        start = max(text.rfind(mark, 0, match.start()) for mark in ".!?\n") + 1
        before = text[start : match.start()].lower()
        if any(re.search(rf"\b{re.escape(name.lower())}\b", before) for name in names):
            return employer
    return None


_MEMBER_RELAY = re.compile(r"\s+via\s+linkedin\s*$", re.IGNORECASE)
# XING's message relay names the member and their headline in its first line: "Felix Braun
# (Engineering Manager, Mobilitas GmbH) hat Ihnen eine Nachricht geschickt:"
_XING_MESSAGE = re.compile(
    r"^[^()\n]{2,60}?\s*\((?:[^,()\n]{1,80},\s*)?"
    rf"(?P<company>{_NAME}(?:,?\s+{_COMPANY_SUFFIX})?)\)\s+"
    r"(?i:hat\s+Ihnen\s+eine\s+Nachricht|has\s+sent\s+you\s+a\s+message)",
    re.MULTILINE,
)
_HEADLINE = re.compile(rf"^[^@\n]{{2,80}}?\s+(?:at|@)\s+(?P<company>{_NAME})\s*$")


def without_person(role: str, name: str) -> str | None:
    """The role with a person's name taken out: ("Alex Morgan / Data Engineer", "Alex
    Morgan") -> "Data Engineer"; None when nothing else is left."""
    words = name.split()
    if not words:
        return role
    pattern = r"\(?\b" + r"\s+".join(re.escape(word) for word in words) + r"\b\)?"
    parts = re.split(pattern, role, flags=re.IGNORECASE)
    if len(parts) == 1:
        return role
    kept = " / ".join(p for part in parts if (p := part.strip(" \t/|:,;–—-")))
    return kept or None


# A company's name that is a title's word ("Senior plc", "Principal"), which a role of its
# own begins with
_TITLE_WORDS_OF_A_NAME = ROLE_TITLE_HEADS | {"senior", "junior", "lead", "staff", "chief"}


def without_company(role: str, company: str | None) -> str | None:
    """The role with the company's name taken off its start: ("Bellbrook Brewing Actuarial
    Graduate Scheme", "Bellbrook Brewing") -> "Actuarial Graduate Scheme", as a subject
    "Bellbrook Brewing Actuarial Graduate Scheme: next steps" names both; the role as it
    is when nothing would be left but a title head, or the company is not at its start, or
    is a title's word ("Senior"); None when the role is the company's name alone."""
    if not company or all(w.lower() in _TITLE_WORDS_OF_A_NAME for w in company.split()):
        return role  # ("Senior plc": "Senior Design Engineer" is a title of its own)
    words, named = role.split(), company.split()
    if len(words) < len(named) or [w.lower() for w in words[: len(named)]] != [
        w.lower() for w in named
    ]:
        return role
    rest = words[len(named) :]
    if not rest:
        return None  # the company's name alone ("Millbank Civil Service Partners: Video ...")
    return " ".join(rest) if len(rest) >= 2 else role


# A recruiter's words for themselves or their firm, in their name or signature
_RECRUITER_WORDS = re.compile(
    r"\b(?:recruit(?:er|ers|ment|ing)|talent|consultant|search|headhunt(?:er|ing)|staffing"
    r"|resourcing)\b",
    re.IGNORECASE,
)


# An in-house recruiter's title, which an agency's recruiters do not give themselves
_INHOUSE_TITLE = re.compile(
    r"\b(?:talent\s+acquisition|people\s+(?:team|partner|operations|ops)|human\s+resources"
    r"|HR|head\s+of\s+(?:talent|people|hr)|careers\s+team|hiring\s+team)\b",
    re.IGNORECASE,
)


def _same_company(a: str, b: str) -> bool:
    """Names that may be one company's: one inside the other ("Acme" and "Acme Labs",
    "Pellow & Co" and "Pellowandco"), or the same first word ("Brightwater Group" and
    "Brightwater Analytics"; "Blue Harbour" and "Blue Sky" are not)."""
    keys = [_alnum(name.lower().replace("&", "and")) for name in (a, b)]
    firsts = {_alnum(name.split()[0].lower()) if name.split() else "" for name in (a, b)}
    if not all(keys):
        return False
    return keys[0] in keys[1] or keys[1] in keys[0] or (len(firsts) == 1 and len(*firsts) >= 5)


# A company a role works with, named as the employer's client: "a role with Barclays as your
# main account"
_ACCOUNT_AFTER = re.compile(
    r"(?i:[ \t]+as[ \t]+(?:your|our|the|a|its|their)[ \t]+(?:[\w-]+[ \t]+)?(?:account|client"
    r"|customer|partner)s?\b)"
)


def _pitched_client(text: str) -> str | None:
    """The client of the first role pitched at one (_PITCHED_AT) that is not the user's own
    past or current work (_YOUR_WORK)."""
    for region in _regions(_PITCHED_AT, text):
        for match in _PITCHED_AT.finditer(region):
            if _YOUR_WORK.search(region, max(0, match.start() - 80), match.start()):
                continue
            if _KIND_AFTER.match(region, match.end("company")):
                continue  # "a role with Series B fintechs"
            if _ACCOUNT_AFTER.match(region, match.end("company")):
                continue  # "a client-facing role with Barclays as your main account"
            if name := clean_company(match.group("company")):
                return name
    return None


# Where a mail names a person: a meeting's subject ("Call with Rupert Kane - Thursday",
# "Coffee with Anna Price"), an assistant's signature ("PA to Rupert Kane")
_PERSON_NAMED = (
    re.compile(
        r"(?i:\b(?:call|meeting|coffee|lunch|breakfast|dinner|drinks|chat|catch-up|catch\s+up"
        r"|conversation|video\s+call|phone\s+call)\s+with\s+)(?P<person>[A-Z][a-z'’-]+[ \t]+"
        r"[A-Z][a-z'’-]+)\b"
    ),
    re.compile(
        r"(?i:\b(?:PA|EA|assistant|executive\s+assistant|secretary)\s+to\s+)"
        r"(?P<person>[A-Z][a-z'’-]+[ \t]+[A-Z][a-z'’-]+)\b"
    ),
)


# A person named with their title after them: "Priya Shah, Partner", "Tom Hale | Managing
# Director"
_TITLED_PERSON = re.compile(
    r"(?P<person>[A-Z][a-z'’-]+[ \t]+[A-Z][a-z'’-]+)[ \t]*[,|–-][ \t]*"
    r"(?i:(?:senior|managing|associate|executive|principal|search)[ \t]+)?"
    r"(?i:partner|director|consultant|manager|head|founder|chair|recruiter)\b"
)
# A person's title before their name: "on behalf of Dr Haddad", "... of Prof. Lee"
_PERSONAL_TITLE = re.compile(r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Sir|Dame)\.?[ \t]+[A-Z]")
# An assistant's title, in a display name or a signature: "Executive Assistant, Larkspur
# Search", "PA to Rupert Kane", "Secretary to the Partners" (not a US address's "PA 19103")
_ASSISTANT = re.compile(
    r"\b(?i:(?:executive|personal|team|office|administrative)[ \t]+assistant"
    r"|(?:assistant|secretary)[ \t]+to|diary[ \t]+(?:manager|coordinator))\b"
    r"|\b(?:PA|EA)[ \t]+(?i:to)\b"
)
# "he" or "she" after a name in its sentence: "On behalf of Hugo, could he call you?"
_HE_OR_SHE = re.compile(r"(?i:\b(?:he|she|him|his|her)\b)")


def _named_person_words(
    subject: str, signature: str, text: str = "", display: str = ""
) -> list[list[str]]:
    """The people a meeting's subject or an assistant's signature names (_PERSON_NAMED), or
    the text or signature with a title after them (_TITLED_PERSON: "Priya Shah, Partner"),
    and the people the text writes "on behalf of" (_behalf_of_person), each as its
    lower-cased words."""
    people = [
        match.group("person").lower().split()
        for pattern in (*_PERSON_NAMED, _TITLED_PERSON)
        for source in (subject, signature, text if pattern is _TITLED_PERSON else "")
        for match in pattern.finditer(source)
        if _person_like(match.group("person"))
    ]
    # an assistant whose title names no one they work for ("Executive Assistant, Larkspur
    # Search"; not "PA to Rupert Kane": then Rupert is the one)
    assistant = _ASSISTANT.search(f"{display}\n{signature}") is not None and not any(
        _PERSON_NAMED[1].search(source) for source in (display, signature)
    )
    people += [
        match.group("company").replace(".", "").lower().split()
        for match in _ON_BEHALF.finditer(text)
        if _behalf_of_person(text, match, people, assistant=assistant)
    ]
    return people


def _behalf_of_person(
    text: str, match: re.Match[str], people: list[list[str]], *, assistant: bool
) -> bool:
    """Whether the name the text writes "on behalf of" (`match`, of _ON_BEHALF) is a
    person's, as the mail shows: with a title ("Dr Haddad"), or a name a person may have
    (_person_like) that the mail names as a person (one of `people`: "Priya" of "Priya
    Shah, Partner"), that "he" or "she" stands for after it in its sentence ("On behalf of
    Hugo, could he call you?"), or, a first name alone, that an assistant whose title names
    no one (`assistant`) writes for ("I'm writing on behalf of Priya to arrange ...", from an
    "Executive Assistant"). A client is none: "on behalf of Brantwood Foods", "... of Acme"
    from a consultant or from the "PA to Priya Nair"."""
    name = match.group("company")
    if _PERSONAL_TITLE.match(name):
        return True
    if not _person_like(name):
        return False
    after = re.split(r"[.!?\n]", text[match.end() : match.end() + 200], maxsplit=1)[0]
    return (
        _names_a_person(name, people)
        or _HE_OR_SHE.search(after) is not None
        or (assistant and len(name.split()) == 1)
    )


def _names_a_person(name: str, people: list[list[str]]) -> bool:
    """Whether a name is one of `people` or their first name ("Rupert" of "Rupert Kane"):
    an assistant writes "On behalf of Rupert, could he call you ...", no client."""
    words = name.replace(".", "").lower().split()
    return any(words == person[: len(words)] for person in people)


def find_organisation(
    subject: str, text: str, *, sender: Address | None = None, signature: str = ""
) -> Organisation:
    """Company, agency, role, requisition id and sender role of one message.

    Company, in order: the client an agency names, the employer a shared application portal
    sends for (_portal_employer), the display name ("Jane at Acme", "Acme Careers", "Acme
    GmbH", a public body's "Harrowfield Borough Council - MyHR Recruitment"; not an
    e-signature envelope's, a person's, nor a public-sector portal's "NHS Jobs"; XING's and
    LinkedIn's member relays: the member's headline), a relay's display name that its tenant
    id spells or a test vendor's "Acme Assessments" (_relay_display_company), the employer of
    a job board's card that the mail names again ("Line Cook" over "Harbor Grill -
    Milwaukee, WI", in a receipt "sent to Harbor Grill": _job_card) or that a receipt says
    it was sent to (_SENT_TO), the company a relay or a portal sends for ("Acme has invited
    you to take a test", "on behalf of Acme", "Acme: Video Interview Invitation", "Ofsted -
    379904 - Inspector - ...": _relay_company; "... with Northmoor NHS Trust":
    _public_body_named), the subject ("Your application to Acme"), the signature, the body
    ("the position at Acme Corp", "Training provider: Acme", "Ihre Bewerbung bei der Acme
    GmbH"), an ATS tenant (acme.greenhouse.io), the sender's own domain (a university's or a
    public body's grown into the name its mail spells: hollis.edu and "Hollis University |
    Amherst, MA" -> "Hollis University", _institution_named). Never an ATS relay, a
    sector's shared (nhs.net) or a free-mail domain.
    A staffing agency's recruiter signs as one ("Staffing Specialist | ProStaff Solutions",
    _STAFFING_SIGN), not beside an in-house title nor from a university's or a public body's
    domain; its client is the company of the assignment or openings it names ("Your
    assignment at Lakeshore Distribution", _PITCHED_AT).
    A public-sector sender (a portal, harrowfield.gov.uk, nhs.net) is never read as an
    agency for pitching a role at a company it names. A screening vendor's mail (a
    background check, a drug screen: is_screening_domain) names only the employer it
    screens the user for (_screened_for), never the vendor, nor anyone for a tenancy.
    For an agency recruiter, `agency` is the agency and `company` only the client it reveals
    ("my client Acme", "Client is Acme", "yes it is Acme", "I submitted your profile to Acme",
    "Acme put the project on hold", "a contract with Acme for a ...", or a subject's "Another
    role - Acme - Data Engineer" or "Acme - interview" that the body names too: _subject_client,
    _subject_step_client), never the other client it sets
    this one apart from ("Separate from Globex, ...") nor the user's own ("you finished a
    contract with Globex"), nor a person it writes for ("On behalf of Rupert", from the "PA to
    Rupert Kane"; "on behalf of Priya" from an "Executive Assistant", "Priya Shah, Partner"
    named, "could she call you", "Dr Haddad": _named_person_words), as a relay's is not.
    Role: find_role's, else the title of the job board's card ("Server", a title of a word
    no pattern reads).
    """
    subject, display = subject[:300], (sender.name[:200] if sender else "")
    local, _, domain = (sender.email if sender else "").partition("@")
    head = text[:3000]
    headline_company = None
    if display and _MEMBER_RELAY.search(display) and registered_domain(domain) == "linkedin.com":
        # "Tom Baker via LinkedIn": a member's message relayed, with their headline on top
        # ("Tom Baker / Senior Consultant at Harbour Talent"); the name is a person's
        display = ""
        lines = [line.strip() for line in head.splitlines() if line.strip()][:3]
        headline = [line for line in lines if len(line) <= 120]
        signature = "\n".join([signature, *headline])
        for line in headline:
            if found := _HEADLINE.match(line):
                headline_company = clean_company(found.group("company"))
                break
    elif registered_domain(domain) == "xing.com" and (found := _XING_MESSAGE.search(head)):
        display = ""  # "XING": the relay; the member's company is in their headline
        headline_company = clean_company(found.group("company"))
    if sender is not None and not signature.strip():
        # the parser found no signature: the last short lines may hold one (a line of prose,
        # "I'll share my notes with the hiring manager ...", says nothing of who is writing)
        lines = [line for line in text[-1500:].splitlines() if line.strip()][-8:]
        signature = "\n".join(line for line in lines if len(line.strip()) <= _SIGNATURE_LINE)
    own_words = f"{display}\n{signature}"
    # the people it names, and a person it writes for ("on behalf of Priya"): no client
    people = _named_person_words(subject, signature, head, display)
    if is_screening_vendor(sender, f"{subject}\n{head}"):
        # a screening vendor's: the employer it screens the user for, never the vendor
        company = _screened_for(subject, head, (display, _first_label(domain)), people)
        return Organisation(
            company=company,
            role=_without_company(find_role(subject, head), (company,)),
            requisition_id=find_requisition_id(subject, head),
            sender_role=find_sender_role(sender, signature, head, agency=False),
        )
    agency_words = bool(AGENCY_CUES.search(own_words) or _search(AGENCY_CUES, head))
    agency_domain = bool(domain) and is_agency_domain(domain)
    staffing = (
        _STAFFING_SIGN.search(own_words) is not None
        and not _INHOUSE_TITLE.search(own_words)
        and not (domain and _institution_domain(domain))
    )
    names_client = _NAMED_CLIENT.search(head) is not None
    consultant = _CONSULTANT_TITLE.search(own_words) is not None and not INHOUSE_CUES.search(
        own_words
    )
    display_company = _first(_DISPLAY_PATTERNS, display) if display else headline_company
    if registered_domain(domain) in E_SIGNATURE_DOMAINS:
        display_company = None  # "Jordan Patel via Docusign": who sent the envelope
    # a public-sector portal ("NHS Jobs", "Civil Service Jobs"), or a service writing from
    # a sector's shared domain (no-reply@notifications.service.gov.example), sends for
    # every employer in it, like an ATS relay
    shared = bool(domain) and _first_label(domain) in _SECTOR_LABELS
    portal = bool(domain) and (
        is_portal_name(display) or (shared and AUTOMATED_LOCAL_PART.match(local) is not None)
    )
    if display and is_portal_name(display):
        display_company = None
    is_agency = (
        agency_words
        or agency_domain
        or staffing
        or (
            consultant
            and (names_client or _agency_like_label(domain) or _agency_like(headline_company or ""))
        )
    )
    signature_company = _signature_company(signature, display) if signature else None
    cased = cased_domain_name(domain, (display, signature, subject, head)) if domain else None
    for fuller in (display_company, signature_company):
        if cased and fuller and fuller.lower().startswith(cased.lower() + " "):
            cased = fuller  # "Harbourline" -> "Harbourline Recruitment"
    if cased and _institution_domain(domain):
        # a university's or a public body's name the mail spells: hollis.edu is "Hollis
        # University", as its portal's mail names it
        cased = _institution_named(cased, (display, signature, subject, head)) or cased
    found_role = find_role(subject, head)
    # a recruiter at a firm of their own who pitches a role at another company, named as
    # the one hiring, is an agency's ("Senior Recruiter | Talentwise": "a Pricing Analyst
    # vacancy with Marlow Insurance"); an in-house recruiter names their own company, and
    # one whose title is an in-house one ("Talent Acquisition") at the company their
    # signature names is in-house, whatever company they write of (a parent, a customer)
    in_house = _INHOUSE_TITLE.search(own_words) is not None and any(
        _same_company(name, name_from_domain(domain) or "")
        for name in (signature_company, display_company)
        if name
    )
    if (
        not is_agency
        and not in_house
        and domain
        and not is_ats_domain(domain)
        and not portal
        and not _public_sector_domain(domain)
        and not is_free_mail_domain(domain)
        and (
            _RECRUITER_WORDS.search(own_words)
            or _agency_like_label(domain)
            # a firm whose name says nothing of recruiting: its words do ("Castlefield are
            # recruiting for ..."), or a contract's terms in its subject ("outside IR35")
            or _search(_RECRUITS_FOR_CLIENT, head)
            or _CONTRACT_TERMS.search(subject)
        )
    ):
        hiring = (
            _pitched_client(head)
            or _recruited_for(head)
            or _client_acts(subject)
            or _client_acts(head)
            or _subject_client(subject, head, found_role)
        )
        own = (cased, display_company, signature_company, name_from_domain(domain))
        is_agency = bool(hiring) and not any(_same_company(hiring or "", n) for n in own if n)
    if is_agency:
        agency = (
            cased
            or (name_from_domain(domain) if agency_domain else None)
            or display_company
            or signature_company
            or _first((_AGENCY_SELF,), head)
            or (name_from_domain(domain) if domain else None)
        )
        # not the agency itself, nor the other client it sets this one apart from
        # ("Separate from Harbor & Finch, I've also got a contract with Corvid Insurance")
        others = {name.lower() for name in (agency, _first((_OTHER_CLIENT,), head)) if name}
        clients = (
            _first(_CLIENT_PATTERNS, head),
            _client_word(head),
            _client_said(head),
            _pitched_client(head),
            _recruited_for(head),
            _client_acts(subject),
            _client_acts(head),
            _subject_client(subject, head, found_role),
            _subject_step_client(subject, head),
        )
        company = next(
            (
                name
                for name in clients
                if name and name.lower() not in others and not _names_a_person(name, people)
            ),
            None,
        )
    else:
        agency = None
        relayed = (is_ats_domain(domain) or portal) and not _named_person(sender)
        own_names = (cased, display_company, name_from_domain(domain) if domain else None)
        card = _job_card(head, f"{display}\n{subject}") if relayed else None
        company = (
            (None if relayed else _portal_employer(subject, f"{head}\n{signature}", own_names))
            or display_company
            or (_relay_display_company(sender) if relayed else None)
            or (card[0] if card else None)
            or (_first((_SENT_TO,), head) if relayed else None)
            or cased
            or (
                _relay_company(subject, f"{head}\n{signature}", display, people)
                if relayed
                else None
            )
            or (_public_body_named(f"{head}\n{signature}") if relayed else None)
            or _first(_SUBJECT_PATTERNS, subject, at_after=True)
            or signature_company
            or _first(_BODY_PATTERNS, head, at_after=True)
            or (ats_tenant(domain, local) if domain else None)
            or tenant_from_links(head)
            or (name_from_domain(domain) if domain else None)
        )
        if card and not found_role:
            found_role = card[1]  # "Server": a title of a word no pattern reads
    role = _without_company(found_role, (company, agency))
    return Organisation(
        company=company,
        agency=agency,
        role=role,
        requisition_id=find_requisition_id(subject, head),
        sender_role=find_sender_role(sender, signature, head, agency=is_agency),
    )
