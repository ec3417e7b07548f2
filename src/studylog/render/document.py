"""What a command drew, as an HTML page or an SVG image (``--html FILE``, ``--svg FILE``).

Both are made from the same lines of rich segments and share one theme (``studylog.theme``):
colours are CSS custom properties with a light and a dark variant (``prefers-color-scheme``), a
style's terminal colour names its role (``green``, ``bright_black``; the heatmap's levels are named
by the style's ``meta["role"]``), and every role has its own class. A URL, whether a segment links
to it (``Style(link=...)``) or it is written in the text, becomes a link (``<a href>``), when it
is an http or https URL. Every text is escaped. Pure: lines in, a string out; nothing is fetched
from the network (no web fonts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from html import escape
from typing import Any

from studylog.links import safe_url, split_urls
from studylog.render.lines import cell_width
from studylog.theme import ANSI, FONT, LEVELS, PALETTE, css_variables, var

CHAR_WIDTH = 8.43  # px: a 14px monospace glyph
LINE_HEIGHT = 20
FONT_SIZE = 14
PAD = 16

_ROLES = (*ANSI, *LEVELS)

Piece = tuple[str, str | None, Any]  # text, link, style


def _role(color: Any) -> str | None:
    """The theme role of a rich colour (None: the default colour, or one the theme lacks)."""
    if color is None or color.is_default:
        return None
    number = color.number
    if number is not None and number < 16 and color.triplet is None:
        return ANSI[number]
    return None


def _inline(color: Any) -> str | None:
    """The hex of a rich colour the theme has no role for (a 256-colour or true colour)."""
    if color is None or color.is_default or _role(color) is not None:
        return None
    return color.get_truecolor().hex


def _classes(style: Any) -> tuple[list[str], list[str]]:
    """(classes, inline declarations) of a rich style: ``fg-ROLE``, ``bg-ROLE``, ``b``, ``d``,
    ``i``, ``u``, ``s``."""
    if style is None:
        return [], []
    classes: list[str] = []
    inline: list[str] = []
    meta = style.meta or {}
    color, bgcolor = style.color, style.bgcolor
    role = meta.get("role") if meta.get("role") in PALETTE else _role(color)
    background = _role(bgcolor)
    if style.reverse:
        role, background = background or "bg", role or "fg"
    if role:
        classes.append(f"fg-{role}")
    elif (hex_ := _inline(color)) is not None:
        inline.append(f"--c: {hex_}")
        classes.append("fg-x")
    if background:
        classes.append(f"bg-{background}")
    for attr, name in (("bold", "b"), ("dim", "d"), ("italic", "i"), ("underline", "u"), ("strike", "s")):
        if getattr(style, attr):
            classes.append(name)
    return classes, inline


def _pieces(line: Iterable[Any]) -> Iterator[Piece]:
    """A line's segments as (text, link, style): text that is an http(s) URL links to it."""
    for segment in line:
        if segment.control or not segment.text:
            continue
        style = segment.style
        link = safe_url(style.link) if style is not None and style.link else None
        if link:
            yield segment.text, link, style
            continue
        for text, url in split_urls(segment.text):
            yield text, url, style


def _stylesheet(prop: str, dim: str) -> str:
    rules = [f".fg-{r} {{ {prop}: {var(r)}; }}" for r in (*_ROLES, "fg", "bg", "muted")]
    rules += [f".bg-{r} {{ background-color: {var(r)}; }}" for r in (*_ROLES, "fg", "bg")]
    rules += [
        f".fg-x {{ {prop}: var(--c); }}",
        ".b { font-weight: bold; }",
        f".d {{ {dim}: 0.68; }}",
        ".i { font-style: italic; }",
        ".u { text-decoration: underline; }",
        ".s { text-decoration: line-through; }",
    ]
    return "\n".join(rules)


def html_page(lines: Sequence[Sequence[Any]], title: str) -> str:
    """The lines as one HTML page: a ``<pre>`` block of spans, titled ``title``."""
    body: list[str] = []
    for line in lines:
        out: list[str] = []
        for text, link, style in _pieces(line):
            classes, inline = _classes(style)
            span = escape(text, quote=False)
            if classes:
                extra = f' style="{escape("; ".join(inline))}"' if inline else ""
                span = f'<span class="{" ".join(classes)}"{extra}>{span}</span>'
            if link:
                span = f'<a href="{escape(link)}">{span}</a>'
            out.append(span)
        body.append("".join(out).rstrip())
    code = "\n".join(body).rstrip("\n")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{escape(title)}</title>\n<style>\n{css_variables()}"
        f"body {{ margin: 0; background: {var('bg')}; color: {var('fg')}; }}\n"
        f"pre.studylog {{ margin: 0; padding: 1rem; font-family: {FONT}; font-size: {FONT_SIZE}px; "
        "line-height: 1.45; white-space: pre; overflow-x: auto; }\n"
        f"a {{ color: {var('link')}; text-decoration: underline; }}\n"
        f"a:focus-visible {{ outline: 2px solid {var('link')}; }}\n"
        f"{_stylesheet('color', 'opacity')}\n"
        "</style>\n</head>\n<body>\n"
        f'<pre class="studylog"><code>{code}</code></pre>\n'
        "</body>\n</html>\n"
    )


def svg_image(lines: Sequence[Sequence[Any]], title: str) -> str:
    """The lines as one SVG image, titled ``title`` (its ``<title>``, shown as a tooltip)."""
    rows: list[str] = []
    fills: list[str] = []
    widest = 0
    for n, line in enumerate(lines):
        y = PAD + n * LINE_HEIGHT
        column = 0
        spans: list[str] = []
        for text, link, style in _pieces(line):
            cells = cell_width(text)
            classes, inline = _classes(style)
            x = PAD + column * CHAR_WIDTH
            background = next((c for c in classes if c.startswith("bg-")), None)
            if background:
                fills.append(
                    f'<rect x="{x:.2f}" y="{y}" width="{cells * CHAR_WIDTH:.2f}" height="{LINE_HEIGHT}" '
                    f'class="fill-{background[3:]}"/>'
                )
            if text.strip():
                attrs = f' class="{" ".join(c for c in classes if not c.startswith("bg-"))}"' if classes else ""
                attrs += f' style="{escape("; ".join(inline))}"' if inline else ""
                span = f'<tspan x="{x:.2f}"{attrs}>{escape(text, quote=False)}</tspan>'
                if link:
                    span = f'<a href="{escape(link)}">{span}</a>'
                spans.append(span)
            column += cells
        widest = max(widest, column)
        if spans:
            rows.append(f'<text y="{y + LINE_HEIGHT - 5}">{"".join(spans)}</text>')
    width = round(2 * PAD + max(widest, 1) * CHAR_WIDTH)
    height = 2 * PAD + max(len(lines), 1) * LINE_HEIGHT
    fill_rules = "\n".join(f".fill-{r} {{ fill: {var(r)}; }}" for r in (*_ROLES, "fg", "bg"))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="title">\n'
        f'<title id="title">{escape(title)}</title>\n<style>\n{css_variables()}'
        f"text {{ font-family: {FONT}; font-size: {FONT_SIZE}px; white-space: pre; fill: {var('fg')}; }}\n"
        f"a tspan {{ fill: {var('link')}; text-decoration: underline; }}\n"
        f"{_stylesheet('fill', 'fill-opacity')}\n{fill_rules}\n"
        "</style>\n"
        '<rect width="100%" height="100%" class="fill-bg"/>\n'
        + "".join(f + "\n" for f in fills)
        + "".join(r + "\n" for r in rows)
        + "</svg>\n"
    )
