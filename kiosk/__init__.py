"""kiosk: an event's programme on a screen in the venue."""

__version__ = "0.1.0"
