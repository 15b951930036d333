"""What the screen says, as plain strings: a pure function of a snapshot and the words.

The widgets only put these strings in place; every rule about what to show lives here (the
programme list's in `listing`).
Text that others wrote (programme, announcement) passes through `text.displayable` on its way.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from kiosk.core.model import Item
from kiosk.core.text import displayable
from kiosk.core.timeline import AFTER, BEFORE, DURING, Entry, Snapshot
from kiosk.core.turns import turn_at
from kiosk.core.words import Words


class Look(StrEnum):
    """How the screen looks: a phase, or a part that has a look of its own. Each is the
    screen's CSS class (`-before`, `-walk-in`, …), which stylesheets name."""

    BEFORE = BEFORE
    DURING = DURING
    WALK_IN = "walk-in"
    BREAK = "break"
    GAP = "gap"
    DRINKS = "drinks"
    AFTER = AFTER
    ROOMS = "rooms"  # nothing for everyone on the hall's screen, while the rooms run theirs


class HeaderText(NamedTuple):
    """The event at the top, and the time."""

    title: str
    subtitle: str
    date: str
    venue: str
    clock: str


class Count(NamedTuple):
    """A stretch of time as the biggest text on screen: big digits with their unit."""

    digits: str  # "12", "1:05", "3"
    unit: str  # "min", "uur", "dagen"
    qualifier: str = ""  # "nog", "uitloop", "over": the word that says which way it counts


class HeadlineText(NamedTuple):
    """Before the doors, in a gap and after the close: one line and one countdown."""

    text: str
    countdown: str  # the countdown in words, where the big one does not fit
    big: Count | None = None


class NowText(NamedTuple):
    """What is on now."""

    label: str
    title: str
    by: str
    times: str
    left: str  # the time left in words, where the big count does not fit
    big: Count | None  # the time left (over time: how far over), the biggest text
    progress: float | None  # 0..1; None: no end to measure against
    overtime: bool = False  # the host's part runs past its planned length
    # how near its end, for the look and the words: "", "wrap" and "last" (event.wrap_up's
    # minutes left), "over" (over time)
    stage: str = ""
    turn: str = ""  # a part with turns: "ronde 2 van 3 · wisselen over 4 min"


class NextText(NamedTuple):
    """What comes next, and when."""

    label: str
    title: str
    when: str


class Board(NamedTuple):
    """The whole screen as plain strings; a part that is None is not shown."""

    look: Look
    header: HeaderText
    headline: HeadlineText | None
    now: NowText | None
    next: NextText | None
    drift: str
    footer: str
    banner: str | None
    blank: bool


def hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def start_text(entry: Entry, words: Words) -> str:
    """'14:00', 'ca. 14:22', '15:40 (was 15:10)': estimates and moves readable as words."""
    text = hhmm(entry.start)
    if entry.estimated:
        text = f"{words('approx')} {text}"
    if entry.moved:
        text = f"{text} ({words('was', t=hhmm(entry.item.start))})"
    return text


def board(snap: Snapshot, words: Words, room: str | None = None) -> Board:
    """The screen of the hall (`room` None), or of the door of `room`."""
    event = snap.programme.event
    today = snap.at.date()
    look = Look(snap.phase)
    headline: HeadlineText | None = None
    now: NowText | None = None
    nxt = snap.next
    counted: datetime | None = None  # what the one big countdown counts to, if any

    if not snap.programme.items and room is not None:  # this room has nothing today
        look = Look.AFTER
        headline = HeadlineText(words("room_empty", room=displayable(room)), "")
    elif snap.phase == BEFORE:
        first = _first(snap, room)
        if first is not None:
            opens = first.start  # a shift before the start moves the doors too
            if first.item.kind == "walk-in":
                text = words("walk_in_from", title=displayable(first.item.title), t=hhmm(opens))
            else:
                text = words("starts_at", t=hhmm(opens))
            if today < event.date:  # another day: which one, before the time
                ahead = event.date - today
                on = words("tomorrow") if ahead.days == 1 else words.day(event.date)
                text = words("on_day", date=on[:1].upper() + on[1:], what=text)
            if snap.between_days:
                text = words("thanks_today", what=text)
            headline = _countdown(text, opens, snap, words)
            counted = opens
            if first.item.kind == "walk-in" and first.index + 1 < len(snap.programme.items):
                nxt = snap.entry(first.index + 1)
            elif not first.item.for_everyone:  # the rooms open the day
                nxt = None
    elif snap.phase == AFTER:
        # the thanks, and where this was: for the photo, the taxi, the next time
        where = ", ".join(displayable(x) for x in (event.venue.name, event.venue.address) if x)
        was = words("was_on", date=words.day(event.date)) if today > event.date else where
        headline = HeadlineText(words("thanks"), was)
        nxt = None
    elif snap.now is not None:
        look, now, counted = _now(snap, snap.now, words, room)
    elif room is None and rooms_on(snap):  # nothing for everyone, but the rooms run theirs
        look = Look.ROOMS
    elif room is not None and (where := elsewhere(snap)):  # this room is free, others run
        look = Look.ROOMS
        headline = HeadlineText(words("elsewhere", what=where), "")
    elif nxt is not None:  # a gap: nothing on, one countdown to what comes next
        look = Look.GAP
        headline = _countdown(words("resume_at", t=start_text(nxt, words)), nxt.start, snap, words)
        counted = nxt.start

    return Board(
        look=look,
        header=HeaderText(
            title=displayable(event.title),
            subtitle=displayable(event.subtitle),
            date=words.day(event.date),
            venue=" · ".join(displayable(x) for x in (room, event.venue.name) if x),
            clock=hhmm(snap.at),
        ),
        headline=headline,
        now=now,
        next=_coming(snap, nxt, words, room, counted),
        drift=words.drift(snap.drift_minutes) if snap.phase != AFTER else "",
        footer=displayable(" · ".join(x for x in (event.venue.address, *event.notes) if x)),
        banner=None if snap.announcement is None else displayable(snap.announcement),
        blank=snap.blank,
    )


def _first(snap: Snapshot, room: str | None) -> Entry | None:
    """What opens the day: the track's first part, or on the hall's screen a room's first own
    part if that is sooner (a day of the rooms' tracks); None if nothing comes."""
    items = snap.programme.items
    candidates = [snap.entry(0)] if items and not items[0].is_end else []
    if room is None:
        candidates += [e for e in _rooms_next(snap) if e is not None]
    return min(candidates, key=lambda e: e.start.timestamp()) if candidates else None


def _rooms_next(snap: Snapshot) -> list[Entry]:
    """Each room's own next part, where it has one (after what comes for everyone first, like
    the coffee before the rooms open)."""
    out = []
    for _, s in snap.rooms:
        if s.next is None:
            continue
        items = s.programme.items
        own = next(
            (
                i
                for i in range(s.next.index, min(s.next.index + 8, len(items)))
                if not items[i].for_everyone
            ),
            None,
        )
        if own is not None:
            out.append(s.entry(own))
    return out


def _countdown(text: str, to: datetime, snap: Snapshot, words: Words) -> HeadlineText:
    """A headline with the screen's one countdown: in words, and as big digits."""
    until = to - snap.at  # the words and the digits say 0 once it is past
    count = _count(until, words, words("q_in"))
    return HeadlineText(text, words("in", d=words.span(until)), count)


def _coming(
    snap: Snapshot,
    nxt: Entry | None,
    words: Words,
    room: str | None,
    counted: datetime | None = None,
) -> NextText | None:
    """NEXT: what comes next in this track; on the hall's screen the rooms' own parts instead
    when they come sooner (the hall's list then says which, room by room)."""
    if room is None and snap.phase != AFTER:
        own = _rooms_next(snap)
        until = None if nxt is None or nxt.item.is_end else nxt.start.timestamp()
        sooner = [e for e in own if until is None or e.start.timestamp() < until]
        if sooner:
            first = min(e.start.timestamp() for e in sooner)
            at_once = [e for e in sooner if e.start.timestamp() == first]
            text = _next(snap, at_once[0], words, None, counted)
            if len(at_once) == 1:
                where = displayable(at_once[0].item.room or "")
                title = f"{where} · {text.title}"
            else:
                title = words("at_once", n=len(at_once))
            return text._replace(label=words("next_in_rooms"), title=title)
    return _next(snap, nxt, words, room, counted) if nxt is not None else None


def rooms_on(snap: Snapshot) -> bool:
    """The rooms run parts of their own now, or will before what comes for everyone."""
    if any(s.now is not None and not s.now.item.for_everyone for _, s in snap.rooms):
        return True
    until = snap.next.start if snap.next is not None else None
    return any(until is None or e.start < until for e in _rooms_next(snap))


def _resume(snap: Snapshot, nxt: Entry) -> Entry:
    """What a break waits for: the next part for everyone, or a room's own, if sooner."""
    return min([nxt, *_rooms_next(snap)], key=lambda e: e.start)


def part_of(item: Item, room: str | None, at: datetime | None = None) -> tuple[str, str]:
    """Title and speaker as a screen shows them: at a room's door, a round is the session
    in that room (at `at`, when the room has several in turn)."""
    session = item.session_in(room, at) if room is not None else None
    if session is not None:
        return displayable(session.title), displayable(session.by or "")
    return displayable(item.title), displayable(item.by or "")


def _now(
    snap: Snapshot, now: Entry, words: Words, room: str | None
) -> tuple[Look, NowText, datetime | None]:
    """The look of the screen, what it says of the part that is on, and the instant its
    countdown counts to (a break's: the restart, which NEXT then does not count again)."""
    kind = now.item.kind
    nxt = snap.next
    remaining = snap.remaining
    left = ""
    count: Count | None = None
    counted: datetime | None = None
    overtime = snap.overtime_minutes > 0
    if overtime:
        over = timedelta(minutes=snap.overtime_minutes)
        left = words("overtime", d=words.span(over))
        count = _count(over, words, words("q_over"))
    elif kind == "break" and nxt is not None:
        nxt = _resume(snap, nxt)  # NEXT says when it resumes; NOW counts down to it
        # at a door whose next part comes later (a round it has no session in): the break's end
        counted = nxt.start if room is None or now.end is None else min(nxt.start, now.end)
        left = words("left", d=words.span(counted - snap.at))
        count = _count(counted - snap.at, words, words("q_left"), left=True)
    elif kind == "drinks" and now.end is not None:
        # no countdown (nobody must hurry): until when, as the biggest text
        left = words("drinks_until", t=hhmm(now.end))
        count = Count(hhmm(now.end), "", words("q_until"))
        counted = now.end
    elif remaining is not None:
        left = words("left", d=words.span(remaining))
        count = _count(remaining, words, words("q_left"), left=True)
        counted = now.end
    own = (Look.BREAK, Look.DRINKS, Look.WALK_IN)  # a part of these kinds looks its own
    look = Look(kind) if kind in own else Look.DURING
    stage = "over" if overtime else ""
    if not overtime and look == Look.DURING and remaining is not None and count is not None:
        stage = _stage(now, remaining, snap.programme.event.wrap_up)
        if stage:
            left = words(f"left_{stage}", d=words.span(remaining))
            count = count._replace(qualifier=words(f"q_{stage}"))
    turn = ""
    if (on := turn_at(now, snap.at)) is not None:
        last = on.number == on.of
        turn = words(
            "turn_last" if last else "turn", n=on.number, of=on.of, d=words.span(on.end - snap.at)
        )
    title, by = part_of(now.item, room, snap.at)
    times = _range(now, words)
    session = now.item.session_in(room, snap.at) if room is not None else None
    if session is not None and (session.start is not None or session.end is not None):
        # at a room's door, a session with times of its own in the round: its own times
        start, end = session.start or now.start, session.end or now.end
        times = f"{hhmm(start)} – {hhmm(end)}" if end is not None else hhmm(start)
        if start > snap.at:
            left = words("at_in", t=hhmm(start), d=words.span(start - snap.at))
            count = _count(start - snap.at, words, words("q_in"))
        elif end is not None and not overtime:
            left = words("left", d=words.span(end - snap.at))
            count = _count(end - snap.at, words, words("q_left"), left=True)
    return (
        look,
        NowText(
            label=_label(words, "now", _place(now.item, room)),
            title=title,
            by=by,
            times=times,
            left=left,
            big=count,
            progress=1.0 if overtime else _whole_minutes(snap.progress, now),
            overtime=overtime,
            stage=stage,
            turn=turn,
        ),
        counted,
    )


def _stage(now: Entry, remaining: timedelta, event_marks: tuple[int, ...]) -> str:
    """ "wrap" within the first of the wrap-up minutes left, "last" within the second."""
    marks = now.item.wrap_up if now.item.wrap_up is not None else event_marks
    minutes = math.ceil(remaining.total_seconds() / 60)  # as the count shows it
    if len(marks) > 1 and minutes <= marks[1]:
        return "last"
    if marks and minutes <= marks[0]:
        return "wrap"
    return ""


def _next(
    snap: Snapshot, nxt: Entry, words: Words, room: str | None, counted: datetime | None = None
) -> NextText:
    until = max(timedelta(0), nxt.start - snap.at)
    if until.total_seconds() < 30:
        when = words("starting")
    elif counted is not None:  # the screen has its one countdown above: NEXT says when
        when = words("at", t=start_text(nxt, words))
    else:
        when = words("at_in", t=start_text(nxt, words), d=words.span(until))
    label = _label(words, "next", _place(nxt.item, room))
    return NextText(label=label, title=part_of(nxt.item, room)[0], when=when)


def _place(item: Item, room: str | None) -> str | None:
    """Where a part is as a screen says it: a plenary part in its own room (at the hall and
    at every door), else the door's room; None: the hall, for everyone."""
    return item.room if item.plenary else room


def _label(words: Words, what: str, place: str | None) -> str:
    """'Nu' or 'Nu in Zaal 2' (and 'Hierna' alike)."""
    return words(what) if place is None else words(f"{what}_in", room=displayable(place))


def elsewhere(snap: Snapshot) -> str:
    """At a door with nothing on: the parts on in the other rooms ('Zaal 1 · Excursie, Zaal 2
    · Masterclass'), each room's own part or its session of a round; '' when none is on."""
    if snap.now is not None or snap.phase != DURING:
        return ""
    parts = []
    for name, s in snap.rooms:
        if s.now is None:
            continue
        item = s.now.item
        if item.sessions:
            session = item.session_in(name, snap.at)
            if session is not None:
                parts.append(f"{displayable(name)} · {displayable(session.title)}")
        elif not item.for_everyone or item.plenary:  # a room's own part, or the plenary
            # a plenary is in every room's track: said once, in its own room
            parts.append(f"{displayable(item.room or name)} · {displayable(item.title)}")
    return ", ".join(dict.fromkeys(parts))


def _whole_minutes(progress: float | None, now: Entry) -> float | None:
    """Progress moved on once a minute, like the words beside it: a quiet screen between."""
    if progress is None or now.end is None:
        return progress
    total = (now.end - now.start).total_seconds() / 60
    return math.floor(progress * total + 1e-6) / total if total >= 1 else progress


def _count(delta: timedelta, words: Words, qualifier: str, left: bool = False) -> Count:
    """A stretch of time as big digits and a unit: '12 min', '1:05 uur', '3 dagen'
    (rounded up, like the words)."""
    minutes = max(0, math.ceil(delta.total_seconds() / 60))
    if minutes >= 48 * 60:
        return Count(str(minutes // (24 * 60)), words("u_days"), qualifier)
    if minutes >= 60:
        unit = words("u_hours_left" if left else "u_hours")
        return Count(f"{minutes // 60}:{minutes % 60:02d}", unit, qualifier)
    return Count(str(minutes), words("u_min_left" if left else "u_min"), qualifier)


def _range(entry: Entry, words: Words) -> str:
    start = start_text(entry, words)
    if entry.end is None:  # an open end: no end to count down to
        return words("from_t", t=start) if not entry.item.is_end else start
    return f"{start} – {hhmm(entry.end)}"


def host_mark(snap: Snapshot, words: Words, unwritable: str = "") -> str:
    """The host's small mark: who steers and how far the rest has moved."""
    if unwritable:
        return words("mark_unwritable")
    if snap.mode == "host":
        return words("mark_host", n=snap.delay_minutes)
    if snap.delay_minutes:
        return words("mark_clock_shift", n=snap.delay_minutes)
    return words("mark_clock")
