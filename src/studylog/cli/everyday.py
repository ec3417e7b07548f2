"""What ``today``, ``day``, ``week``, ``goal`` and ``done`` do, without Typer.

The Typer commands (``views``, ``week_cmd``, ``entries``) and the fast path (``fast``) both call
these, by keyword, with the Typer commands' parameter names (``fast.SPEC`` fills in the same
names; tests/test_fast_path.py checks all three agree). Only the argument parsing differs.
"""

from __future__ import annotations

from typing import Any

from studylog.cli.clock import today
from studylog.cli.output import Output, say, width
from studylog.cli.parse import parse_day, parse_days, parse_hours
from studylog.cli.session import _has_config, carry_over_days, open_store, resolve, settings
from studylog.errors import UsageError

MAX_WEEKS = 520


def show_day(when: str | None = None, as_json: bool = False, svg: str | None = None, html: str | None = None) -> None:
    from studylog.store.entries import day_view

    out = Output(as_json, svg, html, "studylog day" if when is not None else "studylog today")
    day = parse_day(when)
    store = open_store()
    view = day_view(store, day, carry_over_days(), today())
    timer = _timer(store) if day == today() else None
    on_track = _on_track(store, view) if day == today() else None
    if out.as_json:
        out.json({**view.to_json(), "timer": timer, "on_track": on_track})
        return
    from studylog.render.day import render_day, track_line

    lines = render_day(view, today_is=day == today(), width=width(), links=out.links)
    out.lines(lines + ([track_line(**on_track)] if on_track else []) + _timer_lines(timer))


def _on_track(store, view) -> dict[str, Any] | None:
    """With a weekly target (``target.week``): what is left today to stay on track for it."""
    if not _has_config():
        return None
    from studylog.config import weekly_targets

    config = settings()
    target = weekly_targets(config).get(None)
    if target is None:
        return None
    from datetime import timedelta

    from studylog.reports.targets import left_today
    from studylog.reports.week import week_bounds
    from studylog.store.hours import done_hours

    start, end = week_bounds(view.day, config["week_start"])
    before = sum(r.hours for r in done_hours(store, start, view.day - timedelta(days=1))) if start < view.day else 0.0
    left = left_today(target, before, view.total_hours, view.day, end)
    return {"target": target, "week_hours": round(before + view.total_hours, 2), "left_today": round(left, 2)}


def _timer(store) -> dict[str, Any] | None:
    """The running timer as JSON (``timer status --json``), or None."""
    from studylog.store.timer_row import running_row

    row = running_row(store)
    if row is None:  # the usual case, without loading store.timer
        return None
    from studylog.cli.clock import now
    from studylog.store.timer import from_row

    return from_row(row).to_json(now())


def _timer_lines(timer: dict[str, Any] | None) -> list:
    if timer is None:
        return []
    from studylog.render.day import timer_line

    return [timer_line(timer["text"], timer["item"], timer["started_at"][11:16], timer["minutes"])]


def show_week(
    when: str | None = None,
    weeks: int | None = None,
    as_json: bool = False,
    svg: str | None = None,
    html: str | None = None,
    tag: str | None = None,
) -> None:
    from studylog.reports.week import parse_week, week_report, week_trend

    out = Output(as_json, svg, html, "studylog week")
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        raise UsageError(f"--weeks must be from 1 to {MAX_WEEKS}, not {weeks}")
    tag = tags([tag])[0] if tag is not None else None
    config = settings()
    current = today()
    when_day = parse_week(when, current, config["week_start"])
    store = open_store()
    from studylog.config import weekly_targets

    targets = weekly_targets(config)
    if weeks is not None:
        trend = week_trend(store, when_day, weeks, config["week_start"], tag, targets.get(None))
        if out.as_json:
            out.json(trend.to_json())
            return
        from studylog.render.week import render_trend

        out.lines(render_trend(trend, width()))
        return
    report = week_report(
        store,
        when_day,
        current,
        config["week_start"],
        config["rest_days_per_week"],
        config["carry_over_days"],
        tag,
        targets if tag is None else None,  # a target is for all study, not one tag's
        config["streak.min_minutes"],
    )
    timer = _timer(store) if report.start <= current <= report.end else None
    if out.as_json:
        out.json({**report.to_json(), "timer": timer})
        return
    from studylog.render.week import render_week

    out.lines(render_week(report, width(), links=out.links) + _timer_lines(timer))


def describe(entry) -> str:
    from studylog.hours import format_hours

    hours = getattr(entry, "hours", None)
    # a row an old version stored with hours that are no number ('lots'): doctor names it, and
    # 'rm' is how it says to mend it, so its confirmation shows the value as it is
    shown = format_hours(hours) if hours is None or isinstance(hours, (int, float)) else f"hours {hours!r}"
    extra = [x for x in (shown, entry.item) if x]
    return f"{entry.text}" + (f" ({', '.join(extra)})" if extra else "")


def when(entry, on: str = "", over: str = "") -> str:
    """An entry's day (``2024-04-18``, after ``on``), or its period (``2023-08-01..2023-08-11``,
    after ``over``)."""
    if entry.period:
        return f"{over}{entry.period[0].isoformat()}..{entry.period[1].isoformat()}"
    return on + entry.day.isoformat()


def notes(texts: list[str] | None):
    from studylog.store.records import Note

    out = []
    for raw in texts or []:
        stripped = raw.lstrip("\t ")
        indent = raw[: len(raw) - len(stripped)]
        out.append(Note(stripped.removeprefix("- "), indent.count("\t") + indent.count("  ")))
    return out


def tags(given: list[str] | None) -> list[str]:
    """``--tag`` values in the normal form (``#Git`` is ``git``), each once; a usage error for one
    that is no tag."""
    if not given:
        return []
    from studylog.tags import given_tags

    return given_tags(given)


def tagged(entry) -> str:
    """`` [git, rust]`` after an entry's confirmation when it has tags, else nothing."""
    return f" [{', '.join(entry.tags)}]" if entry.tags else ""


def add_goal(
    text: str,
    item: str | None = None,
    date_: str | None = None,
    note: list[str] | None = None,
    tag: list[str] | None = None,
) -> None:
    from studylog.store import entries

    given = tags(tag)
    first, day = parse_days(date_, ahead=True)  # a goal plans: 'friday' is the coming one
    ref = resolve(item)
    store = open_store()
    g = entries.add_goal(store, text, day, ref.ref if ref else None, notes(note), period=(first, day), tags=given)
    say(f"Goal #{g.id} for {when(g)}: {describe(g)}{tagged(g)}")


def add_done(
    text: str,
    hours: str | None = None,
    item: str | None = None,
    date_: str | None = None,
    goal_id: int | None = None,
    note: list[str] | None = None,
    complete: bool = False,
    url: str | None = None,
    add: str | None = None,
    tag: list[str] | None = None,
) -> None:
    from studylog.store import entries

    given = tags(tag)
    first, day = parse_days(date_)
    parsed_hours = parse_hours(hours, max(1, (day - first).days + 1))
    new_item = _new_item(text, url, add, item) if add is not None else None  # done --url U --add KIND
    ref = None if new_item else resolve(_item_at(url, item) if url is not None else item)
    store = open_store()
    d = entries.add_done(
        store,
        text,
        day,
        today(),
        parsed_hours,
        ref.ref if ref else None,
        goal_id,
        notes(note),
        period=(first, day),
        complete=complete,
        new_item=new_item,
        tags=given,
    )
    if new_item is not None:
        say(f"Added {d.item} ({new_item['kind']}): {new_item['title']}")
    met = f"; goal #{goal_id} met" if goal_id else ""
    done = f"; {', '.join(d.items or ((d.item,) if d.item else ()))} complete" if complete else ""
    say(f"Done #{d.id} {when(d, 'on ', 'over ')}: {describe(d)}{met}{done}{tagged(d)}")


def _new_item(text: str, url: str | None, kind: str, item: str | None) -> dict[str, Any] | None:
    """``done --url U --add KIND``: the item of the learner's own to add for ``U``, or None when
    an item already has that URL (the entry links to it)."""
    from studylog.cli.own_cmd import new_item_fields
    from studylog.cli.session import outlines
    from studylog.curriculum.own import DEFAULT_LIST, title_from_text

    if url is None:
        raise UsageError("--add needs --url: the item it adds is the one at that URL", "give --url URL")
    if item is not None:
        raise UsageError("give --item or --add, not both")
    if outlines().by_url(url):
        return None
    return new_item_fields(kind, title_from_text(text, url), url, DEFAULT_LIST, None)


def _item_at(url: str, item: str | None) -> str:
    """The reference of the one item whose URL is ``url`` (``done --url``)."""
    from studylog.cli.session import outlines

    if item is not None:
        raise UsageError("give --item or --url, not both")
    found = outlines().by_url(url)
    if not found:
        raise UsageError(
            f"no curriculum item has the URL {url}",
            "link it with --item REF, or add it with --add KIND (paper, talk, course...)",
        )
    if len(found) > 1:
        raise UsageError(f"several items have the URL {url}: {', '.join(found)}", "choose one with --item REF")
    return found[0]


def show_status(fmt: str | None = None, as_json: bool = False) -> None:
    """A bare ``studylog`` (the dashboard), or ``status --format`` for a prompt (one line)."""
    from studylog.reports.status import FIELDS, format_fields, status, week_of
    from studylog.reports.streaks import current_streak_in
    from studylog.reports.week import week_bounds
    from studylog.store.entries import day_view
    from studylog.store.hours import done_hours, per_day

    out = Output(as_json)
    if fmt is not None and as_json:
        raise UsageError("--format cannot be combined with --json", "choose one")
    store, current = open_store(), today()
    config = settings()
    view = day_view(store, current, config["carry_over_days"], current)
    start, end = week_bounds(current, config["week_start"])
    days = {d: h for d, (h, _) in per_day(done_hours(store, start, end, by="day")).items()}
    data = status(
        view,
        week_of(start, days),
        current_streak_in(
            store, current, config["week_start"], config["rest_days_per_week"], config["streak.min_minutes"]
        ),
        _timer(store),
        _on_track(store, view),
        _next(store, 3),
        _behind(store, current),
        config["carry_over_days"],
    )
    if fmt is not None:
        from studylog.hours import format_hours

        fields = format_fields(data, format_hours)
        try:
            say(fmt.replace("\\n", "\n").format_map(fields))
        except (KeyError, ValueError, IndexError) as exc:
            raise UsageError(
                f"--format {fmt!r} cannot be filled ({exc})", "its fields are {" + "}, {".join(FIELDS) + "}"
            ) from None
        return
    if out.as_json:
        out.json(data)
        return
    from studylog.render.dashboard import render_dashboard

    out.lines(render_dashboard(data, width()))


def _next(store, limit: int) -> list:
    from studylog.cli.session import outlines
    from studylog.reports.next import suggestions
    from studylog.store.status import all_statuses, last_worked

    return suggestions(outlines(skip_broken=True), all_statuses(store), None, limit, last_worked(store))


def _behind(store, current) -> list:
    from studylog.store.plans import plans

    if not plans(store):
        return []
    from studylog.cli.session import outlines
    from studylog.reports.plans import planned

    return planned(store, outlines(skip_broken=True), current)
