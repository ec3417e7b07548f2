"""export site without a browser: the page as text (escaping, links, the Jekyll page and Liquid),
its options and its errors. tests/test_site_browser.py loads it in Chromium."""

from __future__ import annotations

import re
import stat

import pytest

from studylog.errors import UsageError
from studylog.exporters.site import check_link, relative_link, rich_text

HOSTILE = "{{ site.secret }} {% include evil.html %} <script>alert(1)</script> [x](javascript:alert(1))"


@pytest.fixture
def logged(cli):
    cli("done", HOSTILE, "-H", "1", ok=True)
    cli("done", "makemore", "-H", "2", "-i", "karpathy/1", "-d", "yesterday", ok=True)
    return cli


def _page(cli, tmp_path, *args):
    out = tmp_path / "site"
    result = cli("export", "site", "--dir", str(out), *args, ok=True)
    assert result.stderr == f"Wrote {out / 'index.html'}\n"
    return (out / "index.html").read_text(encoding="utf-8"), out / "index.html"


def test_a_whole_page_that_escapes_what_was_logged(logged, tmp_path):
    page, path = _page(logged, tmp_path)
    assert page.startswith("<!DOCTYPE html>") and "<title>Study progress · 2024-04-18</title>" in page
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # a page to publish
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page.lower()
    assert "prefers-color-scheme: dark" in page
    assert not re.search(
        r"\b(src|href)=\"(https?:)?//(?!www\.youtube|github)", page.split("<body>")[0]
    )  # nothing fetched
    assert 'href="til.md"' in page
    for anchor in ("year", "curricula", "weeks", "this-week", "til"):
        assert f'id="{anchor}"' in page and f'href="#{anchor}"' in page


def test_the_jekyll_page_sits_beside_the_til_page_and_liquid_runs_nothing(logged, tmp_path):
    from liquid import Template

    page, _ = _page(logged, tmp_path, "--jekyll")
    front, body = page.split("---\n", 2)[1:]
    assert front == "layout: page\ntitle: Study progress\npermalink: /progress/\n"
    assert "<html" not in body and "<head>" not in body and '<div class="studylog-progress">' in body
    assert 'href="../TIL/"' in body  # from /progress/ to the TIL page's permalink, whatever the base URL
    assert "{{" not in body and "{%" not in body
    assert Template(body).render() == body  # what Jekyll's Liquid pass leaves: the page as written
    assert "&#123;&#123; site.secret &#125;&#125;" in body


def test_til_url(logged, tmp_path):
    page, _ = _page(logged, tmp_path, "--til-url", "https://me.github.io/TIL/")
    assert page.count('href="https://me.github.io/TIL/"') >= 3  # the dates and the "all of it" link
    out = logged("export", "site", "--dir", str(tmp_path / "x"), "--til-url", "javascript:alert(1)")
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.startswith("studylog: error: --til-url must be an http(s) URL or a relative path")
    assert not (tmp_path / "x").exists()


def test_an_empty_store_gives_a_page(cli, tmp_path):
    page, _ = _page(cli, tmp_path)
    assert "No curriculum started yet" in page and "Nothing logged yet." in page
    heatmap = page.split('<svg class="heatmap"')[1].split("</svg>")[0]
    assert heatmap.count('class="cell l0"') == 365 and page.count('class="week-bar"') == 26


def test_out_is_a_folder(cli, tmp_path):
    out = cli("export", "site")
    assert out.exit_code == 2 and "--dir" in out.stderr
    (tmp_path / "page.html").write_text("mine")
    out = cli("export", "site", "--dir", str(tmp_path / "page.html"))
    assert out.exit_code == 2 and out.stderr.startswith(
        f"studylog: error: {tmp_path / 'page.html'} is a file; --dir takes"
    )
    assert (tmp_path / "page.html").read_text() == "mine"


@pytest.mark.parametrize(
    "page, target, link",
    [
        ("/progress/", "/TIL/", "../TIL/"),
        ("/me/progress/", "/me/til.html", "../til.html"),
        ("/p.html", "/TIL/", "TIL/"),
    ],
)
def test_relative_link(page, target, link):
    assert relative_link(page, target) == link


def test_check_link():
    assert check_link("../TIL/") == "../TIL/" and check_link("http://x.org/t") == "http://x.org/t"
    for bad in ("javascript:alert(1)", "//evil.example/", 'a"b', "file:///etc/passwd"):
        with pytest.raises(UsageError):
            check_link(bad)


def test_rich_text():
    assert rich_text("see [the notes](https://x.org/n?a=1&b=2) and `x < y`") == (
        'see <a href="https://x.org/n?a=1&amp;b=2">the notes</a> and <code>x &lt; y</code>'
    )


def test_hours_as_the_learner_writes_them_and_the_weekly_target(logged, tmp_path):
    logged("config", "set", "hours_format", "hm", ok=True)
    logged("config", "set", "target.week", "10h", ok=True)
    logged("done", "a bit more", "-H", "0.5", ok=True)
    page, _ = _page(logged, tmp_path)
    week = logged("week", "--json", ok=True).json()
    assert week["total_hours"] == 3.5
    assert 'id="week-hours" data-hours="3.5">3h30m</span>' in page  # shown as hm, the figure as in the JSON
    assert (
        '<li class="target" data-curriculum="" data-target="10" data-hours="3.5">Target: 3h30m of 10h · 6h30m to go</li>'
        in page
    )
