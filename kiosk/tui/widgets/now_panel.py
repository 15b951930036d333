from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import ProgressBar

from kiosk.core.view import Screen
from kiosk.tui.widgets.line import hide_if
from kiosk.tui.widgets.panel import Panel


class NowPanel(Panel):
    """What is on now: title, speaker, times, how long it still runs, a progress bar."""

    def __init__(self, *, id: str | None = None):
        super().__init__(
            "now", {"title": "title", "by": "by", "times": "times", "left": "when"}, id=id
        )
        self.bar = ProgressBar(total=100, show_eta=False, show_percentage=False, id="now-progress")

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield self.bar

    def show(self, screen: Screen) -> None:
        shown = self.fill(
            screen.now_label if screen.now_title else "",
            screen.left_digits,
            title=screen.now_title,
            by=screen.now_by,
            times=screen.now_times,
            left=screen.now_left,
        )
        if not shown:
            return
        hide_if(self.bar, screen.progress is None)
        percent = round((screen.progress or 0) * 100)
        if self.bar.progress != percent:
            self.bar.update(progress=percent)
