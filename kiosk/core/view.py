"""What the screen says, as plain strings: a pure function of a snapshot and the words.

The widgets only put these strings in place; every rule about what to show lives here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.core.timeline import AFTER, BEFORE, Entry, Snapshot
from kiosk.core.words import Words


@dataclass(frozen=True)
class Row:
    mark: str  # readable without colour: ✓ past, ▶ now, › next
    time: str
    title: str
    by: str
    state: str  # past, now, next, later


@dataclass(frozen=True)
class Screen:
    look: str  # before, during, break, drinks, after: the CSS class of the screen
    title: str
    subtitle: str
    date_line: str
    venue_line: str
    clock: str
    headline: str  # before and after: the one big line
    countdown: str
    now_label: str
    now_title: str
    now_by: str
    now_times: str
    now_left: str
    left_digits: str  # the time left, for the big digits on large screens
    progress: float | None
    next_label: str
    next_title: str
    next_when: str
    next_digits: str
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


def screen(snap: Snapshot, words: Words) -> Screen:
    event = snap.programme.event
    venue = event.venue
    today = snap.at.date()
    look, headline, countdown = snap.phase, "", ""
    now_label = now_title = now_by = now_times = now_left = left_digits = ""
    next_label = next_title = next_when = next_digits = ""
    progress = None
    nxt = snap.next

    if snap.phase == BEFORE:
        first = snap.programme.items[0]
        opens = snap.timeline.entry(0).start  # a shift before the start moves the doors too
        if today < event.date:
            headline = words("on_day", date=words.day(event.date))
        elif first.kind == "walk-in":
            headline = words("walk_in_from", title=first.title, t=hhmm(opens))
        else:
            headline = words("starts_at", t=hhmm(opens))
        countdown = words("in", d=words.span(opens - snap.at))
        if first.kind == "walk-in" and len(snap.programme.items) > 1:
            nxt = snap.timeline.entry(1)
    elif snap.phase == AFTER:
        headline = words("thanks")
        if today > event.date:
            countdown = words("was_on", date=words.day(event.date))
        nxt = None
    elif snap.now is not None:
        now = snap.now
        kind = now.item.kind
        look = kind if kind in ("break", "drinks", "walk-in") else "during"
        now_label = words("now")
        now_title = now.item.title
        now_by = now.item.by or ""
        now_times = _range(now, words)
        progress = _whole_minutes(snap.progress, now)
        remaining = snap.remaining
        if kind == "break" and nxt is not None:
            now_left = words(
                "break_resume", t=start_text(nxt, words), d=words.span(nxt.start - snap.at)
            )
        elif kind == "drinks" and now.end is not None:
            now_left = words("drinks_until", t=hhmm(now.end))
        elif remaining is not None:
            now_left = words("left", d=words.span(remaining))
        if remaining is not None and kind != "drinks":
            left_digits = _digits(
                remaining if kind != "break" or nxt is None else nxt.start - snap.at
            )

    if nxt is not None:
        next_label = words("next")
        next_title = nxt.item.title
        until = max(timedelta(0), nxt.start - snap.at)
        at = start_text(nxt, words)
        next_digits = hhmm(nxt.start)
        next_when = (
            words("starting")
            if until.total_seconds() < 30
            else words("at_in", t=at, d=words.span(until))
        )
    return Screen(
        look=look,
        title=event.title,
        subtitle=event.subtitle,
        date_line=words.day(event.date),
        venue_line=venue.name,
        clock=hhmm(snap.at),
        headline=headline,
        countdown=countdown,
        now_label=now_label,
        now_title=now_title,
        now_by=now_by,
        now_times=now_times,
        now_left=now_left,
        left_digits=left_digits,
        progress=progress,
        next_label=next_label,
        next_title=next_title,
        next_when=next_when,
        next_digits=next_digits,
        drift=words.drift(snap.drift_minutes) if snap.phase != AFTER else "",
        footer=" · ".join(x for x in (venue.address, *event.notes) if x),
        banner=snap.announcement,
        blank=snap.blank,
    )


def _whole_minutes(progress: float | None, now: Entry) -> float | None:
    """Progress moved on once a minute, like the words beside it: a quiet screen between."""
    if progress is None or now.end is None:
        return progress
    total = (now.end - now.start).total_seconds() / 60
    return math.floor(progress * total + 1e-6) / total if total >= 1 else progress


def _digits(delta: timedelta) -> str:
    """Minutes left as big digits: '12', or '1:05' from an hour on (rounded up, like the words)."""
    minutes = max(0, math.ceil(delta.total_seconds() / 60))
    if minutes >= 60:
        return f"{minutes // 60}:{minutes % 60:02d}"
    return str(minutes)


def _range(entry: Entry, words: Words) -> str:
    start = start_text(entry, words)
    if entry.end is None:
        return f"{start} – {words('until_midnight')}" if not entry.item.is_end else start
    return f"{start} – {hhmm(entry.end)}"


def rows(snap: Snapshot, words: Words, count: int) -> list[Row]:
    """The programme list around what is on: one past item, then as many as fit."""
    items = snap.programme.items
    count = max(0, min(count, len(items)))
    if snap.phase == AFTER:
        current = len(items)
    elif snap.now is None:
        current = 0
    else:
        current = snap.now.index
    first = max(0, min(current - 1, len(items) - count))
    out = []
    nxt = snap.next.index if snap.next is not None else None
    for i in range(first, first + count):
        entry = snap.timeline.entry(i)
        if snap.now is not None and i == snap.now.index:
            state, mark = "now", "▶"
        elif i < current:
            state, mark = "past", "✓"
        elif i == nxt:
            state, mark = "next", "›"
        else:
            state, mark = "later", "\u00a0"  # a no-break space: a blank mark keeps its column
        out.append(
            Row(mark, start_text(entry, words), entry.item.title, entry.item.by or "", state)
        )
    return out


def visible(rows: list[Row] | tuple[Row, ...], height: int) -> list[Row]:
    """The rows that fit in `height` lines, windowed as `rows` does: one past row, then on.

    `rows` may hold more than fit (before the first layout the list's height is not known yet).
    """
    rows = list(rows)
    if height <= 0:
        return []
    current = next((n for n, r in enumerate(rows) if r.state != "past"), len(rows))
    first = max(0, min(current - 1, len(rows) - height))
    return rows[first : first + height]


def status(snap: Snapshot, words: Words, state_path: str, follower: bool) -> str:
    """The host's own line: mode, delay, live state file. Followers show where they follow."""
    if follower:
        return words("follower", path=state_path)
    if snap.mode == "host":
        tl = snap.timeline
        entry = tl.entry(tl.base)
        mode = words("mode_host", title=entry.item.title, t=hhmm(entry.start))
    else:
        mode = words("mode_clock")
    return " · ".join(
        (mode, words("delay", n=snap.delay_minutes), words("state_file", path=state_path))
    )
