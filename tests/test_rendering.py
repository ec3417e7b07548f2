"""Golden files pin what people see, at 80 columns with NO_COLOR (tests/golden/)."""

from __future__ import annotations

from conftest import golden


def _sample_day(cli):
    cli("goal", "finish part 5/8 karpathy lecture", "--item", "makemore-4", "--date", "2024-04-17", ok=True)
    cli("goal", "skim ORPO paper", ok=True)
    cli("goal", "1st pass of reading DPO paper (https://arxiv.org/pdf/2305.18290.pdf)", ok=True)
    cli(
        "done",
        "reviewed backprop calculus notes",
        "-H",
        "1.5",
        "--note",
        "cs231n derivatives handout",
        "--note",
        "\tcolah's backprop post",
        ok=True,
    )
    cli("done", "worked through part of karpathy lecture 5/8", "-H", "2h15m", "--goal", "1", ok=True)
    cli("done", "skimmed ORPO", "-H", "0.5", "--goal", "2", ok=True)


def test_today_golden(cli):
    _sample_day(cli)
    golden("today.txt", cli("today", ok=True).stdout)


def test_empty_today_golden(cli):
    golden("today-empty.txt", cli("today", ok=True).stdout)


def test_log_golden(cli):
    _sample_day(cli)
    cli(
        "done",
        "Finished DLC chapter 1 exercise, a transformer on Shakespeare",
        "-H",
        "20",
        "-i",
        "dlc/1",
        "--date",
        "2024-04-10",
        ok=True,
    )
    golden("log.txt", cli("log", ok=True).stdout)


def test_curricula_list_golden(cli):
    golden("curricula-list.txt", cli("curricula", "list", ok=True).stdout.replace(str(_home()), "HOME"))


def test_curricula_show_golden(cli):
    cli("complete", "dlc/1", "--date", "2024-04-01", ok=True)
    cli("start", "dlc/6", "--date", "2024-04-10", ok=True)
    cli("skip", "dlc/5", ok=True)
    cli("start", "dlc/7", "--date", "2024-04-02", ok=True)
    cli("complete", "dlc/7", "--date", "2024-04-09", ok=True)
    cli("start", "dlc/7", "--reopen", "--date", "2024-04-15", ok=True)
    golden("curricula-show-dlc.txt", cli("curricula", "show", "dlc", ok=True).stdout)


def test_lines_fit_80_columns(cli):
    _sample_day(cli)
    for args in (("today",), ("log",), ("curricula", "list"), ("curricula", "show", "arena")):
        for line in cli(*args, ok=True).stdout.splitlines():
            assert len(line) <= 80, (args, line)


def test_output_has_no_escape_codes_when_piped(cli):
    _sample_day(cli)
    assert "\x1b[" not in cli("today", ok=True).stdout


def _home():
    import os

    return os.environ["STUDYLOG_HOME"]


def test_brackets_and_shortcodes_are_text_not_markup(cli):
    cli("done", "finished [week0_d2_cnn](https://example.org/x) :tea: [bold]not bold[/bold]", ok=True)
    for args in (("today",), ("log",), ("week",)):
        out = cli(*args, ok=True, env={"COLUMNS": "200"}).stdout
        flat = " ".join(out.split())
        # the markdown link is drawn as its text and URL (piped); rich markup and shortcodes are text
        assert "week0_d2_cnn <https://example.org/x> :tea: [bold]not bold[/bold]" in flat, args
