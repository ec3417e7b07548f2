"""Outliner syntax (Logseq, Org-mode exported to markdown) and structure labels, read the same way
by every importer that reads a body of bullets (:mod:`studylog.importers.mdbody` for generic
markdown, :mod:`studylog.importers.daily_notes` for daily notes).

What a block's lines say beyond their words:

- a leading state marker is the task's state, not text: ``TODO``, ``LATER``, ``NOW``, ``DOING``
  and ``WAITING`` make a goal, ``DONE`` a done item (a met goal, if it sits under a plan label),
  ``CANCELED``/``CANCELLED`` an item that is not imported. A priority ``[#A]`` after it goes too;
- ``key:: value`` property lines (``id::``, ``collapsed::``, ``done:: 1614350275750``...) and
  ``:LOGBOOK:`` ... ``:END:`` drawers are not text; a ``CLOCK: [..]--[..] =>  01:30:00`` line is
  time measured on the task (several add up);
- block references ``((uuid))`` and macros ``{{embed ...}}``, ``{{query ...}}`` are dropped (a
  line left empty by them is reported by the caller); ``[[Page]]`` reads as "Page" and
  ``#[[multi word]]`` as "#multi word" (outside code spans).

Labels are lines that give structure, not entries: ``DONE:``, ``Done:``, ``**Goals:**``, ``NEXT:``,
``Goals for the week``, ``Plan``, ``Assignments for next week``, a bare ``TODO`` or ``LATER``, and
a heading written inside a bullet (``- ## Today's focus: 3``), with or without an emoji before its
words (``## 🎯 Tomorrow's Plan``, ``## ✅ What I Did``). The items under a label are entries of the
kind it names (:func:`label`).

Everything here is a cheap test first (a substring or the first character) so that a log with
none of it pays almost nothing per line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from studylog.imported import normal_text

GOAL, DONE, CANCELED, NEUTRAL = "goal", "done", "canceled", "neutral"

_STATES = {
    "TODO": GOAL,
    "LATER": GOAL,
    "NOW": GOAL,
    "DOING": GOAL,
    "WAITING": GOAL,
    "DONE": DONE,
    "CANCELED": CANCELED,
    "CANCELLED": CANCELED,
}
_MARKER = re.compile(r"^(TODO|LATER|NOW|DOING|WAITING|DONE|CANCELED|CANCELLED)(?:[ \t]+|$)")
_PRIORITY = re.compile(r"^\[#[A-Za-z0-9]\](?:[ \t]+|$)")
_BOX = re.compile(r"^\[([ xX])\](?:[ \t]+|$)")
PROPERTY = re.compile(r"^[A-Za-z][\w-]*::(?:[ \t]|$)")
DRAWER = re.compile(r"^:([A-Za-z_-]+):[ \t]*$")
CLOCK = re.compile(
    r"^CLOCK:[ \t]*\[[^\]]*\](?:[ \t]*--[ \t]*\[[^\]]*\][ \t]*=>[ \t]*(\d{1,4}):([0-5]\d)(?::([0-5]\d))?)?[ \t]*$"
)
_REF = re.compile(r"\(\([0-9A-Za-z-]{6,}\)\)")
_MACRO = re.compile(
    r"\{\{[ \t]*(?:embed|query|renderer|video|youtube|tweet|twitter|cloze|function|namespace|pdf|zotero|"
    r"iframe|youtube-timestamp|tutorial-video)\b[^{}]*\}\}",
    re.IGNORECASE,
)
_WIKI = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]*))?\]\]")
_SPACES = re.compile(r"[ \t]{2,}")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$")

_DONE_WORDS = r"(?:done|did|completed|finished|accomplished|what[ \t]+i[ \t]+did)(?:[ \t]+today)?"
_PLAN_WORDS = (
    r"(?:goals?|plans?|to[ -]?dos?|next(?:[ \t]+steps?)?|tomorrow|"
    r"(?:goals?|plans?|to[ -]?dos?|next[ \t]+steps?)[ \t]+for[ \t]+[\w' .-]{1,30}|"
    r"assignments?[ \t]+for[ \t]+(?:the[ \t]+)?(?:next|coming|following)[ \t]+[\w' .-]{1,20}|"
    r"(?:today'?s?|tomorrow'?s?|this[ \t]+week'?s?|weekly|daily)[ \t]+(?:goals?|plans?|to[ -]?dos?))"
)
_LABEL = re.compile(rf"^(?:(?P<done>{_DONE_WORDS})|(?P<plan>{_PLAN_WORDS}))[ \t]*:?$", re.IGNORECASE)
_EMPHASIS = "*_ \t"
_JOINERS = "\u200d\ufe0e\ufe0f"  # zero-width joiner, text and emoji variation selectors
_DURATION = re.compile(r"\((?:[^()]*\d\s*(?:h|hrs?|hours?|min|mins|minutes)\b[^()]*)\)", re.IGNORECASE)


def kind_of(state: str | None, kind: str) -> tuple[str, bool]:
    """The kind of an entry under a label of ``kind``, given its ``state`` (see :func:`state`), and whether it is a met goal."""
    if state in (GOAL, "open"):
        return GOAL, False
    if state in (DONE, "checked"):
        return (GOAL, True) if kind == GOAL else (DONE, False)
    return kind, False


def same_item(text: str) -> str:
    """What a plan and a done item compare by to be the same: :func:`normal_text` without a
    duration in brackets ("read ch. 3 (2h)" is the plan of "read ch. 3")."""
    return normal_text(_DURATION.sub(" ", text) if "(" in text else text)


def label(text: str) -> str | None:
    """The kind of entries a whole line labels: "done" or "goal"; "neutral" for a heading written
    in a bullet that names neither; None when the line is not a label (an entry, a note)."""
    text = text.strip()
    if not text or len(text) > 60:
        return None
    heading = _HEADING.match(text) if text[0] == "#" else None
    words = _unsymbol((heading.group(1) if heading else text).strip(_EMPHASIS)).strip(_EMPHASIS)
    if words.endswith(":"):  # "**Done:**" and "**Done**:" alike
        words = words[:-1].strip(_EMPHASIS)
    if (m := _LABEL.match(words)) is not None:
        return DONE if m.group("done") else GOAL
    if (marker := _MARKER.match(words)) is not None and marker.end() == len(words):
        state = _STATES[marker.group(1)]  # a bare "TODO", "LATER" or "DONE" line
        return NEUTRAL if state == CANCELED else state
    return NEUTRAL if heading else None


def _unsymbol(text: str) -> str:
    """``text`` without the emoji and symbols it starts with ("🎯 Tomorrow's Plan", "✅ What I
    Did", "👨‍💻 Done"): Unicode symbols (So, Sk), variation selectors and zero-width joiners, and
    the spaces between them. Words, digits and punctuation stay."""
    if not text or text[0].isascii():
        return text  # the cheap test: a label written in words starts with an ASCII letter
    start = 0
    while start < len(text) and (
        text[start] in _JOINERS or text[start] in " \t" or unicodedata.category(text[start]) in ("So", "Sk")
    ):
        start += 1
    return text[start:]


_KEY_LINE = re.compile(r"^[*_]{0,2}(?P<key>[A-Za-z][\w' -]{0,30}?)[ \t]*(?::[*_]{0,2}|[*_]{1,2}:)[ \t]+\S")


def status_block(lines: list[str]) -> bool:
    """Whether the (stripped) lines of a paragraph are a day's status block: ``Key: value`` lines
    (bold or not), one of them ``Status:`` (``**Status:** ✅ Day 1 Complete``, ``**Next:** Day 2``,
    ``**Feeling:** ready``). It says how the day went, not what was done or planned: no entry.
    A 100-days entry written as ``**Today's Progress**: ...`` lines has no ``Status:`` key."""
    if not any("tatus" in line for line in lines):
        return False  # the cheap test
    keys = []
    for line in lines:
        m = _KEY_LINE.match(line.strip())
        if m is None:
            return False
        keys.append(m.group("key").strip().lower())
    return "status" in keys


@dataclass
class Read:
    """One block's lines once its outliner syntax is read."""

    lines: list[str]
    state: str | None = None  # "goal", "done", "canceled"; "open"/"checked" for a task box
    clock: float | None = None  # hours of its CLOCK lines
    emptied: bool = False  # it had words, all of them block references or macros
    marker_only: str | None = None  # it was only a state marker ("- LATER"): that state
    written: str = ""  # what its state was read from, as written ("[x] ", "DONE ")
    tags: list[str] = field(default_factory=list)  # of its ``tags:: git, [[version control]]`` property, normalised


def state(first: str, box: bool) -> tuple[str | None, str]:
    """The state written at the start of a block's first line and the text after it: a marker
    (``DONE``, ``LATER``...), and with ``box`` a task box ``[ ]`` ("open") or ``[x]`` ("checked")."""
    found: str | None = None
    if first[:1] == "[" and box and (m := _BOX.match(first)):
        found, first = ("open" if m.group(1) == " " else "checked"), first[m.end() :]
    if first[:1].isupper() and (m := _MARKER.match(first)):
        found, first = _STATES[m.group(1)], first[m.end() :]
    if first[:2] == "[#" and (m := _PRIORITY.match(first)):
        first = first[m.end() :]
    return found, first


def _syntax(line: str) -> bool:
    """Whether ``line`` may hold what :func:`read` takes out or rewrites: a ``key::`` property, a
    ``:DRAWER:`` line, a ``CLOCK:`` line, a block reference, a macro or a wiki link. A plain colon
    ("Goal: ...", "key idea: ...") is none of them."""
    return (
        "::" in line
        or "((" in line
        or "{{" in line
        or "[[" in line
        or ("CLOCK:" in line)
        or (":" in line and line.lstrip()[:1] == ":")
    )


def read(lines: list[str], box: bool = True) -> Read:
    """Read the (stripped) lines of one list item or paragraph: its state, its CLOCK hours and
    its text without properties, drawers, references and macros."""
    out = Read([])
    if not lines:
        return out
    out.state, first = state(lines[0], box)
    out.written = lines[0][: len(lines[0]) - len(first)]
    if out.state is not None and not first.strip():
        out.marker_only = out.state
    if not any(map(_syntax, lines)):
        out.lines = [first, *lines[1:]]  # no property, drawer, CLOCK, reference or link: as written
        return out
    drawer = False
    for number, line in enumerate([first, *lines[1:]]):
        stripped = line.strip()
        if stripped[:1] == ":" and (m := DRAWER.match(stripped)):
            drawer = m.group(1).upper() != "END"
            continue
        if (hours := clock(stripped)) is not None:
            out.clock = (out.clock or 0.0) + hours
            continue
        if drawer or ("::" in stripped and PROPERTY.match(stripped)):
            if not drawer and stripped[:6].lower() == "tags::":
                out.tags += property_tags(stripped[6:])
            continue
        if number == 0 or stripped:
            out.lines.append(inline(line) if ("((" in line or "{{" in line or "[[" in line) else line)
    if out.clock is not None:
        out.clock = round(out.clock, 4)
    had_words = any(part.strip() for part in [first, *lines[1:]])
    if had_words and not any(part.strip() for part in out.lines) and out.marker_only is None:
        out.emptied = any(("((" in part or "{{" in part) for part in lines)
    return out


def property_tags(value: str) -> list[str]:
    """The tags of a ``tags::`` property's value: pages separated by commas, each maybe a wiki
    link or a hashtag (``git, [[version control]], #tools``), normalised (``version-control``)."""
    from studylog.tags import imported_tags

    return imported_tags([part.strip().lstrip("#").strip("[]") for part in value.split(",")])


def clock(line: str) -> float | None:
    """The hours a (stripped) ``CLOCK: [..]--[..] =>  01:30:00`` line measured (0 for a clock still
    running), or None when the line is not a CLOCK line."""
    if not line.startswith("CLOCK:") or (m := CLOCK.match(line)) is None:
        return None
    if m.group(1) is None:
        return 0.0
    return int(m.group(1)) + int(m.group(2)) / 60 + int(m.group(3) or 0) / 3600


def inline(text: str) -> str:
    """``text`` without block references and macros, with wiki links read as their words; code
    spans (between backticks) are left as written."""
    if "`" in text:
        parts = text.split("`")
        cut = "`".join(part if n % 2 else _inline(part) for n, part in enumerate(parts))
    else:
        cut = _inline(text)
    return cut if cut == text else _SPACES.sub(" ", cut).strip()


def _inline(text: str) -> str:
    cut = _MACRO.sub("", _REF.sub("", text)) if ("((" in text or "{{" in text) else text
    if "[[" in cut:
        cut = _WIKI.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(1), cut)
    return cut
