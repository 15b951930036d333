from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar

from kiosk.view import Screen
from kiosk.widgets.big_digits import BigDigits
from kiosk.widgets.line import Line


class NowPanel(Vertical):
    """What is on now: title, speaker, times, how long it still runs, a progress bar."""

    def compose(self) -> ComposeResult:
        yield Line(id="now-label", classes="label")
        with Horizontal(classes="panel-body"):
            yield BigDigits("", id="now-digits", classes="big")
            with Vertical(classes="panel-text"):
                yield Line(id="now-title", classes="title")
                yield Line(id="now-by", classes="by")
                yield Line(id="now-times", classes="times")
                yield Line(id="now-left", classes="when")
        yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="now-progress")

    def show(self, screen: Screen) -> None:
        self.set_class(not screen.now_title, "-empty")
        if not screen.now_title:
            return
        self.query_one("#now-label", Line).show(screen.now_label)
        self.query_one("#now-title", Line).show(screen.now_title)
        self.query_one("#now-by", Line).show(screen.now_by)
        self.query_one("#now-times", Line).show(screen.now_times)
        self.query_one("#now-left", Line).show(screen.now_left)
        self.query_one("#now-digits", BigDigits).show(screen.left_digits)
        bar = self.query_one("#now-progress", ProgressBar)
        bar.set_class(screen.progress is None, "-empty")
        percent = round((screen.progress or 0) * 100)
        if bar.progress != percent:
            bar.update(progress=percent)
