from __future__ import annotations

from textual.widgets import Digits


class BigDigits(Digits):
    """Textual's Digits, redrawn only when the value changed (it is set every tick)."""

    def show(self, value: str) -> None:
        if self.value != value:
            self.update(value)
