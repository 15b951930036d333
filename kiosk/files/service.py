"""A kiosk's files and process around its screen: it looks at the programme and live state
files, writes the live state and the day's log, holds the host lock on the state file, and ends
its process through files/lifetime.py. One per kiosk, shared by the app, `kiosk run` and the
tests; the screen drives it and is told what it found."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.live import Live, reconcile
from kiosk.core.logbook import START, Logged
from kiosk.core.model import Programme
from kiosk.core.problems import Problem, ProgrammeError
from kiosk.core.settings import Settings
from kiosk.files import statefile
from kiosk.files.loader import load
from kiosk.files.watch import Watch

if TYPE_CHECKING:
    from kiosk.core.remote import Remote
    from kiosk.files.lifetime import Lifetime


class Start(NamedTuple):
    """The live state a (re)start resumes from, and what the host is to be told of it."""

    live: Live
    aside: str | None  # a damaged state file: where it was kept aside
    gone: str | None  # the part the state named that the programme no longer has


class Looked(NamedTuple):
    """What one look at the files found."""

    programme: Programme | None = None  # a settled, valid save
    refused: Problem | None = None  # a settled save with a mistake: the last good one stays
    state: Live | None = None  # a follower's new read of the host's live state
    parent_gone: bool = False  # a served follower's server is gone
    remote: tuple[Remote, ...] = ()  # the host's actions from elsewhere, to apply in order


class NotHost(Exception):
    """Another kiosk is the host of this state file; the message says what to do."""


class KioskFiles:
    """Looks and writes are made from threads, off the screen's event loop; the screen sets
    `live` to the host's newest live state, which the next write puts on disk."""

    def __init__(self, settings: Settings, lifetime: Lifetime | None = None) -> None:
        self.settings = settings
        # the process's end, signals and watchdog (kiosk run); in tests the app alone
        self.lifetime = lifetime
        self.server_pid = os.getppid()  # a served follower ends with its server
        self.live = Live()  # the host's newest live state
        self._programme_watch = Watch(settings.programme_path)
        self._state_watch = Watch(settings.state_path, settle=False)
        self._lock: statefile.HostLock | None = None
        self._orderly: Callable[[], None] | None = None  # the screen's exit, once it runs
        self._writing = threading.Lock()  # one state write at a time, the newest last
        self._writing_log = threading.Lock()
        self._to_log: list[Logged] = []  # host actions for the log, not yet on disk
        self._written: Live | None = None

    # -- the host lock and the process's end -----------------------------------------------

    def take_host_lock(self, say: Callable[[str], None]) -> None:
        """One host per state file: refuse a second (NotHost), and clear what a cut-short
        write left. `say` is told a line while this waits for a kiosk that is ending, or when
        the folder cannot be locked (the screen then says so for the state)."""
        from kiosk.files import lifetime

        path = self.settings.state_path
        lock = statefile.HostLock(path)

        def waiting(holder: str) -> None:
            say(f"waiting for the kiosk that is ending (pid {holder})")

        try:
            # one that is ending is gone within GRACE
            lock.acquire(wait=lifetime.GRACE, waiting=waiting)
        except statefile.Taken as exc:
            if exc.lost_terminal:  # its terminal closed, and it did not end
                raise NotHost(
                    f"{path} is held by a kiosk (pid {exc.holder}) that has no terminal any more"
                    f" and does not end; stop it with: kill {exc.holder} (if it stays: kill -9"
                    f" {exc.holder}), then start this one again"
                ) from None
            raise NotHost(
                f"{path} already has a host (kiosk, pid {exc.holder}); to show what it shows on"
                " this screen too, start this one with --follow"
            ) from None
        except OSError as exc:
            say(f"cannot lock {path}: {exc.strerror}")
            return
        statefile.clean_up(path)
        self._lock = lock

    def release_host_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()

    def take_signals(self) -> None:
        """Until this SIGTERM and SIGHUP end the process as they do any (nothing to save, the
        terminal not yet taken); from here they end the kiosk within its grace, at any moment
        (call from the main thread)."""
        from kiosk.files.lifetime import Lifetime

        self.lifetime = Lifetime()
        self.lifetime.install_signals()
        if self._lock is not None:
            self.lifetime.when_ending(self._lock.mark_ending)  # a kiosk started now waits

    def serve(self, orderly: Callable[[], None], loop: asyncio.AbstractEventLoop) -> None:
        """The screen runs on `loop`: `orderly` ends it there, whichever thread decided; the
        watchdog's last word is `last_write`."""

        def soon() -> None:
            loop.call_soon_threadsafe(orderly)

        self._orderly = soon
        if self.lifetime is not None:
            self.lifetime.serve(soon, self.last_write)

    def end(self) -> None:
        """Decide to end (from any thread): with a lifetime, the orderly exit is asked for and
        the process ends if it sticks; without (the app alone, in tests), the orderly exit once
        the screen runs."""
        if self.lifetime is not None:
            self.lifetime.end(0)
        elif self._orderly is not None:
            self._orderly()

    def started(self) -> None:
        """Once drawn: if `kiosk run` held garbage collection off for the start-up, collect
        once, set what start-up built aside from later collections (it lives as long as the
        kiosk, so they need not scan it again) and turn collection back on."""
        if not gc.isenabled():
            gc.collect()
            gc.freeze()
            gc.enable()

    # -- reading -------------------------------------------------------------------------------

    def start(self, programme: Programme, now: datetime) -> Start:
        """The live state a (re)start resumes from, read before the screen is drawn; a
        damaged file is kept aside (by the host: a follower leaves it to the host)."""
        follow, path = self.settings.follow, self.settings.state_path
        aside = None
        try:
            live = statefile.read(path, programme, keep_aside=not follow)
        except statefile.DamagedState as exc:
            live = Live()
            aside = str(exc.aside) if exc.aside else str(path)
        live, gone = reconcile(live, programme)
        if (aside is not None or gone) and not follow:  # the log starts again from here
            self.log(Logged(now, START, live.state))
        self.live = self._written = live  # what the file holds (a gone item's id is kept)
        return Start(live, aside, gone)

    def look(self, programme: Programme) -> Looked:
        """Look at the files (in a thread: a 10,000-item programme takes a while to read);
        `programme` is the one on screen, which a follower's live state is read against."""
        loaded, refused, state = None, None, None
        if self._programme_watch.poll():
            try:
                with _collection_held():
                    loaded = load(self.settings.programme_path)
            except ProgrammeError as exc:
                refused = exc.first
        # kill -9 of the server, where no signal told us
        parent_gone = self.settings.served and os.getppid() != self.server_pid
        if self.settings.follow and self._state_watch.poll():
            try:
                state = statefile.read(self.settings.state_path, programme, keep_aside=False)
            except statefile.DamagedState:
                state = Live()  # the host's kiosk deals with it; this screen follows the clock
        remote: tuple[Remote, ...] = ()
        # the host lock's holder takes them; once ending, the next holder does
        if self._lock is not None and not (self.lifetime is not None and self.lifetime.ending):
            from kiosk.files import inbox  # the first look comes after the first frame

            remote = tuple(inbox.take(self.settings.state_path))
        return Looked(loaded, refused, state, parent_gone, remote)

    def steer_alone(self, programme: Programme, now: datetime) -> bool:
        """`kiosk serve --control` while no host kiosk runs: take the host lock for a moment
        (marked as ending: a host kiosk that starts now waits for it), apply what the inbox
        holds as the host's kiosk would, write the state and log, and let go. False when a
        host kiosk holds the lock: it applies them itself."""
        from kiosk.core.remote import steer
        from kiosk.files import inbox

        lock = statefile.HostLock(self.settings.state_path)
        try:
            lock.acquire(brief=True)
        except statefile.Taken:
            return False
        try:
            statefile.clean_up(self.settings.state_path)
            live = self.start(programme, now).live
            for remote in inbox.take(self.settings.state_path):
                after = steer(live, programme, remote, now)
                if after.state != live.state:
                    self.log(Logged(now, remote.action, after.state))
                live = after
            self.live = live
            with self._writing:
                self._write_newest()
        finally:
            lock.release()
        return True

    # -- writing -------------------------------------------------------------------------------

    @property
    def unwritten(self) -> bool:
        """The host's newest live state is not on disk yet."""
        return self.live is not self._written

    def log(self, logged: Logged) -> None:
        """A change of the host's live state for the day's log (kiosk report), written with
        the next state."""
        if not self.settings.follow:
            with self._writing_log:
                self._to_log.append(logged)

    def write(self, written: Callable[[str], object]) -> None:
        """Write the newest live state, then the log's new lines: whichever of several
        writes runs last writes the newest state; each line is written once, in order.
        `written` is told, in the order of the writes, '' or why the file cannot be written."""
        with self._writing:
            try:
                self._write_newest()
            except OSError as exc:
                written(str(exc.strerror or exc))
                return
            written("")

    def last_write(self) -> None:
        """The watchdog's last word before it ends a kiosk that did not exit in time: the
        newest live state and log on disk, unless a write that holds them is stuck."""
        if self.settings.follow or not self._writing.acquire(timeout=1):
            return
        try:
            self._write_newest()
        finally:
            self._writing.release()

    def _write_newest(self) -> None:
        """The newest live state, then the log's new lines (holding `_writing`)."""
        live = self.live
        if live is not self._written:
            statefile.write(self.settings.state_path, live, self._state_mode())
        self._write_log()
        self._written = live

    def _write_log(self) -> None:
        with self._writing_log:
            entries, self._to_log = self._to_log, []
        try:
            log = statefile.log_path(self.settings.state_path)
            statefile.append_log(log, entries, self._state_mode())
        except OSError:
            with self._writing_log:  # the next write tries them again, in order
                self._to_log[:0] = entries
            raise

    def _state_mode(self) -> int:
        """The programme file's permissions for the state file (organisers and followers of
        another user can read it); 0644 when they cannot be read."""
        try:
            return (self.settings.programme_path.stat().st_mode & 0o666) | 0o444
        except OSError:
            return 0o644


@contextmanager
def _collection_held() -> Iterator[None]:
    """Python's garbage collection held off while a programme is read. Reading 10,000 items
    makes so many objects that collections run on the way, each walking every object the kiosk
    holds with the interpreter to itself (50 to 90 ms at a time): the screen's keys waited for
    them. What a read leaves behind is collected after it, as usual."""
    held = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if held:
            gc.enable()
