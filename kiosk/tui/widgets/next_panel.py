from __future__ import annotations

from kiosk.core.view import Screen
from kiosk.tui.widgets.panel import Panel


class NextPanel(Panel):
    """What comes next, and when."""

    def __init__(self, *, id: str | None = None):
        super().__init__("next", {"title": "title", "when": "when"}, id=id)

    def show(self, screen: Screen) -> None:
        self.fill(
            screen.next_label if screen.next_title else "",
            screen.next_digits,
            title=screen.next_title,
            when=screen.next_when,
        )
