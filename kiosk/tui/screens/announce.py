from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input

from kiosk.core.words import Words
from kiosk.tui.widgets.line import Line

MAX_LENGTH = 200


class AnnounceScreen(ModalScreen[str | None]):
    """Type an announcement: Enter shows it (empty clears it), Esc leaves it as it was."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, words: Words, current: str | None):
        super().__init__()
        self.words = words
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="announce-box", classes="dialog"):
            yield Line(self.words("announce_prompt"), classes="dialog-title")
            yield Input(self.current, id="announce-input", max_length=MAX_LENGTH)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
