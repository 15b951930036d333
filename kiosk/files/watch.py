"""Noticing that a file changed and settled, whether the editor wrote in place or renamed.

Polled, not event-driven: a stat twice a second costs nothing and works for every editor,
every filesystem and every way of saving.
"""

from __future__ import annotations

import os
from pathlib import Path

Signature = tuple[int, int, int] | None  # (inode, size, mtime_ns), None: no file


def signature(path: Path) -> Signature:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Watch:
    """`poll()` is True once a changed file has kept the same signature for one more poll.

    A save seen mid-write (empty, cut off) is not taken: the next poll must see it unchanged.
    """

    def __init__(self, path: Path, known: Signature | None = None, settle: bool = True):
        self.path = path
        self.settle = settle  # False for files written atomically: take them at first sight
        self.settled: Signature = signature(path) if known is None else known
        self._seen: Signature = self.settled

    def poll(self) -> bool:
        now = signature(self.path)
        if now == self.settled:
            self._seen = now
            return False
        if now != self._seen and self.settle:
            self._seen = now  # still changing (or just changed): look again next poll
            return False
        self.settled = now
        return True  # a settled change; gone for good counts too (the host is told)
