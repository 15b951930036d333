from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.core.view import HeadlineText
from kiosk.tui.widgets.line import Line, hide_if


class Headline(Vertical):
    """Before and after the programme: one big line and a countdown."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.text_line = Line(id="headline-text")
        self.countdown = Line(id="headline-countdown")

    def compose(self) -> ComposeResult:
        yield from (self.text_line, self.countdown)

    def show(self, headline: HeadlineText | None) -> None:
        hide_if(self, headline is None)
        if headline is not None:
            self.text_line.show(headline.text)
            self.countdown.show(headline.countdown)
