"""The afternoon as it went: each part's planned times against when it really started and
ended, from the log of the host's actions. Replayed, not guessed: at every moment the screen
showed what the live state of that moment made of the programme, so that is what happened."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from kiosk.core.actions import Action
from kiosk.core.live import State
from kiosk.core.logbook import Logged
from kiosk.core.model import Item, Programme
from kiosk.core.text import displayable
from kiosk.core.timeline import Entry
from kiosk.core.tracks import Tracks
from kiosk.core.words import Words

STEP = timedelta(seconds=15)  # between samples of the screen; each host action is one too
NEAR = timedelta(hours=12)  # a log entry this long before the first start is still this event's
BRIEF = timedelta(seconds=60)  # a part on for less than this was a key taken back


class Part(NamedTuple):
    item: Item
    day: date
    started: datetime | None  # None: it did not come on (skipped, or still to come)
    ended: datetime | None  # None: it did not end (still on, or the day closed on it)


@dataclass
class Run:
    """One stretch of time a part was on the screen."""

    start: datetime
    end: datetime | None = None


class Afternoon(NamedTuple):
    parts: list[Part]
    closed: datetime | None  # when the programme's last day closed, if it did
    log: list[Logged]


def replay(programme: Programme, log: list[Logged], until: datetime) -> Afternoon:
    """What the hall's screen showed as on, from the first start until `until` (at most the
    programme's last day)."""
    first = min(i.start for i in programme.items)
    last = min(until, programme.day_tracks()[-1].hall.day_end)
    # entries of another day (a try-out the day before, last year's edition) are not this one's
    log = [e for e in log if first - NEAR <= e.at <= last]
    moments = {e.at for e in log}
    t = first
    while t <= last:
        moments.add(t)
        t += STEP
    times = [e.at for e in log]
    tracks: dict[State, Tracks] = {}
    runs: dict[str, list[Run]] = {}  # each time a part was on
    closed: datetime | None = None
    before: tuple[datetime, Entry | None] | None = None
    for moment in sorted(moments):
        n = bisect.bisect_right(times, moment)
        state = log[n - 1].state if n else State()
        screen = tracks.get(state)
        if screen is None:
            screen = tracks[state] = Tracks(programme, state)
        snap = screen.snapshot(moment)
        now = snap.now
        was = before[1] if before is not None else None
        since = before[0] if before is not None else moment
        again = (
            now is not None
            and was is not None
            and now.item.id == was.item.id
            and now.started
            and (not was.started or was.start != now.start)
        )  # the host started what was on anew (`previous` onto it, or `next` of a late start)
        if was is not None and (now is None or now.item.id != was.item.id or again):
            end = was.end if was.end is not None and since < was.end <= moment else moment
            runs[was.item.id][-1].end = end
        if now is not None and (was is None or now.item.id != was.item.id or again):
            start = now.start if since < now.start <= moment else moment
            runs.setdefault(now.item.id, []).append(Run(start))
        if snap.phase == "after" and not snap.between_days and closed is None:
            closed = moment
        before = (moment, now)
    # A key the host took back at once (n, then u) put a part on for seconds: not a start.
    # The host's `next` is the truth of a start: the room began it then, whatever the clock
    # had shown before; the last one counts (started, gone back from, started again).
    begun = {e.state.item_id: e.at for e in log if _started(e)}
    parts = []
    for item in programme.items:
        if item.is_end or not item.for_everyone:
            continue
        kept = [r for r in runs.get(item.id, []) if r.end is None or r.end - r.start >= BRIEF]
        by_key = [r for r in kept if r.start == begun.get(item.id)]
        began = by_key[-1].start if by_key else kept[0].start if kept else None
        parts.append(Part(item, item.start.date(), began, kept[-1].end if kept else None))
    return Afternoon(parts, closed, log)


def _moved(entry: Logged) -> bool:
    """Whether next or previous moved the host's place (not only unblanked the screen)."""
    return entry.state.started_at == entry.at


def _started(entry: Logged) -> bool:
    """Whether this key started a part (not only brought the screen back from blank)."""
    return entry.action == Action.NEXT and entry.state.item_id is not None and _moved(entry)


def minutes(delta: timedelta) -> int:
    return round(delta.total_seconds() / 60)


def drift(part: Part) -> int | None:
    """How late it started (negative: early), in minutes."""
    return None if part.started is None else minutes(part.started - part.item.start)


def total_drift(afternoon: Afternoon) -> int | None:
    """How late the day ended against its plan: the last part that ended, against its end."""
    done = [p for p in afternoon.parts if p.ended is not None and p.item.end is not None]
    if not done:
        return None
    last = done[-1]
    assert last.ended is not None and last.item.end is not None
    return minutes(last.ended - last.item.end)


def rows(afternoon: Afternoon) -> list[dict[str, str]]:
    """One row a part, for a spreadsheet: plain values, times as HH:MM."""

    def clock(moment: datetime | None) -> str:
        return "" if moment is None else moment.strftime("%H:%M")

    out = []
    for part in afternoon.parts:
        item = part.item
        late = drift(part)
        length = (
            minutes(part.ended - part.started)
            if part.started is not None and part.ended is not None
            else None
        )
        planned = minutes(item.end - item.start) if item.end is not None else None
        out.append(
            {
                "date": part.day.isoformat(),
                "id": _cell(displayable(item.id)),
                "title": _cell(displayable(item.title)),
                "planned_start": clock(item.start),
                "planned_end": clock(item.end),
                "actual_start": clock(part.started),
                "actual_end": clock(part.ended),
                "start_drift_minutes": "" if late is None else str(late),
                "planned_minutes": "" if planned is None else str(planned),
                "actual_minutes": "" if length is None else str(length),
            }
        )
    return out


def _cell(text: str) -> str:
    """A spreadsheet reads a cell that starts with = + - @ as a formula: not a title."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def text(afternoon: Afternoon, words: Words) -> str:
    """The report for a terminal: planned against actual, part by part, then the drift and
    what the host did."""
    head = words("report_head")
    lines = [head, "-" * len(head)]
    day = None
    for part, row in zip(afternoon.parts, rows(afternoon), strict=True):
        if part.day != day and len({p.day for p in afternoon.parts}) > 1:
            day = part.day
            lines.append(words.day(day))
        late = row["start_drift_minutes"]
        moved = f"{int(late):+d}" if late not in ("", "0") else ""
        planned = f"{row['planned_start']}–{row['planned_end']}".rstrip("–")
        actual = f"{row['actual_start']}–{row['actual_end']}".strip("–") or words("report_not_on")
        lines.append(f"{planned:<12} {actual:<12} {moved:>4}  {displayable(part.item.title)}")
    total = total_drift(afternoon)
    if total is not None:
        lines.append("")
        key = "report_total" if afternoon.closed is not None else "report_so_far"
        lines.append(words(key, d=f"{total:+d}"))
    shifts = [e for e in afternoon.log if e.action in (Action.LATER, Action.EARLIER)]
    said = [e for e in afternoon.log if e.action == Action.ANNOUNCE]
    keys = [e for e in afternoon.log if e.action in (Action.NEXT, Action.PREVIOUS) and _moved(e)]
    lines.append(words("report_actions", keys=len(keys), shifts=len(shifts), said=len(said)))
    for entry in said:
        what = displayable(entry.state.announcement or "") or words("report_cleared")
        lines.append(f"  {entry.at.strftime('%H:%M')}  {what}")
    return "\n".join(lines)
