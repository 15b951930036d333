from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar

from kiosk.view import Screen
from kiosk.widgets.big_digits import BigDigits
from kiosk.widgets.line import Line


class NowPanel(Vertical):
    """What is on now: title, speaker, times, how long it still runs, a progress bar."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.label = Line(id="now-label", classes="label")
        self.digits = BigDigits("", id="now-digits", classes="big")
        self.title_line = Line(id="now-title", classes="title")
        self.by = Line(id="now-by", classes="by")
        self.times = Line(id="now-times", classes="times")
        self.left = Line(id="now-left", classes="when")
        self.bar = ProgressBar(total=100, show_eta=False, show_percentage=False,
                               id="now-progress")

    def compose(self) -> ComposeResult:
        yield self.label
        with Horizontal(classes="panel-body"):
            yield self.digits
            with Vertical(classes="panel-text"):
                yield from (self.title_line, self.by, self.times, self.left)
        yield self.bar

    def show(self, screen: Screen) -> None:
        self.set_class(not screen.now_title, "-empty", update=self.is_mounted)
        if not screen.now_title:
            return
        self.label.show(screen.now_label)
        self.title_line.show(screen.now_title)
        self.by.show(screen.now_by)
        self.times.show(screen.now_times)
        self.left.show(screen.now_left)
        self.digits.show(screen.left_digits)
        self.bar.set_class(screen.progress is None, "-empty", update=self.is_mounted)
        percent = round((screen.progress or 0) * 100)
        if self.bar.progress != percent:
            self.bar.update(progress=percent)
