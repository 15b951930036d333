"""The timelines of a programme's days and rooms, and the one a screen follows.

A screen follows one line: the hall's (the items for everyone, rounds among them) or one
room's (those items and the room's own). A programme of several days has these lines for each
day; a screen shows the first day that has not ended, so between two days it is before the
next one. The host's live state steers the day its moment is on; other days follow the clock.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime

from kiosk.core.live import State
from kiosk.core.model import Programme
from kiosk.core.timeline import AFTER, BEFORE, DURING, Snapshot, Timeline


class Lines:
    def __init__(self, programme: Programme, state: State, room: str | None = None):
        self.programme, self.state, self.room = programme, state, room
        self.days = programme.day_lines()
        self._ends = [d.hall.day_end.timestamp() for d in self.days]
        self._timelines: dict[int, Timeline] = {}  # by id of the line: rooms may share one
        moment = state.started_at or state.shift_from
        self._home = None if moment is None else self.day_at(moment.timestamp())

    def day_at(self, t: float) -> int:
        """The day a screen shows at t: the first whose day has not ended, or the last."""
        return min(bisect_right(self._ends, t), len(self.days) - 1)

    def timeline(self, day: int, room: str | None) -> Timeline:
        line = self.days[day].line(room)
        found = self._timelines.get(id(line))
        if found is None:
            state = self.state
            if self._home is not None and day != self._home:
                # the host steered another day: this one follows the clock
                state = State(announcement=state.announcement, blank=state.blank)
            found = self._timelines[id(line)] = Timeline(line, state)
        return found

    def at(self, at: datetime) -> Timeline:
        """The timeline the screen follows at `at`: what a host's key acts on."""
        return self.timeline(self.day_at(at.timestamp()), self.room)

    def snapshot(self, at: datetime) -> Snapshot:
        day = self.day_at(at.timestamp())
        snap = self.timeline(day, self.room).snapshot(at)
        rooms = self.days[day].rooms
        if not rooms:
            return snap
        each = tuple((name, self.timeline(day, name).snapshot(at)) for name, _ in rooms)
        snap = snap._replace(rooms=each)
        phases = {s.phase for _, s in each}
        if not snap.programme.items:  # only the rooms have items today: they say the phase
            phase = DURING if DURING in phases or phases == {BEFORE, AFTER} else phases.pop()
            snap = snap._replace(phase=phase)
        elif snap.phase == BEFORE and DURING in phases:  # the rooms began before the hall
            snap = snap._replace(phase=DURING)
        return snap

    def following_day(self, at: datetime) -> Programme | None:
        """The hall's line of the day after the one shown at `at`, if there is one."""
        day = self.day_at(at.timestamp())
        return self.days[day + 1].hall if day + 1 < len(self.days) else None
