"""A bare ``studylog``: today, the timer, the week against its target, the streak, what to study
next and the plans behind, in 80 columns and at most 24 lines (``reports.status`` gives the data)."""

from __future__ import annotations

from datetime import date
from typing import Any

from studylog.hours import format_hours
from studylog.render.inline import flat
from studylog.render.lines import Line, text, truncate

SHOWN = 4  # goals and done items shown today (the rest are counted)
_BARS = " ▁▂▃▄▅▆▇█"
_MARK = {"met": ("✓", "green"), "open": ("○", ""), "dropped": ("✗", "dim"), "lapsed": ("·", "dim")}


def _h(hours: float | None) -> str:
    return format_hours(hours) or "0h"


def render_dashboard(data: dict[str, Any], width: int = 80) -> list[Line]:
    width = max(40, min(width, 100))
    day = date.fromisoformat(data["date"])
    today = data["today"]
    streak = f"streak {data['streak']} day{'s' if data['streak'] != 1 else ''}"
    head = day.strftime("%A %-d %B %Y")
    lines: list[Line] = [[(head, "bold"), (" " * max(2, width - len(head) - len(streak)), ""), (streak, "")]]
    goals = today["goals"]
    met = sum(1 for g in goals if g["state"] == "met")
    lines.append(text(f"Today {_h(today['hours'])} · {len(today['done'])} done · goals {met}/{len(goals)} met", "bold"))
    for g in goals[:SHOWN]:
        mark, style = _MARK.get(g["state"], ("○", ""))
        lines.append([(f"  {mark} ", style), (truncate(flat(g["text"]), width - 4), "")])
    if len(goals) > SHOWN:
        lines.append(text(f"  … and {len(goals) - SHOWN} more goals ('studylog today')", "dim"))
    for d in today["done"][:SHOWN]:
        hours = f"  {_h(d['hours'])}" if d["hours"] else ""
        lines.append(
            [
                ("  #", "dim"),
                (f"{d['id']} ", "dim"),
                (truncate(flat(d["text"]), width - 12 - len(hours)), ""),
                (hours, ""),
            ]
        )
    if len(today["done"]) > SHOWN:
        lines.append(text(f"  … and {len(today['done']) - SHOWN} more done ('studylog today')", "dim"))
    timer = data["timer"]
    if timer:
        since = timer["started_at"][11:16]
        lines.append(
            text(truncate(f"Timer since {since} ({_h(timer['minutes'] / 60)}): {timer['text']}", width), "yellow")
        )
    lines.append(_week(data["week"], width))
    if data["week"]["left_today"]:
        lines.append(text(f"  {_h(data['week']['left_today'])} more today keeps the week on track", "dim"))
    if data["next"]:
        lines.append(text("Next", "bold"))
        for s in data["next"]:
            lines.append([(f"  {s['ref']}", "cyan"), (" " + truncate(s["title"], width - len(s["ref"]) - 3), "")])
    for p in data["behind"]:
        days = f" by {-p['ahead_days']} days" if p["ahead_days"] is not None else ""
        lines.append(text(truncate(f"Behind plan: {p['curriculum']}{days}", width), "red"))
    return lines


def _week(week: dict[str, Any], width: int) -> Line:
    most = max([d["hours"] for d in week["days"]] + [1.0])
    bars = "".join(_BARS[min(8, round(8 * d["hours"] / most))] if d["hours"] else "·" for d in week["days"])
    target = f" of {_h(week['target'])}" if week["target"] is not None else ""
    met = week["target"] is not None and week["left"] == 0
    return [("Week ", "bold"), (f"{_h(week['hours'])}{target}", "green" if met else ""), ("  ", ""), (bars, "green")]
