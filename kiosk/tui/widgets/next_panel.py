from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.core.view import NextText
from kiosk.tui.widgets.plain_text import PlainText, hide_if


class NextPanel(Vertical):
    """What comes next, and when: smaller than NOW, with no big digits of its own."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.label = PlainText(id="next-label", classes="label")
        self.title_line = PlainText(id="next-title", classes="title")
        self.when = PlainText(id="next-when", classes="when")

    def compose(self) -> ComposeResult:
        yield from (self.label, self.title_line, self.when)

    def show(self, nxt: NextText | None) -> None:
        hide_if(self, nxt is None)
        if nxt is not None:
            self.label.show(nxt.label)
            self.title_line.show(nxt.title)
            self.when.show(nxt.when)
