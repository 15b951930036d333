"""The command line: `kiosk check` and `kiosk now`, as an organiser or a script uses them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import at, leercafe
from kiosk.cli import main
from kiosk.core.live import Live, announce, shift, start_item, to_stage
from kiosk.files import statefile

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "programme.yaml"
TOP_KEYS = {
    "at",
    "phase",
    "mode",
    "delay_minutes",
    "overtime_minutes",
    "announcement",
    "stage_message",
    "room",
    "now",
    "next",
    "rooms",
    "round",
    "rounds",
}
ITEM_KEYS = {"id", "title", "by", "kind", "room", "start", "end", "date", "estimated", "sessions"}

BROKEN = """\
event:
  title: Kapot
  date: 2022-11-22
  timezone: Europe/Amsterdam
programme:
  - {start: 13:30, title: Inloop}
  - {start: 25:00, title: Te laat}
  - {start: 15:00}
  - {start: 16:00, title: Borrel, colour: red}
"""


@pytest.fixture
def programme(tmp_path) -> Path:
    """A copy of the Leercafé programme, so no state file lands beside the real one."""
    path = tmp_path / "programme.yaml"
    shutil.copyfile(PROGRAMME, path)
    return path


def written(tmp_path: Path, text: str) -> Path:
    """A programme file with this text, in the test's folder."""
    path = tmp_path / "programme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def now_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, "now", *argv, "--json")
    assert code == 0, err
    assert out.count("\n") == 1, "one JSON object on one line"
    return json.loads(out)


def check_item_shape(item: dict | None) -> None:
    if item is None:
        return
    assert set(item) == ITEM_KEYS
    assert isinstance(item["estimated"], bool)
    assert len(item["start"]) == 5 and item["start"][2] == ":"


# -- check ---------------------------------------------------------------------------------


def test_check_prints_the_resolved_programme(capsys, programme):
    code, out, err = run(capsys, "check", str(programme))
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert "Leercafé Blik op samenlevingsopbouw" in lines[0]
    body = "\n".join(lines[1:])
    assert "13:30" in lines[1] and "Inloop" in lines[1]
    for estimated in ("Onderzoek opbouwwerk De Schoor", "Plenaire afsluiting"):
        line = next(x for x in lines if estimated in x)
        assert "ca. " in line
    line = next(x for x in lines if "Opening en welkom" in x)
    assert "14:00" in line and "ca." not in line
    assert "Borrel" in body and "fixed" in next(x for x in lines if "Borrel" in x)
    assert "18:00" in next(x for x in lines if "Einde" in x)
    assert sum("ca. " in x for x in lines) == 7
    assert "13:30" in lines[-1] and "18:00" in lines[-1]


def test_check_of_a_broken_file_lists_every_error_with_its_line(capsys, tmp_path):
    broken = tmp_path / "kapot.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    code, out, err = run(capsys, "check", str(broken))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 3, err
    for line in lines:
        assert line.startswith(f"{broken}:"), line
        assert "Traceback" not in line
    assert [int(line[len(str(broken)) + 1 :].split(":", 1)[0]) for line in lines] == [7, 8, 9]
    assert "25:00" in lines[0]
    assert "title" in lines[1]
    assert "colour" in lines[2]


def test_check_of_a_missing_file(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(tmp_path / "weg.yaml"))
    assert code == 1
    assert out == ""
    assert err.strip() == f"{tmp_path / 'weg.yaml'}: no such file"


def test_python_dash_m_kiosk_check(programme, tmp_path):
    ok = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", str(programme)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert ok.returncode == 0, ok.stderr
    assert "ca. 14:22" in ok.stdout
    broken = tmp_path / "kapot.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert "Traceback" not in bad.stderr
    assert len(bad.stderr.splitlines()) == 3


# -- now -----------------------------------------------------------------------------------


def test_now_json_during_the_walk_in(capsys, programme):
    data = now_json(capsys, str(programme), "--at", "2022-11-22T13:45")
    assert set(data) == TOP_KEYS
    check_item_shape(data["now"])
    check_item_shape(data["next"])
    assert data["at"] == "2022-11-22T13:45:00+01:00"
    assert (data["phase"], data["mode"], data["delay_minutes"]) == ("during", "clock", 0)
    assert data["announcement"] is None
    assert data["now"] == {
        "id": "inloop",
        "title": "Inloop",
        "by": None,
        "kind": "walk-in",
        "room": None,
        "start": "13:30",
        "end": "14:00",
        "date": "2022-11-22",
        "estimated": False,
        "sessions": [],
    }
    assert data["next"]["title"] == "Opening en welkom"
    assert data["next"]["start"] == "14:00"
    assert data["next"]["by"] == "De Schoor"
    assert data["next"]["estimated"] is False


def test_now_json_marks_estimated_times(capsys, programme):
    data = now_json(capsys, str(programme), "--at", "14:30")
    assert data["now"]["id"] == "onderzoek-opbouwwerk-de-schoor"
    assert (data["now"]["start"], data["now"]["end"]) == ("14:22", "14:45")
    assert data["now"]["estimated"] is True


def test_now_json_the_end_is_next_but_never_now(capsys, programme):
    data = now_json(capsys, str(programme), "--at", "17:30")
    assert data["now"]["id"] == "borrel"
    assert data["next"] == {
        "id": "einde",
        "title": "Einde",
        "by": None,
        "kind": "end",
        "room": None,
        "start": "18:00",
        "end": None,
        "date": "2022-11-22",
        "estimated": False,
        "sessions": [],
    }


def test_now_json_after_the_close(capsys, programme):
    data = now_json(capsys, str(programme), "--at", "18:30")
    assert set(data) == TOP_KEYS
    assert data["phase"] == "after"
    assert data["now"] is None and data["next"] is None
    assert data["at"] == "2022-11-22T18:30:00+01:00"


def test_now_json_before(capsys, programme):
    data = now_json(capsys, str(programme), "--at", "2022-11-21T09:00")
    assert data["phase"] == "before"
    assert data["now"] is None
    assert data["next"]["id"] == "inloop"


def test_now_json_honours_a_host_state_file(capsys, programme, tmp_path):
    p = leercafe()
    live = start_item(Live(), p, 2, at("14:40"))  # Onderzoek, planned ca. 14:22
    live = announce(live, "Koffie staat klaar")
    state = tmp_path / "elders.json"
    statefile.write(state, live)
    data = now_json(capsys, str(programme), "--at", "14:50", "--state", str(state))
    assert data["mode"] == "host"
    assert data["delay_minutes"] == 18
    assert data["announcement"] == "Koffie staat klaar"
    assert data["now"]["id"] == "onderzoek-opbouwwerk-de-schoor"
    assert (data["now"]["start"], data["now"]["end"]) == ("14:40", "15:03")
    assert data["now"]["estimated"] is False, "the host started it: a fact, not an estimate"
    assert data["next"]["id"] == "lezing-blik-op-de-gemeenschap"
    assert data["next"]["start"] == "15:03"
    assert data["next"]["estimated"] is True


def test_now_json_says_how_long_the_hosts_part_runs_over(capsys, programme, tmp_path):
    # the host started the opening at 14:00 and has not moved on: at 14:30 it runs 8 min over
    state = tmp_path / "s.json"
    statefile.write(state, start_item(Live(), leercafe(), 1, at("14:00")))
    data = now_json(capsys, str(programme), "--at", "14:30", "--state", str(state))
    assert data["now"]["id"] == "opening-en-welkom"
    assert (data["delay_minutes"], data["overtime_minutes"]) == (0, 8)
    assert data["next"]["id"] == "onderzoek-opbouwwerk-de-schoor"
    assert data["next"]["start"] == "14:30", "what comes next waits for the host"


EVENING = (
    "event: {title: Buurtavond, date: 2022-11-22, timezone: Europe/Amsterdam, language: en}\n"
    "programme:\n"
    "  - {start: 14:00, end: 17:00, title: Open huis}\n"
    "  - {start: 19:30, title: Show, duration: 90}\n"
    "  - {title: Feest}\n"
)


def test_now_json_in_a_gap_has_nothing_on(capsys, tmp_path):
    path = written(tmp_path, EVENING)
    data = now_json(capsys, str(path), "--at", "18:00")
    assert (data["phase"], data["now"]) == ("during", None)
    assert (data["next"]["title"], data["next"]["start"]) == ("Show", "19:30")
    late = now_json(capsys, str(path), "--at", "2022-11-23T01:30")
    assert late["now"]["title"] == "Feest" and late["now"]["end"] is None  # an open end


def test_check_shows_gaps_and_open_ends(capsys, tmp_path):
    path = written(tmp_path, EVENING)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[2].split() == ["17:00", "(nothing", "on", "until", "19:30)"]
    assert lines[4].split()[-2:] == ["(open", "end)"]
    assert lines[-1] == "3 items, from 14:00; the last has an open end."


def test_now_reads_the_state_file_beside_the_programme_by_default(capsys, programme):
    live = shift(start_item(Live(), leercafe(), 3, at("14:55")), 5, at("14:56"))
    statefile.write(programme.with_name("programme.state.json"), live)
    data = now_json(capsys, str(programme), "--at", "15:00")
    assert (data["mode"], data["delay_minutes"]) == ("host", 15)
    assert data["now"]["start"] == "14:55"


def test_now_with_a_deleted_host_item_follows_the_clock(capsys, programme):
    live = start_item(Live(), leercafe(), 3, at("14:55"))
    statefile.write(programme.with_name("programme.state.json"), live)
    text = programme.read_text(encoding="utf-8").replace(
        "  - title: Lezing Blik op de gemeenschap\n"
        "    by: Marcel Spierts (zelfstandig onderzoeker en publicist)\n",
        "",
    )
    programme.write_text(text, encoding="utf-8")
    data = now_json(capsys, str(programme), "--at", "15:00")
    assert (data["mode"], data["delay_minutes"]) == ("clock", 0)


def test_now_says_the_message_on_the_stage_for_other_programs(capsys, programme):
    state = programme.with_name("programme.state.json")
    assert now_json(capsys, str(programme), "--at", "14:10")["stage_message"] is None
    statefile.write(state, to_stage(Live(), "Nog 5 minuten"))
    assert now_json(capsys, str(programme), "--at", "14:10")["stage_message"] == "Nog 5 minuten"


def test_now_with_a_damaged_state_file(capsys, programme):
    state = programme.with_name("programme.state.json")
    state.write_bytes(b'{"format": "kiosk-live-state", "version": 1, "state": {"mo')
    code, out, err = run(capsys, "now", str(programme), "--at", "14:10", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["mode"], data["now"]["id"]) == ("clock", "opening-en-welkom")
    assert str(state) in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert state.exists(), "`now` only reads: the file stays where it is"
    assert not state.with_name("programme.state.json.damaged").exists()


def test_now_as_text(capsys, programme):
    code, out, err = run(capsys, "now", str(programme), "--at", "14:10")
    assert code == 0 and err == ""
    assert "Nu: Opening en welkom" in out
    assert "nog 12 min" in out
    assert "Hierna: Onderzoek opbouwwerk De Schoor" in out
    assert "om ca. 14:22" in out


@pytest.mark.parametrize("bad", ["25:99", "gisteren", "2022-13-45T10:00", ""])
def test_a_bad_at_is_one_line_without_a_traceback(capsys, programme, bad):
    code, out, err = run(capsys, "now", str(programme), "--at", bad, "--json")
    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--at" in err
    assert "Traceback" not in err


def test_a_bad_at_in_a_real_process(programme, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "now", str(programme), "--at", "half drie"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_now_of_a_broken_programme_names_the_lines(capsys, tmp_path):
    broken = tmp_path / "kapot.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    code, out, err = run(capsys, "now", str(broken), "--at", "14:00", "--json")
    assert code == 1
    assert out == ""
    assert all(line.startswith(f"{broken}:") for line in err.splitlines())


HOSTILE = (
    'event: {title: "Evil \\e]0;pwned\\a", date: 2022-11-22, timezone: Europe/Amsterdam}\n'
    "programme:\n"
    '  - {start: 13:30, title: "Inloop\\nmet koffie", by: "\\e]52;c;cHduZWQ=\\a De Schoor"}\n'
    '  - {start: 14:00, title: "\\e[2JRood\\x9b2J", kind: end}\n'
)


def test_check_and_now_print_no_terminal_codes(capsys, tmp_path):
    path = written(tmp_path, HOSTILE)
    for argv in (["check", str(path)], ["now", str(path), "--at", "13:40"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert not [c for c in out if c not in "\n" and not c.isprintable()], repr(out)
        assert "Inloop met koffie" in out and "pwned" not in out
    data = now_json(capsys, str(path), "--at", "13:40")
    assert data["now"]["title"] == "Inloop\nmet koffie", "JSON keeps the text as written"
    _, raw, _ = run(capsys, "now", str(path), "--at", "13:40", "--json")
    assert "\x1b" not in raw and "\x9b" not in raw, "escaped, as JSON does"


def test_a_rehearsal_keeps_its_own_state_file(tmp_path):
    from kiosk.cli import _parser, state_path

    programme = str(tmp_path / "programme.yaml")
    rehearsal = _parser().parse_args(["run", programme, "--at", "13:25", "--speed", "60"])
    day = _parser().parse_args(["run", programme])
    now = _parser().parse_args(["now", programme, "--at", "14:00"])
    assert state_path(rehearsal).name == "programme.rehearsal.state.json"
    assert state_path(day).name == state_path(now).name == "programme.state.json"


def test_at_in_an_evening_is_the_night_after(capsys, tmp_path):
    path = written(
        tmp_path,
        "event: {title: Feest, date: 2022-11-22, timezone: Europe/Amsterdam}\n"
        "programme:\n  - {start: 22:00, title: Feest, end: 03:30}\n",
    )
    data = now_json(capsys, str(path), "--at", "01:30")
    assert data["at"].startswith("2022-11-23T01:30")
    assert data["now"]["title"] == "Feest"


def test_check_shows_a_kind_as_written_but_never_as_codes(capsys, tmp_path):
    path = written(
        tmp_path,
        "event: {title: T, date: 2022-11-22, timezone: Europe/Amsterdam}\n"
        "programme:\n"
        '  - {start: 14:00, title: A, kind: "\\e]0;PWNED\\a\\e[31mrood", duration: 30}\n',
    )
    _, out, _ = run(capsys, "check", str(path))
    assert "\x1b" not in out and "\x07" not in out and "(rood)" in out


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_now_json_has_each_rooms_now_and_a_rounds_sessions(capsys, tmp_path):
    path = tmp_path / "symposium.yaml"
    shutil.copy(EXAMPLES / "symposium.yaml", path)
    data = now_json(capsys, str(path), "--at", "11:00")
    assert set(data) == TOP_KEYS and data["room"] is None
    check_item_shape(data["now"])
    assert data["now"]["title"] == "1ste ronde" and data["now"]["date"] == "2023-03-09"
    sessions = data["now"]["sessions"]
    assert [(s["room"], s["title"]) for s in sessions] == [
        ("Grote zaal", "Praktijksessie wijkteams"),
        ("Zaal 2", "Masterclass samenlevingsopbouw"),
        ("Zaal 3", "Werkplaats bewonersinitiatieven"),
    ]
    assert all((s["start"], s["end"]) == ("10:45", "11:45") for s in sessions)
    assert [r["room"] for r in data["rooms"]] == ["Grote zaal", "Zaal 2", "Zaal 3"]
    door = now_json(capsys, str(path), "--at", "11:00", "--room", "Zaal 2")
    assert door["room"] == "Zaal 2" and door["now"]["id"] == "1ste-ronde"


def test_now_json_for_a_room_of_a_two_day_conference(capsys, tmp_path):
    path = tmp_path / "conference.yaml"
    shutil.copy(EXAMPLES / "conference.yaml", path)
    data = now_json(capsys, str(path), "--at", "2023-05-26T11:30", "--room", "Main hall")
    assert data["now"]["title"] == "Archives online"
    assert (data["now"]["room"], data["now"]["date"]) == ("Main hall", "2023-05-26")
    assert data["next"]["title"] == "Closing and thanks" and data["next"]["room"] is None
    hall = now_json(capsys, str(path), "--at", "2023-05-26T11:30")
    assert hall["now"] is None and hall["phase"] == "during"
    assert {r["room"]: r["now"]["title"] for r in hall["rooms"]} == {
        "Main hall": "Archives online",
        "Studio": "Hack session: open transport",
    }
    between = now_json(capsys, str(path), "--at", "2023-05-26T07:00")
    assert between["phase"] == "before" and between["next"]["date"] == "2023-05-26"


@pytest.mark.parametrize(
    ("room", "message"),
    [
        (
            "Zaal 22",
            "kiosk: --room: 'Zaal 22' is not one of: Grote zaal, Zaal 2, Zaal 3; did you"
            " mean 'Zaal 2'?",
        ),
        ("Kelder", "kiosk: --room: 'Kelder' is not one of: Grote zaal, Zaal 2, Zaal 3"),
    ],
)
def test_an_unknown_room_is_refused_with_a_hint(capsys, tmp_path, room, message):
    path = tmp_path / "symposium.yaml"
    shutil.copy(EXAMPLES / "symposium.yaml", path)
    code, _, err = run(capsys, "now", str(path), "--room", room)
    assert (code, err.strip()) == (2, message)


def test_a_room_of_a_programme_without_rooms_is_refused(capsys, programme):
    code, _, err = run(capsys, "now", str(programme), "--room", "Zaal 2")
    assert code == 2 and "has no rooms (event.rooms)" in err


def test_check_prints_each_day_and_each_rooms_own_parts(capsys):
    code, out, _ = run(capsys, "check", str(EXAMPLES / "conference.yaml"))
    assert code == 0
    lines = out.splitlines()
    assert lines.index("Thursday 25 May 2023") < lines.index("Friday 26 May 2023")
    assert "  Main hall:" in lines and "  Studio:" in lines
    assert any(line.startswith("    10:45  Workshop: your first API") for line in lines)
    code, out, _ = run(capsys, "check", str(EXAMPLES / "symposium.yaml"))
    assert "Zaal 2 · Masterclass samenlevingsopbouw · Rob de Boer" in out


# -- --follow URL: a host on another machine ---------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["run", "--follow", "ftp://host/"], "--follow: 'ftp://host/' is not an http:// address"),
        (["run", "other.yaml", "--follow", "http://host:8000/"], "give no file"),
        (["run", "--follow", "http://host:8000/", "--state", "s.json"], "give no file"),
    ],
)
def test_follow_url_mistakes_are_one_line(args: list[str], said: str, capsys) -> None:
    assert main(args) == 2
    assert said in capsys.readouterr().err


def test_follow_url_waits_for_a_host_it_never_reached(tmp_path: Path, monkeypatch, capsys) -> None:
    import time

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def stop(seconds: float) -> None:
        raise KeyboardInterrupt  # the user's Ctrl+C while it waits

    monkeypatch.setattr(time, "sleep", stop)
    url = f"http://127.0.0.1:{_free_port()}/"
    assert main(["--follow", url]) == 130
    err = capsys.readouterr().err
    assert f"kiosk: waiting for {url} (" in err and "Ctrl+C stops" in err


def test_follow_url_starts_on_the_last_copies_when_the_host_is_away(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from kiosk.cli import _mirror, _parser
    from kiosk.files.mirror import folder_for

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    url = f"http://127.0.0.1:{_free_port()}/"
    copies = folder_for(url, tmp_path / "kiosk")
    copies.mkdir(parents=True)
    shutil.copy(PROGRAMME, copies / "programme.yaml")
    args = _parser().parse_args(["run", "--follow", url])
    mirror = _mirror(args)
    assert args.programme == str(copies / "programme.yaml")
    assert args.state == str(copies / "programme.state.json")
    assert not mirror.connected
    assert "showing the last copy" in capsys.readouterr().err


def test_follow_with_a_file_still_follows_that_file(programme_file: Path, monkeypatch) -> None:
    import kiosk.tui.app
    from kiosk.files.lifetime import Lifetime

    seen = {}

    def fake(settings, programme, clock=None, mirror=None, files=None):
        seen.update(settings=settings, mirror=mirror)
        raise KeyboardInterrupt

    monkeypatch.setattr(kiosk.tui.app, "make_app", fake)
    monkeypatch.setattr(Lifetime, "install_signals", lambda self: None)  # not the test's own
    try:
        assert main(["--follow", str(programme_file)]) == 130
    finally:
        import gc

        gc.enable()  # kiosk run holds collection off until its first frame, which never came
    assert seen["settings"].follow and seen["settings"].programme_path == programme_file
    assert seen["mirror"] is None


def test_now_json_says_the_turn_of_the_tables(capsys) -> None:
    tables = ROOT / "examples" / "leercafe-tables.yaml"
    assert main(["now", str(tables), "--at", "16:15", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["now"]["title"] == "Dialoogtafels met uitwisseling in kleine groepen"
    assert (data["round"], data["rounds"]) == (2, 3)
    assert main(["now", str(tables), "--at", "14:05", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["round"], data["rounds"]) == (None, None)
