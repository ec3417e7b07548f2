"""``curricula list`` and ``curricula show`` for people. What comes from a curriculum file (the
learner's own YAML) is shown safely (``render.safe``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from studylog.render.progress import readings_line, status_cell
from studylog.render.safe import visible

_STATUS_STYLE = {"complete": "green", "started": "yellow", "skipped": "dim", "not started": ""}


def render_list(rows: list[dict[str, Any]], user_dir: Path) -> Group:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("title", ratio=1, min_width=20, overflow="fold")
    table.add_column("items", justify="right", no_wrap=True)
    table.add_column("edition", max_width=10, overflow="ellipsis", no_wrap=True)
    table.add_column("source", no_wrap=True)
    notes = []
    for row in rows:
        cid = visible(row["id"])
        table.add_row(cid, visible(row["title"]), str(row["items"]), visible(row["edition"] or ""), row["source"])
        if row["replaces"]:
            notes.append(Text(f"{cid}: your {visible(str(row['file']))} replaces the shipped {cid}", style="yellow"))
    footer = Text(f"Your own curricula: {visible(str(user_dir))}/*.yaml", style="dim")
    return Group(table, *notes, footer)


def _estimate(item: dict[str, Any]) -> str:
    est = item["estimate_hours"]
    if est:
        return f"{est['low']:g}h" if est["low"] == est["high"] else f"{est['low']:g}–{est['high']:g}h"
    return visible(item["duration"] or "")


def readings_summary(readings: list[dict[str, Any]]) -> str | None:
    """``readings_line`` for the readings ``curricula show --json`` lists."""
    recommended = [r["status"] == "complete" for r in readings if not r["optional"]]
    optional = [r["status"] == "complete" for r in readings if r["optional"]]
    return readings_line(sum(recommended), len(recommended), sum(optional), len(optional))


def render_show(detail: dict[str, Any]) -> Group:
    head = Text.assemble(
        (visible(detail["title"]), "bold"),
        f"  ({visible(detail['id'])}",
        f", {visible(detail['edition'])}" if detail["edition"] else "",
        ")",
    )
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("ref", no_wrap=True, style="cyan")
    table.add_column("title", ratio=1, min_width=20, overflow="fold")
    table.add_column("est.", justify="right", no_wrap=True)
    table.add_column("rank", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    done = 0
    for item in detail["items"]:
        title = visible(item["title"]) + (" (optional)" if item["optional"] else "")
        if (read := readings_summary(item.get("readings", []))) is not None:
            title += f"\n{read}"
        status = item["status"]
        when = item["completed_on"] or item["skipped_on"] or item["started_on"]
        events = [(e["event"], e["date"]) for e in item.get("history", [])]
        label = status_cell(status, when, events, _STATUS_STYLE[status])
        table.add_row(visible(item["ref"]), title, _estimate(item), str(item["importance"] or ""), label)
        done += status == "complete"
    home = f" · {visible(detail['url'])}" if detail["url"] else ""  # a list of one's own may have none
    summary = Text(f"{done}/{len(detail['items'])} complete{home}", style="dim")
    return Group(head, table, summary)


def render_items(rows: list[dict[str, Any]]) -> Table:
    """``items``: one line per item, with its list, kind, status and hours."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("ref", no_wrap=True, style="cyan")
    table.add_column("kind", no_wrap=True)
    table.add_column("title", ratio=1, min_width=20, overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("hours", justify="right", no_wrap=True)
    for row in rows:
        status = row["status"]
        when = row["completed_on"] or row["skipped_on"] or row["started_on"]
        table.add_row(
            visible(row["ref"]),
            row["kind"],
            visible(row["title"]),
            Text(f"{status} {when}" if when else status, style=_STATUS_STYLE[status]),
            f"{row['hours']:g}h" if row["hours"] else "",
        )
    return table
