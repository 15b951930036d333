"""The programme and the snapshot as the command line prints them: a table, and JSON."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from kiosk.core.live import State
from kiosk.core.model import Programme
from kiosk.core.text import displayable
from kiosk.core.timeline import Entry, Snapshot, Timeline
from kiosk.core.view import board, hhmm, start_text
from kiosk.core.words import Words


def item_json(entry: Entry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    item = entry.item
    return {
        "id": item.id,
        "title": item.title,
        "by": item.by,
        "kind": item.kind,
        "start": hhmm(entry.start),
        "end": None if entry.end is None else hhmm(entry.end),
        "estimated": entry.estimated,
    }


def snapshot_json(snap: Snapshot) -> dict[str, Any]:
    return {
        "at": snap.at.isoformat(),
        "phase": snap.phase,
        "mode": snap.mode,
        "delay_minutes": snap.delay_minutes,
        "overtime_minutes": snap.overtime_minutes,
        "announcement": snap.announcement,
        "now": item_json(snap.now),
        "next": item_json(snap.next),
    }


# JSON escapes C0 controls itself; these it would write raw (ensure_ascii=False keeps
# "Leercafé" readable), and a terminal showing the output must not act on them
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_line(data: dict[str, Any]) -> str:
    """One JSON object on one line: text as written, but nothing a terminal would act on."""
    text = json.dumps(data, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def now_text(snap: Snapshot, words: Words) -> str:
    b = board(snap, words)
    lines = [f"{b.header.clock}  {b.header.title}"]
    if b.headline is not None:
        lines.append(f"{b.headline.text} {b.headline.countdown}".rstrip())
    if b.now is not None:
        lines.append(f"{b.now.label}: {b.now.title}  {b.now.times}  {b.now.left}".rstrip())
    if b.next is not None:
        lines.append(f"{b.next.label}: {b.next.title}  {b.next.when}")
    if b.drift:
        lines.append(b.drift)
    if b.banner:
        lines.append(f"» {b.banner}")
    return "\n".join(lines)


def table(programme: Programme, state: State | None = None) -> str:
    """The resolved programme: one line an item, estimated starts marked."""
    event = programme.event
    words = Words(event.language)
    snap = Timeline(programme, state or State()).snapshot(programme.items[0].start)
    entries = [snap.entry(i) for i in range(len(programme.items))]
    times = [start_text(e, words) for e in entries]
    width = max(len(t) for t in times)
    title_width = min(48, max(len(e.item.title) for e in entries))
    where = ", ".join(x for x in (words.day(event.date), displayable(event.venue.name)) if x)
    lines = [f"{displayable(event.title)} — {where}"]
    items = programme.items
    for n, (entry, at) in enumerate(zip(entries, times, strict=True)):
        item = entry.item
        extra = displayable(item.by or "")
        open_end = item.end is None and not item.is_end
        kind = displayable(item.kind or "")
        tags = [t for t in (kind, "fixed" if item.fixed else "", "open end" * open_end) if t]
        if tags:
            extra = f"{extra}  ({', '.join(tags)})".strip()
        title = displayable(item.title)
        lines.append(f"  {at:<{width}}  {title:<{title_width}}  {extra}".rstrip())
        if item.end is not None and n + 1 < len(items) and item.end < items[n + 1].start:
            # a gap: nothing on, and the screen counts down to the next start
            gap = f"(nothing on until {hhmm(items[n + 1].start)})"
            lines.append(f"  {hhmm(item.end):<{width}}  {gap}")
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
    return "\n".join(lines)
