"""The programme and the snapshot as the command line prints them: a table, and JSON."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

from kiosk.core.listing import Row, rows
from kiosk.core.live import State
from kiosk.core.model import Programme
from kiosk.core.text import displayable
from kiosk.core.timeline import Entry, Snapshot, Timeline
from kiosk.core.turns import turn_at
from kiosk.core.view import board, hhmm, start_text
from kiosk.core.words import Words


def item_json(entry: Entry | None, day: date) -> dict[str, Any] | None:
    """An item with its expected times; `day`: the programme's day it is on."""
    if entry is None:
        return None
    item = entry.item
    return {
        "id": item.id,
        "title": item.title,
        "by": item.by,
        "kind": item.kind,
        "room": item.room,
        "start": hhmm(entry.start),
        "end": _end(entry),
        "date": day.isoformat(),
        "estimated": entry.estimated,
        "sessions": [
            {
                "id": x.id,
                "title": x.title,
                "by": x.by,
                "room": x.room,
                "start": hhmm(x.start) if x.start is not None else hhmm(entry.start),
                "end": hhmm(x.end) if x.end is not None else _end(entry),
            }
            for x in item.sessions
        ],
    }


def _end(entry: Entry) -> str | None:
    return None if entry.end is None else hhmm(entry.end)


def snapshot_json(
    snap: Snapshot, room: str | None = None, stage_message: str | None = None
) -> dict[str, Any]:
    """What is on at the snapshot's instant, for other programs; `stage_message`: the host's
    message to the stage (stage views only show it), if there is one."""
    day = snap.programme.event.date
    turn = turn_at(snap.now, snap.at) if snap.now is not None else None
    return {
        "at": snap.at.isoformat(),
        "phase": snap.phase,
        "mode": snap.mode,
        "delay_minutes": snap.delay_minutes,
        "overtime_minutes": snap.overtime_minutes,
        "announcement": snap.announcement,
        "stage_message": stage_message,
        "room": room,
        "now": item_json(snap.now, day),
        "next": item_json(snap.next, day),
        "rooms": [
            {"room": name, "now": item_json(s.now, day), "next": item_json(s.next, day)}
            for name, s in snap.rooms
        ],
        # the turn of the part on now (rounds: / rotate:), 1-based, and how many; else null
        "round": turn.number if turn else None,
        "rounds": turn.of if turn else None,
    }


# JSON escapes C0 controls itself; these it would write raw (ensure_ascii=False keeps
# "Leercafé" readable), and a terminal showing the output must not act on them
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_line(data: dict[str, Any]) -> str:
    """One JSON object on one line: text as written, but nothing a terminal would act on."""
    text = json.dumps(data, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def now_text(snap: Snapshot, words: Words, room: str | None = None) -> str:
    b = board(snap, words, room)
    lines = [f"{b.header.clock}  {b.header.title}"]
    if b.headline is not None:
        lines.append(f"{b.headline.text} {b.headline.countdown}".rstrip())
    if b.now is not None:
        lines.append(f"{b.now.label}: {b.now.title}  {b.now.times}  {b.now.left}".rstrip())
    if b.next is not None:
        lines.append(f"{b.next.label}: {b.next.title}  {b.next.when}")
    if room is None:  # a round's sessions, or the rooms' own parts
        lines += [f"  {r.text}" for r in rows(snap, words, 2 * len(snap.rooms)) if r.room]
    if b.drift:
        lines.append(b.drift)
    if b.banner:
        lines.append(f"» {b.banner}")
    return "\n".join(lines)


def table(programme: Programme, state: State | None = None) -> str:
    """The resolved programme: one line an item, estimated starts marked; per day, and for
    each room its own parts after those for everyone."""
    event = programme.event
    words = Words(event.language)
    where = displayable(event.venue.name)
    days = programme.day_tracks()
    if not programme.days:
        head = ", ".join(x for x in (words.day(event.date), where) if x)
        return "\n".join([f"{displayable(event.title)} — {head}", *_track(programme, state)])
    lines = [f"{displayable(event.title)}" + (f" — {where}" if where else "")]
    for day in days:
        lines.append(words.day(day.date))
        if any(not item.is_end for item in day.hall.items):
            rooms_own = any(track is not day.hall for _, track in day.rooms)
            lines += _track(day.hall, state, hall=rooms_own)
        elif day.hall.close is not None:  # only the close is for everyone
            lines.append(f"  closes at {hhmm(day.hall.close)}")
        for room, track in day.rooms:
            own = [
                n for n, item in enumerate(track.items) if item.room == room and not item.plenary
            ]
            if own:
                lines.append(f"  {displayable(room)}:")
                lines += _track(track, state, own)
    return "\n".join(lines)


def _track(
    programme: Programme, state: State | None, only: list[int] | None = None, hall: bool = False
) -> list[str]:
    """One track of one day as rows of the table (`only`: these items of it, a room's own;
    `hall`: the track of the items for everyone on a day with rooms)."""
    event = programme.event
    words = Words(event.language)
    snap = Timeline(programme, state or State()).snapshot(programme.items[0].start)
    entries = [snap.entry(i) for i in range(len(programme.items))]
    times = [start_text(e, words) for e in entries]
    width = max(len(t) for t in times)
    title_width = min(48, max(len(e.item.title) for e in entries))
    indent = "    " if only is not None else "  "
    lines = []
    items = programme.items
    for n, (entry, at) in enumerate(zip(entries, times, strict=True)):
        if only is not None and n not in only:
            continue
        item = entry.item
        extra = displayable(item.by or "")
        open_end = item.end is None and not item.is_end
        kind = displayable(item.kind or "")
        # a plenary part: for everyone, in its room (said in the hall's list, not the room's)
        plenary = (
            f"plenary in {displayable(item.room or '')}" if item.plenary and only is None else ""
        )
        tags = [
            t for t in (kind, "fixed" if item.fixed else "", "open end" * open_end, plenary) if t
        ]
        if tags:
            extra = f"{extra}  ({', '.join(tags)})".strip()
        title = displayable(item.title)
        lines.append(f"{indent}{at:<{width}}  {title:<{title_width}}  {extra}".rstrip())
        for session in item.sessions:
            row = Row("", "", session.title, session.by or "", "", session.room or "")
            lines.append(f"{indent}{'':<{width}}    {displayable(row.text)}")
        if item.end is not None and n + 1 < len(items) and item.end < items[n + 1].start:
            # a gap: nothing on (for everyone: the rooms may have their own parts then), and
            # the screen counts down to the next start
            what = "nothing for everyone" if hall else "nothing on"
            gap = f"({what} until {hhmm(items[n + 1].start)})"
            lines.append(f"{indent}{hhmm(item.end):<{width}}  {gap}")
    if only is not None:
        return lines
    first = hhmm(entries[0].start)
    count = f"{len(entries)} item" + ("" if len(entries) == 1 else "s")
    if programme.close is None:
        lines.append(f"{count}, from {first}; the last has an open end.")
    else:
        close = programme.close
        midnight = (close.date(), close.hour, close.minute) == (
            event.date + timedelta(days=1),
            0,
            0,
        )
        last = "24:00" if midnight else hhmm(close)
        lines.append(f"{count}, {first} to {last}.")
    return lines
