"""The body of one dated section, turned into done entries with nested notes.

A body is read as a flat run of blocks: list items (with their nesting level), paragraphs,
fenced code, HTML lines, sub-headings and rules. Then, for each run between sub-headings/rules:

- if it starts with a list item, every top-level item is one entry and everything under it
  (nested items, continuation paragraphs, fenced code) is its notes;
- otherwise (prose first) it is one entry: the first paragraph is its text and every later block
  is a note.

A paragraph keeps its lines (each stripped of its indentation), joined by newlines. Fenced code
is kept verbatim, fences and inner lines included, as one note, de-indented by the list item it
sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studylog.note import Note

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_ITEM = re.compile(r"^([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
_RULE = re.compile(r"^([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_HTML = re.compile(r"^</?[A-Za-z!][^>]*>?")
# What a template leaves under a date until it is filled in; a block that says only this is not
# written by the learner: "->write your learnings here<-", "<!-- notes -->", "TODO: fill in",
# "...", "(empty)", "TBD". A section with nothing else is reported as empty.
_PLACEHOLDER = re.compile(
    r"^(?:->.*<-|<!--.*-->|<!--|-->|(?:todo|tbd)?\s*:?\s*fill(?:\s+(?:this|it|me))?\s+in\W*|\.{2,}|…|"
    r"[-_*=~]+|\(\s*(?:empty|blank|nothing\s+yet|tbd|todo)\s*\)|\[\s*(?:empty|blank|tbd|todo)\s*\]|tbd|"
    r"\{\{[^{}]*\}\}|<%.*%>)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Block:
    kind: str  # "item", "para", "code", "html", "break" (a sub-heading or a rule)
    depth: int  # item: its nesting level; anything else: the level of the item it is in + 1 (0 outside lists)
    lines: list[str]
    line: int

    @property
    def text(self) -> str:
        if self.kind == "code":
            return "\n".join(self.lines)
        return "\n".join(part for part in (s.strip() for s in self.lines) if part)


@dataclass
class Draft:
    """An entry before it has a date: its text, line and notes."""

    text: str
    line: int
    notes: list[Note] = field(default_factory=list)


def _dedent(line: str, width: int) -> str:
    cut = 0
    seen = 0
    while cut < len(line) and seen < width and line[cut] in " \t":
        seen += 4 - seen % 4 if line[cut] == "\t" else 1
        cut += 1
    return line[cut:]


def blocks(lines: list[tuple[int, str]]) -> list[Block]:
    """Read ``(line number, text)`` pairs into blocks (one pass)."""
    out: list[Block] = []
    stack: list[int] = []  # marker indents of the open list items
    para: Block | None = None
    fence: tuple[str, int, Block] | None = None
    comment: Block | None = None  # an open <!-- ... --> (one html block, however many lines)
    for number, raw in lines:
        if comment is not None:
            comment.lines.append(raw.strip())
            if "-->" in raw:
                comment = None
            continue
        if fence is not None:
            marker, indent, block = fence
            expanded = raw.expandtabs(4)
            body = expanded.lstrip()
            if (
                body.startswith(marker)
                and body.rstrip() == marker[0] * len(body.rstrip())
                and len(body.rstrip()) >= len(marker)
            ):
                block.lines.append(_dedent(raw, indent).rstrip())
                fence = None
            else:
                block.lines.append(_dedent(raw, indent).rstrip())
            continue
        expanded = raw.expandtabs(4)
        stripped = expanded.strip()
        if not stripped:
            para = None
            continue
        indent = len(expanded) - len(expanded.lstrip())
        content = expanded.lstrip()
        if (m := _FENCE.match(content)) and (m.group(1)[0] == "~" or "`" not in content[len(m.group(1)) :]):
            depth = _container(stack, indent)
            block = Block("code", depth, [_dedent(raw, indent).rstrip()], number)
            out.append(block)
            fence = (m.group(1), indent, block)
            para = None
            continue
        if _HEADING.match(content) or (indent < 4 and _RULE.match(content)):
            stack.clear()
            out.append(Block("break", 0, [content.lstrip("#").strip()], number))
            para = None
            continue
        if m := _ITEM.match(content):
            while stack and indent < stack[-1] + 2:
                stack.pop()
            level = len(stack)
            stack.append(indent)
            text = content[m.end() :]
            para = Block("item", level, [text], number)
            out.append(para)
            continue
        if _HTML.match(content):
            out.append(Block("html", _container(stack, indent), [content.rstrip()], number))
            if content.startswith("<!--") and "-->" not in content:
                comment = out[-1]
            para = None
            continue
        if para is not None:
            para.lines.append(content)
            continue
        para = Block("para", _container(stack, indent), [content], number)
        out.append(para)
    return out


def _container(stack: list[int], indent: int) -> int:
    """The depth of a block at ``indent``: inside the deepest open item it is indented under."""
    while stack and indent < stack[-1] + 2:
        stack.pop()
    return len(stack)


def drafts(body: list[Block]) -> list[Draft]:
    """Entries from the blocks of one section (see the module docstring)."""
    out: list[Draft] = []
    run: list[Block] = []
    for block in body:
        if block.kind == "break":
            out += _run(run)
            run = []
        else:
            run.append(block)
    return out + _run(run)


def placeholder(text: str) -> bool:
    """Whether ``text`` is only what a template leaves to be filled in (see ``_PLACEHOLDER``)."""
    return _PLACEHOLDER.match(text.strip()) is not None


def _run(run: list[Block]) -> list[Draft]:
    run = [b for b in run if b.text.strip() and (b.kind == "code" or not placeholder(b.text))]
    if not run:
        return []
    if run[0].kind == "item":
        out: list[Draft] = []
        for block in run:
            if not out or (block.kind == "item" and block.depth == 0):
                out.append(Draft(block.text, block.line))
            else:
                out[-1].notes.append(Note(block.text, max(0, block.depth - 1)))
        return out
    first = Draft(run[0].text, run[0].line)
    first.notes = [Note(b.text, b.depth) for b in run[1:]]
    return [first]
