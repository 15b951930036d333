"""The host's actions from elsewhere, on their way to the host: one small file each in a folder
beside the live state (`.programme.state.json.inbox/`), written whole, named in the order they
were sent. Only the holder of the host lock takes them: the host kiosk in its scan of the
files, or `kiosk serve --control` itself for a moment when no host kiosk runs
(KioskFiles.steer_alone). Whoever removes an entry first has it: the taker, which then applies
it, or its sender, which withdraws one that nobody took in time. So each is applied once."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import stat
import tempfile
import time
from pathlib import Path

from kiosk.core.actions import Action
from kiosk.core.remote import Remote

STALE = 10.0  # seconds: older entries were withdrawn or left by a sender that died; dropped
MAX_BYTES = 4096
SUFFIX = ".json"
_sent = itertools.count()  # this process's entries in order, even within one nanosecond


class NotOurs(Exception):
    """The inbox folder is another user's, or others may write in it: it steers nothing."""


def folder(state_path: Path) -> Path:
    return state_path.with_name(f".{state_path.name}.inbox")


def send(state_path: Path, remote: Remote) -> Path:
    """Put one action in the inbox (whole, or not at all); the entry's path."""
    box = _own_folder(state_path, make=True)
    data: dict[str, object] = {"action": str(remote.action), "text": remote.text}
    data.update(room=remote.room, sent=time.time())
    name = f"{time.time_ns():020d}-{os.getpid()}-{next(_sent):09d}{SUFFIX}"
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=box)  # a dot: not taken yet
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, box / name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return box / name


def take(state_path: Path) -> list[Remote]:
    """The actions waiting, oldest first, each removed from the inbox as it is taken (the
    holder of the host lock only: it applies them). Stale or unreadable entries are dropped."""
    try:
        box = _own_folder(state_path, make=False)
        names = sorted(n for n in os.listdir(box) if n.endswith(SUFFIX) and n[0] != ".")
    except (FileNotFoundError, NotOurs):
        return []
    taken = []
    for name in names:
        entry = box / name
        try:
            with entry.open("rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
            os.unlink(entry)  # ours from here: its sender cannot withdraw it any more
        except OSError:  # withdrawn just now
            continue
        remote = _read(raw)
        if remote is not None:
            taken.append(remote)
    return taken


def withdraw(entry: Path) -> bool:
    """Take back an entry nobody took: True; False when the host took it first."""
    try:
        os.unlink(entry)
    except FileNotFoundError:
        return False
    return True


def _read(raw: bytes) -> Remote | None:
    try:
        data = json.loads(raw[: MAX_BYTES + 1])
        if time.time() - float(data["sent"]) > STALE:
            return None
        text, room = data["text"], data["room"]
        if not (text is None or isinstance(text, str)) or not (
            room is None or isinstance(room, str)
        ):
            return None
        return Remote(Action(data["action"]), text, room)
    except (ValueError, TypeError, KeyError):
        return None


def _own_folder(state_path: Path, make: bool) -> Path:
    """The inbox, made for this user alone if asked; NotOurs if anyone else could write in it
    (a shared folder such as /tmp): what another user put there must not steer."""
    box = folder(state_path)
    if make:
        box.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            box.mkdir(mode=0o700)
    info = box.lstat()
    if (
        not stat.S_ISDIR(info.st_mode)
        or info.st_uid != os.getuid()
        or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    ):
        raise NotOurs(f"{box} is not this user's own folder")
    return box
