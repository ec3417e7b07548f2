"""progress, next and stats for people. Ids, titles and links come from curriculum files (the
learner's own YAML) and owners from a shared store: they are shown safely (``render.safe``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.text import Text

from studylog.hours import format_hours
from studylog.render.lines import Bar, Block, Cell, Column, Line, cell_width, flow, grid, text, words, wrap, wrapped
from studylog.render.safe import visible
from studylog.render.wrap import Flow
from studylog.reports.next import Suggestion
from studylog.reports.plans import PlanProgress
from studylog.reports.progress import CurriculumProgress
from studylog.reports.stats import Stats

_STYLE = {"complete": "green", "started": "yellow", "skipped": "dim", "not started": ""}


BAR_MAX = 40  # a progress bar grows with the screen up to this many cells


def bar_width(width: int) -> int:
    """The least a progress bar takes on a screen ``width`` wide: 6 cells at 50 columns, 10 at
    80, 20 at 120, ``BAR_MAX`` at 200; it takes more when the other columns leave room."""
    return max(6, min(BAR_MAX, (width - 40) // 4))


def _bar(percent: float) -> Bar:
    return Bar(percent / 100, style="", rest="░", natural=12)


def _ratio(p: CurriculumProgress) -> str:
    return f"×{p.ratio:.2f}" if p.ratio is not None else ""


def _head(*names: str) -> list[Cell | Block]:
    return [(name, "bold") for name in names]


def render_overview(rows: list[CurriculumProgress], plans: Sequence[PlanProgress] = (), width: int = 80) -> list[Line]:
    """One line a curriculum in ``width`` columns (50 to 200). The bar takes ``bar_width`` and
    what is left, up to ``BAR_MAX``; the finish text wraps (down to 10 cells); when that is not
    enough, act/est is left out (the first and only column to go). Names, counts, percentages,
    hours and dates are never cut."""
    if not rows:
        return [text("Nothing started yet: mark an item with 'studylog start REF'.", "dim")]
    table: list[list[Cell | Block]] = [_head("curriculum", "done", "", "%", "hours", "act/est", "finish")]
    for p in rows:
        finish = p.forecast.isoformat() if p.forecast else p.forecast_note
        table.append(
            [
                (p.id, "cyan"),
                f"{p.complete}/{p.total - p.skipped}",
                _bar(p.percent),
                f"{p.percent:.0f}%",
                format_hours(p.hours) or "0h",
                _ratio(p),
                finish,
            ]
        )
    columns = [
        Column(),
        Column(justify="right"),
        Column(grow=True, min_width=bar_width(width), max_width=BAR_MAX),
        Column(justify="right"),
        Column(justify="right"),
        Column(justify="right", drop=1),
        Column(wrap=True, min_width=10),
    ]
    lines = grid(table, columns, width, gap=2)
    for p in rows:
        if p.forecast:
            lines += _wrapped(f"{p.id}: {p.started} in progress, {p.skipped} skipped; {p.forecast_note}", width, "dim")
    return lines + plan_lines(plans, width)


def _wrapped(value: str, width: int, style: str = "") -> list[Line]:
    return [text(part, style) for part in wrap(visible(value), width)]


def render_owners(by_owner: dict[str, list[CurriculumProgress]], width: int = 80) -> list[Line]:
    """Every learner's progress side by side: one row per learner and curriculum (laid out as
    ``render_overview``)."""
    if not any(by_owner.values()):
        return [text("Nobody has started anything yet.", "dim")]
    table: list[list[Cell | Block]] = [_head("who", "curriculum", "done", "", "%", "hours", "finish")]
    for owner, rows in by_owner.items():
        for n, p in enumerate(rows):
            finish = (
                p.forecast.isoformat() if p.forecast else "no recent pace" if p.forecast_note.startswith("no") else ""
            )
            table.append(
                [
                    owner if n == 0 else "",
                    (p.id, "cyan"),
                    f"{p.complete}/{p.total - p.skipped}",
                    _bar(p.percent),
                    f"{p.percent:.0f}%",
                    format_hours(p.hours) or "0h",
                    finish,
                ]
            )
    columns = [
        Column(max_width=14),
        Column(),
        Column(justify="right"),
        Column(grow=True, min_width=bar_width(width), max_width=BAR_MAX),
        Column(justify="right"),
        Column(justify="right"),
        Column(wrap=True, min_width=10),
    ]
    return grid(table, columns, width, gap=2)


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


def status_cell(status: str, when: str | None, events: Sequence[tuple[str, str]], style: str) -> Block:
    """A status with its date, and below it (dim) the whole history when there is more to it."""
    return _Lines(
        [[(status + (f" {when}" if when else ""), style)]]
        + ([[(line, "dim")] for line in history_lines(events)] if len(history_lines(events)) > 1 else [])
    )


class _Lines(Block):
    """Lines as they are, in a column that does not wrap."""

    def __init__(self, lines: list[Line]) -> None:
        self.drawn = lines

    def natural(self) -> int:
        return max(sum(cell_width(t) for t, _ in line) for line in self.drawn)

    def lines(self, width: int) -> list[Line]:
        return self.drawn


def render_detail(p: CurriculumProgress, plans: Sequence[PlanProgress] = (), width: int = 80) -> list[Line]:
    """A curriculum's items in ``width`` columns: the title wraps down to the longest title's
    width (at most 30 cells, at least 16); when that is not enough, act/est is left out, then
    the estimate. The status, hours, estimate and act/est are never cut."""
    head = [
        (visible(p.title), "bold"),
        (f"  {p.complete}/{p.total - p.skipped} complete, {p.percent:.0f}% {_by(p)}", ""),
    ]
    table: list[list[Cell | Block]] = [_head("ref", "title", "status", "hours", "est.", "act/est")]
    for i in p.items:
        dates = i.completed_on or i.skipped_on or i.started_on
        events = [(e.event, e.day.isoformat()) for e in i.history]
        read = readings_line(*i.readings)
        table.append(
            [
                (i.ref, "cyan"),
                i.title + (f"\n{read}" if read else ""),
                status_cell(i.status, dates.isoformat() if dates else None, events, _STYLE[i.status]),
                format_hours(i.hours) if i.hours else "",
                _estimate(i.estimate),
                f"×{i.ratio:.2f}" if i.ratio is not None else "",
            ]
        )
    # a title is wrapped only when leaving out act/est, then the estimate, is not enough for it
    longest = max((cell_width(visible(i.title)) for i in p.items), default=16)
    columns = [
        Column(),
        Column(wrap=True, min_width=min(max(longest, 16), 30)),
        Column(),
        Column(justify="right"),
        Column(justify="right", drop=2),
        Column(justify="right", drop=1),
    ]
    lines = [*wrapped(head, width), *grid(table, columns, width, gap=1)]
    lines += _wrapped(f"Hours logged {format_hours(p.hours) or '0h'}{_estimated(p)}", width)
    if p.ratio is not None:
        lines += _wrapped(f"Your actual/estimate ratio on completed items: {p.ratio:.2f}", width)
    finish = f"Finish: {p.forecast.isoformat()} ({p.forecast_note})" if p.forecast else f"Finish: {p.forecast_note}"
    return lines + _wrapped(finish, width) + plan_lines(plans, width)


def render_next(items: list[Suggestion], width: int = 80, links: bool = False) -> list[Line]:
    """Suggestions, numbered: ref, title and estimate (wrapped), the URL on a line of its own
    (never split; a link on a terminal), and why."""
    if not items:
        return [text("Nothing to suggest: everything is complete or skipped.", "dim")]
    rows: list[list[Cell | Block]] = []
    for n, s in enumerate(items, 1):
        est = _estimate(s.estimate) or (s.duration or "")
        rows.append([(f"{n}.", "bold"), _Title(s.ref, s.title, est)])
        if s.url:
            rows.append(["", Flow(s.url, "blue", links=links)])
        rows.append(["", ("why: " + "; ".join(s.reasons), "dim")])
    return grid(rows, [Column(justify="right"), Column(wrap=True)], width, gap=1)


class _Title(Block):
    """A suggestion's ref (cyan), title and estimate (dim), wrapped together."""

    def __init__(self, ref: str, title: str, est: str) -> None:
        spans = [(visible(ref), "cyan", False), ("  " + visible(title), "", False)]
        if est:
            spans.append(("  " + visible(est), "dim", False))
        self.words = words(spans)

    def natural(self) -> int:
        return sum(cell_width(t) for w, _ in self.words for t, _ in w) + len(self.words) - 1

    def lines(self, width: int) -> list[Line]:
        return flow(self.words, width)


def render_stats(s: Stats, width: int = 80) -> list[Line]:
    """The totals (label and figure; a figure's sentence wraps, never cutting a date), then the
    hours per curriculum, per month and (with --by tag) per tag, each a small table of its own.
    Nothing is left out or cut at any width: the tables are narrow."""
    days = f"{s.study_days}" + (f" ({s.first_day} to {s.last_day})" if s.first_day else "")
    summary: list[list[Cell | Block]] = [
        [("Hours", "bold"), format_hours(s.total_hours) or "0h"],
        [("Study days", "bold"), days],
        [("Per study day", "bold"), format_hours(s.hours_per_study_day) or "0h"],
        [("Done items", "bold"), str(s.done_items)],
        [("Goals met", "bold"), f"{s.goals_met}/{s.goals}"],
        [("Items completed", "bold"), str(s.items_completed)],
    ]
    pair = [Column(), Column(justify="right")]
    lines = grid(summary, [Column(), Column(wrap=True)], width, gap=2)
    by_c: list[list[Cell | Block]] = [_head("curriculum", "hours")]
    by_c += [[(visible(cid), "cyan") if cid else "(no item)", format_hours(h)] for cid, h in s.per_curriculum]
    lines += [[], *grid(by_c, pair, width, gap=2)]
    by_m: list[list[Cell | Block]] = [_head("month", "hours")]
    by_m += [[month, format_hours(h) or "0h"] for month, h in s.per_month]
    lines += [[], *grid(by_m, pair, width, gap=2)]
    if s.per_tag is None:
        return lines
    by_t: list[list[Cell | Block]] = [_head("tag", "hours", "entries")]
    by_t += [
        [(visible("#" + t.tag), "cyan"), format_hours(t.hours) or "0h", (str(t.entries), "dim")] for t in s.per_tag
    ]
    lines.append([])
    if not s.per_tag:
        return [
            *lines,
            *grid(by_t, [*pair, Column(justify="right")], width, gap=2),
            text("no tagged entries yet", "dim"),
        ]
    return lines + grid(by_t, [*pair, Column(justify="right")], width, gap=2)


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


def plan_lines(rows: Sequence[PlanProgress], width: int = 80) -> list[Line]:
    """Each plan's sentence, wrapped to ``width``."""
    return [line for p in rows for line in _wrapped(plan_text(p), width, _PLAN_STYLE.get(p.state, ""))]


def render_plans(rows: Sequence[PlanProgress]) -> Group:
    return Group(*(Text(visible(plan_text(p)), style=_PLAN_STYLE.get(p.state, "")) for p in rows))


_PLAN_STYLE = {"behind": "red", "ahead": "green", "on track": "green", "done": "green"}
