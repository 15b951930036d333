"""What a host's key did, and what it would do now, in the screen's words: the note after a
key, the hint before the first one, and the help's preview of next and previous."""

from __future__ import annotations

from datetime import datetime

from kiosk.core.actions import Action, act
from kiosk.core.live import Live
from kiosk.core.text import displayable
from kiosk.core.timeline import AFTER, Timeline
from kiosk.core.turns import turn_at
from kiosk.core.words import Words


def note(
    action: Action, before: Live, after: Live, timeline: Timeline, now: datetime, w: Words
) -> str:
    """The note after the host's `action`, which took `before` to `after`; `timeline` is the
    one of `after` (the screen the room now sees)."""
    if before.state.blank and not after.state.blank:
        return w("note_unblank")
    if action == Action.UNDO:
        return w("note_undone") if after != before else ""
    if action in (Action.NEXT, Action.PREVIOUS):
        if after.state == before.state:
            return w("note_nothing_next" if action == Action.NEXT else "note_nothing_prev")
        snap = timeline.snapshot(now)
        if snap.phase == AFTER or snap.now is None:
            return w("note_end")
        return w("note_next", title=displayable(snap.now.item.title))
    if action == Action.CLOCK:
        return w("note_clock")
    if action in (Action.LATER, Action.EARLIER):
        return w(f"note_{action}", n=timeline.snapshot(now).delay_minutes)
    if action == Action.ANNOUNCE:
        return w("note_announced") if after.state.announcement else w("note_cleared")
    if action == Action.STAGE_MESSAGE:
        return w("note_staged") if after.state.stage_message else w("note_unstaged")
    if action == Action.BLANK:
        return w("note_blank") if after.state.blank else w("note_unblank")
    return ""


def would(action: Action, live: Live, timeline: Timeline, now: datetime, w: Words) -> str:
    """What next or previous would do if pressed now, for the help."""
    after = act(live, timeline, action, now)
    index = None
    if after.state != live.state and after.state.item_id is not None:
        index = timeline.programme.index_of(after.state.item_id)
    if index is None:
        return w("help_nothing")
    item = timeline.programme.items[index]
    does = w("would_close") if item.is_end else w("would_start", title=displayable(item.title))
    on = timeline.snapshot(now).now
    if action == Action.NEXT and on is not None and turn_at(on, now) is not None:
        return w("would_turns", what=does)  # a part with turns: n moves on from all of them
    return does
