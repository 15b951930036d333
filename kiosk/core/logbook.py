"""What really happened: every host action with its moment and the live state it left, kept
beside the live state (appended, one line each) for the organiser's evaluation afterwards."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from kiosk.core.live import State


class Logged(NamedTuple):
    at: datetime  # the kiosk's clock when the host acted (a rehearsal's clock in a rehearsal)
    action: str  # next, previous, clock, later, earlier, announce, undo, blank
    state: State  # the live state it left
