"""The report every import ends with. What it quotes from the file read (texts, items, problems)
and its path are shown safely (``render.safe``)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from studylog.hours import format_hours
from studylog.imported import Problem, Tally
from studylog.render.safe import visible
from studylog.store.imports import ImportSummary

SHOWN = 30  # problems and links listed in full; --json has all of them


def render_import(
    summary: ImportSummary,
    problems: list[Problem],
    dry_run: bool,
    source: str,
    reading: str | None = None,
    tally: Tally | None = None,
) -> Group:
    """``reading``: the first line when ``import PATH`` chose the format ("Reading PATH as ...");
    ``tally``: the sections read, for the line of counts under the summary."""
    verb = "Would import" if dry_run else "Imported"
    head = Text(
        f"{verb} {summary.added} of {summary.entries} entries from {visible(source)}"
        f" ({summary.already} already imported, {summary.matched} already stored"
        f"{f', {len(summary.conflicts)} with other hours' if summary.conflicts else ''}): {summary.days} days, "
        f"{format_hours(summary.hours) or '0h'}, {len(summary.linked)} linked to curriculum items",
        style="bold",
    )
    parts: list = [Text(visible(reading)), head] if reading else [head]
    if tally is not None:
        parts.append(Text(counts(tally, problems)))
    if summary.statuses:
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("line", justify="right", no_wrap=True, min_width=4)
        table.add_column("item", no_wrap=True, style="cyan", min_width=12)
        table.add_column("status", no_wrap=True)
        table.add_column("date", no_wrap=True)
        for st in summary.statuses[:SHOWN]:
            table.add_row(str(st.line), visible(st.item), st.status, st.day.isoformat())
        would = "Would set" if dry_run else "Set"
        parts += [Text(f"{would} item status from the log (--no-status turns this off):"), table]
        if len(summary.statuses) > SHOWN:
            parts.append(Text(f"… and {len(summary.statuses) - SHOWN} more (--json lists them all)", style="dim"))
    if summary.conflicts:
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("line", justify="right", no_wrap=True, min_width=4)
        table.add_column("day", no_wrap=True)
        table.add_column("hours", no_wrap=True)
        table.add_column("text", ratio=1)
        for c in summary.conflicts[:SHOWN]:
            figures = f"{format_hours(c.hours) or '-'} (stored {format_hours(c.stored_hours) or '-'})"
            table.add_row(
                str(c.line),
                c.day.isoformat(),
                figures,
                Text(visible(" ".join(c.text.split())), no_wrap=True, overflow="ellipsis"),
            )
        parts += [Text("Not added: already stored for that day with other hours (fix one of them by hand):"), table]
        if len(summary.conflicts) > SHOWN:
            parts.append(Text(f"… and {len(summary.conflicts) - SHOWN} more (--json lists them all)", style="dim"))
    if summary.linked:
        table = Table(box=None, pad_edge=False, header_style="bold", title=None)
        table.add_column("line", justify="right", no_wrap=True, min_width=4)
        table.add_column("item", no_wrap=True, style="cyan", min_width=12)
        table.add_column("text", ratio=1)
        for index, (line, _item, text) in enumerate(summary.linked[:SHOWN]):
            items = visible(", ".join(summary.linked.items(index)))
            table.add_row(str(line), items, Text(visible(" ".join(text.split())), no_wrap=True, overflow="ellipsis"))
        parts += [Text("Linked (check these; --no-link turns linking off):"), table]
        if len(summary.linked) > SHOWN:
            parts.append(Text(f"… and {len(summary.linked) - SHOWN} more linked (--json lists them all)", style="dim"))
    if problems:
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("line", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("problem", ratio=1, overflow="fold")
        for p in problems[:SHOWN]:
            table.add_row(str(p.line), p.level, visible(p.message))
        parts += [Text("Skipped or doubtful lines:"), table]
        if len(problems) > SHOWN:
            parts.append(Text(f"… and {len(problems) - SHOWN} more (--json lists them all)", style="dim"))
    return Group(*parts)


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
