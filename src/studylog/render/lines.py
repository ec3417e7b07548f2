"""Styled lines and a small column layout: how ``today``, ``day`` and ``week`` are drawn.

A line is a list of spans, ``(text, style)``. The layout (column widths, wrapping, padding) is
decided here once; the same characters are then written as plain text (a pipe, a file), with ANSI
styles on a terminal, or handed to rich for ``--svg``/``--html`` (``to_rich``). Nothing here
imports rich: these are the views a learner runs all day, and rich's import and table layout cost
more than the query behind them (see docs/performance.md).

Styles are a space-separated subset of rich's names: bold, dim, underline, green, yellow, cyan;
and ``link=URL``, a hyperlink (OSC 8 on a terminal, a link in SVG/HTML).

Wrapping (``flow``, ``wrap``) breaks at spaces, folds a word too long for a line, and never
splits a URL: one longer than the line goes on a line of its own. ``grid`` lays out columns
that wrap, grow (bars), shrink and drop in a stated order (``widths``); no line ends in a space.
``keyed`` lays out rows led by a reference (``items``, ``curricula show``) as ``grid`` does, or,
when the references are too long for the screen, each on a line of its own above its row;
``Stack`` puts cells one under the other in a column (a title and its URL).

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


def looks_like_url(word: str) -> bool:
    """Whether a word is (or holds) a URL, which wrapping never splits."""
    return "://" in word or word.startswith("www.")


Word = tuple[list[Span], bool]  # its spans (no spaces in them), and whether it must stay whole (a URL)


def words(spans: Iterable[tuple[str, str, bool]]) -> list[Word]:
    """Styled text, ``(text, style, solid)``, as the words between its spaces; two spaces in a
    row leave an empty word (kept as two spaces when the words share a line)."""
    out: list[Word] = [([], False)]
    for value, style, solid in spans:
        for k, part in enumerate(value.split(" ")):
            if k:
                out.append(([], False))
            if part:
                out[-1][0].append((part, style))
                if solid:
                    out[-1] = (out[-1][0], True)
    return out


def _spans_width(spans: Sequence[Span]) -> int:
    return sum(cell_width(t) for t, _ in spans)


def _fold(spans: list[Span], cells: int) -> tuple[list[Span], list[Span]]:
    """A word's spans split after at most ``cells`` cells (at least one character)."""
    head: list[Span] = []
    for k, (value, style) in enumerate(spans):
        w = cell_width(value)
        if w <= cells:
            head.append((value, style))
            cells -= w
            continue
        if cells > 0 or not head:
            a, b = _cut(value, max(cells, 1))
            head.append((a, style))
            return head, [(b, style), *spans[k + 1 :]] if b else spans[k + 1 :]
        return head, spans[k:]
    return head, []


def flow(items: Sequence[Word], width: int, first: Line | None = None, hang: int = 0) -> list[Line]:
    """Words laid out greedily in ``width`` cells: the first line starts with ``first`` (a
    bullet, say), the others with ``hang`` spaces (a hanging indent). A word too long for a line
    is folded, unless it may not be split (a URL): that one goes on a line of its own, however
    long it is."""
    width = max(width, 1)
    indent: Line = [(" " * hang, "")] if hang else []
    lines: list[Line] = []
    line: Line = list(first or [])
    used = _spans_width(line)
    bare = True  # nothing but the lead (or the hanging indent) on the line yet
    gap = 0
    for spans, solid in items:
        if not spans:
            gap += 1
            continue
        w = _spans_width(spans)
        sep = 0 if bare else gap
        gap = 1
        if not bare and used + sep + w > width:
            lines.append(line)
            line, used, bare, sep = list(indent), hang, True, 0
        while bare and not solid and used + w > width and width > used:
            head, spans = _fold(spans, width - used)
            lines.append(line + head)
            line, used = list(indent), hang
            w = _spans_width(spans)
        if spans:
            line += [(" " * sep, ""), *spans] if sep else spans
            used += sep + w
            bare = False
    lines.append(line)
    return [trim(x) for x in lines]


def wrapped(line: Line, width: int, hang: int = 0) -> list[Line]:
    """A styled line wrapped to ``width`` (a title on a narrow screen), the lines after the first
    indented by ``hang``."""
    if _spans_width(line) <= width:
        return [trim(line)]
    return flow(words((t, s, looks_like_url(t)) for t, s in line), width, hang=hang)


def wrap(text: str, cells: int) -> list[str]:
    """Greedy word wrap to ``cells`` cells; words longer than a line are folded, except URLs,
    which go on a line of their own."""
    if cell_width(text) <= max(cells, 1):
        return [text]
    items = [([(w, "")] if w else [], looks_like_url(w)) for w in text.split(" ")]
    return ["".join(t for t, _ in line) for line in flow(items, cells)]


class Column:
    """How one column of a ``grid`` is laid out.

    - ``wrap``: long text folds over several lines (the flexible column); it gives up width first,
      down to ``min_width`` (10 cells when not given).
    - ``max_width``: longer text is cut with an ellipsis (for names, never for figures).
    - ``grow``: the column takes the width that is left over, up to ``max_width`` (a bar); its
      cells are blocks that draw themselves at any width.
    - ``drop``: when the columns still do not fit, the columns with a ``drop`` rank are left out,
      the lowest rank first, until they fit. Columns without one are always shown.
    """

    __slots__ = ("drop", "grow", "justify", "max_width", "min_width", "style", "wrap")

    def __init__(
        self,
        justify: str = "left",
        wrap: bool = False,
        min_width: int = 0,
        max_width: int | None = None,
        style: str = "",
        grow: bool = False,
        drop: int | None = None,
    ) -> None:
        self.justify = justify  # "left" or "right"
        self.wrap = wrap
        self.min_width = min_width
        self.max_width = max_width
        self.style = style  # for cells given as plain strings
        self.grow = grow
        self.drop = drop


class Block:
    """A cell that lays itself out at a given width (wrapped text, a bar): ``natural`` is the
    width it would take on one line, ``lines`` draws it in ``width`` cells."""

    def natural(self) -> int:
        raise NotImplementedError

    def lines(self, width: int) -> list[Line]:
        raise NotImplementedError


class _Text(Block):
    """A plain cell (a string, or a span; a newline starts another line in it)."""

    def __init__(self, cell: str | Span, column: Column) -> None:
        value, style = (cell, column.style) if isinstance(cell, str) else cell
        self.parts = [visible(part) for part in value.split("\n")]
        self.style = style
        self.column = column

    def natural(self) -> int:
        return max(cell_width(p) for p in self.parts)

    def lines(self, width: int) -> list[Line]:
        out: list[Line] = []
        for part in self.parts:
            if self.column.wrap:
                out += [[(p, self.style)] for p in wrap(part, width)]
            elif self.column.max_width is not None:
                out.append([(truncate(part, width), self.style)])
            else:
                out.append([(part, self.style)])
        return out


_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")


def bar(fraction: float, width: int) -> str:
    """A bar of ``width`` characters at most, in eighths of a character, ``fraction`` of it full;
    anything above zero shows at least a sliver. Not padded."""
    if fraction <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(fraction, 1.0) * width * 8))
    return "█" * (eighths // 8) + _EIGHTHS[eighths % 8]


class Bar(Block):
    """A bar as a cell of a growing column: ``fraction`` of the width the column gets, in
    eighths (``rest`` fills the remainder, e.g. ``░`` for a progress bar, whole characters then)."""

    def __init__(self, fraction: float, style: str = "green", rest: str = "", natural: int = 12) -> None:
        self.fraction = fraction
        self.style = style
        self.rest = rest
        self.width = natural

    def natural(self) -> int:
        return self.width

    def lines(self, width: int) -> list[Line]:
        if not self.rest:
            return [[(bar(self.fraction, width), self.style)]]
        filled = round(min(max(self.fraction, 0.0), 1.0) * width)
        return [[("█" * filled, self.style), (self.rest * (width - filled), "dim")]]


def _block(cell: Cell | Block, column: Column) -> Block:
    return cell if isinstance(cell, Block) else _Text(cell, column)


def widths(
    natural: Sequence[int], columns: Sequence[Column], width: int, gap: int = 1, indent: int = 0
) -> list[int | None]:
    """Each column's width (None: left out) so that the columns fit ``width`` where they can:
    natural widths (within ``min_width``/``max_width``); the wrapping columns give up what is too
    much, down to their ``min_width`` (10 when not given); then columns are dropped, lowest
    ``drop`` rank first, and the wrapping columns give up more (down to 10 cells) when that is
    not enough, or take back what it frees; what is left over
    goes to the growing columns, up to their ``max_width``."""
    sizes: list[int | None] = []
    for n, col in zip(natural, columns, strict=True):
        size = col.min_width if col.grow else n
        if col.max_width is not None:
            size = min(size, col.max_width)
        sizes.append(max(size, col.min_width))

    def excess() -> int:
        shown = [s for s in sizes if s is not None]
        return indent + sum(shown) + gap * (len(shown) - 1) - width

    for i, col in enumerate(columns):
        now = sizes[i]
        if col.wrap and now is not None and excess() > 0:
            sizes[i] = now - min(excess(), max(now - (col.min_width or 10), 0))
    for i in sorted((i for i, c in enumerate(columns) if c.drop is not None), key=lambda i: columns[i].drop or 0):
        if excess() <= 0:
            break
        sizes[i] = None
    for i, col in enumerate(columns):  # still too wide: the wrapping columns go down to 10 cells
        now = sizes[i]
        if col.wrap and now is not None and excess() > 0:
            sizes[i] = now - min(excess(), max(now - min(col.min_width or 10, 10), 0))
    for i, col in enumerate(columns):  # a column dropped may leave room the wrapping ones gave up
        now = sizes[i]
        if col.wrap and now is not None and excess() < 0:
            sizes[i] = min(now - excess(), max(natural[i], now))
    for i, col in enumerate(columns):
        now = sizes[i]
        if col.grow and now is not None and excess() < 0:
            room = -excess() if col.max_width is None else min(-excess(), col.max_width - now)
            sizes[i] = now + max(room, 0)
    return sizes


def grid(
    rows: Sequence[Sequence[Cell | Block]], columns: Sequence[Column], width: int, gap: int = 1, indent: int = 0
) -> list[Line]:
    """Rows of cells as aligned lines no wider than ``width`` where the columns allow (see
    ``widths`` for who gives way, and in what order); no line ends with a space."""
    if not rows:
        return []
    cells = [[_block(cell, col) for cell, col in zip(row, columns, strict=True)] for row in rows]
    natural = [max(row[i].natural() for row in cells) for i in range(len(columns))]
    sizes = widths(natural, columns, width, gap, indent)
    return [line for row in cells for line in _draw(row, columns, sizes, gap, indent)]


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


def _link(style: str) -> str | None:
    for name in style.split():
        if name.startswith("link="):
            return name[5:]
    return None


def ansi(lines: Iterable[Line], colour: bool = True) -> str:
    """With ANSI SGR styles (``colour=False`` keeps bold, dim and underline only, as NO_COLOR
    asks); spans styled ``link=URL`` become OSC 8 hyperlinks."""
    out = []
    for line in lines:
        parts = []
        for value, style in line:
            value = visible(value)
            codes = [_SGR[s] for s in style.split() if s in _SGR and (colour or s not in _COLOURS)]
            drawn = f"\x1b[{';'.join(codes)}m{value}\x1b[0m" if codes and value.strip() else value
            url = _link(style)
            if url is not None and url.isprintable():
                drawn = f"\x1b]8;;{url}\x1b\\{drawn}\x1b]8;;\x1b\\"
            parts.append(drawn)
        out.append("".join(parts) + "\n")
    return "".join(out)


def to_rich(lines: Iterable[Line]):
    """The same lines as one rich renderable (for ``--svg``/``--html``, and Windows consoles)."""
    from rich.console import Group
    from rich.style import Style
    from rich.text import Text

    def style(names: str) -> Style:
        url = _link(names)
        rest = " ".join(n for n in names.split() if not n.startswith("link="))
        return Style.parse(rest or "none") + Style(link=url) if url else Style.parse(rest or "none")

    return Group(*(Text.assemble(*((visible(t), style(s)) for t, s in line)) for line in lines))


class Stack(Block):
    """Cells drawn one under the other in the same column (a title, and the URL or a line of
    readings under it): as wide as the widest, each laid out at the column's width."""

    def __init__(self, *parts: Block) -> None:
        self.parts = parts

    def natural(self) -> int:
        return max((part.natural() for part in self.parts), default=0)

    def lines(self, width: int) -> list[Line]:
        return [line for part in self.parts for line in part.lines(width)]


def _fits(sizes: Sequence[int | None], columns: Sequence[Column], width: int, gap: int) -> bool:
    """Whether the columns fit ``width``, no wrapping column left narrower than the first (the keys)."""
    shown = [s for s in sizes if s is not None]
    key = sizes[0] or 0
    squeezed = any(c.wrap and s is not None and s < key for s, c in zip(sizes, columns, strict=True))
    return not squeezed and sum(shown) + gap * (len(shown) - 1) <= width


def _draw(
    row: Sequence[Block], columns: Sequence[Column], sizes: Sequence[int | None], gap: int, indent: int
) -> list[Line]:
    """One row's lines in the column widths ``sizes`` (``grid`` and ``keyed`` draw every row so)."""
    drawn = [(cell.lines(w), col, w) for cell, col, w in zip(row, columns, sizes, strict=True) if w is not None]
    lines: list[Line] = []
    for n in range(max((len(parts) for parts, *_ in drawn), default=0)):
        line: Line = [(" " * indent, "")] if indent else []
        for k, (parts, col, w) in enumerate(drawn):
            part = parts[n] if n < len(parts) else []
            pad = " " * max(w - sum(cell_width(t) for t, _ in part), 0)
            if k:
                line.append((" " * gap, ""))
            line += [(pad, ""), *part] if col.justify == "right" else [*part, (pad, "")]
        lines.append(trim(line))
    return lines


def keyed(
    rows: Sequence[Sequence[Cell | Block]], columns: Sequence[Column], width: int, gap: int = 1, hang: int = 2
) -> list[Line]:
    """Rows whose first cell is a key (a reference, never cut), laid out as ``grid`` lays them
    out when they fit ``width``. When they do not (keys as long as ``reading/direct-preference-
    optimization`` on a narrow screen), each key goes on a line of its own and the rest of its
    row under it, ``hang`` cells in, the columns laid out (and dropped) without the key's. They
    do not fit when they are wider than ``width`` after the columns that may go are left out,
    or when a wrapping column (the titles) is left narrower than the keys beside it."""
    if not rows:
        return []
    cells = [[_block(cell, col) for cell, col in zip(row, columns, strict=True)] for row in rows]
    natural = [max(row[i].natural() for row in cells) for i in range(len(columns))]
    sizes = widths(natural, columns, width, gap)
    if _fits(sizes, columns, width, gap):
        return [line for row in cells for line in _draw(row, columns, sizes, gap, 0)]
    rest = columns[1:]
    sizes = widths(natural[1:], rest, width, gap, hang)
    lines: list[Line] = []
    for row in cells:
        key = row[0].lines(max(natural[0], 1))
        if any(key):
            lines += [trim(line) for line in key]
        lines += _draw(row[1:], rest, sizes, gap, hang)
    return lines


def sentence(parts: Iterable[tuple[str, str, bool]], width: int) -> list[Line]:
    """A sentence of ``(text, style, whole)`` parts wrapped to ``width`` at spaces; a ``whole``
    part (a path, a URL, a reference) is never split: one longer than a line has a line of its own."""
    return flow(words((visible(t), s, whole) for t, s, whole in parts), width)
