from __future__ import annotations

from kiosk.core.view import NextText
from kiosk.tui.widgets.panel import Panel


class NextPanel(Panel):
    """What comes next, and when."""

    def __init__(self, *, id: str | None = None):
        super().__init__("next", {"title": "title", "when": "when"}, id=id)

    def show(self, nxt: NextText | None) -> None:
        if self.shown_if(nxt is not None) and nxt is not None:
            self.put(nxt.label, nxt.digits, title=nxt.title, when=nxt.when)
