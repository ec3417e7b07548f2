"""--html and --svg: a titled page and image in one theme with light and dark variants, heatmap
levels that differ in colour (with contrast, not only texture), and URLs that are links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from rich.segment import Segment
from rich.style import Style

from studylog.links import safe_url, split_links, split_urls
from studylog.render.document import html_page, svg_image
from studylog.theme import LEVELS, PALETTE, contrast, css_variables


class Page(HTMLParser):
    """The title, the links and the text of each element with a class, of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.links: list[tuple[str, str]] = []
        self.classed: list[tuple[str, str]] = []
        self._stack: list[tuple[str, dict]] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._stack.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        for tag, attrs in self._stack:
            if tag == "a":
                self.links.append((attrs.get("href", ""), data))
        if self._stack and self._stack[-1][1].get("class"):
            self.classed.append((self._stack[-1][1]["class"], data))


def _rules(page: str, prop: str) -> dict[str, str]:
    """class -> the custom property its ``prop`` uses, from the page's stylesheet."""
    return dict(re.findall(r"\.([\w-]+) \{ " + prop + r": var\(--sl-([\w-]+)", page))


def _variables(page: str) -> tuple[dict[str, str], dict[str, str]]:
    """(light, dark) custom properties of a page."""
    light = re.search(r":root \{([^}]*)\}", page)
    dark = re.search(r"prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}", page)
    assert light and dark

    def props(block: str) -> dict[str, str]:
        return dict(re.findall(r"--sl-([\w-]+): (#[0-9a-f]{6});", block))

    return props(light.group(1)), props(dark.group(1))


@pytest.fixture
def logged(cli):
    cli("done", "read https://example.com/paper?id=1&x=2 (notes)", "-H", "0.5", "--date", "2024-04-08", ok=True)
    cli("done", "two hours", "-H", "2", "--date", "2024-04-09", ok=True)
    cli("done", "three hours", "-H", "3", "--date", "2024-04-10", ok=True)
    cli("done", "five hours", "-H", "5", "--date", "2024-04-11", ok=True)
    return cli


def test_calendar_html_has_a_title_a_dark_variant_and_a_colour_per_level(logged, tmp_path):
    page_file = tmp_path / "cal.html"
    logged("calendar", "--html", str(page_file), ok=True)
    page = page_file.read_text(encoding="utf-8")
    parsed = Page()
    parsed.feed(page)
    assert parsed.title == "studylog calendar"
    assert "@media (prefers-color-scheme: dark)" in page
    light, dark = _variables(page)
    colour_of = _rules(page, "color")
    shown = {cls: text for cls, text in parsed.classed if "fg-level" in cls}
    # each of the five levels is drawn (the legend shows them all), each in its own class
    glyphs = {re.search(r"fg-(level\d)", cls).group(1): text.strip() for cls, text in shown.items()}
    assert glyphs == {"level0": "·", "level1": "░", "level2": "▒", "level3": "▓", "level4": "█"}
    for variant, background in ((light, light["bg"]), (dark, dark["bg"])):
        colours = [variant[colour_of[f"fg-{lv}"]] for lv in LEVELS]
        assert len(set(colours)) == 5, colours
        for lower, higher in pairwise(colours[1:]):
            assert contrast(lower, higher) >= 1.4, (lower, higher)  # a step reads from its colour
        assert contrast(colours[1], background) >= 1.5
        assert contrast(colours[4], background) >= 7  # the most hours stand out most


def test_week_html_and_svg_link_their_urls(logged, tmp_path):
    page_file, image_file = tmp_path / "week.html", tmp_path / "week.svg"
    logged("week", "2024-04-08", "--html", str(page_file), "--svg", str(image_file), ok=True)
    parsed = Page()
    parsed.feed(page_file.read_text(encoding="utf-8"))
    assert parsed.title == "studylog week"
    assert ("https://example.com/paper?id=1&x=2", "https://example.com/paper?id=1&x=2") in parsed.links
    image = image_file.read_text(encoding="utf-8")
    assert '<title id="title">studylog week</title>' in image
    assert '<a href="https://example.com/paper?id=1&amp;x=2">' in image
    assert "prefers-color-scheme: dark" in image
    assert "cdn" not in image.lower() and "@font-face" not in image  # nothing from the network
    # the same theme: the image and the page define the same custom properties
    assert _variables(image) == _variables(page_file.read_text(encoding="utf-8"))


def test_the_theme_is_one_palette_in_both_variants():
    text = css_variables()
    for role, (light, dark) in PALETTE.items():
        name = role.replace("_", "-")
        assert f"--sl-{name}: {light};" in text.split("@media")[0]
        assert f"--sl-{name}: {dark};" in text.split("@media")[1]
    assert "{{" not in text and "{%" not in text  # safe through Liquid (the Jekyll page)
    for role in ("fg", "link", "muted"):
        for variant in (0, 1):
            assert contrast(PALETTE[role][variant], PALETTE["bg"][variant]) >= 4.5, role


def test_text_is_escaped_and_only_http_links_are_made():
    lines = [
        [Segment("<b>x</b> & javascript:alert(1) see https://a.example/x_(y).")],
        [Segment("click", Style(link="javascript:alert(1)")), Segment(" ok", Style(link='https://b.example/?q="x'))],
        [Segment("here", Style(link="https://c.example/p"))],
    ]
    page = html_page(lines, 'a "title" <i>')
    assert "<title>a &quot;title&quot; &lt;i&gt;</title>" in page
    assert "&lt;b&gt;x&lt;/b&gt; &amp; javascript:alert(1)" in page
    assert '<a href="https://a.example/x_(y)">https://a.example/x_(y)</a>.' in page
    assert 'javascript:alert(1)"' not in page and 'href="javascript' not in page
    assert 'href="https://b.example' not in page  # a quote in a link: not a link
    assert '<a href="https://c.example/p">here</a>' in page
    image = svg_image(lines, "t & <t>")
    assert '<title id="title">t &amp; &lt;t&gt;</title>' in image and "<b>" not in image
    assert 'href="javascript' not in image


@pytest.mark.parametrize(
    "text, urls",
    [
        ("see https://x.org/a, then", ["https://x.org/a"]),
        ("(https://x.org/wiki/A_(b))", ["https://x.org/wiki/A_(b)"]),
        ("ftp://x.org and http:// and https://y.org.", ["https://y.org"]),
        ("no links here", []),
    ],
)
def test_urls_in_text(text, urls):
    pieces = list(split_urls(text))
    assert "".join(p for p, _ in pieces) == text
    assert [u for _, u in pieces if u] == urls


def test_safe_url():
    assert safe_url("https://example.com/a?b=c") == "https://example.com/a?b=c"
    for bad in ("javascript:alert(1)", "http://", "file:///etc/passwd", 'https://x.org/"q', "//x.org", None, ""):
        assert safe_url(bad) is None


def test_markdown_links_show_their_text():
    pieces = list(split_links("Read [the paper](https://x.org/p) and [bad](javascript:x) https://y.org/q."))
    assert pieces == [
        ("Read ", None),
        ("the paper", "https://x.org/p"),
        (" and [bad](javascript:x) ", None),
        ("https://y.org/q", "https://y.org/q"),
        (".", None),
    ]
    assert list(split_links("[a](<https://x.org/A_(b)>)")) == [("a", "https://x.org/A_(b)")]
