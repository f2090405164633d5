"""Read what a message promises and by when, and who is speaking for which company.

Pure and clock-free: every date is resolved against the message's own Date (the anchor).
Careful regular expressions rather than a spaCy Matcher: the cues are short fixed
phrases, a regex pass costs well under a millisecond per message, and spaCy stays the
business of classify.py alone.

Precision over recall: a false promise is worse than a missed one. A promise needs a speaker
who commits ("we will get back to you", "you'll hear from us", "I'll be in touch with
dates", "a decision will be made", or a "will" with no subject where a sentence or clause
starts: "will chase and revert early next week") and is dropped when negated ("we will not
be able to respond"), conditional on a future opening ("we'll be in touch if a suitable role
comes up"), or restricted ("only shortlisted candidates will be contacted"). A client's date
relayed by an agency ("they will get back to me by Friday", "Northwind will give me their
feedback by Friday", "... will let me have their answer by Friday", "we should hear by
Thursday") is a promise of the process only with its date; "I'd hope to have feedback for
you by Monday", "I'll get feedback to you by Friday", "You'll have feedback by Friday" (theirs
to give: not the user's deadline, as "You'll have to send your feedback by Friday" is), "...
and expect to confirm second stages by Friday" and "I'll give you a call on Monday with
feedback" promise (a call with no news to give is a meeting), and so
does a promise in the present tense with its time, as non-native senders write it ("I come
back to you in the new year", "we come back to you latest Wednesday 23.12.", "I revert to
you by Friday"; not "when I come back to you ..."). With its date, "We now expect to contact
candidates by 8 January", "we aim to let everyone know by ..." (not "we expect candidates to
complete the test by ...") and an agency's "I'll chase them on Friday" promise too; what a
client usually does ("They usually come back within a few days") is read only when the
clause has no other cue. Under a hedge ("I can't promise we'll get back to you by Friday",
"not sure we'll...") its date is not promised: the promise is VAGUE, quoted with the hedge,
and with no date at all it is none. Time words alone ("Friday's all-hands", "by the way")
never make a promise.
"I'll be back to you by Monday" and "we expect to tell you the outcome of the sift w/c 14
December" (its Friday) promise, as does a sentence after an undated promise dating it ("They
should do this within 30 working days."). Their decision's step with its end ("They're hoping
to shortlist by Wednesday 9 December", "We anticipate shortlisting will take place w/c 7
December"; not "from 7 December", "on 6 January", nor "Interviews will take place w/c ...")
and a process on hold taken up again then ("They expect to revisit at the end of January",
"... pick this up again in the new year", "... resume the process in mid-January", "...
and will revisit in early February") or on hold until then ("The role is on hold until the
end of January"; not "I'm away until ...", nor a membership "frozen until") promise by
then. Silence they say means no ("If you have not heard from us within 4 weeks of the
closing date, please assume ... not been successful") is their promise by that date, first
among the mail's dated promises: it is the date they hold themselves to for everyone.

The user's deadline: a date they ask for something by, an offer or a test that expires or
closes ("the coding task closes at noon on Friday"; not a password, nor a job ad's
"applications close on ..."), a request "before then" after a day ("The link expires at
23:59 on Tuesday, so please complete it before then"), a span the request's verb governs
("Please complete it within 7 days of receiving this email"; not "Please note we reply
within 5 days"), or their wish relayed ("They'd like an answer by Wednesday 16 December"). A
polite ask is a request ("We'd be grateful if you could let us know your decision by ...",
"It would help if I could have your decision by ...": the user's decision, not theirs; "your
decision by Friday" is never theirs), and so is "I would need your answer until Wednesday
9.12." More time they grant, asked for or not ("I'm happy to extend your deadline to
01/29/2027", "we can give you until Friday", "you can have until ..."), is a deadline marked
`granted`, as track.py reads "extend" (not a job's closing date moved, nor "the offer will
remain open until": its first time).
A test's link that expires ("Your link will expire on 17/11/2026") is the deadline
when the mail asks the user to do a test or task and books nothing by it. Their question
offering a time for a meeting, for the user to take or pick ("Would Monday, 14th at 10:00
work for you?", "How's Mon 14 Dec 4pm?", "Can you do Thursday 7.1. at 10:00 or Friday 8
January at 13:30?", "Possible dates are ... . Please let me know which date suits you.") is
the user's turn when the mail sets no other deadline: due the next business day.
So are "Applications ... should reach me by Friday 18 December" (not "the closing date is
...": a job's), "I'd be grateful for your answer by Friday 15 January" and "An answer by
Friday would be appreciated" (not "... from the client"). A mail to the user's referee ("...
has given your name as a referee", "The candidate is copied into this email for
information") sets the user no deadline: its "you" is the referee.

A promise's time is the first after its cue, else the nearest before it ("I'm off until Monday
but will get back to you then"; "I'm on leave in week 48, so we will get back to you after
that" is the first business day after it, Monday 30 November, as "after the holidays" is; "...
the week after" the Friday of the week after it), or the later one joined to it by "or" ("in KW
52 or latest after the holidays"); a calendar date joined to it narrows it ("after the
Thanksgiving break, likely by Wednesday 12/2" is 2 December). A day governed by a meeting word
("the time of your interview on Tuesday") gives way to another date ("by end of day today"). A
span counted from an event ("within a week of the interview", "... of the closing date") ends
that long after the event's day when the message names it, else it is VAGUE: a wrong date is
worse than none. "the week after" a day named before the cue is the Friday of the week after
that day. "We'll confirm the interview for Tuesday" is the interview on Tuesday, not a reply
owed by then. A meeting called off is the user's: "the CEO's meeting was cancelled so she can
join your interview on Thursday" calls nothing off, nor does a private appointment ("I had to
cancel my dentist appointment, so Thursday works"), nor another candidate's ("the interview
with the other candidate has been cancelled"); "Thursday's call with the CTO has to be
cancelled" calls off Thursday, and "your interview will need to be rescheduled" the next
meeting (not under a hedge, "may need to", "will probably need to", "it's possible ...", nor a
condition after it, "... only if the panel is unavailable"; nor a move of form or place alone,
"moved to Teams", "... to Zoom, still at 14:00 on Thursday"). A scheduling tool's slot on lines
of its own ("Wednesday, December 9, 2026" / "9:00 AM - 12:30 PM (Pacific Time)", "When: ...",
"New time: ...") under a sentence naming the meeting ("... has scheduled your Virtual Onsite.",
"Your final round is confirmed:"; not one that offers a choice, asks, looks back or calls it
off, nor an optional event's or a closure's: "you're welcome to join our optional Q&A
session:") is that meeting when the mail gives no other slot, or each slot's line is numbered
("Round 1: ...", "Round 2: ..."); the one labelled "Previous time:" or "Former:" is off
(MEETING_OFF of its day, not the next meeting), unless its line says it stays ("(unchanged)")
or the mail adds a slot ("Additional interview: ..."), each labelled line a meeting of its own.
An Outlook request is its meeting with no such sentence: a mail with a calendar part, or one
opening with "When:" under its title ("When: Wednesday, 16 December 2026 08:00-09:30
(UTC+00:00) Dublin, Edinburgh, Lisbon, London." / "Where: The Reform Club"; not "Canceled:
..."). A slot the user has booked is no choice ("You have booked the following interview
slot:", "You have booked an interview slot on ...", "Thank you for booking your interview" /
"Date: ..." / "Time: ..."; "book your interview slot by Friday" stays their deadline), and a
pre-employment check's appointment is no meeting ("You have booked a DBS appointment on ...").
In a mail that invites the user to interview, "Interviews will be held on Wednesday 16
December" is their interview that day, its time not known (not "on 16 and 17 December", nor
after "If shortlisted, you will be invited to interview"). A meeting's day said with no time
takes the start the next sentence gives, if it names no day of its own ("... to interview on
Thursday 21 January. The day will begin at 9am with a tour"). The user's yes may be their
PA's, in the third person ("Eleanor confirms Thursday 10 December at 5.30pm", "Eleanor will
come to Berkeley Square on Friday 18 December at 11.00am", "... would be pleased to meet
Charlotte on ...", as "I would be delighted to attend on Thursday 21 January" is; not "... if
that suits"), and a reply picking one of the times a mail offers is that meeting whoever
writes it ("Eleanor would prefer Wednesday 16 December at 8.00am", "... will take Thursday 7
January at 10.00am" to "... on Tuesday 15 December or Wednesday 16 December at 8.00am. Could
you let me know which you prefer?", which asks the user's pick); days offered with a place
between them are a choice ("Thursday at 10.00am at our head office, or Friday at 2.00pm").
An optional event ("our optional candidate Q&A session on Wednesday at 5pm") is no meeting, nor
is a day the office is closed ("our office is closed on Thursday, December 24 ..."), nor a
meeting's day joined by "or" to another ("we can have a quick call today or tomorrow": a
choice). A day and time agreed opening a sentence is a meeting with no meeting word
("confirmed: Monday, 04.01.2027, 15:00-15:45 CET with ...", "perfect, Thursday 07.01.2027 at
10:00 CET it is"; not "Start date confirmed: ..."), and a day said to be the user's first day
in the job is none ("All confirmed for Monday 4 January at 09:00 - your first day", "your
induction"; not with a meeting word: "your first interview is on Monday"), nor is a call that
is not the user's ("The courier will call ahead", "a reference call", "we'll call your referees
on Monday"). A second meeting joined by "and" with its own day after its word is one too ("Your
first interview is on Tuesday 8 December at 10:00 and your second interview is on Thursday 10
December at 14:00"). The day a meeting is "now on" after a move is where it went ("the panel
has been rescheduled, so your interview is now on Monday"), as is a day right after its new
place ("moved to our offices on Friday at 10:00") or "the new time is ...". Their day said no
longer to work, as its sentence's subject, calls that day's meeting off ("I've just realised
Tuesday won't work after all", "tomorrow can't go ahead"; not "Tuesday won't work for the
delivery", nor "the office is closed on Tuesday", nor under a condition or a question). "I'll
send you a new time (or new times) by Friday" after a call-off is their promise to write by
then. A move asked as a question ("Could we move our call to Wednesday at 15:00?", "Can we do
Wednesday at 15:00 instead?", "Would Wednesday at 15:00 work instead?", "Could we reschedule to
...?", "Would you mind if we moved ...?", "Could we push Tuesday's call back to ...?") moves
the meeting only with the reply's yes (agreed_move); until then their ask only marks the
meeting it is about (MOVE_ASKED: its day, or the next one), never one said to stay ("Tuesday's
call stays as it is"), nor for a new place or form alone, a meeting added ("Could we also do a
second call ...?"), another thing given up ("instead of the onsite", "rather than the written
test") or a next stage ("... if Tuesday goes well"); "I've booked us in for Friday at 15:00" is
a meeting, and the user's "Wednesday at 15:00 works." takes that time (not "... hardly works");
their own word that a day and time work or stand, opening its sentence and ending its clause,
is a meeting with no meeting word ("No problem at all - Thursday 10 December at 11:00 works for
us.", "Weds 9th 3pm at Ozone on Leonard St works.", "... at 11:00 is confirmed."; not asked,
nor while the mail asks whether it suits, nor "... works for the delivery", "Monday works
better for me than Tuesday"). A time offered as a question ("Would Tuesday at 14:00 work for
you?", "Please confirm Tuesday at 14:00 works", "How's Mon 14 Dec 4pm?") or said plainly ("They
can do Tuesday 8th at 10am or Wednesday 9th at 3pm") is the meeting once the reply's plain yes
takes it ("Yes, that works", "Sounds good", "Perfect", "14:00 works."): one time offered, or
the one the yes names or picks (agreed_slot: "Thursday 7.1. at 10:00 please.", "Friday at 13:30
it is", "let's do Friday at 13:30", a short day as phones write it: "Thx - Tues works", "Mon
pls"; not "Can't do Weds, Thurs?", a counter-offer). The user's "Thanks, will do" is their
promise, as "I'll send them tomorrow" and "I'll get the test back to you by Friday" are. The
user's plain no to a role ("I'll pass on this one", "not for me, thanks", "I've decided to
decline", "I'm going to decline this one", not "I'll pass your details on", nor a
no going straight on with "but" to a yes to a role: "I'll pass on the contract one, but please
put me forward for Harbor & Finch", nor a no to a date that asks for another: "I'll have to
pass on the interview - I'm away that week. Could we do the following week?", "... decline the
interview for now") withdraws them, or declines an offer; "I applied directly, so I don't think
you can represent me for it", "another agency already has my right to represent for it, so I
can't go forward with you on this one" and "Please don't put me forward for this one" (not
"... until we've spoken", nor under "if") withdraw them from an agency's pitch. Their
withdrawal naming the process ("Please withdraw me from the Harbour Freight role", "please
take me out of the running", "I'd like to pull out of the process"; not "please don't withdraw
me", "should I withdraw?", "she withdrew", nor "... from the mailing list") ends it at any
stage. A decision's reason after
it ("- I've had another offer that is a closer fit for what I want to do next") does not unmake
it; a condition there, the user's own doubt ("- I just need to talk it over first"; after a
yes, "not sure about the start date yet") or a question about it does (not "would you keep me
in mind for future roles?"). A forwarded mail under a short pointer ("see below - all
confirmed!") is read as the message, its phrases counted from its own Date. News that "your
application has been withdrawn", with no reason of theirs in its sentence or the next ("The
position is no longer open"), is the user's withdrawal (confirmed_decision); the user's own
reason given back ("As you have accepted another offer, ...") is none of theirs, nor is what
the user told them unless they say they cannot meet it ("As you told us you need sponsorship,
which we cannot offer, ..."). A weekday that does not fit its date ("by Friday 5 December", the
5th a Saturday) may be the slip as well as the date: their promise is waited for until the
later of the two days, the user's deadline or promise kept by the earlier, a meeting keeps its
date; the other day goes with it (`other_day`) for the user to check. The sender's own absence
noted in an ordinary mail with the day they are back ("Please note I am out of the office from
23.12. and back on 4 January") is AWAY until then, as an away notice's is (not with someone
standing in: "... so my colleague Raj will look after your application").
Text-speak reads as its long form: "will let u know by monday", "ill get back to u tmrw", "lmk
by friday", "can u do thurs 12/10 at 3?" (a sentence ends at "?" or "!", and at a full stop
in text with no capital letter, or after a long plain word). The user asked to come in ("can
u come in tmrw at 2?", "Please stop by on Friday", "Come in Saturday at 4"; not "applications
come in") is a meeting, and a bare hour beside a meeting's or an offered time's day is read
as an invitation means it (dates.invitation_time: "at 2" is 14:00, "at 10" 10:00, "at 7" the
day alone); a window's meeting is its start ("anytime between 9 and 11am" is 9:00: when she
may come; its end is the latest). A panel's own meeting is none ("The faculty will meet on
12/14 to discuss the candidates"; not "... will meet you"), and "Please confirm by 12 noon on
Friday that you are able to attend" is the user's deadline. The user's terse yes to an offer
("yes!! i accept, thank u so much", "I'll take it!", "count me in") or to a placement with its
start ("Your assignment at ... starts Monday 7am" answered "ill be there monday") accepts it.
An academic's visit and talks are meetings ("Your chalk talk is scheduled for 10 AM on 2/2", "a
campus visit on January 25-26, with your job talk on the 25th at 4 PM"), and so is a meal
that is the user's ("wants you at the board dinner on Tuesday 12 January (7.00pm, ...)",
"your breakfast with the chair on ...", "join us for lunch on Friday"; not "Lunch is at
12:30"), a hiring event's interviews on a day to come with their time right after the word
("Walk-in interviews Saturday 12/5, 10am-2pm"; not "interviews are taking place next week"),
and "you're confirmed for Thursday, December 10 at 10:00 AM Eastern". A word about the past
before the same subject goes on to a meeting is not said of it ("She was very positive and
wants you at ...", "... impressed and would like to meet you on Friday"). An interview day
said with no time takes its first part's ("... to interview on Tuesday 15th December. You will
give a presentation at 10:00, followed by a panel interview at 10:45": 10:00), or the first
line of an agenda under it ("... and will run as follows:" / "10:30  tour of the School"). A
meeting between others, a third person its subject and its object, is not the user's ("The
chair ... would like to speak with Dr. Ashby by Zoom on 1/12", "your partner will meet the
dean", "I'll speak with the client on Monday"; not "... speak with you", "we'd like you to
meet Dr Lee"). A mail written month first has its numeric dates read so whatever the user's
country (sender_calendar): its own dates show it ("closed 12/24 through 1/3"), or an American
address (.edu, .us, .gov), or a Date offset of the Americas (-05:00 to -10:00, -04:00 with a
North American zone named); a zone named alone, from London, is no sign.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from email.utils import parsedate_to_datetime

from inbox_monitor.dates import (
    DATE_PREPOSITION,
    TIME_OF_DAY,
    BusinessCalendar,
    TimeMention,
    find_time_mentions,
    invitation_time,
    parse_time_of_day,
)
from inbox_monitor.lengths import with_ends
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Extraction,
    Outcome,
    ParsedMessage,
    SenderRole,
    Strength,
)
from inbox_monitor.orgs import find_organisation, person_behind_relay

logger = logging.getLogger(__name__)

MAX_TEXT = 6_000  # characters read per message; recruiting mail says what matters early
_MAX_PHRASE = 200
# An automatic reply that says its sender is away (ParsedMessage.auto_reply tells it is
# automatic; an ATS's "we have received your application" auto-reply is not an absence)
_ABSENCE = re.compile(
    r"\b(?:out\s+of\s+(?:the\s+)?office|ooo\b|on\s+(?:\w+\s+)?(?:leave|vacation|holiday)"
    r"|(?:currently|presently)\s+(?:away|travell?ing|unavailable)|away\s+(?:from|until|till)"
    r"|limited\s+access\s+to\s+(?:my\s+)?e-?mail|(?:no|not\s+have)\s+access\s+to\s+(?:my\s+)?e-?mail"
    r"|(?:i\s+will|i['’]ll)\s+be\s+back|(?:back|return(?:ing)?)\s+(?:to\s+the\s+office\s+)?on"
    r"|not\s+in\s+the\s+office|abwesend|absent)",
    re.IGNORECASE,
)
_AWAY_MAX_DAYS = 120  # a notice naming a later date is not read as a return date
# The sender's own absence noted in an ordinary mail, with the day they are back: "Please
# note I am out of the office from 23.12. and back on 4 January", "I'll be on leave until
# Monday 4 January" (not "if I'm away", "I was away last week", "Sam is away until ...",
# nor "I'm away from 23.12." with no day of return)
_OWN_ABSENCE = re.compile(
    r"\bI(?:\s*['’]m|\s+am|\s*['’]ll\s+be|\s+will\s+be|\s+shall\s+be)\s+(?:(?:currently|also"
    r"|then)\s+)?(?:out\s+of\s+(?:the\s+)?office|ooo|away|off|on\s+(?:annual\s+|parental\s+)?"
    r"(?:leave|holidays?|vacation))\b",
    re.IGNORECASE,
)
# ... not when someone stands in meanwhile, in its sentence or the next: "so my colleague Raj
# Mehta will look after your application from here", "In my absence please contact ..."
_STAND_IN = re.compile(
    r"\b(?:colleagues?|in\s+my\s+absence|while\s+I['’]m\s+away|cover(?:s|ing)?\s+for\s+me"
    r"|look(?:s|ing)?\s+after|tak(?:e|es|ing)\s+over|deputy|stand(?:s|ing)?\s+in)\b",
    re.IGNORECASE,
)
_BACK_ON = re.compile(
    r"\b(?:until|till|through|to|back(?:\s+in\s+(?:the\s+)?office)?(?:\s+on)?"
    r"|return(?:ing)?(?:\s+to\s+the\s+office)?(?:\s+on)?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "e.g", "i.e", "a.m", "p.m", "approx",
        "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"
    ]
)  # fmt: skip

# A weekday's name, in the possessive "Thursday's interview" or as a meeting's subject
_DAY_NAME = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_APOSTROPHE = r"\s?['’]\s?"
_SPEAKER = (
    r"(?:we|i|they|he|she|someone|somebody|one\s+of\s+(?:us|our\s+\w+)"
    r"|(?:the|our|my|your)\s+(?:[\w-]+\s+){0,2}(?:team|manager|recruiter|client|panel|committee"
    r"|department|company|provider|providers|hr|staff|partner|lead|coordinator|director)"
    # "Our coordinator Elena will send you ..."
    r"(?:\s+(?-i:[A-Z][a-z][\w'’-]*)){0,2})"
)
# (as phones write them, "ill" and "im" are "I'll" and "I'm": "ill let u know tmrw")
_MODAL = (
    rf"(?:{_APOSTROPHE}ll|(?<=\bi)ll|\s+(?:will|shall|should|must))(?:\s+\w+ly)?"
    r"(?:\s+(?:also|then|now|be\s+able\s+to|try\s+(?:and|to)|aim\s+to|need\s+to|want\s+to))?"
    # "We now expect to contact you by 8 January"
    r"|(?:\s+(?:now|still|also|currently))?\s+(?:aim|expect|hope|plan|intend|promise|endeavou?r"
    # "I hope to be able to confirm the position by the end of January"
    r"|need|want)\s+to(?:\s+be\s+able\s+to)?"
    # "I'd hope to have feedback for you by Monday"
    rf"|(?:{_APOSTROPHE}d|\s+would)\s+(?:aim|expect|hope|plan)\s+to"
    rf"|(?:{_APOSTROPHE}(?:re|m)|(?<=\bi)m|\s+(?:are|am|is))\s+(?:going|planning|aiming|hoping)"
    r"\s+to"
)
# a meeting's new time after a call-off: "I'll send you a new time by Friday", "... be in
# touch with some alternative dates" (not "give you the time to decide")
_NEW_TIMES = (
    r"(?:(?:another|(?:an?|the|some|a\s+few|two|three)\s+(?:new|other|alternative|different"
    r"|revised|fresh))\s+(?:(?:interview|meeting|call)\s+)?(?:times?|dates?|slots?)"
    # "I'll send new times by Friday"
    r"|(?:new|alternative|different|revised|fresh)\s+(?:(?:interview|meeting|call)\s+)?"
    r"(?:times|dates|slots))\b"
)
# "in touch with your referees" is not with the user; "with you", "with next steps", "with
# dates" (an onsite's, after an interview) is.
_NOT_WITH_OTHERS = (
    r"(?!\s+with\s+(?!you\b|u\b|(?:the\s+|some\s+|any\s+)?(?:next\s+steps|an?\s+update|news"
    r"|feedback|more|details|further|an\s+answer|a\s+decision|the\s+outcome)\b"
    r"|(?:(?:the|some|possible|interview|onsite|on-site|meeting|call)\s+){0,2}(?:dates|times"
    rf"|slots)\b|{_NEW_TIMES}))"
)
_REPLY_VERB = (
    r"(?:get\s+back(?!\s+to\s+(?!you\b|u\b|(?:all|every|each)\s)\w)|come\s+back\s+to\s+(?:you|u)"
    # "I'll be back to you by Monday at the latest" (British search-firm wording)
    r"|be\s+back\s+to\s+(?:you|u)|revert|respond|reply|(?:ping|text|message)\s+(?:you|u)"
    r"|drop\s+(?:you|u)\s+a"
    # "we expect to tell you the outcome of the sift w/c 14 December"
    r"|tell\s+you\s+(?:the|our|their)\s+(?:outcome|results?|decision|news)\b"
    rf"|be\s+(?:back\s+)?in\s+(?:touch|contact){_NOT_WITH_OTHERS}"
    rf"|get\s+in\s+touch{_NOT_WITH_OTHERS}|reach\s+out(?!\s+to\s+(?!you\b|u\b))"
    r"|(?:contact|call|ring|phone|e-?mail|write\s+to)\s+(?:you|u)\b"
    # "I'll give you a call on Monday with feedback" (a call with no news to give is a
    # meeting: "I'll give you a call on Monday at 10:00 to go through the role")
    r"|give\s+you\s+a\s+(?:quick\s+)?(?:call|ring|bell)(?=(?:\s+[\w'’:]+){0,4}?\s+(?:with"
    r"\s+(?:(?:the|some|their|his|her|any|an?|my)\s+)?(?:feedback|news|update|outcome|decision"
    r"|answer|verdict)|to\s+(?:let\s+you\s+know|update\s+you|give\s+you\s+(?:the\s+|some\s+"
    r"|their\s+|his\s+|her\s+)?(?:feedback|news|update|outcome|decision|answer))\b))"
    r"|let\s+(?:you|u)\s+know|keep\s+(?:you|u)\s+(?:posted|updated|informed)"
    r"|(?:update|inform|notify|advise)\s+(?:you|u)\b"
    r"|confirm|follow\s+up(?!\s+with\s+(?!you\b))|circle\s+back"
    r"|(?:send|forward|fax|email|e-mail|post)\s+(?:it|them|this)\s+(?:over\s+)?(?:to\s+)?you\b"
    # "I'll send it over Monday after the holiday" (not "... over to the client")
    r"|send\s+(?:it|them|this|that|these|those)\s+(?:over|across|through)\b(?!\s+to\s+(?!you\b))"
    # "I'll get feedback to you by Friday", "... get their feedback over to you" (not "get
    # the form back to us": the user's, nor "get the test back to you": theirs to mark)
    r"|get\s+(?:(?:the|an?|some|any|further|more|my|our|their|his|her)\s+)?(?:[\w'’-]+\s+)?"
    r"(?:feedback|answer|decision|update|outcome|news|verdict|thoughts)\s+"
    r"(?:(?:back|over|across|through)\s+)?to\s+(?:you|u)\b"
    r"|(?:send|share|provide|give|forward|fax|email|e-mail|post)\s+(?:you\s+|over\s+)?"
    r"(?:the|an?|your|our|some|more|any|further|my|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:offer|contract|details|feedback|update|answer|decision|outcome|news|paperwork|letter"
    r"|spec|specification|description|jd|next\s+steps|results?)s?\b(?!\s+to\s+(?!you\b))"
    rf"|(?:send|give|offer|suggest|propose|share)\s+(?:you\s+)?{_NEW_TIMES}"
    # "Elena will send you onsite times in the next couple of days"
    r"|(?:send|give|offer|suggest|propose|share)\s+(?:you\s+)?"
    r"(?:(?:some|a\s+few|the|possible)\s+)?(?:interview|onsite|on-site|meeting|call"
    r"|screen(?:ing)?|panel)\s+(?:times|dates|slots|options)\b"
    r"|make\s+(?:a|an|the|our|their|my|his|her|any)?\s*(?:final\s+)?"
    r"(?:decision|offer)|decide|extend\s+(?:you\s+)?(?:an\s+|the\s+)?offer"
    r"|have\s+(?:an?\s+|some\s+|more\s+)?(?:answer|decision|update|news|feedback|outcome)"
    r"|know\s+more|hear\s+(?:back\s+)?from(?!\s+you\b))"
)
_NOT_TO_USER = (
    r"(?!\s+(?:to\s+)?(?:your|the|their|his|her)\s+"
    r"(?:referees?|references?|previous|former|current))"
)
# "we will review your application and get back to you": the modal carries over "and" to
# a verb that can only be about the user ("and confirm the start date with them" is not)
_AND_THEN = r"(?:\s+[^\s.!?;:]+){1,8}?\s+and(?:\s+then)?"
_TO_YOU_VERB = (
    r"(?:(?:get|come|be)\s+back\s+to\s+(?:you|u)|revert|respond|reply|circle\s+back"
    r"|let\s+(?:you|u)\s+know"
    rf"|be\s+(?:back\s+)?in\s+(?:touch|contact){_NOT_WITH_OTHERS}|get\s+in\s+touch{_NOT_WITH_OTHERS}"
    r"|update\s+(?:you|u)\b|keep\s+(?:you|u)\s+(?:posted|updated|informed)|write\s+to\s+(?:you|u)\b"
    r"|(?:contact|call|ring|phone|e-?mail|inform|notify)\s+(?:you|u)\b"
    # "Our team will review your results and reach out within two weeks"
    r"|reach\s+out(?!\s+to\s+(?!you\b|u\b)))"
)
# "will" with no subject: opening the sentence ("Will revert tomorrow"), or after "and",
# "then", or (lower case, so not the name Will) after a comma, a dash, "but" or "so": "still
# waiting on them, will chase and revert early next week", "I'm off until Monday but will
# get back to you then"
_BARE_WILL = (
    r"(?:(?:(?<=\band\s)|(?<=\bthen\s))(?:will|shall)|^\s*(?:will|shall)"
    # "They're meeting the other candidates this week and expect to confirm ... by Friday"
    r"|(?<=\band\s)(?:expect|hope|aim)\s+to"
    r"|(?:(?<=,\s)|(?<=\s-\s)|(?<=\s–\s)|(?<=\s—\s)|(?<=\bbut\s)|(?<=\bso\s))"
    r"(?-i:will|shall))"
)
_PROMISE = re.compile(
    rf"\b(?:(?:{_SPEAKER}(?:{_MODAL})|{_BARE_WILL})\s+{_REPLY_VERB}"
    rf"|(?:{_SPEAKER}(?:{_MODAL})|{_BARE_WILL}){_AND_THEN}\s+{_TO_YOU_VERB})"
    rf"\b{_NOT_TO_USER}"
    r"|\b(?:you|u)\s*(?:['’]\s?ll|\s+will|\s+shall|\s+should|\s+can|\s+may)\s+(?:\w+ly\s+)?"
    r"(?:expect\s+to\s+)?hear\b"
    # "You'll have feedback by Friday", "you should have their answer by Friday" (theirs to
    # give: not the user's "by Friday" that the weaker cue would read; not "You'll have to
    # send feedback by Friday", nor "a decision to make", nor the user's own "feedback forms
    # to complete", "feedback to send to the panel", "news to share with your manager")
    r"|\byou\s*(?:['’]\s?ll|\s+will|\s+should)\s+(?:\w+ly\s+)?have\s+(?:it|them|an?\s+"
    r"(?:answer|decision|offer|update|response|contract)|the\s+(?:offer|contract|decision|outcome"
    r"|answer|letter|feedback|news)|(?:our|their|his|her|some|more|any|further)\s+(?:feedback"
    r"|news|decision|answer|outcome|verdict)|(?:feedback|news|word)(?!\s+(?:to\s+\w+|\w+\s+to\s+\w+"
    r"|forms?|surveys?|questionnaires?)\b))\b(?!\s+to\s+(?:make|give))"
    r"|\byou\s*(?:['’]\s?ll|\s+will|\s+should|\s+can|\s+may)\s+(?:\w+ly\s+)?"
    r"(?:expect|receive|get)\s+(?:to\s+(?:hear|receive)\s+)?(?:(?:a|an|our|the|further|more|some"
    r"|[\w-]+)\s+){0,3}?(?:response|reply|answer|decision|update|call|email|e-mail|feedback"
    r"|notification|news|invitation|invite|offer|outcome|word)s?\b"
    r"|\bexpect\s+to\s+hear\b|\blet\s+me\s+(?:get|come)\s+back\s+to\s+you\b"
    r"|\bwill\s+be\s+(?:notified|contacted|informed|updated|advised|called|emailed|e-mailed"
    rf"|(?:getting\s+)?in\s+touch{_NOT_WITH_OTHERS}|reaching\s+out(?!\s+to\s+(?!you\b))"
    r"|getting\s+back(?!\s+to\s+(?!you\b)))\b"
    r"|\b(?:decisions?|outcome|results?|feedback|offer|response|answer|news|update)\s+"
    r"(?:\w+\s+){0,4}?(?:will|should|is\s+expected\s+to|are\s+expected\s+to|ought\s+to)\s+"
    r"(?:\w+ly\s+)?be\s+(?:made|communicated|announced|released|sent|available|shared|provided"
    r"|ready|finali[sz]ed|known|confirmed|given)\b"
    # "Feedback should be with you within a fortnight"
    r"|\b(?:decisions?|outcome|results?|feedback|offer|response|answer|news|update)\s+"
    r"(?:\w+\s+){0,3}?(?:will|should|ought\s+to)\s+be\s+with\s+you\b"
    # "it will be the week after next before we have news"
    r"|\bit\s*(?:['’]\s?ll|\s+will|\s+should|\s+may|\s+might|\s+could)\s+(?:\w+ly\s+)?be\s+"
    r"(?:[\w-]+\s+){0,6}?before\s+(?:we|I|you|they|the\s+\w+)\s+(?:\w+\s+){0,2}?"
    r"(?:ha(?:ve|s)|hears?|gets?|knows?|can|(?:are|is)\s+able|receives?|decides?|makes?)\b",
    re.IGNORECASE,
)
# Weaker cues: count as a promise only together with a time ("a decision within 5 days",
# "shortlisted candidates will hear from us by 9 October": silence after that date says
# something even to those not shortlisted).
_CANDIDATES = r"(?:all|shortlisted|successful|selected|the)\s+(?:\w+\s+)?(?:candidates|applicants)"
# An agency relaying the client's date: "they will get back to me by the end of next week",
# "Northwind will give me their feedback by Friday", "we should hear by Thursday" (a promise
# to the recruiter, dated only)
_THIRD_PARTY = (
    r"(?:they|he|she|the\s+(?:client|hiring\s+(?:manager|team)|line\s+manager|manager|team"
    r"|panel|company|business)|(?-i:[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+){0,2}))"
)
_TO_RECRUITER = (
    r"(?:(?:get|come)\s+back\s+to|revert\s+to|hear\s+back\s+to)\s+(?:me|us)|let\s+(?:me|us)\s+know"
    r"|(?:give|send|provide)\s+(?:me|us)\s+(?:(?:their|his|her|some|the|a|an|any)\s+)?"
    r"(?:final\s+)?(?:feedback|decision|answer|update|news|thoughts|response|verdict)"
    # "Northgate will let me have their answer by Friday"
    r"|let\s+(?:me|us)\s+have\s+(?:their|his|her|the|an?)\s+(?:final\s+)?(?:feedback|decision"
    r"|answer|update|news|thoughts|response|verdict)"
)
# (a client's plan in the third person: "The client plans to resume the process ...")
_THEY_MEAN = r"\s+(?:aims|expects|hopes|plans|intends)\s+to"
_DATED_PROMISE = re.compile(
    rf"\b{_THIRD_PARTY}(?:{_MODAL})\s+(?:{_TO_RECRUITER})\b|"
    # the agency hearing from the client: "we should hear by next Thursday at the latest"
    rf"\b(?:we|I)(?:{_APOSTROPHE}ll|\s+(?:will|should|shall)|\s+(?:expect|hope)\s+to)\s+"
    r"(?:\w+ly\s+)?hear(?:\s+back)?(?=\s+(?:by|before|on|within|next|this|early|tomorrow"
    r"|(?:mon|tues|wednes|thurs|fri)day)\b)|"
    # "they are seeing two more candidates and will get back to me by ..."
    rf"(?:(?<=\band\s)|(?<=\bthen\s))(?:will|shall)\s+(?:{_TO_RECRUITER})\b|"
    rf"\b{_CANDIDATES}\s+(?:(?:who|that)\s+(?:\w+\s+){{1,4}}?)?(?:will|should|can\s+expect\s+to)\s+"
    r"(?:hear|be\s+(?:contacted|notified|informed|invited|told))\b"
    rf"|\b(?:contact|notify|inform|get\s+back\s+to|(?:be|get)\s+in\s+touch\s+with|let|update)\s+"
    rf"{_CANDIDATES}\b"
    # "We now expect to contact candidates by 8 January", "we aim to let everyone know by ..."
    # (not "we expect candidates to complete the test by ...")
    rf"|\b(?:we|I)(?:{_MODAL})\s+(?:(?:contact|notify|inform|update|write\s+to|get\s+back\s+to"
    r"|(?:be|get)\s+in\s+touch\s+with)\s+(?:all\s+)?(?:candidates|applicants|everyone|everybody)"
    r"|let\s+(?:all\s+)?(?:candidates|applicants|everyone|everybody)\s+know)\b"
    # an agency's word to chase the client then: "I'll chase them on Friday if not"
    rf"|\b(?:we|I)(?:{_MODAL})\s+chase\s+(?:up\s+)?(?!(?:accounts|finance|payroll|billing)\b)"
    r"(?:them|him|her|(?:the\s+)?(?:client|hiring\s+manager|team|company)|(?-i:[A-Z][\w&'’-]+))\b"
    # (not money or a parcel: "I'll chase the team for your expenses on Friday")
    r"(?![^.!?\n]{0,60}\b(?:expenses|refunds?|invoices?|payments?|payroll|reimburse\w*|parcels?"
    r"|deliver(?:y|ies))\b)"
    r"|\b(?:make|reach|take|have|give)\s+(?:a|an|the|our|their|its|my)?\s*(?:final\s+)?"
    r"(?:decision|offer)\b"
    # a process on hold, to be taken up again then: "They expect to revisit at the end of
    # January", "we hope to pick this up again in the new year", "... resume the process in
    # mid-January", "They've put it on hold and expect to revisit at the end of January",
    # "The client has paused hiring and will revisit in early February" (not "I'll revisit
    # your CV on Monday")
    rf"|(?:\b(?:{_THIRD_PARTY}|we|I)(?:{_MODAL}|{_THEY_MEAN})|{_BARE_WILL})\s+(?:revisit"
    r"|resume|restart|pick"
    r"(?=(?:\s+(?:it|this|things|the\s+\w+))?\s+up\s+again\b))"
    r"(?:\s+(?:it|this|things|the\s+(?:process|search|role|position|vacancy|hiring|recruitment"
    r"|brief|appointment|interviews)|interviews|recruitment|hiring))?(?:\s+up)?(?:\s+again)?"
    r"(?=\s+(?:at|by|in|on|after|from|early|mid|late|towards?|around|before|next)\b)"
    # ... or the process on hold until then: "The process is on hold until the end of
    # January", "they've put the role on hold until the new year" (not the sender away, "I'm
    # away until the end of January", nor "Your membership is frozen until 31 January")
    r"|\b(?:process|role|position|vacancy|post|search|recruitment|hiring|application|brief"
    r"|interviews|it|this|everything|things)\s+(?:(?:is|are|was|were|has\s+been|have\s+been"
    r"|will\s+be|remains?)\s+|['’]s\s+)?(?:(?:now|currently|temporarily)\s+)?(?:on\s+hold"
    r"|paused|frozen|suspended)\s+until\b"
    r"|\bput\s+(?:it|this|things|everything|(?:the|our|their|your)\s+(?:[\w-]+\s+)?(?:process"
    r"|role|position|vacancy|post|search|recruitment|hiring|application|brief|interviews))"
    r"\s+on\s+hold\s+until\b"
    r"|\b(?:decisions?|responses?|feedback|outcomes?)\s+(?:are|is)\s+(?:usually\s+|typically\s+"
    r"|normally\s+|generally\s+)?(?:made|sent|given|communicated|provided|shared)\b"
    r"|\ballow\b[^.]{0,40}?\bfor\s+(?:a\s+|an\s+|our\s+)?(?:response|reply|decision|feedback"
    r"|answer|us\s+to\s+(?:respond|reply|get\s+back|review|process))\b"
    r"|\bfor\s+us\s+to\s+(?:get\s+back|respond|reply|come\s+back|contact\s+you)\b"
    # (not "your decision by Friday": the user's)
    r"|\b(?:(?<!\byour\s)(?:decision|response)|feedback|outcome|news)\s+"
    r"(?=(?:within|by|before|next|early|later|this|tomorrow|shortly|soon"
    r"|in\s+(?:the\s+next|a|an|\d+|one|two|three|kw\s?\d{1,2}|calendar\s+week\s+\d{1,2}))\b)"
    # a promise in the present, as non-native senders write it, with its time: "I come back
    # to you in the new year", "we come back to you latest Wednesday 23.12." (not "when I
    # come back to you", nor "I come back from holiday on Monday")
    r"|(?<!\bwhen\s)(?<!\bonce\s)(?<!\bif\s)(?<!\bafter\s)(?<!\bbefore\s)\b(?:I|we)\s+"
    r"(?:(?:come|get)\s+back\s+to\s+you|revert(?:\s+back)?\s+to\s+you|(?:contact|call|inform"
    r"|update)\s+you|write\s+(?:to\s+)?you)\b",
    re.IGNORECASE,
)
# Their decision on the application, dated by when it is done: "They're hoping to shortlist
# by Wednesday 9 December", "We anticipate shortlisting will take place w/c 7 December" (its
# Friday); not "Interviews will take place w/c 11 January" (a meeting), nor a start or a day
# the news follows: "the sift takes place from 7 December", "the panel will shortlist on 6
# January" (_DONE_BY_BEFORE, _DONE_BY_IN)
_DECISION_STEP = re.compile(
    rf"\b(?:{_THIRD_PARTY}|we|I)(?:{_MODAL}|{_THEY_MEAN})\s+(?:shortlist|sift|complete\s+"
    r"(?:the\s+)?(?:shortlisting|shortlist|sift))\b"
    r"|\b(?:shortlisting|short-listing|sifting|the\s+sift|sift)\s+(?:will|should"
    r"|(?:is\s+)?(?:expected|likely|due|scheduled|planned)\s+to)\s+(?:take\s+place|happen"
    r"|be\s+(?:completed|done|finished))\b",
    re.IGNORECASE,
)
_DONE_BY = (
    r"(?:by|before|within|no\s+later\s+than|w/c|w/b|week\s+(?:commencing|beginning)"
    r"|(?:in\s+)?the\s+week\s+(?:of|commencing|beginning))"
)
_DONE_BY_BEFORE = re.compile(rf"\b{_DONE_BY}\s+(?:the\s+)?$", re.IGNORECASE)
_DONE_BY_IN = re.compile(rf"{_DONE_BY}\b", re.IGNORECASE)
# The weakest cue, read only when no other is: what a client usually does, with its time
# ("They usually come back within a few days"; not "They usually come back from holiday on
# Monday", nor "Candidates usually get back to us within a week")
_USUALLY = re.compile(
    r"\b(?:they|he|she|the\s+(?:client|hiring\s+(?:manager|team)|company|team|panel)"
    r"|(?!(?:candidates|applicants|people|most|some|you|we|i)\b)(?-i:[A-Z][\w&'’-]+))\s+"
    r"(?:usually|normally|typically|generally|tend\s+to)\s+(?:come|get)\s+back\b"
    r"(?!\s+(?:from|to\s+(?!you\b|me\b|us\b)))",
    re.IGNORECASE,
)
# The user's word on what they will do: "I'll send them over tomorrow", "I'll get those to
# you by Thursday", a bare "Thanks Marco, will do." (not "I'll do my best")
_USER_PROMISE = re.compile(
    rf"\b(?:(?:i|we)(?:{_MODAL})|{_BARE_WILL})\s+(?:{_REPLY_VERB}|send|share|provide|give"
    r"|complete|submit|return|sign|fill\s+(?:in|out)|arrange|book|call|email|e-mail|contact"
    r"|update|let\s+(?:you|u|them|him|her)\s+know"
    # "I'll get the test back to you by Friday", "I'll have the signed form back to you ..."
    # (not "I'll have the call with you on Friday": a meeting)
    r"|get\s+(?:it|them|this|that|these|those|(?:the|my)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+"
    r"(?:over\s+|across\s+|back\s+)?to\s+(?:you|u)"
    r"|have\s+(?:(?:it|them|this|that|these|those)\s+(?:(?:over|back)\s+)?(?:to|with)"
    r"|(?:the|my)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+\s+back\s+(?:to|with))\s+(?:you|u)"
    r"|do\s+(?:it|that|this|so)|do(?=\s*(?:[.!,;)]|[-–—]|$)))\b",
    re.IGNORECASE,
)
_YOU = re.compile(r"\byou\b", re.IGNORECASE)
_TO_ME = re.compile(r"\b(?:me|us)\b", re.IGNORECASE)
_US = re.compile(r"\b(?:we|i|they|us|our|their)\b", re.IGNORECASE)
_RECEIPT = re.compile(
    r"\b(?:confirm(?:ation|ing)|receipt|acknowledge?ment|copy|automated|automatic)\b",
    re.IGNORECASE,
)
_LOATH = re.compile(
    r"\b(?:hate|loath|loathe|reluctant|hesitant|unwilling)\s+to\b|\brather\s+not\b"
    r"|\bwouldn['’]t\s+want\s+to\b|\bdon['’]t\s+want\s+to\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|unable|cannot|no\s+longer)\b|n['’]t\b", re.IGNORECASE)
# A promise under a hedge right before it: "I can't promise we'll get back to you by
# Friday", "there's no guarantee that a decision will be made by then", "not sure we'll".
# The date is not promised: such a promise is VAGUE (quoted with its hedge), and with no
# date it is none, for the reply itself is in doubt.
_HEDGE = re.compile(
    r"(?:\b(?:i|we|they|there|it)(?:\s*['’]\s*(?:m|re|s)|\s+(?:am|are|is))?\s+)?"
    r"(?:\b(?:can(?:not|['’]t|\s+not)|could(?:n['’]t|\s+not)|won['’]t|will\s+not|don['’]t"
    r"|do\s+not|(?:am|are)\s+not|['’](?:m|re)\s+not)\s+(?:(?:really|yet|honestly|100%)\s+)?"
    r"(?:promise|guarantee|commit\s+to|say\s+(?:for\s+(?:sure|certain)|whether|if)"
    r"|be\s+(?:sure|certain)|know\s+(?:if|whether|for\s+(?:sure|certain)))"
    r"|\bno\s+(?:guarantees?|promises?)|\bnot\s+(?:(?:yet|entirely|totally|100%)\s+)?"
    r"(?:sure|certain|confident)|\bunsure|\b(?:i|we)\s+doubt|\bunlikely"
    r"|\b(?:don['’]t|do\s+not)\s+(?:think|expect|believe)|\bhard\s+to\s+say)"
    r"\b\W*(?:(?:that|if|whether|you|yet|the|a|an|for\s+(?:sure|certain))\W+)*$",
    re.IGNORECASE,
)
_NOT_A_PROMISE = re.compile(
    r"\b(?:if|should|when|once|as|whenever)\s+(?:\w+\s+){0,4}?(?:role|position|opportunit\w*"
    r"|vacanc\w*|opening|job)s?\s+(?:\w+\s+){0,2}(?:comes?|arises?|becomes?|opens?|matches?"
    r"|appears?|is\s+available|are\s+available|come|arise)\b"
    r"|\bfuture\s+(?:roles?|opportunit\w+|vacanc\w+|openings?|positions?)\b|\bon\s+(?:file|record)\b"
    r"|\bif\s+we\s+(?:need|require|have\s+(?:any\s+)?(?:further\s+|more\s+|other\s+)?questions)"
    r"|\bonly\s+(?:\w+\s+){0,4}?(?:candidates|applicants|those|people)\b"
    r"|\bunless\b|\bdo\s+not\s+reply\b|\bif\s+you\s+(?:do\s+not|don['’]t|haven['’]t|have\s+not)\b",
    re.IGNORECASE,
)
# Silence that they say means no, with its time: "If you have not heard from us within 4
# weeks of the closing date, please assume that ... your application has not been
# successful" is their word that the user hears by then (a date to wait for, not to chase
# before), read although the sentence is a condition (_NOT_A_PROMISE)
_NOT_HEARD = re.compile(
    r"\b(?:if\s+you\s+(?:have\s+not|haven['’]t|do\s+not|don['’]t)\s+(?:heard|hear)"
    r"|should\s+you\s+not\s+(?:hear|have\s+heard)"
    r"|if\s+you\s+(?:have\s+not|haven['’]t)\s+been\s+contacted)\b",
    re.IGNORECASE,
)
_ASSUME_NO = re.compile(
    r"\b(?:assume|take\s+(?:it|this)\s+(?:that|as))\b[^.!?;]{0,80}?\b(?:unsuccessful"
    r"|not\s+(?:been\s+)?(?:successful|shortlisted|selected)|not\s+(?:be\s+)?progress\w*)\b",
    re.IGNORECASE,
)
# An undated promise under a condition ("will contact you if they would like to
# interview") promises nothing; with a time ("if selected, expect a call shortly") it does.
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|when|once|whenever|in\s+case|provided\s+that)\b"
    r"|\bshould\s+(?:you|we|they|there|it|your|the|anything|something|any)\b",
    re.IGNORECASE,
)
# What starts a date after "until" or "to": "to 01/29/2027", "until Friday", "to the end of
# January", "until next week"
_DATE_AHEAD = (
    r"(?=(?:the\s+)?(?:\d|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec|next|end))"
)
# Their grant of more time to answer: "you can have until", "of course, take until", "we can
# give you until", "I'm happy to extend your deadline to 01/29/2027", "we have extended your
# offer until", "your deadline has been extended to"; a deadline so set is `granted` (the
# user's turn, and a later date in place of the first). Not a job's closing date moved, nor
# "the offer will remain open until" (its first time), nor "we can give you an answer by".
_GRANTS_TIME = (
    r"\b(?:you\s+(?:can|could|may|are\s+welcome\s+to)|feel\s+free\s+to)\s+(?:take|have)"
    r"\s+until\b"
    r"|(?:^|[,;:!–-]\s*)take\s+until\b|\b(?:give|giving|allow|grant)\s+you\s+until\b"
    r"|\bextend(?:ed|ing)?\s+(?:it|(?:the|your|our|this|that)\s+(?:offer|deadline"
    rf"|(?:decision|response)\s+date))\s+(?:until|till|to)\s+{_DATE_AHEAD}"
    r"|\byour\s+deadline\s+(?:has\s+been|is|was|will\s+be)\s+extended\s+(?:until|till|to)"
    rf"\s+{_DATE_AHEAD}"
)
_TIME_GRANTED = re.compile(_GRANTS_TIME, re.IGNORECASE)
# Wording that makes any date in the clause a deadline for the user.
_DEADLINE = re.compile(
    r"\byou(?:\s*['’]\s?ll|\s+will)?\s+have\s+(?:until|till)\b|\bdeadline\b"
    r"|\bvalid\s+until\b"
    # (not an account's: "your password expires", "this password reset link expires")
    r"|\b(?:offer|invitation|application|opportunity|this|assessment|test|task|exercise"
    r"|challenge|questionnaire)\s+(?:(?!password|reset|verif|activat|log-?in|sign-?in)\w+\s+)"
    r"{0,3}?expir(?:es?|y|ing)\b"
    # "the assessment closes at 17:00 on Friday" (not a job ad's "applications close on ...":
    # whether to apply at all is the user's choice, and a recruiter who needs an answer asks)
    # (nor a place: "our assessment centre closes for the holidays on ...")
    r"|\b(?:assessment|test|task|exercise|challenge|questionnaire)"
    r"(?!\s+(?:centre|center|site|venue|office|building)s?\b)\s+(?:\w+\s+){0,2}?"
    r"(?:closes|will\s+close)\b(?!\s+for\s+(?:the\s+)?(?:holidays?|christmas|the\s+break))"
    r"|\bno\s+later\s+than\b|\bdue\s+(?:by|on|date)\b"
    # "They'd like an answer by Wednesday 16 December", "the client would like your decision
    # by Friday" (not "... an answer from the client by Friday": theirs)
    r"|\b(?:would|['’]d)\s+(?:like|love|want|need|appreciate|be\s+(?:very\s+|most\s+)?grateful"
    r"\s+for)\s+(?:to\s+(?:have|get|receive)\s+)?"
    r"(?:an?\s+|the\s+|your\s+)?(?:answer|decision|response|reply|confirmation)"
    r"(?:\s+from\s+you)?\s+(?:by|before|no\s+later\s+than|on\s+or\s+before)\b"
    # "I'd be grateful for your answer by Friday 15 January", "An answer by Friday would be
    # appreciated" (the user's, as "We'd be grateful if you could let us know ..." is)
    r"|\b(?:an?|your)\s+(?:answer|decision|response|reply|confirmation)(?:\s+from\s+you)?\s+"
    r"(?:by|before|no\s+later\s+than)\b[^.!?;]{1,40}?\bwould\s+be\s+(?:\w+ly\s+|much\s+)?"
    r"(?:appreciated|welcome|helpful|great|ideal)\b"
    # "Applications (a CV and a statement) should reach me by Friday 18 December", "Your
    # signed contract should reach us by ..." (to the sender: not a job ad's "applications
    # close on ...", nor "the closing date is ..."; what reaches is the user's: not "The
    # client's feedback should reach me by Friday", "The offer letter should reach me by")
    r"|\b(?:applications?|cvs?|nominations?|entries|forms?|(?:your|the\s+signed|signed)"
    r"(?:\s+[\w'’-]+){1,4}?)\s+(?:\([^()]{0,160}\)\s+)?(?:should|must|need\s+to)\s+reach"
    r"\s+(?:me|us)\s+(?:by|before|no\s+later\s+than|on\s+or\s+before)\b"
    r"|\b(?:would|['’]d)\s+(?:like|love|want|need)\s+to\s+hear\s+(?:back\s+)?from\s+you\s+by\b"
    # "It would help if I could have your decision by Friday 15 January" (not "... if we
    # could have their feedback by Friday")
    r"|\bif\s+(?:I|we)\s+could\s+(?:have|get|receive)\s+(?:an?\s+|your\s+)?(?:answer|decision"
    r"|response|reply|confirmation)(?:\s+from\s+you)?\s+(?:by|before|no\s+later\s+than)\b"
    r"|\bneed\s+(?:your|it|them|this|these|the\s+\w+)\s+(?:\w+\s+){0,3}?by\b"
    # "we would need a decision from you by Friday", "we'd need to hear from you by then"
    r"|\bneed\s+(?:an?\s+|the\s+|to\s+(?:have|get|receive)\s+(?:an?\s+|the\s+|your\s+)?)?"
    r"(?:decision|answer|response|reply|confirmation|acceptance)\s+from\s+you\s+by\b"
    r"|\bneed\s+to\s+hear\s+(?:back\s+)?from\s+you\s+by\b"
    # "I would need your answer until Wednesday 9.12. latest" ("until" for "by")
    r"|\bneed\s+(?:your|an?|the)\s+(?:answer|decision|response|reply|confirmation|feedback"
    r"|ok(?:ay)?|go-ahead|approval)\s+(?:\w+\s+){0,2}?(?:until|till)\b"
    r"|\bmust\s+be\s+(?:received|returned|completed|submitted|signed)\b"
    # more time granted (_GRANTS_TIME), a job's closing date moved ("we've extended the
    # closing date to 22 January"), "the offer will remain open until"
    rf"|{_GRANTS_TIME}"
    r"|\bextend(?:ed|ing)?\s+(?:the|your|our|this|that)\s+closing\s+date\s+(?:until|till|to)"
    rf"\s+{_DATE_AHEAD}"
    r"|\b(?:remains?|stays?)\s+open\s+(?:until|till)\b"
    # "the offer stands until Friday", "this offer will lapse if not accepted by ..."
    r"|\b(?:offer|invitation)\s+(?:\w+\s+){0,2}?stand(?:s|ing)?\s+(?:until|till)\b"
    r"|\b(?:offer|invitation)\s+(?:\w+\s+){0,2}?(?:lapse|be\s+withdrawn)s?\s+if\s+(?:it\s+is\s+)?"
    r"not\s+(?:accepted|signed|returned)\s+(?:by|before|on\s+or\s+before)\b"
    # an offer's time to answer: "the offer is valid for 5 working days" (not a passport
    # "valid for 6 months", nor a scheduling link)
    r"|\b(?:offer|invitation)\s+(?:\w+\s+){0,3}?(?:valid|open)(?=\s+for\b)",
    re.IGNORECASE,
)
# A test's link that expires ("Your link will expire on 17/11/2026"): the user's deadline
# when the mail asks them to do a test or task (_TASK_TO_DO) and books nothing with it
# (not "Pick a slot with the link below. The link expires in 5 days.", nor a password's)
_LINK_EXPIRES = re.compile(
    r"\b(?:your|the|this)\s+(?:(?:personal|unique|individual|assessment|test|interview"
    r"|invitation|invite)\s+)?link\s+(?:will\s+)?expir(?:es?|ing)\b",
    re.IGNORECASE,
)
_TASK_TO_DO = re.compile(
    r"\b(?:complete|take|start|finish|record|sit)\s+(?:[\w-]+\s+){0,5}?(?:assessments?|tests?"
    r"|tasks?|exercises?|questionnaires?|challenges?"
    r"|(?:video|digital|online|recorded|one-way)\s+interviews?)\b",
    re.IGNORECASE,
)
_BOOKING = re.compile(
    r"\b(?:book|schedule|pick|choose|select|reserve)\s+(?:\w+\s+){0,3}?(?:slot|time|date"
    r"|session)s?\b|\b(?:password|log-?in|sign-?in|verif\w*|activat\w*)\b",
    re.IGNORECASE,
)
# A mail to the user's referee, the user only copied, or to the user as someone's referee
# ("You have been provided as a referee by Sam Carter"): "... has given your name as a referee.
# We would be grateful if you could complete the attached reference form by Friday 8
# January", "The candidate is copied into this email for information only": its "you" is the
# referee, its deadline theirs, not the user's (not "please ask your referees to ...")
_TO_REFEREE = re.compile(
    r"\b(?:(?:has|have)\s+(?:given|provided|supplied|put\s+forward)\s+your\s+(?:name|details)\s+"
    r"as\s+(?:a|their|his|her|one\s+of\s+(?:their|his|her))\s+referees?"
    r"|\b(?:named|nominated|listed)\s+you\s+as\s+(?:a|their|his|her)\s+referee"
    r"|you\s+(?:have\s+been|were)\s+(?:named|nominated|listed|given|provided|put\s+forward"
    r"|suggested)\s+as\s+(?:a|their|his|her)\s+referee"
    r"|the\s+(?:candidate|applicant)\s+(?:is|has\s+been)\s+(?:copied|cc['’]?e?d)\b)",
    re.IGNORECASE,
)


# a word every match of _TO_REFEREE holds
_REFEREE_WORDS = ("referee", "copied", "ccd", "cc'd", "cc’d", "cced", "cc'ed", "cc’ed")


def to_a_referee(text: str) -> str | None:
    """The words of a reference request written to the user's referee, or to the user as
    someone's referee ("... has given your name as a referee", "The candidate is copied into
    this email for information only"), if `text` is one: no task of the user's, and no
    hiring mail of theirs (classify's "to a referee")."""
    lower = text.lower()
    if not any(word in lower for word in _REFEREE_WORDS):
        return None  # (the classifier asks of every message: the search costs 9% of it)
    found = _TO_REFEREE.search(text)
    return found.group() if found else None


# Requests: a deadline only when the date follows "by", "before", "until", "within"...
_REQUEST = re.compile(
    r"\b(?:please|kindly|pls|lmk)\b"  # ("lmk": "let me know")
    r"|(?:^|\s[-–:]\s)\W*(?:respond|reply|return|send|submit|complete|sign|confirm|provide"
    r"|upload|accept|let\s+(?:us|me)\s+know|get\s+back\s+to\s+(?:us|me)|book|schedule"
    r"|choose|select|pick|fill\s+(?:in|out)|finish|register)\b"
    r"|\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?(?:be\s+able\s+to\s+)?(?:send"
    r"|confirm|let|return|complete|provide|submit|sign|respond|reply|get\s+back|come\s+back)\b"
    # "We'd be grateful if you could let us know your decision by ...", "I'd appreciate it if
    # you could come back to me by Friday": a polite ask, not their decision
    r"|\bif\s+you\s+(?:could|can|would|were\s+able\s+to)\s+(?:please\s+|kindly\s+)?(?:send"
    r"|confirm|let\s+(?:us|me)|return|complete|provide|submit|sign|respond|reply|get\s+back"
    r"|come\s+back)\b",
    re.IGNORECASE,
)
# ... or "before then" after a day said earlier in the sentence
_BY_THEN = re.compile(r"\b(?:by|before)\s+then\b", re.IGNORECASE)
# ... not when that day is a job's closing date ("This role closes on Friday 20 November, so
# let me know if you'd like a chat before then": whether to apply is the user's choice)
_AD_CLOSES = re.compile(
    r"\b(?:role|position|vacancy|job|post|advert|posting|applications?)\s+(?:\w+\s+){0,2}?"
    r"(?:closes?|closing|will\s+close|is\s+open\s+until)\b|\bclosing\s+date\b",
    re.IGNORECASE,
)
# ... or a span the request's verb governs: "Please complete it within 7 days of receiving
# this email" (not "Please note we reply within 5 days": theirs)
_ASKED_WITHIN = re.compile(
    r"\b(?:please|kindly)\s+(?:(?:be\s+sure\s+to|make\s+sure\s+(?:to|you)|remember\s+to"
    r"|ensure\s+(?:that\s+)?you|try\s+to)\s+)?(?:complete|submit|return|sign|respond|reply"
    r"|confirm|send|upload|finish|take|accept|book|schedule|fill\s+(?:in|out))\b[^.!?;]{0,60}?$",
    re.IGNORECASE,
)
_DEADLINE_PREPOSITION = re.compile(
    r"\b(?:by|before|until|till|within|no\s+later\s+than|prior\s+to|ahead\s+of"
    r"|on\s+or\s+before)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# (a slot booked with no meeting word: "I've booked us in for Friday at 15:00", "I've
# pencilled you in for Monday"; the user asked to come in, as a shop or a restaurant asks:
# "can u come in tmrw at 2?", "Please stop by the store on Friday", "Come in Saturday at 4";
# not "applications come in"); an academic's visit and talks ("Your chalk talk is scheduled
# for 10 AM on 2/2", "a campus visit on January 25-26"); a meal that is the user's ("wants
# you at the board dinner on Tuesday 12 January", "your breakfast with the chair", "join us
# for lunch on Friday"; not "Lunch is at 12:30", "breakfast from 7.30am as usual")
_MEAL = r"(?:breakfast|lunch|dinner)"
_MEETING = re.compile(
    r"\b(?:interview|call|meeting|chat|phone\s+screen|screen(?:ing)?|video\s+call|zoom|onsite"
    r"|on-site|assessment\s+(?:centre|center|day)|conversation|coffee|catch[\s-]?up|session"
    r"|appointment|meet(?:\s+(?:you|with))?|speak\s+(?:with|to)\s+you|attend|be\s+there"
    r"|see\s+you|(?:booked|pencill?ed)\s+(?:us|you)(?:\s+both)?\s+in"
    r"|(?:job|chalk|research|teaching)\s+talk|campus\s+visit"
    rf"|your\s+(?:[\w'’-]+\s+){{0,2}}?{_MEAL}|(?:you|u)\s+(?:at|to|for)\s+(?:the|a|an|our)\s+"
    rf"(?:[\w'’-]+\s+){{0,2}}?{_MEAL}|join\s+(?:us|me|them)\s+for\s+(?:a\s+)?{_MEAL}"
    rf"|{_MEAL}\s+with\s+(?:you|u))\b"
    r"|(?:(?<=\byou\s)|(?<=\bu\s)|(?<=\byou\sto\s)|(?<=\bu\sto\s)|(?<=\bplease\s)"
    r"|(?<=\bpls\s)|^\W*)(?:come\s+(?:in|by)|stop\s+by)\b",
    re.IGNORECASE,
)
_NOT_A_MEETING = re.compile(
    r"\b(?:thank(?:s|\s+you)|enjoyed|pleasure|great\s+to|nice\s+to|was|were|had|earlier"
    r"|yesterday|last|following|availability|available|free|would\s+\w+\s+work"
    r"|does\s+\w+\s+work|options?"
    r"|cancel(?:l?ed|led|ling|lation)?"
    r"|slots?|let\s+(?:me|us)\s+know\s+(?:which|what|when|if))\b",
    re.IGNORECASE,
)
# ... nor is one the user may come to, said of the meeting word itself: "our optional
# candidate Q&A session on Wednesday at 5pm", "you're welcome to join the team's coffee
# chat" (not "your interview on Tuesday at 10:00, with an optional lunch afterwards")
_OPTIONAL_BEFORE = re.compile(
    r"(?:\boptional|\b(?:welcome|free)\s+to\s+(?:join|attend|come\s+(?:along\s+)?to"
    r"|drop\s+(?:in|by)\s+(?:to|at|for)))\s+(?:[\w&'’-]+\s+){0,3}?$",
    re.IGNORECASE,
)
# A call that is not the user's: a courier's or a driver's ("The courier will call ahead"), one
# with or about the user's referees ("a reference call", "we'll call your referees on
# Monday"), or a panel's own meeting; blanked before a meeting word is looked for, so "...
# and your interview is on Friday" still is one
_NOT_YOUR_CALL = re.compile(
    r"\bcall(?:s|ing)?\s+ahead\b"
    r"|\b(?:courier|driver|delivery\s+(?:driver|company|firm|service|team))s?\s+(?:will|would"
    r"|should|may|might|can|is\s+going\s+to)?\s*(?:call|ring|phone)\b"
    r"|\b(?:reference|referee)\s+(?:calls?|checks?)\b"
    r"|\b(?:call|ring|phone|speak\s+(?:to|with))(?:ing)?\s+(?:(?:your|the|my|both|two|three"
    r"|previous|former)\s+){0,2}(?:referees?|references)\b"
    # ... nor is their own meeting: "The faculty will meet on 12/14 to discuss all the
    # candidates", "The panel will meet tomorrow morning" (not "... will meet you on Tuesday")
    r"|\b(?:the|our)\s+(?:[\w-]+\s+)?(?:panel|faculty|committee|board|department|interviewers"
    r"|governors|trustees|partners)\s+(?:will|is\s+going\s+to|are\s+going\s+to|plans?\s+to"
    r"|(?:is|are)\s+due\s+to|should)\s+(?:\w+ly\s+)?meet\b(?!\s+(?:with\s+)?(?:you|u)\b)",
    re.IGNORECASE,
)
# A meeting between others, a third person its subject and its object, with the means it is
# held by: "The chair of Civil Engineering would like to speak with Dr. Ashby by Zoom on
# 1/12", "your partner will meet the dean on Monday", "I'll speak with the client on Monday"
# (not "... would like to speak with you", "we'd like you to meet Dr Lee", "Anna will meet
# the shortlisted candidates", nor the subject-less "the next step is to meet the hiring
# manager": the user's); blanked with _NOT_YOUR_CALL
_THIRD_PERSON = (
    r"(?:(?:dr|mr|mrs|ms|mx|prof|professor|sir|dame)\.?\s+[\w'’-]+"
    rf"|(?!(?:{_DAY_NAME}|today|tomorrow|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b)"
    r"(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?"
    r"|(?:the|our|your|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:chair|dean|head|director|manager"
    r"|partner|spouse|husband|wife|client|provost|president|ceo|cfo|cto|coo|founder|board|team"
    r"|panel|committee|department|recruiter|hr|other\s+candidates?|referees?)s?)\b"
)
_OTHERS_TALK = re.compile(
    r"\b(?!(?:you|u)\b)(?:he|she|they|we|I|(?:the|our|your|their|his|her)\s+(?:[\w-]+\s+){0,6}?"
    r"[\w-]+|(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)\s+(?:will|would\s+like\s+to"
    r"|wants?\s+to|(?:is|are)\s+(?:going|due|hoping)\s+to|plans?\s+to|hopes?\s+to"
    r"|['’]d\s+like\s+to|['’]ll)\s+(?:also\s+)?(?:speak|talk|meet|chat)\s+(?:(?:with|to)\s+)?"
    rf"{_THIRD_PERSON}(?:\s+(?:by|via|over|on)\s+(?:zoom|teams|skype|(?:the\s+)?phone"
    r"|video(?:\s+call)?))?",
    re.IGNORECASE,
)
_TALK_WORD = re.compile(r"\b(?:speak|talk|meet|chat)\b", re.IGNORECASE)
# A pre-employment check's appointment is no hiring meeting: "You have booked a DBS
# appointment on Monday 11 January at 10:00", "your occupational health call", "an ID check
# appointment"; blanked with _NOT_YOUR_CALL
_CHECK_APPOINTMENT = re.compile(
    r"\b(?:dbs|disclosure(?:\s+and\s+barring)?|id(?:entity)?(?:\s+(?:document|check"
    r"|verification))?|right[\s-]to[\s-]work(?:\s+check)?|occupational\s+health|pre-?employment"
    r"(?:\s+(?:check|screening|health))?|fingerprint(?:ing|s)?|vetting|security\s+clearance)"
    r"\s+(?:appointments?|calls?|sessions?|checks?\s+appointments?)\b",
    re.IGNORECASE,
)
# A slot the user has booked, or is thanked for booking, is no choice left open: "You have
# booked an interview slot on ...", "You have booked the following interview slot:", "Your
# interview slot has been booked for ...", "Thank you for booking your interview" (not
# "please book your interview slot by Friday", a request, nor "slots are available")
_SLOT_BOOKED = re.compile(
    r"\b(?:you\s+have|you['’]ve)\s+(?:now\s+|successfully\s+)?(?:booked|chosen|selected)"
    r"\s+(?:(?:an?|the|your)\s+)?(?:following\s+)?(?:interview\s+)?slot\b"
    r"|\byour\s+(?:interview\s+)?slot\s+(?:has\s+been|is)\s+(?:now\s+)?(?:booked|confirmed)\b"
    r"|\bthank(?:s|\s+you)\s+for\s+(?:booking|choosing|selecting)\s+(?:an?\s+|the\s+|your\s+)?"
    r"(?:interview(?:\s+slot)?|slot)\b",
    re.IGNORECASE,
)


def _booked_blanked(text: str) -> str:
    """`text` with a slot said booked (_SLOT_BOOKED) blanked, for the words that would take
    it for a choice or a look back ("slot", "thank you")."""
    return _SLOT_BOOKED.sub(lambda booked: " " * len(booked.group(0)), text)


# A day said to be the user's first day in a job ("All confirmed for Monday 4 January at
# 09:00 - your first day", "see you for your first day on Monday", "your induction", "start
# date") is no meeting, unless its sentence names one ("your first interview is on Monday",
# "a call before your start date, on Wednesday at 10:00", "let's meet on Friday at 10:00 to
# discuss your start date")
_START_DAY = re.compile(
    r"\b(?:first|1st)\s+day\b|\bstart(?:ing)?\s+date\b|\binduction\b|\bonboarding\b",
    re.IGNORECASE,
)
_INTERVIEW_WORD = re.compile(
    r"\b(?:interview\w*|calls?|phone\s+screen|screen(?:ing)?|chat|assessment|on-?site"
    r"|conversation|catch[\s-]?up|coffee|meeting|discuss\w*|talk\s+(?:about|through)"
    r"|go\s+(?:through|over))\b",
    re.IGNORECASE,
)
# A day governed by a closure is not a meeting's: "our office is closed on Thursday, December
# 24, 2026 12:00 PM onwards", "our assessment centre closes for the holidays on Wednesday 23
# December"
_CLOSED_ON = re.compile(
    r"\b(?:closed|closes|closing|shut|shuts)\s+(?:(?:for|over)\s+(?:the\s+)?[\w-]+"
    r"(?:\s+(?:holidays?|break|period))?\s+)?(?:(?:from|after)\s+(?:\d{1,2}(?::\d{2})?"
    r"\s*(?:[ap]\.?m\.?)?|noon|midday)\s+)?(?:on|from|until|till|between|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A meeting moved or called off: "we need to move your interview from Thursday to Monday
# 30 November at 10:00", "I'm afraid we have to cancel your interview on Thursday".
_MEETING_OFF = re.compile(
    r"\b(?:mov(?:e|ed|ing)|re-?schedul\w*|re-?arrang\w*|postpon\w*"
    r"|push(?:ed|ing)?\s+(?:[\w'’-]+\s+){0,3}?back"  # "push Tuesday's call back to ..."
    r"|br(?:ing|ought)\s+(?:it\s+)?forward|cancel\w*|call(?:ed|ing)?\s+(?:it\s+)?off"
    r"|chang(?:e|ed|ing)\s+the\s+(?:date|day|time))\b",
    re.IGNORECASE,
)
# Every word _MEETING_OFF needs one of: a cheap test before the pattern, read per sentence
_OFF_WORDS = frozenset(
    {
        "move", "moved", "moving", "reschedule", "rescheduled", "rescheduling", "schedule",
        "scheduled", "scheduling", "rearrange", "rearranged", "rearranging", "rearrangement",
        "arrange", "arranged", "arranging", "postpone", "postponed", "postponing",
        "postponement", "push", "pushed", "pushing", "bring", "brought", "cancel", "cancels",
        "cancelled", "canceled", "cancelling", "canceling", "cancellation", "cancelation",
        "cancellations", "off", "change", "changed", "changing",
    }
)  # fmt: skip
# "the new time is", "and its new date will be": what follows is where a meeting moved to
_NEW_SLOT = (
    r"(?:the|its|your)\s+new\s+(?:date\s+and\s+time|time\s+and\s+date|date|time|slot)"
    r"\s+(?:is|will\s+be)(?:\s+now)?"
)
# the day a meeting moved to: "moved to Monday", "... so your interview is now on Monday",
# "moved to our other site; the new time is Friday"
_MOVED_TO = re.compile(
    r"\b(?:to|until|till|for|now(?:\s+(?:be|takes?\s+place|(?:be\s+)?held))?(?:\s+(?:on|at))?"
    rf"|{_NEW_SLOT}(?:\s+(?:on|at))?)\s+(?:the\s+|this\s+|next\s+|a\s+)?$",
    re.IGNORECASE,
)
_MOVED_FROM = re.compile(r"\bfrom\s+(?:the\s+|this\s+|next\s+|your\s+|our\s+)?$", re.IGNORECASE)
# The user taking a time offered: "Thursday 26 November at 10:00 works for me", "...
# at 15:00 works." (a bare "works" ending the sentence)
_SLOT_TAKEN = re.compile(
    r"\b(?:works?\s+(?:for\s+me|for\s+us|fine|well|perfectly|great|for\s+my\s+diary)"
    r"|works(?=\s*[.!]|\s*$)"
    r"|suits?\s+(?:me|us)|(?:is|sounds)\s+(?:perfect|great|fine|good)"
    r"|(?:i|we)\s*(?:can|will|['’]ll)\s+(?:make\s+it|be\s+there)|confirm(?:s|ed|ing)?"
    # ... or as the user's PA writes it for them: "Eleanor will come to Berkeley Square on
    # Friday 18 December at 11.00am", "Eleanor would be pleased to meet Charlotte on ...",
    # "I would be delighted to attend on Thursday 21 January" (not "... come back to you")
    r"|(?:will|['’]ll)\s+(?:come\s+(?:to|in(?:to)?|along|over|round)|attend|join\s+(?:you|us|them))"
    r"|(?:would|['’]d)\s+be\s+(?:delighted|pleased|happy|glad)\s+to\s+(?:attend|meet|come|join)"
    r"|(?:will|['’]ll)\s+take(?=\s+(?:the\s+)?(?:mon|tue|wed|thu|fri|sat|sun|\d))"
    r"|see\s+you\s+(?:on|at|then)|look(?:ing)?\s+forward\s+to\s+(?:meeting|speaking|seeing"
    r"|talking|chatting|our|the\s+(?:interview|call|meeting|chat)))\b",
    re.IGNORECASE,
)
# (their gladness to come is a yes to a time, unless a condition follows: an offer)
_GLAD_TO = re.compile(r"(?:would|['’]d)\s+be\s+\w+\s+to\b", re.IGNORECASE)
# ... not a time still to be found out: "Let me check whether Wednesday at 15:00 works"
_TAKEN_IN_DOUBT = re.compile(r"\b(?:if|whether|check|unless)\b", re.IGNORECASE)
# ... nor a no said softly: "Tuesday at 14:00 hardly works for me, sorry"
_BARELY = re.compile(r"\b(?:hardly|barely|scarcely)\b", re.IGNORECASE)
# ... nor a day the user declines before a yes to another: "I can't make Thursday 21
# January; I'd be delighted to attend on another day"
_DECLINED_DAY = re.compile(
    r"\b(?:can['’]?t|cannot|can\s+not|(?:unable|not\s+able)\s+to|won['’]t\s+be\s+able\s+to)"
    r"\s+(?:make|do|attend|manage)\s+(?:it\s+)?(?:on\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# A time of day agreed with no meeting word, as a reply settles one: "confirmed: Monday,
# 04.01.2027, 15:00-15:45 CET with ...", "All confirmed for Thursday at 10:00", "Wonderful -
# you're confirmed for Thursday, December 10 at 10:00 AM Eastern", "perfect,
# Thursday 07.01.2027 at 10:00 CET it is" (not "Start date confirmed: ...", nor "Thursday at
# 10:00 it is not possible"; the day opens its sentence, after a word of assent at most)
_ASSENT = (
    r"\W*(?:(?:perfect|great|ok(?:ay)?|fine|good|excellent|lovely|brilliant|wonderful|super"
    r"|so|then|right|alright|all\s+right|yes|sure)\W+){0,2}"
)
_CONFIRMED_BEFORE = re.compile(
    rf"{_ASSENT}(?:(?:all|everything|that(?:['’]s|\s+is)|it(?:['’]s|\s+is)|this\s+is"
    r"|you(?:['’]re|\s+are)(?:\s+(?:all|now))?)\s+)?"
    r"confirmed\s*(?:[:–—]\s*|-\s+|,\s*|\s+(?:for|on)\s+)(?:on\s+|for\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_IT_IS_AFTER = re.compile(r"\s*\bit\s+is(?:\s+then)?(?=\s*(?:[.!,;]|$))", re.IGNORECASE)
_ASSENT_BEFORE = re.compile(rf"{_ASSENT}(?:(?:on|at)\s+)?(?:the\s+)?", re.IGNORECASE)
# ... or said to work, after a place at most, ending its clause: "No problem at all -
# Thursday 10 December at 11:00 works for us.", "Weds 9th 3pm at Ozone on Leonard St works.",
# "Thursday 10 December at 11:00 is confirmed." (not "... works for the delivery", "... works
# better for me than Tuesday", "... is confirmed as your start date")
_AGREED_OPENING = re.compile(
    r"\W*(?:(?:no\s+(?:problem|worries)(?:\s+at\s+all)?|of\s+course|(?:many\s+)?thanks|thank"
    rf"\s+you|thx)(?:\s+(?-i:[A-Z])[\w'’-]+)?\s*(?:[,.!:;–—]|\s-)+)?{_ASSENT}(?:(?:on|at)\s+)?"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_WORKS_AFTER_PLACE = re.compile(
    r"(?:\s*,?\s*\b(?:at|in)\s+(?:[\w&'’.-]+\s+){1,6}?|\s*)\b(?:works(?:\s+(?:for\s+(?:us|me|both"
    r"\s+of\s+us|everyone)|well|fine|perfectly|great))?|suits\s+(?:us|me)|is\s+confirmed)"
    r"(?:\s+(?:too|as\s+well))?(?=\s*(?:[.!,;:–—]|-\s|$))",
    re.IGNORECASE,
)

# ... but the mail asks the user whether a time suits: "Thursday at 11:00 works for us - let
# me know if that suits you", "... Does that work for you?"
_SUIT_ASKED = re.compile(
    r"\b(?:let\s+(?:me|us)\s+know|(?:please\s+)?confirm|check)\s+(?:if|whether)\b"
    r"|\b(?:works?|suits?|ok(?:ay)?|convenient|alright)\b[^.!?\n]{0,40}\?"
    # or which of two it prefers: "..., Friday at 15:00 too. Which do you prefer?",
    # "Alternatively Friday at 15:00", "Or would you rather do Friday?"
    r"|\b(?:which|what)\b[^.!?\n]{0,40}\b(?:prefer\w*|rather|better|best)\b[^.!?\n]{0,40}\?"
    r"|\bwould\s+you\s+(?:rather|prefer)\b|\balternatively\b|\bas\s+does\b",
    re.IGNORECASE,
)
# ... nor when the time is a thing's, not a meeting's, and the mail names no meeting: "Monday 4
# January at 09:00 works for us. Please bring your passport on the day." (a start date), "...
# works for us for the laptop delivery", "... is confirmed. The relocation payment will show"
_NOT_A_MEETING_THING = re.compile(
    r"\b(?:start(?:ing)?\s+date|first\s+day|induction|onboarding|deliver(?:y|ed|ing)?|courier"
    r"|laptop|equipment|payments?|payroll|relocation|reference\s+(?:call|check)s?|referees?"
    r"|passport|expenses)\b",
    re.IGNORECASE,
)
_MEETING_HINT = re.compile(
    r"\b(?:interview\w*|chat|meet\w*|speak|talk|catch\s+up|see\s+you|teams|zoom|video)\b"
    r"|\b(?:a|the|our|your|quick|short|phone|video)\s+call\b|\bcall\s+with\b",
    re.IGNORECASE,
)


def _time_agreed_here(
    text: str, days: list[TimeMention], offset: int, works: bool = False
) -> re.Match[str] | None:
    """The cue of a day and time agreed in `text` (a clause at `offset` of its sentence)
    without a meeting word (_CONFIRMED_BEFORE, _IT_IS_AFTER; with `works`, their own word
    that it works or is confirmed too: _WORKS_AFTER_PLACE), if one of `days` with a time of
    day is so agreed."""
    for mention in days:
        start, end = mention.start - offset, mention.end - offset
        if mention.at is None or start < 0:
            continue
        if cue := _CONFIRMED_BEFORE.fullmatch(text, 0, start):
            return cue
        if _ASSENT_BEFORE.fullmatch(text, 0, start) and (cue := _IT_IS_AFTER.match(text, end)):
            return cue
        if (
            works
            and _AGREED_OPENING.fullmatch(text, 0, start)
            and (cue := _WORKS_AFTER_PLACE.match(text, end))
            and not _NEGATION.search(cue.group(0))
            and not _TAKEN_IN_DOUBT.search(text, end)
        ):
            return cue
    return None


# With no day named, only the user's meeting that is the object of the verb is called off
# ("we need to reschedule your interview", "your interview has been cancelled"): not one
# after "moving you forward to a call", not "our team meeting" or "my dentist appointment"
_MEETING_WORD = (
    r"(?:interviews?|calls?|meetings?|chats?|phone\s+screen|screen(?:ing)?|on-?site|sessions?"
    r"|appointments?|assessment(?:\s+(?:centre|center|day))?)"
)
_MEETING_KIND = (
    r"(?:(?:phone|video|zoom|teams|final|first|second|third|next|technical|panel|follow-?up"
    r"|in-?person|on-?site|onsite|hiring\s+manager)\s+)?"
)
_WHOSE = r"(?:the|your|our|this|that|today['’]s|tomorrow['’]s)\s+"
_OFF_VERB = (
    r"(?:mov(?:e|ing)|re-?schedul(?:e|ing)|re-?arrang(?:e|ing)|postpon(?:e|ing)|cancel(?:l?ing)?"
    r"|push(?:ing)?\s+back|call(?:ing)?\s+off)"
)
_OFF_DONE = r"(?:moved|re-?scheduled|re-?arranged|postponed|cancell?ed|pushed\s+back|called\s+off)"
# what may stand between a meeting and the verb that calls it off: "has been", "needs to
# be", "will need to be", "has to be" (not "may need to be": a hedge calls nothing off)
_OFF_AUXILIARY = (
    r"(?:(?:has|have|had|is|was|will|needs?|must)\s+(?:\w+ly\s+)?"
    r"(?:(?:been|be|(?:(?:need|have)\s+)?to\s+be)\s+)?(?:\w+ly\s+)?)?"
)
# "your call with the CTO", "the interview with Sam", "a chalk talk with the faculty": whom a
# call or an interview is with (not a "meeting with the board", which is often someone else's)
_WITH_WHOM = (
    r"(?:(?<=interview)|(?<=call)|(?<=chat)|(?<=talk))\s+with\s+(?:the\s+|our\s+|my\s+)?"
    r"(?:[\w-]+\s+){0,2}?[\w-]+"
)
_CALLED_OFF = re.compile(
    rf"\b{_OFF_VERB}\s+{_WHOSE}{_MEETING_KIND}{_MEETING_WORD}\b"
    rf"|\b{_WHOSE}{_MEETING_KIND}{_MEETING_WORD}(?:{_WITH_WHOM})?\s+{_OFF_AUXILIARY}{_OFF_DONE}\b",
    re.IGNORECASE,
)
# "moved to a video call", "move your interview to Teams", "moved to the client's offices":
# the meeting stays, only its form or place changes (not "moved to a later date": a move in
# time). A day right after the place is where it moved in time too ("moved to our offices on
# Friday at 10:00"), unless it is the same slot ("moved to Zoom, at the same time on
# Thursday", "... still at 14:00 on Thursday": _SAME_SLOT)
_MOVED_ELSEWHERE = re.compile(
    r"(?:\s+(?!(?:to|into|over)\b)[\w'’-]+){0,5}?\s+(?:to|into|over\s+to)\s+"
    r"(?:(?:a|an|the|another|a\s+different|our|your|their)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:video|zoom|(?:ms\s+)?teams|google\s+meet|webex|skype|phone|telephone|virtual|online"
    r"|remote|in-?person|face[\s-]to[\s-]face|(?:board|meeting\s?)?rooms?|floor|offices?"
    r"|building|venue|location|address|sites?|campus|hq|headquarters)\b"
    r"|\s+(?:online|on\s?line)\b",
    re.IGNORECASE,
)
_SAME_SLOT = re.compile(
    r"\W*(?:(?:but|and)\s+)?(?:(?:(?:at|on)\s+)?the\s+same\s+(?:time|day|date|slot)"
    r"|still\s+(?:at|on|for)|as\s+(?:before|planned|scheduled|arranged))\b",
    re.IGNORECASE,
)
# what may stand between the new place and its new day: "to HQ, on Friday", "to Teams for"
_PLACE_THEN_DAY = re.compile(r"\s*,?\s*(?:(?:on|for)\s+(?:the\s+)?)?", re.IGNORECASE)
# "thanks for rescheduling the interview", "no need to move the interview", "you can
# reschedule or cancel your interview using the link below"
_NOT_CALLED_OFF = re.compile(
    r"\b(?:thank(?:s|\s+you)|grateful|appreciate|no\s+need|you\s+(?:can|could|may|might"
    r"|are\s+(?:able|welcome|free)\s+to|will\s+be\s+able\s+to)|option\s+to|feel\s+free\s+to"
    r"|able\s+to)\b",
    re.IGNORECASE,
)
# A move or a cancellation still in doubt, before its verb: "we may need to reschedule",
# "your interview will probably need to be moved", "it's possible / there's a chance / worst
# case / I think your interview will need to be moved" (not "as you probably know, ...")
_OFF_HEDGE = re.compile(
    r"\b(?:may|might|could|probably|likely|possibly|perhaps|maybe|potentially)\s+"
    r"(?:[\w'’]+\s+){0,4}?$"
    r"|\b(?:(?:it|this)(?:\s*['’]\s*s|\s+is)\s+(?:quite\s+|very\s+|entirely\s+)?(?:possible"
    r"|likely|probable)|there(?:\s*['’]\s*s|\s+is)\s+(?:(?:a|some)\s+)?(?:(?:small|slight|good"
    r"|real|strong)\s+)?(?:chance|risk|possibility)|chances\s+are|worst[\s-]case"
    r"|(?:may|might|could)\s+(?:well\s+)?be\s+that"
    r"|(?<!\bas\s)(?:i|we)\s+(?:think|suspect|guess|imagine|fear|believe))"
    # ... a few words before the verb, in its clause: "I think we'll need to reschedule",
    # "I think your interview will need to be moved", not "As I think I mentioned, your
    # interview has been moved" nor "I think it's only fair to tell you now that your
    # interview has been cancelled"
    r",?(?:\s+[\w'’-]+){0,8}?\s*$",
    re.IGNORECASE,
)
# ... or under a condition right after its verb: "will need to be rescheduled only if the
# panel is unavailable" (not "..., if that's alright")
_OFF_IF = re.compile(
    r"\s+(?:only\s+)?(?:if|unless|in\s+case|provided|should\s+(?:the|we|they|it|there))\b",
    re.IGNORECASE,
)
_BY_LINK = re.compile(
    r"\b(?:using|via|through|with|from|at)\s+(?:the|this|our)\s+(?:link|button|portal)\b|\blink\b",
    re.IGNORECASE,
)
# Something else moved or called off, in a sentence that may go on about the user's meeting:
# "The CEO's meeting was cancelled so she can now join your interview on Thursday", "Our
# team meeting has been cancelled, so ...", "Our office move has been postponed, so your
# interview on Thursday is still at the old address". The thing is the subject before a
# passive verb ("... has been cancelled"), the object after an active one ("cancel my other
# meeting"), or a noun of moving itself ("the office move is on Thursday"). A private
# appointment or commitment is no hiring meeting either: "I had to cancel my dentist
# appointment, so Thursday works", "I've moved another appointment" (but "I need to move
# my interview", and a bare "my appointment", which an ATS may call the interview, are). An
# interview "with the other candidate" is someone else's too.
_OTHERS_MEETING = re.compile(
    rf"(?<!\byour\s)(?:\b(?!{_DAY_NAME}['’]s|today['’]s"
    r"|tomorrow['’]s)[\w-]+['’]s|\b(?:his|her|their|another|other|team|board|staff|internal"
    r"|company|all-hands|leadership|management|department|weekly|monthly|quarterly|planning"
    r"|budget))\s+(?:[\w-]+\s+){0,2}?meetings?\b(?!\s+with\s+(?:you|us)\b)"
    r"|\b(?:dentist|dental|doctor|gp|hospital|medical|clinic|optician|physio|vet|another|other"
    r"|personal|family|prior|previous)(?:['’]?s)?\s+(?:appointments?|commitments?)\b"
    # "the interview with the other candidate", "a call with someone else"
    rf"|\b{_MEETING_WORD}\s+with\s+(?:(?:the|an?)\s+)?(?:(?:other|another|next|previous|first"
    r"|second|internal)\s+(?:candidates?|applicants?|interviewees?|person|people)"
    r"|(?:someone|somebody)\s+else)\b",
    re.IGNORECASE,
)
_PASSIVE_SUBJECT = re.compile(
    r"(?:[\w&'’-]+\s+){1,5}?(?:(?:has|have|had)\s+(?:\w+ly\s+)?been|is|are|was|were|got|gets"
    r"|(?:will|would|must|needs?\s+to|ha(?:s|d|ve)\s+to)\s+(?:\w+ly\s+)?be)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_OFF_DONE_WORD = re.compile(_OFF_DONE, re.IGNORECASE)
# "office move", "house move": a noun of moving with a word of its own before it
_NOUN_BEFORE = re.compile(
    r"(?:[\w&'’-]+\s+){0,3}?(?!(?:the|a|an|this|that|our|your|my|their|his|her)\s)[\w&'’-]+\s+$",
    re.IGNORECASE,
)
_SUBJECT_CHARS = 120  # how far back the subject of a verb is looked for
_CLAUSE_END = re.compile(r"[,;:–—]|\s-\s")
_AUXILIARY = re.compile(r"\s+(?:has|have|had|is|was|were|will)\b", re.IGNORECASE)
_ACTIVE_OBJECT = re.compile(
    r"\s+(?:[\w&'’-]+\s+){0,3}?(?:meetings?|appointments?|commitments?)\b", re.IGNORECASE
)
# what the user's meeting may be called in such a subject: "it", "Thursday", "the date"
_MEETING_SUBJECT = re.compile(
    r"\b(?:it|this|that|everything|(?<!start\s)(?<!closing\s)date|time|slot|round|stage"
    rf"|panel|day|today|tomorrow|{_DAY_NAME})\b",
    re.IGNORECASE,
)
# "cancel Thursday's interview", "Thursday's interview has been cancelled": the day of a
# meeting said in the possessive, which find_time_mentions does not read as a date
# ("Friday's all-hands"), read only as the object of a move or a cancellation
_POSSESSIVE_DAY = re.compile(
    rf"\b{_OFF_VERB}\s+(?:the\s+)?{_DAY_NAME}['’]s"
    rf"(?=\s+{_MEETING_KIND}{_MEETING_WORD}\b)"
    rf"|\b{_DAY_NAME}['’]s(?=\s+{_MEETING_KIND}{_MEETING_WORD}"
    rf"(?:{_WITH_WHOM})?\s+{_OFF_AUXILIARY}{_OFF_DONE}\b)",
    re.IGNORECASE,
)
# A promise to confirm a meeting on the day it names: "we'll confirm the interview for
# Tuesday", "... your call on Monday at 10:00" (not "confirm the time of your interview on
# Tuesday by tomorrow", whose promise has a day of its own, nor "... on Monday at 10:00 once
# the panel is booked", still a promise to confirm it)
_CONFIRMS_MEETING = re.compile(
    rf"(?<=confirm)\s+{_WHOSE}{_MEETING_KIND}{_MEETING_WORD}\s+(?:is\s+|will\s+be\s+)?"
    r"(?:on|for|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CONFIRM_CONDITION = re.compile(
    r"\b(?:if|unless|when|once|as\s+soon\s+as|provided|subject\s+to|pending)\b", re.IGNORECASE
)
_THANKS_FIRST = re.compile(
    r"^\W*(?:many\s+)?thank(?:s|\s+you)(?:\s+\w+)?\s*[,.!:;–-]+\s*", re.IGNORECASE
)
_REPLY = CommitmentKind.REPLY
# A sentence that dates the promise before it: "Should be within the next couple of days.",
# "They should do this within 30 working days."
_FOLLOW_UP = re.compile(
    r"\W*(?:(?:it|this|that|which|hopefully|probably|likely|ideally)\s+)?(?:(?:should|will|would"
    r"|may|might)\s+be\b|(?:hopefully|probably|likely|ideally|expect(?:ed)?|aiming\s+for"
    r"|hoping\s+for|by|within|in\s+the\s+next)\b"
    r"|(?:they|we|he|she|I)(?:\s+(?:should|will|would|aim\s+to|expect\s+to)|['’]ll)\s+(?:\w+ly\s+)?"
    r"do\s+(?:this|that|so|it)\b)",
    re.IGNORECASE,
)
# "... and let me know" starts the user's part; "... and let you know" goes on with the
# speaker's ("I will forward your CV to the client and let you know their thoughts")
_CLAUSE_BREAK = re.compile(
    rf";(?!\s*(?:and\s+)?{_NEW_SLOT})|,?\s+(?:and|but|so|then|or|while)\s+"
    r"(?=(?:we|i|you|they|please|let(?!\s+you\b)|send|the\s+team)\b)"
    r"|,\s+(?=(?:we|i|you|they|please)\b)|\s+so\s+that\s+",
    re.IGNORECASE,
)
_BREAK_CANDIDATE = re.compile(r"\n(?:[ \t]*\n)+|\n|(?<=[.!?])[\"')\]]*[ \t]+")
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|fwd?|aw|sv|antw)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
# Words one of which every cue above contains, or a time word: a cheap set test that
# spares most sentences the regexes.
# Words one of which every cue above contains: a cheap set test that spares most
# sentences the regexes (a sentence with a time of day is read too, for meeting times).
_CUE_WORDS = frozenset(
    [
        "decisions", "responses", "outcomes", "allow", "us",
        "will", "shall", "ll", "should", "must", "expect", "expects", "expected", "hope", "aim",
        "plan", "intend", "promise", "promised", "endeavour", "endeavor", "going", "planning",
        "aiming", "hoping", "hear", "touch", "notified", "contacted", "informed", "advised",
        "updated", "called", "emailed", "made", "communicated", "announced", "released", "sent",
        "available", "shared", "provided", "ready", "finalised", "finalized", "known", "confirmed",
        "given", "please", "kindly", "pls", "until", "deadline", "expires", "expire", "expiring",
        "expiry", "valid", "later", "due", "need", "respond", "reply", "return", "send", "submit",
        "complete", "sign", "confirm", "provide", "upload", "accept", "let", "get", "book",
        "schedule", "choose", "select", "pick", "fill", "finish", "register", "can", "could",
        "would", "interview", "interviews", "call", "meeting", "chat", "screen", "screening",
        "video", "zoom", "onsite", "site", "assessment", "conversation", "coffee", "catch",
        "session", "appointment", "meet", "speak", "attend", "there", "see", "decision", "feedback",
        "outcome", "news", "response", "offer", "make", "reach", "take", "have", "give",
        "hopefully", "probably", "likely", "ideally", "answer", "confirmation", "exercise",
        "task", "challenge", "questionnaire", "closes", "close", "come", "revert", "contact",
        "inform", "update", "write", "expects", "hopes", "aims", "plans", "intends", "revisit",
        "resume", "restart", "shortlist", "shortlisting", "sift", "sifting", "heard", "assume",
        "grateful", "appreciated", "reach", "ill", "lmk", "talk", "visit", "breakfast", "lunch",
        "dinner"
    ]
)  # fmt: skip
_WORD = re.compile(r"[a-z]+")
_CLOCK_WORDS = frozenset({"am", "pm", "noon", "midday"})
_AT_HOUR = re.compile(r"\b(?:at|@)\s*\d{1,2}(?:\.\d{2})?\b(?![:.]\d)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# Words one of which an undated promise needs ("we'll be in touch", "you will hear").
_PROMISE_WORDS = frozenset(
    ["will", "shall", "ll", "should", "expect", "hope", "aim", "plan", "intend", "going",
     "hear", "touch", "notified", "contacted", "informed", "ill"]
)  # fmt: skip
# Words of dates and times: deadlines, meetings and dated promises need one (or a digit).
_TIME_WORDS = frozenset(
    ["today", "tonight", "tomorrow", "morning", "afternoon", "evening", "eod", "cob", "monday",
     "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "weeks",
     "fortnight", "month", "months", "day", "days", "hour", "hours", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
     "dec", "christmas", "xmas", "holiday", "holidays", "easter", "thanksgiving", "weekend",
     "shortly", "soon", "sooner", "asap", "promptly", "noon", "midday", "course", "future",
     "year", "years", "tmrw", "tmrow", "tmr", "tmw", "tomoz", "moro", "morrow", "mon", "tue",
     "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun"]
)  # fmt: skip
_HISTORY = re.compile(
    r"^[ \t]{0,20}(?:-{2,}\s*(?:original|forwarded)\s+message\s*-{2,}|_{5,}"
    r"|on\s.{4,160}\bwrote\s?:\s*$|.{0,80}\bon\s+\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{2,4}\s+"
    r"\d{1,2}\s?:\s?\d{2}|from:\s.{3,200}$\n^[ \t]*(?:sent|date|to):)",
    re.IGNORECASE | re.MULTILINE,
)


# A span counted from an event rather than from the message: "within a week of the
# interview", "within two weeks of the closing date", "within 5 working days of receiving
# it". Counted from the message itself ("of today", "of receiving your application"), it is
# as find_time_mentions reads it.
_SPAN_TEXT = re.compile(
    r"(?:within|in|up\s+to|allow)\b.*\b(?:hours?|days?|weeks?|fortnights?|months?)\b"
    r"(?:\s?['’]?s?\s+time)?",
    re.IGNORECASE | re.DOTALL,
)
_OF_EVENT = re.compile(
    r"\s+(?:of|after|following|from)\s+(?!(?:which|we|i|they|he|she)\b)"
    # (with its date in brackets: "of the closing date (18 December 2026)")
    r"(?P<event>(?:[\w'’/-]+\s+){0,7}?[\w'’/-]+(?:\s*\((?=[^()]*\d)[^()]{1,40}\))?)"
    r"(?=\s*(?:[.!?;:,)]|$)|\s+(?:and|but|so|if|unless|when|once|as|to|with|at)\b)",
    re.IGNORECASE,
)
_OF_MESSAGE = re.compile(
    r"(?:today|now|this\s+(?:e-?mail|message|letter|note|invitation|invite)"
    r"|(?:the\s+)?date\s+of\s+this"
    r"|(?:the\s+)?receipt(?!\s+of\s+(?!this\b|your\s+(?:application|cv|e-?mail|message)\b))"
    r"|receiv(?:ing|ed)\s+(?:this|(?:the|your)\s+(?:application|cv|e-?mail|message|invitation"
    r"|invite))"
    r"|your\s+(?:application|submission|e-?mail|message)|(?:you\s+)?apply(?:ing)?)\b",
    re.IGNORECASE,
)
_MEETING_EVENT = re.compile(
    r"\b(?:interviews?|call|meeting|chat|screen(?:ing)?|assessment\s+(?:centre|center|day)"
    r"|on-?site|panel|conversation)\b",
    re.IGNORECASE,
)
_CLOSING_EVENT = re.compile(
    r"\bclos(?:ing\s+date|e\s+of\s+applications|es|ing|e(?=\s+on\b))\b|\bdeadline\b", re.IGNORECASE
)
# "We are interviewing until 4 December and will get back to you the week after": the week
# after the day named before the promise ("the following week" likewise).
_WEEK_AFTER = re.compile(
    r"\bthe\s+week\s+after"
    r"(?=\s*(?:[.!?;:,)]|$)|\s+(?:and|but|so|once|when|at\s+the\s+latest)\b)",
    re.IGNORECASE,
)
# A day governed by a meeting word is the meeting's: "your interview on Tuesday"
_MEETING_DAY = re.compile(
    r"\b(?:interview|call|meeting|chat|screen(?:ing)?|assessment|on-?site)s?\s+"
    r"(?:(?:is|will\s+be|has\s+been)\s+)?(?:on|for|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_THEN = re.compile(r"\b(?:by\s+)?then\b(?=\s*(?:[.!?;:,)]|$))", re.IGNORECASE)
# "I'm on leave in week 48, so we will get back to you after that": after the time before it
_AFTER_THAT = re.compile(
    r"\b(?:(?:straight|right)\s+)?(?:after\s+(?:that|then|this)|afterwards?"
    r"|thereafter)\b(?=\s*(?:[.!?;:,)]|$))",
    re.IGNORECASE,
)
_FOLLOWING_WEEK = re.compile(r"the\s+following\s+week", re.IGNORECASE)
# (span words, event words) -> the day the span ends, counted from the event's day if the
# message names it; extract_commitments builds it over what it has read
_Recount = Callable[[str, str], date | None]


@dataclass(frozen=True)
class _Clause:
    start: int
    text: str


def _strip_history(text: str) -> str:
    """The text above any quoted history ("On ... wrote:", "-----Original Message-----")."""
    match = _HISTORY.search(text)
    kept = text[: match.start()] if match else text
    return "\n".join(line for line in kept.split("\n") if not line.lstrip().startswith(">"))


# A list's numbered meeting: "Round 1:", "Session 2:", "Interview 2:"
_NUMBERED = r"(?:round|session|part|stage|interview|day)[ \t]*\d{1,2}[ \t]*:"
# A line a scheduling tool opens with its meeting's label, as a list's item: "Additional
# interview: Friday, December 11, 2026, 2:00 PM PT", "Next interview: ...", "Round 2: ..."
# (capitalised: not a hard-wrapped sentence going on "... the next stage of the\ninterview:
# a panel")
_MEETING_LABEL_LINE = re.compile(
    r"[ \t]*(?=(?-i:[A-Z]))(?:(?:[\w'’-]+[ \t]+){0,2}(?:interview|meeting|call|session"
    rf"|on-?site)[ \t]*:|{_NUMBERED})",
    re.IGNORECASE,
)


def _sentences(text: str) -> list[_Clause]:
    """Split at blank lines, short or punctuated line ends, and sentence punctuation.

    Hard-wrapped lines (long, unpunctuated) are joined: a sentence may span them, unless the
    next opens as a list's item (a bullet, a meeting's label).
    """
    spans: list[_Clause] = []
    start = 0
    # text with no capital letter (a phone's: "ok. can u do thurs 12/10 at 3? last chance")
    # opens its sentences in lower case
    lower = not any(character.isupper() for character in text)
    for match in _BREAK_CANDIDATE.finditer(text):
        piece = match.group(0)
        if piece == "\n":
            line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip()
            following = text[match.end() : match.end() + 2].lstrip()
            if (
                len(line) >= 45
                and line[-1:] not in ".!?:;"
                and following[:1] not in ("-", "*", "•")
                and not _MEETING_LABEL_LINE.match(text, match.end())
            ):
                continue
        elif "\n" not in piece:
            before = text[max(0, match.start() - 12) : match.start()]
            # "e.g. this", "Dec. 4": no break; text tokenised with spaces (" . ") always breaks,
            # and so does a question or an exclamation ("can u come in? ask for Renee"), or a
            # long plain word's full stop ("thanks for applying. can u come in ...")
            word = before.rsplit(None, 1)[-1].rstrip(".!?\"')]")
            if not before.endswith(" .") and (
                (
                    text[match.end() : match.end() + 1].islower()
                    and not lower
                    and before.rstrip("\"')]")[-1:] not in "?!"
                    and not (len(word) >= 5 and word.isalpha() and word.islower())
                )
                or word.lower() in _ABBREVIATIONS
            ):
                continue
        if text[start : match.start()].strip():
            spans.append(_Clause(start, text[start : match.start()]))
        start = match.end()
    if text[start:].strip():
        spans.append(_Clause(start, text[start:]))
    return spans


def _clauses(sentence: str) -> list[_Clause]:
    """Clauses of a sentence, with their offsets inside it."""
    clauses: list[_Clause] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        clauses.append(_Clause(start, sentence[start : match.start()]))
        start = match.end()
    clauses.append(_Clause(start, sentence[start:]))
    return [clause for clause in clauses if clause.text.strip()]


def _phrase(text: str) -> str:
    return " ".join(text.split())[:_MAX_PHRASE].rstrip(" .,;:")


# The end of an undated promise's phrase: a '.' between digits ("by 04.12.2026") is none.
_PHRASE_END = re.compile(r"[!?;]|(?<!\d)\.|\.(?!\d)")


def _pick(mentions: list[TimeMention], after: int) -> TimeMention | None:
    """The dated mention after the cue, else a dated one before it, else a vague one."""
    ordered = [m for m in mentions if m.start >= after] + [
        m for m in reversed(mentions) if m.start < after
    ]
    dated = [m for m in ordered if m.due is not None]
    return dated[0] if dated else (ordered[0] if ordered else None)


_DASH = re.compile(r"\s[-–—]\s")


def _pick_promised(sentence: str, mentions: list[TimeMention], after: int) -> TimeMention | None:
    """_pick for a promise, where a day that is a meeting's ("the time of your interview on
    Tuesday") gives way to another date after the cue ("... by end of day today")."""
    # a day before a spaced dash is another thought's: "Sat down with the hiring manager
    # today - we will get back to you shortly" promises nothing for today
    # (when the promise has a time of its own after the cue: "Thursday 3 December - we will
    # call you then" is dated by the day before the dash)
    if any(m.start >= after for m in mentions):
        mentions = [
            m for m in mentions if m.start >= after or not _DASH.search(sentence, m.end, after)
        ]
    # nor is a day said no longer to work: "Sorry, Thursday won't work after all - I'll send
    # you some new times" gives no date for them
    mentions = [m for m in mentions if m.start >= after or not _DAY_DROPPED.match(sentence, m.end)]
    others = [
        m
        for m in mentions
        if m.start < after or not _MEETING_DAY.search(sentence, max(0, m.start - 40), m.start)
    ]
    if len(others) < len(mentions) and any(m.due and m.start >= after for m in others):
        mentions = others
    return _or_later(sentence, _narrowed(sentence, _pick(mentions, after), mentions), mentions)


# "in KW 52 or latest after the holidays", "by Friday or at the latest Monday": two times
# joined by "or", the later one the last word
_OR_LATER = re.compile(
    r"\s*,?\s*or\s+(?:(?:at\s+the\s+)?latest|at\s+the\s+very\s+latest)?\s*,?\s*"
    r"(?:(?:by|on|in|until)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def _or_later(
    sentence: str, mention: TimeMention | None, mentions: list[TimeMention]
) -> TimeMention | None:
    """A promise's time, or the later time joined to it by "or" ("in KW 52 or latest after
    the holidays"): as a range, its upper bound is what they can be held to."""
    if mention is None or mention.due is None:
        return mention
    following = next((m for m in mentions if m.start >= mention.end), None)
    if (
        following is not None
        and following.due is not None
        and following.due > mention.due
        and _OR_LATER.fullmatch(sentence, mention.end, following.start)
    ):
        return following
    return mention


# What may join a promise's loose time to the date that narrows it: "after the Thanksgiving
# break, likely by Wednesday 12/2", "next week - hopefully by Friday 4 December"
_NARROWED = re.compile(
    r"\s*(?:[,(]|[-–—])?\s*(?:(?:most\s+)?(?:likely|probably|hopefully|ideally|realistically"
    r"|possibly|i\.e\.?|that\s+is)\s*,?\s*(?:by|on|before)?|by|before)\s*(?:the\s+)?",
    re.IGNORECASE,
)


def _narrowed(
    sentence: str, mention: TimeMention | None, mentions: list[TimeMention]
) -> TimeMention | None:
    """A promise's time, or the date named right after it that narrows it: "after the
    Thanksgiving break, likely by Wednesday 12/2" is Wednesday 2 December, not the Monday
    after the break (a calendar date said with it wins over a time read from the anchor)."""
    if mention is None or mention.due is None or mention.strength == Strength.EXPLICIT:
        return mention
    following = next((m for m in mentions if m.start >= mention.end), None)
    if (
        following is not None
        and following.due is not None
        and following.strength == Strength.EXPLICIT
        and _NARROWED.fullmatch(sentence, mention.end, following.start)
    ):
        return following
    return mention


def _counted(
    sentence: str,
    cue_end: int,
    clause_end: int,
    mention: TimeMention | None,
    mentions: list[TimeMention],
    recount: _Recount,
    calendar: BusinessCalendar,
) -> TimeMention | None:
    """The time of the promise whose cue ends at `cue_end` in `sentence`, counted from what
    it is counted from.

    "within a week of the interview" ends a week after the interview's day if the message
    names it, else it is VAGUE (its date unknown); "... until 4 December and will get back
    to you the week after" (or "the following week") is the Friday of the week after 4
    December (after "in week 48", the Friday of week 49), "... but will get back to you
    then" that day, and "I'm out until Friday, will come back to you after that" the first
    business day after it (Monday), as "after the holidays" is. Any other time is as read.
    """
    if mention is None or mention.due is None:
        return mention
    if mention.start >= cue_end:
        event = _OF_EVENT.match(sentence, mention.end)
        if event and _SPAN_TEXT.fullmatch(mention.text):
            if _OF_MESSAGE.match(event.group("event")):
                return mention
            due = recount(mention.text, event.group("event"))
            strength = Strength.RELATIVE if due is not None else Strength.VAGUE
            text = sentence[mention.start : event.end()]
            return replace(mention, end=event.end(), text=text, due=due, strength=strength)
        if not _FOLLOWING_WEEK.fullmatch(mention.text):
            return mention
        named = [m for m in mentions if m.one_day and m.end <= cue_end]
        end = mention.end
    else:
        if after_that := _AFTER_THAT.search(sentence, cue_end, clause_end):
            end = after_that.end()
            due = calendar.add_business_days(mention.due, 1)
            return replace(
                mention, end=end, text=sentence[mention.start : end], due=due, at=None,
                other_day=None,
            )  # fmt: skip
        if then := _THEN.search(sentence, cue_end, clause_end):
            # "I'm off until Monday but will get back to you then": that day, quoted whole
            return replace(mention, end=then.end(), text=sentence[mention.start : then.end()])
        after = _WEEK_AFTER.search(sentence, cue_end, clause_end)
        if after is None:
            return mention
        named, end = [mention], after.end()
    day = named[-1].due if named else None
    if day is None:
        return mention
    friday = day + timedelta(days=11 - day.weekday())
    start = named[-1].start
    return TimeMention(start, end, sentence[start:end], friday, Strength.RELATIVE)


def _commitment(
    kind: CommitmentKind, sentence: str, cue: tuple[int, int], mention: TimeMention | None
) -> tuple[Commitment, int]:
    """A commitment whose phrase runs from the cue to its time (or the clause end if vague),
    with the phrase's start in `sentence`."""
    if mention is None:
        end = len(sentence)
        stop = _PHRASE_END.search(sentence, cue[1])
        if stop:
            end = stop.start()
        return Commitment(kind, _phrase(sentence[cue[0] : end]), Strength.VAGUE), cue[0]
    start, end = min(cue[0], mention.start), max(cue[1], mention.end)
    strength = mention.strength if mention.due is not None else Strength.VAGUE
    due, other, at = mention.due, mention.other_day, mention.at
    if due is not None and other is not None and kind != CommitmentKind.MEETING:
        # a weekday that does not fit its date ("by Friday 5 December", the 5th a Saturday):
        # either may be the slip, so they are waited for until the later day and the user's
        # own deadline or promise is kept by the earlier; a meeting keeps its date (its time
        # is on it), and the user is shown the other day to check
        first, last = sorted((due, other))
        due, other = (last, first) if kind == CommitmentKind.REPLY else (first, last)
        at = at.replace(year=due.year, month=due.month, day=due.day) if at else None
    phrase = _phrase(sentence[start:end])
    return Commitment(kind, phrase, strength, due, at, other_day=other), start


def _hedged(
    kind: CommitmentKind, sentence: str, hedge: tuple[int, int], dated: list[TimeMention]
) -> list[tuple[Commitment, int]]:
    """A hedged promise ("I can't promise we'll get back to you by Friday"): VAGUE, its
    phrase from the hedge to the date it does not promise; none when it names no date."""
    mention = _pick(dated, hedge[1])
    if mention is None:
        return []
    start, end = min(hedge[0], mention.start), max(hedge[1], mention.end)
    return [(Commitment(kind, _phrase(sentence[start:end]), Strength.VAGUE), start)]


def _clause_commitments(
    sentence: str, clause: _Clause, mentions: list[TimeMention], direction: str,
    anchor: datetime, recount: _Recount, calendar: BusinessCalendar, task_link: bool = False,
    suit_asked: bool = False,
) -> list[tuple[Commitment, int]]:  # fmt: skip
    """The commitment a clause makes, if any, with its phrase's start in `sentence`.
    `task_link`: the mail asks the user to do a test or task by a link (_LINK_EXPIRES);
    `suit_asked`: it asks whether a time suits them (_SUIT_ASKED), or its time is a thing's
    and it names no meeting (_NOT_A_MEETING_THING)."""
    text, offset = clause.text, clause.start
    clause_end = offset + len(text)

    def span(match: re.Match[str], start: int | None = None) -> tuple[int, int]:
        return offset + (match.start() if start is None else start), offset + match.end()

    dated = [m for m in mentions if m.due is not None]
    if direction == "outbound":
        ask = _ASKED_FOR_TIME.search(text)
        until = [m for m in dated if ask is not None and m.start >= offset + ask.start()]
        if ask is not None and until:
            # "Could I have until Wednesday 2 December to decide?": the user's word on when
            # they will answer, as "I'll let you know by Wednesday" is
            return [_commitment(CommitmentKind.USER_PROMISE, sentence, span(ask), until[0])]
        promise = _USER_PROMISE.search(text)
        if promise and not _NEGATION.search(promise.group(0)):
            if hedge := _HEDGE.search(text, 0, promise.start()):
                return _hedged(CommitmentKind.USER_PROMISE, sentence, span(hedge), dated)
            cue_end = offset + promise.end()
            mention = _pick_promised(sentence, mentions, cue_end)
            mention = _counted(sentence, cue_end, clause_end, mention, mentions, recount, calendar)
            if mention is not None or not _CONDITIONAL.search(sentence):
                return [_commitment(CommitmentKind.USER_PROMISE, sentence, span(promise), mention)]
    else:
        silence = _NOT_HEARD.search(text) if dated else None
        said_no = _ASSUME_NO.search(sentence, offset + silence.end()) if silence else None
        if silence and said_no:
            cue_end = offset + silence.end()
            mention = _pick(dated, cue_end)
            mention = _counted(sentence, cue_end, clause_end, mention, mentions, recount, calendar)
            if mention is not None and mention.due is not None:
                cue = (offset + silence.start(), said_no.end())
                return [_commitment(_REPLY, sentence, cue, mention)]
        excluded = _NOT_A_PROMISE.search(sentence) is not None
        promise = _PROMISE.search(text)
        if promise and _RECEIPT.search(promise.group(0)):
            promise = None  # "you will receive a confirmation email": no decision promised
        if promise and not excluded and not _NEGATION.search(promise.group(0)):
            if hedge := _HEDGE.search(text, 0, promise.start()):
                return _hedged(_REPLY, sentence, span(hedge), dated)
            cue_end = offset + promise.end()
            mention = _pick_promised(sentence, mentions, cue_end)
            mention = _counted(sentence, cue_end, clause_end, mention, mentions, recount, calendar)
            # "We'll confirm the interview for Tuesday 1 December at 10:00": that day is when
            # the interview is (read below as the meeting), not a reply owed by then
            confirms = (
                mention
                and _CONFIRMS_MEETING.match(sentence, cue_end, mention.start)
                and not _CONFIRM_CONDITION.search(sentence, mention.end, clause_end)
            )
            if not confirms and (mention is not None or not _CONDITIONAL.search(sentence)):
                return [_commitment(CommitmentKind.REPLY, sentence, span(promise), mention)]
        deadline, due_dates = _DEADLINE.search(text), dated
        if deadline is None and task_link:
            deadline = _LINK_EXPIRES.search(text)  # "Your link will expire on 17/11/2026"
        cue = span(deadline, 0) if deadline else (0, 0)
        if deadline is None and (request := _REQUEST.search(text)):
            due_dates = [
                m
                for m in dated
                if _DEADLINE_PREPOSITION.search(sentence, 0, m.start)
                or (
                    m.text[:6].lower() == "within"
                    and _ASKED_WITHIN.search(sentence, max(0, m.start - 120), m.start)
                )
            ]
            then = _BY_THEN.search(text, request.end())
            if (
                not due_dates
                and then
                and not _NEGATION.search(text, request.start(), then.start())
                and not _AD_CLOSES.search(sentence, 0, offset + request.start())
            ):
                # "The link expires at 23:59 on Tuesday 24 November, so please complete it
                # before then": the day said before the request in its sentence
                due_dates = [m for m in dated if m.end <= offset + request.start()][-1:]
                cue = (offset, offset + then.end())
            else:
                cue = span(request, 0)
            deadline = request if due_dates else None
        if deadline and due_dates and not excluded:
            mention = _pick(due_dates, offset + deadline.end())
            if mention is not None and mention.text[:6].lower() == "within":
                # "... within 7 days of the interview" counts from the interview
                mention = _counted(
                    sentence, mention.start, clause_end, mention, mentions, recount, calendar
                )
            found = _commitment(CommitmentKind.USER_DEADLINE, sentence, cue, mention)
            if _TIME_GRANTED.search(text):
                found = (replace(found[0], granted=True), found[1])  # more time granted
            return [found]
        weak = (_DATED_PROMISE.search(text) or _USUALLY.search(text)) if dated else None
        if weak is None and dated and (step := _DECISION_STEP.search(text)):
            # (its own time, the first after it: not "... and interviews will be held w/c 11
            # January")
            dated = [m for m in dated if m.start >= offset + step.end()][:1]
            dated = [
                m
                for m in dated
                if _DONE_BY_BEFORE.search(sentence, 0, m.start) or _DONE_BY_IN.match(m.text)
            ]
            weak = step if dated else None
        if weak and not excluded and not _NEGATION.search(text[: weak.end()]):
            mention = _pick(dated, offset + weak.end())
            before = text[max(0, weak.start() - 40) : weak.start()]
            if (
                _YOU.search(before)
                and not _US.search(before)
                and not _TO_ME.search(weak.group(0))
                and not _US.match(weak.group(0))  # (its own subject: "we come back to you")
            ):
                # (not "the client liked you and will get back to me by Friday": theirs)
                # "we need you to make a decision by Friday": the user's deadline
                return [_commitment(CommitmentKind.USER_DEADLINE, sentence, span(weak), mention)]
            return [_commitment(CommitmentKind.REPLY, sentence, span(weak), mention)]
    days = [m for m in dated if m.one_day]
    asked = sentence.rstrip().endswith("?")
    if others := _others_called_off(text):
        # "The CEO's meeting was cancelled so she can now join your interview on Thursday":
        # read as if that part were not there
        text = _blanked(text, others)
        days = [m for m in days if not any(offset + a <= m.start < offset + b for a, b in others)]
    if asked and direction == "inbound" and (move := _asked_to_move(sentence, days, anchor)):
        return move  # their "Could we move our call to Wednesday at 15:00 instead?"
    not_yours = [call.span() for call in _NOT_YOUR_CALL.finditer(text)]
    not_yours += [check.span() for check in _CHECK_APPOINTMENT.finditer(text)]
    if _TALK_WORD.search(text):  # (most clauses have none: the look costs)
        not_yours += [talk.span() for talk in _OTHERS_TALK.finditer(text)]
    meeting = _MEETING.search(_blanked(text, not_yours) if not_yours else text)
    off = _MEETING_OFF.search(text) if meeting else None
    if off is not None:
        # "Could we move your interview to Monday?", "If you need to reschedule your
        # interview on Thursday, ...", "Your interview will probably need to be rescheduled",
        # "... only if the panel is unavailable" settle nothing, nor does a move of its form
        # or place with no new day ("Thursday's interview has been moved to Teams"); nor do
        # "we won't need to move the interview" and "thanks for rescheduling the interview"
        # when they name no day
        before = text[: off.start()]
        if asked or _CONDITIONAL.search(before) or _OFF_HEDGE.search(before):
            return []
        if _OFF_IF.match(text, off.end()):
            return []
        elsewhere = _MOVED_ELSEWHERE.match(text, off.end())
        place_end = offset + elsewhere.end() if elsewhere else None
        if elsewhere and (
            _SAME_SLOT.match(text, elsewhere.end())
            or not any(m.start >= offset + elsewhere.end() for m in dated)
        ):
            return []
        called = _CALLED_OFF.search(text)
        if not days and (
            called is None
            or _NEGATION.search(before)
            or _NOT_CALLED_OFF.search(text, 0, called.start())
            or _BY_LINK.search(text, called.end())
        ):
            return []
        return _moved_meeting(sentence, offset, off, days, anchor, place_end)
    if not days:
        return []
    if _START_DAY.search(sentence) and not _INTERVIEW_WORD.search(sentence):
        return []  # "All confirmed for Monday 4 January at 09:00 - your first day"
    # ("Thursday 1/8 at 10 works": its hour, as an invitation says it)
    timed = [invitation_time(sentence, m, anchor.tzinfo or UTC) for m in days]
    if direction == "outbound":
        # in the user's mail a day with a meeting word is often a time offered ("I could do a
        # call on Tuesday at 2pm"); only a time taken is a meeting
        taken = _SLOT_TAKEN.search(text) or _time_agreed_here(text, timed, offset)
        if (
            taken is None
            or asked
            or _NEGATION.search(text)
            or _BARELY.search(text)
            or len({m.due for m in days}) > 1
            or any(_DECLINED_DAY.search(sentence, max(0, m.start - 40), m.start) for m in days)
        ):
            return []
        if _TAKEN_IN_DOUBT.search(text, 0, taken.start()):
            return []  # "I'll check whether Wednesday at 15:00 works."
        if _GLAD_TO.match(taken.group(0)) and _TAKEN_IN_DOUBT.search(text, taken.end()):
            return []  # "I'd be happy to meet on Tuesday at 2pm if that suits": an offer
        # read over the whole sentence: "Thanks for the interview on Tuesday, I look forward
        # to ..." thanks them for a past one; a leading "Thanks," is only politeness; what
        # was said of another thing ("I had to cancel my dentist appointment") is not read
        whole = _blanked(sentence, others, offset)
        if _NOT_A_MEETING.search(_THANKS_FIRST.sub("", whole, count=1)):
            return []
        meeting = meeting or taken
    elif _NOT_A_MEETING.search(
        _going_on(_booked_blanked(text), meeting)
        if meeting
        else _THANKS_FIRST.sub("", text, count=1)
    ):
        return []
    else:
        # "confirmed: Monday, 04.01.2027, 15:00 CET", "Thursday at 10:00 CET it is",
        # "Thursday 10 December at 11:00 works for us" (not asked, nor while the mail still
        # asks the user whether it suits: their offer)
        meeting = meeting or _time_agreed_here(text, timed, offset, not (asked or suit_asked))
        meeting = meeting or _interviews_on(text, timed, offset, anchor.date())
    days = [m for m in days if not _CLOSED_ON.search(sentence, max(0, m.start - 60), m.start)]
    if meeting and days and not _OPTIONAL_BEFORE.search(text, 0, meeting.start()):
        mention = _pick(days, offset + meeting.end())
        if mention is not None and _one_of_two(sentence, mention, days):
            return []  # "we can have a quick call today or tomorrow": a choice, no meeting yet
        if mention is not None and mention.at is None:
            mention = _with_clause_time(text, mention, anchor)
        if mention is not None:  # "can u come in tmrw at 2?": 14:00
            mention = invitation_time(sentence, mention, anchor.tzinfo or UTC)
        first = _commitment(CommitmentKind.MEETING, sentence, span(meeting), mention)
        return [first, *_meetings_after(sentence, clause, mention, days)]
    return []


# Interviews held on a day to come and at a time said right after the word, as a hiring event
# the user registered for says it: "Walk-in interviews Saturday 12/5, 10am-2pm" (not
# "interviews are taking place next week", nor "Interviews on Monday": the day alone, nor
# "We held interviews Saturday 12/5 at 10am")
_INTERVIEWS_ON = re.compile(r"\binterviews[ \t]*(?:[,:–—-][ \t]*)?(?:on[ \t]+)?", re.IGNORECASE)


def _interviews_on(
    text: str, days: list[TimeMention], offset: int, today: date
) -> re.Match[str] | None:
    """The word of interviews (_INTERVIEWS_ON) that one of `days` with a time, not before
    `today`, follows."""
    for held in _INTERVIEWS_ON.finditer(text):
        if any(
            m.start == offset + held.end() and m.at is not None and m.due and m.due >= today
            for m in days
        ):
            return held
    return None


# The same subject going on to what comes: "She was very positive and wants you at the board
# dinner on Tuesday", "... enjoyed it and would like to meet you on Friday at 10:00"
_AND_GOES_ON = re.compile(
    r"\band\s+(?:would|wants?|will|['’]d|is\s+keen|invites?|hopes?|asks?)\b", re.IGNORECASE
)


def _going_on(text: str, meeting: re.Match[str]) -> str:
    """What `text` says from where its subject goes on to the meeting (_AND_GOES_ON) before
    it: what was said before ("She was impressed") is not said of the meeting."""
    starts = [goes_on.start() for goes_on in _AND_GOES_ON.finditer(text, 0, meeting.start())]
    return text[starts[-1] :] if starts else text


# A meeting of its own after another's day in the same sentence: "Your first interview is on
# Tuesday 8 December at 10:00 and your second interview is on Thursday 10 December at 14:00",
# "... and your call with the VP is on ..." ("and" then the meeting, its day right after it;
# not "... or", a choice)
_AND_MEETING = re.compile(
    r"\s*,?\s*and\s+(?:then\s+)?(?:(?:your|the|a|an|our)\s+)?(?:[\w-]+\s+){0,2}?", re.IGNORECASE
)
_ITS_DAY = re.compile(
    rf"(?:{_WITH_WHOM})?\s+(?:(?:is|will\s+be)\s+)?(?:(?:scheduled|booked|set|planned)\s+)?"
    r"(?:on|for|at)\s+(?:the\s+)?",
    re.IGNORECASE,
)


def _meetings_after(
    sentence: str, clause: _Clause, mention: TimeMention | None, days: list[TimeMention]
) -> list[tuple[Commitment, int]]:
    """The meetings a clause names after its first (on the day `mention`), each joined by
    "and" with a day of its own right after its word (_AND_MEETING, _ITS_DAY)."""
    found: list[tuple[Commitment, int]] = []
    while mention is not None:
        text, offset = clause.text, clause.start
        again = _MEETING.search(text, max(0, mention.end - offset))
        if again is None or not _AND_MEETING.fullmatch(text, mention.end - offset, again.start()):
            break
        mention = next((m for m in days if m.start >= offset + again.end()), None)
        if mention is None or not _ITS_DAY.fullmatch(text, again.end(), mention.start - offset):
            break
        cue = (offset + again.start(), offset + again.end())
        found.append(_commitment(CommitmentKind.MEETING, sentence, cue, mention))
    return found


# Two days joined by "or": "today or tomorrow", "Tuesday at 10:00, or else Wednesday"
_OR_BETWEEN = re.compile(
    # (a place said with the first: "Thursday at 10.00am at Mercer Vale's head office, 1
    # Cabot Square, E14, or Friday at 2.00pm")
    r"(?:\s+(?:at|in)\s+[^.!?;\n]{1,80}?)?"
    r"\s*,?\s*or\s+(?:else\s+)?(?:(?:on|at)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def _one_of_two(sentence: str, mention: TimeMention, days: list[TimeMention]) -> bool:
    """Whether a meeting's day is joined by "or" to another day, as a choice offered is
    ("we can have a quick call today or tomorrow"): which one is not settled."""
    return any(
        other.due != mention.due
        and (
            _OR_BETWEEN.fullmatch(sentence, mention.end, other.start)
            or _OR_BETWEEN.fullmatch(sentence, other.end, mention.start)
        )
        for other in days
    )


# A day said no longer to work, as the subject of its sentence: "Sorry Sam, I've just
# realised Tuesday won't work after all", "I'm afraid tomorrow can't go ahead", "Thursday
# is off": that day's meeting is off. Nothing may follow but whom it does not suit
# ("Tuesday won't work for the delivery" is about something else).
_DAY_DROPPED = re.compile(
    r"\s+(?:(?:won['’]t|will\s+not|doesn['’]t|does\s+not)\s+(?:work|suit)"
    r"|no\s+longer\s+(?:works|suits)"
    r"|(?:can(?:['’]t|not|\s+no\s+longer)|won['’]t|will\s+not)\s+go\s+ahead"
    r"|(?:won['’]t|will\s+not)\s+be\s+possible|(?:is|['’]s)\s+no\s+longer\s+possible"
    r"|(?:is|['’]s)\s+(?:now\s+)?off)"
    r"(?:\s+for\s+(?:us|me|them|the\s+(?:panel|team|client|hiring\s+manager)))?"
    r"(?:\s+after\s+all|\s+any\s*more)?"
    r"(?:,?\s+(?:I['’]m\s+afraid|unfortunately))?"
    r"(?=\s*(?:[.!,;:)]|$)|\s+[-–—]+(?:\s|$)|\s+(?:so|but|and|as)\b)",
    re.IGNORECASE,
)
# Every word _DAY_DROPPED needs one of: a cheap test before the pattern
_DROP_WORDS = frozenset({"work", "works", "suit", "suits", "ahead", "possible", "off"})
# ... the day as the subject: not "the office is closed on Tuesday", nor "if Tuesday
# doesn't work", nor "I think Tuesday won't work" (_OFF_HEDGE)
_DAY_NOT_SUBJECT = re.compile(
    r"\b(?:on|by|until|till|from|before|after|for|to|at|since|than|of|except|but)\s+$",
    re.IGNORECASE,
)
_A_DAY = re.compile(rf"\b(?:{_DAY_NAME}|tomorrow|today|tonight)\b", re.IGNORECASE)
# ... nor one person's day ("my Tuesday won't work, so I won't be on the call"), nor a day
# that does not suit one of them while the meeting goes on ("Tuesday won't work for Marcus,
# but Priya can step in, so the interview stays as planned", "... so we'll keep the time")
_ONES_OWN_DAY = re.compile(r"\b(?:my|his|her|their)\s+$", re.IGNORECASE)
_GOES_ON = re.compile(
    r"\b(?:keep|keeping)\s+(?:the|our|your)\s+(?:same\s+)?(?:time|slot|interview|call)"
    r"|\b(?:go|goes|going)\s+ahead\s+as\s+(?:planned|arranged)|\bstep\s+in\b"
    r"|\b(?:join|cover)\s+instead\b|\bwon['’]t\s+be\s+on\s+the\s+(?:call|interview|panel)",
    re.IGNORECASE,
)


def _days_dropped(sentence: str, mentions: list[TimeMention]) -> list[tuple[Commitment, int]]:
    """The days a sentence of theirs says no longer work (_DAY_DROPPED): a MEETING_OFF on
    each, with its phrase's start. None in a question, under a condition or a hedge."""
    if sentence.rstrip().endswith("?") or _STAYS.search(sentence) or _GOES_ON.search(sentence):
        return []
    found: list[tuple[Commitment, int]] = []
    for mention in mentions:
        if mention.due is None or not mention.one_day or not _A_DAY.search(mention.text):
            continue
        dropped = _DAY_DROPPED.match(sentence, mention.end)
        if dropped is None:
            continue
        clause = max(sentence.rfind(mark, 0, mention.start) for mark in ",;:")
        before = sentence[clause + 1 : mention.start]
        if (
            _DAY_NOT_SUBJECT.search(before)
            or _ONES_OWN_DAY.search(before)
            or _CONDITIONAL.search(before)
            or _OFF_HEDGE.search(before)
            or _NEGATION.search(before)
        ):
            continue
        phrase = _phrase(sentence[mention.start : dropped.end()])
        off = Commitment(CommitmentKind.MEETING_OFF, phrase, mention.strength, mention.due)
        found.append((off, mention.start))
    return found


def _blanked(text: str, spans: list[tuple[int, int]], shift: int = 0) -> str:
    """`text` with each span (its offsets + `shift`) blanked out, its length kept."""
    for start, end in spans:
        start, end = start + shift, end + shift
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _others_called_off(text: str) -> list[tuple[int, int]]:
    """The spans of `text` where something other than the user's meeting is moved or called
    off, with its subject or object: someone else's meeting ("The CEO's meeting was
    cancelled", "I had to move another meeting"), or a thing that is no meeting at all ("Our
    office move has been postponed") while the clause goes on about the user's meeting."""
    spans: list[tuple[int, int]] = []
    offs = list(_MEETING_OFF.finditer(text))
    if not offs:  # most clauses
        return spans
    last_meeting = max((m.start() for m in _MEETING.finditer(text)), default=-1)
    for off in offs:
        # the few words before the verb, from a word's start (a bounded look: hostile text
        # may hold thousands of verbs)
        window = max(0, off.start() - _SUBJECT_CHARS)
        window = text.find(" ", window) + 1 if window else 0
        if _AUXILIARY.match(text, off.end()):  # a noun: "the office move is on Thursday"
            noun = _NOUN_BEFORE.search(text, window, off.start())
            thing = noun.group(0) if noun else ""
            if noun and not _MEETING.search(thing) and not _MEETING_SUBJECT.search(thing):
                stop = _CLAUSE_END.search(text, off.end())  # what is said of it, its day too
                spans.append((noun.start(), stop.start() if stop else len(text)))
            continue
        passive = _OFF_DONE_WORD.fullmatch(off.group(0)) is not None
        subject = _PASSIVE_SUBJECT.search(text, window, off.start()) if passive else None
        if subject is not None:
            thing = subject.group(0)
            if _OTHERS_MEETING.search(thing) or (
                not _MEETING.search(thing)
                and not _MEETING_SUBJECT.search(thing)
                and last_meeting >= off.end()
            ):
                spans.append((subject.start(), off.end()))
        elif (obj := _ACTIVE_OBJECT.match(text, off.end())) and _OTHERS_MEETING.search(obj[0]):
            spans.append((off.start(), obj.end()))  # "I had to move another meeting"
    return spans


def _moved_meeting(
    sentence: str,
    offset: int,
    cue: re.Match[str],
    days: list[TimeMention],
    anchor: datetime,
    place_end: int | None = None,
) -> list[tuple[Commitment, int]]:
    """A meeting moved or called off: the day it was on is off (MEETING_OFF), and the day it
    moved to, if said, is the meeting. The old day is the one after "from", else one before
    the verb ("your interview on Thursday has been moved to ...") or before the new day
    ("move your interview on Thursday to Monday"); the new one follows "to" or "for" after
    the verb, or the new place ("moved to our offices on Friday"; `place_end` is where the
    place ends in `sentence`). With no old day named ("we need to reschedule your interview
    to Monday", "we have to cancel your interview"), the MEETING_OFF has no date: the next
    meeting still ahead when the message was sent is off (track.py)."""
    verb = offset + cue.start()
    old = [m for m in days if _MOVED_FROM.search(sentence, 0, m.start)]
    new = [
        m
        for m in days
        if m.start > verb
        and m not in old
        and (
            _MOVED_TO.search(sentence, 0, m.start)
            or (place_end is not None and _PLACE_THEN_DAY.fullmatch(sentence, place_end, m.start))
        )
    ]
    if not old:  # "your interview on Thursday has been moved to", "move it on Thursday to"
        first_new = new[0].start if new else verb
        old = [m for m in days if m not in new and (m.start < verb or m.start < first_new)]
        if not old and not new:
            old = days  # "we have to cancel Thursday's interview": that one is off
    found: list[tuple[Commitment, int]] = []
    if not old:
        stop = _PHRASE_END.search(sentence, verb)
        phrase = _phrase(sentence[verb : stop.start() if stop else len(sentence)])
        found.append((Commitment(CommitmentKind.MEETING_OFF, phrase, Strength.VAGUE), verb))
    for mention in old:
        phrase = _phrase(sentence[min(verb, mention.start) : max(offset + cue.end(), mention.end)])
        found.append(
            (Commitment(CommitmentKind.MEETING_OFF, phrase, mention.strength, mention.due),
             min(verb, mention.start))
        )  # fmt: skip
    if new:
        mention = new[0]
        if mention.at is None:  # "... to Monday, at 10:00 if that suits"
            mention = _with_clause_time(sentence[mention.start :], mention, anchor)
        mention = invitation_time(sentence, mention, anchor.tzinfo or UTC)
        found.append(_commitment(CommitmentKind.MEETING, sentence, (verb, verb), mention))
    return found


def _with_clause_time(clause: str, mention: TimeMention, anchor: datetime) -> TimeMention:
    """Give a dated meeting the time of day said elsewhere in its clause, if any."""
    found = parse_time_of_day(clause)
    if found is None or mention.due is None:
        return mention
    clock, zone = found
    at = datetime.combine(mention.due, clock, zone or anchor.tzinfo or UTC)
    return replace(mention, at=at)


# A confirmation's date alone on its line and its time on the next, as scheduling tools write
# them: "Thursday, December 10, 2026 (PST)" / "10:00 AM - Systems Design with Lena Park"
# (as find_time_mentions joins them: the date with its year or zone, or the time labelled)
_DATE_LINE_END = re.compile(
    r"\b(?:(?P<year>\d{4})|\d{1,2}(?:st|nd|rd|th)?)[ \t]*(?P<zone>\([^()\n]{1,30}\))?[ \t]*$"
)
_TIME_LINE_START = re.compile(
    r"[ \t]*(?P<label>(?:start\s+)?time\s*:[ \t]*)?(?:\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b"
    r"|\d{1,2}:\d{2}|noon\b|midday\b)",
    re.IGNORECASE,
)
# What a line holding only a meeting's slot may open with: "Date:", "When:", "New time:",
# "Event Date/Time:", "Updated:", "Round 2:" (not "Deadline:", "Due date:")
_SLOT_LABEL = re.compile(
    r"\W*(?:(?:(?:new|updated|confirmed|event|interview|meeting|call|your)\s+)?"
    r"(?:date\s*(?:/|and|&)\s*time|time\s*(?:/|and|&)\s*date|date|time|when|slot)|updated|new)"
    rf"\s*:\s*|\W*(?P<numbered>{_NUMBERED})\s*|\W*",
    re.IGNORECASE,
)
# A slot labelled as the one given up: "Previous time: Tuesday, December 1, 2026, 11:00 AM",
# Calendly's "Former: 11:00am - Monday, November 23, 2026"
_PREVIOUS_SLOT = re.compile(
    r"\b(?:previous|old|original|former|prior)(?:\s+(?:interview|meeting|call|event"
    r"|session))?(?:\s+(?:date\s*(?:/|and|&)\s*time|time\s*(?:/|and|&)\s*date|date|time|slot"
    r"|booking))?\s*:\s*$",
    re.IGNORECASE,
)
# the names of a meeting a scheduling tool confirms, besides _MEETING's: "your final round"
_ROUND = re.compile(
    r"\b(?:(?:final|next|first|second|third|technical|onsite|on-site)\s+round|(?:interview"
    r"|onsite)\s+loop)\b",
    re.IGNORECASE,
)
# ... in a sentence that does not offer a choice, ask, look back, or call it off
_NOT_SCHEDULED = re.compile(
    r"\?|\b(?:availability|available|free|options?|slots?|choose|pick|select|prefer\w*|which"
    r"|let\s+(?:me|us)\s+know|thank(?:s|\s+you)|enjoyed|was|were|had|yesterday|last|cancel\w*"
    r"|previous|former|original\w*|deadline|due\s+(?:by|on|date)|expir\w*|complete"
    # nor one the user may come to, nor a closure: "you're welcome to join our optional
    # candidate Q&A session:", "our office is closed on"
    r"|optional|(?:you\s+are|you['’]re)\s+(?:\w+\s+)?welcome|feel\s+free|clos(?:ed|es|ing|ure))\b",
    re.IGNORECASE,
)
_CONTEXT_SENTENCES = 3  # how far back a slot's meeting is looked for
# ... and what may follow the slot on its line: nothing, a session after a dash, a zone in
# brackets (not "Mon 07 Dec 10:05  Jordan Patel: Re: ...", a listing's line)
_SLOT_END = re.compile(r"[ \t]*(?:[-–—(|]|\r?\n|$)")
# ... or, after its zone in brackets, the places the zone is named by, as Outlook writes
# them: "(UTC+00:00) Dublin, Edinburgh, Lisbon, London."
_OUTLOOK_ZONE = re.compile(r"\((?:UTC|GMT)\s?[+\-−–]\s?\d{1,2}:\d{2}\)\s*$")
_ZONE_NAMES = re.compile(r"[ \t]+(?-i:[A-Z])[^\d\n:]{0,100}?[ \t]*(?:\r?\n|$)")


def _slot_lines_joined(text: str, spans: list[_Clause]) -> list[_Clause]:
    """`spans` (sentences of `text`) with a line that ends in a date joined to the next when
    that one opens with a time of day: one sentence, so the date takes its time."""
    joined: list[_Clause] = []
    for span in spans:
        last = joined[-1] if joined else None
        # (the cheap tests first: most sentences are not such lines)
        gap = text[last.start + len(last.text) : span.start] if last is not None else ""
        clock = _TIME_LINE_START.match(span.text) if gap.count("\n") == 1 else None
        if last is not None and clock and not gap.strip():
            day = _DATE_LINE_END.search(last.text[-60:])
            if day and (day["year"] or day["zone"] or clock["label"]):
                joined[-1] = _Clause(last.start, text[last.start : span.start + len(span.text)])
                continue
        joined.append(span)
    return joined


def _names_meeting(text: str) -> bool:
    text = _CHECK_APPOINTMENT.sub("", text)  # "You have booked a DBS appointment:"
    return _MEETING.search(text) is not None or _ROUND.search(text) is not None


# ... unless its line says it stays: "Original interview: Thursday, December 10, 10:00 AM PT
# (unchanged)" beside an "Additional interview:" (an "Earlier slot:" is one of a choice), or
# the mail adds a slot to it ("Additional interview: Friday, December 11, 2026, 2:00 PM PT")
_SLOT_KEPT = re.compile(r"\b(?:unchanged|still\s+on|stays|remains|as\s+planned|confirmed)\b", re.I)
_SLOT_ADDED = re.compile(
    r"^[ \t]*(?:additional|added|extra)\s+(?:interview|meeting|call|session)s?\s*:",
    re.IGNORECASE | re.MULTILINE,
)


def _previous_slots(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """The days labelled as the slot given up ("Previous time:", "Former:")."""
    found = []
    for m in mentions:
        if (
            m.due is not None
            and m.one_day
            and _PREVIOUS_SLOT.search(text, max(0, m.start - 40), m.start)
        ):
            line_end = text.find("\n", m.end)
            if not _SLOT_KEPT.search(text, m.end, line_end if line_end >= 0 else len(text)):
                found.append(m)
    return found


def _slot_line(text: str, mentions: list[TimeMention]) -> TimeMention | None:
    """The date and time a sentence holds as a slot of its own: it opens with them, perhaps
    after a label ("Date:", "When:", "New time:"), and their line ends there or goes on with
    a dash or a bracket: "Wednesday, December 9, 2026 / 9:00 AM - 12:30 PM (Pacific Time)"."""
    label = _SLOT_LABEL.match(text)
    start = label.end() if label else 0
    first = next((m for m in mentions if m.start >= start), None)
    if first is None or first.start != start or not first.one_day or first.at is None:
        return None
    # (a zone's match may take the line break after it)
    end = first.start + len(first.text.rstrip())
    if _SLOT_END.match(text, end) or (
        _OUTLOOK_ZONE.search(first.text) and _ZONE_NAMES.match(text, end)
    ):
        return first
    return None


# The day of interviews in a mail that invites the user to one: "you have been invited to
# attend an interview ... Interviews will be held on Wednesday 16 December 2026 at Moorside
# House" is their interview that day, its time still to be booked (not "If you are
# shortlisted, you will be invited to interview", nor a day joined to another: "on 16 and 17
# December", "on Tuesday or Wednesday", which day theirs is not known)
_INVITED = re.compile(
    r"\b(?:(?:have|has)\s+been|['’]ve\s+been|you\s+are|you['’]re)\s+(?:(?:now|also"
    r"|formally)\s+)?invited\s+to\s+(?:attend\s+)?(?:an?\s+|the\s+|your\s+)?interview"
    r"|\b(?:pleased|delighted|happy|glad|like)\s+to\s+invite\s+you\s+to\s+(?:attend\s+)?"
    r"(?:an?\s+|the\s+|your\s+)?interview",
    re.IGNORECASE,
)
_INTERVIEWS_HELD = re.compile(
    r"\binterviews\s+(?:will|are\s+(?:going|due)\s+to)\s+(?:be\s+held|take\s+place)"
    r"\s+on\s+(?:the\s+)?",
    re.IGNORECASE,
)


def _interviews_held(
    sentences: list[_Clause], sent_at: datetime, calendar: BusinessCalendar
) -> Commitment | None:
    """The user's interview on the day an invitation says interviews are held
    (_INVITED, _INTERVIEWS_HELD), with no time: theirs is still to be booked."""
    invited = False
    for sentence in sentences:
        invitation = _INVITED.search(sentence.text)
        if invitation and not _CONDITIONAL.search(sentence.text, 0, invitation.start()):
            invited = True
        held = _INTERVIEWS_HELD.search(sentence.text)
        if held is None or not invited or _CONDITIONAL.search(sentence.text, 0, held.start()):
            continue
        mentions = find_time_mentions(sentence.text, sent_at, calendar)
        days = [m for m in mentions if m.due is not None and m.one_day]
        day = next((m for m in days if m.start == held.end()), None)
        if day is None or day.due is None or day.due < sent_at.date():
            return None
        if _one_of_two(sentence.text, day, days) or _AND_DAY.match(sentence.text, day.end):
            return None
        # (a time said with it is when the day's interviews start, not the user's slot)
        phrase = _phrase(sentence.text[held.start() : day.end])
        return Commitment(CommitmentKind.MEETING, phrase, day.strength, day.due)
    return None


# The start of a meeting said with a day and no time, in the next sentence: "... to
# interview on Thursday 21 January. The day will begin at 9am with a tour", "Your interview
# will start at 14:00" (not "The panel finishes at 4pm", "Lunch is at 12:30", nor a sentence
# naming a day of its own: "It will start at 9am on Friday")
_DAY_BEGINS = re.compile(
    r"^\W*(?:(?:the|your)\s+(?:day|interview|session|morning|afternoon|programme|program|event"
    r"|assessment(?:\s+(?:day|centre|center))?|panel)|it|proceedings)\s+(?:will\s+|is\s+(?:due"
    r"|expected|scheduled|set)\s+to\s+|should\s+)?(?:begin|start|commence)s?\s+(?:promptly\s+)?"
    r"at\s+",
    re.IGNORECASE,
)


# ... or the parts of the day at their times, the first the meeting's start: "You will be
# asked to give a presentation at 10:00, followed by a panel interview at 10:45" (not "Lunch
# is at 12:30", "The panel finishes at 4pm"), or an agenda under it, its lines opening with
# their times ("... and will run as follows:" / "10:30  tour of the School")
_PART_AT = re.compile(
    r"\b(?:presentation|interview|panel|tour|talk|test|exercise|assessment|session)"
    r"\s+(?:(?:will\s+)?(?:be|start|begin|commence)s?\s+)?(?:at|from)\s+(?=\d|noon\b|midday\b)",
    re.IGNORECASE,
)
_AGENDA_LINE = re.compile(r"[ \t]*(?=\d{1,2}(?::\d{2}|\.\d{2}|\s?[ap]\.?m\b))", re.IGNORECASE)


def _begins_at(
    meeting: Commitment,
    sentence: str,
    sent_at: datetime,
    calendar: BusinessCalendar,
    agenda: bool = False,
) -> Commitment:
    """`meeting` (a day, no time) with the time the next `sentence` says it begins at
    (_DAY_BEGINS), or its first part's (_PART_AT; with `agenda`, the meeting's sentence
    ending in a colon, the time opening the sentence: _AGENDA_LINE), if that sentence names
    no day of its own."""
    begins = _DAY_BEGINS.match(sentence) or (_AGENDA_LINE.match(sentence) if agenda else None)
    clock = TIME_OF_DAY.match(sentence, begins.end()) if begins else None
    found = parse_time_of_day(clock.group(0), sent_at) if clock else None
    for part in _PART_AT.finditer(sentence) if found is None or not begins else ():
        part_clock = TIME_OF_DAY.match(sentence, part.end())
        part_found = parse_time_of_day(part_clock.group(0), sent_at) if part_clock else None
        if part_found is not None and (found is None or part_found[0] < found[0]):
            found, begins, clock = part_found, part, part_clock
    if begins is None or clock is None or found is None or meeting.due is None:
        return meeting
    if any(m.due is not None for m in find_time_mentions(sentence, sent_at, calendar)):
        return meeting
    at = datetime.combine(meeting.due, found[0], found[1] or sent_at.tzinfo or UTC)
    phrase = _phrase(f"{meeting.phrase}. {sentence[begins.start() : clock.end()]}")
    return replace(meeting, phrase=phrase, at=at)


# "on Tuesday and Wednesday", "on Tuesday 15 and 16 December": interviews over two days
_AND_DAY = re.compile(
    r"\s*,?\s*(?:and|&)\s+(?:on\s+)?(?:the\s+)?\d|\s*,?\s*(?:and|&)\s+"
    rf"(?:on\s+)?{_DAY_NAME}\b",
    re.IGNORECASE,
)


def _slot_context(sentences: list[_Clause], index: int) -> _Clause | None:
    """The sentence before a slot line that says which meeting it is ("Elena Rossi from Lumen
    Pay has scheduled your Virtual Onsite.", "Your final round with Northbeam is confirmed:"):
    the nearest of the few before it that names a meeting, if it neither offers a choice nor
    asks, looks back or calls it off."""
    for sentence in reversed(sentences[max(0, index - _CONTEXT_SENTENCES) : index]):
        if _names_meeting(sentence.text):
            # ("Thank you for booking your interview", "You have booked the following
            # interview slot:" confirm it)
            return None if _NOT_SCHEDULED.search(_booked_blanked(sentence.text)) else sentence
    return None


def extract_commitments(
    text: str,
    *,
    sent_at: datetime,
    calendar: BusinessCalendar,
    direction: str = "inbound",
    invitation: str | None = None,
) -> tuple[Commitment, ...]:
    """Promises, deadlines and meetings in `text`, resolved against `sent_at`.

    REPLY promises with a date come first (so Extraction.promise is the most specific),
    then the rest in text order. Outbound text gives USER_PROMISE instead of REPLY (a promise,
    or an ask for time: "could I have until Friday to decide?") and no USER_DEADLINE. Quoted history below "On ... wrote:" is ignored. Never raises.
    `invitation`: the title of the calendar invitation `text` is ("" if not known), whose
    slot line ("When: ...") is its meeting with no sentence naming one.
    """
    text = _strip_history(text[:MAX_TEXT])
    found: list[Commitment] = []
    # (index in found, where its phrase starts in text) of an undated promise in the
    # sentence just read, which the next sentence may date: "... as soon as I hear.
    # Should be within the next couple of days."
    undated: tuple[int, int] | None = None
    times_of_day: dict[date, datetime] = {}  # the first time of day said for each date
    dropped: list[Commitment] = []  # days said no longer to work (_days_dropped)
    # A slot on lines of its own under a sentence naming the meeting (a scheduling tool's
    # confirmation: "... has scheduled your Virtual Onsite." / "Wednesday, December 9, 2026" /
    # "9:00 AM - 12:30 PM (Pacific Time)") is that meeting, when the mail gives one such slot
    # only (several are a choice, or a list), or each slot numbered ("Round 1:", "Round 2:");
    # one labelled "Previous time:" or "Former:" is the slot given up, off (MEETING_OFF of
    # its day).
    scheduling: bool | None = None if direction == "inbound" else False  # (read when needed)
    if invitation is not None and direction == "inbound":
        scheduling = True  # an Outlook request: "When: ..." / "Where: ..." and a note
    slots: set[datetime | None] = set()
    numbers: list[str | None] = []  # each slot's number ("round 1"), or None
    slot_meetings: list[Commitment] = []
    labelled_off = False  # a "Previous time:" read: the day called off is known
    task_link = (
        direction == "inbound"
        and _LINK_EXPIRES.search(text) is not None
        and _TASK_TO_DO.search(text) is not None
        and _BOOKING.search(text) is None
    )
    suit_asked = direction == "inbound" and (
        _SUIT_ASKED.search(text) is not None
        or (_NOT_A_MEETING_THING.search(text) is not None and _MEETING_HINT.search(text) is None)
    )

    def recount(span: str, event: str) -> date | None:
        start = _event_start(event, found, text, sent_at, calendar)
        if start is None:
            return None
        return next((m.due for m in find_time_mentions(span, start, calendar) if m.due), None)

    sentences = _slot_lines_joined(text, _sentences(text))
    untimed: int | None = None  # (index in found of a meeting just read with no time)
    for position, sentence in enumerate(sentences):
        if untimed is not None:
            # "... on Thursday 21 January. The day will begin at 9am": its time
            agenda = sentences[position - 1].text.rstrip().endswith(":")
            found[untimed] = _begins_at(found[untimed], sentence.text, sent_at, calendar, agenda)
            untimed = None
        words = set(_WORD.findall(sentence.text.lower()))
        timed = not words.isdisjoint(_TIME_WORDS) or _DIGIT.search(sentence.text) is not None
        promised = not words.isdisjoint(_PROMISE_WORDS)
        cued = promised or (timed and not words.isdisjoint(_CUE_WORDS))
        clock = timed and (":" in sentence.text or not words.isdisjoint(_CLOCK_WORDS))
        # "Unfortunately we need to cancel your interview.": no time word, but news
        called_off = (
            not words.isdisjoint(_OFF_WORDS) and _MEETING_OFF.search(sentence.text) is not None
        )
        # "I've just realised Tuesday won't work after all" (_days_dropped)
        dropping = direction == "inbound" and timed and not words.isdisjoint(_DROP_WORDS)
        # (a bare hour, as a day and time agreed may say it: "Thursday 1/8 at 10 works")
        hour = timed and _AT_HOUR.search(sentence.text) is not None
        read = cued or clock or hour or (timed and undated is not None) or called_off
        if not (read or dropping):
            continue
        readable = sentence.text
        if called_off:  # "Thursday's interview" is Thursday's (same length: same offsets)
            readable = _POSSESSIVE_DAY.sub(lambda day: day.group(0)[:-2] + "  ", readable)
        mentions = find_time_mentions(readable, sent_at, calendar)
        # (a slot has a time of day, and "Previous time:" its colon: most sentences have
        # neither, and the mail is read for a meeting only when one has)
        slot = _slot_line(readable, mentions) if clock and scheduling is not False else None
        given_up = _previous_slots(readable, mentions) if clock and ":" in readable else []
        if given_up and _SLOT_ADDED.search(text):
            given_up = []
        if (slot or given_up) and scheduling is None:
            scheduling = _names_meeting(text)
        if not scheduling:
            slot, given_up = None, []
        mentions = [m for m in mentions if m not in given_up]
        for mention in mentions:
            if mention.due is not None and mention.at is not None:
                times_of_day.setdefault(mention.due, mention.at)
        carried: list[TimeMention] = []
        produced: list[tuple[Commitment, int]] = []
        for clause in _clauses(sentence.text) if read else []:
            end = clause.start + len(clause.text)
            # (a time's match may take the space after it: "at 10:00 and we will ...")
            own = [
                m
                for m in mentions
                if m.start >= clause.start and m.start + len(m.text.rstrip()) <= end
            ]
            clause_found = _clause_commitments(
                sentence.text, clause, own or carried, direction, sent_at, recount, calendar,
                task_link, suit_asked,
            )  # fmt: skip
            produced.extend(clause_found)
            # A fronted time ("By Friday, we will ...") belongs to the next clause.
            carried = own if not clause_found and own else []
        if dropping:
            days_off = _days_dropped(sentence.text, mentions)
            dropped += [off for off, _ in days_off]
            produced.extend(days_off)
        if slot is not None:
            slots.add(slot.at)
            label = _SLOT_LABEL.match(readable)
            number = label["numbered"] if label else None
            numbers.append(" ".join(number.lower().split()) if number else None)
            context = _slot_context(sentences, position) if not produced else None
            if context is None and invitation is not None and not produced:
                context = _Clause(0, invitation)  # its title names it
            if context is not None:
                said = _phrase(f"{context.text} {sentence.text[: slot.end]}")
                if len(said) >= _MAX_PHRASE:
                    said = _phrase(sentence.text[: slot.end])
                meeting = Commitment(CommitmentKind.MEETING, said, slot.strength, slot.due, slot.at)
                slot_meetings.append(meeting)
        labelled_off = labelled_off or bool(given_up)
        for mention in given_up:
            line = sentence.text.rfind("\n", 0, mention.start) + 1  # "Previous time: ..."
            phrase = _phrase(sentence.text[line : mention.end])
            off = Commitment(CommitmentKind.MEETING_OFF, phrase, mention.strength, mention.due)
            produced.append((off, mention.start))
        dated = [m for m in mentions if m.due is not None]
        if not produced and undated and dated and _FOLLOW_UP.match(sentence.text):
            index, phrase_start = undated
            mention = dated[0]
            phrase = _phrase(text[phrase_start : sentence.start + mention.end])
            found[index] = replace(
                found[index], phrase=phrase, strength=mention.strength, due=mention.due
            )
        undated = None
        meetings = [c for c, _ in produced if c.kind == CommitmentKind.MEETING and c.due]
        for commitment, start in produced:
            if commitment.due is None and commitment.kind in (_REPLY, CommitmentKind.USER_PROMISE):
                undated = (len(found), sentence.start + start)
            if len(meetings) == 1 and commitment is meetings[0] and commitment.at is None:
                untimed = len(found)
            found.append(commitment)
    if len(slots) == 1 or (None not in numbers and len(set(numbers)) == len(numbers)):
        found += slot_meetings
    if labelled_off:
        # "Your interview has been rescheduled ... Previous time: Tuesday, December 1": that
        # day is off, not the next meeting whichever it is
        found = [c for c in found if not (c.kind == CommitmentKind.MEETING_OFF and c.due is None)]
    if any(asks_to_move(c) and c.due is None for c in found) and _STAYS.search(text):
        # "Could we move your onsite visit to Wednesday? Tuesday's call stays as it is.": not
        # the next meeting, and which one is not known
        found = [c for c in found if not (asks_to_move(c) and c.due is None)]
    if dropped and any(asks_to_move(c) for c in found):
        # "Sorry, Thursday won't work after all. Would Monday at 10:00 work instead?": their
        # ask to move it, which leaves the meeting until the user's yes
        found = [c for c in found if not any(c is off for off in dropped)]
    if direction == "inbound" and not any(
        c.kind == CommitmentKind.MEETING and c.due for c in found
    ):
        held = _interviews_held(sentences, sent_at, calendar) if _INVITED.search(text) else None
        found += [held] if held is not None else []
    if direction == "inbound" and _OWN_ABSENCE.search(text):
        found += [away] if (away := _own_absence(sentences, sent_at, calendar)) else []
    if direction == "inbound" and not any(
        c.kind in (CommitmentKind.USER_DEADLINE, CommitmentKind.MOVE_ASKED) for c in found
    ):
        # "Would Monday, 14th at 10:00 work for you?": the user's pick, their turn
        pick = _pick_asked(sentences, sent_at, calendar)
        found += [pick] if pick is not None else []
    if direction == "inbound" and to_a_referee(text):
        found = [c for c in found if c.kind != CommitmentKind.USER_DEADLINE]
    # (a meeting's end, when the mail gives it: "14:00-14:45", "a 45-minute call")
    return with_ends(_tidy(found, times_of_day), text)


def _own_absence(
    sentences: list[_Clause], sent_at: datetime, calendar: BusinessCalendar
) -> Commitment | None:
    """The sender's note of their own absence in an ordinary mail (_OWN_ABSENCE), with the
    day they are back (_BACK_ON): AWAY until then, as an away notice gives it. None under a
    condition, with someone standing in (_STAND_IN), or with no day of return within
    `_AWAY_MAX_DAYS`."""
    for index, sentence in enumerate(sentences):
        cue = _OWN_ABSENCE.search(sentence.text)
        if cue is None or _CONDITIONAL.search(sentence.text, 0, cue.start()):
            continue
        if any(_STAND_IN.search(s.text) for s in sentences[index : index + 2]):
            continue  # their news comes from the one standing in
        back = [
            m
            for m in find_time_mentions(sentence.text, sent_at, calendar)
            if m.start >= cue.end()
            and m.due is not None
            and m.one_day
            and 0 <= (m.due - sent_at.date()).days <= _AWAY_MAX_DAYS
            and _BACK_ON.search(sentence.text, max(0, m.start - 40), m.start)
        ]
        if back:
            last = max(back, key=lambda m: m.due or sent_at.date())
            phrase = _phrase(sentence.text[cue.start() : last.end])
            return Commitment(CommitmentKind.AWAY, phrase, last.strength, last.due)
    return None


# Their question offering a time for the user to take or pick: "Would Monday, 14th at 10:00
# work for you?", "shall we speak on Wednesday 16.12. at 11:30?", "Can you do Thursday 7.1. at
# 10:00 or Friday 8 January at 13:30?", or a sentence asking which suits ("Possible dates are
# ... . Please let me know which date suits you.", "For example Tuesday 15.12. or Wednesday
# 16.12., whatever suits you.")
# "How's Mon 14 Dec 4pm?" (a time right after it: not "How's your week going?")
_HOWS = (
    r"how(?:['’]s|\s+is|\s+does|\s+would)(?=\s+(?:mon|tue|wed|thu|fri|\d|the\s+\d|tomorrow"
    r"|next\b))"
)
_PICK_ASKED = re.compile(
    r"\b(?:works?|suits?|free|available|convenient|possible|good\s+for\s+you|how\s+about"
    r"|what\s+about|(?:can|could)\s+(?:you|u)\s+(?:do|make)|able\s+to\s+(?:do|make|join|attend)"
    rf"|shall\s+we|open\s+to|{_HOWS})\b",
    re.IGNORECASE,
)
_WHICH_SUITS = re.compile(
    r"\b(?:which|whichever|whatever|what)\s+(?:(?:one|date|time|day|slot|option)s?\s+)?"
    r"(?:(?:of\s+(?:these|them|the\s+\w+)\s+)?(?:would\s+)?(?:suits?|works?|fits?)"
    r"|(?:is|would\s+be)\s+(?:best|better))\b",
    re.IGNORECASE,
)
# ... asked of the user: "... suits you", "which works best for you", or under "let me know",
# "please confirm", "choose"; not "the slot which works best for the panel", nor "I'm checking
# with the hiring manager which day works best for him"
_WHICH_FOR_YOU = re.compile(r"\s*(?:best\s+|better\s+)?(?:for\s+)?(?:you|u)\b", re.IGNORECASE)
_WHICH_ASKED = re.compile(
    r"\b(?:let\s+(?:me|us)\s+know|tell\s+(?:me|us)|(?:please\s+)?confirm|advise|choose"
    r"|pick|select|indicate|decide|reply\s+with|come\s+back\s+(?:to\s+(?:me|us)\s+)?with)\b"
    r"[^.!?]*$",
    re.IGNORECASE,
)


# ... or which the user prefers: "Could you let me know which you prefer?", "Which would you
# prefer?" (not "which the panel would prefer")
_WHICH_PREFERRED = re.compile(
    r"\b(?:which|whichever)\s+(?:(?:one|date|time|day|slot|option)s?\s+)?(?:of\s+(?:these"
    r"|them|the\s+\w+)\s+)?(?:(?:would|do)\s+you|you(?:['’]d|\s+would)?)\s+prefer\b",
    re.IGNORECASE,
)


def _which_asked(words: str) -> bool:
    """Whether a sentence asks the user which time suits (_WHICH_SUITS, _WHICH_FOR_YOU,
    _WHICH_ASKED) or which they prefer (_WHICH_PREFERRED)."""
    if _WHICH_PREFERRED.search(words):
        return True
    for which in _WHICH_SUITS.finditer(words):
        if _WHICH_FOR_YOU.match(words, which.end()) or _WHICH_ASKED.search(words, 0, which.start()):
            return True
    return False


# ... not a question about a time gone by: "Did Monday work out?", "How was the call?"
_ASKED_BACK = re.compile(r"^\W*(?:did|was|were|how\s+(?:did|was|were))\b", re.IGNORECASE)


def _pick_asked(
    sentences: list[_Clause], sent_at: datetime, calendar: BusinessCalendar
) -> Commitment | None:
    """Their ask for the user to take or pick a time they offer for a meeting (_PICK_ASKED,
    _WHICH_SUITS): the user's turn, a USER_DEADLINE due the next business day, its phrase the
    ask (with the sentence before or after it that holds the times). The times are the
    meeting's only once the user's yes takes one (agreed_slot). Only days ahead count, with
    a time of day, or a meeting word in the ask, the sentence before it or the one with the
    days; none for an ask to move a meeting (MOVE_ASKED) or one asked after the fact ("Did
    Tuesday work for you?")."""
    for index, sentence in enumerate(sentences):
        words = sentence.text.strip()
        asked = words.endswith("?") and _PICK_ASKED.search(words) is not None
        if not (asked or _which_asked(words)) or _ASKED_BACK.match(words):
            continue
        if _MEETING_OFF.search(words) or _INSTEAD.search(words):
            continue
        for near in (index, index - 1, index + 1):
            if not 0 <= near < len(sentences):
                continue
            said = sentences[near].text.strip()
            days = [
                invitation_time(said, m, sent_at.tzinfo or UTC)  # "can u do thurs 12/10 at 3?"
                for m in find_time_mentions(said, sent_at, calendar)
                if m.due is not None and m.one_day and m.due >= sent_at.date()
            ]
            if not days:
                continue
            meeting = any(m.at is not None for m in days) or any(
                _MEETING.search(sentences[i].text) for i in {index - 1, index, near} if i >= 0
            )
            if not meeting:
                break
            pair = sorted({index, near})
            phrase = _phrase(" ".join(sentences[i].text.strip() for i in pair))
            due = calendar.add_business_days(sent_at.date(), 1)
            return Commitment(CommitmentKind.USER_DEADLINE, phrase, Strength.RELATIVE, due)
    return None


def _event_start(
    event: str, found: list[Commitment], text: str, sent_at: datetime, calendar: BusinessCalendar
) -> datetime | None:
    """When the event a span is counted from ("the interview", "the closing date") takes
    place, if the message says: a date in its own words ("your interview on Thursday 3
    December"), the one day of the meetings read so far, or the closing date the text names.
    """
    own = [m for m in find_time_mentions(event, sent_at, calendar) if m.due and m.one_day]
    day: date | None = None
    at: datetime | None = None
    if own:
        day, at = own[0].due, own[0].at
    elif _MEETING_EVENT.search(event):
        meetings = {c.due: c.at for c in found if c.kind == CommitmentKind.MEETING and c.due}
        if len(meetings) == 1:  # several: which one is not known
            day, at = next(iter(meetings.items()))
    elif _CLOSING_EVENT.search(event):
        day = _closing_day(text, sent_at, calendar)
    if day is None:
        return None
    return at or datetime.combine(day, sent_at.timetz())


def _closing_day(text: str, sent_at: datetime, calendar: BusinessCalendar) -> date | None:
    """The closing date of applications a text names ("The closing date is 30 November",
    "applications close on Monday 30 November"), if it names one."""
    for sentence in _sentences(text):
        for cue in _CLOSING_EVENT.finditer(sentence.text):
            for mention in find_time_mentions(sentence.text, sent_at, calendar):
                if mention.due and mention.one_day and 0 <= mention.start - cue.end() <= 40:
                    return mention.due
    return None


def _tidy(found: list[Commitment], times_of_day: dict[date, datetime]) -> tuple[Commitment, ...]:
    """Drop repeats (one meeting per day, preferring one with a time), give a meeting the
    time said elsewhere for its day ("Thursday, 3 December" ... "at 15:00 CET"), and put
    dated reply promises first."""
    unique: dict[tuple[CommitmentKind, object], Commitment] = {}
    for commitment in found:
        if commitment.kind == CommitmentKind.MEETING and commitment.due is not None:
            if commitment.at is None and commitment.due in times_of_day:
                commitment = replace(commitment, at=times_of_day[commitment.due])
            key: tuple[CommitmentKind, object] = (commitment.kind, commitment.due)
            kept = unique.get(key)
            if kept is None or (kept.at is None and commitment.at is not None):
                unique[key] = commitment
            continue
        unique.setdefault((commitment.kind, commitment.phrase), commitment)
    ordered = list(unique.values())
    ordered.sort(key=_order)
    return tuple(ordered)


def _order(commitment: Commitment) -> int:
    """Dated reply promises first: the date by which silence means no (_ASSUME_NO), the date
    they hold themselves to for every applicant ("We anticipate shortlisting will take place
    w/c 7 December ... If you have not heard from us within 4 weeks of the closing date,
    please assume ..." waits until then), then their word to write, then a decision's step
    ("Sift will take place w/c 14 December and we expect to contact you ... by Friday 18
    December" is the promise to contact)."""
    if commitment.kind != CommitmentKind.REPLY or commitment.due is None:
        return 3
    if _ASSUME_NO.search(commitment.phrase):
        return 0
    return 2 if _DECISION_STEP.search(commitment.phrase) else 1


# A sender who writes numeric dates month first: the mail's own dates say so ("campus is
# closed 12/24 through 1/3": only December 24 is a date), else an American address, else a
# Date offset of the Americas (-05:00 to -10:00; -04:00, summer's Eastern as well as the
# Caribbean's and Chile's, with a North American zone named: "10:00 AM ET"). A zone named
# alone is no sign: "9am ET" for a call with New York, written in London.
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.:-])(?P<first>\d{1,2})\s?/\s?(?P<second>\d{1,2})(?P<year>\s?/\s?\d{2,4})?(?![\d/])"
)
# what makes a numeric pair a date, not a score ("You ranked 3/14", "7/10 stars"): a year
# written, or a date word or a weekday just before it (dates.DATE_PREPOSITION, by which
# dates reads a numeric date at all), or a range's or a notice's word ("closed 12/23
# through 1/2", "dated 11/30", "reopens 1/4")
_RANGE_BEFORE = re.compile(r"\b(?:through|thru|to|dated|closed|reopens?)\s*$", re.IGNORECASE)
_AMERICAN_DOMAINS = (".edu", ".us", ".gov", ".mil")
_AMERICAN_ZONES = frozenset(
    {"et", "est", "edt", "eastern", "ct", "cst", "cdt", "central", "mt", "mst", "mdt",
     "mountain", "pt", "pst", "pdt", "pacific"}
)  # fmt: skip
_AMERICAN_OFFSETS = (-10 * 3600, -5 * 3600)  # seconds east of UTC, inclusive
_SUMMER_EASTERN = -4 * 3600


def _writes_month_first(text: str, sender: Address | None, sent_at: datetime) -> bool:
    """Whether the mail's numeric dates are month first whatever the user's country: its own
    dates say so (one valid only month first, none only day first; not "24/7"; a date has a
    year or a date word before it: "ranked 3/14" is a score), else the
    sender's address is American (.edu, .us, .gov) or their Date offset is the Americas'
    (_AMERICAN_OFFSETS; -04:00 with a North American zone named in the mail)."""
    month_first = day_first = False
    for found in _NUMERIC_DATE.finditer(text[:MAX_TEXT]):
        before = found.string[max(0, found.start() - 20) : found.start()]
        dated = DATE_PREPOSITION.search(before) or _RANGE_BEFORE.search(before)
        if not found["year"] and not dated:
            continue
        first, second = int(found["first"]), int(found["second"])
        if 1 <= first <= 12 < second <= 31:
            month_first = True
        elif 1 <= second <= 12 < first <= 31 and (first, second) != (24, 7):
            day_first = True
    if month_first or day_first:
        return month_first and not day_first
    if sender is not None and sender.domain.endswith(_AMERICAN_DOMAINS):
        return True
    offset = sent_at.utcoffset()
    seconds = offset.total_seconds() if offset is not None else 0
    if _AMERICAN_OFFSETS[0] <= seconds <= _AMERICAN_OFFSETS[1]:
        return True
    return seconds == _SUMMER_EASTERN and any(
        " ".join((zone["tz"] or "").lower().split()).removesuffix(" time") in _AMERICAN_ZONES
        for zone in TIME_OF_DAY.finditer(text[:MAX_TEXT])
    )


def sender_calendar(
    calendar: BusinessCalendar, text: str, sender: Address | None, sent_at: datetime
) -> BusinessCalendar:
    """`calendar`, reading numeric dates month first when the user's country reads them day
    first and the mail shows it is written month first (_writes_month_first): a US sender's
    "reopens on 1/4" to a user in England is 4 January, not 1 April."""
    if calendar.month_first or not _writes_month_first(text, sender, sent_at):
        return calendar
    return calendar.reading_month_first()


# An Outlook meeting request's text opens with its slot: "When: Wednesday, 16 December 2026
# 08:00-09:30 (UTC+00:00) Dublin, Edinburgh, Lisbon, London." / "Where: The Reform Club"; not
# a notice that it is off or an answer to it ("Canceled: ...", "Declined: ...")
_WHEN_FIRST = re.compile(r"\s*when[ \t]*:[ \t]*\S", re.IGNORECASE)
_NOT_INVITED = re.compile(
    r"\s*(?:cancell?ed|declined|tentative(?:ly\s+accepted)?)(?:\s+(?:event|meeting))?\s*:",
    re.IGNORECASE,
)


def extract_fields(
    subject: str,
    text: str,
    *,
    sent_at: datetime,
    calendar: BusinessCalendar,
    sender: Address | None = None,
    signature: str = "",
    direction: str = "inbound",
    invitation: bool = False,
    quoted: str = "",
) -> Extraction:
    """Commitments, company, agency, role, requisition id and sender role of one message.

    `text` is what the sender wrote (no quoted history); `signature` is used for the
    sender's company and role only; `quoted`, the mail the user's own answers (whether it
    made an offer, for their plain yes). Subjects starting "Re:"/"Fwd:" give no commitments
    (they repeat an older message). `invitation`: the message carries a calendar invitation
    (a text/calendar part or an .ics file); so does one whose text opens with "When:" (an
    Outlook request), its subject the event's title. Never raises.
    """
    subject_text = "" if _REPLY_SUBJECT.match(subject or "") else (subject or "")
    body = f"{subject_text}\n\n{text}" if subject_text else text
    calendar = sender_calendar(calendar, body, sender, sent_at)
    title = None
    if (invitation or _WHEN_FIRST.match(text)) and not _NOT_INVITED.match(subject or ""):
        title = subject_text
    commitments = extract_commitments(
        body, sent_at=sent_at, calendar=calendar, direction=direction, invitation=title
    )
    outbound = direction == "outbound"  # the user's own domain and signature say nothing
    own_text = _strip_history(text[:MAX_TEXT])
    organisation = find_organisation(
        subject or "",
        own_text,
        sender=None if outbound else sender,
        signature="" if outbound else signature,
    )
    role = SenderRole.USER if direction == "outbound" else organisation.sender_role
    if outbound:
        decision = user_decision(own_text, subject or "", quoted=quoted[:_ANSWERED_CHARS])
    else:  # the subject may say it: "You've declined your offer from Fernhill School"
        decision = confirmed_decision(f"{subject_text}\n\n{own_text}")
    return Extraction(
        commitments=commitments,
        company=organisation.company,
        role=organisation.role,
        sender_role=role,
        requisition_id=organisation.requisition_id,
        agency=organisation.agency,
        decision=decision[0] if decision else None,
        decision_phrase=decision[1] if decision else "",
    )


# (not "the other offer", "the competing offer", "the counter offer": another employer's)
_OFFER_OBJECT = (
    r"(?:the|your|this|their|our)\s+(?:(?!other\b|competing\b|counter\b)[\w-]+\s+){0,3}?offer\b"
)
_DECISIONS = (
    # "not to accept" first: it declines
    (Outcome.DECLINED, re.compile(
        rf"\b(?:declin(?:e|ing)|turn(?:ing)?\s+down|not\s+(?:to\s+)?(?:be\s+)?accept(?:ing)?)"
        rf"\s+{_OFFER_OBJECT}", re.IGNORECASE)),
    # "accept the offer", "... the position of Data Analyst" (not "the job interview")
    (Outcome.ACCEPTED, re.compile(
        rf"\baccept(?:ing)?\s+(?:{_OFFER_OBJECT}|(?:the|your|this)\s+(?:[\w-]+\s+){{0,3}}?"
        r"(?:position|role|job|post)(?=\s*(?:[.!,;]|$)|\s+(?:of|at|with|in|on|as|and)\b))",
        re.IGNORECASE)),
    (Outcome.WITHDRAWN, re.compile(
        # "Please withdraw me from the Harbour Freight role" (not "... from the mailing list")
        r"\bwithdraw(?:ing)?\s+(?:my\s+(?:application|candidacy|interest)|myself"
        r"|(?:(?:me|my\s+(?:name|cv|details|profile))\s+)?from\s+(?:the|your|this|further)\s+"
        r"(?:[\w&'’-]+\s+){0,3}?(?:process|recruitment|application|role|position|consideration"
        r"|running|search|shortlist|vacancy|opportunity|contract|job))\b"
        # (not "... from the job alert emails", "the recruitment newsletter")
        r"(?!\s+(?:alerts?|emails?|e-mails?|mailings?|mailing\s+list|newsletters?|list|updates"
        r"|notifications?|digests?)\b)"
        # "remove me from consideration", "please take me out of the running", "I'd like to
        # pull out of the process" (not "take me off the mailing list", "she pulled out")
        r"|\b(?:remove\s+me\s+from|take\s+me\s+out\s+of)\s+(?:the\s+|your\s+|further\s+)?"
        r"(?:process|consideration|running|shortlist)\b"
        # (not a bare "I need to pull out", which may be of a day: "... of tomorrow's call")
        r"|\bpull(?:ing)?\s+out\s+of\s+(?:the|your|this|further)\s+(?:[\w&'’-]+\s+){0,3}?"
        r"(?:process|recruitment|application|role|position|running|search|contract|job)\b"
        r"|\baccepted\s+(?:an(?:other)?|a\s+different)\s+(?:[\w-]+\s+){0,2}?(?:offer|role|position)"
        r"|\baccept(?:ed|ing)?\s+the\s+other\s+(?:[\w-]+\s+){0,2}?(?:offer|role|position)"
        r"|\bno\s+longer\s+(?:be\s+)?(?:interested\s+in|pursuing|available\s+for)"
        r"\s+(?:the|this|your)\s+(?:[\w-]+\s+){0,3}?(?:role|position|opportunity|job|process)",
        re.IGNORECASE)),
)  # fmt: skip
# Accepting with nothing named, in a reply about an offer ("Re: Offer", "Thank you for the
# offer!") or a placement (_PLACEMENT): "Yes, I accept.", "I'd like to accept!", "yes!! i
# accept, thank u so much", "I'll take it!", "Count me in", and to a start "ill be there
# monday" (not "I accept that ...", "I'd like to accept but ...", "I'll take it from here",
# "I'll be there to sign the contract"). `self`: words that name the user deciding.
_ACCEPTED_PLAINLY = re.compile(
    r"(?:\baccept(?:ing)?(?:\s+(?:it|gladly|happily|with\s+(?:pleasure|thanks|gratitude)))?"
    r"|(?P<self>\bI(?:\s*['’]\s*ll|ll|\s+will)\s+(?:(?:happily|gladly|definitely)\s+)?"
    rf"(?:take\s+it|be\s+there(?:\s+(?:on\s+)?(?:{_DAY_NAME}|mon|tues?|weds?|thurs?|fri|sat|sun"
    r"|tomorrow|tmrw|then))?(?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)?(?:\s+sharp)?)?)"
    r"|\bcount\s+me\s+in))"
    r"(?:\W+(?:thank\s+(?:you|u)|thanks|thx|ty)(?:\s+(?:so|very)\s+much)?)?\W*$",
    re.IGNORECASE,
)
# "an offer" made in the mail the user answers: the noun after a word that makes it one
# ("our offer", "a conditional offer", "the verbal offer"), not the verb of "we'd like to
# offer you an interview", which quoted under the user's "I'd love to accept" is no offer
_OFFER_MADE = re.compile(
    r"\b(?:an?|the|our|this|my|your|formal|conditional|unconditional|verbal|written|job"
    r"|provisional)\s+offer\b",
    re.IGNORECASE,
)
# ... or the verb offering the job itself: "We'd like to offer u the seasonal sales associate
# position" (not "... offer you an interview", "... offer you a call")
_JOB_OFFERED = re.compile(
    r"\boffer(?:ing)?\s+(?:you|u)\s+(?:the|this|a|an)\s+(?:[\w&'’/-]+\s+){0,5}?(?:position|role"
    r"|job|post|placement|assignment)\b",
    re.IGNORECASE,
)
# A placement with its start, as a staffing agency writes it: "Your assignment at Lakeshore
# Distribution starts Monday 7am (12/7)", "assignment starts Monday" (a subject), "your
# first shift is Saturday at 4"; its day follows (not "the assignment starts when you open
# the link")
_PLACEMENT = re.compile(
    r"\b(?:(?:assignment|placement)\s+(?:(?:at|with)\s+(?:[\w&'’.-]+\s+){1,4}?)?(?:starts|begins"
    r"|will\s+(?:start|begin))|your\s+first\s+(?:day|shift)\s+(?:is|will\s+be))\b"
    rf"(?=[^.!?\n]{{0,20}}\b(?:{_DAY_NAME}|mon|tues?|wed|thu|fri|sat|sun|tomorrow|tmrw|\d))",
    re.IGNORECASE,
)


# the mail answered is the quote's start: an offer further down is older history
_ANSWERED_CHARS = 1500


def _offer_made(quoted: str) -> bool:
    """Whether the mail the user answers makes them an offer (_OFFER_MADE, and _AN_OFFER
    at the same place: not "the offer of an interview")."""
    return any(
        _AN_OFFER.match(quoted, match.end() - len("offer"))
        for match in _OFFER_MADE.finditer(quoted)
    )


_AN_OFFER = re.compile(
    r"(?<!interview\s)(?<!meeting\s)(?<!another\s)(?<!other\s)(?<!competing\s)(?<!second\s)"
    r"(?<!counter\s)(?<!counter-)\boffer\b"
    # not "the offer of an interview", "your offer of a second call", "the offer to meet",
    # "another offer pending", "an offer elsewhere": an offer of theirs to the user
    r"(?!\s+(?:of|for)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:interview|meeting|call|chat)\b"
    r"(?!(?-i:\s+[A-Z]))|\s+to\s+(?:meet|interview|talk|chat|speak)|\s+(?:pending|elsewhere)\b)",
    re.IGNORECASE,
)
# What may follow a plain no: the sentence's end, "thanks", "for now", "this time"
_DECLINE_END = (
    r"(?=\s*(?:[.!,;:)]|\s[-–—]\s|$)|\s+(?:thanks|thank\s+you|I['’]m\s+afraid|for\s+now"
    r"|this\s+time|though|at\s+(?:the\s+moment|this\s+(?:time|stage))|right\s+now|any\s*more)\b)"
)
_THINGS_PASSED_ON = (
    r"(?:(?:your|my|his|her|their|the|these|those|this|that|any|some)\s+)?(?:details|cv|resume"
    r"|number|contact|e-?mail|address|message|info|information|name|thanks|regards|feedback"
    r"|news|link|profile|comments?|notes?|word)\b"
)
_ROLE_DECLINED = (
    r"(?:it|this|that|(?:this|the|that|your)\s+(?:[\w&'’-]+\s+){0,3}?(?:one|role|position"
    r"|opportunity|job|contract|vacancy|opening|post))"
)
# Turning a role down plainly, with nothing named or only the role: "I'll pass on Corvid for
# now", "I'm going to pass on this one", "Not for me, thanks", "I'm not interested in this
# role". Not passing something on ("I'll pass on your details to a friend", "I'll pass it
# on", "... pass this on to Jane"), nor passing on something else ("I'll pass on lunch",
# lower case and no role: only a role, "this one", "it" or a name), nor "not interested in
# relocating, but ...", nor "I hope I'll pass". Such a no ends a process only where
# track.py lets it (plain_decision): a pitch or an application, or an offer.
_DECLINED_PLAINLY = re.compile(
    r"(?<!\bhope\s)(?<!\bsure\s)(?<!\bbet\s)\bI(?:['’]ll|\s+will|['’]d|\s+would"
    r"|['’]m\s+going\s+to|\s+am\s+going\s+to|\s+must)?"
    r"(?:\s+(?:have\s+to|need\s+to|rather|politely|respectfully|regretfully|sadly))?\s+pass"
    rf"(?:{_DECLINE_END}|\s+on\s+(?!{_THINGS_PASSED_ON}|(?:{_DAY_NAME}|today|tomorrow)\b)"
    rf"(?:{_ROLE_DECLINED}|(?-i:[A-Z])[\w&'’-]*)\b"
    r"(?![^.!?,;]*\bto\s+(?!be\b)))"
    r"|\bI(?:['’]m|\s+am)\s+(?:(?:really|just|honestly|afraid(?:\s+I['’]m)?)\s+)?not\s+"
    rf"(?:really\s+|currently\s+)?interested(?:\s+in\s+{_ROLE_DECLINED})?{_DECLINE_END}"
    r"|(?:^\W*|(?<=[,;:–—-])\s*|\b(?:it|this(?:\s+one)?|that)(?:\s*['’]s|\s+is)\s+"
    rf"(?:just\s+|really\s+)?)not\s+(?:really\s+)?for\s+me{_DECLINE_END}",
    re.IGNORECASE,
)
# A no to an agency's pitch because the user applied already: "I actually applied for this
# one directly through their careers site, so I don't think you can represent me for it", "I
# don't think you can put me forward, as I've already applied". Not "I applied directly last
# month but never heard back - happy for you to put me forward", nor their "Have you applied
# directly?". Plain, as "I'll pass" is: a withdrawal that track.py lets end a pitch.
_NOT_THROUGH_YOU = (
    r"(?:I\s+(?:don['’]t|do\s+not)\s+think\s+you(?:\s+(?:can|could|will|would))?"
    r"|you\s+(?:can(?:['’]t|not|\s+not)|couldn['’]t|won['’]t|wouldn['’]t|will\s+not|shouldn['’]t)"
    r"|(?:please\s+)?(?:don['’]t|do\s+not)|I\s+(?:can(?:['’]t|not)|won['’]t))"
    r"(?:\s+be\s+able\s+to)?\s+(?:\w+\s+)?"
    r"(?:represent\s+me|put\s+me\s+(?:forward|up)|submit\s+(?:me|my\s+(?:cv|resume|application"
    r"|details|profile))|put\s+my\s+(?:cv|resume|name|details|profile)\s+(?:forward|up)"
    r"|go\s+(?:through|via)\s+you|be\s+(?:represented|put\s+forward|submitted)(?:\s+by\s+you)?"
    # "... so I can't go forward with you on this one"
    r"|(?:go|move)\s+(?:forward|ahead)\s+with\s+you|proceed\s+with\s+you"
    r"|work\s+with\s+you\s+on\s+(?:it|this|that))"
)
_APPLIED = (
    r"\bI(?:\s*['’]ve|\s+have|\s*['’]d|\s+had)?\s+(?:(?:actually|already|just|previously"
    r"|recently|also)\s+){0,2}applied\b"
)
# ... or because another agency represents them for it: "another agency already has my right
# to represent for it, so I can't go forward with you on this one", "I've already given my
# right to represent to another agency", "I've been put forward for it by another agency"
_ELSEWHERE = (
    r"\b(?:another|a\s+different|one\s+other)\s+(?:agency|recruiter|consultancy|consultant"
    r"|firm)\s+(?:(?:already|has\s+already|have\s+already|is\s+already)\s+)?(?:has|have|holds?"
    r"|represents|is\s+representing|submitted|put\s+me\s+(?:forward|up))\b"
    r"|\bI(?:\s*['’]ve|\s+have)?\s+(?:already\s+)?(?:given|signed|agreed|confirmed|granted)\s+"
    r"(?:(?:my|the|an?)\s+)?(?:right\s+to\s+represent|rtr|exclusivity)\b"
    r"|\bI(?:\s*['’]ve|\s+have)\s+(?:already\s+)?been\s+(?:represented|submitted|put\s+forward)"
    r"(?:\s+for\s+(?:it|this|that)(?:\s+(?:one|role))?)?\s+by\s+(?:another|a\s+different)\b"
)
_APPLIED_DIRECTLY = re.compile(
    rf"(?:{_APPLIED}|{_ELSEWHERE})[^.!?;]{{0,100}}?\b(?:so|which\s+means|and)\s+{_NOT_THROUGH_YOU}"
    rf"|{_NOT_THROUGH_YOU}[^.!?;]{{0,60}}?\b(?:as|since|because)\s+(?:{_APPLIED}|{_ELSEWHERE})",
    re.IGNORECASE,
)
# The user asking an agency not to put them forward, with nothing after it but the pitch:
# "Please don't put me forward for this one", "please do not submit my profile", "I don't want
# to be submitted for it". Not "please do submit my profile", nor one with more to it
# ("please don't submit my profile until we've spoken", "... yet", "don't submit me anywhere
# else without asking", "... for the other role"), nor under "if" ("If yes, please do not
# submit my profile": the agency's "No problem, I won't put you forward" confirms it).
# Plain, as "I'll pass" is: a withdrawal that track.py lets end a pitch.
_PUT_FORWARD = (
    r"(?:submit\s+(?:me|my\s+(?:cv|resume|application|details|profile))|put\s+me\s+(?:forward"
    r"|up)|put\s+my\s+(?:cv|resume|name|details|profile)\s+(?:forward|up)|represent\s+me)"
)
_BE_PUT_FORWARD = r"(?:be\s+(?:submitted|put\s+forward|put\s+up|represented))"
_DONT_SUBMIT = re.compile(
    r"(?:(?<!\bI\s)(?<!\byou\s)(?<!\bwe\s)(?<!\bthey\s)(?<!\bhe\s)(?<!\bshe\s)"
    rf"\b(?:don['’]t|do\s+not)\s+{_PUT_FORWARD}"
    rf"|\bI\s+(?:don['’]t|do\s+not)\s+(?:want|wish)\s+(?:(?:you|them)\s+to\s+{_PUT_FORWARD}"
    rf"|to\s+{_BE_PUT_FORWARD})"
    rf"|\bI(?:['’]d|\s+would)\s+(?:rather|prefer)\s+(?:not\s+(?:to\s+)?{_BE_PUT_FORWARD}"
    rf"|you\s+(?:didn['’]t|did\s+not)\s+{_PUT_FORWARD}))"
    r"(?:\s+(?:for|to)\s+(?:it|them|this(?:\s+(?:one|role|position|job|opportunity))?"
    r"|that(?:\s+(?:one|role|position|job|opportunity))?|the\s+role|(?-i:[A-Z])[\w&'’-]*))?"
    r"(?:\s*,?\s*(?:please|then|thanks|thank\s+you))?(?=\s*(?:[.!,;:)]|\s[-–—]\s|$))",
    re.IGNORECASE,
)
# A no said as a decision: "I've decided to decline", "Unfortunately I must decline", "I
# have decided not to accept", "I'll have to pass on the interview". With nothing named it is
# as plain as "I'll pass"; naming this process (`what`: the offer, the interview, the role) it
# is no plain one. Not a no to something else ("I must decline the lunch invitation", "I'll
# have to decline the relocation package", "I decided to decline the other offer"), nor
# passing a test ("I have to pass the interview").
_THIS_PROCESS = (
    r"(?:the|this|your)\s+(?:(?:kind|generous)\s+)?(?:offer|interview|role|position"
    r"|opportunity|job|process)\b"
)
_DECIDED_NO = re.compile(
    r"\bI(?:(?:\s*['’]ve|\s+have)?\s+(?:now\s+|finally\s+)?decided(?:\s+to)?|\s+must"
    r"|(?:['’]ll|\s+will|\s+have|['’]ve\s+got|(?:['’]m|\s+am)\s+going)\s+to\s+have\s+to"
    # "I'm going to decline this one", "I'll decline this one" (not "... decline the lunch";
    # nor "I hope I'll pass": a test)
    r"|(?:(?:['’]m|\s+am)\s+going\s+to|['’]ll|\s+will)(?=\s+(?:\w+ly\s+)?decline\b)"
    r"|\s+have\s+to|\s+need\s+to|(?:['’]ll|\s+will)\s+(?:have|need)\s+to)"
    r"\s+(?:(?:politely|respectfully|regretfully|sadly|reluctantly)\s+)?"
    rf"(?:(?:decline|not\s+(?:to\s+)?accept|pass\s+on)\s+(?P<what>{_THIS_PROCESS})"
    rf"|(?:decline|not\s+(?:to\s+)?accept|pass(?:\s+on)?)(?:\s+(?:it|this(?:\s+one)?))?)"
    rf"{_DECLINE_END}",
    re.IGNORECASE,
)
# A no that goes straight on with "but" to a yes to a role ("I'll pass on the contract one,
# but please put me forward for Harbor & Finch", "I'm not interested in the other role, but
# very keen on Harbor & Finch"), or one taken back ("I'm not interested, I'm very
# interested!"), is no no to the process its mail is filed in, which may be the one it
# goes on with (or in the next sentence: "Not for me, thanks. But please put me forward for
# ..."); "I'll pass, but keep me in mind for other roles" is one.
_GOES_ON = re.compile(
    r"(?:(?!\s[-–—]\s)[^.!?;:–—]){0,40}?\bbut\W+(?:(?:please|do)\s+)?"
    r"(?:(?:put\s+me\s+forward|keep\s+me\s+(?:posted|updated|informed))\s+(?:for|on|about|with)"
    r"|(?:I['’]m\s+|I\s+am\s+)?(?:(?:very|really|still|definitely|so)\s+)?(?:keen\s+on"
    r"|interested\s+in)|(?:I['’]d|I\s+would)\s+(?:love|like|be\s+(?:happy|glad|keen))\s+to"
    r"\s+(?:hear\s+more|learn\s+more|talk|go\s+ahead|proceed|continue)(?:\s+(?:about|with))?)"
    # a name, or one of its roles: not "... posted on other roles", "interested in anything"
    r"\s+(?:(?-i:[A-Z])|th(?:e|is)\s+(?!other\b)(?:[\w&'’-]+\s+){0,2}?(?:one|role|position"
    r"|job)\b)",
    re.IGNORECASE,
)
_TAKEN_BACK = re.compile(
    r"\W*(?:but\W+)?I(?:['’]m|\s+am)\s+(?:(?:very|really|actually|definitely|extremely|so)\s+)+"
    r"(?:interested|keen)\W*$",
    re.IGNORECASE,
)
# "Thanks for thinking of me - ...": their thought, not the user's doubt
_THANKS_FOR = re.compile(
    r"^\W*(?:many\s+)?thank(?:s|\s+you)(?:\s+(?:so|very)\s+much)?\s+for\s+[^.!?,;:–—]*?"
    r"(?:\s[-–—]\s|[,;:!])\s*",
    re.IGNORECASE,
)
# The user as the one deciding: "I ...", "we ...", a plain "Please withdraw my application",
# or "Happy to accept!"
_DECIDER = re.compile(
    r"\b(?:i|we)\b|^\W*please\b|^\W*(?:(?:very|really|so)\s+)?(?:happy|delighted|pleased"
    r"|glad|thrilled)\s+to\b",
    re.IGNORECASE,
)
# Someone else's wish reported: "they want me to accept the offer", "I was told to decline"
_REPORTED = re.compile(
    r"\b(?:me|us)\s+to\s+$|\b(?:told|asked|reminded|urged|advised|encouraged|requested"
    r"|pushing|pressed|pressured)\b",
    re.IGNORECASE,
)
# A wish to accept with a "but" after it is no decision yet: "I'd love to accept the offer,
# but I need a few more days" (or "... the offer. However, ...") (a decline or a withdrawal with a "but" is one: "I'd like to
# decline, but thank you for your time")
_WISH = re.compile(r"\b(?:would|['’]d)\s+(?:like|love)\s+to\b|\b(?:want|wish)\s+to\b", re.I)
_BUT = re.compile(r"\bbut\b", re.IGNORECASE)
_BUT_NEXT = re.compile(r"\W*(?:but|however|that\s+said|before\s+I\s+do)\b", re.IGNORECASE)
# Wording that makes a decision not (yet) taken: "before I accept the offer", "whether to
# decline", "if I withdraw", "could I accept the offer later?"
_UNDECIDED = re.compile(
    r"\?|\b(?:before|whether|if|unless|once|until|when|considering|consider|thinking|think"
    r"|might|may|could|would\s+(?:it|you|that)|can\s+i|should\s+i|how|what|wondering"
    r"|not\s+(?:yet|ready|sure)|decide|deciding|hope\s+to|able\s+to|intend|plan|going\s+to"
    r"|happy\s+for\s+you|you\s+to|inclined|leaning|hoping|minded|probably|likely|thinks"
    r"|should\s+(?:probably\s+)?accept|as\s+long\s+as|provided|providing|on\s+condition)\b",
    re.IGNORECASE,
)


# Where a decision's reason begins, after its deciding words: "- I've had another offer",
# "; I might apply again next year", "because what I want is ...", "as I think ...", "since
# ...". Most words of doubt there are the reason's ("for what I want to do next", "I might
# apply again"), not the decision's (_STILL_UNDECIDED's are); not "as long as" or "as soon
# as", which make it a condition.
_REASON_AFTER = re.compile(
    r"\s[-–—]+\s|;|\b(?:because|since|given\s+that"
    r"|(?<!long\s)(?<!soon\s)(?<!well\s)as(?!\s+(?:long|soon|well)\b))\b",
    re.IGNORECASE,
)
# What still makes a decision none in its reason: a condition ("I accept the offer -
# provided the start date can move", "... as long as ..."), or the user's own doubt about
# deciding, which their reason's words are not ("I'd like to withdraw - I'm going to think
# about it over the weekend", "... - I just need to talk it over with my partner first",
# not "as I think it's the right next step"); a question is _asks_about_it's
_STILL_UNDECIDED = re.compile(
    r"\b(?:if|unless|once|until|before|whether|provided|providing|as\s+long\s+as"
    r"|on\s+condition|wondering|inclined|leaning|minded|decide|deciding|should\s+i"
    r"|should\s+(?:probably\s+)?accept|think(?:ing)?\s+(?:about\s+it|it\s+(?:over|through))"
    r"|(?:talk|mull|chew|think)(?:ing)?\s+(?:it|this|things)\s+over|sleep\s+on\s+it"
    r"|first(?=\W*$))\b",
    re.IGNORECASE,
)
# ... and after a yes, its reservation: "I'd like to accept the offer - I'm just not sure
# about the start date yet" (after a no, the no's reason: "I've decided to decline - I'm not
# ready to relocate")
_RESERVATION = re.compile(
    r"\b(?:not\s+(?:yet|ready|sure|certain)|consider(?:ing)?|still\s+thinking)\b",
    re.IGNORECASE,
)
# A question after a decision that asks something else than the decision: "I've decided to
# decline - would you keep me in mind for future roles?", "... could you send me some
# feedback?" (not "could we confirm the start date?", "could we do the following week?")
_ASKS_SOMETHING_ELSE = re.compile(
    r"\b(?:keep\s+me\s+in\s+mind|(?:keep|stay)\s+in\s+touch|feedback"
    r"|(?:future|other)\s+(?:[\w-]+\s+)?(?:roles?|opportunit(?:y|ies)|openings?|vacanc(?:y|ies)"
    r"|positions?|jobs?))\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"[^.!?;–—]*\?")


def _asks_about_it(text: str, start: int = 0) -> bool:
    """Whether `text` from `start` asks a question that is about the decision before it (not
    one asking for something else: _ASKS_SOMETHING_ELSE)."""
    return any(
        not _ASKS_SOMETHING_ELSE.search(question.group())
        for question in _QUESTION.finditer(text, start)
    )


# A no that goes on to ask for another time, in its sentence or the next, moves a date and
# ends nothing: "I'll have to pass on the interview, I'm afraid - I'm travelling that week.
# Could we do the following week?", "I must decline. I'm away that week, but could we do
# Monday 11 January instead?", "Could we look again after the 20th?": a question asking
# for a time (not "Could we stay in touch?", "Could you send me feedback by Friday?", "Do
# you have anything starting after Christmas?")
_PROPOSED = re.compile(
    r"\b(?:(?:could|can|shall|might)\s+we|how\s+about|what\s+about|is\s+there|any\s+chance"
    r"|instead|reschedul\w*|postpone|move|push)\b"
    r"|\bwould\b[^?]*\b(?:work|suit|be\s+(?:possible|ok(?:ay)?|fine|better))\b",
    re.IGNORECASE,
)
_ANOTHER_TIME = re.compile(
    rf"\b(?:{_DAY_NAME}|\d+(?:st|nd|rd|th)?|(?:another|other|different|later)\s+(?:time|day"
    r"|date|slot)|week(?:end)?|month|morning|afternoon|tomorrow|later|after|instead)\b",
    re.IGNORECASE,
)
# ... or a no to the interview "for now": "I'll have to decline the interview for now"
_FOR_NOW = re.compile(r"\s+for\s+now\b", re.IGNORECASE)


def _asks_another_time(text: str, start: int = 0) -> bool:
    """Whether `text` from `start` asks for a time (_PROPOSED, _ANOTHER_TIME), not for
    something else."""
    for question in _QUESTION.finditer(text, start):
        asked = question.group()
        if (
            _PROPOSED.search(asked)
            and _ANOTHER_TIME.search(asked)
            and not _ASKS_SOMETHING_ELSE.search(asked)
        ):
            return True
    return False


def user_decision(text: str, subject: str = "", quoted: str = "") -> tuple[Outcome, str] | None:
    """The decision the user's own mail states, if it states one plainly: accepting or
    declining an offer, withdrawing. The latest such sentence wins; a question, a
    condition or a decision still to be made is none ("before I accept the offer"). A
    plain "Yes, I accept." (or "I'll take it", "count me in", "ill be there monday")
    accepts when the mail (its subject or text, or the one quoted) is about an offer or a
    placement with its start (_JOB_OFFERED, _PLACEMENT); a plain "I'll pass" or "not for
    me, thanks" (or "I've decided to decline") then declines it, and otherwise withdraws
    (an agency's pitch, a process before any offer).
    A no that asks for another time in its sentence or the next is none (a reschedule); a
    reason after the decision unmakes it only with a condition, doubt or a question about
    it (_STILL_UNDECIDED, _RESERVATION, _asks_about_it)."""
    found: tuple[Outcome, str] | None = None
    decisions: tuple[tuple[Outcome, re.Pattern[str]], ...] = _DECISIONS
    offered = bool(
        _AN_OFFER.search(subject)
        or _AN_OFFER.search(text[:MAX_TEXT])
        or _offer_made(quoted)
        or _JOB_OFFERED.search(quoted)
        or _PLACEMENT.search(subject)
        or _PLACEMENT.search(quoted)
    )
    declined = Outcome.DECLINED if offered else Outcome.WITHDRAWN
    decisions += ((declined, _DECIDED_NO),)  # (before "accept" alone: "decided not to accept")
    if offered:
        decisions += ((Outcome.ACCEPTED, _ACCEPTED_PLAINLY),)
    decisions += (
        (declined, _DECLINED_PLAINLY),
        (Outcome.WITHDRAWN, _APPLIED_DIRECTLY),
        (Outcome.WITHDRAWN, _DONT_SUBMIT),
    )
    sentences = _sentences(text[:MAX_TEXT])
    for index, sentence in enumerate(sentences):
        words = sentence.text
        after = sentences[index + 1].text if index + 1 < len(sentences) else ""
        for outcome, pattern in decisions:
            match = pattern.search(words)
            if match is None:
                continue
            before = words[: match.start()]
            said_no = pattern in (_DECLINED_PLAINLY, _DECIDED_NO, _APPLIED_DIRECTLY, _DONT_SUBMIT)
            # (the words of "I'm going to pass" are no doubt of theirs)
            rest = _blanked(words, [match.span()]) if said_no else words
            reason = _REASON_AFTER.search(rest, match.end())
            reason_at = reason.start() if reason else len(rest)
            undecided = (
                _UNDECIDED.search(_THANKS_FOR.sub("", rest[:reason_at], count=1))
                or _STILL_UNDECIDED.search(rest, reason_at)
                or _asks_about_it(rest, reason_at)
                or (outcome == Outcome.ACCEPTED and _RESERVATION.search(rest, reason_at))
                or _NEGATION.search(before[-40:])
                # "I'd hate to withdraw my name from the process, but ..."
                or _LOATH.search(before[-40:])
                or (
                    outcome == Outcome.ACCEPTED
                    and _WISH.search(before)
                    and (_BUT.search(words, match.end()) or _BUT_NEXT.match(after))
                )
                # "not for me, thanks - I'd rather do the call on Teams"
                or (said_no and _SOMETHING_ELSE.search(words, match.end()))
                # "On the relocation package - thanks but I'll pass": the no is to that
                or (said_no and _OTHER_TOPIC.match(before) is not None)
                or (said_no and _TAKEN_BACK.match(words, match.end()))
                or (
                    said_no
                    and (
                        _GOES_ON.match(words, match.end())
                        or (_BUT_NEXT.match(after) and _GOES_ON.match(after))
                    )
                )
                # "I'll have to pass on the interview - ... Could we do the following week?"
                or (
                    said_no
                    and (_asks_another_time(words, match.end()) or _asks_another_time(after))
                )
                or (
                    pattern is _DECIDED_NO
                    and "interview" in (match.group("what") or "").lower()
                    and _FOR_NOW.match(words, match.end())
                )
            )
            decider = (
                said_no
                or _DECIDER.search(before)
                or (pattern is _ACCEPTED_PLAINLY and match["self"] is not None)
            )
            if undecided or not decider or _REPORTED.search(before):
                break
            if len(words) > _MAX_PHRASE and match.end() > _MAX_PHRASE:
                # a long sentence is quoted so that its deciding words are in it (and a
                # plain decision's, which end it, are its end: plain_decision)
                words = words[match.end() - _MAX_PHRASE :].split(maxsplit=1)[-1]
            found = (outcome, _phrase(words))
            break
    return found


# Before a plain no, the topic it answers when it is not the role, the offer or the process:
# "On the relocation package - thanks but I'll pass", "As for the team lunch, I'll have to
# decline" (not "On the offer - I'll have to decline", "Regarding the role: not for me", "On
# reflection - I'll pass on this one")
_OTHER_TOPIC = re.compile(
    r"\W*(?:on|re|regarding|about|as\s+for|as\s+to|with\s+regard\s+to)\s+"
    # (not "On reflection - I'll pass", "On balance", "On second thoughts")
    r"(?!(?:reflection|balance|second\s+thoughts?|further\s+\w+|consideration|the\s+whole"
    r"|my\s+side|that\s+note|this\s+occasion)\b)(?:the\s+|your\s+|that\s+"
    r"|this\s+)?(?!(?:offer|role|position|job|post|opportunity|vacancy|contract|interview|process"
    r"|application)\b)[\w'’&-]+(?:\s+(?!(?:offer|role|position|job)\b)[\w'’&-]+){0,3}\s*[-–—:,]",
    re.IGNORECASE,
)
# After a plain no, in its sentence: another way of doing it, which is what the no is about
# ("not for me, thanks - I'd rather do the call on Teams", "... I'll come in person instead")
_SOMETHING_ELSE = re.compile(r"\b(?:rather|instead|prefer)\b", re.IGNORECASE)


def plain_decision(phrase: str) -> bool:
    """Whether a decision's words (Extraction.decision_phrase) name nothing they decide: a
    bare "I accept" ("Thanks for the offer. I accept."), "I'll pass", "not for me, thanks",
    "I'm not interested", "I've decided to decline" (not "... to decline the role"), "I
    applied directly, so you can't represent me". track.py lets such a yes or no to an offer
    close a process only when an offer of theirs came before it, and a no otherwise only
    before an interview."""
    if any(pattern.search(phrase) for _, pattern in _DECISIONS):
        return False
    if (decided := _DECIDED_NO.search(phrase)) is not None:
        return decided.group("what") is None
    return bool(
        _ACCEPTED_PLAINLY.search(phrase)
        or _DECLINED_PLAINLY.search(phrase)
        or _APPLIED_DIRECTLY.search(phrase)
        or _DONT_SUBMIT.search(phrase)
    )


# A portal or ATS confirming what the user did there: "You have withdrawn your application
# to Acme", "You've declined the offer", "You have accepted Acme Teaching School's offer".
_YOU_HAVE = r"\byou(?:\s+have|\s*['’]ve)?\s+"
# A portal's status that names the user's answer to an offer: "Your application status has
# changed to Offer Accepted", "Status: Offer Declined"
_STATUS_IS = (
    r"\bstatus\b(?:\s+(?:for|of)\s+[^.!?:]{0,60}?)?(?:\s+(?:has\s+)?(?:been\s+)?(?:changed|updated"
    r"|moved|set)\s+to|\s+is(?:\s+now)?|\s*:)\s*:?\s*['\"“]?offer\s+"
)
_CONFIRMED = (
    (Outcome.DECLINED, re.compile(
        rf"{_YOU_HAVE}declined\s+{_OFFER_OBJECT}|{_STATUS_IS}declined\b", re.IGNORECASE)),
    (Outcome.ACCEPTED, re.compile(
        rf"{_YOU_HAVE}accepted\s+(?:{_OFFER_OBJECT}|(?:[\w&'’-]+\s+){{1,4}}?offer\b)"
        rf"|{_STATUS_IS}accepted\b"
        # "Thank you for accepting your conditional offer and submitting your forms" (not
        # "... for accepting our offer of an interview", "... accepting the interview offer")
        r"|\bthank(?:s|\s+you)(?:\s+(?:so|very)\s+much)?\s+for\s+accepting\s+"
        rf"(?:{_OFFER_OBJECT}|(?:[\w&'’-]+\s+){{1,4}}?offer\b)"
        r"(?!\s+(?:of|for|to)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:interview|meeting|call|chat)\b)",
        re.IGNORECASE)),
    (Outcome.WITHDRAWN, re.compile(
        rf"{_YOU_HAVE}(?:withdrawn|withdrew)\s+(?:your\s+(?:application|candidacy)|from)\b"
        r"|\bwithdrawn\s+(?:at|as)\s+(?:your\s+request|you\s+(?:requested|asked))"
        # "At your request, Acme Teaching School has withdrawn your application"
        r"|\bat\s+your\s+request,?\s+(?:[\w&'’.-]+\s+){1,6}?(?:has|have)\s+withdrawn\s+your\s+(?:application|candidacy)\b"
        r"|\b(?:received|processed|recorded)\s+your\s+(?:request\s+to\s+withdraw|withdrawal)\b"
        # an agency granting the user's no to its pitch: "No problem at all, I won't put you
        # forward for it" (not "I won't submit your CV without your consent", nor its own
        # decision: "the client needs Solvency II, so I won't put you forward")
        r"|\b(?:no\s+(?:problem|worries)(?:\s+at\s+all)?|understood|of\s+course|noted"
        r"|(?:that['’]?s|that\s+is)\s+(?:fine|ok(?:ay)?)|(?:fair|got\s+it)|will\s+do|sure)"
        r"\s*[,.!–—-]*\s*(?:then\s*,?\s*)?"
        r"I\s+(?:won['’]t|will\s+not)\s+(?:put\s+you\s+forward|submit\s+(?:you|your\s+"
        r"(?:profile|cv|details|application)))(?:\s+(?:for|to)\s+(?:it|this\s+(?:one|role)"
        r"|them|that\s+(?:one|role)))?\s*(?:then\s*)?(?=[.!;,]|$|\s+(?:and|but)\b)",
        re.IGNORECASE)),
)  # fmt: skip
# News that the application is withdrawn, with no one named as deciding: "Your application
# for the Data Analyst role at Acme has been withdrawn", "We have withdrawn your application
# as requested". Portals send it when the user withdraws there; an employer ending it says
# why ("... because the vacancy was closed", "you did not respond, so we have withdrawn your
# application": _THEIR_REASON), so without a reason of theirs it is the user's decision.
# "The position has been withdrawn" is the vacancy, not the application.
_YOUR_APPLICATION = r"your\s+(?:job\s+)?(?:application|candidacy)\b"
_WITHDRAWN_NEWS = re.compile(
    rf"\b{_YOUR_APPLICATION}(?:\s+(?:for|to|with|at)"
    r"(?:\s+(?!(?:which|that|who|has|have|was|is)\b)[\w&'’()/.-]+){1,10}?)?"
    r"\s+(?:(?:has|have)\s+(?:now\s+)?been|was|is\s+now)\s+(?:successfully\s+)?withdrawn\b"
    r"|\b(?:we|i)(?:\s+have|\s*['’]ve)\s+(?:now\s+)?(?:successfully\s+)?withdrawn\s+"
    rf"{_YOUR_APPLICATION}",
    re.IGNORECASE,
)
# What the user told or asked them is their reason when the sentence says they cannot meet
# it: "As you told us you need visa sponsorship, which we cannot offer, ...", "Since you
# asked for a salary above the band, we are unable to proceed"
_THEY_CANNOT = (
    r"[^.!?]*?\b(?:we|they|our\s+client|the\s+client)(?:\s*['’]\s*re|\s+(?:are|were))?\s+"
    r"(?:unable|not\s+(?:able|in\s+a\s+position)|cannot|can\s*(?:not|['’]t)"
    r"|could\s*(?:not|n['’]t)|(?:won['’]t|will\s+not)\s+be\s+able"
    r"|(?:do|does)\s*(?:not|n['’]t)\s+(?:offer|provide|sponsor))\b"
)
_AS_ASKED = (
    rf"(?!\s+(?:requested|you\s+(?:requested|asked)\b(?!{_THEY_CANNOT})|per\s+your\s+request)\b)"
)
# the user's own reason, given back: "Since you have accepted another offer, ...", "As you
# have decided to withdraw, ...", "As you told us you have accepted another role, ..."
_YOUR_DOING = (
    r"(?!\s+you(?:\s+have|\s*['’]ve)?\s+(?:now\s+)?(?:(?:accepted|taken|chosen|decided|withdrawn"
    rf"|withdrew|found|secured)\b|(?:asked|requested|told|let|informed)\b(?!{_THEY_CANNOT})))"
)
# a reason of theirs before the news, or right after it ("... withdrawn as the position has
# been filled", "... in error", "... after the role was put on hold"); "as requested" is the
# user's
_THEIR_REASON = re.compile(
    r"\b(?:so|therefore|thus|hence|consequently|accordingly|unfortunately|sadly|regret\w*"
    r"|due\s+to|owing\s+to|following(?!\s+your\s+request)|automatically"
    rf"|(?:because|since|as){_AS_ASKED}{_YOUR_DOING})\b",
    re.IGNORECASE,
)
_THEIR_REASON_AFTER = re.compile(
    # (after what was withdrawn: "... from the Acme process", "... for the Data Analyst role")
    r"(?:\s+(?:from|by|on|with|for|to|at)\s+(?:[\w&'’()-]+\s+){0,6}?)?\W*(?:because|since|due\s+to"
    r"|owing\s+to"
    r"|(?:following|after)(?!\s+(?:your\s+request|you\s+(?:requested|asked)))|in\s+error"
    r"|by\s+(?:mistake|the\s+(?:employer|company"
    r"|recruiter|hiring))|accidentally|mistakenly|automatically"
    rf"|as{_AS_ASKED}\s+(?:you|the|your|we|it|there|our|this|they|no))\b",
    re.IGNORECASE,
)
# their reason said of the role itself, before the news in its sentence or in the sentence
# after it: "We have had to withdraw the vacancy, and ...", "... withdrawn. The position is
# no longer open", "... withdrawn. The role has been cancelled due to budget changes"
_ROLE = r"(?:role|position|vacancy|job|opening|requisition|post|posting|opportunity|search)s?"
_ROLE_ENDED = re.compile(
    rf"\b(?:the|this|that|our|their|its)\s+(?:[\w&'’()/-]+\s+){{0,4}}?{_ROLE}\s+"
    r"(?:(?:has|have|had)\s+(?:now\s+)?been|is|are|was|were)\s+(?:now\s+)?(?:no\s+longer\s+"
    r"(?:open|available|active|live|going\s+ahead)|filled|closed|cancell?ed|withdrawn|frozen"
    r"|paused|put\s+on\s+hold|on\s+hold)\b"
    rf"|\b(?:withdr[ae]wn?|clos(?:e|ed|ing)|cancell?(?:ed|ing)?|fill(?:ed|ing)?)\s+"
    rf"(?:the|this|that|our|its)\s+(?:[\w&'’()/-]+\s+){{0,4}}?{_ROLE}\b",
    re.IGNORECASE,
)
# ... or opening the sentence after the news: "Following a review, ...", "This is because
# you did not complete the assessment", "We did not hear back from you"
_THEIR_REASON_NEXT = re.compile(
    r"\W*(?:(?:this|that|it)\s+(?:is|was)\s+)?(?:because|due\s+to|owing\s+to"
    r"|following(?!\s+your\s+request)|after\s+(?:careful|further|a)\s+(?:consideration|review)"
    rf"|(?:as|since){_AS_ASKED}{_YOUR_DOING}\s+(?=(?:you|we|the|your|our|there|it)\b))"
    r"|\W*(?:(?:as|since)\s+)?(?:you|we)\s+(?:(?:did|have|had)\s*(?:not|n['’]t)|never)\s+"
    r"(?:hear\w*|receiv\w*|respond\w*|repl\w*|complet\w*|submit\w*|return\w*|confirm\w*"
    r"|attend\w*|been\s+able)\b"
    # "There is currently a hiring freeze", "Our client has paused recruitment for this
    # role", "You did not meet the minimum requirements", "We have decided not to proceed"
    r"|[^.!?]{0,60}?\b(?:hiring\s+freeze|(?:paused|suspended|stopped|halted)\s+(?:\w+\s+)?"
    r"(?:recruitment|recruiting|hiring)|(?:did|do|does)\s*(?:not|n['’]t)\s+meet"
    r"|decided\s+not\s+to\s+(?:proceed|continue|progress|move\s+forward))\b",
    re.IGNORECASE,
)
# "you have accepted another offer" (a withdrawal), "... an interview offer" (a meeting)
_NOT_THEIR_OFFER = re.compile(
    r"\b(?:another|a\s+different|other|interview|meeting|call)\b", re.IGNORECASE
)
# "If you have withdrawn by mistake", "once you have accepted the offer", "Have you ...?",
# an offer letter's "please sign below to confirm you have accepted the offer"
_NOT_DONE = re.compile(
    r"\b(?:if|once|when|whether|before|after|unless|until|should|in\s+case|hope|wonder\w*"
    # (not "We confirm that ...", "I am writing to confirm that ...": they say it is done)
    r"|(?<!\bwe\s)(?<!\bi\s)(?<!\bcan\s)(?<!\bwriting\sto\s)(?<!\bis\sto\s)confirm\w*"
    r"|sign\w*)\b",
    re.IGNORECASE,
)


def confirmed_decision(text: str) -> tuple[Outcome, str] | None:
    """The user's decision that mail from a portal or ATS confirms ("You have withdrawn
    your application to Acme"): declining or accepting an offer, withdrawing. A question,
    or a condition before the words ("If you have withdrawn by mistake"), is none; "you
    have accepted another offer" or "an interview offer" is not an acceptance of theirs.
    News that "your application ... has been withdrawn" (or "we have withdrawn your
    application") is the user's withdrawal unless a reason of theirs goes with it ("... as
    the position has been filled", "you did not reply, so ...")."""
    sentences = _sentences(text[:MAX_TEXT])
    for index, sentence in enumerate(sentences):
        words = sentence.text
        if words.rstrip().endswith("?"):
            continue
        for outcome, pattern in _CONFIRMED:
            match = pattern.search(words)
            if match is None:
                continue
            before = words[: match.start()]
            if _NOT_DONE.search(before) or _NEGATION.search(before):
                continue
            if outcome == Outcome.ACCEPTED and _NOT_THEIR_OFFER.search(match.group(0)):
                continue
            return outcome, _phrase(words)
        news = _WITHDRAWN_NEWS.search(words)
        if news is None:
            continue
        before = words[: news.start()]
        following = sentences[index + 1].text if index + 1 < len(sentences) else ""
        if (
            _NOT_DONE.search(before)
            or _NEGATION.search(before)
            or _THEIR_REASON.search(before)
            or _THEIR_REASON_AFTER.match(words, news.end())
            or _ROLE_ENDED.search(before)
            or _ROLE_ENDED.search(following)
            or _THEIR_REASON_NEXT.match(following)
        ):
            continue
        return Outcome.WITHDRAWN, _phrase(words)
    return None


# The user asking for time in the mail being answered: "Could I have until Wednesday
# 2 December to decide?", "Would it be possible to give you my answer by Friday?"
_ASKED_FOR_TIME = re.compile(
    r"\b(?:could|can|may|might)\s+I\s+(?:please\s+|possibly\s+|perhaps\s+)?(?:have|take|get)\b"
    r"[^.?!]{0,40}?\b(?:until|till)\b"
    r"|\b(?:could|can|may)\s+I\s+(?:please\s+)?(?:let\s+you\s+know|get\s+back\s+to\s+you"
    r"|come\s+back\s+to\s+you|give\s+you\s+my\s+(?:answer|decision)|confirm|respond|reply"
    r"|decide)\b[^.?!]{0,30}?\b(?:by|on|before)\b"
    r"|\bwould\s+it\s+be\s+(?:possible|ok(?:ay)?|alright|all\s+right|acceptable|fine)\b"
    r"[^.?!]{0,60}?\b(?:until|till|by|before)\b"
    r"|\bis\s+it\s+(?:possible|ok(?:ay)?|alright|all\s+right|fine)\s+(?:if\s+I|for\s+me\s+to)\b"
    r"[^.?!]{0,50}?\b(?:until|till|by|before)\b"
    r"|\b(?:would|do)\s+you\s+mind\s+if\s+I\b[^.?!]{0,50}?\b(?:until|till|by|before)\b"
    r"|\bI(?:\s+would|['’]d)\s+(?:like|love|appreciate)\b[^.?!]{0,30}?\b(?:more|extra)\s+time\b"
    r"[^.?!]{0,30}?\b(?:until|till)\b",
    re.IGNORECASE,
)


def asks_for_time(phrase: str) -> bool:
    """Whether the user's dated word (a USER_PROMISE phrase) asks for time ("Could I have
    until Wednesday") rather than promises an answer ("I'll let you know by Wednesday")."""
    return _ASKED_FOR_TIME.search(phrase) is not None


# "(perfectly) fine", "no problem"
_FINE = r"(?:(?:absolutely|perfectly|totally|completely)\s+)?(?:fine|ok(?:ay)?|no\s+problem|not\s+a\s+problem)"
_WOULD_BE = r"(?:['’]s|\s+is|\s+would\s+be|\s+will\s+be|\s+should\s+be)"
# a yes said with a negation: "not a problem", "that won't be a problem", "don't worry"
_NO_PROBLEM = (
    r"(?:not\s+a\s+problem|(?:won['’]t|wouldn['’]t|will\s+not|would\s+not)\s+be\s+a\s+problem"
    r"|don['’]t\s+(?:worry|see\s+why\s+not))"
)
# Their yes, opening a sentence: "Yes, that's fine", "Of course", "That should be fine",
# "Great, that works", "Sounds good", "Works for me", "Perfect, I'll be there", "Perfect"
# alone (not "Great to hear from you")
_AGREED = re.compile(
    r"^\W*(?:(?:great|perfect|lovely|brilliant|excellent|wonderful|fantastic)\W+)?"
    r"(?:yes|yep|sure|certainly|absolutely|of\s+course|no\s+problem|no\s+worries|fine"
    r"|ok(?:ay)?|that\s+(?:works|suits)|(?:works|suits)\s+(?:for\s+)?(?:me|us)"
    r"|(?:that\s+)?sounds\s+(?:good|great|perfect|fine|ideal)"
    rf"|that{_WOULD_BE}\s+{_FINE}|(?:that\s+|I\s+|we\s+)?{_NO_PROBLEM}"
    r"|(?:I|we)(?:['’]ll|\s+will)\s+be\s+there"
    # a word of assent that is all the sentence says: "Perfect", "Great, thanks!"
    r"|(?:perfect|great|lovely|brilliant|excellent|wonderful|fantastic|ideal)"
    r"(?=\W*(?:(?:thanks|thank\s+you|thx|cheers)\W*)?$))\b",
    re.IGNORECASE,
)
# ... or a date agreed to: "Wednesday 2 December is fine", "Friday works", "Monday suits us"
_DATE_AGREED = re.compile(
    rf"\W*(?:(?:is|would\s+be|will\s+be|should\s+be)\s+(?:{_FINE}|perfect|great|good)"
    r"|works|suits)\b",
    re.IGNORECASE,
)
# ... or one of several picked, the day opening the sentence: "Thursday 7.1. at 10:00
# please.", "Perfect, Thursday at 10:00 it is", "Great, let's do Thursday at 10:00" (not
# "Please send it by Thursday please", nor "Thursday at 10:00 please, if the room is free")
_PICKED_AFTER = re.compile(
    r"\s*\b(?:it\s+is(?:\s+then)?(?=\s*(?:[.!,;]|$))|(?:please|pl[sz])(?=\W*$))", re.IGNORECASE
)
# ... or by a short weekday alone, as phones write it: "Tues works", "Mon pls", "Weds is fine"
# (dates.py reads "Mon" alone as no day: it is a name and a word too; here it opens a yes
# and is read against the days offered)
_SHORT_DAY_FIRST = re.compile(
    rf"{_ASSENT}(?:on\s+)?(?P<day>mon|tues?|weds?|thu(?:rs?)?|fri)\b\.?", re.IGNORECASE
)
_SHORT_DAYS = ("mo", "tu", "we", "th", "fr")
_LETS_PICK = re.compile(
    rf"{_ASSENT}let['’]?s\s+(?:do|go\s+(?:for|with)|say|make\s+it|book(?:\s+in)?|take)\s+"
    r"(?:(?:it|the\s+(?:call|interview|meeting|chat))\s+)?(?:(?:on|for|at)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def _picked(words: str, mention: TimeMention) -> bool:
    """Whether a reply's sentence picks the day `mention` (_PICKED_AFTER, _LETS_PICK)."""
    if _LETS_PICK.fullmatch(words, 0, mention.start):
        return True
    return bool(
        _ASSENT_BEFORE.fullmatch(words, 0, mention.start)
        and _PICKED_AFTER.match(words, mention.end)
    )


def _short_day(words: str, sent_at: datetime) -> TimeMention | None:
    """The day a reply's yes names by a short weekday opening it ("Tues works", "Mon pls":
    _SHORT_DAY_FIRST), as a bare weekday reads: the next such day after `sent_at`."""
    short = _SHORT_DAY_FIRST.match(words)
    if short is None or not (
        _DATE_AGREED.match(words, short.end()) or _PICKED_AFTER.match(words, short.end())
    ):
        return None
    index = _SHORT_DAYS.index(short["day"][:2].lower())
    due = sent_at.date() + timedelta(days=(index - sent_at.weekday() - 1) % 7 + 1)
    start, end = short.span("day")
    return TimeMention(start, end, short["day"], due, Strength.RELATIVE, one_day=True)


_NEGATED_YES = re.compile(rf"\b{_NO_PROBLEM}\b", re.IGNORECASE)
# "Hi Sam, no problem at all", "Thx - Tues works": the greeting or thanks before an answer in
# the same sentence
_SALUTATION = re.compile(
    r"^\W*(?:hi|hello|hey|dear|thanks|thank\s+you|thx|cheers)\b[^,.!?\n]{0,30}?"
    r"(?:[,.!]|\s[-–—])\s*",
    re.IGNORECASE,
)
# a yes with strings attached, or one still to be found out, is no yes
_NOT_AGREED = re.compile(
    r"\b(?:but|however|unfortunately|afraid|check|ask|see\s+if|find\s+out|come\s+back"
    r"|get\s+back)\b",
    re.IGNORECASE,
)


_QUOTE_MARK = re.compile(r"^[ \t]*>[ \t]?")


_OUTLOOK_RULE = re.compile(r"_{5,}")
_HEADER_FIELD = re.compile(r"[ \t]*(?:to|cc|date|sent|subject)[ \t]*:[^\n]*\n", re.IGNORECASE)


def _first_quoted(quoted: str) -> str:
    """The text of the newest message in `quoted` (the mail being answered), one level of
    ">" removed, without its own header line (or Outlook's header block under its rule) and
    what it quotes in turn."""
    lines = quoted[:MAX_TEXT].splitlines()  # a long thread's older mail is never read
    unquoted = "\n".join(_QUOTE_MARK.sub("", line, count=1) for line in lines)
    header = _HISTORY.search(unquoted)
    if header is not None and not unquoted[: header.start()].strip():
        unquoted = unquoted[header.end() :]
        # Outlook's rule above its header ("________" / "From: ..." / "Sent: ..." / "To:
        # ..." / "Subject: ..."): the header's lines go too, else nothing would be left
        following = _HISTORY.match(unquoted.lstrip(" \t\n"))
        if following is not None and _OUTLOOK_RULE.fullmatch(header.group(0).strip()):
            unquoted = unquoted.lstrip(" \t\n")[following.end() :]
            unquoted = unquoted.split("\n", 1)[1] if "\n" in unquoted else ""
            while field := _HEADER_FIELD.match(unquoted):
                unquoted = unquoted[field.end() :]
    return _strip_history(unquoted[:MAX_TEXT])


def agreed_extension(
    text: str, quoted: str, *, sent_at: datetime, calendar: BusinessCalendar
) -> Commitment | None:
    """The user's new deadline when their reply grants the time the user asked for.

    The mail being answered (the newest quoted message) asked "Could I have until Wednesday
    2 December to decide?"; the reply (`text`, what they wrote now) opens a sentence with a
    plain yes ("Yes, that's fine", "Of course"), agrees to a date ("Wednesday 2 December
    is fine", "Severn are fine with Wednesday 2 December") or grants a date of their own
    instead ("We can do Monday 30 November, but no later"). `quoted` is the quoted history,
    or the newest message of it already. The date is the one they agree to or grant, else
    the one asked for. A yes with a "but", a "let me check", a negation or a question is
    none. Only the first few sentences of the reply are read: that is where an answer to
    the question stands.
    """
    answered = _first_quoted(quoted)
    if not _ASKED_FOR_TIME.search(answered):  # most replies: no sentence to read
        return None
    asked: TimeMention | None = None
    for sentence in _sentences(answered):
        ask = _ASKED_FOR_TIME.search(sentence.text)
        if ask is None:
            continue
        mentions = find_time_mentions(sentence.text, sent_at, calendar)
        dated = [m for m in mentions if m.due is not None and m.start >= ask.start()]
        if dated:
            asked = dated[0]
            break
    if asked is None:
        return None
    yes = _yes(text, sent_at, calendar) or _fine_with(text, sent_at, calendar)
    if yes is not None:
        words, dates = yes
        agreed = dates[0] if dates and not _same_day(dates[0], asked.due) else asked
    elif (counter := _counter_offer(text, sent_at, calendar)) is not None:
        words, agreed = counter  # "We can do Monday 23 November, but no later."
    else:
        return None
    return Commitment(
        CommitmentKind.USER_DEADLINE, _phrase(words), agreed.strength, agreed.due, granted=True
    )


def _yes(
    text: str, sent_at: datetime, calendar: BusinessCalendar
) -> tuple[str, list[TimeMention]] | None:
    """The first of a reply's opening sentences that says yes, with the dates it names (a
    date agreed to first): a plain yes opening it ("Yes, that's fine", "Of course"), or a
    date agreed to ("Wednesday 2 December is fine") or picked ("Thursday 7.1. at 10:00
    please.", "Friday it is", "let's do Friday": _picked). A yes with a "but", a "let me
    check", a negation or a question is none. Only the first few sentences are read: that is
    where an answer to the question stands."""
    for sentence in _sentences(_strip_history(text[:MAX_TEXT]))[:4]:
        words = _SALUTATION.sub("", sentence.text.strip())
        if (
            words.endswith("?")
            or _NEGATION.search(_NEGATED_YES.sub("", words))
            or _NOT_AGREED.search(words)
        ):
            continue
        mentions = [m for m in find_time_mentions(words, sent_at, calendar) if m.due is not None]
        named = [m for m in mentions if _DATE_AGREED.match(words, m.end) or _picked(words, m)]
        if not mentions and (short := _short_day(words, sent_at)) is not None:
            named = [short]  # "Tues works", "Mon pls"
        if named or _AGREED.match(words):
            return words, named + [m for m in mentions if m not in named]
    return None


# Their yes said of the date asked for, by whoever grants it: "Severn are fine with
# Wednesday 16 December", "The client is happy with that" (not "I think they'd be fine
# with Wednesday", a guess, nor "... fine with Wednesday for the start date")
_GUESS = r"(?:think|sure|hope|expect|guess|imagine|believe|probably|maybe|if|whether)\b"
_FINE_WITH = re.compile(
    r"^\W*(?:(?:good\s+news|great|yes)\W+)?(?:(?!" + _GUESS + r")[\w&'’.-]+\s+){0,3}?"
    r"(?!" + _GUESS + r")[\w&.-]+(?:\s+(?:are|is)|['’](?:re|s))\s+"
    r"(?:(?:absolutely|perfectly|totally|completely|quite|more\s+than)\s+)?"
    r"(?:fine|happy|ok(?:ay)?|comfortable)\s+with\s+(?:(?P<that>that|this|it)\b)?",
    re.IGNORECASE,
)


def _fine_with(
    text: str, sent_at: datetime, calendar: BusinessCalendar
) -> tuple[str, list[TimeMention]] | None:
    """The first of a reply's opening sentences that says someone is fine with the date
    asked for (_FINE_WITH), with the date it names, if any (as _yes gives them)."""
    for sentence in _sentences(_strip_history(text[:MAX_TEXT]))[:4]:
        words = _SALUTATION.sub("", sentence.text.strip())
        fine = _FINE_WITH.match(words)
        # (what follows the date is _COUNTER_AFTER's: "..., but no later")
        if (
            fine is None
            or words.endswith("?")
            or _NOT_AGREED.search(words, 0, fine.end())
            or _NEGATION.search(words, 0, fine.end())
        ):
            continue
        if fine.group("that"):
            if _COUNTER_AFTER.fullmatch(words, fine.end()):
                return words, []
            continue
        for mention in find_time_mentions(words, sent_at, calendar):
            if (
                mention.due is not None
                and mention.start == fine.end()
                and _COUNTER_AFTER.fullmatch(words, mention.end)
            ):
                return words, [mention]
    return None


# Their own date instead of the one asked for, said plainly: "We can do Monday 30 November,
# but no later", "I'm afraid we can only stretch to Monday", "The best we can do is Monday",
# "Monday 30 November is the latest we can do". A condition, a choice of dates or anything
# else after the date is none ("We can do Monday if the manager agrees"). The date asked
# for may be turned down first: "Unfortunately we can't wait that long, but we can do
# Monday", "Wednesday is too late for us I'm afraid, but Monday works".
_TURNED_DOWN = (
    r"(?:(?:sorry|unfortunately|sadly|I['’]m\s+afraid),?\s+)?(?:[^,.;!?]{0,60}?\b(?:can['’]?t"
    r"|cannot|unable|not\s+able|won['’]?t\s+(?:work|suit|do)|too\s+(?:late|long|far))\b"
    r"[^,.;!?]{0,40}?,\s*)"
)
_COUNTER_BEFORE = re.compile(
    rf"\W*{_TURNED_DOWN}?(?:(?:but|however|unfortunately|sadly|I['’]m\s+afraid)\W+)?"
    r"(?:(?:we|I)\s+(?:can|could)"
    r"\s+(?:only\s+)?(?:do|manage|offer(?:\s+you)?|give\s+you|stretch\s+(?:it\s+|this\s+)?to"
    r"|go\s+(?:up\s+)?to"
    r"|extend\s+(?:it|this|that)\s+(?:to|until))|the\s+(?:best|latest|most)\s+(?:we|I)\s+can"
    r"\s+(?:do|offer|manage|give\s+you|go\s+to|stretch\s+to)\s+is)\s+(?:until\s+)?",
    re.IGNORECASE,
)
_COUNTER_AFTER = re.compile(
    r"\W*(?:(?:but|and)\s+)?(?:(?:no|not\s+(?:any|a\s+day))\s+later(?:\s+than\s+that)?"
    r"|at\s+the\s+(?:very\s+)?latest|I['’]m\s+afraid|if\s+that\s+helps"
    r"|to\s+(?:decide|think\s+(?:it\s+)?over|make\s+(?:up\s+)?your\s+(?:mind|decision)))?\W*",
    re.IGNORECASE,
)
_TURNED_DOWN_BUT = re.compile(rf"\W*{_TURNED_DOWN}but\s+", re.IGNORECASE)
_WORKS_AFTER = re.compile(rf"{_DATE_AGREED.pattern}(?:\s+(?:for\s+)?(?:us|me))?\W*", re.IGNORECASE)
_LATEST_AFTER = re.compile(
    r"\s+(?:is|would\s+be)\s+the\s+(?:latest|best|furthest)\s+(?:date\s+)?(?:we|I)\s+can"
    r"\s+(?:do|offer|manage|go\s+to|give\s+you|stretch\s+to)\W*",
    re.IGNORECASE,
)


def _counter_offer(
    text: str, sent_at: datetime, calendar: BusinessCalendar
) -> tuple[str, TimeMention] | None:
    """The first of a reply's opening sentences that grants a date of its own instead of
    the one asked for, with that date ("We can do Monday 30 November, but no later")."""
    for sentence in _sentences(_strip_history(text[:MAX_TEXT]))[:4]:
        words = _SALUTATION.sub("", sentence.text.strip())
        if words.endswith("?") or _MEETING.search(words):
            continue  # "We can do Monday at 10:00 for the call" offers a meeting
        for mention in find_time_mentions(words, sent_at, calendar):
            if mention.due is None or not mention.one_day:
                continue
            if (
                (
                    _COUNTER_BEFORE.fullmatch(words, 0, mention.start)
                    and _COUNTER_AFTER.fullmatch(words, mention.end)
                )
                or (
                    _TURNED_DOWN_BUT.fullmatch(words, 0, mention.start)
                    and _WORKS_AFTER.fullmatch(words, mention.end)
                )
                or (
                    not words[: mention.start].strip(" \t\"'“‘-")
                    and _LATEST_AFTER.fullmatch(words, mention.end)
                )
            ):
                return words, mention
    return None


def _same_day(mention: TimeMention, day: date | None) -> bool:
    """Whether a reply's date is `day`: the same date, or its weekday said alone ("Wednesday
    is fine" about the Wednesday 2 December asked for, though read from the reply's day it
    would be the nearer Wednesday)."""
    if day is None or mention.due is None:
        return False
    return mention.due == day or (
        mention.strength != Strength.EXPLICIT and mention.due.weekday() == day.weekday()
    )


# A time asked for in place of the meeting's: "Can we do Wednesday 11 November at 15:00
# instead?", "Could we do the call on Friday instead of Thursday?"
_INSTEAD = re.compile(r"\binstead\b(?P<of>\s+of\b)?", re.IGNORECASE)
# What comes "instead of" (or "rather than") when the meeting is moved: its day ("instead of
# Thursday", "instead of the call on Thursday"), the meeting ("instead of our call", "instead
# of Thursday's interview") or its time ("instead of 14:00"); not another thing ("instead of
# the onsite", "instead of next week", "rather than the written test")
_INSTEAD_OF = re.compile(
    rf"\s+(?:(?:the|our|your|my|that|this|{_DAY_NAME}{_APOSTROPHE}s|tomorrow{_APOSTROPHE}s)\s+"
    r"(?:[\w-]+\s+)?(?P<meeting>call|interview|meeting|chat|conversation|appointment|slot|time"
    r"|date|day)\b\s*(?:(?:on|at|for)\s+)?|the\s+(?P<date>\d{1,2}(?:st|nd|rd|th)\b))?",
    re.IGNORECASE,
)
_RATHER_THAN = re.compile(r"\brather\s+than\b", re.IGNORECASE)
# A meeting added, not the one moved: "Could we also do a second call on Wednesday at 15:00
# instead of the onsite?", "another interview", "a follow-up chat"
_ANOTHER_MEETING = re.compile(
    r"\b(?:could|can|would|shall|might|may)\s+(?:we|you)\s+also\b|\bwould\s+it\s+also\s+be\b"
    r"|\b(?:a\s+(?:second|2nd|third|3rd|further|follow[\s-]?up|separate)|another)\s+"
    r"(?:[\w-]+\s+)?(?:interview|call|meeting|chat|conversation|round|stage|session)\b",
    re.IGNORECASE,
)


def _instead(words: str, days: list[TimeMention], anchor: datetime) -> list[Commitment]:
    """The move a question asking for one day "instead" proposes: the day right after
    "instead of" or "rather than" off, else the next meeting (MEETING_OFF with no date), and
    the day before "instead" on. Nothing for a choice of days, a condition before it ("If
    Tuesday is hard, could we do ... instead?"), a day with neither a time nor a meeting word
    ("Could you send them on Friday instead?"), a meeting added ("Could we also do a second
    call ...", _ANOTHER_MEETING) or another thing given up ("... instead of the onsite?",
    "Rather than the written test, ...", _INSTEAD_OF)."""
    instead = _INSTEAD.search(words)
    if instead is None or _CONDITIONAL.search(words, 0, instead.start()):
        return []
    if _ANOTHER_MEETING.search(words, 0, instead.start()):
        return []
    given_up = instead if instead.group("of") else _RATHER_THAN.search(words)
    old: list[TimeMention] = []
    if given_up is not None:
        what = _INSTEAD_OF.match(words, given_up.end())
        at = what.end() if what is not None else given_up.end()
        old = [m for m in days if m.start == at]
        clock = TIME_OF_DAY.match(words, at)
        clock = clock if clock and (clock["colon"] or clock["ampm"] or clock["noon"]) else None
        if not old and clock is None and not (what and (what["meeting"] or what["date"])):
            return []
    new = [m for m in days if m.end <= instead.start() and m not in old]
    if len({m.due for m in new}) != 1:
        return []
    mention = new[0] if new[0].at else _with_clause_time(words, new[0], anchor)
    mention = invitation_time(words, mention, anchor.tzinfo or UTC)
    if mention.at is None and not _MEETING.search(words):
        return []
    found = [
        Commitment(
            CommitmentKind.MEETING_OFF,
            _phrase(words[given_up.start() : m.end] if given_up else m.text),
            m.strength,
            m.due,
        )
        for m in old
    ] or [
        Commitment(
            CommitmentKind.MEETING_OFF,
            _phrase(words[new[0].start : instead.end()]),
            Strength.VAGUE,
        )
    ]
    word = (instead.start(), instead.start("of") if instead.group("of") else instead.end())
    found.append(_commitment(CommitmentKind.MEETING, words, word, mention)[0])
    return found


# Their ask to move a meeting of theirs: "Could we move ...", "Would it be possible to ...",
# "Would you mind if we moved ..." (its "if" is no condition); not "Could you move ...", which
# asks the user to do it
_WE_ASK = re.compile(
    r"\b(?:could|can|would|may|might|shall)\s+we\b|\b(?:would\s+it\s+be|is\s+it)\s+possible\b"
    r"|\b(?:would|do)\s+you\s+mind(?:\s+if\s+we)?\b|\bhow\s+about\s+(?:we|moving)\b",
    re.IGNORECASE,
)
# A move asked with no meeting word, the new day right after the verb: "Could we reschedule
# to Wednesday at 15:00?" (not "Could we move the deadline to Monday?")
_BARE_MOVE = re.compile(
    r"\b(?:mov(?:e|ed|ing)|re-?schedul\w*|re-?arrang\w*|postpon\w*)\s+(?:to|for|until|till)"
    r"\s+(?:the\s+|next\s+)?$",
    re.IGNORECASE,
)
# A time asked for "instead" with no move verb proposes a meeting's new slot only when it
# asks whether it works or names the meeting: "Would Wednesday at 15:00 work instead?" (not
# "Could we have the documents by Friday at 17:00 instead?")
_SLOT_ASKED = re.compile(r"\b(?:works?|suits?|do|make\s+it)\b", re.IGNORECASE)
# Another sentence of the mail saying a meeting stays: "Tuesday's call stays as it is", "The
# interview on Tuesday stays as planned": the move asked is of another one
_STAYS = re.compile(
    r"\b(?:stays?|remains?)\s+(?:as\s+(?:it\s+is|planned|arranged|scheduled|before)|unchanged"
    r"|the\s+same|in\s+place|on)\b|\bstill\s+(?:stands|on|going\s+ahead)\b",
    re.IGNORECASE,
)
# A time asked for once the meeting ahead has gone well: "Could we schedule the second
# interview for Thursday at 10:00 instead, if Tuesday goes well?" is a next stage, not the
# meeting moved (not "if that works for you", which only asks)
_ON_ITS_OUTCOME = re.compile(
    r"\b(?:if|once|assuming|provided|should)\b[^.!?;:]{0,40}?"
    r"\b(?:go(?:es)?\s+well|went\s+well|(?:is|are|be|were)\s+successful|you\s+pass(?:ed)?\b"
    r"|(?:you(?:['’]ve|\s+have)\s+)?(?:passed|got\s+through|progressed))",
    re.IGNORECASE,
)


def _move_proposed(words: str, days: list[TimeMention], anchor: datetime) -> list[Commitment]:
    """The move a question proposes, as it would read said as a statement: the old day off
    (MEETING_OFF, with no date for the next meeting) and the new one on (MEETING); none when
    it names no new day, only a new place or form, or asks under a condition. The verb needs
    a meeting word ("Could we move our call to ...?", "Could we push Tuesday's call back to
    ...?"), or the new day right after it ("Could we reschedule to ...?"); a time asked for
    "instead" is such a move too (_instead). None asked for once the meeting ahead has gone
    well (_ON_ITS_OUTCOME). `days` are the dated mentions of `words`."""
    if _ON_ITS_OUTCOME.search(words):
        return []
    off = _MEETING_OFF.search(words)
    if off is not None and not _MEETING.search(words):
        bare = [m for m in days if _BARE_MOVE.search(words, off.start(), m.start)]
        off = off if bare else None
    if off is not None:
        # "Would you mind if we moved ...": the ask's own "if" is no condition
        ask = _WE_ASK.search(words, 0, off.start())
        cut = (ask.start(), ask.end()) if ask else (off.start(), off.start())
        if _CONDITIONAL.search(words, 0, cut[0]) or _CONDITIONAL.search(words, cut[1], off.start()):
            off = None
    if off is None:
        return _instead(words, days, anchor)
    # "Could we move your interview to our offices on Friday at 10:00?" (a place alone, or
    # the same slot, leaves no new day after it: nothing is moved)
    elsewhere = _MOVED_ELSEWHERE.match(words, off.end())
    place_end = elsewhere.end() if elsewhere else None
    moved = [found for found, _ in _moved_meeting(words, 0, off, days, anchor, place_end)]
    return moved if any(c.kind == CommitmentKind.MEETING for c in moved) else []


def _asked_to_move(
    sentence: str, days: list[TimeMention], anchor: datetime
) -> list[tuple[Commitment, int]]:
    """Their question asking to move a meeting to a new day or time ("Could we move our call
    to Wednesday at 15:00 instead?", "Would Wednesday at 15:00 work instead?"): MOVE_ASKED,
    which names the meeting asked about (its day, or none for the next one), with the
    question as its phrase. The meeting stays until the user's yes moves it (agreed_move);
    until then the answer is the user's (track.py). None for their move of a place or form
    alone, nor when they ask the user to move it.

    A time asked for "instead" with a meeting word and no verb of moving ("Would a call on
    Wednesday at 15:00 work instead?") keeps the time in `at`: where the process has no
    meeting to move, it is their offer of that meeting, as it was read before asks to move
    were (track._move_asked)."""
    moved = _move_proposed(sentence, days, anchor)
    off = _MEETING_OFF.search(sentence)
    ask = _WE_ASK.search(sentence)
    if not moved or (off is not None and _MOVED_ELSEWHERE.match(sentence, off.end())):
        return []
    if off is not None and (ask is None or ask.start() > off.start()):
        return []  # "Could you move ...?" asks the user
    if off is None and not (_MEETING.search(sentence) or _SLOT_ASKED.search(sentence)):
        return []
    offered = (
        None
        if off is not None or _MEETING.search(sentence) is None or _NOT_A_MEETING.search(sentence)
        else next(c.at for c in moved if c.kind == CommitmentKind.MEETING)
    )
    start = ask.start() if ask is not None else len(sentence) - len(sentence.lstrip())
    phrase = _phrase(sentence[start:])
    return [
        (Commitment(CommitmentKind.MOVE_ASKED, phrase, c.strength, c.due, offered), start)
        for c in moved
        if c.kind == CommitmentKind.MEETING_OFF
    ]


_SHORT_DAY = re.compile(r"\b(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)\b", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)


def asks_to_pick(commitment: Commitment) -> bool:
    """Whether a user's deadline is their question offering a time to take or pick, as
    _pick_asked reads one ("Can you do Thursday 7.1. at 10:00 or Friday 8 January at
    13:30?", "... let me know which date suits you"), by the words it keeps: a day or a time
    of day, and a sentence that asks (_PICK_ASKED, _which_asked); not another ask ("Are you
    available to start in January?", "Could you send me your CV by Friday?")."""
    words = commitment.phrase
    if commitment.kind != CommitmentKind.USER_DEADLINE or not (
        _A_DAY.search(words) or _SHORT_DAY.search(words) or _TIME_OF_DAY.search(words)
    ):
        return False
    return any(
        (said.text.rstrip().endswith("?") and _PICK_ASKED.search(said.text) is not None)
        or _which_asked(said.text)
        for said in _sentences(words)
    )


def asks_to_move(commitment: Commitment) -> bool:
    """Whether a commitment is their ask to move a meeting (_asked_to_move), not a move."""
    return commitment.kind == CommitmentKind.MOVE_ASKED


def agreed_move(
    text: str, quoted: str, *, sent_at: datetime, calendar: BusinessCalendar
) -> tuple[Commitment, ...]:
    """A meeting moved by a question that the reply agrees to: the old day off (MEETING_OFF)
    and the new one on (MEETING), as the question would have said them as a statement.

    The mail being answered asked "Could we move your interview from Thursday to Monday 30
    November at 10:00?" (a question settles nothing by itself); the reply (`text`) says yes
    ("Yes, that works", "Monday works for me"). A time asked for "instead" is such a move
    too ("Can we do Wednesday 11 November at 15:00 instead?"). A reply that names another
    day, or no yes, moves nothing. Either side may ask. `quoted` as for agreed_extension.
    """
    answered = _first_quoted(quoted)
    if "?" not in answered or not (_MEETING_OFF.search(answered) or _INSTEAD.search(answered)):
        return ()
    proposed: list[Commitment] = []
    for sentence in _sentences(answered):
        words = sentence.text.rstrip()
        if not words.endswith("?"):
            continue
        days = [
            m
            for m in find_time_mentions(words, sent_at, calendar)
            if m.due is not None and m.one_day
        ]
        if proposed := _move_proposed(words, days, sent_at):
            break
    if not proposed:
        return ()
    if _STAYS.search(answered):
        # "Could we move your onsite visit to Wednesday? Tuesday's call stays as it is.":
        # the next meeting is not the one moved
        proposed = [c for c in proposed if c.kind != CommitmentKind.MEETING_OFF or c.due]
    yes = _yes(text, sent_at, calendar)
    if yes is None:
        return ()
    new = next(c for c in proposed if c.kind == CommitmentKind.MEETING)
    if yes[1] and not any(_same_day(m, new.due) for m in yes[1]):
        return ()  # "Tuesday would suit me better": another day
    return tuple(proposed)


# A time offered for the other to take: a question ("Would Tuesday 10 November at 14:00 work
# for you?", "Are you free on Tuesday at 14:00?", "How about Tuesday at 2pm?", "How's Mon 14
# Dec 4pm?") or a sentence asking to confirm it ("Please confirm Tuesday at 14:00 works", "Let
# me know if ... suits"), or the times they can do said plainly ("They can do Tuesday 8th at
# 10am or Wednesday 9th at 3pm")
_SLOT_OFFERED = re.compile(
    r"\b(?:works?|suits?|free|available|convenient|ok(?:ay)?|possible|good\s+for\s+you"
    r"|how\s+about|what\s+about|(?:can|could)\s+(?:you|u)\s+(?:do|make)|able\s+to\s+(?:do|make|join"
    rf"|attend)|{_HOWS})\b",
    re.IGNORECASE,
)
_SLOTS_STATED = re.compile(
    r"\b(?:they|we|I|he|she|(?-i:[A-Z][a-z]+))\s+(?:can|could)\s+(?:do|offer(?:\s+you)?)"
    r"\s+(?:(?:on|at)\s+)?(?:the\s+)?(?=mon|tue|wed|thu|fri|\d)",
    re.IGNORECASE,
)
_CONFIRM_ASKED = re.compile(
    r"^\W*(?:please\s+|kindly\s+)?(?:confirm|let\s+(?:me|us)\s+know\s+(?:if|whether))\b",
    re.IGNORECASE,
)
# the reply's yes that gives only the time: "14:00 works.", "2pm suits me"
_TIME_FIRST = re.compile(r"^\W*(?:(?:yes|great|perfect|sure)\W+)?(?:at\s+)?", re.IGNORECASE)


def _time_agreed(text: str) -> tuple[str, time] | None:
    """The first of a reply's opening sentences that agrees to a time of day said alone
    ("14:00 works."), with that time."""
    for sentence in _sentences(_strip_history(text[:MAX_TEXT]))[:4]:
        words = _SALUTATION.sub("", sentence.text.strip())
        lead = _TIME_FIRST.match(words)  # (it always matches: all of it is optional)
        clock = TIME_OF_DAY.match(words, lead.end() if lead else 0)
        if clock is None:
            continue
        agreed = _DATE_AGREED.match(words, clock.end()) or _PICKED_AFTER.match(words, clock.end())
        if not agreed:  # ("14:00 works.", "14:00 please.")
            continue
        if _NEGATION.search(words) or _NOT_AGREED.search(words) or words.endswith("?"):
            continue
        found = parse_time_of_day(clock.group(0))
        if found is not None:
            return words, found[0]
    return None


# A reply that says yes and then turns the time down, or asks for another: "Yes, thanks!
# Unfortunately Tuesday doesn't work for me though.", "Yes, I'm interested. Could we do
# Thursday instead?", "But I'm away that week"
_SLOT_REFUSED = re.compile(
    r"\b(?:unfortunately|afraid|instead|away|another\s+(?:day|time|date|slot)"
    r"|(?:other|different|alternative)\s+(?:days?|times?|dates?|slots?)|clash\w*"
    r"|(?:n['’]t|not|cannot|unable\s+to)\s+(?:\w+\s+){0,2}?(?:work|suit|make|do|attend|manage"
    r"|available|free|possible))\b",
    re.IGNORECASE,
)


# A reply's pick of one of the times offered, by whoever answers for the user: "Eleanor would
# prefer Wednesday 16 December at 8.00am", "Eleanor will take Thursday 7 January at 10.00am",
# "Eleanor would be pleased to meet Charlotte on Thursday 3 December at 8.00am" (its subject
# a name or a pronoun, the day right after; not "... would prefer not to meet on Tuesday")
_PICKED_BEFORE = re.compile(
    r"\W*(?:[\w'’-]+\s+){1,2}?(?:(?:would|['’]d)\s+prefer|(?:will|['’]ll)\s+take"
    r"|(?:would|['’]d)\s+be\s+(?:delighted|pleased|happy|glad)\s+to\s+(?:meet|attend|come|join)"
    r"(?:\s+[\w'’-]+){0,3}?|confirms?)\s+(?:on\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def _slot_picked(
    text: str, sent_at: datetime, calendar: BusinessCalendar
) -> tuple[str, list[TimeMention]] | None:
    """The first of a reply's opening sentences that picks a day (_PICKED_BEFORE), with
    that day, as _yes gives them; none negated, asked or in doubt."""
    for sentence in _sentences(_strip_history(text[:MAX_TEXT]))[:4]:
        words = _SALUTATION.sub("", sentence.text.strip())
        if words.endswith("?") or _NEGATION.search(words) or _NOT_AGREED.search(words):
            continue
        for mention in find_time_mentions(words, sent_at, calendar):
            if mention.due is not None and _PICKED_BEFORE.fullmatch(words, 0, mention.start):
                return words, [mention]
    return None


def agreed_slot(
    text: str, quoted: str, *, sent_at: datetime, calendar: BusinessCalendar, subject: str = ""
) -> Commitment | None:
    """The meeting at the one time the mail being answered offered, taken by the reply's
    yes: "Would Tuesday 10 November at 14:00 work for you?" (or "How's Tuesday 10 November
    2pm?", or "They can do Tuesday 10 November at 2pm") answered "Yes, that works for me",
    "Sounds good, see you then", "Perfect", "Tuesday works", "Tues works" or "14:00 works." (a
    question settles nothing by itself, and the bare yes names nothing either). The days of
    a mail that asks which the user prefers are offered too, and a pick by whoever answers
    for the user takes one ("Eleanor would prefer Wednesday 16 December at 8.00am":
    _slot_picked).

    None when the mail offered two times or more and the yes does not pick one ("Tuesday at
    14:00 or Wednesday at 10:00?" with "Yes, that works"; "Tuesday at 14:00 please." picks
    one), when the yes names another day or time, or when the mail also asks something else
    and the yes does not say it takes the time ("Yes, that's fine" to "... Could you bring your passport?"). A move is
    agreed_move's. A day with no time is a slot only with a meeting word in its sentence
    ("Would Tuesday work for a call?"), a timed one with a meeting word in the mail, or in
    the `subject` (of the reply: "Re: Data Analyst - first interview") when the mail offers
    that one time alone. `quoted` as for agreed_extension.
    """
    answered = _first_quoted(quoted)
    named = bool(_MEETING.search(answered))
    if not (named or _MEETING.search(subject)):
        return None
    # the reply's yes first: most replies say none, and reading the mail for times is dear
    yes = _yes(text, sent_at, calendar) or _slot_picked(text, sent_at, calendar)
    by_time = _time_agreed(text) if yes is None else None
    if (yes is None and by_time is None) or _SLOT_REFUSED.search(text):
        return None  # (a yes that goes on to turn the time down: "Yes, thanks! Unfortunately ...")
    slots: list[tuple[str, TimeMention]] = []
    other_question = False
    sentences = _sentences(answered)
    # "Sir David has offered breakfast on Tuesday 15 December or Wednesday 16 December at
    # 8.00am. Could you let me know which you prefer?": each day of a choice is offered
    choice = any(_which_asked(sentence.text) for sentence in sentences)
    for sentence in sentences:
        words = sentence.text.strip()
        offered = (
            (words.endswith("?") or _CONFIRM_ASKED.match(words)) and _SLOT_OFFERED.search(words)
        ) or _SLOTS_STATED.search(words)
        days = (
            [
                m
                for m in find_time_mentions(words, sent_at, calendar)
                if m.due is not None and m.one_day
            ]
            if (offered or choice) and not (_MEETING_OFF.search(words) or _INSTEAD.search(words))
            else []
        )
        if not offered and len(days) < 2:
            days = []
        if not days:
            other_question = other_question or words.endswith("?")
            continue
        for mention in days:
            if mention.at is None:
                mention = _with_clause_time(words[mention.start :], mention, sent_at)
            mention = invitation_time(words, mention, sent_at.tzinfo or UTC)
            if mention.at is not None or _MEETING.search(words):
                slots.append((words, mention))
    if not slots or (not named and len(slots) > 1):
        return None
    chosen = [mention for _, mention in slots]
    if yes is not None:
        words, dates = yes
        if dates:  # "Tuesday works": the slot on that day, if one was offered
            chosen = [m for m in chosen if any(_same_day(d, m.due) for d in dates)]
    else:
        assert by_time is not None
        words, clock = by_time  # "14:00 works."
        chosen = [m for m in chosen if m.at is not None and m.at.time() == clock]
    if len({(m.due, m.at) for m in chosen}) != 1:
        return None  # two times offered and the yes takes neither, or another day
    if other_question and not (_SLOT_TAKEN.search(words) or (yes is not None and yes[1])):
        return None  # "Yes, that's fine" may answer their other question
    offer = next(words for words, mention in slots if mention is chosen[0])
    return Commitment(
        CommitmentKind.MEETING, _phrase(offer), chosen[0].strength, chosen[0].due, chosen[0].at
    )


def settled_by_yes(
    extraction: Extraction,
    text: str,
    quoted: str,
    *,
    sent_at: datetime,
    calendar: BusinessCalendar,
    direction: str = "inbound",
    subject: str = "",
) -> Extraction:
    """`extraction` (of the new `text`) with what the reply settles by saying yes to the
    question of the mail it quotes: more time the user asked for (their deadline, granted),
    a meeting moved, or the one time offered for a meeting taken (its `subject` may name the
    meeting)."""
    found = list(extraction.commitments)
    answered = _first_quoted(quoted)  # read once: the two readers below find it as it is
    if direction == "inbound" and not any(c.kind == CommitmentKind.USER_DEADLINE for c in found):
        # "Wednesday 2 December is fine", answering the user's "Could I have until ...?"
        granted = agreed_extension(text, answered, sent_at=sent_at, calendar=calendar)
        found += [granted] if granted else []
    settled = agreed_move(text, answered, sent_at=sent_at, calendar=calendar)
    if not settled:
        taken = agreed_slot(text, answered, sent_at=sent_at, calendar=calendar, subject=subject)
        settled = (taken,) if taken is not None else ()
    for moved in settled:
        if moved.kind == CommitmentKind.MEETING:
            if any(c.kind == moved.kind and c.due == moved.due and c.at for c in found):
                continue  # the reply's own "Monday at 10:00 works for me" says it
            # the reply's "Monday works for me" without the time the question gave
            found = [c for c in found if not (c.kind == moved.kind and c.due == moved.due)]
        found.append(moved)
    if found == list(extraction.commitments):
        return extraction
    return replace(extraction, commitments=tuple(found))


def in_their_zone(sent_at: datetime, zone: tzinfo | None) -> datetime:
    """The moment a message was sent, in the user's `zone` when its offset is the user's at
    that moment (a sender in the user's region), so that a time it names on a day after the
    clocks change is read in that day's offset; else as it came."""
    if zone is not None and sent_at.utcoffset() == sent_at.astimezone(zone).utcoffset():
        return sent_at.astimezone(zone)
    return sent_at


def extract_message(
    message: ParsedMessage,
    calendar: BusinessCalendar,
    zone: tzinfo | None = None,
    replied_to: str = "",
) -> Extraction:
    """extract_fields over a parsed message: subject + new_text, anchored at its Date.

    A yes to the question of the mail it answers (settled_by_yes) is read against its
    quoted history, or, when it quotes nothing (a top-post without history), against
    `replied_to`: the text of that mail as stored, if the caller has it.

    The footer is read with the signature (for the company and agency wording such as
    "acts as an employment agency"), never for commitments. A sender whose Date offset is
    the user's (`zone`) at that moment is taken to live in it: "Tuesday 27 October at 2pm"
    written on 22 October in London (+01:00) is 14:00 GMT, after the clocks went back. A
    mail written month first (sender_calendar) has its numeric dates, its yes's and a
    forwarded mail's, read so.
    """
    sent_at = in_their_zone(message.date, zone)
    # mail relayed by a scheduling tool or an ATS names the company of the person behind it
    relayed = person_behind_relay(message.sender, message.reply_to)
    # (its yes and a forwarded mail read as the mail is written: month first or not)
    text = f"{message.subject}\n\n{message.new_text}"
    calendar = sender_calendar(calendar, text, relayed or message.sender, sent_at)
    extraction = extract_fields(
        message.subject,
        message.new_text,
        sent_at=sent_at,
        calendar=calendar,
        sender=relayed or message.sender,
        signature=f"{message.signature}\n{message.footer[:2000]}".strip(),
        direction=message.direction,
        invitation=any(attachment.is_calendar for attachment in message.attachments),
        quoted=message.quoted if message.quoted.strip() else replied_to,
    )
    if (message.auto_submitted or relayed) and message.direction == "inbound":
        extraction = replace(extraction, sender_role=SenderRole.AUTOMATED)
    answered = message.quoted if message.quoted.strip() else replied_to
    if answered and not message.auto_reply:
        extraction = settled_by_yes(
            extraction,
            message.new_text,
            answered,
            sent_at=sent_at,
            calendar=calendar,
            direction=message.direction,
            subject=message.subject,
        )
    if message.direction == "inbound" and not extraction.commitments and not message.auto_reply:
        # "see below from Kestrel - all confirmed!": the forwarded mail says it
        forwarded = forwarded_mail(message.new_text, message.quoted, sent_at)
        if forwarded is not None:
            text, anchor = forwarded
            # (a forwarded Outlook request: "When: ..." opens it)
            invitation = "" if _WHEN_FIRST.match(text) else None
            commitments = extract_commitments(
                text, sent_at=anchor, calendar=calendar, invitation=invitation
            )
            extraction = replace(extraction, commitments=commitments)
    if message.auto_reply and message.direction == "inbound":
        text = _strip_history(f"{message.subject}\n\n{message.new_text}"[:MAX_TEXT])
        if _ABSENCE.search(text):
            # what an away notice says about replying is its responder's, not a promise
            away = away_commitment(text, sent_at, calendar)
            return replace(
                extraction,
                commitments=(away,) if away else (),
                sender_role=SenderRole.AUTOMATED,
                away=True,
            )
    return extraction


_POINTER_MAX = 300  # characters of new text that only point at a forwarded mail
_FORWARD_MARK = re.compile(
    r"\A\s*(?:-{2,}\s*forwarded\s+message\s*-{2,}|begin\s+forwarded\s+message\s*:?)[ \t]*\n",
    re.IGNORECASE,
)
_FORWARD_HEADER = re.compile(
    r"[ \t]*\*?(?P<name>from|date|sent|to|subject|cc)\*?\s*:[ \t]*(?P<value>.*)\n", re.IGNORECASE
)


def forwarded_mail(new_text: str, quoted: str, sent_at: datetime) -> tuple[str, datetime] | None:
    """The text of the mail forwarded under a short pointer ("see below", "FYI", "all
    confirmed!"), with the moment its phrases count from: its own Date if readable and not
    after the forward, else the forward's. None when the new text says more than a pointer
    or the quoted part is not a forward ("-- Forwarded message --", "Begin forwarded
    message:") but a reply's history."""
    if len(_strip_history(new_text).strip()) > _POINTER_MAX:
        return None
    mark = _FORWARD_MARK.match(quoted)
    if mark is None:
        return None
    position, anchor = mark.end(), sent_at
    while header := _FORWARD_HEADER.match(quoted, position):
        if header.group("name").lower() in ("date", "sent"):
            anchor = _forwarded_date(header.group("value"), sent_at)
        position = header.end()
    if position == mark.end():  # no header: not a mail client's forward
        return None
    return quoted[position:][:MAX_TEXT], anchor


def _forwarded_date(value: str, sent_at: datetime) -> datetime:
    """A forwarded mail's Date line ("Thu, 5 Nov 2026 at 14:40"), in the sender's zone when
    it names none; the forward's own date when unreadable or later than the forward."""
    try:
        moment = parsedate_to_datetime(re.sub(r"\s+at\s+", " ", value.strip()))
    except (TypeError, ValueError, IndexError, OverflowError):
        return sent_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=sent_at.tzinfo)
    if moment > sent_at or sent_at - moment > timedelta(days=_AWAY_MAX_DAYS):
        return sent_at
    return moment.astimezone(sent_at.tzinfo)


def away_commitment(text: str, sent_at: datetime, calendar: BusinessCalendar) -> Commitment | None:
    """The latest date an away notice (`text`, its quoted history removed) names ("out of
    the office until Monday 30 November", "on leave from 20 to 27 November, back on
    30/11"): the sender is away until then. Dates before the notice, or more than
    `_AWAY_MAX_DAYS` after it, are not taken."""
    found: Commitment | None = None
    for sentence in _sentences(text):
        for mention in find_time_mentions(sentence.text, sent_at, calendar):
            due = mention.due
            if due is None or not 0 <= (due - sent_at.date()).days <= _AWAY_MAX_DAYS:
                continue
            if found is None or due > (found.due or due):
                phrase = _phrase(sentence.text)
                found = Commitment(CommitmentKind.AWAY, phrase, mention.strength, due)
    return found
