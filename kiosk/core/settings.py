"""How one kiosk process was asked to run: the command line, as plain values."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NamedTuple


class Settings(NamedTuple):
    programme_path: Path
    state_path: Path
    start: datetime | None = None  # --at: a rehearsal clock from here
    speed: float = 1.0
    theme: str | None = None
    css: Path | None = None
    follow: bool = False
    served: bool = False  # a browser tab's follower (kiosk serve): it cannot quit its kiosk
    room: str | None = None  # --room: the screen at a room's door; None: the hall's screen
    quiet: bool = False  # --quiet: no bell, whatever the event says
    view: str = "hall"  # --view: "hall" (the room's screen) or "stage" (the speaker's)
