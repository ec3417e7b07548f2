"""The terminal layout at 50, 80 and 120 columns, piped (tests/golden/layout-*): long URLs kept
whole, nested notes that keep their depth with a hanging indent, fenced code as an indented
block, markdown links and code spans rendered; bars that use the width, columns that shrink and
drop in their stated order, figures never cut, no trailing spaces. And links as OSC 8 hyperlinks
on a terminal."""

from __future__ import annotations

import re

import pytest

from conftest import golden

WIDTHS = (50, 80, 120)
CODE = "```python\nlogits = router(x)  # (batch, experts)\nweights = logits.softmax(-1)\n```"
LONG = "https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part4_backprop.ipynb"


@pytest.fixture
def studied(cli):
    """A week with long URLs, markdown links, code spans, nested notes and a fenced code block,
    and some progress on dlc (as in test_progress's month)."""
    cli("complete", "dlc/1", "--date", "2024-03-20", "--hours", "20", ok=True)
    cli("done", "scaling laws reading", "-i", "dlc/2", "-H", "5", "--date", "2024-04-10", ok=True)
    cli("start", "dlc/6", "--date", "2024-04-12", ok=True)
    cli("skip", "dlc/5", ok=True)
    cli("start", "karpathy/1", "--date", "2024-01-02", ok=True)
    cli(
        "done",
        "watched the [CS25 lecture on mixture of experts](https://web.stanford.edu/class/cs25/) and "
        "reimplemented `top_k` routing",
        "-H",
        "1.5",
        "-i",
        "dlc/6",
        "--date",
        "2024-04-15",
        "--note",
        "key idea: tokens pick `k` experts",
        "--note",
        "\tsee https://arxiv.org/abs/2101.03961 for the Switch Transformer, which routes to one expert only",
        "--note",
        "\t\tload balancing loss: `aux = E * sum(f_i * P_i)`",
        "--note",
        CODE,
        ok=True,
    )
    cli("goal", f"finish the backprop notebook {LONG}", "-i", "makemore-4", "--date", "2024-04-17", ok=True)
    cli("goal", "read [the DPO paper](https://arxiv.org/pdf/2305.18290.pdf) (`§4` first)", ok=True)
    cli(
        "done",
        "reviewed backprop calculus",
        "-H",
        "2h15m",
        "--note",
        f"- {LONG}",
        "--note",
        "\tcolah's post on computational graphs and the chain rule, read twice over tea",
        ok=True,
    )
    dpo = next(g["id"] for g in cli("today", "--json", ok=True).json()["goals"] if "DPO" in g["text"])
    cli("done", "skimmed the DPO paper", "-H", "0.5", "--goal", str(dpo), ok=True)


VIEWS = {
    "today": ("today",),
    "day": ("day", "2024-04-15"),
    "week": ("week",),
    "next": ("next", "--limit", "3"),
    "progress": ("progress",),
    "progress-dlc": ("progress", "dlc"),
    "log": ("log", "--since", "2024-04-10"),
}


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("view", VIEWS)
def test_layout_goldens(cli, studied, view, columns):
    out = cli(*VIEWS[view], ok=True, env={"COLUMNS": str(columns)}).stdout
    golden(f"layout-{view}-{columns}.txt", out)
    for line in out.splitlines():
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
        if len(line) > columns:  # only what may not be split: a URL, a line of code
            assert "://" in line or "logits" in line or "weights =" in line, (len(line), line)


@pytest.mark.parametrize("columns", (50, 60, 80, 120, 200))
def test_percentages_and_figures_are_never_cut(cli, studied, columns):
    out = cli("progress", ok=True, env={"COLUMNS": str(columns)}).stdout
    assert re.search(r"\b12%", out) and re.search(r"\b0%", out) and "26.5h" in out and "2025-" in out
    assert "…" not in out
    bar = re.search(r"[█░]+", out)
    assert bar is not None
    assert len(bar.group()) >= 6
    if columns >= 120:
        assert len(bar.group()) > 12  # the bar grows with the screen


def test_progress_drops_act_est_first_and_keeps_the_finish(cli, studied):
    narrow = cli("progress", ok=True, env={"COLUMNS": "50"}).stdout
    wide = cli("progress", ok=True, env={"COLUMNS": "80"}).stdout
    assert "act/est" in wide and "act/est" not in narrow
    assert "finish" in narrow and "2025-" in narrow


def test_week_bars_use_the_width(cli, studied):
    def longest(columns: int) -> int:
        out = cli("week", ok=True, env={"COLUMNS": str(columns)}).stdout
        return max(len(m) for m in re.findall(r"[█▏▎▍▌▋▊▉]+", out))

    assert longest(50) < longest(80) < longest(120)


def test_a_nested_note_keeps_its_depth_and_hangs(cli, studied):
    out = cli("day", "2024-04-15", ok=True, env={"COLUMNS": "50"}).stdout.splitlines()
    first = next(n for n, line in enumerate(out) if "- see" in line)
    bullet = out[first].index("- see")
    top = next(line for line in out if "- key idea" in line).index("- key")
    assert bullet == top + 2  # depth 1: two cells in from depth 0
    assert out[first + 1].startswith(" " * (bullet + 2)) and out[first + 1].strip()  # hanging under the text
    code = next(line for line in out if "logits = router" in line)
    assert code.index("logits") > top + 2  # fenced code, indented, whole
    assert "logits = router(x)  # (batch, experts)" in code and "```" not in "\n".join(out)


def test_markdown_is_rendered_and_json_keeps_it(cli, studied):
    out = cli("today", ok=True).stdout
    flat = " ".join(out.split())
    assert "read the DPO paper <https://arxiv.org/pdf/2305.18290.pdf> (§4 first)" in flat
    assert "`" not in out and "](" not in out
    goals = cli("today", "--json", ok=True).json()["goals"]
    assert [g["text"] for g in goals] == ["read [the DPO paper](https://arxiv.org/pdf/2305.18290.pdf) (`§4` first)"]


def test_links_are_osc8_hyperlinks_on_a_terminal():
    from studylog.render.lines import ansi, plain
    from studylog.render.wrap import Flow

    flow = Flow("see [the paper](https://arxiv.org/abs/1) and https://example.org/x.", links=True)
    drawn = ansi(flow.lines(80))
    assert "\x1b]8;;https://arxiv.org/abs/1\x1b\\" in drawn and "\x1b]8;;\x1b\\" in drawn
    assert "\x1b]8;;https://example.org/x\x1b\\" in drawn  # a bare URL, without the full stop
    assert plain(flow.lines(80)) == "see the paper and https://example.org/x.\n"
    piped = Flow("see [the paper](https://arxiv.org/abs/1)", links=False)
    assert plain(piped.lines(80)) == "see the paper <https://arxiv.org/abs/1>\n"
    assert "\x1b]8" not in ansi(piped.lines(80))


def test_a_url_with_an_escape_is_never_a_link():
    from studylog.render.lines import ansi
    from studylog.render.wrap import Flow

    drawn = ansi(Flow("[x](https://e.org/\x1b]0;evil\x07)", links=True).lines(80))
    assert "\x1b]8" not in drawn and "\x07" not in drawn and "\x1b]0" not in drawn
