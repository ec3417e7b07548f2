"""``curricula list``, ``curricula show`` and ``items`` for people, as styled lines
(``render.lines``) in ``width`` columns: ids, counts, estimates, statuses and hours are never cut;
titles wrap at word boundaries (URLs never split) with their inline markdown rendered
(``render.wrap``); columns drop in the order docs/layout.md gives; a reference too long for the
screen goes on a line of its own above its row (``lines.keyed``). What comes from a curriculum
file (the learner's own YAML) is shown safely (``render.safe``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studylog.hours import format_hours
from studylog.render.lines import Block, Cell, Column, Line, Stack, cell_width, keyed, sentence, text
from studylog.render.progress import readings_line, status_cell
from studylog.render.safe import visible
from studylog.render.wrap import Flow

_STATUS_STYLE = {"complete": "green", "started": "yellow", "skipped": "dim", "not started": ""}
NARROW = 80  # below this, one space between columns rather than two


def _gap(width: int) -> int:
    return 2 if width >= NARROW else 1


def _head(*names: str) -> list[Cell | Block]:
    return [(name, "bold") for name in names]


def _table(table: list[list[Cell | Block]], columns: list[Column], width: int) -> list[Line]:
    """The header and rows laid out (``lines.keyed``), without the columns that are empty in
    every row (a list of one's own has no ranks, often no estimates)."""
    if len(table) < 2:
        return []
    kept = [i for i in range(len(columns)) if any(row[i] != "" for row in table[1:])]
    rows = [[row[i] for i in kept] for row in table]
    return keyed(rows, [columns[i] for i in kept], width, _gap(width))


def render_list(rows: list[dict[str, Any]], user_dir: Path, width: int = 80, links: bool = False) -> list[Line]:
    """One line a curriculum: id, title (wraps, down to 24 cells), items, edition, source; the
    edition is left out first, then the source, when the screen is too narrow."""
    table: list[list[Cell | Block]] = [_head("id", "title", "items", "edition", "source")]
    notes: list[Line] = []
    for row in rows:
        cid = visible(row["id"])
        table.append(
            [(cid, "cyan"), Flow(row["title"], links=links), str(row["items"]), row["edition"] or "", row["source"]]
        )
        if row["replaces"]:
            notes += sentence(
                [
                    (f"{cid}: your ", "yellow", False),
                    (str(row["file"]), "yellow", True),
                    (f" replaces the shipped {cid}", "yellow", False),
                ],
                width,
            )
    columns = [
        Column(),
        Column(wrap=True, min_width=24),
        Column(justify="right"),
        Column(drop=1),
        Column(drop=2),
    ]
    footer = sentence([("Your own curricula: ", "dim", False), (f"{user_dir}/*.yaml", "dim", True)], width)
    return [*_table(table, columns, width), *notes, *footer]


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


def _status(item: dict[str, Any], history: bool = True) -> Block:
    status = item["status"]
    when = item["completed_on"] or item["skipped_on"] or item["started_on"]
    events = [(e["event"], e["date"]) for e in item.get("history", [])] if history else []
    return status_cell(status, when, events, _STATUS_STYLE[status])


def _title_width(titles: list[str]) -> int:
    """A title wraps only when leaving out the columns that may go is not enough: its column
    keeps the longest title's width, at least 16 cells and at most 30."""
    return min(max(max((cell_width(visible(t)) for t in titles), default=16), 16), 30)


def render_show(detail: dict[str, Any], width: int = 80, links: bool = False) -> list[Line]:
    """A curriculum's items: ref, title (with its readings under it), estimate, rank and status.
    The title wraps down to the longest title's width (16 to 30 cells); when that is not enough,
    the rank is left out, then the estimate. Statuses (with their history) are never cut."""
    head = sentence(
        [(detail["title"], "bold", False), (f"  ({detail['id']}", "", False)]
        + ([(f", {detail['edition']}", "", False)] if detail["edition"] else [])
        + [(")", "", False)],
        width,
    )
    table: list[list[Cell | Block]] = [_head("ref", "title", "est.", "rank", "status")]
    done = 0
    for item in detail["items"]:
        title: Block = Flow(item["title"] + (" (optional)" if item["optional"] else ""), links=links)
        if (read := readings_summary(item.get("readings", []))) is not None:
            title = Stack(title, Flow(read, "dim"))
        table.append(
            [(visible(item["ref"]), "cyan"), title, _estimate(item), str(item["importance"] or ""), _status(item)]
        )
        done += item["status"] == "complete"
    columns = [
        Column(),
        Column(wrap=True, min_width=_title_width([i["title"] for i in detail["items"]])),
        Column(justify="right", drop=2),
        Column(justify="right", drop=1),
        Column(),
    ]
    summary: list[tuple[str, str, bool]] = [(f"{done}/{len(detail['items'])} complete", "dim", False)]
    if detail["url"]:  # a list of one's own may have none
        summary += [(" · ", "dim", False), (detail["url"], "dim", True)]
    return [*head, *_table(table, columns, width), *sentence(summary, width)]


def render_items(rows: list[dict[str, Any]], width: int = 80, links: bool = False) -> list[Line]:
    """``items``: one row an item, ref, kind, title (its URL under it), status and hours. The
    title wraps down to 16 cells, then the kind is left out; refs too long for the screen go on
    a line of their own above their row. Statuses and hours are never cut."""
    table: list[list[Cell | Block]] = [_head("ref", "kind", "title", "status", "hours")]
    for row in rows:
        title: Block = Flow(row["title"], links=links)
        if row.get("url"):
            title = Stack(title, Flow(row["url"], "dim", links=links))
        table.append(
            [
                (visible(row["ref"]), "cyan"),
                (visible(row["kind"]), "dim"),
                title,
                _status(row, history=False),
                format_hours(row["hours"]) if row["hours"] else "",
            ]
        )
    columns = [
        Column(),
        Column(drop=1),
        Column(wrap=True, min_width=16),
        Column(),
        Column(justify="right"),
    ]
    return _table(table, columns, width) or [text("No items match.", "dim")]
