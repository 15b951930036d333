from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.core.view import HeaderText
from kiosk.tui.widgets.big_digits import BigDigits
from kiosk.tui.widgets.plain_text import PlainText


class EventHeader(Horizontal):
    """The event and the time: the clock is always there, and always smaller than NOW's
    time left (one row; Textual's Digits on a large screen, where NOW grows bigger)."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        # made here, not in compose: the first frame is filled in before anything is mounted
        self.title_line = PlainText(id="event-title")
        self.subtitle_line = PlainText(id="event-subtitle")
        self.where_line = PlainText(id="event-where")
        self.clock_line = PlainText(id="clock-text")
        self.clock = BigDigits("", id="clock")

    def compose(self) -> ComposeResult:
        with Vertical(id="event-text"):
            yield from (self.title_line, self.subtitle_line, self.where_line)
        yield self.clock_line
        yield self.clock

    def show(self, header: HeaderText) -> None:
        self.title_line.show(header.title)
        self.subtitle_line.show(header.subtitle)
        self.where_line.show(" · ".join(x for x in (header.date, header.venue) if x))
        self.clock_line.show(header.clock)
        self.clock.show(header.clock)
