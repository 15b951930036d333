"""What really happened: every host action with its moment and the live state it left, kept
beside the live state (appended, one line each) for the organiser's evaluation afterwards."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from kiosk.core.live import State


class Logged(NamedTuple):
    at: datetime  # the kiosk's clock when the host acted (a rehearsal's clock in a rehearsal)
    action: str  # an Action's word, or one of the kiosk's own: START, RELOAD
    state: State  # the live state it left


# the kiosk's own entries, beside the host's actions
START = "start"  # resumed from a damaged state or a gone part: the log starts again here
RELOAD = "reload"  # a save renamed the part that is on: its place kept
