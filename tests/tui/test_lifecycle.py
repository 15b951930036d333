"""A kiosk's end, at any moment: its terminal closed (the pty's other side gone, as when a
window or an ssh session is closed), SIGTERM (systemd) or SIGHUP, from the first frame on and
during a burst of keys. Each kiosk is gone within 2 s with a valid state file, and a kiosk
started right after in the same folder starts (no 'already has a host') where the host was.

Kiosks run a few at a time (each waits on its own moment, which costs no CPU), so the 46
ends take half a minute and not four."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROGRAMME, InTerminal
from kiosk.files import statefile

pytestmark = pytest.mark.slow  # kiosks in ptys, ended at 46 moments

GONE_WITHIN = 2.0  # seconds from the terminal's close or the signal to the process gone
AT_ONCE = 4  # kiosks alive at one time
BURST = b"n+p-n+p-"  # host keys that move the timeline: every one a state write
HOST_MARK = b"host \xc2\xb7"  # the mark of a host who steers ('host · -17 min'); else 'klok'


def moments(count: int) -> list[float]:
    """`count` moments from 0 to 3 s after the first frame."""
    return [round(3 * n / (count - 1), 2) for n in range(count)]


@dataclass
class Ended:
    moment: float
    burst: bool  # keys were pressed all along
    seconds: float | None  # from the end's cause to the process gone; None: it still runs
    host_drawn: bool  # the screen said a host's 'begint nu' before the end
    state: str | None  # the state file after the end, as on disk
    restart: bytes | None  # what the kiosk started right after drew (every other life)


def drawn(kiosk: InTerminal) -> bool:
    """The screen's last line has been drawn (its mark: 'klok' or 'host'), or a refusal."""
    return any(word in kiosk.output for word in (b"klok", HOST_MARK, b"kiosk:"))


def end(kiosk: InTerminal, how: str) -> float | None:
    """End the kiosk as `how` says; the seconds until it was gone (None: not gone in time)."""
    begun = time.monotonic()
    if how == "close":
        os.close(kiosk.master)  # the terminal's window goes: its side of the pty with it
        kiosk.master = os.open(os.devnull, os.O_RDWR)  # for close() to have something to close
    else:
        kiosk.process.send_signal(getattr(signal, how))
    deadline = begun + GONE_WITHIN + 3  # waited out a little past, to say by how much
    while time.monotonic() < deadline:
        if kiosk.process.poll() is not None:
            return time.monotonic() - begun
        if how == "close":
            time.sleep(0.01)  # nothing to read: the terminal has gone
        else:
            kiosk.read_until(lambda: kiosk.process.poll() is not None, 0.05)
    return None


def one_life(folder: Path, how: str, moment: float, burst: bool, restart: bool) -> Ended:
    """A kiosk that ends `moment` s after its first frame, then maybe one started right after."""
    folder.mkdir()
    programme = folder / "programme.yaml"
    programme.write_bytes(PROGRAMME.read_bytes())
    state = folder / "programme.rehearsal.state.json"  # --at: a rehearsal has its own
    args = [str(programme), "--at", "14:05"]
    own = how != "close-no-hangup"
    kiosk = InTerminal(args, folder, own=own)
    try:
        kiosk.read_until(lambda: drawn(kiosk))
        assert b"Opening en welkom" in kiosk.output, kiosk.output[-400:]
        kiosk.type(b"n")  # the host starts the next part
        until = time.monotonic() + moment
        while time.monotonic() < until:
            if burst:
                kiosk.type(BURST)
            kiosk.read_until(lambda: False, min(0.05, max(0.0, until - time.monotonic())))
        host_drawn = b"begint nu" in kiosk.output
        seconds = end(kiosk, how.removesuffix("-no-hangup"))
    finally:
        kiosk.close()
    written = state.read_text(encoding="utf-8") if state.exists() else None
    again_drew = None
    if restart:
        again = InTerminal(args, folder, own=own)
        try:
            again.read_until(lambda: drawn(again))
            again_drew = again.output
            end(again, "SIGTERM")
        finally:
            again.close()
    return Ended(moment, burst, seconds, host_drawn, written, again_drew)


def lives(tmp_path: Path, how: str, count: int) -> list[Ended]:
    """`count` kiosks ended as `how` says, every other one during a burst of keys and
    restarted right after."""
    with ThreadPoolExecutor(AT_ONCE) as pool:
        return list(
            pool.map(
                lambda n: one_life(
                    tmp_path / f"k{n}", how, moments(count)[n], n % 2 == 1, n % 2 == 0
                ),
                range(count),
            )
        )


@pytest.mark.parametrize(
    ("how", "count"),
    [("close", 12), ("close-no-hangup", 4), ("SIGTERM", 6), ("SIGHUP", 6)],
    ids=["terminal-closed", "terminal-closed-without-a-hangup", "SIGTERM", "SIGHUP"],
)
def test_a_kiosk_ends_at_any_moment_and_a_restart_finds_the_hosts_place(tmp_path, how, count):
    ended = lives(tmp_path, how, count)
    still = [e.moment for e in ended if e.seconds is None or e.seconds > GONE_WITHIN]
    assert not still, f"still running {GONE_WITHIN} s after the end, at these moments: {still}"
    for e in ended:
        live = statefile.parse(e.state) if e.state is not None else None  # valid, or raises
        if e.host_drawn and not e.burst:
            # what the room saw is on disk: the part the host started
            assert live is not None and live.state.mode == "host", e.moment
            assert live.state.item_id == "onderzoek-opbouwwerk-de-schoor", e.moment
        if e.restart is not None:
            assert b"kiosk:" not in e.restart, e.restart  # not refused: it started
            hosted = live is not None and live.state.mode == "host"
            # the restart shows the host's place: its mark says who steers, as the file does
            assert (HOST_MARK in e.restart) == hosted, e.moment
            assert (b"klok" in e.restart) == (not hosted), e.moment


def test_a_kiosk_started_while_the_last_one_ends_waits_for_it_and_starts(tmp_path):
    """systemd's restart, or a host who starts the kiosk again at once: the first is told to
    end and the second starts in the same breath; it waits for the first, then shows the
    host's place."""
    programme = tmp_path / "programme.yaml"
    programme.write_bytes(PROGRAMME.read_bytes())
    args = [str(programme), "--at", "14:05"]
    first = InTerminal(args, tmp_path)
    try:
        first.read_until(lambda: drawn(first))
        first.type(b"n")
        first.read_until(lambda: b"begint nu" in first.output)
        first.process.send_signal(signal.SIGTERM)
        second = InTerminal(args, tmp_path)
        try:
            second.read_until(lambda: drawn(second))
            assert b"already has a host" not in second.output
            assert HOST_MARK in second.output  # the host's place, as the first left it
        finally:
            second.close()
        assert first.process.wait(timeout=GONE_WITHIN) == 0
    finally:
        first.close()
