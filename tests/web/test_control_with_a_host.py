"""kiosk serve --control beside a real keyboard host: `kiosk run` in a terminal of its own
holds the host lock; keys typed there and actions sent to the server go into one log, in
order, each once."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest
from serve_helpers import serve_kiosk

from conftest import PROGRAMME, InTerminal
from kiosk.files import statefile
from kiosk.files.loader import load

pytestmark = pytest.mark.slow


def post(url: str, token: str, body: dict[str, object]) -> dict[str, object]:
    request = urllib.request.Request(
        f"{url}api/act",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, object] = json.loads(response.read())
    return answer


def logged(state: Path) -> list[str]:
    entries, _ = statefile.read_log(statefile.log_path(state))
    return [e.action for e in entries]


def test_keys_in_the_hosts_terminal_and_actions_over_http_are_one_log(tmp_path: Path) -> None:
    programme = tmp_path / "programme.yaml"
    programme.write_bytes(PROGRAMME.read_bytes())
    state = tmp_path / "live.json"
    host = InTerminal([str(programme), "--at", "14:05", "--state", str(state)], tmp_path)
    try:
        host.read_until(lambda: b"klok" in host.output)
        with serve_kiosk(tmp_path, "--control", "--at", "14:05") as served:
            token = (tmp_path / "live.token").read_text().strip()
            steps: list[tuple[str, str, bytes | dict[str, object]]] = [
                ("key", "next", b"n"),
                ("remote", "later", {"action": "later"}),
                ("key", "later", b"+"),
                ("remote", "next", {"action": "next"}),
                ("key", "earlier", b"-"),
                ("remote", "announce", {"action": "announce", "text": "Koffie staat klaar"}),
                ("key", "undo", b"u"),
                ("remote", "undo", {"action": "undo"}),
                ("remote", "blank", {"action": "blank"}),
                ("key", "blank", b"b"),
            ]
            for n, (by, _, what) in enumerate(steps, start=1):
                if by == "key":
                    assert isinstance(what, bytes)
                    host.type(what)
                else:
                    assert isinstance(what, dict)
                    assert post(served.url, token, what)["applied_by"] == "the host kiosk"
                deadline = time.monotonic() + 10
                while len(logged(state)) < n:  # written, before the next step
                    assert time.monotonic() < deadline, f"step {n} not logged: {logged(state)}"
                    host.read_until(lambda: False, 0.05)
            assert logged(state) == [word for _, word, _ in steps]
            live = statefile.read(state, load(programme))
            # the lecture started by the phone; the key's -5 and the announcement undone, one
            # by the key and one by the phone; blanked by the phone, back by the key
            assert live.state.item_id == "lezing-blik-op-de-gemeenschap"
            assert live.state.shift == 0 and live.state.announcement is None
            assert not live.state.blank
            host.read_until(lambda: b"Lezing Blik op de gemeenschap" in host.output)
            assert b"Lezing Blik op de gemeenschap" in host.output
    finally:
        host.close()
