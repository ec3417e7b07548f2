"""progress, next and stats for people. Ids, titles and links come from curriculum files (the
learner's own YAML) and owners from a shared store: they are shown safely (``render.safe``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from studylog.hours import format_hours
from studylog.render.safe import visible
from studylog.reports.next import Suggestion
from studylog.reports.plans import PlanProgress
from studylog.reports.progress import CurriculumProgress
from studylog.reports.stats import Stats

_STYLE = {"complete": "green", "started": "yellow", "skipped": "dim", "not started": ""}


def _bar(percent: float, width: int = 12) -> str:
    filled = round(percent / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _ratio(p: CurriculumProgress) -> str:
    return f"×{p.ratio:.2f}" if p.ratio is not None else ""


def render_overview(rows: list[CurriculumProgress], plans: Sequence[PlanProgress] = ()) -> Group | Text:
    if not rows:
        return Text("Nothing started yet: mark an item with 'studylog start REF'.", style="dim")
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("curriculum", no_wrap=True, style="cyan")
    table.add_column("done", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("hours", justify="right", no_wrap=True)
    table.add_column("act/est", justify="right", no_wrap=True)
    table.add_column("finish", ratio=1, overflow="fold")
    for p in rows:
        counts = f"{p.complete}/{p.total - p.skipped}"
        finish = p.forecast.isoformat() if p.forecast else visible(p.forecast_note)
        table.add_row(
            visible(p.id),
            counts,
            _bar(p.percent),
            f"{p.percent:.0f}%",
            format_hours(p.hours) or "0h",
            _ratio(p),
            finish,
        )
    notes = [
        Text(visible(f"{p.id}: {p.started} in progress, {p.skipped} skipped; {p.forecast_note}"), style="dim")
        for p in rows
        if p.forecast
    ]
    return Group(table, *notes, *render_plans(plans).renderables)


def render_owners(by_owner: dict[str, list[CurriculumProgress]]) -> Table | Text:
    """Every learner's progress side by side: one row per learner and curriculum."""
    if not any(by_owner.values()):
        return Text("Nobody has started anything yet.", style="dim")
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("who", no_wrap=True, max_width=14, overflow="ellipsis")
    table.add_column("curriculum", no_wrap=True, style="cyan")
    table.add_column("done", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("hours", justify="right", no_wrap=True)
    table.add_column("finish", ratio=1, overflow="fold")
    for owner, rows in by_owner.items():
        for n, p in enumerate(rows):
            finish = (
                p.forecast.isoformat() if p.forecast else "no recent pace" if p.forecast_note.startswith("no") else ""
            )
            table.add_row(
                visible(owner) if n == 0 else "",
                visible(p.id),
                f"{p.complete}/{p.total - p.skipped}",
                _bar(p.percent),
                f"{p.percent:.0f}%",
                format_hours(p.hours) or "0h",
                finish,
            )
    return table


def history_lines(events: Sequence[tuple[str, str]]) -> list[str]:
    """An item's status history, ``(event, ISO day)`` oldest first, as lines: "started
    2024-04-01", "completed 2024-04-10". A start on the day of the completion (or skip) that
    follows it is left out: "completed 2024-04-10" says it."""
    out: list[tuple[str, str]] = []
    for event, day in events:
        if out and out[-1] == ("started", day) and event in ("completed", "skipped"):
            out.pop()
        out.append((event, day))
    return [f"{event} {day}" for event, day in out]


def status_cell(status: str, when: str | None, events: Sequence[tuple[str, str]], style: str) -> Text:
    """A status with its date, and below it (dim) the whole history when there is more to it."""
    cell = Text(status + (f" {when}" if when else ""), style=style)
    lines = history_lines(events)
    if len(lines) > 1:
        cell.append("\n" + "\n".join(lines), style="dim")
    return cell


def _estimate(est: tuple[float, float] | None) -> str:
    if not est:
        return ""
    return f"{est[0]:g}h" if est[0] == est[1] else f"{est[0]:g}–{est[1]:g}h"


def readings_line(recommended_done: int, recommended: int, optional_done: int, optional: int) -> str | None:
    """ "2 of 3 recommended readings done" (and how many optional ones), or None without readings."""
    parts = []
    if recommended:
        parts.append(f"{recommended_done} of {recommended} recommended readings done")
    if optional:
        parts.append(
            f"{optional_done} of {optional} optional"
            if recommended
            else f"{optional_done} of {optional} optional readings done"
        )
    return ", ".join(parts) or None


def _by(p: CurriculumProgress) -> str:
    return "by estimate" if p.by == "estimate" else "of items"


def _estimated(p: CurriculumProgress) -> str:
    """What the estimates add up to, and how many items have none."""
    counted = p.total - p.skipped
    if p.unestimated == counted:
        return "; no item has an estimate" if counted else ""
    missing = f" ({p.unestimated} of {counted} items have none)" if p.unestimated else ""
    return f" of about {p.estimated_hours:.0f}h estimated{missing}"


def render_detail(p: CurriculumProgress, plans: Sequence[PlanProgress] = ()) -> Group:
    head = Text.assemble(
        (visible(p.title), "bold"), f"  {p.complete}/{p.total - p.skipped} complete, {p.percent:.0f}% {_by(p)}"
    )
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("ref", no_wrap=True, style="cyan")
    table.add_column("title", ratio=1, min_width=16, overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("hours", justify="right", no_wrap=True)
    table.add_column("est.", justify="right", no_wrap=True)
    table.add_column("act/est", justify="right", no_wrap=True)
    for i in p.items:
        dates = i.completed_on or i.skipped_on or i.started_on
        events = [(e.event, e.day.isoformat()) for e in i.history]
        read = readings_line(*i.readings)
        table.add_row(
            visible(i.ref),
            visible(i.title) + (f"\n{read}" if read else ""),
            status_cell(i.status, dates.isoformat() if dates else None, events, _STYLE[i.status]),
            format_hours(i.hours) if i.hours else "",
            _estimate(i.estimate),
            f"×{i.ratio:.2f}" if i.ratio is not None else "",
        )
    lines = [f"Hours logged {format_hours(p.hours) or '0h'}{_estimated(p)}"]
    if p.ratio is not None:
        lines.append(f"Your actual/estimate ratio on completed items: {p.ratio:.2f}")
    lines.append(
        f"Finish: {p.forecast.isoformat()} ({visible(p.forecast_note)})"
        if p.forecast
        else f"Finish: {visible(p.forecast_note)}"
    )
    return Group(head, table, *(Text(line) for line in lines), *render_plans(plans).renderables)


def render_next(items: list[Suggestion]) -> Table | Text:
    if not items:
        return Text("Nothing to suggest: everything is complete or skipped.", style="dim")
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")
    for n, s in enumerate(items, 1):
        est = _estimate(s.estimate) or visible(s.duration or "")
        lines = [Text.assemble((visible(s.ref), "cyan"), f"  {visible(s.title)}", (f"  {est}" if est else "", "dim"))]
        if s.url:
            lines.append(Text(visible(s.url), style="blue", overflow="fold"))
        lines.append(Text(visible("why: " + "; ".join(s.reasons)), style="dim"))
        table.add_row(f"{n}.", Group(*lines))
    return table


def render_stats(s: Stats) -> Group:
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row("Hours", format_hours(s.total_hours) or "0h")
    summary.add_row("Study days", f"{s.study_days}" + (f" ({s.first_day} to {s.last_day})" if s.first_day else ""))
    summary.add_row("Per study day", format_hours(s.hours_per_study_day) or "0h")
    summary.add_row("Done items", str(s.done_items))
    summary.add_row("Goals met", f"{s.goals_met}/{s.goals}")
    summary.add_row("Items completed", str(s.items_completed))
    by_c = Table(box=None, pad_edge=False, header_style="bold", title=None)
    by_c.add_column("curriculum", style="cyan")
    by_c.add_column("hours", justify="right")
    for cid, hours in s.per_curriculum:
        by_c.add_row(visible(cid) if cid else "(no item)", format_hours(hours))
    by_m = Table(box=None, pad_edge=False, header_style="bold")
    by_m.add_column("month")
    by_m.add_column("hours", justify="right")
    for month, hours in s.per_month:
        by_m.add_row(month, format_hours(hours) or "0h")
    if s.per_tag is None:
        return Group(summary, Text(""), by_c, Text(""), by_m)
    by_t = Table(box=None, pad_edge=False, header_style="bold")
    by_t.add_column("tag", style="cyan")
    by_t.add_column("hours", justify="right")
    by_t.add_column("entries", justify="right", style="dim")
    for t in s.per_tag:
        by_t.add_row(visible("#" + t.tag), format_hours(t.hours) or "0h", str(t.entries))
    if not s.per_tag:
        by_t.add_row(Text("no tagged entries yet", "dim"), "", "")
    return Group(summary, Text(""), by_c, Text(""), by_m, Text(""), by_t)


def plan_text(p: PlanProgress) -> str:
    """One plan against the recent pace, as a sentence."""
    plan = p.plan
    how = f"by {plan.by.isoformat()}" if plan.by else f"{format_hours(plan.hours_per_week or 0)} a week"
    left = f"{format_hours(p.remaining_hours) or '0h'} left"
    if p.ratio is not None:
        left += f" (your ×{p.ratio:.2f} from {p.ratio_items} completed item{'s' if p.ratio_items != 1 else ''})"
    if p.unestimated:
        left += f", {p.unestimated} item{'s' if p.unestimated != 1 else ''} without an estimate"
    pace = f"{format_hours(p.recent_per_week) or '0h'} a week lately"
    need = f"needs {format_hours(p.needed_per_week) or '0h'} a week, " if p.needed_per_week is not None else ""
    if p.state == "done":
        verdict = "done"
    elif p.ahead_days is not None:
        n = abs(p.ahead_days)
        verdict = (
            "on track" if n == 0 else f"{'ahead' if p.ahead_days > 0 else 'behind'} by {n} day{'s' if n != 1 else ''}"
        )
    elif p.state == "behind":
        verdict = "behind (no recent pace to finish on time)"
    else:
        verdict = "cannot tell yet"
    return f"{p.plan.curriculum} plan {how}: {left}; {need}{pace}: {verdict}"


def render_plans(rows: Sequence[PlanProgress]) -> Group:
    return Group(*(Text(visible(plan_text(p)), style=_PLAN_STYLE.get(p.state, "")) for p in rows))


_PLAN_STYLE = {"behind": "red", "ahead": "green", "on track": "green", "done": "green"}
