"""``studylog search`` for people, laid out as the log is (``render.log``): date, id, kind, text,
hours and items in ``width`` columns, the matching notes under the text with their depth, and
the titles of the items matched by title. Texts wrap at word boundaries (URLs never split), with
their inline markdown rendered (``render.inline``); the words found are highlighted in what is
shown (bold yellow on a terminal, bold with NO_COLOR, plain text when piped:
``cli.output.Output.lines`` decides). Too narrow a screen leaves out the items, as the log does.
Texts are shown safely (``render.safe``): on a shared store other learners wrote them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from studylog.hours import format_hours
from studylog.render.inline import Piece, blocks, pieces
from studylog.render.lines import Block, Cell, Column, Line, flow, grid, trim, words
from studylog.render.safe import visible
from studylog.render.wrap import Flow
from studylog.search_query import Query, spans
from studylog.store.search import SearchHit

MARK = "bold yellow"
NARROW = 80  # below this, one space between columns rather than two


def marked(text: str, found: Sequence[tuple[int, int]], style: str = "") -> Line:
    """``text`` as spans, the ranges ``found`` in the highlight style."""
    line: Line = []
    at = 0
    for start, end in found:
        if start > at:
            line.append((visible(text[at:start]), style))
        line.append((visible(text[start:end]), MARK))
        at = end
    if at < len(text):
        line.append((visible(text[at:]), style))
    return line


def _highlighted(piece: Piece, query: Query) -> list[tuple[str, str, bool]]:
    """A piece of rendered text with the query's words in it highlighted (a link stays one)."""
    link = " ".join(n for n in piece.style.split() if n == "underline" or n.startswith("link="))
    mark = f"{MARK} {link}".strip()
    return [
        (t, mark if s == MARK else s, piece.solid) for t, s in marked(piece.text, spans(query, piece.text), piece.style)
    ]


class Marked(Flow):
    """A ``Flow`` (wrapped, markdown rendered, fenced code kept) whose words found by ``query``
    are highlighted where they show: in a link's text, not in the markdown around it. ``lead``
    (an item's reference) starts the first line and is never split."""

    def __init__(
        self, text: str, query: Query, style: str = "", bullet: str = "", links: bool = False, lead: str = ""
    ) -> None:
        super().__init__("", style, bullet, links)
        self.parts = []
        for kind, lines in blocks(text):
            for line in lines:
                if kind == "code":
                    self.parts.append(visible(line))
                else:
                    found = [part for p in pieces(line, style, links) for part in _highlighted(p, query)]
                    if lead and not self.parts:  # the reference, whole, before the first line
                        found = [(t, s, True) for t, s in marked(lead, spans(query, lead), style)] + found
                    self.parts.append(words(found))


def _columns() -> list[Column]:
    return [
        Column(min_width=10, style="dim"),
        Column(justify="right", min_width=2),
        Column(min_width=4, style="dim"),
        Column(wrap=True, min_width=16),
        Column(justify="right"),
        Column(style="cyan", drop=1),
    ]


def render_search(
    hits: Sequence[SearchHit],
    query: Query,
    titles: Mapping[str, str] | None = None,
    limit: int | None = None,
    width: int = 80,
    links: bool = False,
) -> list[Line]:
    """The hits, best first, in ``width`` columns; ``titles`` are
    the titles of the items matched by title, shown with their words highlighted; ``limit``
    says when there may be more. ``links``: see render.inline."""
    if not hits:
        return [[("No entries match.", "dim")]]
    titles = titles or {}
    rows: list[list[Cell | Block]] = [
        [("date", "bold"), ("id", "bold"), "", ("text", "bold"), ("hours", "bold"), ("item", "bold")]
    ]
    for h in hits:
        label = h.text
        if h.period:
            label += f"  ({h.period[0]:%d %b}–{h.period[1]:%d %b})"
        rows.append(
            [
                h.day.isoformat(),
                f"#{h.id}",
                h.kind,
                Marked(label, query, links=links),
                format_hours(h.hours),
                ", ".join(h.items),
            ]
        )
        for index, _ in h.note_spans:
            n = h.notes[index]
            rows.append(["", "", "", Marked(n.text, query, "dim", "  " * (n.depth + 1) + "- ", links), "", ""])
        for ref in h.matched_items:
            title = titles.get(ref)
            if title:
                rows.append(["", "", "", Marked(" " + title, query, "dim", "  ", links, lead=f"{ref}:"), "", ""])
    lines = grid(rows, _columns(), width, gap=2 if width >= NARROW else 1)
    if limit and len(hits) >= limit:
        note = f"The best {limit} shown; --limit N shows more (0: all)."
        lines += flow(words([(note, "dim", False)]), width)
    return [trim(line) for line in lines]
