from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.core.view import HeaderText
from kiosk.tui.widgets.big_digits import BigDigits
from kiosk.tui.widgets.plain_text import PlainText
from kiosk.tui.widgets.when_needed import Sizes, WhenNeeded


class EventHeader(Horizontal):
    """The event and the time: the clock is always there, and always smaller than NOW's
    time left (one row; Textual's Digits on a large screen, where NOW grows bigger)."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        # made here, not in compose: the first frame is filled in before anything is mounted
        self.text = Vertical(id="event-text")
        self.title_line = PlainText(id="event-title")
        # on large screens only (or an organiser's look)
        self.subtitle_line = WhenNeeded(
            lambda: PlainText(id="event-subtitle"),
            lambda w: self.text.mount(w, after=self.title_line),
        )
        self.where_line = PlainText(id="event-where")
        self.clock_line = PlainText(id="clock-text")
        self.clock = WhenNeeded(lambda: BigDigits("", id="clock"), self.mount)

    def compose(self) -> ComposeResult:
        with self.text:
            yield self.title_line
            yield from self.subtitle_line.yielded()
            yield self.where_line
        yield self.clock_line
        yield from self.clock.yielded()

    def show(self, header: HeaderText, sizes: Sizes) -> None:
        self.title_line.show(header.title)
        if (subtitle_line := self.subtitle_line.needed(sizes.large)) is not None:
            subtitle_line.show(header.subtitle)
        self.where_line.show(" · ".join(x for x in (header.date, header.venue) if x))
        self.clock_line.show(header.clock)
        if (clock := self.clock.needed(sizes.large)) is not None:
            clock.show(header.clock)
