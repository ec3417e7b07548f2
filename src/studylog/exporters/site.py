"""The progress page (``export site``): one self-contained HTML page, inline CSS and inline SVG,
nothing from the network, that works opened from a file as well as on a web site. It shows the
year's heatmap, each curriculum's progress with its plan or forecast, the hours per week, this
week's days, goals and done items, and the latest TIL lines, linking to the TIL page.

Pure: it takes the data of ``reports.site.site_report`` (the reports' own JSON, so the figures
are those ``--json`` prints) and returns the page. Every text is escaped, braces too (a Jekyll
site runs its pages through Liquid); only http and https URLs become links. With ``jekyll``, the
page is a fragment under YAML front matter, for the site's layout to wrap, beside the TIL page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from studylog.exporters.site_charts import heatmap, hours_text, last_days, legend, text, week_bars
from studylog.links import split_links
from studylog.theme import FONT, LEVELS, SANS, css_variables, var

Hours = Callable[[float], str]

TITLE = "Study progress"
_CODE = re.compile(r"`([^`\n]+)`")


def rich_text(value: str) -> str:
    """A logged text as HTML: escaped, its http(s) URLs and markdown links as links, its code
    spans as ``<code>``."""
    out = []
    for piece, url in split_links(value):
        if url:
            out.append(f'<a href="{text(url)}">{text(piece)}</a>')
            continue
        at = 0
        for m in _CODE.finditer(piece):
            out.append(text(piece[at : m.start()]) + f"<code>{text(m.group(1))}</code>")
            at = m.end()
        out.append(text(piece[at:]))
    return "".join(out)


_RELATIVE = re.compile(r"[A-Za-z0-9._~/#%+-]+")


def check_link(link: str) -> str:
    """``link`` (``--til-url``) when it is an http(s) URL or a relative path, else a usage error."""
    from studylog.errors import UsageError
    from studylog.links import safe_url

    if safe_url(link) or (_RELATIVE.fullmatch(link) and not link.startswith("//") and ":" not in link):
        return link
    raise UsageError(
        f"--til-url must be an http(s) URL or a relative path, not {link!r}",
        "for example: --til-url https://me.github.io/TIL/ or --til-url ../TIL/",
    )


def relative_link(page: str, target: str) -> str:
    """The link from the page at permalink ``page`` to the one at ``target``, relative (so that it
    works whatever the site's base URL): from ``/progress/`` to ``/TIL/`` it is ``../TIL/``."""
    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    link = posixpath.relpath("/" + target.lstrip("/"), base)
    return link + "/" if target.endswith("/") and not link.endswith("/") else link


def _day(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d:%a} {d.day} {d:%b}"


def _section(anchor: str, heading: str, body: str) -> str:
    return (
        f'<section id="{anchor}">\n<h2><a class="anchor" href="#{anchor}">{text(heading)}</a></h2>\n{body}\n</section>'
    )


def _summary(data: dict[str, Any], days: list[tuple[date, float]], h: Hours) -> str:
    total = sum(h for _, h in days)
    studied = sum(1 for _, h in days if h > 0)
    cal = data["calendars"][-1]
    streak = cal["current_streak"]
    return (
        '<p class="summary">'
        f'<span class="figure" id="year-hours" data-hours="{round(total, 2):g}">{h(total)}</span> '
        f'on <span class="figure" id="year-days" data-days="{studied}">{studied}</span> '
        f"day{'s' if studied != 1 else ''} in the last year · current streak "
        f'<span class="figure" id="streak" data-days="{streak}">{streak}</span> · longest '
        f'<span class="figure" id="longest-streak" data-days="{cal["longest_streak"]}">{cal["longest_streak"]}</span>'
        "</p>"
    )


def _plan_line(plan: dict[str, Any]) -> str:
    state = plan["state"]
    if plan["by"]:
        aim = f"finish by {plan['by']}"
        if plan["needed_hours_per_week"] is not None:
            aim += f", {plan['needed_hours_per_week']:.1f}h a week needed"
    else:
        aim = f"{plan['hours_per_week']:g}h a week, finishing {plan['planned_finish'] or 'when estimated'}"
    ahead = plan["ahead_days"]
    how = {
        "ahead": f"{ahead} day{'s' if ahead != 1 else ''} ahead",
        "behind": f"{-ahead} day{'s' if ahead != -1 else ''} behind" if ahead is not None else "behind",
        "on track": "on track",
        "done": "done",
    }.get(state, "cannot tell yet")
    pace = f"at your pace: {plan['finish_at_pace']}" if plan["finish_at_pace"] and state != "done" else ""
    return (
        f'<p class="plan state-{text(state.replace(" ", "-"))}" data-state="{text(state)}">Plan: {text(aim)} · '
        f"<strong>{text(how)}</strong>{' · ' + text(pace) if pace else ''}</p>"
    )


def _curricula(rows: list[dict[str, Any]], h: Hours) -> str:
    if not rows:
        return '<p class="empty">No curriculum started yet: log an item with <code>studylog done TEXT --item REF</code>.</p>'
    out = []
    for r in rows:
        percent = r["percent"]
        counted = r["total"] - r["skipped"]
        left = f" · {h(r['remaining_hours'])} left" if r["remaining_hours"] else ""
        if r["plan"]:
            outlook = _plan_line(r["plan"])
        elif r["forecast"]:
            outlook = (
                f'<p class="forecast">Finish around <strong>{r["forecast"]}</strong> ({text(r["forecast_note"])})</p>'
            )
        else:
            outlook = f'<p class="forecast">{text(r["forecast_note"].capitalize())}</p>'
        out.append(
            f'<article class="curriculum" id="curriculum-{text(r["id"])}" data-id="{text(r["id"])}" '
            f'data-percent="{percent:g}" data-hours="{r["hours"]:g}" data-complete="{r["complete"]}" '
            f'data-total="{r["total"]}">\n'
            f'<h3>{text(r["title"])} <span class="id">{text(r["id"])}</span></h3>\n'
            f'<div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="{percent:g}" '
            f'aria-label="{text(r["title"])}: {percent:g}%"><span style="width: {min(max(percent, 0), 100):g}%"></span></div>\n'
            f'<p class="figures"><strong>{percent:g}%</strong> · {r["complete"]} of {counted} items · '
            f"{h(r['hours'])} logged{left}</p>\n{outlook}\n</article>"
        )
    return '<div class="curricula">\n' + "\n".join(out) + "\n</div>"


def _change(hours: float, h: Hours) -> str:
    if not hours:
        return "as many hours as the week before"
    return f"{h(abs(hours))} {'more' if hours > 0 else 'less'} than the week before"


def _week(week: dict[str, Any], today: str, h: Hours) -> str:
    peak = max((d["hours"] for d in week["days"]), default=0) or 1
    rows = []
    for d in week["days"]:
        cls = ' class="today"' if d["date"] == today else ""
        rows.append(
            f'<tr{cls} data-date="{d["date"]}" data-hours="{d["hours"]:g}"><th scope="row">{_day(d["date"])}</th>'
            f'<td class="daybar"><span style="width: {100 * d["hours"] / peak:.1f}%"></span></td>'
            f'<td class="num">{h(d["hours"]) if d["hours"] else "–"}</td></tr>'
        )
    table = (
        '<table class="days"><caption class="sr">Hours per day this week</caption>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>"
    )
    goals = "".join(
        f'<li class="goal {text(g["state"])}" data-id="{g["id"]}" data-state="{text(g["state"])}">'
        f'<span class="mark" aria-hidden="true">{"✓" if g["state"] == "met" else "○"}</span> '
        f'{rich_text(g["text"])} <span class="when">{_day(g["date"])} · {text(g["state"])}</span></li>'
        for g in week["goals"]
    )
    done = "".join(
        f'<li class="done" data-id="{e["id"]}" data-hours="{(e["hours"] or 0):g}">{rich_text(e["text"])}'
        f'<span class="when">{_day(e["date"])}{" · " + h(e["hours"]) if e["hours"] else ""}</span></li>'
        for day in week["done"]
        for e in day["entries"]
    )
    total = week["total_hours"]
    head = (
        f'<p class="summary"><span class="figure" id="week-hours" data-hours="{total:g}">{h(total)}</span> '
        f"from {_day(week['start'])} to {_day(week['end'])} · goals met "
        f'<span class="figure" id="goals-met" data-met="{week["goals_met"]}" data-set="{week["goals_set"]}">'
        f"{week['goals_met']}/{week['goals_set']}</span> · {_change(week['change_hours'], h)}</p>"
    )
    lists = (
        f'<div class="lists"><div><h3>Goals</h3><ul class="goals">{goals or "<li class=empty>No goals set</li>"}</ul></div>'
        f'<div><h3>Done</h3><ul class="done-list">{done or "<li class=empty>Nothing done yet</li>"}</ul></div></div>'
    )
    targets = "".join(
        f'<li class="target{" met" if t["met"] else ""}" data-curriculum="{text(t["curriculum"] or "")}" '
        f'data-target="{t["target"]:g}" data-hours="{t["hours"]:g}">Target{" for " + text(t["curriculum"]) if t["curriculum"] else ""}: '
        f"{h(t['hours'])} of {h(t['target'])}{' · met' if t['met'] else ' · ' + h(t['left']) + ' to go'}</li>"
        for t in week.get("targets", [])
    )
    if targets:
        head += f'\n<ul class="targets">{targets}</ul>'
    return f'{head}\n<div class="week">\n{table}\n{lists}\n</div>'


def _til(lines: list[dict[str, Any]], til_url: str) -> str:
    if not lines:
        items = '<li class="empty">Nothing logged yet.</li>'
    else:
        items = "".join(
            f'<li data-id="{e["id"]}"><a class="date" href="{text(til_url)}">{e["date"]}</a> {rich_text(e["page_text"])}</li>'
            for e in lines
        )
    return (
        f'<ul class="til">{items}</ul>\n<p><a class="more" href="{text(til_url)}">All of it on the TIL page →</a></p>'
    )


def _stylesheet(scope: str, standalone: bool) -> str:
    s = scope
    levels = "\n".join(f"{s} .cell.l{n} {{ fill: {var(level)}; }}" for n, level in enumerate(LEVELS))
    page = f"body {{ margin: 0; background: {var('bg')}; }}\n" if standalone else ""
    return (
        css_variables(":root" if standalone else s)
        + page
        + f"""{s} {{ background: {var("bg")}; color: {var("fg")}; font-family: {SANS}; line-height: 1.5;
  max-width: 60rem; margin: 0 auto; padding: 1.25rem; box-sizing: border-box; }}
{s} *, {s} *::before {{ box-sizing: inherit; }}
{s} h1 {{ font-size: 1.6rem; margin: 0 0 0.25rem; }}
{s} h2 {{ font-size: 1.2rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid {var("border")}; padding-bottom: 0.25rem; }}
{s} h2 a.anchor {{ color: inherit; text-decoration: none; }}
{s} h3 {{ font-size: 1rem; margin: 0 0 0.35rem; }}
{s} a {{ color: {var("link")}; }}
{s} code {{ font-family: {FONT}; font-size: 0.9em; background: {var("surface")}; padding: 0 0.2em; border-radius: 3px; }}
{s} nav {{ display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.95rem; }}
{s} .muted, {s} .when, {s} .id, {s} .legend, {s} .axis, {s} footer {{ color: {var("muted")}; }}
{s} .summary {{ margin: 0.25rem 0 0.75rem; }}
{s} .figure {{ font-weight: 600; }}
{s} svg {{ display: block; max-width: 100%; height: auto; }}
{s} .scroll {{ overflow-x: auto; direction: rtl; }} /* a chart too wide starts at its newest end */
{s} .scroll > svg {{ direction: ltr; max-width: none; margin: 0 auto 0 0; }}
{s} svg text {{ font-family: {SANS}; font-size: 10px; fill: {var("muted")}; }}
{s} .cell {{ stroke: {var("bg")}; stroke-width: 0.5; }}
{levels}
{s} .legend {{ display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; font-size: 0.85rem; margin: 0.4rem 0; }}
{s} .swatch {{ display: inline-flex; align-items: center; gap: 0.3rem; }}
{s} .swatch svg {{ display: inline-block; }}
{s} .curricula {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.9rem; }}
{s} .curriculum {{ background: {var("surface")}; border: 1px solid {var("border")}; border-radius: 8px; padding: 0.8rem 0.9rem; }}
{s} .curriculum p {{ margin: 0.35rem 0 0; font-size: 0.92rem; }}
{s} .id {{ font-weight: normal; font-size: 0.85rem; font-family: {FONT}; }}
{s} .bar, {s} .daybar span {{ border-radius: 4px; }}
{s} .bar {{ height: 0.7rem; background: {var("level0")}; overflow: hidden; }}
{s} .bar span {{ display: block; height: 100%; background: {var("accent")}; }}
{s} .state-behind strong {{ color: {var("behind")}; }}
{s} .state-ahead strong, {s} .state-on-track strong, {s} .state-done strong {{ color: {var("accent")}; }}
{s} .week-bar {{ fill: {var("level3")}; }}
{s} .week-bar.missed {{ fill: {var("level1")}; }}
{s} .grid {{ stroke: {var("border")}; stroke-width: 1; }}
{s} .week {{ display: grid; grid-template-columns: minmax(14rem, 20rem) 1fr; gap: 1.25rem; align-items: start; }}
{s} table.days {{ border-collapse: collapse; width: 100%; font-size: 0.92rem; }}
{s} table.days th {{ text-align: left; font-weight: normal; padding: 0.15rem 0.5rem 0.15rem 0; white-space: nowrap; }}
{s} table.days tr.today th {{ font-weight: 700; }}
{s} td.daybar {{ width: 60%; }}
{s} td.daybar span {{ display: block; height: 0.65rem; background: {var("level3")}; }}
{s} td.num {{ text-align: right; padding-left: 0.5rem; font-variant-numeric: tabular-nums; white-space: nowrap; }}
{s} .lists {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }}
{s} ul {{ margin: 0; padding-left: 1.1rem; }}
{s} ul.goals, {s} ul.targets {{ list-style: none; padding-left: 0; }}
{s} ul.targets {{ margin: 0 0 0.75rem; }}
{s} .target.met {{ color: {var("accent")}; }}
{s} li {{ margin: 0.2rem 0; overflow-wrap: anywhere; }}
{s} .when {{ display: block; font-size: 0.82rem; }}
{s} .goal.met .mark {{ color: {var("accent")}; }}
{s} ul.til .date {{ font-family: {FONT}; font-size: 0.85rem; margin-right: 0.3rem; }}
{s} footer {{ margin-top: 2rem; font-size: 0.85rem; }}
{s} .sr {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
@media (max-width: 40rem) {{
  {s} {{ padding: 0.9rem; }}
  {s} .week, {s} .lists {{ grid-template-columns: 1fr; }}
}}
"""
    )


def render_site(
    data: dict[str, Any],
    today: date,
    til_url: str,
    jekyll: bool = False,
    layout: str = "page",
    permalink: str = "/progress/",
    hours_format: str = "decimal",
) -> str:
    """The page for ``data`` (``reports.site.site_report``) as of ``today``; its TIL lines link
    to ``til_url``. With ``jekyll``, YAML front matter (``layout``, title, ``permalink``) over a
    fragment the site's layout wraps (its title is the layout's to show); otherwise a whole HTML
    document. Hours are shown in ``hours_format`` (``decimal`` or ``hm``); the figures in the
    data attributes are always decimal, as in the JSON."""
    h = partial(hours_text, style=hours_format)
    scope = ".studylog-progress"
    days = last_days(data["calendars"], today)
    week_start = data["calendars"][-1]["week_start"]
    sections = [
        _section(
            "year",
            "The last year",
            _summary(data, days, h)
            + '\n<div class="scroll">'
            + heatmap(days, week_start, hours_format)
            + "</div>\n"
            + legend(),
        ),
        _section("curricula", "Curricula", _curricula(data["progress"], h)),
        _section(
            "weeks",
            f"Hours per week, the last {len(data['trend']['weeks'])} weeks",
            '<div class="scroll">' + week_bars(data["trend"]["weeks"], hours_format) + "</div>",
        ),
        _section("this-week", "This week", _week(data["week"], today.isoformat(), h)),
        _section("til", "Today I learnt", _til(data["til"], til_url)),
    ]
    nav = " ".join(
        f'<a href="#{anchor}">{label}</a>'
        for anchor, label in (
            ("year", "Year"),
            ("curricula", "Curricula"),
            ("weeks", "Weeks"),
            ("this-week", "This week"),
            ("til", "TIL"),
        )
    )
    body = (
        '<div class="studylog-progress">\n<header>\n'
        + ("" if jekyll else f"<h1>{TITLE}</h1>\n")
        + f'<p class="muted">As of {today:%A} {today.day} {today:%B %Y}</p>\n<nav aria-label="Sections">{nav}</nav>\n</header>\n'
        + "\n".join(sections)
        + f"\n<footer>Made with studylog from its own reports (<code>studylog calendar --json</code>, "
        f"<code>progress --json</code>, <code>week --json</code>) on {today.isoformat()}.</footer>\n</div>\n"
    )
    if jekyll:
        from studylog.exporters.til import _yaml_value

        front = f"---\nlayout: {_yaml_value(layout)}\ntitle: {_yaml_value(TITLE)}\npermalink: {_yaml_value(permalink)}\n---\n"
        return front + f"<style>\n{_stylesheet(scope, standalone=False)}</style>\n" + body
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{TITLE} · {today.isoformat()}</title>\n"
        f"<style>\n{_stylesheet(scope, standalone=True)}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
