"""Textual's Linux driver, for a kiosk whose terminal can go at any moment.

Worked around in Textual 8.2.8 (a closed terminal left the kiosk running for good, holding the
host's lock):
- The driver handles SIGTSTP and SIGCONT so that ctrl+z can suspend an app. When a terminal
  closes, the kernel sends SIGHUP *and* SIGCONT; the SIGCONT handler then starts application
  mode again on the dying terminal: a second writer thread, the first one forgotten. A kiosk is
  never suspended, so neither signal is handled here.
- The writer thread dies on the first write that fails (EIO once the terminal has gone). Its
  queue then fills, and the next write, the exit's included, waits on it for ever. Here a write
  that fails says the terminal is gone, and the writer goes on taking (and dropping) what is
  written until it is stopped.
- Reading a terminal that has hung up gives end-of-file at once, which the input thread does
  not treat as the end: `terminal_gone` is there for the app's poll to ask."""

from __future__ import annotations

import contextlib
import errno
import signal
import termios
from collections.abc import Callable
from typing import IO, Any

from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver


class TerminalWriter(WriterThread):
    """Textual's writer thread that outlives its terminal: a failed write calls `gone` once,
    and everything after it is dropped, so no writer ever waits on a full queue."""

    def __init__(self, file: IO[str], gone: Callable[[], None]) -> None:
        super().__init__(file)
        self._gone = gone

    def run(self) -> None:
        try:
            super().run()
        except (OSError, ValueError):  # EIO, EPIPE; ValueError: the file was closed
            self._gone()
            while self._queue.get() is not None:  # until stop(): nothing waits on a full queue
                pass


class KioskDriver(LinuxDriver):
    """The driver of a kiosk in a real terminal; `on_gone` is told when that terminal goes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gone = False
        self.on_gone: Callable[[], None] = lambda: None  # set by the app once it runs
        signal.signal(signal.SIGTSTP, signal.SIG_IGN)  # never suspended: no ctrl+z
        signal.signal(signal.SIGCONT, signal.SIG_DFL)

    # The base class makes its writer in start_application_mode and keeps it here: the kiosk's
    # own writer takes its place before it is started.
    @property
    def _writer_thread(self) -> WriterThread | None:
        return self.__dict__.get("_kiosk_writer")

    @_writer_thread.setter
    def _writer_thread(self, writer: WriterThread | None) -> None:
        if writer is not None and not isinstance(writer, TerminalWriter):
            writer = TerminalWriter(writer._file, self._terminal_gone)
        self.__dict__["_kiosk_writer"] = writer

    def _terminal_gone(self) -> None:
        self.gone = True
        self.on_gone()

    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        except OSError:  # EIO while reading: the terminal has gone
            self._terminal_gone()

    def terminal_gone(self) -> bool:
        """Whether the terminal has hung up (asked off the event loop: a system call)."""
        if self.gone:
            return True
        try:
            termios.tcgetattr(self.fileno)
        except termios.error as exc:
            return bool(exc.args) and exc.args[0] in (errno.EIO, errno.EBADF, errno.ENXIO)
        return False

    def stop_application_mode(self) -> None:
        with contextlib.suppress(OSError, termios.error):  # a terminal gone has nothing to restore
            super().stop_application_mode()
