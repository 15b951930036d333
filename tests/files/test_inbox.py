"""The host's actions from elsewhere on their way to the host (files/inbox.py), this server as
the host for a moment when no host kiosk runs (KioskFiles.steer_alone), and the token."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from conftest import at, leercafe
from kiosk.core.actions import Action
from kiosk.core.remote import Remote
from kiosk.core.settings import Settings
from kiosk.files import inbox, statefile
from kiosk.files.control_token import TokenError, load_or_make, token_path
from kiosk.files.service import KioskFiles


def _files(tmp_path: Path, programme_file: Path) -> KioskFiles:
    return KioskFiles(Settings(programme_path=programme_file, state_path=tmp_path / "live.json"))


# -- the inbox ----------------------------------------------------------------------------------


def test_actions_are_taken_once_in_the_order_they_were_sent(tmp_path: Path) -> None:
    state = tmp_path / "live.json"
    sent = [Remote(Action.NEXT), Remote(Action.ANNOUNCE, "Koffie"), Remote(Action.LATER)]
    for remote in sent:
        inbox.send(state, remote)
    assert inbox.take(state) == sent
    assert inbox.take(state) == []  # each once


def test_an_entry_is_either_taken_or_withdrawn_never_both(tmp_path: Path) -> None:
    state = tmp_path / "live.json"
    entry = inbox.send(state, Remote(Action.NEXT))
    assert inbox.take(state) == [Remote(Action.NEXT)]
    assert not inbox.withdraw(entry)  # the host had it: the sender knows it was applied
    entry = inbox.send(state, Remote(Action.BLANK))
    assert inbox.withdraw(entry)  # nobody took it: it is not applied later
    assert inbox.take(state) == []


def test_the_inbox_is_this_users_alone(tmp_path: Path) -> None:
    state = tmp_path / "live.json"
    inbox.send(state, Remote(Action.NEXT))
    box = inbox.folder(state)
    assert box.stat().st_mode & 0o777 == 0o700
    box.chmod(0o777)  # anyone may write in it now: what is in it steers nothing
    assert inbox.take(state) == []
    with pytest.raises(inbox.NotOurs):
        inbox.send(state, Remote(Action.NEXT))


def test_an_old_or_unreadable_entry_is_dropped(tmp_path: Path) -> None:
    state = tmp_path / "live.json"
    entry = inbox.send(state, Remote(Action.NEXT))
    data = json.loads(entry.read_text())
    entry.write_text(json.dumps({**data, "sent": time.time() - inbox.STALE - 1}))
    (inbox.folder(state) / "00000000000000000001-1-1.json").write_text("{not json")
    inbox.send(state, Remote(Action.LATER))
    assert inbox.take(state) == [Remote(Action.LATER)]  # a sender that died long ago: no jump
    assert list(inbox.folder(state).iterdir()) == []


def test_a_taker_and_withdrawers_racing_apply_each_entry_at_most_once(tmp_path: Path) -> None:
    state = tmp_path / "live.json"
    entries = [inbox.send(state, Remote(Action.NEXT)) for _ in range(200)]
    taken: list[Remote] = []
    takers = [threading.Thread(target=lambda: taken.extend(inbox.take(state))) for _ in range(3)]
    for thread in takers:
        thread.start()
    withdrawn = [inbox.withdraw(entry) for entry in entries]
    for thread in takers:
        thread.join()
    assert len(taken) + sum(withdrawn) == len(entries)


# -- this server as the host for a moment -------------------------------------------------------


def test_with_no_host_kiosk_the_server_applies_the_actions_and_logs_them(
    tmp_path: Path, programme_file: Path
) -> None:
    files, state = _files(tmp_path, programme_file), tmp_path / "live.json"
    inbox.send(state, Remote(Action.NEXT))
    inbox.send(state, Remote(Action.ANNOUNCE, "Koffie staat klaar"))
    assert files.steer_alone(leercafe(), at("14:05"))
    live = statefile.read(state, leercafe())
    assert live.state.item_id == "onderzoek-opbouwwerk-de-schoor"
    assert live.state.announcement == "Koffie staat klaar"
    assert len(live.history) == 2  # undo goes back through both, as after two keys
    log, _ = statefile.read_log(statefile.log_path(state))
    assert [e.action for e in log] == ["next", "announce"]
    host = statefile.HostLock(state)
    host.acquire()  # it held the lock only for that moment: a host kiosk can start
    host.release()


def test_with_a_host_kiosk_the_server_leaves_the_actions_to_it(
    tmp_path: Path, programme_file: Path
) -> None:
    files, state = _files(tmp_path, programme_file), tmp_path / "live.json"
    host = statefile.HostLock(state)
    host.acquire()
    try:
        inbox.send(state, Remote(Action.NEXT))
        assert not files.steer_alone(leercafe(), at("14:05"))
        assert not state.exists()
        assert inbox.take(state) == [Remote(Action.NEXT)]  # the host's scan takes it
    finally:
        host.release()


def test_a_host_kiosk_starting_meanwhile_waits_for_the_server_instead_of_being_refused(
    tmp_path: Path,
) -> None:
    state = tmp_path / "live.json"
    brief = statefile.HostLock(state)
    brief.acquire(brief=True)
    threading.Timer(0.3, brief.release).start()
    told: list[str] = []
    host = statefile.HostLock(state)
    host.acquire(wait=5, waiting=told.append)  # as kiosk run does: not refused
    host.release()
    assert told == [str(os.getpid())]


# -- the token ----------------------------------------------------------------------------------


def test_the_token_is_made_once_for_its_user_alone(tmp_path: Path) -> None:
    path = token_path(tmp_path / "programme.state.json")
    assert path == tmp_path / "programme.state.token"
    token, made = load_or_make(path)
    assert made and len(token) >= 32
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_or_make(path) == (token, False)


def test_a_rehearsal_shares_the_days_token(tmp_path: Path) -> None:
    day = token_path(statefile.default_path(tmp_path / "programme.yaml"))
    rehearsal = token_path(statefile.default_path(tmp_path / "programme.yaml", rehearsal=True))
    assert day == rehearsal == tmp_path / "programme.state.token"


def test_a_token_others_can_read_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "programme.state.token"
    load_or_make(path)
    path.chmod(0o644)
    with pytest.raises(TokenError, match=r"can be read by others .*chmod 600"):
        load_or_make(path)
    path.chmod(0o600)
    path.write_text("short\n")
    with pytest.raises(TokenError, match="no usable token; remove it"):
        load_or_make(path)


def test_a_host_kiosk_that_is_ending_leaves_the_actions_to_the_next_holder(
    tmp_path: Path, programme_file: Path
) -> None:
    """Once a host kiosk has decided to end it takes no more: what it took could be lost in
    its exit. The server, or the next host kiosk, applies them once the lock is free."""
    state = tmp_path / "live.json"
    host = _files(tmp_path, programme_file)
    host.take_host_lock(print)

    class Ending:
        ending = True

    inbox.send(state, Remote(Action.NEXT))
    host.lifetime = Ending()  # type: ignore[assignment]
    assert host.look(leercafe()).remote == ()
    server = _files(tmp_path, programme_file)
    assert not server.steer_alone(leercafe(), at("14:05"))  # still the host's
    host.release_host_lock()
    assert server.steer_alone(leercafe(), at("14:05"))
    assert statefile.read(state, leercafe()).state.item_id == "onderzoek-opbouwwerk-de-schoor"


def test_a_host_kiosk_takes_the_actions_in_its_look_at_the_files(
    tmp_path: Path, programme_file: Path
) -> None:
    state = tmp_path / "live.json"
    follower = KioskFiles(Settings(programme_path=programme_file, state_path=state, follow=True))
    host = _files(tmp_path, programme_file)
    inbox.send(state, Remote(Action.NEXT))
    assert host.look(leercafe()).remote == ()  # without the lock: not the host
    host.take_host_lock(print)
    try:
        assert follower.look(leercafe()).remote == ()  # a follower never takes them
        assert host.look(leercafe()).remote == (Remote(Action.NEXT),)
        assert host.look(leercafe()).remote == ()
    finally:
        host.release_host_lock()
