"""Overlays for the host: help, the announcement prompt, the quit confirmation."""

from kiosk.screens.announce import AnnounceScreen
from kiosk.screens.help import HelpScreen
from kiosk.screens.quit import QuitScreen

__all__ = ["AnnounceScreen", "HelpScreen", "QuitScreen"]
