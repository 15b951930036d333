"""How a kiosk process ends: once it has decided to (ctrl+q and yes, SIGTERM, SIGHUP, its
terminal gone, its server gone), it is gone within GRACE seconds, whatever the screen's
framework does, with the host's last action on disk.

The decision is signal-safe: a byte on a pipe, read by a watchdog thread started up front. So
a main thread stuck anywhere (even waiting on a lock: Python runs signal handlers there) cannot
keep the process alive, and the watchdog, not the signal handler, does the work."""

from __future__ import annotations

import contextlib
import os
import signal
import termios
import threading
from collections.abc import Callable
from typing import Any

GRACE = 5.0  # seconds from the decision to the end, orderly or not
SIGNALS = (signal.SIGTERM, signal.SIGHUP)  # systemd stops with the first; a closed terminal
STDIN, SCREEN = 0, 2  # Textual reads the keys from stdin and draws on stderr
# What a full-screen app switched on, switched off: the kitty keyboard, mouse reporting, pasting,
# focus events; line wrap back on, the main screen and the cursor back
GIVE_BACK = (
    "\x1b[<u\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?1004l"
    "\x1b[?7h\x1b[?1049l\x1b[?25h"
)


class Lifetime:
    """One per process. `end()` decides; what was registered with `when_ending` runs at once
    (in the watchdog's thread), the orderly exit is asked for, and after GRACE seconds
    `last_write` runs and the process ends with os._exit if it has not ended by then."""

    def __init__(self, grace: float = GRACE) -> None:
        self.grace = grace
        self.code = 0
        self._read, self._write = os.pipe()
        self._decided = threading.Event()
        self._ending: list[Callable[[], None]] = []  # run once, at the decision
        self._orderly: Callable[[], None] | None = None
        self._last_write: Callable[[], None] | None = None
        self._guard = threading.Lock()
        self._terminal = _terminal_settings()  # as it was before the screen took it over
        threading.Thread(target=self._watch, name="kiosk-lifetime", daemon=True).start()

    @property
    def ending(self) -> bool:
        return self._decided.is_set()

    def install_signals(self) -> None:
        """SIGTERM and SIGHUP decide the end (call from the main thread)."""
        for sig in SIGNALS:
            signal.signal(sig, self._on_signal)

    def when_ending(self, action: Callable[[], None]) -> None:
        """Run `action` at the decision (in the watchdog's thread: quick, no event loop)."""
        self._ending.append(action)

    def serve(self, orderly: Callable[[], None], last_write: Callable[[], None]) -> None:
        """What runs the orderly exit (thread-safe: it is called from the watchdog), and the
        last write the watchdog makes before it ends the process. An end decided before this
        was called has ended the process already (nothing the host did was to be written)."""
        with self._guard:
            self._orderly, self._last_write = orderly, last_write

    def end(self, code: int = 0) -> None:
        """Decide the end; safe from any thread and from a signal handler. The first decision
        counts; later ones do nothing."""
        if not self._decided.is_set():
            self.code = code
        with contextlib.suppress(OSError):
            os.write(self._write, b"x")

    def _on_signal(self, signum: int, frame: object) -> None:
        self.end(0)  # a stop asked for, as ctrl+q and yes: exit 0

    def _watch(self) -> None:
        os.read(self._read, 1)
        with self._guard:
            self._decided.set()
            orderly, last_write = self._orderly, self._last_write
        for action in self._ending:
            with contextlib.suppress(Exception):
                action()
        if orderly is not None:  # the screen runs: it ends itself, and this waits for it
            with contextlib.suppress(Exception):
                orderly()
            # the orderly exit ends the process before this wakes; if it has not, end it here
            threading.Event().wait(self.grace)
            if last_write is not None:
                with contextlib.suppress(Exception):
                    last_write()
        self._give_back_terminal()
        os._exit(self.code)

    def _give_back_terminal(self) -> None:
        """The terminal as it was, for an end the screen did not finish (its writes may be
        lost on a terminal that has gone, which is then no matter)."""
        if self._terminal is None:
            return
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(STDIN, termios.TCSANOW, self._terminal)
        with contextlib.suppress(OSError):
            os.write(SCREEN, GIVE_BACK.encode())


def _terminal_settings() -> list[Any] | None:
    """The terminal's settings now, when the kiosk runs in one."""
    try:
        return termios.tcgetattr(STDIN) if os.isatty(STDIN) else None
    except (OSError, termios.error):
        return None
