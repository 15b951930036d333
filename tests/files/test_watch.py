"""Noticing an organiser's save: taken once it has settled, whatever way the editor saves.

No sleeps: each write sets its own mtime, so the signature changes deterministically.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.files.watch import Watch, signature

BASE_NS = 1_669_125_600 * 10**9  # 2022-11-22, any fixed moment will do


def save(path: Path, text: str, tick: int) -> None:
    """Write in place (as vi with backupcopy, or nano, does) with a distinct mtime."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(BASE_NS + tick * 10**9, BASE_NS + tick * 10**9))


def save_by_rename(path: Path, text: str, tick: int) -> None:
    """Write a new file and rename it over (as most editors and atomic writers do)."""
    tmp = path.with_name(f".{path.name}.swp")
    save(tmp, text, tick)
    os.replace(tmp, path)


def watched(tmp_path: Path, **kw) -> tuple[Path, Watch]:
    path = tmp_path / "programme.yaml"
    save(path, "event: {}\n", 0)
    return path, Watch(path, **kw)


def test_nothing_changed_is_no_change(tmp_path):
    _, watch = watched(tmp_path)
    assert [watch.poll() for _ in range(4)] == [False] * 4


def test_an_in_place_save_is_taken_after_it_settles(tmp_path):
    path, watch = watched(tmp_path)
    save(path, "event: {title: Nieuw}\n", 1)
    assert watch.poll() is False, "first sight: it may be mid-write"
    assert watch.poll() is True, "unchanged over two polls: take it"
    assert watch.poll() is False, "taken once"
    assert watch.poll() is False


def test_a_save_by_rename_is_taken_after_it_settles(tmp_path):
    path, watch = watched(tmp_path)
    before = signature(path)
    save_by_rename(path, "event: {title: Nieuw}\n", 1)
    assert signature(path) != before
    assert [watch.poll(), watch.poll(), watch.poll()] == [False, True, False]


def test_a_save_still_being_written_waits(tmp_path):
    path, watch = watched(tmp_path)
    save(path, "event: {tit", 1)  # cut off mid-write
    assert watch.poll() is False
    save(path, "event: {title: Nieuw, date: 2022-11-22}\n", 2)  # the rest arrives
    assert watch.poll() is False, "it changed again since the last look"
    assert watch.poll() is True
    assert watch.poll() is False


def test_two_saves_in_a_row_are_each_taken(tmp_path):
    path, watch = watched(tmp_path)
    save(path, "een\n", 1)
    assert [watch.poll(), watch.poll()] == [False, True]
    save_by_rename(path, "twee!\n", 2)
    assert [watch.poll(), watch.poll()] == [False, True]


def test_a_file_gone_for_two_looks_is_a_change_the_host_is_told_of(tmp_path):
    path, watch = watched(tmp_path)
    path.unlink()  # an editor that deletes before it writes is back within one look
    assert [watch.poll() for _ in range(5)] == [False, True, False, False, False]
    save(path, "terug\n", 3)  # the editor writes it back
    assert [watch.poll(), watch.poll(), watch.poll()] == [False, True, False]


def test_a_file_that_did_not_exist_yet(tmp_path):
    path = tmp_path / "programme.state.json"
    watch = Watch(path)
    assert watch.poll() is False
    save(path, "{}", 1)
    assert [watch.poll(), watch.poll()] == [False, True]


def test_without_settling_a_change_is_taken_at_first_sight(tmp_path):
    path, watch = watched(tmp_path, settle=False)
    save_by_rename(path, "{}", 1)
    assert watch.poll() is True
    assert watch.poll() is False
    save(path, '{"a": 1}', 2)
    assert watch.poll() is True


def test_without_settling_a_deleted_file_is_a_change_at_once(tmp_path):
    path, watch = watched(tmp_path, settle=False)
    path.unlink()
    assert [watch.poll(), watch.poll()] == [True, False]


def test_a_known_signature_at_start(tmp_path):
    path = tmp_path / "programme.yaml"
    save(path, "oud\n", 0)
    old = signature(path)
    save(path, "nieuwer\n", 1)  # changed between loading it and starting to watch
    watch = Watch(path, known=old)
    assert [watch.poll(), watch.poll()] == [False, True]


def test_signature_of_a_missing_file_is_none(tmp_path):
    assert signature(tmp_path / "weg") is None
