"""The live state on disk: JSON, written atomically, read back after a crash or by followers.

A file that cannot be read is moved aside (never deleted) and the kiosk follows the clock.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pendulum

from kiosk.core.live import Live, State, implausible
from kiosk.core.logbook import Logged
from kiosk.core.model import Programme

FORMAT = "kiosk-live-state"
VERSION = 1
MAX_BYTES = 1024 * 1024
TMP = ".tmp"  # the suffix of a write in progress


class DamagedState(Exception):
    """The file is not a live state we wrote; `aside` is where it was moved, if it was."""

    def __init__(self, reason: str, aside: Path | None = None):
        super().__init__(reason)
        self.reason = reason
        self.aside = aside


def default_path(programme_path: str | Path, rehearsal: bool = False) -> Path:
    """programme.yaml -> programme.state.json beside it (programme.rehearsal.state.json for
    a rehearsal)."""
    p = Path(programme_path)
    return p.with_name(f"{p.stem}.rehearsal.state.json" if rehearsal else f"{p.stem}.state.json")


def _state_to_json(s: State) -> dict[str, Any]:
    out = s._asdict()
    for key in ("started_at", "shift_from"):
        if out[key] is not None:
            out[key] = out[key].isoformat()
    if out["stage_message"] is None:
        # written only when there is one: a kiosk from before the stage view reads the file
        # (it would take an unknown field for damage)
        del out["stage_message"]
    return out


def _state_from_json(data: Any) -> State:
    if not isinstance(data, dict):
        raise ValueError("a state is not an object")
    known = State._fields
    if set(data) - set(known):
        raise ValueError(f"unknown fields {sorted(set(data) - set(known))}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("started_at", "shift_from"):
            values[key] = None if value is None else _moment(value)
        elif key == "mode":
            if value not in ("clock", "host"):
                raise ValueError(f"mode {value!r}")
            values[key] = value
        elif key == "shift":
            if not isinstance(value, int) or isinstance(value, bool):  # its size: implausible()
                raise ValueError(f"shift {value!r}")
            values[key] = value
        elif key == "blank":
            if not isinstance(value, bool):
                raise ValueError(f"blank {value!r}")
            values[key] = value
        else:  # item_id, announcement, stage_message
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{key} {value!r}")
            values[key] = value
    return State(**values)


def _moment(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"time {value!r}")
    parsed = pendulum.parse(value, tz=None)
    if not isinstance(parsed, datetime):
        raise ValueError(f"time {value!r}")
    if parsed.tzinfo is None:  # which zone? reading it as UTC moved the host's place by hours
        raise ValueError(f"time {value!r} has no offset")
    return parsed


def dumps(live: Live) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "state": _state_to_json(live.state),
            "history": [_state_to_json(s) for s in live.history],
        },
        ensure_ascii=False,
        indent=1,
    )


def parse(text: str) -> Live:
    """Text -> Live, or ValueError with a reason."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a kiosk live state")
    if data.get("version") != VERSION:
        raise ValueError(f"version {data.get('version')!r} is not {VERSION}")
    history = data.get("history", [])
    if not isinstance(history, list):
        raise ValueError("history is not a list")
    try:
        return Live(
            _state_from_json(data.get("state")), tuple(_state_from_json(h) for h in history)
        )
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValueError(str(exc)) from None
    except Exception as exc:  # pendulum's parser raises its own kinds on odd text
        raise ValueError(f"bad time ({exc})") from None


UNUSABLE = (ValueError, UnicodeDecodeError, OverflowError)  # what `checked` raises


def checked(text: str, programme: Programme) -> Live:
    """The live state in `text`, or one of UNUSABLE: not ours, or values that cannot be the
    host's for `programme` (core.live.implausible)."""
    live = parse(text)
    if (why := implausible(live, programme)) is not None:
        raise ValueError(why)
    return live


def read(path: Path, programme: Programme, keep_aside: bool = True) -> Live:
    """The live state in `path`; a fresh one if there is none.

    Raises DamagedState for a file we cannot use: not ours, or values that cannot be the
    host's for `programme` (core.live.implausible). With keep_aside the file is first renamed
    to `<name>.damaged` so the host's next action does not overwrite the evidence; followers,
    which write nothing, pass keep_aside=False.
    """
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Live()
    except OSError as exc:
        raise DamagedState(f"cannot be read ({exc.strerror})") from None
    try:
        if len(raw) > MAX_BYTES:
            raise ValueError("over 1 MiB")
        return checked(raw.decode("utf-8"), programme)
    except UNUSABLE as exc:
        aside = None
        if keep_aside:
            aside = path.with_name(path.name + ".damaged")
            with contextlib.suppress(OSError):
                os.replace(path, aside)
        raise DamagedState(str(exc), aside) from None


def write(path: Path, live: Live, mode: int = 0o644) -> None:
    """Write atomically: a crash leaves old or new.

    Readable by others (`mode`, the programme file's by default in the app): a follower or
    `kiosk serve` running as another user reads it.
    """
    from kiosk.files.atomic import write_text  # with the first host key, not on every start

    write_text(path, dumps(live), mode, suffix=TMP)


def log_path(state_path: Path) -> Path:
    """The log of what happened, beside the live state: programme.state.json ->
    programme.state.log."""
    return state_path.with_suffix(".log")


def append_log(path: Path, entries: list[Logged], mode: int = 0o644) -> None:
    """Add the entries at the end, one JSON line each, in one write and synced: a crash
    leaves the log as it was or with all of them (at worst a cut last line, which reading
    skips). Never rewritten: a restart, a new programme or a damaged state keep it."""
    if not entries:
        return
    lines = "".join(
        json.dumps(
            {"at": e.at.isoformat(), "action": e.action, "state": _state_to_json(e.state)},
            ensure_ascii=False,
        )
        + "\n"
        for e in entries
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, mode & 0o666)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            lines = "\n" + lines  # a line a crash cut short stays on its own (and is skipped)
        os.write(fd, lines.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_log(path: Path) -> tuple[list[Logged], int]:
    """The log's entries in order, and how many lines could not be read (skipped)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return [], 0
    entries, skipped = [], 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            entries.append(
                Logged(_moment(data["at"]), str(data["action"]), _state_from_json(data["state"]))
            )
        except Exception:  # a cut last line, or a hand's edit: skipped and counted
            skipped += 1
    entries.sort(key=lambda e: e.at)
    return entries, skipped


def clean_up(path: Path) -> list[Path]:
    """Remove what a write cut short (kill -9, power loss) left beside the state file. Only the
    host calls it, holding the lock: no write of another kiosk can be in progress."""
    removed = []
    for stale in path.parent.glob(f".{path.name}.*{TMP}"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed.append(stale)
    return removed


class Taken(Exception):
    """Another kiosk is the host of this state file: `holder` is its pid; `ending` when it
    has said it is ending; `lost_terminal` when it started in a terminal and has none now."""

    def __init__(self, holder: str, ending: bool = False, lost_terminal: bool = False):
        super().__init__(holder)
        self.holder = holder
        self.ending = ending
        self.lost_terminal = lost_terminal


ENDING = "ending"  # what a host that is ending writes after its pid in the lock file


def terminal_of(pid: int | str) -> int | None:
    """A process's controlling terminal (Linux's tty_nr: 0 for none), or None where it cannot
    be read. A terminal that closes leaves the processes of its session with none."""
    try:
        stat = Path(f"/proc/{int(pid)}/stat").read_text(encoding="ascii", errors="replace")
        return int(stat[stat.rindex(")") + 2 :].split()[4])  # the 7th field, after the name
    except (OSError, ValueError, IndexError):
        return None


class HostLock:
    """One host per state file: an advisory lock on a file beside it, held for the life of the
    process. The system releases it on exit, a crash or kill -9 included; followers never take
    it. The file says the holder's pid and terminal ("1234 tty=34817"), and "ending" once it
    has decided to end."""

    def __init__(self, path: Path):
        self.path = path.with_name(f".{path.name}.lock")
        self._fd: int | None = None
        self._line = ""

    def acquire(
        self,
        wait: float = 0.0,
        waiting: Callable[[str], None] | None = None,
        brief: bool = False,
    ) -> None:
        """Take the lock, or raise Taken naming the process that has it. A holder that is
        ending, or has lost its terminal, is waited for up to `wait` seconds (`waiting` is told
        its pid once). `brief`: held for a moment only, and said to be ending from the start,
        so that a kiosk starting meanwhile waits for it instead of being refused."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                taken = _holder(os.pread(fd, 128, 0).decode(errors="replace"))
                if time.monotonic() >= deadline or not (taken.ending or taken.lost_terminal):
                    os.close(fd)
                    raise taken from None
                if waiting is not None and not told:
                    waiting(taken.holder)
                    told = True
                time.sleep(0.05)
        self._line = f"{os.getpid()} tty={terminal_of(os.getpid()) or 0}"
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{self._line}{' ' + ENDING if brief else ''}\n".encode(), 0)
        self._fd = fd

    def mark_ending(self) -> None:
        """Say that this host is ending: a kiosk started now waits for the lock. Safe from any
        thread (one system call)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.pwrite(self._fd, f"{self._line} {ENDING}\n".encode(), 0)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None


def _holder(text: str) -> Taken:
    """What a lock file says of its holder; a terminal it had and has no more counts as lost
    (a holder that never had one, under systemd or a test, is a host like any other)."""
    words = text.split()
    holder = words[0] if words else "?"
    had = next((w.removeprefix("tty=") for w in words[1:] if w.startswith("tty=")), "0")
    lost = had not in ("", "0") and terminal_of(holder) == 0
    return Taken(holder, ENDING in words[1:], lost)
