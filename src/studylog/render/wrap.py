"""A learner's text as a cell that wraps (``Flow``): inline markdown rendered (``render.inline``),
wrapped at word boundaries without ever splitting a URL, a bullet on the first line and a hanging
indent under it, and fenced code kept line by line as an indented block, never wrapped.

A note at depth ``d`` is drawn ``"  " * d + "- "`` and its continuation lines start under its
text (``note``): its depth shows on every line of it.
"""

from __future__ import annotations

from studylog.render.inline import blocks, pieces
from studylog.render.lines import Block, Line, Word, cell_width, flow, trim, words
from studylog.render.safe import visible

CODE_INDENT = 2  # fenced code sits this much further in than the text around it
LONG_URL = 60  # a URL longer than this counts for SHORT_URL cells in its column's width
SHORT_URL = 30


def _counted(spans: list[tuple[str, str]], solid: bool) -> int:
    """A word's share of the width its column asks for. A long URL does not widen the column (it
    would push the hours and items far from every short text): it has a line of its own, on
    which it overflows."""
    used = sum(cell_width(t) for t, _ in spans)
    return SHORT_URL if solid and used > LONG_URL else used


class Flow(Block):
    """``text`` (which may hold markdown and fenced code) in ``style``, after ``bullet`` on its
    first line; the lines after it are indented under the text. ``links``: see render.inline."""

    def __init__(self, text: str, style: str = "", bullet: str = "", links: bool = False) -> None:
        self.style = style
        self.bullet = bullet
        self.hang = cell_width(bullet)
        self.parts: list[list[Word] | str] = []  # a line of words to wrap, or a line of code
        for kind, lines in blocks(text):
            for line in lines:
                if kind == "code":
                    self.parts.append(visible(line))
                else:
                    self.parts.append(words((p.text, p.style, p.solid) for p in pieces(line, style, links)))

    def natural(self) -> int:
        widest = self.hang
        for part in self.parts:
            if isinstance(part, str):
                widest = max(widest, self.hang + CODE_INDENT + cell_width(part))
            else:
                used = sum(_counted(spans, solid) for spans, solid in part) + max(len(part) - 1, 0)
                widest = max(widest, self.hang + used)
        return widest

    def lines(self, width: int) -> list[Line]:
        out: list[Line] = []
        for part in self.parts or [[]]:
            lead: Line = [(self.bullet, self.style)] if not out and self.bullet else []
            if not lead and self.hang:
                lead = [(" " * self.hang, "")]
            if isinstance(part, str):
                out.append(trim([*lead, (" " * CODE_INDENT + part, self.style)]))
            else:
                out += flow(part, width, lead, self.hang)
        return out


def note(text: str, depth: int, style: str = "dim", links: bool = False) -> Flow:
    """A note at ``depth``: its bullet indented two spaces a level, its lines under its text."""
    return Flow(text, style, "  " * depth + "- ", links)
