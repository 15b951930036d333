"""Specs -> a Programme, or ProgrammeError naming every problem with its line.

One planner for the hall, the rooms and the days: each day's wall times become real minutes
of that day, the items for everyone are scheduled first (core/schedule.py), then each room's
line of those items and its own; rounds keep their sessions inside their time; ids are made
unique; the result is the model's Programme with a DayTracks for every day."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from kiosk.core.model import DayTracks, Event, Item, Programme, Session
from kiosk.core.problems import Problem, ProgrammeError, plain_message
from kiosk.core.schedule import Draft, Slot, resolve
from kiosk.core.specs import DaySpec, ItemSpec, ProgrammeSpec, SessionSpec, WallTime
from kiosk.core.text import displayable
from kiosk.core.times import Day, TimeError, is_evening

Real = dict[str, int]  # "start"/"end" -> real minutes of the day, for what was written
INFINITE = 10**9  # minutes: an open end runs on


class _DayPlan(NamedTuple):
    day: Day
    items: tuple[ItemSpec, ...]
    slots: list[Slot]  # one for each item
    sessions: dict[tuple[int, int], Real]  # (item, session) -> its own times
    close: int | None  # the close of the items for everyone
    closes: dict[str, int | None]  # the close of each room with items of its own
    # in a room's line, the items for everyone that end sooner there (the room's part begins)
    ends: dict[str, dict[int, int | None]]
    # parts in a room for everyone: alone in their time, or said to be (`plenary: true`)
    alone: frozenset[int]


def plan(spec: ProgrammeSpec, found: Sequence[Problem] = ()) -> Programme:
    """The programme `spec` describes; ProgrammeError with `found` (what reading the file
    found) and every problem planning finds, all at once."""
    return _Planner(spec, found).programme()


class _Planner:
    def __init__(self, spec: ProgrammeSpec, found: Sequence[Problem]):
        self.spec = spec
        self.problems = list(found)

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.spec.source, line, plain_message(message)))

    def done(self) -> None:
        if self.problems:
            raise ProgrammeError(self.problems)

    def programme(self) -> Programme:
        spec = self.spec
        # the schedule and the ids are checked even when other fields are wrong, so that all
        # errors of a file come in one report; not when a time is unreadable (it would only
        # produce follow-on errors about a start that is not there)
        plans: list[_DayPlan | None] = []
        if spec.times_read:
            plans = [self._day(day, spec.event) for day in spec.days if day.items]
        self._check_ids([item for day in spec.days for item in day.items])
        self.done()
        event = spec.event
        assert event is not None and all(p is not None for p in plans)  # done() raised
        if spec.several:
            first = spec.days[0].date
            assert first is not None  # done() raised otherwise
            event = event._replace(date=first)
        programme = self._build(event, [p for p in plans if p is not None])
        self.done()  # what only the resolved times show (turns without an end)
        return programme

    # -- one day -----------------------------------------------------------------------------

    def _day(self, spec: DaySpec, event: Event | None) -> _DayPlan | None:
        """The wall times as real minutes of the day, then the schedule between them: first
        the items for everyone, then each room's line of those items and its own."""
        items = spec.items
        first = next((i.start.minutes for i in items if i.start is not None), 0)
        # with a broken event the schedule is still checked, on a day without clock changes
        tz = event.timezone if event else "UTC"
        try:
            day = Day(spec.date or date(2001, 1, 1), tz, evening=is_evening(first))
        except TimeError as exc:
            self.fail(items[0].line, str(exc))
            return None
        drafts: list[Draft] = []
        sessions: dict[tuple[int, int], Real] = {}
        skipped = False
        for n, item in enumerate(items):
            real = self._real(day, item.start, item.end)
            skipped |= real is None
            for k, session in enumerate(item.sessions):
                times = self._real(day, session.start, session.end)
                skipped |= times is None
                sessions[n, k] = times or {}
            if real is not None:
                start, end = real.get("start"), real.get("end")
                drafts.append(Draft(item.line, start, end, item.duration, item.is_end))
        if skipped:  # the schedule would only add follow-on errors about the missing time
            return None
        everyone = [n for n, item in enumerate(items) if item.room is None]
        slots: dict[int, Slot] = {}
        close: int | None = None
        if everyone:
            order = _with_blocks(items, drafts)
            found, close, problems = resolve(
                [drafts[n] if isinstance(n, int) else n for n in order], day.limit, day.label
            )
            for line, message in problems:
                self.fail(line or 1, message)
            if problems:
                return None
            slots = {n: slot for n, slot in zip(order, found, strict=True) if isinstance(n, int)}
        closes: dict[str, int | None] = {}
        ends: dict[str, dict[int, int | None]] = {}
        for room in event.rooms if event else ():
            own = [n for n, item in enumerate(items) if item.room == room]
            if not own:
                continue
            members = sorted([*everyone, *own])
            line_drafts = [
                drafts[n] if n not in slots else _anchor(drafts[n], slots[n]) for n in members
            ]
            found, closes[room], problems = resolve(line_drafts, day.limit, day.label)
            for line, message in problems:
                self.fail(line or 1, f"in {room}: {message}")
            if problems:
                return None
            ends[room] = {}
            for n, slot in zip(members, found, strict=True):
                if n in own:
                    slots[n] = slot
                elif slot.end != slots[n].end:
                    ends[room][n] = slot.end
        if len(slots) < len(items):
            return None
        every = [slots[n] for n in range(len(items))]
        self._check_rounds(items, every, sessions, day)
        said = [n for n, item in enumerate(items) if item.plenary]
        self._check_plenaries(items, every, said)
        alone = _alone(items, every) | set(said)
        return _DayPlan(day, items, every, sessions, close, closes, ends, alone)

    def _real(self, day: Day, start: WallTime | None, end: WallTime | None) -> Real | None:
        real: Real = {}
        for key, wall in (("start", start), ("end", end)):
            if wall is None:
                continue
            try:
                real[key] = day.minutes(wall.minutes)
            except TimeError as exc:
                self.fail(wall.line, f"{key}: {exc}")
                return None
        return real

    def _check_rounds(
        self,
        items: tuple[ItemSpec, ...],
        slots: list[Slot],
        sessions: dict[tuple[int, int], Real],
        day: Day,
    ) -> None:
        """Sessions keep to their round's time, and two in one room do not overlap."""
        for n, item in enumerate(items):
            slot = slots[n]
            taken: list[tuple[str, int, int, int]] = []  # room, start, end, line
            for k, session in enumerate(item.sessions):
                real = sessions[n, k]
                start, end = real.get("start", slot.start), real.get("end", slot.end)
                line = session.line
                if start < slot.start or (
                    end is not None and slot.end is not None and end > slot.end
                ):
                    span = day.label(slot.start)
                    if slot.end is not None:
                        span = f"{span} to {day.label(slot.end)}"
                    self.fail(line, f"the session is outside its round's time ({span})")
                    continue
                if end is not None and end <= start:
                    self.fail(line, f"ends at {day.label(end)}, not after its start")
                    continue
                room = session.room
                for other, o_start, o_end, o_line in taken:
                    if other == room and start < o_end and (end is None or o_start < end):
                        self.fail(line, f"{room} already has the session on line {o_line} then")
                        break
                if room is not None:
                    taken.append((room, start, end if end is not None else day.limit, line))

    def _check_plenaries(
        self, items: tuple[ItemSpec, ...], slots: list[Slot], said: list[int]
    ) -> None:
        """Two parts said to be for everyone (`plenary: true`) cannot be on at once."""
        ordered = sorted(said, key=lambda n: slots[n].start)
        for a, b in itertools.pairwise(ordered):
            end = slots[a].end
            if end is None or end > slots[b].start:
                self.fail(
                    items[b].line,
                    f"plenary, as is the part on line {items[a].line} at the same time:"
                    " one part at a time is for everyone",
                )

    def _check_ids(self, items: list[ItemSpec]) -> None:
        explicit: dict[str, int] = {}
        every: list[ItemSpec | SessionSpec] = [*items, *(s for i in items for s in i.sessions)]
        for spec in sorted(every, key=lambda s: s.line):
            if spec.id in explicit:
                self.fail(spec.line, f"id '{spec.id}' is also used on line {explicit[spec.id]}")
            elif spec.id:
                explicit[spec.id] = spec.line

    # -- the model -----------------------------------------------------------------------------

    def _build(self, event: Event, plans: list[_DayPlan]) -> Programme:
        source = self.spec.source
        every = [item for p in plans for item in p.items]
        specs: list[ItemSpec | SessionSpec] = [*every, *(x for i in every for x in i.sessions)]
        taken = {s.id for s in specs if s.id}

        def ident(spec: ItemSpec | SessionSpec) -> str:
            assert spec.title is not None  # a missing title was a problem already
            found = spec.id or _unique(slugify(displayable(spec.title)), taken)
            taken.add(found)
            return found

        days, items = [], []
        for plan in plans:
            day = plan.day
            on_day = event._replace(date=day.date)

            def at(minutes: int | None, day: Day = day) -> datetime | None:
                return None if minutes is None else day.instant(minutes)

            built = []
            for n, (spec, slot) in enumerate(zip(plan.items, plan.slots, strict=True)):
                start = at(slot.start)
                assert start is not None and spec.title is not None
                if (spec.turns or spec.turn_minutes) and slot.end is None:
                    self.fail(
                        spec.line,
                        "rounds and rotate need the part's end: give it an end or a duration",
                    )
                sessions = tuple(
                    Session(
                        id=ident(x),
                        title=x.title or "",
                        room=x.room,
                        by=x.by,
                        description=x.description,
                        start=at(plan.sessions[n, k].get("start")),
                        end=at(plan.sessions[n, k].get("end")),
                        line=x.line,
                    )
                    for k, x in enumerate(spec.sessions)
                )
                built.append(
                    Item(
                        id=ident(spec),
                        title=spec.title,
                        start=start,
                        end=at(slot.end),
                        estimated=slot.estimated,
                        by=spec.by,
                        description=spec.description,
                        kind=spec.kind,
                        fixed=spec.fixed,
                        line=spec.line,
                        room=spec.room,
                        plenary=n in plan.alone,
                        sessions=sessions,
                        wrap_up=spec.wrap_up,
                        turns=spec.turns,
                        turn_minutes=spec.turn_minutes,
                    )
                )
            items.extend(built)

            def line(
                members: list[Item], close: int | None, day: Day = day, on_day: Event = on_day
            ) -> Programme:
                end = day.instant(day.limit)
                return Programme(on_day, tuple(members), at(close, day), end, source)

            # a part alone in its time is for everyone too: in the hall's line and every room's
            joined = sorted(plan.alone)
            hall_items = [n for n, i in enumerate(plan.items) if i.room is None]
            hall_line = _merged(hall_items, joined, plan.slots)
            hall_joined = [n for n in hall_line if n in plan.alone]
            hall_close = _latest([plan.close] if hall_items else [], hall_joined, plan.slots)
            hall = line([built[n] for n in hall_line], hall_close)
            rooms = []
            for room in event.rooms:
                if room in plan.closes:
                    sooner = plan.ends.get(room, {})
                    own = [n for n, i in enumerate(plan.items) if i.room in (None, room)]
                    own_set = set(own)
                    others = [n for n in joined if plan.items[n].room != room]
                    merged = _merged(own, others, plan.slots)
                    members = [
                        built[n]._replace(end=at(sooner[n])) if n in sooner else built[n]
                        for n in merged
                    ]
                    joined_here = [n for n in merged if n in plan.alone and n not in own_set]
                    close = _latest([plan.closes[room]], joined_here, plan.slots)
                    rooms.append((room, line(members, close)))
                else:
                    rooms.append((room, hall))
            days.append(DayTracks(day.date, hall, tuple(rooms)))
        last = days[-1]
        closes = [p.close for p in (last.hall, *(p for _, p in last.rooms)) if p.items]
        return Programme(
            event=event,
            items=tuple(items),
            close=None if None in closes or not closes else max(c for c in closes if c),
            day_end=last.hall.day_end,
            source=source,
            days=tuple(days) if self.spec.several or event.rooms else (),
        )


def _anchor(draft: Draft, slot: Slot) -> Draft:
    """An item for everyone in a room's line: it starts when the hall's line says, and ends
    when it says so itself; else when the room's next part starts (which may be sooner than
    in the hall: the room's own part takes over)."""
    end = draft.end
    if end is None and draft.duration is not None:
        end = slot.start + draft.duration
    return Draft(draft.line, slot.start, end, None, draft.is_end)


def _with_blocks(items: tuple[ItemSpec, ...], drafts: list[Draft]) -> list[int | Draft]:
    """The items for everyone (by index), with each run of the rooms' own parts between them
    as one stand-in Draft: it starts at the run's earliest published start, so the items for
    everyone before it share the time up to there (the opening is over when the rooms
    begin), and ends at the run's last end if all of them have one. A run that starts with
    the item before it (a registration beside a workshop) stands in for nothing."""
    out: list[int | Draft] = []
    block: list[int] = []

    def close_block(nxt: Draft | None) -> None:
        starts = [(d.start, d.line) for k in block if (d := drafts[k]).start is not None]
        ends = [_own_end(drafts[k]) for k in block]
        block.clear()
        if not starts:
            return
        start, line = min(starts)
        before = next((x for x in reversed(out) if isinstance(x, int)), None)
        if before is not None and drafts[before].start == start:
            return
        # what comes next for everyone without a start of its own starts when the rooms end
        known = [e for e in ends if e is not None]
        last = max(known) if known and len(known) == len(ends) else None
        end = last if last is not None and last > start and nxt and nxt.start is None else None
        out.append(Draft(line, start, end))

    for n, item in enumerate(items):
        if item.room is None:
            close_block(drafts[n])
            out.append(n)
        else:
            block.append(n)
    close_block(None)
    return out


def _alone(items: tuple[ItemSpec, ...], slots: list[Slot]) -> frozenset[int]:
    """The parts in a room while nothing else runs: no other room's part, nothing for
    everyone. Parts in one room never overlap, so a sweep over all spans by their starts finds
    them: one is alone when everything before it has ended by its start and the next starts
    at its end or later."""
    spans: list[tuple[int, int, int]] = sorted(
        (slot.start, INFINITE if slot.end is None else slot.end, n)
        for n, (item, slot) in enumerate(zip(items, slots, strict=True))
        if not item.is_end
    )
    out = []
    latest = -INFINITE  # the latest end of the spans before this one
    for p, (start, end, n) in enumerate(spans):
        after = spans[p + 1][0] if p + 1 < len(spans) else INFINITE
        item = items[n]
        if item.room is not None and not item.plenary and latest <= start and after >= end:
            out.append(n)
        latest = max(latest, end)
    return frozenset(out)


def _latest(closes: list[int | None], joining: list[int], slots: list[Slot]) -> int | None:
    """A line's close with parts of other lines joined in: the latest end; None (an open
    end) if any of them has one."""
    ends = [*closes, *(slots[n].end for n in joining)]
    return None if not ends or None in ends else max(e for e in ends if e is not None)


def _merged(line: list[int], joining: list[int], slots: list[Slot]) -> list[int]:
    """A line's items (in their order) with plenary parts of other lines joined in where they
    start: before the first of the line's items that starts later. One that overlaps a part
    of the line stays out of it (the line's own part is what is on there)."""

    def end(n: int) -> int:
        found = slots[n].end
        return INFINITE if found is None else found

    ahead = sorted(joining, key=lambda n: (slots[n].start, n))
    out: list[int] = []
    before: int | None = None  # the line's item before the next joining one
    k = 0
    for m in [*line, None]:
        start = INFINITE if m is None else slots[m].start
        while k < len(ahead) and slots[ahead[k]].start < start:
            n = ahead[k]
            k += 1
            if (before is None or end(before) <= slots[n].start) and end(n) <= start:
                out.append(n)
        if m is not None:
            out.append(m)
            before = m
    return out


def _own_end(draft: Draft) -> int | None:
    if draft.end is not None:
        return draft.end
    if draft.start is not None and draft.duration is not None:
        return draft.start + draft.duration
    return None


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug or "item"


def _unique(slug: str, taken: set[str]) -> str:
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
