"""The documented JSON shapes (docs/json.md), pinned key by key."""

from __future__ import annotations

GOAL_KEYS = {
    "id",
    "date",
    "text",
    "item",
    "items",
    "period",
    "met",
    "met_on",
    "dropped_on",
    "state",
    "lapses_on",
    "notes",
    "tags",
}
DONE_KEYS = {"id", "date", "text", "hours", "item", "items", "period", "goal", "notes", "tags"}


def test_today_shape(cli):
    cli("goal", "g", "-i", "dlc/1", "--date", "yesterday", ok=True)
    cli("goal", "h", ok=True)
    cli("done", "d", "-H", "2", "-g", "2", "-n", "note", ok=True)
    data = cli("today", "--json", ok=True).json()
    assert set(data) == {"date", "goals", "carried_over", "done", "total_hours", "timer", "on_track"}
    assert set(data["goals"][0]) == GOAL_KEYS
    assert set(data["carried_over"][0]) == GOAL_KEYS
    assert set(data["done"][0]) == DONE_KEYS
    assert data["done"][0]["notes"] == [{"text": "note", "depth": 0}]
    assert data["done"][0]["goal"] == 2 and data["goals"][0]["met"] is True
    assert isinstance(data["total_hours"], float)
    assert cli("day", "2024-04-18", "--json", ok=True).json() == data


def test_log_shape(cli):
    cli("goal", "g", ok=True)
    cli("done", "d", ok=True)
    data = cli("log", "--json", ok=True).json()
    assert [e["kind"] for e in data] == ["done", "goal"]
    assert set(data[0]) == DONE_KEYS | {"kind"}
    assert set(data[1]) == GOAL_KEYS | {"kind", "hours"}
    assert data[1]["hours"] is None


def test_curricula_list_shape(cli):
    data = cli("curricula", "list", "--json", ok=True).json()
    assert [c["id"] for c in data] == ["3b1b", "aisf", "arena", "arena2", "dlc", "karpathy"]
    assert set(data[0]) == {"id", "title", "edition", "items", "url", "source", "file", "replaces"}
    dlc = next(c for c in data if c["id"] == "dlc")
    assert (dlc["items"], dlc["source"], dlc["replaces"]) == (9, "shipped", None)


def test_curricula_show_shape(cli):
    cli("start", "dlc/6", "--date", "2024-04-02", ok=True)
    data = cli("curricula", "show", "dlc", "--json", ok=True).json()
    assert set(data) == {"id", "title", "url", "edition", "author", "description", "items"}
    item = data["items"][5]
    assert set(item) == {
        "ref",
        "id",
        "title",
        "kind",
        "url",
        "estimate_hours",
        "duration",
        "importance",
        "prerequisites",
        "helps",
        "aliases",
        "optional",
        "status",
        "started_on",
        "completed_on",
        "skipped_on",
        "history",
        "readings",
    }
    assert item["history"] == [{"event": "started", "date": "2024-04-02"}]
    assert [set(r) for r in item["readings"]] == [{"ref", "title", "url", "optional", "status"}] * len(item["readings"])
    assert (item["ref"], item["status"], item["started_on"], item["importance"]) == (
        "dlc/6",
        "started",
        "2024-04-02",
        2,
    )
    assert item["estimate_hours"] == {"low": 20.0, "high": 80.0}
    assert data["items"][0]["helps"] == ["2", "3", "8", "9"]


def test_progress_next_stats_shapes(cli):
    cli("complete", "dlc/1", "-H", "20", ok=True)
    progress = cli("progress", "--json", ok=True).json()[0]
    assert set(progress) == {
        "id",
        "title",
        "total",
        "complete",
        "started",
        "skipped",
        "percent",
        "percent_by",
        "unestimated",
        "hours",
        "estimated_hours",
        "ratio",
        "recent_hours",
        "remaining_hours",
        "forecast",
        "forecast_note",
        "plan",
    }
    detail = cli("progress", "dlc", "--json", ok=True).json()[0]
    assert set(detail) == set(progress) | {"items"}
    assert set(detail["items"][0]) == {
        "ref",
        "title",
        "status",
        "started_on",
        "completed_on",
        "skipped_on",
        "hours",
        "estimate_hours",
        "ratio",
        "history",
        "readings",
    }
    assert detail["items"][0]["readings"] == {
        "recommended_done": 0,
        "recommended": 1,
        "optional_done": 0,
        "optional": 0,
    }
    assert detail["items"][0]["history"] == [
        {"event": "started", "date": "2024-04-18"},
        {"event": "completed", "date": "2024-04-18"},
    ]
    suggestion = cli("next", "--json", ok=True).json()[0]
    assert set(suggestion) == {"ref", "title", "url", "status", "estimate_hours", "duration", "why"}
    stats = cli("stats", "--json", ok=True).json()
    assert set(stats) == {
        "total_hours",
        "done_items",
        "goals",
        "goals_met",
        "study_days",
        "items_completed",
        "hours_per_study_day",
        "first_day",
        "last_day",
        "curricula",
        "months",
    }
    doctor = cli("doctor", "--json", ok=True).json()
    assert set(doctor) == {"healthy", "findings"}
    assert set(doctor["findings"][0]) == {"check", "ok", "message", "fix", "fixed"}


def test_import_report_shape(cli, tmp_path):
    cli("done", "read the DPO paper (2h)", "--hours", "1", "--date", "2024-03-01", ok=True)
    cli("done", "read the ORPO paper", "--date", "2024-03-01", ok=True)
    log = tmp_path / "log.md"
    log.write_text(
        "## 2024-03-01\n- read the DPO paper (2h)\n- read the ORPO paper\n"
        "- Finished week0_d2_cnn and week0_d3_resnet (3h)\n"
    )
    data = cli("import", "markdown", str(log), "--json", ok=True).json()
    assert set(data) == {
        "format",
        "detected_because",
        "entries",
        "added",
        "already_imported",
        "days",
        "hours",
        "matched",
        "conflicts",
        "statuses",
        "linked",
        "dry_run",
        "sections",
        "skipped_lines",
        "doubtful",
        "problems",
    }
    assert (data["sections"], data["skipped_lines"], data["doubtful"]) == (1, {}, 0)
    assert (data["added"], data["matched"], data["already_imported"]) == (1, 1, 0)
    assert data["conflicts"] == [
        {
            "line": 2,
            "kind": "done",
            "day": "2024-03-01",
            "text": "read the DPO paper (2h)",
            "hours": 2.0,
            "stored_hours": 1.0,
        }
    ]
    assert data["linked"] == [
        {
            "line": 4,
            "item": "arena2/0.2",
            "items": ["arena2/0.2", "arena2/0.3"],
            "text": "Finished week0_d2_cnn and week0_d3_resnet (3h)",
        }
    ]
    assert data["statuses"] == [
        {"item": "arena2/0.2", "status": "complete", "date": "2024-03-01", "line": 4},
        {"item": "arena2/0.3", "status": "complete", "date": "2024-03-01", "line": 4},
    ]
    done = next(e for e in cli("log", "--json", ok=True).json() if e["text"].startswith("Finished"))
    assert (done["item"], done["items"], done["hours"]) == ("arena2/0.2", ["arena2/0.2", "arena2/0.3"], 3.0)
