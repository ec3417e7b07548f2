"""start, complete, skip: item status with dates, shown by curricula show."""

from __future__ import annotations


def _status(cli, ref: str) -> dict:
    cid = ref.split("/")[0]
    items = cli("curricula", "show", cid, "--json", ok=True).json()["items"]
    return next(i for i in items if i["ref"] == ref)


def test_start_complete_skip(cli):
    assert cli("start", "dlc/1", "--date", "2024-04-01", ok=True).stdout == (
        "Started dlc/1 Chapter 1: Transformers on 2024-04-01\n"
    )
    s = _status(cli, "dlc/1")
    assert (s["status"], s["started_on"], s["completed_on"]) == ("started", "2024-04-01", None)
    cli("complete", "dlc-t1", "--hours", "20", ok=True)
    s = _status(cli, "dlc/1")
    assert (s["status"], s["started_on"], s["completed_on"]) == ("complete", "2024-04-01", "2024-04-18")
    done = cli("log", "--json", ok=True).json()
    assert [(d["text"], d["hours"], d["item"]) for d in done] == [("Completed Chapter 1: Transformers", 20.0, "dlc/1")]
    cli("skip", "dlc/5", ok=True)
    assert _status(cli, "dlc/5")["status"] == "skipped"
    assert _status(cli, "dlc/5")["skipped_on"] == "2024-04-18"


def test_complete_without_start_sets_both_dates(cli):
    cli("complete", "karpathy/makemore-4", "--date", "yesterday", ok=True)
    s = _status(cli, "karpathy/5")
    assert (s["started_on"], s["completed_on"]) == ("2024-04-17", "2024-04-17")
    assert cli("log", "--json", ok=True).json() == []  # no hours, no done item


def test_aliases_resolve_to_their_items(cli):
    for alias, ref in [
        ("week0_d2_cnn", "arena2/0.2"),
        ("w0d2", "arena2/0.2"),
        ("week1_d1_transformer", "arena2/1.1"),
        ("week2_d1_intro_to_RL", "arena2/2.1"),
        ("makemore-4", "karpathy/5"),
        ("ARENA/0.2", "arena/0.2"),
    ]:
        out = cli("start", alias, ok=True)
        assert out.stdout.startswith(f"Started {ref} "), (alias, out.stdout)


def test_restart_keeps_earliest_start(cli):
    cli("start", "dlc/2", "--date", "2024-04-02", ok=True)
    cli("start", "dlc/2", "--date", "2024-04-10", ok=True)
    assert _status(cli, "dlc/2")["started_on"] == "2024-04-02"
