"""Overlays for the host: help, the announcement prompt, the quit confirmation."""

from kiosk.tui.screens.announce import AnnounceScreen
from kiosk.tui.screens.help import HelpScreen
from kiosk.tui.screens.quit import QuitScreen

__all__ = ["AnnounceScreen", "HelpScreen", "QuitScreen"]
