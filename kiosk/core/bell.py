"""When the kiosk rings: once as a break or a gap ends, once as the host's part runs over, once
at each change of turns. A pure function of two snapshots a tick apart, so that a restart, a
reload or a host key in between rings nothing that was not due."""

from __future__ import annotations

from kiosk.core.timeline import DURING, Snapshot
from kiosk.core.turns import turn_at


def rings(before: Snapshot | None, after: Snapshot) -> bool:
    if before is None or not after.programme.event.bell or after.phase != DURING:
        return False
    was, now = before.now, after.now
    resting = before.phase == DURING and (was is None or was.item.kind == "break")
    if now is None:  # a gap has begun; or, on the hall's screen, the rooms run their parts
        back = any(s.now is not None and s.now.item.kind != "break" for _, s in after.rooms)
        return resting and was is not None and back  # lunch is over: back to the rooms
    if resting and now.item.kind != "break" and (was is None or was.item.id != now.item.id):
        return True  # the break or the gap is over: back to the room
    if was is None or was.item.id != now.item.id:
        return False
    if before.overtime_minutes == 0 and after.overtime_minutes > 0 and now.item.kind != "break":
        return True  # the host's part has run past its planned length (a break rings as it ends)
    turned, turning = turn_at(was, before.at), turn_at(now, after.at)
    return turned is not None and turning is not None and turning.number != turned.number
