"""The table views at 50, 80 and 120 columns, piped (tests/golden/layout-tables-*): curricula
list and show, items, search and stats laid out as the other views are (docs/layout.md).
Statuses, ids, counts and hours are never cut; titles and texts wrap at word boundaries with
their markdown rendered; a URL is never split; columns drop in their stated order; a reference
too long for the screen goes on a line of its own; no line ends in a space."""

from __future__ import annotations

import pytest

from conftest import golden

WIDTHS = (50, 80, 120)
LONG = "https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part4_backprop.ipynb"
DPO = "Direct Preference Optimization: Your Language Model is Secretly a Reward Model"


@pytest.fixture
def studied(cli):
    """Progress on dlc (a reopened item with a history), and lists of one's own with long titles,
    long references, a long URL, markdown in a title, tags and hours."""
    cli("complete", "dlc/1", "--date", "2024-03-20", "--hours", "20", ok=True)
    cli("done", "scaling laws reading", "-i", "dlc/2", "-H", "5", "--date", "2024-04-10", ok=True)
    cli("start", "dlc/6", "--date", "2024-04-12", ok=True)
    cli("skip", "dlc/5", ok=True)
    cli("start", "dlc/7", "--date", "2024-04-02", ok=True)
    cli("complete", "dlc/7", "--date", "2024-04-09", ok=True)
    cli("start", "dlc/7", "--reopen", "--date", "2024-04-15", ok=True)
    cli("add", "paper", DPO, "--url", "https://arxiv.org/abs/2305.18290", "-e", "3", "-T", "rlhf", ok=True)
    cli("add", "post", "The backprop notebook, worked through cell by cell", "--url", LONG, "-T", "backprop", ok=True)
    cli(
        "add",
        "talk",
        "Nathan Lambert on `RLHF` and [open models](https://www.interconnects.ai/)",
        "--list",
        "talks",
        "--id",
        "lambert-rlhf",
        "-e",
        "1-2",
        ok=True,
    )
    cli("start", "reading/direct-preference-optimization", "--date", "2024-04-16", ok=True)
    cli(
        "done",
        "read the DPO paper's derivation of the [Bradley-Terry](https://en.wikipedia.org/wiki/Bradley–Terry_model) "
        "reward #rlhf",
        "-H",
        "2h15m",
        "-i",
        "reading/direct-preference-optimization",
        "--date",
        "2024-04-16",
        "--note",
        "the reward is `beta * log(pi / pi_ref)`: the policy is the reward model",
        "--note",
        "\tcompare the RLHF objective with its KL penalty, as in the InstructGPT paper",
        ok=True,
    )
    cli("done", f"worked through the backprop notebook {LONG} #backprop", "-H", "1.5", ok=True)
    cli("done", "watched the DPO explainer on reward models", "-H", "0.75", "-i", "talks/lambert-rlhf", ok=True)


VIEWS = {
    "curricula-list": ("curricula", "list"),
    "curricula-show-dlc": ("curricula", "show", "dlc"),
    "curricula-show-reading": ("curricula", "show", "reading"),
    "items": ("items",),
    "search": ("search", "bradley"),  # one hit: bm25 (SQLite) and word counts (PostgreSQL) rank ties apart
    "stats": ("stats", "--by", "tag"),
}


def _shown(cli, isolated, view: str, columns: int) -> str:
    out = cli(*VIEWS[view], ok=True, env={"COLUMNS": str(columns)}).stdout
    if view == "curricula-list":  # the footer names the test's own data folder, whose length varies
        table, footer = out.split("Your own curricula:", 1)
        assert f"{isolated}/curricula/*.yaml" in footer.replace("\n", " ")
        return table
    return out


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("view", VIEWS)
def test_table_goldens(cli, studied, isolated, view, columns):
    out = _shown(cli, isolated, view, columns)
    golden(f"layout-tables-{view}-{columns}.txt", out)
    for line in out.splitlines():
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
        if len(line) > columns:  # only what may not be split: a URL, a reference
            longest = max(line.split(), key=len)
            assert "://" in longest or "/" in longest, (len(line), line)
    assert "…" not in out


def test_statuses_are_never_cut(cli, studied):
    for columns in (40, 50, 60):
        out = cli("curricula", "show", "dlc", ok=True, env={"COLUMNS": str(columns)}).stdout
        assert out.count("not started") == 4 and "started 2024-04-15" in out and "completed 2024-04-09" in out
        assert "skipped 2024-04-18" in out and "complete 2024-03-20" in out
    items = cli("items", ok=True, env={"COLUMNS": "50"}).stdout
    assert "started 2024-04-16" in items and "2.25h" in items and "0.75h" in items


def test_show_drops_the_rank_then_the_estimate(cli, studied):
    def header(columns: int) -> list[str]:
        out = cli("curricula", "show", "dlc", ok=True, env={"COLUMNS": str(columns)}).stdout
        return out.splitlines()[1].split()

    assert header(80) == ["ref", "title", "est.", "rank", "status"]
    assert header(66) == ["ref", "title", "est.", "status"]
    assert header(50) == ["ref", "title", "status"]


def test_a_reference_too_long_for_the_screen_has_a_line_of_its_own(cli, studied):
    narrow = cli("items", ok=True, env={"COLUMNS": "50"}).stdout.splitlines()
    at = narrow.index("reading/direct-preference-optimization")
    assert narrow[at + 1].startswith("  paper ") and "started 2024-04-16" in narrow[at + 1]
    wide = cli("items", ok=True, env={"COLUMNS": "120"}).stdout.splitlines()
    assert any(line.startswith("reading/direct-preference-optimization  paper  Direct") for line in wide)


def test_markdown_is_rendered_and_json_keeps_it(cli, studied):
    out = cli("items", "talks", ok=True, env={"COLUMNS": "120"}).stdout
    assert "`" not in out and "](" not in out
    out = " ".join(out.split())
    assert "Nathan Lambert on RLHF and open models" in out and "<https://www.interconnects.ai/>" in out
    rows = cli("items", "talks", "--json", ok=True).json()
    assert rows[0]["title"] == "Nathan Lambert on `RLHF` and [open models](https://www.interconnects.ai/)"
    found = " ".join(cli("search", "reward", ok=True, env={"COLUMNS": "120"}).stdout.split())
    assert "Bradley-Terry <https://en.wikipedia.org/wiki/Bradley–Terry_model>" in found
    assert "beta * log(pi / pi_ref)" in found and "`" not in found


def test_search_highlights_what_is_shown_and_links_on_a_terminal(cli, studied, monkeypatch):
    import studylog.cli.output as output

    monkeypatch.setattr(output, "_terminal", lambda: True)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")
    out = cli("search", "bradley", ok=True, env={"COLUMNS": "120"}).stdout
    link = "\x1b]8;;https://en.wikipedia.org/wiki/Bradley–Terry_model\x1b\\"
    assert link in out and "\x1b[1;33;4mBradley\x1b[0m" in out  # the found word, in the link's text
    assert "](" not in out


def test_items_titles_wrap_and_urls_stay_whole(cli, studied):
    for columns in WIDTHS:
        out = cli("items", ok=True, env={"COLUMNS": str(columns)}).stdout
        assert LONG in out.splitlines() or any(line.strip() == LONG for line in out.splitlines())
        assert "https://arxiv.org/abs/2305.18290" in out


@pytest.mark.parametrize("columns", WIDTHS)
def test_import_report_golden(cli, monkeypatch, columns):
    from conftest import SHARED

    monkeypatch.chdir(SHARED / "formats")  # the report names the file as given: the same on every machine
    out = cli("import", "til-page-jekyll.md", "--dry-run", ok=True, env={"COLUMNS": str(columns)}).stdout
    golden(f"layout-tables-import-{columns}.txt", out)
    for line in out.splitlines():
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
        if len(line) > columns:
            assert "://" in max(line.split(), key=len), (len(line), line)
    assert "…" not in out.replace("… and 1 more", "")
    assert "dlc/7" in out and "complete 2023-06-19" in " ".join(out.split())
