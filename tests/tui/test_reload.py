"""Organisers save programme.yaml while the kiosk runs: every save reaches the screen, no typo
blanks it."""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path

from benchmarks.run import synthetic
from conftest import notices, scan_files, text_of
from kiosk.files import service as files_service
from kiosk.files.loader import load

GOOD_TITLE = "Opening en welkom"


async def test_save_in_place_is_on_screen(kiosk, programme_file: Path):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        text = programme_file.read_text().replace("by: De Schoor", "by: De Schoor (Almere)")
        with programme_file.open("r+") as fh:  # in place: same inode
            fh.write(text)
            fh.truncate()
        await scan_files(app, pilot)
        assert text_of(app, "#now-by") == "De Schoor (Almere)"
        assert "programma bijgewerkt: 1 gewijzigd" in notices(app)


async def test_save_by_rename_is_on_screen(kiosk, programme_file: Path):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        text = programme_file.read_text().replace(
            "  - {title: Plenaire afsluiting}\n",
            "  - {title: Plenaire afsluiting}\n  - {title: Groepsfoto, duration: 5}\n",
        )
        tmp = programme_file.with_name(".programme.yaml.swp")
        tmp.write_text(text)
        os.replace(tmp, programme_file)  # how vim and many IDEs save
        await scan_files(app, pilot)
        # the new item takes 5 minutes from the estimated parts around it
        assert "programma bijgewerkt: 1 nieuw, 8 gewijzigd" in notices(app)
        assert any(i.title == "Groepsfoto" for i in app.programme.items)


async def test_broken_save_keeps_the_last_good_programme_and_names_the_line(
    kiosk, programme_file: Path
):
    app = kiosk(at="14:05")
    good = programme_file.read_text()
    async with app.run_test(size=(80, 24)) as pilot:
        programme_file.write_text(good.replace("start: 14.00", "start: 14.75"))
        await scan_files(app, pilot)
        assert text_of(app, "#now-title") == GOOD_TITLE
        problem = text_of(app, "#problem")
        line = (
            good.splitlines().index(next(x for x in good.splitlines() if "start: 14.00" in x)) + 1
        )
        assert f"programme.yaml:{line}:" in problem
        assert "14.75" in problem and "het laatste goede programma blijft staan" in problem
        programme_file.write_text(good)  # fixed
        await scan_files(app, pilot)
        assert text_of(app, "#problem") == ""
        assert text_of(app, "#now-title") == GOOD_TITLE


async def test_empty_and_cut_off_saves_never_blank_the_screen(kiosk, programme_file: Path):
    app = kiosk(at="14:05")
    good = programme_file.read_text()
    async with app.run_test(size=(80, 24)) as pilot:
        for bad in ("", good[: len(good) // 3], "event: [unclosed\n"):
            programme_file.write_text(bad)
            await scan_files(app, pilot)
            assert text_of(app, "#now-title") == GOOD_TITLE
            assert text_of(app, "#problem") != ""
        programme_file.write_text(good)
        await scan_files(app, pilot)
        assert text_of(app, "#problem") == ""


async def test_a_save_still_being_written_is_not_taken(kiosk, programme_file: Path):
    app = kiosk(at="14:05")
    async with app.run_test(size=(80, 24)) as pilot:
        programme_file.write_text("")  # the editor truncated, and has not written yet
        await scan_files(app, pilot, scans=1)
        assert text_of(app, "#problem") == ""  # not judged before it settles
        assert text_of(app, "#now-title") == GOOD_TITLE


async def test_reload_during_host_mode_keeps_the_place_and_announcement(
    kiosk, programme_file: Path
):
    app = kiosk(at="14:15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "m", *"Koffie", "enter")
        await pilot.pause()
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        text = (
            programme_file.read_text()
            .replace("by: Mariël van Pelt en Sanneke Verweij (Movisie)", "by: Mariël van Pelt")
            .replace("{title: Pauze, kind: break}", "{title: Pauze, kind: break, duration: 15}", 1)
        )
        programme_file.write_text(text)
        await scan_files(app, pilot)
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        assert text_of(app, "#now-by") == "Mariël van Pelt"
        assert text_of(app, "#banner") == "» Koffie «"
        assert app.live.state.mode == "host"


async def test_renaming_the_hosts_item_keeps_the_place(kiosk, programme_file: Path):
    app = kiosk(at="14:15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        text = programme_file.read_text().replace(
            "title: Onderzoek opbouwwerk De Schoor", "title: Onderzoek naar opbouwwerk"
        )
        programme_file.write_text(text)
        await scan_files(app, pilot)
        assert app.live.state.mode == "host"
        assert text_of(app, "#now-title") == "Onderzoek naar opbouwwerk"


async def test_deleting_the_hosts_item_falls_back_to_the_clock(kiosk, programme_file: Path):
    app = kiosk(at="14:15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        good = programme_file.read_text()
        text = good.replace(
            "  - title: Onderzoek opbouwwerk De Schoor\n"
            "    by: Mariël van Pelt en Sanneke Verweij (Movisie)\n",
            "",
        )
        programme_file.write_text(text)
        await scan_files(app, pilot)
        assert any("bestaat niet meer" in n for n in notices(app))
        assert text_of(app, "#now-title") == GOOD_TITLE  # 14:15 by the clock
        assert text_of(app, "#status") == "klok"
        # the organiser undoes the deletion and saves: the host's place comes back
        programme_file.write_text(good)
        await scan_files(app, pilot)
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        assert text_of(app, "#status").startswith("host · ")


async def test_followers_take_the_save_too(kiosk, programme_file: Path):
    app = kiosk(at="14:05", follow=True)
    async with app.run_test(size=(80, 24)) as pilot:
        programme_file.write_text(programme_file.read_text().replace(GOOD_TITLE, "Welkom!"))
        await scan_files(app, pilot)
        assert text_of(app, "#now-title") == "Welkom!"
        programme_file.write_text("broken: [")
        await scan_files(app, pilot)
        assert text_of(app, "#now-title") == "Welkom!"
        assert text_of(app, "#problem") == ""  # the notice is for the host only


async def test_keys_and_the_clock_stay_live_while_a_large_programme_reloads(
    kiosk, programme_file: Path, monkeypatch
):
    """A 10,000-item save is read by a worker: the host's key and the next minute reach the
    screen while it is still being read, and the new programme follows when it is done."""
    app = kiosk(at="14:15")
    reading, release = threading.Event(), threading.Event()

    def held_load(path):
        reading.set()  # the worker has begun to read the save
        release.wait(10)
        return load(path)

    monkeypatch.setattr(files_service, "load", held_load)  # the look at the files reads it
    async with app.run_test(size=(80, 24)) as pilot:
        programme_file.write_text(synthetic(10_000))
        await app.poll()  # first sight of the save
        reloading = app.poll()  # unchanged since: taken, and held in the worker
        assert await asyncio.to_thread(reading.wait, 10)
        await pilot.press("n")
        app.clock.advance(60)
        app.tick()
        await pilot.pause()
        assert not reloading.done(), "the reload is still going on"
        assert text_of(app, "#now-title") == "Onderzoek opbouwwerk De Schoor"
        assert text_of(app, "#clock-text") == "14:16"
        release.set()
        await reloading
        await pilot.pause()
        assert len(app.programme.items) == 10_000
        assert text_of(app, "#now-title").startswith("Part ")
