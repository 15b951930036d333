from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from kiosk.core.words import Words
from kiosk.tui.keys import HOST_KEYS
from kiosk.tui.screens.dialog import Dialog
from kiosk.tui.widgets.plain_text import PlainText


class HelpScreen(Dialog[None]):
    """Every host key, in the screen's language, and what next and previous would do now;
    it scrolls where the screen is too small for all of it."""

    BINDINGS = [
        Binding("escape,question_mark,q,enter", "dismiss", show=False),
    ]

    def __init__(self, words: Words, next_does: str = "", prev_does: str = "", state: str = ""):
        super().__init__()
        self.words = words
        self.next_does, self.prev_does, self.state = next_does, prev_does, state

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog"):
            yield PlainText(self.words("help_title"), classes="dialog-title")
            if self.next_does:
                yield PlainText(
                    self.words("help_next_does", what=self.next_does), classes="help-now"
                )
            if self.prev_does:
                yield PlainText(
                    self.words("help_prev_does", what=self.prev_does), classes="help-now"
                )
            for key in HOST_KEYS:
                yield PlainText(f"{key.shown:<10} {self.words(key.word)}", classes="help-row")
            hint = " · ".join(x for x in (self.words("help_close"), self.state) if x)
            yield PlainText(hint, classes="dialog-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
