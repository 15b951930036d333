from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from kiosk.core.words import Words
from kiosk.tui.keys import HOST_KEYS
from kiosk.tui.widgets.line import Line


class HelpScreen(ModalScreen[None]):
    """Every host key, in the screen's language."""

    BINDINGS = [
        Binding("escape,question_mark,q,enter", "dismiss", show=False),
    ]

    def __init__(self, words: Words):
        super().__init__()
        self.words = words

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Line(self.words("help_title"), classes="dialog-title")
            for key in HOST_KEYS:
                yield Line(f"{key.shown:<16} {self.words(key.word)}", classes="help-row")
            yield Line(self.words("help_close"), classes="dialog-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
