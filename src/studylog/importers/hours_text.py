"""Hours of study read from what a learner wrote: "Around 2.3 hours", "(2.5h)", "90 minutes",
"it takes me about 20 hours", "1h30m", "an hour and a half".

What is *not* study time, and is ignored without comment:

- anything inside a URL or a link target (``[x](https://…/23-07-18-13-10-22…)``);
- times of day ("8:33 PM", "12:01am"): they carry no hour unit;
- "80,000 hours" / "80k hours" (an organisation) and any amount written in thousands;
- time lost or spent elsewhere: "took 3 hours off of my day", "3 hours of sleep", "lost 2 hours",
  "2 hours ago / later", and rates: "24 hours a day", "2 hours per week", "every hour"; what a
  machine takes: "it takes around 1 minute to load all CG files", "2 hours to compile".

Decisions on doubtful amounts (each is explained by :func:`hours_problem`):

- a range ("2-3 hours", "2 to 3 hours") reads as its midpoint (2.5);
- more than a week (24 * 7 = 168 hours) in one entry is not read: it is a course total or a
  figure of speech, not an amount of study;
- a bound ("less than 5 minutes", "under an hour", "within 2 hours") is not an amount: not read,
  and reported; vague amounts ("a few minutes", "some time") have no number and are not read;
- two *different* amounts in one text ("1h on X, then 2h on Y") are undecidable: no hours. The
  same amount written twice counts once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_HOURS = 24.0 * 7

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?|\.\d+)"
_HOUR = r"(?:hours?|hrs?\.?|h)"
_MIN = r"(?:minutes?|mins?\.?)"
_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_LEFT = r"(?<![\w.,:/\-])"

_AMOUNT = re.compile(
    _LEFT + r"(?:"
    rf"(?P<ch>{_NUM})\s*{_HOUR}\s*(?:and\s+)?(?P<cm>\d{{1,3}})\s*(?:{_MIN}|m)(?!\w)"  # 1h30m, 1 hour 30 min
    rf"|(?P<hh>\d{{1,2}})h(?P<hm>[0-5]\d)(?!\w)"  # 1h30
    rf"|(?P<lo>{_NUM})\s*(?:-|–|—|to|or)\s*(?P<hi>{_NUM})\s*(?P<ru>{_HOUR}|{_MIN})(?!\w)"  # 2-3 hours
    rf"|(?P<clh>\d{{1,2}}):(?P<clm>[0-5]\d)\s*{_HOUR}(?!\w)"  # 1:30 hours
    rf"|(?P<n>{_NUM})\s*(?P<k>k\s*)?(?P<plus>\+\s*)?(?P<u>{_HOUR}|{_MIN})(?!\w)"  # 2.5h, 90 minutes, 80k hours
    rf"|(?P<half>half\s+an?\s+hour)(?!\w)"
    rf"|(?P<w>{_WORD})\s+(?P<wh>and\s+a\s+half\s+)?(?P<wu>hours?|minutes?)(?P<wh2>\s+and\s+a\s+half)?(?!\w)"
    r")",
    re.IGNORECASE,
)
_START = re.compile(rf"(?<![\w.,:/\-])(?:\d|\.\d|(?:half|{_WORD})\s)", re.IGNORECASE)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_HINT = re.compile(r"\dh|\d\s+h\b|hour|hrs?\b|min", re.IGNORECASE)
_URL = re.compile(r"\]\([^)\s]*(?:\)|$)|\]\[[^\]\s]*\]|<?(?:https?://|www\.)[^\s<>\])]+>?", re.IGNORECASE)
_NOT_STUDY_BEFORE = frozenset(
    [
        "per",
        "every",
        "each",
        "last",
        "past",
        "next",
        "lost",
        "lose",
        "losing",
        "wasted",
        "waste",
        "slept",
        "sleep",
        "napped",
        "waited",
        "drove",
        "drive",
        "driving",
        "flew",
        "flight",
        "commute",
        "commuted",
    ]
)
_APPROX = frozenset(["about", "around", "approximately", "approx", "roughly", "~", "nearly", "almost"])
_NOT_STUDY_AFTER = re.compile(
    r"\s*(?:ago|later|earlier|late|behind|early|left|away|off|of\s+(?:sleep|driving|travel|flights?|my\s+day|"
    r"commut\w*|delay|sleep)|a\s+(?:day|week|night|month)|per\s+(?:day|week|month)|/\s*(?:day|week|wk|d)|"
    r"(?:each|every)\s+(?:day|week)|to\s+go|drive|flight|flying|long\s+flight|in\s+a\s+day|sleep|"
    # what a machine takes: "it takes around 1 minute to load all CG files", "2 hours to compile"
    r"to\s+(?:load|compile|download|upload|boot|sync|execute|render|finish\s+(?:loading|running|downloading)))(?!\w)",
    re.IGNORECASE,
)


# A bound is not an amount: "less then 5 minutes", "under an hour", "within 2 hours", "at most 3h".
# Vague amounts ("a few minutes", "some time", "a couple of hours") carry no number and are not read.
_BOUND_BEFORE = re.compile(
    r"(?:\b(?:less|fewer)\s+th[ae]n|\bunder|\bbelow|\bwithin|\bat\s+most|\bnot\s+even|<)\s*(?:about\s+|around\s+|~\s*)?$",
    re.IGNORECASE,
)

_BOUND_HINT = re.compile(r"less|fewer|under|below|within|most|even|<", re.IGNORECASE)


@dataclass(frozen=True)
class HoursReading:
    """What a text says about hours: the amount (or None) and why it is doubtful, if it is."""

    hours: float | None
    problem: str | None = None


def read_hours(text: str) -> HoursReading:
    """Scan ``text`` once: the hours it states and, for doubtful cases, an explanation."""
    if not text or not _HINT.search(text):
        return HoursReading(None)
    masked = _URL.sub(lambda m: " " * len(m.group(0)), text) if ("/" in text or "www." in text) else text
    found: list[tuple[float, str]] = []
    notes: list[str] = []
    bounds: bool | None = None  # whether a bound's word is anywhere in the text (asked once)
    for m in _amounts(masked):
        if _not_study(masked, m):
            continue
        value, note = _value(m)
        if value is None:
            continue
        written = m.group(0).strip()
        if bounds is None:
            bounds = _BOUND_HINT.search(masked) is not None
        if bounds and (bound := _BOUND_BEFORE.search(masked, max(0, m.start() - 20), m.start())):
            notes.append(f"{masked[bound.start() : m.end()].strip()!r} is a bound, not an amount; hours left empty")
            continue
        if value > MAX_HOURS:
            notes.append(f"{written!r} is more than a week of study in one entry; hours left empty")
            continue
        if value <= 0:
            continue
        if note:
            notes.append(note)
        found.append((round(value, 4), written))
    amounts = sorted({v for v, _ in found})
    if len(amounts) > 1:
        written = ", ".join(repr(w) for _, w in found)
        return HoursReading(None, f"mentions several amounts of time ({written}); hours left empty")
    if amounts:
        return HoursReading(amounts[0], notes[0] if notes else None)
    return HoursReading(None, notes[0] if notes else None)


def _amounts(text: str):
    """The amounts in ``text``, trying the big pattern only where a number or number word starts."""
    done = 0
    for start in _START.finditer(text):
        if start.start() < done:
            continue
        m = _AMOUNT.match(text, start.start())
        if m:
            done = m.end()
            yield m


def find_hours(text: str) -> float | None:
    """The hours of study ``text`` states, or None when it states none or it is undecidable."""
    return read_hours(text).hours


def hours_problem(text: str) -> str | None:
    """Why the hours in ``text`` are doubtful (a range, several amounts, more than a week), for
    the import report; None when there is nothing to say."""
    return read_hours(text).problem


def _not_study(text: str, m: re.Match[str]) -> bool:
    """Time lost, slept or travelled, a rate, or a time ago: not hours of study."""
    before = [w for w in text[max(0, m.start() - 30) : m.start()].lower().split() if w not in _APPROX]
    if before and before[-1].strip("(,;:") in _NOT_STUDY_BEFORE:
        return True
    return _NOT_STUDY_AFTER.match(text, m.end()) is not None


def _number(raw: str) -> float | None:
    raw = raw.strip()
    if "," in raw and _THOUSANDS.fullmatch(raw):
        return None  # thousands ("80,000 hours"): a count, not time studied
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


def _value(m: re.Match[str]) -> tuple[float | None, str | None]:
    group = m.group
    if group("n") is not None:
        if group("k"):
            return None, None  # "80k hours"
        value = _number(group("n"))
        if value is None:
            return None, None
        return (value / 60 if group("u")[:1] in "mM" else value), None
    if group("ch") is not None:
        hours = _number(group("ch"))
        return (None, None) if hours is None else (hours + int(group("cm")) / 60, None)
    if group("hh") is not None:
        return int(group("hh")) + int(group("hm")) / 60, None
    if group("lo") is not None:
        lo, hi = _number(group("lo")), _number(group("hi"))
        if lo is None or hi is None or hi <= lo:
            return None, None
        mid = (lo + hi) / 2 / (60 if group("ru")[:1] in "mM" else 1)
        return mid, f"{m.group(0).strip()!r} is a range; read as its midpoint, {mid:g}h"
    if group("clh") is not None:
        return int(group("clh")) + int(group("clm")) / 60, None
    if group("half"):
        return 0.5, None
    word = group("w").lower()
    minutes = group("wu")[:1] in "mM"
    if word in ("a", "an") and minutes and not group("wh") and not group("wh2"):
        return None, None  # "wait a minute", "took a minute to see it"
    count = _WORDS[word] + (0.5 if group("wh") or group("wh2") else 0)
    return (count / 60 if minutes else float(count)), None


_LABELLED = re.compile(
    r"^[*_ \t]*(?:hours?(?:[ \t]+(?:spent|studied|worked|today|logged))?|time(?:[ \t]+(?:spent|studied|worked|today|"
    r"taken|logged))?|total(?:[ \t]+(?:time|hours))?|duration|study[ \t]+time)[*_ \t]*:[*_ \t]*(?P<value>.+?)[*_ \t]*$",
    re.IGNORECASE,
)
_BARE_AMOUNT = re.compile(
    r"^(?:(?:about|around|approx\.?|approximately|roughly|nearly|almost|~)[ \t]*)?(?P<n>\d{1,3}(?:[.,]\d+)?)$",
    re.IGNORECASE,
)


def labelled_hours(line: str) -> HoursReading | None:
    """A line that only labels the hours of its section (``hours: about 2``, ``time spent: 1h30``,
    ``**Time:** 45 min``): what it says, or None when the line is not such a label (then it is
    text like any other). A bare number after an hours label is hours."""
    if ":" not in line or len(line) > 80:
        return None
    m = _LABELLED.match(line)
    if m is None:
        return None
    value = m.group("value")
    bare = _BARE_AMOUNT.match(value)
    if bare is not None and m.group(0).lstrip("*_ \t")[:1].lower() == "h":  # "hours: 2"
        hours = _number(bare.group("n"))
        return HoursReading(hours) if hours is not None and 0 < hours <= MAX_HOURS else None
    reading = read_hours(value)
    return reading if reading.hours is not None else None
