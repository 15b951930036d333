"""`kiosk report`: planned against actual, from the log a host's rehearsal leaves."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import at, leercafe
from kiosk.cli import main
from kiosk.core.live import Live, shift, start_item
from kiosk.core.logbook import Logged
from kiosk.core.report import replay, total_drift
from kiosk.files import statefile


async def rehearse(kiosk, programme_file: Path) -> None:
    """A rehearsal as a host runs it: the walk-in runs long, so the rest is shifted 5 minutes
    later at 13:55; at 14:05 the screen moves on to the opening by the clock, the host takes
    the walk-in back (p) and starts the opening at 14:08 (n, late), the research talk at
    14:31; at 15:00 another shift;
    an announcement; then a crash and a restart, and one more key."""
    app = kiosk(at="13:55")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus")
        app.clock.set(at("14:06"))
        app.tick()
        await pilot.press("p")
        app.clock.set(at("14:08"))
        app.tick()
        await pilot.press("n")
        app.clock.set(at("14:31"))
        app.tick()
        await pilot.press("n")  # the research talk, once the opening is done
        app.clock.set(at("15:00"))
        app.tick()
        await pilot.press("plus")
        await pilot.press("m", *"Koffie staat klaar", "enter")
        await pilot.pause()
        await app.flush()
    app = kiosk(at="15:40")  # the kiosk started again: the log goes on
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await app.flush()


def report(programme_file: Path, *extra: str, capsys) -> str:
    assert main(["report", str(programme_file), "--at", "18:30", *extra]) == 0
    return capsys.readouterr().out


async def test_the_report_after_a_rehearsal_says_what_really_happened(
    kiosk, programme_file: Path, capsys
) -> None:
    await rehearse(kiosk, programme_file)
    log = statefile.log_path(programme_file.with_name("programme.state.json"))
    lines = log.read_text().splitlines()
    assert [json.loads(line)["action"] for line in lines] == [
        "later",
        "previous",
        "next",
        "next",
        "later",
        "announce",
        "next",
    ]
    out = report(programme_file, capsys=capsys)
    rows = {line[30:].strip(): line for line in out.splitlines()[2:] if len(line) > 30}
    assert rows["Inloop"].startswith("13:30–14:00  13:30–14:08")  # the walk-in ran long
    assert rows["Opening en welkom"].startswith("14:00–14:22  14:08–14:31    +8")  # late
    assert rows["Onderzoek opbouwwerk De Schoor"].startswith("14:22–14:45  14:31–15:40    +9")
    assert "Koffie staat klaar" in out and "2× verschoven" in out
    assert "Aan het eind: +0 min tegen het plan" in out  # the drinks held 17:00


async def test_the_csv_opens_in_a_spreadsheet(kiosk, programme_file: Path, capsys) -> None:
    await rehearse(kiosk, programme_file)
    out = report(programme_file, "--csv", capsys=capsys)
    table = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(table) == 10  # every part, the end marker not
    opening = next(r for r in table if r["title"] == "Opening en welkom")
    assert (opening["actual_start"], opening["start_drift_minutes"]) == ("14:08", "8")
    assert opening["planned_minutes"] == "22" and opening["actual_minutes"] == "23"
    assert out.startswith("\ufeff")  # not a terminal: Excel reads "Leercafé" right


def test_without_a_log_the_day_followed_the_clock(programme_file: Path, capsys) -> None:
    assert main(["report", str(programme_file), "--at", "18:30"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "no host actions logged; the day followed the clock" in captured.err
    assert "13:30–14:00  13:30–14:00" in out


def test_a_cut_last_line_is_skipped_and_said(programme_file: Path, capsys) -> None:
    p = leercafe()
    live = start_item(Live(), p, 1, at("14:05"))
    log = statefile.log_path(programme_file.with_name("programme.state.json"))
    statefile.append_log(log, [Logged(at("14:05"), "next", live.state)])
    with log.open("a") as fh:
        fh.write('{"at": "2022-11-22T14:4')  # the power went mid-line
    assert main(["report", str(programme_file), "--at", "18:30"]) == 0
    captured = capsys.readouterr()
    assert "skipped 1 line(s)" in captured.err
    assert "14:00–14:22  14:05–17:00" in captured.out  # restarted at 14:05, held by the host


def test_replay_is_exact_at_the_hosts_keys() -> None:
    p = leercafe()
    late = start_item(Live(), p, 1, at("14:11:30"))
    shifted = shift(late, 5, at("14:20"))
    log = [Logged(at("14:11:30"), "next", late.state), Logged(at("14:20"), "later", shifted.state)]
    afternoon = replay(p, log, at("18:30"))
    opening = afternoon.parts[1]
    # the host's part stays on until the host moves on: here until the fixed drinks
    assert opening.started == at("14:11:30") and opening.ended == at("17:00")
    assert afternoon.parts[0].ended == at("14:00")  # the screen moved on by the clock then
    assert total_drift(afternoon) == 0  # the drinks hold 17:00 and the day ends at 18:00


@pytest.mark.parametrize("until", ["14:10", "16:00"])
def test_the_report_says_nothing_of_what_is_still_to_come(until: str) -> None:
    afternoon = replay(leercafe(), [], at(until))
    later = [part for part in afternoon.parts if part.item.start > at(until)]
    assert later and all(part.started is None for part in later)


def test_a_day_that_followed_the_clock_went_as_planned() -> None:
    p = leercafe()
    afternoon = replay(p, [], at("18:30"))
    for part in afternoon.parts:
        assert part.started == part.item.start, part.item.title
        assert part.ended == part.item.end, part.item.title
    assert total_drift(afternoon) == 0


def test_during_the_day_the_drift_is_so_far() -> None:
    from kiosk.core.report import text
    from kiosk.core.words import Words

    p = leercafe()
    live = start_item(Live(), p, 1, at("14:05"))
    log = [Logged(at("14:05"), "next", live.state)]
    assert "Tot nu toe: " in text(replay(p, log, at("15:00")), Words("nl"))
    assert "Aan het eind: " in text(replay(p, log, at("18:30")), Words("nl"))


def test_a_key_taken_back_or_one_that_only_unblanks_is_no_start() -> None:
    from kiosk.core.live import toggle_blank

    p = leercafe()
    on = start_item(Live(), p, 2, at("14:03"))  # the research talk, started at 14:03
    dark = toggle_blank(on, True)
    lecture = start_item(on, p, 3, at("14:30"))
    log = [
        Logged(at("14:03"), "next", on.state),
        Logged(at("14:10"), "blank", dark.state),
        Logged(at("14:14"), "next", on.state),  # n on a blank screen: it only comes back
        Logged(at("14:30"), "next", lecture.state),
        Logged(at("14:30:03"), "undo", lecture.undo().state),  # taken back at once
    ]
    afternoon = replay(p, log, at("14:40"))
    talk, lecture = afternoon.parts[2], afternoon.parts[3]
    assert talk.started == at("14:03")
    assert lecture.started is None  # on for three seconds, then undone: it did not start


def test_entries_of_another_day_are_not_this_events(programme_file: Path) -> None:
    p = leercafe()
    yesterday = start_item(Live(), p, 3, at("2022-11-21T20:00"))
    afternoon = replay(p, [Logged(at("2022-11-21T20:00"), "next", yesterday.state)], at("18:30"))
    assert all(part.started == part.item.start for part in afternoon.parts)


def test_after_a_cut_line_the_next_entry_is_kept(programme_file: Path) -> None:
    p = leercafe()
    log = statefile.log_path(programme_file.with_name("programme.state.json"))
    log.write_text('{"at": "2022-11-22T14:0')  # a crash mid-line
    live = start_item(Live(), p, 1, at("14:05"))
    statefile.append_log(log, [Logged(at("14:05"), "next", live.state)])
    entries, skipped = statefile.read_log(log)
    assert skipped == 1 and [e.action for e in entries] == ["next"]


async def test_a_renamed_part_keeps_its_place_in_the_log(kiosk, programme_file: Path) -> None:
    from conftest import scan_files

    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the research talk
        programme_file.write_text(
            programme_file.read_text().replace(
                "title: Onderzoek opbouwwerk De Schoor", "title: Onderzoek opbouwwerk"
            )
        )
        await scan_files(app, pilot)
        await pilot.pause()
        await app.flush()
    log = statefile.log_path(programme_file.with_name("programme.state.json"))
    entries, _ = statefile.read_log(log)
    assert [e.action for e in entries] == ["next", "reload"]
    assert entries[-1].state.item_id != entries[0].state.item_id  # the new id, logged
