"""Curriculum validation: every problem as FILE:LINE:COL: field.path: message, and the CLI."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from studylog.curriculum.validate import check_file, load_file
from studylog.errors import CurriculumError

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted([*(REPO / "curriculum").glob("*.yaml"), *(REPO / "examples").glob("*.yaml")])

HEAD = """\
id: demo
title: Demo
url: https://example.com
items:
"""  # four lines: the first item starts on line 5


def write(tmp_path: Path, text: str, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    curriculum, problems = check_file(path)
    assert curriculum is None
    assert problems
    return problems


# --- a valid file -------------------------------------------------------------------------------


def test_valid_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - id: 1
    title: One
    kind: chapter
    estimate: "20-80"
    importance: 1
    aliases: [first]
  - id: two
    title: Two
    kind: lecture
    estimate: 3
    duration: "1:02:03"
    prerequisites: [1]
    helps: [other/thing]
""",
    )
    curriculum, problems = check_file(path)
    assert problems == []
    assert curriculum is not None
    assert curriculum.id == "demo"
    assert [i.id for i in curriculum.items] == ["1", "two"]
    assert curriculum.items[0].estimate.low == 20 and curriculum.items[0].estimate.high == 80
    assert curriculum.items[1].prerequisites == ["1"]
    assert load_file(path).id == "demo"


# --- schema problems, with exact positions -----------------------------------------------------


def test_unknown_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - id: a
    title: A
    bogus: 3
    kind: chapter
""",
    )
    assert problems_of(path) == [f"{path}:7:5: items[0].bogus: unknown field 'bogus'"]


def test_unknown_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\ntitel: Demo\ntitle: Demo\nurl: u\nitems:\n  - {id: a, title: A, kind: day}\n")
    assert problems_of(path) == [f"{path}:2:1: titel: unknown field 'titel'"]


def test_missing_required_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - id: a
    kind: chapter
""",
    )
    # points at the item that lacks the field
    assert problems_of(path) == [f"{path}:5:5: items[0].title: required field is missing"]


def test_missing_top_level_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\ntitle: Demo\n")
    assert problems_of(path) == [
        f"{path}:1:1: items: required field is missing",  # a url is optional (issue #14)
    ]


def test_bad_kind(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - id: a
    title: A
    kind: novel
""",
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:7:5: items[0].kind: Input should be 'chapter', ")
    assert "'lecture'" in problem


def test_empty_items(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD.replace("items:\n", "items: []\n"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:4:1: items: List should have at least 1 item")


def test_float_id_asks_to_quote(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - id: 0.2
    title: A
    kind: chapter
""",
    )
    assert problems_of(path) == [
        f'{path}:5:5: items[0].id: write this id as a quoted string ("0.2"), since YAML reads it as a number'
    ]


def test_float_prerequisite_asks_to_quote(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - id: a
    title: A
    kind: chapter
    prerequisites: [1.10]
""",
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:8:5: items[0].prerequisites: write this id as a quoted string")


def test_quoted_float_like_id_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '  - {id: "0.2", title: A, kind: chapter}\n')
    curriculum, problems = check_file(path)
    assert problems == [] and curriculum.items[0].id == "0.2"


@pytest.mark.parametrize(("estimate", "low", "high"), [('"80-20"', 80.0, 20.0), ("[5, 2]", 5.0, 2.0)])
def test_estimate_range_high_below_low(tmp_path: Path, estimate: str, low: float, high: float) -> None:
    path = write(
        tmp_path,
        HEAD
        + f"""\
  - id: a
    title: A
    kind: chapter
    estimate: {estimate}
""",
    )
    assert problems_of(path) == [f"{path}:8:5: items[0].estimate: high ({high}) is below low ({low})"]


def test_all_problems_are_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - id: a
    title: A
    bogus: 3
    kind: chapter
  - id: b
    kind: chapter
  - id: c
    title: C
    kind: novel
    estimate: "9-1"
""",
    )
    problems = problems_of(path)
    assert problems[:3] == [
        f"{path}:7:5: items[0].bogus: unknown field 'bogus'",
        f"{path}:9:5: items[1].title: required field is missing",
        f"{path}:13:5: items[2].kind: Input should be 'chapter', 'section', 'day', 'week', 'lecture', "
        "'module', 'unit', 'lesson', 'reading', 'project', 'exercise', 'video', 'topic', 'part', 'paper', "
        "'post', 'talk', 'course', 'book' or 'other'",
    ]
    assert problems[3] == f"{path}:14:5: items[2].estimate: high (1.0) is below low (9.0)"
    assert len(problems) == 4


def test_load_file_raises_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  - {id: a, kind: chapter, x: 1}\n")
    with pytest.raises(CurriculumError) as info:
        load_file(path)
    assert len(info.value.problems) == 2
    assert "(and 1 more; run 'studylog curricula validate" in info.value.message


# --- problems the YAML reader finds ------------------------------------------------------------


def test_malformed_yaml_unclosed_bracket(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\ntitle: [Demo\nurl: x\n")
    # PyYAML's problem mark: where the parser gave up looking for ',' or ']'
    assert problems_of(path) == [f"{path}:3:4: malformed YAML: did not find expected ',' or ']'"]


def test_malformed_yaml_bad_indentation(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\n  title: Demo\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:2:8: malformed YAML: ")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    assert problems_of(path) == [f"{path}:1:1: file is empty; a curriculum needs id, title and items (and a url)"]


@pytest.mark.parametrize("text", ["- a\n- b\n", "hello\n", "42\n"])
def test_top_level_not_a_mapping(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    assert problems_of(path) == [f"{path}:1:1: (file): a curriculum is a mapping with id, title and items (and a url)"]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"id: d\xe9mo\n")
    assert problems_of(path) == [f"{path}:1:1: file is not UTF-8 text"]


# Duplicate keys are reported at the second occurrence of the key, with the key's field path.


def test_duplicate_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\ntitle: Demo\nurl: u\ntitle: Again\nitems:\n  - {id: a, title: A, kind: day}\n")
    assert problems_of(path) == [f"{path}:4:1: title: duplicate key 'title'"]


def test_duplicate_key_in_item(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - id: a
    title: A
    kind: chapter
    title: B
""",
    )
    assert problems_of(path) == [f"{path}:8:5: items[0].title: duplicate key 'title'"]


MERGE = (
    HEAD
    + """\
  - &base {id: a, title: A, kind: chapter}
  - <<: *base
    id: b
"""
)


def test_merge_keys_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, MERGE)
    problems = problems_of(path)
    # at the '<<' key (line 6, column 5); the merge is not applied
    assert problems[0] == f"{path}:6:5: items[1].<<: YAML merge keys (<<) are not supported in curricula"


def test_every_duplicate_key_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path, "id: demo\nid: demo\ntitle: Demo\ntitle: Demo\nurl: u\nitems:\n  - {id: a, title: A, kind: day}\n"
    )
    assert problems_of(path) == [
        f"{path}:2:1: id: duplicate key 'id'",
        f"{path}:4:1: title: duplicate key 'title'",
    ]


def test_duplicate_key_does_not_hide_schema_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\nid: demo\ntitle: Demo\nurl: u\nitems:\n  - {id: a, title: A, kind: novel}\n")
    problems = problems_of(path)
    assert len(problems) == 2
    assert problems[0] == f"{path}:2:1: id: duplicate key 'id'"
    assert problems[1].startswith(f"{path}:6:23: items[0].kind: Input should be 'chapter', ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MERGE, "6:5: items[1].title: required field is missing"),
        (
            "base: &b {url: u}\n<<: *b\nid: demo\ntitle: Demo\nurl: u\nitems:\n  - {id: a, title: A, kind: novel}\n",
            "7:23: items[0].kind: Input should be 'chapter', ",
        ),
        (
            "id: demo\ntitle: Demo\nurl: u\nitems:\n  - {id: a, title: A, kind: novel}\nitems:\n  - {id: b, title: B, kind: day}\n",
            "5:23: items[0].kind: Input should be 'chapter', ",
        ),
    ],
    ids=["merge-in-item", "merge-at-top", "duplicate-items-key"],
)
def test_reading_problem_does_not_hide_schema_problems_elsewhere(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert any(p.startswith(f"{path}:{expected}") for p in problems), problems


# --- consistency checks across items -----------------------------------------------------------
# Reported at the offending key or list element, with its exact field path.


DUP_ALIAS = (
    HEAD
    + """\
  - id: a
    title: A
    kind: chapter
  - id: b
    title: B
    kind: chapter
    aliases: [A]
"""
)

DUP_ID = (
    HEAD
    + """\
  - id: a
    title: A
    kind: chapter
  - id: a
    title: B
    kind: chapter
"""
)

MISSING_PREREQ = (
    HEAD
    + """\
  - id: a
    title: A
    kind: chapter
    prerequisites: [zzz]
"""
)

CYCLE = (
    HEAD
    + """\
  - id: a
    title: A
    kind: chapter
    prerequisites: [c]
  - id: b
    title: B
    kind: chapter
    prerequisites: [a]
  - id: c
    title: C
    kind: chapter
    prerequisites: [b]
"""
)

SELF_REF = (
    HEAD
    + """\
  - id: a
    title: A
    kind: chapter
    helps: [a]
"""
)

SAME_RANK = (
    HEAD
    + """\
  - {id: a, title: A, kind: chapter, importance: 1}
  - {id: b, title: B, kind: chapter, importance: 1}
"""
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # the alias 'A' inside "    aliases: [A]" (line 11)
        (DUP_ALIAS, "11:15: items[1].aliases[0]: 'A' is already used by item 'a'"),
        # the second item's 'id' key (line 8)
        (DUP_ID, "8:5: items[1].id: 'a' is already used by item 'a'"),
        # 'zzz' inside "    prerequisites: [zzz]" (line 8)
        (MISSING_PREREQ, "8:21: items[0].prerequisites[0]: no item 'zzz' in this curriculum"),
        # the 'prerequisites' key of item a, the cycle's first item (line 8)
        (CYCLE, "8:5: items[0].prerequisites: prerequisites form a cycle: a → c → b → a"),
        # 'a' inside "    helps: [a]" (line 8)
        (SELF_REF, "8:13: items[0].helps[0]: an item cannot refer to itself"),
        # the 'importance' key of the second item (line 6)
        (SAME_RANK, "6:38: items[1].importance: rank 1 is already item 'a''s"),
    ],
    ids=["dup-alias", "dup-id", "missing-prereq", "cycle", "self-ref", "same-rank"],
)
def test_consistency_problems_point_at_the_offending_value(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, text)
    assert problems_of(path) == [f"{path}:{problem}"]


def test_every_consistency_problem_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - id: a
    title: A
    kind: chapter
    aliases: [b]
  - id: b
    title: B
    kind: chapter
    prerequisites: [nope]
""",
    )
    assert problems_of(path) == [
        f"{path}:9:5: items[1].id: 'b' is already used by item 'a'",
        f"{path}:12:21: items[1].prerequisites[0]: no item 'nope' in this curriculum",
    ]


def test_every_kind_of_consistency_problem_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - {id: a, title: A, kind: day, importance: 1, helps: [a]}
  - {id: b, title: B, kind: day, importance: 1, aliases: [A], prerequisites: [zz, c]}
  - {id: c, title: C, kind: day, prerequisites: [b]}
  - {id: B, title: D, kind: day}
""",
    )
    assert problems_of(path) == [
        f"{path}:6:59: items[1].aliases[0]: 'A' is already used by item 'a'",
        f"{path}:8:6: items[3].id: 'B' is already used by item 'b'",
        f"{path}:5:57: items[0].helps[0]: an item cannot refer to itself",
        f"{path}:6:79: items[1].prerequisites[0]: no item 'zz' in this curriculum",
        f"{path}:6:34: items[1].importance: rank 1 is already item 'a''s",
        f"{path}:6:63: items[1].prerequisites: prerequisites form a cycle: b → c → b",
    ]


def test_every_prerequisite_cycle_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
  - {id: a, title: A, kind: day, prerequisites: [b]}
  - {id: b, title: B, kind: day, prerequisites: [a]}
  - {id: c, title: C, kind: day, prerequisites: [d]}
  - {id: d, title: D, kind: day, prerequisites: [c]}
""",
    )
    assert problems_of(path) == [
        f"{path}:5:34: items[0].prerequisites: prerequisites form a cycle: a → b → a",
        f"{path}:7:34: items[2].prerequisites: prerequisites form a cycle: c → d → c",
    ]


# --- unsafe YAML tags: rejected, never executed ------------------------------------------------


def test_python_tag_on_scalar_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEAD.replace("title: Demo", "title: !!python/name:os.system") + "  - {id: a, title: A, kind: day}\n"
    )
    # at the tagged value (line 2, column 8); no second problem for the unreadable title
    assert problems_of(path) == [
        f"{path}:2:8: title: cannot read value: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/name:os.system'"
    ]


def test_python_object_apply_is_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    path = write(
        tmp_path,
        HEAD
        + f"""\
  - id: a
    title: !!python/object/apply:os.system ["touch {marker}"]
    kind: chapter
""",
    )
    # at the tagged value: "    title: !!python/..." has the tag at column 12
    assert problems_of(path) == [
        f"{path}:6:12: items[0].title: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed in a curriculum"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("tagged", "problem"),
    [
        (
            "    readings: !!python/object:os.system {recommended: [x]}\n",
            "8:15: items[0].readings: YAML tag 'tag:yaml.org,2002:python/object:os.system'",
        ),
        (
            "    aliases: !!python/object/apply:os.system [x]\n",
            "8:14: items[0].aliases: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        ),
        ("    aliases: !!set {x: null}\n", "8:14: items[0].aliases: YAML tag 'tag:yaml.org,2002:set'"),
        ("    aliases: !!omap [x: 1]\n", "8:14: items[0].aliases: YAML tag 'tag:yaml.org,2002:omap'"),
    ],
    ids=["object-on-mapping", "apply-on-sequence", "set", "omap"],
)
def test_python_tag_on_collection_is_rejected(tmp_path: Path, tagged: str, problem: str) -> None:
    path = write(tmp_path, HEAD + "  - id: a\n    title: A\n    kind: chapter\n" + tagged)
    # at the tag (line 8), and only there: no schema problem for the rejected value
    assert problems_of(path) == [f"{path}:{problem} is not allowed in a curriculum"]


def test_python_tag_on_an_item_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  - !!python/object:os.system {id: a, title: A, kind: day}\n")
    assert problems_of(path) == [
        f"{path}:5:5: items[0]: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed in a curriculum"
    ]


def test_python_tag_on_the_whole_file_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "!!python/object:os.system\n" + HEAD + "  - {id: a, title: A, kind: day}\n")
    problems = problems_of(path)
    assert (
        f"{path}:1:1: (file): YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed in a curriculum"
        in problems
    )


# --- aliases that never end -------------------------------------------------------------------


def test_recursive_alias_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD.replace("items:\n", "items: &x\n  - *x\n"))
    # at the anchored node "&x" (line 4, column 8): PyYAML keeps no position for the alias itself
    assert problems_of(path) == [f"{path}:4:8: an alias refers to itself (recursive YAML)"]


def test_recursive_alias_in_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  - &i {id: a, title: A, kind: day, parts: [*i]}\n")
    assert problems_of(path) == [f"{path}:5:5: an alias refers to itself (recursive YAML)"]


def test_alias_bomb_stops(tmp_path: Path) -> None:
    # 8 levels of 10 aliases: 10**8 values if expanded
    text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
    text += "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]\n" for n in range(1, 8))
    path = write(tmp_path, text)
    [problem] = problems_of(path)
    # the position is wherever the 100,001st value happens to be; only the message is fixed
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+:\d+: too many values \(aliases expanding without end\?\)", problem
    )


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_validate_bad_file(cli, tmp_path: Path) -> None:
    path = write(
        tmp_path, HEAD + "  - id: a\n    title: A\n    bogus: 3\n    kind: chapter\n  - id: b\n    kind: day\n"
    )
    run = cli("curricula", "validate", str(path), ok=False)
    assert run.exit_code == 1
    assert run.stdout.splitlines() == [
        f"{path}:7:5: items[0].bogus: unknown field 'bogus'",
        f"{path}:9:5: items[1].title: required field is missing",
    ]


def test_cli_validate_good_file(cli, tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  - {id: a, title: A, kind: day}\n  - {id: b, title: B, kind: day}\n")
    run = cli("curricula", "validate", str(path), ok=True)
    assert run.stdout == f"{path}: ok (demo: 2 items)\n"


def test_cli_validate_mixed_files(cli, tmp_path: Path) -> None:
    good = write(tmp_path, HEAD + "  - {id: a, title: A, kind: day}\n", "good.yaml")
    bad = write(tmp_path, "", "bad.yaml")
    run = cli("curricula", "validate", str(good), str(bad), ok=False)
    assert run.exit_code == 1
    assert run.stdout.splitlines() == [
        f"{good}: ok (demo: 1 items)",
        f"{bad}:1:1: file is empty; a curriculum needs id, title and items (and a url)",
    ]


def test_cli_validate_missing_file(cli, tmp_path: Path) -> None:
    run = cli("curricula", "validate", str(tmp_path / "nope.yaml"), ok=False)
    assert run.exit_code == 1
    assert "no such file" in run.stderr


def test_shipped_files_exist() -> None:
    assert SHIPPED, "no curriculum/*.yaml found"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_file_validates(cli, path: Path) -> None:
    curriculum, problems = check_file(path)
    assert problems == []
    run = cli("curricula", "validate", str(path), ok=True)
    assert run.stdout.startswith(f"{path}: ok ({curriculum.id}: ")


def test_cli_schema(cli) -> None:
    run = cli("curricula", "schema", ok=True)
    data = json.loads(run.stdout)
    assert "items" in data["properties"]
    assert data["additionalProperties"] is False
    assert set(data["required"]) >= {"id", "title", "items"}
    assert "url" not in data["required"]  # a reading list of one's own has no home page
