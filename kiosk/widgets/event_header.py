from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.view import Screen
from kiosk.widgets.big_digits import BigDigits
from kiosk.widgets.line import Line


class EventHeader(Horizontal):
    """Event title, subtitle, date and venue, with the big clock."""

    def compose(self) -> ComposeResult:
        with Vertical(id="event-text"):
            yield Line(id="event-title")
            yield Line(id="event-subtitle")
            yield Line(id="event-where")
        yield BigDigits("", id="clock")

    def show(self, screen: Screen) -> None:
        self.query_one("#event-title", Line).show(screen.title)
        self.query_one("#event-subtitle", Line).show(screen.subtitle)
        where = " · ".join(x for x in (screen.date_line, screen.venue_line) if x)
        self.query_one("#event-where", Line).show(where)
        self.query_one("#clock", BigDigits).show(screen.clock)
