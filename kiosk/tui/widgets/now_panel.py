from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import ProgressBar

from kiosk.core.view import NowText
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

    def show(self, now: NowText | None) -> None:
        if not self.shown_if(now is not None) or now is None:
            return
        self.put(now.label, now.digits, title=now.title, by=now.by, times=now.times, left=now.left)
        hide_if(self.bar, now.progress is None)
        # over time: words and a full bar in the warning colour (the stylesheet's -overtime)
        self.set_class(now.overtime, "-overtime", update=self.is_mounted)
        percent = round((now.progress or 0) * 100)
        if self.bar.progress != percent:
            self.bar.update(progress=percent)
