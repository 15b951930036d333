"""The last line of defence (files/lifetime.py) and the host's lock while a kiosk ends: once a
kiosk has decided to end it is gone within its grace whatever its screen does, and a kiosk
started meanwhile waits for it rather than being refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import PROGRAMME
from kiosk.cli import main
from kiosk.files import lifetime, statefile

STUCK = """
import sys, threading
from pathlib import Path
from kiosk.files.lifetime import Lifetime

folder = Path(sys.argv[1])
life = Lifetime(grace=0.3)
life.install_signals()
if sys.argv[2] == "serve":
    # a screen that was asked to end and never does: the watchdog must end the process
    life.serve(lambda: (folder / "asked").write_text("yes"),
               lambda: (folder / "last").write_text("written"))
print("ready", flush=True)
threading.Event().wait()  # the main thread stuck for good
"""


def stuck(tmp_path: Path, serve: bool) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", STUCK, str(tmp_path), "serve" if serve else "start-up"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


def test_a_kiosk_whose_exit_sticks_is_ended_after_the_last_write(tmp_path):
    process = stuck(tmp_path, serve=True)
    process.terminate()  # SIGTERM: the end is decided
    assert process.wait(timeout=10) == 0  # a stop asked for is a clean end, even forced
    assert (tmp_path / "asked").read_text() == "yes"  # the orderly exit was asked for first
    assert (tmp_path / "last").read_text() == "written"  # and the state flushed before the end


def test_a_signal_during_start_up_ends_the_kiosk_at_once(tmp_path):
    process = stuck(tmp_path, serve=False)
    process.send_signal(signal.SIGHUP)
    assert process.wait(timeout=10) == 0
    assert not (tmp_path / "last").exists()  # nothing the host did yet: nothing to write


def test_a_kiosk_that_is_ending_is_waited_for(tmp_path):
    path = tmp_path / "programme.state.json"
    first = statefile.HostLock(path)
    first.acquire()
    first.mark_ending()
    told: list[str] = []
    threading.Timer(0.3, first.release).start()  # it ends a moment later
    second = statefile.HostLock(path)
    second.acquire(wait=5, waiting=told.append)
    second.release()
    assert told == [str(os.getpid())]  # said once who it waited for


def test_a_host_that_is_not_ending_is_refused_without_waiting(tmp_path):
    path = tmp_path / "programme.state.json"
    first = statefile.HostLock(path)
    first.acquire()
    told: list[str] = []
    try:
        with pytest.raises(statefile.Taken) as info:
            statefile.HostLock(path).acquire(wait=5, waiting=told.append)
    finally:
        first.release()
    assert told == [] and not info.value.ending and not info.value.lost_terminal


def holder_without_its_terminal(tmp_path: Path) -> subprocess.Popen[str]:
    """A kiosk that took the lock in a terminal that has since closed (a session without one,
    whose lock file says it had one) and that does not end."""
    code = (
        "import sys, time; from pathlib import Path; from kiosk.files import statefile;"
        "lock = statefile.HostLock(Path(sys.argv[1])); lock.acquire();"
        "import os; os.pwrite(lock._fd, f'{os.getpid()} tty=34817\\n'.encode(), 0);"
        "print('ready', flush=True); time.sleep(60)"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path / "programme.state.json")],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # no controlling terminal
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


def test_a_host_that_lost_its_terminal_and_does_not_end_is_named_with_what_to_do(
    tmp_path, monkeypatch, capsys
):
    programme = tmp_path / "programme.yaml"
    programme.write_bytes(PROGRAMME.read_bytes())
    holder = holder_without_its_terminal(tmp_path)
    monkeypatch.setattr(lifetime, "GRACE", 0.3)  # waited for as long as an end may take
    try:
        assert main(["run", str(programme)]) == 2
    finally:
        holder.kill()
        holder.wait()
        import gc

        gc.enable()  # kiosk run holds collection off until its first frame, which never came
    err = capsys.readouterr().err
    assert f"waiting for the kiosk that is ending (pid {holder.pid})" in err
    assert f"held by a kiosk (pid {holder.pid}) that has no terminal any more" in err
    assert f"kill {holder.pid}" in err and f"kill -9 {holder.pid}" in err
