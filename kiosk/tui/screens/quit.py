from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from kiosk.core.words import Words
from kiosk.tui.screens.dialog import Dialog
from kiosk.tui.widgets.plain_text import PlainText


class QuitScreen(Dialog[bool]):
    """Quitting a kiosk by accident blanks a hall: ask first."""

    BINDINGS = [
        Binding("y,j", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, words: Words):
        super().__init__()
        self.words = words

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box", classes="dialog"):
            yield PlainText(self.words("quit_question"), classes="dialog-title")
            with Horizontal(id="quit-buttons"):
                yield Button(self.words("no"), id="quit-no", variant="primary")
                yield Button(self.words("yes"), id="quit-yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#quit-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
