"""The speaker's time left, as big as the screen allows: blocks that grow with it."""

from __future__ import annotations

import math

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.renderables.digits import Digits
from textual.widget import Widget

from kiosk.core.view import Count
from kiosk.tui.widgets.big_count import FONT

# the hall's 3x5 font, and a plus for over time ("+3")
GLYPHS = {**FONT, "+": ("...", ".#.", "###", ".#.", "...")}
GAP = 2  # columns between the digits and their words
WORDS = Style(bold=True)
FADED = Style(dim=True)  # the digits at half strength: over time's soft flash


def pixels(text: str) -> list[str]:
    """The text in the font: five rows of '#' and '.', a blank column between glyphs."""
    glyphs = [GLYPHS[c] for c in text if c in GLYPHS]
    return [".".join(g[y] for g in glyphs) for y in range(5)]


def blocks(text: str, size: int) -> list[str]:
    """The text drawn with half blocks, each pixel `size` columns wide and `size` half rows
    tall (a cell is about twice as tall as wide: the pixels are square)."""
    grid = pixels(text)
    half_rows = 5 * size

    def on(half: int, column: int) -> bool:
        return half < half_rows and grid[half // size][column] == "#"

    rows = []
    for row in range(math.ceil(half_rows / 2)):
        cells = []
        for column in range(len(grid[0])):
            top, bottom = on(2 * row, column), on(2 * row + 1, column)
            cells.append((" ▄", "▀█")[top][bottom] * size)
        rows.append("".join(cells))
    return rows


def digits3(text: str) -> list[str]:
    """Textual's Digits, three rows tall, in heavy strokes: where blocks do not fit."""
    lines = "".join(s.text for s in Digits(text).render(Style(bold=True)) if isinstance(s, Segment))
    return lines.split("\n")[:3]


def fitted(count: Count, width: int, height: int) -> tuple[list[str], str, str]:
    """The digits drawn as large as fit in width x height beside their words, and the words
    (the qualifier before them, the unit after); words alone where even three rows do not fit."""
    words = sum(len(w) + GAP for w in (count.qualifier, count.unit) if w)
    columns = len(pixels(count.digits)[0])
    if columns:
        size = min((width - words) // columns, (2 * height) // 5)
        if size >= 2:
            return blocks(count.digits, size), count.qualifier, count.unit
        small = digits3(count.digits)
        if height >= 3 and len(small[0]) + words <= width:
            return small, count.qualifier, count.unit
    return [" ".join(x for x in (count.qualifier, count.digits, count.unit) if x)], "", ""


class StageCount(Widget):
    """The time left (or over, or the time of day), centred, as big as the screen allows: the
    qualifier at the top left of the digits ("nog"), the unit at the bottom right ("min")."""

    DEFAULT_CSS = "StageCount { width: 1fr; height: 1fr; }"

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._count = Count("", "")
        self._faded = False

    @property
    def count(self) -> Count:
        return self._count

    @property
    def faded(self) -> bool:
        return self._faded

    def fade(self, faded: bool) -> None:
        """The digits at half strength, or back: a soft flash (the words stay as they are)."""
        if faded != self._faded:
            self._faded = faded
            self.refresh()

    def show(self, count: Count) -> None:
        if count != self._count:
            self._count = count
            self.refresh()

    def render(self) -> Text:
        width, height = self.content_size
        rows, before, after = fitted(self._count, width, height)
        if not rows or width <= 0 or height <= 0:
            return Text("")
        left = f"{before}{' ' * GAP}" if before else ""
        right = f"{' ' * GAP}{after}" if after else ""
        wide = len(left) + len(rows[0]) + len(right)
        margin = " " * max(0, (width - wide) // 2)
        out = Text("\n" * max(0, (height - len(rows)) // 2), no_wrap=True, end="")
        for n, row in enumerate(rows):
            out.append(margin)
            out.append(left if n == 0 else " " * len(left), WORDS)
            out.append(row, FADED if self._faded else None)
            out.append(right if n == len(rows) - 1 else "", WORDS)
            if n < len(rows) - 1:
                out.append("\n")
        return out
