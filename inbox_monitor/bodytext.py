"""Pure text functions for message bodies: HTML to readable text, and splitting a body
into the new text, the quoted history, the signature and the footer.

No third-party imports: the stdlib HTML parser is enough for mail.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_PARAGRAPH_TAGS = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr"]
)
_HEAD_TAGS = frozenset({"title", "meta", "link", "style", "script", "base", "noscript"})
_SKIPPED_TAGS = frozenset({"script", "style", "title", "template", "noscript"})
_SPACE_RUN = re.compile(r"[ \t\r\n\f\v\u200b]+")
_BLANK_RUN = re.compile(r"\n\n\n+")
# Nesting past these depths is flattened: each quote level re-reads and prefixes what it
# holds, each list level indents further, every open link is walked at each </blockquote>.
# Unlimited, '<blockquote>x' * 1000 made 2 MB of text and '<ul><li>x' * 20000 took 1 GB.
_MAX_QUOTE_DEPTH = 20
_MAX_LIST_INDENT = 10
_MAX_OPEN_LINKS = 20


class _TextExtractor(HTMLParser):
    """Collects readable text; <blockquote> content comes out with '> ' line prefixes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.buffers: list[list[str]] = [[]]
        self.skipping: dict[str, int] = {}
        self.in_head = False
        self.preformatted = 0
        self.lists: list[list[int]] = []  # per open list: [is_ordered, next number]
        self.links: list[tuple[str, int]] = []  # (href, buffer length at the <a>)
        self.flattened_quotes = 0  # open <blockquote>s past _MAX_QUOTE_DEPTH

    @property
    def out(self) -> list[str]:
        return self.buffers[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping[tag] = self.skipping.get(tag, 0) + 1
            return
        if tag == "head":
            self.in_head = True
            return
        if tag == "body" or tag not in _HEAD_TAGS:
            self.in_head = False  # a body tag closes an unclosed <head>
        if tag == "br":
            self.out.append("\n")
        elif tag == "blockquote":
            if len(self.buffers) > _MAX_QUOTE_DEPTH:
                self.flattened_quotes += 1
                self.out.append("\n\n")
            else:
                self.buffers.append([])
        elif tag in ("ul", "ol"):
            self.lists.append([int(tag == "ol"), 1])
            self.out.append("\n\n")
        elif tag == "li":
            marker = "- "
            if self.lists and self.lists[-1][0]:
                marker = f"{self.lists[-1][1]}. "
                self.lists[-1][1] += 1
            indent = min(max(len(self.lists) - 1, 0), _MAX_LIST_INDENT)
            self.out.append("\n" + "  " * indent + marker)
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            if len(self.links) == _MAX_OPEN_LINKS:  # unclosed <a>s: forget the oldest
                del self.links[0]
            self.links.append((href.strip(), len(self.out)))
        elif tag in _BLOCK_TAGS:
            self.out.append("\n\n" if tag in _PARAGRAPH_TAGS else "\n")
            if tag == "pre":
                self.preformatted += 1
            if tag == "hr":
                self.out.append("----\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            if self.skipping.get(tag):
                self.skipping[tag] -= 1
            return
        if tag == "head":
            self.in_head = False
            return
        if tag == "blockquote" and self.flattened_quotes:
            self.flattened_quotes -= 1
            self.out.append("\n\n")
        elif tag == "blockquote" and len(self.buffers) > 1:
            self._close_quote()
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.out.append("\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            text = "".join(self.out[start:]).strip()
            if href.lower().startswith(("http://", "https://")) and text and href not in text:
                self.out.append(f" ({href})")
        elif tag in _BLOCK_TAGS:
            self.out.append("\n\n" if tag in _PARAGRAPH_TAGS else "\n")
            if tag == "pre" and self.preformatted:
                self.preformatted -= 1

    def _close_quote(self) -> None:
        inner = _normalize_lines("".join(self.buffers.pop()))
        self.links = [(href, min(start, len(self.out))) for href, start in self.links]
        quoted = "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        self.out.append(f"\n\n{quoted}\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_head or any(self.skipping.values()):
            return
        if self.preformatted:
            self.out.append(data.replace(" ", "\xa0"))
        else:
            self.out.append(_SPACE_RUN.sub(" ", data.replace("\xa0", " ")))

    def text(self) -> str:
        while len(self.buffers) > 1:
            self._close_quote()
        return _normalize_lines("".join(self.out))


# Python 3.11's html.parser (CPython gh-135462) reads to the end of the input for every '<'
# that starts markup it cannot find the end of, then moves on one tag: '<a ' * 21000 (63 KB)
# took 20 s, 500 KB would take 25 minutes. Each such '<' is escaped first, in one pass, so
# the parser only meets markup it can close; the text is the same for mail that has none.
_MARKUP_START = re.compile(r"<[a-zA-Z/!?]")
# html.parser's locatestarttagend_tolerant, except that a '<' outside quotes ends the tag.
_START_TAG = re.compile(
    r"""
    <[a-zA-Z][^\t\n\r\f />\x00<]*
    (?:[\s/]*
      (?:(?<=['"\s/])[^\s/><][^\s/=><]*
        (?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s<]*)\s*)?
        (?:\s|/(?!>))*
      )*
    )?
    \s*
    """,
    re.VERBOSE,
)
_TAG_GOES_ON = frozenset(string.ascii_letters + "=")
_TAG_END = re.compile(r">")
_COMMENT_END = re.compile(r"--\s*>")
_MARKED_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_MARKED_SECTION_ENDS = {
    **dict.fromkeys(["temp", "cdata", "ignore", "include", "rcdata"], re.compile(r"]\s*]\s*>")),
    **dict.fromkeys(["if", "else", "endif"], re.compile(r"]\s*>")),
}


class _NextMatch:
    """Whether a pattern occurs at or after a position, asked for positions that only grow:
    a search is reused until the position passes it, so the input is read about once."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern = pattern
        self.text = text
        self.searched_from = len(text) + 1
        self.found_at: int | None = None

    def after(self, position: int) -> bool:
        stale = position < self.searched_from or (
            self.found_at is not None and position > self.found_at
        )
        if stale:
            match = self.pattern.search(self.text, position)
            self.searched_from = position
            self.found_at = match.start() if match else None
        return self.found_at is not None


def _start_tag_closes(html: str, at: int) -> bool:
    """html.parser's check_for_whole_start_tag, on _START_TAG."""
    match = _START_TAG.match(html, at)
    end = match.end() if match else at + 1
    following = html[end : end + 1]
    if following == "/":
        return html.startswith("/>", end)
    return following not in ("", "<") and following not in _TAG_GOES_ON


def _escape_unclosed_markup(html: str) -> str:
    """The HTML with "&lt;" for each '<' that starts a tag, comment or declaration html.parser
    would not find the end of; the parser turns "&lt;" back into the '<' it would have shown.
    A marked section html.parser does not know ("<![foo bar>", on which it raises and the
    rest of the HTML was lost) is left out up to its '>', as browsers leave it out."""
    tag_end = _NextMatch(_TAG_END, html)
    comment_end = _NextMatch(_COMMENT_END, html)
    section_ends = {
        pattern: _NextMatch(pattern, html) for pattern in set(_MARKED_SECTION_ENDS.values())
    }
    pieces: list[str] = []
    done = 0
    for start in _MARKUP_START.finditer(html):
        at = start.start()
        if at < done:  # inside a marked section left out
            continue
        if html[at + 1].isalpha():
            closes = _start_tag_closes(html, at)
        elif html.startswith("<!--", at):
            closes = comment_end.after(at + 4)
        elif html.startswith("<![", at):
            name = _MARKED_SECTION_NAME.match(html, at + 3)
            pattern = _MARKED_SECTION_ENDS.get(name.group().strip().lower()) if name else None
            if at + 3 == len(html) or (name and name.end() == len(html)):
                closes = False
            elif pattern is None:
                closes = tag_end.after(at + 3)
                if closes and tag_end.found_at is not None:
                    pieces.append(html[done:at])
                    done = tag_end.found_at + 1
                    continue
            else:
                closes = section_ends[pattern].after(at + 3)
        else:  # an end tag, a processing instruction, a declaration: up to the next '>'
            closes = tag_end.after(at + 2)
        if not closes:
            pieces.extend((html[done:at], "&lt;"))
            done = at + 1
    return "".join(pieces) + html[done:] if pieces else html


def _normalize_lines(text: str) -> str:
    lines = [line.strip(" ").replace("\xa0", " ").rstrip() for line in text.split("\n")]
    return _collapse_blank_runs("\n".join(lines)).strip("\n")


_HTML_OPENINGS = ("<!doctype html", "<html", "<head", "<body", "<div", "<table", "<p>", "<p ")


def looks_like_html(text: str) -> bool:
    """Text that is HTML: sent as text/plain (or with no headers) by broken mailers, or a
    JSON line's body taken from an HTML part."""
    opening = text.lstrip()[:20].lower()
    return opening.startswith(_HTML_OPENINGS) and "</" in text


def html_to_text(html: str) -> str:
    """Readable text from HTML: blocks become lines, lists get markers, links keep their
    URL as "text (url)", <blockquote> lines get "> ", script/style/head are dropped."""
    extractor = _TextExtractor()
    try:
        extractor.feed(_escape_unclosed_markup(html))
        extractor.close()
    except (AssertionError, ValueError):  # html.parser on hostile markup: keep what we have
        pass
    return extractor.text()


@dataclass(frozen=True)
class BodyParts:
    """A body split in four: what the sender wrote now, and what was split off."""

    new_text: str
    quoted: str
    signature: str
    footer: str


_WROTE = (
    r"(?:wrote|writes|a\s+écrit|schrieb|escribió|escribio|ha\s+scritto|schreef|skrev|"
    r"napisał|escreveu|kirjoitti|написал\(а\)|написал|napsal|yazdı)"
)
_ATTRIBUTION_START = re.compile(r"^(?:on|le|am|el|il|op|den|dne|em|w\s+dniu)\b", re.IGNORECASE)
# German puts the name after the verb: "Am 09.03.2026 schrieb Jane Doe <jane@x>:".
_ATTRIBUTION_END = re.compile(rf"(?:{_WROTE}\s*:?|\bschrieb\b.{{1,100}}:)\s*$", re.IGNORECASE)
_DIGIT_OR_AT = re.compile(r"\d|@")
_ORIGINAL_MESSAGE = re.compile(
    r"^[-_=*\s]*(?:original\s+message|ursprüngliche\s+nachricht|message\s+d'origine|"
    r"mensaje\s+original|messaggio\s+originale|oorspronkelijk\s+bericht|"
    r"forwarded\s+message|message\s+transféré|weitergeleitete\s+nachricht|"
    r"mensaje\s+reenviado|forwarded\s+by)[-_=*\s:]*$",
    re.IGNORECASE,
)
_BEGIN_FORWARDED = re.compile(
    r"^(?:begin\s+forwarded\s+message|début\s+du\s+message\s+réexpédié|"
    r"anfang\s+der\s+weitergeleiteten\s+nachricht)\s*:?\s*$",
    re.IGNORECASE,
)
_HEADER_FROM = re.compile(r"^\*?(?:from|von|de|da|van|od|från|fra)\s*:\*?\s*\S", re.IGNORECASE)
_HEADER_OTHER = re.compile(
    r"^\*?(?:sent|date|to|subject|cc|gesendet|datum|an|betreff|envoyé|à|objet|enviado|"
    r"para|asunto|fecha|inviato|oggetto|verzonden|aan|onderwerp)\s*:",
    re.IGNORECASE,
)
# Lotus Notes put the attribution on one line with no "wrote": `"Jane Doe" on 09/25/2000
# 12:46:51 PM` (in pre-processed corpora `09 / 25 / 2000 12 : 46 : 51 pm`), then To:/cc:
# lines, and forwards as `---- Forwarded by Jane Doe/HOU/ECT on 05/01/2000 03:10 PM ----`.
_NOTES_DATE_TIME = (
    r"\bon\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}\s+\d{1,2}\s*:\s*\d{2}"
    r"(?:\s*:\s*\d{2})?(?:\s*[ap]\s*\.?\s*m\b\.?)?"
)
_NOTES_ATTRIBUTION = re.compile(rf"{_NOTES_DATE_TIME}(?:\s+please\s+respond\s+to\b.*)?\s*$", re.I)
_NOTES_FORWARDED = re.compile(rf"^[-\s]*forwarded\s+by\b.{{0,160}}{_NOTES_DATE_TIME}", re.I)
_NOTES_HEADER = re.compile(r"^(?:to|cc|bcc|subject|please\s+respond\s+to)\s*:", re.I)
_NOTES_LOOKAHEAD = 4
_UNDERSCORE_RULE = re.compile(r"^[_-]{10,}$")
_SIGNATURE_DELIMITER = re.compile(r"^--\s*$|^__\s*$")
_MOBILE_SIGNATURE = re.compile(
    r"^(?:sent\s+from\s+(?:my\s+)?(?:iphone|ipad|android|samsung|mobile|blackberry|galaxy|"
    r"huawei|pixel|phone|yahoo\s+mail|mail\s+for\s+windows|outlook|proton\s*mail)|"
    r"get\s+outlook\s+for\s+(?:ios|android)|von\s+meinem\s+iphone\s+gesendet|"
    r"envoyé\s+de\s+mon\s+(?:iphone|ipad)|enviado\s+desde\s+mi\s+(?:iphone|ipad))\b",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^(?:(?:best|kind|warm|warmest|many|with\s+best|all\s+the\s+best|kindest)?\s*"
    r"(?:regards|wishes|thanks|greetings)|best|all\s+best|warmly|cheers|"
    r"(?:thanks|thank\s+you)(?:\s+(?:again|so\s+much|very\s+much|in\s+advance|a\s+lot))?|"
    r"sincerely|yours\s+sincerely|yours\s+truly|yours\s+faithfully|faithfully|yours|respectfully|"
    r"warmest|kindest|take\s+care|talk\s+soon|speak\s+soon|cordially|"
    r"mit\s+freundlichen\s+grüßen|viele\s+grüße|beste\s+grüße|liebe\s+grüße|"
    r"freundliche\s+grüße|gruß|cordialement|bien\s+à\s+vous|bien\s+cordialement|"
    r"salutations|saludos|atentamente|un\s+saludo|cordiali\s+saluti|saluti|"
    r"met\s+vriendelijke\s+groet|groeten|hälsningar|med\s+vänlig\s+hälsning)"
    r"\s*[,.!-]*\s*$",
    re.IGNORECASE,
)
_SIGNATURE_MAX_LINES = 10


def is_sign_off(line: str) -> bool:
    """Whether a line is a valediction alone: "Kind regards,", "Yours faithfully,", or
    "Viele Grüße / best regards," (a sign-off in two languages)."""
    line = line.strip()
    return len(line) <= 60 and all(_SIGN_OFF.match(part.strip()) for part in line.split("/"))


_MARKER_MAX_CHARS = 300
_FOOTER_MAX_LINES = 20
_FOOTER = re.compile(
    r"^(?:[*\s]*(?:confidentiality\s+notice|disclaimer|legal\s+notice|privacy\s+notice)\b|"
    r"(?:this|the\s+information\s+(?:contained\s+)?in\s+this)\s+(?:e-?mail|message|"
    r"communication|transmission)\b.{0,120}\b(?:confidential|privileged|intended\s+(?:only|"
    r"solely))|.{0,40}\bto\s+unsubscribe\b|unsubscribe\b|click\s+here\s+to\s+unsubscribe|"
    r"you\s+(?:are\s+)?receiv(?:ing|ed)\s+this\s+(?:e-?mail|message|because|newsletter|alert)|"
    r"(?:manage|update|change)\s+(?:your\s+)?(?:e-?mail\s+|notification\s+|subscription\s+)?"
    r"(?:preferences|settings|subscriptions?)\b|if\s+you\s+no\s+longer\s+wish\s+to\s+receive|"
    r"if\s+you\s+(?:have\s+)?received\s+this\s+(?:e-?mail|message)\s+in\s+error|"
    r"this\s+(?:e-?mail|message)\s+was\s+sent\s+to\b)",
    re.IGNORECASE,
)
_FOOTER_WORDS = (
    "confidential",
    "privileged",
    "intended",
    "disclaimer",
    "notice",
    "subscri",
    "receiv",
    "preferences",
    "settings",
    "was sent to",
)
# A whole paragraph that reads like a disclaimer or a mailing footer (wrapped text).
_FOOTER_PARAGRAPH = re.compile(
    r"confidential.{0,200}\b(?:intended|addressee|recipient|privileged)|"
    r"\b(?:intended|addressee|recipient)\b.{0,200}confidential|"
    r"registered\s+(?:in\s+england|office|number|in\s+\w+\s+(?:and|&)\s+\w+)|"
    r"company\s+(?:no|number|registration)\b|unsubscribe|"
    r"you\s+(?:are\s+)?receiv(?:ing|ed)\s+this|no\s+longer\s+wish\s+to\s+receive|"
    r"received\s+this\s+(?:e-?mail|message|communication)\s+in\s+error|"
    r"mailbox\s+is\s+not\s+monitored|do\s+not\s+reply\s+to\s+this\s+(?:e-?mail|message)|"
    r"(?:manage|update)\s+your\s+(?:e-?mail\s+)?preferences|mailing\s+list|/listinfo/",
    re.IGNORECASE,
)
_FOOTER_PARAGRAPH_MAX_LINES = 12
_PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
_CONTACT = re.compile(r"\||@|www\.", re.IGNORECASE)
_JOB_TITLE = re.compile(
    r"\b(?:recruit\w*|talent|hr|human\s+resources|people|hiring|partner|manager|consultant|"
    r"director|head\s+of|coordinator|specialist|acquisition|sourcer|founder|ceo|cto|vp)\b",
    re.IGNORECASE,
)
_CONTACT_BLOCK_MAX_LINES = 6
_RULE_LINE = re.compile(r"^[-_=*~#\s]+$")


def _attribution_ends(lines: list[str]) -> frozenset[int]:
    """Indexes of the lines ending like an attribution ("wrote:")."""
    ends: set[int] = set()
    for index, line in enumerate(lines):
        tail = line[-120:].rstrip()
        if (tail.endswith(":") or tail[-1:].isalpha()) and _ATTRIBUTION_END.search(tail):
            ends.add(index)
    return frozenset(ends)


def _is_attribution(lines: list[str], index: int, ends: frozenset[int]) -> int:
    """Number of lines (1-3) of an "On <date>, X wrote:" attribution starting here, or 0."""
    if not ends.intersection(range(index, index + 3)):
        return 0
    if not _ATTRIBUTION_START.match(lines[index]) and not _DIGIT_OR_AT.search(lines[index]):
        return 0
    joined = ""
    for count in range(1, 4):
        if index + count > len(lines):
            break
        line = lines[index + count - 1]
        if count > 1 and not line.strip():
            break
        joined = f"{joined} {line}".strip()
        if len(joined) > 300:
            break
        if _ATTRIBUTION_END.search(joined):
            return count
    return 0


def _is_header_block(lines: list[str], index: int) -> bool:
    """An Outlook-style "From: ... Sent: ... To: ... Subject:" block starts here."""
    if not _HEADER_FROM.match(lines[index]):
        return False
    following = lines[index + 1 : index + 7]
    return sum(1 for line in following if _HEADER_OTHER.match(line)) >= 2


def _is_notes_attribution(lines: list[str], index: int) -> bool:
    """A Lotus Notes attribution line ("X on 09/25/2000 12:46 PM") followed by To:/cc: lines."""
    if not _NOTES_ATTRIBUTION.search(lines[index]):
        return False
    following = [line.strip() for line in lines[index + 1 : index + 1 + _NOTES_LOOKAHEAD]]
    return any(_NOTES_HEADER.match(line) for line in following if line)


def _quote_start(lines: list[str]) -> int | None:
    ends = _attribution_ends(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(">") or _is_attribution(lines, index, ends):
            return index
        if len(stripped) > _MARKER_MAX_CHARS:
            continue  # separators and header lines are short
        if _ORIGINAL_MESSAGE.match(stripped) or _BEGIN_FORWARDED.match(stripped):
            return index
        if _NOTES_FORWARDED.match(stripped) or _is_notes_attribution(lines, index):
            return index
        if _UNDERSCORE_RULE.match(stripped):
            following = next((at for at in range(index + 1, len(lines)) if lines[at].strip()), None)
            if following is not None and _is_header_block(lines, following):
                return index
        if _is_header_block(lines, index):
            return index
    return None


def _bottom_posted_reply(lines: list[str], start: int) -> tuple[list[str], list[str]]:
    """When a body opens with "> " lines, the unquoted lines after them are the reply."""
    quoted: list[str] = []
    reply: list[str] = []
    for line in lines[start:]:
        stripped = line.strip()
        (quoted if stripped.startswith(">") or (not stripped and not reply) else reply).append(line)
    if _quote_start(reply) is not None:
        return [], lines[start:]
    return reply, quoted


def _footer_start(lines: list[str]) -> int | None:
    """Where a disclaimer or unsubscribe block starts; it must be short and at the end."""
    remaining = sum(1 for line in lines if line.strip())
    for index, line in enumerate(lines):
        if line.strip():
            remaining -= 1  # non-blank lines after this one
        lowered = line.lower()
        if index == 0 or not any(word in lowered for word in _FOOTER_WORDS):
            continue  # a cheap filter before the expensive expression
        if remaining < _FOOTER_MAX_LINES and _FOOTER.match(line.strip()):
            while index > 1 and _RULE_LINE.match(lines[index - 1]) and lines[index - 1].strip():
                index -= 1
            return index
    return None


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line ranges of the runs of non-blank lines."""
    ranges: list[tuple[int, int]] = []
    first: int | None = None
    for index, line in enumerate(lines):
        if line.strip() and first is None:
            first = index
        elif not line.strip() and first is not None:
            ranges.append((first, index))
            first = None
    if first is not None:
        ranges.append((first, len(lines)))
    return ranges


def _footer_paragraphs_start(lines: list[str]) -> int | None:
    """Where the trailing run of disclaimer-like paragraphs starts (never the first one)."""
    start: int | None = None
    for first, end in reversed(_paragraphs(lines)[1:]):
        block = lines[first:end]
        if all(_RULE_LINE.match(line) for line in block):
            if start is not None:
                start = first
            continue
        if len(block) > _FOOTER_PARAGRAPH_MAX_LINES:
            break
        if not _FOOTER_PARAGRAPH.search(" ".join(line.strip() for line in block)):
            break
        start = first
    return start


def _is_prose(lines: list[str]) -> bool:
    """Sentences rather than a signature: a line of more than six words ending like one."""
    return any(len(line.split()) > 6 and line.rstrip()[-1:] in ".?!:" for line in lines)


def _contact_block_start(lines: list[str]) -> int | None:
    """A last short paragraph that reads like contact details (with the name line above)."""
    paragraphs = _paragraphs(lines)
    if len(paragraphs) < 2:
        return None
    first, end = paragraphs[-1]
    block = [line.strip() for line in lines[first:end]]
    if len(block) > _CONTACT_BLOCK_MAX_LINES or any(len(line) > 100 for line in block):
        return None
    if _is_prose(block):
        return None
    contact = any(_CONTACT.search(line) or _PHONE.search(line) for line in block)
    titled = any(len(line.split()) <= 6 and _JOB_TITLE.search(line) for line in block)
    if not (contact or titled):
        return None
    if len(paragraphs) >= 3:
        name_first, name_end = paragraphs[-2]
        name = lines[name_first].strip()
        if name_end - name_first == 1 and len(name.split()) <= 3 and name[-1:].isalpha():
            return name_first
    return first


def _signature_start(lines: list[str]) -> int | None:
    candidates: list[int] = []
    for index in range(len(lines) - 1, 0, -1):
        if _SIGNATURE_DELIMITER.match(lines[index]):
            candidates.append(index)
            break
    for index in range(1, len(lines)):
        if _MOBILE_SIGNATURE.match(lines[index].strip()):
            candidates.append(index)
            break
    for index in range(len(lines) - 1, 0, -1):
        line = lines[index].strip()
        if is_sign_off(line):
            remainder = [rest for rest in lines[index + 1 :] if rest.strip()]
            short = all(len(rest) <= 100 for rest in remainder)
            if len(remainder) <= _SIGNATURE_MAX_LINES and short and not _is_prose(remainder):
                candidates.append(index)
            break
    contact_block = _contact_block_start(lines)
    if contact_block is not None:
        candidates.append(contact_block)
    return min(candidates) if candidates else None


def _collapse_blank_runs(text: str) -> str:
    return _BLANK_RUN.sub("\n\n", text) if "\n\n\n" in text else text


def _join(lines: list[str]) -> str:
    return _collapse_blank_runs("\n".join(lines)).strip("\n")


def normalize_text(text: str) -> str:
    """Unix newlines, no trailing spaces, at most one blank line in a row."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _join([line.rstrip() for line in text.split("\n")])


def split_body(text: str) -> BodyParts:
    """Split a plain-text body into new text, quoted history, signature and footer.

    Everything from the first reply or forward marker on is `quoted`. In what is left,
    a footer (disclaimer, unsubscribe block) is cut from the end, then a signature
    ("-- ", a sign-off and the short block after it, "Sent from my iPhone", a last
    paragraph of contact details). When no marker is found `new_text` is the whole
    (normalised) body: nothing is ever dropped.
    """
    lines = normalize_text(text).split("\n")
    quoted: list[str] = []
    start = _quote_start(lines)
    if start is not None:
        head = lines[:start]
        if not any(line.strip() for line in head) and lines[start].lstrip().startswith(">"):
            head, quoted = _bottom_posted_reply(lines, start)
        else:
            quoted = lines[start:]
        lines = head
    footer: list[str] = []
    footer_starts = [_footer_start(lines), _footer_paragraphs_start(lines)]
    footer_at = min((start for start in footer_starts if start is not None), default=None)
    if footer_at is not None:
        lines, footer = lines[:footer_at], lines[footer_at:]
    signature: list[str] = []
    signature_at = _signature_start(lines)
    if signature_at is not None:
        lines, signature = lines[:signature_at], lines[signature_at:]
        if signature and _SIGNATURE_DELIMITER.match(signature[0]):
            signature = signature[1:]
    return BodyParts(_join(lines), _join(quoted), _join(signature), _join(footer))


_LEAVE_LIST = re.compile(
    r"\b(?:unsubscribe|abbestellen|abmelden|manage (?:your )?(?:preferences|notifications|"
    r"subscriptions|alerts)|benachrichtigungen verwalten)\b",
    re.IGNORECASE,
)


def offers_to_leave(footer: str) -> bool:
    """Whether a message's footer has a link to leave a list ("View all jobs | Unsubscribe",
    "Jobagent abbestellen"): mail to many, whoever sends it."""
    return _LEAVE_LIST.search(footer) is not None
