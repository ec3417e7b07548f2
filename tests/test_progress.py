"""progress, next, stats: each figure against a hand-computed fixture (today is 2024-04-18)."""

from __future__ import annotations

import pytest

from conftest import golden


@pytest.fixture
def dlc_month(cli):
    """DLC chapters weigh 50h each (the middle of 20-80h). Chapter 1 complete with 20h logged
    (actual/estimate 0.4); 5h on chapter 2 and 6h on chapter 6 in the last 4 weeks; chapter 5
    skipped; an unlinked 2h entry; 1.5h on karpathy/1 started long ago."""
    cli("complete", "dlc/1", "--date", "2024-03-20", "--hours", "20", ok=True)
    cli("done", "scaling laws reading", "-i", "dlc/2", "-H", "5", "--date", "2024-04-10", ok=True)
    cli("start", "dlc/6", "--date", "2024-04-12", ok=True)
    cli("done", "PPO from scratch", "-i", "dlc/6", "-H", "6", "--date", "2024-04-15", ok=True)
    cli("skip", "dlc/5", ok=True)
    cli("done", "misc reading", "-H", "2", "--date", "2024-04-16", ok=True)
    cli("start", "karpathy/1", "--date", "2024-01-02", ok=True)
    cli("done", "micrograd part 1", "-i", "micrograd", "-H", "1.5", "--date", "2024-01-02", ok=True)
    cli("goal", "finish PPO", "-i", "dlc/6", "--date", "2024-04-15", ok=True)
    cli("goal", "read scaling laws", "--date", "2024-04-10", ok=True)
    cli("done", "read it", "--goal", "7", "--date", "2024-04-10", ok=True)


def test_progress_numbers(cli, dlc_month):
    rows = {r["id"]: r for r in cli("progress", "--json", ok=True).json()}
    assert set(rows) == {"dlc", "karpathy"}  # only curricula the learner has started on
    dlc = rows["dlc"]
    assert (dlc["total"], dlc["complete"], dlc["started"], dlc["skipped"]) == (9, 1, 2, 1)  # hours started dlc/2
    assert dlc["percent"] == 12.5  # 50 of 8 × 50 (skipped chapter 5 left out)
    assert dlc["hours"] == 31.0 and dlc["estimated_hours"] == 400.0
    assert dlc["ratio"] == 0.4  # 20h for a 50h chapter
    assert dlc["recent_hours"] == 11.0  # 5h + 6h since 2024-03-22
    assert dlc["remaining_hours"] == 129.0  # 5 × 20 + (20 - 5) + (20 - 6)
    assert dlc["forecast"] == "2025-03-13"  # ceil(129 / (11 / 28)) = 329 days
    karpathy = rows["karpathy"]
    assert karpathy["recent_hours"] == 0.0 and karpathy["forecast"] is None
    assert karpathy["forecast_note"] == "no estimates to forecast from (8 items left without one)"
    assert karpathy["ratio"] is None and karpathy["hours"] == 1.5


def test_progress_invents_no_estimates(cli):
    """Issue #16: Zero to Hero's lectures have lengths, not estimates. A lecture's length is not
    the time it takes to learn from it, so no item is given an estimate: percent is the share of
    items complete, the items without estimates are counted, and nothing is forecast from them."""
    cli("complete", "karpathy/6", "--hours", "3", ok=True)  # WaveNet, 56:22 of video
    k = cli("progress", "karpathy", "--json", ok=True).json()[0]
    assert (k["percent"], k["percent_by"], k["unestimated"]) == (12.5, "items", 8)
    assert (k["estimated_hours"], k["remaining_hours"], k["ratio"], k["forecast"]) == (0, 0, None, None)
    assert k["forecast_note"] == "no estimates to forecast from (7 items left without one)"
    assert "Hours logged 3h; no item has an estimate" in cli("progress", "karpathy", ok=True).stdout


def test_progress_with_some_estimates_counts_what_is_known(cli, isolated):
    from conftest import user_curriculum

    user_curriculum(
        isolated,
        "mixed.yaml",
        "id: mixed\ntitle: Mixed\nitems:\n"
        "  - {id: a, title: A, kind: lecture, estimate: 4}\n"
        "  - {id: b, title: B, kind: lecture, estimate: 2}\n"
        "  - {id: c, title: C, kind: lecture}\n",
    )
    cli("complete", "mixed/a", "--hours", "6", "--date", "2024-04-10", ok=True)
    cli("done", "some of b", "--hours", "1", "--item", "mixed/b", ok=True)
    m = cli("progress", "mixed", "--json", ok=True).json()[0]
    assert (m["percent"], m["percent_by"], m["unestimated"], m["estimated_hours"]) == (33.3, "items", 1, 6.0)
    assert m["ratio"] == 1.5  # 6h for a 4h item
    assert m["remaining_hours"] == 2.0  # b: 2h × 1.5 - 1h logged; c has no estimate
    assert m["forecast_note"].endswith("; leaves out 1 item without an estimate")
    items = {i["ref"]: i for i in m["items"]}
    assert (items["mixed/a"]["ratio"], items["mixed/b"]["ratio"], items["mixed/c"]["ratio"]) == (1.5, 0.5, None)
    out = cli("progress", "mixed", ok=True).stdout
    assert "1/3 complete, 33% of items" in out
    assert "of about 6h estimated (1 of 3 items have none)" in out
    assert "×1.50" in out and "×0.50" in out


def test_progress_all_and_item_table(cli, dlc_month):
    assert len(cli("progress", "--all", "--json", ok=True).json()) == 6
    detail = cli("progress", "dlc", "--json", ok=True).json()[0]
    items = {i["ref"]: i for i in detail["items"]}
    assert (items["dlc/1"]["status"], items["dlc/1"]["completed_on"], items["dlc/1"]["hours"]) == (
        "complete",
        "2024-03-20",
        20.0,
    )
    assert items["dlc/6"]["started_on"] == "2024-04-12"
    assert items["dlc/5"]["status"] == "skipped"
    assert items["dlc/2"]["estimate_hours"] == {"low": 20.0, "high": 80.0}


def test_progress_empty_store(cli):
    assert cli("progress", "--json", ok=True).json() == []
    assert "Nothing started yet" in cli("progress", ok=True).stdout


def test_next_order_and_reasons(cli, dlc_month):
    found = cli("next", "dlc", "--json", "--limit", "9", ok=True).json()
    assert [s["ref"] for s in found] == ["dlc/2", "dlc/6", "dlc/7", "dlc/4", "dlc/8", "dlc/9", "dlc/3"]
    # chapter 2 was never started by hand: the 5h logged on it on 04-10 started it that day
    assert found[0]["why"] == ["in progress since 2024-04-10", "work logged on it, last on 2024-04-10"]
    assert found[0]["url"].endswith("2-Scaling-Laws.md")
    assert found[1]["why"] == ["in progress since 2024-04-12", "work logged on it, last on 2024-04-15"]
    assert found[2]["why"][0] == "importance 4 of 9 in dlc's order"
    overall = cli("next", "--json", ok=True).json()
    assert [s["ref"] for s in overall] == ["dlc/2", "dlc/6", "karpathy/1", "dlc/7", "karpathy/2"]


def test_next_brings_helped_items_forward(cli):
    cli("complete", "dlc/6", ok=True)  # chapter 6 helps chapter 7
    found = cli("next", "dlc", "--json", ok=True).json()
    assert found[0]["ref"] == "dlc/1"  # importance 1 still comes first
    seven = next(s for s in found if s["ref"] == "dlc/7")
    assert "builds on dlc/6 (complete)" in seven["why"]


def test_next_follows_hard_prerequisites(cli, isolated):
    folder = isolated / "curricula"
    folder.mkdir(parents=True)
    (folder / "p.yaml").write_text(
        "id: p\ntitle: P\nurl: https://example.org\nitems:\n"
        "  - {id: a, title: A, kind: week}\n"
        "  - {id: b, title: B, kind: week, prerequisites: [a]}\n"
        "  - {id: c, title: C, kind: week, prerequisites: [b, 'dlc/1']}\n"
    )
    assert [s["ref"] for s in cli("next", "p", "--json", ok=True).json()] == ["p/a"]
    cli("complete", "p/a", ok=True)
    assert [s["ref"] for s in cli("next", "p", "--json", ok=True).json()] == ["p/b"]
    cli("complete", "p/b", ok=True)
    assert cli("next", "p", "--json", ok=True).json() == []  # c also needs dlc/1
    cli("complete", "dlc/1", ok=True)
    nxt = cli("next", "p", "--json", ok=True).json()
    assert [s["ref"] for s in nxt] == ["p/c"] and "prerequisites complete: p/b, dlc/1" in nxt[0]["why"]


def test_stats_numbers(cli, dlc_month):
    s = cli("stats", "--json", ok=True).json()
    assert s["total_hours"] == 34.5  # 20 + 5 + 6 + 2 + 1.5
    assert s["done_items"] == 6 and s["goals"] == 2 and s["goals_met"] == 1
    assert s["study_days"] == 5  # 01-02, 03-20, 04-10, 04-15, 04-16
    assert s["hours_per_study_day"] == 6.9
    assert s["items_completed"] == 1
    assert (s["first_day"], s["last_day"]) == ("2024-01-02", "2024-04-16")
    assert s["curricula"] == [
        {"id": "dlc", "hours": 31.0},
        {"id": None, "hours": 2.0},
        {"id": "karpathy", "hours": 1.5},
    ]
    assert s["months"] == [
        {"month": "2024-01", "hours": 1.5},
        {"month": "2024-03", "hours": 20.0},
        {"month": "2024-04", "hours": 13.0},
    ]


def test_goldens(cli, dlc_month):
    golden("progress.txt", cli("progress", ok=True).stdout)
    golden("progress-dlc.txt", cli("progress", "dlc", ok=True).stdout)
    golden("next.txt", cli("next", ok=True).stdout)
    golden("stats.txt", cli("stats", ok=True).stdout)


def test_svg_and_html(cli, dlc_month, tmp_path):
    svg, html = tmp_path / "p.svg", tmp_path / "p.html"
    cli("progress", "--svg", str(svg), "--html", str(html), ok=True)
    assert svg.read_text().startswith("<svg") and "dlc" in svg.read_text()
    assert "<html" in html.read_text().lower() and "dlc" in html.read_text()


def test_unknown_curriculum(cli):
    for cmd in ("progress", "next"):
        out = cli(cmd, "dcl", ok=False)
        assert out.exit_code == 2 and "unknown curriculum 'dcl'; did you mean dlc?" in out.stderr
