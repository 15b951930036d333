"""The tracks of a programme's days and rooms, and the one a screen follows.

A screen follows one track: the hall's (the items for everyone, rounds among them) or one
room's (those items and the room's own). A programme of several days has these tracks for each
day; a screen shows the first day that has not ended, so between two days it is before the
next one. The host's live state steers the day its moment is on; other days follow the clock.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime

from kiosk.core.live import State
from kiosk.core.model import DayTracks, Programme
from kiosk.core.timeline import BEFORE, DURING, Entry, Snapshot, Timeline


class Tracks:
    def __init__(self, programme: Programme, state: State, room: str | None = None):
        self.programme, self.state, self.room = programme, state, room
        self.days = programme.day_tracks()
        # a day is shown until it ends, or, with a day after it, until it closes: then the
        # screens are before the next day
        self._ends = [
            (d.hall.day_end if n + 1 == len(self.days) else _close(d)).timestamp()
            for n, d in enumerate(self.days)
        ]
        self._timelines: dict[int, Timeline] = {}  # by id of the track: rooms may share one
        moment = state.started_at or state.shift_from
        self._home = None if moment is None else self.day_at(moment.timestamp())

    def day_at(self, t: float) -> int:
        """The day a screen shows at t: the first whose day has not ended, or the last."""
        return min(bisect_right(self._ends, t), len(self.days) - 1)

    def timeline(self, day: int, room: str | None) -> Timeline:
        track = self.days[day].track(room)
        found = self._timelines.get(id(track))
        if found is None:
            state = self.state
            if self._home is not None and day != self._home:
                # the host steered another day: this one follows the clock
                state = State(
                    announcement=state.announcement,
                    blank=state.blank,
                    stage_message=state.stage_message,
                )
            found = self._timelines[id(track)] = Timeline(track, state)
        return found

    def at(self, at: datetime) -> Timeline:
        """The timeline the screen follows at `at`: what a host's key acts on."""
        return self.timeline(self.day_at(at.timestamp()), self.room)

    def snapshot(self, at: datetime) -> Snapshot:
        day = self.day_at(at.timestamp())
        snap = self.timeline(day, self.room).snapshot(at)
        if day and snap.phase == BEFORE:  # the day before has closed: thanks, and tomorrow
            snap = snap._replace(between_days=True)
        rooms = self.days[day].rooms
        if self.room is not None:
            return self._door(day, snap, at)
        if not rooms:
            return snap
        each = tuple((name, self.timeline(day, name).snapshot(at)) for name, _ in rooms)
        # the hall's day runs from the first room's start to the last's end
        phases = {s.phase for _, s in each}
        if snap.programme.items:
            phases.add(snap.phase)
        phase = phases.pop() if len(phases) == 1 else DURING
        return snap._replace(rooms=each, phase=phase)

    def _door(self, day: int, snap: Snapshot, at: datetime) -> Snapshot:
        """A room's door: its own track, but a round it has no session in is neither its NOW
        nor its NEXT; with nothing on here while the day runs, the other rooms' tracks say
        where things are on."""
        room = self.room
        assert room is not None

        def elsewhere(entry: Entry | None) -> bool:  # a round without a session here
            if entry is None or not entry.item.sessions:
                return False
            return entry.item.session_in(room) is None

        if elsewhere(snap.now):
            snap = snap._replace(now=None)
        # nor is it what comes next here: the next part this room has, or everyone has
        nxt = snap.next
        while nxt is not None and elsewhere(nxt):
            after = nxt.index + 1
            nxt = snap.entry(after) if after < len(snap.programme.items) else None
        snap = snap._replace(next=nxt)
        if snap.now is None and snap.phase == DURING:
            others = tuple(
                (name, self.timeline(day, name).snapshot(at))
                for name, _ in self.days[day].rooms
                if name != room
            )
            snap = snap._replace(rooms=others)
        return snap


def _close(day: DayTracks) -> datetime:
    """When a day is over: the latest planned close of its tracks (an open end: the day's
    end, midnight or the next morning)."""
    closes = [track.close for track in (day.hall, *(p for _, p in day.rooms)) if track.items]
    if not closes or None in closes:
        return day.hall.day_end
    return max(c for c in closes if c is not None)
