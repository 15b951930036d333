"""The floor: a bare Textual app with a `Digits` clock, the least a kiosk could cost.

The benchmarks measure the kiosk against this app in the same run (DESIGN.md, Quality bars).
"""

from __future__ import annotations

from datetime import datetime

from textual.app import App, ComposeResult
from textual.widgets import Digits


def _now() -> str:
    return datetime.now().strftime("%H:%M:%S")


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Digits(_now())

    def on_mount(self) -> None:
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        self.query_one(Digits).update(_now())


if __name__ == "__main__":
    Floor().run()
