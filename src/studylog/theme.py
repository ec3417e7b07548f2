"""The one colour theme of everything studylog draws for a browser: the ``--svg``/``--html``
exports of every command and the progress page (``export site``), each in a light and a dark
variant (CSS custom properties, switched by ``prefers-color-scheme``).

Colours have roles: the page's own (``fg``, ``bg``, ``muted``, ``border``, ``surface``, ``link``,
``accent``), the sixteen terminal colours a command's styles name (``green``, ``bright_black``…),
and the heatmap's levels (``level0``, nothing logged, to ``level4``, more than 4 hours). The
levels are a ramp whose every step differs from the one before in luminance (``contrast``), so a
level reads from its colour alone, not only from the glyph's texture. No rich here: the render
modules and the page builder read plain strings.
"""

from __future__ import annotations

# role: (light, dark)
PALETTE: dict[str, tuple[str, str]] = {
    "fg": ("#1f2328", "#e6edf3"),
    "bg": ("#ffffff", "#0d1117"),
    "muted": ("#59636e", "#9198a1"),
    "border": ("#d1d9e0", "#3d444d"),
    "surface": ("#f6f8fa", "#151b23"),
    "link": ("#0969da", "#4493f8"),
    "accent": ("#1a7f37", "#3fb950"),
    "behind": ("#bc4c00", "#f0883e"),
    "black": ("#24292f", "#6e7681"),
    "red": ("#cf222e", "#ff7b72"),
    "green": ("#116329", "#3fb950"),
    "yellow": ("#7d4e00", "#d29922"),
    "blue": ("#0550ae", "#58a6ff"),
    "magenta": ("#8250df", "#bc8cff"),
    "cyan": ("#1b7c83", "#39c5cf"),
    "white": ("#6e7781", "#b1bac4"),
    "bright_black": ("#57606a", "#8b949e"),
    "bright_red": ("#a40e26", "#ffa198"),
    "bright_green": ("#1a7f37", "#56d364"),
    "bright_yellow": ("#633c01", "#e3b341"),
    "bright_blue": ("#218bff", "#79c0ff"),
    "bright_magenta": ("#a475f9", "#d2a8ff"),
    "bright_cyan": ("#3192aa", "#56d4dd"),
    "bright_white": ("#8c959f", "#f0f6fc"),
    "level0": ("#d5dbe1", "#262c36"),
    "level1": ("#95d5a0", "#1f6f3b"),
    "level2": ("#4cae62", "#2ea043"),
    "level3": ("#2a8a43", "#4cc764"),
    "level4": ("#0f5c26", "#8ff0a0"),
}

# The sixteen terminal colours by number, as rich numbers them.
ANSI = (
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright_black",
    "bright_red",
    "bright_green",
    "bright_yellow",
    "bright_blue",
    "bright_magenta",
    "bright_cyan",
    "bright_white",
)

LEVELS = ("level0", "level1", "level2", "level3", "level4")

# On a terminal the levels are 256-colour greens (any background: they grow in saturation and
# brightness); rich turns them into the nearest colour a smaller terminal has. Exports replace
# them with the theme's level colours.
TERMINAL_LEVELS = ("bright_black", "color(65)", "color(71)", "color(34)", "bold color(40)")

FONT = 'ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace'
SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


def var(role: str) -> str:
    """A role's colour in CSS: its custom property, with the light colour as fallback."""
    return f"var(--sl-{role.replace('_', '-')}, {PALETTE[role][0]})"


def css_variables(selector: str = ":root") -> str:
    """The palette as custom properties on ``selector``: light, then dark for a reader whose
    system prefers it. Inline CSS only (no ``{{``: the page may pass through Liquid)."""

    def block(variant: int) -> str:
        props = " ".join(f"--sl-{role.replace('_', '-')}: {colours[variant]};" for role, colours in PALETTE.items())
        return f"{selector} {{ {props} color-scheme: {'light' if variant == 0 else 'dark'}; }}"

    return f"{block(0)}\n@media (prefers-color-scheme: dark) {{\n  {block(1)}\n}}\n"


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
