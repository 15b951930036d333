from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.view import Screen
from kiosk.widgets.big_digits import BigDigits
from kiosk.widgets.line import Line


class NextPanel(Vertical):
    """What comes next, and when."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.label = Line(id="next-label", classes="label")
        self.digits = BigDigits("", id="next-digits", classes="big")
        self.title_line = Line(id="next-title", classes="title")
        self.when = Line(id="next-when", classes="when")

    def compose(self) -> ComposeResult:
        yield self.label
        with Horizontal(classes="panel-body"):
            yield self.digits
            with Vertical(classes="panel-text"):
                yield from (self.title_line, self.when)

    def show(self, screen: Screen) -> None:
        self.set_class(not screen.next_title, "-empty", update=self.is_mounted)
        if not screen.next_title:
            return
        self.label.show(screen.next_label)
        self.title_line.show(screen.next_title)
        self.when.show(screen.next_when)
        self.digits.show(screen.next_digits)
