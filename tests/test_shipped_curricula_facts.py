"""Pin key facts of the shipped curriculum files (curriculum/*.yaml) so edits cannot silently drift."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from studylog.curriculum.model import Curriculum, Item

CURRICULUM_DIR = Path(__file__).parents[1] / "curriculum"
SHIPPED = ["dlc", "arena", "arena2", "karpathy", "aisf", "3b1b"]


def load(name: str) -> Curriculum:
    with open(CURRICULUM_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        return Curriculum.model_validate(yaml.safe_load(fh))


def by_id(cur: Curriculum) -> dict:
    return {item.id: item for item in cur.items}


def alias_owner(cur: Curriculum, alias: str) -> str | None:
    for item in cur.items:
        if alias.lower() in (a.lower() for a in item.aliases):
            return item.id
    return None


@pytest.mark.parametrize("name", SHIPPED)
def test_each_file_validates_and_id_matches_file_name(name: str) -> None:
    cur = load(name)
    assert cur.id == name
    assert cur.format == 1
    assert cur.sources, "every curriculum names its sources"


@pytest.mark.parametrize("name", SHIPPED)
def test_secondary_lists_only_name_item_fields(name: str) -> None:
    fields = set(Item.model_fields)
    for item in load(name).items:
        assert set(item.secondary) <= fields, (name, item.id, item.secondary)


def test_dlc_chapters_importance_and_helps() -> None:
    cur = load("dlc")
    assert cur.edition == "2022-07"
    assert [i.id for i in cur.items] == [str(n) for n in range(1, 10)]
    assert all(i.kind == "chapter" for i in cur.items)
    ranked = sorted(cur.items, key=lambda i: i.importance)
    assert [i.id for i in ranked] == ["1", "6", "2", "7", "4", "8", "9", "3", "5"]
    items = by_id(cur)
    assert set(items["1"].helps) == {"2", "3", "8", "9"}
    assert set(items["6"].helps) == {"7"}
    assert all(not i.prerequisites for i in cur.items)
    assert all(i.id in ("1", "6") or not i.helps for i in cur.items)
    assert items["1"].title == "Chapter 1: Transformers"
    assert items["1"].url == "https://github.com/jacobhilton/deep_learning_curriculum/blob/master/1-Transformers.md"
    for item in cur.items:
        assert (item.estimate.low, item.estimate.high) == (20, 80)
        assert len(item.readings.recommended) == 1
        assert item.exercise
    assert items["3"].notes and items["5"].notes


def test_arena3_sections() -> None:
    cur = load("arena")
    items = by_id(cur)
    assert {"0.0", "0.5", "1.1", "1.2", "1.3.1", "1.4.2", "1.5.3", "2.4", "3.1", "3.4"} <= set(items)
    assert {i.id.split(".")[0] for i in cur.items} == {"0", "1", "2", "3"}
    assert all(i.kind == "section" for i in cur.items)
    assert items["0.1"].title == "Ray Tracing"
    assert items["3.4"].title == "LLM Agents"
    # README: in Chapter 1 everything except the first two exercise sets is optional
    assert not items["1.1"].optional and not items["1.2"].optional
    assert all(i.optional for i in cur.items if i.id.startswith("1.") and i.id not in ("1.1", "1.2"))
    assert all(not i.optional for i in cur.items if not i.id.startswith("1."))
    assert items["0.0"].url == "https://arena-chapter0-fundamentals.streamlit.app/"
    assert items["3.4"].url == "https://arena-chapter3-llm-evals.streamlit.app/"


def test_arena2_sections_and_learner_aliases() -> None:
    cur = load("arena2")
    ids = [i.id for i in cur.items]
    assert ids == [
        "0.1",
        "0.2",
        "0.3",
        "0.4",
        "0.5",
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "1.6",
        "1.7",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "3.3",
    ]
    assert alias_owner(cur, "week0_d2_cnn") == "0.2"
    assert alias_owner(cur, "week0_d3_resnet") == "0.3"
    assert alias_owner(cur, "week0_d4_optimization") == "0.4"
    assert alias_owner(cur, "week0_d5_backprop") == "0.5"
    assert alias_owner(cur, "week1_d1_transformer") == "1.1"
    assert alias_owner(cur, "week1_d2_mechanistic_interpretability") == "1.2"
    assert alias_owner(cur, "week2_d1_intro_to_RL") == "2.1"
    assert alias_owner(cur, "week2_deep_Q_Learning") == "2.2"
    assert alias_owner(cur, "week2_PPO") == "2.3"
    assert alias_owner(cur, "w1d7") == "1.7"
    assert alias_owner(cur, "week3_d3") == "3.3"
    assert by_id(cur)["0.1"].url == "https://arena-ch0-fundamentals.streamlit.app/"


def test_karpathy_lectures() -> None:
    cur = load("karpathy")
    items = by_id(cur)
    assert [i.id for i in cur.items] == [str(n) for n in range(1, 9)]
    assert all(i.kind == "lecture" for i in cur.items)
    assert alias_owner(cur, "makemore-4") == "5"
    assert "Becoming a Backprop Ninja" in items["5"].title
    assert alias_owner(cur, "makemore-5") == "6"  # makemore part N is lecture N+1
    assert alias_owner(cur, "micrograd") == "1"
    assert all(i.importance is None for i in cur.items)
    for n in range(1, 8):
        assert items[str(n)].helps == [str(n + 1)]
    assert all("duration" in i.secondary for i in cur.items if i.duration)
    assert not any("GPT-2" in i.title for i in cur.items)


def test_aisf_weeks() -> None:
    cur = load("aisf")
    items = by_id(cur)
    assert [i.id for i in cur.items] == [str(n) for n in range(8)]
    assert all(i.kind == "week" for i in cur.items)
    assert items["0"].optional
    assert all(not i.optional for i in cur.items if i.id != "0")
    # session URLs only for sessions confirmed (2-6) or secondary (1)
    assert {i.id for i in cur.items if i.url} == {"1", "2", "3", "4", "5", "6"}
    assert "url" in items["1"].secondary
    assert alias_owner(cur, "aisf-week-3") == "3"
    assert all("estimate" in i.secondary for i in cur.items if i.estimate)


def test_3b1b_videos() -> None:
    cur = load("3b1b")
    items = by_id(cur)
    assert [i.id for i in cur.items] == [str(n) for n in range(1, 8)]
    # unconfirmed video IDs (ch 5, 6) and unconfirmed durations are not shipped
    assert items["5"].url is None and items["6"].url is None
    assert {i.id for i in cur.items if i.duration} == {"5", "7"}
    assert items["5"].duration == "0:27:14" and items["7"].duration == "0:22:42"
    assert items["1"].url == "https://www.youtube.com/watch?v=aircAruvnKk"
