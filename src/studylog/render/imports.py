"""The report every import ends with."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from studylog.hours import format_hours
from studylog.imported import Problem
from studylog.store.imports import ImportSummary

SHOWN = 30  # problems and links listed in full; --json has all of them


def render_import(summary: ImportSummary, problems: list[Problem], dry_run: bool, source: str) -> Group:
    verb = "Would import" if dry_run else "Imported"
    head = Text(
        f"{verb} {summary.added} of {summary.entries} entries from {source}"
        f" ({summary.already} already imported): {summary.days} days, "
        f"{format_hours(summary.hours) or '0h'}, {len(summary.linked)} linked to curriculum items",
        style="bold",
    )
    parts: list = [head]
    if summary.linked:
        table = Table(box=None, pad_edge=False, header_style="bold", title=None)
        table.add_column("line", justify="right", no_wrap=True, min_width=4)
        table.add_column("item", no_wrap=True, style="cyan", min_width=12)
        table.add_column("text", ratio=1)
        for line, item, text in summary.linked[:SHOWN]:
            table.add_row(str(line), item, Text(" ".join(text.split()), no_wrap=True, overflow="ellipsis"))
        parts += [Text("Linked (check these; --no-link turns linking off):"), table]
        if len(summary.linked) > SHOWN:
            parts.append(Text(f"… and {len(summary.linked) - SHOWN} more linked (--json lists them all)", style="dim"))
    if problems:
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("line", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("problem", ratio=1, overflow="fold")
        for p in problems[:SHOWN]:
            table.add_row(str(p.line), p.level, p.message)
        parts += [Text("Skipped or doubtful lines:"), table]
        if len(problems) > SHOWN:
            parts.append(Text(f"… and {len(problems) - SHOWN} more (--json lists them all)", style="dim"))
    return Group(*parts)
