"""The kiosk's widgets: each draws part of a `view.Screen` and holds no rules of its own."""

from kiosk.widgets.banner import Banner
from kiosk.widgets.event_header import EventHeader
from kiosk.widgets.headline import Headline
from kiosk.widgets.line import Line
from kiosk.widgets.next_panel import NextPanel
from kiosk.widgets.now_panel import NowPanel
from kiosk.widgets.programme_list import ProgrammeList

__all__ = [
    "Banner", "EventHeader", "Headline", "Line", "NextPanel", "NowPanel", "ProgrammeList",
]
