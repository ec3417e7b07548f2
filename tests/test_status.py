"""A bare studylog (the dashboard) and studylog status --format (issue #16)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def env_at(moment: str) -> dict[str, str]:
    return {"STUDYLOG_NOW": moment, "STUDYLOG_TODAY": moment[:10]}


def test_a_bare_studylog_is_the_dashboard(cli):
    cli("config", "set", "target.week", "15h", ok=True)
    cli("goal", "finish DPO", ok=True)
    cli("done", "read the DPO paper", "--hours", "1.5", "--item", "dlc/1", ok=True)
    cli("plan", "dlc", "--by", "2024-05-01", ok=True)
    cli("timer", "start", "exercises", "--item", "dlc/2", env=env_at("2024-04-18T14:00"), ok=True)
    out = cli(env=env_at("2024-04-18T14:45"), ok=True)
    lines = out.stdout.splitlines()
    assert lines[0].startswith("Thursday 18 April 2024") and lines[0].endswith("streak 1 day")
    assert lines[1] == "Today 1.5h · 1 done · goals 0/1 met"
    assert "  ○ finish DPO" in lines and "Timer since 14:00 (0.75h): exercises" in lines
    assert any(line.startswith("Week 1.5h of 15h") for line in lines)
    assert "Next" in lines and any(line.startswith("Behind plan: dlc") for line in lines)
    assert out.stdout == cli("status", env=env_at("2024-04-18T14:45"), ok=True).stdout


def test_the_dashboard_fits_80_by_24(cli):
    for n in range(12):
        cli("goal", f"goal number {n} with a rather long text " + "x" * 60, ok=True)
        cli("done", f"done number {n} " + "y" * 90, "--hours", "0.5", ok=True)
    lines = cli(ok=True).stdout.splitlines()
    assert len(lines) <= 24
    assert max(len(line) for line in lines) <= 80
    assert "  … and 8 more goals ('studylog today')" in lines


def test_status_format_for_a_prompt(cli):
    cli("done", "read", "--hours", "1.5", ok=True)
    cli("timer", "start", "exercises", env=env_at("2024-04-18T14:00"), ok=True)
    out = cli(
        "status",
        "--format",
        "{today_hours} {streak}d {timer}:{timer_minutes} [{next}]",
        env=env_at("2024-04-18T14:30"),
        ok=True,
    )
    assert out.stdout == "1.5h 1d exercises:30 [karpathy/1]\n" or out.stdout.startswith("1.5h 1d exercises:30 [")
    bad = cli("status", "--format", "{nope}", ok=False)
    assert bad.exit_code == 2 and "its fields are {date}, {today_hours}" in bad.stderr
    assert "cannot be combined" in cli("status", "--format", "x", "--json", ok=False).stderr


def test_status_json(cli):
    cli("done", "read", "--hours", "2", "--date", "monday", ok=True)
    data = cli("status", "--json", ok=True).json()
    assert set(data) == {"date", "today", "week", "streak", "timer", "next", "behind"}
    assert [d["hours"] for d in data["week"]["days"]] == [2.0, 0, 0, 0, 0, 0, 0]
    assert (data["week"]["hours"], data["week"]["target"], data["timer"], data["behind"]) == (2.0, None, None, [])


def test_a_bare_studylog_through_the_fast_path_exits_0(isolated):
    found = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv = ['studylog']; from studylog.cli import main; main()"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("Thursday 18 April 2024")
