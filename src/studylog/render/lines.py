"""Styled lines and a small column layout: how ``today``, ``day`` and ``week`` are drawn.

A line is a list of spans, ``(text, style)``. The layout (column widths, wrapping, padding) is
decided here once; the same characters are then written as plain text (a pipe, a file), with ANSI
styles on a terminal, or handed to rich for ``--svg``/``--html`` (``to_rich``). Nothing here
imports rich: these are the views a learner runs all day, and rich's import and table layout cost
more than the query behind them (see docs/performance.md).

Styles are a space-separated subset of rich's names: bold, dim, underline, green, yellow, cyan.

Every text is made safe to show (``render.safe.visible``) as it enters a line, before its width
is counted, and again as the lines are written, whoever built them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from studylog.render.safe import visible

Span = tuple[str, str]
Line = list[Span]
Cell = str | Span

ELLIPSIS = "…"
_SGR = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}
_COLOURS = {"red", "green", "yellow", "blue", "magenta", "cyan"}


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    from unicodedata import combining, east_asian_width

    return sum(0 if combining(c) else 2 if east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, cells: int) -> tuple[str, str]:
    """``text`` split after at most ``cells`` cells (at least one character)."""
    if text.isascii():
        return text[:cells], text[cells:]
    used = 0
    for i, c in enumerate(text):
        used += cell_width(c)
        if used > cells and i:
            return text[:i], text[i:]
    return text, ""


def truncate(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` cells, ending with an ellipsis when it was cut."""
    if cell_width(text) <= cells:
        return text
    return _cut(text, max(cells - 1, 0))[0] + ELLIPSIS


def wrap(text: str, cells: int) -> list[str]:
    """Greedy word wrap to ``cells`` cells; words longer than a line are folded."""
    cells = max(cells, 1)
    if cell_width(text) <= cells:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if cell_width(candidate) <= cells:
            current = candidate
            continue
        if current:
            lines.append(current)
        while cell_width(word) > cells:
            head, word = _cut(word, cells)
            lines.append(head)
        current = word
    lines.append(current)
    return lines


class Column:
    """How one column of a ``grid`` is laid out."""

    __slots__ = ("justify", "max_width", "min_width", "style", "wrap")

    def __init__(
        self,
        justify: str = "left",
        wrap: bool = False,
        min_width: int = 0,
        max_width: int | None = None,
        style: str = "",
    ) -> None:
        self.justify = justify  # "left" or "right"
        self.wrap = wrap  # long text folds over several lines (the flexible column)
        self.min_width = min_width
        self.max_width = max_width  # longer text is cut with an ellipsis
        self.style = style  # for cells given as plain strings


def _span(cell: Cell, column: Column) -> Span:
    return (visible(cell), column.style) if isinstance(cell, str) else (visible(cell[0]), cell[1])


def grid(
    rows: Sequence[Sequence[Cell]], columns: Sequence[Column], width: int, gap: int = 1, indent: int = 0
) -> list[Line]:
    """Rows of cells as aligned lines no wider than ``width`` where the wrapping columns allow:
    columns take their natural width, then the wrapping columns give up what is too much."""
    if not rows:
        return []
    spans = [[_span(cell, col) for cell, col in zip(row, columns, strict=True)] for row in rows]
    widths = []
    for i, col in enumerate(columns):
        natural = max(cell_width(row[i][0]) for row in spans)
        if col.max_width is not None:
            natural = min(natural, col.max_width)
        widths.append(max(natural, col.min_width))
    excess = indent + sum(widths) + gap * (len(columns) - 1) - width
    for i, col in enumerate(columns):
        if excess > 0 and col.wrap:
            give = min(excess, max(widths[i] - 10, 0))
            widths[i] -= give
            excess -= give
    lines: list[Line] = []
    for row in spans:
        cells = []
        for (text, style), col, w in zip(row, columns, widths, strict=True):
            parts = wrap(text, w) if col.wrap else [truncate(text, w) if col.max_width is not None else text]
            cells.append((parts, style, col, w))
        height = max(len(parts) for parts, *_ in cells)
        for n in range(height):
            line: Line = [(" " * indent, "")] if indent else []
            for k, (parts, style, col, w) in enumerate(cells):
                text = parts[n] if n < len(parts) else ""
                pad = " " * max(w - cell_width(text), 0)
                if k:
                    line.append((" " * gap, ""))
                if col.justify == "right":
                    line += [(pad, ""), (text, style)]
                else:
                    line += [(text, style), (pad, "")]
            lines.append(trim(line))
    return lines


def trim(line: Line) -> Line:
    """``line`` without trailing spaces (unstyled padding, or spaces at the end of any span)."""
    out = [span for span in line if span[0]]
    while out and not out[-1][0].rstrip(" "):
        out.pop()
    if out:
        text, style = out[-1]
        out[-1] = (text.rstrip(" "), style)
    return out


def text(value: str, style: str = "") -> Line:
    return trim([(visible(value), style)])


def plain(lines: Iterable[Line]) -> str:
    """The characters, without styles."""
    return "".join("".join(visible(t) for t, _ in line) + "\n" for line in lines)


def ansi(lines: Iterable[Line], colour: bool = True) -> str:
    """With ANSI SGR styles (``colour=False`` keeps bold, dim and underline only, as NO_COLOR
    asks)."""
    out = []
    for line in lines:
        parts = []
        for value, style in line:
            value = visible(value)
            codes = [_SGR[s] for s in style.split() if s in _SGR and (colour or s not in _COLOURS)]
            parts.append(f"\x1b[{';'.join(codes)}m{value}\x1b[0m" if codes and value.strip() else value)
        out.append("".join(parts) + "\n")
    return "".join(out)


def to_rich(lines: Iterable[Line]):
    """The same lines as one rich renderable (for ``--svg``/``--html``, and Windows consoles)."""
    from rich.console import Group
    from rich.text import Text

    return Group(*(Text.assemble(*((visible(t), s or "") for t, s in line)) for line in lines))
