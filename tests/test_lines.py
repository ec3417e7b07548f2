"""The line layout behind today, day and week (studylog.render.lines)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studylog.render.lines import Column, ansi, cell_width, grid, plain, to_rich, truncate, wrap


def test_cell_width_counts_wide_characters_twice():
    assert cell_width("abc") == 3
    assert cell_width("日本語") == 6
    assert cell_width("é") == 1 and cell_width("e\u0301") == 1  # a combining accent takes no cell


def test_wrap_breaks_at_spaces_and_folds_long_words_but_never_a_url():
    assert wrap("one two three", 7) == ["one two", "three"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    # a URL longer than the line goes on a line of its own, whole
    assert wrap("see https://example.org/a/long/path now", 12) == ["see", "https://example.org/a/long/path", "now"]
    assert wrap("see (https://example.org/a/long/path) now", 12) == ["see", "(https://example.org/a/long/path)", "now"]
    assert wrap("日本語のテキスト", 5) == ["日本", "語の", "テキ", "スト"]


@given(st.text(alphabet=st.sampled_from("ab 日-"), max_size=40), st.integers(2, 20))
def test_wrapped_lines_fit_and_keep_every_character(text, cells):
    lines = wrap(text, cells)
    assert all(cell_width(line) <= cells for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_truncate_ends_with_an_ellipsis():
    assert truncate("curriculum", 20) == "curriculum"
    assert truncate("curriculum", 5) == "curr…"


def test_grid_aligns_columns_and_wraps_the_flexible_one():
    rows = [["#1", "a short text", "1h"], ["#12", "a much longer text that will not fit", "2.5h"]]
    columns = [Column(justify="right"), Column(wrap=True), Column(justify="right")]
    assert plain(grid(rows, columns, width=80, indent=2)) == (
        "   #1 a short text                           1h\n  #12 a much longer text that will not fit 2.5h\n"
    )
    assert plain(grid(rows, columns, width=30, indent=2)) == (
        "   #1 a short text          1h\n  #12 a much longer text  2.5h\n      that will not fit\n"
    )


def test_styles_become_ansi_codes_only_on_request():
    lines = grid([[("✓", "green"), ("#1", "dim"), "text"]], [Column(), Column(), Column()], width=80)
    assert plain(lines) == "✓ #1 text\n"
    assert ansi(lines) == "\x1b[32m✓\x1b[0m \x1b[2m#1\x1b[0m text\n"
    assert ansi(lines, colour=False) == "✓ \x1b[2m#1\x1b[0m text\n"  # NO_COLOR keeps dim and bold


def test_rich_draws_the_same_characters():
    from rich.console import Console

    lines = grid([[("✓", "green"), "a text", ("dlc/1", "cyan")]], [Column(), Column(wrap=True), Column()], width=40)
    console = Console(width=40, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(to_rich(lines))
    assert console.export_text() == plain(lines)


def test_today_on_a_terminal_has_colour_and_respects_no_color(cli, monkeypatch):
    import os
    import subprocess
    import sys

    cli("goal", "read a paper", ok=True)
    cli("done", "read a paper", "-H", "1", "-g", "1", ok=True)
    env = {**os.environ, "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    coloured = subprocess.run([sys.executable, "-m", "studylog", "today"], env=env, capture_output=True, text=True)
    assert "\x1b[32m✓\x1b[0m" in coloured.stdout
    env["NO_COLOR"] = "1"
    attributes = subprocess.run([sys.executable, "-m", "studylog", "today"], env=env, capture_output=True, text=True)
    assert "\x1b[32m" not in attributes.stdout and "\x1b[1m" in attributes.stdout
    piped = cli("today", ok=True).stdout
    assert "\x1b" not in piped
    assert [line for line in piped.splitlines() if line.endswith(" ")] == []  # no trailing spaces


def test_week_saves_what_it_shows_as_svg_and_html(cli, tmp_path):
    cli("done", "makemore part 3", "-H", "2.5", "-i", "karpathy/4", ok=True)
    svg, html = tmp_path / "week.svg", tmp_path / "week.html"
    shown = cli("week", "--svg", str(svg), "--html", str(html), ok=True).stdout
    assert shown == cli("week", ok=True).stdout
    assert "makemore part 3" in svg.read_text(encoding="utf-8")
    assert "makemore part 3" in html.read_text(encoding="utf-8")


def test_flow_keeps_a_notes_depth_and_hangs_its_lines():
    from studylog.render.wrap import note

    lines = plain(note("one two three four five six", 1, links=False).lines(14)).splitlines()
    assert lines == ["  - one two", "    three four", "    five six"]


def test_a_bullet_is_never_left_alone_before_a_long_url():
    from studylog.render.wrap import note

    url = "https://example.org/" + "x" * 40
    assert plain(note(url, 0).lines(20)) == f"- {url}\n"


def test_fenced_code_is_an_indented_block_not_wrapped():
    from studylog.render.wrap import Flow

    flow = Flow("before\n```\nx = [1, 2, 3]  # a long line of code\n```\nafter", bullet="- ")
    assert plain(flow.lines(12)).splitlines() == ["- before", "    x = [1, 2, 3]  # a long line of code", "  after"]


def test_columns_drop_in_rank_order_and_figures_are_never_cut():
    from studylog.render.lines import widths

    columns = [Column(), Column(wrap=True, min_width=10), Column(drop=2), Column(drop=1), Column(justify="right")]
    natural = [8, 40, 6, 6, 5]
    assert widths(natural, columns, 200) == [8, 40, 6, 6, 5]
    assert widths(natural, columns, 50) == [8, 21, 6, 6, 5]  # the text gives way first
    assert widths(natural, columns, 40) == [8, 11, 6, 6, 5]  # down to its minimum
    assert widths(natural, columns, 33) == [8, 11, 6, None, 5]  # then rank 1 goes (the text takes back 1)
    assert widths(natural, columns, 30) == [8, 15, None, None, 5]  # then rank 2
    assert widths(natural, columns, 20) == [8, 10, None, None, 5]  # figures stay whole: too wide


def test_a_growing_column_takes_what_is_left_up_to_its_maximum():
    from studylog.render.lines import Bar, widths

    columns = [Column(), Column(grow=True, min_width=6, max_width=30), Column(justify="right")]
    assert widths([10, 12, 4], columns, 50) == [10, 30, 4]
    assert widths([10, 12, 4], columns, 30) == [10, 14, 4]
    assert plain(grid([["a", Bar(0.5), "1h"]], columns, 20)) == "a ███████▌        1h\n"


_WORDS = st.sampled_from(["a", "bb", "ccc", "日本", "https://example.org/a/long/path", "dddddddddddddddd", ""])


@given(st.lists(_WORDS, max_size=30), st.integers(4, 30), st.integers(0, 3))
def test_flowed_lines_fit_and_never_split_a_url(words_, width, hang):
    from studylog.render.lines import flow, looks_like_url, words

    text = " ".join(words_)
    items = [(spans, bool(spans) and looks_like_url(spans[0][0])) for spans, _ in words([(text, "", False)])]
    lines = ["".join(t for t, _ in line) for line in flow(items, width, hang=hang)]
    for line in lines:
        # (a line with room for one cell still takes one character, which may take two)
        assert cell_width(line) <= max(width, hang + 2) or line.strip().startswith("https://"), line
    urls = [w for w in words_ if w.startswith("https://")]
    assert sum(line.count("https://example.org/a/long/path") for line in lines) == len(urls)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
