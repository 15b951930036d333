from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.view import Screen
from kiosk.widgets.big_digits import BigDigits
from kiosk.widgets.line import Line


class NextPanel(Vertical):
    """What comes next, and when."""

    def compose(self) -> ComposeResult:
        yield Line(id="next-label", classes="label")
        with Horizontal(classes="panel-body"):
            yield BigDigits("", id="next-digits", classes="big")
            with Vertical(classes="panel-text"):
                yield Line(id="next-title", classes="title")
                yield Line(id="next-when", classes="when")

    def show(self, screen: Screen) -> None:
        self.set_class(not screen.next_title, "-empty")
        if not screen.next_title:
            return
        self.query_one("#next-label", Line).show(screen.next_label)
        self.query_one("#next-title", Line).show(screen.next_title)
        self.query_one("#next-when", Line).show(screen.next_when)
        self.query_one("#next-digits", BigDigits).show(screen.next_digits)
