"""What an organiser's save changed, said briefly for the host."""

from __future__ import annotations

from kiosk.core.model import Programme
from kiosk.core.words import Words


def describe(old: Programme, new: Programme, words: Words) -> str:
    before = {i.id: i for i in old.items}
    after = {i.id: i for i in new.items}
    added = [k for k in after if k not in before]
    removed = [k for k in before if k not in after]
    changed = [
        k for k in after if k in before and before[k]._replace(line=0) != after[k]._replace(line=0)
    ]
    parts = [
        words(key, n=len(ids))
        for key, ids in (("added", added), ("removed", removed), ("changed", changed))
        if ids
    ]
    if not parts and old.event != new.event:
        parts = [words("changed", n=1)]
    return ", ".join(parts) or words("nothing_changed")
