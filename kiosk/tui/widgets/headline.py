from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.core.view import HeadlineText
from kiosk.tui.widgets.big_count import BigCount
from kiosk.tui.widgets.plain_text import PlainText, hide_if
from kiosk.tui.widgets.when_needed import Sizes


class Headline(Vertical):
    """Before the doors, in a gap, after the close: one line and the one countdown."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.text_line = PlainText(id="headline-text")
        self.count = BigCount("headline", id="headline-count")
        self.countdown = PlainText(id="headline-countdown")

    def compose(self) -> ComposeResult:
        yield from (self.text_line, self.count, self.countdown)

    def show(self, headline: HeadlineText | None, sizes: Sizes) -> None:
        hide_if(self, headline is None)
        if headline is not None:
            self.text_line.show(headline.text)
            self.count.show(headline.big, sizes)
            self.countdown.show(headline.countdown)
            self.countdown.set_class(headline.big is not None, "-counted", update=self.is_attached)
