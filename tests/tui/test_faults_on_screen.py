"""Faults as the host meets them: a deleted programme, a state file that cannot be written, a
browser tab's kiosk, and the system stopping the kiosk."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from conftest import PROGRAMME, InTerminal, notices, scan_files, text_of
from kiosk.files import statefile
from kiosk.files.loader import load


async def test_a_deleted_programme_is_said_and_the_last_good_one_stays(kiosk, programme_file):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        programme_file.unlink()
        await scan_files(app, pilot)
        assert text_of(app, "#now-title") == "Opening en welkom"
        problem = text_of(app, "#problem")
        assert problem.startswith(f"{programme_file}: no such file")
        assert "het laatste goede programma blijft staan" in problem
        programme_file.write_bytes(PROGRAMME.read_bytes())  # put back
        await scan_files(app, pilot)
        assert text_of(app, "#problem") == ""


async def test_an_unwritable_state_file_stays_in_the_hosts_view_until_it_works(kiosk, tmp_path):
    blocker = tmp_path / "staat"
    blocker.write_text("a file where the state's folder should be", encoding="utf-8")
    app = kiosk(at="14:05", state=blocker / "programme.state.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await app.flush()
        await pilot.pause()
        assert text_of(app, "#status") == "⚠ status niet bewaard"
        assert sum("kan niet worden geschreven" in n for n in notices(app)) == 1
        await pilot.press("plus")
        await app.flush()
        await pilot.pause()
        assert sum("kan niet worden geschreven" in n for n in notices(app)) == 1, "said once"
        blocker.unlink()  # the folder can be made now
        await scan_files(app, pilot)  # the poll tries again
        await app.flush()
        await pilot.pause()
        assert text_of(app, "#status") == "host · -12 min"  # saved: the mark is back
        saved = statefile.read(blocker / "programme.state.json", app.programme)
        assert saved.state.shift == 5, "the host's place and shift, written at last"


async def test_a_browser_tabs_kiosk_cannot_be_quit(kiosk):
    app = kiosk(at="14:05", served=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert app.is_running and len(app.screen_stack) == 1
        assert text_of(app, "#now-title") == "Opening en welkom"


async def test_a_browser_tabs_kiosk_ends_with_its_server(kiosk):
    app = kiosk(at="14:05", served=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.files.server_pid = -1  # as if the server was killed and the kiosk inherited by init
        await scan_files(app, pilot)
        assert app.return_code == 0 and not app.is_running


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_end_the_kiosk_as_ctrl_q_does(tmp_path: Path, sig):
    """systemd stops the kiosk with SIGTERM: the host's place is on disk, the terminal is
    given back (no alternate screen, no mouse reporting), exit 0."""
    programme = tmp_path / "programme.yaml"
    programme.write_bytes(PROGRAMME.read_bytes())
    kiosk = InTerminal([str(programme), "--at", "14:05"], tmp_path)
    state = tmp_path / "programme.rehearsal.state.json"  # --at: a rehearsal has its own
    try:
        kiosk.read_until(lambda: b"Opening" in kiosk.output)
        kiosk.type(b"n")  # the host starts the next part
        kiosk.read_until(state.exists)
        kiosk.process.send_signal(sig)
        code = kiosk.process.wait(timeout=20)
        kiosk.read_until(lambda: False, 0.5)
    finally:
        kiosk.close()
    out = kiosk.output
    assert code == 0
    tail = out[out.rfind(b"Onderzoek") :]
    assert b"\x1b[?1049l" in tail, "the alternate screen is left"
    assert b"\x1b[?1000l" in tail, "mouse reporting is off"
    assert statefile.read(state, load(programme)).state.mode == "host"


async def test_a_fault_while_scanning_the_files_is_said_and_the_screen_stays(kiosk, monkeypatch):
    app = kiosk(at="14:05")

    def broken() -> None:
        raise RuntimeError("disk on fire")

    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(app, "_scan_files", broken)
        app._poll_timer()  # as the poll timer calls it
        await pilot.pause()
        await app.flush()  # the quit and SIGTERM path waits on the scan: it must not raise
        await pilot.pause()
        assert app.is_running
        assert "disk on fire" in notices(app)
        assert text_of(app, "#now-title") == "Opening en welkom"
