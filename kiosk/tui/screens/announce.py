from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from kiosk.core.text import displayable
from kiosk.core.words import Words
from kiosk.tui.screens.dialog import Dialog
from kiosk.tui.widgets.plain_text import PlainText

MAX_LENGTH = 200


class AnnounceScreen(Dialog[str | None]):
    """Type an announcement. It opens empty, with what is on screen now above it: Enter shows
    the new text, Enter on empty clears, ↑ takes the current text to change it, Esc keeps it."""

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("up", "take", show=False)]
    WORDS = "announce"  # the words table's keys: announce_prompt, announce_current, …

    def __init__(self, words: Words, current: str | None):
        super().__init__()
        self.words = words
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="announce-box", classes="dialog"):
            yield PlainText(self.words(f"{self.WORDS}_prompt"), classes="dialog-title")
            if self.current:
                shown = self.words(f"{self.WORDS}_current", text=displayable(self.current))
                yield PlainText(shown, id="announce-current")
                yield PlainText(self.words(f"{self.WORDS}_take"), classes="dialog-hint")
            else:
                yield PlainText(self.words(f"{self.WORDS}_none"), id="announce-current")
            yield Input("", id="announce-input", max_length=MAX_LENGTH)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_take(self) -> None:
        field = self.query_one(Input)
        field.value = self.current
        field.cursor_position = len(self.current)

    def action_cancel(self) -> None:
        self.dismiss(None)
