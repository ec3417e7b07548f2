"""Markdown, a line at a time: what the exporters write and the importers read back.

``escape_line`` puts a backslash in front of a line that a markdown parser would otherwise read as
a block (a heading, a list item, a rule, a quote...), and ``unescape_line`` undoes exactly that, so
text survives a round trip; ``block`` lays out a text of several lines under a list marker.
Shared by ``exporters`` (til, daily notes) and ``importers`` (til, daily notes)."""

from __future__ import annotations

import re

RULE = re.compile(r"^([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # a thematic break (---, ***, ___), once unindented

# Lines a CommonMark parser reads as the start of a block (other than a paragraph).
_BLOCK_START = [
    re.compile(r"^#{1,6}(?:[ \t]|$)"),  # ATX heading
    re.compile(r"^[-+*](?:[ \t]|$)"),  # bullet list item
    RULE,  # thematic break
    re.compile(r"^(?:=+|-+)[ \t]*$"),  # setext heading underline
    re.compile(r"^>"),  # block quote
    re.compile(r"^(?:`{3,}|~{3,})"),  # code fence
    re.compile(r"^\[(?:[^\]\\]|\\.)*(?:\]:|\\?$)"),  # link reference definition (its label may go on)
]
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_HTML = re.compile(r"^<[A-Za-z/!?]")
_AUTOLINK = re.compile(r"^<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")


def escape_line(line: str) -> str:
    """``line`` made safe to start a line of a paragraph: a backslash before the character that
    would make it a heading, list item, rule, quote, fence, HTML block or link definition."""
    if m := _ORDERED.match(line):
        return f"{m.group(1)}\\{line[len(m.group(1)) :]}"
    if _starts_block(line):
        return "\\" + line
    rest = line.lstrip("\\")
    if rest != line and not _ORDERED.match(rest) and _starts_block(rest):
        return "\\" + line  # backslashes of its own before a block start: one more, or unescape drops one
    return line


def _starts_block(line: str) -> bool:
    return any(p.match(line) for p in _BLOCK_START) or (_HTML.match(line) is not None and not _AUTOLINK.match(line))


def unescape_line(line: str) -> str:
    """The text ``escape_line`` turned into ``line`` (``line`` itself if it added nothing)."""
    if line.startswith("\\"):
        candidate = line[1:]
    elif m := re.match(r"^(\d{1,9})\\([.)])", line):
        candidate = m.group(1) + line[len(m.group(1)) + 1 :]
    else:
        return line
    return candidate if escape_line(candidate) == line else line


def block(text: str, first: str, indent: str) -> list[str]:
    """``text`` as lines: the first after ``first`` (a list marker, or nothing), the others indented
    by ``indent``; every line escaped so that it stays text; blank lines inside kept blank (at the
    start and end they are dropped: a list item cannot start with two blank lines)."""
    given = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while len(given) > 1 and not given[-1].strip():
        given.pop()
    while len(given) > 1 and not given[0].strip():
        given.pop(0)
    lines = []
    for n, line in enumerate(given):
        line = escape_line(line.lstrip())
        if n == 0:
            lines.append(first + line)
        else:
            lines.append(indent + line if line else "")
    return lines
