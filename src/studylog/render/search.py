"""``studylog search`` for people: one entry a line (day, id, kind, text, hours, items), its
matching notes under it, the words found highlighted (bold yellow on a terminal, bold with
NO_COLOR, plain text when piped: ``cli.output.Output.lines`` decides). Texts are shown safely
(``render.safe``): on a shared store other learners wrote them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from studylog.hours import format_hours
from studylog.render.lines import Line, trim
from studylog.render.safe import visible
from studylog.search_query import Query, spans
from studylog.store.search import SearchHit

MARK = "bold yellow"


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


def render_search(
    hits: Sequence[SearchHit], query: Query, titles: Mapping[str, str] | None = None, limit: int | None = None
) -> list[Line]:
    """The hits, best first; ``titles`` are the titles of the items matched by title, shown with
    their words highlighted; ``limit`` says when there may be more."""
    if not hits:
        return [[("No entries match.", "dim")]]
    titles = titles or {}
    lines: list[Line] = []
    for h in hits:
        line: Line = [(h.day.isoformat(), "dim"), ("  ", ""), (f"#{h.id}", ""), ("  ", ""), (h.kind, "dim"), ("  ", "")]
        line += marked(h.text, h.text_spans)
        if h.period:
            line.append((f"  ({h.period[0]:%d %b}–{h.period[1]:%d %b})", "dim"))
        if h.hours is not None:
            line.append((f"  {format_hours(h.hours)}", ""))
        if h.items:
            line.append(("  " + visible(", ".join(h.items)), "cyan"))
        lines.append(trim(line))
        for index, found in h.note_spans:
            note = h.notes[index]
            lines.append(trim([("      " + "  " * note.depth + "- ", "dim"), *marked(note.text, found, "dim")]))
        for ref in h.matched_items:
            title = titles.get(ref)
            if title:
                lines.append(trim([(f"      {visible(ref)}: ", "dim"), *marked(title, spans(query, title), "dim")]))
    if limit and len(hits) >= limit:
        lines.append([(f"The best {limit} shown; --limit N shows more (0: all).", "dim")])
    return lines
