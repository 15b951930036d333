"""The kiosk's widgets: each draws part of a `view.Board` and holds no rules of its own.

(`banner.Banner`, `headline.Headline` and `qr_code.QrCode` are imported where they are made:
most screens show none of them at the start.)"""

from kiosk.tui.widgets.event_header import EventHeader
from kiosk.tui.widgets.next_panel import NextPanel
from kiosk.tui.widgets.now_panel import NowPanel
from kiosk.tui.widgets.plain_text import PlainText
from kiosk.tui.widgets.programme_list import ProgrammeList
from kiosk.tui.widgets.when_needed import Sizes, WhenNeeded

__all__ = [
    "EventHeader",
    "NextPanel",
    "NowPanel",
    "PlainText",
    "ProgrammeList",
    "Sizes",
    "WhenNeeded",
]
