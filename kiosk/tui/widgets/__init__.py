"""The kiosk's widgets: each draws part of a `view.Board` and holds no rules of its own.

(`qr_code.QrCode` is imported where it is made: most programmes have no page to link.)"""

from kiosk.tui.widgets.banner import Banner
from kiosk.tui.widgets.event_header import EventHeader
from kiosk.tui.widgets.headline import Headline
from kiosk.tui.widgets.next_panel import NextPanel
from kiosk.tui.widgets.now_panel import NowPanel
from kiosk.tui.widgets.plain_text import PlainText
from kiosk.tui.widgets.programme_list import ProgrammeList
from kiosk.tui.widgets.when_needed import Sizes, WhenNeeded, composed

__all__ = [
    "Banner",
    "EventHeader",
    "Headline",
    "NextPanel",
    "NowPanel",
    "PlainText",
    "ProgrammeList",
    "Sizes",
    "WhenNeeded",
    "composed",
]
