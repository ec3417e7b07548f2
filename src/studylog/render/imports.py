"""The report every import ends with. What it quotes from the file read (texts, items, problems)
and its path are shown safely (``render.safe``)."""

from __future__ import annotations

from studylog.hours import format_hours
from studylog.imported import Problem, Tally
from studylog.render.lines import Block, Cell, Column, Line, grid, sentence
from studylog.render.safe import visible
from studylog.render.wrap import Flow
from studylog.store.imports import ImportSummary

SHOWN = 30  # problems and links listed in full; --json has all of them
NARROW = 80  # below this, one space between columns rather than two


def _said(value: str, width: int, style: str = "", whole: str = "") -> list[Line]:
    """A sentence wrapped to ``width``; ``whole`` (a path in it) is never split."""
    if not whole or whole not in value:
        return sentence([(value, style, False)], width)
    before, after = value.split(whole, 1)
    return sentence([(before, style, False), (whole, style, True), (after, style, False)], width)


def _table(rows: list[list[Cell | Block]], columns: list[Column], width: int) -> list[Line]:
    return grid(rows, columns, width, gap=2 if width >= NARROW else 1)


def _more(left: int, width: int, what: str = "") -> list[Line]:
    return sentence([(f"… and {left} more{what} (--json lists them all)", "dim", False)], width)


def _head(*names: str) -> list[Cell | Block]:
    return [(name, "bold") for name in names]


def _text(value: str, links: bool) -> Flow:
    """A line quoted from the file, as one paragraph (its markdown rendered, wrapped)."""
    return Flow(" ".join(value.split()), links=links)


def render_import(
    summary: ImportSummary,
    problems: list[Problem],
    dry_run: bool,
    source: str,
    reading: str | None = None,
    tally: Tally | None = None,
    width: int = 80,
    links: bool = False,
) -> list[Line]:
    """``reading``: the first line when ``import PATH`` chose the format ("Reading PATH as ...");
    ``tally``: the sections read, for the line of counts under the summary. Laid out in
    ``width`` columns: line numbers, items, statuses, days and hours are never cut; the texts
    quoted and the problems wrap (docs/layout.md). ``links``: see render.inline."""
    verb = "Would import" if dry_run else "Imported"
    shown = visible(source)
    head = (
        f"{verb} {summary.added} of {summary.entries} entries from {shown}"
        f" ({summary.already} already imported, {summary.matched} already stored"
        f"{f', {len(summary.conflicts)} with other hours' if summary.conflicts else ''}): {summary.days} days, "
        f"{format_hours(summary.hours) or '0h'}, {len(summary.linked)} linked to curriculum items"
    )
    lines: list[Line] = _said(visible(reading), width, whole=shown) if reading else []
    lines += _said(head, width, "bold", shown)
    if tally is not None:
        lines += _said(counts(tally, problems), width)
    if summary.statuses:
        rows: list[list[Cell | Block]] = [_head("line", "item", "status", "date")]
        rows += [[str(st.line), visible(st.item), st.status, st.day.isoformat()] for st in summary.statuses[:SHOWN]]
        would = "Would set" if dry_run else "Set"
        lines += _said(f"{would} item status from the log (--no-status turns this off):", width)
        lines += _table(
            rows, [Column(justify="right", min_width=4), Column(min_width=12, style="cyan"), Column(), Column()], width
        )
        if len(summary.statuses) > SHOWN:
            lines += _more(len(summary.statuses) - SHOWN, width)
    if summary.conflicts:
        rows = [_head("line", "day", "hours", "text")]
        for c in summary.conflicts[:SHOWN]:
            figures = f"{format_hours(c.hours) or '-'} (stored {format_hours(c.stored_hours) or '-'})"
            rows.append([str(c.line), c.day.isoformat(), figures, _text(c.text, links)])
        lines += _said("Not added: already stored for that day with other hours (fix one of them by hand):", width)
        lines += _table(
            rows, [Column(justify="right", min_width=4), Column(), Column(), Column(wrap=True, min_width=16)], width
        )
        if len(summary.conflicts) > SHOWN:
            lines += _more(len(summary.conflicts) - SHOWN, width)
    if summary.linked:
        rows = [_head("line", "item", "text")]
        for index, (line, _item, text) in enumerate(summary.linked[:SHOWN]):
            rows.append([str(line), visible(", ".join(summary.linked.items(index))), _text(text, links)])
        lines += _said("Linked (check these; --no-link turns linking off):", width)
        lines += _table(
            rows,
            [Column(justify="right", min_width=4), Column(min_width=12, style="cyan"), Column(wrap=True, min_width=16)],
            width,
        )
        if len(summary.linked) > SHOWN:
            lines += _more(len(summary.linked) - SHOWN, width, " linked")
    if problems:
        rows = [_head("line", "", "problem")]
        rows += [[str(p.line), p.level, visible(p.message)] for p in problems[:SHOWN]]
        lines += _said("Skipped or doubtful lines:", width)
        lines += _table(rows, [Column(justify="right"), Column(), Column(wrap=True, min_width=16)], width)
        if len(problems) > SHOWN:
            lines += _more(len(problems) - SHOWN, width)
    return lines


REASONS_SHOWN = 4


def counts(tally: Tally, problems: list[Problem]) -> str:
    """ "Found 93 dated sections; skipped 50 lines: 48 nothing is written under this date, 2 …;
    3 doubtful (imported, listed below)"."""
    found = f"Found {tally.sections} dated section{'' if tally.sections == 1 else 's'}"
    skipped = Tally.skipped(problems)
    if skipped:
        total = sum(skipped.values())
        shown = [f"{n} {why}" for why, n in list(skipped.items())[:REASONS_SHOWN]]
        rest = sum(list(skipped.values())[REASONS_SHOWN:])
        if rest:
            shown.append(f"{rest} for other reasons")
        found += f"; skipped {total} line{'' if total == 1 else 's'}: " + ", ".join(shown)
    else:
        found += "; skipped no lines"
    doubtful = sum(p.level == "doubtful" for p in problems)
    if doubtful:
        found += f"; {doubtful} doubtful (imported, listed below)"
    return found
