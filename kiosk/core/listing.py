"""The programme list as rows of plain strings: a pure function of a snapshot and the words,
as `view` is for the rest of the screen."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from kiosk.core.model import Session
from kiosk.core.text import displayable
from kiosk.core.timeline import AFTER, BEFORE, DURING, Entry, Snapshot
from kiosk.core.view import hhmm, part_of, rooms_on, start_text
from kiosk.core.words import Words

PAGE_SECONDS = 10  # a page of the hall's rooms stays this long: time to find one's room


class Row(NamedTuple):
    mark: str  # readable without colour: ✓ past, ▶ now, › next
    time: str
    title: str
    by: str
    state: str  # past, now, next, later; "more": the line that says a page of rooms is shown
    room: str = ""  # a round's session or a room's part: where it is
    moved: str = ""  # how far its time moved: "+10", "-5" (NOW and NEXT say "was …")

    @property
    def text(self) -> str:
        """A room's row as one line: 'Zaal 2 · Masterclass · Ans de Vries'."""
        return " · ".join(x for x in (self.time, self.room, self.title, self.by) if x)


def rows(snap: Snapshot, words: Words, count: int, room: str | None = None) -> list[Row]:
    """The programme list from what is on: upcoming first, past items in what room is left
    (marked ✓, so they read without colour); a moved time says how far. The hall's
    screen shows a round's sessions instead while it is on or next, and the rooms' own parts
    while they run."""
    if room is None and snap.phase in (BEFORE, DURING):
        if snap.now is not None and snap.now.item.sessions:
            return _sessions(snap, snap.now, "now")
        if (snap.now is None or snap.now.item.kind == "break") and rooms_on(snap):
            return _rooms(snap, words, count)
        if snap.next is not None and snap.next.item.sessions:
            return _sessions(snap, snap.next, "next")
    items = snap.programme.items
    count = max(0, min(count, len(items)))
    if snap.phase == AFTER:
        current = len(items)
    elif snap.now is None:  # before the start, or a gap: what went before is past
        current = snap.next.index if snap.phase == DURING and snap.next is not None else 0
    else:
        current = snap.now.index
    # what is on and what comes first; what went before fills what room is left
    first = max(0, min(current, len(items) - count))
    out = []
    nxt = snap.next.index if snap.next is not None else None
    for i in range(first, first + count):
        entry = snap.entry(i)
        if snap.now is not None and i == snap.now.index:
            state, mark = "now", "▶"
        elif i < current:
            # at a door, a round still on elsewhere (no session here) is not over
            on = room is not None and entry.end is not None and entry.end > snap.at
            state, mark = ("later", "\u00a0") if on else ("past", "✓")
        elif i == nxt:
            state, mark = "next", "›"
        else:
            state, mark = "later", "\u00a0"  # a no-break space: a blank mark keeps its column
        title, by = part_of(entry.item, room, snap.at)
        time = hhmm(entry.start)
        if entry.estimated:
            time = f"{words('approx')} {time}"
        moved = round(entry.shift / 60) if entry.moved else 0
        # the list keeps to one column of times: a moved one is marked by how far it moved
        out.append(Row(mark, time, title, by, state, moved=f"{moved:+d}" if moved else ""))
    return out


def _sessions(snap: Snapshot, entry: Entry, state: str) -> list[Row]:
    """A round's sessions, one row each, by their start and then in the order of the rooms;
    of sessions with times of their own, those over are past and those on now."""
    order = {name: n for n, name in enumerate(snap.programme.event.rooms)}

    def key(x: Session) -> tuple[float, int]:
        start = (x.start or entry.item.start).timestamp()
        return start, order.get(x.room or "", len(order))

    out = []
    for session in sorted(entry.item.sessions, key=key):
        own = session.start is not None or session.end is not None
        row_state = state
        if own and state == "now":
            if session.end is not None and session.end <= snap.at:
                row_state = "past"
            elif session.start is not None and session.start > snap.at:
                row_state = "later"
        start = hhmm(session.start) if session.start is not None else ""
        title, by = displayable(session.title), displayable(session.by or "")
        # a blank mark (a no-break space) keeps the column of ✓ and ▶
        mark = {"past": "✓", "now": "▶"}.get(row_state, "\u00a0") if own else ""
        out.append(Row(mark, start, title, by, row_state, displayable(session.room or "")))
    return out


def _rooms(snap: Snapshot, words: Words, count: int) -> list[Row]:
    """Each room's part now and what comes next there: two rows a room where they fit, else
    one (what is on, or else what comes)."""
    both = count >= 2 * len(snap.rooms)
    out = []
    for name, s in snap.rooms:
        where = displayable(name)
        now = s.now if s.now is not None and not s.now.item.for_everyone else None
        nxt = s.next if s.next is not None and not s.next.item.for_everyone else None
        if now is not None:
            title, by = part_of(now.item, name)
            # what runs in a room: how long it still runs, where the start time would be
            left = (
                hhmm(now.start)
                if now.end is None
                else words("left", d=words.span(now.end - snap.at))
            )
            out.append(Row("▶", left, title, by, "now", where))
        if nxt is not None and (both or now is None):
            title, by = part_of(nxt.item, name)
            out.append(Row("›", start_text(nxt, words), title, by, "next", where))
    return out


def paged(rows: list[Row], fit: int, at: datetime, words: Words) -> list[Row]:
    """The hall's rooms a page at a time when their rows do not all fit in `fit` lines: pages
    of even length in the rows' own order (the rooms' order), each on for `PAGE_SECONDS`, and
    a last line that says how many rooms are on the other pages and which page this is
    ("+37 zalen · 1/4"). Rows that fit, and the day's list (windowed by `visible`), stay as
    they are: a screen with few rooms never changes by itself.

    The page follows from the clock alone, so every hall screen shows the same page and a
    restart does not begin again."""
    if len(rows) <= fit or fit < 2 or not any(r.room for r in rows):
        return rows
    pages = -(-len(rows) // (fit - 1))
    number = int(at.timestamp()) // PAGE_SECONDS % pages
    shown = rows[number * len(rows) // pages : (number + 1) * len(rows) // pages]
    here = {_where(r) for r in shown}
    others = len({_where(r) for r in rows} - here)  # a room with sessions in turn counts once
    key = "rooms_page" if not others else "more_room" if others == 1 else "more_rooms"
    line = words(key, n=others, page=number + 1, pages=pages)
    return [*shown, Row("", "", line, "", "more")]


def _where(row: Row) -> str:
    return row.room or row.title


def visible(rows: list[Row] | tuple[Row, ...], height: int) -> list[Row]:
    """The rows that fit in `height` lines, windowed as `rows` does: upcoming first.

    `rows` may hold more than fit (before the first layout the list's height is not known yet).
    """
    rows = list(rows)
    if height <= 0:
        return []
    current = next((n for n, r in enumerate(rows) if r.state != "past"), len(rows))
    first = max(0, min(current, len(rows) - height))
    return rows[first : first + height]
