from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget

from kiosk.core.view import Count
from kiosk.tui.widgets.big_digits import BigDigits
from kiosk.tui.widgets.plain_text import PlainText, hide_if
from kiosk.tui.widgets.when_needed import Sizes, WhenNeeded

NBSP = "\u00a0"  # a blank that keeps its row
# Textual's Digits are three rows tall at any size; on a large screen the time left grows
# with it, drawn in blocks from this 3x5 font (each "#" a block of cells)
FONT = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}


def scale(height: int) -> int:
    """How many cells a block of the font takes: the time left grows with the screen."""
    return 1 if height < 40 else 2 if height < 60 else 3


class BlockDigits(Widget):
    """Digits drawn in blocks, five (or ten) rows tall: the biggest text on a large screen."""

    DEFAULT_CSS = "BlockDigits { width: auto; height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._value = ""

    def show(self, value: str) -> None:
        if value != self._value:
            self._value = value
            self.refresh(layout=True)

    def _rows(self) -> list[str]:
        k = scale(self.app.size.height)
        glyphs = [FONT[c] for c in self._value if c in FONT]
        rows = []
        for y in range(5):
            cells = (" ".join(g[y] for g in glyphs)).replace(".", " ")
            # a block is two columns wide per row: terminal cells are about twice as tall
            rows.extend(["".join("█" * 2 * k if c == "#" else " " * 2 * k for c in cells)] * k)
        return rows

    def get_content_width(self, container: object, viewport: object) -> int:
        return max((len(r) for r in self._rows()), default=0)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self._rows()) if self._value else 0

    def render(self) -> Text:
        return Text("\n".join(self._rows()), no_wrap=True, end="")


class BigCount(Horizontal):
    """A stretch of time as the biggest text: digits with their unit ("12 min"), and the
    word that says which way it counts ("nog", "uitloop", "over")."""

    def __init__(self, name: str, *, id: str | None = None):
        super().__init__(id=id, classes="big-count")
        self.digits = BigDigits("", id=f"{name}-digits", classes="digits")
        # on large screens only (or an organiser's look)
        self.blocks = WhenNeeded(
            lambda: BlockDigits(id=f"{name}-blocks", classes="blocks"),
            lambda w: self.mount(w, after=self.digits),
        )
        # beside the three rows of digits: the qualifier on top, the unit on the bottom row
        self.words = PlainText(id=f"{name}-unit", classes="count-words")

    def compose(self) -> ComposeResult:
        yield self.digits
        yield from self.blocks.yielded()
        yield self.words

    def show(self, count: Count | None, sizes: Sizes) -> None:
        hide_if(self, count is None)
        if count is None:
            return
        self.digits.show(count.digits)
        if (blocks := self.blocks.needed(sizes.large)) is not None:
            blocks.show(count.digits)
        self.words.show(f"{count.qualifier or NBSP}\n{NBSP}\n{count.unit or NBSP}")
