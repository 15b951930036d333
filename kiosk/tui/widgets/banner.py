from __future__ import annotations

from kiosk.tui.widgets.plain_text import PlainText


class Banner(PlainText):
    """The host's announcement, above all else; hidden when there is none."""

    def show(self, text: str | None) -> None:
        super().show(f"» {text} «" if text else "")
