"""The progress page (``export site``) in a real browser: Debian's Chromium, driven by Playwright
(no browser download: ``playwright install`` is never run). The page loads from file:// with no
console error and no request that fails or leaves the file system; every chart is there; the
figures it shows are those of ``calendar --json``, ``progress --json``, ``week --json`` and ``week
--weeks 26 --json``; its links resolve; it fits a phone's width; and it is photographed at 1280
and 390 pixels wide (into STUDYLOG_SCREENSHOTS, else the test's folder; with
STUDYLOG_UPDATE_GOLDEN=1 also into docs/ for the README).

Skipped only away from CI when Playwright or Chromium is missing; under CI (``CI`` set) their
absence fails the test."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPO, TODAY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM:
        return "Chromium is not installed (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test cannot run under CI: {missing}")
        pytest.skip(f"no browser test here: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def site(cli, tmp_path):
    """A store with two weeks of study across the new year (TODAY is 2024-04-18), curriculum
    items done and complete, goals met and open, and a plan; its progress page and TIL page."""
    day = date.fromisoformat(TODAY)
    for n, hours in enumerate((0.5, 1.5, 3, 5, 0.75, 2, 1.25, 4.5, 2.5, 1, 3.5)):
        when = day - timedelta(days=3 * n)
        cli(
            "done",
            f"studied part {n}",
            "-H",
            str(hours),
            "-i",
            "dlc/1" if n % 2 else "karpathy/1",
            "-d",
            when.isoformat(),
            ok=True,
        )
    cli("done", "read https://arxiv.org/abs/1706.03762 (attention)", "-H", "1", "-d", "2023-12-30", ok=True)
    cli(
        "done",
        "notes with `code` and [a link](https://example.com/notes?a=1&b=2) <b>not bold</b>",
        "-d",
        TODAY,
        ok=True,
    )
    goal = re.search(r"#(\d+)", cli("goal", "finish makemore part 1", ok=True).stdout).group(1)
    cli("goal", "read the attention paper", "-d", "2024-04-15", ok=True)
    cli("done", "makemore part 1 finished", "-H", "2", "-i", "karpathy/1", "-g", goal, ok=True)
    cli("complete", "karpathy/1", ok=True)
    cli("start", "dlc/1", ok=True)
    cli("plan", "dlc", "--by", "2024-09-30", ok=True)
    out = tmp_path / "site"
    cli("export", "til", "--out", str(out / "til.md"), ok=True)
    cli("export", "site", "--dir", str(out), ok=True)
    return out


def _json(cli, *args):
    return cli(*args, "--json", ok=True).json()


def _open(browser, page_file: Path, width: int, scheme: str = "light"):
    """The page at ``width`` pixels, and what went wrong loading it."""
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("request", lambda r: None if r.url.startswith("file://") else problems.append(f"network: {r.url}"))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def _screenshot(page, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("STUDYLOG_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    if os.environ.get("STUDYLOG_UPDATE_GOLDEN"):
        shutil.copyfile(path, REPO / "docs" / name)
    return path


def test_the_page_shows_what_the_json_says(browser, site, cli, tmp_path):
    page, problems = _open(browser, site / "index.html", 1280)
    assert page.title() == f"Study progress · {TODAY}"

    # the heatmap: the 365 days up to today, each with the hours calendar --json gives it
    calendars = {d["date"]: d["hours"] for y in ("2023", "2024") for d in _json(cli, "calendar", "--year", y)["days"]}
    today = date.fromisoformat(TODAY)
    expected = {(today - timedelta(days=n)).isoformat() for n in range(365)}
    cells = page.eval_on_selector_all(
        "svg.heatmap rect.cell",
        "els => els.map(e => [e.dataset.date, Number(e.dataset.hours), e.querySelector('title').textContent])",
    )
    assert {c[0] for c in cells} == expected and len(cells) == 365
    for day, hours, tip in cells:
        assert hours == calendars[day], day
        assert tip.endswith(f"{day}: {hours:g}h"), tip
    assert sum(h for _, h, _ in cells) > 0 and calendars["2023-12-30"] == 1.0
    summary = page.get_attribute("#year-hours", "data-hours")
    assert float(summary) == pytest.approx(sum(calendars[d] for d in expected))
    cal = _json(cli, "calendar")
    assert page.get_attribute("#streak", "data-days") == str(cal["current_streak"])
    assert page.get_attribute("#longest-streak", "data-days") == str(cal["longest_streak"])

    # each curriculum started: its percent, hours and items, and its plan
    progress = _json(cli, "progress")
    shown = page.eval_on_selector_all(
        "article.curriculum",
        "els => els.map(e => [e.dataset.id, Number(e.dataset.percent), Number(e.dataset.hours), "
        "Number(e.dataset.complete), e.innerText, e.querySelector('[role=progressbar]').getAttribute('aria-valuenow')])",
    )
    assert [s[0] for s in shown] == [p["id"] for p in progress] == ["dlc", "karpathy"]
    for (cid, percent, hours, complete, visible, now), p in zip(shown, progress, strict=True):
        assert (percent, hours, complete) == (p["percent"], p["hours"], p["complete"]), cid
        assert f"{p['percent']:g}%" in visible and float(now) == p["percent"]
        if p["plan"]:
            assert f"finish by {p['plan']['by']}" in visible and cid == "dlc"
        elif p["forecast"]:
            assert p["forecast"] in visible

    # hours per week: the 26 weeks of week --weeks 26
    trend = _json(cli, "week", "--weeks", "26")
    bars = page.eval_on_selector_all(
        "svg.weeks rect.week-bar", "els => els.map(e => [e.dataset.start, Number(e.dataset.hours)])"
    )
    assert bars == [[w["start"], w["hours"]] for w in trend["weeks"]]

    # this week: its days, total, goals and done items, as week --json has them
    week = _json(cli, "week")
    days = page.eval_on_selector_all("table.days tr", "els => els.map(e => [e.dataset.date, Number(e.dataset.hours)])")
    assert days == [[d["date"], d["hours"]] for d in week["days"]]
    assert float(page.get_attribute("#week-hours", "data-hours")) == week["total_hours"]
    assert page.get_attribute("#goals-met", "data-met") == str(week["goals_met"]) == "1"
    assert page.get_attribute("#goals-met", "data-set") == str(week["goals_set"]) == "2"
    states = page.eval_on_selector_all("li.goal", "els => els.map(e => [Number(e.dataset.id), e.dataset.state])")
    assert states == [[g["id"], g["state"]] for g in week["goals"]]
    done = page.eval_on_selector_all("li.done", "els => els.map(e => Number(e.dataset.id))")
    assert done == [e["id"] for d in week["done"] for e in d["entries"]]
    assert "<b>not bold</b>" in page.inner_text("ul.done-list")  # text, escaped: no markup of the learner's
    assert page.inner_text("ul.done-list code") == "code"

    # the latest TIL lines: the newest done items, as log shows them
    latest = cli("log", "--kind", "done", "--limit", "8", "--json", ok=True).json()
    assert page.eval_on_selector_all("ul.til li", "els => els.map(e => Number(e.dataset.id))") == [
        e["id"] for e in latest
    ]

    # links: anchors exist, external links are well-formed http(s), relative ones are files here
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert "https://example.com/notes?a=1&b=2" in hrefs and "til.md" in hrefs
    for href in hrefs:
        if href.startswith("#"):
            assert page.query_selector(f"[id='{href[1:]}']") is not None, href
        elif href.startswith(("http://", "https://")):
            parts = urlsplit(href)
            assert parts.netloc and " " not in href, href
        else:
            assert "://" not in href and (site / unquote(href)).is_file(), href
    assert not problems, problems
    _screenshot(page, "progress-page.png", tmp_path)
    page.close()


def test_the_page_fits_a_phone_and_has_a_dark_theme(browser, site, tmp_path):
    page, problems = _open(browser, site / "index.html", 390)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a phone"
    for selector in ("svg.heatmap", "svg.weeks", "article.curriculum", "table.days", "ul.til"):
        assert page.is_visible(selector), selector
    _screenshot(page, "progress-page-phone.png", tmp_path)
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.close()
    dark, more = _open(browser, site / "index.html", 390, scheme="dark")
    assert light == "rgb(255, 255, 255)"
    assert dark.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(13, 17, 23)"
    levels = dark.eval_on_selector_all(".legend rect.cell", "els => els.map(e => getComputedStyle(e).fill)")
    assert len(set(levels)) == 5  # each level its own colour, in the dark theme too
    assert not problems and not more, problems + more
    dark.close()
