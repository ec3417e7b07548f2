"""One store, several learners: each sees their own; --all-owners shows the group side by side."""

from __future__ import annotations


def test_log_and_progress_all_owners(cli):
    alice, bob = {"STUDYLOG_OWNER": "alice"}, {"STUDYLOG_OWNER": "bob"}
    cli("done", "alice reads", "-i", "dlc/1", "-H", "2", env=alice, ok=True)
    cli("complete", "dlc/1", env=alice, ok=True)
    cli("done", "bob watches", "-i", "karpathy/1", "-H", "1", env=bob, ok=True)
    assert [e["text"] for e in cli("log", "--json", env=alice).json()] == ["alice reads"]
    both = cli("log", "--all-owners", "--json", env=alice, ok=True).json()
    assert sorted((e["owner"], e["text"]) for e in both) == [("alice", "alice reads"), ("bob", "bob watches")]
    text = cli("log", "--all-owners", env=alice, ok=True).stdout
    assert "alice" in text and "bob" in text
    group = cli("progress", "--all-owners", "--json", env=bob, ok=True).json()
    assert set(group) == {"alice", "bob"}
    assert [(r["id"], r["complete"]) for r in group["alice"]] == [("dlc", 1)]
    assert [(r["id"], r["hours"]) for r in group["bob"]] == [("karpathy", 1.0)]
    table = cli("progress", "--all-owners", env=bob, ok=True).stdout
    assert table.splitlines()[1].startswith("alice") and "bob" in table
