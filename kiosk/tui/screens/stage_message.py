from __future__ import annotations

from kiosk.tui.screens.announce import AnnounceScreen


class StageMessageScreen(AnnounceScreen):
    """Type a message to the stage, for the speaker's screen only: the announcement's box, in
    the stage's words (Enter sends, Enter on empty clears, ↑ takes the current text)."""

    WORDS = "stage"
