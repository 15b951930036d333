"""Overlays for the host: help, the announcement and stage message prompts, the quit
confirmation."""

from kiosk.tui.screens.announce import AnnounceScreen
from kiosk.tui.screens.help import HelpScreen
from kiosk.tui.screens.quit import QuitScreen
from kiosk.tui.screens.stage_message import StageMessageScreen

__all__ = ["AnnounceScreen", "HelpScreen", "QuitScreen", "StageMessageScreen"]
