from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.view import Screen
from kiosk.widgets.line import Line


class Headline(Vertical):
    """Before and after the programme: one big line and a countdown."""

    def compose(self) -> ComposeResult:
        yield Line(id="headline-text")
        yield Line(id="headline-countdown")

    def show(self, screen: Screen) -> None:
        self.query_one("#headline-text", Line).show(screen.headline)
        self.query_one("#headline-countdown", Line).show(screen.countdown)
        self.set_class(not screen.headline, "-empty")
