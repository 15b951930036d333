"""What the workers that read and write files tell the app, back on its event loop."""

from __future__ import annotations

from textual.message import Message

from kiosk.core.live import Live
from kiosk.core.model import Programme
from kiosk.core.problems import Problem


class ProgrammeLoaded(Message):
    """A settled save of the programme was read and is valid."""

    def __init__(self, programme: Programme) -> None:
        super().__init__()
        self.programme = programme


class ProgrammeRefused(Message):
    """A settled save of the programme has a mistake: the last good one stays on."""

    def __init__(self, problem: Problem) -> None:
        super().__init__()
        self.problem = problem


class StateRead(Message):
    """A follower read the host's live state (a fresh one if the file was damaged)."""

    def __init__(self, live: Live) -> None:
        super().__init__()
        self.live = live


class StateWritten(Message):
    """The live state is on disk: what a restart resumes from."""

    def __init__(self, error: str = "") -> None:
        super().__init__()
        self.error = error  # why it could not be written; "" when it was


class ParentGone(Message):
    """The server this browser tab's follower belonged to has gone: end with it."""
